//! Dotted connectors joining parents and children.
//!
//! A parent's connectors leave from distinct points down its side (see
//! [`super::ports`]), each turns into its own lane of the channel and
//! runs to its child's side. Lanes are nested so that connectors of one
//! parent never cross: the child farthest below (or above) the parent
//! takes the lane nearest it. Deeper subtopics of an indented stack get
//! an elbow from their parent's bottom, beside their parent's inner edge.

use super::INDENT;
use super::place::Frame;
use super::ports::Ports;
use super::widen::{CPAD, CSTEP};
use crate::scene::{Curve, EdgeKind, Point, SceneBox, SceneEdge};

/// Every connector of the frame, at the boxes' final places.
pub(super) fn connectors(frame: &Frame, boxes: &[SceneBox], ports: &Ports) -> Vec<SceneEdge> {
    let mut edges = Vec::new();
    for (g, group) in frame.groups.iter().enumerate() {
        let p = boxes[group.parent].rect;
        let (sx, dir) = if group.right {
            (p.right(), 1.0)
        } else {
            (p.x, -1.0)
        };
        let starts = &ports.starts[g];
        // Lane 0 is nearest the parent: farthest child below, then the
        // next; likewise above.
        let n = group.children.len();
        let mut lane = vec![0usize; n];
        let below: Vec<usize> = (0..n)
            .filter(|&k| ports.ends[group.children[k]] >= starts[k])
            .collect();
        for (l, &k) in below.iter().rev().enumerate() {
            lane[k] = l;
        }
        let above: Vec<usize> = (0..n)
            .filter(|&k| ports.ends[group.children[k]] < starts[k])
            .collect();
        for (l, &k) in above.iter().enumerate() {
            lane[k] = l;
        }
        for (k, &c) in group.children.iter().enumerate() {
            let r = boxes[c].rect;
            let tx = if group.right { r.x } else { r.right() };
            let (y, ty) = (starts[k], ports.ends[c]);
            let points = if (y - ty).abs() < 0.5 {
                vec![Point::new(sx, y), Point::new(tx, y)]
            } else {
                let lx = sx + dir * (CPAD + lane[k] as f32 * CSTEP);
                vec![
                    Point::new(sx, y),
                    Point::new(lx, y),
                    Point::new(lx, ty),
                    Point::new(tx, ty),
                ]
            };
            edges.push(contains(group.parent, c, points));
        }
    }
    // Elbows of one parent leave its bottom at distinct points, the
    // farthest child's nearest the parent's inner edge, so none crosses.
    let mut count = rustc_hash::FxHashMap::default();
    for ind in &frame.indents {
        *count.entry(ind.parent).or_insert(0usize) += 1;
    }
    let mut seen = rustc_hash::FxHashMap::default();
    for ind in &frame.indents {
        let parent = boxes[ind.parent].rect;
        let child = boxes[ind.child].rect;
        let m = count.get(&ind.parent).copied().unwrap_or(1);
        let k = seen.entry(ind.parent).or_insert(0usize);
        let step = (INDENT - 4.0) / m as f32;
        let inset = 2.0 + (m - 1 - *k) as f32 * step + step / 2.0;
        *k += 1;
        let (x, end_x) = if ind.right {
            (parent.x + inset, child.x)
        } else {
            (parent.right() - inset, child.right())
        };
        let y = ports.ends[ind.child];
        edges.push(contains(
            ind.parent,
            ind.child,
            vec![
                Point::new(x, parent.bottom()),
                Point::new(x, y),
                Point::new(end_x, y),
            ],
        ));
    }
    edges
}

fn contains(from: usize, to: usize, points: Vec<Point>) -> SceneEdge {
    SceneEdge {
        kind: EdgeKind::Contains,
        from,
        to,
        points,
        curve: Curve::Polyline,
        arrow: false,
    }
}
