//! The analyses that go through the twin classes of the city projection (GaWC connectivity,
//! dyads and hinterworlds, brokerage, the disparity filter) give the materialised projection's
//! numbers exactly, on generated membership tables with many twins (valued weights, twins in
//! different groups, cities without programs, one-member programs, a city in every program),
//! for 1 and 4 threads; and GaWC through classes equals the numpy reference of
//! tests/gen_analyses.py.
//!
//! Weights are multiples of 0.5 and tables small, so every sum is exact in binary floating
//! point whatever its order: the two routes must agree bit for bit.

use citynet::graph::disparity::edge_significance;
use citynet::graph::TwoMode;
use citynet::metrics::backbone::disparity_twins::{
    disparity_class_tests, for_each_city_row, validated_by_classes,
};
use citynet::metrics::backbone::{
    disparity_tests, validated_graph, BackboneOptions, Correction, Model, TestCount,
};
use citynet::metrics::twin_view::TwinView;
use citynet::metrics::{brokerage, brokerage_twins, gawc, gawc_twins};
use proptest::prelude::*;

mod common;
use common::{citynet, read_csv};

/// A table of `n` cities over `np` programs: cities draw one of a few program sets (so most
/// have twins), some sets with their own valued weights; every 7th city gets a perturbed
/// weight (a near-twin); the last city is in every program (so a program no set draws has it
/// as its one member); city 1 has no programs; program `np − 1` holds only city 0 and the
/// last. Groups are drawn independently of the sets.
fn table(seed: u64, n: usize, np: usize, n_sets: usize, n_groups: u32) -> (TwoMode, Vec<u32>) {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move |m: u64| {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s % m
    };
    let sets: Vec<Vec<(u32, f64)>> = (0..n_sets)
        .map(|_| {
            let k = 1 + next(3) as usize;
            let mut ps: Vec<u32> = (0..k).map(|_| next(np as u64 - 1) as u32).collect();
            ps.sort_unstable();
            ps.dedup();
            ps.into_iter()
                .map(|p| (p, 0.5 * (1 + next(4)) as f64))
                .collect()
        })
        .collect();
    let mut m = vec![];
    let mut groups = vec![];
    for c in 0..n {
        groups.push(next(n_groups as u64) as u32);
        if c == 1 {
            continue;
        }
        if c == n - 1 {
            m.extend((0..np as u32).map(|p| (c as u32, p, 1.0)));
            continue;
        }
        for &(p, w) in &sets[next(n_sets as u64) as usize] {
            let w = if c % 7 == 3 { w + 0.5 } else { w };
            m.push((c as u32, p, w));
        }
    }
    m.push((0, np as u32 - 1, 1.5));
    (TwoMode::new(n, np, &m), groups)
}

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
}

fn same_f64(a: &[f64], b: &[f64], what: &str) {
    assert_eq!(a.len(), b.len(), "{what}");
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        assert!(x.to_bits() == y.to_bits(), "{what}[{i}]: {x} vs {y}");
    }
}

fn same_suite(x: &gawc::GawcSuite, y: &gawc::GawcSuite) {
    same_f64(&x.gnc, &y.gnc, "gnc");
    same_f64(&x.ei, &y.ei, "ei");
    assert_eq!(x.dyads, y.dyads);
    assert_eq!(x.groups.len(), y.groups.len());
    for (a, b) in x.groups.iter().zip(&y.groups) {
        assert_eq!((a.group, a.cities), (b.group, b.cities));
        same_f64(
            &[a.gnc_sum, a.gnc_share, a.ei_index],
            &[b.gnc_sum, b.gnc_share, b.ei_index],
            "group",
        );
    }
    assert_eq!(x.hinterworlds.len(), y.hinterworlds.len());
    for (a, b) in x.hinterworlds.iter().zip(&y.hinterworlds) {
        assert_eq!(a.0, b.0);
        same_f64(&[a.2 .0, a.2 .1], &[b.2 .0, b.2 .1], "fit");
        assert_eq!(a.1.len(), b.1.len());
        for (r, s) in a.1.iter().zip(&b.1) {
            assert_eq!(r.0, s.0);
            same_f64(&[r.1, r.2, r.3], &[s.1, s.2, s.3], "hinterworld row");
        }
    }
}

fn same_brokerage(x: &brokerage::Brokerage, y: &brokerage::Brokerage) {
    assert_eq!(x.counts, y.counts);
    for r in 0..6 {
        same_f64(&x.z[r], &y.z[r], "z");
    }
}

fn check_gawc_and_brokerage(t: &TwoMode, groups: &[u32], n_groups: u32) {
    let g = t.project_cities();
    let names: Vec<String> = (0..n_groups).map(|i| format!("g{i}")).collect();
    let hw = [0, 1, t.n_cities() - 1, t.n_cities() / 2];
    for top in [1, 5, 40] {
        let built = gawc::suite(&g, groups.to_vec(), names.clone(), &hw, top);
        let mut by_threads = vec![];
        for threads in [1, 4] {
            let (suite, b) = pool(threads).install(|| {
                let q = TwinView::new(t);
                (
                    gawc_twins::suite(&q, groups.to_vec(), names.clone(), &hw, top),
                    brokerage_twins::brokerage(&q, groups),
                )
            });
            same_suite(&built, &suite);
            assert_eq!(
                gawc_twins::top_dyads_count(&TwinView::new(t), top),
                built.dyads.len() as u64
            );
            by_threads.push(b);
        }
        let b = brokerage::brokerage(&g, groups);
        same_brokerage(&b, &by_threads[0]);
        same_brokerage(&b, &by_threads[1]);
    }
}

fn check_disparity(t: &TwoMode) {
    let g = t.project_cities();
    let q = TwinView::new(t);
    assert_eq!(q.edge_count(), g.edge_count() as u64);
    for alpha in [0.05, 0.3, 0.7, 1.0] {
        for correction in [Correction::None, Correction::Fdr, Correction::Bonferroni] {
            for tests in [TestCount::Tested, TestCount::All] {
                let opts = BackboneOptions {
                    model: Model::Disparity,
                    alpha,
                    correction,
                    tests,
                    ..Default::default()
                };
                let built = validated_graph(&g, &opts).unwrap();
                let classes = pool(4).install(|| validated_by_classes(&q, &opts));
                assert_eq!(built.report, classes.report, "α = {alpha}");
                assert_eq!(built.kept_tests, classes.kept_tests, "α = {alpha}");
                let e1: Vec<_> = built.graph.edges().collect();
                let e2: Vec<_> = classes.graph.edges().collect();
                assert_eq!(e1, e2);
                // Every tested pair, expanded from the class pairs, in the same order.
                let (all, _) = disparity_tests(&g, &opts, g.node_count());
                let (ct, _) = disparity_class_tests(&q, &opts);
                let mut expanded = vec![];
                for_each_city_row(
                    &q,
                    &ct,
                    |_| true,
                    |a, row| {
                        expanded.extend(row.iter().map(|&(b, k)| {
                            let c = &ct[k];
                            (a, b, c.weight, c.p_value, c.p_adjusted, c.kept)
                        }))
                    },
                );
                let want: Vec<_> = all
                    .iter()
                    .map(|e| (e.a, e.b, e.weight, e.p_value, e.p_adjusted, e.kept))
                    .collect();
                assert_eq!(expanded, want);
            }
        }
    }
    assert_eq!(edge_significance(&g).len() as u64, q.edge_count());
}

#[test]
fn twins_give_the_materialised_numbers() {
    for seed in 1..=6 {
        let (t, groups) = table(seed, 90, 9, 8, 4);
        let q = TwinView::new(&t);
        assert!(q.n_classes() < 45, "the generator makes twins");
        let mixed = q
            .group_counts(&groups)
            .iter()
            .filter(|g| g.len() > 1)
            .count();
        assert!(mixed > 0, "twins in different groups");
        let b = brokerage_twins::brokerage(&q, &groups);
        assert!(b.counts[5].iter().any(|&x| x > 0), "some open paths");
        check_gawc_and_brokerage(&t, &groups, 4);
        check_disparity(&t);
    }
}

#[test]
fn a_class_of_one_everywhere_still_agrees() {
    // Few cities, many sets: most classes hold one city.
    let (t, groups) = table(11, 25, 12, 60, 3);
    check_gawc_and_brokerage(&t, &groups, 3);
    check_disparity(&t);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn random_twin_tables_agree(
        seed in 1u64..1_000_000,
        n in 5usize..60,
        np in 2usize..8,
        sets in 1usize..10,
        n_groups in 1u32..5,
    ) {
        let (t, groups) = table(seed, n, np, sets, n_groups);
        check_gawc_and_brokerage(&t, &groups, n_groups);
        check_disparity(&t);
    }
}

/// The numpy reference of tests/gen_analyses.py (GaWC on the NetworkX projection), reached
/// through the twin classes.
#[test]
fn gawc_through_classes_equals_the_numpy_reference() {
    use serde_json::Value;
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/analyses.json");
    let fx: Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("city,country,region,program,weight\n");
    for r in fx["memberships"].as_array().unwrap() {
        let r = r.as_array().unwrap();
        let s = |i: usize| r[i].as_str().unwrap().to_string();
        let w = r[4].as_f64().unwrap();
        csv.push_str(&format!("{},{},{},{},{w}\n", s(0), s(1), s(2), s(3)));
    }
    let input = dir.path().join("m.csv");
    std::fs::write(&input, csv).unwrap();
    let ui = citynet::pipeline::Ui { quiet: true };
    let (ds, _) = citynet::pipeline::load_input(&input, &Default::default(), ui).unwrap();
    let t = ds.two_mode();
    let groups = ds.groups_by("region").unwrap();
    let gx = &fx["gawc"];
    let city = |name: &str| ds.cities.iter().position(|c| c.name == name).unwrap();
    let hw: Vec<usize> = gx["hinterworld_cities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| city(v.as_str().unwrap()))
        .collect();
    let q = TwinView::new(&t);
    let s = gawc_twins::suite(&q, groups.labels.clone(), groups.names.clone(), &hw, 20);
    let close = |a: f64, b: f64, what: &str| {
        assert!(
            (a.is_nan() && b.is_nan()) || (a - b).abs() <= 1e-12 * (1.0 + b.abs()),
            "{what}: citynet {a}, reference {b}"
        )
    };
    let top = s.gnc.iter().copied().fold(f64::MIN, f64::max);
    for e in gx["connectivity"].as_array().unwrap() {
        let v = city(e["city"].as_str().unwrap());
        close(s.gnc[v], e["gnc"].as_f64().unwrap(), "gnc");
        close(
            s.gnc[v] / top,
            e["gnc_share"].as_f64().unwrap(),
            "gnc_share",
        );
        close(
            s.ei[v],
            e["ei_index"].as_f64().unwrap_or(f64::NAN),
            "ei_index",
        );
    }
    let dyads = gx["dyads"].as_array().unwrap();
    assert_eq!(s.dyads.len(), dyads.len());
    for (&(a, b, r, rank), e) in s.dyads.iter().zip(dyads) {
        assert_eq!(ds.cities[a as usize].name, e["a"].as_str().unwrap());
        assert_eq!(ds.cities[b as usize].name, e["b"].as_str().unwrap());
        assert_eq!(rank as f64, e["rank"].as_f64().unwrap());
        close(r, e["r"].as_f64().unwrap(), "r_ab");
    }
    for e in gx["groups"].as_array().unwrap() {
        let g = groups
            .names
            .iter()
            .position(|n| n == e["group"].as_str().unwrap())
            .unwrap();
        let row = &s.groups[g];
        assert_eq!(row.cities as f64, e["cities"].as_f64().unwrap());
        close(row.gnc_sum, e["gnc_sum"].as_f64().unwrap(), "gnc_sum");
        close(row.gnc_share, e["gnc_share"].as_f64().unwrap(), "gnc_share");
        close(row.ei_index, e["ei_index"].as_f64().unwrap(), "group ei");
    }
    let expected = gx["hinterworld"].as_array().unwrap();
    let mut checked = 0;
    for (a, rows, _) in &s.hinterworlds {
        for e in expected
            .iter()
            .filter(|e| e["of"].as_str().unwrap() == ds.cities[*a].name)
        {
            let b = city(e["city"].as_str().unwrap()) as u32;
            let row = rows.iter().find(|r| r.0 == b).unwrap();
            close(row.1, e["r"].as_f64().unwrap(), "hinterworld r");
            close(row.2, e["fitted"].as_f64().unwrap(), "fitted");
            close(row.3, e["residual"].as_f64().unwrap(), "residual");
            checked += 1;
        }
    }
    assert_eq!(checked, expected.len());
}

/// A table whose projection is above the build limit (3,300 cities in one program: 5.4
/// million edges) goes through the classes end to end; `gnc` equals the closed-form strength
/// `Σ_p w(a,p)·(W_p − w(a,p))`, and the refusal of `--graph validated` names
/// `--graph projection` and, the input having no direct ties, not `--graph ties`.
#[test]
fn a_projection_too_large_to_build_runs_through_classes() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("city,country,region,program,weight\n");
    let regions = ["North", "South", "East"];
    for c in 0..3300 {
        let region = regions[c % 3];
        csv.push_str(&format!("T{c},Aland,{region},Big,1\n"));
        if c % 50 == 0 {
            csv.push_str(&format!("T{c},Aland,{region},Small{},2\n", c % 150));
        }
    }
    let input = dir.path().join("m.csv");
    std::fs::write(&input, &csv).unwrap();
    let out = dir.path().join("c");
    citynet()
        .args(["-q", "connectivity"])
        .arg(&input)
        .args(["--group", "region", "--hinterworld", "T0", "-o"])
        .arg(&out)
        .assert()
        .success();
    let (head, rows) = read_csv(&out.join("connectivity.csv"));
    let gnc = head.iter().position(|h| h == "gnc").unwrap();
    let ui = citynet::pipeline::Ui { quiet: true };
    let (ds, _) = citynet::pipeline::load_input(&input, &Default::default(), ui).unwrap();
    let closed = ds.two_mode().projected_strength();
    assert_eq!(rows.len(), 3300);
    for (r, want) in rows.iter().zip(&closed) {
        assert_eq!(r[gnc].parse::<f64>().unwrap(), *want, "{}", r[0]);
    }
    // Rank 1: the pairs inside each of the three Small programs (22 cities each, weight
    // 1 + 2·2 = 5), 3·231 tied pairs, all kept; the next rank (694) is past 50.
    let (dh, dyads) = read_csv(&out.join("dyads.csv"));
    assert_eq!(dyads.len(), 693);
    let r_ab = dh.iter().position(|h| h == "r_ab").unwrap();
    assert!(dyads.iter().all(|d| d[0] == "1" && d[r_ab] == "5"));
    let (_, hw) = read_csv(&out.join("hinterworld.csv"));
    assert_eq!(hw.len(), 3299);
    let b = dir.path().join("b.csv");
    citynet()
        .args(["-q", "brokerage"])
        .arg(&input)
        .args(["--group", "region", "-o"])
        .arg(&b)
        .assert()
        .success();
    assert_eq!(read_csv(&b).1.len(), 3300);
    let refused = citynet()
        .args(["-q", "connectivity"])
        .arg(&input)
        .args(["--graph", "validated", "-o"])
        .arg(dir.path().join("v"))
        .assert()
        .code(2);
    let msg = String::from_utf8_lossy(&refused.get_output().stderr).to_string();
    assert!(msg.contains("--graph projection"), "{msg}");
    assert!(!msg.contains("--graph ties"), "{msg}");
}
