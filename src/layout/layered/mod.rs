//! The layered layout: the whole roadmap as one layered drawing, a topic's
//! layer its stage (so position reads as learning order, stage 0 first),
//! each section a lane (a column flowing down, a row flowing right), the
//! prerequisites and the topic-to-subtopic `contains` edges drawn between.
//!
//! It sits between the model ([`Roadmap`]) and the renderers: the SVG, PNG
//! and JSON exporters only read the [`Scene`] it returns. The steps, one
//! file each, are the classic Sugiyama pipeline with lanes:
//!
//! 1. `graph.rs`: nodes in layers by stage ([`crate::order`] computes the
//!    stages, so no ranking is needed), lanes by section, every short edge
//!    a chain with a virtual node in each layer it passes.
//! 2. `order.rs`: the order along each layer, lanes kept together,
//!    barycentre sweeps within a lane, the fewest crossings kept.
//! 3. `gutters.rs`: every long edge a track in a gutter beside the lanes,
//!    where it runs straight, however many layers it passes.
//! 4. `coords.rs`: each lane a strip as wide as its widest layer; nodes
//!    placed within their strip near their neighbours (isotonic
//!    regression); layers as bands along the flow.
//! 5. `route.rs`: each edge one Bezier from a port on its source to a port
//!    on its target, straight through bands at its virtual nodes or along
//!    its gutter, curved only in the gaps between layers, so never through
//!    a box.
//!
//! The title sits above the drawing; the sections are the boxes at the
//! head of their lanes, each lane's boxes outlined in the section's colour
//! (`BoxStyle::accent`). The `contains` edges from the title and from the
//! sections are not drawn: the lanes show them. The legend lists the marks
//! and edges drawn; it has no box samples, since the boxes' colours are the
//! sections' and the lanes' heads name them.
//!
//! # Our own code, not layout-rs
//!
//! Each step is our own, linear or `n log n` in the nodes and the layers
//! the edges span. layout-rs's steps do not fit: its ranking would have to
//! be replaced by the stages (a topic's layer must be its stage); its
//! crossing optimiser grows with the cube of the layer widths; its
//! Brandes-Köpf placement repeats its scheduler over every column until
//! all are placed, growing worse than linearly, and knows no lanes; and
//! its Bezier edges cut through boxes.
//!
//! The ignored test `measure` in `tests.rs` times the layout of the dense
//! curriculum and of generated roadmaps of 1,000 to 50,000 topics (run it
//! in release with `--ignored --nocapture`).

mod coords;
mod graph;
mod gutters;
mod order;
mod route;
mod spacing;
#[cfg(test)]
mod tests;

use super::Direction;
use super::frame::{Flow, pad_to_aspect, translate};
use crate::roadmap::Roadmap;
use crate::scene::{self, LegendItem, Point, Scene, SceneBox, SceneEdge};
use crate::text;

/// Empty space around the drawing.
const MARGIN: f32 = 40.0;
/// Space between the title and the drawing.
const TITLE_GAP: f32 = 40.0;
/// Font size of the subtitle (as on the poster).
const SUBTITLE_SIZE: f32 = 13.0;
/// Space between the title and the subtitle under it.
const SUBTITLE_GAP: f32 = 4.0;
/// Space between the subtitle and the progress line under it.
const PROGRESS_GAP: f32 = 2.0;
/// Space between the drawing and the legend under it.
const LEGEND_GAP: f32 = 30.0;
/// Font size of the legend.
const LEGEND_FONT: f32 = 12.0;
/// The legend wraps at the drawing's width, but not narrower than this.
const LEGEND_MIN_WIDTH: f32 = 480.0;
/// The most a canvas may be wider than high, or higher than wide.
const MAX_ASPECT: f32 = 3.0;

/// Lays out the whole graph in layers, flowing down or right.
pub fn layout(roadmap: &Roadmap, direction: Direction) -> Scene {
    let flow = Flow(direction);
    let spacing = spacing::Spacing::of(direction);
    let mut g = graph::build(roadmap, flow, spacing);
    order::order(&mut g);
    let gutters = gutters::assign(&g);
    let c = coords::place(&g, &gutters, flow, spacing);
    let mut boxes: Vec<SceneBox> = g
        .boxes
        .iter()
        .enumerate()
        .map(|(k, b)| {
            let (cross, depth) = flow.extents(&b.rect);
            let (start, band) = c.bands.get(g.nodes[k].layer).copied().unwrap_or_default();
            let mut b = b.clone();
            b.rect = flow.rect(
                c.cross[k] - cross / 2.0,
                start + (band - depth) / 2.0,
                cross,
                depth,
            );
            b
        })
        .collect();
    let edges = route::route(&g, &c, flow, spacing);
    if let Some(t) = g.title.take() {
        boxes.push(t);
    }
    boxes.sort_by_key(|b| b.topic);
    assemble(roadmap, boxes, edges)
}

/// The title over the drawing, the margin, the legend under it, and the
/// canvas padded to [`MAX_ASPECT`] as a last resort.
fn assemble(roadmap: &Roadmap, mut boxes: Vec<SceneBox>, mut edges: Vec<SceneEdge>) -> Scene {
    let title = roadmap.title();
    let drawing = scene::bounds(boxes.iter().filter(|b| Some(b.topic) != title), &edges);
    // The caption (counts, implied prerequisites left out, the focus of a
    // focused poster) under the title, as on the poster, and the learner's
    // progress under it. Without a title, the progress line alone heads
    // the drawing.
    let progress = super::progress_line(roadmap).map(|p| {
        let width = text::width(&p, scene::PROGRESS_SIZE, text::Weight::Regular);
        (p, width)
    });
    let progress_height = progress.as_ref().map_or(0.0, |_| {
        PROGRESS_GAP + text::line_height(scene::PROGRESS_SIZE)
    });
    let mut lines: Vec<(Point, String, f32)> = Vec::with_capacity(2);
    let mut has_caption = false;
    let mut centre = drawing.center().x;
    let mut under = drawing.y - TITLE_GAP - progress_height;
    if let Some(t) = boxes.iter_mut().find(|b| Some(b.topic) == title) {
        let caption = roadmap.caption();
        let caption_width = text::width(&caption, SUBTITLE_SIZE, text::Weight::Regular);
        let caption_height = text::line_height(SUBTITLE_SIZE);
        t.rect.x = drawing.x + ((drawing.width - t.rect.width) / 2.0).max(0.0).floor();
        t.rect.y =
            drawing.y - TITLE_GAP - progress_height - caption_height - SUBTITLE_GAP - t.rect.height;
        centre = t.rect.x + t.rect.width / 2.0;
        let at = Point::new(centre, t.rect.bottom() + SUBTITLE_GAP);
        under = at.y + caption_height;
        lines.push((at, caption, caption_width));
        has_caption = true;
    }
    if let Some((p, width)) = progress {
        lines.push((Point::new(centre, under + PROGRESS_GAP), p, width));
    }
    let mut everything = scene::bounds(&boxes, &edges);
    for (at, _, width) in &lines {
        let left = everything.x.min(at.x - width / 2.0);
        let right = everything.right().max(at.x + width / 2.0);
        everything.x = left;
        everything.width = right - left;
        let top = everything.y.min(at.y);
        everything.height = everything.bottom() - top;
        everything.y = top;
    }
    let (dx, dy) = (MARGIN - everything.x, MARGIN - everything.y);
    translate(&mut boxes, &mut edges, None, dx, dy);
    let mut lines = lines
        .into_iter()
        .map(|(at, text, _)| (Point::new(at.x + dx, at.y + dy), text));
    let mut subtitle = if has_caption { lines.next() } else { None };
    let mut progress = lines.next();
    let (mut right, mut bottom) = (everything.right() + dx, everything.bottom() + dy);

    let items = legend_items(&boxes, &edges);
    let mut legend = (!items.is_empty()).then(|| {
        let top = if boxes.is_empty() {
            MARGIN
        } else {
            bottom + LEGEND_GAP
        };
        let width = (right - MARGIN).max(LEGEND_MIN_WIDTH);
        scene::legend(&items, MARGIN, top, LEGEND_FONT, width)
    });
    if let Some(l) = &legend {
        right = right.max(l.rect.right());
        bottom = bottom.max(l.rect.bottom());
    }
    let (width, height, dx, dy) = pad_to_aspect(
        (right + MARGIN).ceil(),
        (bottom + MARGIN).ceil(),
        MAX_ASPECT,
    );
    translate(&mut boxes, &mut edges, legend.as_mut(), dx, dy);
    for (at, _) in subtitle.iter_mut().chain(&mut progress) {
        at.x += dx;
        at.y += dy;
    }
    Scene {
        width,
        height,
        layout: "layered",
        boxes,
        edges,
        subtitle,
        progress,
        legend,
        font_size: 14.0,
    }
}

/// What the legend shows: the marks, optional boxes and edge kinds drawn.
/// No box samples: a sample has its role's theme colours, while this
/// layout colours each box by its section.
fn legend_items(boxes: &[SceneBox], edges: &[SceneEdge]) -> Vec<LegendItem> {
    scene::legend_items(boxes, edges)
        .into_iter()
        .filter(|i| !matches!(i, LegendItem::Box(_)))
        .collect()
}
