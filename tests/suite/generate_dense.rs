//! `roadmapper generate --dense` end to end: the curriculum loads with
//! `check` without errors or cycles, has the intended density and share
//! of prerequisites across sections, honours -n and --seed, and refuses
//! --prereqs-percent (which it would ignore).

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use crate::bin::roadmapper_in as roadmapper;

fn run(dir: &Path, args: &[&str]) -> String {
    let out = roadmapper(dir).args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Each label's section (the depth-1 line above it), read from the
/// outline text independently of the library.
fn sections(outline: &str) -> HashMap<String, String> {
    let mut section = String::new();
    let mut of = HashMap::new();
    for line in outline.lines() {
        let depth = (line.len() - line.trim_start().len()) / 4;
        let label = line.trim().to_string();
        if depth == 1 {
            section = label.clone();
        }
        of.insert(label, section.clone());
    }
    of
}

#[test]
fn dense_curriculum_is_dense_mostly_across_sections_and_loads() {
    let dir = tempfile::tempdir().unwrap();
    run(dir.path(), &["generate", "--dense", "-o", "dense.txt"]);
    let outline = fs::read_to_string(dir.path().join("dense.txt")).unwrap();
    let prereqs = fs::read_to_string(dir.path().join("dense.prereqs")).unwrap();
    assert_eq!(outline.lines().count(), 500, "500 topics by default");
    let of = sections(&outline);
    let arrows: Vec<(&str, &str)> = prereqs
        .lines()
        .filter_map(|l| l.split_once(" -> "))
        .collect();
    let per_topic = arrows.len() as f64 / 500.0;
    assert!((2.2..2.7).contains(&per_topic), "{per_topic} a topic");
    let across = arrows.iter().filter(|(a, b)| of[*a] != of[*b]).count();
    let share = across as f64 / arrows.len() as f64;
    assert!((0.6..0.9).contains(&share), "{share} across sections");

    let summary = run(dir.path(), &["check", "dense.txt", "-p", "dense.prereqs"]);
    assert!(summary.contains("topics:         500"), "{summary}");
    assert!(summary.contains("sections:       17"), "{summary}");
    assert!(
        summary.contains(&format!("prerequisites:  {} edges", arrows.len())),
        "{summary}"
    );
    // A study order of every topic exists (no cycle).
    let order = run(dir.path(), &["order", "dense.txt", "-p", "dense.prereqs"]);
    assert_eq!(order.lines().filter(|l| !l.trim().is_empty()).count(), 500);
}

#[test]
fn dense_honours_topics_and_seed() {
    let dir = tempfile::tempdir().unwrap();
    let a = run(
        dir.path(),
        &["generate", "--dense", "-n", "1200", "--seed", "4"],
    );
    let b = run(
        dir.path(),
        &["generate", "--dense", "-n", "1200", "--seed", "4"],
    );
    let c = run(
        dir.path(),
        &["generate", "--dense", "-n", "1200", "--seed", "5"],
    );
    assert_eq!(a.lines().count(), 1200);
    assert_eq!(a, b, "same seed, same bytes");
    assert_ne!(a, c, "another seed, another curriculum");
    run(
        dir.path(),
        &[
            "generate", "--dense", "-n", "1200", "--seed", "4", "-o", "d.txt",
        ],
    );
    let written = fs::read_to_string(dir.path().join("d.txt")).unwrap();
    assert_eq!(written, a, "to a file as to standard output");
    // Without --dense, -n still defaults to 1,000 topics.
    assert_eq!(run(dir.path(), &["generate"]).lines().count(), 1000);
}

#[test]
fn dense_refuses_prereqs_percent() {
    let dir = tempfile::tempdir().unwrap();
    let out = roadmapper(dir.path())
        .args(["generate", "--dense", "--prereqs-percent", "50"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--dense") && err.contains("--prereqs-percent"),
        "{err}"
    );
}
