//! Node positions from a Graphviz layout engine (`-Tplain`), for figures whose positions are
//! not given by a map.
//!
//! The layout graph holds only generated ids, sizes and edges (no text from data). Layouts are
//! seeded (`start=1`) so the same graph gets the same positions. Node-overlap removal
//! (`overlap=prism`) is used up to [`OVERLAP_REMOVAL_MAX`] nodes; larger graphs are laid out by
//! `sfdp` without it. (sfdp's `quadtree=fast` is 5 times faster but, in Graphviz 2.43, flings
//! some nodes thousands of inches away on the sister-cities network, so it is not used.)

use crate::error::{Error, Result};
use graphviz_rust::cmd::CommandArg;
use std::fmt::Write;

/// Largest graph laid out with node-overlap removal.
pub const OVERLAP_REMOVAL_MAX: usize = 1500;

/// Layout engines citynet accepts for `--layout`: Graphviz's, and `circle` (citynet's own:
/// nodes on a circle in input order, no Graphviz run; used by the snapshot tests).
pub const ENGINES: &[&str] = &["neato", "sfdp", "fdp", "circo", "twopi", "dot", "circle"];

/// The default engine for a graph of `n` nodes: neato up to 300 nodes, sfdp above.
pub fn default_engine(n: usize) -> &'static str {
    if n > 300 {
        "sfdp"
    } else {
        "neato"
    }
}

/// Lays out nodes of the given sizes `(width, height)` in points joined by `edges`, with
/// `engine`, ideal edge length `len` points. Returns each node's centre in points.
pub fn positions(
    sizes: &[(f64, f64)],
    edges: &[(usize, usize)],
    engine: &str,
    len: f64,
) -> Result<Vec<(f64, f64)>> {
    if !ENGINES.contains(&engine) {
        return Err(Error::Usage(format!(
            "unknown layout engine '{engine}'; use one of {}",
            ENGINES.join(", ")
        )));
    }
    let n = sizes.len();
    if n == 0 {
        return Ok(vec![]);
    }
    if n == 1 {
        return Ok(vec![(0.0, 0.0)]);
    }
    if engine == "circle" {
        let r = (n as f64 * len / std::f64::consts::TAU).max(len);
        return Ok((0..n)
            .map(|i| {
                let a = std::f64::consts::TAU * i as f64 / n as f64;
                (r * a.cos(), r * a.sin())
            })
            .collect());
    }
    let dot = layout_dot(sizes, edges, engine, len);
    let out = graphviz_rust::exec_dot(
        dot,
        vec![
            CommandArg::Custom(format!("-K{engine}")),
            CommandArg::Custom("-Tplain".into()),
        ],
    )
    .map_err(|e| Error::Graphviz(format!("{engine} layout failed: {}", e.to_string().trim())))?;
    let text = String::from_utf8_lossy(&out);
    let mut pos = vec![None; n];
    for line in text.lines() {
        let mut it = line.split_whitespace();
        if it.next() != Some("node") {
            continue;
        }
        let (Some(name), Some(x), Some(y)) = (it.next(), it.next(), it.next()) else {
            continue;
        };
        let Some(i) = name.strip_prefix('n').and_then(|s| s.parse::<usize>().ok()) else {
            continue;
        };
        if let (Ok(x), Ok(y)) = (x.parse::<f64>(), y.parse::<f64>()) {
            if i < n {
                pos[i] = Some((x * 72.0, y * 72.0));
            }
        }
    }
    pos.into_iter()
        .enumerate()
        .map(|(i, p)| {
            p.ok_or_else(|| Error::Graphviz(format!("{engine} gave no position for node {i}")))
        })
        .collect()
}

/// The DOT text of a layout graph (exposed for tests).
pub fn layout_dot(
    sizes: &[(f64, f64)],
    edges: &[(usize, usize)],
    engine: &str,
    len: f64,
) -> String {
    let n = sizes.len();
    let mut s =
        String::from("graph layout {\n  graph [start=1, splines=false, outputorder=edgesfirst");
    if n <= OVERLAP_REMOVAL_MAX {
        s.push_str(", overlap=prism, sep=\"+3\"");
    } else {
        s.push_str(", overlap=true");
    }
    let len_in = len / 72.0;
    if engine == "sfdp" || engine == "fdp" {
        let _ = write!(s, ", K={len_in:.3}");
    }
    if n <= 300 {
        // Disconnected components laid out apart, then packed side by side.
        s.push_str(", pack=true");
    }
    if engine == "dot" {
        s.push_str(", rankdir=LR");
    }
    s.push_str("];\n  node [shape=box, fixedsize=true, label=\"\"];\n");
    let _ = writeln!(s, "  edge [len={len_in:.3}];");
    for (i, (w, h)) in sizes.iter().enumerate() {
        let _ = writeln!(s, "  n{i} [width={:.4}, height={:.4}];", w / 72.0, h / 72.0);
    }
    for &(a, b) in edges {
        let _ = writeln!(s, "  n{a} -- n{b};");
    }
    s.push_str("}\n");
    s
}
