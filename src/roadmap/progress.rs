//! The learner's progress on a roadmap: progress files
//! ([`crate::progress`]) resolved to topics, and each topic's state with
//! the group rules.
//!
//! A state on a group applies to every topic inside it that has none of
//! its own (the nearest marked ancestor wins). A group's own shown state
//! comes from the topics without children inside it: done when all are
//! done or skipped and one at least is done, skipped when all are skipped,
//! learning when any is learning or done, else todo.

use petgraph::graph::NodeIndex;
use rustc_hash::FxHashMap as HashMap;

use super::Roadmap;
use crate::diagnostic::{Diagnostic, DiagnosticKind, MAX_LISTED};
use crate::outline::TaskState;
use crate::prereqs;
use crate::progress::ProgressFile;

/// Topics sharing a label beyond this many are not looked up within a
/// group (each would be compared): the reference must then pick the topic
/// on its own.
const MAX_SCOPED: usize = 1000;

impl Roadmap {
    /// Sets the state of each topic a progress file's items name, over the
    /// outline's own task boxes. An item's reference is looked up first
    /// among the children of the topic its `*(Parent)*` decoration names,
    /// then inside the topic of the item it is nested under (its children
    /// first), then in the whole roadmap, as a prerequisite reference is.
    /// Where that leaves several topics that differ only in case (`HTTP`
    /// and `http`), the one labelled exactly as the item is taken.
    ///
    /// Returns the errors (an item naming no topic or several, at its
    /// file:line, with the same suggestions as prerequisites). A topic
    /// given two different states is a warning, in [`Roadmap::warnings`];
    /// the later line wins.
    ///
    /// ```
    /// use roadmapper::outline::TaskState;
    /// use roadmapper::{Input, load, progress};
    /// let mut r = load(&Input::new("r.txt", "Web\n  APIs\n    SOAP\n  Patterns\n    SOAP\n"), &[]).unwrap();
    /// let p = progress::parse("p.md", "- [x] Patterns\n  - [/] SOAP\n");
    /// assert!(r.apply_progress(&[p]).is_empty());
    /// assert_eq!(r.topic(4).state, Some(TaskState::Learning));
    /// assert_eq!(r.topic(2).state, None);
    /// ```
    pub fn apply_progress(&mut self, files: &[ProgressFile]) -> Vec<Diagnostic> {
        let found = self.resolve_progress_boxed(files);
        self.tracked = true;
        let mut errors = Vec::new();
        // Where each topic's state was last given: file index, line, state.
        let mut given: HashMap<usize, (usize, usize, TaskState)> = HashMap::default();
        // Conflicting states beyond the first MAX_LISTED are only counted:
        // a million of them would otherwise each be built and kept.
        let mut conflicts = 0;
        let mut more_conflicts: Option<Diagnostic> = None;
        for (fi, (file, found)) in files.iter().zip(found).enumerate() {
            for (item, found) in file.items.iter().zip(found) {
                let topic = match found {
                    Ok(t) => t,
                    Err(kind) => {
                        errors.push(Diagnostic::error(&file.file, item.line, item.column, *kind));
                        continue;
                    }
                };
                if let Some((first_file, first_line, first_state)) =
                    given.insert(topic, (fi, item.line, item.state))
                    && first_state != item.state
                {
                    conflicts += 1;
                    if conflicts > MAX_LISTED {
                        let kind = DiagnosticKind::MoreWarnings {
                            what: super::lint::STATES_GIVEN_TWICE,
                            count: conflicts - MAX_LISTED,
                        };
                        match &mut more_conflicts {
                            Some(more) => more.kind = kind,
                            None => {
                                more_conflicts =
                                    Some(Diagnostic::warning(&file.file, item.line, 1, kind));
                            }
                        }
                    } else {
                        self.warnings.push(Diagnostic::warning(
                            &file.file,
                            item.line,
                            item.column,
                            DiagnosticKind::StateGivenTwice {
                                label: self.topic(topic).label.clone(),
                                first: format!("{}:{first_line}", files[first_file].file),
                                states: (
                                    first_state.name().to_string(),
                                    item.state.name().to_string(),
                                ),
                            },
                        ));
                    }
                }
                self.graph[NodeIndex::new(topic)].state = Some(item.state);
            }
        }
        self.warnings.extend(more_conflicts);
        errors
    }

    /// The topic each item of each file names, or why none. O(n) to index
    /// the labels, then about O(1) per item (O(group) for an item nested
    /// under another, looked up in that one's topic).
    pub(super) fn resolve_progress(
        &self,
        files: &[ProgressFile],
    ) -> Vec<Vec<Result<usize, DiagnosticKind>>> {
        self.resolve_progress_boxed(files)
            .into_iter()
            .map(|found| found.into_iter().map(|r| r.map_err(|e| *e)).collect())
            .collect()
    }

    /// [`Roadmap::resolve_progress`] with each error boxed: a file of
    /// millions of items keeps 16 bytes for each, not a whole diagnostic.
    fn resolve_progress_boxed(
        &self,
        files: &[ProgressFile],
    ) -> Vec<Vec<Result<usize, Box<DiagnosticKind>>>> {
        if files.iter().all(|f| f.items.is_empty()) {
            return files.iter().map(|_| Vec::new()).collect();
        }
        let resolver = self.resolver();
        let look = &resolver;
        files
            .iter()
            .map(|file| {
                let mut found: Vec<Result<usize, Box<DiagnosticKind>>> =
                    Vec::with_capacity(file.items.len());
                for item in &file.items {
                    // The topic of the item it is nested under (an earlier one).
                    let inside = item
                        .parent
                        .and_then(|p| found.get(p)?.as_ref().ok().copied());
                    let topic =
                        self.find_item(&item.reference, item.within.as_deref(), inside, look);
                    found.push(topic.map_err(Box::new));
                }
                found
            })
            .collect()
    }

    /// The topic a progress item names (see [`Roadmap::apply_progress`]).
    fn find_item(
        &self,
        reference: &str,
        within: Option<&str>,
        inside: Option<usize>,
        look: &prereqs::Resolver<'_>,
    ) -> Result<usize, DiagnosticKind> {
        let segments: Vec<String> = reference.split('>').map(prereqs::fold).collect();
        let segments: Vec<&str> = segments.iter().map(|s| s.trim()).collect();
        let parent = within.and_then(|w| self.find_reference(w, look).ok());
        if let Some(p) = parent
            && let Some(t) = self.one_below(p, &segments, true, look)
        {
            return Ok(t);
        }
        if let Some(a) = inside {
            if let Some(t) = self.one_below(a, &segments, true, look) {
                return Ok(t);
            }
            if let Some(t) = self.one_below(a, &segments, false, look) {
                return Ok(t);
            }
        }
        match self.find_reference(reference, look) {
            Err(e @ DiagnosticKind::AmbiguousTopic { .. }) => self
                .exact(reference, &segments, parent, inside, look)
                .ok_or(e),
            other => other,
        }
    }

    /// Among topics that differ only in case (`HTTP` and `http`), the one
    /// whose labels are the reference's exactly: looked for among the
    /// children of the `*(Parent)*` topic, then among the children of the
    /// enclosing item's topic, then inside it, then everywhere; the first
    /// place holding exactly one wins. The checklist writes each label as
    /// it is, so this is what reads it back. O(topics with that label),
    /// none looked at beyond [`MAX_SCOPED`].
    fn exact(
        &self,
        reference: &str,
        folded: &[&str],
        parent: Option<usize>,
        inside: Option<usize>,
        look: &prereqs::Resolver<'_>,
    ) -> Option<usize> {
        let same: Vec<usize> = look
            .with_label(folded.last()?)
            .take(MAX_SCOPED + 1)
            .collect();
        if same.len() > MAX_SCOPED {
            return None;
        }
        let segments: Vec<&str> = reference.split('>').map(str::trim).collect();
        let exact: Vec<usize> = same
            .into_iter()
            .filter(|&i| self.path_ends_with_exactly(i, &segments))
            .collect();
        let child_of = |g: Option<usize>| move |i: &usize| g.is_some() && self.parent(*i) == g;
        let scopes: [&dyn Fn(&usize) -> bool; 4] = [
            &child_of(parent),
            &child_of(inside),
            &|&i| inside.is_some_and(|a| i != a && self.is_inside(i, a)),
            &|_| true,
        ];
        for scope in scopes {
            let mut found = exact.iter().copied().filter(|i| scope(i));
            match (found.next(), found.next()) {
                (Some(t), None) => return Some(t),
                (Some(_), Some(_)) => return None,
                _ => {}
            }
        }
        None
    }

    /// Whether the labels of `index` and its nearest ancestors are
    /// `segments` exactly, the last one its own.
    fn path_ends_with_exactly(&self, index: usize, segments: &[&str]) -> bool {
        let mut at = Some(index);
        for wanted in segments.iter().rev() {
            match at {
                Some(i) if self.topic(i).label.trim() == *wanted => at = self.parent(i),
                _ => return false,
            }
        }
        true
    }

    /// A reference as in a prerequisite file; when that is ambiguous, the
    /// one topic whose whole path from its root it is (`Web` beside `Old >
    /// Web`: the listing names such a topic by its whole path).
    fn find_reference(
        &self,
        reference: &str,
        look: &prereqs::Resolver<'_>,
    ) -> Result<usize, DiagnosticKind> {
        let found = match prereqs::reference(reference) {
            Some(parsed) => look.resolve(&parsed),
            None => Err(DiagnosticKind::UnknownTopic {
                reference: reference.to_string(),
                suggestions: Vec::new(),
            }),
        };
        match found {
            Err(e @ DiagnosticKind::AmbiguousTopic { .. }) => {
                self.anchored(reference, look).ok_or(e)
            }
            other => other,
        }
    }

    /// The one topic whose whole path, from its root, is `reference`.
    fn anchored(&self, reference: &str, resolver: &prereqs::Resolver<'_>) -> Option<usize> {
        let segments: Vec<String> = reference.split('>').map(prereqs::fold).collect();
        let segments: Vec<&str> = segments.iter().map(|s| s.trim()).collect();
        let last = segments.last()?;
        let mut found = None;
        // Bounded like the scoped lookups: beyond that, the error stands.
        for i in resolver.with_label(last).take(MAX_SCOPED) {
            if self.topic(i).depth + 1 == segments.len() && self.path_ends_with(i, &segments) {
                if found.is_some() {
                    return None;
                }
                found = Some(i);
            }
        }
        found
    }

    /// The one topic below `group` (its children only, or its whole
    /// subtree) whose path ends with `segments` (folded), if exactly one.
    /// O(topics with that label), none looked at beyond [`MAX_SCOPED`].
    fn one_below(
        &self,
        group: usize,
        segments: &[&str],
        children_only: bool,
        resolver: &prereqs::Resolver<'_>,
    ) -> Option<usize> {
        let same: Vec<usize> = resolver
            .with_label(segments.last()?)
            .take(MAX_SCOPED + 1)
            .collect();
        if same.len() > MAX_SCOPED {
            return None;
        }
        let mut found = None;
        for i in same {
            let below = if children_only {
                self.parent(i) == Some(group)
            } else {
                i != group && self.is_inside(i, group)
            };
            if below && self.path_ends_with(i, segments) {
                if found.is_some() {
                    return None;
                }
                found = Some(i);
            }
        }
        found
    }

    /// Whether the labels of `index` and its nearest ancestors are
    /// `segments` (folded), the last one its own.
    fn path_ends_with(&self, index: usize, segments: &[&str]) -> bool {
        let mut at = Some(index);
        for wanted in segments.iter().rev() {
            match at {
                Some(i) if prereqs::fold(&self.topic(i).label).trim() == *wanted => {
                    at = self.parent(i);
                }
                _ => return false,
            }
        }
        true
    }

    /// Each topic's state with the group rules: a topic without children
    /// has its own state, else its nearest marked ancestor's, else todo; a
    /// group's is derived from the topics without children inside it (see
    /// the module docs). O(n).
    ///
    /// ```
    /// use roadmapper::outline::TaskState::*;
    /// use roadmapper::{Input, load};
    /// let r = load(&Input::new("p.md", "- [x] Web\n  - [ ] HTTP\n  - DNS\n- Ops\n  - [/] CI\n  - CD\n"), &[]).unwrap();
    /// assert_eq!(r.statuses(), [Learning, Todo, Done, Learning, Learning, Todo]);
    /// ```
    pub fn statuses(&self) -> Vec<TaskState> {
        if let Some(kept) = &self.view.statuses {
            return kept.clone();
        }
        let n = self.len();
        // Inherited: own, else the nearest marked ancestor's (parents come
        // first in outline order).
        let mut inherited: Vec<Option<TaskState>> = Vec::with_capacity(n);
        for i in 0..n {
            let own = self.topic(i).state;
            let from_parent = self.parent(i).and_then(|p| inherited[p]);
            inherited.push(own.or(from_parent));
        }
        // Counts of leaves inside each topic: done, skipped, learning, all.
        let mut counts = vec![[0usize; 4]; n];
        for i in (0..n).rev() {
            let is_leaf = self.subtree(i).len() == 1;
            if is_leaf {
                let s = inherited[i].unwrap_or(TaskState::Todo);
                let c = &mut counts[i];
                match s {
                    TaskState::Done => c[0] += 1,
                    TaskState::Skipped => c[1] += 1,
                    TaskState::Learning => c[2] += 1,
                    TaskState::Todo => {}
                }
                c[3] += 1;
            }
            if let Some(p) = self.parent(i) {
                let c = counts[i];
                for (k, v) in c.iter().enumerate() {
                    counts[p][k] += v;
                }
            }
        }
        (0..n)
            .map(|i| {
                let [done, skipped, learning, all] = counts[i];
                if self.subtree(i).len() == 1 {
                    inherited[i].unwrap_or(TaskState::Todo)
                } else if all > 0 && skipped == all {
                    TaskState::Skipped
                } else if all > 0 && done + skipped == all {
                    TaskState::Done
                } else if learning + done > 0 {
                    TaskState::Learning
                } else {
                    TaskState::Todo
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::outline::TaskState;
    use crate::{Input, load, progress};

    #[test]
    fn labels_differing_only_in_case_are_told_apart_by_case() {
        let mut r = load(
            &Input::new("r.txt", "Web\n  HTTP\n  http\nOld\n  Http\n"),
            &[],
        )
        .unwrap();
        let p = progress::parse(
            "p.md",
            "- [ ] Web\n  - [x] HTTP\n  - [/] http\n- [-] Http\n",
        );
        assert!(r.apply_progress(&[p]).is_empty());
        let states: Vec<_> = r.topics().map(|t| t.state).collect();
        use TaskState::*;
        assert_eq!(
            states,
            [Some(Todo), Some(Done), Some(Learning), None, Some(Skipped)]
        );
        // Neither exact: still ambiguous.
        let p = progress::parse("p.md", "- [x] HTTp\n");
        assert_eq!(r.apply_progress(&[p]).len(), 1);
    }
}
