//! End-to-end tests of the `roadmapper` binary: arguments, exit codes,
//! outputs, messages and the files it writes (or must not write).
//!
//! Expected results are computed here independently of the library: the
//! outlines and prerequisite files are re-parsed with a few lines of plain
//! string handling, and the study order is recomputed with a naive Kahn's
//! algorithm, so a change in the library that breaks behaviour cannot also
//! change what the test expects.

use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap, HashMap, HashSet};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const OUTLINE: &str = "roadmap/backend.txt";
const PREREQS: &str = "roadmap/backend.prereqs";
const SEED: &str = "tests/fixtures/backend-seed.txt";

/// What an output file holds before a run that must not touch it.
const SENTINEL: &[u8] = b"precious content, must survive a failed run\n";

// ---------------------------------------------------------------------------
// Running the binary
// ---------------------------------------------------------------------------

fn crate_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

use crate::bin::roadmapper_in;

/// The binary, run from the crate root: `roadmap/backend.txt` resolves.
fn roadmapper() -> Command {
    roadmapper_in(crate_root())
}

fn run(args: &[&str]) -> Output {
    roadmapper().args(args).output().expect("the binary runs")
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    roadmapper_in(dir)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

/// Runs from the crate root, expects success, parses stdout as JSON.
fn run_json(args: &[&str]) -> Value {
    let out = run(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?} failed: {}",
        stderr(&out)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

/// `order ... --format json` as an array of items.
fn order_items(args: &[&str]) -> Vec<Value> {
    let mut full = vec!["order"];
    full.extend_from_slice(args);
    full.extend_from_slice(&["--format", "json"]);
    match run_json(&full) {
        Value::Array(items) => items,
        other => panic!("order json is not an array: {other}"),
    }
}

fn read_root(path: &str) -> String {
    fs::read_to_string(crate_root().join(path)).expect("shipped file exists")
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).expect("write fixture");
    path
}

/// Names of the temporary files the atomic writer may leave behind.
fn temp_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .expect("read dir")
        .map(|e| {
            e.expect("dir entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.starts_with(".roadmapper-") || n.ends_with(".tmp"))
        .collect()
}

// ---------------------------------------------------------------------------
// Reading the reports on stderr
// ---------------------------------------------------------------------------

/// The reports on stderr (each diagnostic, each plain `error:` line, the
/// `aborting due to N errors` summary), which are separated by one blank line.
fn reports(stderr: &str) -> Vec<&str> {
    let reports: Vec<&str> = stderr
        .split("\n\n")
        .map(|r| r.trim_end_matches('\n'))
        .filter(|r| !r.is_empty())
        .collect();
    for r in &reports {
        assert!(
            !r.starts_with('\n'),
            "reports are separated by one blank line:\n{stderr}"
        );
    }
    reports
}

/// The summary line that ends a run with several errors.
fn is_summary(line: &str) -> bool {
    line.starts_with("error: aborting due to ")
}

/// The number of errors reported on stderr, not counting the summary; checks
/// that the summary `error: aborting due to N errors` is there, right and
/// last exactly when there are 2 or more.
fn count_errors(stderr: &str) -> usize {
    let n = stderr
        .lines()
        .filter(|l| l.starts_with("error: ") && !is_summary(l))
        .count();
    let summaries: Vec<&str> = stderr.lines().filter(|l| is_summary(l)).collect();
    if n >= 2 {
        let expected = format!("error: aborting due to {n} errors");
        assert_eq!(summaries, [expected.as_str()], "{stderr}");
        assert_eq!(
            reports(stderr).last(),
            Some(&expected.as_str()),
            "the summary comes last:\n{stderr}"
        );
    } else {
        assert!(summaries.is_empty(), "a summary for {n} error:\n{stderr}");
    }
    n
}

/// One diagnostic as rendered on stderr:
///
/// ```text
/// error: indentation does not match any outer level
///  --> o.txt:4:1
///   |
/// 4 |    C
///   | ^^^
///   |
/// help: this line is indented by 3; the enclosing levels are at 0, 2 or 4
/// ```
///
/// or, about a command-line value, the title and `  = help: ...` only.
#[derive(Debug)]
struct Shown {
    /// Its position among the reports on stderr.
    index: usize,
    /// The whole report, for failure messages.
    text: String,
    /// `error: message` or `warning: message`.
    title: String,
    /// `FILE:LINE:COL`, after `-->`.
    location: Option<String>,
    /// The quoted source line: its number and its text.
    source: Option<(usize, String)>,
    /// The carets under the quoted text: first character and count.
    caret: Option<(usize, usize)>,
    /// The hints, without `help: ` or `= help: `.
    help: Vec<String>,
}

fn parse_report(index: usize, text: &str) -> Shown {
    let mut lines = text.lines();
    let mut shown = Shown {
        index,
        text: text.to_string(),
        title: lines.next().expect("a report has a title").to_string(),
        location: None,
        source: None,
        caret: None,
        help: Vec::new(),
    };
    for line in lines {
        let trimmed = line.trim_start();
        if let Some(location) = trimmed.strip_prefix("--> ") {
            assert!(shown.location.is_none(), "two locations in:\n{text}");
            shown.location = Some(location.to_string());
        } else if let Some(hint) = line
            .strip_prefix("help: ")
            .or_else(|| trimmed.strip_prefix("= help: "))
        {
            shown.help.push(hint.to_string());
        } else if let Some((gutter, rest)) = line.split_once(" |") {
            let rest = rest.strip_prefix(' ').unwrap_or(rest);
            match gutter.trim() {
                "" if rest.contains('^') => {
                    let start = rest.chars().take_while(|&c| c == ' ').count();
                    let width = rest.chars().skip(start).take_while(|&c| c == '^').count();
                    assert_eq!(
                        rest.trim_end().chars().count(),
                        start + width,
                        "one run of carets in {line:?} of:\n{text}"
                    );
                    assert!(shown.caret.is_none(), "two caret lines in:\n{text}");
                    shown.caret = Some((start, width));
                }
                "" => assert!(rest.trim().is_empty(), "{line:?} in:\n{text}"),
                number => {
                    let number = number
                        .parse()
                        .unwrap_or_else(|_| panic!("{line:?} in:\n{text}"));
                    assert!(shown.source.is_none(), "two quoted lines in:\n{text}");
                    shown.source = Some((number, rest.to_string()));
                }
            }
        } else {
            panic!("unexpected line {line:?} in:\n{text}");
        }
    }
    shown
}

/// Whether `location` (`FILE:LINE:COL`) is `at`: `FILE:LINE:COL` exactly,
/// or `FILE:LINE:` (ending in a colon) for any column.
fn located_at(location: Option<&str>, at: &str) -> bool {
    location.is_some_and(|l| {
        if at.ends_with(':') {
            l.starts_with(at)
        } else {
            l == at
        }
    })
}

/// The reports on stderr whose title starts with `title` (`error: ...` or
/// `warning: ...`) and whose location is `at` (see [`located_at`]).
fn diagnostics(stderr: &str, title: &str, at: &str) -> Vec<Shown> {
    let found: Vec<Shown> = reports(stderr)
        .into_iter()
        .enumerate()
        .map(|(k, r)| parse_report(k, r))
        .filter(|d| d.title.starts_with(title) && located_at(d.location.as_deref(), at))
        .collect();
    for d in &found {
        d.check_snippet();
    }
    found
}

/// The one diagnostic about a file with this title and location; it quotes
/// the source line it is about and has a caret line.
fn diagnostic(stderr: &str, title: &str, at: &str) -> Shown {
    let mut found = diagnostics(stderr, title, at);
    assert_eq!(
        found.len(),
        1,
        "expected one {title:?} at {at:?} in:\n{stderr}"
    );
    found.remove(0)
}

/// The one diagnostic about a command-line value whose title starts with
/// `title`: no location, no quoted line.
fn value_diagnostic(stderr: &str, title: &str) -> Shown {
    let mut found: Vec<Shown> = reports(stderr)
        .into_iter()
        .enumerate()
        .map(|(k, r)| parse_report(k, r))
        .filter(|d| d.title.starts_with(title))
        .collect();
    assert_eq!(found.len(), 1, "expected one {title:?} in:\n{stderr}");
    let d = found.remove(0);
    assert_eq!(d.location, None, "{}", d.text);
    assert_eq!(d.source, None, "{}", d.text);
    assert_eq!(d.caret, None, "{}", d.text);
    d
}

/// How the renderer shows a source line: a tab as four spaces.
fn as_shown(text: &str) -> String {
    text.replace('\t', "    ")
}

impl Shown {
    /// The location's line and column.
    fn line_and_column(&self) -> (usize, usize) {
        let location = self.location.as_deref().expect("a location");
        let mut parts = location.rsplitn(3, ':');
        let column = parts.next().and_then(|c| c.parse().ok());
        let line = parts.next().and_then(|l| l.parse().ok());
        match (line, column) {
            (Some(l), Some(c)) => (l, c),
            _ => panic!("location {location:?} is not FILE:LINE:COL"),
        }
    }

    /// A file diagnostic quotes the line of its location, with the carets
    /// on that line (or just past its end) starting at its column.
    fn check_snippet(&self) {
        let text = &self.text;
        let (line, column) = self.line_and_column();
        let Some((number, source)) = &self.source else {
            panic!("no quoted source line in:\n{text}");
        };
        assert_eq!(*number, line, "the quoted line is the location's:\n{text}");
        let Some((start, width)) = self.caret else {
            panic!("no caret line in:\n{text}");
        };
        let len = source.chars().count();
        assert!(width >= 1, "{text}");
        assert!(
            start + width <= len.max(start + 1),
            "the carets stay on the line:\n{text}"
        );
        // Tabs are widened and long lines cut to a window: the caret's
        // column is then not the location's.
        if !source.contains('\t') && len < 100 {
            assert_eq!(start + 1, column, "the caret is at the column:\n{text}");
        }
    }

    /// The quoted source line is `text`.
    fn quotes(&self, text: &str) -> &Self {
        let quoted = self.source.as_ref().map(|(_, s)| s.as_str());
        assert_eq!(quoted, Some(as_shown(text).as_str()), "{}", self.text);
        self
    }

    /// The carets start at character `start` of the quoted line and are
    /// `width` long.
    fn caret(&self, start: usize, width: usize) -> &Self {
        assert_eq!(self.caret, Some((start, width)), "{}", self.text);
        self
    }

    /// The carets are under `part` of the quoted line, and only under it.
    fn underlines(&self, part: &str) -> &Self {
        let (_, source) = self.source.as_ref().expect("a quoted line");
        let (start, width) = self.caret.expect("a caret line");
        let under: String = source.chars().skip(start).take(width).collect();
        assert_eq!(under, as_shown(part), "underlined in:\n{}", self.text);
        self
    }

    /// A hint starts with `hint`.
    fn help(&self, hint: &str) -> &Self {
        assert!(
            self.help.iter().any(|h| h.starts_with(hint)),
            "expected help {hint:?} in:\n{}",
            self.text
        );
        self
    }
}

/// The helpers above read the form the brief of the new format shows.
#[test]
fn stderr_reports_are_read_as_rendered() {
    let err = "\
error: indentation does not match any outer level
 --> o.txt:4:1
  |
4 |    C
  | ^^^
  |
help: this line is indented by 3; the enclosing levels are at 0, 2 or 4

error: unknown topic `Delta` (in --to)
  |
  = help: did you mean `Delta Lake`?

error: aborting due to 2 errors
";
    assert_eq!(count_errors(err), 2);
    let d = diagnostic(err, "error: indentation does not match", "o.txt:4:1");
    d.quotes("   C")
        .underlines("   ")
        .caret(0, 3)
        .help("this line is indented by 3;");
    assert_eq!(d.index, 0);
    assert_eq!(diagnostics(err, "error: indentation", "o.txt:4:").len(), 1);
    assert!(diagnostics(err, "error: indentation", "o.txt:4:2").is_empty());
    assert!(diagnostics(err, "error: indentation", "o.txt:5:").is_empty());
    let v = value_diagnostic(err, "error: unknown topic `Delta` (in --to)");
    v.help("did you mean `Delta Lake`?");
    assert_eq!(v.index, 1);
    // A summary that does not match the count, or a lone error with one.
    for bad in [
        err.replace("due to 2", "due to 3"),
        err.replace(
            "\n\nerror: unknown topic `Delta` (in --to)\n  |\n  = help: did you mean `Delta Lake`?",
            "",
        ),
    ] {
        assert!(
            std::panic::catch_unwind(|| count_errors(&bad)).is_err(),
            "{bad}"
        );
    }
}

// ---------------------------------------------------------------------------
// An independent model of the inputs
// ---------------------------------------------------------------------------

/// Collapses whitespace and lowercases: how labels are compared.
fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A label without indentation, trailing `:` and trailing `[tag, ...]`.
fn split_label(raw: &str) -> (String, Vec<String>) {
    let mut s = raw.trim().trim_end_matches(':').trim_end();
    let mut tags = Vec::new();
    if let (true, Some(open)) = (s.ends_with(']'), s.rfind('[')) {
        tags = s[open + 1..s.len() - 1]
            .split(',')
            .map(|t| t.trim().to_lowercase())
            .collect();
        s = s[..open].trim_end().trim_end_matches(':').trim_end();
    }
    (s.split_whitespace().collect::<Vec<_>>().join(" "), tags)
}

#[derive(Debug, Clone)]
struct Topic {
    label: String,
    tags: Vec<String>,
    depth: usize,
    parent: Option<usize>,
    /// 1-based line in the outline file.
    line: usize,
}

/// An outline indented with four spaces per level, parsed by hand.
#[derive(Debug)]
struct Outline {
    topics: Vec<Topic>,
}

impl Outline {
    fn parse(text: &str) -> Outline {
        let mut topics: Vec<Topic> = Vec::new();
        let mut stack: Vec<usize> = Vec::new();
        for (k, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let indent = line.len() - line.trim_start_matches(' ').len();
            assert_eq!(indent % 4, 0, "test outlines indent by 4: {line:?}");
            let depth = indent / 4;
            stack.truncate(depth);
            assert_eq!(stack.len(), depth, "no level skipped: {line:?}");
            let (label, tags) = split_label(line);
            stack.push(topics.len());
            topics.push(Topic {
                label,
                tags,
                depth,
                parent: depth.checked_sub(1).map(|d| stack[d]),
                line: k + 1,
            });
        }
        Outline { topics }
    }

    fn read(path: &str) -> Outline {
        Outline::parse(&read_root(path))
    }

    fn len(&self) -> usize {
        self.topics.len()
    }

    fn path(&self, i: usize) -> Vec<String> {
        let mut labels = Vec::new();
        let mut at = Some(i);
        while let Some(x) = at {
            labels.push(self.topics[x].label.clone());
            at = self.topics[x].parent;
        }
        labels.reverse();
        labels
    }

    /// `i..end`: the topic and everything inside it (outline pre-order).
    fn subtree(&self, i: usize) -> std::ops::Range<usize> {
        let depth = self.topics[i].depth;
        let end = (i + 1..self.len())
            .find(|&j| self.topics[j].depth <= depth)
            .unwrap_or(self.len());
        i..end
    }

    fn is_group(&self, i: usize) -> bool {
        self.subtree(i).len() > 1
    }

    /// Resolves a reference (`Label` or `Parent > Label`) as a
    /// case-insensitive suffix of a topic's path; it must be unique.
    fn resolve(&self, reference: &str) -> usize {
        let wanted: Vec<String> = reference.split('>').map(norm).collect();
        let found: Vec<usize> = (0..self.len())
            .filter(|&i| {
                let path: Vec<String> = self.path(i).iter().map(|l| norm(l)).collect();
                path.ends_with(&wanted)
            })
            .collect();
        assert_eq!(found.len(), 1, "`{reference}` resolves to {found:?}");
        found[0]
    }

    /// The position of every item of an `order` JSON listing, matched by
    /// its full path.
    fn positions(&self, items: &[Value]) -> Vec<usize> {
        let by_path: HashMap<Vec<String>, usize> =
            (0..self.len()).map(|i| (self.path(i), i)).collect();
        assert_eq!(by_path.len(), self.len(), "test outlines have unique paths");
        items
            .iter()
            .map(|item| {
                let p = strings(&item["path"]);
                *by_path
                    .get(&p)
                    .unwrap_or_else(|| panic!("{p:?} is not in the outline"))
            })
            .collect()
    }
}

/// `A -> B -> C` lines of a prerequisite file as (A, B, line) and (B, C,
/// line); blank lines and `#` comments skipped.
fn parse_prereqs(text: &str) -> Vec<(String, String, usize)> {
    let mut edges = Vec::new();
    for (k, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let parts: Vec<&str> = line.split("->").map(str::trim).collect();
        assert!(parts.len() >= 2, "line {} has an arrow", k + 1);
        for pair in parts.windows(2) {
            edges.push((pair[0].to_string(), pair[1].to_string(), k + 1));
        }
    }
    edges
}

/// The prerequisites of the shipped roadmap as outline positions.
fn backend_edges(outline: &Outline) -> Vec<(usize, usize)> {
    parse_prereqs(&read_root(PREREQS))
        .iter()
        .map(|(a, b, _)| (outline.resolve(a), outline.resolve(b)))
        .collect()
}

/// The ordering constraints, expanded naively: parent before child, and a
/// prerequisite A -> B as "every topic of A's subtree before B" (which is
/// just A -> B for a leaf). A group B needs nothing extra: B comes before
/// its children anyway. The bool marks prerequisite edges.
fn constraints(o: &Outline, prereqs: &[(usize, usize)]) -> Vec<(usize, usize, bool)> {
    let mut c: Vec<(usize, usize, bool)> = (0..o.len())
        .filter_map(|i| o.topics[i].parent.map(|p| (p, i, false)))
        .collect();
    for &(a, b) in prereqs {
        c.extend(o.subtree(a).map(|x| (x, b, true)));
    }
    c
}

/// Kahn's algorithm, always taking the available topic that comes first in
/// the outline.
fn expected_order(o: &Outline, prereqs: &[(usize, usize)]) -> Vec<usize> {
    let c = constraints(o, prereqs);
    let mut indegree = vec![0; o.len()];
    for &(_, v, _) in &c {
        indegree[v] += 1;
    }
    let mut heap: BinaryHeap<Reverse<usize>> = (0..o.len())
        .filter(|&i| indegree[i] == 0)
        .map(Reverse)
        .collect();
    let mut order = Vec::new();
    while let Some(Reverse(u)) = heap.pop() {
        order.push(u);
        for &(_, v, _) in c.iter().filter(|e| e.0 == u) {
            indegree[v] -= 1;
            if indegree[v] == 0 {
                heap.push(Reverse(v));
            }
        }
    }
    assert_eq!(order.len(), o.len(), "the test's constraints have a cycle");
    order
}

/// Stages as the longest path over the constraints, prerequisite edges
/// weighing 1 and containment 0.
fn expected_stages(o: &Outline, prereqs: &[(usize, usize)]) -> Vec<usize> {
    let c = constraints(o, prereqs);
    let mut stage = vec![0; o.len()];
    for u in expected_order(o, prereqs) {
        for &(a, b, is_prereq) in &c {
            if b == u {
                stage[u] = stage[u].max(stage[a] + usize::from(is_prereq));
            }
        }
    }
    stage
}

/// What `--to` targets need: their subtrees, and, repeatedly, the parent
/// and the prerequisites (a group prerequisite with its whole subtree) of
/// everything included.
fn expected_needs(o: &Outline, prereqs: &[(usize, usize)], targets: &[usize]) -> HashSet<usize> {
    let mut included: HashSet<usize> = targets.iter().flat_map(|&t| o.subtree(t)).collect();
    loop {
        let mut more: HashSet<usize> = HashSet::new();
        for &x in &included {
            more.extend(o.topics[x].parent);
            for &(a, b) in prereqs {
                if b == x {
                    more.extend(o.subtree(a));
                }
            }
        }
        let before = included.len();
        included.extend(more);
        if included.len() == before {
            return included;
        }
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("{v} is not an array"))
        .iter()
        .map(|s| s.as_str().expect("a string").to_string())
        .collect()
}

fn labels(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|i| i["label"].as_str().expect("label").to_string())
        .collect()
}

// ---------------------------------------------------------------------------
// 1. The seed outline
// ---------------------------------------------------------------------------

#[test]
fn order_json_of_the_seed_lists_every_line_in_outline_order() {
    let seed = read_root(SEED);
    let expected: Vec<(String, Vec<String>)> = seed
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(split_label)
        .collect();
    assert_eq!(expected.len(), 107, "the seed has 107 topic lines");

    let items = order_items(&[SEED]);
    assert_eq!(items.len(), 107);
    assert_eq!(
        labels(&items),
        expected.iter().map(|(l, _)| l.clone()).collect::<Vec<_>>()
    );
    assert_eq!(items[0]["label"], "Backend Roadmap.sh");
    assert_eq!(strings(&items[0]["tags"]), ["notes"]);
    assert_eq!(items[0]["parent"], Value::Null);
    for (k, (item, (_, tags))) in items.iter().zip(&expected).enumerate() {
        assert_eq!(&strings(&item["tags"]), tags, "tags of item {k}");
        assert_eq!(item["order"], k, "order field of item {k}");
        assert!(item.get("stage").is_none(), "no stage without --stages");
    }

    // Depth and parent follow the indentation.
    let outline = Outline::parse(&seed);
    let ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids.iter().collect::<HashSet<_>>().len(),
        ids.len(),
        "ids are unique"
    );
    for (k, t) in outline.topics.iter().enumerate() {
        assert_eq!(items[k]["depth"], t.depth, "depth of {}", t.label);
        assert_eq!(
            items[k]["parent"].as_str(),
            t.parent.map(|p| ids[p]),
            "parent of {}",
            t.label
        );
        assert_eq!(strings(&items[k]["path"]), outline.path(k));
    }
}

// ---------------------------------------------------------------------------
// 2. The shipped roadmap with its prerequisites
// ---------------------------------------------------------------------------

#[test]
fn order_json_satisfies_every_prerequisite_of_the_backend_roadmap() {
    let items = order_items(&[OUTLINE, "--prereqs", PREREQS]);
    let outline = Outline::read(OUTLINE);
    assert_eq!(items.len(), outline.len());
    assert_eq!(items.len(), 115);

    // Every topic exactly once.
    let paths: Vec<Vec<String>> = items.iter().map(|i| strings(&i["path"])).collect();
    let listed: HashSet<&Vec<String>> = paths.iter().collect();
    assert_eq!(listed.len(), items.len(), "a topic is listed twice");
    let all: Vec<Vec<String>> = (0..outline.len()).map(|i| outline.path(i)).collect();
    assert_eq!(listed, all.iter().collect::<HashSet<_>>());

    // `order` is the position in the listing.
    for (k, item) in items.iter().enumerate() {
        assert_eq!(item["order"], k);
    }

    // Parents before children.
    let rank: HashMap<&str, usize> = items
        .iter()
        .enumerate()
        .map(|(k, i)| (i["id"].as_str().unwrap(), k))
        .collect();
    for (k, item) in items.iter().enumerate() {
        if let Some(p) = item["parent"].as_str() {
            assert!(rank[p] < k, "{} listed before its parent", item["label"]);
        }
    }

    // Every prerequisite, resolved against the listing's labels and paths.
    let resolve = |reference: &str| -> usize {
        let wanted: Vec<String> = reference.split('>').map(norm).collect();
        let found: Vec<usize> = (0..items.len())
            .filter(|&k| {
                let p: Vec<String> = paths[k].iter().map(|l| norm(l)).collect();
                p.ends_with(&wanted)
            })
            .collect();
        assert_eq!(found.len(), 1, "`{reference}` resolves to {found:?}");
        if wanted.len() == 1 {
            assert_eq!(norm(items[found[0]]["label"].as_str().unwrap()), wanted[0]);
        }
        found[0]
    };
    let prereqs = parse_prereqs(&read_root(PREREQS));
    assert!(
        prereqs.iter().any(|(a, _, _)| a.contains('>')),
        "the file has a `Parent > Child` reference"
    );
    let mut after: HashMap<usize, BTreeSet<String>> = HashMap::new();
    for (a, b, line) in &prereqs {
        let (ka, kb) = (resolve(a), resolve(b));
        assert!(ka < kb, "line {line}: `{a}` listed after `{b}`");
        // A group prerequisite stands for its whole subtree.
        for (k, p) in paths.iter().enumerate() {
            if p.starts_with(&paths[ka]) {
                assert!(k < kb, "line {line}: {p:?} (inside `{a}`) after `{b}`");
            }
        }
        after
            .entry(kb)
            .or_default()
            .insert(items[ka]["id"].as_str().unwrap().to_string());
    }

    // `after` lists exactly the direct prerequisites, in study order.
    for (k, item) in items.iter().enumerate() {
        let listed = strings(&item["after"]);
        let ranks: Vec<usize> = listed.iter().map(|id| rank[id.as_str()]).collect();
        assert!(
            ranks.is_sorted(),
            "after of {} in study order",
            item["label"]
        );
        assert_eq!(
            listed.into_iter().collect::<BTreeSet<_>>(),
            after.remove(&k).unwrap_or_default(),
            "after of {}",
            item["label"]
        );
    }
}

#[test]
fn order_of_the_backend_roadmap_is_kahn_with_outline_tie_break() {
    let outline = Outline::read(OUTLINE);
    let edges = backend_edges(&outline);
    assert_eq!(edges.len(), 45);
    assert!(
        edges.iter().any(|&(a, _)| outline.is_group(a)),
        "the shipped file exercises a group prerequisite"
    );
    assert!(
        edges.iter().any(|&(_, b)| outline.is_group(b)),
        "the shipped file exercises a group target"
    );
    let expected = expected_order(&outline, &edges);
    assert_ne!(
        expected,
        (0..outline.len()).collect::<Vec<_>>(),
        "the prerequisites change the order"
    );

    let items = order_items(&[OUTLINE, "--prereqs", PREREQS]);
    assert_eq!(outline.positions(&items), expected);

    // Without prerequisites the study order is the outline order.
    let plain = order_items(&[OUTLINE]);
    assert_eq!(
        outline.positions(&plain),
        (0..outline.len()).collect::<Vec<_>>()
    );
}

const GROUPS: &str = "tests/fixtures/cli/groups.txt";
const GROUPS_PREREQS: &str = "tests/fixtures/cli/groups.prereqs";

/// In the shipped roadmap the outline order already satisfies most group
/// rules; this small fixture makes each of them change the order.
#[test]
fn group_prerequisites_stand_for_the_whole_group() {
    let outline = Outline::read(GROUPS);
    let edges: Vec<(usize, usize)> = parse_prereqs(&read_root(GROUPS_PREREQS))
        .iter()
        .map(|(a, b, _)| (outline.resolve(a), outline.resolve(b)))
        .collect();
    let items = order_items(&[GROUPS, "--prereqs", GROUPS_PREREQS, "--stages"]);
    // Worked out by hand: Project and Plan move up while Types waits for
    // all of Theory, Tools for all of Basics, Build (and Compile, Link) for
    // Debugger, Ship for Link.
    assert_eq!(
        labels(&items),
        [
            "Course", "Basics", "Syntax", "Project", "Plan", "Theory", "Logic", "Sets", "Types",
            "Tools", "Editor", "Debugger", "Build", "Compile", "Link", "Ship"
        ]
    );
    assert_eq!(outline.positions(&items), expected_order(&outline, &edges));

    let stages: Vec<u64> = items.iter().map(|i| i["stage"].as_u64().unwrap()).collect();
    assert_eq!(stages, [0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 2, 2, 3, 3, 3, 4]);
    let by_position = expected_stages(&outline, &edges);
    let expected: Vec<u64> = outline
        .positions(&items)
        .into_iter()
        .map(|p| by_position[p] as u64)
        .collect();
    assert_eq!(stages, expected);

    // --to follows group prerequisites into the whole group.
    for (target, want) in [
        (
            "Types",
            &["Course", "Basics", "Theory", "Logic", "Sets", "Types"][..],
        ),
        (
            "Editor",
            &[
                "Course", "Basics", "Syntax", "Theory", "Logic", "Sets", "Types", "Tools", "Editor",
            ],
        ),
        (
            "Compile",
            &[
                "Course", "Basics", "Syntax", "Project", "Theory", "Logic", "Sets", "Types",
                "Tools", "Debugger", "Build", "Compile",
            ],
        ),
    ] {
        let items = order_items(&[GROUPS, "--prereqs", GROUPS_PREREQS, "--to", target]);
        assert_eq!(labels(&items), want, "--to {target}");
        let needed = expected_needs(&outline, &edges, &[outline.resolve(target)]);
        let closure: Vec<usize> = expected_order(&outline, &edges)
            .into_iter()
            .filter(|i| needed.contains(i))
            .collect();
        assert_eq!(outline.positions(&items), closure, "--to {target}");
    }
}

#[test]
fn order_text_and_markdown_list_the_same_order_as_json() {
    let outline = Outline::read(OUTLINE);
    let expected: Vec<String> = expected_order(&outline, &backend_edges(&outline))
        .into_iter()
        .map(|i| outline.topics[i].label.clone())
        .collect();

    let out = run(&["order", OUTLINE, "--prereqs", PREREQS]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), expected.len());
    for (k, (line, label)) in lines.iter().zip(&expected).enumerate() {
        let (number, rest) = line.trim_start().split_once(". ").expect("numbered");
        assert_eq!(number, (k + 1).to_string());
        assert!(
            rest.trim_start().starts_with(label.as_str()),
            "line {line:?} should show {label:?}"
        );
    }
    assert!(
        text.contains("REST  (after What is HTTP)"),
        "text names prerequisites:\n{text}"
    );

    let out = run(&[
        "order",
        OUTLINE,
        "--prereqs",
        PREREQS,
        "--format",
        "markdown",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let md = stdout(&out);
    let md_lines: Vec<&str> = md.lines().collect();
    assert_eq!(md_lines.len(), expected.len());
    for line in md_lines {
        assert!(line.trim_start().starts_with("- [ ] "), "{line:?}");
    }
}

// ---------------------------------------------------------------------------
// 3. --to
// ---------------------------------------------------------------------------

#[test]
fn to_rest_lists_only_what_rest_needs_with_rest_last() {
    let items = order_items(&[OUTLINE, "--prereqs", PREREQS, "--to", "REST"]);
    assert_eq!(
        labels(&items),
        [
            "Backend Roadmap",
            "Internet",
            "How does the internet work",
            "What is HTTP",
            "APIs",
            "REST"
        ]
    );

    let out = run(&["order", OUTLINE, "--prereqs", PREREQS, "--to", "rest"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 6);
    assert!(
        text.lines().last().unwrap().contains("REST"),
        "REST comes last:\n{text}"
    );
}

#[test]
fn to_matches_an_independent_closure_for_several_targets() {
    let outline = Outline::read(OUTLINE);
    let edges = backend_edges(&outline);
    let full = expected_order(&outline, &edges);
    let cases: &[&[&str]] = &[
        &["REST"],
        &["APIs > SOAP"],
        &["Architectural Patterns > SOAP"],
        &["Web Security"],
        &["Transactions"],
        &["Load Shifting"],
        &["Building with Observability in mind"],
        &["Sharding Strategies", "HTTPS"],
    ];
    for targets in cases {
        let mut args = vec![OUTLINE, "--prereqs", PREREQS];
        for t in targets.iter() {
            args.extend_from_slice(&["--to", t]);
        }
        let items = order_items(&args);
        let resolved: Vec<usize> = targets.iter().map(|t| outline.resolve(t)).collect();
        let needed = expected_needs(&outline, &edges, &resolved);
        let expected: Vec<usize> = full
            .iter()
            .copied()
            .filter(|i| needed.contains(i))
            .collect();
        assert_eq!(outline.positions(&items), expected, "--to {targets:?}");
        assert!(
            expected.len() < outline.len(),
            "--to {targets:?} leaves something out"
        );
    }
}

#[test]
fn to_a_path_suffix_picks_one_of_two_topics_sharing_a_label() {
    let items = order_items(&[OUTLINE, "--prereqs", PREREQS, "--to", "APIs > SOAP"]);
    let last = items.last().expect("not empty");
    assert_eq!(strings(&last["path"]), ["Backend Roadmap", "APIs", "SOAP"]);
    assert!(
        !labels(&items).contains(&"Architectural Patterns".to_string()),
        "the other SOAP's section is not needed"
    );

    // The other SOAP needs the first one (`APIs > SOAP -> Architectural Patterns > SOAP`).
    let items = order_items(&[
        OUTLINE,
        "--prereqs",
        PREREQS,
        "--to",
        "architectural patterns>soap",
    ]);
    let soaps: Vec<Vec<String>> = items
        .iter()
        .filter(|i| i["label"] == "SOAP")
        .map(|i| strings(&i["path"]))
        .collect();
    assert_eq!(
        soaps,
        [
            vec!["Backend Roadmap", "APIs", "SOAP"],
            vec!["Backend Roadmap", "Architectural Patterns", "SOAP"]
        ]
    );
}

#[test]
fn to_an_unknown_topic_fails_with_a_suggestion_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("order.txt");
    let out = roadmapper()
        .args([
            "order",
            OUTLINE,
            "--prereqs",
            PREREQS,
            "--to",
            "RESTT",
            "-o",
        ])
        .arg(&out_file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    // A command-line value has no line number: the message names the flag.
    assert!(
        err.starts_with("error: unknown topic `RESTT` (in --to)\n"),
        "{err}"
    );
    value_diagnostic(&err, "error: unknown topic `RESTT` (in --to)").help("did you mean `REST`");
    assert_eq!(count_errors(&err), 1, "{err}");
    assert!(!out_file.exists(), "no output on failure");
    assert!(temp_files(dir.path()).is_empty());

    // Every bad target is reported, not only the first, in the given order.
    let out = run(&["order", OUTLINE, "--to", "RESTT", "--to", "Kafkaa"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert_eq!(count_errors(&err), 2, "{err}");
    let first = value_diagnostic(&err, "error: unknown topic `RESTT` (in --to)");
    let second = value_diagnostic(&err, "error: unknown topic `Kafkaa` (in --to)");
    second.help("did you mean `Kafka`");
    assert!(first.index < second.index, "{err}");
}

/// Suggestions are alike by a word or by spelling: never a label that
/// shares neither (`Kubernetes` is not `Internet`), and the closest first.
#[test]
fn suggestions_never_offer_an_unrelated_label() {
    let out = run(&["order", OUTLINE, "--prereqs", PREREQS, "--to", "Kubernetes"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    value_diagnostic(&err, "error: unknown topic `Kubernetes` (in --to)")
        .help("check the spelling against the outline (labels ignore case)");
    assert!(!err.contains("did you mean"), "{err}");
    let out = run(&["order", OUTLINE, "--prereqs", PREREQS, "--to", "Rest API"]);
    value_diagnostic(&stderr(&out), "error: unknown topic `Rest API` (in --to)")
        .help("did you mean `REST`?");
}

#[test]
fn to_an_ambiguous_label_lists_every_full_path() {
    let out = run(&["order", OUTLINE, "--prereqs", PREREQS, "--to", "SOAP"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    let d = value_diagnostic(&err, "error: `SOAP` is ambiguous");
    for path in [
        "`Backend Roadmap > APIs > SOAP`",
        "`Backend Roadmap > Architectural Patterns > SOAP`",
    ] {
        assert!(d.title.contains(path), "{err}");
    }
    assert!(d.title.ends_with(" (in --to)"), "{err}");
    d.help("pick one with a path: `APIs > SOAP` or `Architectural Patterns > SOAP`");
    assert_eq!(count_errors(&err), 1, "{err}");
}

// ---------------------------------------------------------------------------
// 4. --stages
// ---------------------------------------------------------------------------

#[test]
fn stages_in_json_respect_parents_and_prerequisites() {
    let outline = Outline::read(OUTLINE);
    let edges = backend_edges(&outline);
    let items = order_items(&[OUTLINE, "--prereqs", PREREQS, "--stages"]);
    let pos = outline.positions(&items);
    let mut stage = vec![usize::MAX; outline.len()];
    for (item, &p) in items.iter().zip(&pos) {
        stage[p] = item["stage"]
            .as_u64()
            .unwrap_or_else(|| panic!("{} has a stage", item["label"])) as usize;
    }
    for (i, t) in outline.topics.iter().enumerate() {
        if let Some(p) = t.parent {
            assert!(
                stage[i] >= stage[p],
                "{} before its parent's stage",
                t.label
            );
        }
    }
    for &(a, b) in &edges {
        for x in outline.subtree(a) {
            assert!(
                stage[b] > stage[x],
                "`{}` must be in a later stage than `{}`",
                outline.topics[b].label,
                outline.topics[x].label
            );
        }
    }
    // And as small as those rules allow.
    assert_eq!(stage, expected_stages(&outline, &edges));
    // --stages adds a field; the order itself is unchanged.
    assert_eq!(pos, expected_order(&outline, &edges));
}

#[test]
fn stages_in_text_and_markdown_have_stage_headers() {
    let items = order_items(&[OUTLINE, "--prereqs", PREREQS, "--stages"]);
    let mut per_stage: HashMap<u64, usize> = HashMap::new();
    for i in &items {
        *per_stage.entry(i["stage"].as_u64().unwrap()).or_default() += 1;
    }
    let max = *per_stage.keys().max().unwrap();
    assert!(max >= 2, "the shipped roadmap has several stages");

    let out = run(&["order", OUTLINE, "--prereqs", PREREQS, "--stages"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.starts_with("Stage 0"), "{text}");
    let headers: Vec<&str> = text.lines().filter(|l| l.starts_with("Stage ")).collect();
    assert_eq!(headers.len() as u64, max + 1, "{headers:?}");
    for (s, h) in headers.iter().enumerate() {
        let n = per_stage[&(s as u64)];
        let topics = if n == 1 { "topic" } else { "topics" };
        assert!(
            h.starts_with(&format!("Stage {s}: {n} {topics}")),
            "header {h:?}, expected {n} topics"
        );
    }
    let numbered = text
        .lines()
        .filter(|l| !l.starts_with("Stage ") && !l.is_empty())
        .count();
    assert_eq!(numbered, items.len());

    let out = run(&[
        "order",
        OUTLINE,
        "--prereqs",
        PREREQS,
        "--stages",
        "--format",
        "markdown",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let md = stdout(&out);
    assert!(md.starts_with("## Stage 0\n"), "{md}");
    assert!(md.contains("- [ ] "), "{md}");
    assert_eq!(md.matches("- [ ] ").count(), items.len());
    assert_eq!(md.matches("## Stage ").count() as u64, max + 1);
}

// ---------------------------------------------------------------------------
// 5. Input errors: exit 1, located messages, no output file
// ---------------------------------------------------------------------------

const SMALL: &str = "\
Backend
    APIs
        REST
        SOAP
    Patterns
        SOAP
        Microservices
    Databases
        ACID
        Transactions
";

/// A scratch folder with the small outline as `o.txt`.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "o.txt", SMALL);
    dir
}

/// Runs `check`, `order` and `render` on inputs with errors. Each must exit
/// 1, print nothing on stdout, print the same reports (among them each
/// diagnostic of `expected`, as (title, location) for [`diagnostic`], in
/// that order), create no output file and leave an existing one
/// byte-identical, with no temporary file left behind. Returns stderr and
/// the expected diagnostics.
fn assert_input_errors(
    dir: &Path,
    inputs: &[&str],
    expected: &[(&str, &str)],
) -> (String, Vec<Shown>) {
    let with = |sub: &str, extra: &[&str]| -> Output {
        let mut args = vec![sub];
        args.extend_from_slice(inputs);
        args.extend_from_slice(extra);
        run_in(dir, &args)
    };
    let check = with("check", &[]);
    assert_eq!(check.status.code(), Some(1), "check {inputs:?}");
    assert!(check.stdout.is_empty(), "check prints no summary on errors");
    let err = stderr(&check);
    let found: Vec<Shown> = expected
        .iter()
        .map(|(title, at)| diagnostic(&err, title, at))
        .collect();
    assert!(
        found.is_sorted_by(|a, b| a.index < b.index),
        "expected {expected:?} in this order in:\n{err}"
    );
    // Every other report too is a well-formed diagnostic about a file.
    for (k, r) in reports(&err).into_iter().enumerate() {
        if !is_summary(r) {
            parse_report(k, r).check_snippet();
        }
    }
    assert!(err.starts_with("error: "), "{err}");

    let order = with("order", &[]);
    assert_eq!(order.status.code(), Some(1), "order {inputs:?}");
    assert!(order.stdout.is_empty());
    assert_eq!(stderr(&order), err, "order reports what check reports");

    let fresh = dir.join("fresh-order.txt");
    let order = with("order", &["-o", "fresh-order.txt"]);
    assert_eq!(order.status.code(), Some(1));
    assert_eq!(stderr(&order), err);
    assert!(!fresh.exists(), "a failed order created its output");

    let fresh = dir.join("fresh-render.json");
    let render = with("render", &["-o", "fresh-render.json"]);
    assert_eq!(render.status.code(), Some(1));
    assert_eq!(stderr(&render), err);
    assert!(!fresh.exists(), "a failed render created its output");

    for (sub, name) in [("order", "kept.md"), ("render", "kept.dot")] {
        let kept = write(dir, name, SENTINEL);
        let out = with(sub, &["-o", name]);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(fs::read(&kept).unwrap(), SENTINEL, "{sub} clobbered {name}");
    }
    assert!(temp_files(dir).is_empty(), "{:?}", temp_files(dir));
    (err, found)
}

#[test]
fn a_cycle_names_each_edge_with_file_and_line() {
    let dir = scratch();
    write(
        dir.path(),
        "cyc.prereqs",
        "# ACID first\nACID -> Transactions\n\nTransactions -> ACID\n",
    );
    let (err, found) = assert_input_errors(
        dir.path(),
        &["o.txt", "-p", "cyc.prereqs"],
        &[(
            "error: cycle: ACID -> Transactions (cyc.prereqs:2) -> ACID (cyc.prereqs:4)",
            "cyc.prereqs:4:1",
        )],
    );
    found[0]
        .quotes("Transactions -> ACID")
        .help("drop one of these edges");
    assert_eq!(count_errors(&err), 1, "{err}");
}

#[test]
fn a_cycle_across_files_and_through_a_group() {
    let dir = scratch();
    // REST -> Databases, which contains ACID -> APIs, which contains REST.
    write(dir.path(), "a.prereqs", "REST -> Databases\n");
    write(dir.path(), "b.prereqs", "\nACID -> APIs\n");
    let (err, found) = assert_input_errors(
        dir.path(),
        &["o.txt", "-p", "a.prereqs", "-p", "b.prereqs"],
        &[(
            "error: cycle: REST -> Databases (a.prereqs:1), Databases contains ACID, ACID -> APIs (b.prereqs:2), APIs contains REST",
            "b.prereqs:2:1",
        )],
    );
    found[0]
        .quotes("ACID -> APIs")
        .help("drop one of these edges, for example `ACID -> APIs` (b.prereqs:2)");
    assert_eq!(count_errors(&err), 1, "{err}");
}

#[test]
fn an_unknown_reference_suggests_the_closest_label() {
    let dir = scratch();
    write(
        dir.path(),
        "p.prereqs",
        "REST -> ACID\nMicroservice -> Transactions\n",
    );
    let (err, found) = assert_input_errors(
        dir.path(),
        &["o.txt", "-p", "p.prereqs"],
        &[("error: unknown topic `Microservice`", "p.prereqs:2:1")],
    );
    found[0]
        .quotes("Microservice -> Transactions")
        .underlines("Microservice")
        .help("did you mean `Microservices`?");
    assert_eq!(count_errors(&err), 1, "{err}");
}

#[test]
fn an_ambiguous_reference_lists_each_candidates_full_path() {
    let dir = scratch();
    write(dir.path(), "p.prereqs", "\n\nSOAP -> ACID\n");
    let (_, found) = assert_input_errors(
        dir.path(),
        &["o.txt", "-p", "p.prereqs"],
        &[(
            "error: `SOAP` is ambiguous: it could be `Backend > APIs > SOAP` or `Backend > Patterns > SOAP`",
            "p.prereqs:3:1",
        )],
    );
    found[0]
        .quotes("SOAP -> ACID")
        .underlines("SOAP")
        .help("pick one with a path: `APIs > SOAP` or `Patterns > SOAP`");
    // The path suffix settles it.
    write(dir.path(), "ok.prereqs", "Patterns > SOAP -> ACID\n");
    let out = run_in(dir.path(), &["order", "o.txt", "-p", "ok.prereqs"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn a_bad_dedent_is_located() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "dd.txt", "A\n    B\n        C\n  D\n");
    let (err, found) = assert_input_errors(
        dir.path(),
        &["dd.txt"],
        &[(
            "error: indentation does not match any outer level",
            "dd.txt:4:1",
        )],
    );
    found[0]
        .quotes("  D")
        .underlines("  ")
        .help("this line is indented by 2; the enclosing levels are at 0, 4 or 8");
    assert_eq!(count_errors(&err), 1, "{err}");
}

#[test]
fn mixed_tabs_and_spaces_name_the_first_line_that_mixes() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "mix.txt", "A\n\tB\n\tC\nD\n    E\n    F\n\tG\n");
    let (err, found) = assert_input_errors(
        dir.path(),
        &["mix.txt"],
        &[("error: indentation mixes tabs and spaces", "mix.txt:5:1")],
    );
    found[0]
        .quotes("    E")
        .underlines("    ")
        .help("line 2 set the indentation to tabs");
    assert_eq!(count_errors(&err), 1, "reported once: {err}");
    assert!(!err.contains("mix.txt:6"), "{err}");

    // Tabs and spaces within one line's indentation.
    write(dir.path(), "mix2.txt", "A\n  B\n  C\n \tD\n");
    let (err, found) = assert_input_errors(
        dir.path(),
        &["mix2.txt"],
        &[("error: indentation mixes tabs and spaces", "mix2.txt:4:1")],
    );
    found[0]
        .quotes(" \tD")
        .underlines(" \t")
        .help("line 2 set the indentation to spaces");
    assert_eq!(count_errors(&err), 1, "{err}");
}

#[test]
fn invalid_utf8_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "u8.txt", b"A\n  B\n  C \xff\xfe\n  D\n");
    let (err, found) = assert_input_errors(
        dir.path(),
        &["u8.txt"],
        &[("error: line is not valid UTF-8", "u8.txt:3:5")],
    );
    // The bad bytes are shown as U+FFFD, and underlined.
    found[0]
        .quotes("  C \u{fffd}\u{fffd}")
        .underlines("\u{fffd}\u{fffd}")
        .help("save the file as UTF-8");
    assert_eq!(count_errors(&err), 1, "{err}");

    // In a prerequisite file too.
    write(dir.path(), "o.txt", SMALL);
    write(
        dir.path(),
        "p.prereqs",
        b"REST -> ACID\nACID -> Trans\xc3actions\n",
    );
    let (err, found) = assert_input_errors(
        dir.path(),
        &["o.txt", "-p", "p.prereqs"],
        &[("error: line is not valid UTF-8", "p.prereqs:2:")],
    );
    found[0]
        .quotes("ACID -> Trans\u{fffd}actions")
        .help("save the file as UTF-8");
    assert_eq!(count_errors(&err), 1, "{err}");
}

#[test]
fn an_edge_between_a_group_and_its_descendant_is_refused() {
    let dir = scratch();
    write(dir.path(), "down.prereqs", "APIs -> REST\n");
    let (err, found) = assert_input_errors(
        dir.path(),
        &["o.txt", "-p", "down.prereqs"],
        &[(
            "error: prerequisite between the group `APIs` and `REST`, which is inside it",
            "down.prereqs:1:1",
        )],
    );
    found[0]
        .quotes("APIs -> REST")
        .help("the outline already puts a group before what it contains");
    assert_eq!(count_errors(&err), 1, "{err}");

    write(dir.path(), "up.prereqs", "# up\nACID -> Backend\n");
    let (_, found) = assert_input_errors(
        dir.path(),
        &["o.txt", "-p", "up.prereqs"],
        &[(
            "error: prerequisite between the group `Backend` and `ACID`",
            "up.prereqs:2:1",
        )],
    );
    found[0].quotes("ACID -> Backend");
}

#[test]
fn a_self_edge_is_refused() {
    let dir = scratch();
    write(dir.path(), "p.prereqs", "REST -> ACID\n  rest  ->  REST\n");
    let (err, found) = assert_input_errors(
        dir.path(),
        &["o.txt", "-p", "p.prereqs"],
        &[(
            "error: `REST` is listed as its own prerequisite",
            "p.prereqs:2:3",
        )],
    );
    found[0]
        .quotes("  rest  ->  REST")
        .underlines("rest  ->  REST")
        .help("delete this prerequisite");
    assert_eq!(count_errors(&err), 1, "{err}");
}

#[test]
fn a_prerequisite_syntax_error_is_located() {
    let dir = scratch();
    write(
        dir.path(),
        "p.prereqs",
        "REST -> ACID\nREST ACID\nREST -> \n",
    );
    let (err, found) = assert_input_errors(
        dir.path(),
        &["o.txt", "-p", "p.prereqs"],
        &[
            ("error: malformed prerequisite", "p.prereqs:2:1"),
            ("error: malformed prerequisite", "p.prereqs:3:9"),
        ],
    );
    found[0]
        .quotes("REST ACID")
        .underlines("REST ACID")
        .help("write `Topic A -> Topic B`");
    // The missing topic: a caret just past the end of the line.
    found[1]
        .quotes("REST -> ")
        .caret(8, 1)
        .help("write `Topic A -> Topic B`");
    assert_eq!(count_errors(&err), 2, "{err}");
}

#[test]
fn every_reference_error_of_a_run_is_reported() {
    let dir = scratch();
    write(
        dir.path(),
        "many.prereqs",
        "Restt -> Microservices\n\
         SOAP -> ACID\n\
         REST -> rest\n\
         APIs -> REST\n\
         ACID -> Transactions\n\
         Transactions -> ACID\n",
    );
    let (err, found) = assert_input_errors(
        dir.path(),
        &["o.txt", "-p", "many.prereqs"],
        &[
            ("error: unknown topic `Restt`", "many.prereqs:1:1"),
            ("error: `SOAP` is ambiguous", "many.prereqs:2:1"),
            (
                "error: `REST` is listed as its own prerequisite",
                "many.prereqs:3:1",
            ),
            (
                "error: prerequisite between the group `APIs` and `REST`",
                "many.prereqs:4:1",
            ),
            (
                "error: cycle: ACID -> Transactions (many.prereqs:5) -> ACID (many.prereqs:6)",
                "many.prereqs:6:1",
            ),
        ],
    );
    found[0]
        .quotes("Restt -> Microservices")
        .underlines("Restt");
    found[1].quotes("SOAP -> ACID").underlines("SOAP");
    found[2].quotes("REST -> rest");
    found[3].quotes("APIs -> REST");
    found[4].quotes("Transactions -> ACID");
    assert_eq!(count_errors(&err), 5, "{err}");
}

#[test]
fn every_outline_error_of_a_run_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    // 2: invalid UTF-8, 4: bad dedent, 5: no label, 7: tabs after spaces.
    write(
        dir.path(),
        "many.txt",
        b"Root\n  A\xff\n  B\n C\n  -\n  D\n\tE\n".as_slice(),
    );
    let (err, found) = assert_input_errors(
        dir.path(),
        &["many.txt"],
        &[
            ("error: line is not valid UTF-8", "many.txt:2:4"),
            (
                "error: indentation does not match any outer level",
                "many.txt:4:1",
            ),
            ("error: line has no label", "many.txt:5:3"),
            ("error: indentation mixes tabs and spaces", "many.txt:7:1"),
        ],
    );
    found[0].quotes("  A\u{fffd}").underlines("\u{fffd}");
    found[1].quotes(" C").underlines(" ");
    found[2].quotes("  -").underlines("-");
    found[3]
        .quotes("\tE")
        .underlines("\t")
        .help("line 3 set the indentation to spaces");
    assert_eq!(count_errors(&err), 4, "{err}");
}

#[test]
fn outline_and_prerequisite_syntax_errors_of_several_files_are_all_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad.txt", "A\n    B\n  C\n");
    write(dir.path(), "one.prereqs", "A B\n");
    write(dir.path(), "two.prereqs", "\nA -> -> B\n");
    let (err, found) = assert_input_errors(
        dir.path(),
        &["bad.txt", "-p", "one.prereqs", "--prereqs", "two.prereqs"],
        &[
            ("error: indentation does not match", "bad.txt:3:1"),
            ("error: malformed prerequisite", "one.prereqs:1:1"),
            // The arrow with no topic before it.
            ("error: malformed prerequisite", "two.prereqs:2:6"),
        ],
    );
    found[0].quotes("  C").underlines("  ");
    found[1].quotes("A B");
    found[2].quotes("A -> -> B");
    assert_eq!(count_errors(&err), 3, "{err}");
}

/// README: "Every error in the inputs is reported, not only the first";
/// lib.rs: "Prerequisites are resolved only when the outline itself parsed".
#[test]
fn reference_errors_are_reported_alongside_prerequisite_syntax_errors() {
    let dir = scratch();
    write(dir.path(), "syntax.prereqs", "REST ACID\n");
    write(dir.path(), "refs.prereqs", "Restt -> ACID\n");
    let out = run_in(
        dir.path(),
        &[
            "check",
            "o.txt",
            "-p",
            "syntax.prereqs",
            "-p",
            "refs.prereqs",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    diagnostic(&err, "error: malformed prerequisite", "syntax.prereqs:1:1").quotes("REST ACID");
    diagnostic(&err, "error: unknown topic `Restt`", "refs.prereqs:1:1")
        .quotes("Restt -> ACID")
        .underlines("Restt");
    assert_eq!(count_errors(&err), 2, "{err}");
}

// ---------------------------------------------------------------------------
// 6. render and the output file
// ---------------------------------------------------------------------------

#[test]
fn render_prints_dot_by_default() {
    let out = run(&["render", OUTLINE, "--prereqs", PREREQS]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let dot = stdout(&out);
    assert!(dot.starts_with("digraph"), "{dot}");
    assert!(dot.trim_end().ends_with('}'));
    assert_eq!(
        dot.matches("style=dashed").count(),
        45,
        "one dashed edge per prerequisite"
    );
    assert!(stderr(&out).is_empty());

    let explicit = run(&["render", OUTLINE, "--prereqs", PREREQS, "--format", "dot"]);
    assert_eq!(explicit.stdout, out.stdout);
}

/// Checks a node-link document against the shipped files, counting nodes
/// and edges from the files themselves.
fn assert_backend_document(doc: &Value) {
    let outline = Outline::read(OUTLINE);
    let prereqs = parse_prereqs(&read_root(PREREQS));
    let roots = outline.topics.iter().filter(|t| t.parent.is_none()).count();
    assert_eq!((outline.len(), roots, prereqs.len()), (115, 1, 45));

    assert_eq!(doc["directed"], true);
    let nodes = doc["nodes"].as_array().expect("nodes");
    let edges = doc["edges"].as_array().expect("edges");
    assert_eq!(nodes.len(), outline.len());
    let kind = |k: &str| edges.iter().filter(|e| e["kind"] == k).count();
    assert_eq!(kind("contains"), outline.len() - roots);
    assert_eq!(kind("prerequisite"), prereqs.len());
    assert_eq!(edges.len(), 114 + 45);
    assert_eq!(doc["graph"]["topics"], 115);
    assert_eq!(doc["graph"]["prerequisites"], 45);
    assert_eq!(doc["graph"]["title"], "Backend Roadmap");

    // Nodes in outline order, with their lines; prerequisite edges in file order.
    for (node, t) in nodes.iter().zip(&outline.topics) {
        assert_eq!(node["label"], t.label.as_str());
        assert_eq!(node["line"], t.line);
        assert_eq!(strings(&node["tags"]), t.tags);
    }
    let lines: Vec<(u64, &str)> = edges
        .iter()
        .filter(|e| e["kind"] == "prerequisite")
        .map(|e| (e["line"].as_u64().unwrap(), e["file"].as_str().unwrap()))
        .collect();
    let expected: Vec<(u64, &str)> = prereqs.iter().map(|p| (p.2 as u64, PREREQS)).collect();
    assert_eq!(lines, expected);
}

#[test]
fn render_to_a_json_file_infers_the_format() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.json");
    let out = roadmapper()
        .args(["render", OUTLINE, "--prereqs", PREREQS, "-o"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "nothing on stdout with -o");
    let doc: Value = serde_json::from_slice(&fs::read(&path).unwrap()).expect("valid JSON");
    assert_backend_document(&doc);

    // Same document as --format json to stdout.
    let stdout_doc = run_json(&["render", OUTLINE, "--prereqs", PREREQS, "--format", "json"]);
    assert_eq!(doc, stdout_doc);
}

#[test]
fn render_infers_dot_from_gv_and_dot_extensions() {
    let dir = tempfile::tempdir().unwrap();
    let dot = run(&["render", OUTLINE]).stdout;
    for name in ["x.gv", "x.dot", "UPPER.DOT"] {
        let out = roadmapper()
            .args(["render", OUTLINE, "-o"])
            .arg(dir.path().join(name))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        let written = fs::read(dir.path().join(name)).unwrap();
        assert!(written.starts_with(b"digraph"), "{name}");
        assert_eq!(written, dot, "{name} holds what stdout shows");
    }
}

#[test]
fn render_with_an_unknown_extension_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["x.pdf", "noext", "x.json.bak"] {
        let out = run_in(
            dir.path(),
            &[
                "render",
                crate_root().join(OUTLINE).to_str().unwrap(),
                "-o",
                name,
            ],
        );
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = stderr(&out);
        assert!(err.contains(name), "{err}");
        assert!(err.contains("--format"), "suggests --format: {err}");
        assert!(!dir.path().join(name).exists());
    }
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn render_format_flag_names_the_format_of_an_unknown_extension() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("x.txt");
    let out = roadmapper()
        .args([
            "render",
            OUTLINE,
            "--prereqs",
            PREREQS,
            "--format",
            "json",
            "-o",
        ])
        .arg(&txt)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&fs::read(&txt).unwrap()).expect("JSON in x.txt");
    assert_backend_document(&doc);

    // An extension naming another format contradicts --format: refused
    // (tests/suite/flags_matrix.rs tries every pair).
    let json_named = dir.path().join("y.json");
    let out = roadmapper()
        .args(["render", OUTLINE, "--format", "dot", "-o"])
        .arg(&json_named)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`--format dot` contradicts `-o "),
        "{}",
        stderr(&out)
    );
    assert!(!json_named.exists());
}

#[cfg(unix)]
#[test]
fn output_files_are_not_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;

    for (sub, name) in [("render", "new.json"), ("order", "new.txt")] {
        let path = dir.path().join(name);
        let out = roadmapper()
            .args([sub, OUTLINE, "-o"])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert_ne!(mode(&path), 0o600, "{sub}: the temp file's 0600 leaked");
        assert_eq!(mode(&path), 0o644, "{sub}: a new file is 0644");
    }

    // An existing file keeps its mode.
    let path = write(dir.path(), "kept.dot", SENTINEL);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    let out = roadmapper()
        .args(["render", OUTLINE, "-o"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(mode(&path), 0o640);
}

#[test]
fn overwriting_an_existing_output_replaces_it_and_leaves_no_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    for (sub, name) in [("render", "g.json"), ("order", "o.md")] {
        let path = write(dir.path(), name, SENTINEL);
        let format = if sub == "order" { "markdown" } else { "json" };
        let args = [sub, OUTLINE, "--prereqs", PREREQS, "--format", format];
        let expected = stdout(&run(&args));
        let out = roadmapper()
            .args(args)
            .arg("-o")
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let written = fs::read_to_string(&path).unwrap();
        assert!(written == expected, "{sub} -o {name} differs from stdout");
    }
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["g.json", "o.md"], "nothing else in the folder");
}

#[test]
fn output_to_a_directory_fails_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("d");
    fs::create_dir(&sub).unwrap();
    let json_dir = dir.path().join("d.json");
    fs::create_dir(&json_dir).unwrap();
    let cases: [(&[&str], &Path); 3] = [
        (&["render", OUTLINE, "--format", "json", "-o"], &sub),
        (&["render", OUTLINE, "-o"], &json_dir),
        (&["order", OUTLINE, "-o"], &sub),
    ];
    for (args, target) in cases {
        let out = roadmapper().args(args).arg(target).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("is a folder"), "{err}");
        assert!(err.contains(&target.display().to_string()), "{err}");
        assert!(target.is_dir());
        assert_eq!(fs::read_dir(target).unwrap().count(), 0);
    }
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn output_into_a_missing_folder_fails_with_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no/such/folder/x.json");
    let out = roadmapper()
        .args(["render", OUTLINE, "-o"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("x.json"), "{}", stderr(&out));
    assert!(!dir.path().join("no").exists());
}

#[test]
fn output_equal_to_an_input_is_refused_and_the_input_kept() {
    let dir = tempfile::tempdir().unwrap();
    let outline = write(dir.path(), "in.txt", read_root(OUTLINE));
    let prereqs = write(dir.path(), "in.prereqs", read_root(PREREQS));
    let cases: &[&[&str]] = &[
        &[
            "render",
            "in.txt",
            "-p",
            "in.prereqs",
            "--format",
            "dot",
            "-o",
            "in.txt",
        ],
        &[
            "render",
            "in.txt",
            "-p",
            "in.prereqs",
            "--format",
            "json",
            "-o",
            "./in.txt",
        ],
        &[
            "render",
            "in.txt",
            "-p",
            "in.prereqs",
            "--format",
            "dot",
            "-o",
            "in.prereqs",
        ],
        &["order", "in.txt", "-p", "in.prereqs", "-o", "in.txt"],
        &["order", "in.txt", "-p", "in.prereqs", "-o", "../in.txt"],
        &["order", "in.txt", "-p", "in.prereqs", "-o", "in.prereqs"],
    ];
    fs::create_dir(dir.path().join("sub")).unwrap();
    for args in cases {
        let cwd = if args.contains(&"../in.txt") {
            dir.path().join("sub")
        } else {
            dir.path().to_path_buf()
        };
        let args: Vec<&str> = args
            .iter()
            .map(|a| match *a {
                "in.txt" if cwd != dir.path() => "../in.txt",
                "in.prereqs" if cwd != dir.path() => "../in.prereqs",
                a => a,
            })
            .collect();
        let out = run_in(&cwd, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        let err = stderr(&out);
        assert!(err.contains("is also an input"), "{err}");
        assert_eq!(fs::read_to_string(&outline).unwrap(), read_root(OUTLINE));
        assert_eq!(fs::read_to_string(&prereqs).unwrap(), read_root(PREREQS));
    }
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn dash_as_output_means_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let outline = crate_root().join(OUTLINE);
    let outline = outline.to_str().unwrap();
    let out = run_in(dir.path(), &["order", outline, "-o", "-"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, run(&["order", OUTLINE]).stdout);
    let out = run_in(
        dir.path(),
        &["render", outline, "--format", "json", "-o", "-"],
    );
    assert_eq!(out.status.code(), Some(0));
    serde_json::from_slice::<Value>(&out.stdout).expect("JSON on stdout");
    assert!(!dir.path().join("-").exists(), "no file named `-`");
}

#[test]

fn render_to_dash_without_format_prints_dot() {
    let out = run(&["render", OUTLINE, "-o", "-"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(out.stdout, run(&["render", OUTLINE]).stdout);
}

// ---------------------------------------------------------------------------
// 7. Standard input
// ---------------------------------------------------------------------------

#[test]
fn outline_from_stdin() {
    let from_file = run(&["order", OUTLINE, "--prereqs", PREREQS, "--format", "json"]);
    roadmapper()
        .args(["order", "-", "--prereqs", PREREQS, "--format", "json"])
        .write_stdin(read_root(OUTLINE))
        .assert()
        .code(0)
        .stdout(stdout(&from_file));

    let doc: Value = serde_json::from_slice(
        &roadmapper()
            .args(["render", "-", "--format", "json"])
            .write_stdin(read_root(OUTLINE))
            .output()
            .unwrap()
            .stdout,
    )
    .expect("JSON");
    assert_eq!(doc["graph"]["source"], "<stdin>");

    let out = roadmapper()
        .args(["check", "-"])
        .write_stdin(read_root(OUTLINE))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).starts_with("<stdin>: ok"), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(
        !diagnostics(&err, "warning: ", "<stdin>:").is_empty(),
        "{err}"
    );
    assert_eq!(count_errors(&err), 0, "{err}");
}

#[test]
fn stdin_errors_name_stdin() {
    let out = roadmapper()
        .args(["order", "-"])
        .write_stdin("A\n    B\n  C\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    // Standard input is quoted like a file.
    diagnostic(
        &err,
        "error: indentation does not match any outer level",
        "<stdin>:3:1",
    )
    .quotes("  C")
    .underlines("  ");

    let dir = scratch();
    write(dir.path(), "p.prereqs", "REST -> ACID\n");
    let out = roadmapper_in(dir.path())
        .args(["order", "o.txt", "-p", "-"])
        .write_stdin("\nRESTT -> ACID\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    diagnostic(&err, "error: unknown topic `RESTT`", "<stdin>:2:1")
        .quotes("RESTT -> ACID")
        .underlines("RESTT");
}

// ---------------------------------------------------------------------------
// 8. check
// ---------------------------------------------------------------------------

#[test]
fn check_summarises_and_warns_about_shared_labels() {
    let outline = Outline::read(OUTLINE);
    let sections = outline.topics.iter().filter(|t| t.depth == 1).count();
    let soap = outline.topics.iter().find(|t| t.label == "SOAP").unwrap();
    let (soap_line, soap_column) = (soap.line, soap.depth * 4 + 1);
    let soap_text = read_root(OUTLINE)
        .lines()
        .nth(soap_line - 1)
        .unwrap()
        .to_string();
    let out = run(&["check", OUTLINE, "--prereqs", PREREQS]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.starts_with(&format!("{OUTLINE}: ok\n")), "{text}");
    let field = |name: &str| -> String {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(&format!("{name}:")))
            .unwrap_or_else(|| panic!("no {name} in {text}"))
            .trim()
            .to_string()
    };
    assert_eq!(field("title"), "Backend Roadmap");
    assert_eq!(field("topics"), outline.len().to_string());
    assert_eq!(field("sections"), sections.to_string());
    assert_eq!(field("depth"), "4 levels");
    assert_eq!(field("prerequisites"), "45 edges from 1 file");

    let err = stderr(&out);
    diagnostic(
        &err,
        "warning: 2 topics share the label `SOAP`",
        &format!("{OUTLINE}:{soap_line}:{soap_column}"),
    )
    .quotes(&soap_text)
    .underlines("SOAP")
    .help(
        "refer to them in prerequisites by path: `APIs > SOAP` or `Architectural Patterns > SOAP`",
    );
    assert!(!err.contains("error"), "{err}");
}

#[test]
fn check_without_prerequisites_and_with_errors() {
    let out = run(&["check", SEED]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("topics:         107"), "{text}");
    assert!(text.contains("0 edges from 0 files"), "{text}");
    // The seed's last line is longer than a poster likes.
    let seed = read_root(SEED);
    let (k, last) = seed
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .last()
        .unwrap();
    let chars = split_label(last).0.chars().count();
    assert!(chars > 60, "{last:?}");
    let indent = last.len() - last.trim_start().len();
    diagnostic(
        &stderr(&out),
        &format!("warning: label is {chars} characters long"),
        &format!("{SEED}:{}:{}", k + 1, indent + 1),
    )
    .help("shorten the label");

    let dir = scratch();
    write(dir.path(), "p.prereqs", "Nope -> REST\n");
    let out = run_in(dir.path(), &["check", "o.txt", "-p", "p.prereqs"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    diagnostic(&err, "error: unknown topic `Nope`", "p.prereqs:1:1")
        .quotes("Nope -> REST")
        .underlines("Nope");
    assert_eq!(count_errors(&err), 1, "{err}");
}

#[test]
fn a_prerequisite_given_twice_is_a_warning() {
    let dir = scratch();
    write(dir.path(), "a.prereqs", "REST -> ACID\n");
    write(dir.path(), "b.prereqs", "# again\nrest -> acid\n");
    for sub in ["check", "order"] {
        let out = run_in(
            dir.path(),
            &[sub, "o.txt", "-p", "a.prereqs", "-p", "b.prereqs"],
        );
        assert_eq!(out.status.code(), Some(0), "{sub}");
        let err = stderr(&out);
        diagnostic(
            &err,
            "warning: prerequisite `REST -> ACID` is given twice (first at a.prereqs:1)",
            "b.prereqs:2:1",
        )
        .quotes("rest -> acid")
        .help("delete one of the two lines");
    }
}

#[test]
fn check_warns_about_an_empty_outline() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "empty.txt", "\n\n");
    let out = run_in(dir.path(), &["check", "empty.txt"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).contains("topics:         0"),
        "{}",
        stdout(&out)
    );
    // About the whole file: the location names the file, no line is quoted.
    let err = stderr(&out);
    assert!(
        err.starts_with("warning: the outline has no topics\n --> empty.txt\n"),
        "{err}"
    );
    assert!(!err.contains(" 1 |"), "no line quoted: {err}");
    assert!(err.contains("help: write one topic per line"), "{err}");
    for args in [
        &["order", "empty.txt"][..],
        &["render", "empty.txt", "--format", "json"],
    ] {
        let out = run_in(dir.path(), args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
    }
}

#[test]
fn a_plain_outline_saved_as_markdown_says_how_to_read_it() {
    let dir = tempfile::tempdir().unwrap();
    let plain = "Backend\n  HTTP\n  DNS\n";
    write(dir.path(), "plan.md", plain);
    for args in [
        &["check", "plan.md"][..],
        &["order", "plan.md"],
        &["render", "plan.md", "--format", "json"],
    ] {
        let out = run_in(dir.path(), args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.starts_with("warning: the outline was read as Markdown and has no topics"),
            "{args:?}: {err}"
        );
        assert!(err.contains(" --> plan.md\n"), "{err}");
        assert!(
            err.contains("its name ends in `.md`") && err.contains("rename it to end in `.txt`"),
            "{err}"
        );
        assert_eq!(err.matches("warning:").count(), 1, "said once: {err}");
    }
    // The hint works.
    write(dir.path(), "plan.txt", plain);
    let out = run_in(dir.path(), &["check", "plan.txt"]);
    assert!(
        stdout(&out).contains("topics:         3"),
        "{}",
        stdout(&out)
    );
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    // Markdown by its first line, from standard input: no name to change.
    let out = roadmapper_in(dir.path())
        .args(["check", "-"])
        .write_stdin("- [ ]\n")
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("write the topics as headings"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn long_labels_are_cut_in_reports_as_in_messages() {
    let dir = tempfile::tempdir().unwrap();
    let title = "T".repeat(5_000);
    let section = "S".repeat(5_000);
    write(
        dir.path(),
        "long.txt",
        format!("{title}\n  {section}\n    HTTP [2h]\n    DNS [1h]\n  Web\n    REST\n"),
    );
    for args in [
        &["check", "long.txt", "--to", "HTTP"][..],
        &["show", "long.txt", "HTTP"],
        &["next", "long.txt", "--progress", "p.md"],
        &["order", "long.txt", "--to", &section, "--to", "REST"],
    ] {
        write(dir.path(), "p.md", "- [x] HTTP\n");
        let out = run_in(dir.path(), args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        let text = stdout(&out);
        let listing = |l: &str| args[0] == "order" && l.contains(". ");
        for line in text.lines().filter(|l| !listing(l)) {
            assert!(line.chars().count() < 160, "{args:?}: {line:.200}");
        }
        assert!(text.contains('…'), "{args:?}: {text:.300}");
        assert!(text.contains(" (5000 characters)"), "{args:?}: {text:.300}");
    }
}

#[test]
fn indentation_style_and_line_endings_do_not_change_the_result() {
    let dir = tempfile::tempdir().unwrap();
    let reference = order_items(&[OUTLINE]);
    let text = read_root(OUTLINE);
    let variants: [(&str, String); 4] = [
        ("two.txt", text.replace("    ", "  ")),
        ("tabs.txt", text.replace("    ", "\t")),
        ("three.txt", text.replace("    ", "   ")),
        (
            "bom-crlf.txt",
            format!("\u{feff}{}", text.trim_end().replace('\n', "\r\n")),
        ),
    ];
    let paths = |items: &[Value]| -> Vec<Vec<String>> {
        items.iter().map(|i| strings(&i["path"])).collect()
    };
    for (name, content) in variants {
        write(dir.path(), name, &content);
        let out = run_in(dir.path(), &["order", name, "--format", "json"]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        let items: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(paths(&items), paths(&reference), "{name}");
    }
}

// ---------------------------------------------------------------------------
// 9. Usage
// ---------------------------------------------------------------------------

#[test]
fn usage_errors_exit_2() {
    let cases: &[&[&str]] = &[
        &[],
        &["frobnicate"],
        &["order", OUTLINE, "--frobnicate"],
        &["order"],
        &["render"],
        &["check"],
        &["order", OUTLINE, "--format", "yaml"],
        &["render", OUTLINE, "--format", "text"],
        &["completions", "cmd.exe"],
        &["order", OUTLINE, "--to"],
        &["order", "-", "--prereqs", "-"],
        &["check", "-", "-p", "-"],
    ];
    for args in cases {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = stderr(&out);
        if args.is_empty() {
            assert!(
                err.contains("Usage: roadmapper [OPTIONS] <COMMAND>"),
                "{err}"
            );
        } else {
            assert!(err.starts_with("error: "), "{args:?}: {err}");
        }
    }
}

#[test]
fn help_mentions_examples() {
    // Each its own (tests/suite/help.rs checks them further).
    for (args, example) in [
        (&["--help"][..], "roadmapper check roadmap/backend.txt"),
        (&["order", "--help"], "roadmapper order roadmap/backend.txt"),
        (
            &["render", "--help"],
            "roadmapper render roadmap/backend.txt",
        ),
        (&["check", "--help"], "roadmapper check roadmap/backend.txt"),
    ] {
        roadmapper()
            .args(args)
            .assert()
            .code(0)
            .stdout(predicate::str::contains("Examples:").and(predicate::str::contains(example)));
    }
}

#[test]
fn version_and_completions() {
    roadmapper()
        .arg("--version")
        .assert()
        .code(0)
        .stdout(format!("roadmapper {}\n", env!("CARGO_PKG_VERSION")));
    for shell in ["bash", "zsh", "fish"] {
        roadmapper()
            .args(["completions", shell])
            .assert()
            .code(0)
            .stdout(predicate::str::contains("roadmapper").and(predicate::str::contains("order")));
    }
}

// ---------------------------------------------------------------------------
// 10. A closed stdout
// ---------------------------------------------------------------------------

#[test]
fn a_closed_stdout_exits_0_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("Root\n");
    for s in 0..2000 {
        text.push_str(&format!("  Section {s}\n"));
        for t in 0..99 {
            text.push_str(&format!("    Topic {s}.{t}\n"));
        }
    }
    assert_eq!(text.lines().count(), 200_001);
    let big = write(dir.path(), "big.txt", &text);

    let commands: &[&[&str]] = &[
        &["order"],
        &["order", "--format", "json"],
        &["order", "--stages", "--format", "markdown"],
        &["render"],
        &["render", "--format", "json"],
    ];
    // Start them all, then hang up on each after a few bytes.
    let children: Vec<_> = commands
        .iter()
        .map(|args| {
            let child = std::process::Command::new(env!("CARGO_BIN_EXE_roadmapper"))
                .arg(args[0])
                .arg(&big)
                .args(&args[1..])
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn");
            (args, child)
        })
        .collect();
    for (args, mut child) in children {
        let mut head = [0u8; 16];
        child
            .stdout
            .take()
            .expect("piped")
            .read_exact(&mut head)
            .expect("some output before hanging up");
        // stdout was dropped above: the pipe is closed.
        let out = child.wait_with_output().expect("wait");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(stderr(&out), "", "{args:?}");
    }
}

// ---------------------------------------------------------------------------
// 11. Determinism
// ---------------------------------------------------------------------------

#[test]
fn outputs_are_byte_identical_across_runs() {
    let cases: &[&[&str]] = &[
        &["render", OUTLINE, "--prereqs", PREREQS, "--format", "json"],
        &["render", OUTLINE, "--prereqs", PREREQS, "--format", "dot"],
        &["order", OUTLINE, "--prereqs", PREREQS, "--format", "json"],
        &["order", OUTLINE, "--prereqs", PREREQS, "--stages"],
        &["order", SEED, "--format", "json"],
        &["check", OUTLINE, "--prereqs", PREREQS],
        // Suggestions are ranked, never in hash order.
        &["order", OUTLINE, "--to", "Cach"],
    ];
    for args in cases {
        let a = run(args);
        let b = run(args);
        assert_eq!(a.status.code(), b.status.code(), "{args:?}");
        assert!(!a.stdout.is_empty() || !a.stderr.is_empty(), "{args:?}");
        assert_eq!(a.stdout, b.stdout, "{args:?}: stdout differs");
        assert_eq!(a.stderr, b.stderr, "{args:?}: stderr differs");
    }

    // Also through a file.
    let dir = tempfile::tempdir().unwrap();
    let (x, y) = (dir.path().join("a.json"), dir.path().join("b.json"));
    for p in [&x, &y] {
        roadmapper()
            .args(["render", OUTLINE, "--prereqs", PREREQS, "-o"])
            .arg(p)
            .assert()
            .code(0);
    }
    assert_eq!(fs::read(&x).unwrap(), fs::read(&y).unwrap());
}

#[test]
fn suggestions_with_equal_scores_come_in_outline_order() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "o.txt",
        "Root\n  Alpha4\n  Alpha2\n  Alpha3\n  Alpha1\n",
    );
    write(dir.path(), "p.prereqs", "Alpha -> Root\n");
    // Several runs: a hash-ordered tie would show up in one of them.
    for _ in 0..6 {
        let out = run_in(dir.path(), &["check", "o.txt", "-p", "p.prereqs"]);
        assert_eq!(out.status.code(), Some(1));
        let err = stderr(&out);
        diagnostic(&err, "error: unknown topic `Alpha`", "p.prereqs:1:1")
            .help("did you mean `Alpha4`, `Alpha2` or `Alpha3`?");
    }
}

// ---------------------------------------------------------------------------
// 12. Missing input
// ---------------------------------------------------------------------------

#[test]
fn a_missing_input_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let outline = crate_root().join(OUTLINE);
    let outline = outline.to_str().unwrap();
    let cases: &[&[&str]] = &[
        &["order", "does-not-exist.txt"],
        &["render", "does-not-exist.txt"],
        &["check", "does-not-exist.txt"],
        &["order", outline, "--prereqs", "does-not-exist.txt"],
        &["order", "does-not-exist.txt", "-o", "out.txt"],
        &["render", "does-not-exist.txt", "-o", "out.json"],
    ];
    for args in cases {
        let out = run_in(dir.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(out.stdout.is_empty());
        let err = stderr(&out);
        assert!(
            err.starts_with("error: cannot read `does-not-exist.txt`: No such file or directory"),
            "{err}"
        );
    }
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no file written"
    );
}
