//! The roadmapper binary, as the integration tests run it.

use std::path::Path;

use assert_cmd::Command;

/// The binary, run in `dir` (messages then name files as given).
pub fn roadmapper_in(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("roadmapper").expect("the binary is built");
    cmd.current_dir(dir);
    cmd
}

/// Runs the binary from the crate root (`roadmap/backend.txt` resolves)
/// and waits for it.
pub fn run_at_root(args: &[&str]) -> std::process::Output {
    roadmapper_in(Path::new(env!("CARGO_MANIFEST_DIR")))
        .args(args)
        .output()
        .expect("the binary runs")
}
