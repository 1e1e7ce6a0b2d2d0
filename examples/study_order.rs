//! Loads a roadmap and its prerequisites, prints the study order with the
//! path of each topic, then what you need to learn before REST.
//!
//! ```text
//! cargo run --example study_order [OUTLINE [PREREQS]]
//! ```
//!
//! The defaults are `roadmap/backend.txt` and `roadmap/backend.prereqs` in
//! the crate root, so the example runs from any folder; paths given on the
//! command line are used as given (relative to the current folder).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use roadmapper::{Diagnostic, Error, Input, Roadmap, load};

/// The topic whose needs are listed at the end.
const TARGET: &str = "REST";

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
    let mut args = std::env::args_os().skip(1);
    let outline_path = args
        .next()
        .map_or_else(|| in_crate("roadmap/backend.txt"), PathBuf::from);
    let prereqs_path = args
        .next()
        .map_or_else(|| in_crate("roadmap/backend.prereqs"), PathBuf::from);

    let outline = Input::read(&outline_path)?;
    let prereqs = Input::read(&prereqs_path)?;
    let roadmap = load(&outline, &[prereqs])?;
    for w in roadmap.warnings() {
        eprintln!("{w}");
    }

    println!(
        "Study order for {} ({} topics, {} prerequisites):",
        roadmap.file(),
        roadmap.len(),
        roadmap.prerequisites().count()
    );
    print_numbered(&roadmap, roadmap.order());

    let target = roadmap
        .find(TARGET)
        .map_err(|kind| Error::Input(vec![Diagnostic::error("<example>", 1, 1, kind)]))?;
    let needs = roadmap.needs(&[target]);
    println!();
    println!(
        "To learn {} you need {} topics, in this order:",
        roadmap.path(target).join(" > "),
        needs.len()
    );
    print_numbered(&roadmap, &needs);
    Ok(())
}

/// A file of this crate, wherever the example is run from.
fn in_crate(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn print_numbered(roadmap: &Roadmap, items: &[usize]) {
    let width = items.len().to_string().len();
    for (n, &i) in items.iter().enumerate() {
        println!(
            "{:>width$}. [stage {}] {}",
            n + 1,
            roadmap.stage(i),
            roadmap.path(i).join(" > ")
        );
    }
}
