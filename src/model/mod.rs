//! Cities, programs, memberships and ties: reading and validating inputs (the only module that
//! reads input files).
//!
//! The loader ([`load()`]) runs the stages in order, each a folder that says what enters and
//! what leaves: [`read`] (bytes → table) → [`rows`] (table → typed rows, rejected rows) →
//! [`identity`] (rows → cities) → [`dataset`] (cities and rows → [`Dataset`]).
//! [`membership_table`], [`edge_list`] and [`folder`] run the chain for one input shape;
//! [`import`] reads GraphML and GEXF. The stages share [`options`] and [`diagnostic`] with the
//! loader and never call back into it.

pub mod dataset;
pub mod diagnostic;
pub mod edge_list;
pub mod folder;
pub mod identity;
pub mod import;
pub mod limits;
pub mod load;
pub mod membership_table;
pub mod memory;
pub mod metric_names;
pub mod network_toml;
pub mod options;
pub mod read;
pub mod rows;

pub use dataset::{
    City, Dataset, InputKind, Membership, NetworkMeta, Program, SourceRef, Tie, TieKind,
};
pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use load::load;
pub use options::{LoadOptions, Loaded};
pub use read::decode::Encoding;
pub use rows::columns::ColumnMap;
pub use rows::intake::{Intake, Rejection};
