//! A roadmap from the command line's inputs: the files read, loaded with
//! their prerequisites, notes and progress, handed to the reporter so that
//! messages quote their lines, and the topics `--to` names found.

use roadmapper::{Diagnostic, Error, Roadmap};

use super::InputArgs;
use super::files::read;
use super::report::{Failure, Reporter};

/// The topics `--to` names, or every error (unknown, ambiguous) at once.
pub fn find_targets(roadmap: &Roadmap, to: &[String]) -> Result<Vec<usize>, Error> {
    let mut targets = Vec::new();
    let mut errors = Vec::new();
    let references: Vec<&str> = to.iter().map(String::as_str).collect();
    for found in roadmap.find_all(&references) {
        match found {
            Ok(i) => targets.push(i),
            Err(kind) => errors.push(Diagnostic::argument("--to", kind)),
        }
    }
    if errors.is_empty() {
        Ok(targets)
    } else {
        Err(Error::Input(errors))
    }
}

/// Reads and loads the inputs, then hands them to the reporter so that
/// diagnostics can quote their lines.
pub fn load_quiet(args: &InputArgs, reporter: &Reporter) -> Result<Roadmap, Failure> {
    let limit = args.max_input_size;
    let outline = read(&args.outline, limit)?;
    let prereqs = args
        .prereqs
        .iter()
        .map(|p| read(p, limit))
        .collect::<Result<Vec<_>, _>>()?;
    let notes = args
        .notes
        .iter()
        .map(|p| read(p, limit))
        .collect::<Result<Vec<_>, _>>()?;
    let progress = args
        .progress
        .iter()
        .map(|p| read(p, limit))
        .collect::<Result<Vec<_>, _>>()?;
    let result = roadmapper::load_with_progress(&outline, &prereqs, &notes, &progress);
    reporter.remember(
        std::iter::once(outline)
            .chain(prereqs)
            .chain(notes)
            .chain(progress),
    );
    Ok(result?)
}

/// Loads and prints build warnings (a prerequisite given twice) to stderr.
pub fn load(args: &InputArgs, reporter: &Reporter) -> Result<Roadmap, Failure> {
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
