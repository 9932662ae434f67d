//! Compares every metric column with the NetworkX values stored in `tests/fixtures/*.json`
//! (written by `tests/gen_fixtures.py`).

use citynet::graph::{Csr, TwoMode};
use citynet::metrics::{
    self, graph_summary, modularity, node_metrics, Column, MetricError, MetricOptions,
};
use citynet::model::metric_names::{NODE_METRICS, TWO_MODE_METRICS};
use serde_json::Value;
use std::collections::HashMap;

const FIXTURES: &[&str] = &[
    "karate",
    "florentine",
    "lesmis",
    "disconnected",
    "gnp",
    "powerlaw",
    "davis",
    "random_bipartite",
    "city_diplomacy",
];

fn load(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).expect("fixture")).expect("json")
}

fn graph_of(fx: &Value) -> Csr {
    let n = fx["n"].as_u64().unwrap() as usize;
    let edges: Vec<(u32, u32, f64)> = fx["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e[0].as_u64().unwrap() as u32,
                e[1].as_u64().unwrap() as u32,
                e[2].as_f64().unwrap(),
            )
        })
        .collect();
    Csr::from_edges(n, &edges).0
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

fn assert_close(name: &str, col: &str, got: &Column, want: &[f64], tol: f64) {
    assert_eq!(got.len(), want.len(), "{name}/{col}: length");
    for (i, &w) in want.iter().enumerate() {
        let g = got.get_f64(i);
        assert!(
            (g - w).abs() <= tol * w.abs().max(1.0),
            "{name}/{col}[{i}]: got {g}, NetworkX {w}"
        );
    }
}

/// Same partition: labels equal up to renaming.
fn same_partition(a: &[i64], b: &[i64]) -> bool {
    let mut ab: HashMap<i64, i64> = HashMap::new();
    let mut ba: HashMap<i64, i64> = HashMap::new();
    a.iter()
        .zip(b)
        .all(|(&x, &y)| *ab.entry(x).or_insert(y) == y && *ba.entry(y).or_insert(x) == x)
}

#[test]
fn one_mode_columns_match_networkx() {
    for &name in FIXTURES {
        let fx = load(name);
        let g = graph_of(&fx);
        let cols = &fx["columns"];
        let names: Vec<&str> = NODE_METRICS
            .iter()
            .copied()
            .filter(|&c| c != "eigenvector" || !cols["eigenvector"].is_null())
            .collect();
        let got = node_metrics(&g, &names, &MetricOptions::default()).unwrap();
        assert_eq!(
            got.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
            names,
            "order"
        );
        for (col, values) in &got {
            match col.as_str() {
                "component" => {
                    let want: Vec<i64> = floats(&cols["component"])
                        .iter()
                        .map(|&x| x as i64)
                        .collect();
                    let Column::Int(v) = values else { panic!() };
                    assert!(same_partition(v, &want), "{name}: components differ");
                    // Label 0 is a largest component.
                    let size0 = v.iter().filter(|&&c| c == 0).count();
                    let max = (0..=*v.iter().max().unwrap_or(&0))
                        .map(|c| v.iter().filter(|&&x| x == c).count())
                        .max()
                        .unwrap_or(0);
                    assert_eq!(size0, max, "{name}: component 0 is not the largest");
                }
                "community" => {
                    let Column::Int(v) = values else { panic!() };
                    let q = modularity(&g, v, 1.0);
                    let want = fx["louvain_modularity"].as_f64().unwrap();
                    assert!(
                        q >= want - 1e-9,
                        "{name}: Louvain modularity {q} < NetworkX {want}"
                    );
                }
                _ => assert_close(name, col, values, &floats(&cols[col.as_str()]), 1e-9),
            }
        }
        if cols["eigenvector"].is_null() {
            assert!(matches!(
                metrics::eigenvector(&g),
                Err(MetricError::NoConvergence(1000))
            ));
        }
    }
}

#[test]
fn reach_within_matches_networkx() {
    for &name in FIXTURES {
        let fx = load(name);
        let g = graph_of(&fx);
        for k in [1u32, 3] {
            let want = floats(&fx["reach"][k.to_string()]);
            let got = Column::Float(metrics::reach_within(&g, k));
            assert_close(name, &format!("reach_{k}"), &got, &want, 1e-12);
        }
    }
}

#[test]
fn summary_matches_networkx() {
    for &name in FIXTURES {
        let fx = load(name);
        let g = graph_of(&fx);
        let want = &fx["summary"];
        let labels: Vec<i64> = floats(&fx["louvain_labels"])
            .iter()
            .map(|&x| x as i64)
            .collect();
        let s = graph_summary(&g, Some(&labels));
        let f = |k: &str| want[k].as_f64().unwrap();
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs().max(1.0);
        assert_eq!(s.nodes as f64, f("nodes"), "{name}");
        assert_eq!(s.edges as f64, f("edges"), "{name}");
        assert!(close(s.density, f("density")), "{name} density");
        assert_eq!(s.components as f64, f("components"), "{name}");
        assert_eq!(s.largest_component as f64, f("largest_component"), "{name}");
        assert!(
            close(s.transitivity, f("transitivity")),
            "{name} transitivity"
        );
        assert!(
            close(s.average_clustering, f("average_clustering")),
            "{name} avg clustering"
        );
        assert_eq!(s.diameter as f64, f("diameter"), "{name} diameter");
        assert!(
            close(
                s.average_shortest_path_length,
                f("average_shortest_path_length")
            ),
            "{name} aspl {} vs {}",
            s.average_shortest_path_length,
            f("average_shortest_path_length")
        );
        assert!(
            close(s.modularity, f("modularity")),
            "{name} modularity {} vs {}",
            s.modularity,
            f("modularity")
        );
        assert_eq!(s.communities as f64, f("communities"), "{name}");
        match (
            s.degree_assortativity,
            want["degree_assortativity"].as_f64(),
        ) {
            (Some(a), Some(b)) => assert!(close(a, b), "{name} assortativity {a} vs {b}"),
            (None, None) => {}
            (a, b) => panic!("{name} assortativity {a:?} vs {b:?}"),
        }
        // Without labels, the summary runs Louvain itself.
        let own = graph_summary(&g, None);
        assert!(own.modularity >= fx["louvain_modularity"].as_f64().unwrap() - 1e-9);
    }
}

#[test]
fn two_mode_columns_match_networkx() {
    for name in ["davis", "random_bipartite", "city_diplomacy"] {
        let fx = load(name);
        let tm = &fx["two_mode"];
        let nc = tm["n_cities"].as_u64().unwrap() as usize;
        let np = tm["n_programs"].as_u64().unwrap() as usize;
        let mem: Vec<(u32, u32, f64)> = tm["memberships"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e[0].as_u64().unwrap() as u32,
                    e[1].as_u64().unwrap() as u32,
                    e[2].as_f64().unwrap(),
                )
            })
            .collect();
        let t = TwoMode::new(nc, np, &mem);
        // The projection equals NetworkX's weighted_projected_graph.
        let p = t.project_cities();
        let g = graph_of(&fx);
        assert_eq!(p, g, "{name}: projection differs from NetworkX's");
        let c = metrics::city_two_mode_metrics(&t, TWO_MODE_METRICS).unwrap();
        let q = metrics::program_two_mode_metrics(&t, TWO_MODE_METRICS).unwrap();
        for (side, got) in [("cities", c), ("programs", q)] {
            for (col, values) in &got {
                assert_close(
                    name,
                    &format!("{side}/{col}"),
                    values,
                    &floats(&tm[side][col]),
                    1e-9,
                );
            }
        }
    }
}

#[test]
fn unknown_metric_is_an_error() {
    let (g, _) = Csr::from_edges(2, &[(0, 1, 1.0)]);
    let e = node_metrics(&g, &["degree", "nope"], &MetricOptions::default()).unwrap_err();
    assert_eq!(e, MetricError::Unknown("nope".into()));
    assert!(e.to_string().contains("known: degree"));
    let t = TwoMode::new(1, 1, &[(0, 0, 1.0)]);
    assert!(metrics::city_two_mode_metrics(&t, &["betweenness"]).is_err());
}

#[test]
fn weighted_path_variants_match_networkx() {
    use metrics::{weighted_betweenness, weighted_closeness, EdgeLength};
    for &name in FIXTURES {
        let fx = load(name);
        let g = graph_of(&fx);
        let w = &fx["weighted"];
        for (key, len) in [
            ("weight", EdgeLength::Weight),
            ("inverse", EdgeLength::InverseWeight),
        ] {
            let b = Column::Float(weighted_betweenness(&g, len));
            assert_close(
                name,
                &format!("betweenness_{key}"),
                &b,
                &floats(&w[format!("betweenness_{key}")]),
                1e-9,
            );
            let c = Column::Float(weighted_closeness(&g, len));
            assert_close(
                name,
                &format!("closeness_{key}"),
                &c,
                &floats(&w[format!("closeness_{key}")]),
                1e-9,
            );
        }
    }
}
