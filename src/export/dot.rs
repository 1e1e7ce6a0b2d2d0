//! Graphviz DOT export.
//!
//! One `subgraph cluster_…` per section, rounded boxes, `contains` edges
//! solid and grey, prerequisite edges dashed and blue. The output is
//! deterministic and every string is escaped, so `dot -Tsvg` renders it
//! without a warning.

use std::fmt::{self, Write as _};

use crate::roadmap::{Edge, Roadmap};

/// Colour of prerequisite edges (also used by the posters).
pub const PREREQUISITE_COLOR: &str = "#2563eb";

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
        let r = self.0;
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

        if let Some(t) = r.title() {
            writeln!(f)?;
            node(f, r, t, "  ")?;
        }
        for s in r.sections() {
            writeln!(f)?;
            let topic = r.topic(s);
            writeln!(
                f,
                "  subgraph {} {{",
                quote(&format!("cluster_{}", topic.id))
            )?;
            // The section's own box names the cluster, so the cluster has no
            // label. Graphviz stacks a left-to-right rank bottom-up in
            // declaration order; declaring in reverse reads top-down.
            writeln!(
                f,
                "    graph [style=\"rounded,filled\", color=\"#d4d4d4\", fillcolor=\"#fafafa\"];"
            )?;
            for i in r.subtree(s).rev() {
                node(f, r, i, "    ")?;
            }
            writeln!(f, "  }}")?;
        }

        writeln!(f)?;
        for e in r.graph().raw_edges() {
            let (a, b) = (r.topic(e.source().index()), r.topic(e.target().index()));
            match &e.weight {
                Edge::Contains => writeln!(f, "  {} -> {};", quote(&a.id), quote(&b.id))?,
                Edge::Prerequisite { .. } => writeln!(
                    f,
                    "  {} -> {} [style=dashed, color=\"{PREREQUISITE_COLOR}\", penwidth=1.3, constraint=false];",
                    quote(&a.id),
                    quote(&b.id)
                )?,
            }
        }
        writeln!(f, "}}")
    }
}

fn node(f: &mut fmt::Formatter<'_>, r: &Roadmap, i: usize, indent: &str) -> fmt::Result {
    let t = r.topic(i);
    let mut attrs = format!("label={}", quote(&t.label));
    let has_children = r.children(i).next().is_some();
    if Some(i) == r.title() {
        attrs.push_str(", fontsize=16, fillcolor=\"#ffd54a\", penwidth=2");
    } else if r.is_section(i) || has_children {
        attrs.push_str(", fillcolor=\"#ffe58f\", penwidth=1.5");
    }
    let has = |tag: &str| t.tags.iter().any(|x| x == tag);
    if has("optional") {
        attrs.push_str(", style=\"rounded,filled,dashed\"");
    }
    if has("recommended") {
        attrs.push_str(", color=\"#7c3aed\", penwidth=2");
    } else if has("alternative") {
        attrs.push_str(", color=\"#16a34a\", fillcolor=\"#ecfdf5\"");
    }
    if !t.tags.is_empty() {
        let _ = write!(attrs, ", tooltip={}", quote(&t.tags.join(", ")));
    }
    writeln!(f, "{indent}{} [{attrs}];", quote(&t.id))
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
