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

/// The learner's progress over some topics without children
/// ([`Roadmap::tally`]): how many are in each state, and the hours left.
/// Groups are not counted: a group is done when everything in it is.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Tally {
    /// Topics done.
    pub done: usize,
    /// Topics being learnt.
    pub learning: usize,
    /// Topics skipped: left out of the share done.
    pub skipped: usize,
    /// Topics to do.
    pub todo: usize,
    /// Hours the topics to do or being learnt are estimated at.
    pub hours_left: f64,
    /// Topics to do or being learnt without an estimate.
    pub without_estimate: usize,
}

impl Tally {
    /// Topics counted towards the share done: all but the skipped ones.
    pub fn counted(&self) -> usize {
        self.done + self.learning + self.todo
    }

    /// Topics left: to do or being learnt.
    pub fn left(&self) -> usize {
        self.learning + self.todo
    }

    /// The share done, in whole percent rounded down (100 only when
    /// nothing is left; 100 when every topic is skipped).
    pub fn percent(&self) -> usize {
        match self.counted() {
            0 => 100,
            n => self.done * 100 / n,
        }
    }

    /// `37 of 115 topics done (32%) · 41 h left`, with `· 3 skipped` when
    /// some are, and the hours only when some topic left has an estimate.
    ///
    /// ```
    /// use roadmapper::roadmap::Tally;
    /// let t = Tally { done: 37, todo: 78, hours_left: 41.0, ..Tally::default() };
    /// assert_eq!(t.line(), "37 of 115 topics done (32%) · 41 h left");
    /// ```
    pub fn line(&self) -> String {
        let mut s = format!(
            "{} of {} topic{} done ({}%)",
            self.done,
            self.counted(),
            if self.counted() == 1 { "" } else { "s" },
            self.percent()
        );
        if self.skipped > 0 {
            s.push_str(&format!(" · {} skipped", self.skipped));
        }
        if self.hours_left > 0.0 {
            s.push_str(&format!(" · {} left", hours(self.hours_left)));
        }
        s
    }

    /// [`Tally::line`], then how many topics left lack an estimate (when
    /// some have one), and with `pace` (hours a week) the weeks left:
    /// `… · 41 h left, 3 topics without an estimate · 6 weeks at 7 h a
    /// week`.
    ///
    /// ```
    /// use roadmapper::roadmap::Tally;
    /// let t = Tally { done: 2, todo: 5, hours_left: 40.0, without_estimate: 1, ..Tally::default() };
    /// assert_eq!(t.report(Some(7.0)), "2 of 7 topics done (28%) · 40 h left, 1 topic without an estimate · 6 weeks at 7 h a week");
    /// ```
    pub fn report(&self, pace: Option<f64>) -> String {
        let mut s = self.line();
        if self.hours_left > 0.0 && self.without_estimate > 0 {
            s.push_str(&format!(
                ", {} topic{} without an estimate",
                self.without_estimate,
                if self.without_estimate == 1 { "" } else { "s" }
            ));
        }
        if let Some(pace) = pace.filter(|p| *p > 0.0 && self.left() > 0) {
            if self.hours_left > 0.0 {
                s.push_str(&format!(
                    " · {} at {} a week",
                    weeks(self.hours_left / pace),
                    hours(pace)
                ));
            } else {
                s.push_str(" · no estimate to plan a pace with (tag topics `[2h]`)");
            }
        }
        s
    }

    /// `4/6 done, 1 skipped, 3 h left`: a group's progress in a few
    /// words, for a topic card and a tooltip; the skipped and the hours
    /// only when there are some, `2 skipped` alone when every topic is.
    ///
    /// ```
    /// use roadmapper::roadmap::Tally;
    /// let t = Tally { done: 4, todo: 2, skipped: 1, hours_left: 3.0, ..Tally::default() };
    /// assert_eq!(t.summary(), "4/6 done, 1 skipped, 3 h left");
    /// assert_eq!(Tally { skipped: 2, ..Tally::default() }.summary(), "2 skipped");
    /// ```
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if self.counted() > 0 || self.skipped == 0 {
            parts.push(format!("{} done", self.fraction()));
        }
        if self.skipped > 0 {
            parts.push(format!("{} skipped", self.skipped));
        }
        if self.hours_left > 0.0 {
            parts.push(format!("{} left", hours(self.hours_left)));
        }
        parts.join(", ")
    }

    /// `4/6`: done of counted, for a section's heading.
    pub fn fraction(&self) -> String {
        format!("{}/{}", self.done, self.counted())
    }
}

/// `2 h`, `1.5 h`, `20 min`: hours as a learner reads them.
///
/// ```
/// use roadmapper::roadmap::hours;
/// assert_eq!(hours(2.0), "2 h");
/// assert_eq!(hours(1.5), "1.5 h");
/// assert_eq!(hours(1.0 / 3.0), "20 min");
/// ```
pub fn hours(h: f64) -> String {
    if h < 1.0 {
        format!("{} min", (h * 60.0).round())
    } else if (h - h.round()).abs() < 0.05 {
        format!("{} h", h.round())
    } else {
        format!("{:.1} h", h)
    }
}

/// `under a week`, `1 week`, `6 weeks` (rounded up: the weeks it takes).
fn weeks(w: f64) -> String {
    if w < 1.0 {
        "under a week".to_string()
    } else {
        let n = w.ceil();
        if n == 1.0 {
            "1 week".to_string()
        } else {
            format!("{n} weeks")
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

    /// Each topic's estimate in hours: a topic without children has its
    /// own ([`Roadmap::own_estimate`]); a group has the sum of the topics
    /// without children inside it that have one (its own tag is not
    /// counted, as [`Roadmap::tally`] does not), `None` when none has.
    /// Skipped topics count: this is the size of the topic, not what is
    /// left. O(n).
    ///
    /// ```
    /// use roadmapper::{Input, load};
    /// let r = load(&Input::new("r.txt", "Web [9h]\n  HTTP [2h]\n  DNS [90m]\n  REST\nOps\n  CI\n"), &[]).unwrap();
    /// assert_eq!(r.estimates(), [Some(3.5), Some(2.0), Some(1.5), None, None, None]);
    /// ```
    pub fn estimates(&self) -> Vec<Option<f64>> {
        let n = self.len();
        let mut sums: Vec<Option<f64>> = vec![None; n];
        // Children come after their parent: add each one in, last first.
        for i in (0..n).rev() {
            if self.is_leaf(i) {
                sums[i] = self.own_estimate(i);
            }
            if let (Some(h), Some(p)) = (sums[i], self.parent(i)) {
                sums[p] = Some(sums[p].unwrap_or(0.0) + h);
            }
        }
        sums
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

    /// Whether some topic has an estimate tag (`[2h]`).
    pub fn has_estimates(&self) -> bool {
        self.topics()
            .any(|t| t.tags.iter().any(|g| estimate_hours(g).is_some()))
    }

    /// Whether the learner's progress is known: the outline has task boxes,
    /// or progress files were applied (even empty ones). Outputs show
    /// states and totals only then.
    pub fn tracks_progress(&self) -> bool {
        self.tracked
    }

    /// The progress over the topics without children among `topics` (all
    /// when `None`), given each topic's state ([`Roadmap::statuses`]).
    /// O(len).
    pub fn tally(&self, statuses: &[TaskState], topics: Option<&[usize]>) -> Tally {
        let mut t = Tally::default();
        let mut count = |i: usize| self.count_leaf(statuses, i, &mut t);
        match topics {
            Some(list) => list.iter().for_each(|&i| count(i)),
            None => (0..self.len()).for_each(&mut count),
        }
        t
    }

    /// Adds topic `i` to `t` when it has no children.
    fn count_leaf(&self, statuses: &[TaskState], i: usize, t: &mut Tally) {
        if !self.is_leaf(i) {
            return;
        }
        let s = statuses.get(i).copied().unwrap_or(TaskState::Todo);
        match s {
            TaskState::Done => t.done += 1,
            TaskState::Skipped => t.skipped += 1,
            TaskState::Learning => t.learning += 1,
            TaskState::Todo => t.todo += 1,
        }
        if matches!(s, TaskState::Todo | TaskState::Learning) {
            match self.own_estimate(i) {
                Some(h) => t.hours_left += h,
                None => t.without_estimate += 1,
            }
        }
    }

    /// Every topic's [`Roadmap::tally_inside`] at once, in O(n) rather
    /// than O(n × depth): for the exports that label every group.
    ///
    /// ```
    /// use roadmapper::{Input, load};
    /// let r = load(&Input::new("p.md", "- Web\n  - [x] HTTP\n  - DNS [2h]\n"), &[]).unwrap();
    /// let all = r.tallies(&r.statuses());
    /// assert_eq!(all[0], r.tally_inside(&r.statuses(), 0));
    /// assert_eq!(all[0].line(), "1 of 2 topics done (50%) · 2 h left");
    /// ```
    pub fn tallies(&self, statuses: &[TaskState]) -> Vec<Tally> {
        let mut all = vec![Tally::default(); self.len()];
        // Children come after their parent: add each one in, last first.
        for i in (0..self.len()).rev() {
            let mut own = all[i];
            self.count_leaf(statuses, i, &mut own);
            all[i] = own;
            if let Some(p) = self.parent(i) {
                let t = &mut all[p];
                t.done += own.done;
                t.learning += own.learning;
                t.skipped += own.skipped;
                t.todo += own.todo;
                t.hours_left += own.hours_left;
                t.without_estimate += own.without_estimate;
            }
        }
        all
    }

    /// The progress inside a topic: its subtree, itself included (for a
    /// section's `4/6`).
    pub fn tally_inside(&self, statuses: &[TaskState], topic: usize) -> Tally {
        let mut t = Tally::default();
        for i in self.subtree(topic) {
            self.count_leaf(statuses, i, &mut t);
        }
        t
    }
}
