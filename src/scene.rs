//! The renderer-neutral scene: what a layout engine produces and every
//! geometric exporter (SVG, PNG, JSON geometry, DOT positions) reads.
//!
//! Coordinates are pixels at scale 1, y down, origin at the top-left corner
//! of the canvas. Nothing downstream of a [`Scene`] measures text or moves a
//! box; the exporters only translate it.

use crate::outline::TaskState;
use crate::text::{self, Weight};

/// A point in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// Pixels from the left edge.
    pub x: f32,
    /// Pixels from the top edge.
    pub y: f32,
}

impl Point {
    /// A point.
    pub fn new(x: f32, y: f32) -> Point {
        Point { x, y }
    }
}

/// An axis-aligned rectangle: top-left corner and size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
}

impl Rect {
    /// A rectangle from its top-left corner and size.
    pub fn new(x: f32, y: f32, width: f32, height: f32) -> Rect {
        Rect {
            x,
            y,
            width,
            height,
        }
    }

    /// Right edge.
    pub fn right(&self) -> f32 {
        self.x + self.width
    }

    /// Bottom edge.
    pub fn bottom(&self) -> f32 {
        self.y + self.height
    }

    /// The centre.
    pub fn center(&self) -> Point {
        Point::new(self.x + self.width / 2.0, self.y + self.height / 2.0)
    }

    /// Whether the two rectangles share interior points (touching edges do
    /// not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// Whether the segment from `a` to `b` passes through the interior of
    /// the rectangle shrunk by `inset` on every side.
    pub fn crossed_by(&self, a: Point, b: Point, inset: f32) -> bool {
        let (x0, y0) = (self.x + inset, self.y + inset);
        let (x1, y1) = (self.right() - inset, self.bottom() - inset);
        if x0 >= x1 || y0 >= y1 {
            return false;
        }
        // Liang-Barsky clipping of the segment against the open rectangle.
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let mut t0 = 0.0f32;
        let mut t1 = 1.0f32;
        for (p, q) in [
            (-dx, a.x - x0),
            (dx, x1 - a.x),
            (-dy, a.y - y0),
            (dy, y1 - a.y),
        ] {
            if p == 0.0 {
                if q <= 0.0 {
                    return false;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
            }
        }
        t0 < t1
    }
}

/// What a box stands for; each role has its own look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The roadmap's title (its single root).
    Title,
    /// A section: a child of the title, or a root of a forest.
    Section,
    /// A child of a section.
    Topic,
    /// Anything deeper.
    Subtopic,
}

impl Role {
    /// The lowercase name used in JSON and SVG classes.
    pub fn name(self) -> &'static str {
        match self {
            Role::Title => "title",
            Role::Section => "section",
            Role::Topic => "topic",
            Role::Subtopic => "subtopic",
        }
    }
}

/// A mark drawn inside a box for a tag, distinct by shape so it survives
/// black-and-white printing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mark {
    /// `[recommended]`: a filled disc with a tick.
    Recommended,
    /// `[alternative]`: a hollow diamond.
    Alternative,
}

/// How a box is drawn beyond its role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BoxStyle {
    /// `[optional]`: a dashed border.
    pub dashed: bool,
    /// A tag mark at the right end of the box.
    pub mark: Option<Mark>,
    /// Index of the section colour (layouts that colour by section).
    pub accent: Option<usize>,
    /// Drawn faded: a topic from elsewhere that a focused poster's
    /// section needs ([`crate::Roadmap::is_faded`]).
    pub faded: bool,
    /// The learner's state ([`crate::Roadmap::statuses`]), when the
    /// roadmap tracks progress: done has a check badge at the left end
    /// and a calmer fill, learning a half-filled badge, skipped is faded
    /// and struck through, to do is drawn as without progress.
    pub state: Option<TaskState>,
    /// A section's count, topics done of those counted (skipped ones
    /// left out), drawn `4/6` at the right end of the box.
    pub count: Option<(usize, usize)>,
}

impl BoxStyle {
    /// Whether a state badge is drawn at the left end: done or learning.
    pub fn badge(&self) -> Option<TaskState> {
        self.state
            .filter(|s| matches!(s, TaskState::Done | TaskState::Learning))
    }
}

/// A topic drawn as a box with wrapped text.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneBox {
    /// The topic (node index in the roadmap).
    pub topic: usize,
    /// Where the box is.
    pub rect: Rect,
    /// The label, wrapped; each line fits `rect` with the padding.
    pub lines: Vec<String>,
    /// The role.
    pub role: Role,
    /// Tags as drawn.
    pub style: BoxStyle,
    /// Font size in pixels.
    pub font_size: f32,
    /// Font weight.
    pub weight: Weight,
}

impl SceneBox {
    /// The rectangle the text lines occupy (centred in the box).
    pub fn text_rect(&self) -> Rect {
        let lh = text::line_height(self.font_size);
        let height = lh * self.lines.len() as f32;
        let width = self
            .lines
            .iter()
            .map(|l| text::width(l, self.font_size, self.weight))
            .fold(0.0f32, f32::max);
        let (left, right) = self.reserved();
        let inner = self.rect.width - left - right;
        Rect::new(
            self.rect.x + left + (inner - width) / 2.0,
            self.rect.y + (self.rect.height - height) / 2.0,
            width,
            height,
        )
    }

    /// Horizontal room kept out of the text's way at the left end (a
    /// state badge, on every box with a state) and the right end (a
    /// section's count, a tag mark). The text is centred between them, its
    /// padding inside; a section with a state keeps the same room at both
    /// ends, so its label stays centred on the main path.
    pub fn reserved(&self) -> (f32, f32) {
        // Every box with a state keeps the room, badge or not, so a box
        // keeps its size, and the poster its shape, as the learner ticks
        // topics off.
        let left = if self.style.state.is_some() {
            STATE_SPACE
        } else {
            0.0
        };
        let mark = if self.style.mark.is_some() {
            MARK_SPACE
        } else {
            0.0
        };
        let count = self
            .count_text()
            .map_or(0.0, |c| count_width(&c) + COUNT_INSET);
        let right = mark + count;
        if self.role == Role::Section && self.style.state.is_some() {
            let both = left.max(right);
            return (both, both);
        }
        (left, right)
    }

    /// The x of the centre of the text lines.
    pub fn text_center_x(&self) -> f32 {
        let (left, right) = self.reserved();
        self.rect.x + left + (self.rect.width - left - right) / 2.0
    }

    /// Where the tag mark is drawn: centre and radius.
    pub fn mark_circle(&self) -> (Point, f32) {
        let r = MARK_RADIUS;
        (
            Point::new(
                self.rect.right() - MARK_SPACE / 2.0,
                self.rect.y + self.rect.height / 2.0,
            ),
            r,
        )
    }

    /// Where the state badge is drawn, if any: centre and radius (the
    /// badge fits the circle's square).
    pub fn badge_circle(&self) -> Option<(Point, f32)> {
        self.style.badge()?;
        Some((
            Point::new(
                self.rect.x + STATE_SPACE / 2.0 + 1.0,
                self.rect.y + self.rect.height / 2.0,
            ),
            MARK_RADIUS,
        ))
    }

    /// A section's count as drawn: `4/6`.
    pub fn count_text(&self) -> Option<String> {
        self.style
            .count
            .map(|(done, counted)| format!("{done}/{counted}"))
    }

    /// The rectangle a section's count occupies: right-aligned before the
    /// tag mark's room, centred on the box's height, [`COUNT_SIZE`] px
    /// text.
    pub fn count_rect(&self) -> Option<Rect> {
        let text = self.count_text()?;
        let width = count_width(&text);
        let height = text::line_height(COUNT_SIZE);
        let mark = if self.style.mark.is_some() {
            MARK_SPACE
        } else {
            0.0
        };
        Some(Rect::new(
            self.rect.right() - mark - COUNT_INSET - width,
            self.rect.y + (self.rect.height - height) / 2.0,
            width,
            height,
        ))
    }
}

/// The width of a section's count text.
pub fn count_width(count: &str) -> f32 {
    text::width(count, COUNT_SIZE, Weight::Bold)
}

/// Horizontal room reserved at the right end of a box for a tag mark.
pub const MARK_SPACE: f32 = 20.0;
/// Radius of a tag mark.
pub const MARK_RADIUS: f32 = 6.0;
/// Horizontal room reserved at the left end of a box for a state badge.
pub const STATE_SPACE: f32 = 20.0;
/// Font size of a section's count (bold).
pub const COUNT_SIZE: f32 = 12.0;
/// Room between a section's count and the right end of its box (or its
/// tag mark).
pub const COUNT_INSET: f32 = 10.0;
/// Font size of the progress line under the subtitle.
pub const PROGRESS_SIZE: f32 = 14.0;

/// What an edge means in the picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EdgeKind {
    /// The main path joining title and sections (solid).
    Spine,
    /// A parent joined to a child (dotted).
    Contains,
    /// A prerequisite: an arrow from what comes first to what needs it.
    Prerequisite,
}

impl EdgeKind {
    /// The lowercase name used in SVG classes.
    pub fn name(self) -> &'static str {
        match self {
            EdgeKind::Spine => "spine",
            EdgeKind::Contains => "contains",
            EdgeKind::Prerequisite => "prerequisite",
        }
    }
}

/// The shape of an edge's points (JSON's `curve`: `polyline`, `bezier`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Curve {
    /// Straight segments through every point.
    Polyline,
    /// Cubic Bezier: start point, then (control, control, end) triples.
    Bezier,
}

/// An edge drawn between two boxes.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneEdge {
    /// What the edge means.
    pub kind: EdgeKind,
    /// The topic it starts from.
    pub from: usize,
    /// The topic it ends at.
    pub to: usize,
    /// The points; see [`Curve`].
    pub points: Vec<Point>,
    /// How the points are joined.
    pub curve: Curve,
    /// Whether an arrowhead is drawn at the last point.
    pub arrow: bool,
}

impl SceneEdge {
    /// The straight segments that approximate the edge: the polyline
    /// itself, or each Bezier piece flattened into 16 chords.
    pub fn segments(&self) -> Vec<(Point, Point)> {
        let p = &self.points;
        let mut out = Vec::new();
        match self.curve {
            Curve::Polyline => {
                for w in p.windows(2) {
                    out.push((w[0], w[1]));
                }
            }
            Curve::Bezier => {
                let mut i = 0;
                while i + 3 < p.len() {
                    let (a, b, c, d) = (p[i], p[i + 1], p[i + 2], p[i + 3]);
                    let mut prev = a;
                    for s in 1..=16 {
                        let t = s as f32 / 16.0;
                        let u = 1.0 - t;
                        let q = Point::new(
                            u * u * u * a.x
                                + 3.0 * u * u * t * b.x
                                + 3.0 * u * t * t * c.x
                                + t * t * t * d.x,
                            u * u * u * a.y
                                + 3.0 * u * u * t * b.y
                                + 3.0 * u * t * t * c.y
                                + t * t * t * d.y,
                        );
                        out.push((prev, q));
                        prev = q;
                    }
                    i += 3;
                }
            }
        }
        out
    }
}

/// One line of the legend: a sample of something drawn and its meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegendItem {
    /// A box of this role.
    Box(Role),
    /// A box with this mark.
    Mark(Mark),
    /// A dashed (optional) box.
    Optional,
    /// An edge of this kind.
    Edge(EdgeKind),
    /// A faded box: a topic from elsewhere.
    Faded,
    /// A box in this state of the learner's (done, learning, skipped).
    State(TaskState),
}

impl LegendItem {
    /// The text shown next to the sample.
    pub fn label(self) -> &'static str {
        match self {
            LegendItem::Box(Role::Title) => "Title",
            LegendItem::Box(Role::Section) => "Section",
            LegendItem::Box(Role::Topic) => "Topic",
            LegendItem::Box(Role::Subtopic) => "Subtopic",
            LegendItem::Mark(Mark::Recommended) => "Recommended",
            LegendItem::Mark(Mark::Alternative) => "Alternative",
            LegendItem::Optional => "Optional",
            LegendItem::Faded => "Needed, from elsewhere",
            LegendItem::State(TaskState::Done) => "Done",
            LegendItem::State(TaskState::Learning) => "Learning",
            LegendItem::State(TaskState::Skipped) => "Skipped",
            LegendItem::State(TaskState::Todo) => "To do",
            LegendItem::Edge(EdgeKind::Spine) => "Main path",
            LegendItem::Edge(EdgeKind::Contains) => "Part of",
            LegendItem::Edge(EdgeKind::Prerequisite) => "Learn first",
        }
    }
}

/// The legend: a framed row of samples.
#[derive(Debug, Clone, PartialEq)]
pub struct Legend {
    /// The frame.
    pub rect: Rect,
    /// The samples, each with the rectangle its sample and text occupy.
    pub items: Vec<(LegendItem, Rect)>,
    /// Font size of the legend text.
    pub font_size: f32,
}

/// A laid-out roadmap.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    /// Canvas width in pixels.
    pub width: f32,
    /// Canvas height in pixels.
    pub height: f32,
    /// The layout engine that made it (`poster`, `layered`).
    pub layout: &'static str,
    /// One box per topic, in any order.
    pub boxes: Vec<SceneBox>,
    /// Edges, drawn in this order (under the boxes).
    pub edges: Vec<SceneEdge>,
    /// A line of small text under the title (counts), if any: its top
    /// centre and text.
    pub subtitle: Option<(Point, String)>,
    /// The learner's progress under the subtitle (`37 of 115 topics done
    /// (32%) · 41 h left`, [`PROGRESS_SIZE`] px), when the roadmap tracks
    /// it: its top centre and text.
    pub progress: Option<(Point, String)>,
    /// The legend, if any.
    pub legend: Option<Legend>,
    /// The base font size (topics); boxes carry their own.
    pub font_size: f32,
}

impl Scene {
    /// The box of each topic: `index[topic]` is the position in `boxes`.
    pub fn box_index(&self, topics: usize) -> Vec<Option<usize>> {
        let mut index = vec![None; topics];
        for (i, b) in self.boxes.iter().enumerate() {
            if let Some(slot) = index.get_mut(b.topic) {
                *slot = Some(i);
            }
        }
        index
    }

    /// Which edges are drawn faded, one flag per edge: a prerequisite
    /// between two faded boxes, a connector or main path into a faded box.
    /// A prerequisite from a faded box into the focused section is not:
    /// it says why that topic is there.
    pub fn faded_edges(&self) -> Vec<bool> {
        if !self.boxes.iter().any(|b| b.style.faded) {
            return vec![false; self.edges.len()];
        }
        let topics = self.boxes.iter().map(|b| b.topic + 1).max().unwrap_or(0);
        let index = self.box_index(topics);
        let faded = |t: usize| {
            index
                .get(t)
                .copied()
                .flatten()
                .is_some_and(|i| self.boxes[i].style.faded)
        };
        self.edges
            .iter()
            .map(|e| match e.kind {
                EdgeKind::Prerequisite => faded(e.from) && faded(e.to),
                EdgeKind::Spine | EdgeKind::Contains => faded(e.to),
            })
            .collect()
    }
}

/// The legend for what a scene draws: rows of samples starting at
/// `(x, y)`, wrapped so no row is wider than `max_width`.
pub fn legend(items: &[LegendItem], x: f32, y: f32, font_size: f32, max_width: f32) -> Legend {
    let pad = 10.0;
    let sample = 26.0;
    let gap = 18.0;
    let h = text::line_height(font_size).max(16.0);
    let mut at = x + pad;
    let mut row_y = y + pad;
    let mut widest = 0.0f32;
    let mut placed = Vec::with_capacity(items.len());
    for &item in items {
        let w = (sample + 6.0 + text::width(item.label(), font_size, Weight::Regular)).ceil();
        if at > x + pad && at + w + pad > x + max_width {
            at = x + pad;
            row_y += h + 6.0;
        }
        placed.push((item, Rect::new(at, row_y, w, h)));
        widest = widest.max(at + w + pad - x);
        at += w + gap;
    }
    Legend {
        rect: Rect::new(x, y, widest.max(2.0 * pad), row_y + h + pad - y),
        items: placed,
        font_size,
    }
}

/// What a legend shows: only what the scene draws, in a fixed order (box
/// roles, tag marks, optional, faded, the learner's states drawn apart from
/// to do, then edge kinds).
pub fn legend_items(boxes: &[SceneBox], edges: &[SceneEdge]) -> Vec<LegendItem> {
    let has_role = |r: Role| boxes.iter().any(|b| b.role == r);
    let has_mark = |m: Mark| boxes.iter().any(|b| b.style.mark == Some(m));
    let has_edge = |k: EdgeKind| edges.iter().any(|e| e.kind == k);
    let mut items = Vec::new();
    for r in [Role::Section, Role::Topic, Role::Subtopic] {
        if has_role(r) {
            items.push(LegendItem::Box(r));
        }
    }
    for m in [Mark::Recommended, Mark::Alternative] {
        if has_mark(m) {
            items.push(LegendItem::Mark(m));
        }
    }
    if boxes.iter().any(|b| b.style.dashed) {
        items.push(LegendItem::Optional);
    }
    if boxes.iter().any(|b| b.style.faded) {
        items.push(LegendItem::Faded);
    }
    for s in [TaskState::Done, TaskState::Learning, TaskState::Skipped] {
        if boxes
            .iter()
            .any(|b| b.role != Role::Title && b.style.state == Some(s))
        {
            items.push(LegendItem::State(s));
        }
    }
    for k in [EdgeKind::Spine, EdgeKind::Contains, EdgeKind::Prerequisite] {
        if has_edge(k) {
            items.push(LegendItem::Edge(k));
        }
    }
    items
}

/// The smallest rectangle holding the given boxes and edge points (a
/// Bezier lies inside its control points' hull, so its points bound it);
/// non-finite points are ignored. An empty drawing gives a zero rectangle
/// at the origin.
pub fn bounds<'a>(
    boxes: impl IntoIterator<Item = &'a SceneBox>,
    edges: impl IntoIterator<Item = &'a SceneEdge>,
) -> Rect {
    let mut lo = Point::new(f32::INFINITY, f32::INFINITY);
    let mut hi = Point::new(f32::NEG_INFINITY, f32::NEG_INFINITY);
    let mut grow = |p: Point| {
        if p.x.is_finite() && p.y.is_finite() {
            lo = Point::new(lo.x.min(p.x), lo.y.min(p.y));
            hi = Point::new(hi.x.max(p.x), hi.y.max(p.y));
        }
    };
    for b in boxes {
        grow(Point::new(b.rect.x, b.rect.y));
        grow(Point::new(b.rect.right(), b.rect.bottom()));
    }
    for e in edges {
        e.points.iter().copied().for_each(&mut grow);
    }
    if lo.x > hi.x {
        return Rect::new(0.0, 0.0, 0.0, 0.0);
    }
    Rect::new(lo.x, lo.y, hi.x - lo.x, hi.y - lo.y)
}
