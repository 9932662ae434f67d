//! Exact measures of the city projection `G` computed through the two-mode graph `B`, for
//! projections too large to build (see [`crate::graph::implicit`]).
//!
//! Each function gives the same numbers as the function of the same name in this module's
//! parents applied to `t.project_cities()` — to rounding error for the floating-point ones
//! (sums are taken in a different order), exactly for counts and labels.

use super::components::canonical_labels;
use super::paths::{fixed_chunks, DistanceStats};
use super::spectral::{MAX_ITER, TOL};
use super::MetricError;
use crate::graph::implicit::{
    bfs_order, components_raw, project_matvec, ImplicitBfs, NeighbourScan,
};
use crate::graph::TwoMode;
use rayon::prelude::*;

/// All-sources BFS statistics of `G` (as [`super::distance_stats`] on the built projection)
/// from `sources` (all cities if `None`) to depth `max_depth` hops of `G`, over `B`.
/// Deterministic for any thread count (fixed chunks, integer sums, chunk-ordered float sums).
///
/// # Complexity
/// O(n/64 · levels · memberships) time in the worst case, O(n + programs) scratch per thread.
pub fn distance_stats(t: &TwoMode, sources: Option<&[u32]>, max_depth: u32) -> DistanceStats {
    let n = t.n_cities();
    let order = bfs_order(t, sources);
    let batches: Vec<&[u32]> = order.chunks(64).collect();
    let chunks = fixed_chunks(batches.len(), 1);
    type Part = (Vec<u64>, Vec<u64>, Vec<f64>, u64);
    let parts: Vec<Part> = chunks
        .into_par_iter()
        .map_init(
            || ImplicitBfs::new(t),
            |scratch, range| {
                let mut ds = vec![0u64; n];
                let mut rc = vec![0u64; n];
                let mut hm = vec![0f64; n];
                let mut maxd = 0u64;
                for b in range {
                    let last = scratch.run(t, batches[b], max_depth, |u, level, bits| {
                        let c = bits.count_ones() as u64;
                        ds[u] += c * level as u64;
                        rc[u] += c;
                        hm[u] += c as f64 / level as f64;
                    });
                    maxd = maxd.max(last as u64);
                }
                (ds, rc, hm, maxd)
            },
        )
        .collect();
    let mut out = DistanceStats {
        dist_sum: vec![0; n],
        reach: vec![0; n],
        harmonic: vec![0.0; n],
        max_distance: 0,
    };
    for (ds, rc, hm, maxd) in &parts {
        for v in 0..n {
            out.dist_sum[v] += ds[v];
            out.reach[v] += rc[v];
            out.harmonic[v] += hm[v];
        }
        out.max_distance = out.max_distance.max(*maxd);
    }
    out
}

/// Connected-component labels of `G` (0 = largest, ties by smallest city id), as
/// [`super::components()`]. O(memberships).
pub fn components(t: &TwoMode) -> Vec<i64> {
    canonical_labels(&components_raw(t))
}

/// PageRank of `G` (`nx.pagerank(G, alpha, weight="weight")`, as [`super::pagerank`]) with
/// the products `A_G·x` taken through `B`; `strength` is `t.projected_strength()`.
/// O(memberships) per iteration.
///
/// # Errors
/// [`MetricError::PageRankNoConvergence`] after [`MAX_ITER`] iterations.
pub fn pagerank(t: &TwoMode, strength: &[f64], alpha: f64) -> Result<Vec<f64>, MetricError> {
    let n = t.n_cities();
    if n == 0 {
        return Ok(Vec::new());
    }
    let inv_s: Vec<f64> = strength
        .iter()
        .map(|&s| if s != 0.0 { 1.0 / s } else { 0.0 })
        .collect();
    let dangling: Vec<usize> = (0..n).filter(|&v| inv_s[v] == 0.0).collect();
    let nf = n as f64;
    let p = 1.0 / nf;
    let mut x = vec![p; n];
    for _ in 0..MAX_ITER {
        let scaled: Vec<f64> = x.iter().zip(&inv_s).map(|(a, b)| a * b).collect();
        let dsum: f64 = dangling.iter().map(|&v| x[v]).sum();
        let ax = project_matvec(t, &scaled);
        let xnew: Vec<f64> = ax
            .iter()
            .map(|&acc| alpha * (acc + dsum * p) + (1.0 - alpha) * p)
            .collect();
        let err: f64 = xnew.iter().zip(&x).map(|(a, b)| (a - b).abs()).sum();
        x = xnew;
        if err < nf * TOL {
            return Ok(x);
        }
    }
    Err(MetricError::PageRankNoConvergence(MAX_ITER))
}

/// Eigenvector centrality of `G` (`nx.eigenvector_centrality(G, weight="weight")`, as
/// [`super::eigenvector`]) with the products taken through `B`. O(memberships) per iteration.
///
/// # Errors
/// [`MetricError::NoConvergence`] after [`MAX_ITER`] iterations.
pub fn eigenvector(t: &TwoMode) -> Result<Vec<f64>, MetricError> {
    let n = t.n_cities();
    if n == 0 {
        return Ok(Vec::new());
    }
    let nf = n as f64;
    let mut x = vec![1.0 / nf; n];
    for _ in 0..MAX_ITER {
        let ax = project_matvec(t, &x);
        let mut y: Vec<f64> = ax.iter().zip(&x).map(|(a, b)| a + b).collect();
        let norm = y.iter().map(|v| v * v).sum::<f64>().sqrt();
        let norm = if norm == 0.0 { 1.0 } else { norm };
        for v in &mut y {
            *v /= norm;
        }
        let err: f64 = y.iter().zip(&x).map(|(a, b)| (a - b).abs()).sum();
        x = y;
        if err < nf * TOL {
            return Ok(x);
        }
    }
    Err(MetricError::NoConvergence(MAX_ITER))
}

/// k-core numbers of `G` (`nx.core_number(G)`, as [`super::core_number`]): the
/// Batagelj–Zaversnik bucket algorithm with each removed city's neighbours listed from `B`;
/// `degree` is `t.projected_degree()`. O(Σ_p k_p²) time (the work of the sparse product),
/// O(n) memory, sequential.
pub fn core_number(t: &TwoMode, degree: &[usize]) -> Vec<i64> {
    let n = t.n_cities();
    if n == 0 {
        return Vec::new();
    }
    let mut scan = NeighbourScan::new(n);
    super::clustering::peel_cores(degree.to_vec(), |v, visit| scan.for_each(t, v, visit))
}

/// Degree assortativity of `G` (`nx.degree_assortativity_coefficient(G)`, as
/// [`super::degree_assortativity`]); `degree` is `t.projected_degree()`. O(Σ_p k_p²) time,
/// parallel over cities in fixed chunks (deterministic).
pub fn degree_assortativity(t: &TwoMode, degree: &[usize]) -> Option<f64> {
    let n = t.n_cities();
    let (mut s1, mut s2) = (0.0f64, 0.0f64);
    for &d in degree {
        s1 += (d * d) as f64;
        s2 += d as f64;
    }
    if s2 == 0.0 {
        return None;
    }
    let mu = s1 / s2;
    // Σ_{u ∈ N(v)} d(u), exact in integers.
    let neighbour_degree_sum: Vec<u64> = fixed_chunks(n, 64)
        .into_par_iter()
        .map_init(
            || NeighbourScan::new(n),
            |scan, range| {
                range
                    .map(|v| {
                        let mut s = 0u64;
                        scan.for_each(t, v, |u| s += degree[u] as u64);
                        s
                    })
                    .collect::<Vec<u64>>()
            },
        )
        .flatten()
        .collect();
    let mut cov = 0.0;
    let mut var = 0.0;
    for v in 0..n {
        let d = degree[v] as f64;
        let dv = d - mu;
        var += d * dv * dv;
        cov += dv * (neighbour_degree_sum[v] as f64 - d * mu);
    }
    if var <= 0.0 || !var.is_finite() {
        None
    } else {
        Some(cov / var)
    }
}

/// Weighted modularity of `labels` on `G` (as [`super::modularity`] with resolution γ):
/// `Q = Σ_c [L_c/m − γ (K_c/2m)²]` with, per community `c`, the internal weight
/// `L_c = ½ Σ_p [(Σ_{a∈c∩p} w(a,p))² − Σ_{a∈c∩p} w(a,p)²]` and `K_c = Σ_{a∈c} s(a)`.
/// O(memberships · log).
pub fn modularity(t: &TwoMode, strength: &[f64], labels: &[i64], resolution: f64) -> f64 {
    let m: f64 = strength.iter().sum::<f64>() / 2.0;
    if m <= 0.0 {
        return 0.0;
    }
    let k = labels.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    let mut tot = vec![0.0; k];
    for (a, &c) in labels.iter().enumerate() {
        tot[c as usize] += strength[a];
    }
    let mut internal = vec![0.0; k];
    let mut per: Vec<(i64, f64)> = Vec::new();
    for p in 0..t.n_programs() {
        let (ms, ws) = t.members_of(p);
        per.clear();
        per.extend(ms.iter().zip(ws).map(|(&a, &w)| (labels[a as usize], w)));
        per.sort_by_key(|x| x.0);
        let mut i = 0;
        while i < per.len() {
            let c = per[i].0;
            let (mut sum, mut sq) = (0.0, 0.0);
            while i < per.len() && per[i].0 == c {
                sum += per[i].1;
                sq += per[i].1 * per[i].1;
                i += 1;
            }
            internal[c as usize] += 0.5 * (sum * sum - sq);
        }
    }
    let norm = 1.0 / (2.0 * m * 2.0 * m);
    (0..k)
        .map(|c| internal[c] / m - resolution * tot[c] * tot[c] * norm)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics;

    /// A random-ish two-mode graph with overlapping programs and valued memberships.
    fn sample() -> TwoMode {
        let mut m = vec![];
        let mut x = 12345u64;
        for c in 0..60u32 {
            for p in 0..9u32 {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let r = (x >> 33) % 100;
                if r < 12 + 4 * p as u64 || (c < 5 && p == 8) {
                    m.push((c, p, 1.0 + (r % 3) as f64 * 0.5));
                }
            }
        }
        m.push((60, 9, 1.0));
        m.push((61, 9, 1.0));
        TwoMode::new(63, 10, &m)
    }

    fn close(a: &[f64], b: &[f64]) {
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(b) {
            assert!((x - y).abs() <= 1e-12 * (1.0 + y.abs()), "{x} vs {y}");
        }
    }

    #[test]
    fn same_numbers_as_the_built_projection() {
        let t = sample();
        let g = t.project_cities();
        let n = g.node_count();
        let st = distance_stats(&t, None, u32::MAX);
        let want = metrics::distance_stats(&g, None, u32::MAX, true);
        assert_eq!(st.dist_sum, want.dist_sum);
        assert_eq!(st.reach, want.reach);
        assert_eq!(st.max_distance, want.max_distance);
        close(&st.harmonic, &want.harmonic);
        let r2 = distance_stats(&t, None, 2);
        assert_eq!(r2.reach, metrics::distance_stats(&g, None, 2, true).reach);
        assert_eq!(components(&t), metrics::components(&g));
        let s = t.projected_strength();
        close(
            &pagerank(&t, &s, 0.85).unwrap(),
            &metrics::pagerank(&g, 0.85).unwrap(),
        );
        close(
            &eigenvector(&t).unwrap(),
            &metrics::eigenvector(&g).unwrap(),
        );
        let d = t.projected_degree();
        assert_eq!(core_number(&t, &d), metrics::core_number(&g));
        let a = degree_assortativity(&t, &d).unwrap();
        let b = metrics::degree_assortativity(&g).unwrap();
        assert!((a - b).abs() < 1e-12, "{a} vs {b}");
        let labels = metrics::louvain(&g, 1.0, 1);
        let q1 = modularity(&t, &s, &labels, 1.0);
        let q2 = metrics::modularity(&g, &labels, 1.0);
        assert!((q1 - q2).abs() < 1e-12, "{q1} vs {q2}");
        assert!(n > 60);
    }
}
