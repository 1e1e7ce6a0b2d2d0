//! Stage 3: the study order and its stages.
//!
//! The constraints are: a parent before its children, and each
//! prerequisite `A -> B` under the group rule (`A -> G` puts A before the
//! group G and so before everything in it; `G -> B` puts everything inside
//! G before B). The study order is Kahn's algorithm over those constraints
//! that always takes, among the available topics, the one that comes first
//! in the outline; without prerequisites it is the outline order.
//!
//! The algorithms here work on plain index arrays (topics are numbered in
//! outline order), so they are independent of the graph representation.
//! "Everything inside G before B" is not expanded into one edge per member
//! of G: each such group gets a virtual *done* node that waits for the group
//! and its children, so the constraint graph stays linear in size.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Marks a constraint that is not a prerequisite (nesting), and a topic
/// without a done node.
pub(crate) const NO_EDGE: usize = usize::MAX;

/// The constraint graph in compressed sparse row form. Also read by
/// [`crate::implied`], which searches it backwards.
pub(crate) struct Constraints {
    /// Number of real topics; nodes `n..` are virtual done nodes.
    pub(crate) n: usize,
    /// `done[g]`: the node of group g's virtual done node, or `NO_EDGE`.
    pub(crate) done: Vec<usize>,
    /// `offsets[u]..offsets[u + 1]` indexes `succ` for node u.
    offsets: Vec<usize>,
    /// (target, prerequisite index or `NO_EDGE`).
    succ: Vec<(usize, usize)>,
    pred_offsets: Vec<usize>,
    /// (source, prerequisite index or `NO_EDGE`).
    pred: Vec<(usize, usize)>,
}

impl Constraints {
    pub(crate) fn build(parent: &[Option<usize>], prereqs: &[(usize, usize)]) -> Constraints {
        let n = parent.len();
        let mut has_children = vec![false; n];
        for p in parent.iter().flatten() {
            has_children[*p] = true;
        }
        // done[g] = index of g's virtual node, for groups used as a source and
        // every group inside one (parents precede children in outline order).
        let mut is_source = vec![false; n];
        for &(from, _) in prereqs {
            is_source[from] = true;
        }
        let mut done = vec![NO_EDGE; n];
        let mut next = n;
        for i in 0..n {
            let inside_one = parent[i].is_some_and(|p| done[p] != NO_EDGE);
            if has_children[i] && (is_source[i] || inside_one) {
                done[i] = next;
                next += 1;
            }
        }
        let total = next;
        let finished = |x: usize| if done[x] == NO_EDGE { x } else { done[x] };

        let mut edges: Vec<(usize, usize, usize)> = Vec::with_capacity(2 * n + prereqs.len());
        for (child, p) in parent.iter().enumerate() {
            if let Some(p) = *p {
                edges.push((p, child, NO_EDGE));
                if done[p] != NO_EDGE {
                    edges.push((finished(child), done[p], NO_EDGE));
                }
            }
            if done[child] != NO_EDGE {
                edges.push((child, done[child], NO_EDGE));
            }
        }
        for (k, &(from, to)) in prereqs.iter().enumerate() {
            edges.push((finished(from), to, k));
        }

        let (offsets, succ) = csr(total, edges.iter().map(|&(u, v, k)| (u, (v, k))));
        let (pred_offsets, pred) = csr(total, edges.iter().map(|&(u, v, k)| (v, (u, k))));
        Constraints {
            n,
            done,
            offsets,
            succ,
            pred_offsets,
            pred,
        }
    }

    pub(crate) fn total(&self) -> usize {
        self.offsets.len() - 1
    }

    /// (target, prerequisite index or `NO_EDGE`) of each constraint out of u.
    pub(crate) fn succ(&self, u: usize) -> &[(usize, usize)] {
        &self.succ[self.offsets[u]..self.offsets[u + 1]]
    }

    /// (source, prerequisite index or `NO_EDGE`) of each constraint into u.
    pub(crate) fn pred(&self, u: usize) -> &[(usize, usize)] {
        &self.pred[self.pred_offsets[u]..self.pred_offsets[u + 1]]
    }
}

/// Counting sort of (key, value) pairs into offsets and values, keeping the
/// input order within a key.
fn csr<T: Copy + Default>(
    nodes: usize,
    items: impl Iterator<Item = (usize, T)> + Clone,
) -> (Vec<usize>, Vec<T>) {
    let mut offsets = vec![0usize; nodes + 1];
    for (k, _) in items.clone() {
        offsets[k + 1] += 1;
    }
    for i in 0..nodes {
        offsets[i + 1] += offsets[i];
    }
    let mut fill = offsets.clone();
    let mut values = vec![T::default(); offsets[nodes]];
    for (k, v) in items {
        values[fill[k]] = v;
        fill[k] += 1;
    }
    (offsets, values)
}

/// The result of [`study_order`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    /// Topic indices in study order.
    pub order: Vec<usize>,
    /// Stage of each topic (indexed by topic): the largest of its parent's
    /// stage and 1 + the stage of each prerequisite (for a group
    /// prerequisite, of everything inside it); roots are stage 0.
    pub stage: Vec<usize>,
}

/// Why no study order exists: cycles, each a list of prerequisite indices
/// in the order they are followed, starting at the edge whose source comes
/// first in the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cycles(pub Vec<Vec<usize>>);

/// Computes the study order and stages.
///
/// `parent[i]` is topic i's parent; topics are numbered in outline order, so
/// a parent's number is smaller than its children's and a subtree is a
/// contiguous run. `prereqs` are (from, to) pairs: `from` is learned before
/// `to`; neither may be inside the other (that is rejected earlier).
///
/// On cycles, returns every cycle found: after finding one, it drops the
/// cycle's last prerequisite and carries on, so independent cycles are all
/// reported.
///
/// O((n + p) log n) for n topics and p prerequisites.
///
/// ```
/// use roadmapper::order::study_order;
/// // 0: A, 1: A/x, 2: B
/// let parent = [None, Some(0), None];
/// assert_eq!(study_order(&parent, &[]).unwrap().order, [0, 1, 2]);
/// // B before A (and so before A/x).
/// let o = study_order(&parent, &[(2, 0)]).unwrap();
/// assert_eq!(o.order, [2, 0, 1]);
/// assert_eq!(o.stage, [1, 1, 0]);
/// // A cycle through the group: A/x -> B -> A.
/// assert!(study_order(&[None, Some(0), None], &[(1, 2), (2, 0)]).is_err());
/// ```
pub fn study_order(parent: &[Option<usize>], prereqs: &[(usize, usize)]) -> Result<Order, Cycles> {
    let c = Constraints::build(parent, prereqs);
    let total = c.total();
    let mut indegree = vec![0usize; total];
    for &(v, _) in &c.succ {
        indegree[v] += 1;
    }
    let mut stage = vec![0usize; total];
    let mut emitted = vec![false; total];
    let mut dropped = vec![false; prereqs.len()];
    let mut order = Vec::with_capacity(c.n);
    let mut heap: BinaryHeap<Reverse<usize>> = BinaryHeap::new();
    let mut ready_virtual: Vec<usize> = Vec::new();
    let mut cycles = Vec::new();
    let mut processed = 0;
    let mut walker = CycleWalker::new(total);

    let push = |v: usize, heap: &mut BinaryHeap<Reverse<usize>>, rv: &mut Vec<usize>| {
        if v < c.n {
            heap.push(Reverse(v));
        } else {
            rv.push(v);
        }
    };
    for (v, &d) in indegree.iter().enumerate() {
        if d == 0 {
            push(v, &mut heap, &mut ready_virtual);
        }
    }

    loop {
        let u = if let Some(v) = ready_virtual.pop() {
            v
        } else if let Some(Reverse(u)) = heap.pop() {
            u
        } else if processed < total {
            // Stuck: every remaining node waits on another. Report a cycle,
            // drop its last prerequisite, carry on.
            let cycle = walker.find_cycle(&c, &emitted, &dropped);
            let Some(&last) = cycle.iter().max() else {
                unreachable!("a cycle always has a prerequisite: containment is a tree");
            };
            dropped[last] = true;
            let to = prereqs[last].1;
            indegree[to] -= 1;
            if indegree[to] == 0 {
                push(to, &mut heap, &mut ready_virtual);
            }
            cycles.push(rotate(cycle, prereqs));
            continue;
        } else {
            break;
        };
        processed += 1;
        emitted[u] = true;
        if u < c.n {
            order.push(u);
        }
        for &(v, k) in c.succ(u) {
            if k != NO_EDGE && dropped[k] {
                continue;
            }
            let step = usize::from(k != NO_EDGE);
            stage[v] = stage[v].max(stage[u] + step);
            indegree[v] -= 1;
            if indegree[v] == 0 {
                push(v, &mut heap, &mut ready_virtual);
            }
        }
    }

    if cycles.is_empty() {
        stage.truncate(c.n);
        Ok(Order { order, stage })
    } else {
        Err(Cycles(cycles))
    }
}

/// Finds cycles among the stuck nodes. Its buffers live across calls and
/// its start cursor only moves forward, so reporting many cycles stays
/// near-linear instead of costing O(n) each.
struct CycleWalker {
    /// Where the search for an unprocessed node resumes: processed nodes
    /// never become unprocessed again.
    cursor: usize,
    /// `seen[v] == (walk, step)` when the current walk reached v at step.
    seen: Vec<(usize, usize)>,
    walk: usize,
}

impl CycleWalker {
    fn new(total: usize) -> Self {
        CycleWalker {
            cursor: 0,
            seen: vec![(0, 0); total],
            walk: 0,
        }
    }

    /// Walks backwards from a stuck node along stuck predecessors until a
    /// node repeats; returns the prerequisites on that cycle in forward order.
    fn find_cycle(&mut self, c: &Constraints, emitted: &[bool], dropped: &[bool]) -> Vec<usize> {
        while emitted[self.cursor] {
            self.cursor += 1;
        }
        self.walk += 1;
        // edges[i] is the prerequisite (or NO_EDGE) on the edge from the node
        // reached at step i + 1 to the node reached at step i.
        let mut edges: Vec<usize> = Vec::new();
        let mut v = self.cursor;
        while self.seen[v].0 != self.walk {
            self.seen[v] = (self.walk, edges.len());
            let &(p, k) = c
                .pred(v)
                .iter()
                .find(|&&(p, k)| !emitted[p] && (k == NO_EDGE || !dropped[k]))
                .expect("an unprocessed node has an unprocessed predecessor");
            edges.push(k);
            v = p;
        }
        // edges[step of v..] close the cycle through v; reversed, they run forward.
        edges[self.seen[v].1..]
            .iter()
            .rev()
            .copied()
            .filter(|&k| k != NO_EDGE)
            .collect()
    }
}

/// Rotates a cycle so that it starts at the edge whose source comes first
/// in the outline.
fn rotate(mut cycle: Vec<usize>, prereqs: &[(usize, usize)]) -> Vec<usize> {
    if let Some(first) = (0..cycle.len()).min_by_key(|&i| (prereqs[cycle[i]].0, cycle[i])) {
        cycle.rotate_left(first);
    }
    cycle
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outline_order_without_prerequisites() {
        let parent = [None, Some(0), Some(1), Some(0), None, Some(4)];
        let o = study_order(&parent, &[]).unwrap();
        assert_eq!(o.order, [0, 1, 2, 3, 4, 5]);
        assert_eq!(o.stage, [0; 6]);
    }

    #[test]
    fn smallest_available_first() {
        // 0 A, 1 B, 2 C, 3 D; D before B.
        let parent = [None, None, None, None];
        assert_eq!(study_order(&parent, &[(3, 1)]).unwrap().order, [0, 2, 3, 1]);
    }

    #[test]
    fn group_source_waits_for_whole_group() {
        // 0 G, 1 G/a, 2 G/a/x, 3 G/b, 4 B; G -> B where B comes... first put B early:
        // outline: 0 B, 1 G, 2 G/a, 3 G/a/x, 4 G/b ; G -> B.
        let parent = [None, None, Some(1), Some(2), Some(1)];
        let o = study_order(&parent, &[(1, 0)]).unwrap();
        assert_eq!(o.order, [1, 2, 3, 4, 0]);
        assert_eq!(o.stage, [1, 0, 0, 0, 0]);
    }

    #[test]
    fn group_target_and_stages() {
        // 0 A, 1 G, 2 G/x ; A -> G, x -> B(3)
        let parent = [None, None, Some(1), None];
        let o = study_order(&parent, &[(0, 1), (2, 3)]).unwrap();
        assert_eq!(o.order, [0, 1, 2, 3]);
        assert_eq!(o.stage, [0, 1, 1, 2]);
    }

    #[test]
    fn reports_every_independent_cycle() {
        // 0 A 1 B 2 C 3 D: A<->B, C<->D.
        let parent = [None; 4];
        let prereqs = [(0, 1), (1, 0), (2, 3), (3, 2)];
        let Cycles(cycles) = study_order(&parent, &prereqs).unwrap_err();
        assert_eq!(cycles, [vec![0, 1], vec![2, 3]]);
    }

    #[test]
    fn cycle_through_a_group() {
        // 0 G, 1 G/x, 2 B: G -> B (group source), B -> ... no: x -> B, B -> G.
        let parent = [None, Some(0), None];
        let Cycles(cycles) = study_order(&parent, &[(1, 2), (2, 0)]).unwrap_err();
        assert_eq!(cycles, [vec![0, 1]]);
        // Group as source: G -> B, B -> x.
        let Cycles(cycles) = study_order(&parent, &[(0, 2), (2, 1)]).unwrap_err();
        assert_eq!(cycles, [vec![0, 1]]);
    }
}
