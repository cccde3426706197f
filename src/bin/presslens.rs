//! The `presslens` command: a thin shell over `presslens::analyze` (GUIDE §3).
//!
//! `ner` and `clean` read JSON Lines and answer one line per input line; a line that cannot be
//! handled gets `{"id":…, "error":…}` and the run goes on. `analyze` prints one JSON document.
//! Exit codes: 0 when the run completes (even with error lines), 2 for usage errors, 1 when a
//! file cannot be read or output cannot be written.

use std::io::{self, BufRead, BufWriter, Read, Write};
use std::panic::{self, AssertUnwindSafe};
use std::process::ExitCode;

use presslens::schema::{OffsetUnit, Options};
use presslens::{analyze, Input};
use serde_json::{json, Value};

const USAGE: &str = "\
presslens: clean news articles and find their entities, quotes and metadata

USAGE:
    presslens ner      < lines.jsonl    entities of clean text       ({\"id\",\"text\"} per line)
    presslens clean    < lines.jsonl    article body of a page        ({\"id\",\"text\"} or {\"id\",\"html\"})
    presslens analyze FILE...           full analysis of articles as one JSON document (- = stdin)

Run `presslens COMMAND --help` for one command's details.";

const NER_HELP: &str = "\
presslens ner: named, numeric and temporal entities of text that is already clean

Reads JSON Lines {\"id\": ..., \"text\": \"...\"} on stdin and writes one line per input line:
    {\"id\": ..., \"entities\": [{\"start\": 0, \"end\": 5, \"label\": \"PER\", \"text\": \"...\"}]}
Offsets count Unicode code points of `text`, end exclusive. Labels: PER ORG LOC MISC DATE TIME
MONEY PERCENT QUANTITY. A line that cannot be read gets {\"id\": ..., \"error\": \"...\"}.";

const CLEAN_HELP: &str = "\
presslens clean: the article body of pasted text, markdown or HTML

Reads JSON Lines on stdin, each {\"id\": ..., \"text\": \"...\"} (pasted plain text or markdown) or
{\"id\": ..., \"html\": \"...\"} (a page's HTML), and writes one line per input line:
    {\"id\": ..., \"text\": \"the body, paragraphs separated by blank lines\", \"meta\": {...}}
A line that cannot be read gets {\"id\": ..., \"error\": \"...\"}.";

const ANALYZE_HELP: &str = "\
presslens analyze: the full analysis of one or several articles on a story

USAGE: presslens analyze [--offsets codepoint|utf16|byte] FILE...    (- reads stdin)

Prints one JSON document {\"articles\": [...], \"story\": {...}}: per article its metadata, cleaned
body, removed pieces with reasons, canonical entities with mentions, and quotes with speakers.
Offsets count Unicode code points unless --offsets says otherwise.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let wants_help = args.iter().any(|a| a == "--help" || a == "-h");
    let result = match args.first().map(String::as_str) {
        Some("ner") if wants_help => print_help(NER_HELP),
        Some("clean") if wants_help => print_help(CLEAN_HELP),
        Some("analyze") if wants_help => print_help(ANALYZE_HELP),
        Some("ner") if args.len() == 1 => run_lines(ner_line),
        Some("clean") if args.len() == 1 => run_lines(clean_line),
        Some("analyze") => return run_analyze(&args[1..]),
        None | Some("--help" | "-h" | "help") => print_help(USAGE),
        Some("--version" | "-V") => print_help(env!("CARGO_PKG_VERSION")),
        Some(other) => {
            return usage_error(&format!(
                "unknown command or arguments: {other} {}",
                args[1..].join(" ")
            ))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("presslens: {e}");
            ExitCode::from(1)
        }
    }
}

fn print_help(text: &str) -> io::Result<()> {
    writeln!(io::stdout(), "{text}")
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("presslens: {message}\n\n{USAGE}");
    ExitCode::from(2)
}

/// Reads JSON Lines from stdin and writes one answer per line. A line that is not JSON, lacks
/// its fields, or (a bug) panics the analyzer, gets an error object; the run goes on.
fn run_lines(handle: fn(&Value) -> Result<Value, String>) -> io::Result<()> {
    panic::set_hook(Box::new(|_| {})); // a panic becomes that line's error object, not stderr noise
    let stdin = io::stdin().lock();
    let mut out = BufWriter::new(io::stdout().lock());
    for (n, line) in stdin.split(b'\n').enumerate() {
        let line = line?;
        let line = String::from_utf8_lossy(&line);
        if line.trim().is_empty() {
            continue;
        }
        let answer = match serde_json::from_str::<Value>(&line) {
            Err(e) => {
                json!({"id": Value::Null, "error": format!("line {}: not valid JSON: {e}", n + 1)})
            }
            Ok(request) => {
                let id = request.get("id").cloned().unwrap_or(Value::Null);
                match panic::catch_unwind(AssertUnwindSafe(|| handle(&request))) {
                    Ok(Ok(answer)) => answer,
                    Ok(Err(message)) => json!({"id": id, "error": message}),
                    Err(panic) => {
                        json!({"id": id, "error": format!("internal error: {}", panic_message(&panic))})
                    }
                }
            }
        };
        serde_json::to_writer(&mut out, &answer)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "the analyzer panicked".into())
}

fn text_field<'a>(request: &'a Value, key: &str) -> Option<&'a str> {
    request.get(key).and_then(Value::as_str)
}

fn ner_line(request: &Value) -> Result<Value, String> {
    let text = text_field(request, "text").ok_or("the line has no \"text\" string")?;
    let options = Options {
        clean: false,
        ..Options::default()
    };
    let analysis = analyze(
        &[Input {
            name: "text.txt",
            bytes: text.as_bytes(),
        }],
        &options,
    );
    let article = &analysis.articles[0];
    let mut entities: Vec<Value> = Vec::new();
    if article.error.is_none() {
        for e in &article.entities {
            for m in &e.mentions {
                entities.push(json!({"start": m.start, "end": m.end, "label": e.label.as_str(), "text": m.text}));
            }
        }
        entities.sort_by_key(|e| e["start"].as_u64());
    }
    // Empty text has no entities; that is an answer, not an error.
    Ok(json!({"id": request.get("id"), "entities": entities}))
}

fn clean_line(request: &Value) -> Result<Value, String> {
    let (name, content) = match (text_field(request, "html"), text_field(request, "text")) {
        (Some(html), _) => ("page.html", html),
        (None, Some(text)) => ("pasted.txt", text),
        (None, None) => return Err("the line has neither a \"text\" nor an \"html\" string".into()),
    };
    let options = Options {
        entities: false,
        ..Options::default()
    };
    let analysis = analyze(
        &[Input {
            name,
            bytes: content.as_bytes(),
        }],
        &options,
    );
    let article = &analysis.articles[0];
    match &article.error {
        Some(e) => Err(e.clone()),
        None => Ok(json!({"id": request.get("id"), "text": article.body, "meta": article.meta})),
    }
}

fn run_analyze(args: &[String]) -> ExitCode {
    let mut offsets = OffsetUnit::Codepoint;
    let mut files = Vec::new();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--offsets" => {
                i += 1;
                offsets = match args.get(i).map(String::as_str) {
                    Some("codepoint") => OffsetUnit::Codepoint,
                    Some("utf16") => OffsetUnit::Utf16,
                    Some("byte") => OffsetUnit::Byte,
                    _ => return usage_error("--offsets takes codepoint, utf16 or byte"),
                };
            }
            flag if flag.starts_with("--") => return usage_error(&format!("unknown option {flag}")),
            file => files.push(file.to_string()),
        }
        i += 1;
    }
    if files.is_empty() {
        return usage_error("analyze needs at least one FILE (or - for stdin)");
    }
    let mut contents = Vec::with_capacity(files.len());
    for f in &files {
        let read = if f == "-" {
            let mut buf = Vec::new();
            io::stdin().read_to_end(&mut buf).map(|_| buf)
        } else {
            std::fs::read(f)
        };
        match read {
            Ok(bytes) => contents.push(bytes),
            Err(e) => {
                eprintln!("presslens: cannot read {f}: {e}");
                return ExitCode::from(1);
            }
        }
    }
    let inputs: Vec<Input> = files
        .iter()
        .zip(&contents)
        .map(|(f, bytes)| Input {
            name: if f == "-" { "stdin" } else { f.as_str() },
            bytes,
        })
        .collect();
    let analysis = analyze(
        &inputs,
        &Options {
            offsets,
            ..Options::default()
        },
    );
    let mut out = BufWriter::new(io::stdout().lock());
    let written = serde_json::to_writer_pretty(&mut out, &analysis)
        .map_err(io::Error::from)
        .and_then(|_| writeln!(out))
        .and_then(|_| out.flush());
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("presslens: cannot write the analysis: {e}");
            ExitCode::from(1)
        }
    }
}
