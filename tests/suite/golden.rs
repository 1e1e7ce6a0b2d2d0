//! Golden tests for every exporter: each outline in `tests/golden/` (with
//! the prerequisite file of the same stem, if any) is exported to DOT,
//! JSON, the three study-order formats, SVG posters (poster and layered
//! layouts), JSON with geometry and DOT with positions, and compared with
//! the files next to it. JSON is compared as parsed values.
//!
//! Regenerate the expected files with `ROADMAPPER_BLESS=1 cargo test --test suite golden::`
//! and review the diff.

use std::fs;
use std::path::{Path, PathBuf};

use roadmapper::export::order::{OrderFormat, write_order};
use roadmapper::layout::{LayoutKind, LayoutOptions};
use roadmapper::{Format, Input, RenderOptions, Roadmap, export};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn load(stem: &str, ext: &str) -> Roadmap {
    let outline_name = format!("{stem}.{ext}");
    let outline = Input::new(
        outline_name.clone(),
        fs::read(dir().join(&outline_name)).expect("golden outline exists"),
    );
    let prereq_name = format!("{stem}.prereqs");
    let prereqs: Vec<Input> = fs::read(dir().join(&prereq_name))
        .map(|b| vec![Input::new(prereq_name, b)])
        .unwrap_or_default();
    // The learner's progress, from the progress file of the same stem.
    let progress_name = format!("{stem}.progress.md");
    let progress: Vec<Input> = fs::read(dir().join(&progress_name))
        .map(|b| vec![Input::new(progress_name, b)])
        .unwrap_or_default();
    roadmapper::load_with_progress(&outline, &prereqs, &[], &progress)
        .unwrap_or_else(|e| panic!("{stem}: {e}"))
}

fn render(r: &Roadmap, format: Format, kind: LayoutKind, dark: bool) -> String {
    let options = RenderOptions {
        format,
        layout: LayoutOptions {
            kind,
            ..LayoutOptions::default()
        },
        theme: if dark {
            export::svg::DARK
        } else {
            export::svg::LIGHT
        },
        positions: true,
        ..RenderOptions::default()
    };
    let bytes = roadmapper::render(r, &options).unwrap_or_else(|e| panic!("{e}"));
    String::from_utf8(bytes).expect("UTF-8 output")
}

fn order(r: &Roadmap, stages: bool, format: OrderFormat) -> String {
    let mut out = Vec::new();
    write_order(r, r.order(), stages, format, &mut out).expect("writing to memory");
    String::from_utf8(out).expect("UTF-8 output")
}

/// Compares `actual` with the golden file, or rewrites it under
/// `ROADMAPPER_BLESS`. Returns a readable failure description.
fn check(name: &str, actual: &str) -> Option<String> {
    let path = dir().join(name);
    if std::env::var_os("ROADMAPPER_BLESS").is_some() {
        fs::write(&path, actual).expect("write golden file");
        return None;
    }
    let expected = fs::read_to_string(&path).unwrap_or_default();
    let same = if name.ends_with(".json") {
        let a: serde_json::Value = serde_json::from_str(actual).expect("actual JSON parses");
        let e: serde_json::Value =
            serde_json::from_str(&expected).unwrap_or(serde_json::Value::Null);
        a == e
    } else {
        actual == expected
    };
    (!same).then(|| format!("{name} differs:\n{}", diff(&expected, actual)))
}

/// A small line diff: `-` expected, `+` actual, around the first change.
fn diff(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    let first = e.iter().zip(&a).take_while(|(x, y)| x == y).count();
    let mut out = String::new();
    let from = first.saturating_sub(2);
    for line in &e[from..first] {
        out.push_str(&format!("  {line}\n"));
    }
    for line in e.iter().skip(first).take(8) {
        out.push_str(&format!("- {line}\n"));
    }
    for line in a.iter().skip(first).take(8) {
        out.push_str(&format!("+ {line}\n"));
    }
    if e.len() != a.len() {
        out.push_str(&format!(
            "({} lines expected, {} found)\n",
            e.len(),
            a.len()
        ));
    }
    out
}

fn run_case(stem: &str, ext: &str) {
    let r = load(stem, ext);
    let failures: Vec<String> = [
        (format!("{stem}.dot"), export::Dot(&r).to_string()),
        (format!("{stem}.json"), export::json::to_string(&r)),
        (
            format!("{stem}.order.txt"),
            order(&r, false, OrderFormat::Text),
        ),
        (
            format!("{stem}.order.md"),
            order(&r, false, OrderFormat::Markdown),
        ),
        (
            format!("{stem}.order.json"),
            order(&r, false, OrderFormat::Json),
        ),
        (
            format!("{stem}.stages.txt"),
            order(&r, true, OrderFormat::Text),
        ),
        (
            format!("{stem}.stages.md"),
            order(&r, true, OrderFormat::Markdown),
        ),
        (
            format!("{stem}.svg"),
            render(&r, Format::Svg, LayoutKind::Poster, false),
        ),
        (
            format!("{stem}.dark.svg"),
            render(&r, Format::Svg, LayoutKind::Poster, true),
        ),
        (
            format!("{stem}.layered.svg"),
            render(&r, Format::Svg, LayoutKind::Layered, false),
        ),
        (
            format!("{stem}.layout.json"),
            render(&r, Format::Json, LayoutKind::Poster, false),
        ),
        (
            format!("{stem}.positions.dot"),
            render(&r, Format::Dot, LayoutKind::Poster, false),
        ),
    ]
    .iter()
    .filter_map(|(name, actual)| check(name, actual))
    .collect();
    assert!(
        failures.is_empty(),
        "{}\n(if the change is intended: ROADMAPPER_BLESS=1 cargo test --test suite golden::)",
        failures.join("\n")
    );
}

#[test]
fn small_with_group_prerequisites_tags_and_escapes() {
    run_case("small", "txt");
}

#[test]
fn markdown_outline() {
    run_case("markmap", "md");
}

/// A learner's progress drawn on both layouts in both themes: every state
/// once, estimates, a label shared by two topics told apart by parent.
#[test]
fn posters_draw_the_learners_progress() {
    let r = load("learner", "txt");
    assert!(r.tracks_progress(), "the progress file is applied");
    let failures: Vec<String> = [
        (LayoutKind::Poster, false, "learner.svg"),
        (LayoutKind::Poster, true, "learner.dark.svg"),
        (LayoutKind::Layered, false, "learner.layered.svg"),
        (LayoutKind::Layered, true, "learner.layered.dark.svg"),
    ]
    .into_iter()
    .filter_map(|(kind, dark, name)| check(name, &render(&r, Format::Svg, kind, dark)))
    .collect();
    assert!(
        failures.is_empty(),
        "{}\n(if the change is intended: ROADMAPPER_BLESS=1 cargo test --test suite golden::)",
        failures.join("\n")
    );
}

#[test]
fn shipped_backend_roadmap() {
    // The shipped roadmap is a golden case too, so any change to it or to
    // the exporters shows up as a reviewed diff.
    let outline = Path::new(env!("CARGO_MANIFEST_DIR")).join("roadmap/backend.txt");
    let prereqs = outline.with_extension("prereqs");
    let notes = outline.with_extension("notes.md");
    let r = roadmapper::load_with_notes(
        &Input::new("backend.txt", fs::read(&outline).expect("shipped outline")),
        &[Input::new(
            "backend.prereqs",
            fs::read(&prereqs).expect("shipped prereqs"),
        )],
        &[Input::new(
            "backend.notes.md",
            fs::read(&notes).expect("shipped notes"),
        )],
    )
    .expect("the shipped roadmap loads");
    let failures: Vec<String> = [
        ("backend.dot".to_string(), export::Dot(&r).to_string()),
        ("backend.json".to_string(), export::json::to_string(&r)),
        (
            "backend.order.txt".to_string(),
            order(&r, false, OrderFormat::Text),
        ),
        (
            "backend.order.md".to_string(),
            order(&r, false, OrderFormat::Markdown),
        ),
        (
            "backend.svg".to_string(),
            render(&r, Format::Svg, LayoutKind::Poster, false),
        ),
    ]
    .iter()
    .filter_map(|(name, actual)| check(name, actual))
    .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn progress_states_and_estimates_in_json_and_dot() {
    // Every state (a group marked done with a topic still being learnt, a
    // topic named by its path, a whole group skipped), estimates in hours,
    // minutes and days, and labels shared by two groups.
    let read = |ext: &str| {
        let name = format!("progress-export.{ext}");
        Input::new(
            name.clone(),
            fs::read(dir().join(&name)).expect("golden input exists"),
        )
    };
    let r = roadmapper::load_with_progress(
        &read("txt"),
        &[read("prereqs")],
        &[],
        &[read("progress.md")],
    )
    .unwrap_or_else(|e| panic!("progress-export: {e}"));
    assert!(r.tracks_progress());
    let failures: Vec<String> = [
        ("progress-export.dot", export::Dot(&r).to_string()),
        ("progress-export.json", export::json::to_string(&r)),
    ]
    .iter()
    .filter_map(|(name, actual)| check(name, actual))
    .collect();
    assert!(
        failures.is_empty(),
        "{}\n(if the change is intended: ROADMAPPER_BLESS=1 cargo test --test suite golden::progress)",
        failures.join("\n")
    );
}
