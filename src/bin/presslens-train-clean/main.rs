//! `presslens-train-clean`: trains, cross-validates and inspects the cleaner's block classifier.
//!
//! ```text
//! presslens-train-clean train  --mode text|html [--cases CASES.jsonl] [--out FILE]
//! presslens-train-clean cv     --mode text|html [--cases CASES.jsonl] [--folds K] [--seed S]  > pred.jsonl
//! presslens-train-clean oracle --mode text|html [--cases CASES.jsonl]              > pred.jsonl
//! presslens-train-clean bench  --mode text|html [--cases CASES.jsonl] [--reps N]
//! presslens-train-clean explain [--model FILE] FILE...
//! ```
//! Tuning flags (defaults are what the shipped models use; `--trees`/`--depth` default to 100/3
//! for text, 200/5 for HTML): `--trees`, `--depth`, `--rate`,
//! `--lambda`, `--min-hessian`, `--no-stage2`, `--one-view`; `cv --debug ID-PREFIX` prints each
//! block of that page with its label, probabilities and tree votes (`""` for every page), and
//! with `--debug-json` each block as a JSON line (`J {...}`, full text) instead;
//! `--threads` (2).
//! `train` fits the model on every page and writes it (default `models/clean-<mode>.model`).
//! `cv` splits the pages into K folds *by site* (two pages of one site are always in the same
//! fold, so a fold is scored by a model that has never seen its sites), trains on K-1 folds,
//! cleans the held-out fold, and prints `{"id","text"}` lines for `score_clean.py`. `oracle`
//! prints the blocks the gold alignment labels as article: the ceiling of block selection.
//! All three are deterministic. `explain` cleans files (text, markdown or `.html`) with the
//! shipped model (or `--model FILE`) and prints every block with its two probabilities, whether
//! it was kept and the reason it was dropped: the tool for finding why a page comes out wrong.
//!
//! The cases file is GUIDE §2's `cases.jsonl` (`id, url, lang, html_path, pasted_path,
//! gold_body`); the data is read from ../shared and never copied into the project.
//!
//! Training one model (see [`train`]):
//! 1. segment each page as the product does and label its blocks by aligning the gold ([`align`]);
//! 2. learn the boilerplate vocabulary ([`learn_vocab`]); the training rows' vocabulary features
//!    come from a vocabulary learned on the *other* inner folds, so the trees do not learn to
//!    trust a vocabulary that has seen the very page;
//! 3. fit stage 1 on all rows; get stage-1 probabilities of each training page from a stage 1
//!    fitted without its inner fold; fit stage 2 on rows extended with those;
//! 4. keep the final vocabulary learned on all pages.
//!
//! Model file: `presslens-clean-model 1`; `features1`/`features2` lines naming the feature
//! layout; `threshold`; `vocab N` then N `word weight` lines; `forest1 T base` and `forest2 T
//! base`, each followed by T trees, one a line, nodes in preorder: `feature:threshold` for a
//! split (`<=` goes to the next node), `=value` for a leaf.

mod align;
mod gbdt;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use presslens::clean::features::{self, Vocab, N_BASE};
use presslens::clean::model::Model;
use presslens::clean::{clean_with, decide};
use presslens::decode::decode;
use presslens::segment::{segment, BlockTree, Segmented};
use serde_json::{json, Value};

const DEFAULT_CASES: &str = "../shared/data/extraction-dev/cases.jsonl";
/// Inner folds for out-of-fold vocabulary features and stage-1 probabilities.
const INNER_FOLDS: usize = 5;
/// A word enters the vocabulary only if it leans the same way on at least this many sites: a
/// word that only one site's menu uses says nothing about the next site.
const MIN_VOCAB_SITES: usize = 3;
/// Most words kept on each side (boilerplate, article), strongest first.
const MAX_VOCAB_PER_SIDE: usize = 300;
/// Smallest |log-odds| worth keeping.
const MIN_VOCAB_WEIGHT: f64 = 0.7;
/// Words written in lowercase in less than this share of their occurrences are names (of
/// outlets, people, places, brands); names do not carry over to other sites, so they are left
/// out. Menu words ("Privacy", "Subscribe") are capitalised in menus but lowercase in prose.
const MIN_LOWERCASE_SHARE: f64 = 0.2;
/// A markup word (class or id word) enters the markup vocabulary only if it leans the same way
/// on at least this many sites, and at most this many are kept on each side: class names are
/// more site-specific than prose words. 5-fold CV, one split: 3 sites and 300 a side 0.9556, 5
/// and 100 0.9584 (0.9530 without markup words).
const MIN_MARKUP_SITES: usize = 5;
const MAX_MARKUP_PER_SIDE: usize = 100;
/// Stage-2 probability from which the HTML model keeps a block (and weighs it into the densest
/// run); the text model keeps 0.5. The gold bodies keep more of an HTML page's short article
/// lines (list items, table rows, subheads) than a coin-flip cut does. Simulated on the
/// cross-validated probabilities (5 folds, 3 splits, `cv --debug-json`): 0.30 0.9574, 0.35
/// 0.9586, 0.40 0.9592, 0.45 0.9577, 0.50 0.9578; each split gains at 0.40.
const HTML_THRESHOLD: f32 = 0.4;
/// Trees of each stage of the HTML model, and their depth (see `parse_args`).
const HTML_TREES: usize = 200;
const HTML_DEPTH: usize = 5;
/// Added to each block's token count in its training weight, so short blocks count somewhat.
const WEIGHT_FLOOR_TOKENS: f64 = 3.0;

struct Page {
    id: String,
    site: String,
    seg: Segmented,
    labels: Vec<align::Label>,
    /// Training weight of each block: its share of the page's tokens, so that every page
    /// weighs the same (the score is a mean over pages) and long blocks weigh more in it.
    weights: Vec<f64>,
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Text,
    Html,
}

struct Args {
    command: String,
    mode: Mode,
    cases: PathBuf,
    out: Option<PathBuf>,
    folds: usize,
    params: gbdt::Params,
    /// `cv` prints a table of the blocks of pages whose id starts with this, to stderr.
    debug: Option<String>,
    /// `cv --debug`: one JSON object a block (full text, label, probabilities, tree votes) on
    /// lines starting `J `, for studying decision rules offline, instead of the table.
    debug_json: bool,
    /// `cv`: which split of the sites into folds (0: sites by name, dealt round-robin).
    seed: u64,
    /// `cv`: folds trained at once.
    threads: usize,
    /// `bench`: times over the pages.
    reps: usize,
    /// `explain`: the files to explain, and the model to use (default: the shipped one).
    files: Vec<PathBuf>,
    model: Option<PathBuf>,
    /// Train on both views of each page, its pasted text and its HTML rendering (not with
    /// `--one-view`): twice the examples of prose and furniture. Cross-validated, this lifts
    /// pasted text from 0.910 to 0.916 and HTML from 0.939 to 0.944 (means of three splits).
    with_text: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let command = it.next().ok_or("give a command: train, cv or oracle")?;
    let mut a = Args {
        command,
        mode: Mode::Text,
        cases: PathBuf::from(DEFAULT_CASES),
        out: None,
        folds: 5,
        params: gbdt::Params::default(),
        debug: None,
        debug_json: false,
        seed: 0,
        threads: 2,
        reps: 20,
        with_text: true,
        files: Vec::new(),
        model: None,
    };
    let (mut trees, mut depth) = (None, None);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--mode" => {
                a.mode = match value()?.as_str() {
                    "text" => Mode::Text,
                    "html" => Mode::Html,
                    m => return Err(format!("unknown mode {m}")),
                }
            }
            "--cases" => a.cases = PathBuf::from(value()?),
            "--out" => a.out = Some(PathBuf::from(value()?)),
            "--folds" => a.folds = value()?.parse().map_err(|_| "--folds takes a number")?,
            "--trees" => trees = Some(value()?.parse().map_err(|_| "--trees takes a number")?),
            "--depth" => depth = Some(value()?.parse().map_err(|_| "--depth takes a number")?),
            "--debug" => a.debug = Some(value()?),
            "--debug-json" => a.debug_json = true,
            "--seed" => a.seed = value()?.parse().map_err(|_| "--seed takes a number")?,
            "--threads" => a.threads = value()?.parse().map_err(|_| "--threads takes a number")?,
            "--no-stage2" => a.params.stage2 = false,
            "--one-view" => a.with_text = false,
            "--reps" => a.reps = value()?.parse().map_err(|_| "--reps takes a number")?,
            "--min-hessian" => {
                a.params.min_child_hessian = value()?.parse().map_err(|_| "--min-hessian takes a number")?
            }
            "--lambda" => a.params.lambda = value()?.parse().map_err(|_| "--lambda takes a number")?,
            "--rate" => a.params.learning_rate = value()?.parse().map_err(|_| "--rate takes a number")?,
            "--model" => a.model = Some(PathBuf::from(value()?)),
            other if !other.starts_with("--") => a.files.push(PathBuf::from(other)),
            other => return Err(format!("unknown option {other}")),
        }
    }
    // HTML pages have more to learn from (the DOM hints, the tree's votes): more and deeper
    // trees pay there (5-fold CV, 3 splits: 0.9483 with 100 trees of depth 3, 0.9518 with 200
    // of depth 4, 0.9542 with 200 of depth 5, 0.9493 with 300 of depth 6). The text model keeps
    // the smaller forest: the larger one cleaned pasted text a little better in CV (0.9137 ->
    // 0.9165) but changed the samples' bodies enough to lose entities and quotes tests/seeds.rs
    // holds.
    let (default_trees, default_depth) = match a.mode {
        Mode::Html => (HTML_TREES, HTML_DEPTH),
        Mode::Text => (a.params.trees, a.params.max_depth),
    };
    a.params.trees = trees.unwrap_or(default_trees);
    a.params.max_depth = depth.unwrap_or(default_depth);
    Ok(a)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("presslens-train-clean: {e}\n(see the file header of src/bin/presslens-train-clean/main.rs)");
            return ExitCode::from(2);
        }
    };
    if args.command == "bench" || args.command == "explain" {
        let run = if args.command == "bench" {
            bench(&args)
        } else {
            explain(&args)
        };
        return match run {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("presslens-train-clean: {e}");
                ExitCode::from(1)
            }
        };
    }
    let loaded = load(&args.cases, args.mode).and_then(|p| {
        // Each model also learns from the other view of the same pages (see `Args::with_text`).
        let other = if args.mode == Mode::Html {
            Mode::Text
        } else {
            Mode::Html
        };
        let extra = if args.with_text {
            load(&args.cases, other)?
        } else {
            Vec::new()
        };
        Ok((p, extra))
    });
    let (pages, extra) = match loaded {
        Ok(p) => p,
        Err(e) => {
            eprintln!("presslens-train-clean: {e}");
            return ExitCode::from(1);
        }
    };
    let result = match args.command.as_str() {
        "train" => {
            let model = train(&pages.iter().chain(&extra).collect::<Vec<_>>(), &args.params, args.mode);
            let out = args.out.clone().unwrap_or_else(|| {
                PathBuf::from(match args.mode {
                    Mode::Text => "models/clean-text.model",
                    Mode::Html => "models/clean-html.model",
                })
            });
            eprintln!(
                "trained on {} pages ({} views): {} vocabulary words, {}+{} trees -> {}",
                pages.len(),
                pages.len() + extra.len(),
                model.vocab.len(),
                model.stage1.trees.len(),
                model.stage2.trees.len(),
                out.display()
            );
            std::fs::write(&out, model.to_text())
        }
        "cv" => cross_validate(&pages, &extra, &args),
        "bench" => bench(&args),
        "oracle" => print_bodies(pages.iter().map(|p| {
            let keep: Vec<bool> = p.labels.iter().map(|l| l.article).collect();
            (p.id.clone(), body_of(&p.seg, &keep))
        })),
        other => {
            eprintln!("presslens-train-clean: unknown command {other}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("presslens-train-clean: {e}");
            ExitCode::from(1)
        }
    }
}

/// Reads the cases and segments and labels every page.
fn load(cases: &Path, mode: Mode) -> Result<Vec<Page>, String> {
    let base = cases.parent().unwrap_or(Path::new("."));
    let text = std::fs::read_to_string(cases).map_err(|e| format!("cannot read {}: {e}", cases.display()))?;
    let mut pages = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let c: Value = serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", cases.display(), n + 1))?;
        let field = |k: &str| c.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        let (key, name) = match mode {
            Mode::Text => ("pasted_path", "pasted.txt"),
            Mode::Html => ("html_path", "page.html"),
        };
        let path = base.join(field(key));
        let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let Ok(doc) = decode(name, &bytes) else {
            continue;
        };
        let seg = segment(&doc);
        let labels = align::labels(&seg, &field("gold_body"));
        let total: f64 = labels.iter().map(|l| l.tokens as f64 + WEIGHT_FLOOR_TOKENS).sum();
        let weights = labels
            .iter()
            .map(|l| (l.tokens as f64 + WEIGHT_FLOOR_TOKENS) / total.max(1.0) * 100.0)
            .collect();
        pages.push(Page {
            id: field("id"),
            site: site_of(&field("url")),
            seg,
            labels,
            weights,
        });
    }
    Ok(pages)
}

/// The site of a URL: its host without `www.`, cut to the registered name (`a.b.example.co.uk`
/// → `example.co.uk`).
fn site_of(url: &str) -> String {
    let host = url.split("//").nth(1).unwrap_or(url).split('/').next().unwrap_or("");
    let labels: Vec<&str> = host.split('.').collect();
    let keep = if labels.len() >= 3 && labels[labels.len() - 2].len() <= 3 {
        3
    } else {
        2
    };
    labels[labels.len().saturating_sub(keep)..].join(".")
}

/// Fold of each page: sites sorted by name, dealt round-robin.
fn folds_by_site(pages: &[&Page], k: usize) -> Vec<usize> {
    folds_by_site_seeded(pages, k, 0)
}

/// Fold of each page: sites in an order fixed by `seed` (0: by name), dealt round-robin.
/// Other seeds give other, equally honest splits, to see how much a score owes to one split.
fn folds_by_site_seeded(pages: &[&Page], k: usize, seed: u64) -> Vec<usize> {
    let sites: BTreeSet<&str> = pages.iter().map(|p| p.site.as_str()).collect();
    let mut sites: Vec<&str> = sites.into_iter().collect();
    if seed != 0 {
        sites.sort_by_key(|s| {
            // FNV-1a of seed and name: stable across platforms and releases
            let mut h: u64 = 0xcbf29ce484222325 ^ seed.wrapping_mul(0x100000001b3);
            for b in s.bytes() {
                h = (h ^ b as u64).wrapping_mul(0x100000001b3);
            }
            h
        });
    }
    let fold_of: HashMap<&str, usize> = sites.into_iter().enumerate().map(|(i, s)| (s, i % k)).collect();
    pages.iter().map(|p| fold_of[p.site.as_str()]).collect()
}

/// Tokens that name sites: every label of every case's host. A vocabulary word must not be one.
fn domain_words(pages: &[&Page]) -> BTreeSet<String> {
    pages
        .iter()
        .flat_map(|p| p.site.split('.').map(str::to_lowercase).collect::<Vec<_>>())
        .collect()
}

/// Learns the boilerplate vocabulary from labelled pages: each word's smoothed log-odds of
/// appearing in a non-article block rather than an article block, kept when it leans that way
/// on at least [`MIN_VOCAB_SITES`] sites and is not a name or a domain.
fn learn_vocab(pages: &[&Page], banned: &BTreeSet<String>) -> Vocab {
    #[derive(Default)]
    struct Count {
        blocks: BlockCount,
        seen: usize,
        lowercase: usize,
    }
    let mut counts: BTreeMap<String, Count> = BTreeMap::new();
    let (mut n_neg, mut n_pos) = (0f64, 0f64);
    for p in pages {
        for (b, l) in p.seg.blocks.iter().zip(&p.labels) {
            if l.article {
                n_pos += 1.0;
            } else {
                n_neg += 1.0;
            }
            let mut seen_here = BTreeSet::new();
            for raw in b.text.split(|c: char| !c.is_alphanumeric()) {
                if raw.chars().nth(1).is_none() || raw.chars().all(|c| c.is_ascii_digit()) {
                    continue;
                }
                let w = raw.to_lowercase();
                let c = counts.entry(w.clone()).or_default();
                c.seen += 1;
                if raw.chars().next().is_some_and(char::is_lowercase) {
                    c.lowercase += 1;
                }
                if seen_here.insert(w) {
                    c.blocks.add(l.article, &p.site);
                }
            }
        }
    }
    let counts = counts
        .into_iter()
        .filter(|(w, c)| {
            !banned.contains(w)
                && c.lowercase as f64 >= MIN_LOWERCASE_SHARE * c.seen as f64
                && w.chars().any(char::is_alphabetic)
        })
        .map(|(w, c)| (w, c.blocks));
    let words = Leaning {
        n_neg,
        n_pos,
        min_sites: MIN_VOCAB_SITES,
        per_side: MAX_VOCAB_PER_SIDE,
    };
    words.select(counts, "")
}

/// How many article and non-article blocks a word was counted in, and on which sites.
#[derive(Default)]
struct BlockCount {
    neg: f64,
    pos: f64,
    neg_sites: BTreeSet<String>,
    pos_sites: BTreeSet<String>,
}

impl BlockCount {
    fn add(&mut self, article: bool, site: &str) {
        if article {
            self.pos += 1.0;
            self.pos_sites.insert(site.to_string());
        } else {
            self.neg += 1.0;
            self.neg_sites.insert(site.to_string());
        }
    }
}

/// How words are chosen for a vocabulary: the totals of non-article and article blocks, the
/// sites a word must lean its way on, and how many words each side keeps.
struct Leaning {
    n_neg: f64,
    n_pos: f64,
    min_sites: usize,
    per_side: usize,
}

impl Leaning {
    /// Each word's smoothed log-odds of being counted in a non-article rather than an article
    /// block; the words that lean one way by [`MIN_VOCAB_WEIGHT`] on `min_sites` sites, the
    /// strongest `per_side` of each side, keyed `prefix` + word, weights to three decimals.
    fn select(&self, counts: impl Iterator<Item = (String, BlockCount)>, prefix: &str) -> Vocab {
        let mut scored: Vec<(f64, String, f64)> = counts
            .filter_map(|(w, c)| {
                let lo = ((c.neg + 0.5) / (self.n_neg + 1.0) / ((c.pos + 0.5) / (self.n_pos + 1.0))).ln();
                let sites = if lo > 0.0 { c.neg_sites.len() } else { c.pos_sites.len() };
                (sites >= self.min_sites && lo.abs() >= MIN_VOCAB_WEIGHT)
                    .then(|| (lo.abs() * (sites as f64).sqrt(), w, lo))
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let boilerplate = scored.iter().filter(|s| s.2 > 0.0).take(self.per_side);
        let article = scored.iter().filter(|s| s.2 < 0.0).take(self.per_side);
        boilerplate
            .chain(article)
            .map(|(_, w, lo)| (format!("{prefix}{w}"), (*lo * 1000.0).round() as f32 / 1000.0))
            .collect()
    }
}

/// Learns the weights of markup words ([`presslens::segment::BlockTree::words`]: class and id
/// words) as [`learn_vocab`] learns the text's: each word's smoothed log-odds of being around
/// a non-article block rather than an article block (the words of a block's element and its
/// ancestors, [`features::MARKUP_LEVELS`] levels, each once a block), kept when it leans that way
/// on at least [`MIN_MARKUP_SITES`] sites and is not a domain's label. Keys get
/// [`features::MARKUP_PREFIX`], so both vocabularies share one table in the model file.
fn learn_markup_vocab(pages: &[&Page], banned: &BTreeSet<String>) -> Vocab {
    let mut counts: BTreeMap<String, BlockCount> = BTreeMap::new();
    let (mut n_neg, mut n_pos) = (0f64, 0f64);
    for p in pages {
        let tree = &p.seg.tree;
        if tree.element.len() != p.labels.len() || tree.words.len() != tree.parent.len() {
            continue;
        }
        for (&e, l) in tree.element.iter().zip(&p.labels) {
            if l.article {
                n_pos += 1.0;
            } else {
                n_neg += 1.0;
            }
            let mut seen_here = BTreeSet::new();
            let mut at = e;
            for _ in 0..features::MARKUP_LEVELS {
                for w in &tree.words[at as usize] {
                    if seen_here.insert(w.as_ref()) {
                        counts.entry(w.to_string()).or_default().add(l.article, &p.site);
                    }
                }
                at = tree.parent[at as usize];
                if at == BlockTree::ROOT {
                    break;
                }
            }
        }
    }
    let words = Leaning {
        n_neg,
        n_pos,
        min_sites: MIN_MARKUP_SITES,
        per_side: MAX_MARKUP_PER_SIDE,
    };
    words.select(
        counts.into_iter().filter(|(w, _)| !banned.contains(w)),
        &features::MARKUP_PREFIX.to_string(),
    )
}

/// The vocabulary of a model: the text's words, and for HTML the markup words too.
fn learn_all_vocab(pages: &[&Page], banned: &BTreeSet<String>, mode: Mode) -> Vocab {
    let mut v = learn_vocab(pages, banned);
    if mode == Mode::Html {
        v.extend(learn_markup_vocab(pages, banned));
    }
    v
}

/// Stage-1 rows of a page with a given vocabulary. The text model learns from the HTML view's
/// blocks without the text-layout features, which text never has: seeing them, it spent trees
/// on the HTML rows and cleaned pasted text worse (5-fold CV, three splits: 0.9140 -> 0.9081).
fn page_rows(p: &Page, vocab: &Vocab, mode: Mode) -> (Vec<[f32; N_BASE]>, Vec<features::Shape>) {
    let (mut rows, shapes) = features::rows(&p.seg, &features::Lexicon::new(vocab));
    if mode == Mode::Text {
        for row in &mut rows {
            row[features::LAYOUT_AT..].fill(0.0);
        }
    }
    (rows, shapes)
}

/// Trains a model on `pages` (see the file header for the steps).
fn train(pages: &[&Page], params: &gbdt::Params, mode: Mode) -> Model {
    let banned = domain_words(pages);
    let inner = folds_by_site(pages, INNER_FOLDS);
    // 2. out-of-fold vocabulary features
    let mut base: Vec<Vec<[f32; N_BASE]>> = vec![Vec::new(); pages.len()];
    let mut shapes: Vec<Vec<features::Shape>> = vec![Vec::new(); pages.len()];
    for f in 0..INNER_FOLDS {
        let others: Vec<&Page> = pages
            .iter()
            .zip(&inner)
            .filter(|(_, &g)| g != f)
            .map(|(p, _)| *p)
            .collect();
        let vocab = learn_all_vocab(&others, &banned, mode);
        for (i, p) in pages.iter().enumerate().filter(|(i, _)| inner[*i] == f) {
            let (r, s) = page_rows(p, &vocab, mode);
            base[i] = r;
            shapes[i] = s;
        }
    }
    let flat = |sel: &dyn Fn(usize) -> bool| {
        let (mut x, mut y, mut w) = (Vec::new(), Vec::new(), Vec::new());
        for (i, p) in pages.iter().enumerate().filter(|(i, _)| sel(*i)) {
            for (k, row) in base[i].iter().enumerate() {
                x.push(row.to_vec());
                y.push(p.labels[k].article);
                w.push(p.weights[k]);
            }
        }
        (x, y, w)
    };
    // 3. stage 1 on everything, and out-of-fold stage-1 probabilities for stage 2
    let (x, y, w) = flat(&|_| true);
    let stage1 = gbdt::fit(&x, &y, &w, params);
    let mut p1: Vec<Vec<f32>> = vec![Vec::new(); pages.len()];
    for f in 0..INNER_FOLDS {
        let (xf, yf, wf) = flat(&|i| inner[i] != f);
        let s1 = gbdt::fit(&xf, &yf, &wf, params);
        for i in (0..pages.len()).filter(|&i| inner[i] == f) {
            p1[i] = base[i].iter().map(|r| s1.probability(r)).collect();
        }
    }
    // The text model never sees an element tree, so it learns from the HTML view's blocks
    // without the tree's votes, as text would come.
    let no_tree = BlockTree::default();
    let (mut x2, mut y2, mut w2) = (Vec::new(), Vec::new(), Vec::new());
    for (i, p) in pages.iter().enumerate() {
        let tree = if mode == Mode::Html { &p.seg.tree } else { &no_tree };
        for (k, row) in features::stage2_rows(&base[i], &shapes[i], tree, &p1[i])
            .into_iter()
            .enumerate()
        {
            x2.push(row.to_vec());
            y2.push(p.labels[k].article);
            w2.push(p.weights[k]);
        }
    }
    let stage2 = if params.stage2 {
        gbdt::fit(&x2, &y2, &w2, params)
    } else {
        Default::default()
    };
    // 4. the vocabulary the product will use
    Model {
        vocab: learn_all_vocab(pages, &banned, mode),
        stage1,
        stage2,
        threshold: if mode == Mode::Html { HTML_THRESHOLD } else { 0.5 },
    }
}

/// K-fold by site: each page cleaned by a model trained without its site.
fn cross_validate(pages: &[Page], extra: &[Page], args: &Args) -> io::Result<()> {
    let (k, params, debug) = (args.folds, &args.params, args.debug.as_deref());
    let all: Vec<&Page> = pages.iter().collect();
    let folds = folds_by_site_seeded(&all, k, args.seed);
    let extra: Vec<&Page> = extra.iter().collect();
    // the same sites, so the same folds: a held-out site is held out in both views
    let extra_folds = folds_by_site_seeded(&extra, k, args.seed);
    let mut out: Vec<(usize, String)> = Vec::new();
    // the folds' models, two at a time (the machine has two cores)
    let mut models: Vec<Option<Model>> = vec![None; k];
    for pair in (0..k).collect::<Vec<_>>().chunks(args.threads.max(1)) {
        let trained: Vec<(usize, Model)> = std::thread::scope(|scope| {
            let handles: Vec<_> = pair
                .iter()
                .map(|&f| {
                    let train_pages: Vec<&Page> = all
                        .iter()
                        .zip(&folds)
                        .chain(extra.iter().zip(&extra_folds))
                        .filter(|(_, &g)| g != f)
                        .map(|(p, _)| *p)
                        .collect();
                    scope.spawn(move || (f, train(&train_pages, params, args.mode)))
                })
                .collect();
            handles.into_iter().filter_map(|h| h.join().ok()).collect()
        });
        for (f, m) in trained {
            models[f] = Some(m);
        }
    }
    for f in 0..k {
        let train_pages = folds.iter().filter(|&&g| g != f).count();
        let Some(model) = models[f].take() else { continue };
        let mut agree = (0usize, 0usize);
        for (i, p) in all.iter().enumerate().filter(|(i, _)| folds[*i] == f) {
            let keep = decide(&p.seg, &model);
            agree.0 += keep.iter().zip(&p.labels).filter(|(k, l)| **k == l.article).count();
            agree.1 += keep.len();
            let cleaned = clean_with(&p.seg, &model);
            if debug.is_some_and(|d| p.id.starts_with(d)) {
                // per block: gold label (A), kept in the body (K), chosen by the model before the
                // fixed steps (d), the two stages' probabilities, the tree's votes, words, tokens
                let (rows, shapes) = features::rows(&p.seg, model.scorer().lexicon());
                let (p1, p2) = model.predict(&rows, &shapes, &p.seg.tree);
                let rows2 = features::stage2_rows(&rows, &shapes, &p.seg.tree, &p1);
                let votes_at = features::STAGE2_NAMES
                    .iter()
                    .position(|n| *n == "p_tree_element")
                    .unwrap_or(0)
                    + N_BASE;
                let kept: BTreeSet<&str> = cleaned.body.split("\n\n").collect();
                eprintln!("== {}", p.id);
                if args.debug_json {
                    for (k, b) in p.seg.blocks.iter().enumerate() {
                        eprintln!(
                            "J {}",
                            json!({"id": p.id, "k": k, "a": p.labels[k].article, "d": keep[k], "p1": p1[k], "p2": p2[k],
                                "votes": rows2[k][votes_at..].to_vec(), "text": b.text, "prose": shapes[k].prose,
                                "lw": shapes[k].log_words, "strong": shapes[k].strong_rule,
                                "el": p.seg.tree.element.get(k), "kind": format!("{:?}", b.kind)})
                        );
                    }
                }
                for (k, b) in p.seg.blocks.iter().enumerate().filter(|_| !args.debug_json) {
                    let text: String = b.text.chars().take(100).collect();
                    let votes: Vec<String> = rows2[k][votes_at..].iter().map(|v| format!("{v:.2}")).collect();
                    eprintln!(
                        "{} {} {} p1 {:.2} p2 {:.2} tree[{}] w{} tok{} | {text}",
                        if p.labels[k].article { "A" } else { "." },
                        if kept.contains(b.text.as_str()) { "K" } else { " " },
                        if keep[k] { "d" } else { " " },
                        p1[k],
                        p2[k],
                        votes.join(" "),
                        shapes[k].word_count,
                        p.labels[k].tokens
                    );
                }
            }
            out.push((i, cleaned.body));
        }
        eprintln!(
            "fold {f}: trained on {} pages, block accuracy on the held-out fold {:.3}",
            train_pages,
            agree.0 as f64 / agree.1.max(1) as f64
        );
    }
    out.sort_by_key(|(i, _)| *i);
    print_bodies(out.into_iter().map(|(i, body)| (pages[i].id.clone(), body)))
}

/// In-process cleaning speed with the shipped model: every page's text (pasted or HTML),
/// decoded, segmented and cleaned `--reps` times (default 20), in MB of input per second.
fn bench(args: &Args) -> io::Result<()> {
    let base = args.cases.parent().unwrap_or(Path::new("."));
    let text = std::fs::read_to_string(&args.cases)?;
    let key = if args.mode == Mode::Html {
        "html_path"
    } else {
        "pasted_path"
    };
    let name = if args.mode == Mode::Html {
        "page.html"
    } else {
        "pasted.txt"
    };
    let mut docs: Vec<Vec<u8>> = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let c: Value = serde_json::from_str(line).map_err(io::Error::other)?;
        let path = c.get(key).and_then(Value::as_str).unwrap_or("");
        docs.push(std::fs::read(base.join(path))?);
    }
    let bytes: usize = docs.iter().map(Vec::len).sum::<usize>() * args.reps;
    let start = std::time::Instant::now();
    let cpu_start = thread_cpu_seconds();
    let mut kept = 0usize;
    // Each pass over the pages is timed too: on a shared machine the fastest pass is the
    // code's own speed, the median what a user sees.
    let mut passes = Vec::with_capacity(args.reps);
    for _ in 0..args.reps {
        let pass = std::time::Instant::now();
        for d in &docs {
            if let Ok(doc) = decode(name, d) {
                kept += presslens::clean::clean(&segment(&doc)).body.len();
            }
        }
        passes.push(pass.elapsed().as_secs_f64());
    }
    let secs = start.elapsed().as_secs_f64();
    let cpu = match (cpu_start, thread_cpu_seconds()) {
        (Some(a), Some(b)) => format!(", {:.1} MB per CPU second", bytes as f64 / 1e6 / (b - a)),
        _ => String::new(),
    };
    passes.sort_by(f64::total_cmp);
    let pass_mb = bytes as f64 / 1e6 / args.reps.max(1) as f64;
    let (best, median) = (passes.first().copied(), passes.get(passes.len() / 2).copied());
    let per_pass = match (best, median) {
        (Some(best), Some(median)) => format!(
            "; a pass: best {:.1} MB/s, median {:.1} MB/s",
            pass_mb / best,
            pass_mb / median
        ),
        _ => String::new(),
    };
    println!(
        "{}: {:.1} MB in {:.2} s = {:.1} MB/s{cpu}{per_pass} (decode + segment + clean, one thread; {} bytes kept)",
        if args.mode == Mode::Html { "html" } else { "pasted" },
        bytes as f64 / 1e6,
        secs,
        bytes as f64 / 1e6 / secs,
        kept
    );
    // Where the time goes: each stage timed alone over the same documents.
    let model = if args.mode == Mode::Html {
        presslens::clean::html_model()
    } else {
        presslens::clean::text_model()
    };
    let scorer = model.scorer();
    let time = |f: &mut dyn FnMut()| {
        let t = std::time::Instant::now();
        f();
        t.elapsed().as_secs_f64() / secs * 100.0
    };
    let mut decoded = Vec::new();
    let t_decode = time(&mut || {
        for _ in 0..args.reps {
            decoded = docs.iter().filter_map(|d| decode(name, d).ok()).collect();
        }
    });
    let mut segs = Vec::new();
    let t_segment = time(&mut || {
        for _ in 0..args.reps {
            segs = decoded.iter().map(segment).collect();
        }
    });
    let mut rows = Vec::new();
    let t_features = time(&mut || {
        for _ in 0..args.reps {
            rows = segs.iter().map(|s| features::rows(s, scorer.lexicon())).collect();
        }
    });
    let t_trees = time(&mut || {
        for _ in 0..args.reps {
            for ((r, sh), seg) in rows.iter().zip(&segs) {
                kept += scorer.predict(r, sh, &seg.tree).1.len();
            }
        }
    });
    let blocks: usize = segs.iter().map(|s| s.blocks.len()).sum();
    println!(
        "  shares of the time: decode {t_decode:.0}%, segment {t_segment:.0}%, features {t_features:.0}%, \
         trees {t_trees:.0}%, the rest {:.0}%; {:.2} µs a block ({blocks} blocks a pass)",
        100.0 - t_decode - t_segment - t_features - t_trees,
        secs * 1e6 / (blocks * args.reps) as f64
    );
    Ok(())
}

/// This thread's time on a CPU so far, in seconds (Linux `schedstat`; `None` elsewhere): on a
/// shared machine the wall time also counts the time other processes held the CPU.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(stat.split_whitespace().next()?.parse::<f64>().ok()? / 1e9)
}

/// Prints each block of each file with stage-1 and stage-2 probabilities, kept (`K`) or the
/// reason it was dropped.
fn explain(args: &Args) -> io::Result<()> {
    let model = match &args.model {
        Some(path) => Model::from_text(&std::fs::read_to_string(path)?).map_err(|e| io::Error::other(e.to_string()))?,
        None => Model::default(),
    };
    for path in &args.files {
        let bytes = std::fs::read(path)?;
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("input.txt");
        let doc = decode(name, &bytes).map_err(|e| io::Error::other(e.to_string()))?;
        let seg = segment(&doc);
        let model = if args.model.is_some() {
            &model
        } else if seg.html {
            presslens::clean::html_model()
        } else {
            presslens::clean::text_model()
        };
        let cleaned = clean_with(&seg, model);
        let (rows, shapes) = features::rows(&seg, model.scorer().lexicon());
        let (p1, p2) = model.predict(&rows, &shapes, &seg.tree);
        println!(
            "== {} ({} blocks) meta {:?}",
            path.display(),
            seg.blocks.len(),
            cleaned.meta
        );
        let mut dropped = cleaned.dropped.iter().peekable();
        for (k, b) in seg.blocks.iter().enumerate() {
            let reason = match dropped.peek() {
                Some(d) if d.span == b.span => {
                    let r = format!("{:?}", d.reason);
                    dropped.next();
                    r
                }
                _ => "K".into(),
            };
            let text: String = b.text.chars().take(110).collect();
            println!("{k:4} {reason:>10} p1 {:.2} p2 {:.2} | {text}", p1[k], p2[k]);
        }
    }
    Ok(())
}

/// The body the product would make from a choice of blocks.
fn body_of(seg: &Segmented, keep: &[bool]) -> String {
    seg.blocks
        .iter()
        .zip(keep)
        .filter(|(_, k)| **k)
        .map(|(b, _)| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn print_bodies(bodies: impl Iterator<Item = (String, String)>) -> io::Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    for (id, text) in bodies {
        serde_json::to_writer(&mut out, &json!({"id": id, "text": text}))?;
        out.write_all(b"\n")?;
    }
    out.flush()
}
