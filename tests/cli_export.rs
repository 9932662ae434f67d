//! `citynet export` end to end: every format, read back by independent parsers (pure Rust,
//! always) and by NetworkX (`tests/interop_check.py`, when NetworkX is importable), and
//! GraphML/GEXF read back as inputs.

mod common;
use common::{citynet, data, read_csv};
use predicates::prelude::*;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const FORMATS: &[&str] = &["graphml", "gexf", "json", "net"];

/// Node id -> attribute -> text, and edges (source, target, weight).
type Parsed = (
    BTreeMap<String, BTreeMap<String, String>>,
    Vec<(String, String, f64)>,
);

fn attr(e: &quick_xml::events::BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name.as_bytes())
        .map(|a| a.unescape_value().unwrap().into_owned())
}

fn parse_graphml(text: &str) -> Parsed {
    let mut r = Reader::from_str(text);
    r.config_mut().trim_text(true);
    let (mut keys, mut nodes, mut edges) = (BTreeMap::new(), BTreeMap::new(), vec![]);
    let (mut node, mut data, mut in_edge) = (None::<String>, None::<String>, false);
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"key" => {
                    keys.insert(attr(&e, "id").unwrap(), attr(&e, "attr.name").unwrap());
                }
                b"node" => {
                    let id = attr(&e, "id").unwrap();
                    nodes.insert(id.clone(), BTreeMap::new());
                    node = Some(id);
                }
                b"edge" => {
                    in_edge = true;
                    edges.push((
                        attr(&e, "source").unwrap(),
                        attr(&e, "target").unwrap(),
                        1.0,
                    ));
                }
                b"data" => data = attr(&e, "key"),
                _ => {}
            },
            Event::Text(t) => {
                let v = t.unescape().unwrap().into_owned();
                let k = keys[data.as_ref().unwrap()].clone();
                if in_edge {
                    if k == "weight" {
                        edges.last_mut().unwrap().2 = v.parse().unwrap();
                    }
                } else if let Some(n) = &node {
                    nodes.get_mut(n).unwrap().insert(k, v);
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"node" => node = None,
                b"edge" => in_edge = false,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    (nodes, edges)
}

fn parse_gexf(text: &str) -> (Parsed, usize) {
    let mut r = Reader::from_str(text);
    r.config_mut().trim_text(true);
    let (mut titles, mut nodes, mut edges) = (BTreeMap::new(), BTreeMap::new(), vec![]);
    let (mut node, mut viz, mut class) = (None::<String>, 0, String::new());
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"attributes" => class = attr(&e, "class").unwrap(),
                b"attribute" if class == "node" => {
                    titles.insert(attr(&e, "id").unwrap(), attr(&e, "title").unwrap());
                }
                b"node" => {
                    let id = attr(&e, "id").unwrap();
                    let mut m = BTreeMap::new();
                    m.insert("label".to_string(), attr(&e, "label").unwrap());
                    nodes.insert(id.clone(), m);
                    node = Some(id);
                }
                b"attvalue" => {
                    if let Some(n) = &node {
                        let k = titles[&attr(&e, "for").unwrap()].clone();
                        nodes
                            .get_mut(n)
                            .unwrap()
                            .insert(k, attr(&e, "value").unwrap());
                    }
                }
                b"viz:position" | b"viz:size" | b"viz:color" => viz += 1,
                b"edge" => {
                    node = None;
                    edges.push((
                        attr(&e, "source").unwrap(),
                        attr(&e, "target").unwrap(),
                        attr(&e, "weight").unwrap().parse().unwrap(),
                    ));
                }
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == b"node" => node = None,
            Event::Eof => break,
            _ => {}
        }
    }
    ((nodes, edges), viz)
}

fn parse_json(text: &str) -> Parsed {
    let v: serde_json::Value = serde_json::from_str(text).unwrap();
    assert_eq!(v["directed"], false);
    assert_eq!(v["multigraph"], false);
    assert!(v["graph"].is_object());
    let nodes = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            let m = n
                .as_object()
                .unwrap()
                .iter()
                .filter(|(k, _)| *k != "id")
                .map(|(k, x)| {
                    let s = match x {
                        serde_json::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    (k.clone(), s)
                })
                .collect();
            (n["id"].as_str().unwrap().to_string(), m)
        })
        .collect();
    let edges = v["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["source"].as_str().unwrap().to_string(),
                e["target"].as_str().unwrap().to_string(),
                e["weight"].as_f64().unwrap(),
            )
        })
        .collect();
    (nodes, edges)
}

fn same(csv: &str, exported: Option<&String>) -> bool {
    match (csv, exported) {
        ("", None) => true,
        ("", Some(_)) | (_, None) => false,
        (c, Some(e)) => match (c.parse::<f64>(), e.parse::<f64>()) {
            (Ok(a), Ok(b)) => a == b,
            _ => c == e,
        },
    }
}

/// Checks every city row of cities.csv against node `c{i}`.
fn check_cities(csv: &Path, nodes: &BTreeMap<String, BTreeMap<String, String>>, what: &str) {
    let (h, rows) = read_csv(csv);
    for (i, row) in rows.iter().enumerate() {
        let n = nodes
            .get(&format!("c{i}"))
            .unwrap_or_else(|| panic!("{what}: no node c{i}"));
        assert_eq!(n["label"], row[0], "{what}: label of c{i}");
        for (col, cell) in h.iter().zip(row) {
            let name = if col == "city" || col == "node" {
                "name"
            } else {
                col
            };
            assert!(
                same(cell, n.get(name)),
                "{what}: c{i}.{col}: CSV {cell:?}, export {:?}",
                n.get(name)
            );
        }
    }
}

/// `analyze` without geocoding: `export` does not geocode, and the exports are compared with
/// cities.csv value by value.
fn analyze(input: &Path, out: &Path) {
    citynet()
        .args(["analyze", "--no-figures", "--raw-csv", "-q", "--no-geocode"])
        .arg(input)
        .arg("--out")
        .arg(out)
        .assert()
        .success();
}

fn export(input: &Path, graph: &str, file: &Path) {
    citynet()
        .args(["export", "-q", "--graph", graph, "--layout", "circle"])
        .arg(input)
        .arg("-o")
        .arg(file)
        .assert()
        .success();
}

/// The graphs that exist for an input.
fn graphs_of(input: &Path) -> Vec<&'static str> {
    let name = input.file_name().unwrap().to_str().unwrap();
    match name {
        "edges.csv" => vec!["ties"],
        "folder" => vec!["two-mode", "projection", "programs", "ties"],
        // The bundled network (NetworkX test only): the two graphs NetworkX can cross-check.
        "city-diplomacy" => vec!["two-mode", "projection"],
        _ => vec!["two-mode", "projection", "programs"],
    }
}

const INPUTS: &[&str] = &["folder", "memberships.csv", "edges.csv", "nasty_names.csv"];

/// Writes cities.csv and every export of `input` into a fresh folder.
fn all_exports(input: &Path, dir: &Path) -> PathBuf {
    let name = input.file_name().unwrap().to_str().unwrap();
    let out = dir.join(name.replace('.', "_"));
    analyze(input, &out);
    for g in graphs_of(input) {
        for f in FORMATS {
            export(input, g, &out.join(format!("{g}.{f}")));
        }
    }
    out
}

#[test]
fn every_format_carries_the_csv_values() {
    let dir = tempfile::tempdir().unwrap();
    for input in INPUTS {
        let out = all_exports(&data(input), dir.path());
        for g in graphs_of(&data(input)) {
            if g == "programs" {
                continue;
            }
            let read = |ext: &str| std::fs::read_to_string(out.join(format!("{g}.{ext}"))).unwrap();
            let (gm, gm_edges) = parse_graphml(&read("graphml"));
            check_cities(
                &out.join("cities.csv"),
                &gm,
                &format!("{input} {g}.graphml"),
            );
            let ((gx, gx_edges), viz) = parse_gexf(&read("gexf"));
            check_cities(&out.join("cities.csv"), &gx, &format!("{input} {g}.gexf"));
            assert_eq!(viz, 3 * gx.len(), "{input} {g}.gexf: viz for every node");
            let (js, js_edges) = parse_json(&read("json"));
            check_cities(&out.join("cities.csv"), &js, &format!("{input} {g}.json"));
            assert_eq!(gm_edges, gx_edges, "{input} {g}: GraphML vs GEXF edges");
            assert_eq!(gm_edges, js_edges, "{input} {g}: GraphML vs JSON edges");
            assert_eq!(gm.len(), js.len());
            let net = read("net");
            assert!(net.starts_with("*Network "));
            assert!(net.contains(&format!("*Vertices {}\r\n", gm.len())));
            let pajek_edges = net.split("*Edges\r\n").nth(1).unwrap().lines().count();
            assert_eq!(pajek_edges, gm_edges.len(), "{input} {g}.net edges");
        }
    }
}

#[test]
fn two_mode_export_follows_the_bipartite_convention() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("b.graphml");
    export(&data("folder"), "two-mode", &f);
    let (nodes, edges) = parse_graphml(&std::fs::read_to_string(&f).unwrap());
    for (id, a) in &nodes {
        let want = if id.starts_with('c') { "0" } else { "1" };
        assert_eq!(a["bipartite"], want, "{id}");
    }
    assert_eq!(nodes["p0"]["name"], "C40 Cities");
    assert_eq!(nodes["p0"]["members"], "3");
    assert_eq!(edges.len(), 6);
    for (s, t, _) in &edges {
        assert!(s.starts_with('c') && t.starts_with('p'));
    }
    // Bogotá's C40 membership has weight 2.
    assert!(edges.contains(&("c3".into(), "p0".into(), 2.0)));
    // Membership years travel on the edges.
    let text = std::fs::read_to_string(&f).unwrap();
    assert!(text.contains("attr.name=\"since\" attr.type=\"long\""));
}

#[test]
fn names_are_escaped_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    for f in FORMATS {
        let p = dir.path().join(format!("n.{f}"));
        export(&data("nasty_names.csv"), "two-mode", &p);
        let text = std::fs::read_to_string(&p).unwrap();
        match *f {
            "graphml" | "gexf" => {
                assert!(!text.contains("<b>"), "{f}: raw markup from a name");
                assert!(
                    text.contains("Saint-Denis &amp; &quot;Co&quot; &lt;b&gt;")
                        || text.contains("Saint-Denis &amp; \"Co\" &lt;b&gt;"),
                    "{f}"
                );
            }
            "json" => assert!(text.contains(r#""Saint-Denis & \"Co\" <b>""#)),
            _ => assert!(text.contains("\r\n1 \"Saint-Denis & 'Co' <b>, France\" ")),
        }
    }
}

#[test]
fn exports_are_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    for f in FORMATS {
        let (a, b) = (
            dir.path().join(format!("a.{f}")),
            dir.path().join(format!("b.{f}")),
        );
        export(&data("folder"), "two-mode", &a);
        export(&data("folder"), "two-mode", &b);
        assert_eq!(
            std::fs::read(&a).unwrap(),
            std::fs::read(&b).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn graphml_and_gexf_read_back_as_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let metrics = |input: &Path| {
        let out = citynet()
            .args([
                "metrics",
                "-q",
                "--metrics",
                "programs,degree,strength",
                "--raw-csv",
            ])
            .arg(input)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut rows: Vec<String> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .skip(1)
            .map(|l| {
                // city, country ... last three columns
                let cells: Vec<&str> = l.split(',').collect();
                format!(
                    "{}|{}|{}",
                    cells[0],
                    cells[1],
                    cells[cells.len() - 3..].join("|")
                )
            })
            .collect();
        rows.sort();
        rows
    };
    for input in ["folder", "memberships.csv"] {
        let original = metrics(&data(input));
        for f in ["graphml", "gexf"] {
            let p = dir.path().join(format!("{}.{f}", input.replace('.', "_")));
            export(&data(input), "two-mode", &p);
            assert_eq!(metrics(&p), original, "{input} through {f}");
        }
    }
    // A one-mode graph comes back as ties.
    let p = dir.path().join("edges.graphml");
    export(&data("edges.csv"), "ties", &p);
    citynet()
        .args(["metrics"])
        .arg(&p)
        .assert()
        .success()
        .stderr(predicate::str::contains("6 nodes, 5 edges"));
}

#[test]
fn broken_graph_files_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.graphml");
    std::fs::write(&p, "<graphml><graph><node id=\"a\"></graph>").unwrap();
    citynet()
        .arg("validate")
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.graphml"));
}

#[test]
fn usage_errors() {
    citynet()
        .args(["export"])
        .arg(data("edges.csv"))
        .args(["--graph", "programs", "--to", "json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no programs"));
    citynet()
        .args(["export"])
        .arg(data("folder"))
        .args(["-o", "/tmp/x.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--to"));
}

#[test]
fn as_of_keeps_only_active_memberships() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("y.json");
    citynet()
        .args(["export", "-q", "--as-of", "2010"])
        .arg(data("folder"))
        .arg("-o")
        .arg(&p)
        .assert()
        .success();
    let (nodes, edges) = parse_json(&std::fs::read_to_string(&p).unwrap());
    // New York 2006, Lagos (no year), Santa Fe US 2005; Bogotá joined in 2011/2012, Santa Fe AR 2015.
    assert_eq!(edges.len(), 3);
    assert_eq!(nodes.len(), 7, "every city and program is kept");
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
    assert_eq!(v["graph"]["as_of"], "2010");
}

/// A Python with NetworkX: `$CITYNET_PYTHON` if set, else the first of `python3` and
/// `/usr/bin/python3` (Debian's, where `.ci/run` installs python3-networkx) that imports it.
/// Fails the test when there is none.
fn networkx_python() -> String {
    let candidates: Vec<String> = match std::env::var("CITYNET_PYTHON") {
        Ok(py) => vec![py],
        Err(_) => vec!["python3".into(), "/usr/bin/python3".into()],
    };
    let found = candidates.iter().find(|py| {
        std::process::Command::new(py)
            .args(["-c", "import networkx"])
            .output()
            .is_ok_and(|o| o.status.success())
    });
    found.cloned().unwrap_or_else(|| {
        panic!(
            "no Python with networkx (tried {candidates:?}): this test checks citynet's files \
             with NetworkX; install it with `bash scripts/install-deps.sh --test` or point \
             CITYNET_PYTHON at a Python that has it"
        )
    })
}

#[test]
fn networkx_reads_the_same_nodes_edges_and_values() {
    let py = networkx_python();
    let dir = tempfile::tempdir().unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop_check.py");
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("networks/city-diplomacy");
    let mut inputs: Vec<PathBuf> = INPUTS.iter().map(|i| data(i)).collect();
    inputs.push(bundled);
    for input in &inputs {
        let out = all_exports(input, dir.path());
        let r = std::process::Command::new(&py)
            .arg(&script)
            .arg(&out)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&r.stdout);
        assert!(
            r.status.success(),
            "{}: {stdout}{}",
            input.display(),
            String::from_utf8_lossy(&r.stderr)
        );
        assert!(stdout.contains("agree with the CSV output"), "{stdout}");
    }
}

#[test]
fn gexf_layout_from_graphviz_is_deterministic() {
    common::require_graphviz();
    let dir = tempfile::tempdir().unwrap();
    let run = |name: &str| {
        let p = dir.path().join(name);
        citynet()
            .args([
                "export",
                "-q",
                "--graph",
                "projection",
                "--size-by",
                "degree",
            ])
            .arg(data("folder"))
            .arg("-o")
            .arg(&p)
            .assert()
            .success();
        std::fs::read_to_string(p).unwrap()
    };
    let (a, b) = (run("a.gexf"), run("b.gexf"));
    assert_eq!(a, b);
    let ((nodes, _), viz) = parse_gexf(&a);
    assert_eq!(viz, 3 * nodes.len());
    // Bogotá has the largest degree, so the largest viz:size.
    let sizes: Vec<f64> = a
        .match_indices("<viz:size value=\"")
        .map(|(i, m)| {
            let rest = &a[i + m.len()..];
            rest[..rest.find('"').unwrap()].parse().unwrap()
        })
        .collect();
    let max = sizes.iter().cloned().fold(0.0, f64::max);
    assert_eq!(sizes[3], max);
    assert_eq!(max, 40.0);
}

/// NetworkX writes a two-mode graph (Davis Southern Women, `bipartite` 0/1) as GraphML and
/// GEXF; citynet reads both and gets NetworkX's projection degrees and strengths.
#[test]
fn graphs_written_by_networkx_are_read() {
    let py = networkx_python();
    let dir = tempfile::tempdir().unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop_check.py");
    let w = std::process::Command::new(&py)
        .arg(&script)
        .arg("--write-davis")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(w.status.success(), "{}", String::from_utf8_lossy(&w.stderr));
    let (_, expected) = read_csv(&dir.path().join("davis_expected.csv"));
    assert_eq!(expected.len(), 18);
    for f in ["davis.graphml", "davis.gexf"] {
        let out = citynet()
            .args(["metrics", "-q", "--metrics", "programs,degree,strength"])
            .arg(dir.path().join(f))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{f}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        let mut rows: Vec<Vec<String>> = text
            .lines()
            .skip(1)
            .map(|l| {
                let c: Vec<&str> = l.split(',').collect();
                vec![
                    c[0].to_string(),
                    c[2].to_string(),
                    c[3].to_string(),
                    c[4].to_string(),
                ]
            })
            .collect();
        rows.sort();
        for (got, want) in rows.iter().zip(&expected) {
            assert_eq!(got[0], want[0], "{f}");
            assert_eq!(got[1], want[1], "{f}: programs of {}", want[0]);
            assert_eq!(got[2], want[2], "{f}: degree of {}", want[0]);
            assert_eq!(
                got[3].parse::<f64>().unwrap(),
                want[3].parse::<f64>().unwrap(),
                "{f}: strength of {}",
                want[0]
            );
        }
        assert_eq!(rows.len(), expected.len());
    }
}
