//! Front matter: the block of YAML `key: value` lines between two `---`
//! lines that opens many Markdown files (Jekyll, Hugo, MkDocs, Obsidian
//! write one). Markdown outlines, notes and progress files all skip it by
//! this one rule.
//!
//! pulldown-cmark's own metadata option is not used: it takes any block
//! between `---` lines for metadata, wherever a block starts, so an
//! outline that opens with a `---` rule would lose every topic up to the
//! next rule. Here a block is front matter only when it opens the file and
//! reads as YAML:
//!
//! - it starts on the first line, `---`, and ends at the next line that is
//!   `---` or `...` (trailing blanks allowed);
//! - every line between is blank, a comment (`#`), a `key: value` or
//!   `key:` line (the key a plain word such as `title` or `last-modified`,
//!   or quoted), a list item `- x` under a `key:` without a value, or an
//!   indented line under a key (a nested value or a continued one);
//! - at least one line is a `key:` line.
//!
//! Any other closed block is read as Markdown, with a warning: its headings
//! and items are topics, and the writer may have meant front matter.

use crate::diagnostic::{Diagnostic, DiagnosticKind};

/// What opens a Markdown file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FrontMatter {
    /// No closed `---` block opens the file.
    None,
    /// YAML front matter: the Markdown starts at this byte offset.
    Yaml {
        /// The offset of the line after the closing `---`.
        body: usize,
    },
    /// A closed `---` block that is not YAML: it is Markdown.
    NotYaml {
        /// The first line that is not YAML (1-based; the opening line when
        /// the block has no `key:` line at all).
        line: usize,
        /// The closing `---` line.
        closing: usize,
    },
}

/// The line before, for what may follow it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Previous {
    /// Only blank lines and comments so far.
    Nothing,
    /// `key:` with no value: a list or a nested block may follow.
    OpenKey,
    /// `key: value`, an indented line or a list item.
    Value,
    /// A list item `- x`.
    ListItem,
}

/// Sorts the opening of `text` (UTF-8, without a byte-order mark). Stops
/// at the closing line: linear in the block.
pub(crate) fn front_matter(text: &str) -> FrontMatter {
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n').map(|raw| {
        let start = offset;
        offset += raw.len();
        (start + raw.len(), raw.trim_end_matches(['\n', '\r']))
    });
    match lines.next() {
        Some((_, first)) if first.trim_end_matches([' ', '\t']) == "---" => {}
        _ => return FrontMatter::None,
    }
    let mut previous = Previous::Nothing;
    let mut keys = 0;
    let mut bad = None;
    for (number, (end, line)) in (2..).zip(lines) {
        let trimmed = line.trim_end_matches([' ', '\t']);
        if trimmed == "---" || trimmed == "..." {
            return match bad {
                None if keys > 0 => FrontMatter::Yaml { body: end },
                _ => FrontMatter::NotYaml {
                    line: bad.unwrap_or(1),
                    closing: number,
                },
            };
        }
        if bad.is_some() {
            continue;
        }
        let body = trimmed.trim_start_matches([' ', '\t']);
        let indented = body.len() < trimmed.len();
        previous = if body.is_empty() || body.starts_with('#') {
            previous
        } else if indented && previous != Previous::Nothing {
            Previous::Value
        } else if !indented && (body == "-" || body.starts_with("- ")) {
            if matches!(previous, Previous::OpenKey | Previous::ListItem) {
                Previous::ListItem
            } else {
                bad = Some(number);
                continue;
            }
        } else if let Some(value) = key_value(body).filter(|_| !indented) {
            keys += 1;
            if value.is_empty() || value.starts_with('#') {
                Previous::OpenKey
            } else {
                Previous::Value
            }
        } else {
            bad = Some(number);
            continue;
        };
    }
    FrontMatter::None
}

/// The value of a `key: value` line (empty for `key:`), or None when the
/// line is no such line.
fn key_value(line: &str) -> Option<&str> {
    let after_key = if let Some(quote) = line.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let close = line[1..].find(quote)? + 2;
        &line[close..]
    } else {
        let end = line
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.')))
            .unwrap_or(line.len());
        if end == 0 || line.starts_with(['-', '.']) {
            return None;
        }
        &line[end..]
    };
    let value = after_key.strip_prefix(':')?;
    if !value.is_empty() && !value.starts_with([' ', '\t']) {
        return None;
    }
    Some(value.trim())
}

/// Where a Markdown file's text starts after its front matter (0 when it
/// has none), and the warning for a `---` block that is not front matter.
pub(crate) fn skip(file: &str, text: &str) -> (usize, Option<Diagnostic>) {
    match front_matter(text) {
        FrontMatter::None => (0, None),
        FrontMatter::Yaml { body } => (body, None),
        FrontMatter::NotYaml { line, closing } => (
            0,
            Some(Diagnostic::warning(
                file,
                line,
                1,
                DiagnosticKind::NotFrontMatter { closing },
            )),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(text: &str) -> FrontMatter {
        front_matter(text)
    }

    #[test]
    fn yaml_blocks_are_front_matter() {
        for text in [
            "---\ntitle: my plan\n---\n# A\n",
            "---\r\ntitle: x\r\n...\r\n# A\r\n",
            "---   \n\n# a comment\ntitle: \"a: b\"\n'quoted key': 'v'\ntags:\n- web\n- http\nauthor:\n  name: me\n  mail: me@example.org\ndescription: >\n  folded\n  text\nlast-modified: 2024-01-01 # when\n---\n",
            "---\ntags: # none yet\n-\n---",
        ] {
            let FrontMatter::Yaml { body } = sorted(text) else {
                panic!("{text:?}: {:?}", sorted(text));
            };
            assert!(text[..body].ends_with(['-', '.', '\n']), "{text:?}");
            assert!(!text[body..].contains("---") && !text[body..].contains("..."));
        }
    }

    #[test]
    fn other_blocks_are_markdown() {
        for (text, line, closing) in [
            ("---\n# Backend\n- HTTP\n- DNS\n---\n- REST\n", 3, 5),
            ("---\n\n# A\n\n- b\n\n---\n", 5, 7),
            ("---\n# only a comment\n---\n", 1, 3),
            ("---\n---\n", 1, 2),
            ("---\ntitle: x\nHTTP\n---\n", 3, 4),
            ("---\ntitle: x\n- HTTP\n---\n", 3, 4),
            ("---\nStep one: HTTP basics\n---\n", 2, 3),
            ("---\n  indented: first\n---\n", 2, 3),
            ("---\nkey:value\n---\n", 2, 3),
            ("---\n\"unclosed: x\n---\n", 2, 3),
        ] {
            assert_eq!(
                sorted(text),
                FrontMatter::NotYaml { line, closing },
                "{text:?}"
            );
        }
    }

    #[test]
    fn no_closed_block_is_no_front_matter() {
        for text in [
            "",
            "# A\n",
            "---",
            "---\ntitle: x\n",
            "----\ntitle: x\n----\n",
            " ---\na: b\n---\n",
        ] {
            assert_eq!(sorted(text), FrontMatter::None, "{text:?}");
        }
    }
}
