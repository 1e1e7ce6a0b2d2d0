//! End-to-end tests of implied prerequisites (`render` leaves them out,
//! `--all-prereqs` draws them, JSON marks them, `check` explains them) and
//! of focused posters (`render --to`, `render --section`).

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Output;

const OUTLINE: &str = "roadmap/backend.txt";
const PREREQS: &str = "roadmap/backend.prereqs";

/// A small web roadmap whose first prerequisite is implied by the next two.
const WEB: &str =
    "Web\n  Basics\n    HTTP\n    DNS\n  APIs\n    REST\n    GraphQL\n  Ops\n    CI\n";
const WEB_PREREQS: &str = "HTTP -> GraphQL\nHTTP -> REST\nREST -> GraphQL\nDNS -> CI\n";

fn run(args: &[&str]) -> Output {
    crate::bin::run_at_root(args)
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Writes the web roadmap into `dir`; returns the outline and prereq paths.
fn web(dir: &Path) -> (String, String) {
    let o = dir.join("web.txt");
    let p = dir.join("web.prereqs");
    fs::write(&o, WEB).unwrap();
    fs::write(&p, WEB_PREREQS).unwrap();
    (
        o.to_str().unwrap().to_string(),
        p.to_str().unwrap().to_string(),
    )
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("valid JSON")
}

fn prerequisite_links(doc: &serde_json::Value) -> Vec<serde_json::Value> {
    doc["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "prerequisite")
        .cloned()
        .collect()
}

#[test]
fn posters_leave_implied_prerequisites_out_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let (o, p) = web(dir.path());
    let svg = stdout(&run(&["render", &o, "--prereqs", &p, "-f", "svg"]));
    assert_eq!(svg.matches(r#"<path class="prerequisite""#).count(), 3);
    assert!(
        svg.contains("9 topics · 4 prerequisites, 1 implied by others, not drawn"),
        "{svg}"
    );
    let all = stdout(&run(&[
        "render",
        &o,
        "--prereqs",
        &p,
        "-f",
        "svg",
        "--all-prereqs",
    ]));
    assert_eq!(all.matches(r#"<path class="prerequisite""#).count(), 4);
    assert!(all.contains("9 topics · 4 prerequisites</text>"), "{all}");
}

#[test]
fn dot_draws_the_kept_ones_and_json_marks_the_implied_ones() {
    let dir = tempfile::tempdir().unwrap();
    let (o, p) = web(dir.path());
    let dot = stdout(&run(&["render", &o, "--prereqs", &p, "-f", "dot"]));
    assert_eq!(dot.matches("style=dashed").count(), 3, "{dot}");
    assert!(!dot.contains("\"http\" -> \"graphql\""), "{dot}");
    assert!(dot.contains("// 9 topics · 4 prerequisites, 1 implied by others, not drawn"));
    let dot_all = stdout(&run(&[
        "render",
        &o,
        "--prereqs",
        &p,
        "-f",
        "dot",
        "--all-prereqs",
    ]));
    assert_eq!(dot_all.matches("style=dashed").count(), 4);

    let doc = json(&stdout(&run(&[
        "render",
        &o,
        "--prereqs",
        &p,
        "-f",
        "json",
    ])));
    assert_eq!(doc["graph"]["prerequisites"], 4);
    assert_eq!(doc["graph"]["implied"], 1);
    let links = prerequisite_links(&doc);
    assert_eq!(links.len(), 4, "JSON keeps every prerequisite");
    assert_eq!(links[0]["source"], "http");
    assert_eq!(links[0]["target"], "graphql");
    assert_eq!(links[0]["implied"], true);
    assert!(
        links[0].get("points").is_none(),
        "an implied one is not drawn"
    );
    for l in &links[1..] {
        assert!(l.get("implied").is_none(), "{l}");
        assert!(l["points"].as_array().is_some_and(|p| p.len() >= 2), "{l}");
    }
    // With --all-prereqs it is drawn, and still marked.
    let doc = json(&stdout(&run(&[
        "render",
        &o,
        "--prereqs",
        &p,
        "-f",
        "json",
        "--all-prereqs",
    ])));
    let links = prerequisite_links(&doc);
    assert_eq!(links[0]["implied"], true);
    assert!(links[0]["points"].as_array().is_some());
}

#[test]
fn check_explains_each_implied_prerequisite() {
    let dir = tempfile::tempdir().unwrap();
    let (o, p) = web(dir.path());
    let out = run(&["check", &o, "--prereqs", &p, "--color", "never"]);
    let summary = stdout(&out);
    assert!(
        summary.contains("prerequisites:  4 edges from 1 file, 1 implied by others"),
        "{summary}"
    );
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "warning: HTTP -> GraphQL ({p}:1) is implied by HTTP -> REST ({p}:2), REST -> GraphQL ({p}:3)"
        )),
        "{err}"
    );
    assert!(err.contains(&format!("--> {p}:1:1")), "{err}");
    assert!(err.contains("render --all-prereqs"), "{err}");
    // The backend roadmap has none.
    let out = run(&["check", OUTLINE, "--prereqs", PREREQS]);
    assert!(!stderr(&out).contains("implied"), "{}", stderr(&out));
}

/// The ids `order --to` lists.
fn order_ids(args: &[&str]) -> BTreeSet<String> {
    let mut all = vec!["order", OUTLINE, "--prereqs", PREREQS, "-f", "json"];
    all.extend_from_slice(args);
    json(&stdout(&run(&all)))
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect()
}

fn node_ids(doc: &serde_json::Value) -> BTreeSet<String> {
    doc["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn render_to_draws_exactly_what_order_to_lists_in_every_layout_and_format() {
    let dir = tempfile::tempdir().unwrap();
    let want = order_ids(&["--to", "REST", "--to", "Sharding Strategies"]);
    assert!(want.len() > 3 && want.len() < 40, "{want:?}");
    for layout in ["poster", "layered"] {
        let base = [
            "render",
            OUTLINE,
            "--prereqs",
            PREREQS,
            "--to",
            "REST",
            "--to",
            "Sharding Strategies",
            "-l",
            layout,
        ];
        let with = |extra: &[&str]| {
            let mut v = base.to_vec();
            v.extend_from_slice(extra);
            run(&v)
        };
        let doc = json(&stdout(&with(&["-f", "json"])));
        assert_eq!(node_ids(&doc), want, "{layout}");
        for n in doc["nodes"].as_array().unwrap() {
            assert!(n["x"].is_number(), "{layout}: every topic is drawn: {n}");
        }
        assert!(
            doc["graph"]["focus"]
                .as_str()
                .is_some_and(|f| f == "what REST and Sharding Strategies need"),
            "{}",
            doc["graph"]
        );
        let dot = stdout(&with(&["-f", "dot", "--positions"]));
        for id in &want {
            assert!(dot.contains(&format!("\"{id}\" [label=")), "{layout}: {id}");
        }
        assert_eq!(dot.matches("[label=").count(), want.len(), "{layout}");
        let svg = stdout(&with(&["-f", "svg"]));
        assert!(svg.contains(">REST</tspan>"));
        assert!(!svg.contains(">GraphQL</tspan>"), "not needed by REST");
        let png = dir.path().join(format!("to-{layout}.png"));
        stdout(&with(&["-o", png.to_str().unwrap()]));
        assert!(fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    }
}

#[test]
fn render_section_draws_the_section_and_fades_what_it_needs_from_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    for layout in ["poster", "layered"] {
        let base = [
            "render",
            OUTLINE,
            "--prereqs",
            PREREQS,
            "--section",
            "Web Security",
            "-l",
            layout,
        ];
        let with = |extra: &[&str]| {
            let mut v = base.to_vec();
            v.extend_from_slice(extra);
            run(&v)
        };
        let doc = json(&stdout(&with(&["-f", "json"])));
        let nodes = doc["nodes"].as_array().unwrap();
        let faded: BTreeSet<&str> = nodes
            .iter()
            .filter(|n| n["faded"] == true)
            .map(|n| n["label"].as_str().unwrap())
            .collect();
        // Web Security needs HTTP (for HTTPS), hashing needs nothing.
        assert!(faded.contains("What is HTTP"), "{faded:?}");
        assert!(faded.contains("Internet"), "its section comes too");
        assert!(!faded.contains("Backend Roadmap"), "the title is not faded");
        assert!(!faded.contains("Web Security"));
        assert!(!faded.contains("Caching"), "{faded:?}");
        // Every topic of the section is there, none of it faded.
        let full = json(&stdout(&run(&[
            "render",
            OUTLINE,
            "--prereqs",
            PREREQS,
            "-f",
            "json",
        ])));
        let section: BTreeSet<&str> = full["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["path"][1] == "Web Security")
            .map(|n| n["label"].as_str().unwrap())
            .collect();
        let drawn: BTreeSet<&str> = nodes
            .iter()
            .filter(|n| n["faded"] != true)
            .map(|n| n["label"].as_str().unwrap())
            .collect();
        assert!(section.is_subset(&drawn), "{layout}: {section:?} {drawn:?}");
        let svg = stdout(&with(&["-f", "svg"]));
        assert!(
            svg.contains(r#"class="topic faded" opacity="0.4""#),
            "{layout}"
        );
        assert!(svg.contains("Needed, from elsewhere"), "{layout}: legend");
        let dot = stdout(&with(&["-f", "dot", "--positions"]));
        assert!(dot.contains("fontcolor=\"#8a8a8a\""), "{layout}");
        let png = dir.path().join(format!("section-{layout}.png"));
        stdout(&with(&["-o", png.to_str().unwrap()]));
        assert!(fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    }
}

#[test]
fn unknown_topics_and_sections_are_errors_with_suggestions() {
    let out = run(&["render", OUTLINE, "--prereqs", PREREQS, "--to", "RESTT"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("unknown topic `RESTT`"), "{err}");
    assert!(err.contains("did you mean `REST`"), "{err}");

    let out = run(&["render", OUTLINE, "--section", "Web Securty"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("did you mean `Web Security`"), "{err}");

    let out = run(&["render", OUTLINE, "--section", "REST"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("`REST` is not a section"), "{err}");
    assert!(err.contains("--section 'APIs'"), "{err}");

    let out = run(&["render", OUTLINE, "--section", "APIs", "--to", "REST"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}
