//! Clean: [`Segmented`] blocks in, the article body, its metadata and what was dropped out.
//!
//! In: blocks with their kinds and text. Out: [`Cleaned`]: the body (kept blocks' readable text,
//! a paragraph each, joined by blank lines), [`Meta`], and a [`Dropped`] entry with a reason for
//! every block not kept, so body + dropped account for every non-blank line of the input.
//!
//! How: a learned block classifier ([`model`], trained by `presslens-train-clean` on the dev
//! pages, whose gold bodies were aligned to their blocks) scores every block from its shape
//! and its neighbours' ([`features`]) in two stages of boosted trees; the article is the blocks
//! scoring at least the model's threshold inside the densest run of such blocks (outside it only
//! very sure ones). Then fixed steps: a strong phrase rule ([`rules`]) drops a block whatever the
//! model says; kept lines before the first paragraph of prose are the header and feed the
//! metadata ([`meta`]); if nothing passed, the best-scoring prose is kept rather than nothing.
//! Every dropped block gets the reason its phrase rules or its shape give. What it does not do:
//! look at words' meanings or at entities.

pub mod features;
mod meta;
pub mod model;
pub mod rules;

use std::ops::Range;
use std::sync::OnceLock;

use crate::schema::{Meta, Reason};
use crate::segment::{Block, BlockKind, Segmented};
use features::Shape;
pub use meta::{dateline, Dateline};
pub use model::{Model, Scorer};

/// The model for pasted text and markdown, trained by `presslens-train-clean --mode text`.
const TEXT_MODEL: &str = include_str!("../../models/clean-text.model");
/// The model for HTML pages' blocks, trained by `presslens-train-clean --mode html`.
const HTML_MODEL: &str = include_str!("../../models/clean-html.model");

/// The shipped model for text input, read once. A model that fails to load (a build made with
/// a stale file; a test holds this) falls back to keeping everything rather than losing text.
pub fn text_model() -> &'static Model {
    &shipped(false).0
}

/// The shipped model for HTML input, read once.
pub fn html_model() -> &'static Model {
    &shipped(true).0
}

/// A shipped model and its scorer, built once.
fn shipped(html: bool) -> &'static (Model, Scorer) {
    static TEXT: OnceLock<(Model, Scorer)> = OnceLock::new();
    static HTML: OnceLock<(Model, Scorer)> = OnceLock::new();
    let (cell, file) = if html { (&HTML, HTML_MODEL) } else { (&TEXT, TEXT_MODEL) };
    cell.get_or_init(|| {
        let m = Model::from_text(file).unwrap_or_else(|_| keep_everything());
        let s = m.scorer();
        (m, s)
    })
}

fn keep_everything() -> Model {
    Model {
        threshold: 0.0,
        ..Model::default()
    }
}

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

/// Keeps cleaning off: every block is body, nothing is dropped.
pub fn keep_all(seg: &Segmented) -> Cleaned {
    let mut out = Cleaned::default();
    for b in &seg.blocks {
        push_paragraph(&mut out, &b.text);
    }
    out
}

/// Cleans one segmented document with the shipped model for its kind.
pub fn clean(seg: &Segmented) -> Cleaned {
    let (model, scorer) = shipped(seg.html);
    clean_scored(seg, model, scorer)
}

/// Outside the run of blocks the model finds densest in article text, a block is kept only when
/// the model is this sure: stray lines far from the article (a cookie notice, a footer blurb)
/// are what the model gets wrong most, and the article rarely comes in two distant pieces.
/// Cross-validated: 0.913 with no such rule, 0.917 with it (for any value from 0.9 to 1).
const OUTSIDE_RUN_MIN_P: f32 = 0.95;

/// Which blocks `model` keeps as article text: the blocks whose stage-2 probability reaches the
/// model's threshold, inside the densest run (blocks weighted by probability minus threshold,
/// times log length), or outside it when very sure.
pub fn decide(seg: &Segmented, model: &Model) -> Vec<bool> {
    decide_with_shapes(seg, model, &model.scorer()).0
}

/// [`decide`], also giving the blocks' shapes (which the reasons need).
fn decide_with_shapes(seg: &Segmented, model: &Model, scorer: &Scorer) -> (Vec<bool>, Vec<Shape>) {
    let (rows, shapes) = features::rows(seg, scorer.lexicon());
    let (_, p2) = scorer.predict(&rows, &shapes, &seg.tree);
    let weights: Vec<f32> = p2
        .iter()
        .zip(&shapes)
        .map(|(&p, s)| (p - model.threshold) * s.log_words)
        .collect();
    let run = features::densest_run(&weights);
    let has_text = |b: &Block| b.text.chars().any(char::is_alphanumeric);
    let keep: Vec<bool> = seg
        .blocks
        .iter()
        .zip(&p2)
        .enumerate()
        .map(|(i, (b, &p))| (run.contains(&i) && p >= model.threshold || p >= OUTSIDE_RUN_MIN_P) && has_text(b))
        .collect();
    if keep.iter().any(|&k| k) {
        return (keep, shapes);
    }
    // Nothing reached the threshold. An article was pasted all the same, so keep the prose the
    // model likes best: the paragraphs scoring at least half the best paragraph's score (the
    // way Readability retries with looser flags rather than answer nothing).
    let best = shapes
        .iter()
        .zip(&p2)
        .filter(|(s, _)| s.prose)
        .map(|(_, &p)| p)
        .fold(0.0f32, f32::max);
    let keep = shapes
        .iter()
        .zip(&p2)
        .map(|(s, &p)| s.prose && best > 0.0 && p >= best * FALLBACK_SHARE_OF_BEST)
        .collect();
    (keep, shapes)
}

/// A line shaped like an article's header: a heading, a line that repeats the page's declared
/// title, a bare link (an image's, printed above the headline), or a short line with a byline
/// or a date.
fn looks_like_header(b: &Block, s: &Shape, declared_title: Option<&str>) -> bool {
    matches!(b.kind, BlockKind::Heading(_))
        || declared_title.is_some_and(|t| meta::repeats_title(&b.text, t))
        || meta::is_bare_url(&b.text)
        || s.word_count <= rules::SHORT_BLOCK_WORDS
            && (meta::byline_prefix(&b.text).is_some() || crate::calendar::find_full_date(&b.text).is_some())
}

/// In the fallback, a paragraph is kept when it scores at least this share of the best one.
const FALLBACK_SHARE_OF_BEST: f32 = 0.5;

/// Cleans one segmented document with a given model (training and cross-validation use this).
///
/// After the model's decision two fixed steps, both measured by the cross-validation: a block
/// a strong phrase rule names (a paywall notice, a donation appeal) is dropped whatever its
/// length; and kept lines before the first kept paragraph of prose are the article's header
/// (headline, byline, date, a section label), read into the metadata, not the body (the gold
/// bodies, like readers, leave the headline out); likewise, for pasted text, short lines that
/// end no sentence after the last kept paragraph are the page's furniture below the article.
/// For HTML the model sees the page's structure and has learned where the header ends, so of
/// the kept lines before the first paragraph only the ones shaped like a header (a heading, a
/// byline, a date) go; the rest are mostly article that is not prose (a results table, a list of
/// codes), and the foot step dropped more article than furniture.
pub fn clean_with(seg: &Segmented, model: &Model) -> Cleaned {
    clean_scored(seg, model, &model.scorer())
}

/// Headlines are shorter than this, in words.
const HEADLINE_MAX_WORDS: usize = 20;

fn clean_scored(seg: &Segmented, model: &Model, scorer: &Scorer) -> Cleaned {
    let (mut keep, shapes) = decide_with_shapes(seg, model, scorer);
    for (k, s) in keep.iter_mut().zip(&shapes) {
        if s.strong_rule {
            *k = false;
        }
    }
    let first_kept = keep.iter().position(|&k| k).unwrap_or(keep.len());
    // A headline may ask a question (`What is the value of a border?`): a lone question of a
    // headline's length opening the kept lines, with prose after it, is header, not prose.
    let question_headline = |i: usize| {
        let text = seg.blocks[i].text.trim();
        i == first_kept
            && shapes[i].word_count < HEADLINE_MAX_WORDS
            && text.ends_with('?')
            && !text[..text.len() - 1].contains(['.', '?', '!'])
    };
    let first_prose = (0..keep.len())
        .find(|&i| keep[i] && shapes[i].prose && !question_headline(i))
        .unwrap_or(first_kept);
    for (i, k) in keep[..first_prose].iter_mut().enumerate() {
        if !seg.html || looks_like_header(&seg.blocks[i], &shapes[i], seg.declared.title.as_deref()) {
            *k = false;
        }
    }
    // The mirror image at the foot: a short kept line after the last paragraph of prose heads
    // nothing and ends no sentence ("Most read", "Last news"); it is furniture below the article.
    let last_prose = (0..keep.len()).rfind(|&i| keep[i] && shapes[i].prose);
    if let Some(last_prose) = last_prose.filter(|_| !seg.html) {
        for (k, s) in keep[last_prose + 1..].iter_mut().zip(&shapes[last_prose + 1..]) {
            if !s.sentence_end && s.word_count <= rules::TINY_BLOCK_WORDS {
                *k = false;
            }
        }
    }
    let first_kept = keep.iter().position(|&k| k).unwrap_or(keep.len());
    let run = match keep.iter().rposition(|&k| k) {
        Some(last) => first_kept..last + 1,
        None => keep.len()..keep.len(),
    };
    let header = header_blocks(&seg.blocks, &shapes, run.start);
    let (meta, meta_blocks) = meta::read(seg, &header, run.clone(), &keep);
    for &i in &meta_blocks {
        keep[i] = false;
    }
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
                reason_for(b, &shapes[i], run.contains(&i))
            };
            out.dropped.push(Dropped {
                span: b.span.clone(),
                reason,
            });
        }
    }
    let byline = out.meta.byline.as_deref();
    out.meta.source = out
        .meta
        .source
        .take()
        .or_else(|| meta::outlet_in_furniture(seg, &keep, byline))
        .or_else(|| meta::outlet_in_copyright(seg, &keep));
    out
}

/// Why a block the model did not keep is not article text, in words a reader understands: the
/// phrase rule that recognises it if one does (or the everyday furniture word in it: "Save my
/// name and email for the next time I comment"), else what its shape says.
fn reason_for(b: &Block, s: &Shape, inside: bool) -> Reason {
    let words = s.word_count;
    if let Some(r) = s.rule.or(s.everyday) {
        return r;
    }
    if matches!(b.kind, BlockKind::Image | BlockKind::Rule) || !b.text.chars().any(char::is_alphanumeric) {
        return Reason::Markup;
    }
    let byline = words <= 8 && meta::byline_prefix(&b.text).is_some();
    if !byline && s.link_share > 0.6 && words <= rules::SHORT_BLOCK_WORDS {
        return if b.kind == BlockKind::ListItem {
            Reason::Navigation
        } else {
            Reason::Related
        };
    }
    if inside {
        Reason::Aside
    } else {
        Reason::Outside
    }
}

/// Blocks before the article run that may hold its title, byline and date: the ones after the
/// last furniture block before the run, at most a dozen. Furniture that sits inside an article's
/// header on news pages (a lead image, its caption or `© Photographer` credit, share buttons, an
/// advert label) is passed over, not taken for the end of the header: the headline is above it.
fn header_blocks(blocks: &[Block], shapes: &[Shape], run_start: usize) -> Vec<usize> {
    const MAX_HEADER_BLOCKS: usize = 12;
    let mut out = Vec::new();
    let mut short_prompts = 0;
    for i in (0..run_start).rev() {
        if out.len() == MAX_HEADER_BLOCKS {
            break;
        }
        let in_header_furniture = matches!(blocks[i].kind, BlockKind::Image | BlockKind::Rule)
            || matches!(shapes[i].rule, Some(Reason::Caption))
            || matches!(shapes[i].rule, Some(Reason::Share | Reason::Advert | Reason::Legal))
                && shapes[i].word_count <= rules::TINY_BLOCK_WORDS;
        if in_header_furniture {
            continue;
        }
        // A prompt of a few words between header and article ("Subscribe") is passed over too,
        // twice at most: more in a row is a menu, above which no header lies.
        if shapes[i].rule_hit && shapes[i].word_count <= rules::TINY_BLOCK_WORDS && short_prompts < 2 {
            short_prompts += 1;
            continue;
        }
        if shapes[i].rule_hit {
            break;
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

    /// A headline for the header tests.
    const HEADLINE: &str = "Central Bank Raises Interest Rate for First Time in Years";
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
    fn a_question_opening_the_article_is_its_headline() {
        let text = format!("Will the central bank of Freedonia raise its rates again this year?\n\n{P1}\n\n{P2}");
        let (c, _) = cleaned(&text);
        assert_eq!(
            c.meta.title.as_deref(),
            Some("Will the central bank of Freedonia raise its rates again this year?")
        );
        assert!(c.body.starts_with("The central bank"));
    }

    #[test]
    fn with_no_line_sharing_the_ledes_words_the_headline_is_the_nearest() {
        // Section names above, a standfirst of two sentences and a date line below: none is
        // the headline, and none shares a word with the lede.
        let text = format!(
            "Opinion Pages\n\nThe Editors Column\n\nHarbour Town Faces a Long Winter Ahead\n\n\
             Repression has only fuelled the crisis. It is up to them to step back\n\n\
             Last modified on Mon 18 Nov 2019 18.56 GMT\n\n{P1}\n\n{P2}"
        );
        let (c, _) = cleaned(&text);
        assert_eq!(c.meta.title.as_deref(), Some("Harbour Town Faces a Long Winter Ahead"));
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
    fn a_name_under_the_headline_is_its_byline_but_a_headline_with_a_name_is_not() {
        let byline = |under: &str| {
            let text = format!("# Bank Raises Rates for First Time in Three Years\n\n{under}\n\n{P1}\n\n{P2}");
            cleaned(&text).0.meta.byline
        };
        assert_eq!(byline("Jane Roe, Wirepress").as_deref(), Some("Jane Roe"));
        assert_eq!(byline("Jane Roe @janeroe / 2 days").as_deref(), Some("Jane Roe"));
        assert_eq!(byline("Watch Jane Roe, Ann Lee Play a Jazz Song on Stage"), None);
    }

    #[test]
    fn pasted_page_header_past_a_menu_a_prompt_and_a_credit() {
        // Plain pasted text: no heading marks. The headline is the line that announces the
        // lede, not the section names above it; a prompt and a photo credit sit in between.
        let text = format!(
            "Home\nWorld News\nBusiness\nMarkets Today\n{HEADLINE}\n\
             By Jane Roe - 11/18/19 11:04 PM EST\nSubscribe\n© Ann Lee\n\n{P1}\n\n{P2}\n\n{P3}"
        );
        let (c, _) = cleaned(&text);
        assert_eq!(c.meta.title.as_deref(), Some(HEADLINE));
        assert_eq!(c.meta.byline.as_deref(), Some("Jane Roe"));
        assert_eq!(c.meta.date.as_deref(), Some("2019-11-18"));
        assert!(c.body.starts_with("The central bank"));
    }

    #[test]
    fn the_headline_stands_above_the_byline_not_among_related_links() {
        // A related article's headline after the byline shares more words with the lede; the
        // one above the byline is the title all the same.
        let related = "Central Bank Raised Rates Three Years Ago, Inflation Followed";
        let text =
            format!("Menu\n{HEADLINE}\nBy Jane Roe\nNovember 18, 2019\nRelated\n{related}\n\n{P1}\n\n{P2}\n\n{P3}");
        let (c, _) = cleaned(&text);
        assert_eq!(c.meta.title.as_deref(), Some(HEADLINE));
        // Without a byline the date line marks the spot; a caption between is passed over.
        let caption = "The governor speaks in the capital on Monday. (acme.test)";
        let text =
            format!("Menu\nAdvertise With Us Today\n{HEADLINE}\nUpdated Nov. 19, 2019\n{caption}\n\n{P1}\n\n{P2}");
        assert_eq!(cleaned(&text).0.meta.title.as_deref(), Some(HEADLINE));
    }

    #[test]
    fn with_nothing_else_naming_it_the_outlet_is_the_sites_copyright_holder() {
        let text =
            format!("{HEADLINE}\n\n{P1}\n\n{P2}\n\n{P3}\n\nTerms of Use\n\n© 2019 Acme Courier. All rights reserved.");
        let (c, _) = cleaned(&text);
        assert_eq!(c.meta.source.as_deref(), Some("Acme Courier"));
        assert!(!c.body.contains("Acme"));
    }

    #[test]
    fn a_date_line_may_pair_published_and_updated_between_bars() {
        let dates = "PUBLISHED: 09:15, Tue, Nov 19, 2019 | UPDATED: 17:30, Wed, Nov 20, 2019";
        let text = format!("{HEADLINE}\nBy Jane Roe\n{dates}\n\n{P1}\n\n{P2}\n\n{P3}");
        let (c, _) = cleaned(&text);
        assert_eq!(c.meta.date.as_deref(), Some("2019-11-19"));
        assert!(!c.body.contains("PUBLISHED"));
    }

    #[test]
    fn a_headline_may_open_with_a_quote_or_a_bracket() {
        let title = |headline: &str| {
            let text = format!("Menu\n{headline}\nBy Jane Roe\n\n{P1}\n\n{P2}\n\n{P3}");
            cleaned(&text).0.meta.title
        };
        let quoted = "‘Rates Will Rise’: Central Bank Chief Warns Markets";
        assert_eq!(title(quoted).as_deref(), Some(quoted));
        let bracketed = "[Analysis] Central Bank Raises Interest Rate";
        assert_eq!(title(bracketed).as_deref(), Some(bracketed));
        // a quote closed by a comma opens prose: `“…,” the chief said`
        assert_eq!(
            title("“Rates will rise,” the central bank chief told reporters on Monday"),
            None
        );
    }

    #[test]
    fn a_name_under_the_headline_is_the_byline() {
        let text = format!("Markets Today\n{HEADLINE}\nJane E. Roe, Wirepress\n\n{P1}\n\n{P2}\n\n{P3}");
        let (c, _) = cleaned(&text);
        assert_eq!(c.meta.byline.as_deref(), Some("Jane E. Roe"));
        // a section name under the headline is not
        let text = format!("{HEADLINE}\nScience & Technology\n\n{P1}\n\n{P2}");
        assert_eq!(cleaned(&text).0.meta.byline, None);
    }

    #[test]
    fn a_byline_under_a_kept_standfirst_is_metadata_not_body() {
        let text = format!(
            "{HEADLINE}\n\
             Officials say more rises could follow as inflation stays above the target this year.\n\
             By Jane E. Roe\nNov. 19, 2019 8:03 am ET\n\n{P1}\n\n{P2}\n\n{P3}"
        );
        let (c, _) = cleaned(&text);
        assert_eq!(c.meta.byline.as_deref(), Some("Jane E. Roe"));
        assert_eq!(c.meta.date.as_deref(), Some("2019-11-19"));
        assert!(!c.body.contains("By Jane"), "{}", c.body);
    }

    #[test]
    fn a_name_and_a_date_under_the_headline() {
        let text = format!("3 Central Banks Raise Interest Rates for First Time in Years\nJane Roe - Nov 19, 2019, 10:31 pm CST\n0\n\n{P1}\n\n{P2}");
        let (c, _) = cleaned(&text);
        assert_eq!(
            c.meta.title.as_deref(),
            Some("3 Central Banks Raise Interest Rates for First Time in Years")
        );
        assert_eq!(c.meta.byline.as_deref(), Some("Jane Roe"));
        assert_eq!(c.meta.date.as_deref(), Some("2019-11-19"));
        // the date first, glued to its hour as pasted, then the name
        let text = format!("{HEADLINE}\nPUBLISHED WED, NOV 20 20194:29 AM EST\nJane Roe\n\n{P1}\n\n{P2}");
        let (c, _) = cleaned(&text);
        assert_eq!(c.meta.byline.as_deref(), Some("Jane Roe"));
        assert_eq!(c.meta.date.as_deref(), Some("2019-11-20"));
        // a date line alone names nobody
        let text = format!("{HEADLINE}\nUpdated Nov 19, 2019\n\n{P1}\n\n{P2}");
        assert_eq!(cleaned(&text).0.meta.byline, None);
    }

    #[test]
    fn a_byline_past_a_list_of_links_brings_its_headline() {
        let links: String = (1..=14)
            .map(|n| format!("Watch: another story about the markets, number {n}\n"))
            .collect();
        let text = format!(
            "Markets\n{HEADLINE}\n\nBy\u{a0}Jane Roe, Wirepress\n\n\
             Updated 0339 GMT November 19, 2019\n\n{links}\n{P1}\n\n{P2}\n\n{P3}"
        );
        let (c, _) = cleaned(&text);
        assert_eq!(c.meta.byline.as_deref(), Some("Jane Roe, Wirepress"));
        assert_eq!(c.meta.title.as_deref(), Some(HEADLINE));
        // a `By` line whose name is no name is no byline
        let text = format!("{HEADLINE}\nBy subject\n\n{P1}\n\n{P2}");
        assert_eq!(cleaned(&text).0.meta.byline, None);
    }

    #[test]
    fn densest_run_picks_the_heaviest_stretch() {
        assert_eq!(features::densest_run(&[-3.0, 20.0, -3.0, 15.0, -40.0, 10.0]), 1..4);
        assert_eq!(features::densest_run(&[]), 0..0);
    }

    fn cleaned_html(html: &str) -> (Cleaned, Segmented) {
        let seg = segment(&Document {
            name: "t.html".into(),
            text: html.into(),
            format: Format::Html,
            notes: vec![],
        });
        (clean(&seg), seg)
    }

    #[test]
    fn html_keeps_lines_before_the_first_paragraph_unless_shaped_like_a_header() {
        // a model that keeps every block, so that only the fixed steps decide
        let model = keep_everything();
        let html = format!(
            "<body><article><h1>Results of the night</h1><p>By Jane Roe</p><p>Harbour d. Hillside 70-44</p>\
             <p>{P1}</p><p>{P2}</p><p>Full time</p></article></body>"
        );
        let (_, seg) = cleaned_html(&html);
        let c = clean_with(&seg, &model);
        assert!(c.body.starts_with("Harbour d. Hillside 70-44\n\n"), "{}", c.body);
        assert!(c.body.ends_with("\n\nFull time"), "{}", c.body);
        assert_eq!(c.meta.byline.as_deref(), Some("Jane Roe"));
        // pasted text: every line before the first paragraph is header, short lines after the
        // last one are furniture
        let text =
            format!("Results of the night\n\nBy Jane Roe\n\nHarbour d. Hillside 70-44\n\n{P1}\n\n{P2}\n\nFull time");
        let (_, seg) = cleaned(&text);
        let c = clean_with(&seg, &model);
        assert_eq!(c.body, format!("{P1}\n\n{P2}"));
    }

    #[test]
    fn non_english_header_dates() {
        let text = format!("# Zentralbank erhöht die Zinsen\n\nVon Jane Roe\n\n12. Februar 2019\n\n{P1}\n\n{P2}");
        let (c, _) = cleaned(&text);
        assert_eq!(c.meta.date.as_deref(), Some("2019-02-12"));
        assert_eq!(c.meta.byline.as_deref(), Some("Jane Roe"));
        assert_eq!(c.meta.title.as_deref(), Some("Zentralbank erhöht die Zinsen"));
    }

    #[test]
    fn the_outlet_is_the_name_its_furniture_talks_about() {
        // `Acme Herald` stands in lines that say something about it; `Contact Us` and `Personal
        // Finance` only alone (a menu), `Tuesday November` is a date, `To The` a fragment.
        let furniture = "Personal Finance\n\nContact Us\n\nTuesday November 19, 2019\n\nSign Up To The Acme Herald\n\n\
                         Why you can trust Acme Herald\n\nPersonal Finance\n\nContact Us\n\nTuesday November 19, 2019";
        let text = format!("{furniture}\n\n{P1}\n\n{P2}\n\n{furniture}");
        let (_, seg) = cleaned(&text);
        let keep: Vec<bool> = seg.blocks.iter().map(|b| b.text == P1 || b.text == P2).collect();
        assert_eq!(
            meta::outlet_in_furniture(&seg, &keep, None).as_deref(),
            Some("Acme Herald")
        );
        // Menu entries alone are not enough, nor is the author the byline names.
        let text = format!(
            "Contact Us\n\nFollow Jane Roe for the latest columns\n\n{P1}\n\n{P2}\n\nContact Us\n\nFollow Jane Roe for the latest columns"
        );
        let (_, seg) = cleaned(&text);
        let keep: Vec<bool> = seg.blocks.iter().map(|b| b.text == P1 || b.text == P2).collect();
        assert_eq!(meta::outlet_in_furniture(&seg, &keep, Some("Jane Roe")), None);
        assert_eq!(
            meta::outlet_in_furniture(&seg, &keep, None).as_deref(),
            Some("Jane Roe")
        );
    }

    #[test]
    fn a_recurring_phrase_is_no_outlet_unless_something_says_it_is_one() {
        let outlet = |furniture: &str| {
            let text = format!("{furniture}\n\n{P1}\n\n{P2}\n\n{furniture}");
            let (_, seg) = cleaned(&text);
            let keep: Vec<bool> = seg.blocks.iter().map(|b| b.text == P1 || b.text == P2).collect();
            meta::outlet_in_furniture(&seg, &keep, None)
        };
        // a section, a place and another article's headline recur in context, but nothing
        // around them is an outlet's
        assert_eq!(outlet("More stories about Weight Loss this week"), None);
        assert_eq!(outlet("See all East Freedonia rulings on this page"), None);
        assert_eq!(outlet("Mayor Jane Roe Denies Everything on live television"), None);
        // a copyright line names it, even a long one, and its legal words are not the name
        let legal = "This material may not be published or redistributed. © 2019 Ogden Broadcast Group, LLC. \
                     All Rights Reserved. FAQ - Updated Privacy Policy";
        assert_eq!(outlet(legal).as_deref(), Some("Ogden Broadcast Group"));
        // words only an outlet's name takes, before or after it; a possessive is no part of it
        assert_eq!(
            outlet("Get the Ogden Courant App for your phone").as_deref(),
            Some("Ogden Courant")
        );
        assert_eq!(
            outlet("Why you should trust Ogden Courant's reporting").as_deref(),
            Some("Ogden Courant")
        );
        // or a word outlets name themselves with
        assert_eq!(
            outlet("Read more from the Ogden Herald today").as_deref(),
            Some("Ogden Herald")
        );
    }

    #[test]
    fn labelled_url_line_and_dateline() {
        let text = format!("MOSCOW (Wirepress) - {P1}\n\n{P2}\n\n{P3}\n\nOriginal url:\n\n<https://x.test/2019/a>");
        let (c, _) = cleaned(&text);
        assert_eq!(c.meta.url.as_deref(), Some("https://x.test/2019/a"));
        assert_eq!(c.meta.dateline.as_deref(), Some("MOSCOW"));
        assert_eq!(c.meta.source.as_deref(), Some("Wirepress"));
        assert!(!c.body.contains("Original url"));
        // a score after a team's name is no agency
        assert_eq!(meta::dateline("Harbour (1-0): Jane Roe 25 points"), None);
    }

    #[test]
    fn html_page_metadata_and_accounting() {
        let html = format!(
            r#"<html><head><title>Rates | The Daily</title>
            <meta property="og:title" content="Bank Raises Rates">
            <meta property="og:site_name" content="The Daily">
            <meta property="article:published_time" content="2019-02-12T09:30:00Z">
            <link rel="canonical" href="https://x.test/rates"></head>
            <body><nav><a href="/">Home</a> <a href="/w">World</a></nav>
            <article><div>https://cdn.x.test/image/5d1c-500-250/rates.jpg</div>
            <div>Home News Business News Bank Raises Rates</div><p>{P1}</p><p>{P2}</p><p>{P3}</p></article>
            <footer>© 2019 The Daily. All rights reserved.</footer></body></html>"#
        );
        let (c, seg) = cleaned_html(&html);
        assert_eq!(c.meta.title.as_deref(), Some("Bank Raises Rates"));
        assert_eq!(c.meta.date.as_deref(), Some("2019-02-12"));
        // the declared title, not the line that repeats it after a breadcrumb; the declared
        // URL, not the image link above it
        assert_eq!(c.meta.url.as_deref(), Some("https://x.test/rates"));
        assert_eq!(c.meta.source.as_deref(), Some("The Daily"));
        assert_eq!(c.body, format!("{P1}\n\n{P2}\n\n{P3}"));
        // every rendered line is body or dropped, and each drop points at its line
        assert_eq!(c.paragraphs.len() + c.dropped.len(), seg.blocks.len());
        for d in &c.dropped {
            assert!(seg.blocks.iter().any(|b| b.span == d.span));
        }
        assert!(c
            .dropped
            .iter()
            .any(|d| seg.source[d.span.clone()].contains("All rights reserved") && d.reason == Reason::Legal));
    }

    #[test]
    fn hostile_text_stays_fast() {
        let t = std::time::Instant::now();
        let long_line = "word ".repeat(400_000);
        let (c, _) = cleaned(&long_line);
        assert_eq!(c.paragraphs.len() + c.dropped.len(), 1);
        let many_lines = "Home\n".repeat(200_000);
        let (c, _) = cleaned(&many_lines);
        assert_eq!(c.paragraphs.len() + c.dropped.len(), 200_000);
        let (c, _) = cleaned_html(&"<div><p>".repeat(50_000));
        assert!(c.body.is_empty());
        assert!(t.elapsed().as_secs() < 20, "{:?}", t.elapsed());
    }
}
