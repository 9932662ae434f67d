//! G and the other layers of a dataset: the weighted projection (or the two-mode graph when
//! the projection is too large to build), the direct ties, and the validated projection.

use super::{Graphs, Ui};
use crate::error::{Error, Result};
use crate::graph::{Csr, TwoMode};
use crate::metrics::backbone::{self as bb, BackboneOptions, Validated};
use crate::metrics::plan::{self, GraphMode, ScaleOptions};
use crate::model::{self, Dataset};
use std::path::Path;

/// Builds G and the other layers with the default [`ScaleOptions`] (a projection above
/// [`plan::PROJECTION_EDGE_LIMIT`] edges is not built; see [`build_graphs_with`]).
pub fn build_graphs(ds: &Dataset) -> Graphs {
    build_graphs_with(ds, &ScaleOptions::default(), Ui { quiet: true })
        .expect("only --exact can refuse to build")
}

/// Builds G and the other layers. For two-mode inputs the projection's size is estimated
/// first (and reported on stderr when large); above [`plan::PROJECTION_EDGE_LIMIT`] edges or
/// the memory budget it is not built ([`GraphMode::ThroughTwoMode`]) unless `opts.exact`.
///
/// # Errors
/// [`Error::Usage`] (exit 2) when `opts.exact` asks for a projection larger than the memory
/// budget; the message gives the sizes and the alternatives.
pub fn build_graphs_with(ds: &Dataset, opts: &ScaleOptions, ui: Ui) -> Result<Graphs> {
    if ds.is_two_mode() {
        let t = ds.two_mode();
        let est = t.projection_estimate();
        let mut sizes: Vec<(usize, usize)> = (0..t.n_programs())
            .map(|p| (t.members_of(p).0.len(), p))
            .collect();
        sizes.sort_by(|a, b| b.cmp(a));
        let largest: Vec<(String, usize)> = sizes
            .iter()
            .take(3)
            .map(|&(k, p)| (ds.programs[p].name.clone(), k))
            .collect();
        let twins = crate::metrics::quotient::twins_pay(&t, plan::PROJECTION_EDGE_LIMIT);
        let (mode, line) =
            crate::metrics::mode::choose_mode(&est, opts, &largest, twins).map_err(Error::Usage)?;
        if mode == GraphMode::ThroughTwoMode
            || opts.exact
            || est.max_edges > plan::PROJECTION_EDGE_LIMIT / 5
        {
            ui.info(&line);
        }
        let w = opts.weighting;
        if mode == GraphMode::ThroughTwoMode && !w.is_product() {
            return Err(Error::Usage(format!(
                "--weighting {} needs the city projection built, and this one is too large to \
                 build within the budget (see the estimate above); --exact builds it if it fits \
                 the memory budget, and --weighting count or newman work without building it",
                w.name()
            )));
        }
        // A product weighting is the plain projection of the reweighted two-mode graph, which
        // the columns go through when G is not built.
        let through = (mode == GraphMode::ThroughTwoMode && w != crate::graph::Weighting::Gawc)
            .then(|| t.reweighted(w));
        let g = match mode {
            GraphMode::Built => t.project_cities_with(opts.weighting),
            GraphMode::ThroughTwoMode => Csr::from_edges(t.n_cities(), &[]).0,
        };
        finite_weights(&g, ds, "city projection")?;
        if mode == GraphMode::Built {
            if let Some(line) = plan::betweenness_notice(&g, opts) {
                ui.info(&twin_notice(&t, &g, opts).unwrap_or(line));
            }
        }
        Ok(Graphs {
            g,
            ties: (!ds.ties.is_empty()).then(|| ds.tie_graph()),
            two_mode: Some(t),
            through,
            mode,
            estimate: Some(est),
            scale: *opts,
        })
    } else {
        let g = ds.tie_graph();
        finite_weights(&g, ds, "graph")?;
        if let Some(line) = plan::betweenness_notice(&g, opts) {
            ui.info(&line);
        }
        Ok(Graphs {
            g,
            two_mode: None,
            through: None,
            ties: None,
            mode: GraphMode::Built,
            estimate: None,
            scale: *opts,
        })
    }
}

/// The line for standard error when exact betweenness on the built projection `g` is over the
/// time budget but fits it through the twin classes (as the planner then computes it).
fn twin_notice(t: &TwoMode, g: &Csr, opts: &ScaleOptions) -> Option<String> {
    let per_visit = plan::BRANDES_SECONDS_PER_VISIT / plan::REFERENCE_THREADS as f64;
    let tp = crate::metrics::quotient::twin_plan(t, plan::PROJECTION_EDGE_LIMIT, per_visit)?;
    (tp.betweenness_seconds <= opts.time_budget).then(|| {
        format!(
            "G has {} nodes and {} edges: exact betweenness on it would take about {}, over the \
             time budget of {} (--time-budget); it is computed exactly through the quotient of \
             G by its {} twin classes (cities with the same programs and weights) instead",
            g.node_count(),
            g.edge_count(),
            plan::human_seconds(plan::exact_betweenness_seconds(g)),
            plan::human_seconds(opts.time_budget),
            tp.quotient.n_classes()
        )
    })
}

/// Refuses a graph whose summed edge weights overflow to infinity (strength would be `inf`,
/// eigenvector 0 and communities singletons without a word).
fn finite_weights(g: &Csr, ds: &Dataset, what: &str) -> Result<()> {
    let Some(e) = g.weights().iter().position(|w| !w.is_finite()) else {
        return Ok(());
    };
    let a = g.offsets().partition_point(|&o| o <= e) - 1;
    Err(Error::Usage(format!(
        "the {what}'s weights overflow: the weight between {} and {} is not finite (the \
         input's weights are too large to multiply or add up, above ~1.8e308); rescale them, \
         or use --weighting count",
        ds.city_label(a),
        ds.city_label(g.targets()[e] as usize)
    )))
}

/// The validated projection of a dataset (see [`crate::metrics::backbone`]): over the
/// two-mode graph for inputs with programs, over the direct ties (disparity filter or threshold)
/// otherwise. `eligible` is read against the dataset (SDSM-EC).
///
/// # Errors
/// [`Error::Usage`] (exit 2) for options the model cannot use or an unreadable eligibility file.
pub fn validated(
    ds: &Dataset,
    t: Option<&TwoMode>,
    opts: &BackboneOptions,
    eligible: Option<&Path>,
) -> Result<Validated> {
    let mut opts = opts.clone();
    if let Some(p) = eligible {
        opts.eligibility = Some(model::dataset::eligible::read(p, ds).map_err(Error::Usage)?);
    }
    let v = match t {
        Some(t) => bb::validated_projection(t, &opts),
        None => bb::validated_graph(&ds.tie_graph(), &opts),
    };
    v.map_err(|e| Error::Usage(e.to_string()))
}

/// Builds the graphs with G the validated projection (`--graph validated`): the full
/// weighted projection is never built (except for the disparity filter, which needs it).
pub fn build_validated_graphs(
    ds: &Dataset,
    scale: &ScaleOptions,
    opts: &BackboneOptions,
    eligible: Option<&Path>,
    ui: Ui,
) -> Result<(Graphs, Validated)> {
    let pb = ui.step("testing the co-membership pairs (validated projection)");
    let t = ds.is_two_mode().then(|| ds.two_mode());
    let v = validated(ds, t.as_ref(), opts, eligible)?;
    pb.finish_and_clear();
    ui.info(&format!("validated projection: {}", v.report.describe()));
    let gr = Graphs {
        g: v.graph.clone(),
        estimate: t.as_ref().map(|t| t.projection_estimate()),
        ties: (t.is_some() && !ds.ties.is_empty()).then(|| ds.tie_graph()),
        two_mode: t,
        through: None,
        mode: GraphMode::Built,
        scale: *scale,
    };
    Ok((gr, v))
}
