//! `citynet brokerage`: Gould–Fernandez brokerage roles of each city between groups (regions,
//! countries, income groups...), counted as R's `sna::brokerage` counts them.

use super::two_mode_input::load_two_mode;
use super::InputArgs;
use crate::error::{Error, Result};
use crate::graph::Layer;
use crate::model::Dataset;
use crate::pipeline::{self, Ui};
use crate::report::analyses;
use clap::Args;
use std::path::PathBuf;

/// `citynet brokerage`.
///
/// Per city: `coordinator, consultant, representative, gatekeeper, liaison, total` — every
/// ordered 2-path i–j–k with i ≠ k and no tie i–k, by the groups of i, j and k — and sna's
/// z-scores `z_*`. On undirected ties each open path counts in both directions, so
/// representative = gatekeeper (as in sna). A city projection too large to build (over
/// 5,000,000 edges) is computed through the twin classes of its cities (same programs and
/// weights) split by group, with the same counts.
#[derive(Debug, Args)]
pub struct BrokerageArgs {
    /// Network folder, membership table or edge list.
    pub input: PathBuf,
    /// The city attribute that defines the groups: country, region, or any column of cities.csv.
    #[arg(long, value_name = "COLUMN")]
    pub group: String,
    /// The graph the brokers sit in: projection (cities tied when they share a program),
    /// validated (only the co-memberships SDSM finds significant: α = 0.05,
    /// Benjamini–Hochberg, see `citynet backbone`) or ties (twinning, agreements, the edges of
    /// an edge list) [default: projection for inputs with programs, ties otherwise].
    #[arg(long, value_enum, value_name = "GRAPH")]
    pub graph: Option<Layer>,
    /// Output file (.csv) [default: standard output].
    #[arg(long = "out", short = 'o', value_name = "FILE")]
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

pub use crate::pipeline::{group_labels, AnalysisRoute as BrokerRoute};

/// The graph brokers sit in (see [`BrokerRoute`]): the projection, the validated projection
/// or the ties; `None` is the projection for inputs with programs, else the ties.
pub fn broker_graph(ds: &Dataset, choice: Option<Layer>) -> Result<BrokerRoute> {
    pipeline::analysis_graph(ds, choice, "brokerage")
}

/// Runs the command.
pub fn run(a: BrokerageArgs, ui: Ui) -> Result<()> {
    super::graph_arg::accept("brokerage", a.graph, &pipeline::ANALYSIS_LAYERS)?;
    let opts = a.input_args.to_options().map_err(Error::Usage)?;
    let ds = if matches!(a.graph, Some(Layer::Projection | Layer::Validated)) {
        load_two_mode(
            &a.input,
            &a.input_args,
            a.as_of,
            "brokerage --graph projection",
            ui,
        )?
    } else {
        let (ds, _) = pipeline::load_input(&a.input, &opts, ui)?;
        match a.as_of {
            Some(y) => {
                if let Some(w) = ds.as_of_warning(y) {
                    ui.info(&w);
                }
                ds.as_of(y)
            }
            None => ds,
        }
    };
    let (labels, names) = group_labels(&ds, &a.group, ui)?;
    let route = broker_graph(&ds, a.graph)?;
    let (what, cities, ties) = match &route {
        BrokerRoute::Built(g, what) => (what.to_string(), g.node_count(), g.edge_count() as u64),
        BrokerRoute::Classes(q) => (
            format!(
                "city projection (through its {} twin classes, not built)",
                q.n_classes()
            ),
            q.n_cities(),
            q.edge_count(),
        ),
    };
    ui.info(&format!(
        "brokerage by {} ({} groups) in the {what}: {cities} cities, {ties} ties; each open \
         path counted in both directions, so representative = gatekeeper",
        a.group,
        names.len(),
    ));
    let b = pipeline::brokerage(&route, &labels);
    let table = analyses::brokerage_table(&ds, &labels, &names, &b).to_csv(a.raw_csv);
    super::export::emit(a.out.as_deref(), &table, &ds.files, ui)
}
