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
            feed(if title && i == 0 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() });
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
/// A list entry matches text with the same tokens in the same case, or, where every token of
/// the text is in capitals (headlines, datelines), in any case. A lowercase `reading` or `bath`
/// in running text therefore never matches the town lists.
#[derive(Debug, Default)]
pub struct Gazetteers {
    pub categories: Vec<String>,
    /// Token-sequence hash (exact case, or folded for capitals) → bitmask of categories.
    entries: HashKeyed<u16>,
    /// The longest entry, in tokens.
    max_len: usize,
}

/// Seeds that keep exact-case and case-folded sequence keys apart.
const SEQ_EXACT: u64 = 0x1234_5678_9abc_def1;
const SEQ_FOLDED: u64 = 0x0fed_cba9_8765_4321;
/// Entries longer than this (in tokens) are not matched: long official names ("Saint Helena,
/// Ascension and Tristan da Cunha") are rare in text and would slow every position down.
const MAX_ENTRY_TOKENS: usize = 6;

impl Gazetteers {
    /// Parses the gazetteer text: `@category` lines start a list, other lines are entries,
    /// `#` lines are comments.
    pub fn parse(text: &str) -> Gazetteers {
        let mut g = Gazetteers::default();
        let mut current: Option<usize> = None;
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
            let toks = tokenize(line);
            let n = toks.tokens.len();
            if n == 0 || n > MAX_ENTRY_TOKENS {
                continue;
            }
            let (mut exact, mut folded) = (SEQ_EXACT, SEQ_FOLDED);
            for t in &toks.tokens {
                let w = t.text(line);
                exact = mix(exact, hash_bytes(w.as_bytes()));
                folded = mix(folded, hash_lower(w));
            }
            *g.entries.entry(exact).or_default() |= 1 << cat;
            *g.entries.entry(folded).or_default() |= 1 << cat;
            g.max_len = g.max_len.max(n);
        }
        g
    }

    /// Number of entries keys (two per list entry).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Marks, for every token and category, its position in the longest match of that category
    /// covering it. `words` are the token texts, `exact`/`lower` their hashes (as
    /// [`hash_bytes`] and [`hash_lower`]). Writes `out[i][category]`.
    pub fn mark(&self, words: &[&str], exact: &[u64], lower: &[u64], out: &mut [[GazPos; MAX_CATEGORIES]]) {
        let n = words.len();
        let mut best_len = vec![[0u8; MAX_CATEGORIES]; n];
        for start in 0..n {
            let (mut he, mut hf) = (SEQ_EXACT, SEQ_FOLDED);
            let mut all_caps = true;
            for len in 1..=self.max_len.min(n - start) {
                let k = start + len - 1;
                he = mix(he, exact[k]);
                hf = mix(hf, lower[k]);
                all_caps &= !words[k].chars().any(char::is_lowercase);
                let mut mask = self.entries.get(&he).copied().unwrap_or(0);
                if all_caps {
                    mask |= self.entries.get(&hf).copied().unwrap_or(0);
                }
                // A match must start and end on a capitalised or capitals-only token.
                let edges_ok = |w: &str| w.chars().next().is_some_and(|c| !c.is_lowercase());
                if mask == 0 || !edges_ok(words[start]) || !edges_ok(words[k]) {
                    continue;
                }
                for cat in 0..self.categories.len() {
                    if mask & (1 << cat) == 0 {
                        continue;
                    }
                    for (j, t) in (start..=k).enumerate() {
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
        Some(ClusterPath { bits, len: s.len() as u8 })
    }

    pub fn to_bit_string(self) -> String {
        (0..self.len).map(|i| if self.bits >> (63 - i) & 1 == 1 { '1' } else { '0' }).collect()
    }
}

/// What the unlabeled newswire says about a word.
#[derive(Debug, Default)]
pub struct WordStats {
    /// Exact word form → cluster path.
    clusters: HashKeyed<ClusterPath>,
    /// Lowercase form → (capitalisation bucket, frequency bucket), see [`CAP_BUCKETS`].
    lower: HashKeyed<(u8, u8)>,
}

/// Capitalisation buckets: the share of a word's occurrences away from the start of a sentence
/// that are capitalised. 0 = always lowercase … 4 = always capitalised; 5 = not seen.
pub const CAP_BUCKETS: u8 = 5;

impl WordStats {
    /// Parses the two text sections the trainer writes: cluster lines `bits<TAB>word word…`
    /// and statistics lines `cap<TAB>freq<TAB>word word…` (lowercase words).
    pub fn parse(clusters: &str, stats: &str) -> WordStats {
        let mut ws = WordStats::default();
        for line in clusters.lines() {
            let Some((bits, words)) = line.split_once('\t') else { continue };
            let Some(path) = ClusterPath::parse(bits) else { continue };
            for w in words.split(' ').filter(|w| !w.is_empty()) {
                ws.clusters.insert(hash_bytes(w.as_bytes()), path);
            }
        }
        for line in stats.lines() {
            let mut parts = line.splitn(3, '\t');
            let (Some(cap), Some(freq), Some(words)) = (parts.next(), parts.next(), parts.next()) else {
                continue;
            };
            let (Ok(cap), Ok(freq)) = (cap.parse::<u8>(), freq.parse::<u8>()) else { continue };
            for w in words.split(' ').filter(|w| !w.is_empty()) {
                ws.lower.insert(hash_bytes(w.as_bytes()), (cap.min(CAP_BUCKETS - 1), freq));
            }
        }
        ws
    }

    /// The cluster of a word: its exact form, else (for capitals) its titlecase form, else its
    /// lowercase form (`RUSSIA` → `Russia`, `Talks` at a sentence start → `talks`).
    pub fn cluster(&self, w: &str, exact: u64, lower: u64) -> Option<ClusterPath> {
        if let Some(&p) = self.clusters.get(&exact) {
            return Some(p);
        }
        if w.chars().count() > 1 && is_all_caps(w) {
            if let Some(&p) = self.clusters.get(&hash_title(w)) {
                return Some(p);
            }
        }
        self.clusters.get(&lower).copied()
    }

    /// Capitalisation and frequency buckets of a word's lowercase form; (CAP_BUCKETS, 0) if
    /// unseen.
    pub fn stats(&self, lower: u64) -> (u8, u8) {
        self.lower.get(&lower).copied().unwrap_or((CAP_BUCKETS, 0))
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
        let exact: Vec<u64> = words.iter().map(|w| hash_bytes(w.as_bytes())).collect();
        let lower: Vec<u64> = words.iter().map(|w| hash_lower(w)).collect();
        let mut out = vec![[GazPos::None; MAX_CATEGORIES]; words.len()];
        g.mark(&words, &exact, &lower, &mut out);
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
}
