//! A nationality before an institution named in common words is part of its name: `French
//! Interior Ministry`, `Brazilian Senate`, not `French` + `Interior Ministry`. CoNLL annotates
//! both ways; readers (and the articles' own indexes) name the institution with its country,
//! and the institution alone is ambiguous across a story about several countries. A proper
//! name keeps its own span: `German` + `Bundesbank`.
//!
//! The model sometimes leaves the institution out after a nationality it is sure of
//! (`the Freedonian Foreign Ministry's spokesman` gives only `Freedonian`). Capitalised common
//! words there that end in a word that ends institutions' names (`Ministry`, `Council`,
//! `Party`: learned from CoNLL train by `scripts/build-institution-heads.py`) are the
//! institution all the same.

use super::lexicon::{hash_lower, WordStats, CAP_BUCKETS};
use super::EntitySpan;
use crate::schema::Label;

/// Words that end institutions' names, one per line (`#` starts a comment).
static INSTITUTION_HEADS: &str = include_str!("institution-heads.txt");

/// The most common words an institution read past its nationality may have (`Foreign Affairs
/// Ministry`).
const MAX_UNTAGGED_WORDS: usize = 3;

/// Joins each one-word MISC span directly followed (one space) by an ORG span whose words are
/// all common words, i.e. seen lowercase in newswire, into one ORG span; where no span
/// follows, capitalised common words ending in an institution's head word join it the same
/// way. `spans` are sorted.
pub fn join_nationalities(text: &str, spans: &mut Vec<EntitySpan>, words: &WordStats) {
    // Words capitalised nearly always are names themselves (the top bucket), as are unseen ones.
    let common = |w: &str| words.stats(hash_lower(w)).0 < CAP_BUCKETS - 1;
    // A nationality is one word: `Acme-led` qualifies, it names no country.
    let nationality = |s: &EntitySpan| s.label == Label::MISC && !text[s.start..s.end].contains([' ', '-']);
    let mut kept = 0;
    for i in 0..spans.len() {
        let s = spans[i];
        let next_start = spans.get(i + 1).map_or(text.len(), |n| n.start);
        if nationality(&s) {
            if let Some(end) = untagged_institution(&text[s.end..next_start], &common) {
                spans[kept] = EntitySpan {
                    start: s.start,
                    end: s.end + end,
                    label: Label::ORG,
                };
                kept += 1;
                continue;
            }
        }
        if kept > 0 {
            let prev = &mut spans[kept - 1];
            if nationality(prev)
                && s.label == Label::ORG
                && &text[prev.end..s.start] == " "
                && text[s.start..s.end].split(' ').all(common)
            {
                prev.end = s.end;
                prev.label = Label::ORG;
                continue;
            }
        }
        spans[kept] = s;
        kept += 1;
    }
    spans.truncate(kept);
}

/// Where an institution named in untagged words at the start of `after` (the text between a
/// nationality and the next span) ends: one space, then up to [`MAX_UNTAGGED_WORDS`]
/// capitalised common words, the last an institution's head word and followed by no
/// capitalised word (the name would go on), a possessive `'s` aside.
fn untagged_institution(after: &str, common: &impl Fn(&str) -> bool) -> Option<usize> {
    let rest = after.strip_prefix(' ')?;
    let mut end = 1;
    for (k, word) in rest.split(' ').enumerate().take(MAX_UNTAGGED_WORDS) {
        let bare = word.trim_end_matches(|c: char| !c.is_alphabetic());
        let bare = bare.strip_suffix("'s").or(bare.strip_suffix("’s")).unwrap_or(bare);
        let capitalised = bare.starts_with(|c: char| c.is_uppercase()) && bare.chars().all(char::is_alphabetic);
        if !capitalised || !common(bare) {
            return None;
        }
        end += bare.len() + usize::from(k > 0);
        let name_goes_on = bare.len() == word.len()
            && rest[end - 1..]
                .strip_prefix(' ')
                .is_some_and(|r| r.starts_with(char::is_uppercase));
        if !name_goes_on && is_institution_head(bare) {
            return Some(end);
        }
        if bare.len() < word.len() {
            return None;
        }
    }
    None
}

fn is_institution_head(word: &str) -> bool {
    INSTITUTION_HEADS.lines().any(|l| l == word)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Word statistics where `interior` and `ministry` are mostly lowercase and `zentralbank`
    /// always capitalised.
    fn stats() -> WordStats {
        WordStats::parse("", "1\t9\tinterior ministry minister\n4\t5\tzentralbank\n")
    }

    fn joined(text: &str, parts: &[(&str, Label)]) -> Vec<(String, Label)> {
        let mut spans = EntitySpan::in_order(text, parts);
        join_nationalities(text, &mut spans, &stats());
        EntitySpan::texts(text, &spans)
    }

    #[test]
    fn a_nationality_joins_an_institution_in_common_words() {
        let got = joined(
            "the Freedonian Interior Ministry said",
            &[("Freedonian", Label::MISC), ("Interior Ministry", Label::ORG)],
        );
        assert_eq!(got, vec![("Freedonian Interior Ministry".to_string(), Label::ORG)]);
    }

    #[test]
    fn proper_names_places_and_gaps_keep_their_spans() {
        let cases: [(&str, &[(&str, Label)]); 4] = [
            (
                "the Freedonian Zentralbank",
                &[("Freedonian", Label::MISC), ("Zentralbank", Label::ORG)],
            ),
            (
                "Freedonian Interior Ministry",
                &[("Freedonian", Label::MISC), ("Interior Ministry", Label::LOC)],
            ),
            (
                "Freedonian, Interior Ministry",
                &[("Freedonian", Label::MISC), ("Interior Ministry", Label::ORG)],
            ),
            (
                "Acme-led Interior Ministry",
                &[("Acme-led", Label::MISC), ("Interior Ministry", Label::ORG)],
            ),
        ];
        for (text, parts) in cases {
            assert_eq!(joined(text, parts).len(), 2, "{text}");
        }
    }

    #[test]
    fn common_words_ending_in_an_institution_head_after_a_nationality_are_the_institution() {
        for (text, institution) in [
            (
                "the Freedonian Interior Ministry's spokesman said",
                "Freedonian Interior Ministry",
            ),
            ("the Freedonian Ministry, it said", "Freedonian Ministry"),
        ] {
            let got = joined(text, &[("Freedonian", Label::MISC)]);
            assert_eq!(got, vec![(institution.to_string(), Label::ORG)], "{text}");
        }
    }

    #[test]
    fn untagged_words_without_a_head_or_with_a_name_going_on_are_left_alone() {
        for text in [
            "the Freedonian Interior Minister said",      // no institution's head word
            "the Freedonian Interior Ministry Jane said", // the name goes on
            "the Freedonian Zentralbank Ministry said",   // a proper name among the words
            "the Freedonian interior ministry said",      // not capitalised
        ] {
            assert_eq!(joined(text, &[("Freedonian", Label::MISC)]).len(), 1, "{text}");
            assert_eq!(
                joined(text, &[("Freedonian", Label::MISC)])[0].0,
                "Freedonian",
                "{text}"
            );
        }
    }
}
