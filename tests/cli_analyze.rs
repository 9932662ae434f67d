//! `citynet analyze` and `citynet metrics` end to end, running the binary.

mod common;
use common::{citynet, data, read_csv, require_graphviz};
use predicates::prelude::*;
use std::path::Path;

fn col<'a>(h: &[String], rows: &'a [Vec<String>], name: &str) -> Vec<&'a str> {
    let i = h
        .iter()
        .position(|x| x == name)
        .unwrap_or_else(|| panic!("no column {name} in {h:?}"));
    rows.iter().map(|r| r[i].as_str()).collect()
}

fn row_of<'a>(h: &[String], rows: &'a [Vec<String>], key: &str, value: &str) -> &'a Vec<String> {
    let i = h.iter().position(|x| x == key).unwrap();
    rows.iter()
        .find(|r| r[i] == value)
        .unwrap_or_else(|| panic!("no row {value}"))
}

fn summary(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join("summary.json")).unwrap()).unwrap()
}

#[test]
fn membership_table_writes_every_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("res");
    let mut cmd = citynet();
    cmd.args(["analyze"])
        .arg(data("memberships.csv"))
        .arg("--out")
        .arg(&out);
    require_graphviz();
    cmd.assert()
        .success()
        .stderr(predicate::str::contains("as a membership table"));
    let (h, rows) = read_csv(&out.join("cities.csv"));
    assert_eq!(&h[..4], &["city", "country", "lat", "lon"]);
    // Paris twice (case and space), Medellín/Medellin and Accra with/without country merged.
    assert_eq!(
        col(&h, &rows, "city"),
        vec!["Paris", "Medellín", "Accra", "Lyon"]
    );
    let paris = row_of(&h, &rows, "city", "Paris");
    let idx = |n: &str| h.iter().position(|x| x == n).unwrap();
    assert_eq!(paris[idx("programs")], "2");
    // Paris shares C40 with Medellín and Accra, Eurocities with Lyon.
    assert_eq!(paris[idx("degree")], "3");
    assert_eq!(paris[idx("strength")], "3");
    let med = row_of(&h, &rows, "city", "Medellín");
    assert_eq!(med[idx("programs")], "2");
    let s = summary(&out);
    assert_eq!(s["counts"]["cities"], 4);
    assert_eq!(s["counts"]["programs"], 4);
    assert_eq!(s["counts"]["memberships"], 7);
    assert_eq!(s["counts"]["ties"], 0);
    assert_eq!(s["counts"]["cities_with_coordinates"], 4);
    assert!(s["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w.as_str().unwrap().contains("differ only by accents")));
    assert!(out.join("summary.md").exists());
    assert!(out.join("programs.csv").exists());
    require_graphviz();
    for ext in ["svg", "png", "pdf"] {
        let f = out.join(format!("figures/network.{ext}"));
        assert!(std::fs::metadata(&f).unwrap().len() > 1000, "{f:?}");
    }
    let svg = std::fs::read_to_string(out.join("figures/network.svg")).unwrap();
    assert!(svg.contains("Medellín"));
}

#[test]
fn edge_list_writes_node_table() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("res");
    let mut cmd = citynet();
    cmd.args(["analyze"])
        .arg(data("edges.csv"))
        .arg("--out")
        .arg(&out);
    require_graphviz();
    cmd.assert().success().stderr(
        predicate::str::contains("self-loop").and(predicate::str::contains("as an edge list")),
    );
    let (h, rows) = read_csv(&out.join("cities.csv"));
    assert_eq!(h[0], "node");
    assert_eq!(col(&h, &rows, "node"), vec!["A", "B", "C", "D", "E", "F"]);
    assert_eq!(col(&h, &rows, "degree"), vec!["2", "2", "3", "1", "1", "1"]);
    assert_eq!(
        col(&h, &rows, "strength"),
        vec!["3", "3", "5", "3", "1", "1"]
    );
    assert!(!out.join("programs.csv").exists());
    assert_eq!(summary(&out)["graph"]["edges"], 5);
}

#[test]
fn network_folder_with_ties() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("res");
    citynet()
        .args(["analyze", "--no-figures"])
        .arg(data("folder"))
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let (h, rows) = read_csv(&out.join("cities.csv"));
    assert!(h.contains(&"region".to_string()) && h.contains(&"population".to_string()));
    let ny = row_of(&h, &rows, "city", "New York");
    let idx = |n: &str| h.iter().position(|x| x == n).unwrap();
    assert_eq!(ny[idx("ties")], "1");
    // C40: New York (1), Bogotá (2), Lagos (1): New York's strength is 1·2 + 1·1.
    assert_eq!(ny[idx("strength")], "3");
    let s = summary(&out);
    assert_eq!(s["input"]["title"], "Test network");
    assert_eq!(s["counts"]["ties"], 2);
    let (ph, prow) = read_csv(&out.join("programs.csv"));
    // The programs carry the two-mode columns too (their values are checked against
    // NetworkX and igraph in cli_pipeline.rs).
    assert_eq!(
        ph,
        vec![
            "program",
            "kind",
            "theme",
            "member_cities",
            "members",
            "bip_degree",
            "bip_betweenness",
            "bip_closeness",
            "bip_clustering",
            "bip_eigenvector"
        ]
    );
    assert_eq!(prow[0][4], "3");
}

#[test]
fn metrics_command_stdout_csv_and_json() {
    citynet()
        .args(["metrics", "--metrics", "degree"])
        .arg(data("edges.csv"))
        .args(["-q"])
        .assert()
        .success()
        .stdout("node,degree\nA,2\nB,2\nC,3\nD,1\nE,1\nF,1\n");
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("m.json");
    citynet()
        .args(["metrics"])
        .arg(data("edges.csv"))
        .arg("-o")
        .arg(&f)
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&f).unwrap()).unwrap();
    assert_eq!(v[2]["node"], "C");
    assert_eq!(v[2]["strength"], 5.0);
    citynet()
        .args(["metrics", "--metrics", "nonsense"])
        .arg(data("edges.csv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown metric 'nonsense'"));
}

#[test]
fn bad_input_writes_nothing_and_keeps_previous_results() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("res");
    citynet()
        .args(["analyze", "--no-figures"])
        .arg(data("edges.csv"))
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let before = std::fs::read(out.join("cities.csv")).unwrap();
    citynet()
        .args(["analyze", "--no-figures"])
        .arg(data("broken_folder"))
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2);
    assert_eq!(std::fs::read(out.join("cities.csv")).unwrap(), before);
    // No temporary or lock files are left beside it.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("res")]);
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_write() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("thesis.tex"), "precious").unwrap();
    citynet()
        .args(["analyze", "--no-figures"])
        .arg(data("edges.csv"))
        .arg("--out")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("was not written by citynet"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("thesis.tex")).unwrap(),
        "precious"
    );
}

#[test]
fn thread_count_does_not_change_results() {
    let run = |t: &str| {
        let out = citynet()
            .args(["metrics", "-q", "--threads", t])
            .arg(data("memberships.csv"))
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    let (one, two) = (run("1"), run("2"));
    // A real table (a header and one row per city), not two identical empty outputs.
    assert!(one.starts_with("city,"), "{one}");
    assert!(one.lines().count() > 3, "{one}");
    assert_eq!(one, two);
}

#[test]
fn usage_errors_exit_2() {
    citynet().args(["analyze", "--bogus"]).assert().code(2);
    citynet().args(["metrics"]).assert().code(2);
    citynet().arg("--version").assert().success();
}

/// Eigenvector centrality on a long path does not converge in 1000 iterations
/// (NetworkX raises PowerIterationFailedConvergence); citynet leaves that column empty, says
/// so, and still writes every other column.
#[test]
fn a_column_that_does_not_converge_is_left_empty_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("path.csv");
    let mut text = String::from("source,target\n");
    for i in 0..1999 {
        text.push_str(&format!("n{i},n{}\n", i + 1));
    }
    std::fs::write(&path, text).unwrap();
    let out = citynet()
        .args(["metrics", "--metrics", "degree,eigenvector"])
        .arg(&path)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "column 'eigenvector' left empty: eigenvector centrality did not converge",
        ));
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.starts_with("node,degree,eigenvector\nn0,1,\nn1,2,\n"),
        "{stdout:.80}"
    );
    let res = dir.path().join("res");
    citynet()
        .args([
            "analyze",
            "--no-figures",
            "-q",
            "--metrics",
            "degree,eigenvector",
        ])
        .arg(&path)
        .arg("--out")
        .arg(&res)
        .assert()
        .success();
    let s = summary(&res);
    assert!(s["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w.as_str().unwrap().contains("'eigenvector' left empty")));
}
