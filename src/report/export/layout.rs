//! Node positions, sizes and colours for exports that carry drawing attributes (GEXF `viz:`).
//!
//! - **Positions** ([`Layout`]): `graphviz` runs neato (sfdp above 2,000 nodes) with
//!   `-Tplain` on the exported graph, seeded (`start=1`) so the same input gives the same
//!   positions, in points; `geo` puts cities with coordinates at (longitude, latitude) × 10
//!   (equirectangular) and every other node at the mean position of its placed neighbours (or on
//!   a ring outside the map); `circle` puts the nodes on a circle in node order.
//! - **Sizes**: `4 + 36·√(v / max)` from a metric column (`--size-by`, default `strength`, then
//!   `degree`); program nodes of the two-mode graph are sized by `members` on the same scale.
//! - **Colours**: as in citynet's figures: in the two-mode graph each program gets its
//!   categorical colour (Okabe–Ito, then Tol muted; see [`crate::render::palette`]) and cities a
//!   viridis shade by number of programs; in one-mode graphs cities are coloured by the
//!   categories of `--color-by` (default `community` when computed, else `region` when the
//!   input has it), most frequent category first, or all in citynet's blue.

use super::{AttrType, ExportGraph, Value, Viz};
use crate::render::palette;
use std::collections::HashMap;
use std::io::Write;
use std::process::{Command, Stdio};

/// How to place the nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// Graphviz neato/sfdp, seeded (needs Graphviz; falls back to `circle` without it).
    Graphviz,
    /// Longitude/latitude for cities with coordinates.
    Geo,
    /// A circle in node order.
    Circle,
    /// No drawing attributes.
    None,
}

/// Positions on a circle of radius 100·√n, node order counter-clockwise from the right.
pub fn circle(n: usize) -> Vec<(f64, f64)> {
    let r = 10.0 * (n.max(1) as f64).sqrt() * 10.0;
    (0..n)
        .map(|i| {
            let t = std::f64::consts::TAU * i as f64 / n.max(1) as f64;
            (r * t.cos(), r * t.sin())
        })
        .collect()
}

/// Runs Graphviz on the graph's structure and returns the positions in points, or why not.
pub fn graphviz(g: &ExportGraph) -> Result<Vec<(f64, f64)>, String> {
    let n = g.nodes.len();
    let engine = if n > 2000 { "sfdp" } else { "neato" };
    let mut dot = String::from("graph citynet {\n  graph [start=1, splines=false");
    if n <= 600 {
        dot.push_str(", overlap=false, sep=\"+6\"");
    } else {
        dot.push_str(", overlap=scale");
    }
    dot.push_str("];\n  node [shape=circle, width=0.15, fixedsize=true, label=\"\"];\n");
    for i in 0..n {
        dot.push_str(&format!("  n{i};\n"));
    }
    for e in &g.edges {
        dot.push_str(&format!("  n{} -- n{};\n", e.source, e.target));
    }
    dot.push_str("}\n");
    let mut child = Command::new(engine)
        .arg("-Tplain")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {engine} (Graphviz): {e}"))?;
    let mut stdin = child.stdin.take().ok_or("no stdin")?;
    let writer = std::thread::spawn(move || stdin.write_all(dot.as_bytes()));
    let out = child
        .wait_with_output()
        .map_err(|e| format!("{engine}: {e}"))?;
    let _ = writer.join();
    if !out.status.success() {
        return Err(format!(
            "{engine} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    parse_plain(&String::from_utf8_lossy(&out.stdout), n)
}

/// Parses Graphviz `-Tplain` output (`node NAME X Y …` in inches) into points.
pub fn parse_plain(text: &str, n: usize) -> Result<Vec<(f64, f64)>, String> {
    let mut pos = vec![None; n];
    for line in text.lines() {
        let mut f = line.split_whitespace();
        if f.next() != Some("node") {
            continue;
        }
        let (Some(name), Some(x), Some(y)) = (f.next(), f.next(), f.next()) else {
            continue;
        };
        let Some(i) = name.strip_prefix('n').and_then(|s| s.parse::<usize>().ok()) else {
            continue;
        };
        if let (Ok(x), Ok(y), true) = (x.parse::<f64>(), y.parse::<f64>(), i < n) {
            pos[i] = Some((x * 72.0, y * 72.0));
        }
    }
    pos.into_iter()
        .enumerate()
        .map(|(i, p)| p.ok_or_else(|| format!("Graphviz gave no position for node {i}")))
        .collect()
}

fn attr_index(g: &ExportGraph, name: &str) -> Option<usize> {
    g.node_attrs.iter().position(|a| a.name == name)
}

fn num(g: &ExportGraph, node: usize, attr: Option<usize>) -> Option<f64> {
    match g.nodes[node].values[attr?].as_ref()? {
        Value::Int(i) => Some(*i as f64),
        Value::Float(x) => Some(*x),
        Value::Text(_) => None,
    }
}

/// Geographic positions: (lon, lat) × 10 for cities with coordinates; others at the mean of
/// their placed neighbours, or on a ring around the map.
pub fn geo(g: &ExportGraph) -> Vec<(f64, f64)> {
    let (lat, lon) = (attr_index(g, "lat"), attr_index(g, "lon"));
    let n = g.nodes.len();
    let mut pos: Vec<Option<(f64, f64)>> = (0..n)
        .map(|i| Some((num(g, i, lon)? * 10.0, num(g, i, lat)? * 10.0)))
        .collect();
    let mut adj = vec![vec![]; n];
    for e in &g.edges {
        adj[e.source].push(e.target);
        adj[e.target].push(e.source);
    }
    let ring = circle(n);
    let placed: Vec<Option<(f64, f64)>> = pos.clone();
    for i in 0..n {
        if pos[i].is_some() {
            continue;
        }
        let ps: Vec<(f64, f64)> = adj[i].iter().filter_map(|&j| placed[j]).collect();
        pos[i] = Some(if ps.is_empty() {
            (
                ring[i].0 * 2.0 + 2000.0 * ring[i].0.signum(),
                ring[i].1 * 2.0,
            )
        } else {
            let k = ps.len() as f64;
            (
                ps.iter().map(|p| p.0).sum::<f64>() / k,
                ps.iter().map(|p| p.1).sum::<f64>() / k,
            )
        });
    }
    pos.into_iter().map(|p| p.unwrap_or((0.0, 0.0))).collect()
}

fn hex_rgb(hex: &str) -> (u8, u8, u8) {
    let h = hex.trim_start_matches('#');
    let c = |i: usize| u8::from_str_radix(h.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0);
    (c(0), c(2), c(4))
}

/// The metric that sizes nodes: `wanted` when the graph has it, else `strength`, `degree`.
pub fn size_metric(g: &ExportGraph, wanted: Option<&str>) -> Option<String> {
    let numeric = |name: &str| {
        g.node_attrs
            .iter()
            .any(|a| a.name == name && a.ty != AttrType::Text)
    };
    wanted
        .into_iter()
        .chain(["strength", "degree", "members"])
        .find(|m| numeric(m))
        .map(String::from)
}

/// Adds `viz` to every node: `positions`, sizes from `size_by` and colours as described in the
/// module documentation.
///
/// # Errors
/// A message when `size_by` or `color_by` names no node attribute.
pub fn add_viz(
    g: &mut ExportGraph,
    positions: &[(f64, f64)],
    size_by: Option<&str>,
    color_by: Option<&str>,
) -> Result<(), String> {
    let size_name = size_metric(g, size_by);
    if let (Some(w), false) = (size_by, size_name.as_deref() == size_by) {
        return Err(format!(
            "--size-by {w}: not a numeric node attribute of this graph (numeric ones: {})",
            g.node_attrs
                .iter()
                .filter(|a| a.ty != AttrType::Text)
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let size_i = size_name.as_deref().and_then(|s| attr_index(g, s));
    let members_i = attr_index(g, "members");
    let mode_i = attr_index(g, "mode");
    let is_program = |g: &ExportGraph, i: usize| {
        mode_i
            .and_then(|m| g.nodes[i].values[m].as_ref())
            .is_some_and(|v| *v == Value::Text("program".into()))
    };
    let n = g.nodes.len();
    let raw: Vec<f64> = (0..n)
        .map(|i| {
            let a = if is_program(g, i) { members_i } else { size_i };
            num(g, i, a).unwrap_or(0.0).max(0.0)
        })
        .collect();
    let max = raw.iter().copied().fold(0.0f64, f64::max);
    // Colours.
    let two_mode = (0..n).any(|i| is_program(g, i));
    let colours: Vec<String> = if two_mode {
        let programs_i = attr_index(g, "programs");
        let deg: Vec<f64> = (0..n)
            .map(|i| {
                num(g, i, programs_i)
                    .unwrap_or_else(|| g.edges.iter().filter(|e| e.source == i).count() as f64)
            })
            .collect();
        let max_k = deg.iter().copied().fold(1.0f64, f64::max);
        let mut p = 0;
        (0..n)
            .map(|i| {
                if is_program(g, i) {
                    p += 1;
                    palette::category(p - 1).to_string()
                } else {
                    let k = deg[i];
                    palette::viridis(1.0 - (k - 1.0) / (max_k - 1.0).max(1.0) * 0.85)
                }
            })
            .collect()
    } else {
        let by = match color_by {
            Some(c) => Some(attr_index(g, c).ok_or_else(|| {
                format!(
                    "--color-by {c}: not a node attribute of this graph (attributes: {})",
                    g.node_attrs
                        .iter()
                        .map(|a| a.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })?),
            None => attr_index(g, "community").or_else(|| attr_index(g, "region")),
        };
        match by {
            None => vec![palette::category(4).to_string(); n],
            Some(a) => {
                let cats: Vec<Option<String>> = g
                    .nodes
                    .iter()
                    .map(|nd| nd.values[a].as_ref().map(Value::text))
                    .collect();
                let mut freq: HashMap<&str, usize> = HashMap::new();
                for c in cats.iter().flatten() {
                    *freq.entry(c.as_str()).or_default() += 1;
                }
                let mut order: Vec<(&str, usize)> = freq.into_iter().collect();
                order.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
                let rank: HashMap<&str, usize> =
                    order.iter().enumerate().map(|(i, c)| (c.0, i)).collect();
                cats.iter()
                    .map(|c| match c {
                        Some(c) => palette::category(rank[c.as_str()]).to_string(),
                        None => "#BBBBBB".to_string(),
                    })
                    .collect()
            }
        }
    };
    for (i, node) in g.nodes.iter_mut().enumerate() {
        let size = if max > 0.0 {
            4.0 + 36.0 * (raw[i] / max).sqrt()
        } else {
            10.0
        };
        node.viz = Some(Viz {
            x: positions[i].0,
            y: positions[i].1,
            size,
            color: hex_rgb(&colours[i]),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_output_is_parsed() {
        let text = "graph 1 2 2\nnode n0 1 0.5 0.2 0.2 \"\" solid circle black lightgrey\nnode n1 0 0 0.2 0.2 \"\" solid circle black lightgrey\nedge n0 n1 2 1 1 0 0 solid black\nstop\n";
        let p = parse_plain(text, 2).unwrap();
        assert_eq!(p, vec![(72.0, 36.0), (0.0, 0.0)]);
        assert!(parse_plain(text, 3).is_err());
    }

    #[test]
    fn circle_places_nodes_evenly_on_its_radius() {
        // n = 4: radius 100·√4 = 200, a quarter turn apart, starting on the x axis.
        let want = [(200.0, 0.0), (0.0, 200.0), (-200.0, 0.0), (0.0, -200.0)];
        let got = circle(4);
        assert_eq!(got.len(), 4);
        for (g, w) in got.iter().zip(want) {
            assert!(
                (g.0 - w.0).abs() < 1e-9 && (g.1 - w.1).abs() < 1e-9,
                "{g:?} vs {w:?}"
            );
        }
        // Larger n: every node at radius 100·√n, consecutive nodes one equal step apart.
        let n = 37;
        let p = circle(n);
        let r = 100.0 * (n as f64).sqrt();
        let step = |a: (f64, f64), b: (f64, f64)| (a.0 - b.0).hypot(a.1 - b.1);
        let chord = step(p[0], p[1]);
        for i in 0..n {
            assert!(
                (p[i].0.hypot(p[i].1) - r).abs() < 1e-9,
                "node {i} off the circle"
            );
            assert!(
                (step(p[i], p[(i + 1) % n]) - chord).abs() < 1e-9,
                "uneven at {i}"
            );
        }
        assert!(circle(0).is_empty());
    }
}
