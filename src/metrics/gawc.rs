//! The world-city-network measures of GaWC (Globalization and World Cities), computed on the
//! valued city projection: Taylor's interlocking network model (Taylor 2001, "Specification of
//! the world city network", *Geographical Analysis* 33; Taylor 2004, *World City Network*),
//! in which the projection weight `r_ab = Σ_p v_ap·v_bp` is the interlock of cities `a` and `b`
//! through the programs (firms, in GaWC's data) both belong to.
//!
//! - **Global network connectivity** `gnc_a = Σ_b r_ab`: the strength of `a` in the
//!   projection; `gnc_share = gnc_a / max_b gnc_b` (GaWC publishes connectivities as a share of
//!   the most connected city).
//! - **E–I index** (Krackhardt & Stern 1988, "Informal networks and organizational crises",
//!   *Social Psychology Quarterly* 51): over a city's ties, counted as ties (not weights),
//!   `(E − I)/(E + I)` with `E` the ties to cities of another group and `I` to its own; NaN
//!   without ties. A group's index counts each tie with both ends in the group once in `I` and
//!   each tie leaving it once in `E`.
//! - **Dyads**: the pairs with the largest `r_ab`, with `r_ab / max r` (Taylor 2004, ch. 5).
//! - **Hinterworld** of a city `A` (Taylor 2004; Taylor & Walker's relative hinterworlds): for
//!   every other city `b`, `r_Ab` against what `b`'s connectivity predicts: the ordinary least
//!   squares fit `α̂ + β̂·gnc_b` over all `b ≠ A`, and the residual `r_Ab − (α̂ + β̂·gnc_b)`.
//!   A positive residual: `b` is more tied to `A` than its overall connectivity predicts.

use super::rank::{competition, NanRank};
use crate::graph::Csr;
use rayon::prelude::*;

/// One city `b` of a hinterworld: `(b, r_ab, fitted, residual)`.
pub type HinterworldRow = (u32, f64, f64, f64);

/// The whole suite for one input, for the tables and figures.
pub struct GawcSuite {
    pub labels: Vec<u32>,
    pub group_names: Vec<String>,
    pub gnc: Vec<f64>,
    pub ei: Vec<f64>,
    pub dyads: Vec<(u32, u32, f64, u32)>,
    pub groups: Vec<GroupConnectivity>,
    /// Per hinterworld city: its index, its rows and (α̂, β̂).
    pub hinterworlds: Vec<(usize, Vec<HinterworldRow>, (f64, f64))>,
}

/// The whole suite on `g` (the valued projection) for cities in groups `labels` named
/// `group_names`: gnc, E–I indices, the dyads ranked `dyads` or better, group sums and the
/// hinterworld of each city in `hinterworld`.
pub fn suite(
    g: &Csr,
    labels: Vec<u32>,
    group_names: Vec<String>,
    hinterworld: &[usize],
    dyads: usize,
) -> GawcSuite {
    let gnc = super::strength(g);
    GawcSuite {
        ei: ei_index(g, &labels),
        dyads: top_dyads(g, dyads),
        groups: groups(g, &gnc, &labels, group_names.len()),
        hinterworlds: hinterworld
            .iter()
            .map(|&a| {
                let (rows, fit) = self::hinterworld(g, &gnc, a);
                (a, rows, fit)
            })
            .collect(),
        labels,
        group_names,
        gnc,
    }
}

/// Krackhardt–Stern E–I index of every node over its ties, by `group`; NaN for isolates.
pub fn ei_index(g: &Csr, group: &[u32]) -> Vec<f64> {
    (0..g.node_count())
        .into_par_iter()
        .map(|v| {
            let nb = g.neighbors(v);
            if nb.is_empty() {
                return f64::NAN;
            }
            let internal = nb
                .iter()
                .filter(|&&u| group[u as usize] == group[v])
                .count();
            let external = nb.len() - internal;
            (external as f64 - internal as f64) / nb.len() as f64
        })
        .collect()
}

/// One group's connectivity.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupConnectivity {
    /// Group label.
    pub group: u32,
    /// Number of cities in it.
    pub cities: usize,
    /// Σ gnc over its cities.
    pub gnc_sum: f64,
    /// `gnc_sum` / Σ gnc over every city.
    pub gnc_share: f64,
    /// Group E–I index (NaN without ties).
    pub ei_index: f64,
}

/// Per-group sums of `gnc` and group E–I indices, for labels `0..n_groups`.
pub fn groups(g: &Csr, gnc: &[f64], group: &[u32], n_groups: usize) -> Vec<GroupConnectivity> {
    let mut internal = vec![0u64; n_groups];
    let mut external = vec![0u64; n_groups];
    for (a, b, _) in g.edges() {
        let (ca, cb) = (group[a as usize] as usize, group[b as usize] as usize);
        if ca == cb {
            internal[ca] += 1;
        } else {
            external[ca] += 1;
            external[cb] += 1;
        }
    }
    group_table(gnc, group, &internal, &external)
}

/// The groups' rows from `gnc` and the ties counted inside (`internal`) and leaving
/// (`external`) each group.
pub(crate) fn group_table(
    gnc: &[f64],
    group: &[u32],
    internal: &[u64],
    external: &[u64],
) -> Vec<GroupConnectivity> {
    let total: f64 = gnc.iter().sum();
    let mut out: Vec<GroupConnectivity> = (0..internal.len())
        .map(|c| GroupConnectivity {
            group: c as u32,
            cities: 0,
            gnc_sum: 0.0,
            gnc_share: 0.0,
            ei_index: f64::NAN,
        })
        .collect();
    for (v, &c) in group.iter().enumerate() {
        out[c as usize].cities += 1;
        out[c as usize].gnc_sum += gnc[v];
    }
    for (c, o) in out.iter_mut().enumerate() {
        o.gnc_share = o.gnc_sum / total;
        let (e, i) = (external[c] as f64, internal[c] as f64);
        if e + i > 0.0 {
            o.ei_index = (e - i) / (e + i);
        }
    }
    out
}

/// The pairs `(a, b, r_ab, rank)`, `a < b`, ranked `top` or better by weight (competition
/// ranks; every pair tied at the cut-off is kept), strongest first, then by `(a, b)`.
pub fn top_dyads(g: &Csr, top: usize) -> Vec<(u32, u32, f64, u32)> {
    let mut e: Vec<(u32, u32, f64)> = g.edges().collect();
    e.sort_by(|x, y| y.2.total_cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
    let weights: Vec<f64> = e.iter().map(|x| x.2).collect();
    let order: Vec<usize> = (0..e.len()).collect();
    let ranks = competition(&weights, &order, NanRank::Last);
    e.iter()
        .zip(ranks)
        .take_while(|&(_, rank)| rank as usize <= top)
        .map(|(&(a, b, w), rank)| (a, b, w, rank))
        .collect()
}

/// The hinterworld of city `a`: for every other city `b` (ascending), `(b, r_ab, fitted,
/// residual)` with the OLS fit of `r_ab` on `gnc_b` over all `b ≠ a` (see the module
/// documentation), and the fitted `(α̂, β̂)`. When every other city has the same `gnc`,
/// `β̂ = 0` and `α̂` is the mean of `r_ab`.
pub fn hinterworld(g: &Csr, gnc: &[f64], a: usize) -> (Vec<HinterworldRow>, (f64, f64)) {
    let n = g.node_count();
    let mut r = vec![0.0; n];
    for (&b, &w) in g.neighbors(a).iter().zip(g.edge_weights(a)) {
        r[b as usize] = w;
    }
    hinterworld_of_row(&r, gnc, a)
}

/// The hinterworld of city `a` from its row `r[b] = r_ab` of the projection (0 for `b = a`
/// and for cities not tied to `a`).
pub fn hinterworld_of_row(r: &[f64], gnc: &[f64], a: usize) -> (Vec<HinterworldRow>, (f64, f64)) {
    let n = r.len();
    let others: Vec<usize> = (0..n).filter(|&b| b != a).collect();
    let m = others.len() as f64;
    let mean_x = others.iter().map(|&b| gnc[b]).sum::<f64>() / m;
    let mean_y = others.iter().map(|&b| r[b]).sum::<f64>() / m;
    let sxx: f64 = others.iter().map(|&b| (gnc[b] - mean_x).powi(2)).sum();
    let sxy: f64 = others
        .iter()
        .map(|&b| (gnc[b] - mean_x) * (r[b] - mean_y))
        .sum();
    let beta = if sxx > 0.0 { sxy / sxx } else { 0.0 };
    let alpha = mean_y - beta * mean_x;
    let rows = others
        .iter()
        .map(|&b| {
            let fit = alpha + beta * gnc[b];
            (b as u32, r[b], fit, r[b] - fit)
        })
        .collect();
    (rows, (alpha, beta))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ei_index_counts_ties_not_weights() {
        // 0 (group 0) tied to 1 (group 0, weight 5) and 2 (group 1, weight 1).
        let g = Csr::from_edges(4, &[(0, 1, 5.0), (0, 2, 1.0)]).0;
        let ei = ei_index(&g, &[0, 0, 1, 1]);
        assert_eq!(ei[0], 0.0);
        assert_eq!(ei[2], 1.0);
        assert!(ei[3].is_nan());
        let gr = groups(&g, &[6.0, 5.0, 1.0, 0.0], &[0, 0, 1, 1], 2);
        // Group 0: one internal tie, one external: 0. Group 1: one external: 1.
        assert_eq!(gr[0].ei_index, 0.0);
        assert_eq!(gr[1].ei_index, 1.0);
        assert_eq!(gr[0].gnc_share, 11.0 / 12.0);
    }

    #[test]
    fn dyads_keep_ties_at_the_cut_off() {
        let g = Csr::from_edges(4, &[(0, 1, 3.0), (1, 2, 2.0), (2, 3, 2.0), (0, 3, 1.0)]).0;
        let d = top_dyads(&g, 2);
        assert_eq!(d, vec![(0, 1, 3.0, 1), (1, 2, 2.0, 2), (2, 3, 2.0, 2)]);
    }

    #[test]
    fn hinterworld_of_a_perfect_line_has_no_residuals() {
        // r_0b = 2·gnc_b exactly: residuals 0.
        let g = Csr::from_edges(3, &[(0, 1, 2.0), (0, 2, 4.0)]).0;
        let (rows, (alpha, beta)) = hinterworld(&g, &[6.0, 1.0, 2.0], 0);
        assert_eq!((alpha, beta), (0.0, 2.0));
        assert!(rows.iter().all(|r| r.3 == 0.0));
    }
}
