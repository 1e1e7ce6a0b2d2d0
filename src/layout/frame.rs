//! The frame around a finished drawing, shared by the engines: moving a
//! drawing ([`translate`]), the empty margin around it and the last-resort
//! padding of a canvas to an aspect ratio ([`pad_to_aspect`]), and the turn
//! between flow coordinates and the page ([`Flow`]).
//!
//! It sits at the end of each engine, after boxes and edges have their
//! places and before the [`Scene`](crate::scene::Scene) is handed to the
//! exporters.

use crate::layout::Direction;
use crate::scene::{Legend, Point, Rect, SceneBox, SceneEdge};

/// Moves boxes, edge points and a legend by `(dx, dy)`.
pub(crate) fn translate(
    boxes: &mut [SceneBox],
    edges: &mut [SceneEdge],
    legend: Option<&mut Legend>,
    dx: f32,
    dy: f32,
) {
    if dx == 0.0 && dy == 0.0 {
        return;
    }
    for b in boxes {
        b.rect.x += dx;
        b.rect.y += dy;
    }
    for p in edges.iter_mut().flat_map(|e| e.points.iter_mut()) {
        *p = Point::new(p.x + dx, p.y + dy);
    }
    if let Some(l) = legend {
        for r in std::iter::once(&mut l.rect).chain(l.items.iter_mut().map(|i| &mut i.1)) {
            r.x += dx;
            r.y += dy;
        }
    }
}

/// The canvas grown so that neither side is more than `max` times the
/// other, and the shift that centres the drawing on it: `(width, height,
/// dx, dy)`. Whole pixels; a canvas within the ratio is returned as is.
///
/// ```ignore
/// assert_eq!(pad_to_aspect(900.0, 100.0, 3.0), (900.0, 300.0, 0.0, 100.0));
/// ```
pub(crate) fn pad_to_aspect(width: f32, height: f32, max: f32) -> (f32, f32, f32, f32) {
    if width > max * height {
        let padded = (width / max).ceil();
        (width, padded, 0.0, ((padded - height) / 2.0).floor())
    } else if height > max * width {
        let padded = (height / max).ceil();
        (padded, height, ((padded - width) / 2.0).floor(), 0.0)
    } else {
        (width, height, 0.0, 0.0)
    }
}

/// Flow coordinates: `cross` runs along a layer, `main` along the flow
/// (down the page flowing down, rightwards flowing right). Engines that
/// compute in flow coordinates turn them to the page here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Flow(pub(crate) Direction);

impl Flow {
    /// A page point from flow coordinates.
    pub(crate) fn point(self, cross: f32, main: f32) -> Point {
        match self.0 {
            Direction::Down => Point::new(cross, main),
            Direction::Right => Point::new(main, cross),
        }
    }

    /// A page rectangle from its flow start corner and flow extents.
    pub(crate) fn rect(self, cross: f32, main: f32, cross_len: f32, main_len: f32) -> Rect {
        match self.0 {
            Direction::Down => Rect::new(cross, main, cross_len, main_len),
            Direction::Right => Rect::new(main, cross, main_len, cross_len),
        }
    }

    /// A page rectangle's extents in flow coordinates: `(cross, main)`.
    pub(crate) fn extents(self, r: &Rect) -> (f32, f32) {
        match self.0 {
            Direction::Down => (r.width, r.height),
            Direction::Right => (r.height, r.width),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_only_past_the_ratio() {
        assert_eq!(pad_to_aspect(900.0, 100.0, 3.0), (900.0, 300.0, 0.0, 100.0));
        assert_eq!(pad_to_aspect(100.0, 900.0, 3.0), (300.0, 900.0, 100.0, 0.0));
        assert_eq!(pad_to_aspect(200.0, 100.0, 3.0), (200.0, 100.0, 0.0, 0.0));
    }

    #[test]
    fn flow_right_turns_a_quarter() {
        let f = Flow(Direction::Right);
        assert_eq!(f.point(1.0, 2.0), Point::new(2.0, 1.0));
        assert_eq!(f.rect(1.0, 2.0, 3.0, 4.0), Rect::new(2.0, 1.0, 4.0, 3.0));
        assert_eq!(f.extents(&Rect::new(0.0, 0.0, 4.0, 3.0)), (3.0, 4.0));
    }
}
