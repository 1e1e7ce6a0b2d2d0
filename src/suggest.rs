//! Did-you-mean suggestions: how alike a reference that names no topic is
//! to a label, or `None` when they are not alike enough to offer it.
//!
//! A label is offered when it shares a word with the reference (or a word
//! one edit away, for words of five letters or more), when one contains the
//! other, or when the two are close in spelling as wholes (at most one edit
//! apart, or three in four characters the same by Damerau-Levenshtein).
//! Ranking is by that similarity, the shared words and containment lifting
//! a label above mere spelling. So `Kubernetes` is never answered with
//! `Internet` (no shared word, half the letters different), while
//! `Rest API` finds `REST` and `Postgres` finds `PostgreSQL`.

/// The similarity of `wanted` and `label` (both case-folded), higher for
/// more alike, or
/// `None` when `label` should not be suggested for `wanted`.
///
/// ```
/// use roadmapper::suggest::similarity;
/// assert!(similarity("rest api", "rest").is_some());
/// assert!(similarity("postgres", "postgresql").is_some());
/// assert!(similarity("gti", "git").is_some());
/// assert!(similarity("kubernetes", "internet").is_none());
/// ```
pub fn similarity(wanted: &str, label: &str) -> Option<f64> {
    // One edit distance, normalised by hand (strsim's normalised one is
    // the same distance again).
    let edits = strsim::damerau_levenshtein(wanted, label);
    let longest = wanted.chars().count().max(label.chars().count());
    let spelling = if longest == 0 {
        1.0
    } else {
        1.0 - edits as f64 / longest as f64
    };
    let shorter = wanted.chars().count().min(label.chars().count());
    let contains = shorter >= 3 && (label.contains(wanted) || wanted.contains(label));
    let shares_word = words(wanted).any(|w| words(label).any(|l| same_word(w, l)));
    let close = spelling >= 0.75 || (edits <= 1 && longest >= 3);
    // A label with an arrow in it (`A -> B`) that a prerequisite line split
    // into references: its parts name it (the error then says to rename it).
    let arrow_part = label.contains("->") && label.split("->").any(|part| part.trim() == wanted);
    if arrow_part {
        return Some(spelling + 0.3);
    }
    // Containment and shared words lift a label above a mere spelling
    // neighbour (`rest`: `REST API` before `Rust`).
    let score = spelling
        + if contains {
            0.3
        } else if shares_word {
            0.2
        } else {
            0.0
        };
    (contains || shares_word || close).then_some(score)
}

/// The longest word compared by spelling.
const MAX_WORD: usize = 24;

/// Words too common in labels to make two alike (`What is HTTPS` is not
/// `What is Domain Name`).
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "by", "do", "does", "for", "from", "how", "in", "is",
    "it", "of", "on", "or", "the", "to", "vs", "what", "when", "where", "which", "why", "with",
];

/// The words of a folded label that can make it alike another: runs of
/// letters and digits, the common ones left out.
fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(w))
}

/// Two words alike: equal (two letters or more), or one edit apart when
/// both have five letters or more (`rest` and `test` are not alike).
fn same_word(a: &str, b: &str) -> bool {
    let (na, nb) = (a.chars().count(), b.chars().count());
    if na < 2 || nb < 2 {
        return false;
    }
    // Words longer than any real word are compared whole by the caller
    // already (one more edit distance of them would double the cost).
    let fuzzy = (5..=MAX_WORD).contains(&na) && (5..=MAX_WORD).contains(&nb);
    a == b || (fuzzy && na.abs_diff(nb) <= 1 && strsim::damerau_levenshtein(a, b) <= 1)
}

#[cfg(test)]
mod tests {
    use super::similarity;

    #[test]
    fn alike_labels_are_offered() {
        for (wanted, label) in [
            ("rest api", "rest"),
            ("postgres", "postgresql"),
            ("databse", "databases"),
            ("cachng", "caching"),
            ("gti", "git"),
            ("http", "https"),
            ("json web tokens", "web tokens"),
            ("oauth 2", "oauth"),
            ("sql injection", "sql"),
            ("a", "a -> b"),
        ] {
            assert!(similarity(wanted, label).is_some(), "{wanted} / {label}");
        }
    }

    #[test]
    fn unrelated_labels_are_not() {
        for (wanted, label) in [
            ("kubernetes", "internet"),
            ("oauth", "auth0 rules"),
            ("jwt tokens", "json"),
            ("x", "y"),
            ("go", "git"),
            ("scaling", "sharding"),
            ("rest api", "test driven development"),
            ("what is https", "what is domain name"),
        ] {
            assert!(similarity(wanted, label).is_none(), "{wanted} / {label}");
        }
    }

    #[test]
    fn shared_words_and_containment_rank_above_spelling() {
        let contained = similarity("rest", "rest api").unwrap();
        let spelled = similarity("rest", "rust").unwrap();
        assert!(contained > spelled);
    }
}
