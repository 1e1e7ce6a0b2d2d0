//! Notes files (`--notes`) and what shows them: JSON, SVG links and
//! tooltips, the Markdown checklist and `roadmapper show`; the shipped
//! backend notes; links with a refused scheme in no output.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use roadmapper::link::LinkKind;
use roadmapper::{Error, Input, load_with_notes};
use serde_json::Value;

const OUTLINE: &str = "roadmap/backend.txt";
const PREREQS: &str = "roadmap/backend.prereqs";
const NOTES: &str = "roadmap/backend.notes.md";

fn input(path: &str) -> Input {
    Input::new(path, fs::read(path).expect("shipped file"))
}

fn roadmapper() -> Command {
    let mut c = Command::cargo_bin("roadmapper").expect("binary built");
    c.args(["--color", "never"]);
    c
}

/// Runs the binary in `dir`; (exit code, stdout, stderr).
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = roadmapper().current_dir(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_shipped_notes_describe_every_backend_topic_without_a_warning() {
    let r = load_with_notes(&input(OUTLINE), &[input(PREREQS)], &[input(NOTES)])
        .expect("the shipped notes resolve");
    assert!(r.warnings().is_empty(), "{:?}", r.warnings());
    for t in r.topics() {
        let d = t.description.as_deref().unwrap_or_default();
        let sentences = d.matches(". ").count() + usize::from(d.ends_with('.'));
        assert!(
            (1..=3).contains(&sentences),
            "{}: {sentences} sentences",
            t.label
        );
        assert!(
            (1..=3).contains(&t.links.len()),
            "{}: {:?}",
            t.label,
            t.links
        );
        for l in &t.links {
            assert!(l.kind.is_some(), "{}: {l:?} has no kind", t.label);
            assert!(
                l.url.starts_with("https://") || l.url.starts_with("http://"),
                "{l:?}"
            );
        }
    }
    // Primary sources: most links are official documentation or RFCs.
    let links: Vec<_> = r.topics().flat_map(|t| &t.links).collect();
    let official = links
        .iter()
        .filter(|l| l.kind == Some(LinkKind::Official))
        .count();
    assert!(official * 2 > links.len(), "{official} of {}", links.len());
}

#[test]
fn references_resolve_like_prerequisites_with_the_same_errors() {
    let outline = Input::new(
        "o.txt",
        "Web\n  APIs\n    SOAP\n    REST\n  Patterns\n    SOAP\n",
    );
    let notes = Input::new(
        "n.md",
        "## Rset\n\nTypo.\n\n## SOAP\n\nWhich one?\n\n## Patterns > SOAP\n\nThis one.\n",
    );
    let Err(Error::Input(errors)) = load_with_notes(&outline, &[], &[notes]) else {
        panic!("unknown and ambiguous references are errors");
    };
    let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 2, "{shown:#?}");
    assert_eq!(
        (
            errors[0].file(),
            errors[0].line().unwrap(),
            errors[0].column().unwrap()
        ),
        ("n.md", 1, 4)
    );
    assert!(
        shown[0].contains("unknown topic `Rset`") && shown[0].contains("did you mean `REST`"),
        "{}",
        shown[0]
    );
    assert_eq!(errors[1].line().unwrap(), 5);
    assert!(shown[1].contains("`SOAP` is ambiguous"), "{}", shown[1]);
}

#[test]
fn an_empty_heading_is_called_one() {
    let outline = Input::new("o.txt", "Web\n  REST\n");
    let notes = Input::new("n.md", "##\n\nLost.\n\n## REST\n\nKept.\n\n##   ##\n");
    let Err(Error::Input(errors)) = load_with_notes(&outline, &[], &[notes]) else {
        panic!("an empty heading is an error");
    };
    let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let lines: Vec<usize> = errors.iter().filter_map(|e| e.line()).collect();
    assert_eq!(lines, [1, 9], "{shown:#?}");
    for s in &shown {
        assert!(
            s.contains("empty heading") && s.contains("after `##`"),
            "{s}"
        );
        assert!(!s.contains("unknown topic"), "{s}");
    }
}

#[test]
fn a_prerequisite_file_given_as_notes_is_refused() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (code, out, err) = run(root, &["check", OUTLINE, "--notes", PREREQS]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("this looks like a prerequisite file, not notes"),
        "{err}"
    );
    assert!(err.contains(&format!("{PREREQS}:")), "{err}");
    assert!(err.contains("pass it with --prereqs FILE"), "{err}");
    // And the other way round.
    let (code, out, err) = run(root, &["check", OUTLINE, "--prereqs", NOTES]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("this looks like notes, not a prerequisite file"),
        "{err}"
    );
    assert!(err.contains("pass it with --notes FILE"), "{err}");
    // Notes with a section are notes, whatever else they hold.
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("o.txt"), "Web\n  A\n  B\n").unwrap();
    fs::write(
        dir.path().join("n.md"),
        "A -> B\nB -> A\n\n## A\n\nFirst.\n",
    )
    .unwrap();
    let (code, _, err) = run(dir.path(), &["check", "o.txt", "--notes", "n.md"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn notes_replace_a_markdown_description_and_follow_its_own_link() {
    let outline = Input::new(
        "plan.md",
        "# Web\n\n- [x] [HTTP](https://www.rfc-editor.org/rfc/rfc9110)\n\n  The protocol.\n- [/] REST\n",
    );
    let notes = Input::new(
        "n.md",
        "## HTTP\n\nBetter words.\n\n- [@article@MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP)\n\n## HTTP\n\n- [@blog@Twice](https://example.org/)\n",
    );
    let r = load_with_notes(&outline, &[], &[notes]).unwrap();
    let http = r.topic(1);
    assert_eq!(http.description.as_deref(), Some("Better words."));
    let urls: Vec<&str> = http.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://www.rfc-editor.org/rfc/rfc9110",
            "https://example.org/"
        ]
    );
    let warnings: Vec<String> = r.warnings().iter().map(|w| w.message()).collect();
    assert_eq!(
        warnings,
        [
            "unknown link kind `@blog@`",
            "`HTTP` already has notes (at n.md:1); these replace them"
        ]
    );
    // The task boxes reach JSON as `task`.
    let doc: Value = serde_json::from_str(&roadmapper::export::json::to_string(&r)).unwrap();
    let tasks: Vec<&Value> = doc["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| &n["task"])
        .collect();
    assert_eq!(
        tasks,
        [&Value::Null, &Value::from("done"), &Value::from("learning")]
    );
    assert!(doc["nodes"][0].as_object().unwrap().get("task").is_none());
}

#[test]
fn a_javascript_link_is_dropped_with_a_warning_and_appears_in_no_output() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("plan.md"),
        "# Web\n\n- [HTTP](javascript:alert(1))\n- REST\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("n.md"),
        "## REST\n\nResources.\n\n- [@article@Click](JavaScript:alert(2))\n- [@official@Data](data:text/html,<script>alert(3)</script>)\n- [@official@RFC 9110](https://www.rfc-editor.org/rfc/rfc9110)\n",
    )
    .unwrap();
    let base = ["plan.md", "--notes", "n.md"];
    let runs: Vec<Vec<&str>> = vec![
        vec!["render", "-f", "svg"],
        vec!["render", "-f", "json"],
        vec!["render", "-f", "dot"],
        // `order` carries notes only in Markdown (other formats refuse
        // --notes: tests/suite/flags_matrix.rs).
        vec!["order", "-f", "markdown"],
        vec!["show", "REST"],
        vec!["check"],
    ];
    for mut args in runs {
        let show = args[0] == "show";
        if show {
            args.pop();
        }
        args.extend(base);
        if show {
            args.push("REST");
        }
        let (code, out, err) = run(dir.path(), &args);
        assert_eq!(code, 0, "{args:?}: {err}");
        let lower = out.to_lowercase();
        assert!(
            !lower.contains("javascript") && !lower.contains("data:") && !lower.contains("alert"),
            "{args:?}:\n{out}"
        );
        for at in ["plan.md:3:3", "n.md:5:3", "n.md:6:3"] {
            assert!(err.contains(at), "{args:?}: no warning at {at}:\n{err}");
        }
    }
}

#[test]
fn svg_links_each_topic_to_its_first_link_with_its_description_as_tooltip() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("o.txt"), "Web\n  A & B\n  Plain\n").unwrap();
    fs::write(
        dir.path().join("n.md"),
        "## A & B\n\nUses `<tags>` & \"quotes\".\n\n- [@official@Spec](https://example.org/?a=1&b=\"2\")\n",
    )
    .unwrap();
    let (code, svg, err) = run(
        dir.path(),
        &["render", "o.txt", "--notes", "n.md", "-f", "svg"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        svg.contains("<a href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\">\n<g class=\"section\">\n<title>Uses &lt;tags&gt; &amp; &quot;quotes&quot;.</title>\n"),
        "{svg}"
    );
    assert_eq!(svg.matches("<a href").count(), 1, "only the linked topic");
    assert_eq!(svg.matches("</a>").count(), 1);
}

#[test]
fn the_markdown_checklist_links_labels_to_their_first_link() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("o.txt"),
        "Go\n  Generics [optional]\n  Plain\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("n.md"),
        "## Generics\n\n- [@article@Wiki](https://en.wikipedia.org/wiki/Generic_(programming))\n",
    )
    .unwrap();
    let (code, md, err) = run(
        dir.path(),
        &["order", "o.txt", "--notes", "n.md", "-f", "markdown"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        md,
        "- [ ] Go\n    - [ ] [Generics](https://en.wikipedia.org/wiki/Generic_%28programming%29) `optional`\n    - [ ] Plain\n"
    );
}

#[test]
fn show_prints_the_card_of_the_shipped_rest_topic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (code, out, err) = run(
        root,
        &[
            "show",
            OUTLINE,
            "APIs > REST",
            "--prereqs",
            PREREQS,
            "--notes",
            NOTES,
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "");
    let expected = "\
Backend Roadmap > APIs > REST

  An architectural style for networked applications: resources named by URLs,
  manipulated through a uniform interface, with stateless requests and
  cacheable responses.

Links:
  official   Roy Fielding's dissertation, chapter 5: REST
             https://ics.uci.edu/~fielding/pubs/dissertation/rest_arch_style.htm
  article    MDN: HTTP request methods
             https://developer.mozilla.org/en-US/docs/Web/HTTP/Methods

Learn first:
  - Internet > What is HTTP
  `order --to` lists 6 topics for it, itself included

Unlocks:
  - APIs > HATEOAS
  - APIs > OpenAPI Spec and Swagger
  - APIs > JSON APIs
  - GraphQL

Stage: 2 (of 0 to 4, as `order --stages` numbers them)
";
    assert_eq!(out, expected);
    // The count is the one `order --to` lists.
    let (_, order, _) = run(
        root,
        &["order", OUTLINE, "--prereqs", PREREQS, "--to", "REST"],
    );
    assert_eq!(order.lines().count(), 6, "{order}");
}

#[test]
fn show_names_an_unknown_topic_with_a_suggestion_and_escapes_the_terminal() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (code, out, err) = run(root, &["show", OUTLINE, "Rest APIs"]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert!(err.contains("unknown topic `Rest APIs`"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("o.txt"), "Web\n  Evil\u{1b}]0;x\u{7}\n").unwrap();
    fs::write(
        dir.path().join("n.md"),
        "## evil\u{1b}]0;x\u{7}\n\nBad \u{1b}[31mred\n",
    )
    .unwrap();
    let (code, out, err) = run(
        dir.path(),
        &["show", "o.txt", "Evil\u{1b}]0;x\u{7}", "--notes", "n.md"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(out.contains("Bad \u{fffd}[31mred"), "{out:?}");
}

#[test]
fn a_notes_file_given_twice_is_a_usage_error() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (code, _, err) = run(
        root,
        &["check", OUTLINE, "--notes", NOTES, "--notes", NOTES],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is given twice"), "{err}");
}

/// The linked checklist read back by a CommonMark parser: one link per
/// topic, its text the label and its destination the first link, even for
/// a label full of Markdown and a URL with parentheses and quotes.
#[test]
fn a_commonmark_parser_reads_each_checklist_label_as_one_link() {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let outline = Input::new("o.txt", "Root\n  A [b](c) *d* <e>\n  Plain\n");
    let notes = Input::new(
        "n.md",
        "## Root\n\n- [x](https://roadmap.sh/backend)\n\n## A [b](c) *d* <e>\n\n- [y](<https://a.example/x (1)/\"q\">)\n",
    );
    let r = load_with_notes(&outline, &[], &[notes]).unwrap();
    assert_eq!(r.topic(1).links[0].url, "https://a.example/x (1)/\"q\"");
    let mut md = Vec::new();
    let order = r.order().to_vec();
    roadmapper::export::order::write_order(
        &r,
        &order,
        false,
        roadmapper::export::order::OrderFormat::Markdown,
        &mut md,
    )
    .unwrap();
    let md = String::from_utf8(md).unwrap();
    let mut links = Vec::new();
    let mut open: Option<(String, String)> = None;
    for event in Parser::new(&md) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                open = Some((dest_url.to_string(), String::new()));
            }
            Event::Text(t) => {
                if let Some((_, text)) = open.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Link) => links.extend(open.take()),
            Event::Html(_) | Event::InlineHtml(_) => panic!("HTML in {md}"),
            _ => {}
        }
    }
    assert_eq!(
        links,
        [
            ("https://roadmap.sh/backend".to_string(), "Root".to_string()),
            (
                "https://a.example/x%20%281%29/%22q%22".to_string(),
                "A [b](c) *d* <e>".to_string()
            ),
        ],
        "{md}"
    );
}

use crate::fuzz_checks;

mod random_notes {
    use proptest::prelude::*;
    use roadmapper::{Input, load_with_notes};

    const PIECES: &[&str] = &[
        "## ",
        "# ",
        "### ",
        "REST",
        "HTTP",
        "Web > HTTP",
        "\n",
        "\n\n",
        "- ",
        "  ",
        "\t",
        "[@video@T](https://e.org/v)",
        "[@x@T](https://e.org)",
        "[T](javascript:x)",
        "[T](a.md)",
        "[@@](https://e.org)",
        "> ",
        "```\n",
        "text ",
        "é",
        "<b>",
        "`c`",
        "*",
        "[",
        "]",
        "(",
        ")",
        "\r\n",
        "---\n",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn any_notes_file_loads_or_reports_errors_without_panicking(
            picks in proptest::collection::vec(0..PIECES.len(), 0..50)
        ) {
            let src: String = picks.iter().map(|&i| PIECES[i]).collect();
            super::fuzz_checks::check_notes(src.as_bytes());
            let outline = Input::new("o.txt", "Web\n  HTTP\n  REST\n");
            match load_with_notes(&outline, &[], &[Input::new("n.md", src.clone())]) {
                Ok(r) => {
                    for t in r.topics() {
                        for l in &t.links {
                            prop_assert!(l.url.starts_with("https://"), "{:?} from {:?}", l, src);
                        }
                    }
                    for w in r.warnings() {
                        prop_assert!(w.line().unwrap() >= 1 && w.file() == "n.md");
                    }
                }
                Err(roadmapper::Error::Input(errors)) => {
                    prop_assert!(!errors.is_empty());
                    for e in &errors {
                        prop_assert!(e.line().unwrap() >= 1 && e.file() == "n.md", "{e}");
                    }
                }
                Err(e) => prop_assert!(false, "{e}"),
            }
        }
    }
}

/// A library user's own topics cannot put a `javascript:` link into an
/// output: every exporter checks the scheme again.
#[test]
fn exporters_refuse_unsafe_links_that_did_not_come_from_an_input() {
    use roadmapper::link::Link;
    use roadmapper::outline;
    let mut o = outline::parse("o.txt", b"Web\n  HTTP\n").unwrap();
    o.topics[1].links.push(Link {
        title: "x".into(),
        url: "javascript:alert(1)".into(),
        kind: None,
    });
    let r = roadmapper::Roadmap::build(o, &[]).unwrap();
    let svg = String::from_utf8(roadmapper::render(&r, &Default::default()).unwrap()).unwrap();
    let dot = roadmapper::export::Dot(&r).to_string();
    let mut md = Vec::new();
    let order = r.order().to_vec();
    roadmapper::export::order::write_order(
        &r,
        &order,
        false,
        roadmapper::export::order::OrderFormat::Markdown,
        &mut md,
    )
    .unwrap();
    let json = roadmapper::export::json::to_string(&r);
    let card = roadmapper::export::card::Card::new(&r, 1).to_string();
    for out in [svg, dot, String::from_utf8(md).unwrap(), json, card] {
        assert!(!out.contains("javascript"), "{out}");
    }
}

#[test]
fn check_counts_the_notes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (code, out, err) = run(
        root,
        &["check", OUTLINE, "--prereqs", PREREQS, "--notes", NOTES],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.ends_with("  notes:          115 topics described, 163 links, from 1 file\n"),
        "{out}"
    );
}

#[test]
fn repeated_notes_warnings_are_capped_on_every_command() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("o.txt"), "Web\n  HTTP\n").unwrap();
    let bad: String = (0..15)
        .map(|i| format!("- [x{i}](javascript:alert({i}))\n"))
        .collect();
    fs::write(dir.path().join("n.md"), format!("## HTTP\n\n{bad}")).unwrap();
    for args in [
        &["render", "o.txt", "--notes", "n.md", "-f", "json"][..],
        &["check", "o.txt", "--notes", "n.md"][..],
    ] {
        let (code, _, err) = run(dir.path(), args);
        assert_eq!(code, 0, "{err}");
        assert_eq!(
            err.matches("is dropped: its scheme").count(),
            10,
            "{args:?}\n{err}"
        );
        assert!(
            err.contains("warning: 5 more warnings about dropped links"),
            "{err}"
        );
    }
}

/// The linked checklist is itself a Markdown outline: read back, it gives
/// the study order's labels (links stripped to their text; the checklist's
/// own decorations, tags in code and `*(Parent)*`, follow them) and each
/// topic's first link.
#[test]
fn the_linked_checklist_reads_back_as_a_markdown_outline() {
    let r = load_with_notes(&input(OUTLINE), &[input(PREREQS)], &[input(NOTES)]).unwrap();
    let mut md = Vec::new();
    let order = r.order().to_vec();
    roadmapper::export::order::write_order(
        &r,
        &order,
        false,
        roadmapper::export::order::OrderFormat::Markdown,
        &mut md,
    )
    .unwrap();
    let back = roadmapper::outline::parse("checklist.md", &md).expect("the checklist parses");
    assert_eq!(back.topics.len(), r.len());
    assert!(back.warnings.is_empty());
    for (t, &i) in back.topics.iter().zip(&order) {
        let original = r.topic(i);
        assert_eq!(t.state, Some(roadmapper::outline::TaskState::Todo));
        assert!(
            t.label == original.label || t.label.starts_with(&format!("{} ", original.label)),
            "{} read back as {}",
            original.label,
            t.label
        );
        assert_eq!(t.links[0].url, original.links[0].url, "{}", original.label);
    }
}
