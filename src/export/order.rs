//! Study-order listings: numbered text for a terminal, a Markdown
//! checklist, or JSON.
//!
//! Items are nested under their parent when the parent is in the chain of
//! items just above them (each one level less indented than the one
//! before), so reading up from an item to the first line indented less
//! always finds its parent. A topic that prerequisites moved away from its
//! parent (something else came between) is indented under its nearest
//! ancestor still in the chain, with its parent named; without
//! prerequisites no topic is moved. A label that several topics share is
//! written as the path suffix that picks it (`APIs > SOAP`, see
//! [`Roadmap::listing_names`]) wherever it is named after an item.

use std::io::{self, Write};

use serde::Serialize;

use crate::outline::TaskState;
use crate::roadmap::{Names, Roadmap};

/// Output format of a study order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OrderFormat {
    /// Numbered and indented, for a terminal.
    #[default]
    Text,
    /// A `- [ ]` checklist.
    Markdown,
    /// An array of objects.
    Json,
    /// The constraints as `before after` pairs of topic ids, one per
    /// line, for `tsort(1)` and other tools.
    Tsort,
}

/// The study-order exporter ([`crate::export::Export`]): `items` (outline
/// positions, in study order) as [`write_order`] writes them.
#[derive(Debug, Clone, Copy)]
pub struct Order<'a> {
    /// The roadmap.
    pub roadmap: &'a Roadmap,
    /// The topics listed, in study order.
    pub items: &'a [usize],
    /// Grouped by stage.
    pub stages: bool,
    /// The format.
    pub format: OrderFormat,
}

impl crate::export::Export for Order<'_> {
    type Error = io::Error;

    fn write_to(&self, out: &mut impl Write) -> io::Result<()> {
        write_order(self.roadmap, self.items, self.stages, self.format, out)
    }
}

/// Writes `items` (outline positions, in study order) in `format`. With
/// `stages`, items are grouped by stage (text and Markdown) or carry a
/// `stage` field (JSON).
pub fn write_order(
    r: &Roadmap,
    items: &[usize],
    stages: bool,
    format: OrderFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        OrderFormat::Json => return write_json(r, items, stages, out),
        OrderFormat::Tsort => return write_tsort(r, items, out),
        OrderFormat::Text | OrderFormat::Markdown => {}
    }
    let width = items.len().to_string().len();
    let names = r.listing_names();
    let statuses = r.tracks_progress().then(|| r.statuses());
    let mut number = 0;
    for (k, (stage, group)) in stage_groups(r, items, stages).iter().enumerate() {
        if let Some(s) = stage {
            if k > 0 {
                writeln!(out)?;
            }
            match (format, group.len()) {
                (OrderFormat::Markdown, _) => writeln!(out, "## Stage {s}\n")?,
                (_, 1) => writeln!(out, "Stage {s}: 1 topic")?,
                (_, n) => writeln!(out, "Stage {s}: {n} topics, can be learned in parallel")?,
            }
        }
        for (&i, (indent, detached)) in group.iter().zip(nesting(r, group)) {
            number += 1;
            let context = detached.then(|| r.parent(i)).flatten();
            let status = statuses.as_ref().map(|s| s[i]);
            if format == OrderFormat::Markdown {
                markdown_item(r, &names, (i, status), indent, context, out)?;
            } else {
                item_number(number, width, out)?;
                if let Some(status) = status {
                    out.write_all(state_symbol(status).as_bytes())?;
                    out.write_all(b" ")?;
                }
                text_item(r, &names, i, indent, context, out)?;
            }
        }
    }
    Ok(())
}

/// The constraints among `items` as `before after` id pairs: parent before
/// child, and each prerequisite under the group rule. `G -> B` with G a
/// group becomes one pair per leaf of G (every member of G precedes one of
/// its leaves, so that says "everything in G before B"). A topic in no pair
/// is written as `id id`, which tsort reads as a lone node; so `tsort`
/// orders exactly the topics listed, under the same constraints.
fn write_tsort(r: &Roadmap, items: &[usize], out: &mut dyn Write) -> io::Result<()> {
    let mut listed = vec![false; r.len()];
    for &i in items {
        listed[i] = true;
    }
    let mut paired = vec![false; r.len()];
    let mut pair = |a: usize, b: usize, out: &mut dyn Write| -> io::Result<()> {
        paired[a] = true;
        paired[b] = true;
        out.write_all(r.topic(a).id.as_bytes())?;
        out.write_all(b" ")?;
        out.write_all(r.topic(b).id.as_bytes())?;
        out.write_all(b"\n")
    };
    for i in 0..r.len() {
        if let Some(p) = r.parent(i).filter(|&p| listed[p] && listed[i]) {
            pair(p, i, out)?;
        }
    }
    for (from, to, _) in r.prerequisites() {
        if !listed[to] {
            continue;
        }
        for leaf in r.subtree(from) {
            if r.subtree(leaf).len() == 1 && listed[leaf] {
                pair(leaf, to, out)?;
            }
        }
    }
    for &i in items {
        if !paired[i] {
            writeln!(out, "{0} {0}", r.topic(i).id)?;
        }
    }
    Ok(())
}

/// The items as one group, or grouped by stage (empty stages left out).
fn stage_groups(r: &Roadmap, items: &[usize], stages: bool) -> Vec<(Option<usize>, Vec<usize>)> {
    if !stages {
        return vec![(None, items.to_vec())];
    }
    let max = items.iter().map(|&i| r.stage(i)).max().unwrap_or(0);
    let mut by_stage = vec![Vec::new(); max + 1];
    for &i in items {
        by_stage[r.stage(i)].push(i);
    }
    by_stage
        .into_iter()
        .enumerate()
        .filter(|(_, v)| !v.is_empty())
        .map(|(s, v)| (Some(s), v))
        .collect()
}

/// The state column of a text listing: `✓` done, `~` being learnt, `-`
/// skipped, a space to do (each one column wide in every terminal).
pub fn state_symbol(state: TaskState) -> &'static str {
    match state {
        TaskState::Done => "✓",
        TaskState::Learning => "~",
        TaskState::Skipped => "-",
        TaskState::Todo => " ",
    }
}

/// The box a checklist item gets: a topic without children's own state,
/// a group's only when it is done or skipped as a whole. A group being
/// learnt keeps `[ ]`: read back as progress, `[/]` would mark every
/// topic inside it that is not listed (with `--to` or `--remaining`) as
/// being learnt.
fn item_box(r: &Roadmap, i: usize, status: Option<TaskState>) -> &'static str {
    match status {
        Some(TaskState::Learning) if !r.is_leaf(i) => "[ ]",
        Some(s) => crate::progress::task_box(s),
        None => "[ ]",
    }
}

/// `Label [tag]  (in Parent)  (after A, B)` after the number.
fn text_item(
    r: &Roadmap,
    names: &Names<'_>,
    i: usize,
    indent: usize,
    context: Option<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let t = r.topic(i);
    spaces(2 * indent, out)?;
    out.write_all(visible(&t.label).as_bytes())?;
    for tag in &t.tags {
        out.write_all(b" [")?;
        out.write_all(visible(tag).as_bytes())?;
        out.write_all(b"]")?;
    }
    if let Some(p) = context {
        out.write_all(b"  (in ")?;
        out.write_all(visible(names.get(p)).as_bytes())?;
        out.write_all(b")")?;
    }
    let mut after = r.prerequisites_of(i).into_iter();
    if let Some(first) = after.next() {
        out.write_all(b"  (after ")?;
        out.write_all(visible(names.get(first)).as_bytes())?;
        for p in after {
            out.write_all(b", ")?;
            out.write_all(visible(names.get(p)).as_bytes())?;
        }
        out.write_all(b")")?;
    }
    out.write_all(b"\n")
}

/// Writes `n` spaces.
fn spaces(mut n: usize, out: &mut dyn Write) -> io::Result<()> {
    const SPACES: &[u8; 64] = &[b' '; 64];
    while n > 0 {
        let k = n.min(SPACES.len());
        out.write_all(&SPACES[..k])?;
        n -= k;
    }
    Ok(())
}

/// `number` right-aligned in `width` columns, then `. `.
fn item_number(number: usize, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = number;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    spaces(width.saturating_sub(digits.len() - at), out)?;
    out.write_all(&digits[at..])?;
    out.write_all(b". ")
}

/// `- [ ] Label *(Parent)* `tag``, indented four spaces a level (less
/// and Python-Markdown flattens the nesting); the label links to the
/// topic's first link, when it has one. Tags are code spans, their
/// control characters shown as U+FFFD like a label's.
fn markdown_item(
    r: &Roadmap,
    names: &Names<'_>,
    (i, status): (usize, Option<TaskState>),
    indent: usize,
    context: Option<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let t = r.topic(i);
    let task = item_box(r, i, status);
    use crate::export::markdown::{Context, escape};
    spaces(4 * indent, out)?;
    match t.links.first().filter(|l| crate::link::is_safe(&l.url)) {
        Some(link) => write!(
            out,
            "- {task} [{}]({})",
            escape(&t.label, Context::LinkText),
            markdown_url(&link.url)
        )?,
        None => write!(out, "- {task} {}", escape(&t.label, Context::Inline))?,
    }
    if let Some(p) = context {
        write!(out, " *({})*", markdown_escape(names.get(p)))?;
    }
    for tag in &t.tags {
        write!(out, " `{}`", visible(tag).replace('`', "'"))?;
    }
    writeln!(out)
}

/// How many ancestors up a moved topic's place is looked for in the chain
/// before it is listed unindented (so a deep outline stays linear).
const MAX_CLIMB: usize = 64;

/// For each item: its indentation level and whether it is shown away from
/// its parent. O(items x [`MAX_CLIMB`]).
fn nesting(r: &Roadmap, items: &[usize]) -> impl Iterator<Item = (usize, bool)> {
    let mut chain: Vec<usize> = Vec::new();
    // Each topic's place in the chain, or usize::MAX. A map, not a vector
    // of all topics: this runs once per stage, and 100,000 stages of a
    // 100,000-topic roadmap would make a vector cost 10^10 steps.
    let mut at: rustc_hash::FxHashMap<usize, usize> = rustc_hash::FxHashMap::default();
    let mut out = Vec::with_capacity(items.len());
    for &i in items {
        let mut ancestor = r.parent(i);
        let mut place = None;
        for _ in 0..MAX_CLIMB {
            let Some(a) = ancestor else {
                break;
            };
            if let Some(&pos) = at.get(&a).filter(|&&pos| pos != usize::MAX) {
                place = Some(pos);
                break;
            }
            ancestor = r.parent(a);
        }
        let keep = place.map_or(0, |pos| pos + 1);
        for &gone in &chain[keep..] {
            at.insert(gone, usize::MAX);
        }
        chain.truncate(keep);
        let moved = r.parent(i).is_some() && ancestor != r.parent(i);
        out.push((chain.len(), moved));
        at.insert(i, chain.len());
        chain.push(i);
    }
    out.into_iter()
}

/// The text with control and bidirectional formatting characters replaced
/// by U+FFFD (see [`crate::terminal`]): listings are read by people.
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    crate::terminal::visible(s)
}

/// Escapes text so Markdown shows it literally: no emphasis, links, HTML or
/// code spans, escaping only what would otherwise change the rendering
/// ([`crate::export::markdown`]); control and bidirectional formatting
/// characters become U+FFFD.
pub fn markdown_escape(s: &str) -> String {
    crate::export::markdown::escape(s, crate::export::markdown::Context::Inline)
}

/// A URL as a Markdown link destination: [`crate::link::percent_encoded`],
/// so the destination is the URL and nothing else.
///
/// ```
/// use roadmapper::export::order::markdown_url;
/// assert_eq!(markdown_url("https://en.wikipedia.org/wiki/Go_(language)"), "https://en.wikipedia.org/wiki/Go_%28language%29");
/// ```
pub fn markdown_url(url: &str) -> String {
    crate::link::percent_encoded(url)
}

#[derive(Serialize)]
struct Item<'a> {
    id: &'a str,
    label: &'a str,
    path: Vec<&'a str>,
    depth: usize,
    parent: Option<&'a str>,
    tags: &'a [String],
    order: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    stage: Option<usize>,
    after: Vec<&'a str>,
    /// With progress: `todo`, `learning`, `done` or `skipped`.
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    /// With progress or estimates: the topic's hours (a group's, its
    /// topics without children's sum), `null` when none is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    estimate_hours: Option<Option<f64>>,
}

fn write_json(r: &Roadmap, items: &[usize], stages: bool, out: &mut dyn Write) -> io::Result<()> {
    let statuses = r.tracks_progress().then(|| r.statuses());
    let estimates = (r.tracks_progress() || r.has_estimates()).then(|| r.estimates());
    let list: Vec<Item<'_>> = items
        .iter()
        .map(|&i| {
            let t = r.topic(i);
            Item {
                id: &t.id,
                label: &t.label,
                path: r.path_within(i, crate::export::json::MAX_PATH),
                depth: t.depth,
                parent: r.parent(i).map(|p| r.topic(p).id.as_str()),
                tags: &t.tags,
                order: r.rank(i),
                stage: stages.then(|| r.stage(i)),
                after: r
                    .prerequisites_of(i)
                    .into_iter()
                    .map(|p| r.topic(p).id.as_str())
                    .collect(),
                status: statuses.as_ref().map(|s| s[i].name()),
                estimate_hours: estimates
                    .as_ref()
                    .map(|e| e[i].map(crate::export::json::hundredths)),
            }
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &list)?;
    writeln!(out)
}
