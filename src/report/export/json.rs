//! NetworkX node-link JSON: `{"directed": false, "multigraph": false, "graph": {…},
//! "nodes": [{"id": "c0", "label": …, …}], "links": [{"source": "c0", "target": "p0",
//! "weight": 1.0, …}]}`.
//!
//! Load with `networkx.node_link_graph(data, edges="links")` (NetworkX ≥ 3.4 names the
//! parameter `edges`; older versions read `links` by default). Node and link keys appear in a
//! fixed order (`id`, `label`, then the attributes in declaration order). When a layout was
//! computed, each node also has `viz` = `{"position": {"x", "y"}, "size", "color": {"r", "g",
//! "b"}}`, the shape NetworkX's GEXF reader gives. Missing values are left out; every string is
//! JSON-escaped by serde_json.

use super::{ExportGraph, Value};
use serde_json::json;

fn value_json(v: &Value) -> serde_json::Value {
    match v {
        Value::Int(i) => json!(i),
        Value::Float(x) => serde_json::Number::from_f64(*x)
            .map(serde_json::Value::Number)
            .unwrap_or(serde_json::Value::Null),
        Value::Text(s) => json!(s),
    }
}

fn s(x: &str) -> String {
    serde_json::to_string(x).unwrap_or_else(|_| "\"\"".into())
}

/// The JSON document (pretty enough to diff: one node or link per line).
pub fn write(g: &ExportGraph) -> Vec<u8> {
    let mut out =
        String::from("{\n  \"directed\": false,\n  \"multigraph\": false,\n  \"graph\": {");
    for (i, (k, v)) in g.graph_attrs.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&format!("{}: {}", s(k), s(v)));
    }
    out.push_str("},\n  \"nodes\": [");
    for (i, n) in g.nodes.iter().enumerate() {
        out.push_str(if i == 0 { "\n    {" } else { ",\n    {" });
        out.push_str(&format!("\"id\": {}, \"label\": {}", s(&n.id), s(&n.label)));
        for (a, v) in g.node_attrs.iter().zip(&n.values) {
            if let Some(v) = v {
                out.push_str(&format!(", {}: {}", s(&a.name), value_json(v)));
            }
        }
        if let Some(v) = &n.viz {
            let viz = json!({
                "position": {"x": v.x, "y": v.y, "z": 0.0},
                "size": v.size,
                "color": {"r": v.color.0, "g": v.color.1, "b": v.color.2, "a": 1.0},
            });
            out.push_str(&format!(", \"viz\": {viz}"));
        }
        out.push('}');
    }
    out.push_str("\n  ],\n  \"links\": [");
    for (i, e) in g.edges.iter().enumerate() {
        out.push_str(if i == 0 { "\n    {" } else { ",\n    {" });
        out.push_str(&format!(
            "\"source\": {}, \"target\": {}, \"weight\": {}",
            s(&g.nodes[e.source].id),
            s(&g.nodes[e.target].id),
            value_json(&Value::Float(e.weight))
        ));
        for (a, v) in g.edge_attrs.iter().zip(&e.values) {
            if let Some(v) = v {
                out.push_str(&format!(", {}: {}", s(&a.name), value_json(v)));
            }
        }
        out.push('}');
    }
    out.push_str("\n  ]\n}\n");
    out.into_bytes()
}
