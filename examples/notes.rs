//! Notes: what a topic is and where to learn it, kept in a Markdown file
//! beside the outline and attached to the topics they name; then a topic's
//! card, as `roadmapper show` prints it.
//!
//! ```text
//! cargo run --example notes
//! cargo run --example notes -- "Web Security > HTTPS"
//! ```
//!
//! First a small outline gets notes written below, in two steps
//! ([`notes::parse`], then [`Roadmap::apply_notes`]); one of their links
//! is `javascript:`, which is dropped with a warning on standard error.
//! Then the shipped `roadmap/backend.txt` is loaded with its prerequisites
//! and `roadmap/backend.notes.md` in one call ([`load_with_notes`]), and
//! the card of the topic given (`What is HTTP` by default) is printed. A
//! topic that is not found, or an error in an input, is printed and the
//! example exits with status 1.

#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use roadmapper::export::card::Card;
use roadmapper::{Diagnostic, Error, Input, Roadmap, load, load_with_notes, notes};

const OUTLINE: &str = "\
Web
  HTTP
  REST
";

/// A notes file: each `## REFERENCE` names a topic as a prerequisite file
/// does; the paragraphs under it describe the topic, the list's links say
/// where to learn it (`@kind@` as roadmap.sh writes it). Anything before
/// the first `##` is ignored.
const NOTES: &str = "\
# My notes

## Web > REST

An architectural style for web APIs: resources named by URLs,
manipulated with HTTP's methods.

- [@article@MDN: HTTP request methods](https://developer.mozilla.org/en-US/docs/Web/HTTP/Methods)
- [@official@Fielding's dissertation, chapter 5](https://ics.uci.edu/~fielding/pubs/dissertation/rest_arch_style.htm)
- [Try me](javascript:alert(1))
";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Error> {
    // Step by step: parse the notes, then resolve their headings against
    // the roadmap. Unknown or ambiguous headings come back as errors;
    // dropped links join the roadmap's warnings.
    let mut roadmap = load(&Input::new("web.txt", OUTLINE), &[])?;
    let file = notes::parse("web.notes.md", NOTES.as_bytes()).map_err(Error::Input)?;
    let errors = roadmap.apply_notes(&[file]);
    if !errors.is_empty() {
        return Err(Error::Input(errors));
    }
    for warning in roadmap.warnings() {
        eprintln!("{warning}");
    }
    let rest = find(&roadmap, "REST")?;
    print_notes(&roadmap, rest);

    // In one call, on the shipped roadmap: `load_with_notes` reports every
    // error of every file at once.
    let topic = std::env::args_os().nth(1);
    let topic = topic
        .as_ref()
        .map_or("What is HTTP".into(), |t| t.to_string_lossy());
    let backend = load_with_notes(
        &Input::read(&in_crate("roadmap/backend.txt"))?,
        &[Input::read(&in_crate("roadmap/backend.prereqs"))?],
        &[Input::read(&in_crate("roadmap/backend.notes.md"))?],
    )?;
    for warning in backend.warnings() {
        eprintln!("{warning}");
    }
    let described = backend.topics().filter(|t| t.description.is_some()).count();
    let links: usize = backend.topics().map(|t| t.links.len()).sum();
    println!();
    println!(
        "{} of {} topics described, {links} links",
        described,
        backend.len()
    );
    println!();
    // The card: path, description, links, what to learn first, what it
    // unlocks, its stage (and with progress, its state and estimate).
    print!("{}", Card::new(&backend, find(&backend, &topic)?));
    Ok(())
}

/// A topic's notes, read off the topic itself.
fn print_notes(roadmap: &Roadmap, i: usize) {
    let topic = roadmap.topic(i);
    println!("{}", roadmap.path(i).join(" > "));
    if let Some(description) = &topic.description {
        println!("  {description}");
    }
    for link in &topic.links {
        let kind = link.kind.map_or("link", |k| k.name());
        println!("  {kind:<9} {}  <{}>", link.title, link.url);
    }
}

/// Looks a topic up as a prerequisite file names it; a miss is an error
/// that names the closest labels.
fn find(roadmap: &Roadmap, reference: &str) -> Result<usize, Error> {
    roadmap
        .find(reference)
        .map_err(|kind| Error::Input(vec![Diagnostic::argument("topic", kind)]))
}

/// A file of this crate, wherever the example is run from.
fn in_crate(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}
