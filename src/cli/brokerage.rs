//! `citynet brokerage`: Gould–Fernandez brokerage roles of each city between groups (regions,
//! countries, income groups...), counted as R's `sna::brokerage` counts them.

use super::two_mode_input::load_two_mode;
use super::two_mode_input::validated;
use super::InputArgs;
use crate::error::{Error, Result};
use crate::graph::Csr;
use crate::metrics::brokerage;
use crate::metrics::plan::PROJECTION_EDGE_LIMIT;
use crate::metrics::twin_view::{self, TwinView};
use crate::model::Dataset;
use crate::pipeline::{self, Ui};
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

/// The group of every city by `column` (see [`Dataset::groups_by`]), with a warning when some
/// cities have no value (they form one group, "(missing)").
pub fn group_labels(ds: &Dataset, column: &str, ui: Ui) -> Result<(Vec<u32>, Vec<String>)> {
    let g = ds.groups_by(column).map_err(Error::Usage)?;
    if g.missing > 0 {
        ui.info(&format!(
            "warning: {} of {} cities have no {column}; they form one group, \"{}\"",
            g.missing,
            g.labels.len(),
            crate::model::dataset::groups::MISSING_GROUP
        ));
    }
    Ok((g.labels, g.names))
}

/// The graph brokers sit in: built, or the city projection through its twin classes when it
/// is too large to build.
pub enum BrokerRoute {
    /// The graph, and what it is ("city projection", "direct ties"...).
    Built(Csr, &'static str),
    /// The city projection through its twin classes (never built).
    Classes(Box<TwinView>),
}

/// The graph brokers sit in (see [`BrokerRoute`]); `command` names the caller's option for the
/// graph in messages (`--graph` or `--projection`).
pub fn broker_graph(
    ds: &Dataset,
    choice: Option<BrokerGraph>,
    command: &str,
) -> Result<BrokerRoute> {
    let choice = choice.unwrap_or(if ds.is_two_mode() {
        BrokerGraph::Projection
    } else {
        BrokerGraph::Ties
    });
    match choice {
        BrokerGraph::Ties => {
            if ds.is_two_mode() && ds.ties.is_empty() {
                return Err(Error::Usage(
                    "--graph ties: the input has no direct ties (ties.csv)".into(),
                ));
            }
            Ok(BrokerRoute::Built(ds.tie_graph(), "direct ties"))
        }
        BrokerGraph::Validated => {
            if !ds.is_two_mode() {
                return Err(Error::Usage(format!(
                    "{command} validated needs an input with programs"
                )));
            }
            check_size(ds, command)?;
            Ok(BrokerRoute::Built(
                validated(&ds.two_mode())?,
                "validated (SDSM) projection",
            ))
        }
        BrokerGraph::Projection => {
            if !ds.is_two_mode() {
                return Ok(BrokerRoute::Built(ds.tie_graph(), "direct ties"));
            }
            let t = ds.two_mode();
            if twin_view::prefer_classes(&t) {
                return TwinView::within_limit(&t)
                    .map(|q| BrokerRoute::Classes(Box::new(q)))
                    .map_err(|k| {
                        Error::Usage(format!(
                        "the city projection has up to {} edges (above {}), too many to build, \
                         and its {} cities fall in {k} twin classes (cities with the same \
                         programs), above the {} this analysis computes through; use a smaller \
                         input{}",
                        t.projection_estimate().max_edges,
                        PROJECTION_EDGE_LIMIT,
                        t.n_cities(),
                        twin_view::MAX_CLASSES,
                        if command == "--graph" { ", or --graph ties" } else { "" }
                    ))
                    });
            }
            Ok(BrokerRoute::Built(t.project_cities(), "city projection"))
        }
    }
}

fn check_size(ds: &Dataset, command: &str) -> Result<()> {
    let est = ds.two_mode().projection_estimate();
    if est.max_edges > PROJECTION_EDGE_LIMIT {
        let instead = if command == "--graph" {
            "--graph projection (computed through the twin classes of the cities) or --graph ties"
        } else {
            "--projection plain (computed through the twin classes of the cities)"
        };
        return Err(Error::Usage(format!(
            "{command} validated: the city projection has up to {} edges (above {}), too many \
             to test and keep here: use {instead}, or a smaller input",
            est.max_edges, PROJECTION_EDGE_LIMIT
        )));
    }
    Ok(())
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
    let b = match &route {
        BrokerRoute::Built(g, _) => brokerage::brokerage(g, &labels),
        BrokerRoute::Classes(q) => crate::metrics::brokerage_twins::brokerage(q, &labels),
    };
    let table = analyses::brokerage_table(&ds, &labels, &names, &b).to_csv(a.raw_csv);
    super::export::emit(a.out.as_deref(), &table, &ds.files, ui)
}
