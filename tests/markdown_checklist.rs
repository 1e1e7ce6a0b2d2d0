//! The Markdown checklist (`order --format markdown`) read back by a
//! CommonMark renderer, markdown-it (markdown-it-py, with GitHub's
//! strikethrough and tables on): every hostile label renders as exactly its
//! text, a linked one as a link to its first link, and labels that need no
//! escape are written as they are.

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

fn python_reader() -> Option<()> {
    let ok = Process::new("python3")
        .args(["-c", "import markdown_it"])
        .output()
        .is_ok_and(|o| o.status.success());
    if ok {
        return Some(());
    }
    assert!(
        std::env::var_os("ROADMAPPER_REQUIRE_TOOLS").is_none(),
        "markdown-it-py is missing (python3 -m pip install markdown-it-py)"
    );
    eprintln!("skipping: markdown-it-py is not installed (python3 -m pip install markdown-it-py)");
    None
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

fn read_back(markdown: &str) -> Vec<Vec<(String, String, Option<String>)>> {
    let mut child = Process::new("python3")
        .args(["-c", READER])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(markdown.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
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
