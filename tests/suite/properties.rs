//! Property tests for the study order.
//!
//! Random outlines (parent arrays in outline pre-order) and random
//! prerequisite sets are checked against an independent, deliberately naive
//! reference: the group rule expanded into one explicit edge per member of
//! a source group, and Kahn's algorithm that scans for the smallest
//! available topic in O(n^2). The same cases are also written out as
//! outline and `.prereqs` text and loaded through the public API.

use std::collections::BTreeSet;

use crate::trees;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use roadmapper::order::{Cycles, study_order};
use roadmapper::{Input, load};
use trees::{subtree_ends, tree_from_choices};

// ---------------------------------------------------------------------------
// Trees
// ---------------------------------------------------------------------------

/// Whether x is a (strict) ancestor of y, by walking parent links (not by
/// using subtree ranges, to stay independent of the pre-order property).
fn is_ancestor(parent: &[Option<usize>], x: usize, y: usize) -> bool {
    let mut at = parent[y];
    while let Some(p) = at {
        if p == x {
            return true;
        }
        at = parent[p];
    }
    false
}

/// Whether (a, b) may be a prerequisite: distinct, neither inside the other.
fn allowed(parent: &[Option<usize>], a: usize, b: usize) -> bool {
    a != b && !is_ancestor(parent, a, b) && !is_ancestor(parent, b, a)
}

/// Members of x's subtree (x included), by parent links.
fn members(parent: &[Option<usize>], x: usize) -> Vec<usize> {
    (0..parent.len())
        .filter(|&y| y == x || is_ancestor(parent, x, y))
        .collect()
}

// ---------------------------------------------------------------------------
// The naive reference
// ---------------------------------------------------------------------------

/// The constraint graph with the group rule fully expanded: parent -> child,
/// and for every prerequisite (a, b) an edge m -> b for every member m of
/// a's subtree. (A prerequisite to a group needs nothing more: the group's
/// members follow it through the parent edges.)
struct Expanded {
    succ: Vec<Vec<usize>>,
}

impl Expanded {
    fn new(parent: &[Option<usize>], prereqs: &[(usize, usize)]) -> Expanded {
        let mut e = Expanded {
            succ: vec![Vec::new(); parent.len()],
        };
        for (child, p) in parent.iter().enumerate() {
            if let Some(p) = *p {
                e.succ[p].push(child);
            }
        }
        for &(a, b) in prereqs {
            e.add_prereq(parent, a, b);
        }
        e
    }

    fn add_prereq(&mut self, parent: &[Option<usize>], a: usize, b: usize) {
        for m in members(parent, a) {
            self.succ[m].push(b);
        }
    }

    fn reachable_from(&self, start: usize) -> Vec<bool> {
        let mut seen = vec![false; self.succ.len()];
        let mut stack = vec![start];
        seen[start] = true;
        while let Some(u) = stack.pop() {
            for &v in &self.succ[u] {
                if !seen[v] {
                    seen[v] = true;
                    stack.push(v);
                }
            }
        }
        seen
    }

    /// Kahn's algorithm taking the smallest available topic, by linear scan.
    /// None when the constraints have a cycle.
    fn order(&self) -> Option<Vec<usize>> {
        let n = self.succ.len();
        let mut indegree = vec![0usize; n];
        for vs in &self.succ {
            for &v in vs {
                indegree[v] += 1;
            }
        }
        let mut done = vec![false; n];
        let mut order = Vec::with_capacity(n);
        for _ in 0..n {
            let u = (0..n).find(|&u| !done[u] && indegree[u] == 0)?;
            done[u] = true;
            order.push(u);
            for &v in &self.succ[u] {
                indegree[v] -= 1;
            }
        }
        Some(order)
    }
}

/// Stages by fixpoint iteration of the definition:
/// `stage[i] = max(stage[parent], 1 + max stage over subtree(a) for each
/// prerequisite a -> i)`, roots without prerequisites at 0.
fn reference_stages(parent: &[Option<usize>], prereqs: &[(usize, usize)]) -> Vec<usize> {
    let n = parent.len();
    let subtrees: Vec<Vec<usize>> = (0..n).map(|x| members(parent, x)).collect();
    let mut stage = vec![0usize; n];
    for _round in 0..=n {
        let mut changed = false;
        for i in 0..n {
            let mut s = parent[i].map_or(0, |p| stage[p]);
            for &(a, b) in prereqs {
                if b == i {
                    let inner = subtrees[a].iter().map(|&m| stage[m]).max().unwrap_or(0);
                    s = s.max(inner + 1);
                }
            }
            if s != stage[i] {
                stage[i] = s;
                changed = true;
            }
        }
        if !changed {
            return stage;
        }
    }
    panic!("stages do not converge: the constraints have a cycle");
}

/// Smallest set closed under "needs" (parent, and every member of each
/// prerequisite's source subtree) containing the targets' subtrees.
fn reference_needs(
    parent: &[Option<usize>],
    prereqs: &[(usize, usize)],
    targets: &[usize],
) -> BTreeSet<usize> {
    let mut set = BTreeSet::new();
    let mut work: Vec<usize> = targets.iter().flat_map(|&t| members(parent, t)).collect();
    while let Some(x) = work.pop() {
        if !set.insert(x) {
            continue;
        }
        if let Some(p) = parent[x] {
            work.push(p);
        }
        for &(a, b) in prereqs {
            if b == x {
                work.extend(members(parent, a));
            }
        }
    }
    set
}

// ---------------------------------------------------------------------------
// Generated cases
// ---------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct Case {
    parent: Vec<Option<usize>>,
    prereqs: Vec<(usize, usize)>,
}

/// Random candidate pairs turned into allowed, distinct prerequisites
/// (acyclicity not enforced).
fn allowed_pairs(parent: &[Option<usize>], raw: &[(u32, u32)]) -> Vec<(usize, usize)> {
    let n = parent.len();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &(a, b) in raw {
        let (a, b) = (a as usize % n, b as usize % n);
        if allowed(parent, a, b) && !out.contains(&(a, b)) {
            out.push((a, b));
        }
    }
    out
}

fn tree() -> impl Strategy<Value = Vec<Option<usize>>> {
    prop::collection::vec(any::<u32>(), 1..200).prop_map(|c| tree_from_choices(&c))
}

fn raw_pairs() -> impl Strategy<Value = Vec<(u32, u32)>> {
    prop::collection::vec((any::<u32>(), any::<u32>()), 0..80)
}

/// An outline with allowed prerequisites that may or may not be cyclic.
fn any_case() -> impl Strategy<Value = Case> {
    (tree(), raw_pairs()).prop_map(|(parent, raw)| {
        let prereqs = allowed_pairs(&parent, &raw);
        Case { parent, prereqs }
    })
}

/// An outline with an acyclic set of prerequisites: candidates are kept only
/// when the expanded constraint graph stays acyclic.
fn acyclic_case() -> impl Strategy<Value = Case> {
    (tree(), raw_pairs()).prop_map(|(parent, raw)| {
        let mut g = Expanded::new(&parent, &[]);
        let mut prereqs = Vec::new();
        for (a, b) in allowed_pairs(&parent, &raw) {
            // Adding m -> b for every m in subtree(a) closes a cycle exactly
            // when b already reaches some member of subtree(a).
            let reach = g.reachable_from(b);
            if members(&parent, a).iter().all(|&m| !reach[m]) {
                g.add_prereq(&parent, a, b);
                prereqs.push((a, b));
            }
        }
        Case { parent, prereqs }
    })
}

/// An acyclic case plus one prerequisite that closes a cycle, inserted at a
/// random position of the list.
fn cyclic_case() -> impl Strategy<Value = Case> {
    (acyclic_case(), any::<u32>(), any::<u32>()).prop_filter_map(
        "the outline is a single chain: no prerequisite is allowed",
        |(
            Case {
                parent,
                mut prereqs,
            },
            pick,
            at,
        )| {
            let g = Expanded::new(&parent, &prereqs);
            let n = parent.len();
            // (y, x) closes a cycle when x already reaches y. Try the
            // topics from a random one on, and take the first that reaches
            // some topic unrelated to it.
            let mut closing: Vec<(usize, usize)> = Vec::new();
            for x in (0..n).map(|k| (k + pick as usize) % n) {
                let reach = g.reachable_from(x);
                for (y, &reached) in reach.iter().enumerate() {
                    if reached && allowed(&parent, y, x) {
                        closing.push((y, x));
                    }
                }
                if !closing.is_empty() {
                    break;
                }
            }
            let at = at as usize % (prereqs.len() + 1);
            if closing.is_empty() {
                // No constraint path between unrelated topics yet: a two-edge
                // cycle between any unrelated pair.
                let pairs: Vec<(usize, usize)> = (0..n)
                    .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
                    .filter(|&(a, b)| allowed(&parent, a, b))
                    .collect();
                let &(a, b) = pairs.get(pick as usize % pairs.len().max(1))?;
                prereqs.insert(at, (a, b));
                prereqs.insert(at, (b, a));
            } else {
                prereqs.insert(at, closing[pick as usize % closing.len()]);
            }
            Some(Case { parent, prereqs })
        },
    )
}

// ---------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------

fn check_permutation(order: &[usize], n: usize) -> Result<(), TestCaseError> {
    prop_assert_eq!(order.len(), n);
    let mut seen = vec![false; n];
    for &t in order {
        prop_assert!(t < n, "topic {} out of range", t);
        prop_assert!(!seen[t], "topic {} listed twice", t);
        seen[t] = true;
    }
    Ok(())
}

fn check_constraints(case: &Case, order: &[usize]) -> Result<(), TestCaseError> {
    let n = case.parent.len();
    let mut rank = vec![0; n];
    for (r, &t) in order.iter().enumerate() {
        rank[t] = r;
    }
    for (child, p) in case.parent.iter().enumerate() {
        if let Some(p) = *p {
            prop_assert!(rank[p] < rank[child], "parent {} after child {}", p, child);
        }
    }
    for &(a, b) in &case.prereqs {
        for m in members(&case.parent, a) {
            prop_assert!(
                rank[m] < rank[b],
                "prerequisite {} -> {}: {} (in {}) comes after {}",
                a,
                b,
                m,
                a,
                b
            );
        }
        // A group target: everything in it follows `a` as well.
        for m in members(&case.parent, b) {
            prop_assert!(rank[a] < rank[m], "{} -> {}: {} before {}", a, b, m, a);
        }
    }
    Ok(())
}

/// Two consecutive prerequisites of a reported cycle connect: the first
/// one's target is the next one's source, contains it, or lies inside it.
fn linked(parent: &[Option<usize>], to: usize, from: usize) -> bool {
    to == from || is_ancestor(parent, to, from) || is_ancestor(parent, from, to)
}

proptest! {
    #[test]
    fn generated_trees_are_preorder(parent in tree()) {
        for (i, p) in parent.iter().enumerate() {
            if let Some(p) = *p {
                prop_assert!(p < i);
            }
        }
        let ends = subtree_ends(&parent);
        for (x, &end) in ends.iter().enumerate() {
            prop_assert_eq!(members(&parent, x), (x..end).collect::<Vec<_>>());
        }
    }

    #[test]
    fn outline_order_without_prerequisites(parent in tree()) {
        let o = study_order(&parent, &[]).expect("a tree has no cycle");
        prop_assert_eq!(o.order, (0..parent.len()).collect::<Vec<_>>());
        prop_assert_eq!(o.stage, vec![0; parent.len()]);
    }

    #[test]
    fn order_is_a_permutation_respecting_every_constraint(case in acyclic_case()) {
        let o = study_order(&case.parent, &case.prereqs)
            .map_err(|c| TestCaseError::fail(format!("acyclic input reported {c:?}")))?;
        check_permutation(&o.order, case.parent.len())?;
        check_constraints(&case, &o.order)?;
    }

    #[test]
    fn order_matches_naive_reference(case in acyclic_case()) {
        let expected = Expanded::new(&case.parent, &case.prereqs)
            .order()
            .expect("generated acyclic");
        let o = study_order(&case.parent, &case.prereqs)
            .map_err(|c| TestCaseError::fail(format!("acyclic input reported {c:?}")))?;
        prop_assert_eq!(o.order, expected);
    }

    #[test]
    fn stages_match_definition(case in acyclic_case()) {
        let o = study_order(&case.parent, &case.prereqs)
            .map_err(|c| TestCaseError::fail(format!("acyclic input reported {c:?}")))?;
        prop_assert_eq!(o.stage, reference_stages(&case.parent, &case.prereqs));
    }

    #[test]
    fn prerequisite_order_in_the_list_does_not_matter(case in acyclic_case(), seed in any::<u64>()) {
        let mut shuffled = case.prereqs.clone();
        let mut s = seed | 1;
        for i in (1..shuffled.len()).rev() {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            shuffled.swap(i, (s % (i as u64 + 1)) as usize);
        }
        // A duplicate changes nothing either.
        if let Some(&first) = case.prereqs.first() {
            shuffled.push(first);
        }
        let a = study_order(&case.parent, &case.prereqs).expect("acyclic");
        let b = study_order(&case.parent, &shuffled).expect("acyclic");
        prop_assert_eq!(a, b);
    }

    #[test]
    fn err_exactly_when_the_reference_finds_a_cycle(case in any_case()) {
        let reference = Expanded::new(&case.parent, &case.prereqs).order();
        match (study_order(&case.parent, &case.prereqs), reference) {
            (Ok(o), Some(expected)) => prop_assert_eq!(o.order, expected),
            (Err(Cycles(cycles)), None) => prop_assert!(!cycles.is_empty()),
            (got, expected) => prop_assert!(
                false,
                "study_order gave {:?}, reference {:?}",
                got.map(|o| o.order),
                expected
            ),
        }
    }

    #[test]
    fn cycles_are_reported(case in cyclic_case()) {
        prop_assert!(Expanded::new(&case.parent, &case.prereqs).order().is_none());
        let Err(Cycles(cycles)) = study_order(&case.parent, &case.prereqs) else {
            return Err(TestCaseError::fail("a cyclic input gave an order"));
        };
        prop_assert!(!cycles.is_empty());
        let mut dropped = BTreeSet::new();
        for cycle in &cycles {
            prop_assert!(!cycle.is_empty());
            for (k, &e) in cycle.iter().enumerate() {
                prop_assert!(e < case.prereqs.len());
                let next = cycle[(k + 1) % cycle.len()];
                let (to, from) = (case.prereqs[e].1, case.prereqs[next].0);
                prop_assert!(
                    linked(&case.parent, to, from),
                    "cycle {:?}: {:?} does not lead to {:?}",
                    cycle,
                    case.prereqs[e],
                    case.prereqs[next]
                );
            }
            // Starts at the edge whose source comes first in the outline.
            let first = case.prereqs[cycle[0]].0;
            prop_assert!(cycle.iter().all(|&e| case.prereqs[e].0 >= first));
            dropped.insert(*cycle.iter().max().expect("non-empty"));
        }
        // Dropping the last prerequisite of every reported cycle leaves no
        // cycle: all independent cycles were reported.
        let rest: Vec<(usize, usize)> = case
            .prereqs
            .iter()
            .enumerate()
            .filter(|(k, _)| !dropped.contains(k))
            .map(|(_, &e)| e)
            .collect();
        prop_assert!(Expanded::new(&case.parent, &rest).order().is_some());
    }
}

// ---------------------------------------------------------------------------
// Text level: the same cases written as files and loaded
// ---------------------------------------------------------------------------

const WORDS: &[&str] = &[
    "basics",
    "http",
    "rest api",
    "Caching",
    "design",
    "Testing",
    "OS",
    "queues",
    "TLS",
    "sql",
    "graphs",
    "Deploy",
    "CI/CD",
    "memory",
    "Web Servers",
    "auth",
];

#[derive(Debug, Clone)]
struct Style {
    indent: &'static str,
    /// Lines start with `- `.
    markers: bool,
    /// Lines end with CRLF.
    crlf: bool,
}

fn style() -> impl Strategy<Value = Style> {
    (
        prop::sample::select(vec!["  ", "    ", "\t"]),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(indent, markers, crlf)| Style {
            indent,
            markers,
            crlf,
        })
}

fn label(i: usize, word: u8) -> String {
    format!("t{i} {}", WORDS[word as usize % WORDS.len()])
}

/// Outline text for `parent`; every few lines get a tag or a trailing
/// colon, and blank lines are sprinkled in, none of which changes the
/// labels.
fn outline_text(
    parent: &[Option<usize>],
    labels: &[String],
    style: &Style,
    extra: &[u8],
) -> String {
    let eol = if style.crlf { "\r\n" } else { "\n" };
    let mut depth = vec![0usize; parent.len()];
    let mut s = String::new();
    for (i, p) in parent.iter().enumerate() {
        depth[i] = p.map_or(0, |p| depth[p] + 1);
        let x = extra.get(i).copied().unwrap_or(0);
        if x % 11 == 0 {
            s.push_str(eol);
        }
        s.push_str(&style.indent.repeat(depth[i]));
        if style.markers {
            s.push_str("- ");
        }
        s.push_str(&labels[i]);
        match x % 7 {
            1 => s.push_str(" [recommended]"),
            2 => s.push(':'),
            _ => {}
        }
        s.push_str(eol);
    }
    s
}

fn prereq_text(prereqs: &[(usize, usize)], labels: &[String]) -> String {
    let mut s = String::from("# generated\n");
    for &(a, b) in prereqs {
        s.push_str(&format!("{} -> {}\n", labels[a], labels[b]));
    }
    s
}

fn text_case() -> impl Strategy<Value = (Case, Style, Vec<u8>)> {
    (
        acyclic_case(),
        style(),
        prop::collection::vec(any::<u8>(), 200),
    )
}

proptest! {
    #[test]
    fn loaded_outline_matches_the_tree((case, style, extra) in text_case()) {
        let n = case.parent.len();
        let labels: Vec<String> = (0..n).map(|i| label(i, extra[i])).collect();
        let text = outline_text(&case.parent, &labels, &style, &extra);
        let roadmap = load(&Input::new("gen.txt", text.clone()), &[])
            .map_err(|e| TestCaseError::fail(format!("{e}\n--- input ---\n{text}")))?;
        prop_assert_eq!(roadmap.len(), n);
        let ends = subtree_ends(&case.parent);
        let mut depth = vec![0usize; n];
        for i in 0..n {
            depth[i] = case.parent[i].map_or(0, |p| depth[p] + 1);
            let t = roadmap.topic(i);
            prop_assert_eq!(&t.label, &labels[i]);
            prop_assert_eq!(t.depth, depth[i]);
            prop_assert_eq!(t.position, i);
            prop_assert_eq!(roadmap.parent(i), case.parent[i]);
            prop_assert_eq!(roadmap.subtree(i), i..ends[i]);
            // `find` indexes the whole roadmap on every call: sample it.
            if extra[i] >= 224 {
                prop_assert_eq!(roadmap.find(&labels[i].to_uppercase()), Ok(i));
            }
        }
        let outline_order: Vec<usize> = (0..n).collect();
        prop_assert_eq!(roadmap.order(), outline_order.as_slice());
    }

    #[test]
    fn loaded_prerequisites_give_the_same_order((case, style, extra) in text_case()) {
        let n = case.parent.len();
        let labels: Vec<String> = (0..n).map(|i| label(i, extra[i])).collect();
        let outline = Input::new("gen.txt", outline_text(&case.parent, &labels, &style, &extra));
        let prereqs = Input::new("gen.prereqs", prereq_text(&case.prereqs, &labels));
        let roadmap = load(&outline, &[prereqs])
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let expected = study_order(&case.parent, &case.prereqs).expect("acyclic");
        prop_assert_eq!(roadmap.order(), expected.order.as_slice());
        for i in 0..n {
            prop_assert_eq!(roadmap.stage(i), expected.stage[i]);
            prop_assert_eq!(roadmap.rank(expected.order[i]), i);
        }
        let edges: Vec<(usize, usize)> = roadmap.prerequisites().map(|(a, b, _)| (a, b)).collect();
        prop_assert_eq!(edges, case.prereqs.clone());
        prop_assert!(roadmap.warnings().is_empty());
    }

    #[test]
    fn cyclic_prerequisites_fail_to_load((case, style, extra) in (cyclic_case(), style(), prop::collection::vec(any::<u8>(), 200))) {
        let n = case.parent.len();
        let labels: Vec<String> = (0..n).map(|i| label(i, extra[i])).collect();
        let outline = Input::new("gen.txt", outline_text(&case.parent, &labels, &style, &extra));
        let prereqs = Input::new("gen.prereqs", prereq_text(&case.prereqs, &labels));
        let Err(e) = load(&outline, &[prereqs]) else {
            return Err(TestCaseError::fail("a cyclic input loaded"));
        };
        prop_assert!(e.to_string().contains("cycle: "), "{}", e);
    }

    #[test]
    fn needs_is_the_smallest_closed_set(
        (case, style, extra) in text_case(),
        picks in prop::collection::vec(any::<u32>(), 1..4),
    ) {
        let n = case.parent.len();
        let labels: Vec<String> = (0..n).map(|i| label(i, extra[i])).collect();
        let outline = Input::new("gen.txt", outline_text(&case.parent, &labels, &style, &extra));
        let prereqs = Input::new("gen.prereqs", prereq_text(&case.prereqs, &labels));
        let roadmap = load(&outline, &[prereqs]).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let targets: Vec<usize> = picks.iter().map(|&p| p as usize % n).collect();
        let needs = roadmap.needs(&targets);
        let expected = reference_needs(&case.parent, &case.prereqs, &targets);
        let in_order: Vec<usize> = roadmap.order().iter().copied().filter(|i| expected.contains(i)).collect();
        prop_assert_eq!(needs, in_order);
    }
}

// ---------------------------------------------------------------------------
// Shared labels: ids and path references
// ---------------------------------------------------------------------------

/// Labels that collide, also after slugging and lowercasing.
const SHARED: &[&str] = &["A", "b", "A B", "a-b", "x", "a b 2"];

fn shared_labels(n: usize, words: &[u8]) -> Vec<String> {
    (0..n)
        .map(|i| SHARED[words[i] as usize % SHARED.len()].to_string())
        .collect()
}

proptest! {
    #[test]
    fn ids_are_unique_with_shared_labels(
        parent in tree(),
        words in prop::collection::vec(any::<u8>(), 200),
    ) {
        let labels = shared_labels(parent.len(), &words);
        let style = Style { indent: "  ", markers: false, crlf: false };
        let text = outline_text(&parent, &labels, &style, &[3; 200]);
        let roadmap = load(&Input::new("gen.txt", text.clone()), &[])
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut seen = std::collections::HashMap::new();
        for t in roadmap.topics() {
            prop_assert!(!t.id.is_empty());
            if let Some(first) = seen.insert(t.id.clone(), t.position) {
                prop_assert!(false, "id {} given to {} and {}\n{}", t.id, first, t.position, text);
            }
        }
    }

    #[test]
    fn full_paths_find_their_topic_unless_another_path_ends_the_same(
        parent in tree(),
        words in prop::collection::vec(any::<u8>(), 200),
    ) {
        let n = parent.len();
        let labels = shared_labels(n, &words);
        let style = Style { indent: "\t", markers: true, crlf: false };
        let text = outline_text(&parent, &labels, &style, &[3; 200]);
        let roadmap = load(&Input::new("gen.txt", text), &[])
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let paths: Vec<Vec<String>> = (0..n)
            .map(|i| {
                let mut p = vec![labels[i].to_lowercase()];
                let mut at = parent[i];
                while let Some(a) = at {
                    p.push(labels[a].to_lowercase());
                    at = parent[a];
                }
                p.reverse();
                p
            })
            .collect();
        // `find` indexes the whole roadmap on every call: sample it.
        for i in (0..n).filter(|&i| words[i] < 32) {
            let reference = roadmap.path(i).join(" > ");
            let matching = (0..n).filter(|&j| paths[j].ends_with(&paths[i])).count();
            match roadmap.find(&reference) {
                Ok(j) => prop_assert!(j == i && matching == 1, "`{}` found {}, expected {}", reference, j, i),
                Err(roadmapper::DiagnosticKind::AmbiguousTopic { candidates, count, .. }) => {
                    prop_assert_eq!(count, matching);
                    prop_assert_eq!(candidates.len(), matching.min(roadmapper::diagnostic::MAX_LISTED));
                }
                Err(other) => prop_assert!(false, "`{}`: {:?}", reference, other),
            }
        }
    }
}

proptest! {
    /// Each group may indent its children by its own amount (1 to 4 spaces
    /// or tabs more than itself); only siblings must line up.
    #[test]
    fn irregular_indentation_loads_the_same_tree(
        parent in tree(),
        steps in prop::collection::vec(1usize..5, 200),
        tabs in any::<bool>(),
    ) {
        let n = parent.len();
        let unit = if tabs { "\t" } else { " " };
        let mut width = vec![0usize; n];
        let mut text = String::new();
        for (i, p) in parent.iter().enumerate() {
            width[i] = p.map_or(0, |p| width[p] + steps[p]);
            text.push_str(&unit.repeat(width[i]));
            text.push_str(&format!("topic {i}\n"));
        }
        let roadmap = load(&Input::new("gen.txt", text.clone()), &[])
            .map_err(|e| TestCaseError::fail(format!("{e}\n--- input ---\n{text}")))?;
        prop_assert_eq!(roadmap.len(), n);
        for (i, &p) in parent.iter().enumerate() {
            prop_assert_eq!(roadmap.parent(i), p, "topic {}\n{}", i, text);
        }
    }
}

proptest! {
    /// Markdown as markmap reads it: the top levels as `#` headings, the
    /// rest as nested list items under the heading above them, each level
    /// indented to its parent item's content (2 columns for `- `, 3 for
    /// `1. `, as CommonMark nests them).
    #[test]
    fn markdown_headings_and_lists_load_the_same_tree(
        parent in tree(),
        heading_levels in 0usize..4,
        marker in prop::sample::select(vec!["- ", "* ", "+ ", "1. "]),
    ) {
        let n = parent.len();
        let mut depth = vec![0usize; n];
        let mut text = String::new();
        for (i, p) in parent.iter().enumerate() {
            depth[i] = p.map_or(0, |p| depth[p] + 1);
            if depth[i] < heading_levels {
                text.push('\n');
                text.push_str(&"#".repeat(depth[i] + 1));
                text.push(' ');
            } else {
                // CommonMark nests an item under another when it starts at
                // the other's content column: the marker's width.
                text.push_str(&" ".repeat(marker.len()).repeat(depth[i] - heading_levels));
                text.push_str(marker);
            }
            text.push_str(&format!("topic {i}\n"));
        }
        let roadmap = load(&Input::new("gen.md", text.clone()), &[])
            .map_err(|e| TestCaseError::fail(format!("{e}\n--- input ---\n{text}")))?;
        prop_assert_eq!(roadmap.len(), n);
        for (i, &p) in parent.iter().enumerate() {
            prop_assert_eq!(roadmap.parent(i), p, "topic {}\n{}", i, text);
            prop_assert_eq!(&roadmap.topic(i).label, &format!("topic {i}"));
        }
    }
}

#[test]
fn empty_outline() {
    let o = study_order(&[], &[]).expect("nothing to order");
    assert!(o.order.is_empty() && o.stage.is_empty());
    let roadmap = load(&Input::new("empty.txt", "\n\n"), &[]).expect("an empty outline loads");
    assert!(roadmap.is_empty());
    assert!(roadmap.order().is_empty());
}
