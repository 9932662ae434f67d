//! Node tables (defined in [`crate::metrics::node_table`], where the figures can take them too).

pub use crate::metrics::node_table::{format_value, NodeTable};
