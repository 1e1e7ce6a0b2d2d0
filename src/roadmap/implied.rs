//! The roadmap's implied prerequisites ([`crate::implied`]) and the
//! warnings `check` prints about them, each with the chain that implies it.

use super::{Edge, MAX_IMPLIED_WARNINGS, Roadmap};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::implied::Reducer;

impl Roadmap {
    /// The prerequisites as (from, to) pairs, in file order.
    pub fn prerequisite_pairs(&self) -> Vec<(usize, usize)> {
        self.prerequisites().map(|(a, b, _)| (a, b)).collect()
    }

    /// Which prerequisites (in file order, as [`Roadmap::prerequisites`]
    /// lists them) are implied by the nesting and the prerequisites kept,
    /// dropped one at a time in file order (see [`crate::implied`]).
    /// Computed on first use, then kept.
    ///
    /// ```
    /// let o = roadmapper::Input::new("o.txt", "Web\n  HTTP\n  REST\n  GraphQL\n");
    /// let p = roadmapper::Input::new("p.txt", "HTTP -> GraphQL\nHTTP -> REST -> GraphQL\n");
    /// let r = roadmapper::load(&o, &[p]).unwrap();
    /// assert_eq!(r.implied(), [true, false, false]);
    /// ```
    pub fn implied(&self) -> &[bool] {
        self.implied.get_or_init(|| {
            let pairs = self.prerequisite_pairs();
            if pairs.is_empty() {
                return Vec::new();
            }
            Reducer::new(&self.parent, &pairs, &self.order).reduce()
        })
    }

    /// How many prerequisites are implied by the others.
    pub fn implied_count(&self) -> usize {
        self.implied().iter().filter(|&&i| i).count()
    }

    /// A warning for each implied prerequisite, at its line, with the kept
    /// prerequisites that imply it: the first [`MAX_IMPLIED_WARNINGS`],
    /// then one that counts the rest.
    ///
    /// ```
    /// let o = roadmapper::Input::new("o.txt", "Web\n  HTTP\n  REST\n  GraphQL\n");
    /// let p = roadmapper::Input::new("p.txt", "HTTP -> GraphQL\nHTTP -> REST\nREST -> GraphQL\n");
    /// let r = roadmapper::load(&o, &[p]).unwrap();
    /// let w = r.implied_warnings();
    /// assert_eq!(
    ///     w[0].to_string(),
    ///     "warning: p.txt:1: HTTP -> GraphQL (p.txt:1) is implied by HTTP -> REST (p.txt:2), REST -> GraphQL (p.txt:3)\n  \
    ///      help: posters leave it out (`render --all-prereqs` draws it); delete the line unless it says more to a reader"
    /// );
    /// ```
    pub fn implied_warnings(&self) -> Vec<Diagnostic> {
        let implied = self.implied();
        let total = implied.iter().filter(|&&i| i).count();
        if total == 0 {
            return Vec::new();
        }
        let pairs = self.prerequisite_pairs();
        let places: Vec<(&str, usize)> = self
            .prerequisites()
            .map(|(_, _, e)| match e {
                Edge::Prerequisite { file, line } => (file.as_str(), *line),
                Edge::Contains => ("", 0),
            })
            .collect();
        let mut reducer = Reducer::new(&self.parent, &pairs, &self.order);
        let mut out = Vec::new();
        for (k, _) in implied.iter().enumerate().filter(|(_, i)| **i) {
            let (file, line) = places[k];
            if out.len() == MAX_IMPLIED_WARNINGS {
                out.push(Diagnostic::warning(
                    file,
                    line,
                    1,
                    DiagnosticKind::MoreImpliedPrerequisites {
                        count: total - MAX_IMPLIED_WARNINGS,
                        listed: MAX_IMPLIED_WARNINGS,
                    },
                ));
                break;
            }
            let edge = |e: usize| {
                let (a, b) = pairs[e];
                let (file, line) = places[e];
                format!(
                    "{} -> {} ({file}:{line})",
                    self.topic(a).label,
                    self.topic(b).label
                )
            };
            let chain = match reducer.witness(k, implied) {
                Some(w) if w.chain => self.chain(pairs[k], &w.edges, &pairs, edge),
                Some(w) => w
                    .edges
                    .iter()
                    .map(|&e| edge(e))
                    .collect::<Vec<_>>()
                    .join(", "),
                None => String::new(),
            };
            out.push(Diagnostic::warning(
                file,
                line,
                1,
                DiagnosticKind::ImpliedPrerequisite {
                    edge: edge(k),
                    chain,
                },
            ));
        }
        out
    }

    /// `A is inside G, G -> B (p:3), B -> C (p:4), C contains c`: the edges
    /// from `a` to `b`, with the nesting that links them.
    fn chain(
        &self,
        (a, b): (usize, usize),
        edges: &[usize],
        pairs: &[(usize, usize)],
        edge: impl Fn(usize) -> String,
    ) -> String {
        let label = |i: usize| self.topic(i).label.as_str();
        // How the topic `to` leads on to `from`: down into it, or as part
        // of the group `from`.
        let link = |to: usize, from: usize| -> Option<String> {
            if to == from {
                None
            } else if self.is_inside(from, to) {
                Some(format!("{} contains {}", label(to), label(from)))
            } else {
                Some(format!("{} is inside {}", label(to), label(from)))
            }
        };
        let mut parts = Vec::new();
        let mut at = a;
        for &e in edges {
            parts.extend(link(at, pairs[e].0));
            parts.push(edge(e));
            at = pairs[e].1;
        }
        parts.extend(link(at, b));
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use crate::{Input, load};

    fn warnings(outline: &str, prereqs: &str) -> Vec<String> {
        let r = load(
            &Input::new("o.txt", outline),
            &[Input::new("p.txt", prereqs)],
        )
        .unwrap();
        r.implied_warnings().iter().map(|d| d.message()).collect()
    }

    #[test]
    fn chain_through_the_nesting() {
        // Net -> Sec puts all of Net before all of Sec.
        let w = warnings(
            "Root\n  Net\n    HTTP\n    DNS\n  Sec\n    TLS\n",
            "Net -> Sec\nDNS -> TLS\n",
        );
        assert_eq!(
            w,
            [
                "DNS -> TLS (p.txt:2) is implied by DNS is inside Net, Net -> Sec (p.txt:1), Sec contains TLS"
            ]
        );
    }

    #[test]
    fn group_implied_by_its_leaves() {
        // a1 and a2 are all of A: together they say what A -> B says.
        let w = warnings("A\n  a1\n  a2\nB\n", "A -> B\na1 -> B\na2 -> B\n");
        assert_eq!(
            w,
            ["A -> B (p.txt:1) is implied by a1 -> B (p.txt:2), a2 -> B (p.txt:3)"]
        );
    }

    #[test]
    fn capped_with_a_count() {
        // x -> b_i for 25 i, and x -> a -> every b_i.
        let mut outline = String::from("x\na\n");
        let mut prereqs = String::new();
        for i in 0..25 {
            outline.push_str(&format!("b{i}\n"));
            prereqs.push_str(&format!("x -> b{i}\n"));
        }
        prereqs.push_str("x -> a\n");
        for i in 0..25 {
            prereqs.push_str(&format!("a -> b{i}\n"));
        }
        let w = warnings(&outline, &prereqs);
        assert_eq!(w.len(), 21);
        assert_eq!(
            w[0],
            "x -> b0 (p.txt:1) is implied by x -> a (p.txt:26), a -> b0 (p.txt:27)"
        );
        assert_eq!(w[20], "5 more prerequisites are implied by others");
    }
}
