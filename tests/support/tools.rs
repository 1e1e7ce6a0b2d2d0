//! The external tools the export tests run (Graphviz, Python, xmllint,
//! rsvg-convert): whether a missing one fails the test or skips it, and
//! how to run one with input on its standard input.
//!
//! Shared by the test crates with `#[path = "support/tools.rs"] mod tools;`.
#![allow(dead_code)] // each test crate uses part of it

use std::io::Write;
use std::process::{Command, Stdio};

/// Whether a missing tool is a failure: CI installs the tools and sets
/// `ROADMAPPER_REQUIRE_TOOLS=1`; on a fresh machine a test without its tool
/// says it was skipped and passes.
pub fn required() -> bool {
    std::env::var_os("ROADMAPPER_REQUIRE_TOOLS").is_some_and(|v| v != "0")
}

/// Says `what` is missing; a failure when tools are required.
pub fn skip(what: &str) {
    assert!(
        !required(),
        "{what} is not installed, but ROADMAPPER_REQUIRE_TOOLS is set"
    );
    eprintln!("skipped: {what} is not installed");
}

/// Runs `program args` with `input` on stdin; None when the program is
/// missing. A tool may stop reading early (Graphviz on a syntax error), so
/// a failed write to its stdin is left to its exit status and stderr.
pub fn run(program: &str, args: &[&str], input: &[u8]) -> Option<std::process::Output> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take().expect("stdin was piped");
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().expect("wait for child");
    let _ = writer.join().expect("writer thread");
    Some(out)
}
