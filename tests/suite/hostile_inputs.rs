//! Hostile inputs that the data-driven cases of `tests/hostile/` cannot
//! express (their generators make no such files): single lines with huge
//! numbers of tags or references, where a quadratic path would show.
//!
//! Each input is written to a temporary folder; each run must finish well
//! within its timeout (a quadratic path takes far longer) and fail with
//! one clear error.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use predicates::prelude::*;

/// Far above what the linear paths need even unoptimised, far below what
/// a quadratic one takes.
const TIMEOUT: Duration = Duration::from_secs(20);

fn roadmapper(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("roadmapper").unwrap();
    cmd.current_dir(dir).timeout(TIMEOUT);
    cmd
}

#[test]
fn a_hundred_thousand_tags_on_one_line_is_one_quick_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("Root\n  Topic");
    for i in 0..100_000 {
        write!(text, " [t{i}]").unwrap();
    }
    text.push('\n');
    std::fs::write(dir.path().join("tags.txt"), text).unwrap();
    roadmapper(dir.path())
        .args(["check", "tags.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("tags.txt:2"))
        .stderr(predicate::str::contains("100000 tags; at most 64"))
        .stderr(predicate::str::contains("help:"));
}

#[test]
fn many_references_on_one_line_are_one_quick_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("o.txt"), "Root\n  A\n  B\n").unwrap();
    let unknown: Vec<String> = (0..16_000).map(|i| format!("Nope {i}")).collect();
    std::fs::write(dir.path().join("unknown.prereqs"), unknown.join(" -> ")).unwrap();
    roadmapper(dir.path())
        .args(["check", "o.txt", "--prereqs", "unknown.prereqs"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown.prereqs:1"))
        .stderr(predicate::str::contains("16000 topics joined by `->`"))
        .stderr(predicate::str::contains("several lines"))
        .stderr(predicate::str::contains("unknown topic").not());
}

#[test]
fn a_two_hundred_thousand_arrow_chain_on_one_line_is_one_quick_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut outline = String::from("Root\n");
    for i in 0..=200_000 {
        writeln!(outline, "  T{i}").unwrap();
    }
    std::fs::write(dir.path().join("flat.txt"), outline).unwrap();
    let chain: Vec<String> = (0..=200_000).map(|i| format!("T{i}")).collect();
    std::fs::write(dir.path().join("chain.prereqs"), chain.join(" -> ")).unwrap();
    roadmapper(dir.path())
        .args(["check", "flat.txt", "--prereqs", "chain.prereqs"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("chain.prereqs:1"))
        .stderr(predicate::str::contains("at most 1000"));
}

#[test]
fn a_chain_at_the_limit_on_one_line_works() {
    let dir = tempfile::tempdir().unwrap();
    let mut outline = String::from("Root\n");
    for i in 0..999 {
        writeln!(outline, "  T{i}").unwrap();
    }
    std::fs::write(dir.path().join("flat.txt"), outline).unwrap();
    let chain: Vec<String> = (0..999).rev().map(|i| format!("T{i}")).collect();
    std::fs::write(dir.path().join("chain.prereqs"), chain.join(" -> ")).unwrap();
    roadmapper(dir.path())
        .args(["order", "flat.txt", "--prereqs", "chain.prereqs"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("T998"));
}

#[test]
fn a_long_line_of_unknown_references_reports_the_first_ten() {
    // 999 unknown references of a thousand letters: each error quotes the
    // whole 1 MB line, so reporting them all would cost the square of the
    // input.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("o.txt"), "Root\n  A\n  B\n").unwrap();
    let unknown: Vec<String> = (0..999)
        .map(|i| format!("N{i}{}", "x".repeat(1000)))
        .collect();
    std::fs::write(dir.path().join("long.prereqs"), unknown.join(" -> ")).unwrap();
    let out = roadmapper(dir.path())
        .args(["check", "o.txt", "--prereqs", "long.prereqs"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "989 more unknown or ambiguous topics on this line",
        ))
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8_lossy(&out);
    assert_eq!(stderr.matches("unknown topic `N").count(), 10, "{stderr}");
}

/// Runs `roadmapper ARGS` in `dir` under an address-space cap of `kib`
/// KiB (one malloc arena, so the cap measures the heap, not the arenas
/// reserved per thread); true when it succeeded.
#[cfg(target_os = "linux")]
fn fits_in(dir: &Path, kib: u64, args: &str) -> bool {
    let bin = assert_cmd::cargo::cargo_bin("roadmapper");
    let out = std::process::Command::new("sh")
        .current_dir(dir)
        .env("MALLOC_ARENA_MAX", "1")
        .arg("-c")
        .arg(format!(
            "ulimit -v {kib}; exec '{}' {args} >/dev/null",
            bin.display()
        ))
        .output()
        .unwrap();
    out.status.success()
}

/// Markdown is parsed a window at a time: an 8 MB table of small cells
/// and a 4 MB progress file of short items each fit in 130 MB of address
/// space (the binary's own share included); parsed whole (pulldown-cmark
/// builds a tree of the whole file first), neither would.
#[cfg(target_os = "linux")]
#[test]
fn large_markdown_inputs_fit_in_a_small_multiple_of_their_size() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("o.txt"), "Roadmap\n  HTTP\n").unwrap();
    let mut table = String::from("# Roadmap\n\n- HTTP\n\n| a | b | c | d |\n|---|---|---|---|\n");
    while table.len() < 8 << 20 {
        table.push_str("| x | y | z | w |\n");
    }
    std::fs::write(dir.path().join("table.md"), table).unwrap();
    std::fs::write(dir.path().join("p.md"), "- [x] HTTP\n".repeat(400_000)).unwrap();
    assert!(fits_in(dir.path(), 130_000, "check table.md"));
    assert!(fits_in(dir.path(), 130_000, "check o.txt --progress p.md"));
}
