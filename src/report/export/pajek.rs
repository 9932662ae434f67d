//! Pajek `.net`: `*Network`, `*Vertices N` with quoted labels, `*Edges` with weights.
//!
//! Vertices are numbered from 1 in citynet's node order (cities, then programs). A city's label
//! is `"Name, Country"` (so that the two Santa Fes stay apart in tools, like NetworkX, that key
//! nodes by label); a label still repeated gets its citynet id appended (`"Paris [p3]"`).
//! Pajek has no escapes: `"` in a name is written `'` and `\` as `/`. When a layout was
//! computed, each vertex has Pajek coordinates `x y 0.5` scaled into [0, 1]. Only labels,
//! coordinates and weights are carried: use GraphML, GEXF or JSON for attributes and metrics.
//! The file is UTF-8.

use super::{ExportGraph, Value};
use std::collections::HashSet;

fn clean(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '"' => '\'',
            '\\' => '/',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

/// The unique Pajek labels of `g`'s nodes, in node order.
pub fn labels(g: &ExportGraph) -> Vec<String> {
    let country = g.node_attrs.iter().position(|a| a.name == "country");
    let mode = g.node_attrs.iter().position(|a| a.name == "mode");
    let mut seen = HashSet::new();
    g.nodes
        .iter()
        .map(|n| {
            let is_program = mode
                .and_then(|m| n.values[m].as_ref())
                .is_some_and(|v| *v == Value::Text("program".into()));
            let mut l = match country.and_then(|c| n.values[c].as_ref()) {
                Some(Value::Text(c)) if !is_program => format!("{}, {}", n.label, c),
                _ => n.label.clone(),
            };
            l = clean(&l);
            if !seen.insert(l.clone()) {
                l = format!("{l} [{}]", n.id);
                seen.insert(l.clone());
            }
            l
        })
        .collect()
}

/// The Pajek document.
pub fn write(g: &ExportGraph) -> Vec<u8> {
    let mut out = String::new();
    let title = clean(g.graph_attr("title").unwrap_or("citynet"));
    out.push_str(&format!("*Network {}\r\n", title.trim()));
    out.push_str(&format!("*Vertices {}\r\n", g.nodes.len()));
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for v in g.nodes.iter().filter_map(|n| n.viz) {
        x0 = x0.min(v.x);
        x1 = x1.max(v.x);
        y0 = y0.min(v.y);
        y1 = y1.max(v.y);
    }
    let span = (x1 - x0).max(y1 - y0).max(f64::MIN_POSITIVE);
    for (i, (n, l)) in g.nodes.iter().zip(labels(g)).enumerate() {
        out.push_str(&format!("{} \"{}\"", i + 1, l));
        if let Some(v) = n.viz {
            // Pajek's y axis points down.
            let x = 0.05 + 0.9 * (v.x - x0) / span;
            let y = 0.95 - 0.9 * (v.y - y0) / span;
            out.push_str(&format!(" {x:.4} {y:.4} 0.5000"));
        }
        out.push_str("\r\n");
    }
    out.push_str("*Edges\r\n");
    for e in &g.edges {
        out.push_str(&format!(
            "{} {} {}\r\n",
            e.source + 1,
            e.target + 1,
            super::float_text(e.weight)
        ));
    }
    out.into_bytes()
}
