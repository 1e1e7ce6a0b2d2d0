//! Errors and warnings about the inputs, with the file, line and column
//! they point at and, where a fix is known, a hint.
//!
//! Every stage (outline parsing, prerequisite resolution, ordering) reports
//! problems as [`Diagnostic`]s and keeps going, so that one run shows every
//! error in the inputs rather than only the first.

use std::fmt;
use std::path::PathBuf;

mod png;
mod render;

pub use png::PngError;
pub use render::{shorten, tidy};

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
    /// A line is indented with a character that looks like a space but is
    /// neither a space nor a tab (a no-break space, an ideographic space,
    /// ...): read as part of the label, it would flatten the line to a root.
    UnicodeIndentation {
        /// The character.
        character: char,
    },
    /// A line holds only tags, markers or punctuation.
    EmptyLabel,
    /// A carriage return inside a line: the file uses old Mac line ends
    /// (CR only), which would glue lines into one label.
    StrayCarriageReturn,
    /// A prerequisite line is not of the form `A -> B [-> C ...]`.
    PrereqSyntax {
        /// What is wrong with the line.
        detail: String,
    },
    /// A topic carries more than [`crate::outline::MAX_TAGS`] tags.
    TooManyTags {
        /// How many it carries.
        count: usize,
        /// How many are allowed.
        max: usize,
    },
    /// A prerequisite line holds more than
    /// [`crate::prereqs::MAX_REFERENCES`] references.
    TooManyReferences {
        /// How many it holds.
        count: usize,
        /// How many are allowed.
        max: usize,
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
        /// The shortest reference that picks each candidate that can be
        /// picked at all.
        references: Vec<String>,
        /// The candidates (full paths) no reference can pick: another
        /// topic's path ends with their whole path (`Root` beside
        /// `Root > root`).
        unreachable: Vec<String>,
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
        /// The shortest reference that picks each one that can be picked.
        references: Vec<String>,
        /// Those (full paths) no reference can pick, because another's
        /// path ends with their whole path.
        unreachable: Vec<String>,
    },
    /// A label longer than posters show comfortably (warning).
    LongLabel {
        /// Its length in characters.
        chars: usize,
    },
    /// The outline has no topics (warning).
    EmptyOutline,
    /// A Markdown outline with text but no heading or list item, so no
    /// topics (warning): a plain outline saved under a Markdown name, say.
    MarkdownWithoutTopics {
        /// The Markdown extension of the file's name (`.md`), when the name
        /// made it Markdown.
        extension: Option<&'static str>,
    },
    /// A prerequisite file that reads like an outline (most lines have no
    /// `->`): probably the outline passed with `--prereqs`.
    PrereqsLookLikeOutline {
        /// Lines without `->`.
        without_arrow: usize,
        /// Lines that are neither blank nor comments.
        lines: usize,
    },
    /// An outline whose every line is `A -> B`, unindented: probably a
    /// prerequisite file given where the outline goes.
    OutlineLooksLikePrereqs {
        /// How many such lines.
        lines: usize,
    },
    /// A Markdown file opens with a `---` block that is not YAML front
    /// matter (warning): the block is read as Markdown.
    NotFrontMatter {
        /// The line that closes the block.
        closing: usize,
    },
    /// A prerequisite file with `## TOPIC` headings and no `->` at all:
    /// probably a notes file given with `--prereqs`.
    PrereqsLookLikeNotes {
        /// How many `## ` heading lines.
        headings: usize,
    },
    /// A notes file with no `## TOPIC` section whose every line is
    /// `A -> B`, unindented: probably a prerequisite file given as notes.
    NotesLookLikePrereqs {
        /// How many such lines.
        lines: usize,
    },
    /// Unknown or ambiguous references on one line beyond the first
    /// [`MAX_LISTED`] reported.
    MoreReferenceErrors {
        /// How many more.
        count: usize,
    },
    /// The same prerequisite file is given more than once (warning): its
    /// lines count once.
    RepeatedPrereqFile,
    /// Prerequisites given twice beyond the first [`MAX_LISTED`] warnings
    /// (warning).
    MoreDuplicatePrerequisites {
        /// How many more.
        count: usize,
    },
    /// A prerequisite the nesting and the other prerequisites already
    /// enforce (warning): posters leave it out.
    ImpliedPrerequisite {
        /// The prerequisite, as `A -> B (file:line)`.
        edge: String,
        /// The kept prerequisites that imply it, each as `A -> B
        /// (file:line)`, with the nesting that links them.
        chain: String,
    },
    /// Implied prerequisites beyond the first
    /// [`crate::roadmap::MAX_IMPLIED_WARNINGS`] warnings (warning).
    MoreImpliedPrerequisites {
        /// How many more.
        count: usize,
        /// How many were listed before this warning.
        listed: usize,
    },
    /// A topic named where a section is wanted (`render --section`).
    NotASection {
        /// The reference as written.
        reference: String,
        /// The section the topic is in, if any (the title is in none).
        section: Option<String>,
        /// The first [`MAX_LISTED`] sections' labels.
        sections: Vec<String>,
    },
    /// A link whose URL is not absolute `http`, `https` or `mailto`
    /// (warning): it is dropped.
    LinkDropped {
        /// The URL as written.
        url: String,
        /// Its scheme, lowercased.
        scheme: String,
    },
    /// A link whose `http`, `https` or `mailto` URL holds a control
    /// character (warning): it is dropped.
    LinkControlCharacter {
        /// The URL as written.
        url: String,
        /// The first control character in it.
        character: char,
    },
    /// A notes link `[@kind@Title](url)` of a kind roadmapper does not know
    /// (warning): the link is kept without a kind.
    UnknownLinkKind {
        /// The kind as written.
        kind: String,
    },
    /// A notes heading `##` with no reference after it.
    EmptyHeading,
    /// A topic given notes twice (warning): the later notes win.
    DuplicateNotes {
        /// The topic's label.
        label: String,
        /// Where its notes were first given, as `file:line`.
        first: String,
    },
    /// A topic given two different states in progress files (warning).
    StateGivenTwice {
        /// The topic's label.
        label: String,
        /// Where its state was first given, as `file:line`.
        first: String,
        /// The state given there and the one given here.
        states: (String, String),
    },
    /// The progress file a mark would write does not read back with the
    /// states set; nothing is written.
    NotReadBack {
        /// What would read wrong, in words.
        problem: String,
        /// The hint of the error behind it, if any.
        hint: Option<String>,
    },
    /// Warnings of one kind beyond the first [`MAX_LISTED`] (warning).
    MoreWarnings {
        /// What they are about, plural: `long labels`.
        what: &'static str,
        /// How many more.
        count: usize,
    },
    /// The same prerequisite is given twice (warning).
    DuplicatePrerequisite {
        /// The edge, as `A -> B`.
        edge: String,
        /// Where it was first given, as `file:line`.
        first: String,
    },
}

/// Where a diagnostic points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A place in an input file.
    File {
        /// The file as the user named it (`<stdin>` for standard input).
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
    },
    /// A value given on the command line rather than in a file (the
    /// binary's `--to`, `--section`, `TOPIC`).
    Argument {
        /// How the command line names the value (`--to`).
        name: String,
    },
}

/// A located problem in an input file or a command-line value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// Where it is.
    pub location: Location,
    /// What went wrong.
    pub kind: DiagnosticKind,
}

impl Diagnostic {
    /// An error at `file:line:column`.
    pub fn error(file: &str, line: usize, column: usize, kind: DiagnosticKind) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location: Location::File {
                file: file.to_string(),
                line,
                column,
            },
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

    /// An error in a command-line value, which `name` names (`--to`).
    pub fn argument(name: &str, kind: DiagnosticKind) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location: Location::Argument {
                name: name.to_string(),
            },
            kind,
        }
    }

    /// The file (or, for a command-line value, its name).
    pub fn file(&self) -> &str {
        match &self.location {
            Location::File { file, .. } => file,
            Location::Argument { name } => name,
        }
    }

    /// The 1-based line in the file; `None` for a command-line value.
    pub fn line(&self) -> Option<usize> {
        match self.location {
            Location::File { line, .. } => Some(line),
            Location::Argument { .. } => None,
        }
    }

    /// The 1-based column in the line; `None` for a command-line value.
    pub fn column(&self) -> Option<usize> {
        match self.location {
            Location::File { column, .. } => Some(column),
            Location::Argument { .. } => None,
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
            UnicodeIndentation { character } => format!(
                "indentation uses U+{:04X} {}; use spaces or tabs",
                u32::from(*character),
                crate::terminal::space_name(*character).unwrap_or("SPACE")
            ),
            StrayCarriageReturn => {
                "line contains a carriage return (old Mac line ends?)".to_string()
            }
            PrereqSyntax { detail } => format!("malformed prerequisite: {detail}"),
            TooManyTags { count, max } => {
                format!("topic has {count} tags; at most {max} are allowed")
            }
            TooManyReferences { count, max } => format!(
                "line has {count} topics joined by `->`; at most {max} are allowed on one line"
            ),
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
            NotASection { reference, .. } => format!("`{reference}` is not a section"),
            ImpliedPrerequisite { edge, chain } => format!("{edge} is implied by {chain}"),
            MoreImpliedPrerequisites { count, .. } => format!(
                "{count} more prerequisite{} implied by others",
                if *count == 1 { " is" } else { "s are" }
            ),
            EmptyOutline => "the outline has no topics".to_string(),
            MarkdownWithoutTopics { .. } => {
                "the outline was read as Markdown and has no topics: in Markdown, only headings and list items are topics"
                    .to_string()
            }
            PrereqsLookLikeOutline {
                without_arrow,
                lines,
            } => format!(
                "this looks like an outline, not a prerequisite file: {without_arrow} of its {lines} lines have no `->`"
            ),
            OutlineLooksLikePrereqs { lines } => format!(
                "this looks like a prerequisite file, not an outline: all {lines} lines are `A -> B`"
            ),
            NotFrontMatter { closing } => format!(
                "the `---` block of lines 1 to {closing} is read as Markdown, not as front matter: front matter holds only YAML `key: value` lines"
            ),
            PrereqsLookLikeNotes { headings } => format!(
                "this looks like notes, not a prerequisite file: {headings} `## TOPIC` heading{} and no `->`",
                if *headings == 1 { "" } else { "s" }
            ),
            NotesLookLikePrereqs { lines } => format!(
                "this looks like a prerequisite file, not notes: all {lines} lines are `A -> B` and none is a `## TOPIC` heading"
            ),
            RepeatedPrereqFile => {
                "the prerequisite file is given more than once; its lines count once".to_string()
            }
            MoreReferenceErrors { count } => format!(
                "{count} more unknown or ambiguous topic{} on this line",
                if *count == 1 { "" } else { "s" }
            ),
            MoreDuplicatePrerequisites { count } => format!(
                "{count} more prerequisite{} given twice",
                if *count == 1 { " is" } else { "s are" }
            ),
            LinkDropped { url, scheme } => format!(
                "link `{url}` is dropped: its scheme `{scheme}` is not http, https or mailto"
            ),
            LinkControlCharacter { url, character } => format!(
                "link `{url}` is dropped: control character U+{:04X} in the URL",
                u32::from(*character)
            ),
            UnknownLinkKind { kind } => format!("unknown link kind `@{kind}@`"),
            DuplicateNotes { label, first } => {
                format!("`{label}` already has notes (at {first}); these replace them")
            }
            EmptyHeading => {
                "empty heading: a `## TOPIC` heading names the topic its notes are for".to_string()
            }
            StateGivenTwice {
                label,
                first,
                states,
            } => format!(
                "`{label}` is {} here but {} at {first}; this line wins",
                states.1, states.0
            ),
            NotReadBack { problem, .. } => format!(
                "the progress file this mark would write does not read back: {problem}; nothing was written"
            ),
            MoreWarnings { what, count } => format!("{count} more warnings about {what}"),
        }
    }

    /// A hint on how to fix it, when one is known.
    pub fn help(&self) -> Option<String> {
        use DiagnosticKind::*;
        match &self.kind {
            InvalidUtf8 => Some("save the file as UTF-8".to_string()),
            StrayCarriageReturn => {
                Some("save the file with LF (Unix) or CRLF (Windows) line ends".to_string())
            }
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
            UnicodeIndentation { .. } => Some(
                "the character looks like a space but is not one (pasted from a web page or word processor?); replace it with spaces or tabs"
                    .to_string(),
            ),
            PrereqSyntax { .. } => Some(
                "write `Topic A -> Topic B` (A is learned before B); lines starting with `#` are comments"
                    .to_string(),
            ),
            UnknownTopic { suggestions, .. } => {
                // A label containing `->` cannot be written as a reference:
                // suggesting it would send the user in a circle.
                let (arrows, usable): (Vec<String>, Vec<String>) =
                    suggestions.iter().cloned().partition(|s| s.contains("->"));
                let mut help = if usable.is_empty() {
                    "check the spelling against the outline (labels ignore case)".to_string()
                } else {
                    format!("did you mean {}?", join_or(&backticked(&usable)))
                };
                if !arrows.is_empty() {
                    help.push_str(&format!(
                        "; {} contains `->`, which cannot be referenced: rename the topic in the outline",
                        join_or(&backticked(&arrows))
                    ));
                }
                Some(help)
            }
            AmbiguousTopic {
                references,
                unreachable,
                ..
            } => Some(pick_help("pick one with a path", references, unreachable)),
            TooManyTags { .. } => Some(
                "keep a few tags such as `[recommended]` or `[optional]`; move the rest into the label or subtopics"
                    .to_string(),
            ),
            TooManyReferences { .. } => Some(
                "split the chain over several lines: `A -> B` on one line and `B -> C` on the next mean the same"
                    .to_string(),
            ),
            SelfPrerequisite { .. } => Some("delete this prerequisite".to_string()),
            GroupDescendant { .. } => Some(
                "the outline already puts a group before what it contains; delete this prerequisite"
                    .to_string(),
            ),
            Cycle { drop, .. } => Some(format!("drop one of these edges, for example {drop}")),
            DuplicateLabel {
                references,
                unreachable,
                ..
            } => Some(pick_help(
                "refer to them in prerequisites by path",
                references,
                unreachable,
            )),
            LongLabel { .. } => Some("shorten the label, or move detail into subtopics".to_string()),
            DuplicatePrerequisite { .. } => Some("delete one of the two lines".to_string()),
            NotASection {
                reference,
                section: Some(section),
                ..
            } => Some(format!(
                "it is in the section `{section}`: --section '{section}' draws that section; --to '{reference}' draws what it needs"
            )),
            NotASection {
                section: None,
                sections,
                ..
            } => Some(if sections.is_empty() {
                "the roadmap has no sections".to_string()
            } else {
                format!("the sections are {}", join_or(&backticked(sections)))
            }),
            ImpliedPrerequisite { .. } => Some(
                "posters leave it out (`render --all-prereqs` draws it); delete the line unless it says more to a reader"
                    .to_string(),
            ),
            MoreImpliedPrerequisites { listed, .. } => Some(format!(
                "only the first {listed} are listed; `render -f json` marks every one `\"implied\": true`"
            )),
            EmptyOutline => Some("write one topic per line, nested by indentation".to_string()),
            MarkdownWithoutTopics {
                extension: Some(extension),
            } => Some(format!(
                "its name ends in `{extension}`; to read it as a plain outline (one topic per line, nested by indentation), rename it to end in `.txt`"
            )),
            MarkdownWithoutTopics { extension: None } => Some(
                "its first line is a heading or a list item, so it is Markdown: write the topics as headings (`# Backend`) or list items (`- HTTP`)"
                    .to_string(),
            ),
            PrereqsLookLikeOutline { .. } => Some(
                "the outline is the first argument; --prereqs takes files of `A -> B` lines: roadmapper order OUTLINE --prereqs FILE"
                    .to_string(),
            ),
            OutlineLooksLikePrereqs { .. } => Some(
                "did you swap the arguments? roadmapper order OUTLINE --prereqs FILE".to_string(),
            ),
            NotFrontMatter { .. } => Some(
                "write only `key: value` lines between the `---` lines to make it front matter; to open with a rule instead, write `***`"
                    .to_string(),
            ),
            PrereqsLookLikeNotes { .. } => Some(
                "pass it with --notes FILE; --prereqs takes files of `A -> B` lines".to_string(),
            ),
            NotesLookLikePrereqs { .. } => Some(
                "pass it with --prereqs FILE; --notes takes Markdown with a `## TOPIC` section per topic"
                    .to_string(),
            ),
            RepeatedPrereqFile => Some("give each prerequisite file once".to_string()),
            MoreReferenceErrors { .. } => Some(format!(
                "only the first {MAX_LISTED} of a line are listed; fix those and run again"
            )),
            MoreDuplicatePrerequisites { .. } => Some(format!(
                "only the first {MAX_LISTED} are listed; delete the repeated lines"
            )),
            LinkDropped { .. } => Some(
                "only web and mail links are written into posters and checklists; link to an http(s) page"
                    .to_string(),
            ),
            LinkControlCharacter { .. } => Some(
                "a URL holds no control characters: delete it, or percent-encode it (DEL is %7F)"
                    .to_string(),
            ),
            UnknownLinkKind { .. } => Some(format!(
                "the kinds are {}; the link is kept without a kind",
                crate::link::LinkKind::ALL.map(|k| k.name()).join(", ")
            )),
            DuplicateNotes { .. } => {
                Some("give each topic one `## TOPIC` section in the notes".to_string())
            }
            EmptyHeading => {
                Some("write the topic's label after `##`, or delete the heading".to_string())
            }
            StateGivenTwice { .. } => {
                Some("keep one line per topic in the progress file".to_string())
            }
            NotReadBack { hint, .. } => Some(hint.clone().unwrap_or_else(|| {
                "set the box in the file by hand; if the file ends inside a block (code, HTML, a comment), close it first"
                    .to_string()
            })),
            MoreWarnings { .. } => Some(format!(
                "only the first {MAX_LISTED} are listed; fix those and run again"
            )),
        }
    }
}

/// Labels longer than this many characters get a warning from `check`.
pub const LONG_LABEL: usize = 60;

/// Diagnostics list at most this many candidates or paths.
pub const MAX_LISTED: usize = 10;

/// `pick one with a path: `A > x` or `B > x``, and for topics no path
/// can pick, why and what to do.
fn pick_help(lead: &str, references: &[String], unreachable: &[String]) -> String {
    let mut help = String::new();
    if !references.is_empty() {
        help = format!("{lead}: {}", join_or(&backticked(references)));
    }
    if !unreachable.is_empty() {
        if !help.is_empty() {
            help.push_str("; ");
        }
        let them = if unreachable.len() == 1 { "it" } else { "them" };
        help.push_str(&format!(
            "{} cannot be named by any path, because another topic's path ends with {}; rename one of the topics to refer to {them}",
            join_or(&backticked(unreachable)),
            if unreachable.len() == 1 { "its whole path" } else { "their whole paths" },
        ));
    }
    help
}

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
        match &self.location {
            // Not from a file: a command-line value such as `--to`.
            Location::Argument { name } => write!(f, "{word}: {name}: {}", self.message())?,
            Location::File { file, line, .. } => {
                write!(f, "{word}: {file}:{line}: {}", self.message())?;
            }
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
    /// An input is larger than the size limit (a device such as
    /// `/dev/zero`, or a file that keeps growing, ends here too).
    TooLarge {
        /// The input.
        path: PathBuf,
        /// The limit in bytes.
        limit: u64,
    },
    /// An output file is read-only, and replacing it was not asked for
    /// ([`crate::WriteOptions::force`]).
    ReadOnly {
        /// The file.
        path: PathBuf,
    },
    /// Two outputs written as a pair name the same file.
    SameOutput {
        /// The first output as given.
        first: PathBuf,
        /// The second, naming the same file.
        second: PathBuf,
    },
    /// A file given as a font is not one.
    NotAFont {
        /// The file.
        path: PathBuf,
        /// What the font parser said.
        reason: String,
    },
    /// A font file holds only the family roadmapper embeds and always
    /// draws with.
    EmbeddedFont {
        /// The file.
        path: PathBuf,
        /// The family embedded ([`crate::text::FAMILY`]).
        family: &'static str,
    },
    /// A PNG cannot be made as asked (over the pixel budget, say).
    Png(PngError),
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
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::TooLarge { path, limit } => write!(
                f,
                "`{}` is larger than the input limit of {}",
                path.display(),
                human_size(*limit)
            ),
            Error::ReadOnly { path } => {
                write!(
                    f,
                    "`{}` is read-only; refusing to replace it",
                    path.display()
                )
            }
            Error::SameOutput { first, second } => write!(
                f,
                "`{}` and `{}` are the same file; both outputs would go there",
                first.display(),
                second.display()
            ),
            Error::NotAFont { path, reason } => {
                write!(f, "`{}` is not a font file ({reason})", path.display())
            }
            Error::EmbeddedFont { path, family } => write!(
                f,
                "`{}` holds {family}, which roadmapper embeds and always draws with",
                path.display()
            ),
            Error::Png(e) => write!(f, "{e}"),
        }
    }
}

/// `256 MiB`, `1.5 GiB`, `100 bytes`: a size for a message.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if value.fract() == 0.0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
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
