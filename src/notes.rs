//! Notes files: text → [`NotesFile`], what a topic is and where to learn
//! it, kept apart from the outline so a roadmap's notes can grow without
//! touching its structure.
//!
//! A notes file is Markdown. Each level-2 heading `## REFERENCE` names a
//! topic exactly as a prerequisite file does (a label or a path suffix
//! `Parent > Label`, case-insensitive); the paragraphs under it are the
//! topic's description and the links in the list items under it are its
//! links. A link's text may start with roadmap.sh's kind, `@video@`:
//!
//! ```markdown
//! ## APIs > REST
//!
//! An architectural style for web APIs: resources named by URLs,
//! manipulated with HTTP's methods.
//!
//! - [@official@RFC 9110: HTTP Semantics](https://www.rfc-editor.org/rfc/rfc9110)
//! - [@article@MDN: HTTP request methods](https://developer.mozilla.org/en-US/docs/Web/HTTP/Methods)
//! ```
//!
//! Everything before the first `##` heading (front matter, a `# Title`, an
//! introduction), other headings, quotes, code and tables are ignored. Only absolute
//! `http`, `https` and `mailto` links are kept (an email autolink
//! `<me@example.org>` is a `mailto:` link): any other link is dropped
//! with a warning at its line ([`crate::link::check_url`]); an unknown kind
//! is a warning and the link is kept without one. References are resolved
//! against the outline by [`crate::Roadmap::apply_notes`].

use pulldown_cmark::{Event, HeadingLevel, Options, Tag, TagEnd};

use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::link::{Link, LinkKind, UrlCheck, check_url, markdown_url, split_kind};
use crate::outline::collapse_whitespace;
use crate::outline::markdown::{ignored_container, ignored_container_end};

/// One `## REFERENCE` section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The topic reference as written.
    pub reference: String,
    /// 1-based line of the heading.
    pub line: usize,
    /// 1-based column where the reference starts.
    pub column: usize,
    /// The paragraphs, markup removed, separated by a blank line.
    pub description: Option<String>,
    /// The links of its list items, in order.
    pub links: Vec<Link>,
}

/// A parsed notes file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NotesFile {
    /// The file name as given, for diagnostics.
    pub file: String,
    /// Its sections, in order.
    pub notes: Vec<Note>,
    /// Dropped links and unknown kinds.
    pub warnings: Vec<Diagnostic>,
}

/// Parses a notes file. Errors: invalid UTF-8 (each line named); a
/// prerequisite file (no `##` section, every line `A -> B`).
/// Linear in the input.
///
/// ```
/// let notes = roadmapper::notes::parse(
///     "n.md",
///     b"# Notes\n\n## REST\n\nWeb APIs over HTTP.\n\n- [@official@RFC 9110](https://www.rfc-editor.org/rfc/rfc9110)\n",
/// )
/// .unwrap();
/// let rest = &notes.notes[0];
/// assert_eq!((rest.reference.as_str(), rest.line), ("REST", 3));
/// assert_eq!(rest.description.as_deref(), Some("Web APIs over HTTP."));
/// assert_eq!(rest.links[0].title, "RFC 9110");
/// assert_eq!(rest.links[0].kind, Some(roadmapper::link::LinkKind::Official));
/// ```
pub fn parse(file: &str, bytes: &[u8]) -> Result<NotesFile, Vec<Diagnostic>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = crate::outline::utf8(file, bytes)?;
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let position = |offset: usize| {
        let line = line_starts.partition_point(|&s| s <= offset).max(1);
        let start = line_starts[line - 1];
        let column = text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        (line, column)
    };
    let mut out = NotesFile {
        file: file.to_string(),
        ..NotesFile::default()
    };
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);
    let (body, not_front_matter) = crate::outline::front_matter::skip(file, text);
    out.warnings.extend(not_front_matter);
    // Containers whose content is ignored: quotes, code, HTML, tables.
    let mut ignored = 0usize;
    let mut items = 0usize;
    let mut headings = 0usize;
    let mut paragraph: Option<String> = None;
    let mut paragraphs: Vec<String> = Vec::new();
    // The open link in a list item: URL, title so far, where it starts.
    let mut link: Option<(String, String, usize)> = None;
    let finish = |out: &mut NotesFile, paragraphs: &mut Vec<String>| {
        if let Some(note) = out.notes.last_mut()
            && !paragraphs.is_empty()
        {
            note.description = Some(paragraphs.join("\n\n"));
        }
        paragraphs.clear();
    };
    crate::outline::events::for_each_event(&text[body..], options, |event, range| {
        let range = body + range.start..body + range.end;
        if ignored > 0 {
            match event {
                Event::Start(tag) if ignored_container(&tag) => ignored += 1,
                Event::End(tag) if ignored_container_end(&tag) => ignored -= 1,
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) => {
                finish(&mut out, &mut paragraphs);
                let (reference, at) = heading_text(text, range.start);
                let (line, column) = position(at);
                out.notes.push(Note {
                    reference,
                    line,
                    column,
                    description: None,
                    links: Vec::new(),
                });
                headings += 1;
            }
            Event::Start(Tag::Heading { .. }) => headings += 1,
            Event::End(TagEnd::Heading(_)) => headings = headings.saturating_sub(1),
            Event::Start(tag) if ignored_container(&tag) => ignored += 1,
            Event::Start(Tag::Item) => items += 1,
            Event::End(TagEnd::Item) => items = items.saturating_sub(1),
            Event::Start(Tag::Paragraph) if items == 0 && !out.notes.is_empty() => {
                paragraph = Some(String::new());
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some(p) = paragraph.take() {
                    let p = collapse_whitespace(&p);
                    if !p.is_empty() {
                        paragraphs.push(p);
                    }
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) if items > 0 && headings == 0 => {
                link = Some((
                    markdown_url(link_type, &dest_url),
                    String::new(),
                    range.start,
                ));
            }
            Event::End(TagEnd::Link) => {
                if let Some((url, title, at)) = link.take()
                    && !out.notes.is_empty()
                {
                    let (line, column) = position(at);
                    if let Some(l) = make_link(&mut out, &url, &title, line, column)
                        && let Some(note) = out.notes.last_mut()
                    {
                        note.links.push(l);
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, title, _)) = link.as_mut() {
                    title.push_str(&t);
                } else if let Some(p) = paragraph.as_mut() {
                    p.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, title, _)) = link.as_mut() {
                    title.push(' ');
                } else if let Some(p) = paragraph.as_mut() {
                    p.push(' ');
                }
            }
            _ => {}
        }
    });
    finish(&mut out, &mut paragraphs);
    if out.notes.is_empty() {
        // Read as notes, a prerequisite file names no topic and gives no
        // notes: say what it is instead of ignoring it.
        if let Some((line, lines)) = crate::outline::prerequisite_lines(text) {
            return Err(vec![Diagnostic::error(
                file,
                line,
                1,
                DiagnosticKind::NotesLookLikePrereqs { lines },
            )]);
        }
    }
    Ok(out)
}

/// A link from a list item, its kind split off; None (with a warning) when
/// its URL is refused, None without a word when it is relative.
fn make_link(
    out: &mut NotesFile,
    url: &str,
    title: &str,
    line: usize,
    column: usize,
) -> Option<Link> {
    let dropped = match check_url(url) {
        UrlCheck::Keep(url) => Ok(url),
        UrlCheck::Relative => return None,
        UrlCheck::Scheme(scheme) => Err(DiagnosticKind::LinkDropped {
            url: url.to_string(),
            scheme,
        }),
        UrlCheck::Control(character) => Err(DiagnosticKind::LinkControlCharacter {
            url: url.to_string(),
            character,
        }),
    };
    let url = match dropped {
        Ok(url) => url,
        Err(why) => {
            out.warnings
                .push(Diagnostic::warning(&out.file, line, column, why));
            return None;
        }
    };
    let (kind, title) = split_kind(title);
    let kind = kind.and_then(|k| {
        let found = LinkKind::from_name(k);
        if found.is_none() {
            out.warnings.push(Diagnostic::warning(
                &out.file,
                line,
                column,
                DiagnosticKind::UnknownLinkKind {
                    kind: k.to_string(),
                },
            ));
        }
        found
    });
    let title = collapse_whitespace(title);
    Some(Link {
        title: if title.is_empty() { url.clone() } else { title },
        url,
        kind,
    })
}

/// The reference of the heading starting at `offset`, as written (the
/// source, not the rendered text: `Vec<T>` is a label, not HTML), and
/// the offset where it starts.
fn heading_text(text: &str, offset: usize) -> (String, usize) {
    let line = text[offset..].lines().next().unwrap_or("");
    let body = line.trim_start_matches([' ', '\t']);
    let after = body.trim_start_matches('#');
    let rest = after.trim_start();
    let at = offset + (line.len() - rest.len());
    // An optional closing run of `#`s after a space.
    let rest = rest.trim_end();
    let closed = rest.trim_end_matches('#');
    let rest = if closed.len() < rest.len() && (closed.is_empty() || closed.ends_with([' ', '\t']))
    {
        closed
    } else {
        rest
    };
    (collapse_whitespace(rest), at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_descriptions_and_links() {
        let src = "# Backend notes\n\nIntro, ignored.\n\n## APIs > REST ##\n\nFirst paragraph.\nSame one.\n\nSecond *one*.\n\n> quoted, ignored\n\n- [@video@REST in `10` minutes](https://example.org/v)\n- [@tweet@Odd](https://example.org/t)\n- [No kind](mailto:a@example.org)\n- [Bad](javascript:alert(1))\n- [Relative](docs/x.md)\n\n## Vec<T>\n";
        let n = parse("n.md", src.as_bytes()).unwrap();
        assert_eq!(n.notes.len(), 2);
        let rest = &n.notes[0];
        assert_eq!(
            (rest.reference.as_str(), rest.line, rest.column),
            ("APIs > REST", 5, 4)
        );
        assert_eq!(
            rest.description.as_deref(),
            Some("First paragraph. Same one.\n\nSecond one.")
        );
        let links: Vec<(&str, &str, Option<LinkKind>)> = rest
            .links
            .iter()
            .map(|l| (l.title.as_str(), l.url.as_str(), l.kind))
            .collect();
        assert_eq!(
            links,
            [
                (
                    "REST in 10 minutes",
                    "https://example.org/v",
                    Some(LinkKind::Video)
                ),
                ("Odd", "https://example.org/t", None),
                ("No kind", "mailto:a@example.org", None),
            ]
        );
        assert_eq!(n.notes[1].reference, "Vec<T>");
        assert_eq!(n.warnings.len(), 2);
        assert_eq!(
            (
                n.warnings[0].line().unwrap(),
                n.warnings[0].column().unwrap()
            ),
            (15, 3)
        );
        assert!(matches!(
            n.warnings[0].kind,
            DiagnosticKind::UnknownLinkKind { .. }
        ));
        assert_eq!(n.warnings[1].line().unwrap(), 17);
        assert!(matches!(
            n.warnings[1].kind,
            DiagnosticKind::LinkDropped { .. }
        ));
    }

    #[test]
    fn invalid_utf8_names_the_line() {
        let e = parse("n.md", b"## A\n\nok\n\xff\n").unwrap_err();
        assert_eq!((e[0].line().unwrap(), e[0].column().unwrap()), (4, 1));
    }
}
