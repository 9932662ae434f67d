//! `citynet brokerage`: Gould–Fernandez brokerage roles of each city between groups (regions,
//! countries, income groups...), counted as R's `sna::brokerage` counts them.

use super::two_mode_input::load_two_mode;
use super::InputArgs;
use crate::error::{Error, Result};
use crate::model::Dataset;
use crate::pipeline::{self, AnalysisGraph, Ui};
use crate::report::analyses;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// Which graph the brokers sit in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BrokerGraph {
    /// The city projection (cities tied when they share a program).
    Projection,
    /// The direct ties (twinning, agreements, the edges of an edge list).
    Ties,
    /// The validated projection: only the co-memberships SDSM finds significant (α = 0.05,
    /// Benjamini–Hochberg; see `citynet backbone`).
    Validated,
}

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
    /// The graph [default: projection for inputs with programs, ties otherwise].
    #[arg(long, value_enum)]
    pub graph: Option<BrokerGraph>,
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

impl From<BrokerGraph> for AnalysisGraph {
    fn from(g: BrokerGraph) -> AnalysisGraph {
        match g {
            BrokerGraph::Projection => AnalysisGraph::Projection,
            BrokerGraph::Ties => AnalysisGraph::Ties,
            BrokerGraph::Validated => AnalysisGraph::Validated,
        }
    }
}

/// The graph brokers sit in (see [`BrokerRoute`]); `command` names the caller's option for the
/// graph in messages (`--graph` or `--projection`).
pub fn broker_graph(
    ds: &Dataset,
    choice: Option<BrokerGraph>,
    command: &str,
) -> Result<BrokerRoute> {
    pipeline::analysis_graph(ds, choice.map(AnalysisGraph::from), command)
}

/// Runs the command.
pub fn run(a: BrokerageArgs, ui: Ui) -> Result<()> {
    let opts = a.input_args.to_options().map_err(Error::Usage)?;
    let ds = if matches!(
        a.graph,
        Some(BrokerGraph::Projection | BrokerGraph::Validated)
    ) {
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
    let route = broker_graph(&ds, a.graph, "--graph")?;
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
