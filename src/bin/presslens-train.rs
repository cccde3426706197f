//! `presslens-train`: builds the entity tagger's model file (see `presslens::tag::train`).
//!
//! Reads CoNLL-2003 and Reuters-21578 from `../shared/data` (research-use data: read at training
//! time, never copied into the repository), the gazetteers from `models/gazetteers.txt`, and
//! writes `models/ner.model`. Deterministic: the same inputs and seed give the same file.
//! Word classes take most of the time; `--reuse-clusters` takes them from the cache in
//! `target/presslens-train/` instead of recomputing them.

use std::fs;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use presslens::tag::brown;
use presslens::tag::features::Lexicon;
use presslens::tag::lexicon::{Gazetteers, WordStats};
use presslens::tag::model::{Model, ModelParts};
use presslens::tag::train::{
    clusters_text, corpus_sentences, evaluate, parse_labeled, prepare, tag_with, train, word_stats, LabeledDoc,
    Prepared, TrainConfig,
};

const USAGE: &str = "\
presslens-train: trains the entity tagger and writes its model file

USAGE: presslens-train [OPTIONS]
       presslens-train bench FILE.jsonl   time loading the embedded model and tagging FILE's texts

    --data DIR          shared data folder (default ../shared/data)
    --out FILE          model file to write (default models/ner.model)
    --gazetteers FILE   gazetteer text (default models/gazetteers.txt)
    --epochs N          perceptron epochs (default 12)
    --seed N            shuffling seed (default 1)
    --classes N         Brown clusters (default 600)
    --reuse-clusters    take word classes from target/presslens-train/ if there
    --also-tokenized    train on train.jsonl as well as train.detok.jsonl
    --no-dev            do not evaluate on dev.detok.jsonl after each epoch";

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
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        data: "../shared/data".into(),
        out: "models/ner.model".into(),
        gazetteers: "models/gazetteers.txt".into(),
        epochs: 12,
        seed: 1,
        classes: 600,
        reuse_clusters: false,
        also_tokenized: false,
        dev: true,
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
            "--also-tokenized" => a.also_tokenized = true,
            "--no-dev" => a.dev = false,
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
    let mut train_docs = read_labeled(&conll.join("train.detok.jsonl"))?;
    let n_detok = train_docs.len();
    if args.also_tokenized {
        train_docs.extend(read_labeled(&conll.join("train.jsonl"))?);
    }
    let dev_docs = if args.dev {
        read_labeled(&conll.join("dev.detok.jsonl"))?
    } else {
        Vec::new()
    };
    log(format!(
        "{} training documents, {} dev documents",
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
    let perceptron = train(&train_set, &config, |epoch, p, right| {
        let mut msg = format!(
            "epoch {:>2}: {:.3} of sentences right, {} features",
            epoch + 1,
            right,
            p.n_features()
        );
        if !dev_set.is_empty() {
            let (rows, trans) = p.averaged();
            let table = rows.into_iter().collect();
            let s = evaluate(&dev_set, |d| tag_with(&table, &trans, d));
            msg += &format!(", dev F1 {:.4}", s.overall().2);
        }
        log(msg);
    });
    let (rows, trans) = perceptron.averaged();
    let parts = ModelParts {
        lexicon: lex,
        transitions: trans.iter().flatten().copied().collect(),
        rows,
    };
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
        let s = evaluate(&dev_set, |d| model.tag_document(d));
        log(format!("dev.detok with the written model:\n{}", s.report()));
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
