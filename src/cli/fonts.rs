//! The fonts of `--font` and `--system-fonts`, loaded before a drawing is
//! measured, with a warning when labels have characters no font has.

use std::path::PathBuf;

use roadmapper::Roadmap;

use super::files::io_failure;
use super::report::{Failure, Reporter};

/// Loads the fonts for the render (each file at most `limit` bytes, as
/// other inputs), warns once for each system font skipped as unusable,
/// and once when labels to be drawn have characters no font has.
pub fn install(
    files: &[PathBuf],
    system: bool,
    limit: u64,
    roadmap: &Roadmap,
    reporter: &Reporter,
) -> Result<(), Failure> {
    let mut fonts = roadmapper::text::FontSet::embedded();
    for file in files {
        fonts
            .add_file(file, limit)
            .map_err(|e| io_failure("read the font", e))?;
    }
    if system {
        let labels: String = roadmap.topics().map(|t| t.label.as_str()).collect();
        for skipped in fonts.add_system_fonts(&labels, limit) {
            reporter.warning(&format!("skipped a system font: {skipped}"));
        }
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
