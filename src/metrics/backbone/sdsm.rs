//! The per-class pair tests (SDSM, fixed-row, threshold) and the per-edge disparity tests.

use super::bicm::{self, ClassProblem};
use super::correction::{adjust, distinct};
use super::pairs::{histogram, PairIndex};
use super::poibin;
use super::{BackboneError, BackboneOptions, BackboneReport, Model, PValue, TestCount};
use crate::graph::disparity::edge_significance;
use crate::graph::{Csr, TwoMode};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// The tests of every co-membership pair, summarised per `(class_i, class_j, shared)` cell.
#[derive(Debug, Clone)]
pub struct PairTable {
    index: PairIndex,
    /// Pairs per cell.
    counts: Vec<u64>,
    pvalue: Vec<f64>,
    adjusted: Vec<f64>,
    kept: Vec<bool>,
    /// Expected shared programs per class pair (numbered as in the index).
    expected: Vec<f64>,
    /// What was tested and kept.
    pub report: BackboneReport,
}

/// The test of one pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairStat {
    pub expected: f64,
    pub p_value: f64,
    pub p_adjusted: f64,
    pub kept: bool,
}

/// City and program classes: `(degree, eligibility group)` and `(size, rule)`.
struct Classes {
    city_class: Vec<u32>,
    problem: ClassProblem,
}

fn build_classes(t: &TwoMode, opts: &BackboneOptions) -> Result<Classes, BackboneError> {
    let n = t.n_cities();
    let np = t.n_programs();
    let (group, rule, rules): (Vec<u32>, Vec<u32>, Vec<Vec<bool>>) = match &opts.eligibility {
        Some(e) => (
            e.city_group.clone(),
            e.program_rule.clone(),
            e.rules.clone(),
        ),
        None => (vec![0; n], vec![0; np], vec![vec![true]]),
    };
    for a in 0..np {
        let allowed = &rules[rule[a] as usize];
        if let Some(&c) = t
            .members_of(a)
            .0
            .iter()
            .find(|&&c| !allowed[group[c as usize] as usize])
        {
            return Err(BackboneError::Invalid(format!(
                "--eligible: city #{c} is a member of program #{a}, which the eligibility rules \
                 say it could not join; fix the rules or the membership"
            )));
        }
    }
    let mut city_keys: BTreeMap<(u64, u32), u64> = BTreeMap::new();
    for (i, &g) in group.iter().enumerate() {
        *city_keys
            .entry((t.programs_of(i).0.len() as u64, g))
            .or_default() += 1;
    }
    let mut prog_keys: BTreeMap<(u64, u32), u64> = BTreeMap::new();
    for (a, &r) in rule.iter().enumerate() {
        *prog_keys
            .entry((t.members_of(a).0.len() as u64, r))
            .or_default() += 1;
    }
    let ckeys: Vec<(u64, u32)> = city_keys.keys().copied().collect();
    let pkeys: Vec<(u64, u32)> = prog_keys.keys().copied().collect();
    let city_class = (0..n)
        .map(|i| {
            let key = (t.programs_of(i).0.len() as u64, group[i]);
            ckeys.binary_search(&key).expect("present") as u32
        })
        .collect();
    let allowed = opts.eligibility.as_ref().map(|_| {
        let mut a = Vec::with_capacity(ckeys.len() * pkeys.len());
        for &(_, g) in &ckeys {
            for &(_, r) in &pkeys {
                a.push(rules[r as usize][g as usize]);
            }
        }
        a
    });
    Ok(Classes {
        city_class,
        problem: ClassProblem {
            row_degree: ckeys.iter().map(|k| k.0).collect(),
            row_count: city_keys.values().copied().collect(),
            col_degree: pkeys.iter().map(|k| k.0).collect(),
            col_count: prog_keys.values().copied().collect(),
            allowed,
        },
    })
}

impl PairTable {
    /// Tests every pair of cities sharing at least one program under `opts` (SDSM, fixed-row or
    /// threshold; the disparity filter works on edges, see [`disparity_tests`]).
    ///
    /// # Errors
    /// [`BackboneError::Invalid`] for the disparity model, or eligibility with a model other than
    /// SDSM, or rules contradicting a membership.
    pub fn compute(t: &TwoMode, opts: &BackboneOptions) -> Result<PairTable, BackboneError> {
        if opts.model == Model::Disparity {
            return Err(BackboneError::Invalid(
                "the disparity filter tests edges of the weighted projection, not degree classes"
                    .into(),
            ));
        }
        if opts.eligibility.is_some() && opts.model != Model::Sdsm {
            return Err(BackboneError::Invalid(
                "--eligible (structural zeros) works with --model sdsm only".into(),
            ));
        }
        let cl = build_classes(t, opts)?;
        let pb = &cl.problem;
        let fit = (opts.model == Model::Sdsm).then(|| bicm::fit(pb));
        let caps: Vec<u32> = pb.row_degree.iter().map(|&k| k as u32).collect();
        let index = PairIndex::new(t, cl.city_class, &caps);
        let counts = histogram(t, &index);
        // Class pairs with at least one pair, and their largest observed shared count.
        let active: Vec<[u32; 3]> = index
            .pairs()
            .filter_map(|(lo, hi, k)| {
                let off = index.offsets[k];
                let cap = index.caps[k] as usize;
                (1..=cap)
                    .rev()
                    .find(|&s| counts[off + s] > 0)
                    .map(|smax| [lo as u32, hi as u32, smax as u32])
            })
            .collect();
        let mut pvalue = vec![f64::NAN; index.cells];
        let mut expected = vec![f64::NAN; index.n_pairs()];
        // In blocks, so that the tails in flight stay few however many class pairs there are.
        for block in active.chunks(1 << 14) {
            let per_pair: Vec<(f64, Vec<f64>)> = block
                .par_iter()
                .map(|&[lo, hi, smax]| {
                    pair_tails(
                        t,
                        opts,
                        pb,
                        fit.as_ref(),
                        lo as usize,
                        hi as usize,
                        smax as usize,
                    )
                })
                .collect();
            for (&[lo, hi, smax], (mean, tails)) in block.iter().zip(per_pair) {
                let k = index.pair_of_classes(lo, hi);
                expected[k] = mean;
                let off = index.offsets[k];
                pvalue[off..=off + smax as usize].copy_from_slice(&tails);
            }
        }
        let tested: u64 = counts.iter().sum();
        let n = t.n_cities() as u64;
        let n_tests = match opts.tests {
            TestCount::Tested => tested,
            TestCount::All => n * n.saturating_sub(1) / 2,
        };
        let (adjusted, kept) = decide(&counts, &pvalue, &index, opts, n_tests);
        let kept_pairs = counts.iter().zip(&kept).filter(|x| *x.1).map(|x| x.0).sum();
        let report = BackboneReport {
            model: opts.model.name().into(),
            pvalue: if opts.model == Model::Sdsm {
                opts.pvalue.name().into()
            } else {
                String::new()
            },
            alpha: opts.alpha,
            correction: opts.correction.name().into(),
            tests: match opts.tests {
                TestCount::Tested => "tested".into(),
                TestCount::All => "all".into(),
            },
            n_tests,
            tested_pairs: tested,
            kept_pairs,
            cities: t.n_cities(),
            min_weight: match opts.model {
                Model::Threshold(w) => Some(w),
                _ => None,
            },
            fit_max_residual: fit.as_ref().map(|f| f.max_residual),
            fit_converged: fit.as_ref().map(|f| f.converged),
            eligible: opts.eligibility.as_ref().map(|e| e.source.clone()),
        };
        Ok(PairTable {
            index,
            counts,
            pvalue,
            adjusted,
            kept,
            expected,
            report,
        })
    }

    /// Whether the pair `(i, j)` sharing `s ≥ 1` programs is kept.
    #[inline]
    pub fn is_kept(&self, i: usize, j: usize, s: u32) -> bool {
        self.kept[self.index.cell(i, j, s)]
    }

    /// The test of the pair `(i, j)` sharing `s ≥ 1` programs.
    pub fn stat(&self, i: usize, j: usize, s: u32) -> PairStat {
        let c = self.index.cell(i, j, s);
        PairStat {
            expected: self.expected[self.index.class_pair(i, j)],
            p_value: self.pvalue[c],
            p_adjusted: self.adjusted[c],
            kept: self.kept[c],
        }
    }

    /// Number of distinct `(class_i, class_j, shared)` cells holding at least one pair.
    pub fn distinct_cells(&self) -> usize {
        self.counts.iter().filter(|&&c| c > 0).count()
    }
}

/// The expected shared count and the upper tails `P(V ≥ v)`, `v = 0..=smax`, of the class pair
/// `(lo, hi)`.
fn pair_tails(
    t: &TwoMode,
    opts: &BackboneOptions,
    pb: &ClassProblem,
    fit: Option<&bicm::ClassFit>,
    lo: usize,
    hi: usize,
    smax: usize,
) -> (f64, Vec<f64>) {
    let s_n = pb.col_degree.len();
    let n_programs = t.n_programs();
    let (klo, khi) = (pb.row_degree[lo] as usize, pb.row_degree[hi] as usize);
    match (opts.model, fit) {
        (Model::Sdsm, Some(f)) => {
            let trials: Vec<(f64, u32)> = (0..s_n)
                .map(|s| {
                    (
                        f.p[lo * s_n + s] * f.p[hi * s_n + s],
                        pb.col_count[s] as u32,
                    )
                })
                .filter(|x| x.0 > 0.0)
                .collect();
            let tails = match opts.pvalue {
                PValue::Exact => poibin::upper_tails(&trials, smax),
                PValue::Poisson => (0..=smax)
                    .map(|v| poibin::poisson_upper(&trials, v))
                    .collect(),
                PValue::Rna => (0..=smax).map(|v| poibin::rna_upper(&trials, v)).collect(),
            };
            (poibin::mean(&trials), tails)
        }
        (Model::FixedRow, _) => (
            (klo * khi) as f64 / n_programs.max(1) as f64,
            (0..=smax)
                .map(|v| poibin::hypergeometric_upper(n_programs, klo, khi, v))
                .collect(),
        ),
        _ => (f64::NAN, vec![f64::NAN; smax + 1]),
    }
}

/// Adjusted p-values and decisions per cell.
fn decide(
    counts: &[u64],
    pvalue: &[f64],
    index: &PairIndex,
    opts: &BackboneOptions,
    n_tests: u64,
) -> (Vec<f64>, Vec<bool>) {
    let cells = counts.len();
    if let Model::Threshold(w) = opts.model {
        // Kept iff shared ≥ W: the cell's s is its offset within the class pair.
        let mut kept = vec![false; cells];
        for (&off, &cap) in index.offsets.iter().zip(&index.caps) {
            for s in 0..=cap as usize {
                kept[off + s] = s >= 1 && s as f64 >= w;
            }
        }
        return (vec![f64::NAN; cells], kept);
    }
    let entries: Vec<(f64, u64)> = counts
        .iter()
        .zip(pvalue)
        .filter(|(&c, _)| c > 0)
        .map(|(&c, &p)| (p, c))
        .collect();
    let sorted = distinct(entries);
    let adj = adjust(&sorted, n_tests, opts.correction);
    let mut adjusted = vec![f64::NAN; cells];
    let mut kept = vec![false; cells];
    for c in 0..cells {
        if counts[c] == 0 {
            continue;
        }
        let k = sorted
            .binary_search_by(|x| x.0.total_cmp(&pvalue[c]))
            .expect("every tested p-value is listed");
        adjusted[c] = adj[k];
        kept[c] = adj[k] < opts.alpha;
    }
    (adjusted, kept)
}

/// The test of one edge of an explicit graph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EdgeTest {
    pub a: u32,
    pub b: u32,
    pub weight: f64,
    pub p_value: f64,
    pub p_adjusted: f64,
    pub kept: bool,
}

/// Disparity-filter tests of every edge of `g` (p-value `min(α_ij, α_ji)`,
/// [`crate::graph::disparity::edge_significance`]), corrected over the edges (or all
/// `n(n−1)/2` pairs); with [`Model::Threshold`], kept iff weight ≥ W and no p-values.
pub fn disparity_tests(
    g: &Csr,
    opts: &BackboneOptions,
    n: usize,
) -> (Vec<EdgeTest>, BackboneReport) {
    let sig = edge_significance(g);
    let tested = sig.len() as u64;
    let nn = n as u64;
    let n_tests = match opts.tests {
        TestCount::Tested => tested,
        TestCount::All => nn * nn.saturating_sub(1) / 2,
    };
    let tests: Vec<EdgeTest> = if let Model::Threshold(w) = opts.model {
        sig.iter()
            .map(|&(a, b, wt, _)| EdgeTest {
                a,
                b,
                weight: wt,
                p_value: f64::NAN,
                p_adjusted: f64::NAN,
                kept: wt >= w,
            })
            .collect()
    } else {
        let sorted = distinct(sig.iter().map(|x| (x.3, 1)).collect());
        let adj = adjust(&sorted, n_tests, opts.correction);
        sig.iter()
            .map(|&(a, b, wt, p)| {
                let k = sorted
                    .binary_search_by(|x| x.0.total_cmp(&p))
                    .expect("listed");
                EdgeTest {
                    a,
                    b,
                    weight: wt,
                    p_value: p,
                    p_adjusted: adj[k],
                    kept: adj[k] < opts.alpha,
                }
            })
            .collect()
    };
    let kept = tests.iter().filter(|e| e.kept).count() as u64;
    let report = edge_report(opts, n_tests, tested, kept, n);
    (tests, report)
}

/// The report of an edge-based test (disparity filter, or threshold on explicit edges).
pub(super) fn edge_report(
    opts: &BackboneOptions,
    n_tests: u64,
    tested: u64,
    kept: u64,
    n: usize,
) -> BackboneReport {
    BackboneReport {
        model: opts.model.name().into(),
        pvalue: String::new(),
        alpha: opts.alpha,
        correction: opts.correction.name().into(),
        tests: match opts.tests {
            TestCount::Tested => "tested".into(),
            TestCount::All => "all".into(),
        },
        n_tests,
        tested_pairs: tested,
        kept_pairs: kept,
        cities: n,
        min_weight: match opts.model {
            Model::Threshold(w) => Some(w),
            _ => None,
        },
        fit_max_residual: None,
        fit_converged: None,
        eligible: None,
    }
}
