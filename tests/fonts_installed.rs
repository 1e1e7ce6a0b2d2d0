//! Every script drawn inside its box, with fonts given as files: Debian's
//! Noto Sans CJK, Noto Sans Arabic and Noto Color Emoji
//! (`fonts-noto-cjk`, `fonts-noto-core`, `fonts-noto-color-emoji`; CI
//! installs them). Without them the tests say so and pass, unless
//! `ROADMAPPER_REQUIRE_TOOLS` is set.
//!
//! The fixture, tests/fixtures/scripts/scripts.txt, has labels in Chinese,
//! Japanese, Arabic (joined letters, right to left, with digits), emoji (a
//! ZWJ sequence, a skin-tone modifier) and lines mixing them with Latin.
//!
//! The font set is per process, so this file is its own test binary and
//! every test in it installs the same set.

#[path = "support/tools.rs"]
mod tools;

use std::path::Path;
use std::sync::OnceLock;

use resvg::tiny_skia::Pixmap;
use resvg::usvg;
use roadmapper::export::png::usvg_options;
use roadmapper::export::svg::{LIGHT, Svg};
use roadmapper::layout::{self, LayoutKind, LayoutOptions};
use roadmapper::scene::{Rect, Role, Scene};
use roadmapper::text::{self, FontSet, Weight};
use roadmapper::{Format, Input, RenderOptions, Roadmap, load, render};

const FONTS: [&str; 5] = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf",
];

/// Installs the Noto fonts once; false (after saying why) when they are
/// not on this machine.
fn fonts() -> bool {
    static INSTALLED: OnceLock<bool> = OnceLock::new();
    let installed = *INSTALLED.get_or_init(|| {
        if FONTS.iter().any(|f| !Path::new(f).exists()) {
            return false;
        }
        let mut set = FontSet::embedded();
        for f in FONTS {
            set.add_file(Path::new(f), roadmapper::input::DEFAULT_MAX_INPUT_SIZE)
                .unwrap_or_else(|e| panic!("{f}: {e}"));
        }
        text::install(set).expect("nothing was measured before");
        true
    });
    // Said once, not once per test and property case.
    static SAID: std::sync::Once = std::sync::Once::new();
    if !installed {
        SAID.call_once(|| {
            tools::skip(
                "the Noto CJK, Arabic and colour emoji fonts (fonts-noto-cjk, fonts-noto-core, fonts-noto-color-emoji)",
            )
        });
    }
    installed
}

fn roadmap() -> Roadmap {
    let outline = include_str!("fixtures/scripts/scripts.txt");
    load(&Input::new("scripts.txt", outline), &[]).unwrap_or_else(|e| panic!("{e}"))
}

fn scenes() -> Vec<Scene> {
    let r = roadmap();
    [LayoutKind::Poster, LayoutKind::Layered]
        .into_iter()
        .map(|kind| {
            layout::layout(
                &r,
                &LayoutOptions {
                    kind,
                    ..LayoutOptions::default()
                },
            )
        })
        .collect()
}

fn contains(outer: Rect, r: usvg::Rect, slack: f32) -> bool {
    r.left() >= outer.x - slack
        && r.right() <= outer.x + outer.width + slack
        && r.top() >= outer.y - slack
        && r.bottom() <= outer.y + outer.height + slack
}

/// In the SVG read back by usvg with the same fonts: no text draws a
/// missing glyph (glyph 0, the empty box), and each box's text is inked
/// inside the box, across at least most of its measured width (a glyph
/// lost in shaping shortens it).
#[test]
fn every_glyph_is_found_and_drawn_inside_its_box() {
    if !fonts() {
        return;
    }
    for scene in scenes() {
        let svg = Svg::new(&scene, &LIGHT).to_string();
        let tree = usvg::Tree::from_str(&svg, &usvg_options()).unwrap_or_else(|e| panic!("{e}"));
        let mut texts = Vec::new();
        collect_texts(tree.root(), &mut texts);
        for t in &texts {
            for span in t.layouted() {
                for g in &span.positioned_glyphs {
                    assert_ne!(g.id.0, 0, "{:?} is drawn as a missing glyph", g.text);
                }
            }
        }
        for b in scene.boxes.iter().filter(|b| b.role != Role::Title) {
            let inside: Vec<&usvg::Text> = texts
                .iter()
                .copied()
                .filter(|t| {
                    let c = t.abs_bounding_box();
                    let (x, y) = ((c.left() + c.right()) / 2.0, (c.top() + c.bottom()) / 2.0);
                    x > b.rect.x && x < b.rect.right() && y > b.rect.y && y < b.rect.bottom()
                })
                .collect();
            let label = b.lines.join(" ");
            assert_eq!(inside.len(), 1, "{label}: one text in its box");
            let t = inside[0];
            let ink =
                ink(t.flattened(), t.abs_transform()).unwrap_or_else(|| panic!("{label}: no ink"));
            assert!(
                contains(
                    Rect::new(
                        b.rect.x + 2.0,
                        b.rect.y + 2.0,
                        b.rect.width - 4.0,
                        b.rect.height - 4.0
                    ),
                    ink,
                    0.0
                ),
                "{label}: ink {ink:?} overflows its box {:?}",
                b.rect
            );
            let measured = b
                .lines
                .iter()
                .map(|l| text::width(l, b.font_size, b.weight))
                .fold(0.0, f32::max);
            assert!(
                ink.width() >= 0.8 * measured,
                "{label}: ink {} px wide, measured {measured} px",
                ink.width()
            );
        }
    }
}

/// The union of the drawn paths' and images' boxes in `group`, drawn
/// with `ts`. (Computed here: inside a text's glyphs usvg leaves the
/// absolute transform of a colour emoji's bitmap unset.)
fn ink(group: &usvg::Group, ts: usvg::Transform) -> Option<usvg::Rect> {
    let ts = ts.pre_concat(group.transform());
    let mut boxes = Vec::new();
    for node in group.children() {
        let r = match node {
            usvg::Node::Group(g) => ink(g, ts),
            usvg::Node::Path(p) => p.bounding_box().transform(ts),
            usvg::Node::Image(i) => i.bounding_box().transform(ts),
            usvg::Node::Text(t) => ink(t.flattened(), ts),
        };
        boxes.extend(r);
    }
    boxes.into_iter().reduce(|a, b| {
        usvg::Rect::from_ltrb(
            a.left().min(b.left()),
            a.top().min(b.top()),
            a.right().max(b.right()),
            a.bottom().max(b.bottom()),
        )
        .unwrap_or(a)
    })
}

fn collect_texts<'a>(group: &'a usvg::Group, out: &mut Vec<&'a usvg::Text>) {
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => collect_texts(g, out),
            usvg::Node::Text(t) => out.push(t),
            _ => {}
        }
    }
}

/// The PNG: every topic's text area holds text-coloured ink, and a colour
/// emoji is drawn in colour.
#[test]
fn the_png_inks_every_label() {
    if !fonts() {
        return;
    }
    let r = roadmap();
    let options = RenderOptions {
        format: Format::Png,
        scale: 2.0,
        ..RenderOptions::default()
    };
    let bytes = render(&r, &options).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        bytes == render(&r, &options).unwrap(),
        "byte-identical runs"
    );
    let png = Pixmap::decode_png(&bytes).unwrap_or_else(|e| panic!("{e}"));
    let scene = layout::layout(&r.without_implied(), &options.layout);
    for b in &scene.boxes {
        let area = b.text_rect();
        let (mut dark, mut colour) = (0, 0);
        for y in (area.y * 2.0) as u32..((area.y + area.height) * 2.0) as u32 {
            for x in (area.x * 2.0) as u32..((area.x + area.width) * 2.0) as u32 {
                let Some(p) = png.pixel(x, y) else { continue };
                let (r, g, bl) = (p.red(), p.green(), p.blue());
                if r.max(g).max(bl) < 90 {
                    dark += 1;
                }
                // The crab's orange-red: neither the yellow fills nor ink.
                if r > 200 && g < 130 && bl < 60 {
                    colour += 1;
                }
            }
        }
        let label = b.lines.join(" ");
        assert!(dark > 40 * b.lines.len(), "{label}: {dark} dark pixels");
        if label.contains('🦀') {
            assert!(
                colour > 100,
                "{label}: the crab is drawn in colour ({colour} pixels)"
            );
        }
    }
}

/// Characters are measured in the font that draws them: a CJK label is as
/// wide as Noto Sans CJK says, not as wide as the embedded font's
/// missing-glyph boxes.
#[test]
fn cjk_is_measured_in_the_cjk_font() {
    if !fonts() {
        return;
    }
    let w = text::width("日本語", 16.0, Weight::Regular);
    assert!(
        (w - 48.0).abs() < 0.5,
        "three full-width characters at 16 px: {w}"
    );
    let pieces = text::pieces("Learn 日本語 now", Weight::Regular);
    let families: Vec<Option<&str>> = pieces.iter().map(|p| p.family).collect();
    assert_eq!(families, [None, Some("Noto Sans CJK JP"), None]);
    let lines = text::wrap(
        "数据库索引与查询优化的原理和实践",
        100.0,
        16.0,
        Weight::Regular,
    );
    assert!(lines.len() > 1, "{lines:?}");
    assert!(
        lines
            .iter()
            .all(|l| text::width(l, 16.0, Weight::Regular) <= 100.0)
    );
    assert_eq!(lines.concat(), "数据库索引与查询优化的原理和实践");
}

/// An Arabic line is drawn right to left: its first word on the right.
#[test]
fn arabic_words_are_placed_right_to_left() {
    if !fonts() {
        return;
    }
    let line = "مرحبا بالعالم";
    let pieces = text::pieces(line, Weight::Regular);
    assert_eq!(pieces.len(), 3, "{pieces:?}");
    let first_word = pieces.iter().find(|p| p.range.start == 0).unwrap();
    assert!(
        first_word.x > 0.0,
        "the first word is not on the left: {pieces:?}"
    );
    assert_eq!(first_word.family, Some("Noto Sans Arabic"));
}

/// Pieces of text from every direction and font, with the characters
/// shapers treat specially: combining marks, joiners, selectors, bidi
/// controls, a character no font has (Hebrew), digits inside Arabic.
const PARTS: &[&str] = &[
    "HTTP",
    " ",
    "日本語",
    "数据库",
    "ひらがな",
    "مرحبا",
    "قواعد",
    "2024",
    "שלום",
    "🦀",
    "👩\u{200D}💻",
    "👍🏽",
    "e\u{301}",
    "\u{200F}",
    "\u{202E}",
    "\u{FE0F}",
    "\u{2029}",
    "\u{85}",
    "`grep`",
    "Café",
    "(",
    ")",
];

fn label() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop::collection::vec(0..PARTS.len(), 1..12)
        .prop_map(|parts| parts.iter().map(|&i| PARTS[i]).collect())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// For any mix: the pieces cover the text once, in visual order, and
    /// add up to its width; wrapping loses nothing and keeps every line
    /// within the width; usvg reads the SVG back without a glyph lost
    /// (the box keeps its ink).
    #[test]
    fn any_mix_of_scripts_is_measured_as_drawn(label in label()) {
        if !fonts() {
            return Ok(());
        }
        for weight in [Weight::Regular, Weight::Bold] {
            let pieces = text::pieces(&label, weight);
            let mut covered: Vec<std::ops::Range<usize>> = pieces.iter().map(|p| p.range.clone()).collect();
            covered.sort_by_key(|r| r.start);
            let mut at = 0;
            for r in &covered {
                proptest::prop_assert_eq!(r.start, at, "{:?}", pieces);
                at = r.end;
            }
            proptest::prop_assert_eq!(at, label.len());
            let mut x = 0.0;
            for p in &pieces {
                proptest::prop_assert!((p.x - x).abs() < 1e-4);
                x += p.width;
            }
            let width = text::width(&label, 1.0, weight);
            proptest::prop_assert!((x - width).abs() < 1e-3, "{} {}", x, width);
            let lines = text::wrap(&label, 120.0, 16.0, weight);
            proptest::prop_assert_eq!(lines.concat().replace(' ', ""), label.replace(' ', ""));
            for l in &lines {
                let single = text::pieces(l, weight).len() == 1 && l.chars().count() <= 2;
                proptest::prop_assert!(single || text::width(l, 16.0, weight) <= 120.0 + 1e-3, "{:?}", l);
            }
        }
        // A leading word: "2024)" alone would read as a list marker.
        let outline = format!("Root\n  L {label}\n");
        let r = load(&Input::new("mix.txt", outline), &[]).unwrap_or_else(|e| panic!("{e}"));
        let scene = layout::layout(&r, &LayoutOptions::default());
        let svg = Svg::new(&scene, &LIGHT).to_string();
        let tree = usvg::Tree::from_str(&svg, &usvg_options()).unwrap_or_else(|e| panic!("{e}"));
        let mut texts = Vec::new();
        collect_texts(tree.root(), &mut texts);
        for b in scene.boxes.iter().filter(|b| b.role == Role::Section) {
            for t in &texts {
                let c = t.abs_bounding_box();
                let (x, y) = ((c.left() + c.right()) / 2.0, (c.top() + c.bottom()) / 2.0);
                if x > b.rect.x && x < b.rect.right() && y > b.rect.y && y < b.rect.bottom()
                    && let Some(ink) = ink(t.flattened(), t.abs_transform()) {
                        let inner = Rect::new(b.rect.x + 1.0, b.rect.y, b.rect.width - 2.0, b.rect.height);
                        proptest::prop_assert!(
                            ink.left() >= inner.x && ink.right() <= inner.right(),
                            "{:?}: ink {:?} box {:?}", label, ink, b.rect
                        );
                    }
            }
        }
    }
}
