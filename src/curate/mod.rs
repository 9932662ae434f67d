//! Repeatable curation of the bundled real networks under `networks/`.
//!
//! [`curate_all`] reads the raw, sourced files of `shared/data/` (see its `SOURCES.md`)
//! and writes three network folders in the citynet network-folder format:
//!
//! - `city-diplomacy/`: the five membership lists, every city resolved to one GeoNames
//!   entry by the rules of [`resolve`], names that stay ambiguous or unmatched in
//!   `review.csv`, and the twinning ties among the resolved cities;
//! - `air-2014/`: the OpenFlights city-city air network (2014), weight = routes;
//! - `sister-cities/`: the full twinning network as given in the twinning data.
//!
//! Output is deterministic: rows are sorted, coordinates have a fixed number of
//! decimals, CSV uses `\n` line ends and minimal quoting, and README/network.toml are
//! generated from the same data. Rerunning reproduces every file byte for byte.
//!
//! The reviewed tables that steer the resolution (`aliases.csv`, `withheld.csv`,
//! `country_names.csv`) live beside this file and are compiled in.

mod air;
pub mod diplomacy;
pub mod gazetteer;
pub mod resolve;
mod sister;
pub mod twins;
pub mod util;

pub use diplomacy::DiplomacyReport;
pub use resolve::{Listing, Outcome, Resolver};

use anyhow::Result;
use serde::Serialize;
use std::path::Path;

/// Counts of one curated network folder.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct NetworkCounts {
    /// Folder name under `networks/`.
    pub network: String,
    /// Rows of `cities.csv` (for city-diplomacy: cities resolved to GeoNames).
    pub cities: usize,
    /// Rows of `review.csv` (names kept out); 0 where there is no review step.
    pub reviewed: usize,
    /// Rows of `programs.csv`.
    pub programs: usize,
    /// Rows of `memberships.csv`.
    pub memberships: usize,
    /// Rows of `ties.csv`.
    pub ties: usize,
}

/// What [`curate_all`] wrote.
#[derive(Debug, Clone, Serialize)]
pub struct CurateReport {
    pub networks: Vec<NetworkCounts>,
    /// Per-list detail of the default network.
    pub city_diplomacy: DiplomacyReport,
}

/// Curate every bundled network from `shared_data` (the `shared/data` folder) into
/// `networks` (one sub-folder per network, created if missing, files overwritten).
pub fn curate_all(shared_data: &Path, networks: &Path) -> Result<CurateReport> {
    let resolver = Resolver::load(shared_data)?;
    let twins = twins::TwinData::load(shared_data)?;
    let (dip, detail) = diplomacy::curate(
        shared_data,
        &networks.join("city-diplomacy"),
        &resolver,
        &twins,
    )?;
    let air = air::curate(shared_data, &networks.join("air-2014"), &resolver.gaz)?;
    let sis = sister::curate(&networks.join("sister-cities"), &resolver.gaz, &twins)?;
    Ok(CurateReport {
        networks: vec![dip, air, sis],
        city_diplomacy: detail,
    })
}
