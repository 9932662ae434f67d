//! Statistically validated projections: which co-memberships are more than the cities' and
//! programs' sizes explain.
//!
//! Two cities that both joined the two largest programs share two programs whatever else is
//! true of them. A *validated projection* keeps a pair only when its number of shared programs
//! `V_ij` is improbably large under a null model that fixes the degrees, with the p-values
//! corrected for the number of pairs tested.
//!
//! # Models
//! * [`Model::Sdsm`] — the stochastic degree sequence model (Neal 2014) with BiCM
//!   probabilities (Saracco et al. 2015, 2017; see [`bicm`]): `V_ij = Σ_a B_ia·B_ja` with
//!   independent `B_ia ~ Bernoulli(p_ia)`, so `V_ij` is Poisson-binomial with
//!   `q_a = p_ia·p_ja`; the p-value is `P(V_ij ≥ observed)`, exact by default ([`poibin`]).
//!   Same numbers as `bicm.BipartiteGraph(...).get_rows_projection(method="poibin")` and R
//!   `backbone::sdsm` (exact tails).
//! * [`Model::FixedRow`] — the hypergeometric test of R `backbone::fixedrow`: only the city
//!   degrees are fixed; every program equally likely.
//! * [`Model::Disparity`] — Serrano, Boguñá & Vespignani's (2009) disparity filter on the
//!   weighted projection (or on direct ties), [`crate::graph::disparity`].
//! * [`Model::Threshold`] — a plain weight threshold (kept iff shared ≥ W), no test.
//!
//! # Conventions
//! The tested pairs are the pairs sharing at least one program (a pair sharing none has
//! p-value 1 and can never be kept); the correction ([`correction`]) counts them
//! ([`TestCount::Tested`], as R `backbone` does after `p.adjust` on the pairs of the
//! projection) or all `n(n−1)/2` pairs ([`TestCount::All`], as `bicm` does). A pair is kept
//! iff its adjusted p-value is `< α`.
//!
//! Pairs with equal `(class_i, class_j, shared)` have the same p-value: the tests are counted per
//! such cell ([`pairs::histogram`]), one Poisson-binomial distribution is computed per class
//! pair, and the correction works on counts per distinct p-value. Nothing per pair is stored
//! except the kept edges.

pub mod bicm;
pub mod correction;
pub mod disparity_twins;
pub mod pairs;
pub mod poibin;
mod sdsm;

pub use correction::Correction;
pub use sdsm::{disparity_tests, EdgeTest, PairStat, PairTable};

use crate::graph::{Csr, TwoMode};

/// The null model (or filter) of a backbone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Model {
    /// Stochastic degree sequence model with BiCM probabilities (default).
    Sdsm,
    /// Hypergeometric model with fixed city degrees.
    FixedRow,
    /// Disparity filter on the weighted projection.
    Disparity,
    /// Keep pairs sharing at least this many programs (weight ≥ W).
    Threshold(f64),
}

impl Model {
    /// The name used in outputs.
    pub fn name(&self) -> &'static str {
        match self {
            Model::Sdsm => "sdsm",
            Model::FixedRow => "fixedrow",
            Model::Disparity => "disparity",
            Model::Threshold(_) => "threshold",
        }
    }
}

/// How the SDSM p-value is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PValue {
    /// Exact Poisson-binomial upper tail (default).
    Exact,
    /// Poisson approximation with the same mean (`bicm`'s `"poisson"`).
    Poisson,
    /// Refined normal approximation (R `backbone` 2.x).
    Rna,
}

impl PValue {
    /// The name used in outputs.
    pub fn name(self) -> &'static str {
        match self {
            PValue::Exact => "exact",
            PValue::Poisson => "poisson",
            PValue::Rna => "rna",
        }
    }
}

/// Which pairs the correction counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestCount {
    /// Pairs sharing at least one program (default; R `backbone`).
    Tested,
    /// All `n(n−1)/2` pairs of cities (`bicm`).
    All,
}

/// Structural zeros (SDSM-EC): which cities could join which programs at all.
use crate::model::dataset::eligible::Eligibility;

/// Options of a backbone.
#[derive(Debug, Clone, PartialEq)]
pub struct BackboneOptions {
    pub model: Model,
    pub pvalue: PValue,
    /// Significance level α (kept iff adjusted p < α).
    pub alpha: f64,
    pub correction: Correction,
    pub tests: TestCount,
    pub eligibility: Option<Eligibility>,
}

impl Default for BackboneOptions {
    fn default() -> Self {
        BackboneOptions {
            model: Model::Sdsm,
            pvalue: PValue::Exact,
            alpha: 0.05,
            correction: Correction::Fdr,
            tests: TestCount::Tested,
            eligibility: None,
        }
    }
}

/// What was tested and kept, for summaries, reports and captions.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BackboneReport {
    /// `sdsm`, `fixedrow`, `disparity` or `threshold`.
    pub model: String,
    /// `exact`, `poisson` or `rna` (SDSM); empty otherwise.
    pub pvalue: String,
    pub alpha: f64,
    /// `none`, `fdr`, `bonferroni` or `holm`.
    pub correction: String,
    /// `tested` (pairs sharing ≥ 1 program) or `all` (n(n−1)/2).
    pub tests: String,
    /// Number of tests the correction counted.
    pub n_tests: u64,
    /// Pairs sharing at least one program (edges of the projection).
    pub tested_pairs: u64,
    /// Pairs kept.
    pub kept_pairs: u64,
    pub cities: usize,
    /// Minimum weight of the threshold model.
    pub min_weight: Option<f64>,
    /// Largest |expected − observed| degree of the BiCM fit (SDSM).
    pub fit_max_residual: Option<f64>,
    /// Whether the BiCM fit matched every degree to its tolerance (SDSM); `false`: the
    /// probabilities, hence the p-values, are those of an unfinished fit.
    pub fit_converged: Option<bool>,
    /// Source of the structural zeros (SDSM-EC), if any.
    pub eligible: Option<String>,
}

impl BackboneReport {
    /// A warning when the BiCM fit stopped before matching every degree (SDSM).
    pub fn fit_warning(&self) -> Option<String> {
        (self.fit_converged == Some(false)).then(|| {
            format!(
                "warning: the BiCM fit stopped before converging (largest degree residual {}): \
                 the SDSM probabilities and p-values are approximate",
                fmt_num(self.fit_max_residual.unwrap_or(f64::NAN))
            )
        })
    }

    /// One line naming the model, α, correction and counts, e.g. "SDSM (BiCM, exact
    /// Poisson-binomial p-values), α = 0.05, Benjamini–Hochberg over 5,210 tested pairs:
    /// 312 kept".
    pub fn describe(&self) -> String {
        let model = match self.model.as_str() {
            "sdsm" => format!(
                "SDSM{} (BiCM probabilities, {} p-values)",
                if self.eligible.is_some() { "-EC" } else { "" },
                match self.pvalue.as_str() {
                    "poisson" => "Poisson-approximated",
                    "rna" => "RNA-approximated",
                    _ => "exact Poisson-binomial",
                }
            ),
            "fixedrow" => "fixed-row hypergeometric model".to_string(),
            "disparity" => "disparity filter (Serrano et al. 2009)".to_string(),
            _ => format!(
                "weight threshold ≥ {}",
                self.min_weight.map(fmt_num).unwrap_or_default()
            ),
        };
        if self.model == "threshold" {
            return format!(
                "{model}: {} of {} co-membership pairs kept",
                thousands(self.kept_pairs),
                thousands(self.tested_pairs)
            );
        }
        let corr = match self.correction.as_str() {
            "fdr" => "Benjamini–Hochberg FDR",
            "bonferroni" => "Bonferroni",
            "holm" => "Holm",
            _ => "no correction",
        };
        let over = if self.tests == "all" {
            format!("all {} city pairs", thousands(self.n_tests))
        } else {
            format!("{} tested pairs", thousands(self.tested_pairs))
        };
        format!(
            "{model}, α = {}, {corr} over {over}: {} kept",
            fmt_num(self.alpha),
            thousands(self.kept_pairs)
        )
    }
}

fn fmt_num(x: f64) -> String {
    format!("{x}")
}

/// `12345` → `12,345`.
pub fn thousands(x: u64) -> String {
    let s = x.to_string();
    let mut out = String::new();
    for (k, ch) in s.chars().enumerate() {
        if k > 0 && (s.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Errors of the backbone computation (bad options or inputs the model cannot test).
#[derive(thiserror::Error, Debug, Clone, PartialEq)]
pub enum BackboneError {
    #[error("{0}")]
    Invalid(String),
}

/// The validated projection: the kept pairs as a graph (weights = shared programs, or the
/// projection's weight for the disparity filter) and what was tested.
#[derive(Debug, Clone)]
pub struct Validated {
    /// The kept edges on all `n` cities (cities keep their ids; some are left isolated).
    pub graph: Csr,
    pub report: BackboneReport,
    /// The per-class tests (SDSM, fixed-row, threshold), for the p-values of the kept edges.
    pub table: Option<PairTable>,
    /// The tests of the kept edges (disparity filter), in [`Csr::edges`] order.
    pub kept_tests: Vec<EdgeTest>,
}

impl Validated {
    /// `(expected, p_value, p_adjusted)` of a kept edge `(a, b)` of weight `w` (NaN where the
    /// model has none).
    pub fn edge_stat(&self, a: usize, b: usize, w: f64) -> (f64, f64, f64) {
        if let Some(t) = &self.table {
            let st = t.stat(a, b, w as u32);
            return (st.expected, st.p_value, st.p_adjusted);
        }
        let (a, b) = (a.min(b) as u32, a.max(b) as u32);
        match self
            .kept_tests
            .binary_search_by(|e| (e.a, e.b).cmp(&(a, b)))
        {
            Ok(k) => (
                f64::NAN,
                self.kept_tests[k].p_value,
                self.kept_tests[k].p_adjusted,
            ),
            Err(_) => (f64::NAN, f64::NAN, f64::NAN),
        }
    }
}

/// The validated projection of the city–program graph `t` (see the module documentation):
/// the one function the pipeline and the analyses call for `--graph validated`.
///
/// # Errors
/// [`BackboneError::Invalid`] for α outside (0, 1] or eligibility rules that contradict a
/// membership.
///
/// # Complexity
/// Two passes over the co-membership pairs (O(Σ_p k_p²)), one Poisson-binomial distribution
/// per pair of degree classes, memory O(n + kept edges) plus one histogram per thread.
///
/// # Examples
/// ```
/// use citynet::graph::TwoMode;
/// use citynet::metrics::backbone::{validated_projection, BackboneOptions};
/// // Two cities sharing their only program; a third elsewhere: nothing is significant.
/// let t = TwoMode::new(3, 2, &[(0, 0, 1.0), (1, 0, 1.0), (2, 1, 1.0)]);
/// let v = validated_projection(&t, &BackboneOptions::default()).unwrap();
/// assert_eq!(v.report.tested_pairs, 1);
/// assert_eq!(v.graph.edge_count(), 0);
/// ```
pub fn validated_projection(
    t: &TwoMode,
    opts: &BackboneOptions,
) -> Result<Validated, BackboneError> {
    check_alpha(opts)?;
    if opts.model == Model::Disparity {
        if let Some(q) = crate::metrics::twin_view::TwinView::when_preferred(t) {
            return Ok(disparity_twins::validated_by_classes(&q, opts));
        }
        return validated_graph(&t.project_cities(), opts);
    }
    let table = PairTable::compute(t, opts)?;
    let mut kept = Vec::new();
    pairs::for_each_block(t, &|i, j, s| table.is_kept(i, j, s), |block| {
        kept.extend(block.iter().map(|&(i, j, s)| (i, j, s as f64)))
    });
    Ok(Validated {
        graph: Csr::from_edges(t.n_cities(), &kept).0,
        report: table.report.clone(),
        table: Some(table),
        kept_tests: vec![],
    })
}

/// The disparity-filter (or threshold) validation of an explicit weighted graph: the city
/// projection, or the direct ties of an input without programs.
///
/// # Errors
/// [`BackboneError::Invalid`] for the SDSM and fixed-row models, which need programs.
pub fn validated_graph(g: &Csr, opts: &BackboneOptions) -> Result<Validated, BackboneError> {
    check_alpha(opts)?;
    let n = g.node_count();
    let (tests, report) = match opts.model {
        Model::Disparity | Model::Threshold(_) => disparity_tests(g, opts, n),
        _ => {
            return Err(BackboneError::Invalid(format!(
                "--model {} needs programs (a membership table or network folder); on a graph \
                 without programs use --model disparity or threshold",
                opts.model.name()
            )))
        }
    };
    let kept_tests: Vec<EdgeTest> = tests.into_iter().filter(|e| e.kept).collect();
    let kept: Vec<(u32, u32, f64)> = kept_tests.iter().map(|e| (e.a, e.b, e.weight)).collect();
    Ok(Validated {
        graph: Csr::from_edges(n, &kept).0,
        report,
        table: None,
        kept_tests,
    })
}

fn check_alpha(opts: &BackboneOptions) -> Result<(), BackboneError> {
    if !(opts.alpha > 0.0 && opts.alpha <= 1.0) {
        return Err(BackboneError::Invalid(format!(
            "--alpha must be in (0, 1], got {}",
            opts.alpha
        )));
    }
    if let Model::Threshold(w) = opts.model {
        if !w.is_finite() {
            return Err(BackboneError::Invalid(format!(
                "--min-weight must be a finite number, got {w}"
            )));
        }
    }
    Ok(())
}
