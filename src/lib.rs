//! presslens: a news-article analyzer that runs in the browser.
//!
//! Give [`analyze`] one or several documents (pasted text, markdown or HTML, as bytes) and it
//! returns an [`Analysis`]: for each article the cleaned body and what was removed from it and
//! why, its metadata, the people, organisations, places, dates and amounts in it merged into
//! canonical entities, and its quotes with their speakers; and for the set, how the articles
//! line up (shared entities and quotes).
//!
//! The pipeline, one module per stage, each taking the previous stage's output:
//!
//! | stage | in | out |
//! |---|---|---|
//! | [`decode`] | bytes | [`decode::Document`] (UTF-8 text, its format) |
//! | [`segment`] | `Document` | [`segment::Segmented`] (blocks, declared metadata) |
//! | [`clean`] | `Segmented` | [`clean::Cleaned`] (body, meta, dropped blocks) |
//! | [`tokenize`] | body | [`tokenize::Tokens`] (tokens, sentences) |
//! | [`tag`] | `Tokens` | [`tag::EntitySpan`]s |
//! | [`resolve`] | spans | [`resolve::Resolution`] (entities, quotes) |
//! | [`aggregate`] | articles | [`schema::Story`] |
//!
//! Stages work in UTF-8 byte offsets; only [`analyze`] converts them, once, into the unit the
//! caller asks for (code points for the CLI, UTF-16 for JavaScript). The CLI (`src/bin`) and
//! the wasm bindings (`wasm.rs`) are thin shells over [`analyze`].

pub mod aggregate;
pub mod calendar;
pub mod clean;
pub mod decode;
pub mod error;
pub mod resolve;
pub mod schema;
pub mod segment;
pub mod tag;
pub mod tokenize;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::InputError;
pub use schema::{Analysis, Article, Options};

use schema::{Entity, Mention, OffsetMap, Quote, Removed, Span};

/// One document to analyse.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// File name or label; its extension helps tell HTML from text.
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// Analyses a set of documents: each on its own, then the set as one story.
pub fn analyze(inputs: &[Input<'_>], options: &Options) -> Analysis {
    let mut articles: Vec<Article> = inputs.iter().map(|input| analyze_one(input, options)).collect();
    let story = aggregate::aggregate(&mut articles);
    Analysis {
        articles,
        story,
        offsets: options.offsets,
        version: env!("CARGO_PKG_VERSION").to_string(),
    }
}

fn analyze_one(input: &Input<'_>, options: &Options) -> Article {
    let doc = match decode::decode(input.name, input.bytes) {
        Ok(doc) => doc,
        Err(e) => {
            return Article {
                file: input.name.to_string(),
                error: Some(e.to_string()),
                ..Article::default()
            }
        }
    };
    let (segmented, cleaned) = if options.clean {
        let segmented = segment::segment(&doc);
        let cleaned = clean::clean(&segmented);
        (segmented, cleaned)
    } else {
        (segment::Segmented::default(), keep_input(&doc))
    };
    let resolution = if options.entities {
        let tokens = tokenize::tokenize(&cleaned.body);
        let spans = tag::tag(&cleaned.body, &tokens);
        resolve::resolve(&cleaned.body, &tokens, &spans)
    } else {
        resolve::Resolution::default()
    };
    to_schema(&doc, &segmented, cleaned, resolution, options)
}

/// With cleaning off the body is the decoded text itself, byte for byte, so offsets into it
/// are offsets into the input (what `presslens ner` needs).
fn keep_input(doc: &decode::Document) -> clean::Cleaned {
    clean::Cleaned {
        body: doc.text.clone(),
        paragraphs: vec![0..doc.text.len()],
        ..clean::Cleaned::default()
    }
}

/// Builds the output article, converting byte offsets to the requested unit.
fn to_schema(
    doc: &decode::Document,
    segmented: &segment::Segmented,
    cleaned: clean::Cleaned,
    resolution: resolve::Resolution,
    options: &Options,
) -> Article {
    let body_map = OffsetMap::new(&cleaned.body, options.offsets);
    let source_map = OffsetMap::new(&segmented.source, options.offsets);
    let body = &cleaned.body;
    let entities = resolution
        .entities
        .into_iter()
        .map(|e| Entity {
            name: e.name,
            label: e.label,
            mentions: e
                .mentions
                .into_iter()
                .map(|r| Mention {
                    text: body[r.clone()].to_string(),
                    start: body_map.get(r.start),
                    end: body_map.get(r.end),
                })
                .collect(),
            value: e.value,
        })
        .collect();
    let quotes = resolution
        .quotes
        .into_iter()
        .map(|q| Quote {
            text: body[q.range.clone()].to_string(),
            start: body_map.get(q.range.start),
            end: body_map.get(q.range.end),
            speaker: q.speaker,
            speaker_entity: q.speaker_entity,
            cue: q.cue,
        })
        .collect();
    let removed = cleaned
        .dropped
        .iter()
        .map(|d| Removed {
            text: segmented.source[d.span.clone()].to_string(),
            reason: d.reason,
            why: d.reason.why().to_string(),
            start: source_map.get(d.span.start),
            end: source_map.get(d.span.end),
        })
        .collect();
    let paragraphs = cleaned
        .paragraphs
        .iter()
        .map(|r| Span {
            start: body_map.get(r.start),
            end: body_map.get(r.end),
        })
        .collect();
    let mut notes = doc.notes.clone();
    if cleaned.body.is_empty() && options.clean {
        notes.push("no article text was found: every line looked like page furniture (see removed)".into());
    }
    let source_text = (options.clean && (doc.format == decode::Format::Html || options.source_text))
        .then(|| segmented.source.clone());
    Article {
        file: doc.name.clone(),
        error: None,
        format: Some(doc.format),
        source_text,
        meta: cleaned.meta,
        body: cleaned.body,
        paragraphs,
        removed,
        entities,
        quotes,
        notes,
    }
}
