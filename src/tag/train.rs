//! Training: labeled documents in, a model file out (used by the `presslens-train` binary).
//!
//! In: CoNLL-style JSON Lines (`{"id","text","entities":[{"start","end","label"}]}`, code-point
//! offsets), unlabeled newswire for word classes, the gazetteer text. Out: [`ModelParts`],
//! which encode to the file [`super::model::Model`] reads.
//!
//! The learner is an averaged structured perceptron (Collins 2002) over the same decoding loop
//! the tagger uses ([`decode_document`]'s pieces): each sentence is decoded with the current
//! weights and the history of the document so far, and if the tags differ from the gold ones
//! the gold path's features gain and the predicted path's lose. History features are built from
//! the tagger's own predictions, as at tagging time. Documents are visited in a shuffled order
//! from a fixed seed, so training is deterministic.
//!
//! What it does not do: read files or print (the binary does), or run in the browser.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use serde_json::Value;

use crate::tokenize::{tokenize, Tokens};

use super::features::{DocInfo, History, Lexicon};
use super::lexicon::{is_all_caps, PassThrough};
use super::model::{key32, record_history, spans_to_tags, tags_to_spans, Transitions, Viterbi, KINDS, N_TAGS};

/// A labeled document with byte offsets.
#[derive(Debug, Clone)]
pub struct LabeledDoc {
    pub id: String,
    pub text: String,
    /// (start byte, end byte, kind index into [`KINDS`]).
    pub entities: Vec<(usize, usize, usize)>,
}

/// Parses one JSON Lines document; entity labels other than the four kinds are ignored.
pub fn parse_labeled(line: &str) -> Result<LabeledDoc, String> {
    let v: Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let text = v["text"].as_str().ok_or("no text")?.to_string();
    let id = v["id"]
        .as_str()
        .map(String::from)
        .unwrap_or_else(|| v["id"].to_string());
    // Code point → byte offsets.
    let bytes_at: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
    let mut entities = Vec::new();
    for e in v["entities"].as_array().into_iter().flatten() {
        let (Some(s), Some(t), Some(l)) = (e["start"].as_u64(), e["end"].as_u64(), e["label"].as_str()) else {
            continue;
        };
        let Some(kind) = KINDS.iter().position(|k| k.as_str() == l) else {
            continue;
        };
        if let (Some(&s), Some(&t)) = (bytes_at.get(s as usize), bytes_at.get(t as usize)) {
            entities.push((s, t, kind));
        }
    }
    entities.sort();
    Ok(LabeledDoc { id, text, entities })
}

/// Words a Title Case headline leaves in lowercase (the common style-guide rule for articles,
/// conjunctions and short prepositions).
const TITLE_CASE_SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of", "off", "on", "per",
    "to", "up", "via", "vs", "from", "with", "into", "over",
];

/// How often a person's name gets an honorific in [`augment`].
const HONORIFIC_RATE: f64 = 0.25;

/// Rewrites a training document in habits of current news that 1996 Reuters lacks, keeping its
/// labels right: a sentence-case headline (first line) in Title Case (`Local Leaders
/// Debate Budget in Lisbon`), an honorific from `honorifics` before a quarter of the
/// people's names, with or without its period (`Mr. Okafor`, `Ms Lindqvist`), and in half of the
/// documents acronyms without periods (`US`, `UN`). Used on the second copy of the training
/// set, so the model sees both habits without losing the original ones.
pub fn augment(d: &LabeledDoc, honorifics: &[String], rng: &mut Rng) -> LabeledDoc {
    let mut text = d.text.clone();
    // Title Case: ASCII first letters only, so that every offset stays where it was.
    let first_line = text.find('\n').unwrap_or(text.len());
    let words = text[..first_line]
        .split(' ')
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    if words >= 3 && text[..first_line].chars().any(char::is_lowercase) {
        let mut out = String::with_capacity(text.len());
        for (n, w) in text[..first_line].split(' ').enumerate() {
            if n > 0 {
                out.push(' ');
            }
            let small = n > 0 && TITLE_CASE_SMALL_WORDS.contains(&w);
            match w.as_bytes().first() {
                Some(b) if b.is_ascii_lowercase() && !small => {
                    out.push(b.to_ascii_uppercase() as char);
                    out.push_str(&w[1..]);
                }
                _ => out.push_str(w),
            }
        }
        out.push_str(&text[first_line..]);
        text = out;
    }
    // Edits: (byte position, bytes deleted, text inserted), in order.
    let mut edits: Vec<(usize, usize, &str)> = Vec::new();
    // Acronyms without their periods (`U.S.` → `US`), in half of the documents.
    if rng.next_u64().is_multiple_of(2) {
        let mut pos = 0;
        for w in text.split([' ', '\n']) {
            let b = w.as_bytes();
            let dotted = b.len() >= 4
                && b.chunks(2)
                    .all(|c| c.len() == 2 && c[0].is_ascii_uppercase() && c[1] == b'.');
            if dotted {
                edits.extend((1..b.len()).step_by(2).map(|i| (pos + i, 1, "")));
            }
            pos += w.len() + 1;
        }
    }
    // Honorifics before people's names.
    let per = KINDS.iter().position(|k| *k == crate::schema::Label::PER).unwrap_or(0);
    let no_period: Vec<&str> = honorifics.iter().map(|h| h.trim_end_matches('.')).collect();
    for &(s, _, k) in &d.entities {
        let at_word_start = s == 0 || text[..s].ends_with([' ', '\n']);
        let roll = (rng.next_u64() % 1000) as f64 / 1000.0;
        if k == per && at_word_start && roll < HONORIFIC_RATE && !honorifics.is_empty() {
            let i = (rng.next_u64() % honorifics.len() as u64) as usize;
            let h = if rng.next_u64().is_multiple_of(2) {
                no_period[i]
            } else {
                honorifics[i].as_str()
            };
            edits.push((s, 0, h));
            edits.push((s, 0, " "));
        }
    }
    edits.sort_by_key(|e| e.0);
    let mut out = String::with_capacity(text.len() + 64);
    let mut copied = 0;
    for &(pos, del, ins) in &edits {
        if pos < copied {
            continue;
        }
        out.push_str(&text[copied..pos]);
        out.push_str(ins);
        copied = pos + del;
    }
    out.push_str(&text[copied..]);
    // An offset moves by the edits before it; a start also by insertions right at it.
    let moved = |x: usize, start: bool| {
        let shift: isize = edits
            .iter()
            .filter(|&&(p, del, _)| p < x || (start && p == x && del == 0))
            .map(|&(_, del, ins)| ins.len() as isize - del as isize)
            .sum();
        (x as isize + shift) as usize
    };
    let entities = d
        .entities
        .iter()
        .map(|&(s, e, k)| (moved(s, true), moved(e, false), k))
        .collect();
    LabeledDoc {
        id: d.id.clone(),
        text: out,
        entities,
    }
}

/// A document ready for training or evaluation.
#[derive(Debug)]
pub struct Prepared {
    pub doc: DocInfo,
    pub tokens: Tokens,
    pub gold_tags: Vec<u8>,
    pub gold_spans: Vec<(usize, usize, usize)>,
    /// Gold entities whose edges are not token edges (they were widened to whole tokens).
    pub misaligned: usize,
}

/// Tokenizes a labeled document and lines its entities up with the tokens.
pub fn prepare(d: &LabeledDoc, lex: &Lexicon) -> Prepared {
    let tokens = tokenize(&d.text);
    let toks = &tokens.tokens;
    let mut misaligned = 0;
    let mut spans = Vec::new();
    for &(s, e, k) in &d.entities {
        let first = toks.iter().position(|t| t.end > s);
        let last = toks.iter().rposition(|t| t.start < e);
        let (Some(a), Some(b)) = (first, last) else {
            misaligned += 1;
            continue;
        };
        if toks[a].start != s || toks[b].end != e {
            misaligned += 1;
        }
        if spans.last().is_none_or(|&(_, pe, _)| pe <= a) && a <= b {
            spans.push((a, b + 1, k));
        }
    }
    let gold_tags = spans_to_tags(toks.len(), &spans);
    Prepared {
        doc: DocInfo::new(&d.text, &tokens, lex),
        gold_spans: d.entities.clone(),
        gold_tags,
        misaligned,
        tokens,
    }
}

/// Sentences of raw text as token strings, for word classes and statistics. Lines with no
/// lowercase letter (headlines, tables) are left out: they would teach that every word can be
/// capitalised.
pub fn corpus_sentences(text: &str, out: &mut Vec<Vec<String>>) {
    for line in text.lines() {
        if line.trim().is_empty() || is_all_caps(line) {
            continue;
        }
        let toks = tokenize(line);
        for s in &toks.sentences {
            out.push(
                toks.tokens[s.clone()]
                    .iter()
                    .map(|t| t.text(line).to_string())
                    .collect(),
            );
        }
    }
}

/// The `stats` section: for each lowercase word seen at least `min_count` times, how often it
/// is capitalised away from a sentence start (bucket 0..=4) and how frequent it is (log2 of
/// its count), grouped as `cap<TAB>freq<TAB>word word…` lines.
pub fn word_stats(sentences: &[Vec<String>], min_count: u32) -> String {
    #[derive(Default)]
    struct C {
        total: u32,
        mid: u32,
        mid_cap: u32,
    }
    let mut counts: HashMap<String, C> = HashMap::new();
    for s in sentences {
        let mut seen_word = false;
        for w in s {
            if !w.chars().any(char::is_alphabetic) {
                continue;
            }
            let c = counts.entry(w.to_lowercase()).or_default();
            c.total += 1;
            if seen_word {
                c.mid += 1;
                c.mid_cap += w.chars().next().is_some_and(char::is_uppercase) as u32;
            }
            seen_word = true;
        }
    }
    let mut groups: std::collections::BTreeMap<(u8, u8), Vec<String>> = Default::default();
    for (w, c) in counts {
        if c.total < min_count || w.contains([' ', '\t', '\n']) {
            continue;
        }
        let cap = if c.mid == 0 {
            2
        } else {
            let r = c.mid_cap as f64 / c.mid as f64;
            match r {
                r if r < 0.05 => 0,
                r if r < 0.3 => 1,
                r if r < 0.7 => 2,
                r if r < 0.95 => 3,
                _ => 4,
            }
        };
        let freq = (32 - c.total.leading_zeros()).min(15) as u8;
        groups.entry((cap, freq)).or_default().push(w);
    }
    let mut out = String::new();
    for ((cap, freq), mut words) in groups {
        words.sort();
        out += &format!("{cap}\t{freq}\t{}\n", words.join(" "));
    }
    out
}

/// The `clusters` section from (word, path) pairs: `path<TAB>word word…`, sorted.
pub fn clusters_text(paths: &[(String, String)]) -> String {
    let mut groups: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for (w, p) in paths {
        if !w.contains([' ', '\t', '\n']) {
            groups.entry(p).or_default().push(w);
        }
    }
    let mut out = String::new();
    for (p, mut words) in groups {
        words.sort();
        out += &format!("{p}\t{}\n", words.join(" "));
    }
    out
}

/// A small deterministic random number generator (xorshift64*).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    pub epochs: usize,
    pub seed: u64,
}

/// An averaged perceptron over hashed features.
pub struct Perceptron {
    index: HashMap<u32, u32, BuildHasherDefault<PassThrough>>,
    w: Vec<f32>,
    /// Σ step × update, for averaging (Daumé's trick: average = w − u / steps).
    u: Vec<f32>,
    tw: Transitions,
    tu: Transitions,
    steps: f32,
    viterbi: Viterbi,
}

impl Default for Perceptron {
    fn default() -> Self {
        Perceptron {
            index: HashMap::default(),
            w: Vec::new(),
            u: Vec::new(),
            tw: [[0.0; N_TAGS]; N_TAGS],
            tu: [[0.0; N_TAGS]; N_TAGS],
            steps: 1.0,
            viterbi: Viterbi::default(),
        }
    }
}

impl Perceptron {
    fn score(&self, keys: &[u64], out: &mut [f32; N_TAGS]) {
        *out = [0.0; N_TAGS];
        for &k in keys {
            if let Some(&r) = self.index.get(&key32(k)) {
                let row = &self.w[r as usize * N_TAGS..][..N_TAGS];
                out.iter_mut().zip(row).for_each(|(o, w)| *o += w);
            }
        }
    }

    fn update(&mut self, keys: &[u64], tag: u8, delta: f32) {
        for &k in keys {
            let next = self.index.len() as u32;
            let r = *self.index.entry(key32(k)).or_insert(next) as usize;
            if r == self.w.len() / N_TAGS {
                self.w.extend([0.0; N_TAGS]);
                self.u.extend([0.0; N_TAGS]);
            }
            self.w[r * N_TAGS + tag as usize] += delta;
            self.u[r * N_TAGS + tag as usize] += self.steps * delta;
        }
    }

    /// Trains on one sentence; returns whether the prediction was already right.
    fn learn(&mut self, keys: &[u64], offsets: &[u32], gold: &[u8], pred: &mut Vec<u8>) -> bool {
        let mut emissions = Vec::with_capacity(gold.len());
        for j in 0..gold.len() {
            let mut e = [0.0; N_TAGS];
            self.score(&keys[offsets[j] as usize..offsets[j + 1] as usize], &mut e);
            emissions.push(e);
        }
        self.viterbi.run(&emissions, &self.tw, pred);
        let right = pred[..] == gold[..];
        if !right {
            for j in 0..gold.len() {
                if pred[j] != gold[j] {
                    let k = &keys[offsets[j] as usize..offsets[j + 1] as usize];
                    self.update(k, gold[j], 1.0);
                    self.update(k, pred[j], -1.0);
                }
                if j > 0 {
                    let (g0, g1) = (gold[j - 1] as usize, gold[j] as usize);
                    let (p0, p1) = (pred[j - 1] as usize, pred[j] as usize);
                    if (g0, g1) != (p0, p1) {
                        self.tw[g0][g1] += 1.0;
                        self.tu[g0][g1] += self.steps;
                        self.tw[p0][p1] -= 1.0;
                        self.tu[p0][p1] -= self.steps;
                    }
                }
            }
        }
        self.steps += 1.0;
        right
    }

    /// The averaged weights: rows (key, weights) and transitions.
    pub fn averaged(&self) -> (Vec<(u32, [f32; N_TAGS])>, Transitions) {
        let mut rows = Vec::with_capacity(self.index.len());
        for (&k, &r) in &self.index {
            let mut row = [0.0; N_TAGS];
            for (t, v) in row.iter_mut().enumerate() {
                let i = r as usize * N_TAGS + t;
                *v = self.w[i] - self.u[i] / self.steps;
            }
            rows.push((k, row));
        }
        rows.sort_by_key(|r| r.0);
        let mut trans = [[0.0; N_TAGS]; N_TAGS];
        for p in 0..N_TAGS {
            for y in 0..N_TAGS {
                trans[p][y] = self.tw[p][y] - self.tu[p][y] / self.steps;
            }
        }
        (rows, trans)
    }

    pub fn n_features(&self) -> usize {
        self.index.len()
    }
}

/// Runs `epochs` passes over `train`, calling `after_epoch(epoch, &perceptron)` after each.
pub fn train(
    train: &[&Prepared],
    config: &TrainConfig,
    mut after_epoch: impl FnMut(usize, &Perceptron, f64),
) -> Perceptron {
    let mut p = Perceptron::default();
    let mut rng = Rng::new(config.seed);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let (mut keys, mut offsets, mut pred) = (Vec::new(), Vec::new(), Vec::new());
    let mut history = History::default();
    for epoch in 0..config.epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &d in &order {
            let doc = &train[d];
            history.clear();
            for s in doc.doc.sentences() {
                doc.doc
                    .sentence_keys(s.clone(), s.clone(), Some(&history), &mut keys, &mut offsets);
                right += p.learn(&keys, &offsets, &doc.gold_tags[s.clone()], &mut pred) as usize;
                total += 1;
                record_history(&doc.doc, s.clone(), &pred, &mut history);
            }
        }
        after_epoch(epoch, &p, right as f64 / total.max(1) as f64);
    }
    p
}

/// Tags every document with `tag_document` and scores the spans against the gold ones.
pub fn evaluate(docs: &mut [Prepared], mut tag_document: impl FnMut(&mut DocInfo) -> Vec<u8>) -> Scores {
    let mut s = Scores::default();
    for d in docs.iter_mut() {
        let tags = tag_document(&mut d.doc);
        let mut pred: Vec<(usize, usize, usize)> = tags_to_spans(&tags)
            .into_iter()
            .map(|(a, b, k)| (d.tokens.tokens[a].start, d.tokens.tokens[b - 1].end, k))
            .collect();
        pred.sort();
        for k in 0..KINDS.len() {
            let g: Vec<_> = d.gold_spans.iter().filter(|e| e.2 == k).collect();
            let p: Vec<_> = pred.iter().filter(|e| e.2 == k).collect();
            let tp = p.iter().filter(|e| g.contains(e)).count();
            s.tp[k] += tp;
            s.fp[k] += p.len() - tp;
            s.fn_[k] += g.len() - tp;
        }
    }
    s
}

/// Exact-match span counts per kind.
#[derive(Debug, Default, Clone)]
pub struct Scores {
    pub tp: [usize; 4],
    pub fp: [usize; 4],
    pub fn_: [usize; 4],
}

impl Scores {
    fn f1_of(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
        let p = if tp + fp > 0 { tp as f64 / (tp + fp) as f64 } else { 0.0 };
        let r = if tp + fn_ > 0 {
            tp as f64 / (tp + fn_) as f64
        } else {
            0.0
        };
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        (p, r, f)
    }

    /// Micro-averaged (precision, recall, F1).
    pub fn overall(&self) -> (f64, f64, f64) {
        Self::f1_of(self.tp.iter().sum(), self.fp.iter().sum(), self.fn_.iter().sum())
    }

    pub fn report(&self) -> String {
        let mut out = String::new();
        for (k, label) in KINDS.iter().enumerate() {
            let (p, r, f) = Self::f1_of(self.tp[k], self.fp[k], self.fn_[k]);
            out += &format!("  {:<5} P {:.4} R {:.4} F1 {:.4}\n", label.as_str(), p, r, f);
        }
        let (p, r, f) = self.overall();
        out += &format!("  all   P {p:.4} R {r:.4} F1 {f:.4}\n");
        out
    }
}

/// First-pass tags for every training document, each from a model trained without the fold
/// it is in (`fold_of[d]` < `folds`): what a first pass says about text it has not seen, which
/// is what the second pass will get at tagging time.
pub fn jackknife(docs: &[Prepared], fold_of: &[usize], folds: usize, config: &TrainConfig) -> Vec<Vec<u8>> {
    let mut out = vec![Vec::new(); docs.len()];
    for f in 0..folds {
        let rest: Vec<&Prepared> = docs
            .iter()
            .zip(fold_of)
            .filter(|(_, &k)| k != f)
            .map(|(d, _)| d)
            .collect();
        let p = train(&rest, config, |_, _, _| {});
        let (rows, trans) = p.averaged();
        let table: HashMap<u32, [f32; N_TAGS]> = rows.into_iter().collect();
        for (d, _) in docs.iter().enumerate().filter(|(d, _)| fold_of[*d] == f) {
            out[d] = tag_with(&table, &trans, &docs[d].doc);
        }
    }
    out
}

/// The float model's tags for a document (evaluation between epochs).
pub fn tag_with(rows: &HashMap<u32, [f32; N_TAGS]>, trans: &Transitions, doc: &DocInfo) -> Vec<u8> {
    super::model::decode_document(
        doc,
        trans,
        |_| {},
        |keys, out| {
            *out = [0.0; N_TAGS];
            for &k in keys {
                if let Some(row) = rows.get(&key32(k)) {
                    out.iter_mut().zip(row).for_each(|(o, w)| *o += w);
                }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tag::lexicon::{Gazetteers, WordStats};
    use crate::tag::model::{Model, ModelParts, PassParts};

    fn lexicon() -> Lexicon {
        Lexicon {
            gazetteers: Gazetteers::parse("@city\nParis\nBerlin\n"),
            words: WordStats::default(),
        }
    }

    fn toy_corpus() -> Vec<LabeledDoc> {
        let lines = [
            r#"{"id":"a","text":"Anna Berg flew to Paris.\nBerg said Paris was calm.","entities":[{"start":0,"end":9,"label":"PER"},{"start":18,"end":23,"label":"LOC"},{"start":25,"end":29,"label":"PER"},{"start":35,"end":40,"label":"LOC"}]}"#,
            r#"{"id":"b","text":"Otto Lind met Acme Corp. in Berlin.","entities":[{"start":0,"end":9,"label":"PER"},{"start":14,"end":24,"label":"ORG"},{"start":28,"end":34,"label":"LOC"}]}"#,
        ];
        lines.iter().map(|l| parse_labeled(l).unwrap()).collect()
    }

    #[test]
    fn parses_code_point_offsets_into_bytes() {
        let d = parse_labeled(r#"{"id":1,"text":"Zoë met Élise","entities":[{"start":8,"end":13,"label":"PER"},{"start":0,"end":3,"label":"DATE"}]}"#).unwrap();
        assert_eq!(d.entities, [(9, 15, 0)]);
        assert_eq!(&d.text[9..15], "Élise");
    }

    #[test]
    fn alignment_counts_entities_off_token_edges() {
        let lex = lexicon();
        let d =
            parse_labeled(r#"{"id":"x","text":"Pro-Moscow rebels","entities":[{"start":4,"end":10,"label":"LOC"}]}"#)
                .unwrap();
        let p = prepare(&d, &lex);
        assert_eq!(p.misaligned, 1);
        let ok = prepare(&toy_corpus()[1], &lex);
        assert_eq!(ok.misaligned, 0);
        assert_eq!(tags_to_spans(&ok.gold_tags), [(0, 2, 0), (3, 5, 1), (6, 7, 2)]);
    }

    #[test]
    fn perceptron_learns_the_toy_corpus_and_the_model_file_round_trips() {
        let lex = lexicon();
        let mut docs: Vec<Prepared> = toy_corpus().iter().map(|d| prepare(d, &lex)).collect();
        let refs: Vec<&Prepared> = docs.iter().collect();
        let p = train(&refs, &TrainConfig { epochs: 8, seed: 7 }, |_, _, _| {});
        let (rows, trans) = p.averaged();
        let table: HashMap<u32, [f32; N_TAGS]> = rows.iter().cloned().collect();
        let float = evaluate(&mut docs, |d| tag_with(&table, &trans, d));
        assert_eq!(float.overall().2, 1.0, "{}", float.report());

        let parts = ModelParts {
            lexicon: lex.clone(),
            passes: vec![PassParts {
                transitions: trans.iter().flatten().copied().collect(),
                rows,
            }],
        };
        let bytes = parts.encode();
        let model = Model::from_bytes(&bytes).unwrap();
        // The same documents through the loaded model: same tags as the float model had.
        for d in &mut docs {
            let float_tags = tag_with(&table, &trans, &d.doc);
            assert_eq!(model.tag_document(&mut d.doc), float_tags);
        }
        // And the file is stable: encode(load(encode(x))) needs the same bytes to reload equal.
        let again = Model::from_bytes(&bytes).unwrap();
        assert_eq!(again.n_features, model.n_features);
    }

    #[test]
    fn augmented_documents_keep_their_labels() {
        let d = parse_labeled(r#"{"id":"a","text":"Smith says talks in Paris will go on\nSmith met Jones.","entities":[{"start":0,"end":5,"label":"PER"},{"start":20,"end":25,"label":"LOC"},{"start":37,"end":42,"label":"PER"},{"start":47,"end":52,"label":"PER"}]}"#).unwrap();
        let hon = vec!["Mr.".to_string(), "Ms.".to_string()];
        let mut rng = Rng::new(3);
        let mut saw_honorific = false;
        for _ in 0..20 {
            let a = augment(&d, &hon, &mut rng);
            assert!(
                a.text.starts_with("Smith Says Talks in Paris Will Go On\n")
                    || a.text.contains("Smith Says Talks in Paris")
            );
            let names: Vec<&str> = a.entities.iter().map(|&(s, e, _)| &a.text[s..e]).collect();
            assert_eq!(names, ["Smith", "Paris", "Smith", "Jones"]);
            saw_honorific |= a.text.contains("Mr") || a.text.contains("Ms");
        }
        let d = parse_labeled(r#"{"id":"b","text":"Talks in the U.S. and U.K. ended","entities":[{"start":13,"end":17,"label":"LOC"},{"start":22,"end":26,"label":"LOC"}]}"#).unwrap();
        let mut bare = false;
        for _ in 0..10 {
            let a = augment(&d, &hon, &mut rng);
            let names: Vec<&str> = a.entities.iter().map(|&(s, e, _)| &a.text[s..e]).collect();
            assert!(names == ["U.S.", "U.K."] || names == ["US", "UK"], "{names:?}");
            bare |= names == ["US", "UK"];
        }
        assert!(saw_honorific && bare);
    }

    #[test]
    fn word_stats_buckets() {
        let s = vec![
            vec!["The".into(), "talks".into(), "in".into(), "Paris".into()],
            vec!["Paris".into(), "talks".into(), "."]
                .into_iter()
                .map(String::from)
                .collect(),
        ];
        let text = word_stats(&s, 1);
        assert!(text.lines().any(|l| l.starts_with("4\t") && l.contains("paris")));
        assert!(text.lines().any(|l| l.starts_with("0\t") && l.contains("talks")));
        assert!(!text.contains("\t."));
    }

    #[test]
    fn rng_is_deterministic() {
        let mut a = Rng::new(42);
        let mut b = Rng::new(42);
        let mut v: Vec<u32> = (0..20).collect();
        let mut w = v.clone();
        a.shuffle(&mut v);
        b.shuffle(&mut w);
        assert_eq!(v, w);
        assert_ne!(v, (0..20).collect::<Vec<_>>());
    }
}
