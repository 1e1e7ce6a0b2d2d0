//! Layered layout by layout-rs (being written).

use super::Direction;
use crate::roadmap::Roadmap;
use crate::scene::Scene;

/// Lays out the whole graph in layers.
pub fn layout(roadmap: &Roadmap, direction: Direction) -> Scene {
    let _ = (roadmap, direction);
    todo!()
}
