//! The poster layout, in the spirit of roadmap.sh.
//!
//! The title sits on top; the sections run down a main path (the *spine*)
//! in outline order, joined by a solid line. Each section's topics form a
//! column beside it, on whichever side is shorter so far, so the two sides
//! interleave and the poster stays compact; a topic's deeper subtopics
//! stack beside it, indented by depth. Dotted connectors join parents and
//! children; prerequisites are orthogonal arrows routed through the empty
//! channels between columns and across free horizontal gaps, so no edge
//! crosses a box. An outline too long for one spine wraps into several
//! strips side by side, keeping the canvas between 1:3 and 3:1.
//!
//! Everything is linear in the number of topics except prerequisite
//! routing, which is O(p · log n) per blocked crossing.

use super::{role, sized_box};
use crate::roadmap::Roadmap;
use crate::scene::{self, Curve, EdgeKind, Point, Rect, Role, Scene, SceneBox, SceneEdge};
use crate::text;

/// Outer margin of the canvas.
const MARGIN: f32 = 40.0;
/// Vertical gap between consecutive section boxes on the spine.
const SPINE_GAP: f32 = 36.0;
/// Vertical gap between two sections' topic columns on the same side.
const BAND_GAP: f32 = 28.0;
/// Vertical gap between topic rows.
const ROW_GAP: f32 = 12.0;
/// Vertical gap between stacked subtopics.
const STACK_GAP: f32 = 6.0;
/// Horizontal gap between the spine and a topic column.
const SPINE_CHANNEL: f32 = 64.0;
/// Horizontal gap between a topic column and its subtopic column.
const SUB_CHANNEL: f32 = 44.0;
/// Horizontal gap between strips.
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Left,
    Right,
}

/// A topic and its stacked descendants, positioned relative to the row.
struct Row {
    topic: usize,
    /// Height of the row.
    height: f32,
    /// y of the topic box within the row.
    topic_y: f32,
    /// Descendants in outline order: (topic, indent level, y within row).
    stack: Vec<(usize, usize, f32)>,
    /// Width of the stack including indentation.
    stack_width: f32,
}

/// A section with its topic rows, not yet placed.
struct Band {
    section: usize,
    rows: Vec<Row>,
    /// Height of the topic column.
    height: f32,
    /// Width of the topic boxes (uniform within the band).
    topic_width: f32,
}

/// A band placed in a strip.
struct Placed {
    band: usize,
    side: Side,
    /// y of the section box and of the top of the topic column.
    y: f32,
}

/// One strip: a spine with columns on either side.
struct Strip {
    placed: Vec<Placed>,
    height: f32,
    /// Column widths: left sub, left topic, spine, right topic, right sub.
    widths: [f32; 5],
}

impl Strip {
    /// The x of each column's left edge, relative to the strip, and the
    /// strip's width. Empty columns take no room and no gap.
    fn columns(&self) -> ([f32; 5], f32) {
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

/// Lays out a poster.
///
/// ```
/// use roadmapper::{load, Input};
/// let roadmap = load(&Input::new("r.txt", "Roadmap\n  Basics\n    HTTP\n  APIs\n    REST\n"), &[]).unwrap();
/// let scene = roadmapper::layout::poster::layout(&roadmap);
/// assert_eq!(scene.boxes.len(), 5);
/// ```
pub fn layout(roadmap: &Roadmap) -> Scene {
    let n = roadmap.len();
    let mut boxes: Vec<SceneBox> = (0..n)
        .map(|i| sized_box(roadmap, i, role(roadmap, i)))
        .collect();
    let sections = roadmap.sections();
    let bands: Vec<Band> = sections
        .iter()
        .map(|&s| band(roadmap, &mut boxes, s))
        .collect();
    let spine_width = sections
        .iter()
        .map(|&s| boxes[s].rect.width)
        .fold(0.0f32, f32::max);
    for &s in &sections {
        boxes[s].rect.width = spine_width;
    }

    // One strip first; wrap when it is too tall for its width.
    let all: Vec<usize> = (0..bands.len()).collect();
    let single = place_strip(&bands, &all, &boxes);
    let (_, single_width) = single.columns();
    let mut strips = vec![(all, single)];
    if single_width > 0.0 && strips[0].1.height > MAX_RATIO * single_width {
        let k = ((strips[0].1.height / (single_width * TARGET_RATIO))
            .sqrt()
            .round() as usize)
            .clamp(2, bands.len().max(2));
        strips = split(&bands, &boxes, k);
    }

    // The title and the subtitle.
    let title = roadmap.title();
    let mut top = MARGIN;
    let title_size = title.map(|t| boxes[t].rect);
    if let Some(r) = title_size {
        top += r.height;
    }
    let subtitle_text = roadmap.caption();
    let subtitle_size = 13.0;
    let subtitle_width = text::width(&subtitle_text, subtitle_size, text::Weight::Regular);
    let subtitle_top = top + 4.0;
    let spine_start = subtitle_top + text::line_height(subtitle_size) + 4.0;
    top = spine_start + TITLE_GAP;

    // Strips side by side.
    let strip_sizes: Vec<(f32, f32)> = strips
        .iter()
        .map(|(_, s)| (s.columns().1, s.height))
        .collect();
    // One strip: put its spine on the canvas's centre line, under the
    // title, by padding the shorter side.
    let mut pad_left = 0.0;
    let mut strip_sizes = strip_sizes;
    if let [(_, strip)] = strips.as_slice() {
        let (xs, w) = strip.columns();
        let left_half = xs[2] + strip.widths[2] / 2.0;
        let right_half = w - left_half;
        pad_left = (right_half - left_half).max(0.0);
        strip_sizes[0].0 = 2.0 * left_half.max(right_half);
    }
    let content_width = strip_sizes.iter().map(|s| s.0).sum::<f32>()
        + STRIP_GAP * (strips.len().saturating_sub(1)) as f32;
    let content_height = strip_sizes.iter().map(|s| s.1).fold(0.0f32, f32::max);
    let inner_width = content_width
        .max(title_size.map_or(0.0, |r| r.width))
        .max(subtitle_width);
    // A channel above the strips carries the spine from strip to strip.
    let wrap_channel = if strips.len() > 1 { SPINE_GAP } else { 0.0 };
    let strips_top = top + wrap_channel;
    let strips_left = MARGIN + ((inner_width - content_width) / 2.0).round();

    let mut columns: Vec<Column> = Vec::new();
    let mut edges: Vec<SceneEdge> = Vec::new();
    let mut spine_path: Vec<(usize, f32)> = Vec::new();
    let mut x = strips_left + pad_left;
    for ((members, strip), &(width, _)) in strips.iter().zip(&strip_sizes) {
        let _ = members;
        position_strip(
            roadmap,
            &bands,
            strip,
            x,
            strips_top,
            &mut boxes,
            &mut columns,
            &mut edges,
        );
        let (xs, _) = strip.columns();
        spine_path.push((strip.placed.len(), x + xs[2] + strip.widths[2] / 2.0));
        x += width + STRIP_GAP;
    }
    let bottom = strips_top + content_height;

    if let Some(t) = title {
        let r = &mut boxes[t].rect;
        r.x = MARGIN + ((inner_width - r.width) / 2.0).round();
        r.y = MARGIN;
    }

    // The spine: title, then every section in order, strip after strip.
    let order: Vec<usize> = strips
        .iter()
        .flat_map(|(_, s)| s.placed.iter().map(|p| bands[p.band].section))
        .collect();
    // The spine leaves the title under the subtitle and, when the spine
    // column is not under the title or strips wrap, runs along a channel
    // above the strips.
    let channel_y = if strips.len() > 1 {
        top + SPINE_GAP / 2.0
    } else {
        (spine_start + top) / 2.0
    };
    spine(
        &boxes,
        title.map(|t| (t, spine_start)),
        &order,
        &strips,
        channel_y,
        bottom + SPINE_GAP / 2.0,
        &mut edges,
    );

    // Prerequisites, routed between columns.
    columns.sort_by(|a, b| a.x.total_cmp(&b.x));
    for c in &mut columns {
        c.spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    }
    let routes = Router::new(&columns, &boxes, top - TITLE_GAP / 2.0, bottom + SPINE_GAP);
    let prereqs: Vec<(usize, usize)> = roadmap.prerequisites().map(|(a, b, _)| (a, b)).collect();
    edges.extend(routes.route_all(&prereqs));

    // The legend, under everything.
    let legend_top = bottom + SPINE_GAP + if strips.len() > 1 { SPINE_GAP } else { 0.0 };
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
        subtitle: Some((
            Point::new(MARGIN + inner_width / 2.0, subtitle_top),
            subtitle_text,
        )),
        legend,
        font_size: super::metrics(Role::Topic).font_size,
    };
    if shift != Point::new(0.0, 0.0) {
        translate(&mut scene, shift);
    }
    scene
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
    if let Some((p, _)) = &mut scene.subtitle {
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

/// Builds a section's rows: each child topic with its descendants stacked.
fn band(roadmap: &Roadmap, boxes: &mut [SceneBox], section: usize) -> Band {
    let mut rows = Vec::new();
    let topics: Vec<usize> = roadmap.children(section).collect();
    let topic_width = topics
        .iter()
        .map(|&t| boxes[t].rect.width)
        .fold(0.0f32, f32::max);
    let mut height = 0.0;
    for &t in &topics {
        boxes[t].rect.width = topic_width;
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
        // Uniform right (or left) edges: widen each box to the stack width.
        for &(d, level, _) in &stack {
            boxes[d].rect.width = stack_width - level as f32 * INDENT;
        }
        let topic_height = boxes[t].rect.height;
        let row_height = topic_height.max(stack_height);
        let topic_y = ((row_height - topic_height) / 2.0).round();
        let stack_y = ((row_height - stack_height) / 2.0).round();
        for s in &mut stack {
            s.2 += stack_y;
        }
        if !rows.is_empty() {
            height += ROW_GAP;
        }
        rows.push(Row {
            topic: t,
            height: row_height,
            topic_y,
            stack,
            stack_width,
        });
        height += row_height;
    }
    Band {
        section,
        rows,
        height,
        topic_width,
    }
}

/// Places the given bands down one spine, each on the shorter side.
fn place_strip(bands: &[Band], members: &[usize], boxes: &[SceneBox]) -> Strip {
    let mut spine_bottom: Option<f32> = None;
    let mut side_bottom = [f32::NEG_INFINITY; 2];
    let mut last = Side::Right;
    let mut placed = Vec::with_capacity(members.len());
    let mut widths = [0.0f32; 5];
    let mut height = 0.0f32;
    for &b in members {
        let band = &bands[b];
        let section_height = boxes[band.section].rect.height;
        let side = if band.rows.is_empty() {
            last
        } else if side_bottom[0] < side_bottom[1]
            || (side_bottom[0] == side_bottom[1] && last == Side::Right)
        {
            Side::Left
        } else {
            Side::Right
        };
        let s = if side == Side::Left { 0 } else { 1 };
        let mut y = spine_bottom.map_or(0.0, |b| b + SPINE_GAP);
        if !band.rows.is_empty() {
            y = y.max(side_bottom[s] + BAND_GAP);
            side_bottom[s] = y + band.height;
            last = side;
            let (topic_col, sub_col) = if side == Side::Left { (1, 0) } else { (3, 4) };
            widths[topic_col] = widths[topic_col].max(band.topic_width);
            for r in &band.rows {
                widths[sub_col] = widths[sub_col].max(r.stack_width);
            }
        }
        spine_bottom = Some(y + section_height);
        widths[2] = widths[2].max(boxes[band.section].rect.width);
        height = height.max(y + section_height).max(y + band.height);
        placed.push(Placed { band: b, side, y });
    }
    Strip {
        placed,
        height,
        widths,
    }
}

/// Splits the bands into `k` consecutive strips of similar height.
fn split(bands: &[Band], boxes: &[SceneBox], k: usize) -> Vec<(Vec<usize>, Strip)> {
    // Weigh each band by the height it adds to a strip: about half its
    // column (the sides share the height) or its section box.
    let weight: Vec<f32> = bands
        .iter()
        .map(|b| (b.height / 2.0).max(boxes[b.section].rect.height) + SPINE_GAP)
        .collect();
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
        .into_iter()
        .map(|g| {
            let strip = place_strip(bands, &g, boxes);
            (g, strip)
        })
        .collect()
}

/// A column of boxes, for routing: its x range and the y spans of its boxes.
#[derive(Debug)]
struct Column {
    x: f32,
    right: f32,
    /// (top, bottom) of each box, sorted.
    spans: Vec<(f32, f32)>,
}

/// Gives the boxes of one strip their final positions, records the columns
/// and adds the section–topic and topic–subtopic connectors.
#[allow(clippy::too_many_arguments)]
fn position_strip(
    roadmap: &Roadmap,
    bands: &[Band],
    strip: &Strip,
    left: f32,
    top: f32,
    boxes: &mut [SceneBox],
    columns: &mut Vec<Column>,
    edges: &mut Vec<SceneEdge>,
) {
    let (xs, _) = strip.columns();
    let first = columns.len();
    for (x, w) in xs.iter().zip(strip.widths) {
        columns.push(Column {
            x: left + x,
            right: left + x + w,
            spans: Vec::new(),
        });
    }
    let spine_x = left + xs[2];
    for p in &strip.placed {
        let band = &bands[p.band];
        let section = band.section;
        let y = top + p.y;
        boxes[section].rect.x = spine_x;
        boxes[section].rect.y = y;
        let sr = boxes[section].rect;
        columns[first + 2].spans.push((sr.y, sr.bottom()));
        let (topic_col, sub_col) = if p.side == Side::Left { (1, 0) } else { (3, 4) };
        let topic_left = left + xs[topic_col];
        let topic_right = topic_left + strip.widths[topic_col];
        let sub_left = left + xs[sub_col];
        let sub_right = sub_left + strip.widths[sub_col];
        let mut row_y = y;
        for row in &band.rows {
            let t = row.topic;
            let w = boxes[t].rect.width;
            boxes[t].rect.x = if p.side == Side::Left {
                topic_right - w
            } else {
                topic_left
            };
            boxes[t].rect.y = row_y + row.topic_y;
            let tr = boxes[t].rect;
            columns[first + topic_col].spans.push((tr.y, tr.bottom()));
            edges.push(side_connector(
                &sr,
                &tr,
                p.side,
                EdgeKind::Contains,
                section,
                t,
            ));
            for &(d, level, dy) in &row.stack {
                let indent = level as f32 * INDENT;
                let w = boxes[d].rect.width;
                boxes[d].rect.x = if p.side == Side::Left {
                    sub_right - indent - w
                } else {
                    sub_left + indent
                };
                boxes[d].rect.y = row_y + dy;
                let dr = boxes[d].rect;
                columns[first + sub_col].spans.push((dr.y, dr.bottom()));
                let parent = roadmap.parent(d).unwrap_or(t);
                if parent == t {
                    edges.push(side_connector(&tr, &dr, p.side, EdgeKind::Contains, t, d));
                } else {
                    edges.push(indent_connector(
                        &boxes[parent].rect,
                        &dr,
                        p.side,
                        parent,
                        d,
                    ));
                }
            }
            row_y += row.height + ROW_GAP;
        }
    }
}

/// A dotted S-curve from the outer side of `from` to the inner side of `to`.
fn side_connector(
    from: &Rect,
    to: &Rect,
    side: Side,
    kind: EdgeKind,
    a: usize,
    b: usize,
) -> SceneEdge {
    let (sx, tx) = match side {
        Side::Right => (from.right(), to.x),
        Side::Left => (from.x, to.right()),
    };
    let sy = from.y + from.height / 2.0;
    let ty = to.y + to.height / 2.0;
    let mid = (sx + tx) / 2.0;
    SceneEdge {
        kind,
        from: a,
        to: b,
        points: vec![
            Point::new(sx, sy),
            Point::new(mid, sy),
            Point::new(mid, ty),
            Point::new(tx, ty),
        ],
        curve: Curve::Bezier,
        arrow: false,
    }
}

/// An elbow from an indented stack parent down to its child: along the
/// parent's inner edge, where only deeper-indented boxes lie beside it.
fn indent_connector(parent: &Rect, child: &Rect, side: Side, a: usize, b: usize) -> SceneEdge {
    let x = match side {
        Side::Right => parent.x + INDENT / 2.0,
        Side::Left => parent.right() - INDENT / 2.0,
    };
    let end_x = match side {
        Side::Right => child.x,
        Side::Left => child.right(),
    };
    let y = child.y + child.height / 2.0;
    SceneEdge {
        kind: EdgeKind::Contains,
        from: a,
        to: b,
        points: vec![
            Point::new(x, parent.bottom()),
            Point::new(x, y),
            Point::new(end_x, y),
        ],
        curve: Curve::Polyline,
        arrow: false,
    }
}

/// The spine: title to first section, section to section; across strips
/// it drops below the strip, climbs the gap between strips and runs along
/// the channel above them.
fn spine(
    boxes: &[SceneBox],
    title: Option<(usize, f32)>,
    order: &[usize],
    strips: &[(Vec<usize>, Strip)],
    channel_y: f32,
    bottom_channel: f32,
    edges: &mut Vec<SceneEdge>,
) {
    let mut prev: Option<usize> = title.map(|t| t.0);
    let mut at = 0;
    for (si, (_, strip)) in strips.iter().enumerate() {
        for k in 0..strip.placed.len() {
            let s = order[at];
            at += 1;
            let r = boxes[s].rect;
            let cx = r.x + r.width / 2.0;
            let Some(p) = prev else {
                prev = Some(s);
                continue;
            };
            let mut pr = boxes[p].rect;
            if let Some((t, start)) = title
                && t == p
            {
                pr.height = start - pr.y;
            }
            let px = pr.x + pr.width / 2.0;
            let points = if k > 0 {
                vec![Point::new(px, pr.bottom()), Point::new(cx, r.y)]
            } else if si == 0 || boxes[p].role == Role::Title {
                if (px - cx).abs() < 0.5 {
                    vec![Point::new(px, pr.bottom()), Point::new(cx, r.y)]
                } else {
                    vec![
                        Point::new(px, pr.bottom()),
                        Point::new(px, channel_y),
                        Point::new(cx, channel_y),
                        Point::new(cx, r.y),
                    ]
                }
            } else {
                // From the last section of the previous strip: down below
                // it, across into the gap between strips, up to the channel
                // above the strips, across and down into this strip.
                let gap_x = r.x - strip.columns().0[2] - STRIP_GAP / 2.0;
                vec![
                    Point::new(px, pr.bottom()),
                    Point::new(px, bottom_channel),
                    Point::new(gap_x, bottom_channel),
                    Point::new(gap_x, channel_y),
                    Point::new(cx, channel_y),
                    Point::new(cx, r.y),
                ]
            };
            edges.push(SceneEdge {
                kind: EdgeKind::Spine,
                from: p,
                to: s,
                points,
                curve: Curve::Polyline,
                arrow: false,
            });
            prev = Some(s);
        }
    }
}

/// Routes prerequisite arrows through the channels between columns.
struct Router<'a> {
    columns: &'a [Column],
    boxes: &'a [SceneBox],
    /// Which column each topic's box is in.
    column_of: Vec<Option<usize>>,
    /// y limits for horizontal runs.
    top: f32,
    bottom: f32,
    /// Free y gaps of column ranges, as a segment tree: node 1 covers all
    /// columns, node k's children are 2k and 2k + 1, and a node's gaps are
    /// the intersection of its children's. A range's gaps are then the
    /// intersection of O(log columns) nodes, so routing stays near-linear
    /// however many columns an edge crosses.
    tree: Vec<Vec<(f32, f32)>>,
    /// Leaves of [`Router::tree`]: a power of two.
    leaves: usize,
    /// Free gaps per crossed column range (see [`Router::gaps`]).
    gaps: std::cell::RefCell<GapCache>,
}

/// Free y gaps per range of crossed columns.
type GapCache = rustc_hash::FxHashMap<(usize, usize), std::rc::Rc<Vec<(f32, f32)>>>;

/// The free y intervals between `top` and `bottom` that stay
/// [`CLEARANCE`] away from every span, sorted (spans sorted by start).
fn free_between(spans: impl Iterator<Item = (f32, f32)>, top: f32, bottom: f32) -> Vec<(f32, f32)> {
    let mut free = Vec::new();
    let mut at = top;
    for (a, b) in spans.map(|(a, b)| (a - CLEARANCE, b + CLEARANCE)) {
        if a > at {
            free.push((at, a.min(bottom)));
        }
        at = at.max(b);
        if at >= bottom {
            break;
        }
    }
    if at < bottom {
        free.push((at, bottom));
    }
    free.retain(|&(a, b)| b > a);
    free
}

/// The intervals free in both sorted lists of disjoint intervals.
fn intersect(x: &[(f32, f32)], y: &[(f32, f32)]) -> Vec<(f32, f32)> {
    let mut out = Vec::with_capacity(x.len().min(y.len()));
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        let (a, b) = (x[i].0.max(y[j].0), x[i].1.min(y[j].1));
        if b > a {
            out.push((a, b));
        }
        if x[i].1 < y[j].1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// Clearance kept between a routed line and a box.
const CLEARANCE: f32 = 4.0;
/// Spacing of parallel lanes in a channel.
const LANE: f32 = 4.0;

impl<'a> Router<'a> {
    fn new(columns: &'a [Column], boxes: &'a [SceneBox], top: f32, bottom: f32) -> Router<'a> {
        let mut column_of = vec![None; boxes.len()];
        for (i, b) in boxes.iter().enumerate() {
            let cx = b.rect.x + b.rect.width / 2.0;
            // Columns are sorted by x and do not overlap: the first that
            // holds cx is at or after the first ending at or after cx.
            let start = columns.partition_point(|c| c.right < cx);
            column_of[i] = columns[start..]
                .iter()
                .take_while(|c| c.x <= cx)
                .position(|c| cx <= c.right && c.right > c.x)
                .map(|k| start + k);
        }
        let leaves = columns.len().next_power_of_two();
        let mut tree = vec![vec![(top, bottom)]; 2 * leaves];
        for (k, c) in columns.iter().enumerate() {
            if c.right > c.x {
                tree[leaves + k] = free_between(c.spans.iter().copied(), top, bottom);
            }
        }
        for k in (1..leaves).rev() {
            tree[k] = intersect(&tree[2 * k], &tree[2 * k + 1]);
        }
        Router {
            columns,
            boxes,
            column_of,
            top,
            bottom,
            tree,
            leaves,
            gaps: Default::default(),
        }
    }

    /// The x range of the free channel left (`right == false`) or right of
    /// column `c`.
    fn channel(&self, c: usize, right: bool) -> (f32, f32) {
        let col = &self.columns[c];
        if right {
            let next = self.columns[c + 1..]
                .iter()
                .find(|n| n.right > n.x)
                .map_or(col.right + MARGIN, |n| n.x);
            (col.right, next)
        } else {
            let prev = self.columns[..c]
                .iter()
                .rev()
                .find(|n| n.right > n.x)
                .map_or(col.x - MARGIN, |n| n.right);
            (prev, col.x)
        }
    }

    /// The free y intervals where a horizontal line may cross every
    /// column strictly between x0 and x1 without coming within
    /// [`CLEARANCE`] of a box, sorted; computed once per column range.
    fn gaps(&self, x0: f32, x1: f32) -> std::rc::Rc<Vec<(f32, f32)>> {
        let (lo, hi) = (x0.min(x1), x0.max(x1));
        // Columns are sorted by x and do not overlap: the crossed ones are
        // a contiguous range.
        let first = self.columns.partition_point(|c| c.right <= lo);
        let end = self.columns.partition_point(|c| c.x < hi);
        let key = (first, end.max(first));
        if let Some(g) = self.gaps.borrow().get(&key) {
            return g.clone();
        }
        // The canonical nodes covering the range, intersected.
        let mut free = vec![(self.top, self.bottom)];
        let (mut lo, mut hi) = (key.0 + self.leaves, key.1 + self.leaves);
        while lo < hi {
            if lo & 1 == 1 {
                free = intersect(&free, &self.tree[lo]);
                lo += 1;
            }
            if hi & 1 == 1 {
                hi -= 1;
                free = intersect(&free, &self.tree[hi]);
            }
            lo /= 2;
            hi /= 2;
        }
        free.retain(|&(a, b)| b > a);
        let free = std::rc::Rc::new(free);
        self.gaps.borrow_mut().insert(key, free.clone());
        free
    }

    /// The y nearest to `want` where a horizontal line crosses the columns
    /// strictly between x0 and x1 without touching a box: `want` itself
    /// when free, else a point inside the nearest free gap (its middle when
    /// the gap is narrow).
    fn free_y(&self, x0: f32, x1: f32, want: f32) -> f32 {
        let gaps = self.gaps(x0, x1);
        let i = gaps.partition_point(|g| g.1 < want);
        let inside = |g: (f32, f32)| {
            let m = ((g.1 - g.0) / 2.0).min(CLEARANCE);
            want.clamp(g.0 + m, g.1 - m)
        };
        let after = gaps.get(i).map(|&g| inside(g));
        let before = i
            .checked_sub(1)
            .and_then(|j| gaps.get(j))
            .map(|&g| inside(g));
        match (before, after) {
            (Some(b), Some(a)) if (want - b).abs() < (a - want).abs() => b,
            (_, Some(a)) => a,
            (Some(b), None) => b,
            (None, None) => self.bottom,
        }
    }

    fn route_all(&self, prereqs: &[(usize, usize)]) -> Vec<SceneEdge> {
        // Spread the ports of each box side over its height.
        let mut outs = vec![0usize; self.boxes.len()];
        let mut ins = vec![0usize; self.boxes.len()];
        let mut slots = Vec::with_capacity(prereqs.len());
        for &(a, b) in prereqs {
            slots.push((outs[a], ins[b]));
            outs[a] += 1;
            ins[b] += 1;
        }
        let port = |i: usize, k: usize, r: &Rect| -> f32 {
            (r.y + r.height * (i as f32 + 1.0) / (k as f32 + 1.0)).round()
        };
        let mut lanes = Lanes::default();
        let mut runs = Runs::default();
        prereqs
            .iter()
            .enumerate()
            .filter_map(|(e, &(a, b))| {
                let (ca, cb) = (self.column_of[a]?, self.column_of[b]?);
                let ra = self.boxes[a].rect;
                let rb = self.boxes[b].rect;
                let ya = port(slots[e].0, outs[a], &ra);
                let yb = port(slots[e].1, ins[b], &rb);
                // Leave towards the target; within one column, use the
                // side away from the spine of the strip.
                let a_right = if ca == cb { ca % 5 >= 2 } else { ca < cb };
                let b_right = if ca == cb { a_right } else { cb < ca };
                let ch_a = self.channel(ca, a_right);
                let ch_b = self.channel(cb, b_right);
                let start = Point::new(if a_right { ra.right() } else { ra.x }, ya);
                let end = Point::new(if b_right { rb.right() } else { rb.x }, yb);
                let mut points = vec![start];
                if ch_a == ch_b {
                    let x = lanes.take(ch_a, ya, yb);
                    points.extend([Point::new(x, ya), Point::new(x, yb)]);
                } else {
                    let (mid_a, mid_b) = ((ch_a.0 + ch_a.1) / 2.0, (ch_b.0 + ch_b.1) / 2.0);
                    let yc = self.crossing(mid_a, mid_b, (ya + yb) / 2.0, &runs);
                    runs.add(yc, mid_a.min(mid_b), mid_a.max(mid_b));
                    let xa = lanes.take(ch_a, ya, yc);
                    let xb = lanes.take(ch_b, yc, yb);
                    points.extend([
                        Point::new(xa, ya),
                        Point::new(xa, yc),
                        Point::new(xb, yc),
                        Point::new(xb, yb),
                    ]);
                }
                points.push(end);
                Some(SceneEdge {
                    kind: EdgeKind::Prerequisite,
                    from: a,
                    to: b,
                    points,
                    curve: Curve::Polyline,
                    arrow: true,
                })
            })
            .collect()
    }

    /// A free y for a horizontal run between x0 and x1 near `want`, a few
    /// pixels away from the runs already drawn over the same stretch.
    fn crossing(&self, x0: f32, x1: f32, want: f32, runs: &Runs) -> f32 {
        let (lo, hi) = (x0.min(x1), x0.max(x1));
        let taken = |y: f32| {
            runs.near(y)
                .any(|&(ry, a, b)| (ry - y).abs() < LANE && a < hi && lo < b)
        };
        let first = self.free_y(x0, x1, want);
        if !taken(first) {
            return first;
        }
        for k in 1..=8 {
            for sign in [1.0, -1.0] {
                let y = first + sign * k as f32 * LANE;
                if !taken(y) && self.free_y(x0, x1, y) == y {
                    return y;
                }
            }
        }
        first
    }
}

/// The horizontal runs drawn so far, (y, x0, x1), bucketed by y in steps
/// of [`LANE`]: a run within `LANE` of y is in y's bucket or a neighbour.
#[derive(Default)]
struct Runs {
    buckets: rustc_hash::FxHashMap<i64, Vec<(f32, f32, f32)>>,
}

impl Runs {
    fn bucket(y: f32) -> i64 {
        (y / LANE).floor() as i64
    }

    fn add(&mut self, y: f32, x0: f32, x1: f32) {
        self.buckets
            .entry(Runs::bucket(y))
            .or_default()
            .push((y, x0, x1));
    }

    /// The runs that may lie within [`LANE`] of `y`.
    fn near(&self, y: f32) -> impl Iterator<Item = &(f32, f32, f32)> {
        let b = Runs::bucket(y);
        (b - 1..=b + 1).flat_map(|k| self.buckets.get(&k).into_iter().flatten())
    }
}

/// Vertical lanes in the channels: each edge's vertical run takes the lane
/// nearest the channel's middle that no other run overlaps (by y), so
/// parallel edges never sit on top of each other while there is room.
#[derive(Default)]
struct Lanes {
    /// Per channel (keyed by its left edge): per lane, the y spans taken.
    taken: std::collections::HashMap<u32, Vec<Vec<(f32, f32)>>>,
}

impl Lanes {
    fn take(&mut self, channel: (f32, f32), y0: f32, y1: f32) -> f32 {
        let (x0, x1) = channel;
        let (lo, hi) = (y0.min(y1) - LANE, y0.max(y1) + LANE);
        let count = ((x1 - x0 - 2.0 * CLEARANCE) / LANE).floor().max(1.0) as usize;
        let lanes = self
            .taken
            .entry(x0.to_bits())
            .or_insert_with(|| vec![Vec::new(); count]);
        let free = |spans: &Vec<(f32, f32)>| spans.iter().all(|&(a, b)| b < lo || hi < a);
        // Lanes in order of distance from the middle: 0, +1, -1, +2, ...
        let k = (0..lanes.len())
            .find(|&k| free(&lanes[k]))
            .unwrap_or_else(|| {
                (0..lanes.len())
                    .min_by_key(|&k| lanes[k].len())
                    .unwrap_or(0)
            });
        if let Some(spans) = lanes.get_mut(k) {
            spans.push((lo, hi));
        }
        let step = k.div_ceil(2) as f32;
        let sign = if k % 2 == 1 { 1.0 } else { -1.0 };
        ((x0 + x1) / 2.0 + sign * step * LANE).round()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The free gaps of a column range as they were computed before the
    /// segment tree: every span of every crossed column, sorted, and the
    /// complement of their union.
    fn naive_gaps(
        columns: &[Column],
        range: (usize, usize),
        top: f32,
        bottom: f32,
    ) -> Vec<(f32, f32)> {
        let mut spans: Vec<(f32, f32)> = columns[range.0..range.1]
            .iter()
            .filter(|c| c.right > c.x)
            .flat_map(|c| c.spans.iter().copied())
            .collect();
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        free_between(spans.into_iter(), top, bottom)
    }

    #[test]
    fn segment_tree_gaps_equal_the_union_of_every_crossed_column() {
        // xorshift: many small random layouts, some columns empty or of no
        // width, spans touching, overlapping and outside [top, bottom].
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        for _ in 0..300 {
            let count = 1 + next(12) as usize;
            let columns: Vec<Column> = (0..count)
                .map(|k| {
                    let x = k as f32 * 100.0;
                    let mut spans: Vec<(f32, f32)> = (0..next(6))
                        .map(|_| {
                            let a = next(600) as f32 - 50.0;
                            (a, a + 1.0 + next(80) as f32)
                        })
                        .collect();
                    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
                    let width = if next(5) == 0 { 0.0 } else { 80.0 };
                    Column {
                        x,
                        right: x + width,
                        spans,
                    }
                })
                .collect();
            let (top, bottom) = (0.0, 500.0);
            let router = Router::new(&columns, &[], top, bottom);
            for first in 0..=count {
                for end in first..=count {
                    let (x0, x1) = (first as f32 * 100.0 - 10.0, end as f32 * 100.0 - 10.0);
                    let got = router.gaps(x0, x1);
                    let lo = columns.partition_point(|c| c.right <= x0.min(x1));
                    let hi = columns.partition_point(|c| c.x < x0.max(x1)).max(lo);
                    let want = naive_gaps(&columns, (lo, hi), top, bottom);
                    assert_eq!(*got, want, "columns {lo}..{hi} of {columns:?}");
                }
            }
        }
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
                if (y - probe).abs() < LANE {
                    assert!(near.contains(&y), "{y} is within a lane of {probe}");
                }
            }
        }
    }
}
