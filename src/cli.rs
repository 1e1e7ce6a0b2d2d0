//! Command-line arguments (clap types), and the binary's modules that
//! turn them into the library's plain options ([`plan`]), run each
//! subcommand ([`commands`]) and report ([`report`]). clap never reaches
//! the library.

pub mod advice;
pub mod commands;
pub mod files;
pub mod fonts;
pub mod load;
pub mod man;
pub mod plan;
pub mod progress;
pub mod report;
pub mod summary;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// The examples of `roadmapper --help`: one per common task. Each
/// subcommand shows its own. Long commands go on with a `\` line, so no
/// line is wider than 72 columns: none wraps at 80 columns, in `--help` or
/// in the man page (indented by 7), and each pastes into a shell as written
/// (tests/suite/help.rs checks all three).
pub const EXAMPLES: &str = "\
Examples:
  roadmapper check roadmap/backend.txt
  roadmapper order roadmap/backend.txt --stages
  roadmapper render roadmap/backend.txt -p roadmap/backend.prereqs \\
      -o backend.svg --theme dark";

/// `roadmapper order --help`.
pub const ORDER_EXAMPLES: &str = "\
Examples:
  roadmapper order roadmap/backend.txt --prereqs roadmap/backend.prereqs
  roadmapper order roadmap/backend.txt \\
      --prereqs roadmap/backend.prereqs --to REST --format markdown
  roadmapper order README.md --stages          # a Markdown study plan";

/// `roadmapper render --help`.
pub const RENDER_EXAMPLES: &str = "\
Examples:
  roadmapper render roadmap/backend.txt \\
      --prereqs roadmap/backend.prereqs -o backend.png
  roadmapper render roadmap/backend.txt \\
      --prereqs roadmap/backend.prereqs \\
      --notes roadmap/backend.notes.md -o backend.svg
  roadmapper render roadmap/backend.txt \\
      --prereqs roadmap/backend.prereqs --to REST \\
      --layout layered --direction right -o rest.svg";

/// `roadmapper check --help`.
pub const CHECK_EXAMPLES: &str = "\
Examples:
  roadmapper check roadmap/backend.txt --prereqs roadmap/backend.prereqs
  roadmapper check roadmap/backend.txt --notes roadmap/backend.notes.md
  roadmapper check roadmap/backend.txt -p roadmap/backend.prereqs \\
      --progress roadmap/backend.progress.md";

/// `roadmapper next --help`.
pub const NEXT_EXAMPLES: &str = "\
Examples:
  roadmapper next roadmap/backend.txt -p roadmap/backend.prereqs \\
      --progress roadmap/backend.progress.md
  roadmapper next roadmap/backend.txt -p roadmap/backend.prereqs \\
      --progress roadmap/backend.progress.md --to REST --all";

/// `roadmapper mark --help`.
pub const MARK_EXAMPLES: &str = "\
Examples:
  roadmapper mark roadmap/backend.txt --progress progress.md \\
      'What is HTTP' 'DNS and how it works' --done
  roadmapper mark roadmap/backend.txt --progress progress.md \\
      'APIs > SOAP' --skip";

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Also report the progress towards TOPIC (repeatable).
    ///
    /// TOPIC is a label (case-insensitive) or a path suffix such as
    /// `APIs > SOAP`.
    #[arg(long = "to", value_name = "TOPIC")]
    pub to: Vec<String>,

    /// Hours of study a week (0.25 to 168): the time left is also given
    /// in weeks.
    #[arg(long, value_name = "HOURS", value_parser = parse_pace)]
    pub pace: Option<f64>,
}

#[derive(Debug, Args)]
pub struct NextArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Only what TOPIC needs (repeatable).
    ///
    /// TOPIC is a label (case-insensitive) or a path suffix such as
    /// `APIs > SOAP`.
    #[arg(long = "to", value_name = "TOPIC")]
    pub to: Vec<String>,

    /// Print at most N topics.
    #[arg(
        short = 'n',
        long = "count",
        value_name = "N",
        default_value_t = 10,
        conflicts_with = "all"
    )]
    pub count: usize,

    /// Print every topic being learnt or ready.
    #[arg(long)]
    pub all: bool,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = NextFormatArg::Text)]
    pub format: NextFormatArg,

    /// Hours of study a week (0.25 to 168): the time left is also given
    /// in weeks (text).
    #[arg(long, value_name = "HOURS", value_parser = parse_pace)]
    pub pace: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NextFormatArg {
    /// Numbered, with what each topic completes and what is left.
    Text,
    /// A checklist: `- [/]` being learnt, `- [ ]` ready.
    Markdown,
    /// An array of objects (empty when nothing is left).
    Json,
}

#[derive(Debug, Args)]
#[command(
    override_usage = "roadmapper mark [OPTIONS] OUTLINE TOPIC... --progress FILE \\\n           --done|--learning|--skip|--todo"
)]
#[command(group(clap::ArgGroup::new("state").required(true).args(["done", "learning", "skip", "todo"])))]
pub struct MarkArgs {
    /// The outline file.
    #[arg(value_name = "OUTLINE")]
    pub outline: PathBuf,

    /// The topics (labels, case-insensitive, or path suffixes such as
    /// `APIs > SOAP`).
    #[arg(value_name = "TOPIC", required = true)]
    pub topics: Vec<String>,

    /// The progress file to change (created when missing).
    #[arg(long = "progress", value_name = "FILE", required = true)]
    pub progress: PathBuf,

    /// A prerequisite file: lines `A -> B` (A before B); repeatable. Sets
    /// the study order of the items added.
    #[arg(short, long = "prereqs", value_name = "FILE")]
    pub prereqs: Vec<PathBuf>,

    /// Mark the topics done: `[x]`.
    #[arg(long)]
    pub done: bool,

    /// Mark the topics being learnt: `[/]`.
    #[arg(long)]
    pub learning: bool,

    /// Mark the topics skipped: `[-]`.
    #[arg(long)]
    pub skip: bool,

    /// Mark the topics to do: `[ ]`.
    #[arg(long)]
    pub todo: bool,

    /// Replace the progress file even when it is read-only.
    #[arg(long)]
    pub force: bool,

    /// Print nothing but errors: not what was changed.
    #[arg(short, long)]
    pub quiet: bool,

    /// Refuse an input file larger than SIZE (bytes, or with K, M, G).
    #[arg(long, value_name = "SIZE", default_value = "256M", value_parser = parse_size)]
    pub max_input_size: u64,
}

/// Hours a week: from [`MIN_PACE`] to the 168 hours a week has. Anything
/// else (a pace so small the weeks overflow, NaN, infinity) is a usage
/// error, not weeks nobody can read.
fn parse_pace(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(h) if (MIN_PACE..=168.0).contains(&h) => Ok(h),
        Ok(_) => Err(format!(
            "hours a week must be from {MIN_PACE} (15 minutes) to 168"
        )),
        Err(_) => Err("expected hours a week, such as 6 or 7.5".to_string()),
    }
}

/// The slowest pace `--pace` takes, in hours a week.
const MIN_PACE: f64 = 0.25;

/// Turn a learning-roadmap outline into a graph, a study order and exports.
#[derive(Debug, Parser)]
#[command(name = "roadmapper", version, about, after_help = EXAMPLES, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Colour messages: auto (on a terminal, unless NO_COLOR is set),
    /// always, never.
    #[arg(
        long,
        global = true,
        value_enum,
        default_value_t = ColorArg::Auto,
        hide_possible_values = true,
        value_name = "WHEN"
    )]
    pub color: ColorArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// Colour on a terminal, unless NO_COLOR is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a study order that respects every prerequisite.
    ///
    /// Kahn's algorithm over the constraints (parent before children, each
    /// prerequisite, a group prerequisite standing for the whole group),
    /// always taking the available topic that comes first in the outline.
    #[command(after_help = ORDER_EXAMPLES)]
    Order(OrderArgs),
    /// Draw a poster (SVG, PNG) or export the graph (DOT, JSON).
    ///
    /// The format is taken from --format, else from the -o extension
    /// (.svg, .png, .dot, .gv, .json), else DOT. Posters are laid out by
    /// --layout; JSON carries that layout's geometry.
    #[command(after_help = RENDER_EXAMPLES)]
    Render(RenderArgs),
    /// Validate the inputs and print a short summary with warnings.
    ///
    /// With the learner's progress (--progress, or a Markdown outline's
    /// task boxes), also the topics in each state, the share done in each
    /// section and the time left.
    #[command(after_help = CHECK_EXAMPLES)]
    Check(CheckArgs),
    /// Print what to learn next: the topics being learnt, then the ones
    /// ready to start, in study order.
    ///
    /// Ready: everything the topic and its groups need is done or skipped.
    /// Only topics without children are offered; each says what it
    /// completes, and the last line what is left.
    #[command(after_help = NEXT_EXAMPLES)]
    Next(NextArgs),
    /// Set topics' states in a progress file: done, learning, skipped or
    /// to do.
    ///
    /// Items already there are changed in place, missing ones added under
    /// `## Added` in study order; every other byte of the file stays. A
    /// missing file is created with the whole checklist.
    #[command(after_help = MARK_EXAMPLES)]
    Mark(MarkArgs),
    /// Print one topic's card: its path, description, links, what to
    /// learn first, what it unlocks and its stage.
    #[command(after_help = SHOW_EXAMPLES)]
    Show(ShowArgs),
    /// Write a realistic generated roadmap, for benchmarks and experiments.
    ///
    /// A title, about sqrt(N)/2 sections, topics with 0 to 8 subtopics,
    /// labels of 10 to 40 characters, a few tags, and forward prerequisites
    /// (no cycles). The same --topics and --seed give the same files.
    #[command(after_help = GENERATE_EXAMPLES)]
    Generate(GenerateArgs),
    /// Print a shell completion script.
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print a man page (roff), made from the same definitions as --help.
    ///
    /// Without COMMAND, roadmapper(1); with one, roadmapper-COMMAND(1):
    /// `roadmapper man render | man -l -`.
    #[command(hide = true)]
    Man {
        /// The subcommand whose page to print.
        command: Option<String>,
    },
}

/// `roadmapper show --help`.
pub const SHOW_EXAMPLES: &str = "\
Examples:
  roadmapper show roadmap/backend.txt REST \\
      --prereqs roadmap/backend.prereqs --notes roadmap/backend.notes.md
  roadmapper show roadmap/backend.txt 'APIs > SOAP'";

#[derive(Debug, Args)]
pub struct ShowArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// The topic: a label (case-insensitive) or a path suffix such as
    /// `APIs > SOAP`.
    #[arg(value_name = "TOPIC")]
    pub topic: String,
}

/// `roadmapper generate --help`.
pub const GENERATE_EXAMPLES: &str = "\
Examples:
  roadmapper generate --topics 10000 -o big.txt  # and big.prereqs
  roadmapper generate --dense -o dense.txt       # 2.4 prerequisites
  roadmapper generate --topics 500 | roadmapper order -";

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Number of topics, title included [default: 1000, with --dense 500].
    #[arg(short = 'n', long, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub topics: Option<u64>,

    /// Make a dense curriculum: about 2.4 prerequisites a topic, three in
    /// four across sections, sections studied side by side (no cycles).
    #[arg(long, conflicts_with = "prereqs_percent")]
    pub dense: bool,

    /// Prerequisites per hundred topics.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(0..=1000))]
    pub prereqs_percent: u64,

    /// Seed of the random choices.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,

    /// Write the outline to FILE (atomically) instead of standard output;
    /// the prerequisites go next to it, with the extension `.prereqs`.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Write the prerequisites to FILE [default: next to -o, else none].
    #[arg(long, value_name = "FILE")]
    pub prereqs_output: Option<PathBuf>,

    /// Replace the output file even when it is read-only.
    #[arg(long)]
    pub force: bool,

    /// Print nothing but errors: not what was written.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct InputArgs {
    /// The outline file (`-` for standard input).
    ///
    /// One topic per line, nested by indentation, or a Markdown outline.
    #[arg(value_name = "OUTLINE")]
    pub outline: PathBuf,

    /// A prerequisite file: lines `A -> B` (A before B); repeatable.
    #[arg(short, long = "prereqs", value_name = "FILE")]
    pub prereqs: Vec<PathBuf>,

    /// A notes file: descriptions and links per topic; repeatable.
    ///
    /// Markdown: each `## TOPIC` heading names a topic as a prerequisite
    /// file does, followed by paragraphs (the description) and a list of
    /// links, `[@video@Title](https://...)`. JSON, SVG, the Markdown
    /// checklist and `show` carry them.
    #[arg(long = "notes", value_name = "FILE")]
    pub notes: Vec<PathBuf>,

    /// The learner's progress: a Markdown task list; repeatable, later
    /// files win.
    ///
    /// `- [x]` done, `- [/]` or `- [~]` learning, `- [-]` skipped, `- [ ]`
    /// to do; each item names a topic as a prerequisite file does, and an
    /// item nested under another is looked up inside that one's topic.
    /// `order --format markdown` writes such a file; it overrides a
    /// Markdown outline's own task boxes, topic by topic.
    #[arg(long = "progress", value_name = "FILE")]
    pub progress: Vec<PathBuf>,

    /// Refuse an input file larger than SIZE (bytes, or with K, M, G: KiB,
    /// MiB, GiB).
    ///
    /// Checked while reading, so a device such as /dev/zero or a growing
    /// file stops with an error instead of filling the memory.
    #[arg(long, value_name = "SIZE", default_value = "256M", value_parser = parse_size)]
    pub max_input_size: u64,
}

/// `256M`, `1G`, `512K`, `1000000`: a size in bytes (binary units).
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (digits, shift) = match t.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => {
            let shift = match c.to_ascii_uppercase() {
                'K' => 10,
                'M' => 20,
                'G' => 30,
                'T' => 40,
                _ => return Err(format!("unknown unit `{c}`; use K, M, G or T")),
            };
            (&t[..i], shift)
        }
        _ => (t, 0),
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| "expected a size such as 256M, 1G or 1048576".to_string())?;
    if n == 0 {
        return Err("the size must be greater than 0".to_string());
    }
    n.checked_mul(1u64 << shift)
        .ok_or_else(|| "the size is too large".to_string())
}

#[derive(Debug, Args)]
pub struct OrderArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Only what TOPIC needs (repeatable): TOPIC, its subtree, and all it
    /// depends on.
    ///
    /// TOPIC is a label (case-insensitive) or a path suffix such as
    /// `APIs > SOAP`.
    #[arg(long = "to", value_name = "TOPIC")]
    pub to: Vec<String>,

    /// Group topics by stage: topics of one stage can be learned in parallel.
    #[arg(long)]
    pub stages: bool,

    /// Leave out the topics done or skipped (--progress, or a Markdown
    /// outline's task boxes); numbers and stages are counted on what is
    /// left.
    #[arg(long)]
    pub remaining: bool,

    /// Hours of study a week (0.25 to 168): the time left is also given
    /// in weeks (text).
    #[arg(long, value_name = "HOURS", value_parser = parse_pace)]
    pub pace: Option<f64>,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = OrderFormatArg::Text)]
    pub format: OrderFormatArg,

    /// Write to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Replace the output file even when it is read-only.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OrderFormatArg {
    /// Numbered and indented, for a terminal.
    Text,
    /// A `- [ ]` checklist for a README or an issue.
    Markdown,
    /// An array of objects.
    Json,
    /// The constraints as `before after` id pairs, one per line: pipe into
    /// `tsort`.
    Tsort,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Output format [default: from the -o extension, else dot].
    #[arg(short, long, value_enum)]
    pub format: Option<RenderFormatArg>,

    /// Write to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Replace the output file even when it is read-only.
    #[arg(long)]
    pub force: bool,

    /// Layout engine of SVG, PNG, JSON and `dot --positions` [default:
    /// poster].
    #[arg(short, long, value_enum)]
    pub layout: Option<LayoutArg>,

    /// Flow of `--layout layered` [default: down].
    #[arg(long, value_enum)]
    pub direction: Option<DirectionArg>,

    /// Colour theme of SVG and PNG posters [default: light].
    #[arg(long, value_enum)]
    pub theme: Option<ThemeArg>,

    /// PNG only: pixels per poster pixel, at most 16 [default: 2, crisp in
    /// print].
    ///
    /// The PNG may have at most 200 megapixels; a larger one stops with an
    /// error that suggests a scale that fits.
    #[arg(long, value_parser = parse_scale)]
    pub scale: Option<f32>,

    /// DOT only: add the layout's positions, so `neato -n2` draws the
    /// layout.
    #[arg(long)]
    pub positions: bool,

    /// Print nothing but errors: no warnings, and not what was written.
    #[arg(short, long)]
    pub quiet: bool,

    /// Draw every prerequisite, also those implied by others.
    ///
    /// A prerequisite is implied when the nesting and the other
    /// prerequisites already put all of its source before its target
    /// (`A -> B -> C` makes `A -> C` implied). Posters and DOT leave those
    /// out and the subtitle counts them; JSON lists every prerequisite,
    /// marking implied ones `"implied": true`. `roadmapper check` names
    /// each with the chain that implies it.
    #[arg(long)]
    pub all_prereqs: bool,

    /// Draw only what TOPIC needs (repeatable): exactly the topics `order
    /// --to TOPIC` lists.
    ///
    /// TOPIC is a label (case-insensitive) or a path suffix such as
    /// `APIs > SOAP`.
    #[arg(long = "to", value_name = "TOPIC", conflicts_with = "section")]
    pub to: Vec<String>,

    /// Draw one section, plus, faded, the topics from elsewhere that it
    /// needs.
    ///
    /// Those are the direct prerequisites of the section and of everything
    /// in it, with their sections for context. NAME is a section's label or
    /// a path suffix.
    #[arg(long, value_name = "NAME")]
    pub section: Option<String>,

    /// SVG only: embed the Noto Sans font (adds about 550 kB).
    ///
    /// Browsers then draw the text with exactly the font it was measured
    /// with, even where Noto Sans is not installed; without it they fall
    /// back to Arial or a metric twin, which is narrower, so text still fits.
    /// Fonts given with --font are named, not embedded.
    #[arg(long)]
    pub embed_font: bool,

    /// Draw characters Noto Sans lacks (CJK, Arabic, emoji...) from FILE
    /// (repeatable; not for plain DOT).
    ///
    /// A TrueType or OpenType font or collection (.ttf, .otf, .ttc). Each
    /// character is drawn from the first font that has it: the embedded
    /// Noto Sans, then the --font files in order, then, with
    /// --system-fonts, the machine's fonts; text is measured with the same
    /// fonts, so it fits its box. An SVG names the font on the text drawn
    /// with it and does not embed it. Like any input, a font file may be at
    /// most --max-input-size.
    #[arg(long = "font", value_name = "FILE")]
    pub fonts: Vec<PathBuf>,

    /// Draw characters no other font has from the machine's installed
    /// fonts.
    ///
    /// Which fonts those are depends on the machine, so the same input may
    /// be drawn differently elsewhere; --font gives the same drawing
    /// everywhere. A file there that is no usable font, or larger than
    /// --max-input-size, is skipped with a warning.
    #[arg(long)]
    pub system_fonts: bool,
}

fn parse_scale(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= 16.0 => Ok(v),
        Ok(_) => Err("expected a number greater than 0 and at most 16".to_string()),
        Err(e) => Err(e.to_string()),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenderFormatArg {
    /// Graphviz DOT.
    Dot,
    /// Node-link JSON with geometry (networkx's node_link_graph reads it).
    Json,
    /// SVG poster.
    Svg,
    /// PNG poster.
    Png,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LayoutArg {
    /// roadmap.sh-like: sections down a main path, topics beside them.
    Poster,
    /// Layered graph drawing: a topic's layer is its stage, prerequisites
    /// flow down (or right).
    Layered,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DirectionArg {
    /// Top to bottom.
    Down,
    /// Left to right.
    Right,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    /// White paper, yellow boxes, blue connectors.
    Light,
    /// Dark slate paper.
    Dark,
}
