//! Stage 1: outline text → [`Outline`].
//!
//! An outline is one topic per line, nested by indentation, or a Markdown
//! document as markmap reads it (headings nest by level, list items by
//! their list structure under the heading above them): [`markdown`] says
//! how a file is recognised as Markdown and what its topics are. This
//! module owns the plain text format: line splitting, indentation levels,
//! list markers, trailing tags. It knows nothing about graphs.
//!
//! # Complexity and limits
//!
//! Parsing is linear in the input: each line is split, trimmed and
//! scanned for tags a constant number of times, the indentation stack
//! pushes and pops each level once, and repeated tags are found with a
//! hash set. A topic may carry at most [`MAX_TAGS`] tags; more is an error
//! at its line rather than a slow or unreadable drawing.
//!
//! A file whose lines are all unindented `A -> B` (two or more, besides
//! `#` lines) is a prerequisite file given as the outline: one error that
//! says so, rather than a roadmap of roots labelled `A -> B`.

use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::link::Link;

pub mod markdown;

/// A topic's task box in a Markdown outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TaskState {
    /// `[ ]`
    Todo,
    /// `[/]` or `[~]`
    Learning,
    /// `[x]` or `[X]`
    Done,
    /// `[-]`
    Skipped,
}

impl TaskState {
    /// `todo`, `learning`, `done` or `skipped`.
    pub fn name(self) -> &'static str {
        match self {
            TaskState::Todo => "todo",
            TaskState::Learning => "learning",
            TaskState::Done => "done",
            TaskState::Skipped => "skipped",
        }
    }
}

/// One line of the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineTopic {
    /// The label, whitespace collapsed, without tags or a trailing colon.
    pub label: String,
    /// Trailing bracket groups, lowercased: `[recommended]` → `recommended`.
    pub tags: Vec<String>,
    /// 0 for a root, parent's depth + 1 otherwise.
    pub depth: usize,
    /// Index of the parent in [`Outline::topics`].
    pub parent: Option<usize>,
    /// 1-based source line.
    pub line: usize,
    /// 1-based column (in characters) where the label text starts.
    pub column: usize,
    /// The task box of a Markdown list item, if it has one.
    pub state: Option<TaskState>,
    /// A Markdown topic's first paragraph.
    pub description: Option<String>,
    /// A Markdown topic's own first link (the plain format has none).
    pub links: Vec<Link>,
}

/// A parsed outline: topics in outline (pre-)order, so every parent comes
/// before its children and a subtree is a contiguous run.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outline {
    /// The file name as given by the user, used in diagnostics.
    pub file: String,
    /// The topics, in the order they appear.
    pub topics: Vec<OutlineTopic>,
    /// Warnings (a Markdown link with a refused scheme).
    pub warnings: Vec<Diagnostic>,
}

/// The most tags one topic may carry. Tags mark a topic as recommended,
/// optional, an alternative and the like: real outlines use one to three,
/// and every tag is drawn on the poster and exported, so 64 is far beyond
/// any useful count while keeping a stray `[a] [b] ...` paste from making
/// a topic unreadable.
pub const MAX_TAGS: usize = 64;

/// How many enclosing levels on each side of a bad dedent the hint names.
const NEAREST_LEVELS: usize = 4;

#[derive(Debug, Clone, Copy)]
enum Level {
    Heading(usize),
    Indent(usize),
}

/// Parses an outline from raw bytes.
///
/// Accepts UTF-8 with or without a BOM, LF or CRLF line ends, and a last
/// line without a newline. Returns every error found (invalid UTF-8, mixed
/// tabs and spaces, a dedent between levels, an empty label), not only the
/// first.
///
/// Runs in time linear in the input.
///
/// ```
/// let outline = roadmapper::outline::parse("demo.txt", b"Web:\n  HTTP [recommended]\n  DNS\n").unwrap();
/// assert_eq!(outline.topics.len(), 3);
/// assert_eq!(outline.topics[1].label, "HTTP");
/// assert_eq!(outline.topics[1].tags, ["recommended"]);
/// assert_eq!(outline.topics[2].parent, Some(0));
/// ```
pub fn parse(file: &str, bytes: &[u8]) -> Result<Outline, Vec<Diagnostic>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // UTF-16 without a byte-order mark is valid UTF-8 full of NUL bytes:
    // refuse it at once rather than read labels like `R\0o\0o\0t`.
    if looks_like_utf16(bytes) {
        return Err(vec![Diagnostic::error(
            file,
            1,
            1,
            DiagnosticKind::InvalidUtf8,
        )]);
    }
    if markdown::is_markdown(file, bytes) {
        return parse_markdown(file, bytes);
    }
    let mut errors = Vec::new();
    let mut topics: Vec<OutlineTopic> = Vec::new();
    let mut stack: Vec<(Level, usize)> = Vec::new();
    // (uses tabs, line) of the first indented line.
    let mut indent_style: Option<(bool, usize)> = None;
    let mut indentation_broken = false;
    // Unindented `A -> B` lines (with the first), and lines of any other
    // kind but `#` lines: a prerequisite file given as the outline.
    let mut arrow_lines = 0;
    let mut first_arrow_line = None;
    let mut other_lines = 0;

    for (index, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let line_no = index + 1;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let text = match line_text(file, line_no, raw) {
            Ok(text) => text,
            Err(d) => {
                errors.push(*d);
                continue;
            }
        };
        // A byte-order mark inside the file (files pasted together) is
        // invisible: ignore it rather than make it part of the indentation.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            continue;
        }
        if let Some(at) = text.find('\r') {
            // Old Mac line ends (CR only) would glue lines into one label.
            errors.push(Diagnostic::error(
                file,
                line_no,
                text[..at].chars().count() + 1,
                DiagnosticKind::StrayCarriageReturn,
            ));
            continue;
        }

        let indent_len = text.len() - text.trim_start_matches([' ', '\t']).len();
        let indent = &text[..indent_len];
        let body = &text[indent_len..];
        if indent_len == 0 && body.starts_with('#') {
            // A comment in a prerequisite file, a heading in Markdown.
        } else if indent_len == 0 && body.contains("->") && strip_list_marker(body) == body {
            arrow_lines += 1;
            first_arrow_line.get_or_insert(line_no);
        } else {
            other_lines += 1;
        }
        if let Some((at, c)) = other_space_in_indentation(text) {
            // Read as a label character, a no-break space would silently
            // flatten the line to a root.
            errors.push(Diagnostic::error(
                file,
                line_no,
                text[..at].chars().count() + 1,
                DiagnosticKind::UnicodeIndentation { character: c },
            ));
            indentation_broken = true;
            continue;
        }
        let width = indent.len(); // one column per tab or space: only one kind is allowed
        let has_tab = indent.contains('\t');
        let has_space = indent.contains(' ');
        if !indentation_broken && (has_tab || has_space) {
            let mixed_here = has_tab && has_space;
            match indent_style {
                _ if mixed_here => {
                    indentation_broken = true;
                    errors.push(Diagnostic::error(
                        file,
                        line_no,
                        1,
                        DiagnosticKind::MixedIndentation {
                            first_uses_tabs: indent_style.map_or(indent.starts_with('\t'), |s| s.0),
                            first_line: indent_style.map_or(line_no, |s| s.1),
                        },
                    ));
                }
                None => indent_style = Some((has_tab, line_no)),
                Some((tabs, first_line)) if tabs != has_tab => {
                    indentation_broken = true;
                    errors.push(Diagnostic::error(
                        file,
                        line_no,
                        1,
                        DiagnosticKind::MixedIndentation {
                            first_uses_tabs: tabs,
                            first_line,
                        },
                    ));
                }
                Some(_) => {}
            }
        }

        let column = indent_len + 1;
        let (level, content) = match heading(body) {
            Some((level, content)) if indent_len == 0 => (Level::Heading(level), content),
            _ => (Level::Indent(width), strip_list_marker(body)),
        };

        let parent = match level {
            Level::Heading(h) => {
                while let Some(&(top, _)) = stack.last() {
                    match top {
                        Level::Heading(t) if t < h => break,
                        _ => {
                            stack.pop();
                        }
                    }
                }
                stack.last().map(|&(_, t)| t)
            }
            Level::Indent(w) => {
                // Widths popped by this dedent, innermost first. Each level
                // is pushed and popped once, so this stays linear.
                let mut popped: Vec<usize> = Vec::new();
                while let Some(&(Level::Indent(top), _)) = stack.last() {
                    if top > w {
                        stack.pop();
                        popped.push(top);
                    } else {
                        break;
                    }
                }
                match stack.last() {
                    Some(&(Level::Indent(top), _)) if top == w => {
                        stack.pop();
                    }
                    Some(&(Level::Indent(_), _)) if !popped.is_empty() && !indentation_broken => {
                        // The enclosing levels nearest to the line, outermost first.
                        let mut expected: Vec<usize> = stack
                            .iter()
                            .rev()
                            .map_while(|(l, _)| match l {
                                Level::Indent(w) => Some(*w),
                                Level::Heading(_) => None,
                            })
                            .take(NEAREST_LEVELS)
                            .collect();
                        expected.reverse();
                        expected.extend(popped.iter().rev().take(NEAREST_LEVELS));
                        errors.push(Diagnostic::error(
                            file,
                            line_no,
                            column,
                            DiagnosticKind::BadDedent { found: w, expected },
                        ));
                    }
                    _ => {}
                }
                stack.last().map(|&(_, t)| t)
            }
        };

        let (label, tags) = split_label(content);
        if tags.len() > MAX_TAGS {
            errors.push(Diagnostic::error(
                file,
                line_no,
                column,
                DiagnosticKind::TooManyTags { count: tags.len() },
            ));
            continue;
        }
        if label.is_empty() {
            errors.push(Diagnostic::error(
                file,
                line_no,
                column,
                DiagnosticKind::EmptyLabel,
            ));
            continue;
        }
        let depth = parent.map_or(0, |p| topics[p].depth + 1);
        stack.push((level, topics.len()));
        topics.push(OutlineTopic {
            label,
            tags,
            depth,
            parent,
            line: line_no,
            column,
            state: None,
            description: None,
            links: Vec::new(),
        });
    }

    if let Some(line) = first_arrow_line.filter(|_| other_lines == 0 && arrow_lines >= 2) {
        // Every topic would be a root labelled `A -> B`.
        return Err(vec![Diagnostic::error(
            file,
            line,
            1,
            DiagnosticKind::OutlineLooksLikePrereqs { lines: arrow_lines },
        )]);
    }
    if errors.is_empty() {
        Ok(Outline {
            file: file.to_string(),
            topics,
            warnings: Vec::new(),
        })
    } else {
        Err(errors)
    }
}

/// [`parse`] for a Markdown outline: every invalid UTF-8 line reported,
/// a prerequisite file refused as in the plain format, then
/// [`markdown`]'s reading.
fn parse_markdown(file: &str, bytes: &[u8]) -> Result<Outline, Vec<Diagnostic>> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => {
            let errors = bytes
                .split(|&b| b == b'\n')
                .enumerate()
                .filter_map(|(i, raw)| line_text(file, i + 1, raw).err().map(|d| *d))
                .collect();
            return Err(errors);
        }
    };
    if let Some((line, lines)) = prerequisite_lines(text) {
        return Err(vec![Diagnostic::error(
            file,
            line,
            1,
            DiagnosticKind::OutlineLooksLikePrereqs { lines },
        )]);
    }
    let parsed = markdown::parse(file, text);
    if parsed.errors.is_empty() {
        Ok(Outline {
            file: file.to_string(),
            topics: parsed.topics,
            warnings: parsed.warnings,
        })
    } else {
        Err(parsed.errors)
    }
}

/// The first line and the count of unindented `A -> B` lines, when there
/// are two or more and every other line is blank or starts with `#`: a
/// prerequisite file given as the outline.
fn prerequisite_lines(text: &str) -> Option<(usize, usize)> {
    let mut first = None;
    let mut count = 0;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with([' ', '\t']) || !line.contains("->") || strip_list_marker(line) != line
        {
            return None;
        }
        count += 1;
        first.get_or_insert(i + 1);
    }
    first.filter(|_| count >= 2).map(|line| (line, count))
}

/// The first character of the line's indentation that looks like a space
/// but is neither a space nor a tab (a no-break space, an ideographic
/// space, ...), with its byte offset.
fn other_space_in_indentation(text: &str) -> Option<(usize, char)> {
    if text
        .as_bytes()
        .first()
        .is_some_and(|&b| b < 0x80 && !matches!(b, b' ' | b'\t' | 0x0b | 0x0c))
    {
        return None; // The usual case: a label right at the start.
    }
    text.char_indices()
        .take_while(|&(_, c)| c == ' ' || c == '\t' || space_name(c).is_some())
        .find(|&(_, c)| c != ' ' && c != '\t')
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

/// A line's bytes as text, or the error naming the column of its first
/// byte that is not UTF-8 (outline and prerequisite files alike).
pub(crate) fn line_text<'a>(
    file: &str,
    line: usize,
    raw: &'a [u8],
) -> Result<&'a str, Box<Diagnostic>> {
    std::str::from_utf8(raw).map_err(|e| {
        let column = String::from_utf8_lossy(&raw[..e.valid_up_to()])
            .chars()
            .count()
            + 1;
        Box::new(Diagnostic::error(
            file,
            line,
            column,
            DiagnosticKind::InvalidUtf8,
        ))
    })
}

/// `## Title ##` → (2, "Title"). Only `#` runs of 1 to 6 followed by
/// whitespace (or nothing) are headings, as in CommonMark.
fn heading(body: &str) -> Option<(usize, &str)> {
    let hashes = body.len() - body.trim_start_matches('#').len();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &body[hashes..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    let rest = rest.trim();
    // An optional closing sequence of `#`s, preceded by a space.
    let closed = rest.trim_end_matches('#');
    let rest = if closed.len() < rest.len() && (closed.is_empty() || closed.ends_with([' ', '\t']))
    {
        closed
    } else {
        rest
    };
    Some((hashes, rest))
}

/// Strips a Markdown list marker (`-`, `*`, `+`, `1.`, `1)`) and a task box
/// (`[ ]`, `[x]`) from the start of a line's content.
fn strip_list_marker(body: &str) -> &str {
    let after = if let Some(rest) = body.strip_prefix(['-', '*', '+']) {
        rest
    } else {
        let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        match body[digits..].strip_prefix(['.', ')']) {
            Some(rest) if (1..=9).contains(&digits) => rest,
            _ => return body,
        }
    };
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return body;
    }
    let after = after.trim_start();
    for task in ["[ ] ", "[x] ", "[X] "] {
        if let Some(rest) = after.strip_prefix(task) {
            return rest.trim_start();
        }
    }
    after
}

/// Splits raw label text into the label and its trailing tags.
///
/// Trailing `[tag]` groups become tags (a group may list several, separated
/// by commas), a trailing `:` is dropped, runs of whitespace collapse to one
/// space. A bracket group with nothing before it stays part of the label.
///
/// ```
/// use roadmapper::outline::split_label;
/// let (label, tags) = split_label("  Backend   Roadmap.sh [notes]:");
/// assert_eq!(label, "Backend Roadmap.sh");
/// assert_eq!(tags, ["notes"]);
/// assert_eq!(split_label("Nginx [recommended] [Web, Proxy]").1, ["recommended", "web", "proxy"]);
/// ```
pub fn split_label(raw: &str) -> (String, Vec<String>) {
    let mut s = raw.trim();
    let mut groups: Vec<&str> = Vec::new();
    loop {
        if let Some(rest) = s.strip_suffix(':') {
            s = rest.trim_end();
            continue;
        }
        if let Some(inner_end) = s.strip_suffix(']') {
            if let Some(open) = inner_end.rfind('[') {
                let inner = &inner_end[open + 1..];
                let before = inner_end[..open].trim_end();
                if !inner.contains(']') && !before.is_empty() {
                    groups.push(inner);
                    s = before;
                    continue;
                }
            }
        }
        break;
    }
    let mut tags: Vec<String> = Vec::new();
    // Repeats are found by a scan while there are few tags (the usual
    // case, no allocation) and by a hash set beyond, so a line of many
    // thousands of tags stays linear.
    let mut seen: Option<rustc_hash::FxHashSet<String>> = None;
    for group in groups.iter().rev() {
        for tag in group.split(',') {
            let tag = collapse_whitespace(tag).to_lowercase();
            if tag.is_empty() {
                continue;
            }
            let new = match &mut seen {
                Some(set) => set.insert(tag.clone()),
                None if tags.len() < 16 => !tags.contains(&tag),
                None => {
                    let set = seen.insert(tags.iter().cloned().collect());
                    set.insert(tag.clone())
                }
            };
            if new {
                tags.push(tag);
            }
        }
    }
    (collapse_whitespace(s), tags)
}

/// Collapses runs of whitespace to one space and trims both ends.
pub fn collapse_whitespace(s: &str) -> String {
    // ASCII without tabs, line breaks, or leading, trailing or double
    // spaces has nothing to collapse (the usual case). Branch-free loops,
    // so the check is vectorised.
    let bytes = s.as_bytes();
    let mut bad = false;
    for &c in bytes {
        bad |= (c >= 0x80) | (c.wrapping_sub(0x09) < 5);
    }
    for w in bytes.windows(2) {
        bad |= (w[0] == b' ') & (w[1] == b' ');
    }
    let tidy = !bad && bytes.first() != Some(&b' ') && bytes.last() != Some(&b' ');
    if tidy {
        // Nothing to collapse (the usual case).
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The form labels are compared in: tags and trailing colon dropped,
/// whitespace collapsed, lowercased.
///
/// ```
/// assert_eq!(roadmapper::outline::normalize("  What is   HTTP: [recommended]"), "what is http");
/// ```
pub fn normalize(raw: &str) -> String {
    split_label(raw).0.to_lowercase()
}

/// Whether the text is UTF-16 without a byte-order mark: NUL bytes in
/// every other position of its start.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64)];
    if head.len() < 4 {
        return false;
    }
    let nul_at = |parity: usize| {
        head.iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == parity)
            .filter(|(_, b)| **b == 0)
            .count()
    };
    let half = head.len() / 2;
    nul_at(0) * 4 >= half * 3 || nul_at(1) * 4 >= half * 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(src: &str) -> Vec<(String, usize, Option<usize>)> {
        parse("t", src.as_bytes())
            .unwrap()
            .topics
            .into_iter()
            .map(|t| (t.label, t.depth, t.parent))
            .collect()
    }

    fn errs(src: &[u8]) -> Vec<Diagnostic> {
        parse("t", src).unwrap_err()
    }

    #[test]
    fn indent_widths() {
        for indent in ["  ", "   ", "    ", "\t"] {
            let src = format!("A\n{indent}B\n{indent}{indent}C\n{indent}D\nE\n");
            assert_eq!(
                labels(&src),
                [
                    ("A".into(), 0, None),
                    ("B".into(), 1, Some(0)),
                    ("C".into(), 2, Some(1)),
                    ("D".into(), 1, Some(0)),
                    ("E".into(), 0, None),
                ],
                "indent {indent:?}"
            );
        }
    }

    #[test]
    fn bad_dedent_names_levels() {
        let e = errs(b"A\n    B\n        C\n  D\n");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, 4);
        assert_eq!(
            e[0].kind,
            DiagnosticKind::BadDedent {
                found: 2,
                expected: vec![0, 4, 8]
            }
        );
    }

    #[test]
    fn mixed_tabs_and_spaces() {
        let e = errs(b"A\n\tB\nC\n    D\n\tE\n");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, 4);
        assert!(matches!(
            e[0].kind,
            DiagnosticKind::MixedIndentation {
                first_uses_tabs: true,
                first_line: 2
            }
        ));
        let e = errs(b"A\n \tB\n");
        assert_eq!(e[0].line, 2);
    }

    #[test]
    fn bom_crlf_no_final_newline() {
        let t = labels("\u{feff}A:\r\n  B\r\n\r\n  C");
        assert_eq!(t.len(), 3);
        assert_eq!(t[0].0, "A");
        assert_eq!(t[2].0, "C");
    }

    #[test]
    fn invalid_utf8_names_line() {
        let e = errs(b"A\n  B\xff\n  C\xfe\n");
        assert_eq!(e.len(), 2);
        assert_eq!((e[0].line, e[0].column), (2, 4));
        assert_eq!(e[1].line, 3);
        assert_eq!(e[0].kind, DiagnosticKind::InvalidUtf8);
    }

    #[test]
    fn labels_and_tags() {
        assert_eq!(split_label("Web Servers:"), ("Web Servers".into(), vec![]));
        assert_eq!(split_label("A  :  B"), ("A : B".into(), vec![]));
        assert_eq!(
            split_label("Nginx [recommended]"),
            ("Nginx".into(), vec!["recommended".into()])
        );
        assert_eq!(split_label("[notes]"), ("[notes]".into(), vec![]));
        assert_eq!(split_label("Arrays [1] x"), ("Arrays [1] x".into(), vec![]));
        assert_eq!(
            split_label("PostgreSQL, MySQL, MariaDB"),
            ("PostgreSQL, MySQL, MariaDB".into(), vec![])
        );
    }

    #[test]
    fn many_tags_are_found_in_linear_time_and_capped() {
        let many: String = (0..40).map(|i| format!(" [t{}]", i % 20)).collect();
        let (_, tags) = split_label(&format!("Topic{many}"));
        assert_eq!(tags.len(), 20, "repeats dropped past the scan threshold");
        let ok: String = (0..MAX_TAGS).map(|i| format!(" [t{i}]")).collect();
        assert_eq!(labels(&format!("Root\n  A{ok}\n")).len(), 2);
        let over: String = (0..=MAX_TAGS).map(|i| format!(" [t{i}]")).collect();
        let e = errs(format!("Root\n  A{over}\n").as_bytes());
        assert_eq!(e.len(), 1);
        assert_eq!((e[0].line, e[0].column), (2, 3));
        assert_eq!(
            e[0].kind,
            DiagnosticKind::TooManyTags {
                count: MAX_TAGS + 1
            }
        );
    }

    #[test]
    fn unicode_spaces_in_indentation_are_errors() {
        for c in ['\u{a0}', '\u{3000}', '\u{2003}', '\u{200b}', '\u{c}'] {
            let e = errs(format!("Root\n{c}{c}A\n  B\n \t{c}C\n").as_bytes());
            assert_eq!(e.len(), 2, "{c:?}: {e:?}");
            assert_eq!((e[0].line, e[0].column), (2, 1));
            assert_eq!((e[1].line, e[1].column), (4, 3));
            assert_eq!(
                e[0].kind,
                DiagnosticKind::UnicodeIndentation { character: c }
            );
            let e = errs(format!("Root\n  {c}A\n").as_bytes());
            assert_eq!((e[0].line, e[0].column), (2, 3));
        }
        let d = &errs("Root\n\u{a0}\u{a0}A\n".as_bytes())[0];
        assert_eq!(
            d.message(),
            "indentation uses U+00A0 NO-BREAK SPACE; use spaces or tabs"
        );
        // Inside a label such spaces are whitespace like any other.
        assert_eq!(labels("Root\n  A\u{a0}B\u{3000}\n")[1].0, "A B");
    }

    #[test]
    fn a_prerequisite_file_given_as_the_outline_is_one_error() {
        let e = errs(b"# why -> how\n\nA -> B\nB -> C\n");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, 3);
        assert_eq!(
            e[0].kind,
            DiagnosticKind::OutlineLooksLikePrereqs { lines: 2 }
        );
        // Labels with arrows in a real outline are fine.
        assert_eq!(labels("Root\n  A -> B\n  C -> D\n").len(), 3);
        assert_eq!(labels("A -> B\n").len(), 1);
        assert_eq!(labels("- A -> B\n- C -> D\n").len(), 2);
    }

    #[test]
    fn empty_label_is_an_error() {
        let e = errs(b"A\n  -\n  :\n");
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].kind, DiagnosticKind::EmptyLabel);
    }

    #[test]
    fn markdown_headings_and_lists() {
        let src = "# Backend\n\n## Internet\n- How it works\n  - DNS\n- HTTP\n## APIs\n1. REST\n2. [ ] SOAP\n### Deep ###\n* x\n";
        assert_eq!(
            labels(src),
            [
                ("Backend".into(), 0, None),
                ("Internet".into(), 1, Some(0)),
                ("How it works".into(), 2, Some(1)),
                ("DNS".into(), 3, Some(2)),
                ("HTTP".into(), 2, Some(1)),
                ("APIs".into(), 1, Some(0)),
                ("REST".into(), 2, Some(5)),
                ("SOAP".into(), 2, Some(5)),
                ("Deep".into(), 2, Some(5)),
                ("x".into(), 3, Some(8)),
            ]
        );
    }

    #[test]
    fn not_markers() {
        assert_eq!(strip_list_marker("-x"), "-x");
        assert_eq!(strip_list_marker("2024 plans"), "2024 plans");
        assert_eq!(strip_list_marker("C# basics"), "C# basics");
        assert_eq!(heading("#hashtag"), None);
        assert_eq!(heading("####### seven"), None);
        assert_eq!(heading("# C#"), Some((1, "C#")));
    }

    #[test]
    fn seed_loads() {
        let seed = include_bytes!("../tests/fixtures/backend-seed.txt");
        let o = parse("seed", seed).unwrap();
        assert_eq!(o.topics.len(), 107);
        assert_eq!(o.topics.iter().map(|t| t.depth).max(), Some(3));
        assert_eq!(o.topics[0].label, "Backend Roadmap.sh");
        assert_eq!(o.topics[0].tags, ["notes"]);
    }
}
