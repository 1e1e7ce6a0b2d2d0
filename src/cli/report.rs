//! What the binary prints on standard error: diagnostics with the offending
//! source line and a caret, usage errors, warnings and, on a terminal, what
//! was written. The library's typed errors are worded here, in terms of the
//! command line's flags.

use std::cell::{Cell, RefCell};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use roadmapper::{Diagnostic, Error, Input};

use super::ColorArg;
use super::plan::Usage;

/// Why a run stopped.
#[derive(Debug)]
pub enum Failure {
    /// The reader of standard output went away (`| head`): not an error.
    BrokenPipe,
    /// Flags that clash, or a value that cannot be used: exit 2.
    Usage(Usage),
    /// A file could not be read or written: what was being done, the
    /// system's reason and, when one is near, the file meant.
    Io {
        /// `read`, `write`, `read the font`...
        op: &'static str,
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
        /// What to do.
        help: Option<String>,
    },
    /// Something the binary words itself, with advice: exit 1.
    Message {
        /// What went wrong.
        message: String,
        /// What to do.
        help: String,
    },
    /// The library's error: exit 1.
    Error(Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        failure("access", e)
    }
}

/// The library's error as the command line words it: `op` is what was
/// being done to a file (`read`, `write`); the advice names the flags.
pub fn failure(op: &'static str, e: Error) -> Failure {
    let usage = |message: String, help: &str| {
        Failure::Usage(Usage {
            message,
            help: help.to_string(),
        })
    };
    match e {
        Error::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe => {
            Failure::BrokenPipe
        }
        Error::Io { path, source } => {
            let help = super::advice::hint(&path, &source);
            Failure::Io {
                op,
                path,
                source,
                help,
            }
        }
        Error::TooLarge { .. } => Failure::Message {
            message: e.to_string(),
            help: "if it really is a roadmap, raise the limit with --max-input-size".into(),
        },
        Error::ReadOnly { path } => Failure::Message {
            message: format!(
                "cannot {op} `{}`: it is read-only; refusing to replace it",
                path.display()
            ),
            help: "pass --force to replace it anyway, or make it writable first (chmod u+w)".into(),
        },
        Error::SameOutput { .. } => usage(e.to_string(), "give the two outputs different files"),
        Error::NotAFont { path, reason } => usage(
            format!("--font {}: not a font file ({reason})", path.display()),
            "give a TrueType or OpenType font or collection (.ttf, .otf, .ttc), such as /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        ),
        Error::EmbeddedFont { path, family } => usage(
            format!(
                "--font {}: this is {family}, which roadmapper embeds and always draws with",
                path.display()
            ),
            &format!(
                "give a font for the characters {} lacks, such as Noto Sans CJK for Chinese and Japanese",
                roadmapper::text::FAMILY
            ),
        ),
        e => Failure::Error(e),
    }
}

impl From<Usage> for Failure {
    fn from(u: Usage) -> Self {
        Failure::Usage(u)
    }
}

impl Failure {
    /// The exit code: 2 for usage errors, 1 for the rest (0 for a reader
    /// that went away).
    pub fn code(&self) -> u8 {
        match self {
            Failure::BrokenPipe => 0,
            Failure::Usage(_) => 2,
            _ => 1,
        }
    }
}

/// Prints errors and warnings to stderr: diagnostics with the offending
/// source line and a caret (so it keeps the text of every input it read),
/// in colour when asked or when stderr is a terminal and `NO_COLOR` is unset.
pub struct Reporter {
    color: bool,
    /// Warnings and "wrote" lines are dropped (`--quiet`).
    pub quiet: Cell<bool>,
    /// Whether "wrote FILE" lines are printed: standard error is a
    /// terminal (tests/suite/messages.rs gives it one with script(1)).
    terminal: bool,
    /// The inputs read, each with the start of every line once a
    /// diagnostic needs one (so each diagnostic costs O(1), not O(file)).
    sources: RefCell<Vec<(Input, Option<Vec<usize>>)>>,
    /// Whether anything was printed yet: reports are separated by a blank
    /// line.
    printed: Cell<bool>,
    /// Standard error failed (full disk, closed): nothing more is written.
    closed: Cell<bool>,
    /// Something could not be written for another reason than a reader
    /// that went away: the run fails.
    pub lost: Cell<bool>,
}

impl Reporter {
    /// A reporter colouring as `choice` says.
    pub fn new(choice: ColorArg) -> Reporter {
        let terminal = io::stderr().is_terminal();
        let color = match choice {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && terminal,
        };
        Reporter {
            color,
            quiet: Cell::new(false),
            terminal,
            sources: RefCell::new(Vec::new()),
            printed: Cell::new(false),
            closed: Cell::new(false),
            lost: Cell::new(false),
        }
    }

    /// Keeps the inputs (moved, not copied) for quoting lines later.
    pub fn remember(&self, inputs: impl IntoIterator<Item = Input>) {
        let mut sources = self.sources.borrow_mut();
        sources.extend(inputs.into_iter().map(|i| (i, None)));
    }

    /// Line `line` (1-based) of the input named `file`, as the parsers saw
    /// it: no byte-order mark, no line ending, invalid UTF-8 replaced.
    fn line(&self, file: &str, line: usize) -> Option<String> {
        let mut sources = self.sources.borrow_mut();
        let (input, starts) = sources.iter_mut().find(|(i, _)| i.name == file)?;
        let bytes = input
            .bytes
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap_or(&input.bytes);
        let starts = starts.get_or_insert_with(|| {
            std::iter::once(0)
                .chain(
                    bytes
                        .iter()
                        .enumerate()
                        .filter_map(|(i, &b)| (b == b'\n').then_some(i + 1)),
                )
                .collect()
        });
        let start = *starts.get(line.checked_sub(1)?)?;
        let end = starts.get(line).map_or(bytes.len(), |&next| next - 1);
        let raw = &bytes[start..end.max(start)];
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        Some(String::from_utf8_lossy(raw).into_owned())
    }

    /// A diagnostic (error or warning) with its source line; a warning is
    /// dropped with `--quiet`.
    pub fn diagnostic(&self, d: &Diagnostic) {
        if !d.is_error() && self.quiet.get() {
            return;
        }
        let line = d.line().and_then(|n| self.line(d.file(), n));
        self.separate();
        self.write(&d.render_line(line.as_deref(), self.color));
    }

    /// Reports why the run stopped.
    pub fn failure(&self, f: &Failure) {
        match f {
            Failure::BrokenPipe => {}
            Failure::Usage(u) => self.labelled("error", "1;31", &with_help(&u.message, &u.help)),
            Failure::Message { message, help } => {
                self.labelled("error", "1;31", &with_help(message, help));
            }
            Failure::Io {
                op,
                path,
                source,
                help,
            } => {
                let reason = super::advice::reason(source);
                let message = format!("cannot {op} `{}`: {reason}", path.display());
                self.labelled(
                    "error",
                    "1;31",
                    &with_help(&message, help.as_deref().unwrap_or("")),
                );
            }
            Failure::Error(Error::Input(diagnostics)) => {
                for d in diagnostics {
                    self.diagnostic(d);
                }
                let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                if errors > 1 {
                    self.labelled("error", "1;31", &format!("aborting due to {errors} errors"));
                }
            }
            Failure::Error(other) => self.labelled("error", "1;31", &other.to_string()),
        }
    }

    fn separate(&self) {
        if self.printed.replace(true) {
            self.write("");
        }
    }

    /// `warning: message` (with any `help:` lines the message carries),
    /// unless `--quiet`.
    pub fn warning(&self, message: &str) {
        if !self.quiet.get() {
            self.labelled("warning", "1;33", message);
        }
    }

    /// `wrote FILE (details)`: only on a terminal, and not with `--quiet`.
    pub fn wrote(&self, what: &str) {
        self.tell(&format!("wrote {what}"));
    }

    /// A line on what was done (`nothing to change in FILE`): only on a
    /// terminal, and not with `--quiet`.
    pub fn tell(&self, what: &str) {
        if self.terminal && !self.quiet.get() {
            let what = roadmapper::terminal::visible_lines(what);
            self.write(&what);
        }
    }

    /// `word: message`; the message's file names and values are made
    /// [visible](roadmapper::terminal::visible).
    fn labelled(&self, word: &str, color: &str, message: &str) {
        self.separate();
        let message = roadmapper::terminal::visible_lines(message);
        if self.color {
            self.write(&format!(
                "\x1b[{color}m{word}\x1b[0m\x1b[1m:\x1b[0m {message}"
            ));
        } else {
            self.write(&format!("{word}: {message}"));
        }
    }

    /// Writes a line to standard error; after a failure, writes nothing
    /// more (never panics, unlike `eprintln!`).
    fn write(&self, text: &str) {
        if self.closed.get() {
            return;
        }
        let mut err = io::stderr().lock();
        let written = err
            .write_all(text.as_bytes())
            .and_then(|()| err.write_all(b"\n"))
            .and_then(|()| err.flush());
        if let Err(e) = written {
            self.closed.set(true);
            if e.kind() != io::ErrorKind::BrokenPipe {
                self.lost.set(true);
            }
        }
    }
}

fn with_help(message: &str, help: &str) -> String {
    if help.is_empty() {
        message.to_string()
    } else {
        format!("{message}\n  help: {help}")
    }
}

/// `983 kB`, `1.2 MB`, `512 bytes`: a file size as `ls -h --si` would say.
pub fn size(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} bytes"),
        1_000..1_000_000 => format!("{} kB", bytes.div_ceil(1_000)),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}
