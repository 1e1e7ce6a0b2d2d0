//! End-to-end tests of `roadmapper render` for posters: SVG and PNG files,
//! format inference, options, the pixel budget and atomic output.

use std::fs;
use std::path::Path;
use std::process::Output;

use resvg::usvg;

const OUTLINE: &str = "roadmap/backend.txt";
const PREREQS: &str = "roadmap/backend.prereqs";

/// Runs the binary from the crate root; `_dir` is where the test's files go.
fn run(_dir: &Path, args: &[&str]) -> Output {
    crate::bin::run_at_root(args)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn path(dir: &Path, name: &str) -> String {
    dir.join(name)
        .to_str()
        .expect("UTF-8 temp path")
        .to_string()
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "PNG signature");
    let be =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    (be(16), be(20))
}

fn svg_size(text: &str) -> (f32, f32) {
    let tree = usvg::Tree::from_str(text, &usvg::Options::default()).expect("the SVG parses");
    (tree.size().width(), tree.size().height())
}

#[test]
fn the_readme_command_writes_a_png_poster_of_the_backend_roadmap() {
    let dir = tempfile::tempdir().unwrap();
    let png = path(dir.path(), "backend.png");
    let out = run(
        dir.path(),
        &["render", OUTLINE, "--prereqs", PREREQS, "-o", &png],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "nothing on stdout with -o");
    let (w, h) = png_size(&fs::read(&png).unwrap());

    // Scale 2 by default: twice the SVG's size, which is a portrait poster.
    let svg = run(
        dir.path(),
        &["render", OUTLINE, "--prereqs", PREREQS, "--format", "svg"],
    );
    let (sw, sh) = svg_size(&String::from_utf8(svg.stdout).unwrap());
    assert_eq!((w, h), ((sw * 2.0).ceil() as u32, (sh * 2.0).ceil() as u32));
    assert!(sh > sw, "portrait: {sw} x {sh}");
    assert!(sh / sw <= 3.0, "at most 1:3: {sw} x {sh}");
}

#[test]
fn svg_is_inferred_from_the_extension_well_formed_and_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let a = path(dir.path(), "a.svg");
    let b = path(dir.path(), "B.SVG");
    for p in [&a, &b] {
        let out = run(
            dir.path(),
            &["render", OUTLINE, "--prereqs", PREREQS, "-o", p],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let text = fs::read_to_string(&a).unwrap();
    assert_eq!(text, fs::read_to_string(&b).unwrap(), "byte-identical runs");
    assert!(text.starts_with("<?xml"));
    svg_size(&text);
    for label in [
        "Backend Roadmap",
        "What is HTTP",
        "OWASP Security Risks",
        "MD5 (Don&apos;t Use)",
    ] {
        assert!(text.contains(label), "{label} drawn");
    }
}

#[test]
fn scale_sets_the_png_size_and_themes_and_layouts_change_the_picture() {
    let dir = tempfile::tempdir().unwrap();
    let one = path(dir.path(), "one.png");
    let out = run(dir.path(), &["render", OUTLINE, "--scale", "1", "-o", &one]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let two = path(dir.path(), "two.png");
    run(dir.path(), &["render", OUTLINE, "-o", &two]);
    let (w1, h1) = png_size(&fs::read(&one).unwrap());
    let (w2, h2) = png_size(&fs::read(&two).unwrap());
    assert_eq!((w2, h2), (w1 * 2, h1 * 2));

    let svg = |extra: &[&str]| {
        let mut args = vec!["render", OUTLINE, "--prereqs", PREREQS, "--format", "svg"];
        args.extend_from_slice(extra);
        let out = run(dir.path(), &args);
        assert_eq!(out.status.code(), Some(0), "{extra:?}: {}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let light = svg(&[]);
    let dark = svg(&["--theme", "dark"]);
    let layered = svg(&["--layout", "layered"]);
    let right = svg(&["--layout", "layered", "--direction", "right"]);
    assert!(light.contains("light theme") && light.contains("poster layout"));
    assert!(dark.contains("dark theme") && dark.contains("#0f172a"));
    assert!(layered.contains("layered layout"));
    assert_ne!(layered, right, "--direction changes the layered layout");
    for s in [&dark, &layered, &right] {
        svg_size(s);
    }
}

#[test]
fn json_carries_geometry_and_dot_carries_positions_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        dir.path(),
        &["render", OUTLINE, "--prereqs", PREREQS, "--format", "json"],
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["graph"]["layout"], "poster");
    assert_eq!(doc["graph"]["font"], "Noto Sans");
    let (w, h) = (
        doc["graph"]["width"].as_f64().unwrap(),
        doc["graph"]["height"].as_f64().unwrap(),
    );
    for n in doc["nodes"].as_array().unwrap() {
        let x = n["x"].as_f64().expect("x");
        let y = n["y"].as_f64().expect("y");
        assert!(x >= 0.0 && y >= 0.0 && x + n["width"].as_f64().unwrap() <= w);
        assert!(y + n["height"].as_f64().unwrap() <= h);
        assert!(!n["lines"].as_array().unwrap().is_empty());
    }
    let drawn = doc["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "prerequisite" && e["points"].is_array())
        .count();
    assert_eq!(drawn, 45, "every prerequisite has its drawn path");

    let plain = run(dir.path(), &["render", OUTLINE, "--format", "dot"]);
    assert!(!String::from_utf8_lossy(&plain.stdout).contains("pos="));
    let placed = run(
        dir.path(),
        &["render", OUTLINE, "--format", "dot", "--positions"],
    );
    let text = String::from_utf8(placed.stdout).unwrap();
    assert!(text.matches("pos=\"").count() >= 115, "every node placed");
    assert!(text.contains("fixedsize=shape"));
}

#[test]
fn a_png_over_the_pixel_budget_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let png = path(dir.path(), "big.png");
    fs::write(&png, b"keep me").unwrap();
    let out = run(
        dir.path(),
        &["render", OUTLINE, "--scale", "16", "-o", &png],
    );
    // A usage error: the README's table calls a bad value one (2).
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("megapixels"), "{err}");
    assert!(err.contains("help: use --scale"), "{err}");
    assert_eq!(fs::read(&png).unwrap(), b"keep me");
    let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "no temporary file left");
}

#[test]
fn bad_scales_and_layouts_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["render", OUTLINE, "--scale", "0", "--format", "png"][..],
        &["render", OUTLINE, "--scale", "-1", "--format", "png"],
        &["render", OUTLINE, "--scale", "NaN", "--format", "png"],
        &["render", OUTLINE, "--scale", "17", "--format", "png"],
        &["render", OUTLINE, "--layout", "circle"],
        &["render", OUTLINE, "--theme", "blue"],
    ] {
        let out = run(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn embed_font_puts_both_noto_sans_faces_into_the_svg() {
    let dir = tempfile::tempdir().unwrap();
    let plain = run(dir.path(), &["render", OUTLINE, "--format", "svg"]);
    let plain = String::from_utf8(plain.stdout).unwrap();
    assert!(!plain.contains("@font-face"));
    let out = run(
        dir.path(),
        &["render", OUTLINE, "--format", "svg", "--embed-font"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.matches("@font-face").count(), 2);
    let sizes: Vec<usize> = text
        .split("base64,")
        .skip(1)
        .map(|s| {
            let b64 = &s[..s.find(')').expect("closing parenthesis")];
            let pad = b64.bytes().rev().take_while(|&c| c == b'=').count();
            b64.len() / 4 * 3 - pad
        })
        .collect();
    assert_eq!(
        sizes,
        [
            roadmapper::text::regular().len(),
            roadmapper::text::bold().len()
        ]
    );
    // Same drawing otherwise; usvg still reads it.
    svg_size(&text);
    assert_eq!(
        text.lines()
            .filter(|l| !l.starts_with("@font-face") && !l.contains("style>"))
            .collect::<Vec<_>>(),
        plain.lines().collect::<Vec<_>>()
    );
}
