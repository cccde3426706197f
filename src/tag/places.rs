//! A country, big city or region read as a lone person is the place, unless a person in the
//! document bears its name. The second pass spreads a label across a document's mentions of a
//! word, and one person-like context (`He urged Freedonia and others`) can turn every `Freedonia`
//! into a person. In CoNLL train and dev, every one-word person named like a country, big city
//! or region shares its word with a full name in the same document (`Ann Chad` … `Chad`).
//!
//! A country or region named in several words (`North Freedonia`, `Latin America`) is the place
//! whether read as a person or as MISC: in CoNLL train and dev no PER or MISC span is such a
//! name. A one-word place read as MISC is the place too, unless the list of nationalities also
//! holds the word (`Thai`) or a capitalised word follows it (`the Springfield Grand Prix`, where
//! the name goes on): in CoNLL train and dev, that leaves one such MISC span, and it is a place.

use std::collections::HashSet;

use super::lexicon::Gazetteers;
use super::EntitySpan;
use crate::schema::Label;

/// The gazetteer lists whose one-word entries are places first.
const PLACE_LISTS: [&str; 3] = ["country", "big_city", "region"];
/// The lists whose entries of several words are places only.
const AREA_LISTS: [&str; 2] = ["country", "region"];

/// Relabels as LOC each span that names a place, as the module says: a one-word PER span that a
/// place list holds and that is neither the first nor the last word of a longer PER span; a
/// PER or MISC span of several words that a country or region list holds; a one-word MISC span
/// that a place list holds, that is no nationality and that no capitalised word follows.
pub fn restore_places(text: &str, spans: &mut [EntitySpan], gazetteers: &Gazetteers) {
    let name_parts: HashSet<&str> = spans
        .iter()
        .filter(|s| s.label == Label::PER)
        .map(|s| &text[s.start..s.end])
        .filter_map(|name| Some((name.split_once(' ')?.0, name.rsplit_once(' ')?.1)))
        .flat_map(|(first, last)| [first, last])
        .collect();
    let listed = |lists: &[&str], name: &str| lists.iter().any(|list| gazetteers.lists(list, name));
    for s in spans.iter_mut() {
        let name = &text[s.start..s.end];
        let one_word = !name.contains(char::is_whitespace);
        let place = match s.label {
            Label::PER if one_word => !name_parts.contains(name) && listed(&PLACE_LISTS, name),
            Label::MISC if one_word => {
                let name_goes_on = text[s.end..]
                    .strip_prefix(' ')
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(char::is_uppercase);
                !name_goes_on && !gazetteers.lists("demonym", name) && listed(&PLACE_LISTS, name)
            }
            Label::PER | Label::MISC => listed(&AREA_LISTS, name),
            _ => false,
        };
        if place {
            s.label = Label::LOC;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The labels after the rule, for `people` tagged PER in this order in `text`.
    fn relabelled(text: &str, people: &[&str]) -> Vec<(String, Label)> {
        relabelled_as(text, people, Label::PER)
    }

    /// The labels after the rule, for `names` tagged `label` in this order in `text`.
    fn relabelled_as(text: &str, names: &[&str], label: Label) -> Vec<(String, Label)> {
        let gazetteers = Gazetteers::parse(
            "@country\nFreedonia\nNorth Freedonia\n@city\nSpringfield\n@big_city\nOgden\n@demonym\nFreedonia\n@region\nLow Lands\n",
        );
        let parts: Vec<(&str, Label)> = names.iter().map(|&name| (name, label)).collect();
        let mut spans = EntitySpan::in_order(text, &parts);
        restore_places(text, &mut spans, &gazetteers);
        EntitySpan::texts(text, &spans)
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

    #[test]
    fn a_country_or_region_of_several_words_is_the_place() {
        let got = relabelled("Low Lands is growing.", &["Low Lands"]);
        assert_eq!(got[0].1, Label::LOC);
        let got = relabelled_as(
            "trade with North Freedonia and Low Lands",
            &["North Freedonia", "Low Lands"],
            Label::MISC,
        );
        assert!(got.iter().all(|(_, l)| *l == Label::LOC), "{got:?}");
        // a person named after one word of it stays a person
        let got = relabelled("Low Smith said so.", &["Low Smith"]);
        assert_eq!(got[0].1, Label::PER);
    }

    #[test]
    fn a_lone_place_read_as_misc_is_the_place_unless_a_name_goes_on_or_it_is_a_nationality() {
        let got = relabelled_as("flights to Ogden were cut", &["Ogden"], Label::MISC);
        assert_eq!(got[0].1, Label::LOC);
        let got = relabelled_as("the Ogden Grand Prix", &["Ogden"], Label::MISC);
        assert_eq!(got[0].1, Label::MISC);
        // a nationality as well as a country name (here, by the test's lists)
        let got = relabelled_as("Freedonia officials", &["Freedonia"], Label::MISC);
        assert_eq!(got[0].1, Label::MISC);
        // a small town's name is no place to overrule the tagger with
        let got = relabelled_as("Springfield fans", &["Springfield"], Label::MISC);
        assert_eq!(got[0].1, Label::MISC);
    }
}
