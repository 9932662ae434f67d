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
use super::values::default_size;
use super::values::CityValues;
use crate::error::{Error, Result};
use crate::graph::disparity::disparity_backbone;
use crate::graph::{Csr, Layer};
use crate::metrics::backbone::Validated;
use crate::metrics::plan::GraphMode;
use crate::metrics::Graphs;
use crate::model::{Dataset, InputKind};

mod map;
mod network;
mod two_mode;

pub use map::{map, EXTENT_SHARE, MAP_DENSE_ABOVE, MAP_DISCS, MAP_LINES};
pub use network::{network, LARGEST_COMPONENT_ABOVE, STRONGEST_DRAWN};
pub use two_mode::{bipartite, ego, find_city, BIPARTITE_CITIES, PROGRAMS_DRAWN};

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
    /// The cities drawn (ids), for checks of the caption.
    pub drawn_cities: Vec<u32>,
    /// The city–city edges drawn (ids, smaller first), for checks of the caption.
    pub drawn_edges: Vec<(u32, u32)>,
    /// The city discs in paint order (later ones on top): (city, x, y, diameter), for checks
    /// of draw order and label distances (maps and two-mode views).
    pub city_nodes: Vec<(u32, f64, f64, f64)>,
    /// The node labels: (text, box), for checks.
    pub labels: Vec<(String, Rect)>,
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
/// ([`super::values::wanted`]) and, for `--graph validated`, the validated projection.
pub fn build(
    ds: &Dataset,
    gr: &Graphs,
    cv: &CityValues,
    opts: &FigureOptions,
    validated: Option<&Validated>,
) -> Result<Figure> {
    check_options(opts)?;
    match opts.view {
        View::Network => network(ds, gr, cv, opts, validated),
        View::Bipartite => bipartite(ds, gr, cv, opts),
        View::Map => map(ds, gr, cv, opts, validated),
        View::Ego => ego(ds, gr, cv, opts, validated),
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

/// The edges of `g` after `--backbone` then `--min-weight`, and the caption notes. `partial`:
/// `g` holds only G's edges among the [`STRONGEST_DRAWN`] strongest cities (G not built), so
/// the notes say that the filters saw only those edges.
fn thin_edges(
    g: &Csr,
    opts: &FigureOptions,
    partial: bool,
    notes: &mut Vec<String>,
) -> Vec<(u32, u32, f64)> {
    let scope = if partial {
        format!(" among the {STRONGEST_DRAWN} cities of largest strength")
    } else {
        String::new()
    };
    let mut edges: Vec<(u32, u32, f64)> = match opts.backbone {
        Some(a) => {
            let kept = disparity_backbone(g, a);
            notes.push(format!(
                "disparity-filter backbone at α = {a} (Serrano et al. 2009): {} of {} edges{scope} kept",
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
            "edges of weight below {} dropped ({} of {before}{scope})",
            encode::fmt_value(w),
            before - edges.len()
        ));
    }
    edges
}

/// The graph whose edges a network or map figure draws: the validated projection for
/// `--graph validated` (with the caption sentence naming its test), else `fallback`.
fn edge_source<'a>(
    opts: &FigureOptions,
    validated: Option<&'a Validated>,
    fallback: &'a Csr,
) -> Result<(&'a Csr, Option<String>)> {
    match (opts.edges, validated) {
        (Layer::Validated, Some(v)) => {
            let what = match v.report.model.as_str() {
                "sdsm" => "only the city pairs that share more programs than the null model expects from the cities' and programs' sizes",
                "fixedrow" => "only the city pairs that share more programs than the null model expects from the cities' numbers of programs",
                "disparity" => "only the edges whose weight stands out at one of their two ends",
                _ => "only the pairs at or above a weight threshold",
            };
            Ok((
                &v.graph,
                Some(format!(
                    "Validated projection (citynet backbone): {what} — {}. Metrics (node size, \
                     communities) are those of the full city projection.",
                    v.report.describe()
                )),
            ))
        }
        (Layer::Validated, None) => Err(Error::Usage(
            "--graph validated needs the validated projection (an input with programs, or --model disparity or threshold for a graph without them)".into(),
        )),
        // The other layers are not city edges of these views: G is drawn.
        _ => Ok((fallback, None)),
    }
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
    place_labels_avoiding(scene, order, &[])
}

/// [`place_labels`], keeping labels off the `blocked` boxes too (a map's inset).
fn place_labels_avoiding(scene: &mut Scene, order: &[(usize, String)], blocked: &[Rect]) -> usize {
    let node_rects: Vec<Rect> = scene.nodes.iter().map(|n| n.rect()).collect();
    let mut placed: Vec<Rect> = scene.texts.iter().map(|t| t.rect()).collect();
    placed.extend_from_slice(blocked);
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
fn finish(
    mut scene: Scene,
    legend: &Legend,
    width: f64,
    title: &str,
    drawn: (Vec<u32>, Vec<(u32, u32)>),
) -> Figure {
    let label_boxes = scene.texts.iter().map(|t| t.rect()).collect();
    let labels = scene
        .texts
        .iter()
        .map(|t| (t.lines.join(" "), t.rect()))
        .collect();
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
        drawn_cities: drawn.0,
        drawn_edges: drawn.1,
        city_nodes: vec![],
        labels,
    }
}

fn labels_default(opts: &FigureOptions, n: usize, big: usize) -> usize {
    opts.labels.unwrap_or(if n <= 50 { n } else { big })
}

fn label_note(asked: usize, missed: usize, metric: &str, total: usize) -> String {
    let mut s = if asked >= total && missed == 0 {
        "Every city labelled".to_string()
    } else if asked >= total {
        // Every city was to be labelled but some labels did not fit: say how many are shown.
        format!(
            "Labels: {} of {total} cities ({missed} left out for lack of room)",
            total.saturating_sub(missed)
        )
    } else {
        format!("Labels: the {asked} largest by {metric}")
    };
    if missed > 0 && asked < total {
        s.push_str(&format!(" ({missed} left out for lack of room)"));
    }
    s.push('.');
    s
}

/// The legend of edge widths: one entry naming `one` edge and its weight when every edge
/// weighs the same, else the width scale named `scale_name`; nothing without edges.
type EdgeKinds = Vec<(String, String, bool)>;
fn edge_legend(
    es: EdgeScale,
    any: bool,
    one: &str,
    scale_name: String,
    colour: &str,
) -> (EdgeKinds, Option<(String, EdgeScale, String)>) {
    if !any {
        return (vec![], None);
    }
    if !es.varies() {
        let kind = format!("{one} (weight {})", encode::fmt_value(es.w_max));
        return (vec![(kind, colour.to_string(), false)], None);
    }
    (vec![], Some((scale_name, es, colour.to_string())))
}

/// A laid-out drawing before its legend: the scene, the scales, the layout engine (empty for
/// maps) and how many labels were asked for and left out.
struct Drawing {
    scene: Scene,
    sizes: SizeScale,
    edges: EdgeScale,
    engine: String,
    labels: usize,
    missed: usize,
}

/// `--top K`: keeps the first `K` (at least `min_keep`) of `order`, with a note when some
/// are left out.
fn keep_top(
    order: &mut Vec<u32>,
    top: Option<usize>,
    min_keep: usize,
    metric: &str,
    notes: &mut Vec<String>,
) {
    if let Some(k) = top {
        if k < order.len() {
            notes.push(format!(
                "only the {k} cities with the largest {metric} (of {}) drawn",
                order.len()
            ));
            order.truncate(k.max(min_keep));
        }
    }
}

/// The cities a figure draws (in id order), each city's index among them (`usize::MAX` when
/// not drawn) and the edges among them, by index.
struct Drawn {
    cities: Vec<u32>,
    index: Vec<usize>,
    edges: Vec<(usize, usize, f64)>,
}

impl Drawn {
    /// The cities of `order` among `n` and the `edges` between them.
    fn new(n: usize, order: &[u32], edges: &[(u32, u32, f64)]) -> Drawn {
        let mut cities = order.to_vec();
        cities.sort_unstable();
        let mut index = vec![usize::MAX; n];
        for (i, &v) in cities.iter().enumerate() {
            index[v as usize] = i;
        }
        let edges = edges
            .iter()
            .filter(|e| index[e.0 as usize] != usize::MAX && index[e.1 as usize] != usize::MAX)
            .map(|e| (index[e.0 as usize], index[e.1 as usize], e.2))
            .collect();
        Drawn {
            cities,
            index,
            edges,
        }
    }

    /// The drawn cities and edges as city ids (for [`Figure::drawn_cities`]).
    fn ids(&self) -> (Vec<u32>, Vec<(u32, u32)>) {
        let c = &self.cities;
        let edges = self
            .edges
            .iter()
            .map(|e| {
                let (a, b) = (c[e.0], c[e.1]);
                (a.min(b), a.max(b))
            })
            .collect();
        (c.clone(), edges)
    }

    /// The labels of the first `k` cities of `order`: (scene node, name), the node being
    /// `node(index)`.
    fn label_order(
        &self,
        ds: &Dataset,
        order: &[u32],
        k: usize,
        node: impl Fn(usize) -> usize,
    ) -> Vec<(usize, String)> {
        order
            .iter()
            .take(k)
            .map(|&v| {
                (
                    node(self.index[v as usize]),
                    ds.cities[v as usize].name.clone(),
                )
            })
            .collect()
    }
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
        let t = network_title(ds);
        if t.is_empty() {
            fallback.to_string()
        } else {
            t
        }
    })
}

/// The network's name for titles: its `network.toml` title, else the input's file name made
/// readable (`city_networks-2020` → `City networks 2020`).
pub fn network_title(ds: &Dataset) -> String {
    if !ds.meta.title.is_empty() && ds.meta.title != ds.name {
        return ds.meta.title.clone();
    }
    let words: Vec<&str> = ds
        .name
        .split(|c: char| c == '_' || c == '-' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    let joined = words.join(" ");
    let mut chars = joined.chars();
    match chars.next() {
        Some(f) => f.to_uppercase().chain(chars).collect(),
        None => ds.name.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::scene::overlaps;

    #[test]
    fn label_note_counts_the_labels_shown() {
        assert_eq!(label_note(38, 0, "strength", 38), "Every city labelled.");
        // Regression: "Labels: all 38 cities (1 left out for lack of room)".
        assert_eq!(
            label_note(38, 1, "strength", 38),
            "Labels: 37 of 38 cities (1 left out for lack of room)."
        );
        assert_eq!(
            label_note(15, 4, "strength", 13980),
            "Labels: the 15 largest by strength (4 left out for lack of room)."
        );
        assert_eq!(
            label_note(20, 0, "degree", 150),
            "Labels: the 20 largest by degree."
        );
    }

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
