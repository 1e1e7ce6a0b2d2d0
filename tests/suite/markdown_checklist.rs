//! The Markdown checklist (`order --format markdown`) read back by a
//! CommonMark renderer, markdown-it (markdown-it-py, with GitHub's
//! strikethrough and tables on), and by Python-Markdown, which MkDocs uses
//! (with its `attr_list` extension, which MkDocs sites often turn on):
//! every hostile label renders as exactly its text and no element, a
//! linked one as a link to its first link, nested items stay nested, and
//! labels that need no escape are written as they are. Read back as a
//! progress file, every box keeps its state, and `mark` edits it.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command as Process, Stdio};

use assert_cmd::Command;
use serde_json::Value;

const DIR: &str = "tests/fixtures/markdown-labels";

/// For each list item's paragraph: its inline tokens as `[type, content,
/// href]`.
const READER: &str = r#"
import json, sys
from markdown_it import MarkdownIt
md = MarkdownIt("commonmark").enable(["strikethrough", "table"])
tokens = md.parse(sys.stdin.read())
items, depth = [], 0
for t in tokens:
    if t.type == "list_item_open":
        depth += 1
    elif t.type == "list_item_close":
        depth -= 1
    elif t.type == "inline" and depth > 0:
        items.append([[c.type, c.content, c.attrs.get("href")] for c in t.children])
    elif t.type not in ("bullet_list_open", "bullet_list_close", "paragraph_open", "paragraph_close"):
        items.append([["block:" + t.type, t.content, None]])
print(json.dumps(items))
"#;

/// Renders the Markdown on stdin to HTML with the renderer named by the
/// first argument, then prints each list item as `{depth, text, elements,
/// attrs}` (`depth` counts the lists around it, `text` is its own text with
/// entities decoded, `elements` the tags, comments and declarations in it
/// outside its nested lists) and what stands outside every item.
const HTML_READER: &str = r#"
import json, sys
from html.parser import HTMLParser
source = sys.stdin.read()
if sys.argv[1] == "markdown-it":
    from markdown_it import MarkdownIt
    html = MarkdownIt("commonmark").enable(["strikethrough", "table"]).render(source)
else:
    import markdown
    html = markdown.markdown(source, extensions=["attr_list"])
class Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.open, self.items, self.outside = 0, [], [], []
    def element(self, what):
        if self.open:
            self.items[self.open[-1]]["elements"].append(what)
        else:
            self.outside.append(what)
    def handle_starttag(self, tag, attrs):
        if tag == "ul":
            self.depth += 1
        elif tag == "li":
            self.open.append(len(self.items))
            self.items.append({"depth": self.depth, "text": "", "elements": [], "attrs": attrs})
        else:
            self.element([tag, attrs])
    def handle_endtag(self, tag):
        if tag == "ul":
            self.depth -= 1
        elif tag == "li":
            self.open.pop()
    def handle_data(self, data):
        if self.open:
            self.items[self.open[-1]]["text"] += data
    def handle_comment(self, data):
        self.element(["<!--", []])
    def handle_decl(self, decl):
        self.element(["<!", []])
    def handle_pi(self, data):
        self.element(["<?", []])
reader = Reader()
reader.feed(html)
print(json.dumps({"items": reader.items, "outside": reader.outside}))
"#;

/// The renderers the checklist is read back with, and the Python module
/// each needs.
const RENDERERS: [(&str, &str, &str); 2] = [
    ("markdown-it", "markdown_it", "markdown-it-py"),
    ("python-markdown", "markdown", "markdown"),
];

/// Whether Python has `module`; a skip (or, in CI, a failure) when not.
fn python_has(module: &str, package: &str) -> bool {
    let ok = Process::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if ok {
        return true;
    }
    assert!(
        std::env::var_os("ROADMAPPER_REQUIRE_TOOLS").is_none(),
        "{package} is missing (python3 -m pip install {package})"
    );
    eprintln!("skipping: {package} is not installed (python3 -m pip install {package})");
    false
}

fn python_reader() -> Option<()> {
    python_has("markdown_it", "markdown-it-py").then_some(())
}

fn run(args: &[&str]) -> String {
    let out = Command::cargo_bin("roadmapper")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Pipes `input` through `python3 -c script args`; its stdout as JSON.
fn python(script: &str, args: &[&str], input: &str) -> Value {
    let mut child = Process::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

fn read_back(markdown: &str) -> Vec<Vec<(String, String, Option<String>)>> {
    serde_json::from_value(python(READER, &[], markdown)).unwrap()
}

#[test]
fn every_hostile_label_renders_as_its_text() {
    if python_reader().is_none() {
        return;
    }
    let outline = PathBuf::from(DIR).join("labels.txt");
    let notes = PathBuf::from(DIR).join("labels.notes.md");
    let (outline, notes) = (outline.to_str().unwrap(), notes.to_str().unwrap());
    let markdown = run(&["order", outline, "--notes", notes, "--format", "markdown"]);
    let doc: Value =
        serde_json::from_str(&run(&["render", outline, "--notes", notes, "-f", "json"])).unwrap();
    let nodes = doc["nodes"].as_array().unwrap();
    let items = read_back(&markdown);
    assert_eq!(
        items.len(),
        nodes.len(),
        "one list item per topic:\n{markdown}"
    );
    let mut linked = 0;
    for (node, item) in nodes.iter().zip(&items) {
        let label = node["label"].as_str().unwrap();
        let url = node["links"]
            .as_array()
            .and_then(|l| l.first())
            .map(|l| l["url"].as_str().unwrap());
        let (kinds, text): (Vec<&str>, String) = (
            item.iter().map(|(k, _, _)| k.as_str()).collect(),
            item.iter()
                .filter(|(k, _, _)| k == "text")
                .map(|(_, c, _)| c.as_str())
                .collect(),
        );
        assert_eq!(
            text,
            format!("[ ] {label}"),
            "{label:?} renders as {item:?}"
        );
        match url {
            Some(url) => {
                linked += 1;
                assert_eq!(
                    kinds
                        .iter()
                        .copied()
                        .filter(|k| *k != "text")
                        .collect::<Vec<_>>(),
                    ["link_open", "link_close"],
                    "{label:?}: {item:?}"
                );
                let href = item.iter().find_map(|(_, _, h)| h.clone()).unwrap();
                // markdown-it normalises the percent-encoded destination.
                let decoded = href
                    .replace("%28", "(")
                    .replace("%29", ")")
                    .replace("%5D", "]");
                assert_eq!(decoded, url, "{label:?}");
            }
            None => assert!(kinds.iter().all(|k| *k == "text"), "{label:?}: {item:?}"),
        }
    }
    assert_eq!(linked, 4, "the notes link four labels");
}

#[test]
fn labels_that_need_no_escape_are_written_as_they_are() {
    let outline = PathBuf::from(DIR).join("labels.txt");
    let markdown = run(&["order", outline.to_str().unwrap(), "--format", "markdown"]);
    for plain in [
        "MD5 (Don't Use)",
        "a * b * c",
        "snake_case_name",
        "C# & C++ | F#",
        "x < y > z",
        "one ` tick",
        "# not a heading",
        "> not a quote",
        "emoji :smile: and @mention",
    ] {
        assert!(
            markdown.contains(&format!("- [ ] {plain}")),
            "{plain:?} was escaped:\n{markdown}"
        );
    }
    assert!(markdown.contains(r"- [ ] \[link\](http://x) and !\[img\](x.png)"));
}

/// The hostile labels of [`DIR`] at depths 1 to 4 under the title, in a
/// repeating staircase, so every label is also a nested item.
fn nested_outline() -> String {
    let flat = std::fs::read_to_string(PathBuf::from(DIR).join("labels.txt")).unwrap();
    let mut lines = flat.lines();
    let mut out = format!("{}\n", lines.next().unwrap());
    for (k, line) in lines.enumerate() {
        out.push_str(&"  ".repeat(k % 4 + 1));
        out.push_str(line.trim_start());
        out.push('\n');
    }
    out
}

#[test]
fn the_checklist_is_inert_and_nested_in_commonmark_and_python_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let outline = dir.path().join("labels.txt");
    std::fs::write(&outline, nested_outline()).unwrap();
    let notes = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(DIR)
        .join("labels.notes.md");
    let (outline, notes) = (outline.to_str().unwrap(), notes.to_str().unwrap());
    let markdown = run(&["order", outline, "--notes", notes, "--format", "markdown"]);
    let doc: Value =
        serde_json::from_str(&run(&["render", outline, "--notes", notes, "-f", "json"])).unwrap();
    let nodes = doc["nodes"].as_array().unwrap();
    assert!(nodes.iter().any(|n| n["depth"] == 4), "the outline nests");
    let mut problems = Vec::new();
    for (renderer, module, package) in RENDERERS {
        if !python_has(module, package) {
            continue;
        }
        let html = python(HTML_READER, &[renderer], &markdown);
        let items = html["items"].as_array().unwrap();
        if items.len() != nodes.len() {
            problems.push(format!(
                "{renderer}: {} list items for {} topics",
                items.len(),
                nodes.len()
            ));
        }
        if html["outside"] != serde_json::json!([]) {
            problems.push(format!("{renderer}: outside the list: {}", html["outside"]));
        }
        for (node, item) in nodes.iter().zip(items) {
            let label = node["label"].as_str().unwrap();
            let mut problem = |what: String| problems.push(format!("{renderer}: {label:?} {what}"));
            let text = item["text"].as_str().unwrap().trim_end();
            if text != format!("[ ] {label}") {
                problem(format!("reads {text:?}"));
            }
            let depth = node["depth"].as_u64().unwrap() + 1;
            if item["depth"].as_u64() != Some(depth) {
                problem(format!("is in {} lists, not {depth}", item["depth"]));
            }
            if item["attrs"] != serde_json::json!([]) {
                problem(format!("gives its item attributes {}", item["attrs"]));
            }
            let elements = item["elements"].as_array().unwrap();
            let want = match node["links"][0]["url"].as_str() {
                // markdown-it normalises the percent-encoded destination.
                Some(url) => serde_json::json!([["a", [["href", url]]]]),
                None => serde_json::json!([]),
            };
            let got: Value = serde_json::from_str(
                &serde_json::to_string(elements)
                    .unwrap()
                    .replace("%28", "(")
                    .replace("%29", ")")
                    .replace("%5D", "]"),
            )
            .unwrap();
            if got != want {
                problem(format!("renders elements {got}, not {want}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{}\n\nthe checklist:\n{markdown}",
        problems.join("\n")
    );
}

/// Runs the binary in `dir`; its exit code and stdout.
fn run_in(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String) {
    let out = Command::cargo_bin("roadmapper")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

/// Each topic's `status` as `order --progress FILE --format json` gives it.
fn statuses(dir: &std::path::Path, progress: &str) -> Vec<(String, String)> {
    let (code, json) = run_in(
        dir,
        &[
            "order",
            "labels.txt",
            "--progress",
            progress,
            "--format",
            "json",
        ],
    );
    assert_eq!(code, Some(0));
    let items: Value = serde_json::from_str(&json).unwrap();
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["label"].as_str().unwrap().to_owned(),
                i["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn the_checklist_reads_back_as_progress_and_mark_edits_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("labels.txt"), nested_outline()).unwrap();
    let (code, checklist) = run_in(dir.path(), &["order", "labels.txt", "--format", "markdown"]);
    assert_eq!(code, Some(0));
    // Every topic without children ticked, in turn done, learning, skipped
    // and to do; each reads back with its box's state.
    std::fs::write(dir.path().join("empty.md"), "").unwrap();
    let labels = statuses(dir.path(), "empty.md");
    let leaf: Vec<bool> = checklist
        .lines()
        .map(|l| l.len() - l.trim_start().len())
        .collect::<Vec<_>>()
        .windows(2)
        .map(|w| w[1] <= w[0])
        .chain([true])
        .collect();
    let boxes = [("[x]", "done"), ("[/]", "learning"), ("[-]", "skipped")];
    let mut ticked = String::new();
    let mut want = Vec::new();
    for (k, line) in checklist.lines().enumerate() {
        let (mark, state) = boxes.get(k % 4).copied().unwrap_or(("[ ]", "todo"));
        if leaf[k] {
            ticked.push_str(&line.replacen("[ ]", mark, 1));
            want.push(Some(state));
        } else {
            ticked.push_str(line);
            want.push(None);
        }
        ticked.push('\n');
    }
    std::fs::write(dir.path().join("ticked.md"), &ticked).unwrap();
    let read = statuses(dir.path(), "ticked.md");
    assert_eq!(read.len(), labels.len());
    for ((label, status), want) in read.iter().zip(&want) {
        if let Some(want) = want {
            assert_eq!(status, want, "{label:?} in\n{ticked}");
        }
    }
    // `mark` finds the items of labels written with character references
    // and sets their boxes.
    for label in ["&amp; &#38; &#x26; &copy; & &x", "~~strike~~ and ~single~"] {
        let (code, _) = run_in(
            dir.path(),
            &[
                "mark",
                "labels.txt",
                label,
                "--progress",
                "ticked.md",
                "--done",
            ],
        );
        assert_eq!(code, Some(0), "mark {label:?}");
        let after = statuses(dir.path(), "ticked.md");
        let status = after.iter().find(|(l, _)| l == label).map(|(_, s)| s);
        assert_eq!(status.map(String::as_str), Some("done"), "{label:?}");
    }
    let marked = std::fs::read_to_string(dir.path().join("ticked.md")).unwrap();
    assert_eq!(
        marked.lines().count(),
        ticked.lines().count(),
        "mark changed boxes in place:\n{marked}"
    );
}
