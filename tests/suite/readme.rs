//! Runs every `console` block of the README, so the outputs it shows are
//! the tool's own.
//!
//! In a block, `$ cat FILE` followed by lines creates FILE with those lines
//! (the README shows the input, the test writes it); `$ roadmapper ARGS`
//! runs the binary (in a scratch folder holding a copy of `roadmap/`) and
//! compares standard output followed by standard error with the lines
//! that follow; `| grep WORD` keeps the lines that contain WORD.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

struct Step {
    command: String,
    expected: String,
}

/// The `$ ...` steps of every console block, fences possibly indented.
fn steps(readme: &str) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    let mut indent: Option<usize> = None;
    for line in readme.lines() {
        let trimmed = line.trim_start();
        match indent {
            None if trimmed == "```console" => indent = Some(line.len() - trimmed.len()),
            None => {}
            Some(_) if trimmed == "```" => indent = None,
            Some(n) => {
                let text = line.get(n..).unwrap_or("");
                if let Some(command) = text.strip_prefix("$ ") {
                    steps.push(Step {
                        command: command.to_string(),
                        expected: String::new(),
                    });
                } else if let Some(step) = steps.last_mut() {
                    step.expected.push_str(text);
                    step.expected.push('\n');
                }
            }
        }
    }
    steps
}

/// Splits a command line on spaces, keeping double-quoted words whole.
fn words(command: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in command.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

#[test]
fn readme_console_blocks_show_real_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = fs::read_to_string(root.join("README.md")).expect("README.md exists");
    let dir = tempfile::tempdir().expect("scratch folder");
    fs::create_dir(dir.path().join("roadmap")).expect("mkdir roadmap");
    for f in [
        "backend.txt",
        "backend.prereqs",
        "backend.notes.md",
        "backend.progress.md",
    ] {
        fs::copy(
            root.join("roadmap").join(f),
            dir.path().join("roadmap").join(f),
        )
        .expect("copy shipped roadmap");
    }

    let steps = steps(&readme);
    let mut ran = 0;
    for step in &steps {
        let (command, filter) = match step.command.split_once(" | grep ") {
            Some((c, word)) => (c, Some(word.trim())),
            None => (step.command.as_str(), None),
        };
        let args = words(command);
        match args.first().map(String::as_str) {
            Some("cat") => {
                fs::write(dir.path().join(&args[1]), &step.expected).expect("write input");
            }
            Some("roadmapper") => {
                let out = Command::cargo_bin("roadmapper")
                    .expect("binary built")
                    .current_dir(dir.path())
                    .args(&args[1..])
                    .output()
                    .expect("run roadmapper");
                let mut actual = String::from_utf8_lossy(&out.stdout).into_owned();
                actual.push_str(&String::from_utf8_lossy(&out.stderr));
                if let Some(word) = filter {
                    actual = actual
                        .lines()
                        .filter(|l| l.contains(word))
                        .map(|l| format!("{l}\n"))
                        .collect();
                }
                assert_eq!(
                    actual, step.expected,
                    "README example `$ {}` prints something else",
                    step.command
                );
                ran += 1;
            }
            other => panic!("README console step `{other:?}` is not understood by this test"),
        }
    }
    assert!(ran >= 6, "only {ran} README examples found");
}

/// The set-up's render command, run as written (without `cargo run
/// --release --`): it succeeds without a word and the SVG links topics to
/// their resources.
#[test]
fn readme_setup_render_command_works_as_written() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = fs::read_to_string(root.join("README.md")).expect("README.md exists");
    let setup = &readme[readme.find("## Set-up").expect("a Set-up section")..];
    let line = setup
        .lines()
        .find_map(|l| l.strip_prefix("cargo run --release -- "))
        .expect("the set-up's cargo run command");
    let args = words(line);
    assert!(args.iter().any(|a| a == "--notes"), "{line}");
    let dir = tempfile::tempdir().expect("scratch folder");
    fs::create_dir(dir.path().join("roadmap")).expect("mkdir roadmap");
    for f in [
        "backend.txt",
        "backend.prereqs",
        "backend.notes.md",
        "backend.progress.md",
    ] {
        fs::copy(
            root.join("roadmap").join(f),
            dir.path().join("roadmap").join(f),
        )
        .expect("copy shipped roadmap");
    }
    let out = Command::cargo_bin("roadmapper")
        .expect("binary built")
        .current_dir(dir.path())
        .args(&args)
        .output()
        .expect("run roadmapper");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let output = args
        .iter()
        .position(|a| a == "-o")
        .map(|i| &args[i + 1])
        .expect("the command writes a file");
    let svg = fs::read_to_string(dir.path().join(output)).expect("the poster");
    assert_eq!(
        svg.matches("<a href=\"http").count(),
        115,
        "every topic links"
    );
}
