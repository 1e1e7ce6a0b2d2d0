//! Crossing reduction: the order of the nodes along each layer.
//!
//! Nodes stay grouped by lane (a section's topics side by side, lanes in
//! outline order); within a lane they are sorted by the barycentre of their
//! neighbours in the layer before (sweeping down) or after (sweeping up),
//! the classic Sugiyama heuristic; a section's box stays first in its
//! lane, at the head of it. Each round is a sweep down and a sweep
//! up, O((n + e) log n) with the crossings counted (by inversions, with a
//! Fenwick tree) so that the best order seen is kept.
//!
//! Our own code: layout-rs's optimiser repeats swap passes until nothing
//! changes and grows with the cube of the layer widths.

use super::graph::Layered;
use crate::scene::Role;

/// Sweep rounds (down and up): the best order seen is kept, and the
/// crossings fall little after the first few rounds.
const ROUNDS: usize = 6;

/// Orders every layer of `g` in place.
pub(super) fn order(g: &mut Layered) {
    let mut pos = vec![0usize; g.nodes.len()];
    // Start from the outline order: real nodes by topic, virtual nodes
    // after them (the first sweep places them).
    for layer in &mut g.layers {
        layer.sort_by_key(|&k| (g.nodes[k].lane, g.nodes[k].topic.unwrap_or(usize::MAX), k));
    }
    number(&g.layers, &mut pos);
    let mut best = g.layers.clone();
    let mut fewest = usize::MAX;
    for _ in 0..ROUNDS {
        for l in 1..g.layers.len() {
            sweep(g, l, true, &mut pos);
        }
        for l in (0..g.layers.len().saturating_sub(1)).rev() {
            sweep(g, l, false, &mut pos);
        }
        let c = crossings(g, &pos);
        if c < fewest {
            fewest = c;
            best.clone_from(&g.layers);
        }
        if c == 0 {
            break;
        }
    }
    g.layers = best;
}

/// Sets `pos` to each node's place in its layer.
fn number(layers: &[Vec<usize>], pos: &mut [usize]) {
    for layer in layers {
        for (i, &k) in layer.iter().enumerate() {
            pos[k] = i;
        }
    }
}

/// Sorts layer `l` by lane, then by the barycentre of the neighbours in
/// the layer before (`down`) or after; a node without such neighbours keeps
/// its place.
fn sweep(g: &mut Layered, l: usize, down: bool, pos: &mut [usize]) {
    let adj = if down { &g.up } else { &g.down };
    // A section's box heads its lane: first in its layer's run.
    let head = |k: usize| g.boxes.get(k).is_some_and(|b| b.role == Role::Section);
    let mut keyed: Vec<(usize, f32, usize)> = g.layers[l]
        .iter()
        .map(|&k| {
            let n = &adj[k];
            let bary = if n.is_empty() {
                pos[k] as f32
            } else {
                n.iter().map(|&m| pos[m] as f32).sum::<f32>() / n.len() as f32
            };
            (
                g.nodes[k].lane,
                if head(k) { f32::NEG_INFINITY } else { bary },
                k,
            )
        })
        .collect();
    keyed.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(a.1.total_cmp(&b.1))
            .then(pos[a.2].cmp(&pos[b.2]))
    });
    for (i, &(_, _, k)) in keyed.iter().enumerate() {
        g.layers[l][i] = k;
        pos[k] = i;
    }
}

/// Pairs of edges that cross between neighbouring layers, for the order
/// given by `pos`. O(e log n).
pub(super) fn crossings(g: &Layered, pos: &[usize]) -> usize {
    let mut total = 0;
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (l, layer) in g.layers.iter().enumerate() {
        let Some(next) = g.layers.get(l + 1) else {
            break;
        };
        pairs.clear();
        for &u in layer {
            pairs.extend(g.down[u].iter().map(|&v| (pos[u], pos[v])));
        }
        pairs.sort_unstable();
        // Inversions of the targets: edges counted so far that end after.
        let mut tree = vec![0usize; next.len() + 1];
        for (seen, &(_, v)) in pairs.iter().enumerate() {
            let mut at_most = 0;
            let mut i = v + 1;
            while i > 0 {
                at_most += tree[i];
                i &= i - 1;
            }
            total += seen - at_most;
            let mut i = v + 1;
            while i < tree.len() {
                tree[i] += 1;
                i += i & i.wrapping_neg();
            }
        }
    }
    total
}
