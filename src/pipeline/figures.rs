//! One figure of `citynet render` from a loaded dataset and its graphs: charts (rank,
//! degrees) or a Graphviz figure, as bytes of the asked format.

use super::{figure_values, validated, Ui};
use crate::error::{Error, Result};
use crate::metrics::backbone::{BackboneOptions, Validated};
use crate::metrics::Graphs;
use crate::model::Dataset;
use crate::render::charts::{self, ChartFormat};
use crate::render::defaults::{self, charts_for, rank_items};
use crate::render::figure;
use crate::render::options::{Edges, FigureOptions, View};
use crate::render::{render_pinned, FigureFormat};
use std::path::PathBuf;

/// How a figure is drawn beyond its [`FigureOptions`].
#[derive(Debug, Clone)]
pub struct FigureJob {
    /// The figure.
    pub options: FigureOptions,
    /// Draw every edge of a dense projection (no default thinning).
    pub all_edges: bool,
    /// The validated projection's options (validated edges, thinning of dense projections), or
    /// why they are unusable (an error only when the figure needs them).
    pub backbone: std::result::Result<BackboneOptions, String>,
    /// Structural zeros of the validated projection (SDSM-EC).
    pub eligible: Option<PathBuf>,
    /// Output format (charts: SVG or PNG).
    pub format: FigureFormat,
    /// PNG resolution.
    pub dpi: u32,
}

/// Draws the figure `job` asks for.
///
/// # Errors
/// [`crate::Error::Usage`] for options the figure cannot take; Graphviz failures.
pub fn render_figure(ds: &Dataset, gr: &Graphs, job: &FigureJob, ui: Ui) -> Result<Vec<u8>> {
    let opts = &job.options;
    let chart_format = if job.format == FigureFormat::Png {
        ChartFormat::Png
    } else {
        ChartFormat::Svg
    };
    match opts.view {
        View::Rank => {
            let metric = opts.size.clone().unwrap_or_else(|| "strength".into());
            let cv = figure_values(ds, gr, opts);
            let items = rank_items(ds, &cv, &metric, opts.labels.unwrap_or(20))?;
            let title = opts
                .title
                .clone()
                .unwrap_or_else(|| format!("Top {} cities by {metric}", items.len()));
            charts::rank_chart(&items, &metric, &title, &ds.meta.title, chart_format)
        }
        View::Degrees => {
            let ext = if job.format == FigureFormat::Png {
                "png"
            } else {
                "svg"
            };
            let cv = figure_values(ds, gr, opts);
            Ok(charts_for(ds, gr, &cv, "strength", 1)?
                .into_iter()
                .find(|(n, _)| n == &format!("degrees.{ext}"))
                .map(|x| x.1)
                .unwrap_or_default())
        }
        _ => {
            if opts.layout.as_deref() == Some("dot") && ds.cities.len() > 1000 {
                ui.info("warning: the dot engine is very slow above about 1,000 nodes");
            }
            // A projection too large to build is drawn through its strongest cities.
            let fig_gr = gr.for_figures(figure::STRONGEST_DRAWN);
            let fig = graph_figure(job, ds, fig_gr.as_ref().unwrap_or(gr))?;
            render_pinned(&fig.dot, job.format, job.dpi)
        }
    }
}

fn graph_figure(job: &FigureJob, ds: &Dataset, gr: &Graphs) -> Result<figure::Figure> {
    let mut opts = job.options.clone();
    let thinning_asked = opts.top.is_some()
        || opts.min_weight.is_some()
        || opts.backbone.is_some()
        || opts.edges != Edges::Auto;
    let dense_default = opts.view == View::Network && !thinning_asked && !job.all_edges;
    let needed = opts.edges == Edges::Validated
        || (dense_default && gr.two_mode.is_some() && defaults::is_dense(gr));
    let validated: Option<Validated> = if needed {
        Some(validated(
            ds,
            gr.two_mode.as_ref(),
            &job.backbone.clone().map_err(Error::Usage)?,
            job.eligible.as_deref(),
        )?)
    } else {
        None
    };
    if dense_default {
        defaults::default_edges(gr, validated.as_ref(), &mut opts);
    }
    // Checked before the metrics are computed, as the figure checks them first.
    figure::check_options(&opts)?;
    let cv = figure_values(ds, gr, &opts);
    figure::build(ds, gr, &cv, &opts, validated.as_ref())
}
