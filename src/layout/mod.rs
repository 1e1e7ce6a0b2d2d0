//! Layout engines: each turns a [`Roadmap`] into a [`Scene`] in pixels.
//!
//! - [`poster`]: the default, in the spirit of roadmap.sh: the title on top,
//!   the sections down a main path, each section's topics beside it.
//! - [`layered`]: the whole graph in layers, a topic's layer its stage,
//!   each section a lane, prerequisites as the flow.
//! - [`quality`]: measures of a finished drawing (overlaps, edges through
//!   boxes, crossings), for tests and comparisons.
//!
//! Shared by both: box sizing (`boxes.rs`, from the real font metrics, so a
//! label always fits its box whatever the engine), the frame (`frame.rs`:
//! translation, aspect padding, flow coordinates) and the section of each
//! topic (`lanes.rs`).

mod boxes;
pub(crate) mod frame;
pub(crate) mod lanes;
pub mod layered;
pub mod poster;
pub mod quality;

pub use boxes::{
    MAX_DRAWN_LABEL, RoleMetrics, drawn_label, metrics, role, sized_box, style, styles,
};

use crate::roadmap::Roadmap;
use crate::scene::Scene;

/// Which engine lays the roadmap out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LayoutKind {
    /// roadmap.sh-like poster (default).
    #[default]
    Poster,
    /// Layered graph drawing: a topic's layer is its stage (see
    /// [`crate::layout::layered`]).
    Layered,
}

impl LayoutKind {
    /// The name used on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            LayoutKind::Poster => "poster",
            LayoutKind::Layered => "layered",
        }
    }
}

/// Which way the layered layout flows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    /// Top to bottom (default).
    #[default]
    Down,
    /// Left to right.
    Right,
}

/// Layout settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LayoutOptions {
    /// The engine.
    pub kind: LayoutKind,
    /// The layered layout's flow.
    pub direction: Direction,
}

/// The learner's progress as a poster's line under its subtitle (`37 of
/// 115 topics done (32%) · 41 h left`), when the roadmap tracks it.
pub(crate) fn progress_line(roadmap: &Roadmap) -> Option<String> {
    roadmap
        .tracks_progress()
        .then(|| roadmap.tally(&roadmap.statuses(), None).line())
}

/// Lays the roadmap out with the chosen engine.
pub fn layout(roadmap: &Roadmap, options: &LayoutOptions) -> Scene {
    match options.kind {
        LayoutKind::Poster => poster::layout(roadmap),
        LayoutKind::Layered => layered::layout(roadmap, options.direction),
    }
}
