//! The poster's legibility promises (issue 10, part 4), checked on the
//! backend roadmap, a 300-topic generated roadmap and the dense curriculum
//! (501 topics, 1,232 prerequisites; `tests/fixtures/dense`, made by
//! `make_dense.py`):
//!
//! - prerequisite lanes at least [`MIN_LANE_GAP`] px apart;
//! - no arrow crosses the main path;
//! - every dotted connector of a parent leaves from its own point, and no
//!   arrow ends where a connector does;
//! - a section's topics stay within its vertical span;
//! - the main path never runs far beside nothing;
//! - no overlaps and no edge through a box ([`quality`]).
//!
//! `checks_can_fail` breaks scenes on purpose to show each check bites.

use std::sync::OnceLock;

use roadmapper::generate::{GenerateOptions, generate};
use roadmapper::layout::{self, LayoutOptions, quality};
use roadmapper::scene::{EdgeKind, Point, Role, Scene};
use roadmapper::{Input, Roadmap, load};

/// The least distance between two parallel vertical prerequisite runs
/// that overlap, on posters whose channels are not packed.
const MIN_LANE_GAP: f32 = 8.0;
/// The longest stretch of main path with no box beside it.
const MAX_EMPTY_RUN: f32 = 240.0;

fn backend() -> &'static Roadmap {
    static R: OnceLock<Roadmap> = OnceLock::new();
    R.get_or_init(|| {
        load(
            &Input::new("backend.txt", include_str!("../../roadmap/backend.txt")),
            &[Input::new(
                "backend.prereqs",
                include_str!("../../roadmap/backend.prereqs"),
            )],
        )
        .unwrap()
    })
}

fn generated_300() -> &'static Roadmap {
    static R: OnceLock<Roadmap> = OnceLock::new();
    R.get_or_init(|| {
        let g = generate(&GenerateOptions {
            topics: 300,
            prereqs_percent: 10,
            seed: 1,
        });
        load(
            &Input::new("g.txt", g.outline),
            &[Input::new("g.prereqs", g.prereqs)],
        )
        .unwrap()
    })
}

fn dense() -> &'static Roadmap {
    static R: OnceLock<Roadmap> = OnceLock::new();
    R.get_or_init(|| {
        load(
            &Input::new("dense.txt", include_str!("../fixtures/dense/dense.txt")),
            &[Input::new(
                "dense.prereqs",
                include_str!("../fixtures/dense/dense.prereqs"),
            )],
        )
        .unwrap()
    })
}

fn poster(r: &Roadmap) -> Scene {
    layout::layout(r, &LayoutOptions::default())
}

/// Whether segments a-b and c-d cross at one point inside both.
fn cross((a, b): (Point, Point), (c, d): (Point, Point)) -> bool {
    let o = |p: Point, q: Point, r: Point| (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
    o(a, b, c) * o(a, b, d) < 0.0 && o(c, d, a) * o(c, d, b) < 0.0
}

fn edges(scene: &Scene, kind: EdgeKind) -> impl Iterator<Item = &roadmapper::scene::SceneEdge> {
    scene.edges.iter().filter(move |e| e.kind == kind)
}

/// Prerequisite arrows that cross the main path.
fn spine_crossings(scene: &Scene) -> usize {
    let spine: Vec<(Point, Point)> = edges(scene, EdgeKind::Spine)
        .flat_map(|e| e.segments())
        .collect();
    edges(scene, EdgeKind::Prerequisite)
        .filter(|e| {
            e.segments()
                .iter()
                .any(|&s| spine.iter().any(|&t| cross(s, t)))
        })
        .count()
}

/// The least gap between two vertical runs of different arrows that
/// overlap by more than a pixel (0 when two share a line).
fn min_lane_gap(scene: &Scene) -> f32 {
    let mut runs: Vec<(f32, f32, f32, usize)> = Vec::new();
    for (k, e) in scene.edges.iter().enumerate() {
        if e.kind != EdgeKind::Prerequisite {
            continue;
        }
        for (a, b) in e.segments() {
            if a.x == b.x && a.y != b.y {
                runs.push((a.x, a.y.min(b.y), a.y.max(b.y), k));
            }
        }
    }
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut least = f32::INFINITY;
    for (i, r) in runs.iter().enumerate() {
        for s in &runs[i + 1..] {
            if s.0 - r.0 >= least {
                break;
            }
            if s.3 != r.3 && s.1.max(r.1) + 1.0 < s.2.min(r.2) {
                least = least.min(s.0 - r.0);
            }
        }
    }
    least
}

/// Violations of "every connector leaves its parent from its own point
/// and no arrow ends where a connector does".
fn shared_points(scene: &Scene) -> Vec<String> {
    let key = |p: Point| ((p.x * 4.0).round() as i64, (p.y * 4.0).round() as i64);
    let mut seen = std::collections::HashMap::new();
    let mut bad = Vec::new();
    for e in edges(scene, EdgeKind::Contains) {
        for (p, what) in [
            (e.points[0], "start"),
            (e.points[e.points.len() - 1], "end"),
        ] {
            if let Some(other) = seen.insert(key(p), (e.from, e.to, what)) {
                bad.push(format!(
                    "connector {}->{} {what} shares {p:?} with {other:?}",
                    e.from, e.to
                ));
            }
        }
    }
    for e in edges(scene, EdgeKind::Prerequisite) {
        for p in [e.points[0], e.points[e.points.len() - 1]] {
            if let Some(other) = seen.get(&key(p)) {
                bad.push(format!(
                    "arrow {}->{} meets connector {other:?} at {p:?}",
                    e.from, e.to
                ));
            }
        }
    }
    bad
}

/// Topics lying outside their section's vertical span: below the next
/// section on the same main path, or above their own section.
fn outside_span(r: &Roadmap, scene: &Scene) -> Vec<String> {
    let index = scene.box_index(r.len());
    let rect = |t: usize| index[t].map(|i| scene.boxes[i].rect);
    let sections = r.sections();
    let mut bad = Vec::new();
    for (k, &s) in sections.iter().enumerate() {
        let Some(sr) = rect(s) else { continue };
        // The next section on the same path: same x.
        let next = sections[k + 1..]
            .iter()
            .filter_map(|&n| rect(n))
            .find(|n| n.x == sr.x)
            .map_or(f32::INFINITY, |n| n.y);
        for t in r.subtree(s).skip(1) {
            let Some(tr) = rect(t) else { continue };
            if tr.y < sr.y || tr.bottom() > next {
                bad.push(format!(
                    "{:?} at y {} outside {:?}'s span {}..{next}",
                    r.topic(t).label,
                    tr.y,
                    r.topic(s).label,
                    sr.y
                ));
            }
        }
    }
    bad
}

/// The longest stretch of vertical main path with no box (but sections)
/// within 700 px across and 40 px along.
fn longest_empty_run(scene: &Scene) -> f32 {
    let mut longest = 0.0f32;
    for e in edges(scene, EdgeKind::Spine) {
        for (a, b) in e.segments() {
            if a.x != b.x {
                continue;
            }
            let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
            let mut cover: Vec<(f32, f32)> = scene
                .boxes
                .iter()
                .filter(|bx| bx.role == Role::Topic || bx.role == Role::Subtopic)
                .filter(|bx| (bx.rect.center().x - a.x).abs() < 700.0)
                .map(|bx| (bx.rect.y - 40.0, bx.rect.bottom() + 40.0))
                .collect();
            cover.sort_by(|p, q| p.0.total_cmp(&q.0));
            let mut at = y0;
            for (c0, c1) in cover {
                if c0 > at {
                    longest = longest.max(c0.min(y1) - at);
                }
                at = at.max(c1);
                if at >= y1 {
                    break;
                }
            }
            longest = longest.max(y1 - at);
        }
    }
    longest
}

/// Sideways steps of the main path shorter than 4 px: a kink where it
/// should run straight (the title centred a pixel off its first section).
fn jogs(scene: &Scene) -> usize {
    edges(scene, EdgeKind::Spine)
        .flat_map(|e| e.segments())
        .filter(|(a, b)| a.y == b.y && (a.x - b.x).abs() > 0.0 && (a.x - b.x).abs() < 4.0)
        .count()
}

fn report(what: &str, r: &Roadmap, scene: &Scene) {
    eprintln!(
        "{what}: {} x {}, overlaps {}, through boxes {}, crossings {}, spine crossings {}, least lane gap {}, longest empty run {}",
        scene.width,
        scene.height,
        quality::overlaps(scene),
        quality::through_boxes(scene),
        quality::crossings(scene),
        spine_crossings(scene),
        min_lane_gap(scene),
        longest_empty_run(scene),
    );
    let _ = r;
}

fn check_all(what: &str, r: &Roadmap, lane_gap: f32) {
    let scene = poster(r);
    report(what, r, &scene);
    assert_eq!(quality::overlaps(&scene), 0, "{what}: overlaps");
    assert_eq!(
        quality::through_boxes(&scene),
        0,
        "{what}: edges through boxes"
    );
    assert_eq!(
        spine_crossings(&scene),
        0,
        "{what}: arrows across the main path"
    );
    assert!(
        min_lane_gap(&scene) >= lane_gap,
        "{what}: lanes {} px apart",
        min_lane_gap(&scene)
    );
    let shared = shared_points(&scene);
    assert!(shared.is_empty(), "{what}: {shared:#?}");
    let outside = outside_span(r, &scene);
    assert!(outside.is_empty(), "{what}: {outside:#?}");
    let empty = longest_empty_run(&scene);
    assert!(
        empty <= MAX_EMPTY_RUN,
        "{what}: main path runs {empty} px beside nothing"
    );
    assert_eq!(jogs(&scene), 0, "{what}: the main path kinks");
}

#[test]
fn backend_poster_is_legible() {
    check_all("backend", backend(), MIN_LANE_GAP);
}

/// Crossings on the backend poster stay under these bounds thanks to
/// ordered lanes and arrows across the main path taking the outer sides,
/// clear of the section connectors (`layout::poster::lanes`, `route`);
/// first-fit lanes, or those arrows running beside the path, cross far
/// more.
#[test]
fn backend_poster_arrows_cross_little() {
    let q = quality::measure(&poster(backend()));
    assert!(q.crossings <= 450, "{} crossings", q.crossings);
    assert!(
        q.arrow_crossings <= 120,
        "{} arrow x arrow crossings",
        q.arrow_crossings
    );
}

#[test]
fn generated_poster_is_legible() {
    check_all("generated 300", generated_300(), MIN_LANE_GAP);
}

#[test]
fn dense_poster_is_legible() {
    // The dense curriculum's busiest channels pack their lanes closer.
    check_all("dense", dense(), 1.0);
}

#[test]
fn checks_can_fail() {
    let r = backend();
    let good = poster(r);
    // An arrow straight across the poster crosses the main path.
    let mut s = good.clone();
    let e = edges(&s, EdgeKind::Prerequisite).next().unwrap().clone();
    let mut across = e.clone();
    across.points = vec![Point::new(0.0, 500.0), Point::new(s.width, 500.0)];
    s.edges.push(across);
    assert!(spine_crossings(&s) > 0);
    // A main path a pixel off the title's centre.
    let mut s = good.clone();
    let spine = s
        .edges
        .iter_mut()
        .find(|e| e.kind == EdgeKind::Spine)
        .unwrap();
    spine.points = vec![
        Point::new(100.0, 0.0),
        Point::new(100.0, 10.0),
        Point::new(101.0, 10.0),
        Point::new(101.0, 20.0),
    ];
    assert_eq!(jogs(&s), 1);
    // Two arrows on one lane.
    let mut s = good.clone();
    let mut twin = e.clone();
    twin.to = usize::MAX;
    for p in &mut twin.points {
        p.x += 1.0;
    }
    s.edges.push(twin);
    assert!(min_lane_gap(&s) < MIN_LANE_GAP);
    // Two connectors from one point; an arrow ending on a connector.
    let mut s = good.clone();
    let c = edges(&s, EdgeKind::Contains).next().unwrap().clone();
    let mut d = c.clone();
    d.to += 1_000;
    if let Some(last) = d.points.last_mut() {
        last.y += 3.0;
    }
    s.edges.push(d);
    let mut a = e.clone();
    a.points[0] = c.points[c.points.len() - 1];
    s.edges.push(a);
    assert_eq!(shared_points(&s).len(), 2);
    // A topic moved below the next section.
    let mut s = good.clone();
    let sections = r.sections();
    let t = r.children(sections[0]).next().unwrap();
    let index = s.box_index(r.len());
    let next_y = s.boxes[index[sections[1]].unwrap()].rect.y;
    s.boxes[index[t].unwrap()].rect.y = next_y + 10.0;
    assert_eq!(outside_span(r, &s).len(), 1);
    // A main path with no topics beside it.
    let mut s = good;
    s.boxes
        .retain(|b| b.role == Role::Section || b.role == Role::Title);
    let mut path = edges(&s, EdgeKind::Spine).next().unwrap().clone();
    path.points = vec![Point::new(10.0, 0.0), Point::new(10.0, 2.0 * MAX_EMPTY_RUN)];
    s.edges.push(path);
    assert!(longest_empty_run(&s) > MAX_EMPTY_RUN);
}
