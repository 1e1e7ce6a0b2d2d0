//! Lanes and runs: how parallel prerequisite lines share a channel.
//!
//! A vertical run takes the first lane of its channel that no other run
//! overlaps (with [`LANE_SPAN_GAP`] to spare): interval colouring, first
//! fit, O(lanes · log runs) per run. A channel has as many lanes as it
//! needs; the frame is then widened so lanes sit [`LANE`] pixels apart.
//! Horizontal runs over the same stretch keep [`RUN`] pixels apart.

use std::collections::BTreeMap;

/// Distance between neighbouring vertical lanes of prerequisite arrows.
pub(super) const LANE: f32 = 8.0;
/// Distance kept between two horizontal runs over the same stretch.
pub(super) const RUN: f32 = 6.0;
/// Vertical room kept between two runs that share a lane.
const LANE_SPAN_GAP: f32 = 6.0;

/// The vertical lanes of every channel: per lane, the y spans taken
/// (disjoint, keyed by their start in 1/64 px).
#[derive(Default)]
pub(super) struct Lanes {
    taken: Vec<Vec<BTreeMap<i64, (f32, f32)>>>,
}

fn key(y: f32) -> i64 {
    (f64::from(y) * 64.0).floor() as i64
}

impl Lanes {
    /// Lanes for `channels` channels.
    pub(super) fn new(channels: usize) -> Lanes {
        Lanes {
            taken: vec![Vec::new(); channels],
        }
    }

    /// The first lane of `channel` free from y0 to y1, now taken.
    pub(super) fn take(&mut self, channel: usize, y0: f32, y1: f32) -> usize {
        let (lo, hi) = (y0.min(y1) - LANE_SPAN_GAP, y0.max(y1) + LANE_SPAN_GAP);
        let Some(lanes) = self.taken.get_mut(channel) else {
            return 0;
        };
        // Spans in a lane are disjoint: only the last one starting at or
        // before `hi` can reach `lo`.
        let free = |spans: &BTreeMap<i64, (f32, f32)>| {
            spans
                .range(..=key(hi))
                .next_back()
                .is_none_or(|(_, &(_, b))| b < lo)
        };
        let k = match lanes.iter().position(free) {
            Some(k) => k,
            None => {
                lanes.push(BTreeMap::new());
                lanes.len() - 1
            }
        };
        lanes[k].insert(key(lo), (lo, hi));
        k
    }

    /// How many lanes each channel uses.
    pub(super) fn counts(&self) -> Vec<usize> {
        self.taken.iter().map(Vec::len).collect()
    }
}

/// The horizontal runs drawn so far, (y, x0, x1), bucketed by y in steps
/// of [`RUN`]: a run within `RUN` of y is in y's bucket or a neighbour.
#[derive(Default)]
pub(super) struct Runs {
    buckets: rustc_hash::FxHashMap<i64, Vec<(f32, f32, f32)>>,
}

impl Runs {
    fn bucket(y: f32) -> i64 {
        (y / RUN).floor() as i64
    }

    pub(super) fn add(&mut self, y: f32, x0: f32, x1: f32) {
        self.buckets
            .entry(Runs::bucket(y))
            .or_default()
            .push((y, x0, x1));
    }

    /// The runs that may lie within [`RUN`] of `y`.
    pub(super) fn near(&self, y: f32) -> impl Iterator<Item = &(f32, f32, f32)> {
        let b = Runs::bucket(y);
        (b - 1..=b + 1).flat_map(|k| self.buckets.get(&k).into_iter().flatten())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_runs_take_distinct_lanes_and_disjoint_ones_share() {
        let mut lanes = Lanes::new(2);
        assert_eq!(lanes.take(0, 0.0, 100.0), 0);
        assert_eq!(lanes.take(0, 50.0, 150.0), 1);
        assert_eq!(lanes.take(0, 120.0, 20.0), 2);
        // Clear of the first run by more than the gap: back in lane 0.
        assert_eq!(lanes.take(0, 200.0, 300.0), 0);
        // Touching within the gap: not in lane 0.
        assert_eq!(lanes.take(0, 303.0, 400.0), 1);
        assert_eq!(lanes.take(1, 0.0, 100.0), 0);
        assert_eq!(lanes.counts(), vec![3, 1]);
    }

    #[test]
    fn runs_near_a_y_include_every_run_within_a_lane() {
        let mut runs = Runs::default();
        let ys = [-9.0, -4.0, -0.5, 0.0, 3.9, 4.0, 7.99, 8.0, 12.5, 400.0];
        for &y in &ys {
            runs.add(y, 0.0, 1.0);
        }
        for probe in [-8.0, -3.9, 0.0, 2.0, 4.0, 6.0, 11.0, 399.0] {
            let near: Vec<f32> = runs.near(probe).map(|r| r.0).collect();
            for &y in &ys {
                if (y - probe).abs() < RUN {
                    assert!(near.contains(&y), "{y} is within a run of {probe}");
                }
            }
        }
    }
}
