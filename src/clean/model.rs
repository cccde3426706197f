//! The learned block classifier: two stages of gradient-boosted trees and a boilerplate
//! vocabulary, read from a small text file in `models/`.
//!
//! Stage 1 scores each block from its own shape and its neighbours' ([`features::rows`]); stage 2
//! scores it again knowing stage 1's scores around it ([`features::stage2_rows`]), which is how
//! the model learns that the article is a run and that a lone line between two paragraphs is
//! part of it. A block is article when stage 2's probability reaches the model's threshold.
//!
//! The models are trained by `presslens-train-clean` (src/bin/presslens-train-clean/), which also
//! writes this format; it is documented there. Why trees: the features mix counts, shares and
//! flags whose effect is not linear (a short line is fine between two paragraphs and furniture at
//! the top), and a few hundred shallow trees are a few tens of kilobytes and microseconds a block.
//! Why a text file: a reviewer can read what changed in a diff, and it needs no parser crate.

use std::fmt::Write as _;

use super::features::{Lexicon, Vocab, BASE_NAMES, N_BASE, N_STAGE2, STAGE2_NAMES};
use crate::segment::BlockTree;

/// First line of a model file.
const MAGIC: &str = "presslens-clean-model 1";

/// One node of a decision tree, in preorder. A split sends `x[feature] <= threshold` to the
/// node right after it and the rest to `right`.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Split { feature: u16, threshold: f32, right: u32 },
    Leaf(f32),
}

/// A regression tree, its nodes in preorder (the root first).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tree {
    pub nodes: Vec<Node>,
}

impl Tree {
    pub fn predict(&self, x: &[f32]) -> f32 {
        let mut i = 0usize;
        loop {
            match self.nodes.get(i) {
                Some(Node::Split {
                    feature,
                    threshold,
                    right,
                }) => {
                    i = if x.get(*feature as usize).copied().unwrap_or(0.0) <= *threshold {
                        i + 1
                    } else {
                        *right as usize
                    };
                }
                Some(Node::Leaf(v)) => return *v,
                None => return 0.0,
            }
        }
    }

    /// Levels of splits on the longest path.
    pub fn depth(&self) -> usize {
        let mut best = 0;
        let mut stack = vec![(0usize, 0usize)];
        while let Some((i, d)) = stack.pop() {
            if let Some(Node::Split { right, .. }) = self.nodes.get(i) {
                stack.push((i + 1, d + 1));
                stack.push((*right as usize, d + 1));
            } else {
                best = best.max(d);
            }
        }
        best
    }
}

/// Boosted trees: the log-odds of "article" is `base` plus the trees' sum.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Forest {
    pub base: f32,
    pub trees: Vec<Tree>,
}

impl Forest {
    /// The probability that a row is article text.
    pub fn probability(&self, x: &[f32]) -> f32 {
        let z = self.base + self.trees.iter().map(|t| t.predict(x)).sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }

    /// The forest as complete trees in flat arrays, for scoring many rows fast.
    pub fn flat(&self) -> FlatForest {
        let depth = self.trees.iter().map(Tree::depth).max().unwrap_or(0);
        if depth > MAX_FLAT_DEPTH {
            // not made by the trainer: score by walking the trees
            return FlatForest {
                walk: Some(Box::new(self.clone())),
                ..FlatForest::default()
            };
        }
        // shallower trees are laid out as deep as the shallowest batched scoring
        let depth = depth.max(3);
        let inner = (1usize << depth) - 1;
        let mut f = FlatForest {
            base: self.base,
            depth,
            walk: None,
            splits: Vec::with_capacity(self.trees.len() * inner),
            leaf: Vec::with_capacity(self.trees.len() * (inner + 1)),
            min_width: 0,
            batch: BatchTrees::None,
        };
        for t in &self.trees {
            // Breadth-first into a complete tree: slot k has children 2k+1 and 2k+2. A leaf above
            // the bottom becomes splits that always go left (threshold +inf) over copies of it.
            let mut slots: Vec<Option<usize>> = vec![Some(0)];
            for _level in 0..depth {
                let mut next = Vec::with_capacity(slots.len() * 2);
                for slot in &slots {
                    match slot.and_then(|i| t.nodes.get(i).map(|n| (i, n))) {
                        Some((
                            i,
                            Node::Split {
                                feature,
                                threshold,
                                right,
                            },
                        )) => {
                            f.splits.push(FlatSplit {
                                feature: *feature,
                                threshold: *threshold,
                            });
                            next.push(Some(i + 1));
                            next.push(Some(*right as usize));
                        }
                        other => {
                            f.splits.push(FlatSplit {
                                feature: 0,
                                threshold: f32::INFINITY,
                            });
                            let keep = other.map(|(i, _)| i);
                            next.push(keep);
                            next.push(keep);
                        }
                    }
                }
                slots = next;
            }
            for slot in slots {
                let v = match slot.and_then(|i| t.nodes.get(i)) {
                    Some(Node::Leaf(v)) => *v,
                    _ => 0.0,
                };
                f.leaf.push(v);
            }
        }
        f.min_width = f.splits.iter().map(|s| s.feature as usize + 1).max().unwrap_or(0);
        if f.min_width <= MAX_COLUMNS {
            f.batch = match depth {
                3 => BatchTrees::Depth3(BatchTree::lay_out(&f.splits, &f.leaf)),
                #[cfg(target_arch = "x86_64")]
                5 if std::arch::is_x86_feature_detected!("avx") => {
                    BatchTrees::Depth5(BatchTree::lay_out(&f.splits, &f.leaf))
                }
                _ => BatchTrees::None,
            };
        }
        f
    }
}

/// Deepest tree laid out complete (the trainer grows depth 3 for text and 5 for HTML; 2^10
/// slots is the sane limit).
const MAX_FLAT_DEPTH: usize = 10;

/// A forest of complete binary trees in flat arrays: `depth` levels of splits per tree
/// (`2^depth - 1` of them, in breadth-first order) and `2^depth` leaves. Scoring is a fixed
/// number of compares and selects with no data-dependent branch, several rows at a time, many
/// times as fast as walking the `Node` enums (cleaning speed is a requirement: 20 MB/s of
/// pasted text).
#[derive(Debug, Clone, Default)]
pub struct FlatForest {
    base: f32,
    /// Trees too deep to lay out complete, scored by walking them.
    walk: Option<Box<Forest>>,
    depth: usize,
    splits: Vec<FlatSplit>,
    leaf: Vec<f32>,
    /// Features a row needs to be scored in batches: one past the largest a split reads.
    min_width: usize,
    /// The same trees for batched scoring.
    batch: BatchTrees,
}

/// The trees of a [`FlatForest`] laid out for batched scoring, when their depth has such a
/// layout and they split on the first [`MAX_COLUMNS`] features.
#[derive(Debug, Clone, Default)]
enum BatchTrees {
    #[default]
    None,
    Depth3(Vec<BatchTree<7, 8>>),
    /// Only with AVX: every split of every tree is tested for every row, 31 of them where a
    /// walk down a tree tests five, which pays only eight rows to an instruction.
    #[cfg(target_arch = "x86_64")]
    Depth5(Vec<BatchTree<31, 32>>),
}

/// A tree of a [`FlatForest`] laid out for [`FlatForest::sum_leaves`]: thresholds and leaves
/// already repeated across the lanes and aligned, so that a batch compares and selects with
/// them straight from memory instead of spreading each across the lanes again for every batch.
#[derive(Debug, Clone)]
#[repr(align(32))]
struct BatchTree<const SPLITS: usize, const LEAVES: usize> {
    thresholds: [Lanes; SPLITS],
    leaves: [Lanes; LEAVES],
    /// `u8`, so that indexing a batch's [`MAX_COLUMNS`] columns needs no bounds check.
    features: [u8; SPLITS],
    /// The same as byte offsets into the columns, for [`add_trees_avx`]: an address it loads
    /// from without first multiplying an index by a column's size, one instruction of five a
    /// split.
    #[cfg(target_arch = "x86_64")]
    column_offsets: [u16; SPLITS],
}

impl<const SPLITS: usize, const LEAVES: usize> BatchTree<SPLITS, LEAVES> {
    /// The complete trees of a [`FlatForest`], `SPLITS` splits and `LEAVES` leaves each.
    fn lay_out(splits: &[FlatSplit], leaves: &[f32]) -> Vec<Self> {
        let (splits, _) = splits.as_chunks::<SPLITS>();
        let (leaves, _) = leaves.as_chunks::<LEAVES>();
        (splits.iter().zip(leaves))
            .map(|(splits, leaves)| {
                let features = splits.map(|s| s.feature as u8);
                BatchTree {
                    thresholds: splits.map(|s| [s.threshold; BATCH]),
                    leaves: leaves.map(|v| [v; BATCH]),
                    features,
                    #[cfg(target_arch = "x86_64")]
                    column_offsets: features.map(|f| u16::from(f) * size_of::<Column>() as u16),
                }
            })
            .collect()
    }
}

/// A split of a [`FlatForest`]: `x[feature] <= threshold` goes left. The two side by side, so
/// that a step down a tree reads one place.
#[derive(Debug, Clone, Copy)]
struct FlatSplit {
    feature: u16,
    threshold: f32,
}

/// Features a row scored in batches has at most (a stage-2 row has 107): one per `u8`.
const MAX_COLUMNS: usize = 256;

impl FlatForest {
    pub fn probability(&self, x: &[f32]) -> f32 {
        if let Some(f) = &self.walk {
            return f.probability(x);
        }
        let inner = (1usize << self.depth) - 1;
        let mut z = self.base;
        for (t, leaves) in self.leaf.chunks_exact(inner + 1).enumerate() {
            let splits = &self.splits[t * inner..(t + 1) * inner];
            let mut k = 0usize;
            for _ in 0..self.depth {
                let v = x.get(splits[k].feature as usize).copied().unwrap_or(0.0);
                k = 2 * k + 1 + (v > splits[k].threshold) as usize;
            }
            z += leaves[k - inner];
        }
        sigmoid(z)
    }

    /// The probability of each row: the same numbers as [`FlatForest::probability`], several
    /// times faster for trees [`BatchTrees`] lays out (what the trainer grows).
    pub fn probabilities<const W: usize>(&self, rows: &[[f32; W]]) -> Vec<f32> {
        self.probabilities_joined::<W, 0>(rows, &[])
    }

    /// The probability of each row `head[i]` followed by `tail[i]` (no `tail` at all adds
    /// nothing): stage-2 rows scored without copying the stage-1 rows into them.
    pub fn probabilities_joined<const H: usize, const T: usize>(
        &self,
        head: &[[f32; H]],
        tail: &[[f32; T]],
    ) -> Vec<f32> {
        debug_assert!(tail.is_empty() || tail.len() == head.len());
        let width = if tail.is_empty() { H } else { H + T };
        let batched = !matches!(self.batch, BatchTrees::None) && self.min_width <= width && width <= MAX_COLUMNS;
        if !batched {
            let mut row = Vec::with_capacity(width);
            return (head.iter().enumerate())
                .map(|(i, h)| {
                    row.clear();
                    row.extend_from_slice(h);
                    row.extend_from_slice(tail.get(i).map_or(&[][..], |t| &t[..]));
                    self.probability(&row)
                })
                .collect();
        }
        // whole batches, so that each is summed in place
        let mut z = vec![self.base; head.len().next_multiple_of(BATCH)];
        self.sum_leaves(head, tail, z.as_chunks_mut().0);
        z.truncate(head.len());
        z.into_iter().map(sigmoid).collect()
    }

    /// Adds each tree's leaf to each row's log-odds, [`BATCH`] rows at a time, their features
    /// laid out column by column. Every split of a tree is tested for every row, and each split
    /// then picks its left or right child's value, bottom-up: more compares than walking one
    /// path down, but independent, branch-free and the same for all rows, so the compiler does
    /// them [`BATCH`] rows wide. Each row's sum still adds the trees in order.
    fn sum_leaves<const H: usize, const T: usize>(&self, head: &[[f32; H]], tail: &[[f32; T]], z: &mut [Lanes]) {
        #[cfg(target_arch = "x86_64")]
        let avx = std::arch::is_x86_feature_detected!("avx");
        COLUMNS.with_borrow_mut(|columns| {
            for (start, sums) in (0..).step_by(BATCH).zip(z) {
                let rows = start..(start + BATCH).min(head.len());
                let (head, tail) = (&head[rows.clone()], tail.get(rows).unwrap_or(&[]));
                match &self.batch {
                    // SAFETY: the CPU has AVX, the one thing `score_batch_avx` needs.
                    #[cfg(target_arch = "x86_64")]
                    BatchTrees::Depth3(trees) if avx => unsafe { score_batch_avx(trees, columns, head, tail, sums) },
                    BatchTrees::Depth3(trees) => score_batch(trees, columns, head, tail, sums),
                    // SAFETY: laid out only where the CPU has AVX.
                    #[cfg(target_arch = "x86_64")]
                    BatchTrees::Depth5(trees) => unsafe { score_batch_avx(trees, columns, head, tail, sums) },
                    BatchTrees::None => unreachable!("scored a row at a time"),
                }
            }
        });
    }
}

thread_local! {
    /// [`FlatForest::sum_leaves`]'s batch: feature `f` of its rows side by side in `columns[f]`.
    /// Lanes past a last, short batch keep the rows of the batch before, scored and then
    /// ignored, and columns past the rows' features are never read, so the 8 KB are kept from
    /// one call to the next rather than zeroed for each stage of each document.
    static COLUMNS: std::cell::RefCell<Box<[Column; MAX_COLUMNS]>> =
        std::cell::RefCell::new(Box::new([Column([0f32; BATCH]); MAX_COLUMNS]));
}

/// Adds each tree's leaf to each row's sum, for a batch of rows `head[i]` followed by `tail[i]`.
fn score_batch<const H: usize, const T: usize>(
    trees: &[BatchTree<7, 8>],
    columns: &mut [Column; MAX_COLUMNS],
    head: &[[f32; H]],
    tail: &[[f32; T]],
    sums: &mut Lanes,
) {
    let (head_columns, tail_columns) = columns.split_at_mut(H);
    fill_columns(head_columns, head);
    fill_columns(tail_columns, tail);
    add_trees(trees, columns, sums);
}

/// [`score_batch`] in AVX.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx")]
fn score_batch_avx<const H: usize, const T: usize, const SPLITS: usize, const LEAVES: usize>(
    trees: &[BatchTree<SPLITS, LEAVES>],
    columns: &mut [Column; MAX_COLUMNS],
    head: &[[f32; H]],
    tail: &[[f32; T]],
    sums: &mut Lanes,
) {
    let (head_columns, tail_columns) = columns.split_at_mut(H);
    fill_columns_avx(head_columns, head);
    fill_columns_avx(tail_columns, tail);
    add_trees_avx(trees, columns, sums);
}

/// Feature `f` of each row of a batch into `columns[f]`, lane by lane. A full batch is read a
/// feature at a time: eight loads gathered into one store, where a row at a time stores each
/// value alone.
fn fill_columns<const W: usize>(columns: &mut [Column], rows: &[[f32; W]]) {
    if let Some(rows) = rows.first_chunk::<BATCH>() {
        for f in 0..W {
            let column = &mut columns[f].0;
            for lane in 0..BATCH {
                column[lane] = rows[lane][f];
            }
        }
    } else {
        for (lane, row) in rows.iter().enumerate() {
            for (column, &x) in columns.iter_mut().zip(row) {
                column.0[lane] = x;
            }
        }
    }
}

/// [`fill_columns`] in AVX: a full batch's features eight at a time, each 8×8 block transposed
/// in registers (eight loads, 24 shuffles, eight stores: about a third of the portable code's
/// instructions, which moves four features at a time). The last block overlaps the one before
/// when the features are not a multiple of eight: those columns are written twice, the same
/// values.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx")]
fn fill_columns_avx<const W: usize>(columns: &mut [Column], rows: &[[f32; W]]) {
    use std::arch::x86_64::{
        _mm256_loadu_ps, _mm256_permute2f128_ps, _mm256_shuffle_ps, _mm256_storeu_ps, _mm256_unpackhi_ps,
        _mm256_unpacklo_ps,
    };
    let (Some(rows), true) = (rows.first_chunk::<BATCH>(), W >= BATCH) else {
        return fill_columns(columns, rows);
    };
    for f in (0..W - BATCH).step_by(BATCH).chain([W - BATCH]) {
        // SAFETY: reads features f..f + 8 of a row of W >= f + 8.
        let row = |lane: usize| unsafe { _mm256_loadu_ps(rows[lane][f..f + BATCH].as_ptr()) };
        // rows a..h, features 0..7: pairs of rows interleaved (a0 b0 a1 b1 | a4 b4 a5 b5), then
        // quads (a0 b0 c0 d0 | a4 b4 c4 d4), then the halves of two quads joined (a0 .. h0)
        let (ab_lo, ab_hi) = (_mm256_unpacklo_ps(row(0), row(1)), _mm256_unpackhi_ps(row(0), row(1)));
        let (cd_lo, cd_hi) = (_mm256_unpacklo_ps(row(2), row(3)), _mm256_unpackhi_ps(row(2), row(3)));
        let (ef_lo, ef_hi) = (_mm256_unpacklo_ps(row(4), row(5)), _mm256_unpackhi_ps(row(4), row(5)));
        let (gh_lo, gh_hi) = (_mm256_unpacklo_ps(row(6), row(7)), _mm256_unpackhi_ps(row(6), row(7)));
        let abcd = [
            _mm256_shuffle_ps::<0x44>(ab_lo, cd_lo),
            _mm256_shuffle_ps::<0xee>(ab_lo, cd_lo),
            _mm256_shuffle_ps::<0x44>(ab_hi, cd_hi),
            _mm256_shuffle_ps::<0xee>(ab_hi, cd_hi),
        ];
        let efgh = [
            _mm256_shuffle_ps::<0x44>(ef_lo, gh_lo),
            _mm256_shuffle_ps::<0xee>(ef_lo, gh_lo),
            _mm256_shuffle_ps::<0x44>(ef_hi, gh_hi),
            _mm256_shuffle_ps::<0xee>(ef_hi, gh_hi),
        ];
        for k in 0..4 {
            let low = _mm256_permute2f128_ps::<0x20>(abcd[k], efgh[k]);
            let high = _mm256_permute2f128_ps::<0x31>(abcd[k], efgh[k]);
            // SAFETY: writes the eight floats of a column.
            unsafe {
                _mm256_storeu_ps(columns[f + k].0.as_mut_ptr(), low);
                _mm256_storeu_ps(columns[f + k + 4].0.as_mut_ptr(), high);
            }
        }
    }
}

/// Adds each tree's leaf to each row's sum, for a batch of rows laid out in `columns`.
fn add_trees(trees: &[BatchTree<7, 8>], columns: &[Column; MAX_COLUMNS], sums: &mut Lanes) {
    for tree in trees {
        // whether each row goes right at each split (slot k has children 2k+1, 2k+2)
        let right: [_; 7] =
            std::array::from_fn(|k| goes_right(&columns[tree.features[k] as usize].0, &tree.thresholds[k]));
        let leaf = |i: usize| tree.leaves[i];
        let value = select(
            right[0],
            select(
                right[1],
                select(right[3], leaf(0), leaf(1)),
                select(right[4], leaf(2), leaf(3)),
            ),
            select(
                right[2],
                select(right[5], leaf(4), leaf(5)),
                select(right[6], leaf(6), leaf(7)),
            ),
        );
        for (sum, v) in sums.iter_mut().zip(value) {
            *sum += v;
        }
    }
}

/// [`add_trees`] in AVX, which the baseline x86-64 target leaves out: a batch is one register,
/// not two, and a select one blend, not three bitwise operations per half, so the trees take
/// about half the instructions. Written with intrinsics because the compiler, given AVX, turns
/// the lane loops into shuffles. The same compares (`>`, false for NaN), bitwise selects and
/// additions in the same order, so the same bits. Trees of depth 3 or 5 (`SPLITS` 7 or 31).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx")]
fn add_trees_avx<const SPLITS: usize, const LEAVES: usize>(
    trees: &[BatchTree<SPLITS, LEAVES>],
    columns: &[Column; MAX_COLUMNS],
    sums: &mut Lanes,
) {
    use std::arch::x86_64::{
        __m256, _mm256_add_ps, _mm256_blendv_ps, _mm256_cmp_ps, _mm256_load_ps, _mm256_loadu_ps, _CMP_GT_OQ,
    };
    // SAFETY: reads the eight floats of a `Lanes`.
    let load = |v: &Lanes| unsafe { _mm256_loadu_ps(v.as_ptr()) };
    let mut acc = load(sums);
    for tree in trees {
        // the value at split k (slot k has children 2k+1, 2k+2): its right child's where a row
        // goes right, else its left child's
        let split = |k: usize, left: __m256, right: __m256| {
            // SAFETY: the offset of a `u8` feature's column, inside the MAX_COLUMNS columns.
            let x = unsafe { _mm256_load_ps(columns.as_ptr().byte_add(tree.column_offsets[k].into()).cast()) };
            _mm256_blendv_ps(left, right, _mm256_cmp_ps::<_CMP_GT_OQ>(x, load(&tree.thresholds[k])))
        };
        let leaf = |slot: usize| load(&tree.leaves[slot - SPLITS]);
        // the value at split k of the third level from the bottom, down to the leaves; depth
        // first, so that few values wait in registers
        let lowest3 = |k: usize| {
            let (l, r) = (2 * k + 1, 2 * k + 2);
            split(
                k,
                split(
                    l,
                    split(2 * l + 1, leaf(4 * l + 3), leaf(4 * l + 4)),
                    split(2 * l + 2, leaf(4 * l + 5), leaf(4 * l + 6)),
                ),
                split(
                    r,
                    split(2 * r + 1, leaf(4 * r + 3), leaf(4 * r + 4)),
                    split(2 * r + 2, leaf(4 * r + 5), leaf(4 * r + 6)),
                ),
            )
        };
        let value = match SPLITS {
            7 => lowest3(0),
            31 => split(0, split(1, lowest3(3), lowest3(4)), split(2, lowest3(5), lowest3(6))),
            _ => unreachable!("BatchTrees lays out depths 3 and 5"),
        };
        acc = _mm256_add_ps(acc, value);
    }
    // SAFETY: writes the eight floats of `sums`.
    unsafe { std::arch::x86_64::_mm256_storeu_ps(sums.as_mut_ptr(), acc) };
}

/// Rows scored together by [`FlatForest::probabilities`].
const BATCH: usize = 8;

/// A feature or a value of each row of a batch.
type Lanes = [f32; BATCH];

/// A feature of each row of a batch, aligned, so that compares read it straight from memory.
#[derive(Clone, Copy)]
#[repr(align(32))]
struct Column(Lanes);

/// For each row, all ones if it goes right at a split (`x > threshold`), else zero. Masks, not
/// bools, and plain loops over the lanes: that is the form the compiler turns into vector
/// compares and selects (bools get packed into bytes and back).
#[inline(always)]
fn goes_right(x: &Lanes, threshold: &Lanes) -> [u32; BATCH] {
    let mut mask = [0u32; BATCH];
    for lane in 0..BATCH {
        mask[lane] = 0u32.wrapping_sub((x[lane] > threshold[lane]) as u32);
    }
    mask
}

/// `right` where the mask is set, else `left`, lane by lane (bit for bit: no arithmetic).
#[inline(always)]
fn select(mask: [u32; BATCH], left: Lanes, right: Lanes) -> Lanes {
    let mut v = [0f32; BATCH];
    for lane in 0..BATCH {
        v[lane] = f32::from_bits(right[lane].to_bits() & mask[lane] | left[lane].to_bits() & !mask[lane]);
    }
    v
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// A trained classifier.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Model {
    pub vocab: Vocab,
    pub stage1: Forest,
    pub stage2: Forest,
    /// Stage-2 probability from which a block is kept.
    pub threshold: f32,
}

/// A model ready to score: its forests flattened once.
#[derive(Debug, Clone, Default)]
pub struct Scorer {
    stage1: FlatForest,
    stage2: Option<FlatForest>,
    lexicon: Lexicon,
}

/// Why a model file could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "model line {}: {}", self.line, self.message)
    }
}

impl Scorer {
    /// The vocabulary and phrase rules the features look words up in.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Stage-1 and stage-2 probabilities of each row.
    pub fn predict(
        &self,
        base: &[[f32; N_BASE]],
        shapes: &[super::features::Shape],
        tree: &BlockTree,
    ) -> (Vec<f32>, Vec<f32>) {
        let p1 = self.stage1.probabilities(base);
        let Some(stage2) = &self.stage2 else {
            return (p1.clone(), p1);
        };
        let extras = super::features::stage2_extras(shapes, tree, &p1);
        let p2 = stage2.probabilities_joined(base, &extras);
        (p1, p2)
    }
}

impl Model {
    /// Stage-1 and stage-2 probabilities of each row.
    pub fn predict(
        &self,
        base: &[[f32; N_BASE]],
        shapes: &[super::features::Shape],
        tree: &BlockTree,
    ) -> (Vec<f32>, Vec<f32>) {
        self.scorer().predict(base, shapes, tree)
    }

    /// The flattened forests (build once, score many documents).
    pub fn scorer(&self) -> Scorer {
        Scorer {
            stage1: self.stage1.flat(),
            stage2: (!self.stage2.trees.is_empty()).then(|| self.stage2.flat()),
            lexicon: Lexicon::new(&self.vocab),
        }
    }

    /// The model in its file format.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{MAGIC}");
        let _ = writeln!(out, "features1 {}", BASE_NAMES.join(" "));
        let _ = writeln!(out, "features2 {}", STAGE2_NAMES.join(" "));
        let _ = writeln!(out, "threshold {}", self.threshold);
        let mut words: Vec<(&String, &f32)> = self.vocab.iter().collect();
        words.sort_by(|a, b| a.0.cmp(b.0));
        let _ = writeln!(out, "vocab {}", words.len());
        for (w, v) in words {
            let _ = writeln!(out, "{w} {v:.3}");
        }
        for (name, forest) in [("forest1", &self.stage1), ("forest2", &self.stage2)] {
            let _ = writeln!(out, "{name} {} {}", forest.trees.len(), forest.base);
            for t in &forest.trees {
                let mut line = String::new();
                for n in &t.nodes {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    match n {
                        Node::Split { feature, threshold, .. } => {
                            let _ = write!(line, "{feature}:{threshold}");
                        }
                        Node::Leaf(v) => {
                            let _ = write!(line, "={v:.4}");
                        }
                    }
                }
                let _ = writeln!(out, "{line}");
            }
        }
        out
    }

    /// Reads a model file, refusing one made for other features.
    pub fn from_text(text: &str) -> Result<Model, ModelError> {
        let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
        let mut next = |what: &str| {
            lines.next().ok_or_else(|| ModelError {
                line: 0,
                message: format!("file ends before {what}"),
            })
        };
        let err = |line: usize, message: String| ModelError { line, message };
        let (n, l) = next("the header")?;
        if l != MAGIC {
            return Err(err(n, format!("not a presslens clean model (first line {l:?})")));
        }
        for (key, names) in [("features1", BASE_NAMES), ("features2", STAGE2_NAMES)] {
            let (n, l) = next(key)?;
            let want = format!("{key} {}", names.join(" "));
            if l != want {
                return Err(err(
                    n,
                    format!("the model was trained on other {key} than this build computes"),
                ));
            }
        }
        let mut model = Model::default();
        let (n, l) = next("threshold")?;
        model.threshold = l
            .strip_prefix("threshold ")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| err(n, "expected `threshold <number>`".into()))?;
        let (n, l) = next("vocab")?;
        let count: usize = l
            .strip_prefix("vocab ")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| err(n, "expected `vocab <count>`".into()))?;
        for _ in 0..count {
            let (n, l) = next("a vocabulary word")?;
            let (w, v) = l
                .rsplit_once(' ')
                .and_then(|(w, v)| Some((w, v.parse::<f32>().ok()?)))
                .ok_or_else(|| err(n, "expected `<word> <weight>`".into()))?;
            model.vocab.insert(w.to_string(), v);
        }
        for (stage, width) in [(1usize, N_BASE), (2, N_STAGE2)] {
            let (n, l) = next("a forest")?;
            let mut parts = l.split(' ');
            let ok_name = parts.next() == Some(&format!("forest{stage}")[..]);
            let trees: Option<usize> = parts.next().and_then(|v| v.parse().ok());
            let base: Option<f32> = parts.next().and_then(|v| v.parse().ok());
            let (Some(trees), Some(base), true) = (trees, base, ok_name) else {
                return Err(err(n, format!("expected `forest{stage} <trees> <base>`")));
            };
            let mut forest = Forest {
                base,
                trees: Vec::with_capacity(trees),
            };
            for _ in 0..trees {
                let (n, l) = next("a tree")?;
                forest.trees.push(parse_tree(l, width).map_err(|m| err(n, m))?);
            }
            if stage == 1 {
                model.stage1 = forest;
            } else {
                model.stage2 = forest;
            }
        }
        Ok(model)
    }
}

/// A tree from its preorder line: `feature:threshold` for a split, `=value` for a leaf.
fn parse_tree(line: &str, width: usize) -> Result<Tree, String> {
    let mut nodes = Vec::new();
    for tok in line.split(' ').filter(|t| !t.is_empty()) {
        if let Some(v) = tok.strip_prefix('=') {
            nodes.push(Node::Leaf(v.parse().map_err(|_| format!("bad leaf {tok:?}"))?));
        } else {
            let (f, t) = tok.split_once(':').ok_or_else(|| format!("bad node {tok:?}"))?;
            let feature: u16 = f.parse().map_err(|_| format!("bad feature in {tok:?}"))?;
            if feature as usize >= width {
                return Err(format!("feature {feature} out of range"));
            }
            let threshold: f32 = t.parse().map_err(|_| format!("bad threshold in {tok:?}"))?;
            nodes.push(Node::Split {
                feature,
                threshold,
                right: 0,
            });
        }
    }
    let end = link(&mut nodes).ok_or("the tree is incomplete")?;
    if end != nodes.len() {
        return Err("extra nodes after the tree".into());
    }
    Ok(Tree { nodes })
}

/// Sets each split's `right` to where its right subtree starts; returns the index just after the
/// tree.
fn link(nodes: &mut [Node]) -> Option<usize> {
    // iterative, so a hostile file cannot overflow the stack
    let mut stack: Vec<(usize, u8)> = vec![(0, 0)];
    let mut last_end = 0;
    while let Some((at, state)) = stack.pop() {
        match nodes.get(at)? {
            Node::Leaf(_) => last_end = at + 1,
            Node::Split { .. } => match state {
                0 => {
                    stack.push((at, 1));
                    stack.push((at + 1, 0));
                }
                _ => {
                    let right_start = last_end;
                    if let Node::Split { right, .. } = &mut nodes[at] {
                        *right = right_start as u32;
                    }
                    stack.push((right_start, 0));
                    // after the right subtree, nothing more to do for `at`
                }
            },
        }
    }
    Some(last_end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Model {
        // x[0] <= 1 ? (x[1] <= 0.5 ? -1 : 1) : 2
        let tree = parse_tree("0:1 1:0.5 =-1 =1 =2", N_BASE).unwrap();
        let mut vocab = Vocab::default();
        vocab.insert("subscribe".into(), 1.5);
        Model {
            vocab,
            stage1: Forest {
                base: 0.25,
                trees: vec![tree.clone()],
            },
            stage2: Forest {
                base: -0.5,
                trees: vec![tree],
            },
            threshold: 0.5,
        }
    }

    #[test]
    fn trees_route_rows() {
        let t = &tiny().stage1.trees[0];
        assert_eq!(t.predict(&[0.0, 0.0]), -1.0);
        assert_eq!(t.predict(&[0.0, 1.0]), 1.0);
        assert_eq!(t.predict(&[5.0, 0.0]), 2.0);
    }

    #[test]
    fn flat_forests_score_like_trees() {
        let m = tiny();
        let flat = m.stage1.flat();
        let rows = [[0.0, 0.0], [0.0, 1.0], [5.0, 0.0], [1.0, 0.5]];
        for x in rows {
            assert_eq!(flat.probability(&x), m.stage1.probability(&x));
        }
        let batch: Vec<f32> = rows.iter().map(|x| m.stage1.probability(x)).collect();
        assert_eq!(flat.probabilities(&rows), batch);
        // a lone leaf and a deeper tree side by side
        let mixed = Forest {
            base: 0.0,
            trees: vec![
                parse_tree("=0.5", N_BASE).unwrap(),
                parse_tree("0:1 =1 1:2 =2 =3", N_BASE).unwrap(),
            ],
        };
        let flat = mixed.flat();
        for x in [[0.0, 0.0], [2.0, 1.0], [2.0, 3.0]] {
            assert!((flat.probability(&x) - mixed.probability(&x)).abs() < 1e-6, "{x:?}");
        }
    }

    /// A full depth-3 tree over three features, and a tree with one side deeper than the other.
    const FULL_TREE: &str = "0:0.5 1:0.2 2:0.7 =1 =2 =3 1:0.6 =4 2:0.1 =5 =6";
    const UNEVEN_TREE: &str = "1:0.5 0:0.9 =0.125 2:0.5 =0.3 =-0.7 =0.2";

    /// `n` rows of three features spread over [0, 1], in no order.
    fn sample_rows(n: usize) -> Vec<[f32; 3]> {
        (0..n)
            .map(|i| [(i % 5) as f32 / 4.0, (i % 7) as f32 / 6.0, (i % 3) as f32 / 2.0])
            .collect()
    }

    #[test]
    fn batches_score_like_single_rows() {
        // full depth-3 trees and a shallower one, over more rows than a batch holds
        let forest = Forest {
            base: 0.1,
            trees: vec![
                parse_tree(FULL_TREE, 3).unwrap(),
                parse_tree("2:0.4 =-1 0:0.3 =0.5 =-0.25", 3).unwrap(),
                parse_tree(UNEVEN_TREE, 3).unwrap(),
            ],
        };
        let flat = forest.flat();
        let rows = sample_rows(BATCH * 2 + 3);
        let one_by_one: Vec<f32> = rows.iter().map(|x| flat.probability(x)).collect();
        assert_eq!(flat.probabilities(&rows), one_by_one);
        for (x, p) in rows.iter().zip(&one_by_one) {
            assert!((forest.probability(x) - p).abs() < 1e-6);
        }
    }

    /// A complete tree `depth` deep over three features in preorder, every threshold one of the
    /// values [`sample_rows`] gives feature 1 and every leaf different.
    fn complete_tree(depth: usize, next: &mut usize) -> String {
        *next += 1;
        if depth == 0 {
            return format!("={}", *next as f32 / 8.0 - 4.0);
        }
        let split = format!("{}:{}", *next % 3, (*next % 7) as f32 / 6.0);
        format!(
            "{split} {} {}",
            complete_tree(depth - 1, next),
            complete_tree(depth - 1, next)
        )
    }

    #[test]
    fn deep_batches_score_like_single_rows() {
        // two trees of depth 5, and a shallower one laid out as deep
        let mut next = 0;
        let forest = Forest {
            base: 0.1,
            trees: vec![
                parse_tree(&complete_tree(5, &mut next), 3).unwrap(),
                parse_tree(UNEVEN_TREE, 3).unwrap(),
                parse_tree(&complete_tree(5, &mut next), 3).unwrap(),
            ],
        };
        let flat = forest.flat();
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx") {
            assert!(matches!(flat.batch, BatchTrees::Depth5(_)));
        }
        let mut rows = sample_rows(BATCH * 2 + 3);
        for x in &rows {
            assert!((forest.probability(x) - flat.probability(x)).abs() < 1e-6);
        }
        // NaN goes left in a complete tree (the walk down `Node`s sends it right)
        rows.push([f32::NAN, -0.0, 0.5]);
        let one_by_one: Vec<u32> = rows.iter().map(|x| flat.probability(x).to_bits()).collect();
        let batched: Vec<u32> = flat.probabilities(&rows).into_iter().map(f32::to_bits).collect();
        assert_eq!(batched, one_by_one);
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn avx_trees_add_like_the_portable_ones() {
        if !std::arch::is_x86_feature_detected!("avx") {
            return;
        }
        let forest = Forest {
            base: 0.0,
            trees: vec![parse_tree(FULL_TREE, 3).unwrap(), parse_tree(UNEVEN_TREE, 3).unwrap()],
        };
        let flat = forest.flat();
        let BatchTrees::Depth3(trees) = &flat.batch else {
            panic!("trees of depth 3 are batched");
        };
        // every side of every split, a threshold itself, NaN (never goes right) and -0.0
        let values = [0.0, -0.0, 0.1, 0.2, 0.5, 0.6, 0.7, 0.9, 1.0, f32::NAN];
        let mut columns = [Column([0f32; BATCH]); MAX_COLUMNS];
        for start in (0..values.len().pow(3)).step_by(BATCH) {
            for lane in 0..BATCH {
                let i = (start + lane) % values.len().pow(3);
                for (f, column) in columns[..3].iter_mut().enumerate() {
                    column.0[lane] = values[i / values.len().pow(f as u32) % values.len()];
                }
            }
            let (mut portable, mut avx) = ([0.25f32; BATCH], [0.25f32; BATCH]);
            add_trees(trees, &columns, &mut portable);
            // SAFETY: the CPU has AVX, checked above.
            unsafe { add_trees_avx(trees, &columns, &mut avx) };
            assert_eq!(portable.map(f32::to_bits), avx.map(f32::to_bits));
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn avx_columns_are_the_portable_ones() {
        if !std::arch::is_x86_feature_detected!("avx") {
            return;
        }
        fn check<const W: usize>() {
            // every value different, so that a lane or a column out of place shows
            let rows: Vec<[f32; W]> = (0..BATCH)
                .map(|lane| std::array::from_fn(|f| (lane * 1000 + f) as f32))
                .collect();
            for batch in [&rows[..], &rows[..3]] {
                let mut portable = [Column([-1f32; BATCH]); MAX_COLUMNS];
                let mut avx = portable;
                fill_columns(&mut portable, batch);
                // SAFETY: the CPU has AVX, checked above.
                unsafe { fill_columns_avx(&mut avx, batch) };
                assert!(portable.iter().zip(&avx).all(|(a, b)| a.0 == b.0), "{W} features");
            }
        }
        // a multiple of the batch, one block and a part, and narrower than a block
        check::<16>();
        check::<13>();
        check::<5>();
    }

    #[test]
    fn joined_rows_score_like_whole_rows() {
        // a forest splitting on features of both parts, over a batch and a short one
        let forest = Forest {
            base: 0.1,
            trees: vec![
                parse_tree("0:0.5 2:0.2 1:0.7 =1 =2 =3 2:0.6 =4 0:0.1 =5 =6", 3).unwrap(),
                parse_tree("2:0.4 =-1 1:0.3 =0.5 =-0.25", 3).unwrap(),
            ],
        };
        let flat = forest.flat();
        let whole = sample_rows(BATCH + 3);
        let head: Vec<[f32; 2]> = whole.iter().map(|r| [r[0], r[1]]).collect();
        let tail: Vec<[f32; 1]> = whole.iter().map(|r| [r[2]]).collect();
        assert_eq!(flat.probabilities_joined(&head, &tail), flat.probabilities(&whole));
        // a split past the head with no tail: scored one by one, the missing feature as 0
        let one_by_one: Vec<f32> = head.iter().map(|r| flat.probability(r)).collect();
        assert_eq!(flat.probabilities_joined::<2, 1>(&head, &[]), one_by_one);
    }

    #[test]
    fn text_round_trip() {
        let m = tiny();
        let back = Model::from_text(&m.to_text()).unwrap();
        assert_eq!(back, m);
    }

    #[test]
    fn refuses_other_layouts_and_junk() {
        let text = tiny().to_text().replace("log_chars", "log_bytes");
        assert!(Model::from_text(&text).unwrap_err().message.contains("features1"));
        assert!(Model::from_text("hello").is_err());
        assert!(parse_tree("0:1 =1", N_BASE).is_err());
        assert!(parse_tree("0:1 =1 =2 =3", N_BASE).is_err());
        assert!(parse_tree("999:1 =1 =2", N_BASE).is_err());
    }

    #[test]
    fn deep_trees_parse_without_recursion() {
        let line = "0:1 ".repeat(100_000) + &"=1 ".repeat(100_001);
        let t = parse_tree(&line, N_BASE).unwrap();
        assert_eq!(t.predict(&[0.0]), 1.0);
        assert_eq!(t.predict(&[2.0]), 1.0);
    }

    #[test]
    fn the_shipped_models_load() {
        for m in [super::super::text_model(), super::super::html_model()] {
            assert!(!m.stage1.trees.is_empty());
            assert!(!m.stage2.trees.is_empty());
        }
    }
}
