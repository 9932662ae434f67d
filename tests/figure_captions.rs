//! Figure captions say true things: their numbers are checked against counts made here, from
//! the input and independent references, not from the figure code.
//!
//! Regression: on a table whose projection was too large to build, the network
//! figure drew the 150 strongest cities and said "only the largest connected component drawn
//! (150 of 14828 cities; 14678 smaller components left out)": the component count was taken
//! on the figure's graph (G's edges among those 150 cities only), not on G.

mod common;
use citynet::graph::Csr;
use citynet::graph::Layer;
use citynet::metrics::backbone::BackboneOptions;
use citynet::metrics::plan::GraphMode;
use citynet::pipeline::{self, Ui};
use citynet::render::figure;
use citynet::render::options::{FigureOptions, View};
use common::require_graphviz;
use std::collections::BTreeSet;

fn quiet() -> Ui {
    Ui { quiet: true }
}

/// The numbers in the caption sentence starting with `prefix` (digits only; "14,828" is one).
fn numbers(caption: &[String], prefix: &str) -> Vec<usize> {
    let line = caption
        .iter()
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no caption line {prefix:?} in {caption:#?}"));
    line.split(|c: char| !c.is_ascii_digit() && c != ',')
        .map(|t| t.replace(',', ""))
        .filter(|t| !t.is_empty())
        .map(|t| t.parse().unwrap())
        .collect()
}

/// A seeded membership table: `n` cities, `p` programs, each city in 1–3 programs.
fn write_table(dir: &std::path::Path, n: usize, p: usize) -> (std::path::PathBuf, Vec<Vec<usize>>) {
    let mut state = 12345u64;
    let mut next = |k: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) as usize) % k
    };
    let mut s = String::from("city,country,program\n");
    let mut programs_of = vec![vec![]; n];
    for (c, progs) in programs_of.iter_mut().enumerate() {
        let k = 1 + next(3);
        for _ in 0..k {
            let q = next(p);
            if !progs.contains(&q) {
                progs.push(q);
                s.push_str(&format!("City {c:04},Country {},Program {q:03}\n", c % 9));
            }
        }
    }
    let path = dir.join("members.csv");
    std::fs::write(&path, s).unwrap();
    (path, programs_of)
}

/// The network figure of a projection that was not built (the figure graph holds G's edges
/// among the strongest cities only) says how many cities and edges it draws, and claims no
/// connected component.
#[test]
fn unbuilt_projection_caption_counts_what_is_drawn() {
    require_graphviz();
    let dir = tempfile::tempdir().unwrap();
    let (path, programs_of) = write_table(dir.path(), 500, 40);
    let (ds, _) = pipeline::load_input(&path, &Default::default(), quiet()).unwrap();
    let mut gr = pipeline::build_graphs(&ds);
    let n = ds.cities.len();
    // The strongest 150 cities by strength (ties by id), as the pipeline's figure graph; G's
    // edges among them, counted here from the membership lists.
    let strength: Vec<f64> = (0..n).map(|v| gr.g.strength(v)).collect();
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_by(|&a, &b| {
        strength[b as usize]
            .total_cmp(&strength[a as usize])
            .then(a.cmp(&b))
    });
    order.truncate(figure::STRONGEST_DRAWN);
    let id = |name: &str| -> usize { name.trim_start_matches("City ").parse().unwrap() };
    let label: Vec<usize> = ds.cities.iter().map(|c| id(&c.name)).collect();
    let mut edges = vec![];
    let mut expected_edges = BTreeSet::new();
    for (x, &a) in order.iter().enumerate() {
        for &b in &order[x + 1..] {
            let (pa, pb) = (
                &programs_of[label[a as usize]],
                &programs_of[label[b as usize]],
            );
            let shared = pa.iter().filter(|q| pb.contains(q)).count();
            if shared > 0 {
                edges.push((a, b, shared as f64));
                expected_edges.insert((a.min(b), a.max(b)));
            }
        }
    }
    gr.g = Csr::from_edges(n, &edges).0;
    gr.mode = GraphMode::ThroughTwoMode;
    let opts = FigureOptions::new(View::Network);
    let cv = pipeline::figure_values(&ds, &gr, &opts);
    let fig = figure::build(&ds, &gr, &cv, &opts, None).unwrap();
    let shown = numbers(&fig.caption, "Shown:");
    let e = expected_edges.len();
    assert_eq!(shown, vec![150, 500, e, e, 150], "{:#?}", fig.caption);
    let drawn: BTreeSet<u32> = fig.drawn_cities.iter().copied().collect();
    assert_eq!(drawn, order.iter().copied().collect());
    let drawn_edges: BTreeSet<(u32, u32)> = fig.drawn_edges.iter().copied().collect();
    assert_eq!(drawn_edges, expected_edges);
    let text = fig.caption.join(" ");
    assert!(!text.contains("component"), "{text}");
    assert!(text.contains("too large to build"), "{text}");

    // An edge filter on that figure graph saw only the strongest cities' edges: its note counts
    // those edges and says so.
    let mut opts = FigureOptions::new(View::Network);
    opts.min_weight = Some(2.0);
    let fig = figure::build(&ds, &gr, &cv, &opts, None).unwrap();
    let heavy = edges.iter().filter(|e| e.2 >= 2.0).count();
    let filtered = numbers(&fig.caption, "Filtered:");
    let touched: BTreeSet<u32> = edges
        .iter()
        .filter(|e| e.2 >= 2.0)
        .flat_map(|e| [e.0, e.1])
        .collect();
    let left_out = figure::STRONGEST_DRAWN - touched.len();
    assert_eq!(
        filtered,
        vec![
            2,
            e - heavy,
            e,
            figure::STRONGEST_DRAWN,
            left_out,
            figure::STRONGEST_DRAWN
        ],
        "{:#?}",
        fig.caption
    );
    let line = fig
        .caption
        .iter()
        .find(|l| l.starts_with("Filtered:"))
        .unwrap();
    assert!(
        line.contains("among the 150 cities of largest strength"),
        "{line}"
    );
    assert_eq!(numbers(&fig.caption, "Shown:")[0], touched.len());
}

/// A dense projection is drawn through the validated projection: the caption's counts equal
/// the kept set of the independent reference (tests/fixtures/backbone/planted_blocks.json,
/// from tests/gen_backbone_fixtures.py) and the cities it touches.
#[test]
fn dense_network_draws_the_validated_projection_and_counts_it() {
    require_graphviz();
    let fx: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/backbone/planted_blocks.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let m: Vec<Vec<u64>> = serde_json::from_value(fx["matrix"].clone()).unwrap();
    let kept: BTreeSet<(usize, usize)> = fx["bh_kept"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r[0].as_u64().unwrap() as usize,
                r[1].as_u64().unwrap() as usize,
            )
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let mut s = String::from("city,country,program\n");
    for (i, row) in m.iter().enumerate() {
        for (a, &x) in row.iter().enumerate() {
            if x == 1 {
                s.push_str(&format!("City {i:03},Country {},Program {a:03}\n", i % 7));
            }
        }
    }
    let path = dir.path().join("members.csv");
    std::fs::write(&path, s).unwrap();
    let (ds, _) = pipeline::load_input(&path, &Default::default(), quiet()).unwrap();
    let gr = pipeline::build_graphs(&ds);
    let v =
        pipeline::validated(&ds, gr.two_mode.as_ref(), &BackboneOptions::default(), None).unwrap();
    let mut opts = FigureOptions::new(View::Network);
    citynet::render::defaults::default_edges(&gr, Some(&v), &mut opts);
    assert_eq!(
        opts.edges,
        Layer::Validated,
        "the planted projection is dense"
    );
    let cv = pipeline::figure_values(&ds, &gr, &opts);
    let fig = figure::build(&ds, &gr, &cv, &opts, Some(&v)).unwrap();
    let id = |c: u32| -> usize {
        ds.cities[c as usize]
            .name
            .trim_start_matches("City ")
            .parse()
            .unwrap()
    };
    let touched: BTreeSet<usize> = kept.iter().flat_map(|&(a, b)| [a, b]).collect();
    let shown = numbers(&fig.caption, "Shown:");
    assert_eq!(
        shown,
        vec![touched.len(), m.len(), kept.len(), kept.len()],
        "{:#?}",
        fig.caption
    );
    let drawn: BTreeSet<(usize, usize)> = fig
        .drawn_edges
        .iter()
        .map(|&(a, b)| (id(a).min(id(b)), id(a).max(id(b))))
        .collect();
    assert_eq!(drawn, kept);
    let text = fig.caption.join(" ");
    assert!(text.contains("α = 0.05"), "{text}");
    assert!(text.contains("Benjamini–Hochberg"), "{text}");
    let left_out = m.len() - touched.len();
    if left_out > 0 {
        assert!(
            text.contains(&format!("{left_out} cities left without an edge not drawn")),
            "{text}"
        );
    }
    // The ego view of the same city in the validated projection draws its kept pairs.
    let centre = *touched.iter().next().unwrap();
    let mut ego = FigureOptions::new(View::Ego);
    ego.city = Some(format!("City {centre:03}"));
    ego.edges = Layer::Validated;
    let cv = pipeline::figure_values(&ds, &gr, &ego);
    let fig = figure::build(&ds, &gr, &cv, &ego, Some(&v)).unwrap();
    let neighbours: BTreeSet<usize> = kept
        .iter()
        .filter_map(|&(a, b)| match (a == centre, b == centre) {
            (true, _) => Some(b),
            (_, true) => Some(a),
            _ => None,
        })
        .chain([centre])
        .collect();
    let drawn: BTreeSet<usize> = fig.drawn_cities.iter().map(|&c| id(c)).collect();
    assert_eq!(drawn, neighbours);
    let among = kept
        .iter()
        .filter(|(a, b)| neighbours.contains(a) && neighbours.contains(b))
        .count();
    let shown = numbers(&fig.caption, "Shown:");
    assert_eq!(shown, vec![neighbours.len(), neighbours.len(), among]);
}

/// Above 300 cities the network view draws the largest connected component; the caption's
/// counts equal a component count made here (a plain depth-first search).
#[test]
fn component_caption_matches_an_independent_count() {
    require_graphviz();
    // A path of 320 nodes and 30 disjoint pairs: 380 nodes, 31 components.
    let mut s = String::from("source,target\n");
    for i in 0..319 {
        s.push_str(&format!("N{i},N{}\n", i + 1));
    }
    for k in 0..30 {
        s.push_str(&format!("P{k}a,P{k}b\n"));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("edges.csv");
    std::fs::write(&path, &s).unwrap();
    let (ds, _) = pipeline::load_input(&path, &Default::default(), quiet()).unwrap();
    let gr = pipeline::build_graphs(&ds);
    // Components by depth-first search over the edge list as written.
    let mut adj: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for line in s.lines().skip(1) {
        let (a, b) = line.split_once(',').unwrap();
        adj.entry(a).or_default().push(b);
        adj.entry(b).or_default().push(a);
    }
    let mut seen = BTreeSet::new();
    let mut sizes = vec![];
    for &start in adj.keys() {
        if !seen.insert(start) {
            continue;
        }
        let (mut stack, mut size) = (vec![start], 0);
        while let Some(v) = stack.pop() {
            size += 1;
            for &u in &adj[v] {
                if seen.insert(u) {
                    stack.push(u);
                }
            }
        }
        sizes.push(size);
    }
    let largest = *sizes.iter().max().unwrap();
    let opts = FigureOptions::new(View::Network);
    let cv = pipeline::figure_values(&ds, &gr, &opts);
    let fig = figure::build(&ds, &gr, &cv, &opts, None).unwrap();
    let filtered = numbers(&fig.caption, "Filtered:");
    assert_eq!(
        filtered,
        vec![largest, adj.len(), sizes.len() - 1],
        "{:#?}",
        fig.caption
    );
    let shown = numbers(&fig.caption, "Shown:");
    assert_eq!(shown, vec![largest, adj.len(), largest - 1, adj.len() - 31]);
    assert_eq!(fig.drawn_cities.len(), largest);
    assert_eq!(fig.drawn_edges.len(), largest - 1);
}
