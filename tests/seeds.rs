//! The sample articles against their hand-made gold, scored by `../shared/eval/check_seeds.py`
//! (the project's scorer, not a copy of it). Metadata, body and drop checks must all pass;
//! entity and quote checks must not fall below the floor the project has reached.

use std::process::Command;

/// Lowest accepted passes per check kind (`(kind, passed)`); raise them as the engines improve.
const FLOORS: &[(&str, usize)] = &[("entity", 126), ("quote", 24)];

#[test]
fn seeds_pass_the_gold_checks() {
    let root = env!("CARGO_MANIFEST_DIR");
    let shared = format!("{root}/../shared");
    assert!(
        std::path::Path::new(&format!("{shared}/eval/check_seeds.py")).exists(),
        "../shared (the data and scorers beside the repository) is missing"
    );
    let seeds: Vec<String> = std::fs::read_dir(format!("{root}/seeds"))
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .filter(|p| p.ends_with(".txt"))
        .collect();
    let out = Command::new(env!("CARGO_BIN_EXE_presslens"))
        .arg("analyze")
        .args(&seeds)
        .output()
        .unwrap();
    assert!(out.status.success());
    let analysis = std::env::temp_dir().join(format!("presslens-seeds-{}.json", std::process::id()));
    std::fs::write(&analysis, &out.stdout).unwrap();
    let check = Command::new("python3")
        .arg(format!("{shared}/eval/check_seeds.py"))
        .arg(format!("{shared}/fixtures/seeds-gold.json"))
        .arg(&analysis)
        .output()
        .expect("python3 runs the scorer");
    std::fs::remove_file(&analysis).ok();
    let report = String::from_utf8_lossy(&check.stdout);
    // The summary line: "meta 30/30  body 10/10  drop 26/26  entity 74/126  quote 19/24".
    let summary = report.lines().rev().nth(1).unwrap_or_default();
    let score = |kind: &str| -> (usize, usize) {
        let field = summary
            .split("  ")
            .find_map(|f| f.strip_prefix(&format!("{kind} ")))
            .expect(kind);
        let (p, t) = field.split_once('/').unwrap();
        (p.parse().unwrap(), t.parse().unwrap())
    };
    for kind in ["meta", "body", "drop"] {
        let (passed, total) = score(kind);
        assert_eq!(passed, total, "every {kind} check passes:\n{report}");
    }
    for (kind, floor) in FLOORS {
        let (passed, _) = score(kind);
        assert!(
            passed >= *floor,
            "{kind} checks fell to {passed} (floor {floor}):\n{report}"
        );
    }
}
