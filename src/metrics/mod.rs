//! Node and graph metrics: pure functions over [`Csr`] / [`TwoMode`] views.
//!
//! Every metric returns one value per node, indexed by node id; names are attached only by the
//! reports. Each function's doc comment states its definition, its normalisation and the
//! NetworkX call that gives the same numbers.

use crate::graph::{Csr, TwoMode};

pub mod approx;
pub mod backbone;
pub mod bipartite;
mod brandes_batch;
pub mod brokerage;
pub mod brokerage_twins;
pub mod clustering;
pub mod community;
pub mod components;
pub mod convention;
pub mod gawc;
pub mod gawc_twins;
pub mod graphs;
pub mod louvain_twomode;
pub mod mode;
pub mod node_table;
pub mod paths;
pub mod plan;
pub mod projected;
pub mod quotient;
pub mod rank;
pub mod robustness;
pub mod spectral;
pub mod structural_holes;
pub mod summary;
pub mod twin_view;
pub mod weighted;
pub mod wide_bfs;

pub use bipartite::{
    bip_betweenness, bip_betweenness_max, bip_closeness, bip_clustering, bip_degree,
    bip_eigenvector,
};
pub use clustering::{average_clustering, clustering, core_number, transitivity, triangles};
pub use community::{louvain, modularity};
pub use components::{components, largest_component};
pub use graphs::Graphs;
pub use node_table::NodeTable;
pub use paths::{
    betweenness, betweenness_raw, closeness, distance_stats, harmonic, reach_within, DistanceStats,
};
pub use spectral::{eigenvector, pagerank};
pub use summary::{degree_assortativity, graph_summary, GraphSummary};
pub use weighted::{weighted_betweenness, weighted_closeness, EdgeLength};

use crate::model::metric_names::{NODE_METRICS, TWO_MODE_METRICS};

/// Options of the stochastic / tunable metrics.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MetricOptions {
    /// Seed of the Louvain node order (default 1).
    pub seed: u64,
    /// Louvain / modularity resolution γ (default 1.0).
    pub resolution: f64,
}

impl Default for MetricOptions {
    fn default() -> Self {
        MetricOptions {
            seed: 1,
            resolution: 1.0,
        }
    }
}

/// Errors of the metrics engine.
#[derive(thiserror::Error, Debug, Clone, PartialEq)]
pub enum MetricError {
    /// A column name that is not in [`NODE_METRICS`] / [`TWO_MODE_METRICS`].
    #[error(
        "unknown metric '{0}'; known: degree, strength, betweenness, closeness, harmonic, \
         eigenvector, pagerank, clustering, core, reach_2, component, community \
         (two-mode: programs, bip_degree, bip_betweenness, bip_closeness, bip_clustering, bip_eigenvector)"
    )]
    Unknown(String),
    /// Eigenvector power iteration did not converge within [`spectral::MAX_ITER`] steps.
    #[error("eigenvector centrality did not converge in {0} iterations")]
    NoConvergence(usize),
    /// PageRank power iteration did not converge within [`spectral::MAX_ITER`] steps.
    #[error("pagerank did not converge in {0} iterations")]
    PageRankNoConvergence(usize),
}

/// Computes the requested columns (names from [`NODE_METRICS`]) over `G`, in the order asked.
///
/// Each column is the function of the same name in this module (`core` is [`core_number`],
/// `reach_2` is [`reach_within`]`(g, 2)`, `component` is [`components()`], `community` is
/// [`louvain`] with `opts`); see those for definitions, NetworkX equivalents and complexity.
/// Closeness and harmonic share one all-pairs BFS when both are asked.
///
/// # Errors
/// [`MetricError::Unknown`] for a name not in [`NODE_METRICS`] (checked before any work);
/// convergence errors from [`eigenvector`] / [`pagerank`].
pub fn node_metrics(
    g: &Csr,
    names: &[&str],
    opts: &MetricOptions,
) -> Result<Vec<(String, Column)>, MetricError> {
    if let Some(bad) = names.iter().find(|x| !NODE_METRICS.contains(x)) {
        return Err(MetricError::Unknown(bad.to_string()));
    }
    let n = g.node_count();
    let mut stats: Option<DistanceStats> = None;
    let mut out = Vec::with_capacity(names.len());
    for &name in names {
        let col = match name {
            "degree" => Column::Int(degree(g)),
            "strength" => Column::Float(strength(g)),
            "betweenness" => Column::Float(betweenness(g)),
            "closeness" | "harmonic" => {
                let harm = names.contains(&"harmonic");
                let st = stats.get_or_insert_with(|| distance_stats(g, None, u32::MAX, harm));
                if name == "closeness" {
                    Column::Float(paths::closeness_from(st, n))
                } else if n <= 1 {
                    Column::Float(vec![0.0; n])
                } else {
                    Column::Float(st.harmonic.iter().map(|h| h / (n as f64 - 1.0)).collect())
                }
            }
            "eigenvector" => Column::Float(eigenvector(g)?),
            "pagerank" => Column::Float(pagerank(g, 0.85)?),
            "clustering" => Column::Float(clustering(g)),
            "core" => Column::Int(core_number(g)),
            "reach_2" => Column::Float(reach_within(g, 2)),
            "component" => Column::Int(components(g)),
            "community" => Column::Int(louvain(g, opts.resolution, opts.seed)),
            _ => unreachable!("checked above"),
        };
        out.push((name.to_string(), col));
    }
    Ok(out)
}

fn two_mode_metrics(
    t: &TwoMode,
    names: &[&str],
    cities: bool,
) -> Result<Vec<(String, Column)>, MetricError> {
    if let Some(bad) = names.iter().find(|x| !TWO_MODE_METRICS.contains(x)) {
        return Err(MetricError::Unknown(bad.to_string()));
    }
    let pick = |(c, p): (Vec<f64>, Vec<f64>)| Column::Float(if cities { c } else { p });
    let mut out = Vec::with_capacity(names.len());
    for &name in names {
        let col = match name {
            "programs" => Column::Int(if cities {
                programs_per_city(t)
            } else {
                members_per_program(t)
            }),
            "bip_degree" => pick(bip_degree(t)),
            "bip_betweenness" => pick(bip_betweenness(t)),
            "bip_closeness" => pick(bip_closeness(t)),
            "bip_clustering" => pick(bip_clustering(t)),
            "bip_eigenvector" => pick(bip_eigenvector(t)?),
            _ => unreachable!("checked above"),
        };
        out.push((name.to_string(), col));
    }
    Ok(out)
}

/// Two-mode columns (names from [`TWO_MODE_METRICS`]) for the cities of `B`, indexed by city.
///
/// `programs` is the city's degree in `B` (`B.degree(city)`); the `bip_*` columns are
/// [`bip_degree`], [`bip_betweenness`], [`bip_closeness`], [`bip_clustering`] (NetworkX's
/// `bipartite.*(B, cities)` values at the city nodes).
///
/// # Errors
/// [`MetricError::Unknown`] for a name not in [`TWO_MODE_METRICS`].
pub fn city_two_mode_metrics(
    t: &TwoMode,
    names: &[&str],
) -> Result<Vec<(String, Column)>, MetricError> {
    two_mode_metrics(t, names, true)
}

/// Two-mode columns for the programs of `B`, indexed by program: `programs` is the program's
/// number of members (`B.degree(program)`), the `bip_*` columns are the values NetworkX's
/// `bipartite.*(B, cities)` calls return at the program nodes.
///
/// # Errors
/// [`MetricError::Unknown`] for a name not in [`TWO_MODE_METRICS`].
pub fn program_two_mode_metrics(
    t: &TwoMode,
    names: &[&str],
) -> Result<Vec<(String, Column)>, MetricError> {
    two_mode_metrics(t, names, false)
}

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
