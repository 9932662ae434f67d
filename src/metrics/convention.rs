//! Column conventions (`--convention networkx|igraph`): citynet computes NetworkX's values;
//! under igraph's convention the columns become what R/python-igraph's defaults return on the
//! same (unweighted for paths) graph, by exact conversions of the NetworkX values:
//!
//! | column | NetworkX (default) | igraph |
//! |---|---|---|
//! | `betweenness` | pair-once count × 2/((n−1)(n−2)) | the raw pair-once count (`betweenness(g)`, R's `normalized = FALSE`) |
//! | `closeness` | ((r−1)/Σd)·((r−1)/(n−1)) | 1/Σd over the reachable nodes (igraph ≥ 1.3, `normalized = FALSE`); NaN when none |
//! | `eigenvector` | unit Euclidean norm | largest value 1 (`eigen_centrality(g)$vector`, `scale = TRUE`) |
//! | `bip_betweenness` | count / Borgatti–Halgin maximum of the mode | the raw pair-once count on B |
//! | `bip_closeness` | (m + 2(n−1))/Σd · (r−1)/(N−1) | 1/Σd on B over the reachable nodes |
//! | `bip_eigenvector` | unit Euclidean norm over B | largest value over B 1 |
//!
//! `r` is the size of the node's component (itself included), `n` the nodes of G, `N` those of
//! B. Other columns are the same under both conventions.

use super::bipartite::bip_betweenness_max;

/// Which tool's conventions the columns follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Convention {
    /// NetworkX's normalisations (citynet's own).
    #[default]
    NetworkX,
    /// R/python-igraph's defaults.
    Igraph,
}

/// igraph's betweenness from NetworkX's normalised one on `n` nodes.
pub fn igraph_betweenness(nx: &[f64], n: usize) -> Vec<f64> {
    let pairs = if n > 2 {
        (n - 1) as f64 * (n - 2) as f64 / 2.0
    } else {
        0.0
    };
    nx.iter().map(|&b| b * pairs).collect()
}

/// igraph's closeness 1/Σd from NetworkX's Wasserman–Faust closeness on `n` nodes, `reach[v]`
/// the size of v's component (itself included); NaN for a node that reaches nothing.
pub fn igraph_closeness(nx: &[f64], n: usize, reach: &[usize]) -> Vec<f64> {
    nx.iter()
        .zip(reach)
        .map(|(&c, &r)| {
            if r <= 1 {
                f64::NAN
            } else {
                let k = (r - 1) as f64;
                c * (n - 1) as f64 / (k * k)
            }
        })
        .collect()
}

/// igraph's raw bipartite betweenness from NetworkX's, own mode `own` nodes, other `other`.
pub fn igraph_bip_betweenness(nx: &[f64], own: usize, other: usize) -> Vec<f64> {
    let mx = bip_betweenness_max(own, other);
    nx.iter().map(|&b| b * mx).collect()
}

/// igraph's closeness on B from NetworkX's bipartite closeness (own mode `own`, other mode
/// `other`, B of `own + other` nodes, `reach[v]` the size of v's component in B).
pub fn igraph_bip_closeness(nx: &[f64], own: usize, other: usize, reach: &[usize]) -> Vec<f64> {
    let total = (own + other) as f64;
    let scale = other as f64 + 2.0 * (own as f64 - 1.0);
    nx.iter()
        .zip(reach)
        .map(|(&c, &r)| {
            if r <= 1 {
                f64::NAN
            } else {
                c * (total - 1.0) / ((r - 1) as f64 * scale)
            }
        })
        .collect()
}

/// `v` divided by `top` (the largest value, over both modes for B); left alone when `top` is 0.
pub fn scaled_to(v: &[f64], top: f64) -> Vec<f64> {
    if top > 0.0 {
        v.iter().map(|x| x / top).collect()
    } else {
        v.to_vec()
    }
}

/// Component sizes per node from component labels.
pub fn component_sizes<T: Copy + Into<i64>>(labels: &[T]) -> Vec<usize> {
    let mut count: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    for &l in labels {
        *count.entry(l.into()).or_default() += 1;
    }
    labels.iter().map(|&l| count[&l.into()]).collect()
}
