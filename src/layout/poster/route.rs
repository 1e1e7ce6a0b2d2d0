//! Prerequisite arrows, routed orthogonally: out of the source's side
//! into the channel beside it, along a lane, across the columns at a free
//! y, along a lane of the channel beside the target, into its side.
//!
//! Routes are found before the channels get their final widths: a route
//! names its lanes ([`X::Lane`]), and [`super::widen`] turns lanes into x
//! once every channel knows how many it needs. The main path's column is
//! blocked from above the strips down to its last section, so an arrow
//! from one side of the main path to the other goes around its end
//! instead of across it.

use super::gaps::Gaps;
use super::lanes::{self, RUN, Request, Runs};
use super::place::Frame;
use super::ports::Ports;
use crate::scene::SceneBox;

/// Where a route point lies across.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum X {
    /// On a box's left (`false`) or right side.
    Side(usize, bool),
    /// In lane `.1` of channel `.0`.
    Lane(usize, usize),
}

/// A routed prerequisite, its points still naming lanes.
pub(super) struct Route {
    pub(super) from: usize,
    pub(super) to: usize,
    pub(super) points: Vec<(X, f32)>,
}

/// Whether arrows across the main path may take the outer sides: only
/// when they are few (at most one for every [`OUTER_PER`] topics), and
/// arrows in all at most one for every two topics. Each goes around the
/// end of its strip, across every arrow running down there; few, they
/// cross less than the connectors they avoid, many (as on a dense
/// curriculum), more.
pub(super) fn outer_routes_pay(frame: &Frame, prereqs: &[(usize, usize)], topics: usize) -> bool {
    let slot = |i: usize| {
        frame
            .column_of
            .get(i)
            .copied()
            .flatten()
            .map(|c| frame.columns[c].place)
    };
    let across = prereqs
        .iter()
        .filter(|&&(a, b)| match (slot(a), slot(b)) {
            (Some((sa, pa)), Some((sb, pb))) => {
                sa == sb && pa != 2 && pb != 2 && (pa < 2) != (pb < 2)
            }
            _ => false,
        })
        .count();
    across * OUTER_PER <= topics && prereqs.len() * 2 <= topics
}

/// Topics per arrow across the main path below which such arrows may
/// take the outer sides ([`outer_routes_pay`]).
const OUTER_PER: usize = 4;

/// Which sides a prerequisite leaves and reaches (`true`: right), or
/// `None` when either end is in no column. Towards the other end; within
/// one column, on the side away from the main path. An arrow from one
/// side of a strip's main path to the other goes around the path's end
/// either way; when such arrows are few ([`outer_routes_pay`]) and the
/// columns beyond its ends hold fewer boxes below them than the columns
/// between (each box a dotted connector the arrow would cross), it leaves
/// and reaches the outer sides, clear of the section connectors beside
/// the main path (`backend_poster_arrows_cross_little` in
/// `tests/suite/poster_legibility.rs` bounds the backend poster's crossings).
pub(super) fn sides(
    frame: &Frame,
    boxes: &[SceneBox],
    a: usize,
    b: usize,
    outer_ok: bool,
) -> Option<(bool, bool)> {
    let ca = (*frame.column_of.get(a)?)?;
    let cb = (*frame.column_of.get(b)?)?;
    if ca == cb {
        let away = frame.columns[ca].away_right;
        return Some((away, away));
    }
    // Across the main path in one strip: out of the outer sides, clear of
    // the section connectors beside the path, around its end.
    let ((sa, pa), (sb, pb)) = (frame.columns[ca].place, frame.columns[cb].place);
    if outer_ok && sa == sb && pa != 2 && pb != 2 && (pa < 2) != (pb < 2) {
        // The connectors each way would cross below the two ends: one per
        // box in the column beside the channel taken (the sections' on
        // the inner side, the subtopics' on the outer side).
        let below = |slot: usize, y: f32| {
            frame
                .columns
                .iter()
                .find(|c| c.place == (sa, slot))
                .map_or(0, |c| c.spans.len() - c.spans.partition_point(|s| s.0 <= y))
        };
        let (ya, yb) = (boxes[a].rect.y, boxes[b].rect.y);
        let outer_of = |p: usize| {
            if p < 2 {
                p.saturating_sub(1)
            } else {
                (p + 1).min(4)
            }
        };
        let inner = below(pa, ya) + below(pb, yb);
        let outer = if pa == 0 || pb == 4 || pb == 0 || pa == 4 {
            usize::MAX
        } else {
            below(outer_of(pa), ya) + below(outer_of(pb), yb)
        };
        if outer < inner {
            return Some((pb < 2, pa < 2));
        }
    }
    Some((ca < cb, cb < ca))
}

/// Routes every prerequisite with sides; returns the routes and how many
/// lanes each channel needs.
pub(super) fn route_all(
    frame: &Frame,
    gaps: &Gaps<'_>,
    prereqs: &[(usize, usize)],
    sides: &[Option<(bool, bool)>],
    ports: &Ports,
    margin: f32,
) -> (Vec<Route>, Vec<usize>) {
    let channels = frame.columns.len() + 1;
    // Lanes are given once every run is known ([`lanes::assign`]): until
    // then a route names its requests.
    let mut requests: Vec<Request> = Vec::new();
    let mut ask = |channel: usize, ends: [(f32, bool); 2]| {
        requests.push(Request { channel, ends });
        requests.len() - 1
    };
    let mut runs = Runs::default();
    let mut routes = Vec::with_capacity(prereqs.len());
    for (e, (&(a, b), s)) in prereqs.iter().zip(sides).enumerate() {
        let (Some((a_right, b_right)), Some(Some(ca)), Some(Some(cb))) =
            (*s, frame.column_of.get(a), frame.column_of.get(b))
        else {
            continue;
        };
        let (ya, yb) = ports.prereqs[e];
        let ch_a = ca + usize::from(a_right);
        let ch_b = cb + usize::from(b_right);
        let mut points = vec![(X::Side(a, a_right), ya)];
        // A stub from a box's right side leaves the lane to the left.
        if ch_a == ch_b {
            let k = ask(ch_a, [(ya, !a_right), (yb, !b_right)]);
            points.extend([(X::Lane(ch_a, k), ya), (X::Lane(ch_a, k), yb)]);
        } else {
            let mid = |c: usize| {
                let (x0, x1) = frame.channel(c, margin);
                (x0 + x1) / 2.0
            };
            let (mid_a, mid_b) = (mid(ch_a), mid(ch_b));
            let yc = crossing(gaps, mid_a, mid_b, (ya + yb) / 2.0, &runs);
            runs.add(yc, mid_a.min(mid_b), mid_a.max(mid_b));
            let ka = ask(ch_a, [(ya, !a_right), (yc, ch_b > ch_a)]);
            let kb = ask(ch_b, [(yc, ch_a > ch_b), (yb, !b_right)]);
            points.extend([
                (X::Lane(ch_a, ka), ya),
                (X::Lane(ch_a, ka), yc),
                (X::Lane(ch_b, kb), yc),
                (X::Lane(ch_b, kb), yb),
            ]);
        }
        points.push((X::Side(b, b_right), yb));
        routes.push(Route {
            from: a,
            to: b,
            points,
        });
    }
    let (lane, counts) = lanes::assign(&requests, channels);
    for route in &mut routes {
        for (x, _) in &mut route.points {
            if let X::Lane(c, r) = *x {
                *x = X::Lane(c, lane[r]);
            }
        }
    }
    (routes, counts)
}

/// How many lane steps away from the first free y a horizontal run may
/// move to keep clear of the runs already drawn.
const RUN_TRIES: usize = 64;

/// A free y for a horizontal run between x0 and x1 near `want`, at least
/// [`RUN`] away from the runs already drawn over the same stretch.
fn crossing(gaps: &Gaps<'_>, x0: f32, x1: f32, want: f32, runs: &Runs) -> f32 {
    let (lo, hi) = (x0.min(x1), x0.max(x1));
    let taken = |y: f32| {
        runs.near(y)
            .any(|&(ry, a, b)| (ry - y).abs() < RUN && a < hi && lo < b)
    };
    let first = gaps.free_y(x0, x1, want);
    if !taken(first) {
        return first;
    }
    for k in 1..=RUN_TRIES {
        for sign in [1.0, -1.0] {
            let y = first + sign * k as f32 * RUN;
            if y < gaps.bottom() && !taken(y) && gaps.free_y(x0, x1, y) == y {
                return y;
            }
        }
    }
    first
}
