//! The model: a petgraph directed graph of topics with `contains` and
//! `prerequisite` edges, plus what every output needs from it (ids, paths,
//! the study order and stages).
//!
//! A [`Roadmap`] is only built from inputs without errors, so its
//! invariants hold: node indices are outline positions (a parent's index is
//! smaller than its children's, a subtree is a contiguous run), ids are
//! unique, and the constraints are acyclic.

use std::sync::OnceLock;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::diagnostic::{Diagnostic, DiagnosticKind, Error};
use crate::link::Link;
use crate::order::{self, Cycles};
use crate::outline::{Outline, TaskState};
use crate::prereqs::{self, PrereqFile, Resolved};

mod focus;
mod implied;
mod lint;
mod notes;

pub use lint::cap_repeated;

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
}

/// Prerequisites `check` explains before it only counts the rest.
pub const MAX_IMPLIED_WARNINGS: usize = 20;

/// For each topic, the index just past its subtree (outline order).
pub fn subtree_ends(outline: &Outline) -> Vec<usize> {
    let n = outline.topics.len();
    let mut end: Vec<usize> = (1..=n).collect();
    for i in (0..n).rev() {
        if let Some(p) = outline.topics[i].parent {
            end[p] = end[p].max(end[i]);
        }
    }
    end
}

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
        let subtree_end = subtree_ends(&outline);
        let (resolved, mut diags) = prereqs::resolve_all(&outline, prereq_files, &subtree_end);
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
        Ok(Roadmap {
            graph,
            file: outline.file,
            parent,
            subtree_end,
            root_of,
            order,
            rank,
            stage,
            warnings: diags,
            implied: OnceLock::new(),
            view: View::default(),
        })
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

    /// Looks up several references; O(n) to index the labels, then
    /// O(1) per reference found.
    pub fn find_all(&self, references: &[&str]) -> Vec<Result<usize, DiagnosticKind>> {
        if references.is_empty() {
            return Vec::new();
        }
        let resolver = prereqs::Resolver::from_parts(
            self.topics().map(|t| t.label.as_str()).collect(),
            self.parent.clone(),
        );
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
            if let Some(p) = self.parent[x] {
                if !included[p] {
                    included[p] = true;
                    work.push(p);
                }
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

/// Slug of a label: lowercase letters and digits, other runs become `-`.
///
/// ```
/// assert_eq!(roadmapper::roadmap::slug("What is HTTP?"), "what-is-http");
/// assert_eq!(roadmapper::roadmap::slug("CI/CD"), "ci-cd");
/// assert_eq!(roadmapper::roadmap::slug("C++"), "c");
/// assert_eq!(roadmapper::roadmap::slug("???"), "topic");
/// ```
pub fn slug(label: &str) -> String {
    if label.is_ascii() {
        // The same rules on bytes, without decoding characters.
        let mut out: Vec<u8> = Vec::with_capacity(label.len());
        let mut dash = false;
        for &b in label.as_bytes() {
            if b.is_ascii_alphanumeric() {
                if dash && !out.is_empty() {
                    out.push(b'-');
                }
                dash = false;
                out.push(b.to_ascii_lowercase());
            } else {
                dash = true;
            }
        }
        if out.is_empty() {
            out.extend_from_slice(b"topic");
        }
        return String::from_utf8(out).unwrap_or_default();
    }
    let mut out = String::with_capacity(label.len());
    let mut dash = false;
    for c in label.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        out.push_str("topic");
    }
    out
}

/// Unique ids: a topic's slug when no other topic has it; otherwise its
/// parent's slug is prefixed (then the grandparent's, ...), and a numeric
/// suffix settles what is still equal. An id changes only when a topic with
/// the same slug is added or removed.
fn make_ids(outline: &Outline) -> Vec<String> {
    let topics = &outline.topics;
    let base: Vec<String> = topics.iter().map(|t| slug(&t.label)).collect();
    let mut count: HashMap<&str, usize> = HashMap::default();
    count.reserve(base.len());
    for b in &base {
        *count.entry(b.as_str()).or_default() += 1;
    }
    if count.len() == base.len() {
        // Every slug is unique (the usual case): the slugs are the ids.
        drop(count);
        return base;
    }
    let mut ids: Vec<Option<String>> = vec![None; topics.len()];
    let mut taken: HashSet<String> = HashSet::default();
    for (i, b) in base.iter().enumerate() {
        if count[b.as_str()] == 1 {
            taken.insert(b.clone());
            ids[i] = Some(b.clone());
        }
    }
    // Duplicates, grouped by slug, get ancestor prefixes until distinct.
    let mut groups: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, b) in base.iter().enumerate() {
        if count[b.as_str()] > 1 {
            groups.entry(b.as_str()).or_default().push(i);
        }
    }
    let mut group_list: Vec<(&str, Vec<usize>)> = groups.into_iter().collect();
    group_list.sort_by_key(|(_, members)| members[0]);
    for (_, members) in group_list {
        let mut names: Vec<String> = members.iter().map(|&i| base[i].clone()).collect();
        let mut cursor: Vec<Option<usize>> = members.iter().map(|&i| topics[i].parent).collect();
        // At most a few ancestors: ids stay short, and a deep chain of equal
        // labels costs no more than a few passes.
        for _ in 0..MAX_ID_PREFIXES {
            let mut seen: HashMap<&str, usize> = HashMap::default();
            for n in &names {
                *seen.entry(n.as_str()).or_default() += 1;
            }
            let clash: Vec<bool> = names.iter().map(|n| seen[n.as_str()] > 1).collect();
            if !clash.iter().any(|&c| c) {
                break;
            }
            let mut progressed = false;
            for k in 0..names.len() {
                if clash[k] {
                    if let Some(p) = cursor[k] {
                        names[k] = format!("{}-{}", base[p], names[k]);
                        cursor[k] = topics[p].parent;
                        progressed = true;
                    }
                }
            }
            if !progressed {
                break;
            }
        }
        for (k, &i) in members.iter().enumerate() {
            ids[i] = Some(std::mem::take(&mut names[k]));
        }
    }
    // Settle anything still equal (or equal to another topic's plain slug)
    // with a numeric suffix, in outline order.
    let mut out = Vec::with_capacity(topics.len());
    let mut used: HashSet<String> = HashSet::default();
    // The next suffix to try per id, so k equal ids cost O(k), not O(k²).
    let mut next_suffix: HashMap<String, usize> = HashMap::default();
    for (i, id) in ids.into_iter().enumerate() {
        let id = id.expect("every topic got an id above");
        let unique_plain = count[base[i].as_str()] == 1;
        let clashes = |c: &String| used.contains(c) || (!unique_plain && taken.contains(c));
        let candidate = if clashes(&id) {
            let n = next_suffix.entry(id.clone()).or_insert(2);
            let mut candidate = format!("{id}-{n}");
            while clashes(&candidate) {
                *n += 1;
                candidate = format!("{id}-{n}");
            }
            *n += 1;
            candidate
        } else {
            id
        };
        used.insert(candidate.clone());
        out.push(candidate);
    }
    out
}

/// How many ancestors' slugs may prefix a duplicate label's id before a
/// numeric suffix settles it.
const MAX_ID_PREFIXES: usize = 3;

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
    if let (Some(&last), Some(&first)) = (cycle.last(), cycle.first()) {
        if let Some(l) = link(resolved[last].to, resolved[first].from) {
            chain.push_str(&l);
        }
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
mod tests {
    use super::*;
    use crate::outline;

    fn build(outline_src: &str, prereq_src: &str) -> Result<Roadmap, Error> {
        let o = outline::parse("o.txt", outline_src.as_bytes()).unwrap();
        let p = prereqs::parse("p.txt", prereq_src.as_bytes()).unwrap();
        Roadmap::build(o, &[p])
    }

    fn errors(outline_src: &str, prereq_src: &str) -> Vec<String> {
        match build(outline_src, prereq_src) {
            Err(Error::Input(d)) => d.iter().map(|d| d.to_string()).collect(),
            other => panic!("expected input errors, got {other:?}"),
        }
    }

    #[test]
    fn ids_are_unique_and_readable() {
        let r = build(
            "Backend\n  APIs\n    SOAP\n    REST\n  Architectural Patterns\n    SOAP\n  APIs SOAP\n",
            "",
        )
        .unwrap();
        let ids: Vec<&str> = r.topics().map(|t| t.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "backend",
                "apis",
                "apis-soap-2",
                "rest",
                "architectural-patterns",
                "architectural-patterns-soap",
                "apis-soap"
            ]
        );
    }

    #[test]
    fn duplicate_ids_under_same_named_parents() {
        let r = build("A\n  X\n    T\nB\n  X\n    T\n", "").unwrap();
        let ids: Vec<&str> = r.topics().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["a", "a-x", "a-x-t", "b", "b-x", "b-x-t"]);
    }

    #[test]
    fn structure_queries() {
        let r = build("T\n  A\n    a1\n    a2\n  B\n", "").unwrap();
        assert_eq!(r.title(), Some(0));
        assert_eq!(r.sections(), [1, 4]);
        assert_eq!(r.children(1).collect::<Vec<_>>(), [2, 3]);
        assert_eq!(r.path(3), ["T", "A", "a2"]);
        let forest = build("A\n  x\nB\n", "").unwrap();
        assert_eq!(forest.title(), None);
        assert_eq!(forest.sections(), [0, 2]);
    }

    #[test]
    fn needs_follows_parents_and_group_prerequisites() {
        let r = build(
            "Root\n  Net\n    HTTP\n    DNS\n  Sec\n    TLS\n    HTTPS\n  Other\n",
            "Net -> TLS\n",
        )
        .unwrap();
        let labels = |v: Vec<usize>| -> Vec<String> {
            v.into_iter().map(|i| r.topic(i).label.clone()).collect()
        };
        assert_eq!(
            labels(r.needs(&[5])),
            ["Root", "Net", "HTTP", "DNS", "Sec", "TLS"]
        );
        assert_eq!(labels(r.needs(&[7])), ["Root", "Other"]);
    }

    #[test]
    fn cycle_message() {
        let e = errors(
            "DB\n  ACID\n  Transactions\n",
            "# c\n\n# a\nTransactions -> ACID\n\n\nACID -> Transactions\n",
        );
        assert_eq!(
            e,
            [
                "error: p.txt:7: cycle: ACID -> Transactions (p.txt:7) -> ACID (p.txt:4)\n  help: drop one of these edges, for example `ACID -> Transactions` (p.txt:7)"
            ]
        );
    }

    #[test]
    fn cycle_through_group_message() {
        let e = errors("G\n  x\nB\n", "x -> B\nB -> G\n");
        assert_eq!(e.len(), 1);
        assert!(
            e[0].contains("cycle: x -> B (p.txt:1) -> G (p.txt:2), G contains x\n"),
            "{}",
            e[0]
        );
    }

    #[test]
    fn all_errors_reported() {
        let e = errors(
            "APIs\n  SOAP\nPatterns\n  SOAP\nA\nB\n",
            "SOAP -> A\nNope -> B\nA -> B\nB -> A\n",
        );
        assert_eq!(e.len(), 3, "{e:#?}");
        assert!(e[0].contains("p.txt:1: `SOAP` is ambiguous"));
        assert!(e[1].contains("p.txt:2: unknown topic `Nope`"));
        assert!(e[2].contains("cycle: A -> B (p.txt:3) -> A (p.txt:4)"));
    }
}
