//! Stage 1 for progress: a progress file's text → its task items.
//!
//! A progress file is a Markdown task list: `- [x]` (or `[X]`) done,
//! `- [/]` or `- [~]` learning, `- [-]` skipped, `- [ ]` todo. Lines that
//! are not task items (headings, notes, prose) are ignored, and so is
//! front matter (by the rule in `outline/front_matter.rs`, which Markdown
//! outlines and notes share). An item's text,
//! without its box and without the decorations the Markdown study order
//! writes (the label's link, a trailing `*(Parent)*`, trailing `` `tag` ``
//! code spans), is a topic reference as in a prerequisite file; the
//! reference is resolved against a roadmap by
//! [`crate::roadmap::Roadmap::apply_progress`]. This module only reads the
//! file: it knows nothing about roadmaps.
//!
//! Parsed with pulldown-cmark, like Markdown outlines, so nesting follows
//! CommonMark (tabs, spaces, lazy lines) and escapes are undone. Linear in
//! the input.

use pulldown_cmark::{Event, Options, Tag, TagEnd};

use crate::outline::TaskState;
use crate::outline::collapse_whitespace;

/// One task item of a progress file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressItem {
    /// The topic reference: the item's text without box or decorations.
    pub reference: String,
    /// The `*(Parent)*` decoration's text, a reference to the parent of
    /// the item's topic, when the item has one.
    pub within: Option<String>,
    /// The task state of its box.
    pub state: TaskState,
    /// The nearest enclosing task item, by index in [`ProgressFile::items`].
    pub parent: Option<usize>,
    /// The byte range of its task box in the file: `[x]`, or for a box read
    /// from the text, as written (`[/]`, `\[/]`, `&#91;/]`).
    pub task_box: std::ops::Range<usize>,
    /// 1-based line and column of the item's text.
    pub line: usize,
    /// See `line`.
    pub column: usize,
}

/// A parsed progress file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProgressFile {
    /// The file name as given, for diagnostics.
    pub file: String,
    /// The task items, in file order.
    pub items: Vec<ProgressItem>,
}

/// One piece of an item's text, for telling the reference from the
/// decorations.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    /// Plain text (and link text).
    Text(String),
    /// A code span.
    Code(String),
    /// Emphasised text.
    Emphasis(String),
}

/// An item being read.
#[derive(Debug, Default)]
struct Open {
    /// Its index in the items, once it is known to be a task item.
    item: Option<usize>,
    /// The nearest enclosing task item.
    above: Option<usize>,
    /// Whether its text has started (only its first paragraph counts).
    started: bool,
    /// Whether its text is over.
    done: bool,
    state: Option<TaskState>,
    /// The byte range of its task box.
    task_box: std::ops::Range<usize>,
    pieces: Vec<Piece>,
    /// Emphasis depth, and the text collected inside it.
    emphasis: usize,
    emphasised: String,
    /// Byte offset of its text.
    at: usize,
    /// The first plain text events: the length of each one's text and its
    /// source range, to find a `[/]` box written with escapes or entities
    /// (`\[/]`, `&#91;/]`).
    opening: Vec<(usize, std::ops::Range<usize>)>,
}

/// Bytes of an item's text kept in [`Open::opening`]: more than a box.
const OPENING: usize = 16;

/// A progress file's text: its bytes without a UTF-8 byte-order mark, or
/// an error at each line that is not valid UTF-8.
///
/// ```
/// assert_eq!(roadmapper::progress::decode("p.md", b"\xEF\xBB\xBF- [x] A\n").unwrap(), "- [x] A\n");
/// assert_eq!(roadmapper::progress::decode("p.md", b"- [x] A\n- [ ] \xFF\n").unwrap_err()[0].line(), Some(2));
/// ```
pub fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, Vec<crate::Diagnostic>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    crate::outline::utf8(file, bytes)
}

/// The box of a state, as a progress file writes it.
pub fn task_box(state: TaskState) -> &'static str {
    match state {
        TaskState::Todo => "[ ]",
        TaskState::Learning => "[/]",
        TaskState::Done => "[x]",
        TaskState::Skipped => "[-]",
    }
}

/// The Markdown extensions a progress file is read with (front matter is
/// skipped by [`body_start`], the rule outlines and notes share).
fn options() -> Options {
    Options::ENABLE_TASKLISTS | Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Where a progress file's Markdown starts: after its front matter.
fn body_start(text: &str) -> usize {
    use crate::outline::front_matter::{FrontMatter, front_matter};
    match front_matter(text) {
        FrontMatter::Yaml { body } => body,
        FrontMatter::None | FrontMatter::NotYaml { .. } => 0,
    }
}

/// The line that closes the block a progress file's text ends inside, when
/// only such a line ends it: an unclosed code fence (its fence), HTML
/// comment (`-->`), `<script>`, `<pre>`, `<style>` or `<textarea>` (its
/// end tag), `<?` (`?>`), `<![CDATA[` (`]]>`) or declaration (`>`). Lines
/// appended after it would be part of the block, not items. A blank line
/// ends every other block, so `None` for them.
///
/// ```
/// use roadmapper::progress::closer_at_end;
/// assert_eq!(closer_at_end("- [x] A\n\n````md\n```\n").as_deref(), Some("````"));
/// assert_eq!(closer_at_end("<!-- later\n- [ ] B").as_deref(), Some("-->"));
/// assert_eq!(closer_at_end("<Script>\nlet a;\n").as_deref(), Some("</script>"));
/// assert_eq!(closer_at_end("```\ncode\n```\n"), None);
/// assert_eq!(closer_at_end("<div>\n"), None);
/// ```
pub fn closer_at_end(text: &str) -> Option<String> {
    // The last top-level block.
    let mut last = None;
    let mut depth = 0usize;
    let body = body_start(text);
    crate::outline::events::for_each_event(&text[body..], options(), |event, range| match event {
        Event::Start(tag) => {
            if depth == 0 {
                last = Some((tag, body + range.start..body + range.end));
            }
            depth += 1;
        }
        Event::End(_) => depth = depth.saturating_sub(1),
        _ if depth == 0 => last = None,
        _ => {}
    });
    let (tag, range) = last?;
    if range.end < text.trim_end().len() {
        return None;
    }
    let block = text.get(range)?.trim_end();
    let first = block.lines().next()?.trim_start_matches(' ');
    let last_line = block.lines().next_back()?;
    match tag {
        Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(_)) => {
            let c = first.chars().next().filter(|c| matches!(c, '`' | '~'))?;
            let n = first.chars().take_while(|&x| x == c).count();
            let end = last_line.trim_start_matches(' ').trim_end();
            let closed = block.lines().count() > 1
                && end.chars().all(|x| x == c)
                && end.chars().count() >= n;
            (!closed).then(|| c.to_string().repeat(n))
        }
        Tag::HtmlBlock => {
            let first = first.to_ascii_lowercase();
            let last_line = last_line.to_ascii_lowercase();
            let raw = ["script", "pre", "style", "textarea"];
            let end = if first.starts_with("<!--") {
                "-->"
            } else if first.starts_with("<?") {
                "?>"
            } else if first.starts_with("<![cdata[") {
                "]]>"
            } else if first.starts_with("<!") {
                ">"
            } else if let Some(name) = raw.iter().find(|name| {
                first
                    .strip_prefix('<')
                    .and_then(|f| f.strip_prefix(**name))
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '>']))
            }) {
                if raw.iter().any(|n| last_line.contains(&format!("</{n}>"))) {
                    return None;
                }
                return Some(format!("</{name}>"));
            } else {
                return None;
            };
            (!last_line.contains(end)).then(|| end.to_string())
        }
        _ => None,
    }
}

/// Whether a progress file's text has a heading of `level` (1 to 6) whose
/// text is `title`.
///
/// ```
/// use roadmapper::progress::has_heading;
/// assert!(has_heading("# Mine\n\n## Added\n\n- [x] A\n", 2, "Added"));
/// assert!(!has_heading("```\n## Added\n```\n", 2, "Added"));
/// ```
pub fn has_heading(text: &str, level: u8, title: &str) -> bool {
    let mut inside = false;
    let mut found = false;
    let mut heading = String::new();
    let body = &text[body_start(text)..];
    crate::outline::events::for_each_event(body, options(), |event, _| match event {
        Event::Start(Tag::Heading { level: l, .. }) if !found => {
            inside = l as u8 == level;
            heading.clear();
        }
        Event::Text(t) | Event::Code(t) if inside => heading.push_str(&t),
        Event::End(TagEnd::Heading(_)) if inside => {
            found = heading.trim() == title;
            inside = false;
        }
        _ => {}
    });
    found
}

/// Reads a progress file. Never fails: what is not a task item is not
/// progress.
///
/// ```
/// use roadmapper::outline::TaskState;
/// let p = roadmapper::progress::parse("p.md", "# Mine\n\n- [x] REST\n  - [/] [HATEOAS](https://x.org) *(APIs)* `optional`\n- plain item\n");
/// assert_eq!(p.items.len(), 2);
/// assert_eq!((p.items[0].reference.as_str(), p.items[0].state), ("REST", TaskState::Done));
/// assert_eq!(p.items[1].reference, "HATEOAS");
/// assert_eq!(p.items[1].within.as_deref(), Some("APIs"));
/// assert_eq!((p.items[1].parent, p.items[1].line), (Some(0), 4));
/// ```
pub fn parse(file: &str, text: &str) -> ProgressFile {
    let mut out = ProgressFile {
        file: file.to_string(),
        items: Vec::new(),
    };
    let options = options();
    // Front matter as outlines and notes skip it; a `---` block that is not
    // front matter holds task items like the rest of the file (what is not
    // a task item is ignored anyway, so it needs no warning).
    let body = body_start(text);
    let lines = LineIndex::new(text);
    let mut stack: Vec<Open> = Vec::new();
    // Inside a block that holds no items' text (code, HTML, tables).
    let mut ignored = 0usize;
    crate::outline::events::for_each_event(&text[body..], options, |event, range| {
        let range = body + range.start..body + range.end;
        match &event {
            Event::Start(tag) if crate::outline::markdown::ignored_container(tag) => {
                ignored += 1;
                return;
            }
            Event::End(tag) if crate::outline::markdown::ignored_container_end(tag) => {
                ignored = ignored.saturating_sub(1);
                return;
            }
            _ if ignored > 0 => return,
            _ => {}
        }
        match event {
            Event::Start(Tag::Item) => {
                // The nearest enclosing task item: O(1), not a walk up.
                let above = stack.last().and_then(|o| o.item.or(o.above));
                stack.push(Open {
                    above,
                    ..Open::default()
                });
            }
            Event::End(TagEnd::Item) => {
                if let Some(open) = stack.pop() {
                    finish(&mut out, open, &lines);
                }
            }
            Event::TaskListMarker(done) => {
                if let Some(open) = stack.last_mut().filter(|o| !o.started) {
                    open.task_box = range.clone();
                    open.state = Some(if done {
                        TaskState::Done
                    } else {
                        TaskState::Todo
                    });
                }
            }
            Event::Start(Tag::List(_))
            | Event::Start(Tag::Paragraph)
            | Event::End(TagEnd::Paragraph)
                if stack.last().is_some_and(|o| o.started) =>
            {
                // The item's first paragraph (or tight text) is over; its
                // reference is known before its sub-items come.
                if let Some(open) = stack.last_mut() {
                    open.done = true;
                }
                let depth = stack.len();
                settle(&mut out, &mut stack, depth, &lines);
            }
            Event::Start(Tag::Emphasis | Tag::Strong) => {
                if let Some(o) = stack.last_mut().filter(|o| !o.done) {
                    o.emphasis += 1;
                }
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong) => {
                if let Some(o) = stack.last_mut().filter(|o| !o.done && o.emphasis > 0) {
                    o.emphasis -= 1;
                    if o.emphasis == 0 {
                        let t = std::mem::take(&mut o.emphasised);
                        o.pieces.push(Piece::Emphasis(t));
                    }
                }
            }
            Event::Text(_) | Event::Code(_) => {
                let (t, code) = match event {
                    Event::Code(t) => (t, true),
                    Event::Text(t) => (t, false),
                    _ => return,
                };
                let Some(o) = stack.last_mut().filter(|o| !o.done) else {
                    return;
                };
                if !o.started {
                    o.started = true;
                    o.at = range.start;
                    if o.state.is_none() {
                        // A `[/]`, `[~]` or `[-]` box is the text's start.
                        o.task_box = range.start..range.start + 3;
                    }
                }
                let first_text = match o.pieces.as_slice() {
                    [] => true,
                    [Piece::Text(t)] => t.len() < OPENING,
                    _ => false,
                };
                if first_text && !code && o.emphasis == 0 {
                    o.opening.push((t.len(), range.clone()));
                }
                if o.emphasis > 0 {
                    o.emphasised.push_str(&t);
                } else if code {
                    o.pieces.push(Piece::Code(t.to_string()));
                } else if let Some(Piece::Text(last)) = o.pieces.last_mut() {
                    // The parser splits text at brackets: one piece.
                    last.push_str(&t);
                } else {
                    o.pieces.push(Piece::Text(t.to_string()));
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(o) = stack.last_mut().filter(|o| !o.done && o.started) {
                    match o.pieces.last_mut() {
                        Some(Piece::Text(last)) => last.push(' '),
                        _ => o.pieces.push(Piece::Text(" ".to_string())),
                    }
                }
            }
            _ => {}
        }
    });
    out
}

/// Gives the innermost open item its place in the items once its text is
/// over (so an item comes before its sub-items).
fn settle(out: &mut ProgressFile, stack: &mut [Open], depth: usize, lines: &LineIndex) {
    let Some(open) = stack.get_mut(depth - 1) else {
        return;
    };
    let parent = open.above;
    if open.item.is_some() {
        return;
    }
    if let Some(item) = item_of(open, parent, lines) {
        open.item = Some(out.items.len());
        out.items.push(item);
    }
}

/// Finishes an item at its end: settles it if its text never ended.
fn finish(out: &mut ProgressFile, mut open: Open, lines: &LineIndex) {
    if open.item.is_some() {
        return;
    }
    let parent = open.above;
    open.done = true;
    if let Some(item) = item_of(&mut open, parent, lines) {
        out.items.push(item);
    }
}

/// The task item an open item is, if it is one.
fn item_of(open: &mut Open, parent: Option<usize>, lines: &LineIndex) -> Option<ProgressItem> {
    let mut pieces = std::mem::take(&mut open.pieces);
    let mut state = open.state;
    // `[/]`, `[~]`, `[-]`: pulldown-cmark reads them as text.
    if state.is_none()
        && let Some(Piece::Text(first)) = pieces.first_mut()
    {
        let trimmed = first.trim_start();
        for (marker, s) in [
            ("[/]", TaskState::Learning),
            ("[~]", TaskState::Learning),
            ("[-]", TaskState::Skipped),
        ] {
            if let Some(rest) = trimmed.strip_prefix(marker)
                && (rest.is_empty() || rest.starts_with([' ', '\t']))
            {
                let lead = first.len() - trimmed.len();
                if let Some(span) = source_span(&open.opening, lead, lead + 3, lines.text) {
                    open.task_box = span;
                }
                state = Some(s);
                *first = rest.to_string();
                break;
            }
        }
    }
    let state = state?;
    // Trailing code spans are the checklist's tags.
    while matches!(pieces.last(), Some(Piece::Code(_))) {
        let only_space_before = matches!(
            pieces.get(pieces.len().wrapping_sub(2)),
            Some(Piece::Text(t)) if t.ends_with(' ')
        ) || matches!(
            pieces.get(pieces.len().wrapping_sub(2)),
            Some(Piece::Emphasis(_))
        );
        if !only_space_before {
            break;
        }
        pieces.pop();
        while matches!(pieces.last(), Some(Piece::Text(t)) if t.trim().is_empty()) {
            pieces.pop();
        }
    }
    // A trailing `*(Parent)*` names the parent.
    let mut within = None;
    if let Some(Piece::Emphasis(e)) = pieces.last() {
        let e = e.trim();
        if let Some(inner) = e.strip_prefix('(').and_then(|e| e.strip_suffix(')')) {
            within = Some(collapse_whitespace(inner));
            pieces.pop();
        }
    }
    let text: String = pieces
        .iter()
        .map(|p| match p {
            Piece::Text(t) | Piece::Code(t) | Piece::Emphasis(t) => t.as_str(),
        })
        .collect();
    let (reference, _tags) = crate::outline::split_label(&collapse_whitespace(&text));
    if reference.is_empty() {
        return None;
    }
    let (line, column) = lines.position(open.at);
    Some(ProgressItem {
        reference,
        within,
        state,
        parent,
        task_box: open.task_box.clone(),
        line,
        column,
    })
}

/// The source range of bytes `from..to` of an item's text, given its
/// first text events (`opening`: each one's text length and source range),
/// with a backslash escaping the first character: what a `[/]` box read
/// from text was written as (`\[/]`, `&#91;/]`). `None` when the events
/// do not reach that far.
fn source_span(
    opening: &[(usize, std::ops::Range<usize>)],
    from: usize,
    to: usize,
    source: &str,
) -> Option<std::ops::Range<usize>> {
    // The source offset of text byte `n`; `end` for the end of byte n - 1.
    let offset = |mut n: usize, end: bool| {
        for (len, range) in opening {
            let within = if end { n <= *len } else { n < *len };
            if within {
                // A text as long as its source is the source itself; else
                // it is one escape or entity, taken whole.
                return Some(if *len == range.len() {
                    range.start + n
                } else if end {
                    range.end
                } else {
                    range.start
                });
            }
            n -= len;
        }
        None
    };
    let mut start = offset(from, false)?;
    let end = offset(to, true)?;
    if start > 0 && source.as_bytes().get(start - 1) == Some(&b'\\') {
        start -= 1;
    }
    (start < end && source.get(start..end).is_some()).then_some(start..end)
}

/// Byte offsets to 1-based lines and columns (in characters).
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    fn position(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference, parent decoration, state, parent item, line.
    type Item = (String, Option<String>, TaskState, Option<usize>, usize);

    fn items(src: &str) -> Vec<Item> {
        parse("p.md", src)
            .items
            .into_iter()
            .map(|i| (i.reference, i.within, i.state, i.parent, i.line))
            .collect()
    }

    #[test]
    fn every_box_and_nothing_else() {
        let got = items(
            "# Progress\n\nSome notes.\n\n- [x] A\n- [X] B\n- [/] C\n- [~] D\n- [-] E\n- [ ] F\n- G\n\n```\n- [x] in code\n```\n",
        );
        let states: Vec<(String, TaskState)> = got.iter().map(|g| (g.0.clone(), g.2)).collect();
        assert_eq!(
            states,
            [
                ("A".to_string(), TaskState::Done),
                ("B".to_string(), TaskState::Done),
                ("C".to_string(), TaskState::Learning),
                ("D".to_string(), TaskState::Learning),
                ("E".to_string(), TaskState::Skipped),
                ("F".to_string(), TaskState::Todo),
            ]
        );
    }

    #[test]
    fn the_checklists_decorations_are_not_the_reference() {
        let got = items(
            "- [ ] [MD5 (Don't Use)](https://x.org/a_(b)) *(Web Security)* `optional` `legacy`\n- [x] Use `grep` here\n- [ ] APIs > SOAP\n",
        );
        assert_eq!(got[0].0, "MD5 (Don't Use)");
        assert_eq!(got[0].1.as_deref(), Some("Web Security"));
        assert_eq!(got[1].0, "Use grep here");
        assert_eq!(got[2].0, "APIs > SOAP");
    }

    #[test]
    fn a_box_read_from_text_spans_its_escapes() {
        for (src, written) in [
            ("- [/] REST\n", "[/]"),
            ("- \\[/] REST\n", "\\[/]"),
            ("- &#91;/] REST\n", "&#91;/]"),
            ("- \\[\\-\\] REST\n", "\\[\\-\\]"),
            ("- &lsqb;~&rsqb; REST\n", "&lsqb;~&rsqb;"),
        ] {
            let p = parse("p.md", src);
            assert_eq!(p.items.len(), 1, "{src:?}");
            assert_eq!(&src[p.items[0].task_box.clone()], written, "{src:?}");
        }
    }

    #[test]
    fn nesting_lines_and_escapes() {
        let got = items("- [x] Web\n\t- [ ] HTTP\n    - [/] \\*REST\\*\n- [ ] DNS\r\n");
        assert_eq!(got[0], ("Web".into(), None, TaskState::Done, None, 1));
        assert_eq!(got[1], ("HTTP".into(), None, TaskState::Todo, Some(0), 2));
        assert_eq!(
            got[2],
            ("*REST*".into(), None, TaskState::Learning, Some(0), 3)
        );
        assert_eq!(got[3], ("DNS".into(), None, TaskState::Todo, None, 4));
    }
}
