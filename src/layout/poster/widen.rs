//! Widening: each channel grows until its lanes fit, and the columns to
//! its right move over.
//!
//! A channel holds, from each side it faces a parent, a zone of dotted
//! connector lanes ([`CSTEP`] apart) and, between them, the prerequisite
//! lanes ([`LANE`] apart). Only x changes; every y found by the router
//! stays valid, so the routes are turned into points afterwards.

use super::lanes::LANE;
use super::place::Frame;
use super::route::X;
use crate::scene::{Point, SceneBox};

/// Distance between neighbouring dotted connector lanes.
pub(super) const CSTEP: f32 = 6.0;
/// Room between a connector zone and what is beside it.
pub(super) const CPAD: f32 = 8.0;
/// Room between the outer prerequisite lanes and what is beside them.
const PPAD: f32 = 10.0;
/// The most lanes a channel spreads [`LANE`] apart; a channel needing more
/// (a dense curriculum's) packs them into the same width rather than
/// growing the poster without end.
const MAX_SPREAD: usize = 40;

/// The channels' final x ranges and what they hold.
pub(super) struct Channels {
    /// Final (x0, x1) of each channel.
    ranges: Vec<(f32, f32)>,
    /// Connector lanes from a parent on the left and on the right.
    conn: Vec<(usize, usize)>,
    /// Prerequisite lanes.
    lanes: Vec<usize>,
    /// The distance between neighbouring prerequisite lanes.
    step: Vec<f32>,
}

/// The width of a zone of `n` connector lanes.
fn zone(n: usize) -> f32 {
    if n == 0 {
        0.0
    } else {
        2.0 * CPAD + (n - 1) as f32 * CSTEP
    }
}

/// Widens the channels for `lanes` prerequisite lanes each (outer ones
/// start `margin` wide) and moves the columns and their boxes.
pub(super) fn widen(
    frame: &mut Frame,
    boxes: &mut [SceneBox],
    lanes: &[usize],
    margin: f32,
) -> Channels {
    let count = frame.columns.len() + 1;
    let mut conn = vec![(0usize, 0usize); count];
    for g in &frame.groups {
        if let Some(c) = conn.get_mut(g.channel) {
            if g.right {
                c.0 = c.0.max(g.children.len());
            } else {
                c.1 = c.1.max(g.children.len());
            }
        }
    }
    let lanes: Vec<usize> = (0..count)
        .map(|c| lanes.get(c).copied().unwrap_or(0))
        .collect();
    let mut widths = Vec::with_capacity(count);
    let mut shift = 0.0;
    let mut shifts = Vec::with_capacity(count);
    for c in 0..count {
        let (x0, x1) = frame.channel(c, margin);
        let base = x1 - x0;
        let prereq = if lanes[c] == 0 {
            0.0
        } else {
            2.0 * PPAD + (lanes[c] - 1).min(MAX_SPREAD) as f32 * LANE
        };
        let need = (zone(conn[c].0) + zone(conn[c].1) + prereq).ceil();
        widths.push(base.max(need));
        shift += (need - base).max(0.0);
        shifts.push(shift);
    }
    for (c, col) in frame.columns.iter_mut().enumerate() {
        col.x += shifts[c];
        col.right += shifts[c];
    }
    for (i, b) in boxes.iter_mut().enumerate() {
        if let Some(Some(c)) = frame.column_of.get(i) {
            b.rect.x += shifts[*c];
        }
    }
    let ranges = (0..count)
        .map(|c| {
            let (x0, x1) = frame.channel(c, widths[c]);
            if c == 0 {
                (x1 - widths[c], x1)
            } else {
                (x0, x0 + widths[c])
            }
        })
        .collect();
    let step = lanes
        .iter()
        .map(|&l| {
            if l > MAX_SPREAD + 1 {
                LANE * MAX_SPREAD as f32 / (l - 1) as f32
            } else {
                LANE
            }
        })
        .collect();
    Channels {
        ranges,
        conn,
        lanes,
        step,
    }
}

impl Channels {
    /// The x of a route point.
    pub(super) fn x(&self, at: X, boxes: &[SceneBox]) -> f32 {
        match at {
            X::Side(i, right) => {
                let r = boxes[i].rect;
                if right { r.right() } else { r.x }
            }
            X::Lane(c, k) => {
                let Some(&(x0, x1)) = self.ranges.get(c) else {
                    return 0.0;
                };
                let (l, r) = self.conn[c];
                let (z0, z1) = (x0 + zone(l), x1 - zone(r));
                let n = self.lanes[c].max(1) as f32;
                let x = (z0 + z1) / 2.0 + (k as f32 - (n - 1.0) / 2.0) * self.step[c];
                if self.step[c] < LANE { x } else { x.round() }
            }
        }
    }

    /// The points of a route.
    pub(super) fn points(&self, route: &[(X, f32)], boxes: &[SceneBox]) -> Vec<Point> {
        route
            .iter()
            .map(|&(at, y)| Point::new(self.x(at, boxes), y))
            .collect()
    }
}
