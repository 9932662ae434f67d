//! citynet: how cities are connected through international city networks.
//!
//! Data flows one way: command line → [`pipeline`] configuration → [`model`] (load and
//! validate) → [`graph`] (two-mode graph, projections, compact adjacency) → [`metrics`] → [`report`]
//! and [`render`].
//!
//! Programs use the library through [`Network`] (see [`api`]): read an input with the command
//! line's options, compute the metric table, the backbone and the published analyses, and hand
//! any of the graphs to [`petgraph`].

pub mod api;
pub mod cli;
pub mod curate;
pub mod error;
pub mod graph;
pub mod metrics;
pub mod model;
pub mod pipeline;
pub mod render;
pub mod report;

pub use api::{Layer, MetricsOptions, Network, Node, RobustnessResult, RobustnessRun};
pub use error::{Error, Result};
pub use metrics::backbone::BackboneOptions;
pub use model::LoadOptions;
