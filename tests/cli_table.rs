//! `citynet table` end to end, including a pdfLaTeX run of the LaTeX table (pdflatex is
//! required: `.ci/run` installs it).

mod common;
use common::{citynet, data};
use predicates::prelude::*;

fn table(args: &[&str], input: &str) -> String {
    let out = citynet()
        .arg("table")
        .arg(data(input))
        .args(args)
        .arg("-q")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn markdown_ranks_with_competition_ties() {
    // Projection degrees of the test folder: Bogotá 4, the four others 2.
    let md = table(&["--by", "degree", "--top", "2"], "folder");
    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(lines[0], "| rank | city | country | degree |");
    assert_eq!(lines[1], "|---:|:---|:---|---:|");
    assert_eq!(lines[2], "| 1 | Bogotá | Colombia | 4 |");
    // Four cities tie for rank 2, listed alphabetically; --top 2 keeps the whole tie.
    assert_eq!(lines.len(), 2 + 5);
    assert!(lines[3].starts_with("| 2 | Lagos |"));
    assert!(lines[4].starts_with("| 2 | New York |"));
    assert!(lines[5].starts_with("| 2 | Santa Fe | Argentina |"));
}

#[test]
fn precision_and_extra_columns() {
    let csv = table(
        &[
            "--by",
            "strength",
            "--columns",
            "degree",
            "--precision",
            "2",
            "--format",
            "csv",
        ],
        "folder",
    );
    let mut lines = csv.lines();
    assert_eq!(lines.next().unwrap(), "rank,city,country,strength,degree");
    assert_eq!(lines.next().unwrap(), "1,Bogotá,Colombia,6.00,4");
}

#[test]
fn latex_escapes_names() {
    let tex = table(
        &["--by", "programs", "--format", "latex"],
        "nasty_names.csv",
    );
    assert!(tex.contains("\\toprule") && tex.contains("\\midrule") && tex.contains("\\bottomrule"));
    assert!(
        tex.contains("Saint-Denis \\& \"Co\" \\textless{}b\\textgreater{}"),
        "{tex}"
    );
    assert!(!tex.contains("& Co"), "unescaped ampersand: {tex}");
}

#[test]
fn unknown_metric_is_a_usage_error() {
    citynet()
        .arg("table")
        .arg(data("folder"))
        .args(["--by", "fame"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("fame"));
}

#[test]
fn as_of_changes_the_ranking() {
    // In 2010 Bogotá had joined nothing yet (C40 2011, UNESCO 2012).
    let md = table(&["--by", "programs", "--as-of", "2010"], "folder");
    assert!(
        md.contains("| 0 |")
            || md
                .lines()
                .any(|l| l.contains("Bogotá") && l.ends_with("| 0 |")),
        "{md}"
    );
    let bogota = md.lines().find(|l| l.contains("Bogotá")).unwrap();
    assert!(bogota.ends_with("| 0 |"), "{bogota}");
}

/// Compiles a minimal document that `\input`s each LaTeX table (nasty names included).
#[test]
fn latex_table_compiles_with_pdflatex() {
    common::require_tool("pdflatex", &["--version"], "pdfLaTeX");
    let dir = tempfile::tempdir().unwrap();
    let mut body = String::new();
    for (i, (input, by)) in [
        ("nasty_names.csv", "strength"),
        ("folder", "degree"),
        ("memberships.csv", "programs"),
        ("city-diplomacy", "betweenness"),
    ]
    .iter()
    .enumerate()
    {
        let f = dir.path().join(format!("t{i}.tex"));
        // The bundled network's betweenness, sampled: a table with a footnote.
        let (input_path, extra): (std::path::PathBuf, &[&str]) = if *input == "city-diplomacy" {
            (bundled(input), &["--time-budget", "0.000001"])
        } else {
            (data(input), &[])
        };
        citynet()
            .arg("table")
            .arg(input_path)
            .args(["--by", by, "--columns", "strength", "-q", "-o"])
            .arg(&f)
            .args(extra)
            .assert()
            .success();
        body.push_str(&format!(
            "\\begin{{table}}[h]\\centering\n\\input{{t{i}.tex}}\n\\caption{{{}}}\n\\end{{table}}\n",
            input.replace('_', "\\_")
        ));
    }
    let doc = format!(
        "\\documentclass{{article}}\n\\usepackage[T1]{{fontenc}}\n\\usepackage{{booktabs}}\n\\begin{{document}}\n{}\\end{{document}}\n",
        body
    );
    std::fs::write(dir.path().join("doc.tex"), doc).unwrap();
    let out = std::process::Command::new("pdflatex")
        .args(["-interaction=nonstopmode", "-halt-on-error", "doc.tex"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "pdflatex failed:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(dir.path().join("doc.pdf").exists());
}

fn bundled(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("networks")
        .join(name)
}

/// A tiny time budget makes the planner sample betweenness on the bundled network: `table`
/// says so in the caption and a footnote with the sample size and bound that `analyze`
/// records in summary.json; an exact run says nothing of the kind.
#[test]
fn a_sampled_column_says_so_in_caption_and_footnote() {
    let net = bundled("city-diplomacy");
    let budget = ["--time-budget", "0.000001"];
    let dir = tempfile::tempdir().unwrap();
    let res = dir.path().join("res");
    citynet()
        .args(["analyze", "-q", "--no-figures", "--metrics", "betweenness"])
        .args(budget)
        .arg(&net)
        .arg("--out")
        .arg(&res)
        .assert()
        .success();
    let js: serde_json::Value =
        serde_json::from_slice(&std::fs::read(res.join("summary.json")).unwrap()).unwrap();
    let m = js["methods"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["column"] == "betweenness")
        .unwrap();
    assert_eq!(m["method"], "approximate", "{m}");
    let samples = m["samples"].as_u64().unwrap();
    let samples = citynet::metrics::backbone::thousands(samples);
    let eps = format!("±{:.4}", m["epsilon"].as_f64().unwrap());
    let run = |format: &str, extra: &[&str]| {
        let out = citynet()
            .arg("table")
            .arg(&net)
            .args(["--by", "betweenness", "--columns", "degree", "--top", "3"])
            .args(["--format", format])
            .args(extra)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let caption = format!("Top 3 cities by betweenness (sampled, {samples} samples)");
    let note = format!("Note: betweenness was sampled, not computed exactly: Riondato-Kornaropoulos shortest-path sampling (c = 0.5) with {samples} samples (seed 1). Every value is within {eps} of the exact one");
    let (md, _) = run("markdown", &budget);
    assert!(md.contains(&format!("\nTable: {caption} — ")), "{md}");
    assert!(md.contains(&format!("\n{note}")), "{md}");
    assert_eq!(md.matches("Note:").count(), 1, "degree is exact: {md}");
    let (tex, _) = run("latex", &budget);
    assert!(tex.starts_with(&format!("% {caption} — ")), "{tex}");
    assert!(
        tex.contains(&format!("\\par\\smallskip{{\\footnotesize {note}")),
        "{tex}"
    );
    let (csv, err) = run("csv", &budget);
    assert!(csv.starts_with("rank,city,country,betweenness,degree\n") && !csv.contains("sampled"));
    assert!(
        err.contains(&format!("note: {}", &note["Note: ".len()..])),
        "{err}"
    );
    // Exact: no caption line, no note, nothing on stderr about sampling.
    for format in ["markdown", "latex", "csv"] {
        let (out, err) = run(format, &[]);
        assert!(!out.contains("sampled") && !out.contains("Note:"), "{out}");
        assert!(!err.contains("sampled"), "{err}");
    }
    let (md, _) = run("markdown", &[]);
    assert!(!md.contains("Table:"), "{md}");
}
