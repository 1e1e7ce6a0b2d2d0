//! Realistic large roadmaps for benchmarks and experiments: a title,
//! sections, topics, subtopics and a few sub-subtopics, labels of 10 to 40
//! characters, a sprinkling of tags, and forward prerequisites.
//!
//! The result depends only on the options (a seeded xorshift generator),
//! so a size and a seed name one roadmap on every machine.
//!
//! ```
//! use roadmapper::generate::{generate, GenerateOptions};
//! use roadmapper::{Input, load};
//!
//! let g = generate(&GenerateOptions { topics: 1_000, ..GenerateOptions::default() });
//! let r = load(&Input::new("g.txt", g.outline), &[Input::new("g.prereqs", g.prereqs)]).unwrap();
//! assert_eq!(r.len(), 1_000);
//! assert_eq!(r.prerequisites().count(), 100);
//! ```

pub mod dense;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenerateOptions {
    /// Number of topics (outline lines), title included.
    pub topics: usize,
    /// Prerequisites per hundred topics (10 gives 10%).
    pub prereqs_percent: usize,
    /// The seed: the same options give the same roadmap.
    pub seed: u64,
}

impl Default for GenerateOptions {
    fn default() -> GenerateOptions {
        GenerateOptions {
            topics: 1_000,
            prereqs_percent: 10,
            seed: 1,
        }
    }
}

/// A generated roadmap: the outline and the prerequisite file, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The outline, 4 spaces per level.
    pub outline: String,
    /// `A -> B` lines, each `B` after the whole subtree of `A`.
    pub prereqs: String,
}

/// xorshift64*: tiny, deterministic, good enough for test data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // Spread the seed (splitmix64) so seeds 0, 1, 2 differ at once;
        // xorshift must not start at 0.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform-ish in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 11) % n as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "http",
    "caching",
    "design",
    "patterns",
    "testing",
    "queues",
    "security",
    "storage",
    "indexes",
    "replication",
    "sharding",
    "consistency",
    "graphs",
    "deploy",
    "containers",
    "memory",
    "threads",
    "locks",
    "scaling",
    "load",
    "balancing",
    "proxies",
    "tokens",
    "sessions",
    "auth",
    "logging",
    "metrics",
    "tracing",
    "search",
    "streams",
    "events",
    "schemas",
    "api",
    "rest",
    "grpc",
    "web",
    "sockets",
    "dns",
    "tls",
    "kernels",
    "files",
    "networks",
    "basics",
    "advanced",
    "of",
    "and",
    "for",
    "with",
    "in",
    "practice",
];

/// A label of 10 to 40 characters made of words and ending in a serial
/// number, which keeps labels unique (real roadmaps have unique labels or
/// use paths) and references unambiguous.
fn label(rng: &mut Rng, serial: usize, out: &mut String) {
    let suffix_len = 1 + decimal_len(serial);
    let target = 10 + rng.below(31); // total length 10..=40
    let start = out.len();
    while out.len() - start + suffix_len < target {
        let w = WORDS[rng.below(WORDS.len())];
        let len = out.len() - start;
        if len > 0 && len + 1 + w.len() + suffix_len > 40 {
            break;
        }
        if len == 0 {
            out.push_str(&w[..1].to_ascii_uppercase());
            out.push_str(&w[1..]);
        } else {
            out.push(' ');
            out.push_str(w);
        }
    }
    if out.len() == start {
        out.push_str("Topic");
    }
    out.push(' ');
    push_decimal(out, serial);
}

fn decimal_len(mut n: usize) -> usize {
    let mut len = 1;
    while n >= 10 {
        n /= 10;
        len += 1;
    }
    len
}

fn push_decimal(out: &mut String, n: usize) {
    use std::fmt::Write as _;
    let _ = write!(out, "{n}");
}

/// The most prerequisites one request may ask for
/// (`topics * prereqs_percent / 100`): [`write()`] refuses more, with
/// [`GenerateError::TooManyPrerequisites`], and [`generate`] stops there.
/// Writing keeps one 8-byte key per prerequisite to skip repeated pairs:
/// this bounds that memory.
pub const MAX_PREREQUISITES: usize = 20_000_000;

/// The most topics one request may ask for: [`write()`] refuses more, with
/// [`GenerateError::TooManyTopics`], and [`generate`] makes this many.
/// Writing keeps each topic's label, parent and extent, not the text.
pub const MAX_TOPICS: usize = 20_000_000;

/// Why a request is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GenerateError {
    /// More topics than [`MAX_TOPICS`].
    TooManyTopics {
        /// The topics asked for.
        topics: usize,
    },
    /// More prerequisites than [`MAX_PREREQUISITES`].
    TooManyPrerequisites {
        /// The prerequisites asked for (`topics * prereqs_percent / 100`,
        /// saturating).
        wanted: usize,
    },
}

impl std::fmt::Display for GenerateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            GenerateError::TooManyTopics { topics } => write!(
                f,
                "{topics} topics asked for; at most {MAX_TOPICS} can be generated"
            ),
            GenerateError::TooManyPrerequisites { wanted } => write!(
                f,
                "{wanted} prerequisites asked for (topics * prereqs-percent / 100); at most {MAX_PREREQUISITES} can be generated"
            ),
        }
    }
}

impl std::error::Error for GenerateError {}

impl GenerateOptions {
    /// The number of prerequisites asked for: `topics * prereqs_percent /
    /// 100` (saturating; tiny roadmaps may have fewer distinct pairs).
    pub fn prerequisites(&self) -> usize {
        self.topics.max(1).saturating_mul(self.prereqs_percent) / 100
    }

    /// Whether [`write()`] accepts these options: at most [`MAX_TOPICS`]
    /// topics and [`MAX_PREREQUISITES`] prerequisites.
    ///
    /// ```
    /// use roadmapper::generate::{GenerateError, GenerateOptions};
    /// let ok = GenerateOptions { topics: 10_000, prereqs_percent: 1_000, seed: 1 };
    /// assert_eq!(ok.check(), Ok(()));
    /// let huge = GenerateOptions { topics: 10_000_000, prereqs_percent: 1_000, seed: 1 };
    /// assert_eq!(
    ///     huge.check(),
    ///     Err(GenerateError::TooManyPrerequisites { wanted: 100_000_000 })
    /// );
    /// ```
    pub fn check(&self) -> Result<(), GenerateError> {
        check_limits(self.topics, self.prerequisites())
    }
}

/// Refuses `topics` over [`MAX_TOPICS`] or `wanted` prerequisites over
/// [`MAX_PREREQUISITES`]: the limits both generators share.
fn check_limits(topics: usize, wanted: usize) -> Result<(), GenerateError> {
    if topics > MAX_TOPICS {
        return Err(GenerateError::TooManyTopics { topics });
    }
    if wanted > MAX_PREREQUISITES {
        return Err(GenerateError::TooManyPrerequisites { wanted });
    }
    Ok(())
}

/// Writes topics as outline lines, keeping what the prerequisites need.
struct Builder<'w> {
    rng: Rng,
    out: std::io::BufWriter<&'w mut dyn std::io::Write>,
    /// Every label, end to end; label `i` starts at `starts[i]` and ends
    /// where the next starts.
    labels: String,
    starts: Vec<usize>,
    parent: Vec<Option<usize>>,
}

impl Builder<'_> {
    fn len(&self) -> usize {
        self.parent.len()
    }

    fn label(&self, i: usize) -> &str {
        let end = self.starts.get(i + 1).copied().unwrap_or(self.labels.len());
        &self.labels[self.starts[i]..end]
    }

    fn push(&mut self, depth: usize, parent: Option<usize>) -> std::io::Result<usize> {
        use std::io::Write as _;
        let i = self.parent.len();
        for _ in 0..depth {
            self.out.write_all(b"    ")?;
        }
        let start = self.labels.len();
        if i == 0 {
            self.labels.push_str("Generated Roadmap");
        } else {
            label(&mut self.rng, i, &mut self.labels);
        }
        self.starts.push(start);
        self.out.write_all(&self.labels.as_bytes()[start..])?;
        if depth >= 2 {
            match self.rng.below(20) {
                0 => self.out.write_all(b" [recommended]")?,
                1 => self.out.write_all(b" [optional]")?,
                _ => {}
            }
        }
        self.out.write_all(b"\n")?;
        self.parent.push(parent);
        Ok(i)
    }
}

/// Generates a roadmap of `options.topics` topics (at least 1: the title)
/// and `options.topics * options.prereqs_percent / 100` prerequisites, as
/// text: the same bytes as [`write()`], which is better for big roadmaps.
/// Beyond [`MAX_TOPICS`] or [`MAX_PREREQUISITES`] it makes that many.
///
/// Shape: about `sqrt(n) / 2` sections; each section holds topics with 0
/// to 8 subtopics, and one subtopic in 8 has 1 to 3 children. A topic in
/// 20 is tagged `[recommended]`, one in 20 `[optional]`. A prerequisite
/// `A -> B` has `B` after the whole subtree of `A`, nine times in ten
/// within the next 2,000 topics, else anywhere later: so prerequisites
/// never form a cycle and never join a group with its own members.
pub fn generate(options: &GenerateOptions) -> Generated {
    let topics = options.topics.min(MAX_TOPICS);
    let wanted = options.prerequisites().min(MAX_PREREQUISITES);
    in_memory(|outline, prereqs| write_capped(topics, wanted, options.seed, outline, Some(prereqs)))
}

/// The text a streaming writer writes, kept in memory.
fn in_memory(
    write: impl FnOnce(&mut dyn std::io::Write, &mut dyn std::io::Write) -> std::io::Result<()>,
) -> Generated {
    let (mut outline, mut prereqs) = (Vec::new(), Vec::new());
    // Writing to memory fails only when memory runs out, which aborts.
    let _ = write(&mut outline, &mut prereqs);
    let text = |v: Vec<u8>| {
        String::from_utf8(v).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    };
    Generated {
        outline: text(outline),
        prereqs: text(prereqs),
    }
}

/// Writes the roadmap [`generate`] makes: the outline to `outline`, the
/// prerequisites (when asked for) to `prereqs`, the same bytes, streamed.
/// Memory grows with the topics (each one's label, parent and extent) and
/// the prerequisites (one key each), never with the text itself.
///
/// Options that [`GenerateOptions::check`] refuses are refused before
/// anything is written: an [`std::io::ErrorKind::InvalidInput`] error
/// whose inner error is the [`GenerateError`].
///
/// ```
/// use roadmapper::generate::{generate, write, GenerateOptions};
/// let o = GenerateOptions { topics: 500, prereqs_percent: 50, seed: 3 };
/// let (mut outline, mut prereqs) = (Vec::new(), Vec::new());
/// write(&o, &mut outline, Some(&mut prereqs)).unwrap();
/// let g = generate(&o);
/// assert_eq!((outline, prereqs), (g.outline.into_bytes(), g.prereqs.into_bytes()));
/// ```
pub fn write(
    options: &GenerateOptions,
    outline: &mut dyn std::io::Write,
    prereqs: Option<&mut dyn std::io::Write>,
) -> std::io::Result<()> {
    options
        .check()
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
    write_capped(
        options.topics,
        options.prerequisites(),
        options.seed,
        outline,
        prereqs,
    )
}

fn write_capped(
    topics: usize,
    wanted: usize,
    seed: u64,
    outline: &mut dyn std::io::Write,
    prereqs: Option<&mut dyn std::io::Write>,
) -> std::io::Result<()> {
    use std::io::Write as _;
    let n = topics.max(1);
    let mut b = Builder {
        rng: Rng::new(seed),
        out: std::io::BufWriter::with_capacity(1 << 16, outline),
        labels: String::with_capacity(n.saturating_mul(30)),
        starts: Vec::with_capacity(n),
        parent: Vec::with_capacity(n),
    };
    let title = b.push(0, None)?;
    let sections = (((n as f64).sqrt() / 2.0).round() as usize).clamp(1, (n - 1).max(1));
    let rest = n - 1;
    for s in 0..sections {
        // Section `s` ends at topic `1 + rest * (s + 1) / sections`.
        let end = 1 + rest * (s + 1) / sections;
        if b.len() >= end {
            continue;
        }
        let section = b.push(1, Some(title))?;
        while b.len() < end {
            let topic = b.push(2, Some(section))?;
            for _ in 0..b.rng.below(9) {
                if b.len() >= end {
                    break;
                }
                let sub = b.push(3, Some(topic))?;
                if b.rng.below(8) == 0 {
                    for _ in 0..1 + b.rng.below(3) {
                        if b.len() >= end {
                            break;
                        }
                        b.push(4, Some(sub))?;
                    }
                }
            }
        }
    }
    b.out.flush()?;
    debug_assert_eq!(b.parent.len(), n);
    let Some(prereqs) = prereqs else {
        return Ok(());
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, prereqs);

    // The index just past each topic's subtree.
    let mut end: Vec<usize> = (1..=n).collect();
    for i in (0..n).rev() {
        if let Some(p) = b.parent[i] {
            end[p] = end[p].max(end[i]);
        }
    }
    b.parent = Vec::new();
    // Topics that have something after their subtree (the title has not).
    let sources: Vec<usize> = (1..n).filter(|&i| end[i] < n).collect();
    out.write_all(b"# generated prerequisites\n")?;
    if !sources.is_empty() {
        // Each pair as one number: n is at most MAX_TOPICS, so n * n fits.
        let mut seen = rustc_hash::FxHashSet::default();
        seen.reserve(wanted);
        let mut attempts = 0usize;
        while seen.len() < wanted && attempts < wanted.saturating_mul(20) {
            attempts += 1;
            let from = sources[b.rng.below(sources.len())];
            let span = if b.rng.below(10) == 0 { n } else { 2_000 };
            let to = end[from] + b.rng.below(span.min(n - end[from]));
            if !seen.insert(from as u64 * n as u64 + to as u64) {
                continue;
            }
            write_prerequisite(&mut out, b.label(from), b.label(to))?;
        }
    }
    out.flush()
}

/// One `A -> B` line of a prerequisite file.
fn write_prerequisite(out: &mut impl std::io::Write, from: &str, to: &str) -> std::io::Result<()> {
    out.write_all(from.as_bytes())?;
    out.write_all(b" -> ")?;
    out.write_all(to.as_bytes())?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Input, load};

    /// A second generator that builds everything in memory: the streamed
    /// bytes of [`write()`] must be the same.
    mod legacy {
        use super::super::{GenerateOptions, Generated, Rng, label};

        /// Appends topics to the outline text.
        struct Builder {
            rng: Rng,
            outline: String,
            parent: Vec<Option<usize>>,
            /// Each label's byte range in `outline`.
            spans: Vec<(usize, usize)>,
        }

        impl Builder {
            fn len(&self) -> usize {
                self.parent.len()
            }

            fn push(&mut self, depth: usize, parent: Option<usize>) -> usize {
                let i = self.parent.len();
                for _ in 0..depth {
                    self.outline.push_str("    ");
                }
                let start = self.outline.len();
                if i == 0 {
                    self.outline.push_str("Generated Roadmap");
                } else {
                    label(&mut self.rng, i, &mut self.outline);
                }
                self.spans.push((start, self.outline.len()));
                if depth >= 2 {
                    match self.rng.below(20) {
                        0 => self.outline.push_str(" [recommended]"),
                        1 => self.outline.push_str(" [optional]"),
                        _ => {}
                    }
                }
                self.outline.push('\n');
                self.parent.push(parent);
                i
            }
        }

        /// Generates a roadmap of `options.topics` topics (at least 1: the title)
        /// and `options.topics * options.prereqs_percent / 100` prerequisites.
        ///
        /// Shape: about `sqrt(n) / 2` sections; each section holds topics with 0
        /// to 8 subtopics, and one subtopic in 8 has 1 to 3 children. A topic in
        /// 20 is tagged `[recommended]`, one in 20 `[optional]`. A prerequisite
        /// `A -> B` has `B` after the whole subtree of `A`, nine times in ten
        /// within the next 2,000 topics, else anywhere later: so prerequisites
        /// never form a cycle and never join a group with its own members.
        pub(super) fn generate(options: &GenerateOptions) -> Generated {
            let n = options.topics.max(1);
            let mut b = Builder {
                rng: Rng::new(options.seed),
                outline: String::with_capacity(n * 32),
                parent: Vec::with_capacity(n),
                spans: Vec::with_capacity(n),
            };
            let title = b.push(0, None);
            let sections = (((n as f64).sqrt() / 2.0).round() as usize).clamp(1, (n - 1).max(1));
            let rest = n - 1;
            for s in 0..sections {
                // Section `s` ends at topic `1 + rest * (s + 1) / sections`.
                let end = 1 + rest * (s + 1) / sections;
                if b.len() >= end {
                    continue;
                }
                let section = b.push(1, Some(title));
                while b.len() < end {
                    let topic = b.push(2, Some(section));
                    for _ in 0..b.rng.below(9) {
                        if b.len() >= end {
                            break;
                        }
                        let sub = b.push(3, Some(topic));
                        if b.rng.below(8) == 0 {
                            for _ in 0..1 + b.rng.below(3) {
                                if b.len() >= end {
                                    break;
                                }
                                b.push(4, Some(sub));
                            }
                        }
                    }
                }
            }
            let Builder {
                mut rng,
                outline,
                parent,
                spans,
            } = b;
            debug_assert_eq!(parent.len(), n);

            // The index just past each topic's subtree.
            let mut end: Vec<usize> = (1..=n).collect();
            for i in (0..n).rev() {
                if let Some(p) = parent[i] {
                    end[p] = end[p].max(end[i]);
                }
            }
            let wanted = n.saturating_mul(options.prereqs_percent) / 100;
            // Topics that have something after their subtree (the title has not).
            let sources: Vec<usize> = (1..n).filter(|&i| end[i] < n).collect();
            let mut prereqs = String::with_capacity(wanted * 56 + 32);
            prereqs.push_str("# generated prerequisites\n");
            if !sources.is_empty() {
                let mut seen = std::collections::HashSet::with_capacity(wanted);
                let mut attempts = 0usize;
                while seen.len() < wanted && attempts < wanted.saturating_mul(20) {
                    attempts += 1;
                    let from = sources[rng.below(sources.len())];
                    let span = if rng.below(10) == 0 { n } else { 2_000 };
                    let to = end[from] + rng.below(span.min(n - end[from]));
                    if !seen.insert((from, to)) {
                        continue;
                    }
                    let (a, b) = spans[from];
                    prereqs.push_str(&outline[a..b]);
                    prereqs.push_str(" -> ");
                    let (a, b) = spans[to];
                    prereqs.push_str(&outline[a..b]);
                    prereqs.push('\n');
                }
            }
            Generated { outline, prereqs }
        }
    }

    #[test]
    fn write_gives_the_same_bytes_as_the_in_memory_generator() {
        for (topics, percent, seed) in [
            (0, 10, 1),
            (1, 10, 1),
            (2, 1_000, 1),
            (3, 500, 7),
            (130, 10, 1),
            (1_000, 0, 2),
            (1_000, 10, 2),
            (2_500, 1_000, 5),
            (20_000, 100, 3),
        ] {
            let o = GenerateOptions {
                topics,
                prereqs_percent: percent,
                seed,
            };
            let want = legacy::generate(&o);
            let (mut outline, mut prereqs) = (Vec::new(), Vec::new());
            write(&o, &mut outline, Some(&mut prereqs)).unwrap();
            assert!(outline == want.outline.as_bytes(), "{o:?}: outline");
            assert!(prereqs == want.prereqs.as_bytes(), "{o:?}: prereqs");
            let mut alone = Vec::new();
            write(&o, &mut alone, None).unwrap();
            assert!(alone == outline, "{o:?}: outline without prerequisites");
            assert_eq!(generate(&o), want, "{o:?}: generate");
        }
    }

    #[test]
    fn requests_over_the_limits_are_refused_before_writing() {
        let o = GenerateOptions {
            topics: 10_000_000,
            prereqs_percent: 1_000,
            seed: 1,
        };
        assert_eq!(
            o.check(),
            Err(GenerateError::TooManyPrerequisites {
                wanted: 100_000_000
            })
        );
        let (mut outline, mut prereqs) = (Vec::new(), Vec::new());
        let e = write(&o, &mut outline, Some(&mut prereqs)).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::InvalidInput);
        assert!(e.to_string().contains("20000000"), "{e}");
        assert!(outline.is_empty() && prereqs.is_empty());
        // Saturating: no overflow on absurd requests.
        let absurd = GenerateOptions {
            topics: usize::MAX,
            prereqs_percent: usize::MAX,
            seed: 1,
        };
        assert!(matches!(
            absurd.check(),
            Err(GenerateError::TooManyTopics { .. })
        ));
        let at_limit = GenerateOptions {
            topics: MAX_TOPICS,
            prereqs_percent: 100,
            seed: 1,
        };
        assert_eq!(at_limit.check(), Ok(()));
        let over = GenerateOptions {
            prereqs_percent: 101,
            ..at_limit
        };
        assert!(over.check().is_err());
        assert!(
            GenerateOptions {
                topics: MAX_TOPICS + 1,
                prereqs_percent: 0,
                seed: 1
            }
            .check()
            .is_err()
        );
    }

    fn loaded(topics: usize, seed: u64) -> (Generated, crate::Roadmap) {
        let g = generate(&GenerateOptions {
            topics,
            prereqs_percent: 10,
            seed,
        });
        let r = load(
            &Input::new("g.txt", g.outline.as_bytes()),
            &[Input::new("g.prereqs", g.prereqs.as_bytes())],
        )
        .unwrap_or_else(|e| panic!("{topics} topics, seed {seed}: {e}"));
        (g, r)
    }

    #[test]
    fn sizes_are_exact_and_inputs_load_cleanly() {
        for (topics, seed) in [(1, 1), (2, 1), (3, 7), (130, 1), (1_000, 2), (10_000, 3)] {
            let (_, r) = loaded(topics, seed);
            assert_eq!(r.len(), topics);
            assert!(r.warnings().is_empty(), "{:?}", r.warnings());
            let want = topics / 10;
            // Tiny roadmaps may have fewer distinct forward pairs.
            if topics >= 130 {
                assert_eq!(r.prerequisites().count(), want, "{topics} topics");
            }
        }
    }

    #[test]
    fn labels_are_10_to_40_characters_and_unique() {
        let (_, r) = loaded(5_000, 9);
        let mut seen = std::collections::HashSet::new();
        for t in r.topics().skip(1) {
            let len = t.label.chars().count();
            assert!((10..=40).contains(&len), "{:?} has {len}", t.label);
            assert!(seen.insert(t.label.to_lowercase()), "{:?} twice", t.label);
        }
    }

    #[test]
    fn shape_has_sections_topics_and_subtopics() {
        let (_, r) = loaded(10_000, 1);
        assert_eq!(r.sections().len(), 50);
        let depth = r.topics().map(|t| t.depth).max();
        assert_eq!(depth, Some(4));
        let tagged = r.topics().filter(|t| !t.tags.is_empty()).count();
        assert!((500..1500).contains(&tagged), "{tagged} tagged");
    }

    #[test]
    fn same_seed_same_roadmap_other_seed_other_roadmap() {
        let o = |seed| GenerateOptions {
            topics: 2_000,
            prereqs_percent: 10,
            seed,
        };
        assert_eq!(generate(&o(5)), generate(&o(5)));
        assert_ne!(generate(&o(5)).outline, generate(&o(6)).outline);
    }
}
