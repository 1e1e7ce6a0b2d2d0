#![no_main]
//! Prerequisite parsing on arbitrary bytes, and resolving them against a
//! small fixed outline and the Backend outline: no panic, a sound order.
//!
//! The checks live in tests/fuzz_checks, shared with tests/suite/fuzz_regressions.rs.

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzz_checks/mod.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::check_prereqs(data));
