//! The trained tagger: BILOU tags, the weights, Viterbi decoding, and the model file.
//!
//! In: a [`DocInfo`] (see [`super::features`]). Out: one tag per token. The model is a linear
//! chain: a token's score for each of the 17 tags is the sum of the weights of its feature
//! keys; a transition score joins neighbouring tags; Viterbi finds the best sequence per
//! sentence, allowing only well-formed BILOU sequences (`I-PER` follows `B-PER` or `I-PER`,
//! and so on). Sentences are decoded in order so that later ones see what earlier ones said
//! (the [`History`] features).
//!
//! The model file (written by `presslens-train`, embedded by [`super::tag`]) holds everything
//! decoding needs: the name lists and word statistics as text, then the transition scores and
//! the feature weights, quantised to one signed byte each with one scale for the whole table
//! (see [`FORMAT`]). What it does not hold: feature names; keys are 32-bit hashes.

use std::fmt;

use crate::schema::Label;

use super::features::{DocInfo, History, Lexicon, NameRole};
pub use super::lexicon::key32;
use super::lexicon::{get_varint, put_varint, Gazetteers, WordStats};

/// The entity types, in tag order.
pub const KINDS: [Label; 4] = [Label::PER, Label::ORG, Label::LOC, Label::MISC];
/// `O`, then B, I, L, U of each kind.
pub const N_TAGS: usize = 1 + 4 * KINDS.len();
/// Tag 0 is outside any entity.
pub const OUTSIDE: u8 = 0;

/// Position of a token in an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    B = 0,
    I = 1,
    L = 2,
    U = 3,
}

pub fn tag_of(kind: usize, pos: Pos) -> u8 {
    (1 + kind * 4 + pos as usize) as u8
}

/// The kind (index into [`KINDS`]) and position of a tag; `None` for `O`.
pub fn split_tag(tag: u8) -> Option<(usize, Pos)> {
    if tag == OUTSIDE || tag as usize >= N_TAGS {
        return None;
    }
    let t = tag as usize - 1;
    let pos = [Pos::B, Pos::I, Pos::L, Pos::U][t % 4];
    Some((t / 4, pos))
}

/// Whether `next` may follow `prev` (`None` = sentence boundary).
pub fn allowed(prev: Option<u8>, next: Option<u8>) -> bool {
    let open = |t: Option<u8>| match t.and_then(split_tag) {
        Some((k, Pos::B | Pos::I)) => Some(k),
        _ => None,
    };
    let continues = |t: Option<u8>| match t.and_then(split_tag) {
        Some((k, Pos::I | Pos::L)) => Some(k),
        _ => None,
    };
    match (open(prev), continues(next)) {
        (Some(a), Some(b)) => a == b,
        (None, None) => true,
        _ => false,
    }
}

/// Entities of a tag sequence: (first token, end token exclusive, kind).
pub fn tags_to_spans(tags: &[u8]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &t) in tags.iter().enumerate() {
        match split_tag(t) {
            Some((k, Pos::U)) => out.push((i, i + 1, k)),
            Some((_, Pos::B)) => start = Some(i),
            Some((k, Pos::L)) => {
                if let Some(s) = start.take() {
                    out.push((s, i + 1, k));
                }
            }
            Some((_, Pos::I)) => {}
            None => start = None,
        }
    }
    out
}

/// The BILOU tags of `n` tokens with the given entities (token ranges and kinds, not overlapping).
pub fn spans_to_tags(n: usize, spans: &[(usize, usize, usize)]) -> Vec<u8> {
    let mut tags = vec![OUTSIDE; n];
    for &(s, e, k) in spans {
        if e <= s || e > n {
            continue;
        }
        if e - s == 1 {
            tags[s] = tag_of(k, Pos::U);
        } else {
            tags[s] = tag_of(k, Pos::B);
            tags[s + 1..e - 1].iter_mut().for_each(|t| *t = tag_of(k, Pos::I));
            tags[e - 1] = tag_of(k, Pos::L);
        }
    }
    tags
}

/// Transition scores, `[prev][next]`.
pub type Transitions = [[f32; N_TAGS]; N_TAGS];

/// Finds the best well-formed tag sequence. `emissions` holds N_TAGS scores per token.
pub fn viterbi(emissions: &[[f32; N_TAGS]], trans: &Transitions, out: &mut Vec<u8>) {
    Viterbi::default().run(emissions, trans, out)
}

/// Viterbi's state, kept between sentences so that decoding does not allocate. Tokens are fed
/// one at a time ([`Self::push`]) so that a sentence's emissions need not all be held: what
/// grows with the sentence is one row of back pointers per token.
#[derive(Debug, Default)]
pub struct Viterbi {
    /// Best score of a path ending in each tag at the last token pushed.
    score: [f32; N_TAGS],
    back: Vec<[u8; N_TAGS]>,
}

impl Viterbi {
    /// Finds the best well-formed tag sequence (see [`viterbi`]).
    pub fn run(&mut self, emissions: &[[f32; N_TAGS]], trans: &Transitions, out: &mut Vec<u8>) {
        self.start();
        for e in emissions {
            self.push(e, trans);
        }
        self.finish(out);
    }

    /// Begins a sentence.
    pub fn start(&mut self) {
        self.back.clear();
    }

    /// Adds the next token's emission scores.
    pub fn push(&mut self, emission: &[f32; N_TAGS], trans: &Transitions) {
        const NEG: f32 = f32::NEG_INFINITY;
        let mut score = [NEG; N_TAGS];
        let first = self.back.is_empty();
        self.back.push([0; N_TAGS]);
        let back = self.back.last_mut().expect("just pushed");
        if first {
            for y in 0..N_TAGS {
                if allowed(None, Some(y as u8)) {
                    score[y] = emission[y];
                }
            }
        } else {
            for y in 0..N_TAGS {
                let mut best = NEG;
                let mut arg = 0;
                let (preds, count) = &PREDECESSORS[y];
                for &p in &preds[..*count as usize] {
                    let p = p as usize;
                    let s = self.score[p] + trans[p][y];
                    if s > best {
                        best = s;
                        arg = p;
                    }
                }
                if best > NEG {
                    score[y] = best + emission[y];
                    back[y] = arg as u8;
                }
            }
        }
        self.score = score;
    }

    /// Writes the best sequence over the tokens pushed since [`Self::start`].
    pub fn finish(&mut self, out: &mut Vec<u8>) {
        out.clear();
        let n = self.back.len();
        if n == 0 {
            return;
        }
        let mut best = f32::NEG_INFINITY;
        let mut y = 0;
        for t in 0..N_TAGS {
            if allowed(Some(t as u8), None) && self.score[t] > best {
                best = self.score[t];
                y = t;
            }
        }
        out.resize(n, OUTSIDE);
        for i in (0..n).rev() {
            out[i] = y as u8;
            y = self.back[i][y] as usize;
        }
    }
}

/// For each tag, the tags allowed before it (and how many there are).
static PREDECESSORS: [([u8; N_TAGS], u8); N_TAGS] = {
    let mut out = [([0u8; N_TAGS], 0u8); N_TAGS];
    let mut y = 0;
    while y < N_TAGS {
        let mut p = 0;
        while p < N_TAGS {
            if ALLOWED[p][y] {
                let n = out[y].1 as usize;
                out[y].0[n] = p as u8;
                out[y].1 += 1;
            }
            p += 1;
        }
        y += 1;
    }
    out
};

/// `ALLOWED[prev][next]`, precomputed.
static ALLOWED: [[bool; N_TAGS]; N_TAGS] = {
    let mut a = [[false; N_TAGS]; N_TAGS];
    let mut p = 0;
    while p < N_TAGS {
        let mut y = 0;
        while y < N_TAGS {
            // Same rule as `allowed`, in const form.
            let p_open = p != 0 && ((p - 1) % 4 == 0 || (p - 1) % 4 == 1);
            let y_cont = y != 0 && ((y - 1) % 4 == 1 || (y - 1) % 4 == 2);
            a[p][y] = if p_open && y_cont {
                (p - 1) / 4 == (y - 1) / 4
            } else {
                !p_open && !y_cont
            };
            y += 1;
        }
        p += 1;
    }
    a
};

/// Tokens whose keys are made, prefetched and scored together. Why in batches: a sentence's
/// keys are ~60 per token, and a hostile "sentence" can be a million tokens; a batch bounds the
/// buffer while still covering a typical sentence in one go, so its weight lookups overlap.
const KEY_BATCH: usize = 64;

/// Decodes a document sentence by sentence with history features: the shared loop of the
/// tagger and of evaluation during training. `score` fills the emission scores of one token
/// from its keys.
pub fn decode_document(
    doc: &DocInfo,
    trans: &Transitions,
    prefetch: impl Fn(&[u64]),
    mut score: impl FnMut(&[u64], &mut [f32; N_TAGS]),
) -> Vec<u8> {
    let mut tags = vec![OUTSIDE; doc.len()];
    let mut history = History::default();
    let mut keys = Vec::new();
    let mut offsets = Vec::new();
    let mut best = Vec::new();
    let mut viterbi = Viterbi::default();
    for s in doc.sentences() {
        viterbi.start();
        for from in s.clone().step_by(KEY_BATCH) {
            let batch = from..(from + KEY_BATCH).min(s.end);
            doc.sentence_keys(s.clone(), batch.clone(), Some(&history), &mut keys, &mut offsets);
            prefetch(&keys);
            for j in 0..batch.len() {
                let mut e = [0f32; N_TAGS];
                score(&keys[offsets[j] as usize..offsets[j + 1] as usize], &mut e);
                forbid_roles(doc.name_role(batch.start + j), &mut e);
                viterbi.push(&e, trans);
            }
        }
        viterbi.finish(&mut best);
        tags[s.clone()].copy_from_slice(&best);
        record_history(doc, s.clone(), &best, &mut history);
    }
    tags
}

/// Rules out the tags a token's [`NameRole`] does not allow.
fn forbid_roles(role: NameRole, e: &mut [f32; N_TAGS]) {
    for (t, score) in e.iter_mut().enumerate() {
        let allowed = match (role, split_tag(t as u8)) {
            (NameRole::Anywhere, _) | (_, None) => true,
            (NameRole::Never, Some(_)) => false,
            (NameRole::LastOnly, Some((_, pos))) => matches!(pos, Pos::L | Pos::U),
        };
        if !allowed {
            *score = f32::NEG_INFINITY;
        }
    }
}

/// Records a decoded sentence in the history.
pub fn record_history(doc: &DocInfo, s: std::ops::Range<usize>, tags: &[u8], history: &mut History) {
    for (j, i) in s.enumerate() {
        if let Some(key) = doc.history_key(i) {
            history.record(key, split_tag(tags[j]).map_or(0, |(k, _)| k + 1));
        }
    }
}

/// Feature weights: an open-addressing table of 32-bit keys, each slot holding its row of
/// N_TAGS quantised weights inline. Why inline: scoring is one probe per feature key, and a
/// probe that lands on its key and weights in one cache line is what tagging speed comes down
/// to (a table of keys pointing at rows elsewhere was two misses per key, ~40% slower).
#[derive(Debug, Default)]
struct Weights {
    slots: Vec<Slot>,
}

#[derive(Debug, Clone, Copy, Default)]
#[repr(C)]
struct Slot {
    /// 0 = empty.
    key: u32,
    w: [i8; N_TAGS],
}

impl Weights {
    fn with_rows(rows: &[(u32, [i8; N_TAGS])]) -> Weights {
        let cap = (rows.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![Slot::default(); cap];
        for (key, w) in rows {
            let key = (*key).max(1);
            let mut i = key as usize & (cap - 1);
            while slots[i].key != 0 && slots[i].key != key {
                i = (i + 1) & (cap - 1);
            }
            slots[i] = Slot { key, w: *w };
        }
        Weights { slots }
    }

    /// Asks the processor to start loading the slots of these keys, so that the misses of a
    /// batch of tokens overlap instead of coming one after another (natively 1.6 -> 2.3 MB/s; a
    /// no-op where there is no prefetch instruction, as in wasm).
    fn prefetch(&self, keys: &[u64]) {
        #[cfg(target_arch = "x86_64")]
        if !self.slots.is_empty() {
            let mask = self.slots.len() - 1;
            for &k in keys {
                let p = &self.slots[key32(k) as usize & mask] as *const Slot as *const i8;
                // SAFETY: prefetching is a hint; the pointer is in bounds and never dereferenced.
                unsafe { std::arch::x86_64::_mm_prefetch(p, std::arch::x86_64::_MM_HINT_T0) };
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = keys;
    }

    #[inline]
    fn get(&self, key: u32) -> Option<&[i8; N_TAGS]> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut i = key as usize & mask;
        loop {
            let slot = &self.slots[i];
            if slot.key == key {
                return Some(&slot.w);
            }
            if slot.key == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }
}

/// One pass of the tagger: its weights and transition scores.
#[derive(Debug)]
struct Pass {
    weights: Weights,
    transitions: Transitions,
    /// Weight units: a stored value `v` means `v * scale`.
    scale: f32,
}

impl Pass {
    /// Emission scores of one token from its feature keys.
    fn score(&self, keys: &[u64], out: &mut [f32; N_TAGS]) {
        let mut acc = [0i32; N_TAGS];
        for &k in keys {
            if let Some(row) = self.weights.get(key32(k)) {
                for (a, &v) in acc.iter_mut().zip(row) {
                    *a += v as i32;
                }
            }
        }
        for (o, a) in out.iter_mut().zip(acc) {
            *o = a as f32 * self.scale;
        }
    }
}

/// A loaded model: the word knowledge and one or two passes. With two, the second sees the
/// first one's tags for the whole document (see [`DocInfo::set_first_pass`]).
#[derive(Debug)]
pub struct Model {
    pub lexicon: Lexicon,
    passes: Vec<Pass>,
    /// Feature rows over all passes.
    pub n_features: usize,
}

/// Why a model file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ModelError {
    /// The file does not start with [`MAGIC`].
    NotAModel,
    /// A section is missing or cut short.
    Truncated(&'static str),
    /// The file was made for another feature set or format version.
    Version(String),
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::NotAModel => write!(f, "not a presslens tagger model"),
            ModelError::Truncated(s) => write!(f, "model file cut short in section {s}"),
            ModelError::Version(v) => write!(f, "model made for another version: {v}"),
        }
    }
}

impl std::error::Error for ModelError {}

/// The model file format:
///
/// ```text
/// MAGIC
/// then sections, each: name, '\n', length (u32 little-endian), bytes:
///   meta         text, key=value lines: format, features (template version), passes, scales
///   gazetteers   Gazetteers::encode (category names; keyed token sequences)
///   words        WordStats::encode (cluster paths; keyed words)
///   and per pass:
///   transitions  N_TAGS × N_TAGS f32 little-endian, [prev][next]
///   weights      rows sorted by key: key delta (varint), tag mask (varint), one i8 per set bit
/// ```
///
/// Words and names are stored as 32-bit hashes, not text: loading is then filling tables, a
/// few milliseconds, where hashing a hundred thousand words took tens.
pub const FORMAT: u32 = 3;
pub const MAGIC: &[u8] = b"PRESSLENS-NER\n";

/// One pass in the trainer's float form.
#[derive(Debug, Clone, Default)]
pub struct PassParts {
    /// N_TAGS × N_TAGS, `[prev][next]`.
    pub transitions: Vec<f32>,
    /// (key32, weights per tag), any order.
    pub rows: Vec<(u32, [f32; N_TAGS])>,
}

/// Everything a model file is made of, in the trainer's float form.
#[derive(Debug, Clone, Default)]
pub struct ModelParts {
    pub lexicon: Lexicon,
    pub passes: Vec<PassParts>,
}

/// Largest stored weight value.
const QMAX: f32 = 127.0;

impl PassParts {
    /// The scale that maps the weights onto i8: the largest magnitude, except that a few
    /// outliers (the top 1/20000 of non-zero weights) are clipped rather than allowed to
    /// flatten everything else.
    pub fn scale(&self) -> f32 {
        let mut mags: Vec<f32> = self
            .rows
            .iter()
            .flat_map(|(_, r)| r.iter().map(|w| w.abs()))
            .filter(|&m| m > 0.0)
            .collect();
        if mags.is_empty() {
            return 1.0;
        }
        let k = mags.len() - 1 - mags.len() / 20000;
        let (_, kth, _) = mags.select_nth_unstable_by(k, |a, b| a.total_cmp(b));
        (*kth / QMAX).max(f32::MIN_POSITIVE)
    }

    /// The quantised weights section and the number of rows kept (rows that round to all
    /// zeros are dropped).
    fn encode_weights(&self, scale: f32) -> (Vec<u8>, usize) {
        let mut rows: Vec<(u32, [i8; N_TAGS])> = self
            .rows
            .iter()
            .map(|(k, r)| (*k, r.map(|w| (w / scale).round().clamp(-QMAX, QMAX) as i8)))
            .filter(|(_, q)| q.iter().any(|&v| v != 0))
            .collect();
        rows.sort_by_key(|r| r.0);
        rows.dedup_by_key(|r| r.0);
        let mut out = Vec::new();
        let mut last = 0u32;
        for (key, q) in &rows {
            put_varint(&mut out, (key - last) as u64);
            last = *key;
            let mask = q
                .iter()
                .enumerate()
                .fold(0u64, |m, (i, &v)| if v != 0 { m | 1 << i } else { m });
            put_varint(&mut out, mask);
            out.extend(q.iter().filter(|&&v| v != 0).map(|&v| v as u8));
        }
        (out, rows.len())
    }
}

impl ModelParts {
    /// Encodes the model file.
    pub fn encode(&self) -> Vec<u8> {
        let mut meta = format!(
            "format={FORMAT}\nfeatures={}\npasses={}\n",
            super::features::VERSION,
            self.passes.len()
        );
        let mut sections: Vec<(String, Vec<u8>)> = Vec::new();
        let mut gazetteers = Vec::new();
        self.lexicon.gazetteers.encode(&mut gazetteers);
        sections.push(("gazetteers".into(), gazetteers));
        let mut words = Vec::new();
        self.lexicon.words.encode(&mut words);
        sections.push(("words".into(), words));
        for (n, pass) in self.passes.iter().enumerate() {
            let scale = pass.scale();
            let (weights, rows) = pass.encode_weights(scale);
            meta += &format!("scale.{n}={scale:e}\nrows.{n}={rows}\n");
            let mut trans = Vec::with_capacity(N_TAGS * N_TAGS * 4);
            for i in 0..N_TAGS * N_TAGS {
                trans.extend_from_slice(&pass.transitions.get(i).copied().unwrap_or(0.0).to_le_bytes());
            }
            sections.push(("transitions".into(), trans));
            sections.push(("weights".into(), weights));
        }
        let mut out = MAGIC.to_vec();
        for (name, bytes) in std::iter::once(("meta".to_string(), meta.into_bytes())).chain(sections) {
            out.extend_from_slice(name.as_bytes());
            out.push(b'\n');
            out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
            out.extend_from_slice(&bytes);
        }
        out
    }
}

impl Model {
    /// Reads a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut rest = bytes.strip_prefix(MAGIC).ok_or(ModelError::NotAModel)?;
        let mut section = |name: &'static str| -> Result<&[u8], ModelError> {
            let head = name.len() + 1 + 4;
            if rest.len() < head || &rest[..name.len()] != name.as_bytes() || rest[name.len()] != b'\n' {
                return Err(ModelError::Truncated(name));
            }
            let len = u32::from_le_bytes([rest[head - 4], rest[head - 3], rest[head - 2], rest[head - 1]]) as usize;
            let body = rest.get(head..head + len).ok_or(ModelError::Truncated(name))?;
            rest = &rest[head + len..];
            Ok(body)
        };
        let meta = String::from_utf8_lossy(section("meta")?).into_owned();
        let field = |k: &str| meta.lines().find_map(|l| l.strip_prefix(k)?.strip_prefix('='));
        let version = (field("format"), field("features"));
        let expected = (FORMAT.to_string(), super::features::VERSION.to_string());
        if version != (Some(expected.0.as_str()), Some(expected.1.as_str())) {
            return Err(ModelError::Version(format!(
                "{version:?}, this build reads {expected:?}"
            )));
        }
        let n_passes: usize = field("passes")
            .and_then(|s| s.parse().ok())
            .ok_or(ModelError::Truncated("meta"))?;
        let gazetteers =
            Gazetteers::decode(section("gazetteers")?, &mut 0).ok_or(ModelError::Truncated("gazetteers"))?;
        let words = WordStats::decode(section("words")?, &mut 0).ok_or(ModelError::Truncated("words"))?;
        let mut passes = Vec::with_capacity(n_passes);
        let mut n_features = 0;
        for n in 0..n_passes {
            let scale: f32 = field(&format!("scale.{n}"))
                .and_then(|s| s.parse().ok())
                .ok_or(ModelError::Truncated("meta"))?;
            let trans_bytes = section("transitions")?;
            if trans_bytes.len() != N_TAGS * N_TAGS * 4 {
                return Err(ModelError::Truncated("transitions"));
            }
            let mut transitions = [[0f32; N_TAGS]; N_TAGS];
            for (i, c) in trans_bytes.chunks_exact(4).enumerate() {
                transitions[i / N_TAGS][i % N_TAGS] = f32::from_le_bytes([c[0], c[1], c[2], c[3]]);
            }
            let rows = decode_weights(section("weights")?).ok_or(ModelError::Truncated("weights"))?;
            n_features += rows.len();
            passes.push(Pass {
                weights: Weights::with_rows(&rows),
                transitions,
                scale,
            });
        }
        Ok(Model {
            lexicon: Lexicon { gazetteers, words },
            passes,
            n_features,
        })
    }

    /// Tags a prepared document, one tag per token; leaves the first pass's features set on
    /// `doc` when there are two passes.
    pub fn tag_document(&self, doc: &mut DocInfo) -> Vec<u8> {
        doc.set_first_pass(None);
        let mut tags = Vec::new();
        for (n, pass) in self.passes.iter().enumerate() {
            if n > 0 {
                doc.set_first_pass(Some(&tags));
            }
            tags = decode_document(
                doc,
                &pass.transitions,
                |keys| pass.weights.prefetch(keys),
                |keys, out| pass.score(keys, out),
            );
        }
        if tags.is_empty() {
            tags = vec![OUTSIDE; doc.len()];
        }
        tags
    }

    pub fn passes(&self) -> usize {
        self.passes.len()
    }
}

/// Reads a weights section.
fn decode_weights(wb: &[u8]) -> Option<Vec<(u32, [i8; N_TAGS])>> {
    let mut rows = Vec::new();
    let mut at = 0;
    let mut key = 0u32;
    while at < wb.len() {
        key = key.wrapping_add(get_varint(wb, &mut at)? as u32);
        let mask = get_varint(wb, &mut at)?;
        let mut vals = [0i8; N_TAGS];
        for (i, v) in vals.iter_mut().enumerate() {
            if mask & (1 << i) != 0 {
                *v = *wb.get(at)? as i8;
                at += 1;
            }
        }
        rows.push((key, vals));
    }
    Some(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes `text` with emissions from `emit(word, e)` and no transition scores.
    fn decode_with(text: &str, emit: impl Fn(&str, &mut [f32; N_TAGS])) -> Vec<u8> {
        use crate::tag::features::Lexicon;
        use crate::tag::lexicon::{Gazetteers, WordStats};
        let tokens = crate::tokenize::tokenize(text);
        let lexicon = Lexicon {
            gazetteers: Gazetteers::parse(""),
            words: WordStats::parse("", ""),
        };
        let doc = DocInfo::new(text, &tokens, &lexicon);
        let mut i = 0;
        decode_document(
            &doc,
            &[[0.0; N_TAGS]; N_TAGS],
            |_| {},
            |_, e| {
                emit(&text[tokens.tokens[i].start..tokens.tokens[i].end], e);
                i += 1;
            },
        )
    }

    #[test]
    fn a_comma_is_never_inside_a_name() {
        let org = |pos| tag_of(1, pos) as usize;
        let text = "Talks with Acme , Globex and Initech ended .";
        // Emissions that favour `Acme , Globex` as one ORG (B, I, L: 15) over two (U, O, U: 8).
        let tags = decode_with(text, |word, e| match word {
            "Acme" | "Globex" => {
                e[org(Pos::B)] = 5.0;
                e[org(Pos::L)] = 5.0;
                e[org(Pos::U)] = 4.0;
            }
            "," => e[org(Pos::I)] = 5.0,
            _ => {}
        });
        let comma = text.split(' ').position(|w| w == ",").unwrap();
        assert_eq!(tags[comma], OUTSIDE, "{tags:?}");
        assert_eq!(
            tags_to_spans(&tags).len(),
            2,
            "Acme and Globex are names of their own: {tags:?}"
        );
    }

    #[test]
    fn a_compound_with_a_lowercase_tail_only_ends_a_name() {
        let (misc, org) = (|pos| tag_of(3, pos) as usize, |pos| tag_of(1, pos) as usize);
        let text = "the Acme-backed Globex Trade Council met";
        // Emissions that favour one ORG from `Acme-backed` to `Council` (B I I L: 20) over a
        // MISC and an ORG (U, B I L: 3 + 12).
        let tags = decode_with(text, |word, e| match word {
            "Acme-backed" => {
                e[org(Pos::B)] = 5.0;
                e[misc(Pos::U)] = 3.0;
            }
            "Globex" => {
                e[org(Pos::I)] = 5.0;
                e[org(Pos::B)] = 4.0;
            }
            "Trade" => e[org(Pos::I)] = 5.0,
            "Council" => e[org(Pos::L)] = 5.0,
            _ => {}
        });
        assert_eq!(tags_to_spans(&tags), vec![(1, 2, 3), (2, 5, 1)], "{tags:?}");
        // A name may still end with one: `Los Angeles-based`.
        let tags = decode_with("a Los Angeles-based firm", |word, e| match word {
            "Los" => e[misc(Pos::B)] = 5.0,
            "Angeles-based" => e[misc(Pos::L)] = 5.0,
            _ => {}
        });
        assert_eq!(tags_to_spans(&tags), vec![(1, 3, 3)], "{tags:?}");
    }

    #[test]
    fn bilou_round_trip_and_constraints() {
        let spans = vec![(0, 2, 0), (3, 4, 2), (5, 8, 1)];
        let tags = spans_to_tags(9, &spans);
        assert_eq!(tags_to_spans(&tags), spans);
        let b_per = tag_of(0, Pos::B);
        let i_per = tag_of(0, Pos::I);
        let l_org = tag_of(1, Pos::L);
        assert!(allowed(Some(b_per), Some(i_per)));
        assert!(!allowed(Some(b_per), Some(l_org)), "B-PER cannot close as ORG");
        assert!(!allowed(Some(OUTSIDE), Some(i_per)));
        assert!(!allowed(Some(b_per), None), "an open entity cannot end the sentence");
        for p in 0..N_TAGS as u8 {
            for y in 0..N_TAGS as u8 {
                assert_eq!(ALLOWED[p as usize][y as usize], allowed(Some(p), Some(y)));
            }
        }
    }

    #[test]
    fn viterbi_prefers_well_formed_paths() {
        // Token scores alone say B-PER, O: ill-formed. Viterbi must pick a legal path.
        let mut e = [[0f32; N_TAGS]; 2];
        e[0][tag_of(0, Pos::B) as usize] = 5.0;
        e[0][tag_of(0, Pos::U) as usize] = 4.0;
        e[1][OUTSIDE as usize] = 3.0;
        e[1][tag_of(0, Pos::L) as usize] = 1.0;
        let trans = [[0f32; N_TAGS]; N_TAGS];
        let mut out = vec![];
        viterbi(&e, &trans, &mut out);
        assert_eq!(out, [tag_of(0, Pos::U), OUTSIDE], "U-PER O (7) beats B-PER L-PER (6)");
        // A transition bonus for B→L tips it.
        let mut trans = trans;
        trans[tag_of(0, Pos::B) as usize][tag_of(0, Pos::L) as usize] = 2.0;
        viterbi(&e, &trans, &mut out);
        assert_eq!(out, [tag_of(0, Pos::B), tag_of(0, Pos::L)]);
    }

    #[test]
    fn weights_table_finds_every_row() {
        let rows: Vec<(u32, [i8; N_TAGS])> = (1..500u32).map(|k| (k * 7919, [k as i8; N_TAGS])).collect();
        let w = Weights::with_rows(&rows);
        for (k, r) in &rows {
            assert_eq!(w.get(*k), Some(r));
        }
        assert_eq!(w.get(3), None);
    }

    #[test]
    fn bad_files_are_errors() {
        assert_eq!(Model::from_bytes(b"hello").unwrap_err(), ModelError::NotAModel);
        let parts = ModelParts {
            passes: vec![PassParts::default()],
            ..ModelParts::default()
        };
        let bytes = parts.encode();
        assert!(Model::from_bytes(&bytes).is_ok());
        assert!(matches!(
            Model::from_bytes(&bytes[..bytes.len() - 1]),
            Err(ModelError::Truncated(_))
        ));
    }
}
