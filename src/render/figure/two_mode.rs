//! The bipartite and ego views: cities with the programs that tie them.

use super::*;
use crate::graph::Layer;

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

/// Most programs a bipartite figure draws (those with the most members): as many as the
/// palette tells apart.
pub const PROGRAMS_DRAWN: usize = 12;
/// Cities a bipartite figure draws without `--top` (the largest by the size metric among the
/// members of the programs drawn).
pub const BIPARTITE_CITIES: usize = 60;

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
    let t = gr.two_mode.as_ref().expect("checked above");
    let mut notes = vec![];
    let mut programs: Vec<u32> = (0..ds.programs.len() as u32).collect();
    programs.sort_by_key(|&p| (std::cmp::Reverse(t.members_of(p as usize).0.len()), p));
    if programs.len() > PROGRAMS_DRAWN {
        notes.push(format!(
            "only the {PROGRAMS_DRAWN} programs with the most members (of {}) drawn",
            programs.len()
        ));
        programs.truncate(PROGRAMS_DRAWN);
    }
    programs.sort_unstable();
    let in_drawn: std::collections::BTreeSet<u32> = programs.iter().copied().collect();
    let cities: Vec<u32> = (0..ds.cities.len() as u32)
        .filter(|&c| {
            t.programs_of(c as usize)
                .0
                .iter()
                .any(|p| in_drawn.contains(p))
        })
        .collect();
    let mut o = opts.clone();
    if o.top.is_none() && cities.len() > BIPARTITE_CITIES {
        o.top = Some(BIPARTITE_CITIES);
    }
    let sel = TwoModeSel {
        cities,
        programs,
        centre: None,
        ties: false,
        tie_graph: None,
        one_mode: gr.two_mode.is_none(),
        dist: None,
        notes,
        kind_note: "Cities and the programs they belong to (two-mode graph).".into(),
    };
    two_mode_figure(ds, gr, cv, &o, sel, View::Bipartite)
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
/// and direct ties; with `--graph validated`, through the validated projection's pairs).
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
    if opts.edges == Layer::Validated {
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
    // --top: keep the K largest cities, or in an ego view the K neighbours most strongly tied
    // to the centre (the centre always).
    let mut order = ranked(sel.cities.iter().copied(), values);
    if let Some(c) = sel.centre {
        order.retain(|&v| v != c);
        let link = ties_to(gr, sel.tie_graph, c, ds.cities.len());
        order.sort_by(|&a, &b| {
            link[b as usize]
                .partial_cmp(&link[a as usize])
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        if let Some(k) = opts.top.filter(|&k| k < order.len()) {
            sel.notes.push(format!(
                "only the {k} neighbours most strongly tied to the centre (of {}) drawn: by the weight they share with it (\u{3a3} w\u{b7}w over shared programs, plus direct ties), then by {metric}",
                order.len()
            ));
            order.truncate(k);
        }
        order.insert(0, c);
    } else {
        keep_top(&mut order, opts.top, 1, &metric, &mut sel.notes);
    }
    let mut cities = order.clone();
    cities.sort_unstable();
    let keep: std::collections::BTreeSet<u32> = cities.iter().copied().collect();
    memberships.retain(|m| keep.contains(&m.0));
    ties.retain(|e| keep.contains(&e.0) && keep.contains(&e.1));
    let mut programs: Vec<u32> = sel
        .programs
        .iter()
        .copied()
        .filter(|p| memberships.iter().any(|m| m.1 == *p))
        .collect();
    // At most as many programs as the palette tells apart: those with the most drawn members.
    if programs.len() > PROGRAMS_DRAWN {
        let count = |p: u32| memberships.iter().filter(|m| m.1 == p).count();
        let mut by: Vec<(usize, u32)> = programs.iter().map(|&p| (count(p), p)).collect();
        by.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        sel.notes.push(format!(
            "only the {PROGRAMS_DRAWN} programs with the most drawn members (of {}) drawn",
            programs.len()
        ));
        programs = by[..PROGRAMS_DRAWN].iter().map(|x| x.1).collect();
        programs.sort_unstable();
        memberships.retain(|m| programs.binary_search(&m.1).is_ok());
    }
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
    let legend = two_mode_legend(ds, gr, &sel, &parts, &drawing, total_cities, &metric, &cats);
    let mut painted: Vec<(u32, f64, f64, f64)> = parts
        .cities
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            let n = &drawing.scene.nodes[i];
            (v, n.x, n.y, n.w)
        })
        .collect();
    if let Some(c) = sel.centre {
        if let Some(i) = painted.iter().position(|x| x.0 == c) {
            let top = painted.remove(i);
            painted.push(top);
        }
    }
    let default_title = if view == View::Ego {
        "Ego network"
    } else {
        "Cities and programs"
    };
    let mut fig = finish(
        drawing.scene,
        &legend,
        opts.width_pt(),
        &title_of(ds, opts, default_title),
        (parts.cities.clone(), drawn_edges),
    );
    fig.city_nodes = painted;
    Ok(fig)
}

/// Each city's tie to `c`: the weight it shares with `c` through programs (Σ w·w) plus the
/// weight of a direct tie in `tie_graph`.
fn ties_to(gr: &Graphs, tie_graph: Option<&Csr>, c: u32, n: usize) -> Vec<f64> {
    let mut link = vec![0.0; n];
    if let Some(t) = &gr.two_mode {
        let (ps, ws) = t.programs_of(c as usize);
        for (&p, &wc) in ps.iter().zip(ws) {
            let (us, wu) = t.members_of(p as usize);
            for (&u, &w) in us.iter().zip(wu) {
                link[u as usize] += wc * w;
            }
        }
    }
    if let Some(tg) = tie_graph {
        let ws = tg.edge_weights(c as usize);
        for (&u, &w) in tg.neighbors(c as usize).iter().zip(ws) {
            link[u as usize] += w;
        }
    }
    link
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

/// The text of a program's box: its name and member count, wrapped; a name that does not fit
/// in two lines of [`PROGRAM_WRAP`] points (or has a word wider than that) is replaced by its
/// key `P1`, `P2`, … (`key`: its place among the drawn programs), which the legend spells out.
fn program_label(ds: &Dataset, gr: &Graphs, p: u32, key: usize) -> Vec<String> {
    let lines = text::wrap(&program_text(ds, gr, p), PROGRAM_PT, PROGRAM_WRAP);
    if program_fits(&lines) {
        lines
    } else {
        vec![format!("P{}", key + 1)]
    }
}

fn program_fits(lines: &[String]) -> bool {
    lines.len() <= 2
        && lines
            .iter()
            .all(|l| text::width(l, PROGRAM_PT) <= PROGRAM_WRAP)
}

/// A program's name and member count: "Eurocities (97)".
fn program_text(ds: &Dataset, gr: &Graphs, p: u32) -> String {
    let members = gr
        .two_mode
        .as_ref()
        .map(|t| t.members_of(p as usize).0.len())
        .unwrap_or(0);
    format!("{} ({members})", ds.programs[p as usize].name)
}

/// Whether program `p`'s box shows a key instead of its name.
fn program_keyed(ds: &Dataset, gr: &Graphs, p: u32) -> bool {
    !program_fits(&text::wrap(
        &program_text(ds, gr, p),
        PROGRAM_PT,
        PROGRAM_WRAP,
    ))
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
    for (j, &p) in parts.programs.iter().enumerate() {
        let lines = program_label(ds, gr, p, j);
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
                program_label(ds, gr, p, j).join("\n"),
                PROGRAM_PT,
                "#FFFFFF".into(),
            )),
            tooltip: ds.programs[p as usize].name.clone(),
        });
    }
    let es = two_mode_edges(&mut scene, sel, parts, &c_index, &p_index, coloured);
    // The centre again on top of everything, in a thick black ring, so that no box or edge
    // hides it.
    if let Some(c) = sel.centre.and_then(|c| c_index.get(&c)) {
        let node = scene.nodes[*c].clone();
        let mut ring = node.clone();
        ring.w += 2.4;
        ring.h += 2.4;
        ring.fill = "#000000".into();
        ring.stroke = "#000000".into();
        ring.tooltip = String::new();
        scene.nodes.push(ring);
        scene.nodes.push(node);
    }
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
            let j = p_index[&m.1] - parts.cities.len();
            with_alpha(palette::category(j), "99")
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
    gr: &Graphs,
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
    let unseen = sel.programs.len().saturating_sub(programs.len());
    if !one_mode && unseen > 0 {
        caption.push(format!(
            "{unseen} of the {} programs selected {} no member among the cities drawn and {} not shown.",
            sel.programs.len(),
            if unseen == 1 { "has" } else { "have" },
            if unseen == 1 { "is" } else { "are" },
        ));
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
            CENTRE_LABEL.into(),
            Shape::Circle,
            if coloured { "#FFFFFF" } else { CENTRE_FILL }.to_string(),
        ));
    }
    let mut edge_kinds = vec![];
    let keyed: Vec<usize> = (0..programs.len())
        .filter(|&j| program_keyed(ds, gr, programs[j]))
        .collect();
    if (!coloured && programs.len() > 1) || !keyed.is_empty() {
        for (j, &p) in programs.iter().enumerate() {
            // Cities coloured by category: the memberships are grey, so only the keys.
            if coloured && !keyed.contains(&j) {
                continue;
            }
            let name = &ds.programs[p as usize].name;
            let label = if keyed.contains(&j) {
                format!("P{}: {}", j + 1, program_text(ds, gr, p))
            } else {
                name.clone()
            };
            let colour = if coloured {
                "#777777"
            } else {
                palette::category(j)
            };
            edge_kinds.push((label, colour.to_string(), false));
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
        ringed: sel.centre.map(|_| CENTRE_LABEL.to_string()),
    }
}

const CENTRE_LABEL: &str = "centre (black ring)";
