//! `citynet evolve`: metrics year by year and a small-multiples figure.

use super::InputArgs;
use crate::error::{Error, Result};
use crate::model::Dataset;
use crate::pipeline::{self, Ui};
use crate::render::{self, FigureFormat};
use crate::report::evolution;
use crate::report::export::{layout, ExportEdge, ExportGraph, ExportNode};
use crate::report::{csv_out, Staging};
use clap::Args;
use std::path::PathBuf;

/// `citynet evolve`.
///
/// Writes into DIR: `evolution.csv` (long format: one row per year and city: `year`, the city
/// columns, the metric columns), `years.csv` (per year: memberships, ties, active cities,
/// edges and density of G) and, with Graphviz, `evolution.svg/.png/.pdf/.dot`: one panel per
/// year at fixed node positions. A membership or tie is active in year Y when
/// since ≤ Y ≤ until (an empty end is open); every city is kept in every year. Also
/// `evolution-lines.svg/.png`: the --by metric over the years for the --lines cities with the
/// highest value in the last year.
#[derive(Debug, Args)]
pub struct EvolveArgs {
    /// Network folder, membership CSV, edge-list CSV, GraphML or GEXF file with since/until years.
    pub input: PathBuf,
    /// First year [default: the earliest since/until year in the input].
    #[arg(long, value_name = "YEAR", allow_hyphen_values = true)]
    pub from: Option<i32>,
    /// Last year [default: the latest since/until year in the input].
    #[arg(long, value_name = "YEAR", allow_hyphen_values = true)]
    pub to: Option<i32>,
    /// Years between panels.
    #[arg(long, default_value_t = 1, value_name = "K")]
    pub step: i32,
    /// Result folder [default: output/NAME-evolution].
    #[arg(long, short, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Metric columns per year, comma-separated [default: programs (two-mode inputs), degree,
    /// strength].
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub metrics: Option<Vec<String>>,
    /// Metric of the line chart (one line per city over the years).
    #[arg(long, default_value = "degree", value_name = "METRIC")]
    pub by: String,
    /// Number of cities in the line chart: those with the highest --by value in the last year.
    #[arg(long, default_value_t = 8, value_name = "N")]
    pub lines: usize,
    /// Skip the figures (no Graphviz needed).
    #[arg(long)]
    pub no_figures: bool,
    /// Resolution of the PNG figure.
    #[arg(long, default_value_t = 150, value_name = "DPI")]
    pub dpi: u32,
    /// Replace the default result folder even when it holds the results of another input
    /// with the same name (by default such a run is refused).
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub input_args: InputArgs,
    #[command(flatten)]
    pub projection: super::graph_arg::ProjectionArgs,
}

/// At most this many panels (years) in one figure.
pub const MAX_PANELS: usize = 24;

/// Runs the command.
pub fn run(a: EvolveArgs, ui: Ui) -> Result<()> {
    if a.step < 1 {
        return Err(Error::Usage("--step must be at least 1".into()));
    }
    a.projection
        .check("evolve", &super::graph_arg::CITY_GRAPHS, ui)?;
    if !a.no_figures {
        render::graphviz::check_installed()?;
    }
    let opts = a.input_args.to_options().map_err(Error::Usage)?;
    let (ds, _) = pipeline::load_input(&a.input, &opts, ui)?;
    // The whole network bounds every year's projection.
    crate::model::limits::check_projection(&ds, opts.max_memory).map_err(Error::Usage)?;
    let (from, to, years) = year_range(&a, &ds)?;
    let names = metric_names(&a, &ds);
    let out = a
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("output").join(format!("{}-evolution", ds.name)));
    let claim = crate::report::output::Claim {
        source: Some(&a.input),
        replace_other_source: a.out.is_some() || a.force,
    };
    let staging = Staging::begin_for(&out, &ds.files, claim)?;
    let by_years = by_year(&ds, &years, &names, &a.by, &a.projection, ui)?;
    staging.write("evolution.csv", &by_years.long)?;
    let mut yc = csv::Writer::from_writer(vec![]);
    for c in &by_years.counts {
        yc.serialize(c).map_err(|e| Error::Internal(e.into()))?;
    }
    let yc = yc
        .into_inner()
        .map_err(|e| Error::Internal(anyhow::anyhow!("{e}")))?;
    staging.write("years.csv", &yc)?;
    let mut files = vec!["evolution.csv".to_string(), "years.csv".to_string()];
    if !a.no_figures {
        let pb = ui.step("laying out and rendering the figure");
        let title = format!("{}: {from}–{to}", ds.meta.title);
        for (rel, bytes) in small_multiples(&ds, &by_years.cuts, &title, a.dpi)? {
            staging.write(&rel, &bytes)?;
            files.push(rel);
        }
        if let Some(last) = by_years.by.last() {
            for (rel, bytes) in line_chart(&a, &ds, &years, &by_years.by, last, to)? {
                staging.write(&rel, &bytes)?;
                files.push(rel);
            }
        }
        pb.finish_and_clear();
    }
    let dir = staging.commit()?;
    ui.info(&format!(
        "wrote {}/ ({} years: {})",
        dir.display(),
        years.len(),
        files.join(", ")
    ));
    Ok(())
}

/// The first and last year (from the options, else the input's since/until span) and the
/// years of the panels.
fn year_range(a: &EvolveArgs, ds: &Dataset) -> Result<(i32, i32, Vec<i32>)> {
    let span = ds.year_span();
    let (from, to) = match (a.from, a.to, span) {
        (Some(f), Some(t), _) => (f, t),
        (f, t, Some((lo, hi))) => (f.unwrap_or(lo), t.unwrap_or(hi)),
        _ => return Err(Error::Usage(
            "the input has no since/until years; give --from and --to (or add since/until columns)"
                .into(),
        )),
    };
    let years = evolution::years(from, to, a.step);
    if years.is_empty() {
        return Err(Error::Usage(format!("--from {from} is after --to {to}")));
    }
    if years.len() > MAX_PANELS && !a.no_figures {
        return Err(Error::Usage(format!(
            "{} years from {from} to {to}: at most {MAX_PANELS} panels fit one figure; use a larger --step or --no-figures",
            years.len()
        )));
    }
    Ok((from, to, years))
}

/// The metric columns of every year: --metrics (default programs for two-mode inputs, degree,
/// strength), and the --by column.
fn metric_names(a: &EvolveArgs, ds: &Dataset) -> Vec<String> {
    let mut names = a.metrics.clone().unwrap_or_else(|| {
        let mut m = vec![];
        if ds.is_two_mode() {
            m.push("programs".to_string());
        }
        m.extend(["degree".to_string(), "strength".to_string()]);
        m
    });
    if !names.contains(&a.by) {
        names.push(a.by.clone());
    }
    names
}

/// What the years give: evolution.csv, the rows of years.csv, each year's network and the
/// --by column of every year (for the line chart).
struct ByYear {
    long: Vec<u8>,
    counts: Vec<evolution::YearCounts>,
    cuts: Vec<(i32, Dataset)>,
    by: Vec<Vec<f64>>,
}

/// The city table of every year, written long (one row per year and city).
fn by_year(
    ds: &Dataset,
    years: &[i32],
    names: &[String],
    by: &str,
    graph: &super::graph_arg::ProjectionArgs,
    ui: Ui,
) -> Result<ByYear> {
    let mut long = csv::Writer::from_writer(vec![]);
    let mut out = ByYear {
        long: vec![],
        counts: vec![],
        cuts: vec![],
        by: vec![],
    };
    for &y in years {
        let pb = ui.step(&format!("analysing {y}"));
        let cut = ds.as_of(y);
        let gr = graph.build_graphs(
            &cut,
            &crate::metrics::plan::ScaleOptions::default(),
            Ui { quiet: true },
        )?;
        let table = pipeline::city_table(&cut, &gr, names)?;
        out.counts.push(evolution::counts(y, &cut, &gr.g));
        if let Some(c) = table.metric(by) {
            out.by
                .push((0..table.len()).map(|i| c.get_f64(i)).collect());
        }
        if out.cuts.is_empty() {
            let mut h = vec!["year".to_string()];
            h.extend(table.headers());
            long.write_record(&h)
                .map_err(|e| Error::Internal(e.into()))?;
        }
        let n_text = table.text.len();
        for i in 0..table.len() {
            let mut r = vec![y.to_string()];
            r.extend(table.row(i).into_iter().enumerate().map(|(j, c)| {
                if j < n_text {
                    csv_out::neutralise(&c).into_owned()
                } else {
                    c
                }
            }));
            long.write_record(&r)
                .map_err(|e| Error::Internal(e.into()))?;
        }
        out.cuts.push((y, cut));
        pb.finish_and_clear();
    }
    out.long = long
        .into_inner()
        .map_err(|e| Error::Internal(anyhow::anyhow!("{e}")))?;
    Ok(out)
}

/// evolution.svg/.png/.pdf/.dot: one panel per year at the positions of one layout of the
/// whole network (every year's links together).
fn small_multiples(
    ds: &Dataset,
    cuts: &[(i32, Dataset)],
    title: &str,
    dpi: u32,
) -> Result<Vec<(String, Vec<u8>)>> {
    let n_nodes = ds.cities.len() + ds.programs.len();
    let g = ExportGraph {
        nodes: (0..n_nodes)
            .map(|i| ExportNode {
                id: format!("n{i}"),
                label: String::new(),
                values: vec![],
                viz: None,
            })
            .collect(),
        edges: evolution::drawn_edges(ds)
            .into_iter()
            .map(|(s, t)| ExportEdge {
                source: s,
                target: t,
                weight: 1.0,
                values: vec![],
            })
            .collect(),
        ..Default::default()
    };
    let positions = layout::graphviz(&g).map_err(Error::Graphviz)?;
    let panels: Vec<(i32, &Dataset)> = cuts.iter().map(|(y, d)| (*y, d)).collect();
    let columns = match panels.len() {
        0..=3 => panels.len(),
        4 => 2,
        5..=9 => 3,
        _ => 4,
    };
    let dot = evolution::small_multiples(title, &panels, &positions, columns);
    let mut out = vec![];
    for fmt in [
        FigureFormat::Svg,
        FigureFormat::Png,
        FigureFormat::Pdf,
        FigureFormat::Dot,
    ] {
        let bytes = render::render(&dot, "neato", fmt, dpi)?;
        out.push((format!("evolution.{}", fmt.ext()), bytes));
    }
    Ok(out)
}

/// evolution-lines.svg/.png: the --by metric over the years for the --lines cities with the
/// highest value in the last year (`last`).
fn line_chart(
    a: &EvolveArgs,
    ds: &Dataset,
    years: &[i32],
    by_year: &[Vec<f64>],
    last: &[f64],
    to: i32,
) -> Result<Vec<(String, Vec<u8>)>> {
    let mut order: Vec<usize> = (0..last.len()).filter(|&i| last[i].is_finite()).collect();
    order.sort_by(|&x, &y| {
        last[y]
            .partial_cmp(&last[x])
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| ds.cities[x].name.cmp(&ds.cities[y].name))
    });
    order.truncate(a.lines);
    let series: Vec<(String, Vec<f64>)> = order
        .iter()
        .map(|&c| (ds.city_label(c), by_year.iter().map(|v| v[c]).collect()))
        .collect();
    let title = format!("{} by year: top {} cities in {to}", a.by, series.len());
    let mut out = vec![];
    for (fmt, ext) in [
        (evolution::LineFormat::Svg, "svg"),
        (evolution::LineFormat::Png, "png"),
    ] {
        let bytes = evolution::line_chart(years, &series, &a.by, &title, fmt)?;
        out.push((format!("evolution-lines.{ext}"), bytes));
    }
    Ok(out)
}
