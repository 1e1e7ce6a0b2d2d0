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
//! - With random progress (every state, on random topics), the same holds,
//!   and the signs in a box (state badge, count, tag mark) stay inside it
//!   and clear of its text; the lines under the title clear of the boxes.

use proptest::prelude::*;
use roadmapper::export::json::{self, Document};
use roadmapper::layout::{self, LayoutKind, LayoutOptions};
use roadmapper::scene::{Point, Rect, Scene};
use roadmapper::{Format, Input, RenderOptions, Roadmap, load, text};

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
    // Every line at depth 0 with `->` in it (`->ish`) reads as a
    // prerequisite file, which the loader rightly refuses as an outline.
    .prop_filter("an outline, not a prerequisite file", |(text, _)| {
        load(&Input::new("r.txt", text.clone()), &[]).is_ok()
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

/// A random outline with a progress file giving random states to random
/// topics (those whose label a progress item can name verbatim).
fn tracked_strategy() -> impl Strategy<Value = Roadmap> {
    (
        outline(),
        prop::collection::vec((0usize..1000, 0u8..4), 0..30),
    )
        .prop_map(|((text, labels), picks)| {
            let input = Input::new("r.txt", text);
            let plain = |l: &str| {
                l.chars()
                    .all(|c| c.is_alphanumeric() || c == ' ' || c == '\'' || c == '&')
            };
            let mut progress = String::new();
            for (k, state) in picks {
                let label = &labels[k % labels.len()];
                if plain(label) {
                    let state = ["[ ]", "[x]", "[/]", "[-]"][usize::from(state)];
                    progress.push_str(&format!("- {state} {}\n", label.replace('&', "&amp;")));
                }
            }
            roadmapper::load_with_progress(&input, &[], &[], &[Input::new("p.md", progress)])
                .unwrap_or_else(|e| panic!("{e}"))
        })
}

/// No two boxes overlap; every box, edge point and the legend inside the
/// canvas, within 1:3 and 3:1.
fn check_poster(kind: LayoutKind, s: &Scene, r: &Roadmap) -> Result<(), TestCaseError> {
    prop_assert_eq!(s.boxes.len(), r.len());
    for (i, a) in s.boxes.iter().enumerate() {
        let q = a.rect;
        prop_assert!(
            q.x >= 0.0 && q.y >= 0.0 && q.right() <= s.width && q.bottom() <= s.height,
            "{kind:?}: box {:?} outside {} x {}",
            q,
            s.width,
            s.height
        );
        for b in &s.boxes[i + 1..] {
            prop_assert!(
                !q.overlaps(&b.rect),
                "{kind:?}: {:?} overlaps {:?}",
                q,
                b.rect
            );
        }
    }
    for e in &s.edges {
        for p in &e.points {
            prop_assert!(
                p.x >= 0.0 && p.y >= 0.0 && p.x <= s.width && p.y <= s.height,
                "{kind:?}: edge point {:?} outside",
                p
            );
        }
    }
    if let Some(l) = &s.legend {
        prop_assert!(l.rect.right() <= s.width && l.rect.bottom() <= s.height);
        prop_assert!(s.boxes.iter().all(|b| !b.rect.overlaps(&l.rect)));
    }
    let ratio = s.width / s.height;
    prop_assert!(
        (1.0 / 3.0..=3.0).contains(&ratio),
        "{kind:?}: ratio {ratio}"
    );
    Ok(())
}

/// The signs in each box inside it and clear of its text and each other;
/// the subtitle and the progress line clear of every box.
fn check_signs(kind: LayoutKind, s: &Scene) -> Result<(), TestCaseError> {
    let square = |(c, r): (Point, f32)| Rect::new(c.x - r, c.y - r, 2.0 * r, 2.0 * r);
    for b in &s.boxes {
        let t = b.text_rect();
        let signs: Vec<Rect> = [
            b.badge_circle().map(square),
            b.count_rect(),
            b.style.mark.map(|_| square(b.mark_circle())),
        ]
        .into_iter()
        .flatten()
        .collect();
        for (k, at) in signs.iter().enumerate() {
            prop_assert!(
                at.x >= b.rect.x
                    && at.right() <= b.rect.right()
                    && at.y >= b.rect.y
                    && at.bottom() <= b.rect.bottom(),
                "{kind:?}: a sign at {:?} leaves its box {:?}",
                at,
                b.rect
            );
            prop_assert!(
                !at.overlaps(&t),
                "{kind:?}: a sign at {:?} on the text {:?}",
                at,
                t
            );
            prop_assert!(signs[k + 1..].iter().all(|o| !o.overlaps(at)));
        }
    }
    for (line, size) in [
        (&s.subtitle, 13.0),
        (&s.progress, roadmapper::scene::PROGRESS_SIZE),
    ] {
        if let Some((at, words)) = line {
            let w = text::width(words, size, text::Weight::Regular);
            let r = Rect::new(at.x - w / 2.0, at.y, w, text::line_height(size));
            prop_assert!(r.x >= 0.0 && r.right() <= s.width && r.bottom() <= s.height);
            prop_assert!(
                s.boxes.iter().all(|b| !b.rect.overlaps(&r)),
                "{kind:?}: {words:?} on a box"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn progress_posters_keep_their_signs_in_their_boxes(r in tracked_strategy()) {
        prop_assert!(r.tracks_progress());
        for kind in [LayoutKind::Poster, LayoutKind::Layered] {
            let s = layout::layout(&r, &LayoutOptions { kind, ..LayoutOptions::default() });
            prop_assert!(s.progress.is_some());
            check_poster(kind, &s, &r)?;
            check_signs(kind, &s)?;
        }
    }

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
            check_poster(kind, &s, &r)?;
            check_signs(kind, &s)?;
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
