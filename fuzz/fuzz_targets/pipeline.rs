#![no_main]
//! The whole pipeline: the input is an outline, then a prerequisite file
//! after each 0xFF byte. When it loads, every exporter's output must be
//! well-formed (SVG as XML, JSON, DOT for layout-rs's parser, the study
//! order listings, small PNGs).
//!
//! The checks live in tests/fuzz_checks, shared with tests/suite/fuzz_regressions.rs.

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzz_checks/mod.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::check_pipeline(data));
