//! Drawing a roadmap: posters to SVG and PNG, as `roadmapper render` does,
//! first in one call ([`roadmapper::render`]), then stage by stage
//! (layout to a [`Scene`], then an exporter).
//!
//! ```text
//! cargo run --example render_poster            # writes to a temporary folder
//! cargo run --example render_poster -- posters # writes to ./posters
//! ```
//!
//! Reads the shipped `roadmap/backend.txt`, `backend.prereqs` and
//! `backend.notes.md` (the notes make each topic of the SVG a link to its
//! first resource, with its description as a tooltip). Writes four files
//! into the folder given, or `roadmapper-examples` in the system's
//! temporary folder ([`std::env::temp_dir`]), created if missing, and
//! prints each path:
//!
//! - `backend-poster.svg`: the roadmap.sh-like poster, light theme;
//! - `backend-poster-dark.png`: the same poster in the dark theme, at one
//!   PNG pixel per poster pixel;
//! - `backend-layered.svg`: the layered layout, flowing left to right;
//! - `backend-kafka.svg`: only what Kafka needs (`render --to Kafka`).

#![forbid(unsafe_code)]

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use roadmapper::export::svg::{DARK, LIGHT};
use roadmapper::export::{Export, Svg};
use roadmapper::layout::{self, Direction, LayoutKind, LayoutOptions};
use roadmapper::scene::Scene;
use roadmapper::{Diagnostic, Error, Format, Input, RenderOptions, load_with_notes, render};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Error> {
    let dir = match std::env::args_os().nth(1) {
        Some(dir) => PathBuf::from(dir),
        None => std::env::temp_dir().join("roadmapper-examples"),
    };
    std::fs::create_dir_all(&dir).map_err(|source| Error::Io {
        path: dir.clone(),
        source,
    })?;

    let roadmap = load_with_notes(
        &Input::read(&in_crate("roadmap/backend.txt"))?,
        &[Input::read(&in_crate("roadmap/backend.prereqs"))?],
        &[Input::read(&in_crate("roadmap/backend.notes.md"))?],
    )?;
    for warning in roadmap.warnings() {
        eprintln!("{warning}");
    }

    // In one call: `render` lays the roadmap out and writes the format
    // asked for, into memory. `RenderOptions` is a plain struct; its
    // default is an SVG poster in the light theme.
    let svg = render(&roadmap, &RenderOptions::default())?;
    write(&dir.join("backend-poster.svg"), &svg)?;

    let png = render(
        &roadmap,
        &RenderOptions {
            format: Format::Png,
            theme: DARK,
            // PNG pixels per poster pixel (the default, 2, suits screens
            // with dense pixels); a scale over the pixel budget is an
            // `Error::Png` that says which scale fits.
            scale: 1.0,
            ..RenderOptions::default()
        },
    )?;
    write(&dir.join("backend-poster-dark.png"), &png)?;

    let layered = render(
        &roadmap,
        &RenderOptions {
            layout: LayoutOptions {
                kind: LayoutKind::Layered,
                direction: Direction::Right,
            },
            ..RenderOptions::default()
        },
    )?;
    write(&dir.join("backend-layered.svg"), &layered)?;

    // Stage by stage, for a part of the roadmap: `focus_to` keeps what the
    // targets need (as `order --to` lists it), and the poster
    // says what it shows under its title. `without_implied` leaves out the
    // prerequisites that others imply, as `render` does by default.
    let kafka = roadmap
        .find("Kafka")
        .map_err(|kind| Error::Input(vec![Diagnostic::argument("--to", kind)]))?;
    let part = roadmap.focus_to(&[kafka]).without_implied();
    let scene: Scene = layout::layout(&part, &LayoutOptions::default());
    println!(
        "{}: {} boxes, {} edges, {:.0} x {:.0} px",
        part.caption(),
        scene.boxes.len(),
        scene.edges.len(),
        scene.width,
        scene.height
    );
    // A Scene is all an exporter needs to draw (pixels, wrapped lines,
    // styles); `notes` adds the links and tooltips. Every exporter writes
    // to any `impl Write` through the `Export` trait.
    let path = dir.join("backend-kafka.svg");
    let io = |source| Error::Io {
        path: path.clone(),
        source,
    };
    let mut out = BufWriter::new(File::create(&path).map_err(io)?);
    Svg::new(&scene, &LIGHT)
        .notes(&part)
        .write_to(&mut out)
        .map_err(io)?;
    out.flush().map_err(io)?;
    println!("wrote {}", path.display());
    Ok(())
}

/// Writes a whole file and says so.
fn write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    std::fs::write(path, bytes).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    println!(
        "wrote {} ({} KiB)",
        path.display(),
        bytes.len().div_ceil(1024)
    );
    Ok(())
}

/// A file of this crate, wherever the example is run from.
fn in_crate(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}
