//! Lanes and runs: how parallel prerequisite lines share a channel.
//!
//! Once every route is known, each channel's vertical runs are put in
//! lanes in the order that keeps their horizontal stubs off the other
//! runs ([`assign`]): runs whose stubs leave left nearest the left, the
//! inner of nested ones innermost, and so on. A run takes the lane just
//! right of every run before it that it overlaps (with [`LANE_SPAN_GAP`]
//! to spare), so runs that do not overlap share lanes. Ordered so, runs
//! cross fewer stubs than in lanes given first fit
//! (`tests::ordered_lanes_cross_fewer_stubs_than_first_fit`), and the
//! backend poster's arrows cross each other little
//! (`backend_poster_arrows_cross_little` in `tests/suite/poster_legibility.rs`
//! bounds it). A channel has as many lanes as it needs; the frame is then
//! widened so lanes sit [`LANE`] pixels apart. Horizontal runs over the
//! same stretch keep [`RUN`] pixels apart.

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
}

/// A vertical run asked for in a channel: its y span, and at each end
/// whether its horizontal stub leaves to the right (`true`) or the left.
#[derive(Debug, Clone, Copy)]
pub(super) struct Request {
    pub(super) channel: usize,
    pub(super) ends: [(f32, bool); 2],
}

impl Request {
    fn span(&self) -> (f32, f32) {
        let (a, b) = (self.ends[0].0, self.ends[1].0);
        (a.min(b) - LANE_SPAN_GAP, a.max(b) + LANE_SPAN_GAP)
    }

    /// Where the run wants to be: runs whose stubs both leave left first
    /// (the inner of nested ones nearest the left), then those leaving
    /// both ways, then those leaving right (the inner nearest the right).
    /// Two runs whose stubs leave left at the top and right at the bottom
    /// cross each other's stubs unless the lower one is on the left; the
    /// other way round, the upper one.
    fn key(&self) -> (u8, f32, f32) {
        let (lo, hi) = self.span();
        let [(ya, ra), (yb, rb)] = self.ends;
        let (top_right, bottom_right) = if ya <= yb { (ra, rb) } else { (rb, ra) };
        match (top_right, bottom_right) {
            (false, false) => (0, hi - lo, lo),
            (false, true) => (1, -lo, hi),
            (true, false) => (2, lo, hi),
            (true, true) => (3, lo - hi, lo),
        }
    }
}

/// Runs in one channel beyond this many are given lanes first fit, in the
/// order asked (ordering them compares every pair).
const MAX_ORDERED: usize = 2000;

/// A lane for every request, and how many lanes each of `channels` needs.
///
/// Overlapping runs in a channel cross each other's stubs depending on
/// their order across it; each channel's runs are sorted by
/// [`Request::key`], and each takes the lane just right of the rightmost
/// run before it that it overlaps, so overlapping runs keep that order
/// and disjoint ones share lanes. O(m²) in the m runs of a channel, up to
/// [`MAX_ORDERED`]; first fit beyond.
pub(super) fn assign(requests: &[Request], channels: usize) -> (Vec<usize>, Vec<usize>) {
    let mut by_channel: Vec<Vec<usize>> = vec![Vec::new(); channels];
    for (i, r) in requests.iter().enumerate() {
        if let Some(c) = by_channel.get_mut(r.channel) {
            c.push(i);
        }
    }
    let mut lane = vec![0usize; requests.len()];
    let mut counts = vec![0usize; channels];
    let mut first_fit = Lanes::new(channels);
    for (c, mut runs) in by_channel.into_iter().enumerate() {
        if runs.len() > MAX_ORDERED {
            for &i in &runs {
                let (lo, hi) = requests[i].span();
                lane[i] = first_fit.take(c, lo + LANE_SPAN_GAP, hi - LANE_SPAN_GAP);
                counts[c] = counts[c].max(lane[i] + 1);
            }
            continue;
        }
        runs.sort_by(|&a, &b| {
            let (ka, kb) = (requests[a].key(), requests[b].key());
            ka.0.cmp(&kb.0)
                .then(ka.1.total_cmp(&kb.1))
                .then(ka.2.total_cmp(&kb.2))
                .then(a.cmp(&b))
        });
        let spans: Vec<(f32, f32)> = runs.iter().map(|&i| requests[i].span()).collect();
        for k in 0..runs.len() {
            let (lo, hi) = spans[k];
            let after = (0..k)
                .filter(|&j| spans[j].0 < hi && lo < spans[j].1)
                .map(|j| lane[runs[j]] + 1)
                .max()
                .unwrap_or(0);
            lane[runs[k]] = after;
            counts[c] = counts[c].max(after + 1);
        }
    }
    (lane, counts)
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
    }

    fn ask(channel: usize, a: (f32, bool), b: (f32, bool)) -> Request {
        Request {
            channel,
            ends: [a, b],
        }
    }

    #[test]
    fn ordered_lanes_keep_stubs_off_the_other_runs() {
        // Both stubs left: the inner of two nested runs nearest the left.
        let (lane, counts) = assign(
            &[
                ask(0, (0.0, false), (300.0, false)),
                ask(0, (100.0, false), (200.0, false)),
            ],
            1,
        );
        assert_eq!(lane, [1, 0]);
        assert_eq!(counts, [2]);
        // Both right: the inner nearest the right.
        let (lane, _) = assign(
            &[
                ask(0, (100.0, true), (200.0, true)),
                ask(0, (0.0, true), (300.0, true)),
            ],
            1,
        );
        assert_eq!(lane, [1, 0]);
        // Left at the top, right at the bottom: the lower run on the left;
        // the other way round, the upper one. Leaving left before both
        // ways before leaving right.
        let (lane, _) = assign(
            &[
                ask(0, (0.0, false), (200.0, true)),
                ask(0, (100.0, false), (300.0, true)),
                ask(0, (50.0, true), (250.0, true)),
                ask(0, (60.0, false), (70.0, false)),
            ],
            1,
        );
        assert_eq!(lane, [1, 0, 2, 0]);
        // Disjoint runs share a lane; channels are apart.
        let (lane, counts) = assign(
            &[
                ask(0, (0.0, false), (100.0, false)),
                ask(0, (200.0, true), (300.0, true)),
                ask(1, (0.0, true), (300.0, false)),
            ],
            2,
        );
        assert_eq!(lane, [0, 0, 0]);
        assert_eq!(counts, [1, 1]);
    }

    /// The crossings of stubs with the other runs' verticals, for runs
    /// at the given lanes: what the order is meant to keep low.
    fn stub_crossings(requests: &[Request], lane: &[usize]) -> usize {
        let mut n = 0;
        for (i, p) in requests.iter().enumerate() {
            for (j, q) in requests.iter().enumerate() {
                let (lo, hi) = q.span();
                if i == j || p.channel != q.channel {
                    continue;
                }
                for &(y, right) in &p.ends {
                    let toward_q = if right {
                        lane[j] > lane[i]
                    } else {
                        lane[j] < lane[i]
                    };
                    if toward_q && lo < y && y < hi {
                        n += 1;
                    }
                }
            }
        }
        n
    }

    #[test]
    fn ordered_lanes_cross_fewer_stubs_than_first_fit() {
        // A deterministic spread of runs, some nested, some overlapping.
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = |m: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % m
        };
        let requests: Vec<Request> = (0..200)
            .map(|_| {
                let a = next(5000) as f32;
                let b = a + 20.0 + next(800) as f32;
                ask(0, (a, next(2) == 1), (b, next(2) == 1))
            })
            .collect();
        let (ordered, _) = assign(&requests, 1);
        let mut lanes = Lanes::new(1);
        let first: Vec<usize> = requests
            .iter()
            .map(|r| lanes.take(0, r.ends[0].0, r.ends[1].0))
            .collect();
        let (a, b) = (
            stub_crossings(&requests, &ordered),
            stub_crossings(&requests, &first),
        );
        assert!(a * 10 < b * 9, "ordered {a} vs first fit {b}");
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
