//! Stage 1: outline text → [`Outline`].
//!
//! An outline is one topic per line, nested by indentation (the plain format), or a
//! Markdown document as markmap reads it (headings nest by level, list items
//! by their list structure under the heading above them): [`markdown`] says
//! how a file is recognised as Markdown and what its topics are. This module
//! owns what both share: the [`Outline`] they produce, the encoding checks,
//! labels and trailing tags. It knows nothing about graphs.
//!
//! A topic may carry at most [`MAX_TAGS`] tags; more is an error at its line
//! rather than a slow or unreadable drawing. A file whose lines are all
//! unindented `A -> B` (two or more, besides `#` lines) is a prerequisite
//! file given as the outline: one error that says so, rather than a roadmap
//! of roots labelled `A -> B`.

use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::link::Link;

pub(crate) mod events;
pub(crate) mod front_matter;
pub mod markdown;
mod plain;

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
    plain::parse(file, bytes)
}

/// The file's text, or an error at each line that is not valid UTF-8
/// (the Markdown formats read the whole file at once, so one bad line
/// stops them all; each is reported).
pub(crate) fn utf8<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, Vec<Diagnostic>> {
    std::str::from_utf8(bytes).map_err(|_| {
        bytes
            .split(|&b| b == b'\n')
            .enumerate()
            .filter_map(|(i, raw)| line_text(file, i + 1, raw).err().map(|d| *d))
            .collect()
    })
}

/// [`parse`] for a Markdown outline: every invalid UTF-8 line reported,
/// a prerequisite file refused as in the plain format, then
/// [`markdown`]'s reading.
fn parse_markdown(file: &str, bytes: &[u8]) -> Result<Outline, Vec<Diagnostic>> {
    let text = utf8(file, bytes)?;
    if let Some((line, lines)) = prerequisite_lines(text) {
        return Err(vec![Diagnostic::error(
            file,
            line,
            1,
            DiagnosticKind::OutlineLooksLikePrereqs { lines },
        )]);
    }
    let mut parsed = markdown::parse(file, text);
    if parsed.topics.is_empty() && !text.trim().is_empty() {
        // Text that gives no topic: said by every command, as the text is
        // dropped (a blank file, in either format, is `check`'s warning).
        parsed.warnings.push(Diagnostic::warning(
            file,
            1,
            1,
            DiagnosticKind::MarkdownWithoutTopics {
                extension: markdown::markdown_extension(file),
            },
        ));
    }
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
/// prerequisite file given as the outline (or as notes).
pub(crate) fn prerequisite_lines(text: &str) -> Option<(usize, usize)> {
    let mut first = None;
    let mut count = 0;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with([' ', '\t'])
            || !line.contains("->")
            || plain::strip_list_marker(line) != line
        {
            return None;
        }
        count += 1;
        first.get_or_insert(i + 1);
    }
    first.filter(|_| count >= 2).map(|line| (line, count))
}

pub use crate::terminal::space_name;

/// For each topic, the index just past its subtree (outline order).
pub fn subtree_ends(outline: &Outline) -> Vec<usize> {
    let n = outline.topics.len();
    let mut end: Vec<usize> = (1..=n).collect();
    for i in (0..n).rev() {
        if let Some(p) = outline.topics[i].parent {
            end[p] = end[p].max(end[i]);
        }
    }
    end
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
        if let Some(inner_end) = s.strip_suffix(']')
            && let Some(open) = inner_end.rfind('[')
        {
            let inner = &inner_end[open + 1..];
            let before = inner_end[..open].trim_end();
            if !inner.contains(']') && !before.is_empty() {
                groups.push(inner);
                s = before;
                continue;
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
