//! Triangles and clustering coefficients (unweighted).
//!
//! Triangles are counted once each on a degree-ordered orientation (each edge points from the
//! lower to the higher `(degree, id)` rank, the "forward" algorithm), by merging the two sorted
//! out-rows; every triangle is credited to its three corners with integer atomics, so counts are
//! exact and independent of the thread count.

use crate::graph::Csr;
use rayon::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};

/// Number of triangles through each node: `t(v) = |{ {u, w} ⊆ N(v) : u ~ w }|`.
///
/// Same numbers as `nx.triangles(G)`. O(m^1.5) worst case (forward algorithm), parallel over
/// nodes, exact.
pub fn triangles(g: &Csr) -> Vec<u64> {
    let n = g.node_count();
    let rank_less = |a: usize, b: usize| (g.degree(a), a) < (g.degree(b), b);
    // Oriented rows: neighbours of higher rank, sorted by id.
    let out: Vec<Vec<u32>> = (0..n)
        .into_par_iter()
        .map(|v| {
            g.neighbors(v)
                .iter()
                .copied()
                .filter(|&u| rank_less(v, u as usize))
                .collect()
        })
        .collect();
    let counts: Vec<AtomicU64> = (0..n).map(|_| AtomicU64::new(0)).collect();
    (0..n).into_par_iter().with_min_len(64).for_each(|v| {
        let ov = &out[v];
        let mut tv = 0u64;
        for &u in ov {
            let ou = &out[u as usize];
            // Sorted merge of ov and ou.
            let (mut i, mut j) = (0, 0);
            let mut tu = 0u64;
            while i < ov.len() && j < ou.len() {
                let (a, b) = (ov[i], ou[j]);
                if a < b {
                    i += 1;
                } else if a > b {
                    j += 1;
                } else {
                    counts[a as usize].fetch_add(1, Ordering::Relaxed);
                    tu += 1;
                    i += 1;
                    j += 1;
                }
            }
            if tu > 0 {
                counts[u as usize].fetch_add(tu, Ordering::Relaxed);
                tv += tu;
            }
        }
        if tv > 0 {
            counts[v].fetch_add(tv, Ordering::Relaxed);
        }
    });
    counts.into_iter().map(|c| c.into_inner()).collect()
}

/// Local clustering coefficient (unweighted): `C(v) = 2 t(v) / (d(v) (d(v) − 1))`, 0 when
/// `d(v) < 2`. Same numbers as `nx.clustering(G)`. O(m^1.5) worst case, parallel, exact counts.
pub fn clustering(g: &Csr) -> Vec<f64> {
    let t = triangles(g);
    clustering_from(g, &t)
}

pub(crate) fn clustering_from(g: &Csr, t: &[u64]) -> Vec<f64> {
    (0..g.node_count())
        .map(|v| {
            let d = g.degree(v) as f64;
            if d < 2.0 {
                0.0
            } else {
                2.0 * t[v] as f64 / (d * (d - 1.0))
            }
        })
        .collect()
}

/// Transitivity: `3 × triangles / connected triples = Σ t(v) / Σ d(v)(d(v)−1)/2`; 0 without
/// triangles. Same number as `nx.transitivity(G)`. O(m^1.5) worst case.
pub fn transitivity(g: &Csr) -> f64 {
    transitivity_from(g, &triangles(g))
}

pub(crate) fn transitivity_from(g: &Csr, t: &[u64]) -> f64 {
    let tri: u64 = t.iter().sum();
    if tri == 0 {
        return 0.0;
    }
    let triples: u64 = (0..g.node_count())
        .map(|v| {
            let d = g.degree(v) as u64;
            d * d.saturating_sub(1) / 2
        })
        .sum();
    tri as f64 / triples as f64
}

/// Average clustering over all nodes (zeros included): `(1/n) Σ_v C(v)`; 0 for the empty graph.
/// Same number as `nx.average_clustering(G)` (which raises on the empty graph).
pub fn average_clustering(g: &Csr) -> f64 {
    let c = clustering(g);
    if c.is_empty() {
        0.0
    } else {
        c.iter().sum::<f64>() / c.len() as f64
    }
}

/// k-core number: the largest `k` such that `v` belongs to a subgraph of minimum degree `k`.
///
/// Same numbers as `nx.core_number(G)`. Batagelj–Zaversnik bucket algorithm, O(n + m),
/// sequential.
pub fn core_number(g: &Csr) -> Vec<i64> {
    let n = g.node_count();
    if n == 0 {
        return Vec::new();
    }
    let deg: Vec<usize> = (0..n).map(|v| g.degree(v)).collect();
    peel_cores(deg, |v, visit| {
        for &u in g.neighbors(v) {
            visit(u as usize);
        }
    })
}

/// The Batagelj–Zaversnik bucket algorithm behind [`core_number`]: `deg` holds each node's
/// degree, and `neighbours(v, visit)` calls `visit(u)` for every neighbour `u` of `v` (from a
/// built graph, or listed through the two-mode graph by [`super::projected::core_number`]).
/// Returns the core number of each node. O(n + m) plus the cost of the neighbour listings.
pub(crate) fn peel_cores(
    mut deg: Vec<usize>,
    mut neighbours: impl FnMut(usize, &mut dyn FnMut(usize)),
) -> Vec<i64> {
    let n = deg.len();
    if n == 0 {
        return Vec::new();
    }
    let maxd = *deg.iter().max().unwrap();
    let mut bin = vec![0usize; maxd + 1];
    for &d in &deg {
        bin[d] += 1;
    }
    let mut start = 0;
    for b in bin.iter_mut() {
        let c = *b;
        *b = start;
        start += c;
    }
    let mut pos = vec![0usize; n];
    let mut vert = vec![0usize; n];
    for v in 0..n {
        pos[v] = bin[deg[v]];
        vert[pos[v]] = v;
        bin[deg[v]] += 1;
    }
    for d in (1..=maxd).rev() {
        bin[d] = bin[d - 1];
    }
    bin[0] = 0;
    for i in 0..n {
        let v = vert[i];
        let dv = deg[v];
        neighbours(v, &mut |u| {
            if deg[u] > dv {
                let du = deg[u];
                let pu = pos[u];
                let pw = bin[du];
                let w = vert[pw];
                if u != w {
                    pos[u] = pw;
                    vert[pu] = w;
                    pos[w] = pu;
                    vert[pw] = u;
                }
                bin[du] += 1;
                deg[u] -= 1;
            }
        });
    }
    deg.into_iter().map(|d| d as i64).collect()
}
