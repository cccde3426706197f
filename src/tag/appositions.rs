//! An apposition headed by an organisation's noun names an organisation: `Acme, Freedonia's
//! state arms export company, said` and `Acme, a unit of Globex,` make `Acme` ORG. The model
//! reads an unknown word between commas as a place (a list of places, `Ogden, Freedonia`), and
//! its second pass then spreads the place to every mention of the word, so the rule relabels
//! them all. It only turns places and MISC into organisations: a place the gazetteers list
//! stays (`Ogden, the joint venture company,` is an address), and so does a name after a
//! preposition (`In Ogden, the bank said` is a clause, not an apposition). People are left
//! alone: the nouns that head their appositions are another list.
//!
//! The nouns (`company`, `unit`, `bank`, …) are learned from the unlabeled Reuters newswire
//! by `scripts/build-apposition-heads.py`, which reads an apposition exactly as
//! [`apposition_head`] does.

use std::collections::HashSet;

use super::lexicon::Gazetteers;
use super::EntitySpan;
use crate::schema::Label;

/// Nouns heading appositions that name an organisation, one per line (`#` starts a comment).
static APPOSITION_HEADS: &str = include_str!("apposition-heads.txt");

/// Gazetteer lists whose names are places, not organisations, whatever their apposition says.
const PLACE_LISTS: [&str; 4] = ["country", "big_city", "city", "region"];
/// Words after which a name and a comma open a clause (`In Ogden, the company …`).
const PREPOSITIONS: [&str; 14] = [
    "in", "at", "from", "to", "on", "near", "of", "for", "by", "with", "into", "across", "outside", "around",
];
/// Words that open an apposition; `its` and `their` name an owner, as a possessive does.
const DETERMINERS: [&str; 5] = ["the", "a", "an", "its", "their"];
/// Words after the head that start its complement (`a unit of Globex`, `a bank based in Ogden`).
const TAIL_WORDS: [&str; 9] = ["of", "in", "for", "based", "owned", "with", "at", "from", "on"];
/// A reporting verb may close an apposition with an owner (`Freedonia's carrier said`); after
/// `the` it ends a clause instead (`Ogden, the company said`).
const REPORTING: [&str; 2] = ["said", "says"];
const MAX_OWNER_WORDS: usize = 4;
const MAX_MODIFIERS: usize = 5;
const MAX_TAIL_WORDS: usize = 10;
const CLOSERS: [char; 3] = [',', ';', '.'];

/// Relabels as ORG every LOC or MISC span whose name, somewhere in the document, is followed by
/// an apposition headed by an organisation's noun, as the module says. `spans` are sorted.
pub fn label_appositions(text: &str, spans: &mut [EntitySpan], gazetteers: &Gazetteers) {
    let relabelled = |s: &EntitySpan| matches!(s.label, Label::LOC | Label::MISC);
    let organisations: HashSet<&str> = spans
        .iter()
        .filter(|s| relabelled(s) && !after_preposition(&text[..s.start]))
        .filter(|s| apposition_head(&text[s.end..]).is_some_and(is_organisation_head))
        .map(|s| &text[s.start..s.end])
        .filter(|name| !PLACE_LISTS.iter().any(|list| gazetteers.lists(list, name)))
        .collect();
    if organisations.is_empty() {
        return;
    }
    for s in spans.iter_mut().filter(|s| relabelled(s)) {
        if organisations.contains(&text[s.start..s.end]) {
            s.label = Label::ORG;
        }
    }
}

/// Whether the last word of `before` is a preposition.
fn after_preposition(before: &str) -> bool {
    let word = before.trim_end().rsplit(char::is_whitespace).next().unwrap_or("");
    PREPOSITIONS.iter().any(|p| word.eq_ignore_ascii_case(p))
}

/// The head noun of an apposition opening `after` (the text right after a name): `, ` then a
/// determiner or an owner's possessive (up to [`MAX_OWNER_WORDS`] words: `Freedonia's`, `the
/// world's`), up to [`MAX_MODIFIERS`] lowercase words, the head, and then either a closing
/// `,` `;` `.`, or a complement (`of Globex`) that one closes within [`MAX_TAIL_WORDS`]
/// words, or, after an owner, a reporting verb.
fn apposition_head(after: &str) -> Option<&str> {
    let mut words = after.strip_prefix(", ")?.split(' ').peekable();
    let first = *words.peek()?;
    let owned_by_the = first == "the" && words.clone().nth(1).is_some_and(possessive);
    let owner = if DETERMINERS.contains(&first) && !owned_by_the {
        words.next();
        first == "its" || first == "their"
    } else {
        let mut owner_words = 0;
        loop {
            let word = words.next()?;
            if possessive(word) {
                break;
            }
            owner_words += 1;
            let capitalised = word.starts_with(char::is_uppercase);
            if owner_words == MAX_OWNER_WORDS || !(capitalised || (owner_words == 1 && word == "the")) {
                return None;
            }
        }
        true
    };
    for _ in 0..=MAX_MODIFIERS {
        let word = words.next()?;
        let bare = word.trim_end_matches(CLOSERS);
        if !is_lowercase_word(bare) || REPORTING.contains(&bare) {
            return None;
        }
        if bare.len() < word.len() {
            return Some(bare);
        }
        match words.peek() {
            Some(next) if REPORTING.contains(next) => return owner.then_some(bare),
            Some(next) if TAIL_WORDS.contains(next) => {
                let closed = words.skip(1).take(MAX_TAIL_WORDS).any(|w| w.ends_with(CLOSERS));
                return closed.then_some(bare);
            }
            _ => {}
        }
    }
    None
}

fn possessive(word: &str) -> bool {
    ["'s", "’s"].iter().any(|s| word.len() > s.len() && word.ends_with(s))
}

fn is_lowercase_word(word: &str) -> bool {
    word.starts_with(char::is_lowercase) && word.chars().all(|c| c.is_alphabetic() || c == '-')
}

fn is_organisation_head(word: &str) -> bool {
    APPOSITION_HEADS.lines().any(|l| l == word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labelled(text: &str, parts: &[(&str, Label)]) -> Vec<(String, Label)> {
        let gazetteers = Gazetteers::parse("@city\nOgden\n");
        let mut spans = EntitySpan::in_order(text, parts);
        label_appositions(text, &mut spans, &gazetteers);
        EntitySpan::texts(text, &spans)
    }

    #[test]
    fn the_head_is_the_last_lowercase_word_before_the_close() {
        assert_eq!(
            apposition_head(", Freedonia's state arms export company said it"),
            Some("company")
        );
        assert_eq!(
            apposition_head(", the world's largest maker of widgets, said"),
            Some("maker")
        );
        assert_eq!(apposition_head(", a unit of Globex Corp, said"), Some("unit"));
        assert_eq!(apposition_head(", the country's biggest lender."), Some("lender"));
        assert_eq!(apposition_head(", Acme Corp's parent; the"), Some("parent"));
    }

    #[test]
    fn clauses_and_lists_are_no_appositions() {
        // `the … said` closes a clause: the name is where something was said.
        assert_eq!(apposition_head(", the company said on Monday."), None);
        assert_eq!(apposition_head(", a spokesman said."), None);
        // A list of names, a number, an unclosed complement, no comma at all.
        assert_eq!(apposition_head(", Globex and Initech signed"), None);
        assert_eq!(apposition_head(", 2019, the bank"), None);
        assert_eq!(
            apposition_head(", a unit of a very large and old group that never ends"),
            None
        );
        assert_eq!(apposition_head(" the company,"), None);
    }

    #[test]
    fn an_organisations_apposition_relabels_every_mention() {
        let text = "On Monday, Acmexport, Freedonia's state arms export company said it would sell. \
                    Acmexport spokesman Jane Roe added more.";
        let got = labelled(
            text,
            &[
                ("Acmexport", Label::LOC),
                ("Freedonia", Label::LOC),
                ("Acmexport", Label::LOC),
                ("Jane Roe", Label::PER),
            ],
        );
        assert_eq!(got[0], ("Acmexport".to_string(), Label::ORG));
        assert_eq!(got[1], ("Freedonia".to_string(), Label::LOC));
        assert_eq!(got[2], ("Acmexport".to_string(), Label::ORG));
        assert_eq!(got[3], ("Jane Roe".to_string(), Label::PER));
    }

    #[test]
    fn places_people_and_other_heads_stay() {
        // A listed place, a place after a preposition, a person, a head no organisation has.
        let cases = [
            ("Ogden, the joint venture company, said", "Ogden", Label::LOC),
            ("In Smallville, the bank, which is old, said", "Smallville", Label::LOC),
            ("Jane Roe, the bank's adviser, said", "Jane Roe", Label::PER),
            (
                "Freedonia, the region's largest producer, said",
                "Freedonia",
                Label::LOC,
            ),
        ];
        for (text, name, label) in cases {
            assert_eq!(labelled(text, &[(name, label)])[0], (name.to_string(), label), "{text}");
        }
    }
}
