//! Topic ids: slugs of labels, made unique with their parents' slugs.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::outline::Outline;

/// Slug of a label: lowercase letters and digits, other runs become `-`.
///
/// ```
/// assert_eq!(roadmapper::roadmap::slug("What is HTTP?"), "what-is-http");
/// assert_eq!(roadmapper::roadmap::slug("CI/CD"), "ci-cd");
/// assert_eq!(roadmapper::roadmap::slug("C++"), "c");
/// assert_eq!(roadmapper::roadmap::slug("???"), "topic");
/// ```
pub fn slug(label: &str) -> String {
    if label.is_ascii() {
        // The same rules on bytes, without decoding characters.
        let mut out: Vec<u8> = Vec::with_capacity(label.len());
        let mut dash = false;
        for &b in label.as_bytes() {
            if b.is_ascii_alphanumeric() {
                if dash && !out.is_empty() {
                    out.push(b'-');
                }
                dash = false;
                out.push(b.to_ascii_lowercase());
            } else {
                dash = true;
            }
        }
        if out.is_empty() {
            out.extend_from_slice(b"topic");
        }
        return String::from_utf8(out).unwrap_or_default();
    }
    let mut out = String::with_capacity(label.len());
    let mut dash = false;
    for c in label.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        out.push_str("topic");
    }
    out
}

/// Unique ids: a topic's slug when no other topic has it; otherwise its
/// parent's slug is prefixed (then the grandparent's, ...), and a numeric
/// suffix settles what is still equal. An id changes only when a topic with
/// the same slug is added or removed.
pub(super) fn make_ids(outline: &Outline) -> Vec<String> {
    let topics = &outline.topics;
    let base: Vec<String> = topics.iter().map(|t| slug(&t.label)).collect();
    let mut count: HashMap<&str, usize> = HashMap::default();
    count.reserve(base.len());
    for b in &base {
        *count.entry(b.as_str()).or_default() += 1;
    }
    if count.len() == base.len() {
        // Every slug is unique (the usual case): the slugs are the ids.
        drop(count);
        return base;
    }
    let mut ids: Vec<Option<String>> = vec![None; topics.len()];
    let mut taken: HashSet<String> = HashSet::default();
    for (i, b) in base.iter().enumerate() {
        if count[b.as_str()] == 1 {
            taken.insert(b.clone());
            ids[i] = Some(b.clone());
        }
    }
    // Duplicates, grouped by slug, get ancestor prefixes until distinct.
    let mut groups: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, b) in base.iter().enumerate() {
        if count[b.as_str()] > 1 {
            groups.entry(b.as_str()).or_default().push(i);
        }
    }
    let mut group_list: Vec<(&str, Vec<usize>)> = groups.into_iter().collect();
    group_list.sort_by_key(|(_, members)| members[0]);
    for (_, members) in group_list {
        let mut names: Vec<String> = members.iter().map(|&i| base[i].clone()).collect();
        let mut cursor: Vec<Option<usize>> = members.iter().map(|&i| topics[i].parent).collect();
        // At most a few ancestors: ids stay short, and a deep chain of equal
        // labels costs no more than a few passes.
        for _ in 0..MAX_ID_PREFIXES {
            let mut seen: HashMap<&str, usize> = HashMap::default();
            for n in &names {
                *seen.entry(n.as_str()).or_default() += 1;
            }
            let clash: Vec<bool> = names.iter().map(|n| seen[n.as_str()] > 1).collect();
            if !clash.iter().any(|&c| c) {
                break;
            }
            let mut progressed = false;
            for k in 0..names.len() {
                if clash[k]
                    && let Some(p) = cursor[k]
                {
                    names[k] = format!("{}-{}", base[p], names[k]);
                    cursor[k] = topics[p].parent;
                    progressed = true;
                }
            }
            if !progressed {
                break;
            }
        }
        for (k, &i) in members.iter().enumerate() {
            ids[i] = Some(std::mem::take(&mut names[k]));
        }
    }
    // Settle anything still equal (or equal to another topic's plain slug)
    // with a numeric suffix, in outline order.
    let mut out = Vec::with_capacity(topics.len());
    let mut used: HashSet<String> = HashSet::default();
    // The next suffix to try per id, so k equal ids cost O(k), not O(k²).
    let mut next_suffix: HashMap<String, usize> = HashMap::default();
    for (i, id) in ids.into_iter().enumerate() {
        let id = id.expect("every topic got an id above");
        let unique_plain = count[base[i].as_str()] == 1;
        let clashes = |c: &String| used.contains(c) || (!unique_plain && taken.contains(c));
        let candidate = if clashes(&id) {
            let n = next_suffix.entry(id.clone()).or_insert(2);
            let mut candidate = format!("{id}-{n}");
            while clashes(&candidate) {
                *n += 1;
                candidate = format!("{id}-{n}");
            }
            *n += 1;
            candidate
        } else {
            id
        };
        used.insert(candidate.clone());
        out.push(candidate);
    }
    out
}

/// How many ancestors' slugs may prefix a duplicate label's id before a
/// numeric suffix settles it.
const MAX_ID_PREFIXES: usize = 3;
