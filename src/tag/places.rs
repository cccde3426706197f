//! A country, big city or region read as a lone person is the place, unless a person in the
//! document bears its name. The second pass spreads a label across a document's mentions of a
//! word, and one person-like context (`He urged Freedonia and others`) can turn every `Freedonia`
//! into a person. In CoNLL train and dev, every one-word person named like a country, big city
//! or region shares its word with a full name in the same document (`Ann Chad` … `Chad`).

use std::collections::HashSet;

use super::lexicon::Gazetteers;
use super::EntitySpan;
use crate::schema::Label;

/// The gazetteer lists whose one-word entries are places first.
const PLACE_LISTS: [&str; 3] = ["country", "big_city", "region"];

/// Relabels as LOC each one-word PER span that a place list holds and that is neither the first
/// nor the last word of a longer PER span in `spans`.
pub fn restore_places(text: &str, spans: &mut [EntitySpan], gazetteers: &Gazetteers) {
    let name_parts: HashSet<&str> = spans
        .iter()
        .filter(|s| s.label == Label::PER)
        .map(|s| &text[s.start..s.end])
        .filter_map(|name| Some((name.split_once(' ')?.0, name.rsplit_once(' ')?.1)))
        .flat_map(|(first, last)| [first, last])
        .collect();
    for s in spans.iter_mut() {
        let word = &text[s.start..s.end];
        if s.label == Label::PER
            && !word.contains(' ')
            && !name_parts.contains(word)
            && PLACE_LISTS.iter().any(|list| gazetteers.lists(list, word))
        {
            s.label = Label::LOC;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The labels after the rule, for `people` tagged PER in this order in `text`.
    fn relabelled(text: &str, people: &[&str]) -> Vec<(String, Label)> {
        let gazetteers = Gazetteers::parse("@country\nFreedonia\n@city\nSpringfield\n");
        let mut from = 0;
        let mut spans: Vec<EntitySpan> = people
            .iter()
            .map(|p| {
                let start = from + text[from..].find(p).unwrap();
                from = start + p.len();
                EntitySpan {
                    start,
                    end: from,
                    label: Label::PER,
                }
            })
            .collect();
        restore_places(text, &mut spans, &gazetteers);
        spans
            .iter()
            .map(|s| (text[s.start..s.end].to_string(), s.label))
            .collect()
    }

    #[test]
    fn a_lone_country_is_the_place() {
        let got = relabelled("He urged Freedonia to act, said Ann Lee.", &["Freedonia", "Ann Lee"]);
        assert_eq!(got[0], ("Freedonia".to_string(), Label::LOC));
        assert_eq!(got[1], ("Ann Lee".to_string(), Label::PER));
    }

    #[test]
    fn a_person_of_that_name_and_small_towns_stay_people() {
        let got = relabelled(
            "Ted Freedonia won. Freedonia said so.",
            &["Ted Freedonia", "Freedonia said"],
        );
        assert!(got.iter().all(|(_, l)| *l == Label::PER), "{got:?}");
        let got = relabelled(
            "Freedonia Smith won. Later Freedonia left.",
            &["Freedonia Smith", "Freedonia left"],
        );
        assert!(got.iter().all(|(_, l)| *l == Label::PER), "{got:?}");
        // town lists hold too many surnames to overrule the tagger
        let got = relabelled("Springfield said so.", &["Springfield"]);
        assert_eq!(got[0].1, Label::PER);
    }
}
