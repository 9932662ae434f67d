//! The map view: cities at their coordinates.

use super::*;

/// The map: cities at their coordinates; lines are the direct ties, G, or with `--edges
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
    let sub = Drawn::new(n, &order, &edges);
    let width = opts.width_pt();
    // Validated pairs are few: drawn darker, in vermillion, so that they read on the map.
    let line = if source.is_some() {
        ("#D55E00B0", "#D55E00")
    } else {
        ("#33333355", "#333333AA")
    };
    let drawing = map_scene(ds, opts, &sub, &order, values, &metric, &cats, line.0);
    let m = sub.cities.len();
    let mut caption = vec![format!(
        "Cities at their coordinates, Equal Earth projection; country outlines: Natural Earth 1:110m (public domain). Lines: {layer}, drawn straight (not great circles)."
    )];
    caption.extend(source.clone());
    let unlocated = n - located.len();
    let unlocated = if unlocated > 0 {
        format!(" ({unlocated} without coordinates left out)")
    } else {
        String::new()
    };
    let e = sub.edges.len();
    caption.push(if partial {
        format!(
            "Shown: {m} of {n} cities{unlocated}, and {e} {layer}: G is too large to build at this size, so only its edges among the {STRONGEST_DRAWN} cities of largest strength are drawn."
        )
    } else {
        format!(
            "Shown: {m} of {n} cities{unlocated}, {e} of {} {layer}.",
            graph.edge_count()
        )
    });
    caption.extend(opts.note.clone());
    if !notes.is_empty() {
        caption.push(format!("Filtered: {}.", notes.join("; ")));
    }
    caption.push(label_note(drawing.labels, drawing.missed, &metric, m));
    let any = !sub.edges.is_empty();
    let (edge_kinds, edge_scale) =
        edge_legend(drawing.edges, any, one, format!("{layer} weight"), line.1);
    let legend = Legend {
        colours: colour_entries(&cats, &sub.cities),
        size: Some(drawing.sizes),
        edge_kinds,
        edges: edge_scale,
        caption,
        ..Default::default()
    };
    Ok(finish(
        drawing.scene,
        &legend,
        width,
        &title_of(ds, opts, "Cities on the map"),
        sub.ids(),
    ))
}

/// Draws the cities of `sub` at their coordinates over the world map (large discs first, so
/// that small ones stay visible on top), the edges among them, and labels the first of
/// `order`; lines in `line_colour`.
#[allow(clippy::too_many_arguments)]
fn map_scene(
    ds: &Dataset,
    opts: &FigureOptions,
    sub: &Drawn,
    order: &[u32],
    values: &[f64],
    metric: &str,
    cats: &Categories,
    line_colour: &str,
) -> Drawing {
    let drawn = &sub.cities;
    let width = opts.width_pt();
    let frame = geo::Frame::world(width, -58.0, 84.0);
    let scale = SizeScale::new(
        metric,
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
        let fill = if cats.entries.is_empty() {
            "#0072B2"
        } else {
            &cats.fill[v]
        };
        let mut node = circle(
            x,
            y,
            scale.diameter(values[v]),
            &with_alpha(fill, "D0"),
            &ds.city_label(v),
        );
        node.stroke = "#FFFFFF".into();
        scene.nodes.push(node);
    }
    let es = EdgeScale::new(sub.edges.iter().map(|e| e.2), 0.25, 1.5);
    for &(a, b, w) in &sub.edges {
        scene.edges.push(SEdge {
            a: slot[a],
            b: slot[b],
            width: es.width(w),
            color: line_colour.into(),
            dashed: false,
        });
    }
    let m = drawn.len();
    let k = labels_default(opts, m, 15).min(m);
    let label_order = sub.label_order(ds, order, k, |i| slot[i]);
    let missed = place_labels(&mut scene, &label_order);
    Drawing {
        scene,
        sizes: scale,
        edges: es,
        engine: String::new(),
        labels: k,
        missed,
    }
}
