//! roadmapper turns a learning roadmap, written as an indented outline or a
//! Markdown study plan ([`outline::markdown`]), into a graph, a study order,
//! posters (SVG, PNG) and exports (Graphviz DOT, JSON). Notes files
//! ([`notes`]) give topics descriptions and links to learn from.
//!
//! The pipeline runs one way:
//!
//! ```text
//! outline text --parse--> Outline --build--> Roadmap (petgraph) --order--> study order
//!                                               |
//!                                               +--layout (poster | layered)--> Scene (pixels)
//!                                                                                  |
//!                                     export: DOT | JSON | SVG | PNG <-------------+
//! ```
//!
//! ```
//! use roadmapper::{Input, load};
//!
//! let outline = Input::new("backend.txt", "Backend\n  Internet\n    What is HTTP\n  APIs\n    REST\n");
//! let prereqs = Input::new("backend.prereqs", "# REST rides on HTTP\nWhat is HTTP -> REST\n");
//! let roadmap = load(&outline, &[prereqs]).unwrap();
//! let order: Vec<&str> = roadmap.order().iter().map(|&i| roadmap.topic(i).label.as_str()).collect();
//! assert_eq!(order, ["Backend", "Internet", "What is HTTP", "APIs", "REST"]);
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod diagnostic;
pub mod export;
pub mod generate;
pub mod implied;
pub mod input;
pub mod layout;
pub mod link;
pub mod lock;
pub mod notes;
pub mod order;
pub mod outline;
pub mod output;
pub mod prereqs;
pub mod progress;
pub mod roadmap;
pub mod scene;
pub mod suggest;
pub mod terminal;
pub mod text;

pub use diagnostic::{Diagnostic, DiagnosticKind, Error, Location, Severity};
pub use input::Input;
pub use output::{WriteOptions, write_atomically};
pub use roadmap::{Edge, Roadmap, Topic};

/// Parses an outline and its prerequisite files and builds the roadmap.
///
/// All errors of all inputs are collected: outline syntax, prerequisite
/// syntax, unknown or ambiguous references, cycles. Prerequisites (the
/// well-formed lines) are resolved whenever the outline itself parsed.
pub fn load(outline: &Input, prereqs: &[Input]) -> Result<Roadmap, Error> {
    load_with_notes(outline, prereqs, &[])
}

/// [`load`], then the notes files ([`notes`]): each topic they name gets
/// its description and links ([`Roadmap::apply_notes`]). Every error of
/// every input is reported; the notes' warnings join
/// [`Roadmap::warnings`].
///
/// ```
/// use roadmapper::{Input, load_with_notes};
/// let outline = Input::new("r.txt", "Web\n  HTTP\n");
/// let notes = Input::new("r.notes.md", "## HTTP\n\nThe web's protocol.\n\n- [@official@RFC 9110](https://www.rfc-editor.org/rfc/rfc9110)\n- [x](javascript:alert(1))\n");
/// let r = load_with_notes(&outline, &[], &[notes]).unwrap();
/// assert_eq!(r.topic(1).links.len(), 1);
/// assert_eq!(r.warnings().len(), 1, "the javascript: link is dropped with a warning");
/// ```
pub fn load_with_notes(
    outline: &Input,
    prereqs: &[Input],
    notes: &[Input],
) -> Result<Roadmap, Error> {
    load_with_progress(outline, prereqs, notes, &[])
}

/// [`load_with_notes`], then the learner's progress files ([`progress`]):
/// each item's state goes to the topic it names, over the outline's own
/// task boxes ([`Roadmap::apply_progress`]); later files win. Every error
/// of every input is reported.
///
/// ```
/// use roadmapper::outline::TaskState;
/// use roadmapper::{Input, load_with_progress};
/// let outline = Input::new("r.txt", "Web\n  HTTP\n  REST\n");
/// let progress = Input::new("progress.md", "# Mine\n\n- [x] HTTP\n");
/// let r = load_with_progress(&outline, &[], &[], &[progress]).unwrap();
/// assert_eq!(r.statuses(), [TaskState::Learning, TaskState::Done, TaskState::Todo]);
/// assert!(r.tracks_progress());
/// ```
pub fn load_with_progress(
    outline: &Input,
    prereqs: &[Input],
    notes: &[Input],
    progress: &[Input],
) -> Result<Roadmap, Error> {
    let mut progress_files = Vec::with_capacity(progress.len());
    let mut progress_errors = Vec::new();
    for p in progress {
        match progress::decode(&p.name, &p.bytes) {
            Ok(text) => progress_files.push(progress::parse(&p.name, text)),
            Err(e) => progress_errors.extend(e),
        }
    }
    let mut notes_errors = Vec::new();
    let mut notes_files = Vec::with_capacity(notes.len());
    for n in notes {
        match notes::parse(&n.name, &n.bytes) {
            Ok(file) => notes_files.push(file),
            Err(e) => notes_errors.extend(e),
        }
    }
    match load_outline(outline, prereqs) {
        Ok(mut roadmap) => {
            notes_errors.extend(roadmap.apply_notes(&notes_files));
            notes_errors.extend(progress_errors);
            if !progress.is_empty() {
                notes_errors.extend(roadmap.apply_progress(&progress_files));
            }
            if notes_errors.is_empty() {
                Ok(roadmap)
            } else {
                Err(Error::Input(notes_errors))
            }
        }
        Err(Error::Input(mut errors)) => {
            errors.extend(notes_errors);
            errors.extend(progress_errors);
            Err(Error::Input(errors))
        }
        Err(e) => Err(e),
    }
}

/// [`load`] without notes.
fn load_outline(outline: &Input, prereqs: &[Input]) -> Result<Roadmap, Error> {
    let mut errors = Vec::new();
    let parsed_outline =
        outline::parse(&outline.name, &outline.bytes).map_err(|e| errors.extend(e));
    let mut files = Vec::with_capacity(prereqs.len());
    for p in prereqs {
        let (file, syntax_errors) = prereqs::parse_lenient(&p.name, &p.bytes);
        files.push(file);
        errors.extend(syntax_errors);
    }
    match parsed_outline {
        Ok(o) if errors.is_empty() => Roadmap::build(o, &files),
        // The well-formed prerequisite lines are still checked against the
        // outline, so one run reports every error.
        Ok(o) => match Roadmap::build(o, &files) {
            Err(Error::Input(more)) => {
                errors.extend(more);
                Err(Error::Input(errors))
            }
            _ => Err(Error::Input(errors)),
        },
        Err(()) => Err(Error::Input(errors)),
    }
}

/// What `render` produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Graphviz DOT (with `pos` attributes when [`RenderOptions::positions`]).
    #[default]
    Dot,
    /// Node-link JSON with the layout's geometry.
    Json,
    /// A standalone SVG poster.
    Svg,
    /// A PNG poster rendered by resvg.
    Png,
}

/// Settings for [`render`]: a plain struct, so library users need no CLI.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RenderOptions {
    /// The output format.
    pub format: Format,
    /// The layout engine and its settings.
    pub layout: layout::LayoutOptions,
    /// Colours.
    pub theme: export::svg::Theme,
    /// PNG pixels per SVG pixel.
    pub scale: f32,
    /// DOT only: carry the layout's positions so `neato -n2` reproduces it.
    pub positions: bool,
    /// SVG only: embed the font, so browsers draw exactly what was measured.
    pub embed_font: bool,
    /// Draw every prerequisite, the implied ones too ([`Roadmap::implied`]).
    /// Without it posters and DOT leave them out; JSON lists them either way.
    pub all_prerequisites: bool,
}

impl Default for RenderOptions {
    fn default() -> RenderOptions {
        RenderOptions {
            format: Format::Svg,
            layout: layout::LayoutOptions::default(),
            theme: export::svg::LIGHT,
            scale: 2.0,
            positions: false,
            embed_font: false,
            all_prerequisites: false,
        }
    }
}

/// Renders a roadmap: lays it out (unless plain DOT is asked for) and
/// writes the chosen format.
///
/// Posters and DOT draw the roadmap without its implied prerequisites
/// ([`Roadmap::without_implied`]) unless [`RenderOptions::all_prerequisites`];
/// JSON lists every prerequisite, an implied one marked `"implied": true`
/// and, when not drawn, without points. To draw only part of a roadmap,
/// render [`Roadmap::focus_to`] or [`Roadmap::focus_section`].
///
/// ```
/// use roadmapper::{load, render, Format, Input, RenderOptions};
/// let r = load(&Input::new("r.txt", "Roadmap\n  Basics\n    HTTP\n"), &[]).unwrap();
/// let svg = render(&r, &RenderOptions::default()).unwrap();
/// assert!(String::from_utf8(svg).unwrap().contains(">HTTP</tspan>"));
/// let png = render(&r, &RenderOptions { format: Format::Png, ..RenderOptions::default() }).unwrap();
/// assert!(png.starts_with(b"\x89PNG"));
/// ```
pub fn render(roadmap: &Roadmap, options: &RenderOptions) -> Result<Vec<u8>, Error> {
    let reduced;
    let drawn = if options.all_prerequisites || roadmap.implied_count() == 0 {
        roadmap
    } else {
        reduced = roadmap.without_implied();
        &reduced
    };
    let mut out = Vec::new();
    render_to(roadmap, drawn, options, &mut out)?;
    Ok(out)
}

/// [`render`]'s work, through each exporter's one shape
/// ([`export::Export`]), into `out`.
fn render_to(
    roadmap: &Roadmap,
    drawn: &Roadmap,
    options: &RenderOptions,
    out: &mut Vec<u8>,
) -> Result<(), Error> {
    use export::Export;
    if options.format == Format::Dot && !options.positions {
        return export::Dot(drawn).write_to(out).map_err(in_memory);
    }
    let scene = layout::layout(drawn, &options.layout);
    match options.format {
        Format::Dot => export::dot::Positioned(drawn, &scene)
            .write_to(out)
            .map_err(in_memory),
        Format::Json => export::json::Json {
            roadmap,
            scene: Some(&scene),
        }
        .write_to(out)
        .map_err(in_memory),
        Format::Svg => export::Svg::new(&scene, &options.theme)
            .embed_font(options.embed_font)
            .notes(drawn)
            .write_to(out)
            .map_err(in_memory),
        Format::Png => export::png::Png {
            scene: &scene,
            theme: &options.theme,
            scale: options.scale,
        }
        .write_to(out),
    }
}

/// An exporter that failed writing to memory (none does but by a bug):
/// returned, not dropped, so no half-written document passes for a whole
/// one.
fn in_memory(source: std::io::Error) -> Error {
    Error::Io {
        path: "<memory>".into(),
        source,
    }
}
