//! The figures `citynet analyze` writes into `figures/`.
//!
//! * `network` – the city graph; node area by strength, colour by community when that metric
//!   is available, else by the `region` attribute when the cities have one; a dense G is drawn
//!   through the validated projection, or thinned as [`default_thinning`] says when that keeps
//!   nothing ([`default_edges`]; the caption states which).
//! * `bipartite` – cities and programs (inputs with programs, up to 600 nodes).
//! * `map` – when at least two cities have coordinates; lines are the direct ties, else the
//!   edges the network figure draws (the validated projection for a dense G).
//! * `ego-NAME` – the city with the largest strength and its 40 largest neighbours (in the
//!   validated projection when the network figure draws it and the city has a kept pair).
//! * `rank-strength`, `degrees` – charts (SVG and PNG).
//!
//! Graphviz figures are written as SVG, PNG (at `dpi`), PDF and the DOT source.

use super::charts::{self, ChartFormat};
use super::figure;
use super::options::{slug, FigureOptions, View};
use super::values::{self, CityValues};
use super::{render_pinned, FigureFormat};
use crate::error::Result;
use crate::graph::disparity::disparity_backbone;
use crate::graph::{Csr, Layer};
use crate::metrics::backbone::Validated;
use crate::metrics::plan::GraphMode;
use crate::metrics::{Graphs, NodeTable};
use crate::model::Dataset;

/// The colour used by default: `community` if the table has it, else `region` if the cities
/// have that attribute, else none.
pub fn default_colour(ds: &Dataset, table: &NodeTable) -> Option<String> {
    let names: Vec<String> = table.metrics.iter().map(|(n, _)| n.clone()).collect();
    default_colour_of(ds, &names)
}

/// [`default_colour`] for a table whose metric columns are `metrics`.
pub fn default_colour_of(ds: &Dataset, metrics: &[String]) -> Option<String> {
    if metrics.iter().any(|n| n == "community") {
        Some("community".into())
    } else if ds.city_attrs.iter().any(|a| a == "region") {
        Some("region".into())
    } else {
        None
    }
}

/// The options `analyze` draws `view` with: `colour` for every view but the bipartite one, a
/// dense G through the validated projection ([`default_edges`]) in the network view and, unless
/// it draws direct ties, the map; the ego view of `centre` with its 40 strongest neighbours,
/// in the validated projection when the network view draws it and the centre has a kept pair.
pub fn view_defaults(
    ds: &Dataset,
    gr: &Graphs,
    colour: Option<String>,
    validated: Option<&Validated>,
    view: View,
    centre: Option<usize>,
) -> FigureOptions {
    let mut net = FigureOptions::new(View::Network);
    net.color = colour.clone();
    default_edges(gr, validated, &mut net);
    let mut o = FigureOptions::new(view);
    match view {
        View::Network => return net,
        View::Bipartite | View::Rank | View::Degrees => {}
        View::Map => {
            o.color = colour;
            o.edges = if gr.ties.is_some() && ds.is_two_mode() {
                Layer::Projection
            } else {
                net.edges
            };
        }
        View::Ego => {
            o.city = centre.map(|c| ds.city_label(c));
            o.top = Some(EGO_TOP);
            o.color = colour;
            if net.edges == Layer::Validated
                && validated.is_some_and(|v| centre.is_some_and(|c| v.graph.degree(c) > 0))
            {
                o.edges = Layer::Validated;
            }
        }
    }
    o
}

/// How many neighbours the default ego view draws (its strongest).
pub const EGO_TOP: usize = 40;

/// The default thinning of the network view, as `(backbone α, minimum weight)`.
///
/// Graphs of at most 50 nodes or at most 4 edges per node are drawn whole. Denser ones get
/// the disparity backbone at α = 0.05 when it keeps at least a quarter of the nodes (or 30).
/// Otherwise (a projection of a few large programs with unit weights is a union of cliques in
/// which no edge stands out at any node, so the backbone is empty) the smallest whole minimum
/// weight W ≥ 2 that leaves at most 8 edges per drawn node and at least 5 nodes ("cities
/// sharing at least W programs").
pub fn default_thinning(g: &Csr) -> (Option<f64>, Option<f64>) {
    let n = g.node_count();
    let m = g.edge_count();
    if n <= 50 || m <= 4 * n {
        return (None, None);
    }
    let touched = |edges: &mut dyn Iterator<Item = (u32, u32)>| {
        let mut seen = vec![false; n];
        let mut count = 0;
        for (a, b) in edges {
            for v in [a, b] {
                if !seen[v as usize] {
                    seen[v as usize] = true;
                    count += 1;
                }
            }
        }
        count
    };
    let kept = disparity_backbone(g, 0.05);
    let kept_nodes = touched(&mut kept.iter().map(|e| (e.0, e.1)));
    if kept_nodes >= (n / 4).min(30) && !kept.is_empty() {
        return (Some(0.05), None);
    }
    let w_max = g.weights().iter().copied().fold(0.0f64, f64::max);
    let mut w = 2.0;
    while w <= w_max {
        let edges: Vec<(u32, u32)> = g.edges().filter(|e| e.2 >= w).map(|e| (e.0, e.1)).collect();
        let nodes = touched(&mut edges.iter().copied());
        if nodes < 5 {
            break;
        }
        if edges.len() <= 8 * nodes {
            return (None, Some(w));
        }
        w += 1.0;
    }
    (Some(0.05), None)
}

/// Whether G is too dense to draw whole: more than 50 cities and more than 4 edges per city,
/// or not built at all (a projection too large to build).
pub fn is_dense(gr: &Graphs) -> bool {
    let (n, m) = (gr.g.node_count(), gr.g.edge_count());
    gr.mode == GraphMode::ThroughTwoMode || (n > 50 && m > 4 * n)
}

/// The edges of the default network figure (`analyze`, and `render` without a thinning
/// option): G when it is not dense ([`is_dense`]); else the validated projection when there
/// is one and it keeps a pair; else G thinned by [`default_thinning`], the caption saying why
/// (`opts.note`).
pub fn default_edges(gr: &Graphs, validated: Option<&Validated>, opts: &mut FigureOptions) {
    if !is_dense(gr) {
        return;
    }
    // An unbuilt projection's figure graph holds G's edges among the strongest cities only:
    // its thinning is decided on that part.
    let part = (gr.mode == GraphMode::ThroughTwoMode).then(|| drawn_part(&gr.g));
    let g = part.as_ref().unwrap_or(&gr.g);
    match validated {
        Some(v) if v.graph.edge_count() > 0 => {
            opts.edges = Layer::Validated;
        }
        Some(v) => {
            opts.note = Some(format!(
                "The validated projection keeps no pair ({}); G is drawn instead.",
                v.report.describe()
            ));
            (opts.backbone, opts.min_weight) = default_thinning(g);
        }
        None => (opts.backbone, opts.min_weight) = default_thinning(g),
    }
}

/// `g` without its isolated nodes (renumbered): the part a figure of an unbuilt projection
/// draws (G's edges among the strongest cities), whose density decides the thinning.
fn drawn_part(g: &Csr) -> Csr {
    let mut id = vec![u32::MAX; g.node_count()];
    let mut k = 0u32;
    for (v, slot) in id.iter_mut().enumerate() {
        if g.degree(v) > 0 {
            *slot = k;
            k += 1;
        }
    }
    let edges: Vec<(u32, u32, f64)> = g
        .edges()
        .map(|(a, b, w)| (id[a as usize], id[b as usize], w))
        .collect();
    Csr::from_edges(k as usize, &edges).0
}

/// The metric columns the default set shows (see [`values::wanted`]): the pipeline computes
/// them and hands them to [`render_default_set`].
pub fn wanted(ds: &Dataset, gr: &Graphs, table: &NodeTable) -> Vec<String> {
    let mut views = vec![View::Network, View::Map, View::Ego];
    if gr.two_mode.is_some() {
        views.push(View::Bipartite);
    }
    // The rank chart's metric first, then each figure's size and colour.
    let mut names = vec!["strength".to_string(), "degree".to_string()];
    for view in views {
        let mut opts = FigureOptions::new(view);
        if view != View::Bipartite {
            opts.color = default_colour(ds, table);
        }
        for n in values::wanted(ds, &opts) {
            if !names.contains(&n) {
                names.push(n);
            }
        }
    }
    names
}

/// The Graphviz figures of the default set: (file stem, options), each as
/// [`view_defaults`] says.
pub fn default_figures(
    ds: &Dataset,
    gr: &Graphs,
    table: &NodeTable,
    cv: &CityValues,
    validated: Option<&Validated>,
) -> Result<Vec<(String, FigureOptions)>> {
    let colour = default_colour(ds, table);
    let opts = |view, centre| view_defaults(ds, gr, colour.clone(), validated, view, centre);
    let mut figures: Vec<(String, FigureOptions)> =
        vec![("network".into(), opts(View::Network, None))];
    if gr.two_mode.is_some() {
        figures.push(("bipartite".into(), opts(View::Bipartite, None)));
    }
    if ds.cities_with_coordinates() >= 2 {
        figures.push(("map".into(), opts(View::Map, None)));
    }
    let strength = cv.get("strength")?;
    if let Some(top) = (0..strength.len()).max_by(|&a, &b| {
        strength[a]
            .partial_cmp(&strength[b])
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(b.cmp(&a))
    }) {
        if gr.g.degree(top) > 0 || gr.mode == GraphMode::ThroughTwoMode {
            figures.push((
                format!("ego-{}", slug(&ds.cities[top].name)),
                opts(View::Ego, Some(top)),
            ));
        }
    }
    Ok(figures)
}

/// Renders the default set, handing each file (relative name, bytes) to `write`; returns the
/// relative names written.
pub fn render_default_set<T>(
    ds: &Dataset,
    gr: &Graphs,
    table: &NodeTable,
    cv: &CityValues,
    validated: Option<&Validated>,
    dpi: u32,
    mut write: impl FnMut(&str, &[u8]) -> Result<T>,
) -> Result<Vec<String>> {
    let mut files = vec![];
    let figures = default_figures(ds, gr, table, cv, validated)?;
    // Figures are laid out and drawn in parallel (each is independent, and Graphviz runs in
    // its own processes), then written in a fixed order.
    use rayon::prelude::*;
    const FORMATS: [FigureFormat; 4] = [
        FigureFormat::Svg,
        FigureFormat::Png,
        FigureFormat::Pdf,
        FigureFormat::Dot,
    ];
    let jobs: Vec<(usize, FigureFormat)> = (0..figures.len())
        .flat_map(|i| FORMATS.map(|f| (i, f)))
        .collect();
    let built: Vec<Result<String>> = figures
        .par_iter()
        .map(|(_, opts)| figure::build(ds, gr, cv, opts, validated).map(|f| f.dot))
        .collect();
    let built: Vec<String> = built.into_iter().collect::<Result<_>>()?;
    let rendered: Vec<Result<Vec<u8>>> = jobs
        .par_iter()
        .map(|&(i, fmt)| render_pinned(&built[i], fmt, dpi))
        .collect();
    for (&(i, fmt), bytes) in jobs.iter().zip(rendered) {
        let rel = format!("figures/{}.{}", figures[i].0, fmt.ext());
        write(&rel, &bytes?)?;
        files.push(rel);
    }
    for (name, bytes) in charts_for(ds, cv, "strength", 20)? {
        let rel = format!("figures/{name}");
        write(&rel, &bytes)?;
        files.push(rel);
    }
    Ok(files)
}

/// The rank chart of `metric` (top `k`) and the degree distribution, as SVG and PNG:
/// `(file name, bytes)`.
pub fn charts_for(
    ds: &Dataset,
    cv: &CityValues,
    metric: &str,
    k: usize,
) -> Result<Vec<(String, Vec<u8>)>> {
    let mut out = vec![];
    let rank = rank_chart(ds, cv, metric, k, None)?;
    for (fmt, ext) in [(ChartFormat::Svg, "svg"), (ChartFormat::Png, "png")] {
        out.push((
            format!("rank-{}.{ext}", slug(metric)),
            charts::rank_chart(&rank, fmt)?,
        ));
        out.push((format!("degrees.{ext}"), degree_chart(ds, cv, fmt)?));
    }
    Ok(out)
}

use super::figure::network_title;

/// The degree distribution of the whole city graph (the `degree` column the pipeline
/// computed for every city; [`charts::DegreeSummary`]).
pub fn degree_chart(ds: &Dataset, cv: &CityValues, fmt: ChartFormat) -> Result<Vec<u8>> {
    let degrees: Vec<usize> = cv
        .get("degree")?
        .iter()
        .map(|&d| {
            if d.is_finite() && d > 0.0 {
                d as usize
            } else {
                0
            }
        })
        .collect();
    let gname = if ds.is_two_mode() {
        "City projection"
    } else {
        "City graph"
    };
    let summary = charts::DegreeSummary::new(&degrees);
    let title = format!("{}: degree distribution", network_title(ds));
    charts::degree_distribution(&summary, &title, &summary.caption(gname), fmt)
}

/// Most cities a rank chart adds beyond its `k` bars to keep the cities that tie with the
/// `k`-th; when more tie, the caption says how many were left out.
pub const TIES_KEPT: usize = 10;

/// The rank chart of the top `k` cities by `metric` ([`rank_items`]), titled `title` or
/// "NETWORK: top K cities by METRIC", its caption saying what the bars are, how ties at the
/// cut were handled and where the axis starts.
pub fn rank_chart(
    ds: &Dataset,
    cv: &CityValues,
    metric: &str,
    k: usize,
    title: Option<&str>,
) -> Result<charts::RankChart> {
    let (items, left_tied) = rank_items(ds, cv, metric, k)?;
    let mut caption = vec![format!(
        "Bars: {metric} of the {} cities with the largest {metric}, of {} cities.",
        items.len(),
        charts::fmt_count(ds.cities.len())
    )];
    if items.len() > k {
        caption.push(format!(
            "{} cities tie with rank {k} at {} and are all shown.",
            items.len() - k + 1,
            super::encode::fmt_value(items[k - 1].1)
        ));
    }
    if left_tied > 0 {
        caption.push(format!(
            "{left_tied} more cities tie with rank {k} at {} and are not shown.",
            super::encode::fmt_value(items[items.len() - 1].1)
        ));
    }
    let values: Vec<f64> = items.iter().map(|x| x.1).collect();
    let axis_from = charts::axis_start(&values);
    if axis_from > 0.0 {
        caption.push(format!(
            "The axis starts at {}, not 0: every value is far from 0.",
            super::encode::fmt_value(axis_from)
        ));
    }
    Ok(charts::RankChart {
        title: title.map(str::to_string).unwrap_or_else(|| {
            format!(
                "{}: top {} cities by {metric}",
                network_title(ds),
                items.len()
            )
        }),
        items,
        metric: metric.to_string(),
        caption,
        axis_from,
    })
}

/// The top `k` cities by `metric`, largest first (ties by input order), as (name, value),
/// with the cities that tie with the `k`-th (up to [`TIES_KEPT`] more; the second value counts
/// those left out beyond). A name that two cities share is written "Name (Country)".
pub fn rank_items(
    ds: &Dataset,
    cv: &CityValues,
    metric: &str,
    k: usize,
) -> Result<(Vec<(String, f64)>, usize)> {
    let v = cv.get(metric)?;
    let mut idx: Vec<usize> = (0..v.len()).filter(|&i| v[i].is_finite()).collect();
    idx.sort_by(|&a, &b| {
        v[b].partial_cmp(&v[a])
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.cmp(&b))
    });
    let mut left_tied = 0;
    if k > 0 && idx.len() > k {
        let cut = v[idx[k - 1]];
        let tied = idx[k..].iter().take_while(|&&i| v[i] == cut).count();
        if tied <= TIES_KEPT {
            idx.truncate(k + tied);
        } else {
            idx.truncate(k);
            left_tied = tied;
        }
    } else {
        idx.truncate(k);
    }
    let mut names: std::collections::HashMap<String, usize> = Default::default();
    for c in &ds.cities {
        *names.entry(c.name.trim().to_lowercase()).or_default() += 1;
    }
    let label = |i: usize| {
        let c = &ds.cities[i];
        if names[&c.name.trim().to_lowercase()] > 1 && !c.country.trim().is_empty() {
            format!("{} ({})", c.name, c.country)
        } else {
            c.name.clone()
        }
    };
    Ok((
        idx.into_iter().map(|i| (label(i), v[i])).collect(),
        left_tied,
    ))
}
