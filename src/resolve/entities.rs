//! Mentions into canonical entities: a surname joins the full name it abbreviates, an acronym
//! the name it abbreviates (`CBSS` → `Council of Baltic Sea States`), a dotted acronym its
//! plain form (`U.S.` ≡ `US`), and identical mentions one another. The canonical name is the
//! fullest form in the article; an acronym the article never spells out takes the expansion
//! learned from newswire (`aliases.tsv`, built by `scripts/build-aliases.py`).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use crate::calendar;
use crate::schema::Label;
use crate::tag::EntitySpan;

/// An entity of one article: its name, type and mentions (byte ranges of the body).
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub name: String,
    pub label: Label,
    pub mentions: Vec<Range<usize>>,
    /// Calendar value of a DATE, when the text gives one.
    pub value: Option<String>,
}

/// Groups tagged spans into entities, most mentioned first. Also returns, for each input span,
/// the index of its entity.
pub fn resolve_entities(text: &str, spans: &[EntitySpan]) -> (Vec<Resolved>, Vec<usize>) {
    let surface: Vec<String> = spans.iter().map(|s| normalize(&text[s.start..s.end])).collect();
    let mut labels: Vec<Label> = spans.iter().map(|s| s.label).collect();
    let fullest = fullest_forms(&surface, &labels);

    // Full names (two or more words) of people, keyed by their last and first words.
    // A lone word joins a full name by its last word (`Petrov`), or by its first word when the
    // tagger itself called the lone word a person (`Ingrid`, rarely); keys are tagged to tell
    // the two apart.
    let mut by_part: HashMap<(bool, &str), Vec<usize>> = HashMap::new();
    for (i, s) in surface.iter().enumerate() {
        if labels[i] == Label::PER && s.contains(' ') && fullest[i] == i {
            for (first, part) in [
                (false, s.rsplit(' ').next().unwrap_or("")),
                (true, s.split(' ').next().unwrap_or("")),
            ] {
                let list = by_part.entry((first, part)).or_default();
                if !list.iter().any(|&j| surface[j] == *s) {
                    list.push(i);
                }
            }
        }
    }
    // Multi-word names keyed by their initials, for acronyms.
    let mut by_initials: HashMap<String, usize> = HashMap::new();
    for (i, s) in surface.iter().enumerate() {
        if labels[i].is_name() {
            let key = initials(s);
            if key.len() >= 2 {
                by_initials.entry(key).or_insert(i);
            }
        }
    }
    let mut misc_forms: HashMap<&str, usize> = HashMap::new();
    for (i, s) in surface.iter().enumerate() {
        if labels[i] == Label::MISC {
            misc_forms.entry(s.as_str()).or_insert(i);
        }
    }
    // Each span's representative: the span whose surface names its entity.
    let mut rep: Vec<usize> = (0..spans.len()).collect();
    for i in 0..spans.len() {
        let s = &surface[i];
        if fullest[i] != i {
            rep[i] = fullest[i];
            continue;
        }
        if !s.contains(' ') && labels[i].is_name() {
            let by_last = by_part.get(&(false, s.as_str())).filter(|v| v.len() == 1);
            let by_first = by_part
                .get(&(true, s.as_str()))
                .filter(|v| v.len() == 1 && labels[i] == Label::PER);
            if let Some(full) = by_last.or(by_first) {
                rep[i] = full[0];
                labels[i] = Label::PER;
                continue;
            }
        }
        if is_acronym(s) {
            if let Some(&j) = by_initials.get(s.as_str()) {
                rep[i] = j;
                labels[i] = labels[j];
                continue;
            }
        }
        // A plural nationality joins its singular: `Chileans` with `Chilean`.
        if labels[i] == Label::MISC {
            if let Some(&j) = plural_stem(s).and_then(|stem| misc_forms.get(stem)) {
                rep[i] = j;
            }
        }
    }
    // Group by the representative's surface and label.
    let mut order: Vec<(String, Label)> = Vec::new();
    let mut groups: HashMap<(String, Label), Vec<usize>> = HashMap::new();
    for i in 0..spans.len() {
        let key = (surface[rep[i]].clone(), labels[rep[i]]);
        groups
            .entry(key.clone())
            .or_insert_with(|| {
                order.push(key.clone());
                Vec::new()
            })
            .push(i);
    }
    let mut entities: Vec<(Resolved, Vec<usize>)> = order
        .into_iter()
        .map(|key| {
            let members = groups.remove(&key).unwrap_or_default();
            let mut name = canonical_name(text, spans, &members);
            if key.1.is_name() {
                if let Some(expansion) = expansion_of(&key.0) {
                    name = expansion.to_string();
                }
            }
            let value = (key.1 == Label::DATE)
                .then(|| calendar::dates(&name).first().and_then(|(d, _)| d.iso()))
                .flatten();
            let mentions = members.iter().map(|&i| spans[i].start..spans[i].end).collect();
            (
                Resolved {
                    name,
                    label: key.1,
                    mentions,
                    value,
                },
                members,
            )
        })
        .collect();
    entities.sort_by(|a, b| {
        b.0.mentions
            .len()
            .cmp(&a.0.mentions.len())
            .then(a.0.mentions[0].start.cmp(&b.0.mentions[0].start))
    });
    let mut entity_of = vec![0; spans.len()];
    for (e, (_, members)) in entities.iter().enumerate() {
        for &i in members {
            entity_of[i] = e;
        }
    }
    (entities.into_iter().map(|(r, _)| r).collect(), entity_of)
}

/// For each span, the span of the fullest form of its person's name: full names with the same
/// first and last word whose middle names agree (`George Bush`, `George W. Bush`; `John M.
/// Roe`, `John Milo Roe`) are one person when the fullest of them agrees with every other;
/// `George H. Bush` and `George W. Bush` stay two, and so does a lone `George Bush` beside
/// them. Other spans are their own.
fn fullest_forms(surface: &[String], labels: &[Label]) -> Vec<usize> {
    let mut fullest: Vec<usize> = (0..surface.len()).collect();
    // (first word, last word) -> the first span of each distinct full name
    let mut by_ends: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (i, s) in surface.iter().enumerate() {
        if labels[i] != Label::PER {
            continue;
        }
        if let (Some((first, _)), Some((_, last))) = (s.split_once(' '), s.rsplit_once(' ')) {
            let forms = by_ends.entry((first, last)).or_default();
            if !forms.iter().any(|&j| surface[j] == *s) {
                forms.push(i);
            }
        }
    }
    let mut form_of: HashMap<&str, usize> = HashMap::new();
    for forms in by_ends.values().filter(|forms| forms.len() > 1) {
        let Some(&full) = forms
            .iter()
            .max_by_key(|&&i| (surface[i].split(' ').count(), surface[i].len()))
        else {
            continue;
        };
        if forms.iter().all(|&i| middle_names_agree(&surface[i], &surface[full])) {
            for &i in forms {
                form_of.insert(surface[i].as_str(), full);
            }
        }
    }
    for (i, s) in surface.iter().enumerate() {
        if labels[i] == Label::PER {
            if let Some(&full) = form_of.get(s.as_str()) {
                fullest[i] = full;
            }
        }
    }
    fullest
}

/// Whether the middle names of `name` agree with those of `fuller` (same first and last word):
/// none, or as many, each the same word or its initial (`M.` ~ `Milo`).
fn middle_names_agree(name: &str, fuller: &str) -> bool {
    let (a, b) = (middle_names(name), middle_names(fuller));
    let initial = |w: &str| {
        let bare = w.trim_end_matches('.');
        let mut chars = bare.chars();
        chars.next().filter(|c| c.is_uppercase() && chars.next().is_none())
    };
    let agree = |x: &str, y: &str| {
        x == y || initial(x).is_some_and(|c| y.starts_with(c)) || initial(y).is_some_and(|c| x.starts_with(c))
    };
    a.is_empty() || (a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| agree(x, y)))
}

/// The words of a full name between its first and its last.
fn middle_names(name: &str) -> Vec<&str> {
    let words: Vec<&str> = name.split(' ').collect();
    words[1..words.len().saturating_sub(1).max(1)].to_vec()
}

/// `Chileans` → `Chilean`: the singular of a one-word plural (not `Swiss`).
pub fn plural_stem(word: &str) -> Option<&str> {
    let stem = word.strip_suffix('s')?;
    (!stem.ends_with('s') && !stem.contains(' ') && stem.chars().count() >= 3).then_some(stem)
}

/// Acronym → expansion, learned from newswire by `scripts/build-aliases.py`.
fn expansion_of(acronym: &str) -> Option<&'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        include_str!("aliases.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut fields = l.split('\t');
                Some((fields.next()?, fields.next()?))
            })
            .collect()
    });
    if !is_acronym(acronym) {
        return None;
    }
    table.get(acronym).copied()
}

/// The fullest surface form among the members: most words, then longest.
fn canonical_name(text: &str, spans: &[EntitySpan], members: &[usize]) -> String {
    members
        .iter()
        .map(|&i| strip_possessive(&text[spans[i].start..spans[i].end]))
        .max_by_key(|s| (s.split_whitespace().count(), s.len()))
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn strip_possessive(s: &str) -> &str {
    s.strip_suffix("'s").or_else(|| s.strip_suffix("’s")).unwrap_or(s)
}

/// The comparison form of a mention: possessive dropped, dots of acronyms dropped, spaces single.
fn normalize(s: &str) -> String {
    let s = strip_possessive(s.trim());
    let dotted_acronym = s.len() <= 12 && s.contains('.') && s.split('.').all(|p| p.chars().count() <= 1);
    let s = if dotted_acronym {
        s.replace('.', "")
    } else {
        s.to_string()
    };
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_acronym(s: &str) -> bool {
    (2..=6).contains(&s.len()) && s.chars().all(|c| c.is_ascii_uppercase())
}

/// `Council of Baltic Sea States` → `CBSS` (capitalised words only).
fn initials(s: &str) -> String {
    let words: Vec<&str> = s.split(' ').collect();
    if words.len() < 2 {
        return String::new();
    }
    words
        .iter()
        .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surnames_acronyms_and_repeats_group() {
        let text = "Ivan Petrov met the Council of Baltic Sea States. Petrov's aide said the CBSS met in the U.S. and the US on Friday and Friday.";
        let spans = EntitySpan::in_order(
            text,
            &[
                ("Ivan Petrov", Label::PER),
                ("Council of Baltic Sea States", Label::ORG),
                ("Petrov's", Label::LOC),
                ("CBSS", Label::ORG),
                ("U.S.", Label::LOC),
                ("US", Label::LOC),
                ("Friday", Label::DATE),
                ("Friday", Label::DATE),
            ],
        );
        let (ents, entity_of) = resolve_entities(text, &spans);
        let find = |name: &str| {
            ents.iter()
                .find(|e| e.name == name)
                .unwrap_or_else(|| panic!("{name}: {ents:?}"))
        };
        assert_eq!(find("Ivan Petrov").mentions.len(), 2);
        assert_eq!(find("Ivan Petrov").label, Label::PER);
        assert_eq!(find("Council of Baltic Sea States").mentions.len(), 2);
        assert_eq!(find("United States").mentions.len(), 2);
        assert_eq!(find("Friday").mentions.len(), 2);
        assert_eq!(entity_of[0], entity_of[2]);
        assert_eq!(ents.len(), 4);
    }

    #[test]
    fn acronyms_never_spelled_out_take_the_learned_expansion() {
        let text = "The US and the U.S. Treasury; the UN; the XQZ.";
        let spans = EntitySpan::in_order(
            text,
            &[
                ("US", Label::LOC),
                ("U.S.", Label::ORG),
                ("UN", Label::ORG),
                ("XQZ", Label::ORG),
            ],
        );
        let (ents, _) = resolve_entities(text, &spans);
        let names: Vec<(&str, Label)> = ents.iter().map(|e| (e.name.as_str(), e.label)).collect();
        assert!(names.contains(&("United States", Label::LOC)), "{names:?}");
        assert!(names.contains(&("United Nations", Label::ORG)));
        assert!(names.contains(&("XQZ", Label::ORG)));
        assert_eq!(
            ents.iter().find(|e| e.name == "United States").unwrap().mentions.len(),
            1
        );
    }

    #[test]
    fn a_lone_word_joins_by_surname_not_by_a_leading_word() {
        let text = "Russian Minister Ivan Petrov spoke. Petrov left. Russian troops stayed.";
        let spans = EntitySpan::in_order(
            text,
            &[
                ("Russian Minister Ivan Petrov", Label::PER),
                ("Petrov", Label::PER),
                ("Russian", Label::MISC),
            ],
        );
        let (ents, _) = resolve_entities(text, &spans);
        assert_eq!(ents.len(), 2, "{ents:?}");
        assert_eq!(ents.iter().find(|e| e.label == Label::MISC).unwrap().name, "Russian");
    }

    #[test]
    fn plural_nationalities_join_the_singular() {
        let text = "Chilean officials said Chileans had fled; Swiss banks and the Swis.";
        let spans = EntitySpan::in_order(
            text,
            &[
                ("Chilean", Label::MISC),
                ("Chileans", Label::MISC),
                ("Swiss", Label::MISC),
                ("Swis", Label::MISC),
            ],
        );
        let (ents, _) = resolve_entities(text, &spans);
        assert_eq!(ents.len(), 3, "{ents:?}");
        assert_eq!(ents[0].name, "Chileans");
        assert_eq!(ents[0].mentions.len(), 2);
    }

    #[test]
    fn full_names_with_agreeing_middle_names_are_one_person() {
        let text = "John M. Roe spoke. John Roe left. Later John Milo Roe and Roe returned. \
                    Ann B. Lee met Ann C. Lee and Ann Lee.";
        let names = [
            ("John M. Roe", Label::PER),
            ("John Roe", Label::PER),
            ("John Milo Roe", Label::PER),
            ("Roe", Label::PER),
            ("Ann B. Lee", Label::PER),
            ("Ann C. Lee", Label::PER),
            ("Ann Lee", Label::PER),
        ];
        let (ents, _) = resolve_entities(text, &EntitySpan::in_order(text, &names));
        let roe = ents.iter().find(|e| e.name == "John Milo Roe").expect("one John Roe");
        assert_eq!(roe.mentions.len(), 4, "{ents:?}");
        // `B.` and `C.` disagree: three people named Ann Lee, as far as the text says.
        assert_eq!(ents.iter().filter(|e| e.name.starts_with("Ann")).count(), 3, "{ents:?}");
    }

    #[test]
    fn ambiguous_surnames_stay_apart() {
        let text = "John Smith and Jane Smith met. Smith left.";
        let spans = EntitySpan::in_order(
            text,
            &[
                ("John Smith", Label::PER),
                ("Jane Smith", Label::PER),
                ("Smith", Label::PER),
            ],
        );
        let (ents, _) = resolve_entities(text, &spans);
        assert_eq!(ents.len(), 3);
    }

    #[test]
    fn dates_get_calendar_values() {
        let text = "It began in January 2019.";
        let (ents, _) = resolve_entities(text, &EntitySpan::in_order(text, &[("January 2019", Label::DATE)]));
        assert_eq!(ents[0].value.as_deref(), Some("2019-01"));
    }
}
