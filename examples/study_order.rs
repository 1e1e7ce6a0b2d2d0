//! Loading a roadmap and ordering it: the study order stage by stage, as
//! `roadmapper order --stages` lists it, then only what some targets need,
//! as `roadmapper order --to TOPIC` does.
//!
//! ```text
//! cargo run --example study_order
//! cargo run --example study_order -- --to Kafka --to "Web Security > HTTPS"
//! cargo run --example study_order -- my.txt my.prereqs --to "My topic"
//! ```
//!
//! The default inputs are the shipped `roadmap/backend.txt` and
//! `roadmap/backend.prereqs` (found from the crate root, so the example
//! runs from any folder); the default target is `REST`. Paths given on the
//! command line are used as given. An unknown target or a broken input is
//! reported as the command line reports it, with the source line and a
//! hint, and the example exits with status 1.

#![forbid(unsafe_code)]

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use roadmapper::{Diagnostic, Error, Input, Roadmap, load};

const USAGE: &str = "usage: study_order [OUTLINE [PREREQS]] [--to TOPIC]...";

fn main() -> ExitCode {
    let Some(args) = Args::parse(std::env::args_os().skip(1)) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    // The inputs are kept to quote their lines in diagnostics.
    let mut inputs = Vec::new();
    match run(&args, &mut inputs) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report(&e, &inputs);
            ExitCode::FAILURE
        }
    }
}

/// The command line: the files and the targets, with the defaults filled in.
struct Args {
    outline: PathBuf,
    prereqs: PathBuf,
    targets: Vec<String>,
}

impl Args {
    /// `None` on a mistake (a third path, `--to` without a topic). A topic
    /// that is not UTF-8 is looked up (and not found) with its stray bytes
    /// replaced.
    fn parse(mut args: impl Iterator<Item = OsString>) -> Option<Args> {
        let mut paths = Vec::new();
        let mut targets = Vec::new();
        while let Some(arg) = args.next() {
            if arg == "--to" {
                targets.push(args.next()?.to_string_lossy().into_owned());
            } else {
                paths.push(PathBuf::from(arg));
            }
        }
        if targets.is_empty() {
            targets.push("REST".to_string());
        }
        let mut paths = paths.into_iter();
        let args = Args {
            outline: paths
                .next()
                .unwrap_or_else(|| in_crate("roadmap/backend.txt")),
            prereqs: paths
                .next()
                .unwrap_or_else(|| in_crate("roadmap/backend.prereqs")),
            targets,
        };
        paths.next().is_none().then_some(args)
    }
}

fn run(args: &Args, inputs: &mut Vec<Input>) -> Result<(), Error> {
    // `Input` is a name for diagnostics and the bytes: read from a file
    // here (with a size limit), or built in memory with `Input::new`.
    inputs.push(Input::read(&args.outline)?);
    inputs.push(Input::read(&args.prereqs)?);
    // One call parses, resolves the references, checks for cycles and
    // orders; every error of every file comes back at once.
    let roadmap = load(&inputs[0], &inputs[1..])?;
    for warning in roadmap.warnings() {
        eprintln!("{warning}");
    }

    // The study order is Kahn's algorithm over the constraints (a parent
    // before its children, each prerequisite), ties broken by outline
    // position: deterministic. A topic's stage is how many prerequisites
    // deep it sits; topics of one stage can be learned in parallel.
    let stages = roadmap.order().iter().map(|&i| roadmap.stage(i)).max();
    println!(
        "{} topics, {} prerequisites, {} stages",
        roadmap.len(),
        roadmap.prerequisites().count(),
        stages.map_or(0, |s| s + 1)
    );
    print_stages(&roadmap, roadmap.order());

    // `--to`: references are looked up as a prerequisite file writes them
    // (a label, or a `Parent > Label` suffix, case-insensitive). A miss
    // comes back as a `DiagnosticKind` with the closest labels.
    let refs: Vec<&str> = args.targets.iter().map(String::as_str).collect();
    let mut found = Vec::new();
    let mut unknown = Vec::new();
    for result in roadmap.find_all(&refs) {
        match result {
            Ok(i) => found.push(i),
            Err(kind) => unknown.push(Diagnostic::argument("--to", kind)),
        }
    }
    if !unknown.is_empty() {
        return Err(Error::Input(unknown));
    }
    // What the targets need, in study order: each target (a group with
    // all it holds), its parents and, repeatedly, their prerequisites.
    let needs = roadmap.needs(&found);
    println!();
    println!(
        "What {} needs: {} topics",
        args.targets.join(", "),
        needs.len()
    );
    print_stages(&roadmap, &needs);
    Ok(())
}

/// `topics` (given in study order) under `Stage N` headings, numbered,
/// each with its parent: `12. What is HTTP  (in Internet)`.
fn print_stages(roadmap: &Roadmap, topics: &[usize]) {
    // A stable sort: the study order is kept within each stage.
    let mut by_stage = topics.to_vec();
    by_stage.sort_by_key(|&i| roadmap.stage(i));
    let width = by_stage.len().to_string().len();
    let mut stage = None;
    for (n, &i) in by_stage.iter().enumerate() {
        if stage != Some(roadmap.stage(i)) {
            stage = Some(roadmap.stage(i));
            println!("Stage {}:", roadmap.stage(i));
        }
        let label = &roadmap.topic(i).label;
        match roadmap.parent(i) {
            Some(p) => println!(
                "  {:>width$}. {label}  (in {})",
                n + 1,
                roadmap.topic(p).label
            ),
            None => println!("  {:>width$}. {label}", n + 1),
        }
    }
}

/// A file of this crate, wherever the example is run from.
fn in_crate(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// Prints an error as the command line does: each diagnostic with the
/// line of the input it points at, a caret and a hint.
fn report(error: &Error, inputs: &[Input]) {
    let Error::Input(diagnostics) = error else {
        eprintln!("error: {error}");
        return;
    };
    for d in diagnostics {
        let source = inputs
            .iter()
            .find(|input| input.name == d.file())
            .and_then(|input| std::str::from_utf8(&input.bytes).ok());
        eprintln!("{}", d.render(source, false));
    }
}
