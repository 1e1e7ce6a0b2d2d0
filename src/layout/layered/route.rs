//! Edge routes: each chain of the layered graph as one cubic Bezier from
//! its source box to its target box, in flow coordinates turned to the
//! page at the end.
//!
//! An edge leaves its source at a *port* on the side facing the flow (the
//! ports of a box spread along that side in the order of where their edges
//! go, so they neither share a point nor cross at the box), runs straight
//! to the end of the source's band, crosses each gap between layers on an
//! S-curve (vertical at both ends, so it stays inside the gap), runs
//! straight through each band it passes at its virtual node's place, and
//! enters the target at a port on the side facing back. Bands hold boxes
//! only where the coordinates put them, apart from every virtual node by a
//! gap, and gaps hold no box at all: so no edge passes through a box, by
//! construction. An edge within one layer (a subtopic beside its parent)
//! dips into the gap after the layer and comes back up.

use super::coords::Coords;
use super::graph::{Chain, Layered};
use super::spacing::Spacing;
use crate::layout::frame::Flow;
use crate::scene::{Curve, EdgeKind, Point, SceneEdge};

/// How much of a box's side its ports spread over.
const PORT_SPREAD: f32 = 0.8;

/// The flow extents (along the layer, along the flow) of each real node.
fn depth(g: &Layered, flow: Flow, k: usize) -> f32 {
    g.boxes.get(k).map_or(0.0, |b| flow.extents(&b.rect).1)
}

/// Each edge of `g`, placed by `c`.
pub(super) fn route(g: &Layered, c: &Coords, flow: Flow, sp: Spacing) -> Vec<SceneEdge> {
    let real = g.boxes.len();
    // Ports: for each real node, the chains leaving forwards (`out`) and
    // arriving (`inn`), with where each goes along the layer.
    let mut out: Vec<Vec<(f32, usize)>> = vec![Vec::new(); real];
    let mut inn: Vec<Vec<(f32, usize)>> = vec![Vec::new(); real];
    for (i, ch) in g.chains.iter().enumerate() {
        let (Some(&u), Some(&w)) = (ch.nodes.first(), ch.nodes.last()) else {
            continue;
        };
        if ch.long {
            out[u].push((c.track[i], i));
            inn[w].push((c.track[i], i));
        } else if ch.nodes.len() == 2 && g.nodes[u].layer == g.nodes[w].layer {
            out[u].push((c.cross[w], i));
            out[w].push((c.cross[u], i));
        } else {
            out[u].push((c.cross[ch.nodes[1]], i));
            inn[w].push((c.cross[ch.nodes[ch.nodes.len() - 2]], i));
        }
    }
    let mut port_out = vec![(0.0f32, 0.0f32); g.chains.len()];
    let mut port_in = vec![0.0f32; g.chains.len()];
    for k in 0..real {
        let spread = |list: &mut Vec<(f32, usize)>| -> Vec<(usize, f32)> {
            list.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            let n = list.len() as f32;
            list.iter()
                .enumerate()
                .map(|(j, &(_, i))| {
                    let t = (j as f32 + 1.0) / (n + 1.0) - 0.5;
                    (i, c.cross[k] + t * PORT_SPREAD * c.extent[k])
                })
                .collect()
        };
        for (i, at) in spread(&mut out[k]) {
            // A chain within a layer has two bottom ports: first end, then
            // the second.
            if g.chains[i].nodes.first() == Some(&k) {
                port_out[i].0 = at;
            } else {
                port_out[i].1 = at;
            }
        }
        for (i, at) in spread(&mut inn[k]) {
            port_in[i] = at;
        }
    }
    g.chains
        .iter()
        .enumerate()
        .filter_map(|(i, ch)| {
            let points = if ch.long {
                gutter_path(g, c, flow, ch, c.track[i], port_out[i].0, port_in[i])?
            } else {
                path(g, c, flow, sp, ch, port_out[i], port_in[i])?
            };
            Some(SceneEdge {
                kind: ch.kind,
                from: g.boxes[ch.nodes[0]].topic,
                to: g.boxes[ch.nodes[ch.nodes.len() - 1]].topic,
                points,
                curve: Curve::Bezier,
                arrow: ch.kind == EdgeKind::Prerequisite,
            })
        })
        .collect()
}

/// Appends Bezier pieces in flow coordinates, turned to the page.
struct Path {
    flow: Flow,
    points: Vec<Point>,
    at: (f32, f32),
}

impl Path {
    fn start(flow: Flow, c: f32, m: f32) -> Path {
        Path {
            flow,
            points: vec![flow.point(c, m)],
            at: (c, m),
        }
    }

    /// A straight piece along the flow, if it has any length.
    fn line(&mut self, m: f32) {
        let (c, m0) = self.at;
        if (m - m0).abs() < 0.5 {
            return;
        }
        let f = self.flow;
        self.points.extend([
            f.point(c, m0 + (m - m0) / 3.0),
            f.point(c, m0 + 2.0 * (m - m0) / 3.0),
            f.point(c, m),
        ]);
        self.at = (c, m);
    }

    /// An S-curve to `(c, m)`, leaving and arriving along the flow, its
    /// turn at `bend` along the flow.
    fn curve(&mut self, c: f32, m: f32, bend: f32) {
        let (c0, _) = self.at;
        let f = self.flow;
        self.points
            .extend([f.point(c0, bend), f.point(c, bend), f.point(c, m)]);
        self.at = (c, m);
    }
}

/// The points of one chain.
fn path(
    g: &Layered,
    c: &Coords,
    flow: Flow,
    sp: Spacing,
    ch: &Chain,
    (from_port, back_port): (f32, f32),
    to_port: f32,
) -> Option<Vec<Point>> {
    let (&u, &w) = (ch.nodes.first()?, ch.nodes.last()?);
    let band = |k: usize| c.bands.get(g.nodes[k].layer).copied();
    let (us, ud) = band(u)?;
    let (ws, wd) = band(w)?;
    let u_end = us + (ud + depth(g, flow, u)) / 2.0;
    let mut p = Path::start(flow, from_port, u_end);
    p.line(us + ud);
    if g.nodes[u].layer == g.nodes[w].layer {
        let w_end = ws + (wd + depth(g, flow, w)) / 2.0;
        let dip = us + ud + sp.layers * 0.4;
        p.curve(back_port, us + ud, dip);
        p.line(w_end);
        return Some(p.points);
    }
    for &v in &ch.nodes[1..ch.nodes.len() - 1] {
        let (vs, vd) = band(v)?;
        let (_, prev) = p.at;
        p.curve(c.cross[v], vs, (prev + vs) / 2.0);
        p.line(vs + vd);
    }
    let (_, prev) = p.at;
    p.curve(to_port, ws, (prev + ws) / 2.0);
    p.line(ws + (wd - depth(g, flow, w)) / 2.0);
    Some(p.points)
}

/// The points of a long chain: out of its source, along its track in the
/// gutter from the gap after the source's layer to the gap before the
/// target's, into its target.
fn gutter_path(
    g: &Layered,
    c: &Coords,
    flow: Flow,
    ch: &Chain,
    track: f32,
    from_port: f32,
    to_port: f32,
) -> Option<Vec<Point>> {
    let (&u, &w) = (ch.nodes.first()?, ch.nodes.last()?);
    let (lu, lw) = (g.nodes[u].layer, g.nodes[w].layer);
    let (us, ud) = *c.bands.get(lu)?;
    let (ws, wd) = *c.bands.get(lw)?;
    let (after, _) = *c.bands.get(lu + 1)?;
    let (before_start, before_depth) = *c.bands.get(lw.checked_sub(1)?)?;
    let before = before_start + before_depth;
    let mut p = Path::start(flow, from_port, us + (ud + depth(g, flow, u)) / 2.0);
    p.line(us + ud);
    p.curve(track, after, (us + ud + after) / 2.0);
    p.line(before);
    p.curve(to_port, ws, (before + ws) / 2.0);
    p.line(ws + (wd - depth(g, flow, w)) / 2.0);
    Some(p.points)
}
