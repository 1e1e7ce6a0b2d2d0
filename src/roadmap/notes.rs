//! Notes on a roadmap: each `## REFERENCE` of a notes file
//! ([`crate::notes`]) resolved like a prerequisite reference, its
//! description and links given to the topic.

use petgraph::graph::NodeIndex;
use rustc_hash::FxHashMap as HashMap;

use super::Roadmap;
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::notes::NotesFile;

impl Roadmap {
    /// Gives each topic named in the notes its description and links: the
    /// notes' description replaces a Markdown outline's first paragraph,
    /// their links come after the outline's own link.
    ///
    /// Returns the errors: empty headings, and references that name no
    /// topic or several, with the same suggestions as prerequisites, at
    /// the heading's file:line.
    /// The files' warnings (dropped links, unknown kinds) and a topic given
    /// notes twice (the later notes win) join [`Roadmap::warnings`].
    ///
    /// ```
    /// use roadmapper::{Input, load, notes};
    /// let mut r = load(&Input::new("r.txt", "Web\n  HTTP\n  REST\n"), &[]).unwrap();
    /// let n = notes::parse("n.md", b"## rest\n\nResources over HTTP.\n\n- [RFC 9110](https://www.rfc-editor.org/rfc/rfc9110)\n").unwrap();
    /// assert!(r.apply_notes(&[n]).is_empty());
    /// assert_eq!(r.topic(2).description.as_deref(), Some("Resources over HTTP."));
    /// assert_eq!(r.topic(2).links[0].url, "https://www.rfc-editor.org/rfc/rfc9110");
    /// ```
    pub fn apply_notes(&mut self, files: &[NotesFile]) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        // Where each topic's notes were given, for the repeat warning.
        let mut given: HashMap<usize, (String, usize)> = HashMap::default();
        // Links from the outline, kept in front of the notes' links.
        let own: Vec<usize> = self.topics().map(|t| t.links.len()).collect();
        for file in files {
            self.warnings.extend(file.warnings.iter().cloned());
            let references: Vec<&str> = file.notes.iter().map(|n| n.reference.as_str()).collect();
            for (note, found) in file.notes.iter().zip(self.find_all(&references)) {
                let topic = match found {
                    Ok(t) => t,
                    Err(_) if note.reference.is_empty() => {
                        errors.push(Diagnostic::error(
                            &file.file,
                            note.line,
                            note.column,
                            DiagnosticKind::EmptyHeading,
                        ));
                        continue;
                    }
                    Err(kind) => {
                        errors.push(Diagnostic::error(&file.file, note.line, note.column, kind));
                        continue;
                    }
                };
                if let Some((first_file, first_line)) =
                    given.insert(topic, (file.file.clone(), note.line))
                {
                    self.warnings.push(Diagnostic::warning(
                        &file.file,
                        note.line,
                        note.column,
                        DiagnosticKind::DuplicateNotes {
                            label: self.topic(topic).label.clone(),
                            first: format!("{first_file}:{first_line}"),
                        },
                    ));
                }
                let t = &mut self.graph[NodeIndex::new(topic)];
                if note.description.is_some() {
                    t.description.clone_from(&note.description);
                }
                t.links.truncate(own[topic]);
                t.links.extend(note.links.iter().cloned());
            }
        }
        errors
    }
}
