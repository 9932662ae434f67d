//! `citynet backbone --eligible` (SDSM-EC), `--model disparity` and `--model threshold` against
//! tests/fixtures/backbone_models/models.json, written by tests/gen_backbone_models.py: plain
//! numpy re-implementations (a per-cell fixed point for the BiCM on the eligible cells, the exact
//! Poisson-binomial tail, the disparity filter's two sides, R's `p.adjust("BH")`), sharing no
//! code with citynet.

mod common;
use common::citynet;
use std::collections::{BTreeMap, BTreeSet};

struct Models {
    matrix: Vec<Vec<u64>>,
    country: Vec<String>,
    eligible: Vec<(u64, String)>,
    doc: serde_json::Value,
}

fn models() -> Models {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/backbone_models/models.json");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let matrix = doc["matrix"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r.as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_u64().unwrap())
                .collect()
        })
        .collect();
    let country = doc["country"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    let eligible = doc["eligible"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r[0].as_u64().unwrap(), r[1].as_str().unwrap().to_string()))
        .collect();
    Models {
        matrix,
        country,
        eligible,
        doc,
    }
}

/// Writes the membership table and the eligibility table; returns their paths.
fn write_inputs(dir: &std::path::Path, m: &Models) -> (String, String) {
    let mut s = String::from("city,country,program\n");
    for (i, row) in m.matrix.iter().enumerate() {
        for (a, &x) in row.iter().enumerate() {
            if x == 1 {
                s.push_str(&format!("City {i:03},{},Program {a:03}\n", m.country[i]));
            }
        }
    }
    let members = dir.join("members.csv");
    std::fs::write(&members, s).unwrap();
    let mut e = String::from("program,country\n");
    for (a, c) in &m.eligible {
        e.push_str(&format!("Program {a:03},{c}\n"));
    }
    let eligible = dir.join("eligible.csv");
    std::fs::write(&eligible, e).unwrap();
    (
        members.to_str().unwrap().to_string(),
        eligible.to_str().unwrap().to_string(),
    )
}

/// One output row: `(p_value, p_adjusted, kept)` (NaN for an empty cell), by city pair.
type Rows = BTreeMap<(usize, usize), (f64, f64, bool)>;

fn backbone(input: &str, args: &[&str]) -> Rows {
    let out = citynet()
        .args(["backbone", input, "-q", "--threads", "2"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("city_a,country_a,city_b,country_b,shared,expected,p_value,p_adjusted,kept")
    );
    let id = |s: &str| s.trim_start_matches("City ").parse::<usize>().unwrap();
    let num = |s: &str| {
        if s.is_empty() {
            f64::NAN
        } else {
            s.parse::<f64>().unwrap()
        }
    };
    lines
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            let (a, b) = (id(c[0]), id(c[2]));
            ((a.min(b), a.max(b)), (num(c[6]), num(c[7]), c[8] == "true"))
        })
        .collect()
}

fn pairs(v: &serde_json::Value) -> BTreeSet<(usize, usize)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r[0].as_u64().unwrap() as usize,
                r[1].as_u64().unwrap() as usize,
            )
        })
        .collect()
}

fn kept(rows: &Rows) -> BTreeSet<(usize, usize)> {
    rows.iter().filter(|r| r.1 .2).map(|r| *r.0).collect()
}

fn close(got: f64, want: f64, what: &str) {
    let rel = (got - want).abs() / want.abs().max(1e-300);
    assert!(
        rel < 1e-6 || (got - want).abs() < 1e-12,
        "{what}: {got} vs {want}"
    );
}

/// Checks every tested pair's p-value and adjusted p-value (columns 3 and 4 of the fixture's
/// pair rows) against the reference.
fn check_pvalues(rows: &Rows, reference: &serde_json::Value, what: &str) {
    let want = reference.as_array().unwrap();
    assert_eq!(rows.len(), want.len(), "{what}: tested pairs");
    for r in want {
        let key = (
            r[0].as_u64().unwrap() as usize,
            r[1].as_u64().unwrap() as usize,
        );
        let got = rows
            .get(&key)
            .unwrap_or_else(|| panic!("{what}: {key:?} missing"));
        close(got.0, r[3].as_f64().unwrap(), &format!("{what} p {key:?}"));
        close(
            got.1,
            r[4].as_f64().unwrap(),
            &format!("{what} p_adj {key:?}"),
        );
    }
}

#[test]
fn eligible_sdsm_ec_matches_the_independent_fixed_point() {
    let m = models();
    let dir = tempfile::tempdir().unwrap();
    let (input, eligible) = write_inputs(dir.path(), &m);
    let rows = backbone(&input, &["--all-pairs", "--eligible", &eligible]);
    let reference = &m.doc["sdsm_ec"];
    check_pvalues(&rows, &reference["pairs"], "sdsm-ec");
    let want = pairs(&reference["kept"]);
    assert!(!want.is_empty());
    assert_eq!(kept(&rows), want);
    // The structural zeros change the answer: without them the kept set differs.
    let plain = backbone(&input, &[]);
    assert_ne!(kept(&plain), want);
}

#[test]
fn disparity_filter_matches_the_independent_computation() {
    let m = models();
    let dir = tempfile::tempdir().unwrap();
    let (input, _) = write_inputs(dir.path(), &m);
    let reference = &m.doc["disparity"];
    let rows = backbone(&input, &["--model", "disparity", "--all-pairs"]);
    check_pvalues(&rows, &reference["pairs"], "disparity");
    assert_eq!(kept(&rows), pairs(&reference["kept"]));
    let none = backbone(
        &input,
        &[
            "--model",
            "disparity",
            "--correction",
            "none",
            "--all-pairs",
        ],
    );
    let want = pairs(&reference["kept_uncorrected"]);
    assert!(!want.is_empty());
    assert_eq!(kept(&none), want);
}

#[test]
fn threshold_keeps_pairs_sharing_at_least_w_programs() {
    let m = models();
    let dir = tempfile::tempdir().unwrap();
    let (input, _) = write_inputs(dir.path(), &m);
    let reference = &m.doc["threshold"];
    let w = reference["min_weight"].as_f64().unwrap().to_string();
    let rows = backbone(&input, &["--model", "threshold", "--min-weight", &w]);
    let want = pairs(&reference["kept"]);
    assert!(!want.is_empty());
    assert_eq!(kept(&rows), want);
    assert!(
        rows.values().all(|r| r.2),
        "without --all-pairs only kept rows"
    );
    let all = backbone(
        &input,
        &["--model", "threshold", "--min-weight", &w, "--all-pairs"],
    );
    assert_eq!(kept(&all), want);
    assert_eq!(
        all.len(),
        m.doc["disparity"]["pairs"].as_array().unwrap().len()
    );
}
