//! Setting states in a progress file the learner keeps: the boxes of the
//! items naming the topics are changed in place, topics with no item are
//! appended under a `## Added` heading in study order, and every other
//! byte of the file stays as it was (comments, headings, order, line
//! endings, a missing final newline).

use super::Roadmap;
use crate::diagnostic::Diagnostic;
use crate::export::order::{OrderFormat, markdown_escape, write_order};
use crate::outline::TaskState;
use crate::progress;

/// The heading appended topics go under.
const ADDED: &str = "## Added";

/// The box of a state, as a progress file writes it.
pub fn task_box(state: TaskState) -> &'static str {
    match state {
        TaskState::Todo => "[ ]",
        TaskState::Learning => "[/]",
        TaskState::Done => "[x]",
        TaskState::Skipped => "[-]",
    }
}

impl Roadmap {
    /// The progress file `text` (named `file`, for errors) with `topics`
    /// set to `state`; with `text` `None` (no file yet), the full checklist
    /// of the Markdown study order with them set. A file whose items do
    /// not all resolve is an error, and nothing is changed.
    ///
    /// ```
    /// use roadmapper::outline::TaskState;
    /// use roadmapper::{Input, load};
    /// let r = load(&Input::new("r.txt", "Web\n  HTTP\n  REST\n  DNS\n"), &[]).unwrap();
    /// let text = "# Mine\r\n\r\n- [ ] HTTP <!-- first -->\r\n- [x] Web";
    /// let out = r.mark_progress("p.md", Some(text), &[1, 3], TaskState::Done).unwrap();
    /// assert_eq!(out, "# Mine\r\n\r\n- [x] HTTP <!-- first -->\r\n- [x] Web\r\n\r\n## Added\r\n\r\n- [x] DNS\r\n");
    /// ```
    pub fn mark_progress(
        &self,
        file: &str,
        text: Option<&str>,
        topics: &[usize],
        state: TaskState,
    ) -> Result<String, Vec<Diagnostic>> {
        let Some(text) = text else {
            let mut out = Vec::new();
            // Writing to a Vec cannot fail.
            let _ = write_order(self, self.order(), false, OrderFormat::Markdown, &mut out);
            let full = String::from_utf8_lossy(&out).into_owned();
            return self.mark_progress(file, Some(&full), topics, state);
        };
        let parsed = progress::parse(file, text);
        let found = self.resolve_progress(std::slice::from_ref(&parsed));
        let found = found.into_iter().next().unwrap_or_default();
        let mut errors = Vec::new();
        let mut boxes: Vec<(std::ops::Range<usize>, usize)> = Vec::new();
        for (item, found) in parsed.items.iter().zip(found) {
            match found {
                Ok(t) => boxes.push((item.task_box.clone(), t)),
                Err(kind) => errors.push(Diagnostic::error(file, item.line, item.column, kind)),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let wanted: std::collections::BTreeSet<usize> = topics.iter().copied().collect();
        let mut out = String::with_capacity(text.len() + 64);
        let mut at = 0;
        let mut present = vec![false; self.len()];
        boxes.sort_by_key(|b| b.0.start);
        for (range, t) in boxes {
            present[t] = true;
            let is_box = text
                .get(range.clone())
                .is_some_and(|b| b.len() == 3 && b.starts_with('[') && b.ends_with(']'));
            if !wanted.contains(&t) || !is_box || range.start < at {
                continue;
            }
            out.push_str(&text[at..range.start]);
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
            return Ok(out);
        }
        let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
        if !out.is_empty() && !out.ends_with('\n') {
            out.push_str(eol);
        }
        let has_heading = out.lines().any(|l| l.trim_end() == ADDED);
        if !has_heading {
            if !out.is_empty() {
                out.push_str(eol);
            }
            out.push_str(ADDED);
            out.push_str(eol);
            out.push_str(eol);
        }
        let names = self.listing_names();
        for i in missing {
            out.push_str("- ");
            out.push_str(task_box(state));
            out.push(' ');
            out.push_str(&markdown_escape(names.get(i)));
            out.push_str(eol);
        }
        Ok(out)
    }
}
