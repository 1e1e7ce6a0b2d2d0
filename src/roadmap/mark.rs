//! Setting states in a progress file the learner keeps: the boxes of the
//! items naming the topics are changed in place, topics with no item are
//! appended under a `## Added` heading in study order, and every other
//! byte of the file stays as it was (comments, headings, order, line
//! endings, a missing final newline).
//!
//! What is written must read back: the result is read with the progress
//! reader before it is returned, and every topic marked must have the state
//! asked. When appended items would fall inside a block the file ends in
//! (an unclosed code fence, `<!--`, `<script>`, an HTML block), the block is
//! closed, or separated by a blank line, first; what still does not read
//! back is an error, and nothing is written.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap as HashMap;

use super::Roadmap;
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::export::order::{OrderFormat, markdown_escape, write_order};
use crate::outline::TaskState;
use crate::progress::{self, task_box};

/// The heading appended topics go under.
const ADDED: &str = "## Added";

impl Roadmap {
    /// The progress file `text` (named `file`, for errors) with `topics`
    /// set to `state`; with `text` `None` (no file yet), the full checklist
    /// of the Markdown study order with them set. A file whose items do
    /// not all resolve is an error, and nothing is changed; so is a result
    /// that would not read back with `topics` in `state` (an error naming
    /// no line: the result is not a file yet).
    ///
    /// ```
    /// use roadmapper::outline::TaskState;
    /// use roadmapper::{Input, load};
    /// let r = load(&Input::new("r.txt", "Web\n  HTTP\n  REST\n  DNS\n"), &[]).unwrap();
    /// let text = "# Mine\r\n\r\n- [ ] HTTP <!-- first -->\r\n- [x] Web";
    /// let out = r.mark_progress("p.md", Some(text), &[1, 3], TaskState::Done).unwrap();
    /// assert_eq!(out, "# Mine\r\n\r\n- [x] HTTP <!-- first -->\r\n- [x] Web\r\n\r\n## Added\r\n\r\n- [x] DNS\r\n");
    /// // Appended items are not left inside a code block the file ends in.
    /// let out = r.mark_progress("p.md", Some("- [x] Web\n\n```\nnotes\n"), &[3], TaskState::Done).unwrap();
    /// assert_eq!(out, "- [x] Web\n\n```\nnotes\n```\n\n## Added\n\n- [x] DNS\n");
    /// ```
    pub fn mark_progress(
        &self,
        file: &str,
        text: Option<&str>,
        topics: &[usize],
        state: TaskState,
    ) -> Result<String, Vec<Diagnostic>> {
        let wanted: BTreeSet<usize> = topics.iter().copied().collect();
        let Some(text) = text else {
            let mut out = Vec::new();
            // Writing to a Vec cannot fail.
            let _ = write_order(self, self.order(), false, OrderFormat::Markdown, &mut out);
            let full = String::from_utf8_lossy(&out).into_owned();
            // The checklist is not a file yet: its errors name no line of it.
            return self
                .edit_progress(file, &full, &wanted, state)
                .map_err(|errors| match errors.first() {
                    Some(d) if matches!(d.kind, DiagnosticKind::NotReadBack { .. }) => errors,
                    Some(first) => vec![Diagnostic::argument(
                        file,
                        DiagnosticKind::NotReadBack {
                            problem: first.message(),
                            hint: first.help(),
                        },
                    )],
                    None => errors,
                });
        };
        self.edit_progress(file, text, &wanted, state)
    }

    /// [`Roadmap::mark_progress`] on a text.
    fn edit_progress(
        &self,
        file: &str,
        text: &str,
        wanted: &BTreeSet<usize>,
        state: TaskState,
    ) -> Result<String, Vec<Diagnostic>> {
        let parsed = progress::parse(file, text);
        let found = self.resolve_progress(std::slice::from_ref(&parsed));
        let found = found.into_iter().next().unwrap_or_default();
        let mut errors = Vec::new();
        let mut boxes: Vec<(std::ops::Range<usize>, usize, TaskState)> = Vec::new();
        for (item, found) in parsed.items.iter().zip(found) {
            match found {
                Ok(t) => boxes.push((item.task_box.clone(), t, item.state)),
                Err(kind) => errors.push(Diagnostic::error(file, item.line, item.column, kind)),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut out = String::with_capacity(text.len() + 64);
        let mut at = 0;
        let mut present = vec![false; self.len()];
        boxes.sort_by_key(|b| b.0.start);
        for (range, t, was) in boxes {
            present[t] = true;
            // A box already in the state keeps its bytes (`[X]`, `[~]`).
            if !wanted.contains(&t) || was == state || range.start < at {
                continue;
            }
            let (Some(before), Some(_)) = (text.get(at..range.start), text.get(range.clone()))
            else {
                continue;
            };
            out.push_str(before);
            out.push_str(task_box(state));
            at = range.end;
        }
        out.push_str(&text[at..]);
        let missing: Vec<usize> = self
            .order()
            .iter()
            .copied()
            .filter(|&i| wanted.contains(&i) && !present[i])
            .collect();
        if missing.is_empty() {
            self.reads_back(file, &out, wanted, state)
                .map_err(|problem| vec![not_read_back(file, problem)])?;
            return Ok(out);
        }
        let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let mut problem = String::new();
        // Appended as the file goes on; failing that, after closing the
        // block it ends in, or a blank line.
        for separate in [false, true] {
            let appended = self.append_items(&out, &missing, state, eol, separate);
            match self.reads_back(file, &appended, wanted, state) {
                Ok(()) => return Ok(appended),
                Err(p) => problem = p,
            }
        }
        Err(vec![not_read_back(file, problem)])
    }

    /// `text` with an item for each of `missing` appended under the
    /// `## Added` heading (added if the text has none); when `separate`,
    /// after the line that closes the block the text ends in, if any, and
    /// a blank line.
    fn append_items(
        &self,
        text: &str,
        missing: &[usize],
        state: TaskState,
        eol: &str,
        separate: bool,
    ) -> String {
        let mut out = String::with_capacity(text.len() + 32 * missing.len() + 32);
        out.push_str(text);
        if !out.is_empty() && !out.ends_with('\n') {
            out.push_str(eol);
        }
        if separate && let Some(closer) = progress::closer_at_end(&out) {
            out.push_str(&closer);
            out.push_str(eol);
        }
        let has_heading = progress::has_heading(&out, 2, &ADDED[3..]);
        if (separate || !has_heading) && !out.is_empty() {
            out.push_str(eol);
        }
        if !has_heading {
            out.push_str(ADDED);
            out.push_str(eol);
            out.push_str(eol);
        }
        let names = self.listing_names();
        for &i in missing {
            out.push_str("- ");
            out.push_str(task_box(state));
            out.push(' ');
            out.push_str(&markdown_escape(names.get(i)));
            out.push_str(eol);
        }
        out
    }

    /// Whether `text`, read as a progress file, gives every topic of
    /// `wanted` the state `state` (its last item's); else what is wrong.
    fn reads_back(
        &self,
        file: &str,
        text: &str,
        wanted: &BTreeSet<usize>,
        state: TaskState,
    ) -> Result<(), String> {
        let parsed = progress::parse(file, text);
        let found = self.resolve_progress(std::slice::from_ref(&parsed));
        let found = found.into_iter().next().unwrap_or_default();
        let mut got: HashMap<usize, TaskState> = HashMap::default();
        for (item, found) in parsed.items.iter().zip(found) {
            match found {
                Ok(t) if wanted.contains(&t) => {
                    got.insert(t, item.state);
                }
                Ok(_) => {}
                Err(kind) => {
                    return Err(Diagnostic::error(file, item.line, item.column, kind).message());
                }
            }
        }
        let names = self.listing_names();
        for &t in wanted {
            match got.get(&t) {
                Some(&s) if s == state => {}
                Some(s) => {
                    return Err(format!(
                        "`{}` would read as {}, not {}",
                        names.get(t),
                        s.name(),
                        state.name()
                    ));
                }
                None => {
                    return Err(format!(
                        "`{}` would not be read at all: its line would fall inside a block that holds no tasks (code, HTML, a comment)",
                        names.get(t)
                    ));
                }
            }
        }
        Ok(())
    }
}

/// The error for a result that would not read back.
fn not_read_back(file: &str, problem: String) -> Diagnostic {
    Diagnostic::argument(
        file,
        DiagnosticKind::NotReadBack {
            problem,
            hint: None,
        },
    )
}
