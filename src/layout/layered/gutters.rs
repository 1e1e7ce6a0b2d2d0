//! Gutters: the channels beside the lanes where long edges run.
//!
//! A long edge (`graph.rs` says which are long) has no virtual nodes: it
//! leaves its source, turns in the gap after the source's layer into a
//! *track* of a gutter (the space between two lanes, or beside the first or
//! the last), runs straight along the flow there, and turns into its
//! target in the gap before the target's layer. Gutters hold no box, so a
//! long edge can pass through no box, and the whole layout costs the same
//! per edge however far the edge reaches: with one virtual node in every
//! layer it passed, a long edge made the graph (and the drawing) grow with
//! the number of layers, which itself grows with the roadmap.
//!
//! Which gutter: the middle one between the source's lane and the
//! target's, so the two turns share the distance; for an edge within one
//! lane, the gutter on the side of the lane where its ends sit. Tracks:
//! the edges of a gutter are sorted by the gap where they start and each
//! takes the lowest-numbered track free since before its start (interval
//! partitioning), so no two edges ever share a line, in as few tracks as
//! the most edges side by side at one place. O(e log e).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::graph::Layered;

/// Where the long edges run.
#[derive(Debug, Clone, Default)]
pub(super) struct Gutters {
    /// Each chain's gutter and track, `None` for a short chain. Gutter `k`
    /// lies before lane `k`; gutter `lanes` after the last lane.
    pub(super) of_chain: Vec<Option<(usize, usize)>>,
    /// How many tracks each gutter has.
    pub(super) tracks: Vec<usize>,
}

/// Assigns every long chain of `g` (ordered) a gutter and a track.
pub(super) fn assign(g: &Layered) -> Gutters {
    // Where a real node sits within its lane's run, from 0 (first) to 1.
    let mut place = vec![0.5f32; g.nodes.len()];
    for layer in &g.layers {
        for run in layer.chunk_by(|&a, &b| g.nodes[a].lane == g.nodes[b].lane) {
            let n = run.len() as f32;
            for (i, &k) in run.iter().enumerate() {
                place[k] = (i as f32 + 0.5) / n;
            }
        }
    }
    let mut out = Gutters {
        of_chain: vec![None; g.chains.len()],
        tracks: vec![0; g.lanes + 1],
    };
    // (gutter, first gap, last gap, chain): the gaps the edge runs along,
    // gap `l` being the one after layer `l`.
    let mut spans: Vec<(usize, usize, usize, usize)> = Vec::new();
    for (i, ch) in g.chains.iter().enumerate() {
        if !ch.long {
            continue;
        }
        let (Some(&u), Some(&v)) = (ch.nodes.first(), ch.nodes.last()) else {
            continue;
        };
        let (a, b) = (g.nodes[u].lane, g.nodes[v].lane);
        let gutter = match a.cmp(&b) {
            std::cmp::Ordering::Less => (a + 1 + b) / 2,
            std::cmp::Ordering::Greater => (b + 1 + a) / 2,
            std::cmp::Ordering::Equal if place[u] + place[v] < 1.0 => a,
            std::cmp::Ordering::Equal => a + 1,
        };
        let gutter = gutter.min(g.lanes);
        spans.push((gutter, g.nodes[u].layer, g.nodes[v].layer - 1, i));
    }
    spans.sort_unstable();
    for run in spans.chunk_by(|x, y| x.0 == y.0) {
        let gutter = run[0].0;
        // Busy tracks by the gap where they come free; free tracks.
        let mut busy: BinaryHeap<Reverse<(usize, usize)>> = BinaryHeap::new();
        let mut free: BinaryHeap<Reverse<usize>> = BinaryHeap::new();
        let mut count = 0;
        for &(_, first, last, chain) in run {
            while let Some(&Reverse((end, track))) = busy.peek() {
                if end >= first {
                    break;
                }
                busy.pop();
                free.push(Reverse(track));
            }
            let track = match free.pop() {
                Some(Reverse(t)) => t,
                None => {
                    count += 1;
                    count - 1
                }
            };
            busy.push(Reverse((last, track)));
            out.of_chain[chain] = Some((gutter, track));
        }
        out.tracks[gutter] = count;
    }
    out
}
