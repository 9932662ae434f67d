//! Gould–Fernandez brokerage roles (Gould & Fernandez 1989, "Structures of mediation",
//! *Sociological Methodology* 19), counted exactly as R's `sna::brokerage(g, cl)` counts them,
//! with its z-scores.
//!
//! A broker `j` mediates every ordered 2-path `i → j → k` with `i ≠ k` and no tie `i → k`.
//! By the groups of `i`, `j`, `k` (sna's column names in brackets):
//!
//! | role | groups | sna |
//! |---|---|---|
//! | coordinator | i, j, k all in one group | `w_I` |
//! | consultant (itinerant) | i and k in one group, j in another | `w_O` |
//! | representative | i and j in one group, k in another | `b_IO` |
//! | gatekeeper | j and k in one group, i in another | `b_OI` |
//! | liaison | three different groups | `b_O` |
//!
//! and `total` (`t`) is their sum. **On undirected ties** each open path `i – j – k` is counted
//! in both directions (sna reads a symmetric adjacency as two arcs), so every count is twice
//! the number of unordered open paths and **representative = gatekeeper** for every city.
//!
//! **z-scores** are sna's: `(count − E) / √V` with `E` and `V` the expectation and variance
//! under its Bernoulli null (every arc present independently with probability
//! `d = arcs / (N(N−1))`, `arcs` = 2 × ties for undirected graphs), from the sizes of the
//! broker's group and the others (Gould & Fernandez 1989, appendix). A zero variance (a group
//! too small for the role, or `d` = 0 or 1) gives NaN, as sna does for 0/0.
//!
//! # Complexity
//! O(Σ_j Σ_{i ∈ N(j)} deg(i)) time: for each broker a marked copy of its row, each neighbour's
//! row scanned once; counts are integers, parallel over brokers (rayon).

use crate::graph::Csr;
use rayon::prelude::*;

/// Role names, in output order (the five roles then `total`).
pub const ROLES: [&str; 6] = [
    "coordinator",
    "consultant",
    "representative",
    "gatekeeper",
    "liaison",
    "total",
];

/// Counts and z-scores per node; `counts[r][v]` and `z[r][v]` for role `r` in [`ROLES`] order.
#[derive(Debug, Clone, PartialEq)]
pub struct Brokerage {
    pub counts: [Vec<u64>; 6],
    pub z: [Vec<f64>; 6],
}

/// Brokerage roles of every node of the undirected graph `g` whose node `v` is in group
/// `group[v]` (any labels `0..`). See the module documentation.
pub fn brokerage(g: &Csr, group: &[u32]) -> Brokerage {
    let n = g.node_count();
    assert_eq!(group.len(), n);
    let n_groups = group.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    let rows: Vec<[u64; 5]> = (0..n)
        .into_par_iter()
        .map_init(
            || (vec![false; n], vec![0u64; n_groups]),
            |(mark, in_group), j| {
                let nj = g.neighbors(j);
                let cj = group[j];
                for &x in nj {
                    mark[x as usize] = true;
                    in_group[group[x as usize] as usize] += 1;
                }
                let mut out = [0u64; 5];
                for &i in nj {
                    let ci = group[i as usize];
                    let (mut common, mut common_cj, mut common_ci) = (0u64, 0u64, 0u64);
                    for &k in g.neighbors(i as usize) {
                        if mark[k as usize] {
                            common += 1;
                            let ck = group[k as usize];
                            common_cj += u64::from(ck == cj);
                            common_ci += u64::from(ck == ci);
                        }
                    }
                    // Open k: neighbours of j other than i and not tied to i.
                    let open = (nj.len() as u64 - 1) - common;
                    let open_cj = in_group[cj as usize] - common_cj - u64::from(ci == cj);
                    if ci == cj {
                        out[0] += open_cj;
                        out[2] += open - open_cj;
                    } else {
                        let open_ci = in_group[ci as usize] - common_ci - 1;
                        out[3] += open_cj;
                        out[1] += open_ci;
                        out[4] += open - open_cj - open_ci;
                    }
                }
                for &x in nj {
                    mark[x as usize] = false;
                    in_group[group[x as usize] as usize] = 0;
                }
                out
            },
        )
        .collect();
    let mut counts: [Vec<u64>; 6] = Default::default();
    for (r, col) in counts.iter_mut().enumerate().take(5) {
        *col = rows.iter().map(|x| x[r]).collect();
    }
    counts[5] = rows.iter().map(|x| x.iter().sum()).collect();
    let arcs = 2.0 * g.edge_count() as f64;
    let z = z_scores(&counts, group, arcs);
    Brokerage { counts, z }
}

/// sna's expectations and variances per group (rows: roles in [`ROLES`] order).
pub(crate) fn z_scores(counts: &[Vec<u64>; 6], group: &[u32], arcs: f64) -> [Vec<f64>; 6] {
    let n_nodes = group.len();
    let n_groups = group.iter().map(|&g| g as usize + 1).max().unwrap_or(0);
    let mut size = vec![0f64; n_groups];
    for &g in group {
        size[g as usize] += 1.0;
    }
    let nn = n_nodes as f64;
    let d = if n_nodes > 1 {
        arcs / (nn * (nn - 1.0))
    } else {
        0.0
    };
    let c3 = d.powi(3) * (1.0 - d).powi(3);
    let base = d * d * (1.0 - d);
    let choose2 = |x: f64| x * (x - 1.0) / 2.0;
    let moments: Vec<([f64; 6], [f64; 6])> = (0..n_groups)
        .map(|i| {
            let ni = size[i];
            let others = || (0..n_groups).filter(move |&g| g != i).map(|g| size[g]);
            let mut e = [0f64; 6];
            let mut v = [0f64; 6];
            e[0] = base * (ni - 1.0) * (ni - 2.0);
            v[0] = e[0] * (1.0 - base) + 2.0 * (ni - 1.0) * (ni - 2.0) * (ni - 3.0) * c3;
            e[1] = base * others().map(|x| x * (x - 1.0)).sum::<f64>();
            v[1] = e[1] * (1.0 - base)
                + 2.0 * others().map(|x| x * (x - 1.0) * (x - 2.0)).sum::<f64>() * c3;
            e[2] = base * (nn - ni) * (ni - 1.0);
            v[2] = e[2] * (1.0 - base)
                + 2.0 * ((ni - 1.0) * choose2(nn - ni) + (nn - ni) * choose2(ni - 1.0)) * c3;
            e[3] = e[2];
            v[3] = v[2];
            let s: f64 = others().sum();
            let s2: f64 = others().map(|x| x * x).sum();
            e[4] = base * (s * s - s2);
            v[4] = e[4] * (1.0 - base)
                + 4.0 * others().map(|x| x * choose2(nn - x - ni) * c3).sum::<f64>();
            e[5] = base * (nn - 1.0) * (nn - 2.0);
            v[5] = e[5] * (1.0 - base) + 2.0 * (nn - 1.0) * (nn - 2.0) * (nn - 3.0) * c3;
            (e, v)
        })
        .collect();
    let mut z: [Vec<f64>; 6] = Default::default();
    for (r, col) in z.iter_mut().enumerate() {
        *col = (0..n_nodes)
            .map(|v| {
                let (e, var) = &moments[group[v] as usize];
                let sd = var[r].sqrt();
                let x = (counts[r][v] as f64 - e[r]) / sd;
                if x.is_finite() {
                    x
                } else {
                    f64::NAN
                }
            })
            .collect();
    }
    z
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_with_two_groups_counts_each_open_path_both_ways() {
        // 0 – 1 – 2 – 3, groups (1, 1, 2, 2).
        let g = Csr::from_edges(4, &[(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0)]).0;
        let b = brokerage(&g, &[0, 0, 1, 1]);
        // Broker 1: 0→1→2 (representative), 2→1→0 (gatekeeper); broker 2 likewise.
        for v in [1, 2] {
            assert_eq!(b.counts[2][v], 1);
            assert_eq!(b.counts[3][v], 1);
            assert_eq!(b.counts[5][v], 2);
            assert_eq!(b.counts[0][v] + b.counts[1][v] + b.counts[4][v], 0);
        }
        assert_eq!(b.counts[5][0], 0);
    }

    #[test]
    fn closed_triangles_broker_nothing() {
        let g = Csr::from_edges(3, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0)]).0;
        let b = brokerage(&g, &[0, 1, 2]);
        assert!(b.counts[5].iter().all(|&c| c == 0));
    }
}
