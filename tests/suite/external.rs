//! Checks the exports with the real consumers: Graphviz renders the DOT
//! without a single warning (and `neato -n2` keeps the poster's positions),
//! networkx loads the JSON with the same node and edge counts, xmllint and
//! rsvg-convert accept the SVG posters.
//!
//! On a machine without `dot` or Python's networkx these tests say they were
//! skipped and pass, so `cargo test` works on a fresh machine. CI installs
//! both and sets `ROADMAPPER_REQUIRE_TOOLS=1`, which turns a missing tool
//! into a failure.

use crate::tools;
use std::path::Path;
use tools::{run, skip};

use roadmapper::{Input, Roadmap, export};

fn shipped() -> Roadmap {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |p: &str| std::fs::read(root.join(p)).expect("shipped roadmap files exist");
    roadmapper::load(
        &Input::new("roadmap/backend.txt", read("roadmap/backend.txt")),
        &[Input::new(
            "roadmap/backend.prereqs",
            read("roadmap/backend.prereqs"),
        )],
    )
    .expect("the shipped roadmap loads")
}

/// A tricky roadmap: quotes, backslashes, braces, arrows, DOT keywords,
/// HTML, non-Latin scripts and emoji in labels.
fn tricky() -> Roadmap {
    let outline = "Tricky \"roadmap\" {graph}\n  a \\ b -> c\n  subgraph cluster_x [label=x]\n    <b>bold</b> & 'quoted'\n    node; edge -- digraph\n  日本語 العربية 🚀\n    \\n not a newline\n";
    let prereqs =
        "subgraph cluster_x -> 日本語 العربية 🚀\n<b>bold</b> & 'quoted' -> \\n not a newline\n";
    roadmapper::load(
        &Input::new("tricky.txt", outline),
        &[Input::new("tricky.prereqs", prereqs)],
    )
    .expect("the tricky roadmap loads")
}

fn graphviz_renders_cleanly(r: &Roadmap, what: &str) {
    let dot = export::Dot(r).to_string();
    let Some(out) = run("dot", &["-Tsvg"], dot.as_bytes()) else {
        return skip("Graphviz `dot`");
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.is_empty(),
        "dot -Tsvg on {what} failed or warned:\n{stderr}"
    );
    let svg = decode_entities(&String::from_utf8_lossy(&out.stdout));
    // Every label made it through as written.
    for t in r.topics() {
        assert!(
            svg.contains(&format!(">{}</text>", t.label)),
            "label {:?} missing from Graphviz's SVG of {what}",
            t.label
        );
    }
}

/// Decodes the XML entities Graphviz writes (`&#45;`, `&amp;`, ...).
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';').filter(|&e| e < 12) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The shipped roadmap with the learner's checklist, and the golden
/// progress fixture (every state, estimates, a shared label).
fn with_progress() -> Vec<(Roadmap, &'static str)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let input = |p: &str| {
        Input::new(
            p,
            std::fs::read(root.join(p)).expect("progress inputs exist"),
        )
    };
    [
        ("roadmap/backend", "roadmap/backend.progress.md"),
        (
            "tests/golden/progress-export",
            "tests/golden/progress-export.progress.md",
        ),
    ]
    .into_iter()
    .map(|(stem, progress)| {
        let r = roadmapper::load_with_progress(
            &input(&format!("{stem}.txt")),
            &[input(&format!("{stem}.prereqs"))],
            &[],
            &[input(progress)],
        )
        .expect("the roadmap and its progress load");
        assert!(r.tracks_progress());
        (r, progress)
    })
    .collect()
}

/// `dot -Tsvg` and `dot -Tpng` take the DOT styled by state without a
/// warning; the SVG has every label with its state's mark, and one node
/// group of each state's class per topic in that state.
#[test]
fn graphviz_renders_progress_styles_without_warnings() {
    use roadmapper::outline::TaskState;
    for (r, what) in with_progress() {
        let dot = export::Dot(&r).to_string();
        for format in ["-Tsvg", "-Tpng"] {
            let Some(out) = run("dot", &[format], dot.as_bytes()) else {
                return skip("Graphviz `dot`");
            };
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                out.status.success() && stderr.is_empty(),
                "dot {format} on {what} failed or warned:\n{stderr}"
            );
            if format == "-Tpng" {
                assert!(out.stdout.starts_with(b"\x89PNG"));
                continue;
            }
            let svg = decode_entities(&String::from_utf8_lossy(&out.stdout));
            let statuses = r.statuses();
            for (t, s) in r.topics().zip(&statuses) {
                // Written out, not taken from the exporter, so a lost
                // mark fails here.
                // The title has none: its state is the whole roadmap's.
                let mark = match s {
                    _ if Some(t.position) == r.title() => "",
                    TaskState::Done => "✓ ",
                    TaskState::Learning => "▶ ",
                    TaskState::Skipped | TaskState::Todo => "",
                };
                assert!(
                    svg.contains(&format!(">{mark}{}</text>", t.label)),
                    "label {:?} ({}) missing from Graphviz's SVG of {what}",
                    t.label,
                    s.name()
                );
            }
            for s in ["todo", "learning", "done", "skipped"] {
                let expected = statuses.iter().filter(|x| x.name() == s).count();
                let found = svg.matches(&format!("class=\"node {s}\"")).count();
                assert_eq!(found, expected, "{s} nodes in Graphviz's SVG of {what}");
            }
        }
    }
}

#[test]
fn graphviz_renders_backend_without_warnings() {
    graphviz_renders_cleanly(&shipped(), "roadmap/backend.txt");
}

#[test]
fn graphviz_renders_tricky_labels_as_written() {
    graphviz_renders_cleanly(&tricky(), "tricky labels");
}

/// A roadmap whose notes link, description, tag and label each try to
/// break out of the SVG Graphviz writes: its `href`, `xlink:title`,
/// `<title>` and `<text>`.
fn breakout() -> (Roadmap, &'static str) {
    let url = "https://x.example/\"/><script>alert(1)</script>?a=1&b=\\N&c='x'";
    let outline = "Breakout\n  HTTP [\"/><svg onload=alert(3)>]\n  <img src=x onerror=alert(4)>\n";
    let notes = format!("## HTTP\n\nA note \"/> ]]> --> <!-- x.\n\n- [Evil]({url})\n");
    let r = roadmapper::load_with_notes(
        &Input::new("breakout.txt", outline),
        &[],
        &[Input::new("breakout.notes.md", notes)],
    )
    .expect("the breakout roadmap loads");
    assert_eq!(r.topic(1).links[0].url, url, "the notes keep the link");
    (r, url)
}

#[test]
fn graphviz_svg_of_our_dot_holds_nothing_from_user_text() {
    let (r, url) = breakout();
    let Some(out) = run("dot", &["-Tsvg"], export::Dot(&r).to_string().as_bytes()) else {
        return skip("Graphviz `dot`");
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = String::from_utf8(out.stdout).expect("Graphviz writes UTF-8");
    use resvg::usvg::roxmltree::{Document, ParsingOptions};
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    let doc = Document::parse_with_options(&svg, options)
        .unwrap_or_else(|e| panic!("Graphviz's SVG is not well-formed XML ({e}):\n{svg}"));
    const ELEMENTS: [&str; 9] = [
        "svg", "g", "title", "a", "text", "polygon", "path", "ellipse", "polyline",
    ];
    const ATTRIBUTES: [&str; 22] = [
        "width",
        "height",
        "viewBox",
        "id",
        "class",
        "transform",
        "fill",
        "stroke",
        "stroke-width",
        "stroke-dasharray",
        "points",
        "d",
        "cx",
        "cy",
        "rx",
        "ry",
        "x",
        "y",
        "text-anchor",
        "font-family",
        "font-size",
        "title",
    ];
    let mut hrefs = Vec::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        let tag = node.tag_name().name();
        assert!(ELEMENTS.contains(&tag), "element <{tag}> in:\n{svg}");
        for a in node.attributes() {
            match a.name() {
                "href" if tag == "a" => hrefs.push(a.value().to_owned()),
                name => assert!(
                    ATTRIBUTES.contains(&name),
                    "attribute {name}={:?} on <{tag}>",
                    a.value()
                ),
            }
        }
    }
    // The link, percent-encoded: the same address, nothing escaped.
    assert_eq!(
        hrefs,
        ["https://x.example/%22/%3E%3Cscript%3Ealert%281%29%3C/script%3E?a=1&b=%5CN&c=%27x%27"],
        "the link to {url}"
    );
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    assert!(texts.contains(&"<img src=x onerror=alert(4)>"), "{texts:?}");
    let title = doc
        .descendants()
        .filter(|n| n.has_tag_name("a"))
        .find_map(|n| n.attributes().find(|a| a.name() == "title"))
        .expect("the node's tooltip");
    assert_eq!(
        title.value(),
        "\"/><svg onload=alert(3)>\nA note \"/> ]]> --> <!-- x."
    );
}

const NETWORKX_CHECK: &str = r#"
import json, sys
import networkx as nx
data = json.load(sys.stdin)
g = nx.node_link_graph(data, edges="edges")
assert g.is_directed() and not g.is_multigraph()
assert nx.is_directed_acyclic_graph(g)
kinds = sorted({d["kind"] for _, _, d in g.edges(data=True)})
print(g.number_of_nodes(), g.number_of_edges(), ",".join(kinds))
"#;

fn networkx_loads(r: &Roadmap) {
    let json = export::json::to_string(r);
    let Some(out) = run("python3", &["-c", NETWORKX_CHECK], json.as_bytes()) else {
        return skip("python3");
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("No module named 'networkx'") {
        return skip("Python's networkx");
    }
    assert!(out.status.success(), "networkx failed:\n{stderr}");
    let prereqs = r.prerequisites().count();
    let expected = format!(
        "{} {} contains,prerequisite\n",
        r.len(),
        r.len() - r.roots().count() + prereqs
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
}

/// Reads the progress back with networkx: each node's status and
/// estimate_hours, a group's estimate equal to the sum over the topics
/// without children below it (found with networkx's own descendants), and
/// graph.progress equal to networkx's count of those topics by status.
const NETWORKX_PROGRESS: &str = r#"
import json, sys
import networkx as nx
data = json.load(sys.stdin)
g = nx.node_link_graph(data, edges="edges")
tree = nx.DiGraph([(a, b) for a, b, d in g.edges(data=True) if d["kind"] == "contains"])
tree.add_nodes_from(g)
status = nx.get_node_attributes(g, "status")
hours = nx.get_node_attributes(g, "estimate_hours")
assert set(status) == set(g) and set(hours) == set(g), "every node has both"
leaves = [n for n in g if tree.out_degree(n) == 0]
for n in g:
    if tree.out_degree(n) > 0:
        below = [hours[m] for m in nx.descendants(tree, n) if m in leaves and hours[m] is not None]
        want = round(sum(below), 2) if below else None
        assert hours[n] == want, (n, hours[n], want)
p = g.graph["progress"]
for s in ["done", "learning", "skipped", "todo"]:
    assert p[s] == sum(1 for n in leaves if status[n] == s), (s, p)
left = [n for n in leaves if status[n] in ("todo", "learning")]
assert p["hours_left"] == round(sum(hours[n] or 0 for n in left), 2), p
assert p["without_estimate"] == sum(1 for n in left if hours[n] is None), p
for n in data["nodes"]:
    print(n["id"], status[n["id"]], hours[n["id"]])
print(p["percent"])
"#;

#[test]
fn networkx_reads_status_and_estimates() {
    for (r, what) in with_progress() {
        let json = export::json::to_string(&r);
        let Some(out) = run("python3", &["-c", NETWORKX_PROGRESS], json.as_bytes()) else {
            return skip("python3");
        };
        let stderr = String::from_utf8_lossy(&out.stderr);
        if stderr.contains("No module named 'networkx'") {
            return skip("Python's networkx");
        }
        assert!(out.status.success(), "networkx on {what}:\n{stderr}");
        // Python prints floats as `2.0` and `None`, the same as the model.
        let mut expected = String::new();
        for ((t, s), h) in r.topics().zip(r.statuses()).zip(r.estimates()) {
            let h = h.map_or("None".to_string(), |h| {
                format!("{:?}", (h * 100.0).round() / 100.0)
            });
            expected.push_str(&format!("{} {} {h}\n", t.id, s.name()));
        }
        let tally = r.tally(&r.statuses(), None);
        expected.push_str(&format!("{}\n", tally.percent()));
        assert_eq!(String::from_utf8_lossy(&out.stdout), expected, "{what}");
    }
}

#[test]
fn networkx_loads_backend_json() {
    networkx_loads(&shipped());
}

#[test]
fn networkx_loads_tricky_json() {
    networkx_loads(&tricky());
}

fn svg_of(r: &Roadmap, layout: roadmapper::layout::LayoutKind) -> String {
    let options = roadmapper::RenderOptions {
        format: roadmapper::Format::Svg,
        layout: roadmapper::layout::LayoutOptions {
            kind: layout,
            ..Default::default()
        },
        ..Default::default()
    };
    String::from_utf8(roadmapper::render(r, &options).expect("renders")).expect("UTF-8 SVG")
}

/// xmllint parses the posters as XML without a complaint, and every label
/// (escaped) is in the text.
#[test]
fn xmllint_accepts_the_svg_posters() {
    use roadmapper::layout::LayoutKind;
    for (r, what) in [(shipped(), "backend"), (tricky(), "tricky")] {
        for layout in [LayoutKind::Poster, LayoutKind::Layered] {
            let svg = svg_of(&r, layout);
            let Some(out) = run("xmllint", &["--noout", "-"], svg.as_bytes()) else {
                return skip("xmllint (libxml2-utils)");
            };
            assert!(
                out.status.success() && out.stderr.is_empty(),
                "xmllint on the {what} {layout:?} SVG:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

/// rsvg-convert (librsvg, another renderer than ours) draws the poster
/// without a warning, at the SVG's size.
#[test]
fn rsvg_convert_renders_the_poster() {
    let svg = svg_of(&tricky(), roadmapper::layout::LayoutKind::Poster);
    let Some(out) = run("rsvg-convert", &["--format", "png"], svg.as_bytes()) else {
        return skip("rsvg-convert (librsvg2-bin)");
    };
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "rsvg-convert: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.starts_with(b"\x89PNG"));
}

/// `neato -n2` accepts the DOT with positions and keeps every node where
/// the poster put it.
#[test]
fn neato_n2_reproduces_the_poster_positions() {
    let r = shipped();
    let scene = roadmapper::layout::layout(&r, &Default::default());
    let dot = export::dot::Positioned(&r, &scene).to_string();
    let Some(out) = run("neato", &["-n2", "-Tplain"], dot.as_bytes()) else {
        return skip("Graphviz `neato`");
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.is_empty(),
        "neato -n2: {stderr}"
    );
    // `plain` gives node centres in inches, y up.
    let plain = String::from_utf8_lossy(&out.stdout);
    let mut checked = 0;
    for line in plain.lines().filter(|l| l.starts_with("node ")) {
        let f: Vec<&str> = line.split_whitespace().collect();
        let id = f[1].trim_matches('"');
        let (x, y): (f32, f32) = (f[2].parse().unwrap(), f[3].parse().unwrap());
        let b = scene
            .boxes
            .iter()
            .find(|b| r.topic(b.topic).id == id)
            .unwrap_or_else(|| panic!("node {id} in the scene"));
        let c = b.rect.center();
        assert!((x * 72.0 - c.x).abs() < 1.0, "{id}: x {x} vs {}", c.x);
        assert!((y * 72.0 - (scene.height - c.y)).abs() < 1.0, "{id}: y");
        checked += 1;
    }
    assert_eq!(checked, r.len());
}
