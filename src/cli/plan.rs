//! From arguments to the library's plain options, under one rule: every
//! flag either does something in the run asked for or is refused with a
//! usage error (exit 2) that names it, names the flag or value it clashes
//! with, and says what to do. No flag is ignored in silence.
//!
//! | flag | applies to |
//! |---|---|
//! | `--format F` with `-o FILE.ext` | an extension naming the same format, or one naming none |
//! | `--positions` | DOT |
//! | `--layout` | SVG, PNG, JSON, DOT with `--positions` |
//! | `--direction` | `--layout layered` (and a format with a layout) |
//! | `--theme` | SVG, PNG |
//! | `--scale` | PNG |
//! | `--embed-font` | SVG |
//! | `--font`, `--system-fonts` | SVG, PNG, JSON, DOT with `--positions` (text is measured) |
//! | `--notes` | render: SVG, JSON, DOT; order: markdown; check, show, next |
//! | `--stages` | order: text, markdown, json |
//! | `--progress` | render: every format; order: text, markdown, json (tsort with `--remaining`); check, show, next, mark |
//! | `--remaining` | order, with progress known |
//! | `--pace` | check; order and next: text |
//! | `--force` | `-o FILE` (generate: or `--prereqs-output FILE`) |
//!
//! The README's table is this one; tests/suite/flags_matrix.rs runs each flag
//! against each format and layout.

use std::path::Path;

use roadmapper::export::next::NextFormat;
use roadmapper::export::order::OrderFormat;
use roadmapper::export::svg;
use roadmapper::layout::{Direction, LayoutKind, LayoutOptions};
use roadmapper::{Format, RenderOptions};

use super::{
    DirectionArg, LayoutArg, NextArgs, NextFormatArg, OrderArgs, OrderFormatArg, RenderArgs,
    ThemeArg,
};

/// A usage error: what clashes, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Usage {
    /// The problem, naming the flags involved.
    pub message: String,
    /// What to do instead.
    pub help: String,
}

impl Usage {
    fn new(message: impl Into<String>, help: impl Into<String>) -> Usage {
        Usage {
            message: message.into(),
            help: help.into(),
        }
    }
}

/// Where the output format came from, to name it in a message.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Source {
    Flag,
    Extension(String),
    Default,
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::Dot => "dot",
        Format::Json => "json",
        Format::Svg => "svg",
        Format::Png => "png",
    }
}

/// The format an output file's extension names, if any.
pub fn format_of_extension(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "dot" | "gv" => Some(Format::Dot),
        "json" => Some(Format::Json),
        "svg" => Some(Format::Svg),
        "png" => Some(Format::Png),
        _ => None,
    }
}

/// Checks a render's flags against each other and maps them to the
/// library's options.
pub fn render(args: &RenderArgs) -> Result<RenderOptions, Usage> {
    let output = args.output.as_deref().filter(|p| *p != Path::new("-"));
    let from_ext = output.and_then(format_of_extension);
    let (format, source) = match (args.format.map(Format::from), output) {
        (Some(f), Some(path)) => {
            if let Some(named) = from_ext.filter(|&e| e != f) {
                let shown = path.display();
                return Err(Usage::new(
                    format!(
                        "`--format {}` contradicts `-o {shown}`, whose extension names {}",
                        format_name(f),
                        format_name(named).to_uppercase()
                    ),
                    format!(
                        "drop --format to write {}, or name the file with the extension .{}",
                        format_name(named).to_uppercase(),
                        format_name(f)
                    ),
                ));
            }
            (f, Source::Flag)
        }
        (Some(f), None) => (f, Source::Flag),
        (None, Some(path)) => match from_ext {
            Some(f) => (f, Source::Extension(path.display().to_string())),
            None => {
                return Err(Usage::new(
                    format!("cannot tell the format from `{}`", path.display()),
                    "use an extension .svg, .png, .dot, .gv or .json, or pass --format svg|png|dot|json",
                ));
            }
        },
        (None, None) => (Format::Dot, Source::Default),
    };
    let asked = |f: Format| match &source {
        Source::Flag => format!("`--format {}`", format_name(f)),
        Source::Extension(p) => format!("`-o {p}` ({})", format_name(f).to_uppercase()),
        Source::Default => "the default format, DOT".to_string(),
    };
    let fmt = format_name(format).to_uppercase();
    let plain_dot = format == Format::Dot && !args.positions;
    if args.positions && format != Format::Dot {
        return Err(Usage::new(
            format!(
                "`--positions` applies only to DOT, not to {}",
                asked(format)
            ),
            format!(
                "drop --positions ({fmt} already has the layout), or render DOT with --format dot"
            ),
        ));
    }
    if args.embed_font && format != Format::Svg {
        return Err(Usage::new(
            format!(
                "`--embed-font` applies only to SVG, not to {}",
                asked(format)
            ),
            if format == Format::Png {
                "drop --embed-font: a PNG's pixels already hold the font's shapes"
            } else {
                "drop --embed-font, or render SVG with -o FILE.svg"
            },
        ));
    }
    if args.theme.is_some() && !matches!(format, Format::Svg | Format::Png) {
        return Err(Usage::new(
            format!(
                "`--theme` applies only to SVG and PNG, not to {}",
                asked(format)
            ),
            format!(
                "drop --theme ({fmt} has no colours of ours), or render -o FILE.svg or FILE.png"
            ),
        ));
    }
    if args.scale.is_some() && format != Format::Png {
        return Err(Usage::new(
            format!("`--scale` applies only to PNG, not to {}", asked(format)),
            "drop --scale (only pixels have a scale), or render -o FILE.png",
        ));
    }
    let no_layout = |flag: &str| {
        Usage::new(
            format!(
                "`{flag}` has nothing to lay out: {} without --positions carries no layout",
                asked(format)
            ),
            format!("drop {flag}, add --positions, or render SVG, PNG or JSON"),
        )
    };
    if let Some(l) = args.layout
        && plain_dot
    {
        return Err(no_layout(&format!("--layout {}", l.name())));
    }
    if let Some(d) = args.direction {
        if args.layout != Some(LayoutArg::Layered) {
            return Err(Usage::new(
                format!(
                    "`--direction {}` applies only to `--layout layered`, not to the {} layout",
                    d.name(),
                    if args.layout.is_some() {
                        "`--layout poster`"
                    } else {
                        "default poster"
                    }
                ),
                "add --layout layered, or drop --direction (the poster's main path runs down)",
            ));
        }
        if plain_dot {
            return Err(no_layout(&format!("--direction {}", d.name())));
        }
    }
    if plain_dot && (!args.fonts.is_empty() || args.system_fonts) {
        let flag = if args.fonts.is_empty() {
            "--system-fonts"
        } else {
            "--font"
        };
        return Err(Usage::new(
            format!(
                "`{flag}` has nothing to do with {}: no text is measured without --positions",
                asked(format)
            ),
            format!("drop {flag}, add --positions, or render SVG, PNG or JSON"),
        ));
    }
    if format == Format::Png && !args.input.notes.is_empty() {
        return Err(Usage::new(
            format!(
                "`--notes` cannot apply to {}: a PNG carries no links or descriptions",
                asked(format)
            ),
            "drop --notes, or render -o FILE.svg (each linked topic a link, its description a tooltip) or -f json (as data)",
        ));
    }
    force_needs_a_file(args.force, output.is_some())?;
    let options = RenderOptions {
        format,
        layout: LayoutOptions {
            kind: match args.layout.unwrap_or(LayoutArg::Poster) {
                LayoutArg::Poster => LayoutKind::Poster,
                LayoutArg::Layered => LayoutKind::Layered,
            },
            direction: match args.direction.unwrap_or(DirectionArg::Down) {
                DirectionArg::Down => Direction::Down,
                DirectionArg::Right => Direction::Right,
            },
        },
        theme: match args.theme.unwrap_or(ThemeArg::Light) {
            ThemeArg::Light => svg::LIGHT,
            ThemeArg::Dark => svg::DARK,
        },
        scale: args.scale.unwrap_or(2.0),
        positions: args.positions,
        embed_font: args.embed_font,
        all_prerequisites: args.all_prereqs,
    };
    Ok(options)
}

/// Checks `order`'s flags against each other; the library's format.
pub fn order(args: &OrderArgs) -> Result<OrderFormat, Usage> {
    let output = args.output.as_deref().filter(|p| *p != Path::new("-"));
    force_needs_a_file(args.force, output.is_some())?;
    let name = args.format.name();
    if args.stages && args.format == OrderFormatArg::Tsort {
        return Err(Usage::new(
            "`--stages` does not apply to `--format tsort`",
            "tsort output lists constraints, not stages; drop --stages, or use --format text, markdown or json",
        ));
    }
    if !args.input.notes.is_empty() && args.format != OrderFormatArg::Markdown {
        return Err(Usage::new(
            format!(
                "`--notes` cannot apply to `--format {name}`: only the Markdown checklist carries notes (each label links to the topic's first link)"
            ),
            "drop --notes, or use --format markdown; `roadmapper show` prints a topic's notes",
        ));
    }
    if args.format == OrderFormatArg::Tsort && !args.input.progress.is_empty() && !args.remaining {
        return Err(Usage::new(
            "`--progress` does not apply to `--format tsort` without `--remaining`: constraints have no state",
            "add --remaining to leave out what is done or skipped, or use --format text, markdown or json to show each state",
        ));
    }
    if args.pace.is_some() && args.format != OrderFormatArg::Text {
        return Err(Usage::new(
            format!("`--pace` applies only to `--format text`, not to `--format {name}`"),
            "drop --pace, or use --format text (its last line gives the weeks left)",
        ));
    }
    Ok(match args.format {
        OrderFormatArg::Text => OrderFormat::Text,
        OrderFormatArg::Markdown => OrderFormat::Markdown,
        OrderFormatArg::Json => OrderFormat::Json,
        OrderFormatArg::Tsort => OrderFormat::Tsort,
    })
}

/// Checks `next`'s flags against each other; the library's format.
pub fn next(args: &NextArgs) -> Result<NextFormat, Usage> {
    if args.pace.is_some() && args.format != NextFormatArg::Text {
        return Err(Usage::new(
            format!(
                "`--pace` applies only to `--format text`, not to `--format {}`",
                args.format.name()
            ),
            "drop --pace, or use --format text (the last line gives the weeks left)",
        ));
    }
    Ok(match args.format {
        NextFormatArg::Text => NextFormat::Text,
        NextFormatArg::Markdown => NextFormat::Markdown,
        NextFormatArg::Json => NextFormat::Json,
    })
}

/// `--force` replaces a read-only output file: without one it would do
/// nothing.
pub fn force_needs_a_file(force: bool, to_file: bool) -> Result<(), Usage> {
    if force && !to_file {
        return Err(Usage::new(
            "`--force` applies only with `-o FILE`: standard output is never replaced",
            "drop --force, or write to a file with -o FILE",
        ));
    }
    Ok(())
}

impl From<super::RenderFormatArg> for Format {
    fn from(f: super::RenderFormatArg) -> Format {
        use super::RenderFormatArg as F;
        match f {
            F::Dot => Format::Dot,
            F::Json => Format::Json,
            F::Svg => Format::Svg,
            F::Png => Format::Png,
        }
    }
}

/// The name clap shows for a value (`layered`, `right`).
trait Named {
    fn name(&self) -> String;
}

impl<T: clap::ValueEnum> Named for T {
    fn name(&self) -> String {
        self.to_possible_value()
            .map_or_else(String::new, |v| v.get_name().to_string())
    }
}
