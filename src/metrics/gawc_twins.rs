//! The GaWC suite ([`super::gawc`]) through the twin classes of the city projection
//! ([`super::twin_view`]), without building the projection: the same tables, from class sizes
//! and the weights between classes.
//!
//! - `gnc` of a city is its class's strength, `Σ_{D≠C} |D|·w(C,D) + (|C|−1)·w(C,C)`.
//! - E–I indices count ties: a city of group `g` in class `C` has `degree(C)` ties, of which
//!   `Σ_{D ~ C} n_D(g) + (n_C(g) − 1)` inside its group (`n_D(g)`: cities of `D` in `g`).
//!   A group's ties are counted per pair of classes: `n_C(g)·n_D(h)` ties between `g` and `h`.
//! - Dyads: every pair of cities in classes `(C, D)` has the weight `w(C,D)`; the class pairs
//!   are ranked by weight and only the pairs ranked `top` or better are listed.
//! - A hinterworld row `r_Ab` is `w(class(A), class(b))`.
//!
//! With whole-number membership weights every number equals the materialised route's
//! ([`super::gawc::suite`] on [`crate::graph::TwoMode::project_cities`]) bit for bit; with
//! valued weights `gnc` may differ in the last bits (summation order).
//!
//! # Complexity
//! O(K² · groups per class) for `K` classes, O(n) per hinterworld, and the listed dyads.

use super::gawc::{group_table, hinterworld_of_row, GawcSuite, HinterworldRow};
use super::twin_view::TwinView;
use rayon::prelude::*;

/// The whole suite (see [`super::gawc::suite`]) through the classes of `q`.
pub fn suite(
    q: &TwinView,
    labels: Vec<u32>,
    group_names: Vec<String>,
    hinterworld: &[usize],
    dyads: usize,
) -> GawcSuite {
    let gnc = q.expand(&q.strength);
    let counts = q.group_counts(&labels);
    let n_groups = group_names
        .len()
        .max(labels.iter().map(|&g| g as usize + 1).max().unwrap_or(0));
    GawcSuite {
        ei: ei_index(q, &labels, &counts, n_groups),
        dyads: top_dyads(q, dyads),
        groups: {
            let (internal, external) = group_ties(q, &counts, n_groups);
            group_table(&gnc, &labels, &internal, &external)
        },
        hinterworlds: hinterworld
            .iter()
            .map(|&a| {
                let (rows, fit) = self::hinterworld(q, &gnc, a);
                (a, rows, fit)
            })
            .collect(),
        labels,
        group_names,
        gnc,
    }
}

/// Krackhardt–Stern E–I index of every city (see [`super::gawc::ei_index`]).
fn ei_index(q: &TwinView, labels: &[u32], counts: &[Vec<(u32, u64)>], n_groups: usize) -> Vec<f64> {
    let per_class: Vec<Vec<(u32, f64)>> = (0..q.n_classes())
        .into_par_iter()
        .map_init(
            || vec![0u64; n_groups],
            |acc, c| {
                for (d, _) in q.ties(c) {
                    for &(g, m) in &counts[d] {
                        acc[g as usize] += m;
                    }
                }
                let deg = q.degree[c];
                let out = counts[c]
                    .iter()
                    .map(|&(g, m)| {
                        if deg == 0 {
                            return (g, f64::NAN);
                        }
                        let internal = acc[g as usize] + if q.tied_inside[c] { m - 1 } else { 0 };
                        let external = deg - internal;
                        (g, (external as f64 - internal as f64) / deg as f64)
                    })
                    .collect();
                for (d, _) in q.ties(c) {
                    for &(g, _) in &counts[d] {
                        acc[g as usize] = 0;
                    }
                }
                out
            },
        )
        .collect();
    (0..labels.len())
        .map(|v| {
            let row = &per_class[q.class_of(v)];
            let k = row
                .binary_search_by_key(&labels[v], |x| x.0)
                .expect("every city's group is counted in its class");
            row[k].1
        })
        .collect()
}

/// Ties inside each group and leaving it, counted per pair of classes.
fn group_ties(q: &TwinView, counts: &[Vec<(u32, u64)>], n_groups: usize) -> (Vec<u64>, Vec<u64>) {
    let mut internal = vec![0u64; n_groups];
    let mut external = vec![0u64; n_groups];
    let mut add = |g: u32, h: u32, m: u64| {
        if g == h {
            internal[g as usize] += m;
        } else {
            external[g as usize] += m;
            external[h as usize] += m;
        }
    };
    for c in 0..q.n_classes() {
        if q.tied_inside[c] {
            for (i, &(g, m)) in counts[c].iter().enumerate() {
                add(g, g, m * m.saturating_sub(1) / 2);
                for &(h, l) in &counts[c][i + 1..] {
                    add(g, h, m * l);
                }
            }
        }
        for (d, _) in q.ties(c).filter(|&(d, _)| d > c) {
            for &(g, m) in &counts[c] {
                for &(h, l) in &counts[d] {
                    add(g, h, m * l);
                }
            }
        }
    }
    (internal, external)
}

/// The class pairs `(weight, c, d)` with `c ≤ d` holding at least one tied city pair,
/// strongest first (then by `(c, d)`).
pub fn ranked_class_pairs(q: &TwinView) -> Vec<(f64, u32, u32)> {
    let mut cp: Vec<(f64, u32, u32)> = vec![];
    for c in 0..q.n_classes() {
        if q.tied_inside[c] && q.size[c] >= 2 {
            cp.push((q.internal_weight(c), c as u32, c as u32));
        }
        for (d, w) in q.ties(c).filter(|&(d, _)| d > c) {
            cp.push((w, c as u32, d as u32));
        }
    }
    cp.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    cp
}

/// Most dyads listed through classes: a weight level of twins can hold millions of tied
/// pairs (a class of 3,000 twins alone holds 4.5 million), so listing stops before the level
/// that would pass this many rows; [`top_dyads_count`] says how many the ranks hold.
pub const DYAD_ROW_LIMIT: u64 = 1_000_000;

/// The pairs ranked `top` or better (see [`super::gawc::top_dyads`]): whole weight levels of
/// class pairs, expanded to city pairs and ordered by `(a, b)` within a level, as long as
/// they stay within [`DYAD_ROW_LIMIT`] rows (a level is listed whole or not at all).
pub fn top_dyads(q: &TwinView, top: usize) -> Vec<(u32, u32, f64, u32)> {
    let cp = ranked_class_pairs(q);
    let mut out = vec![];
    let mut pos = 0u64;
    let mut i = 0;
    while i < cp.len() {
        let w = cp[i].0;
        let rank = pos + 1;
        if rank as usize > top {
            break;
        }
        let level_pairs: u64 = cp[i..]
            .iter()
            .take_while(|x| x.0 == w)
            .map(|x| q.pairs(x.1 as usize, x.2 as usize))
            .sum();
        if pos + level_pairs > DYAD_ROW_LIMIT {
            break;
        }
        let mut level = vec![];
        while i < cp.len() && cp[i].0 == w {
            let (c, d) = (cp[i].1 as usize, cp[i].2 as usize);
            pos += q.pairs(c, d);
            q.city_pairs(c, d, &mut level);
            i += 1;
        }
        level.sort_unstable();
        out.extend(level.into_iter().map(|(a, b)| (a, b, w, rank as u32)));
    }
    out
}

/// Number of city pairs ranked `top` or better (ties at the cut-off included), without listing
/// them; [`top_dyads`] lists them all when this is at most [`DYAD_ROW_LIMIT`].
pub fn top_dyads_count(q: &TwinView, top: usize) -> u64 {
    let cp = ranked_class_pairs(q);
    let mut pos = 0u64;
    let mut i = 0;
    while i < cp.len() && pos < top as u64 {
        let w = cp[i].0;
        while i < cp.len() && cp[i].0 == w {
            pos += q.pairs(cp[i].1 as usize, cp[i].2 as usize);
            i += 1;
        }
    }
    pos
}

/// The hinterworld of city `a` (see [`super::gawc::hinterworld`]).
pub fn hinterworld(q: &TwinView, gnc: &[f64], a: usize) -> (Vec<HinterworldRow>, (f64, f64)) {
    let w = q.weight_row(q.class_of(a));
    let mut r: Vec<f64> = (0..q.n_cities()).map(|b| w[q.class_of(b)]).collect();
    r[a] = 0.0;
    hinterworld_of_row(&r, gnc, a)
}
