//! Markdown outlines, read with pulldown-cmark (CommonMark plus GFM
//! tables, strikethrough and task lists; YAML front matter skipped by the
//! rule in `outline/front_matter.rs`), the way markmap reads a Markdown
//! file with markdown-it.
//!
//! # Which files are Markdown
//!
//! A file is read as Markdown when its name ends in `.md` or `.markdown`
//! (any case), or when its first non-blank line is a heading (`# Title`)
//! or a list item (`- `, `* `, `+ `, `1. `, `1) `). Anything else is the
//! plain outline format, one topic per indented line ([`super::parse`]).
//!
//! # What is a topic
//!
//! - Every heading and every list item is a topic; nothing else is.
//!   Headings nest by level; list items nest by their list structure, so
//!   tabs, spaces and lazy continuation lines mean what CommonMark says.
//!   A top-level list sits under the heading above it.
//! - A list item whose first block is a heading (`- ### Trees`) is one
//!   topic with the heading's text. A list item with no text of its own
//!   (its first block a code block, a quote, a table, a nested list) is no
//!   topic: its sub-items belong to the topic around it. A heading inside
//!   an item, after its text, is a child of that item.
//! - Paragraphs, block quotes (and everything in them), code blocks,
//!   tables, HTML and front matter are not topics. The first paragraph
//!   under a heading, or after an item's text inside the item, is that
//!   topic's description.
//! - A label is the text with its markup removed (a link's text, an
//!   image's alt text, code and emphasis as plain text, inline HTML left
//!   out), whitespace collapsed. Trailing `[tag]` groups written as plain
//!   text are tags, as in the plain format; brackets inside a link's text
//!   or a code span are not.
//! - A task box at the start of an item is stripped and kept as the
//!   topic's [`TaskState`]: `[ ]` todo, `[x]`/`[X]` done, `[/]` or `[~]`
//!   learning, `[-]` skipped.
//! - The first link in a heading's or an item's own text is the topic's
//!   first link, if it is an absolute `http`, `https` or `mailto` URL
//!   ([`crate::link::check_url`]; an email autolink `<me@example.org>` is
//!   a `mailto:` link): a relative link is dropped without a word, another
//!   scheme (`javascript:`) with a warning at its line.
//!
//! Positions come from pulldown-cmark's offsets, so every topic keeps the
//! 1-based line and column where its label starts.

use pulldown_cmark::{Event, HeadingLevel, Options, Tag, TagEnd};

use super::{MAX_TAGS, OutlineTopic, TaskState, collapse_whitespace, split_label};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::link::{Link, UrlCheck, check_url, markdown_url};

/// Whether a file is read as Markdown: by its name, else by its first
/// non-blank line (see the module documentation).
///
/// ```
/// use roadmapper::outline::markdown::is_markdown;
/// assert!(is_markdown("plan.MD", b"anything"));
/// assert!(is_markdown("<stdin>", b"\n# Backend\n"));
/// assert!(is_markdown("plan.txt", b"- [ ] HTTP\n"));
/// assert!(!is_markdown("plan.txt", b"Backend\n  - HTTP\n"));
/// assert!(!is_markdown("plan.txt", b"#hashtag\n"));
/// assert!(!is_markdown("plan.txt", b"#\n-\n"));
/// ```
pub fn is_markdown(file: &str, bytes: &[u8]) -> bool {
    if markdown_extension(file).is_some() {
        return true;
    }
    let Some(first) = bytes
        .split(|&b| b == b'\n')
        .map(|l| l.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(l))
        .find(|l| l.iter().any(|b| !b.is_ascii_whitespace()))
    else {
        return false;
    };
    let first = String::from_utf8_lossy(first);
    let line = first.trim_end();
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return false;
    }
    let body = &line[indent..];
    let spaced = |rest: &str| rest.is_empty() || rest.starts_with([' ', '\t']);
    let hashes = body.len() - body.trim_start_matches('#').len();
    if (1..=6).contains(&hashes) {
        let rest = &body[hashes..];
        return spaced(rest) && !rest.trim().trim_end_matches('#').trim().is_empty();
    }
    if let Some(rest) = body.strip_prefix(['-', '*', '+']) {
        return spaced(rest) && !rest.trim().is_empty();
    }
    let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    (1..=9).contains(&digits)
        && body[digits..]
            .strip_prefix(['.', ')'])
            .is_some_and(|rest| spaced(rest) && !rest.trim().is_empty())
}

/// The Markdown extension a file's name ends in (`.md` or `.markdown`, any
/// case), which makes it Markdown whatever it holds.
pub(crate) fn markdown_extension(file: &str) -> Option<&'static str> {
    let lower = file.to_ascii_lowercase();
    [".md", ".markdown"]
        .into_iter()
        .find(|extension| lower.ends_with(extension))
}

/// What the parse found: topics in pre-order, errors and warnings.
pub(super) struct Parsed {
    pub topics: Vec<OutlineTopic>,
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

/// Reads a Markdown outline (`text` is valid UTF-8 without a BOM).
/// Linear in the input: pulldown-cmark's events are visited once.
pub(super) fn parse(file: &str, text: &str) -> Parsed {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);
    let (body, not_front_matter) = super::front_matter::skip(file, text);
    let mut reader = Reader {
        file,
        text,
        line_starts: std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect(),
        topics: Vec::new(),
        errors: Vec::new(),
        warnings: not_front_matter.into_iter().collect(),
        headings: Vec::new(),
        items: Vec::new(),
        ignored: 0,
        collect: None,
        pending_description: None,
    };
    super::events::for_each_event(&text[body..], options, |event, range| {
        reader.event(event, body + range.start);
    });
    Parsed {
        topics: reader.topics,
        errors: reader.errors,
        warnings: reader.warnings,
    }
}

/// An open list item.
struct Item {
    /// Whether its first block has not been seen yet.
    awaiting: bool,
    /// The topic it made, once its text is read.
    topic: Option<usize>,
    /// Where its sub-items go: its topic, or the enclosing one's.
    children_parent: Option<usize>,
    /// The box pulldown-cmark recognised (`[ ]`, `[x]`).
    task: Option<TaskState>,
}

/// What the text being collected becomes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    /// A heading outside any list item.
    Heading(HeadingLevel),
    /// The text of the innermost item (its first paragraph or heading, or
    /// its inline text in a tight list).
    ItemText {
        /// Whether a paragraph or heading holds it (else it ends at the
        /// next block).
        in_block: bool,
    },
    /// A heading inside an item, after the item's text.
    ItemHeading,
    /// A topic's description.
    Description(usize),
}

/// Text being collected, markup removed.
struct Collect {
    target: Target,
    raw: String,
    /// Bytes of `raw` that came from a link, an image or code: trailing
    /// bracket groups in them are not tags.
    protected: usize,
    /// Offset of the first inline event, where the label starts.
    start: Option<usize>,
    /// A task box `[/]`, `[~]` or `[-]` found at the start of an item.
    state: Option<TaskState>,
    /// The open link (or image) nesting, with the URL and where its text
    /// starts in `raw` for the outermost link.
    link: Option<(String, usize, usize)>,
    links: usize,
    first_link: Option<Link>,
}

struct Reader<'a> {
    file: &'a str,
    text: &'a str,
    line_starts: Vec<usize>,
    topics: Vec<OutlineTopic>,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    /// Open headings outside items: (level, topic).
    headings: Vec<(HeadingLevel, usize)>,
    items: Vec<Item>,
    /// Depth of containers whose content is ignored (quotes, code, tables,
    /// HTML, front matter, footnotes).
    ignored: usize,
    collect: Option<Collect>,
    /// The topic whose description the next paragraph is, and the item
    /// depth that paragraph must be at.
    pending_description: Option<(usize, usize)>,
}

/// Blocks whose text is no topic, label or description: quotes, code,
/// HTML, tables, front matter, footnotes, definition lists.
pub(crate) fn ignored_container(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::Table(_)
            | Tag::MetadataBlock(_)
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
    )
}

/// The end of an [`ignored_container`].
pub(crate) fn ignored_container_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::Table
            | TagEnd::MetadataBlock(_)
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
    )
}

fn is_inline(event: &Event<'_>) -> bool {
    match event {
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineMath(_)
        | Event::DisplayMath(_)
        | Event::InlineHtml(_)
        | Event::FootnoteReference(_) => true,
        Event::Start(tag) => is_inline_tag(tag),
        _ => false,
    }
}

fn is_inline_tag(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

impl Reader<'_> {
    /// 1-based line and column (in characters) of a byte offset.
    fn position(&self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }

    fn event(&mut self, event: Event<'_>, offset: usize) {
        if self.ignored > 0 {
            match &event {
                Event::Start(tag) if ignored_container(tag) => self.ignored += 1,
                Event::End(tag) if ignored_container_end(tag) => self.ignored -= 1,
                _ => {}
            }
            return;
        }
        // A tight item's text ends at its first block.
        if let Some(Collect {
            target: Target::ItemText { in_block: false },
            ..
        }) = &self.collect
        {
            let ends = match &event {
                Event::Start(tag) => !is_inline(&event) && !matches!(tag, Tag::Item),
                Event::End(TagEnd::Item) | Event::Rule => true,
                _ => false,
            };
            if ends {
                self.finish();
            }
        }
        if self.collect.is_some() {
            if self.inline(&event, offset) {
                return;
            }
        } else if let Some(item) = self.items.last()
            && item.awaiting
            && is_inline(&event)
        {
            self.start_collect(Target::ItemText { in_block: false });
            self.inline(&event, offset);
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::TaskListMarker(done) => {
                if let Some(item) = self.items.last_mut() {
                    item.task = Some(if done {
                        TaskState::Done
                    } else {
                        TaskState::Todo
                    });
                }
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        // An item's first block decides whether it has text.
        let awaiting = self.items.last().is_some_and(|i| i.awaiting);
        match tag {
            Tag::Paragraph if awaiting => {
                self.start_collect(Target::ItemText { in_block: true });
            }
            Tag::Heading { .. } if awaiting => {
                self.start_collect(Target::ItemText { in_block: true });
            }
            Tag::Heading { .. } if !self.items.is_empty() => {
                self.start_collect(Target::ItemHeading);
            }
            Tag::Heading { level, .. } => self.start_collect(Target::Heading(level)),
            Tag::Paragraph => {
                if let Some((topic, depth)) = self.pending_description
                    && depth == self.items.len()
                {
                    self.pending_description = None;
                    self.start_collect(Target::Description(topic));
                }
            }
            Tag::Item => {
                self.no_text();
                let children_parent = self.enclosing();
                self.items.push(Item {
                    awaiting: true,
                    topic: None,
                    children_parent,
                    task: None,
                });
            }
            tag => {
                if !is_inline_tag(&tag) {
                    self.no_text();
                }
                if ignored_container(&tag) {
                    self.ignored += 1;
                }
            }
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Item => {
                self.no_text();
                self.items.pop();
                if self
                    .pending_description
                    .is_some_and(|(_, depth)| depth > self.items.len())
                {
                    self.pending_description = None;
                }
            }
            TagEnd::Paragraph | TagEnd::Heading(_) => self.finish(),
            _ => {}
        }
    }

    /// The innermost item's first block has no text: it makes no topic.
    fn no_text(&mut self) {
        if let Some(item) = self.items.last_mut() {
            item.awaiting = false;
        }
    }

    /// Where a new item or heading-in-item goes.
    fn enclosing(&self) -> Option<usize> {
        match self.items.last() {
            Some(item) => item.children_parent,
            None => self.headings.last().map(|&(_, t)| t),
        }
    }

    fn start_collect(&mut self, target: Target) {
        if let Target::ItemText { .. } = target {
            self.no_text();
        }
        self.collect = Some(Collect {
            target,
            raw: String::new(),
            protected: 0,
            start: None,
            state: None,
            link: None,
            links: 0,
            first_link: None,
        });
    }

    /// Adds an inline event to the text being collected; false when the
    /// event is not inline.
    fn inline(&mut self, event: &Event<'_>, offset: usize) -> bool {
        let text = self.text;
        let mut ended_link = None;
        let Some(c) = self.collect.as_mut() else {
            return false;
        };
        let first = c.start.is_none();
        if first && !matches!(event, Event::SoftBreak | Event::HardBreak | Event::End(_)) {
            c.start = Some(offset);
            if matches!(c.target, Target::ItemText { .. }) {
                let rest = &text[offset..];
                for (marker, state) in [
                    ("[/]", TaskState::Learning),
                    ("[~]", TaskState::Learning),
                    ("[-]", TaskState::Skipped),
                ] {
                    let after = rest.strip_prefix(marker);
                    if after.is_some_and(|a| a.is_empty() || a.starts_with([' ', '\t', '\n', '\r']))
                    {
                        c.state = Some(state);
                        let skip =
                            marker.len() + after.map_or(0, |a| a.len() - a.trim_start().len());
                        c.start = Some(offset + skip);
                    }
                }
            }
        }
        match event {
            Event::Text(t) => c.raw.push_str(t),
            Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                c.raw.push_str(t);
                c.protected = c.raw.len();
            }
            Event::SoftBreak | Event::HardBreak => c.raw.push(' '),
            Event::InlineHtml(_) | Event::FootnoteReference(_) => {}
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                c.links += 1;
                if c.links == 1 && c.first_link.is_none() {
                    c.link = Some((markdown_url(*link_type, dest_url), c.raw.len(), offset));
                }
            }
            Event::Start(Tag::Image { .. }) => c.links += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => {
                c.links = c.links.saturating_sub(1);
                c.protected = c.raw.len();
                if c.links == 0
                    && let Some((url, from, at)) = c.link.take()
                {
                    ended_link = Some((url, collapse_whitespace(&c.raw[from..]), at));
                }
            }
            Event::Start(
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript,
            )
            | Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript,
            ) => {}
            _ => return false,
        }
        if let Some((url, title, at)) = ended_link {
            let (line, column) = self.position(at);
            self.keep_link(url, title, line, column);
        }
        true
    }

    /// Keeps a link as the collected text's first link when its URL is
    /// safe; warns about another scheme.
    fn keep_link(&mut self, url: String, title: String, line: usize, column: usize) {
        match check_url(&url) {
            UrlCheck::Keep(url) => {
                if let Some(c) = self.collect.as_mut() {
                    c.first_link = Some(Link {
                        title,
                        url,
                        kind: None,
                    });
                }
            }
            UrlCheck::Relative => {}
            UrlCheck::Scheme(scheme) => self.warnings.push(Diagnostic::warning(
                self.file,
                line,
                column,
                DiagnosticKind::LinkDropped { url, scheme },
            )),
            UrlCheck::Control(character) => self.warnings.push(Diagnostic::warning(
                self.file,
                line,
                column,
                DiagnosticKind::LinkControlCharacter { url, character },
            )),
        }
    }

    /// Ends the text being collected and makes what it is for.
    fn finish(&mut self) {
        let Some(mut c) = self.collect.take() else {
            return;
        };
        if c.state.is_some() {
            // Strip the `[/]` box pulldown-cmark read as text.
            let trimmed = c.raw.trim_start();
            let cut = c.raw.len() - trimmed.len() + 3;
            if trimmed.starts_with('[') && c.raw.is_char_boundary(cut) {
                c.raw.drain(..cut);
                c.protected = c.protected.saturating_sub(cut);
            }
        }
        if let Target::Description(topic) = c.target {
            let text = collapse_whitespace(&c.raw);
            if !text.is_empty() {
                self.topics[topic].description = Some(text);
            }
            return;
        }
        let (label, tags) = label_and_tags(&c.raw, c.protected);
        let (line, column) = self.position(c.start.unwrap_or(0));
        if tags.len() > MAX_TAGS {
            self.errors.push(Diagnostic::error(
                self.file,
                line,
                column,
                DiagnosticKind::TooManyTags {
                    count: tags.len(),
                    max: super::MAX_TAGS,
                },
            ));
            return;
        }
        if label.is_empty() {
            // An empty heading or item is no topic; an item's sub-items go
            // to the topic around it.
            return;
        }
        let parent = match c.target {
            Target::Heading(level) => {
                while self.headings.last().is_some_and(|&(l, _)| l >= level) {
                    self.headings.pop();
                }
                self.headings.last().map(|&(_, t)| t)
            }
            _ => self.enclosing(),
        };
        let index = self.topics.len();
        let state = match c.target {
            Target::ItemText { .. } => c.state.or(self.items.last().and_then(|i| i.task)),
            _ => None,
        };
        self.topics.push(OutlineTopic {
            label,
            tags,
            depth: parent.map_or(0, |p| self.topics[p].depth + 1),
            parent,
            line,
            column,
            state,
            description: None,
            links: c.first_link.into_iter().collect(),
        });
        match c.target {
            Target::Heading(level) => self.headings.push((level, index)),
            Target::ItemText { .. } => {
                if let Some(item) = self.items.last_mut() {
                    item.topic = Some(index);
                    item.children_parent = Some(index);
                }
            }
            _ => {}
        }
        self.pending_description = Some((index, self.items.len()));
    }
}

/// The label and tags of collected text: trailing `[tag]` groups count only
/// in the text after the last link, image or code span.
fn label_and_tags(raw: &str, protected: usize) -> (String, Vec<String>) {
    if protected == 0 || protected > raw.len() || !raw.is_char_boundary(protected) {
        return split_label(raw);
    }
    let (head, tail) = raw.split_at(protected);
    // A placeholder stands for the protected text, so a bracket group right
    // after it still has something before it.
    let (rest, tags) = split_label(&format!("\u{1}{tail}"));
    let rest = rest.strip_prefix('\u{1}').unwrap_or(&rest);
    (collapse_whitespace(&format!("{head}{rest}")), tags)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topics(src: &str) -> Vec<(String, usize, Option<usize>)> {
        let p = parse("t.md", src);
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        p.topics
            .into_iter()
            .map(|t| (t.label, t.depth, t.parent))
            .collect()
    }

    #[test]
    fn protected_brackets_are_not_tags() {
        assert_eq!(
            label_and_tags("Use [x] [video]", 0),
            ("Use".into(), vec!["x".into(), "video".into()])
        );
        assert_eq!(
            label_and_tags("Read a [b]", 10),
            ("Read a [b]".into(), vec![])
        );
        assert_eq!(
            label_and_tags("Read a [b] [t]:", 10),
            ("Read a [b]".into(), vec!["t".into()])
        );
    }

    #[test]
    fn empty_items_and_headings_are_no_topics() {
        assert_eq!(
            topics("# A\n\n-\n  - b\n\n##\n\n- ```\n  code\n  ```\n  - c\n"),
            [
                ("A".into(), 0, None),
                ("b".into(), 1, Some(0)),
                ("c".into(), 1, Some(0))
            ]
        );
    }
}
