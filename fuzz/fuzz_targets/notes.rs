#![no_main]
//! Notes files of arbitrary bytes against a small outline: no panic, every
//! diagnostic at a line, only safe links kept and written.
//!
//! The checks live in tests/fuzz_checks, shared with tests/suite/fuzz_regressions.rs.

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzz_checks/mod.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::check_notes(data));
