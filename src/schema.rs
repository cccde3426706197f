//! The output schema: what `analyze` returns, to the CLI, the page and the tests alike.
//!
//! These types are a compatibility promise (GUIDE §3 names the fields the checks read; the page's
//! TypeScript declarations in `www/presslens.d.ts` mirror them and a test holds the two together).
//! Only this module derives `Serialize`. Offsets here are in the unit the caller asked for
//! ([`OffsetUnit`]): stages work in UTF-8 bytes and `lib.rs` converts once, at the end.

use serde::{Deserialize, Serialize};

/// What one call of [`crate::analyze`] produces for a set of documents.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Analysis {
    pub articles: Vec<Article>,
    pub story: Story,
    /// The unit every `start`/`end` in this analysis counts.
    pub offsets: OffsetUnit,
    /// The presslens version that made this analysis.
    pub version: String,
}

/// One input document, analysed.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Article {
    /// The file name (or label) the document came with.
    pub file: String,
    /// Why the document could not be analysed; everything else is then empty.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub error: Option<String>,
    pub format: Option<Format>,
    /// The text `removed` offsets point into: for HTML input the page's text, one block a line
    /// (always present); for text input the decoded input (present when `Options::source_text`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub source_text: Option<String>,
    pub meta: Meta,
    /// The cleaned article text, paragraphs separated by blank lines.
    pub body: String,
    /// `[start, end)` of each paragraph of `body`.
    pub paragraphs: Vec<Span>,
    /// What cleaning dropped, in input order.
    pub removed: Vec<Removed>,
    /// Canonical entities, most mentioned first.
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    /// Things worth knowing about how this document was read (encoding guesses and the like).
    pub notes: Vec<String>,
}

/// Article metadata; `None` where the document does not say.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Meta {
    pub title: Option<String>,
    /// The outlet that published the article.
    pub source: Option<String>,
    pub byline: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The place the story was filed from (`MOSCOW (Reuters) -` gives `MOSCOW`).
    pub dateline: Option<String>,
    pub url: Option<String>,
}

/// A `[start, end)` range.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A piece of the input that is not in the body.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Removed {
    /// The input text of the piece, as it was.
    pub text: String,
    pub reason: Reason,
    /// The reason in words, for people.
    pub why: String,
    /// Where the piece is in the input text (for HTML input: in `Article::source_text`).
    pub start: usize,
    pub end: usize,
}

/// One thing the article talks about, with every place it does.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entity {
    /// The canonical name: the fullest form the article gives, or the expansion of an abbreviation.
    pub name: String,
    #[serde(rename = "type")]
    pub label: Label,
    pub mentions: Vec<Mention>,
    /// For dates: the calendar value when the article pins it down (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub value: Option<String>,
}

/// One occurrence of an entity in the body.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Mention {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Words the article puts in someone's mouth.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Quote {
    /// The quoted words, without the quotation marks.
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The canonical name of the speaker, a description ("a senior official"), or `None`.
    pub speaker: Option<String>,
    /// Index of the speaker in `entities`, when the speaker is one.
    pub speaker_entity: Option<usize>,
    /// The reporting words that tie quote and speaker (`said`, `according to`).
    pub cue: Option<String>,
}

/// How several articles on one story line up.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Story {
    /// Entities across articles, merged by name and type; most widely covered first.
    pub entities: Vec<StoryEntity>,
    /// Quotes that appear (nearly word for word) in more than one article.
    pub shared_quotes: Vec<SharedQuote>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StoryEntity {
    pub name: String,
    #[serde(rename = "type")]
    pub label: Label,
    /// Indexes into `articles` of the articles that mention it.
    pub articles: Vec<usize>,
    /// Mentions summed over those articles.
    pub mentions: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SharedQuote {
    pub text: String,
    pub speaker: Option<String>,
    pub articles: Vec<usize>,
}

/// The unit of `start`/`end` offsets.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum OffsetUnit {
    /// Unicode code points: Python `str` indices, what the CLI and the scorers use.
    #[default]
    Codepoint,
    /// UTF-16 code units: JavaScript string indices, what the page uses.
    Utf16,
    /// UTF-8 bytes: Rust `str` indices.
    Byte,
}

/// What `analyze` is asked to do.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default, rename_all = "camelCase")]
pub struct Options {
    pub offsets: OffsetUnit,
    /// Clean the documents; when off, the body is the decoded text exactly (for `presslens ner`).
    pub clean: bool,
    /// Find entities and quotes; when off, only cleaning and metadata run (for `presslens clean`).
    pub entities: bool,
    /// Include each document's text as read (`Article::source_text`) even when it is not HTML, so
    /// a viewer can show the removed lines in place.
    pub source_text: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            offsets: OffsetUnit::Codepoint,
            clean: true,
            entities: true,
            source_text: false,
        }
    }
}

/// The kind of text a document holds, which decides how it is segmented.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text as pasted from a page, possibly with markdown.
    Text,
    /// An HTML page or fragment.
    Html,
}

/// The kinds of entity. The first four are CoNLL's; the rest are numeric and temporal.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    /// People.
    PER,
    /// Organisations: companies, agencies, parties, teams, institutions.
    ORG,
    /// Places: countries, cities, regions, landmarks.
    LOC,
    /// Other names: nationalities, events, products, works.
    MISC,
    DATE,
    TIME,
    MONEY,
    PERCENT,
    QUANTITY,
}

impl Label {
    pub const ALL: [Label; 9] = [
        Label::PER,
        Label::ORG,
        Label::LOC,
        Label::MISC,
        Label::DATE,
        Label::TIME,
        Label::MONEY,
        Label::PERCENT,
        Label::QUANTITY,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Label::PER => "PER",
            Label::ORG => "ORG",
            Label::LOC => "LOC",
            Label::MISC => "MISC",
            Label::DATE => "DATE",
            Label::TIME => "TIME",
            Label::MONEY => "MONEY",
            Label::PERCENT => "PERCENT",
            Label::QUANTITY => "QUANTITY",
        }
    }

    /// Names (as opposed to numeric and temporal expressions).
    pub fn is_name(self) -> bool {
        matches!(self, Label::PER | Label::ORG | Label::LOC | Label::MISC)
    }
}

/// Why cleaning dropped a piece of the input. The code is stable; [`Reason::why`] is for people.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Title, byline, date, dateline or URL line: moved into `meta`.
    Metadata,
    /// "Subscribe", "log in", "you have reached your limit", donation appeals.
    Paywall,
    /// Prices, plans and their terms.
    Price,
    /// Menus, section links, breadcrumbs, "back to top".
    Navigation,
    /// Share buttons, follow-us lines, social handles.
    Share,
    /// Image captions and photo credits.
    Caption,
    /// "Related article", "Read more", "Most popular" and the headlines under them.
    Related,
    /// Disclaimers, copyright, cookie and legal notices.
    Legal,
    /// Advertising and sponsored-content labels.
    Advert,
    /// Markdown or HTML leftovers with no text (`![]()`, `---`, stray tags).
    Markup,
    /// Comments, "leave a reply", newsletter sign-ups and other reader prompts.
    Prompt,
    /// Short lines outside the article's run of prose.
    Outside,
    /// Lines between the article's paragraphs that are not article text (teasers, widget
    /// titles, stray labels) and that no phrase rule names.
    Aside,
}

impl Reason {
    pub fn why(self) -> &'static str {
        match self {
            Reason::Metadata => "title, byline, date or link: shown as metadata",
            Reason::Paywall => "subscription or paywall prompt",
            Reason::Price => "price or subscription plan",
            Reason::Navigation => "site navigation",
            Reason::Share => "share or social-media buttons",
            Reason::Caption => "image caption or photo credit",
            Reason::Related => "link to another article",
            Reason::Legal => "disclaimer, copyright or legal notice",
            Reason::Advert => "advertising",
            Reason::Markup => "markup without text",
            Reason::Prompt => "reader prompt (comments, newsletter, sign-up)",
            Reason::Outside => "outside the article's text",
            Reason::Aside => "between the article's paragraphs, but not part of the article",
        }
    }
}

/// Converts UTF-8 byte offsets of one text into another [`OffsetUnit`].
///
/// A table per byte would cost memory per byte; this keeps one checkpoint after each non-ASCII
/// char (byte offset, unit offset) and counts the ASCII bytes since the last one.
pub struct OffsetMap {
    unit: OffsetUnit,
    checkpoints: Vec<(usize, usize)>,
}

impl OffsetMap {
    pub fn new(text: &str, unit: OffsetUnit) -> Self {
        let mut checkpoints = Vec::new();
        if unit != OffsetUnit::Byte {
            let mut last = (0, 0);
            for (i, c) in text.char_indices().filter(|(_, c)| !c.is_ascii()) {
                let at = last.1 + (i - last.0);
                let width = if unit == OffsetUnit::Utf16 { c.len_utf16() } else { 1 };
                last = (i + c.len_utf8(), at + width);
                checkpoints.push(last);
            }
        }
        OffsetMap { unit, checkpoints }
    }

    /// The offset of byte `b` (a char boundary) in this map's unit.
    pub fn get(&self, b: usize) -> usize {
        if self.unit == OffsetUnit::Byte {
            return b;
        }
        match self.checkpoints.partition_point(|&(byte, _)| byte <= b) {
            0 => b,
            i => {
                let (byte, units) = self.checkpoints[i - 1];
                units + (b - byte)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_map_counts_code_points_and_utf16_units() {
        let text = "a é ₹9 😀 b";
        let cp = OffsetMap::new(text, OffsetUnit::Codepoint);
        let u16 = OffsetMap::new(text, OffsetUnit::Utf16);
        let by = OffsetMap::new(text, OffsetUnit::Byte);
        for (b, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(cp.get(b), text[..b].chars().count(), "byte {b}");
            assert_eq!(u16.get(b), text[..b].encode_utf16().count(), "byte {b}");
            assert_eq!(by.get(b), b);
        }
    }

    #[test]
    fn options_default_and_from_partial_json() {
        let o: Options = serde_json::from_str(r#"{"offsets":"utf16"}"#).unwrap();
        assert_eq!(
            o,
            Options {
                offsets: OffsetUnit::Utf16,
                ..Options::default()
            }
        );
        assert!(o.clean && o.entities);
    }
}
