//! PNG: the scene's SVG rasterised by resvg with the font set in use.
//!
//! usvg gets a font database holding only the faces of [`text::fonts`]
//! (the embedded Noto Sans, plus those of `--font` and `--system-fonts`),
//! and a font resolver that maps each family a `<tspan>` names to the very
//! face [`text`] measured it with (the embedded faces for the document's
//! family and the generic ones). usvg's own fallback, which would reshape
//! a whole line with the first font that has a missing character, is
//! turned off: [`text::pieces`] already put each character in the font that
//! has it. System fonts are never consulted unless asked for, so a machine
//! without any font renders the same pixels as one with many.
//! The pixel count is checked before anything is allocated.
//!
//! The image is drawn in bands of about [`BAND_PIXELS`] pixels into one
//! reused pixmap, and each band's rows go straight into a streaming PNG
//! encoder, so the whole image is never held uncompressed: first-touching
//! the pages of a whole poster's RGBA, then copying them to demultiply
//! alpha, would cost more than the drawing. A band is the tree drawn
//! translated by a whole number of rows; for a poster ([`render_scene`])
//! the tree of each band holds only the boxes and edges that reach it, so
//! a poster of thousands of topics is not rasterised once per band. Curves
//! that cross a band's edge are cut there by tiny-skia's clipper, so a few
//! anti-aliased pixels along them differ slightly from a one-pixmap render
//! (`tests/suite/png.rs` allows at most one pixel in 2,000 on the backend
//! poster); the output depends only on the input and the scale.
//!
//! An opaque image (every poster: the background is a filled rectangle) is
//! written as 8-bit RGB; an image with any pixel not opaque is drawn again
//! and written as straight-alpha RGBA. Deflate runs at level 1 with the
//! `Up` filter on every row, the knee of the size/time curve on posters:
//! fdeflate or no filter write much larger files, adaptive filters and
//! higher levels take much longer for files little smaller.
//! `tests/suite/png.rs` keeps the backend poster at scale 2 under 1.1 MB, and
//! `bench/compare.sh` times the whole PNG export against `rsvg-convert`.

use std::io::Write;
use std::sync::Arc;

use resvg::{tiny_skia, usvg};

use crate::diagnostic::Error;
use crate::export::svg::{Svg, Theme};
use crate::scene::{Rect, Scene};
use crate::text;

mod lines;

pub use crate::diagnostic::PngError;

/// The largest PNG made, in pixels (200 megapixels, 800 MB of RGBA).
pub const PIXEL_BUDGET: u64 = 200_000_000;

/// The font database: the faces of the font set in use.
pub fn fontdb() -> Arc<usvg::fontdb::Database> {
    text::fonts().database()
}

/// usvg's options for reading our SVG back: the font set's database, and
/// each family resolved to the face it was measured with.
pub fn usvg_options() -> usvg::Options<'static> {
    let fonts = text::fonts();
    usvg::Options {
        font_family: text::FAMILY.to_string(),
        fontdb: fonts.database(),
        font_resolver: usvg::FontResolver {
            select_font: Box::new(move |font, _| {
                let weight = font.weight();
                Some(
                    font.families()
                        .iter()
                        .find_map(|family| match family {
                            usvg::FontFamily::Named(name) => fonts.face_id(name, weight),
                            _ => None,
                        })
                        .unwrap_or_else(|| fonts.embedded_id(weight)),
                )
            }),
            select_fallback: Box::new(|_, _, _| None),
        },
        ..usvg::Options::default()
    }
}

/// The size in pixels of an SVG canvas of `width` x `height` at `scale`,
/// or an error when it is over [`PIXEL_BUDGET`].
pub fn pixel_size(width: f32, height: f32, scale: f32) -> Result<(u32, u32), Error> {
    let w = (f64::from(width) * f64::from(scale)).ceil();
    let h = (f64::from(height) * f64::from(scale)).ceil();
    let pixels = w * h;
    if !(w >= 1.0 && h >= 1.0) || pixels > PIXEL_BUDGET as f64 || w > f64::from(u32::MAX) {
        let fit = (PIXEL_BUDGET as f64 / (f64::from(width) * f64::from(height)).max(1.0)).sqrt();
        if fit < 0.1 {
            return Err(Error::Png(PngError::TooLargeAtAnyScale { width, height }));
        }
        return Err(Error::Png(PngError::TooLarge {
            width: w as u64,
            height: h as u64,
            budget: PIXEL_BUDGET,
            fits_scale: ((fit * 100.0).floor() / 100.0) as f32,
        }));
    }
    Ok((w as u32, h as u32))
}

/// Pixels drawn per band (a 64 MB RGBA pixmap, reused). Each band rebuilds
/// the strokes and dashes of the shapes that reach it, so thin bands cost
/// time, and a thick one memory. An image of at most this many pixels is
/// one band, drawn exactly as one pixmap would be (`tests/suite/png.rs` checks
/// it).
pub const BAND_PIXELS: u32 = 16_000_000;

/// The deflate setting: see the module docs.
const COMPRESSION: png::DeflateCompression = png::DeflateCompression::Level(1);
/// The row filter: see the module docs.
const FILTER: png::Filter = png::Filter::Up;
/// The size of the IDAT chunks written.
const IDAT_BYTES: usize = 1 << 18;

/// Renders SVG text to PNG bytes at `scale`.
///
/// ```
/// use roadmapper::export::png::render;
/// let png = render(r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5"/>"#, 2.0).unwrap();
/// assert_eq!(&png[1..4], b"PNG");
/// ```
pub fn render(svg: &str, scale: f32) -> Result<Vec<u8>, Error> {
    let tree = parse(svg)?;
    let size = tree.size();
    let (w, h) = pixel_size(size.width(), size.height(), scale)?;
    rasterise(
        w,
        h,
        |band, top| {
            band.data_mut().fill(0);
            draw(&tree, band, scale, top);
            Ok(())
        },
        BAND_PIXELS,
    )
}

/// The PNG exporter ([`crate::export::Export`]): the scene drawn with
/// `theme` at `scale` ([`render_scene`]).
#[derive(Debug, Clone, Copy)]
pub struct Png<'a> {
    /// The poster.
    pub scene: &'a Scene,
    /// Its colours.
    pub theme: &'a Theme,
    /// PNG pixels per poster pixel.
    pub scale: f32,
}

impl crate::export::Export for Png<'_> {
    type Error = Error;

    fn write_to(&self, out: &mut impl Write) -> Result<(), Error> {
        if !(self.scale.is_finite() && self.scale > 0.0) {
            return Err(Error::Png(PngError::BadScale(self.scale)));
        }
        let bytes = render_scene(self.scene, self.theme, self.scale)?;
        out.write_all(&bytes).map_err(|source| Error::Io {
            path: "<output>".into(),
            source,
        })
    }
}

/// Renders a poster scene to PNG bytes at `scale`: the picture of its SVG,
/// drawn faster. The background and the edges are painted straight into
/// the pixmap (`lines`), then resvg draws the boxes, text and legend
/// over them, each band from only the boxes that reach it (see
/// [`Svg::only`]), so a poster of thousands of topics is not walked once
/// per band. Pixels differ from [`render`] of the SVG only in the
/// anti-aliasing of the lines.
///
/// ```
/// use roadmapper::{export::{png, svg}, layout, Input, load};
/// let r = load(&Input::new("r.txt", "Roadmap\n  Basics\n    HTTP\n"), &[]).unwrap();
/// let scene = layout::layout(&r, &layout::LayoutOptions::default());
/// let bytes = png::render_scene(&scene, &svg::LIGHT, 1.0).unwrap();
/// assert_eq!(&bytes[1..4], b"PNG");
/// ```
pub fn render_scene(scene: &Scene, theme: &Theme, scale: f32) -> Result<Vec<u8>, Error> {
    render_scene_in_bands(scene, theme, scale, BAND_PIXELS)
}

/// [`render_scene`] drawn in bands of about `band_pixels` pixels, for
/// tests that compare bands with one whole pixmap.
#[doc(hidden)]
pub fn render_scene_in_bands(
    scene: &Scene,
    theme: &Theme,
    scale: f32,
    band_pixels: u32,
) -> Result<Vec<u8>, Error> {
    let (w, h) = pixel_size(scene.width, scene.height, scale)?;
    // Room for strokes, arrowheads and marks beyond a shape's points, and a
    // device pixel of anti-aliasing.
    let margin = CULL_MARGIN + 2.0 / scale;
    rasterise(
        w,
        h,
        |band, top| {
            let rows = band.height();
            let area = Rect::new(
                -margin,
                top as f32 / scale - margin,
                scene.width + 2.0 * margin,
                rows as f32 / scale + 2.0 * margin,
            );
            lines::background(band, theme);
            lines::paint(band, scene, theme, scale, top);
            let svg = Svg::new(scene, theme)
                .without_edges()
                .only(area)
                .to_string();
            draw(&parse(&svg)?, band, scale, top);
            Ok(())
        },
        band_pixels,
    )
}

/// Draws `tree` into the band whose top is device row `top`.
fn draw(tree: &usvg::Tree, band: &mut tiny_skia::Pixmap, scale: f32, top: u32) {
    resvg::render(
        tree,
        tiny_skia::Transform::from_row(scale, 0.0, 0.0, scale, 0.0, -(top as f32)),
        &mut band.as_mut(),
    );
}

/// How far (in poster pixels) a box's or an edge's drawing may reach beyond
/// its rectangle or points: strokes of at most 4, arrowheads of 9.
const CULL_MARGIN: f32 = 16.0;

/// Reads SVG text back with the font set in use ([`usvg_options`]).
fn parse(svg: &str) -> Result<usvg::Tree, Error> {
    usvg::Tree::from_str(svg, &usvg_options())
        .map_err(|e| Error::Png(PngError::ReadBack(e.to_string())))
}

/// A `w` x `h` PNG drawn band by band of about `band_pixels` pixels:
/// `draw(band, top)` draws the band whose top is row `top`.
fn rasterise(
    w: u32,
    h: u32,
    mut draw: impl FnMut(&mut tiny_skia::Pixmap, u32) -> Result<(), Error>,
    band_pixels: u32,
) -> Result<Vec<u8>, Error> {
    let mut rows = (band_pixels / w).clamp(1, h);
    if rows < h && rows >= 16 {
        // Band tops are then multiples of 16, exact as f32 translations
        // for any height within the budget (under 2^28 rows). An image of
        // at most BAND_PIXELS pixels is one band: a one-pixmap render.
        rows &= !15;
    }
    let mut band = tiny_skia::Pixmap::new(w, rows).ok_or(Error::Png(PngError::OutOfMemory {
        width: w,
        height: h,
    }))?;
    match encode(&mut draw, &mut band, h, true)? {
        Some(png) => Ok(png),
        None => Ok(encode(&mut draw, &mut band, h, false)?.unwrap_or_default()),
    }
}

/// Draws band by band into `band` and streams the rows into a PNG `height`
/// rows tall: RGB when `opaque` (`None` as soon as a pixel is not), else
/// straight-alpha RGBA.
///
/// Deflate runs on a second thread while the next band is drawn, so on
/// two cores encoding overlaps drawing. The bands' rows pass through a
/// rendezvous channel, so at most two bands of rows exist at once, and the
/// bytes are the same as from one thread.
fn encode(
    draw: &mut impl FnMut(&mut tiny_skia::Pixmap, u32) -> Result<(), Error>,
    band: &mut tiny_skia::Pixmap,
    height: u32,
    opaque: bool,
) -> Result<Option<Vec<u8>>, Error> {
    let width = band.width();
    let stride = width as usize * 4;
    let row_bytes = width as usize * if opaque { 3 } else { 4 };
    let (rows_out, rows_in) = std::sync::mpsc::sync_channel::<Vec<u8>>(0);
    let (spare_out, spare_in) = std::sync::mpsc::channel::<Vec<u8>>();
    std::thread::scope(|scope| {
        let deflate = scope.spawn(move || deflate(width, height, opaque, &rows_in, &spare_out));
        let drawn = (|| -> Result<bool, Error> {
            let mut top = 0;
            while top < height {
                draw(band, top)?;
                let rows = band.height().min(height - top) as usize;
                let mut buf = spare_in.try_recv().unwrap_or_default();
                buf.resize(rows * row_bytes, 0);
                // Straight from the pixmap's bytes (premultiplied RGBA).
                let lines = band.data().chunks_exact(stride).take(rows);
                for (line, row) in lines.zip(buf.chunks_exact_mut(row_bytes)) {
                    if opaque {
                        if line.chunks_exact(4).fold(u8::MAX, |all, p| all & p[3]) != u8::MAX {
                            return Ok(false);
                        }
                        // Opaque: premultiplied is straight.
                        rgb(line, row);
                    } else {
                        for (out, p) in row.chunks_exact_mut(4).zip(line.chunks_exact(4)) {
                            let c =
                                tiny_skia::PremultipliedColorU8::from_rgba(p[0], p[1], p[2], p[3])
                                    .map_or(tiny_skia::ColorU8::from_rgba(0, 0, 0, 0), |c| {
                                        c.demultiply()
                                    });
                            out.copy_from_slice(&[c.red(), c.green(), c.blue(), c.alpha()]);
                        }
                    }
                }
                if rows_out.send(buf).is_err() {
                    // The encoder stopped: its error is below.
                    break;
                }
                top += rows as u32;
            }
            Ok(true)
        })();
        drop(rows_out);
        let encoded = deflate.join();
        match (drawn?, encoded) {
            (false, _) => Ok(None),
            (true, Ok(Ok(png))) => Ok(Some(png)),
            (true, Ok(Err(e))) => Err(encoding_failed(e)),
            (true, Err(_)) => Err(encoding_failed(png::EncodingError::from(
                std::io::Error::other("the encoding thread stopped"),
            ))),
        }
    })
}

/// The encoding thread of [`encode`]: a PNG of `width` x `height` from the
/// rows received, each buffer given back once written.
fn deflate(
    width: u32,
    height: u32,
    opaque: bool,
    rows: &std::sync::mpsc::Receiver<Vec<u8>>,
    spare: &std::sync::mpsc::Sender<Vec<u8>>,
) -> Result<Vec<u8>, png::EncodingError> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(if opaque {
        png::ColorType::Rgb
    } else {
        png::ColorType::Rgba
    });
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_deflate_compression(COMPRESSION);
    encoder.set_filter(FILTER);
    let mut writer = encoder.write_header()?;
    let mut stream = writer.stream_writer_with_size(IDAT_BYTES)?;
    for buf in rows {
        stream.write_all(&buf)?;
        // The drawing thread may have finished: the buffer is then dropped.
        let _ = spare.send(buf);
    }
    stream.finish()?;
    writer.finish()?;
    Ok(out)
}

/// Copies RGBA pixels to RGB, four at a time: fixed-size chunks the
/// compiler turns into shuffles, where a copy pixel by pixel does not
/// vectorise and shows in the profile of a large PNG.
fn rgb(rgba: &[u8], out: &mut [u8]) {
    let quads = rgba.chunks_exact(16);
    let rest = quads.remainder();
    let mut triples = out.chunks_exact_mut(12);
    for (o, p) in (&mut triples).zip(quads) {
        o.copy_from_slice(&[
            p[0], p[1], p[2], p[4], p[5], p[6], p[8], p[9], p[10], p[12], p[13], p[14],
        ]);
    }
    let out_rest = triples.into_remainder();
    for (o, p) in out_rest.chunks_exact_mut(3).zip(rest.chunks_exact(4)) {
        o.copy_from_slice(&p[..3]);
    }
}

fn encoding_failed(e: png::EncodingError) -> Error {
    Error::Png(PngError::Encoding(e.to_string()))
}
