//! `citynet export`: the graph with every metric and attribute, for Gephi, NetworkX, Pajek.

use super::InputArgs;
use crate::error::{Error, Result};
use crate::graph::Layer;
use crate::metrics::NodeTable;
use crate::model::Dataset;
use crate::pipeline::{self, Graphs, Ui};
use crate::report::export::{self, layout::Layout, BuildOptions, Format};
use crate::report::output;
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};

/// `citynet export`.
///
/// Node ids are `c0, c1, …` (cities) and `p0, p1, …` (programs); the name is the `label`. In
/// the two-mode graph `bipartite` is 0 for cities and 1 for programs (NetworkX's convention)
/// and `mode` is "city" or "program". Metric values are those of `citynet metrics`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Network folder, membership CSV, edge-list CSV, GraphML or GEXF file.
    pub input: PathBuf,
    /// File format [default: from the extension of -o: .graphml, .gexf, .json, .net].
    #[arg(long, value_enum)]
    pub to: Option<Format>,
    /// Output file [default: standard output, which then needs --to].
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Metric columns to put on the nodes, comma-separated [default: all the defaults].
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub metrics: Option<Vec<String>>,
    /// Analyse the network as it stood in YEAR (memberships and ties active that year).
    #[arg(long, value_name = "YEAR", allow_hyphen_values = true)]
    pub as_of: Option<i32>,
    /// Node positions [default: graphviz for GEXF (circle when Graphviz is missing), none for
    /// the other formats].
    #[arg(long, value_enum)]
    pub layout: Option<Layout>,
    /// Metric that sizes the nodes [default: strength, else degree].
    #[arg(long, value_name = "METRIC")]
    pub size_by: Option<String>,
    /// Node attribute whose categories colour the cities of one-mode graphs [default:
    /// community when computed, else region].
    #[arg(long, value_name = "ATTR")]
    pub color_by: Option<String>,
    #[command(flatten)]
    pub projection: super::graph_arg::ProjectionArgs,
    #[command(flatten)]
    pub input_args: InputArgs,
}

/// A loaded input, cut to a year when asked, with its graphs and node tables.
pub struct Prepared {
    pub ds: Dataset,
    pub gr: Graphs,
    pub cities: NodeTable,
    pub programs: Option<NodeTable>,
    pub metrics: Vec<String>,
    /// How each city column was computed (exact, or sampled and with what bound).
    pub methods: Vec<crate::metrics::plan::ColumnMethod>,
}

/// Loads `input`, applies `--as-of`, builds the graphs and computes the metric columns.
pub fn prepare(
    input: &Path,
    args: &InputArgs,
    as_of: Option<i32>,
    metrics: Option<Vec<String>>,
    projection: Option<&super::graph_arg::ProjectionArgs>,
    ui: Ui,
) -> Result<Prepared> {
    let scale = crate::metrics::plan::ScaleOptions::default();
    prepare_scaled(input, args, as_of, metrics, projection, scale, ui)
}

/// [`prepare`] with the exact-or-sampled choices of `scale` (`--exact`, `--time-budget`...).
pub fn prepare_scaled(
    input: &Path,
    args: &InputArgs,
    as_of: Option<i32>,
    metrics: Option<Vec<String>>,
    projection: Option<&super::graph_arg::ProjectionArgs>,
    mut scale: crate::metrics::plan::ScaleOptions,
    ui: Ui,
) -> Result<Prepared> {
    let opts = args.to_options().map_err(Error::Usage)?;
    scale.max_memory = scale.max_memory.or(opts.max_memory);
    let (ds, _) = pipeline::load_input(input, &opts, ui)?;
    let ds = match as_of {
        Some(y) => {
            let cut = ds.as_of(y);
            ui.info(&format!(
                "as of {y}: {} of {} memberships and {} of {} ties active",
                cut.memberships.len(),
                ds.memberships.len(),
                cut.ties.len(),
                ds.ties.len()
            ));
            cut
        }
        None => ds,
    };
    crate::model::limits::check_projection(&ds, opts.max_memory).map_err(Error::Usage)?;
    let gr = match projection {
        Some(p) if p.is_validated() => p.build_graphs(&ds, &scale, Ui { quiet: true })?,
        Some(p) => pipeline::build_graphs_with(
            &ds,
            &crate::metrics::plan::ScaleOptions {
                weighting: p.weighting.into(),
                convention: p.convention.into(),
                ..scale
            },
            Ui { quiet: true },
        )?,
        None => pipeline::build_graphs_with(&ds, &scale, Ui { quiet: true })?,
    };
    let metrics = metrics.unwrap_or_else(|| pipeline::default_metrics(&ds));
    let computed = pipeline::compute(&ds, &gr, &metrics, false)?;
    let (cities, methods) = (computed.table, computed.methods);
    let programs = gr
        .two_mode
        .as_ref()
        .map(|t| pipeline::program_table(&ds, t, &metrics, gr.scale.convention))
        .transpose()?;
    Ok(Prepared {
        ds,
        gr,
        cities,
        programs,
        metrics,
        methods,
    })
}

/// Writes `bytes` to `-o FILE` atomically (never over an input), or to standard output.
pub fn emit(output: Option<&Path>, bytes: &[u8], inputs: &[PathBuf], ui: Ui) -> Result<()> {
    match output {
        Some(p) if p != Path::new("-") => {
            output::write_file_atomic(p, bytes, inputs)?;
            ui.info(&format!("wrote {}", p.display()));
        }
        _ => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)
                .and_then(|_| out.flush())
                .map_err(|e| Error::io("<stdout>", e))?;
        }
    }
    Ok(())
}

/// Runs the command.
pub fn run(a: ExportArgs, ui: Ui) -> Result<()> {
    let format = match (a.to, a.output.as_deref().and_then(Format::from_path)) {
        (Some(f), _) | (None, Some(f)) => f,
        (None, None) => {
            return Err(Error::Usage(match &a.output {
                Some(p) => format!(
                    "-o {}: cannot tell the format from the extension; give --to graphml|gexf|json|pajek",
                    p.display()
                ),
                None => "give --to graphml|gexf|json|pajek (or -o FILE with one of those extensions)"
                    .into(),
            }))
        }
    };
    a.projection.check("export", &Layer::ALL, ui)?;
    let p = prepare(
        &a.input,
        &a.input_args,
        a.as_of,
        a.metrics,
        Some(&a.projection),
        ui,
    )?;
    let choice = a.projection.export_layer(export::default_layer(&p.ds));
    let mut graph_attrs = vec![];
    if let Some(y) = a.as_of {
        graph_attrs.push(("as_of".to_string(), y.to_string()));
    }
    let mut g = export::build(
        &p.ds,
        &p.gr,
        &p.cities,
        p.programs.as_ref(),
        &BuildOptions {
            graph: choice,
            graph_attrs,
        },
    )
    .map_err(Error::Usage)?;
    let layout = a.layout.unwrap_or(if format == Format::Gexf {
        Layout::Graphviz
    } else {
        Layout::None
    });
    let positions = match layout {
        Layout::None => None,
        Layout::Circle => Some(export::layout::circle(g.nodes.len())),
        Layout::Geo => Some(export::layout::geo(&g)),
        Layout::Graphviz => match export::layout::graphviz(&g) {
            Ok(p) => Some(p),
            Err(e) => {
                ui.info(&format!(
                    "warning: {e}; placing the nodes on a circle instead"
                ));
                Some(export::layout::circle(g.nodes.len()))
            }
        },
    };
    if let Some(pos) = positions {
        export::layout::add_viz(&mut g, &pos, a.size_by.as_deref(), a.color_by.as_deref())
            .map_err(Error::Usage)?;
    }
    let bytes = export::write(&g, format);
    ui.info(&format!(
        "{} graph: {} nodes, {} edges, {} node attributes",
        choice.name(),
        g.nodes.len(),
        g.edges.len(),
        g.node_attrs.len()
    ));
    emit(a.output.as_deref(), &bytes, &p.ds.files, ui)
}
