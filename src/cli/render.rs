//! `citynet render`: one publication figure.

use super::InputArgs;
use crate::error::{Error, Result};
use crate::graph::Layer;
use crate::pipeline::{self, Ui};
use crate::render::options::{slug, Extent, FigureOptions, View};
use crate::render::{graphviz, FigureFormat};
use clap::Args;
use std::path::PathBuf;

/// `citynet render`.
///
/// Draws one figure of an input: the city network, the city–program (bipartite) graph, a world
/// map, a city's ego network, a rank chart or the degree distribution. Figures are sized for a
/// journal's single column (85 mm; maps 174 mm) with text of 6–8.5 pt, a legend for size and
/// colour, and a caption line saying what was filtered out.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Network folder, membership CSV or edge-list CSV [default: networks/city-diplomacy].
    pub input: Option<PathBuf>,
    /// What to draw.
    #[arg(long, value_enum, default_value = "network")]
    pub view: View,
    /// Output file: .svg, .png, .pdf or .dot (charts: .svg or .png) [default: VIEW.svg in the
    /// current folder; ego views: ego-CITY.svg].
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Centre of the ego view: a city name, or "Name, Country" when the name is ambiguous.
    #[arg(long, value_name = "NAME")]
    pub city: Option<String>,
    /// Depth of the ego view: steps through a shared program or a direct tie.
    #[arg(long, default_value_t = 1, value_name = "K")]
    pub depth: usize,
    /// Metric for node area, labels and --top (any metric `citynet metrics` knows)
    /// [default: programs for bipartite, strength otherwise].
    #[arg(long, value_name = "METRIC")]
    pub size: Option<String>,
    /// Colour cities by community, region, country, program, theme, none, or any city or
    /// program attribute [default: none].
    #[arg(long, value_name = "CATEGORY")]
    pub color: Option<String>,
    /// Label the K largest nodes by the size metric [default: all up to 50 nodes, else 20;
    /// maps 15; rank chart: the number of bars, 20].
    #[arg(long, value_name = "K")]
    pub labels: Option<usize>,
    /// Draw only the K cities with the largest size metric.
    #[arg(long, value_name = "K")]
    pub top: Option<usize>,
    /// Drop edges (memberships in the bipartite view) lighter than W.
    #[arg(long, value_name = "W")]
    pub min_weight: Option<f64>,
    /// Draw every edge of the network view. Without it (and without --top, --min-weight,
    /// --backbone or --graph validated) a dense graph (over 50 cities, over 4 edges per city) is drawn as
    /// in `analyze`: through the validated projection (--model, --alpha, --correction), or when
    /// that keeps no pair, the disparity backbone at 0.05 or the smallest minimum weight
    /// leaving at most 8 edges per city; the caption says which.
    #[arg(long)]
    pub all_edges: bool,
    /// Deprecated spelling of --graph (auto: projection); removed in the next release.
    #[arg(long, hide = true, value_parser = ["auto", "validated"])]
    pub edges: Option<String>,
    /// Keep only the disparity-filter backbone at significance ALPHA (e.g. 0.05).
    #[arg(long, value_name = "ALPHA")]
    pub backbone: Option<f64>,
    /// Figure title [default: the network's title].
    #[arg(long)]
    pub title: Option<String>,
    /// PNG resolution.
    #[arg(long, default_value_t = 300, value_name = "DPI")]
    pub dpi: u32,
    /// Layout engine: neato, sfdp, fdp, circo, twopi or dot [default: neato up to 300 nodes,
    /// sfdp above].
    #[arg(long, value_name = "ENGINE")]
    pub layout: Option<String>,
    /// Width of the drawing in millimetres [default: 85; maps 174].
    #[arg(long, value_name = "MM")]
    pub width_mm: Option<f64>,
    /// Draw the network as it stood in YEAR: only memberships and ties active that year
    /// (since ≤ YEAR ≤ until, an empty end open); every city is kept.
    #[arg(long, value_name = "YEAR", allow_hyphen_values = true)]
    pub as_of: Option<i32>,
    /// Map extent: auto (the box of 98% of the located cities, with a world inset for the
    /// others; the whole world when they span most of it), world, or LON0,LAT0,LON1,LAT1.
    #[arg(
        long,
        default_value = "auto",
        value_name = "EXTENT",
        allow_hyphen_values = true
    )]
    pub extent: Extent,
    /// Do not place cities without coordinates from the shipped GeoNames gazetteer (as
    /// `analyze --no-geocode`).
    #[arg(long)]
    pub no_geocode: bool,
    #[command(flatten)]
    pub projection: super::graph_arg::ProjectionArgs,
    #[command(flatten)]
    pub input_args: InputArgs,
}

impl RenderArgs {
    /// Which city edges are drawn: the validated projection with `--graph validated` (or the
    /// deprecated `--edges validated`, `--projection validated`), else G.
    pub fn layer(&self) -> Layer {
        if self.projection.is_validated() || self.edges.as_deref() == Some("validated") {
            Layer::Validated
        } else {
            Layer::Projection
        }
    }

    /// The plain figure options.
    pub fn to_options(&self) -> FigureOptions {
        FigureOptions {
            view: self.view,
            size: self.size.clone(),
            color: self.color.clone(),
            labels: self.labels,
            top: self.top,
            min_weight: self.min_weight,
            backbone: self.backbone,
            title: self.title.clone(),
            layout: self.layout.clone(),
            city: self.city.clone(),
            depth: self.depth,
            width_mm: self.width_mm,
            edges: self.layer(),
            extent: self.extent,
            note: None,
        }
    }
}

/// Runs the command.
pub fn run(a: RenderArgs, ui: Ui) -> Result<()> {
    let input = match &a.input {
        Some(i) => i.clone(),
        None => {
            let d = PathBuf::from(pipeline::DEFAULT_NETWORK);
            if !d.exists() {
                return Err(Error::Usage(format!(
                    "no INPUT given and the default network {} is not in this folder",
                    pipeline::DEFAULT_NETWORK
                )));
            }
            d
        }
    };
    if a.dpi == 0 || a.dpi > 2400 {
        return Err(Error::Usage("--dpi must be between 1 and 2400".into()));
    }
    a.projection
        .check("render", &super::graph_arg::CITY_GRAPHS, ui)?;
    if let Some(old) = &a.edges {
        ui.info(&super::graph_arg::deprecated("--edges", old));
    }
    let opts = a.to_options();
    let out = match &a.output {
        Some(p) => p.clone(),
        None => {
            let stem = match (a.view, &a.city) {
                (View::Ego, Some(c)) => format!("ego-{}", slug(c)),
                (View::Rank, _) => {
                    format!("rank-{}", slug(a.size.as_deref().unwrap_or("strength")))
                }
                (v, _) => v.name().to_string(),
            };
            PathBuf::from(format!("{stem}.svg"))
        }
    };
    let format = FigureFormat::from_path(&out).ok_or_else(|| {
        Error::Usage(format!(
            "-o {}: expected a file ending in .svg, .png, .pdf or .dot",
            out.display()
        ))
    })?;
    if a.view.is_chart() && !matches!(format, FigureFormat::Svg | FigureFormat::Png) {
        return Err(Error::Usage(format!(
            "-o {}: charts are written as .svg or .png",
            out.display()
        )));
    }
    if !a.view.is_chart() && format != FigureFormat::Dot {
        graphviz::check_installed()?;
    }
    let load = a.input_args.to_options().map_err(Error::Usage)?;
    let (mut ds, _) = pipeline::load_input(&input, &load, ui)?;
    // Placed as `analyze` places them, so that both draw the same map.
    if let Some(said) = (!a.no_geocode).then(|| ds.place_cities()).flatten() {
        ui.info(&said);
    }
    let ds = match a.as_of {
        Some(y) => {
            if let Some(w) = ds.as_of_warning(y) {
                ui.info(&w);
            }
            ds.as_of(y)
        }
        None => ds,
    };
    // The graphs `analyze` builds: the same memory budget decides whether G is built.
    let scale = crate::metrics::plan::ScaleOptions {
        max_memory: load.max_memory,
        ..Default::default()
    };
    // G stays every co-membership: --graph validated draws the kept pairs over it, as the
    // figures of `analyze` do, with the test said in the caption.
    let gr = pipeline::build_graphs_with(&ds, &scale, Ui { quiet: true })?;
    let pb = ui.step("rendering");
    let job = pipeline::FigureJob {
        options: opts,
        all_edges: a.all_edges,
        backbone: a
            .projection
            .validation
            .to_options(None)
            .map_err(|e| e.to_string()),
        eligible: a.projection.validation.eligible.clone(),
        format,
        dpi: a.dpi,
    };
    let bytes = pipeline::render_figure(&ds, &gr, &job, ui)?;
    pb.finish_and_clear();
    crate::report::output::write_file_atomic(&out, &bytes, &ds.files)?;
    ui.info(&format!("wrote {}", out.display()));
    Ok(())
}
