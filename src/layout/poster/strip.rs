//! Strips: the sections placed down one main path, each band within its
//! section's vertical span, and the wrap of a long outline into several
//! strips side by side.

use super::band::{Band, column_height};
use super::{MAX_RATIO, SPINE_CHANNEL, SPINE_GAP, SUB_CHANNEL, TARGET_RATIO};
use crate::scene::SceneBox;

/// One strip: a main path with columns on either side.
pub(super) struct Strip {
    /// The bands in it, in order, with the y of each section's span.
    pub(super) placed: Vec<(usize, f32)>,
    pub(super) height: f32,
    /// Column widths: left sub, left topic, spine, right topic, right sub.
    pub(super) widths: [f32; 5],
}

impl Strip {
    /// The x of each column's left edge, relative to the strip, and the
    /// strip's width. Empty columns take no room and no gap.
    pub(super) fn columns(&self) -> ([f32; 5], f32) {
        let gaps = [SUB_CHANNEL, SPINE_CHANNEL, SPINE_CHANNEL, SUB_CHANNEL];
        let mut xs = [0.0; 5];
        let mut at = 0.0;
        let mut any = false;
        for c in 0..5 {
            if self.widths[c] > 0.0 {
                if any {
                    at += gaps[c - 1];
                }
                any = true;
            }
            xs[c] = at;
            at += self.widths[c];
        }
        (xs, at)
    }
}

/// The height a band takes on the main path: its section box or its
/// taller column, whichever is taller.
fn span(band: &Band, boxes: &[SceneBox]) -> f32 {
    boxes[band.section].rect.height.max(band.height())
}

/// Places the given bands down one main path: each section's span starts
/// where the previous one ended, so a section's topics never run beside
/// the next section.
pub(super) fn place_strip(bands: &[Band], members: &[usize], boxes: &[SceneBox]) -> Strip {
    let mut placed = Vec::with_capacity(members.len());
    let mut widths = [0.0f32; 5];
    let mut y = 0.0f32;
    let mut height = 0.0f32;
    for &b in members {
        let band = &bands[b];
        placed.push((b, y));
        widths[2] = widths[2].max(boxes[band.section].rect.width);
        for (side, rows) in band.sides().into_iter().enumerate() {
            if rows.is_empty() {
                continue;
            }
            let (topic_col, sub_col) = if side == 0 { (1, 0) } else { (3, 4) };
            widths[topic_col] = widths[topic_col].max(band.topic_width);
            for r in rows {
                widths[sub_col] = widths[sub_col].max(r.stack_width);
            }
            debug_assert!(column_height(rows) <= band.height());
        }
        height = y + span(band, boxes);
        y = height + SPINE_GAP;
    }
    Strip {
        placed,
        height,
        widths,
    }
}

/// One strip, or several of similar height side by side when one would be
/// taller than [`MAX_RATIO`] widths.
pub(super) fn strips(bands: &[Band], boxes: &[SceneBox]) -> Vec<Strip> {
    let all: Vec<usize> = (0..bands.len()).collect();
    let single = place_strip(bands, &all, boxes);
    let (_, width) = single.columns();
    if width <= 0.0 || single.height <= MAX_RATIO * width {
        return vec![single];
    }
    let k = ((single.height / (width * TARGET_RATIO)).sqrt().round() as usize)
        .clamp(2, bands.len().max(2));
    split(bands, boxes, k)
}

/// Splits the bands into `k` consecutive strips of similar height.
fn split(bands: &[Band], boxes: &[SceneBox], k: usize) -> Vec<Strip> {
    let weight: Vec<f32> = bands.iter().map(|b| span(b, boxes) + SPINE_GAP).collect();
    let total: f32 = weight.iter().sum();
    let target = total / k as f32;
    let mut groups: Vec<Vec<usize>> = vec![Vec::new()];
    let mut acc = 0.0;
    for (i, w) in weight.iter().enumerate() {
        let current = groups.last().map_or(0, Vec::len);
        if current > 0 && acc + w / 2.0 > target && groups.len() < k {
            groups.push(Vec::new());
            acc = 0.0;
        }
        if let Some(g) = groups.last_mut() {
            g.push(i);
        }
        acc += w;
    }
    groups
        .iter()
        .map(|g| place_strip(bands, g, boxes))
        .collect()
}
