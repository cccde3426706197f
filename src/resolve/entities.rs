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

    // Full names (two or more words) of people, keyed by their last and first words.
    // A lone word joins a full name by its last word (`Petrov`), or by its first word when the
    // tagger itself called the lone word a person (`Ingrid`, rarely); keys are tagged to tell
    // the two apart.
    let mut by_part: HashMap<(bool, &str), Vec<usize>> = HashMap::new();
    for (i, s) in surface.iter().enumerate() {
        if labels[i] == Label::PER && s.contains(' ') {
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

    fn spans_of(text: &str, found: &[(&str, Label)]) -> Vec<EntitySpan> {
        let mut out = Vec::new();
        let mut from = 0;
        for (s, label) in found {
            let at = from + text[from..].find(s).expect(s);
            out.push(EntitySpan {
                start: at,
                end: at + s.len(),
                label: *label,
            });
            from = at + s.len();
        }
        out
    }

    #[test]
    fn surnames_acronyms_and_repeats_group() {
        let text = "Ivan Petrov met the Council of Baltic Sea States. Petrov's aide said the CBSS met in the U.S. and the US on Friday and Friday.";
        let spans = spans_of(
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
        let spans = spans_of(
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
        let spans = spans_of(
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
        let spans = spans_of(
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
    fn ambiguous_surnames_stay_apart() {
        let text = "John Smith and Jane Smith met. Smith left.";
        let spans = spans_of(
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
        let (ents, _) = resolve_entities(text, &spans_of(text, &[("January 2019", Label::DATE)]));
        assert_eq!(ents[0].value.as_deref(), Some("2019-01"));
    }
}
