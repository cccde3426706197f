//! The `presslens` binary against the GUIDE §3 contract: JSON Lines in and out, code-point
//! offsets, an error object for a bad line while the run goes on, exit codes for usage errors.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn presslens(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_presslens"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("presslens runs");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// `text[start..end]` in code points.
fn cut(text: &str, start: u64, end: u64) -> String {
    text.chars().skip(start as usize).take((end - start) as usize).collect()
}

#[test]
fn ner_answers_every_line_with_code_point_offsets() {
    let text = "Zoë 😀 paid ₹900 in Zürich on 12 February 2019, up 5% from 2018.";
    let input = format!(
        "{}\nnot json\n{}\n{}\n",
        serde_json::json!({"id": "a", "text": text}),
        serde_json::json!({"id": 7, "words": "no text field"}),
        serde_json::json!({"id": "empty", "text": ""})
    );
    let out = presslens(&["ner"], &input);
    assert!(out.status.success());
    let answers = lines(&out);
    assert_eq!(answers.len(), 4, "one answer per non-blank line");
    assert_eq!(answers[0]["id"], "a");
    let entities = answers[0]["entities"].as_array().unwrap();
    let found: Vec<(String, &str)> = entities
        .iter()
        .map(|e| {
            (
                cut(text, e["start"].as_u64().unwrap(), e["end"].as_u64().unwrap()),
                e["label"].as_str().unwrap(),
            )
        })
        .collect();
    for want in [
        ("₹900", "MONEY"),
        ("12 February 2019", "DATE"),
        ("5%", "PERCENT"),
        ("2018", "DATE"),
    ] {
        assert!(found.contains(&(want.0.to_string(), want.1)), "{want:?} in {found:?}");
    }
    for e in entities {
        assert_eq!(
            cut(text, e["start"].as_u64().unwrap(), e["end"].as_u64().unwrap()),
            e["text"].as_str().unwrap()
        );
    }
    assert!(answers[1]["error"].as_str().unwrap().contains("line 2: not valid JSON"));
    assert_eq!(answers[2]["id"], 7);
    assert!(answers[2]["error"].as_str().unwrap().contains("\"text\""));
    assert_eq!(answers[3]["entities"], serde_json::json!([]));
}

#[test]
fn clean_reads_text_and_html() {
    let para = "The council approved the budget for the new library on Monday after a long debate in the chamber.";
    let pasted =
        format!("Home\nNews\nSport\n\n{para}\n\n{para}\n\nShare on Facebook\nSubscribe now for unlimited access.");
    let html = format!("<html><head><title>Library</title></head><body><nav><a href=/>Home</a></nav><p>{para}</p><p>{para}</p></body></html>");
    let input = format!(
        "{}\n{}\n{}\n",
        serde_json::json!({"id": 1, "text": pasted}),
        serde_json::json!({"id": 2, "html": html}),
        serde_json::json!({"id": 3})
    );
    let out = presslens(&["clean"], &input);
    assert!(out.status.success());
    let answers = lines(&out);
    assert_eq!(answers[0]["text"], format!("{para}\n\n{para}"));
    assert_eq!(answers[1]["text"], format!("{para}\n\n{para}"));
    assert_eq!(answers[1]["meta"]["title"], "Library");
    assert!(answers[2]["error"].as_str().unwrap().contains("neither"));
}

#[test]
fn analyze_prints_one_document_in_the_schema() {
    let out = presslens(
        &["analyze", "seeds/001_a4e9cc67d4521fe8.txt", "-"],
        "A second article read from stdin.",
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let analysis: Value = serde_json::from_slice(&out.stdout).unwrap();
    let articles = analysis["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[1]["file"], "stdin");
    for key in ["file", "meta", "body", "removed", "entities", "quotes"] {
        assert!(articles[0].get(key).is_some(), "article has {key}");
    }
    for key in ["title", "source", "byline", "date", "dateline", "url"] {
        assert!(
            articles[0]["meta"].get(key).is_some(),
            "meta has {key} (null when absent)"
        );
    }
    let body = articles[0]["body"].as_str().unwrap();
    for e in articles[0]["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            assert_eq!(
                cut(body, m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap()),
                m["text"].as_str().unwrap()
            );
        }
    }
    assert!(analysis["story"]["entities"].as_array().is_some());
}

#[test]
fn bad_files_and_usage() {
    let dir = std::env::temp_dir().join(format!("presslens-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let empty = dir.join("empty.txt");
    let binary = dir.join("image.png");
    std::fs::write(&empty, "").unwrap();
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let out = presslens(&["analyze", empty.to_str().unwrap(), binary.to_str().unwrap()], "");
    assert!(out.status.success());
    let analysis: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(analysis["articles"][0]["error"], "the document is empty");
    assert!(analysis["articles"][1]["error"].as_str().unwrap().contains("binary"));

    let missing = presslens(&["analyze", "no/such/file.txt"], "");
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read no/such/file.txt"));
    assert_eq!(presslens(&["analyze"], "").status.code(), Some(2));
    assert_eq!(presslens(&["frobnicate"], "").status.code(), Some(2));
    assert_eq!(
        presslens(&["analyze", "--offsets", "miles", "x"], "").status.code(),
        Some(2)
    );
    for command in ["ner", "clean", "analyze"] {
        let help = presslens(&[command, "--help"], "");
        assert!(help.status.success());
        assert!(String::from_utf8_lossy(&help.stdout).starts_with(&format!("presslens {command}:")));
    }
    std::fs::remove_dir_all(&dir).ok();
}
