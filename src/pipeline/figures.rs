//! One figure of `citynet render` from a loaded dataset and its graphs: charts (rank,
//! degrees) or a Graphviz figure, as bytes of the asked format.

use super::{default_metrics, figure_values, validated, Ui};
use crate::error::{Error, Result};
use crate::graph::Layer;
use crate::metrics::backbone::{BackboneOptions, Validated};
use crate::metrics::Graphs;
use crate::model::Dataset;
use crate::render::charts::{self, ChartFormat};
use crate::render::defaults;
use crate::render::figure;
use crate::render::options::{FigureOptions, View};
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
            let spec = defaults::rank_chart(
                ds,
                &cv,
                &metric,
                opts.labels.unwrap_or(20),
                opts.title.as_deref(),
            )?;
            charts::rank_chart(&spec, chart_format)
        }
        View::Degrees => {
            let cv = figure_values(ds, gr, opts);
            defaults::degree_chart(ds, &cv, chart_format)
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

/// A Graphviz view, drawn as `analyze` draws it ([`defaults::view_defaults`]: the same
/// colours, edges and ego selection) with the options given on top; a thinning option
/// (--top, --min-weight, --backbone, --graph validated) or --all-edges replaces the default edges. The
/// validated projection is computed when --graph validated asks for it or a dense network
/// needs it.
fn graph_figure(job: &FigureJob, ds: &Dataset, gr: &Graphs) -> Result<figure::Figure> {
    let opts = &job.options;
    let thinning_asked = opts.top.is_some()
        || opts.min_weight.is_some()
        || opts.backbone.is_some()
        || opts.edges != Layer::Projection
        || job.all_edges;
    let needed = opts.edges == Layer::Validated
        || (!thinning_asked && gr.two_mode.is_some() && defaults::is_dense(gr));
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
    let colour = defaults::default_colour_of(ds, &default_metrics(ds));
    let centre = match (&opts.city, opts.view) {
        (Some(c), View::Ego) => Some(figure::find_city(ds, c)? as usize),
        _ => None,
    };
    let base = defaults::view_defaults(ds, gr, colour, validated.as_ref(), opts.view, centre);
    let mut o = if thinning_asked {
        FigureOptions {
            color: base.color.clone(),
            ..opts.clone()
        }
    } else {
        FigureOptions {
            edges: base.edges,
            backbone: base.backbone,
            min_weight: base.min_weight,
            top: base.top,
            note: base.note.clone(),
            color: base.color.clone(),
            city: opts.city.clone(),
            ..opts.clone()
        }
    };
    if opts.color.is_some() {
        o.color = opts.color.clone();
    }
    // Checked before the metrics are computed, as the figure checks them first.
    figure::check_options(&o)?;
    let cv = figure_values(ds, gr, &o);
    figure::build(ds, gr, &cv, &o, validated.as_ref())
}
