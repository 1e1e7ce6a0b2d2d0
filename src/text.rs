//! Text metrics and wrapping with the embedded font.
//!
//! Layouts size every box from the real advance widths of Noto Sans (regular
//! and bold, embedded from the `notosans` crate), and the PNG renderer loads
//! the very same font files into usvg's font database, so what is measured
//! here is what is drawn, on any machine, with or without system fonts.
//!
//! Widths are the sum of the glyph advances without kerning. Noto Sans's
//! kerning pairs almost all tighten text, so a shaped line is at most as wide
//! as measured here, and layouts add padding on top.

use std::sync::OnceLock;

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

/// The family name written into SVG files and registered in usvg's database.
pub const FAMILY: &str = "Noto Sans";

/// The CSS font stack written into SVG files: the embedded family first.
///
/// A browser without Noto Sans (and without `--embed-font`) falls back to
/// Arial or one of its metric twins, which are narrower than Noto Sans, so
/// every label still fits its box; the generic `sans-serif` comes last
/// because it may be a wider face such as DejaVu Sans.
pub const FONT_STACK: &str = "'Noto Sans', Arial, Helvetica, 'Liberation Sans', sans-serif";

/// The embedded regular face (TrueType bytes).
pub const REGULAR: &[u8] = notosans::REGULAR_TTF;

/// The embedded bold face (TrueType bytes).
pub const BOLD: &[u8] = notosans::BOLD_TTF;

/// Font weight of a run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weight {
    /// 400.
    Regular,
    /// 700.
    Bold,
}

impl Weight {
    /// The CSS numeric weight.
    pub fn css(self) -> u16 {
        match self {
            Weight::Regular => 400,
            Weight::Bold => 700,
        }
    }
}

/// Advance widths of one face, in ems.
struct Face {
    font: FontRef<'static>,
    /// Advances of the printable ASCII range, the common case, precomputed.
    ascii: [f32; 128],
    /// Advance of the glyph drawn for unmapped characters (`.notdef`).
    missing: f32,
    units_per_em: f32,
    ascent: f32,
    descent: f32,
}

impl Face {
    fn new(bytes: &'static [u8]) -> Face {
        // The embedded fonts are valid TrueType files shipped by the notosans
        // crate; failing to parse them is a build defect, not an input error.
        let font = FontRef::new(bytes).expect("the embedded Noto Sans font parses");
        let metrics = font.metrics(Size::unscaled(), LocationRef::default());
        let units_per_em = f32::from(metrics.units_per_em);
        let glyphs = font.glyph_metrics(Size::unscaled(), LocationRef::default());
        let missing = glyphs
            .advance_width(skrifa::GlyphId::NOTDEF)
            .unwrap_or(units_per_em * 0.6)
            / units_per_em;
        let mut face = Face {
            font,
            ascii: [0.0; 128],
            missing,
            units_per_em,
            ascent: metrics.ascent / units_per_em,
            descent: -metrics.descent / units_per_em,
        };
        for c in 0..128u8 {
            face.ascii[usize::from(c)] = face.lookup(char::from(c));
        }
        face
    }

    fn lookup(&self, c: char) -> f32 {
        let glyphs = self
            .font
            .glyph_metrics(Size::unscaled(), LocationRef::default());
        match self.font.charmap().map(c) {
            Some(g) => glyphs.advance_width(g).unwrap_or(0.0) / self.units_per_em,
            None if c.is_control() => 0.0,
            None => self.missing,
        }
    }

    fn advance(&self, c: char) -> f32 {
        match self.ascii.get(c as usize) {
            Some(&a) => a,
            None => self.lookup(c),
        }
    }
}

struct Fonts {
    regular: Face,
    bold: Face,
}

fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts {
        regular: Face::new(REGULAR),
        bold: Face::new(BOLD),
    })
}

fn face(weight: Weight) -> &'static Face {
    match weight {
        Weight::Regular => &fonts().regular,
        Weight::Bold => &fonts().bold,
    }
}

/// Whether the embedded font has a glyph for `c`.
pub fn has_glyph(c: char) -> bool {
    fonts().regular.font.charmap().map(c).is_some()
}

/// The width in pixels of `text` set in one line at `size` pixels.
///
/// ```
/// use roadmapper::text::{width, Weight};
/// let w = width("REST", 14.0, Weight::Regular);
/// assert!(w > 20.0 && w < 50.0, "{w}");
/// assert!(width("REST", 14.0, Weight::Bold) > w);
/// ```
pub fn width(text: &str, size: f32, weight: Weight) -> f32 {
    let face = face(weight);
    text.chars().map(|c| face.advance(c)).sum::<f32>() * size
}

/// The distance from the top of a line box to its baseline, in pixels.
pub fn ascent(size: f32) -> f32 {
    fonts().regular.ascent * size
}

/// The height of one line of text at `size` pixels: ascent plus descent of
/// the font (Noto Sans: 1.362 em).
pub fn line_height(size: f32) -> f32 {
    let f = &fonts().regular;
    (f.ascent + f.descent) * size
}

/// Wraps `text` into lines no wider than `max_width` pixels.
///
/// Breaks at spaces; a word wider than `max_width` on its own is split
/// between characters. Always returns at least one line; every line's
/// [`width`] is at most `max_width` unless a single character is wider.
///
/// ```
/// use roadmapper::text::{wrap, width, Weight};
/// let lines = wrap("Authentication and authorization strategies", 120.0, 14.0, Weight::Regular);
/// assert!(lines.len() >= 2);
/// assert!(lines.iter().all(|l| width(l, 14.0, Weight::Regular) <= 120.0));
/// assert_eq!(lines.join(" "), "Authentication and authorization strategies");
/// ```
pub fn wrap(text: &str, max_width: f32, size: f32, weight: Weight) -> Vec<String> {
    let face = face(weight);
    let limit = max_width / size;
    let space = face.advance(' ');
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0.0f32;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let word_width: f32 = word.chars().map(|c| face.advance(c)).sum();
        if !line.is_empty() && line_width + space + word_width <= limit {
            line.push(' ');
            line.push_str(word);
            line_width += space + word_width;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line_width = 0.0;
        }
        if word_width <= limit {
            line.push_str(word);
            line_width = word_width;
            continue;
        }
        // A word too long for a line: split it between characters.
        for c in word.chars() {
            let a = face.advance(c);
            if !line.is_empty() && line_width + a > limit {
                lines.push(std::mem::take(&mut line));
                line_width = 0.0;
            }
            line.push(c);
            line_width += a;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_with_the_font_not_a_character_count() {
        // "iiii" and "WWWW" have the same length but very different widths.
        let narrow = width("iiii", 14.0, Weight::Regular);
        let wide = width("WWWW", 14.0, Weight::Regular);
        assert!(wide > 3.0 * narrow, "{narrow} {wide}");
    }

    #[test]
    fn long_words_are_split_and_nothing_is_lost() {
        let text = "Supercalifragilisticexpialidocious tiny";
        let lines = wrap(text, 60.0, 14.0, Weight::Bold);
        assert!(lines.len() > 2, "{lines:?}");
        for l in &lines {
            assert!(width(l, 14.0, Weight::Bold) <= 60.0, "{l}");
        }
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
    }

    #[test]
    fn metrics_are_the_font_s() {
        let h = line_height(10.0);
        assert!((13.0..14.0).contains(&h), "{h}");
        assert!(ascent(10.0) > 10.0 && ascent(10.0) < h);
        assert!(has_glyph('é'));
    }
}
