#![no_main]
//! Progress files of arbitrary bytes, marked against a small outline: no
//! panic, and what `mark` writes reads back with the states it set.
//!
//! The checks live in tests/fuzz_checks, shared with tests/suite/fuzz_regressions.rs.

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzz_checks/mod.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::check_progress(data));
