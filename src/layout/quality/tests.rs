//! The legibility measures' tests: each on a scene built to have a known
//! count, and the grid against testing every pair.

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
        progress: None,
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

fn edge(kind: EdgeKind, from: usize, to: usize, points: &[(f32, f32)]) -> SceneEdge {
    SceneEdge {
        kind,
        points: points.iter().map(|&(x, y)| Point::new(x, y)).collect(),
        ..line(from, to, Point::new(0.0, 0.0), Point::new(0.0, 0.0))
    }
}

#[test]
fn measure_gathers_the_box_and_crossing_counts() {
    let p = Point::new;
    let boxes = vec![
        bx(0, 0.0, 0.0),
        bx(1, 100.0, 100.0),
        bx(2, 50.0, 50.0),
        bx(3, 55.0, 52.0),
    ];
    let edges = vec![
        line(0, 1, p(10.0, 10.0), p(110.0, 110.0)),
        line(2, 3, p(110.0, 10.0), p(10.0, 110.0)),
    ];
    let q = measure(&scene(boxes, edges));
    assert_eq!((q.boxes, q.edges, q.arrows), (4, 2, 2));
    assert_eq!(q.overlaps, 1);
    // The first diagonal passes through boxes 2 and 3.
    assert_eq!(q.through_boxes, 2);
    assert_eq!((q.crossings, q.arrow_crossings), (1, 1));
}

#[test]
fn arrows_crossing_the_main_path_are_told_from_other_crossings() {
    use EdgeKind::{Contains, Prerequisite, Spine};
    let edges = vec![
        // The main path, straight down.
        edge(Spine, 0, 1, &[(100.0, 0.0), (100.0, 200.0)]),
        // An arrow across it, and a connector across it.
        edge(Prerequisite, 2, 3, &[(50.0, 50.0), (150.0, 50.0)]),
        edge(Contains, 4, 5, &[(50.0, 150.0), (150.0, 150.0)]),
        // A second arrow crossing the first one, not the main path.
        edge(Prerequisite, 6, 7, &[(60.0, 20.0), (60.0, 80.0)]),
    ];
    let q = measure(&scene(Vec::new(), edges));
    assert_eq!(q.crossings, 3);
    assert_eq!(q.main_path_crossings, 1);
    assert_eq!(q.arrow_crossings, 1);
}

#[test]
fn arrows_sharing_a_line_for_more_than_a_few_pixels() {
    use EdgeKind::{Contains, Prerequisite};
    let count = |edges: Vec<SceneEdge>| measure(&scene(Vec::new(), edges)).shared_segments;
    let arrow = |from, points: &[(f32, f32)]| edge(Prerequisite, from, from + 1, points);
    // 20 px on one line, 1 px apart: shared (the bends elsewhere do not
    // matter).
    assert_eq!(
        count(vec![
            arrow(0, &[(0.0, 0.0), (0.0, 50.0), (40.0, 50.0)]),
            arrow(2, &[(20.0, 51.0), (60.0, 51.0), (60.0, 90.0)]),
        ]),
        1
    );
    // Only 3 px of overlap: a touch, not a shared line.
    assert_eq!(
        count(vec![
            arrow(0, &[(0.0, 50.0), (40.0, 50.0)]),
            arrow(2, &[(37.0, 50.0), (80.0, 50.0)]),
        ]),
        0
    );
    // Parallel but 5 px apart: two lines a reader can tell apart.
    assert_eq!(
        count(vec![
            arrow(0, &[(0.0, 50.0), (40.0, 50.0)]),
            arrow(2, &[(0.0, 55.0), (40.0, 55.0)]),
        ]),
        0
    );
    // Slanted lines on one line count as well; a connector does not.
    assert_eq!(
        count(vec![
            arrow(0, &[(0.0, 0.0), (30.0, 30.0)]),
            arrow(2, &[(10.0, 10.0), (50.0, 50.0)]),
            edge(Contains, 4, 5, &[(0.0, 0.0), (50.0, 50.0)]),
        ]),
        1
    );
    // Two arrows 0.8 px apart, on either side of a grid line for some
    // of these heights: many tiny connectors make the cells about 5 px
    // tall, and the heights step through 6 px.
    for k in 0..12 {
        let mut edges: Vec<SceneEdge> = (0..400)
            .map(|i| {
                let (x, y) = ((i % 100) as f32 * 2.0, 180.0 + (i / 100) as f32 * 5.0);
                edge(Contains, 10, 11, &[(x, y), (x + 1.0, y)])
            })
            .collect();
        edges.push(edge(Contains, 10, 11, &[(0.0, 0.0), (1.0, 1.0)]));
        let y = 45.0 + k as f32 * 0.5;
        edges.push(arrow(0, &[(20.0, y), (90.0, y)]));
        edges.push(arrow(2, &[(30.0, y + 0.8), (120.0, y + 0.8)]));
        assert_eq!(count(edges), 1, "at {y}");
    }
    // Three arrows into one box along one line: three pairs.
    assert_eq!(
        count(vec![
            arrow(0, &[(0.0, 10.0), (100.0, 10.0)]),
            edge(Prerequisite, 1, 0, &[(20.0, 10.0), (100.0, 10.0)]),
            edge(Prerequisite, 2, 0, &[(40.0, 10.0), (100.0, 10.0)]),
        ]),
        3
    );
}

#[test]
fn bends_are_quarter_turns_and_length_is_drawn_length() {
    use EdgeKind::Prerequisite;
    let q = |edges: Vec<SceneEdge>| measure(&scene(Vec::new(), edges));
    // Straight, with a collinear middle point: no bend, 100 px.
    let straight = edge(Prerequisite, 0, 1, &[(0.0, 0.0), (50.0, 0.0), (100.0, 0.0)]);
    // Two right angles (a step): 2 bends, 30 + 40 + 30 px.
    let step = edge(
        Prerequisite,
        0,
        1,
        &[(0.0, 0.0), (0.0, 30.0), (40.0, 30.0), (40.0, 60.0)],
    );
    let both = q(vec![straight.clone(), step.clone()]);
    assert!(
        (both.bends_per_edge - 1.0).abs() < 1e-6,
        "{}",
        both.bends_per_edge
    );
    assert!(
        (both.edge_length - 200.0).abs() < 1e-3,
        "{}",
        both.edge_length
    );
    // A turn back is two quarter turns.
    let back = edge(Prerequisite, 0, 1, &[(0.0, 0.0), (50.0, 0.0), (10.0, 0.0)]);
    assert!((q(vec![back]).bends_per_edge - 2.0).abs() < 1e-6);
    // A Bezier quarter circle turns a quarter, smoothly.
    let k = 0.552_284_8 * 100.0;
    let arc = SceneEdge {
        curve: Curve::Bezier,
        ..edge(
            Prerequisite,
            0,
            1,
            &[(0.0, 0.0), (k, 0.0), (100.0, 100.0 - k), (100.0, 100.0)],
        )
    };
    let a = q(vec![arc]);
    assert!(
        (a.bends_per_edge - 1.0).abs() < 0.07,
        "{}",
        a.bends_per_edge
    );
    assert!((a.edge_length - 157.08).abs() < 1.0, "{}", a.edge_length);
    // Nothing drawn: no bends, no length, no NaN.
    let none = q(Vec::new());
    assert_eq!((none.bends_per_edge, none.edge_length), (0.0, 0.0));
}

#[test]
fn area_per_topic_and_aspect_come_from_the_canvas() {
    let boxes = vec![
        bx(0, 0.0, 0.0),
        bx(1, 30.0, 0.0),
        bx(2, 60.0, 0.0),
        bx(3, 90.0, 0.0),
    ];
    let s = Scene {
        width: 300.0,
        height: 100.0,
        ..scene(boxes, Vec::new())
    };
    let q = measure(&s);
    assert_eq!((q.width, q.height), (300.0, 100.0));
    assert_eq!(q.area_per_topic, 7_500.0);
    assert_eq!(q.aspect, 3.0);
    let empty = Scene {
        width: 0.0,
        height: 0.0,
        ..scene(Vec::new(), Vec::new())
    };
    assert_eq!(
        (measure(&empty).aspect, measure(&empty).area_per_topic),
        (0.0, 0.0)
    );
}

#[test]
fn a_large_scene_is_measured_in_linear_time() {
    // 20,000 boxes in a grid, each joined to its right neighbour by a
    // step and to the box below by an arrow: every measure is near
    // linear, so this stays far within the bound below even unoptimised.
    let (cols, rows) = (200usize, 100usize);
    let mut boxes = Vec::new();
    let mut edges = Vec::new();
    for r in 0..rows {
        for c in 0..cols {
            let (x, y) = (c as f32 * 40.0, r as f32 * 30.0);
            let i = r * cols + c;
            boxes.push(bx(i, x, y));
            if c + 1 < cols {
                edges.push(edge(
                    EdgeKind::Contains,
                    i,
                    i + 1,
                    &[
                        (x + 20.0, y + 5.0),
                        (x + 30.0, y + 5.0),
                        (x + 30.0, y + 8.0),
                        (x + 40.0, y + 8.0),
                    ],
                ));
            }
            if r + 1 < rows {
                edges.push(edge(
                    EdgeKind::Prerequisite,
                    i,
                    i + cols,
                    &[(x + 10.0, y + 10.0), (x + 10.0, y + 30.0)],
                ));
            }
        }
    }
    let s = Scene {
        width: cols as f32 * 40.0,
        height: rows as f32 * 30.0,
        ..scene(boxes, edges)
    };
    let start = std::time::Instant::now();
    let q = measure(&s);
    let took = start.elapsed();
    assert_eq!(
        (q.overlaps, q.through_boxes, q.crossings, q.shared_segments),
        (0, 0, 0, 0)
    );
    assert_eq!(q.boxes, 20_000);
    assert!(took.as_secs_f64() < 10.0, "{took:?}");
}
