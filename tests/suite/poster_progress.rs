//! The learner's progress on posters: each box's state drawn (done: a
//! check badge and a calmer fill; learning: a half-filled badge; skipped:
//! faded and struck through), each section's count, the progress line
//! under the subtitle and the states in the legend, in both layouts and
//! both themes; nothing of it on a roadmap that does not track progress;
//! and the states told apart in a greyscale picture.

use resvg::tiny_skia::Pixmap;
use roadmapper::export::svg::{DARK, LIGHT, SKIPPED_OPACITY, Svg};
use roadmapper::layout::{self, Direction, LayoutKind, LayoutOptions};
use roadmapper::outline::TaskState;
use roadmapper::scene::{LegendItem, Role, Scene, SceneBox};
use roadmapper::{Format, Input, RenderOptions, Roadmap, render};

const OUTLINE: &str = include_str!("../golden/learner.txt");
const PREREQS: &str = include_str!("../golden/learner.prereqs");
const PROGRESS: &str = include_str!("../golden/learner.progress.md");

fn learner(progress: Option<&str>) -> Roadmap {
    let progress: Vec<Input> = progress
        .map(|p| vec![Input::new("learner.progress.md", p)])
        .unwrap_or_default();
    roadmapper::load_with_progress(
        &Input::new("learner.txt", OUTLINE),
        &[Input::new("learner.prereqs", PREREQS)],
        &[],
        &progress,
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn layouts() -> [LayoutOptions; 3] {
    [
        LayoutOptions::default(),
        LayoutOptions {
            kind: LayoutKind::Layered,
            direction: Direction::Down,
        },
        LayoutOptions {
            kind: LayoutKind::Layered,
            direction: Direction::Right,
        },
    ]
}

/// The box of the topic whose label is `label` (and whose parent's is
/// `parent`, for a label two topics share).
fn box_of<'a>(r: &Roadmap, s: &'a Scene, label: &str, parent: Option<&str>) -> &'a SceneBox {
    s.boxes
        .iter()
        .find(|b| {
            r.topic(b.topic).label == label
                && parent.is_none_or(|p| r.parent(b.topic).is_some_and(|q| r.topic(q).label == p))
        })
        .unwrap_or_else(|| panic!("{label} has a box"))
}

/// The SVG of each box, by its first text line: from its `<g class=...>`
/// line to the next box's.
fn box_svgs(svg: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut open = false;
    for line in svg.lines() {
        let starts = ["title", "section", "topic", "subtopic"]
            .iter()
            .any(|role| line.starts_with(&format!("<g class=\"{role}")));
        if starts {
            out.push((String::new(), String::new()));
            open = true;
        }
        if !open {
            continue;
        }
        if let Some((label, text)) = out.last_mut() {
            text.push_str(line);
            text.push('\n');
            if label.is_empty()
                && line.starts_with("<text")
                && let Some(tspan) = line.find("<tspan")
                && let Some(at) = line[tspan..].find("\">")
            {
                let rest = &line[tspan + at + 2..];
                *label = rest[..rest.find('<').unwrap_or(rest.len())].to_string();
            }
        }
        // A box's group ends on a line of its own; a badge's group does
        // not.
        open = line != "</g>";
    }
    out
}

fn svg_of(label: &str, boxes: &[(String, String)], nth: usize) -> String {
    boxes
        .iter()
        .filter(|(l, _)| l == label)
        .nth(nth)
        .map(|(_, s)| s.clone())
        .unwrap_or_else(|| panic!("{label} (#{nth}) is drawn: {boxes:?}"))
}

#[test]
fn each_box_carries_its_state_and_each_section_its_count() {
    let r = learner(Some(PROGRESS));
    for options in layouts() {
        let s = layout::layout(&r, &options);
        let state = |label: &str, parent: Option<&str>| box_of(&r, &s, label, parent).style.state;
        assert_eq!(
            state("HTTP", None),
            Some(TaskState::Done),
            "inherited from Basics"
        );
        assert_eq!(state("Flexbox", None), Some(TaskState::Learning));
        assert_eq!(
            state("CSS", None),
            Some(TaskState::Learning),
            "a group, derived"
        );
        assert_eq!(state("Grid", None), Some(TaskState::Skipped));
        assert_eq!(state("Git", None), Some(TaskState::Todo));
        assert_eq!(state("Testing", Some("APIs")), Some(TaskState::Done));
        assert_eq!(state("Testing", Some("Tooling")), Some(TaskState::Todo));
        let title = s
            .boxes
            .iter()
            .find(|b| b.role == Role::Title)
            .expect("a title");
        assert_eq!((title.style.state, title.style.count), (None, None));

        let count = |label: &str| box_of(&r, &s, label, None).count_text();
        assert_eq!(count("Basics").as_deref(), Some("3/3"));
        assert_eq!(
            count("Frontend").as_deref(),
            Some("1/3"),
            "Grid, skipped, is not counted"
        );
        assert_eq!(count("APIs").as_deref(), Some("1/2"));
        assert_eq!(count("Tooling").as_deref(), Some("0/2"));
        assert_eq!(count("HTML"), None, "only sections have a count");

        let (_, line) = s.progress.as_ref().expect("a progress line");
        assert_eq!(line, "5 of 10 topics done (50%) · 2 skipped · 25 h left");
        let (sub, _) = s.subtitle.as_ref().expect("a subtitle");
        let (at, _) = s.progress.as_ref().expect("a progress line");
        assert!(at.y > sub.y, "the progress line is under the subtitle");

        let legend = legend_of(&s);
        for st in [TaskState::Done, TaskState::Learning, TaskState::Skipped] {
            assert!(
                legend.contains(&LegendItem::State(st)),
                "{st:?} in {legend:?}"
            );
        }
        assert!(!legend.contains(&LegendItem::State(TaskState::Todo)));
    }
}

#[test]
fn the_svg_draws_badges_strikes_counts_and_the_progress_line() {
    let r = learner(Some(PROGRESS));
    for options in layouts() {
        for theme in [LIGHT, DARK] {
            let s = layout::layout(&r, &options);
            let svg = Svg::new(&s, &theme).to_string();
            let boxes = box_svgs(&svg);
            let http = svg_of("HTTP", &boxes, 0);
            assert!(http.contains("class=\"badge done\""), "{http}");
            assert!(
                http.contains(&format!("fill=\"{}\"", theme.done[1])),
                "calmer fill: {http}"
            );
            let flexbox = svg_of("Flexbox", &boxes, 0);
            assert!(flexbox.contains("class=\"badge learning\""), "{flexbox}");
            assert!(!flexbox.contains("strike"), "{flexbox}");
            let grid = svg_of("Grid", &boxes, 0);
            assert!(grid.contains("class=\"strike\""), "{grid}");
            assert!(
                grid.contains(&format!("opacity=\"{SKIPPED_OPACITY}\"")),
                "{grid}"
            );
            assert!(!grid.contains("badge"), "{grid}");
            let git = svg_of("Git", &boxes, 0);
            assert!(
                !git.contains("badge") && !git.contains("strike") && !git.contains("opacity"),
                "{git}"
            );
            assert!(svg_of("Basics", &boxes, 0).contains(">3/3</text>"));
            assert!(svg_of("Frontend", &boxes, 0).contains(">1/3</text>"));
            assert!(
                svg.contains("class=\"progress\"")
                    && svg.contains(">5 of 10 topics done (50%) · 2 skipped · 25 h left</text>")
            );
            // Two topics called Testing: one done, one to do.
            let tested: Vec<bool> = boxes
                .iter()
                .filter(|(l, _)| l == "Testing")
                .map(|(_, s)| s.contains("badge done"))
                .collect();
            let mut sorted = tested.clone();
            sorted.sort();
            assert_eq!(sorted, [false, true], "{tested:?}");
        }
    }
}

#[test]
fn without_progress_nothing_of_it_is_drawn() {
    let r = learner(None);
    assert!(!r.tracks_progress());
    for options in layouts() {
        let s = layout::layout(&r, &options);
        assert!(s.progress.is_none());
        assert!(
            s.boxes
                .iter()
                .all(|b| b.style.state.is_none() && b.style.count.is_none())
        );
        let svg = Svg::new(&s, &LIGHT).to_string();
        for absent in [
            "badge",
            "strike",
            "class=\"count\"",
            "class=\"progress\"",
            " done\"",
            "Skipped",
        ] {
            assert!(!svg.contains(absent), "{absent} drawn without progress");
        }
    }
    // The same outline through `load` draws the same bytes.
    let plain = roadmapper::load(
        &Input::new("learner.txt", OUTLINE),
        &[Input::new("learner.prereqs", PREREQS)],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    for options in layouts() {
        let a = Svg::new(&layout::layout(&r, &options), &DARK).to_string();
        let b = Svg::new(&layout::layout(&plain, &options), &DARK).to_string();
        assert_eq!(a, b);
    }
}

#[test]
fn the_legend_lists_only_the_states_drawn() {
    // Basics done makes its parent, the title, learning: the title draws
    // no state.
    let r = learner(Some("- [x] Basics\n"));
    let s = layout::layout(&r, &LayoutOptions::default());
    let legend = legend_of(&s);
    assert!(legend.contains(&LegendItem::State(TaskState::Done)));
    assert!(!legend.contains(&LegendItem::State(TaskState::Learning)));
    assert!(!legend.contains(&LegendItem::State(TaskState::Skipped)));
    // An empty progress file tracks progress: all to do, no state in the
    // legend, but the line and the counts are there.
    let r = learner(Some("# Nothing yet\n"));
    let s = layout::layout(&r, &LayoutOptions::default());
    let legend = &s.legend.as_ref().expect("a legend").items;
    assert!(!legend.iter().any(|i| matches!(i.0, LegendItem::State(_))));
    assert_eq!(
        s.progress.as_ref().map(|p| p.1.as_str()),
        Some("0 of 12 topics done (0%) · 39.5 h left")
    );
}

/// Luminance (0–255) of the pixel at (x, y) of a decoded PNG, as a
/// greyscale print would show it.
fn grey(p: &Pixmap, x: f32, y: f32) -> f32 {
    let c = p
        .pixel(x.round() as u32, y.round() as u32)
        .unwrap_or_else(|| panic!("({x}, {y}) is inside the image"))
        .demultiply();
    0.299 * f32::from(c.red()) + 0.587 * f32::from(c.green()) + 0.114 * f32::from(c.blue())
}

#[test]
fn the_states_are_told_apart_in_greyscale() {
    let r = learner(Some(PROGRESS));
    for theme in [LIGHT, DARK] {
        let s = layout::layout(&r, &LayoutOptions::default());
        let bytes = render(
            &r,
            &RenderOptions {
                format: Format::Png,
                scale: 1.0,
                theme,
                ..RenderOptions::default()
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let p = Pixmap::decode_png(&bytes).unwrap_or_else(|e| panic!("{e}"));
        let check = |label: &str| box_of(&r, &s, label, None);
        let fill = |b: &SceneBox| grey(&p, b.rect.right() - 4.0, b.rect.y + 4.0);

        // Done: the badge's square is the ink, its tick the fill.
        let http = check("HTTP");
        let (c, radius) = http.badge_circle().expect("a badge");
        let corner = grey(&p, c.x - radius + 1.5, c.y - radius + 1.5);
        assert!(
            (corner - fill(http)).abs() > 100.0,
            "{}: badge {corner} on fill {}",
            theme.name,
            fill(http)
        );
        // Learning: one half of the badge filled, the other not.
        let flexbox = check("Flexbox");
        let (c, radius) = flexbox.badge_circle().expect("a badge");
        let (left, right) = (
            grey(&p, c.x - radius / 2.0, c.y),
            grey(&p, c.x + radius / 2.0, c.y),
        );
        assert!(
            (left - right).abs() > 100.0,
            "{}: half badge {left} | {right}",
            theme.name
        );
        // To do: no badge where one would be.
        let git = check("Git");
        let spot = grey(&p, git.rect.x + 11.0, git.rect.center().y);
        assert!(
            (spot - fill(git)).abs() < 10.0,
            "{}: no badge on Git",
            theme.name
        );
        // Skipped: faded towards the paper, so its border is nearer the
        // paper's grey than a to-do box's border.
        let graphql = check("GraphQL");
        let paper = grey(&p, 2.0, 2.0);
        let border = |b: &SceneBox| grey(&p, b.rect.x + 0.8, b.rect.center().y);
        assert!(
            (border(graphql) - paper).abs() < (border(git) - paper).abs() * 0.75,
            "{}: skipped border {} vs to-do border {} on paper {paper}",
            theme.name,
            border(graphql),
            border(git)
        );
        // The strike leaves ink all along the middle of the label, where
        // letters alone leave gaps.
        let inked = |b: &SceneBox| {
            let t = b.text_rect();
            let y = t.y + roadmapper::text::ascent(b.font_size) - 0.27 * b.font_size;
            let (mut hit, mut all) = (0usize, 0usize);
            let mut x = t.x + 1.0;
            while x < t.right() - 1.0 {
                let d = [y.floor(), y.floor() + 1.0]
                    .iter()
                    .map(|&y| (grey(&p, x, y) - fill(b)).abs())
                    .fold(0.0f32, f32::max);
                hit += usize::from(d > 25.0);
                all += 1;
                x += 1.0;
            }
            hit as f32 / all.max(1) as f32
        };
        let (struck, plain) = (inked(graphql), inked(check("REST")));
        assert!(
            struck > 0.9 && plain < 0.8,
            "{}: the strike inks {struck:.2} of its row, letters alone {plain:.2}",
            theme.name
        );
    }
}

/// The items of a scene's legend.
fn legend_of(s: &roadmapper::scene::Scene) -> Vec<LegendItem> {
    let legend = s.legend.as_ref().expect("a legend");
    legend.items.iter().map(|i| i.0).collect()
}
