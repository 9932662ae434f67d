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
    /// When G is not built and weighs its pairs otherwise than by Σ w·w (`--weighting count`
    /// or `newman`): the two-mode graph with each membership weight replaced by the
    /// weighting's factor, whose plain projection is G. `two_mode` keeps the input's weights
    /// for the two-mode columns.
    pub through: Option<TwoMode>,
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
            (GraphMode::ThroughTwoMode, Some(t)) => {
                Projection::ThroughTwoMode(self.through.as_ref().unwrap_or(t))
            }
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

    /// The graphs a figure draws from: `None` when G is built (draw G itself); when G is too
    /// large to build, a copy whose G holds G's edges among the `max_nodes` cities of largest
    /// strength (ties by id) on all city ids (the other cities isolated), and whose mode stays
    /// [`GraphMode::ThroughTwoMode`] so that figures say so (metric columns still come from
    /// the two-mode graph).
    pub fn for_figures(&self, max_nodes: usize) -> Option<Graphs> {
        let Projection::ThroughTwoMode(t) = self.projection() else {
            return None;
        };
        let size = self.strength();
        let n = t.n_cities();
        let mut order: Vec<u32> = (0..n as u32).collect();
        order.sort_by(|&a, &b| {
            size[b as usize]
                .partial_cmp(&size[a as usize])
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.cmp(&b))
        });
        order.truncate(max_nodes);
        let sub = crate::graph::implicit::induced_projection(t, &order);
        let edges: Vec<(u32, u32, f64)> = sub
            .edges()
            .map(|(i, j, w)| (order[i as usize], order[j as usize], w))
            .collect();
        Some(Graphs {
            g: Csr::from_edges(n, &edges).0,
            // G is edgeless here: the clone copies the two-mode graph and the ties.
            ..self.clone()
        })
    }

    /// G's strength per node (closed form through the two-mode graph when G is not built).
    pub fn strength(&self) -> Vec<f64> {
        match self.projection() {
            Projection::Built(g) => super::strength(g),
            Projection::ThroughTwoMode(t) => t.projected_strength(),
        }
    }
}
