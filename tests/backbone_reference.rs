//! The validated projection (`citynet backbone`) against independent references:
//! * tests/fixtures/backbone/*.json, written by tests/gen_backbone_fixtures.py from the `bicm`
//!   package's BiCM probabilities and an exact Poisson-binomial tail written there, with the
//!   Benjamini–Hochberg kept set computed there;
//! * R backbone's published tinytest values (zpneal/backbone, inst/tinytest/test_backbone.R).

mod common;
use citynet::graph::TwoMode;
use citynet::metrics::backbone::{
    self, bicm, pairs, poibin, BackboneOptions, Correction, Model, PValue, PairTable,
};
use common::citynet;
use std::collections::BTreeSet;

struct Fixture {
    name: String,
    matrix: Vec<Vec<u8>>,
    probabilities: Vec<Vec<f64>>,
    pairs: Vec<(usize, usize, u32, f64)>,
    expected: Vec<f64>,
    bh_kept: BTreeSet<(usize, usize)>,
}

fn fixtures() -> Vec<Fixture> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/backbone");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let out: Vec<Fixture> = names
        .iter()
        .map(|p| {
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
            let arr = |k: &str| v[k].as_array().unwrap().clone();
            Fixture {
                name: v["name"].as_str().unwrap().into(),
                matrix: arr("matrix")
                    .iter()
                    .map(|r| {
                        r.as_array()
                            .unwrap()
                            .iter()
                            .map(|x| x.as_u64().unwrap() as u8)
                            .collect()
                    })
                    .collect(),
                probabilities: arr("probabilities")
                    .iter()
                    .map(|r| {
                        r.as_array()
                            .unwrap()
                            .iter()
                            .map(|x| x.as_f64().unwrap())
                            .collect()
                    })
                    .collect(),
                pairs: arr("pairs")
                    .iter()
                    .map(|r| {
                        let r = r.as_array().unwrap();
                        (
                            r[0].as_u64().unwrap() as usize,
                            r[1].as_u64().unwrap() as usize,
                            r[2].as_u64().unwrap() as u32,
                            r[3].as_f64().unwrap(),
                        )
                    })
                    .collect(),
                expected: arr("expected")
                    .iter()
                    .map(|x| x.as_f64().unwrap())
                    .collect(),
                bh_kept: arr("bh_kept")
                    .iter()
                    .map(|r| {
                        (
                            r[0].as_u64().unwrap() as usize,
                            r[1].as_u64().unwrap() as usize,
                        )
                    })
                    .collect(),
            }
        })
        .collect();
    assert!(out.len() >= 5, "the generator writes five fixtures");
    out
}

fn two_mode(m: &[Vec<u8>]) -> TwoMode {
    let mut e = vec![];
    for (i, row) in m.iter().enumerate() {
        for (a, &x) in row.iter().enumerate() {
            if x == 1 {
                e.push((i as u32, a as u32, 1.0));
            }
        }
    }
    TwoMode::new(m.len(), m[0].len(), &e)
}

/// Every tested pair `(i, j, shared)` with its test, from the streaming enumeration.
fn all_stats(t: &TwoMode, table: &PairTable) -> Vec<(usize, usize, u32, backbone::PairStat)> {
    let mut out = vec![];
    pairs::for_each_block(t, &|_, _, _| true, |b| {
        for &(i, j, s) in b {
            out.push((
                i as usize,
                j as usize,
                s,
                table.stat(i as usize, j as usize, s),
            ));
        }
    });
    out
}

fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs().max(1e-300)
}

#[test]
fn bicm_probabilities_match_the_bicm_package() {
    for f in fixtures() {
        let p = bicm::probabilities(&f.matrix);
        for (i, row) in p.iter().enumerate() {
            for (a, &x) in row.iter().enumerate() {
                let want = f.probabilities[i][a];
                assert!(
                    (x - want).abs() < 1e-9,
                    "{}: p[{i}][{a}] = {x}, bicm {want}",
                    f.name
                );
            }
        }
    }
}

#[test]
fn sdsm_pvalues_match_the_independent_computation() {
    for f in fixtures() {
        let t = two_mode(&f.matrix);
        let table = PairTable::compute(&t, &BackboneOptions::default()).unwrap();
        let got = all_stats(&t, &table);
        assert_eq!(got.len(), f.pairs.len(), "{}: tested pairs", f.name);
        assert_eq!(table.report.tested_pairs as usize, f.pairs.len());
        let mut smallest = 1.0f64;
        for ((i, j, s, st), (&(wi, wj, ws, wp), &we)) in
            got.iter().zip(f.pairs.iter().zip(&f.expected))
        {
            assert_eq!((*i, *j, *s), (wi, wj, ws), "{}", f.name);
            assert!(
                rel(st.p_value, wp) < 1e-6,
                "{} ({i},{j}) s={s}: p {} vs {wp}",
                f.name,
                st.p_value
            );
            assert!(
                rel(st.expected, we) < 1e-8,
                "{} ({i},{j}): expected",
                f.name
            );
            smallest = smallest.min(wp);
        }
        if f.name == "deep_tail" {
            // Deep in the tail, where 1 − CDF keeps at most a few digits.
            assert!(smallest < 1e-11, "smallest p {smallest}");
        }
    }
}

#[test]
fn kept_sets_equal_benjamini_hochberg_over_tested_pairs() {
    let mut any_kept = false;
    for f in fixtures() {
        let t = two_mode(&f.matrix);
        let v = backbone::validated_projection(&t, &BackboneOptions::default()).unwrap();
        let kept: BTreeSet<(usize, usize)> = v
            .graph
            .edges()
            .map(|(a, b, _)| (a as usize, b as usize))
            .collect();
        assert_eq!(kept, f.bh_kept, "{}", f.name);
        assert_eq!(v.report.kept_pairs as usize, f.bh_kept.len());
        any_kept |= !kept.is_empty();
        // Weights are the shared programs.
        for (a, b, w) in v.graph.edges() {
            let s: u32 = (0..f.matrix[0].len())
                .map(|k| (f.matrix[a as usize][k] & f.matrix[b as usize][k]) as u32)
                .sum();
            assert_eq!(w, s as f64);
        }
    }
    assert!(any_kept, "the planted fixture must keep pairs");
}

#[test]
fn bonferroni_and_all_pairs_convention_keep_subsets() {
    let f = fixtures()
        .into_iter()
        .find(|f| f.name == "planted_blocks")
        .unwrap();
    let t = two_mode(&f.matrix);
    let kept = |o: BackboneOptions| {
        backbone::validated_projection(&t, &o)
            .unwrap()
            .report
            .kept_pairs
    };
    let fdr = kept(BackboneOptions::default());
    let bonf = kept(BackboneOptions {
        correction: Correction::Bonferroni,
        ..Default::default()
    });
    let holm = kept(BackboneOptions {
        correction: Correction::Holm,
        ..Default::default()
    });
    let all = kept(BackboneOptions {
        tests: backbone::TestCount::All,
        ..Default::default()
    });
    let none = kept(BackboneOptions {
        correction: Correction::None,
        ..Default::default()
    });
    assert!(
        bonf <= holm && holm <= fdr && fdr <= none,
        "{bonf} {holm} {fdr} {none}"
    );
    assert!(all <= fdr && bonf > 0);
}

/// R backbone's tinytest (zpneal/backbone, inst/tinytest/test_backbone.R, backbone 2.1):
/// M = rbind(c(1,0,1,1), c(0,1,0,0), c(1,0,0,1)); sdsm (RNA p-values) Pupper off the diagonal
/// = .977 (1,2), .549 (1,3), .972 (2,3); fixedrow Pupper = 1, .5, 1.
#[test]
fn r_backbone_tinytest_values() {
    let m = vec![vec![1, 0, 1, 1], vec![0, 1, 0, 0], vec![1, 0, 0, 1]];
    let p = bicm::probabilities(&m);
    let shared = |i: usize, j: usize| (0..4).map(|a| (m[i][a] & m[j][a]) as usize).sum::<usize>();
    let want = [((0, 1), 0.977), ((0, 2), 0.549), ((1, 2), 0.972)];
    for ((i, j), w) in want {
        let trials: Vec<(f64, u32)> = (0..4).map(|a| (p[i][a] * p[j][a], 1)).collect();
        let got = poibin::rna_upper(&trials, shared(i, j));
        assert!(
            ((got * 1000.0).round() / 1000.0 - w).abs() < 1e-9,
            "({i},{j}) {got} vs {w}"
        );
    }
    // The same (1,3) value through the pair table (the only pair sharing a program).
    let t = two_mode(&m);
    let table = PairTable::compute(
        &t,
        &BackboneOptions {
            pvalue: PValue::Rna,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(((table.stat(0, 2, 2).p_value * 1000.0).round() / 1000.0 - 0.549).abs() < 1e-9);
    let fixed = PairTable::compute(
        &t,
        &BackboneOptions {
            model: Model::FixedRow,
            ..Default::default()
        },
    )
    .unwrap();
    assert!((fixed.stat(0, 2, 2).p_value - 0.5).abs() < 1e-12);
    for ((i, j), w) in [((0, 1), 1.0), ((0, 2), 0.5), ((1, 2), 1.0)] {
        let (a, b) = (
            m[i].iter().sum::<u8>() as usize,
            m[j].iter().sum::<u8>() as usize,
        );
        let got = poibin::hypergeometric_upper(4, a, b, shared(i, j));
        assert!((got - w).abs() < 1e-12, "fixedrow ({i},{j}) {got} vs {w}");
    }
}

fn write_membership_csv(dir: &std::path::Path, m: &[Vec<u8>]) -> std::path::PathBuf {
    let mut s = String::from("city,country,program\n");
    for (i, row) in m.iter().enumerate() {
        for (a, &x) in row.iter().enumerate() {
            if x == 1 {
                s.push_str(&format!("City {i:03},Country {},Program {a:03}\n", i % 7));
            }
        }
    }
    let p = dir.join("members.csv");
    std::fs::write(&p, s).unwrap();
    p
}

#[test]
fn cli_output_is_identical_for_one_and_two_threads_and_matches_bh() {
    let f = fixtures()
        .into_iter()
        .find(|f| f.name == "planted_blocks")
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let input = write_membership_csv(dir.path(), &f.matrix);
    let run = |threads: &str, extra: &[&str]| {
        let out = citynet()
            .args([
                "backbone",
                input.to_str().unwrap(),
                "-q",
                "--threads",
                threads,
            ])
            .args(extra)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let one = run("1", &["--all-pairs"]);
    let two = run("2", &["--all-pairs"]);
    assert_eq!(one, two);
    let kept = run("2", &[]);
    let text = String::from_utf8(kept).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("city_a,country_a,city_b,country_b,shared,expected,p_value,p_adjusted,kept")
    );
    let got: BTreeSet<(usize, usize)> = lines
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            assert_eq!(c[8], "true");
            let id = |s: &str| s.trim_start_matches("City ").parse::<usize>().unwrap();
            (id(c[0]), id(c[2]))
        })
        .collect();
    assert_eq!(got, f.bh_kept);
    let all_text = String::from_utf8(one).unwrap();
    assert_eq!(all_text.lines().count(), f.pairs.len() + 1);
}

#[test]
fn cli_rejects_bad_options_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_membership_csv(dir.path(), &[vec![1, 1], vec![1, 0]]);
    for args in [
        vec!["--alpha", "0"],
        vec!["--model", "threshold"],
        vec!["--alpha", "1.5"],
    ] {
        citynet()
            .args(["backbone", input.to_str().unwrap(), "-q"])
            .args(&args)
            .assert()
            .code(2);
    }
}

#[test]
fn validated_projection_degrees_equal_backbone_csv_kept_edges() {
    let f = fixtures()
        .into_iter()
        .find(|f| f.name == "planted_blocks")
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let input = write_membership_csv(dir.path(), &f.matrix);
    let out = dir.path().join("out");
    let run = citynet()
        .args([
            "analyze",
            input.to_str().unwrap(),
            "-q",
            "--no-figures",
            "--graph",
            "validated",
        ])
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let (_, kept) = common::read_csv(&out.join("backbone.csv"));
    assert_eq!(kept.len(), f.bh_kept.len());
    let mut count = std::collections::HashMap::<String, i64>::new();
    for r in &kept {
        *count.entry(r[0].clone()).or_default() += 1;
        *count.entry(r[2].clone()).or_default() += 1;
    }
    let (h, rows) = common::read_csv(&out.join("cities.csv"));
    let di = h.iter().position(|c| c == "degree").unwrap();
    let ci = h.iter().position(|c| c == "city").unwrap();
    let mut nonzero = 0;
    for r in &rows {
        let d: i64 = r[di].parse().unwrap();
        assert_eq!(d, count.get(&r[ci]).copied().unwrap_or(0), "{}", r[ci]);
        nonzero += (d > 0) as usize;
    }
    assert!(nonzero > 20);
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["backbone"]["kept_pairs"], f.bh_kept.len());
    assert_eq!(summary["backbone"]["tested_pairs"], f.pairs.len());
    assert_eq!(summary["backbone"]["correction"], "fdr");
    assert_eq!(summary["graph"]["edges"], f.bh_kept.len());
    // `metrics --graph validated` gives the same degrees.
    let m = citynet()
        .args([
            "metrics",
            input.to_str().unwrap(),
            "-q",
            "--metrics",
            "degree",
            "--graph",
            "validated",
        ])
        .output()
        .unwrap();
    assert!(m.status.success(), "{}", String::from_utf8_lossy(&m.stderr));
    let text = String::from_utf8(m.stdout).unwrap();
    for line in text.lines().skip(1) {
        let c: Vec<&str> = line.split(',').collect();
        let d: i64 = c.last().unwrap().parse().unwrap();
        assert_eq!(d, count.get(c[0]).copied().unwrap_or(0), "{line}");
    }
}
