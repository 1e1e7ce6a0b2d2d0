//! Every flag of `render` against every format and layout, and every flag
//! of `order` and `generate` against their formats: each combination either
//! works (exit 0, a file of the format asked for) or is a usage error
//! (exit 2) whose message names the flag and what it clashes with, and
//! says what to do. The expectations below are the README's table, written
//! out independently of src/cli/plan.rs.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

const OUTLINE: &str = "Web\n  Basics\n    HTTP\n    TLS\n  APIs\n    REST\n    GraphQL\n";
const PREREQS: &str = "HTTP -> REST\nTLS -> GraphQL\n";
const NOTES: &str =
    "## REST\n\nResources over HTTP.\n\n- [@article@REST](https://example.com/rest)\n";
/// A font with characters Noto Sans lacks (installed by .ci/run).
const FONT: &str = "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf";

struct Files {
    dir: tempfile::TempDir,
}

impl Files {
    fn new() -> Files {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("web.txt"), OUTLINE).unwrap();
        fs::write(dir.path().join("web.prereqs"), PREREQS).unwrap();
        fs::write(dir.path().join("web.notes.md"), NOTES).unwrap();
        fs::write(dir.path().join("web.progress.md"), "- [x] HTTP\n").unwrap();
        Files { dir }
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).to_str().unwrap().to_string()
    }
}

fn run(dir: &Path, args: &[String]) -> Output {
    Command::cargo_bin("roadmapper")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fmt {
    Dot,
    /// DOT with --positions.
    PositionedDot,
    Json,
    Svg,
    Png,
}

impl Fmt {
    fn name(self) -> &'static str {
        match self {
            Fmt::Dot | Fmt::PositionedDot => "dot",
            Fmt::Json => "json",
            Fmt::Svg => "svg",
            Fmt::Png => "png",
        }
    }

    /// Whether a layout is made (and text measured).
    fn laid_out(self) -> bool {
        self != Fmt::Dot
    }

    /// The start of a file of this format.
    fn magic(self) -> &'static [u8] {
        match self {
            Fmt::Dot | Fmt::PositionedDot => b"digraph",
            Fmt::Json => b"{",
            Fmt::Svg => b"<?xml",
            Fmt::Png => b"\x89PNG",
        }
    }
}

/// The render flags, each with the formats and layouts it applies to.
#[derive(Debug, Clone, Copy)]
enum Flag {
    Positions,
    EmbedFont,
    Theme,
    Scale,
    DirectionRight,
    DirectionDown,
    Font,
    SystemFonts,
    Notes,
    AllPrereqs,
    To,
    Section,
    Force,
    Quiet,
}

const FLAGS: [Flag; 14] = [
    Flag::Positions,
    Flag::EmbedFont,
    Flag::Theme,
    Flag::Scale,
    Flag::DirectionRight,
    Flag::DirectionDown,
    Flag::Font,
    Flag::SystemFonts,
    Flag::Notes,
    Flag::AllPrereqs,
    Flag::To,
    Flag::Section,
    Flag::Force,
    Flag::Quiet,
];

impl Flag {
    fn args(self, files: &Files) -> Vec<String> {
        match self {
            Flag::Positions => strings(&["--positions"]),
            Flag::EmbedFont => strings(&["--embed-font"]),
            Flag::Theme => strings(&["--theme", "dark"]),
            Flag::Scale => strings(&["--scale", "1"]),
            Flag::DirectionRight => strings(&["--direction", "right"]),
            Flag::DirectionDown => strings(&["--direction", "down"]),
            Flag::Font => strings(&["--font", FONT]),
            Flag::SystemFonts => strings(&["--system-fonts"]),
            Flag::Notes => vec!["--notes".into(), files.path("web.notes.md")],
            Flag::AllPrereqs => strings(&["--all-prereqs"]),
            Flag::To => strings(&["--to", "REST"]),
            Flag::Section => strings(&["--section", "APIs"]),
            Flag::Force => strings(&["--force"]),
            Flag::Quiet => strings(&["--quiet"]),
        }
    }

    /// The flag as a message names it.
    fn named(self) -> &'static str {
        match self {
            Flag::Positions => "--positions",
            Flag::EmbedFont => "--embed-font",
            Flag::Theme => "--theme",
            Flag::Scale => "--scale",
            Flag::DirectionRight | Flag::DirectionDown => "--direction",
            Flag::Font => "--font",
            Flag::SystemFonts => "--system-fonts",
            Flag::Notes => "--notes",
            Flag::AllPrereqs => "--all-prereqs",
            Flag::To => "--to",
            Flag::Section => "--section",
            Flag::Force => "--force",
            Flag::Quiet => "--quiet",
        }
    }
}

/// The conflicts of a render, as (flag, what it clashes with) pairs that
/// a message must name; empty when the render must work.
fn conflicts(format: Fmt, layout: Option<&str>, flag: Flag) -> Vec<(String, String)> {
    let asked = format!("--format {}", format.name());
    let mut found = Vec::new();
    let mut clash = |a: &str, b: &str| found.push((a.to_string(), b.to_string()));
    let laid_out = format.laid_out() || matches!(flag, Flag::Positions);
    if let Some(l) = layout
        && !laid_out
    {
        clash(&format!("--layout {l}"), &asked);
    }
    match flag {
        Flag::Positions if !matches!(format, Fmt::Dot | Fmt::PositionedDot) => {
            clash("--positions", &asked)
        }
        Flag::EmbedFont if format != Fmt::Svg => clash("--embed-font", &asked),
        Flag::Theme if !matches!(format, Fmt::Svg | Fmt::Png) => clash("--theme", &asked),
        Flag::Scale if format != Fmt::Png => clash("--scale", &asked),
        Flag::DirectionRight | Flag::DirectionDown if layout != Some("layered") => {
            clash("--direction", "--layout layered")
        }
        Flag::DirectionRight | Flag::DirectionDown if !laid_out => clash("--direction", &asked),
        Flag::Font if !format.laid_out() => clash("--font", &asked),
        Flag::SystemFonts if !format.laid_out() => clash("--system-fonts", &asked),
        Flag::Notes if format == Fmt::Png => clash("--notes", &asked),
        _ => {}
    }
    found
}

/// Asserts a usage error naming one of `conflicts` (both sides) and
/// carrying a `help:` line.
fn assert_usage_error(out: &Output, conflicts: &[(String, String)], case: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{case}: expected a usage error:\n{err}"
    );
    assert!(
        conflicts
            .iter()
            .any(|(a, b)| err.contains(a.as_str()) && err.contains(b.as_str())),
        "{case}: the message names none of {conflicts:?}:\n{err}"
    );
    assert!(err.contains("\n  help: "), "{case}: no help:\n{err}");
    assert!(out.stdout.is_empty(), "{case}: wrote to stdout");
}

#[test]
fn every_render_flag_with_every_format_and_layout_works_or_is_refused_by_name() {
    let files = Files::new();
    let font = Path::new(FONT).exists();
    if !font {
        assert!(
            std::env::var_os("ROADMAPPER_REQUIRE_TOOLS").is_none(),
            "{FONT} is missing (fonts-noto-core)"
        );
        eprintln!("skipping --font: {FONT} is missing (install fonts-noto-core)");
    }
    let formats = [Fmt::Dot, Fmt::PositionedDot, Fmt::Json, Fmt::Svg, Fmt::Png];
    let (mut worked, mut refused) = (0, 0);
    for format in formats {
        for layout in [None, Some("poster"), Some("layered")] {
            for flag in FLAGS {
                let repeated = format == Fmt::PositionedDot && matches!(flag, Flag::Positions);
                if repeated || (matches!(flag, Flag::Font) && !font) {
                    continue;
                }
                let out_file = files.path(&format!("out.{}", format.name()));
                let _ = fs::remove_file(&out_file);
                let mut args = vec!["render".to_string(), files.path("web.txt")];
                args.extend(["--prereqs".into(), files.path("web.prereqs")]);
                args.extend(["--format".into(), format.name().into()]);
                args.extend(["-o".into(), out_file.clone()]);
                if format == Fmt::PositionedDot {
                    args.push("--positions".into());
                }
                if let Some(l) = layout {
                    args.extend(["--layout".into(), l.into()]);
                }
                args.extend(flag.args(&files));
                let case = format!("{format:?} {layout:?} {}", flag.named());
                let out = run(files.dir.path(), &args);
                let expected = conflicts(format, layout, flag);
                if expected.is_empty() {
                    let err = String::from_utf8_lossy(&out.stderr);
                    assert_eq!(out.status.code(), Some(0), "{case}: {args:?}\n{err}");
                    let bytes = fs::read(&out_file).unwrap_or_default();
                    assert!(
                        bytes.starts_with(format.magic()),
                        "{case}: not a {format:?}"
                    );
                    worked += 1;
                } else {
                    assert_usage_error(&out, &expected, &case);
                    assert!(!Path::new(&out_file).exists(), "{case}: wrote a file");
                    refused += 1;
                }
            }
        }
    }
    // Both outcomes are exercised: a rule that refuses or accepts all
    // fails above, and the counts say how much of the matrix each takes.
    assert!(
        worked > 80 && refused > 40,
        "{worked} worked, {refused} refused"
    );
}

#[test]
fn an_extension_that_contradicts_the_format_is_refused() {
    let files = Files::new();
    for (format, file) in [
        ("svg", "x.png"),
        ("png", "x.svg"),
        ("dot", "x.json"),
        ("json", "x.gv"),
    ] {
        let out = run(
            files.dir.path(),
            &strings(&["render", "web.txt", "--format", format, "-o", file]),
        );
        let conflicts = vec![(format!("--format {format}"), format!("-o {file}"))];
        assert_usage_error(&out, &conflicts, &format!("--format {format} -o {file}"));
        assert!(!files.dir.path().join(file).exists());
    }
    // An extension that names no format does not contradict one.
    let out = run(
        files.dir.path(),
        &strings(&["render", "web.txt", "--format", "svg", "-o", "poster.txt"]),
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(
        fs::read(files.dir.path().join("poster.txt"))
            .unwrap()
            .starts_with(b"<?xml")
    );
}

#[test]
fn a_format_from_the_extension_or_the_default_is_named_in_the_conflict() {
    let files = Files::new();
    let out = run(
        files.dir.path(),
        &strings(&["render", "web.txt", "-o", "x.dot", "--theme", "dark"]),
    );
    assert_usage_error(
        &out,
        &[("--theme".into(), "-o x.dot".into())],
        "-o x.dot --theme",
    );
    let out = run(
        files.dir.path(),
        &strings(&["render", "web.txt", "--scale", "3"]),
    );
    assert_usage_error(
        &out,
        &[("--scale".into(), "DOT".into())],
        "default DOT --scale",
    );
}

#[test]
fn force_needs_an_output_file() {
    let files = Files::new();
    for args in [
        &["render", "web.txt", "--force"][..],
        &["render", "web.txt", "--force", "-o", "-"],
        &["order", "web.txt", "--force"],
        &["generate", "--topics", "5", "--force"],
    ] {
        let out = run(files.dir.path(), &strings(args));
        assert_usage_error(
            &out,
            &[("--force".into(), "-o FILE".into())],
            &args.join(" "),
        );
    }
    let out = run(
        files.dir.path(),
        &strings(&["generate", "--topics", "5", "--force", "-o", "g.txt"]),
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn every_order_flag_with_every_format_works_or_is_refused_by_name() {
    let files = Files::new();
    let out_file = files.path("order.out");
    for format in ["text", "markdown", "json", "tsort"] {
        for flag in [
            "--stages",
            "--notes",
            "--to",
            "-o",
            "--progress",
            "--remaining",
            "--pace",
            "--quiet-none",
        ] {
            let mut args = vec!["order".to_string(), files.path("web.txt")];
            args.extend(["--prereqs".into(), files.path("web.prereqs")]);
            args.extend(["--format".into(), format.into()]);
            match flag {
                "--notes" => args.extend(["--notes".into(), files.path("web.notes.md")]),
                "--to" => args.extend(["--to".into(), "REST".into()]),
                "-o" => args.extend(["-o".into(), out_file.clone(), "--force".into()]),
                "--stages" => args.push("--stages".into()),
                "--progress" => args.extend(["--progress".into(), files.path("web.progress.md")]),
                "--remaining" => args.extend([
                    "--progress".into(),
                    files.path("web.progress.md"),
                    "--remaining".into(),
                ]),
                "--pace" => args.extend(["--pace".into(), "6".into()]),
                _ => {}
            }
            let case = format!("order --format {format} {flag}");
            let out = run(files.dir.path(), &args);
            let conflict = match (flag, format) {
                ("--stages", "tsort") => Some(("--stages", "--format tsort")),
                ("--notes", f) if f != "markdown" => Some(("--notes", "--format")),
                ("--progress", "tsort") => Some(("--progress", "--format tsort")),
                ("--pace", f) if f != "text" => Some(("--pace", "--format")),
                _ => None,
            };
            match conflict {
                Some((a, b)) => {
                    assert_usage_error(&out, &[(a.into(), b.into())], &case);
                    if a == "--notes" {
                        let err = String::from_utf8_lossy(&out.stderr);
                        assert!(err.contains(&format!("--format {format}")), "{err}");
                    }
                }
                None => {
                    let err = String::from_utf8_lossy(&out.stderr);
                    assert_eq!(out.status.code(), Some(0), "{case}: {err}");
                    let written = if flag == "-o" {
                        fs::read(&out_file).unwrap()
                    } else {
                        out.stdout.clone()
                    };
                    assert!(!written.is_empty(), "{case}: empty output");
                }
            }
        }
    }
    // With notes, the checklist links REST: the flag did something.
    let out = run(
        files.dir.path(),
        &strings(&[
            "order",
            "web.txt",
            "--notes",
            "web.notes.md",
            "--format",
            "markdown",
        ]),
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("[REST](https://example.com/rest)"));
}

#[test]
fn the_readme_table_lists_every_render_and_order_flag() {
    let readme =
        fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme
        .find("| flag | applies to |")
        .expect("the README has the flags table");
    let table: String = readme[start..]
        .lines()
        .take_while(|l| l.starts_with('|'))
        .collect::<Vec<_>>()
        .join("\n");
    for flag in FLAGS.iter().map(|f| f.named()).chain([
        "--stages",
        "--layout",
        "--progress",
        "--remaining",
        "--pace",
    ]) {
        if matches!(flag, "--to" | "--section" | "--all-prereqs" | "--quiet") {
            continue; // apply everywhere: listed in the text, not the table
        }
        assert!(
            table.contains(flag),
            "the README's table lacks {flag}:\n{table}"
        );
    }
}
