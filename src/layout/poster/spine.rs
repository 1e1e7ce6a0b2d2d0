//! The main path: from the title down to a bus above the strips, along it
//! to each strip, and down each strip from section to section. A strip's
//! path ends at its last section, so nothing of it runs through empty
//! space and arrows can go around its end.

use crate::scene::{Curve, EdgeKind, Point, SceneBox, SceneEdge};

/// How far beside the title's centre a strip head may be and still have
/// the path leave the title straight above it.
const SNAP: f32 = 4.0;

/// The main-path edges. `title` is the title box and the y the path
/// leaves it at; `strips` holds each strip's sections in order; `bus_y`
/// is the y of the bus above the strips.
pub(super) fn spine(
    boxes: &[SceneBox],
    title: Option<(usize, f32)>,
    strips: &[Vec<usize>],
    bus_y: f32,
) -> Vec<SceneEdge> {
    let mut edges = Vec::new();
    let head = |s: usize| {
        let r = boxes[s].rect;
        Point::new(r.x + r.width / 2.0, r.y)
    };
    // Where the bus starts: under the title, else atop the first section.
    let root = match title {
        Some((t, y)) => Some((t, Point::new(boxes[t].rect.center().x, y))),
        None => strips.iter().find_map(|s| s.first()).map(|&s| (s, head(s))),
    };
    // A strip head a few pixels beside the title's centre (the title and
    // the section are centred on different widths): the path leaves the
    // title above it, rather than jogging sideways at the bus.
    let root = root.map(|(from, at)| {
        let near = strips
            .iter()
            .filter_map(|s| s.first())
            .map(|&s| head(s).x)
            .filter(|x| (x - at.x).abs() < SNAP)
            .min_by(|a, b| (a - at.x).abs().total_cmp(&(b - at.x).abs()));
        (from, Point::new(near.unwrap_or(at.x), at.y))
    });
    for sections in strips {
        let Some(&first) = sections.first() else {
            continue;
        };
        if let Some((from, at)) = root
            && from != first
        {
            let to = head(first);
            let points = if (at.x - to.x).abs() < 0.5 {
                vec![at, to]
            } else {
                vec![at, Point::new(at.x, bus_y), Point::new(to.x, bus_y), to]
            };
            edges.push(edge(from, first, points));
        }
        for w in sections.windows(2) {
            let (a, b) = (boxes[w[0]].rect, head(w[1]));
            let x = a.x + a.width / 2.0;
            edges.push(edge(
                w[0],
                w[1],
                vec![Point::new(x, a.bottom()), Point::new(x, b.y)],
            ));
        }
    }
    edges
}

fn edge(from: usize, to: usize, points: Vec<Point>) -> SceneEdge {
    SceneEdge {
        kind: EdgeKind::Spine,
        from,
        to,
        points,
        curve: Curve::Polyline,
        arrow: false,
    }
}
