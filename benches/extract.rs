//! Extraction throughput on a large realistic input: the seed reports and the development set
//! repeated to about 8 MB (see README "Performance").

use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use trichdan::extract::extract;
use trichdan::text::Folded;

fn corpus() -> Vec<String> {
    let mut texts = Vec::new();
    for dir in ["corpus", "../shared/devset"] {
        let Ok(rd) = std::fs::read_dir(dir) else {
            continue;
        };
        let mut paths: Vec<_> = rd.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for p in paths {
            if p.extension().is_some_and(|e| e == "txt") {
                texts.push(trichdan::text::decode(&std::fs::read(p).unwrap()).text);
            }
        }
    }
    let one: usize = texts.iter().map(String::len).sum();
    let copies = (8_000_000 / one.max(1)).max(1);
    texts
        .iter()
        .cycle()
        .take(texts.len() * copies)
        .cloned()
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
