//! The learner's progress: a checklist applied to a roadmap, how far along
//! it is (overall and by section, with the hours left), and what to learn
//! next, as `roadmapper next --progress FILE --pace H` prints it.
//!
//! ```text
//! cargo run --example progress_next
//! cargo run --example progress_next -- roadmap/backend.txt roadmap/backend.prereqs roadmap/backend.progress.md Kafka
//! ```
//!
//! Without arguments it uses a small course written below (an outline
//! whose topics carry estimate tags, `[2h]`, `[90m]`, `[1d]`, its
//! prerequisites and a progress checklist) and targets GraphQL; or give an
//! outline, a prerequisite file, a progress file and a target. Progress
//! files are Markdown checklists naming topics as prerequisite files do:
//! `[x]` done, `[/]` being learnt, `[-]` skipped, `[ ]` to do. An item that
//! names no topic is an error at its line; the example prints every error
//! and exits with status 1.

#![forbid(unsafe_code)]

use std::ffi::OsString;
use std::path::Path;
use std::process::ExitCode;

use roadmapper::roadmap::{NextReason, hours};
use roadmapper::{Diagnostic, Error, Input, load_with_progress};

const OUTLINE: &str = "\
Web course
  Basics
    HTTP [2h]
    DNS [90m]
    TLS [3h]
  APIs
    REST [1d]
    SOAP [4h]
    GraphQL [6h]
  Operations
    Docker [5h]
    CI [3h]
";

const PREREQS: &str = "\
HTTP -> REST -> GraphQL
TLS -> GraphQL
Basics -> Operations
";

/// Kept apart from the outline: the outline is the course, this file is
/// one learner's way through it.
const PROGRESS: &str = "\
# My progress

- [x] HTTP
- [/] DNS
- [-] SOAP
";

/// Hours of study a week, for the weeks left.
const PACE: f64 = 5.0;

/// Topics listed by "next" at most, as `roadmapper next` without `-n`.
const SHOWN: usize = 10;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Error> {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let (outline, prereqs, progress, target) = match &args[..] {
        [] => (
            Input::new("course.txt", OUTLINE),
            Input::new("course.prereqs", PREREQS),
            Input::new("progress.md", PROGRESS),
            "GraphQL".into(),
        ),
        [outline, prereqs, progress, target] => (
            Input::read(Path::new(outline))?,
            Input::read(Path::new(prereqs))?,
            Input::read(Path::new(progress))?,
            // A target that is not UTF-8 is looked up (and not found) with
            // its stray bytes replaced.
            target.to_string_lossy(),
        ),
        _ => {
            eprintln!("usage: progress_next [OUTLINE PREREQS PROGRESS TARGET]");
            std::process::exit(2);
        }
    };
    // Loads the outline and its prerequisites, then gives each topic the
    // state the progress files name (later files win).
    let roadmap = load_with_progress(&outline, &[prereqs], &[], &[progress])?;
    for warning in roadmap.warnings() {
        eprintln!("{warning}");
    }

    // Every topic's state: a topic without children has its own (todo when
    // unnamed); a group's follows from what it holds.
    let statuses = roadmap.statuses();

    // Tallies count topics without children; skipped ones are left out of
    // the share done, and the hours left add up estimate tags.
    let all = roadmap.tally(&statuses, None);
    println!("{}", all.report(Some(PACE)));
    let by_topic = roadmap.tallies(&statuses);
    let sections = roadmap.sections();
    let width = sections
        .iter()
        .map(|&s| roadmap.topic(s).label.chars().count())
        .max()
        .unwrap_or(0);
    for section in sections {
        println!(
            "  {:<width$}  {:<8}  {}",
            roadmap.topic(section).label,
            statuses[section].name(),
            by_topic[section].summary()
        );
    }

    // What to learn next: the topics being learnt, then the ready ones
    // (everything they need is done or skipped), in study order.
    println!();
    println!("Next:");
    print_next(&roadmap, &roadmap.next(&statuses, None));

    // The same towards one target, like `next --to`: only what it needs.
    let goal = roadmap
        .find(&target)
        .map_err(|kind| Error::Input(vec![Diagnostic::argument("target", kind)]))?;
    let needed = roadmap.needs(&[goal]);
    println!();
    println!(
        "Towards {}: {}",
        roadmap.topic(goal).label,
        roadmap.tally(&statuses, Some(&needed)).report(Some(PACE))
    );
    print_next(&roadmap, &roadmap.next(&statuses, Some(&[goal])));
    Ok(())
}

/// `1. DNS  (learning, 1.5 h)`, one line a topic, the first [`SHOWN`].
fn print_next(roadmap: &roadmapper::Roadmap, next: &[(usize, NextReason)]) {
    if next.is_empty() {
        println!("  nothing left: every topic is done or skipped");
    }
    for (n, &(i, why)) in next.iter().take(SHOWN).enumerate() {
        let estimate = roadmap
            .own_estimate(i)
            .map_or(String::new(), |h| format!(", {}", hours(h)));
        println!(
            "  {}. {}  ({}{estimate})",
            n + 1,
            roadmap.topic(i).label,
            why.name()
        );
    }
    if next.len() > SHOWN {
        println!("  ... and {} more", next.len() - SHOWN);
    }
}
