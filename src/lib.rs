//! citynet: how cities are connected through international city networks.
//!
//! Data flows one way: command line → [`pipeline`] configuration → [`model`] (load and
//! validate) → [`graph`] (two-mode graph, projections, compact adjacency) → [`metrics`] → [`report`]
//! and [`render`].

pub mod cli;
pub mod curate;
pub mod error;
pub mod graph;
pub mod metrics;
pub mod model;
pub mod pipeline;
pub mod render;
pub mod report;

pub use error::{Error, Result};
