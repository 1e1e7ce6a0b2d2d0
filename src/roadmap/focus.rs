//! Roadmaps derived for drawing: without the implied prerequisites, or
//! cut down to what some topics need ([`Roadmap::focus_to`]) or to one
//! section and what it needs from elsewhere ([`Roadmap::focus_section`]).
//!
//! Each is an ordinary [`Roadmap`], so every layout engine and exporter
//! draws it as it is, with no notion of what was left out; the roadmap
//! only remembers enough to say so ([`Roadmap::caption`]) and which topics
//! to fade ([`Roadmap::is_faded`]). Topics keep their ids, labels and
//! lines; positions are renumbered in outline order.

use petgraph::graph::{DiGraph, NodeIndex};

use super::{Edge, Roadmap, Topic, View};
use crate::diagnostic::{DiagnosticKind, MAX_LISTED};
use crate::{order, prereqs};

impl Roadmap {
    /// The roadmap without its implied prerequisites ([`Roadmap::implied`]):
    /// what posters draw. The study order and the stages are the same;
    /// [`Roadmap::caption`] counts the ones left out.
    ///
    /// ```
    /// let o = roadmapper::Input::new("o.txt", "Web\n  HTTP\n  REST\n  GraphQL\n");
    /// let p = roadmapper::Input::new("p.txt", "HTTP -> GraphQL\nHTTP -> REST -> GraphQL\n");
    /// let r = roadmapper::load(&o, &[p]).unwrap();
    /// let drawn = r.without_implied();
    /// assert_eq!(drawn.prerequisites().count(), 2);
    /// assert_eq!(drawn.order(), r.order());
    /// assert_eq!(drawn.caption(), "4 topics · 3 prerequisites, 1 implied by others, not drawn");
    /// ```
    pub fn without_implied(&self) -> Roadmap {
        let implied = self.implied();
        let hidden = implied.iter().filter(|&&i| i).count();
        let view = View {
            hidden: self.view.hidden + hidden,
            ..self.view.clone()
        };
        self.derive(None, &|k| !implied[k], view)
    }

    /// Only what the targets need, exactly the topics `order --to` lists
    /// ([`Roadmap::needs`]), with the prerequisites among them.
    ///
    /// ```
    /// let o = roadmapper::Input::new("o.txt", "Web\n  HTTP\n  REST\n  GraphQL\n");
    /// let p = roadmapper::Input::new("p.txt", "HTTP -> REST\n");
    /// let r = roadmapper::load(&o, &[p]).unwrap();
    /// let rest = r.focus_to(&[2]);
    /// let labels: Vec<&str> = rest.topics().map(|t| t.label.as_str()).collect();
    /// assert_eq!(labels, ["Web", "HTTP", "REST"]);
    /// assert_eq!(rest.caption(), "what REST needs · 3 of 4 topics · 1 prerequisite");
    /// ```
    pub fn focus_to(&self, targets: &[usize]) -> Roadmap {
        let mut keep = vec![false; self.len()];
        for i in self.needs(targets) {
            keep[i] = true;
        }
        let view = View {
            of: Some(self.len()),
            focus: Some(format!("what {} need{}", self.names(targets), {
                if targets.len() == 1 { "s" } else { "" }
            })),
            ..View::default()
        };
        self.derive(Some(&keep), &|_| true, view)
    }

    /// What is left to learn: the topics to do or being learnt
    /// ([`Roadmap::statuses`]), among what `targets` need when given
    /// ([`Roadmap::needs`]). The study order and the stages are recomputed
    /// on what is left, so a topic whose prerequisites are all done is in
    /// stage 0. A group left has its parent left too, so the nesting holds.
    ///
    /// ```
    /// use roadmapper::{Input, load};
    /// let o = Input::new("o.md", "- Web\n  - [x] HTTP\n  - REST\n  - GraphQL\n");
    /// let p = Input::new("p.txt", "HTTP -> REST -> GraphQL\n");
    /// let r = load(&o, &[p]).unwrap();
    /// let left = r.remaining(&r.statuses(), None);
    /// let labels: Vec<&str> = left.topics().map(|t| t.label.as_str()).collect();
    /// assert_eq!(labels, ["Web", "REST", "GraphQL"]);
    /// assert_eq!((left.stage(1), left.stage(2)), (0, 1));
    /// ```
    pub fn remaining(
        &self,
        statuses: &[crate::outline::TaskState],
        targets: Option<&[usize]>,
    ) -> Roadmap {
        use crate::outline::TaskState;
        let mut keep: Vec<bool> = (0..self.len())
            .map(|i| {
                matches!(
                    statuses.get(i),
                    Some(TaskState::Todo | TaskState::Learning) | None
                )
            })
            .collect();
        if let Some(targets) = targets {
            let mut needed = vec![false; self.len()];
            for i in self.needs(targets) {
                needed[i] = true;
            }
            for (k, n) in keep.iter_mut().zip(needed) {
                *k &= n;
            }
        }
        // A group with something left is itself left (a group's state is
        // done or skipped only when all inside it is): this only guards
        // against a statuses slice from elsewhere.
        for i in (0..self.len()).rev() {
            if keep[i]
                && let Some(p) = self.parent(i)
            {
                keep[p] = true;
            }
        }
        // The kept topics' names as the whole roadmap gives them: a label
        // unique among what is left may be shared in the whole, where a
        // checklist of what is left is read back.
        let names = self.listing_names();
        let mut kept_names = rustc_hash::FxHashMap::default();
        let mut at = 0;
        for (i, &k) in keep.iter().enumerate() {
            if !k {
                continue;
            }
            if names.get(i) != self.topic(i).label {
                kept_names.insert(at, names.get(i).to_string());
            }
            at += 1;
        }
        let view = View {
            of: Some(self.len()),
            focus: Some("what is left".to_string()),
            names: Some(kept_names),
            statuses: Some(
                (0..self.len())
                    .filter(|&i| keep[i])
                    .map(|i| statuses.get(i).copied().unwrap_or(TaskState::Todo))
                    .collect(),
            ),
            ..View::default()
        };
        self.derive(Some(&keep), &|_| true, view)
    }

    /// One section (a topic of [`Roadmap::sections`], or any group) with
    /// everything inside it, plus the topics from elsewhere that are direct
    /// prerequisites of it or of something in it, with their ancestors.
    /// Those from elsewhere are faded ([`Roadmap::is_faded`]); the title is
    /// not.
    ///
    /// ```
    /// let o = roadmapper::Input::new("o.txt", "Web\n  Net\n    HTTP\n    DNS\n  APIs\n    REST\n  Ops\n");
    /// let p = roadmapper::Input::new("p.txt", "HTTP -> REST\n");
    /// let r = roadmapper::load(&o, &[p]).unwrap();
    /// let apis = r.focus_section(4);
    /// let labels: Vec<&str> = apis.topics().map(|t| t.label.as_str()).collect();
    /// assert_eq!(labels, ["Web", "Net", "HTTP", "APIs", "REST"]);
    /// let faded: Vec<bool> = (0..apis.len()).map(|i| apis.is_faded(i)).collect();
    /// assert_eq!(faded, [false, true, true, false, false]);
    /// ```
    pub fn focus_section(&self, section: usize) -> Roadmap {
        let n = self.len();
        let inside = self.subtree(section);
        let mut keep = vec![false; n];
        for i in inside.clone() {
            keep[i] = true;
        }
        let mut from_elsewhere: Vec<usize> = self
            .prerequisites()
            .filter(|&(a, b, _)| inside.contains(&b) && !inside.contains(&a))
            .map(|(a, _, _)| a)
            .collect();
        // The section's ancestors (the title) come along as well.
        from_elsewhere.extend(self.parent(section));
        for a in from_elsewhere {
            let mut at = Some(a);
            while let Some(i) = at.filter(|&i| !keep[i]) {
                keep[i] = true;
                at = self.parent(i);
            }
        }
        let title = self.title();
        let faded = (0..n)
            .filter(|&i| keep[i])
            .map(|i| !inside.contains(&i) && Some(i) != title)
            .collect();
        let view = View {
            of: Some(n),
            focus: Some(format!(
                "{}, with what it needs from elsewhere (faded)",
                self.topic(section).label
            )),
            faded,
            ..View::default()
        };
        self.derive(Some(&keep), &|_| true, view)
    }

    /// Finds a section by reference, as [`Roadmap::find`] finds a topic;
    /// an unknown one gets the closest sections' labels as suggestions, a
    /// topic that is no section the section it is in.
    ///
    /// ```
    /// use roadmapper::DiagnosticKind;
    /// let o = roadmapper::Input::new("o.txt", "Web\n  Net\n    HTTP\n  APIs\n");
    /// let r = roadmapper::load(&o, &[]).unwrap();
    /// assert_eq!(r.find_section("apis"), Ok(3));
    /// let Err(DiagnosticKind::UnknownTopic { suggestions, .. }) = r.find_section("API") else { panic!() };
    /// assert_eq!(suggestions, ["APIs"]);
    /// let Err(DiagnosticKind::NotASection { section, .. }) = r.find_section("HTTP") else { panic!() };
    /// assert_eq!(section.as_deref(), Some("Net"));
    /// ```
    pub fn find_section(&self, reference: &str) -> Result<usize, DiagnosticKind> {
        let sections = self.sections();
        match self.find(reference) {
            Ok(i) if self.is_section(i) => Ok(i),
            Ok(i) => Err(DiagnosticKind::NotASection {
                reference: reference.to_string(),
                section: sections
                    .iter()
                    .find(|&&s| self.is_inside(i, s))
                    .map(|&s| self.topic(s).label.clone()),
                sections: sections
                    .iter()
                    .take(MAX_LISTED)
                    .map(|&s| self.topic(s).label.clone())
                    .collect(),
            }),
            Err(DiagnosticKind::UnknownTopic { reference, .. }) => {
                let wanted = prereqs::fold(&reference);
                let mut scored: Vec<(f64, usize)> = sections
                    .iter()
                    .filter_map(|&s| {
                        let label = prereqs::fold(&self.topic(s).label);
                        Some((crate::suggest::similarity(&wanted, &label)?, s))
                    })
                    .collect();
                scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                Err(DiagnosticKind::UnknownTopic {
                    reference,
                    suggestions: scored
                        .iter()
                        .take(3)
                        .map(|&(_, s)| self.topic(s).label.clone())
                        .collect(),
                })
            }
            Err(other) => Err(other),
        }
    }

    /// Whether the topic is drawn faded: a topic from elsewhere that a
    /// [`Roadmap::focus_section`] section needs.
    pub fn is_faded(&self, index: usize) -> bool {
        self.view.faded.get(index).copied().unwrap_or(false)
    }

    /// What a focused roadmap shows, in words (`what REST needs`); None
    /// for a whole roadmap.
    pub fn focus(&self) -> Option<&str> {
        self.view.focus.as_deref()
    }

    /// How many implied prerequisites were left out
    /// ([`Roadmap::without_implied`]).
    pub fn hidden_prerequisites(&self) -> usize {
        self.view.hidden
    }

    /// One line under a poster's title: what the roadmap shows, counted
    /// (`501 topics · 1,232 prerequisites, 370 implied by others, not
    /// drawn`; a focused one says what it focuses on and of how many).
    pub fn caption(&self) -> String {
        let n = self.len();
        let p = self.prerequisites().count() + self.view.hidden;
        let s = |k: usize| if k == 1 { "" } else { "s" };
        let mut line = String::new();
        if let Some(focus) = &self.view.focus {
            line.push_str(focus);
            line.push_str(" · ");
        }
        match self.view.of {
            Some(of) => line.push_str(&format!(
                "{} of {} topic{}",
                thousands(n),
                thousands(of),
                s(of)
            )),
            None => line.push_str(&format!("{} topic{}", thousands(n), s(n))),
        }
        line.push_str(&format!(" · {} prerequisite{}", thousands(p), s(p)));
        if self.view.hidden > 0 {
            line.push_str(&format!(
                ", {} implied by others, not drawn",
                thousands(self.view.hidden)
            ));
        }
        line
    }

    /// `REST`, `REST and GraphQL`, `REST, GraphQL and 3 more`.
    fn names(&self, topics: &[usize]) -> String {
        let label = |i: &usize| self.topic(*i).label.clone();
        match topics {
            [] => "nothing".to_string(),
            [one] => label(one),
            [a, b] => format!("{} and {}", label(a), label(b)),
            [a, b, c] => format!("{}, {} and {}", label(a), label(b), label(c)),
            [a, b, rest @ ..] => format!("{}, {} and {} more", label(a), label(b), rest.len()),
        }
    }

    /// A roadmap of the kept topics (all when `keep` is None; a kept
    /// topic's parent must be kept) and the kept prerequisites between
    /// them, by index in file order. The nesting and the file order stay;
    /// the study order is the same one restricted to the kept topics.
    fn derive(
        &self,
        keep: Option<&[bool]>,
        keep_prereq: &dyn Fn(usize) -> bool,
        view: View,
    ) -> Roadmap {
        let n = self.len();
        let kept = |i: usize| keep.is_none_or(|k| k[i]);
        let mut index = vec![usize::MAX; n];
        let mut topics = Vec::new();
        for i in (0..n).filter(|&i| kept(i)) {
            index[i] = topics.len();
            topics.push(i);
        }
        let m = topics.len();
        let parent: Vec<Option<usize>> = topics
            .iter()
            .map(|&i| {
                self.parent[i]
                    .map(|p| index[p])
                    .filter(|&p| p != usize::MAX)
            })
            .collect();
        let prereqs: Vec<(usize, usize, &Edge)> = self
            .prerequisites()
            .enumerate()
            .filter(|&(k, (a, b, _))| keep_prereq(k) && kept(a) && kept(b))
            .map(|(_, (a, b, e))| (index[a], index[b], e))
            .collect();
        let mut graph = DiGraph::with_capacity(m, m + prereqs.len());
        for (at, &i) in topics.iter().enumerate() {
            graph.add_node(Topic {
                position: at,
                ..self.topic(i).clone()
            });
        }
        for (child, p) in parent.iter().enumerate() {
            if let Some(p) = *p {
                graph.add_edge(NodeIndex::new(p), NodeIndex::new(child), Edge::Contains);
            }
        }
        for &(a, b, e) in &prereqs {
            graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), e.clone());
        }
        let mut subtree_end: Vec<usize> = (1..=m).collect();
        for i in (0..m).rev() {
            if let Some(p) = parent[i] {
                subtree_end[p] = subtree_end[p].max(subtree_end[i]);
            }
        }
        let (order, stage) = if keep.is_none() {
            (self.order.clone(), self.stage.clone())
        } else {
            let pairs: Vec<(usize, usize)> = prereqs.iter().map(|&(a, b, _)| (a, b)).collect();
            match order::study_order(&parent, &pairs) {
                Ok(o) => (o.order, o.stage),
                // Kept constraints are among the roadmap's, which have no
                // cycle; should they ever, keep the roadmap's own order.
                Err(_) => (
                    self.order
                        .iter()
                        .filter(|&&i| kept(i))
                        .map(|&i| index[i])
                        .collect(),
                    topics.iter().map(|&i| self.stage[i]).collect(),
                ),
            }
        };
        // The chains of topics sharing a label, through the kept ones.
        let mut same_label = vec![usize::MAX; m];
        let mut last_kept = vec![usize::MAX; n];
        for i in (0..n).rev() {
            let next = self.same_label[i];
            let next_kept = if next == usize::MAX {
                usize::MAX
            } else if kept(next) {
                next
            } else {
                last_kept[next]
            };
            last_kept[i] = next_kept;
            if kept(i) && next_kept != usize::MAX {
                same_label[index[i]] = index[next_kept];
            }
        }
        let mut derived = Roadmap::from_parts(
            graph,
            self.file.clone(),
            super::Tree {
                parent,
                subtree_end,
                same_label,
            },
            order::Order { order, stage },
            Vec::new(),
            view,
        );
        derived.tracked = self.tracked;
        derived
    }
}

/// `1,232`: digits in groups of three.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::thousands;
    use crate::{Input, load};

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_232), "1,232");
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn focus_to_keeps_ids_lines_and_order() {
        let r = load(
            &Input::new(
                "o.txt",
                "Root\n  Net\n    HTTP\n    DNS\n  Sec\n    TLS\n  Other\n",
            ),
            &[Input::new("p.txt", "Net -> TLS\n")],
        )
        .unwrap();
        let f = r.focus_to(&[5]);
        let ids: Vec<&str> = f.topics().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["root", "net", "http", "dns", "sec", "tls"]);
        let lines: Vec<usize> = f.topics().map(|t| t.line).collect();
        assert_eq!(lines, [1, 2, 3, 4, 5, 6]);
        let order: Vec<&str> = f.order().iter().map(|&i| f.topic(i).id.as_str()).collect();
        let full: Vec<&str> = r
            .needs(&[5])
            .iter()
            .map(|&i| r.topic(i).id.as_str())
            .collect();
        assert_eq!(order, full);
        assert_eq!(f.title(), Some(0));
        assert_eq!(f.sections(), [1, 4]);
        assert!(!f.is_faded(1));
    }

    #[test]
    fn focus_section_takes_direct_needs_only() {
        // REST needs HTTP, HTTP needs DNS: only HTTP (and its section) come.
        let r = load(
            &Input::new(
                "o.txt",
                "Web\n  Net\n    DNS\n    HTTP\n  APIs\n    REST\n  Ops\n    CI\n",
            ),
            &[Input::new(
                "p.txt",
                "DNS -> HTTP\nHTTP -> REST\nREST -> CI\n",
            )],
        )
        .unwrap();
        let f = r.focus_section(4);
        let labels: Vec<&str> = f.topics().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["Web", "Net", "HTTP", "APIs", "REST"]);
        assert_eq!(f.prerequisites().count(), 1);
        assert_eq!(
            f.caption(),
            "APIs, with what it needs from elsewhere (faded) · 5 of 8 topics · 1 prerequisite"
        );
    }
}
