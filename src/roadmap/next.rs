//! What to learn next, and how long it takes: the topics without children
//! being learnt, then the ready ones in study order; estimates from
//! `[2h]`-style tags.

use super::Roadmap;
use crate::outline::TaskState;

/// Why a topic is offered by [`Roadmap::next`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextReason {
    /// It is being learnt.
    Learning,
    /// It is to do, and everything it needs is done or skipped.
    Ready,
}

impl NextReason {
    /// `learning` or `ready`.
    pub fn name(self) -> &'static str {
        match self {
            NextReason::Learning => "learning",
            NextReason::Ready => "ready",
        }
    }
}

/// Hours in a day of study, for `[2d]` estimates.
pub const HOURS_PER_DAY: f64 = 8.0;

/// The hours an estimate tag stands for: `2h`, `1.5h`, `90m`, `2d` (a day
/// is [`HOURS_PER_DAY`] hours); `None` for any other tag.
///
/// ```
/// use roadmapper::roadmap::estimate_hours;
/// assert_eq!(estimate_hours("2h"), Some(2.0));
/// assert_eq!(estimate_hours("90m"), Some(1.5));
/// assert_eq!(estimate_hours("1.5h"), Some(1.5));
/// assert_eq!(estimate_hours("2d"), Some(16.0));
/// assert_eq!(estimate_hours("recommended"), None);
/// assert_eq!(estimate_hours("-1h"), None);
/// ```
pub fn estimate_hours(tag: &str) -> Option<f64> {
    let (number, per) = match tag.as_bytes().last()? {
        b'h' => (&tag[..tag.len() - 1], 1.0),
        b'm' => (&tag[..tag.len() - 1], 1.0 / 60.0),
        b'd' => (&tag[..tag.len() - 1], HOURS_PER_DAY),
        _ => return None,
    };
    // Digits and at most one point: no signs, exponents, `inf` or `nan`.
    if number.is_empty()
        || !number.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        || number.bytes().filter(|&b| b == b'.').count() > 1
        || number == "."
    {
        return None;
    }
    let n: f64 = number.parse().ok()?;
    (n.is_finite() && n <= 1e6).then_some(n * per)
}

impl Roadmap {
    /// The topic's own estimate in hours, from its first estimate tag.
    pub fn own_estimate(&self, index: usize) -> Option<f64> {
        self.topic(index)
            .tags
            .iter()
            .find_map(|t| estimate_hours(t))
    }

    /// Whether a topic has no children.
    pub fn is_leaf(&self, index: usize) -> bool {
        self.subtree(index).len() == 1
    }

    /// What to learn next, given each topic's state ([`Roadmap::statuses`]):
    /// first every topic without children that is being learnt, then the
    /// ones to do that are ready, each group in study order. Ready: every
    /// prerequisite of the topic and of each of its ancestors is done or
    /// skipped (a group is when every topic without children inside it
    /// is). With `targets`, only what they need ([`Roadmap::needs`]).
    /// O(n + p).
    ///
    /// ```
    /// use roadmapper::roadmap::NextReason::*;
    /// use roadmapper::{Input, load};
    /// let r = load(
    ///     &Input::new("p.md", "- Web\n  - [x] HTTP\n  - [/] DNS\n  - REST\n  - GraphQL\n"),
    ///     &[Input::new("p.txt", "HTTP -> REST\nREST -> GraphQL\n")],
    /// ).unwrap();
    /// let next = r.next(&r.statuses(), None);
    /// assert_eq!(next, [(2, Learning), (3, Ready)]);
    /// ```
    pub fn next(
        &self,
        statuses: &[TaskState],
        targets: Option<&[usize]>,
    ) -> Vec<(usize, NextReason)> {
        let n = self.len();
        let satisfied =
            |i: usize| matches!(statuses.get(i), Some(TaskState::Done | TaskState::Skipped));
        // Ready as far as the topic and its ancestors' prerequisites go
        // (parents come first in outline order).
        let mut ready = vec![true; n];
        for i in 0..n {
            let from_parent = self.parent(i).is_none_or(|p| ready[p]);
            ready[i] = from_parent && self.incoming_prerequisites(i).all(satisfied);
        }
        let wanted: Option<Vec<bool>> = targets.map(|t| {
            let mut w = vec![false; n];
            for i in self.needs(t) {
                w[i] = true;
            }
            w
        });
        let offered = |i: usize| self.is_leaf(i) && wanted.as_ref().is_none_or(|w| w[i]);
        let mut out: Vec<(usize, NextReason)> = self
            .order()
            .iter()
            .copied()
            .filter(|&i| offered(i) && statuses.get(i) == Some(&TaskState::Learning))
            .map(|i| (i, NextReason::Learning))
            .collect();
        out.extend(
            self.order()
                .iter()
                .copied()
                .filter(|&i| offered(i) && statuses.get(i) == Some(&TaskState::Todo) && ready[i])
                .map(|i| (i, NextReason::Ready)),
        );
        out
    }

    /// Hours left (topics without children to do or being learnt) among
    /// `topics` (all when `None`), and how many of those have no estimate.
    pub fn hours_left(&self, statuses: &[TaskState], topics: Option<&[usize]>) -> (f64, usize) {
        let all: Vec<usize>;
        let topics = match topics {
            Some(t) => t,
            None => {
                all = (0..self.len()).collect();
                &all
            }
        };
        let mut hours = 0.0;
        let mut unknown = 0;
        for &i in topics {
            if !self.is_leaf(i)
                || !matches!(statuses.get(i), Some(TaskState::Todo | TaskState::Learning))
            {
                continue;
            }
            match self.own_estimate(i) {
                Some(h) => hours += h,
                None => unknown += 1,
            }
        }
        (hours, unknown)
    }
}
