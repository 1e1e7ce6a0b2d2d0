//! Inputs the fuzzers (`fuzz/`) found crashing, minimized, run through the
//! same checks as the fuzz targets (`tests/fuzz_checks`).
//!
//! Each input is a file under `tests/fuzz_regressions/TARGET/`; every file
//! there is run by that target's test below. A new crash is added by saving
//! its minimized input (`cargo fuzz tmin TARGET ARTIFACT`) in that folder.

use crate::fuzz_checks;

use std::path::Path;
use std::time::{Duration, Instant};

/// Runs `check` on every saved input of `target`; panics name the file.
fn run_saved(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut files: Vec<_> = entries.map(|e| e.expect("readable entry").path()).collect();
    files.sort();
    for path in files {
        let data = std::fs::read(&path).expect("readable input");
        eprintln!("{target}: {}", path.display());
        check(&data);
    }
}

#[test]
fn outline_saved_inputs() {
    run_saved("outline", fuzz_checks::check_outline);
}

#[test]
fn prereqs_saved_inputs() {
    run_saved("prereqs", fuzz_checks::check_prereqs);
}

#[test]
fn notes_saved_inputs() {
    run_saved("notes", fuzz_checks::check_notes);
}

#[test]
fn progress_saved_inputs() {
    run_saved("progress", fuzz_checks::check_progress);
}

#[test]
fn pipeline_saved_inputs() {
    run_saved("pipeline", fuzz_checks::check_pipeline);
}

/// Reads a saved input of `target`.
fn saved(target: &str, name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target)
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A pipeline timeout found by libFuzzer on 63 KB of input: 100 labels of
/// 318 letters and 100 unknown references of 310 letters. Each unknown
/// reference's suggestions compute a Damerau-Levenshtein distance to every
/// label, each costing the product of the two lengths, so without a bound
/// the work grows with the square of the input. The suggestions of a run
/// have a work budget (`MAX_SUGGESTION_WORK` in src/prereqs.rs); the rest
/// of the check is quick, since the input fails to load.
#[test]
fn pipeline_timeout_long_unknown_references() {
    let data = saved("pipeline", "timeout-long-unknown-references");
    let start = Instant::now();
    fuzz_checks::check_pipeline(&data);
    let took = start.elapsed();
    assert!(
        took < Duration::from_millis(2500),
        "checking took {took:?}: suggestions for unknown references cost the square of the input again"
    );
}
