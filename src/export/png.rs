//! PNG: the scene's SVG rasterised by resvg with the embedded font.
//!
//! usvg gets a font database holding only the embedded Noto Sans faces, with
//! the generic `sans-serif` and `serif` families mapped to it: system fonts
//! are never consulted, so a machine without any font renders the same
//! pixels as one with many (resvg silently drops text it has no font for).
//! The pixel count is checked before anything is allocated.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use crate::diagnostic::Error;
use crate::text;

/// The largest PNG made, in pixels (200 megapixels, 800 MB of RGBA).
pub const PIXEL_BUDGET: u64 = 200_000_000;

/// The font database: the embedded faces only.
pub fn fontdb() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(text::REGULAR.to_vec());
        db.load_font_data(text::BOLD.to_vec());
        db.set_sans_serif_family(text::FAMILY);
        db.set_serif_family(text::FAMILY);
        Arc::new(db)
    })
    .clone()
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
            return Err(Error::Render {
                message: format!(
                    "the poster is {width} x {height} pixels: too large for a legible PNG at any scale"
                ),
                help:
                    "render to SVG (-o poster.svg), which has no size limit, or split the roadmap"
                        .to_string(),
            });
        }
        return Err(Error::Render {
            message: format!(
                "the PNG would be {w} x {h} pixels ({:.0} megapixels), over the budget of {} megapixels",
                pixels / 1e6,
                PIXEL_BUDGET / 1_000_000
            ),
            help: format!(
                "use --scale {:.2} or less, or render to SVG (-o poster.svg), which has no size limit",
                (fit * 100.0).floor() / 100.0
            ),
        });
    }
    Ok((w as u32, h as u32))
}

/// Renders SVG text to PNG bytes at `scale`.
///
/// ```
/// use roadmapper::export::png::render;
/// let png = render(r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5"/>"#, 2.0).unwrap();
/// assert_eq!(&png[1..4], b"PNG");
/// ```
pub fn render(svg: &str, scale: f32) -> Result<Vec<u8>, Error> {
    let options = usvg::Options {
        font_family: text::FAMILY.to_string(),
        fontdb: fontdb(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| Error::Render {
        message: format!("the SVG could not be read back for rendering: {e}"),
        help: "this is a bug in roadmapper; please report it with the input".to_string(),
    })?;
    let size = tree.size();
    let (w, h) = pixel_size(size.width(), size.height(), scale)?;
    let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or_else(|| Error::Render {
        message: format!("could not allocate a {w} x {h} image"),
        help: "use a smaller --scale".to_string(),
    })?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| Error::Render {
        message: format!("PNG encoding failed: {e}"),
        help: "use a smaller --scale".to_string(),
    })
}
