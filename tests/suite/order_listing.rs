//! Property tests of the text study order (`order`): what its indentation
//! and notes tell a reader is true.
//!
//! For random outlines and random acyclic prerequisites, the listing is
//! read back as a person reads it: a line's parent is the nearest line
//! above indented one level less. Every topic listed without an `(in P)`
//! note sits under its parent that way; one with the note names its
//! parent, and sits under one of its ancestors; the note is there exactly
//! when a prerequisite moved the topic (something outside its parent was
//! listed between the two), so with no prerequisites no topic has one. Names after `(in ...)` and `(after ...)` pick the
//! right topic even when labels are shared.

use crate::trees;
use proptest::prelude::*;
use roadmapper::export::order::{OrderFormat, write_order};
use roadmapper::{Input, Roadmap, load};
use trees::{prerequisites, tree_from_choices as tree};

/// The roadmap of a random case, its prerequisites written with the
/// listing's names.
fn load_case(parent: &[Option<usize>], labels: &[String], pairs: &[(usize, usize)]) -> Roadmap {
    let n = parent.len();
    let mut depth = vec![0usize; n];
    let mut outline = String::new();
    for (i, p) in parent.iter().enumerate() {
        depth[i] = p.map_or(0, |p| depth[p] + 1);
        outline.push_str(&format!("{}{}\n", "  ".repeat(depth[i]), labels[i]));
    }
    let kept = prerequisites(parent, pairs);
    let r = load(&Input::new("o.txt", outline.clone()), &[]).expect("the outline loads");
    let names = r.listing_names();
    // Topics no reference can pick (a sibling with the same label and the
    // same path) can be no prerequisite.
    let text: String = kept
        .iter()
        .filter(|&&(a, b)| r.find(names.get(a)) == Ok(a) && r.find(names.get(b)) == Ok(b))
        .map(|&(a, b)| format!("{} -> {}\n", names.get(a), names.get(b)))
        .collect();
    load(&Input::new("o.txt", outline), &[Input::new("p.txt", text)])
        .expect("the prerequisites resolve")
}

/// One listed line: (indentation level, label, `(in ...)` name, `(after
/// ...)` names).
fn parse(line: &str) -> (usize, String, Option<String>, Vec<String>) {
    let body = line.split_once(". ").expect("numbered").1;
    let level = (body.len() - body.trim_start().len()) / 2;
    let body = body.trim_start();
    let (body, after) = match body.split_once("  (after ") {
        Some((b, a)) => (
            b,
            a.trim_end_matches(')')
                .split(", ")
                .map(str::to_string)
                .collect(),
        ),
        None => (body, Vec::new()),
    };
    let (label, within) = match body.split_once("  (in ") {
        Some((l, w)) => (l, Some(w.trim_end_matches(')').to_string())),
        None => (body, None),
    };
    (level, label.to_string(), within, after)
}

fn check(r: &Roadmap) -> Result<(), TestCaseError> {
    let mut out = Vec::new();
    write_order(r, r.order(), false, OrderFormat::Text, &mut out).expect("written");
    let text = String::from_utf8(out).expect("UTF-8");
    let lines: Vec<_> = text.lines().map(parse).collect();
    prop_assert_eq!(lines.len(), r.len());
    let mut at = vec![0; r.len()];
    for (k, &i) in r.order().iter().enumerate() {
        at[i] = k;
    }
    for (k, &i) in r.order().iter().enumerate() {
        let (level, label, within, after) = &lines[k];
        // Moved: something outside its parent listed between the two.
        let moved = r
            .parent(i)
            .is_some_and(|p| r.order()[at[p] + 1..k].iter().any(|&j| !r.is_inside(j, p)));
        prop_assert_eq!(moved, within.is_some(), "line {}: {}", k + 1, text);
        prop_assert_eq!(label, &r.topic(i).label);
        // The nearest line above indented one level less.
        let above = (0..k).rev().find(|&j| lines[j].0 < *level);
        let shown_under = above.map(|j| r.order()[j]);
        match (r.parent(i), within) {
            (None, None) => prop_assert_eq!(*level, 0),
            (None, Some(_)) => prop_assert!(false, "a root with a note: {}", text),
            (Some(p), None) => prop_assert_eq!(shown_under, Some(p), "{}", text),
            (Some(p), Some(name)) => {
                // The parent by a name that picks it, or by its whole path
                // when none can.
                match r.find(name) {
                    Ok(found) => prop_assert_eq!(found, p, "{}", text),
                    Err(_) => prop_assert_eq!(name, &r.path(p).join(" > ")),
                }
                if let Some(a) = shown_under {
                    prop_assert!(r.is_inside(i, a), "under a non-ancestor: {}", text);
                }
                if let Some(j) = above {
                    prop_assert_eq!(lines[j].0 + 1, *level);
                }
            }
        }
        let mut named: Vec<usize> = after
            .iter()
            .map(|n| r.find(n).expect("a name picks one topic"))
            .collect();
        let mut want = r.prerequisites_of(i);
        named.sort_unstable();
        want.sort_unstable();
        prop_assert_eq!(named, want);
    }
    Ok(())
}

/// A random case: parents, labels, prerequisite pairs.
type Case = (Vec<Option<usize>>, Vec<String>, Vec<(usize, usize)>);

fn case() -> impl Strategy<Value = Case> {
    (
        prop::collection::vec(any::<u32>(), 1..24),
        prop::collection::vec(0usize..6, 24),
        prop::collection::vec((0usize..64, 0usize..64), 0..30),
    )
        .prop_map(|(choices, label_picks, pairs)| {
            let parent = tree(&choices);
            // Labels from a small set, so many are shared.
            let labels = (0..parent.len())
                .map(|i| format!("t{}", label_picks[i]))
                .collect();
            (parent, labels, pairs)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_listing_reads_true((parent, labels, pairs) in case()) {
        let r = load_case(&parent, &labels, &pairs);
        check(&r)?;
        // A roadmap cut from it (its own names, from the shared labels
        // left) reads true too.
        check(&r.focus_to(&[parent.len() - 1]))?;
    }

    #[test]
    fn without_prerequisites_nothing_is_moved((parent, labels, _pairs) in case()) {
        let r = load_case(&parent, &labels, &[]);
        let mut out = Vec::new();
        write_order(&r, r.order(), false, OrderFormat::Text, &mut out).expect("written");
        let text = String::from_utf8(out).expect("UTF-8");
        prop_assert!(!text.contains("  (in "), "{}", text);
        check(&r)?;
    }
}
