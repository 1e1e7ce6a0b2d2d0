//! A dense curriculum: the shape real course catalogues have and our plain
//! generator has not. About 2.4 prerequisites a topic, three in four of
//! them across sections, for trying layouts where they struggle.
//!
//! Every topic gets a hidden *rank*, a number that increases down its
//! section; sections start at staggered ranks and overlap, as subjects of
//! a curriculum are studied side by side. A prerequisite `A -> B` is drawn
//! only when the whole subtree of `A` ranks before `B`, so the ranks are a
//! study order every constraint (parent before child; `A`'s subtree before
//! `B`) respects: the prerequisites never form a cycle, and never join a
//! topic with its own ancestor or descendant (their subtrees overlap).
//! Each target takes its sources among the 60 latest-ranked eligible
//! topics, so prerequisites join topics close in the learning order, as
//! real ones do.
//!
//! ```
//! use roadmapper::generate::dense::{generate, DenseOptions};
//! use roadmapper::{Input, load};
//!
//! let g = generate(&DenseOptions { topics: 500, seed: 7 });
//! let r = load(&Input::new("d.txt", g.outline), &[Input::new("d.prereqs", g.prereqs)]).unwrap();
//! assert_eq!(r.len(), 500);
//! assert_eq!(r.sections().len(), 17);
//! assert!(r.prerequisites().count() > 1_100);
//! ```

use std::io::Write as _;

use super::{GenerateError, Generated, MAX_PREREQUISITES, Rng};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DenseOptions {
    /// Number of topics (outline lines), title and sections included.
    pub topics: usize,
    /// The seed: the same options give the same curriculum.
    pub seed: u64,
}

impl Default for DenseOptions {
    fn default() -> DenseOptions {
        DenseOptions {
            topics: 500,
            seed: 1,
        }
    }
}

/// Subject names, used in turn (with a number from the second round on).
const SUBJECTS: &[&str] = &[
    "Discrete Mathematics",
    "Linear Algebra",
    "Calculus",
    "Probability",
    "Programming Basics",
    "Data Structures",
    "Algorithms",
    "Computer Architecture",
    "Operating Systems",
    "Networks",
    "Databases",
    "Compilers",
    "Theory of Computation",
    "Machine Learning",
    "Graphics",
    "Security",
    "Distributed Systems",
];

const WORDS: &[&str] = &[
    "graphs",
    "trees",
    "sorting",
    "hashing",
    "proofs",
    "limits",
    "vectors",
    "matrices",
    "probability",
    "compilers",
    "parsing",
    "types",
    "memory",
    "caches",
    "threads",
    "locks",
    "networks",
    "routing",
    "queries",
    "indexes",
    "storage",
    "logs",
    "consensus",
    "sampling",
    "regression",
    "kernels",
    "signals",
    "filters",
    "shaders",
    "meshes",
    "lighting",
    "crypto",
    "keys",
    "hashes",
    "ciphers",
    "automata",
    "grammars",
    "recursion",
    "induction",
    "series",
    "integrals",
];

/// Sources a target chooses among, the latest-ranked first.
const WINDOW: usize = 60;
/// How far back the search for sources in other sections looks.
const SCAN: usize = 600;
/// Prerequisites wanted by a target, chosen uniformly (mean 18/7).
const WANT: [usize; 7] = [2, 3, 3, 3, 2, 3, 2];

impl DenseOptions {
    /// The most prerequisites these options can give: 3 a topic.
    pub fn max_prerequisites(&self) -> usize {
        self.topics.saturating_mul(3)
    }

    /// Whether [`write()`] accepts these options: at most
    /// [`MAX_TOPICS`](super::MAX_TOPICS) topics and at most [`MAX_PREREQUISITES`] possible
    /// prerequisites (3 a topic, so about 6.7 million topics).
    ///
    /// ```
    /// use roadmapper::generate::dense::DenseOptions;
    /// assert!(DenseOptions { topics: 1_000_000, seed: 1 }.check().is_ok());
    /// assert!(DenseOptions { topics: 10_000_000, seed: 1 }.check().is_err());
    /// ```
    pub fn check(&self) -> Result<(), GenerateError> {
        super::check_limits(self.topics, self.max_prerequisites())
    }
}

/// Generates a dense curriculum of `options.topics` topics (at least 1,
/// the title) as text: the same bytes as [`write()`]. Beyond what
/// [`DenseOptions::check`] accepts it makes fewer topics.
///
/// Shape: about `0.76 * sqrt(n)` sections (17 for 500 topics) of equal
/// size; a topic in three has one or two subtopics; labels end in a serial
/// number, so each is unique and a prerequisite names its topics by label.
pub fn generate(options: &DenseOptions) -> Generated {
    let capped = DenseOptions {
        topics: options.topics.min(MAX_PREREQUISITES / 3),
        ..*options
    };
    super::in_memory(|outline, prereqs| write_unchecked(&capped, outline, Some(prereqs)))
}

/// Writes the curriculum [`generate`] makes: the outline to `outline` as
/// it is made, then the prerequisites (when asked for) to `prereqs`.
/// Memory grows with the topics (a few numbers and the label of each),
/// never with the text.
///
/// Options that [`DenseOptions::check`] refuses are refused before
/// anything is written: an [`std::io::ErrorKind::InvalidInput`] error
/// whose inner error is the [`GenerateError`].
pub fn write(
    options: &DenseOptions,
    outline: &mut dyn std::io::Write,
    prereqs: Option<&mut dyn std::io::Write>,
) -> std::io::Result<()> {
    options
        .check()
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
    write_unchecked(options, outline, prereqs)
}

/// A uniform number in `[0, 1)`.
fn unit(rng: &mut Rng) -> f64 {
    (rng.next() >> 11) as f64 / (1u64 << 53) as f64
}

/// The topics made so far, with what choosing prerequisites needs.
struct Topics<'w> {
    out: std::io::BufWriter<&'w mut dyn std::io::Write>,
    /// Every label, end to end; label `i` starts at `starts[i]`.
    labels: String,
    starts: Vec<usize>,
    parent: Vec<u32>,
    /// The section each topic is in (the title is its own).
    section: Vec<u32>,
    depth: Vec<u8>,
    rank: Vec<f64>,
}

impl Topics<'_> {
    fn len(&self) -> usize {
        self.rank.len()
    }

    fn label(&self, i: usize) -> &str {
        let end = self.starts.get(i + 1).copied().unwrap_or(self.labels.len());
        &self.labels[self.starts[i]..end]
    }

    /// Writes the outline line of a new topic whose label was just
    /// appended to `labels` from `start`.
    fn push(
        &mut self,
        start: usize,
        depth: u8,
        parent: usize,
        section: usize,
        rank: f64,
    ) -> std::io::Result<usize> {
        let i = self.len();
        for _ in 0..depth {
            self.out.write_all(b"    ")?;
        }
        self.out.write_all(&self.labels.as_bytes()[start..])?;
        self.out.write_all(b"\n")?;
        self.starts.push(start);
        self.parent.push(parent as u32);
        self.section.push(section as u32);
        self.depth.push(depth);
        self.rank.push(rank);
        Ok(i)
    }
}

fn write_unchecked(
    options: &DenseOptions,
    outline: &mut dyn std::io::Write,
    prereqs: Option<&mut dyn std::io::Write>,
) -> std::io::Result<()> {
    use std::fmt::Write as _;
    let n = options.topics.max(1);
    let mut rng = Rng::new(options.seed);
    let mut t = Topics {
        out: std::io::BufWriter::with_capacity(1 << 16, outline),
        labels: String::with_capacity(n.saturating_mul(24)),
        starts: Vec::with_capacity(n),
        parent: Vec::with_capacity(n),
        section: Vec::with_capacity(n),
        depth: Vec::with_capacity(n),
        rank: Vec::with_capacity(n),
    };
    t.labels.push_str("Computer Science Curriculum");
    t.push(0, 0, 0, 0, 0.0)?;
    let sections = ((0.76 * (n as f64).sqrt()).round() as usize).clamp(1, (n - 1).max(1));
    let rest = n - 1;
    for s in 0..sections {
        let end = 1 + rest * (s + 1) / sections;
        if t.len() >= end {
            continue;
        }
        // Sections start staggered over 0.6 and each spans about 0.6 of
        // rank, so neighbours in the list overlap most.
        let base = s as f64 / sections as f64 * 0.6 + unit(&mut rng) * 0.3;
        let start = t.labels.len();
        t.labels.push_str(SUBJECTS[s % SUBJECTS.len()]);
        if s >= SUBJECTS.len() {
            let _ = write!(t.labels, " {}", s / SUBJECTS.len() + 1);
        }
        let section = t.push(start, 1, 0, t.len(), base)?;
        let count = end - section - 1;
        let step = 1.2 / count.max(1) as f64;
        let mut r = base;
        while t.len() < end {
            r += unit(&mut rng) * step;
            let start = t.labels.len();
            let (a, b) = (rng.below(WORDS.len()), rng.below(WORDS.len()));
            let word = WORDS[a];
            let _ = write!(
                t.labels,
                "{}{} and {} {}",
                word[..1].to_ascii_uppercase(),
                &word[1..],
                WORDS[b],
                t.len()
            );
            let topic = t.push(start, 2, section, section, r)?;
            if unit(&mut rng) < 0.35 && t.len() + 1 < end {
                for _ in 0..1 + rng.below(2) {
                    if t.len() >= end {
                        break;
                    }
                    r += step / 40.0;
                    let start = t.labels.len();
                    let word = WORDS[rng.below(WORDS.len())];
                    let _ = write!(
                        t.labels,
                        "{}{} {}",
                        word[..1].to_ascii_uppercase(),
                        &word[1..],
                        t.len()
                    );
                    t.push(start, 3, topic, section, r)?;
                }
            }
        }
    }
    t.out.flush()?;
    debug_assert_eq!(t.len(), n);
    let Some(prereqs) = prereqs else {
        return Ok(());
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, prereqs);
    out.write_all(b"# generated dense prerequisites\n")?;

    // The latest rank in each topic's subtree (children follow parents).
    let mut last = t.rank.clone();
    for i in (1..n).rev() {
        let p = t.parent[i] as usize;
        last[p] = last[p].max(last[i]);
    }
    let by = |key: &[f64], a: &usize, b: &usize| key[*a].total_cmp(&key[*b]).then(a.cmp(b));
    // Topics and subtopics (sections and the title are never sources or
    // targets), by the end of their subtree: a target's eligible sources
    // are a prefix of this list.
    let mut sources: Vec<usize> = (0..n).filter(|&i| t.depth[i] >= 2).collect();
    sources.sort_by(|a, b| by(&last, a, b));
    // The same, split by section.
    let mut own: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &a in &sources {
        own[t.section[a] as usize].push(a);
    }
    let mut targets: Vec<usize> = (0..n).filter(|&i| t.depth[i] >= 2).collect();
    targets.sort_by(|a, b| by(&t.rank, a, b));

    let (mut cross, mut same, mut chosen) = (Vec::new(), Vec::new(), Vec::new());
    for b in targets {
        let (rank, section) = (t.rank[b], t.section[b]);
        let end = sources.partition_point(|&a| last[a] < rank);
        cross.clear();
        cross.extend(
            sources[..end]
                .iter()
                .rev()
                .take(SCAN)
                .filter(|&&a| t.section[a] != section)
                .take(WINDOW),
        );
        let mine = &own[section as usize];
        let end = mine.partition_point(|&a| last[a] < rank);
        same.clear();
        same.extend(mine[end.saturating_sub(WINDOW)..end].iter().rev());
        chosen.clear();
        for _ in 0..WANT[rng.below(WANT.len())] {
            let pool = if rng.below(4) < 3 && !cross.is_empty() || same.is_empty() {
                &cross
            } else {
                &same
            };
            if pool.is_empty() {
                continue;
            }
            let a = pool[rng.below(pool.len())];
            if !chosen.contains(&a) {
                chosen.push(a);
            }
        }
        for &a in &chosen {
            super::write_prerequisite(&mut out, t.label(a), t.label(b))?;
        }
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Input, load};

    fn loaded(topics: usize, seed: u64) -> crate::Roadmap {
        let g = generate(&DenseOptions { topics, seed });
        load(
            &Input::new("d.txt", g.outline.as_bytes()),
            &[Input::new("d.prereqs", g.prereqs.as_bytes())],
        )
        .unwrap_or_else(|e| panic!("{topics} topics, seed {seed}: {e}"))
    }

    /// Prerequisites per topic and the share across sections.
    fn density(r: &crate::Roadmap) -> (f64, f64) {
        let section = |mut i: usize| {
            while let Some(p) = r.parent(i) {
                if r.parent(p).is_none() {
                    return i;
                }
                i = p;
            }
            i
        };
        let (mut all, mut across) = (0usize, 0usize);
        for (a, b, _) in r.prerequisites() {
            all += 1;
            if section(a) != section(b) {
                across += 1;
            }
        }
        (
            all as f64 / r.len() as f64,
            across as f64 / all.max(1) as f64,
        )
    }

    #[test]
    fn five_hundred_topics_are_dense_and_mostly_across_sections() {
        for seed in [1, 2, 7] {
            let r = loaded(500, seed);
            assert_eq!(r.len(), 500);
            assert_eq!(r.sections().len(), 17);
            let (per_topic, across) = density(&r);
            assert!(
                (2.2..2.7).contains(&per_topic),
                "seed {seed}: {per_topic} a topic"
            );
            assert!((0.6..0.9).contains(&across), "seed {seed}: {across} across");
            // A study order exists (no cycle) and respects every edge.
            assert_eq!(r.order().len(), 500);
            for (a, b, _) in r.prerequisites() {
                assert!(r.subtree(a).all(|x| r.rank(x) < r.rank(b)), "{a} -> {b}");
            }
            // Sources sit among the latest eligible topics, so they are
            // near their targets in the study order (not all at the start).
            let near = r
                .prerequisites()
                .filter(|&(a, b, _)| r.rank(b) - r.rank(a) < 250)
                .count();
            assert!(near * 10 > r.prerequisites().count() * 8, "{near} near");
        }
    }

    #[test]
    fn sizes_small_and_large_load_cleanly() {
        for (topics, seed) in [(1, 1), (2, 1), (3, 1), (10, 4), (40, 5), (5_000, 3)] {
            let r = loaded(topics, seed);
            assert_eq!(r.len(), topics);
            if topics >= 1_000 {
                let (per_topic, across) = density(&r);
                assert!((2.2..2.8).contains(&per_topic), "{per_topic} a topic");
                assert!(across > 0.6, "{across} across");
            }
        }
    }

    #[test]
    fn same_seed_same_bytes_streamed_or_not() {
        let o = DenseOptions {
            topics: 800,
            seed: 5,
        };
        let (mut outline, mut prereqs) = (Vec::new(), Vec::new());
        write(&o, &mut outline, Some(&mut prereqs)).unwrap();
        let g = generate(&o);
        assert!(outline == g.outline.as_bytes() && prereqs == g.prereqs.as_bytes());
        assert_eq!(generate(&o), g);
        let mut alone = Vec::new();
        write(&o, &mut alone, None).unwrap();
        assert!(alone == outline);
        let other = generate(&DenseOptions { seed: 6, ..o });
        assert_ne!(other.prereqs, g.prereqs);
    }

    #[test]
    fn requests_over_the_limits_are_refused_before_writing() {
        let o = DenseOptions {
            topics: MAX_PREREQUISITES / 3 + 1,
            seed: 1,
        };
        let mut outline = Vec::new();
        let e = write(&o, &mut outline, None).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::InvalidInput);
        assert!(outline.is_empty());
        assert!(
            DenseOptions {
                topics: usize::MAX,
                seed: 1
            }
            .check()
            .is_err()
        );
    }
}
