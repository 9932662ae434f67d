//! `networks/air-2014/` (placeholder until written).
use super::gazetteer::Gazetteer;
use super::NetworkCounts;
use anyhow::Result;
use std::path::Path;

/// Curate the air network.
pub fn curate(_shared: &Path, _out: &Path, _gaz: &Gazetteer) -> Result<NetworkCounts> {
    Ok(NetworkCounts {
        network: "air-2014".into(),
        ..Default::default()
    })
}
