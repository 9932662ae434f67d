//! Graph-level summary statistics.

use super::clustering::{clustering_from, transitivity_from, triangles};
use super::community::{louvain, modularity};
use super::components::components;
use super::paths::distance_stats;
use super::MetricOptions;
use crate::graph::Csr;

/// Graph-level summary of the one-mode graph `G` (serialisable for reports).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct GraphSummary {
    /// Number of nodes `n`.
    pub nodes: usize,
    /// Number of undirected edges `m`.
    pub edges: usize,
    /// `2m / (n(n−1))`, 0 when `n ≤ 1` (`nx.density`).
    pub density: f64,
    /// Number of connected components (`nx.number_connected_components`).
    pub components: usize,
    /// Size of the largest connected component.
    pub largest_component: usize,
    /// `3 × triangles / connected triples` (`nx.transitivity`).
    pub transitivity: f64,
    /// Mean local clustering over all nodes (`nx.average_clustering`; 0 for the empty graph).
    pub average_clustering: f64,
    /// Diameter (hops) of the largest component (`nx.diameter` on it; 0 for one node or none).
    pub diameter: u64,
    /// Average shortest path length (hops) within the largest component
    /// (`nx.average_shortest_path_length` on it; 0 for one node or none).
    pub average_shortest_path_length: f64,
    /// Weighted modularity of the community labels (`nx.community.modularity`).
    pub modularity: f64,
    /// Number of communities.
    pub communities: usize,
    /// Degree assortativity (`nx.degree_assortativity_coefficient`, unweighted); `None` when it is
    /// undefined (no edges, or every edge joins nodes of equal degree: zero variance).
    pub degree_assortativity: Option<f64>,
}

/// Degree assortativity: Pearson correlation of the degrees at the two ends of each edge, every
/// edge taken in both directions. Same number as `nx.degree_assortativity_coefficient(G)`;
/// `None` where NetworkX returns NaN. O(m).
pub fn degree_assortativity(g: &Csr) -> Option<f64> {
    let arcs = g.targets().len();
    if arcs == 0 {
        return None;
    }
    let n = g.node_count();
    // Mean degree over arc tails: Σ_v d(v)² / Σ_v d(v).
    let (mut s1, mut s2) = (0.0f64, 0.0f64);
    for v in 0..n {
        let d = g.degree(v) as f64;
        s1 += d * d;
        s2 += d;
    }
    let mu = s1 / s2;
    let mut cov = 0.0;
    let mut var = 0.0;
    for v in 0..n {
        let dv = g.degree(v) as f64 - mu;
        var += g.degree(v) as f64 * dv * dv;
        for &u in g.neighbors(v) {
            cov += dv * (g.degree(u as usize) as f64 - mu);
        }
    }
    if var <= 0.0 || !var.is_finite() {
        None
    } else {
        Some(cov / var)
    }
}

/// Computes the [`GraphSummary`] of `G`. `communities` are per-node community labels (e.g. the
/// `community` column); with `None`, Louvain runs with [`MetricOptions::default`].
///
/// Cost is dominated by the all-pairs BFS on the largest component for the diameter and the
/// average path length (as [`super::closeness`]).
pub fn graph_summary(g: &Csr, communities: Option<&[i64]>) -> GraphSummary {
    let n = g.node_count();
    let m = g.edge_count();
    let density = if n <= 1 {
        0.0
    } else {
        2.0 * m as f64 / (n as f64 * (n as f64 - 1.0))
    };
    let comp = components(g);
    let ncomp = comp.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    let lcc: Vec<u32> = (0..n as u32).filter(|&v| comp[v as usize] == 0).collect();
    let t = triangles(g);
    let transitivity = transitivity_from(g, &t);
    let cl = clustering_from(g, &t);
    let average_clustering = if n == 0 {
        0.0
    } else {
        cl.iter().sum::<f64>() / n as f64
    };
    let (diameter, aspl) = if lcc.len() <= 1 {
        (0, 0.0)
    } else {
        let st = distance_stats(g, Some(&lcc), u32::MAX, false);
        let total: u64 = lcc.iter().map(|&v| st.dist_sum[v as usize]).sum();
        let k = lcc.len() as f64;
        (st.max_distance, total as f64 / (k * (k - 1.0)))
    };
    let owned;
    let labels = match communities {
        Some(c) => c,
        None => {
            let o = MetricOptions::default();
            owned = louvain(g, o.resolution, o.seed);
            &owned[..]
        }
    };
    let ncom = {
        let mut l: Vec<i64> = labels.to_vec();
        l.sort_unstable();
        l.dedup();
        l.len()
    };
    GraphSummary {
        nodes: n,
        edges: m,
        density,
        components: ncomp,
        largest_component: lcc.len(),
        transitivity,
        average_clustering,
        diameter,
        average_shortest_path_length: aspl,
        modularity: modularity(g, labels, 1.0),
        communities: ncom,
        degree_assortativity: degree_assortativity(g),
    }
}
