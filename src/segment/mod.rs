//! Segment: a [`Document`] in, [`Segmented`] blocks out.
//!
//! In: decoded text or HTML. Out: the text the blocks index into (`source`: the document's own
//! text, or for HTML a rendering of the page's visible text, one block a line), one [`Block`] per
//! non-blank line with its markdown syntax read (heading, list item, table row, image, link
//! text), and for HTML what the DOM says about each block and the metadata the page declares. Why: pasted text, markdown and HTML all reach the cleaner as the
//! same blocks, so one cleaner and one set of features serve all three.
//! What it does not do: decide what is article and what is not (that is `clean`).

mod html;
mod jsonld;
mod markdown;

use std::ops::Range;

use crate::decode::{Document, Format};
pub use html::{BlockTree, DeclaredMeta, DomHints, TextLayout};

/// A document cut into blocks.
#[derive(Debug, Clone, Default)]
pub struct Segmented {
    /// The text every `Block::span` indexes into.
    pub source: String,
    pub blocks: Vec<Block>,
    /// What the page's markup says about itself (empty for text input).
    pub declared: DeclaredMeta,
    /// The blocks come from an HTML page (and `source` is its text rendering).
    pub html: bool,
    /// For HTML, what the DOM says about each block (one per block); empty for text.
    pub dom: Vec<DomHints>,
    /// For HTML, the element tree around the blocks; empty for text.
    pub tree: BlockTree,
}

/// One line of the source: a paragraph, heading, list item, table row, image...
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// The whole line in `source` (without its `\n`).
    pub span: Range<usize>,
    /// The readable text: markdown syntax and inline tags removed, whitespace collapsed.
    pub text: String,
    pub kind: BlockKind,
    /// Whether a blank line (or the start of the text) comes before it.
    pub blank_before: bool,
    /// Bytes of `text` that were link text (`[text](url)`, `<https://...>`).
    pub link_bytes: usize,
    /// Markdown or HTML syntax removed from the line (emphasis, link targets, tags).
    pub markup_bytes: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    /// `#` to `######`.
    Heading(u8),
    ListItem,
    /// `> quoted`.
    BlockQuote,
    /// A line of a pipe table.
    TableRow,
    /// A line that is only images (`![alt](src)`).
    Image,
    /// `---`, `***`, a table's `|---|` line, or a line of symbols with no words.
    Rule,
}

/// Cuts a document into blocks.
pub fn segment(doc: &Document) -> Segmented {
    match doc.format {
        Format::Text => Segmented {
            blocks: markdown::blocks(&doc.text),
            source: doc.text.clone(),
            declared: DeclaredMeta::default(),
            html: false,
            dom: Vec::new(),
            tree: BlockTree::default(),
        },
        Format::Html => {
            let page = html::render(&doc.text);
            Segmented {
                blocks: page.blocks,
                source: page.text,
                declared: page.declared,
                html: true,
                dom: page.hints,
                tree: page.tree,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str, format: Format) -> Document {
        Document {
            name: "t".into(),
            text: text.into(),
            format,
            notes: vec![],
        }
    }

    #[test]
    fn text_and_html_reach_the_same_blocks() {
        let t = segment(&doc("# Title\n\nFirst paragraph.\n", Format::Text));
        let h = segment(&doc(
            "<html><head><title>T</title></head><body><h1>Title</h1><p>First paragraph.</p></body></html>",
            Format::Html,
        ));
        let kinds = |s: &Segmented| s.blocks.iter().map(|b| (b.kind, b.text.clone())).collect::<Vec<_>>();
        assert_eq!(kinds(&t), kinds(&h));
        assert_eq!(h.declared.title.as_deref(), Some("T"));
        for b in &h.blocks {
            assert!(h.source[b.span.clone()].contains(&b.text[..3]));
        }
    }
}
