//! End-to-end poster benchmarks through `roadmapper::render`: layout plus
//! SVG of the generated 10,000-topic roadmap (`roadmapper generate --topics
//! 10000`), and the shipped backend roadmap to SVG and to PNG at scale 2.
//! `benches/stages.rs` times each stage separately, at four sizes.
//!
//! Run with `cargo bench --bench poster`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use roadmapper::generate::{GenerateOptions, generate};
use roadmapper::{Format, Input, RenderOptions, Roadmap, load, render};

/// The roadmap of `roadmapper generate --topics n` (10% prerequisites,
/// seed 1).
fn generated(n: usize) -> Roadmap {
    let g = generate(&GenerateOptions {
        topics: n,
        prereqs_percent: 10,
        seed: 1,
    });
    load(
        &Input::new("generated.txt", g.outline),
        &[Input::new("generated.prereqs", g.prereqs)],
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
    let big = generated(10_000);
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
