//! The roadmap's tests: building, references, lints and ids.

use super::*;
use crate::outline;

fn build(outline_src: &str, prereq_src: &str) -> Result<Roadmap, Error> {
    let o = outline::parse("o.txt", outline_src.as_bytes()).unwrap();
    let p = prereqs::parse("p.txt", prereq_src.as_bytes()).unwrap();
    Roadmap::build(o, &[p])
}

fn errors(outline_src: &str, prereq_src: &str) -> Vec<String> {
    match build(outline_src, prereq_src) {
        Err(Error::Input(d)) => d.iter().map(|d| d.to_string()).collect(),
        other => panic!("expected input errors, got {other:?}"),
    }
}

#[test]
fn ids_are_unique_and_readable() {
    let r = build(
        "Backend\n  APIs\n    SOAP\n    REST\n  Architectural Patterns\n    SOAP\n  APIs SOAP\n",
        "",
    )
    .unwrap();
    let ids: Vec<&str> = r.topics().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "backend",
            "apis",
            "apis-soap-2",
            "rest",
            "architectural-patterns",
            "architectural-patterns-soap",
            "apis-soap"
        ]
    );
}

#[test]
fn duplicate_ids_under_same_named_parents() {
    let r = build("A\n  X\n    T\nB\n  X\n    T\n", "").unwrap();
    let ids: Vec<&str> = r.topics().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["a", "a-x", "a-x-t", "b", "b-x", "b-x-t"]);
}

#[test]
fn structure_queries() {
    let r = build("T\n  A\n    a1\n    a2\n  B\n", "").unwrap();
    assert_eq!(r.title(), Some(0));
    assert_eq!(r.sections(), [1, 4]);
    assert_eq!(r.children(1).collect::<Vec<_>>(), [2, 3]);
    assert_eq!(r.path(3), ["T", "A", "a2"]);
    let forest = build("A\n  x\nB\n", "").unwrap();
    assert_eq!(forest.title(), None);
    assert_eq!(forest.sections(), [0, 2]);
}

#[test]
fn needs_follows_parents_and_group_prerequisites() {
    let r = build(
        "Root\n  Net\n    HTTP\n    DNS\n  Sec\n    TLS\n    HTTPS\n  Other\n",
        "Net -> TLS\n",
    )
    .unwrap();
    let labels = |v: Vec<usize>| -> Vec<String> {
        v.into_iter().map(|i| r.topic(i).label.clone()).collect()
    };
    assert_eq!(
        labels(r.needs(&[5])),
        ["Root", "Net", "HTTP", "DNS", "Sec", "TLS"]
    );
    assert_eq!(labels(r.needs(&[7])), ["Root", "Other"]);
}

#[test]
fn cycle_message() {
    let e = errors(
        "DB\n  ACID\n  Transactions\n",
        "# c\n\n# a\nTransactions -> ACID\n\n\nACID -> Transactions\n",
    );
    assert_eq!(
        e,
        [
            "error: p.txt:7: cycle: ACID -> Transactions (p.txt:7) -> ACID (p.txt:4)\n  help: drop one of these edges, for example `ACID -> Transactions` (p.txt:7)"
        ]
    );
}

#[test]
fn cycle_through_group_message() {
    let e = errors("G\n  x\nB\n", "x -> B\nB -> G\n");
    assert_eq!(e.len(), 1);
    assert!(
        e[0].contains("cycle: x -> B (p.txt:1) -> G (p.txt:2), G contains x\n"),
        "{}",
        e[0]
    );
}

#[test]
fn all_errors_reported() {
    let e = errors(
        "APIs\n  SOAP\nPatterns\n  SOAP\nA\nB\n",
        "SOAP -> A\nNope -> B\nA -> B\nB -> A\n",
    );
    assert_eq!(e.len(), 3, "{e:#?}");
    assert!(e[0].contains("p.txt:1: `SOAP` is ambiguous"));
    assert!(e[1].contains("p.txt:2: unknown topic `Nope`"));
    assert!(e[2].contains("cycle: A -> B (p.txt:3) -> A (p.txt:4)"));
}

/// A topic given conflicting states again and again: the first
/// `MAX_LISTED` warnings are built and kept, the rest only counted, not
/// built.
#[test]
fn conflicting_states_beyond_the_listed_are_counted_not_built() {
    let mut r = build("Web\n  HTTP\n", "").unwrap();
    let items = "- [x] HTTP\n- [ ] HTTP\n".repeat(13);
    let p = crate::progress::parse("p.md", &items);
    assert!(r.apply_progress(&[p]).is_empty());
    let warnings = r.warnings();
    let given_twice = warnings
        .iter()
        .filter(|w| matches!(w.kind, DiagnosticKind::StateGivenTwice { .. }))
        .count();
    assert_eq!(given_twice, crate::diagnostic::MAX_LISTED);
    assert_eq!(warnings.len(), crate::diagnostic::MAX_LISTED + 1);
    let last = &warnings[crate::diagnostic::MAX_LISTED];
    assert_eq!(
        last.message(),
        "15 more warnings about topics given two states"
    );
    assert_eq!(last.line(), Some(12));
}
