//! The R package's native side: a loaded network held by R (`Net`), and the entry points the
//! R functions call. Options arrive as the command line's own flags (`--city-col`, `--alpha`...)
//! and are parsed by the command line's own option types, so R accepts and checks exactly what
//! the `citynet` program accepts and checks. Errors become R errors; warnings are handed back
//! as text for R's `warning()`.

mod convert;

use citynet::cli::backbone::ProjectionArgs;
use citynet::cli::scale::ScaleArgs;
use citynet::cli::InputArgs;
use citynet::model::{Dataset, LoadOptions};
use citynet::pipeline::{self, Ui};
use citynet::report::export::{self, BuildOptions, GraphChoice};
use clap::Parser;
use savvy::{savvy, OwnedListSexp, OwnedStringSexp, Sexp, StringSexp};
use std::path::PathBuf;

const QUIET: Ui = Ui { quiet: true };

/// A loaded network: the dataset, and what it was read from (path, input flags, year) so that
/// the commands that read their input themselves get the same one.
/// @noRd
#[savvy]
pub struct Net {
    path: PathBuf,
    input_flags: Vec<String>,
    as_of: Option<i32>,
    opts: LoadOptions,
    ds: Dataset,
    warnings: Vec<String>,
}

/// The input flags of `citynet`, as `cn_read()` passes them.
#[derive(Parser)]
#[command(name = "cn_read", no_binary_name = true)]
struct ReadFlags {
    #[command(flatten)]
    input: InputArgs,
    #[arg(long, allow_hyphen_values = true)]
    as_of: Option<i32>,
}

/// The flags of `citynet metrics` that choose what is computed.
#[derive(Parser)]
#[command(name = "cn_metrics", no_binary_name = true)]
struct MetricsFlags {
    #[arg(long, value_delimiter = ',')]
    metrics: Option<Vec<String>>,
    #[command(flatten)]
    scale: ScaleArgs,
    #[command(flatten)]
    projection: ProjectionArgs,
}

/// The flags of `citynet export` that choose the graph and its node values.
#[derive(Parser)]
#[command(name = "as_igraph", no_binary_name = true)]
struct ExportFlags {
    #[arg(long, value_enum)]
    graph: Option<GraphChoice>,
    #[arg(long, value_delimiter = ',')]
    metrics: Option<Vec<String>>,
    #[command(flatten)]
    projection: ProjectionArgs,
}

fn strings(x: &StringSexp) -> Vec<String> {
    x.iter().map(str::to_string).collect()
}

fn text(v: &[String]) -> savvy::Result<Sexp> {
    Ok(OwnedStringSexp::try_from_slice(v)?.into())
}

/// An error as R shows it: a bad input lists every problem (file, line, column, value).
fn fail(e: citynet::Error) -> savvy::Error {
    let msg = match &e {
        citynet::Error::BadInput { diagnostics, .. } => {
            let lines: Vec<String> = diagnostics.errors().map(|d| d.to_string()).collect();
            format!("{}\n{e}", lines.join("\n"))
        }
        _ => e.to_string(),
    };
    savvy::Error::new(msg.trim())
}

fn usage(e: impl std::fmt::Display) -> savvy::Error {
    savvy::Error::new(e.to_string().trim())
}

/// Reads an input (network folder, membership table, edge list, workbook, GraphML, GEXF) with
/// the input flags of `citynet`.
/// @noRd
#[savvy]
fn cn_rs_read(path: &str, flags: StringSexp) -> savvy::Result<Net> {
    let input_flags = strings(&flags);
    let f = ReadFlags::try_parse_from(&input_flags).map_err(usage)?;
    let opts = f.input.to_options().map_err(usage)?;
    let path = PathBuf::from(path);
    let loaded = citynet::model::load(&path, &opts);
    let Some(ds) = loaded.dataset else {
        let count = loaded.diagnostics.errors().count().max(1);
        return Err(fail(citynet::Error::BadInput {
            count,
            diagnostics: loaded.diagnostics,
        }));
    };
    let warnings: Vec<String> = loaded
        .diagnostics
        .warnings()
        .map(|w| w.to_string())
        .collect();
    // Writes the rows left out to `rejected = FILE` when asked (nothing is printed).
    pipeline::note_rejected(&ds, &opts, QUIET, None).map_err(fail)?;
    let ds = match f.as_of {
        Some(y) => ds.as_of(y),
        None => ds,
    };
    let input_flags = input_flags
        .into_iter()
        .take_while(|a| a != "--as-of")
        .collect();
    Ok(Net {
        path,
        input_flags,
        as_of: f.as_of,
        opts,
        ds,
        warnings,
    })
}

/// What a network was read from and holds: list(path, flags, kind, counts..., warnings).
/// @noRd
#[savvy]
fn cn_rs_describe(net: &Net) -> savvy::Result<Sexp> {
    let ds = &net.ds;
    let mut flags = net.input_flags.clone();
    if let Some(y) = net.as_of {
        flags.extend(["--as-of".to_string(), y.to_string()]);
    }
    let rejected = ds.intake.as_ref().map_or(0, |i| i.rejected.len());
    let fields: Vec<(&str, Sexp)> = vec![
        ("path", text(&[net.path.display().to_string()])?),
        ("flags", text(&flags)?),
        ("name", text(std::slice::from_ref(&ds.name))?),
        ("kind", text(&[ds.kind.describe().to_string()])?),
        ("description", text(&[pipeline::describe_counts(ds)])?),
        (
            "counts",
            savvy::OwnedIntegerSexp::try_from_slice([
                ds.cities.len() as i32,
                ds.programs.len() as i32,
                ds.memberships.len() as i32,
                ds.ties.len() as i32,
                rejected as i32,
            ])?
            .into(),
        ),
        ("warnings", text(&net.warnings)?),
    ];
    let mut out = OwnedListSexp::new(fields.len(), true)?;
    for (i, (k, v)) in fields.into_iter().enumerate() {
        out.set_name_and_value(i, k, v)?;
    }
    Ok(out.into())
}

/// The city table of `citynet metrics` (same columns, same values) and its warnings.
/// @noRd
#[savvy]
fn cn_rs_metrics(net: &Net, flags: StringSexp) -> savvy::Result<Sexp> {
    let m = MetricsFlags::try_parse_from(strings(&flags)).map_err(usage)?;
    let mut scale = m.scale.to_options().map_err(usage)?;
    scale.max_memory = net.opts.max_memory;
    let gr = m
        .projection
        .build_graphs(&net.ds, &scale, QUIET)
        .map_err(fail)?;
    let names = m
        .metrics
        .unwrap_or_else(|| pipeline::default_metrics(&net.ds));
    let computed = pipeline::compute(&net.ds, &gr, &names, false).map_err(fail)?;
    let mut out = OwnedListSexp::new(2, true)?;
    out.set_name_and_value(0, "table", convert::node_table(&computed.table).to_r()?)?;
    out.set_name_and_value(1, "warnings", text(&computed.warnings)?)?;
    Ok(out.into())
}

/// The graph of `citynet export` (nodes with every attribute and metric, edges with theirs).
/// @noRd
#[savvy]
fn cn_rs_export(net: &Net, flags: StringSexp) -> savvy::Result<Sexp> {
    let f = ExportFlags::try_parse_from(strings(&flags)).map_err(usage)?;
    let ds = &net.ds;
    citynet::model::limits::check_projection(ds, net.opts.max_memory).map_err(usage)?;
    let gr = match f.projection.validated().map_err(fail)? {
        Some(_) => f
            .projection
            .build_graphs(ds, &Default::default(), QUIET)
            .map_err(fail)?,
        None => pipeline::build_graphs(ds),
    };
    let names = match f.metrics {
        Some(m) => m.into_iter().filter(|s| !s.is_empty()).collect(),
        None => pipeline::default_metrics(ds),
    };
    let cities = pipeline::city_table(ds, &gr, &names).map_err(fail)?;
    let programs = gr.two_mode.as_ref().map(|t| pipeline::program_table(ds, t));
    let choice = f.graph.unwrap_or_else(|| GraphChoice::default_for(ds));
    let mut graph_attrs = vec![];
    if let Some(y) = net.as_of {
        graph_attrs.push(("as_of".to_string(), y.to_string()));
    }
    let g = export::build(
        ds,
        &gr,
        &cities,
        programs.as_ref(),
        &BuildOptions {
            graph: choice,
            graph_attrs,
        },
    )
    .map_err(usage)?;
    let (nodes, edges) = convert::export_tables(&g);
    let mut out = OwnedListSexp::new(3, true)?;
    out.set_name_and_value(0, "nodes", nodes.to_r()?)?;
    out.set_name_and_value(1, "edges", edges.to_r()?)?;
    out.set_name_and_value(2, "graph", text(&[choice.name().to_string()])?)?;
    Ok(out.into())
}

/// Runs a `citynet` command in this process (`args` without the program name), as the program
/// would; its output goes where its flags say.
/// @noRd
#[savvy]
fn cn_rs_run(args: StringSexp) -> savvy::Result<()> {
    let argv = std::iter::once("citynet".to_string()).chain(strings(&args));
    let cli = citynet::cli::Cli::try_parse_from(argv).map_err(usage)?;
    citynet::cli::run::run(cli).map_err(fail)
}

/// A CSV table citynet wrote, with typed columns (see `convert::csv_table`).
/// @noRd
#[savvy]
fn cn_rs_read_csv(path: &str) -> savvy::Result<Sexp> {
    let bytes = std::fs::read(path).map_err(|e| usage(format!("{path}: {e}")))?;
    convert::csv_table(&bytes)
        .map_err(|e| usage(format!("{path}: {e}")))?
        .to_r()
}

/// The version of the citynet library this package is built on.
/// @noRd
#[savvy]
fn cn_rs_version() -> savvy::Result<Sexp> {
    text(&[env!("CARGO_PKG_VERSION").to_string()])
}

/// A JSON file citynet wrote (summary.json, robustness.json) as R lists and vectors.
/// @noRd
#[savvy]
fn cn_rs_read_json(path: &str) -> savvy::Result<Sexp> {
    let bytes = std::fs::read(path).map_err(|e| usage(format!("{path}: {e}")))?;
    let v: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| usage(format!("{path}: {e}")))?;
    convert::json(&v)
}
