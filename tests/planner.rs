//! Issue #14: the planner computes betweenness exactly when its estimated time fits
//! `--time-budget` and samples it otherwise (with ε chosen to fit the budget), says so on
//! standard error, in summary.json and in summary.md; `--exact` and `--epsilon` still decide.

mod common;
use citynet::graph::Csr;
use citynet::metrics::plan::{self, Planner, Projection, ScaleOptions};
use citynet::metrics::{self, Column, MetricOptions};
use common::citynet;
use predicates::prelude::*;

/// A deterministic Holme–Kim-like graph: node `v ≥ k` links to `k` earlier nodes, one drawn
/// uniformly and the others next to it (triad formation), so there are triangles and hubs.
fn growth_edges(n: u32, k: u32, seed: u64) -> Vec<(u32, u32)> {
    let mut x = seed;
    let mut rnd = |m: u32| {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((x >> 33) % m as u64) as u32
    };
    let mut edges = vec![];
    let mut ends: Vec<u32> = (0..k).collect();
    for v in k..n {
        let mut picked: Vec<u32> = vec![];
        while picked.len() < k as usize {
            let u = ends[rnd(ends.len() as u32) as usize];
            if u != v && !picked.contains(&u) {
                picked.push(u);
            }
        }
        for &u in &picked {
            edges.push((u, v));
            ends.push(u);
            ends.push(v);
        }
    }
    edges
}

fn edge_file(n: u32) -> tempfile::NamedTempFile {
    let f = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    let mut text = String::from("source,target\n");
    for (u, v) in growth_edges(n, 3, 5) {
        text.push_str(&format!("n{u},n{v}\n"));
    }
    std::fs::write(f.path(), text).unwrap();
    f
}

fn graph(n: u32) -> Csr {
    let e: Vec<(u32, u32, f64)> = growth_edges(n, 3, 5)
        .into_iter()
        .map(|(u, v)| (u, v, 1.0))
        .collect();
    Csr::from_edges(n as usize, &e).0
}

fn method_of(p: &Planner, column: &str) -> (&'static str, Option<f64>) {
    let m = p.methods.iter().find(|m| m.column == column).unwrap();
    (m.method, m.approximation.as_ref().map(|a| a.epsilon))
}

#[test]
fn the_planner_is_exact_within_the_time_budget_and_samples_over_it() {
    let g = graph(600);
    let secs = plan::exact_betweenness_seconds(&g);
    assert!(secs > 0.0);
    // A budget just above the estimate: exact, and equal to the Brandes kernel.
    let within = ScaleOptions {
        time_budget: secs * 4.0,
        ..ScaleOptions::default()
    };
    let mut p = Planner::new(Projection::Built(&g), within, MetricOptions::default());
    assert!(p.all_exact());
    let Column::Float(b) = p.column("betweenness").unwrap() else {
        panic!()
    };
    assert_eq!(method_of(&p, "betweenness"), ("exact", None));
    assert_eq!(b, metrics::betweenness(&g));
    // A budget far below it: sampled, ε chosen by the planner (capped), within that ε.
    let over = ScaleOptions {
        time_budget: secs / 1e6,
        ..ScaleOptions::default()
    };
    let mut p = Planner::new(Projection::Built(&g), over, MetricOptions::default());
    assert!(!p.all_exact());
    let Column::Float(approx) = p.column("betweenness").unwrap() else {
        panic!()
    };
    let (method, eps) = method_of(&p, "betweenness");
    assert_eq!(method, "approximate");
    let eps = eps.unwrap();
    assert!(eps > 0.0 && eps <= plan::MAX_BUDGET_EPSILON * 600.0 / 598.0 + 1e-12);
    let worst = approx
        .iter()
        .zip(&b)
        .map(|(a, e)| (a - e).abs())
        .fold(0.0, f64::max);
    assert!(worst <= eps, "max error {worst} > ε {eps}");
    // --exact wins over the budget; --epsilon fixes ε when sampling.
    let forced = ScaleOptions {
        exact: true,
        ..over
    };
    let mut p = Planner::new(Projection::Built(&g), forced, MetricOptions::default());
    p.column("betweenness").unwrap();
    assert_eq!(method_of(&p, "betweenness").0, "exact");
    let fixed = ScaleOptions {
        epsilon: Some(0.03),
        ..over
    };
    let mut p = Planner::new(Projection::Built(&g), fixed, MetricOptions::default());
    p.column("betweenness").unwrap();
    let (method, eps) = method_of(&p, "betweenness");
    assert_eq!(method, "approximate");
    assert!((eps.unwrap() - 0.03 * 600.0 / 598.0).abs() < 1e-12);
}

#[test]
fn a_larger_budget_gives_a_smaller_epsilon() {
    let g = graph(2000);
    let vd = metrics::approx::vertex_diameter_bound(&g);
    let plan_for = |budget: f64| {
        plan::sample_plan(
            &g,
            2000,
            vd,
            &ScaleOptions {
                time_budget: budget,
                ..ScaleOptions::default()
            },
        )
    };
    let small = plan_for(0.01);
    let large = plan_for(1.0);
    assert!(small.from_budget && large.from_budget);
    assert!(large.epsilon < small.epsilon, "{large:?} vs {small:?}");
    assert!(large.samples > small.samples);
    // The estimate of the plan fits the budget (up to rounding ε up to 4 decimals).
    assert!(large.seconds <= 1.0 * 1.01, "{large:?}");
}

#[test]
fn cli_default_run_is_exact_on_a_small_graph_and_a_tiny_budget_samples_and_says_so() {
    let f = edge_file(400);
    let run = |extra: &[&str]| {
        citynet()
            .args(["metrics", "--metrics", "degree,betweenness"])
            .args(extra)
            .arg(f.path())
            .assert()
            .success()
            .get_output()
            .clone()
    };
    let default = run(&[]);
    let exact = run(&["--exact"]);
    assert_eq!(default.stdout, exact.stdout, "default run is not exact");
    assert!(!String::from_utf8_lossy(&default.stderr).contains("approximated"));
    let sampled = run(&["--time-budget", "0.000001"]);
    assert_ne!(sampled.stdout, exact.stdout);
    let err = String::from_utf8_lossy(&sampled.stderr);
    assert!(
        err.contains("over the time budget") && err.contains("it is approximated by sampling"),
        "{err}"
    );
    // analyze writes it into summary.md in words.
    let dir = tempfile::tempdir().unwrap();
    let res = dir.path().join("res");
    citynet()
        .args([
            "analyze",
            "--no-figures",
            "-q",
            "--metrics",
            "degree,betweenness",
        ])
        .args(["--time-budget", "0.000001"])
        .arg(f.path())
        .arg("--out")
        .arg(&res)
        .assert()
        .success();
    let md = std::fs::read_to_string(res.join("summary.md")).unwrap();
    assert!(
        md.contains("**Approximate columns: `betweenness`.**"),
        "{md}"
    );
    assert!(md.contains("may be ranked in the wrong order"), "{md}");
    let js: serde_json::Value =
        serde_json::from_slice(&std::fs::read(res.join("summary.json")).unwrap()).unwrap();
    let methods = js["methods"].as_array().unwrap();
    let b = methods
        .iter()
        .find(|m| m["column"] == "betweenness")
        .unwrap();
    assert_eq!(b["method"], "approximate");
    assert!(b["notes"]
        .as_str()
        .unwrap()
        .contains("over the time budget"));
}

/// The estimate is made for the reference machine's threads, not the run's: a budget between
/// the 2-thread estimate and twice it (where dividing by the run's thread count would make one
/// thread sample and two threads compute exactly) gives the same choice and the same bytes for
/// `--threads 1` and `--threads 2`, on both sides of the threshold.
#[test]
fn the_choice_and_the_output_do_not_depend_on_the_thread_count() {
    let n = 400;
    let f = edge_file(n);
    let secs = plan::exact_betweenness_seconds(&graph(n));
    assert!(secs > 0.0);
    let run = |threads: &str, budget: f64| {
        citynet()
            .args(["metrics", "--metrics", "degree,betweenness"])
            .args([
                "--threads",
                threads,
                "--time-budget",
                &format!("{budget:e}"),
            ])
            .arg(f.path())
            .assert()
            .success()
            .get_output()
            .clone()
    };
    let exact = citynet()
        .args(["metrics", "--metrics", "degree,betweenness", "--exact"])
        .arg(f.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    // Within the budget for the reference threads, over it for one thread's time.
    let (one, two) = (run("1", secs * 1.5), run("2", secs * 1.5));
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(
        one.stdout, exact,
        "a budget above the estimate is not exact"
    );
    for out in [&one, &two] {
        assert!(!String::from_utf8_lossy(&out.stderr).contains("approximated"));
    }
    // Below the estimate: both sample, with the same ε and the same values.
    let (one, two) = (run("1", secs / 1.5), run("2", secs / 1.5));
    assert_eq!(one.stdout, two.stdout);
    assert_ne!(one.stdout, exact, "a budget below the estimate is exact");
    assert_eq!(one.stderr, two.stderr);
    assert!(String::from_utf8_lossy(&one.stderr).contains("it is approximated by sampling"));
}

#[test]
fn time_budget_must_be_positive() {
    citynet()
        .args(["metrics", "--time-budget", "0"])
        .arg(common::data("edges.csv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--time-budget 0"));
}
