//! JSON export: one node-link document, the shape networkx's
//! `node_link_graph(data, edges="edges")` reads.
//!
//! The schema is in the README. Every field is written in a fixed order, so
//! output is byte-identical for the same input; the document also reads
//! back through serde ([`Document`] implements `Deserialize`).

use serde::{Deserialize, Serialize};

use crate::roadmap::{Edge, Roadmap};

/// The whole document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraphInfo {
    /// The title's label, when the outline has a single root.
    pub title: Option<String>,
    /// The outline file as given.
    pub source: String,
    /// Number of topics.
    pub topics: usize,
    /// Number of prerequisite edges.
    pub prerequisites: usize,
    /// Ids of the sections (the title's children, or the roots).
    pub sections: Vec<String>,
}

/// A topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
}

/// An edge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// The parent, or the topic learned first.
    pub source: String,
    /// The child, or the topic learned after.
    pub target: String,
    /// `"contains"` or `"prerequisite"`.
    pub kind: String,
    /// For prerequisites: the file that declares it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// For prerequisites: the line in that file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

/// Builds the node-link document for a roadmap.
pub fn to_document(r: &Roadmap) -> Document {
    let id = |i: usize| r.topic(i).id.clone();
    let nodes = r
        .topics()
        .map(|t| Node {
            id: t.id.clone(),
            label: t.label.clone(),
            path: r.path(t.position).into_iter().map(String::from).collect(),
            depth: t.depth,
            parent: r.parent(t.position).map(id),
            tags: t.tags.clone(),
            order: r.rank(t.position),
            stage: r.stage(t.position),
            line: t.line,
        })
        .collect();
    let edges: Vec<Link> = r
        .graph()
        .raw_edges()
        .iter()
        .map(|e| {
            let (file, line) = match &e.weight {
                Edge::Contains => (None, None),
                Edge::Prerequisite { file, line } => (Some(file.clone()), Some(*line)),
            };
            Link {
                source: id(e.source().index()),
                target: id(e.target().index()),
                kind: e.weight.kind().to_string(),
                file,
                line,
            }
        })
        .collect();
    Document {
        directed: true,
        multigraph: false,
        graph: GraphInfo {
            title: r.title().map(|t| r.topic(t).label.clone()),
            source: r.file().to_string(),
            topics: r.len(),
            prerequisites: r.prerequisites().count(),
            sections: r.sections().into_iter().map(id).collect(),
        },
        nodes,
        edges,
    }
}

/// The document as pretty-printed JSON with a final newline.
pub fn to_string(r: &Roadmap) -> String {
    let mut s = serde_json::to_string_pretty(&to_document(r))
        .expect("a Document has only string keys and plain values");
    s.push('\n');
    s
}
