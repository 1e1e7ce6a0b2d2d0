//! `roadmapper show` with the learner's progress: the card's status,
//! estimate and a group's progress, run through the binary on the golden
//! progress fixture. The expected lines are worked out by hand from
//! tests/golden/progress-export.{txt,progress.md}, not by the library.

use std::path::Path;

use assert_cmd::Command;

const OUTLINE: &str = "tests/golden/progress-export.txt";
const PREREQS: &str = "tests/golden/progress-export.prereqs";
const PROGRESS: &str = "tests/golden/progress-export.progress.md";

/// The card of `topic`, with the fixture's progress when `progress`.
fn show(topic: &str, progress: bool) -> String {
    let mut args = vec!["--color", "never", "show", OUTLINE, topic, "-p", PREREQS];
    if progress {
        args.extend(["--progress", PROGRESS]);
    }
    let out = Command::cargo_bin("roadmapper")
        .expect("binary built")
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .args(&args)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.is_empty(), "{stderr}");
    String::from_utf8(out.stdout).expect("UTF-8 card")
}

/// The lines between the card's path and its first blank line.
fn head(card: &str) -> Vec<&str> {
    card.lines().skip(1).take_while(|l| !l.is_empty()).collect()
}

#[test]
fn a_group_marked_done_with_a_topic_still_being_learnt_shows_learning() {
    // Internet is `[x]`, but Hosting inside it is `[/]`: HTTP 2h and DNS
    // 90m make 3.5 h; Hosting has no estimate, so no hours are left.
    let card = show("Internet", true);
    assert!(card.starts_with("Web Roadmap > Internet\n"), "{card}");
    assert_eq!(
        head(&card),
        [
            "  status: learning (marked done)",
            "  estimate: 3.5 h",
            "  progress: 2/3 done"
        ]
    );
}

#[test]
fn a_topic_shows_its_state_inherited_and_its_estimate() {
    // DNS has no box of its own: Internet's `[x]` reaches it.
    assert_eq!(
        head(&show("DNS", true)),
        ["  tags: 90m", "  status: done", "  estimate: 1.5 h"]
    );
    assert_eq!(
        head(&show("GraphQL", true)),
        ["  tags: 2d", "  status: learning", "  estimate: 16 h"]
    );
    assert_eq!(head(&show("Microservices", true)), ["  status: todo"]);
}

#[test]
fn the_title_and_a_skipped_group_sum_their_topics() {
    // Leaves: 6 done, 2 learning (Hosting, GraphQL), 2 todo (PostgreSQL,
    // Microservices), 4 skipped (APIs > SOAP, MySQL, CORBA, XML-RPC);
    // left: GraphQL 16 h + PostgreSQL 3 h. All estimates: 2 + 1.5 + 1.5 +
    // 0.5 + 16 + 1 + 3 + 2 + 1 + 4 = 32.5 h.
    assert_eq!(
        head(&show("Web Roadmap", true)),
        [
            "  status: learning",
            "  estimate: 32.5 h",
            "  progress: 6/10 done, 4 skipped, 19 h left"
        ]
    );
    assert_eq!(
        head(&show("Legacy", true)),
        [
            "  status: skipped",
            "  estimate: 4 h",
            "  progress: 2 skipped"
        ]
    );
}

#[test]
fn without_progress_the_card_shows_no_state() {
    for topic in ["Internet", "DNS", "Web Roadmap"] {
        let card = show(topic, false);
        for word in ["status:", "estimate:", "progress:", "task:"] {
            assert!(!card.contains(word), "{topic}: {card}");
        }
    }
}
