//! The layered graph: every topic but the title as a node in the layer of
//! its stage and the lane of its section, every drawn edge as a chain of
//! nodes with one *virtual* node in each layer it passes, so that the later
//! steps (order, coordinates, routes) see only edges between neighbouring
//! layers; except the long edges, which have no virtual node and run in a
//! gutter beside the lanes (`gutters.rs`). Which edges are long: the
//! longest ones, as many as it takes to keep the virtual nodes within
//! [`VIRTUAL_PER_ITEM`] per node and edge of the roadmap, so the graph
//! grows with the roadmap and not with the layers its edges span (with a
//! virtual node in each layer passed, it would grow with their product);
//! `tests::the_graph_is_linear_and_tracks_are_never_shared` checks it.
//!
//! Ranks are not computed here: a topic's layer is its stage from
//! [`crate::order`] (the longest chain of prerequisites before it), so a
//! prerequisite always points to a later layer and the position reads as
//! the learning order. A `contains` edge from a topic to its subtopic may
//! stay within one layer (a subtopic shares its parent's stage when it
//! needs nothing else); it is a chain of its two ends.

use super::spacing::Spacing;

/// Virtual nodes allowed per node and edge of the roadmap: short edges get
/// them, the longest edges run in gutters instead once they would pass
/// this budget.
pub(super) const VIRTUAL_PER_ITEM: usize = 2;
/// Edges spanning at most this many layers are never long.
const ALWAYS_SHORT: usize = 2;
use crate::layout::frame::Flow;
use crate::layout::lanes::section_of;
use crate::layout::{role, sized_box, styles};
use crate::roadmap::Roadmap;
use crate::scene::{EdgeKind, Role, SceneBox};

/// A node of the layered graph.
#[derive(Debug, Clone)]
pub(super) struct Node {
    /// The topic's box (at the origin), or `None` for a virtual node.
    pub(super) topic: Option<usize>,
    /// The layer: the topic's stage.
    pub(super) layer: usize,
    /// The lane: the section's position, for a virtual node the lane its
    /// edge passes at this layer.
    pub(super) lane: usize,
}

/// A drawn edge and the nodes it passes, from its flow source to its
/// flow target (one per layer).
#[derive(Debug, Clone)]
pub(super) struct Chain {
    /// What it means.
    pub(super) kind: EdgeKind,
    /// Its nodes: the two real ends and the virtual nodes between (none
    /// for a long chain).
    pub(super) nodes: Vec<usize>,
    /// Whether it is long, and so runs in a gutter, its two ends not
    /// neighbours in the ordering.
    pub(super) long: bool,
}

/// The layered graph of a roadmap.
#[derive(Debug, Clone, Default)]
pub(super) struct Layered {
    /// Every node; the first ones are the real nodes.
    pub(super) nodes: Vec<Node>,
    /// The boxes of the real nodes (sized, at the origin), by node.
    pub(super) boxes: Vec<SceneBox>,
    /// The title's box, if the roadmap has one.
    pub(super) title: Option<SceneBox>,
    /// The nodes of each layer, in their order along the layer.
    pub(super) layers: Vec<Vec<usize>>,
    /// Each node's neighbours in the layer before (`up`) and after (`down`).
    pub(super) up: Vec<Vec<usize>>,
    /// See `up`.
    pub(super) down: Vec<Vec<usize>>,
    /// The drawn edges.
    pub(super) chains: Vec<Chain>,
    /// How many lanes (sections).
    pub(super) lanes: usize,
}

/// The most a drawing may be longer across its layers than along the flow
/// before a stage's boxes of one lane wrap into several rows.
const MAX_CROSS_RATIO: f32 = 2.5;

/// Builds the layered graph: O(n log n + p), with at most
/// `VIRTUAL_PER_ITEM` x (n + e) + e virtual nodes.
///
/// A stage whose lane holds more boxes than `wrap` allows is drawn as
/// several rows (sub-layers), in outline order; the stage's rows all come
/// before the next stage's. The row length is chosen by [`wrap_rows`].
pub(super) fn build(roadmap: &Roadmap, flow: Flow, sp: Spacing) -> Layered {
    let lane_of = section_of(roadmap);
    let mut g = Layered {
        lanes: roadmap.sections().len().max(1),
        ..Layered::default()
    };
    let mut node_of = vec![usize::MAX; roadmap.len()];
    for (i, style) in styles(roadmap).into_iter().enumerate() {
        let r = role(roadmap, i);
        let mut b = sized_box(roadmap, i, r, style);
        b.style.accent = lane_of[i];
        if r == Role::Title {
            g.title = Some(b);
            continue;
        }
        node_of[i] = g.nodes.len();
        g.nodes.push(Node {
            topic: Some(i),
            layer: roadmap.stage(i),
            lane: lane_of[i].unwrap_or(0).min(g.lanes - 1),
        });
        g.boxes.push(b);
    }
    wrap_rows(&mut g, flow, sp);
    let mut pairs: Vec<(usize, usize, EdgeKind)> = Vec::new();
    for i in 0..roadmap.len() {
        if let Some(p) = roadmap.parent(i)
            && matches!(role(roadmap, p), Role::Topic | Role::Subtopic)
        {
            pairs.push((p, i, EdgeKind::Contains));
        }
    }
    for (a, b, _) in roadmap.prerequisites() {
        pairs.push((a, b, EdgeKind::Prerequisite));
    }
    // Each edge's ends in the graph, forwards along the layers. Stages make
    // every edge point forwards; a backward one would be a bug upstream,
    // drawn reversed rather than dropped.
    let ends: Vec<(usize, usize, EdgeKind)> = pairs
        .into_iter()
        .filter_map(|(a, b, kind)| {
            let (u, v) = (node_of[a], node_of[b]);
            if u == usize::MAX || v == usize::MAX {
                return None;
            }
            let (u, v) = if g.nodes[v].layer < g.nodes[u].layer {
                (v, u)
            } else {
                (u, v)
            };
            Some((u, v, kind))
        })
        .collect();
    let longest = longest_short_span(
        ends.iter()
            .map(|&(u, v, _)| g.nodes[v].layer - g.nodes[u].layer),
        VIRTUAL_PER_ITEM * (g.nodes.len() + ends.len()),
    );
    for (u, v, kind) in ends {
        let (lu, lv) = (g.nodes[u].layer, g.nodes[v].layer);
        let (cu, cv) = (g.nodes[u].lane as f32, g.nodes[v].lane as f32);
        let long = lv - lu > longest;
        if long {
            g.chains.push(Chain {
                kind,
                nodes: vec![u, v],
                long,
            });
            continue;
        }
        let mut nodes = vec![u];
        for layer in lu + 1..lv {
            // The lane moves from the source's to the target's evenly.
            let t = (layer - lu) as f32 / (lv - lu) as f32;
            let lane = (cu + (cv - cu) * t).round().max(0.0) as usize;
            nodes.push(g.nodes.len());
            g.nodes.push(Node {
                topic: None,
                layer,
                lane,
            });
        }
        nodes.push(v);
        g.chains.push(Chain { kind, nodes, long });
    }
    let n = g.nodes.len();
    g.up = vec![Vec::new(); n];
    g.down = vec![Vec::new(); n];
    for c in g.chains.iter().filter(|c| !c.long) {
        for w in c.nodes.windows(2) {
            if g.nodes[w[0]].layer < g.nodes[w[1]].layer {
                g.down[w[0]].push(w[1]);
                g.up[w[1]].push(w[0]);
            }
        }
    }
    let depth = g.nodes.iter().map(|x| x.layer + 1).max().unwrap_or(0);
    g.layers = vec![Vec::new(); depth];
    for (k, x) in g.nodes.iter().enumerate() {
        g.layers[x.layer].push(k);
    }
    g
}

/// The longest span (in layers) an edge may have and still get a virtual
/// node in each layer it passes: the largest for which those virtual nodes
/// number at most `budget`, but at least [`ALWAYS_SHORT`]. O(e).
pub(super) fn longest_short_span(spans: impl Iterator<Item = usize>, budget: usize) -> usize {
    // How many edges span each count of layers (those over the whole
    // budget on their own lumped).
    let mut count: Vec<usize> = Vec::new();
    for s in spans {
        let s = s.min(budget.saturating_add(2));
        if count.len() <= s {
            count.resize(s + 1, 0);
        }
        count[s] += 1;
    }
    let mut virtual_nodes = 0usize;
    let mut longest = ALWAYS_SHORT;
    for (s, &c) in count.iter().enumerate().skip(1) {
        virtual_nodes += c * (s - 1);
        if virtual_nodes > budget {
            break;
        }
        longest = longest.max(s);
    }
    longest
}

/// Wraps each stage's boxes of a lane into rows of at most `c` boxes, the
/// largest `c` for which the drawing, as estimated from the boxes alone, is
/// at most [`MAX_CROSS_RATIO`] times longer across than along; renumbers
/// the layers as rows. O(n log n): the estimate grows with `c`, so `c` is
/// found by bisection.
fn wrap_rows(g: &mut Layered, flow: Flow, sp: Spacing) {
    let stages = g.nodes.iter().map(|x| x.layer + 1).max().unwrap_or(0);
    // Boxes of each non-empty (stage, lane), in outline order (a dense
    // table would be stages x lanes: 30,000 flat topics in a chain are
    // 30,000 of each).
    let mut sorted: Vec<usize> = (0..g.nodes.len()).collect();
    sorted.sort_by_key(|&k| (g.nodes[k].layer, g.nodes[k].lane, k));
    let cell: Vec<(usize, usize, Vec<usize>)> = sorted
        .chunk_by(|&a, &b| {
            (g.nodes[a].layer, g.nodes[a].lane) == (g.nodes[b].layer, g.nodes[b].lane)
        })
        .map(|run| (g.nodes[run[0]].layer, g.nodes[run[0]].lane, run.to_vec()))
        .collect();
    let widest = cell.iter().map(|c| c.2.len()).max().unwrap_or(0);
    let mut cross = vec![0.0f32; g.lanes];
    let mut count = vec![0usize; g.lanes];
    let mut depth = 0.0f32;
    for (k, b) in g.boxes.iter().enumerate() {
        let (c, m) = flow.extents(&b.rect);
        cross[g.nodes[k].lane] += c + sp.boxes;
        count[g.nodes[k].lane] += 1;
        depth = depth.max(m);
    }
    let rows_of = |m: usize, c: usize| m.div_ceil(c.max(1));
    let mut most = vec![0usize; g.lanes];
    // The widest cell of each stage is what sets its rows.
    let mut stage_widest = vec![0usize; stages];
    for (s, l, nodes) in &cell {
        let (s, l) = (*s, *l);
        most[l] = most[l].max(nodes.len());
        stage_widest[s] = stage_widest[s].max(nodes.len());
    }
    let estimate = |c: usize| {
        let across: f32 = (0..g.lanes)
            .map(|l| most[l].min(c) as f32 * cross[l] / count[l].max(1) as f32 + sp.lanes)
            .sum();
        let along: f32 = stage_widest
            .iter()
            .map(|&m| rows_of(m, c).max(1) as f32 * (depth + sp.layers))
            .sum();
        across / along.max(1.0)
    };
    // The largest c in 1..=widest whose estimate is within the ratio.
    let (mut lo, mut hi) = (1, widest.max(1));
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if estimate(mid) <= MAX_CROSS_RATIO {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let c = lo;
    // Each stage's rows: as many as its most wrapped lane needs.
    let mut rows = vec![1usize; stages];
    for (s, _, nodes) in &cell {
        rows[*s] = rows[*s].max(rows_of(nodes.len(), c).max(1));
    }
    let mut base = vec![0usize; stages];
    for s in 1..stages {
        base[s] = base[s - 1] + rows[s - 1];
    }
    for (s, _, nodes) in &cell {
        let r = rows_of(nodes.len(), c).max(1);
        let per = nodes.len().div_ceil(r).max(1);
        for (i, &k) in nodes.iter().enumerate() {
            g.nodes[k].layer = base[*s] + i / per;
        }
    }
}
