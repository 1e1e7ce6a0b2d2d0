//! JSON export: one node-link document, the shape networkx's
//! `node_link_graph(data, edges="edges")` reads.
//!
//! The schema is in the README. Every field is written in a fixed order, so
//! output is byte-identical for the same input; the document also reads
//! back through serde ([`Document`] implements `Deserialize`).

use serde::{Deserialize, Serialize};

use crate::roadmap::{Edge, Roadmap};
use crate::scene::{Curve, EdgeKind, Scene};
use crate::text::{self, Weight};

/// The whole document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Always `true`.
    pub directed: bool,
    /// Always `false`: at most one edge joins two topics.
    pub multigraph: bool,
    /// Graph-level attributes.
    pub graph: GraphInfo,
    /// Topics in outline order.
    pub nodes: Vec<Node>,
    /// `contains` edges in outline order, then prerequisites in file order.
    pub edges: Vec<Link>,
}

/// Graph-level attributes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphInfo {
    /// The title's label, when the outline has a single root.
    pub title: Option<String>,
    /// The outline file as given.
    pub source: String,
    /// Number of topics.
    pub topics: usize,
    /// Number of prerequisite edges.
    pub prerequisites: usize,
    /// How many of them are implied by the nesting and the others (each
    /// marked `"implied": true`).
    #[serde(default)]
    pub implied: usize,
    /// What a focused rendering shows (`what REST needs`), when focused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<String>,
    /// Ids of the sections (the title's children, or the roots).
    pub sections: Vec<String>,
    /// Canvas width in pixels (scale 1), when laid out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<f32>,
    /// Canvas height in pixels (scale 1), when laid out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<f32>,
    /// The layout engine, when laid out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layout: Option<String>,
    /// The font family of all text, when laid out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub font: Option<String>,
    /// The font size of topics (nodes give theirs where it differs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub font_size: Option<f32>,
    /// The learner's totals, when progress is known
    /// ([`Roadmap::tracks_progress`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<Progress>,
}

/// The learner's totals over the topics without children
/// ([`Roadmap::tally`]): groups are not counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// Topics done.
    pub done: usize,
    /// Topics being learnt.
    pub learning: usize,
    /// Topics skipped (left out of `percent`).
    pub skipped: usize,
    /// Topics to do.
    pub todo: usize,
    /// The share done of the topics not skipped, in whole percent rounded
    /// down.
    pub percent: usize,
    /// Hours the topics to do or being learnt are estimated at, rounded to
    /// hundredths.
    pub hours_left: f64,
    /// Topics to do or being learnt without an estimate.
    pub without_estimate: usize,
}

/// A topic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// Unique slug.
    pub id: String,
    /// Label as shown.
    pub label: String,
    /// Labels from the root down to this topic.
    pub path: Vec<String>,
    /// 0 for roots.
    pub depth: usize,
    /// The parent's id, `null` for roots.
    pub parent: Option<String>,
    /// Tags such as `recommended`.
    pub tags: Vec<String>,
    /// Position in the study order, from 0.
    pub order: usize,
    /// Stage: topics of one stage can be learned in parallel.
    pub stage: usize,
    /// 1-based line in the outline.
    pub line: usize,
    /// What the topic is (a Markdown outline's first paragraph, or the
    /// notes'); `null` when none is given.
    #[serde(default)]
    pub description: Option<String>,
    /// Where to learn it: `{title, url, kind}`, kind `null` or one of
    /// article, video, official, course, book, opensource, podcast, feed,
    /// roadmap.
    #[serde(default)]
    pub links: Vec<crate::link::Link>,
    /// The state given to this topic itself: the task box of a Markdown
    /// outline's item, or its item in a progress file (`todo`, `learning`,
    /// `done` or `skipped`); absent when it has none. Kept beside `status`
    /// because it says what the learner wrote, where `status` says what
    /// follows from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<String>,
    /// The state shown, when progress is known: `todo`, `learning`, `done`
    /// or `skipped`, with the group rules ([`Roadmap::statuses`]): a topic
    /// without a box of its own takes its nearest marked ancestor's, a
    /// group's comes from the topics inside it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Hours, when progress is known: a topic's own estimate tag (`[2h]`,
    /// `[90m]`, `[2d]`), a group's the sum over the topics without
    /// children inside it ([`Roadmap::estimates`]), rounded to hundredths;
    /// `null` when there is none, absent when neither progress nor any
    /// estimate is known.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub estimate_hours: Option<Option<f64>>,
    /// `true` for a topic drawn faded: from elsewhere, needed by the
    /// focused section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub faded: Option<bool>,
    /// Left edge of the box, when laid out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x: Option<f32>,
    /// Top edge of the box, when laid out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub y: Option<f32>,
    /// Box width, when laid out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<f32>,
    /// Box height, when laid out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<f32>,
    /// The label wrapped into lines as drawn, when laid out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lines: Option<Vec<String>>,
    /// Font size, where it differs from the graph's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub font_size: Option<f32>,
    /// Font weight (700 for bold), where it differs from 400.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub font_weight: Option<u16>,
}

/// An edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// The parent, or the topic learned first.
    pub source: String,
    /// The child, or the topic learned after.
    pub target: String,
    /// `"contains"` or `"prerequisite"`.
    pub kind: LinkKind,
    /// For prerequisites: the file that declares it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// For prerequisites: the line in that file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// `true` for a prerequisite the nesting and the other prerequisites
    /// already enforce; posters leave it out unless asked for every one,
    /// so it has no `points`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implied: Option<bool>,
    /// The drawn path as `[x, y]` points (for a cubic Bezier: start, then
    /// control, control, end triples), when laid out and drawn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<Vec<[f32; 2]>>,
    /// `"polyline"` or `"bezier"`, with `points`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub curve: Option<Curve>,
}

/// What an edge means (JSON's `kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    /// Parent to child.
    Contains,
    /// Learned before.
    Prerequisite,
}

/// Longest `path` written: a deeper topic's path keeps the root, `…` and
/// its nearest ancestors (see [`Roadmap::path_within`]), so the document
/// stays linear in the outline however deep it nests.
pub const MAX_PATH: usize = 256;

/// Builds the node-link document for a roadmap.
pub fn to_document(r: &Roadmap) -> Document {
    to_document_with(r, None)
}

/// Rounds to hundredths, as the SVG does.
fn px(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// Hours rounded to hundredths, so sums read `3.5`, not `3.4999999999999996`.
pub(crate) fn hundredths(h: f64) -> f64 {
    (h * 100.0).round() / 100.0
}

/// Reads a field that is `null` when present but empty, and absent when
/// unknown: `null` is `Some(None)`, a missing field (`default`) `None`.
fn present<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// Builds the node-link document, with the scene's geometry when given.
pub fn to_document_with(r: &Roadmap, scene: Option<&Scene>) -> Document {
    let id = |i: usize| r.topic(i).id.clone();
    // States only with progress, estimates with progress or estimate
    // tags: a roadmap with neither writes no `status` and no
    // `estimate_hours`.
    let tracked = r.tracks_progress();
    let statuses = if tracked { r.statuses() } else { Vec::new() };
    let estimated = tracked || r.has_estimates();
    let estimates = if estimated { r.estimates() } else { Vec::new() };
    let nodes = r
        .topics()
        .map(|t| Node {
            id: t.id.clone(),
            label: t.label.clone(),
            path: r
                .path_within(t.position, MAX_PATH)
                .into_iter()
                .map(String::from)
                .collect(),
            depth: t.depth,
            parent: r.parent(t.position).map(id),
            tags: t.tags.clone(),
            order: r.rank(t.position),
            stage: r.stage(t.position),
            line: t.line,
            description: t.description.clone(),
            links: t
                .links
                .iter()
                .filter(|l| crate::link::is_safe(&l.url))
                .cloned()
                .collect(),
            task: t.state.map(|s| s.name().to_string()),
            status: statuses.get(t.position).map(|s| s.name().to_string()),
            estimate_hours: estimated
                .then(|| estimates.get(t.position).copied().flatten().map(hundredths)),
            faded: r.is_faded(t.position).then_some(true),
            x: None,
            y: None,
            width: None,
            height: None,
            lines: None,
            font_size: None,
            font_weight: None,
        })
        .collect();
    let implied = r.implied();
    let mut prerequisite = 0;
    let edges: Vec<Link> = r
        .graph()
        .raw_edges()
        .iter()
        .map(|e| {
            let (kind, file, line, implied) = match &e.weight {
                Edge::Contains => (LinkKind::Contains, None, None, None),
                Edge::Prerequisite { file, line } => {
                    prerequisite += 1;
                    let implied = implied.get(prerequisite - 1).copied().unwrap_or(false);
                    (
                        LinkKind::Prerequisite,
                        Some(file.clone()),
                        Some(*line),
                        implied.then_some(true),
                    )
                }
            };
            Link {
                source: id(e.source().index()),
                target: id(e.target().index()),
                kind,
                file,
                line,
                implied,
                points: None,
                curve: None,
            }
        })
        .collect();
    let mut doc = Document {
        directed: true,
        multigraph: false,
        graph: GraphInfo {
            title: r.title().map(|t| r.topic(t).label.clone()),
            source: r.file().to_string(),
            topics: r.len(),
            prerequisites: r.prerequisites().count(),
            implied: r.implied_count(),
            focus: r.focus().map(str::to_string),
            sections: r.sections().into_iter().map(id).collect(),
            width: None,
            height: None,
            layout: None,
            font: None,
            font_size: None,
            progress: tracked.then(|| {
                let t = r.tally(&statuses, None);
                Progress {
                    done: t.done,
                    learning: t.learning,
                    skipped: t.skipped,
                    todo: t.todo,
                    percent: t.percent(),
                    hours_left: hundredths(t.hours_left),
                    without_estimate: t.without_estimate,
                }
            }),
        },
        nodes,
        edges,
    };
    if let Some(scene) = scene {
        add_geometry(r, &mut doc, scene);
    }
    doc
}

fn add_geometry(r: &Roadmap, doc: &mut Document, scene: &Scene) {
    let g = &mut doc.graph;
    g.width = Some(px(scene.width));
    g.height = Some(px(scene.height));
    g.layout = Some(scene.layout.to_string());
    g.font = Some(text::FAMILY.to_string());
    g.font_size = Some(scene.font_size);
    for b in &scene.boxes {
        let Some(n) = doc.nodes.get_mut(b.topic) else {
            continue;
        };
        n.x = Some(px(b.rect.x));
        n.y = Some(px(b.rect.y));
        n.width = Some(px(b.rect.width));
        n.height = Some(px(b.rect.height));
        n.lines = Some(b.lines.clone());
        n.font_size = (b.font_size != scene.font_size).then_some(b.font_size);
        n.font_weight = (b.weight != Weight::Regular).then_some(b.weight.css());
    }
    // Graph edges are in petgraph order; find each one's drawn path.
    let mut drawn = std::collections::HashMap::new();
    for e in &scene.edges {
        if e.kind != EdgeKind::Spine {
            drawn.insert((e.from, e.to, e.kind == EdgeKind::Prerequisite), e);
        }
    }
    for (link, e) in doc.edges.iter_mut().zip(r.graph().raw_edges()) {
        let key = (
            e.source().index(),
            e.target().index(),
            matches!(e.weight, Edge::Prerequisite { .. }),
        );
        if let Some(d) = drawn.get(&key) {
            link.points = Some(d.points.iter().map(|p| [px(p.x), px(p.y)]).collect());
            link.curve = Some(d.curve);
        }
    }
}

/// The document as pretty-printed JSON with a final newline.
pub fn to_string(r: &Roadmap) -> String {
    to_string_with(r, None)
}

/// The JSON exporter: the roadmap, and the layout when there is one
/// ([`crate::export::Export`]).
#[derive(Debug, Clone, Copy)]
pub struct Json<'a> {
    /// The roadmap.
    pub roadmap: &'a Roadmap,
    /// Its layout, for the geometry.
    pub scene: Option<&'a Scene>,
}

impl crate::export::Export for Json<'_> {
    type Error = std::io::Error;

    /// The same bytes as [`to_string_with`].
    fn write_to(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &to_document_with(self.roadmap, self.scene))?;
        out.write_all(b"\n")
    }
}

/// The document, with the scene's geometry when given, as pretty-printed
/// JSON with a final newline.
pub fn to_string_with(r: &Roadmap, scene: Option<&Scene>) -> String {
    let mut s = serde_json::to_string_pretty(&to_document_with(r, scene))
        .expect("a Document has only string keys and plain values");
    s.push('\n');
    s
}
