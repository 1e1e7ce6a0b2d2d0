//! Prints [`roadmapper::layout::quality`]'s measures of one drawing as a
//! tab-separated line, for `bench/legibility.sh`: either one of our
//! layouts of a roadmap, or Graphviz's drawing of it read from
//! `dot -Tjson`, so both are measured by the same code.
//!
//! A bench target without a harness (`harness = false` in Cargo.toml):
//!
//! ```text
//! cargo bench --bench legibility
//! cargo bench --bench legibility -- --header
//! cargo bench --bench legibility -- poster OUTLINE [PREREQS...]
//! cargo bench --bench legibility -- layered OUTLINE [PREREQS...]
//! cargo bench --bench legibility -- dot DOT_JSON
//! ```
//!
//! Without a command it measures the shipped backend roadmap with both
//! layouts: the header and a line for each, after a `drawing` column.
//! `cargo bench` adds `--bench` to the arguments, which is ignored; the
//! arguments of a plain `cargo bench -- FILTER` are the criterion
//! benchmarks' filter, not a command, and are ignored too.
//!
//! Graphviz works in points with y up; its drawing is turned into a
//! [`Scene`] in pixels at 96 dpi, as its PNG and browsers show it (so the
//! 11 pt labels of our DOT are about our posters' 14 px), y down: a box
//! per node (`pos`, `width`, `height`), an edge per edge from its `_draw_`
//! Bezier with a straight piece to the arrow tip (`e,x,y` of `pos`),
//! dashed edges (our prerequisites) as arrows, the others as connectors.
//! Cluster frames are not boxes, as our section frames are not.
//!
//! The last two columns are the time to lay the roadmap out in this
//! process (loading excluded; empty for Graphviz) and the time to measure
//! the drawing, in milliseconds.

use std::process::ExitCode;
use std::time::Instant;

use roadmapper::layout::{self, LayoutKind, LayoutOptions, quality};
use roadmapper::scene::{Curve, EdgeKind, Point, Rect, Role, Scene, SceneBox, SceneEdge};
use roadmapper::text::Weight;
use roadmapper::{Input, load};
use serde_json::Value;

const HEADER: &str = "boxes\tedges\tarrows\toverlaps\tthrough\tcrossings\tarrow_crossings\
\tmain_path_crossings\tshared\tbends_per_edge\tedge_length\twidth\theight\tarea_per_topic\
\taspect\tlayout_ms\tmeasure_ms";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let by_cargo_bench = args.iter().any(|a| a == "--bench");
    args.retain(|a| a != "--bench");
    let result = if args.is_empty() {
        backend()
    } else if by_cargo_bench && !is_command(&args) {
        Ok(()) // a filter for the other benches
    } else {
        run(&args).map(|line| println!("{line}"))
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("legibility: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Whether the arguments are one of this tool's commands.
fn is_command(args: &[String]) -> bool {
    match args.first().map(String::as_str) {
        Some("--header") => args.len() == 1,
        Some("poster" | "layered") => args.len() >= 2,
        Some("dot") => args.len() == 2,
        _ => false,
    }
}

/// The shipped backend roadmap with both layouts, after a `drawing`
/// column.
fn backend() -> Result<(), String> {
    let root = env!("CARGO_MANIFEST_DIR");
    let outline = format!("{root}/roadmap/backend.txt");
    let prereqs = format!("{root}/roadmap/backend.prereqs");
    println!("drawing\t{HEADER}");
    for kind in ["poster", "layered"] {
        let line = run(&[kind.to_string(), outline.clone(), prereqs.clone()])?;
        println!("{kind}\t{line}");
    }
    Ok(())
}

/// The line a command prints.
fn run(args: &[String]) -> Result<String, String> {
    let usage = || {
        "usage: legibility --header | poster|layered OUTLINE [PREREQS...] | dot DOT_JSON"
            .to_string()
    };
    let (scene, ms) = match args.first().map(String::as_str) {
        Some("--header") => return Ok(HEADER.to_string()),
        Some(kind @ ("poster" | "layered")) => {
            let read = |p: &String| std::fs::read(p).map_err(|e| format!("{p}: {e}"));
            let outline = args.get(1).ok_or_else(usage)?;
            let outline = Input::new(outline.as_str(), read(outline)?);
            let prereqs = args[2..]
                .iter()
                .map(|p| Ok(Input::new(p.as_str(), read(p)?)))
                .collect::<Result<Vec<_>, String>>()?;
            // What `render` draws by default: implied prerequisites left
            // out (the DOT export given to dot leaves them out too).
            let roadmap = load(&outline, &prereqs)
                .map_err(|e| e.to_string())?
                .without_implied();
            let options = LayoutOptions {
                kind: if kind == "poster" {
                    LayoutKind::Poster
                } else {
                    LayoutKind::Layered
                },
                ..LayoutOptions::default()
            };
            let start = Instant::now();
            let scene = layout::layout(&roadmap, &options);
            (scene, Some(start.elapsed().as_secs_f64() * 1e3))
        }
        Some("dot") => {
            let path = args.get(1).ok_or_else(usage)?;
            let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            let json: Value = serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
            (dot_scene(&json).map_err(|e| format!("{path}: {e}"))?, None)
        }
        _ => return Err(usage()),
    };
    let start = Instant::now();
    let q = quality::measure(&scene);
    let measure_ms = start.elapsed().as_secs_f64() * 1e3;
    Ok(format!(
        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{:.2}\t{:.0}\t{:.0}\t{:.0}\t{:.0}\t{:.3}\t{}\t{:.1}",
        q.boxes,
        q.edges,
        q.arrows,
        q.overlaps,
        q.through_boxes,
        q.crossings,
        q.arrow_crossings,
        q.main_path_crossings,
        q.shared_segments,
        q.bends_per_edge,
        q.edge_length,
        q.width,
        q.height,
        q.area_per_topic,
        q.aspect,
        ms.map_or(String::new(), |ms| format!("{ms:.1}")),
        measure_ms,
    ))
}

/// Pixels per Graphviz point (96 dpi).
const PX: f32 = 96.0 / 72.0;

/// Numbers separated by commas: `"12.5,30"`.
fn numbers(s: &str) -> Result<Vec<f32>, String> {
    s.split(',')
        .map(|n| n.trim().parse::<f32>().map_err(|e| format!("{s:?}: {e}")))
        .collect()
}

/// Graphviz's drawing as a scene: see the module docs.
fn dot_scene(json: &Value) -> Result<Scene, String> {
    let bb = numbers(json["bb"].as_str().ok_or("no bb: not dot -Tjson output")?)?;
    let [x0, y0, x1, y1] = bb[..] else {
        return Err(format!("bb {bb:?}"));
    };
    // Points, y up, to pixels, y down, origin at the top-left corner.
    let at = |x: f32, y: f32| Point::new((x - x0) * PX, (y1 - y) * PX);
    let mut boxes = Vec::new();
    for object in json["objects"].as_array().into_iter().flatten() {
        let (Some(pos), Some(w), Some(h)) = (
            object["pos"].as_str(),
            object["width"].as_str(),
            object["height"].as_str(),
        ) else {
            continue; // a cluster
        };
        let c = numbers(pos)?;
        let (w, h) = (numbers(w)?[0] * 72.0 * PX, numbers(h)?[0] * 72.0 * PX);
        let centre = at(c[0], c[1]);
        boxes.push(SceneBox {
            topic: object["_gvid"].as_u64().ok_or("node without _gvid")? as usize,
            rect: Rect::new(centre.x - w / 2.0, centre.y - h / 2.0, w, h),
            lines: Vec::new(),
            role: Role::Topic,
            style: Default::default(),
            font_size: 14.0,
            weight: Weight::Regular,
        });
    }
    let mut edges = Vec::new();
    for edge in json["edges"].as_array().into_iter().flatten() {
        let end = |key: &str| {
            edge[key]
                .as_u64()
                .map(|v| v as usize)
                .ok_or("edge without ends")
        };
        let mut points: Vec<Point> = Vec::new();
        for op in edge["_draw_"].as_array().into_iter().flatten() {
            if matches!(op["op"].as_str(), Some("b" | "B")) {
                for p in op["points"].as_array().into_iter().flatten() {
                    let (x, y) = (
                        p[0].as_f64().unwrap_or(f64::NAN),
                        p[1].as_f64().unwrap_or(f64::NAN),
                    );
                    points.push(at(x as f32, y as f32));
                }
            }
        }
        // The arrowhead: a straight Bezier piece from the spline's end to
        // the tip.
        let tip = edge["pos"].as_str().and_then(|pos| pos.strip_prefix("e,"));
        if let (Some(tip), Some(&last)) = (tip, points.last()) {
            let t = numbers(tip.split(' ').next().unwrap_or(""))?;
            if t.len() == 2 {
                points.extend([last, at(t[0], t[1]), at(t[0], t[1])]);
            }
        }
        let dashed = edge["style"].as_str().is_some_and(|s| s.contains("dashed"));
        edges.push(SceneEdge {
            kind: if dashed {
                EdgeKind::Prerequisite
            } else {
                EdgeKind::Contains
            },
            from: end("tail")?,
            to: end("head")?,
            points,
            curve: Curve::Bezier,
            arrow: true,
        });
    }
    Ok(Scene {
        width: (x1 - x0) * PX,
        height: (y1 - y0) * PX,
        layout: "dot",
        boxes,
        edges,
        subtitle: None,
        progress: None,
        legend: None,
        font_size: 14.0,
    })
}
