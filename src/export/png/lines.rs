//! The scene's edges painted straight into the pixmap, for [`super::render_scene`].
//!
//! Drawn by resvg, the edges of a dense poster cost most of its PNG's time,
//! in `stroke_path`: tiny-skia strokes every long right-angled connector
//! into a polygon and fills it through its 4x supersampling scan converter
//! and raster pipeline, paying for each row of each line. Here an
//! axis-aligned stretch of a line is a rectangle whose exact coverage is
//! blended pixel by pixel (anti-aliased like a box filter), a dotted
//! connector is a row of small discs, and only what is neither (the 5 px
//! rounded corners, arrowheads, Bezier curves of the layered layout) goes
//! through tiny-skia, each a few pixels big.
//! The look is the SVG's: same widths, colours, rounded corners, dots and
//! arrowheads; pixels differ from resvg's only in anti-aliasing.

use resvg::tiny_skia::{self, FillRule, LineCap, LineJoin, Paint, PathBuilder, Pixmap, Stroke};

use crate::export::svg::Theme;
use crate::scene::{Curve, EdgeKind, Point, Scene, SceneEdge};

/// Radius of a polyline's rounded corners, as in the SVG.
const CORNER: f32 = 5.0;
/// Distance between the dots of a dotted connector (`0.1 5` dashes).
const DOT_STEP: f32 = 5.1;

/// An opaque colour.
#[derive(Debug, Clone, Copy)]
struct Ink([u8; 3]);

impl Ink {
    /// A `#rrggbb` colour; black when it is not one.
    fn parse(colour: &str) -> Ink {
        let hex = colour.strip_prefix('#').unwrap_or("");
        let c = |i: usize| {
            hex.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .unwrap_or(0)
        };
        Ink([c(0), c(2), c(4)])
    }

    /// This colour at `opacity` over `under`: faded edges are painted
    /// opaque, in the colour the SVG's group opacity gives over the
    /// background.
    fn over(self, under: Ink, opacity: f32) -> Ink {
        let mix =
            |a: u8, b: u8| (f32::from(a) * opacity + f32::from(b) * (1.0 - opacity)).round() as u8;
        Ink(std::array::from_fn(|i| mix(self.0[i], under.0[i])))
    }

    fn paint(self) -> Paint<'static> {
        let mut p = Paint::default();
        p.set_color_rgba8(self.0[0], self.0[1], self.0[2], 255);
        p.anti_alias = true;
        p
    }
}

/// Fills the band with the background colour.
pub(super) fn background(band: &mut Pixmap, theme: &Theme) {
    let Ink([r, g, b]) = Ink::parse(theme.background);
    if let Some(c) = tiny_skia::Color::from_rgba8(r, g, b, 255).into() {
        band.fill(c);
    }
}

/// Paints the edges of `scene` that reach the band whose top is device row
/// `top`, at `scale`, in the SVG's order: main path, connectors, arrows.
pub(super) fn paint(band: &mut Pixmap, scene: &Scene, theme: &Theme, scale: f32, top: u32) {
    let mut painter = Painter {
        band,
        scale,
        dy: top as f32,
    };
    let (y0, y1) = (
        top as f32 / scale - 16.0,
        (top + painter.band.height()) as f32 / scale + 16.0,
    );
    let faded = scene.faded_edges();
    let background = Ink::parse(theme.background);
    for kind in [EdgeKind::Spine, EdgeKind::Contains, EdgeKind::Prerequisite] {
        let (ink, width) = match kind {
            EdgeKind::Spine => (Ink::parse(theme.spine), 4.0),
            EdgeKind::Contains => (Ink::parse(theme.connector), 2.0),
            EdgeKind::Prerequisite => (Ink::parse(theme.prerequisite), 1.5),
        };
        for (e, &faded) in scene
            .edges
            .iter()
            .zip(&faded)
            .filter(|(e, _)| e.kind == kind)
        {
            if e.points.len() < 2 {
                continue;
            }
            let ink = if faded {
                ink.over(background, crate::export::svg::FADED_OPACITY)
            } else {
                ink
            };
            let b = crate::scene::bounds([], [e]);
            if b.bottom() < y0 || b.y > y1 {
                continue;
            }
            match kind {
                EdgeKind::Contains => painter.dots(e, ink),
                _ => painter.line(e, ink, width, kind == EdgeKind::Spine),
            }
            if e.arrow {
                painter.arrowhead(e, ink, width);
            }
        }
    }
}

struct Painter<'a> {
    band: &'a mut Pixmap,
    scale: f32,
    /// Device rows above the band.
    dy: f32,
}

impl Painter<'_> {
    /// A scene point in band pixels.
    fn at(&self, p: Point) -> (f32, f32) {
        (p.x * self.scale, p.y * self.scale - self.dy)
    }

    /// Blends `ink` over the device rectangle, each pixel by the share of
    /// it the rectangle covers.
    fn rect(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, ink: Ink) {
        let (w, h) = (self.band.width() as i64, self.band.height() as i64);
        let (xa, xb) = ((x0.floor() as i64).max(0), (x1.ceil() as i64).min(w));
        let (ya, yb) = ((y0.floor() as i64).max(0), (y1.ceil() as i64).min(h));
        if xa >= xb || ya >= yb {
            return;
        }
        let cover =
            |lo: f32, hi: f32, i: i64| (hi.min(i as f32 + 1.0) - lo.max(i as f32)).clamp(0.0, 1.0);
        let cx: Vec<f32> = (xa..xb).map(|x| cover(x0, x1, x)).collect();
        let data = self.band.data_mut();
        for y in ya..yb {
            let cy = cover(y0, y1, y);
            let row = (y * w) as usize * 4;
            for (k, &c) in cx.iter().enumerate() {
                let i = row + (xa as usize + k) * 4;
                blend(&mut data[i..i + 4], ink, c * cy);
            }
        }
    }

    /// A disc of radius `r` (device pixels) centred at (cx, cy).
    fn disc(&mut self, cx: f32, cy: f32, r: f32, ink: Ink) {
        let (w, h) = (self.band.width() as i64, self.band.height() as i64);
        let (xa, xb) = (
            ((cx - r - 1.0).floor() as i64).max(0),
            ((cx + r + 1.0).ceil() as i64).min(w),
        );
        let (ya, yb) = (
            ((cy - r - 1.0).floor() as i64).max(0),
            ((cy + r + 1.0).ceil() as i64).min(h),
        );
        let data = self.band.data_mut();
        for y in ya..yb {
            for x in xa..xb {
                let (dx, dy) = (x as f32 + 0.5 - cx, y as f32 + 0.5 - cy);
                let a = (r + 0.5 - (dx * dx + dy * dy).sqrt()).clamp(0.0, 1.0);
                if a > 0.0 {
                    let i = ((y * w + x) * 4) as usize;
                    blend(&mut data[i..i + 4], ink, a);
                }
            }
        }
    }

    /// A solid line: axis-aligned stretches as rectangles, rounded corners
    /// and anything slanted or curved stroked by tiny-skia.
    fn line(&mut self, e: &SceneEdge, ink: Ink, width: f32, round_ends: bool) {
        let half = width * self.scale / 2.0;
        if e.curve == Curve::Bezier {
            self.stroke(&e.points, e.curve, ink, width);
            return;
        }
        let pts = &e.points;
        let n = pts.len();
        for i in 0..n - 1 {
            let (a, b) = (pts[i], pts[i + 1]);
            // Each end stops short of a rounded corner, by its radius.
            let trim = |k: usize| -> f32 {
                if k == 0 || k == n - 1 {
                    return 0.0;
                }
                let len = |p: Point, q: Point| ((q.x - p.x).powi(2) + (q.y - p.y).powi(2)).sqrt();
                let r = CORNER
                    .min(len(pts[k - 1], pts[k]) / 2.0)
                    .min(len(pts[k], pts[k + 1]) / 2.0);
                if r < 0.5 { 0.0 } else { r }
            };
            let (ta, tb) = (trim(i), trim(i + 1));
            if a.x == b.x || a.y == b.y {
                let (ax, ay) = self.at(a);
                let (bx, by) = self.at(b);
                let (ta, tb) = (ta * self.scale, tb * self.scale);
                // Butt ends at corners (the curve continues them), the
                // SVG's caps at the line's own ends.
                let cap = |t: f32, end: bool| {
                    if t > 0.0 {
                        -t
                    } else if end && round_ends {
                        half
                    } else {
                        0.0
                    }
                };
                let (ca, cb) = (cap(ta, i == 0), cap(tb, i + 1 == n - 1));
                if a.x == b.x {
                    let (lo, hi) = if ay <= by {
                        (ay - ca, by + cb)
                    } else {
                        (by - cb, ay + ca)
                    };
                    self.rect(ax - half, lo, ax + half, hi, ink);
                } else {
                    let (lo, hi) = if ax <= bx {
                        (ax - ca, bx + cb)
                    } else {
                        (bx - cb, ax + ca)
                    };
                    self.rect(lo, ay - half, hi, ay + half, ink);
                }
            } else {
                self.stroke(&[a, b], Curve::Polyline, ink, width);
            }
        }
        // The rounded corners, each a short quadratic curve.
        for k in 1..n - 1 {
            let (prev, p, next) = (pts[k - 1], pts[k], pts[k + 1]);
            let len = |a: Point, b: Point| ((b.x - a.x).powi(2) + (b.y - a.y).powi(2)).sqrt();
            let (l0, l1) = (len(prev, p), len(p, next));
            let r = CORNER.min(l0 / 2.0).min(l1 / 2.0);
            if r < 0.5 {
                continue;
            }
            let a = Point::new(p.x + (prev.x - p.x) * r / l0, p.y + (prev.y - p.y) * r / l0);
            let b = Point::new(p.x + (next.x - p.x) * r / l1, p.y + (next.y - p.y) * r / l1);
            let mut pb = PathBuilder::new();
            let (ax, ay) = self.at(a);
            let (px, py) = self.at(p);
            let (bx, by) = self.at(b);
            pb.move_to(ax, ay);
            pb.quad_to(px, py, bx, by);
            self.stroke_path(pb, ink, width, LineCap::Butt);
        }
    }

    /// Any line stroked by tiny-skia (the slow, general way).
    fn stroke(&mut self, points: &[Point], curve: Curve, ink: Ink, width: f32) {
        let mut pb = PathBuilder::new();
        let (x, y) = self.at(points[0]);
        pb.move_to(x, y);
        match curve {
            Curve::Polyline => {
                for &p in &points[1..] {
                    let (x, y) = self.at(p);
                    pb.line_to(x, y);
                }
            }
            Curve::Bezier => {
                for c in points[1..].chunks_exact(3) {
                    let (a, b, d) = (self.at(c[0]), self.at(c[1]), self.at(c[2]));
                    pb.cubic_to(a.0, a.1, b.0, b.1, d.0, d.1);
                }
            }
        }
        self.stroke_path(pb, ink, width, LineCap::Round);
    }

    /// Strokes the path built in `pb` (round joins) with tiny-skia.
    fn stroke_path(&mut self, pb: PathBuilder, ink: Ink, width: f32, line_cap: LineCap) {
        if let Some(path) = pb.finish() {
            let stroke = Stroke {
                width: width * self.scale,
                line_cap,
                line_join: LineJoin::Round,
                ..Stroke::default()
            };
            self.band.stroke_path(
                &path,
                &ink.paint(),
                &stroke,
                tiny_skia::Transform::identity(),
                None,
            );
        }
    }

    /// A dotted connector: discs of diameter 2 every [`DOT_STEP`] along
    /// the drawn curve (corners rounded as in the SVG).
    fn dots(&mut self, e: &SceneEdge, ink: Ink) {
        let path = drawn(e);
        let r = self.scale;
        let mut next = 0.0f32;
        let mut walked = 0.0f32;
        for w in path.windows(2) {
            let (a, b) = (w[0], w[1]);
            let len = ((b.x - a.x).powi(2) + (b.y - a.y).powi(2)).sqrt();
            while next <= walked + len {
                let t = if len > 0.0 {
                    (next - walked) / len
                } else {
                    0.0
                };
                let (x, y) = self.at(Point::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t));
                self.disc(x, y, r, ink);
                next += DOT_STEP;
            }
            walked += len;
        }
    }

    /// The arrowhead of the SVG's marker: 9 px long and wide for a 1.5 px
    /// line, its tip on the last point.
    fn arrowhead(&mut self, e: &SceneEdge, ink: Ink, width: f32) {
        let n = e.points.len();
        let (tip, from) = (e.points[n - 1], e.points[n - 2]);
        let (dx, dy) = (tip.x - from.x, tip.y - from.y);
        let len = (dx * dx + dy * dy).sqrt();
        if len == 0.0 {
            return;
        }
        let (ux, uy) = (dx / len, dy / len);
        let size = 6.0 * width;
        let back = Point::new(tip.x - ux * size, tip.y - uy * size);
        let (nx, ny) = (-uy * size / 2.0, ux * size / 2.0);
        let mut pb = PathBuilder::new();
        let (x, y) = self.at(tip);
        pb.move_to(x, y);
        let (x, y) = self.at(Point::new(back.x + nx, back.y + ny));
        pb.line_to(x, y);
        let (x, y) = self.at(Point::new(back.x - nx, back.y - ny));
        pb.line_to(x, y);
        pb.close();
        if let Some(path) = pb.finish() {
            self.band.fill_path(
                &path,
                &ink.paint(),
                FillRule::Winding,
                tiny_skia::Transform::identity(),
                None,
            );
        }
    }
}

/// The curve the SVG draws, as points: a polyline's corners rounded by a
/// quadratic of radius up to [`CORNER`] (four chords), a Bezier flattened.
fn drawn(e: &SceneEdge) -> Vec<Point> {
    if e.curve == Curve::Bezier {
        let mut out = vec![e.points[0]];
        out.extend(e.segments().into_iter().map(|s| s.1));
        return out;
    }
    let p = &e.points;
    let mut out = vec![p[0]];
    for k in 1..p.len() {
        let q = p[k];
        let (Some(&prev), Some(&next)) = (p.get(k - 1), p.get(k + 1)) else {
            out.push(q);
            continue;
        };
        let len = |a: Point, b: Point| ((b.x - a.x).powi(2) + (b.y - a.y).powi(2)).sqrt();
        let (l0, l1) = (len(prev, q), len(q, next));
        let r = CORNER.min(l0 / 2.0).min(l1 / 2.0);
        if r < 0.5 {
            out.push(q);
            continue;
        }
        let a = Point::new(q.x + (prev.x - q.x) * r / l0, q.y + (prev.y - q.y) * r / l0);
        let b = Point::new(q.x + (next.x - q.x) * r / l1, q.y + (next.y - q.y) * r / l1);
        for s in 0..=4 {
            let t = s as f32 / 4.0;
            let u = 1.0 - t;
            out.push(Point::new(
                u * u * a.x + 2.0 * u * t * q.x + t * t * b.x,
                u * u * a.y + 2.0 * u * t * q.y + t * t * b.y,
            ));
        }
    }
    out
}

/// `ink` over an opaque premultiplied pixel, at coverage `a`.
fn blend(px: &mut [u8], ink: Ink, a: f32) {
    if a >= 1.0 {
        px[..3].copy_from_slice(&ink.0);
        px[3] = 255;
        return;
    }
    for (p, &c) in px.iter_mut().zip(&ink.0) {
        *p = (f32::from(c) * a + f32::from(*p) * (1.0 - a)).round() as u8;
    }
    px[3] = (255.0 * a + f32::from(px[3]) * (1.0 - a)).round() as u8;
}
