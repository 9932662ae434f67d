//! The bipartite and ego views: cities with the programs that tie them.

use super::*;

/// Which cities and programs a two-mode figure draws.
struct TwoModeSel<'a> {
    cities: Vec<u32>,
    programs: Vec<u32>,
    centre: Option<u32>,
    /// Draw the edges of `tie_graph` among the drawn cities (dashed beside programs).
    ties: bool,
    /// The graph of direct ties (the tie layer, G of a one-mode input, or the validated
    /// projection).
    tie_graph: Option<&'a Csr>,
    /// No programs drawn: ties are solid and weighted.
    one_mode: bool,
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
        tie_graph: None,
        one_mode: gr.two_mode.is_none(),
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

/// The ego figure: `--city` and its neighbourhood to `--depth` (steps through shared programs
/// and direct ties; with `--edges validated`, through the validated projection's pairs).
pub fn ego(
    ds: &Dataset,
    gr: &Graphs,
    cv: &CityValues,
    opts: &FigureOptions,
    validated: Option<&Validated>,
) -> Result<Figure> {
    let Some(name) = opts.city.as_deref() else {
        return Err(Error::Usage("the ego view needs --city NAME".into()));
    };
    let c = find_city(ds, name)?;
    if opts.edges == Edges::Validated {
        return validated_ego(ds, gr, cv, opts, validated, c);
    }
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
        tie_graph,
        one_mode: gr.two_mode.is_none(),
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

/// The ego figure in the validated projection: city `c`, the cities within `--depth` kept
/// pairs of it and the kept pairs among them (no programs).
fn validated_ego(
    ds: &Dataset,
    gr: &Graphs,
    cv: &CityValues,
    opts: &FigureOptions,
    validated: Option<&Validated>,
    c: u32,
) -> Result<Figure> {
    let (vg, source) = edge_source(opts, validated, &gr.g)?;
    let depth = opts.depth.max(1);
    let n = ds.cities.len();
    let mut dist = vec![usize::MAX; n];
    dist[c as usize] = 0;
    let mut frontier = vec![c];
    for d in 1..=depth {
        let mut next = vec![];
        for &v in &frontier {
            for &u in vg.neighbors(v as usize) {
                if dist[u as usize] == usize::MAX {
                    dist[u as usize] = d;
                    next.push(u);
                }
            }
        }
        next.sort_unstable();
        frontier = next;
    }
    let sel = TwoModeSel {
        cities: (0..n as u32)
            .filter(|&v| dist[v as usize] != usize::MAX)
            .collect(),
        programs: vec![],
        centre: Some(c),
        ties: true,
        tie_graph: Some(vg),
        one_mode: true,
        dist: Some(dist),
        notes: vec![],
        kind_note: format!(
            "{} and every city within {depth} step{} of it, a step being a validated pair. {}",
            ds.city_label(c as usize),
            if depth == 1 { "" } else { "s" },
            source.unwrap_or_default()
        ),
    };
    let mut o = opts.clone();
    if o.title.is_none() {
        o.title = Some(format!(
            "{}: ego network (validated projection)",
            ds.city_label(c as usize)
        ));
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
    let total_cities = sel.cities.len();
    let (mut memberships, mut ties) = selection_edges(gr, opts, &mut sel);
    // --top: keep the K largest cities (the centre always).
    let mut order = ranked(sel.cities.iter().copied(), values);
    if let Some(c) = sel.centre {
        order.retain(|&v| v != c);
        order.insert(0, c);
    }
    keep_top(&mut order, opts.top, 1, &metric, &mut sel.notes);
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
    let parts = TwoModeParts {
        cities,
        programs,
        memberships,
        ties,
    };
    let drawing = two_mode_scene(ds, gr, opts, &sel, &parts, &order, values, &metric, &cats)?;
    let drawn_edges = parts
        .ties
        .iter()
        .map(|e| (e.0.min(e.1), e.0.max(e.1)))
        .collect();
    let legend = two_mode_legend(ds, &sel, &parts, &drawing, total_cities, &metric, &cats);
    let default_title = if view == View::Ego {
        "Ego network"
    } else {
        "Cities and programs"
    };
    Ok(finish(
        drawing.scene,
        &legend,
        opts.width_pt(),
        &title_of(ds, opts, default_title),
        (parts.cities.clone(), drawn_edges),
    ))
}

/// Weighted pairs: `(city, program, weight)` memberships or `(city, city, weight)` ties.
type WeightedPairs = Vec<(u32, u32, f64)>;

/// What a two-mode figure draws: cities and programs in id order, the memberships
/// `(city, program, weight)` and direct ties among them.
struct TwoModeParts {
    cities: Vec<u32>,
    programs: Vec<u32>,
    memberships: Vec<(u32, u32, f64)>,
    ties: Vec<(u32, u32, f64)>,
}

/// The memberships among the selection (after `--min-weight`) and the direct ties among its
/// cities (thinned like the network view; in ego views with programs only those that lead
/// one step outward); notes go to `sel.notes`.
fn selection_edges(
    gr: &Graphs,
    opts: &FigureOptions,
    sel: &mut TwoModeSel,
) -> (WeightedPairs, WeightedPairs) {
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
    let mut ties: Vec<(u32, u32, f64)> = vec![];
    if let (true, Some(tg)) = (sel.ties, sel.tie_graph) {
        let member: std::collections::BTreeSet<u32> = sel.cities.iter().copied().collect();
        let mut notes = vec![];
        let mut o = opts.clone();
        if !sel.one_mode {
            o.min_weight = None;
        }
        ties = thin_edges(tg, &o, false, &mut notes)
            .into_iter()
            .filter(|e| member.contains(&e.0) && member.contains(&e.1))
            .filter(|e| match &sel.dist {
                // With programs, only the ties that lead outward; a one-mode ego network
                // shows every edge among its cities.
                Some(d) if !sel.one_mode => d[e.0 as usize].abs_diff(d[e.1 as usize]) == 1,
                _ => true,
            })
            .collect();
        sel.notes.extend(notes);
    }
    (memberships, ties)
}

/// The text of a program's box: its name and member count, wrapped.
fn program_label(ds: &Dataset, gr: &Graphs, p: u32) -> Vec<String> {
    let members = gr
        .two_mode
        .as_ref()
        .map(|t| t.members_of(p as usize).0.len())
        .unwrap_or(0);
    text::wrap(
        &format!("{} ({members})", ds.programs[p as usize].name),
        PROGRAM_PT,
        PROGRAM_WRAP,
    )
}

/// Node sizes of a two-mode figure: city discs by `values` (then program boxes fitted to
/// their text), and the size scale.
fn two_mode_sizes(
    ds: &Dataset,
    gr: &Graphs,
    opts: &FigureOptions,
    parts: &TwoModeParts,
    values: &[f64],
    metric: &str,
) -> (Vec<(f64, f64)>, SizeScale) {
    let n_c = parts.cities.len();
    let width = opts.width_pt();
    let max_d =
        (0.45 * width / ((n_c + parts.programs.len()).max(1) as f64).sqrt()).clamp(5.0, 16.0);
    let scale = SizeScale::new(
        metric,
        parts.cities.iter().map(|&v| values[v as usize]),
        max_d,
        2.5,
    );
    let mut sizes: Vec<(f64, f64)> = parts
        .cities
        .iter()
        .map(|&v| {
            let d = scale.diameter(values[v as usize]);
            (d, d)
        })
        .collect();
    for &p in &parts.programs {
        let lines = program_label(ds, gr, p);
        let w = lines
            .iter()
            .map(|l| text::width(l, PROGRAM_PT))
            .fold(0.0, f64::max)
            + 6.0;
        sizes.push((w, text::line_height(PROGRAM_PT) * lines.len() as f64 + 4.0));
    }
    (sizes, scale)
}

/// Lays out and draws a two-mode figure: cities (scene nodes `0..n_c`), program boxes
/// (after them), memberships in the program's colour and dashed direct ties; labels the
/// first cities of `order`.
#[allow(clippy::too_many_arguments)]
fn two_mode_scene(
    ds: &Dataset,
    gr: &Graphs,
    opts: &FigureOptions,
    sel: &TwoModeSel,
    parts: &TwoModeParts,
    order: &[u32],
    values: &[f64],
    metric: &str,
    cats: &Categories,
) -> Result<Drawing> {
    let coloured = !cats.entries.is_empty();
    let (cities, programs) = (&parts.cities, &parts.programs);
    let n_c = cities.len();
    let width = opts.width_pt();
    let (sizes, scale) = two_mode_sizes(ds, gr, opts, parts, values, metric);
    let c_index: std::collections::HashMap<u32, usize> =
        cities.iter().enumerate().map(|(i, &v)| (v, i)).collect();
    let p_index: std::collections::HashMap<u32, usize> = programs
        .iter()
        .enumerate()
        .map(|(i, &p)| (p, n_c + i))
        .collect();
    let mut pairs: Vec<(usize, usize)> = parts
        .memberships
        .iter()
        .filter_map(|m| Some((c_index[&m.0], *p_index.get(&m.1)?)))
        .collect();
    pairs.extend(parts.ties.iter().map(|e| (c_index[&e.0], c_index[&e.1])));
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
            inside: Some((
                program_label(ds, gr, p).join("\n"),
                PROGRAM_PT,
                "#FFFFFF".into(),
            )),
            tooltip: ds.programs[p as usize].name.clone(),
        });
    }
    let es = two_mode_edges(&mut scene, sel, parts, &c_index, &p_index, coloured);
    let missed = place_labels(&mut scene, &label_order);
    Ok(Drawing {
        scene,
        sizes: scale,
        edges: es,
        engine,
        labels: k,
        missed,
    })
}

/// Draws the memberships (in the program's colour, grey when cities are coloured by a
/// category) and the direct ties (dashed; weighted for one-mode inputs); returns the
/// membership width scale.
fn two_mode_edges(
    scene: &mut Scene,
    sel: &TwoModeSel,
    parts: &TwoModeParts,
    c_index: &std::collections::HashMap<u32, usize>,
    p_index: &std::collections::HashMap<u32, usize>,
    coloured: bool,
) -> EdgeScale {
    let es = EdgeScale::new(parts.memberships.iter().map(|m| m.2), 0.3, 1.8);
    for m in &parts.memberships {
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
    let one_mode = sel.one_mode;
    let tie_scale = tie_scale(parts);
    for e in &parts.ties {
        scene.edges.push(SEdge {
            a: c_index[&e.0],
            b: c_index[&e.1],
            width: if one_mode { tie_scale.width(e.2) } else { 0.7 },
            color: if one_mode { "#555555AA" } else { "#000000AA" }.into(),
            dashed: !one_mode,
        });
    }
    es
}

fn tie_scale(parts: &TwoModeParts) -> EdgeScale {
    EdgeScale::new(parts.ties.iter().map(|e| e.2), 0.3, 1.8)
}

/// The caption and legend of a two-mode figure.
#[allow(clippy::too_many_arguments)]
fn two_mode_legend(
    ds: &Dataset,
    sel: &TwoModeSel,
    parts: &TwoModeParts,
    drawing: &Drawing,
    total_cities: usize,
    metric: &str,
    cats: &Categories,
) -> Legend {
    let coloured = !cats.entries.is_empty();
    let one_mode = sel.one_mode;
    let (n_c, programs, ties) = (parts.cities.len(), &parts.programs, &parts.ties);
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
            parts.memberships.len(),
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
        label_note(drawing.labels, drawing.missed, metric, n_c),
        engine_note(&drawing.engine)
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
    let (es, tie_scale) = (drawing.edges.clone(), tie_scale(parts));
    Legend {
        shapes,
        colours: colour_entries(cats, &parts.cities),
        size: Some(drawing.sizes.clone()),
        edges: if one_mode {
            (!ties.is_empty() && tie_scale.varies())
                .then(|| ("weight".to_string(), tie_scale, "#555555".to_string()))
        } else {
            es.varies()
                .then(|| ("membership weight".to_string(), es, "#777777".to_string()))
        },
        edge_kinds,
        caption,
    }
}
