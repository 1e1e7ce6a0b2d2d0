//! `check`'s style warnings: labels shared or too long, and the build's
//! warnings, each kind capped so a long file cannot bury the summary.

use rustc_hash::FxHashMap as HashMap;

use super::Roadmap;
use crate::diagnostic::{Diagnostic, DiagnosticKind, LONG_LABEL, MAX_LISTED};
use crate::prereqs;

impl Roadmap {
    /// Style warnings for `check`: labels shared by several topics and
    /// labels too long for a poster, plus the build warnings, then the
    /// implied prerequisites ([`Roadmap::implied_warnings`]). Of each kind
    /// of repeated warning only the first [`MAX_LISTED`] are given, then
    /// one that counts the rest ([`cap_repeated`]).
    pub fn lint(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let said = self
            .warnings
            .iter()
            .any(|w| matches!(w.kind, DiagnosticKind::MarkdownWithoutTopics { .. }));
        if self.is_empty() && !said {
            out.push(Diagnostic::warning(
                &self.file,
                1,
                1,
                DiagnosticKind::EmptyOutline,
            ));
        }
        // The topics sharing a label, as chains from the first of each (the
        // resolver's index, kept by the roadmap: no label is hashed here).
        let mut has_prev = vec![false; self.len()];
        for &next in &self.same_label {
            if let Some(p) = has_prev.get_mut(next) {
                *p = true;
            }
        }
        let next = |i: usize| self.same_label.get(i).copied().filter(|&j| j != usize::MAX);
        for t in self.topics() {
            let head = t.position;
            if !has_prev[head] && next(head).is_some() {
                let same: Vec<usize> = std::iter::successors(Some(head), |&i| next(i)).collect();
                let paths: Vec<Vec<&str>> = same
                    .iter()
                    .take(MAX_LISTED)
                    .map(|&i| self.path(i))
                    .collect();
                let others: Vec<Vec<&str>> = same
                    .iter()
                    .skip(MAX_LISTED)
                    .take(MAX_LISTED * 100)
                    .map(|&i| self.path(i))
                    .collect();
                let mut references = Vec::new();
                let mut unreachable = Vec::new();
                for (path, reference) in paths
                    .iter()
                    .zip(prereqs::shortest_references(&paths, &others))
                {
                    match reference {
                        Some(r) => references.push(r),
                        None => unreachable.push(path.join(" > ")),
                    }
                }
                out.push(Diagnostic::warning(
                    &self.file,
                    t.line,
                    1,
                    DiagnosticKind::DuplicateLabel {
                        label: t.label.clone(),
                        paths: paths.iter().map(|p| p.join(" > ")).collect(),
                        count: same.len(),
                        references,
                        unreachable,
                    },
                ));
            }
            let chars = t.label.chars().count();
            if chars > LONG_LABEL {
                out.push(Diagnostic::warning(
                    &self.file,
                    t.line,
                    1,
                    DiagnosticKind::LongLabel { chars },
                ));
            }
        }
        out.extend(self.warnings.iter().cloned());
        let mut out = cap_repeated(out, MAX_LISTED);
        out.extend(self.implied_warnings());
        out
    }
}

/// What [`DiagnosticKind::StateGivenTwice`] warnings are about, in the
/// count of those left out (capped where they are made, and here).
pub(super) const STATES_GIVEN_TWICE: &str = "topics given two states";

/// What a repeated warning is about, plural, for the count that replaces
/// those past the cap; None for kinds capped where they are made (or
/// never repeated).
fn repeated(kind: &DiagnosticKind) -> Option<&'static str> {
    Some(match kind {
        DiagnosticKind::LongLabel { .. } => "long labels",
        DiagnosticKind::DuplicateLabel { .. } => "shared labels",
        DiagnosticKind::LinkDropped { .. } | DiagnosticKind::LinkControlCharacter { .. } => {
            "dropped links"
        }
        DiagnosticKind::UnknownLinkKind { .. } => "unknown link kinds",
        DiagnosticKind::DuplicateNotes { .. } => "topics given notes twice",
        DiagnosticKind::StateGivenTwice { .. } => STATES_GIVEN_TWICE,
        _ => return None,
    })
}

/// Keeps the first `max` warnings of each repeated kind, in their order,
/// and, in place of the first one left out, one
/// [`DiagnosticKind::MoreWarnings`] counting the rest. Linear in the number
/// of warnings.
///
/// ```
/// use roadmapper::diagnostic::{Diagnostic, DiagnosticKind};
/// let many: Vec<Diagnostic> = (1..=25)
///     .map(|line| Diagnostic::warning("o.txt", line, 1, DiagnosticKind::LongLabel { chars: 80 }))
///     .collect();
/// let capped = roadmapper::roadmap::cap_repeated(many, 10);
/// assert_eq!(capped.len(), 11);
/// assert_eq!(capped[10].message(), "15 more warnings about long labels");
/// ```
pub fn cap_repeated(warnings: Vec<Diagnostic>, max: usize) -> Vec<Diagnostic> {
    let mut total: HashMap<&'static str, usize> = HashMap::default();
    for w in &warnings {
        if let Some(what) = repeated(&w.kind) {
            *total.entry(what).or_default() += 1;
        }
    }
    let mut given: HashMap<&'static str, usize> = HashMap::default();
    let mut out = Vec::with_capacity(warnings.len().min(64));
    for w in warnings {
        let Some(what) = repeated(&w.kind) else {
            out.push(w);
            continue;
        };
        let n = given.entry(what).or_default();
        *n += 1;
        if *n <= max {
            out.push(w);
        } else if *n == max + 1 {
            // At the first one left out, as the implied prerequisites' count.
            let count = total[what] - max;
            out.push(Diagnostic::warning(
                w.file(),
                w.line().unwrap_or(1),
                1,
                DiagnosticKind::MoreWarnings { what, count },
            ));
        }
    }
    out
}
