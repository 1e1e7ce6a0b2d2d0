//! Measures of a drawing's legibility, read off a finished [`Scene`]: boxes
//! that overlap, edges that pass through a box other than their own ends,
//! and pairs of edges that cross.
//!
//! They sit after the layout engines and before nothing: tests and
//! benchmarks use them to compare engines and settings on the same input.
//! Each works on a uniform grid of cells (about one segment or box per
//! cell), so a scene of thousands of boxes and edges is measured in
//! milliseconds rather than by testing every pair.

use std::collections::HashSet;

use crate::scene::{Point, Rect, Scene};

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
    let mut segments: Vec<(u32, (Point, Point))> = Vec::new();
    for (k, e) in scene.edges.iter().enumerate() {
        segments.extend(e.segments().into_iter().map(|s| (k as u32, s)));
    }
    if segments.len() < 2 {
        return 0;
    }
    let mut lengths: Vec<f32> = segments
        .iter()
        .map(|(_, (a, b))| (b.x - a.x).abs().max((b.y - a.y).abs()))
        .filter(|l| l.is_finite())
        .collect();
    lengths.sort_by(f32::total_cmp);
    let median = lengths.get(lengths.len() / 2).copied().unwrap_or(1.0);
    let mut grid = Grid::new(extent(scene), 2.0 * median, segments.len());
    for (i, &(_, (a, b))) in segments.iter().enumerate() {
        grid.insert(i, a.x, b.x, a.y, b.y);
    }
    let edges = &scene.edges;
    let share_end = |i: usize, j: usize| {
        let (e, f) = (&edges[i], &edges[j]);
        e.from == f.from || e.from == f.to || e.to == f.from || e.to == f.to
    };
    let mut crossing: HashSet<(u32, u32)> = HashSet::new();
    for cell in &grid.cells {
        for (k, &s) in cell.iter().enumerate() {
            let (e, seg) = segments[s as usize];
            for &t in &cell[k + 1..] {
                let (f, other) = segments[t as usize];
                if e == f {
                    continue;
                }
                let pair = (e.min(f), e.max(f));
                if crossing.contains(&pair) || share_end(e as usize, f as usize) {
                    continue;
                }
                if properly_intersect(seg, other) {
                    crossing.insert(pair);
                }
            }
        }
    }
    crossing.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::{Curve, EdgeKind, Role, SceneBox, SceneEdge};
    use crate::text::Weight;

    fn bx(topic: usize, x: f32, y: f32) -> SceneBox {
        SceneBox {
            topic,
            rect: Rect::new(x, y, 20.0, 10.0),
            lines: Vec::new(),
            role: Role::Topic,
            style: Default::default(),
            font_size: 14.0,
            weight: Weight::Regular,
        }
    }

    fn line(from: usize, to: usize, a: Point, b: Point) -> SceneEdge {
        SceneEdge {
            kind: EdgeKind::Prerequisite,
            from,
            to,
            points: vec![a, b],
            curve: Curve::Polyline,
            arrow: true,
        }
    }

    fn scene(boxes: Vec<SceneBox>, edges: Vec<SceneEdge>) -> Scene {
        Scene {
            width: 200.0,
            height: 200.0,
            layout: "test",
            boxes,
            edges,
            subtitle: None,
            legend: None,
            font_size: 14.0,
        }
    }

    #[test]
    fn counts_each_kind_of_fault() {
        let p = Point::new;
        // Boxes 0-3 at the corners, 4 in the middle, 5 and 6 overlapping
        // out of the way.
        let boxes = vec![
            bx(0, 0.0, 0.0),
            bx(1, 100.0, 0.0),
            bx(2, 0.0, 100.0),
            bx(3, 100.0, 100.0),
            bx(4, 50.0, 50.0),
            bx(5, 150.0, 150.0),
            bx(6, 160.0, 155.0),
        ];
        let edges = vec![
            // The two diagonals cross (once, though the second is drawn as
            // two segments), and both pass through box 4.
            line(0, 3, p(10.0, 10.0), p(110.0, 110.0)),
            SceneEdge {
                points: vec![p(110.0, 10.0), p(70.0, 50.0), p(10.0, 110.0)],
                ..line(1, 2, p(0.0, 0.0), p(0.0, 0.0))
            },
            // Shares box 0 with the first diagonal: not a crossing.
            line(0, 2, p(110.0, 12.0), p(5.0, 105.0)),
            // Far away, crossing nothing.
            line(2, 3, p(10.0, 190.0), p(110.0, 190.0)),
        ];
        let s = scene(boxes, edges);
        assert_eq!(overlaps(&s), 1);
        assert_eq!(through_boxes(&s), 3);
        // Edge 2 crosses edge 1 too, but they share box 2.
        assert_eq!(crossings(&s), 1);
    }

    #[test]
    fn empty_and_degenerate_scenes() {
        let s = scene(Vec::new(), Vec::new());
        assert_eq!((overlaps(&s), through_boxes(&s), crossings(&s)), (0, 0, 0));
        let p = Point::new;
        let nan = line(0, 1, p(f32::NAN, 0.0), p(1.0, f32::INFINITY));
        let s = scene(
            vec![bx(0, 0.0, 0.0), bx(1, 50.0, 0.0)],
            vec![nan.clone(), nan],
        );
        assert_eq!(crossings(&s), 0);
    }
}
