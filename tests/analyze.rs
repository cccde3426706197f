//! `analyze` on the fixtures in tests/fixtures/ (see its README), through one `check` helper.

use std::path::Path;

use presslens::schema::{Analysis, Article, Options};
use presslens::{analyze, Input};
use serde_json::Value;

/// Analyses the fixture's input and returns every expectation it fails, one line each.
fn check(dir: &Path) -> Vec<String> {
    let input = ["input.txt", "input.md", "input.html"]
        .iter()
        .map(|f| dir.join(f))
        .find(|p| p.exists())
        .expect("input");
    let expect: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("expect.json")).unwrap()).unwrap();
    let bytes = std::fs::read(&input).unwrap();
    let name = input.file_name().unwrap().to_str().unwrap();
    let analysis: Analysis = analyze(&[Input { name, bytes: &bytes }], &Options::default());
    let a: &Article = &analysis.articles[0];
    let mut failures = Vec::new();
    let mut fail = |what: String| failures.push(what);
    let meta = serde_json::to_value(&a.meta).unwrap();
    for (field, want) in expect["meta"].as_object().into_iter().flatten() {
        if &meta[field] != want {
            fail(format!("meta.{field}: want {want}, got {}", meta[field]));
        }
    }
    if let Some(s) = expect["body_starts"].as_str() {
        if !a.body.starts_with(s) {
            fail(format!(
                "body should start with {s:?}; starts {:?}",
                a.body.chars().take(80).collect::<String>()
            ));
        }
    }
    if let Some(s) = expect["body_ends"].as_str() {
        if !a.body.ends_with(s) {
            let tail: String = a
                .body
                .chars()
                .rev()
                .take(80)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            fail(format!("body should end with {s:?}; ends {tail:?}"));
        }
    }
    for s in expect["body_excludes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        if a.body.contains(s) {
            fail(format!("body should not contain {s:?}"));
        }
    }
    for (prefix, reason) in expect["removed"].as_object().into_iter().flatten() {
        let found = a
            .removed
            .iter()
            .find(|r| r.text.trim_start().starts_with(prefix.as_str()));
        match found {
            Some(r) if serde_json::to_value(r.reason).unwrap() == *reason => {}
            Some(r) => fail(format!("removed {prefix:?}: want reason {reason}, got {:?}", r.reason)),
            None => fail(format!("{prefix:?} should be removed")),
        }
    }
    for e in expect["entities"].as_array().into_iter().flatten() {
        let (name, label) = (e["name"].as_str().unwrap(), e["type"].as_str().unwrap());
        if !a.entities.iter().any(|x| x.name == name && x.label.as_str() == label) {
            let got: Vec<String> = a
                .entities
                .iter()
                .map(|x| format!("{} {}", x.label.as_str(), x.name))
                .collect();
            fail(format!("entity {label} {name:?} missing; got {got:?}"));
        }
    }
    for q in expect["quotes"].as_array().into_iter().flatten() {
        let (starts, speaker) = (q["starts"].as_str().unwrap(), q["speaker"].as_str().unwrap());
        match a.quotes.iter().find(|x| x.text.starts_with(starts)) {
            Some(x) if x.speaker.as_deref() == Some(speaker) => {}
            Some(x) => fail(format!(
                "quote {starts:?}: want speaker {speaker:?}, got {:?}",
                x.speaker
            )),
            None => fail(format!("quote {starts:?} not found")),
        }
    }
    // Whatever the case, body and removed pieces account for every non-blank input line.
    let source = a
        .source_text
        .clone()
        .unwrap_or_else(|| String::from_utf8_lossy(&bytes).into_owned());
    for r in &a.removed {
        let cut: String = source.chars().skip(r.start).take(r.end - r.start).collect();
        if cut != r.text {
            fail(format!(
                "removed offsets {}..{} read {cut:?}, not {:?}",
                r.start, r.end, r.text
            ));
        }
    }
    failures
}

#[test]
fn fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut report = String::new();
    let mut cases = 0;
    for entry in std::fs::read_dir(&root).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        cases += 1;
        for failure in check(&dir) {
            report.push_str(&format!("{}: {failure}\n", dir.file_name().unwrap().to_string_lossy()));
        }
    }
    assert!(cases >= 5, "fixtures are found");
    assert!(report.is_empty(), "\n{report}");
}
