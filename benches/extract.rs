//! Extraction throughput on a large realistic input: about 8 MB of generated reports (see
//! README "Performance").

use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use trichdan::extract::extract;
use trichdan::text::Folded;

/// About 8 MB of generated reports with realistic citation density (trichdan::generate).
fn corpus() -> Vec<String> {
    let dir = std::env::temp_dir().join("trichdan-bench-extract");
    let opts = trichdan::generate::Options {
        count: 800,
        seed: 7,
        utf16_every: 0,
        legacy_every: 0,
    };
    if !dir
        .join(trichdan::generate::file_name(opts.count - 1))
        .exists()
    {
        trichdan::generate::write_archive(&dir, &opts).unwrap();
    }
    (0..opts.count)
        .map(|i| {
            let bytes = std::fs::read(dir.join(trichdan::generate::file_name(i))).unwrap();
            trichdan::text::decode(&bytes).text
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let texts = corpus();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(10));
    g.bench_function("fold", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| Folded::new(t).text.len())
                .sum::<usize>()
        })
    });
    g.bench_function("extract", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| extract(t).mentions.len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
