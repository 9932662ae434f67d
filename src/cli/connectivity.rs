//! `citynet connectivity`: the GaWC suite on the valued projection — global network
//! connectivity and its share of the top city, E–I indices, the strongest dyads, regional sums
//! and relative hinterworlds (Taylor 2001, 2004; Krackhardt & Stern 1988).

use super::robustness::find_city;
use super::InputArgs;
use crate::error::{Error, Result};
use crate::graph::Layer;
use crate::metrics::gawc::GawcSuite;
use crate::pipeline::{self, Ui};
use crate::report::{analyses, Staging};
use clap::Args;
use std::path::PathBuf;

/// `citynet connectivity`.
///
/// Writes a folder: `connectivity.csv` (city, country, group, `gnc` = strength in the valued
/// projection, `gnc_share` = gnc / the largest gnc, `rank`, `ei_index` over the city's ties by
/// group), `dyads.csv` (the strongest pairs, r_ab and its share of the strongest), `groups.csv`
/// (cities, gnc_sum, share of the total, group E–I index) and, for each `--hinterworld CITY`,
/// rows of `hinterworld.csv` (r_Ab, the OLS fit α̂ + β̂·gnc_b over b ≠ A, the residual) and a
/// map of the residuals when the cities have coordinates.
///
/// A projection too large to build (over 5,000,000 edges) is computed through the twin classes
/// of its cities (cities with the same programs and weights), with the same numbers; dyads are
/// then listed whole rank by rank up to 1,000,000 rows, and stderr says how many pairs the
/// ranks hold when that is more.
#[derive(Debug, Args)]
pub struct ConnectivityArgs {
    /// Network folder, membership table or edge list.
    pub input: PathBuf,
    /// The city attribute that defines the groups of the E–I indices and groups.csv.
    #[arg(long, default_value = "country", value_name = "COLUMN")]
    pub group: String,
    /// A city whose relative hinterworld to compute ("Name" or "Name, Country"; repeatable).
    #[arg(long, value_name = "CITY")]
    pub hinterworld: Vec<String>,
    /// The graph: projection (every co-membership) or validated (SDSM-significant pairs
    /// only: α = 0.05, Benjamini–Hochberg, see `citynet backbone`) [default: projection].
    #[arg(long, value_enum, value_name = "GRAPH")]
    pub graph: Option<Layer>,
    /// Deprecated spelling of --graph (plain: projection); removed in the next release.
    #[arg(long, hide = true, value_parser = ["plain", "validated"])]
    pub projection: Option<String>,
    /// How many ranks of the strongest dyads to list (ties at the cut-off are kept).
    #[arg(long, default_value_t = 50, value_name = "K")]
    pub dyads: usize,
    /// Result folder [default: output/NAME-connectivity].
    #[arg(long = "out", short = 'o', value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Analyse the network as it stood in YEAR.
    #[arg(long, value_name = "YEAR", allow_hyphen_values = true)]
    pub as_of: Option<i32>,
    /// Write CSV text cells as they are, without neutralising spreadsheet formulas.
    #[arg(long)]
    pub raw_csv: bool,
    #[command(flatten)]
    pub input_args: InputArgs,
}

impl ConnectivityArgs {
    /// The graph asked for (`--graph`, or the deprecated `--projection`); `warn` receives the
    /// deprecation warning.
    ///
    /// # Errors
    /// [`Error::Usage`] for a graph connectivity does not run on, or two options that disagree.
    pub fn layer(&self, warn: &mut dyn FnMut(String)) -> Result<Layer> {
        super::graph_arg::resolve(
            "connectivity",
            self.graph,
            "--projection",
            self.projection.as_deref(),
            &super::graph_arg::CITY_GRAPHS,
            warn,
        )
    }
}

/// Computes the suite on the valued projection (`layer`: projection or validated; the tie
/// graph of an edge list).
pub fn compute(
    ds: &crate::model::Dataset,
    group: &str,
    hinterworld: &[usize],
    dyads: usize,
    layer: Layer,
    ui: Ui,
) -> Result<GawcSuite> {
    pipeline::connectivity(ds, group, hinterworld, dyads, layer == Layer::Validated, ui)
}

/// Runs the command.
pub fn run(a: ConnectivityArgs, ui: Ui) -> Result<()> {
    let layer = a.layer(&mut |w| ui.info(&w))?;
    let opts = a.input_args.to_options().map_err(Error::Usage)?;
    let (ds, _) = pipeline::load_input(&a.input, &opts, ui)?;
    let ds = match a.as_of {
        Some(y) => {
            if let Some(w) = ds.as_of_warning(y) {
                ui.info(&w);
            }
            ds.as_of(y)
        }
        None => ds,
    };
    if a.dyads == 0 {
        return Err(Error::Usage("--dyads must be at least 1".into()));
    }
    let hw: Vec<usize> = a
        .hinterworld
        .iter()
        .map(|c| find_city(&ds, c, "--hinterworld"))
        .collect::<Result<_>>()?;
    let r = compute(&ds, &a.group, &hw, a.dyads, layer, ui)?;
    let out = a
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("output").join(format!("{}-connectivity", ds.name)));
    let staging = Staging::begin(&out, &ds.files)?;
    for (name, rows) in analyses::gawc_tables(&ds, &r) {
        staging.write(name, &rows.to_csv(a.raw_csv))?;
    }
    for (a_city, rows, _) in &r.hinterworlds {
        if ds.cities_with_coordinates() == 0 {
            break;
        }
        for (ext, bytes) in crate::render::hinterworld::map(&ds, *a_city, rows)? {
            let slug = crate::render::hinterworld::slug(&ds.cities[*a_city].name);
            staging.write(&format!("hinterworld-{slug}.{ext}"), &bytes)?;
        }
    }
    let dest = staging.commit()?;
    ui.info(&format!("wrote {}", dest.display()));
    Ok(())
}
