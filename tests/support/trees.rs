//! Random forests for the property tests, as parent arrays in outline
//! pre-order. Shared by the test crates with
//! `#[path = "support/trees.rs"] mod trees;`.

/// Builds a parent array in outline pre-order from random choices: node i
/// becomes a child of some node on the current rightmost path (the last
/// node and its ancestors) or a new root. Every such array is a valid
/// pre-order, and every pre-order forest can be built this way.
pub fn tree_from_choices(choices: &[u32]) -> Vec<Option<usize>> {
    let mut parent = Vec::with_capacity(choices.len());
    // Ancestors of the last node, outermost first, and the last node itself.
    let mut path: Vec<usize> = Vec::new();
    for (i, &c) in choices.iter().enumerate() {
        // k = 0: new root; k > 0: child of path[len - k] (1 = the last
        // node, 2 = its sibling, ...). Half the choices go one level deeper
        // or stay level, so trees get deep as well as wide.
        let c = c as usize;
        let k = match c % 4 {
            _ if path.is_empty() => 0,
            0 => 1,
            1 => 2.min(path.len()),
            _ => (c / 4) % (path.len() + 1),
        };
        if k == 0 {
            path.clear();
            parent.push(None);
        } else {
            let p = path[path.len() - k];
            path.truncate(path.len() - k + 1);
            parent.push(Some(p));
        }
        path.push(i);
    }
    parent
}

/// `ends[i]`: one past the last topic of i's subtree.
pub fn subtree_ends(parent: &[Option<usize>]) -> Vec<usize> {
    let n = parent.len();
    let mut end: Vec<usize> = (1..=n).collect();
    for i in (0..n).rev() {
        if let Some(p) = parent[i] {
            end[p] = end[p].max(end[i]);
        }
    }
    end
}

/// Prerequisites from random pairs (indices taken modulo the topics): no
/// topic with itself or with its own inside, none given twice, none
/// closing a cycle (as the loader would refuse them).
// Not every test crate that includes this file uses it.
#[allow(dead_code)]
pub fn prerequisites(parent: &[Option<usize>], pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let n = parent.len();
    let end = subtree_ends(parent);
    let inside = |g: usize, x: usize| g < x && x < end[g];
    let mut kept: Vec<(usize, usize)> = Vec::new();
    for &(a, b) in pairs {
        let (a, b) = (a % n, b % n);
        if a == b || inside(a, b) || inside(b, a) || kept.contains(&(a, b)) {
            continue;
        }
        kept.push((a, b));
        if roadmapper::order::study_order(parent, &kept).is_err() {
            kept.pop();
        }
    }
    kept
}
