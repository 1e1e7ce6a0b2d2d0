//! Stage 2: prerequisite files → references → resolved edges.
//!
//! A prerequisite file says what to learn before what: `A -> B` (A before
//! B), chains `A -> B -> C`, `#` comments. A reference is a topic label,
//! compared case-insensitively with whitespace collapsed and tags and a
//! trailing colon ignored; `Parent > Child` picks one of several topics that
//! share a label. This module parses the text and resolves references
//! against an outline; the group rule and cycles are the model's and the
//! order's business.
//!
//! # Complexity and limits
//!
//! Parsing is linear in the file: each line is split at its arrows once,
//! each reference at its path separators once, and columns are counted
//! incrementally. A line may hold at most [`MAX_REFERENCES`] references
//! (a chain of 999 arrows); a longer one is one error, because every
//! diagnostic about one of its references quotes the whole line.
//! Resolving a reference is O(1) expected (a hash of its folded label)
//! plus the topics sharing that label; suggestions for unknown references
//! are capped per run ([`Resolver`]). Only the first ten reference errors
//! of a line are reported, the rest counted: each quotes the whole line.

use std::hash::{Hash, Hasher};

use rustc_hash::FxHashMap;

use crate::diagnostic::{Diagnostic, DiagnosticKind, MAX_LISTED};
use crate::outline::{Outline, normalize};

/// A topic reference as written in a prerequisite file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The text as written, trimmed.
    pub text: String,
    /// The normalized path segments, outermost first; the last is the label.
    pub segments: Vec<String>,
    /// The whole reference normalized as one label: a label may itself
    /// contain `>`, and an exact label wins over a path.
    pub whole: String,
    /// 1-based column where the reference starts.
    pub column: usize,
}

/// One `A -> B` edge as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawEdge {
    /// The topic learned first.
    pub from: Reference,
    /// The topic learned after it.
    pub to: Reference,
    /// 1-based line.
    pub line: usize,
}

/// A parsed prerequisite file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PrereqFile {
    /// The file name as given by the user.
    pub file: String,
    /// The edges in file order (a chain gives one edge per arrow).
    pub edges: Vec<RawEdge>,
}

/// A prerequisite edge resolved to outline positions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// Index of the topic learned first.
    pub from: usize,
    /// Index of the topic learned after it.
    pub to: usize,
    /// The file it was given in.
    pub file: String,
    /// 1-based line in that file.
    pub line: usize,
}

/// The most references one line may hold (`A -> B -> ...`): a chain of a
/// thousand topics is already some 20,000 characters on one line, past
/// what anyone reads or edits, and every diagnostic about one of its
/// references quotes the whole line, so a longer one would make the
/// report itself quadratic. Longer chains belong on several lines.
pub const MAX_REFERENCES: usize = 1000;

/// Parses a prerequisite file. Returns every syntax error found.
///
/// ```
/// let p = roadmapper::prereqs::parse("p", b"# why\nACID -> Transactions -> Isolation\n").unwrap();
/// assert_eq!(p.edges.len(), 2);
/// assert_eq!(p.edges[1].from.text, "Transactions");
/// assert_eq!(p.edges[1].line, 2);
/// ```
pub fn parse(file: &str, bytes: &[u8]) -> Result<PrereqFile, Vec<Diagnostic>> {
    let (parsed, errors) = parse_lenient(file, bytes);
    if errors.is_empty() {
        Ok(parsed)
    } else {
        Err(errors)
    }
}

/// Like [`parse`], but also returns the edges of the well-formed lines when
/// other lines have errors, so that their references can still be checked
/// and every error reported in one run.
pub fn parse_lenient(file: &str, bytes: &[u8]) -> (PrereqFile, Vec<Diagnostic>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut errors = Vec::new();
    let mut edges = Vec::new();
    // Lines that are neither blank nor comments, and those without `->`
    // (with the first of them): an outline passed as prerequisites.
    let mut content_lines = 0;
    let mut without_arrow = 0;
    let mut first_without_arrow = None;
    // `## TOPIC` lines (comments here) and the first: a notes file.
    let mut headings = 0;
    let mut first_heading = None;
    for (index, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let line = index + 1;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let text = match crate::outline::line_text(file, line, raw) {
            Ok(text) => text,
            Err(d) => {
                errors.push(*d);
                continue;
            }
        };
        let trimmed = text.trim();
        if trimmed.starts_with("## ") {
            headings += 1;
            first_heading.get_or_insert(line);
        }
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        content_lines += 1;
        let count = text.matches("->").count() + 1;
        if count == 1 {
            without_arrow += 1;
            first_without_arrow.get_or_insert(line);
        }
        if count > MAX_REFERENCES {
            errors.push(Diagnostic::error(
                file,
                line,
                1,
                DiagnosticKind::TooManyReferences {
                    count,
                    max: MAX_REFERENCES,
                },
            ));
            continue;
        }
        let mut refs = Vec::new();
        // Characters before the current part: counted once, so a long
        // chain costs linear time (not one count from the line start per
        // arrow).
        let mut chars_before = 0;
        let mut bad = None;
        for part in text.split("->") {
            let trimmed = part.trim_start();
            let lead = part[..part.len() - trimmed.len()].chars().count();
            let column = chars_before + lead + 1;
            let reference = parse_reference(part, column);
            chars_before += lead + trimmed.chars().count() + 2;
            match reference {
                Some(r) => refs.push(r),
                None => {
                    bad.get_or_insert((column, "a topic is missing on one side of `->`"));
                }
            }
        }
        if refs.len() < 2 && bad.is_none() {
            bad = Some((1, "expected `->` between two topics"));
        }
        if let Some((column, detail)) = bad {
            errors.push(Diagnostic::error(
                file,
                line,
                column,
                DiagnosticKind::PrereqSyntax {
                    detail: detail.to_string(),
                },
            ));
            continue;
        }
        for pair in refs.windows(2) {
            edges.push(RawEdge {
                from: pair[0].clone(),
                to: pair[1].clone(),
                line,
            });
        }
    }
    if let Some(line) =
        first_heading.filter(|_| content_lines > 0 && without_arrow == content_lines)
    {
        // Headings and no `->` at all: notes, one clear error.
        edges.clear();
        errors = vec![Diagnostic::error(
            file,
            line,
            1,
            DiagnosticKind::PrereqsLookLikeNotes { headings },
        )];
    } else if let Some(line) =
        first_without_arrow.filter(|_| looks_like_outline(without_arrow, content_lines))
    {
        // One clear error instead of one per line.
        edges.clear();
        errors = vec![Diagnostic::error(
            file,
            line,
            1,
            DiagnosticKind::PrereqsLookLikeOutline {
                without_arrow,
                lines: content_lines,
            },
        )];
    }
    (
        PrereqFile {
            file: file.to_string(),
            edges,
        },
        errors,
    )
}

/// Whether a prerequisite file reads like an outline: at least
/// [`OUTLINE_LINES`] lines without `->`, and more than half of its lines.
fn looks_like_outline(without_arrow: usize, lines: usize) -> bool {
    without_arrow >= OUTLINE_LINES && without_arrow * 2 > lines
}

/// Lines without `->` from which a prerequisite file is taken for an
/// outline (fewer are reported one by one, as typos).
const OUTLINE_LINES: usize = 3;

fn parse_reference(part: &str, column: usize) -> Option<Reference> {
    let whole = normalize(part);
    if whole.is_empty() {
        return None;
    }
    let mut segments: Vec<String> = if part.contains('>') {
        path_segments(part).map(normalize).collect()
    } else {
        vec![whole.clone()]
    };
    if segments.iter().any(String::is_empty) {
        // `A >` or `> B` is no path: read it as one label (an unknown
        // topic then names what is closest).
        segments = vec![whole.clone()];
    }
    Some(Reference {
        text: crate::outline::collapse_whitespace(part),
        whole,
        segments,
        column,
    })
}

/// Splits a reference at its path separators. A `>` is a separator unless
/// it closes a `<` opened earlier in the same segment and is not written
/// ` > ` (spaces on both sides): `Vec<T>`, `HashMap<K, V>` and
/// `Option<Vec<T>>` are one segment, `Rust > Vec<T>` and `x<y > z` two.
/// Linear in the text.
fn path_segments(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut open = 0usize;
    let mut start = 0;
    let mut cuts = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'<' => open += 1,
            b'>' => {
                let spaced = i > 0
                    && bytes[i - 1].is_ascii_whitespace()
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_whitespace);
                if open > 0 && !spaced {
                    open -= 1;
                } else {
                    cuts.push(&text[start..i]);
                    start = i + 1;
                    open = 0;
                }
            }
            _ => {}
        }
    }
    cuts.push(&text[start..]);
    cuts.into_iter()
}

/// Parses a reference typed by a user (for example `--to`), as in a
/// prerequisite file. None when a path segment is empty.
pub fn reference(text: &str) -> Option<Reference> {
    parse_reference(text, 1)
}

/// A label hashed and compared as references match labels, without
/// allocating: under canonical equivalence and full case folding (see
/// [`folded`]), so `REST`, `Rest` and `rest` are one key, and so are
/// `Straße` and `STRASSE`, or `Café` written with `é` and with `e` plus a
/// combining accent. ASCII labels (the usual case) take a fast path.
#[derive(Debug, Clone, Copy)]
struct Folded<'a>(&'a str);

/// The characters of `s` as references compare them: canonically
/// decomposed (NFD, so NFC and NFD spellings are equal), fully case folded
/// (`ß` → `ss`, `ﬁ` → `fi`, final `ς` → `σ`) and decomposed again: the
/// Unicode "canonical caseless match" (`NFD(casefold(NFD(s)))`). One more
/// rule: a combining dot above (U+0307) on an `i` is dropped, so `İ`
/// (capital I with dot above, which folds to `i` + U+0307) matches `I` and
/// `i`, as `İSTANBUL` matches `Istanbul`; the dotless `ı` stays a letter of
/// its own. For ASCII text this is plain ASCII lowercasing.
pub fn folded(s: &str) -> impl Iterator<Item = char> + '_ {
    use caseless::Caseless;
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::canonical_combining_class;
    // Whether the current base character is `i` (marks follow their base).
    let mut on_i = false;
    s.chars().nfd().default_case_fold().nfd().filter(move |&c| {
        if canonical_combining_class(c) == 0 {
            on_i = c == 'i';
            true
        } else {
            !(on_i && c == '\u{307}')
        }
    })
}

/// A label's folded form as a string (see [`folded`]): equal for two
/// labels exactly when a reference to one also names the other.
///
/// ```
/// use roadmapper::prereqs::fold;
/// assert_eq!(fold("STRASSE"), fold("Straße"));
/// assert_eq!(fold("Cafe\u{301}"), fold("Caf\u{e9}"));
/// assert_eq!(fold("İSTANBUL"), fold("Istanbul"));
/// assert_eq!(fold("FILE SYSTEMS"), fold("\u{fb01}le systems"));
/// assert_ne!(fold("ıstanbul"), fold("istanbul"));
/// ```
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len() + 8);
    if fold_fast(s, &mut out) {
        out
    } else {
        folded(s).collect()
    }
}

/// [`folded`] without the streaming normalisers (which reorder runs of
/// combining marks, at several times the cost): each character decomposed,
/// folded and decomposed again by table look-ups. False, with `out`
/// partly written, when two combining marks meet before or after folding
/// (only then can canonical reordering change anything); the caller then
/// takes the general path.
fn fold_fast(s: &str, out: &mut String) -> bool {
    use caseless::Caseless;
    use unicode_normalization::char::{canonical_combining_class, decompose_canonical};
    let mut ok = true;
    // Whether the last character decomposed (before folding) and the last
    // written (after) was a combining mark, and whether the current base
    // written is `i`.
    let mut mark_in = false;
    let mut mark_out = false;
    let mut on_i = false;
    for c in s.chars() {
        decompose_canonical(c, |d| {
            let mark = canonical_combining_class(d) != 0;
            ok &= !(mark && mark_in);
            mark_in = mark;
            for f in std::iter::once(d).default_case_fold() {
                decompose_canonical(f, |g| {
                    let mark = canonical_combining_class(g) != 0;
                    ok &= !(mark && mark_out);
                    mark_out = mark;
                    if !mark {
                        on_i = g == 'i';
                    } else if on_i && g == '\u{307}' {
                        return;
                    }
                    out.push(g);
                });
            }
        });
        if !ok {
            return false;
        }
    }
    true
}

impl Hash for Folded<'_> {
    fn hash<H: Hasher>(&self, h: &mut H) {
        // Hash the folded UTF-8 in chunks; chunk boundaries depend only on
        // the folded text, so equal keys hash equally.
        let mut buf = [0u8; 64];
        let mut len = 0;
        if self.0.is_ascii() {
            // The same chunks as below (61 characters: a chunk is written
            // once a 4-byte character might not fit), one byte each.
            let bytes = self.0.as_bytes();
            let mut chunks = bytes.chunks(buf.len() - 3).peekable();
            while let Some(chunk) = chunks.next() {
                buf[..chunk.len()].copy_from_slice(chunk);
                buf[..chunk.len()].make_ascii_lowercase();
                if chunks.peek().is_none() {
                    len = chunk.len();
                } else {
                    h.write(&buf[..chunk.len()]);
                }
            }
        } else {
            for c in fold(self.0).chars() {
                if len + 4 > buf.len() {
                    h.write(&buf[..len]);
                    len = 0;
                }
                len += c.encode_utf8(&mut buf[len..]).len();
            }
        }
        h.write(&buf[..len]);
        h.write_u8(0xff);
    }
}

impl PartialEq for Folded<'_> {
    fn eq(&self, other: &Self) -> bool {
        if self.0.is_ascii() && other.0.is_ascii() {
            self.0.eq_ignore_ascii_case(other.0)
        } else {
            fold(self.0) == fold(other.0)
        }
    }
}

impl Eq for Folded<'_> {}

/// No topic: the end of a chain of topics sharing a label.
const NONE: usize = usize::MAX;

/// Looks topics up by reference.
#[derive(Debug)]
pub struct Resolver<'a> {
    labels: Vec<&'a str>,
    parent: Vec<Option<usize>>,
    /// The first topic with each label (compared folded) ...
    by_label: FxHashMap<Folded<'a>, usize>,
    /// ... and, per topic, the next one with the same label, so the index
    /// costs no allocation per label.
    next_same: Vec<usize>,
    /// How many more unknown references get suggestions: each costs a scan
    /// of all labels, so a file of thousands of typos stays linear.
    suggestions_left: std::cell::Cell<usize>,
    /// The bytes of all distinct labels: a scan compares a reference of n
    /// bytes with them in about `n * label_bytes` steps.
    label_bytes: usize,
    /// How many more such steps suggestions may take.
    work_left: std::cell::Cell<usize>,
    /// The error of each ambiguous reference met so far, by its folded
    /// segments: telling the topics apart compares each listed one with up
    /// to [`MAX_COMPARED`] others, once per reference, not once per line
    /// naming it.
    ambiguous: std::cell::RefCell<FxHashMap<String, DiagnosticKind>>,
    /// How many pairs of paths telling ambiguous topics apart compared.
    compared: std::cell::Cell<usize>,
}

/// Unknown references beyond this many in one run get no suggestions.
const MAX_SUGGESTED: usize = 100;

/// The steps (one per pair of characters compared by the edit distance)
/// all suggestions of one run may take: long labels and long references
/// would otherwise cost the square of the input
/// (`pipeline_timeout_long_unknown_references` in
/// `tests/suite/fuzz_regressions.rs` bounds the time). Outlines of a thousand
/// topics with a hundred typos stay within it.
const MAX_SUGGESTION_WORK: usize = 100_000_000;

impl<'a> Resolver<'a> {
    /// Indexes the outline's labels. O(n).
    pub fn new(outline: &'a Outline) -> Self {
        Resolver::from_parts(
            outline.topics.iter().map(|t| t.label.as_str()).collect(),
            outline.topics.iter().map(|t| t.parent).collect(),
        )
    }

    /// Indexes topics given as labels and parents, in outline order. O(n).
    pub fn from_parts(labels: Vec<&'a str>, parent: Vec<Option<usize>>) -> Self {
        let mut by_label: FxHashMap<Folded<'a>, usize> = FxHashMap::default();
        by_label.reserve(labels.len());
        let mut next_same = vec![NONE; labels.len()];
        // Backwards, so each chain runs in outline order.
        for (i, label) in labels.iter().enumerate().rev() {
            if let Some(next) = by_label.insert(Folded(label), i) {
                next_same[i] = next;
            }
        }
        let label_bytes = by_label.keys().map(|k| k.0.len()).sum();
        Resolver {
            labels,
            parent,
            by_label,
            next_same,
            suggestions_left: std::cell::Cell::new(MAX_SUGGESTED),
            label_bytes,
            work_left: std::cell::Cell::new(MAX_SUGGESTION_WORK),
            ambiguous: Default::default(),
            compared: std::cell::Cell::new(0),
        }
    }

    /// The topics labelled `label` (compared folded), in outline order.
    pub(crate) fn with_label(&self, label: &str) -> impl Iterator<Item = usize> + '_ {
        let first = self.by_label.get(&Folded(label)).copied().unwrap_or(NONE);
        std::iter::successors(Some(first), |&i| self.next_same.get(i).copied())
            .take_while(|&i| i != NONE)
    }

    /// The full path of a topic, `Root > Section > Topic`.
    pub fn path(&self, index: usize) -> String {
        self.labels(index).join(" > ")
    }

    fn labels(&self, index: usize) -> Vec<&str> {
        let mut labels = Vec::new();
        let mut at = Some(index);
        while let Some(i) = at {
            labels.push(self.labels[i]);
            at = self.parent[i];
        }
        labels.reverse();
        labels
    }

    /// Resolves one reference to a topic index, or explains why not.
    pub fn resolve(&self, r: &Reference) -> Result<usize, DiagnosticKind> {
        if r.segments.len() > 1 {
            let mut whole = self.with_label(&r.whole);
            if let (Some(one), None) = (whole.next(), whole.next()) {
                return Ok(one);
            }
        }
        let (label, ancestors) = r
            .segments
            .split_last()
            .expect("a parsed reference has at least one segment");
        let mut matches = self
            .with_label(label)
            .filter(|&i| self.has_ancestors(i, ancestors));
        let first = matches.next();
        match (first, matches.next()) {
            (Some(one), None) => Ok(one),
            (None, _) => {
                let same_label: Vec<usize> = self.with_label(label).take(3).collect();
                let suggestions = if same_label.is_empty() {
                    self.closest(label)
                } else {
                    same_label.iter().map(|&i| self.path(i)).collect()
                };
                Err(DiagnosticKind::UnknownTopic {
                    reference: r.text.clone(),
                    suggestions,
                })
            }
            (Some(_), Some(_)) => {
                let key = r
                    .segments
                    .iter()
                    .map(|s| fold(s))
                    .collect::<Vec<_>>()
                    .join("\0");
                let known = self.ambiguous.borrow().get(&key).cloned();
                let mut kind = match known {
                    Some(kind) => kind,
                    None => {
                        let kind = self.ambiguity(label, ancestors);
                        self.ambiguous.borrow_mut().insert(key, kind.clone());
                        kind
                    }
                };
                if let DiagnosticKind::AmbiguousTopic { reference, .. } = &mut kind {
                    reference.clone_from(&r.text);
                }
                Err(kind)
            }
        }
    }

    /// The error for a reference (`label` under `ancestors`) that more
    /// than one topic matches: the first [`MAX_LISTED`] candidates, how
    /// many there are, and the shortest reference that picks each. The
    /// reference's own text is left empty for the caller.
    fn ambiguity(&self, label: &str, ancestors: &[String]) -> DiagnosticKind {
        // Every topic with the label, not only those the reference
        // matched: a suggested path must pick one among all of them.
        let same: Vec<usize> = self.with_label(label).collect();
        let many: Vec<usize> = same
            .iter()
            .copied()
            .filter(|&i| self.has_ancestors(i, ancestors))
            .collect();
        let listed = &many[..many.len().min(MAX_LISTED)];
        let others: Vec<usize> = same
            .iter()
            .copied()
            .filter(|i| !listed.contains(i))
            .take(MAX_COMPARED)
            .collect();
        let lengths = suffix_lengths(
            listed.len(),
            listed.len() + others.len(),
            |a, b| {
                let at = |k: usize| {
                    listed
                        .get(k)
                        .copied()
                        .unwrap_or_else(|| others[k - listed.len()])
                };
                self.compared.set(self.compared.get() + 1);
                self.common_suffix(at(a), at(b))
            },
            |a| self.depth(listed[a]) + 1,
        );
        let (references, unreachable) = self.split_references(listed, &lengths);
        DiagnosticKind::AmbiguousTopic {
            reference: String::new(),
            candidates: listed.iter().map(|&i| self.path(i)).collect(),
            count: many.len(),
            references,
            unreachable,
        }
    }

    /// How many labels (0 for a root) are above the topic.
    fn depth(&self, index: usize) -> usize {
        std::iter::successors(self.parent[index], |&p| self.parent[p]).count()
    }

    /// How many trailing labels the paths of two topics share (compared
    /// folded). O(the shorter path), no allocation.
    fn common_suffix(&self, a: usize, b: usize) -> usize {
        let mut n = 0;
        let (mut a, mut b) = (Some(a), Some(b));
        while let (Some(x), Some(y)) = (a, b) {
            if Folded(self.labels[x]) != Folded(self.labels[y]) {
                break;
            }
            n += 1;
            a = self.parent[x];
            b = self.parent[y];
        }
        n
    }

    /// The references (`A > x`) for the topics whose suffix length is
    /// known, and the full paths of those no reference can pick.
    fn split_references(
        &self,
        topics: &[usize],
        lengths: &[Option<usize>],
    ) -> (Vec<String>, Vec<String>) {
        let mut references = Vec::new();
        let mut unreachable = Vec::new();
        for (&i, k) in topics.iter().zip(lengths) {
            let labels = self.labels(i);
            match k {
                Some(k) => references.push(labels[labels.len() - k..].join(" > ")),
                None => unreachable.push(labels.join(" > ")),
            }
        }
        (references, unreachable)
    }

    /// Whether the topic's nearest ancestors are `ancestors` (outermost
    /// first), that is, the reference is a suffix of the topic's path.
    fn has_ancestors(&self, index: usize, ancestors: &[String]) -> bool {
        let mut at = self.parent[index];
        for wanted in ancestors.iter().rev() {
            match at {
                Some(p) if Folded(self.labels[p]) == Folded(wanted) => {
                    at = self.parent[p];
                }
                _ => return false,
            }
        }
        true
    }

    /// Up to three labels closest to `label`, best first; none once the
    /// run's suggestion budget (count or work) would be exceeded.
    fn closest(&self, label: &str) -> Vec<String> {
        let left = self.suggestions_left.get();
        let work = label.len().saturating_mul(self.label_bytes);
        if left == 0 || work > self.work_left.get() {
            return Vec::new();
        }
        self.suggestions_left.set(left - 1);
        self.work_left.set(self.work_left.get() - work);
        let label = fold(label);
        let label = label.as_str();
        let mut scored: Vec<(f64, usize)> = self
            .by_label
            .iter()
            .filter_map(|(candidate, &first)| {
                let score = crate::suggest::similarity(label, &fold(candidate.0))?;
                Some((score, first))
            })
            .collect();
        // Best score first; ties by outline position so the answer is stable.
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored
            .into_iter()
            .take(3)
            .map(|(_, i)| self.labels[i].to_string())
            .collect()
    }
}

/// Topics sharing a label beyond this many are not compared when choosing
/// the paths that tell the listed ones apart (each comparison walks two
/// paths).
const MAX_COMPARED: usize = 1000;

/// For the first `listed` of `all` topics sharing a label: how many
/// trailing labels of its path a reference needs to pick it (one more than
/// it shares with any other), or None when even its whole path is the end
/// of another's (a root `Root` beside `Root > root`): no reference can
/// pick it. `common(a, b)` is how many trailing labels two paths share,
/// `len(a)` a path's length.
fn suffix_lengths(
    listed: usize,
    all: usize,
    common: impl Fn(usize, usize) -> usize,
    len: impl Fn(usize) -> usize,
) -> Vec<Option<usize>> {
    (0..listed)
        .map(|a| {
            let shared = (0..all).filter(|&b| b != a).map(|b| common(a, b)).max();
            let need = shared.map_or(1, |s| s + 1).max(1);
            (need <= len(a)).then_some(need)
        })
        .collect()
}

/// For topics that share a label, given by their paths: the shortest path
/// suffix that picks each of them (`APIs > SOAP`), told apart from each
/// other and from `others` (more topics with the label, not listed), or
/// None for a topic no reference can pick because another's path ends
/// with its whole path.
///
/// ```
/// use roadmapper::prereqs::shortest_references;
/// let paths = [vec!["Backend", "APIs", "SOAP"], vec!["Backend", "Patterns", "SOAP"]];
/// assert_eq!(
///     shortest_references(&paths, &[]),
///     [Some("APIs > SOAP".to_string()), Some("Patterns > SOAP".to_string())]
/// );
/// let paths = [vec!["Root"], vec!["Root", "root"]];
/// assert_eq!(shortest_references(&paths, &[]), [None, Some("Root > root".to_string())]);
/// ```
pub fn shortest_references(paths: &[Vec<&str>], others: &[Vec<&str>]) -> Vec<Option<String>> {
    let path = |k: usize| -> &[&str] { paths.get(k).unwrap_or_else(|| &others[k - paths.len()]) };
    let common = |a: usize, b: usize| {
        path(a)
            .iter()
            .rev()
            .zip(path(b).iter().rev())
            .take_while(|(x, y)| Folded(x) == Folded(y))
            .count()
    };
    let lengths = suffix_lengths(
        paths.len(),
        paths.len() + others.len().min(MAX_COMPARED),
        common,
        |a| paths[a].len(),
    );
    paths
        .iter()
        .zip(lengths)
        .map(|(p, k)| k.map(|k| p[p.len() - k..].join(" > ")))
        .collect()
}

/// Resolves every edge of every file against the outline.
///
/// Returns the resolved edges and the errors: unknown and ambiguous
/// references, self-loops, and edges between a group and its own
/// descendant. Edges given twice are kept once, with a warning.
pub fn resolve_all(
    outline: &Outline,
    files: &[PrereqFile],
    subtree_end: &[usize],
) -> (Vec<Resolved>, Vec<Diagnostic>) {
    let (resolved, diags, _) = resolve_all_indexed(outline, files, subtree_end);
    (resolved, diags)
}

/// [`resolve_all`], and for each topic the next one in outline order with
/// the same label (compared folded), or `usize::MAX`: the index the
/// resolver built, kept so listings need not build it again.
pub fn resolve_all_indexed(
    outline: &Outline,
    files: &[PrereqFile],
    subtree_end: &[usize],
) -> (Vec<Resolved>, Vec<Diagnostic>, Vec<usize>) {
    let resolver = Resolver::new(outline);
    let mut resolved = Vec::new();
    let mut diags = Vec::new();
    // Duplicate warnings so far; beyond MAX_LISTED they are only counted,
    // with the place of the first one not shown.
    let mut duplicates = 0;
    let mut more_duplicates: Option<Diagnostic> = None;
    // Files given again under the same name (their lines are the same
    // lines: a warning pointing at itself would help no one).
    let mut repeated: Vec<&str> = Vec::new();
    let mut seen: FxHashMap<(usize, usize), (usize, usize)> = FxHashMap::default();
    // Reference errors on the current line: each quotes the whole line, so
    // beyond the first MAX_LISTED they are only counted (else a long line
    // of unknown topics makes a report the square of its length).
    let mut line_at = (usize::MAX, 0);
    let mut line_errors = 0;
    let mut line_more: Option<Diagnostic> = None;
    let mut last_error = None;
    for (fi, f) in files.iter().enumerate() {
        for e in &f.edges {
            if line_at != (fi, e.line) {
                diags.extend(line_more.take());
                line_at = (fi, e.line);
                line_errors = 0;
            }
            let from = resolver.resolve(&e.from);
            let to = resolver.resolve(&e.to);
            let (from, to) = match (from, to) {
                (Ok(a), Ok(b)) => (a, b),
                (a, b) => {
                    for (result, column) in [(a, e.from.column), (b, e.to.column)] {
                        let Err(kind) = result else { continue };
                        // In a chain `A -> B -> C`, B belongs to two edges: report it once.
                        if last_error.replace((fi, e.line, column)) == Some((fi, e.line, column)) {
                            continue;
                        }
                        line_errors += 1;
                        if line_errors > MAX_LISTED {
                            let count = line_errors - MAX_LISTED;
                            line_more
                                .get_or_insert_with(|| {
                                    Diagnostic::error(&f.file, e.line, column, kind)
                                })
                                .kind = DiagnosticKind::MoreReferenceErrors { count };
                        } else {
                            diags.push(Diagnostic::error(&f.file, e.line, column, kind));
                        }
                    }
                    continue;
                }
            };
            let topics = &outline.topics;
            if from == to {
                diags.push(Diagnostic::error(
                    &f.file,
                    e.line,
                    e.from.column,
                    DiagnosticKind::SelfPrerequisite {
                        label: topics[from].label.clone(),
                    },
                ));
                continue;
            }
            let inside = |group: usize, x: usize| group < x && x < subtree_end[group];
            if inside(from, to) || inside(to, from) {
                let (group, descendant) = if inside(from, to) {
                    (from, to)
                } else {
                    (to, from)
                };
                diags.push(Diagnostic::error(
                    &f.file,
                    e.line,
                    e.from.column,
                    DiagnosticKind::GroupDescendant {
                        group: topics[group].label.clone(),
                        descendant: topics[descendant].label.clone(),
                    },
                ));
                continue;
            }
            if let Some(&(first_file, line)) = seen.get(&(from, to)) {
                let file = &files[first_file].file;
                // The same line of a file given twice (not `A -> B -> A -> B`,
                // twice on one line, which is warned about below).
                if file == &f.file && line == e.line && first_file != fi {
                    if !repeated.contains(&f.file.as_str()) {
                        repeated.push(&f.file);
                    }
                    continue;
                }
                duplicates += 1;
                if duplicates > MAX_LISTED {
                    let count = duplicates - MAX_LISTED;
                    let more = more_duplicates.get_or_insert_with(|| {
                        Diagnostic::warning(
                            &f.file,
                            e.line,
                            e.from.column,
                            DiagnosticKind::MoreDuplicatePrerequisites { count },
                        )
                    });
                    more.kind = DiagnosticKind::MoreDuplicatePrerequisites { count };
                    continue;
                }
                let first = if first_file == fi && line == e.line {
                    format!("{file}:{line}, earlier on the same line")
                } else {
                    format!("{file}:{line}")
                };
                diags.push(Diagnostic::warning(
                    &f.file,
                    e.line,
                    e.from.column,
                    DiagnosticKind::DuplicatePrerequisite {
                        edge: format!("{} -> {}", topics[from].label, topics[to].label),
                        first,
                    },
                ));
                continue;
            }
            seen.insert((from, to), (fi, e.line));
            resolved.push(Resolved {
                from,
                to,
                file: f.file.clone(),
                line: e.line,
            });
        }
    }
    diags.extend(line_more);
    diags.extend(more_duplicates);
    for file in repeated {
        diags.push(Diagnostic::warning(
            file,
            0,
            0,
            DiagnosticKind::RepeatedPrereqFile,
        ));
    }
    (resolved, diags, resolver.next_same)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outline;

    const OUTLINE: &str = "APIs\n  REST\n  SOAP\nArchitectural Patterns\n  SOAP\n  Microservices\nDatabases\n  ACID\n";

    fn setup() -> Outline {
        outline::parse("o", OUTLINE.as_bytes()).unwrap()
    }

    fn hash_of(s: &str) -> u64 {
        use std::hash::BuildHasher;
        rustc_hash::FxBuildHasher.hash_one(Folded(s))
    }

    #[test]
    fn folded_keys_that_are_equal_hash_equal() {
        let long = "Kubernetes ".repeat(12); // 132 bytes: several chunks
        let pairs = [
            ("", ""),
            ("REST", "rest"),
            ("\u{212A}ubernetes", "kubernetes"), // Kelvin sign folds to ASCII
            ("ΟΔΟΣ", "οδος"),                    // final sigma
            ("Straße", "STRAßE"),
            (long.as_str(), &long.to_uppercase()),
            (&"x".repeat(61), &"X".repeat(61)),
            (&"é".repeat(40), &"É".repeat(40)),
        ];
        for (a, b) in pairs {
            assert_eq!(Folded(a), Folded(b), "{a:?} = {b:?}");
            assert_eq!(hash_of(a), hash_of(b), "{a:?} and {b:?} hash alike");
        }
        assert_ne!(Folded("REST"), Folded("RESTful"));
        assert_ne!(hash_of(&"x".repeat(61)), hash_of(&"x".repeat(62)));
        let outline = outline::parse("o", "\u{212A}ubernetes\nΟΔΟΣ\n".as_bytes()).unwrap();
        let r = Resolver::new(&outline);
        assert_eq!(r.resolve(&reference("KUBERNETES").unwrap()), Ok(0));
        assert_eq!(r.resolve(&reference("οδος").unwrap()), Ok(1));
    }

    #[test]
    fn references_match_under_normalisation_and_case_folding() {
        let outline = outline::parse(
            "o",
            "Caf\u{e9} Basics\nStraße\nIstanbul\n\u{fb01}le systems\nİzmir\nıssız\n".as_bytes(),
        )
        .unwrap();
        let r = Resolver::new(&outline);
        let find = |t: &str| r.resolve(&reference(t).unwrap());
        assert_eq!(find("Cafe\u{301} Basics"), Ok(0), "NFD names the NFC label");
        assert_eq!(find("CAFE\u{301} BASICS"), Ok(0));
        assert_eq!(find("STRASSE"), Ok(1));
        assert_eq!(find("strasse"), Ok(1));
        assert_eq!(find("İSTANBUL"), Ok(2));
        assert_eq!(find("istanbul"), Ok(2));
        assert_eq!(find("FILE SYSTEMS"), Ok(3));
        assert_eq!(find("IZMIR"), Ok(4));
        assert_eq!(find("izmir"), Ok(4));
        assert_eq!(find("\u{130}zmir"), Ok(4));
        // The dotless ı is its own letter.
        assert!(find("issiz").is_err());
        assert!(find("ISSIZ").is_err());
        for (a, b) in [
            ("Straße", "STRASSE"),
            ("Caf\u{e9}", "CAFE\u{301}"),
            ("İ", "i"),
        ] {
            assert_eq!(Folded(a), Folded(b));
            assert_eq!(hash_of(a), hash_of(b), "{a:?} and {b:?} hash alike");
        }
    }

    #[test]
    fn the_fast_fold_is_the_general_one() {
        let general = |s: &str| folded(s).collect::<String>();
        let tricky = [
            "Caf\u{e9}",
            "CAFE\u{301}",
            "\u{130}STANBUL",
            "i\u{307}\u{301}",
            "\u{130}\u{323}",
            "e\u{301}\u{323}",
            "e\u{323}\u{301}",
            "\u{1f88}\u{345}",
            "\u{3b1}\u{345}\u{301}",
            "\u{212b}ngstr\u{f6}m",
            "\u{212a}elvin",
            "\u{1c5}",
            "\u{fb01}\u{fb03}",
            "Stra\u{df}e \u{1e9e}",
            "\u{d55c}\u{ad6d}\u{c5b4}",
            "\u{1100}\u{1161}\u{11a8}",
            "\u{3a3}\u{3c2}\u{3c3}",
            "\u{13a0}\u{ab70}",
            "\u{f900}\u{2f800}",
        ];
        let mut fast_taken = 0;
        let mut check = |s: &str| {
            let mut out = String::new();
            if fold_fast(s, &mut out) {
                fast_taken += 1;
                assert_eq!(out, general(s), "{s:?}");
            }
            assert_eq!(fold(s), general(s), "{s:?}");
        };
        for s in tricky {
            check(s);
        }
        // Pseudo-random strings of letters, marks and symbols from the
        // ranges where decomposition and folding happen.
        let ranges = [
            (0x41, 0x250),
            (0x300, 0x370),
            (0x370, 0x530),
            (0x1e00, 0x2000),
            (0x2100, 0x2190),
            (0xac00, 0xac40),
            (0xfb00, 0xfb07),
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n
        };
        for _ in 0..20_000 {
            let len = 1 + next(6);
            let s: String = (0..len)
                .filter_map(|_| {
                    let (lo, hi) = ranges[next(ranges.len() as u64) as usize];
                    char::from_u32(lo + next(u64::from(hi - lo)) as u32)
                })
                .collect();
            check(&s);
        }
        assert!(
            fast_taken > 10_000,
            "the fast path is the usual one: {fast_taken}"
        );
    }

    fn resolve(text: &str) -> Result<usize, DiagnosticKind> {
        let o = setup();
        let r = Resolver::new(&o);
        let reference = parse_reference(text, 1).unwrap();
        r.resolve(&reference)
    }

    #[test]
    fn syntax() {
        let p = parse("p", b"A -> B -> C\n\n  # c\nD->E\r\n").unwrap();
        assert_eq!(p.edges.len(), 3);
        assert_eq!(p.edges[2].from.text, "D");
        assert_eq!(p.edges[2].line, 4);
        let e = parse("p", b"A\nA -> \n-> B\nA -> -> B\nok -> fine\n").unwrap_err();
        assert_eq!(
            e.iter()
                .map(|d| (d.line().unwrap(), d.column().unwrap()))
                .collect::<Vec<_>>(),
            [(1, 1), (2, 6), (3, 1), (4, 6)]
        );
    }

    #[test]
    fn long_chains_are_linear_and_capped() {
        let chain: Vec<String> = (0..MAX_REFERENCES).map(|i| format!("é{i}")).collect();
        let p = parse("p", chain.join(" -> ").as_bytes()).unwrap();
        assert_eq!(p.edges.len(), MAX_REFERENCES - 1);
        // Columns count characters: `é0 -> é1 -> ...`.
        assert_eq!(p.edges[1].from.column, 7);
        let last = p.edges.last().unwrap();
        let text = chain.join(" -> ");
        let at = text.rfind("->").unwrap() + 3;
        assert_eq!(last.to.column, text[..at].chars().count() + 1);
        let chain: Vec<String> = (0..=MAX_REFERENCES).map(|i| format!("t{i}")).collect();
        let e = parse("p", format!("a -> b\n{}\n", chain.join("->")).as_bytes()).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line().unwrap(), 2);
        assert_eq!(
            e[0].kind,
            DiagnosticKind::TooManyReferences {
                count: MAX_REFERENCES + 1,
                max: MAX_REFERENCES,
            }
        );
    }

    #[test]
    fn references() {
        assert_eq!(resolve("rest"), Ok(1));
        assert_eq!(resolve("  REST: [recommended] "), Ok(1));
        assert_eq!(resolve("APIs > SOAP"), Ok(2));
        assert_eq!(resolve("architectural   patterns>soap"), Ok(4));
        assert!(matches!(
            resolve("SOAP"),
            Err(DiagnosticKind::AmbiguousTopic { candidates, .. })
                if candidates == ["APIs > SOAP", "Architectural Patterns > SOAP"]
        ));
        assert!(matches!(
            resolve("RESTT"),
            Err(DiagnosticKind::UnknownTopic { suggestions, .. }) if suggestions[0] == "REST"
        ));
        assert!(matches!(
            resolve("Databases > SOAP"),
            Err(DiagnosticKind::UnknownTopic { suggestions, .. }) if suggestions.len() == 2
        ));
    }

    #[test]
    fn angle_brackets_belong_to_the_label() {
        fn split(t: &str) -> Vec<&str> {
            path_segments(t).collect()
        }
        assert_eq!(split("Vec<T>"), ["Vec<T>"]);
        assert_eq!(split("HashMap<K, V>"), ["HashMap<K, V>"]);
        assert_eq!(split("Option<Vec<T>>"), ["Option<Vec<T>>"]);
        assert_eq!(split("Rust > Vec<T>"), ["Rust ", " Vec<T>"]);
        assert_eq!(split("x<y > z"), ["x<y ", " z"]);
        assert_eq!(split("a>b>c"), ["a", "b", "c"]);
        let o = outline::parse("o", b"Rust\n  Vec<T>\n  HashMap<K, V>\n").unwrap();
        let r = Resolver::new(&o);
        assert_eq!(r.resolve(&reference("vec<t>").unwrap()), Ok(1));
        assert_eq!(
            r.resolve(&reference("Rust > HashMap<K, V>").unwrap()),
            Ok(2)
        );
        assert_eq!(r.resolve(&reference("Rust>Vec<T>").unwrap()), Ok(1));
        let p = parse("p", b"Vec<T> -> HashMap<K, V>\n").unwrap();
        assert_eq!(p.edges[0].to.segments, ["hashmap<k, v>"]);
    }

    #[test]
    fn a_label_may_contain_the_path_separator() {
        let o = outline::parse("o", b"Ops\n  x > y\n  y\n").unwrap();
        let r = Resolver::new(&o);
        assert_eq!(r.resolve(&reference("X > Y").unwrap()), Ok(1));
        assert_eq!(r.resolve(&reference("Ops > Y").unwrap()), Ok(2));
    }

    /// The suggested references and the unreachable ones of an ambiguous
    /// reference.
    fn ambiguity(r: &Resolver, text: &str) -> (Vec<String>, Vec<String>) {
        match r.resolve(&reference(text).unwrap()) {
            Err(DiagnosticKind::AmbiguousTopic {
                references,
                unreachable,
                ..
            }) => (references, unreachable),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn ambiguity_never_suggests_an_ambiguous_reference() {
        let o = outline::parse("o", b"Root\n  root\n").unwrap();
        let r = Resolver::new(&o);
        let (references, unreachable) = ambiguity(&r, "Root");
        assert_eq!(references, ["Root > root"]);
        assert_eq!(unreachable, ["Root"]);
        assert_eq!(r.resolve(&reference("Root > root").unwrap()), Ok(1));
        // Identical paths through differently placed but equally named
        // parents: neither can be picked.
        let o = outline::parse("o", b"X\n  p\n    t\n  p\n    t\n  q\n    t\n").unwrap();
        let r = Resolver::new(&o);
        let (references, unreachable) = ambiguity(&r, "t");
        assert_eq!(references, ["q > t"]);
        assert_eq!(unreachable, ["X > p > t", "X > p > t"]);
        // A suggested path is told apart from every topic with the label,
        // not only the ones the reference matched.
        let o = outline::parse("o", b"A\n  B\n    x\nC\n  B\n    x\nD\n  x\n").unwrap();
        let r = Resolver::new(&o);
        let e = r.resolve(&reference("B > x").unwrap()).unwrap_err();
        assert!(
            matches!(&e, DiagnosticKind::AmbiguousTopic { references, .. }
                if references == &["A > B > x", "C > B > x"]),
            "{e:?}"
        );
    }

    /// A label shared by many topics, named again and again (in any
    /// case): its topics are told apart once, whatever the number of
    /// lines naming it, and each error quotes its own reference.
    #[test]
    fn an_ambiguous_reference_is_worked_out_once() {
        let mut text = String::from("Root\n");
        for i in 0..50 {
            text.push_str(&format!("  Group {i}\n    Shared\n"));
        }
        let o = outline::parse("o", text.as_bytes()).unwrap();
        let r = Resolver::new(&o);
        let _ = r.resolve(&reference("Shared").unwrap());
        let once = r.compared.get();
        assert!(once > 0);
        for spelling in ["Shared", "SHARED", "shared"].iter().cycle().take(300) {
            match r.resolve(&reference(spelling).unwrap()) {
                Err(DiagnosticKind::AmbiguousTopic {
                    reference, count, ..
                }) => assert_eq!((reference.as_str(), count), (*spelling, 50)),
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(r.compared.get(), once);
    }

    #[test]
    fn an_outline_given_as_prerequisites_is_one_error() {
        let outline = include_bytes!("../tests/fixtures/backend-seed.txt");
        let (p, e) = parse_lenient("seed.txt", outline);
        assert!(p.edges.is_empty());
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(matches!(
            e[0].kind,
            DiagnosticKind::PrereqsLookLikeOutline { .. }
        ));
        assert!(e[0].help().unwrap().contains("--prereqs"));
        // A few typos in a prerequisite file stay errors of their own.
        let (p, e) = parse_lenient("p", b"A -> B\nC\nD -> E\nF\nG -> H\n");
        assert_eq!(p.edges.len(), 3);
        assert_eq!(e.len(), 2);
    }

    #[test]
    fn duplicates_never_point_at_themselves_and_are_capped() {
        let o = outline::parse("o", b"A\nB\nC\n").unwrap();
        let ends = crate::outline::subtree_ends(&o);
        let p = parse("p", b"A -> B\nB -> C\n").unwrap();
        let (edges, diags) = resolve_all(&o, &[p.clone(), p.clone()], &ends);
        assert_eq!(edges.len(), 2);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].kind, DiagnosticKind::RepeatedPrereqFile);
        assert!(!diags[0].is_error());
        // The same lines under another name: warnings naming the other file.
        let mut q = p.clone();
        q.file = "q".into();
        let (_, diags) = resolve_all(&o, &[p.clone(), q], &ends);
        assert_eq!(diags.len(), 2);
        assert!(
            diags[0]
                .to_string()
                .contains("q:1: prerequisite `A -> B` is given twice (first at p:1)")
        );
        // Twice on one line.
        let p2 = parse("p", b"A -> B -> A -> B\n").unwrap();
        let (_, diags) = resolve_all(&o, &[p2], &ends);
        assert!(
            diags[0].to_string().contains("earlier on the same line"),
            "{diags:?}"
        );
        // Many duplicates: the first MAX_LISTED, then a count.
        let labels: String = (0..30).map(|i| format!("t{i}\n")).collect();
        let o = outline::parse("o", labels.as_bytes()).unwrap();
        let ends = crate::outline::subtree_ends(&o);
        let lines: String = (0..29).map(|i| format!("t{i} -> t{}\n", i + 1)).collect();
        let a = parse("a", lines.as_bytes()).unwrap();
        let mut b = a.clone();
        b.file = "b".into();
        let (_, diags) = resolve_all(&o, &[a, b], &ends);
        assert_eq!(diags.len(), MAX_LISTED + 1);
        assert_eq!(
            diags[MAX_LISTED].kind,
            DiagnosticKind::MoreDuplicatePrerequisites {
                count: 29 - MAX_LISTED
            }
        );
        assert_eq!(diags[MAX_LISTED].line().unwrap(), MAX_LISTED + 1);
    }

    #[test]
    fn reference_errors_of_one_line_are_capped() {
        let o = setup();
        let ends = crate::outline::subtree_ends(&o);
        let line: Vec<String> = (0..30).map(|i| format!("Nope{i}")).collect();
        let text = format!("{}\nREST -> Nope\n", line.join(" -> "));
        let p = parse("p", text.as_bytes()).unwrap();
        let (_, diags) = resolve_all(&o, &[p], &ends);
        assert_eq!(diags.len(), MAX_LISTED + 2, "{diags:?}");
        let more = &diags[MAX_LISTED];
        assert_eq!(
            more.kind,
            DiagnosticKind::MoreReferenceErrors {
                count: 30 - MAX_LISTED
            }
        );
        assert_eq!(
            (more.line().unwrap(), more.column().unwrap()),
            (1, p_column(&line, MAX_LISTED))
        );
        assert_eq!(diags[MAX_LISTED + 1].line().unwrap(), 2);
    }

    /// The column of the `k`th reference of `refs` joined by ` -> `.
    fn p_column(refs: &[String], k: usize) -> usize {
        refs[..k]
            .iter()
            .map(|r| r.chars().count() + 4)
            .sum::<usize>()
            + 1
    }

    #[test]
    fn chain_reports_an_unknown_middle_once() {
        let o = setup();
        let ends = crate::outline::subtree_ends(&o);
        let p = parse("p", b"REST -> Nope -> ACID\n").unwrap();
        let (_, diags) = resolve_all(&o, &[p], &ends);
        assert_eq!(diags.len(), 1);
    }

    #[test]
    fn group_rules_and_duplicates() {
        let o = setup();
        let ends = crate::outline::subtree_ends(&o);
        let p = parse(
            "p",
            b"APIs -> REST\nACID -> ACID\nREST -> ACID\nrest -> acid\nDatabases -> APIs\n",
        )
        .unwrap();
        let (edges, diags) = resolve_all(&o, &[p], &ends);
        assert_eq!(edges.len(), 2);
        let kinds: Vec<_> = diags
            .iter()
            .map(|d| (d.line().unwrap(), d.is_error()))
            .collect();
        assert_eq!(kinds, [(1, true), (2, true), (4, false)]);
    }
}
