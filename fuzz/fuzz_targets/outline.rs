#![no_main]
//! Outline parsing on arbitrary bytes: no panic; a parsed outline is in
//! pre-order with consistent parents and depths, and builds into a roadmap.
//!
//! The checks live in tests/fuzz_checks, shared with tests/suite/fuzz_regressions.rs.

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzz_checks/mod.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::check_outline(data));
