//! citynet: how cities are connected through international city networks.
pub mod curate;
pub mod graph;
pub mod metrics;
