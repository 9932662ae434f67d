//! `citynet table`: the top cities by a metric, ranked, for a paper.

use super::export::{emit, prepare};
use super::InputArgs;
use crate::error::{Error, Result};
use crate::pipeline::Ui;
use crate::report::tables::{self, TableFormat};
use clap::Args;
use std::path::PathBuf;

/// `citynet table`.
///
/// Ranks are standard competition ranks: cities with exactly the same value share a rank and
/// the next rank skips (1, 2, 2, 4); ties are listed alphabetically. `--top K` keeps every city
/// ranked K or better, so a tie at the cut-off can give more than K rows.
#[derive(Debug, Args)]
pub struct TableArgs {
    /// Network folder, membership CSV, edge-list CSV, GraphML or GEXF file.
    pub input: PathBuf,
    /// The metric to rank by.
    #[arg(long, default_value = "degree", value_name = "METRIC")]
    pub by: String,
    /// How many ranks to show.
    #[arg(long, default_value_t = 10, value_name = "K")]
    pub top: usize,
    /// Output format [default: from the extension of -o (.md, .tex, .csv), else markdown].
    #[arg(long, value_enum)]
    pub format: Option<TableFormat>,
    /// Decimals of real-valued columns.
    #[arg(long, default_value_t = 3, value_name = "P")]
    pub precision: usize,
    /// More metric columns to show beside the ranking one, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub columns: Vec<String>,
    /// Analyse the network as it stood in YEAR.
    #[arg(long, value_name = "YEAR", allow_hyphen_values = true)]
    pub as_of: Option<i32>,
    /// Output file [default: standard output].
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write CSV text cells as they are, without neutralising spreadsheet formulas.
    #[arg(long)]
    pub raw_csv: bool,
    #[command(flatten)]
    pub input_args: InputArgs,
    #[command(flatten)]
    pub projection: super::graph_arg::ProjectionArgs,
}

/// Runs the command.
pub fn run(a: TableArgs, ui: Ui) -> Result<()> {
    let from_ext = a.output.as_ref().and_then(|p| {
        match p.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(TableFormat::Markdown),
            "tex" => Some(TableFormat::Latex),
            "csv" => Some(TableFormat::Csv),
            _ => None,
        }
    });
    let format = a.format.or(from_ext).unwrap_or(TableFormat::Markdown);
    if a.top == 0 {
        return Err(Error::Usage("--top must be at least 1".into()));
    }
    if a.precision > 17 {
        return Err(Error::Usage("--precision must be at most 17".into()));
    }
    a.projection
        .check("table", &super::graph_arg::CITY_GRAPHS, ui)?;
    let mut metrics = vec![a.by.clone()];
    metrics.extend(a.columns.iter().filter(|c| **c != a.by).cloned());
    let p = prepare(
        &a.input,
        &a.input_args,
        a.as_of,
        Some(metrics),
        Some(&a.projection),
        ui,
    )?;
    let mut t =
        tables::ranked(&p.cities, &a.by, &a.columns, a.top, a.precision).map_err(Error::Usage)?;
    t.caption = format!("{} — {}", t.caption, p.ds.meta.title);
    if let Some(y) = a.as_of {
        t.caption.push_str(&format!(", as of {y}"));
    }
    emit(
        a.output.as_deref(),
        &t.render(format, a.raw_csv),
        &p.ds.files,
        ui,
    )
}
