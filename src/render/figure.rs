//! The figures: each view computes positions (a Graphviz layout or the map projection), then
//! sizes, colours, labels, legend and caption, and returns a pinned [`Scene`] as DOT.
//!
//! What each figure encodes:
//! * **network** – the one-mode city graph G (the city projection: cities joined by shared
//!   programs, weight Σ_p w(a,p)·w(b,p); for an edge list, the tie graph). Node area: the size
//!   metric; colour: the `--color` category; edge width: weight. Thinned by `--backbone`,
//!   `--min-weight`, `--top` (in that order); cities left without an edge by an edge filter are
//!   not drawn. The caption says what was left out.
//! * **bipartite** – the two-mode graph: cities as circles (area: size metric, default number
//!   of programs), programs as dark boxes with their name and member count, memberships as
//!   edges in the program's colour (grey when cities are coloured by a category).
//! * **map** – cities at their coordinates (Equal Earth projection) over Natural Earth country
//!   outlines; edges are the direct ties when the input has them, otherwise G; straight lines,
//!   not great circles. Cities without coordinates are left out (the caption counts them).
//! * **ego** – a city, the cities within `--depth` steps of it (a step is a shared program or a
//!   direct tie), and the programs through which those steps go; direct ties dashed.
//!
//! Labels are placed beside their node, never over another label or node; a label that finds
//! no room is left out, and the caption says how many were.

use super::encode::{self, Categories, EdgeScale, Legend, SizeScale, SEVERAL};
use super::geo;
use super::layout;
use super::options::{FigureOptions, View};
use super::palette;
use super::scene::{Rect, SEdge, SNode, Scene, Shape};
use super::text;
pub use super::values::default_size;
use super::values::CityValues;
use crate::error::{Error, Result};
use crate::graph::backbone::disparity_backbone;
use crate::graph::Csr;
use crate::metrics::Graphs;
use crate::model::{Dataset, InputKind};

/// A figure ready for Graphviz: pinned DOT, drawn with `neato -n2`.
#[derive(Debug, Clone)]
pub struct Figure {
    /// The DOT text (every position fixed).
    pub dot: String,
    /// The caption sentences (also drawn inside the figure).
    pub caption: Vec<String>,
    /// Boxes of the node labels (points), for checks.
    pub label_boxes: Vec<Rect>,
    /// Boxes of the nodes (points), for checks.
    pub node_boxes: Vec<Rect>,
}

impl Figure {
    /// The DOT text.
    pub fn to_dot(&self) -> String {
        self.dot.clone()
    }
}

/// Size of node labels, in points.
pub const LABEL_PT: f64 = 6.5;
/// Size of the text inside program boxes, in points.
pub const PROGRAM_PT: f64 = 6.0;
/// Program names are wrapped to lines of at most this many points.
pub const PROGRAM_WRAP: f64 = 80.0;
/// Fill of cities in the bipartite and ego figures when they are not coloured by category
/// (a grey that none of the programs' edge colours uses).
pub const TWO_MODE_CITY: &str = "#8C8C8C";
/// Fill of the centre of an ego figure (when cities are not coloured by category).
pub const CENTRE_FILL: &str = "#D55E00";
/// Fill of program boxes.
pub const PROGRAM_FILL: &str = "#333333";

/// Checks the options every figure takes (`--backbone`, `--min-weight`, `--layout`).
pub fn check_options(opts: &FigureOptions) -> Result<()> {
    if let Some(a) = opts.backbone {
        if !(a > 0.0 && a <= 1.0) {
            return Err(Error::Usage(format!(
                "--backbone must be in (0, 1], got {a}"
            )));
        }
    }
    if let Some(w) = opts.min_weight {
        if !w.is_finite() {
            return Err(Error::Usage("--min-weight must be a finite number".into()));
        }
    }
    if let Some(e) = &opts.layout {
        if !layout::ENGINES.contains(&e.as_str()) {
            return Err(Error::Usage(format!(
                "unknown layout engine '{e}'; use one of {}",
                layout::ENGINES.join(", ")
            )));
        }
    }
    Ok(())
}

/// Builds the figure `opts` asks for, with the metric values the pipeline computed for it
/// ([`super::values::wanted`]).
pub fn build(ds: &Dataset, gr: &Graphs, cv: &CityValues, opts: &FigureOptions) -> Result<Figure> {
    check_options(opts)?;
    match opts.view {
        View::Network => network(ds, gr, cv, opts),
        View::Bipartite => bipartite(ds, gr, cv, opts),
        View::Map => map(ds, gr, cv, opts),
        View::Ego => ego(ds, gr, cv, opts),
        View::Rank | View::Degrees => Err(Error::Usage(format!(
            "the {} view is a chart: use render::charts",
            opts.view.name()
        ))),
    }
}

/// The colour categories of the cities for `--color by`.
pub fn categories(
    ds: &Dataset,
    gr: &Graphs,
    cv: &CityValues,
    by: Option<&str>,
) -> Result<Categories> {
    let n = ds.cities.len();
    let Some(by) = by.map(str::trim).filter(|b| !b.is_empty() && *b != "none") else {
        return Ok(Categories::none(n));
    };
    let key = by.to_lowercase();
    let nonempty = |s: &str| {
        let s = s.trim();
        (!s.is_empty()).then(|| s.to_string())
    };
    if key == "country" {
        let v: Vec<Option<String>> = ds.cities.iter().map(|c| nonempty(&c.country)).collect();
        return Ok(Categories::from_values("country", &v, "several"));
    }
    if ds.city_attrs.iter().any(|a| a.to_lowercase() == key) && key != "city" {
        let v: Vec<Option<String>> = ds
            .cities
            .iter()
            .map(|c| c.attrs.get(&key).and_then(|s| nonempty(s)))
            .collect();
        return Ok(Categories::from_values(by, &v, "several"));
    }
    let program_level = key == "program"
        || key == "theme"
        || ds.program_attrs.iter().any(|a| a.to_lowercase() == key);
    if program_level {
        let Some(t) = &gr.two_mode else {
            return Err(Error::Usage(format!(
                "--color {by} needs an input with programs"
            )));
        };
        let pv: Vec<Option<String>> = ds
            .programs
            .iter()
            .map(|p| {
                if key == "program" {
                    nonempty(&p.name)
                } else {
                    p.attrs.get(&key).and_then(|s| nonempty(s))
                }
            })
            .collect();
        let v: Vec<Option<String>> = (0..n)
            .map(|c| {
                let mut vals: Vec<&str> = t
                    .programs_of(c)
                    .0
                    .iter()
                    .filter_map(|&p| pv[p as usize].as_deref())
                    .collect();
                vals.sort_unstable();
                vals.dedup();
                match vals.len() {
                    0 => None,
                    1 => Some(vals[0].to_string()),
                    _ => Some(SEVERAL.to_string()),
                }
            })
            .collect();
        let several = if key == "program" {
            "several programs"
        } else {
            "programs differ"
        };
        return Ok(Categories::from_values(by, &v, several));
    }
    // An integer metric such as community or component.
    match cv.get(&key) {
        Ok(vals) => {
            let v: Vec<Option<String>> = vals
                .iter()
                .map(|x| {
                    x.is_finite()
                        .then(|| format!("{key} {}", encode::fmt_value(*x)))
                })
                .collect();
            Ok(Categories::from_values(by, &v, "several"))
        }
        Err(_) => {
            let mut known: Vec<String> = vec!["none".into(), "country".into()];
            known.extend(ds.city_attrs.iter().filter(|a| *a != "city").cloned());
            if ds.is_two_mode() {
                known.push("program".into());
                known.extend(ds.program_attrs.iter().filter(|a| *a != "name").cloned());
            }
            known.push("community (and other integer metrics)".into());
            Err(Error::Usage(format!(
                "--color {by}: no such city attribute, program attribute or metric; try one of {}",
                known.join(", ")
            )))
        }
    }
}

/// Cities ranked by `values` (largest first, ties by id).
fn ranked(ids: impl Iterator<Item = u32>, values: &[f64]) -> Vec<u32> {
    let mut v: Vec<u32> = ids.collect();
    v.sort_by(|&a, &b| {
        let (x, y) = (values[a as usize], values[b as usize]);
        y.partial_cmp(&x)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.cmp(&b))
    });
    v
}

/// The edges of `g` after `--backbone` then `--min-weight`, and the caption notes.
fn thin_edges(g: &Csr, opts: &FigureOptions, notes: &mut Vec<String>) -> Vec<(u32, u32, f64)> {
    let mut edges: Vec<(u32, u32, f64)> = match opts.backbone {
        Some(a) => {
            let kept = disparity_backbone(g, a);
            notes.push(format!(
                "disparity-filter backbone at α = {a} (Serrano et al. 2009): {} of {} edges kept",
                kept.len(),
                g.edge_count()
            ));
            kept
        }
        None => g.edges().collect(),
    };
    if let Some(w) = opts.min_weight {
        let before = edges.len();
        edges.retain(|e| e.2 >= w);
        notes.push(format!(
            "edges of weight below {} dropped ({} of {before})",
            encode::fmt_value(w),
            before - edges.len()
        ));
    }
    edges
}

/// Scales and centres `pos` (node centres, sizes `sizes`) to fit `width` points wide and at
/// most `max_h` high.
fn fit(pos: &mut [(f64, f64)], sizes: &[(f64, f64)], width: f64, max_h: f64) {
    if pos.is_empty() {
        return;
    }
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (p, _) in pos.iter().zip(sizes) {
        x0 = x0.min(p.0);
        x1 = x1.max(p.0);
        y0 = y0.min(p.1);
        y1 = y1.max(p.1);
    }
    let max_w = sizes.iter().map(|s| s.0).fold(0.0, f64::max);
    let max_hh = sizes.iter().map(|s| s.1).fold(0.0, f64::max);
    let avail_w = (width - max_w).max(10.0);
    let avail_h = (max_h - max_hh).max(10.0);
    let sx = if x1 > x0 { avail_w / (x1 - x0) } else { 1.0 };
    let sy = if y1 > y0 {
        avail_h / (y1 - y0)
    } else {
        f64::MAX
    };
    let s = sx.min(sy);
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    for p in pos.iter_mut() {
        *p = ((p.0 - cx) * s, (p.1 - cy) * s);
    }
}

/// Pushes overlapping nodes apart (each pair along the axis where they overlap least, half
/// each way, plus `gap` points) until none overlap or `rounds` passes are done. A sweep over x
/// keeps each pass near O(n log n) for spread-out layouts.
pub fn remove_overlaps(pos: &mut [(f64, f64)], sizes: &[(f64, f64)], gap: f64, rounds: usize) {
    let n = pos.len();
    for _ in 0..rounds {
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| {
            (pos[a].0 - sizes[a].0 / 2.0)
                .partial_cmp(&(pos[b].0 - sizes[b].0 / 2.0))
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.cmp(&b))
        });
        let mut moved = false;
        for ii in 0..n {
            let a = order[ii];
            for &b in &order[ii + 1..] {
                let (ax1, bx0) = (
                    pos[a].0 + sizes[a].0 / 2.0 + gap,
                    pos[b].0 - sizes[b].0 / 2.0,
                );
                if bx0 >= ax1 {
                    break;
                }
                let ox = (sizes[a].0 + sizes[b].0) / 2.0 + gap - (pos[a].0 - pos[b].0).abs();
                let oy = (sizes[a].1 + sizes[b].1) / 2.0 + gap - (pos[a].1 - pos[b].1).abs();
                if ox <= 0.0 || oy <= 0.0 {
                    continue;
                }
                moved = true;
                if ox < oy {
                    let d = if pos[a].0 <= pos[b].0 {
                        ox / 2.0
                    } else {
                        -ox / 2.0
                    };
                    pos[a].0 -= d;
                    pos[b].0 += d;
                } else {
                    let d = if pos[a].1 <= pos[b].1 {
                        oy / 2.0
                    } else {
                        -oy / 2.0
                    };
                    pos[a].1 -= d;
                    pos[b].1 += d;
                }
            }
        }
        if !moved {
            break;
        }
    }
}

/// The drawing width for `n` nodes: small graphs are not blown up to the full width (at most
/// 70 points per √n, never below 120 points).
fn small_graph_width(width: f64, n: usize) -> f64 {
    width.min((70.0 * (n as f64).sqrt()).max(120.0))
}

/// Lays out nodes with `engine` and fits them to `width` × at most `max_h` points: a first
/// layout at ideal edge length `len`, a second one with the length scaled so that the drawing
/// comes out near the target size (overlap removal then works at the true node sizes), a fit,
/// and a final pass that pushes apart any nodes the fit made overlap.
fn layout_fit(
    sizes: &[(f64, f64)],
    pairs: &[(usize, usize)],
    engine: &str,
    len: f64,
    width: f64,
    max_h: f64,
) -> Result<Vec<(f64, f64)>> {
    let mut pos = layout::positions(sizes, pairs, engine, len)?;
    let small = sizes.len() <= layout::OVERLAP_REMOVAL_MAX;
    if small && sizes.len() > 2 {
        let (x0, x1) = pos
            .iter()
            .zip(sizes)
            .fold((f64::MAX, f64::MIN), |(a, b), (p, s)| {
                (a.min(p.0 - s.0 / 2.0), b.max(p.0 + s.0 / 2.0))
            });
        let (y0, y1) = pos
            .iter()
            .zip(sizes)
            .fold((f64::MAX, f64::MIN), |(a, b), (p, s)| {
                (a.min(p.1 - s.1 / 2.0), b.max(p.1 + s.1 / 2.0))
            });
        let s1 = (width / (x1 - x0).max(1.0)).min(max_h / (y1 - y0).max(1.0));
        if !(0.8..=1.25).contains(&s1) {
            pos = layout::positions(sizes, pairs, engine, len * s1)?;
        }
    }
    fit(&mut pos, sizes, width, max_h);
    if small {
        remove_overlaps(&mut pos, sizes, 1.0, 300);
    }
    Ok(pos)
}

/// Layout sizes that reserve room for each label in `labels`: the node's box widened to the
/// label's width and heightened by one label line, so that after overlap removal every label
/// fits below its node ([`to_node_centres`] moves the node to the top of its box).
fn with_label_room(sizes: &[(f64, f64)], labels: &[(usize, String)]) -> Vec<(f64, f64)> {
    let mut out = sizes.to_vec();
    let lh = text::line_height(LABEL_PT) + 2.0;
    for (i, label) in labels {
        let w = text::width(label, LABEL_PT) + 2.0;
        out[*i] = (out[*i].0.max(w), out[*i].1 + lh);
    }
    out
}

/// Box centres (from a layout of [`with_label_room`] sizes) to node centres: a node with
/// room for a label sits at the top of its box.
fn to_node_centres(pos: &mut [(f64, f64)], sizes: &[(f64, f64)], room: &[(f64, f64)]) {
    for ((p, s), r) in pos.iter_mut().zip(sizes).zip(room) {
        p.1 += (r.1 - s.1) / 2.0;
    }
}

/// Places labels for `order` (node index, text) into `scene` in that order; returns how
/// many found no room.
fn place_labels(scene: &mut Scene, order: &[(usize, String)]) -> usize {
    let node_rects: Vec<Rect> = scene.nodes.iter().map(|n| n.rect()).collect();
    let mut placed: Vec<Rect> = scene.texts.iter().map(|t| t.rect()).collect();
    let mut may_cover: Vec<bool> = scene
        .nodes
        .iter()
        .map(|n| n.shape == Shape::Circle)
        .collect();
    for (i, _) in order {
        may_cover[*i] = false;
    }
    let mut missed = 0;
    for (i, label) in order {
        if !scene.place_label(*i, label, LABEL_PT, &mut placed, &node_rects, &may_cover) {
            missed += 1;
        }
    }
    missed
}

fn circle(x: f64, y: f64, d: f64, fill: &str, tooltip: &str) -> SNode {
    SNode {
        x,
        y,
        w: d,
        h: d,
        shape: Shape::Circle,
        fill: fill.to_string(),
        stroke: "#FFFFFF".into(),
        inside: None,
        tooltip: tooltip.to_string(),
    }
}

/// Legend entries of `cats` counted over the `drawn` cities only
/// ([`Categories::drawn_entries`]).
fn colour_entries(cats: &Categories, drawn: &[u32]) -> Option<(String, Vec<(String, String)>)> {
    if cats.entries.is_empty() {
        return None;
    }
    let rows = cats
        .drawn_entries(drawn)
        .into_iter()
        .map(|(label, colour, n)| (format!("{label} ({n})"), colour))
        .collect();
    Some((cats.title.clone(), rows))
}

fn with_alpha(hex: &str, alpha: &str) -> String {
    if hex.len() == 7 {
        format!("{hex}{alpha}")
    } else {
        hex.to_string()
    }
}

/// Appends the legend below the drawing, returning the DOT.
fn finish(mut scene: Scene, legend: &Legend, width: f64, title: &str) -> Figure {
    let label_boxes = scene.texts.iter().map(|t| t.rect()).collect();
    let node_boxes = scene
        .nodes
        .iter()
        .filter(|n| n.shape != Shape::Point)
        .map(|n| n.rect())
        .collect();
    let b = scene.bounds();
    let x0 = b.0.min(-width / 2.0);
    let w = (b.2 - x0).max(width);
    encode::draw_legend(&mut scene, legend, x0, b.1 - 8.0, w);
    Figure {
        dot: scene.to_dot(title),
        caption: legend.caption.clone(),
        label_boxes,
        node_boxes,
    }
}

fn labels_default(opts: &FigureOptions, n: usize, big: usize) -> usize {
    opts.labels.unwrap_or(if n <= 50 { n } else { big })
}

fn label_note(asked: usize, shown: usize, missed: usize, metric: &str, total: usize) -> String {
    let mut s = if asked >= total && missed == 0 {
        "Every city labelled".to_string()
    } else if asked >= total {
        format!("Labels: all {total} cities")
    } else {
        format!("Labels: the {asked} largest by {metric}")
    };
    let _ = shown;
    if missed > 0 {
        s.push_str(&format!(" ({missed} left out for lack of room)"));
    }
    s.push('.');
    s
}

fn engine_note(engine: &str) -> String {
    if engine == "circle" {
        "Layout: nodes on a circle in input order.".into()
    } else {
        format!("Layout: Graphviz {engine} (seeded).")
    }
}

fn graph_name(ds: &Dataset) -> &'static str {
    if ds.is_two_mode() {
        "City projection: cities joined by shared programs (edge weight: Σ w·w over shared programs; with unit weights, the number of shared programs)."
    } else if ds.kind == InputKind::EdgeList {
        "Edge list graph."
    } else {
        "Direct ties between cities."
    }
}

fn title_of(ds: &Dataset, opts: &FigureOptions, fallback: &str) -> String {
    opts.title.clone().unwrap_or_else(|| {
        if ds.meta.title.is_empty() {
            fallback.to_string()
        } else {
            ds.meta.title.clone()
        }
    })
}

/// The one-mode city graph.
pub fn network(ds: &Dataset, gr: &Graphs, cv: &CityValues, opts: &FigureOptions) -> Result<Figure> {
    let metric = opts
        .size
        .clone()
        .unwrap_or_else(|| default_size(ds, View::Network).to_string());
    let values = cv.get(&metric)?;
    let cats = categories(ds, gr, cv, opts.color.as_deref())?;
    let g = &gr.g;
    let n = g.node_count();
    let mut notes = vec![];
    let edges = thin_edges(g, opts, &mut notes);
    let edge_filtered = opts.backbone.is_some() || opts.min_weight.is_some();
    let mut keep: Vec<bool> = vec![!edge_filtered; n];
    for &(a, b, _) in &edges {
        keep[a as usize] = true;
        keep[b as usize] = true;
    }
    let dropped_isolated = keep.iter().filter(|k| !**k).count();
    if edge_filtered && dropped_isolated > 0 {
        notes.push(format!(
            "{dropped_isolated} cities left without an edge not drawn"
        ));
    }
    let mut order = ranked((0..n as u32).filter(|&v| keep[v as usize]), values);
    if let Some(k) = opts.top {
        if k < order.len() {
            notes.push(format!(
                "only the {k} cities with the largest {metric} (of {}) drawn",
                order.len()
            ));
            order.truncate(k);
        }
    }
    // Large drawings: the largest connected component only (force-directed layouts scatter
    // thousands of small components into unreadable bands).
    if order.len() > LARGEST_COMPONENT_ABOVE {
        let keep = largest_component(n, &order, &edges);
        let before = order.len();
        let components = count_components(n, &order, &edges);
        order.retain(|v| keep[*v as usize]);
        if order.len() < before {
            notes.push(format!(
                "only the largest connected component drawn ({} of {before} cities; {} smaller components left out)",
                order.len(),
                components - 1
            ));
        }
    }
    let mut drawn = order.clone();
    drawn.sort_unstable();
    let mut index = vec![usize::MAX; n];
    for (i, &v) in drawn.iter().enumerate() {
        index[v as usize] = i;
    }
    let sub_edges: Vec<(usize, usize, f64)> = edges
        .iter()
        .filter(|e| index[e.0 as usize] != usize::MAX && index[e.1 as usize] != usize::MAX)
        .map(|e| (index[e.0 as usize], index[e.1 as usize], e.2))
        .collect();
    let m = drawn.len();
    let width = opts.width_pt();
    let max_d = (0.45 * width / (m.max(1) as f64).sqrt()).clamp(5.0, 16.0);
    let sizes_scale = SizeScale::new(
        &metric,
        drawn.iter().map(|&v| values[v as usize]),
        max_d,
        2.5,
    );
    let diam: Vec<f64> = drawn
        .iter()
        .map(|&v| sizes_scale.diameter(values[v as usize]))
        .collect();
    let sizes: Vec<(f64, f64)> = diam.iter().map(|&d| (d, d)).collect();
    let engine = opts
        .layout
        .clone()
        .unwrap_or_else(|| layout::default_engine(m).to_string());
    let spacing = (width * width / m.max(1) as f64).sqrt();
    let pairs: Vec<(usize, usize)> = sub_edges.iter().map(|e| (e.0, e.1)).collect();
    let k = labels_default(opts, m, 20).min(m);
    let label_order: Vec<(usize, String)> = order
        .iter()
        .take(k)
        .map(|&v| (index[v as usize], ds.cities[v as usize].name.clone()))
        .collect();
    let room = with_label_room(&sizes, &label_order);
    let w_eff = small_graph_width(width, m);
    let mut pos = layout_fit(&room, &pairs, &engine, spacing * 0.8, w_eff, w_eff * 1.1)?;
    to_node_centres(&mut pos, &sizes, &room);
    let mut scene = Scene::default();
    for (i, &v) in drawn.iter().enumerate() {
        let fill = with_alpha(&cats.fill[v as usize], "E6");
        scene.nodes.push(circle(
            pos[i].0,
            pos[i].1,
            diam[i],
            &fill,
            &ds.city_label(v as usize),
        ));
    }
    let es = EdgeScale::new(sub_edges.iter().map(|e| e.2), 0.25, 2.5);
    let edge_colour = "#55555566";
    for &(a, b, w) in &sub_edges {
        scene.edges.push(SEdge {
            a,
            b,
            width: es.width(w),
            color: edge_colour.into(),
            dashed: false,
        });
    }
    let missed = place_labels(&mut scene, &label_order);
    let mut caption = vec![graph_name(ds).to_string()];
    caption.push(format!(
        "Shown: {m} of {n} cities and {} of {} edges.",
        sub_edges.len(),
        g.edge_count()
    ));
    if !notes.is_empty() {
        caption.push(format!("Filtered: {}.", notes.join("; ")));
    }
    caption.push(format!(
        "{} {}",
        label_note(k, k - missed, missed, &metric, m),
        engine_note(&engine)
    ));
    let legend = Legend {
        colours: colour_entries(&cats, &drawn),
        size: Some(sizes_scale),
        edge_kinds: if !sub_edges.is_empty() && !es.varies() {
            vec![(
                format!("edge (weight {})", encode::fmt_value(es.w_max)),
                "#555555".to_string(),
                false,
            )]
        } else {
            vec![]
        },
        edges: (!sub_edges.is_empty() && es.varies())
            .then(|| ("weight".to_string(), es, "#555555".to_string())),
        caption,
        ..Default::default()
    };
    Ok(finish(
        scene,
        &legend,
        width,
        &title_of(ds, opts, "City network"),
    ))
}

/// The network view draws only the largest connected component above this many cities.
pub const LARGEST_COMPONENT_ABOVE: usize = 300;

fn find(parent: &mut [u32], mut x: u32) -> u32 {
    while parent[x as usize] != x {
        parent[x as usize] = parent[parent[x as usize] as usize];
        x = parent[x as usize];
    }
    x
}

/// Union-find roots of the nodes in `nodes` under `edges` (both ends in `nodes`).
fn component_roots(n: usize, nodes: &[u32], edges: &[(u32, u32, f64)]) -> Vec<u32> {
    let mut inside = vec![false; n];
    for &v in nodes {
        inside[v as usize] = true;
    }
    let mut parent: Vec<u32> = (0..n as u32).collect();
    for &(a, b, _) in edges {
        if inside[a as usize] && inside[b as usize] {
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            if ra != rb {
                parent[ra.max(rb) as usize] = ra.min(rb);
            }
        }
    }
    (0..n as u32).map(|v| find(&mut parent, v)).collect()
}

/// Which of `nodes` are in their largest connected component (ties: the one holding the
/// smallest node id).
fn largest_component(n: usize, nodes: &[u32], edges: &[(u32, u32, f64)]) -> Vec<bool> {
    let root = component_roots(n, nodes, edges);
    let mut size = std::collections::BTreeMap::new();
    for &v in nodes {
        *size.entry(root[v as usize]).or_insert(0usize) += 1;
    }
    let best = size
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|x| *x.0);
    let mut keep = vec![false; n];
    for &v in nodes {
        keep[v as usize] = Some(root[v as usize]) == best;
    }
    keep
}

fn count_components(n: usize, nodes: &[u32], edges: &[(u32, u32, f64)]) -> usize {
    let root = component_roots(n, nodes, edges);
    let mut r: Vec<u32> = nodes.iter().map(|&v| root[v as usize]).collect();
    r.sort_unstable();
    r.dedup();
    r.len()
}

/// Which cities and programs a two-mode figure draws.
struct TwoModeSel {
    cities: Vec<u32>,
    programs: Vec<u32>,
    centre: Option<u32>,
    /// Draw direct ties among the drawn cities (dashed).
    ties: bool,
    /// Ego views: each city's number of steps from the centre; only ties between consecutive
    /// steps are drawn (those the neighbourhood was reached through).
    dist: Option<Vec<usize>>,
    notes: Vec<String>,
    kind_note: String,
}

/// The two-mode figure: cities and programs.
pub fn bipartite(
    ds: &Dataset,
    gr: &Graphs,
    cv: &CityValues,
    opts: &FigureOptions,
) -> Result<Figure> {
    if gr.two_mode.is_none() {
        return Err(Error::Usage(
            "the bipartite view needs an input with programs (a membership table or a network folder with memberships)".into(),
        ));
    }
    if opts.backbone.is_some() {
        return Err(Error::Usage(
            "--backbone thins the city projection: use it with --view network, map or ego".into(),
        ));
    }
    let sel = TwoModeSel {
        cities: (0..ds.cities.len() as u32).collect(),
        programs: (0..ds.programs.len() as u32).collect(),
        centre: None,
        ties: false,
        dist: None,
        notes: vec![],
        kind_note: "Cities and the programs they belong to (two-mode graph).".into(),
    };
    two_mode_figure(ds, gr, cv, opts, sel, View::Bipartite)
}

/// Finds the city named `name` ("Name" or "Name, Country", case-insensitive).
pub fn find_city(ds: &Dataset, name: &str) -> Result<u32> {
    let want = name.trim().to_lowercase();
    let by_label: Vec<u32> = (0..ds.cities.len() as u32)
        .filter(|&c| ds.city_label(c as usize).to_lowercase() == want)
        .collect();
    if by_label.len() == 1 {
        return Ok(by_label[0]);
    }
    let by_name: Vec<u32> = (0..ds.cities.len() as u32)
        .filter(|&c| ds.cities[c as usize].name.trim().to_lowercase() == want)
        .collect();
    match by_name.len() {
        1 => Ok(by_name[0]),
        0 => Err(Error::Usage(format!(
            "--city {name:?}: no such city in the input (citynet metrics lists every city)"
        ))),
        _ => Err(Error::Usage(format!(
            "--city {name:?} is ambiguous: {}; write \"Name, Country\"",
            by_name
                .iter()
                .map(|&c| format!("{:?}", ds.city_label(c as usize)))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// The ego figure: `--city` and its neighbourhood to `--depth`.
pub fn ego(ds: &Dataset, gr: &Graphs, cv: &CityValues, opts: &FigureOptions) -> Result<Figure> {
    let Some(name) = opts.city.as_deref() else {
        return Err(Error::Usage("the ego view needs --city NAME".into()));
    };
    let c = find_city(ds, name)?;
    let depth = opts.depth.max(1);
    let n = ds.cities.len();
    let mut dist = vec![usize::MAX; n];
    dist[c as usize] = 0;
    let mut frontier = vec![c];
    let mut programs = std::collections::BTreeSet::new();
    let tie_graph = if ds.is_two_mode() {
        gr.ties.as_ref()
    } else {
        Some(&gr.g)
    };
    for d in 1..=depth {
        let mut next = vec![];
        for &v in &frontier {
            if let Some(t) = &gr.two_mode {
                for &p in t.programs_of(v as usize).0 {
                    programs.insert(p);
                    for &u in t.members_of(p as usize).0 {
                        if dist[u as usize] == usize::MAX {
                            dist[u as usize] = d;
                            next.push(u);
                        }
                    }
                }
            }
            if let Some(tg) = tie_graph {
                for &u in tg.neighbors(v as usize) {
                    if dist[u as usize] == usize::MAX {
                        dist[u as usize] = d;
                        next.push(u);
                    }
                }
            }
        }
        next.sort_unstable();
        frontier = next;
    }
    let cities: Vec<u32> = (0..n as u32)
        .filter(|&v| dist[v as usize] != usize::MAX)
        .collect();
    let step = if ds.is_two_mode() && tie_graph.is_some() {
        "a shared program or a direct tie"
    } else if ds.is_two_mode() {
        "a shared program"
    } else {
        "an edge"
    };
    let sel = TwoModeSel {
        cities,
        programs: programs.into_iter().collect(),
        centre: Some(c),
        ties: tie_graph.is_some(),
        dist: Some(dist.clone()),
        notes: vec![],
        kind_note: format!(
            "{} and every city within {depth} step{} of it (a step: {step}){}.",
            ds.city_label(c as usize),
            if depth == 1 { "" } else { "s" },
            if ds.is_two_mode() {
                ", with the programs those steps go through"
            } else {
                ""
            }
        ),
    };
    let mut o = opts.clone();
    if o.title.is_none() {
        o.title = Some(format!("{}: ego network", ds.city_label(c as usize)));
    }
    two_mode_figure(ds, gr, cv, &o, sel, View::Ego)
}

fn two_mode_figure(
    ds: &Dataset,
    gr: &Graphs,
    cv: &CityValues,
    opts: &FigureOptions,
    mut sel: TwoModeSel,
    view: View,
) -> Result<Figure> {
    let metric = opts
        .size
        .clone()
        .unwrap_or_else(|| default_size(ds, view).to_string());
    let values = cv.get(&metric)?;
    let cats = categories(ds, gr, cv, opts.color.as_deref())?;
    let coloured = !cats.entries.is_empty();
    let total_cities = sel.cities.len();
    // Memberships among the selection, after --min-weight.
    let mut memberships: Vec<(u32, u32, f64)> = vec![];
    let in_prog: std::collections::BTreeSet<u32> = sel.programs.iter().copied().collect();
    if let Some(t) = &gr.two_mode {
        for &c in &sel.cities {
            let (ps, ws) = t.programs_of(c as usize);
            for (&p, &w) in ps.iter().zip(ws) {
                if in_prog.contains(&p) {
                    memberships.push((c, p, w));
                }
            }
        }
    }
    if let Some(w) = opts.min_weight {
        let before = memberships.len();
        memberships.retain(|m| m.2 >= w);
        sel.notes.push(format!(
            "memberships of weight below {} dropped ({} of {before})",
            encode::fmt_value(w),
            before - memberships.len()
        ));
    }
    // Ties among the selection (thinned like the network view).
    let mut ties: Vec<(u32, u32, f64)> = vec![];
    if sel.ties {
        let tg = if ds.is_two_mode() {
            gr.ties.as_ref()
        } else {
            Some(&gr.g)
        };
        if let Some(tg) = tg {
            let member: std::collections::BTreeSet<u32> = sel.cities.iter().copied().collect();
            let mut notes = vec![];
            let mut o = opts.clone();
            if ds.is_two_mode() {
                o.min_weight = None;
            }
            ties = thin_edges(tg, &o, &mut notes)
                .into_iter()
                .filter(|e| member.contains(&e.0) && member.contains(&e.1))
                .filter(|e| match &sel.dist {
                    // With programs, only the ties that lead outward; a one-mode ego network
                    // shows every edge among its cities.
                    Some(d) if ds.is_two_mode() => d[e.0 as usize].abs_diff(d[e.1 as usize]) == 1,
                    _ => true,
                })
                .collect();
            sel.notes.extend(notes);
        }
    }
    // --top: keep the K largest cities (the centre always).
    let mut order = ranked(sel.cities.iter().copied(), values);
    if let Some(c) = sel.centre {
        order.retain(|&v| v != c);
        order.insert(0, c);
    }
    if let Some(k) = opts.top {
        if k < order.len() {
            sel.notes.push(format!(
                "only the {k} cities with the largest {metric} (of {}) drawn",
                order.len()
            ));
            order.truncate(k.max(1));
        }
    }
    let mut cities = order.clone();
    cities.sort_unstable();
    let keep: std::collections::BTreeSet<u32> = cities.iter().copied().collect();
    memberships.retain(|m| keep.contains(&m.0));
    ties.retain(|e| keep.contains(&e.0) && keep.contains(&e.1));
    let programs: Vec<u32> = sel
        .programs
        .iter()
        .copied()
        .filter(|p| memberships.iter().any(|m| m.1 == *p))
        .collect();
    let n_c = cities.len();
    let width = opts.width_pt();
    let max_d = (0.45 * width / ((n_c + programs.len()).max(1) as f64).sqrt()).clamp(5.0, 16.0);
    let scale = SizeScale::new(
        &metric,
        cities.iter().map(|&v| values[v as usize]),
        max_d,
        2.5,
    );
    let t = gr.two_mode.as_ref();
    let mut sizes: Vec<(f64, f64)> = cities
        .iter()
        .map(|&v| {
            let d = scale.diameter(values[v as usize]);
            (d, d)
        })
        .collect();
    let prog_label = |p: u32| -> Vec<String> {
        let members = t.map(|t| t.members_of(p as usize).0.len()).unwrap_or(0);
        text::wrap(
            &format!("{} ({members})", ds.programs[p as usize].name),
            PROGRAM_PT,
            PROGRAM_WRAP,
        )
    };
    for &p in &programs {
        let lines = prog_label(p);
        let w = lines
            .iter()
            .map(|l| text::width(l, PROGRAM_PT))
            .fold(0.0, f64::max)
            + 6.0;
        sizes.push((w, text::line_height(PROGRAM_PT) * lines.len() as f64 + 4.0));
    }
    let c_index: std::collections::HashMap<u32, usize> =
        cities.iter().enumerate().map(|(i, &v)| (v, i)).collect();
    let p_index: std::collections::HashMap<u32, usize> = programs
        .iter()
        .enumerate()
        .map(|(i, &p)| (p, n_c + i))
        .collect();
    let mut pairs: Vec<(usize, usize)> = memberships
        .iter()
        .filter_map(|m| Some((c_index[&m.0], *p_index.get(&m.1)?)))
        .collect();
    pairs.extend(ties.iter().map(|e| (c_index[&e.0], c_index[&e.1])));
    let total = sizes.len();
    let engine = opts
        .layout
        .clone()
        .unwrap_or_else(|| layout::default_engine(total).to_string());
    let spacing = (width * width / total.max(1) as f64).sqrt();
    let k = labels_default(opts, n_c, 20).min(n_c);
    let label_order: Vec<(usize, String)> = order
        .iter()
        .take(k)
        .map(|&v| (c_index[&v], ds.cities[v as usize].name.clone()))
        .collect();
    let room = with_label_room(&sizes, &label_order);
    let w_eff = small_graph_width(width, total);
    let mut pos = layout_fit(&room, &pairs, &engine, spacing * 0.9, w_eff, w_eff * 1.1)?;
    to_node_centres(&mut pos, &sizes, &room);
    let mut scene = Scene::default();
    for (i, &v) in cities.iter().enumerate() {
        let fill = if coloured {
            with_alpha(&cats.fill[v as usize], "E6")
        } else {
            TWO_MODE_CITY.to_string()
        };
        let mut node = circle(
            pos[i].0,
            pos[i].1,
            sizes[i].0,
            &fill,
            &ds.city_label(v as usize),
        );
        if sel.centre == Some(v) {
            node.stroke = "#000000".into();
            if !coloured {
                node.fill = CENTRE_FILL.into();
            }
        }
        scene.nodes.push(node);
    }
    for (j, &p) in programs.iter().enumerate() {
        let i = n_c + j;
        scene.nodes.push(SNode {
            x: pos[i].0,
            y: pos[i].1,
            w: sizes[i].0,
            h: sizes[i].1,
            shape: Shape::Box,
            fill: PROGRAM_FILL.into(),
            stroke: PROGRAM_FILL.into(),
            inside: Some((prog_label(p).join("\n"), PROGRAM_PT, "#FFFFFF".into())),
            tooltip: ds.programs[p as usize].name.clone(),
        });
    }
    let es = EdgeScale::new(memberships.iter().map(|m| m.2), 0.3, 1.8);
    for m in &memberships {
        let colour = if coloured {
            "#77777780".to_string()
        } else {
            with_alpha(palette::category(m.1 as usize), "99")
        };
        scene.edges.push(SEdge {
            a: c_index[&m.0],
            b: p_index[&m.1],
            width: es.width(m.2),
            color: colour,
            dashed: false,
        });
    }
    let one_mode = gr.two_mode.is_none();
    let tie_scale = EdgeScale::new(ties.iter().map(|e| e.2), 0.3, 1.8);
    for e in &ties {
        scene.edges.push(SEdge {
            a: c_index[&e.0],
            b: c_index[&e.1],
            width: if one_mode { tie_scale.width(e.2) } else { 0.7 },
            color: if one_mode { "#555555AA" } else { "#000000AA" }.into(),
            dashed: !one_mode,
        });
    }
    let missed = place_labels(&mut scene, &label_order);
    let mut caption = vec![sel.kind_note.clone()];
    if one_mode {
        caption.push(format!(
            "Shown: {n_c} of {total_cities} cities, {} edges.",
            ties.len()
        ));
    } else {
        caption.push(format!(
            "Shown: {n_c} of {total_cities} cities, {} programs, {} memberships{}.",
            programs.len(),
            memberships.len(),
            if sel.ties {
                format!(
                    ", {} direct tie{} (dashed{})",
                    ties.len(),
                    if ties.len() == 1 { "" } else { "s" },
                    if sel.dist.is_some() {
                        "; only those that lead one step further from the centre"
                    } else {
                        ""
                    }
                )
            } else {
                String::new()
            }
        ));
    }
    if !sel.notes.is_empty() {
        caption.push(format!("Filtered: {}.", sel.notes.join("; ")));
    }
    caption.push(format!(
        "{}{} {}",
        if one_mode {
            ""
        } else {
            "Boxes: programs (members in brackets). "
        },
        label_note(k, k - missed, missed, &metric, n_c),
        engine_note(&engine)
    ));
    let mut shapes = vec![];
    if !one_mode {
        shapes.push(("program".to_string(), Shape::Box, PROGRAM_FILL.to_string()));
    }
    shapes.push((
        "city".to_string(),
        Shape::Circle,
        if coloured { "#FFFFFF" } else { TWO_MODE_CITY }.to_string(),
    ));
    if sel.centre.is_some() {
        shapes.push((
            "centre (black ring)".into(),
            Shape::Circle,
            if coloured { "#FFFFFF" } else { CENTRE_FILL }.to_string(),
        ));
    }
    let mut edge_kinds = vec![];
    if !coloured && programs.len() > 1 {
        for &p in programs.iter().take(palette::CATEGORICAL.len()) {
            edge_kinds.push((
                ds.programs[p as usize].name.clone(),
                palette::category(p as usize).to_string(),
                false,
            ));
        }
    }
    let legend = Legend {
        shapes,
        colours: colour_entries(&cats, &cities),
        size: Some(scale),
        edges: if one_mode {
            (!ties.is_empty() && tie_scale.varies()).then(|| {
                (
                    "weight".to_string(),
                    tie_scale.clone(),
                    "#555555".to_string(),
                )
            })
        } else {
            es.varies().then(|| {
                (
                    "membership weight".to_string(),
                    es.clone(),
                    "#777777".to_string(),
                )
            })
        },
        edge_kinds,
        caption,
    };
    let default_title = if view == View::Ego {
        "Ego network"
    } else {
        "Cities and programs"
    };
    Ok(finish(
        scene,
        &legend,
        width,
        &title_of(ds, opts, default_title),
    ))
}

/// The map: cities at their coordinates.
pub fn map(ds: &Dataset, gr: &Graphs, cv: &CityValues, opts: &FigureOptions) -> Result<Figure> {
    let located: Vec<u32> = (0..ds.cities.len() as u32)
        .filter(|&c| {
            let x = &ds.cities[c as usize];
            matches!((x.lat, x.lon), (Some(a), Some(b)) if a.is_finite() && b.is_finite())
        })
        .collect();
    if located.is_empty() {
        return Err(Error::Usage(
            "the map view needs city coordinates (lat and lon columns); none of the cities has them".into(),
        ));
    }
    let metric = opts
        .size
        .clone()
        .unwrap_or_else(|| default_size(ds, View::Map).to_string());
    let values = cv.get(&metric)?;
    let cats = categories(ds, gr, cv, opts.color.as_deref())?;
    let n = ds.cities.len();
    let (graph, layer, one) = match (&gr.ties, ds.is_two_mode()) {
        (Some(t), true) => (t, "direct ties", "direct tie"),
        _ if ds.is_two_mode() => (
            &gr.g,
            "city-projection edges (shared programs)",
            "shared program",
        ),
        _ => (&gr.g, "edges", "edge"),
    };
    let mut notes = vec![];
    let edges = thin_edges(graph, opts, &mut notes);
    let mut order = ranked(located.iter().copied(), values);
    if let Some(k) = opts.top {
        if k < order.len() {
            notes.push(format!(
                "only the {k} cities with the largest {metric} (of {}) drawn",
                order.len()
            ));
            order.truncate(k);
        }
    }
    let mut drawn = order.clone();
    drawn.sort_unstable();
    let mut index = vec![usize::MAX; n];
    for (i, &v) in drawn.iter().enumerate() {
        index[v as usize] = i;
    }
    let sub: Vec<(usize, usize, f64)> = edges
        .iter()
        .filter(|e| index[e.0 as usize] != usize::MAX && index[e.1 as usize] != usize::MAX)
        .map(|e| (index[e.0 as usize], index[e.1 as usize], e.2))
        .collect();
    let width = opts.width_pt();
    let frame = geo::Frame::world(width, -58.0, 84.0);
    let scale = SizeScale::new(
        &metric,
        drawn.iter().map(|&v| values[v as usize]),
        (width / 45.0).clamp(5.0, 14.0),
        2.0,
    );
    let mut scene = Scene {
        background: Some(geo::background(&frame, "#F4F8FB", "#E6E6E6", "#B0B0B0")),
        ..Default::default()
    };
    let (lo, hi) = frame.corners();
    scene.keep_inside = vec![lo, hi];
    // Draw large nodes first so that small ones stay visible on top.
    let mut paint: Vec<usize> = (0..drawn.len()).collect();
    paint.sort_by(|&a, &b| {
        values[drawn[b] as usize]
            .partial_cmp(&values[drawn[a] as usize])
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.cmp(&b))
    });
    let mut slot = vec![0usize; drawn.len()];
    for (s, &i) in paint.iter().enumerate() {
        slot[i] = s;
        let v = drawn[i] as usize;
        let c = &ds.cities[v];
        let (x, y) = frame.point(c.lon.unwrap_or(0.0), c.lat.unwrap_or(0.0));
        let mut node = circle(
            x,
            y,
            scale.diameter(values[v]),
            &with_alpha(
                if cats.entries.is_empty() {
                    "#0072B2"
                } else {
                    &cats.fill[v]
                },
                "D0",
            ),
            &ds.city_label(v),
        );
        node.stroke = "#FFFFFF".into();
        scene.nodes.push(node);
    }
    let es = EdgeScale::new(sub.iter().map(|e| e.2), 0.25, 1.5);
    for &(a, b, w) in &sub {
        scene.edges.push(SEdge {
            a: slot[a],
            b: slot[b],
            width: es.width(w),
            color: "#33333355".into(),
            dashed: false,
        });
    }
    let m = drawn.len();
    let k = labels_default(opts, m, 15).min(m);
    let label_order: Vec<(usize, String)> = order
        .iter()
        .take(k)
        .map(|&v| (slot[index[v as usize]], ds.cities[v as usize].name.clone()))
        .collect();
    let missed = place_labels(&mut scene, &label_order);
    let mut caption = vec![format!(
        "Cities at their coordinates, Equal Earth projection; country outlines: Natural Earth 1:110m (public domain). Lines: {layer}, drawn straight (not great circles)."
    )];
    let unlocated = n - located.len();
    caption.push(format!(
        "Shown: {m} of {n} cities{}, {} of {} {layer}.",
        if unlocated > 0 {
            format!(" ({unlocated} without coordinates left out)")
        } else {
            String::new()
        },
        sub.len(),
        graph.edge_count()
    ));
    if !notes.is_empty() {
        caption.push(format!("Filtered: {}.", notes.join("; ")));
    }
    caption.push(label_note(k, k - missed, missed, &metric, m));
    let legend = Legend {
        colours: colour_entries(&cats, &drawn),
        size: Some(scale),
        edge_kinds: if !sub.is_empty() && !es.varies() {
            vec![(
                format!("{one} (weight {})", encode::fmt_value(es.w_max)),
                "#333333AA".to_string(),
                false,
            )]
        } else {
            vec![]
        },
        edges: (!sub.is_empty() && es.varies())
            .then(|| (format!("{layer} weight"), es, "#333333AA".to_string())),
        caption,
        ..Default::default()
    };
    Ok(finish(
        scene,
        &legend,
        width,
        &title_of(ds, opts, "Cities on the map"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::scene::overlaps;

    #[test]
    fn overlap_removal_separates_every_pair() {
        // 60 boxes piled on a few points.
        let mut pos: Vec<(f64, f64)> = (0..60)
            .map(|i| ((i % 3) as f64 * 2.0, (i % 5) as f64 * 1.5))
            .collect();
        let sizes: Vec<(f64, f64)> = (0..60)
            .map(|i| (4.0 + (i % 7) as f64, 3.0 + (i % 4) as f64))
            .collect();
        remove_overlaps(&mut pos, &sizes, 1.0, 2000);
        let rect = |i: usize| {
            (
                pos[i].0 - sizes[i].0 / 2.0,
                pos[i].1 - sizes[i].1 / 2.0,
                pos[i].0 + sizes[i].0 / 2.0,
                pos[i].1 + sizes[i].1 / 2.0,
            )
        };
        for a in 0..60 {
            for b in a + 1..60 {
                assert!(!overlaps(rect(a), rect(b)), "{a} and {b} overlap");
            }
        }
    }

    #[test]
    fn labels_never_overlap_labels_or_labelled_nodes() {
        // A dense grid of nodes, every one to be labelled with a long name.
        let mut scene = Scene::default();
        for i in 0..100 {
            scene.nodes.push(circle(
                (i % 10) as f64 * 12.0,
                (i / 10) as f64 * 12.0,
                6.0,
                "#000000",
                "",
            ));
        }
        let order: Vec<(usize, String)> = (0..100)
            .map(|i| (i, format!("Washington, D.C. {i}")))
            .collect();
        let missed = place_labels(&mut scene, &order);
        assert!(missed > 0 && missed < 100, "{missed}");
        let labels: Vec<Rect> = scene.texts.iter().map(|t| t.rect()).collect();
        for (i, a) in labels.iter().enumerate() {
            for b in &labels[i + 1..] {
                assert!(!overlaps(*a, *b));
            }
            // Every node is labelled, so no label may cover any node's disc.
            for n in scene.nodes.iter().filter(|n| n.shape == Shape::Circle) {
                let cx = n.x.clamp(a.0, a.2);
                let cy = n.y.clamp(a.1, a.3);
                assert!((cx - n.x).powi(2) + (cy - n.y).powi(2) >= (n.w / 2.0).powi(2) - 1e-9);
            }
        }
    }
}
