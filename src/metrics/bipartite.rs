//! Two-mode (bipartite) measures on the city–program graph `B`, with the normalisations of
//! Borgatti & Halgin ("Analyzing affiliation networks", 2011) as implemented by
//! `networkx.algorithms.bipartite`.
//!
//! Every function returns `(city values, program values)`: cities indexed `0..n_cities`,
//! programs `0..n_programs`. In the formulas, `n` is the size of the node's own mode and `m`
//! the size of the other mode.

use super::paths::{betweenness_raw, distance_stats};
use crate::graph::TwoMode;
use rayon::prelude::*;

fn split(v: Vec<f64>, nc: usize) -> (Vec<f64>, Vec<f64>) {
    let mut v = v;
    let programs = v.split_off(nc);
    (v, programs)
}

/// Bipartite degree centrality: `deg(v) / m`, `m` = size of the other mode (0 if that mode is
/// empty). Same numbers as `nx.bipartite.degree_centrality(B, cities)`. O(n).
pub fn bip_degree(t: &TwoMode) -> (Vec<f64>, Vec<f64>) {
    let (nc, np) = (t.n_cities(), t.n_programs());
    let div = |d: usize, other: usize| {
        if other == 0 {
            0.0
        } else {
            d as f64 * (1.0 / other as f64)
        }
    };
    let cities = (0..nc).map(|c| div(t.programs_of(c).0.len(), np)).collect();
    let programs = (0..np).map(|p| div(t.members_of(p).0.len(), nc)).collect();
    (cities, programs)
}

/// Largest possible unnormalised betweenness of a node whose own mode has `n` nodes, the other
/// mode `m` (Borgatti & Halgin): with `s, t = divmod(n − 1, m)`,
/// `(m²(s+1)² + m(s+1)(2t−s−1) − t(2s−t+3)) / 2`.
pub fn bip_betweenness_max(n: usize, m: usize) -> f64 {
    if m == 0 {
        return 0.0;
    }
    let (n, m) = (n as i128, m as i128);
    let (s, t) = ((n - 1).div_euclid(m), (n - 1).rem_euclid(m));
    let v = m * m * (s + 1) * (s + 1) + m * (s + 1) * (2 * t - s - 1) - t * (2 * s - t + 3);
    v as f64 / 2.0
}

/// Bipartite betweenness: unnormalised hop-count betweenness on `B` (pairs counted once) divided
/// by [`bip_betweenness_max`] of the node's mode; 0 where that maximum is 0 (NetworkX divides by
/// zero there). Same numbers as `nx.bipartite.betweenness_centrality(B, cities)`.
/// Brandes on `B`, O((n_c + n_p) · memberships), parallel and deterministic.
pub fn bip_betweenness(t: &TwoMode) -> (Vec<f64>, Vec<f64>) {
    let (nc, np) = (t.n_cities(), t.n_programs());
    let b = t.as_graph();
    let raw = betweenness_raw(&b);
    let max_c = bip_betweenness_max(nc, np);
    let max_p = bip_betweenness_max(np, nc);
    let vals = raw
        .iter()
        .enumerate()
        .map(|(v, &x)| {
            let mx = if v < nc { max_c } else { max_p };
            if mx == 0.0 {
                0.0
            } else {
                0.5 * x / mx
            }
        })
        .collect();
    split(vals, nc)
}

/// Bipartite closeness: `(m + 2(n − 1)) / Σ_u d(v,u)` scaled by `(r − 1)/(N − 1)` where `r` is
/// the size of `v`'s component and `N = n_c + n_p`; 0 if `v` reaches nothing. Same numbers as
/// `nx.bipartite.closeness_centrality(B, cities)` (normalized=True). All-sources BFS on `B`.
pub fn bip_closeness(t: &TwoMode) -> (Vec<f64>, Vec<f64>) {
    let (nc, np) = (t.n_cities(), t.n_programs());
    let b = t.as_graph();
    let total = nc + np;
    let stats = distance_stats(&b, None, u32::MAX, false);
    let vals = (0..total)
        .map(|v| {
            let tot = stats.dist_sum[v];
            if tot > 0 && total > 1 {
                let (own, other) = if v < nc { (nc, np) } else { (np, nc) };
                let c = (other as f64 + 2.0 * (own as f64 - 1.0)) / tot as f64;
                c * (stats.reach[v] as f64 / (total as f64 - 1.0))
            } else {
                0.0
            }
        })
        .collect();
    split(vals, nc)
}

/// Two-mode eigenvector centrality: the leading eigenvector of the weighted adjacency matrix of
/// `B` (cities and programs together), unit Euclidean norm over all nodes, found by power
/// iteration on `A²` (see [`super::spectral::eigenvector`]). Same numbers as
/// `nx.eigenvector_centrality(B, weight="weight", tol=1e-12, max_iter=10000)`; igraph's
/// `eigen_centrality(B)` divides it by its largest entry.
///
/// # Errors
/// [`super::MetricError::NoConvergence`] when the iteration does not converge.
pub fn bip_eigenvector(t: &TwoMode) -> Result<(Vec<f64>, Vec<f64>), super::MetricError> {
    let v = super::spectral::eigenvector(&t.as_graph())?;
    Ok(split(v, t.n_cities()))
}

/// Latapy clustering, "dot" mode: for `v` with second neighbours `N₂(v)` (same mode, sharing at
/// least one neighbour), `c(v) = (1/|N₂(v)|) Σ_{u ∈ N₂(v)} |N(u) ∩ N(v)| / |N(u) ∪ N(v)|`; 0 when
/// `N₂(v)` is empty. Same numbers as `nx.bipartite.clustering(B, cities, mode="dot")`.
/// O(Σ_p k_p²) via co-membership counting, parallel over nodes, per-node sums (deterministic).
pub fn bip_clustering(t: &TwoMode) -> (Vec<f64>, Vec<f64>) {
    let (nc, np) = (t.n_cities(), t.n_programs());
    let cities = latapy(
        nc,
        |c| t.programs_of(c).0,
        |p| t.members_of(p).0,
        |c| t.programs_of(c).0.len(),
    );
    let programs = latapy(
        np,
        |p| t.members_of(p).0,
        |c| t.programs_of(c).0,
        |p| t.members_of(p).0.len(),
    );
    (cities, programs)
}

fn latapy<'a, F, G, D>(n: usize, row: F, back: G, deg: D) -> Vec<f64>
where
    F: Fn(usize) -> &'a [u32] + Sync,
    G: Fn(usize) -> &'a [u32] + Sync,
    D: Fn(usize) -> usize + Sync,
{
    (0..n)
        .into_par_iter()
        .map_init(
            || (vec![0u32; n], Vec::<u32>::new()),
            |(cnt, touched), v| {
                touched.clear();
                for &m in row(v) {
                    for &u in back(m as usize) {
                        let u = u as usize;
                        if u == v {
                            continue;
                        }
                        if cnt[u] == 0 {
                            touched.push(u as u32);
                        }
                        cnt[u] += 1;
                    }
                }
                if touched.is_empty() {
                    return 0.0;
                }
                touched.sort_unstable();
                let dv = deg(v);
                let mut s = 0.0;
                for &u in touched.iter() {
                    let u = u as usize;
                    let inter = cnt[u] as usize;
                    let union = dv + deg(u) - inter;
                    s += inter as f64 / union as f64;
                    cnt[u] = 0;
                }
                s / touched.len() as f64
            },
        )
        .collect()
}
