//! Tag: tokens in, entity spans out.
//!
//! In: the text and its [`Tokens`]. Out: [`EntitySpan`]s (byte ranges with a [`Label`]), sorted
//! and not overlapping. Names (PER, ORG, LOC, MISC) come from [`names`]; numeric and temporal
//! expressions from the rules in [`numeric`]; where both claim a token, the name wins.
//! What it does not do: group mentions into entities (that is `resolve`).

pub mod names;
pub mod numeric;

pub use crate::schema::Label;
use crate::tokenize::Tokens;

/// A labelled byte range of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntitySpan {
    pub start: usize,
    pub end: usize,
    pub label: Label,
}

/// Finds every entity span in a tokenized text.
pub fn tag(text: &str, tokens: &Tokens) -> Vec<EntitySpan> {
    let names = names::tag_names(text, tokens);
    let mut spans = Vec::with_capacity(names.len());
    let mut next_name = 0;
    for n in numeric::tag_numeric(text, tokens) {
        while next_name < names.len() && names[next_name].end <= n.start {
            next_name += 1;
        }
        if names.get(next_name).is_none_or(|s| s.start >= n.end) {
            spans.push(n);
        }
    }
    spans.extend(names);
    spans.sort_by_key(|s| s.start);
    spans
}
