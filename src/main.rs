//! The `roadmapper` binary: parses arguments, calls the library, maps the
//! result to an exit code (0 success, 1 input or I/O error, 2 usage error).
#![forbid(unsafe_code)]

mod cli;

use std::cell::{Cell, RefCell};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use roadmapper::export::order::{OrderFormat, write_order};
use roadmapper::export::svg;
use roadmapper::layout::{self, Direction, LayoutKind, LayoutOptions};
use roadmapper::{Diagnostic, Error, Format, Input, RenderOptions, Roadmap, WriteOptions};

use cli::{
    Cli, ColorArg, Command, DirectionArg, InputArgs, LayoutArg, OrderFormatArg, RenderFormatArg,
    ThemeArg,
};

fn main() -> ExitCode {
    remove_temporaries_on_signals();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_exit(&e),
    };
    let reporter = Reporter::new(cli.color);
    let code = match run(cli, &reporter) {
        Ok(()) | Err(Failure::BrokenPipe) => 0,
        Err(Failure::Error(e)) => {
            reporter.error(&e);
            match e {
                Error::Usage(_) => 2,
                _ => 1,
            }
        }
    };
    // Warnings that could not be written (`2>/dev/full`) fail the run; a
    // reader that went away (`2>&1 | head`) does not.
    ExitCode::from(if code == 0 && reporter.lost.get() {
        1
    } else {
        code
    })
}

/// On SIGINT, SIGTERM or SIGHUP: removes the temporary file of an output
/// being written, then exits with 128 + the signal's number (130, 143,
/// 129), as a shell reports a process killed by it.
fn remove_temporaries_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    // Without the handler (it cannot be installed) a signal kills the
    // process as before: nothing worse.
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    let spawned = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                roadmapper::output::remove_temporaries();
                let name = match signal {
                    SIGINT => "SIGINT",
                    SIGTERM => "SIGTERM",
                    _ => "SIGHUP",
                };
                let _ = writeln!(
                    io::stderr(),
                    "error: interrupted by {name}; no output file was written or replaced"
                );
                std::process::exit(128 + signal);
            }
        });
    drop(spawned);
}

/// Help, version and argument errors from clap: printed by us, so that a
/// failed write is reported (`--help > /dev/full` exits 1) and the user's
/// own arguments echoed in an error cannot drive the terminal.
fn clap_exit(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    let text = e.render().to_string();
    let text = roadmapper::terminal::visible_lines(&text);
    let to_stdout = matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion);
    let written = if to_stdout {
        let mut out = io::stdout().lock();
        out.write_all(text.as_bytes()).and_then(|()| out.flush())
    } else {
        let mut err = io::stderr().lock();
        err.write_all(text.as_bytes()).and_then(|()| err.flush())
    };
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            if to_stdout {
                let _ = writeln!(io::stderr(), "error: cannot write to standard output: {e}");
            }
            ExitCode::from(if to_stdout { 1 } else { 2 })
        }
        _ if to_stdout => ExitCode::SUCCESS,
        _ => ExitCode::from(2),
    }
}

/// Prints errors and warnings to stderr: diagnostics with the offending
/// source line and a caret (so it keeps the text of every input it read),
/// in colour when asked or when stderr is a terminal and `NO_COLOR` is unset.
struct Reporter {
    color: bool,
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
    lost: Cell<bool>,
}

impl Reporter {
    fn new(choice: ColorArg) -> Reporter {
        let color = match choice {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && io::stderr().is_terminal()
            }
        };
        Reporter {
            color,
            sources: RefCell::new(Vec::new()),
            printed: Cell::new(false),
            closed: Cell::new(false),
            lost: Cell::new(false),
        }
    }

    /// Keeps the inputs (moved, not copied) for quoting lines later.
    fn remember(&self, inputs: impl IntoIterator<Item = Input>) {
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
                .chain(memchr_newlines(bytes).map(|at| at + 1))
                .collect()
        });
        let start = *starts.get(line.checked_sub(1)?)?;
        let end = starts.get(line).map_or(bytes.len(), |&next| next - 1);
        let raw = &bytes[start..end.max(start)];
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        Some(String::from_utf8_lossy(raw).into_owned())
    }

    fn diagnostic(&self, d: &Diagnostic) {
        let line = self.line(&d.file, d.line);
        self.separate();
        self.write(&d.render_line(line.as_deref(), self.color));
    }

    fn error(&self, e: &Error) {
        match e {
            Error::Input(diagnostics) => {
                for d in diagnostics {
                    self.diagnostic(d);
                }
                let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                if errors > 1 {
                    self.plain(&format!("aborting due to {errors} errors"));
                }
            }
            other => self.plain(&other.to_string().replacen("error: ", "", 1)),
        }
    }

    fn separate(&self) {
        if self.printed.replace(true) {
            self.write("");
        }
    }

    /// `error: message` (with any `help:` lines the message carries); the
    /// message's file names and values are made [visible].
    ///
    /// [visible]: roadmapper::terminal::visible
    fn plain(&self, message: &str) {
        self.labelled("error", "1;31", message);
    }

    /// `warning: message`, like [`Reporter::plain`].
    fn warning(&self, message: &str) {
        self.labelled("warning", "1;33", message);
    }

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

enum Failure {
    /// The reader of standard output went away (`| head`): not an error.
    BrokenPipe,
    Error(Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        match &e {
            Error::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe => {
                Failure::BrokenPipe
            }
            _ => Failure::Error(e),
        }
    }
}

fn run(cli: Cli, reporter: &Reporter) -> Result<(), Failure> {
    match cli.command {
        Command::Order(args) => {
            check_io_args(args.output.as_deref(), &args.input)?;
            let roadmap = load(&args.input, reporter)?;
            let targets = find_targets(&roadmap, &args.to)?;
            let items = if args.to.is_empty() {
                roadmap.order().to_vec()
            } else {
                roadmap.needs(&targets)
            };
            let format = match args.format {
                OrderFormatArg::Text => OrderFormat::Text,
                OrderFormatArg::Markdown => OrderFormat::Markdown,
                OrderFormatArg::Json => OrderFormat::Json,
                OrderFormatArg::Tsort if args.stages => {
                    return Err(Error::Usage(
                        "--stages does not apply to --format tsort\n  help: tsort output lists constraints, not stages; drop --stages".to_string(),
                    )
                    .into());
                }
                OrderFormatArg::Tsort => OrderFormat::Tsort,
            };
            let written = emit(args.output.as_deref(), args.force, |w| {
                write_order(&roadmap, &items, args.stages, format, w)
            });
            // The process ends now: returning 100,000 topics' strings to
            // the allocator one by one would take a tenth of the run.
            std::mem::forget(roadmap);
            written
        }
        Command::Render(args) => {
            let format = match (args.format, args.output.as_deref()) {
                (Some(f), _) => f,
                (None, None) => RenderFormatArg::Dot,
                (None, Some(path)) if path == Path::new("-") => RenderFormatArg::Dot,
                (None, Some(path)) => format_from_extension(path)?,
            };
            check_io_args(args.output.as_deref(), &args.input)?;
            let to_stdout = args.output.as_deref().is_none_or(|p| p == Path::new("-"));
            if format == RenderFormatArg::Png && to_stdout && io::stdout().is_terminal() {
                return Err(Error::Usage(
                    "refusing to write a PNG to the terminal\n  help: give -o FILE.png, or redirect standard output".to_string(),
                )
                .into());
            }
            let whole = load(&args.input, reporter)?;
            let roadmap = if let Some(name) = &args.section {
                let section = whole.find_section(name).map_err(|kind| {
                    Error::Input(vec![Diagnostic::error("--section", 0, 1, kind)])
                })?;
                whole.focus_section(section)
            } else if !args.to.is_empty() {
                whole.focus_to(&find_targets(&whole, &args.to)?)
            } else {
                whole
            };
            let options = RenderOptions {
                format: match format {
                    RenderFormatArg::Dot => Format::Dot,
                    RenderFormatArg::Json => Format::Json,
                    RenderFormatArg::Svg => Format::Svg,
                    RenderFormatArg::Png => Format::Png,
                },
                layout: LayoutOptions {
                    kind: match args.layout {
                        LayoutArg::Poster => LayoutKind::Poster,
                        LayoutArg::Layered => LayoutKind::Layered,
                    },
                    direction: match args.direction {
                        DirectionArg::Down => Direction::Down,
                        DirectionArg::Right => Direction::Right,
                    },
                },
                theme: match args.theme {
                    ThemeArg::Light => svg::LIGHT,
                    ThemeArg::Dark => svg::DARK,
                },
                scale: args.scale,
                positions: args.positions,
                embed_font: args.embed_font,
                all_prerequisites: args.all_prereqs,
            };
            if options.format != Format::Dot || options.positions {
                let cut = roadmap
                    .topics()
                    .filter(|t| t.label.chars().nth(layout::MAX_DRAWN_LABEL).is_some())
                    .count();
                if cut > 0 {
                    reporter.warning(&format!(
                        "{cut} label{} longer than {} characters {} cut short with `…` in the drawing\n  help: shorten {} in the outline; `roadmapper check` lists long labels",
                        if cut == 1 { "" } else { "s" },
                        layout::MAX_DRAWN_LABEL,
                        if cut == 1 { "is" } else { "are" },
                        if cut == 1 { "it" } else { "them" },
                    ));
                }
            }
            install_fonts(&args.fonts, args.system_fonts, &roadmap, &options, reporter)?;
            if options.format == Format::Png && !args.input.notes.is_empty() {
                reporter.warning(
                    "a PNG cannot carry the notes' links and descriptions\n  help: render -o FILE.svg makes every linked topic a link with its description as a tooltip; -f json carries them as data",
                );
            }
            let bytes = roadmapper::render(&roadmap, &options)?;
            if options.format == Format::Png {
                warn_if_unreadable(&bytes, options.scale, reporter);
            }
            emit(args.output.as_deref(), args.force, |w| w.write_all(&bytes))
        }
        Command::Check(input) => {
            check_io_args(None, &input)?;
            let roadmap = load_quiet(&input, reporter)?;
            let summary = summary(&roadmap, &input);
            emit(None, false, |w| w.write_all(summary.as_bytes()))?;
            for w in roadmap.lint() {
                reporter.diagnostic(&w);
            }
            Ok(())
        }
        Command::Show(args) => {
            check_io_args(None, &args.input)?;
            let roadmap = load(&args.input, reporter)?;
            let topic = roadmap
                .find(&args.topic)
                .map_err(|kind| Error::Input(vec![Diagnostic::error("TOPIC", 0, 1, kind)]))?;
            let card = roadmapper::export::card::Card::new(&roadmap, topic).to_string();
            emit(None, false, |w| w.write_all(card.as_bytes()))
        }
        Command::Generate(args) => {
            let topics = |default| {
                args.topics
                    .map_or(default, |n| usize::try_from(n).unwrap_or(usize::MAX))
            };
            let options = roadmapper::generate::GenerateOptions {
                topics: topics(1_000),
                prereqs_percent: usize::try_from(args.prereqs_percent).unwrap_or(usize::MAX),
                seed: args.seed,
            };
            let dense = args
                .dense
                .then(|| roadmapper::generate::dense::DenseOptions {
                    topics: topics(500),
                    seed: args.seed,
                });
            let write = |outline: &mut dyn std::io::Write,
                         prereqs: Option<&mut dyn std::io::Write>| {
                match &dense {
                    Some(d) => roadmapper::generate::dense::write(d, outline, prereqs),
                    None => roadmapper::generate::write(&options, outline, prereqs),
                }
            };
            if let Err(e) = dense.map_or_else(|| options.check(), |d| d.check()) {
                return Err(Error::Usage(format!(
                    "{e}\n  help: ask for fewer --topics or a lower --prereqs-percent"
                ))
                .into());
            }
            let to_file = args.output.as_deref().filter(|p| *p != Path::new("-"));
            let prereqs_path = match (&args.prereqs_output, to_file) {
                (Some(p), _) => Some(p.clone()),
                (None, Some(o)) => Some(o.with_extension("prereqs")),
                (None, None) => None,
            };
            let write_options = WriteOptions::force(args.force);
            let output = args.output.as_deref().unwrap_or(Path::new("-"));
            match prereqs_path.as_deref() {
                Some(p) => {
                    roadmapper::output::write_pair(&write_options, output, p, |outline, prereqs| {
                        write(outline, Some(prereqs))
                    })
                    .map_err(|e| match e {
                        // The library names the two paths; say which flags put
                        // them there.
                        Error::Usage(_) if args.prereqs_output.is_none() => Error::Usage(format!(
                            "`-o {}` would put the prerequisites (--prereqs-output, by default the \
                         output with the extension .prereqs) in the same file\n  help: give -o \
                         another extension, or --prereqs-output another file",
                            output.display()
                        )),
                        Error::Usage(_) => Error::Usage(format!(
                            "`-o {}` and `--prereqs-output {}` are the same file\n  help: give \
                         --prereqs-output another file",
                            output.display(),
                            p.display()
                        )),
                        e => e,
                    })
                    .map_err(Into::into)
                }
                None => Ok(roadmapper::output::write_file(
                    output,
                    &write_options,
                    |outline| write(outline, None),
                )?),
            }
        }
        Command::Completions { shell } => {
            // clap_complete panics on a write error (a closed pipe): let it
            // write to memory, then write that like any other output.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "roadmapper", &mut script);
            emit(None, false, |w| w.write_all(&script))
        }
    }
}

fn format_from_extension(path: &Path) -> Result<RenderFormatArg, Error> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("dot" | "gv") => Ok(RenderFormatArg::Dot),
        Some("json") => Ok(RenderFormatArg::Json),
        Some("svg") => Ok(RenderFormatArg::Svg),
        Some("png") => Ok(RenderFormatArg::Png),
        _ => Err(Error::Usage(format!(
            "cannot tell the format from `{}`\n  help: use an extension .svg, .png, .dot, .gv or .json, or pass --format svg|png|dot|json",
            path.display()
        ))),
    }
}

/// Refuses an input given twice (standard input, by `-`, `/dev/stdin` or
/// `/dev/fd/0`, would be empty the second time; a file's prerequisites
/// would all be duplicates) and an output path that is one of the inputs
/// (writing it would destroy it).
fn check_io_args(output: Option<&Path>, input: &InputArgs) -> Result<(), Error> {
    let inputs: Vec<&Path> = std::iter::once(&input.outline)
        .chain(&input.prereqs)
        .chain(&input.notes)
        .map(PathBuf::as_path)
        .collect();
    let shown = |p: &Path| -> String {
        if p == Path::new("-") {
            "-` (standard input".to_string()
        } else {
            p.display().to_string()
        }
    };
    for (i, a) in inputs.iter().enumerate() {
        for b in &inputs[..i] {
            let same = (*a == Path::new("-") && *b == Path::new("-"))
                || roadmapper::output::same_input(a, b);
            if !same {
                continue;
            }
            let stream = *a == Path::new("-")
                || *b == Path::new("-")
                || std::fs::metadata(a).is_ok_and(|m| !m.is_file());
            return Err(Error::Usage(if stream {
                format!(
                    "`{}` and `{}` are the same stream, which can be read only once\n  help: give all but one input as files",
                    shown(b),
                    shown(a)
                )
            } else if a == b {
                format!(
                    "`{}` is given twice\n  help: give each input once",
                    a.display()
                )
            } else {
                format!(
                    "`{}` and `{}` are the same file, given twice\n  help: give each input once",
                    b.display(),
                    a.display()
                )
            }));
        }
    }
    let Some(out) = output.filter(|o| *o != Path::new("-")) else {
        return Ok(());
    };
    if !out.exists() {
        return Ok(()); // does not exist yet, so it is no input
    }
    for i in &inputs {
        let regular = std::fs::metadata(out).is_ok_and(|m| m.is_file());
        if regular && roadmapper::output::same_input(out, i) {
            return Err(Error::Usage(format!(
                "the output `{}` is also an input; refusing to overwrite it\n  help: choose another -o file",
                out.display()
            )));
        }
    }
    Ok(())
}

/// The topics `--to` names, or every error (unknown, ambiguous) at once.
fn find_targets(roadmap: &Roadmap, to: &[String]) -> Result<Vec<usize>, Error> {
    let mut targets = Vec::new();
    let mut errors = Vec::new();
    let references: Vec<&str> = to.iter().map(String::as_str).collect();
    for found in roadmap.find_all(&references) {
        match found {
            Ok(i) => targets.push(i),
            Err(kind) => errors.push(Diagnostic::error("--to", 0, 1, kind)),
        }
    }
    if errors.is_empty() {
        Ok(targets)
    } else {
        Err(Error::Input(errors))
    }
}

/// The positions of the line feeds in `bytes`.
fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter_map(|(i, &b)| (b == b'\n').then_some(i))
}

fn read(path: &Path, limit: u64) -> Result<Input, Error> {
    if path == Path::new("-") {
        Input::from_reader("<stdin>".into(), io::stdin().lock(), limit)
    } else {
        Input::read_limited(path, limit)
    }
}

/// Reads and loads the inputs, then hands them to the reporter so that
/// diagnostics can quote their lines.
fn load_quiet(args: &InputArgs, reporter: &Reporter) -> Result<Roadmap, Error> {
    let outline = read(&args.outline, args.max_input_size)?;
    let prereqs = args
        .prereqs
        .iter()
        .map(|p| read(p, args.max_input_size))
        .collect::<Result<Vec<_>, _>>()?;
    let notes = args
        .notes
        .iter()
        .map(|p| read(p, args.max_input_size))
        .collect::<Result<Vec<_>, _>>()?;
    let result = roadmapper::load_with_notes(&outline, &prereqs, &notes);
    reporter.remember(std::iter::once(outline).chain(prereqs).chain(notes));
    result
}

/// Loads and prints build warnings (a prerequisite given twice) to stderr.
fn load(args: &InputArgs, reporter: &Reporter) -> Result<Roadmap, Error> {
    let roadmap = load_quiet(args, reporter)?;
    // Repeated kinds (links dropped from notes, say) capped as `check` does.
    let warnings = roadmapper::roadmap::cap_repeated(
        roadmap.warnings().to_vec(),
        roadmapper::diagnostic::MAX_LISTED,
    );
    for w in &warnings {
        reporter.diagnostic(w);
    }
    Ok(roadmap)
}

/// Loads the fonts of `--font` and `--system-fonts` for the render, and
/// warns once when labels to be drawn have characters no font has.
fn install_fonts(
    files: &[PathBuf],
    system: bool,
    roadmap: &Roadmap,
    options: &RenderOptions,
    reporter: &Reporter,
) -> Result<(), Error> {
    if options.format == Format::Dot && !options.positions {
        if !files.is_empty() || system {
            reporter.warning(
                "--font and --system-fonts have no effect on DOT without --positions: no text is measured\n  help: drop them, or render an SVG or PNG",
            );
        }
        return Ok(());
    }
    let mut fonts = roadmapper::text::FontSet::embedded();
    for file in files {
        fonts.add_file(file)?;
    }
    if system {
        let labels: String = roadmap.topics().map(|t| t.label.as_str()).collect();
        fonts.add_system_fonts(&labels);
    }
    let (count, first) =
        roadmapper::text::lacking_glyphs(&fonts, roadmap.topics().map(|t| t.label.as_str()));
    if let Some((label, c)) = first {
        let help = if files.is_empty() && !system {
            "draw them from a font that has them with --font FILE (repeatable; for Chinese and Japanese, Noto Sans CJK), or from the machine's fonts with --system-fonts"
        } else {
            "add a --font FILE that has them"
        };
        reporter.warning(&format!(
            "{count} label{} {} characters no font has, drawn as empty boxes; the first: `{label}` (U+{:04X} {c})\n  help: {help}",
            if count == 1 { "" } else { "s" },
            if count == 1 { "has" } else { "have" },
            c as u32,
        ));
    }
    // The only font set of this process: nothing was measured before.
    let _ = roadmapper::text::install(fonts);
    Ok(())
}

/// Writes an output: a file (see [`roadmapper::output`]) or, without
/// `-o` or with `-o -`, standard output.
fn emit(
    output: Option<&Path>,
    force: bool,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Failure> {
    let path = output.unwrap_or(Path::new("-"));
    Ok(roadmapper::output::write_file(
        path,
        &WriteOptions::force(force),
        write,
    )?)
}

/// Below this many pixels the smallest text of a PNG (13 px at scale 1)
/// cannot be read.
const SMALLEST_READABLE_TEXT: f32 = 4.0;

/// Warns when a PNG's scale makes its text unreadable (`--scale 0.0001`
/// gives a 1 x 1 image): the user asked for a size, not for a blur.
fn warn_if_unreadable(png: &[u8], scale: f32, reporter: &Reporter) {
    let text = 13.0 * scale;
    if text >= SMALLEST_READABLE_TEXT {
        return;
    }
    let dimension = |at: usize| {
        png.get(at..at + 4)
            .and_then(|b| b.try_into().ok())
            .map_or(0, u32::from_be_bytes)
    };
    let (w, h) = (dimension(16), dimension(20));
    let readable = SMALLEST_READABLE_TEXT / 13.0;
    reporter.warning(&format!(
        "at --scale {scale} the PNG is {w} x {h} pixels and its smallest text {text:.2} pixels tall: unreadable\n  help: --scale {readable:.2} or more keeps text readable; SVG keeps every detail at any size",
    ));
}

fn summary(r: &Roadmap, input: &InputArgs) -> String {
    let sections = r.sections().len();
    let levels = r.topics().map(|t| t.depth + 1).max().unwrap_or(0);
    let stages = r.order().iter().map(|&i| r.stage(i) + 1).max().unwrap_or(0);
    let prereqs = r.prerequisites().count();
    let visible = roadmapper::terminal::visible;
    let mut s = format!("{}: ok\n", visible(r.file()));
    if let Some(t) = r.title() {
        s.push_str(&format!(
            "  title:          {}\n",
            visible(&r.topic(t).label)
        ));
    }
    s.push_str(&format!("  topics:         {}\n", r.len()));
    s.push_str(&format!("  sections:       {sections}\n"));
    s.push_str(&format!("  depth:          {levels} levels\n"));
    let implied = r.implied_count();
    s.push_str(&format!(
        "  prerequisites:  {prereqs} edges from {} file{}{}\n",
        input.prereqs.len(),
        if input.prereqs.len() == 1 { "" } else { "s" },
        if implied > 0 {
            format!(", {implied} implied by others")
        } else {
            String::new()
        }
    ));
    s.push_str(&format!("  stages:         {stages}\n"));
    if !input.notes.is_empty() {
        let described = r.topics().filter(|t| t.description.is_some()).count();
        let links: usize = r.topics().map(|t| t.links.len()).sum();
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        s.push_str(&format!(
            "  notes:          {described} topic{} described, {links} link{}, from {} file{}\n",
            plural(described),
            plural(links),
            input.notes.len(),
            plural(input.notes.len()),
        ));
    }
    s
}
