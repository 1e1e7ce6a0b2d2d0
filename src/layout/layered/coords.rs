//! Coordinates: where each node sits along its layer (`cross`) and where
//! each layer's band sits along the flow (`main`), in flow coordinates.
//!
//! Each lane is a strip across every layer, as wide as its widest layer
//! needs (boxes, the edges passing and the gaps between them), the strips
//! side by side in outline order, a gutter before each and after the last
//! as wide as its tracks of long edges need (`gutters.rs`). Within its strip, each layer's nodes of a
//! lane keep their order and are moved towards the mean of their
//! neighbours in the layer before, after, or both, by a few sweeps. Each
//! move is the best one for the layer at once: with the order and the gaps
//! fixed, the placement closest (least squares) to the wished positions is
//! an isotonic regression, solved by pooling adjacent violators in linear
//! time, and clamping it to the strip keeps it best.
//!
//! Our own code, not layout-rs's Brandes-Köpf placement: that one repeats
//! its scheduler over every column until all are placed (growing worse
//! than linearly) and knows no lanes.

use super::graph::Layered;
use super::gutters::Gutters;
use super::spacing::Spacing;
use crate::layout::frame::Flow;

/// Where everything is, in flow coordinates.
#[derive(Debug, Clone, Default)]
pub(super) struct Coords {
    /// Each node's centre along its layer.
    pub(super) cross: Vec<f32>,
    /// Each node's extent along its layer (0 for a virtual node).
    pub(super) extent: Vec<f32>,
    /// Each layer's band: its start along the flow and its depth.
    pub(super) bands: Vec<(f32, f32)>,
    /// Each lane's strip along the layers: start and end.
    pub(super) strips: Vec<(f32, f32)>,
    /// Each chain's track along its gutter (NaN for a short chain).
    pub(super) track: Vec<f32>,
}

/// Sweeps towards the layer before, then the one after; then rounds
/// towards both.
const ROUNDS: usize = 4;
/// How much more a virtual node pulls than a box: long edges stay straight
/// and the boxes make room.
const VIRTUAL_WEIGHT: f32 = 4.0;

/// Places the ordered graph, its long chains in `gutters`: O(rounds x
/// (n + e)).
pub(super) fn place(g: &Layered, gutters: &Gutters, flow: Flow, sp: Spacing) -> Coords {
    let n = g.nodes.len();
    let mut extent = vec![0.0f32; n];
    let mut depth = vec![0.0f32; n];
    for (k, b) in g.boxes.iter().enumerate() {
        let (c, m) = flow.extents(&b.rect);
        extent[k] = c;
        depth[k] = m;
    }
    let gap = |a: usize, b: usize| match (g.nodes[a].topic, g.nodes[b].topic) {
        (Some(_), Some(_)) => sp.boxes,
        (None, None) => sp.edges,
        _ => sp.box_edge,
    };
    // Each lane's strip: as wide as its widest layer.
    let mut width = vec![0.0f32; g.lanes];
    for layer in &g.layers {
        for run in lane_runs(g, layer) {
            let w = run.iter().map(|&k| extent[k]).sum::<f32>()
                + run.windows(2).map(|p| gap(p[0], p[1])).sum::<f32>();
            let lane = g.nodes[run[0]].lane.min(g.lanes - 1);
            width[lane] = width[lane].max(w);
        }
    }
    // Gutters between the strips: the lanes' spacing at least, room for
    // their tracks a box-to-edge gap from either side.
    let mut strips = Vec::with_capacity(g.lanes);
    let mut tracks_at = Vec::with_capacity(g.lanes + 1);
    let mut at = 0.0f32;
    for k in 0..=g.lanes {
        let tracks = gutters.tracks.get(k).copied().unwrap_or(0);
        let needed = if tracks == 0 {
            0.0
        } else {
            (tracks - 1) as f32 * sp.edges + 2.0 * sp.box_edge
        };
        let inner = k > 0 && k < g.lanes;
        let wide = if inner { needed.max(sp.lanes) } else { needed };
        // The tracks centred in the gutter.
        tracks_at.push(at + (wide - needed) / 2.0 + sp.box_edge);
        at += wide;
        if let Some(&w) = width.get(k) {
            strips.push((at, at + w));
            at += w;
        }
    }
    let track = gutters
        .of_chain
        .iter()
        .map(|t| t.map_or(f32::NAN, |(k, i)| tracks_at[k] + i as f32 * sp.edges))
        .collect();
    let mut coords = Coords {
        cross: vec![0.0; n],
        extent,
        bands: Vec::new(),
        strips,
        track,
    };
    // Start centred in the strips.
    for layer in &g.layers {
        for run in lane_runs(g, layer) {
            fit(g, &mut coords, run, None, &gap);
        }
    }
    let both = |c: &Coords, k: usize, ups: bool, downs: bool| {
        let mut sum = 0.0f32;
        let mut count = 0usize;
        if ups {
            sum += g.up[k].iter().map(|&m| c.cross[m]).sum::<f32>();
            count += g.up[k].len();
        }
        if downs {
            sum += g.down[k].iter().map(|&m| c.cross[m]).sum::<f32>();
            count += g.down[k].len();
        }
        if count == 0 {
            f32::NAN
        } else {
            sum / count as f32
        }
    };
    let last = g.layers.len();
    let mut passes: Vec<(bool, bool, bool)> = Vec::new();
    for _ in 0..ROUNDS {
        passes.push((true, true, false));
        passes.push((false, false, true));
    }
    passes.push((true, true, true));
    passes.push((false, true, true));
    for (forward, ups, downs) in passes {
        for i in 0..last {
            let l = if forward { i } else { last - 1 - i };
            for run in lane_runs(g, &g.layers[l]) {
                let wish: Vec<f32> = run.iter().map(|&k| both(&coords, k, ups, downs)).collect();
                fit(g, &mut coords, run, Some(&wish), &gap);
            }
        }
    }
    // The bands along the flow: as deep as their deepest box.
    let mut start = 0.0f32;
    for layer in &g.layers {
        let d = layer.iter().map(|&k| depth[k]).fold(1.0f32, f32::max);
        coords.bands.push((start, d));
        start += d + sp.layers;
    }
    coords
}

/// The runs of one lane's nodes within an ordered layer.
fn lane_runs<'a>(g: &'a Layered, layer: &'a [usize]) -> impl Iterator<Item = &'a [usize]> + 'a {
    layer.chunk_by(|&a, &b| g.nodes[a].lane == g.nodes[b].lane)
}

/// Places one lane's run of nodes in its strip, in order and apart by
/// their gaps, as near as can be (least squares) to `wish` (NaN: where it
/// is now; `None`: packed and centred).
fn fit(
    g: &Layered,
    c: &mut Coords,
    run: &[usize],
    wish: Option<&[f32]>,
    gap: &dyn Fn(usize, usize) -> f32,
) {
    let Some(&first) = run.first() else {
        return;
    };
    let lane = g.nodes[first].lane.min(c.strips.len().saturating_sub(1));
    let Some(&(left, right)) = c.strips.get(lane) else {
        return;
    };
    // Offsets of each centre from the first one when packed.
    let mut offset = Vec::with_capacity(run.len());
    let mut o = 0.0f32;
    for (i, &k) in run.iter().enumerate() {
        if i > 0 {
            let p = run[i - 1];
            o += c.extent[p] / 2.0 + gap(p, k) + c.extent[k] / 2.0;
        }
        offset.push(o);
    }
    let lo = left + c.extent[first] / 2.0;
    let hi = (right - c.extent[run[run.len() - 1]] / 2.0 - o).max(lo);
    let Some(wish) = wish else {
        let z = (lo + hi) / 2.0;
        for (i, &k) in run.iter().enumerate() {
            c.cross[k] = z + offset[i];
        }
        return;
    };
    // Pool adjacent violators on z = centre - offset, which must not fall.
    let mut blocks: Vec<(f32, f32, usize)> = Vec::with_capacity(run.len());
    for (i, &k) in run.iter().enumerate() {
        let target = if wish[i].is_nan() {
            c.cross[k]
        } else {
            wish[i]
        };
        let w = if g.nodes[k].topic.is_some() {
            1.0
        } else {
            VIRTUAL_WEIGHT
        };
        let mut block = (target - offset[i], w, 1usize);
        while let Some(&(v, bw, len)) = blocks.last() {
            if v <= block.0 {
                break;
            }
            blocks.pop();
            let total = bw + block.1;
            block = ((v * bw + block.0 * block.1) / total, total, len + block.2);
        }
        blocks.push(block);
    }
    let mut i = 0;
    for (v, _, len) in blocks {
        let z = v.clamp(lo, hi);
        for _ in 0..len {
            c.cross[run[i]] = z + offset[i];
            i += 1;
        }
    }
}
