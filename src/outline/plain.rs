//! The plain outline format: one topic per line, nested by indentation
//! (any consistent width of spaces or tabs), with optional list markers and
//! `#` headings as a markmap-like shorthand.
//!
//! Parsing is linear in the input: each line is split, trimmed and scanned
//! for tags a constant number of times, the indentation stack pushes and
//! pops each level once, and repeated tags are found with a hash set.

use super::{MAX_TAGS, Outline, OutlineTopic, line_text, space_name, split_label};
use crate::diagnostic::{Diagnostic, DiagnosticKind};

/// How many enclosing levels on each side of a bad dedent the hint names.
const NEAREST_LEVELS: usize = 4;

#[derive(Debug, Clone, Copy)]
enum Level {
    Heading(usize),
    Indent(usize),
}

/// Parses the plain format (`bytes` without a BOM, not UTF-16); every
/// error found, not only the first.
pub(super) fn parse(file: &str, bytes: &[u8]) -> Result<Outline, Vec<Diagnostic>> {
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
                DiagnosticKind::TooManyTags {
                    count: tags.len(),
                    max: MAX_TAGS,
                },
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
pub(super) fn strip_list_marker(body: &str) -> &str {
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
        assert_eq!(e[0].line().unwrap(), 4);
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
        assert_eq!(e[0].line().unwrap(), 4);
        assert!(matches!(
            e[0].kind,
            DiagnosticKind::MixedIndentation {
                first_uses_tabs: true,
                first_line: 2
            }
        ));
        let e = errs(b"A\n \tB\n");
        assert_eq!(e[0].line().unwrap(), 2);
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
        assert_eq!((e[0].line().unwrap(), e[0].column().unwrap()), (2, 4));
        assert_eq!(e[1].line().unwrap(), 3);
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
        assert_eq!((e[0].line().unwrap(), e[0].column().unwrap()), (2, 3));
        assert_eq!(
            e[0].kind,
            DiagnosticKind::TooManyTags {
                count: MAX_TAGS + 1,
                max: MAX_TAGS,
            }
        );
    }

    #[test]
    fn unicode_spaces_in_indentation_are_errors() {
        for c in ['\u{a0}', '\u{3000}', '\u{2003}', '\u{200b}', '\u{c}'] {
            let e = errs(format!("Root\n{c}{c}A\n  B\n \t{c}C\n").as_bytes());
            assert_eq!(e.len(), 2, "{c:?}: {e:?}");
            assert_eq!((e[0].line().unwrap(), e[0].column().unwrap()), (2, 1));
            assert_eq!((e[1].line().unwrap(), e[1].column().unwrap()), (4, 3));
            assert_eq!(
                e[0].kind,
                DiagnosticKind::UnicodeIndentation { character: c }
            );
            let e = errs(format!("Root\n  {c}A\n").as_bytes());
            assert_eq!((e[0].line().unwrap(), e[0].column().unwrap()), (2, 3));
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
        assert_eq!(e[0].line().unwrap(), 3);
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
        let seed = include_bytes!("../../tests/fixtures/backend-seed.txt");
        let o = parse("seed", seed).unwrap();
        assert_eq!(o.topics.len(), 107);
        assert_eq!(o.topics.iter().map(|t| t.depth).max(), Some(3));
        assert_eq!(o.topics[0].label, "Backend Roadmap.sh");
        assert_eq!(o.topics[0].tags, ["notes"]);
    }
}
