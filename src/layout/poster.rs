//! Poster layout (being written).

use crate::roadmap::Roadmap;
use crate::scene::Scene;

/// Lays out a poster.
pub fn layout(roadmap: &Roadmap) -> Scene {
    let _ = roadmap;
    todo!()
}
