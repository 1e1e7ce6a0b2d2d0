//! Gives every box of the strips its place and records the frame the
//! router and the connectors work in: the columns (non-empty, sorted by
//! x), which column holds each box, and the parent-child groups joined by
//! dotted connectors.
//!
//! Channel `i` is the free stripe left of column `i`; channel
//! `columns.len()` lies right of the last column.

use super::band::Band;
use super::strip::Strip;
use super::{INDENT, ROW_GAP, STRIP_GAP};
use crate::roadmap::Roadmap;
use crate::scene::SceneBox;

/// A column of boxes: its x range and the y spans of its boxes.
#[derive(Debug)]
pub(super) struct Column {
    pub(super) x: f32,
    pub(super) right: f32,
    /// (top, bottom) of each box, sorted by top.
    pub(super) spans: Vec<(f32, f32)>,
    /// Whether the side away from the strip's main path is the right one.
    pub(super) away_right: bool,
    /// The strip it is in, and its slot there (0 and 1 left of the main
    /// path, 2 the sections, 3 and 4 right of it).
    pub(super) place: (usize, usize),
}

/// A parent and the children a dotted connector joins it to, all in the
/// next column on one side.
pub(super) struct Group {
    pub(super) parent: usize,
    /// Whether the children lie right of the parent.
    pub(super) right: bool,
    /// In order top to bottom.
    pub(super) children: Vec<usize>,
    /// The channel the connectors run in.
    pub(super) channel: usize,
}

/// A deeper subtopic joined to its parent within an indented stack.
pub(super) struct Indent {
    pub(super) parent: usize,
    pub(super) child: usize,
    /// Whether the stack grows to the right.
    pub(super) right: bool,
}

/// Where everything is, before the channels are widened.
pub(super) struct Frame {
    pub(super) columns: Vec<Column>,
    pub(super) column_of: Vec<Option<usize>>,
    pub(super) groups: Vec<Group>,
    pub(super) indents: Vec<Indent>,
    /// Each strip's sections in order.
    pub(super) spines: Vec<Vec<usize>>,
}

impl Frame {
    /// The x range of channel `c` (outer channels are `margin` wide).
    pub(super) fn channel(&self, c: usize, margin: f32) -> (f32, f32) {
        let cols = &self.columns;
        let left = c.checked_sub(1).and_then(|p| cols.get(p)).map(|p| p.right);
        let right = cols.get(c).map(|n| n.x);
        match (left, right) {
            (Some(l), Some(r)) => (l, r),
            (Some(l), None) => (l, l + margin),
            (None, Some(r)) => (r - margin, r),
            (None, None) => (0.0, margin),
        }
    }
}

/// Places the strips side by side from x = 0, their tops at `top`.
pub(super) fn place(
    roadmap: &Roadmap,
    bands: &[Band],
    strips: &[Strip],
    top: f32,
    boxes: &mut [SceneBox],
) -> Frame {
    let mut frame = Frame {
        columns: Vec::new(),
        column_of: vec![None; boxes.len()],
        groups: Vec::new(),
        indents: Vec::new(),
        spines: Vec::new(),
    };
    let mut left = 0.0;
    for (n, strip) in strips.iter().enumerate() {
        let (xs, width) = strip.columns();
        // Slot (0..5) -> column index, for the non-empty slots.
        let mut slot = [usize::MAX; 5];
        for s in 0..5 {
            if strip.widths[s] > 0.0 {
                slot[s] = frame.columns.len();
                frame.columns.push(Column {
                    x: left + xs[s],
                    right: left + xs[s] + strip.widths[s],
                    spans: Vec::new(),
                    away_right: s >= 2,
                    place: (n, s),
                });
            }
        }
        let mut sections = Vec::with_capacity(strip.placed.len());
        for &(b, y) in &strip.placed {
            let band = &bands[b];
            let section = band.section;
            sections.push(section);
            let y = top + y;
            boxes[section].rect.x = left + xs[2];
            boxes[section].rect.y = y;
            put(&mut frame, slot[2], section, boxes);
            for (side, rows) in band.sides().into_iter().enumerate() {
                if rows.is_empty() {
                    continue;
                }
                let right = side == 1;
                let (topic_slot, sub_slot) = if right { (3, 4) } else { (1, 0) };
                let topic_left = left + xs[topic_slot];
                let topic_right = topic_left + strip.widths[topic_slot];
                let sub_left = left + xs[sub_slot];
                let sub_right = sub_left + strip.widths[sub_slot];
                let mut row_y = y;
                let mut topics = Vec::with_capacity(rows.len());
                for row in rows {
                    let t = row.topic;
                    topics.push(t);
                    let w = boxes[t].rect.width;
                    boxes[t].rect.x = if right { topic_left } else { topic_right - w };
                    boxes[t].rect.y = row_y + row.topic_y;
                    put(&mut frame, slot[topic_slot], t, boxes);
                    let mut children = Vec::new();
                    for &(d, level, dy) in &row.stack {
                        let indent = level as f32 * INDENT;
                        let w = boxes[d].rect.width;
                        boxes[d].rect.x = if right {
                            sub_left + indent
                        } else {
                            sub_right - indent - w
                        };
                        boxes[d].rect.y = row_y + dy;
                        put(&mut frame, slot[sub_slot], d, boxes);
                        let parent = roadmap.parent(d).unwrap_or(t);
                        if parent == t {
                            children.push(d);
                        } else {
                            frame.indents.push(Indent {
                                parent,
                                child: d,
                                right,
                            });
                        }
                    }
                    if !children.is_empty() {
                        let (a, b) = (slot[topic_slot], slot[sub_slot]);
                        frame.groups.push(Group {
                            parent: t,
                            right,
                            children,
                            channel: a.max(b),
                        });
                    }
                    row_y += row.height + ROW_GAP;
                }
                frame.groups.push(Group {
                    parent: section,
                    right,
                    children: topics,
                    channel: slot[2].max(slot[topic_slot]),
                });
            }
        }
        frame.spines.push(sections);
        left += width + STRIP_GAP;
    }
    for c in &mut frame.columns {
        c.spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    }
    frame
}

/// Records box `i` in column `c`.
fn put(frame: &mut Frame, c: usize, i: usize, boxes: &[SceneBox]) {
    if let Some(col) = frame.columns.get_mut(c) {
        let r = boxes[i].rect;
        col.spans.push((r.y, r.bottom()));
        frame.column_of[i] = Some(c);
    }
}
