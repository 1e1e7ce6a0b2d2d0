//! Measures of a drawing's legibility, read off a finished [`Scene`]:
//! boxes that overlap, edges through boxes, crossings, arrows crossing the
//! main path, arrows sharing a line, bends, edge length, canvas area per
//! topic and aspect ratio. [`measure`] gives them all at once.
//!
//! They sit after the layout engines and before nothing: tests and
//! benchmarks use them to compare engines and settings on the same input
//! (`benches/legibility.rs` prints them for our layouts and for Graphviz
//! on the same graph; `bench/legibility.sh` tabulates them). Each works on
//! a uniform grid of cells (about one segment or box per cell), so the
//! time to measure a scene grows about linearly with its boxes and edges,
//! not with every pair of them
//! (`tests::a_large_scene_is_measured_in_linear_time`).

use std::collections::HashSet;

use rustc_hash::FxHashSet;

use crate::scene::{EdgeKind, Point, Rect, Scene, SceneEdge};

/// How far inside a box an edge must pass to count as going through it:
/// edges end on their own boxes' borders, and a grazing touch is no harm.
const INSET: f32 = 1.0;

/// A uniform grid of square cells over a bounding rectangle; items are
/// registered in every cell their bounding box touches.
pub(crate) struct Grid {
    origin: Point,
    cell: f32,
    cols: usize,
    rows: usize,
    /// The items registered in each cell.
    pub(crate) cells: Vec<Vec<u32>>,
}

impl Grid {
    /// A grid over `bounds` with cells of side `cell` (at most about
    /// `4 * items` cells, so that a sparse drawing stays cheap).
    pub(crate) fn new(bounds: Rect, cell: f32, items: usize) -> Grid {
        let (w, h) = (bounds.width.max(1.0), bounds.height.max(1.0));
        let least = (w * h / (4.0 * items.max(1) as f32)).sqrt();
        let cell = cell.max(least).max(1.0);
        let cols = ((w / cell).ceil() as usize).clamp(1, 1 << 16);
        let rows = ((h / cell).ceil() as usize).clamp(1, 1 << 16);
        Grid {
            origin: Point::new(bounds.x, bounds.y),
            cell,
            cols,
            rows,
            cells: vec![Vec::new(); cols * rows],
        }
    }

    /// The cells an interval covers on one axis, clamped to the grid.
    fn span(&self, a: f32, b: f32, x: bool) -> (usize, usize) {
        let (start, count) = if x {
            (self.origin.x, self.cols)
        } else {
            (self.origin.y, self.rows)
        };
        // `as` saturates (NaN becomes 0), so this cannot go out of range.
        let index = |v: f32| (((v - start) / self.cell).floor().max(0.0) as usize).min(count - 1);
        (index(a.min(b)), index(a.max(b)))
    }

    /// Every cell the rectangle `x0..x1` x `y0..y1` touches.
    pub(crate) fn cells(
        &self,
        x0: f32,
        x1: f32,
        y0: f32,
        y1: f32,
    ) -> impl Iterator<Item = usize> + use<> {
        let (c0, c1) = self.span(x0, x1, true);
        let (r0, r1) = self.span(y0, y1, false);
        let cols = self.cols;
        (r0..=r1).flat_map(move |r| (c0..=c1).map(move |c| r * cols + c))
    }

    /// The cell holding the point (clamped to the grid).
    fn cell_of(&self, x: f32, y: f32) -> usize {
        self.span(y, y, false).0 * self.cols + self.span(x, x, true).0
    }

    /// Registers `item` in every cell the rectangle touches.
    pub(crate) fn insert(&mut self, item: usize, x0: f32, x1: f32, y0: f32, y1: f32) {
        let cells: Vec<usize> = self.cells(x0, x1, y0, y1).collect();
        for c in cells {
            self.cells[c].push(item as u32);
        }
    }
}

/// The scene's boxes on a grid of cells of at least 128 px.
fn box_grid(scene: &Scene) -> Grid {
    let mut grid = Grid::new(extent(scene), 128.0, scene.boxes.len());
    for (i, b) in scene.boxes.iter().enumerate() {
        let r = b.rect;
        grid.insert(i, r.x, r.right(), r.y, r.bottom());
    }
    grid
}

/// The rectangle holding every box and edge point of the scene.
fn extent(scene: &Scene) -> Rect {
    crate::scene::bounds(&scene.boxes, &scene.edges)
}

/// How many pairs of boxes share interior points (touching borders do not
/// count). Near linear: each box is tested against those in its cells.
///
/// ```
/// use roadmapper::layout::{self, quality, LayoutOptions};
/// use roadmapper::{load, Input};
/// let r = load(&Input::new("r.txt", "Title\n    A\n    B\n"), &[]).unwrap();
/// assert_eq!(quality::overlaps(&layout::layout(&r, &LayoutOptions::default())), 0);
/// ```
pub fn overlaps(scene: &Scene) -> usize {
    let boxes = &scene.boxes;
    let grid = box_grid(scene);
    let mut pairs = HashSet::new();
    for cell in &grid.cells {
        for (k, &i) in cell.iter().enumerate() {
            for &j in &cell[k + 1..] {
                if boxes[i as usize].rect.overlaps(&boxes[j as usize].rect) {
                    pairs.insert((i.min(j), i.max(j)));
                }
            }
        }
    }
    pairs.len()
}

/// How many (edge, box) pairs there are where the edge (its Bezier curves
/// flattened, see [`crate::scene::SceneEdge::segments`]) passes through a
/// box other than its own two ends, more than 1 px inside it.
pub fn through_boxes(scene: &Scene) -> usize {
    let boxes = &scene.boxes;
    let grid = box_grid(scene);
    let mut count = 0;
    let mut hit = Vec::new();
    for e in &scene.edges {
        hit.clear();
        for (a, b) in e.segments() {
            for c in grid.cells(a.x, b.x, a.y, b.y) {
                for &i in &grid.cells[c] {
                    let bx = &boxes[i as usize];
                    if bx.topic != e.from && bx.topic != e.to && bx.rect.crossed_by(a, b, INSET) {
                        hit.push(i);
                    }
                }
            }
        }
        hit.sort_unstable();
        hit.dedup();
        count += hit.len();
    }
    count
}

/// Twice the signed area of the triangle `a`, `b`, `c`: positive when `c`
/// is left of `a -> b`, computed in `f64` so that long coordinates keep
/// their precision.
fn orient(a: Point, b: Point, c: Point) -> f64 {
    let (ax, ay) = (f64::from(a.x), f64::from(a.y));
    let (bx, by) = (f64::from(b.x), f64::from(b.y));
    let (cx, cy) = (f64::from(c.x), f64::from(c.y));
    (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
}

/// Whether the segments `a-b` and `c-d` cross at a single point inside
/// both (touching and collinear overlap do not count).
fn properly_intersect((a, b): (Point, Point), (c, d): (Point, Point)) -> bool {
    let (o1, o2) = (orient(a, b, c), orient(a, b, d));
    let (o3, o4) = (orient(c, d, a), orient(c, d, b));
    o1 * o2 < 0.0 && o3 * o4 < 0.0
}

/// How many pairs of edges cross: their drawn curves (Beziers flattened
/// into chords, see [`crate::scene::SceneEdge::segments`]) properly
/// intersect somewhere. Pairs that share an end box are skipped (edges
/// fanning out of one box meet there by design), and a pair counts once
/// however often it crosses.
///
/// Near linear in the number of chords: each chord is registered in the
/// grid cells its bounding box touches (cells about as long as the median
/// chord) and tested only against the chords of other edges in those
/// cells.
///
/// ```
/// use roadmapper::layout::{self, quality, Direction, LayoutKind, LayoutOptions};
/// use roadmapper::{load, Input};
/// let r = load(&Input::new("r.txt", "Title\n    A\n    B\n"), &[]).unwrap();
/// let options = LayoutOptions { kind: LayoutKind::Layered, direction: Direction::Down };
/// assert_eq!(quality::crossings(&layout::layout(&r, &options)), 0);
/// ```
pub fn crossings(scene: &Scene) -> usize {
    pairs(scene).crossings
}

/// How long two arrows must run along one line to count as sharing it, in
/// pixels: "more than a few pixels", so arrows that merely leave one port
/// and part at once do not count.
pub const SHARED_MIN: f32 = 4.0;

/// How far apart two parallel arrow segments may be and still be drawn
/// as one line, in pixels (strokes are about 1.5 px wide).
pub const SHARED_GAP: f32 = 1.5;

/// Every measure of one scene. Edge counts are pairs of edges, each pair
/// counted once however often its curves meet; "arrows" are the
/// prerequisite edges and "the main path" the spine edges.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Quality {
    /// Boxes drawn (topics).
    pub boxes: usize,
    /// Edges drawn, every kind.
    pub edges: usize,
    /// Prerequisite arrows drawn.
    pub arrows: usize,
    /// Pairs of boxes sharing interior points ([`overlaps`]).
    pub overlaps: usize,
    /// (edge, box) pairs where the edge passes through a box other than
    /// its ends ([`through_boxes`]).
    pub through_boxes: usize,
    /// Pairs of edges, every kind, that cross ([`crossings`]; pairs
    /// sharing an end box are not counted).
    pub crossings: usize,
    /// Pairs of prerequisite arrows that cross (part of `crossings`).
    pub arrow_crossings: usize,
    /// (arrow, main path edge) pairs that cross (part of `crossings`).
    pub main_path_crossings: usize,
    /// Pairs of arrows running along one line (within [`SHARED_GAP`]) for
    /// more than [`SHARED_MIN`] pixels, where a reader cannot tell which is
    /// which; arrows into or out of one box count too.
    pub shared_segments: usize,
    /// Bends per edge, every kind, in quarter turns: the total turning of
    /// each drawn curve divided by 90 degrees, so a right-angled corner
    /// counts 1 and a smooth curve counts as much as it turns.
    pub bends_per_edge: f64,
    /// The drawn length of all edges, in pixels.
    pub edge_length: f64,
    /// Canvas width and height, in pixels.
    pub width: f64,
    /// See `width`.
    pub height: f64,
    /// Canvas area per box, in square pixels.
    pub area_per_topic: f64,
    /// Width over height (3 is a strip three times wider than high; 0 for
    /// an empty canvas).
    pub aspect: f64,
}

/// Measures a scene: see [`Quality`] for each figure. Near linear in the
/// boxes and edge segments (each looked at in the grid cells it touches).
///
/// ```
/// use roadmapper::layout::{self, quality, LayoutOptions};
/// use roadmapper::{load, Input};
/// let r = load(&Input::new("r.txt", "Title\n    A\n    B\n"), &[]).unwrap();
/// let q = quality::measure(&layout::layout(&r, &LayoutOptions::default()));
/// assert_eq!((q.boxes, q.overlaps, q.through_boxes), (3, 0, 0));
/// assert!(q.area_per_topic > 0.0 && q.aspect > 0.0);
/// ```
pub fn measure(scene: &Scene) -> Quality {
    let p = pairs(scene);
    let (mut turns, mut length) = (0.0, 0.0);
    for e in &scene.edges {
        let (t, l) = turning_and_length(e);
        turns += t;
        length += l;
    }
    let (width, height) = (f64::from(scene.width), f64::from(scene.height));
    let edges = scene.edges.len();
    Quality {
        boxes: scene.boxes.len(),
        edges,
        arrows: scene
            .edges
            .iter()
            .filter(|e| e.kind == EdgeKind::Prerequisite)
            .count(),
        overlaps: overlaps(scene),
        through_boxes: through_boxes(scene),
        crossings: p.crossings,
        arrow_crossings: p.arrow_crossings,
        main_path_crossings: p.main_path_crossings,
        shared_segments: p.shared,
        bends_per_edge: if edges == 0 {
            0.0
        } else {
            turns / edges as f64
        },
        edge_length: length,
        width,
        height,
        area_per_topic: width * height / scene.boxes.len().max(1) as f64,
        aspect: if height > 0.0 { width / height } else { 0.0 },
    }
}

/// An edge's total turning in quarter turns and its length: the angle
/// between each pair of consecutive non-empty chords, summed.
fn turning_and_length(edge: &SceneEdge) -> (f64, f64) {
    let (mut turning, mut length) = (0.0f64, 0.0f64);
    let mut previous: Option<(f64, f64)> = None;
    for (a, b) in edge.segments() {
        let (dx, dy) = (f64::from(b.x - a.x), f64::from(b.y - a.y));
        let l = dx.hypot(dy);
        if !l.is_finite() || l < 1e-6 {
            continue;
        }
        length += l;
        if let Some((px, py)) = previous {
            turning += (px * dy - py * dx).atan2(px * dx + py * dy).abs();
        }
        previous = Some((dx, dy));
    }
    (turning / std::f64::consts::FRAC_PI_2, length)
}

/// Whether two segments run along one line, within [`SHARED_GAP`], for
/// more than [`SHARED_MIN`]: both ends of the shorter lie near the line of
/// the longer, and their projections on it overlap long enough.
fn share_line(s: (Point, Point), t: (Point, Point)) -> bool {
    let len = |(a, b): (Point, Point)| f64::from(b.x - a.x).hypot(f64::from(b.y - a.y));
    let (long, short) = if len(s) >= len(t) { (s, t) } else { (t, s) };
    let l = len(long);
    if l.is_nan() || l <= f64::from(SHARED_MIN) {
        return false;
    }
    let (a, b) = long;
    let (ux, uy) = (f64::from(b.x - a.x) / l, f64::from(b.y - a.y) / l);
    let along = |p: Point| {
        let (px, py) = (f64::from(p.x - a.x), f64::from(p.y - a.y));
        (ux * px + uy * py, (ux * py - uy * px).abs())
    };
    let ((p, dp), (q, dq)) = (along(short.0), along(short.1));
    let gap = f64::from(SHARED_GAP);
    if !(dp <= gap && dq <= gap) {
        return false;
    }
    p.max(q).min(l) - p.min(q).max(0.0) > f64::from(SHARED_MIN)
}

/// Which way a segment runs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Axis {
    Horizontal,
    Vertical,
    Other,
}

/// Pair counts from one pass over the edge segments.
struct Pairs {
    crossings: usize,
    arrow_crossings: usize,
    main_path_crossings: usize,
    shared: usize,
}

/// Crossing and line-sharing pairs of edges: each chord is registered in
/// the grid cells its bounding box touches (cells about as long as the
/// median chord) and tested only against the chords of other edges in
/// those cells.
fn pairs(scene: &Scene) -> Pairs {
    let edges = &scene.edges;
    let mut segments: Vec<(u32, (Point, Point))> = Vec::new();
    for (k, e) in edges.iter().enumerate() {
        segments.extend(e.segments().into_iter().map(|s| (k as u32, s)));
    }
    let mut lengths: Vec<f32> = segments
        .iter()
        .map(|(_, (a, b))| (b.x - a.x).abs().max((b.y - a.y).abs()))
        .filter(|l| l.is_finite())
        .collect();
    lengths.sort_by(f32::total_cmp);
    let median = lengths.get(lengths.len() / 2).copied().unwrap_or(1.0);
    let mut grid = Grid::new(extent(scene), 2.0 * median, segments.len());
    // Grown by the gap, so that segments near enough to share a line meet
    // in some cell.
    for (i, &(_, (a, b))) in segments.iter().enumerate() {
        let (x0, x1) = (a.x.min(b.x) - SHARED_GAP, a.x.max(b.x) + SHARED_GAP);
        grid.insert(
            i,
            x0,
            x1,
            a.y.min(b.y) - SHARED_GAP,
            a.y.max(b.y) + SHARED_GAP,
        );
    }
    let share_end = |e: &SceneEdge, f: &SceneEdge| {
        e.from == f.from || e.from == f.to || e.to == f.from || e.to == f.to
    };
    let arrow = |e: u32| edges[e as usize].kind == EdgeKind::Prerequisite;
    let mut crossing: FxHashSet<(u32, u32)> = FxHashSet::default();
    let mut shared: FxHashSet<(u32, u32)> = FxHashSet::default();
    let gap = SHARED_GAP;
    let bounds: Vec<[f32; 4]> = segments
        .iter()
        .map(|&(_, (a, b))| [a.x.min(b.x), a.x.max(b.x), a.y.min(b.y), a.y.max(b.y)])
        .collect();
    // Horizontal and vertical segments (most of an orthogonal drawing)
    // apart from the rest: two parallel ones cannot cross, and can share a
    // line only when their other coordinates are within the gap, so a
    // channel of hundreds of parallel arrows costs a sort per cell rather
    // than every pair.
    let axis: Vec<Axis> = segments
        .iter()
        .map(|&(_, (a, b))| {
            if a.x == b.x {
                Axis::Vertical
            } else if a.y == b.y {
                Axis::Horizontal
            } else {
                Axis::Other
            }
        })
        .collect();
    // Tests one pair in cell `c`, crossing and sharing a line, or only
    // sharing (`cross` false, for parallel segments).
    let mut test = |c: usize, s: u32, t: u32, cross: bool| {
        let ((e, seg), (f, other)) = (segments[s as usize], segments[t as usize]);
        if e == f {
            return;
        }
        // Segments whose boxes (grown by the gap) are apart can neither
        // cross nor share a line; and a pair whose common box starts in
        // another cell is tested there, once.
        let (r, q) = (bounds[s as usize], bounds[t as usize]);
        let (x0, x1) = (r[0].max(q[0]) - gap, r[1].min(q[1]) + gap);
        let (y0, y1) = (r[2].max(q[2]) - gap, r[3].min(q[3]) + gap);
        if x0 > x1 || y0 > y1 || grid.cell_of(x0, y0) != c {
            return;
        }
        let pair = (e.min(f), e.max(f));
        if arrow(e) && arrow(f) && !shared.contains(&pair) && share_line(seg, other) {
            shared.insert(pair);
        }
        if !cross || crossing.contains(&pair) || share_end(&edges[e as usize], &edges[f as usize]) {
            return;
        }
        if properly_intersect(seg, other) {
            crossing.insert(pair);
        }
    };
    let (mut hs, mut vs, mut os) = (Vec::new(), Vec::new(), Vec::new());
    for (c, cell) in grid.cells.iter().enumerate() {
        hs.clear();
        vs.clear();
        os.clear();
        // With each segment its edge, to skip pairs of one edge (the
        // chords of a curve crowd the same cells) without looking it up.
        for &s in cell {
            let item = (s, segments[s as usize].0);
            match axis[s as usize] {
                Axis::Horizontal => hs.push(item),
                Axis::Vertical => vs.push(item),
                Axis::Other => os.push(item),
            }
        }
        for (k, &(s, e)) in os.iter().enumerate() {
            for &(t, f) in os[k + 1..].iter().chain(&hs).chain(&vs) {
                if e != f {
                    test(c, s, t, true);
                }
            }
        }
        for &(s, e) in &hs {
            for &(t, f) in &vs {
                if e != f {
                    test(c, s, t, true);
                }
            }
        }
        // Parallel arrows: only neighbours within the gap can share a line.
        for (list, key) in [(&mut hs, 2), (&mut vs, 0)] {
            list.retain(|&(_, e)| arrow(e));
            list.sort_by(|&(s, _), &(t, _)| {
                bounds[s as usize][key].total_cmp(&bounds[t as usize][key])
            });
            for (k, &(s, e)) in list.iter().enumerate() {
                let at = bounds[s as usize][key];
                for &(t, f) in &list[k + 1..] {
                    let apart = bounds[t as usize][key] - at;
                    if apart.is_nan() || apart > gap {
                        break;
                    }
                    if e != f {
                        test(c, s, t, false);
                    }
                }
            }
        }
    }
    let kinds = |&(e, f): &(u32, u32)| (edges[e as usize].kind, edges[f as usize].kind);
    let count = |want: &dyn Fn((EdgeKind, EdgeKind)) -> bool| {
        crossing.iter().filter(|p| want(kinds(p))).count()
    };
    use EdgeKind::{Prerequisite, Spine};
    Pairs {
        crossings: crossing.len(),
        arrow_crossings: count(&|k| k == (Prerequisite, Prerequisite)),
        main_path_crossings: count(&|k| k == (Prerequisite, Spine) || k == (Spine, Prerequisite)),
        shared: shared.len(),
    }
}

#[cfg(test)]
mod tests;
