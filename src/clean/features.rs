//! Block features: the numbers the learned block classifier ([`super::model`]) decides on.
//!
//! In: a [`Segmented`] document and the model's learned boilerplate vocabulary. Out: one row of
//! [`N_BASE`] numbers per block (stage 1), later extended by [`stage2_rows`] with what stage 1
//! thought of the block's neighbours. Every feature is language-neutral shape (length, sentence
//! punctuation, capitals, digits, link and markup share, the block's kind, where it sits relative
//! to the densest run of prose, and its neighbours), except two vocabularies: the hand-written
//! phrase rules of [`super::rules`] and the learned word weights, which are mostly English and
//! simply stay silent on other languages.
//!
//! The names in [`BASE_NAMES`] and [`STAGE2_NAMES`] are written into the model file, and loading
//! a model checks them, so a model trained on another feature layout is refused, not misread.

use std::collections::HashMap;

use super::meta;
use super::rules;
use crate::calendar;
use crate::schema::Reason;
use crate::segment::{Block, BlockKind, BlockTree, Segmented, TextLayout};

/// What one block looks like on its own; the rows are built from these.
#[derive(Debug, Clone, Default)]
pub struct Shape {
    /// Word-like tokens; a CJK ideograph or kana counts as half a word (no spaces there).
    pub words: f32,
    /// `ln(1 + words)`, computed once: rows, runs and stage 2 all weigh blocks by it.
    pub log_words: f32,
    pub chars: usize,
    /// Ends like a sentence (`.`, `!`, `?`, `…`, `。`), after closing quotes and brackets.
    pub sentence_end: bool,
    /// A phrase rule of [`rules`] recognises the block as page furniture.
    pub rule_hit: bool,
    /// A rule that drops the block whatever the model says fired: a phrase specific enough
    /// for a block of any length, a photo credit ending a caption, a bare price.
    pub strong_rule: bool,
    /// The reason the phrase rules give (the strong one first), if any.
    pub rule: Option<Reason>,
    /// The reason an everyday word of the rules' `tiny` tier gives in a block too long for the
    /// rule to apply (at most [`rules::SHORT_BLOCK_WORDS`] words): a hint, not a rule.
    pub everyday: Option<Reason>,
    /// Whitespace-separated words that hold a letter or digit (a lone `→` or `|` is none).
    pub word_count: usize,
    /// Prose by the hand rule of thumb: 10+ words ending a sentence, or 20+ words.
    pub prose: bool,
    pub link_share: f32,
    /// Mean learned boilerplate weight of the block's words.
    pub vocab_mean: f32,
}

/// Names of the stage-1 features, in row order.
pub const BASE_NAMES: &[&str] = &[
    "log_chars",
    "log_words",
    "sentence_end",
    "sentence_marks_per_word",
    "commas_per_word",
    "capitalised_share",
    "starts_lowercase",
    "digit_share",
    "currency",
    "link_share",
    "markup_share",
    "kind_heading",
    "kind_list",
    "kind_quote",
    "kind_table",
    "kind_image_or_rule",
    "blank_before",
    "rule_hit",
    "rule_strong_hit",
    "rule_everyday_word",
    "vocab_mean",
    "vocab_max",
    "vocab_min",
    "quote_marks",
    "ends_colon",
    "all_caps",
    "mean_word_len",
    "short_word_share",
    "has_full_date",
    "has_clock_time",
    "byline_prefix",
    "url_like",
    "log_duplicates",
    "position",
    "separators",
    "ends_digit_or_paren",
    "cjk_share",
    "repeated_share",
    // neighbours: p = previous, n = next
    "p2_log_words",
    "p2_sentence_end",
    "p2_link_share",
    "p2_vocab_mean",
    "p2_rule_hit",
    "p2_prose",
    "p1_log_words",
    "p1_sentence_end",
    "p1_link_share",
    "p1_vocab_mean",
    "p1_rule_hit",
    "p1_prose",
    "n1_log_words",
    "n1_sentence_end",
    "n1_link_share",
    "n1_vocab_mean",
    "n1_rule_hit",
    "n1_prose",
    "n2_log_words",
    "n2_sentence_end",
    "n2_link_share",
    "n2_vocab_mean",
    "n2_rule_hit",
    "n2_prose",
    // the surroundings
    "prose_share_5",
    "log_words_mean_5",
    "prose_share_15",
    "rule_share_5",
    "in_prose_run",
    "log_blocks_before_run",
    "log_blocks_after_run",
    "run_share",
    "log_prose_words_before",
    "log_prose_words_after",
    "log_blocks",
    "log_rule_hits_since_prose",
    // what the DOM says (HTML input only; zero for text)
    "dom_present",
    "dom_in_article",
    "dom_in_nav",
    "dom_in_aside",
    "dom_in_footer",
    "dom_in_header",
    "dom_in_form",
    "dom_in_figure",
    "dom_hidden",
    "dom_is_p",
    "dom_positive_classes",
    "dom_negative_classes",
    "dom_log_container_chars",
    "dom_container_link_density",
    "dom_log_container_paragraphs",
    "dom_in_top_candidate",
    "dom_candidate_score",
    "dom_depth",
    // the learned weights of the markup words (class and id words) of the block's element
    // and its ancestors (HTML only)
    "dom_markup_max",
    "dom_markup_min",
    "dom_markup_mean",
    "dom_markup_near",
    // where the page's non-link text lies around the block (HTML only)
    "dom_text_share_parent",
    "dom_text_share_grandparent",
    "dom_text_share_great_grandparent",
    "dom_in_text_core",
    "dom_log_steps_to_top_candidate",
    "dom_top_candidate_text_share",
    "dom_top_candidate_link_density",
];

/// Number of stage-1 features.
pub const N_BASE: usize = 103;

/// Where the text-layout features (HTML only, the last of a row) start in a row.
pub const LAYOUT_AT: usize = 96;

/// Where the markup-word features start in a row.
const MARKUP_AT: usize = 92;

/// Levels of the element tree whose markup words a block is weighed by: its element and that
/// many minus one ancestors.
pub const MARKUP_LEVELS: usize = 8;

/// A vocabulary key with this prefix is a markup word ([`crate::segment::BlockTree::words`]),
/// not a word of the text.
pub const MARKUP_PREFIX: char = '@';

/// Where the DOM features start in a row.
const DOM_AT: usize = 74;

/// Where the neighbour features start in a row (after the block's own).
const OWN: usize = N_LOCAL + 1;

/// Where `log_duplicates` is in a row.
const DUPLICATES: usize = 32;

/// Names of the features stage 2 adds to the stage-1 row.
pub const STAGE2_NAMES: &[&str] = &[
    "p",
    "p_prev1",
    "p_prev2",
    "p_prev3",
    "p_next1",
    "p_next2",
    "p_next3",
    "p_mean_5",
    "p_mean_15",
    "p_in_best_run",
    "p_log_dist_to_run",
    "p_log_words_before",
    "p_log_words_after",
    "p_max_before",
    "p_max_after",
    // what stage 1 said of the blocks that share the block's elements (HTML only; zero for text)
    "p_tree_element",
    "p_tree_parent",
    "p_tree_grandparent",
    "p_tree_great_grandparent",
    "p_in_article_element",
    // the groups of blocks sharing the block's parent and grandparent element (HTML only; zero
    // for text): see `sibling_groups`
    "p_group_max_parent",
    "group_log_blocks_parent",
    "group_text_share_parent",
    "p_text_share_outside_parent",
    "p_group_max_grandparent",
    "group_log_blocks_grandparent",
    "group_text_share_grandparent",
    "p_text_share_outside_grandparent",
    "group_log_words_spread_parent",
];

/// Number of features a stage-2 row adds to the stage-1 row.
pub const N_EXTRA: usize = 29;

/// Number of features in a stage-2 row.
pub const N_STAGE2: usize = N_BASE + N_EXTRA;

/// Where the tree votes start in a stage-2 row's extras.
const TREE_AT: usize = 15;

/// Where the sibling-group features start in a stage-2 row's extras.
const GROUPS_AT: usize = TREE_AT + VOTE_LEVELS + 1;

/// Neighbours further than this are not looked at one by one (windows summarise them).
const NEIGHBOURS: [isize; 4] = [-2, -1, 1, 2];

/// The learned boilerplate vocabulary: lowercase word to weight (log-odds of "outside the
/// article" against "article", learned from labelled pages; positive = boilerplate).
pub type Vocab = HashMap<String, f32, rules::FastHash>;

/// Lowercase word tokens of a text, as the vocabulary keys them: letters and digits runs,
/// at least two chars, not all digits.
pub fn vocab_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| is_vocab_word(w))
        .map(str::to_lowercase)
}

/// Whether a letters-and-digits token is one the vocabulary may hold.
fn is_vocab_word(w: &str) -> bool {
    w.chars().nth(1).is_some() && !w.bytes().all(|c| c.is_ascii_digit())
}

/// Everything the features look words up in: the learned vocabulary and the phrase rules'
/// first tokens, together, so that each token of a block costs one look-up.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// The entries of the words of at most [`SHORT_WORD_BYTES`] bytes (most tokens), by their
    /// [`short_key`]: an index into `short_entries`. A token's bytes make its key, so it is
    /// neither hashed as a string nor compared byte by byte.
    short_words: MixedKeyTable,
    short_entries: Vec<LexEntry>,
    /// The entries of the longer words.
    long_words: HashMap<Box<[u8]>, LexEntry, rules::FastHash>,
    /// Learned weights of markup words (the vocabulary's keys with [`MARKUP_PREFIX`]).
    markup: HashMap<Box<str>, f32, rules::FastHash>,
    /// The first chars of phrases that start with a symbol (`/month`, `(photo:`, `©`): other
    /// symbols are not looked up.
    symbol_starts: Vec<char>,
}

#[derive(Debug, Clone, Copy, Default)]
struct LexEntry {
    weight: f32,
    phrases: &'static [rules::Entry],
}

/// Words of at most this many bytes are keyed by [`short_key`].
const SHORT_WORD_BYTES: usize = 7;

/// A word `b` of at most [`SHORT_WORD_BYTES`] bytes as a [`MixedKeyTable`] key: its bytes and, in the top
/// byte, its length (so no two words share one), times an odd constant (one to one, and mixed).
/// The bytes are read in at most two loads, which may overlap: a byte loop cost more than the
/// look-up.
fn short_key(b: &[u8]) -> Option<u64> {
    let n = b.len();
    let bytes = match n {
        1..=3 => b[0] as u64 | (b[n / 2] as u64) << (8 * (n / 2)) | (b[n - 1] as u64) << (8 * (n - 1)),
        4..=SHORT_WORD_BYTES => {
            let head = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64;
            let tail = u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]) as u64;
            head | tail << (8 * (n - 4))
        }
        _ => return None,
    };
    Some((bytes | (n as u64) << 56).wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

impl Lexicon {
    /// The lexicon of a learned vocabulary and the phrase rules.
    pub fn new(vocab: &Vocab) -> Lexicon {
        let mut words: HashMap<Box<str>, LexEntry, rules::FastHash> = HashMap::default();
        let mut markup: HashMap<Box<str>, f32, rules::FastHash> = HashMap::default();
        for (w, &weight) in vocab {
            match w.strip_prefix(MARKUP_PREFIX) {
                Some(m) => {
                    markup.insert(m.into(), weight);
                }
                None => words.entry(w.as_str().into()).or_default().weight = weight,
            }
        }
        let mut symbol_starts = Vec::new();
        for (first, entries) in rules::phrase_index() {
            words.entry((*first).into()).or_default().phrases = entries;
            if let Some(c) = first.chars().next().filter(|c| !c.is_alphanumeric()) {
                symbol_starts.push(c);
            }
        }
        let short_count = words.keys().filter(|w| short_key(w.as_bytes()).is_some()).count();
        let mut short_words = MixedKeyTable::with_capacity(short_count);
        let mut short_entries = Vec::with_capacity(short_count);
        let mut long_words: HashMap<Box<[u8]>, LexEntry, rules::FastHash> = HashMap::default();
        for (w, entry) in words {
            match short_key(w.as_bytes()) {
                Some(key) => {
                    short_words.get_or_insert(key, short_entries.len() as u32);
                    short_entries.push(entry);
                }
                None => {
                    long_words.insert(w.into_boxed_bytes(), entry);
                }
            }
        }
        Lexicon {
            short_words,
            short_entries,
            long_words,
            markup,
            symbol_starts,
        }
    }

    /// The entry of a lowercase token (its UTF-8 bytes), if the vocabulary or the phrase rules
    /// know it.
    fn entry(&self, token: &[u8]) -> Option<LexEntry> {
        match short_key(token) {
            Some(key) => self.short_words.get(key).map(|i| self.short_entries[i as usize]),
            None => self.long_words.get(token).copied(),
        }
    }
}

/// Whether `c` is in the General Punctuation block but its spaces and format controls:
/// U+2010 to U+2027 and U+2030 to U+205E (dashes, curly quotes, bullets, the ellipsis), the
/// non-ASCII chars of most news text. None is a letter, digit or space or has a case, so the
/// Unicode tables (hundreds of instructions an answer) need not be asked.
fn is_plain_punctuation(c: char) -> bool {
    matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}')
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// What the features ask of a char, as bits: for an ASCII char (most chars), one look-up in a
/// table instead of a dozen tests.
#[derive(Clone, Copy)]
struct CharClass(u16);

impl CharClass {
    const ALNUM: u16 = 1;
    /// Whitespace (for ASCII, as `is_ascii_whitespace` says: no vertical tab).
    const SPACE: u16 = 1 << 1;
    const DIGIT: u16 = 1 << 2;
    /// Alphabetic; not an ASCII digit.
    const LETTER: u16 = 1 << 3;
    const LOWERCASE: u16 = 1 << 4;
    /// Counted as a capital: an ASCII letter not lowercase, another char that is uppercase.
    const UPPER: u16 = 1 << 5;
    /// Non-ASCII, in the ranges of [`is_cjk`].
    const CJK: u16 = 1 << 6;
    /// Ends a sentence when followed by a space, a closer or the end: `.`, `!`, `?`, `…`, `。`.
    const MARK: u16 = 1 << 7;
    /// Closes a sentence after its mark: `"`, `”`, `’`, `)`.
    const CLOSER: u16 = 1 << 8;
    const COMMA: u16 = 1 << 9;
    const QUOTE: u16 = 1 << 10;
    /// A currency sign, a price if a digit follows.
    const CURRENCY: u16 = 1 << 11;
    const SEPARATOR: u16 = 1 << 12;
    const COLON: u16 = 1 << 13;

    const ASCII: [u16; 128] = {
        let mut table = [0u16; 128];
        let mut b = 0u8;
        while b < 128 {
            let mut bits = Self::punctuation(b as char);
            if b.is_ascii_alphanumeric() {
                bits |= Self::ALNUM;
            }
            if b.is_ascii_whitespace() {
                bits |= Self::SPACE;
            }
            if b.is_ascii_digit() {
                bits |= Self::DIGIT;
            }
            if b.is_ascii_alphabetic() {
                bits |= Self::LETTER;
                bits |= if b.is_ascii_lowercase() {
                    Self::LOWERCASE
                } else {
                    Self::UPPER
                };
            }
            table[b as usize] = bits;
            b += 1;
        }
        table
    };

    fn of(c: char) -> CharClass {
        if c.is_ascii() {
            return CharClass(Self::ASCII[c as usize]);
        }
        let mut bits = Self::punctuation(c);
        if is_plain_punctuation(c) {
            return CharClass(bits);
        }
        // `is_alphanumeric` is alphabetic or numeric: the Unicode table looked up once
        let alphabetic = c.is_alphabetic();
        let flags = [
            (alphabetic || c.is_numeric(), Self::ALNUM),
            (c.is_whitespace(), Self::SPACE),
            (alphabetic, Self::LETTER),
            (c.is_lowercase(), Self::LOWERCASE),
            (c.is_uppercase(), Self::UPPER),
            (is_cjk(c), Self::CJK),
        ];
        for (set, bit) in flags {
            if set {
                bits |= bit;
            }
        }
        CharClass(bits)
    }

    const fn punctuation(c: char) -> u16 {
        let mark = matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | '…');
        let closer = matches!(c, '"' | '”' | '’' | ')');
        let comma = matches!(c, ',' | '、' | '，');
        let quote = matches!(c, '"' | '“' | '”' | '«' | '»' | '„' | '「' | '」');
        let currency = matches!(c, '$' | '£' | '€' | '¥' | '₹' | '₽' | '₩');
        let separator = matches!(c, '|' | '•' | '·' | '/');
        (mark as u16 * Self::MARK)
            | (closer as u16 * Self::CLOSER)
            | (comma as u16 * Self::COMMA)
            | (quote as u16 * Self::QUOTE)
            | (currency as u16 * Self::CURRENCY)
            | (separator as u16 * Self::SEPARATOR)
            | ((c == ':') as u16 * Self::COLON)
    }

    fn has(self, bit: u16) -> bool {
        self.0 & bit != 0
    }
}

/// Features of a block on its own (the first ones of a row).
const N_LOCAL: usize = 37;

/// Buffers reused from block to block, so that a block costs no allocation.
#[derive(Default)]
struct Scratch {
    lower: String,
    tokens: Vec<(u32, u32)>,
    /// Hashes of each block's whitespace-separated words, all blocks in a row.
    word_hashes: Vec<u64>,
}

/// A block's shape, and its features on its own written into `own` (the first of its row).
///
/// One pass over the block's chars collects the counts, the lowercase text and its tokens; then
/// one look-up per token in the [`Lexicon`] gives the phrase rules and the vocabulary weights.
fn local(b: &Block, lex: &Lexicon, source_len: usize, scratch: &mut Scratch, own: &mut [f32; N_LOCAL]) -> Shape {
    let text = b.text.as_str();
    let lower_text = &mut scratch.lower;
    // Text is lowercased in one go, at the same offsets (the tokens' offsets are then the
    // text's), unless a char's lowercase has another length; then char by char in the scan.
    let same_offsets = lowercase_at_same_offsets(text, lower_text);
    if !same_offsets {
        lower_text.clear();
    }
    let toks = &mut scratch.tokens;
    toks.clear();
    let mut chars = 0usize;
    let (mut digits, mut upper, mut lower, mut cjk, mut letters) = (0usize, 0usize, 0usize, 0usize, 0usize);
    let (mut sentence_marks, mut commas, mut quotes, mut separators) = (0usize, 0usize, 0usize, 0usize);
    let (mut currency, mut clock, mut colon) = (false, false, false);
    let mut starts_lowercase: Option<bool> = None;
    // a sentence mark or currency sign waits for the next char to count
    let (mut mark_pending, mut currency_pending) = (false, false);
    let mut prev = ' ';
    // whitespace-separated words: their stats, and a hash each (for repeated trigrams)
    let mut totals = WordTotals::default();
    let mut piece_start: Option<usize> = None;
    let mut piece = PieceStats::default();
    // letters-and-digits runs of the lowercase text
    let mut run_start: Option<usize> = None;
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // Most chars: lowercase ASCII letters after a letter or digit, in a word and a token
        // already begun (so no sentence mark or currency sign is waiting); a run of them only
        // changes counts.
        if run_start.is_some() {
            let run = bytes[at..].iter().take_while(|b| b.is_ascii_lowercase()).count();
            if run > 0 {
                chars += run;
                letters += run;
                lower += run;
                starts_lowercase.get_or_insert(true);
                if !same_offsets {
                    lower_text.push_str(&text[at..at + run]);
                }
                piece.add_letters(run);
                at += run;
                prev = bytes[at - 1] as char;
                continue;
            }
        }
        let b = bytes[at];
        // Next most common: a space ending a word. After a letter or digit nothing waits and
        // the word is begun; the space ends the token and the word.
        if let (b' ', Some(w)) = (b, run_start) {
            chars += 1;
            let low_at = if same_offsets {
                at
            } else {
                lower_text.push(' ');
                lower_text.len() - 1
            };
            toks.push((w as u32, low_at as u32));
            run_start = None;
            if let Some(start) = piece_start.take() {
                scratch.word_hashes.push(hash_bytes(&bytes[start..at]));
                piece.finish(&mut totals);
            }
            prev = ' ';
            at += 1;
            continue;
        }
        // And an ASCII letter after a space: nothing waits after a space, and the letter
        // begins a token and a word.
        if prev == ' ' && b.is_ascii_alphabetic() {
            // Most such words are lowercase after the letter and end at a space or the text's
            // end: read whole, token and word at once.
            let end = at + 1 + bytes[at + 1..].iter().take_while(|b| b.is_ascii_lowercase()).count();
            if bytes.get(end).is_none_or(|&e| e == b' ') {
                let n = end - at;
                let first_lowercase = b.is_ascii_lowercase();
                chars += n;
                letters += n;
                lower += n - usize::from(!first_lowercase);
                upper += usize::from(!first_lowercase);
                starts_lowercase.get_or_insert(first_lowercase);
                let low_at = if same_offsets {
                    at
                } else {
                    lower_text.push(b.to_ascii_lowercase() as char);
                    lower_text.push_str(&text[at + 1..end]);
                    lower_text.len() - n
                };
                toks.push((low_at as u32, (low_at + n) as u32));
                scratch.word_hashes.push(hash_bytes(&bytes[at..end]));
                totals.add(b as char, n, false);
                if end < bytes.len() {
                    chars += 1;
                    if !same_offsets {
                        lower_text.push(' ');
                    }
                    at = end + 1;
                } else {
                    prev = bytes[end - 1] as char;
                    at = end;
                }
                continue;
            }
            let c = b as char;
            chars += 1;
            letters += 1;
            if b.is_ascii_lowercase() {
                lower += 1;
            } else {
                upper += 1;
            }
            starts_lowercase.get_or_insert(b.is_ascii_lowercase());
            let low_at = if same_offsets {
                at
            } else {
                lower_text.push(c.to_ascii_lowercase());
                lower_text.len() - 1
            };
            run_start = Some(low_at);
            piece_start = Some(at);
            piece.add(c, true, false);
            prev = c;
            at += 1;
            continue;
        }
        // ASCII is read as a byte, with no UTF-8 decoding
        let c = match b {
            b if b.is_ascii() => b as char,
            _ => text[at..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER),
        };
        let class = CharClass::of(c);
        chars += 1;
        let (alnum, space) = (class.has(CharClass::ALNUM), class.has(CharClass::SPACE));
        if mark_pending && (space || class.has(CharClass::CLOSER)) {
            sentence_marks += 1;
        }
        if currency_pending && class.has(CharClass::DIGIT) {
            currency = true;
        }
        mark_pending = class.has(CharClass::MARK);
        currency_pending = class.has(CharClass::CURRENCY);
        if class.has(CharClass::DIGIT) {
            digits += 1;
            clock |= prev == ':';
        } else if class.has(CharClass::LETTER) {
            letters += 1;
            if class.has(CharClass::CJK) {
                cjk += 1;
            } else if class.has(CharClass::UPPER) {
                upper += 1;
            } else {
                lower += 1;
            }
            starts_lowercase.get_or_insert(class.has(CharClass::LOWERCASE));
        }
        commas += class.has(CharClass::COMMA) as usize;
        quotes += class.has(CharClass::QUOTE) as usize;
        separators += class.has(CharClass::SEPARATOR) as usize;
        colon |= class.has(CharClass::COLON);
        // the lowercase text and its tokens
        let (low_at, low_end) = if same_offsets {
            (at, at + c.len_utf8())
        } else {
            let low_at = lower_text.len();
            if c.is_ascii() {
                lower_text.push(c.to_ascii_lowercase());
            } else if is_plain_punctuation(c) {
                lower_text.push(c);
            } else {
                lower_text.extend(c.to_lowercase());
            }
            (low_at, lower_text.len())
        };
        if alnum {
            run_start.get_or_insert(low_at);
        } else {
            if let Some(w) = run_start.take() {
                toks.push((w as u32, low_at as u32));
            }
            if !space {
                toks.push((low_at as u32, low_end as u32));
            }
        }
        // whitespace-separated words
        if space {
            if let Some(start) = piece_start.take() {
                scratch.word_hashes.push(hash_bytes(&bytes[start..at]));
                piece.finish(&mut totals);
            }
        } else {
            piece_start.get_or_insert(at);
            piece.add(c, alnum, class.has(CharClass::CJK));
        }
        prev = c;
        at += c.len_utf8();
    }
    if mark_pending {
        sentence_marks += 1;
    }
    if let Some(w) = run_start {
        toks.push((w as u32, lower_text.len() as u32));
    }
    if let Some(start) = piece_start {
        scratch.word_hashes.push(hash_bytes(&text.as_bytes()[start..]));
        piece.finish(&mut totals);
    }
    let WordTotals {
        words,
        cjk: cjk_tokens,
        capitalised: cap_words,
        short: short_words,
        chars: word_chars,
    } = totals;
    // a clock time: `6:21`, not a ratio in prose: only counted in short blocks
    let clock = clock && chars < 200;
    // one look-up per token: phrase rules and vocabulary weights
    let lower_text = lower_text.as_str();
    let low = lower_text.as_bytes();
    let mut hits = rules::Hits::default();
    let (mut vsum, mut vmax, mut vmin, mut vn) = (0.0f32, 0.0f32, 0.0f32, 0usize);
    let mut url_like = false;
    for (i, &(a, z)) in toks.iter().enumerate() {
        // Tokens are read as bytes: only one whose first char is not ASCII is decoded.
        let tok = &low[a as usize..z as usize];
        let Some(&first_byte) = tok.first() else { continue };
        let (first, first_alnum, several_chars) = if first_byte.is_ascii() {
            (first_byte as char, first_byte.is_ascii_alphanumeric(), tok.len() > 1)
        } else {
            let c = lower_text[a as usize..].chars().next().unwrap_or(' ');
            (
                c,
                !is_plain_punctuation(c) && c.is_alphanumeric(),
                tok.len() > c.len_utf8(),
            )
        };
        if !first_alnum {
            if first == '.' {
                url_like |= toks
                    .get(i + 1)
                    .is_some_and(|&(a, z)| &low[a as usize..z as usize] == b"com");
            }
            if !lex.symbol_starts.contains(&first) {
                continue;
            }
        } else if first_byte.is_ascii_digit() && tok.iter().all(u8::is_ascii_digit) {
            continue;
        }
        url_like |= match tok {
            b"http" | b"https" => true,
            b"www" => toks.get(i + 1).is_some_and(|&(a, _)| low[a as usize] == b'.'),
            _ => false,
        };
        let entry = lex.entry(tok);
        if first_alnum && several_chars {
            let v = entry.map_or(0.0, |e| e.weight);
            vsum += v;
            vmax = vmax.max(v);
            vmin = vmin.min(v);
            vn += 1;
        }
        if let Some(e) = entry {
            if !e.phrases.is_empty() {
                rules::match_phrases(e.phrases, lower_text, toks, i, &mut hits);
            }
        }
    }
    let eff_words = (words - cjk_tokens) as f32 + cjk as f32 / 2.0;
    let log_words = (1.0 + eff_words).ln();
    let last = text.chars().next_back();
    let sentence_end = ends_sentence(text);
    let rule = hits.reason(words);
    let everyday = if rule.is_none() && words <= rules::SHORT_BLOCK_WORDS {
        hits.everyday()
    } else {
        None
    };
    let price = currency && words <= rules::MAX_PRICE_WORDS;
    let strong_reason = hits
        .strong()
        .or_else(|| (colon && rules::ends_in_credit_lower(lower_text)).then_some(Reason::Caption))
        .or_else(|| (price && words <= rules::BARE_PRICE_WORDS).then_some(Reason::Price));
    let strong = strong_reason.is_some();
    let mut rule_hit = rule.is_some() || price;
    if matches!(b.kind, BlockKind::Image | BlockKind::Rule) {
        rule_hit = true;
    }
    let vocab_mean = if vn > 0 { vsum / vn as f32 } else { 0.0 };
    let link_share = b.link_bytes as f32 / text.len().max(1) as f32;
    let span_len = (b.span.end - b.span.start).max(1);
    let markup_share = (b.markup_bytes as f32 / span_len as f32).min(1.0);
    let wf = eff_words.max(1.0);
    let prose = !rule_hit && (eff_words >= 10.0 && sentence_end || eff_words >= 20.0);
    let has_date = words <= 40 && digits > 0 && calendar::find_full_date(text).is_some();
    let byline = words <= 10 && meta::starts_with_byline_prefix(lower_text);
    let all_caps = upper >= 3 && lower == 0;
    let ends_colon = text.ends_with(':');
    let ends_digit = last.is_some_and(|c| c.is_ascii_digit()) || text.ends_with(')');
    let kind = |k: bool| if k { 1.0 } else { 0.0 };
    *own = [
        (1.0 + chars as f32).ln(),
        log_words,
        kind(sentence_end),
        sentence_marks as f32 / wf,
        commas as f32 / wf,
        cap_words as f32 / words.max(1) as f32,
        kind(starts_lowercase == Some(true)),
        digits as f32 / chars.max(1) as f32,
        kind(currency),
        link_share,
        markup_share,
        kind(matches!(b.kind, BlockKind::Heading(_))),
        kind(b.kind == BlockKind::ListItem),
        kind(b.kind == BlockKind::BlockQuote),
        kind(b.kind == BlockKind::TableRow),
        kind(matches!(b.kind, BlockKind::Image | BlockKind::Rule)),
        kind(b.blank_before),
        kind(rule_hit),
        kind(strong),
        kind(everyday.is_some()),
        vocab_mean,
        vmax,
        vmin,
        (quotes as f32).min(4.0),
        kind(ends_colon),
        kind(all_caps),
        word_chars as f32 / words.max(1) as f32,
        short_words as f32 / words.max(1) as f32,
        kind(has_date),
        kind(clock),
        kind(byline),
        kind(url_like),
        0.0, // duplicates: filled in by `rows`
        b.span.start as f32 / source_len.max(1) as f32,
        (separators as f32 / wf).min(2.0),
        kind(ends_digit),
        cjk as f32 / letters.max(1) as f32,
    ];
    Shape {
        words: eff_words,
        log_words,
        chars,
        sentence_end,
        rule_hit,
        strong_rule: strong,
        rule: strong_reason.or(rule).or(price.then_some(Reason::Price)),
        everyday,
        word_count: words,
        prose,
        link_share,
        vocab_mean,
    }
}

/// Writes `text` lowercased into `lower` and says whether each char kept its offset: false when
/// a char's lowercase has another length (`İ`, the Kelvin sign), and `lower` is then unfinished.
/// ASCII runs are copied whole; only the non-ASCII chars (most have no case: quotes, dashes)
/// are looked up.
fn lowercase_at_same_offsets(text: &str, lower: &mut String) -> bool {
    lower.clear();
    let mut copied = 0;
    let mut at = 0;
    while let Some(ascii_bytes) = first_non_ascii(&text.as_bytes()[at..]) {
        at += ascii_bytes;
        let Some(c) = text[at..].chars().next() else { break };
        let end = at + c.len_utf8();
        if !is_plain_punctuation(c) {
            let mut low = c.to_lowercase();
            match (low.next(), low.next()) {
                (Some(l), None) if l == c => {}
                (Some(l), None) if l.len_utf8() == c.len_utf8() => {
                    lower.push_str(&text[copied..at]);
                    lower.push(l);
                    copied = end;
                }
                _ => return false,
            }
        }
        at = end;
    }
    lower.push_str(&text[copied..]);
    lower.make_ascii_lowercase();
    true
}

/// Where the first non-ASCII byte of `bytes` is: eight bytes tested at a time, since prose runs
/// long between its non-ASCII chars.
fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let chunks = bytes.chunks_exact(8);
    let tail_at = bytes.len() - chunks.remainder().len();
    let at = chunks
        .map(|c| u64::from_le_bytes(c.try_into().unwrap_or_default()))
        .position(|word| word & HIGH_BITS != 0)
        .map_or(tail_at, |k| 8 * k);
    bytes[at..].iter().position(|b| !b.is_ascii()).map(|k| at + k)
}

/// The FxHash of some bytes.
fn hash_bytes(bytes: &[u8]) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = rules::FastHash.build_hasher();
    h.write(bytes);
    h.finish()
}

/// Stats of one whitespace-separated word, as it is read char by char: the word is what lies
/// between its first and last letter or digit.
#[derive(Default)]
struct PieceStats {
    /// Chars from the first letter or digit on.
    chars: usize,
    /// `chars` up to and including the last letter or digit.
    through_last_alnum: usize,
    first: Option<char>,
    cjk: bool,
}

impl PieceStats {
    /// Adds `n` letters, not CJK, to a word already begun.
    fn add_letters(&mut self, n: usize) {
        debug_assert!(self.first.is_some());
        self.chars += n;
        self.through_last_alnum = self.chars;
    }

    fn add(&mut self, c: char, alnum: bool, cjk: bool) {
        if self.first.is_none() {
            if !alnum {
                return;
            }
            self.first = Some(c);
        }
        self.chars += 1;
        if alnum {
            self.through_last_alnum = self.chars;
            self.cjk |= cjk;
        }
    }

    /// Adds the word read so far (if it holds a letter or digit) to `totals`, and starts anew.
    fn finish(&mut self, totals: &mut WordTotals) {
        let p = std::mem::take(self);
        if let Some(first) = p.first {
            totals.add(first, p.through_last_alnum, p.cjk);
        }
    }
}

/// Counts over a block's whitespace-separated words.
#[derive(Default)]
struct WordTotals {
    words: usize,
    /// Words with a CJK ideograph or kana.
    cjk: usize,
    /// Words starting with an uppercase letter.
    capitalised: usize,
    /// Lowercase words of at most three chars.
    short: usize,
    /// Chars of the words, first to last letter or digit.
    chars: usize,
}

impl WordTotals {
    /// Counts a word by its first letter or digit, its chars from that one through the last
    /// letter or digit, and whether it has a CJK char.
    fn add(&mut self, first: char, chars: usize, cjk: bool) {
        self.words += 1;
        self.cjk += cjk as usize;
        self.chars += chars;
        self.capitalised += first.is_uppercase() as usize;
        self.short += (chars <= 3 && first.is_lowercase()) as usize;
    }
}

/// Whether a text ends like a sentence (`.`, `!`, `?`, `…`, `。`), after closing quotes and
/// brackets.
pub fn ends_sentence(text: &str) -> bool {
    let last = text
        .trim_end_matches(['"', '”', '’', '\'', ')', '*', '»', '」'])
        .chars()
        .next_back();
    matches!(last, Some('.' | '!' | '?' | '…' | '。' | '！' | '？'))
}

/// `x.ln_1p()`, bit for bit, read from a table when `x` is a small whole number: the rows take
/// several a block, and most are of counts (duplicates, distances, rule hits, words).
fn ln_1p(x: f32) -> f32 {
    const SIZE: usize = 1024;
    static TABLE: std::sync::OnceLock<[f32; SIZE]> = std::sync::OnceLock::new();
    if (0.0..SIZE as f32).contains(&x) {
        let k = x as u32 as usize;
        // the same bits: not -0.0, not 2.5
        if (k as f32).to_bits() == x.to_bits() {
            return TABLE.get_or_init(|| std::array::from_fn(|k| (k as f32).ln_1p()))[k];
        }
    }
    x.ln_1p()
}

/// Weight of a block in the hand-weighted densest run (the prior that locates the article before
/// any learning): prose weighs its words, furniture weighs against, short lines cost a little.
fn prior_weight(s: &Shape) -> f32 {
    if s.rule_hit {
        -8.0 - s.words
    } else if s.prose {
        s.words
    } else {
        -3.0
    }
}

/// The run `[start, end)` with the largest total weight (Kadane's algorithm, linear).
pub fn densest_run(weights: &[f32]) -> std::ops::Range<usize> {
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

/// Stage-1 rows of a document: one row of [`N_BASE`] features per block, and the blocks' shapes.
pub fn rows(seg: &Segmented, lex: &Lexicon) -> (Vec<[f32; N_BASE]>, Vec<Shape>) {
    let n = seg.blocks.len();
    let mut scratch = Scratch::default();
    let mut word_ranges = Vec::with_capacity(n);
    // rows written in place, zeroed in one allocation: not built and then copied in
    let mut out = vec![[0f32; N_BASE]; n];
    let shapes: Vec<Shape> = (seg.blocks.iter().zip(&mut out))
        .map(|(b, row)| {
            let from = scratch.word_hashes.len();
            let (own, _) = row
                .split_first_chunk_mut()
                .expect("a row starts with the block's own features");
            let shape = local(b, lex, seg.source.len(), &mut scratch, own);
            word_ranges.push(from..scratch.word_hashes.len());
            shape
        })
        .collect();
    // how many blocks share each block's text: each distinct text gets a counter, and each block
    // remembers its text's, so that a block's text is hashed once, not again for its row
    let mut counter_of: HashMap<&str, usize, rules::FastHash> = HashMap::with_capacity_and_hasher(n, rules::FastHash);
    let mut copies = Vec::with_capacity(n);
    let counters: Vec<usize> = (seg.blocks.iter())
        .map(|b| {
            let k = *counter_of.entry(b.text.as_str()).or_insert(copies.len());
            if k == copies.len() {
                copies.push(0usize);
            }
            copies[k] += 1;
            k
        })
        .collect();
    let weights: Vec<f32> = shapes.iter().map(prior_weight).collect();
    let run = densest_run(&weights);
    let repeated = repeated_shares(&scratch.word_hashes, &word_ranges);
    // prefix sums for windows and before/after totals
    let mut prose_prefix = vec![0f32; n + 1];
    let mut rule_prefix = vec![0f32; n + 1];
    let mut logw_prefix = vec![0f32; n + 1];
    let mut prose_words_prefix = vec![0f32; n + 1];
    for (i, s) in shapes.iter().enumerate() {
        prose_prefix[i + 1] = prose_prefix[i] + s.prose as u8 as f32;
        rule_prefix[i + 1] = rule_prefix[i] + s.rule_hit as u8 as f32;
        logw_prefix[i + 1] = logw_prefix[i] + s.log_words;
        prose_words_prefix[i + 1] = prose_words_prefix[i] + if s.prose { s.words } else { 0.0 };
    }
    let window = |prefix: &[f32], i: usize, r: usize| {
        let a = i.saturating_sub(r);
        let b = (i + r + 1).min(n);
        (prefix[b] - prefix[a]) / (b - a) as f32
    };
    let run_len = run.end - run.start;
    let log_blocks = (n as f32).ln_1p();
    let mut rule_hits_since_prose = 0f32;
    for (i, row) in out.iter_mut().enumerate() {
        let shape = &shapes[i];
        row[DUPLICATES] = ln_1p((copies[counters[i]] - 1) as f32);
        row[N_LOCAL] = repeated[i];
        let mut k = OWN;
        for d in NEIGHBOURS {
            let j = i as isize + d;
            if j >= 0 && (j as usize) < n {
                let s = &shapes[j as usize];
                row[k] = s.log_words;
                row[k + 1] = s.sentence_end as u8 as f32;
                row[k + 2] = s.link_share;
                row[k + 3] = s.vocab_mean;
                row[k + 4] = s.rule_hit as u8 as f32;
                row[k + 5] = s.prose as u8 as f32;
            } else {
                // the edge of the page: like an empty, furniture-free block
                row[k + 4] = 0.0;
            }
            k += 6;
        }
        if shape.prose {
            rule_hits_since_prose = 0.0;
        } else if shape.rule_hit {
            rule_hits_since_prose += 1.0;
        }
        row[k] = window(&prose_prefix, i, 5);
        row[k + 1] = window(&logw_prefix, i, 5);
        row[k + 2] = window(&prose_prefix, i, 15);
        row[k + 3] = window(&rule_prefix, i, 5);
        row[k + 4] = run.contains(&i) as u8 as f32;
        row[k + 5] = ln_1p(run.start.saturating_sub(i) as f32);
        row[k + 6] = ln_1p((i + 1).saturating_sub(run.end) as f32);
        row[k + 7] = run_len as f32 / n.max(1) as f32;
        row[k + 8] = ln_1p(prose_words_prefix[i]);
        row[k + 9] = ln_1p(prose_words_prefix[n] - prose_words_prefix[i + 1]);
        row[k + 10] = log_blocks;
        row[k + 11] = ln_1p(rule_hits_since_prose);
        debug_assert_eq!(k + 12, DOM_AT);
        if let Some(h) = seg.dom.get(i) {
            let f = |b: bool| b as u8 as f32;
            let dom = [
                1.0,
                f(h.in_article),
                f(h.in_nav),
                f(h.in_aside),
                f(h.in_footer),
                f(h.in_header),
                f(h.in_form),
                f(h.in_figure),
                f(h.hidden),
                f(h.is_p),
                h.positive_classes as f32,
                h.negative_classes as f32,
                (h.container_chars as f32).ln_1p(),
                h.container_link_density,
                (h.container_paragraphs as f32).ln_1p(),
                f(h.in_top_candidate),
                h.candidate_score,
                h.depth as f32,
            ];
            row[DOM_AT..DOM_AT + dom.len()].copy_from_slice(&dom);
        }
    }
    for (row, m) in out.iter_mut().zip(markup_rows(&seg.tree, lex)) {
        row[MARKUP_AT..MARKUP_AT + 4].copy_from_slice(&m);
    }
    for (row, h) in out.iter_mut().zip(&seg.dom) {
        let layout = layout_features(&h.layout);
        row[LAYOUT_AT..LAYOUT_AT + layout.len()].copy_from_slice(&layout);
    }
    (out, shapes)
}

/// Per block, the learned weights of the markup words of its element and its ancestors
/// ([`MARKUP_LEVELS`] of them): the largest (most boilerplate-like), the smallest, the mean of
/// all known words, and the mean of the known words of the nearest element that has any (0 when
/// none). Why: pages of one publishing system share class names (`byline`, `caption`, `promo`,
/// `body`), and which of them mark the article is learned from pages of several sites, not
/// listed by hand. Empty for text input.
fn markup_rows(tree: &BlockTree, lex: &Lexicon) -> Vec<[f32; 4]> {
    if lex.markup.is_empty() || tree.words.len() != tree.parent.len() || tree.element.is_empty() {
        return Vec::new();
    }
    // per element: (max, min, sum, count) of its known words' weights
    let own: Vec<(f32, f32, f32, u32)> = tree
        .words
        .iter()
        .map(|ws| {
            let mut s = (f32::MIN, f32::MAX, 0f32, 0u32);
            for w in ws {
                if let Some(&v) = lex.markup.get(w) {
                    s = (s.0.max(v), s.1.min(v), s.2 + v, s.3 + 1);
                }
            }
            s
        })
        .collect();
    tree.element
        .iter()
        .map(|&e| {
            let (mut max, mut min, mut sum, mut count) = (f32::MIN, f32::MAX, 0f32, 0u32);
            let mut near = None;
            let mut at = e;
            for _ in 0..MARKUP_LEVELS {
                let s = own[at as usize];
                if s.3 > 0 {
                    max = max.max(s.0);
                    min = min.min(s.1);
                    sum += s.2;
                    count += s.3;
                    near.get_or_insert(s.2 / s.3 as f32);
                }
                at = tree.parent[at as usize];
                if at == BlockTree::ROOT {
                    break;
                }
            }
            if count == 0 {
                return [0.0; 4];
            }
            [max, min, sum / count as f32, near.unwrap_or(0.0)]
        })
        .collect()
}

/// The text-layout features of a block (see [`TextLayout`]). 5-fold CV, three splits: 0.9593
/// without them, 0.9608 with them. The same shares counted in stage 2 over the words stage 1
/// calls article (parent, grandparent, great-grandparent) did not pay on top (0.9598).
fn layout_features(t: &TextLayout) -> [f32; N_BASE - LAYOUT_AT] {
    let [parent, grandparent, great_grandparent] = t.ancestor_text_share;
    [
        parent,
        grandparent,
        great_grandparent,
        t.in_text_core as u8 as f32,
        ln_1p(t.steps_to_top_candidate as f32),
        t.top_candidate_text_share,
        t.top_candidate_link_density,
    ]
}

/// For each block, the share of its word trigrams that earlier blocks already had: a page that
/// repeats its article (a hidden summary, a print copy) repeats it after the first copy. Words
/// come as hashes, each block's a range of `hashes`.
fn repeated_shares(hashes: &[u64], blocks: &[std::ops::Range<usize>]) -> Vec<f32> {
    // each trigram with the first block that had it: one look-up a trigram; sized for every
    // word up front, since growing it rehashed it again and again
    let mut first_block = MixedKeyTable::with_capacity(hashes.len());
    blocks
        .iter()
        .zip(0u32..)
        .map(|(r, block)| {
            let trigrams = hashes[r.clone()].windows(3);
            let n = trigrams.len();
            let mut hits = 0usize;
            for w in trigrams {
                let key = (w[0].rotate_left(21) ^ w[1].rotate_left(42) ^ w[2]).wrapping_mul(0x9E37_79B9_7F4A_7C15);
                hits += (first_block.get_or_insert(key, block) < block) as usize;
            }
            if n == 0 {
                0.0
            } else {
                hits as f32 / n as f32
            }
        })
        .collect()
}

/// Well-mixed `u64` keys and a `u32` value each (trigrams and the first block that had each
/// for [`repeated_shares`], short words and their entries for the [`Lexicon`]): a table of slots
/// at most half full, a key's slot picked by its top bits and the next free one taken on a
/// clash. The keys come well mixed (a product), so they need no hashing again; a `HashMap`
/// hashed them and cost five times as much a look-up.
#[derive(Debug, Clone)]
struct MixedKeyTable {
    /// `(key, value)`, [`MixedKeyTable::EMPTY`] as the value of a free slot.
    slots: Vec<(u64, u32)>,
    /// 64 minus log2 of the number of slots: a key's top bits are its slot.
    shift: u32,
}

impl Default for MixedKeyTable {
    fn default() -> MixedKeyTable {
        MixedKeyTable::with_capacity(0)
    }
}

impl MixedKeyTable {
    const EMPTY: u32 = u32::MAX;

    /// A table for `n` keys.
    fn with_capacity(n: usize) -> MixedKeyTable {
        let size = (2 * n).next_power_of_two().max(2);
        MixedKeyTable {
            slots: vec![(0, Self::EMPTY); size],
            shift: 64 - size.trailing_zeros(),
        }
    }

    /// The slot of `key`, or the free slot where it goes.
    fn slot(&self, key: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = (key >> self.shift) as usize;
        while self.slots[i].1 != Self::EMPTY && self.slots[i].0 != key {
            i = (i + 1) & mask;
        }
        i
    }

    /// The value stored with `key`.
    fn get(&self, key: u64) -> Option<u32> {
        Some(self.slots[self.slot(key)].1).filter(|&v| v != Self::EMPTY)
    }

    /// The value stored with `key`, else `value`, now stored with it.
    fn get_or_insert(&mut self, key: u64, value: u32) -> u32 {
        let i = self.slot(key);
        let slot = &mut self.slots[i];
        if slot.1 == Self::EMPTY {
            *slot = (key, value);
        }
        slot.1
    }
}

/// Stage-2 rows: each stage-1 row followed by its [`stage2_extras`].
pub fn stage2_rows(base: &[[f32; N_BASE]], shapes: &[Shape], tree: &BlockTree, p: &[f32]) -> Vec<[f32; N_STAGE2]> {
    base.iter()
        .zip(stage2_extras(shapes, tree, p))
        .map(|(base, extra)| {
            let mut row = [0f32; N_STAGE2];
            row[..N_BASE].copy_from_slice(base);
            row[N_BASE..].copy_from_slice(&extra);
            row
        })
        .collect()
}

/// What a stage-2 row adds to the stage-1 row: what stage 1 (`p`, one probability per block)
/// said about the block and its surroundings: neighbours' probabilities, window means, and
/// where the block sits relative to the run the probabilities make densest.
pub fn stage2_extras(shapes: &[Shape], tree: &BlockTree, p: &[f32]) -> Vec<[f32; N_EXTRA]> {
    let n = p.len();
    let mut prefix = vec![0f32; n + 1];
    for i in 0..n {
        prefix[i + 1] = prefix[i] + p[i];
    }
    let window = |i: usize, r: usize| {
        let a = i.saturating_sub(r);
        let b = (i + r + 1).min(n);
        // at most 2r + 1 blocks: a u32 converts to f32 in one instruction, a usize does not
        (prefix[b] - prefix[a]) / (b - a) as u32 as f32
    };
    let weights: Vec<f32> = (0..n).map(|i| (p[i] - 0.5) * shapes[i].log_words).collect();
    let run = densest_run(&weights);
    let mut words_prefix = vec![0f32; n + 1];
    for i in 0..n {
        words_prefix[i + 1] = words_prefix[i] + p[i] * shapes[i].words;
    }
    // apart from the loop below, so that its values need not wait in memory around each call
    let log_words_before: Vec<f32> = words_prefix[..n].iter().map(|w| w.ln_1p()).collect();
    let log_words_after: Vec<f32> = words_prefix[1..]
        .iter()
        .map(|w| (words_prefix[n] - w).ln_1p())
        .collect();
    let mut max_after = vec![0f32; n];
    let mut m = 0f32;
    for i in (0..n).rev() {
        max_after[i] = m;
        m = m.max(p[i]);
    }
    // the probabilities with three zeros either side: a block's neighbours with no test for
    // the ends of the page
    let padded: Vec<f32> = [0.0; 3].iter().chain(p).chain(&[0.0; 3]).copied().collect();
    // zeroed, where the tree's features are for text
    let mut extras = vec![[0f32; N_EXTRA]; n];
    let mut max_before = 0f32;
    for (i, row) in extras.iter_mut().enumerate() {
        let dist = if run.contains(&i) {
            0
        } else if i < run.start {
            run.start - i
        } else {
            i + 1 - run.end
        };
        // blocks i - 3 to i + 3
        let near: &[f32; 7] = padded[i..i + 7].try_into().unwrap();
        row[..TREE_AT].copy_from_slice(&[
            near[3],
            near[2],
            near[1],
            near[0],
            near[4],
            near[5],
            near[6],
            window(i, 5),
            window(i, 15),
            run.contains(&i) as u8 as f32,
            ln_1p(dist as f32),
            log_words_before[i],
            log_words_after[i],
            max_before,
            max_after[i],
        ]);
        max_before = max_before.max(p[i]);
    }
    for (row, votes) in extras.iter_mut().zip(tree_votes(tree, shapes, p)) {
        row[TREE_AT..GROUPS_AT].copy_from_slice(&votes);
    }
    for (row, groups) in extras.iter_mut().zip(sibling_groups(tree, shapes, p)) {
        row[GROUPS_AT..].copy_from_slice(&groups);
    }
    extras
}

/// Ancestor levels whose blocks vote on a block: its own element, parent, grandparent and
/// great-grandparent.
const VOTE_LEVELS: usize = 4;

/// The article element holds at least this share of the words stage 1 calls article.
const ARTICLE_ELEMENT_SHARE: f32 = 0.8;

/// Per block, what stage 1 said of the blocks around it in the element tree: for each of
/// [`VOTE_LEVELS`] ancestors, the mean probability of the *other* blocks inside it (weighted by
/// log length; -1 when it holds no other block), then whether the block is inside the article
/// element: the deepest element holding [`ARTICLE_ELEMENT_SHARE`] of the words of blocks stage 1
/// calls article. Why: the article body is one element on nearly every page, and a line inside
/// it that looks like furniture on its own (a price line, a table row, a short list item) is
/// mostly article; a paragraph-like line in a sidebar is mostly not. Empty for text input.
fn tree_votes(tree: &BlockTree, shapes: &[Shape], p: &[f32]) -> Vec<[f32; VOTE_LEVELS + 1]> {
    let n = p.len();
    if tree.element.len() != n {
        return Vec::new();
    }
    let nodes = tree.parent.len();
    let ancestors = |i: usize| {
        std::iter::successors(Some(tree.element[i]), |&e| {
            Some(tree.parent[e as usize]).filter(|&a| a != BlockTree::ROOT)
        })
        .map(|e| e as usize)
    };
    // per element: Σ p·w and Σ w over the blocks inside it, and the words of article blocks
    let (mut pw, mut w, mut article_words, mut blocks) = (
        vec![0f32; nodes],
        vec![0f32; nodes],
        vec![0f32; nodes],
        vec![0u32; nodes],
    );
    let mut total_article_words = 0f32;
    for i in 0..n {
        let weight = shapes[i].log_words;
        let words = if p[i] >= 0.5 { shapes[i].words } else { 0.0 };
        total_article_words += words;
        for e in ancestors(i) {
            pw[e] += p[i] * weight;
            w[e] += weight;
            article_words[e] += words;
            blocks[e] += 1;
        }
    }
    // the deepest qualifying element: along a chain of ancestors the counts only grow, and two
    // elements holding more than half of the words are on one chain, so it holds the fewest blocks
    let article_element = (0..nodes)
        .filter(|&e| total_article_words > 0.0 && article_words[e] >= ARTICLE_ELEMENT_SHARE * total_article_words)
        .min_by_key(|&e| blocks[e]);
    (0..n)
        .map(|i| {
            let mut v = [-1f32; VOTE_LEVELS + 1];
            let weight = shapes[i].log_words;
            for (level, e) in ancestors(i).take(VOTE_LEVELS).enumerate() {
                let others = w[e] - weight;
                if blocks[e] > 1 && others > 0.0 {
                    v[level] = ((pw[e] - p[i] * weight) / others).clamp(0.0, 1.0);
                }
            }
            v[VOTE_LEVELS] = article_element.is_some_and(|a| ancestors(i).any(|e| e == a)) as u8 as f32;
            v
        })
        .collect()
}

/// Per block, its siblings (the blocks whose element has the same parent: the cells of a row,
/// the items of a list) and its cousins (the same grandparent: the rows of a table), each group
/// with the block: the largest stage-1 probability of the group's other blocks (-1 when none),
/// the log number of its blocks, the share of the page's own (non-link) words it holds, and the
/// share of the page's own words outside it that stage 1 calls article (probability-weighted);
/// then the spread (standard deviation) of the log lengths of the siblings. Why: a table or list
/// that holds most of a page's text, on a page where stage 1 finds little article elsewhere, is
/// the page's content though each row alone looks like furniture; alike rows are one group, to
/// be kept or dropped together. Empty for text. 5-fold CV, five splits: 0.9599 without them,
/// 0.9619 with them (0.9634/0.9615/0.9578/0.9514/0.9655 -> 0.9651/0.9618/0.9607/0.9564/0.9656);
/// the same sums over every block inside the parent and grandparent, not only siblings and
/// cousins, did worse (0.9597/0.9603 on the first two splits).
fn sibling_groups(tree: &BlockTree, shapes: &[Shape], p: &[f32]) -> Vec<[f32; N_EXTRA - GROUPS_AT]> {
    let n = p.len();
    if tree.element.len() != n {
        return Vec::new();
    }
    let nodes = tree.parent.len();
    let up = |e: u32| Some(tree.parent[e as usize]).filter(|&a| a != BlockTree::ROOT);
    // the elements that make a block's groups: its element's parent and grandparent, if any
    let groups_of = |i: usize| {
        let parent = up(tree.element[i]);
        [parent, parent.and_then(up)].map(|e| e.map(|e| e as usize))
    };
    let own_words: Vec<f32> = shapes.iter().map(|s| s.words * (1.0 - s.link_share)).collect();
    let page_words: f32 = own_words.iter().sum();
    let page_article_words: f32 = (0..n).map(|i| p[i] * own_words[i]).sum();
    // per group (level, element): the two largest probabilities (the largest of the *others* is
    // the second when the block is the largest), blocks, own words, article words, Σ and Σ² of
    // log lengths
    let mut groups = [vec![Group::default(); nodes], vec![Group::default(); nodes]];
    for i in 0..n {
        for (level, e) in groups_of(i).into_iter().enumerate() {
            if let Some(e) = e {
                groups[level][e].add(p[i], own_words[i], shapes[i].log_words);
            }
        }
    }
    let share = |x: f32| {
        if page_words > 0.0 {
            (x / page_words).clamp(0.0, 1.0)
        } else {
            0.0
        }
    };
    (0..n)
        .map(|i| {
            let mut g = [0f32; N_EXTRA - GROUPS_AT];
            let parent_and_grandparent = groups_of(i);
            for (level, e) in parent_and_grandparent.into_iter().enumerate() {
                let at = 4 * level;
                let Some(group) = e.map(|e| &groups[level][e]) else {
                    g[at] = -1.0;
                    g[at + 3] = share(page_article_words - p[i] * own_words[i]);
                    continue;
                };
                let [first, second] = group.top2;
                g[at] = if group.blocks < 2 {
                    -1.0
                } else if p[i] >= first {
                    second
                } else {
                    first
                };
                g[at + 1] = ln_1p(group.blocks as f32);
                g[at + 2] = share(group.words);
                g[at + 3] = share(page_article_words - group.article_words);
            }
            if let Some(e) = parent_and_grandparent[0] {
                let siblings = &groups[0][e];
                let m = siblings.blocks as f32;
                let mean = siblings.log_words_sum / m;
                g[8] = (siblings.log_words_squares / m - mean * mean).max(0.0).sqrt();
            }
            g
        })
        .collect()
}

/// What [`sibling_groups`] sums over one group of blocks.
#[derive(Debug, Clone, Default)]
struct Group {
    /// The two largest stage-1 probabilities, the largest first.
    top2: [f32; 2],
    blocks: u32,
    /// Own (non-link) words.
    words: f32,
    /// Own words weighted by stage 1's probability.
    article_words: f32,
    log_words_sum: f32,
    log_words_squares: f32,
}

impl Group {
    fn add(&mut self, p: f32, own_words: f32, log_words: f32) {
        let [first, second] = &mut self.top2;
        if self.blocks == 0 || p > *first {
            self.top2 = [p, if self.blocks == 0 { -1.0 } else { *first }];
        } else if self.blocks == 1 || p > *second {
            *second = p;
        }
        self.blocks += 1;
        self.words += own_words;
        self.article_words += p * own_words;
        self.log_words_sum += log_words;
        self.log_words_squares += log_words * log_words;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::{Document, Format};
    use crate::segment::segment;

    fn seg(text: &str) -> Segmented {
        segment(&Document {
            name: "t".into(),
            text: text.into(),
            format: Format::Text,
            notes: vec![],
        })
    }

    fn feature(text: &str, block: usize, name: &str) -> f32 {
        let s = seg(text);
        let (rows, _) = rows(&s, &Lexicon::new(&Vocab::default()));
        let k = BASE_NAMES.iter().position(|n| *n == name).expect(name);
        rows[block][k]
    }

    const PROSE: &str = "The central bank raised its main rate by half a point on Tuesday, the first rise in years.";

    #[test]
    fn a_char_whose_lowercase_is_longer_changes_no_other_feature() {
        // `İ` lowercases to two chars, so the block is lowercased char by char in the scan, not
        // in one go beforehand; but for a one-letter capital word, the features are those of `Z`
        let rows_of = |text: &str| rows(&seg(text), &Lexicon::new(&Vocab::default())).0;
        for text in [
            PROSE,
            "Sign up for our morning newsletter, it is free: $5 a month",
            "Vote 2019 a b",
        ] {
            let (dotted, plain) = (
                rows_of(&format!("{text} \u{130} end")),
                rows_of(&format!("{text} Z end")),
            );
            assert_eq!(dotted, plain, "{text}");
        }
        assert_eq!(
            feature("Sign up for our morning newsletter \u{130}", 0, "rule_hit"),
            1.0
        );
    }

    #[test]
    fn names_match_the_row_layout() {
        assert_eq!(BASE_NAMES.len(), N_BASE);
        assert_eq!(N_BASE + STAGE2_NAMES.len(), N_STAGE2);
    }

    #[test]
    fn length_and_sentence_features() {
        assert_eq!(feature(PROSE, 0, "sentence_end"), 1.0);
        assert_eq!(feature("Most Popular", 0, "sentence_end"), 0.0);
        assert!((feature("one two three", 0, "log_words") - 4f32.ln()).abs() < 1e-6);
        assert!(feature(PROSE, 0, "commas_per_word") > 0.0);
        assert_eq!(feature("“He said so,” she said.", 0, "quote_marks"), 2.0);
        assert_eq!(feature("Read more:", 0, "ends_colon"), 1.0);
        // Japanese has no spaces: ideographs still count as words
        assert!(feature("日本の中央銀行は火曜日に金利を引き上げた。", 0, "log_words") > 1.5);
        assert!(feature("日本の中央銀行は火曜日に金利を引き上げた。", 0, "cjk_share") > 0.5);
    }

    #[test]
    fn capitals_digits_and_currency() {
        assert_eq!(feature("Terms Of Service", 0, "capitalised_share"), 1.0);
        assert_eq!(feature("TRENDING NOW", 0, "all_caps"), 1.0);
        assert_eq!(feature("and then it went on", 0, "starts_lowercase"), 1.0);
        assert_eq!(feature("₹900", 0, "currency"), 1.0);
        assert!(feature("11/19/19 06:56 AM", 0, "digit_share") > 0.4);
        assert_eq!(feature("Posted at 6:21 AM", 0, "has_clock_time"), 1.0);
        assert_eq!(feature("February 07, 2020", 0, "has_full_date"), 1.0);
    }

    #[test]
    fn links_markup_and_kinds() {
        assert_eq!(feature("[Read this](https://x.test/a)", 0, "link_share"), 1.0);
        assert!(feature("**Related article:** [Story](#)", 0, "markup_share") > 0.25);
        assert_eq!(feature("## Subhead", 0, "kind_heading"), 1.0);
        assert_eq!(feature("- item", 0, "kind_list"), 1.0);
        assert_eq!(feature("> quoted", 0, "kind_quote"), 1.0);
        assert_eq!(feature("| a | b |", 0, "kind_table"), 1.0);
        assert_eq!(feature("![]()", 0, "kind_image_or_rule"), 1.0);
        assert_eq!(feature("By Jane Roe", 0, "byline_prefix"), 1.0);
        assert_eq!(feature("Visit https://x.test", 0, "url_like"), 1.0);
    }

    #[test]
    fn vocabulary_rules_and_duplicates() {
        assert_eq!(feature("Share on Facebook", 0, "rule_hit"), 1.0);
        assert_eq!(feature(PROSE, 0, "rule_hit"), 0.0);
        let s = seg("Subscribe today");
        let mut v = Vocab::default();
        v.insert("subscribe".into(), 2.0);
        let (r, _) = rows(&s, &Lexicon::new(&v));
        let k = BASE_NAMES.iter().position(|n| *n == "vocab_mean").unwrap();
        assert_eq!(r[0][k], 1.0); // (2.0 + 0.0) / 2 words
        assert!(feature("Home\nNews\nHome", 0, "log_duplicates") > 0.0);
        assert_eq!(feature("Home\nNews\nHome", 1, "log_duplicates"), 0.0);
    }

    #[test]
    fn key_tables_keep_each_keys_first_value() {
        // four slots; the three keys all start at the last one, so they probe on past the end
        let mut t = MixedKeyTable::with_capacity(2);
        let keys = [u64::MAX, u64::MAX - 1, 3 << 62 | 5];
        for (k, block) in keys.iter().zip(1..) {
            assert_eq!(t.get_or_insert(*k, block), block);
        }
        for (k, block) in keys.iter().zip(1..) {
            assert_eq!(t.get_or_insert(*k, 9), block);
            assert_eq!(t.get(*k), Some(block));
        }
        assert_eq!(t.get(7), None);
    }

    #[test]
    fn short_keys_tell_words_apart() {
        let words = [
            "a", "ab", "ba", "a\0", "abc", "acb", "abcd", "abcde", "abcdefg", "gfedcba", "né", "©",
        ];
        let keys: std::collections::HashSet<u64> = words.iter().filter_map(|w| short_key(w.as_bytes())).collect();
        assert_eq!(keys.len(), words.len());
        assert_eq!(short_key(b"abcdefgh"), None);
        assert_eq!(short_key(b""), None);
    }

    #[test]
    fn plain_punctuation_has_no_letters_digits_spaces_or_case() {
        for c in ('\u{2000}'..='\u{206F}').filter(|&c| is_plain_punctuation(c)) {
            assert!(!c.is_alphanumeric() && !c.is_whitespace() && !is_cjk(c), "{c:?}");
            assert!(
                !c.is_lowercase() && !c.is_uppercase() && c.to_lowercase().eq([c]),
                "{c:?}"
            );
        }
    }

    #[test]
    fn neighbours_and_the_prose_run() {
        let text = format!("Home\nNews\n{PROSE}\n{PROSE} Again.\nShare");
        assert_eq!(feature(&text, 1, "n1_prose"), 1.0);
        assert_eq!(feature(&text, 1, "p1_prose"), 0.0);
        assert_eq!(feature(&text, 2, "in_prose_run"), 1.0);
        assert_eq!(feature(&text, 0, "in_prose_run"), 0.0);
        assert!(feature(&text, 0, "log_blocks_before_run") > 0.0);
        assert!(feature(&text, 4, "log_blocks_after_run") > 0.0);
        assert!(feature(&text, 0, "log_prose_words_after") > 2.0);
        assert_eq!(feature(&text, 0, "log_prose_words_before"), 0.0);
    }

    #[test]
    fn ln_1p_table_gives_the_same_bits() {
        for x in [
            0.0,
            -0.0,
            1.0,
            2.5,
            7.0,
            1023.0,
            1024.0,
            5000.0,
            -1.0,
            f32::NAN,
            f32::INFINITY,
        ] {
            assert_eq!(ln_1p(x).to_bits(), x.ln_1p().to_bits(), "{x}");
        }
    }

    #[test]
    fn the_tree_votes_for_lines_inside_the_article_element() {
        let long = "A paragraph of the article, long enough to be prose, with more words than a menu line.";
        let html = format!(
            "<body><ul><li>Home</li><li>News</li></ul>\
             <div><p>{long}</p><p>Get it for $20</p><p>{long}</p><p>{long}</p></div>\
             <aside><p>Other story</p></aside></body>"
        );
        let s = segment(&Document {
            name: "t.html".into(),
            text: html,
            format: Format::Html,
            notes: vec![],
        });
        let (base, shapes) = rows(&s, &Lexicon::new(&Vocab::default()));
        let p = [0.0, 0.0, 0.9, 0.2, 0.9, 0.9, 0.3];
        let r = stage2_rows(&base, &shapes, &s.tree, &p);
        let vote = |i: usize, name: &str| r[i][N_BASE + STAGE2_NAMES.iter().position(|n| *n == name).unwrap()];
        // the price line's siblings are article; a menu item's are not; a lone <p> has no others
        assert!((vote(3, "p_tree_parent") - 0.9).abs() < 1e-5);
        assert_eq!(vote(0, "p_tree_parent"), 0.0);
        assert_eq!(vote(3, "p_tree_element"), -1.0);
        // the <div> holds all the article words: the price line is inside, menu and aside are not
        assert_eq!(vote(3, "p_in_article_element"), 1.0);
        assert_eq!(vote(2, "p_in_article_element"), 1.0);
        assert_eq!(vote(0, "p_in_article_element"), 0.0);
        assert_eq!(vote(6, "p_in_article_element"), 0.0);
        // text has no tree: the votes are left at zero
        let t = seg("a\nb");
        let (base, shapes) = rows(&t, &Lexicon::new(&Vocab::default()));
        let r = stage2_rows(&base, &shapes, &t.tree, &[0.9, 0.9]);
        assert!(r[0][N_BASE + 15..].iter().all(|&v| v == 0.0));
    }

    #[test]
    fn sibling_groups_judge_a_table_as_a_whole() {
        let html = "<body><nav><p><a href=/>Home</a></p></nav>\
             <table><tr><td>Alpha Racing 120 points</td></tr><tr><td>Beta Motors 98 points</td></tr>\
             <tr><td>Gamma Team 75 points</td></tr></table><p>Short note</p></body>";
        let s = segment(&Document {
            name: "t.html".into(),
            text: html.into(),
            format: Format::Html,
            notes: vec![],
        });
        let texts: Vec<&str> = s.blocks.iter().map(|b| b.text.as_str()).collect();
        let row = |t: &str| texts.iter().position(|b| b.contains(t)).unwrap();
        let (alpha, beta, note) = (row("Alpha"), row("Beta"), row("Short note"));
        let (base, shapes) = rows(&s, &Lexicon::new(&Vocab::default()));
        let mut p = vec![0.1; s.blocks.len()];
        p[beta] = 0.4;
        let r = stage2_rows(&base, &shapes, &s.tree, &p);
        let get = |i: usize, name: &str| r[i][N_BASE + STAGE2_NAMES.iter().position(|n| *n == name).unwrap()];
        // the rows: the most hopeful other row, three rows, most of the page's own words
        assert!((get(alpha, "p_group_max_grandparent") - 0.4).abs() < 1e-6);
        assert!((get(beta, "p_group_max_grandparent") - 0.1).abs() < 1e-6);
        assert_eq!(get(alpha, "group_log_blocks_grandparent"), 3f32.ln_1p());
        assert!(get(alpha, "group_text_share_grandparent") > 0.7);
        // alike rows: their lengths hardly spread
        assert!(get(alpha, "group_log_words_spread_parent") < 0.2);
        // outside the table, stage 1 found little article
        assert!(get(alpha, "p_text_share_outside_grandparent") < 0.05);
        // the note's siblings: the blocks whose element's parent is the body, the table not
        assert!(get(note, "group_text_share_parent") < 0.3);
        // text has no tree: the group features stay zero
        let t = seg("a\nb");
        let (base, shapes) = rows(&t, &Lexicon::new(&Vocab::default()));
        let r = stage2_rows(&base, &shapes, &t.tree, &[0.9, 0.9]);
        assert!(r[0][N_BASE + GROUPS_AT..].iter().all(|&v| v == 0.0));
    }

    #[test]
    fn markup_words_are_weighed_by_the_learned_vocabulary() {
        let long = "A paragraph of the article, long enough to be prose, with more words than a menu line.";
        let html = format!(
            "<body><div class=\"story-body\"><p>{long}</p><p>{long}</p></div>\
             <div class=\"promo-box\"><ul><li class=card>Other story</li></ul></div><p>Plain</p></body>"
        );
        let s = segment(&Document {
            name: "t.html".into(),
            text: html,
            format: Format::Html,
            notes: vec![],
        });
        let mut v = Vocab::default();
        v.insert(format!("{MARKUP_PREFIX}story"), -2.0);
        v.insert(format!("{MARKUP_PREFIX}promo"), 3.0);
        v.insert(format!("{MARKUP_PREFIX}card"), 1.0);
        let (r, _) = rows(&s, &Lexicon::new(&v));
        let at = |name: &str| BASE_NAMES.iter().position(|n| *n == name).unwrap();
        // a paragraph in the story's <div>: only the story word is known
        assert_eq!(r[0][at("dom_markup_min")], -2.0);
        assert_eq!(r[0][at("dom_markup_max")], -2.0);
        assert_eq!(r[0][at("dom_markup_near")], -2.0);
        // the list item: its own class nearest, the promo box above it
        assert_eq!(r[2][at("dom_markup_max")], 3.0);
        assert_eq!(r[2][at("dom_markup_near")], 1.0);
        assert_eq!(r[2][at("dom_markup_mean")], 2.0);
        // no known word around the last paragraph; and a text vocabulary says nothing of markup
        assert_eq!(r[3][at("dom_markup_max")], 0.0);
        let (r, _) = rows(&s, &Lexicon::new(&Vocab::default()));
        assert!(r
            .iter()
            .all(|row| row[MARKUP_AT..MARKUP_AT + 4].iter().all(|&x| x == 0.0)));
        // the markup words of an element: its class and id words, lowercase, once each
        assert!(s
            .tree
            .words
            .iter()
            .any(|w| w.iter().map(|x| &**x).eq(["story", "body"])));
    }

    #[test]
    fn text_layout_features_are_html_only() {
        let long = "A paragraph of the article, long enough to be prose, with more words than a menu line.";
        let s = segment(&Document {
            name: "t.html".into(),
            text: format!("<body><nav><p><a href=/>Home</a></p></nav><div><p>{long}</p><p>{long}</p></div></body>"),
            format: Format::Html,
            notes: vec![],
        });
        let (r, _) = rows(&s, &Lexicon::new(&Vocab::default()));
        let at = |name: &str| BASE_NAMES.iter().position(|n| *n == name).unwrap();
        assert_eq!(r[1][at("dom_in_text_core")], 1.0);
        assert_eq!(r[0][at("dom_in_text_core")], 0.0);
        assert_eq!(r[1][at("dom_text_share_parent")], 1.0);
        assert_eq!(r[0][at("dom_text_share_parent")], 0.0);
        assert_eq!(r[0][at("dom_log_steps_to_top_candidate")], 3f32.ln_1p());
        assert_eq!(r[0][at("dom_top_candidate_text_share")], 1.0);
        let t = seg(PROSE);
        let (r, _) = rows(&t, &Lexicon::new(&Vocab::default()));
        assert!(r[0][LAYOUT_AT..].iter().all(|&x| x == 0.0));
    }

    #[test]
    fn stage2_sees_neighbour_probabilities() {
        let s = seg("a\nb\nc");
        let (base, shapes) = rows(&s, &Lexicon::new(&Vocab::default()));
        let r = stage2_rows(&base, &shapes, &s.tree, &[0.1, 0.9, 0.2]);
        assert_eq!(r[1][N_BASE], 0.9);
        assert_eq!(r[1][N_BASE + 1], 0.1); // previous
        assert_eq!(r[1][N_BASE + 4], 0.2); // next
        assert_eq!(r[0][N_BASE + 14], 0.9); // max after
    }

    #[test]
    fn lowercase_keeps_offsets_unless_a_char_changes_length() {
        let mut lower = String::new();
        assert!(lowercase_at_same_offsets("Ünd “ÉLAN” — OK", &mut lower));
        assert_eq!(lower, "ünd “élan” — ok");
        // `İ` lowercases to two chars, the Kelvin sign to a shorter `k`
        assert!(!lowercase_at_same_offsets("İstanbul", &mut lower));
        assert!(!lowercase_at_same_offsets("5 \u{212A}", &mut lower));
    }
}
