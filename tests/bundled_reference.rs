//! End to end: `citynet metrics` on the bundled network, read through the loader and the
//! pipeline, equals NetworkX on the same network (fixture `city_diplomacy`, written by
//! tests/gen_fixtures.py), city by city, whatever the thread count.

mod common;
use common::citynet;
use serde_json::Value;
use std::collections::HashMap;

fn fixture() -> Value {
    let p = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/city_diplomacy.json"
    );
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

fn metrics_json(threads: &str) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m.json");
    citynet()
        .args([
            "metrics",
            "-q",
            "--threads",
            threads,
            "networks/city-diplomacy",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap()
}

#[test]
fn bundled_network_metrics_equal_networkx() {
    let fx = fixture();
    let rows = metrics_json("2");
    let keys: Vec<&str> = fx["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    assert_eq!(rows.len(), keys.len());
    let by_key: HashMap<String, &Value> = rows
        .iter()
        .map(|r| {
            (
                format!(
                    "{}|{}",
                    r["city"].as_str().unwrap(),
                    r["country"].as_str().unwrap()
                ),
                r,
            )
        })
        .collect();
    let mut checked = 0;
    for (col, tol) in [
        ("degree", 1e-9),
        ("strength", 1e-9),
        ("betweenness", 1e-9),
        ("closeness", 1e-9),
        ("harmonic", 1e-9),
        ("eigenvector", 1e-9),
        ("pagerank", 1e-9),
        ("clustering", 1e-9),
        ("core", 1e-9),
    ] {
        let want = fx["columns"][col].as_array().unwrap();
        for (i, k) in keys.iter().enumerate() {
            let got = by_key[*k][col].as_f64().unwrap();
            let w = want[i].as_f64().unwrap();
            assert!(
                (got - w).abs() <= tol,
                "{k} {col}: citynet {got}, NetworkX {w}"
            );
            checked += 1;
        }
    }
    let cities = &fx["two_mode"]["cities"];
    for col in [
        "programs",
        "bip_degree",
        "bip_betweenness",
        "bip_closeness",
        "bip_clustering",
    ] {
        let want = cities[col].as_array().unwrap();
        for (i, k) in keys.iter().enumerate() {
            let got = by_key[*k][col].as_f64().unwrap();
            let w = want[i].as_f64().unwrap();
            assert!(
                (got - w).abs() <= 1e-9,
                "{k} {col}: citynet {got}, NetworkX {w}"
            );
            checked += 1;
        }
    }
    assert!(checked > 3000, "{checked}");
}

#[test]
fn bundled_network_metrics_do_not_depend_on_thread_count() {
    assert_eq!(metrics_json("1"), metrics_json("2"));
}
