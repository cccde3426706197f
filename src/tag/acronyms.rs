//! Names that define their acronym: `the Union of Northern Growers (UNG)`. The text
//! itself says where the name begins: at the word whose initial is the acronym's first letter
//! (the idea of Schwartz and Hearst's abbreviation finder). The tagger decides each word from
//! its features and may cut such a name short, run past its start, or miss it; here the
//! definition sets the span, and the name and its acronym share one label.

use super::EntitySpan;
use crate::tokenize::Tokens;

/// Lowercase words a name may hold between its capitalised words (`Council of Europe`).
const CONNECTORS: &[&str] = &["of", "and", "for", "the", "on", "de", "del", "la", "du", "des", "&"];

/// Longest acronym looked at.
const MAX_LETTERS: usize = 8;

/// Rewrites `spans` (sorted, not overlapping) so that each `Name Words (NW)` in the text is one
/// span with the label the tagger gave the acronym, or else the name's last word; the acronym
/// gets that label too. Definitions that neither part was tagged in are left alone.
pub fn apply_definitions(text: &str, tokens: &Tokens, spans: &mut Vec<EntitySpan>) {
    let words = &tokens.tokens;
    // the tagger's label at a byte offset (spans are sorted and do not overlap)
    let label_at = |at: usize| {
        let k = spans.partition_point(|s| s.end <= at);
        spans.get(k).filter(|s| s.start <= at).map(|s| s.label)
    };
    // names and acronyms the text defines, in text order and not overlapping (a name stops
    // at the `)` before it)
    let mut defined: Vec<EntitySpan> = Vec::new();
    for a in 1..words.len().saturating_sub(1) {
        if words[a - 1].text(text) != "(" || words[a + 1].text(text) != ")" {
            continue;
        }
        let Some(first) = defined_name(text, tokens, a - 1, words[a].text(text)) else {
            continue;
        };
        let (start, end) = (words[first].start, words[a - 2].end);
        let label = label_at(words[a].start).or_else(|| label_at(words[a - 2].start));
        let Some(label) = label.filter(|l| l.is_name()) else {
            continue;
        };
        defined.push(EntitySpan { start, end, label });
        defined.push(EntitySpan {
            start: words[a].start,
            end: words[a].end,
            label,
        });
    }
    if defined.is_empty() {
        return;
    }
    // the tagger's spans a definition overlaps give way, in one pass over both lists
    let mut next = 0;
    spans.retain(|s| {
        while defined.get(next).is_some_and(|d| d.end <= s.start) {
            next += 1;
        }
        defined.get(next).is_none_or(|d| d.start >= s.end)
    });
    spans.extend(defined);
    spans.sort_by_key(|s| s.start);
}

/// The first token of the name the acronym at the token before `open` defines, if the
/// capitalised words just before `open` spell the acronym, one initial each, with only
/// connectors between them.
fn defined_name(text: &str, tokens: &Tokens, open: usize, acronym: &str) -> Option<usize> {
    let letters: Vec<char> = acronym.chars().collect();
    if letters.len() < 2 || letters.len() > MAX_LETTERS || !letters.iter().all(|c| c.is_uppercase()) {
        return None;
    }
    let mut need = letters.len();
    let mut at = open;
    while need > 0 {
        at = at.checked_sub(1)?;
        let word = tokens.tokens[at].text(text);
        if CONNECTORS.contains(&word) && need < letters.len() {
            continue;
        }
        let initial = word.chars().next()?;
        if !initial.is_uppercase() || initial != letters[need - 1] {
            return None;
        }
        need -= 1;
    }
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Label;
    use crate::tokenize::tokenize;

    fn rewritten(text: &str, mut spans: Vec<EntitySpan>) -> Vec<(&str, Label)> {
        apply_definitions(text, &tokenize(text), &mut spans);
        spans.iter().map(|s| (&text[s.start..s.end], s.label)).collect()
    }

    #[test]
    fn the_definition_sets_the_span_and_the_label() {
        let text = "a rival to the Acme-led Union of Northern Growers (UNG) since 1990";
        // the tagger cut the name short and called its tail a place
        let got = rewritten(
            text,
            vec![
                EntitySpan::first_in(text, "Acme-led", Label::MISC),
                EntitySpan::first_in(text, "Northern Growers", Label::LOC),
                EntitySpan::first_in(text, "UNG", Label::ORG),
            ],
        );
        assert_eq!(
            got,
            vec![
                ("Acme-led", Label::MISC),
                ("Union of Northern Growers", Label::ORG),
                ("UNG", Label::ORG)
            ]
        );
    }

    #[test]
    fn the_name_runs_no_further_back_than_its_initials() {
        let text = "Chief Executive Dana Falk said the Brill Trade Office (BTO) agreed";
        let got = rewritten(
            text,
            vec![
                EntitySpan::first_in(text, "Dana Falk", Label::PER),
                EntitySpan::first_in(text, "the Brill Trade Office", Label::ORG),
            ],
        );
        assert_eq!(
            got,
            vec![
                ("Dana Falk", Label::PER),
                ("Brill Trade Office", Label::ORG),
                ("BTO", Label::ORG)
            ]
        );
    }

    #[test]
    fn no_definition_no_change() {
        for text in [
            "the Brill Trade Office (BTX) agreed", // initials differ
            "the brill Trade Office (BTO) agreed", // a lowercase word in the name
            "the Brill Trade Office ( BTO agreed", // no closing bracket
        ] {
            let spans = vec![EntitySpan::first_in(text, "Trade Office", Label::LOC)];
            assert_eq!(rewritten(text, spans), vec![("Trade Office", Label::LOC)], "{text}");
        }
        let untagged = "shares of Brill Trade Office (BTO) rose";
        assert_eq!(rewritten(untagged, vec![]), vec![]);
    }
}
