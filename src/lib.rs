//! roadmapper turns a learning roadmap, written as an indented outline, into
//! a graph, a study order, posters (SVG, PNG) and exports (Graphviz DOT,
//! JSON).
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
pub mod layout;
pub mod order;
pub mod outline;
pub mod prereqs;
pub mod roadmap;
pub mod scene;
pub mod text;

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub use diagnostic::{Diagnostic, DiagnosticKind, Error, Severity};
pub use roadmap::{Edge, Roadmap, Topic};

/// An input file's name (as shown in diagnostics) and contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The name used in diagnostics, e.g. `roadmap/backend.txt` or `<stdin>`.
    pub name: String,
    /// The raw contents.
    pub bytes: Vec<u8>,
}

impl Input {
    /// An input from memory.
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Input {
        Input {
            name: name.into(),
            bytes: bytes.into(),
        }
    }

    /// Reads a file; the name shown in diagnostics is the path as given.
    pub fn read(path: &Path) -> Result<Input, Error> {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(Input::new(path.display().to_string(), bytes))
    }
}

/// Parses an outline and its prerequisite files and builds the roadmap.
///
/// All errors of all inputs are collected: outline syntax, prerequisite
/// syntax, unknown or ambiguous references, cycles. Prerequisites (the
/// well-formed lines) are resolved whenever the outline itself parsed.
pub fn load(outline: &Input, prereqs: &[Input]) -> Result<Roadmap, Error> {
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
        }
    }
}

/// Renders a roadmap: lays it out (unless plain DOT is asked for) and
/// writes the chosen format.
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
    if options.format == Format::Dot && !options.positions {
        return Ok(export::Dot(roadmap).to_string().into_bytes());
    }
    let scene = layout::layout(roadmap, &options.layout);
    let mut out = String::new();
    match options.format {
        Format::Dot => {
            let _ = write!(out, "{}", export::dot::Positioned(roadmap, &scene));
        }
        Format::Json => out = export::json::to_string_with(roadmap, Some(&scene)),
        Format::Svg => {
            let svg = export::Svg::new(&scene, &options.theme).embed_font(options.embed_font);
            let _ = write!(out, "{svg}");
        }
        Format::Png => {
            if !(options.scale.is_finite() && options.scale > 0.0) {
                return Err(Error::Usage(format!(
                    "--scale must be a positive number, not {}",
                    options.scale
                )));
            }
            return export::png::render_scene(&scene, &options.theme, options.scale);
        }
    }
    Ok(out.into_bytes())
}

/// Writes a file atomically: the content goes to a temporary file in the
/// same folder, which is renamed over `path` only once fully written. A
/// failure leaves no partial file and any existing file untouched.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Error> {
    let io_err = |source: io::Error| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    if path.is_dir() {
        return Err(io_err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "is a directory; give a file name",
        )));
    }
    // A device or pipe (`-o /dev/null`, `-o /dev/stdout`) cannot be
    // replaced by a rename: write to it directly.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(io_err)?;
        let mut buf = io::BufWriter::new(&mut file);
        write(&mut buf).map_err(io_err)?;
        return buf.flush().map_err(io_err);
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    // The temporary file is an implementation detail: errors name the
    // target and the folder, never the temporary path.
    let folder_err = |e: io::Error| {
        let what = match e.kind() {
            io::ErrorKind::NotFound => format!("the folder `{}` does not exist", dir.display()),
            io::ErrorKind::PermissionDenied => {
                format!("no permission to write in `{}`", dir.display())
            }
            kind => format!("cannot write in `{}`: {kind}", dir.display()),
        };
        io_err(io::Error::new(e.kind(), what))
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".roadmapper-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(folder_err)?;
    {
        let mut buf = io::BufWriter::new(tmp.as_file_mut());
        write(&mut buf).map_err(io_err)?;
        buf.flush().map_err(io_err)?;
    }
    tmp.as_file().sync_all().map_err(io_err)?;
    set_permissions(tmp.as_file(), path).map_err(io_err)?;
    tmp.persist(path).map_err(|e| io_err(e.error))?;
    Ok(())
}

/// Temporary files are private (0600); the result should look like any
/// other file the user writes: keep an existing file's mode, else 0644.
#[cfg(unix)]
fn set_permissions(file: &std::fs::File, target: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(target).map_or(0o644, |m| m.permissions().mode() & 0o7777);
    file.set_permissions(std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_permissions(_file: &std::fs::File, _target: &Path) -> io::Result<()> {
    Ok(())
}
