//! The network view: the one-mode city graph G.

use super::*;

/// The one-mode city graph, or with `--graph validated` the validated projection.
pub fn network(
    ds: &Dataset,
    gr: &Graphs,
    cv: &CityValues,
    opts: &FigureOptions,
    validated: Option<&Validated>,
) -> Result<Figure> {
    let metric = opts
        .size
        .clone()
        .unwrap_or_else(|| default_size(ds, View::Network).to_string());
    let values = cv.get(&metric)?;
    let cats = categories(ds, gr, cv, opts.color.as_deref())?;
    let (g, source) = edge_source(opts, validated, &gr.g)?;
    let partial = source.is_none() && gr.mode == GraphMode::ThroughTwoMode;
    let n = g.node_count();
    let mut notes = vec![];
    let edges = thin_edges(g, opts, partial, &mut notes);
    let sel = CitySelection {
        edge_filtered: opts.backbone.is_some() || opts.min_weight.is_some() || source.is_some(),
        partial,
    };
    let order = network_cities(n, &edges, values, opts, &metric, sel, &mut notes);
    let sub = Drawn::new(n, &order, &edges);
    let width = opts.width_pt();
    let drawing = network_scene(ds, opts, &sub, &order, values, &metric, &cats)?;
    let m = sub.cities.len();
    let e = sub.edges.len();
    let mut caption = vec![source.clone().unwrap_or_else(|| graph_name(ds).to_string())];
    caption.push(if partial {
        format!(
            "Shown: {m} of {n} cities and {e} of the {} edges of G among the {STRONGEST_DRAWN} cities of largest strength (G itself is too large to build at this size).",
            g.edge_count()
        )
    } else if source.is_some() {
        format!("Shown: {m} of {n} cities and {e} of {} kept pairs.", g.edge_count())
    } else {
        format!("Shown: {m} of {n} cities and {e} of {} edges.", g.edge_count())
    });
    caption.extend(opts.note.clone());
    if !notes.is_empty() {
        caption.push(format!("Filtered: {}.", notes.join("; ")));
    }
    caption.push(format!(
        "{} {}",
        label_note(drawing.labels, drawing.missed, &metric, m),
        engine_note(&drawing.engine)
    ));
    let (edge_kinds, edge_scale) =
        edge_legend(drawing.edges, e > 0, "edge", "weight".into(), "#555555");
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
        &title_of(ds, opts, "City network"),
        sub.ids(),
    ))
}

/// How the network view chooses its cities: whether an edge filter (or the validated
/// projection) leaves out cities without an edge, and whether the graph holds only G's edges
/// among the strongest cities (G not built).
#[derive(Clone, Copy)]
struct CitySelection {
    edge_filtered: bool,
    partial: bool,
}

/// When G is too large to build, the figures draw its edges among this many cities of
/// largest strength (the network view draws these cities by default).
pub const STRONGEST_DRAWN: usize = 150;

/// The cities the network view draws, in label order (largest `values` first): those left
/// with an edge by an edge filter, the `--top` largest, and above
/// [`LARGEST_COMPONENT_ABOVE`] the largest connected component; each step adds its note.
fn network_cities(
    n: usize,
    edges: &[(u32, u32, f64)],
    values: &[f64],
    opts: &FigureOptions,
    metric: &str,
    sel: CitySelection,
    notes: &mut Vec<String>,
) -> Vec<u32> {
    let edge_filtered = sel.edge_filtered;
    let mut keep: Vec<bool> = vec![!edge_filtered; n];
    for &(a, b, _) in edges {
        keep[a as usize] = true;
        keep[b as usize] = true;
    }
    let dropped_isolated = keep.iter().filter(|k| !**k).count();
    if edge_filtered && sel.partial {
        // Only the strongest cities had an edge to lose: count those, not the cities that
        // were never in the figure graph.
        let candidates = n.min(STRONGEST_DRAWN);
        let dropped = candidates.saturating_sub(n - dropped_isolated);
        if dropped > 0 {
            notes.push(format!(
                "{dropped} of the {candidates} cities of largest strength left without an edge not drawn"
            ));
        }
    } else if edge_filtered && dropped_isolated > 0 {
        notes.push(format!(
            "{dropped_isolated} cities left without an edge not drawn"
        ));
    }
    let mut order = ranked((0..n as u32).filter(|&v| keep[v as usize]), values);
    // G not built: its strongest cities (the graph holds no edge elsewhere, so components
    // would say nothing about G).
    let top = opts.top.or(sel.partial.then_some(STRONGEST_DRAWN));
    keep_top(&mut order, top, 0, metric, notes);
    // Large drawings: the largest connected component only (force-directed layouts scatter
    // thousands of small components into unreadable bands).
    if order.len() > LARGEST_COMPONENT_ABOVE && !sel.partial {
        let keep = largest_component(n, &order, edges);
        let before = order.len();
        let components = count_components(n, &order, edges);
        order.retain(|v| keep[*v as usize]);
        if order.len() < before {
            notes.push(format!(
                "only the largest connected component of what remains drawn ({} of {before} cities; {} smaller components left out)",
                order.len(),
                components - 1
            ));
        }
    }
    order
}

/// Lays out and draws the cities of `sub` (discs by `values`, edges by weight) and labels
/// the first of `order`.
fn network_scene(
    ds: &Dataset,
    opts: &FigureOptions,
    sub: &Drawn,
    order: &[u32],
    values: &[f64],
    metric: &str,
    cats: &Categories,
) -> Result<Drawing> {
    let drawn = &sub.cities;
    let m = drawn.len();
    let width = opts.width_pt();
    let max_d = (0.45 * width / (m.max(1) as f64).sqrt()).clamp(5.0, 16.0);
    let sizes_scale = SizeScale::new(
        metric,
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
    let pairs: Vec<(usize, usize)> = sub.edges.iter().map(|e| (e.0, e.1)).collect();
    let k = labels_default(opts, m, 20).min(m);
    let label_order = sub.label_order(ds, order, k, |i| i);
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
    let es = EdgeScale::new(sub.edges.iter().map(|e| e.2), 0.25, 2.5);
    let edge_colour = "#55555566";
    for &(a, b, w) in &sub.edges {
        scene.edges.push(SEdge {
            a,
            b,
            width: es.width(w),
            color: edge_colour.into(),
            dashed: false,
        });
    }
    let missed = place_labels(&mut scene, &label_order);
    Ok(Drawing {
        scene,
        sizes: sizes_scale,
        edges: es,
        engine,
        labels: k,
        missed,
    })
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
