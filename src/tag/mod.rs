//! Tag: tokens in, entity spans out.
//!
//! In: the text and its [`Tokens`]. Out: [`EntitySpan`]s (byte ranges with a [`Label`]), sorted
//! and not overlapping. Names (PER, ORG, LOC, MISC) come from a trained linear-chain model
//! ([`model`]: BILOU tags, Viterbi, two passes, the second seeing what the first said about
//! each word across the whole document), over the features in [`features`] and the word
//! knowledge in [`lexicon`] (gazetteers, Brown clusters, capitalisation statistics);
//! a name that defines its acronym takes the span the definition gives ([`acronyms`]), a
//! nationality joins the institution it qualifies ([`institutions`]), a place read as a person
//! or MISC is the place again ([`places`]), a name in apposition with an organisation's noun
//! (`Acme, Freedonia's arms export company,`) is an organisation ([`appositions`]), a model
//! designation the model left out is MISC ([`designations`]), and a dateline's place is LOC and
//! its agency ORG ([`datelines`]);
//! numeric and temporal expressions from the rules in [`numeric`]; where both claim a token,
//! the name wins. The model file is embedded in the binary and read once, on first use.
//! What it does not do: group mentions into entities (that is `resolve`).
//! How the model is made: `presslens-train` ([`train`]), see `scripts/train.sh`.

pub mod acronyms;
pub mod appositions;
pub mod datelines;
pub mod designations;
pub mod institutions;
// Training-only code stays out of the browser build.
#[cfg(not(target_arch = "wasm32"))]
pub mod brown;
pub mod features;
pub mod lexicon;
pub mod model;
pub mod numeric;
pub mod places;
#[cfg(not(target_arch = "wasm32"))]
pub mod train;

use std::sync::OnceLock;

pub use crate::schema::Label;
use crate::tokenize::Tokens;

use features::DocInfo;
use model::{Model, KINDS};

/// The model file, written by `presslens-train`.
static MODEL_BYTES: &[u8] = include_bytes!("../../models/ner.model");

/// The embedded model, loaded on first use; `None` if the file is unreadable (then only the
/// numeric rules run; a test guards against shipping such a file).
pub fn model() -> Option<&'static Model> {
    static MODEL: OnceLock<Option<Model>> = OnceLock::new();
    MODEL.get_or_init(|| Model::from_bytes(MODEL_BYTES).ok()).as_ref()
}

/// A labelled byte range of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntitySpan {
    pub start: usize,
    pub end: usize,
    pub label: Label,
}

#[cfg(test)]
impl EntitySpan {
    /// The span of the first `part` of `text` (the rules' tests build the model's spans so).
    pub(crate) fn first_in(text: &str, part: &str, label: Label) -> EntitySpan {
        let start = text.find(part).expect("the part is in the text");
        EntitySpan {
            start,
            end: start + part.len(),
            label,
        }
    }

    /// The spans of `parts` in `text`, each found after the one before (a name may recur).
    pub(crate) fn in_order(text: &str, parts: &[(&str, Label)]) -> Vec<EntitySpan> {
        let mut from = 0;
        parts
            .iter()
            .map(|&(part, label)| {
                let found = EntitySpan::first_in(&text[from..], part, label);
                let span = EntitySpan {
                    start: from + found.start,
                    end: from + found.end,
                    label,
                };
                from = span.end;
                span
            })
            .collect()
    }

    /// Each span's text and label, for the rules' tests to compare.
    pub(crate) fn texts(text: &str, spans: &[EntitySpan]) -> Vec<(String, Label)> {
        spans
            .iter()
            .map(|s| (text[s.start..s.end].to_string(), s.label))
            .collect()
    }
}

/// Finds every entity span in a tokenized text.
pub fn tag(text: &str, tokens: &Tokens) -> Vec<EntitySpan> {
    let mut names = Vec::new();
    if let Some(m) = model() {
        names = tag_names(m, text, tokens);
        acronyms::apply_definitions(text, tokens, &mut names);
        institutions::join_nationalities(text, &mut names, &m.lexicon.words);
        places::restore_places(text, &mut names, &m.lexicon.gazetteers);
        appositions::label_appositions(text, &mut names, &m.lexicon.gazetteers);
        designations::add_designations(text, tokens, &mut names);
        datelines::label_dateline(text, &mut names);
    }
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

/// Names by the given model, as byte spans.
pub fn tag_names(model: &Model, text: &str, tokens: &Tokens) -> Vec<EntitySpan> {
    let mut doc = DocInfo::new(text, tokens, &model.lexicon);
    let tags = model.tag_document(&mut doc);
    model::tags_to_spans(&tags)
        .into_iter()
        .map(|(s, e, k)| EntitySpan {
            start: tokens.tokens[s].start,
            end: tokens.tokens[e - 1].end,
            label: KINDS[k],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn labelled(text: &str) -> Vec<(&str, Label)> {
        tag(text, &tokenize(text))
            .into_iter()
            .map(|s| (&text[s.start..s.end], s.label))
            .collect()
    }

    #[test]
    fn the_embedded_model_loads_and_finds_plain_names() {
        let m = model().expect("models/ner.model must load");
        assert!(m.n_features > 1000);
        let found = labelled("Angela Merkel flew to Paris on Tuesday to meet officials of the European Union.");
        assert!(found.contains(&("Angela Merkel", Label::PER)), "{found:?}");
        assert!(found.contains(&("Paris", Label::LOC)), "{found:?}");
        assert!(found.contains(&("European Union", Label::ORG)), "{found:?}");
        assert!(found.contains(&("Tuesday", Label::DATE)), "{found:?}");
    }

    #[test]
    fn names_win_over_numbers_and_spans_do_not_overlap() {
        let text = "The G7 met in 2019. Talks with 5,000 troops in Paris cost $2 billion.";
        let spans = tag(text, &tokenize(text));
        assert!(spans.windows(2).all(|w| w[0].end <= w[1].start), "{spans:?}");
        assert!(labelled(text).contains(&("$2 billion", Label::MONEY)));
    }
}
