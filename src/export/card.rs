//! A topic card for a terminal (`roadmapper show`): what roadmap.sh shows
//! when a topic is clicked, offline. Every piece of user-written text goes
//! through [`crate::terminal::visible`]; labels in paths are cut to a
//! line ([`crate::diagnostic::shorten`]).

use std::fmt::{self, Display, Formatter};

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use crate::diagnostic::shorten;
use crate::outline::TaskState;
use crate::roadmap::{Edge, Roadmap, hours};
use crate::terminal::visible;

/// Widest a description line is wrapped to, in characters.
const WRAP: usize = 76;

/// One topic's card; `Display` writes it.
///
/// ```
/// use roadmapper::{Input, load};
/// use roadmapper::export::card::Card;
/// let r = load(&Input::new("r.txt", "Web\n  HTTP\n  REST\n"), &[Input::new("p", "HTTP -> REST\n")]).unwrap();
/// let card = Card::new(&r, 2).to_string();
/// assert!(card.starts_with("Web > REST\n"));
/// assert!(card.contains("Learn first:\n  - HTTP\n"));
/// assert!(card.contains("Unlocks:\n  no topic"));
///
/// // With the learner's progress, the state shown and the hours.
/// let r = load(&Input::new("p.md", "- Web\n  - [x] HTTP [2h]\n  - REST [90m]\n"), &[]).unwrap();
/// let web = Card::new(&r, 0).to_string();
/// assert!(web.contains("  status: learning\n  estimate: 3.5 h\n  progress: 1/2 done, 1.5 h left\n"));
/// assert!(Card::new(&r, 1).to_string().contains("  status: done\n  estimate: 2 h\n"));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Card<'a> {
    roadmap: &'a Roadmap,
    topic: usize,
}

impl<'a> Card<'a> {
    /// The card of the topic at outline position `topic`.
    pub fn new(roadmap: &'a Roadmap, topic: usize) -> Card<'a> {
        Card { roadmap, topic }
    }

    /// Topics that have this one as a direct prerequisite, in study order.
    pub fn unlocks(&self) -> Vec<usize> {
        let r = self.roadmap;
        let mut out: Vec<usize> = r
            .graph()
            .edges_directed(NodeIndex::new(self.topic), Direction::Outgoing)
            .filter(|e| matches!(e.weight(), Edge::Prerequisite { .. }))
            .map(|e| e.target().index())
            .collect();
        out.sort_by_key(|&i| r.rank(i));
        out.dedup();
        out
    }
}

impl Card<'_> {
    /// The learner's progress on the topic: its derived state (and the
    /// box it was given, when that says otherwise), its estimate, and for
    /// a group how far along it is.
    fn progress(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let r = self.roadmap;
        let i = self.topic;
        let statuses = r.statuses();
        let state = statuses.get(i).copied().unwrap_or(TaskState::Todo);
        write!(f, "  status: {}", state.name())?;
        match r.topic(i).state {
            Some(own) if own != state => writeln!(f, " (marked {})", own.name())?,
            _ => writeln!(f)?,
        }
        let estimate = if r.is_leaf(i) {
            r.own_estimate(i)
        } else {
            r.estimates().get(i).copied().flatten()
        };
        if let Some(h) = estimate {
            writeln!(f, "  estimate: {}", hours(h))?;
        }
        if !r.is_leaf(i) {
            writeln!(f, "  progress: {}", r.tally_inside(&statuses, i).summary())?;
        }
        Ok(())
    }
}

/// Writes `text` wrapped at [`WRAP`] characters, each line indented.
fn wrapped(f: &mut Formatter<'_>, text: &str, indent: &str) -> fmt::Result {
    for paragraph in text.split("\n\n") {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > WRAP {
                writeln!(f, "{indent}{line}")?;
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        if !line.is_empty() {
            writeln!(f, "{indent}{line}")?;
        }
    }
    Ok(())
}

impl Display for Card<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let r = self.roadmap;
        let t = r.topic(self.topic);
        // Each label of a path cut to a line's width, as messages cut them.
        let path = |labels: &[&str]| -> String {
            let cut: Vec<String> = labels.iter().map(|l| shorten(l)).collect();
            cut.join(" > ")
        };
        writeln!(f, "{}", path(&r.path(self.topic)))?;
        // Other topics by their path below the title, which every one shares.
        let named = |i: usize| {
            let labels = r.path(i);
            let skip = usize::from(r.title().is_some() && labels.len() > 1);
            path(&labels[skip..])
        };
        if !t.tags.is_empty() {
            writeln!(f, "  tags: {}", visible(&t.tags.join(", ")))?;
        }
        if r.tracks_progress() {
            self.progress(f)?;
        } else if let Some(state) = t.state {
            // Unreachable while a state makes the roadmap tracked; kept
            // so a state never goes unshown.
            writeln!(f, "  task: {}", state.name())?;
        }
        if let Some(d) = &t.description {
            writeln!(f)?;
            wrapped(f, &visible(d), "  ")?;
        }
        let links: Vec<_> = t
            .links
            .iter()
            .filter(|l| crate::link::is_safe(&l.url))
            .collect();
        if !links.is_empty() {
            writeln!(f, "\nLinks:")?;
            for l in links {
                let kind = l.kind.map_or("link", |k| k.name());
                writeln!(f, "  {kind:<10} {}", visible(&l.title))?;
                writeln!(f, "  {:<10} {}", "", visible(&l.url))?;
            }
        }
        let first = r.prerequisites_of(self.topic);
        let needs = r.needs(&[self.topic]).len();
        writeln!(f, "\nLearn first:")?;
        if first.is_empty() {
            writeln!(f, "  no direct prerequisites")?;
        }
        for p in first {
            writeln!(f, "  - {}", named(p))?;
        }
        writeln!(
            f,
            "  `order --to` lists {needs} topic{} for it, itself included",
            if needs == 1 { "" } else { "s" }
        )?;
        let unlocks = self.unlocks();
        writeln!(f, "\nUnlocks:")?;
        if unlocks.is_empty() {
            writeln!(f, "  no topic names it as a prerequisite")?;
        }
        for u in unlocks {
            writeln!(f, "  - {}", named(u))?;
        }
        let last = r.order().iter().map(|&i| r.stage(i)).max().unwrap_or(0);
        writeln!(
            f,
            "\nStage: {} (of 0 to {last}, as `order --stages` numbers them)",
            r.stage(self.topic)
        )
    }
}
