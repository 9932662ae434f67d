//! How much a city ranking would move if the programs listed were a little different: leave
//! one program out, and a bootstrap of programs (Borgatti, Carley & Krackhardt 2006 on the
//! robustness of centrality to missing data; Martin & Niemeyer 2019 on the sensitivity of
//! centrality rankings to the data collected). The unit resampled is the **program**: member
//! lists are what city-network data gets wrong (partial, dated), and a city's position is the
//! sum of its programs.
//!
//! - **Ranks** are standard competition ranks, 1 = the largest value, equal values share the
//!   best rank (1, 2, 2, 4), as `citynet table` ranks; a NaN value (a non-converging power
//!   iteration, an isolate's constraint) ranks after every number.
//! - **Leave one program out**: for each program in turn its memberships are dropped (every
//!   city is kept, possibly as an isolate), the metric is recomputed and the cities ranked;
//!   `loo_rank_min`/`loo_rank_max` are the best and worst of those ranks, and
//!   `loo_most_influential` the program whose removal moves the city's rank most (largest
//!   |Δrank|, the first program in input order on a tie; none when no removal moves it).
//! - **Bootstrap**: replicate `r` draws `P` programs (the number of programs) uniformly with
//!   replacement; a program drawn `c` times enters `c` times, as `c` separate copies, so its
//!   contribution to a projection weight counts `c` times. `boot_rank_lo`/`boot_rank_hi` are the
//!   2.5 % and 97.5 % percentiles of the city's replicate ranks (linear interpolation between
//!   order statistics, `numpy.percentile`'s default and R's `quantile` type 7), `p_top10` the
//!   share of replicates in which it ranks 10 or better.
//! - **Network level**: Kendall's τ_b of each replicate's ranking against the full ranking
//!   (`scipy.stats.kendalltau`, variant b, computed by Knight's O(n log n) algorithm), and the
//!   top-10 overlap: the share of the full ranking's top 10 (every city ranked ≤ 10) that rank
//!   ≤ 10 in the replicate. Both are summarised by median and 2.5/97.5 % percentiles.
//! - **Pair** A, B: P(value_A > value_B) over the replicates and the percentile interval of
//!   value_A − value_B.
//!
//! **Seeds.** Replicate `r` has its own SplitMix64 stream, whose state is
//! `mix(mix(seed) ⊕ r)` (`mix` = one SplitMix64 step from that state, see [`replicate_counts`]),
//! and a draw is `⌊u·P / 2⁶⁴⌋` for the next 64-bit output `u`. Replicates run in parallel and
//! are collected in replicate order, so any thread count gives the same bytes.

use super::community::SplitMix64;
use super::rank::competition_ranks;
use super::{node_metrics, structural_holes, Column, MetricOptions};
use crate::graph::TwoMode;
use crate::model::metric_names::{NODE_METRICS, STRUCTURAL_HOLE_METRICS};
use rayon::prelude::*;

/// Node columns of G that are labels, not magnitudes: ranking them means nothing.
const LABEL_COLUMNS: &[&str] = &["component", "community"];

/// Metrics whose robustness can be computed: every real-valued node column of G
/// ([`NODE_METRICS`] without the labels, then [`STRUCTURAL_HOLE_METRICS`]).
pub fn rankable_metrics() -> Vec<&'static str> {
    NODE_METRICS
        .iter()
        .filter(|m| !LABEL_COLUMNS.contains(m))
        .chain(STRUCTURAL_HOLE_METRICS)
        .copied()
        .collect()
}

/// Metrics computed by closed forms on the two-mode graph (no projection is built).
pub const CLOSED_FORM_METRICS: &[&str] = &["degree", "strength"];

/// Options of [`robustness`].
#[derive(Debug, Clone, PartialEq)]
pub struct RobustnessOptions {
    /// Number of bootstrap replicates.
    pub replicates: usize,
    /// Seed of the bootstrap.
    pub seed: u64,
    /// Two cities (indices) to compare, if any.
    pub pair: Option<(usize, usize)>,
}

/// A median and a 2.5–97.5 % percentile interval.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Interval {
    pub median: f64,
    pub lo: f64,
    pub hi: f64,
}

/// P(value_A > value_B) and the interval of value_A − value_B over the replicates.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct PairStats {
    /// Value_A − value_B on the full data.
    pub difference: f64,
    /// Share of replicates with value_A > value_B.
    pub p_a_greater: f64,
    /// Percentiles of value_A − value_B over the replicates.
    pub difference_interval: Interval,
}

/// Everything [`robustness`] computes; per-city vectors are indexed by city.
#[derive(Debug, Clone, PartialEq)]
pub struct Robustness {
    pub value: Vec<f64>,
    pub rank: Vec<u32>,
    pub loo_rank_min: Vec<u32>,
    pub loo_rank_max: Vec<u32>,
    /// Program index, `None` when no single removal moves the city's rank.
    pub loo_most_influential: Vec<Option<u32>>,
    pub boot_rank_lo: Vec<f64>,
    pub boot_rank_hi: Vec<f64>,
    pub p_top10: Vec<f64>,
    /// Kendall τ_b of each replicate against the full ranking (NaN when undefined).
    pub tau_b: Vec<f64>,
    /// Top-10 overlap of each replicate.
    pub top10_overlap: Vec<f64>,
    pub pair: Option<PairStats>,
    /// Replicates that ran.
    pub replicates: usize,
}

/// The `q` quantile (0 ≤ q ≤ 1) of `sorted` (ascending, non-empty) by linear interpolation
/// between order statistics: `numpy.percentile(x, 100·q)`, R's `quantile(x, q, type = 7)`.
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let h = (sorted.len() - 1) as f64 * q;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// Median and 2.5/97.5 % percentiles of the non-NaN values of `x`.
pub fn interval(x: &[f64]) -> Interval {
    let mut s: Vec<f64> = x.iter().copied().filter(|v| !v.is_nan()).collect();
    s.sort_by(f64::total_cmp);
    Interval {
        median: quantile(&s, 0.5),
        lo: quantile(&s, 0.025),
        hi: quantile(&s, 0.975),
    }
}

/// Kendall's τ_b of two rankings (`scipy.stats.kendalltau(x, y)`, the default variant b):
/// `(n_c − n_d) / √((n₀ − n₁)(n₀ − n₂))` with `n₀ = n(n−1)/2` and `n₁`, `n₂` the pairs tied in
/// `x`, in `y`. Knight's algorithm: sort by (x, y), count inversions of y by merge sort.
/// O(n log n). NaN when either ranking is constant (or n < 2).
pub fn kendall_tau_b(x: &[u32], y: &[u32]) -> f64 {
    let n = x.len();
    assert_eq!(n, y.len());
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by_key(|&i| (x[i], y[i]));
    let pairs = |t: u64| t * t.saturating_sub(1) / 2;
    let runs = |key: &dyn Fn(usize) -> (u32, u32)| -> u64 {
        let (mut total, mut run) = (0u64, 1u64);
        for w in idx.windows(2) {
            if key(w[0]) == key(w[1]) {
                run += 1;
            } else {
                total += pairs(run);
                run = 1;
            }
        }
        total + if n > 0 { pairs(run) } else { 0 }
    };
    let tied_x = runs(&|i| (x[i], 0));
    let tied_xy = runs(&|i| (x[i], y[i]));
    let mut ys: Vec<u32> = idx.iter().map(|&i| y[i]).collect();
    let mut buf = ys.clone();
    let swaps = inversions(&mut ys, &mut buf);
    let mut tied_y = 0u64;
    let mut run = 1u64;
    for w in ys.windows(2) {
        if w[0] == w[1] {
            run += 1;
        } else {
            tied_y += pairs(run);
            run = 1;
        }
    }
    if n > 0 {
        tied_y += pairs(run);
    }
    let n0 = pairs(n as u64);
    let num = n0 as f64 - (tied_x + tied_y) as f64 + tied_xy as f64 - 2.0 * swaps as f64;
    let den = ((n0 - tied_x) as f64).sqrt() * ((n0 - tied_y) as f64).sqrt();
    if den == 0.0 {
        f64::NAN
    } else {
        // As scipy: rounding can put a perfect agreement a hair above 1.
        (num / den).clamp(-1.0, 1.0)
    }
}

/// Sorts `v` ascending and returns the number of pairs i < j with v[i] > v[j].
fn inversions(v: &mut [u32], buf: &mut [u32]) -> u64 {
    let n = v.len();
    if n < 2 {
        return 0;
    }
    let mid = n / 2;
    let mut count = {
        let (l, r) = v.split_at_mut(mid);
        let (bl, br) = buf.split_at_mut(mid);
        inversions(l, bl) + inversions(r, br)
    };
    let (mut i, mut j, mut k) = (0, mid, 0);
    while i < mid && j < n {
        if v[i] <= v[j] {
            buf[k] = v[i];
            i += 1;
        } else {
            buf[k] = v[j];
            count += (mid - i) as u64;
            j += 1;
        }
        k += 1;
    }
    buf[k..k + mid - i].copy_from_slice(&v[i..mid]);
    let k2 = k + mid - i;
    buf[k2..n].copy_from_slice(&v[j..n]);
    v.copy_from_slice(&buf[..n]);
    count
}

/// How many times each of `n_programs` programs is drawn in bootstrap replicate `r`:
/// `n_programs` uniform draws with replacement from the stream seeded by `(seed, r)`:
/// `a = SplitMix64(seed).next()`, state `SplitMix64(a ⊕ r).next()`, then each draw is
/// `⌊u·P/2⁶⁴⌋` for the stream's next output `u`.
pub fn replicate_counts(seed: u64, r: u64, n_programs: usize) -> Vec<u32> {
    let a = SplitMix64::new(seed).next_u64();
    let state = SplitMix64::new(a ^ r).next_u64();
    let mut rng = SplitMix64::new(state);
    let mut counts = vec![0u32; n_programs];
    for _ in 0..n_programs {
        counts[rng.below(n_programs)] += 1;
    }
    counts
}

/// The two-mode graph in which program `p` appears `counts[p]` times (as separate copies,
/// numbered in program order) and every city is kept.
pub fn resampled(t: &TwoMode, counts: &[u32]) -> TwoMode {
    let mut m = Vec::with_capacity(t.n_memberships());
    let mut next = 0u32;
    for (p, &c) in counts.iter().enumerate() {
        let (cities, ws) = t.members_of(p);
        for _ in 0..c {
            m.extend(cities.iter().zip(ws).map(|(&city, &w)| (city, next, w)));
            next += 1;
        }
    }
    TwoMode::new(t.n_cities(), next as usize, &m)
}

/// The metric `name` (one of [`rankable_metrics`]) of every city of the projection of `t`.
/// Degree and strength use the closed forms on `t` ([`TwoMode::projected_degree`],
/// [`TwoMode::projected_strength`]); the others build the projection. A column that cannot be
/// computed (a power iteration that does not converge) is all NaN.
pub fn metric_of(t: &TwoMode, name: &str) -> Vec<f64> {
    match name {
        "degree" => t.projected_degree().iter().map(|&d| d as f64).collect(),
        "strength" => t.projected_strength(),
        _ => metric_of_graph(&t.project_cities(), name),
    }
}

/// The metric `name` (one of [`rankable_metrics`]) of every node of `g` (NaN for a column that
/// cannot be computed).
pub fn metric_of_graph(g: &crate::graph::Csr, name: &str) -> Vec<f64> {
    match name {
        "constraint" => structural_holes::constraint(g),
        "effective_size" => structural_holes::effective_size(g),
        _ => match node_metrics(g, &[name], &MetricOptions::default()) {
            Ok(mut cols) => match cols.remove(0).1 {
                Column::Float(v) => v,
                Column::Int(v) => v.iter().map(|&x| x as f64).collect(),
            },
            Err(_) => vec![f64::NAN; g.node_count()],
        },
    }
}

/// Leave-one-program-out and bootstrap robustness of the ranking by `eval` (the metric of a
/// resampled two-mode graph, e.g. `|t| metric_of(t, "strength")`). See the module
/// documentation for every definition.
///
/// # Complexity
/// `(P + replicates)` evaluations of the metric, each on a two-mode graph of about the input's
/// size, run in parallel; O(replicates · n) memory for the ranks.
pub fn robustness(
    t: &TwoMode,
    eval: &(dyn Fn(&TwoMode) -> Vec<f64> + Sync),
    opts: &RobustnessOptions,
) -> Robustness {
    let n = t.n_cities();
    let n_programs = t.n_programs();
    let value = eval(t);
    let rank = competition_ranks(&value);
    // Leave one program out.
    let loo: Vec<Vec<u32>> = (0..n_programs)
        .into_par_iter()
        .map(|p| {
            let mut counts = vec![1u32; n_programs];
            counts[p] = 0;
            competition_ranks(&eval(&resampled(t, &counts)))
        })
        .collect();
    let mut loo_rank_min = rank.clone();
    let mut loo_rank_max = rank.clone();
    let mut loo_most_influential = vec![None; n];
    let mut best_shift = vec![0u32; n];
    for (p, r) in loo.iter().enumerate() {
        for i in 0..n {
            loo_rank_min[i] = loo_rank_min[i].min(r[i]);
            loo_rank_max[i] = loo_rank_max[i].max(r[i]);
            let shift = r[i].abs_diff(rank[i]);
            if shift > best_shift[i] {
                best_shift[i] = shift;
                loo_most_influential[i] = Some(p as u32);
            }
        }
    }
    // Bootstrap.
    let boot: Vec<(Vec<u32>, Option<f64>)> = (0..opts.replicates)
        .into_par_iter()
        .map(|r| {
            let counts = replicate_counts(opts.seed, r as u64, n_programs);
            let v = eval(&resampled(t, &counts));
            let diff = opts.pair.map(|(a, b)| v[a] - v[b]);
            (competition_ranks(&v), diff)
        })
        .collect();
    let top: Vec<usize> = (0..n).filter(|&i| rank[i] <= 10).collect();
    let tau_b: Vec<f64> = boot
        .par_iter()
        .map(|b| kendall_tau_b(&rank, &b.0))
        .collect();
    let top10_overlap = boot
        .iter()
        .map(|b| {
            let kept = top.iter().filter(|&&i| b.0[i] <= 10).count();
            if top.is_empty() {
                f64::NAN
            } else {
                kept as f64 / top.len() as f64
            }
        })
        .collect();
    let per_city: Vec<(f64, f64, f64)> = (0..n)
        .into_par_iter()
        .map(|i| {
            let mut rs: Vec<f64> = boot.iter().map(|b| b.0[i] as f64).collect();
            rs.sort_by(f64::total_cmp);
            let top10 = rs.iter().filter(|&&x| x <= 10.0).count();
            let share = if rs.is_empty() {
                f64::NAN
            } else {
                top10 as f64 / rs.len() as f64
            };
            (quantile(&rs, 0.025), quantile(&rs, 0.975), share)
        })
        .collect();
    let pair = opts.pair.map(|(a, b)| {
        let diffs: Vec<f64> = boot.iter().filter_map(|x| x.1).collect();
        let greater = diffs.iter().filter(|&&d| d > 0.0).count();
        PairStats {
            difference: value[a] - value[b],
            p_a_greater: if diffs.is_empty() {
                f64::NAN
            } else {
                greater as f64 / diffs.len() as f64
            },
            difference_interval: interval(&diffs),
        }
    });
    Robustness {
        value,
        rank,
        loo_rank_min,
        loo_rank_max,
        loo_most_influential,
        boot_rank_lo: per_city.iter().map(|x| x.0).collect(),
        boot_rank_hi: per_city.iter().map(|x| x.1).collect(),
        p_top10: per_city.iter().map(|x| x.2).collect(),
        tau_b,
        top10_overlap,
        pair,
        replicates: opts.replicates,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rankable_metric_is_a_computed_real_column() {
        // A triangle with a pendant: every real-valued column has a finite value somewhere.
        let (g, _) =
            crate::graph::Csr::from_edges(4, &[(0, 1, 1.0), (1, 2, 2.0), (0, 2, 1.0), (2, 3, 1.0)]);
        let names = rankable_metrics();
        assert!(names.contains(&"strength") && names.contains(&"constraint"));
        for name in names {
            assert!(!LABEL_COLUMNS.contains(&name));
            let v = metric_of_graph(&g, name);
            assert_eq!(v.len(), 4, "{name}");
            assert!(v.iter().any(|x| x.is_finite()), "{name}: {v:?}");
        }
    }

    #[test]
    fn competition_ranks_share_the_best_rank_and_put_nan_last() {
        assert_eq!(
            competition_ranks(&[3.0, 5.0, 5.0, 1.0, f64::NAN]),
            vec![3, 1, 1, 4, 5]
        );
    }

    #[test]
    fn kendall_tau_b_small_cases() {
        assert_eq!(kendall_tau_b(&[1, 2, 3, 4], &[1, 2, 3, 4]), 1.0);
        assert_eq!(kendall_tau_b(&[1, 2, 3, 4], &[4, 3, 2, 1]), -1.0);
        assert!(kendall_tau_b(&[1, 1, 1], &[1, 2, 3]).is_nan());
        // x = [1,2,2,3], y = [1,3,2,3]: concordant 4, discordant 0... by hand:
        // pairs (0,1)c (0,2)c (0,3)c (1,2) x tie, (1,3) y tie, (2,3)c → (4−0)/√(5·5) = 0.8.
        assert!((kendall_tau_b(&[1, 2, 2, 3], &[1, 3, 2, 3]) - 0.8).abs() < 1e-15);
    }

    #[test]
    fn quantile_interpolates_like_numpy() {
        let x = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile(&x, 0.5), 2.5);
        assert!((quantile(&x, 0.025) - 1.075).abs() < 1e-15);
    }

    #[test]
    fn a_program_drawn_twice_counts_twice() {
        let t = TwoMode::new(3, 2, &[(0, 0, 1.0), (1, 0, 1.0), (1, 1, 1.0), (2, 1, 1.0)]);
        let r = resampled(&t, &[2, 0]);
        assert_eq!(r.n_programs(), 2);
        assert_eq!(r.projected_strength(), vec![2.0, 2.0, 0.0]);
        assert_eq!(r.projected_degree(), vec![1, 1, 0]);
    }
}
