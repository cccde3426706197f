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

/// Finds every entity span in a tokenized text. A numeric or temporal span wins over the names
/// inside it (`12 February 2019` over `February`); otherwise a name wins over what it overlaps.
pub fn tag(text: &str, tokens: &Tokens) -> Vec<EntitySpan> {
    let numeric = numeric::tag_numeric(text, tokens);
    let names = names::tag_names(text, tokens);
    let mut spans = Vec::with_capacity(names.len() + numeric.len());
    let mut n = 0;
    for name in names {
        while n < numeric.len() && numeric[n].end <= name.start {
            n += 1;
        }
        let inside_numeric = numeric.get(n).is_some_and(|s| s.start <= name.start && name.end <= s.end);
        if !inside_numeric {
            spans.push(name);
        }
    }
    let mut k = 0;
    let names_len = spans.len();
    for num in numeric {
        while k < names_len && spans[k].end <= num.start {
            k += 1;
        }
        if k >= names_len || spans[k].start >= num.end {
            spans.push(num);
        }
    }
    spans.sort_by_key(|s| s.start);
    spans
}
