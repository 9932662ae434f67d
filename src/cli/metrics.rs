//! `citynet metrics`: the per-node table alone.

use super::InputArgs;
use crate::error::{Error, Result};
use crate::pipeline::{self, Ui};
use crate::report::{csv_out, output};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

/// `citynet metrics`.
#[derive(Debug, Args)]
pub struct MetricsArgs {
    /// Network folder, membership CSV or edge-list CSV.
    pub input: PathBuf,
    /// Output file, .csv or .json [default: CSV on standard output].
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Metric columns to compute, comma-separated [default: all the defaults].
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub metrics: Option<Vec<String>>,
    /// Write CSV text cells as they are, without neutralising spreadsheet formulas.
    #[arg(long)]
    pub raw_csv: bool,
    /// Analyse the network as it stood in YEAR: only memberships and ties active that year
    /// (since ≤ YEAR ≤ until, an empty end open); every city is kept.
    #[arg(long, value_name = "YEAR", allow_hyphen_values = true)]
    pub as_of: Option<i32>,
    /// Which nodes' table: cities (every column) or programs (members, member cities and the
    /// two-mode columns asked for, at the program nodes).
    #[arg(long, value_enum, default_value = "cities")]
    pub nodes: NodesArg,
    #[command(flatten)]
    pub input_args: InputArgs,
    #[command(flatten)]
    pub scale: super::scale::ScaleArgs,
    #[command(flatten)]
    pub projection: super::graph_arg::ProjectionArgs,
}

/// Which nodes `metrics` describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NodesArg {
    /// The cities.
    Cities,
    /// The programs (inputs with programs).
    Programs,
}

/// Runs the command.
pub fn run(m: MetricsArgs, ui: Ui) -> Result<()> {
    m.projection
        .check("metrics", &super::graph_arg::CITY_GRAPHS, ui)?;
    let opts = m.input_args.to_options().map_err(Error::Usage)?;
    let format = match &m.output {
        None => "csv",
        Some(p) => match p
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
        {
            Some(e) if e == "csv" => "csv",
            Some(e) if e == "json" => "json",
            _ => {
                return Err(Error::Usage(format!(
                    "-o {}: expected a file ending in .csv or .json",
                    p.display()
                )))
            }
        },
    };
    let mut scale = m.scale.to_options().map_err(Error::Usage)?;
    scale.max_memory = opts.max_memory;
    let (ds, _) = pipeline::load_input(&m.input, &opts, ui)?;
    let ds = match m.as_of {
        Some(y) => {
            if let Some(w) = ds.as_of_warning(y) {
                ui.info(&w);
            }
            ds.as_of(y)
        }
        None => ds,
    };
    // The memory budget (--max-memory) decides whether the projection is built; a projection
    // over it is used through the two-mode graph, and only --exact stops (exit 2, advice).
    let gr = m.projection.build_graphs(&ds, &scale, ui)?;
    let names = m.metrics.unwrap_or_else(|| pipeline::default_metrics(&ds));
    let computed = pipeline::compute(&ds, &gr, &names, false)?;
    for w in &computed.warnings {
        ui.info(w);
    }
    let table = match (m.nodes, &gr.two_mode) {
        (NodesArg::Cities, _) => computed.table,
        (NodesArg::Programs, Some(t)) => {
            pipeline::program_table(&ds, t, &names, gr.scale.convention)?
        }
        (NodesArg::Programs, None) => {
            return Err(Error::Usage(
                "--nodes programs needs an input with programs".into(),
            ))
        }
    };
    let bytes = if format == "json" {
        let rows: Vec<serde_json::Map<String, serde_json::Value>> = (0..table.len())
            .map(|i| {
                let mut row = serde_json::Map::new();
                for (k, v) in &table.text {
                    row.insert(k.clone(), v[i].clone().into());
                }
                for (k, c) in &table.metrics {
                    let v = match c {
                        crate::metrics::Column::Int(v) => serde_json::Value::from(v[i]),
                        crate::metrics::Column::Float(v) => serde_json::Number::from_f64(v[i])
                            .map(serde_json::Value::Number)
                            .unwrap_or(serde_json::Value::Null),
                    };
                    row.insert(k.clone(), v);
                }
                row
            })
            .collect();
        let mut b = serde_json::to_vec_pretty(&rows).map_err(|e| Error::Internal(e.into()))?;
        b.push(b'\n');
        b
    } else {
        let mut b = vec![];
        csv_out::write_csv(&table, &mut b, m.raw_csv).map_err(|e| Error::Internal(e.into()))?;
        b
    };
    match &m.output {
        Some(p) => {
            output::write_file_atomic(p, &bytes, &ds.files)?;
            ui.info(&format!("wrote {}", p.display()));
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)
                .and_then(|_| out.flush())
                .map_err(|e| Error::io("<stdout>", e))?;
        }
    }
    Ok(())
}
