//! PNG output through the public `render` API: pixel size, text actually
//! drawn (with nothing but the embedded font), themes, the pixel budget
//! and reproducibility. PNGs are decoded with tiny-skia (through resvg).

use std::time::Instant;

use resvg::tiny_skia::Pixmap;
use roadmapper::export::png::{PIXEL_BUDGET, pixel_size};
use roadmapper::export::svg::{DARK, LIGHT, Theme};
use roadmapper::layout::{self, LayoutOptions};
use roadmapper::scene::{Rect, Scene, SceneBox};
use roadmapper::{Error, Format, Input, RenderOptions, Roadmap, load, render};

const SMALL: &str = "Roadmap\n  Basics\n    HTTP\n  APIs\n    REST\n";

fn roadmap(outline: &str) -> Roadmap {
    load(&Input::new("r.txt", outline), &[]).unwrap_or_else(|e| panic!("{e}"))
}

fn backend() -> Roadmap {
    load(
        &Input::new(
            "roadmap/backend.txt",
            include_str!("../roadmap/backend.txt"),
        ),
        &[Input::new(
            "roadmap/backend.prereqs",
            include_str!("../roadmap/backend.prereqs"),
        )],
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn png_options(scale: f32, theme: Theme) -> RenderOptions {
    RenderOptions {
        format: Format::Png,
        scale,
        theme,
        ..RenderOptions::default()
    }
}

fn png(r: &Roadmap, scale: f32, theme: Theme) -> Vec<u8> {
    render(r, &png_options(scale, theme)).unwrap_or_else(|e| panic!("{e}"))
}

fn decode(bytes: &[u8]) -> Pixmap {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG signature");
    Pixmap::decode_png(bytes).unwrap_or_else(|e| panic!("the PNG decodes: {e}"))
}

fn scene(r: &Roadmap) -> Scene {
    layout::layout(r, &LayoutOptions::default())
}

/// Luminance (0–255) of the pixel at (x, y), un-premultiplied.
fn luminance(p: &Pixmap, x: u32, y: u32) -> f32 {
    let c = p
        .pixel(x, y)
        .unwrap_or_else(|| {
            panic!(
                "({x}, {y}) is inside the {} x {} image",
                p.width(),
                p.height()
            )
        })
        .demultiply();
    0.2126 * f32::from(c.red()) + 0.7152 * f32::from(c.green()) + 0.0722 * f32::from(c.blue())
}

/// The pixels of `rect` (scene coordinates) at `scale` that are dark
/// (luminance under 100), and how many pixels the region has.
fn ink(p: &Pixmap, rect: Rect, scale: f32) -> (usize, usize) {
    let x0 = (rect.x * scale).floor().max(0.0) as u32;
    let y0 = (rect.y * scale).floor().max(0.0) as u32;
    let x1 = ((rect.right() * scale).ceil() as u32).min(p.width());
    let y1 = ((rect.bottom() * scale).ceil() as u32).min(p.height());
    let mut dark = 0;
    for y in y0..y1 {
        for x in x0..x1 {
            if luminance(p, x, y) < 100.0 {
                dark += 1;
            }
        }
    }
    (dark, ((x1 - x0) * (y1 - y0)) as usize)
}

fn box_of<'a>(r: &Roadmap, s: &'a Scene, label: &str) -> &'a SceneBox {
    s.boxes
        .iter()
        .find(|b| r.topic(b.topic).label == label)
        .unwrap_or_else(|| panic!("{label} has a box"))
}

#[test]
fn size_is_the_scene_times_the_scale() {
    for (what, r) in [("small", roadmap(SMALL)), ("backend", backend())] {
        let s = scene(&r);
        for scale in [1.0f32, 2.0] {
            let start = Instant::now();
            let p = decode(&png(&r, scale, LIGHT));
            eprintln!("{what} at {scale}: {:?}", start.elapsed());
            let want = (
                (f64::from(s.width) * f64::from(scale)).ceil() as u32,
                (f64::from(s.height) * f64::from(scale)).ceil() as u32,
            );
            assert_eq!(
                (p.width(), p.height()),
                want,
                "{what}: scene {} x {} at scale {scale}",
                s.width,
                s.height
            );
        }
    }
}

#[test]
fn text_is_drawn_with_the_embedded_font() {
    let scale = 2.0;
    let r = roadmap(SMALL);
    let s = scene(&r);
    let rest = box_of(&r, &s, "REST");
    let region = rest.text_rect();
    let p = decode(&png(&r, scale, LIGHT));

    // The box is there: its fill, light, just inside its left border,
    // beside the text.
    let fill = luminance(
        &p,
        ((rest.rect.x + 4.0) * scale) as u32,
        (rest.rect.center().y * scale) as u32,
    );
    assert!(fill > 200.0, "the REST box's fill is light: {fill}");

    let (dark, area) = ink(&p, region, scale);
    assert!(
        dark * 10 >= area,
        "the text of REST leaves ink: {dark} dark pixels of {area} in {region:?} (x{scale})"
    );

    // Another word in the same place leaves different ink.
    let other = roadmap(&SMALL.replace("REST", "Kafka"));
    let so = scene(&other);
    let kafka = box_of(&other, &so, "Kafka");
    assert_eq!(kafka.rect, rest.rect, "the two boxes are in the same place");
    let (dark_other, _) = ink(&decode(&png(&other, scale, LIGHT)), region, scale);
    eprintln!("ink in {region:?}: REST {dark} of {area} pixels, Kafka {dark_other}");
    assert!(dark_other > 0, "Kafka leaves ink too");
    assert_ne!(
        dark, dark_other,
        "REST and Kafka leave different ink in {region:?}"
    );
}

#[test]
fn themes_paint_the_background() {
    let r = roadmap(SMALL);
    let dark = luminance(&decode(&png(&r, 1.0, DARK)), 1, 1);
    let light = luminance(&decode(&png(&r, 1.0, LIGHT)), 1, 1);
    assert!(dark < 60.0, "dark theme background at (1,1): {dark}");
    assert!(light > 240.0, "light theme background at (1,1): {light}");
}

#[test]
fn over_the_pixel_budget_is_an_error_not_an_allocation() {
    let r = backend();
    let s = scene(&r);
    let scale = 16.0f32;
    let pixels = (f64::from(s.width) * f64::from(scale)).ceil()
        * (f64::from(s.height) * f64::from(scale)).ceil();
    assert!(
        pixels > PIXEL_BUDGET as f64,
        "the test needs a scene over budget at x{scale}: {} x {}",
        s.width,
        s.height
    );
    let start = Instant::now();
    let result = render(&r, &png_options(scale, LIGHT));
    let took = start.elapsed();
    eprintln!("refused in {took:?}");
    match result {
        Err(Error::Render { message, help }) => {
            assert!(message.contains("megapixels"), "{message}");
            assert!(help.contains("--scale"), "{help}");
            // The suggested scale is smaller and fits the budget.
            let suggested: f32 = help
                .split("--scale ")
                .nth(1)
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("a number after --scale in {help:?}"));
            assert!(suggested > 0.0 && suggested < scale, "{help}");
            assert!(
                pixel_size(s.width, s.height, suggested).is_ok(),
                "the suggested --scale {suggested} fits the budget"
            );
        }
        Err(other) => panic!("expected a render error, got {other}"),
        Ok(bytes) => panic!("expected an error, got {} bytes", bytes.len()),
    }
}

#[test]
fn same_input_same_bytes() {
    let r = roadmap(SMALL);
    assert_eq!(png(&r, 2.0, LIGHT), png(&r, 2.0, LIGHT));
    let b = backend();
    assert_eq!(png(&b, 1.0, DARK), png(&b, 1.0, DARK));
}
