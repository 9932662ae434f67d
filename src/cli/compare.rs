//! `citynet compare`: rank changes between two inputs or two years.

use super::export::{emit, prepare};
use super::InputArgs;
use crate::error::{Error, Result};
use crate::pipeline::Ui;
use crate::report::tables::{self, TableFormat};
use clap::Args;
use std::path::PathBuf;

/// `citynet compare`.
///
/// Columns: `city, country, rank_a, rank_b, change, value_a, value_b`, where A is the first
/// input (or the first year) and B the second; `change = rank_a − rank_b`, positive when the
/// city rose. Cities are matched by name and country. Ranks are competition ranks (1, 2, 2, 4).
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The first input (A).
    pub a: PathBuf,
    /// The second input (B); omit it and give --years to compare two years of A.
    pub b: Option<PathBuf>,
    /// Compare A as of Y1 with A (or B) as of Y2.
    #[arg(long, num_args = 2, value_names = ["Y1", "Y2"], allow_hyphen_values = true)]
    pub years: Option<Vec<i32>>,
    /// The metric to rank by.
    #[arg(long, default_value = "degree", value_name = "METRIC")]
    pub by: String,
    /// Keep cities ranked K or better in A or in B [default: all].
    #[arg(long, value_name = "K")]
    pub top: Option<usize>,
    /// Output format [default: from the extension of -o (.md, .csv, .tex), else markdown].
    #[arg(long, value_enum)]
    pub format: Option<TableFormat>,
    /// Decimals of real-valued columns.
    #[arg(long, default_value_t = 3, value_name = "P")]
    pub precision: usize,
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
pub fn run(c: CompareArgs, ui: Ui) -> Result<()> {
    let (ya, yb) = match c.years.as_deref() {
        Some([y1, y2]) => (Some(*y1), Some(*y2)),
        _ => (None, None),
    };
    let b_path = match (&c.b, ya) {
        (Some(b), _) => b.clone(),
        (None, Some(_)) => c.a.clone(),
        (None, None) => {
            return Err(Error::Usage(
                "give a second input B, or --years Y1 Y2 to compare two years of one input".into(),
            ))
        }
    };
    c.projection
        .check("compare", &super::graph_arg::CITY_GRAPHS, ui)?;
    let metrics = Some(vec![c.by.clone()]);
    let graph = Some(&c.projection);
    let pa = prepare(&c.a, &c.input_args, ya, metrics.clone(), graph, ui)?;
    let pb = prepare(&b_path, &c.input_args, yb, metrics, graph, ui)?;
    let mut t = tables::compare(
        &pa.cities,
        &pb.cities,
        &c.by,
        c.top.unwrap_or(usize::MAX),
        c.precision,
    )
    .map_err(Error::Usage)?;
    let label = |p: &std::path::Path, y: Option<i32>| match y {
        Some(y) => format!("{} as of {y}", p.display()),
        None => p.display().to_string(),
    };
    t.caption = format!(
        "{}: A = {}, B = {}",
        t.caption,
        label(&c.a, ya),
        label(&b_path, yb)
    );
    let format = c
        .format
        .or_else(|| {
            match c
                .output
                .as_ref()?
                .extension()?
                .to_str()?
                .to_ascii_lowercase()
                .as_str()
            {
                "md" | "markdown" => Some(TableFormat::Markdown),
                "tex" => Some(TableFormat::Latex),
                "csv" => Some(TableFormat::Csv),
                _ => None,
            }
        })
        .unwrap_or(TableFormat::Markdown);
    let mut bytes = vec![];
    if format == TableFormat::Markdown {
        bytes.extend(format!("{}\n\n", crate::report::summary::md_escape(&t.caption)).bytes());
    }
    bytes.extend(t.render(format, c.raw_csv));
    let mut inputs = pa.ds.files.clone();
    inputs.extend(pb.ds.files.iter().cloned());
    emit(c.output.as_deref(), &bytes, &inputs, ui)
}
