//! Free horizontal gaps: where a horizontal line may cross a range of
//! columns without coming near a box.
//!
//! The free y intervals of every column are kept in a segment tree: node 1
//! covers all columns, node k's children are 2k and 2k + 1, and a node's
//! gaps are the intersection of its children's. A range's gaps are then
//! the intersection of O(log columns) nodes, cached per range, so routing
//! stays near-linear however many columns an edge crosses.

use super::CLEARANCE;
use super::place::Column;

/// Free y gaps per crossed column range.
type GapCache = rustc_hash::FxHashMap<(usize, usize), std::rc::Rc<Vec<(f32, f32)>>>;

/// The free gaps of the columns, by range.
pub(super) struct Gaps<'a> {
    columns: &'a [Column],
    top: f32,
    bottom: f32,
    tree: Vec<Vec<(f32, f32)>>,
    /// Leaves of the tree: a power of two.
    leaves: usize,
    cache: std::cell::RefCell<GapCache>,
}

impl<'a> Gaps<'a> {
    pub(super) fn new(columns: &'a [Column], top: f32, bottom: f32) -> Gaps<'a> {
        let leaves = columns.len().next_power_of_two();
        let mut tree = vec![vec![(top, bottom)]; 2 * leaves];
        for (k, c) in columns.iter().enumerate() {
            if c.right > c.x {
                tree[leaves + k] = free_between(c.spans.iter().copied(), top, bottom);
            }
        }
        for k in (1..leaves).rev() {
            tree[k] = intersect(&tree[2 * k], &tree[2 * k + 1]);
        }
        Gaps {
            columns,
            top,
            bottom,
            tree,
            leaves,
            cache: Default::default(),
        }
    }

    /// The lowest y a line may take.
    pub(super) fn bottom(&self) -> f32 {
        self.bottom
    }

    /// The free y intervals where a horizontal line may cross every
    /// column strictly between x0 and x1 without coming within
    /// [`CLEARANCE`] of a box, sorted; computed once per column range.
    pub(super) fn between(&self, x0: f32, x1: f32) -> std::rc::Rc<Vec<(f32, f32)>> {
        let (lo, hi) = (x0.min(x1), x0.max(x1));
        // Columns are sorted by x and do not overlap: the crossed ones are
        // a contiguous range.
        let first = self.columns.partition_point(|c| c.right <= lo);
        let end = self.columns.partition_point(|c| c.x < hi);
        let key = (first, end.max(first));
        if let Some(g) = self.cache.borrow().get(&key) {
            return g.clone();
        }
        // The canonical nodes covering the range, intersected.
        let mut free = vec![(self.top, self.bottom)];
        let (mut lo, mut hi) = (key.0 + self.leaves, key.1 + self.leaves);
        while lo < hi {
            if lo & 1 == 1 {
                free = intersect(&free, &self.tree[lo]);
                lo += 1;
            }
            if hi & 1 == 1 {
                hi -= 1;
                free = intersect(&free, &self.tree[hi]);
            }
            lo /= 2;
            hi /= 2;
        }
        free.retain(|&(a, b)| b > a);
        let free = std::rc::Rc::new(free);
        self.cache.borrow_mut().insert(key, free.clone());
        free
    }

    /// The y nearest to `want` where a horizontal line crosses the columns
    /// strictly between x0 and x1 without touching a box: `want` itself
    /// when free, else a point inside the nearest free gap (its middle when
    /// the gap is narrow).
    pub(super) fn free_y(&self, x0: f32, x1: f32, want: f32) -> f32 {
        let gaps = self.between(x0, x1);
        let i = gaps.partition_point(|g| g.1 < want);
        let inside = |g: (f32, f32)| {
            let m = ((g.1 - g.0) / 2.0).min(CLEARANCE);
            want.clamp(g.0 + m, g.1 - m)
        };
        let after = gaps.get(i).map(|&g| inside(g));
        let before = i
            .checked_sub(1)
            .and_then(|j| gaps.get(j))
            .map(|&g| inside(g));
        match (before, after) {
            (Some(b), Some(a)) if (want - b).abs() < (a - want).abs() => b,
            (_, Some(a)) => a,
            (Some(b), None) => b,
            (None, None) => self.bottom,
        }
    }
}

/// The free y intervals between `top` and `bottom` that stay
/// [`CLEARANCE`] away from every span, sorted (spans sorted by start).
fn free_between(spans: impl Iterator<Item = (f32, f32)>, top: f32, bottom: f32) -> Vec<(f32, f32)> {
    let mut free = Vec::new();
    let mut at = top;
    for (a, b) in spans.map(|(a, b)| (a - CLEARANCE, b + CLEARANCE)) {
        if a > at {
            free.push((at, a.min(bottom)));
        }
        at = at.max(b);
        if at >= bottom {
            break;
        }
    }
    if at < bottom {
        free.push((at, bottom));
    }
    free.retain(|&(a, b)| b > a);
    free
}

/// The intervals free in both sorted lists of disjoint intervals.
fn intersect(x: &[(f32, f32)], y: &[(f32, f32)]) -> Vec<(f32, f32)> {
    let mut out = Vec::with_capacity(x.len().min(y.len()));
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        let (a, b) = (x[i].0.max(y[j].0), x[i].1.min(y[j].1));
        if b > a {
            out.push((a, b));
        }
        if x[i].1 < y[j].1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The free gaps of a column range as they were computed before the
    /// segment tree: every span of every crossed column, sorted, and the
    /// complement of their union.
    fn naive_gaps(
        columns: &[Column],
        range: (usize, usize),
        top: f32,
        bottom: f32,
    ) -> Vec<(f32, f32)> {
        let mut spans: Vec<(f32, f32)> = columns[range.0..range.1]
            .iter()
            .filter(|c| c.right > c.x)
            .flat_map(|c| c.spans.iter().copied())
            .collect();
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        free_between(spans.into_iter(), top, bottom)
    }

    #[test]
    fn segment_tree_gaps_equal_the_union_of_every_crossed_column() {
        // xorshift: many small random layouts, some columns empty or of no
        // width, spans touching, overlapping and outside [top, bottom].
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        for _ in 0..300 {
            let count = 1 + next(12) as usize;
            let columns: Vec<Column> = (0..count)
                .map(|k| {
                    let x = k as f32 * 100.0;
                    let mut spans: Vec<(f32, f32)> = (0..next(6))
                        .map(|_| {
                            let a = next(600) as f32 - 50.0;
                            (a, a + 1.0 + next(80) as f32)
                        })
                        .collect();
                    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
                    let width = if next(5) == 0 { 0.0 } else { 80.0 };
                    Column {
                        x,
                        right: x + width,
                        spans,
                        away_right: false,
                        place: (0, 1),
                    }
                })
                .collect();
            let (top, bottom) = (0.0, 500.0);
            let router = Gaps::new(&columns, top, bottom);
            for first in 0..=count {
                for end in first..=count {
                    let (x0, x1) = (first as f32 * 100.0 - 10.0, end as f32 * 100.0 - 10.0);
                    let got = router.between(x0, x1);
                    let lo = columns.partition_point(|c| c.right <= x0.min(x1));
                    let hi = columns.partition_point(|c| c.x < x0.max(x1)).max(lo);
                    let want = naive_gaps(&columns, (lo, hi), top, bottom);
                    assert_eq!(*got, want, "columns {lo}..{hi} of {columns:?}");
                }
            }
        }
    }
}
