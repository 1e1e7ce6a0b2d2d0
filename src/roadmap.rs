//! The model: a petgraph directed graph of topics with `contains` and
//! `prerequisite` edges, plus what every output needs from it (ids, paths,
//! the study order and stages).
//!
//! A [`Roadmap`] is only built from inputs without errors, so its
//! invariants hold: node indices are outline positions (a parent's index is
//! smaller than its children's, a subtree is a contiguous run), ids are
//! unique, and the constraints are acyclic.

use std::sync::OnceLock;

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::diagnostic::{Diagnostic, DiagnosticKind, Error};
use crate::link::Link;
use crate::order::{self, Cycles};
use crate::outline::{Outline, TaskState};
use crate::prereqs::{self, PrereqFile, Resolved};

mod focus;
mod ids;
mod implied;
mod lint;
mod mark;
mod names;
mod next;
mod notes;
mod progress;

use ids::make_ids;
pub use ids::slug;
pub use lint::cap_repeated;
pub use names::Names;
pub use next::{HOURS_PER_DAY, NextReason, Tally, estimate_hours, hours};

/// A topic: one line of the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    /// Unique, readable slug: `rest`, `apis-soap`.
    pub id: String,
    /// The label as shown.
    pub label: String,
    /// Tags such as `recommended`, `alternative`, `optional`.
    pub tags: Vec<String>,
    /// 0 for roots.
    pub depth: usize,
    /// Position in the outline (equal to the node index).
    pub position: usize,
    /// 1-based line in the outline file.
    pub line: usize,
    /// The task box of a Markdown outline's item (`[x]`, `[/]`, ...).
    pub state: Option<TaskState>,
    /// What the topic is, in a sentence or three: a Markdown outline's
    /// first paragraph, or the notes ([`crate::notes`]).
    pub description: Option<String>,
    /// Where to learn it: the outline's own link first, then the notes'.
    pub links: Vec<Link>,
}

/// What an edge means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edge {
    /// The source is the parent of the target in the outline.
    Contains,
    /// The source is learned before the target.
    Prerequisite {
        /// The prerequisite file that says so.
        file: String,
        /// The line in that file.
        line: usize,
    },
}

impl Edge {
    /// `"contains"` or `"prerequisite"`.
    pub fn kind(&self) -> &'static str {
        match self {
            Edge::Contains => "contains",
            Edge::Prerequisite { .. } => "prerequisite",
        }
    }
}

/// A roadmap: topics, their nesting and prerequisites, and the study order.
#[derive(Debug, Clone)]
pub struct Roadmap {
    graph: DiGraph<Topic, Edge>,
    file: String,
    parent: Vec<Option<usize>>,
    subtree_end: Vec<usize>,
    /// For each topic, the next one (in outline order) with the same label,
    /// compared folded, or `usize::MAX`.
    same_label: Vec<usize>,
    /// The root of each topic's tree.
    root_of: Vec<usize>,
    order: Vec<usize>,
    rank: Vec<usize>,
    stage: Vec<usize>,
    warnings: Vec<Diagnostic>,
    /// Which prerequisites are implied, computed on first use.
    implied: OnceLock<Vec<bool>>,
    /// What a roadmap made for drawing leaves out or fades.
    view: View,
    /// Whether the learner's progress is known: the outline has task
    /// boxes, or progress files were applied ([`Roadmap::tracks_progress`]).
    tracked: bool,
}

/// The shape of an outline, by topic: each one's parent, the end of its
/// subtree, the next topic with the same label.
struct Tree {
    parent: Vec<Option<usize>>,
    subtree_end: Vec<usize>,
    same_label: Vec<usize>,
}

/// What a roadmap derived for drawing ([`Roadmap::without_implied`],
/// [`Roadmap::focus_to`], [`Roadmap::focus_section`]) leaves out or fades;
/// empty for a roadmap built from its files.
#[derive(Debug, Clone, Default)]
struct View {
    /// Implied prerequisites left out.
    hidden: usize,
    /// Topics of the roadmap this one was cut from, when it was cut.
    of: Option<usize>,
    /// What was cut out, in words (`what REST needs`).
    focus: Option<String>,
    /// Topics drawn faded (from elsewhere): empty when none.
    faded: Vec<bool>,
    /// The names the roadmap this one was cut from gives the topics whose
    /// name is not their label ([`Roadmap::listing_names`]), when kept
    /// ([`Roadmap::remaining`]: its listings are read back against the
    /// whole roadmap).
    names: Option<rustc_hash::FxHashMap<usize, String>>,
    /// The states the roadmap this one was cut from gives the kept topics
    /// ([`Roadmap::statuses`]), when kept ([`Roadmap::remaining`]: a group
    /// with done topics left out is still being learnt).
    statuses: Option<Vec<TaskState>>,
}

/// Prerequisites `check` explains before it only counts the rest.
pub const MAX_IMPLIED_WARNINGS: usize = 20;

impl Roadmap {
    /// Builds the roadmap from a parsed outline and parsed prerequisite
    /// files: resolves references, applies the group rule, checks for
    /// cycles and computes the study order.
    ///
    /// Every error is reported, not only the first: unknown and ambiguous
    /// references, self-loops, group-descendant edges and every independent
    /// cycle. Warnings (a prerequisite given twice) are kept in
    /// [`Roadmap::warnings`] on success and returned with the errors on
    /// failure.
    pub fn build(outline: Outline, prereq_files: &[PrereqFile]) -> Result<Roadmap, Error> {
        let subtree_end = crate::outline::subtree_ends(&outline);
        let (resolved, mut diags, same_label) =
            prereqs::resolve_all_indexed(&outline, prereq_files, &subtree_end);
        diags.splice(0..0, outline.warnings.iter().cloned());
        let parent: Vec<Option<usize>> = outline.topics.iter().map(|t| t.parent).collect();
        let pairs: Vec<(usize, usize)> = resolved.iter().map(|r| (r.from, r.to)).collect();
        let order = match order::study_order(&parent, &pairs) {
            Ok(order) => Some(order),
            Err(Cycles(cycles)) => {
                for cycle in cycles {
                    diags.push(cycle_diagnostic(&outline, &subtree_end, &resolved, &cycle));
                }
                None
            }
        };
        let Some(order::Order { order, stage }) =
            order.filter(|_| !diags.iter().any(Diagnostic::is_error))
        else {
            return Err(Error::Input(diags));
        };

        let ids = make_ids(&outline);
        let mut graph =
            DiGraph::with_capacity(outline.topics.len(), outline.topics.len() + resolved.len());
        for (position, (t, id)) in outline.topics.into_iter().zip(ids).enumerate() {
            graph.add_node(Topic {
                id,
                label: t.label,
                tags: t.tags,
                depth: t.depth,
                position,
                line: t.line,
                state: t.state,
                description: t.description,
                links: t.links,
            });
        }
        for (child, p) in parent.iter().enumerate() {
            if let Some(p) = p {
                graph.add_edge(NodeIndex::new(*p), NodeIndex::new(child), Edge::Contains);
            }
        }
        for r in resolved {
            graph.add_edge(
                NodeIndex::new(r.from),
                NodeIndex::new(r.to),
                Edge::Prerequisite {
                    file: r.file,
                    line: r.line,
                },
            );
        }
        Ok(Roadmap::from_parts(
            graph,
            outline.file,
            Tree {
                parent,
                subtree_end,
                same_label,
            },
            order::Order { order, stage },
            diags,
            View::default(),
        ))
    }

    /// A roadmap of its parts, the ranks and roots derived from them.
    fn from_parts(
        graph: DiGraph<Topic, Edge>,
        file: String,
        Tree {
            parent,
            subtree_end,
            same_label,
        }: Tree,
        order::Order { order, stage }: order::Order,
        warnings: Vec<Diagnostic>,
        view: View,
    ) -> Roadmap {
        let mut rank = vec![0; order.len()];
        for (i, &t) in order.iter().enumerate() {
            rank[t] = i;
        }
        // Parents come before children, so one pass finds every root.
        let mut root_of: Vec<usize> = (0..parent.len()).collect();
        for i in 0..parent.len() {
            if let Some(p) = parent[i] {
                root_of[i] = root_of[p];
            }
        }
        let tracked = graph.node_weights().any(|t| t.state.is_some());
        Roadmap {
            graph,
            file,
            parent,
            subtree_end,
            same_label,
            root_of,
            order,
            rank,
            stage,
            warnings,
            implied: OnceLock::new(),
            view,
            tracked,
        }
    }

    /// The petgraph graph. Node indices are outline positions.
    pub fn graph(&self) -> &DiGraph<Topic, Edge> {
        &self.graph
    }

    /// The outline file name as the user gave it.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Number of topics.
    pub fn len(&self) -> usize {
        self.graph.node_count()
    }

    /// Whether the roadmap has no topics (an empty outline).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The topic at an outline position.
    pub fn topic(&self, index: usize) -> &Topic {
        &self.graph[NodeIndex::new(index)]
    }

    /// All topics in outline order.
    pub fn topics(&self) -> impl Iterator<Item = &Topic> + '_ {
        self.graph.node_weights()
    }

    /// The parent's outline position.
    pub fn parent(&self, index: usize) -> Option<usize> {
        self.parent[index]
    }

    /// The children's outline positions, in outline order.
    pub fn children(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        let end = self.subtree_end[index];
        let mut at = index + 1;
        std::iter::from_fn(move || {
            if at >= end {
                return None;
            }
            let child = at;
            at = self.subtree_end[child];
            Some(child)
        })
    }

    /// Outline positions of the topic and everything inside it.
    pub fn subtree(&self, index: usize) -> std::ops::Range<usize> {
        index..self.subtree_end[index]
    }

    /// Whether `inner` is strictly inside `group`.
    pub fn is_inside(&self, inner: usize, group: usize) -> bool {
        group < inner && inner < self.subtree_end[group]
    }

    /// The root positions, in outline order.
    pub fn roots(&self) -> impl Iterator<Item = usize> + '_ {
        let mut at = 0;
        std::iter::from_fn(move || {
            if at >= self.len() {
                return None;
            }
            let root = at;
            at = self.subtree_end[root];
            Some(root)
        })
    }

    /// The title: the single root, when the outline has exactly one root
    /// and it has children (like `Backend Roadmap`). A forest has no title.
    pub fn title(&self) -> Option<usize> {
        (!self.is_empty() && self.subtree_end[0] == self.len() && self.len() > 1).then_some(0)
    }

    /// The sections: the title's children, or the roots of a forest.
    pub fn sections(&self) -> Vec<usize> {
        match self.title() {
            Some(t) => self.children(t).collect(),
            None => self.roots().collect(),
        }
    }

    /// Whether the topic is a section: a child of the title, or a root of a
    /// forest.
    pub fn is_section(&self, index: usize) -> bool {
        match self.title() {
            Some(t) => self.parent[index] == Some(t),
            None => self.parent[index].is_none(),
        }
    }

    /// Labels from the root down to the topic.
    pub fn path(&self, index: usize) -> Vec<&str> {
        self.path_within(index, usize::MAX)
    }

    /// Like [`Roadmap::path`] but at most `max` labels (`max` ≥ 3): a
    /// deeper topic's path keeps the root, then `…`, then its nearest
    /// `max - 2` ancestors and itself. Costs O(min(depth, max)), so the
    /// exports stay linear even for absurdly deep outlines.
    ///
    /// ```
    /// let text: String = (0..10).map(|i| format!("{}t{i}\n", " ".repeat(i))).collect();
    /// let r = roadmapper::load(&roadmapper::Input::new("d.txt", text), &[]).unwrap();
    /// assert_eq!(r.path_within(9, 5), ["t0", "…", "t7", "t8", "t9"]);
    /// assert_eq!(r.path_within(3, 5), ["t0", "t1", "t2", "t3"]);
    /// ```
    pub fn path_within(&self, index: usize, max: usize) -> Vec<&str> {
        let max = max.max(3);
        let depth = self.topic(index).depth;
        if depth < max {
            return self.full_path(index);
        }
        let mut labels = Vec::with_capacity(max);
        let mut at = Some(index);
        while let Some(i) = at.filter(|_| labels.len() < max - 2) {
            labels.push(self.topic(i).label.as_str());
            at = self.parent[i];
        }
        labels.push("…");
        labels.push(self.topic(self.root_of[index]).label.as_str());
        labels.reverse();
        labels
    }

    fn full_path(&self, index: usize) -> Vec<&str> {
        let mut labels = Vec::with_capacity(self.topic(index).depth + 1);
        let mut at = Some(index);
        while let Some(i) = at {
            labels.push(self.topic(i).label.as_str());
            at = self.parent[i];
        }
        labels.reverse();
        labels
    }

    /// The study order, as outline positions.
    pub fn order(&self) -> &[usize] {
        &self.order
    }

    /// Position of a topic in the study order (0-based).
    pub fn rank(&self, index: usize) -> usize {
        self.rank[index]
    }

    /// A topic's stage: topics of one stage can be learned in parallel.
    pub fn stage(&self, index: usize) -> usize {
        self.stage[index]
    }

    /// The prerequisite edges, as (from, to, edge) in file order.
    pub fn prerequisites(&self) -> impl Iterator<Item = (usize, usize, &Edge)> + '_ {
        self.graph
            .edge_references()
            .filter(|e| matches!(e.weight(), Edge::Prerequisite { .. }))
            .map(|e| (e.source().index(), e.target().index(), e.weight()))
    }

    /// Positions of the direct prerequisites of a topic, in study order.
    pub fn prerequisites_of(&self, index: usize) -> Vec<usize> {
        let mut v: Vec<usize> = self.incoming_prerequisites(index).collect();
        v.sort_by_key(|&p| self.rank[p]);
        v
    }

    fn incoming_prerequisites(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        self.graph
            .edges_directed(NodeIndex::new(index), Direction::Incoming)
            .filter(|e| matches!(e.weight(), Edge::Prerequisite { .. }))
            .map(|e| e.source().index())
    }

    /// Warnings found while building (a prerequisite given twice).
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// Finds a topic by reference (a label or `Parent > Label` path suffix,
    /// case-insensitive). Errors name the closest labels or the candidates.
    /// To look up several references, [`Roadmap::find_all`] indexes once.
    pub fn find(&self, reference: &str) -> Result<usize, DiagnosticKind> {
        self.find_all(&[reference])
            .pop()
            .expect("one result per reference")
    }

    /// The labels indexed for looking references up. O(n).
    pub(crate) fn resolver(&self) -> prereqs::Resolver<'_> {
        prereqs::Resolver::from_parts(
            self.topics().map(|t| t.label.as_str()).collect(),
            self.parent.clone(),
        )
    }

    /// Looks up several references; O(n) to index the labels, then
    /// O(1) per reference found.
    pub fn find_all(&self, references: &[&str]) -> Vec<Result<usize, DiagnosticKind>> {
        if references.is_empty() {
            return Vec::new();
        }
        let resolver = self.resolver();
        references
            .iter()
            .map(|reference| {
                let parsed =
                    prereqs::reference(reference).ok_or_else(|| DiagnosticKind::UnknownTopic {
                        reference: reference.to_string(),
                        suggestions: Vec::new(),
                    })?;
                resolver.resolve(&parsed)
            })
            .collect()
    }

    /// What the targets need: each target (its whole subtree when it is a
    /// group) and, repeatedly, the parent and the prerequisites of
    /// everything included (a group prerequisite with its whole subtree),
    /// in study order. Linear in the size of the roadmap.
    pub fn needs(&self, targets: &[usize]) -> Vec<usize> {
        let mut included = vec![false; self.len()];
        let mut work = Vec::new();
        let include_subtree = |root: usize, included: &mut Vec<bool>, work: &mut Vec<usize>| {
            for i in self.subtree(root) {
                if !included[i] {
                    included[i] = true;
                    work.push(i);
                }
            }
        };
        for &t in targets {
            include_subtree(t, &mut included, &mut work);
        }
        while let Some(x) = work.pop() {
            if let Some(p) = self.parent[x]
                && !included[p]
            {
                included[p] = true;
                work.push(p);
            }
            // Order does not matter here: no allocation, no sort.
            for a in self.incoming_prerequisites(x) {
                include_subtree(a, &mut included, &mut work);
            }
        }
        self.order
            .iter()
            .copied()
            .filter(|&i| included[i])
            .collect()
    }
}

fn cycle_diagnostic(
    outline: &Outline,
    subtree_end: &[usize],
    resolved: &[Resolved],
    cycle: &[usize],
) -> Diagnostic {
    let label = |i: usize| outline.topics[i].label.as_str();
    let at = |r: &Resolved| format!("{}:{}", r.file, r.line);
    // How the end of one edge leads to the start of the next.
    let link = |to: usize, from: usize| -> Option<String> {
        if to == from {
            None
        } else if to < from && from < subtree_end[to] {
            Some(format!(", {} contains {}", label(to), label(from)))
        } else {
            Some(format!(", {} is inside {}", label(to), label(from)))
        }
    };
    let mut chain = String::new();
    for (k, &e) in cycle.iter().enumerate() {
        let r = &resolved[e];
        if k == 0 {
            chain.push_str(label(r.from));
        } else if let Some(l) = link(resolved[cycle[k - 1]].to, r.from) {
            chain.push_str(&l);
            chain.push_str(", ");
            chain.push_str(label(r.from));
        }
        chain.push_str(&format!(" -> {} ({})", label(r.to), at(r)));
    }
    if let (Some(&last), Some(&first)) = (cycle.last(), cycle.first())
        && let Some(l) = link(resolved[last].to, resolved[first].from)
    {
        chain.push_str(&l);
    }
    let drop = cycle
        .iter()
        .copied()
        .max()
        .expect("a cycle has at least one edge");
    let r = &resolved[drop];
    Diagnostic::error(
        &r.file,
        r.line,
        1,
        DiagnosticKind::Cycle {
            chain,
            drop: format!("`{} -> {}` ({})", label(r.from), label(r.to), at(r)),
        },
    )
}

#[cfg(test)]
mod tests;
