//! `mark` under pressure: many runs at once on one file, files that end
//! inside an open block, boxes written with escapes, labels that differ
//! only in case, and progress paths that are not files.
//!
//! Every state is checked by reading the file back with the library's
//! progress reader, as `check --progress` does.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;

/// No run here should take long; a hang fails instead of blocking the suite.
const TIMEOUT: Duration = Duration::from_secs(60);

fn backend() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("roadmap/backend.txt")
}

/// A scratch folder holding a copy of the backend outline.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(backend(), dir.path().join("backend.txt")).unwrap();
    dir
}

fn mark(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("roadmapper")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .arg("mark")
        .args(args)
        .timeout(TIMEOUT)
        .output()
        .unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_progress_path_that_is_not_a_file_is_refused() {
    let dir = scratch();
    // Standard output is a pipe here: it would be read, then written.
    let out = mark(
        dir.path(),
        &["backend.txt", "--progress", "/dev/stdout", "REST", "--done"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--progress /dev/stdout"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());

    // Standard input on a pipe: nothing could be saved.
    let out = Command::cargo_bin("roadmapper")
        .unwrap()
        .current_dir(dir.path())
        .args([
            "mark",
            "backend.txt",
            "--progress",
            "/dev/stdin",
            "REST",
            "--done",
        ])
        .write_stdin("- [ ] REST\n")
        .timeout(TIMEOUT)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--progress /dev/stdin"),
        "{}",
        stderr(&out)
    );

    // A character device.
    let out = mark(
        dir.path(),
        &["backend.txt", "--progress", "/dev/null", "REST", "--done"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--progress /dev/null"),
        "{}",
        stderr(&out)
    );
}
