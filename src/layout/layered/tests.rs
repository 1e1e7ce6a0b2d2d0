//! The layered engine's tests, in one place: its promises on the backend
//! roadmap, the dense curriculum and generated roadmaps, and a measurement
//! run for the report.

use std::time::Instant;

use super::graph;
use super::gutters;
use super::layout;
use super::order;
use super::spacing::Spacing;
use crate::generate::{GenerateOptions, generate};
use crate::layout::frame::Flow;
use crate::layout::{Direction, quality};
use crate::roadmap::Roadmap;
use crate::scene::{EdgeKind, LegendItem, Role, Scene, SceneEdge};
use crate::{Input, load};

fn roadmap(outline: &str, prereqs: &str) -> Roadmap {
    load(
        &Input::new("r.txt", outline.to_string()),
        &[Input::new("r.prereqs", prereqs.to_string())],
    )
    .expect("the test roadmap loads")
}

fn backend() -> Roadmap {
    roadmap(
        include_str!("../../../roadmap/backend.txt"),
        include_str!("../../../roadmap/backend.prereqs"),
    )
}

/// The dense curriculum of issue 10: 501 topics in 17 sections, 1,232
/// prerequisites, 909 of them across sections.
fn dense() -> Roadmap {
    roadmap(
        include_str!("../../../tests/fixtures/dense.txt"),
        include_str!("../../../tests/fixtures/dense.prereqs"),
    )
}

fn generated(topics: usize, prereqs_percent: usize) -> Roadmap {
    let g = generate(&GenerateOptions {
        topics,
        prereqs_percent,
        seed: 7,
    });
    roadmap(&g.outline, &g.prereqs)
}

const BOTH: [Direction; 2] = [Direction::Down, Direction::Right];

/// Along the flow: where a box starts and ends.
fn span(s: &Scene, i: usize, direction: Direction) -> (f32, f32) {
    let r = s.boxes[i].rect;
    match direction {
        Direction::Down => (r.y, r.bottom()),
        Direction::Right => (r.x, r.right()),
    }
}

/// Fails unless every box (but the title) lies wholly before the boxes of
/// every later stage and overlaps along the flow with those of its own
/// stage: its layer is its stage.
fn assert_layers_are_stages(r: &Roadmap, s: &Scene, direction: Direction) {
    let mut by_stage: Vec<(f32, f32)> = Vec::new();
    for (i, b) in s.boxes.iter().enumerate() {
        if b.role == Role::Title {
            continue;
        }
        let stage = r.stage(b.topic);
        if by_stage.len() <= stage {
            by_stage.resize(stage + 1, (f32::INFINITY, f32::NEG_INFINITY));
        }
        let (a, z) = span(s, i, direction);
        let e = &mut by_stage[stage];
        *e = (e.0.min(a), e.1.max(z));
    }
    for w in by_stage.windows(2) {
        assert!(
            w[0].1 <= w[1].0,
            "{direction:?}: a stage's boxes reach {} but the next stage's start at {}",
            w[0].1,
            w[1].0
        );
    }
    for (i, b) in s.boxes.iter().enumerate() {
        if b.role == Role::Title {
            continue;
        }
        let (a, z) = span(s, i, direction);
        let (lo, hi) = by_stage[r.stage(b.topic)];
        assert!(lo <= a && z <= hi, "{direction:?}: box out of its band");
    }
}

/// Fails unless the sections' boxes sit in lanes side by side in outline
/// order: every box of a section before every box of the next.
fn assert_sections_are_lanes(r: &Roadmap, s: &Scene, direction: Direction) {
    let sections = r.sections();
    let mut lane: Vec<(f32, f32)> = vec![(f32::INFINITY, f32::NEG_INFINITY); sections.len()];
    for b in &s.boxes {
        let Some(k) = sections
            .iter()
            .position(|&x| r.is_inside(b.topic, x) || x == b.topic)
        else {
            continue;
        };
        let (a, z) = match direction {
            Direction::Down => (b.rect.x, b.rect.right()),
            Direction::Right => (b.rect.y, b.rect.bottom()),
        };
        lane[k] = (lane[k].0.min(a), lane[k].1.max(z));
    }
    for w in lane.windows(2) {
        assert!(
            w[0].1 < w[1].0,
            "{direction:?}: two sections' lanes interleave"
        );
    }
}

/// Fails if the legend lists anything the scene does not draw, or a box
/// sample whose colours are not those of the boxes (they carry accents).
fn assert_legend_is_drawn(s: &Scene) {
    let drawn_edge = |k: EdgeKind| s.edges.iter().any(|e: &SceneEdge| e.kind == k);
    for (item, _) in s.legend.iter().flat_map(|l| l.items.iter()) {
        let ok = match *item {
            LegendItem::Box(role) => s
                .boxes
                .iter()
                .any(|b| b.role == role && b.style.accent.is_none()),
            LegendItem::Mark(m) => s.boxes.iter().any(|b| b.style.mark == Some(m)),
            LegendItem::Optional => s.boxes.iter().any(|b| b.style.dashed),
            LegendItem::Edge(k) => drawn_edge(k),
            LegendItem::Faded => s.boxes.iter().any(|b| b.style.faded),
            LegendItem::State(st) => s.boxes.iter().any(|b| b.style.state == Some(st)),
        };
        assert!(ok, "the legend lists {item:?}, which is not drawn");
    }
    for k in [EdgeKind::Prerequisite, EdgeKind::Contains] {
        if drawn_edge(k) {
            let listed = s.legend.iter().flat_map(|l| l.items.iter());
            assert!(
                listed.clone().any(|(i, _)| *i == LegendItem::Edge(k)),
                "{k:?} edges are drawn but not in the legend"
            );
        }
    }
}

fn aspect(s: &Scene) -> f32 {
    s.width.max(s.height) / s.width.min(s.height).max(1.0)
}

/// Every promise at once, in both directions.
fn assert_promises(what: &str, r: &Roadmap) {
    for direction in BOTH {
        let s = layout(r, direction);
        assert_eq!(
            quality::overlaps(&s),
            0,
            "{what} {direction:?}: boxes overlap"
        );
        assert_eq!(
            quality::through_boxes(&s),
            0,
            "{what} {direction:?}: edges pass through boxes"
        );
        assert_layers_are_stages(r, &s, direction);
        assert_sections_are_lanes(r, &s, direction);
        assert_legend_is_drawn(&s);
        assert!(
            aspect(&s) <= 3.0 + 1e-3,
            "{what} {direction:?}: aspect {}",
            aspect(&s)
        );
        assert_eq!(
            s,
            layout(r, direction),
            "{what} {direction:?}: not deterministic"
        );
    }
}

#[test]
fn backend_keeps_every_promise() {
    assert_promises("backend", &backend());
}

#[test]
fn dense_curriculum_keeps_every_promise() {
    assert_promises("dense", &dense());
}

#[test]
fn generated_roadmaps_keep_every_promise() {
    for (n, p) in [(300, 10), (300, 200), (1000, 100)] {
        assert_promises(&format!("generated {n} {p}%"), &generated(n, p));
    }
}

#[test]
fn tiny_roadmaps_do_not_panic() {
    for (o, p) in [
        ("Title\n", ""),
        ("A\nB\n", "A -> B\n"),
        (
            "T\n    A\n        a\n            x\n    B\n",
            "T > A -> T > B\n",
        ),
        (
            "T\n    A\n        a\n        b\n    B\n        c\n",
            "T > A > a -> T > B > c\nT > A -> T > B\n",
        ),
    ] {
        assert_promises(o, &roadmap(o, p));
    }
}

#[test]
fn a_topic_moves_down_with_its_stage() {
    // Without the prerequisite, B's topic sits in the first layer; with
    // it, below A's topic.
    let flat = roadmap("T\n    A\n        a\n    B\n        b\n", "");
    let deep = roadmap(
        "T\n    A\n        a\n    B\n        b\n",
        "T > A > a -> T > B > b\n",
    );
    let y = |r: &Roadmap| {
        let s = layout(r, Direction::Down);
        let at = |label: &str| {
            s.boxes
                .iter()
                .find(|b| r.topic(b.topic).label == label)
                .map(|b| b.rect.y)
                .expect("drawn")
        };
        (at("a"), at("b"))
    };
    let (a, b) = y(&flat);
    assert_eq!(a, b);
    let (a, b) = y(&deep);
    assert!(b > a + 20.0, "b at {b}, a at {a}");
}

#[test]
fn sweeps_cross_less_than_the_outline_order() {
    let r = dense();
    let mut g = graph::build(&r, Flow(Direction::Down), Spacing::of(Direction::Down));
    let mut pos = vec![0; g.nodes.len()];
    for layer in &mut g.layers {
        layer.sort_by_key(|&k| (g.nodes[k].lane, g.nodes[k].topic.unwrap_or(usize::MAX), k));
        for (i, &k) in layer.iter().enumerate() {
            pos[k] = i;
        }
    }
    let before = order::crossings(&g, &pos);
    order::order(&mut g);
    for layer in &g.layers {
        for (i, &k) in layer.iter().enumerate() {
            pos[k] = i;
        }
    }
    let after = order::crossings(&g, &pos);
    assert!(
        after * 10 < before * 9,
        "{after} crossings after ordering, {before} before"
    );
}

#[test]
fn edges_get_a_virtual_node_a_layer_within_the_budget() {
    let r = roadmap(
        "T\n    A\n    B\n    C\n    D\n",
        "A -> B\nB -> C\nC -> D\nA -> C\nA -> D\n",
    );
    let g = graph::build(&r, Flow(Direction::Down), Spacing::of(Direction::Down));
    let label = |k: usize| r.topic(g.boxes[k].topic).label.as_str();
    let chain = |from: &str, to: &str| {
        g.chains
            .iter()
            .find(|c| label(c.nodes[0]) == from && label(c.nodes[c.nodes.len() - 1]) == to)
            .expect("the edge is drawn")
    };
    assert_eq!(chain("A", "C").nodes.len(), 3, "A -> C passes B's layer");
    assert_eq!(chain("A", "D").nodes.len(), 4, "A -> D passes 2 layers");
    assert!(g.chains.iter().all(|c| !c.long));
}

#[test]
fn the_longest_edges_go_to_gutters_once_over_budget() {
    // Spans 1, 2, 3, 5 need 0, 1, 2, 4 virtual nodes.
    let spans = || [5, 1, 3, 2].into_iter();
    assert_eq!(graph::longest_short_span(spans(), 7), 5);
    // No span of 4: the limit may as well be 4.
    assert_eq!(graph::longest_short_span(spans(), 6), 4);
    assert_eq!(graph::longest_short_span(spans(), 3), 4);
    assert_eq!(graph::longest_short_span(spans(), 2), 2);
    // Spans of 2 always get theirs.
    assert_eq!(graph::longest_short_span(spans(), 0), 2);
    assert_eq!(graph::longest_short_span(std::iter::empty(), 0), 2);
}

/// The graph grows with the roadmap, not with the layers its edges span:
/// at most `VIRTUAL_PER_ITEM` virtual nodes per node and edge, and one for
/// each edge spanning 2 layers. And no two long edges
/// share a line: on one track, their runs along the gutter (gaps first to
/// last) are apart.
#[test]
fn the_graph_is_linear_and_tracks_are_never_shared() {
    for (n, p) in [(1000, 100), (1000, 200)] {
        let r = generated(n, p);
        let mut g = graph::build(&r, Flow(Direction::Down), Spacing::of(Direction::Down));
        order::order(&mut g);
        assert!(
            g.nodes.len()
                <= g.boxes.len()
                    + graph::VIRTUAL_PER_ITEM * (g.boxes.len() + g.chains.len())
                    + g.chains.len(),
            "{n} {p}%: {} nodes for {} boxes and {} edges",
            g.nodes.len(),
            g.boxes.len(),
            g.chains.len()
        );
        let gutters = gutters::assign(&g);
        let mut runs: Vec<((usize, usize), usize, usize)> = Vec::new();
        for (i, c) in g.chains.iter().enumerate() {
            assert_eq!(c.long, gutters.of_chain[i].is_some());
            if let Some(at) = gutters.of_chain[i] {
                let (u, v) = (c.nodes[0], c.nodes[c.nodes.len() - 1]);
                assert!(at.1 < gutters.tracks[at.0]);
                runs.push((at, g.nodes[u].layer, g.nodes[v].layer - 1));
            }
        }
        assert!(runs.len() > 100, "{n} {p}%: {} long edges", runs.len());
        runs.sort_unstable();
        for w in runs.windows(2) {
            if w[0].0 == w[1].0 {
                assert!(w[0].2 < w[1].1, "{n} {p}%: two edges share a track: {w:?}");
            }
        }
    }
}

/// Dense curriculum: the figures of the report, and the time per topic
/// from 1k to 50k generated topics.
#[test]
#[ignore = "measurement; run in release with --ignored --nocapture"]
fn measure() {
    let r = dense();
    for direction in BOTH {
        let start = Instant::now();
        let s = layout(&r, direction);
        let t = start.elapsed();
        println!(
            "dense {direction:?}: {} x {} (aspect {:.2}), {} overlaps, {} through boxes, {} crossings, {:.1} ms",
            s.width,
            s.height,
            aspect(&s),
            quality::overlaps(&s),
            quality::through_boxes(&s),
            quality::crossings(&s),
            t.as_secs_f64() * 1e3
        );
    }
    for p in [10, 100, 200] {
        for n in [1_000, 10_000, 50_000] {
            let r = generated(n, p);
            let start = Instant::now();
            let s = layout(&r, Direction::Down);
            let t = start.elapsed().as_secs_f64();
            println!(
                "{n} topics at {p}%: {:.3} s, {:.1} us/topic, {} edges",
                t,
                t * 1e6 / n as f64,
                s.edges.len()
            );
        }
    }
}

#[test]
fn a_shallow_roadmap_wraps_its_stages_instead_of_padding() {
    // The backend roadmap has 5 stages and 13 boxes in one lane's first
    // stage: unwrapped it is a strip, padded to 3:1.
    let s = layout(&backend(), Direction::Down);
    assert!(aspect(&s) < 2.0, "aspect {}", aspect(&s));
    let content = crate::scene::bounds(&s.boxes, &s.edges);
    assert!(
        content.width * content.height > 0.5 * s.width * s.height,
        "the drawing fills under half its canvas"
    );
}

#[test]
fn the_caption_sits_under_the_title_inside_the_canvas() {
    for (r, direction) in [
        (backend(), Direction::Down),
        (backend(), Direction::Right),
        (
            roadmap("Tiny roadmap with a long title\n  A\n", ""),
            Direction::Down,
        ),
    ] {
        let s = layout(&r, direction);
        let (at, caption) = s.subtitle.as_ref().expect("a caption under the title");
        assert_eq!(*caption, r.caption());
        let title = s
            .boxes
            .iter()
            .find(|b| b.role == Role::Title)
            .expect("a title box");
        assert!(at.y >= title.rect.bottom(), "{direction:?}: over the title");
        let width = crate::text::width(caption, 13.0, crate::text::Weight::Regular);
        let line = crate::text::line_height(13.0);
        assert!(at.x - width / 2.0 >= 0.0 && at.x + width / 2.0 <= s.width);
        for b in s.boxes.iter().filter(|b| b.role != Role::Title) {
            assert!(
                at.y + line <= b.rect.y,
                "{direction:?}: the caption runs into {:?}",
                b.rect
            );
        }
    }
}
