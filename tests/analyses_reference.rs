//! The published analyses against independent computations: fixtures written by
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

/// Parses a reference number ("NaN" is NaN) or a citynet cell (empty is NaN).
fn num(s: &str) -> f64 {
    if s.is_empty() || s == "NaN" {
        f64::NAN
    } else {
        s.parse().unwrap()
    }
}

#[test]
fn brokerage_equals_sna() {
    let base = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/brokerage");
    let dir = tempfile::tempdir().unwrap();
    let roles = [
        ("coordinator", "w_I"),
        ("consultant", "w_O"),
        ("representative", "b_IO"),
        ("gatekeeper", "b_OI"),
        ("liaison", "b_O"),
        ("total", "t"),
    ];
    for case in ["path4", "random30", "small_groups"] {
        let out = dir.path().join(format!("{case}.csv"));
        run_twice(
            &[
                "brokerage",
                base.join(case).to_str().unwrap(),
                "--group",
                "group",
            ],
            &out,
        );
        let (head, rows) = read_csv(&out);
        let (eh, expected) = read_csv(&base.join(case).join("expected.csv"));
        assert_eq!(rows.len(), expected.len(), "{case}");
        let col = |h: &[String], name: &str| h.iter().position(|x| x == name).unwrap();
        let by_city: HashMap<&str, &Vec<String>> =
            rows.iter().map(|r| (r[0].as_str(), r)).collect();
        for e in &expected {
            let r = by_city[e[0].as_str()];
            for (ours, sna) in roles {
                assert_eq!(
                    num(&r[col(&head, ours)]),
                    num(&e[col(&eh, sna)]),
                    "{case} {} {ours}",
                    e[0]
                );
                let (z, zr) = (
                    num(&r[col(&head, &format!("z_{ours}"))]),
                    num(&e[col(&eh, &format!("z_{sna}"))]),
                );
                assert!(
                    (z.is_nan() && zr.is_nan()) || (z - zr).abs() < 1e-9,
                    "{case} {} z_{ours}: citynet {z}, sna {zr}",
                    e[0]
                );
            }
            // Undirected ties: every open path counts both ways.
            assert_eq!(r[col(&head, "representative")], r[col(&head, "gatekeeper")]);
        }
    }
    // The worked example, by hand: a path of four cities in groups (1, 1, 2, 2); each middle
    // city represents its group once and is gatekeeper once.
    let (head, rows) = read_csv(&dir.path().join("path4.csv"));
    let total = head.iter().position(|h| h == "total").unwrap();
    let totals: Vec<&str> = rows.iter().map(|r| r[total].as_str()).collect();
    assert_eq!(totals, ["0", "2", "2", "0"]);
}

#[test]
fn connectivity_equals_the_numpy_reference() {
    let fx = fixture();
    let gx = &fx["gawc"];
    let dir = tempfile::tempdir().unwrap();
    let input = memberships(dir.path(), &fx);
    let hw = gx["hinterworld_cities"].as_array().unwrap();
    let out = dir.path().join("gawc");
    run_twice(
        &[
            "connectivity",
            input.to_str().unwrap(),
            "--group",
            "region",
            "--dyads",
            "20",
            "--hinterworld",
            hw[0].as_str().unwrap(),
            "--hinterworld",
            hw[1].as_str().unwrap(),
        ],
        &out,
    );
    // connectivity.csv
    let (head, rows) = read_csv(&out.join("connectivity.csv"));
    let col = |h: &[String], n: &str| h.iter().position(|x| x == n).unwrap();
    let expected = gx["connectivity"].as_array().unwrap();
    assert_eq!(rows.len(), expected.len());
    for (r, e) in rows.iter().zip(expected) {
        assert_eq!(r[0], e["city"].as_str().unwrap());
        for c in ["gnc", "gnc_share", "rank", "ei_index"] {
            let want = e[c].as_f64().unwrap_or(f64::NAN);
            let got = num(&r[col(&head, c)]);
            assert!(
                (want.is_nan() && got.is_nan()) || (got - want).abs() < 1e-9,
                "{} {c}: citynet {got}, reference {want}",
                r[0]
            );
        }
    }
    // dyads.csv, in order.
    let (head, rows) = read_csv(&out.join("dyads.csv"));
    let expected = gx["dyads"].as_array().unwrap();
    assert_eq!(rows.len(), expected.len());
    for (r, e) in rows.iter().zip(expected) {
        assert_eq!(r[col(&head, "city_a")], e["a"].as_str().unwrap());
        assert_eq!(r[col(&head, "city_b")], e["b"].as_str().unwrap());
        assert_eq!(num(&r[col(&head, "rank")]), e["rank"].as_f64().unwrap());
        close(
            num(&r[col(&head, "r_ab")]),
            e["r"].as_f64().unwrap(),
            "r_ab",
        );
        close(
            num(&r[col(&head, "share")]),
            e["share"].as_f64().unwrap(),
            "share",
        );
    }
    // groups.csv, by name.
    let (head, rows) = read_csv(&out.join("groups.csv"));
    let expected = gx["groups"].as_array().unwrap();
    assert_eq!(rows.len(), expected.len());
    for e in expected {
        let r = rows
            .iter()
            .find(|r| r[0] == e["group"].as_str().unwrap())
            .unwrap();
        assert_eq!(num(&r[col(&head, "cities")]), e["cities"].as_f64().unwrap());
        for c in ["gnc_sum", "gnc_share", "ei_index"] {
            close(num(&r[col(&head, c)]), e[c].as_f64().unwrap(), c);
        }
    }
    // hinterworld.csv: OLS fits and residuals of numpy.linalg.lstsq.
    let (head, rows) = read_csv(&out.join("hinterworld.csv"));
    let expected = gx["hinterworld"].as_array().unwrap();
    assert_eq!(rows.len(), expected.len());
    for e in expected {
        let of = e["of"].as_str().unwrap();
        let r = rows
            .iter()
            .find(|r| r[0].starts_with(&format!("{of},")) && r[1] == e["city"].as_str().unwrap())
            .unwrap();
        for (ours, theirs) in [
            ("r_ab", "r"),
            ("fitted", "fitted"),
            ("residual", "residual"),
        ] {
            close(
                num(&r[col(&head, ours)]),
                e[theirs].as_f64().unwrap(),
                &format!("hinterworld of {of}: {} {ours}", r[1]),
            );
        }
    }
}

#[test]
fn analyze_adds_the_analyses_with_the_commands_numbers() {
    let fx = fixture();
    let dir = tempfile::tempdir().unwrap();
    let input = memberships(dir.path(), &fx);
    let out = dir.path().join("result");
    citynet()
        .args([
            "analyze",
            "-q",
            "--no-figures",
            input.to_str().unwrap(),
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    // The same table as `citynet robustness` with analyze's settings (strength, 1000, seed 1).
    let alone = dir.path().join("alone.csv");
    citynet()
        .args(["robustness", "-q", input.to_str().unwrap(), "-o"])
        .arg(&alone)
        .assert()
        .success();
    assert_eq!(
        std::fs::read(out.join("robustness.csv")).unwrap(),
        std::fs::read(&alone).unwrap()
    );
    let gawc = dir.path().join("gawc");
    citynet()
        .args([
            "connectivity",
            "-q",
            input.to_str().unwrap(),
            "--group",
            "region",
            "-o",
        ])
        .arg(&gawc)
        .assert()
        .success();
    for f in ["connectivity.csv", "dyads.csv", "groups.csv"] {
        assert_eq!(
            std::fs::read(out.join(f)).unwrap(),
            std::fs::read(gawc.join(f)).unwrap(),
            "{f}"
        );
    }
    let brokerage = dir.path().join("b.csv");
    citynet()
        .args([
            "brokerage",
            "-q",
            input.to_str().unwrap(),
            "--group",
            "region",
            "-o",
        ])
        .arg(&brokerage)
        .assert()
        .success();
    assert_eq!(
        std::fs::read(out.join("brokerage.csv")).unwrap(),
        std::fs::read(&brokerage).unwrap()
    );
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("<section id=\"analyses\">"));
    assert!(html.contains("representative = gatekeeper"));
    let summary: Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["analyses"]["robustness"]["replicates"], 1000);
}
