//! Property tests for the render side: random outlines (random shapes,
//! label lengths, tags, tricky characters) with random forward
//! prerequisites.
//!
//! - The JSON export round-trips: serde reads it back into the same
//!   `Document`, and the graph it describes (nodes, parents, edges) is the
//!   roadmap's.
//! - The poster never overlaps two boxes and keeps every box, every edge
//!   point and the legend inside the canvas, for any outline.
//! - The SVG always parses as XML.

use proptest::prelude::*;
use roadmapper::export::json::{self, Document};
use roadmapper::layout::{self, LayoutKind, LayoutOptions};
use roadmapper::{Format, Input, RenderOptions, Roadmap, load};

const WORDS: &[&str] = &[
    "HTTP",
    "a",
    "Caching & CDNs",
    "<script>",
    "\"quoted\"",
    "it's",
    "日本語",
    "🚀",
    "x",
    "Supercalifragilisticexpialidocious",
    "->ish",
    "{braces}",
    "back\\slash",
    "]]>",
    "--",
];

/// A random outline: each line's depth is at most one deeper than the
/// previous, labels are 1 to 6 random words (made unique by a number), a
/// few lines carry tags.
fn outline() -> impl Strategy<Value = (String, Vec<String>)> {
    prop::collection::vec(
        (
            0usize..4,
            prop::collection::vec(0..WORDS.len(), 1..6),
            0u8..8,
        ),
        1..60,
    )
    .prop_map(|lines| {
        let mut text = String::new();
        let mut labels = Vec::new();
        let mut depth = 0usize;
        for (i, (d, words, tag)) in lines.into_iter().enumerate() {
            depth = if i == 0 { 0 } else { d.min(depth + 1) };
            let mut label: Vec<&str> = words.iter().map(|&w| WORDS[w]).collect();
            let number = format!("n{i}");
            label.push(&number);
            let label = label.join(" ");
            text.push_str(&"  ".repeat(depth));
            text.push_str(&label);
            text.push_str(match tag {
                0 => " [optional]",
                1 => " [recommended]",
                2 => " [alternative]",
                _ => "",
            });
            text.push('\n');
            labels.push(label);
        }
        (text, labels)
    })
}

/// The outline with up to 20 prerequisites between random labels; pairs
/// the loader refuses (a group and its descendant, cycles) are dropped by
/// loading each edge on trial.
fn roadmap_strategy() -> impl Strategy<Value = Roadmap> {
    (
        outline(),
        prop::collection::vec((0usize..1000, 0usize..1000), 0..20),
    )
        .prop_map(|((text, labels), pairs)| {
            let input = Input::new("r.txt", text.clone());
            let mut prereqs = String::new();
            for (a, b) in pairs {
                let (a, b) = (a % labels.len(), b % labels.len());
                if a >= b || labels[a].contains("->") || labels[b].contains("->") {
                    continue;
                }
                let line = format!("{} -> {}\n", labels[a], labels[b]);
                let trial = format!("{prereqs}{line}");
                if load(&input, &[Input::new("r.prereqs", trial.clone())]).is_ok() {
                    prereqs = trial;
                }
            }
            load(&input, &[Input::new("r.prereqs", prereqs)]).expect("checked on trial")
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn json_round_trips_into_the_same_graph(r in roadmap_strategy()) {
        let scene = layout::layout(&r, &LayoutOptions::default());
        let text = json::to_string_with(&r, Some(&scene));
        let back: Document = serde_json::from_str(&text).expect("the JSON reads back");
        prop_assert_eq!(&back, &json::to_document_with(&r, Some(&scene)));
        prop_assert_eq!(back.nodes.len(), r.len());
        for (i, n) in back.nodes.iter().enumerate() {
            prop_assert_eq!(&n.id, &r.topic(i).id);
            prop_assert_eq!(&n.label, &r.topic(i).label);
            prop_assert_eq!(n.parent.as_deref(), r.parent(i).map(|p| r.topic(p).id.as_str()));
        }
        let mut edges: Vec<(String, String, String)> = back
            .edges
            .iter()
            .map(|e| (e.source.clone(), e.target.clone(), serde_json::to_value(e.kind).unwrap().as_str().unwrap().to_string()))
            .collect();
        let mut expected: Vec<(String, String, String)> = r
            .graph()
            .raw_edges()
            .iter()
            .map(|e| {
                (
                    r.topic(e.source().index()).id.clone(),
                    r.topic(e.target().index()).id.clone(),
                    e.weight.kind().to_string(),
                )
            })
            .collect();
        edges.sort();
        expected.sort();
        prop_assert_eq!(edges, expected);
    }

    #[test]
    fn posters_never_overlap_and_stay_inside_the_canvas(r in roadmap_strategy()) {
        for kind in [LayoutKind::Poster, LayoutKind::Layered] {
            let s = layout::layout(&r, &LayoutOptions { kind, ..LayoutOptions::default() });
            prop_assert_eq!(s.boxes.len(), r.len());
            for (i, a) in s.boxes.iter().enumerate() {
                let q = a.rect;
                prop_assert!(
                    q.x >= 0.0 && q.y >= 0.0 && q.right() <= s.width && q.bottom() <= s.height,
                    "{kind:?}: box {:?} outside {} x {}", q, s.width, s.height
                );
                for b in &s.boxes[i + 1..] {
                    prop_assert!(!q.overlaps(&b.rect), "{kind:?}: {:?} overlaps {:?}", q, b.rect);
                }
            }
            for e in &s.edges {
                for p in &e.points {
                    prop_assert!(
                        p.x >= 0.0 && p.y >= 0.0 && p.x <= s.width && p.y <= s.height,
                        "{kind:?}: edge point {:?} outside", p
                    );
                }
            }
            if let Some(l) = &s.legend {
                prop_assert!(l.rect.right() <= s.width && l.rect.bottom() <= s.height);
                prop_assert!(s.boxes.iter().all(|b| !b.rect.overlaps(&l.rect)));
            }
            let ratio = s.width / s.height;
            prop_assert!((1.0 / 3.0..=3.0).contains(&ratio), "{kind:?}: ratio {ratio}");
        }
    }

    #[test]
    fn svg_always_parses(r in roadmap_strategy()) {
        let svg = roadmapper::render(&r, &RenderOptions { format: Format::Svg, ..RenderOptions::default() })
            .expect("renders");
        let text = String::from_utf8(svg).expect("UTF-8");
        prop_assert!(!text.contains("<script"));
        resvg::usvg::Tree::from_str(&text, &resvg::usvg::Options::default()).expect("the SVG parses");
    }
}
