//! Criterion benchmarks of the metrics kernels on a seeded Holme–Kim-style graph
//! (preferential attachment with triad closure, m = 5 edges per new node, p = 0.3), generated in
//! Rust so the bench needs no files. Run with `cargo bench --bench metrics`. Cross-tool
//! comparisons (igraph, NetworKit, rustworkx, NetworkX) are in `scripts/bench_compare.py`.

use citynet::graph::{Csr, TwoMode};
use citynet::metrics;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

/// Holme–Kim powerlaw-cluster graph: each new node attaches `m` edges, the first by preferential
/// attachment, each further one by triad formation (a neighbour of the last target) with
/// probability `p`, otherwise preferentially. Xorshift-seeded.
fn holme_kim(n: usize, m: usize, p: f64, seed: u64) -> Csr {
    let mut x = seed | 1;
    let mut rnd = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut adj: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut ends: Vec<u32> = (0..m as u32).collect();
    let mut edges = Vec::with_capacity(n * m);
    for v in m..n {
        let mut targets: Vec<u32> = Vec::with_capacity(m);
        let mut last: Option<u32> = None;
        while targets.len() < m {
            let tri = last
                .filter(|&l| !adj[l as usize].is_empty() && (rnd() % 1_000_000) as f64 / 1e6 < p);
            let u = match tri {
                Some(l) => {
                    let row = &adj[l as usize];
                    row[(rnd() % row.len() as u64) as usize]
                }
                None => ends[(rnd() % ends.len() as u64) as usize],
            };
            if u as usize != v && !targets.contains(&u) {
                targets.push(u);
                last = Some(u);
            }
        }
        for &u in &targets {
            adj[v].push(u);
            adj[u as usize].push(v as u32);
            ends.push(u);
            ends.push(v as u32);
            edges.push((v as u32, u, 1.0));
        }
    }
    Csr::from_edges(n, &edges).0
}

fn path_measures(c: &mut Criterion) {
    let mut group = c.benchmark_group("paths");
    group.sample_size(10);
    for n in [2_000usize, 5_000] {
        let g = holme_kim(n, 5, 0.3, 42);
        group.bench_with_input(BenchmarkId::new("betweenness", n), &g, |b, g| {
            b.iter(|| metrics::betweenness(g))
        });
        group.bench_with_input(BenchmarkId::new("closeness", n), &g, |b, g| {
            b.iter(|| metrics::closeness(g))
        });
        group.bench_with_input(BenchmarkId::new("reach_2", n), &g, |b, g| {
            b.iter(|| metrics::reach_within(g, 2))
        });
    }
    group.finish();
}

fn linear_measures(c: &mut Criterion) {
    let mut group = c.benchmark_group("linear");
    group.sample_size(10);
    let n = 100_000;
    let g = holme_kim(n, 5, 0.3, 42);
    group.bench_function(BenchmarkId::new("clustering", n), |b| {
        b.iter(|| metrics::clustering(&g))
    });
    group.bench_function(BenchmarkId::new("pagerank", n), |b| {
        b.iter(|| metrics::pagerank(&g, 0.85).unwrap())
    });
    group.bench_function(BenchmarkId::new("eigenvector", n), |b| {
        b.iter(|| metrics::eigenvector(&g).unwrap())
    });
    group.bench_function(BenchmarkId::new("components", n), |b| {
        b.iter(|| metrics::components(&g))
    });
    group.bench_function(BenchmarkId::new("core", n), |b| {
        b.iter(|| metrics::core_number(&g))
    });
    group.bench_function(BenchmarkId::new("louvain", n), |b| {
        b.iter(|| metrics::louvain(&g, 1.0, 1))
    });
    group.finish();
}

fn two_mode(c: &mut Criterion) {
    let mut group = c.benchmark_group("two_mode");
    group.sample_size(10);
    // 5,000 cities in 400 programs, 1–6 memberships each, deterministic.
    let (nc, np) = (5_000u32, 400u32);
    let mut x = 7u64;
    let mut mem = Vec::new();
    for city in 0..nc {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
        let k = 1 + (x >> 60) % 6;
        let mut ps: Vec<u32> = (0..k)
            .map(|j| ((x >> 20).wrapping_add(j * 2_654_435_761) % np as u64) as u32)
            .collect();
        ps.sort_unstable();
        ps.dedup();
        mem.extend(ps.into_iter().map(|p| (city, p, 1.0)));
    }
    let t = TwoMode::new(nc as usize, np as usize, &mem);
    group.bench_function("bip_betweenness", |b| {
        b.iter(|| metrics::bip_betweenness(&t))
    });
    group.bench_function("bip_closeness", |b| b.iter(|| metrics::bip_closeness(&t)));
    group.bench_function("bip_clustering", |b| b.iter(|| metrics::bip_clustering(&t)));
    group.finish();
}

criterion_group!(benches, path_measures, linear_measures, two_mode);
criterion_main!(benches);
