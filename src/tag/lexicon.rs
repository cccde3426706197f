//! What the tagger knows about words outside the sentence at hand: name lists (gazetteers),
//! word classes learned from unlabeled newswire (Brown clusters), and how often a word is
//! capitalised in that newswire. Plus the hashing every feature goes through.
//!
//! Words are looked up by hash, never by building a new string: the per-token hot path hashes
//! the bytes of the token (or its lowercase / titlecase form, folded char by char) and probes a
//! map keyed by that hash. A hash collision between two words costs a wrong feature for one of
//! them, which is rare enough (64-bit hashes) to ignore.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::tokenize::tokenize;

/// FNV-1a offset basis: the start of every string hash.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Hashes bytes (FNV-1a, then a final mix so that the low bits are usable as a table index).
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = FNV_OFFSET;
    for &b in bytes {
        h = (h ^ b as u64).wrapping_mul(FNV_PRIME);
    }
    finish(h)
}

/// Hashes `s` as if lowercased, without allocating.
pub fn hash_lower(s: &str) -> u64 {
    hash_cased(s, false)
}

/// Hashes `s` as if written with a capital first letter and the rest lowercase (`RUSSIA` →
/// `Russia`), without allocating.
pub fn hash_title(s: &str) -> u64 {
    hash_cased(s, true)
}

fn hash_cased(s: &str, title: bool) -> u64 {
    let mut h = FNV_OFFSET;
    let mut feed = |c: char| {
        let mut buf = [0u8; 4];
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            h = (h ^ b as u64).wrapping_mul(FNV_PRIME);
        }
    };
    for (i, c) in s.chars().enumerate() {
        if c.is_ascii() {
            feed(if title && i == 0 {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            });
        } else if title && i == 0 {
            c.to_uppercase().for_each(&mut feed);
        } else {
            c.to_lowercase().for_each(&mut feed);
        }
    }
    finish(h)
}

/// Combines two hashes (order matters).
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    finish(a.rotate_left(23) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// The splitmix64 finaliser.
#[inline]
fn finish(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A hasher for keys that are already hashes: passes them through.
#[derive(Default, Clone, Copy)]
pub struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only reached for keys that are not u64/u32; fold them in anyway.
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(FNV_PRIME);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = finish(n as u64);
    }
}

/// A map keyed by hashes.
pub type HashKeyed<V> = HashMap<u64, V, BuildHasherDefault<PassThrough>>;

/// The 32-bit key a 64-bit hash is stored under in model files (never 0, which marks an empty
/// slot). Two words share a key about once in four billion lookups, which costs one wrong
/// feature; the file is half the size of one with 64-bit keys.
pub fn key32(h: u64) -> u32 {
    match (h ^ (h >> 32)) as u32 {
        0 => 1,
        k => k,
    }
}

/// An open-addressing table from 32-bit keys to small values, built once and then only read:
/// what the model's word lists and weights are loaded into. Building it from a file's sorted
/// keys is a few milliseconds for a hundred thousand entries.
#[derive(Debug, Clone, Default)]
pub struct KeyTable<V> {
    slots: Vec<u32>,
    vals: Vec<V>,
    len: usize,
}

impl<V: Copy + Default> KeyTable<V> {
    /// Builds the table; a repeated key keeps its last value.
    pub fn from_pairs(pairs: impl ExactSizeIterator<Item = (u32, V)>) -> KeyTable<V> {
        let cap = (pairs.len() * 2).next_power_of_two().max(16);
        let mut t = KeyTable {
            slots: vec![0; cap],
            vals: vec![V::default(); cap],
            len: 0,
        };
        for (key, v) in pairs {
            let key = key.max(1);
            let mut i = key as usize & (cap - 1);
            while t.slots[i] != 0 && t.slots[i] != key {
                i = (i + 1) & (cap - 1);
            }
            t.len += (t.slots[i] == 0) as usize;
            t.slots[i] = key;
            t.vals[i] = v;
        }
        t
    }

    #[inline]
    pub fn get(&self, key: u32) -> Option<V> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = key as usize & mask;
        loop {
            match self.slots[i] {
                0 => return None,
                k if k == key => return Some(self.vals[i]),
                _ => i = (i + 1) & mask,
            }
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The entries, sorted by key.
    pub fn pairs(&self) -> Vec<(u32, V)> {
        let mut out: Vec<(u32, V)> = self
            .slots
            .iter()
            .zip(&self.vals)
            .filter(|(k, _)| **k != 0)
            .map(|(k, v)| (*k, *v))
            .collect();
        out.sort_unstable_by_key(|p| p.0);
        out
    }
}

/// Appends `v` as a LEB128 varint.
pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a LEB128 varint at `*at`, advancing it.
pub fn get_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let b = *bytes.get(*at)?;
        *at += 1;
        v |= ((b & 0x7f) as u64) << shift;
        if b < 0x80 {
            return Some(v);
        }
        shift += 7;
        if shift > 63 {
            return None;
        }
    }
}

/// Writes sorted (key, value) pairs: count, then key deltas and values as varints.
fn put_pairs(out: &mut Vec<u8>, pairs: &[(u32, u64)]) {
    put_varint(out, pairs.len() as u64);
    let mut last = 0u32;
    for &(k, v) in pairs {
        put_varint(out, (k - last) as u64);
        put_varint(out, v);
        last = k;
    }
}

/// Reads what [`put_pairs`] wrote.
fn get_pairs(bytes: &[u8], at: &mut usize) -> Option<Vec<(u32, u64)>> {
    let n = get_varint(bytes, at)? as usize;
    let mut out = Vec::with_capacity(n.min(bytes.len()));
    let mut key = 0u32;
    for _ in 0..n {
        key = key.wrapping_add(get_varint(bytes, at)? as u32);
        out.push((key, get_varint(bytes, at)?));
    }
    Some(out)
}

/// Whether a token has a letter and no lowercase letter (`NATO`, `U.S.`, `AT&T`).
pub fn is_all_caps(w: &str) -> bool {
    w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
}

/// Whether a token starts with an uppercase letter.
pub fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// The most categories a gazetteer file may have.
pub const MAX_CATEGORIES: usize = 12;

/// Where a token sits in a gazetteer match: none, or Begin / Inside / Last of a longer match,
/// or Unit (a one-token match).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[repr(u8)]
pub enum GazPos {
    #[default]
    None = 0,
    B = 1,
    I = 2,
    L = 3,
    U = 4,
}

/// Name lists by category (`city`, `first_name`, ...), matched on token sequences.
///
/// Matching ignores case, but a match must begin and end on a token that does not start with a
/// lowercase letter: `New York`, `NEW YORK` and `Bosnia and Herzegovina` match, a lowercase
/// `reading` or `bath` in running text never matches the town lists.
#[derive(Debug, Default, Clone)]
pub struct Gazetteers {
    pub categories: Vec<String>,
    /// Key of the lowercase token sequence → bitmask of categories, with [`CONTINUES`] set
    /// where a longer entry starts with this sequence.
    entries: KeyTable<u16>,
    /// The longest entry, in tokens.
    max_len: usize,
}

/// The seed of token-sequence keys.
const SEQ_SEED: u64 = 0x0fed_cba9_8765_4321;

/// The words of a gazetteer entry, as the tagger's tokens see them. Most entries are plain
/// words: split on spaces; only entries with punctuation go through the tokenizer, which may
/// split them (`Co. Ltd.`, `Côte d'Ivoire`).
fn entry_words<'a>(entry: &'a str, words: &mut Vec<&'a str>) {
    words.clear();
    if entry.chars().all(|c| c.is_alphanumeric() || c == ' ') {
        words.extend(entry.split(' ').filter(|w| !w.is_empty()));
    } else {
        let toks = tokenize(entry);
        words.extend(toks.tokens.iter().map(|t| t.text(entry)));
    }
}
/// Flag in an entry's mask: some longer entry starts with these tokens, keep extending.
const CONTINUES: u16 = 1 << 15;
/// Entries longer than this (in tokens) are not matched: long official names ("Saint Helena,
/// Ascension and Tristan da Cunha") are rare in text and would slow every position down.
const MAX_ENTRY_TOKENS: usize = 6;

impl Gazetteers {
    /// Parses the gazetteer text: `@category` lines start a list, other lines are entries,
    /// `#` lines are comments.
    pub fn parse(text: &str) -> Gazetteers {
        let mut g = Gazetteers::default();
        let mut entries: HashMap<u32, u16> = HashMap::new();
        let mut current: Option<usize> = None;
        let mut words: Vec<&str> = Vec::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('@') {
                current = match g.categories.iter().position(|c| c == name) {
                    Some(i) => Some(i),
                    None if g.categories.len() < MAX_CATEGORIES => {
                        g.categories.push(name.to_string());
                        Some(g.categories.len() - 1)
                    }
                    None => None,
                };
                continue;
            }
            let Some(cat) = current else { continue };
            entry_words(line, &mut words);
            let n = words.len();
            if n == 0 || n > MAX_ENTRY_TOKENS {
                continue;
            }
            let mut key = SEQ_SEED;
            for (i, w) in words.iter().enumerate() {
                key = mix(key, hash_lower(w));
                *entries.entry(key32(key)).or_default() |= if i + 1 == n { 1 << cat } else { CONTINUES };
            }
            g.max_len = g.max_len.max(n);
        }
        let mut pairs: Vec<(u32, u16)> = entries.into_iter().collect();
        pairs.sort_unstable();
        g.entries = KeyTable::from_pairs(pairs.into_iter());
        g
    }

    /// Whether the list `category` holds the entry `name`, of one word or several (case ignored).
    pub fn lists(&self, category: &str, name: &str) -> bool {
        let Some(cat) = self.categories.iter().position(|c| c == category) else {
            return false;
        };
        let mut words = Vec::new();
        entry_words(name, &mut words);
        let key = words.iter().fold(SEQ_SEED, |key, w| mix(key, hash_lower(w)));
        let mask = self.entries.get(key32(key)).unwrap_or(0);
        mask & !CONTINUES & (1 << cat) != 0
    }

    /// The binary form stored in model files: category names, longest entry, keyed masks.
    pub fn encode(&self, out: &mut Vec<u8>) {
        let names = self.categories.join(",");
        put_varint(out, names.len() as u64);
        out.extend_from_slice(names.as_bytes());
        put_varint(out, self.max_len as u64);
        let pairs: Vec<(u32, u64)> = self.entries.pairs().into_iter().map(|(k, v)| (k, v as u64)).collect();
        put_pairs(out, &pairs);
    }

    /// Reads what [`Gazetteers::encode`] wrote.
    pub fn decode(bytes: &[u8], at: &mut usize) -> Option<Gazetteers> {
        let n = get_varint(bytes, at)? as usize;
        let names = std::str::from_utf8(bytes.get(*at..*at + n)?).ok()?;
        *at += n;
        let max_len = get_varint(bytes, at)? as usize;
        let pairs = get_pairs(bytes, at)?;
        Some(Gazetteers {
            categories: names.split(',').filter(|c| !c.is_empty()).map(String::from).collect(),
            entries: KeyTable::from_pairs(pairs.into_iter().map(|(k, v)| (k, v as u16))),
            max_len,
        })
    }

    /// Number of keys (entries and their prefixes).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Marks, for every token and category, its position in the longest match of that category
    /// covering it. `words` are the token texts, `lower` their [`hash_lower`] hashes. Writes
    /// `out[i][category]`.
    pub fn mark(&self, words: &[&str], lower: &[u64], out: &mut [[GazPos; MAX_CATEGORIES]]) {
        let n = words.len();
        let mut best_len = vec![[0u8; MAX_CATEGORIES]; n];
        let edge_ok = |w: &str| w.chars().next().is_some_and(|c| !c.is_lowercase());
        for start in 0..n {
            if !edge_ok(words[start]) {
                continue;
            }
            let mut key = SEQ_SEED;
            for len in 1..=self.max_len.min(n - start) {
                let k = start + len - 1;
                key = mix(key, lower[k]);
                let Some(found) = self.entries.get(key32(key)) else {
                    break;
                };
                let mask = found & !CONTINUES;
                if mask != 0 && edge_ok(words[k]) {
                    self.mark_match(start, len, mask, &mut best_len, out);
                }
                if found & CONTINUES == 0 {
                    break;
                }
            }
        }
    }

    /// Records a match of `len` tokens from `start` in the categories of `mask`, where it is
    /// longer than what each token already has.
    fn mark_match(
        &self,
        start: usize,
        len: usize,
        mask: u16,
        best_len: &mut [[u8; MAX_CATEGORIES]],
        out: &mut [[GazPos; MAX_CATEGORIES]],
    ) {
        for cat in (0..self.categories.len()).filter(|c| mask & (1 << c) != 0) {
            for j in 0..len {
                let t = start + j;
                if (best_len[t][cat] as usize) < len {
                    best_len[t][cat] = len as u8;
                    out[t][cat] = match (len, j) {
                        (1, _) => GazPos::U,
                        (_, 0) => GazPos::B,
                        (_, j) if j + 1 == len => GazPos::L,
                        _ => GazPos::I,
                    };
                }
            }
        }
    }
}

/// A word's Brown-cluster path: up to 64 bits, most significant first, and its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClusterPath {
    pub bits: u64,
    pub len: u8,
}

impl ClusterPath {
    /// The first `n` bits of the path (all of it if shorter), as a hashable value that keeps
    /// the prefix length.
    pub fn prefix(self, n: u8) -> u64 {
        let n = n.min(self.len);
        let bits = if n == 0 { 0 } else { self.bits >> (64 - n as u32) };
        (bits << 8) | n as u64
    }

    /// Parses a `0110…` string.
    pub fn parse(s: &str) -> Option<ClusterPath> {
        if s.is_empty() || s.len() > 64 || !s.bytes().all(|b| b == b'0' || b == b'1') {
            return None;
        }
        let mut bits = 0u64;
        for (i, b) in s.bytes().enumerate() {
            if b == b'1' {
                bits |= 1 << (63 - i);
            }
        }
        Some(ClusterPath {
            bits,
            len: s.len() as u8,
        })
    }

    pub fn to_bit_string(self) -> String {
        (0..self.len)
            .map(|i| if self.bits >> (63 - i) & 1 == 1 { '1' } else { '0' })
            .collect()
    }
}

/// What the unlabeled newswire says about a word.
#[derive(Debug, Default, Clone)]
pub struct WordStats {
    /// Key of the exact word form → index into `paths`.
    clusters: KeyTable<u16>,
    paths: Vec<ClusterPath>,
    /// Key of the lowercase form → capitalisation bucket × 16 + frequency bucket, see
    /// [`CAP_BUCKETS`].
    lower: KeyTable<u8>,
}

/// Capitalisation buckets: the share of a word's occurrences away from the start of a sentence
/// that are capitalised. 0 = always lowercase … 4 = always capitalised; 5 = not seen.
pub const CAP_BUCKETS: u8 = 5;

impl WordStats {
    /// Parses the two text forms the trainer makes: cluster lines `bits<TAB>word word…` and
    /// statistics lines `cap<TAB>freq<TAB>word word…` (lowercase words).
    pub fn parse(clusters: &str, stats: &str) -> WordStats {
        let mut paths = Vec::new();
        let mut by_word: HashMap<u32, u16> = HashMap::new();
        for line in clusters.lines() {
            let Some((bits, words)) = line.split_once('\t') else {
                continue;
            };
            let Some(path) = ClusterPath::parse(bits) else { continue };
            let id = paths.len() as u16;
            paths.push(path);
            for w in words.split(' ').filter(|w| !w.is_empty()) {
                by_word.insert(key32(hash_bytes(w.as_bytes())), id);
            }
        }
        let mut lower: HashMap<u32, u8> = HashMap::new();
        for line in stats.lines() {
            let mut parts = line.splitn(3, '\t');
            let (Some(cap), Some(freq), Some(words)) = (parts.next(), parts.next(), parts.next()) else {
                continue;
            };
            let (Ok(cap), Ok(freq)) = (cap.parse::<u8>(), freq.parse::<u8>()) else {
                continue;
            };
            for w in words.split(' ').filter(|w| !w.is_empty()) {
                lower.insert(
                    key32(hash_bytes(w.as_bytes())),
                    cap.min(CAP_BUCKETS - 1) << 4 | freq.min(15),
                );
            }
        }
        let mut by_word: Vec<(u32, u16)> = by_word.into_iter().collect();
        by_word.sort_unstable();
        let mut lower: Vec<(u32, u8)> = lower.into_iter().collect();
        lower.sort_unstable();
        WordStats {
            clusters: KeyTable::from_pairs(by_word.into_iter()),
            paths,
            lower: KeyTable::from_pairs(lower.into_iter()),
        }
    }

    /// The binary form stored in model files: the paths, then keyed path indexes and buckets.
    pub fn encode(&self, out: &mut Vec<u8>) {
        put_varint(out, self.paths.len() as u64);
        for p in &self.paths {
            out.push(p.len);
            put_varint(out, if p.len == 0 { 0 } else { p.bits >> (64 - p.len as u32) });
        }
        let clusters: Vec<(u32, u64)> = self.clusters.pairs().into_iter().map(|(k, v)| (k, v as u64)).collect();
        put_pairs(out, &clusters);
        let lower: Vec<(u32, u64)> = self.lower.pairs().into_iter().map(|(k, v)| (k, v as u64)).collect();
        put_pairs(out, &lower);
    }

    /// Reads what [`WordStats::encode`] wrote.
    pub fn decode(bytes: &[u8], at: &mut usize) -> Option<WordStats> {
        let n = get_varint(bytes, at)? as usize;
        let mut paths = Vec::with_capacity(n.min(bytes.len()));
        for _ in 0..n {
            let len = *bytes.get(*at)?;
            *at += 1;
            let v = get_varint(bytes, at)?;
            if len > 64 {
                return None;
            }
            let bits = if len == 0 { 0 } else { v << (64 - len as u32) };
            paths.push(ClusterPath { bits, len });
        }
        let clusters = get_pairs(bytes, at)?;
        if clusters.iter().any(|&(_, v)| v as usize >= paths.len()) {
            return None;
        }
        let lower = get_pairs(bytes, at)?;
        Some(WordStats {
            clusters: KeyTable::from_pairs(clusters.into_iter().map(|(k, v)| (k, v as u16))),
            paths,
            lower: KeyTable::from_pairs(lower.into_iter().map(|(k, v)| (k, v as u8))),
        })
    }

    fn path_of(&self, key: u64) -> Option<ClusterPath> {
        self.clusters.get(key32(key)).map(|i| self.paths[i as usize])
    }

    /// The cluster of a word: its exact form, else (for capitals) its titlecase form, else its
    /// lowercase form (`RUSSIA` → `Russia`, `Talks` at a sentence start → `talks`).
    pub fn cluster(&self, w: &str, exact: u64, lower: u64) -> Option<ClusterPath> {
        if let Some(p) = self.path_of(exact) {
            return Some(p);
        }
        if w.chars().count() > 1 && is_all_caps(w) {
            if let Some(p) = self.path_of(hash_title(w)) {
                return Some(p);
            }
        }
        self.path_of(lower)
    }

    /// Capitalisation and frequency buckets of a word's lowercase form; (CAP_BUCKETS, 0) if
    /// unseen.
    pub fn stats(&self, lower: u64) -> (u8, u8) {
        self.lower
            .get(key32(lower))
            .map_or((CAP_BUCKETS, 0), |v| (v >> 4, v & 15))
    }

    pub fn cluster_count(&self) -> usize {
        self.clusters.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_folded_hashes_agree() {
        assert_eq!(hash_lower("RUSSIA"), hash_bytes(b"russia"));
        assert_eq!(hash_title("RUSSIA"), hash_bytes(b"Russia"));
        assert_eq!(hash_lower("ÉCOLE"), hash_bytes("école".as_bytes()));
        assert_ne!(hash_bytes(b"US"), hash_bytes(b"us"));
        assert_ne!(mix(1, 2), mix(2, 1));
    }

    fn marks(g: &Gazetteers, text: &str) -> Vec<(String, Vec<GazPos>)> {
        let toks = tokenize(text);
        let words: Vec<&str> = toks.tokens.iter().map(|t| t.text(text)).collect();
        let lower: Vec<u64> = words.iter().map(|w| hash_lower(w)).collect();
        let mut out = vec![[GazPos::None; MAX_CATEGORIES]; words.len()];
        g.mark(&words, &lower, &mut out);
        words
            .iter()
            .zip(out)
            .map(|(w, o)| (w.to_string(), o[..g.categories.len()].to_vec()))
            .collect()
    }

    #[test]
    fn gazetteer_matches_longest_in_case() {
        let g = Gazetteers::parse("# test\n@city\nNew York\nYork\nReading\n@country\nBosnia and Herzegovina\n");
        assert_eq!(g.categories, ["city", "country"]);
        let m = marks(&g, "From New York to Bosnia and Herzegovina, reading");
        use GazPos::*;
        assert_eq!(m[1].1, [B, None]);
        assert_eq!(m[2].1, [L, None]);
        assert_eq!(m[4].1, [None, B]);
        assert_eq!(m[5].1, [None, I]);
        assert_eq!(m[6].1, [None, L]);
        assert_eq!(m[8].1, [None, None], "lowercase `reading` is not the town");
        let caps = marks(&g, "NEW YORK TALKS");
        assert_eq!(caps[0].1, [B, None]);
        assert_eq!(caps[1].1, [L, None]);
        assert_eq!(marks(&g, "new york")[0].1, [None, None]);
        assert_eq!(marks(&g, "New")[0].1, [None, None], "a prefix alone is no match");
    }

    #[test]
    fn cluster_paths_and_fallbacks() {
        let ws = WordStats::parse("0110\tRussia Moscow\n111\tthe\n", "4\t6\trussia\n0\t9\tthe\n");
        let look = |w: &str| ws.cluster(w, hash_bytes(w.as_bytes()), hash_lower(w));
        let p = look("Russia").unwrap();
        assert_eq!(p.to_bit_string(), "0110");
        assert_eq!(look("RUSSIA"), Some(p));
        assert_eq!(look("The").unwrap().to_bit_string(), "111");
        assert_eq!(look("Oz"), None);
        assert_eq!(p.prefix(2), ClusterPath::parse("01").unwrap().prefix(2));
        assert_ne!(p.prefix(2), p.prefix(4));
        assert_eq!(p.prefix(10), p.prefix(4));
        assert_eq!(ws.stats(hash_lower("RUSSIA")), (4, 6));
        assert_eq!(ws.stats(hash_lower("nowhere")), (CAP_BUCKETS, 0));
    }

    #[test]
    fn binary_forms_round_trip() {
        let g = Gazetteers::parse("@city\nNew York\nYork\n@country\nChad\n");
        let ws = WordStats::parse("0110\tRussia Moscow\n111\tthe\n", "4\t6\trussia\n0\t9\tthe\n");
        let mut bytes = vec![];
        g.encode(&mut bytes);
        ws.encode(&mut bytes);
        let mut at = 0;
        let g2 = Gazetteers::decode(&bytes, &mut at).unwrap();
        let ws2 = WordStats::decode(&bytes, &mut at).unwrap();
        assert_eq!(at, bytes.len());
        assert_eq!(marks(&g2, "to New York and Chad"), marks(&g, "to New York and Chad"));
        for w in ["Russia", "RUSSIA", "the", "Oz"] {
            let (e, l) = (hash_bytes(w.as_bytes()), hash_lower(w));
            assert_eq!(ws2.cluster(w, e, l), ws.cluster(w, e, l));
            assert_eq!(ws2.stats(l), ws.stats(l));
        }
        assert!(Gazetteers::decode(&bytes[..3], &mut 0).is_none());
    }

    #[test]
    fn key_table() {
        let t = KeyTable::from_pairs((1..300u32).map(|k| (k.wrapping_mul(2_654_435_761), k)));
        assert_eq!(t.len(), 299);
        for k in 1..300u32 {
            assert_eq!(t.get(k.wrapping_mul(2_654_435_761)), Some(k));
        }
        assert_eq!(t.get(12345), None);
        assert_eq!(KeyTable::<u8>::default().get(5), None);
        let mut b = vec![];
        for v in [0u64, 1, 127, 128, 300, 1 << 40] {
            put_varint(&mut b, v);
        }
        let mut at = 0;
        for v in [0u64, 1, 127, 128, 300, 1 << 40] {
            assert_eq!(get_varint(&b, &mut at), Some(v));
        }
        assert_eq!(get_varint(&[0x80], &mut 0), None);
    }
}
