//! The poster layout, in the spirit of roadmap.sh.
//!
//! The title sits on top; the sections run down a main path in outline
//! order. Each section owns a vertical span of the poster: its topics sit
//! beside it, split over both sides of the path, and the next section
//! starts below the taller side (`band`, `strip`). A topic's deeper
//! subtopics stack beside it, indented by depth. An outline too long for
//! one path wraps into strips side by side, fed by a bus above them
//! (`spine`), keeping the canvas between 1:3 and 3:1.
//!
//! Lines never share a point on a box: every connector and arrow end gets
//! its own port (`ports`). Dotted connectors run in nested lanes
//! (`connect`); prerequisites are orthogonal arrows routed through the
//! channels between columns (`route`, over free gaps found by `gaps`),
//! each vertical run in its own lane (`lanes`), and the channels are then
//! widened so lanes sit 8 px apart (`widen`). An arrow never crosses the
//! main path: it goes around the end of a strip's path instead.
//!
//! Everything is linear in the number of topics except prerequisite
//! routing, which is O(p · (log n + lanes)).

mod band;
mod connect;
mod gaps;
mod lanes;
mod place;
mod ports;
mod route;
mod spine;
mod strip;
mod widen;

use super::{role, sized_box, styles};
use crate::roadmap::Roadmap;
use crate::scene::{self, Point, Role, Scene, SceneBox, SceneEdge};
use crate::text;

/// Outer margin of the canvas.
const MARGIN: f32 = 40.0;
/// Vertical gap between the spans of consecutive sections.
const SPINE_GAP: f32 = 36.0;
/// Vertical gap between topic rows.
const ROW_GAP: f32 = 12.0;
/// Vertical gap between stacked subtopics.
const STACK_GAP: f32 = 6.0;
/// Least horizontal gap between the main path and a topic column.
const SPINE_CHANNEL: f32 = 64.0;
/// Least horizontal gap between a topic column and its subtopic column.
const SUB_CHANNEL: f32 = 44.0;
/// Least horizontal gap between strips.
const STRIP_GAP: f32 = 72.0;
/// Indentation of each deeper level in a subtopic stack.
const INDENT: f32 = 14.0;
/// Deepest indentation level.
const MAX_INDENT: usize = 8;
/// Gap under the title.
const TITLE_GAP: f32 = 28.0;
/// Wrap into several strips when one strip is taller than this many widths.
const MAX_RATIO: f32 = 3.0;
/// The ratio of height to width aimed at when wrapping (A-series paper).
const TARGET_RATIO: f32 = 1.414;
/// Clearance kept between a routed line and a box.
const CLEARANCE: f32 = 4.0;
/// Font size of the subtitle.
const SUBTITLE_SIZE: f32 = 13.0;

/// Lays out a poster.
///
/// ```
/// use roadmapper::{load, Input};
/// let roadmap = load(&Input::new("r.txt", "Roadmap\n  Basics\n    HTTP\n  APIs\n    REST\n"), &[]).unwrap();
/// let scene = roadmapper::layout::poster::layout(&roadmap);
/// assert_eq!(scene.boxes.len(), 5);
/// ```
pub fn layout(roadmap: &Roadmap) -> Scene {
    let mut boxes: Vec<SceneBox> = styles(roadmap)
        .into_iter()
        .enumerate()
        .map(|(i, style)| sized_box(roadmap, i, role(roadmap, i), style))
        .collect();
    let sections = roadmap.sections();
    let bands: Vec<band::Band> = sections
        .iter()
        .enumerate()
        .map(|(i, &s)| band::band(roadmap, &mut boxes, s, i))
        .collect();
    let spine_width = sections
        .iter()
        .map(|&s| boxes[s].rect.width)
        .fold(0.0f32, f32::max);
    for &s in &sections {
        boxes[s].rect.width = spine_width;
    }
    let strips = strip::strips(&bands, &boxes);

    // The title, the subtitle, the learner's progress, the bus, then the
    // strips.
    let title = roadmap.title();
    let title_height = title.map_or(0.0, |t| boxes[t].rect.height);
    let subtitle_top = MARGIN + title_height + 4.0;
    let progress_text = super::progress_line(roadmap);
    let progress_top = subtitle_top + text::line_height(SUBTITLE_SIZE) + 2.0;
    let spine_start = match &progress_text {
        Some(_) => progress_top + text::line_height(scene::PROGRESS_SIZE) + 4.0,
        None => subtitle_top + text::line_height(SUBTITLE_SIZE) + 4.0,
    };
    let bus_y = spine_start + TITLE_GAP / 2.0;
    let strips_top = spine_start + TITLE_GAP;
    let mut frame = place::place(roadmap, &bands, &strips, strips_top, &mut boxes);

    // Horizontal runs stay below the bus and never cross a strip's main
    // path: they go around below the strip.
    let route_top = bus_y + lanes::RUN;
    for (sections, strip) in frame.spines.iter().zip(&strips) {
        if let Some(&last) = sections.last()
            && let Some(Some(c)) = frame.column_of.get(last)
        {
            let bottom = strips_top + strip.height;
            let col = &mut frame.columns[*c];
            col.spans.push((route_top - 2.0 * CLEARANCE, bottom));
            col.spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        }
    }
    let content_bottom = strips_top + strips.iter().map(|s| s.height).fold(0.0f32, f32::max);

    // Prerequisites: ports, routes, then wider channels.
    let prereqs: Vec<(usize, usize)> = roadmap.prerequisites().map(|(a, b, _)| (a, b)).collect();
    let outer_ok = route::outer_routes_pay(&frame, &prereqs, boxes.len());
    let sides: Vec<Option<(bool, bool)>> = prereqs
        .iter()
        .map(|&(a, b)| route::sides(&frame, &boxes, a, b, outer_ok))
        .collect();
    let ports = ports::Ports::new(&boxes, &frame, &prereqs, &sides);
    let route_bottom = content_bottom + SPINE_GAP + (prereqs.len() + 4) as f32 * lanes::RUN;
    let (routes, lane_counts) = {
        let gaps = gaps::Gaps::new(&frame.columns, route_top, route_bottom);
        route::route_all(&frame, &gaps, &prereqs, &sides, &ports, MARGIN)
    };
    let channels = widen::widen(&mut frame, &mut boxes, &lane_counts, MARGIN);
    let mut edges = connect::connectors(&frame, &boxes, &ports);
    edges.extend(routes.iter().map(|r| SceneEdge {
        kind: scene::EdgeKind::Prerequisite,
        from: r.from,
        to: r.to,
        points: channels.points(&r.points, &boxes),
        curve: scene::Curve::Polyline,
        arrow: true,
    }));

    // Centre the content under the title: a single strip's main path on
    // the centre line.
    let content = scene::bounds(boxes.iter().filter(|b| b.role != Role::Title), &edges);
    let centre = match frame.spines.as_slice() {
        [one] => one
            .first()
            .map_or(content.center().x, |&s| boxes[s].rect.center().x),
        _ => content.center().x,
    };
    let subtitle_text = roadmap.caption();
    let subtitle_width = text::width(&subtitle_text, SUBTITLE_SIZE, text::Weight::Regular);
    let progress_width = progress_text.as_deref().map_or(0.0, |p| {
        text::width(p, scene::PROGRESS_SIZE, text::Weight::Regular)
    });
    let half = (centre - content.x)
        .max(content.right() - centre)
        .max(title.map_or(0.0, |t| boxes[t].rect.width / 2.0))
        .max(subtitle_width / 2.0)
        .max(progress_width / 2.0)
        .max(0.0)
        .ceil();
    let dx = (MARGIN + half - centre).round();
    shift_x(&mut boxes, &mut edges, dx, title);
    let mid = MARGIN + half;
    if let Some(t) = title {
        let r = &mut boxes[t].rect;
        r.x = (mid - r.width / 2.0).round();
        r.y = MARGIN;
    }
    edges.extend(spine::spine(
        &boxes,
        title.map(|t| (t, spine_start)),
        &frame.spines,
        bus_y,
    ));

    // The legend, under everything.
    let bottom = scene::bounds(&boxes, &edges).bottom().max(content_bottom);
    let legend_top = bottom + SPINE_GAP;
    let inner_width = 2.0 * half;
    let items = scene::legend_items(&boxes, &edges);
    let legend = (!items.is_empty())
        .then(|| scene::legend(&items, MARGIN, legend_top, 12.0, inner_width.max(360.0)));
    let (legend_width, legend_bottom) = legend
        .as_ref()
        .map_or((0.0, bottom), |l| (l.rect.width, l.rect.bottom()));
    let mut width = (MARGIN + inner_width.max(legend_width) + MARGIN).ceil();
    let mut height = (legend_bottom + MARGIN).ceil();

    // Keep the canvas between 1:3 and 3:1 whatever the outline.
    let mut shift = Point::new(0.0, 0.0);
    if height > 3.0 * width {
        let w = (height / 3.0).ceil();
        shift.x = ((w - width) / 2.0).round();
        width = w;
    } else if width > 3.0 * height {
        let h = (width / 3.0).ceil();
        shift.y = ((h - height) / 2.0).round();
        height = h;
    }
    let mut scene = Scene {
        width,
        height,
        layout: "poster",
        boxes,
        edges,
        subtitle: Some((Point::new(mid, subtitle_top), subtitle_text)),
        progress: progress_text.map(|p| (Point::new(mid, progress_top), p)),
        legend,
        font_size: super::metrics(Role::Topic).font_size,
    };
    if shift != Point::new(0.0, 0.0) {
        translate(&mut scene, shift);
    }
    scene
}

/// Moves every box but the title, and every edge, right by `dx`.
fn shift_x(boxes: &mut [SceneBox], edges: &mut [SceneEdge], dx: f32, title: Option<usize>) {
    for (i, b) in boxes.iter_mut().enumerate() {
        if Some(i) != title {
            b.rect.x += dx;
        }
    }
    for e in edges {
        for p in &mut e.points {
            p.x += dx;
        }
    }
}

/// Moves everything in the scene by `d` (the canvas size stays).
fn translate(scene: &mut Scene, d: Point) {
    for b in &mut scene.boxes {
        b.rect.x += d.x;
        b.rect.y += d.y;
    }
    for e in &mut scene.edges {
        for p in &mut e.points {
            p.x += d.x;
            p.y += d.y;
        }
    }
    for (p, _) in scene.subtitle.iter_mut().chain(&mut scene.progress) {
        p.x += d.x;
        p.y += d.y;
    }
    if let Some(l) = &mut scene.legend {
        l.rect.x += d.x;
        l.rect.y += d.y;
        for (_, r) in &mut l.items {
            r.x += d.x;
            r.y += d.y;
        }
    }
}
