//! Each subcommand: check its flags ([`super::plan`]), call the library,
//! write the output, report what was written.

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use clap::CommandFactory;
use roadmapper::export::Export;
use roadmapper::export::order::{Order, OrderFormat};
use roadmapper::{Diagnostic, Error, Format, RenderOptions, Roadmap, WriteOptions, layout};

use super::files::{check_io_args, emit, io_failure};
use super::load::{find_targets, load, load_quiet};
use super::plan::{self, Usage};
use super::report::{Failure, Reporter, size};
use super::{Cli, Command, GenerateArgs, OrderArgs, RenderArgs};

/// Runs the command.
pub fn run(cli: Cli, reporter: &Reporter) -> Result<(), Failure> {
    match cli.command {
        Command::Order(args) => order(&args, reporter),
        Command::Render(args) => render(&args, reporter),
        Command::Check(args) => {
            check_io_args(None, &args.input)?;
            let roadmap = load_quiet(&args.input, reporter)?;
            let targets = find_targets(&roadmap, &args.to)?;
            let mut summary = super::summary::summary(&roadmap, &args.input);
            if roadmap.tracks_progress()
                || !targets.is_empty()
                || args.pace.is_some()
                || roadmap.has_estimates()
            {
                summary.push_str(&super::progress::check_lines(&roadmap, &targets, args.pace));
            }
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
                .map_err(|kind| Error::Input(vec![Diagnostic::argument("TOPIC", kind)]))?;
            let card = roadmapper::export::card::Card::new(&roadmap, topic).to_string();
            emit(None, false, |w| w.write_all(card.as_bytes()))
        }
        Command::Next(args) => super::progress::next(&args, reporter),
        Command::Mark(args) => super::progress::mark(&args, reporter),
        Command::Generate(args) => generate(&args, reporter),
        Command::Completions { shell } => {
            // clap_complete panics on a write error (a closed pipe): let it
            // write to memory, then write that like any other output.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "roadmapper", &mut script);
            emit(None, false, |w| w.write_all(&script))
        }
        Command::Man { command } => {
            let page = super::man::page(command.as_deref())?;
            emit(None, false, |w| w.write_all(&page))
        }
    }
}

fn order(args: &OrderArgs, reporter: &Reporter) -> Result<(), Failure> {
    let format = plan::order(args)?;
    check_io_args(args.output.as_deref(), &args.input)?;
    let whole = load(&args.input, reporter)?;
    let targets = find_targets(&whole, &args.to)?;
    if args.remaining && !whole.tracks_progress() {
        return Err(Usage {
            message: "`--remaining` needs the learner's progress, and there is none".into(),
            help: "pass --progress FILE (a task list: `- [x] HTTP`), or list an outline with task boxes".into(),
        }
        .into());
    }
    // What the targets need, in the whole roadmap: listed, or (with
    // `--remaining`) the span of the footer's progress.
    let needed = (!targets.is_empty()).then(|| whole.needs(&targets));
    let left;
    let (roadmap, items) = if args.remaining {
        let statuses = whole.statuses();
        let wanted = (!targets.is_empty()).then_some(targets.as_slice());
        left = whole.remaining(&statuses, wanted);
        (&left, left.order().to_vec())
    } else {
        let items = needed.clone().unwrap_or_else(|| whole.order().to_vec());
        (&whole, items)
    };
    let listing = Order {
        roadmap,
        items: &items,
        stages: args.stages,
        format,
    };
    // The progress over the whole roadmap (or what the targets need), so
    // `--remaining` says how much is done, not only what is left.
    let footer = (format == OrderFormat::Text
        && (whole.tracks_progress() || whole.has_estimates() || args.pace.is_some()))
    .then(|| super::progress::order_footer(&whole, needed.as_deref(), &targets, args.pace));
    let written = emit(args.output.as_deref(), args.force, |mut w| {
        listing.write_to(&mut w)?;
        if let Some(f) = &footer {
            if items.is_empty() {
                // Nothing listed: say so, in place of the blank line.
                w.write_all(b"Nothing left: every topic is done or skipped.")?;
            }
            w.write_all(f.as_bytes())?;
        }
        Ok(())
    });
    // The process ends now: returning a large roadmap's strings to the
    // allocator one by one would only cost time.
    std::mem::forget(whole);
    written
}

fn render(args: &RenderArgs, reporter: &Reporter) -> Result<(), Failure> {
    reporter.quiet.set(args.quiet);
    let options = plan::render(args)?;
    check_io_args(args.output.as_deref(), &args.input)?;
    let to_stdout = args.output.as_deref().is_none_or(|p| p == Path::new("-"));
    if options.format == Format::Png && to_stdout && io::stdout().is_terminal() {
        return Err(Usage {
            message: "refusing to write a PNG to the terminal".into(),
            help: "give -o FILE.png, or redirect standard output".into(),
        }
        .into());
    }
    let whole = load(&args.input, reporter)?;
    let roadmap = if let Some(name) = &args.section {
        let section = whole
            .find_section(name)
            .map_err(|kind| Error::Input(vec![Diagnostic::argument("--section", kind)]))?;
        whole.focus_section(section)
    } else if !args.to.is_empty() {
        whole.focus_to(&find_targets(&whole, &args.to)?)
    } else {
        whole
    };
    if options.format != Format::Dot || options.positions {
        warn_of_cut_labels(&roadmap, reporter);
        super::fonts::install(
            &args.fonts,
            args.system_fonts,
            args.input.max_input_size,
            &roadmap,
            reporter,
        )?;
    }
    let bytes = roadmapper::render(&roadmap, &options).map_err(|e| png_failure(e, &options))?;
    if options.format == Format::Png {
        warn_if_unreadable(&bytes, options.scale, reporter);
    }
    emit(args.output.as_deref(), args.force, |w| w.write_all(&bytes))?;
    if let Some(path) = args.output.as_deref().filter(|p| *p != Path::new("-")) {
        let details = match png_size(&bytes) {
            Some((w, h)) => format!("{w} × {h}, {}", size(bytes.len() as u64)),
            None => format!("{} topics, {}", roadmap.len(), size(bytes.len() as u64)),
        };
        reporter.wrote(&format!("{} ({details})", path.display()));
    }
    Ok(())
}

/// A PNG error worded in terms of `--scale`; a size over the budget is a
/// usage error (the value of `--scale`).
fn png_failure(e: Error, options: &RenderOptions) -> Failure {
    use roadmapper::export::png::PngError;
    let Error::Png(png) = &e else {
        return e.into();
    };
    let help = match png {
        PngError::TooLarge { fits_scale, .. } => format!(
            "use --scale {fits_scale:.2} or less, or render to SVG (-o poster.svg), which has no size limit"
        ),
        PngError::TooLargeAtAnyScale { .. } => {
            "render to SVG (-o poster.svg), which has no size limit, or draw a part with --section NAME or --to TOPIC".into()
        }
        PngError::BadScale(_) => "give --scale a number greater than 0 and at most 16".into(),
        PngError::OutOfMemory { .. } | PngError::Encoding(_) => format!(
            "use a smaller --scale than {}, or render to SVG (-o poster.svg)",
            options.scale
        ),
        _ => return e.into(),
    };
    if png.is_too_large() {
        Failure::Usage(Usage {
            message: png.to_string(),
            help,
        })
    } else {
        Failure::Message {
            message: png.to_string(),
            help,
        }
    }
}

fn generate(args: &GenerateArgs, reporter: &Reporter) -> Result<(), Failure> {
    use roadmapper::generate::{self, GenerateOptions, dense};
    reporter.quiet.set(args.quiet);
    let to_file = args.output.as_deref().filter(|p| *p != Path::new("-"));
    plan::force_needs_a_file(
        args.force,
        to_file.is_some() || args.prereqs_output.is_some(),
    )?;
    let topics = |default| {
        args.topics
            .map_or(default, |n| usize::try_from(n).unwrap_or(usize::MAX))
    };
    let options = GenerateOptions {
        topics: topics(1_000),
        prereqs_percent: usize::try_from(args.prereqs_percent).unwrap_or(usize::MAX),
        seed: args.seed,
    };
    let dense = args.dense.then(|| dense::DenseOptions {
        topics: topics(500),
        seed: args.seed,
    });
    let write = |outline: &mut dyn Write, prereqs: Option<&mut dyn Write>| match &dense {
        Some(d) => dense::write(d, outline, prereqs),
        None => generate::write(&options, outline, prereqs),
    };
    if let Err(e) = dense.map_or_else(|| options.check(), |d| d.check()) {
        return Err(Usage {
            message: e.to_string(),
            help: "ask for fewer --topics or a lower --prereqs-percent".into(),
        }
        .into());
    }
    let prereqs_path = match (&args.prereqs_output, to_file) {
        (Some(p), _) => Some(p.clone()),
        (None, Some(o)) => Some(o.with_extension("prereqs")),
        (None, None) => None,
    };
    let write_options = WriteOptions::force(args.force);
    let output = args.output.as_deref().unwrap_or(Path::new("-"));
    let Some(p) = prereqs_path.as_deref() else {
        roadmapper::output::write_file(output, &write_options, |outline| write(outline, None))
            .map_err(|e| io_failure("write", e))?;
        return Ok(());
    };
    roadmapper::output::write_pair(&write_options, output, p, |outline, prereqs| {
        write(outline, Some(prereqs))
    })
    .map_err(|e| match e {
        // The library names the two paths; say which flags put them there.
        Error::SameOutput { .. } if args.prereqs_output.is_none() => Failure::Usage(Usage {
            message: format!(
                "`-o {}` would put the prerequisites (--prereqs-output, by default the output with the extension .prereqs) in the same file",
                output.display()
            ),
            help: "give -o another extension, or --prereqs-output another file".into(),
        }),
        Error::SameOutput { .. } => Failure::Usage(Usage {
            message: format!(
                "`-o {}` and `--prereqs-output {}` are the same file",
                output.display(),
                p.display()
            ),
            help: "give --prereqs-output another file".into(),
        }),
        e => io_failure("write", e),
    })?;
    let file_size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    let count = dense.map_or(options.topics, |d| d.topics);
    let prereqs = format!(
        "{} (the prerequisites, {})",
        p.display(),
        size(file_size(p))
    );
    reporter.wrote(&match to_file {
        Some(o) => format!(
            "{} ({count} topics, {}) and {prereqs}",
            o.display(),
            size(file_size(o))
        ),
        None => prereqs,
    });
    Ok(())
}

/// Warns once when labels will be cut short in the drawing.
fn warn_of_cut_labels(roadmap: &Roadmap, reporter: &Reporter) {
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

/// A PNG's width and height, from its header.
fn png_size(png: &[u8]) -> Option<(u32, u32)> {
    if !png.starts_with(b"\x89PNG") {
        return None;
    }
    let dimension = |at: usize| Some(u32::from_be_bytes(png.get(at..at + 4)?.try_into().ok()?));
    Some((dimension(16)?, dimension(20)?))
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
    let (w, h) = png_size(png).unwrap_or((0, 0));
    let readable = SMALLEST_READABLE_TEXT / 13.0;
    reporter.warning(&format!(
        "at --scale {scale} the PNG is {w} x {h} pixels and its smallest text {text:.2} pixels tall: unreadable\n  help: --scale {readable:.2} or more keeps text readable; SVG keeps every detail at any size",
    ));
}
