//! Cities, programs, memberships and ties: reading and validating inputs (the only module that
//! reads input files).

pub mod assemble;
pub mod columns;
pub mod coords_check;
pub mod csv_table;
pub mod dataset;
pub mod decode;
pub mod diagnostic;
pub mod edge_list;
pub mod eligible;
pub mod fields;
pub mod folder;
pub mod gazetteer;
pub mod geocode;
pub mod groups;
pub mod import;
pub mod intake;
pub mod limits;
pub mod load;
pub mod membership_attrs;
pub mod membership_table;
pub mod memory;
pub mod metric_names;
pub mod name_key;
pub mod network_toml;
pub mod options;
pub mod placement;
pub mod places;
pub mod program_names;
pub mod registry;
pub mod row_cities;
pub mod rows;
pub mod shapes;
pub mod sheet;
pub mod time;
pub mod workbook;

pub use columns::ColumnMap;
pub use dataset::{
    City, Dataset, InputKind, Membership, NetworkMeta, Program, SourceRef, Tie, TieKind,
};
pub use decode::Encoding;
pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use intake::{Intake, Rejection};
pub use load::load;
pub use options::{LoadOptions, Loaded};
