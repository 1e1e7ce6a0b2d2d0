//! Names for listings: each topic's label where it is the only topic with
//! that label, else the shortest end of its path that picks it
//! (`APIs > SOAP`), as a prerequisite file would write it.

use rustc_hash::FxHashMap as HashMap;

use super::Roadmap;
use crate::prereqs;

/// Topics sharing one label beyond this many are named by their whole
/// paths: telling each from every other compares every pair.
const MAX_COMPARED: usize = 1000;

/// The names of a roadmap's topics (see [`Roadmap::listing_names`]).
#[derive(Debug, Clone)]
pub struct Names<'a> {
    roadmap: &'a Roadmap,
    /// The names of the topics whose label is shared, by topic.
    shared: HashMap<usize, String>,
}

impl Names<'_> {
    /// The name of topic `index`.
    pub fn get(&self, index: usize) -> &str {
        self.shared
            .get(&index)
            .map_or(self.roadmap.topic(index).label.as_str(), String::as_str)
    }
}

impl Roadmap {
    /// Each topic's name: its label when no other topic has it (case
    /// ignored), else the shortest path suffix that picks it, else (no
    /// reference can pick it, or too many share the label) its whole path.
    /// O(n) for distinct labels, with no hashing or allocation for them;
    /// O(k^2 x depth) for k topics sharing one.
    ///
    /// ```
    /// let text = "Web\n  APIs\n    SOAP\n  Patterns\n    SOAP\n  REST\n";
    /// let r = roadmapper::load(&roadmapper::Input::new("w.txt", text), &[]).unwrap();
    /// let names = r.listing_names();
    /// assert_eq!(names.get(2), "APIs > SOAP");
    /// assert_eq!(names.get(4), "Patterns > SOAP");
    /// assert_eq!(names.get(5), "REST");
    /// ```
    pub fn listing_names(&self) -> Names<'_> {
        if let Some(kept) = &self.view.names {
            return Names {
                roadmap: self,
                shared: kept.clone(),
            };
        }
        // The chains of topics sharing a label, from their heads (the
        // resolver's index, kept by the roadmap: no label is hashed here).
        let n = self.len();
        let mut has_prev = vec![false; n];
        for &next in &self.same_label {
            if let Some(p) = has_prev.get_mut(next) {
                *p = true;
            }
        }
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for head in (0..n).filter(|&i| !has_prev[i] && self.same_label[i] != usize::MAX) {
            let chain = std::iter::successors(Some(head), |&i| {
                self.same_label.get(i).copied().filter(|&j| j != usize::MAX)
            });
            groups.push(chain.collect());
        }
        let mut shared = HashMap::default();
        for same in &groups {
            if same.len() > MAX_COMPARED {
                for &i in same {
                    shared.insert(i, self.path(i).join(" > "));
                }
                continue;
            }
            let paths: Vec<Vec<&str>> = same.iter().map(|&i| self.path(i)).collect();
            for ((&i, path), reference) in same
                .iter()
                .zip(&paths)
                .zip(prereqs::shortest_references(&paths, &[]))
            {
                shared.insert(i, reference.unwrap_or_else(|| path.join(" > ")));
            }
        }
        Names {
            roadmap: self,
            shared,
        }
    }
}
