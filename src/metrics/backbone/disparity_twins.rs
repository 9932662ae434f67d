//! The disparity filter of the city projection through its twin classes
//! ([`crate::metrics::twin_view`]), without building the projection.
//!
//! Every city of a class has the same degree and strength, and every pair of cities in
//! classes `(C, D)` has the same weight, so every such pair has the same significance
//! `min(α_C, α_D)` ([`crate::graph::disparity::side_significance`]): a class pair is one test
//! counted `|C|·|D|` times (`|C|(|C|−1)/2` inside `C`), the correction works on those counts
//! as on the materialised edges, and a class pair is kept or dropped as a whole. Pairs are
//! listed only when written.

use super::correction::{adjust, distinct};
use super::sdsm::{edge_report, EdgeTest};
use super::{BackboneOptions, BackboneReport, Model, TestCount, Validated};
use crate::graph::disparity::side_significance;
use crate::graph::Csr;
use crate::metrics::twin_view::TwinView;

/// The test of one class pair: every city pair in it has these numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClassTest {
    /// Classes, `c ≤ d`.
    pub c: u32,
    pub d: u32,
    pub weight: f64,
    /// City pairs in the class pair.
    pub pairs: u64,
    pub p_value: f64,
    pub p_adjusted: f64,
    pub kept: bool,
}

/// Disparity-filter tests (see [`super::disparity_tests`]) of every tied class pair of `q`,
/// in `(c, d)` order, with the report. The numbers of the cities' pairs are those of the
/// materialised projection's edges (the strengths to the last bits with valued weights).
pub fn disparity_class_tests(
    q: &TwinView,
    opts: &BackboneOptions,
) -> (Vec<ClassTest>, BackboneReport) {
    let side = |c: usize, w: f64| side_significance(w, q.degree[c] as usize, q.strength[c]);
    let mut tests = vec![];
    for c in 0..q.n_classes() {
        let mut push = |d: usize, w: f64| {
            tests.push(ClassTest {
                c: c as u32,
                d: d as u32,
                weight: w,
                pairs: q.pairs(c, d),
                p_value: side(c, w).min(side(d, w)),
                p_adjusted: f64::NAN,
                kept: false,
            })
        };
        if q.tied_inside[c] && q.size[c] >= 2 {
            push(c, q.internal_weight(c));
        }
        for (d, w) in q.ties(c).filter(|&(d, _)| d > c) {
            push(d, w);
        }
    }
    let tested: u64 = tests.iter().map(|t| t.pairs).sum();
    let n = q.n_cities() as u64;
    let n_tests = match opts.tests {
        TestCount::Tested => tested,
        TestCount::All => n * n.saturating_sub(1) / 2,
    };
    if let Model::Threshold(w) = opts.model {
        for t in &mut tests {
            t.p_value = f64::NAN;
            t.kept = t.weight >= w;
        }
    } else {
        let sorted = distinct(tests.iter().map(|t| (t.p_value, t.pairs)).collect());
        let adj = adjust(&sorted, n_tests, opts.correction);
        for t in &mut tests {
            let k = sorted
                .binary_search_by(|x| x.0.total_cmp(&t.p_value))
                .expect("listed");
            t.p_adjusted = adj[k];
            t.kept = adj[k] < opts.alpha;
        }
    }
    let kept = tests.iter().filter(|t| t.kept).map(|t| t.pairs).sum();
    let report = edge_report(opts, n_tests, tested, kept, q.n_cities());
    (tests, report)
}

/// Calls `f(a, tests)` for every city `a` in ascending order with its selected pairs
/// `(b, test)`, `b > a` ascending, where a class pair is selected by `select`.
pub fn for_each_city_row(
    q: &TwinView,
    tests: &[ClassTest],
    select: impl Fn(&ClassTest) -> bool,
    mut f: impl FnMut(u32, &[(u32, usize)]),
) {
    let mut by_class: Vec<Vec<(u32, usize)>> = vec![vec![]; q.n_classes()];
    for (k, t) in tests.iter().enumerate().filter(|(_, t)| select(t)) {
        by_class[t.c as usize].push((t.d, k));
        if t.c != t.d {
            by_class[t.d as usize].push((t.c, k));
        }
    }
    let mut row = vec![];
    for a in 0..q.n_cities() as u32 {
        row.clear();
        for &(d, k) in &by_class[q.class_of(a as usize)] {
            let m = q.members(d as usize);
            let from = m.partition_point(|&b| b <= a);
            row.extend(m[from..].iter().map(|&b| (b, k)));
        }
        if !row.is_empty() {
            row.sort_unstable();
            f(a, &row);
        }
    }
}

/// The validated projection by the disparity filter through the classes of `q`: the kept city
/// pairs as a graph on all cities, and their tests.
pub fn validated_by_classes(q: &TwinView, opts: &BackboneOptions) -> Validated {
    let (tests, report) = disparity_class_tests(q, opts);
    let mut kept_tests = vec![];
    for_each_city_row(
        q,
        &tests,
        |t| t.kept,
        |a, row| {
            kept_tests.extend(row.iter().map(|&(b, k)| EdgeTest {
                a,
                b,
                weight: tests[k].weight,
                p_value: tests[k].p_value,
                p_adjusted: tests[k].p_adjusted,
                kept: true,
            }))
        },
    );
    let kept: Vec<(u32, u32, f64)> = kept_tests.iter().map(|e| (e.a, e.b, e.weight)).collect();
    Validated {
        graph: Csr::from_edges(q.n_cities(), &kept).0,
        report,
        table: None,
        kept_tests,
    }
}
