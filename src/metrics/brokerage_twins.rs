//! Gould–Fernandez brokerage roles ([`super::brokerage`]) in the city projection through its
//! twin classes ([`super::twin_view`]), without building the projection.
//!
//! Two cities are interchangeable for brokerage only if they are twins **and** in the same
//! group, so the roles are counted per (class, group). For a broker `j` of class `J`, an open
//! 2-path `i – j – k` needs `i` and `k` tied to `J` but not to each other, which puts them in
//! two distinct classes `I` and `K`, both tied to `J` and not to each other (a twin of `j`, or
//! of `i`, is tied to both ends). So for each class `I` tied to `J` the open ends are the
//! cities of the classes `K` tied to `J` and not to `I`; counted by group, they give the
//! roles of every group of `J` at once:
//!
//! ```text
//! i in group g_i (n_I(g_i) cities), broker group g_j, open ends o (o(g): those in group g):
//!   g_i = g_j:  coordinator += n·o(g_j)        representative += n·(o − o(g_j))
//!   g_i ≠ g_j:  gatekeeper  += n·o(g_j)        consultant     += n·o(g_i)
//!               liaison     += n·(o − o(g_j) − o(g_i))
//! ```
//!
//! Counts are integers, so they equal the materialised route's ([`super::brokerage::brokerage`]
//! on [`crate::graph::TwoMode::project_cities`]) exactly, and so do the z-scores (same
//! function, same inputs).
//!
//! # Complexity
//! O(Σ_J Σ_{I ~ J} (K/64 + Σ_{K in the smaller of the open and closed sets} groups(K)))
//! for `K` classes; parallel over broker classes, integer sums, so any thread count gives the
//! same output.

use super::brokerage::{z_scores, Brokerage};
use super::twin_view::TwinView;
use rayon::prelude::*;

/// Brokerage roles of every city of the projection whose twin classes are `q`, city `v` in
/// group `group[v]`.
pub fn brokerage(q: &TwinView, group: &[u32]) -> Brokerage {
    let n_groups = group.iter().map(|&g| g as usize + 1).max().unwrap_or(0);
    let counts = q.group_counts(group);
    let per_class: Vec<Vec<[u64; 5]>> = (0..q.n_classes())
        .into_par_iter()
        .map_init(
            || {
                (
                    vec![0u64; n_groups],
                    vec![0u64; n_groups],
                    vec![0u64; q.row_bits(0).len()],
                )
            },
            |(in_j, acc, bits), j| broker_class(q, &counts, j, in_j, acc, bits),
        )
        .collect();
    let mut out: [Vec<u64>; 6] = Default::default();
    for col in out.iter_mut() {
        col.reserve(group.len());
    }
    for (v, &g) in group.iter().enumerate() {
        let c = q.class_of(v);
        let k = counts[c]
            .binary_search_by_key(&g, |x| x.0)
            .expect("every city's group is counted in its class");
        let row = per_class[c][k];
        for r in 0..5 {
            out[r].push(row[r]);
        }
        out[5].push(row.iter().sum());
    }
    let arcs = 2.0 * q.edge_count() as f64;
    let z = z_scores(&out, group, arcs);
    Brokerage { counts: out, z }
}

/// The role counts of one broker of class `j` per group of `j` (in `counts[j]` order).
/// `in_j`, `acc` (per group) and `bits` (per class word) are zeroed scratch space, left zeroed.
fn broker_class(
    q: &TwinView,
    counts: &[Vec<(u32, u64)>],
    j: usize,
    in_j: &mut [u64],
    acc: &mut [u64],
    bits: &mut [u64],
) -> Vec<[u64; 5]> {
    let mut rows = vec![[0u64; 5]; counts[j].len()];
    let nj = q.row_bits(j);
    let mut in_total = 0u64;
    for (k, _) in q.ties(j) {
        in_total += q.size[k];
        for &(g, m) in &counts[k] {
            in_j[g as usize] += m;
        }
    }
    for (i, _) in q.ties(j) {
        // Open ends: classes tied to j, not to i, other than i; or count the closed ones.
        let ni = q.row_bits(i);
        for (w, b) in bits.iter_mut().enumerate() {
            *b = nj[w] & !ni[w];
        }
        bits[i / 64] &= !(1u64 << (i % 64));
        let open_n: u32 = bits.iter().map(|b| b.count_ones()).sum();
        let closed_n = q.n_tied_classes(j) as u32 - open_n;
        let count_open = open_n <= closed_n;
        if !count_open {
            for (w, b) in bits.iter_mut().enumerate() {
                *b = nj[w] & ni[w];
            }
            bits[i / 64] |= nj[i / 64] & (1u64 << (i % 64));
        }
        let mut total = 0u64;
        for_each_bit(bits, |k| {
            total += q.size[k];
            for &(g, m) in &counts[k] {
                acc[g as usize] += m;
            }
        });
        let open_in = |g: u32| -> u64 {
            if count_open {
                acc[g as usize]
            } else {
                in_j[g as usize] - acc[g as usize]
            }
        };
        let open = if count_open { total } else { in_total - total };
        for &(gi, ni_count) in &counts[i] {
            let o_gi = open_in(gi);
            for (row, &(gj, _)) in rows.iter_mut().zip(&counts[j]) {
                let o_gj = open_in(gj);
                if gi == gj {
                    row[0] += ni_count * o_gj;
                    row[2] += ni_count * (open - o_gj);
                } else {
                    row[3] += ni_count * o_gj;
                    row[1] += ni_count * o_gi;
                    row[4] += ni_count * (open - o_gj - o_gi);
                }
            }
        }
        for_each_bit(bits, |k| {
            for &(g, _) in &counts[k] {
                acc[g as usize] = 0;
            }
        });
        bits.iter_mut().for_each(|b| *b = 0);
    }
    for (k, _) in q.ties(j) {
        for &(g, _) in &counts[k] {
            in_j[g as usize] = 0;
        }
    }
    rows
}

fn for_each_bit(bits: &[u64], mut f: impl FnMut(usize)) {
    for (w, &b) in bits.iter().enumerate() {
        let mut b = b;
        while b != 0 {
            f(w * 64 + b.trailing_zeros() as usize);
            b &= b - 1;
        }
    }
}
