//! Exporters: each reads the model (and later the scene) and writes text.
//! None opens files or recomputes anything; the caller decides where the
//! bytes go (see [`crate::write_atomically`]).

pub mod dot;
pub mod json;
pub mod order;

pub use dot::Dot;
pub use json::{Document, to_document};
