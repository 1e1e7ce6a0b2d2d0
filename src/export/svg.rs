//! SVG: a standalone drawing of a [`Scene`] in a [`Theme`].
//!
//! The writer only reads the scene. Numbers are printed with at most two
//! decimals (trailing zeros dropped), so the same scene always gives the
//! same bytes; every piece of text is XML-escaped, and characters XML 1.0
//! forbids are replaced, so the file stays well-formed whatever the labels.
//! Text is set in the embedded Noto Sans with a `sans-serif` fallback;
//! [`super::png`] renders this very file.

use std::fmt::{self, Display, Formatter, Write as _};

use crate::outline::TaskState;
use crate::roadmap::{Roadmap, Topic};
use crate::scene::{
    Curve, EdgeKind, LegendItem, PROGRESS_SIZE, Point, Rect, Role, Scene, SceneBox, SceneEdge,
};
use crate::text::{self, FONT_STACK, Weight};

mod line;
mod marks;
mod theme;
mod xml;

use line::{Line, one_font};

pub use marks::SKIPPED_OPACITY;
pub use theme::{DARK, FADED_OPACITY, LIGHT, Theme, contrast, luminance};
pub use xml::{Escape, Num};

/// The scene as an SVG document; `Display` writes it.
///
/// ```
/// use roadmapper::{load, Input, layout, export::svg::{Svg, LIGHT}};
/// let r = load(&Input::new("r.txt", "Roadmap\n  A & B\n    <C>\n"), &[]).unwrap();
/// let scene = layout::layout(&r, &Default::default());
/// let svg = Svg::new(&scene, &LIGHT).to_string();
/// assert!(svg.starts_with("<?xml") && svg.contains("A &amp; B") && svg.contains("&lt;C&gt;"));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Svg<'a> {
    scene: &'a Scene,
    theme: &'a Theme,
    embed_font: bool,
    /// Only the boxes and edges whose rectangle or points reach this area.
    only: Option<Rect>,
    /// Whether the background and the edges are written.
    edges: bool,
    /// The roadmap the scene was laid out from, for the topics' links and
    /// descriptions.
    notes: Option<&'a Roadmap>,
}

impl<'a> Svg<'a> {
    /// Borrows the scene and the theme.
    pub fn new(scene: &'a Scene, theme: &'a Theme) -> Svg<'a> {
        Svg {
            scene,
            theme,
            embed_font: false,
            only: None,
            edges: true,
            notes: None,
        }
    }

    /// Links each topic that has a link to its first one (`<a href>`) and
    /// gives it a tooltip (`<title>`) with its description, else the
    /// link's title. `roadmap` is the one the scene was laid out from.
    pub fn notes(self, roadmap: &'a Roadmap) -> Svg<'a> {
        Svg {
            notes: Some(roadmap),
            ..self
        }
    }

    /// Leaves out the background and the edges: the PNG renderer paints
    /// those itself, much faster than resvg strokes them, and draws the
    /// rest of this SVG over them.
    pub fn without_edges(self) -> Svg<'a> {
        Svg {
            edges: false,
            ..self
        }
    }

    /// Writes only the boxes and edges whose rectangle, or the bounding box
    /// of whose points, meets `area` (background, title, subtitle and legend
    /// are always written). The PNG renderer draws a big poster in bands
    /// this way: give `area` room for strokes and arrowheads.
    pub fn only(self, area: Rect) -> Svg<'a> {
        Svg {
            only: Some(area),
            ..self
        }
    }

    /// Whether a shape spanning `r` is to be written.
    fn wanted(&self, r: Rect) -> bool {
        self.only.is_none_or(|a| {
            r.x <= a.right() && a.x <= r.right() && r.y <= a.bottom() && a.y <= r.bottom()
        })
    }

    /// Embeds the Noto Sans faces (regular and bold, as base64) as
    /// `@font-face` rules, so browsers draw the text with exactly the
    /// measured font even where it is not installed.
    pub fn embed_font(self, embed: bool) -> Svg<'a> {
        Svg {
            embed_font: embed,
            ..self
        }
    }

    /// Fill, border and text colour of a box: its role's, tinted by its
    /// section's accent, the fill calmer when done; the text in the role's
    /// colour unless that does not read on the fill ([`legible_ink`]).
    fn colours(&self, b: &SceneBox) -> [&'static str; 3] {
        let t = self.theme;
        let [mut fill, mut stroke, ink] = match b.role {
            Role::Title => [t.background, t.background, t.title],
            Role::Section => t.section,
            Role::Topic => t.topic,
            Role::Subtopic => t.subtopic,
        };
        if let (Some(a), false) = (b.style.accent, t.accents.is_empty()) {
            let (tint, border) = t.accents[a % t.accents.len()];
            match b.role {
                Role::Topic | Role::Subtopic => [fill, stroke] = [tint, border],
                Role::Section => stroke = border,
                Role::Title => {}
            }
        }
        if b.style.state == Some(TaskState::Done) {
            fill = match b.role {
                Role::Section => t.done[0],
                Role::Topic => t.done[1],
                Role::Subtopic => t.done[2],
                Role::Title => fill,
            };
        }
        [fill, stroke, legible_ink(t, fill, ink)]
    }

    fn write_box(&self, f: &mut Formatter<'_>, b: &SceneBox) -> fmt::Result {
        let topic = self
            .notes
            .filter(|r| b.topic < r.len())
            .map(|r| r.topic(b.topic));
        let link = topic
            .and_then(|t| t.links.first())
            .filter(|l| crate::link::is_safe(&l.url));
        if let Some(l) = link {
            // Only http, https and mailto URLs reach the model
            // (crate::link::check_url); escaped all the same.
            writeln!(f, r#"<a href="{}">"#, Escape(&l.url))?;
        }
        self.write_box_shapes(f, b, topic)?;
        if link.is_some() {
            f.write_str("</a>\n")?;
        }
        Ok(())
    }

    fn write_box_shapes(
        &self,
        f: &mut Formatter<'_>,
        b: &SceneBox,
        topic: Option<&Topic>,
    ) -> fmt::Result {
        let r = b.rect;
        let [fill, stroke, ink] = self.colours(b);
        let state = b.style.state.filter(|_| b.role != Role::Title);
        write!(f, r#"<g class="{}"#, b.role.name())?;
        if b.style.faded {
            f.write_str(" faded")?;
        }
        if let Some(s) = state {
            write!(f, " {}", s.name())?;
        }
        let skipped = state == Some(TaskState::Skipped);
        match (b.style.faded, skipped) {
            (false, false) => f.write_str("\">\n")?,
            (true, false) => writeln!(f, r#"" opacity="{FADED_OPACITY}">"#)?,
            (false, true) => writeln!(f, r#"" opacity="{SKIPPED_OPACITY}">"#)?,
            (true, true) => writeln!(
                f,
                r#"" opacity="{}">"#,
                Num(FADED_OPACITY * SKIPPED_OPACITY)
            )?,
        }
        let tooltip = topic.and_then(|t| {
            t.description
                .as_deref()
                .or(t.links.first().map(|l| l.title.as_str()))
        });
        if let Some(text) = tooltip {
            writeln!(f, "<title>{}</title>", Escape(text))?;
        }
        if b.role != Role::Title {
            let (width, radius) = match b.role {
                Role::Section => (2.0, 6.0),
                Role::Topic => (1.5, 5.0),
                _ => (1.0, 4.0),
            };
            // The stroke is drawn inside the box so it never spills out.
            let inset = width / 2.0;
            write!(
                f,
                r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{fill}" stroke="{stroke}" stroke-width="{}""#,
                Num(r.x + inset),
                Num(r.y + inset),
                Num(r.width - width),
                Num(r.height - width),
                Num(radius),
                Num(width),
            )?;
            if b.style.dashed {
                f.write_str(r#" stroke-dasharray="5 3""#)?;
            }
            f.write_str("/>\n")?;
        }
        let cx = b.text_center_x();
        let area = b.text_rect();
        let lh = text::line_height(b.font_size);
        write!(
            f,
            r#"<text x="{}" text-anchor="middle" font-size="{}" fill="{ink}""#,
            Num(cx),
            Num(b.font_size)
        )?;
        if b.weight == Weight::Bold {
            f.write_str(r#" font-weight="bold""#)?;
        }
        f.write_str(">")?;
        for (i, line) in b.lines.iter().enumerate() {
            let baseline = area.y + text::ascent(b.font_size) + lh * i as f32;
            write!(
                f,
                "{}",
                Line {
                    text: line,
                    weight: b.weight,
                    size: b.font_size,
                    cx,
                    y: baseline,
                }
            )?;
        }
        f.write_str("</text>\n")?;
        if skipped {
            marks::strike(f, b, ink)?;
        }
        if let (Some(s), Some((c, r))) = (b.style.badge(), b.badge_circle()) {
            marks::badge(f, s, c, r, ink, fill)?;
        }
        marks::count(f, b, ink)?;
        if let Some(m) = b.style.mark {
            let (c, _) = b.mark_circle();
            marks::mark(f, self.theme, m, c)?;
        }
        f.write_str("</g>\n")
    }

    fn edge_style(&self, kind: EdgeKind) -> String {
        let t = self.theme;
        match kind {
            EdgeKind::Spine => format!(
                r#"fill="none" stroke="{}" stroke-width="4" stroke-linecap="round" stroke-linejoin="round""#,
                t.spine
            ),
            EdgeKind::Contains => format!(
                r#"fill="none" stroke="{}" stroke-width="2" stroke-dasharray="0.1 5" stroke-linecap="round""#,
                t.connector
            ),
            EdgeKind::Prerequisite => format!(
                r#"fill="none" stroke="{}" stroke-width="1.5" stroke-linejoin="round" marker-end="url(#arrow)""#,
                t.prerequisite
            ),
        }
    }

    fn write_edge(&self, f: &mut Formatter<'_>, e: &SceneEdge, faded: bool) -> fmt::Result {
        if e.points.len() < 2 {
            return Ok(());
        }
        write!(f, r#"<path class="{}" d=""#, e.kind.name())?;
        write_path(f, &e.points, e.curve)?;
        if faded {
            write!(f, r#"" opacity="{FADED_OPACITY}"#)?;
        }
        writeln!(f, r#"" {}/>"#, self.edge_style(e.kind))
    }

    fn write_legend(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let Some(legend) = &self.scene.legend else {
            return Ok(());
        };
        let t = self.theme;
        let r = legend.rect;
        writeln!(f, r#"<g class="legend">"#)?;
        writeln!(
            f,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="6" fill="{}" stroke="{}" stroke-width="1"/>"#,
            Num(r.x + 0.5),
            Num(r.y + 0.5),
            Num(r.width - 1.0),
            Num(r.height - 1.0),
            t.background,
            t.muted
        )?;
        for &(item, at) in &legend.items {
            let mid = at.y + at.height / 2.0;
            let sample = Rect::new(at.x + 2.0, mid - 6.0, 22.0, 12.0);
            match item {
                LegendItem::Box(role) => {
                    let [fill, stroke, _] = match role {
                        Role::Section => t.section,
                        Role::Topic => t.topic,
                        _ => t.subtopic,
                    };
                    writeln!(
                        f,
                        r#"<rect x="{}" y="{}" width="22" height="12" rx="3" fill="{fill}" stroke="{stroke}" stroke-width="1.2"/>"#,
                        Num(sample.x),
                        Num(sample.y)
                    )?;
                }
                LegendItem::Mark(m) => {
                    marks::mark(f, t, m, Point::new(at.x + 13.0, mid))?;
                }
                LegendItem::State(s) => marks::legend_sample(f, t, s, sample)?,
                LegendItem::Faded => writeln!(
                    f,
                    r#"<rect x="{}" y="{}" width="22" height="12" rx="3" fill="{}" stroke="{}" stroke-width="1.2" opacity="{FADED_OPACITY}"/>"#,
                    Num(sample.x),
                    Num(sample.y),
                    t.topic[0],
                    t.topic[1]
                )?,
                LegendItem::Optional => writeln!(
                    f,
                    r#"<rect x="{}" y="{}" width="22" height="12" rx="3" fill="{}" stroke="{}" stroke-width="1.2" stroke-dasharray="4 2"/>"#,
                    Num(sample.x),
                    Num(sample.y),
                    t.topic[0],
                    t.topic[1]
                )?,
                LegendItem::Edge(kind) => {
                    write!(
                        f,
                        r#"<path d="M{} {}H{}" "#,
                        Num(at.x + 1.0),
                        Num(mid),
                        Num(at.x + 24.0)
                    )?;
                    writeln!(f, "{}/>", self.edge_style(kind))?;
                }
            }
            writeln!(
                f,
                r#"<text x="{}" y="{}" font-size="{}" fill="{}">{}</text>"#,
                Num(at.x + 32.0),
                Num(mid - text::line_height(legend.font_size) / 2.0
                    + text::ascent(legend.font_size)),
                Num(legend.font_size),
                t.muted,
                Escape(item.label())
            )?;
        }
        writeln!(f, "</g>")
    }
}

/// Standard base64 with padding (RFC 4648), for the embedded fonts.
struct Base64<'a>(&'a [u8]);

impl Display for Base64<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for chunk in self.0.chunks(3) {
            let b = [
                chunk[0],
                chunk.get(1).copied().unwrap_or(0),
                chunk.get(2).copied().unwrap_or(0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..4 {
                if i <= chunk.len() {
                    f.write_char(char::from(ABC[(n >> (18 - 6 * i) & 63) as usize]))?;
                } else {
                    f.write_char('=')?;
                }
            }
        }
        Ok(())
    }
}

/// `ink` if it reads on `fill` (4.5:1, WCAG AA), else whichever of the
/// theme's title and paper colours reads better: the dark theme's dark
/// section tints need light text, its light topic fills dark text.
fn legible_ink(t: &Theme, fill: &'static str, ink: &'static str) -> &'static str {
    let ratio = |c: &str| contrast(c, fill).unwrap_or(0.0);
    if ratio(ink) >= 4.5 {
        ink
    } else if ratio(t.title) >= ratio(t.background) {
        t.title
    } else {
        t.background
    }
}

/// A line of text centred on `at.x`, its top at `at.y`, in `class`.
fn write_caption(
    f: &mut Formatter<'_>,
    class: &str,
    at: Point,
    line: &str,
    size: f32,
    colour: &str,
) -> fmt::Result {
    let y = at.y + text::ascent(size);
    if one_font(line, Weight::Regular) {
        writeln!(
            f,
            r#"<text class="{class}" x="{}" y="{}" text-anchor="middle" font-size="{}" fill="{colour}">{}</text>"#,
            Num(at.x),
            Num(y),
            Num(size),
            Escape(line)
        )
    } else {
        let line = Line {
            text: line,
            weight: Weight::Regular,
            size,
            cx: at.x,
            y,
        };
        writeln!(
            f,
            r#"<text class="{class}" text-anchor="middle" font-size="{}" fill="{colour}">{line}</text>"#,
            Num(size)
        )
    }
}

/// Writes SVG path data for the points.
fn write_path(f: &mut Formatter<'_>, points: &[Point], curve: Curve) -> fmt::Result {
    let p0 = points[0];
    write!(f, "M{} {}", Num(p0.x), Num(p0.y))?;
    match curve {
        Curve::Polyline => {
            // Corners are rounded (radius up to 5 px, less on short legs);
            // the curve stays inside the corner, so it never comes nearer
            // a box than the polyline does.
            for i in 1..points.len() {
                let p = points[i];
                let (Some(&prev), Some(&next)) = (points.get(i - 1), points.get(i + 1)) else {
                    write!(f, "L{} {}", Num(p.x), Num(p.y))?;
                    continue;
                };
                let len = |a: Point, b: Point| ((b.x - a.x).powi(2) + (b.y - a.y).powi(2)).sqrt();
                let (l0, l1) = (len(prev, p), len(p, next));
                let r = 5.0f32.min(l0 / 2.0).min(l1 / 2.0);
                if r < 0.5 {
                    write!(f, "L{} {}", Num(p.x), Num(p.y))?;
                    continue;
                }
                let a = Point::new(p.x + (prev.x - p.x) * r / l0, p.y + (prev.y - p.y) * r / l0);
                let b = Point::new(p.x + (next.x - p.x) * r / l1, p.y + (next.y - p.y) * r / l1);
                write!(
                    f,
                    "L{} {}Q{} {} {} {}",
                    Num(a.x),
                    Num(a.y),
                    Num(p.x),
                    Num(p.y),
                    Num(b.x),
                    Num(b.y)
                )?;
            }
        }
        Curve::Bezier => {
            for c in points[1..].chunks_exact(3) {
                write!(
                    f,
                    "C{} {} {} {} {} {}",
                    Num(c[0].x),
                    Num(c[0].y),
                    Num(c[1].x),
                    Num(c[1].y),
                    Num(c[2].x),
                    Num(c[2].y)
                )?;
            }
        }
    }
    Ok(())
}

impl Display for Svg<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let s = self.scene;
        let t = self.theme;
        let (w, h) = (Num(s.width), Num(s.height));
        writeln!(f, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            f,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{}">"#,
            FONT_STACK.replace('\'', "&apos;")
        )?;
        if let Some(title) = s.boxes.iter().find(|b| b.role == Role::Title) {
            writeln!(f, "<title>{}</title>", Escape(&title.lines.join(" ")))?;
        }
        writeln!(
            f,
            r#"<desc>Made by roadmapper: {} layout, {} theme.</desc>"#,
            s.layout, t.name
        )?;
        if self.embed_font {
            writeln!(f, "<style>")?;
            for (weight, data) in [(400, text::regular()), (700, text::bold())] {
                writeln!(
                    f,
                    "@font-face {{ font-family: '{}'; font-weight: {weight}; src: url(data:font/ttf;base64,{}); }}",
                    text::FAMILY,
                    Base64(data)
                )?;
            }
            writeln!(f, "</style>")?;
        }
        writeln!(
            f,
            r#"<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" markerUnits="strokeWidth" orient="auto"><path d="M0 0L10 5L0 10Z" fill="{}"/></marker></defs>"#,
            t.prerequisite
        )?;
        if self.edges {
            writeln!(
                f,
                r#"<rect width="{w}" height="{h}" fill="{}"/>"#,
                t.background
            )?;
            // Connectors under the boxes, prerequisite arrows above connectors.
            writeln!(f, r#"<g class="edges">"#)?;
            let faded = s.faded_edges();
            for kind in [EdgeKind::Spine, EdgeKind::Contains, EdgeKind::Prerequisite] {
                for (e, &faded) in s.edges.iter().zip(&faded).filter(|(e, _)| e.kind == kind) {
                    if self.only.is_some() && !self.wanted(crate::scene::bounds([], [e])) {
                        continue;
                    }
                    self.write_edge(f, e, faded)?;
                }
            }
            writeln!(f, "</g>")?;
        }
        writeln!(f, r#"<g class="boxes">"#)?;
        for b in s
            .boxes
            .iter()
            .filter(|b| b.role == Role::Title || self.wanted(b.rect))
        {
            self.write_box(f, b)?;
        }
        writeln!(f, "</g>")?;
        if let Some((at, line)) = &s.subtitle {
            write_caption(f, "subtitle", *at, line, 13.0, t.muted)?;
        }
        if let Some((at, line)) = &s.progress {
            write_caption(f, "progress", *at, line, PROGRESS_SIZE, t.title)?;
        }
        self.write_legend(f)?;
        writeln!(f, "</svg>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_on_every_section_tint_is_legible() {
        for t in [LIGHT, DARK] {
            for &(fill, _) in t.accents {
                for ink in [t.topic[2], t.subtopic[2]] {
                    let drawn = legible_ink(&t, fill, ink);
                    let ratio = contrast(drawn, fill).unwrap_or(0.0);
                    assert!(ratio >= 4.5, "{}: {drawn} on {fill}: {ratio:.2}:1", t.name);
                }
            }
        }
    }

    #[test]
    fn numbers_are_fixed_precision() {
        let cases = [
            (0.0, "0"),
            (-0.001, "0"),
            (1.5, "1.5"),
            (1.25, "1.25"),
            (2.999, "3"),
            (-3.1, "-3.1"),
            (12.05, "12.05"),
            (f32::NAN, "0"),
        ];
        for (v, s) in cases {
            assert_eq!(Num(v).to_string(), s, "{v}");
        }
    }

    #[test]
    fn base64_matches_rfc_4648() {
        for (raw, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(Base64(raw.as_bytes()).to_string(), encoded);
        }
    }

    #[test]
    fn escapes_every_markup_character() {
        let s = Escape("]]><script>alert('x')</script>&\"\u{1}").to_string();
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('\''));
        assert!(s.ends_with("&amp;&quot;\u{fffd}"));
    }
}
