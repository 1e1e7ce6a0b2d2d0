//! How numbers and text are written into SVG: numbers with at most two
//! decimals, so the same scene gives the same bytes; text XML-escaped, with
//! the characters XML 1.0 forbids replaced. A leaf that the document writer
//! and the line writer both use.

use std::fmt::{self, Display, Formatter, Write as _};

/// A number with at most two decimals, no trailing zeros, no `-0`.
#[derive(Debug, Clone, Copy)]
pub struct Num(pub f32);

impl Display for Num {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let v = if self.0.is_finite() { self.0 } else { 0.0 };
        let hundredths = (f64::from(v) * 100.0).round() as i64;
        let (sign, abs) = if hundredths < 0 {
            ("-", -hundredths)
        } else {
            ("", hundredths)
        };
        let (whole, frac) = (abs / 100, abs % 100);
        if frac == 0 {
            write!(f, "{sign}{whole}")
        } else if frac % 10 == 0 {
            write!(f, "{sign}{whole}.{}", frac / 10)
        } else {
            write!(f, "{sign}{whole}.{frac:02}")
        }
    }
}

/// Text escaped for XML content and attribute values.
///
/// ```
/// use roadmapper::export::svg::Escape;
/// assert_eq!(Escape("<a href=\"x\">&'</a>").to_string(),
///            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
/// assert_eq!(Escape("bell\u{7}").to_string(), "bell\u{fffd}");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Escape<'a>(pub &'a str);

impl Display for Escape<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            match c {
                '&' => f.write_str("&amp;")?,
                '<' => f.write_str("&lt;")?,
                '>' => f.write_str("&gt;")?,
                '"' => f.write_str("&quot;")?,
                '\'' => f.write_str("&apos;")?,
                '\t' | '\n' | '\r' => f.write_char(' ')?,
                // Not allowed in XML 1.0 documents.
                '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => f.write_char('\u{fffd}')?,
                c => f.write_char(c)?,
            }
        }
        Ok(())
    }
}
