//! Property tests for implied prerequisites (`roadmapper::implied`).
//!
//! Random outlines and random acyclic prerequisite sets are reduced and
//! checked against a deliberately naive reference: the constraints
//! expanded into topic pairs (parent before child; every topic of A's
//! subtree before B), their transitive closure by Floyd-Warshall, and the
//! same greedy in file order. The study order and the stages must not
//! change when the implied prerequisites are dropped, and what is kept
//! must be irredundant.

use crate::trees;
use proptest::prelude::*;
use roadmapper::implied::implied;
use roadmapper::order::study_order;
use trees::{prerequisites, subtree_ends as ends, tree_from_choices as tree};

/// `before[x][y]`: x must come before y, closed transitively.
fn closure(parent: &[Option<usize>], prereqs: &[(usize, usize)]) -> Vec<Vec<bool>> {
    let n = parent.len();
    let end = ends(parent);
    let mut before = vec![vec![false; n]; n];
    for (child, p) in parent.iter().enumerate() {
        if let Some(p) = p {
            before[*p][child] = true;
        }
    }
    for &(a, b) in prereqs {
        for row in &mut before[a..end[a]] {
            row[b] = true;
        }
    }
    for k in 0..n {
        let through = before[k].clone();
        for row in &mut before {
            if row[k] {
                for (cell, &t) in row.iter_mut().zip(&through) {
                    *cell |= t;
                }
            }
        }
    }
    before
}

/// Whether prerequisite k's constraints follow from the others in `kept`.
fn implied_by(
    parent: &[Option<usize>],
    prereqs: &[(usize, usize)],
    kept: &[bool],
    k: usize,
) -> bool {
    let end = ends(parent);
    let others: Vec<(usize, usize)> = (0..prereqs.len())
        .filter(|&j| j != k && kept[j])
        .map(|j| prereqs[j])
        .collect();
    let before = closure(parent, &others);
    let (a, b) = prereqs[k];
    (a..end[a]).all(|x| before[x][b])
}

/// The naive greedy: drop each prerequisite in file order when the kept
/// others imply it.
fn reference(parent: &[Option<usize>], prereqs: &[(usize, usize)]) -> Vec<bool> {
    let mut kept = vec![true; prereqs.len()];
    for k in 0..prereqs.len() {
        if implied_by(parent, prereqs, &kept, k) {
            kept[k] = false;
        }
    }
    kept.iter().map(|&k| !k).collect()
}

fn case() -> impl Strategy<Value = (Vec<Option<usize>>, Vec<(usize, usize)>)> {
    (
        prop::collection::vec(any::<u32>(), 1..14),
        prop::collection::vec((0usize..64, 0usize..64), 0..30),
    )
        .prop_map(|(choices, pairs)| {
            let parent = tree(&choices);
            let prereqs = prerequisites(&parent, &pairs);
            (parent, prereqs)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn matches_the_naive_greedy((parent, prereqs) in case()) {
        let order = study_order(&parent, &prereqs).expect("no cycle by construction");
        let got = implied(&parent, &prereqs, &order.order);
        prop_assert_eq!(&got, &reference(&parent, &prereqs));
    }

    #[test]
    fn study_order_and_stages_do_not_change((parent, prereqs) in case()) {
        let all = study_order(&parent, &prereqs).expect("no cycle by construction");
        let dropped = implied(&parent, &prereqs, &all.order);
        let kept: Vec<(usize, usize)> = prereqs
            .iter()
            .zip(&dropped)
            .filter(|(_, d)| !**d)
            .map(|(p, _)| *p)
            .collect();
        let fewer = study_order(&parent, &kept).expect("a subset has no cycle");
        prop_assert_eq!(&fewer.order, &all.order);
        prop_assert_eq!(&fewer.stage, &all.stage);
        // Same constraints, and none of the kept ones is redundant.
        prop_assert_eq!(closure(&parent, &kept), closure(&parent, &prereqs));
        let keep_mask = vec![true; kept.len()];
        for k in 0..kept.len() {
            prop_assert!(!implied_by(&parent, &kept, &keep_mask, k), "kept {:?} is implied", kept[k]);
        }
    }

    #[test]
    fn roadmap_drawn_has_the_same_order((parent, prereqs) in case()) {
        // The same case as text, through the public API.
        let mut outline = String::new();
        let mut depth = vec![0usize; parent.len()];
        for (i, p) in parent.iter().enumerate() {
            depth[i] = p.map_or(0, |p| depth[p] + 1);
            outline.push_str(&format!("{}t{i}\n", "  ".repeat(depth[i])));
        }
        let text: String = prereqs.iter().map(|(a, b)| format!("t{a} -> t{b}\n")).collect();
        let r = roadmapper::load(
            &roadmapper::Input::new("o.txt", outline),
            &[roadmapper::Input::new("p.txt", text)],
        ).expect("a valid case loads");
        let drawn = r.without_implied();
        prop_assert_eq!(drawn.order(), r.order());
        prop_assert_eq!(drawn.prerequisites().count() + r.implied_count(), prereqs.len());
        prop_assert_eq!(drawn.hidden_prerequisites(), r.implied_count());
        // A focused roadmap has exactly the topics `order --to` lists.
        let target = parent.len() - 1;
        let focused = r.focus_to(&[target]);
        let ids: Vec<&str> = focused.order().iter().map(|&i| focused.topic(i).id.as_str()).collect();
        let mut want: Vec<&str> = r.needs(&[target]).iter().map(|&i| r.topic(i).id.as_str()).collect();
        let mut got = ids.clone();
        got.sort_unstable();
        want.sort_unstable();
        prop_assert_eq!(got, want);
    }
}
