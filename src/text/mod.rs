//! Text metrics, font fallback and wrapping.
//!
//! Layouts size every box from the real advance widths of the fonts that
//! draw it: first the embedded Noto Sans (regular and bold, from the
//! `notosans` crate, repaired at start-up: see `text/gdef.rs`), then the fonts named with
//! `--font` in their order, then, with `--system-fonts`, the machine's
//! fonts that have a character none of those has. Each character is drawn
//! from the first font that has it ([`pieces`]); the SVG names that font
//! on the piece's `<tspan>` and the PNG renderer loads the very same faces into
//! usvg's font database and resolves every name to the face measured here
//! ([`crate::export::png`]), so what is measured is what is drawn.
//!
//! The font set is chosen once per process with [`install`] (the CLI does
//! it from its flags); until then, and without it, the embedded faces are
//! the only ones, on any machine.
//!
//! Widths in the embedded font are the sum of the glyph advances without
//! kerning: Noto Sans's kerning pairs almost all tighten text (the horned
//! Vietnamese letters ơ and ư widen a pair by at most 0.025 em), so a
//! shaped line is at most about as wide as measured here, layouts add
//! padding on top, and the golden files stay stable. A run in any other
//! font is shaped with harfrust, the shaper usvg draws with, because there
//! shaping changes advances: Arabic letters join, an emoji sequence is one
//! glyph.

mod font_files;
mod fonts;
mod gdef;

use std::sync::OnceLock;

pub use font_files::{MAX_FACES, check_font};
pub use fonts::{FontSet, Piece};

/// The family name written into SVG files and registered in usvg's database.
pub const FAMILY: &str = "Noto Sans";

/// The CSS font stack written into SVG files: the embedded family first.
///
/// A browser without Noto Sans (and without `--embed-font`) falls back to
/// Arial or one of its metric twins, which are narrower than Noto Sans, so
/// every label still fits its box; the generic `sans-serif` comes last
/// because it may be a wider face such as DejaVu Sans.
pub const FONT_STACK: &str = "'Noto Sans', Arial, Helvetica, 'Liberation Sans', sans-serif";

/// The embedded regular face (TrueType bytes), repaired (see `text/gdef.rs`).
pub fn regular() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        gdef::fix_spacing_marks(notosans::REGULAR_TTF)
            .unwrap_or_else(|| notosans::REGULAR_TTF.to_vec())
    })
}

/// The embedded bold face (TrueType bytes), repaired (see `text/gdef.rs`).
pub fn bold() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        gdef::fix_spacing_marks(notosans::BOLD_TTF).unwrap_or_else(|| notosans::BOLD_TTF.to_vec())
    })
}

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

static INSTALLED: OnceLock<FontSet> = OnceLock::new();

/// Makes `fonts` the font set every measurement and drawing of this
/// process uses. It can be done once, before any text is measured; it
/// gives `fonts` back when a set is already in use.
///
/// ```
/// use roadmapper::text::{install, FontSet};
/// install(FontSet::embedded()).unwrap();
/// assert!(install(FontSet::embedded()).is_err());
/// ```
pub fn install(fonts: FontSet) -> Result<(), Box<FontSet>> {
    INSTALLED.set(fonts).map_err(Box::new)
}

/// The font set in use: the [`install`]ed one, else the embedded faces.
pub fn fonts() -> &'static FontSet {
    INSTALLED.get_or_init(FontSet::embedded)
}

/// Whether a font of the set in use has a glyph for `c`.
pub fn has_glyph(c: char) -> bool {
    fonts().has_glyph(c)
}

/// `text` as pieces of one font and direction, placed, for writing
/// `<tspan>`s: see [`FontSet::pieces`].
pub fn pieces(text: &str, weight: Weight) -> Vec<Piece<'static>> {
    fonts().pieces(text, weight)
}

/// How many of `labels` have a character no font of `fonts` has, and the
/// first such label with its first such character.
///
/// ```
/// use roadmapper::text::{lacking_glyphs, FontSet};
/// let labels = ["HTTP", "日本語", "Ünïcödé", "中文"];
/// let (count, first) = lacking_glyphs(&FontSet::embedded(), labels);
/// assert_eq!((count, first), (2, Some(("日本語", '日'))));
/// ```
pub fn lacking_glyphs<'a>(
    fonts: &FontSet,
    labels: impl IntoIterator<Item = &'a str>,
) -> (usize, Option<(&'a str, char)>) {
    let mut count = 0;
    let mut first = None;
    for label in labels {
        if label.is_ascii() {
            continue;
        }
        if let Some(c) = fonts.missing(label) {
            count += 1;
            first.get_or_insert((label, c));
        }
    }
    (count, first)
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
    fonts().width_em(text, weight) * size
}

/// The distance from the top of a line box to its baseline, in pixels.
pub fn ascent(size: f32) -> f32 {
    fonts().ascent() * size
}

/// The height of one line of text at `size` pixels: ascent plus descent of
/// the font (Noto Sans: 1.362 em).
pub fn line_height(size: f32) -> f32 {
    fonts().line_height() * size
}

/// Wraps `text` into lines no wider than `max_width` pixels.
///
/// Breaks at spaces; a word wider than `max_width` on its own is split
/// between characters (between clusters: a character keeps its combining
/// marks, an emoji sequence stays whole), which is also how text without
/// spaces, such as Chinese or Japanese, is broken. Always returns at least
/// one line; every line's [`width`] is at most `max_width` unless a single
/// character is wider.
///
/// ```
/// use roadmapper::text::{wrap, width, Weight};
/// let lines = wrap("Authentication and authorization strategies", 120.0, 14.0, Weight::Regular);
/// assert!(lines.len() >= 2);
/// assert!(lines.iter().all(|l| width(l, 14.0, Weight::Regular) <= 120.0));
/// assert_eq!(lines.join(" "), "Authentication and authorization strategies");
/// ```
pub fn wrap(text: &str, max_width: f32, size: f32, weight: Weight) -> Vec<String> {
    let set = fonts();
    let limit = max_width / size;
    let space = set.width_em(" ", weight);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0.0f32;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let word_width = set.width_em(word, weight);
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
        // A word too long for a line: split it between clusters, each line
        // measured whole (shaped, Arabic letters are not as wide as alone).
        for cluster in fonts::clusters(word) {
            let before = line.len();
            line.push_str(cluster);
            line_width = set.width_em(&line, weight);
            if before > 0 && line_width > limit {
                line.truncate(before);
                lines.push(std::mem::replace(&mut line, cluster.to_string()));
                line_width = set.width_em(&line, weight);
            }
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
        assert!(!has_glyph('日'), "the embedded font has no CJK");
    }

    #[test]
    fn a_backtick_takes_its_advance() {
        let plain = width("Use grep here", 16.0, Weight::Bold);
        let ticks = width("Use `grep` here", 16.0, Weight::Bold);
        assert!(ticks - plain > 2.0 * 4.0, "{plain} {ticks}");
    }
}
