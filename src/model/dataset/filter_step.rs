//! What a filter removed ([`FilterStep`]), kept with the dataset (see [`super::filters`]).

use serde::Serialize;

/// What one filter removed, and what was left after it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FilterStep {
    /// The filter as written (`--min-programs 2`).
    pub filter: String,
    pub cities_removed: usize,
    pub programs_removed: usize,
    pub memberships_removed: usize,
    pub ties_removed: usize,
    pub cities_left: usize,
    pub programs_left: usize,
    pub memberships_left: usize,
    /// Up to [`NAMES_LISTED`] names of what was removed (cities as "Name (CC)").
    pub removed: Vec<String>,
}

/// How many removed names a step lists.
pub const NAMES_LISTED: usize = 20;
