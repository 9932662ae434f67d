//! `citynet curate`: rebuild the bundled networks from the sourced raw data.

use crate::error::{Error, Result};
use crate::pipeline::Ui;
use clap::Args;
use std::path::PathBuf;

/// `citynet curate`.
#[derive(Debug, Args)]
pub struct CurateArgs {
    /// The folder of sourced raw data (membership lists, GeoNames, OpenFlights, twinning).
    #[arg(long, default_value = "../shared/data", value_name = "DIR")]
    pub shared: PathBuf,
    /// Where the network folders are written.
    #[arg(long, default_value = "networks", value_name = "DIR")]
    pub out: PathBuf,
}

/// Runs the command: rewrites `networks/city-diplomacy`, `air-2014` and `sister-cities`
/// byte for byte from the raw data, and prints the counts as JSON.
pub fn run(a: CurateArgs, ui: Ui) -> Result<()> {
    if !a.shared.is_dir() {
        return Err(Error::Usage(format!(
            "--shared {}: no such folder; expected the sourced raw data (membership/, gazetteer/, openflights/, sister_cities/)",
            a.shared.display()
        )));
    }
    let pb = ui.step("curating the bundled networks");
    let report = crate::curate::curate_all(&a.shared, &a.out).map_err(Error::Internal)?;
    pb.finish_and_clear();
    let json = serde_json::to_string_pretty(&report).map_err(|e| Error::Internal(e.into()))?;
    println!("{json}");
    Ok(())
}
