//! What the binary says besides errors in the inputs: on a terminal,
//! `render` and `generate` name what they wrote (checked through a real
//! pseudo-terminal made by script(1)), and nothing in a pipe or with
//! `--quiet`; a file that cannot be read or written is named with the
//! operation and a hint.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

fn crate_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("roadmapper")
}

fn script_available() -> bool {
    let found = std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("ROADMAPPER_REQUIRE_TOOLS").is_none(),
            "script(1) is missing (util-linux / bsdutils)"
        );
        eprintln!("skipping: script(1) is not installed, so no pseudo-terminal");
    }
    found
}

/// Runs the binary with its standard streams on a pseudo-terminal, from
/// `dir`; returns what the terminal showed, line ends as `\n`.
fn on_a_terminal(dir: &Path, args: &[&str]) -> (i32, String) {
    let mut command = shell_quote(&bin().to_string_lossy());
    for a in args {
        command.push(' ');
        command.push_str(&shell_quote(a));
    }
    let out = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n");
    (out.status.code().unwrap_or(-1), shown)
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("roadmapper")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn backend(name: &str) -> String {
    crate_root()
        .join("roadmap")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn render_says_what_it_wrote_on_a_terminal_only() {
    if !script_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (outline, prereqs) = (backend("backend.txt"), backend("backend.prereqs"));
    let args = [
        "render",
        &outline,
        "--prereqs",
        &prereqs,
        "-o",
        "backend.png",
    ];
    let (code, shown) = on_a_terminal(dir.path(), &args);
    assert_eq!(code, 0, "{shown}");
    let png = fs::read(dir.path().join("backend.png")).unwrap();
    let be = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    let size = png.len() as f64 / 1e6;
    assert_eq!(
        shown,
        format!(
            "wrote backend.png ({} × {}, {size:.1} MB)\n",
            be(16),
            be(20)
        ),
    );

    let svg_args = ["render", &outline, "-o", "backend.svg"];
    let (_, shown) = on_a_terminal(dir.path(), &svg_args);
    let kb = fs::metadata(dir.path().join("backend.svg"))
        .unwrap()
        .len()
        .div_ceil(1000);
    assert_eq!(shown, format!("wrote backend.svg (115 topics, {kb} kB)\n"));

    // Quiet on a terminal; silent in a pipe.
    let quiet = [&args[..], &["--quiet"]].concat();
    assert_eq!(on_a_terminal(dir.path(), &quiet), (0, String::new()));
    let out = run(dir.path(), &args);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // To standard output: nothing to report.
    let (_, shown) = on_a_terminal(dir.path(), &["render", &outline]);
    assert!(!shown.contains("wrote"), "{shown}");
}

#[test]
fn generate_names_the_prerequisites_file_too() {
    if !script_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (code, shown) = on_a_terminal(
        dir.path(),
        &["generate", "--topics", "1000", "-o", "big.txt"],
    );
    assert_eq!(code, 0, "{shown}");
    let kb = |name: &str| {
        fs::metadata(dir.path().join(name))
            .unwrap()
            .len()
            .div_ceil(1000)
    };
    assert_eq!(
        shown,
        format!(
            "wrote big.txt (1000 topics, {} kB) and big.prereqs (the prerequisites, {} kB)\n",
            kb("big.txt"),
            kb("big.prereqs")
        )
    );
    let (_, shown) = on_a_terminal(dir.path(), &["generate", "-n", "9", "-o", "s.txt", "-q"]);
    assert_eq!(shown, "");
    let out = run(dir.path(), &["generate", "-n", "9", "-o", "p.txt"]);
    assert!(out.stderr.is_empty());
}

#[test]
fn mark_says_what_it_changed_on_a_terminal_only() {
    if !script_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let outline = backend("backend.txt");
    let args = [
        "mark",
        &outline,
        "--progress",
        "p.md",
        "REST",
        "HATEOAS",
        "--done",
    ];
    let (code, shown) = on_a_terminal(dir.path(), &args);
    assert_eq!(code, 0, "{shown}");
    assert_eq!(shown, "wrote p.md (2 topics done)\n");
    let (code, shown) = on_a_terminal(dir.path(), &args);
    assert_eq!(code, 0, "{shown}");
    assert_eq!(
        shown,
        "nothing to change in p.md (2 topics done): already so\n"
    );
    let quiet = [&args[..], &["--quiet"]].concat();
    assert_eq!(on_a_terminal(dir.path(), &quiet), (0, String::new()));
    let out = run(dir.path(), &args);
    assert!(out.stderr.is_empty());
}

#[test]
fn a_missing_input_is_named_with_the_file_meant() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("roadmap")).unwrap();
    fs::write(dir.path().join("roadmap/backend.txt"), "Backend\n  APIs\n").unwrap();
    fs::write(dir.path().join("roadmap/backend.prereqs"), "").unwrap();
    for (args, meant) in [
        (
            &["order", "roadmap/backend.tx"][..],
            Some("roadmap/backend.txt"),
        ),
        (
            &["order", "roadmap/Backend.txt"],
            Some("roadmap/backend.txt"),
        ),
        (
            &[
                "order",
                "roadmap/backend.txt",
                "--prereqs",
                "roadmap/backend.prereq",
            ],
            Some("roadmap/backend.prereqs"),
        ),
        (&["check", "roadmap/frontend-and-more.txt"], None),
    ] {
        let out = run(dir.path(), args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        let missing = args
            .iter()
            .rev()
            .find(|a| a.starts_with("roadmap/"))
            .unwrap();
        let missing = if args.len() > 2 && args[2] == "--prereqs" {
            args[3]
        } else {
            missing
        };
        assert!(
            err.starts_with(&format!(
                "error: cannot read `{missing}`: No such file or directory"
            )),
            "{err}"
        );
        match meant {
            Some(m) => assert!(err.contains(&format!("help: did you mean `{m}`?")), "{err}"),
            None => assert!(!err.contains("did you mean"), "{err}"),
        }
        assert!(!err.contains("os error"), "{err}");
    }
}

#[test]
fn an_output_that_cannot_be_written_is_named_with_the_operation() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("o.txt"), "Web\n  HTTP\n").unwrap();
    let out = run(
        dir.path(),
        &["render", "o.txt", "-o", "no/such/folder/x.svg"],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.starts_with(
            "error: cannot write `no/such/folder/x.svg`: the folder `no/such/folder` does not exist"
        ),
        "{err}"
    );
}

#[test]
fn exit_codes_follow_the_readme_table() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("o.txt"), "Web\n  HTTP\n").unwrap();
    fs::write(dir.path().join("bad.prereqs"), "HTTP -> Nowhere\n").unwrap();
    for (args, code) in [
        (&["order", "o.txt"][..], 0),
        (&["order", "o.txt", "--prereqs", "bad.prereqs"], 1),
        (&["order", "missing.txt"], 1),
        (&["order", "o.txt", "--bogus"], 2),
        (&["render", "o.txt", "--theme", "dark"], 2),
        (&["render", "o.txt", "-o", "x.unknown"], 2),
        (&["render", "o.txt", "-o", "o.txt"], 2),
        (
            &[
                "render", "o.txt", "--scale", "16", "-o", "x.png", "--to", "HTTP",
            ],
            0,
        ),
    ] {
        let out = run(dir.path(), args);
        assert_eq!(
            out.status.code(),
            Some(code),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
