//! citynet: how cities are connected through international city networks.
pub mod graph;
pub mod metrics;
pub mod model;
