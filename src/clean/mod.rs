//! Clean: [`Segmented`] blocks in, the article body, its metadata and what was dropped out.
//!
//! In: blocks with their kinds and text. Out: [`Cleaned`]: the body (kept blocks' readable text,
//! a paragraph each, joined by blank lines), [`Meta`], and a [`Dropped`] entry with a reason for
//! every block not kept, so body + dropped account for every non-blank line of the input.
//!
//! How: each block gets a prose weight (long, sentence-ended text weighs its words; furniture
//! weighs against); the article is the run of blocks with the largest total weight (a maximum
//! subarray, linear time). Inside the run, prose, subheads and quotes stay and furniture goes;
//! before it, header lines feed the metadata; after and before it, the rest is dropped with the
//! reason its vocabulary gives. What it does not do: look at words' meanings or at entities.

mod meta;
pub mod rules;

use std::ops::Range;

use crate::schema::{Meta, Reason};
use crate::segment::{Block, BlockKind, Segmented};

/// A block below this many words, without sentence punctuation, is not prose on its own.
const PROSE_MIN_WORDS: usize = 10;

/// Weight of a short non-prose block inside the article (subheads, bylines): a small cost, so a
/// few of them do not split the article but a long menu between two articles does.
const SHORT_BLOCK_WEIGHT: f32 = -3.0;

/// Weight of a block the boilerplate vocabulary recognises (on top of minus its words): enough
/// that a menu or a plan table ends the article, not so much that one share line inside splits it.
const FURNITURE_WEIGHT: f32 = -8.0;

/// The outcome of cleaning one document.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    pub meta: Meta,
    /// The article text, paragraphs separated by blank lines.
    pub body: String,
    /// Byte ranges of the paragraphs in `body`.
    pub paragraphs: Vec<Range<usize>>,
    /// Blocks not in the body, in input order.
    pub dropped: Vec<Dropped>,
}

/// A block that is not in the body.
#[derive(Debug, Clone, PartialEq)]
pub struct Dropped {
    /// Byte range in `Segmented::source`.
    pub span: Range<usize>,
    pub reason: Reason,
}

/// Per-block facts the decisions use.
struct Features {
    words: usize,
    sentence_end: bool,
    furniture: Option<Reason>,
}

fn features(b: &Block) -> Features {
    let words = b
        .text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    let last = b
        .text
        .trim_end_matches(['"', '”', '’', '\'', ')', '*'])
        .chars()
        .next_back();
    let sentence_end = matches!(last, Some('.' | '!' | '?' | '…' | '。' | '！' | '？'));
    let mut furniture = rules::boilerplate_reason(&b.text, words);
    if furniture.is_none() && rules::is_price(&b.text, words) {
        furniture = Some(Reason::Price);
    }
    if furniture.is_none() && matches!(b.kind, BlockKind::Image | BlockKind::Rule) {
        furniture = Some(Reason::Markup);
    }
    let link_share = b.link_bytes as f32 / b.text.len().max(1) as f32;
    let byline = words <= 8 && meta::byline_prefix(&b.text).is_some();
    if furniture.is_none() && !byline && link_share > 0.6 && words <= rules::SHORT_BLOCK_WORDS {
        furniture = Some(if b.kind == BlockKind::ListItem {
            Reason::Navigation
        } else {
            Reason::Related
        });
    }
    Features {
        words,
        sentence_end,
        furniture,
    }
}

fn is_prose(f: &Features) -> bool {
    f.furniture.is_none() && (f.words >= PROSE_MIN_WORDS && f.sentence_end || f.words >= 2 * PROSE_MIN_WORDS)
}

fn weight(f: &Features) -> f32 {
    if f.furniture.is_some() {
        FURNITURE_WEIGHT - f.words as f32
    } else if is_prose(f) {
        f.words as f32
    } else {
        SHORT_BLOCK_WEIGHT
    }
}

/// The run `[start, end)` of blocks with the largest total weight (Kadane's algorithm).
fn densest_run(weights: &[f32]) -> Range<usize> {
    let (mut best, mut best_sum) = (0..0, f32::MIN);
    let (mut start, mut sum) = (0, 0.0);
    for (i, &w) in weights.iter().enumerate() {
        if sum <= 0.0 {
            start = i;
            sum = 0.0;
        }
        sum += w;
        if sum > best_sum {
            best_sum = sum;
            best = start..i + 1;
        }
    }
    best
}

/// Keeps cleaning off: every block is body, nothing is dropped.
pub fn keep_all(seg: &Segmented) -> Cleaned {
    let mut out = Cleaned::default();
    for b in &seg.blocks {
        push_paragraph(&mut out, &b.text);
    }
    out
}

/// Cleans one segmented document.
pub fn clean(seg: &Segmented) -> Cleaned {
    let feats: Vec<Features> = seg.blocks.iter().map(features).collect();
    let weights: Vec<f32> = feats.iter().map(weight).collect();
    let run = densest_run(&weights);
    let mut keep = vec![false; seg.blocks.len()];
    for i in run.clone() {
        let f = &feats[i];
        let b = &seg.blocks[i];
        keep[i] = f.furniture.is_none()
            && (is_prose(f) || b.kind == BlockKind::BlockQuote || is_subhead(b, f, feats.get(i + 1)) || f.sentence_end);
    }
    let header = header_blocks(&feats, run.start);
    let (meta, meta_blocks) = meta::read(seg, &header, run.clone(), &keep);
    let mut out = Cleaned {
        meta,
        ..Cleaned::default()
    };
    for (i, b) in seg.blocks.iter().enumerate() {
        if keep[i] {
            push_paragraph(&mut out, &b.text);
        } else {
            let reason = if meta_blocks.contains(&i) {
                Reason::Metadata
            } else {
                feats[i].furniture.unwrap_or(Reason::Outside)
            };
            out.dropped.push(Dropped {
                span: b.span.clone(),
                reason,
            });
        }
    }
    out.meta.source = out.meta.source.take().or_else(|| meta::outlet_in_furniture(seg, &keep));
    out
}

/// A short line inside the article that introduces what follows (a subhead): a heading, or a
/// short unpunctuated line followed by prose.
fn is_subhead(b: &Block, f: &Features, next: Option<&Features>) -> bool {
    let heading = matches!(b.kind, BlockKind::Heading(_));
    let short_title = f.words <= 12 && !f.sentence_end && b.text.chars().next().is_some_and(char::is_uppercase);
    (heading || short_title) && next.is_some_and(is_prose)
}

/// Blocks before the article run that may hold its title, byline and date: the ones after the
/// last furniture block before the run, at most a dozen.
fn header_blocks(feats: &[Features], run_start: usize) -> Vec<usize> {
    const MAX_HEADER_BLOCKS: usize = 12;
    let mut out = Vec::new();
    for i in (0..run_start).rev() {
        // a lead image and its caption may sit between the headline and the text
        let lead_image = matches!(feats[i].furniture, Some(Reason::Markup | Reason::Caption));
        if out.len() == MAX_HEADER_BLOCKS || (feats[i].furniture.is_some() && !lead_image) {
            break;
        }
        if lead_image {
            continue;
        }
        out.push(i);
    }
    out.reverse();
    out
}

fn push_paragraph(out: &mut Cleaned, text: &str) {
    if !out.body.is_empty() {
        out.body.push_str("\n\n");
    }
    let start = out.body.len();
    out.body.push_str(text);
    out.paragraphs.push(start..out.body.len());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::{Document, Format};
    use crate::segment::segment;

    fn cleaned(text: &str) -> (Cleaned, Segmented) {
        let seg = segment(&Document {
            name: "t".into(),
            text: text.into(),
            format: Format::Text,
            notes: vec![],
        });
        (clean(&seg), seg)
    }

    const P1: &str =
        "The central bank raised its main interest rate by half a point on Tuesday, the first rise in three years.";
    const P2: &str =
        "Officials said inflation had run above the target for most of the year and that more rises could follow.";
    const P3: &str =
        "Markets had expected the move, and the currency barely changed after the announcement in the capital.";

    #[test]
    fn a_clean_article_comes_through_whole() {
        let text = format!("{P1}\n{P2}\n{P3}");
        let (c, _) = cleaned(&text);
        assert_eq!(c.body, format!("{P1}\n\n{P2}\n\n{P3}"));
        assert!(c.dropped.is_empty());
        assert_eq!(c.paragraphs.len(), 3);
    }

    #[test]
    fn furniture_around_the_article_is_dropped_with_reasons() {
        let text = format!("Home\nWorld\nBusiness\n\n{P1}\n\n{P2}\n\nShare on Facebook\n\n{P3}\n\nSubscribe now for unlimited access.\n₹900\nRelated: Other story here");
        let (c, seg) = cleaned(&text);
        assert_eq!(c.body, format!("{P1}\n\n{P2}\n\n{P3}"));
        let reasons: Vec<(String, Reason)> = c
            .dropped
            .iter()
            .map(|d| (seg.source[d.span.clone()].to_string(), d.reason))
            .collect();
        assert!(
            reasons.contains(&("Share on Facebook".into(), Reason::Share)),
            "{reasons:?}"
        );
        assert!(reasons.contains(&("Subscribe now for unlimited access.".into(), Reason::Paywall)));
        assert!(reasons.contains(&("₹900".into(), Reason::Price)));
        assert!(reasons.contains(&("Related: Other story here".into(), Reason::Related)));
        // every non-blank line is either body or dropped
        let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
        assert_eq!(c.paragraphs.len() + c.dropped.len(), lines);
    }

    #[test]
    fn header_lines_become_metadata() {
        let text = format!(
            "# Bank Raises Rates for First Time in Three Years\n\nBy Jane Roe\n\nFebruary 07, 2020\n\n{P1}\n\n{P2}"
        );
        let (c, _) = cleaned(&text);
        assert_eq!(
            c.meta.title.as_deref(),
            Some("Bank Raises Rates for First Time in Three Years")
        );
        assert_eq!(c.meta.byline.as_deref(), Some("Jane Roe"));
        assert_eq!(c.meta.date.as_deref(), Some("2020-02-07"));
        assert!(c.dropped.iter().all(|d| d.reason == Reason::Metadata));
        assert!(c.body.starts_with("The central bank"));
    }

    #[test]
    fn densest_run_picks_the_heaviest_stretch() {
        assert_eq!(densest_run(&[-3.0, 20.0, -3.0, 15.0, -40.0, 10.0]), 1..4);
        assert_eq!(densest_run(&[]), 0..0);
    }
}
