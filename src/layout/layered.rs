//! The layered layout: each section of the roadmap as a layered graph
//! drawing by the mandated layout-rs crate, the sections packed into a
//! poster under the title and turned into a [`Scene`].
//!
//! It sits between the model ([`Roadmap`]) and the renderers: the SVG, PNG
//! and JSON exporters only read the scene it returns. Both the `contains`
//! edges (parent to child) and the prerequisites (what comes first to what
//! needs it) are the layered flow, so inside a section a topic always sits
//! below (or right of) its parent and its prerequisites.
//!
//! # One block per section
//!
//! The whole roadmap as one layered drawing is as wide as its widest layer:
//! the backend roadmap came out 15.8:1 flowing down, a thousand topics
//! 180,000 px wide. So each section (its subtree, its `contains` edges and
//! the prerequisites with both ends inside it) is laid out on its own, as
//! a *block*, and the blocks are packed:
//!
//! - The title on top (left when flowing right), then rows of blocks in
//!   outline order (shelf packing), each row starting after a *gutter*, a
//!   band across the whole poster that holds no box. Flowing right, all of
//!   this is turned a quarter: rows become columns, gutters vertical.
//!   Everything is computed in flow coordinates ([`Frame`]).
//! - The row width is chosen among [`TRIES`] widths, from the widest block
//!   to all blocks in one row, as the one whose whole drawing comes closest
//!   to [`TARGET`]: portrait 1:1.4 flowing down, landscape 1.4:1 flowing
//!   right. Should one block alone be too wide or too tall for 3:1 (one
//!   huge section, a deep chain), the canvas is padded to 3:1 as a last
//!   resort, the drawing centred.
//! - An edge between two blocks (a prerequisite across sections) gets a
//!   *port* in each block: an invisible 4-px node with an edge to the topic,
//!   which layout-rs routes through the block like any other. Each port is
//!   also pinned to the section box by a hidden edge, so that the ports
//!   form the block's first layer, above the section (a lone source would
//!   be sunk next to its target by layout-rs's rank optimiser). Outside the
//!   blocks the edge runs straight from the port into the gutter above its
//!   row, along a *lane* of that gutter, and when the other end is in
//!   another row, along a lane of a *highway* in the margin left or right
//!   of the rows (the nearer) to the other gutter, then down into the other
//!   port. Lanes are [`LANE`] apart; edges share a lane only where their
//!   spans do not meet (greedy interval colouring), and gutters and
//!   highways grow with their lanes.
//! - The title's `contains` edges to the sections form a bus: lane 0 of
//!   each gutter and of the left highway, dropping into a port of each
//!   block like the prerequisites (a port of its own keeps the drop off
//!   the other ports' exits, which sit above the section too).
//! - Each edge is one [`SceneEdge`] from its real topic to its real topic,
//!   a cubic Bezier whose pieces outside the blocks are straight.
//!
//! # Inside a block
//!
//! layout-rs does most of the work (ranks, Brandes-Köpf coordinates,
//! Bezier edges); this module works around what does not suit a poster:
//!
//! - Box sizes come from [`sized_box`] (the real font metrics), not from
//!   layout-rs's 14-px-per-character guess; its `resize` only touches
//!   connectors, so the sizes we hand over survive untouched.
//! - Positions and edge paths are read back through its [`RenderBackend`]
//!   trait; each box and arrow carries its identity in `properties`.
//! - Its crossing optimiser grows with the cube of the layer widths (and
//!   more: it repeats its swap passes until nothing changes): 97% of the
//!   52 s that 10,000 generated topics took. So its passes are called one
//!   by one ([`run_layout_rs`]) and the nodes of each layer are ordered by
//!   our own near-linear barycentre sweeps and swaps ([`order_layers`]),
//!   which cross less: on `roadmapper generate -n 1000`, 2,623 crossing
//!   pairs of edges against layout-rs's 2,720 (see
//!   [`crate::layout::quality`]). Its coordinate assignment grows with the
//!   cube of the nodes and is skipped above [`PLACE_NODES`].
//! - Huge posters get a bounded amount of the optional work ([`Budget`]):
//!   coordinate assignment ([`PLACE_WORK`]), ordering sweeps
//!   ([`ORDER_WORK`]) and re-routing ([`REROUTE_WORK`]) for the whole
//!   poster, spent block after block; blocks laid out once one is spent get
//!   the cheaper placement. A thousand topics spend well under 1% of each.
//! - Its Bezier edges sometimes cut through unrelated boxes; such edges are
//!   re-routed through the free gaps between layers and the slots layout-rs
//!   reserved for them (its virtual connector nodes), which by construction
//!   touch no box.
//!
//! The drawing is shifted to a 40-px margin and a legend is put under it.
//!
//! Measured in release, `roadmapper render` of `roadmapper generate -n N`
//! to SVG (user CPU): 1,000 topics in 0.02 s, 10,000 in 0.4 s, 100,000 in
//! 20 s (85% of it layout-rs's coordinate assignment, in blocks of about
//! 630 topics).
//! 10,000 topics with `--prereqs-percent 100`: 2.6 s (20 s before the
//! budget), with 1000%: 16 s (over 60 s before the budget and the lane
//! search in [`LowestFree`]).

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};
use std::panic::{self, AssertUnwindSafe};

use layout::adt::dag::NodeHandle;
use layout::core::base::Orientation;
use layout::core::format::Visible;
#[cfg(test)]
use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::Point as LPoint;
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::render::generate_curve_for_elements;
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;
use layout::topo::optimizer::RankOptimizer;
use layout::topo::placer::Placer;

use super::{Direction, quality, role, sized_box};
use crate::roadmap::Roadmap;
use crate::scene::{self, Curve, EdgeKind, Point, Rect, Scene, SceneBox, SceneEdge};

/// Empty space around the drawing.
const MARGIN: f32 = 40.0;
/// Space between the drawing and the legend under it.
const LEGEND_GAP: f32 = 30.0;
/// Font size of the legend.
const LEGEND_FONT: f32 = 12.0;
/// The legend wraps at the drawing's width, but not narrower than this.
const LEGEND_MIN_WIDTH: f32 = 480.0;
/// layout-rs's coordinate assignment (Brandes-Köpf) grows about with the
/// cube of its nodes (connectors included): 1,143 take 0.22 s, 2,261 1.7 s,
/// 3,649 6.2 s in release. Above this it is skipped and each layer is
/// packed from the start instead.
const PLACE_NODES: f64 = 2000.0;
/// How far inside a box an edge must pass to count as going through it:
/// edges end on their own boxes' borders, and a grazing touch is no harm.
const INSET: f32 = 1.0;
/// The most a canvas may be wider than high, or higher than wide.
const MAX_ASPECT: f32 = 3.0;
/// Gap between rows of the fallback placement (see [`fallback_positions`]).
const FALLBACK_GAP: f32 = 60.0;
/// The coordinate assignment's work for a whole poster, counted as the
/// cube of each block's nodes (see [`PLACE_NODES`]): about two blocks of
/// 2,000 nodes, 3 s in release. Blocks laid out once it is spent are packed
/// layer by layer instead, as blocks above [`PLACE_NODES`] are. 10,000
/// generated topics with 100% prerequisites (50 blocks of 1,100 to 1,900
/// nodes) took 20 s, 80% of it there; a thousand topics spend 0.2% of it.
const PLACE_WORK: f64 = 2.0 * PLACE_NODES * PLACE_NODES * PLACE_NODES;
/// The re-routing's work for a whole poster, counted as the boxes tested
/// against edge segments (see [`Grid::blocked`]): about 0.5 s in release.
/// Once it is spent, edges keep layout-rs's curves. 10,000 generated topics
/// with 1000% prerequisites (blocks of 10,000 edges crossing hundreds of
/// layers) spent over a minute there.
const REROUTE_WORK: u64 = 100_000_000;

/// The ordering's work for a whole poster ([`order_layers`]), counted as
/// the nodes and edges of a block for each of its sweeps and swap passes:
/// a few seconds in release. Once it is spent, blocks keep the best order
/// found so far (at worst the depth-first one). 10,000 generated topics
/// with 1000% prerequisites (a million nodes and connectors in all) spent
/// 15 s there.
const ORDER_WORK: u64 = 60_000_000;

/// What is left of [`PLACE_WORK`], [`REROUTE_WORK`] and [`ORDER_WORK`]
/// while a poster is
/// laid out, block after block.
#[derive(Debug, Clone, Copy)]
struct Budget {
    place: f64,
    reroute: u64,
    order: u64,
}

impl Default for Budget {
    fn default() -> Budget {
        Budget {
            place: PLACE_WORK,
            reroute: REROUTE_WORK,
            order: ORDER_WORK,
        }
    }
}

impl Budget {
    /// Whether the coordinate assignment of a block of `nodes` nodes is
    /// still affordable; if so its work is spent.
    fn place(&mut self, nodes: usize) -> bool {
        let work = (nodes as f64).powi(3);
        if !affordable(nodes) || work > self.place {
            return false;
        }
        self.place -= work;
        true
    }
}

/// Lays out the whole graph in layers, flowing down or right.
pub fn layout(roadmap: &Roadmap, direction: Direction) -> Scene {
    build(roadmap, direction, Settings::default())
}

/// How the layout is made; only the tests change the defaults, to measure
/// what each part buys.
#[derive(Debug, Clone, Copy)]
struct Settings {
    /// Re-route the edges that pass through unrelated boxes.
    reroute: bool,
    /// Who orders the nodes within each layer.
    order: Ordering,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            reroute: true,
            order: Ordering::Sweeps,
        }
    }
}

/// Who orders the nodes within each layer of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ordering {
    /// Our own barycentre sweeps and swaps ([`order_layers`]), near linear.
    Sweeps,
    /// layout-rs's crossing optimiser and coordinate assignment, whatever
    /// they cost (tens of seconds on a thousand topics): the yardstick the
    /// tests compare against.
    #[cfg(test)]
    LayoutRs,
}

/// The graph handed to layout-rs: both kinds of edges, as a DAG.
#[derive(Debug)]
struct Flow {
    /// The edges in scene order: parent to child, then prerequisites.
    edges: Vec<FlowEdge>,
    /// Edge indices in the order layout-rs gets them: by the topological
    /// rank of their upstream end, then of their downstream end.
    feed: Vec<usize>,
}

/// An edge as handed to layout-rs.
#[derive(Debug, Clone, Copy)]
struct FlowEdge {
    from: usize,
    to: usize,
    kind: EdgeKind,
    /// Given to layout-rs as `to -> from` (only to break a cycle, which a
    /// valid roadmap never has), so its path runs backwards.
    reversed: bool,
    /// Never drawn (a port's pin to its section): it shapes the layers but
    /// its crossings do not count when ordering them.
    hidden: bool,
}

impl FlowEdge {
    /// The ends in the direction layout-rs sees: upstream layer first.
    fn flow_ends(&self) -> (usize, usize) {
        if self.reversed {
            (self.to, self.from)
        } else {
            (self.from, self.to)
        }
    }
}

/// What layout-rs produced, in its own coordinates.
#[derive(Debug, Default)]
struct Placement {
    /// Each topic's box as layout-rs drew it.
    drawn: Vec<Option<Rect>>,
    /// Each edge's path in flow direction, as layout-rs drew it: the
    /// Bezier points and the centres of the connectors it passes through.
    paths: Vec<Option<Path>>,
    /// Each topic's layer.
    level: Vec<Option<usize>>,
}

/// An edge's path from layout-rs.
#[derive(Debug, Clone)]
struct Path {
    /// Cubic Bezier in our format, from the flow source to the flow target.
    bezier: Vec<Point>,
    /// Centres of the virtual connector nodes in the layers between.
    via: Vec<Point>,
}

/// The layout, with re-routing of edges through boxes optional so that the
/// tests can measure what it fixes.
fn build(roadmap: &Roadmap, direction: Direction, settings: Settings) -> Scene {
    let accent = accents(roadmap);
    let boxes: Vec<SceneBox> = (0..roadmap.len())
        .map(|i| {
            let mut b = sized_box(roadmap, i, role(roadmap, i));
            b.style.accent = accent[i];
            b
        })
        .collect();
    if boxes.is_empty() {
        return finish(boxes, Vec::new());
    }
    let edges = flow(roadmap).edges;
    let (boxes, scene_edges) =
        Poster::new(roadmap, boxes, &edges, Frame(direction), settings).draw();
    finish(boxes, scene_edges)
}

/// Along the flow: the least gutter between the title and a row and
/// between two rows; across: the gap between two blocks of a row.
const GUTTER: f32 = 48.0;
/// Distance between two parallel lanes of routed edges.
const LANE: f32 = 6.0;
/// From a gutter's start to its first lane (the title's bus).
const GUTTER_PAD: f32 = 14.0;
/// From the content to the first lane of a highway beside it.
const HIGHWAY_PAD: f32 = 24.0;
/// Side of a port: the invisible node that carries an edge between
/// sections into its block.
const PORT: f32 = 4.0;
/// The wanted proportion, across the flow to along it: portrait 1:1.4
/// flowing down, landscape 1.4:1 flowing right.
const TARGET: f32 = 1.0 / 1.4;
/// How many row widths are tried when packing the blocks.
const TRIES: usize = 64;

/// One section laid out on its own by layout-rs, its top-left corner at
/// the origin.
#[derive(Debug)]
struct Block {
    /// Its boxes (with their roadmap topics).
    boxes: Vec<SceneBox>,
    /// Its own edges: index among all edges, and points.
    edges: Vec<(usize, Vec<Point>)>,
    /// Its ports, one per end of an edge to or from another block.
    ports: Vec<Port>,
    /// The extent along and across the flow.
    along: f32,
    across: f32,
}

/// Where an edge between blocks enters one of them.
#[derive(Debug)]
struct Port {
    /// The edge (index among all edges).
    edge: usize,
    /// Whether this is the edge's start (`from`), else its end.
    start: bool,
    /// The port's centre.
    at: Point,
    /// The curve layout-rs laid from the port to the topic.
    path: Vec<Point>,
}

/// One end of an edge between blocks, outside the blocks.
#[derive(Debug, Clone)]
struct End {
    /// The gutter it reaches (the one above its block's row, or the first
    /// one for the title).
    gutter: usize,
    /// Where it leaves the gutter: a port's centre or the bottom of the
    /// title.
    at: Point,
    /// The curve from `at` to the box (empty when `at` is on the box).
    path: Vec<Point>,
}

/// The sections laid out as blocks, packed in rows under the title, and
/// the edges between them routed through the gutters.
struct Poster<'a> {
    frame: Frame,
    edges: &'a [FlowEdge],
    boxes: Vec<SceneBox>,
    title: Option<usize>,
    blocks: Vec<Block>,
    /// For each edge: the block holding both ends, if one does.
    inner: Vec<Option<usize>>,
}

/// A packing of the blocks into rows, in flow coordinates.
#[derive(Debug, Default)]
struct Packing {
    /// Each block's row and start across.
    at: Vec<(usize, f32)>,
    /// Each row's extent along the flow.
    rows: Vec<f32>,
    /// The content's extent across (rows and title).
    across: f32,
    /// Lanes per gutter (lane 0 is the title's bus).
    gutter_lanes: Vec<usize>,
    /// Each edge's lanes: in its first and last gutter, and its highway
    /// (side: false left, true right) and lane there.
    lanes: Vec<Option<Lanes>>,
    /// Lanes per highway (left, right).
    highway_lanes: (usize, usize),
}

#[derive(Debug, Clone, Copy)]
struct Lanes {
    first: usize,
    last: usize,
    highway: Option<(bool, usize)>,
}

impl<'a> Poster<'a> {
    fn new(
        roadmap: &Roadmap,
        boxes: Vec<SceneBox>,
        edges: &'a [FlowEdge],
        frame: Frame,
        settings: Settings,
    ) -> Poster<'a> {
        let n = boxes.len();
        let title = roadmap.title();
        let sections = roadmap.sections();
        let mut block_of = vec![None; n];
        for (k, &s) in sections.iter().enumerate() {
            for t in roadmap.subtree(s) {
                if let Some(b) = block_of.get_mut(t) {
                    *b = Some(k);
                }
            }
        }
        // Anything in no section (never for a valid roadmap, bar the
        // title) becomes a block of its own.
        let mut sections = sections;
        for (t, b) in block_of.iter_mut().enumerate() {
            if b.is_none() && Some(t) != title {
                *b = Some(sections.len());
                sections.push(t);
            }
        }
        let mut inner = vec![None; edges.len()];
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); sections.len()];
        let mut own: Vec<Vec<usize>> = vec![Vec::new(); sections.len()];
        let mut ports: Vec<Vec<(usize, bool)>> = vec![Vec::new(); sections.len()];
        for (t, b) in block_of.iter().enumerate() {
            if let Some(b) = *b {
                members[b].push(t);
            }
        }
        for (k, e) in edges.iter().enumerate() {
            let (bf, bt) = (block_of[e.from], block_of[e.to]);
            if bf.is_some() && bf == bt {
                inner[k] = bf;
                if let Some(b) = bf {
                    own[b].push(k);
                }
                continue;
            }
            if let Some(b) = bf {
                ports[b].push((k, true));
            }
            if let Some(b) = bt {
                ports[b].push((k, false));
            }
        }
        let mut budget = Budget::default();
        let blocks = sections
            .iter()
            .enumerate()
            .map(|(b, &s)| {
                lay_block(
                    &boxes,
                    edges,
                    s,
                    &members[b],
                    &own[b],
                    &ports[b],
                    frame,
                    settings,
                    &mut budget,
                )
            })
            .collect();
        Poster {
            frame,
            edges,
            boxes,
            title,
            blocks,
            inner,
        }
    }

    /// The title's extent (along, across), if any.
    fn title_size(&self) -> (f32, f32) {
        self.title.map_or((0.0, 0.0), |t| {
            let r = self.boxes[t].rect;
            let (a, b) = self.frame.along(Rect::new(0.0, 0.0, r.width, r.height));
            (b - a, self.frame.across_extent(r))
        })
    }

    /// Packs the blocks in outline order into rows at most `width` across
    /// (a block wider than that gets a row of its own), centres the rows
    /// and gives every edge between blocks its lanes.
    fn pack(&self, width: f32) -> Packing {
        let mut p = Packing::default();
        let mut rows: Vec<Vec<usize>> = Vec::new();
        let mut used = 0.0f32;
        for (k, b) in self.blocks.iter().enumerate() {
            match rows.last_mut() {
                Some(row) if used + GUTTER + b.across <= width => {
                    row.push(k);
                    used += GUTTER + b.across;
                }
                _ => {
                    rows.push(vec![k]);
                    used = b.across;
                }
            }
        }
        let row_width = |row: &[usize]| {
            row.iter().map(|&k| self.blocks[k].across).sum::<f32>()
                + GUTTER * row.len().saturating_sub(1) as f32
        };
        p.across = rows
            .iter()
            .map(|r| row_width(r))
            .fold(self.title_size().1, f32::max);
        p.at = vec![(0, 0.0); self.blocks.len()];
        for (r, row) in rows.iter().enumerate() {
            let mut c = (p.across - row_width(row)) / 2.0;
            for &k in row {
                p.at[k] = (r, c);
                c += self.blocks[k].across + GUTTER;
            }
            p.rows.push(
                row.iter()
                    .map(|&k| self.blocks[k].along)
                    .fold(0.0, f32::max),
            );
        }
        self.assign_lanes(&mut p);
        p
    }

    /// The ends of every edge between blocks, for a packing whose rows
    /// start at `row_start` along the flow (0 while only counting lanes,
    /// when `paths` is false and the ends have no path: copying 100,000
    /// paths for each packing tried was a tenth of the work).
    fn ends(
        &self,
        p: &Packing,
        row_start: &[f32],
        title_at: Point,
        paths: bool,
    ) -> Vec<Option<(End, End)>> {
        let frame = self.frame;
        let mut ends: Vec<[Option<End>; 2]> = vec![[None, None]; self.edges.len()];
        for (k, b) in self.blocks.iter().enumerate() {
            let (row, c0) = p.at[k];
            let shift = frame.point(row_start.get(row).copied().unwrap_or(0.0), c0);
            let moved = |q: Point| Point::new(q.x + shift.x, q.y + shift.y);
            for port in &b.ports {
                let end = End {
                    gutter: row,
                    at: moved(port.at),
                    path: if paths {
                        port.path.iter().map(|&q| moved(q)).collect()
                    } else {
                        Vec::new()
                    },
                };
                ends[port.edge][usize::from(!port.start)] = Some(end);
            }
        }
        for (e, edge) in self.edges.iter().enumerate() {
            if self.inner[e].is_some() {
                continue;
            }
            for (i, t) in [edge.from, edge.to].into_iter().enumerate() {
                if Some(t) == self.title && ends[e][i].is_none() {
                    ends[e][i] = Some(End {
                        gutter: 0,
                        at: title_at,
                        path: Vec::new(),
                    });
                }
            }
        }
        ends.into_iter().map(|[a, b]| Some((a?, b?))).collect()
    }

    /// Gives each edge between blocks a lane in each gutter it runs along
    /// and in the highway it takes between two gutters; lanes in a gutter
    /// are shared by edges whose spans across do not meet.
    fn assign_lanes(&self, p: &mut Packing) {
        let frame = self.frame;
        let title_at = frame.point(0.0, p.across / 2.0);
        let ends = self.ends(p, &[], title_at, false);
        let gutters = p.rows.len().max(1);
        let bus = usize::from(self.title.is_some());
        // Spans across in each gutter: (lo, hi, edge, is the last gutter).
        let mut spans: Vec<Vec<(f32, f32, usize, bool)>> = vec![Vec::new(); gutters];
        let mut high: [Vec<(usize, usize, usize)>; 2] = [Vec::new(), Vec::new()];
        p.lanes = vec![None; self.edges.len()];
        for (e, end) in ends.iter().enumerate() {
            let Some((a, b)) = end else { continue };
            if self.edges[e].kind == EdgeKind::Contains && Some(self.edges[e].from) == self.title {
                continue;
            }
            let (ca, cb) = (frame.across(a.at), frame.across(b.at));
            if a.gutter == b.gutter {
                spans[a.gutter].push((ca.min(cb), ca.max(cb), e, false));
                continue;
            }
            let right = ca + cb > p.across;
            let side = |c: f32| {
                if right {
                    (c, f32::INFINITY)
                } else {
                    (f32::NEG_INFINITY, c)
                }
            };
            let (lo, hi) = side(ca);
            spans[a.gutter].push((lo, hi, e, false));
            let (lo, hi) = side(cb);
            spans[b.gutter].push((lo, hi, e, true));
            high[usize::from(right)].push((a.gutter.min(b.gutter), a.gutter.max(b.gutter), e));
        }
        p.gutter_lanes = vec![bus; gutters];
        for (g, list) in spans.iter_mut().enumerate() {
            list.sort_by(|x, y| {
                x.0.total_cmp(&y.0)
                    .then(x.1.total_cmp(&y.1))
                    .then(x.2.cmp(&y.2))
            });
            let mut lanes = LowestFree::default();
            for &(lo, hi, e, is_last) in list.iter() {
                let lane = lanes.take(|end| end + 2.0 * LANE < lo, hi);
                let l = p.lanes[e].get_or_insert(Lanes {
                    first: 0,
                    last: 0,
                    highway: None,
                });
                if is_last {
                    l.last = lane + bus;
                } else {
                    l.first = lane + bus;
                    l.last = lane + bus;
                }
            }
            p.gutter_lanes[g] = bus + lanes.len();
        }
        let mut counts = [0usize; 2];
        for (side, list) in high.iter_mut().enumerate() {
            list.sort_unstable();
            // The left highway's lane 0 is the title's bus.
            let first = if side == 0 { bus } else { 0 };
            let mut lanes = LowestFree::default();
            for &(lo, hi, e) in list.iter() {
                let lane = lanes.take(|end| (end as usize) < lo, hi as f32);
                if let Some(l) = p.lanes[e].as_mut() {
                    l.highway = Some((side == 1, lane + first));
                }
            }
            counts[side] = first + lanes.len();
        }
        p.highway_lanes = (counts[0], counts[1]);
    }

    /// Each gutter's extent along the flow.
    fn gutter_sizes(p: &Packing) -> Vec<f32> {
        p.gutter_lanes
            .iter()
            .map(|&l| GUTTER.max(2.0 * GUTTER_PAD + l.saturating_sub(1) as f32 * LANE))
            .collect()
    }

    /// The drawing's extent (along, across) for a packing.
    fn extent(&self, p: &Packing) -> (f32, f32) {
        let along = self.title_size().0
            + Self::gutter_sizes(p).iter().sum::<f32>()
            + p.rows.iter().sum::<f32>();
        let highway = |l: usize| {
            if l > 0 {
                HIGHWAY_PAD + (l - 1) as f32 * LANE
            } else {
                0.0
            }
        };
        let across = p.across + highway(p.highway_lanes.0) + highway(p.highway_lanes.1);
        (along + 2.0 * MARGIN, across + 2.0 * MARGIN)
    }

    /// The packing closest to the wanted proportion among a range of row
    /// widths, from the widest block to all blocks in one row.
    fn best_packing(&self) -> Packing {
        let widest = self.blocks.iter().map(|b| b.across).fold(1.0f32, f32::max);
        let all = self
            .blocks
            .iter()
            .map(|b| b.across + GUTTER)
            .sum::<f32>()
            .max(widest);
        let mut best: Option<(f32, Packing)> = None;
        for i in 0..=TRIES {
            let width = widest * (all / widest).powf(i as f32 / TRIES as f32);
            let p = self.pack(width);
            let (along, across) = self.extent(&p);
            let miss = ((across / along).ln() - TARGET.ln()).abs();
            if best.as_ref().is_none_or(|(m, _)| miss < *m) {
                best = Some((miss, p));
            }
        }
        best.map(|(_, p)| p).unwrap_or_default()
    }

    /// Places everything and routes the edges between blocks.
    fn draw(mut self) -> (Vec<SceneBox>, Vec<SceneEdge>) {
        let frame = self.frame;
        let p = self.best_packing();
        let gutters = Self::gutter_sizes(&p);
        let (title_along, title_across) = self.title_size();
        // Along the flow: title, then each gutter and its row.
        let mut gutter_start = Vec::with_capacity(gutters.len());
        let mut row_start = Vec::with_capacity(p.rows.len());
        let mut f = title_along;
        for (g, size) in gutters.iter().enumerate() {
            gutter_start.push(f);
            f += size;
            row_start.push(f);
            f += p.rows.get(g).copied().unwrap_or(0.0);
        }
        let title_at = frame.point(title_along, p.across / 2.0);
        if let Some(t) = self.title {
            let corner = frame.point(0.0, (p.across - title_across) / 2.0);
            self.boxes[t].rect.x = corner.x;
            self.boxes[t].rect.y = corner.y;
        }
        let mut points: Vec<Option<Vec<Point>>> = vec![None; self.edges.len()];
        for (k, b) in self.blocks.iter().enumerate() {
            let (row, c0) = p.at[k];
            let shift = frame.point(row_start[row], c0);
            for bx in &b.boxes {
                let r = &mut self.boxes[bx.topic].rect;
                r.x = bx.rect.x + shift.x;
                r.y = bx.rect.y + shift.y;
            }
            for (e, pts) in &b.edges {
                points[*e] = Some(
                    pts.iter()
                        .map(|q| Point::new(q.x + shift.x, q.y + shift.y))
                        .collect(),
                );
            }
        }

        let lane_at = |g: usize, l: usize| gutter_start[g] + GUTTER_PAD + l as f32 * LANE;
        let highway_at = |right: bool, l: usize| {
            if right {
                p.across + HIGHWAY_PAD + l as f32 * LANE
            } else {
                -HIGHWAY_PAD - l as f32 * LANE
            }
        };
        let ends = self.ends(&p, &row_start, title_at, true);
        for (e, end) in ends.into_iter().enumerate() {
            let Some((a, b)) = end else { continue };
            let edge = self.edges[e];
            let bus = edge.kind == EdgeKind::Contains && Some(edge.from) == self.title;
            let lanes = if bus {
                Lanes {
                    first: 0,
                    last: 0,
                    highway: (a.gutter != b.gutter).then_some((false, 0)),
                }
            } else {
                p.lanes[e].unwrap_or(Lanes {
                    first: 0,
                    last: 0,
                    highway: None,
                })
            };
            let mut line = Line::new(a.path.iter().rev().copied().collect());
            line.to(a.at);
            let (ca, cb) = (frame.across(a.at), frame.across(b.at));
            let fa = lane_at(a.gutter, lanes.first);
            line.to(frame.point(fa, ca));
            match lanes.highway {
                Some((right, l)) if a.gutter != b.gutter => {
                    let fb = lane_at(b.gutter, lanes.last);
                    let c = highway_at(right, l);
                    line.to(frame.point(fa, c));
                    line.to(frame.point(fb, c));
                    line.to(frame.point(fb, cb));
                }
                _ => line.to(frame.point(fa, cb)),
            }
            line.to(b.at);
            line.extend(&b.path);
            points[e] = Some(line.points);
        }

        let mut scene_edges = Vec::with_capacity(self.edges.len());
        for (e, edge) in self.edges.iter().enumerate() {
            let pts = points[e].take().unwrap_or_else(|| {
                straight(self.boxes[edge.from].rect, self.boxes[edge.to].rect, frame)
            });
            scene_edges.push(SceneEdge {
                kind: edge.kind,
                from: edge.from,
                to: edge.to,
                points: pts,
                curve: Curve::Bezier,
                arrow: edge.kind == EdgeKind::Prerequisite,
            });
        }
        (self.boxes, scene_edges)
    }
}

/// A cubic Bezier of straight pieces and borrowed curves.
struct Line {
    points: Vec<Point>,
}

impl Line {
    /// Starts with a Bezier (at least its first point).
    fn new(start: Vec<Point>) -> Line {
        let mut line = Line { points: Vec::new() };
        line.extend(&start);
        line
    }

    /// A straight piece to `p`, skipped when already there.
    fn to(&mut self, p: Point) {
        let Some(&a) = self.points.last() else {
            self.points.push(p);
            return;
        };
        if (a.x - p.x).abs() < 0.01 && (a.y - p.y).abs() < 0.01 {
            return;
        }
        self.points
            .extend([lerp(a, p, 1.0 / 3.0), lerp(a, p, 2.0 / 3.0), p]);
    }

    /// A Bezier appended, joined by a straight piece if it starts
    /// elsewhere.
    fn extend(&mut self, bezier: &[Point]) {
        let Some(&first) = bezier.first() else { return };
        self.to(first);
        self.points.extend_from_slice(&bezier[1..]);
    }
}

/// Lays out one section (`members`, its own `edges`) with layout-rs, with
/// a port in its first layer for each end of an edge to another block
/// (`ports`: edge index, whether it starts here). Each port is pinned to
/// the section box by a hidden edge, so that the ports form the first
/// layer, above the section, and layout-rs cannot sink them.
#[allow(clippy::too_many_arguments)]
fn lay_block(
    all: &[SceneBox],
    edges: &[FlowEdge],
    section: usize,
    members: &[usize],
    own: &[usize],
    ports: &[(usize, bool)],
    frame: Frame,
    settings: Settings,
    budget: &mut Budget,
) -> Block {
    let mut local = vec![usize::MAX; all.len()];
    let mut boxes: Vec<SceneBox> = Vec::with_capacity(members.len() + ports.len());
    for (i, &t) in members.iter().enumerate() {
        local[t] = i;
        let mut b = all[t].clone();
        b.topic = i;
        boxes.push(b);
    }
    let root = local.get(section).copied().unwrap_or(0);
    let mut pairs: Vec<(usize, usize, EdgeKind)> = own
        .iter()
        .map(|&k| (local[edges[k].from], local[edges[k].to], edges[k].kind))
        .collect();
    let mut port_edge = Vec::with_capacity(ports.len());
    for &(k, start) in ports {
        let topic = if start { edges[k].from } else { edges[k].to };
        let node = boxes.len();
        let mut b = all[section].clone();
        b.topic = node;
        b.rect = Rect::new(0.0, 0.0, PORT, PORT);
        boxes.push(b);
        port_edge.push(pairs.len());
        pairs.push((node, local[topic], EdgeKind::Prerequisite));
        if local[topic] != root {
            pairs.push((node, root, EdgeKind::Contains));
        }
    }
    let mut flow = Flow::new(boxes.len(), pairs);
    for e in &mut flow.edges[own.len()..] {
        e.hidden = e.kind == EdgeKind::Contains;
    }
    let placement = place_within(&boxes, &flow, frame.0, settings.order, budget);
    let (placed, drawn) = arrange(
        boxes,
        &flow.edges,
        &placement,
        frame,
        settings.reroute,
        budget,
    );

    // The block's extent: its boxes, ports and the edges it draws.
    let shown = own.len();
    let extent = scene::bounds(
        &placed,
        drawn[..shown]
            .iter()
            .chain(port_edge.iter().map(|&i| &drawn[i])),
    );
    let lo = Point::new(extent.x, extent.y);
    let hi = Point::new(extent.right(), extent.bottom());
    let moved = |p: Point| Point::new(p.x - lo.x, p.y - lo.y);
    let block_boxes = placed[..members.len()]
        .iter()
        .zip(members)
        .map(|(b, &t)| {
            let mut b = b.clone();
            b.topic = t;
            b.rect.x -= lo.x;
            b.rect.y -= lo.y;
            b
        })
        .collect();
    let block_edges = own
        .iter()
        .zip(&drawn)
        .map(|(&k, e)| (k, e.points.iter().map(|&p| moved(p)).collect()))
        .collect();
    let block_ports = ports
        .iter()
        .zip(&port_edge)
        .enumerate()
        .map(|(j, (&(edge, start), &i))| Port {
            edge,
            start,
            at: moved(placed[members.len() + j].rect.center()),
            path: drawn[i].points.iter().map(|&p| moved(p)).collect(),
        })
        .collect();
    let size = Rect::new(0.0, 0.0, hi.x - lo.x, hi.y - lo.y);
    let (a0, a1) = frame.along(size);
    Block {
        boxes: block_boxes,
        edges: block_edges,
        ports: block_ports,
        along: a1 - a0,
        across: frame.across_extent(size),
    }
}

/// [`arrange`] and [`finish`]: one layout-rs drawing as a whole scene.
#[cfg(test)]
fn assemble(
    boxes: Vec<SceneBox>,
    edges: &[FlowEdge],
    placement: &Placement,
    frame: Frame,
    reroute: bool,
) -> Scene {
    let (boxes, edges) = arrange(
        boxes,
        edges,
        placement,
        frame,
        reroute,
        &mut Budget::default(),
    );
    finish(boxes, edges)
}

/// Puts the boxes where layout-rs placed them and turns its paths into
/// edges (re-routing those through unrelated boxes), in layout-rs's
/// coordinates. Each box's `topic` is its index among `boxes`, and so are
/// the edges' ends.
fn arrange(
    mut boxes: Vec<SceneBox>,
    edges: &[FlowEdge],
    placement: &Placement,
    frame: Frame,
    reroute: bool,
    budget: &mut Budget,
) -> (Vec<SceneBox>, Vec<SceneEdge>) {
    let corners = fallback_positions(&boxes, &placement.drawn, frame);
    for (b, c) in boxes.iter_mut().zip(&corners) {
        b.rect.x = c.x;
        b.rect.y = c.y;
    }

    let level = |t: usize| placement.level.get(t).copied().flatten();
    let bands = layer_bands(&boxes, &placement.level, frame);
    let grid = Grid::new(&boxes);
    let mut scene_edges = Vec::with_capacity(edges.len());
    for (k, e) in edges.iter().enumerate() {
        // Worked on in flow direction; turned round at the end if needed.
        let (src, dst) = e.flow_ends();
        let path = placement.paths.get(k).and_then(Option::as_ref);
        let mut edge = SceneEdge {
            kind: e.kind,
            from: src,
            to: dst,
            points: match path {
                Some(p) => p.bezier.clone(),
                None => straight(boxes[src].rect, boxes[dst].rect, frame),
            },
            curve: Curve::Bezier,
            arrow: e.kind == EdgeKind::Prerequisite,
        };
        if reroute
            && !grid
                .blocked_within(&edge, &boxes, &mut budget.reroute)
                .is_empty()
        {
            if let (Some(p), Some(ls), Some(ld)) = (path, level(src), level(dst)) {
                let (from, to) = (boxes[src].rect, boxes[dst].rect);
                if let Some(route) = gap_route(from, to, (ls, ld), &p.via, &bands, frame) {
                    edge.points = route;
                }
            }
        }
        if e.reversed {
            edge.points.reverse();
            (edge.from, edge.to) = (e.from, e.to);
        }
        scene_edges.push(edge);
    }
    (boxes, scene_edges)
}

/// The section colour of each topic: the index of its section among
/// [`Roadmap::sections`]; the title has none.
fn accents(roadmap: &Roadmap) -> Vec<Option<usize>> {
    let mut accent = vec![None; roadmap.len()];
    for (k, s) in roadmap.sections().into_iter().enumerate() {
        for t in roadmap.subtree(s) {
            if let Some(a) = accent.get_mut(t) {
                *a = Some(k);
            }
        }
    }
    accent
}

/// The flow: every parent to child, then every prerequisite, each pair
/// once.
fn flow(roadmap: &Roadmap) -> Flow {
    let n = roadmap.len();
    let mut seen = HashSet::new();
    let mut pairs = Vec::new();
    for child in 0..n {
        if let Some(parent) = roadmap.parent(child) {
            if parent < n && parent != child && seen.insert((parent, child)) {
                pairs.push((parent, child, EdgeKind::Contains));
            }
        }
    }
    for (from, to, _) in roadmap.prerequisites() {
        if from < n && to < n && from != to && seen.insert((from, to)) {
            pairs.push((from, to, EdgeKind::Prerequisite));
        }
    }
    Flow::new(n, pairs)
}

impl Flow {
    /// Orients the edges (`from`, `to`, kind) among `n` nodes into a DAG
    /// and orders them for layout-rs.
    fn new(n: usize, pairs: Vec<(usize, usize, EdgeKind)>) -> Flow {
        let rank = topological_rank(n, &pairs);
        let edges: Vec<FlowEdge> = pairs
            .into_iter()
            .map(|(from, to, kind)| FlowEdge {
                from,
                to,
                kind,
                reversed: rank[from] > rank[to],
                hidden: false,
            })
            .collect();
        let mut feed: Vec<usize> = (0..edges.len()).collect();
        feed.sort_by_key(|&k| {
            let (a, b) = edges[k].flow_ends();
            (rank[a], rank[b], k)
        });
        Flow { edges, feed }
    }
}

/// A topological rank of the nodes (Kahn's algorithm, smallest index
/// first, so deterministic). Nodes on a cycle, which a valid roadmap never
/// has, are ranked after the rest in index order; the edges that then point
/// backwards are reversed by the caller.
fn topological_rank(n: usize, pairs: &[(usize, usize, EdgeKind)]) -> Vec<usize> {
    let mut succ = vec![Vec::new(); n];
    let mut indegree = vec![0usize; n];
    for &(from, to, _) in pairs {
        succ[from].push(to);
        indegree[to] += 1;
    }
    let mut ready: BinaryHeap<Reverse<usize>> =
        (0..n).filter(|&i| indegree[i] == 0).map(Reverse).collect();
    let mut rank = vec![usize::MAX; n];
    let mut next = 0;
    while let Some(Reverse(u)) = ready.pop() {
        rank[u] = next;
        next += 1;
        for &v in &succ[u] {
            indegree[v] -= 1;
            if indegree[v] == 0 {
                ready.push(Reverse(v));
            }
        }
    }
    for r in rank.iter_mut().filter(|r| **r == usize::MAX) {
        *r = next;
        next += 1;
    }
    rank
}

/// Runs layout-rs on the boxes and edges and reads the result back.
///
/// layout-rs asserts its invariants with panics; a valid input never trips
/// them, but if one does the layout is retried without its coordinate
/// assignment, and failing that an empty placement is returned (every box
/// then gets a fallback position).
#[cfg(test)]
fn place(boxes: &[SceneBox], flow: &Flow, direction: Direction, order: Ordering) -> Placement {
    place_within(boxes, flow, direction, order, &mut Budget::default())
}

/// [`place`], spending the coordinate assignment's work from `budget`.
fn place_within(
    boxes: &[SceneBox],
    flow: &Flow,
    direction: Direction,
    order: Ordering,
    budget: &mut Budget,
) -> Placement {
    for coordinates in [true, false] {
        let run = panic::catch_unwind(AssertUnwindSafe(|| match order {
            Ordering::Sweeps => run_layout_rs(boxes, flow, direction, coordinates, budget),
            #[cfg(test)]
            Ordering::LayoutRs => run_layout_rs_whole(boxes, flow, direction, !coordinates),
        }));
        if let Ok(placement) = run {
            return placement;
        }
    }
    Placement::default()
}

/// An arrow carrying its edge's index in its properties (`e3`).
fn arrow(k: usize) -> Arrow {
    Arrow::with_properties(
        LineEndKind::None,
        LineEndKind::Arrow,
        LineStyleKind::Normal,
        "",
        &StyleAttr::simple(),
        format!("e{k}"),
        &None,
        &None,
    )
}

/// A graph for layout-rs: one box per node, at exactly its size, and the
/// edges in feed order. Returns the graph and each node's handle.
fn visual_graph(
    boxes: &[SceneBox],
    flow: &Flow,
    orientation: Orientation,
) -> (VisualGraph, Vec<NodeHandle>) {
    let mut vg = VisualGraph::new(orientation);
    // Its validation re-checks the whole DAG by path enumeration after every
    // edge; our edges are a DAG by construction.
    vg.dag.set_validate(false);
    let handles: Vec<_> = boxes
        .iter()
        .enumerate()
        .map(|(i, b)| {
            // A Box keeps the size it is created with: layout-rs's resize()
            // only recomputes connectors.
            let size = LPoint::new(f64::from(b.rect.width), f64::from(b.rect.height));
            let element = Element::create_with_properties(
                ShapeKind::new_box(""),
                StyleAttr::simple(),
                orientation,
                size,
                format!("t{i}"),
            );
            vg.add_node(element)
        })
        .collect();
    // layout-rs checks every new edge for a path back from its target (to
    // reverse back edges) by an exhaustive search. Fed in topological order
    // of their upstream ends, a new edge's target has no outgoing edges
    // yet, so each check ends at once.
    for &k in &flow.feed {
        let (a, b) = flow.edges[k].flow_ends();
        vg.add_edge(arrow(k), handles[a], handles[b]);
    }
    (vg, handles)
}

fn orientation(direction: Direction) -> Orientation {
    match direction {
        Direction::Down => Orientation::TopToBottom,
        Direction::Right => Orientation::LeftToRight,
    }
}

/// Whether layout-rs's coordinate assignment (Brandes-Köpf) is affordable
/// for a graph of `nodes` nodes, connectors included (see
/// [`PLACE_NODES`]).
fn affordable(nodes: usize) -> bool {
    nodes as f64 <= PLACE_NODES
}

/// One layout-rs run, its passes called one by one so that the order of
/// the nodes within the layers is ours ([`order_layers`]) rather than its
/// crossing optimiser's, which grows with the cube of the layer widths:
///
/// 1. its ranking (longest path, then sinking nodes to shorten edges);
/// 2. every edge spanning several layers split by a connector per layer
///    between, as layout-rs does, but remembering each edge's chain;
/// 3. our ordering of each layer;
/// 4. its placement (Brandes-Köpf when [`affordable`] and `coordinates`,
///    else each layer packed from the start);
/// 5. its curve through each chain, read like its renderer draws it.
fn run_layout_rs(
    boxes: &[SceneBox],
    flow: &Flow,
    direction: Direction,
    coordinates: bool,
    budget: &mut Budget,
) -> Placement {
    let orientation = orientation(direction);
    let (mut vg, handles) = visual_graph(boxes, flow, orientation);
    vg.to_valid_dag();
    vg.dag.recompute_node_ranks();
    RankOptimizer::new(&mut vg.dag).optimize();

    let mut level = vec![0usize; vg.dag.len()];
    for (l, row) in vg.dag.ranks().iter().enumerate() {
        for h in row {
            if let Some(slot) = level.get_mut(h.get_index()) {
                *slot = l;
            }
        }
    }
    let mut chains: Vec<Option<Vec<NodeHandle>>> = vec![None; flow.edges.len()];
    for &k in &flow.feed {
        let (a, b) = flow.edges[k].flow_ends();
        let (ha, hb) = (handles[a], handles[b]);
        let (la, lb) = (level[a], level[b]);
        // Never otherwise for a DAG fed in topological order; such an edge
        // is then drawn straight by the caller.
        if la >= lb {
            continue;
        }
        let mut chain = vec![ha];
        if lb > la + 1 {
            vg.dag.remove_edge(ha, hb);
            for l in la + 1..lb {
                let c = vg.add_node(Element::empty_connector(orientation));
                level.push(l);
                let prev = chain[chain.len() - 1];
                vg.dag.add_edge(prev, c);
                chain.push(c);
            }
            vg.dag.add_edge(chain[chain.len() - 1], hb);
        }
        chain.push(hb);
        chains[k] = Some(chain);
    }

    let n = vg.dag.len();
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &k in &flow.feed {
        if let (Some(chain), false) = (&chains[k], flow.edges[k].hidden) {
            for w in chain.windows(2) {
                succ[w[0].get_index()].push(w[1].get_index());
            }
        }
    }
    let layers = level.iter().max().map_or(0, |m| m + 1);
    let rows = order_layers(&level, &succ, layers, &mut budget.order);
    *vg.dag.ranks_mut() = rows
        .into_iter()
        .map(|row| row.into_iter().map(NodeHandle::from).collect())
        .collect();
    for h in vg.dag.iter() {
        vg.element_mut(h).resize();
    }
    Placer::new(&mut vg).layout(!(coordinates && budget.place(n)));

    let drawn = handles
        .iter()
        .map(|&h| {
            let pos = vg.element(h).position();
            let (at, size) = (pt(pos.bbox(false).0), pt(pos.size(false)));
            [at.x, at.y, size.x, size.y]
                .iter()
                .all(|v| v.is_finite())
                .then(|| Rect::new(at.x, at.y, size.x, size.y))
        })
        .collect();
    let paths = chains
        .iter()
        .enumerate()
        .map(|(k, chain)| {
            let elements: Vec<Element> = chain
                .as_ref()?
                .iter()
                .map(|&h| vg.element(h).clone())
                .collect();
            // 30 is the force layout-rs's own renderer bends curves with.
            bezier_from_path(&generate_curve_for_elements(&elements, &arrow(k), 30.0))
        })
        .collect();
    let level = level[..boxes.len()].iter().map(|&l| Some(l)).collect();
    Placement {
        drawn,
        paths,
        level,
    }
}

/// How many sweeps [`order_layers`] makes at most in a round (each down
/// and up).
const SWEEPS: usize = 12;
/// How many rounds of sweeps and swaps [`order_layers`] makes at most.
const ROUNDS: usize = 4;
/// The swap passes of [`order_layers`] stop after this many neighbour
/// comparisons per edge, so that they stay linear.
const SWAP_WORK: usize = 64;

/// Orders the nodes of each layer to reduce edge crossings, for a layered
/// graph whose edges (`succ`) each join a layer (`level`) to the next; the
/// result is each layer's nodes in order.
///
/// A depth-first order from the roots (outline order, so a tree starts out
/// without crossings) is improved by [`SWEEPS`] barycentre sweeps, down
/// then up, each node placed at the mean position of its neighbours in the
/// layer just placed (nodes without any keep their slots); the best order
/// seen, by [`layer_crossings`], is kept. Then passes of adjacent swaps
/// exchange two neighbours when that reduces their crossings with both
/// adjacent layers, until none does or [`SWAP_WORK`] is spent.
///
/// Each sweep costs O(E log E) for E edges, the swaps O(E) in all: near
/// linear, where layout-rs's optimiser grows with the cube of the widths.
fn order_layers(
    level: &[usize],
    succ: &[Vec<usize>],
    layers: usize,
    work: &mut u64,
) -> Vec<Vec<usize>> {
    let n = level.len();
    // What a sweep or a swap pass costs of `work`.
    let cost = (n + succ.iter().map(Vec::len).sum::<usize>()) as u64;
    let mut pred: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (v, s) in succ.iter().enumerate() {
        for &w in s {
            pred[w].push(v);
        }
    }
    // Depth first from the roots, in node order, children in edge order.
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); layers];
    let mut seen = vec![false; n];
    let mut stack = Vec::new();
    let mut roots: Vec<usize> = (0..n).filter(|&v| pred[v].is_empty()).collect();
    roots.extend(0..n);
    for root in roots {
        stack.push(root);
        while let Some(v) = stack.pop() {
            if std::mem::replace(&mut seen[v], true) {
                continue;
            }
            rows[level[v]].push(v);
            stack.extend(succ[v].iter().rev().filter(|&&w| !seen[w]));
        }
    }

    let mut pos = vec![0usize; n];
    let index = |rows: &[Vec<usize>], pos: &mut [usize]| {
        for row in rows {
            for (i, &v) in row.iter().enumerate() {
                pos[v] = i;
            }
        }
    };
    index(&rows, &mut pos);
    let total = |rows: &[Vec<usize>], pos: &[usize]| -> usize {
        rows.windows(2)
            .map(|w| layer_crossings(&w[0], succ, pos))
            .sum()
    };
    let mut best = total(&rows, &pos);
    let mut best_rows = rows.clone();
    let mut keyed: Vec<(f64, usize, usize)> = Vec::new();
    let mut slots = Vec::new();
    for _ in 0..ROUNDS {
        let start = best;
        for _ in 0..SWEEPS {
            if best == 0 || *work < cost {
                break;
            }
            *work -= cost;
            for down in [true, false] {
                let (near, order): (&[Vec<usize>], Vec<usize>) = if down {
                    (&pred, (1..layers).collect())
                } else {
                    (succ, (0..layers.saturating_sub(1)).rev().collect())
                };
                for l in order {
                    keyed.clear();
                    slots.clear();
                    for (slot, &v) in rows[l].iter().enumerate() {
                        if near[v].is_empty() {
                            continue;
                        }
                        let sum: usize = near[v].iter().map(|&w| pos[w]).sum();
                        keyed.push((sum as f64 / near[v].len() as f64, slot, v));
                        slots.push(slot);
                    }
                    keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                    for (&slot, &(_, _, v)) in slots.iter().zip(&keyed) {
                        rows[l][slot] = v;
                        pos[v] = slot;
                    }
                }
            }
            let now = total(&rows, &pos);
            if now < best {
                best = now;
                best_rows.clone_from(&rows);
            }
        }
        if *work < cost {
            break;
        }
        *work -= cost;
        rows.clone_from(&best_rows);
        index(&rows, &mut pos);
        swap_neighbours(&mut rows, &mut pos, succ, &pred);
        let now = total(&rows, &pos);
        if now < best {
            best = now;
            best_rows.clone_from(&rows);
        }
        if best >= start {
            break;
        }
    }
    best_rows
}

/// Adjacent swaps, see [`order_layers`].
fn swap_neighbours(
    rows: &mut [Vec<usize>],
    pos: &mut [usize],
    succ: &[Vec<usize>],
    pred: &[Vec<usize>],
) {
    let edges: usize = succ.iter().map(Vec::len).sum();
    let mut budget = SWAP_WORK * (edges + rows.len());
    let mut changed = true;
    let (mut a_near, mut b_near) = (Vec::new(), Vec::new());
    while changed && budget > 0 {
        changed = false;
        for row in rows.iter_mut() {
            for i in 1..row.len() {
                let (a, b) = (row[i - 1], row[i]);
                let mut keep = 0;
                let mut swap = 0;
                for near in [pred, succ] {
                    a_near.clear();
                    a_near.extend(near[a].iter().map(|&w| pos[w]));
                    b_near.clear();
                    b_near.extend(near[b].iter().map(|&w| pos[w]));
                    budget = budget.saturating_sub(1 + a_near.len() + b_near.len());
                    keep += pair_crossings(&mut a_near, &mut b_near);
                    swap += pair_crossings(&mut b_near, &mut a_near);
                }
                if swap < keep {
                    row.swap(i - 1, i);
                    pos[a] = i;
                    pos[b] = i - 1;
                    changed = true;
                }
            }
            if budget == 0 {
                return;
            }
        }
    }
}

/// How many pairs (x of `left`, y of `right`) have x after y: the
/// crossings between the edges of two neighbours, the first on the left,
/// to the positions given. Sorts both.
fn pair_crossings(left: &mut [usize], right: &mut [usize]) -> usize {
    left.sort_unstable();
    right.sort_unstable();
    // For each y, the xs strictly after it.
    let mut count = 0;
    let mut i = 0;
    for &y in right.iter() {
        while i < left.len() && left[i] <= y {
            i += 1;
        }
        count += left.len() - i;
    }
    count
}

/// The crossings between the edges leaving `row` (all into the next
/// layer), to the positions `pos`: inversions of the targets when the
/// edges are sorted by source, counted with a Fenwick tree, O(E log E).
fn layer_crossings(row: &[usize], succ: &[Vec<usize>], pos: &[usize]) -> usize {
    let mut ends: Vec<(usize, usize)> = row
        .iter()
        .flat_map(|&v| succ[v].iter().map(move |&w| (pos[v], pos[w])))
        .collect();
    ends.sort_unstable();
    let width = ends.iter().map(|e| e.1 + 1).max().unwrap_or(0);
    let mut tree = vec![0usize; width + 1];
    let mut count = 0;
    for (seen, &(_, t)) in ends.iter().enumerate() {
        // Edges so far with a target at or before t.
        let mut i = t + 1;
        let mut le = 0;
        while i > 0 {
            le += tree[i];
            i &= i - 1;
        }
        count += seen - le;
        let mut i = t + 1;
        while i <= width {
            tree[i] += 1;
            i += i & i.wrapping_neg();
        }
    }
    count
}

/// One layout-rs run of the whole pipeline, its crossing optimiser
/// included.
#[cfg(test)]
fn run_layout_rs_whole(
    boxes: &[SceneBox],
    flow: &Flow,
    direction: Direction,
    disable: bool,
) -> Placement {
    let (mut vg, _) = visual_graph(boxes, flow, orientation(direction));
    let mut recorder = Recorder {
        drawn: vec![None; boxes.len()],
        paths: vec![None; flow.edges.len()],
    };
    vg.do_it(false, disable, disable, &mut recorder);

    // Layers: boxes were added first, so a node handle below the box count
    // is that topic; the rest are layout-rs's connectors.
    let mut level = vec![None; boxes.len()];
    for l in 0..vg.dag.num_levels() {
        for h in vg.dag.row(l) {
            if let Some(slot) = level.get_mut(h.get_index()) {
                *slot = Some(l);
            }
        }
    }
    Placement {
        drawn: recorder.drawn,
        paths: recorder.paths,
        level,
    }
}

/// A layout-rs backend that records where the boxes and edges went.
#[cfg(test)]
struct Recorder {
    drawn: Vec<Option<Rect>>,
    paths: Vec<Option<Path>>,
}

/// The number after `prefix` in a property string (`t12`, `e3`).
#[cfg(test)]
fn tagged(properties: Option<String>, prefix: char) -> Option<usize> {
    properties?.strip_prefix(prefix)?.parse().ok()
}

/// A layout-rs point in ours.
fn pt(p: LPoint) -> Point {
    Point::new(p.x as f32, p.y as f32)
}

#[cfg(test)]
impl RenderBackend for Recorder {
    fn draw_rect(
        &mut self,
        xy: LPoint,
        size: LPoint,
        _look: &StyleAttr,
        properties: Option<String>,
        _clip: Option<ClipHandle>,
    ) {
        let (at, size) = (pt(xy), pt(size));
        if let Some(slot) = tagged(properties, 't').and_then(|t| self.drawn.get_mut(t)) {
            if [at.x, at.y, size.x, size.y].iter().all(|v| v.is_finite()) {
                *slot = Some(Rect::new(at.x, at.y, size.x, size.y));
            }
        }
    }

    fn draw_line(&mut self, _: LPoint, _: LPoint, _: &StyleAttr, _: Option<String>) {}

    fn draw_circle(&mut self, _: LPoint, _: LPoint, _: &StyleAttr, _: Option<String>) {}

    fn draw_text(&mut self, _: LPoint, _: &str, _: &StyleAttr) {}

    fn draw_arrow(
        &mut self,
        path: &[(LPoint, LPoint)],
        _dashed: bool,
        _head: (bool, bool),
        _look: &StyleAttr,
        properties: Option<String>,
        _text: &str,
    ) {
        if let Some(slot) = tagged(properties, 'e').and_then(|k| self.paths.get_mut(k)) {
            *slot = bezier_from_path(path);
        }
    }

    fn create_clip(&mut self, _: LPoint, _: LPoint, _: usize) -> ClipHandle {
        0
    }
}

/// Converts layout-rs's arrow path to our cubic Bezier points.
///
/// As its SVG backend reads it: `path[0]` is (start, its control point),
/// every later entry is (control point, point on the curve); the first
/// piece is `M p0.0 C p0.1 p1.0 p1.1`, each later one is SVG's smooth `S`,
/// whose first control point mirrors the previous second one through the
/// previous end. The points on the curve after the first and before the
/// last are the connectors' centres.
fn bezier_from_path(path: &[(LPoint, LPoint)]) -> Option<Path> {
    let (first, second) = (path.first()?, path.get(1)?);
    let mut bezier = vec![pt(first.0), pt(first.1), pt(second.0), pt(second.1)];
    for &(control, end) in &path[2..] {
        let (c2, at) = (bezier[bezier.len() - 2], bezier[bezier.len() - 1]);
        bezier.push(Point::new(2.0 * at.x - c2.x, 2.0 * at.y - c2.y));
        bezier.push(pt(control));
        bezier.push(pt(end));
    }
    let via = path[1..path.len() - 1].iter().map(|s| pt(s.1)).collect();
    bezier
        .iter()
        .all(|p| p.x.is_finite() && p.y.is_finite())
        .then_some(Path { bezier, via })
}

/// The flow direction's coordinates: `f` along the flow (y when going down,
/// x when going right), `c` across it.
#[derive(Debug, Clone, Copy)]
struct Frame(Direction);

impl Frame {
    /// The point at `f` along the flow and `c` across it.
    fn point(self, f: f32, c: f32) -> Point {
        match self.0 {
            Direction::Down => Point::new(c, f),
            Direction::Right => Point::new(f, c),
        }
    }

    /// The rectangle's extent along the flow.
    fn along(self, r: Rect) -> (f32, f32) {
        match self.0 {
            Direction::Down => (r.y, r.bottom()),
            Direction::Right => (r.x, r.right()),
        }
    }

    /// The rectangle's middle across the flow.
    fn across_mid(self, r: Rect) -> f32 {
        match self.0 {
            Direction::Down => r.x + r.width / 2.0,
            Direction::Right => r.y + r.height / 2.0,
        }
    }

    /// The rectangle's size across the flow.
    fn across_extent(self, r: Rect) -> f32 {
        match self.0 {
            Direction::Down => r.width,
            Direction::Right => r.height,
        }
    }

    /// The point's coordinate across the flow.
    fn across(self, p: Point) -> f32 {
        match self.0 {
            Direction::Down => p.x,
            Direction::Right => p.y,
        }
    }

    /// The point's coordinate along the flow.
    fn along_of(self, p: Point) -> f32 {
        match self.0 {
            Direction::Down => p.y,
            Direction::Right => p.x,
        }
    }
}

/// Top-left corners for every box: layout-rs's where it drew one, else
/// (never for a valid run) a row of their own after the drawing.
fn fallback_positions(boxes: &[SceneBox], drawn: &[Option<Rect>], frame: Frame) -> Vec<Point> {
    let end = drawn
        .iter()
        .flatten()
        .map(|r| frame.along(*r).1)
        .fold(0.0f32, f32::max);
    let row = end + FALLBACK_GAP;
    let mut across = 0.0f32;
    boxes
        .iter()
        .enumerate()
        .map(|(i, b)| match drawn.get(i).copied().flatten() {
            Some(r) => Point::new(r.x, r.y),
            None => {
                let at = frame.point(row, across);
                across += frame.across_extent(b.rect) + FALLBACK_GAP;
                at
            }
        })
        .collect()
}

/// For each layer, the extent along the flow its boxes cover (None for a
/// layer of connectors only). layout-rs gives each layer its own slab, so
/// the space between two bands holds no box.
fn layer_bands(
    boxes: &[SceneBox],
    level: &[Option<usize>],
    frame: Frame,
) -> Vec<Option<(f32, f32)>> {
    let layers = level.iter().flatten().max().map_or(0, |&l| l + 1);
    let mut bands: Vec<Option<(f32, f32)>> = vec![None; layers];
    for (b, l) in boxes.iter().zip(level) {
        if let Some(band) = l.and_then(|l| bands.get_mut(l)) {
            let (lo, hi) = frame.along(b.rect);
            *band = Some(band.map_or((lo, hi), |(a, z)| (a.min(lo), z.max(hi))));
        }
    }
    bands
}

/// A plain curve from the end of one box to the start of the other, for
/// an edge layout-rs did not draw (never for a valid run).
fn straight(from: Rect, to: Rect, frame: Frame) -> Vec<Point> {
    let a = frame.point(frame.along(from).1, frame.across_mid(from));
    let b = frame.point(frame.along(to).0, frame.across_mid(to));
    vec![a, lerp(a, b, 1.0 / 3.0), lerp(a, b, 2.0 / 3.0), b]
}

fn lerp(a: Point, b: Point, t: f32) -> Point {
    Point::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
}

/// Re-routes an edge so that it touches no box but its own, as a smooth
/// cubic Bezier:
///
/// - out of the middle of the source's downstream side, straight on to the
///   end of the source layer's band (the source's own column, which no
///   other box of that layer shares);
/// - through each layer in between, straight along the flow at the centre
///   of the connector layout-rs reserved there (its halo keeps boxes at
///   least 30 px away);
/// - between layers, an S-curve whose points all lie in the gap between two
///   bands, where there are no boxes;
/// - into the middle of the target's upstream side.
///
/// Returns None when the path does not match the layers (never for a
/// valid run); the caller then keeps layout-rs's curve.
fn gap_route(
    src: Rect,
    dst: Rect,
    (ls, ld): (usize, usize),
    via: &[Point],
    bands: &[Option<(f32, f32)>],
    frame: Frame,
) -> Option<Vec<Point>> {
    if ld <= ls || via.len() != ld - ls - 1 {
        return None;
    }
    let mut route = Route {
        frame,
        points: vec![frame.point(frame.along(src).1, frame.across_mid(src))],
    };
    if let Some((_, end)) = bands.get(ls).copied().flatten() {
        route.line_to(end, frame.across_mid(src));
    }
    for (layer, v) in (ls + 1..ld).zip(via) {
        if let Some((lo, hi)) = bands.get(layer).copied().flatten() {
            route.s_to(lo, frame.across(*v));
            route.line_to(hi, frame.across(*v));
        }
    }
    let entry = bands
        .get(ld)
        .copied()
        .flatten()
        .map_or(frame.along(dst).0, |b| b.0);
    route.s_to(entry, frame.across_mid(dst));
    route.line_to(frame.along(dst).0, frame.across_mid(dst));
    Some(route.points)
}

/// A Bezier route being built in flow coordinates.
struct Route {
    frame: Frame,
    points: Vec<Point>,
}

impl Route {
    /// The end so far, as (along, across).
    fn last(&self) -> (f32, f32) {
        let p = self.points[self.points.len() - 1];
        (self.frame.along_of(p), self.frame.across(p))
    }

    /// A straight piece (controls on the line), skipped when empty.
    fn line_to(&mut self, f: f32, c: f32) {
        let (f0, c0) = self.last();
        if f <= f0 {
            return;
        }
        let a = self.frame.point(f0, c0);
        let b = self.frame.point(f, c);
        self.points
            .extend([lerp(a, b, 1.0 / 3.0), lerp(a, b, 2.0 / 3.0), b]);
    }

    /// An S-curve leaving and arriving along the flow; its controls sit
    /// halfway along, so the curve stays between the two ends' layers.
    fn s_to(&mut self, f: f32, c: f32) {
        let (f0, c0) = self.last();
        let mid = (f0 + f) / 2.0;
        self.points.extend([
            self.frame.point(mid, c0),
            self.frame.point(mid, c),
            self.frame.point(f, c),
        ]);
    }
}

/// Lanes for spans taken in order of their starts (greedy interval
/// colouring): each span gets the lowest lane whose last span ended before
/// it, else a new lane. The same lanes as scanning every lane for the first
/// free one, in O(log lanes) a span instead of O(lanes): once a lane is
/// free for one span it is free for every later one, since starts only
/// grow. 100,000 prerequisites across blocks made that scan, repeated for
/// each of the [`TRIES`] packings, most of the work.
#[derive(Debug, Default)]
struct LowestFree {
    /// Busy lanes by the end of their last span (soonest first).
    busy: BinaryHeap<Reverse<(Ordered, usize)>>,
    /// Free lanes (lowest first).
    free: BinaryHeap<Reverse<usize>>,
    lanes: usize,
}

/// An `f32` ordered by [`f32::total_cmp`].
#[derive(Debug, Clone, Copy)]
struct Ordered(f32);

impl PartialEq for Ordered {
    fn eq(&self, other: &Ordered) -> bool {
        self.0.total_cmp(&other.0).is_eq()
    }
}

impl Eq for Ordered {}

impl PartialOrd for Ordered {
    fn partial_cmp(&self, other: &Ordered) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ordered {
    fn cmp(&self, other: &Ordered) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

impl LowestFree {
    /// The lane for the next span, ending at `end`: the lowest lane whose
    /// last end passes `ended`, else a new one.
    fn take(&mut self, ended: impl Fn(f32) -> bool, end: f32) -> usize {
        while let Some(&Reverse((Ordered(last), lane))) = self.busy.peek() {
            if !ended(last) {
                break;
            }
            self.busy.pop();
            self.free.push(Reverse(lane));
        }
        let lane = match self.free.pop() {
            Some(Reverse(lane)) => lane,
            None => {
                self.lanes += 1;
                self.lanes - 1
            }
        };
        self.busy.push(Reverse((Ordered(end), lane)));
        lane
    }

    fn len(&self) -> usize {
        self.lanes
    }
}

/// The boxes on a uniform grid, to find the boxes near a segment without
/// testing them all.
struct Grid(quality::Grid);

impl Grid {
    fn new(boxes: &[SceneBox]) -> Grid {
        let bounds = scene::bounds(boxes, &[]);
        // About two boxes' worth of area per cell, and never tiny cells.
        let area = bounds.width.max(1.0) * bounds.height.max(1.0);
        let cell = (area / (2.0 * boxes.len().max(1) as f32)).sqrt().max(128.0);
        let mut grid = quality::Grid::new(bounds, cell, boxes.len());
        for (i, b) in boxes.iter().enumerate() {
            let r = b.rect;
            grid.insert(i, r.x, r.right(), r.y, r.bottom());
        }
        Grid(grid)
    }

    /// Indices of the boxes, other than its own ends, that the edge passes
    /// through; sorted.
    #[cfg(test)]
    fn blocked(&self, edge: &SceneEdge, boxes: &[SceneBox]) -> Vec<usize> {
        let mut unlimited = u64::MAX;
        self.blocked_within(edge, boxes, &mut unlimited)
    }

    /// [`Grid::blocked`], spending one unit of `work` per cell and box
    /// looked at; none once `work` is spent.
    fn blocked_within(&self, edge: &SceneEdge, boxes: &[SceneBox], work: &mut u64) -> Vec<usize> {
        let mut hit = Vec::new();
        for (a, b) in edge.segments() {
            for cell in self.0.cells(a.x, b.x, a.y, b.y) {
                let near = &self.0.cells[cell];
                let cost = 1 + near.len() as u64;
                if *work < cost {
                    *work = 0;
                    return Vec::new();
                }
                *work -= cost;
                for &i in near {
                    let i = i as usize;
                    let t = boxes[i].topic;
                    if t != edge.from && t != edge.to && boxes[i].rect.crossed_by(a, b, INSET) {
                        hit.push(i);
                    }
                }
            }
        }
        hit.sort_unstable();
        hit.dedup();
        hit
    }
}

/// Shifts the drawing to the margin, adds the legend under it and sizes
/// the canvas.
fn finish(mut boxes: Vec<SceneBox>, mut edges: Vec<SceneEdge>) -> Scene {
    let extent = scene::bounds(&boxes, &edges);
    let (lo, hi) = (
        Point::new(extent.x, extent.y),
        Point::new(extent.right(), extent.bottom()),
    );
    let (dx, dy) = (MARGIN - lo.x, MARGIN - lo.y);
    for b in &mut boxes {
        b.rect.x += dx;
        b.rect.y += dy;
    }
    for e in &mut edges {
        for p in &mut e.points {
            *p = Point::new(p.x + dx, p.y + dy);
        }
    }
    let (mut right, mut bottom) = (hi.x + dx, hi.y + dy);

    let items = scene::legend_items(&boxes, &edges);
    let legend = (!items.is_empty()).then(|| {
        let top = if boxes.is_empty() {
            MARGIN
        } else {
            bottom + LEGEND_GAP
        };
        // As wide as the drawing, but never squeezed to one item a row.
        let width = (right - MARGIN).max(LEGEND_MIN_WIDTH);
        scene::legend(&items, MARGIN, top, LEGEND_FONT, width)
    });
    let mut legend = legend;
    if let Some(l) = &legend {
        right = right.max(l.rect.right());
        bottom = bottom.max(l.rect.bottom());
    }
    // The last resort for a drawing too wide or too tall (one huge
    // section): pad the canvas to 3:1 and centre the drawing on it.
    let (mut width, mut height) = ((right + MARGIN).ceil(), (bottom + MARGIN).ceil());
    let (mut dx, mut dy) = (0.0, 0.0);
    if width > MAX_ASPECT * height {
        let padded = (width / MAX_ASPECT).ceil();
        dy = ((padded - height) / 2.0).floor();
        height = padded;
    } else if height > MAX_ASPECT * width {
        let padded = (height / MAX_ASPECT).ceil();
        dx = ((padded - width) / 2.0).floor();
        width = padded;
    }
    if dx > 0.0 || dy > 0.0 {
        let shift = |p: &mut Point| *p = Point::new(p.x + dx, p.y + dy);
        for b in &mut boxes {
            b.rect.x += dx;
            b.rect.y += dy;
        }
        edges
            .iter_mut()
            .flat_map(|e| e.points.iter_mut())
            .for_each(shift);
        if let Some(l) = &mut legend {
            for r in std::iter::once(&mut l.rect).chain(l.items.iter_mut().map(|i| &mut i.1)) {
                r.x += dx;
                r.y += dy;
            }
        }
    }
    Scene {
        width,
        height,
        layout: "layered",
        boxes,
        edges,
        subtitle: None,
        legend,
        font_size: 14.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::quality;
    use crate::scene::{LegendItem, Mark, Role};
    use crate::{Input, load};

    fn roadmap(outline: &str, prereqs: &str) -> Roadmap {
        load(
            &Input::new("test.txt", outline),
            &[Input::new("test.prereqs", prereqs)],
        )
        .expect("the test roadmap loads")
    }

    fn backend() -> Roadmap {
        roadmap(
            include_str!("../../roadmap/backend.txt"),
            include_str!("../../roadmap/backend.prereqs"),
        )
    }

    /// How many (edge, unrelated box) pairs the edges pass through.
    fn crossings(scene: &Scene) -> usize {
        let grid = Grid::new(&scene.boxes);
        scene
            .edges
            .iter()
            .map(|e| grid.blocked(e, &scene.boxes).len())
            .sum()
    }

    /// Distance from a point to a rectangle (0 inside).
    fn distance(p: Point, r: Rect) -> f32 {
        let dx = (r.x - p.x).max(p.x - r.right()).max(0.0);
        let dy = (r.y - p.y).max(p.y - r.bottom()).max(0.0);
        dx.hypot(dy)
    }

    fn inside(r: Rect, s: &Scene) -> bool {
        r.x >= 0.0 && r.y >= 0.0 && r.right() <= s.width && r.bottom() <= s.height
    }

    /// Everything the layout promises, whatever the roadmap.
    fn check(r: &Roadmap, s: &Scene) {
        assert_eq!(s.layout, "layered");
        assert_eq!(s.subtitle, None);
        assert_eq!(s.font_size, 14.0);

        // One box per topic, sized and styled by sized_box, coloured by
        // section, inside the canvas.
        assert_eq!(s.boxes.len(), r.len());
        let index = s.box_index(r.len());
        assert!(index.iter().all(Option::is_some), "a topic has no box");
        let sections = r.sections();
        for b in &s.boxes {
            let want = sized_box(r, b.topic, role(r, b.topic));
            assert_eq!(b.rect.width, want.rect.width, "width of {}", b.topic);
            assert_eq!(b.rect.height, want.rect.height, "height of {}", b.topic);
            assert_eq!(b.lines, want.lines);
            assert_eq!(b.role, want.role);
            assert_eq!((b.font_size, b.weight), (want.font_size, want.weight));
            assert_eq!(
                (b.style.dashed, b.style.mark),
                (want.style.dashed, want.style.mark)
            );
            let section = sections
                .iter()
                .position(|&k| r.subtree(k).contains(&b.topic));
            assert_eq!(b.style.accent, section, "accent of {}", b.topic);
            assert!(
                inside(b.rect, s),
                "box {} outside {}x{}",
                b.topic,
                s.width,
                s.height
            );
            assert!(b.rect.x >= MARGIN - 0.01 && b.rect.y >= MARGIN - 0.01);
        }

        // No two boxes overlap (a sweep along x).
        let mut by_x: Vec<Rect> = s.boxes.iter().map(|b| b.rect).collect();
        by_x.sort_by(|a, b| a.x.total_cmp(&b.x));
        for (i, a) in by_x.iter().enumerate() {
            for b in by_x[i + 1..].iter().take_while(|b| b.x < a.right()) {
                assert!(!a.overlaps(b), "{a:?} overlaps {b:?}");
            }
        }

        // Every contains and prerequisite edge, once, from its box to its
        // box, inside the canvas, through no other box.
        let contains = (0..r.len()).filter(|&i| r.parent(i).is_some()).count();
        let prereqs: HashSet<(usize, usize)> = r.prerequisites().map(|(a, b, _)| (a, b)).collect();
        assert_eq!(s.edges.len(), contains + prereqs.len());
        for e in &s.edges {
            match e.kind {
                EdgeKind::Contains => {
                    assert_eq!(r.parent(e.to), Some(e.from));
                    assert!(!e.arrow);
                }
                EdgeKind::Prerequisite => {
                    assert!(prereqs.contains(&(e.from, e.to)));
                    assert!(e.arrow);
                }
                EdgeKind::Spine => panic!("no spine in the layered layout"),
            }
            assert_eq!(e.curve, Curve::Bezier);
            assert!(
                e.points.len() >= 4 && (e.points.len() - 1) % 3 == 0,
                "{e:?}"
            );
            for p in &e.points {
                assert!(p.x.is_finite() && p.y.is_finite());
                assert!(p.x >= 0.0 && p.y >= 0.0 && p.x <= s.width && p.y <= s.height);
            }
            let (first, last) = (e.points[0], e.points[e.points.len() - 1]);
            let (from, to) = (
                &s.boxes[index[e.from].unwrap_or(0)],
                &s.boxes[index[e.to].unwrap_or(0)],
            );
            assert!(
                distance(first, from.rect) < 1.0,
                "edge {e:?} starts off its box"
            );
            assert!(distance(last, to.rect) < 1.0, "edge {e:?} ends off its box");
        }
        assert_eq!(crossings(s), 0, "edges through unrelated boxes");

        // The legend sits under the drawing, inside the canvas.
        if let Some(l) = &s.legend {
            assert!(inside(l.rect, s));
            let bottom = s.boxes.iter().map(|b| b.rect.bottom()).fold(0.0, f32::max);
            assert!(l.rect.y >= bottom);
        }
    }

    /// The edges with both ends in one section.
    fn inside_sections<'s>(r: &Roadmap, s: &'s Scene) -> impl Iterator<Item = &'s SceneEdge> {
        let sections = r.sections();
        let section = move |t: usize| sections.iter().position(|&k| r.subtree(k).contains(&t));
        s.edges
            .iter()
            .filter(move |e| section(e.from).is_some() && section(e.from) == section(e.to))
    }

    fn legend(s: &Scene) -> Vec<LegendItem> {
        s.legend
            .iter()
            .flat_map(|l| l.items.iter().map(|i| i.0))
            .collect()
    }

    #[test]
    fn backend_roadmap_flowing_down() {
        let r = backend();
        let s = layout(&r, Direction::Down);
        check(&r, &s);
        assert_eq!(s, layout(&r, Direction::Down), "not deterministic");
        // The title is a node like the others.
        let title = r.title().expect("backend has a title");
        assert_eq!(s.boxes[title].role, Role::Title);
        assert_eq!(s.boxes[title].style.accent, None);
        assert_eq!(
            legend(&s),
            [
                LegendItem::Box(Role::Section),
                LegendItem::Box(Role::Topic),
                LegendItem::Box(Role::Subtopic),
                LegendItem::Mark(Mark::Recommended),
                LegendItem::Mark(Mark::Alternative),
                LegendItem::Optional,
                LegendItem::Edge(EdgeKind::Contains),
                LegendItem::Edge(EdgeKind::Prerequisite),
            ]
        );
        // Flowing down: every edge inside a section goes down the page.
        for e in inside_sections(&r, &s) {
            let (a, b) = (s.boxes[e.from].rect, s.boxes[e.to].rect);
            assert!(a.bottom() <= b.y, "{e:?} goes up");
        }
    }

    #[test]
    fn backend_roadmap_flowing_right() {
        let r = backend();
        let s = layout(&r, Direction::Right);
        check(&r, &s);
        for e in inside_sections(&r, &s) {
            let (a, b) = (s.boxes[e.from].rect, s.boxes[e.to].rect);
            assert!(a.right() <= b.x, "{e:?} goes left");
        }
    }

    /// layout-rs's own curves cut through unrelated boxes even inside the
    /// sections (6 times going down, 7 going right, when measured; 150 and
    /// 146 when the whole roadmap was one drawing); re-routing leaves none.
    #[test]
    fn rerouting_clears_edges_through_boxes() {
        let r = backend();
        for d in [Direction::Down, Direction::Right] {
            let without = Settings {
                reroute: false,
                ..Settings::default()
            };
            assert!(crossings(&build(&r, d, without)) > 0);
            assert_eq!(crossings(&build(&r, d, Settings::default())), 0);
        }
    }

    fn seed() -> Roadmap {
        roadmap(include_str!("../../tests/fixtures/backend-seed.txt"), "")
    }

    /// Width over height.
    fn aspect(s: &Scene) -> f32 {
        s.width / s.height
    }

    /// The canvas stays between 1:3 and 3:1, near the wanted 1:1.4
    /// (flowing down) or 1.4:1 (flowing right) when the sections allow.
    #[test]
    fn posters_keep_their_proportions() {
        for (name, r) in [("backend", backend()), ("seed", seed())] {
            for d in [Direction::Down, Direction::Right] {
                let s = layout(&r, d);
                check(&r, &s);
                let a = aspect(&s);
                assert!(
                    (1.0 / 3.0..=3.0).contains(&a),
                    "{name} {d:?}: {} x {} is {a}",
                    s.width,
                    s.height
                );
            }
        }
        let r = backend();
        let down = aspect(&layout(&r, Direction::Down));
        let right = aspect(&layout(&r, Direction::Right));
        assert!((0.5..1.0).contains(&down), "backend down {down}");
        assert!((1.0..2.0).contains(&right), "backend right {right}");
    }

    /// A generated roadmap of 1,000 topics (like tests/geometry.rs's):
    /// within proportion, every edge once, none through a box.
    #[test]
    fn a_thousand_topics_keep_their_proportions() {
        let r = generated(1_000, 0x5eed_0001);
        assert_eq!(r.len(), 1_000);
        let s = layout(&r, Direction::Down);
        check(&r, &s);
        let a = aspect(&s);
        assert!((1.0 / 3.0..=3.0).contains(&a), "{} x {}", s.width, s.height);
    }

    /// One huge section cannot be packed into proportion; the canvas is
    /// padded instead.
    #[test]
    fn one_wide_section_is_padded_into_proportion() {
        let mut outline = String::from("Title\n    Section\n");
        for i in 0..60 {
            outline.push_str(&format!("        Topic number {i}\n"));
        }
        let r = roadmap(&outline, "");
        for d in [Direction::Down, Direction::Right] {
            let s = layout(&r, d);
            check(&r, &s);
            assert!((1.0 / 3.0..=3.0).contains(&aspect(&s)));
        }
        // A deep chain, too.
        let mut chain = String::new();
        for i in 0..80 {
            chain.push_str(&format!("{}Level {i}\n", "    ".repeat(i)));
        }
        let r = roadmap(&chain, "");
        for d in [Direction::Down, Direction::Right] {
            let s = layout(&r, d);
            check(&r, &s);
            assert!((1.0 / 3.0..=3.0).contains(&aspect(&s)));
        }
    }

    /// The outline generator of tests/geometry.rs, shortened: a title,
    /// sections of 3-12 topics with 0-5 subtopics and now and then deeper
    /// levels, unique labels, and `n / 10` forward prerequisites that
    /// never join a group and its own member.
    fn generated(n: usize, seed: u64) -> Roadmap {
        let mut state = seed.max(1);
        let mut next = move || {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            state.wrapping_mul(0x2545_F491_4F6C_DD1D)
        };
        let mut range = move |lo: usize, hi: usize| lo + (next() % (hi - lo + 1) as u64) as usize;
        const WORDS: &[&str] = &[
            "http", "cache", "query", "index", "stream", "queue", "socket", "token", "schema",
            "cluster", "shard", "replica", "proxy", "gateway", "kernel", "thread",
        ];
        let mut depth = Vec::with_capacity(n);
        let mut outline = String::new();
        let mut push = |range: &mut dyn FnMut(usize, usize) -> usize, d: usize| {
            if depth.len() >= n {
                return false;
            }
            let mut label = if d == 0 {
                "Generated Roadmap".to_string()
            } else {
                (0..range(1, 4))
                    .map(|_| WORDS[range(0, WORDS.len() - 1)])
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            if d > 0 {
                label = format!("{label} {}", depth.len());
            }
            outline.push_str(&format!("{}{label}\n", "  ".repeat(d)));
            depth.push(d);
            true
        };
        push(&mut range, 0);
        'sections: while push(&mut range, 1) {
            for _ in 0..range(3, 12) {
                if !push(&mut range, 2) {
                    break 'sections;
                }
                for _ in 0..range(0, 5) {
                    if !push(&mut range, 3) {
                        break 'sections;
                    }
                    if range(1, 8) == 1 && !push(&mut range, 4) {
                        break 'sections;
                    }
                }
            }
        }
        let r = roadmap(&outline, "");
        let labels: Vec<String> = (0..n).map(|i| r.topic(i).label.clone()).collect();
        let mut prereqs = String::new();
        let mut seen = HashSet::new();
        let mut attempts = 0;
        while seen.len() < n / 10 && attempts < 100 * n {
            attempts += 1;
            let a = range(1, n - 2);
            let b = if range(1, 10) <= 7 {
                range(a + 1, (a + 80).min(n - 1))
            } else {
                range(a + 1, n - 1)
            };
            if r.is_inside(b, a) || !seen.insert((a, b)) {
                continue;
            }
            prereqs.push_str(&format!("{} -> {}\n", labels[a], labels[b]));
        }
        roadmap(&outline, &prereqs)
    }

    #[test]
    fn tiny_roadmaps_do_not_panic() {
        for (outline, prereqs) in [
            ("Only\n", ""),
            ("Title\n    Section\n", ""),
            ("A\nB\nC\n", "A -> C\n"),
            (
                "A [optional]\n    B [recommended]\n        C [alternative]\n",
                "",
            ),
            ("A\n    B\n    C\n    D\n", "B -> C\nC -> D\nB -> D\n"),
        ] {
            let r = roadmap(outline, prereqs);
            for d in [Direction::Down, Direction::Right] {
                check(&r, &layout(&r, d));
            }
        }
        let single = layout(&roadmap("Only\n", ""), Direction::Down);
        assert_eq!(legend(&single), [LegendItem::Box(Role::Section)]);
        assert!(single.edges.is_empty());
    }

    #[test]
    fn empty_roadmap_does_not_panic() {
        let r = roadmap("\n", "");
        assert!(r.is_empty());
        let s = layout(&r, Direction::Down);
        assert!(s.boxes.is_empty() && s.edges.is_empty() && s.legend.is_none());
        assert!(s.width > 0.0 && s.height > 0.0);
    }

    /// A tiny deterministic generator (xorshift) for random outlines.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n.max(1) as u64) as usize
        }
    }

    /// Random outlines with tags and forward prerequisites; those the
    /// loader refuses (a group and its own member) are skipped.
    #[test]
    fn random_roadmaps_keep_every_promise() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut checked = 0;
        for _ in 0..40 {
            let n = 1 + rng.below(50);
            let mut outline = String::new();
            let mut labels = Vec::with_capacity(n);
            // Each topic's parent, from a stack of the open ancestors.
            let mut parent = Vec::with_capacity(n);
            let mut open: Vec<usize> = Vec::new();
            for i in 0..n {
                let depth = if i == 0 { 0 } else { rng.below(open.len() + 1) };
                open.truncate(depth);
                parent.push(open.last().copied());
                open.push(i);
                let tag = ["", "", " [optional]", " [recommended]", " [alternative]"][rng.below(5)];
                // Long labels wrap onto several lines.
                let label = format!("Topic {i}{}", " word".repeat(rng.below(30)));
                outline.push_str(&format!("{}{label}{tag}\n", "    ".repeat(depth)));
                labels.push(label);
            }
            let ancestor = |a: usize, mut b: usize| {
                while let Some(p) = parent[b] {
                    if p == a {
                        return true;
                    }
                    b = p;
                }
                false
            };
            let mut prereqs = String::new();
            for _ in 0..rng.below(n / 2 + 1) {
                let a = rng.below(n);
                let b = a + 1 + rng.below(n - a);
                if b < n && !ancestor(a, b) {
                    prereqs.push_str(&format!("{} -> {}\n", labels[a], labels[b]));
                }
            }
            let Ok(r) = load(
                &Input::new("random.txt", outline),
                &[Input::new("random.prereqs", prereqs)],
            ) else {
                continue;
            };
            for d in [Direction::Down, Direction::Right] {
                check(&r, &layout(&r, d));
            }
            checked += 1;
        }
        assert!(checked >= 20, "only {checked} random roadmaps loaded");
    }

    /// Should layout-rs ever fail (it asserts its invariants by panicking),
    /// every box still gets a place of its own.
    #[test]
    fn boxes_without_a_placement_still_get_places() {
        let r = backend();
        let boxes: Vec<SceneBox> = (0..r.len())
            .map(|i| sized_box(&r, i, role(&r, i)))
            .collect();
        let edges = flow(&r).edges;
        for d in [Direction::Down, Direction::Right] {
            let s = assemble(boxes.clone(), &edges, &Placement::default(), Frame(d), true);
            assert_eq!(s.boxes.len(), r.len());
            assert_eq!(s.edges.len(), edges.len());
            for (i, a) in s.boxes.iter().enumerate() {
                assert!(inside(a.rect, &s));
                assert!(s.boxes[i + 1..].iter().all(|b| !a.rect.overlaps(&b.rect)));
            }
        }
    }

    /// layout-rs draws every box at exactly the size we measured.
    #[test]
    fn layout_rs_keeps_our_box_sizes() {
        let r = backend();
        let boxes: Vec<SceneBox> = (0..r.len())
            .map(|i| sized_box(&r, i, role(&r, i)))
            .collect();
        for d in [Direction::Down, Direction::Right] {
            let placement = place(&boxes, &flow(&r), d, Ordering::Sweeps);
            for (b, drawn) in boxes.iter().zip(&placement.drawn) {
                let drawn = drawn.expect("every box is drawn");
                assert_eq!((drawn.width, drawn.height), (b.rect.width, b.rect.height));
            }
            assert!(
                placement.paths.iter().all(Option::is_some),
                "every edge is drawn"
            );
        }
    }

    /// A valid roadmap has no cycle, but one would only turn an edge round
    /// for layout-rs; the scene still draws it from its own start.
    #[test]
    fn a_cycle_is_broken_not_fatal() {
        let r = backend();
        let boxes: Vec<SceneBox> = (0..3).map(|i| sized_box(&r, i, role(&r, i))).collect();
        let kind = EdgeKind::Prerequisite;
        let flow = Flow::new(3, vec![(0, 1, kind), (1, 2, kind), (2, 0, kind)]);
        let reversed: Vec<bool> = flow.edges.iter().map(|e| e.reversed).collect();
        assert_eq!(reversed, [false, false, true]);
        for d in [Direction::Down, Direction::Right] {
            let placement = place(&boxes, &flow, d, Ordering::Sweeps);
            let s = assemble(boxes.clone(), &flow.edges, &placement, Frame(d), true);
            let e = &s.edges[2];
            assert_eq!((e.from, e.to), (2, 0));
            let (first, last) = (e.points[0], e.points[e.points.len() - 1]);
            assert!(distance(first, s.boxes[2].rect) < 1.0);
            assert!(distance(last, s.boxes[0].rect) < 1.0);
            assert_eq!(crossings(&s), 0);
        }
    }

    /// Crossings between two layers: edges sorted by source, inversions of
    /// their targets.
    #[test]
    fn crossings_between_layers_are_counted() {
        // Row [0, 1] over row [2, 3]: 0 -> 3 and 1 -> 2 cross once; adding
        // 0 -> 2 crosses nothing new (it shares 0 and 2), 1 -> 3 would.
        let pos = [0, 1, 0, 1];
        let succ = vec![vec![3], vec![2], vec![], vec![]];
        assert_eq!(layer_crossings(&[0, 1], &succ, &pos), 1);
        let succ = vec![vec![3, 2], vec![2, 3], vec![], vec![]];
        assert_eq!(layer_crossings(&[0, 1], &succ, &pos), 1);
        let succ = vec![vec![2], vec![3], vec![], vec![]];
        assert_eq!(layer_crossings(&[0, 1], &succ, &pos), 0);
        // Neighbours at 1 and 3 on the left, 0 and 2 on the right: the
        // pairs (1, 0), (3, 0), (3, 2) cross.
        assert_eq!(pair_crossings(&mut [3, 1], &mut [2, 0]), 3);
        assert_eq!(pair_crossings(&mut [0, 2], &mut [1, 3]), 1);
        assert_eq!(pair_crossings(&mut [], &mut [1]), 0);
    }

    /// The sweeps undo what depth-first order gets wrong, and every layer
    /// keeps exactly its nodes.
    #[test]
    fn layers_are_ordered_to_cross_less() {
        // 0 -> 2, 0 -> 3, 1 -> 2: depth first gives [2, 3] under [0, 1],
        // one crossing; [3, 2] has none.
        let succ = vec![vec![2, 3], vec![2], vec![], vec![]];
        let mut unlimited = u64::MAX;
        let rows = order_layers(&[0, 0, 1, 1], &succ, 2, &mut unlimited);
        assert_eq!(rows, [vec![0, 1], vec![3, 2]]);
        // Random layered graphs: a permutation of each layer, and never
        // more crossings than the depth-first start.
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        for _ in 0..50 {
            let layers = 2 + rng.below(5);
            let n = layers + rng.below(40);
            let level: Vec<usize> = (0..n)
                .map(|v| if v < layers { v } else { rng.below(layers) })
                .collect();
            let mut succ = vec![Vec::new(); n];
            for _ in 0..rng.below(3 * n) {
                let (a, b) = (rng.below(n), rng.below(n));
                if level[b] == level[a] + 1 && !succ[a].contains(&b) {
                    succ[a].push(b);
                }
            }
            let mut unlimited = u64::MAX;
            let rows = order_layers(&level, &succ, layers, &mut unlimited);
            for (l, row) in rows.iter().enumerate() {
                let mut got = row.clone();
                got.sort_unstable();
                let want: Vec<usize> = (0..n).filter(|&v| level[v] == l).collect();
                assert_eq!(got, want);
            }
            let count = |rows: &[Vec<usize>]| {
                let mut pos = vec![0; n];
                for row in rows {
                    for (i, &v) in row.iter().enumerate() {
                        pos[v] = i;
                    }
                }
                rows.windows(2)
                    .map(|w| layer_crossings(&w[0], &succ, &pos))
                    .sum::<usize>()
            };
            // Depth-first order alone: no sweeps, no swaps.
            let mut start = vec![Vec::new(); layers];
            let mut seen = vec![false; n];
            let mut pred = vec![0; n];
            succ.iter().flatten().for_each(|&w| pred[w] += 1);
            let mut roots: Vec<usize> = (0..n).filter(|&v| pred[v] == 0).collect();
            roots.extend(0..n);
            for root in roots {
                let mut stack = vec![root];
                while let Some(v) = stack.pop() {
                    if !std::mem::replace(&mut seen[v], true) {
                        start[level[v]].push(v);
                        stack.extend(succ[v].iter().rev());
                    }
                }
            }
            assert!(count(&rows) <= count(&start));
        }
    }

    /// The coordinate assignment is skipped for big blocks.
    #[test]
    fn coordinates_are_skipped_for_big_blocks() {
        assert!(affordable(2000));
        assert!(!affordable(2001));
    }

    #[test]
    fn arrow_paths_become_cubic_beziers() {
        let p = |x, y| LPoint::new(x, y);
        // (start, control), (control, connector), (control, end), as
        // layout-rs's SVG backend reads them: M C S.
        let path = [
            (p(0.0, 0.0), p(0.0, 10.0)),
            (p(5.0, 20.0), p(10.0, 30.0)),
            (p(20.0, 50.0), p(20.0, 60.0)),
        ];
        let got = bezier_from_path(&path).expect("a valid path");
        let q = Point::new;
        assert_eq!(
            got.bezier,
            [
                q(0.0, 0.0),
                q(0.0, 10.0),
                q(5.0, 20.0),
                q(10.0, 30.0),
                q(15.0, 40.0),
                q(20.0, 50.0),
                q(20.0, 60.0),
            ]
        );
        assert_eq!(got.via, [q(10.0, 30.0)]);
        assert!(bezier_from_path(&path[..1]).is_none());
    }

    #[test]
    #[ignore = "measurement; run with --ignored --nocapture (LAYERED_INPUT=base of a .txt/.prereqs pair)"]
    fn measure() {
        let mut inputs = vec![
            ("backend".to_string(), backend()),
            ("seed".to_string(), seed()),
            ("generated 1k".to_string(), generated(1_000, 0x5eed_0001)),
            ("generated 10k".to_string(), generated(10_000, 0x5eed_0010)),
        ];
        if let Ok(base) = std::env::var("LAYERED_INPUT") {
            let read = |ext: &str| std::fs::read(format!("{base}.{ext}")).expect("input");
            let r = load(
                &Input::new("gen.txt", read("txt")),
                &[Input::new("gen.prereqs", read("prereqs"))],
            )
            .expect("generated roadmap loads");
            inputs.push((base, r));
        }
        let g = crate::generate::generate(&crate::generate::GenerateOptions::default());
        let r = load(
            &Input::new("g.txt", g.outline),
            &[Input::new("g.prereqs", g.prereqs)],
        )
        .expect("the generated roadmap loads");
        inputs.push(("generate -n 1000".to_string(), r));
        // layout-rs's own optimiser as the yardstick: slow (about 40 s on a
        // thousand topics), so only on request.
        let yardstick = std::env::var_os("LAYERED_YARDSTICK").is_some();
        for (name, r) in &inputs {
            for d in [Direction::Down, Direction::Right] {
                let raw = Settings {
                    reroute: false,
                    ..Settings::default()
                };
                let before = build(r, d, raw);
                let t = std::time::Instant::now();
                let after = layout(r, d);
                let took = t.elapsed();
                let moved = (before.edges.iter())
                    .zip(&after.edges)
                    .filter(|(a, b)| a.points != b.points)
                    .count();
                eprintln!(
                    "{name} {d:?}: {} topics, {} edges ({moved} re-routed); through boxes: {} before re-routing, {} after; {took:?}; canvas {}x{} ({:.3})",
                    r.len(),
                    after.edges.len(),
                    crossings(&before),
                    crossings(&after),
                    after.width,
                    after.height,
                    after.width / after.height
                );
                let mut runs = vec![("ours", after, took)];
                if yardstick {
                    let t = std::time::Instant::now();
                    let theirs = Settings {
                        order: Ordering::LayoutRs,
                        ..Settings::default()
                    };
                    let s = build(r, d, theirs);
                    runs.push(("layout-rs optimised", s, t.elapsed()));
                }
                for (who, s, took) in &runs {
                    eprintln!(
                        "  {who}: overlaps {}, through boxes {}, edge crossings {}; {took:?}",
                        quality::overlaps(s),
                        quality::through_boxes(s),
                        quality::crossings(s)
                    );
                }
            }
        }
    }
}
