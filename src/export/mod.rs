//! Exporters: each reads the model or the [`crate::scene::Scene`] and writes
//! text (or PNG bytes). None opens files or recomputes layout; the caller
//! decides where the bytes go (see [`crate::write_atomically`]).

pub mod card;
pub mod dot;
pub mod json;
pub mod markdown;
pub mod next;
pub mod order;
pub mod png;
mod shape;
pub mod svg;

pub use dot::Dot;
pub use json::{Document, to_document};
pub use shape::Export;
pub use svg::Svg;
