//! The R package's native side: a [`citynet::Network`] held by R (`Net`), and the entry points
//! the R functions call. Options arrive as the command line's own flags (`--city-col`,
//! `--alpha`...) and are parsed by the command line's own option types, so R accepts and checks
//! exactly what the `citynet` program accepts and checks; the work is done by the library's
//! [`citynet::Network`], which calls the functions the commands call. Errors become R errors;
//! warnings are handed back as text for R's `warning()`.

mod convert;

use citynet::cli::graph_arg::{accept, ProjectionArgs, CITY_GRAPHS};
use citynet::cli::scale::ScaleArgs;
use citynet::cli::{AnalyzeArgs, InputArgs, RenderArgs};
use citynet::metrics::backbone::BackboneOptions;
use citynet::pipeline::{self, FigureJob};
use citynet::render::FigureFormat;
use citynet::{Layer, LoadOptions, MetricsOptions, Network, RobustnessRun};
use clap::Parser;
use savvy::{savvy, OwnedListSexp, OwnedStringSexp, Sexp, StringSexp};
use std::path::{Path, PathBuf};

/// A network as read, and as cut to a year when `as_of` was given; the flags it was read with
/// (R hands them to the command line in the tests).
/// @noRd
#[savvy]
pub struct Net {
    read: Network,
    cut: Option<Network>,
    as_of: Option<i32>,
    path: PathBuf,
    input_flags: Vec<String>,
    opts: LoadOptions,
}

impl Net {
    /// The network the analyses run on.
    fn net(&self) -> &Network {
        self.cut.as_ref().unwrap_or(&self.read)
    }
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

/// The flags of `citynet metrics` that choose what is computed (and of `export`, `render`).
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

impl MetricsFlags {
    fn options(&self) -> savvy::Result<MetricsOptions> {
        Ok(MetricsOptions {
            metrics: self
                .metrics
                .as_ref()
                .map(|m| m.iter().filter(|s| !s.is_empty()).cloned().collect()),
            validated: self.projection.validated().map_err(fail)?,
            eligible: self.projection.validation.eligible.clone(),
            scale: self.scale.to_options().map_err(usage)?,
        })
    }
}

/// The flags of `citynet backbone`.
#[derive(Parser)]
#[command(name = "cn_backbone", no_binary_name = true)]
struct BackboneFlags {
    #[arg(long)]
    all_pairs: bool,
    #[arg(long)]
    min_weight: Option<f64>,
    #[command(flatten)]
    validation: citynet::cli::backbone::ValidationArgs,
}

/// The flags of `citynet robustness`.
#[derive(Parser)]
#[command(name = "cn_robustness", no_binary_name = true)]
struct RobustnessFlags {
    #[arg(long, default_value = "strength")]
    metric: String,
    #[arg(long, value_enum)]
    graph: Option<Layer>,
    #[arg(long, default_value_t = 1000)]
    replicates: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    #[arg(long)]
    pair: Vec<String>,
}

/// The flags of `citynet connectivity` and `citynet brokerage`.
#[derive(Parser)]
#[command(name = "cn_connectivity", no_binary_name = true)]
struct GroupFlags {
    #[arg(long, default_value = "country")]
    group: String,
    #[arg(long)]
    hinterworld: Vec<String>,
    #[arg(long, default_value_t = 50)]
    dyads: usize,
    #[arg(long)]
    graph: Option<String>,
}

/// The flags of `citynet render`.
#[derive(Parser)]
#[command(name = "cn_figure", no_binary_name = true)]
struct RenderFlags {
    #[command(flatten)]
    render: RenderArgs,
}

/// The flags of `citynet analyze`.
#[derive(Parser)]
#[command(name = "cn_analyze", no_binary_name = true)]
struct AnalyzeFlags {
    #[command(flatten)]
    analyze: AnalyzeArgs,
}

fn strings(x: &StringSexp) -> Vec<String> {
    x.iter().map(str::to_string).collect()
}

fn text(v: &[String]) -> savvy::Result<Sexp> {
    Ok(OwnedStringSexp::try_from_slice(v)?.into())
}

fn named(fields: Vec<(&str, Sexp)>) -> savvy::Result<Sexp> {
    let mut out = OwnedListSexp::new(fields.len(), true)?;
    for (i, (k, v)) in fields.into_iter().enumerate() {
        out.set_name_and_value(i, k, v)?;
    }
    Ok(out.into())
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

fn parse<P: Parser>(flags: &StringSexp) -> savvy::Result<P> {
    P::try_parse_from(strings(flags)).map_err(usage)
}

fn layer(name: Option<&str>) -> savvy::Result<Option<Layer>> {
    name.map(|n| Layer::parse(n).map_err(usage)).transpose()
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
    let read = Network::read(&path, &opts).map_err(fail)?;
    let cut = f.as_of.map(|y| read.as_of(y));
    Ok(Net {
        read,
        cut,
        as_of: f.as_of,
        path,
        input_flags,
        opts,
    })
}

/// What a network was read from and holds: path, flags, name, kind, counts, warnings.
/// @noRd
#[savvy]
fn cn_rs_describe(net: &Net) -> savvy::Result<Sexp> {
    let ds = net.net().dataset();
    let rejected = net
        .read
        .dataset()
        .intake
        .as_ref()
        .map_or(0, |i| i.rejected.len());
    let warnings: Vec<String> = net.read.warnings().iter().map(|w| w.to_string()).collect();
    named(vec![
        ("path", text(&[net.path.display().to_string()])?),
        ("flags", text(&net.input_flags)?),
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
        ("warnings", text(&warnings)?),
    ])
}

/// The city table of `citynet metrics` (same columns, same values) and its warnings.
/// @noRd
#[savvy]
fn cn_rs_metrics(net: &Net, flags: StringSexp) -> savvy::Result<Sexp> {
    let f: MetricsFlags = parse(&flags)?;
    let mut options = f.options()?;
    options.scale.max_memory = net.opts.max_memory;
    let computed = net.net().metrics(&options).map_err(fail)?;
    named(vec![
        ("table", convert::node_table(&computed.table).to_r()?),
        ("warnings", text(&computed.warnings)?),
    ])
}

/// The graph of `citynet export --graph` (nodes with every attribute and metric, edges with
/// theirs).
/// @noRd
#[savvy]
fn cn_rs_export(net: &Net, flags: StringSexp) -> savvy::Result<Sexp> {
    let f: MetricsFlags = parse(&flags)?;
    let options = f.options()?;
    let layer = f.projection.export_layer(Layer::Projection);
    let g = net.net().export_graph(layer, &options).map_err(fail)?;
    let (nodes, edges) = convert::export_tables(&g);
    named(vec![
        ("nodes", nodes.to_r()?),
        ("edges", edges.to_r()?),
        ("graph", text(&[layer.name().to_string()])?),
    ])
}

/// The pairs of `citynet backbone`.
/// @noRd
#[savvy]
fn cn_rs_backbone(net: &Net, flags: StringSexp) -> savvy::Result<Sexp> {
    let f: BackboneFlags = parse(&flags)?;
    let options: BackboneOptions = f.validation.to_options(f.min_weight).map_err(fail)?;
    let rows = net
        .net()
        .backbone(&options, f.validation.eligible.as_deref(), f.all_pairs)
        .map_err(fail)?;
    convert::rows(&rows).to_r()
}

/// The table and summary of `citynet robustness`.
/// @noRd
#[savvy]
fn cn_rs_robustness(net: &Net, flags: StringSexp) -> savvy::Result<Sexp> {
    let f: RobustnessFlags = parse(&flags)?;
    accept("robustness", f.graph, &CITY_GRAPHS).map_err(fail)?;
    let pair = match f.pair.as_slice() {
        [] => None,
        [a, b] => Some((a.clone(), b.clone())),
        _ => return Err(usage("--pair: expected two cities")),
    };
    let run = RobustnessRun {
        metric: f.metric,
        validated: f.graph == Some(Layer::Validated),
        replicates: f.replicates,
        seed: f.seed,
        pair,
    };
    let r = net.net().robustness(&run).map_err(fail)?;
    named(vec![
        ("table", convert::rows(&r.table).to_r()?),
        ("summary", convert::json(&r.summary)?),
    ])
}

/// The tables of `citynet connectivity`, by file name without `.csv`.
/// @noRd
#[savvy]
fn cn_rs_connectivity(net: &Net, flags: StringSexp) -> savvy::Result<Sexp> {
    let f: GroupFlags = parse(&flags)?;
    let hinterworld: Vec<&str> = f.hinterworld.iter().map(String::as_str).collect();
    let graph = layer(f.graph.as_deref())?;
    accept("connectivity", graph, &CITY_GRAPHS).map_err(fail)?;
    let validated = graph == Some(Layer::Validated);
    let tables = net
        .net()
        .connectivity(&f.group, &hinterworld, f.dyads, validated)
        .map_err(fail)?;
    let mut fields = vec![];
    for (name, rows) in &tables {
        fields.push((name.trim_end_matches(".csv"), convert::rows(rows).to_r()?));
    }
    named(fields)
}

/// The table of `citynet brokerage`.
/// @noRd
#[savvy]
fn cn_rs_brokerage(net: &Net, flags: StringSexp) -> savvy::Result<Sexp> {
    let f: GroupFlags = parse(&flags)?;
    let graph = layer(f.graph.as_deref())?;
    let rows = net.net().brokerage(&f.group, graph).map_err(fail)?;
    convert::rows(&rows).to_r()
}

/// Draws the figure of `citynet render` into `path` (its extension gives the format).
/// @noRd
#[savvy]
fn cn_rs_figure(net: &Net, path: &str, flags: StringSexp) -> savvy::Result<()> {
    let a = parse::<RenderFlags>(&flags)?.render;
    if a.dpi == 0 || a.dpi > 2400 {
        return Err(usage("--dpi must be between 1 and 2400"));
    }
    let out = Path::new(path);
    let format = FigureFormat::from_path(out).ok_or_else(|| {
        usage(format!(
            "{path}: expected a file ending in .svg, .png, .pdf or .dot"
        ))
    })?;
    if a.view.is_chart() && !matches!(format, FigureFormat::Svg | FigureFormat::Png) {
        return Err(usage(format!("{path}: charts are written as .svg or .png")));
    }
    let validation = &a.projection.validation;
    let job = FigureJob {
        options: a.to_options(),
        all_edges: a.all_edges,
        backbone: validation.to_options(None).map_err(|e| e.to_string()),
        eligible: validation.eligible.clone(),
        format,
        dpi: a.dpi,
    };
    let options = MetricsOptions {
        validated: a.projection.validated().map_err(fail)?,
        eligible: validation.eligible.clone(),
        ..Default::default()
    };
    // Cities without coordinates are placed from the gazetteer, as `citynet render` places
    // them (unless --no-geocode).
    let bytes = net
        .net()
        .figure(&job, &options, !a.no_geocode)
        .map_err(fail)?;
    let files = &net.net().dataset().files;
    citynet::report::output::write_file_atomic(out, &bytes, files).map_err(fail)
}

/// Runs `citynet analyze` into `out`; the folder and the files written.
/// @noRd
#[savvy]
fn cn_rs_analyze(net: &Net, out: &str, flags: StringSexp) -> savvy::Result<Sexp> {
    let a = parse::<AnalyzeFlags>(&flags)?.analyze;
    // The command's own translation of its flags; input and load options are the network's.
    let mut cfg = a.to_config(net.path.clone()).map_err(fail)?;
    cfg.out = Some(PathBuf::from(out));
    cfg.as_of = net.as_of;
    cfg.scale.max_memory = net.opts.max_memory;
    let outcome = net.read.analyze(cfg).map_err(fail)?;
    named(vec![
        ("dir", text(&[outcome.dir.display().to_string()])?),
        ("files", text(&outcome.files)?),
    ])
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

/// A JSON file citynet wrote (summary.json, robustness.json) as R lists and vectors.
/// @noRd
#[savvy]
fn cn_rs_read_json(path: &str) -> savvy::Result<Sexp> {
    let bytes = std::fs::read(path).map_err(|e| usage(format!("{path}: {e}")))?;
    let v: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| usage(format!("{path}: {e}")))?;
    convert::json(&v)
}
