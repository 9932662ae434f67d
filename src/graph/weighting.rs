//! How the city projection weighs a pair of cities ([`Weighting`]): the one place that says
//! what a shared program is worth. Every projection that honours `--weighting` goes through
//! `Weighting::pair_weights` (see [`super::TwoMode::project_cities_with`]).
//!
//! The product weightings are sums over shared programs of a product of two membership
//! factors, `w(a,b) = Σ_p f(a,p)·f(b,p)` ([`Weighting::membership_factor`]), so they are the
//! plain projection of the two-mode graph with its weights replaced; Jaccard is a ratio of
//! counts applied to the count projection ([`Weighting::finish`]).

use serde::Serialize;

/// The weight of a pair of cities in the city projection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Weighting {
    /// `Σ_p w(a,p)·w(b,p)`: the membership weights multiplied (GaWC's interlocking link; the
    /// number of shared programs when every weight is 1). igraph's `bipartite_projection`
    /// multiplicities and tnet's `projecting_tm(method = "sum")` with weights.
    #[default]
    Gawc,
    /// The number of shared programs, whatever the weights (tnet `method = "binary"` summed).
    Count,
    /// Newman (2001): `Σ_p 1/(k_p − 1)`, `k_p` the program's number of members, so that a
    /// program of 10,000 members adds 1/9,999 to each of its pairs (tnet `method = "Newman"`).
    Newman,
    /// Jaccard: shared programs / programs of either city, `c/(k_a + k_b − c)`.
    Jaccard,
}

impl Weighting {
    /// The factor a membership of weight `w` in a program of `k_p` members carries into the
    /// product `Σ_p f(a,p)·f(b,p)` (Jaccard counts: 1).
    pub fn membership_factor(self, w: f64, k_p: usize) -> f64 {
        match self {
            Weighting::Gawc => w,
            Weighting::Count | Weighting::Jaccard => 1.0,
            Weighting::Newman if k_p >= 2 => 1.0 / ((k_p - 1) as f64).sqrt(),
            // A program of one member joins no pair.
            Weighting::Newman => 0.0,
        }
    }

    /// The pair weight from the summed products `sum` and the two cities' numbers of programs
    /// (identity except for Jaccard, where `sum` is the shared count).
    pub fn finish(self, sum: f64, k_a: usize, k_b: usize) -> f64 {
        match self {
            Weighting::Jaccard => sum / ((k_a + k_b) as f64 - sum),
            _ => sum,
        }
    }

    /// Whether the weight is the plain product sum (no [`Weighting::finish`] step).
    pub fn is_product(self) -> bool {
        self != Weighting::Jaccard
    }

    /// Its name on the command line and in summary.json.
    pub fn name(self) -> &'static str {
        match self {
            Weighting::Gawc => "gawc",
            Weighting::Count => "count",
            Weighting::Newman => "newman",
            Weighting::Jaccard => "jaccard",
        }
    }

    /// The formula in words, for methods texts.
    pub fn formula(self) -> &'static str {
        match self {
            Weighting::Gawc => "Σ_p w(a,p)·w(b,p), the membership weights multiplied and summed over shared programs",
            Weighting::Count => "the number of shared programs",
            Weighting::Newman => "Σ_p 1/(k_p − 1) over shared programs, k_p the program's members (Newman 2001)",
            Weighting::Jaccard => "shared programs / programs of either city (Jaccard)",
        }
    }
}
