//! The `roadmapper` binary: parses arguments, calls the library, maps the
//! result to an exit code (0 success, 1 input or I/O error, 2 usage error).
#![forbid(unsafe_code)]

mod cli;

use std::cell::RefCell;
use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use roadmapper::export::order::{OrderFormat, write_order};
use roadmapper::export::svg;
use roadmapper::layout::{self, Direction, LayoutKind, LayoutOptions};
use roadmapper::{Diagnostic, Error, Format, Input, RenderOptions, Roadmap};

use cli::{
    Cli, ColorArg, Command, DirectionArg, InputArgs, LayoutArg, OrderFormatArg, RenderFormatArg,
    ThemeArg,
};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let reporter = Reporter::new(cli.color);
    match run(cli, &reporter) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::BrokenPipe) => ExitCode::SUCCESS,
        Err(Failure::Error(e)) => {
            reporter.error(&e);
            ExitCode::from(match e {
                Error::Usage(_) => 2,
                _ => 1,
            })
        }
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
    printed: std::cell::Cell<bool>,
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
            printed: std::cell::Cell::new(false),
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
        eprintln!("{}", d.render_line(line.as_deref(), self.color));
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
            eprintln!();
        }
    }

    /// `error: message` (with any `help:` lines the message carries).
    fn plain(&self, message: &str) {
        self.separate();
        if self.color {
            eprintln!("\x1b[1;31merror\x1b[0m\x1b[1m:\x1b[0m {message}");
        } else {
            eprintln!("error: {message}");
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
            let mut targets = Vec::new();
            let mut errors = Vec::new();
            let references: Vec<&str> = args.to.iter().map(String::as_str).collect();
            for found in roadmap.find_all(&references) {
                match found {
                    Ok(i) => targets.push(i),
                    Err(kind) => errors.push(Diagnostic::error("--to", 0, 1, kind)),
                }
            }
            if !errors.is_empty() {
                return Err(Error::Input(errors).into());
            }
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
            let written = emit(args.output.as_deref(), |w| {
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
            let roadmap = load(&args.input, reporter)?;
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
            };
            if options.format != Format::Dot || options.positions {
                let cut = roadmap
                    .topics()
                    .filter(|t| t.label.chars().nth(layout::MAX_DRAWN_LABEL).is_some())
                    .count();
                if cut > 0 {
                    eprintln!(
                        "warning: {cut} label{} longer than {} characters {} cut short with `…` in the drawing\n  help: shorten {} in the outline; `roadmapper check` lists long labels",
                        if cut == 1 { "" } else { "s" },
                        layout::MAX_DRAWN_LABEL,
                        if cut == 1 { "is" } else { "are" },
                        if cut == 1 { "it" } else { "them" },
                    );
                }
            }
            let bytes = roadmapper::render(&roadmap, &options)?;
            emit(args.output.as_deref(), |w| w.write_all(&bytes))
        }
        Command::Check(input) => {
            check_io_args(None, &input)?;
            let roadmap = load_quiet(&input, reporter)?;
            let summary = summary(&roadmap, &input);
            emit(None, |w| w.write_all(summary.as_bytes()))?;
            for w in roadmap.lint() {
                reporter.diagnostic(&w);
            }
            Ok(())
        }
        Command::Generate(args) => {
            let generated =
                roadmapper::generate::generate(&roadmapper::generate::GenerateOptions {
                    topics: usize::try_from(args.topics).unwrap_or(usize::MAX),
                    prereqs_percent: usize::try_from(args.prereqs_percent).unwrap_or(0),
                    seed: args.seed,
                });
            let to_file = args.output.as_deref().filter(|p| *p != Path::new("-"));
            let prereqs_path = match (&args.prereqs_output, to_file) {
                (Some(p), _) => Some(p.clone()),
                (None, Some(o)) => Some(o.with_extension("prereqs")),
                (None, None) => None,
            };
            if let (Some(o), Some(p)) = (to_file, prereqs_path.as_deref()) {
                if o == p {
                    return Err(Error::Usage(format!(
                        "the outline and the prerequisites would both go to `{}`\n  help: give the outline another extension, or pass --prereqs-output",
                        o.display()
                    ))
                    .into());
                }
            }
            if let Some(p) = prereqs_path.as_deref() {
                emit(Some(p), |w| w.write_all(generated.prereqs.as_bytes()))?;
            }
            emit(args.output.as_deref(), |w| {
                w.write_all(generated.outline.as_bytes())
            })
        }
        Command::Completions { shell } => {
            // clap_complete panics on a write error (a closed pipe): let it
            // write to memory, then write that like any other output.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "roadmapper", &mut script);
            emit(None, |w| w.write_all(&script))
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

/// Refuses standard input named twice (the second read would be empty) and
/// an output path that is one of the inputs (writing it would destroy it).
fn check_io_args(output: Option<&Path>, input: &InputArgs) -> Result<(), Error> {
    let stdin_uses = std::iter::once(&input.outline)
        .chain(&input.prereqs)
        .filter(|p| p.as_path() == Path::new("-"))
        .count();
    if stdin_uses > 1 {
        return Err(Error::Usage(
            "standard input (`-`) can be read only once\n  help: give all but one input as files"
                .to_string(),
        ));
    }
    let Some(out) = output.filter(|o| *o != Path::new("-")) else {
        return Ok(());
    };
    let Ok(out_canon) = out.canonicalize() else {
        return Ok(()); // does not exist yet, so it is no input
    };
    for i in std::iter::once(&input.outline).chain(&input.prereqs) {
        if i.canonicalize().is_ok_and(|c| c == out_canon) {
            return Err(Error::Usage(format!(
                "the output `{}` is also an input; refusing to overwrite it\n  help: choose another -o file",
                out.display()
            )));
        }
    }
    Ok(())
}

/// The positions of the line feeds in `bytes`.
fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter_map(|(i, &b)| (b == b'\n').then_some(i))
}

fn read(path: &Path) -> Result<Input, Error> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        io::Read::read_to_end(&mut io::stdin().lock(), &mut bytes).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(Input::new("<stdin>", bytes))
    } else {
        Input::read(path)
    }
}

/// Reads and loads the inputs, then hands them to the reporter so that
/// diagnostics can quote their lines.
fn load_quiet(args: &InputArgs, reporter: &Reporter) -> Result<Roadmap, Error> {
    let outline = read(&args.outline)?;
    let prereqs = args
        .prereqs
        .iter()
        .map(|p| read(p))
        .collect::<Result<Vec<_>, _>>()?;
    let result = roadmapper::load(&outline, &prereqs);
    reporter.remember(std::iter::once(outline).chain(prereqs));
    result
}

/// Loads and prints build warnings (a prerequisite given twice) to stderr.
fn load(args: &InputArgs, reporter: &Reporter) -> Result<Roadmap, Error> {
    let roadmap = load_quiet(args, reporter)?;
    for w in roadmap.warnings() {
        reporter.diagnostic(w);
    }
    Ok(roadmap)
}

fn emit(
    output: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Failure> {
    match output {
        Some(path) if path != Path::new("-") => Ok(roadmapper::write_atomically(path, write)?),
        _ => {
            let stdout = io::stdout();
            let mut lock = io::BufWriter::new(stdout.lock());
            let result = write(&mut lock).and_then(|()| lock.flush());
            result.map_err(|source| {
                Failure::from(Error::Io {
                    path: "<stdout>".into(),
                    source,
                })
            })
        }
    }
}

fn summary(r: &Roadmap, input: &InputArgs) -> String {
    let sections = r.sections().len();
    let levels = r.topics().map(|t| t.depth + 1).max().unwrap_or(0);
    let stages = r.order().iter().map(|&i| r.stage(i) + 1).max().unwrap_or(0);
    let prereqs = r.prerequisites().count();
    let mut s = format!("{}: ok\n", r.file());
    if let Some(t) = r.title() {
        s.push_str(&format!("  title:          {}\n", r.topic(t).label));
    }
    s.push_str(&format!("  topics:         {}\n", r.len()));
    s.push_str(&format!("  sections:       {sections}\n"));
    s.push_str(&format!("  depth:          {levels} levels\n"));
    s.push_str(&format!(
        "  prerequisites:  {prereqs} edges from {} file{}\n",
        input.prereqs.len(),
        if input.prereqs.len() == 1 { "" } else { "s" }
    ));
    s.push_str(&format!("  stages:         {stages}\n"));
    s
}
