//! Stage 3b: implied prerequisites, the ones the nesting and the other
//! prerequisites already enforce, so posters need not draw them.
//!
//! A prerequisite `A -> B` asks for every topic of A's subtree before B;
//! the nesting puts each parent before its children. The constraint graph
//! is [`crate::order`]'s: topics plus a virtual *done* node per group used
//! as a source (and per group inside one), so a group prerequisite is one
//! edge. `A -> B` is *implied* when, without it, B can still be reached from
//! every leaf of A's subtree (the inner topics of the subtree come before
//! its leaves, so the leaves suffice). Reaching `done(A)` would not be
//! enough: `a1 -> B` and `a2 -> B` together imply `A -> B` when a1 and a2
//! are A's only leaves, although no path leaves `done(A)`.
//!
//! Prerequisites are dropped one at a time in file order (first `--prereqs`
//! file first), each tested against the prerequisites still kept. Dropping
//! an implied constraint leaves the transitive closure as it was, so the
//! study order and the stages do not change; the order matters only where
//! several prerequisites say the same thing in different words (`A -> B`
//! versus `a1 -> B` and `a2 -> B` above: the earlier lines are dropped).
//! What is kept is irredundant: no kept prerequisite is implied by the
//! other kept ones.
//!
//! Each test is a search backwards from B over the constraints, pruned by
//! the study order: a node that comes before A cannot lie on a path that
//! starts inside A's subtree (a done node counts as its subtree's last
//! topic), and the search stops as soon as every leaf of A's subtree is
//! found. Building the constraint graph costs O(n + p) for n topics and p
//! prerequisites; each test costs O(w), the nodes and constraints between A
//! and B in the study order that reach B, so the whole reduction is
//! O(n + p + p·w), O(p·(n + p)) at worst. On generated and curriculum-like
//! roadmaps w stays small: prerequisites that are far apart in the study
//! order mostly have nothing reaching their target, and the search dies
//! after a step or two.

use crate::order::{Constraints, NO_EDGE};

/// Finds implied prerequisites and explains them. Built once per roadmap;
/// its buffers are reused by every search.
pub struct Reducer<'a> {
    /// The prerequisites; empty when the input was out of range.
    prereqs: &'a [(usize, usize)],
    /// How many were given.
    count: usize,
    c: Constraints,
    /// One past the last topic of each topic's subtree.
    end: Vec<usize>,
    /// `leaves[i]`: the leaves among topics `0..i` (prefix sums).
    leaves: Vec<usize>,
    /// Position in the study order of each node (a done node: of the last
    /// topic of its subtree).
    key: Vec<usize>,
    /// A depth-first interval of each node, `(low, post)`: when u reaches
    /// v, v's interval lies inside u's.
    interval: Vec<(u32, u32)>,
    /// `mark[v] == stamp` when the current search reached v.
    mark: Vec<u32>,
    stamp: u32,
    /// For [`Reducer::witness`]: the node each reached node leads to and
    /// the prerequisite on the way (or `NO_EDGE`).
    via: Vec<(usize, usize)>,
    stack: Vec<usize>,
    /// The forward search's marks (same stamps) and stack.
    forward_mark: Vec<u32>,
    forward: Vec<usize>,
    /// The first leaf of each topic's subtree, in outline order.
    first_leaf: Vec<usize>,
}

/// Why a prerequisite is implied: the kept prerequisites that together
/// enforce it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Witness {
    /// Prerequisite indices in the order they are followed (from A towards
    /// B), each once.
    pub edges: Vec<usize>,
    /// Whether they form one chain from A to B (linked by the nesting);
    /// otherwise each leaf of A's subtree follows a part of them.
    pub chain: bool,
}

impl<'a> Reducer<'a> {
    /// Prepares the constraint graph. `parent` and `prereqs` are as for
    /// [`crate::order::study_order`] (outline positions, no prerequisite
    /// between a group and its inside); `order` is their study order. On
    /// input without a study order (a cycle) the results are meaningless
    /// but nothing panics.
    pub fn new(
        parent: &[Option<usize>],
        prereqs: &'a [(usize, usize)],
        order: &[usize],
    ) -> Reducer<'a> {
        let n = parent.len();
        // Out-of-range input (never from a Roadmap) is read as no input,
        // rather than indexing out of bounds.
        let parent: Vec<Option<usize>> = parent
            .iter()
            .enumerate()
            .map(|(i, p)| p.filter(|&p| p < i))
            .collect();
        let parent = parent.as_slice();
        let valid = prereqs.iter().all(|&(a, b)| a < n && b < n && a != b);
        let c = Constraints::build(parent, if valid { prereqs } else { &[] });
        let count = prereqs.len();
        let prereqs = if valid { prereqs } else { &[] };
        let mut end: Vec<usize> = (1..=n).collect();
        let mut has_children = vec![false; n];
        for i in (0..n).rev() {
            if let Some(p) = parent[i].filter(|&p| p < i) {
                end[p] = end[p].max(end[i]);
                has_children[p] = true;
            }
        }
        // A group's first child follows it, so its first leaf is its
        // first child's.
        let mut first_leaf: Vec<usize> = (0..n).collect();
        for i in (0..n.saturating_sub(1)).rev() {
            if has_children[i] {
                first_leaf[i] = first_leaf[i + 1];
            }
        }
        let mut leaves = Vec::with_capacity(n + 1);
        leaves.push(0);
        for (i, &inner) in has_children.iter().enumerate() {
            leaves.push(leaves[i] + usize::from(!inner));
        }
        let total = c.total();
        let mut key = vec![0; total];
        for (at, &t) in order.iter().enumerate() {
            if let Some(k) = key.get_mut(t) {
                *k = at;
            }
        }
        // A subtree's last topic in the study order, children before parents.
        let mut last = key[..n.min(total)].to_vec();
        for i in (0..n).rev() {
            if let Some(p) = parent[i].filter(|&p| p < i) {
                last[p] = last[p].max(last[i]);
            }
        }
        for (g, &d) in c.done.iter().enumerate() {
            if d != NO_EDGE {
                key[d] = last[g];
            }
        }
        let interval = intervals(&c);
        Reducer {
            prereqs,
            count,
            interval,
            c,
            end,
            leaves,
            key,
            mark: vec![0; total],
            forward_mark: vec![0; total],
            forward: Vec::new(),
            first_leaf,
            stamp: 0,
            via: Vec::new(),
            stack: Vec::new(),
        }
    }

    /// Which prerequisites are implied, by index: each is tested in turn
    /// against the ones kept so far and the ones not yet tested.
    ///
    /// ```
    /// use roadmapper::implied::Reducer;
    /// // 0: Web, 1: HTTP, 2: REST, 3: GraphQL.
    /// let parent = [None, Some(0), Some(0), Some(0)];
    /// // HTTP -> GraphQL follows from HTTP -> REST and REST -> GraphQL.
    /// let prereqs = [(1, 3), (1, 2), (2, 3)];
    /// let order = [0, 1, 2, 3];
    /// assert_eq!(Reducer::new(&parent, &prereqs, &order).reduce(), [true, false, false]);
    /// ```
    pub fn reduce(&mut self) -> Vec<bool> {
        let mut dropped = vec![false; self.count];
        for k in 0..self.prereqs.len() {
            if self.search(k, &dropped, false) {
                dropped[k] = true;
            }
        }
        dropped
    }

    /// Explains why prerequisite `k` is implied by the prerequisites not in
    /// `dropped` (the result of [`Reducer::reduce`]): `None` when it is not.
    ///
    /// ```
    /// use roadmapper::implied::{Reducer, Witness};
    /// let parent = [None, Some(0), Some(0), Some(0)];
    /// let prereqs = [(1, 3), (1, 2), (2, 3)];
    /// let mut r = Reducer::new(&parent, &prereqs, &[0, 1, 2, 3]);
    /// let dropped = r.reduce();
    /// assert_eq!(r.witness(0, &dropped), Some(Witness { edges: vec![1, 2], chain: true }));
    /// assert_eq!(r.witness(1, &dropped), None);
    /// ```
    pub fn witness(&mut self, k: usize, dropped: &[bool]) -> Option<Witness> {
        if k >= self.prereqs.len() || !self.search(k, dropped, true) {
            return None;
        }
        let (a, b) = self.prereqs[k];
        let walked = self.stamp;
        let walking = self.next_stamp();
        // Each leaf's path towards b, until it meets one walked before: the
        // first leaf's path whole, then only what the others add.
        let mut edges = Vec::new();
        let mut first = None;
        for x in a..self.end[a] {
            if self.leaves[x + 1] == self.leaves[x] || self.mark[x] != walked {
                continue;
            }
            let mut v = x;
            while v != b && self.mark[v] == walked {
                self.mark[v] = walking;
                let (next, e) = self.via[v];
                if e != NO_EDGE {
                    edges.push(e);
                }
                v = next;
            }
            first.get_or_insert(edges.len());
        }
        let chain = first == Some(edges.len());
        Some(Witness { edges, chain })
    }

    /// A stamp no node carries yet.
    fn next_stamp(&mut self) -> u32 {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.mark.iter_mut().for_each(|m| *m = 0);
            self.stamp = 1;
        }
        self.stamp
    }

    /// Searches backwards from prerequisite k's target without k and the
    /// `dropped` ones; true when every leaf of the source's subtree is
    /// reached. With `record`, notes in `via` how each node was reached.
    ///
    /// A forward search from one leaf of the source runs alongside, a step
    /// each in turn. When it runs out without meeting the backward search,
    /// that leaf does not reach the target: the answer is no. When they
    /// meet, the leaf reaches the target: if it is the source's only leaf,
    /// the answer is yes (unless recording, which needs the whole path).
    /// So most prerequisites cost about twice the smaller search.
    fn search(&mut self, k: usize, dropped: &[bool], record: bool) -> bool {
        let (a, b) = self.prereqs[k];
        let n = self.c.n;
        if a >= n || b >= n {
            return false;
        }
        let need = self.leaves[self.end[a]] - self.leaves[a];
        let (lo, hi) = (self.key[a], self.key[b]);
        let (a_low, a_post) = self.interval[a];
        let (b_low, b_post) = self.interval[b];
        if self.stamp >= u32::MAX - 1 {
            // Leaves room for the stamp of a witness's walk.
            self.mark.iter_mut().for_each(|m| *m = 0);
            self.forward_mark.iter_mut().for_each(|m| *m = 0);
            self.stamp = 0;
        }
        let stamp = self.next_stamp();
        if record && self.via.len() != self.mark.len() {
            self.via = vec![(NO_EDGE, NO_EDGE); self.mark.len()];
        }
        let skipped =
            |e: usize| e == k || (e != NO_EDGE && dropped.get(e).copied().unwrap_or(false));
        // What meeting proves: the leaf reaches b; with one leaf, all do.
        let proves = need == 1 && !record;
        self.mark[b] = stamp;
        self.stack.clear();
        self.stack.push(b);
        let leaf = self.first_leaf[a];
        self.forward_mark[leaf] = stamp;
        self.forward.clear();
        self.forward.push(leaf);
        let mut forward = true;
        let mut found = 0;
        loop {
            let Some(v) = self.stack.pop() else {
                return false;
            };
            for &(u, e) in self.c.pred(v) {
                if skipped(e)
                    || self.key[u] < lo
                    || self.mark[u] == stamp
                    || self.interval[u].0 < a_low
                    || self.interval[u].1 > a_post
                {
                    continue;
                }
                self.mark[u] = stamp;
                if record {
                    self.via[u] = (v, e);
                }
                if u >= a && u < self.end[a] && self.leaves[u + 1] > self.leaves[u] {
                    found += 1;
                    if found == need {
                        return true;
                    }
                }
                if forward && self.forward_mark[u] == stamp {
                    if proves {
                        return true;
                    }
                    forward = false;
                }
                self.stack.push(u);
            }
            if !forward {
                continue;
            }
            let Some(v) = self.forward.pop() else {
                return false;
            };
            for &(w, e) in self.c.succ(v) {
                if skipped(e)
                    || self.key[w] > hi
                    || self.forward_mark[w] == stamp
                    || self.interval[w].0 > b_low
                    || self.interval[w].1 < b_post
                {
                    continue;
                }
                if self.mark[w] == stamp {
                    // The leaf reaches b (w is b, or reaches it).
                    if proves {
                        return true;
                    }
                    forward = false;
                    break;
                }
                self.forward_mark[w] = stamp;
                self.forward.push(w);
            }
        }
    }
}

/// Depth-first intervals (GRAIL's labels): `post` numbers nodes as a
/// depth-first search finishes them, `low` is the smallest `post` a node
/// reaches. When u reaches v, `low(u) <= low(v)` and `post(v) <= post(u)`,
/// so a node whose interval is not inside A's cannot be reached from A.
/// O(nodes + constraints).
fn intervals(c: &Constraints) -> Vec<(u32, u32)> {
    let total = c.total();
    let mut interval = vec![(u32::MAX, u32::MAX); total];
    let mut entered = vec![false; total];
    let mut next = 0u32;
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for start in 0..total {
        if entered[start] {
            continue;
        }
        entered[start] = true;
        stack.push((start, 0));
        while let Some((v, i)) = stack.last_mut() {
            let v = *v;
            if let Some(&(w, _)) = c.succ(v).get(*i) {
                *i += 1;
                if !entered[w] {
                    entered[w] = true;
                    stack.push((w, 0));
                }
            } else {
                stack.pop();
                let post = next;
                next += 1;
                let low = c
                    .succ(v)
                    .iter()
                    .map(|&(w, _)| interval[w].0)
                    .fold(post, u32::min);
                interval[v] = (low, post);
            }
        }
    }
    interval
}

/// Which prerequisites are implied: [`Reducer::reduce`] in one call.
pub fn implied(parent: &[Option<usize>], prereqs: &[(usize, usize)], order: &[usize]) -> Vec<bool> {
    Reducer::new(parent, prereqs, order).reduce()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(parent: &[Option<usize>], prereqs: &[(usize, usize)]) -> Vec<bool> {
        let order = crate::order::study_order(parent, prereqs)
            .expect("test cases have no cycle")
            .order;
        implied(parent, prereqs, &order)
    }

    #[test]
    fn nothing_dropped_when_nothing_is_implied() {
        // 0 A, 1 B, 2 C, 3 D: a path and a fork.
        let parent = [None; 4];
        assert_eq!(reduce(&parent, &[(0, 1), (1, 2), (0, 3)]), [false; 3]);
        assert_eq!(reduce(&parent, &[]), Vec::<bool>::new());
    }

    #[test]
    fn chains_imply_the_shortcut() {
        // A -> B -> C -> D makes A -> C, A -> D and B -> D implied.
        let parent = [None; 4];
        let prereqs = [(0, 2), (0, 1), (1, 2), (2, 3), (0, 3), (1, 3)];
        assert_eq!(
            reduce(&parent, &prereqs),
            [true, false, false, false, true, true]
        );
    }

    #[test]
    fn nesting_links_a_chain() {
        // 0 Root, 1 Net, 2 HTTP, 3 DNS, 4 Sec, 5 TLS.
        let parent = [None, Some(0), Some(1), Some(1), Some(0), Some(4)];
        // Net -> Sec puts every topic of Net before Sec and so before TLS.
        assert_eq!(
            reduce(&parent, &[(1, 4), (3, 5), (2, 4)]),
            [false, true, true]
        );
        // A -> G implies A -> anything inside G.
        assert_eq!(reduce(&parent, &[(2, 4), (2, 5)]), [false, true]);
        // Net -> TLS implies HTTP -> TLS (HTTP is in Net), not the other
        // way round: DNS is in Net too.
        assert_eq!(reduce(&parent, &[(2, 5), (1, 5)]), [true, false]);
        assert_eq!(reduce(&parent, &[(1, 5), (2, 5)]), [false, true]);
    }

    #[test]
    fn a_group_is_implied_only_by_all_its_leaves() {
        // 0 A, 1 a1, 2 a2, 3 B.
        let parent = [None, Some(0), Some(0), None];
        assert_eq!(reduce(&parent, &[(0, 3), (1, 3)]), [false, true]);
        assert_eq!(reduce(&parent, &[(1, 3), (0, 3)]), [true, false]);
        // A nested leaf: 0 A, 1 a1, 2 a2, 3 a2/x, 4 B; A's leaves are a1
        // and x, so a1 -> B and x -> B (or a2 -> B) imply A -> B.
        let parent = [None, Some(0), Some(0), Some(2), None];
        assert_eq!(
            reduce(&parent, &[(0, 4), (1, 4), (3, 4)]),
            [true, false, false]
        );
        assert_eq!(
            reduce(&parent, &[(0, 4), (1, 4), (2, 4)]),
            [true, false, false]
        );
        // Without x -> B, a2's inside is not covered.
        assert_eq!(reduce(&parent, &[(0, 4), (1, 4)]), [false, true]);
    }

    #[test]
    fn file_order_breaks_ties() {
        // A -> B says what a1 -> B and a2 -> B say together: whichever
        // comes first in the file is dropped.
        let parent = [None, Some(0), Some(0), None];
        assert_eq!(
            reduce(&parent, &[(0, 3), (1, 3), (2, 3)]),
            [true, false, false]
        );
        assert_eq!(
            reduce(&parent, &[(1, 3), (2, 3), (0, 3)]),
            [true, true, false]
        );
        assert_eq!(
            reduce(&parent, &[(1, 3), (0, 3), (2, 3)]),
            [true, false, true]
        );
    }

    #[test]
    fn witness_lists_the_chain_in_order() {
        let parent = [None; 4];
        let prereqs = [(0, 3), (2, 3), (0, 1), (1, 2)];
        let order = [0, 1, 2, 3];
        let mut r = Reducer::new(&parent, &prereqs, &order);
        let dropped = r.reduce();
        assert_eq!(dropped, [true, false, false, false]);
        assert_eq!(
            r.witness(0, &dropped),
            Some(Witness {
                edges: vec![2, 3, 1],
                chain: true
            })
        );
    }

    #[test]
    fn out_of_range_input_does_not_panic() {
        let parent = [None, Some(0)];
        assert_eq!(implied(&parent, &[(0, 7)], &[0, 1]), [false]);
        assert_eq!(implied(&parent, &[(1, 0)], &[]), [false]);
        assert_eq!(implied(&[None, Some(5)], &[(0, 1)], &[0, 1]), [false]);
    }
}
