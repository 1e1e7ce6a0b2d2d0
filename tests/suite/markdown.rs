//! Markdown outlines read as a real study plan is written: one fixture
//! (tests/fixtures/markdown/study-plan.md, written for these tests) with
//! front matter, prose, quotes, HTML, task lists indented by tabs and by
//! spaces, lazy continuation, links, images, tables, code fences and CJK
//! labels; one test per construct, each asserting the exact topics.

use roadmapper::outline::{self, Outline, OutlineTopic, TaskState};

const PLAN: &str = "tests/fixtures/markdown/study-plan.md";

fn plan() -> Outline {
    let bytes = std::fs::read(PLAN).expect("the fixture exists");
    outline::parse(PLAN, &bytes).expect("the study plan parses")
}

fn find<'a>(o: &'a Outline, label: &str) -> &'a OutlineTopic {
    o.topics
        .iter()
        .find(|t| t.label == label)
        .unwrap_or_else(|| panic!("no topic `{label}` in {:#?}", labels(o)))
}

fn labels(o: &Outline) -> Vec<String> {
    o.topics
        .iter()
        .map(|t| format!("{}{}", "  ".repeat(t.depth), t.label))
        .collect()
}

/// The labels of the topic's children, in order.
fn children(o: &Outline, label: &str) -> Vec<String> {
    let at = o.topics.iter().position(|t| t.label == label).unwrap();
    o.topics
        .iter()
        .filter(|t| t.parent == Some(at))
        .map(|t| t.label.clone())
        .collect()
}

#[test]
fn the_whole_plan_is_its_headings_and_list_items() {
    let o = plan();
    assert_eq!(
        labels(&o),
        [
            "Systems Study Plan",
            "  Deutsch",
            "  Networking",
            "    How the internet works",
            "    HTTP basics",
            "      Methods and status codes",
            "      Caching",
            "        ETag and If-None-Match",
            "    DNS",
            "      Resolvers",
            "      DNSSEC",
            "    TCP and UDP lazy continuation of the same item",
            "  Operating Systems",
            "    Processes",
            "      Scheduling",
            "      Signals",
            "    Memory",
            "      Paging",
            "      Virtual memory diagram Virtual memory",
            "    Further reading",
            "      Trees",
            "        Binary search trees",
            "      Heaps",
            "  中文 学习计划",
            "    数据结构",
            "    算法 旧 新",
        ]
    );
    assert!(o.warnings.is_empty(), "{:?}", o.warnings);
}

#[test]
fn front_matter_is_skipped_and_prose_describes_the_heading() {
    let o = plan();
    let title = &o.topics[0];
    assert_eq!(
        (title.label.as_str(), title.line, title.column),
        ("Systems Study Plan", 6, 3)
    );
    assert_eq!(
        title.description.as_deref(),
        Some(
            "A plan I keep for learning how computers and networks work, one box at a time. Tick a box when a topic is done."
        )
    );
    assert_eq!(
        find(&o, "Networking").description.as_deref(),
        Some("How data moves from one machine to another.")
    );
    assert!(
        !labels(&o)
            .iter()
            .any(|l| l.contains("title:") || l.contains("plan"))
    );
}

#[test]
fn a_block_between_rules_is_front_matter_only_when_it_is_yaml() {
    // Opening with a rule: every topic kept, and a warning at the first
    // line that is not YAML.
    let o = outline::parse(
        "t.md",
        b"---\n# Backend\n- HTTP\n- DNS\n---\n- REST\n- GraphQL\n",
    )
    .unwrap();
    assert_eq!(
        labels(&o),
        ["Backend", "  HTTP", "  DNS", "  REST", "  GraphQL"]
    );
    assert_eq!(find(&o, "HTTP").line, 3);
    assert_eq!(o.warnings.len(), 1, "{:?}", o.warnings);
    let w = &o.warnings[0];
    assert_eq!((w.file(), w.line(), w.column()), ("t.md", Some(3), Some(1)));
    assert!(
        w.message()
            .contains("`---` block of lines 1 to 5 is read as Markdown, not as front matter"),
        "{w}"
    );
    // YAML front matter is skipped, without a word, lines counted as
    // written.
    let o = outline::parse(
        "t.md",
        b"---\ntitle: x # a comment\ntags:\n- a\n- b\nmore:\n  nested: \"q: v\"\n---\n# Plan\n",
    )
    .unwrap();
    assert!(o.warnings.is_empty(), "{:?}", o.warnings);
    assert_eq!(labels(&o), ["Plan"]);
    assert_eq!((o.topics[0].line, o.topics[0].column), (9, 3));
    // A `---` block further down is Markdown: only the top of a file
    // holds front matter.
    let o = outline::parse("t.md", b"# A\n\n---\n- b\n---\n- c\n").unwrap();
    assert_eq!(labels(&o), ["A", "  b", "  c"]);
    assert!(o.warnings.is_empty(), "{:?}", o.warnings);
    // Notes and progress files follow the same rule.
    let notes = roadmapper::notes::parse("n.md", b"---\n## REST\n---\n\nResources.\n").unwrap();
    assert_eq!(notes.notes.len(), 1);
    assert_eq!(notes.warnings.len(), 1, "{:?}", notes.warnings);
    assert_eq!(notes.warnings[0].line(), Some(1));
    let notes = roadmapper::notes::parse("n.md", b"---\ntitle: n\n---\n## REST\n").unwrap();
    assert_eq!((notes.notes[0].line, notes.warnings.len()), (4, 0));
    let progress = roadmapper::progress::parse("p.md", "---\n- [x] REST\n---\n- [ ] SOAP\n");
    let items: Vec<&str> = progress
        .items
        .iter()
        .map(|i| i.reference.as_str())
        .collect();
    assert_eq!(items, ["REST", "SOAP"]);
    let text = "---\nowner: me\n---\n- [x] REST\n";
    let progress = roadmapper::progress::parse("p.md", text);
    assert_eq!(progress.items.len(), 1);
    assert_eq!(progress.items[0].line, 4);
    assert_eq!(&text[progress.items[0].task_box.clone()], "[x]");
}

#[test]
fn block_quotes_and_what_they_hold_are_no_topics() {
    let o = plan();
    assert!(
        !labels(&o)
            .iter()
            .any(|l| l.contains("Note") || l.contains("not a topic"))
    );
}

#[test]
fn html_blocks_are_no_topics_and_relative_links_are_dropped() {
    let o = plan();
    assert_eq!(
        children(&o, "Systems Study Plan")[..2],
        ["Deutsch", "Networking"]
    );
    assert!(
        !labels(&o)
            .iter()
            .any(|l| l.contains("details") || l.contains("summary"))
    );
    assert!(
        find(&o, "Deutsch").links.is_empty(),
        "a relative link points nowhere"
    );
}

#[test]
fn task_boxes_are_stripped_and_kept_as_states() {
    let o = plan();
    let state = |label| find(&o, label).state;
    assert_eq!(state("How the internet works"), Some(TaskState::Done));
    assert_eq!(state("HTTP basics"), Some(TaskState::Learning));
    assert_eq!(state("Caching"), Some(TaskState::Todo));
    assert_eq!(state("DNS"), Some(TaskState::Todo));
    assert_eq!(state("DNSSEC"), Some(TaskState::Skipped));
    assert_eq!(
        state("TCP and UDP lazy continuation of the same item"),
        Some(TaskState::Learning)
    );
    assert_eq!(state("Resolvers"), None);
    assert_eq!(state("Networking"), None);
    // The box is not part of the label's position either.
    let dnssec = find(&o, "DNSSEC");
    assert_eq!((dnssec.line, dnssec.column), (33, 9));
    assert_eq!(dnssec.tags, ["optional"]);
}

#[test]
fn items_nest_by_list_structure_with_tabs_and_spaces() {
    let o = plan();
    assert_eq!(
        children(&o, "HTTP basics"),
        ["Methods and status codes", "Caching"]
    );
    assert_eq!(children(&o, "Caching"), ["ETag and If-None-Match"]);
    assert_eq!(children(&o, "DNS"), ["Resolvers", "DNSSEC"]);
    let etag = find(&o, "ETag and If-None-Match");
    assert_eq!((etag.line, etag.column, etag.depth), (30, 5, 4));
}

#[test]
fn a_lazy_continuation_line_belongs_to_its_item() {
    let o = plan();
    let tcp = find(&o, "TCP and UDP lazy continuation of the same item");
    assert_eq!((tcp.line, tcp.column), (34, 7));
    assert_eq!(children(&o, "Networking").len(), 4);
}

#[test]
fn labels_lose_their_markup_and_keep_the_first_link() {
    let o = plan();
    let http = find(&o, "HTTP basics");
    assert_eq!(http.tags, ["recommended"]);
    assert!(http.links.is_empty());
    let internet = find(&o, "How the internet works");
    assert_eq!(internet.links.len(), 1);
    assert_eq!(internet.links[0].title, "How the internet works");
    assert!(
        internet.links[0]
            .url
            .starts_with("https://developer.mozilla.org/")
    );
    assert_eq!(internet.links[0].kind, None);
    assert_eq!(find(&o, "Methods and status codes").line, 28);
    assert_eq!(find(&o, "算法 旧 新").line, 70);
}

#[test]
fn images_give_their_alt_text() {
    let o = plan();
    let vm = find(&o, "Virtual memory diagram Virtual memory");
    assert!(vm.links.is_empty(), "an image is no link");
    assert_eq!(
        children(&o, "Memory"),
        ["Paging", "Virtual memory diagram Virtual memory"]
    );
}

#[test]
fn ordered_lists_nest_like_bullets() {
    let o = plan();
    assert_eq!(
        children(&o, "Operating Systems"),
        ["Processes", "Memory", "Further reading"]
    );
    assert_eq!(children(&o, "Processes"), ["Scheduling", "Signals"]);
}

#[test]
fn tables_and_code_fences_are_no_topics() {
    let o = plan();
    assert!(
        !labels(&o)
            .iter()
            .any(|l| l.contains("OSTEP") || l.contains("Book") || l.contains("this line is code"))
    );
}

#[test]
fn an_item_that_starts_with_a_heading_is_one_topic() {
    let o = plan();
    let trees = find(&o, "Trees");
    assert_eq!(trees.depth, 3);
    assert_eq!(children(&o, "Trees"), ["Binary search trees"]);
    assert_eq!(
        trees.description.as_deref(),
        Some(
            "Hierarchies where every node has one parent: the shape of file systems, syntax trees and indexes."
        )
    );
}

#[test]
fn an_item_without_text_gives_its_items_to_the_topic_around_it() {
    let o = plan();
    assert_eq!(children(&o, "Further reading"), ["Trees", "Heaps"]);
}

#[test]
fn cjk_labels_and_tags() {
    let o = plan();
    assert_eq!(children(&o, "中文 学习计划"), ["数据结构", "算法 旧 新"]);
    assert_eq!(find(&o, "数据结构").tags, ["推荐"]);
}

#[test]
fn link_text_and_code_are_never_tags() {
    let o = outline::parse(
        "t.md",
        b"- Read [the [RFC]](https://www.rfc-editor.org/rfc/rfc9110)\n- Use `v[0]`\n- Use `x` [video]\n",
    )
    .unwrap();
    let got: Vec<(&str, Vec<String>)> = o
        .topics
        .iter()
        .map(|t| (t.label.as_str(), t.tags.clone()))
        .collect();
    assert_eq!(
        got,
        [
            ("Read the [RFC]", vec![]),
            ("Use v[0]", vec![]),
            ("Use x", vec!["video".to_string()])
        ]
    );
    assert_eq!(o.topics[0].links[0].title, "the [RFC]");
}

#[test]
fn a_javascript_link_is_dropped_with_a_warning_at_its_line() {
    let o = outline::parse("t.md", b"# Plan\n\n- [Click](javascript:alert(1)) me\n").unwrap();
    assert_eq!(o.topics[1].label, "Click me");
    assert!(o.topics[1].links.is_empty());
    assert_eq!(o.warnings.len(), 1);
    assert_eq!(
        (
            o.warnings[0].line().unwrap(),
            o.warnings[0].column().unwrap()
        ),
        (3, 3)
    );
    assert!(
        o.warnings[0].message().contains("javascript"),
        "{}",
        o.warnings[0]
    );
}

#[test]
fn an_email_autolink_is_kept_as_a_mailto_link() {
    let o = outline::parse(
        "t.md",
        b"# Plan\n\n- <me@example.org>\n- Ask <https://x.example/q>\n",
    )
    .unwrap();
    assert!(o.warnings.is_empty(), "{:?}", o.warnings);
    let me = find(&o, "me@example.org");
    assert_eq!(me.links.len(), 1);
    assert_eq!(me.links[0].url, "mailto:me@example.org");
    assert_eq!(me.links[0].title, "me@example.org");
    assert_eq!(
        find(&o, "Ask https://x.example/q").links[0].url,
        "https://x.example/q"
    );
    let notes = roadmapper::notes::parse("n.md", b"## Plan\n\n- <me@example.org>\n").unwrap();
    assert!(notes.warnings.is_empty(), "{:?}", notes.warnings);
    let links = &notes.notes[0].links;
    assert_eq!(links.len(), 1);
    assert_eq!(
        (links[0].title.as_str(), links[0].url.as_str()),
        ("me@example.org", "mailto:me@example.org")
    );
}

#[test]
fn errors_keep_file_and_line() {
    let e = outline::parse("bad.md", b"# A\n\n- ok\n- bad \xff here\n").unwrap_err();
    assert_eq!(
        (e[0].file(), e[0].line().unwrap(), e[0].column().unwrap()),
        ("bad.md", 4, 7)
    );
    let tags: String = (0..=outline::MAX_TAGS)
        .map(|i| format!(" [t{i}]"))
        .collect();
    let e = outline::parse("tags.md", format!("# A\n\n- x{tags}\n").as_bytes()).unwrap_err();
    assert_eq!((e[0].line().unwrap(), e[0].column().unwrap()), (3, 3));
}

#[test]
fn a_markdown_outline_is_recognised_by_name_or_first_line() {
    // Indented by a tab and by spaces in one file: an error in the plain
    // format, fine in Markdown.
    let src = b"- A\n\t- B\n- C\n    - D\n";
    assert_eq!(outline::parse("plan.txt", src).unwrap().topics.len(), 4);
    assert!(outline::parse("plan.txt", b"A\n\tB\nC\n    D\n").is_err());
    let o = outline::parse("notes.markdown", b"Intro line\n\n# A\n").unwrap();
    assert_eq!(o.topics.len(), 1, "by name, prose is no topic");
}

#[test]
fn this_projects_readme_loads() {
    let bytes = std::fs::read("README.md").unwrap();
    let o = outline::parse("README.md", &bytes).expect("the README is an outline");
    assert_eq!(o.topics[0].label, "roadmapper");
    assert!(o.topics.len() > 40, "{}", o.topics.len());
    // Nothing from inside its code blocks.
    assert!(
        !o.topics
            .iter()
            .any(|t| t.label.contains("backend.txt --prereqs"))
    );
}

#[test]
fn check_lists_ten_long_labels_then_a_count() {
    let long = "x".repeat(70);
    let outline: String = std::iter::once("Root\n".to_string())
        .chain((0..25).map(|i| format!("  {long} {i}\n")))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    std::fs::write(&path, outline).unwrap();
    let out = assert_cmd::Command::cargo_bin("roadmapper")
        .unwrap()
        .args(["--color", "never", "check"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err.matches("characters long; posters read best").count(),
        10,
        "{err}"
    );
    assert_eq!(
        err.matches("warning: 15 more warnings about long labels")
            .count(),
        1,
        "{err}"
    );
    // The count stands where the eleventh would have been.
    assert!(err.contains("long.txt:12:"), "{err}");
}

use crate::fuzz_checks;

mod random_documents {
    use proptest::prelude::*;
    use roadmapper::outline;

    /// Pieces of Markdown that interact: list markers, boxes, indentation
    /// by tabs and spaces, headings, quotes, fences, tables, HTML, links,
    /// images, code, front matter, line ends and non-ASCII text.
    const PIECES: &[&str] = &[
        "- ",
        "* ",
        "1. ",
        "2) ",
        "  ",
        "    ",
        "\t",
        "[ ] ",
        "[x] ",
        "[/] ",
        "[~]",
        "[-] ",
        "# ",
        "### ",
        "> ",
        "```\n",
        "~~~",
        "| a | b |\n|---|---|\n",
        "<details>\n",
        "</details>\n",
        "[a](https://e.org/x)",
        "[j](javascript:x)",
        "![i](p.png)",
        "`c`",
        "*e*",
        "**s**",
        "~~t~~",
        "---\n",
        "\n",
        "\n\n",
        "\r\n",
        "[tag]",
        "word ",
        "é",
        "中文",
        "\\",
        "<br>",
        "[ref]: https://e.org\n",
        "[ref]",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(600))]
        #[test]
        fn any_document_parses_into_a_well_formed_outline(
            picks in proptest::collection::vec(0..PIECES.len(), 0..60)
        ) {
            let src: String = picks.iter().map(|&i| PIECES[i]).collect();
            // The fuzz target's checks: pre-order, lines increasing, labels
            // collapsed, and the outline builds and orders.
            super::fuzz_checks::check_outline(src.as_bytes());
            let lines = src.split('\n').count();
            if let Ok(o) = outline::parse("r.md", src.as_bytes()) {
                for (i, t) in o.topics.iter().enumerate() {
                    prop_assert!(!t.label.is_empty());
                    prop_assert!(t.line >= 1 && t.line <= lines, "{t:?} in {src:?}");
                    prop_assert!(t.column >= 1);
                    match t.parent {
                        Some(p) => {
                            prop_assert!(p < i);
                            prop_assert_eq!(t.depth, o.topics[p].depth + 1);
                            // Pre-order: every topic between the parent and
                            // this one is inside the parent.
                            for k in p + 1..i {
                                let mut a = o.topics[k].parent;
                                while let Some(x) = a.filter(|&x| x != p) {
                                    a = o.topics[x].parent;
                                }
                                prop_assert_eq!(a, Some(p), "{:?}", src);
                            }
                        }
                        None => prop_assert_eq!(t.depth, 0),
                    }
                    for l in &t.links {
                        prop_assert!(l.url.starts_with("https://"), "{:?}", l);
                    }
                }
            }
        }
    }
}

#[test]
fn setext_headings_loose_items_and_headings_inside_items() {
    let src = "Plan\n====\n\nWhy this plan.\n\n- Graphs\n\n  Nodes joined by edges.\n\n  ## Traversals\n\n  - BFS\n\nTrees\n-----\n\n- Heaps\n";
    let o = outline::parse("p.md", src.as_bytes()).unwrap();
    assert_eq!(
        labels(&o),
        [
            "Plan",
            "  Graphs",
            "    Traversals",
            "    BFS",
            "  Trees",
            "    Heaps"
        ]
    );
    assert_eq!(o.topics[0].description.as_deref(), Some("Why this plan."));
    assert_eq!(
        o.topics[1].description.as_deref(),
        Some("Nodes joined by edges.")
    );
    assert_eq!((o.topics[2].line, o.topics[2].column), (10, 6));
    assert_eq!(o.topics[4].line, 14);
}
