//! Inputs the fuzzers (`fuzz/`) found crashing, minimized, run through the
//! same checks as the fuzz targets (`tests/fuzz_checks`).
//!
//! Each input is a file under `tests/fuzz_regressions/TARGET/`; every file
//! there is run by that target's test below. A new crash is added by saving
//! its minimized input (`cargo fuzz tmin TARGET ARTIFACT`) in that folder.

mod fuzz_checks;

use std::path::Path;

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
fn pipeline_saved_inputs() {
    run_saved("pipeline", fuzz_checks::check_pipeline);
}
