//! The learner's commands end to end: `--progress` on `check`, `next` and
//! `order`, `mark`'s byte-exact edits, and every error they report.
//!
//! The expected states are worked out here from the ticked file with plain
//! string handling, not by the library.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("roadmapper")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap()
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A scratch folder holding a copy of the shipped backend roadmap.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["backend.txt", "backend.prereqs"] {
        fs::copy(root().join("roadmap").join(f), dir.path().join(f)).unwrap();
    }
    dir
}

const BACKEND: [&str; 3] = ["backend.txt", "-p", "backend.prereqs"];

fn with<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut v: Vec<&str> = BACKEND.to_vec();
    v.extend_from_slice(extra);
    v
}

/// The checklist `order --format markdown` writes for the backend.
fn checklist(dir: &Path) -> String {
    let out = run(
        dir,
        &[&["order"], &with(&["--format", "markdown"])[..]].concat(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

/// Each line's indentation, for finding topics without children: an item
/// followed by a deeper one is a group.
fn leaves(lines: &[&str]) -> Vec<bool> {
    let indent = |l: &str| l.len() - l.trim_start().len();
    (0..lines.len())
        .map(|i| {
            lines
                .get(i + 1)
                .is_none_or(|next| indent(next) <= indent(lines[i]))
        })
        .collect()
}

#[test]
fn ticked_checklist_is_what_check_and_next_report() {
    let dir = scratch();
    let list = checklist(dir.path());
    let lines: Vec<&str> = list.lines().collect();
    let leaf = leaves(&lines);
    // Tick every topic without children whose line number is 0 mod 3 done,
    // 1 mod 7 learning, 5 mod 11 skipped; groups stay unticked.
    let mut expected = [0usize; 4]; // done, learning, skipped, todo
    let mut ticked = String::new();
    let mut learning_labels = Vec::new();
    for (k, line) in lines.iter().enumerate() {
        let (mark, slot) = if !leaf[k] {
            ("[ ]", None)
        } else if k % 3 == 0 {
            ("[x]", Some(0))
        } else if k % 7 == 1 {
            ("[/]", Some(1))
        } else if k % 11 == 5 {
            ("[-]", Some(2))
        } else {
            ("[ ]", Some(3))
        };
        if let Some(s) = slot {
            expected[s] += 1;
        }
        if slot == Some(1) {
            let text = line.trim_start().trim_start_matches("- [ ] ");
            let label = text
                .split(" *(")
                .next()
                .unwrap()
                .split(" `")
                .next()
                .unwrap();
            learning_labels.push(label.to_string());
        }
        ticked.push_str(&line.replacen("[ ]", mark, 1));
        ticked.push('\n');
    }
    fs::write(dir.path().join("p.md"), &ticked).unwrap();

    let out = run(
        dir.path(),
        &[&["check"], &with(&["--progress", "p.md"])[..]].concat(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let [done, learning, skipped, todo] = expected;
    assert!(
        text.contains(&format!(
            "states:         {done} done, {learning} learning, {skipped} skipped, {todo} to do"
        )),
        "{text}"
    );
    let counted = done + learning + todo;
    assert!(
        text.contains(&format!(
            "progress:       {done} of {counted} topics done ({}%)",
            done * 100 / counted
        )),
        "{text}"
    );

    // next --all lists exactly the learning topics first, then ready ones.
    let out = run(
        dir.path(),
        &[
            &["next"],
            &with(&["--progress", "p.md", "--all", "--format", "json"])[..],
        ]
        .concat(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = v.as_array().unwrap();
    let shown_learning: Vec<&str> = items
        .iter()
        .filter(|i| i["status"] == "learning")
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(shown_learning.len(), learning);
    for l in &learning_labels {
        assert!(shown_learning.contains(&l.as_str()), "{l} is being learnt");
    }
    let first_ready = items.iter().position(|i| i["status"] == "ready");
    if let Some(r) = first_ready {
        assert!(items[r..].iter().all(|i| i["status"] == "ready"));
    }
    for i in items {
        for key in ["id", "label", "path", "status", "estimate_hours"] {
            assert!(i.get(key).is_some(), "{key} in {i}");
        }
    }

    // Every box ticked: nothing left, 100%.
    let all = list.replace("[ ]", "[x]");
    fs::write(dir.path().join("all.md"), &all).unwrap();
    let out = run(
        dir.path(),
        &[&["next"], &with(&["--progress", "all.md"])[..]].concat(),
    );
    assert_eq!(
        stdout(&out),
        "Nothing left: every topic is done or skipped.\n"
    );
    let out = run(
        dir.path(),
        &[
            &["next"],
            &with(&["--progress", "all.md", "--format", "json"])[..],
        ]
        .concat(),
    );
    assert_eq!(stdout(&out).trim(), "[]");
    let out = run(
        dir.path(),
        &[&["check"], &with(&["--progress", "all.md"])[..]].concat(),
    );
    let text = stdout(&out);
    let n = leaf.iter().filter(|&&l| l).count();
    assert!(
        text.contains(&format!("progress:       {n} of {n} topics done (100%)")),
        "{text}"
    );
}

const HAND: &[u8] = b"# My plan\r\n\r\n<!-- ticked on the train -->\r\n- [ ] What is HTTP\r\n  - a note, not a task\r\n- [x] REST `recommended`\r\n\r\nSome prose.\r\n- [ ] APIs > SOAP";

#[test]
fn mark_changes_only_the_boxes_it_must() {
    let dir = scratch();
    let p = dir.path().join("mine.md");
    fs::write(&p, HAND).unwrap();
    let out = run(
        dir.path(),
        &[
            &["mark"],
            &with(&["--progress", "mine.md", "What is HTTP", "soap", "--done"])[..],
        ]
        .concat(),
    );
    // `soap` is ambiguous (two topics): nothing is written.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("APIs > SOAP"), "{}", stderr(&out));
    assert_eq!(fs::read(&p).unwrap(), HAND);

    let out = run(
        dir.path(),
        &[
            &["mark"],
            &with(&[
                "--progress",
                "mine.md",
                "What is HTTP",
                "APIs > SOAP",
                "Kafka",
                "--done",
            ])[..],
        ]
        .concat(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let after = fs::read(&p).unwrap();
    let expected: Vec<u8> = [
        &b"# My plan\r\n\r\n<!-- ticked on the train -->\r\n- [x] What is HTTP\r\n  - a note, not a task\r\n- [x] REST `recommended`\r\n\r\nSome prose.\r\n- [x] APIs > SOAP"[..],
        b"\r\n\r\n## Added\r\n\r\n",
    ]
    .concat();
    assert!(
        after.starts_with(&expected),
        "{}",
        String::from_utf8_lossy(&after)
    );
    let added = String::from_utf8(after[expected.len()..].to_vec()).unwrap();
    assert!(added.contains("[x] Kafka"), "{added:?}");
    assert!(
        added.ends_with("\r\n") && !added.replace("\r\n", "").contains('\n'),
        "{added:?}"
    );
    // Read back, the states are the ones asked.
    let out = run(
        dir.path(),
        &[
            &["next"],
            &with(&["--progress", "mine.md", "--all", "--format", "json"])[..],
        ]
        .concat(),
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .all(|i| i["label"] != "What is HTTP" && i["label"] != "Kafka")
    );

    // Marking again changes nothing, byte for byte.
    let out = run(
        dir.path(),
        &[
            &["mark"],
            &with(&["--progress", "mine.md", "Kafka", "--done"])[..],
        ]
        .concat(),
    );
    assert!(out.status.success());
    assert_eq!(fs::read(&p).unwrap(), after);
}

#[test]
fn mark_creates_a_missing_file_and_refuses_a_broken_one() {
    let dir = scratch();
    let out = run(
        dir.path(),
        &[
            &["mark"],
            &with(&["--progress", "new.md", "REST", "--learning"])[..],
        ]
        .concat(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let made = fs::read_to_string(dir.path().join("new.md")).unwrap();
    assert_eq!(
        made,
        checklist(dir.path()).replace("- [ ] REST\n", "- [/] REST\n")
    );

    // An item naming no topic: exit 1 at file:line, the file untouched.
    let broken = "- [x] What is HTTP\n- [ ] Nonsense topic\n";
    fs::write(dir.path().join("broken.md"), broken).unwrap();
    let out = run(
        dir.path(),
        &[
            &["mark"],
            &with(&["--progress", "broken.md", "REST", "--done"])[..],
        ]
        .concat(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("broken.md:2:7"), "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(dir.path().join("broken.md")).unwrap(),
        broken
    );

    // Invalid UTF-8: exit 1 naming the line, untouched.
    let bad = b"- [x] REST\n- [ ] \xff\n";
    fs::write(dir.path().join("bad.md"), bad).unwrap();
    let out = run(
        dir.path(),
        &[
            &["mark"],
            &with(&["--progress", "bad.md", "REST", "--todo"])[..],
        ]
        .concat(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("bad.md:2"), "{}", stderr(&out));
    assert_eq!(fs::read(dir.path().join("bad.md")).unwrap(), bad);

    // A byte-order mark is kept.
    fs::write(dir.path().join("bom.md"), "\u{feff}- [ ] REST\n").unwrap();
    let out = run(
        dir.path(),
        &[
            &["mark"],
            &with(&["--progress", "bom.md", "REST", "--skip"])[..],
        ]
        .concat(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(dir.path().join("bom.md")).unwrap(),
        "\u{feff}- [-] REST\n"
    );
    // No stray temporary file is left.
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.starts_with('.')), "{names:?}");
}

#[test]
fn usage_and_input_errors() {
    let dir = scratch();
    fs::write(dir.path().join("p.md"), "- [x] What is HTTP\n").unwrap();
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["mark", "backend.txt", "--progress", "p.md", "REST"],
            2,
            "--done",
        ),
        (
            &[
                "mark",
                "backend.txt",
                "--progress",
                "p.md",
                "REST",
                "--done",
                "--skip",
            ],
            2,
            "cannot be used with",
        ),
        (
            &["mark", "backend.txt", "--progress", "-", "REST", "--done"],
            2,
            "standard input",
        ),
        (
            &[
                "mark",
                "backend.txt",
                "--progress",
                "p.md",
                "Nope",
                "--done",
            ],
            1,
            "unknown topic `Nope`",
        ),
        (
            &["mark", "backend.txt", "--progress", "p.md", "--done"],
            2,
            "TOPIC",
        ),
        (
            &[
                "mark",
                "backend.txt",
                "--progress",
                "backend.txt",
                "REST",
                "--done",
            ],
            2,
            "`--progress backend.txt` is also an input",
        ),
        (
            &["next", "backend.txt", "--progress", "p.md", "--to", "Nope"],
            1,
            "--to",
        ),
        (
            &[
                "next",
                "backend.txt",
                "--progress",
                "p.md",
                "--pace",
                "5",
                "--format",
                "json",
            ],
            2,
            "--pace",
        ),
        (
            &["next", "backend.txt", "--progress", "p.md", "--pace", "0"],
            2,
            "from 0.25",
        ),
        (
            &["next", "backend.txt", "-n", "3", "--all"],
            2,
            "cannot be used with",
        ),
        (&["order", "backend.txt", "--remaining"], 2, "--remaining"),
        (
            &[
                "order",
                "backend.txt",
                "--progress",
                "p.md",
                "--format",
                "tsort",
            ],
            2,
            "--progress",
        ),
        (
            &["order", "backend.txt", "--pace", "4", "--format", "json"],
            2,
            "--pace",
        ),
        (
            &["check", "backend.txt", "--progress", "missing.md"],
            1,
            "missing.md",
        ),
        (
            &[
                "check",
                "backend.txt",
                "--progress",
                "p.md",
                "--progress",
                "p.md",
            ],
            2,
            "twice",
        ),
    ];
    for (args, code, needle) in cases {
        let out = run(dir.path(), args);
        assert_eq!(out.status.code(), Some(*code), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(needle), "{args:?}: {}", stderr(&out));
    }
    // An unknown item, with the suggestion prerequisites get.
    fs::write(dir.path().join("typo.md"), "# Mine\n\n- [x] Waht is HTTP\n").unwrap();
    let out = run(
        dir.path(),
        &["check", "backend.txt", "--progress", "typo.md"],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("typo.md:3:7") && err.contains("What is HTTP"),
        "{err}"
    );
    // A topic given two states: a warning naming both lines; the later wins.
    fs::write(dir.path().join("twice.md"), "- [x] REST\n- [/] REST\n").unwrap();
    let out = run(
        dir.path(),
        &[
            "next",
            "backend.txt",
            "--progress",
            "twice.md",
            "--format",
            "json",
        ],
    );
    assert!(out.status.success());
    assert!(stderr(&out).contains("twice.md:2"), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["label"], "REST");
    assert_eq!(v[0]["status"], "learning");
}

#[test]
fn order_shows_states_and_leaves_out_what_is_done() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("web.md"),
        "- Web\n  - [x] HTTP [2h]\n  - [/] REST [3h]\n  - GraphQL [90m]\n  - [-] SOAP\n",
    )
    .unwrap();
    fs::write(dir.path().join("web.prereqs"), "HTTP -> REST -> GraphQL\n").unwrap();
    let out = run(
        dir.path(),
        &["order", "web.md", "-p", "web.prereqs", "--pace", "2"],
    );
    assert_eq!(
        stdout(&out),
        "1. ~ Web\n2. ✓   HTTP [2h]\n3. ~   REST [3h]  (after HTTP)\n4.     GraphQL [90m]  (after REST)\n5. -   SOAP\n\n\
         1 of 3 topics done (33%) · 1 skipped · 4.5 h left · 3 weeks at 2 h a week\n"
    );
    let out = run(
        dir.path(),
        &[
            "order",
            "web.md",
            "-p",
            "web.prereqs",
            "--remaining",
            "--stages",
        ],
    );
    assert_eq!(
        stdout(&out),
        "Stage 0: 2 topics, can be learned in parallel\n1. ~ Web\n2. ~   REST [3h]\n\n\
         Stage 1: 1 topic\n3.   GraphQL [90m]  (in Web)  (after REST)\n\n\
         1 of 3 topics done (33%) · 1 skipped · 4.5 h left\n"
    );
    // A state on a group goes to the topics without one of their own.
    fs::write(dir.path().join("plain.txt"), "Web\n  HTTP\n  REST\n").unwrap();
    fs::write(dir.path().join("all.md"), "- [x] Web\n").unwrap();
    let out = run(
        dir.path(),
        &["order", "plain.txt", "--progress", "all.md", "--remaining"],
    );
    assert_eq!(
        stdout(&out),
        "Nothing left: every topic is done or skipped.\n2 of 2 topics done (100%)\n"
    );
    let out = run(dir.path(), &["order", "web.md", "--format", "markdown"]);
    assert_eq!(
        stdout(&out),
        "- [ ] Web\n    - [x] HTTP `2h`\n    - [/] REST `3h`\n    - [ ] GraphQL `90m`\n    - [-] SOAP\n"
    );
    let out = run(dir.path(), &["order", "web.md", "--format", "json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["status"], "learning");
    assert_eq!(v[0]["estimate_hours"], 6.5);
    assert_eq!(v[4]["estimate_hours"], Value::Null);
}

#[test]
fn next_says_where_to_learn_each_topic_with_notes() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("web.txt"), "Web\n  HTTP\n  REST\n").unwrap();
    fs::write(
        dir.path().join("web.notes.md"),
        "## REST\n\n- [@article@REST in brief](https://example.com/rest_(intro))\n",
    )
    .unwrap();
    fs::write(dir.path().join("p.md"), "- [x] HTTP\n").unwrap();
    let args = [
        "next",
        "web.txt",
        "--progress",
        "p.md",
        "--notes",
        "web.notes.md",
    ];
    let out = run(dir.path(), &args);
    assert_eq!(
        stdout(&out),
        "Ready to start:\n1. REST  completes Web\n   https://example.com/rest_(intro)\n1 topic left · 1 of 2 topics done (50%)\n"
    );
    let out = run(dir.path(), &[&args[..], &["-f", "markdown"]].concat());
    assert_eq!(
        stdout(&out),
        "- [ ] [REST](https://example.com/rest_%28intro%29)\n"
    );
    let out = run(dir.path(), &[&args[..], &["-f", "json"]].concat());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["links"][0]["title"], "REST in brief");
    // Without notes, no link and no `links` field.
    let out = run(
        dir.path(),
        &["next", "web.txt", "--progress", "p.md", "-f", "json"],
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v[0].get("links").is_none());
}

#[test]
fn dot_with_positions_keeps_the_state_marks() {
    let dir = scratch();
    fs::write(dir.path().join("p.md"), "- [x] What is HTTP\n- [/] REST\n").unwrap();
    let out = run(
        dir.path(),
        &[
            "render",
            "backend.txt",
            "--progress",
            "p.md",
            "-f",
            "dot",
            "--positions",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let dot = stdout(&out);
    // Graphviz takes a node's last `label`: the wrapped one, marked.
    let last_label = |id: &str| {
        let line = dot
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("\"{id}\" [")))
            .unwrap_or_else(|| panic!("{id} in the DOT"));
        let at = line.rfind("label=\"").unwrap() + "label=\"".len();
        line[at..].split('"').next().unwrap().to_string()
    };
    assert_eq!(last_label("what-is-http"), "✓ What is HTTP");
    assert!(
        last_label("rest").starts_with("▶ REST"),
        "{}",
        last_label("rest")
    );
    assert_eq!(last_label("dns-and-how-it-works"), "DNS and how it works");
}

#[test]
fn what_is_left_is_named_and_stated_as_in_the_whole_roadmap() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("sh.txt"),
        "Web\n  APIs\n    SOAP\n    REST\n  Patterns\n    SOAP\n    CQRS\n",
    )
    .unwrap();
    fs::write(dir.path().join("sh.prereqs"), "Patterns > SOAP -> REST\n").unwrap();
    fs::write(dir.path().join("p.md"), "- [x] APIs > SOAP\n").unwrap();
    let args = [
        "order",
        "sh.txt",
        "-p",
        "sh.prereqs",
        "--progress",
        "p.md",
        "--remaining",
    ];
    let out = run(dir.path(), &args);
    // SOAP is the only one left, but the whole roadmap has two: the name
    // that picks it there. APIs, with SOAP done, is still being learnt.
    assert_eq!(
        stdout(&out),
        "1. ~ Web\n2. ~   APIs\n3.     Patterns\n4.       SOAP\n5.     REST  (in APIs)  (after Patterns > SOAP)\n6.     CQRS  (in Patterns)\n\n1 of 4 topics done (25%)\n"
    );
    // The checklist of what is left reads back against the whole roadmap.
    let out = run(dir.path(), &[&args[..], &["--format", "markdown"]].concat());
    fs::write(
        dir.path().join("left.md"),
        stdout(&out).replace("[ ]", "[x]"),
    )
    .unwrap();
    let out = run(
        dir.path(),
        &[
            "check",
            "sh.txt",
            "-p",
            "sh.prereqs",
            "--progress",
            "p.md",
            "--progress",
            "left.md",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("4 of 4 topics done (100%)"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn check_aligns_sections_by_display_width() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("w.txt"),
        "Web\n  基础\n    HTTP\n  Security\n    TLS\n",
    )
    .unwrap();
    fs::write(dir.path().join("p.md"), "- [x] HTTP\n").unwrap();
    let out = run(dir.path(), &["check", "w.txt", "--progress", "p.md"]);
    let text = stdout(&out);
    // 基础 takes four columns, as many as `Secu`.
    assert!(text.contains("    基础      1/1  100%\n"), "{text}");
    assert!(text.contains("    Security  0/1    0%\n"), "{text}");
}

/// A pace outside 15 minutes to 168 hours a week is a usage error: the
/// weeks it would give (infinite, NaN, negative) mean nothing.
#[test]
fn pace_out_of_range_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("o.txt"), "Web\n  HTTP [2h]\n").unwrap();
    for pace in ["1e-308", "0.1", "0", "-3", "NaN", "inf", "-inf", "168.5"] {
        for command in ["check", "next", "order"] {
            let flag = format!("--pace={pace}");
            let out = run(dir.path(), &[command, "o.txt", &flag]);
            assert_eq!(out.status.code(), Some(2), "{command} --pace {pace}");
            let err = stderr(&out);
            assert!(err.contains("from 0.25 (15 minutes) to 168"), "{err}");
            assert!(stdout(&out).is_empty(), "{command} --pace {pace}");
        }
    }
    for pace in ["0.25", "168", " 6 "] {
        let out = run(dir.path(), &["check", "o.txt", "--pace", pace]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "--pace {pace}: {}",
            stderr(&out)
        );
        assert!(!stdout(&out).contains("inf"), "{}", stdout(&out));
    }
}

/// Conflicting states past the first ten are counted, not printed: the
/// output says how many were left out.
#[test]
fn conflicting_states_are_listed_ten_then_counted() {
    let dir = scratch();
    let items = "- [x] REST\n- [ ] REST\n".repeat(13);
    fs::write(dir.path().join("twice.md"), items).unwrap();
    let out = run(
        dir.path(),
        &["check", "backend.txt", "--progress", "twice.md"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.matches("this line wins").count(), 10, "{err}");
    assert!(
        err.contains("warning: 15 more warnings about topics given two states"),
        "{err}"
    );
    assert!(err.contains("--> twice.md:12"), "{err}");
}
