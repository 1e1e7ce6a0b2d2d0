//! Property tests of progress files (issue 14's first part): the checklist
//! `order --format markdown` writes is a progress file. For random
//! outlines with shared labels and random acyclic prerequisites, its boxes
//! ticked at random and read back, every item resolves to the topic it was
//! written for and gets the state ticked; and the group rules match a
//! naive reading of them.

use crate::trees;
use proptest::prelude::*;
use roadmapper::export::order::{OrderFormat, write_order};
use roadmapper::outline::TaskState;
use roadmapper::{Input, Roadmap, load, progress};
use trees::{prerequisites, tree_from_choices as tree};

const STATES: [(&str, TaskState); 5] = [
    ("[ ]", TaskState::Todo),
    ("[x]", TaskState::Done),
    ("[/]", TaskState::Learning),
    ("[~]", TaskState::Learning),
    ("[-]", TaskState::Skipped),
];

fn roadmap(parent: &[Option<usize>], labels: &[String], pairs: &[(usize, usize)]) -> Roadmap {
    let mut depth = vec![0usize; parent.len()];
    let mut outline = String::new();
    for (i, p) in parent.iter().enumerate() {
        depth[i] = p.map_or(0, |p| depth[p] + 1);
        outline.push_str(&format!("{}{}\n", "  ".repeat(depth[i]), labels[i]));
    }
    let plain = load(&Input::new("o.txt", outline.clone()), &[]).expect("loads");
    let names = plain.listing_names();
    let text: String = prerequisites(parent, pairs)
        .iter()
        .filter(|&&(a, b)| plain.find(names.get(a)) == Ok(a) && plain.find(names.get(b)) == Ok(b))
        .map(|&(a, b)| format!("{} -> {}\n", names.get(a), names.get(b)))
        .collect();
    load(&Input::new("o.txt", outline), &[Input::new("p.txt", text)]).expect("resolves")
}

/// Whether some other topic has the same label and the same parent (no
/// reference or nesting can tell the two apart).
fn has_twin(r: &Roadmap, i: usize) -> bool {
    (0..r.len()).any(|j| {
        j != i
            && r.parent(j) == r.parent(i)
            && r.topic(j).label.to_lowercase() == r.topic(i).label.to_lowercase()
    })
}

/// Naively: a topic's state is the first one marked walking up from it.
fn marked_state(r: &Roadmap, i: usize) -> TaskState {
    let mut at = Some(i);
    while let Some(a) = at {
        if let Some(s) = r.topic(a).state {
            return s;
        }
        at = r.parent(a);
    }
    TaskState::Todo
}

type Case = (
    Vec<Option<usize>>,
    Vec<String>,
    Vec<(usize, usize)>,
    Vec<usize>,
);

fn case() -> impl Strategy<Value = Case> {
    (
        prop::collection::vec(any::<u32>(), 1..24),
        prop::collection::vec(0usize..5, 24),
        prop::collection::vec((0usize..64, 0usize..64), 0..30),
        prop::collection::vec(0usize..STATES.len(), 24),
    )
        .prop_map(|(choices, picks, pairs, ticks)| {
            let parent = tree(&choices);
            let labels = (0..parent.len())
                .map(|i| format!("Topic {}", picks[i]))
                .collect();
            (parent, labels, pairs, ticks)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_checklist_read_back_gives_every_topic_its_state((parent, labels, pairs, ticks) in case()) {
        let r = roadmap(&parent, &labels, &pairs);
        prop_assume!((0..r.len()).all(|i| !has_twin(&r, i)));
        let mut out = Vec::new();
        write_order(&r, r.order(), false, OrderFormat::Markdown, &mut out).expect("written");
        let checklist = String::from_utf8(out).expect("UTF-8");
        // Tick line k (topic order()[k]) with state ticks[k].
        let mut ticked = String::new();
        let mut want = vec![TaskState::Todo; r.len()];
        for (k, line) in checklist.lines().enumerate() {
            let (mark, state) = STATES[ticks[k % ticks.len()]];
            ticked.push_str(&line.replacen("[ ]", mark, 1));
            ticked.push('\n');
            want[r.order()[k]] = state;
        }
        let file = progress::parse("progress.md", &ticked);
        prop_assert_eq!(file.items.len(), r.len(), "{}", ticked);
        let mut r = r;
        let errors = r.apply_progress(&[file]);
        prop_assert!(errors.is_empty(), "{:?}\n{}", errors, ticked);
        for (i, &state) in want.iter().enumerate() {
            prop_assert_eq!(r.topic(i).state, Some(state), "topic {} in\n{}", i, ticked);
        }
    }

    #[test]
    fn group_states_follow_the_rules((parent, labels, _pairs, ticks) in case()) {
        let mut r = roadmap(&parent, &labels, &[]);
        prop_assume!((0..r.len()).all(|i| !has_twin(&r, i)));
        // Mark about half the topics, by path.
        let mut text = String::new();
        for i in 0..r.len() {
            let (mark, _) = STATES[ticks[i % ticks.len()]];
            if (i + ticks[0]) % 2 == 0 {
                text.push_str(&format!("- {mark} {}\n", r.path(i).join(" > ")));
            }
        }
        let errors = r.apply_progress(&[progress::parse("p.md", &text)]);
        prop_assert!(errors.is_empty(), "{:?}", errors);
        let got = r.statuses();
        let leaf_state = |i: usize| marked_state(&r, i);
        for (i, &status) in got.iter().enumerate() {
            let leaves: Vec<TaskState> = r
                .subtree(i)
                .filter(|&j| r.subtree(j).len() == 1)
                .map(leaf_state)
                .collect();
            let want = if r.subtree(i).len() == 1 {
                leaf_state(i)
            } else if leaves.iter().all(|&s| s == TaskState::Skipped) {
                TaskState::Skipped
            } else if leaves.iter().all(|&s| s == TaskState::Done || s == TaskState::Skipped) {
                TaskState::Done
            } else if leaves.iter().any(|&s| s == TaskState::Done || s == TaskState::Learning) {
                TaskState::Learning
            } else {
                TaskState::Todo
            };
            prop_assert_eq!(status, want, "topic {}", i);
        }
    }

    #[test]
    fn next_is_the_naive_rule((parent, labels, pairs, ticks) in case()) {
        let mut r = roadmap(&parent, &labels, &pairs);
        prop_assume!((0..r.len()).all(|i| !has_twin(&r, i)));
        let mut text = String::new();
        for i in 0..r.len() {
            let (mark, _) = STATES[ticks[i % ticks.len()]];
            if (i * 7 + ticks[1]) % 3 != 0 {
                text.push_str(&format!("- {mark} {}\n", r.path(i).join(" > ")));
            }
        }
        let errors = r.apply_progress(&[progress::parse("p.md", &text)]);
        prop_assert!(errors.is_empty(), "{:?}", errors);
        let statuses = r.statuses();
        let leaf = |i: usize| r.subtree(i).len() == 1;
        // Naive: a leaf's state walking up; a topic satisfied when every
        // leaf inside is done or skipped; ready when every prerequisite of
        // it and its ancestors is satisfied.
        let leaf_state = |i: usize| marked_state(&r, i);
        let satisfied = |p: usize| {
            r.subtree(p)
                .filter(|&j| leaf(j))
                .all(|j| matches!(leaf_state(j), TaskState::Done | TaskState::Skipped))
        };
        let prereqs: Vec<(usize, usize)> = r.prerequisites().map(|(a, b, _)| (a, b)).collect();
        let ready = |i: usize| {
            let mut at = Some(i);
            while let Some(a) = at {
                if prereqs.iter().any(|&(p, b)| b == a && !satisfied(p)) {
                    return false;
                }
                at = r.parent(a);
            }
            true
        };
        let mut want: Vec<(usize, roadmapper::roadmap::NextReason)> = r
            .order()
            .iter()
            .copied()
            .filter(|&i| leaf(i) && leaf_state(i) == TaskState::Learning)
            .map(|i| (i, roadmapper::roadmap::NextReason::Learning))
            .collect();
        want.extend(
            r.order()
                .iter()
                .copied()
                .filter(|&i| leaf(i) && leaf_state(i) == TaskState::Todo && ready(i))
                .map(|i| (i, roadmapper::roadmap::NextReason::Ready)),
        );
        prop_assert_eq!(r.next(&statuses, None), want);
        // With a target, only what it needs.
        let target = r.len() - 1;
        let needs = r.needs(&[target]);
        let focused: Vec<_> = r.next(&statuses, Some(&[target]));
        prop_assert!(focused.iter().all(|(i, _)| needs.contains(i)));
    }

    #[test]
    fn mark_changes_only_the_boxes_it_must(
        (parent, labels, pairs, ticks) in case(),
        crlf in any::<bool>(),
        final_newline in any::<bool>(),
        pick in 0usize..5,
    ) {
        let r = roadmap(&parent, &labels, &pairs);
        prop_assume!((0..r.len()).all(|i| !has_twin(&r, i)));
        let mut out = Vec::new();
        write_order(&r, r.order(), false, OrderFormat::Markdown, &mut out).expect("written");
        let checklist = String::from_utf8(out).expect("UTF-8");
        // A hand-kept file: a heading, a comment, the first half of the
        // items (the rest will be appended), given line ends.
        let eol = if crlf { "\r\n" } else { "\n" };
        let lines: Vec<&str> = checklist.lines().collect();
        let keep = lines.len().div_ceil(2);
        let mut text = format!("# My progress{eol}<!-- keep me -->{eol}");
        for line in &lines[..keep] {
            text.push_str(line);
            text.push_str(eol);
        }
        if !final_newline {
            text.truncate(text.len() - eol.len());
        }
        let (_, state) = STATES[pick];
        let chosen: Vec<usize> = (0..r.len()).filter(|i| (i + ticks[0]) % 2 == 0).collect();
        let marked = r.mark_progress("p.md", Some(&text), &chosen, state).expect("marks");
        // The file's own lines: the same, but for the boxes of chosen ones.
        let before: Vec<&str> = text.split(eol).collect();
        let after: Vec<&str> = marked.split(eol).collect();
        for (k, (b, a)) in before.iter().zip(&after).enumerate() {
            if b != a {
                prop_assert!(k >= 2 && k - 2 < keep, "line {} changed: {:?} -> {:?}", k, b, a);
                let topic = r.order()[k - 2];
                prop_assert!(chosen.contains(&topic));
                prop_assert_eq!(a.replacen(roadmapper::progress::task_box(state), "[ ]", 1), b.to_string());
            }
        }
        prop_assert!(after.len() >= before.len(), "lines lost");
        // Read back: the chosen ones have the state, the others theirs.
        let mut back = r.clone();
        let errors = back.apply_progress(&[progress::parse("p.md", &marked)]);
        prop_assert!(errors.is_empty(), "{:?}\n{}", errors, marked);
        for i in 0..r.len() {
            if chosen.contains(&i) {
                prop_assert_eq!(back.topic(i).state, Some(state), "topic {}:\n{}", i, marked);
            }
        }
    }

    #[test]
    fn any_text_parses_and_every_box_is_in_it(text in "[-*+\\[\\]x/~ \t\n\r`()>#<!a-cé1.]{0,200}") {
        let file = progress::parse("p.md", &text);
        let lines = text.split('\n').count();
        for item in &file.items {
            prop_assert!(text.get(item.task_box.clone()).is_some(), "{:?}", item);
            prop_assert!(item.line >= 1 && item.line <= lines);
            prop_assert!(item.parent.is_none_or(|p| p < file.items.len()));
            prop_assert!(!item.reference.is_empty());
        }
    }
}
