//! A research pipeline run in citynet: filters after reading (their survivors against a plain
//! re-implementation, tests/gen_pipeline.py), both modes' two-mode columns against NetworkX and
//! python-igraph (tests/twomode_reference.py), and `validate`'s exit codes.

mod common;
use common::{citynet, data, read_csv, reference_check};
use predicates::prelude::*;
use std::path::Path;

/// The filter sequence tests/gen_pipeline.py re-implements.
const FILTERS: &[&str] = &[
    "--where",
    "continent=Europe",
    "--min-programs",
    "2",
    "--drop-program",
    "P03",
    "--min-programs",
    "2",
    "--min-members",
    "3",
];

/// The survivors tests/gen_pipeline.py computed: (cities, programs), sorted.
fn expected_survivors() -> (Vec<String>, Vec<String>) {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expected/pipeline_survivors.csv");
    let (_, rows) = read_csv(&p);
    let pick = |k: &str| {
        rows.iter()
            .filter(|r| r[0] == k)
            .map(|r| r[1].clone())
            .collect::<Vec<_>>()
    };
    (pick("city"), pick("program"))
}

fn column(p: &Path, name: &str) -> Vec<String> {
    let (h, rows) = read_csv(p);
    let i = h.iter().position(|x| x == name).unwrap();
    let mut v: Vec<String> = rows.into_iter().map(|r| r[i].clone()).collect();
    v.sort();
    v
}

#[test]
fn filters_leave_the_survivors_of_a_plain_reimplementation_and_are_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    citynet()
        .args([
            "-q",
            "analyze",
            "--no-figures",
            "--no-geocode",
            "--metrics",
            "programs,bip_degree",
        ])
        .arg(data("pipeline_memberships.csv"))
        .arg("--out")
        .arg(&out)
        .args(FILTERS)
        .assert()
        .success();
    let (cities, programs) = expected_survivors();
    assert_eq!(column(&out.join("cities.csv"), "city"), cities);
    assert_eq!(column(&out.join("programs.csv"), "program"), programs);
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    let steps = summary["counts"]["filters"].as_array().unwrap();
    let written: Vec<&str> = steps
        .iter()
        .map(|s| s["filter"].as_str().unwrap())
        .collect();
    assert_eq!(
        written,
        [
            "--where 'continent=Europe'",
            "--min-programs 2",
            "--drop-program \"P03\"",
            "--min-programs 2",
            "--min-members 3"
        ]
    );
    assert_eq!(steps[2]["programs_removed"], 1);
    let last = &steps[4];
    assert_eq!(last["cities_left"], cities.len());
    assert_eq!(last["programs_left"], programs.len());
    let md = std::fs::read_to_string(out.join("summary.md")).unwrap();
    assert!(md.contains("| `--drop-program \"P03\"` | 0 | 1 |"), "{md}");
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("<b>Filters.</b>"));
}

#[test]
fn filters_apply_in_the_order_given() {
    // Dropping P03 before counting keeps fewer cities than counting first and dropping after.
    let run = |args: &[&str]| {
        let out = citynet()
            .args(["-q", "metrics", "--metrics", "programs"])
            .arg(data("pipeline_memberships.csv"))
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap().lines().count()
    };
    let first = run(&["--drop-program", "P03", "--min-programs", "2"]);
    let after = run(&["--min-programs", "2", "--drop-program", "P03"]);
    assert!(first < after, "{first} vs {after}");
}

#[test]
fn a_where_on_an_unknown_column_names_the_columns() {
    citynet()
        .args(["metrics"])
        .arg(data("pipeline_memberships.csv"))
        .args(["--where", "Region=Europe"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("no column \"Region\"")
                .and(predicate::str::contains("continent")),
        );
}

#[test]
fn both_modes_two_mode_columns_agree_with_networkx_and_igraph() {
    let dir = tempfile::tempdir().unwrap();
    let cols = "programs,bip_degree,bip_betweenness,bip_closeness,bip_clustering,bip_eigenvector";
    for filters in [&[][..], &["--min-programs", "2"][..]] {
        let g = dir.path().join("b.graphml");
        citynet()
            .args(["-q", "export", "--to", "graphml", "--metrics", cols])
            .arg(data("pipeline_memberships.csv"))
            .args(filters)
            .arg("-o")
            .arg(&g)
            .assert()
            .success();
        let stdout = reference_check("twomode_reference.py", &g);
        // Every column was checked for both modes.
        for c in [
            "bip_betweenness",
            "bip_closeness",
            "bip_clustering",
            "bip_eigenvector",
        ] {
            for mode in ["cities", "programs"] {
                assert!(
                    stdout.contains(&format!("{c} {mode}: NetworkX")),
                    "{stdout}"
                );
            }
        }
    }
}

#[test]
fn validate_exits_2_when_a_row_would_be_rejected_and_0_when_every_row_is_usable() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("m.csv");
    // A row without a city is rejected (a row without a program is a city of degree 0).
    std::fs::write(&f, "city,country,program\nParis,France,C40\n,France,C40\n").unwrap();
    citynet()
        .args(["validate"])
        .arg(&f)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("m.csv:3").and(predicate::str::contains("not valid")));
    std::fs::write(
        &f,
        "city,country,program\nParis,France,C40\nLyon,France,C40\n",
    )
    .unwrap();
    citynet()
        .args(["validate"])
        .arg(&f)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "valid: a membership table: 2 cities",
        ));
    // analyze stays lenient on the same kind of row.
    std::fs::write(&f, "city,country,program\nParis,France,C40\n,France,C40\n").unwrap();
    citynet()
        .args(["-q", "metrics", "--metrics", "programs"])
        .arg(&f)
        .assert()
        .success();
}

/// `--mtc` takes R backbone's argument and R's `p.adjust` method names; the adjusted p-values
/// equal `p.adjust(p, method)` over the tested pairs, computed by R itself.
#[test]
fn mtc_matches_r_p_adjust() {
    common::require_tool("Rscript", &["--version"], "R (r-base-core)");
    let dir = tempfile::tempdir().unwrap();
    for method in ["none", "BH", "bonferroni", "holm"] {
        let out = citynet()
            .args(["-q", "backbone", "--all-pairs", "--mtc", method])
            .arg(data("pipeline_memberships.csv"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let csv = dir.path().join(format!("{method}.csv"));
        std::fs::write(&csv, &out.stdout).unwrap();
        let (h, rows) = read_csv(&csv);
        let col = |n: &str| h.iter().position(|x| x == n).unwrap();
        let (sh, p, adj) = (col("shared"), col("p_value"), col("p_adjusted"));
        let tested: Vec<&Vec<String>> = rows.iter().filter(|r| r[sh] != "0").collect();
        assert!(tested.len() > 100, "{}", tested.len());
        let ps: Vec<&str> = tested.iter().map(|r| r[p].as_str()).collect();
        let pfile = dir.path().join("p.txt");
        std::fs::write(&pfile, ps.join("\n")).unwrap();
        let r = std::process::Command::new("Rscript")
            .arg("-e")
            .arg(format!(
                "p <- scan('{}', quiet = TRUE); writeLines(sprintf('%.17g', p.adjust(p, '{method}')))",
                pfile.display()
            ))
            .output()
            .unwrap();
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        let want: Vec<f64> = String::from_utf8(r.stdout)
            .unwrap()
            .lines()
            .map(|l| l.parse().unwrap())
            .collect();
        assert_eq!(want.len(), tested.len());
        for (row, w) in tested.iter().zip(&want) {
            let got: f64 = row[adj].parse().unwrap();
            assert!(
                (got - w).abs() <= 1e-12 * w.abs().max(1e-300),
                "{method}: {got} vs R {w} ({row:?})"
            );
        }
    }
    // --mtc is --correction.
    let run = |flag: &str, v: &str| {
        citynet()
            .args(["-q", "backbone", "--all-pairs", flag, v])
            .arg(data("pipeline_memberships.csv"))
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run("--mtc", "BH"), run("--correction", "fdr"));
}

/// Each `--weighting` of the city projection against a plain re-implementation on the fixture's
/// memberships (sets of programs per city, every weight 1): count and gawc = shared programs,
/// newman = Σ_shared 1/(k_p − 1), jaccard = shared / union.
#[test]
fn each_weighting_matches_a_plain_reimplementation() {
    use std::collections::{BTreeMap, BTreeSet};
    let (_, rows) = read_csv(&data("pipeline_memberships.csv"));
    let mut of: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut size: BTreeMap<String, usize> = BTreeMap::new();
    for r in &rows {
        of.entry(r[0].clone()).or_default().insert(r[3].clone());
        *size.entry(r[3].clone()).or_default() += 1;
    }
    for weighting in ["gawc", "count", "newman", "jaccard"] {
        let out = citynet()
            .args(["-q", "export", "--graph", "projection", "--to", "json"])
            .args(["--metrics", "programs", "--weighting", weighting])
            .arg(data("pipeline_memberships.csv"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let name: BTreeMap<&str, &str> = v["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| (n["id"].as_str().unwrap(), n["name"].as_str().unwrap()))
            .collect();
        let links = v["links"].as_array().unwrap();
        let mut expected = 0;
        for (a, pa) in &of {
            for (b, pb) in &of {
                if a < b && pa.intersection(pb).next().is_some() {
                    expected += 1;
                }
            }
        }
        assert_eq!(links.len(), expected, "{weighting}");
        for l in links {
            let a = name[l["source"].as_str().unwrap()];
            let b = name[l["target"].as_str().unwrap()];
            let (pa, pb) = (&of[a], &of[b]);
            let shared: Vec<&String> = pa.intersection(pb).collect();
            let c = shared.len() as f64;
            let want = match weighting {
                "gawc" | "count" => c,
                "newman" => shared.iter().map(|p| 1.0 / (size[*p] as f64 - 1.0)).sum(),
                _ => c / pa.union(pb).count() as f64,
            };
            let got = l["weight"].as_f64().unwrap();
            assert!(
                (got - want).abs() < 1e-12,
                "{weighting} {a}-{b}: {got} vs {want}"
            );
        }
    }
}

/// When the projection is not built (here forced by a small `--max-memory`), `--weighting
/// count` and `newman` go through the two-mode graph with its memberships reweighted: strength
/// equals the plain re-implementation (count: Σ_{p ∋ a} (k_p − 1); newman: the programs of `a`
/// with at least two members, Newman's weighting giving each program a total weight of 1 per
/// member) and every exact column equals the built projection's; Jaccard, a ratio, is refused
/// with the weightings that work.
#[test]
fn count_and_newman_go_through_the_two_mode_graph_when_the_projection_is_not_built() {
    use std::collections::BTreeMap;
    let (_, rows) = read_csv(&data("pipeline_memberships.csv"));
    let mut size: BTreeMap<String, usize> = BTreeMap::new();
    for r in &rows {
        *size.entry(r[3].clone()).or_default() += 1;
    }
    let metrics = "degree,strength,closeness,harmonic,eigenvector,pagerank,core,reach_2";
    let table = |weighting: &str, budget: Option<&str>| {
        let mut c = citynet();
        c.args(["metrics", "--metrics", metrics, "--weighting", weighting])
            .arg(data("pipeline_memberships.csv"));
        if let Some(b) = budget {
            c.args(["--max-memory", b]);
        }
        let out = c.output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(out.status.success(), "{weighting}: {err}");
        let mut r = csv::Reader::from_reader(&out.stdout[..]);
        let head: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        let rows: Vec<Vec<String>> = r
            .records()
            .map(|x| x.unwrap().iter().map(String::from).collect())
            .collect();
        (head, rows, err)
    };
    for weighting in ["count", "newman"] {
        let (head, through, err) = table(weighting, Some("12K"));
        assert!(err.contains("not building it"), "{err}");
        let (_, built, _) = table(weighting, None);
        let col = |name: &str| head.iter().position(|h| h == name).unwrap();
        let (city, strength) = (col("city"), col("strength"));
        for r in &through {
            let programs: Vec<usize> = rows
                .iter()
                .filter(|m| m[0] == r[city])
                .map(|m| size[&m[3]])
                .collect();
            let want: f64 = match weighting {
                "count" => programs.iter().map(|&k| (k - 1) as f64).sum(),
                _ => programs.iter().filter(|&&k| k >= 2).count() as f64,
            };
            let got: f64 = r[strength].parse().unwrap();
            assert!(
                (got - want).abs() < 1e-12,
                "{weighting} {}: {got} vs {want}",
                r[city]
            );
        }
        for name in metrics.split(',') {
            let c = col(name);
            for (a, b) in through.iter().zip(&built) {
                let (x, y): (f64, f64) = (a[c].parse().unwrap(), b[c].parse().unwrap());
                assert!(
                    (x - y).abs() <= 1e-12 * y.abs().max(1.0),
                    "{weighting} {name} {}: {x} vs {y}",
                    a[city]
                );
            }
        }
    }
    citynet()
        .args(["metrics", "--weighting", "jaccard", "--max-memory", "12K"])
        .arg(data("pipeline_memberships.csv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--weighting count or newman work"));
}

/// `--convention igraph`: every converted column, one-mode (the city projection) and two-mode
/// (cities and programs), equals python-igraph's default on the same graph
/// (tests/igraph_convention.py).
#[test]
fn igraph_convention_matches_python_igraph_for_both_modes() {
    let dir = tempfile::tempdir().unwrap();
    let runs: [(&[&str], &str); 2] = [
        (
            &[
                "--metrics",
                "programs,bip_betweenness,bip_closeness,bip_eigenvector",
            ],
            "bip_closeness program",
        ),
        (
            &[
                "--graph",
                "projection",
                "--metrics",
                "degree,strength,betweenness,closeness,eigenvector,pagerank",
            ],
            "closeness city",
        ),
    ];
    for (args, must) in runs {
        let g = dir.path().join("g.graphml");
        citynet()
            .args(["-q", "export", "--to", "graphml", "--convention", "igraph"])
            .args(args)
            .arg(data("pipeline_memberships.csv"))
            .args(["--drop-program", "P00", "-o"])
            .arg(&g)
            .assert()
            .success();
        let stdout = reference_check("igraph_convention.py", &g);
        assert!(stdout.contains(must), "{stdout}");
    }
}

/// Weights whose products or sums overflow are refused with the pair named, not turned into
/// strength `inf`, eigenvector 0 and singleton communities.
#[test]
fn weights_that_overflow_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("w.csv");
    std::fs::write(
        &f,
        "city,country,program,weight\nParis,France,C40,1e200\nLyon,France,C40,1e200\n",
    )
    .unwrap();
    citynet()
        .args(["metrics", "--metrics", "strength"])
        .arg(&f)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("weights overflow").and(predicate::str::contains("Paris")),
        );
    // Counting shared programs instead is fine.
    citynet()
        .args([
            "-q",
            "metrics",
            "--metrics",
            "strength",
            "--weighting",
            "count",
        ])
        .arg(&f)
        .assert()
        .success();
}
