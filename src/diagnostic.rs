//! Errors and warnings about the inputs, with the file, line and column
//! they point at and, where a fix is known, a hint.
//!
//! Every stage (outline parsing, prerequisite resolution, ordering) reports
//! problems as [`Diagnostic`]s and keeps going, so that one run shows every
//! error in the inputs rather than only the first.

use std::fmt;
use std::path::PathBuf;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The input is usable but probably not what was meant.
    Warning,
    /// The input cannot be used.
    Error,
}

/// What went wrong. Each variant is one way an input can be rejected or
/// questioned; the message and hint are derived from it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DiagnosticKind {
    /// A line is not valid UTF-8.
    InvalidUtf8,
    /// The file indents some lines with tabs and others with spaces (or
    /// both in one line).
    MixedIndentation {
        /// Whether the file's first indented line used tabs.
        first_uses_tabs: bool,
        /// The line that set the file's indentation character.
        first_line: usize,
    },
    /// A dedent lands between two enclosing levels.
    BadDedent {
        /// The indentation of the offending line, in characters.
        found: usize,
        /// The indentation of the enclosing levels it could match.
        expected: Vec<usize>,
    },
    /// A line holds only tags, markers or punctuation.
    EmptyLabel,
    /// A prerequisite line is not of the form `A -> B [-> C ...]`.
    PrereqSyntax {
        /// What is wrong with the line.
        detail: String,
    },
    /// A reference names no topic.
    UnknownTopic {
        /// The reference as written.
        reference: String,
        /// Up to three of the closest labels.
        suggestions: Vec<String>,
    },
    /// A reference names several topics.
    AmbiguousTopic {
        /// The reference as written.
        reference: String,
        /// The full path of each candidate (at most [`MAX_LISTED`]).
        candidates: Vec<String>,
        /// How many topics match in all.
        count: usize,
        /// For each candidate, the shortest reference that picks it.
        references: Vec<String>,
    },
    /// A topic listed as its own prerequisite.
    SelfPrerequisite {
        /// The topic's label.
        label: String,
    },
    /// A prerequisite between a group and a topic inside it: the outline
    /// already orders them.
    GroupDescendant {
        /// The group's label.
        group: String,
        /// The descendant's label.
        descendant: String,
    },
    /// The prerequisites (with the outline's parent-before-child rule) form
    /// a cycle, so no study order exists.
    Cycle {
        /// The cycle, formatted with the file and line of each edge.
        chain: String,
        /// The edge suggested for removal, formatted as `A -> B (file:line)`.
        drop: String,
    },
    /// Several topics share a label (warning).
    DuplicateLabel {
        /// The shared label.
        label: String,
        /// The full paths of the topics that carry it (at most [`MAX_LISTED`]).
        paths: Vec<String>,
        /// How many topics carry it.
        count: usize,
        /// For each, the shortest reference that picks it.
        references: Vec<String>,
    },
    /// A label longer than posters show comfortably (warning).
    LongLabel {
        /// Its length in characters.
        chars: usize,
    },
    /// The outline has no topics (warning).
    EmptyOutline,
    /// The same prerequisite is given twice (warning).
    DuplicatePrerequisite {
        /// The edge, as `A -> B`.
        edge: String,
        /// Where it was first given, as `file:line`.
        first: String,
    },
}

/// A located problem in an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// The file as the user named it (`<stdin>` for standard input).
    pub file: String,
    /// 1-based line; 0 when the problem is in a command-line value rather
    /// than a file.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What went wrong.
    pub kind: DiagnosticKind,
}

impl Diagnostic {
    /// An error at `file:line:column`.
    pub fn error(file: &str, line: usize, column: usize, kind: DiagnosticKind) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_string(),
            line,
            column,
            kind,
        }
    }

    /// A warning at `file:line:column`.
    pub fn warning(file: &str, line: usize, column: usize, kind: DiagnosticKind) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, line, column, kind)
        }
    }

    /// Whether this is an error rather than a warning.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The one-line message, without location.
    pub fn message(&self) -> String {
        use DiagnosticKind::*;
        match &self.kind {
            InvalidUtf8 => "line is not valid UTF-8".to_string(),
            MixedIndentation {
                first_uses_tabs, ..
            } => {
                let (this, other) = if *first_uses_tabs {
                    ("spaces", "tabs")
                } else {
                    ("tabs", "spaces")
                };
                format!(
                    "indentation mixes tabs and spaces: this line indents with {this}, earlier lines with {other}"
                )
            }
            BadDedent { .. } => "indentation does not match any outer level".to_string(),
            EmptyLabel => "line has no label, only markers or tags".to_string(),
            PrereqSyntax { detail } => format!("malformed prerequisite: {detail}"),
            UnknownTopic { reference, .. } => format!("unknown topic `{reference}`"),
            AmbiguousTopic {
                reference,
                candidates,
                count,
                ..
            } => format!(
                "`{reference}` is ambiguous: it could be {}{}",
                join_or(&backticked(candidates)),
                more(*count, candidates.len())
            ),
            SelfPrerequisite { label } => format!("`{label}` is listed as its own prerequisite"),
            GroupDescendant { group, descendant } => format!(
                "prerequisite between the group `{group}` and `{descendant}`, which is inside it"
            ),
            Cycle { chain, .. } => format!("cycle: {chain}"),
            DuplicateLabel { label, count, .. } => {
                format!("{count} topics share the label `{label}`")
            }
            LongLabel { chars } => {
                format!("label is {chars} characters long; posters read best under {LONG_LABEL}")
            }
            DuplicatePrerequisite { edge, first } => {
                format!("prerequisite `{edge}` is given twice (first at {first})")
            }
            EmptyOutline => "the outline has no topics".to_string(),
        }
    }

    /// A hint on how to fix it, when one is known.
    pub fn help(&self) -> Option<String> {
        use DiagnosticKind::*;
        match &self.kind {
            InvalidUtf8 => Some("save the file as UTF-8".to_string()),
            MixedIndentation {
                first_uses_tabs,
                first_line,
            } => Some(format!(
                "line {first_line} set the indentation to {}; use {} throughout the file",
                if *first_uses_tabs { "tabs" } else { "spaces" },
                if *first_uses_tabs { "tabs" } else { "spaces" },
            )),
            BadDedent { found, expected } => {
                let levels: Vec<String> = expected.iter().map(|w| w.to_string()).collect();
                Some(format!(
                    "this line is indented by {found}; the enclosing levels are at {}",
                    join_or(&levels)
                ))
            }
            EmptyLabel => Some("give the topic a name, or delete the line".to_string()),
            PrereqSyntax { .. } => Some(
                "write `Topic A -> Topic B` (A is learned before B); lines starting with `#` are comments"
                    .to_string(),
            ),
            UnknownTopic { suggestions, .. } if !suggestions.is_empty() => Some(format!(
                "did you mean {}?",
                join_or(&backticked(suggestions))
            )),
            UnknownTopic { .. } => {
                Some("check the spelling against the outline (labels ignore case)".to_string())
            }
            AmbiguousTopic { references, .. } => Some(format!(
                "pick one with a path: {}",
                join_or(&backticked(references))
            )),
            SelfPrerequisite { .. } => Some("delete this prerequisite".to_string()),
            GroupDescendant { .. } => Some(
                "the outline already puts a group before what it contains; delete this prerequisite"
                    .to_string(),
            ),
            Cycle { drop, .. } => Some(format!("drop one of these edges, for example {drop}")),
            DuplicateLabel { references, .. } => Some(format!(
                "refer to them in prerequisites by path: {}",
                join_or(&backticked(references))
            )),
            LongLabel { .. } => Some("shorten the label, or move detail into subtopics".to_string()),
            DuplicatePrerequisite { .. } => Some("delete one of the two lines".to_string()),
            EmptyOutline => Some("write one topic per line, nested by indentation".to_string()),
        }
    }
}

/// Labels longer than this many characters get a warning from `check`.
pub const LONG_LABEL: usize = 60;

/// Diagnostics list at most this many candidates or paths.
pub const MAX_LISTED: usize = 10;

fn more(count: usize, listed: usize) -> String {
    if count > listed {
        format!(" ({count} topics in all)")
    } else {
        String::new()
    }
}

fn backticked(items: &[String]) -> Vec<String> {
    items.iter().map(|s| format!("`{s}`")).collect()
}

fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

impl fmt::Display for Diagnostic {
    /// `error: FILE:LINE: message`, then `  help: hint` on its own line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let word = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        if self.line == 0 {
            // Not from a file: a command-line value such as `--to`.
            write!(f, "{word}: {}: {}", self.file, self.message())?;
        } else {
            write!(f, "{word}: {}:{}: {}", self.file, self.line, self.message())?;
        }
        if let Some(help) = self.help() {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Everything that can make a library call fail.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The inputs have errors (and maybe warnings); every one found is listed.
    Input(Vec<Diagnostic>),
    /// A file could not be read or written.
    Io {
        /// The file involved.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A request that does not fit the inputs (for example `--to` naming an
    /// unknown topic is an [`Error::Input`]; this is for other misuse).
    Usage(String),
    /// The output cannot be made as asked (for example a PNG over the pixel
    /// budget); `help` says what to do instead.
    Render {
        /// What went wrong.
        message: String,
        /// What to do about it.
        help: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input(diags) => {
                let mut first = true;
                for d in diags {
                    if !first {
                        writeln!(f)?;
                    }
                    first = false;
                    write!(f, "{d}")?;
                }
                Ok(())
            }
            Error::Io { path, source } => write!(f, "error: {}: {source}", path.display()),
            Error::Usage(msg) => write!(f, "error: {msg}"),
            Error::Render { message, help } => write!(f, "error: {message}\n  help: {help}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_has_location_and_help() {
        let d = Diagnostic::error(
            "a.txt",
            3,
            5,
            DiagnosticKind::BadDedent {
                found: 2,
                expected: vec![0, 4],
            },
        );
        assert_eq!(
            d.to_string(),
            "error: a.txt:3: indentation does not match any outer level\n  help: this line is indented by 2; the enclosing levels are at 0 or 4"
        );
    }

    #[test]
    fn unknown_topic_suggests() {
        let d = Diagnostic::error(
            "p",
            1,
            1,
            DiagnosticKind::UnknownTopic {
                reference: "Restt".into(),
                suggestions: vec!["REST".into(), "Redis".into()],
            },
        );
        assert_eq!(d.help().unwrap(), "did you mean `REST` or `Redis`?");
    }
}
