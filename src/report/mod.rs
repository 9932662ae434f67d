//! Tables and exports: node tables as CSV/JSON, the run summary, and safe result folders.

pub mod analyses;
pub mod backbone;
pub mod csv_out;
pub mod evolution;
pub mod export;
pub mod html;
pub mod interrupt;
pub mod latex;
pub mod manifest;
pub mod output;
pub mod places_out;
pub mod rejected;
pub mod summary;
pub mod tables;
pub mod template;

/// The node table the reports print (defined in [`crate::metrics::node_table`]); the Python
/// binding names it here.
pub use crate::metrics::NodeTable;
pub use output::Staging;
pub use summary::Summary;
