//! Graphviz DOT export.
//!
//! One `subgraph cluster_…` per section, rounded boxes, `contains` edges
//! solid and grey, prerequisite edges dashed and blue; topics from
//! elsewhere on a focused roadmap greyed. It draws the prerequisites of the
//! roadmap it is given: `render` gives it one without the implied ones
//! ([`Roadmap::without_implied`]), and a comment says how many are left out. The output is
//! deterministic and every string is escaped, so `dot -Tsvg` renders it
//! without a warning.
//!
//! Graphviz refuses a quoted string of 16,383 bytes or more ("longer than
//! 16384?"), so no string here is longer than [`MAX_DOT_STRING`] once
//! escaped: a label is cut like the posters' ([`drawn_label`], with `…`),
//! the whole label then going to the tooltip, itself cut with `…` at
//! [`MAX_DOT_STRING`]; an id longer than [`MAX_DOT_ID`] is cut and ends
//! with a hash of the whole id, so ids stay distinct. A node's link is
//! percent-encoded ([`crate::link::percent_encoded`]): Graphviz copies it
//! into its SVG's `href` as it is.
//!
//! When the learner's progress is known ([`Roadmap::tracks_progress`]),
//! each node is styled by its state ([`Roadmap::statuses`]; see
//! [`state_style`]) and carries it as `status` and `class` (Graphviz puts
//! the class on the node's SVG group); its tooltip starts with the state
//! and the hours. Without progress none of this is written.

use std::fmt::{self, Write as _};

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use crate::layout::drawn_label;
use crate::outline::TaskState;
use crate::roadmap::{Edge, Roadmap, Tally, hours};
use crate::scene::{Curve, EdgeKind, Point, Scene};

/// Colour of prerequisite edges (also used by the posters).
pub const PREREQUISITE_COLOR: &str = "#2563eb";

/// The longest quoted string written, in bytes between the quotes after
/// escaping. Graphviz (2.42) reads one of 16,382 bytes and refuses one of
/// 16,383 ("syntax error ... longer than 16384?"); this leaves room.
pub const MAX_DOT_STRING: usize = 16_000;

/// The longest node id written, in bytes after escaping; a longer one (the
/// id of a pasted paragraph) is cut and ends with `~` and a 16-digit hash
/// of the whole id. Cluster ids are `cluster_` and the node's id.
pub const MAX_DOT_ID: usize = 1_024;

/// The mark before a label, and the attributes a node gets for its state
/// (after its tags', replacing theirs, so a skipped topic is grey whatever
/// its tags say). A group being learnt (some of it done or being learnt)
/// keeps its group colours and only takes the mark; a topic being learnt
/// is filled light blue with a thicker border. Todo is the plain style.
/// Dashes stay the `[optional]` tag's, so no state uses them.
///
/// | state | mark | attributes |
/// |---|---|---|
/// | done | `✓ ` | `fillcolor="#e3f1e6"` |
/// | learning | `▶ ` | topics without children: `fillcolor="#d6e6ff", penwidth=2` |
/// | skipped | | `style="rounded,filled,dotted", color="#a3a3a3", fillcolor="#f4f4f4", fontcolor="#8a8a8a"` |
/// | todo | | |
///
/// ```
/// use roadmapper::export::dot::state_style;
/// use roadmapper::outline::TaskState;
/// assert_eq!(state_style(TaskState::Done, false).0, "✓ ");
/// assert_eq!(state_style(TaskState::Learning, true), ("▶ ", &[][..]));
/// ```
pub fn state_style(
    state: TaskState,
    group: bool,
) -> (&'static str, &'static [(&'static str, &'static str)]) {
    match state {
        TaskState::Done => ("✓ ", &[("fillcolor", "\"#e3f1e6\"")]),
        TaskState::Learning if group => ("▶ ", &[]),
        TaskState::Learning => ("▶ ", &[("fillcolor", "\"#d6e6ff\""), ("penwidth", "2")]),
        TaskState::Skipped => (
            "",
            &[
                ("style", "\"rounded,filled,dotted\""),
                ("color", "\"#a3a3a3\""),
                ("fillcolor", "\"#f4f4f4\""),
                ("fontcolor", "\"#8a8a8a\""),
            ],
        ),
        TaskState::Todo => ("", &[]),
    }
}

/// What the nodes show of the learner's progress, worked out once.
struct Progress {
    statuses: Vec<TaskState>,
    estimates: Vec<Option<f64>>,
    tallies: Vec<Tally>,
}

impl Progress {
    fn new(r: &Roadmap) -> Option<Progress> {
        if !r.tracks_progress() {
            return None;
        }
        let statuses = r.statuses();
        Some(Progress {
            estimates: r.estimates(),
            tallies: r.tallies(&statuses),
            statuses,
        })
    }

    /// `done · 2 h` for a topic, `learning · 4/6 done, 3 h left` for a
    /// group ([`Tally::summary`]).
    fn tooltip(&self, r: &Roadmap, i: usize, state: TaskState) -> String {
        if r.is_leaf(i) {
            match self.estimates.get(i).copied().flatten() {
                Some(h) => format!("{} · {}", state.name(), hours(h)),
                None => state.name().to_string(),
            }
        } else {
            let tally = self.tallies.get(i).copied().unwrap_or_default();
            format!("{} · {}", state.name(), tally.summary())
        }
    }
}

/// Borrows a roadmap and formats it as DOT.
///
/// ```
/// let o = roadmapper::outline::parse("o", b"Web\n  HTTP\n  REST\n").unwrap();
/// let p = roadmapper::prereqs::parse("p", b"HTTP -> REST\n").unwrap();
/// let r = roadmapper::Roadmap::build(o, &[p]).unwrap();
/// let dot = roadmapper::export::Dot(&r).to_string();
/// assert!(dot.starts_with("digraph roadmap {"));
/// assert!(dot.contains("\"http\" -> \"rest\" [style=dashed"));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Dot<'a>(pub &'a Roadmap);

impl fmt::Display for Dot<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_dot(f, self.0, None)
    }
}

/// Borrows a roadmap and its scene and formats DOT carrying the layout:
/// `pos`, `width`, `height` for every node and `pos` splines for drawn
/// edges, in points with y up, so `neato -n2` reproduces the layout.
///
/// ```
/// use roadmapper::{load, Input, layout, export::dot::Positioned};
/// let r = load(&Input::new("r.txt", "Web\n  HTTP\n  REST\n"), &[]).unwrap();
/// let scene = layout::layout(&r, &Default::default());
/// let dot = Positioned(&r, &scene).to_string();
/// assert!(dot.contains("bb=") && dot.contains("pos="));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Positioned<'a>(pub &'a Roadmap, pub &'a Scene);

impl fmt::Display for Positioned<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_dot(f, self.0, Some(self.1))
    }
}

/// Where each node and edge is drawn, in Graphviz's coordinates.
struct Layout {
    height: f32,
    /// Each node's label as wrapped in the scene, and its geometry.
    nodes: Vec<Option<(String, String)>>,
    edges: HashMap<(usize, usize, bool), String>,
}

impl Layout {
    fn new(r: &Roadmap, scene: &Scene) -> Layout {
        let h = scene.height;
        let pt = |p: Point| format!("{:.2},{:.2}", p.x, h - p.y);
        let mut nodes = vec![None; r.len()];
        for b in &scene.boxes {
            if let Some(slot) = nodes.get_mut(b.topic) {
                let c = b.rect.center();
                // The label as wrapped in the scene (Graphviz does not wrap).
                *slot = Some((
                    b.lines.join("\n"),
                    format!(
                        "pos=\"{}!\", width={:.4}, height={:.4}, fixedsize=shape, fontsize={:.1}",
                        pt(c),
                        b.rect.width / 72.0,
                        b.rect.height / 72.0,
                        b.font_size
                    ),
                ));
            }
        }
        let mut edges = HashMap::new();
        for e in &scene.edges {
            if e.kind == EdgeKind::Spine || e.points.len() < 2 {
                continue;
            }
            // Graphviz wants a B-spline (3n + 1 points); a polyline becomes
            // one straight cubic per segment.
            let mut spline: Vec<Point> = match e.curve {
                Curve::Bezier => e.points.clone(),
                Curve::Polyline => {
                    let mut v = vec![e.points[0]];
                    for w in e.points.windows(2) {
                        let (a, b) = (w[0], w[1]);
                        let lerp =
                            |t: f32| Point::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
                        v.extend([lerp(1.0 / 3.0), lerp(2.0 / 3.0), b]);
                    }
                    v
                }
            };
            let mut attr = String::from("pos=\"");
            if e.arrow {
                // The arrowhead runs from the spline's end to the tip.
                if let Some(&tip) = spline.last() {
                    let n = spline.len();
                    let before = spline[n - 2];
                    let (dx, dy) = (tip.x - before.x, tip.y - before.y);
                    let len = (dx * dx + dy * dy).sqrt().max(1e-3);
                    let back = len.min(8.0);
                    spline[n - 1] = Point::new(tip.x - dx / len * back, tip.y - dy / len * back);
                    let _ = write!(attr, "e,{} ", pt(tip));
                }
            }
            let joined: Vec<String> = spline.iter().map(|&p| pt(p)).collect();
            attr.push_str(&joined.join(" "));
            attr.push('"');
            edges.insert((e.from, e.to, e.kind == EdgeKind::Prerequisite), attr);
        }
        Layout {
            height: h,
            nodes,
            edges,
        }
    }
}

fn write_dot(f: &mut fmt::Formatter<'_>, r: &Roadmap, scene: Option<&Scene>) -> fmt::Result {
    let layout = scene.map(|s| Layout::new(r, s));
    let ids = dot_ids(r);
    let progress = Progress::new(r);
    let write_node = |f: &mut fmt::Formatter<'_>, i: usize, indent: &str| {
        node(f, r, &ids, i, indent, layout.as_ref(), progress.as_ref())
    };
    {
        writeln!(f, "digraph roadmap {{")?;
        writeln!(
            f,
            "  graph [rankdir=LR, newrank=true, nodesep=0.12, ranksep=0.35, fontname=\"Helvetica,Arial,sans-serif\"];"
        )?;
        writeln!(
            f,
            "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica,Arial,sans-serif\", fontsize=11, color=\"#333333\", fillcolor=\"#fff7d6\", margin=\"0.12,0.04\"];"
        )?;
        writeln!(f, "  edge [color=\"#888888\", arrowsize=0.6];")?;
        if r.hidden_prerequisites() > 0 || r.focus().is_some() {
            // Says what is left out, as the posters' subtitle does.
            let caption: String = r.caption().chars().filter(|c| !c.is_control()).collect();
            writeln!(f, "  // {caption}")?;
        }
        if let (Some(l), Some(s)) = (&layout, scene) {
            writeln!(
                f,
                "  graph [bb=\"0,0,{:.2},{:.2}\", splines=line];",
                s.width, l.height
            )?;
        }

        if let Some(t) = r.title() {
            writeln!(f)?;
            write_node(f, t, "  ")?;
        }
        for s in r.sections() {
            writeln!(f)?;
            writeln!(f, "  subgraph {} {{", quote(&format!("cluster_{}", ids[s])))?;
            // The section's own box names the cluster, so the cluster has no
            // label. Graphviz stacks a left-to-right rank bottom-up in
            // declaration order; declaring in reverse reads top-down.
            writeln!(
                f,
                "    graph [style=\"rounded,filled\", color=\"#d4d4d4\", fillcolor=\"#fafafa\"];"
            )?;
            for i in r.subtree(s).rev() {
                write_node(f, i, "    ")?;
            }
            writeln!(f, "  }}")?;
        }

        writeln!(f)?;
        for e in r.graph().raw_edges() {
            let (ai, bi) = (e.source().index(), e.target().index());
            let (a, b) = (quote(&ids[ai]), quote(&ids[bi]));
            let prereq = matches!(e.weight, Edge::Prerequisite { .. });
            let pos = layout
                .as_ref()
                .and_then(|l| l.edges.get(&(ai, bi, prereq)))
                .map(|p| format!(", {p}"))
                .unwrap_or_default();
            match &e.weight {
                Edge::Contains if pos.is_empty() => writeln!(f, "  {} -> {};", a, b)?,
                Edge::Contains => writeln!(f, "  {} -> {} [arrowhead=none{pos}];", a, b)?,
                Edge::Prerequisite { .. } => writeln!(
                    f,
                    "  {} -> {} [style=dashed, color=\"{PREREQUISITE_COLOR}\", penwidth=1.3, constraint=false{pos}];",
                    a, b
                )?,
            }
        }
        writeln!(f, "}}")
    }
}

fn node(
    f: &mut fmt::Formatter<'_>,
    r: &Roadmap,
    ids: &[String],
    i: usize,
    indent: &str,
    layout: Option<&Layout>,
    progress: Option<&Progress>,
) -> fmt::Result {
    let t = r.topic(i);
    let has_children = r.children(i).next().is_some();
    let state = progress.map(|p| p.statuses.get(i).copied().unwrap_or(TaskState::Todo));
    let (mark, state_attrs) = state.map_or(("", &[][..]), |s| state_style(s, has_children));
    // The title's state is the whole roadmap's, which posters give as the
    // line under it: no mark (its box has no room for one).
    let mark = if Some(i) == r.title() { "" } else { mark };
    let label = cut(&drawn_label(&t.label), MAX_DOT_STRING - mark.len()).into_owned();
    // With progress a later style replaces an earlier one of the same
    // name; without, every attribute is written as added (Graphviz takes
    // the last), as the `.dot` goldens without progress hold it.
    let mut a = Attrs {
        list: Vec::new(),
        replace: state.is_some(),
    };
    a.add("label", quote(&format!("{mark}{label}")));
    if Some(i) == r.title() {
        a.add("fontsize", "16");
        a.add("fillcolor", "\"#ffd54a\"");
        a.add("penwidth", "2");
    } else if r.is_section(i) || has_children {
        a.add("fillcolor", "\"#ffe58f\"");
        a.add("penwidth", "1.5");
    }
    let has = |tag: &str| t.tags.iter().any(|x| x == tag);
    if has("optional") {
        a.add("style", "\"rounded,filled,dashed\"");
    }
    if has("recommended") {
        a.add("color", "\"#7c3aed\"");
        a.add("penwidth", "2");
    } else if has("alternative") {
        a.add("color", "\"#16a34a\"");
        a.add("fillcolor", "\"#ecfdf5\"");
    }
    for &(key, value) in state_attrs {
        a.add(key, value);
    }
    if let Some(s) = state {
        a.add("status", quote(s.name()));
        a.add("class", quote(s.name()));
    }
    if r.is_faded(i) {
        a.add("color", "\"#c8c8c8\"");
        a.add("fillcolor", "\"#f7f7f7\"");
        a.add("fontcolor", "\"#8a8a8a\"");
    }
    let mut attrs = a.to_string();
    // The tooltip: the whole label when the drawn one is cut, the state,
    // the tags and the description.
    let mut tooltip = String::new();
    if label != t.label {
        tooltip.push_str(&t.label);
    }
    let state_line = progress
        .zip(state)
        .map(|(p, s)| p.tooltip(r, i, s))
        .unwrap_or_default();
    for part in [
        state_line,
        t.tags.join(", "),
        t.description.clone().unwrap_or_default(),
    ] {
        if part.is_empty() {
            continue;
        }
        if !tooltip.is_empty() {
            tooltip.push('\n');
        }
        tooltip.push_str(&part);
    }
    if !tooltip.is_empty() {
        let _ = write!(attrs, ", tooltip={}", quote(&cut(&tooltip, MAX_DOT_STRING)));
    }
    // Graphviz makes the node a link in SVG output. Some versions copy the
    // URL into the `href` unescaped: percent-encoded, it can neither end
    // the attribute nor hold an escape, and its `&` written `&amp;` keeps
    // the SVG well-formed (later versions, which escape an `&` that starts
    // no entity, leave it as it is). Only http, https and mailto URLs
    // reach the model; one too long to keep whole once encoded is left
    // out rather than cut into another address.
    if let Some(url) = t
        .links
        .first()
        .filter(|l| crate::link::is_safe(&l.url))
        .map(|l| crate::link::percent_encoded(&l.url).replace('&', "&amp;"))
        .filter(|url| url.len() <= MAX_DOT_STRING)
    {
        let _ = write!(attrs, ", URL={}", quote(&url));
    }
    if let Some((lines, pos)) = layout.and_then(|l| l.nodes.get(i)).and_then(Option::as_ref) {
        // The scene's wrapped label replaces the one above (Graphviz takes
        // the last), with the state's mark in front.
        let wrapped = format!("{mark}{lines}");
        let _ = write!(
            attrs,
            ", label={}, {pos}",
            quote(&cut(&wrapped, MAX_DOT_STRING))
        );
    }
    writeln!(f, "{indent}{} [{attrs}];", quote(&ids[i]))
}

/// A node's attributes in the order written.
struct Attrs {
    list: Vec<(&'static str, String)>,
    /// Whether a later value replaces an earlier one of the same name
    /// (Graphviz takes the last either way).
    replace: bool,
}

impl Attrs {
    fn add(&mut self, key: &'static str, value: impl Into<String>) {
        if self.replace {
            self.list.retain(|(k, _)| *k != key);
        }
        self.list.push((key, value.into()));
    }
}

impl fmt::Display for Attrs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (n, (key, value)) in self.list.iter().enumerate() {
            if n > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{key}={value}")?;
        }
        Ok(())
    }
}

/// Bytes of `c` between the quotes of [`quote`].
fn escaped_len(c: char) -> usize {
    match c {
        '"' | '\\' | '\n' => 2,
        c if c.is_control() => 0,
        c => c.len_utf8(),
    }
}

/// `s` whole when quoting it takes at most `max` bytes, else its longest
/// start (cut at a character) that fits with a closing `…`.
///
/// ```
/// use roadmapper::export::dot::{cut, quote};
/// assert_eq!(cut("short", 16), "short");
/// assert_eq!(cut("a \"quoted\" word", 10), "a \"quo…");
/// assert!(quote(&cut(&"日本".repeat(9_000), 16_000)).len() <= 16_002);
/// ```
pub fn cut(s: &str, max: usize) -> Cow<'_, str> {
    let ellipsis = '…'.len_utf8();
    let mut used = 0;
    let mut end = None;
    for (at, c) in s.char_indices() {
        used += escaped_len(c);
        if end.is_none() && used + ellipsis > max {
            end = Some(at);
        }
        if used > max {
            let at = end.unwrap_or(at);
            return Cow::Owned(format!("{}…", &s[..at]));
        }
    }
    Cow::Borrowed(s)
}

/// 64-bit FNV-1a: a short, stable fingerprint.
fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Each topic's DOT id: its id, or when that is longer than
/// [`MAX_DOT_ID`] once quoted, its start, `~` and a hash of the whole id
/// (made distinct from every other id should it ever clash).
fn dot_ids(r: &Roadmap) -> Vec<String> {
    let mut ids: Vec<String> = r.topics().map(|t| t.id.clone()).collect();
    let long: Vec<usize> = (0..ids.len())
        .filter(|&i| ids[i].chars().map(escaped_len).sum::<usize>() > MAX_DOT_ID)
        .collect();
    if long.is_empty() {
        return ids;
    }
    let mut taken: HashSet<String> = ids.iter().cloned().collect();
    for i in long {
        let hash = format!("~{:016x}", fnv1a(&ids[i]));
        let head = cut(&ids[i], MAX_DOT_ID - hash.len() - 8);
        let head = head.strip_suffix('…').unwrap_or(&head).to_owned();
        let mut id = format!("{head}{hash}");
        let mut k = 1;
        while taken.contains(&id) {
            k += 1;
            id = format!("{head}{hash}-{k}");
        }
        taken.insert(id.clone());
        ids[i] = id;
    }
    ids
}

/// A DOT double-quoted string: quotes and backslashes escaped, line breaks
/// as `\n`, other control characters dropped. Any UTF-8 text is kept.
///
/// ```
/// assert_eq!(roadmapper::export::dot::quote("a \"b\" \\ c\nd"), r#""a \"b\" \\ c\nd""#);
/// ```
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
