//! `citynet analyze`: the whole job.

use super::InputArgs;
use crate::error::{Error, Result};
use crate::pipeline::{self, AnalyzeConfig, Ui, DEFAULT_NETWORK};
use clap::Args;
use std::path::PathBuf;

/// `citynet analyze`.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Network folder, membership CSV or edge-list CSV [default: networks/city-diplomacy].
    pub input: Option<PathBuf>,
    /// Result folder [default: output/NAME, NAME being the input's folder or file name].
    #[arg(long, short, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Metric columns to compute, comma-separated [default: all the defaults].
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub metrics: Option<Vec<String>>,
    /// Skip the figures (no Graphviz needed).
    #[arg(long)]
    pub no_figures: bool,
    /// Resolution of PNG figures.
    #[arg(long, default_value_t = 300, value_name = "DPI")]
    pub dpi: u32,
    /// Write CSV text cells as they are, without neutralising spreadsheet formulas.
    #[arg(long)]
    pub raw_csv: bool,
    /// Analyse the network as it stood in YEAR: only memberships and ties active that year
    /// (since ≤ YEAR ≤ until, an empty end open); every city is kept.
    #[arg(long, value_name = "YEAR", allow_hyphen_values = true)]
    pub as_of: Option<i32>,
    /// Do not place cities without coordinates from the shipped GeoNames gazetteer.
    #[arg(long)]
    pub no_geocode: bool,
    /// Replace the default result folder even when it holds the results of another input
    /// with the same name (by default such a run is refused).
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub input_args: InputArgs,
    #[command(flatten)]
    pub scale: super::scale::ScaleArgs,
    #[command(flatten)]
    pub projection: super::graph_arg::ProjectionArgs,
}

impl AnalyzeArgs {
    /// The plain configuration of the job on `input`.
    pub fn to_config(&self, input: PathBuf) -> Result<AnalyzeConfig> {
        let load = self.input_args.to_options().map_err(Error::Usage)?;
        let mut scale = self.scale.to_options().map_err(Error::Usage)?;
        scale.max_memory = load.max_memory;
        scale.weighting = self.projection.weighting.into();
        scale.convention = self.projection.convention.into();
        let cfg = AnalyzeConfig {
            input,
            out: self.out.clone(),
            load,
            metrics: self.metrics.clone(),
            figures: !self.no_figures,
            raw_csv: self.raw_csv,
            dpi: self.dpi,
            as_of: self.as_of,
            scale,
            geocode: !self.no_geocode,
            validated_g: self.projection.is_validated(),
            backbone: self.projection.options()?,
            eligible: self.projection.validation.eligible.clone(),
            force: self.force,
        };
        Ok(cfg)
    }
}

/// Runs the command.
pub fn run(a: AnalyzeArgs, ui: Ui) -> Result<()> {
    let input = match a.input.clone() {
        Some(i) => i,
        None => {
            let d = PathBuf::from(DEFAULT_NETWORK);
            if !d.exists() {
                return Err(Error::Usage(format!(
                    "no INPUT given and the default network {DEFAULT_NETWORK} is not in this folder; \
                     run citynet from its source folder or name an input"
                )));
            }
            d
        }
    };
    a.projection
        .check("analyze", &super::graph_arg::CITY_GRAPHS, ui)?;
    let cfg = a.to_config(input)?;
    let outcome = pipeline::analyze(&cfg, ui)?;
    ui.info(&format!("wrote {}/", outcome.dir.display()));
    for f in &outcome.files {
        ui.info(&format!("  {f}"));
    }
    Ok(())
}
