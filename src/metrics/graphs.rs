//! The graphs of an analysis: G, the two-mode graph, the direct ties, and how G is used.
//! Built by the pipeline (`pipeline::build_graphs_with`), read by the metric planner, the
//! figures and the exports: it lives here, at the lowest layer that needs it.

use super::plan::{GraphMode, Projection, ScaleOptions};
use crate::graph::{Csr, ProjectionEstimate, TwoMode};

/// The graphs of an analysis.
#[derive(Clone)]
pub struct Graphs {
    /// The one-mode graph G (city projection or tie graph). **Edgeless** when `mode` is
    /// [`GraphMode::ThroughTwoMode`]: the projection was too large to build and is used
    /// through `two_mode` instead.
    pub g: Csr,
    /// The two-mode graph, for inputs with programs.
    pub two_mode: Option<TwoMode>,
    /// The direct ties, when the input has programs too (otherwise they are G).
    pub ties: Option<Csr>,
    /// Whether G was built.
    pub mode: GraphMode,
    /// Size of the city projection, estimated before building anything (two-mode inputs).
    pub estimate: Option<ProjectionEstimate>,
    /// The exact/approximate options the columns are computed under.
    pub scale: ScaleOptions,
}

impl Graphs {
    /// G as the planner sees it: built, or through the two-mode graph.
    pub fn projection(&self) -> Projection<'_> {
        match (self.mode, &self.two_mode) {
            (GraphMode::ThroughTwoMode, Some(t)) => Projection::ThroughTwoMode(t),
            _ => Projection::Built(&self.g),
        }
    }

    /// Number of nodes of G.
    pub fn node_count(&self) -> usize {
        match self.projection() {
            Projection::Built(g) => g.node_count(),
            Projection::ThroughTwoMode(t) => t.n_cities(),
        }
    }

    /// G's strength per node (closed form through the two-mode graph when G is not built).
    pub fn strength(&self) -> Vec<f64> {
        match self.projection() {
            Projection::Built(g) => super::strength(g),
            Projection::ThroughTwoMode(t) => t.projected_strength(),
        }
    }
}
