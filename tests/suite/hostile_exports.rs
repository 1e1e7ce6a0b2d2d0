//! Hostile labels in the DOT export, checked with the real Graphviz: a
//! 20 KB label, a 20 KB tag, an emoji ZWJ sequence and a 1,500-character
//! CJK label each give DOT that `dot -Tsvg` renders, and with
//! `--positions` that `neato -n2 -Tsvg` renders, with exit 0 and nothing on
//! standard error (Graphviz refuses a quoted string of 16,383 bytes or
//! more, and warns "size too small for label" when a fixed node size is
//! smaller than the label measured with its own fonts).
//!
//! Like `tests/suite/external.rs`, these say they were skipped and pass where
//! Graphviz is missing, unless `ROADMAPPER_REQUIRE_TOOLS` is set (CI).

use crate::tools;
use std::process::Command;
use tools::{run, skip};

/// `roadmapper::export::dot::MAX_DOT_STRING`: Graphviz refuses 16,383.
const MAX_DOT_STRING: usize = 16_000;

/// 20 KB of words (no commas, so one tag).
fn words(bytes: usize) -> String {
    let mut s = String::new();
    while s.len() < bytes {
        s.push_str("lorem ipsum dolor sit amet ");
    }
    s.truncate(bytes);
    s.trim_end().to_owned()
}

fn cases() -> Vec<(&'static str, String)> {
    vec![
        (
            "a 20 KB label",
            format!("Root\n  Section\n    {}\n    After\n", words(20_000)),
        ),
        (
            "a 20 KB tag",
            format!(
                "Root\n  Section\n    Tagged [{}]\n    After\n",
                words(20_000)
            ),
        ),
        (
            "an emoji ZWJ label",
            "Root\n  Section\n    👨‍👩‍👧‍👦 family 🏳️‍🌈 👩🏽‍💻\n    After\n".to_owned(),
        ),
        (
            "a 1,500-character CJK label",
            format!(
                "Root\n  Section\n    {}\n    After\n",
                "日本語の学習".repeat(250)
            ),
        ),
    ]
}

/// The DOT the binary writes for `outline`.
fn dot(outline: &str, positions: bool) -> String {
    dot_with_notes(outline, None, positions)
}

/// The DOT the binary writes for `outline`, with `notes` when given.
fn dot_with_notes(outline: &str, notes: Option<&str>, positions: bool) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("outline.txt");
    std::fs::write(&path, outline).expect("write outline");
    let mut args = vec![
        "render".to_owned(),
        path.display().to_string(),
        "--format".to_owned(),
        "dot".to_owned(),
    ];
    if let Some(notes) = notes {
        let notes_path = dir.path().join("outline.notes.md");
        std::fs::write(&notes_path, notes).expect("write notes");
        args.push("--notes".to_owned());
        args.push(notes_path.display().to_string());
    }
    if positions {
        args.push("--positions".to_owned());
    }
    let out = Command::new(env!("CARGO_BIN_EXE_roadmapper"))
        .args(&args)
        .output()
        .expect("run roadmapper");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("DOT is UTF-8")
}

/// The longest run between two unescaped quotes.
fn longest_string(dot: &str) -> usize {
    let (mut longest, mut inside, mut escaped, mut len) = (0, false, false, 0);
    for b in dot.bytes() {
        if inside {
            match (escaped, b) {
                (false, b'\\') => escaped = true,
                (false, b'"') => {
                    inside = false;
                    longest = longest.max(len);
                    continue;
                }
                _ => escaped = false,
            }
            len += 1;
        } else if b == b'"' {
            inside = true;
            len = 0;
        }
    }
    longest
}

fn renders_cleanly(positions: bool) {
    let (program, args): (&str, &[&str]) = if positions {
        ("neato", &["-n2", "-Tsvg"])
    } else {
        ("dot", &["-Tsvg"])
    };
    let mut failures = Vec::new();
    for (what, outline) in cases() {
        let text = dot(&outline, positions);
        let longest = longest_string(&text);
        if longest > MAX_DOT_STRING {
            failures.push(format!("{what}: a {longest}-byte string"));
        }
        let Some(out) = run(program, args, text.as_bytes()) else {
            skip(&format!("Graphviz `{program}`"));
            return;
        };
        let stderr = String::from_utf8_lossy(&out.stderr);
        if !out.status.success() || !stderr.is_empty() {
            failures.push(format!(
                "{what}: {program} {args:?} exited {:?}: {}",
                out.status.code(),
                stderr.chars().take(300).collect::<String>()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn dot_renders_hostile_labels_without_a_warning() {
    renders_cleanly(false);
}

#[test]
fn neato_renders_hostile_labels_at_their_positions_without_a_warning() {
    renders_cleanly(true);
}

#[test]
fn a_cut_label_keeps_its_whole_text_in_the_tooltip() {
    let label = words(20_000);
    let text = dot(&format!("Root\n  Section\n    {label}\n    After\n"), false);
    // The drawn label: its first 300 characters and an ellipsis.
    assert!(
        text.contains(&format!("label=\"{}…\"", &label[..300])),
        "no cut label"
    );
    // The tooltip: as much of the whole label as fits.
    let start = text.find("tooltip=\"").expect("a tooltip") + "tooltip=\"".len();
    let tooltip = &text[start..start + text[start..].find('"').expect("closed")];
    assert!(tooltip.ends_with('…') && label.starts_with(tooltip.trim_end_matches('…')));
    assert!(tooltip.len() > MAX_DOT_STRING - 100 && tooltip.len() <= MAX_DOT_STRING);
}

#[test]
fn a_long_url_never_makes_a_string_graphviz_refuses() {
    // 15,000 characters: under the limit counted in characters, three to
    // nine times over it once percent-encoded.
    for (what, path) in [
        ("CJK", "日".repeat(15_000)),
        ("quotes", "\"".repeat(15_000)),
        ("CJK, kept whole", "日".repeat(1_500)),
    ] {
        let notes = format!("## Linked\n\n- [Long](https://x.example/{path})\n");
        let text = dot_with_notes("Root\n  Linked\n", Some(&notes), false);
        let longest = longest_string(&text);
        assert!(
            longest <= MAX_DOT_STRING,
            "a URL of {what}: a {longest}-byte string"
        );
        assert_eq!(
            text.contains("URL="),
            what.ends_with("kept whole"),
            "a URL of {what}"
        );
        let Some(out) = run("dot", &["-Tsvg"], text.as_bytes()) else {
            return skip("Graphviz `dot`");
        };
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "a URL of {what}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
