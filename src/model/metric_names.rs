//! The names of the metric columns citynet computes: the one vocabulary the reader (which
//! drops imported attributes that would clash with a computed column), the metric kernels and
//! the pipeline share. It lives here, at the lowest layer that needs it; the kernels are in
//! [`crate::metrics`].

/// Every node-metric column name `G` supports, in output order.
pub const NODE_METRICS: &[&str] = &[
    "degree",
    "strength",
    "betweenness",
    "closeness",
    "harmonic",
    "eigenvector",
    "pagerank",
    "clustering",
    "core",
    "reach_2",
    "component",
    "community",
];

/// Two-mode column names (for cities and for programs), in output order.
pub const TWO_MODE_METRICS: &[&str] = &[
    "programs",
    "bip_degree",
    "bip_betweenness",
    "bip_closeness",
    "bip_clustering",
    "bip_eigenvector",
];

/// Columns of the direct-ties layer (inputs with programs and ties).
pub const TIE_METRICS: &[&str] = &["ties", "tie_strength"];

/// Burt's structural-hole columns of G (computed when asked for; they need G built).
pub const STRUCTURAL_HOLE_METRICS: &[&str] = &["constraint", "effective_size"];

/// Every metric column citynet knows, for messages.
pub fn known_metrics() -> Vec<&'static str> {
    TWO_MODE_METRICS
        .iter()
        .chain(NODE_METRICS)
        .chain(TIE_METRICS)
        .chain(STRUCTURAL_HOLE_METRICS)
        .copied()
        .collect()
}
