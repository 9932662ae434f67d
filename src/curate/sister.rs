//! `networks/sister-cities/` (placeholder until written).
use super::gazetteer::Gazetteer;
use super::twins::TwinData;
use super::NetworkCounts;
use anyhow::Result;
use std::path::Path;

/// Curate the sister-cities network.
pub fn curate(_out: &Path, _gaz: &Gazetteer, _twins: &TwinData) -> Result<NetworkCounts> {
    Ok(NetworkCounts {
        network: "sister-cities".into(),
        ..Default::default()
    })
}
