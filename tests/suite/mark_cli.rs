//! `mark` under pressure: many runs at once on one file, files that end
//! inside an open block, boxes written with escapes, labels that differ
//! only in case, and progress paths that are not files.
//!
//! Every state is checked by reading the file back with the library's
//! progress reader, as `check --progress` does.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use assert_cmd::Command;
use roadmapper::Input;
use roadmapper::outline::TaskState;

/// No run here should take long; a hang fails instead of blocking the suite.
const TIMEOUT: Duration = Duration::from_secs(60);

fn backend() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("roadmap/backend.txt")
}

/// A scratch folder holding a copy of the backend outline.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(backend(), dir.path().join("backend.txt")).unwrap();
    dir
}

fn mark(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("roadmapper")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .arg("mark")
        .args(args)
        .timeout(TIMEOUT)
        .output()
        .unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The state each topic of `outline` reads back with from `progress`.
fn states(outline: &Path, progress: &Path) -> Vec<(String, Option<TaskState>)> {
    let outline = Input::new("o.txt", fs::read(outline).unwrap());
    let progress = Input::new("p.md", fs::read(progress).unwrap());
    let r = roadmapper::load_with_progress(&outline, &[], &[], &[progress])
        .unwrap_or_else(|e| panic!("the progress file does not read back: {e}"));
    r.topics().map(|t| (t.label.clone(), t.state)).collect()
}

fn state_of(states: &[(String, Option<TaskState>)], label: &str) -> Option<TaskState> {
    let found: Vec<_> = states.iter().filter(|(l, _)| l == label).collect();
    assert_eq!(found.len(), 1, "`{label}` names one topic");
    found[0].1
}

/// The names in a folder other than `keep`.
fn strays(dir: &Path, keep: &[&str]) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !keep.contains(&n.as_str()))
        .collect()
}

const TWENTY: [&str; 20] = [
    "PostgreSQL",
    "MySQL",
    "MariaDB",
    "MS SQL",
    "Oracle",
    "MongoDB",
    "RethinkDB",
    "CouchDB",
    "DynamoDB",
    "ORMs",
    "ACID",
    "Transactions",
    "N+1 Problem",
    "Database Normalization",
    "Indexes and how they work",
    "Data Replication",
    "Sharding Strategies",
    "CAP Theorem",
    "HATEOAS",
    "REST",
];

#[test]
fn twenty_marks_at_once_lose_no_update() {
    let dir = scratch();
    let bin = assert_cmd::cargo::cargo_bin("roadmapper");
    // The file does not exist yet: creating it is locked too.
    let children: Vec<_> = TWENTY
        .iter()
        .map(|topic| {
            std::process::Command::new(&bin)
                .current_dir(dir.path())
                .env("NO_COLOR", "1")
                .args(["mark", "backend.txt", "--progress", "p.md", topic, "--done"])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let got = states(&dir.path().join("backend.txt"), &dir.path().join("p.md"));
    let lost: Vec<&str> = TWENTY
        .iter()
        .copied()
        .filter(|t| state_of(&got, t) != Some(TaskState::Done))
        .collect();
    assert!(lost.is_empty(), "updates lost: {lost:?}");
    assert!(
        strays(dir.path(), &["backend.txt", "p.md"]).is_empty(),
        "{:?}",
        strays(dir.path(), &["backend.txt", "p.md"])
    );
}

#[test]
fn a_progress_path_that_is_not_a_file_is_refused() {
    let dir = scratch();
    // Standard output is a pipe here: it would be read, then written.
    let out = mark(
        dir.path(),
        &["backend.txt", "--progress", "/dev/stdout", "REST", "--done"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--progress /dev/stdout"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());

    // Standard input on a pipe: nothing could be saved.
    let out = Command::cargo_bin("roadmapper")
        .unwrap()
        .current_dir(dir.path())
        .args([
            "mark",
            "backend.txt",
            "--progress",
            "/dev/stdin",
            "REST",
            "--done",
        ])
        .write_stdin("- [ ] REST\n")
        .timeout(TIMEOUT)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--progress /dev/stdin"),
        "{}",
        stderr(&out)
    );

    // A character device.
    let out = mark(
        dir.path(),
        &["backend.txt", "--progress", "/dev/null", "REST", "--done"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--progress /dev/null"),
        "{}",
        stderr(&out)
    );
}

/// Marks REST done in a file holding `text`, twice: the first run writes
/// a file where REST reads back done, the second changes nothing.
fn marks_visibly(text: &str) -> String {
    let dir = scratch();
    let p = dir.path().join("p.md");
    fs::write(&p, text).unwrap();
    let out = mark(
        dir.path(),
        &["backend.txt", "--progress", "p.md", "REST", "--done"],
    );
    assert!(out.status.success(), "{text:?}: {}", stderr(&out));
    let got = states(&dir.path().join("backend.txt"), &p);
    let after = fs::read_to_string(&p).unwrap();
    assert_eq!(
        state_of(&got, "REST"),
        Some(TaskState::Done),
        "{text:?} became {after:?}"
    );
    let again = mark(
        dir.path(),
        &["backend.txt", "--progress", "p.md", "REST", "--done"],
    );
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(fs::read_to_string(&p).unwrap(), after, "{text:?}");
    assert!(strays(dir.path(), &["backend.txt", "p.md"]).is_empty());
    after
}

#[test]
fn a_file_ending_inside_an_open_block_gets_items_that_read_back() {
    for text in [
        "# Mine\n\n- [x] HTTPS\n\n```\nnotes\n",
        "# Mine\n\n- [x] HTTPS\n\n````md\n```\n- [ ] CORS",
        "- [x] HTTPS\n\n~~~\n",
        "- [x] HTTPS\n<!-- later:\n- [ ] CORS\n",
        "- [x] HTTPS\n\n<script>\nlet a = 1;\n",
        "- [x] HTTPS\n\n<STYLE>\n",
        "<details>\n<summary>Old</summary>\n\n## Added\n\n- [x] HTTPS\n</details>\n",
        "## Added\n\n- [x] HTTPS\n<div>",
        "```\n## Added\n",
    ] {
        marks_visibly(text);
    }
}

#[test]
fn a_box_written_with_an_escape_is_rewritten() {
    for text in ["- \\[/] REST\n", "- &#91;/] REST\n", "- \\[\\-\\] REST\n"] {
        let after = marks_visibly(text);
        assert_eq!(after, "- [x] REST\n", "{text:?}");
    }
}

#[test]
fn labels_differing_only_in_case_are_marked_in_a_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let outline = dir.path().join("o.txt");
    fs::write(&outline, "Web\n  HTTP\n  http\n  DNS\n").unwrap();
    let out = mark(
        dir.path(),
        &["o.txt", "--progress", "new.md", "DNS", "--done"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let got = states(&outline, &dir.path().join("new.md"));
    assert_eq!(state_of(&got, "DNS"), Some(TaskState::Done));
    assert_eq!(state_of(&got, "HTTP"), Some(TaskState::Todo));
    assert_eq!(state_of(&got, "http"), Some(TaskState::Todo));
}

#[test]
fn what_would_not_read_back_is_not_written_nor_pointed_into() {
    let dir = tempfile::tempdir().unwrap();
    // Two topics with one path: no checklist line can name either.
    fs::write(dir.path().join("o.txt"), "Web\n  HTTP\n  HTTP\n  DNS\n").unwrap();
    let out = mark(
        dir.path(),
        &["o.txt", "--progress", "new.md", "DNS", "--done"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(!err.contains("new.md:"), "{err}");
    assert!(err.contains("read back"), "{err}");
    assert!(!dir.path().join("new.md").exists());
}
