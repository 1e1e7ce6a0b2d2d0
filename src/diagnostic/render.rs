//! Diagnostics as a person reads them: the compiler-style report with the
//! offending source line and a caret (annotate-snippets), and the tidying
//! that keeps any label from flooding or driving a terminal.

use super::{Diagnostic, DiagnosticKind, Location, Severity};

impl Diagnostic {
    /// Renders the diagnostic like a compiler does: `error: message`, the
    /// location as `--> FILE:LINE:COL`, the offending source line with a
    /// caret under the culprit, and a `help:` line where a fix is known.
    ///
    /// `source` is the whole text of [`Diagnostic::file`] (without it, or
    /// for a command-line value, only the location is shown). With `color`
    /// the output carries ANSI colours.
    ///
    /// ```
    /// use roadmapper::{Diagnostic, DiagnosticKind};
    /// let d = Diagnostic::error("r.txt", 2, 3, DiagnosticKind::EmptyLabel);
    /// let text = d.render(Some("Root\n  [optional]\n"), false);
    /// assert!(text.starts_with("error: "), "{text}");
    /// assert!(text.contains("--> r.txt:2:3"), "{text}");
    /// assert!(text.contains("2 |   [optional]"), "{text}");
    /// assert!(text.contains("^^^^^^^^^^"), "{text}");
    /// ```
    pub fn render(&self, source: Option<&str>, color: bool) -> String {
        let line = source
            .zip(self.line())
            .and_then(|(s, n)| s.split('\n').nth(n.checked_sub(1)?))
            .map(|l| l.strip_suffix('\r').unwrap_or(l));
        self.render_line(line, color)
    }

    /// [`Diagnostic::render`] given only the text of the diagnostic's line
    /// (without its line ending), for callers that index lines themselves.
    pub fn render_line(&self, line: Option<&str>, color: bool) -> String {
        use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let message = tidy(&self.message());
        let (file, line_number, column) = match &self.location {
            Location::File { file, line, column } => (file.as_str(), *line, *column),
            Location::Argument { name } => (name.as_str(), 0, 0),
        };
        let argument = matches!(self.location, Location::Argument { .. });
        let whole_file = matches!(
            self.kind,
            DiagnosticKind::EmptyOutline | DiagnosticKind::MarkdownWithoutTopics { .. }
        );
        let line_text = line.filter(|_| !argument && !whole_file);
        let message = if argument {
            // A command-line value such as `--to`: name it in the message.
            format!("{message} (in {file})")
        } else {
            message
        };
        let title = level.primary_title(message.as_str());
        let main = match line_text {
            Some(text) => {
                let (shown, span) = self.snippet(text);
                let snippet = Snippet::source(shown)
                    .line_start(line_number)
                    .path(file)
                    .annotation(AnnotationKind::Primary.span(span));
                title.element(snippet)
            }
            None if argument => Group::with_title(title),
            // About the whole file (an empty outline): no line to quote.
            None if whole_file => title.element(Origin::path(file)),
            None => title.element(Origin::path(file).line(line_number).char_column(column)),
        };
        let help = self.help().map(|h| tidy(&h));
        let mut report = vec![main];
        if let Some(h) = &help {
            if argument {
                // No snippet to hang the hint under: keep it in the group.
                if let Some(g) = report.pop() {
                    report.push(g.element(Level::HELP.message(h.as_str())));
                }
            } else {
                report.push(Group::with_title(Level::HELP.secondary_title(h.as_str())));
            }
        }
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&report)
    }

    /// The source line to show (control characters made visible) and the
    /// byte span to underline in it.
    fn snippet(&self, line: &str) -> (String, std::ops::Range<usize>) {
        let chars: Vec<char> = line
            .chars()
            .map(|c| {
                if crate::terminal::is_hidden(c) {
                    '\u{fffd}'
                } else {
                    c
                }
            })
            .collect();
        let col = self.column().unwrap_or(1).max(1) - 1;
        let indent = chars
            .iter()
            .take_while(|c| **c == ' ' || **c == '\t')
            .count();
        // What to underline, in characters.
        let (from, mut to) = match self.kind {
            DiagnosticKind::MixedIndentation { .. } | DiagnosticKind::BadDedent { .. } => {
                (0, indent.max(1))
            }
            // The one look-alike space.
            DiagnosticKind::UnicodeIndentation { .. } => (col, col + 1),
            _ => {
                // Never underline the indentation in front of a label.
                let start = col.max(indent).min(chars.len());
                let rest: String = chars[start..].iter().collect();
                // A reference ends at the next arrow; a syntax error points
                // at one token, an encoding error at one character.
                let len = if self.is_about_a_reference() {
                    rest.find("->")
                        .map_or(rest.chars().count(), |b| rest[..b].chars().count())
                } else if matches!(self.kind, DiagnosticKind::PrereqSyntax { .. })
                    && rest.starts_with("->")
                {
                    2
                } else if self.kind == DiagnosticKind::InvalidUtf8 {
                    rest.chars().take_while(|&c| c == '\u{fffd}').count()
                } else {
                    rest.chars().count()
                };
                let trimmed = chars[start..start + len]
                    .iter()
                    .rev()
                    .skip_while(|c| c.is_whitespace())
                    .count();
                (start, start + trimmed.max(1))
            }
        };
        // annotate-snippets cuts long lines around the culprit itself (and
        // keeps the true column), so the whole line is handed over.
        to = to.clamp(from.min(chars.len()), chars.len());
        let shown: String = chars.iter().collect();
        let byte = |c: usize| -> usize { chars[..c].iter().map(|ch| ch.len_utf8()).sum::<usize>() };
        let (a, b) = (byte(from), byte(to));
        // An empty span (past the end of the line) still gets a caret.
        let b = if b == a {
            a + usize::from(a < shown.len())
        } else {
            b
        };
        (shown, a..b)
    }

    /// Whether the diagnostic is about one reference of a prerequisite
    /// line (underlined up to the arrow) rather than the rest of the line.
    fn is_about_a_reference(&self) -> bool {
        use DiagnosticKind::*;
        matches!(
            self.kind,
            UnknownTopic { .. } | AmbiguousTopic { .. } | MoreReferenceErrors { .. }
        )
    }
}

/// Longest quoted label or reference shown whole in a message.
const QUOTE_WIDTH: usize = 60;

/// Makes a message fit a terminal whatever the labels: a `quoted` part
/// longer than `QUOTE_WIDTH` characters keeps its start and end around
/// an ellipsis with its length, and control characters become U+FFFD.
///
/// ```
/// let long = format!("unknown topic `{}`", "y".repeat(500));
/// let t = roadmapper::diagnostic::tidy(&long);
/// assert!(t.len() < 120 && t.ends_with("yyy` (500 characters)"), "{t}");
/// assert_eq!(roadmapper::diagnostic::tidy("a\u{0}b"), "a\u{fffd}b");
/// ```
pub fn tidy(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(1024));
    let mut note = None;
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
            out.extend(note.take());
        }
        let n = part.chars().count();
        if i % 2 == 1 && n > QUOTE_WIDTH {
            cut(part, n, &mut out);
            note = Some(format!(" ({n} characters)"));
        } else {
            out.extend(part.chars().map(visible));
        }
    }
    out
}

/// A label for a line of a report (`check`'s title, `show`'s path): cut
/// as [`tidy`] cuts a quoted label, with its length after it, and control
/// characters made U+FFFD.
///
/// ```
/// use roadmapper::diagnostic::shorten;
/// assert_eq!(shorten("REST\u{1b}[2J"), "REST\u{fffd}[2J");
/// let long = shorten(&"y".repeat(500));
/// assert!(long.chars().count() < 80 && long.ends_with("yyy (500 characters)"), "{long}");
/// ```
pub fn shorten(label: &str) -> String {
    let n = label.chars().count();
    if n <= QUOTE_WIDTH {
        return label.chars().map(visible).collect();
    }
    let mut out = String::with_capacity(QUOTE_WIDTH * 4);
    cut(label, n, &mut out);
    out.push_str(&format!(" ({n} characters)"));
    out
}

/// The start and end of `text` (`n` characters) around an ellipsis.
fn cut(text: &str, n: usize, out: &mut String) {
    let keep = QUOTE_WIDTH / 2 - 4;
    out.extend(text.chars().take(keep).map(visible));
    out.push('…');
    out.extend(text.chars().skip(n - keep).map(visible));
}

/// A character as a one-line message shows it: tabs and control
/// characters become U+FFFD.
fn visible(c: char) -> char {
    if c == '\t' || crate::terminal::is_hidden(c) {
        '\u{fffd}'
    } else {
        c
    }
}
