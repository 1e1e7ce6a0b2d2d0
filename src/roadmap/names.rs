//! Names for listings: each topic's label where it is the only topic with
//! that label, else the shortest end of its path that picks it
//! (`APIs > SOAP`), as a prerequisite file would write it.

use std::borrow::Cow;

use rustc_hash::FxHashMap as HashMap;

use super::Roadmap;
use crate::prereqs;

/// Topics sharing one label beyond this many are named by their whole
/// paths: telling each from every other compares every pair.
const MAX_COMPARED: usize = 1000;

impl Roadmap {
    /// Each topic's name: its label when no other topic has it (case
    /// ignored), else the shortest path suffix that picks it, else (no
    /// reference can pick it, or too many share the label) its whole path.
    /// O(n) for distinct labels; O(k^2 x depth) for k topics sharing one.
    ///
    /// ```
    /// let text = "Web\n  APIs\n    SOAP\n  Patterns\n    SOAP\n  REST\n";
    /// let r = roadmapper::load(&roadmapper::Input::new("w.txt", text), &[]).unwrap();
    /// let names = r.listing_names();
    /// assert_eq!(names[2], "APIs > SOAP");
    /// assert_eq!(names[4], "Patterns > SOAP");
    /// assert_eq!(names[5], "REST");
    /// ```
    pub fn listing_names(&self) -> Vec<Cow<'_, str>> {
        let mut by_label: HashMap<String, Vec<usize>> = HashMap::default();
        for t in self.topics() {
            by_label
                .entry(prereqs::fold(&t.label))
                .or_default()
                .push(t.position);
        }
        let mut names: Vec<Cow<'_, str>> = self
            .topics()
            .map(|t| Cow::Borrowed(t.label.as_str()))
            .collect();
        let mut groups: Vec<&Vec<usize>> = by_label.values().filter(|s| s.len() > 1).collect();
        groups.sort_unstable_by_key(|s| s[0]);
        for same in groups {
            if same.len() > MAX_COMPARED {
                for &i in same {
                    names[i] = Cow::Owned(self.path(i).join(" > "));
                }
                continue;
            }
            let paths: Vec<Vec<&str>> = same.iter().map(|&i| self.path(i)).collect();
            for ((&i, path), reference) in same
                .iter()
                .zip(&paths)
                .zip(prereqs::shortest_references(&paths, &[]))
            {
                names[i] = Cow::Owned(reference.unwrap_or_else(|| path.join(" > ")));
            }
        }
        names
    }
}
