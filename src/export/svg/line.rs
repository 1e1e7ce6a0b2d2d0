//! One line of SVG text, written in pieces when it mixes fonts.
//!
//! usvg shapes a `<text>` chunk with every span's font and merges the
//! results cluster by cluster, counting a cluster's bytes as if they were
//! glyphs: a span in another font after an emoji sequence loses the
//! glyphs that follow it, and some lines make it panic. So a line that
//! mixes fonts (or runs right to left across fonts) is written as
//! [`text::pieces`], each its own chunk at its measured `x`: each is shaped
//! alone, exactly as it was measured. A line in the embedded font alone is
//! one plain `<tspan>`.

use std::fmt::{self, Display, Formatter};

use super::xml::{Escape, Num};
use crate::text::{self, FONT_STACK, Weight};

/// Whether all of `line` is drawn with the embedded font.
pub(crate) fn one_font(line: &str, weight: Weight) -> bool {
    line.is_ascii()
        || text::pieces(line, weight)
            .iter()
            .all(|p| p.family.is_none())
}

/// One line of text centred on `cx`, its baseline at `y`: escaped, and,
/// when part of it is drawn in a font other than the embedded one, as
/// [`text::pieces`], each a `<tspan>` at its measured `x` that names its
/// font first, so usvg draws each piece with the face it was measured
/// with, and browsers that have the font do the same.
pub(crate) struct Line<'a> {
    pub text: &'a str,
    pub weight: Weight,
    pub size: f32,
    pub cx: f32,
    pub y: f32,
}

impl Display for Line<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if one_font(self.text, self.weight) {
            return write!(
                f,
                r#"<tspan x="{}" y="{}">{}</tspan>"#,
                Num(self.cx),
                Num(self.y),
                Escape(self.text)
            );
        }
        let pieces = text::pieces(self.text, self.weight);
        let total: f32 = pieces.iter().map(|p| p.width).sum();
        let left = self.cx - total * self.size / 2.0;
        for p in pieces {
            write!(
                f,
                r#"<tspan x="{}" y="{}" text-anchor="start""#,
                Num(left + p.x * self.size),
                Num(self.y),
            )?;
            if let Some(family) = p.family {
                write!(
                    f,
                    r#" font-family="&apos;{}&apos;, {}""#,
                    Escape(family),
                    FONT_STACK.replace('\'', "&apos;")
                )?;
            }
            write!(f, ">{}</tspan>", Escape(&self.text[p.range]))?;
        }
        Ok(())
    }
}
