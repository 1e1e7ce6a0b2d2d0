//! Geometry invariants of the layout engines, checked on real scenes.
//!
//! Inputs: the seed outline (no prerequisites), the shipped backend roadmap
//! with its prerequisites, and generated outlines of 1,000 and 10,000 topics
//! with about 10% prerequisite edges (a small deterministic generator below,
//! with its own PRNG, so every run checks the same outlines).
//!
//! Every invariant is a function returning the list of violations, each
//! naming the topics and coordinates involved; a test collects the
//! violations of every invariant and fails with all of them, so one run
//! reports everything that is wrong. `checkers_detect_violations` breaks
//! scenes on purpose to prove that the checkers can fail.
//!
//! The checks that look at pairs (box against box, edge against box) use a
//! uniform grid of cells over the canvas, so they stay near linear for the
//! 10,000-topic poster.

use std::collections::{BTreeSet, HashSet};
use std::sync::OnceLock;
use std::time::Instant;

use roadmapper::layout::{self, Direction, LayoutKind, LayoutOptions};
use roadmapper::scene::{Curve, EdgeKind, PROGRESS_SIZE, Point, Rect, Scene, SceneEdge};
use roadmapper::{Input, Roadmap, load, text};

// ---------------------------------------------------------------------------
// Generated outlines
// ---------------------------------------------------------------------------

/// xorshift64*: tiny, deterministic, good enough to shape test outlines.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }

    /// True with probability `num / den`.
    fn chance(&mut self, num: u64, den: u64) -> bool {
        self.next() % den < num
    }
}

const WORDS: &[&str] = &[
    "http",
    "cache",
    "query",
    "index",
    "stream",
    "queue",
    "socket",
    "token",
    "schema",
    "cluster",
    "shard",
    "replica",
    "proxy",
    "gateway",
    "kernel",
    "thread",
    "process",
    "memory",
    "buffer",
    "packet",
    "router",
    "session",
    "cookie",
    "header",
    "payload",
    "service",
    "worker",
    "batch",
    "event",
    "log",
    "metric",
    "trace",
    "deploy",
    "build",
    "test",
    "lint",
    "container",
    "image",
    "volume",
    "network",
    "secret",
    "policy",
    "role",
    "user",
    "tenant",
    "ledger",
    "backup",
    "restore",
    "migration",
    "rollout",
    "canary",
    "latency",
    "throughput",
    "consensus",
    "lock",
    "graph",
    "vector",
    "search",
    "ranking",
    "crawler",
    "parser",
    "compiler",
    "runtime",
];

/// A generated outline and its prerequisite file.
struct Generated {
    outline: String,
    prereqs: String,
    topics: usize,
    edges: usize,
    /// Length of every label, for the generator's own test.
    label_lengths: Vec<usize>,
}

/// Builds an outline of exactly `n` topics: a title root, sections of 3–12
/// topics, 0–5 subtopics per topic, now and then a fourth and fifth level,
/// a few tags; labels of 10–40 characters made of words and ending in a
/// number (so every label is unique and every reference resolves); and
/// `n / 10` prerequisites `A -> B` with A before B in the outline and
/// never A's descendant (mostly between nearby topics, some far apart).
fn generate(n: usize, seed: u64) -> Generated {
    let mut rng = Rng::new(seed);
    let mut depth: Vec<usize> = Vec::with_capacity(n);
    let mut labels: Vec<String> = Vec::with_capacity(n);
    let mut outline = String::new();

    let mut push = |rng: &mut Rng, d: usize| -> bool {
        if depth.len() >= n {
            return false;
        }
        let label = if d == 0 {
            "Generated Roadmap".to_string()
        } else {
            let suffix = format!(" {}", labels.len());
            let target = rng.range(10, 40);
            let mut words = String::new();
            while words.len() + suffix.len() < target {
                let w = WORDS[rng.range(0, WORDS.len() - 1)];
                let sep = usize::from(!words.is_empty());
                if words.len() + sep + w.len() + suffix.len() > 40 {
                    break;
                }
                if sep == 1 {
                    words.push(' ');
                }
                words.push_str(w);
            }
            let mut label = words + &suffix;
            label[..1].make_ascii_uppercase();
            label
        };
        let tags = match rng.range(0, 39) {
            0 if d >= 2 => " [recommended]",
            1 if d >= 2 => " [alternative]",
            2 if d >= 2 => " [optional]",
            _ => "",
        };
        outline.push_str(&"  ".repeat(d));
        outline.push_str(&label);
        outline.push_str(tags);
        outline.push('\n');
        depth.push(d);
        labels.push(label);
        true
    };

    push(&mut rng, 0);
    'sections: while push(&mut rng, 1) {
        for _ in 0..rng.range(3, 12) {
            if !push(&mut rng, 2) {
                break 'sections;
            }
            for _ in 0..rng.range(0, 5) {
                if !push(&mut rng, 3) {
                    break 'sections;
                }
                if rng.chance(1, 8) {
                    for _ in 0..rng.range(1, 3) {
                        if !push(&mut rng, 4) {
                            break 'sections;
                        }
                        if rng.chance(1, 6) {
                            for _ in 0..rng.range(1, 2) {
                                if !push(&mut rng, 5) {
                                    break 'sections;
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    assert_eq!(depth.len(), n, "the generator makes exactly n topics");

    // One past the last topic of each subtree (the outline is pre-order).
    let mut end = vec![n; n];
    let mut open: Vec<usize> = Vec::new();
    for (i, &d) in depth.iter().enumerate() {
        while let Some(&top) = open.last() {
            if depth[top] >= d {
                end[top] = i;
                open.pop();
            } else {
                break;
            }
        }
        open.push(i);
    }

    let want = n / 10;
    let mut seen = HashSet::new();
    let mut prereqs = String::from(
        "# Generated prerequisites: earlier -> later, never a group and its own member.\n",
    );
    let mut attempts = 0;
    while seen.len() < want && attempts < 100 * want + 100 {
        attempts += 1;
        // Never the title: it is everyone's ancestor.
        let a = rng.range(1, n - 2);
        let b = if rng.chance(7, 10) {
            rng.range(a + 1, (a + 80).min(n - 1))
        } else {
            rng.range(a + 1, n - 1)
        };
        if b < end[a] || !seen.insert((a, b)) {
            continue;
        }
        prereqs.push_str(&format!("{} -> {}\n", labels[a], labels[b]));
    }
    Generated {
        outline,
        prereqs,
        topics: n,
        edges: seen.len(),
        label_lengths: labels[1..].iter().map(String::len).collect(),
    }
}

fn load_generated(n: usize, seed: u64) -> Roadmap {
    let g = generate(n, seed);
    load(
        &Input::new(format!("generated-{n}.txt"), g.outline),
        &[Input::new(format!("generated-{n}.prereqs"), g.prereqs)],
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

// ---------------------------------------------------------------------------
// Inputs, loaded once per test binary
// ---------------------------------------------------------------------------

fn seed() -> &'static Roadmap {
    static R: OnceLock<Roadmap> = OnceLock::new();
    R.get_or_init(|| {
        load(
            &Input::new(
                "tests/fixtures/backend-seed.txt",
                include_str!("../fixtures/backend-seed.txt"),
            ),
            &[],
        )
        .unwrap_or_else(|e| panic!("{e}"))
    })
}

fn backend() -> &'static Roadmap {
    static R: OnceLock<Roadmap> = OnceLock::new();
    R.get_or_init(|| load_backend(&[]))
}

/// The backend with the learner's ticked checklist: badges, counts, struck
/// labels and the progress line.
fn backend_progress() -> &'static Roadmap {
    static R: OnceLock<Roadmap> = OnceLock::new();
    R.get_or_init(|| {
        load_backend(&[Input::new(
            "roadmap/backend.progress.md",
            include_str!("../../roadmap/backend.progress.md"),
        )])
    })
}

fn load_backend(progress: &[Input]) -> Roadmap {
    roadmapper::load_with_progress(
        &Input::new(
            "roadmap/backend.txt",
            include_str!("../../roadmap/backend.txt"),
        ),
        &[Input::new(
            "roadmap/backend.prereqs",
            include_str!("../../roadmap/backend.prereqs"),
        )],
        &[],
        progress,
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn generated_1k() -> &'static Roadmap {
    static R: OnceLock<Roadmap> = OnceLock::new();
    R.get_or_init(|| load_generated(1_000, 0x5eed_0001))
}

fn generated_10k() -> &'static Roadmap {
    static R: OnceLock<Roadmap> = OnceLock::new();
    R.get_or_init(|| load_generated(10_000, 0x5eed_0010))
}

// ---------------------------------------------------------------------------
// Checkers: each returns the violations it found
// ---------------------------------------------------------------------------

/// A topic as named in messages.
fn name(r: &Roadmap, topic: usize) -> String {
    if topic < r.len() {
        format!("#{topic} {:?}", r.topic(topic).label)
    } else {
        format!("#{topic} (no such topic)")
    }
}

fn fmt_rect(r: &Rect) -> String {
    format!(
        "[x {:.2}..{:.2}, y {:.2}..{:.2}]",
        r.x,
        r.right(),
        r.y,
        r.bottom()
    )
}

/// (a) Every topic has exactly one box, and no box names a missing topic.
fn check_one_box_per_topic(r: &Roadmap, scene: &Scene) -> Vec<String> {
    let mut count = vec![0usize; r.len()];
    let mut out = Vec::new();
    for b in &scene.boxes {
        match count.get_mut(b.topic) {
            Some(c) => *c += 1,
            None => out.push(format!(
                "(a) a box at {} is for topic #{}, but the roadmap has {} topics",
                fmt_rect(&b.rect),
                b.topic,
                r.len()
            )),
        }
    }
    for (t, &c) in count.iter().enumerate() {
        if c != 1 {
            out.push(format!("(a) {} has {c} boxes, not 1", name(r, t)));
        }
    }
    out
}

/// A uniform grid of square cells over the canvas; anything outside the
/// canvas is clamped into the border cells (monotonically, so two
/// intervals that meet still share a cell).
struct Grid {
    cell: f32,
    cols: usize,
    rows: usize,
    cells: Vec<Vec<usize>>,
}

impl Grid {
    const CELL: f32 = 128.0;

    fn new(scene: &Scene) -> Grid {
        let cols = ((scene.width / Self::CELL).ceil() as usize).max(1);
        let rows = ((scene.height / Self::CELL).ceil() as usize).max(1);
        let mut grid = Grid {
            cell: Self::CELL,
            cols,
            rows,
            cells: vec![Vec::new(); cols * rows],
        };
        for (i, b) in scene.boxes.iter().enumerate() {
            for c in grid.cells_of(b.rect.x, b.rect.right(), b.rect.y, b.rect.bottom()) {
                grid.cells[c].push(i);
            }
        }
        grid
    }

    fn span(&self, a: f32, b: f32, count: usize) -> (usize, usize) {
        // `as` saturates (and maps NaN to 0), so this stays in range.
        let index = |v: f32| ((v / self.cell).floor().max(0.0) as usize).min(count - 1);
        (index(a.min(b)), index(a.max(b)))
    }

    /// The cells a rectangle `x0..x1` x `y0..y1` touches.
    fn cells_of(&self, x0: f32, x1: f32, y0: f32, y1: f32) -> Vec<usize> {
        let (c0, c1) = self.span(x0, x1, self.cols);
        let (r0, r1) = self.span(y0, y1, self.rows);
        let mut out = Vec::with_capacity((c1 - c0 + 1) * (r1 - r0 + 1));
        for row in r0..=r1 {
            for col in c0..=c1 {
                out.push(row * self.cols + col);
            }
        }
        out
    }
}

/// (b) No two boxes share interior points.
fn check_no_overlaps(r: &Roadmap, scene: &Scene) -> Vec<String> {
    let grid = Grid::new(scene);
    let mut pairs = BTreeSet::new();
    for cell in &grid.cells {
        for (k, &i) in cell.iter().enumerate() {
            for &j in &cell[k + 1..] {
                if scene.boxes[i].rect.overlaps(&scene.boxes[j].rect) {
                    pairs.insert((i.min(j), i.max(j)));
                }
            }
        }
    }
    pairs
        .into_iter()
        .map(|(i, j)| {
            let (a, b) = (&scene.boxes[i], &scene.boxes[j]);
            format!(
                "(b) boxes overlap: {} at {} and {} at {}",
                name(r, a.topic),
                fmt_rect(&a.rect),
                name(r, b.topic),
                fmt_rect(&b.rect)
            )
        })
        .collect()
}

fn inside(rect: &Rect, scene: &Scene) -> bool {
    rect.x >= 0.0 && rect.y >= 0.0 && rect.right() <= scene.width && rect.bottom() <= scene.height
}

/// (c) Every box lies inside the canvas.
fn check_inside_canvas(r: &Roadmap, scene: &Scene) -> Vec<String> {
    scene
        .boxes
        .iter()
        .filter(|b| !inside(&b.rect, scene))
        .map(|b| {
            format!(
                "(c) {} at {} is not inside the canvas [0, {}] x [0, {}]",
                name(r, b.topic),
                fmt_rect(&b.rect),
                scene.width,
                scene.height
            )
        })
        .collect()
}

/// (d) Every text line fits its box with the role's padding (and the room
/// kept for a state badge, a count, a mark), and all lines fit its height.
fn check_text_fits(r: &Roadmap, scene: &Scene) -> Vec<String> {
    let mut out = Vec::new();
    for b in &scene.boxes {
        let pad = layout::metrics(b.role).pad_x;
        let (left, right) = b.reserved();
        let mark = left + right;
        let room = b.rect.width - 2.0 * pad - mark;
        for line in &b.lines {
            let w = text::width(line, b.font_size, b.weight);
            if w > room {
                out.push(format!(
                    "(d) {}: line {line:?} is {w:.3} px wide at {} px, the box {} leaves {room:.3} px (pad {pad}, reserved {mark})",
                    name(r, b.topic),
                    b.font_size,
                    fmt_rect(&b.rect)
                ));
            }
        }
        let h = b.lines.len() as f32 * text::line_height(b.font_size);
        if h > b.rect.height {
            out.push(format!(
                "(d) {}: {} lines need {h:.3} px, the box {} is {} px high",
                name(r, b.topic),
                b.lines.len(),
                fmt_rect(&b.rect),
                b.rect.height
            ));
        }
    }
    out
}

/// (e) No edge passes through a box other than its own two ends (inset by
/// 1 px, so grazing a border does not count).
fn check_edges_clear(r: &Roadmap, scene: &Scene) -> Vec<String> {
    let grid = Grid::new(scene);
    let mut out = Vec::new();
    for (k, e) in scene.edges.iter().enumerate() {
        let mut hit = BTreeSet::new();
        let mut first_segment = Vec::new();
        for (a, b) in e.segments() {
            for c in grid.cells_of(a.x, b.x, a.y, b.y) {
                for &i in &grid.cells[c] {
                    let bx = &scene.boxes[i];
                    if bx.topic != e.from
                        && bx.topic != e.to
                        && bx.rect.crossed_by(a, b, 1.0)
                        && hit.insert(i)
                    {
                        first_segment.push((i, a, b));
                    }
                }
            }
        }
        for (i, a, b) in first_segment {
            let bx = &scene.boxes[i];
            out.push(format!(
                "(e) edge #{k} ({:?} {} -> {}) passes through {} at {}: segment ({:.2}, {:.2})-({:.2}, {:.2})",
                e.kind,
                name(r, e.from),
                name(r, e.to),
                name(r, bx.topic),
                fmt_rect(&bx.rect),
                a.x,
                a.y,
                b.x,
                b.y
            ));
        }
    }
    out
}

/// Every prerequisite of the roadmap is drawn, once, as an arrow between
/// its two topics (so (e) cannot pass by dropping edges).
fn check_prerequisites_drawn(r: &Roadmap, scene: &Scene) -> Vec<String> {
    let mut drawn = std::collections::BTreeMap::new();
    for e in scene
        .edges
        .iter()
        .filter(|e| e.kind == EdgeKind::Prerequisite)
    {
        *drawn.entry((e.from, e.to)).or_insert(0usize) += 1;
    }
    let mut out = Vec::new();
    for (a, b, _) in r.prerequisites() {
        match drawn.remove(&(a, b)) {
            Some(1) => {}
            Some(k) => out.push(format!(
                "(e) prerequisite {} -> {} is drawn {k} times",
                name(r, a),
                name(r, b)
            )),
            None => out.push(format!(
                "(e) prerequisite {} -> {} is not drawn",
                name(r, a),
                name(r, b)
            )),
        }
    }
    for (a, b) in drawn.keys() {
        out.push(format!(
            "(e) an arrow {} -> {} is drawn for no prerequisite",
            name(r, *a),
            name(r, *b)
        ));
    }
    out
}

/// (f) The canvas is between 1:3 and 3:1.
fn check_aspect(scene: &Scene) -> Vec<String> {
    let ratio = scene.width / scene.height;
    if (1.0 / 3.0..=3.0).contains(&ratio) {
        Vec::new()
    } else {
        vec![format!(
            "(f) the canvas {} x {} has aspect ratio {ratio:.4}, outside [1/3, 3]",
            scene.width, scene.height
        )]
    }
}

/// (g) The legend, if any, is inside the canvas and overlaps no box.
fn check_legend(r: &Roadmap, scene: &Scene) -> Vec<String> {
    let Some(legend) = &scene.legend else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if !inside(&legend.rect, scene) {
        out.push(format!(
            "(g) the legend at {} is not inside the canvas [0, {}] x [0, {}]",
            fmt_rect(&legend.rect),
            scene.width,
            scene.height
        ));
    }
    for b in &scene.boxes {
        if b.rect.overlaps(&legend.rect) {
            out.push(format!(
                "(g) the legend at {} overlaps {} at {}",
                fmt_rect(&legend.rect),
                name(r, b.topic),
                fmt_rect(&b.rect)
            ));
        }
    }
    out
}

/// (i) The signs in a box (state badge, count, tag mark) lie inside it
/// and clear of its text and of each other.
fn check_signs(r: &Roadmap, scene: &Scene) -> Vec<String> {
    let mut out = Vec::new();
    let square = |(c, radius): (Point, f32)| {
        Rect::new(c.x - radius, c.y - radius, 2.0 * radius, 2.0 * radius)
    };
    for b in &scene.boxes {
        let text = b.text_rect();
        let mut signs: Vec<(&str, Rect)> = Vec::new();
        if let Some(c) = b.badge_circle() {
            signs.push(("badge", square(c)));
        }
        if let Some(c) = b.count_rect() {
            signs.push(("count", c));
        }
        if b.style.mark.is_some() {
            signs.push(("mark", square(b.mark_circle())));
        }
        for (k, &(what, at)) in signs.iter().enumerate() {
            let within = at.x >= b.rect.x
                && at.y >= b.rect.y
                && at.right() <= b.rect.right()
                && at.bottom() <= b.rect.bottom();
            if !within {
                out.push(format!(
                    "(i) {}: its {what} at {} leaves the box {}",
                    name(r, b.topic),
                    fmt_rect(&at),
                    fmt_rect(&b.rect)
                ));
            }
            if at.overlaps(&text) {
                out.push(format!(
                    "(i) {}: its {what} at {} overlaps its text at {}",
                    name(r, b.topic),
                    fmt_rect(&at),
                    fmt_rect(&text)
                ));
            }
            for &(other, at2) in &signs[k + 1..] {
                if at.overlaps(&at2) {
                    out.push(format!(
                        "(i) {}: its {what} and its {other} overlap",
                        name(r, b.topic)
                    ));
                }
            }
        }
    }
    out
}

/// (j) The lines under the title (subtitle, progress) lie inside the
/// canvas, clear of every box and of each other.
fn check_captions(r: &Roadmap, scene: &Scene) -> Vec<String> {
    let mut out = Vec::new();
    let lines: Vec<(&str, Rect)> = [
        ("subtitle", scene.subtitle.as_ref(), 13.0),
        ("progress line", scene.progress.as_ref(), PROGRESS_SIZE),
    ]
    .into_iter()
    .filter_map(|(what, line, size)| {
        let (at, t) = line?;
        let w = text::width(t, size, text::Weight::Regular);
        Some((
            what,
            Rect::new(at.x - w / 2.0, at.y, w, text::line_height(size)),
        ))
    })
    .collect();
    for (k, &(what, at)) in lines.iter().enumerate() {
        if !inside(&at, scene) {
            out.push(format!(
                "(j) the {what} at {} leaves the canvas",
                fmt_rect(&at)
            ));
        }
        for b in scene.boxes.iter().filter(|b| b.rect.overlaps(&at)) {
            out.push(format!(
                "(j) the {what} at {} overlaps {} at {}",
                fmt_rect(&at),
                name(r, b.topic),
                fmt_rect(&b.rect)
            ));
        }
        for &(other, at2) in &lines[k + 1..] {
            if at.overlaps(&at2) {
                out.push(format!("(j) the {what} and the {other} overlap"));
            }
        }
    }
    out
}

/// (h) Two layouts of the same roadmap are equal; names the first
/// differences instead of dumping two whole scenes.
fn check_same(r: &Roadmap, a: &Scene, b: &Scene) -> Vec<String> {
    if a == b {
        return Vec::new();
    }
    let mut out = Vec::new();
    if (a.width, a.height) != (b.width, b.height) {
        out.push(format!(
            "(h) canvas {} x {} then {} x {}",
            a.width, a.height, b.width, b.height
        ));
    }
    if a.boxes.len() != b.boxes.len() || a.edges.len() != b.edges.len() {
        out.push(format!(
            "(h) {} boxes / {} edges then {} / {}",
            a.boxes.len(),
            a.edges.len(),
            b.boxes.len(),
            b.edges.len()
        ));
    }
    for (x, y) in a.boxes.iter().zip(&b.boxes).filter(|(x, y)| x != y).take(5) {
        out.push(format!(
            "(h) box {} at {} then {} at {}",
            name(r, x.topic),
            fmt_rect(&x.rect),
            name(r, y.topic),
            fmt_rect(&y.rect)
        ));
    }
    for (k, (x, y)) in a
        .edges
        .iter()
        .zip(&b.edges)
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .take(5)
    {
        out.push(format!(
            "(h) edge #{k} {} -> {} differs: {:?} then {:?}",
            name(r, x.from),
            name(r, x.to),
            x.points,
            y.points
        ));
    }
    if a.legend != b.legend
        || a.subtitle != b.subtitle
        || a.progress != b.progress
        || a.layout != b.layout
    {
        out.push("(h) legend, subtitle, progress or layout name differ".to_string());
    }
    if out.is_empty() {
        out.push("(h) the scenes differ".to_string());
    }
    out
}

// ---------------------------------------------------------------------------
// Running the checks
// ---------------------------------------------------------------------------

/// Which invariants a layout promises.
#[derive(Clone, Copy)]
struct Promises {
    edges_clear: bool,
    aspect: bool,
}

const POSTER: Promises = Promises {
    edges_clear: true,
    aspect: true,
};

/// The layered engine re-routes every edge that layout-rs drew through an
/// unrelated box through the free gaps between layers, and packs its
/// per-section blocks (padding as a last resort) so the canvas stays
/// between 1:3 and 3:1 (src/layout/layered.rs): it promises both.
const LAYERED: Promises = Promises {
    edges_clear: true,
    aspect: true,
};

/// Lays `r` out twice, runs every promised check and fails with all the
/// violations (at most 30 per invariant are listed).
fn check(what: &str, r: &Roadmap, options: LayoutOptions, promises: Promises) {
    let start = Instant::now();
    let scene = layout::layout(r, &options);
    let laid = start.elapsed();
    let start = Instant::now();
    let mut report: Vec<Vec<String>> = vec![
        check_one_box_per_topic(r, &scene),
        check_no_overlaps(r, &scene),
        check_inside_canvas(r, &scene),
        check_text_fits(r, &scene),
        check_legend(r, &scene),
        check_signs(r, &scene),
        check_captions(r, &scene),
    ];
    if promises.edges_clear {
        report.push(check_prerequisites_drawn(r, &scene));
        report.push(check_edges_clear(r, &scene));
    }
    if promises.aspect {
        report.push(check_aspect(&scene));
    }
    let checked = start.elapsed();
    let again = layout::layout(r, &options);
    report.push(check_same(r, &scene, &again));
    eprintln!(
        "{what}: {} topics, {} edges, canvas {} x {}; layout {laid:?}, checks {checked:?}",
        r.len(),
        scene.edges.len(),
        scene.width,
        scene.height
    );
    let total: usize = report.iter().map(Vec::len).sum();
    if total > 0 {
        let mut message = format!("{what}: {total} invariant violations\n");
        for v in &report {
            for line in v.iter().take(30) {
                message.push_str(line);
                message.push('\n');
            }
            if v.len() > 30 {
                message.push_str(&format!("... and {} more like it\n", v.len() - 30));
            }
        }
        panic!("{message}");
    }
}

fn poster() -> LayoutOptions {
    LayoutOptions {
        kind: LayoutKind::Poster,
        direction: Direction::Down,
    }
}

fn layered(direction: Direction) -> LayoutOptions {
    LayoutOptions {
        kind: LayoutKind::Layered,
        direction,
    }
}

// ---------------------------------------------------------------------------
// The generator itself
// ---------------------------------------------------------------------------

#[test]
fn generator_makes_what_it_promises() {
    for (n, seed) in [(1_000, 0x5eed_0001), (10_000, 0x5eed_0010)] {
        let g = generate(n, seed);
        assert_eq!(g.topics, n);
        assert_eq!(g.edges, n / 10, "about 10% prerequisite edges");
        let (lo, hi) = (
            g.label_lengths.iter().min().copied().unwrap_or(0),
            g.label_lengths.iter().max().copied().unwrap_or(0),
        );
        assert!(lo >= 10 && hi <= 40, "labels are {lo}..={hi} characters");
        // Deterministic: the same seed gives the same text.
        let again = generate(n, seed);
        assert_eq!(g.outline, again.outline);
        assert_eq!(g.prereqs, again.prereqs);
    }
    let r = generated_1k();
    assert_eq!(r.len(), 1_000);
    assert_eq!(r.prerequisites().count(), 100);
    let depth = r.topics().map(|t| t.depth).max().unwrap_or(0);
    assert!(depth >= 4, "some topics are 4+ levels deep ({depth})");
    assert!(r.title().is_some(), "one title root");
}

// ---------------------------------------------------------------------------
// Poster
// ---------------------------------------------------------------------------

#[test]
fn poster_seed() {
    check("poster, seed", seed(), poster(), POSTER);
}

#[test]
fn poster_backend() {
    check("poster, backend", backend(), poster(), POSTER);
}

#[test]
fn poster_backend_progress() {
    check(
        "poster, backend with progress",
        backend_progress(),
        poster(),
        POSTER,
    );
}

#[test]
fn poster_1k() {
    check("poster, 1,000 topics", generated_1k(), poster(), POSTER);
}

#[test]
fn poster_10k() {
    check("poster, 10,000 topics", generated_10k(), poster(), POSTER);
}

// ---------------------------------------------------------------------------
// Layered
// ---------------------------------------------------------------------------

#[test]
fn layered_seed_down() {
    check(
        "layered down, seed",
        seed(),
        layered(Direction::Down),
        LAYERED,
    );
}

#[test]
fn layered_seed_right() {
    check(
        "layered right, seed",
        seed(),
        layered(Direction::Right),
        LAYERED,
    );
}

#[test]
fn layered_backend_down() {
    check(
        "layered down, backend",
        backend(),
        layered(Direction::Down),
        LAYERED,
    );
}

#[test]
fn layered_backend_right() {
    check(
        "layered right, backend",
        backend(),
        layered(Direction::Right),
        LAYERED,
    );
}

#[test]
fn layered_backend_progress() {
    for direction in [Direction::Down, Direction::Right] {
        check(
            &format!("layered {direction:?}, backend with progress"),
            backend_progress(),
            layered(direction),
            LAYERED,
        );
    }
}

#[test]
fn layered_1k_down() {
    check(
        "layered down, 1,000 topics",
        generated_1k(),
        layered(Direction::Down),
        LAYERED,
    );
}

// ---------------------------------------------------------------------------
// The checkers can fail
// ---------------------------------------------------------------------------

/// Breaks a valid scene in every way the checkers look for and asserts
/// that each break is caught, by the right checker, naming the topic.
#[test]
fn checkers_detect_violations() {
    let r = backend();
    let scene = layout::layout(r, &poster());
    // The unbroken scene passes, so what follows is caused by the breaks.
    assert!(check_one_box_per_topic(r, &scene).is_empty());
    assert!(check_no_overlaps(r, &scene).is_empty());
    assert!(check_inside_canvas(r, &scene).is_empty());
    assert!(check_text_fits(r, &scene).is_empty());
    assert!(check_edges_clear(r, &scene).is_empty());
    assert!(check_prerequisites_drawn(r, &scene).is_empty());
    assert!(check_aspect(&scene).is_empty());
    assert!(check_legend(r, &scene).is_empty());
    assert!(check_same(r, &scene, &scene.clone()).is_empty());

    let topic_box = |s: &Scene, label: &str| {
        s.boxes
            .iter()
            .position(|b| r.topic(b.topic).label == label)
            .unwrap_or_else(|| panic!("{label} has a box"))
    };
    let rest = topic_box(&scene, "REST");
    let graphql = topic_box(&scene, "GraphQL");
    let mentions = |found: &[String], what: &str| {
        assert!(
            !found.is_empty() && found.iter().any(|m| m.contains(what)),
            "expected a violation naming {what}, got {found:?}"
        );
    };

    // (a) a box missing, a box doubled.
    let mut s = scene.clone();
    s.boxes.remove(rest);
    mentions(&check_one_box_per_topic(r, &s), "\"REST\" has 0 boxes");
    let mut s = scene.clone();
    s.boxes.push(s.boxes[rest].clone());
    mentions(&check_one_box_per_topic(r, &s), "\"REST\" has 2 boxes");

    // (b) one box moved onto another.
    let mut s = scene.clone();
    let target = s.boxes[graphql].rect;
    s.boxes[rest].rect.x = target.x + 3.0;
    s.boxes[rest].rect.y = target.y + 2.0;
    mentions(&check_no_overlaps(r, &s), "\"GraphQL\"");
    mentions(&check_no_overlaps(r, &s), "\"REST\"");
    // Touching edges are not an overlap.
    let mut s = scene.clone();
    s.boxes[rest].rect.x = target.right();
    s.boxes[rest].rect.y = target.y;
    assert!(
        !check_no_overlaps(r, &s)
            .iter()
            .any(|m| m.contains("\"GraphQL\"") && m.contains("\"REST\"")),
        "boxes that only touch do not overlap"
    );

    // (c) a box pushed past the right edge and above the top.
    let mut s = scene.clone();
    s.boxes[rest].rect.x = s.width - 10.0;
    mentions(&check_inside_canvas(r, &s), "\"REST\"");
    let mut s = scene.clone();
    s.boxes[rest].rect.y = -1.0;
    mentions(&check_inside_canvas(r, &s), "\"REST\"");

    // (d) a box narrower than its text, one lower than its lines, and a
    // mark that takes the room the text needed.
    let mut s = scene.clone();
    let need = text::width("REST", s.boxes[rest].font_size, s.boxes[rest].weight);
    s.boxes[rest].rect.width = need + 2.0 * layout::metrics(s.boxes[rest].role).pad_x - 1.0;
    mentions(&check_text_fits(r, &s), "line \"REST\"");
    let mut s = scene.clone();
    s.boxes[rest].rect.height = text::line_height(s.boxes[rest].font_size) - 1.0;
    mentions(&check_text_fits(r, &s), "1 lines need");
    let mut s = scene.clone();
    s.boxes[rest].rect.width = (need + 2.0 * layout::metrics(s.boxes[rest].role).pad_x).ceil();
    assert!(check_text_fits(r, &s).is_empty(), "the text alone fits");
    s.boxes[rest].style.mark = Some(roadmapper::scene::Mark::Recommended);
    mentions(&check_text_fits(r, &s), "reserved 20");

    // (e) an edge drawn straight through an unrelated box, as a polyline
    // and as a Bezier; an edge touching only its own ends is fine.
    let rr = scene.boxes[rest].rect;
    let through = |curve: Curve, points: Vec<Point>| SceneEdge {
        kind: EdgeKind::Prerequisite,
        from: scene.boxes[graphql].topic,
        to: r.title().unwrap_or(0),
        points,
        curve,
        arrow: true,
    };
    let (left, right) = (
        Point::new(rr.x - 50.0, rr.center().y),
        Point::new(rr.right() + 50.0, rr.center().y),
    );
    let mut s = scene.clone();
    s.edges.push(through(Curve::Polyline, vec![left, right]));
    mentions(&check_edges_clear(r, &s), "passes through #");
    mentions(&check_edges_clear(r, &s), "\"REST\"");
    let mut s = scene.clone();
    s.edges.push(through(
        Curve::Bezier,
        vec![left, rr.center(), rr.center(), right],
    ));
    mentions(&check_edges_clear(r, &s), "\"REST\"");
    let mut s = scene.clone();
    let mut own = through(Curve::Polyline, vec![left, right]);
    own.to = scene.boxes[rest].topic;
    s.edges.push(own);
    assert!(
        !check_edges_clear(r, &s)
            .iter()
            .any(|m| m.contains("through #") && m.contains("\"REST\" at")),
        "an edge may cross its own end's box"
    );
    // Running along a border is not passing through.
    let mut s = scene.clone();
    s.edges.push(through(
        Curve::Polyline,
        vec![
            Point::new(rr.x - 50.0, rr.y),
            Point::new(rr.right() + 50.0, rr.y),
        ],
    ));
    assert!(
        !check_edges_clear(r, &s)
            .iter()
            .any(|m| m.contains("through #") && m.contains("\"REST\" at")),
        "grazing a border does not count"
    );

    // A prerequisite arrow dropped.
    let mut s = scene.clone();
    let k = s
        .edges
        .iter()
        .position(|e| e.kind == EdgeKind::Prerequisite)
        .unwrap_or_else(|| panic!("the backend poster draws prerequisites"));
    s.edges.remove(k);
    mentions(&check_prerequisites_drawn(r, &s), "is not drawn");

    // (f) too wide, too tall.
    let mut s = scene.clone();
    s.width = 3.01 * s.height;
    mentions(&check_aspect(&s), "outside [1/3, 3]");
    let mut s = scene.clone();
    s.height = 3.01 * s.width;
    mentions(&check_aspect(&s), "outside [1/3, 3]");

    // (g) the legend over a box, and out of the canvas.
    let mut s = scene.clone();
    if let Some(l) = &mut s.legend {
        l.rect.x = rr.x - 5.0;
        l.rect.y = rr.y - 5.0;
    }
    mentions(&check_legend(r, &s), "overlaps #");
    let mut s = scene.clone();
    if let Some(l) = &mut s.legend {
        l.rect.y = s.height - 1.0;
    }
    mentions(&check_legend(r, &s), "not inside the canvas");

    // (h) one coordinate moved.
    let mut s = scene.clone();
    s.boxes[rest].rect.y += 0.5;
    mentions(&check_same(r, &scene, &s), "\"REST\"");
    let mut s = scene.clone();
    if let Some(e) = s.edges.last_mut() {
        e.points[0].x += 0.5;
    }
    mentions(&check_same(r, &scene, &s), "edge #");

    // The grid clamps what lies off the canvas into its border cells, so
    // overlaps and crossings there are still found.
    let mut s = scene.clone();
    s.boxes[rest].rect.x = -500.0;
    s.boxes[graphql].rect.x = -480.0;
    s.boxes[graphql].rect.y = s.boxes[rest].rect.y;
    mentions(&check_no_overlaps(r, &s), "\"REST\"");
}

/// The checkers of the signs in a box and of the lines under the title
/// can fail: a badge moved onto the text, a count pushed out of its box,
/// the progress line moved onto a box.
#[test]
fn sign_and_caption_checkers_detect_violations() {
    let r = backend_progress();
    let scene = layout::layout(r, &poster());
    assert!(check_signs(r, &scene).is_empty());
    assert!(check_captions(r, &scene).is_empty());
    let section = scene
        .boxes
        .iter()
        .position(|b| b.style.count.is_some() && b.style.badge().is_some())
        .expect("a section with a badge and a count");
    let label = format!("{:?}", r.topic(scene.boxes[section].topic).label);

    // Text squeezed onto the badge and the count: a box narrower than the
    // room it was sized with.
    let mut s = scene.clone();
    let b = &mut s.boxes[section];
    b.rect.width = b.text_rect().width;
    let found = check_signs(r, &s);
    assert!(
        found
            .iter()
            .any(|m| m.contains(&label) && m.contains("badge") && m.contains("overlaps its text")),
        "{found:?}"
    );
    assert!(found.iter().any(|m| m.contains("count")), "{found:?}");

    // The progress line moved onto a box, then off the canvas.
    let mut s = scene.clone();
    let target = s.boxes[section].rect.center();
    if let Some((at, _)) = &mut s.progress {
        *at = target;
    }
    let found = check_captions(r, &s);
    assert!(
        found
            .iter()
            .any(|m| m.contains("progress line") && m.contains(&label)),
        "{found:?}"
    );
    let mut s = scene.clone();
    if let Some((at, _)) = &mut s.progress {
        at.y = s.height;
    }
    let found = check_captions(r, &s);
    assert!(
        found.iter().any(|m| m.contains("leaves the canvas")),
        "{found:?}"
    );
}
