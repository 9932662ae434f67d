//! Options shared by `analyze` and `metrics` for large graphs: exact or approximate columns.
//! The memory budget is the input options' `--max-memory`.

use crate::metrics::plan::{self, ScaleOptions};
use clap::Args;

/// Large graphs: exactness, error bounds, memory.
#[derive(Debug, Args, Clone)]
pub struct ScaleArgs {
    /// Compute every column exactly: build the city projection whatever its size (within
    /// --max-memory; beyond it, work through its twin classes, cities with the same programs,
    /// when there are few enough) and run exact betweenness however long it takes.
    #[arg(long)]
    pub exact: bool,
    /// Error bound of approximate columns [default: for betweenness, the smallest that fits
    /// --time-budget; 0.05 for clustering].
    #[arg(long, value_name = "EPS")]
    pub epsilon: Option<f64>,
    /// Seconds exact betweenness may take (estimated for the 2-thread reference machine,
    /// whatever --threads, so the choice never depends on the thread count) before it is
    /// approximated by sampling instead, with ε chosen to fit this budget.
    #[arg(long, default_value_t = plan::DEFAULT_TIME_BUDGET, value_name = "SECONDS")]
    pub time_budget: f64,
    /// Probability that an approximate column misses its error bound.
    #[arg(long, default_value_t = plan::DEFAULT_DELTA, value_name = "DELTA")]
    pub delta: f64,
    /// Seed of the samplers of approximate columns.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub sample_seed: u64,
}

/// How the city projection weighs a pair of cities (`--weighting`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum WeightingArg {
    /// Σ_p w(a,p)·w(b,p): membership weights multiplied (GaWC; shared programs when weights are 1).
    #[default]
    Gawc,
    /// The number of shared programs, whatever the weights.
    Count,
    /// Newman (2001): Σ_p 1/(k_p − 1), so a giant program weighs little on each pair.
    Newman,
    /// Shared programs / programs of either city.
    Jaccard,
}

impl From<WeightingArg> for crate::graph::Weighting {
    fn from(w: WeightingArg) -> Self {
        match w {
            WeightingArg::Gawc => crate::graph::Weighting::Gawc,
            WeightingArg::Count => crate::graph::Weighting::Count,
            WeightingArg::Newman => crate::graph::Weighting::Newman,
            WeightingArg::Jaccard => crate::graph::Weighting::Jaccard,
        }
    }
}

impl Default for ScaleArgs {
    fn default() -> Self {
        let d = ScaleOptions::default();
        ScaleArgs {
            exact: d.exact,
            epsilon: d.epsilon,
            time_budget: d.time_budget,
            delta: d.delta,
            sample_seed: d.seed,
        }
    }
}

impl ScaleArgs {
    /// The plain options.
    pub fn to_options(&self) -> Result<ScaleOptions, String> {
        if let Some(e) = self.epsilon {
            if !(e > 0.0 && e < 1.0) {
                return Err(format!("--epsilon {e}: expected a number between 0 and 1"));
            }
        }
        if !(self.delta > 0.0 && self.delta < 1.0) {
            return Err(format!(
                "--delta {}: expected a number between 0 and 1",
                self.delta
            ));
        }
        if !(self.time_budget > 0.0 && self.time_budget.is_finite()) {
            return Err(format!(
                "--time-budget {}: expected a positive number of seconds",
                self.time_budget
            ));
        }
        Ok(ScaleOptions {
            exact: self.exact,
            // Filled from the input options' --max-memory.
            max_memory: None,
            epsilon: self.epsilon,
            delta: self.delta,
            seed: self.sample_seed,
            time_budget: self.time_budget,
            // Filled from the projection options' --weighting.
            weighting: crate::graph::Weighting::Gawc,
            convention: crate::metrics::convention::Convention::NetworkX,
        })
    }
}

/// Whose conventions the metric columns follow (`--convention`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ConventionArg {
    /// NetworkX's normalisations.
    #[default]
    Networkx,
    /// R/python-igraph's defaults.
    Igraph,
}

impl From<ConventionArg> for crate::metrics::convention::Convention {
    fn from(c: ConventionArg) -> Self {
        match c {
            ConventionArg::Networkx => crate::metrics::convention::Convention::NetworkX,
            ConventionArg::Igraph => crate::metrics::convention::Convention::Igraph,
        }
    }
}
