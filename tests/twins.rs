//! Projection measures through the quotient by structural twins (cities with the same programs
//! and weights) give the materialised projection's numbers: NetworkX's on the fixtures of
//! tests/gen_twins.py (many twin classes, valued weights, cities without programs, a
//! one-member program, a city in every program), citynet's own exact kernels on random tables
//! (property test), and the same bits for 1, 2 and 4 threads.

use citynet::graph::{TwinQuotient, TwoMode};
use citynet::metrics::plan::{self, Planner, Projection, ScaleOptions};
use citynet::metrics::{self, quotient, Column, EdgeLength, MetricOptions};
use proptest::prelude::*;
use serde_json::Value;

const NAMES: &[&str] = &["twins_unit", "twins_valued", "twins_dense", "twins_sparse"];

fn load(name: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/twins/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(&path).expect("fixture")).expect("json")
}

fn two_mode(fx: &Value) -> TwoMode {
    let mem: Vec<(u32, u32, f64)> = fx["memberships"]
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
    TwoMode::new(
        fx["n_cities"].as_u64().unwrap() as usize,
        fx["n_programs"].as_u64().unwrap() as usize,
        &mem,
    )
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

fn float(c: &Column) -> Vec<f64> {
    (0..c.len()).map(|i| c.get_f64(i)).collect()
}

#[track_caller]
fn assert_close(what: &str, got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= 1e-12 * w.abs().max(1.0),
            "{what}[{i}]: {g} vs {w}"
        );
    }
}

fn quotient_of(t: &TwoMode) -> TwinQuotient {
    t.city_quotient(t.city_twins())
}

#[test]
fn fixtures_have_many_twins_and_every_edge_case() {
    for name in NAMES {
        let t = two_mode(&load(name));
        let q = quotient_of(&t);
        let n = t.n_cities();
        assert!(2 * q.n_classes() <= n, "{name}: {} classes", q.n_classes());
        let cls = q.classes();
        // A class of cities without programs, a one-member program, a city in every program.
        assert!((0..q.n_classes()).any(|c| q.internal(c).is_none() && cls.size(c) > 1));
        assert!((0..t.n_programs()).any(|p| t.members_of(p).0.len() == 1));
        assert!((0..n).any(|c| t.programs_of(c).0.len() == t.n_programs()));
    }
}

#[test]
fn quotient_route_equals_networkx_and_the_built_projection() {
    for name in NAMES {
        let fx = load(name);
        let cols = &fx["columns"];
        let t = two_mode(&fx);
        let g = t.project_cities();
        assert_eq!(
            g.edge_count() as u64,
            fx["summary"]["edges"].as_u64().unwrap()
        );
        let q = quotient_of(&t);
        assert_eq!(q.projection_edge_count(), g.edge_count() as u64);
        let want = floats(&cols["betweenness"]);
        assert_close(name, &quotient::betweenness(&q), &want);
        assert_close(name, &metrics::betweenness(&g), &want);
        for (len, key) in [
            (EdgeLength::Weight, "betweenness_weight"),
            (EdgeLength::InverseWeight, "betweenness_inverse"),
        ] {
            let want = floats(&cols[key]);
            assert_close(key, &quotient::weighted_betweenness(&q, len), &want);
            assert_close(key, &metrics::weighted_betweenness(&g, len), &want);
        }
        let tri = quotient::triangles_classes(&q);
        let deg = quotient::degree_classes(&q);
        let cls = q.classes();
        for v in 0..t.n_cities() {
            let c = cls.class_of(v);
            assert_eq!(tri[c] as f64, cols["triangles"][v].as_f64().unwrap());
            assert_eq!(deg[c], cols["degree"][v].as_u64().unwrap());
        }
        let want = floats(&cols["clustering"]);
        assert_close(name, &quotient::clustering(&q), &want);
        assert_close(name, &metrics::clustering(&g), &want);
    }
}

#[test]
fn planner_goes_through_the_twins_exactly_with_networkx_summary() {
    for name in NAMES {
        let fx = load(name);
        let t = two_mode(&fx);
        let mut pl = Planner::new(
            Projection::ThroughTwoMode(&t),
            ScaleOptions::default(),
            MetricOptions::default(),
        );
        for col in ["betweenness", "clustering"] {
            let got = float(&pl.column(col).unwrap());
            assert_close(col, &got, &floats(&fx["columns"][col]));
        }
        for m in &pl.methods {
            assert_eq!(m.method, "exact", "{name}: {m:?}");
            assert!(m.via.contains("twin classes"), "{name}: {}", m.via);
            assert!(m.approximation.is_none());
        }
        let s = pl.summary(None);
        let want = &fx["summary"];
        let close = |a: f64, key: &str| {
            let w = want[key].as_f64().unwrap();
            assert!((a - w).abs() <= 1e-12, "{name} {key}: {a} vs {w}");
        };
        close(s.transitivity, "transitivity");
        close(s.average_clustering, "average_clustering");
        close(
            s.average_shortest_path_length,
            "average_shortest_path_length",
        );
        assert_eq!(s.diameter, want["diameter"].as_u64().unwrap());
        assert_eq!(s.edges as u64, want["edges"].as_u64().unwrap());
        assert!(pl.methods.iter().all(|m| m.approximation.is_none()));
    }
}

fn in_pool<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
        .install(f)
}

fn bits(v: &[f64]) -> Vec<u64> {
    v.iter().map(|x| x.to_bits()).collect()
}

#[test]
fn identical_bits_for_one_two_and_four_threads() {
    let t = two_mode(&load("twins_valued"));
    let run = || {
        let q = quotient_of(&t);
        (
            bits(&quotient::betweenness(&q)),
            bits(&quotient::clustering(&q)),
            bits(&quotient::weighted_betweenness(
                &q,
                EdgeLength::InverseWeight,
            )),
            quotient::triangles_classes(&q),
        )
    };
    let one = in_pool(1, run);
    assert_eq!(one, in_pool(2, run));
    assert_eq!(one, in_pool(4, run));
}

/// A random table: `n` cities drawing their programs from `patterns` (program, weight-index)
/// sets, some without programs.
fn table_strategy() -> impl Strategy<Value = TwoMode> {
    (4usize..40, 2usize..7, 1usize..8, any::<bool>()).prop_flat_map(|(n, p, k, valued)| {
        let pattern = proptest::collection::btree_map(0..p as u32, 0usize..3, 0..=p.min(3));
        (
            proptest::collection::vec(pattern, k),
            proptest::collection::vec(0..k + 1, n),
        )
            .prop_map(move |(patterns, pick)| {
                let weights = if valued { [1.0, 0.5, 2.5] } else { [1.0; 3] };
                let mut m = vec![];
                for (c, &i) in pick.iter().enumerate() {
                    // Index k: no programs.
                    if let Some(set) = patterns.get(i) {
                        for (&q, &w) in set {
                            m.push((c as u32, q, weights[w]));
                        }
                    }
                }
                TwoMode::new(n, p, &m)
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn quotient_route_equals_the_materialised_exact_route(t in table_strategy()) {
        let g = t.project_cities();
        let q = quotient_of(&t);
        prop_assert_eq!(q.projection_edge_count(), g.edge_count() as u64);
        let close = |a: &[f64], b: &[f64]| {
            a.iter().zip(b).all(|(x, y)| (x - y).abs() <= 1e-12 * y.abs().max(1.0))
        };
        prop_assert!(close(&quotient::betweenness(&q), &metrics::betweenness(&g)));
        prop_assert_eq!(quotient::clustering(&q), metrics::clustering(&g));
        for len in [EdgeLength::Weight, EdgeLength::InverseWeight] {
            prop_assert!(close(
                &quotient::weighted_betweenness(&q, len),
                &metrics::weighted_betweenness(&g, len)
            ));
        }
    }
}

#[test]
fn built_projection_over_the_time_budget_goes_through_the_twins() {
    let t = two_mode(&load("twins_unit"));
    let g = t.project_cities();
    // A budget that fits betweenness on the quotient but not on G.
    let per_visit = plan::BRANDES_SECONDS_PER_VISIT / plan::REFERENCE_THREADS as f64;
    let tp = quotient::twin_plan(&t, plan::PROJECTION_EDGE_LIMIT, per_visit).unwrap();
    assert!(plan::exact_betweenness_seconds(&g) > 2.0 * tp.betweenness_seconds);
    let tiny = ScaleOptions {
        time_budget: tp.betweenness_seconds,
        ..ScaleOptions::default()
    };
    let mut pl =
        Planner::new(Projection::Built(&g), tiny, MetricOptions::default()).with_two_mode(Some(&t));
    assert!(!pl.all_exact());
    let got = float(&pl.column("betweenness").unwrap());
    assert_close("betweenness", &got, &metrics::betweenness(&g));
    assert!(
        pl.methods[0].via.starts_with("through "),
        "{:?}",
        pl.methods
    );
    // A graph with fewer edges than the projection (a validated projection) is sampled.
    let fewer: Vec<(u32, u32, f64)> = g.edges().skip(1).collect();
    let sub = citynet::graph::Csr::from_edges(g.node_count(), &fewer).0;
    let mut pl = Planner::new(Projection::Built(&sub), tiny, MetricOptions::default())
        .with_two_mode(Some(&t));
    pl.column("betweenness").unwrap();
    assert_eq!(pl.methods[0].method, "approximate");
}
