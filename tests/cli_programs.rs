//! A programs table beside a membership table (`--programs`): attributes, programs without
//! members, every row of the table accounted for. The fixture and the programs a plain
//! re-implementation expects come from tests/gen_programs.py; the two-mode columns of the
//! program without members are checked against NetworkX and python-igraph
//! (tests/twomode_reference.py).

mod common;
use common::{citynet, data, read_csv, reference_check};
use predicates::prelude::*;
use std::path::Path;

/// tests/expected/pipeline_programs.csv: (header, rows) of name, kind, theme, founded, members.
fn expected_programs() -> (Vec<String>, Vec<Vec<String>>) {
    read_csv(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expected/pipeline_programs.csv"))
}

/// The 1-based file lines (header = 1) of the fixture's rows with an empty name, and of the
/// rows repeating an earlier name (after trimming and lower-casing) with other attributes.
fn rows_to_reject() -> Vec<u64> {
    let (_, rows) = read_csv(&data("pipeline_programs.csv"));
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let mut first: std::collections::HashMap<String, Vec<String>> = Default::default();
    let mut lines = vec![];
    for (i, r) in rows.iter().enumerate() {
        let k = norm(&r[0]);
        let line = i as u64 + 2;
        if k.is_empty() {
            lines.push(line);
        } else if let Some(prev) = first.get(&k) {
            if prev[1..] != r[1..] {
                lines.push(line);
            }
        } else {
            first.insert(k, r.clone());
        }
    }
    lines
}

#[test]
fn programs_table_adds_attributes_and_programs_without_members() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let run = citynet()
        .args([
            "analyze",
            "--no-figures",
            "--no-geocode",
            "--metrics",
            "bip_degree",
        ])
        .arg(data("pipeline_memberships.csv"))
        .arg("--programs")
        .arg(data("pipeline_programs.csv"))
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).to_string();
    let (_, want) = expected_programs();
    let (h, got) = read_csv(&out.join("programs.csv"));
    assert_eq!(
        h[..6],
        [
            "program",
            "kind",
            "theme",
            "founded",
            "member_cities",
            "members"
        ]
    );
    let got: Vec<Vec<String>> = got.iter().map(|r| [&r[..4], &r[5..6]].concat()).collect();
    assert_eq!(got, want);
    let without: Vec<&Vec<String>> = want.iter().filter(|r| r[4] == "0").collect();
    let unlisted: Vec<&Vec<String>> = want.iter().filter(|r| r[1].is_empty()).collect();
    assert_eq!(
        (without.len(), unlisted.len()),
        (1, 1),
        "the fixture's design"
    );
    assert!(
        stderr.contains("1 program of pipeline_programs.csv has no member"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{} programs (1 without members)", want.len())),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "1 program of the membership table is not listed in pipeline_programs.csv (\"{}\")",
            unlisted[0][0]
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("is listed again, the same as line"),
        "{stderr}"
    );
    // Every row of the programs table counts or is listed with file, line and column.
    let (rh, rejected) = read_csv(&out.join("rejected.csv"));
    assert_eq!(rh[..3], ["file", "line", "column"]);
    let lines: Vec<u64> = rejected
        .iter()
        .filter(|r| r[0].ends_with("pipeline_programs.csv"))
        .map(|r| {
            assert_eq!(r[2], "name");
            r[1].parse().unwrap()
        })
        .collect();
    let reject = rows_to_reject();
    assert_eq!(lines, reject);
    assert!(rejected
        .iter()
        .any(|r| r[4].contains("is listed again with other attributes")));
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    let t = &summary["counts"]["programs_table"];
    let (_, fixture) = read_csv(&data("pipeline_programs.csv"));
    assert_eq!(t["rows_read"], fixture.len());
    assert_eq!(t["rows_rejected"], reject.len());
    assert_eq!(t["without_members"], 1);
    assert_eq!(t["not_in_table"], 1);
    assert_eq!(summary["counts"]["programs"], want.len());
}

#[test]
fn program_without_members_is_a_node_of_degree_0_with_networkx_measures() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("b.graphml");
    let cols = "programs,bip_degree,bip_betweenness,bip_closeness,bip_clustering,bip_eigenvector";
    citynet()
        .args(["-q", "export", "--to", "graphml", "--metrics", cols])
        .arg(data("pipeline_memberships.csv"))
        .arg("--programs")
        .arg(data("pipeline_programs.csv"))
        .arg("-o")
        .arg(&g)
        .assert()
        .success();
    // Node count: the cities of the membership table plus the programs of both tables.
    let (_, mem) = read_csv(&data("pipeline_memberships.csv"));
    let cities: std::collections::BTreeSet<&str> = mem.iter().map(|r| r[0].as_str()).collect();
    let (_, want) = expected_programs();
    let text = std::fs::read_to_string(&g).unwrap();
    assert_eq!(text.matches("<node ").count(), cities.len() + want.len());
    let without = want.iter().find(|r| r[4] == "0").unwrap();
    assert!(text.contains(&format!("<data key=\"label\">{}</data>", without[0])));
    let stdout = reference_check("twomode_reference.py", &g);
    for c in [
        "bip_degree",
        "bip_betweenness",
        "bip_closeness",
        "bip_clustering",
        "bip_eigenvector",
    ] {
        assert!(
            stdout.contains(&format!("{c} programs: NetworkX max |diff|"))
                && stdout.contains(&format!("over {} nodes", want.len())),
            "{stdout}"
        );
    }
}

#[test]
fn the_sdsm_backbone_ignores_programs_without_members() {
    let dir = tempfile::tempdir().unwrap();
    let run = |extra: &[&str], name: &str| {
        let o = dir.path().join(name);
        citynet()
            .args(["-q", "backbone", "--model", "sdsm", "--all-pairs"])
            .arg(data("pipeline_memberships.csv"))
            .args(extra)
            .arg("-o")
            .arg(&o)
            .assert()
            .success();
        std::fs::read_to_string(o).unwrap()
    };
    let with = run(
        &[
            "--programs",
            data("pipeline_programs.csv").to_str().unwrap(),
        ],
        "with.csv",
    );
    assert!(!with.to_lowercase().contains("nan"));
    assert_eq!(with, run(&[], "without.csv"));
}

#[test]
fn programs_table_problems_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p.csv");
    std::fs::write(&p, "label,kind\nP01,x\n").unwrap();
    citynet()
        .args(["validate"])
        .arg(data("pipeline_memberships.csv"))
        .arg("--programs")
        .arg(&p)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("--programs-name-col").and(predicate::str::contains("label")),
        );
    citynet()
        .args(["validate"])
        .arg(data("pipeline_memberships.csv"))
        .args(["--programs-name-col", "label", "--programs"])
        .arg(&p)
        .assert()
        .success();
    citynet()
        .args(["validate"])
        .arg(data("folder"))
        .arg("--programs")
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("its own programs.csv"));
    // --strict: a row of the programs table that would be rejected stops the run.
    citynet()
        .args(["validate", "--strict"])
        .arg(data("pipeline_memberships.csv"))
        .arg("--programs")
        .arg(data("pipeline_programs.csv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty program name"));
}

#[test]
fn a_workbook_programs_table_gives_the_same_programs_as_its_csv() {
    let dir = tempfile::tempdir().unwrap();
    let (h, rows) = read_csv(&data("pipeline_programs.csv"));
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, v) in h.iter().enumerate() {
        ws.write_string(0, c as u16, v).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            // Years as numbers, as a spreadsheet holds them; an empty name as an empty cell.
            match v.parse::<f64>() {
                Ok(x) => ws.write_number(r, c, x).map(|_| ()),
                Err(_) if v.is_empty() => Ok(()),
                Err(_) => ws.write_string(r, c, v).map(|_| ()),
            }
            .unwrap();
        }
    }
    let xlsx = dir.path().join("programs.xlsx");
    wb.save(&xlsx).unwrap();
    let table = |programs: &Path, name: &str| {
        let o = dir.path().join(name);
        citynet()
            .args([
                "-q",
                "metrics",
                "--nodes",
                "programs",
                "--metrics",
                "bip_degree",
            ])
            .arg(data("pipeline_memberships.csv"))
            .arg("--programs")
            .arg(programs)
            .arg("-o")
            .arg(&o)
            .assert()
            .success();
        read_csv(&o)
    };
    let from_csv = table(&data("pipeline_programs.csv"), "csv.csv");
    assert_eq!(table(&xlsx, "xlsx.csv"), from_csv);
    assert_eq!(from_csv.1.len(), expected_programs().1.len());
}
