//! The checks the fuzz targets (`fuzz/fuzz_targets/*.rs`) run on each
//! input, shared with `tests/suite/fuzz_regressions.rs` so that a saved crash
//! input goes through exactly the same code in `cargo test`.
//!
//! Every check panics on a violation. Only crates the main package already
//! depends on are used (usvg re-exports roxmltree, layout-rs has the DOT
//! parser), so the regression test needs no extra dev-dependency.

#![allow(dead_code)]

use std::collections::HashSet;

use roadmapper::export::order::{OrderFormat, write_order};
use roadmapper::layout::{Direction, LayoutKind, LayoutOptions};
use roadmapper::scene::Scene;
use roadmapper::{Error, Format, Input, RenderOptions, Roadmap, export, layout};

/// Inputs longer than this are skipped, so executions stay fast.
pub const MAX_INPUT: usize = 64 * 1024;

/// Splits a pipeline input: the outline, then one prerequisite file after
/// each 0xFF byte (0xFF never occurs in UTF-8).
pub const SEPARATOR: u8 = 0xFF;

/// At most this many prerequisite files in a pipeline input.
const MAX_PREREQ_FILES: usize = 4;

/// PNGs are rendered only for scenes smaller than this on both sides.
const PNG_MAX_SIDE: f32 = 1000.0;

/// A small fixed outline for the prerequisite target: shared labels (so
/// `Parent > Child` paths and ambiguity matter), tags, a trailing colon and
/// a label containing `>`.
pub const SMALL_OUTLINE: &str = "Backend Roadmap\n  Internet:\n    How does the internet work\n    What is HTTP [recommended]\n    DNS\n  APIs\n    REST\n    SOAP [optional]\n    a > b\n  Architectural Patterns\n    SOAP\n    Microservices [alternative]\n  Databases\n    ACID\n    Transactions\n      Isolation\nAppendix\n  REST\n";

/// The shipped Backend outline: its prerequisite file (a seed) resolves
/// against it, so mutations reach the order and cycle code.
pub const BACKEND_OUTLINE: &[u8] = include_bytes!("../../roadmap/backend.txt");

/// `outline` target: parsing arbitrary bytes never panics; a parsed outline
/// is in pre-order with consistent parents, depths and labels, and builds
/// into a roadmap.
pub fn check_outline(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let outline = match roadmapper::outline::parse("f", data) {
        Ok(o) => o,
        Err(errors) => {
            assert!(!errors.is_empty(), "an outline error without a diagnostic");
            for d in &errors {
                assert!(d.is_error(), "outline parse returned a warning as an error");
                assert!(
                    d.line().unwrap() >= 1,
                    "outline diagnostic without a line: {d}"
                );
                let _ = d.to_string();
            }
            return;
        }
    };
    // `stack` is the chain of ancestors of the previous topic (and itself).
    let mut stack: Vec<usize> = Vec::new();
    // Positions (line, column) increase. Lines are counted at LF, as
    // messages quote them; a lone CR also ends a Markdown line (CommonMark),
    // so two topics may share a counted line, at increasing columns.
    let mut last = (0, 0);
    for (i, t) in outline.topics.iter().enumerate() {
        match t.parent {
            None => {
                assert_eq!(t.depth, 0, "topic {i} is a root at depth {}", t.depth);
                stack.clear();
            }
            Some(p) => {
                assert!(p < i, "topic {i} has parent {p}, not before it");
                assert_eq!(
                    t.depth,
                    outline.topics[p].depth + 1,
                    "topic {i}: depth is not its parent's + 1"
                );
                while stack.last().is_some_and(|&top| top != p) {
                    stack.pop();
                }
                assert!(
                    !stack.is_empty(),
                    "topic {i}: parent {p} is not an ancestor of the topic above (not pre-order)"
                );
            }
        }
        stack.push(i);
        assert!(
            (t.line, t.column) > last,
            "topic {i}: position {}:{} not after {}:{}",
            t.line,
            t.column,
            last.0,
            last.1
        );
        last = (t.line, t.column);
        assert!(t.column >= 1, "topic {i}: column 0");
        assert!(!t.label.is_empty(), "topic {i}: empty label");
        assert_eq!(
            t.label,
            roadmapper::outline::collapse_whitespace(&t.label),
            "topic {i}: label whitespace not collapsed"
        );
        for tag in &t.tags {
            assert!(!tag.is_empty(), "topic {i}: empty tag");
            assert_eq!(*tag, tag.to_lowercase(), "topic {i}: tag not lowercased");
        }
    }
    // Without prerequisites, a parsed outline always builds.
    match Roadmap::build(outline, &[]) {
        Ok(r) => check_order(&r),
        Err(e) => panic!("a parsed outline did not build without prerequisites:\n{e}"),
    }
}

/// `notes` target: a notes file of arbitrary bytes, applied to a small
/// fixed outline, never panics; every diagnostic names a line of it; every
/// link kept is safe, and none other reaches the SVG, JSON or checklist.
pub fn check_notes(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let outline = Input::new("o.txt", SMALL_OUTLINE);
    match roadmapper::load_with_notes(&outline, &[], &[Input::new("n.md", data.to_vec())]) {
        Ok(r) => {
            for w in r.warnings() {
                assert!(
                    w.file() == "n.md" && w.line().unwrap() >= 1,
                    "warning without a line: {w}"
                );
                let _ = w.to_string();
            }
            for t in r.topics() {
                for l in &t.links {
                    assert!(roadmapper::link::is_safe(&l.url), "unsafe link kept: {l:?}");
                }
            }
            let svg = String::from_utf8(
                roadmapper::render(&r, &RenderOptions::default()).expect("an SVG renders"),
            )
            .expect("SVG is UTF-8");
            roxmltree_check(&svg);
            let mut md = Vec::new();
            let order = r.order().to_vec();
            write_order(&r, &order, false, OrderFormat::Markdown, &mut md).expect("in memory");
            let _ = export::json::to_string(&r);
        }
        Err(Error::Input(errors)) => {
            assert!(!errors.is_empty());
            for e in &errors {
                assert!(
                    e.file() == "n.md" && e.line().unwrap() >= 1,
                    "error without a line: {e}"
                );
                let _ = e.to_string();
            }
        }
        Err(e) => panic!("notes gave a non-input error: {e}"),
    }
}

/// The outline of the progress target: shared labels (`SOAP`, `REST`, so
/// `*(Parent)*` decorations and paths matter), labels that differ only in
/// case, a label holding `>` and Markdown punctuation, tags.
pub const PROGRESS_OUTLINE: &str = "Backend Roadmap\n  Internet\n    What is HTTP [recommended]\n    HTTP\n    http\n    DNS\n  APIs\n    REST\n    SOAP [optional]\n    a > b\n    *nix <tools> & `code`\n  Architectural Patterns\n    SOAP\n    Microservices [alternative]\nAppendix\n  REST\n";

/// `progress` target: a progress file of arbitrary bytes, marked. Byte 0
/// picks the state (its low two bits) and whether there is no file yet
/// (bit 2); byte 1 how many topics (1 to 3); the next bytes which ones; the
/// rest is the file. Nothing panics; a mark that succeeds reads back, with
/// the library's progress reader, with every topic marked in the state
/// set, and marking it again changes nothing; a mark that fails leaves
/// errors that point into the file only when there was one.
pub fn check_progress(data: &[u8]) {
    use roadmapper::outline::TaskState;
    if data.len() > MAX_INPUT || data.len() < 2 {
        return;
    }
    let r = roadmapper::load(&Input::new("o.txt", PROGRESS_OUTLINE), &[])
        .expect("the progress target's outline loads");
    let state = [
        TaskState::Todo,
        TaskState::Learning,
        TaskState::Done,
        TaskState::Skipped,
    ][usize::from(data[0] & 3)];
    let no_file = data[0] & 4 != 0;
    let count = 1 + usize::from(data[1] % 3);
    let Some(picks) = data.get(2..2 + count) else {
        return;
    };
    let topics: Vec<usize> = picks.iter().map(|&b| usize::from(b) % r.len()).collect();
    let bytes = &data[2 + count..];
    let text = if no_file {
        None
    } else {
        match roadmapper::progress::decode("p.md", bytes) {
            Ok(text) => Some(text),
            Err(errors) => {
                assert!(!errors.is_empty(), "a decode error without a diagnostic");
                return;
            }
        }
    };
    let out = match r.mark_progress("p.md", text, &topics, state) {
        Ok(out) => out,
        Err(errors) => {
            assert!(!errors.is_empty(), "a mark error without a diagnostic");
            for e in &errors {
                assert!(e.is_error(), "a mark error that is a warning: {e}");
                if no_file {
                    assert!(
                        e.line().is_none(),
                        "an error pointing into a file not written: {e}"
                    );
                }
                let _ = e.to_string();
            }
            return;
        }
    };
    let read = roadmapper::load_with_progress(
        &Input::new("o.txt", PROGRESS_OUTLINE),
        &[],
        &[],
        &[Input::new("p.md", out.as_bytes())],
    );
    let read = match read {
        Ok(read) => read,
        Err(e) => panic!("what mark wrote does not read back: {e}\n{out}"),
    };
    for &t in &topics {
        assert_eq!(
            read.topic(t).state,
            Some(state),
            "topic {t} ({}) does not read back as {}:\n{out}",
            r.topic(t).label,
            state.name()
        );
    }
    match r.mark_progress("p.md", Some(&out), &topics, state) {
        Ok(again) => assert_eq!(again, out, "marking twice changed the file"),
        Err(e) => panic!("marking again failed: {e:?}\n{out}"),
    }
}

/// The SVG is well-formed XML.
fn roxmltree_check(svg: &str) {
    if let Err(e) = resvg::usvg::roxmltree::Document::parse(svg) {
        panic!("the SVG is not well-formed: {e}");
    }
}

/// `prereqs` target: parsing arbitrary bytes never panics and agrees with
/// the lenient parser; resolving against a small fixed outline (and, for
/// some inputs, the Backend outline) never panics, and a loaded roadmap's
/// order is sound.
pub fn check_prereqs(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let (lenient, lenient_errors) = roadmapper::prereqs::parse_lenient("p", data);
    match roadmapper::prereqs::parse("p", data) {
        Ok(file) => {
            assert!(lenient_errors.is_empty());
            assert_eq!(file, lenient);
            for e in &file.edges {
                assert!(e.line >= 1);
                for r in [&e.from, &e.to] {
                    assert!(!r.segments.is_empty(), "a reference without segments");
                    assert!(r.segments.iter().all(|s| !s.is_empty()), "an empty segment");
                    assert!(r.column >= 1);
                }
            }
        }
        Err(errors) => {
            assert!(
                !errors.is_empty(),
                "a prerequisite error without a diagnostic"
            );
            assert_eq!(errors, lenient_errors);
            for d in &errors {
                let _ = d.to_string();
            }
        }
    }
    // Unknown references against the Backend outline's ~120 labels cost a
    // string-distance scan each (most of the time of this target), so that
    // outline is used for one input in four (by length) only.
    let outlines: &[&[u8]] = if data.len().is_multiple_of(4) {
        &[SMALL_OUTLINE.as_bytes(), BACKEND_OUTLINE]
    } else {
        &[SMALL_OUTLINE.as_bytes()]
    };
    for &outline in outlines {
        let loaded = roadmapper::load(
            &Input::new("o.txt", outline),
            &[Input::new("p.prereqs", data)],
        );
        match loaded {
            Ok(r) => check_order(&r),
            Err(e) => check_error(&e),
        }
    }
}

/// `pipeline` target: the outline and prerequisite files split from one
/// input; when they load, every exporter's output is well-formed.
pub fn check_pipeline(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let mut parts = data.split(|&b| b == SEPARATOR);
    let outline = Input::new("f.txt", parts.next().unwrap_or_default());
    let prereqs: Vec<Input> = parts
        .take(MAX_PREREQ_FILES)
        .enumerate()
        .map(|(k, p)| Input::new(format!("p{k}.prereqs"), p))
        .collect();
    let r = match roadmapper::load(&outline, &prereqs) {
        Ok(r) => r,
        Err(e) => {
            check_error(&e);
            return;
        }
    };
    check_order(&r);
    for w in r.lint() {
        let _ = w.to_string();
    }

    // Plain DOT.
    let dot = export::Dot(&r).to_string();
    check_dot(&dot);
    let plain = roadmapper::render(
        &r,
        &RenderOptions {
            format: Format::Dot,
            ..RenderOptions::default()
        },
    )
    .expect("plain DOT renders");
    assert_eq!(
        plain,
        dot.as_bytes(),
        "render(Dot) differs from export::Dot"
    );

    // The study-order listings, whole and up to the last topic.
    let mut lists = vec![r.order().to_vec()];
    if let Some(last) = r.len().checked_sub(1) {
        let needs = r.needs(&[last]);
        assert_eq!(needs.last(), Some(&last), "needs(t) does not end with t");
        lists.push(needs);
    }
    for items in &lists {
        for stages in [false, true] {
            for format in [OrderFormat::Text, OrderFormat::Markdown, OrderFormat::Json] {
                let mut out = Vec::new();
                write_order(&r, items, stages, format, &mut out).expect("writing to a Vec");
                let text = String::from_utf8(out).expect("order output is UTF-8");
                if format == OrderFormat::Json {
                    let v: serde_json::Value =
                        serde_json::from_str(&text).expect("order JSON parses");
                    assert_eq!(v.as_array().map(Vec::len), Some(items.len()));
                }
            }
        }
    }

    // Both layouts: the scene, then SVG, JSON, positioned DOT, tiny PNGs.
    // Cheap variety without spending input bytes: the length picks the
    // layered layout's direction and whether one of the layouts also gets a
    // PNG (by far the slowest step, so only for one input in four).
    let direction = if data.len().is_multiple_of(2) {
        Direction::Down
    } else {
        Direction::Right
    };
    let png_for = match data.len() % 8 {
        0 => Some(LayoutKind::Poster),
        1 => Some(LayoutKind::Layered),
        _ => None,
    };
    for (kind, theme) in [
        (LayoutKind::Poster, export::svg::LIGHT),
        (LayoutKind::Layered, export::svg::DARK),
    ] {
        let layout = LayoutOptions { kind, direction };
        let scene = layout::layout(&r, &layout);
        check_scene(&r, &scene);
        let options = RenderOptions {
            layout,
            theme,
            ..RenderOptions::default()
        };
        let render = |format: Format, positions: bool, scale: f32| {
            roadmapper::render(
                &r,
                &RenderOptions {
                    format,
                    positions,
                    scale,
                    ..options
                },
            )
        };

        let svg = render(Format::Svg, false, 1.0).expect("SVG renders");
        let svg = String::from_utf8(svg).expect("SVG is UTF-8");
        if let Err(e) = resvg::usvg::roxmltree::Document::parse(&svg) {
            panic!("{kind:?} SVG is not well-formed XML: {e}\n{svg}");
        }

        let json = render(Format::Json, false, 1.0).expect("JSON renders");
        let v: serde_json::Value = match serde_json::from_slice(&json) {
            Ok(v) => v,
            Err(e) => panic!(
                "{kind:?} JSON does not parse: {e}\n{}",
                String::from_utf8_lossy(&json)
            ),
        };
        assert_eq!(
            v["nodes"].as_array().map(Vec::len),
            Some(r.len()),
            "JSON node count"
        );

        let dot = render(Format::Dot, true, 1.0).expect("positioned DOT renders");
        check_dot(&String::from_utf8(dot).expect("DOT is UTF-8"));

        if png_for == Some(kind) && scene.width < PNG_MAX_SIDE && scene.height < PNG_MAX_SIDE {
            let png = render(Format::Png, false, 0.25).expect("a small PNG renders");
            assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
        }
    }
}

/// Errors are input diagnostics, each formats, and there is at least one.
fn check_error(e: &Error) {
    match e {
        Error::Input(diags) => {
            assert!(
                diags.iter().any(|d| d.is_error()),
                "load failed without an error diagnostic: {e}"
            );
            let _ = e.to_string();
        }
        other => panic!("load failed with a non-input error: {other}"),
    }
}

/// The study order is a permutation that puts every parent before its
/// children and every prerequisite before what needs it.
fn check_order(r: &Roadmap) {
    let order = r.order();
    assert_eq!(order.len(), r.len(), "the order has every topic once");
    let mut seen = vec![false; r.len()];
    for (k, &i) in order.iter().enumerate() {
        assert!(!seen[i], "topic {i} twice in the order");
        seen[i] = true;
        assert_eq!(r.rank(i), k, "rank({i})");
    }
    for i in 0..r.len() {
        if let Some(p) = r.parent(i) {
            assert!(r.rank(p) < r.rank(i), "parent {p} after child {i}");
        }
    }
    for (a, b, _) in r.prerequisites() {
        // The group rule: everything inside `a` comes before `b`.
        for x in r.subtree(a) {
            assert!(
                r.rank(x) < r.rank(b),
                "prerequisite {a} (topic {x} in it) after {b}"
            );
        }
        assert!(
            r.stage(a) < r.stage(b),
            "prerequisite {a} not in an earlier stage than {b}"
        );
    }
    let ids: HashSet<&str> = r.topics().map(|t| t.id.as_str()).collect();
    assert_eq!(ids.len(), r.len(), "topic ids are not unique");
}

/// One box per topic, finite geometry, every box inside the canvas.
fn check_scene(r: &Roadmap, scene: &Scene) {
    assert!(
        scene.width.is_finite()
            && scene.height.is_finite()
            && scene.width > 0.0
            && scene.height > 0.0,
        "{} canvas is {} x {}",
        scene.layout,
        scene.width,
        scene.height
    );
    let mut count = vec![0usize; r.len()];
    for b in &scene.boxes {
        assert!(b.topic < r.len(), "a box for a missing topic {}", b.topic);
        count[b.topic] += 1;
        let rect = &b.rect;
        assert!(
            [rect.x, rect.y, rect.width, rect.height]
                .iter()
                .all(|v| v.is_finite()),
            "{}: box of topic {} is {rect:?}",
            scene.layout,
            b.topic
        );
        assert!(
            rect.x >= 0.0
                && rect.y >= 0.0
                && rect.right() <= scene.width
                && rect.bottom() <= scene.height,
            "{}: box of topic {} at {rect:?} is outside the {} x {} canvas",
            scene.layout,
            b.topic,
            scene.width,
            scene.height
        );
    }
    for (t, &c) in count.iter().enumerate() {
        assert_eq!(c, 1, "{}: topic {t} has {c} boxes", scene.layout);
    }
    for e in &scene.edges {
        assert!(
            e.points.iter().all(|p| p.x.is_finite() && p.y.is_finite()),
            "{}: edge {} -> {} has a non-finite point",
            scene.layout,
            e.from,
            e.to
        );
    }
}

/// layout-rs's DOT parser accepts the text.
fn check_dot(dot: &str) {
    if let Err(e) = ::layout::gv::DotParser::new(dot).process() {
        panic!("layout-rs cannot parse the DOT: {e}\n{dot}");
    }
}
