//! The integration tests, as modules of one crate: the crate links once
//! (one binary, not one per file), and the helpers in `tests/support/` are
//! compiled once. `cargo test --test suite NAME` runs the tests whose path
//! holds NAME (`golden::`, `hostile::`, ...).
//!
//! `tests/fonts_installed.rs` stays a binary of its own: it installs a font
//! set for its whole process.

#[path = "../support/bin.rs"]
mod bin;
#[path = "../fuzz_checks/mod.rs"]
mod fuzz_checks;
#[path = "../support/tools.rs"]
mod tools;
#[path = "../support/trees.rs"]
mod trees;

mod cli;
mod external;
mod flags_matrix;
mod focus_cli;
mod fonts;
mod fuzz_regressions;
mod generate_cli;
mod generate_dense;
mod geometry;
mod golden;
mod help;
mod hostile;
mod hostile_exports;
mod hostile_inputs;
mod implied_properties;
mod layered_quality;
mod mark_cli;
mod markdown;
mod markdown_checklist;
mod messages;
mod notes;
mod order_listing;
mod png;
mod poster_legibility;
mod poster_progress;
mod progress_card;
mod progress_cli;
mod progress_properties;
mod properties;
mod properties_render;
mod readme;
mod render_cli;
