//! `--as-of`, `citynet evolve` and `citynet compare` end to end.

mod common;
use common::{citynet, data, read_csv, require_graphviz};
use predicates::prelude::*;

#[test]
fn analyze_as_of_records_the_year() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    citynet()
        .args(["analyze", "--no-figures", "-q", "--as-of", "2010"])
        .arg(data("folder"))
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let s: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(s["parameters"]["as_of"], 2010);
    let (h, rows) = read_csv(&out.join("cities.csv"));
    let p = h.iter().position(|c| c == "programs").unwrap();
    // Every city kept; Bogotá (joined 2011 and 2012) and Santa Fe AR (2015) have none yet.
    assert_eq!(rows.len(), 5);
    let programs: Vec<&str> = rows.iter().map(|r| r[p].as_str()).collect();
    assert_eq!(programs, ["1", "0", "1", "0", "1"]);
}

#[test]
fn evolve_writes_one_block_per_year() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ev");
    let mut cmd = citynet();
    cmd.args([
        "evolve", "-q", "--from", "2005", "--to", "2015", "--step", "5",
    ])
    .arg(data("folder"))
    .arg("--out")
    .arg(&out);
    require_graphviz();
    cmd.assert().success();
    let (h, rows) = read_csv(&out.join("evolution.csv"));
    assert_eq!(&h[..3], ["year", "city", "country"]);
    assert_eq!(rows.len(), 3 * 5);
    let deg = h.iter().position(|c| c == "degree").unwrap();
    let bogota: Vec<(&str, &str)> = rows
        .iter()
        .filter(|r| r[1] == "Bogotá")
        .map(|r| (r[0].as_str(), r[deg].as_str()))
        .collect();
    // 2005, 2010: no membership; 2015: C40 (2011) and UNESCO (2012) with 4 partners.
    assert_eq!(bogota, [("2005", "0"), ("2010", "0"), ("2015", "4")]);
    let (yh, years) = read_csv(&out.join("years.csv"));
    assert_eq!(yh[..3], ["year", "memberships", "ties"]);
    let memberships: Vec<&str> = years.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(memberships, ["2", "3", "6"]);
    require_graphviz();
    for ext in ["svg", "png", "pdf", "dot"] {
        assert!(out.join(format!("evolution.{ext}")).exists(), "{ext}");
    }
    let lines = std::fs::read_to_string(out.join("evolution-lines.svg")).unwrap();
    assert!(
        lines.contains("Bogotá, Colombia"),
        "the top city of 2015 has a line"
    );
    assert!(out.join("evolution-lines.png").exists());
    let svg = std::fs::read_to_string(out.join("evolution.svg")).unwrap();
    assert!(svg.contains("2005") && svg.contains("2015"));
}

#[test]
fn evolve_needs_years() {
    citynet()
        .args(["evolve", "--no-figures"])
        .arg(data("edges.csv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--from"));
}

#[test]
fn compare_two_years_reports_rank_changes() {
    let out = citynet()
        .args([
            "compare", "-q", "--years", "2010", "2020", "--by", "programs", "--format", "csv",
        ])
        .arg(data("folder"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "city,country,rank_a,rank_b,change,value_a,value_b"
    );
    // 2020: Bogotá 2 programs (rank 1); 2010: 0 programs, rank 4 (three cities with 1).
    assert_eq!(lines.next().unwrap(), "Bogotá,Colombia,4,1,+3,0,2");
    assert!(text.contains("New York,United States,1,2,-1,1,1"));
}

#[test]
fn compare_two_inputs_matches_cities_by_name_and_country() {
    let out = citynet()
        .args(["compare", "-q", "--by", "degree", "--format", "markdown"])
        .arg(data("folder"))
        .arg(data("folder"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("| city | country | rank_a | rank_b | change | value_a | value_b |"));
    assert!(
        text.contains("| Bogotá | Colombia | 1 | 1 | 0 | 4 | 4 |"),
        "{text}"
    );
    // The two Santa Fes stay apart.
    assert_eq!(text.matches("| Santa Fe |").count(), 2);
}

#[test]
fn compare_needs_a_second_input_or_years() {
    citynet()
        .args(["compare"])
        .arg(data("folder"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--years"));
}
