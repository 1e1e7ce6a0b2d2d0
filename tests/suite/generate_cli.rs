//! `roadmapper generate` (realistic large roadmaps) and `order --format
//! tsort` (the constraints as id pairs), checked end to end through the
//! binary and against an independent reading of the JSON export.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::Path;
use std::process::{Command as Std, Stdio};

use assert_cmd::Command;
use serde_json::Value;

use crate::bin::roadmapper_in as roadmapper;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn generate_writes_an_outline_and_its_prerequisites_that_load() {
    let dir = tempfile::tempdir().unwrap();
    let out = roadmapper(dir.path())
        .args(["generate", "--topics", "2000", "-o", "big.txt"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let outline = fs::read_to_string(dir.path().join("big.txt")).unwrap();
    let prereqs = fs::read_to_string(dir.path().join("big.prereqs")).unwrap();
    assert_eq!(outline.lines().count(), 2000);
    let arrows = prereqs.lines().filter(|l| l.contains(" -> ")).count();
    assert_eq!(arrows, 200, "10% prerequisites");
    // Labels (without tags and the indentation) are 10 to 40 characters.
    for line in outline.lines().skip(1) {
        let label = line.trim_start().split(" [").next().unwrap();
        assert!((10..=40).contains(&label.chars().count()), "{label:?}");
    }

    let summary = stdout_of(roadmapper(dir.path()).args(["check", "big.txt", "-p", "big.prereqs"]));
    assert!(summary.contains("topics:         2000"), "{summary}");
    assert!(summary.contains("prerequisites:  200 edges"), "{summary}");

    // Same options, same bytes (to standard output this time).
    let again = stdout_of(roadmapper(dir.path()).args(["generate", "--topics", "2000"]));
    assert_eq!(again, outline);
    let other = stdout_of(roadmapper(dir.path()).args(["generate", "-n", "2000", "--seed", "2"]));
    assert_ne!(other, outline);
    let fewer = stdout_of(roadmapper(dir.path()).args([
        "generate",
        "-n",
        "2000",
        "--prereqs-percent",
        "0",
        "--prereqs-output",
        "none.prereqs",
    ]));
    assert_eq!(
        fewer, outline,
        "the outline does not depend on the prerequisites"
    );
    let none = fs::read_to_string(dir.path().join("none.prereqs")).unwrap();
    assert!(!none.contains("->"), "{none}");
}

#[test]
fn generate_refuses_zero_topics_and_a_clash_of_outputs() {
    let dir = tempfile::tempdir().unwrap();
    roadmapper(dir.path())
        .args(["generate", "--topics", "0"])
        .assert()
        .code(2);
    let out = roadmapper(dir.path())
        .args(["generate", "-o", "x.prereqs"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--prereqs-output"));
    assert!(!dir.path().join("x.prereqs").exists());
}

/// The constraints, computed from the JSON export: parent before child,
/// and for a prerequisite `u -> v` every leaf of u's subtree before v.
fn expected_pairs(doc: &Value) -> (BTreeSet<(String, String)>, Vec<String>) {
    let ids: Vec<String> = doc["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect();
    let mut children: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut pairs = BTreeSet::new();
    let mut prereqs = Vec::new();
    for e in doc["edges"].as_array().unwrap() {
        let (s, t) = (e["source"].as_str().unwrap(), e["target"].as_str().unwrap());
        match e["kind"].as_str().unwrap() {
            "contains" => {
                children.entry(s).or_default().push(t);
                pairs.insert((s.to_string(), t.to_string()));
            }
            _ => prereqs.push((s, t)),
        }
    }
    for (s, t) in prereqs {
        let mut stack = vec![s];
        while let Some(u) = stack.pop() {
            match children.get(u) {
                Some(kids) => stack.extend(kids),
                None => {
                    pairs.insert((u.to_string(), t.to_string()));
                }
            }
        }
    }
    (pairs, ids)
}

#[test]
fn tsort_format_lists_exactly_the_constraints_of_the_study_order() {
    let dir = tempfile::tempdir().unwrap();
    // A roadmap with group prerequisites both ways and a lone topic.
    fs::write(
        dir.path().join("r.txt"),
        "Roadmap\n  Basics\n    HTTP\n    DNS\n  APIs\n    REST\n    SOAP\nLone\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("r.prereqs"),
        "Basics -> REST\nDNS -> APIs\n",
    )
    .unwrap();
    for (dir, outline, prereqs) in [
        (dir.path(), "r.txt", "r.prereqs"),
        (root(), "roadmap/backend.txt", "roadmap/backend.prereqs"),
    ] {
        let doc: Value = serde_json::from_str(&stdout_of(
            roadmapper(dir).args(["render", outline, "-p", prereqs, "-f", "json"]),
        ))
        .unwrap();
        let (want, ids) = expected_pairs(&doc);
        let text =
            stdout_of(roadmapper(dir).args(["order", outline, "-p", prereqs, "-f", "tsort"]));
        let mut got = BTreeSet::new();
        let mut lone = BTreeSet::new();
        for line in text.lines() {
            let (a, b) = line.split_once(' ').expect("two ids per line");
            if a == b {
                lone.insert(a.to_string());
            } else {
                assert!(got.insert((a.to_string(), b.to_string())), "{line} twice");
            }
        }
        assert_eq!(got, want, "{outline}");
        let in_pairs: BTreeSet<&String> = want.iter().flat_map(|(a, b)| [a, b]).collect();
        let alone: BTreeSet<String> = ids
            .iter()
            .filter(|i| !in_pairs.contains(i))
            .cloned()
            .collect();
        assert_eq!(
            lone, alone,
            "{outline}: topics in no constraint are listed alone"
        );

        // roadmapper's own order respects every pair.
        let order =
            stdout_of(roadmapper(dir).args(["order", outline, "-p", prereqs, "-f", "json"]));
        let order: Vec<Value> = serde_json::from_str(&order).unwrap();
        let rank: HashMap<&str, usize> = order
            .iter()
            .enumerate()
            .map(|(k, v)| (v["id"].as_str().unwrap(), k))
            .collect();
        assert_eq!(rank.len(), ids.len());
        for (a, b) in &want {
            assert!(rank[a.as_str()] < rank[b.as_str()], "{a} before {b}");
        }

        // tsort (coreutils) accepts the pairs: no cycle, every topic once.
        let tsort = Std::new("tsort")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn();
        if let Ok(mut child) = tsort {
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(text.as_bytes())
                .unwrap();
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let sorted: Vec<String> = String::from_utf8(out.stdout)
                .unwrap()
                .lines()
                .map(str::to_string)
                .collect();
            let mut all = sorted.clone();
            all.sort();
            let mut want_ids = ids.clone();
            want_ids.sort();
            assert_eq!(all, want_ids);
        }
    }
}

#[test]
fn tsort_format_with_to_keeps_only_the_needed_topics() {
    let to_rest = |format: &str| {
        stdout_of(roadmapper(root()).args([
            "order",
            "roadmap/backend.txt",
            "-p",
            "roadmap/backend.prereqs",
            "--to",
            "REST",
            "-f",
            format,
        ]))
    };
    let text = to_rest("tsort");
    let needed = to_rest("json");
    let needed: Vec<Value> = serde_json::from_str(&needed).unwrap();
    let needed: BTreeSet<&str> = needed.iter().map(|v| v["id"].as_str().unwrap()).collect();
    let mentioned: BTreeSet<&str> = text.split_whitespace().collect();
    assert_eq!(mentioned, needed);
}

#[test]
fn tsort_format_refuses_stages() {
    let out = roadmapper(root())
        .args(["order", "roadmap/backend.txt", "--stages", "-f", "tsort"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--stages"));
}
