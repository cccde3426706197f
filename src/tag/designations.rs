//! A model designation names a product, a weapon or an index: `F-16`, `MiG-29`, `S-300`,
//! `CAC-40` — a capital, at most three more letters, a hyphen, two or more digits and maybe one
//! letter. Of the 25 such words in CoNLL train, 22 are MISC (one word is ORG twice, one O);
//! with a single digit (`Pfd-1`, `W-2`) the word is a rating or a form as often as not, so it is
//! left alone. The model finds most designations, and misses some among unusual words
//! (`a malfunctioning Freedonian F-16 ground-to-air system`): each one it left untagged is MISC.

use super::EntitySpan;
use crate::schema::Label;
use crate::tokenize::Tokens;

/// Whether a word is shaped like a model designation (see the module).
pub fn is_designation(w: &str) -> bool {
    let Some((letters, rest)) = w.split_once('-') else {
        return false;
    };
    let digits = rest.strip_suffix(|c: char| c.is_ascii_alphabetic()).unwrap_or(rest);
    letters.starts_with(|c: char| c.is_ascii_uppercase())
        && letters.len() <= 4
        && letters.bytes().all(|b| b.is_ascii_alphabetic())
        && digits.len() >= 2
        && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Adds a MISC span for each designation token that no span covers. `spans` are sorted and
/// stay so.
pub fn add_designations(text: &str, tokens: &Tokens, spans: &mut Vec<EntitySpan>) {
    let mut found = Vec::new();
    let mut next = 0;
    for t in &tokens.tokens {
        while next < spans.len() && spans[next].end <= t.start {
            next += 1;
        }
        let covered = spans.get(next).is_some_and(|s| s.start < t.end);
        if !covered && is_designation(t.text(text)) {
            found.push(EntitySpan {
                start: t.start,
                end: t.end,
                label: Label::MISC,
            });
        }
    }
    if !found.is_empty() {
        spans.extend(found);
        spans.sort_by_key(|s| s.start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    #[test]
    fn designations_are_letters_a_hyphen_and_two_or_more_digits() {
        for w in ["F-16", "MiG-29", "S-300", "CAC-40", "Su-35S", "AK-47"] {
            assert!(is_designation(w), "{w}");
        }
        for w in [
            "W-2",
            "Pfd-1",
            "COVID",
            "ground-to-air",
            "2-1",
            "f-16",
            "Anglo-Saxon",
            "ABCDE-12",
            "F-16-like",
            "F-",
        ] {
            assert!(!is_designation(w), "{w}");
        }
    }

    #[test]
    fn an_untagged_designation_becomes_misc_and_a_tagged_one_is_left_alone() {
        let text = "A Freedonian F-16 met an Acme MiG-29 over Ogden.";
        let tokens = tokenize(text);
        let span = |w: &str, label| EntitySpan::first_in(text, w, label);
        let mut spans = vec![
            span("Freedonian", Label::MISC),
            span("Acme MiG-29", Label::ORG),
            span("Ogden", Label::LOC),
        ];
        add_designations(text, &tokens, &mut spans);
        assert_eq!(
            spans,
            vec![
                span("Freedonian", Label::MISC),
                span("F-16", Label::MISC),
                span("Acme MiG-29", Label::ORG),
                span("Ogden", Label::LOC)
            ]
        );
    }
}
