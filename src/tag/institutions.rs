//! A nationality before an institution named in common words is part of its name: `French
//! Interior Ministry`, `Brazilian Senate`, not `French` + `Interior Ministry`. CoNLL annotates
//! both ways; readers (and the articles' own indexes) name the institution with its country,
//! and the institution alone is ambiguous across a story about several countries. A proper
//! name keeps its own span: `German` + `Bundesbank`.

use super::lexicon::{hash_lower, WordStats, CAP_BUCKETS};
use super::EntitySpan;
use crate::schema::Label;

/// Joins each one-word MISC span directly followed (one space) by an ORG span whose words are
/// all common words, i.e. seen lowercase in newswire, into one ORG span. `spans` are sorted.
pub fn join_nationalities(text: &str, spans: &mut Vec<EntitySpan>, words: &WordStats) {
    // Words capitalised nearly always are names themselves (the top bucket), as are unseen ones.
    let common = |w: &str| words.stats(hash_lower(w)).0 < CAP_BUCKETS - 1;
    let mut kept = 0;
    for i in 0..spans.len() {
        let s = spans[i];
        if kept > 0 {
            let prev = &mut spans[kept - 1];
            let nationality = &text[prev.start..prev.end];
            if prev.label == Label::MISC
                && s.label == Label::ORG
                && &text[prev.end..s.start] == " "
                && !nationality.contains([' ', '-'])
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Word statistics where `interior` and `ministry` are mostly lowercase and `zentralbank`
    /// always capitalised.
    fn stats() -> WordStats {
        WordStats::parse("", "1\t9\tinterior ministry\n4\t5\tzentralbank\n")
    }

    fn joined(text: &str, parts: &[(&str, Label)]) -> Vec<(String, Label)> {
        let mut spans: Vec<EntitySpan> = parts
            .iter()
            .map(|&(p, label)| {
                let start = text.find(p).unwrap();
                EntitySpan {
                    start,
                    end: start + p.len(),
                    label,
                }
            })
            .collect();
        join_nationalities(text, &mut spans, &stats());
        spans
            .iter()
            .map(|s| (text[s.start..s.end].to_string(), s.label))
            .collect()
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
}
