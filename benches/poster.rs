//! Poster benchmarks: layout plus SVG of a generated 10,000-topic roadmap
//! (sections of 3 to 12 topics with 0 to 4 subtopics, 10% prerequisites),
//! and the shipped backend roadmap to SVG and to PNG.
//!
//! Run with `cargo bench --bench poster`.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use roadmapper::{Format, Input, RenderOptions, Roadmap, load, render};

/// xorshift64: tiny and deterministic.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
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
    "graphs",
    "deploy",
    "containers",
    "memory",
    "threads",
    "scaling",
    "proxies",
    "tokens",
    "logging",
    "metrics",
    "search",
    "streams",
    "events",
    "schemas",
    "api",
    "web",
    "dns",
    "tls",
    "files",
    "networks",
    "basics",
    "of",
    "and",
    "in",
    "practice",
];

/// A roadmap of `n` topics: title, sections, topics, subtopics; about
/// `n / 10` prerequisites between topics of earlier and later sections.
fn generate(n: usize) -> Roadmap {
    let mut rng = Rng(0x5EED_0000_2026_1124);
    let mut outline = String::from("Generated Roadmap\n");
    let mut topics: Vec<String> = Vec::new();
    let mut count = 1;
    let mut section = 0;
    while count < n {
        section += 1;
        let _ = writeln!(outline, "  Section {section}");
        count += 1;
        for _ in 0..3 + rng.below(10) {
            if count >= n {
                break;
            }
            let mut label = String::new();
            for _ in 0..2 + rng.below(4) {
                label.push_str(WORDS[rng.below(WORDS.len())]);
                label.push(' ');
            }
            let _ = write!(label, "{count}");
            let _ = writeln!(outline, "    {label}");
            topics.push(label);
            count += 1;
            for _ in 0..rng.below(5) {
                if count >= n {
                    break;
                }
                let _ = writeln!(
                    outline,
                    "      detail {} {count}",
                    WORDS[rng.below(WORDS.len())]
                );
                count += 1;
            }
        }
    }
    let mut prereqs = String::new();
    for _ in 0..n / 10 {
        let a = rng.below(topics.len());
        let b = rng.below(topics.len());
        if a < b {
            let _ = writeln!(prereqs, "{} -> {}", topics[a], topics[b]);
        }
    }
    load(
        &Input::new("generated.txt", outline),
        &[Input::new("generated.prereqs", prereqs)],
    )
    .expect("the generated roadmap loads")
}

fn backend() -> Roadmap {
    let root = env!("CARGO_MANIFEST_DIR");
    let read = |p: &str| std::fs::read(format!("{root}/{p}")).expect("shipped roadmap");
    load(
        &Input::new("backend.txt", read("roadmap/backend.txt")),
        &[Input::new(
            "backend.prereqs",
            read("roadmap/backend.prereqs"),
        )],
    )
    .expect("the shipped roadmap loads")
}

fn benches(c: &mut Criterion) {
    let svg = RenderOptions {
        format: Format::Svg,
        ..RenderOptions::default()
    };
    let png = RenderOptions {
        format: Format::Png,
        ..RenderOptions::default()
    };
    let big = generate(10_000);
    let shipped = backend();
    let mut g = c.benchmark_group("poster");
    g.sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    g.bench_function("10k topics: layout + svg", |b| {
        b.iter(|| render(black_box(&big), &svg).expect("renders"))
    });
    g.bench_function("backend: layout + svg", |b| {
        b.iter(|| render(black_box(&shipped), &svg).expect("renders"))
    });
    g.bench_function("backend: layout + svg + png (scale 2)", |b| {
        b.iter(|| render(black_box(&shipped), &png).expect("renders"))
    });
    g.finish();
}

criterion_group!(poster, benches);
criterion_main!(poster);
