//! PNG output through the public `render` API: pixel size, text actually
//! drawn (with nothing but the embedded font), themes, the pixel budget
//! and reproducibility. PNGs are decoded with tiny-skia (through resvg).

use std::time::Instant;

use resvg::tiny_skia::Pixmap;
use roadmapper::export::png::{PIXEL_BUDGET, PngError, pixel_size};
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
            include_str!("../../roadmap/backend.txt"),
        ),
        &[Input::new(
            "roadmap/backend.prereqs",
            include_str!("../../roadmap/backend.prereqs"),
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
        Err(Error::Png(e @ PngError::TooLarge { fits_scale, .. })) => {
            let message = e.to_string();
            assert!(message.contains("megapixels"), "{message}");
            assert!(
                !message.contains("--"),
                "no flag named by the library: {message}"
            );
            // The suggested scale is smaller and fits the budget.
            assert!(fits_scale > 0.0 && fits_scale < scale, "{fits_scale}");
            assert!(
                pixel_size(s.width, s.height, fits_scale).is_ok(),
                "the suggested scale {fits_scale} fits the budget"
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

/// The PNG's IHDR colour type: 2 is RGB, 6 is RGBA.
fn colour_type(bytes: &[u8]) -> u8 {
    assert_eq!(&bytes[12..16], b"IHDR", "IHDR comes first");
    assert_eq!(bytes[24], 8, "8 bits per channel");
    bytes[25]
}

/// `svg` drawn by resvg into one pixmap the size of the image: the
/// reference the banded rendering is held to.
fn one_pixmap(svg: &str, scale: f32) -> Pixmap {
    use resvg::{tiny_skia, usvg};
    let tree = usvg::Tree::from_str(svg, &roadmapper::export::png::usvg_options())
        .unwrap_or_else(|e| panic!("{e}"));
    let size = tree.size();
    let (w, h) = pixel_size(size.width(), size.height(), scale).unwrap_or_else(|e| panic!("{e}"));
    let mut pixmap = Pixmap::new(w, h).unwrap_or_else(|| panic!("a {w} x {h} pixmap"));
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
}

/// How many pixels differ between two images of the same size, and the
/// largest difference in any channel.
fn differences(a: &Pixmap, b: &Pixmap) -> (usize, u8) {
    assert_eq!((a.width(), a.height()), (b.width(), b.height()));
    let mut count = 0;
    let mut largest = 0;
    for (p, q) in a.pixels().iter().zip(b.pixels()) {
        let d = [
            p.red().abs_diff(q.red()),
            p.green().abs_diff(q.green()),
            p.blue().abs_diff(q.blue()),
            p.alpha().abs_diff(q.alpha()),
        ];
        let d = d.into_iter().max().unwrap_or(0);
        if d > 0 {
            count += 1;
            largest = largest.max(d);
        }
    }
    (count, largest)
}

/// Guards the encoder settings and the banded rendering: posters are
/// opaque 8-bit RGB with the pixels of a one-pixmap render (exactly, when
/// the image is a single band; else all but a few anti-aliased pixels on
/// curves cut at band edges), and the file stays small.
#[test]
fn posters_are_compact_rgb_with_the_pixels_of_one_render() {
    let r = backend();
    let s = scene(&r);
    for theme in [LIGHT, DARK] {
        for scale in [1.0f32, 2.0, 3.0] {
            let bytes = png(&r, scale, theme);
            assert_eq!(colour_type(&bytes), 2, "an opaque poster is RGB");
            let ours = decode(&bytes);
            let want = decode(
                &roadmapper::export::png::render_scene_in_bands(&s, &theme, scale, u32::MAX)
                    .unwrap(),
            );
            let (count, largest) = differences(&ours, &want);
            let pixels = want.pixels().len();
            eprintln!(
                "{} at x{scale}: {} bytes, {count} of {pixels} pixels differ (by up to {largest})",
                theme.background,
                bytes.len()
            );
            if pixels as u64 <= u64::from(roadmapper::export::png::BAND_PIXELS) {
                assert_eq!(count, 0, "one band is one render, x{scale}");
            } else {
                // Only anti-aliased pixels of curves cut at band edges
                // may differ.
                assert!(
                    count * 2_000 < pixels,
                    "{count} of {pixels} pixels differ from one render at x{scale}"
                );
            }
            if scale == 2.0 {
                // Deflate level 1 with the Up filter, with room to spare:
                // fdeflate or no filter would write a larger file.
                assert!(
                    bytes.len() < 1_100_000,
                    "the x2 backend poster is {} bytes",
                    bytes.len()
                );
            }
        }
    }
}

/// A transparent SVG keeps its alpha: RGBA, straight alpha, the pixels of
/// one render, including when transparency only starts in a later band.
#[test]
fn transparency_is_written_as_rgba() {
    let band = roadmapper::export::png::BAND_PIXELS;
    for (width, height) in [(40, 20), (1000, 3 * band / 1000)] {
        let svg = format!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"><rect width="{width}" height="{}" fill="#336699"/><rect x="5" y="{}" width="20" height="8" fill="#ff0000" fill-opacity="0.5"/></svg>"##,
            height / 2,
            height - 10
        );
        let bytes = roadmapper::export::png::render(&svg, 1.0).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(colour_type(&bytes), 6, "{width} x {height}: RGBA");
        let ours = decode(&bytes);
        let (count, largest) = differences(&ours, &one_pixmap(&svg, 1.0));
        assert_eq!(
            (count, largest),
            (0, 0),
            "{width} x {height}: the pixels of one render"
        );
        let top = ours.pixel(1, 1).map(|c| c.demultiply());
        assert_eq!(top.map(|c| (c.red(), c.alpha())), Some((0x33, 255)));
        let half = ours.pixel(10, height - 6).map(|c| c.demultiply());
        assert_eq!(
            half.map(|c| (c.red(), c.green(), c.alpha())),
            Some((255, 0, 128))
        );
        let clear = ours.pixel(width - 1, height - 1).map(|c| c.alpha());
        assert_eq!(clear, Some(0), "{width} x {height}: transparent corner");
    }
}

/// The CLI draws each band from only the boxes and edges near it; that must
/// give the pixels of drawing the whole poster in one pixmap, or a
/// shape reaching across a band edge (a long prerequisite, an arrowhead, a
/// stroke) was left out of a band it touches.
#[test]
fn bands_drawn_from_nearby_shapes_equal_one_whole_pixmap() {
    let generated = roadmapper::generate::generate(&roadmapper::generate::GenerateOptions {
        topics: 1_000,
        ..Default::default()
    });
    let big = load(
        &Input::new("g.txt", generated.outline),
        &[Input::new("g.prereqs", generated.prereqs)],
    )
    .unwrap();
    let r = backend();
    for (roadmap, kind, scale, theme) in [
        (&big, layout::LayoutKind::Poster, 1.0, LIGHT),
        (&r, layout::LayoutKind::Layered, 2.5, DARK),
    ] {
        let s = layout::layout(
            roadmap,
            &LayoutOptions {
                kind,
                ..LayoutOptions::default()
            },
        );
        let (w, h) = pixel_size(s.width, s.height, scale).unwrap();
        assert!(
            u64::from(w) * u64::from(h) > 2 * u64::from(roadmapper::export::png::BAND_PIXELS),
            "{kind:?} at {scale} should take several bands"
        );
        let culled = decode(&roadmapper::export::png::render_scene(&s, &theme, scale).unwrap());
        let whole = decode(
            &roadmapper::export::png::render_scene_in_bands(&s, &theme, scale, u32::MAX).unwrap(),
        );
        // A shape left out of a band it reaches would differ in hundreds
        // of pixels at full strength; curves cut by tiny-skia's clipper at
        // a band edge differ in a few anti-aliased ones each (the
        // whole-graph layered drawing has hundreds of curves crossing band
        // edges: 7,794 of 52.5 million pixels at scale 2.5).
        let (count, largest) = differences(&culled, &whole);
        eprintln!("{kind:?} at {scale}: {count} pixels differ, by up to {largest}");
        let pixels = culled.pixels().len();
        assert!(
            largest < 96 && count * 4_000 < pixels,
            "{kind:?} at scale {scale}: {count} of {pixels} pixels differ, by up to {largest}"
        );
    }
}

/// The poster's PNG paints its lines itself (faster than resvg strokes
/// them); it must still look like resvg's drawing of the SVG: the same
/// size, and almost every pixel the same but for anti-aliasing.
#[test]
fn painted_lines_look_like_the_svg() {
    let r = backend();
    for (kind, theme) in [
        (layout::LayoutKind::Poster, LIGHT),
        (layout::LayoutKind::Poster, DARK),
        (layout::LayoutKind::Layered, LIGHT),
    ] {
        let s = layout::layout(
            &r,
            &LayoutOptions {
                kind,
                ..LayoutOptions::default()
            },
        );
        let ours = decode(&roadmapper::export::png::render_scene(&s, &theme, 1.0).unwrap());
        let svg = roadmapper::export::Svg::new(&s, &theme).to_string();
        let theirs = decode(&roadmapper::export::png::render(&svg, 1.0).unwrap());
        assert_eq!(
            (ours.width(), ours.height()),
            (theirs.width(), theirs.height())
        );
        let (mut far, mut total) = (0usize, 0usize);
        for (a, b) in ours.pixels().iter().zip(theirs.pixels()) {
            total += 1;
            let d = |x: u8, y: u8| x.abs_diff(y);
            let diff = d(a.red(), b.red())
                .max(d(a.green(), b.green()))
                .max(d(a.blue(), b.blue()));
            if diff > 96 {
                far += 1;
            }
        }
        let share = far as f64 / total as f64;
        assert!(
            share < 0.002,
            "{kind:?} {}: {far} of {total} pixels differ by more than 96",
            theme.name
        );
    }
}
