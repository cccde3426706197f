//! Features: what the tagger's linear model sees at each token, as 64-bit keys.
//!
//! In: the text, its [`Tokens`] and the [`Lexicon`]. Out: for a sentence, a list of feature
//! keys per token. A key is the hash of a template id and a value (`lowercase word = "said"`,
//! `shape of the next word = "Xx"`); the model maps keys to weights and ignores unknown keys,
//! so adding a template needs no table of feature names.
//!
//! The work is split in two so that nothing per token allocates: [`DocInfo::new`] looks each
//! distinct word up once (hashes, shapes, word class) and each token's context (name lists,
//! document statistics), then [`DocInfo::sentence_keys`] combines neighbours' facts into keys,
//! writing into a caller's buffer. History features (what the tagger said about the same word earlier in the document)
//! change as decoding goes and come from [`History`].
//!
//! Templates follow Ratinov & Roth (2009, "Design challenges and misconceptions in named entity
//! recognition"): words and shapes in a ±2 window, affixes, Brown-cluster prefixes of 4/6/10/20
//! bits, gazetteer matches, and non-local features (the same word elsewhere in the document,
//! and the labels it got before, and the words around its other mentions).

use crate::tokenize::Tokens;

use super::lexicon::{
    hash_bytes, hash_lower, is_capitalised, mix, ClusterPath, GazPos, Gazetteers, HashKeyed, WordStats, MAX_CATEGORIES,
};

/// The feature set's version, written into model files: a model trained on another feature
/// set is refused rather than silently misread. Bump it whenever a template changes.
pub const VERSION: u32 = 3;

/// The name lists and word statistics features are looked up in.
#[derive(Debug, Default, Clone)]
pub struct Lexicon {
    pub gazetteers: Gazetteers,
    pub words: WordStats,
}

/// Feature templates. The numbers are part of the model file's meaning: renumbering them
/// needs retraining, so new templates get new numbers.
mod t {
    pub const BIAS: u64 = 1;
    pub const WORD: u64 = 2;
    pub const LOWER: u64 = 3;
    pub const LOWER_M1: u64 = 4;
    pub const LOWER_P1: u64 = 5;
    pub const LOWER_M2: u64 = 6;
    pub const LOWER_P2: u64 = 7;
    pub const BIGRAM_M1: u64 = 8;
    pub const BIGRAM_P1: u64 = 9;
    pub const FINE_SHAPE: u64 = 10;
    pub const SHAPE_M1: u64 = 11;
    pub const SHAPE_P1: u64 = 12;
    pub const SHAPE_M1_0: u64 = 13;
    pub const SHAPE_0_P1: u64 = 14;
    pub const SHAPE_M1_0_P1: u64 = 15;
    pub const PREFIX: u64 = 16;
    pub const SUFFIX: u64 = 20;
    pub const CLUSTER: u64 = 24;
    pub const CLUSTER_M1: u64 = 30;
    pub const CLUSTER_P1: u64 = 32;
    pub const NO_CLUSTER: u64 = 34;
    pub const GAZ: u64 = 35;
    pub const GAZ_M1: u64 = 36;
    pub const GAZ_P1: u64 = 37;
    pub const CAP_SHAPE: u64 = 38;
    pub const FREQ_SHAPE: u64 = 39;
    pub const CAP_M1: u64 = 40;
    pub const CAP_P1: u64 = 41;
    pub const SENT_START_SHAPE: u64 = 42;
    pub const CAPS_SENT_CAP: u64 = 43;
    pub const DOC: u64 = 44;
    pub const SENT_LEN_SHAPE: u64 = 45;
    pub const HIST: u64 = 46;
    pub const HIST_HAS: u64 = 47;
    pub const SHAPE_M2: u64 = 48;
    pub const SHAPE_P2: u64 = 49;
    pub const CAPS_SENT_LOWER: u64 = 50;
    pub const AGG_PREV: u64 = 55;
    pub const AGG_NEXT: u64 = 56;
    // 60..=63 were the first pass's own tags, see `set_first_pass`.
    pub const P1_DOC_MAJOR: u64 = 64;
    pub const P1_DOC_HAS: u64 = 65;
    pub const P1_DOC_TAG: u64 = 66;
}

/// Room for every tag number in first-pass counts (the model has 17 tags).
const TAG_SLOTS: usize = 17;

/// Cluster-path prefix lengths for the token itself and for its neighbours.
const CLUSTER_PREFIXES: [u8; 4] = [4, 6, 10, 20];
const NEIGHBOUR_CLUSTER_PREFIXES: [u8; 2] = [4, 10];
/// Affix lengths, in chars.
const AFFIX_CHARS: usize = 4;

/// Facts about one distinct word form, looked up once per document.
#[derive(Debug, Clone, Copy)]
struct WordInfo {
    exact: u64,
    lower: u64,
    shape: u64,
    fine_shape: u64,
    prefix: [u64; AFFIX_CHARS],
    suffix: [u64; AFFIX_CHARS],
    cluster: Option<ClusterPath>,
    cap: u8,
    freq: u8,
    /// Starts with an uppercase letter (or is in capitals).
    capitalised: bool,
    /// For a capitalised word: its lowercase form's index in [`DocInfo::names`].
    name: Option<u32>,
    /// Where the word may stand in a name (see [`DocInfo::name_role`]).
    role: NameRole,
}

impl WordInfo {
    fn new(w: &str, exact: u64, lex: &Lexicon) -> WordInfo {
        let lower = hash_lower(w);
        let (cap, freq) = lex.words.stats(lower);
        let (prefix, suffix) = affixes(w);
        WordInfo {
            exact,
            lower,
            shape: shape(w, 1),
            fine_shape: shape(w, 4),
            prefix,
            suffix,
            cluster: lex.words.cluster(w, exact, lower),
            cap,
            freq,
            capitalised: is_capitalised(w),
            name: None,
            role: NameRole::of(w),
        }
    }
}

/// Where a token may stand in a name, whatever the weights say. Decoding enforces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameRole {
    Anywhere,
    /// Never part of a name: a comma. In CoNLL one name in a thousand holds one (`Goldman,
    /// Sachs & Co`), while a list (`the EU, Canada and Japan`) read as one name is a mistake
    /// the model otherwise makes on lists of short names.
    Never,
    /// Only the last word of a name, or a name of its own: a capitalised compound with a
    /// lowercase tail (`Acme-backed`, `Los Angeles-based`). Of 158 in CoNLL train, one starts a
    /// name; without the rule the model runs on into the name it qualifies (`Acme-backed
    /// Union of Northern Growers` as one ORG).
    LastOnly,
}

impl NameRole {
    fn of(w: &str) -> NameRole {
        if w == "," {
            return NameRole::Never;
        }
        let lowercase_tail = w
            .rsplit_once('-')
            .is_some_and(|(head, tail)| !head.is_empty() && !tail.is_empty() && tail.chars().all(|c| c.is_lowercase()));
        if is_capitalised(w) && lowercase_tail {
            NameRole::LastOnly
        } else {
            NameRole::Anywhere
        }
    }
}

/// Facts about one token that depend on where it stands.
#[derive(Debug, Clone, Copy)]
struct TokenInfo {
    /// Index in [`DocInfo::words`].
    word: u32,
    sent_start: bool,
    caps_sentence: bool,
    /// Elsewhere in the document this word is capitalised in mid-sentence / written in lowercase.
    doc_cap: bool,
    doc_lower: bool,
}

/// Where a name (a capitalised word's lowercase form) is written capitalised in the document:
/// how often, and its first mentions, enough to find [`AGGREGATE_MENTIONS`] others than any
/// one token.
#[derive(Debug, Clone, Copy, Default)]
struct Mentions {
    count: u32,
    first: [Mention; AGGREGATE_MENTIONS + 1],
}

/// A token and the lowercase forms around it (its context for the other mentions).
#[derive(Debug, Clone, Copy, Default)]
struct Mention {
    at: u32,
    prev: u64,
    next: u64,
}

/// Stand-ins for words outside the sentence.
const BOUNDARY_BEFORE: u64 = 0x5eed_0000_0000_0001;
const BOUNDARY_AFTER: u64 = 0x5eed_0000_0000_0002;

/// A document prepared for feature extraction. What it holds grows with the document by a few
/// bytes per token; word facts are kept once per distinct word, and the keys that combine them
/// are made per sentence (a hostile million-token document would need ~0.5 GB for all keys).
#[derive(Debug)]
pub struct DocInfo {
    words: Vec<WordInfo>,
    tokens: Vec<TokenInfo>,
    /// Gazetteer positions per token and category (matches span tokens, so not a word fact).
    gaz: Vec<[GazPos; MAX_CATEGORIES]>,
    sentences: Vec<std::ops::Range<usize>>,
    names: Vec<Mentions>,
    /// The first pass's tag of each token, empty before [`Self::set_first_pass`], and its tag
    /// counts per name (index as in [`Self::names`]).
    first_pass: Vec<u8>,
    first_pass_counts: Vec<[u16; TAG_SLOTS]>,
}

/// How many other mentions lend their neighbours to a word's context features.
const AGGREGATE_MENTIONS: usize = 4;

impl DocInfo {
    /// Looks every token of the document up.
    pub fn new(text: &str, tokens: &Tokens, lex: &Lexicon) -> DocInfo {
        let n = tokens.tokens.len();
        let texts: Vec<&str> = tokens.tokens.iter().map(|t| t.text(text)).collect();
        // Two forms with one 64-bit hash would share their facts; as likely as a key clash.
        let mut word_index: HashKeyed<u32> = HashKeyed::default();
        let mut words: Vec<WordInfo> = Vec::new();
        let token_word: Vec<u32> = texts
            .iter()
            .map(|w| {
                let exact = hash_bytes(w.as_bytes());
                *word_index.entry(exact).or_insert_with(|| {
                    words.push(WordInfo::new(w, exact, lex));
                    words.len() as u32 - 1
                })
            })
            .collect();
        drop(word_index);
        let lower: Vec<u64> = token_word.iter().map(|&w| words[w as usize].lower).collect();
        let mut gaz = vec![[GazPos::None; MAX_CATEGORIES]; n];
        lex.gazetteers.mark(&texts, &lower, &mut gaz);

        let mut sent_start = vec![false; n];
        let mut caps_sentence = vec![false; n];
        for s in &tokens.sentences {
            if s.is_empty() {
                continue;
            }
            sent_start[s.start] = true;
            // After an opening quote or bracket the next word starts the sentence too.
            if s.len() > 1 && !texts[s.start].chars().any(char::is_alphanumeric) {
                sent_start[s.start + 1] = true;
            }
            let letters = texts[s.clone()].iter().any(|w| w.chars().any(char::is_alphabetic));
            let caps = letters && !texts[s.clone()].iter().any(|w| w.chars().any(char::is_lowercase));
            caps_sentence[s.clone()].iter_mut().for_each(|c| *c = caps);
        }

        // How the document writes each word elsewhere.
        let mut doc_counts: HashKeyed<(u32, u32)> = HashKeyed::default();
        let kind = |i: usize| -> (u32, u32) {
            let w = texts[i];
            let mid_cap = words[token_word[i] as usize].capitalised && !sent_start[i] && !caps_sentence[i];
            let low = w.chars().next().is_some_and(char::is_lowercase);
            (mid_cap as u32, low as u32)
        };
        for i in 0..n {
            let (c, l) = kind(i);
            if c + l > 0 {
                let e = doc_counts.entry(lower[i]).or_default();
                e.0 += c;
                e.1 += l;
            }
        }
        let token_info = (0..n)
            .map(|i| {
                let (own_c, own_l) = kind(i);
                let (all_c, all_l) = doc_counts.get(&lower[i]).copied().unwrap_or((0, 0));
                TokenInfo {
                    word: token_word[i],
                    sent_start: sent_start[i],
                    caps_sentence: caps_sentence[i],
                    doc_cap: all_c > own_c,
                    doc_lower: all_l > own_l,
                }
            })
            .collect();

        let mut doc = DocInfo {
            words,
            tokens: token_info,
            gaz,
            sentences: tokens.sentences.clone(),
            names: Vec::new(),
            first_pass: Vec::new(),
            first_pass_counts: Vec::new(),
        };
        // Context aggregation (Ratinov & Roth 2009): where else each name is mentioned.
        let mut name_index: HashKeyed<u32> = HashKeyed::default();
        for i in 0..n {
            if doc.word(i).capitalised {
                let names = &mut doc.names;
                let k = *name_index.entry(lower[i]).or_insert_with(|| {
                    names.push(Mentions::default());
                    names.len() as u32 - 1
                });
                let seen = doc.names[k as usize].count as usize;
                if seen < AGGREGATE_MENTIONS + 1 {
                    doc.names[k as usize].first[seen] = Mention {
                        at: i as u32,
                        prev: doc.neighbour_lower(i, -1),
                        next: doc.neighbour_lower(i, 1),
                    };
                }
                doc.names[k as usize].count += 1;
            }
        }
        for w in doc.words.iter_mut().filter(|w| w.capitalised) {
            w.name = name_index.get(&w.lower).copied();
        }
        doc
    }

    fn word(&self, i: usize) -> &WordInfo {
        &self.words[self.tokens[i].word as usize]
    }

    /// Adds the second pass's features from the first pass's tags (one per token, see
    /// `model`'s tag numbering): what the first pass said about the same word everywhere else
    /// in the document, before and after (Krishnan & Manning 2006, "An effective two-stage
    /// model for exploiting non-local dependencies in named entity recognition"): the kind it
    /// got most often, every kind it got, and its most frequent tag inside names. `None`
    /// removes them.
    ///
    /// Why not the first pass's tag of the token itself: with it the second pass learns to
    /// copy the first (held-out F1 0.9297 against 0.9310 for one pass); without it, 0.9337.
    pub fn set_first_pass(&mut self, tags: Option<&[u8]>) {
        self.first_pass.clear();
        self.first_pass_counts.clear();
        let Some(tags) = tags.filter(|t| t.len() == self.tokens.len()) else {
            return;
        };
        self.first_pass.extend_from_slice(tags);
        self.first_pass_counts.resize(self.names.len(), [0; TAG_SLOTS]);
        for (i, &t) in tags.iter().enumerate() {
            if let Some(k) = self.word(i).name {
                let c = &mut self.first_pass_counts[k as usize][t as usize % TAG_SLOTS];
                *c = c.saturating_add(1);
            }
        }
    }

    pub fn sentences(&self) -> &[std::ops::Range<usize>] {
        &self.sentences
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The history key of token `i` (its lowercase form), if history applies to it: only
    /// capitalised words carry a name's label from one mention to the next.
    /// Where token `i` may stand in a name.
    pub fn name_role(&self, i: usize) -> NameRole {
        self.word(i).role
    }

    pub fn history_key(&self, i: usize) -> Option<u64> {
        let w = self.word(i);
        w.capitalised.then_some(w.lower)
    }

    /// Writes the feature keys of `tokens` (a part of `sentence`), with the history features of
    /// `history` if given: token `i`'s keys are
    /// `keys[offsets[i - tokens.start]..offsets[i - tokens.start + 1]]`.
    pub fn sentence_keys(
        &self,
        sentence: std::ops::Range<usize>,
        tokens: std::ops::Range<usize>,
        history: Option<&History>,
        keys: &mut Vec<u64>,
        offsets: &mut Vec<u32>,
    ) {
        keys.clear();
        offsets.clear();
        offsets.push(0);
        let (s, e) = (sentence.start, sentence.end);
        for i in tokens {
            self.token_keys(i, s, e, keys);
            if let Some(h) = history {
                h.keys(self.history_key(i), keys);
            }
            if let Some(name) = self.word(i).name {
                self.aggregated_keys(i, &self.names[name as usize], keys);
                if !self.first_pass.is_empty() {
                    self.first_pass_keys(i, self.first_pass_counts[name as usize], keys);
                }
            }
            offsets.push(keys.len() as u32);
        }
    }

    /// Context aggregation: the words around up to [`AGGREGATE_MENTIONS`] other mentions of
    /// token `i`'s name, where they differ from its own.
    fn aggregated_keys(&self, i: usize, mentions: &Mentions, out: &mut Vec<u64>) {
        if mentions.count < 2 {
            return;
        }
        let (own_prev, own_next) = (self.neighbour_lower(i, -1), self.neighbour_lower(i, 1));
        let stored = (mentions.count as usize).min(mentions.first.len());
        for m in mentions.first[..stored]
            .iter()
            .filter(|m| m.at as usize != i)
            .take(AGGREGATE_MENTIONS)
        {
            if m.prev != own_prev {
                out.push(mix(t::AGG_PREV, m.prev));
            }
            if m.next != own_next {
                out.push(mix(t::AGG_NEXT, m.next));
            }
        }
    }

    /// The lowercase form of the token `d` away from token `i`, across sentences.
    fn neighbour_lower(&self, i: usize, d: isize) -> u64 {
        let k = i as isize + d;
        if k < 0 || k as usize >= self.tokens.len() {
            BOUNDARY_BEFORE
        } else {
            self.word(k as usize).lower
        }
    }

    /// The first pass's verdicts on token `i`'s name elsewhere, from its name's tag `counts`.
    fn first_pass_keys(&self, i: usize, mut counts: [u16; TAG_SLOTS], out: &mut Vec<u64>) {
        counts[self.first_pass[i] as usize % TAG_SLOTS] -= 1; // others only
        let mut kinds = [0u16; 5];
        for (tag, &c) in counts.iter().enumerate() {
            kinds[if tag == 0 { 0 } else { 1 + (tag - 1) / 4 }] += c;
        }
        if kinds.iter().any(|&c| c > 0) {
            let major = (0..5).max_by_key(|&k| (kinds[k], std::cmp::Reverse(k))).unwrap_or(0);
            out.push(mix(t::P1_DOC_MAJOR, major as u64));
            for (k, &c) in kinds.iter().enumerate() {
                if c > 0 {
                    out.push(mix(t::P1_DOC_HAS, k as u64));
                }
            }
            let best_tag = (1..TAG_SLOTS).max_by_key(|&t| (counts[t], std::cmp::Reverse(t)));
            if let Some(bt) = best_tag.filter(|&bt| counts[bt] > 0) {
                out.push(mix(t::P1_DOC_TAG, bt as u64));
            }
        }
    }

    fn token_keys(&self, i: usize, s: usize, e: usize, out: &mut Vec<u64>) {
        let (me, here) = (self.word(i), &self.tokens[i]);
        let at = |k: isize| -> Option<usize> {
            let j = i as isize + k;
            (j >= s as isize && j < e as isize).then_some(j as usize)
        };
        // The ±2 window, looked up once: each neighbour is read by several templates.
        let window: [Option<&WordInfo>; 5] = [-2, -1, 0, 1, 2].map(|k| at(k).map(|j| self.word(j)));
        let word_at = |k: isize| window[(k + 2) as usize];
        let lower_at = |k: isize| word_at(k).map_or(if k < 0 { BOUNDARY_BEFORE } else { BOUNDARY_AFTER }, |w| w.lower);
        let shape_at = |k: isize| word_at(k).map_or(if k < 0 { BOUNDARY_BEFORE } else { BOUNDARY_AFTER }, |w| w.shape);
        let mut push = |template: u64, value: u64| out.push(mix(template, value));

        push(t::BIAS, 0);
        push(t::WORD, me.exact);
        push(t::LOWER, me.lower);
        push(t::LOWER_M1, lower_at(-1));
        push(t::LOWER_P1, lower_at(1));
        push(t::LOWER_M2, lower_at(-2));
        push(t::LOWER_P2, lower_at(2));
        push(t::BIGRAM_M1, mix(lower_at(-1), me.lower));
        push(t::BIGRAM_P1, mix(me.lower, lower_at(1)));
        push(t::FINE_SHAPE, me.fine_shape);
        push(t::SHAPE_M1, shape_at(-1));
        push(t::SHAPE_P1, shape_at(1));
        push(t::SHAPE_M2, shape_at(-2));
        push(t::SHAPE_P2, shape_at(2));
        push(t::SHAPE_M1_0, mix(shape_at(-1), me.shape));
        push(t::SHAPE_0_P1, mix(me.shape, shape_at(1)));
        push(t::SHAPE_M1_0_P1, mix(mix(shape_at(-1), me.shape), shape_at(1)));
        for k in 0..AFFIX_CHARS {
            if me.prefix[k] != 0 {
                push(t::PREFIX + k as u64, me.prefix[k]);
            }
            if me.suffix[k] != 0 {
                push(t::SUFFIX + k as u64, me.suffix[k]);
            }
        }
        match me.cluster {
            Some(c) => {
                for (k, &p) in CLUSTER_PREFIXES.iter().enumerate() {
                    push(t::CLUSTER + k as u64, c.prefix(p));
                }
            }
            None => push(t::NO_CLUSTER, me.shape),
        }
        for (dir, template) in [(-1isize, t::CLUSTER_M1), (1, t::CLUSTER_P1)] {
            if let Some(c) = word_at(dir).and_then(|w| w.cluster) {
                for (k, &p) in NEIGHBOUR_CLUSTER_PREFIXES.iter().enumerate() {
                    push(template + k as u64, c.prefix(p));
                }
            }
        }
        for (cat, &pos) in self.gaz[i].iter().enumerate() {
            if pos != GazPos::None {
                push(t::GAZ, (cat as u64) << 8 | pos as u64);
            }
        }
        for (dir, template) in [(-1isize, t::GAZ_M1), (1, t::GAZ_P1)] {
            if let Some(j) = at(dir) {
                for (cat, &pos) in self.gaz[j].iter().enumerate() {
                    if pos != GazPos::None {
                        push(template, (cat as u64) << 8 | pos as u64);
                    }
                }
            }
        }
        push(t::CAP_SHAPE, mix(me.cap as u64, me.shape));
        push(t::FREQ_SHAPE, mix(me.freq as u64, me.shape));
        push(t::CAP_M1, word_at(-1).map_or(99, |w| w.cap as u64));
        push(t::CAP_P1, word_at(1).map_or(99, |w| w.cap as u64));
        if here.sent_start {
            push(t::SENT_START_SHAPE, mix(me.cap as u64, me.shape));
        }
        if here.caps_sentence {
            push(t::CAPS_SENT_CAP, me.cap as u64);
            push(t::CAPS_SENT_LOWER, me.lower);
        }
        let position = if here.caps_sentence {
            2
        } else if here.sent_start {
            1
        } else {
            0
        };
        push(
            t::DOC,
            (here.doc_cap as u64) | (here.doc_lower as u64) << 1 | position << 2 | (me.capitalised as u64) << 4,
        );
        let sent_len = match e - s {
            1 => 1,
            2 => 2,
            3..=4 => 3,
            _ => 4,
        };
        push(t::SENT_LEN_SHAPE, mix(sent_len, me.shape));
    }
}

/// What the tagger said about each capitalised word so far in the document: counts of
/// O, PER, ORG, LOC, MISC by the word's lowercase form.
#[derive(Debug, Default)]
pub struct History {
    counts: HashKeyed<[u16; 5]>,
}

impl History {
    pub fn clear(&mut self) {
        self.counts.clear();
    }

    /// Records that a word (its history key) was tagged `kind` (0 = O, 1..=4 = the entity
    /// types in model order).
    pub fn record(&mut self, key: u64, kind: usize) {
        let c = self.counts.entry(key).or_default();
        c[kind] = c[kind].saturating_add(1);
    }

    /// Appends the history features of a word: the kind it got most often, and each kind it got.
    pub fn keys(&self, key: Option<u64>, out: &mut Vec<u64>) {
        let Some(counts) = key.and_then(|k| self.counts.get(&k)) else {
            return;
        };
        let mut best = 0;
        for k in 0..5 {
            if counts[k] > 0 {
                out.push(mix(t::HIST_HAS, k as u64));
            }
            if counts[k] > counts[best] {
                best = k;
            }
        }
        out.push(mix(t::HIST, best as u64));
    }
}

/// A word's shape: uppercase letters → `X`, lowercase → `x`, digits → `d`, other characters
/// kept (other non-ASCII ones as `*`), runs cut to `max_run` (with 1: `Paris` → `Xx`,
/// `McDonald` → `XxXx`, `2.35` → `d.d`). Hashed.
fn shape(w: &str, max_run: usize) -> u64 {
    let mut buf = [0u8; 16];
    let mut n = 0;
    let mut run = 0;
    let mut last = 0u8;
    for c in w.chars() {
        let k = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_ascii_digit() {
            b'd'
        } else if c.is_ascii() {
            c as u8
        } else if c.is_alphabetic() {
            b'x'
        } else {
            b'*'
        };
        if k == last {
            run += 1;
            if run > max_run {
                continue;
            }
        } else {
            run = 1;
            last = k;
        }
        if n == buf.len() {
            break;
        }
        buf[n] = k;
        n += 1;
    }
    hash_bytes(&buf[..n])
}

/// Hashes of the lowercase first and last 1..=4 chars; 0 where the word is not longer than the
/// affix (the word itself is a feature already).
fn affixes(w: &str) -> ([u64; AFFIX_CHARS], [u64; AFFIX_CHARS]) {
    let mut pre = [0u64; AFFIX_CHARS];
    let mut suf = [0u64; AFFIX_CHARS];
    let chars = w.chars().count();
    let mut h = 0xa11c_e5ed_u64;
    for (k, c) in w.chars().take(AFFIX_CHARS).enumerate() {
        h = mix(h, fold(c));
        if k + 1 < chars {
            pre[k] = h;
        }
    }
    let mut h = 0x5ff1_c5ed_u64;
    for (k, c) in w.chars().rev().take(AFFIX_CHARS).enumerate() {
        h = mix(h, fold(c));
        if k + 1 < chars {
            suf[k] = h;
        }
    }
    (pre, suf)
}

fn fold(c: char) -> u64 {
    c.to_lowercase().next().unwrap_or(c) as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn lexicon() -> Lexicon {
        Lexicon {
            gazetteers: Gazetteers::parse("@city\nParis\n@first_name\nAnna\n"),
            words: WordStats::parse("0110\tParis London\n", "4\t5\tparis\n"),
        }
    }

    fn keys_of(text: &str) -> (DocInfo, Vec<Vec<u64>>) {
        let toks = tokenize(text);
        let doc = DocInfo::new(text, &toks, &lexicon());
        let mut all = vec![];
        for s in doc.sentences().to_vec() {
            let (mut k, mut o) = (vec![], vec![]);
            doc.sentence_keys(s.clone(), s.clone(), None, &mut k, &mut o);
            for j in 0..s.len() {
                all.push(k[o[j] as usize..o[j + 1] as usize].to_vec());
            }
        }
        (doc, all)
    }

    #[test]
    fn shapes() {
        assert_eq!(shape("Paris", 1), shape("London", 1));
        assert_ne!(shape("Paris", 1), shape("PARIS", 1));
        assert_eq!(shape("1996", 1), shape("12", 1));
        assert_ne!(shape("1996", 4), shape("12", 4));
        assert_eq!(shape("U.S.", 1), hash_bytes(b"X.X."));
        assert_eq!(shape("Zoë", 1), hash_bytes(b"Xx"));
    }

    #[test]
    fn affixes_are_case_blind_and_skip_whole_words() {
        assert_eq!(affixes("Paris"), affixes("PARIS"));
        let (pre, suf) = affixes("ab");
        assert!(pre[0] != 0 && pre[1] == 0 && suf[0] != 0 && suf[1] == 0);
    }

    #[test]
    fn same_word_same_context_same_keys() {
        let (_, a) = keys_of("He said that Anna left Paris today.");
        let (_, b) = keys_of("She said that Anna left Paris today.");
        assert_eq!(a[3], b[3], "`Anna` sees the same ±2 window");
        assert_ne!(a[1], b[1], "`said` sees a different left neighbour");
    }

    #[test]
    fn lexicon_features_fire() {
        let (_, k) = keys_of("He flew to Paris and Lyon.");
        let paris = &k[3];
        let lyon = &k[5];
        let gaz = mix(t::GAZ, 0 << 8 | GazPos::U as u64);
        assert!(paris.contains(&gaz) && !lyon.contains(&gaz));
        let cluster = mix(t::CLUSTER, ClusterPath::parse("0110").unwrap().prefix(4));
        assert!(paris.contains(&cluster));
        assert!(lyon.contains(&mix(t::NO_CLUSTER, shape("Lyon", 1))));
    }

    #[test]
    fn document_features_see_other_mentions() {
        // `Paris` at the start of a sentence, written capitalised mid-sentence elsewhere.
        let (doc, _) = keys_of("Paris is big. He saw Paris.");
        assert!(doc.tokens[0].sent_start && doc.tokens[0].doc_cap && !doc.tokens[0].doc_lower);
        let (doc, _) = keys_of("PARIS TALKS END\nThe talks ended.");
        assert!(doc.tokens[0].caps_sentence && !doc.tokens[4].caps_sentence);
        assert!(doc.tokens[1].doc_lower, "`TALKS` is lowercase elsewhere");
    }

    #[test]
    fn other_mentions_lend_their_neighbours() {
        // `Vardex` after `coach of` lends `of` to the `Vardex` that opens the second sentence.
        let (doc, keys) = keys_of("Vardex lost. The coach of Vardex resigned.");
        let first = &keys[0];
        assert!(first.contains(&mix(t::AGG_PREV, hash_lower("of"))));
        assert!(first.contains(&mix(t::AGG_NEXT, hash_lower("resigned"))));
        // A capitalised word mentioned once (`The`, 3) and a lowercase word (`coach`, 4) get none.
        let agg = |i: usize| {
            let mut out = vec![];
            if let Some(name) = doc.word(i).name {
                doc.aggregated_keys(i, &doc.names[name as usize], &mut out);
            }
            out.len()
        };
        assert_eq!((agg(3), agg(4)), (0, 0));
        assert_eq!(
            agg(6),
            2,
            "the second `Vardex` gets the first one's start of text and `lost`"
        );
        assert_eq!(keys.len(), 9);
    }

    #[test]
    fn history_keys() {
        let mut h = History::default();
        let mut out = vec![];
        h.keys(Some(7), &mut out);
        assert!(out.is_empty());
        h.record(7, 1);
        h.record(7, 1);
        h.record(7, 3);
        h.keys(Some(7), &mut out);
        assert_eq!(out, [mix(t::HIST_HAS, 1), mix(t::HIST_HAS, 3), mix(t::HIST, 1)]);
    }
}
