//! The layered layout's legibility on the dense curriculum of issue 10
//! (501 topics in 17 sections, 1,232 prerequisites, 909 across sections),
//! measured with [`roadmapper::layout::quality`] next to Graphviz `dot`
//! on the same graph, and on a generated 1,000-topic roadmap.

use roadmapper::generate::{GenerateOptions, generate};
use roadmapper::layout::{self, Direction, LayoutKind, LayoutOptions, quality};
use roadmapper::scene::Scene;
use roadmapper::{Input, load};

/// `dot` (Graphviz 2.43) on the dense curriculum: our box sizes, the
/// prerequisites and topic-to-subtopic links as edges, the sections as
/// clusters (`bench/layered_vs_dot.py`, which also measures both drawings
/// the same way as `quality`): pairs of crossing edges, total edge length
/// in pixels, canvas area per topic in square pixels (30,847 x 1,292).
const DOT_CROSSINGS: usize = 87_782;
const DOT_LENGTH: f64 = 10_340_948.0;
const DOT_AREA_PER_TOPIC: f64 = 79_709.0;

fn options(direction: Direction) -> LayoutOptions {
    LayoutOptions {
        kind: LayoutKind::Layered,
        direction,
    }
}

/// Total length of the edges, Bezier pieces flattened.
fn length(scene: &Scene) -> f64 {
    scene
        .edges
        .iter()
        .flat_map(|e| e.segments())
        .map(|(a, b)| f64::from((b.x - a.x).hypot(b.y - a.y)))
        .sum()
}

#[test]
fn dense_curriculum_beats_dot() {
    let r = load(
        &Input::new("dense.txt", include_str!("../fixtures/dense.txt")),
        &[Input::new(
            "dense.prereqs",
            include_str!("../fixtures/dense.prereqs"),
        )],
    )
    .expect("the dense curriculum loads");
    for direction in [Direction::Down, Direction::Right] {
        let scene = layout::layout(&r, &options(direction));
        let (overlaps, through, crossings) = (
            quality::overlaps(&scene),
            quality::through_boxes(&scene),
            quality::crossings(&scene),
        );
        let len = length(&scene);
        let area = f64::from(scene.width) * f64::from(scene.height) / r.len() as f64;
        let aspect = scene.width.max(scene.height) / scene.width.min(scene.height);
        eprintln!(
            "{direction:?}: {overlaps} overlaps, {through} through boxes, {crossings} crossings \
             (dot {DOT_CROSSINGS}), length {len:.0} (dot {DOT_LENGTH}), area/topic {area:.0} \
             (dot {DOT_AREA_PER_TOPIC}), aspect {aspect:.2}"
        );
        assert_eq!(overlaps, 0, "{direction:?}: boxes overlap");
        assert_eq!(through, 0, "{direction:?}: edges pass through boxes");
        assert!(
            crossings <= DOT_CROSSINGS,
            "{direction:?}: {crossings} crossings"
        );
        assert!(len <= DOT_LENGTH, "{direction:?}: edges {len:.0} px long");
        assert!(
            area <= 1.5 * DOT_AREA_PER_TOPIC,
            "{direction:?}: {area:.0} px² a topic"
        );
        assert!(aspect <= 3.0 + 1e-3, "{direction:?}: aspect {aspect}");
    }
}

#[test]
fn thousand_topics_draw_no_fault() {
    let g = generate(&GenerateOptions {
        topics: 1_000,
        ..Default::default()
    });
    let r = load(
        &Input::new("generated.txt", g.outline),
        &[Input::new("generated.prereqs", g.prereqs)],
    )
    .expect("the generated roadmap loads");
    for direction in [Direction::Down, Direction::Right] {
        let scene = layout::layout(&r, &options(direction));
        assert_eq!(quality::overlaps(&scene), 0, "{direction:?}: boxes overlap");
        assert_eq!(
            quality::through_boxes(&scene),
            0,
            "{direction:?}: edges pass through boxes"
        );
    }
}
