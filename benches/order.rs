//! Benchmarks on a large, realistic roadmap: 100,000 topics (a title, 50
//! sections, topics, subtopics and a few sub-subtopics) and 10,000
//! prerequisites, generated deterministically.
//!
//! - `parse+build`: `roadmapper::load` of the outline and `.prereqs` texts,
//!   which parses, resolves references, builds the graph and computes the
//!   study order;
//! - `study_order`: `order::study_order` on the index arrays alone.
//!
//! Run with `cargo bench --bench order`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use roadmapper::order::study_order;
use roadmapper::{Input, load};

const TOPICS: usize = 100_000;
const SECTIONS: usize = 50;
const PREREQS: usize = 10_000;

/// xorshift64: tiny, deterministic, good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Uniform-ish in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
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

/// A label of 10 to 40 characters made of words, unique thanks to a
/// trailing number (real roadmaps have unique labels, or use paths).
fn label(rng: &mut Rng, serial: usize) -> String {
    let suffix = format!(" {serial}");
    let target = 10 + rng.below(31); // total length 10..=40
    let mut s = String::new();
    while s.len() + suffix.len() < target {
        let w = WORDS[rng.below(WORDS.len())];
        if !s.is_empty() && s.len() + 1 + w.len() + suffix.len() > 40 {
            break;
        }
        if !s.is_empty() {
            s.push(' ');
        }
        if s.is_empty() {
            let mut c = w.chars();
            let first = c.next().expect("words are non-empty");
            s.extend(first.to_uppercase());
            s.push_str(c.as_str());
        } else {
            s.push_str(w);
        }
    }
    if s.is_empty() {
        s.push_str("Topic");
    }
    s.push_str(&suffix);
    s
}

/// The generated roadmap: texts and the arrays they should load into.
struct Data {
    outline: String,
    prereqs: String,
    parent: Vec<Option<usize>>,
    pairs: Vec<(usize, usize)>,
}

/// Appends topics to the outline text and the arrays.
struct Builder {
    rng: Rng,
    outline: String,
    parent: Vec<Option<usize>>,
    labels: Vec<String>,
}

impl Builder {
    fn len(&self) -> usize {
        self.parent.len()
    }

    fn push(&mut self, depth: usize, parent: Option<usize>) -> usize {
        let i = self.len();
        let l = if i == 0 {
            "Backend Roadmap".to_string()
        } else {
            label(&mut self.rng, i)
        };
        for _ in 0..depth {
            self.outline.push_str("    ");
        }
        self.outline.push_str(&l);
        // A few tags, as real roadmaps have.
        match self.rng.below(20) {
            0 => self.outline.push_str(" [recommended]"),
            1 => self.outline.push_str(" [optional]"),
            _ => {}
        }
        self.outline.push('\n');
        self.labels.push(l);
        self.parent.push(parent);
        i
    }
}

fn generate() -> Data {
    let mut b = Builder {
        rng: Rng(0x5EED_1234_ABCD_0042),
        outline: String::with_capacity(TOPICS * 32),
        parent: Vec::with_capacity(TOPICS),
        labels: Vec::with_capacity(TOPICS),
    };
    let title = b.push(0, None);
    let per_section = (TOPICS - 1) / SECTIONS;
    for s in 0..SECTIONS {
        let section_end = if s + 1 == SECTIONS {
            TOPICS
        } else {
            1 + (s + 1) * per_section
        };
        let section = b.push(1, Some(title));
        while b.len() < section_end {
            let topic = b.push(2, Some(section));
            // 0 to 8 subtopics, a few of them with their own children.
            for _ in 0..b.rng.below(9) {
                if b.len() >= section_end {
                    break;
                }
                let sub = b.push(3, Some(topic));
                if b.rng.below(8) == 0 {
                    for _ in 0..1 + b.rng.below(3) {
                        if b.len() >= section_end {
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
        labels,
    } = b;
    assert_eq!(parent.len(), TOPICS);

    // Forward prerequisites: `to` lies after the whole subtree of `from`, so
    // neither contains the other and every constraint points forward (no
    // cycle). Mostly nearby, sometimes across the roadmap.
    let mut end: Vec<usize> = (1..=TOPICS).collect();
    for i in (0..TOPICS).rev() {
        if let Some(p) = parent[i] {
            end[p] = end[p].max(end[i]);
        }
    }
    let mut seen = std::collections::HashSet::new();
    let mut pairs = Vec::with_capacity(PREREQS);
    let mut prereqs = String::from("# generated prerequisites\n");
    while pairs.len() < PREREQS {
        let from = 1 + rng.below(TOPICS - 1);
        if end[from] >= TOPICS {
            continue;
        }
        let span = if rng.below(10) == 0 { TOPICS } else { 2_000 };
        let to = (end[from] + rng.below(span)).min(TOPICS - 1);
        if !seen.insert((from, to)) {
            continue;
        }
        pairs.push((from, to));
        prereqs.push_str(&labels[from]);
        prereqs.push_str(" -> ");
        prereqs.push_str(&labels[to]);
        prereqs.push('\n');
    }

    Data {
        outline,
        prereqs,
        parent,
        pairs,
    }
}

fn benches(c: &mut Criterion) {
    let data = generate();
    let outline = Input::new("bench.txt", data.outline.as_bytes());
    let prereqs = Input::new("bench.prereqs", data.prereqs.as_bytes());

    // Check once, untimed, that the inputs load as intended.
    let roadmap = load(&outline, std::slice::from_ref(&prereqs))
        .unwrap_or_else(|e| panic!("generated roadmap does not load:\n{e}"));
    assert_eq!(roadmap.len(), TOPICS);
    assert!(roadmap.warnings().is_empty());
    let parent: Vec<Option<usize>> = (0..TOPICS).map(|i| roadmap.parent(i)).collect();
    assert_eq!(parent, data.parent);
    let pairs: Vec<(usize, usize)> = roadmap.prerequisites().map(|(a, b, _)| (a, b)).collect();
    assert_eq!(pairs, data.pairs);
    let direct = study_order(&parent, &pairs).expect("forward prerequisites have no cycle");
    assert_eq!(direct.order, roadmap.order());
    let max_stage = direct.stage.iter().max().copied().unwrap_or(0);
    let groups = (1..TOPICS)
        .filter(|&i| roadmap.subtree(i).len() > 1)
        .count();
    eprintln!(
        "roadmap: {TOPICS} topics ({groups} groups), {PREREQS} prerequisites, {} + {} bytes, {} stages",
        data.outline.len(),
        data.prereqs.len(),
        max_stage + 1,
    );
    drop(roadmap);

    let mut g = c.benchmark_group("parse+build");
    // About a quarter of a second per load: few, flat samples.
    g.sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10))
        .throughput(Throughput::Bytes(
            (data.outline.len() + data.prereqs.len()) as u64,
        ));
    g.bench_function("load 100k topics + 10k prerequisites", |b| {
        b.iter(|| {
            load(
                black_box(&outline),
                black_box(std::slice::from_ref(&prereqs)),
            )
        })
    });
    g.finish();

    let mut g = c.benchmark_group("study_order");
    g.sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .throughput(Throughput::Elements(TOPICS as u64));
    g.bench_function("100k topics + 10k prerequisites", |b| {
        b.iter(|| study_order(black_box(&parent), black_box(&pairs)))
    });
    g.bench_function("100k topics, no prerequisites", |b| {
        b.iter(|| study_order(black_box(&parent), black_box(&[])))
    });
    g.finish();
}

criterion_group!(order, benches);
criterion_main!(order);
