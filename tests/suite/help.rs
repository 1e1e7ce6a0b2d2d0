//! `--help` at 80 and 100 columns: each subcommand shows its own two or
//! three examples, no line is wider than the terminal (so none wraps in the
//! middle of a command), every example runs as written; the man pages made
//! from the same definitions render cleanly with groff.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

const COMMANDS: [&str; 8] = [
    "", "order", "render", "check", "next", "mark", "show", "generate",
];

fn crate_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn help(command: &str, columns: usize) -> String {
    let mut cmd = Command::cargo_bin("roadmapper").unwrap();
    if !command.is_empty() {
        cmd.arg(command);
    }
    let out = cmd
        .arg("--help")
        .env("COLUMNS", columns.to_string())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    String::from_utf8(out.stdout).unwrap()
}

/// The examples of a help text, each command with its `\` continuation
/// lines joined.
fn examples(help: &str) -> Vec<String> {
    let block = help
        .split_once("Examples:\n")
        .map(|(_, b)| b)
        .expect("the help has examples");
    let mut commands: Vec<String> = Vec::new();
    let mut continued = false;
    for line in block.lines() {
        let text = line.trim();
        if text.is_empty() {
            continue;
        }
        let text = text.split("  #").next().unwrap_or(text).trim_end();
        if continued {
            let last = commands
                .last_mut()
                .expect("a command before its continuation");
            last.push(' ');
            last.push_str(text.trim_end_matches('\\').trim_end());
        } else {
            assert!(
                line.starts_with("  roadmapper "),
                "an example line that is not a command (wrapped?): {line:?}\n{help}"
            );
            commands.push(text.trim_end_matches('\\').trim_end().to_string());
        }
        continued = text.ends_with('\\');
    }
    assert!(!continued, "the last example ends with `\\`");
    commands
}

#[test]
fn no_help_line_is_wider_than_the_terminal() {
    for columns in [80, 100] {
        for command in COMMANDS {
            let text = help(command, columns);
            for line in text.lines() {
                assert!(
                    line.chars().count() <= columns,
                    "`roadmapper {command} --help` at {columns} columns: {} columns:\n{line}",
                    line.chars().count()
                );
            }
            // Example lines leave room for the man page's indentation of 7.
            let block = text.split_once("Examples:").map_or("", |(_, b)| b);
            for line in block.lines() {
                assert!(
                    line.chars().count() <= 72,
                    "an example line over 72 columns: {line}"
                );
            }
            // The examples read the same at both widths: nothing wrapped.
            assert_eq!(examples(&text), examples(&help(command, 80)), "{command}");
        }
    }
}

#[test]
fn each_subcommand_shows_its_own_two_or_three_examples() {
    let mut seen = Vec::new();
    for command in COMMANDS {
        let list = examples(&help(command, 100));
        assert!(
            (2..=3).contains(&list.len()),
            "`{command} --help` shows {} examples: {list:?}",
            list.len()
        );
        if !command.is_empty() {
            for e in &list {
                assert!(
                    e.contains(&format!("roadmapper {command} ")),
                    "`{command} --help` shows an example of another command: {e}"
                );
            }
        }
        for e in &list {
            assert!(!seen.contains(e), "{e} is shown twice");
        }
        seen.extend(list);
    }
}

#[test]
fn the_color_option_takes_one_short_paragraph() {
    let text = help("render", 80);
    let start = text.find("--color").expect("--color is listed");
    let block: Vec<&str> = text[start..]
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .collect();
    assert!(
        block.len() <= 3,
        "the --color text is {} lines:\n{}",
        block.len(),
        block.join("\n")
    );
    assert!(text.contains("NO_COLOR"));
}

/// Every example, run as written (continuations joined) from a folder
/// holding the shipped roadmaps and this README.
#[test]
fn every_example_runs_as_written() {
    let dir = tempfile::tempdir().unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(crate_root().join("roadmap"), dir.path().join("roadmap")).unwrap();
    fs::copy(crate_root().join("README.md"), dir.path().join("README.md")).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("roadmapper");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for command in COMMANDS {
        for example in examples(&help(command, 80)) {
            let out: Output = std::process::Command::new("sh")
                .args(["-c", &example])
                .current_dir(dir.path())
                .env("PATH", &path)
                .output()
                .unwrap();
            assert_eq!(
                out.status.code(),
                Some(0),
                "{example}\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    for written in [
        "backend.png",
        "backend.svg",
        "rest.svg",
        "big.txt",
        "big.prereqs",
        "dense.txt",
        "progress.md",
    ] {
        assert!(
            dir.path().join(written).exists(),
            "{written} was not written"
        );
    }
}

fn man(args: &[&str]) -> String {
    let out = Command::cargo_bin("roadmapper")
        .unwrap()
        .arg("man")
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn man_pages_come_from_the_clap_definitions() {
    let page = man(&[]);
    assert!(page.contains(".TH roadmapper 1"), "{page}");
    for sub in ["order", "render", "check", "show", "generate"] {
        assert!(page.contains(sub), "roadmapper(1) lists {sub}");
        let sub_page = man(&[sub]);
        assert!(
            sub_page.contains(&format!(".TH roadmapper-{sub} 1")),
            "{sub_page}"
        );
        assert!(sub_page.contains("Examples:"), "{sub}");
    }
    let render = man(&["render"]);
    for flag in [
        "positions",
        "embed\\-font",
        "theme",
        "scale",
        "system\\-fonts",
        "\\-\\-color",
    ] {
        assert!(render.contains(flag), "roadmapper-render(1) lacks {flag}");
    }
    let out = Command::cargo_bin("roadmapper")
        .unwrap()
        .args(["man", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// The pages through groff at 80 columns: no warning, no line wider than
/// 80, the examples intact.
#[test]
fn man_pages_render_cleanly_with_groff() {
    if !Path::new("/usr/bin/groff").exists() && which("groff").is_none() {
        assert!(
            std::env::var_os("ROADMAPPER_REQUIRE_TOOLS").is_none(),
            "groff is missing (install groff)"
        );
        eprintln!("skipping: groff is not installed");
        return;
    }
    for args in [&[][..], &["render"], &["order"], &["generate"]] {
        let page = man(args);
        let out = std::process::Command::new("groff")
            .args(["-man", "-Tutf8", "-ww", "-rLL=80n", "-P", "-cbou"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                use std::io::Write;
                child.stdin.take().unwrap().write_all(page.as_bytes())?;
                child.wait_with_output()
            })
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && err.is_empty(),
            "groff {args:?}: {err}"
        );
        let text = String::from_utf8(out.stdout).unwrap();
        // Bold and underline by overstriking are off (-P -c): plain text.
        for line in text.lines() {
            assert!(line.chars().count() <= 80, "{args:?}: {line}");
        }
        assert!(text.contains("roadmapper"), "{text}");
        if let Some(sub) = args.first() {
            // The section's text is indented by 7 columns.
            let block = text.split_once("Examples:").unwrap().1;
            let block: String = block
                .lines()
                .skip_while(|l| l.trim().is_empty())
                .take_while(|l| !l.trim().is_empty())
                .map(|l| format!("{}\n", l.get(7..).unwrap_or(l)))
                .collect();
            let examples = examples(&format!("Examples:\n{block}"));
            assert!(
                !examples.is_empty() && examples.iter().all(|e| e.contains(sub)),
                "{text}"
            );
        }
    }
}

fn which(tool: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|d| Path::new(d).join(tool))
        .find(|p| p.exists())
}
