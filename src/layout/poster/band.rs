//! A section's topics as rows, split over the two sides of the main path.
//!
//! Each child topic of a section is a row: the topic box with its deeper
//! subtopics stacked beside it, indented by depth. The rows are cut in two
//! in outline order, the first part left of the main path and the rest
//! right of it, where the two columns are most nearly equal in height, so
//! a section's topics take as little height as they can and stay within
//! the section's own vertical span.

use super::{INDENT, MAX_INDENT, ROW_GAP, STACK_GAP};
use crate::roadmap::Roadmap;
use crate::scene::SceneBox;

/// A topic and its stacked descendants, positioned relative to the row.
pub(super) struct Row {
    pub(super) topic: usize,
    /// Height of the row.
    pub(super) height: f32,
    /// y of the topic box within the row.
    pub(super) topic_y: f32,
    /// Descendants in outline order: (topic, indent level, y within row).
    pub(super) stack: Vec<(usize, usize, f32)>,
    /// Width of the stack including indentation.
    pub(super) stack_width: f32,
}

/// A section with its topic rows, not yet placed.
pub(super) struct Band {
    pub(super) section: usize,
    pub(super) rows: Vec<Row>,
    /// Rows before this index go left of the main path, the rest right.
    pub(super) split: usize,
    /// Width of the topic boxes (uniform within the band).
    pub(super) topic_width: f32,
}

impl Band {
    /// The rows on the left and on the right.
    pub(super) fn sides(&self) -> [&[Row]; 2] {
        let (l, r) = self.rows.split_at(self.split);
        [l, r]
    }

    /// The height of the taller side's column.
    pub(super) fn height(&self) -> f32 {
        let [l, r] = self.sides();
        column_height(l).max(column_height(r))
    }
}

/// The height of a column of rows.
pub(super) fn column_height(rows: &[Row]) -> f32 {
    let gaps = rows.len().saturating_sub(1) as f32 * ROW_GAP;
    rows.iter().map(|r| r.height).sum::<f32>() + gaps
}

/// Builds a section's rows and splits them over the two sides; `index` is
/// the section's position, which puts a lone row left or right in turn.
pub(super) fn band(
    roadmap: &Roadmap,
    boxes: &mut [SceneBox],
    section: usize,
    index: usize,
) -> Band {
    let topics: Vec<usize> = roadmap.children(section).collect();
    let topic_width = topics
        .iter()
        .map(|&t| boxes[t].rect.width)
        .fold(0.0f32, f32::max);
    let mut rows = Vec::with_capacity(topics.len());
    for &t in &topics {
        boxes[t].rect.width = topic_width;
        rows.push(row(roadmap, boxes, t));
    }
    let split = if rows.len() == 1 {
        usize::from(index.is_multiple_of(2))
    } else {
        balanced_split(&rows)
    };
    Band {
        section,
        rows,
        split,
        topic_width,
    }
}

/// Where to cut the rows so the taller side is as short as it can be (the
/// later cut on a tie, so the left side is the longer one).
fn balanced_split(rows: &[Row]) -> usize {
    let total = column_height(rows);
    let mut best = (f32::INFINITY, 0);
    let mut above = 0.0;
    for k in 0..=rows.len() {
        if k > 0 {
            above += rows[k - 1].height + if k > 1 { ROW_GAP } else { 0.0 };
        }
        let below = (total
            - above
            - if k > 0 && k < rows.len() {
                ROW_GAP
            } else {
                0.0
            })
        .max(0.0);
        let tallest = above.max(below);
        if tallest <= best.0 {
            best = (tallest, k);
        }
    }
    best.1
}

/// One topic with its descendants stacked and indented beside it.
fn row(roadmap: &Roadmap, boxes: &mut [SceneBox], t: usize) -> Row {
    let base = roadmap.topic(t).depth + 1;
    let range = roadmap.subtree(t);
    let mut stack = Vec::with_capacity(range.len().saturating_sub(1));
    let mut stack_width = 0.0f32;
    let mut at = 0.0;
    for (d, b) in boxes
        .iter()
        .enumerate()
        .take(range.end)
        .skip(range.start + 1)
    {
        let level = (roadmap.topic(d).depth - base).min(MAX_INDENT);
        stack_width = stack_width.max(b.rect.width + level as f32 * INDENT);
        stack.push((d, level, at));
        at += b.rect.height + STACK_GAP;
    }
    let stack_height = (at - STACK_GAP).max(0.0);
    // Uniform outer edges: widen each box to the stack width.
    for &(d, level, _) in &stack {
        boxes[d].rect.width = stack_width - level as f32 * INDENT;
    }
    let topic_height = boxes[t].rect.height;
    let height = topic_height.max(stack_height);
    let topic_y = ((height - topic_height) / 2.0).round();
    let stack_y = ((height - stack_height) / 2.0).round();
    for s in &mut stack {
        s.2 += stack_y;
    }
    Row {
        topic: t,
        height,
        topic_y,
        stack,
        stack_width,
    }
}
