//! `presslens-train`: builds the entity tagger's model file (see `presslens::tag::train`).
//!
//! Reads CoNLL-2003 and Reuters-21578 from `../shared/data` (research-use data: read at training
//! time, never copied into the repository), the gazetteers from `models/gazetteers.txt`, and
//! writes `models/ner.model`. Deterministic: the same inputs and seed give the same file.
//! Word classes take most of the time; `--reuse-clusters` takes them from the cache in
//! `target/presslens-train/` instead of recomputing them.

use std::collections::HashMap;
use std::fs;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use presslens::tag::brown;
use presslens::tag::features::Lexicon;
use presslens::tag::lexicon::{Gazetteers, WordStats};
use presslens::tag::model::{Model, ModelParts, PassParts, Transitions, N_TAGS};
use presslens::tag::train::{
    augment, clusters_text, corpus_sentences, evaluate, jackknife, parse_labeled, prepare, tag_with, train, word_stats,
    LabeledDoc, Prepared, Rng, TrainConfig,
};

const USAGE: &str = "\
presslens-train: trains the entity tagger and writes its model file

USAGE: presslens-train [OPTIONS]
       presslens-train bench FILE.jsonl   time loading the embedded model and tagging FILE's texts

    --data DIR          shared data folder (default ../shared/data)
    --out FILE          model file to write (default models/ner.model)
    --gazetteers FILE   gazetteer text (default models/gazetteers.txt)
    --epochs N          perceptron epochs (default 10)
    --seed N            shuffling seed (default 1)
    --classes N         Brown clusters (default 600)
    --reuse-clusters    take word classes from target/presslens-train/ if there
    --detok-only        train on train.detok.jsonl only, not also on train.jsonl
    --no-dev            do not evaluate on dev.detok.jsonl after each epoch
    --holdout K[:J]     hold every K-th training document out (those with index % K = J) and evaluate on those instead of
                        dev (for choosing settings without looking at dev)
    --errors FILE       write the evaluation documents' wrong spans to FILE
    --passes N          1, or 2 for a second pass that sees the first one's tags (default 2)
    --folds K           folds for the first-pass tags the second pass trains on (default 5)
    --no-augment        no Title Case headlines and honorifics in the second copy
    -v, --verbose       evaluate after every epoch, not only the last";

struct Args {
    data: PathBuf,
    out: PathBuf,
    gazetteers: PathBuf,
    epochs: usize,
    seed: u64,
    classes: usize,
    reuse_clusters: bool,
    also_tokenized: bool,
    dev: bool,
    holdout: usize,
    holdout_offset: usize,
    errors: Option<PathBuf>,
    passes: usize,
    folds: usize,
    verbose: bool,
    augment: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        data: "../shared/data".into(),
        out: "models/ner.model".into(),
        gazetteers: "models/gazetteers.txt".into(),
        epochs: 10,
        seed: 1,
        classes: 600,
        reuse_clusters: false,
        also_tokenized: true,
        dev: true,
        holdout: 0,
        holdout_offset: 0,
        errors: None,
        passes: 2,
        folds: 5,
        verbose: false,
        augment: true,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--data" => a.data = value()?.into(),
            "--out" => a.out = value()?.into(),
            "--gazetteers" => a.gazetteers = value()?.into(),
            "--epochs" => a.epochs = value()?.parse().map_err(|e| format!("--epochs: {e}"))?,
            "--seed" => a.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--classes" => a.classes = value()?.parse().map_err(|e| format!("--classes: {e}"))?,
            "--reuse-clusters" => a.reuse_clusters = true,
            "--detok-only" => a.also_tokenized = false,
            "--no-dev" => a.dev = false,
            "--errors" => a.errors = Some(value()?.into()),
            "--passes" => a.passes = value()?.parse().map_err(|e| format!("--passes: {e}"))?,
            "--folds" => a.folds = value()?.parse().map_err(|e| format!("--folds: {e}"))?,
            "-v" | "--verbose" => a.verbose = true,
            "--no-augment" => a.augment = false,
            "--holdout" => {
                let v = value()?;
                let (k, off) = v.split_once(':').unwrap_or((&v, ""));
                a.holdout = k.parse().map_err(|e| format!("--holdout: {e}"))?;
                a.holdout_offset = if off.is_empty() {
                    a.holdout / 2
                } else {
                    off.parse().map_err(|e| format!("--holdout: {e}"))?
                };
            }
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument {other}\n\n{USAGE}")),
        }
    }
    Ok(a)
}

fn read_labeled(path: &Path) -> io::Result<Vec<LabeledDoc>> {
    let f = io::BufReader::new(fs::File::open(path)?);
    let mut out = Vec::new();
    for (n, line) in f.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let doc = parse_labeled(&line)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("{}:{}: {e}", path.display(), n + 1)))?;
        out.push(doc);
    }
    Ok(out)
}

fn read_texts(path: &Path) -> io::Result<Vec<String>> {
    let f = io::BufReader::new(fs::File::open(path)?);
    let mut out = Vec::new();
    for line in f.lines() {
        let line = line?;
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) {
            if let Some(t) = v["text"].as_str() {
                out.push(t.to_string());
            }
        }
    }
    Ok(out)
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    if argv.first().map(String::as_str) == Some("bench") {
        let Some(path) = argv.get(1) else {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        };
        return match bench(Path::new(path)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("presslens-train: {e}");
                ExitCode::from(1)
            }
        };
    }
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("presslens-train: {e}");
            ExitCode::from(1)
        }
    }
}

fn run(args: &Args) -> io::Result<()> {
    let started = Instant::now();
    let log = |msg: String| {
        eprintln!("[{:>6.1}s] {msg}", started.elapsed().as_secs_f64());
    };
    let conll = args.data.join("conll2003");
    // With --holdout K, every K-th training document (in both tokenisations) is set aside
    // and evaluated on instead of dev.
    let held = |i: usize| args.holdout > 0 && i % args.holdout == args.holdout_offset;
    let split = |docs: Vec<LabeledDoc>| -> (Vec<LabeledDoc>, Vec<LabeledDoc>) {
        let (out, keep): (Vec<_>, Vec<_>) = docs.into_iter().enumerate().partition(|(i, _)| held(*i));
        (
            keep.into_iter().map(|p| p.1).collect(),
            out.into_iter().map(|p| p.1).collect(),
        )
    };
    let (mut train_docs, held_out) = split(read_labeled(&conll.join("train.detok.jsonl"))?);
    let n_detok = train_docs.len();
    // A document and its other tokenisation share a fold.
    let mut fold_of: Vec<usize> = (0..n_detok).map(|i| i % args.folds.max(1)).collect();
    if args.also_tokenized {
        // The second copy carries the current-news variants (see `augment`).
        let honorifics = honorifics_of(&fs::read_to_string(&args.gazetteers)?);
        let mut rng = Rng::new(args.seed ^ 0xa5a5);
        let copy = split(read_labeled(&conll.join("train.jsonl"))?).0;
        train_docs.extend(copy.iter().map(|d| {
            if args.augment {
                augment(d, &honorifics, &mut rng)
            } else {
                d.clone()
            }
        }));
        fold_of.extend((0..train_docs.len() - n_detok).map(|i| i % args.folds.max(1)));
    }
    let dev_docs = if args.holdout > 0 {
        held_out
    } else if args.dev {
        read_labeled(&conll.join("dev.detok.jsonl"))?
    } else {
        Vec::new()
    };
    let eval_name = if args.holdout > 0 { "held-out" } else { "dev" };
    log(format!(
        "{} training documents, {} {eval_name} documents",
        train_docs.len(),
        dev_docs.len()
    ));

    // Word classes and statistics from the unlabeled newswire plus the training text.
    let cache = PathBuf::from("target/presslens-train");
    let (clusters_path, stats_path) = (cache.join("clusters.txt"), cache.join("stats.txt"));
    let (clusters, stats) = if args.reuse_clusters && clusters_path.exists() && stats_path.exists() {
        log(format!("word classes from {}", clusters_path.display()));
        (fs::read_to_string(&clusters_path)?, fs::read_to_string(&stats_path)?)
    } else {
        let mut sentences = Vec::new();
        for t in read_texts(&args.data.join("unlabeled/reuters21578.jsonl"))? {
            corpus_sentences(&t, &mut sentences);
        }
        for d in &train_docs[..n_detok] {
            corpus_sentences(&d.text, &mut sentences);
        }
        let tokens: usize = sentences.iter().map(Vec::len).sum();
        log(format!(
            "unlabeled: {} sentences, {tokens} tokens; clustering into {} classes",
            sentences.len(),
            args.classes
        ));
        let stats = word_stats(&sentences, 2);
        let paths = brown::cluster(&sentences, args.classes, 3, |w, v| {
            if w % 2000 == 0 {
                log(format!("  clustering: word {w} of {v}"));
            }
        });
        let clusters = clusters_text(&paths);
        fs::create_dir_all(&cache)?;
        fs::write(&clusters_path, &clusters)?;
        fs::write(&stats_path, &stats)?;
        log(format!("{} words clustered", paths.len()));
        (clusters, stats)
    };
    let gazetteers = fs::read_to_string(&args.gazetteers)?;
    let lex = Lexicon {
        gazetteers: Gazetteers::parse(&gazetteers),
        words: WordStats::parse(&clusters, &stats),
    };

    let train_set: Vec<Prepared> = train_docs.iter().map(|d| prepare(d, &lex)).collect();
    let dev_set: Vec<Prepared> = dev_docs.iter().map(|d| prepare(d, &lex)).collect();
    let count = |set: &[Prepared]| {
        (
            set.iter().map(|p| p.gold_spans.len()).sum::<usize>(),
            set.iter().map(|p| p.misaligned).sum::<usize>(),
        )
    };
    let (tg, tm) = count(&train_set);
    let (dg, dm) = count(&dev_set);
    log(format!(
        "gold entities off token edges: train {tm} of {tg}, dev {dm} of {dg}"
    ));

    let config = TrainConfig {
        epochs: args.epochs,
        seed: args.seed,
    };
    let mut train_set = train_set;
    let mut dev_set = dev_set;
    let mut passes = Vec::new();
    for pass in 0..args.passes {
        if pass > 0 {
            // The second pass learns from first-pass tags of text the first pass has not seen.
            log(format!(
                "pass {}: first-pass tags of the training text, {} folds",
                pass + 1,
                args.folds
            ));
            let tags = jackknife(&train_set, &fold_of, args.folds, &config);
            for (d, t) in train_set.iter_mut().zip(&tags) {
                d.doc.set_first_pass(Some(t));
            }
            let prev: &PassParts = &passes[pass - 1];
            let table: HashMap<u32, [f32; N_TAGS]> = prev.rows.iter().cloned().collect();
            let trans = transitions_of(prev);
            for d in dev_set.iter_mut() {
                let t = tag_with(&table, &trans, &d.doc);
                d.doc.set_first_pass(Some(&t));
            }
        }
        let refs: Vec<&Prepared> = train_set.iter().collect();
        let perceptron = train(&refs, &config, |epoch, p, right| {
            let mut msg = format!(
                "pass {} epoch {:>2}: {:.3} of sentences right, {} features",
                pass + 1,
                epoch + 1,
                right,
                p.n_features()
            );
            if !dev_set.is_empty() && (args.verbose || epoch + 1 == args.epochs) {
                let (rows, trans) = p.averaged();
                let table = rows.into_iter().collect();
                let s = evaluate(&mut dev_set, |d| tag_with(&table, &trans, d));
                msg += &format!(", {eval_name} F1 {:.4}", s.overall().2);
            }
            log(msg);
        });
        let (rows, trans) = perceptron.averaged();
        passes.push(PassParts {
            transitions: trans.iter().flatten().copied().collect(),
            rows,
        });
    }
    let parts = ModelParts { lexicon: lex, passes };
    let bytes = parts.encode();
    if let Some(dir) = args.out.parent() {
        fs::create_dir_all(dir)?;
    }
    fs::File::create(&args.out)?.write_all(&bytes)?;
    let model = Model::from_bytes(&bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))?;
    log(format!(
        "wrote {} ({} bytes, {} feature rows)",
        args.out.display(),
        bytes.len(),
        model.n_features
    ));
    if !dev_set.is_empty() {
        let s = evaluate(&mut dev_set, |d| model.tag_document(d));
        log(format!("{eval_name} with the written model:\n{}", s.report()));
        if let Some(path) = &args.errors {
            write_errors(path, &dev_docs, &dev_set, &model)?;
        }
    }
    Ok(())
}

/// Times the embedded model's first load, then tokenizing and tagging the texts of a JSON Lines
/// file on one core, repeated until at least `BENCH_BYTES` have gone through.
fn bench(path: &Path) -> io::Result<()> {
    const BENCH_BYTES: usize = 20 << 20;
    const LOAD_REPEATS: u32 = 10;
    let texts = read_texts(path)?;
    let bytes: usize = texts.iter().map(String::len).sum();
    if bytes == 0 {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "no texts"));
    }
    let t0 = Instant::now();
    let model = presslens::tag::model().ok_or_else(|| io::Error::other("the embedded model does not load"))?;
    let load = t0.elapsed();
    let t1 = Instant::now();
    let (mut done, mut spans) = (0usize, 0usize);
    while done < BENCH_BYTES {
        for t in &texts {
            let tokens = presslens::tokenize::tokenize(t);
            spans += presslens::tag::tag(t, &tokens).len();
        }
        done += bytes;
    }
    let secs = t1.elapsed().as_secs_f64();
    // Loading again from the file on disk, a few times: the steady cost, without first-touch
    // page faults of the embedded bytes.
    let again = match fs::read("models/ner.model") {
        Ok(bytes) => {
            let t = Instant::now();
            for _ in 0..LOAD_REPEATS {
                let _ = Model::from_bytes(&bytes);
            }
            format!(
                ", {:.1} ms on later loads",
                t.elapsed().as_secs_f64() * 1e3 / LOAD_REPEATS as f64
            )
        }
        Err(_) => String::new(),
    };
    println!(
        "model load: {:.1} ms first{again} ({} feature rows)",
        load.as_secs_f64() * 1e3,
        model.n_features
    );
    println!(
        "tagging: {:.2} MB/s ({} MB in {secs:.2} s, {spans} spans)",
        done as f64 / 1e6 / secs,
        done as f64 / 1e6
    );
    Ok(())
}

/// Writes each evaluation document's missed and spurious spans with their lines, for reading
/// errors on held-out training documents.
fn write_errors(path: &Path, docs: &[LabeledDoc], prepared: &[Prepared], model: &Model) -> io::Result<()> {
    use presslens::tag::model::{tags_to_spans, KINDS};
    let mut out = io::BufWriter::new(fs::File::create(path)?);
    for (d, p) in docs.iter().zip(prepared) {
        let mut doc = presslens::tag::features::DocInfo::new(&d.text, &p.tokens, &model.lexicon);
        let tags = model.tag_document(&mut doc);
        let pred: Vec<(usize, usize, usize)> = tags_to_spans(&tags)
            .into_iter()
            .map(|(a, b, k)| (p.tokens.tokens[a].start, p.tokens.tokens[b - 1].end, k))
            .collect();
        let line_of = |at: usize| {
            let s = d.text[..at].rfind('\n').map_or(0, |i| i + 1);
            let e = d.text[at..].find('\n').map_or(d.text.len(), |i| at + i);
            &d.text[s..e]
        };
        for g in &d.entities {
            if !pred.contains(g) {
                let got: Vec<String> = pred
                    .iter()
                    .filter(|q| q.0 < g.1 && g.0 < q.1)
                    .map(|q| format!("{}:{}", &d.text[q.0..q.1], KINDS[q.2].as_str()))
                    .collect();
                writeln!(
                    out,
                    "MISS {}:{} got {:?}\t| {}",
                    &d.text[g.0..g.1],
                    KINDS[g.2].as_str(),
                    got,
                    line_of(g.0)
                )?;
            }
        }
        for q in &pred {
            if !d.entities.iter().any(|g| g.0 < q.1 && q.0 < g.1) {
                writeln!(
                    out,
                    "SPUR {}:{}\t| {}",
                    &d.text[q.0..q.1],
                    KINDS[q.2].as_str(),
                    line_of(q.0)
                )?;
            }
        }
    }
    Ok(())
}

fn transitions_of(p: &PassParts) -> Transitions {
    let mut t = [[0.0; N_TAGS]; N_TAGS];
    for (i, v) in p.transitions.iter().enumerate().take(N_TAGS * N_TAGS) {
        t[i / N_TAGS][i % N_TAGS] = *v;
    }
    t
}

/// The `person_prefix` list of the gazetteer text.
fn honorifics_of(gazetteers: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in gazetteers.lines() {
        if let Some(cat) = line.strip_prefix('@') {
            inside = cat == "person_prefix";
        } else if inside && !line.trim().is_empty() {
            out.push(line.trim().to_string());
        }
    }
    out
}
