//! Escaping text for Markdown: CommonMark (GitHub's Markdown, markdown-it)
//! and Python-Markdown (which MkDocs uses) alike. Only what would otherwise
//! change the rendering is escaped, so a label reads the same in the
//! source as on the page (`MD5 (Don't Use)` stays as it is), and every
//! label renders as exactly its text in both (tests/suite/markdown_checklist.rs
//! reads the checklist back with markdown-it and Python-Markdown).
//!
//! A backslash escape works in both only before the characters
//! Python-Markdown knows (`` \ ` * _ { } [ ] ( ) > # + - . ! ``): in
//! Python-Markdown `\<b>` is a backslash and a live `<b>` element. So `<`,
//! `&` and `~` are written as character references, which both read as
//! the plain character and never as markup.
//!
//! | character | escaped when | as |
//! |---|---|---|
//! | `\` | before ASCII punctuation or at the end (it would escape what follows) | `\\` |
//! | `` ` `` | the text has two or more (a pair could open a code span) | ``\` `` |
//! | `*` | not between two spaces (it could open or close emphasis) | `\*` |
//! | `_` | not between two letters or digits, nor two spaces | `\_` |
//! | `[`, `]` | the text has both, or it is a link's text (a link could form, or the text end) | `\[`, `\]` |
//! | `<` | before a letter, `/`, `!` or `?` (an HTML tag or an autolink), or opening `<local@domain>` (a mail autolink) | `&lt;` |
//! | `&` | it starts an entity (`&amp;`, `&#38;`) | `&amp;` |
//! | `~` | the text has two or more (GitHub's strikethrough) | `&#126;` |
//!
//! `#`, `>`, `+`, `-` and digits matter only at the start of a line, which
//! a label never is; `(`, `)` and `!` only after a `]` or before a `[`,
//! which are then escaped. Control and bidirectional formatting characters
//! and tabs become U+FFFD.

/// Where the text goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Running text (a checklist item, emphasis).
    Inline,
    /// The text of a link, `[text](url)`: every bracket is escaped.
    LinkText,
}

/// `s` escaped for `context`.
///
/// ```
/// use roadmapper::export::markdown::{escape, Context};
/// assert_eq!(escape("MD5 (Don't Use)", Context::Inline), "MD5 (Don't Use)");
/// assert_eq!(escape("[x](y) and *em*", Context::Inline), r"\[x\](y) and \*em\*");
/// assert_eq!(escape("a * b, snake_case", Context::Inline), "a * b, snake_case");
/// assert_eq!(escape("x < y, <b>", Context::Inline), "x < y, &lt;b>");
/// ```
pub fn escape(s: &str, context: Context) -> String {
    let chars: Vec<char> = s.chars().collect();
    let count = |c: char| chars.iter().filter(|&&x| x == c).count();
    let backticks = count('`') > 1;
    let tildes = count('~') > 1;
    let brackets = context == Context::LinkText || (count('[') > 0 && count(']') > 0);
    let mut out = String::with_capacity(s.len() + 8);
    for (k, &c) in chars.iter().enumerate() {
        let reference = match c {
            '<' if opens_markup(&chars[k + 1..]) => Some("&lt;"),
            '&' if starts_entity(&chars[k + 1..]) => Some("&amp;"),
            '~' if tildes => Some("&#126;"),
            _ => None,
        };
        if let Some(reference) = reference {
            out.push_str(reference);
            continue;
        }
        let prev = k.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(k + 1).copied();
        let spaces = prev.is_some_and(char::is_whitespace) && next.is_some_and(char::is_whitespace);
        let escaped = match c {
            c if crate::terminal::is_hidden(c) || c == '\t' => {
                out.push('\u{fffd}');
                continue;
            }
            '\\' => next.is_none_or(|n| n.is_ascii_punctuation()),
            '`' => backticks,
            '*' => !spaces,
            '_' => {
                let word = prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric);
                !(word || spaces)
            }
            '[' | ']' => brackets,
            _ => false,
        };
        if escaped {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether `rest` (what follows a `<`) makes the `<` open markup: a
/// letter, `/`, `!` or `?` next (an HTML tag, comment, declaration or
/// processing instruction, an autolink), or `local@domain>` up to the
/// next `<` or `>`, without a space (a mail autolink; Python-Markdown's
/// takes any local part, `<1@x.example>`). Stops at the next `<`, so a
/// text of many is still read in linear time.
fn opens_markup(rest: &[char]) -> bool {
    match rest.first() {
        None => return false,
        Some(&n) if n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?') => return true,
        Some(_) => {}
    }
    let Some(end) = rest.iter().position(|&c| c == '<' || c == '>') else {
        return false;
    };
    let inside = &rest[..end];
    if rest[end] != '>' || inside.contains(&' ') {
        return false;
    }
    inside
        .iter()
        .rposition(|&c| c == '@')
        .is_some_and(|at| at > 0 && at + 1 < inside.len())
}

/// Whether `rest` (what follows a `&`) makes an entity or a numeric
/// character reference: letters or digits, or `#` and digits, then `;`.
fn starts_entity(rest: &[char]) -> bool {
    let body = rest.strip_prefix(&['#']).unwrap_or(rest);
    let body = body
        .strip_prefix(&['x'])
        .or_else(|| body.strip_prefix(&['X']))
        .filter(|_| rest.first() == Some(&'#'))
        .unwrap_or(body);
    let n = body
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    n > 0 && body.get(n) == Some(&';')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_would_render_is_escaped() {
        let inline = |s| escape(s, Context::Inline);
        assert_eq!(inline("MD5 (Don't Use)"), "MD5 (Don't Use)");
        assert_eq!(inline("C# & C++ | F#"), "C# & C++ | F#");
        assert_eq!(inline("&amp; &#38; &x"), "&amp;amp; &amp;#38; &x");
        assert_eq!(inline("one ` tick"), "one ` tick");
        assert_eq!(inline("`a` b"), r"\`a\` b");
        assert_eq!(inline("a]b"), "a]b");
        assert_eq!(escape("a]b", Context::LinkText), r"a\]b");
        assert_eq!(inline(r"back\slash\"), r"back\slash\\");
        assert_eq!(inline(r"a\*b"), r"a\\\*b");
        assert_eq!(inline("__init__"), r"\_\_init\_\_");
        assert_eq!(
            inline("~ and ~~x~~"),
            "&#126; and &#126;&#126;x&#126;&#126;"
        );
        assert_eq!(inline("~ alone"), "~ alone");
        assert_eq!(inline("<b> </i> <!-- <?x"), "&lt;b> &lt;/i> &lt;!-- &lt;?x");
        assert_eq!(inline("<1@x.example> <+@x>"), "&lt;1@x.example> &lt;+@x>");
        assert_eq!(
            inline("x < y, a <= b, <1 @x> <@x> <1@>"),
            "x < y, a <= b, <1 @x> <@x> <1@>"
        );
        assert_eq!(inline("<<1@x> <<<"), "<&lt;1@x> <<<");
        assert_eq!(inline("tab\there"), "tab\u{fffd}here");
    }
}
