//! Resolve: tagged spans in, canonical entities and attributed quotes out.
//!
//! In: the body, its [`Tokens`] and the [`EntitySpan`]s the tagger found. Out: [`Resolution`]:
//! entities (mentions grouped under a canonical name, see [`entities`]) and quotes with their
//! speakers (see [`quotes`]), all in byte offsets of the body. What it does not do: look across
//! articles (that is `aggregate`).

pub mod entities;
pub mod quotes;

use crate::tag::EntitySpan;
use crate::tokenize::Tokens;

pub use entities::Resolved;
pub use quotes::FoundQuote;

/// The entities and quotes of one article.
#[derive(Debug, Clone, Default)]
pub struct Resolution {
    pub entities: Vec<Resolved>,
    pub quotes: Vec<FoundQuote>,
}

/// Groups mentions into entities, then finds quotes and their speakers among them.
pub fn resolve(text: &str, tokens: &Tokens, spans: &[EntitySpan]) -> Resolution {
    let (entities, entity_of) = entities::resolve_entities(text, spans);
    let quotes = quotes::find_quotes(text, tokens, spans, &entity_of, &entities);
    Resolution { entities, quotes }
}
