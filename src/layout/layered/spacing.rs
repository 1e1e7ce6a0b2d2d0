//! The spacing of a layered drawing: the gaps between boxes, edges, lanes
//! and layers for each flow direction. A leaf that the graph builder, the
//! coordinate assignment and the router all read.

use crate::layout::Direction;

/// Spacing of a flow, in pixels.
#[derive(Debug, Clone, Copy)]
pub(super) struct Spacing {
    /// Between two boxes along a layer.
    pub(super) boxes: f32,
    /// Between a box and an edge passing it.
    pub(super) box_edge: f32,
    /// Between two edges passing side by side.
    pub(super) edges: f32,
    /// Between two lanes.
    pub(super) lanes: f32,
    /// Between two layers (where the edges change lanes).
    pub(super) layers: f32,
}

impl Spacing {
    /// The spacing of a direction: flowing right, a layer runs down the
    /// page, where boxes are short and lines of text stack tightly.
    pub(super) fn of(direction: Direction) -> Spacing {
        match direction {
            Direction::Down => Spacing {
                boxes: 12.0,
                box_edge: 6.0,
                edges: 4.0,
                lanes: 24.0,
                layers: 40.0,
            },
            Direction::Right => Spacing {
                boxes: 8.0,
                box_edge: 5.0,
                edges: 4.0,
                lanes: 20.0,
                layers: 40.0,
            },
        }
    }
}
