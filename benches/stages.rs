//! Each pipeline stage at 130, 1,000, 10,000 and 100,000 topics, on the
//! roadmaps of `roadmapper generate --topics N` (10% prerequisites, seed
//! 1), so the numbers match runs of the CLI on the same files.
//!
//! One group per stage, one benchmark per size, throughput in topics:
//!
//! - `parse`: `outline::parse` + `prereqs::parse` of the texts;
//! - `resolve`: `prereqs::resolve_all` on the parsed inputs (label index,
//!   references, group rule, duplicates);
//! - `order`: `order::study_order` on the index arrays;
//! - `build`: `roadmapper::load` end to end (parse, resolve, order, graph);
//! - `layout/poster`, `layout/layered`: `layout::layout` with each engine;
//! - `svg`: writing the SVG of the poster scene;
//! - `png`: `export::png::render_scene` of the poster (as the CLI draws it)
//!   at scale 2, or at the largest scale within the 200-megapixel budget
//!   (named in the id, e.g. `png/10000 (scale 0.78)`).
//!
//! Every result is dropped inside the timed loop: freeing is part of a
//! stage's cost.
//!
//! PNG of the generated posters is slow beyond 1,000 topics, bound by
//! tiny-skia rasterising thousands of dotted connectors: one run of
//! `roadmapper render --scale 0.78` (the largest within the budget) on
//! 10,000 topics takes about a minute. Criterion needs at least 11 runs
//! per benchmark, so `png/10000` and `png/100000` run only when
//! `ROADMAPPER_BENCH_BIG_PNG=1` is set.
//!
//! Before timing, each roadmap is checked once (exactly N topics and N/10
//! prerequisites, no warnings, the study order of `load`) and described on
//! stderr: sizes in bytes, the poster's canvas, the PNG scale.
//!
//! The whole run (`cargo bench --bench stages`) takes about 6 minutes on 2
//! cores, 4 of them in `layout/layered/100000` (about 20 s a run, 11 runs:
//! criterion warns that 10 samples do not fit the measurement time, which
//! is expected); the setup (loading, laying out and writing every poster
//! once) takes a few seconds. One group or one benchmark:
//!
//! ```text
//! cargo bench --bench stages -- layout/poster
//! cargo bench --bench stages -- 'order/100000'
//! ROADMAPPER_BENCH_BIG_PNG=1 cargo bench --bench stages -- png
//! ```

use std::hint::black_box;
use std::slice;
use std::time::Duration;

use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group,
    criterion_main, measurement::WallTime,
};
use roadmapper::export::{Svg, png, svg::LIGHT};
use roadmapper::generate::{GenerateOptions, generate};
use roadmapper::layout::{LayoutKind, LayoutOptions, layout};
use roadmapper::order::study_order;
use roadmapper::outline::Outline;
use roadmapper::outline::subtree_ends;
use roadmapper::prereqs::PrereqFile;
use roadmapper::scene::Scene;
use roadmapper::{Input, Roadmap, load, outline, prereqs};

const SIZES: [usize; 4] = [130, 1_000, 10_000, 100_000];

/// PNGs of larger posters run only with `ROADMAPPER_BENCH_BIG_PNG=1`.
const PNG_DEFAULT_MAX: usize = 1_000;

/// One generated roadmap and the inputs of every stage, computed once.
struct Case {
    n: usize,
    outline_text: Input,
    prereqs_text: Input,
    outline: Outline,
    files: Vec<PrereqFile>,
    ends: Vec<usize>,
    parent: Vec<Option<usize>>,
    pairs: Vec<(usize, usize)>,
    roadmap: Roadmap,
    poster: Scene,
    /// The PNG scale: 2, or the largest (in hundredths) within the budget.
    scale: Option<f32>,
}

impl Case {
    fn new(n: usize) -> Case {
        let g = generate(&GenerateOptions {
            topics: n,
            prereqs_percent: 10,
            seed: 1,
        });
        let outline_text = Input::new(format!("generated-{n}.txt"), g.outline);
        let prereqs_text = Input::new(format!("generated-{n}.prereqs"), g.prereqs);

        let roadmap = load(&outline_text, slice::from_ref(&prereqs_text))
            .unwrap_or_else(|e| panic!("the generated roadmap of {n} topics does not load:\n{e}"));
        assert_eq!(roadmap.len(), n, "topics");
        let prerequisites = roadmap.prerequisites().count();
        assert_eq!(prerequisites, n / 10, "prerequisites of {n} topics");
        assert!(roadmap.warnings().is_empty(), "{:?}", roadmap.warnings());

        let outline = outline::parse(&outline_text.name, &outline_text.bytes)
            .unwrap_or_else(|e| panic!("outline of {n} topics: {e:?}"));
        let file = prereqs::parse(&prereqs_text.name, &prereqs_text.bytes)
            .unwrap_or_else(|e| panic!("prerequisites of {n} topics: {e:?}"));
        let files = vec![file];
        let ends = subtree_ends(&outline);
        let parent: Vec<Option<usize>> = outline.topics.iter().map(|t| t.parent).collect();
        let pairs: Vec<(usize, usize)> = roadmap.prerequisites().map(|(a, b, _)| (a, b)).collect();
        assert_eq!(
            study_order(&parent, &pairs).expect("no cycle").order,
            roadmap.order(),
            "study order of {n} topics"
        );

        let poster = layout(&roadmap, &LayoutOptions::default());
        let svg = Svg::new(&poster, &LIGHT).to_string();
        let scale = (1..=200)
            .rev()
            .map(|hundredths| hundredths as f32 / 100.0)
            .find(|&s| png::pixel_size(poster.width, poster.height, s).is_ok());
        let pixels = scale.and_then(|s| png::pixel_size(poster.width, poster.height, s).ok());
        eprintln!(
            "{n} topics, {prerequisites} prerequisites, {} + {} bytes, poster {} x {} px, \
             svg {} bytes, png {}",
            outline_text.bytes.len(),
            prereqs_text.bytes.len(),
            poster.width,
            poster.height,
            svg.len(),
            match (scale, pixels) {
                (Some(s), Some((w, h))) => format!("scale {s} ({w} x {h} px)"),
                _ => "over the budget at any scale".to_string(),
            }
        );
        Case {
            n,
            outline_text,
            prereqs_text,
            outline,
            files,
            ends,
            parent,
            pairs,
            roadmap,
            poster,
            scale,
        }
    }
}

/// A flat-sampled group of 10 samples; times suit each size as set by
/// [`size`].
fn group<'a>(c: &'a mut Criterion, name: &str) -> BenchmarkGroup<'a, WallTime> {
    let mut g = c.benchmark_group(name);
    g.sampling_mode(SamplingMode::Flat).sample_size(10);
    g
}

/// Short warm-up and measurement times, longer for the big sizes (a run
/// longer than measurement / 10 just takes 10 runs), and the throughput.
fn size(g: &mut BenchmarkGroup<'_, WallTime>, n: usize) {
    let (warm, measure) = match n {
        0..=1_000 => (500, 2_000),
        1_001..=10_000 => (500, 3_000),
        _ => (200, 3_000),
    };
    g.warm_up_time(Duration::from_millis(warm))
        .measurement_time(Duration::from_millis(measure))
        .throughput(Throughput::Elements(n as u64));
}

fn stages(c: &mut Criterion) {
    let cases: Vec<Case> = SIZES.iter().map(|&n| Case::new(n)).collect();

    let mut g = group(c, "parse");
    for k in &cases {
        size(&mut g, k.n);
        g.bench_function(BenchmarkId::from_parameter(k.n), |b| {
            b.iter(|| {
                let o = &k.outline_text;
                let p = &k.prereqs_text;
                (
                    outline::parse(&o.name, black_box(&o.bytes)),
                    prereqs::parse(&p.name, black_box(&p.bytes)),
                )
            })
        });
    }
    g.finish();

    let mut g = group(c, "resolve");
    for k in &cases {
        size(&mut g, k.n);
        g.bench_function(BenchmarkId::from_parameter(k.n), |b| {
            b.iter(|| {
                prereqs::resolve_all(
                    black_box(&k.outline),
                    black_box(&k.files),
                    black_box(&k.ends),
                )
            })
        });
    }
    g.finish();

    let mut g = group(c, "order");
    for k in &cases {
        size(&mut g, k.n);
        g.bench_function(BenchmarkId::from_parameter(k.n), |b| {
            b.iter(|| study_order(black_box(&k.parent), black_box(&k.pairs)))
        });
    }
    g.finish();

    let mut g = group(c, "build");
    for k in &cases {
        size(&mut g, k.n);
        g.bench_function(BenchmarkId::from_parameter(k.n), |b| {
            b.iter(|| {
                load(
                    black_box(&k.outline_text),
                    black_box(slice::from_ref(&k.prereqs_text)),
                )
            })
        });
    }
    g.finish();

    for kind in [LayoutKind::Poster, LayoutKind::Layered] {
        let options = LayoutOptions {
            kind,
            ..LayoutOptions::default()
        };
        let mut g = group(c, &format!("layout/{}", kind.name()));
        for k in &cases {
            size(&mut g, k.n);
            g.bench_function(BenchmarkId::from_parameter(k.n), |b| {
                b.iter(|| layout(black_box(&k.roadmap), &options))
            });
        }
        g.finish();
    }

    let mut g = group(c, "svg");
    for k in &cases {
        size(&mut g, k.n);
        g.bench_function(BenchmarkId::from_parameter(k.n), |b| {
            b.iter(|| Svg::new(black_box(&k.poster), &LIGHT).to_string())
        });
    }
    g.finish();

    let big_png = std::env::var_os("ROADMAPPER_BENCH_BIG_PNG").is_some_and(|v| v == "1");
    let mut g = group(c, "png");
    for k in &cases {
        let Some(scale) = k.scale else {
            eprintln!("png/{}: over the pixel budget at any scale, skipped", k.n);
            continue;
        };
        if k.n > PNG_DEFAULT_MAX && !big_png {
            eprintln!(
                "png/{}: skipped (minutes a run); set ROADMAPPER_BENCH_BIG_PNG=1",
                k.n
            );
            continue;
        }
        size(&mut g, k.n);
        let id = if scale == 2.0 {
            k.n.to_string()
        } else {
            format!("{} (scale {scale})", k.n)
        };
        g.bench_function(BenchmarkId::from_parameter(id), |b| {
            b.iter(|| {
                png::render_scene(black_box(&k.poster), &LIGHT, scale).expect("within the budget")
            })
        });
    }
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
