//! Every view of a table shaped like ETMUN at full size: 15,000 cities, one program of 10,000
//! members, a European cluster and a few cities on other continents. The table is generated
//! here with a fixed seed ([`etmun_like`]; generated shapes, not real memberships), and the
//! captions are checked against counts made here from the generator's own lists, not from the
//! figure code.
//!
//! Regressions: `degrees.png` was drawn from the 150-city figure graph ("13,901 nodes of
//! degree 0"); map labels sat far from their nodes and the largest cities were buried under
//! the small ones; the bipartite view cut program names ("Covenant of Ma…"); the ego view of a
//! hub drew every neighbour and hid the centre.

mod common;
use citynet::model::Dataset;
use citynet::pipeline::{self, Ui};
use citynet::render::charts::DegreeSummary;
use citynet::render::defaults;
use citynet::render::figure::{self, Figure};
use citynet::render::options::{FigureOptions, View};
use common::require_graphviz;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

const CITIES: usize = 15_000;
const BIG: usize = 10_000;
const EUROPE: usize = 14_800;
const PROGRAMS: usize = 40;

/// The generated table: the CSV and, for each city id, its programs (0 is the big one).
struct Table {
    path: PathBuf,
    programs_of: Vec<Vec<usize>>,
    names: Vec<String>,
}

/// A long program name (wraps to more than two lines) and a URL-like one (one word wider than
/// a box): both must be keyed, never cut.
fn program_name(q: usize) -> String {
    match q {
        0 => "Covenant of Mayors for Climate and Energy Europe".into(),
        3 => "https://www.example-network.org/members/initiative-list-2020".into(),
        5 => "Programme for Sustainable Urban Development and Climate Resilience of Municipalities"
            .into(),
        _ => format!("Network {q:02}"),
    }
}

/// 15,000 cities: 14,800 in a European box (lon −10…30, lat 36…62), the others around five
/// centres on other continents; program 0 has exactly 10,000 members; each city is in 0–3 of
/// 39 other programs (skewed sizes), at least one program in all. Two cities are named
/// "Mérida" (Spain, Mexico) and are in many programs, so that they rank high.
fn etmun_like(dir: &Path) -> Table {
    let mut state = 20_261_205u64;
    let mut next = |k: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) as usize) % k
    };
    let centres = [
        (-74.0, 40.7),
        (-46.6, -23.5),
        (139.7, 35.7),
        (28.0, -26.2),
        (77.2, 28.6),
    ];
    let mut s = String::from("city,country,program,lat,lon\n");
    let mut programs_of = vec![vec![]; CITIES];
    let mut names = vec![];
    for (c, progs) in programs_of.iter_mut().enumerate() {
        let (lon, lat, country) = if c < EUROPE {
            (
                -10.0 + next(40_000) as f64 / 1000.0,
                36.0 + next(26_000) as f64 / 1000.0,
                format!("EU{:02}", c % 30),
            )
        } else {
            let (x, y) = centres[c % centres.len()];
            (
                x - 3.0 + next(6000) as f64 / 1000.0,
                y - 3.0 + next(6000) as f64 / 1000.0,
                format!("W{}", c % centres.len()),
            )
        };
        let (name, country) = match c {
            1 => ("Mérida".to_string(), "Spain".to_string()),
            EUROPE => ("Mérida".to_string(), "Mexico".to_string()),
            _ => (format!("City {c:05}"), country),
        };
        if (c * 7919) % CITIES < BIG {
            progs.push(0);
        }
        let extra = if c == 1 || c == EUROPE { 24 } else { next(4) };
        for _ in 0..extra {
            let q = 1 + next(PROGRAMS - 1).min(next(PROGRAMS - 1));
            if !progs.contains(&q) {
                progs.push(q);
            }
        }
        if progs.is_empty() {
            progs.push(1 + next(PROGRAMS - 1));
        }
        for &q in progs.iter() {
            s.push_str(&format!(
                "{name},{country},\"{}\",{lat:.4},{lon:.4}\n",
                program_name(q)
            ));
        }
        names.push(name);
    }
    let path = dir.join("etmun_like.csv");
    std::fs::write(&path, s).unwrap();
    Table {
        path,
        programs_of,
        names,
    }
}

/// The dataset's city id of each generated city (by name and country order of the CSV: the
/// loader keeps first-seen order, checked here).
fn load(t: &Table) -> Dataset {
    let (ds, _) = pipeline::load_input(&t.path, &Default::default(), Ui { quiet: true }).unwrap();
    assert_eq!(ds.cities.len(), CITIES);
    for (c, name) in t.names.iter().enumerate() {
        assert_eq!(&ds.cities[c].name, name);
    }
    ds
}

/// Members of each program, from the generator.
fn members(t: &Table) -> Vec<Vec<usize>> {
    let mut m = vec![vec![]; PROGRAMS];
    for (c, ps) in t.programs_of.iter().enumerate() {
        for &q in ps {
            m[q].push(c);
        }
    }
    m
}

/// Degree in the projection (distinct co-members) and strength (Σ over programs of the
/// co-members), counted from the generator's lists.
fn degree_and_strength(t: &Table) -> (Vec<usize>, Vec<f64>) {
    let m = members(t);
    let mut mark = vec![usize::MAX; CITIES];
    let mut degree = vec![0; CITIES];
    let mut strength = vec![0.0; CITIES];
    for (c, ps) in t.programs_of.iter().enumerate() {
        let in_big = ps.contains(&0);
        let mut d = if in_big { BIG - 1 } else { 0 };
        for &q in ps {
            strength[c] += (m[q].len() - 1) as f64;
            if q == 0 {
                continue;
            }
            for &u in &m[q] {
                if u != c && mark[u] != c && !(in_big && t.programs_of[u].contains(&0)) {
                    mark[u] = c;
                    d += 1;
                }
            }
        }
        degree[c] = d;
    }
    (degree, strength)
}

/// The numbers in the caption line starting with `prefix` ("14,051" is one number).
fn numbers(caption: &[String], prefix: &str) -> Vec<f64> {
    let line = caption
        .iter()
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no caption line {prefix:?} in {caption:#?}"));
    line.split(|c: char| !c.is_ascii_digit() && c != ',' && c != '.' && c != '-')
        .map(|t| t.replace(',', "").trim_matches('.').to_string())
        .filter(|t| !t.is_empty() && t != "-")
        .map(|t| t.parse().unwrap())
        .collect()
}

/// Every text of the DOT, and that none is cut with an ellipsis.
fn assert_nothing_cut(fig: &Figure) {
    assert!(!fig.dot.contains('…'), "a text is cut in the figure");
}

fn build(ds: &Dataset, gr: &pipeline::Graphs, opts: &FigureOptions) -> Figure {
    let fig_gr = gr.for_figures(figure::STRONGEST_DRAWN);
    let fig_gr = fig_gr.as_ref().unwrap_or(gr);
    let cv = pipeline::figure_values(ds, fig_gr, opts);
    figure::build(ds, fig_gr, &cv, opts, None).unwrap()
}

#[test]
fn every_view_of_an_etmun_shaped_table_is_true_and_readable() {
    require_graphviz();
    let dir = tempfile::tempdir().unwrap();
    let t = etmun_like(dir.path());
    let ds = load(&t);
    let gr = pipeline::build_graphs(&ds);
    let (degree, strength) = degree_and_strength(&t);

    // Degrees: every city of the whole graph, none of degree 0.
    let cv = pipeline::city_values(&ds, &gr, &["degree".to_string()]);
    let got: Vec<usize> = cv
        .get("degree")
        .unwrap()
        .iter()
        .map(|&d| d as usize)
        .collect();
    assert_eq!(got, degree);
    let summary = DegreeSummary::new(&got);
    let caption = summary.caption("City projection");
    let mut sorted = degree.clone();
    sorted.sort_unstable();
    let median = (sorted[CITIES / 2 - 1] + sorted[CITIES / 2]) as f64 / 2.0;
    assert_eq!(
        numbers(&caption, "City projection")[..4],
        [
            CITIES as f64,
            sorted[0] as f64,
            *sorted.last().unwrap() as f64,
            median
        ],
        "{caption:#?}"
    );
    assert!(summary.ccdf && summary.isolated == 0 && sorted[0] > 0);
    assert!(!caption.join(" ").contains("degree 0"));

    map_view(&t, &ds, &gr, &strength);
    bipartite_view(&t, &ds, &gr);
    ego_view(&t, &ds, &gr, &strength);
    rank_view(&t, &ds, &gr, &strength);
}

/// The map: framed on Europe with a world inset, the caption's counts true, largest on top,
/// labels beside their nodes.
fn map_view(t: &Table, ds: &Dataset, gr: &pipeline::Graphs, strength: &[f64]) {
    let fig = build(ds, gr, &FigureOptions::new(View::Map));
    let shown = numbers(&fig.caption, "Shown:");
    let inside: BTreeSet<u32> = fig.drawn_cities.iter().copied().collect();
    let european = (0..EUROPE as u32).filter(|c| inside.contains(c)).count();
    let others = (EUROPE as u32..CITIES as u32)
        .filter(|c| inside.contains(c))
        .count();
    assert!(
        european > EUROPE * 95 / 100,
        "{european} European cities in the frame"
    );
    assert!(others < 100, "{others} far cities in the frame");
    assert_eq!(
        shown[..3],
        [
            inside.len() as f64,
            CITIES as f64,
            (CITIES - inside.len()) as f64
        ],
        "{:#?}",
        fig.caption
    );
    // The extent stated in the caption holds the European box.
    let ext = numbers(&fig.caption, "Extent:");
    assert!(ext[0] <= -9.0 && ext[1] >= 29.0, "{ext:?}");
    // Draw order: each disc is at least as strong as every disc under it.
    let painted: Vec<f64> = fig
        .city_nodes
        .iter()
        .map(|n| strength[n.0 as usize])
        .collect();
    assert_eq!(painted.len(), citynet::render::figure::MAP_DISCS);
    assert!(
        painted.windows(2).all(|w| w[0] <= w[1]),
        "largest not on top"
    );
    // The discs are the 400 strongest cities in the frame.
    let weakest_disc = painted[0];
    let stronger_dot = inside
        .iter()
        .filter(|&&c| !fig.city_nodes.iter().any(|n| n.0 == c))
        .any(|&c| strength[c as usize] > weakest_disc);
    assert!(!stronger_dot);
    label_distances(t, &fig, 15);
    // Lines: as many as the caption says, all visible ones.
    let lines = numbers(&fig.caption, "Lines:");
    assert_eq!(
        lines[0] as usize,
        fig.drawn_edges.len(),
        "{:#?}",
        fig.caption
    );
    assert!(fig.drawn_edges.len() <= citynet::render::figure::MAP_LINES);
    assert_nothing_cut(&fig);
}

/// Each label of the `k` largest drawn cities is beside its node: its box within one label
/// height of the disc; at least two thirds of them are placed.
fn label_distances(t: &Table, fig: &Figure, k: usize) {
    let mut placed = 0;
    let by_strength = fig.city_nodes.iter().rev().take(k);
    for &(c, x, y, d) in by_strength {
        let name = &t.names[c as usize];
        let Some((_, r)) = fig.labels.iter().find(|l| &l.0 == name) else {
            continue;
        };
        placed += 1;
        let dx = (r.0 - x).max(x - r.2).max(0.0);
        let dy = (r.1 - y).max(y - r.3).max(0.0);
        let gap = (dx * dx + dy * dy).sqrt() - d / 2.0;
        assert!(
            gap <= 3.0 * 6.5 * 1.2,
            "{name}: label {gap:.1} pt from its node"
        );
    }
    assert!(placed * 3 >= k * 2, "{placed} of {k} labels placed");
}

/// The bipartite view: the 12 programs with the most members, the 60 cities with the most
/// programs among their members, long names keyed and never cut.
fn bipartite_view(t: &Table, ds: &Dataset, gr: &pipeline::Graphs) {
    let fig = build(ds, gr, &FigureOptions::new(View::Bipartite));
    let m = members(t);
    let mut by_size: Vec<usize> = (0..PROGRAMS).collect();
    by_size.sort_by_key(|&q| (std::cmp::Reverse(m[q].len()), q));
    let top: BTreeSet<usize> = by_size[..12].iter().copied().collect();
    let cities: BTreeSet<u32> = fig.drawn_cities.iter().copied().collect();
    assert_eq!(cities.len(), 60);
    let memberships: usize = cities
        .iter()
        .map(|&c| {
            t.programs_of[c as usize]
                .iter()
                .filter(|q| top.contains(q))
                .count()
        })
        .sum();
    let drawn_programs: BTreeSet<usize> = cities
        .iter()
        .flat_map(|&c| t.programs_of[c as usize].iter().copied())
        .filter(|q| top.contains(q))
        .collect();
    let eligible = (0..CITIES)
        .filter(|&c| t.programs_of[c].iter().any(|q| top.contains(q)))
        .count();
    assert_eq!(
        numbers(&fig.caption, "Shown:"),
        vec![
            60.0,
            eligible as f64,
            drawn_programs.len() as f64,
            memberships as f64
        ],
        "{:#?}",
        fig.caption
    );
    // Selected programs without a member among the cities drawn are counted, not hidden.
    let unseen = 12 - drawn_programs.len();
    assert_eq!(
        fig.caption
            .iter()
            .any(|l| l.starts_with(&format!("{unseen} of the 12 programs selected"))),
        unseen > 0,
        "{:#?}",
        fig.caption
    );
    // The long and URL-like names are keyed in their boxes and spelled out in the legend.
    for q in [0, 3, 5] {
        if drawn_programs.contains(&q) {
            let full = format!("{} ({})", program_name(q), m[q].len());
            assert!(fig.dot.contains(&full), "{full} not in the key");
        }
    }
    assert_nothing_cut(&fig);
}

/// The ego view of the strongest city: its 40 most strongly tied neighbours, the centre on
/// top and in the legend.
fn ego_view(t: &Table, ds: &Dataset, gr: &pipeline::Graphs, strength: &[f64]) {
    let centre = (0..CITIES)
        .max_by(|&a, &b| strength[a].total_cmp(&strength[b]).then(b.cmp(&a)))
        .unwrap();
    let o = defaults::view_defaults(ds, gr, None, None, View::Ego, Some(centre));
    let fig = build(ds, gr, &o);
    assert_eq!(fig.drawn_cities.len(), defaults::EGO_TOP + 1);
    assert_eq!(fig.city_nodes.last().unwrap().0 as usize, centre);
    assert!(fig.dot.contains("centre (black ring)"));
    // Shared programs with the centre, counted here: no left-out neighbour shares more than
    // a drawn one.
    let shared = |u: usize| {
        t.programs_of[u]
            .iter()
            .filter(|q| t.programs_of[centre].contains(q))
            .count()
    };
    let drawn: BTreeSet<usize> = fig.drawn_cities.iter().map(|&c| c as usize).collect();
    let weakest = drawn
        .iter()
        .filter(|&&u| u != centre)
        .map(|&u| shared(u))
        .min()
        .unwrap();
    let neighbours = (0..CITIES).filter(|&u| u != centre && shared(u) > 0);
    assert!(neighbours
        .filter(|u| !drawn.contains(u))
        .all(|u| shared(u) <= weakest));
    let shown = numbers(&fig.caption, "Shown:");
    let all = (0..CITIES).filter(|&u| shared(u) > 0).count();
    assert_eq!(shown[..2], [41.0, all as f64], "{:#?}", fig.caption);
    assert_nothing_cut(&fig);
}

/// The rank chart: the top 20 by strength as counted here, the two Méridas told apart.
fn rank_view(t: &Table, ds: &Dataset, gr: &pipeline::Graphs, strength: &[f64]) {
    let cv = pipeline::city_values(ds, gr, &["strength".to_string()]);
    let chart = defaults::rank_chart(ds, &cv, "strength", 20, None).unwrap();
    let mut order: Vec<usize> = (0..CITIES).collect();
    order.sort_by(|&a, &b| strength[b].total_cmp(&strength[a]).then(a.cmp(&b)));
    let cut = strength[order[19]];
    let tied = order[20..].iter().filter(|&&c| strength[c] == cut).count();
    let expect = if tied <= defaults::TIES_KEPT {
        20 + tied
    } else {
        20
    };
    assert_eq!(chart.items.len(), expect);
    let label = |c: usize| -> String {
        if t.names[c] == "Mérida" {
            format!("Mérida ({})", if c == 1 { "Spain" } else { "Mexico" })
        } else {
            t.names[c].clone()
        }
    };
    let want: HashMap<String, f64> = order[..expect]
        .iter()
        .map(|&c| (label(c), strength[c]))
        .collect();
    for (name, v) in &chart.items {
        assert_eq!(want.get(name), Some(v), "{name}");
    }
    assert!(chart.items.iter().any(|i| i.0 == "Mérida (Spain)"));
    if tied > defaults::TIES_KEPT {
        assert!(chart.caption.iter().any(|l| l.contains("not shown")));
    }
    assert!(
        chart.title.starts_with("Etmun like: top"),
        "{}",
        chart.title
    );
}

/// `render` draws each view exactly as `analyze` does for the same input (same colours,
/// communities, graphs and ego selection): the SVGs are byte for byte the same.
#[test]
fn render_draws_what_analyze_draws() {
    require_graphviz();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    common::citynet()
        .args(["analyze", "networks/city-diplomacy", "-q", "--out"])
        .arg(&out)
        .assert()
        .success();
    let figures = out.join("figures");
    let ego = std::fs::read_dir(&figures)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|n| n.starts_with("ego-") && n.ends_with(".svg"))
        .expect("analyze draws an ego figure");
    // The ego figure's centre: the city of largest strength (the first of equals).
    let (head, rows) = common::read_csv(&out.join("cities.csv"));
    let col = |n: &str| head.iter().position(|h| h == n).unwrap();
    let (s, name, country) = (col("strength"), col("city"), col("country"));
    let mut best = 0;
    for (i, r) in rows.iter().enumerate() {
        if r[s].parse::<f64>().unwrap() > rows[best][s].parse::<f64>().unwrap() {
            best = i;
        }
    }
    let title = format!("{}, {}", rows[best][name], rows[best][country]);
    for (view, file) in [
        ("network", "network.svg".to_string()),
        ("map", "map.svg".into()),
        ("bipartite", "bipartite.svg".into()),
        ("ego", ego.clone()),
        ("rank", "rank-strength.svg".into()),
        ("degrees", "degrees.svg".into()),
    ] {
        let rendered = dir.path().join(format!("{view}.svg"));
        let mut cmd = common::citynet();
        cmd.args([
            "render",
            "networks/city-diplomacy",
            "-q",
            "--view",
            view,
            "-o",
        ])
        .arg(&rendered);
        if view == "ego" {
            cmd.args(["--city", &title]);
        }
        cmd.assert().success();
        assert!(
            std::fs::read(&rendered).unwrap() == std::fs::read(figures.join(&file)).unwrap(),
            "render --view {view} differs from analyze's {file}"
        );
    }
}
