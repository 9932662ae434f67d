//! The map view: cities at their coordinates.

use super::*;
use crate::render::options::Extent;

/// Above this many cities in the frame, only the largest [`MAP_DISCS`] are drawn as discs and
/// the others as small translucent dots (a density layer under the discs).
pub const MAP_DENSE_ABOVE: usize = 1000;
/// Cities drawn as discs on a dense map.
pub const MAP_DISCS: usize = 400;
/// Most lines a map draws: the heaviest among the cities in the frame.
pub const MAP_LINES: usize = 300;
/// The share of the located cities the automatic extent holds.
pub const EXTENT_SHARE: f64 = 0.98;

/// The map: cities at their coordinates; lines are the direct ties, G, or with `--graph
/// validated` the validated projection.
pub fn map(
    ds: &Dataset,
    gr: &Graphs,
    cv: &CityValues,
    opts: &FigureOptions,
    validated: Option<&Validated>,
) -> Result<Figure> {
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
    let (graph, source) = edge_source(opts, validated, graph)?;
    let (layer, one) = match source {
        Some(_) => ("validated pairs", "validated pair"),
        None => (layer, one),
    };
    // G not built: the graph holds only G's edges among its strongest cities.
    let partial = source.is_none()
        && graph.node_count() > 0
        && std::ptr::eq(graph, &gr.g)
        && gr.mode == GraphMode::ThroughTwoMode;
    let mut notes = vec![];
    let edges = thin_edges(graph, opts, partial, &mut notes);
    let mut order = ranked(located.iter().copied(), values);
    keep_top(&mut order, opts.top, 0, &metric, &mut notes);
    let width = opts.width_pt();
    let (frame, extent_note, inside, outside) = frame_and_split(ds, opts, &order, width);
    let discs = if inside.len() > MAP_DENSE_ABOVE {
        MAP_DISCS
    } else {
        inside.len()
    };
    let sub = Drawn::new(n, &inside[..discs], &[]);
    let (among, lines, all_lines) = heaviest_lines(n, &inside, &edges, values);
    let uniform = edges.windows(2).all(|w| w[0].2 == w[1].2);
    // Validated pairs are few: drawn darker, in vermillion, so that they read on the map.
    let line = if source.is_some() {
        ("#D55E00B0", "#D55E00")
    } else {
        ("#33333399", "#333333")
    };
    let layers = MapLayers {
        frame,
        dots: &inside[discs..],
        outside: &outside,
    };
    let (drawing, paint) = map_scene(
        ds, opts, &sub, &lines, &inside, &layers, values, &metric, &cats, line.0,
    );
    let mut caption = vec![
        "Cities at their coordinates, Equal Earth projection; country outlines: Natural Earth 1:110m (public domain).".to_string(),
        extent_note,
    ];
    caption.extend(source.clone());
    caption.push(shown_sentence(
        ds, &located, &inside, &outside, discs, &metric,
    ));
    caption.push(lines_sentence(
        lines.len(),
        all_lines,
        layer,
        partial,
        uniform,
    ));
    caption.extend(opts.note.clone());
    if !notes.is_empty() {
        caption.push(format!("Filtered: {}.", notes.join("; ")));
    }
    caption.push(label_note(drawing.labels, drawing.missed, &metric, discs));
    let any = !lines.is_empty();
    let (edge_kinds, edge_scale) =
        edge_legend(drawing.edges, any, one, format!("{layer} weight"), line.1);
    let mut drawn_cities = inside.clone();
    drawn_cities.sort_unstable();
    let legend = Legend {
        colours: colour_entries(&cats, &drawn_cities),
        size: Some(drawing.sizes),
        edge_kinds,
        edges: edge_scale,
        caption,
        ..Default::default()
    };
    let ids = among.ids();
    let mut fig = finish(
        drawing.scene,
        &legend,
        width,
        &title_of(ds, opts, "Cities on the map"),
        (drawn_cities, ids.1),
    );
    fig.city_nodes = paint;
    Ok(fig)
}

/// The frame of the map (fitted to the cities a dense map draws as discs, the largest, or to
/// every city), its caption sentence, and the cities of `order` inside and outside it.
fn frame_and_split(
    ds: &Dataset,
    opts: &FigureOptions,
    order: &[u32],
    width: f64,
) -> (geo::Frame, String, Vec<u32>, Vec<u32>) {
    let lonlat = |v: u32| {
        let c = &ds.cities[v as usize];
        (c.lon.unwrap_or(0.0), c.lat.unwrap_or(0.0))
    };
    let framed = if order.len() > MAP_DENSE_ABOVE {
        MAP_DISCS
    } else {
        order.len()
    };
    let pts: Vec<(f64, f64)> = order[..framed].iter().map(|&v| lonlat(v)).collect();
    let (frame, note) = map_frame(opts.extent, &pts, framed < order.len(), width);
    let (inside, outside) = order.iter().partition(|&&v| {
        let (lon, lat) = lonlat(v);
        frame.contains(lon, lat)
    });
    (frame, note, inside, outside)
}

/// The lines a map draws: among every city of `inside` (discs and dots), the [`MAP_LINES`]
/// heaviest of `edges` (ties by ids). Returns them as a [`Drawn`], as city-id triples, and
/// how many there were before the cut.
fn heaviest_lines(
    n: usize,
    inside: &[u32],
    edges: &[(u32, u32, f64)],
    values: &[f64],
) -> (Drawn, Vec<(u32, u32, f64)>, usize) {
    let mut among = Drawn::new(n, inside, edges);
    let all = among.edges.len();
    let c = &among.cities;
    // Of equal weights, the lines between the largest cities (by the size metric) first.
    let smaller_end =
        |e: &(usize, usize, f64)| values[c[e.0] as usize].min(values[c[e.1] as usize]);
    among.edges.sort_by(|a, b| {
        b.2.partial_cmp(&a.2)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(
                smaller_end(b)
                    .partial_cmp(&smaller_end(a))
                    .unwrap_or(std::cmp::Ordering::Equal),
            )
            .then((a.0, a.1).cmp(&(b.0, b.1)))
    });
    among.edges.truncate(MAP_LINES);
    let lines = among
        .edges
        .iter()
        .map(|e| (among.cities[e.0], among.cities[e.1], e.2))
        .collect();
    (among, lines, all)
}

/// The frame of `--extent` for the cities at `pts` (lon, lat), and the caption sentence.
/// `discs_only`: `pts` are the cities drawn as discs, not all of them.
fn map_frame(
    extent: Extent,
    pts: &[(f64, f64)],
    discs_only: bool,
    width: f64,
) -> (geo::Frame, String) {
    let max_h = width * 0.75;
    let deg = |x: f64| format!("{}°", encode::fmt_value((x * 10.0).round() / 10.0));
    let boxed = |b: (f64, f64, f64, f64)| {
        format!(
            "longitude {} to {}, latitude {} to {}",
            deg(b.0),
            deg(b.2),
            deg(b.1),
            deg(b.3)
        )
    };
    match extent {
        Extent::World => (
            geo::Frame::world(width, -58.0, 84.0),
            "Extent: the whole world (--extent world).".into(),
        ),
        Extent::Box(a, b, c, d) => (
            geo::Frame::window(width, max_h, (a, b, c, d)),
            format!("Extent: {} (--extent).", boxed((a, b, c, d))),
        ),
        Extent::Auto => match geo::data_box(pts, EXTENT_SHARE) {
            Some(b) => (
                geo::Frame::window(width, max_h, b),
                format!(
                    "Extent: {}, the box of the central {}% of the {} in each direction.",
                    boxed(b),
                    encode::fmt_value(EXTENT_SHARE * 100.0),
                    if discs_only {
                        format!("{} cities drawn as discs", pts.len())
                    } else {
                        "located cities".to_string()
                    }
                ),
            ),
            None => (
                geo::Frame::world(width, -58.0, 84.0),
                "Extent: the whole world (the located cities span most of it).".into(),
            ),
        },
    }
}

/// "Shown: …" of the map caption.
fn shown_sentence(
    ds: &Dataset,
    located: &[u32],
    inside: &[u32],
    outside: &[u32],
    discs: usize,
    metric: &str,
) -> String {
    let n = ds.cities.len();
    let unlocated = n - located.len();
    let mut s = format!(
        "Shown: {} of {} cities",
        charts_count(inside.len()),
        charts_count(n)
    );
    if unlocated > 0 {
        s.push_str(&format!(
            " ({} without coordinates left out)",
            charts_count(unlocated)
        ));
    }
    if !outside.is_empty() {
        s.push_str(&format!(
            "; {} outside the frame appear only as dots in the world inset",
            charts_count(outside.len())
        ));
    }
    if discs < inside.len() {
        s.push_str(&format!(
            ". The {discs} largest by {metric} are discs (largest drawn on top), the other {} small translucent dots.",
            charts_count(inside.len() - discs)
        ));
    } else {
        s.push_str(". Largest drawn on top.");
    }
    s
}

/// "Lines: …" of the map caption: how many lines are drawn of how many there are among the
/// cities drawn as discs.
/// `uniform`: every line weighs the same, so the lines kept are those between the largest
/// cities.
fn lines_sentence(drawn: usize, all: usize, layer: &str, partial: bool, uniform: bool) -> String {
    let scope = if partial {
        format!(" (G is too large to build at this size: only its edges among the {STRONGEST_DRAWN} cities of largest strength count)")
    } else {
        String::new()
    };
    if all == 0 {
        format!("No lines: no {layer} among the cities drawn{scope}.")
    } else if drawn == all {
        format!("Lines: all {drawn} {layer} among the cities drawn{scope}, drawn straight (not great circles).")
    } else if uniform {
        format!(
            "Lines: {drawn} of the {} {layer} among the cities drawn{scope}, those between the largest cities (every line has the same weight), drawn straight (not great circles).",
            charts_count(all)
        )
    } else {
        format!(
            "Lines: the {drawn} heaviest of the {} {layer} among the cities drawn{scope} (of equal weights, those between the largest cities), drawn straight (not great circles).",
            charts_count(all)
        )
    }
}

fn charts_count(n: usize) -> String {
    crate::render::charts::fmt_count(n)
}

/// What a map draws besides its discs: the frame, the cities drawn as dots, and those outside
/// the frame (in the world inset).
struct MapLayers<'a> {
    frame: geo::Frame,
    dots: &'a [u32],
    outside: &'a [u32],
}

/// Draws the cities of `sub` as discs at their coordinates (smallest first, so that the
/// largest are on top), the dots of `layers` under them, the world inset, the edges among
/// the discs, and labels the first of `order`; lines in `line_colour`. Returns the drawing
/// and the discs in paint order (city, x, y, diameter).
#[allow(clippy::too_many_arguments)]
fn map_scene(
    ds: &Dataset,
    opts: &FigureOptions,
    sub: &Drawn,
    lines: &[(u32, u32, f64)],
    order: &[u32],
    layers: &MapLayers,
    values: &[f64],
    metric: &str,
    cats: &Categories,
    line_colour: &str,
) -> (Drawing, Vec<(u32, f64, f64, f64)>) {
    let drawn = &sub.cities;
    let width = opts.width_pt();
    let frame = layers.frame;
    let scale = SizeScale::new(
        metric,
        drawn.iter().map(|&v| values[v as usize]),
        (width / 45.0).clamp(5.0, 14.0),
        2.0,
    );
    let fill_of = |v: usize| {
        if cats.entries.is_empty() {
            "#0072B2".to_string()
        } else {
            cats.fill[v].clone()
        }
    };
    let pos = |v: u32| {
        let c = &ds.cities[v as usize];
        frame.point(c.lon.unwrap_or(0.0), c.lat.unwrap_or(0.0))
    };
    let mut bg = geo::background(&frame, "#F4F8FB", "#E6E6E6", "#B0B0B0");
    let dots: Vec<(f64, f64, f64, String)> = layers
        .dots
        .iter()
        .rev()
        .map(|&v| {
            let (x, y) = pos(v);
            (x, y, 1.6, with_alpha(&fill_of(v as usize), "70"))
        })
        .collect();
    bg.push_str(&geo::dots(&dots));
    let (lo, hi) = frame.corners();
    let disc_pos: Vec<(f64, f64)> = drawn.iter().map(|&v| pos(v)).collect();
    let inset = (!layers.outside.is_empty() && frame.window.is_some())
        .then(|| world_inset(ds, &frame, &disc_pos, layers.outside, &fill_of));
    let mut scene = Scene {
        background: Some(bg),
        ..Default::default()
    };
    scene.keep_inside = vec![lo, hi];
    let mut paint: Vec<usize> = (0..drawn.len()).collect();
    paint.sort_by(|&a, &b| {
        values[drawn[a] as usize]
            .partial_cmp(&values[drawn[b] as usize])
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(b.cmp(&a))
    });
    let mut slot = vec![0usize; drawn.len()];
    let mut painted = vec![];
    for (s, &i) in paint.iter().enumerate() {
        slot[i] = s;
        let v = drawn[i] as usize;
        let (x, y) = disc_pos[i];
        let d = scale.diameter(values[v]);
        let mut node = circle(x, y, d, &with_alpha(&fill_of(v), "D0"), &ds.city_label(v));
        node.stroke = "#FFFFFF".into();
        scene.nodes.push(node);
        painted.push((v as u32, x, y, d));
    }
    let es = EdgeScale::new(lines.iter().map(|e| e.2), 0.3, 1.5);
    let mut under = String::new();
    for &(a, b, w) in lines {
        let (ia, ib) = (sub.index[a as usize], sub.index[b as usize]);
        if ia != usize::MAX && ib != usize::MAX {
            scene.edges.push(SEdge {
                a: slot[ia],
                b: slot[ib],
                width: es.width(w),
                color: line_colour.into(),
                dashed: false,
            });
        } else {
            // A line to a city drawn as a dot: in the background, under the discs.
            under.push_str(&geo::line(pos(a), pos(b), line_colour, es.width(w)));
        }
    }
    // Lines under the discs, then the inset over everything in the background.
    if let Some(bg) = scene.background.as_mut() {
        bg.push_str(&under);
        if let Some((ops, _)) = &inset {
            bg.push_str(ops);
        }
    }
    let m = drawn.len();
    let k = labels_default(opts, m, 15).min(m);
    let label_order = sub.label_order(ds, order, k, |i| slot[i]);
    let blocked: Vec<Rect> = inset.iter().map(|i| i.1).collect();
    let missed = place_labels_avoiding(&mut scene, &label_order, &blocked);
    (
        Drawing {
            scene,
            sizes: scale,
            edges: es,
            engine: String::new(),
            labels: k,
            missed,
        },
        painted,
    )
}

/// The world inset of a map framed on a window: the world outline and land, the window as a
/// rectangle, and the cities `outside` it as dots; in the corner of the frame that holds the
/// fewest of the discs at `discs`. Returns the xdot operations and the inset's box.
fn world_inset(
    ds: &Dataset,
    frame: &geo::Frame,
    discs: &[(f64, f64)],
    outside: &[u32],
    fill_of: &dyn Fn(usize) -> String,
) -> (String, Rect) {
    let (lo, hi) = frame.corners();
    let iw = ((hi.0 - lo.0) * 0.26).max(60.0);
    let world = geo::Frame::world(iw, -58.0, 84.0);
    let (wlo, whi) = world.corners();
    let ih = whi.1 - wlo.1;
    let pad = 3.0;
    let corners = [
        (lo.0 + pad, lo.1 + pad),
        (hi.0 - pad - iw, lo.1 + pad),
        (lo.0 + pad, hi.1 - pad - ih),
        (hi.0 - pad - iw, hi.1 - pad - ih),
    ];
    let count = |c: &(f64, f64)| {
        discs
            .iter()
            .filter(|p| p.0 >= c.0 && p.0 <= c.0 + iw && p.1 >= c.1 && p.1 <= c.1 + ih)
            .count()
    };
    let best = corners
        .iter()
        .min_by_key(|c| count(c))
        .copied()
        .unwrap_or(corners[0]);
    let mut inset = world;
    inset.offset = (best.0 + iw / 2.0, best.1 + ih / 2.0);
    let (ilo, ihi) = inset.corners();
    let bx = (ilo.0 - 1.0, ilo.1 - 1.0, ihi.0 + 1.0, ihi.1 + 1.0);
    let mut s = geo::polygon(
        &[(bx.0, bx.1), (bx.2, bx.1), (bx.2, bx.3), (bx.0, bx.3)],
        "#FFFFFF",
        "#888888",
        0.4,
    );
    s.push_str(&geo::background(&inset, "#F4F8FB", "#E0E0E0", "#E0E0E0"));
    if let Some((x0, y0, x1, y1)) = frame.window {
        let sc = inset.scale;
        let o = inset.offset;
        let r = [
            (x0 * sc + o.0, y0 * sc + o.1),
            (x1 * sc + o.0, y0 * sc + o.1),
            (x1 * sc + o.0, y1 * sc + o.1),
            (x0 * sc + o.0, y1 * sc + o.1),
        ];
        s.push_str(&geo::polygon(&r, "#FFFFFF00", "#D55E00", 0.6));
    }
    let dots: Vec<(f64, f64, f64, String)> = outside
        .iter()
        .map(|&v| {
            let c = &ds.cities[v as usize];
            let (x, y) = inset.point(c.lon.unwrap_or(0.0), c.lat.unwrap_or(0.0));
            (x, y, 1.8, fill_of(v as usize))
        })
        .collect();
    s.push_str(&geo::dots(&dots));
    (s, bx)
}
