//! Brown clustering: word classes from unlabeled text, as bit-string paths in a binary tree.
//!
//! In: sentences (token strings). Out: for every word seen at least `min_count` times, the path
//! of its class in the merge tree (`0110…`): words with a long common prefix are used alike, so
//! prefixes of 4 to 20 bits make features at several grains (Brown et al. 1992, "Class-based
//! n-gram models of natural language").
//!
//! The algorithm is Liang's windowed version (Liang 2005, "Semi-supervised learning for natural
//! language", §3.2): the `classes` most frequent words start in their own classes; each further
//! word, in order of frequency, gets a class of its own and then the two classes whose merge
//! loses the least mutual information between adjacent classes are merged, so there are always
//! `classes` of them. At the end the classes are merged down to one, which builds the tree.
//! The merge loss of every pair is kept in a table and updated in O(1) per pair after each
//! merge, so a step costs O(classes²). Deterministic: ties go to the lowest slot numbers.
//!
//! What it does not do: run at tagging time. Only `presslens-train` uses it.

use std::collections::HashMap;

/// Counts below this are `n ln n` from a table; above, computed.
const TABLE: usize = 1 << 16;

struct NLogN(Vec<f64>);

impl NLogN {
    fn new() -> NLogN {
        NLogN(
            (0..TABLE)
                .map(|n| if n == 0 { 0.0 } else { n as f64 * (n as f64).ln() })
                .collect(),
        )
    }

    #[inline]
    fn f(&self, n: u64) -> f64 {
        if (n as usize) < TABLE {
            self.0[n as usize]
        } else {
            n as f64 * (n as f64).ln()
        }
    }
}

/// The clustering state over `slots` (= classes + 1) class slots.
struct State {
    s: usize,
    /// Directed bigram counts between slots, `n[a * s + b]` = how often a is followed by b.
    n: Vec<u64>,
    /// The same, transposed (`nt[b * s + a]`), so that counts into a slot are a row too.
    nt: Vec<u64>,
    /// Unigram counts and their logs.
    n1: Vec<u64>,
    ln1: Vec<f64>,
    /// `ln(n1[a] + n1[b])`, for the merge of a and b.
    lnsum: Vec<f64>,
    /// `wtot[u]` = Σ w(u, x) over the other active slots x.
    wtot: Vec<f64>,
    active: Vec<bool>,
    f: NLogN,
}

/// A slot's counts towards every slot, taken before they change.
struct Snapshot {
    to: Vec<u64>,
    from: Vec<u64>,
    ln1: f64,
    w: Vec<f64>,
}

impl State {
    #[inline]
    fn cnt(&self, a: usize, b: usize) -> u64 {
        self.n[a * self.s + b]
    }

    /// q(a→b) with the given count and class logs: the pair's share of mutual information
    /// (times the corpus size, up to a constant).
    #[inline]
    fn q(&self, n: u64, la: f64, lb: f64) -> f64 {
        if n == 0 {
            0.0
        } else {
            self.f.f(n) - n as f64 * (la + lb)
        }
    }

    /// w(u, x) for two different slots.
    #[inline]
    fn w(&self, u: usize, x: usize) -> f64 {
        self.q(self.cnt(u, x), self.ln1[u], self.ln1[x]) + self.q(self.cnt(x, u), self.ln1[x], self.ln1[u])
    }

    /// w(s ∪ t, x), with the counts of s ∪ t to and from x given, and x's log count.
    #[inline]
    fn w_merged(&self, sx: u64, xs: u64, l_st: f64, lx: f64) -> f64 {
        self.q(sx, l_st, lx) + self.q(xs, lx, l_st)
    }

    /// The merge gain of s and t, from scratch (O(slots), using `wtot`).
    fn full_delta(&self, s: usize, t: usize) -> f64 {
        let l_st = self.lnsum[s * self.s + t];
        let (rs, rt) = (&self.n[s * self.s..][..self.s], &self.n[t * self.s..][..self.s]);
        let (cs, ct) = (&self.nt[s * self.s..][..self.s], &self.nt[t * self.s..][..self.s]);
        let mut d = 0.0;
        for x in 0..self.s {
            if !self.active[x] || x == s || x == t {
                continue;
            }
            let sx = rs[x] + rt[x];
            let xs = cs[x] + ct[x];
            if sx + xs > 0 {
                d += self.w_merged(sx, xs, l_st, self.ln1[x]);
            }
        }
        let self_count = self.cnt(s, s) + self.cnt(s, t) + self.cnt(t, s) + self.cnt(t, t);
        d += self.q(self_count, l_st, l_st);
        d -= self.q(self.cnt(s, s), self.ln1[s], self.ln1[s]);
        d -= self.q(self.cnt(t, t), self.ln1[t], self.ln1[t]);
        d - self.wtot[s] - self.wtot[t] + self.w(s, t)
    }

    fn set_unigram(&mut self, a: usize, count: u64) {
        self.n1[a] = count;
        self.ln1[a] = (count.max(1) as f64).ln();
        for x in 0..self.s {
            let v = ((self.n1[a] + self.n1[x]).max(1) as f64).ln();
            self.lnsum[a * self.s + x] = v;
            self.lnsum[x * self.s + a] = v;
        }
    }

    fn snapshot(&self, z: usize) -> Snapshot {
        Snapshot {
            to: self.n[z * self.s..][..self.s].to_vec(),
            from: self.nt[z * self.s..][..self.s].to_vec(),
            ln1: self.ln1[z],
            w: (0..self.s)
                .map(|x| if self.active[x] && x != z { self.w(x, z) } else { 0.0 })
                .collect(),
        }
    }

    /// The change in gain of pair (s, t) from slot z's terms as in `snap`: w(st, z) − w(s, z) − w(t, z).
    #[inline]
    fn z_terms(&self, snap: &Snapshot, s: usize, t: usize) -> f64 {
        let l_st = self.lnsum[s * self.s + t];
        let merged = self.w_merged(snap.to[s] + snap.to[t], snap.from[s] + snap.from[t], l_st, snap.ln1);
        merged - snap.w[s] - snap.w[t]
    }

    /// Recomputes the gains of every pair with `a` (in parallel: it is the costliest step).
    fn refresh(&self, a: usize, delta: &mut [f64]) {
        let others: Vec<usize> = (0..self.s).filter(|&x| self.active[x] && x != a).collect();
        let half = others.len() / 2;
        let (lo, hi) = others.split_at(half);
        let compute = |xs: &[usize]| -> Vec<f64> { xs.iter().map(|&x| self.full_delta(a.min(x), a.max(x))).collect() };
        let (v_lo, v_hi) = std::thread::scope(|sc| {
            let h = sc.spawn(|| compute(hi));
            (compute(lo), h.join().expect("refresh thread"))
        });
        for (&x, v) in others.iter().zip(v_lo.into_iter().chain(v_hi)) {
            delta[a.min(x) * self.s + a.max(x)] = v;
        }
    }

    /// Adds `f(s, t)` to the gain of every active pair s < t outside `skip`, rows split over
    /// two threads.
    fn adjust_pairs(&self, delta: &mut [f64], skip: &[usize], f: impl Fn(usize, usize) -> f64 + Sync) {
        let s_n = self.s;
        // Rows hold s_n - s - 1 pairs; split where the pair counts balance.
        let split = ((s_n as f64) * (1.0 - std::f64::consts::FRAC_1_SQRT_2)) as usize;
        let (top, bottom) = delta.split_at_mut(split * s_n);
        let run = |rows: &mut [f64], first: usize| {
            for (r, row) in rows.chunks_mut(s_n).enumerate() {
                let s = first + r;
                if !self.active[s] || skip.contains(&s) {
                    continue;
                }
                for t in s + 1..s_n {
                    if self.active[t] && !skip.contains(&t) {
                        row[t] += f(s, t);
                    }
                }
            }
        };
        std::thread::scope(|sc| {
            sc.spawn(|| run(bottom, split));
            run(top, 0);
        });
    }

    /// Places slot z's counts (already in `n`) among the others: updates `wtot` and the gains.
    fn add_slot(&mut self, z: usize, delta: &mut [f64]) {
        self.active[z] = true;
        let snap = self.snapshot(z);
        for x in 0..self.s {
            if self.active[x] && x != z {
                self.wtot[x] += snap.w[x];
            }
        }
        self.wtot[z] = snap.w.iter().sum();
        self.adjust_pairs(delta, &[z], |s, t| self.z_terms(&snap, s, t));
        self.refresh(z, delta);
    }

    fn best_pair(&self, delta: &[f64]) -> Option<(usize, usize)> {
        let mut best = f64::NEG_INFINITY;
        let mut arg = None;
        for a in 0..self.s {
            if !self.active[a] {
                continue;
            }
            for b in a + 1..self.s {
                if self.active[b] && delta[a * self.s + b] > best {
                    best = delta[a * self.s + b];
                    arg = Some((a, b));
                }
            }
        }
        arg
    }

    /// Merges slot b into slot a, keeping every other pair's gain up to date.
    fn merge(&mut self, a: usize, b: usize, delta: &mut [f64]) {
        let (old_a, old_b) = (self.snapshot(a), self.snapshot(b));
        let s_n = self.s;
        let self_count = self.cnt(a, a) + self.cnt(a, b) + self.cnt(b, a) + self.cnt(b, b);
        for x in 0..s_n {
            if x == a || x == b {
                continue;
            }
            self.n[a * s_n + x] += self.n[b * s_n + x];
            self.n[x * s_n + a] += self.n[x * s_n + b];
            self.nt[x * s_n + a] = self.n[a * s_n + x];
            self.nt[a * s_n + x] = self.n[x * s_n + a];
        }
        self.n[a * s_n + a] = self_count;
        self.nt[a * s_n + a] = self_count;
        for x in 0..s_n {
            self.n[b * s_n + x] = 0;
            self.n[x * s_n + b] = 0;
            self.nt[b * s_n + x] = 0;
            self.nt[x * s_n + b] = 0;
        }
        self.active[b] = false;
        let count = self.n1[a] + self.n1[b];
        self.set_unigram(a, count);
        self.set_unigram(b, 0);
        let new_a = self.snapshot(a);
        for x in 0..s_n {
            if self.active[x] && x != a {
                self.wtot[x] += new_a.w[x] - old_a.w[x] - old_b.w[x];
            }
        }
        self.wtot[a] = new_a.w.iter().sum();
        self.wtot[b] = 0.0;
        // Every other pair: the terms of a and b go, those of the merged a come.
        self.adjust_pairs(delta, &[a, b], |s, t| {
            self.z_terms(&new_a, s, t) - self.z_terms(&old_a, s, t) - self.z_terms(&old_b, s, t)
        });
        self.refresh(a, delta);
    }
}

/// Clusters the words of `sentences`. Returns (word, path) for every word seen at least
/// `min_count` times, in order of frequency.
pub fn cluster(
    sentences: &[Vec<String>],
    classes: usize,
    min_count: u64,
    mut progress: impl FnMut(usize, usize),
) -> Vec<(String, String)> {
    // Vocabulary by frequency, ties by word.
    let mut counts: HashMap<&str, u64> = HashMap::new();
    for s in sentences {
        for w in s {
            *counts.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut vocab: Vec<(&str, u64)> = counts.into_iter().filter(|&(_, c)| c >= min_count).collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let id: HashMap<&str, u32> = vocab.iter().enumerate().map(|(i, (w, _))| (*w, i as u32)).collect();
    let v = vocab.len();
    let classes = classes.min(v).max(1);

    // Each word's neighbours (directed bigram counts), by word id.
    let mut right: Vec<HashMap<u32, u64>> = vec![HashMap::new(); v];
    for s in sentences {
        for pair in s.windows(2) {
            if let (Some(&a), Some(&b)) = (id.get(pair[0].as_str()), id.get(pair[1].as_str())) {
                *right[a as usize].entry(b).or_default() += 1;
            }
        }
    }
    let mut left: Vec<Vec<(u32, u64)>> = vec![Vec::new(); v];
    let mut right_sorted: Vec<Vec<(u32, u64)>> = Vec::with_capacity(v);
    for (a, m) in right.into_iter().enumerate() {
        let mut r: Vec<(u32, u64)> = m.into_iter().collect();
        r.sort_unstable();
        for &(b, c) in &r {
            left[b as usize].push((a as u32, c));
        }
        right_sorted.push(r);
    }

    let s_n = classes + 1;
    let mut st = State {
        s: s_n,
        n: vec![0; s_n * s_n],
        nt: vec![0; s_n * s_n],
        n1: vec![0; s_n],
        ln1: vec![0.0; s_n],
        lnsum: vec![0.0; s_n * s_n],
        wtot: vec![0.0; s_n],
        active: vec![false; s_n],
        f: NLogN::new(),
    };
    let mut delta = vec![0.0; s_n * s_n];
    let mut slot_of: Vec<Option<u32>> = vec![None; v];
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); s_n];

    // Puts word `w` into the free slot `z`: its counts with the words already placed.
    let place = |st: &mut State, slot_of: &mut Vec<Option<u32>>, members: &mut Vec<Vec<u32>>, w: usize, z: usize| {
        slot_of[w] = Some(z as u32);
        members[z] = vec![w as u32];
        for &(b, c) in &right_sorted[w] {
            if let Some(sb) = slot_of[b as usize] {
                st.n[z * s_n + sb as usize] += c;
                st.nt[sb as usize * s_n + z] += c;
            }
        }
        for &(a, c) in &left[w] {
            if a as usize == w {
                continue; // the self pair was counted above
            }
            if let Some(sa) = slot_of[a as usize] {
                st.n[sa as usize * s_n + z] += c;
                st.nt[z * s_n + sa as usize] += c;
            }
        }
        st.set_unigram(z, vocab[w].1);
    };

    for w in 0..classes {
        place(&mut st, &mut slot_of, &mut members, w, w);
        st.add_slot(w, &mut delta);
    }
    let mut free = classes;
    for w in classes..v {
        place(&mut st, &mut slot_of, &mut members, w, free);
        st.add_slot(free, &mut delta);
        let (a, b) = st.best_pair(&delta).expect("two classes at least");
        let moved = std::mem::take(&mut members[b]);
        for &m in &moved {
            slot_of[m as usize] = Some(a as u32);
        }
        members[a].extend(moved);
        st.merge(a, b, &mut delta);
        free = b;
        if w % 500 == 0 {
            progress(w, v);
        }
    }

    // The final classes are the leaves of the tree; merge them down to one.
    let mut node_of_slot: Vec<usize> = vec![usize::MAX; s_n];
    let mut parent: Vec<(usize, u8)> = Vec::new(); // node → (parent node, bit)
    let mut leaf_of_slot = vec![usize::MAX; s_n];
    for a in 0..s_n {
        if st.active[a] {
            node_of_slot[a] = parent.len();
            leaf_of_slot[a] = parent.len();
            parent.push((usize::MAX, 0));
        }
    }
    while let Some((a, b)) = st.best_pair(&delta) {
        let node = parent.len();
        parent.push((usize::MAX, 0));
        parent[node_of_slot[a]] = (node, 0);
        parent[node_of_slot[b]] = (node, 1);
        node_of_slot[a] = node;
        st.merge(a, b, &mut delta);
    }
    let path = |mut node: usize| {
        let mut bits = Vec::new();
        while parent[node].0 != usize::MAX {
            bits.push(if parent[node].1 == 0 { '0' } else { '1' });
            node = parent[node].0;
        }
        bits.iter().rev().take(64).collect::<String>()
    };
    let mut out = Vec::with_capacity(v);
    for (w, (word, _)) in vocab.iter().enumerate() {
        let slot = slot_of[w].map(|s| s as usize).unwrap_or(0);
        let p = path(leaf_of_slot[slot]);
        out.push((word.to_string(), if p.is_empty() { "0".to_string() } else { p }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<Vec<String>> {
        text.lines().map(|l| l.split(' ').map(String::from).collect()).collect()
    }

    #[test]
    fn words_used_alike_share_classes() {
        // Cities follow "in", people follow "said"; each group should end up together.
        let mut text = String::new();
        for (i, city) in ["Paris", "Rome", "Oslo", "Lima"].iter().enumerate() {
            for (j, person) in ["Smith", "Jones", "Brown", "Lee"].iter().enumerate() {
                if (i + j) % 2 == 0 {
                    text += &format!("talks in {city} ended , said {person} .\n");
                    text += &format!("he was in {city} , {person} said .\n");
                }
            }
        }
        let out = cluster(&sents(text.trim_end()), 4, 1, |_, _| {});
        let path: HashMap<String, String> = out.into_iter().collect();
        let top = |w: &str| path[w][..2.min(path[w].len())].to_string();
        assert_eq!(top("Paris"), top("Rome"));
        assert_eq!(top("Oslo"), top("Lima"));
        assert_eq!(top("Smith"), top("Jones"));
        assert_ne!(path["Paris"], path["Smith"]);
        // Paths are proper bit strings and every word got one.
        assert!(path
            .values()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b == b'0' || b == b'1')));
        assert_eq!(path.len(), 16);
    }

    #[test]
    fn incremental_gains_match_recomputed_ones() {
        // After a merge, every stored gain must equal the one recomputed from scratch.
        let s_n = 4;
        let mut st = State {
            s: s_n,
            n: vec![0; 16],
            nt: vec![0; 16],
            n1: vec![0; 4],
            ln1: vec![0.0; 4],
            lnsum: vec![0.0; 16],
            wtot: vec![0.0; 4],
            active: vec![false; 4],
            f: NLogN::new(),
        };
        let mut delta = vec![0.0; 16];
        let counts = [[3, 1, 0, 2], [0, 2, 4, 1], [1, 0, 1, 3], [2, 2, 1, 0]];
        for a in 0..4 {
            for b in 0..4 {
                st.n[a * 4 + b] = counts[a][b];
                st.nt[b * 4 + a] = counts[a][b];
            }
        }
        let check = |st: &State, delta: &[f64]| {
            for a in 0..4 {
                for b in a + 1..4 {
                    if st.active[a] && st.active[b] {
                        assert!((delta[a * 4 + b] - st.full_delta(a, b)).abs() < 1e-9, "{a} {b}");
                    }
                }
            }
        };
        // Slots come in one by one (only counts among active slots matter to the gains).
        for a in 0..4 {
            st.set_unigram(a, counts[a].iter().sum::<u64>() + 1);
            st.add_slot(a, &mut delta);
            check(&st, &delta);
        }
        st.merge(0, 2, &mut delta);
        check(&st, &delta);
        st.merge(1, 3, &mut delta);
        check(&st, &delta);
    }
}
