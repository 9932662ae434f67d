//! Graph layer: the compact adjacency used by every kernel, and the two-mode graph with its
//! projections.

pub mod csr;
pub mod disparity;
pub mod implicit;
pub mod layer;
pub mod msbfs;
pub mod twins;
pub mod twomode;
pub mod weighting;

pub use csr::{Csr, EdgeCleanup};
pub use layer::Layer;
pub use twins::{TwinClasses, TwinQuotient};
pub use twomode::{ProjectionEstimate, TwoMode};
pub use weighting::Weighting;
