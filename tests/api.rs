//! The library API (`citynet::Network`) against the command line: the same tables, byte for
//! byte once written as the commands write them, on the bundled networks; petgraph conversions
//! against the graphs' own counts and a plain re-implementation.

mod common;

use citynet::report::csv_out;
use citynet::{BackboneOptions, Layer, LoadOptions, MetricsOptions, Network, RobustnessRun};
use common::citynet;
use std::collections::BTreeMap;

fn read(input: &str) -> Network {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(input);
    Network::read(path, &LoadOptions::default()).unwrap()
}

fn cli(args: &[&str]) -> Vec<u8> {
    let out = citynet().arg("--quiet").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn metrics_are_the_cli_table_byte_for_byte() {
    // Every default column on the smallest network; the cheaper columns on a larger one
    // (the test binaries are built without optimisation).
    let cases: [(&str, Option<&str>); 2] = [
        ("networks/city-diplomacy", None),
        (
            "networks/air-2014",
            Some("degree,strength,clustering,pagerank,core"),
        ),
    ];
    for (input, list) in cases {
        let net = read(input);
        let options = MetricsOptions {
            metrics: list.map(|l| l.split(',').map(str::to_string).collect()),
            ..Default::default()
        };
        let computed = net.metrics(&options).unwrap();
        let mut bytes = vec![];
        csv_out::write_csv(&computed.table, &mut bytes, false).unwrap();
        let mut args = vec!["metrics", input];
        if let Some(l) = list {
            args.extend(["--metrics", l]);
        }
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            String::from_utf8(cli(&args)).unwrap(),
            "{input}"
        );
    }
}

#[test]
fn backbone_rows_are_the_cli_pairs() {
    let input = "networks/city-diplomacy";
    let net = read(input);
    for (all, flag) in [(false, None), (true, Some("--all-pairs"))] {
        let rows = net
            .backbone(&BackboneOptions::default(), None, all)
            .unwrap();
        let mut args = vec!["backbone", input];
        args.extend(flag);
        assert_eq!(
            String::from_utf8(rows.to_csv(false)).unwrap(),
            String::from_utf8(cli(&args)).unwrap()
        );
    }
}

#[test]
fn analyses_are_the_cli_tables() {
    let input = "networks/city-diplomacy";
    let net = read(input);
    let run = RobustnessRun {
        replicates: 50,
        ..Default::default()
    };
    let r = net.robustness(&run).unwrap();
    assert_eq!(
        r.table.to_csv(false),
        cli(&["robustness", input, "--replicates", "50"])
    );
    let b = net.brokerage("country", None).unwrap();
    assert_eq!(
        b.to_csv(false),
        cli(&["brokerage", input, "--group", "country"])
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("gawc");
    cli(&[
        "connectivity",
        input,
        "--hinterworld",
        "Paris",
        "-o",
        out.to_str().unwrap(),
    ]);
    let tables = net.connectivity("country", &["Paris"], 50, false).unwrap();
    assert!(tables.len() >= 4);
    for (name, rows) in tables {
        assert_eq!(
            rows.to_csv(false),
            std::fs::read(out.join(name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn petgraph_layers_keep_nodes_edges_and_weights() {
    let net = read("networks/city-diplomacy");
    let n = net.cities().len();
    let two_mode = net.to_petgraph(Layer::TwoMode).unwrap();
    assert_eq!(two_mode.node_count(), n + net.programs().len());
    assert_eq!(two_mode.edge_count(), net.memberships().len());
    // The projection's weights by a plain re-implementation: Σ_p w(a,p)·w(b,p).
    let mut members: BTreeMap<u32, Vec<(u32, f64)>> = BTreeMap::new();
    for m in net.memberships() {
        members
            .entry(m.program)
            .or_default()
            .push((m.city, m.weight));
    }
    let mut want: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for list in members.values() {
        for (i, &(a, wa)) in list.iter().enumerate() {
            for &(b, wb) in &list[i + 1..] {
                let key = (a.min(b) as usize, a.max(b) as usize);
                *want.entry(key).or_default() += wa * wb;
            }
        }
    }
    let g = net.to_petgraph(Layer::Projection).unwrap();
    assert_eq!(g.node_count(), n);
    let mut got: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for e in g.raw_edges() {
        let (a, b) = (e.source().index(), e.target().index());
        got.insert((a.min(b), a.max(b)), e.weight);
    }
    assert_eq!(got.len(), want.len());
    for (k, w) in &want {
        assert!((got[k] - w).abs() < 1e-9, "{k:?}: {} vs {w}", got[k]);
    }
    for v in g.node_indices() {
        assert!(g[v].is_city());
        assert_eq!(g[v].name(), net.cities()[v.index()].name);
    }
    let ties = net.to_petgraph(Layer::Ties).unwrap();
    assert!(ties.edge_count() > 0 && ties.edge_count() <= net.ties().len());
    let programs = net.to_petgraph(Layer::Programs).unwrap();
    assert_eq!(programs.node_count(), net.programs().len());
}

#[test]
fn from_petgraph_round_trips_the_degrees() {
    let net = read("networks/city-diplomacy");
    let g = net.to_petgraph(Layer::Projection).unwrap();
    let back = Network::from_petgraph(&g, "projection").unwrap();
    let options = MetricsOptions {
        metrics: Some(vec!["degree".into(), "strength".into()]),
        ..Default::default()
    };
    let t = back.metrics(&options).unwrap().table;
    let nodes = t.text_column("node").unwrap();
    let degree = t.metric("degree").unwrap();
    let strength = t.metric("strength").unwrap();
    for (i, label) in nodes.iter().enumerate() {
        let v = g
            .node_indices()
            .find(|&v| g[v].to_string() == *label)
            .unwrap();
        let edges: Vec<f64> = g.edges(v).map(|e| *e.weight()).collect();
        assert_eq!(degree.get_f64(i), edges.len() as f64, "{label}");
        assert!((strength.get_f64(i) - edges.iter().sum::<f64>()).abs() < 1e-9);
    }
    assert!(back.warnings().is_empty());
    // An isolated node is named in the warnings, not dropped silently.
    let mut h = petgraph::graph::UnGraph::<&str, f64>::new_undirected();
    let (a, b) = (h.add_node("A"), h.add_node("B"));
    h.add_node("alone");
    h.add_edge(a, b, 1.0);
    let net = Network::from_petgraph(&h, "small").unwrap();
    assert_eq!(net.cities().len(), 2);
    assert!(net.warnings()[0].message.contains("alone"));
}

#[test]
fn bad_input_is_an_error_with_its_line() {
    let csv = "city,program,weight\nParis,C40,1\nLima,C40,abc\n";
    let opts = LoadOptions {
        strict: true,
        ..Default::default()
    };
    match Network::from_csv_bytes("t.csv", csv.as_bytes(), &opts) {
        Err(citynet::Error::BadInput { diagnostics, .. }) => {
            let e = diagnostics.errors().next().unwrap();
            assert_eq!(e.line, Some(3));
            assert_eq!(e.value.as_deref(), Some("abc"));
        }
        other => panic!("expected BadInput, got {other:?}"),
    }
}
