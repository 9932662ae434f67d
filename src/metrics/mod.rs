//! Node and graph metrics: pure functions over [`Csr`] / [`TwoMode`] views.
//!
//! Every metric returns one value per node, indexed by node id; names are attached only by the
//! reports. Each function's doc comment states its definition, its normalisation and the
//! NetworkX call that gives the same numbers.

use crate::graph::{Csr, TwoMode};

/// One computed column of a node table.
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    /// Counts and labels.
    Int(Vec<i64>),
    /// Real-valued measures.
    Float(Vec<f64>),
}

impl Column {
    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            Column::Int(v) => v.len(),
            Column::Float(v) => v.len(),
        }
    }

    /// Whether the column has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Value of row `i` as f64.
    pub fn get_f64(&self, i: usize) -> f64 {
        match self {
            Column::Int(v) => v[i] as f64,
            Column::Float(v) => v[i],
        }
    }
}

/// Degree: the number of distinct neighbours of `v` in `G`. NetworkX: `G.degree(v)`.
pub fn degree(g: &Csr) -> Vec<i64> {
    (0..g.node_count()).map(|v| g.degree(v) as i64).collect()
}

/// Strength: the sum of the weights of the edges at `v` (for the city projection of valued
/// memberships, the GaWC connectivity). NetworkX: `G.degree(v, weight="weight")`.
pub fn strength(g: &Csr) -> Vec<f64> {
    (0..g.node_count()).map(|v| g.strength(v)).collect()
}

/// Number of programs each city belongs to: its degree in the two-mode graph `B`.
/// NetworkX: `B.degree(city)`.
pub fn programs_per_city(t: &TwoMode) -> Vec<i64> {
    (0..t.n_cities())
        .map(|c| t.programs_of(c).0.len() as i64)
        .collect()
}

/// Number of member cities of each program: its degree in `B`.
pub fn members_per_program(t: &TwoMode) -> Vec<i64> {
    (0..t.n_programs())
        .map(|p| t.members_of(p).0.len() as i64)
        .collect()
}
