//! The published analyses (issue 13) against independent computations: fixtures written by
//! tests/gen_analyses.py (NetworkX, numpy, scipy) and tests/gen_brokerage.R (R's sna).
//! Every command is run with 1 and 2 threads, whose outputs must be byte-identical.

mod common;
use common::{citynet, read_csv};
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn fixture() -> Value {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/analyses.json");
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

/// Writes the fixture's membership table to `dir/memberships.csv`.
fn memberships(dir: &Path, fx: &Value) -> PathBuf {
    let mut s = String::from("city,country,region,program,weight\n");
    for r in fx["memberships"].as_array().unwrap() {
        let r = r.as_array().unwrap();
        s.push_str(&format!(
            "{},{},{},{},{}\n",
            r[0].as_str().unwrap(),
            r[1].as_str().unwrap(),
            r[2].as_str().unwrap(),
            r[3].as_str().unwrap(),
            r[4].as_f64().unwrap()
        ));
    }
    let p = dir.join("memberships.csv");
    std::fs::write(&p, s).unwrap();
    p
}

fn close(a: f64, b: f64, what: &str) {
    assert!(
        (a - b).abs() <= 1e-9 * (1.0 + b.abs()),
        "{what}: citynet {a}, reference {b}"
    );
}

fn run_twice(args: &[&str], out: &Path) -> Vec<u8> {
    let mut outputs = vec![];
    for threads in ["1", "2"] {
        let _ = std::fs::remove_dir_all(out);
        citynet()
            .args(["-q", "--threads", threads])
            .args(args)
            .arg("-o")
            .arg(out)
            .assert()
            .success();
        let bytes = if out.is_dir() {
            let mut all = vec![];
            let mut names: Vec<_> = std::fs::read_dir(out)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "csv" || e == "json"))
                .collect();
            names.sort();
            for n in names {
                all.extend(std::fs::read(n).unwrap());
            }
            all
        } else {
            std::fs::read(out).unwrap()
        };
        outputs.push(bytes);
    }
    assert!(outputs[0] == outputs[1], "--threads 1 and 2 differ");
    outputs.remove(0)
}

#[test]
fn robustness_equals_the_from_scratch_reference() {
    let fx = fixture();
    let dir = tempfile::tempdir().unwrap();
    let input = memberships(dir.path(), &fx);
    for case in fx["robustness"].as_array().unwrap() {
        let metric = case["metric"].as_str().unwrap();
        let replicates = case["replicates"].to_string();
        let seed = case["seed"].to_string();
        let out = dir.path().join(format!("rb-{metric}"));
        let mut args = vec![
            "robustness",
            input.to_str().unwrap(),
            "--metric",
            metric,
            "--replicates",
            &replicates,
            "--seed",
            &seed,
        ];
        let pair;
        if let Some(p) = case.get("pair") {
            pair = format!("{},{}", p["a"].as_str().unwrap(), p["b"].as_str().unwrap());
            args.extend(["--pair", &pair]);
        }
        run_twice(&args, &out);
        let (head, rows) = read_csv(&out.join("robustness.csv"));
        let col = |name: &str| head.iter().position(|h| h == name).unwrap();
        let by_city: HashMap<&str, &Vec<String>> =
            rows.iter().map(|r| (r[col("city")].as_str(), r)).collect();
        let expected = case["rows"].as_array().unwrap();
        assert_eq!(rows.len(), expected.len());
        for e in expected {
            let city = e["city"].as_str().unwrap();
            let r = by_city[city];
            for c in ["rank", "loo_rank_min", "loo_rank_max"] {
                assert_eq!(
                    r[col(c)].parse::<i64>().unwrap(),
                    e[c].as_i64().unwrap(),
                    "{metric} {city} {c}"
                );
            }
            assert_eq!(
                r[col("loo_most_influential")],
                e["loo_most_influential"].as_str().unwrap(),
                "{metric} {city}"
            );
            for c in ["value", "boot_rank_lo", "boot_rank_hi", "p_top10"] {
                close(
                    r[col(c)].parse().unwrap(),
                    e[c].as_f64().unwrap(),
                    &format!("{metric} {city} {c}"),
                );
            }
        }
        let summary: Value =
            serde_json::from_slice(&std::fs::read(out.join("robustness.json")).unwrap()).unwrap();
        assert_eq!(summary["replicates"], case["replicates"]);
        for key in ["kendall_tau_b", "top10_overlap"] {
            for q in ["median", "lo", "hi"] {
                close(
                    summary[key][q].as_f64().unwrap(),
                    case[key][q].as_f64().unwrap(),
                    &format!("{metric} {key} {q}"),
                );
            }
        }
        if let Some(p) = case.get("pair") {
            for k in [
                "difference",
                "p_a_greater",
                "difference_lo",
                "difference_hi",
            ] {
                close(
                    summary["pair"][k].as_f64().unwrap(),
                    p[k].as_f64().unwrap(),
                    &format!("pair {k}"),
                );
            }
        }
    }
}

#[test]
fn robustness_csv_output_and_bad_arguments() {
    let fx = fixture();
    let dir = tempfile::tempdir().unwrap();
    let input = memberships(dir.path(), &fx);
    let out = dir.path().join("r.csv");
    let bytes = run_twice(
        &["robustness", input.to_str().unwrap(), "--replicates", "20"],
        &out,
    );
    assert!(String::from_utf8(bytes)
        .unwrap()
        .starts_with("city,country,value,rank,loo_rank_min,loo_rank_max,loo_most_influential,boot_rank_lo,boot_rank_hi,p_top10\n"));
    for (args, msg) in [
        (vec!["--metric", "community"], "expected one of"),
        (vec!["--pair", "C08,Nowhere"], "no such city"),
        (vec!["--replicates", "0"], "at least 1"),
    ] {
        citynet()
            .args(["robustness", input.to_str().unwrap()])
            .args(args)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(msg));
    }
    // An edge list has no programs to resample.
    let edges = dir.path().join("edges.csv");
    std::fs::write(&edges, "source,target\na,b\nb,c\n").unwrap();
    citynet()
        .args(["robustness", edges.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("needs an input with programs"));
}

#[test]
fn constraint_and_effective_size_equal_networkx() {
    let fx = fixture();
    let dir = tempfile::tempdir().unwrap();
    for (name, g) in fx["structural_holes"].as_object().unwrap() {
        let mut s = String::from("source,target,weight\n");
        for e in g["edges"].as_array().unwrap() {
            s.push_str(&format!("n{},n{},{}\n", e[0], e[1], e[2].as_f64().unwrap()));
        }
        let input = dir.path().join(format!("{name}.csv"));
        std::fs::write(&input, s).unwrap();
        let out = dir.path().join(format!("{name}-metrics.csv"));
        run_twice(
            &[
                "metrics",
                input.to_str().unwrap(),
                "--metrics",
                "constraint,effective_size",
            ],
            &out,
        );
        let (head, rows) = read_csv(&out);
        assert_eq!(head, ["node", "constraint", "effective_size"]);
        let n = g["n"].as_u64().unwrap() as usize;
        let isolated = (0..n).filter(|&v| g["constraint"][v].is_null()).count();
        assert_eq!(rows.len() + isolated, n, "{name}");
        for r in &rows {
            let v: usize = r[0][1..].parse().unwrap();
            for (j, c) in ["constraint", "effective_size"].iter().enumerate() {
                close(
                    r[j + 1].parse().unwrap(),
                    g[c][v].as_f64().unwrap(),
                    &format!("{name} {c} of n{v}"),
                );
            }
        }
    }
}
