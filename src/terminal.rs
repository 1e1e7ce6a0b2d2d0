//! Text that reaches a person's terminal or a listing they read: labels,
//! titles, file names and messages. Control characters (which can move the
//! cursor, recolour or retitle a terminal) and bidirectional formatting
//! characters (which can make text read in another order than it is
//! written, "Trojan Source") are shown as U+FFFD instead.
//!
//! Every path from user-written text to standard output or standard error
//! goes through [`visible`] or [`is_hidden`]: the text and Markdown order
//! listings, `check`'s summary, diagnostics and their quoted source lines,
//! file names in messages and the echoes of command-line parsing errors.
//! [`space_name`] names the characters that only look like a space, for
//! messages that point at one.

use std::borrow::Cow;

/// Whether `c` must not reach a terminal as is: a C0 or C1 control other
/// than tab, or a bidirectional formatting character (U+061C, U+200E,
/// U+200F, U+202A to U+202E, U+2066 to U+2069).
///
/// ```
/// use roadmapper::terminal::is_hidden;
/// assert!(is_hidden('\u{1b}') && is_hidden('\u{202e}') && is_hidden('\u{2066}'));
/// assert!(!is_hidden('\t') && !is_hidden('é') && !is_hidden('中'));
/// ```
pub fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// The text with every [`is_hidden`] character replaced by U+FFFD; borrowed
/// when nothing needed replacing. O(n), with a byte scan for ASCII text.
///
/// ```
/// use roadmapper::terminal::visible;
/// assert_eq!(visible("Evil\u{1b}]0;pwned\u{7}"), "Evil\u{fffd}]0;pwned\u{fffd}");
/// assert_eq!(visible("abc\u{202e}def"), "abc\u{fffd}def");
/// assert!(matches!(visible("plain text"), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn visible(s: &str) -> Cow<'_, str> {
    let hidden = if s.is_ascii() {
        s.bytes().any(|b| (b < 0x20 && b != b'\t') || b == 0x7f)
    } else {
        s.chars().any(is_hidden)
    };
    if hidden {
        s.chars()
            .map(|c| if is_hidden(c) { '\u{fffd}' } else { c })
            .collect::<String>()
            .into()
    } else {
        s.into()
    }
}

/// Like [`visible`], but keeps line feeds: for multi-line messages (a
/// message and its `help:` lines).
pub fn visible_lines(s: &str) -> Cow<'_, str> {
    if !s.contains('\n') {
        return visible(s);
    }
    let lines: Vec<Cow<'_, str>> = s.split('\n').map(visible).collect();
    if lines.iter().all(|l| matches!(l, Cow::Borrowed(_))) {
        return s.into();
    }
    lines.join("\n").into()
}

/// The Unicode name of a character that looks like (or is) blank space,
/// other than the space and the tab; None for any other character.
pub fn space_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{b}' => "LINE TABULATION",
        '\u{c}' => "FORM FEED",
        '\u{85}' => "NEXT LINE",
        '\u{a0}' => "NO-BREAK SPACE",
        '\u{1680}' => "OGHAM SPACE MARK",
        '\u{180e}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{2000}' => "EN QUAD",
        '\u{2001}' => "EM QUAD",
        '\u{2002}' => "EN SPACE",
        '\u{2003}' => "EM SPACE",
        '\u{2004}' => "THREE-PER-EM SPACE",
        '\u{2005}' => "FOUR-PER-EM SPACE",
        '\u{2006}' => "SIX-PER-EM SPACE",
        '\u{2007}' => "FIGURE SPACE",
        '\u{2008}' => "PUNCTUATION SPACE",
        '\u{2009}' => "THIN SPACE",
        '\u{200a}' => "HAIR SPACE",
        '\u{200b}' => "ZERO WIDTH SPACE",
        '\u{2028}' => "LINE SEPARATOR",
        '\u{2029}' => "PARAGRAPH SEPARATOR",
        '\u{202f}' => "NARROW NO-BREAK SPACE",
        '\u{205f}' => "MEDIUM MATHEMATICAL SPACE",
        '\u{2060}' => "WORD JOINER",
        '\u{2800}' => "BRAILLE PATTERN BLANK",
        '\u{3000}' => "IDEOGRAPHIC SPACE",
        '\u{3164}' => "HANGUL FILLER",
        '\u{ffa0}' => "HALFWIDTH HANGUL FILLER",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_line_feeds_only_where_asked() {
        assert_eq!(visible("a\nb"), "a\u{fffd}b");
        assert_eq!(
            visible_lines("a\u{1b}[2J\n  help: b"),
            "a\u{fffd}[2J\n  help: b"
        );
        assert!(matches!(visible_lines("a\nb"), Cow::Borrowed(_)));
    }

    #[test]
    fn every_bidi_control_is_hidden() {
        for c in [
            '\u{061c}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}',
            '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{85}', '\u{9b}',
        ] {
            assert!(is_hidden(c), "{:x}", c as u32);
        }
        // Zero-width joiners shape emoji and scripts: kept.
        assert!(!is_hidden('\u{200d}') && !is_hidden('\u{200c}'));
    }
}
