//! Gradient-boosted regression trees for a logistic loss, written small and deterministic.
//!
//! Each feature is cut into at most [`MAX_BINS`] bins at its training quantiles; a tree grows
//! depth-first to `max_depth`, choosing at each node the (feature, bin edge) split with the best
//! second-order gain (XGBoost's formula with an L2 penalty `lambda`), from per-bin gradient and
//! hessian histograms. No sampling: the same data give the same trees, byte for byte.

use presslens::clean::model::{Forest, Node, Tree};

/// Bins per feature: enough for the shapes of counts and shares, few enough for u8 indexes.
const MAX_BINS: usize = 64;

#[derive(Debug, Clone, Copy)]
pub struct Params {
    pub trees: usize,
    pub max_depth: usize,
    pub learning_rate: f32,
    /// L2 penalty on leaf values.
    pub lambda: f64,
    /// A child needs at least this hessian mass (about this many confident rows' worth).
    pub min_child_hessian: f64,
    /// Train stage 2 at all (without it, stage 1 decides alone).
    pub stage2: bool,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            trees: 100,
            max_depth: 3,
            learning_rate: 0.1,
            lambda: 1.0,
            min_child_hessian: 1.0,
            stage2: true,
        }
    }
}

/// Per-feature bin edges: value `x` is in bin `b` when `edges[b-1] < x <= edges[b]`.
struct Bins {
    edges: Vec<Vec<f32>>,
}

impl Bins {
    fn new(rows: &[Vec<f32>], width: usize) -> Bins {
        let mut edges = Vec::with_capacity(width);
        for f in 0..width {
            let mut v: Vec<f32> = rows.iter().map(|r| r[f]).collect();
            v.sort_by(|a, b| a.total_cmp(b));
            v.dedup();
            let e: Vec<f32> = if v.len() <= MAX_BINS {
                v
            } else {
                let mut e: Vec<f32> = (1..=MAX_BINS)
                    .map(|k| v[(k * v.len() / MAX_BINS).min(v.len()) - 1])
                    .collect();
                e.dedup();
                e
            };
            edges.push(e);
        }
        Bins { edges }
    }

    fn bin(&self, f: usize, x: f32) -> u8 {
        let e = &self.edges[f];
        e.partition_point(|&edge| edge < x).min(e.len().saturating_sub(1)) as u8
    }
}

/// Fits a forest to rows `x` with labels `y` (true = article) and weights `w`.
pub fn fit(x: &[Vec<f32>], y: &[bool], w: &[f64], p: &Params) -> Forest {
    let n = x.len();
    let width = x.first().map_or(0, Vec::len);
    let bins = Bins::new(x, width);
    let binned: Vec<Vec<u8>> = x
        .iter()
        .map(|r| (0..width).map(|f| bins.bin(f, r[f])).collect())
        .collect();
    let wsum: f64 = w.iter().sum();
    let pos: f64 = y.iter().zip(w).filter(|(y, _)| **y).map(|(_, w)| w).sum();
    let prior = ((pos + 1.0) / (wsum - pos + 1.0)).ln() as f32;
    let mut score = vec![prior; n];
    let mut forest = Forest {
        base: prior,
        trees: Vec::with_capacity(p.trees),
    };
    let mut g = vec![0f64; n];
    let mut h = vec![0f64; n];
    for _ in 0..p.trees {
        for i in 0..n {
            let pr = 1.0 / (1.0 + (-score[i] as f64).exp());
            let t = if y[i] { 1.0 } else { 0.0 };
            g[i] = (pr - t) * w[i];
            h[i] = (pr * (1.0 - pr)).max(1e-6) * w[i];
        }
        let idx: Vec<u32> = (0..n as u32).collect();
        let mut nodes = Vec::new();
        grow(&binned, &bins, &g, &h, idx, 0, p, &mut nodes);
        let tree = Tree { nodes };
        for i in 0..n {
            score[i] += tree.predict(&x[i]);
        }
        forest.trees.push(tree);
    }
    forest
}

#[allow(clippy::too_many_arguments)]
fn grow(
    binned: &[Vec<u8>],
    bins: &Bins,
    g: &[f64],
    h: &[f64],
    idx: Vec<u32>,
    depth: usize,
    p: &Params,
    nodes: &mut Vec<Node>,
) {
    let (gs, hs) = idx
        .iter()
        .fold((0.0, 0.0), |(a, b), &i| (a + g[i as usize], b + h[i as usize]));
    let leaf = |nodes: &mut Vec<Node>| {
        nodes.push(Node::Leaf((-gs / (hs + p.lambda)) as f32 * p.learning_rate));
    };
    if depth >= p.max_depth || idx.len() < 2 {
        leaf(nodes);
        return;
    }
    let parent_gain = gs * gs / (hs + p.lambda);
    let mut best: Option<(f64, usize, u8)> = None;
    let width = bins.edges.len();
    // one pass over the rows fills every feature's histogram
    let mut hist = vec![(0f64, 0f64); width * MAX_BINS];
    for &i in &idx {
        let (gi, hi) = (g[i as usize], h[i as usize]);
        for (f, &b) in binned[i as usize].iter().enumerate() {
            let cell = &mut hist[f * MAX_BINS + b as usize];
            cell.0 += gi;
            cell.1 += hi;
        }
    }
    for f in 0..width {
        let nb = bins.edges[f].len();
        if nb < 2 {
            continue;
        }
        let (mut gl, mut hl) = (0.0, 0.0);
        for b in 0..nb - 1 {
            gl += hist[f * MAX_BINS + b].0;
            hl += hist[f * MAX_BINS + b].1;
            let (gr, hr) = (gs - gl, hs - hl);
            if hl < p.min_child_hessian || hr < p.min_child_hessian {
                continue;
            }
            let gain = gl * gl / (hl + p.lambda) + gr * gr / (hr + p.lambda) - parent_gain;
            if gain > 1e-9 && best.is_none_or(|(bg, _, _)| gain > bg) {
                best = Some((gain, f, b as u8));
            }
        }
    }
    let Some((_, f, b)) = best else {
        leaf(nodes);
        return;
    };
    let (left, right): (Vec<u32>, Vec<u32>) = idx.into_iter().partition(|&i| binned[i as usize][f] <= b);
    let at = nodes.len();
    nodes.push(Node::Split {
        feature: f as u16,
        threshold: bins.edges[f][b as usize],
        right: 0,
    });
    grow(binned, bins, g, h, left, depth + 1, p, nodes);
    let r = nodes.len() as u32;
    if let Node::Split { right, .. } = &mut nodes[at] {
        *right = r;
    }
    grow(binned, bins, g, h, right, depth + 1, p, nodes);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_threshold_and_an_interaction() {
        // article when x0 > 5 and x1 < 0.5
        let mut x = Vec::new();
        let mut y = Vec::new();
        for a in 0..20 {
            for b in 0..4 {
                x.push(vec![a as f32, b as f32 / 4.0]);
                y.push(a > 5 && b < 2);
            }
        }
        let w = vec![1.0; x.len()];
        let f = fit(&x, &y, &w, &Params::default());
        for (r, t) in x.iter().zip(&y) {
            assert_eq!(f.probability(r) > 0.5, *t, "{r:?}");
        }
        let again = fit(&x, &y, &w, &Params::default());
        assert_eq!(f, again, "deterministic");
    }
}
