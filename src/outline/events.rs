//! pulldown-cmark's events for a whole Markdown file, parsed a window at a
//! time, for every Markdown reader (outlines, progress files, notes).
//!
//! pulldown-cmark builds a tree of the whole document before the first
//! event, a node for every block, table cell, text run or emphasis mark:
//! a large file of short lines or small cells needs many times its size.
//! So the text is cut where the parse starts afresh: before each top-level
//! block and each item of a top-level list. A window of
//! about [`WINDOW`] bytes is parsed; the events of every unit (block or
//! item) that the next unit's start closes inside the window are final and
//! handed on; the unit still open at the window's end is parsed again at
//! the start of the next window. A unit larger than a window gets a window
//! of its own size, except a top-level table, which every reader skips:
//! its end is found a window at a time and it is handed on as its start
//! and end events alone.
//!
//! What differs from one parse of the whole file: a top-level list cut
//! between items comes as several lists (an `End` then a `Start` where the
//! cut is), each tight or loose on its own (so an item's text comes with or
//! without its paragraph events), and a reference definition
//! (`[label]: url`) in another window is found through pulldown-cmark's
//! broken-link callback (a label defined twice, in the window and before
//! it, takes the window's definition there; one parse takes the first).
//! Front matter is not looked for: the readers skip it first
//! ([`super::front_matter`]).

use std::ops::Range;

use pulldown_cmark::{BrokenLink, CowStr, Event, Options, Parser, Tag, TagEnd};
use rustc_hash::FxHashMap;

/// The bytes parsed at once, unless a unit is larger.
pub const WINDOW: usize = 256 * 1024;

/// Reference definitions of the whole file, by normalised label: the
/// destination and the title.
type Definitions = FxHashMap<String, (String, String)>;

/// Calls `f` with each event of `text` and its byte range in `text`, in
/// order (see the module documentation for how this differs from one
/// parse of the whole file).
pub fn for_each_event<'a>(
    text: &'a str,
    options: Options,
    mut f: impl FnMut(Event<'a>, Range<usize>),
) {
    let definitions = if text.contains("]:") {
        let mut all = Definitions::default();
        walk(
            text,
            options,
            WINDOW,
            &Definitions::default(),
            &mut all,
            &mut |_, _| {},
        );
        all
    } else {
        Definitions::default()
    };
    walk(
        text,
        options,
        WINDOW,
        &definitions,
        &mut Definitions::default(),
        &mut f,
    );
}

/// A label as pulldown-cmark matches it: whitespace collapsed, case folded.
fn label_key(label: &str) -> String {
    let collapsed = label.split_whitespace().collect::<Vec<_>>().join(" ");
    caseless::default_case_fold_str(&collapsed)
}

/// One pass over windows of about `size` bytes: events go to `emit`, and the reference
/// definitions each window's parse found are added to `found` (the first
/// of a label kept); `definitions` answers links no window defines.
fn walk<'a>(
    text: &'a str,
    options: Options,
    size: usize,
    definitions: &Definitions,
    found: &mut Definitions,
    emit: &mut dyn FnMut(Event<'a>, Range<usize>),
) {
    let mut start = 0;
    let mut window = size;
    // Whether the unit at `start` is larger than a window: its events are
    // then handed on as they come once a parse shows where it closes,
    // rather than held.
    let mut oversized = false;
    while start < text.len() {
        let end = line_end(text, start.saturating_add(window));
        let at_end = end == text.len();
        if oversized && !at_end && !closes_within(&text[start..end], options) {
            window = window.saturating_mul(2);
            continue;
        }
        let callback = |link: BrokenLink<'a>| {
            definitions
                .get(&label_key(&link.reference))
                .map(|(url, title)| (CowStr::from(url.clone()), CowStr::from(title.clone())))
        };
        let mut events =
            Parser::new_with_broken_link_callback(&text[start..end], options, Some(callback))
                .into_offset_iter();
        // The events of the unit not yet known to be closed, where it
        // starts, and the top-level list it is an item of (ordered or not).
        let mut unit: Vec<(Event<'a>, Range<usize>)> = Vec::new();
        let mut unit_start = start;
        let mut unit_list: Option<bool> = None;
        let mut units = Units::default();
        let mut in_first = true;
        for (event, range) in events.by_ref() {
            let range = range.start + start..range.end + start;
            if let Some(list) = units.see(&event)
                && range.start > unit_start
            {
                for (e, r) in unit.drain(..) {
                    emit(e, r);
                }
                unit_start = range.start;
                unit_list = list;
                in_first = false;
            }
            if at_end || (oversized && in_first) {
                emit(event, range);
            } else {
                unit.push((event, range));
            }
        }
        for (label, definition) in events.reference_definitions().iter() {
            found.entry(label_key(label)).or_insert_with(|| {
                (
                    definition.dest.to_string(),
                    definition.title.as_deref().unwrap_or("").to_string(),
                )
            });
        }
        if at_end {
            for (e, r) in unit.drain(..) {
                emit(e, r);
            }
            return;
        }
        oversized = false;
        if unit_start > start {
            // Parse the open unit again, from its start.
            if let Some(ordered) = unit_list {
                emit(Event::End(TagEnd::List(ordered)), unit_start..unit_start);
            }
            start = unit_start;
            window = size;
            continue;
        }
        if let Some((Event::Start(Tag::Table(alignments)), _)) = unit.first() {
            let table_end = table_end(text, unit_start, options, size);
            let range = unit_start..table_end;
            emit(Event::Start(Tag::Table(alignments.clone())), range.clone());
            emit(Event::End(TagEnd::Table), range);
            start = table_end;
            window = size;
            continue;
        }
        // One unit fills the window: a larger one.
        window = window.saturating_mul(2);
        oversized = true;
    }
}

/// Where units begin among the events of one parse.
#[derive(Default)]
struct Units {
    depth: usize,
    /// Whether the open top-level block is a list, and an ordered one.
    top_list: Option<bool>,
}

impl Units {
    /// Whether `event` begins a unit (a top-level block, or an item of a
    /// top-level list: then `Some(Some(ordered))`); follows the nesting.
    fn see(&mut self, event: &Event<'_>) -> Option<Option<bool>> {
        let begins = match event {
            Event::End(_) => None,
            Event::Start(Tag::Item) => {
                (self.depth == 1 && self.top_list.is_some()).then_some(self.top_list)
            }
            _ => (self.depth == 0).then_some(None),
        };
        match event {
            Event::Start(tag) => {
                if self.depth == 0 {
                    self.top_list = match tag {
                        Tag::List(first) => Some(first.is_some()),
                        _ => None,
                    };
                }
                self.depth += 1;
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        begins
    }
}

/// Whether the unit `window` starts with closes inside it: another unit
/// begins after it.
fn closes_within(window: &str, options: Options) -> bool {
    let mut units = Units::default();
    let mut first = None;
    for (event, range) in Parser::new_ext(window, options).into_offset_iter() {
        if units.see(&event).is_some() {
            match first {
                None => first = Some(range.start),
                Some(f) if range.start > f => return true,
                Some(_) => {}
            }
        }
    }
    false
}

/// The end of the line that `at` falls in (after its `\n`), or the text's
/// end.
fn line_end(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    text.as_bytes()[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(text.len(), |i| at + i + 1)
}

/// Where the top-level table starting at `start` ends: its header and
/// delimiter rows are parsed again in front of each window of its body,
/// until a window shows a line after the table (a row continues or ends
/// the table on its own line alone).
fn table_end(text: &str, start: usize, options: Options, size: usize) -> usize {
    let header_end = line_end(text, start);
    let body = line_end(text, header_end);
    let head = &text[start..body];
    let mut pos = body;
    loop {
        let end = line_end(text, pos.saturating_add(size));
        let mut probe = String::with_capacity(head.len() + (end - pos) + 1);
        probe.push_str(head);
        if !head.ends_with('\n') {
            probe.push('\n');
        }
        let prefix = probe.len();
        probe.push_str(&text[pos..end]);
        let ended = Parser::new_ext(&probe, options)
            .into_offset_iter()
            .find_map(|(event, range)| {
                matches!(event, Event::End(TagEnd::Table)).then_some(range.end)
            });
        let Some(rel) = ended else {
            return end;
        };
        let rel = rel.max(prefix);
        // The end of the table's last line: a line after it decides.
        let row_end = if probe[..rel].ends_with('\n') {
            rel
        } else {
            line_end(&probe, rel)
        };
        if row_end < probe.len() || end == text.len() {
            return (pos + rel - prefix).min(text.len());
        }
        if end == pos {
            return end;
        }
        pos = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> Options {
        Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH
    }

    fn windowed(text: &str) -> Vec<(Event<'_>, Range<usize>)> {
        let mut out = Vec::new();
        for_each_event(text, options(), |e, r| out.push((e, r)));
        out
    }

    /// Text and where it is, for comparing two parses that may differ in
    /// list cuts and paragraph wrappers.
    fn texts(events: &[(Event<'_>, Range<usize>)]) -> Vec<(String, Range<usize>)> {
        events
            .iter()
            .filter_map(|(e, r)| match e {
                Event::Text(t) | Event::Code(t) => Some((t.to_string(), r.clone())),
                Event::Start(Tag::Link { dest_url, .. }) => Some((dest_url.to_string(), r.clone())),
                Event::TaskListMarker(done) => Some((done.to_string(), r.clone())),
                Event::Start(Tag::Heading { .. }) => Some(("#".into(), r.clone())),
                Event::Start(Tag::Item) => Some(("-".into(), r.clone())),
                Event::Start(Tag::Table(_)) => Some(("|".into(), r.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_large_file_reads_as_one_parse_would() {
        let mut text = String::from("---\ntitle: x\n---\n# Top\n\n");
        for i in 0..30_000 {
            text.push_str(&format!("- [x] Item {i} [ref]\n  - [ ] *Sub* `{i}`\n"));
            if i % 1000 == 0 {
                text.push_str(&format!(
                    "\n## Section {i}\n\nSome [text](https://x.example/{i}).\n\n"
                ));
            }
        }
        text.push_str("\n[ref]: https://example.org/ref\n");
        let whole: Vec<_> = Parser::new_ext(&text, options())
            .into_offset_iter()
            .collect();
        assert!(text.len() > 4 * WINDOW);
        assert_eq!(texts(&windowed(&text)), texts(&whole));
    }

    /// Random documents of the shapes outlines, progress files and notes
    /// take, cut into windows of a few bytes (every unit then spans
    /// windows): the same text, links, boxes, items and headings, at the
    /// same places, as one parse.
    #[test]
    fn tiny_windows_read_as_one_parse_would() {
        const LINES: &[&str] = &[
            "# Title",
            "## Section",
            "- [x] Done",
            "- [ ] Todo *(Parent)*",
            "  - [/] Nested",
            "    - Deep `code`",
            "1. First",
            "2) Second",
            "* Star [link](https://a.example)",
            "",
            "",
            "Paragraph text",
            "lazy continuation",
            "> quote",
            "> - in quote",
            "```",
            "code line",
            "~~~",
            "<div>",
            "</div>",
            "<!-- comment",
            "-->",
            "| a | b |",
            "|---|---|",
            "| x | y |",
            "---",
            "***",
            "Setext",
            "===",
            "[ref]: https://ref.example",
            "- see [ref]",
            "    indented code",
            "- [-] Skipped",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..(seed % 24) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(LINES[(seed % LINES.len() as u64) as usize]);
                text.push('\n');
            }
            let whole: Vec<_> = Parser::new_ext(&text, options())
                .into_offset_iter()
                .collect();
            let mut definitions = Definitions::default();
            walk(
                &text,
                options(),
                8,
                &Definitions::default(),
                &mut definitions,
                &mut |_, _| {},
            );
            let mut windowed = Vec::new();
            walk(
                &text,
                options(),
                8,
                &definitions,
                &mut Definitions::default(),
                &mut |e, r| windowed.push((e, r)),
            );
            assert_eq!(texts(&windowed), texts(&whole), "{text:?}");
        }
    }

    #[test]
    fn a_unit_larger_than_a_window_is_read_whole() {
        let mut text = String::from("- A\n\n");
        while text.len() < 2 * WINDOW {
            text.push_str("word *em* `code` [link](https://x.example)\n");
        }
        text.push_str("\n- B\n  - C\n");
        let whole: Vec<_> = Parser::new_ext(&text, options())
            .into_offset_iter()
            .collect();
        assert_eq!(texts(&windowed(&text)), texts(&whole));
    }

    #[test]
    fn a_table_larger_than_a_window_is_its_start_and_end() {
        let mut text = String::from("# A\n\n| a | b |\n|---|---|\n");
        while text.len() < 3 * WINDOW {
            text.push_str("| x | y |\n");
        }
        let table_end = text.len();
        text.push_str("\n- B\n");
        let events = windowed(&text);
        let got = texts(&events);
        assert_eq!(got[..2], [("#".to_string(), 0..4), ("A".to_string(), 2..3)]);
        assert_eq!(got[2], ("|".into(), 5..table_end));
        assert_eq!(
            got[3..],
            [
                ("-".to_string(), table_end + 1..table_end + 5),
                ("B".to_string(), table_end + 3..table_end + 4)
            ]
        );
    }
}
