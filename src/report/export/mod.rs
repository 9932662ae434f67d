//! Graph exports for other tools: GraphML, GEXF 1.3, NetworkX node-link JSON and Pajek.
//!
//! Every format is written from one neutral [`ExportGraph`] (built by [`build::build`]) so
//! that all four carry the same nodes, edges and values:
//!
//! - **Node ids** are generated and stable: `c0, c1, …` for cities in input order, `p0, p1, …`
//!   for programs. The display name is the node's `label` (`"Paris"`); `name`, `country`,
//!   `lat`, `lon` and every other city or program column are node attributes, and so is every
//!   computed metric column (the same numbers as `cities.csv`).
//! - **Modes** follow NetworkX's bipartite convention: in the two-mode graph every node has
//!   `bipartite` = 0 (city) or 1 (program) and `mode` = `"city"` / `"program"`, so
//!   `networkx.algorithms.bipartite` functions work on the file as loaded.
//! - **Types**: metric columns keep theirs (`long` counts, `double` measures); a city or
//!   program attribute column is `long` when every non-empty cell is a plain integer, `double`
//!   when every one is a plain decimal number (no `+`, no exponent, no leading zero such as
//!   `007`), else `string`. `lat` and `lon` are `double`.
//! - **Name clashes**: a city attribute named like a metric column (a `programs` column in
//!   cities.csv) is exported as `NAME_attr`; other clashes get a `_2` suffix.
//! - **Missing values** (an empty cell, a NaN metric, a city without coordinates) are left out
//!   of that node rather than written as empty strings or NaN.
//! - **Edges** are undirected, one per pair, with a `weight`; membership edges of the two-mode
//!   graph also carry `since`, `until` and `role` when the input has them.
//! - **Text** is escaped for each format; characters XML 1.0 cannot hold (control characters
//!   other than tab, newline and carriage return) are replaced by a space.

pub mod build;
pub mod gexf;
pub mod graphml;
pub mod json;
pub mod layout;
pub mod pajek;

pub use build::{build, default_layer, BuildOptions};

/// A value of a node or edge attribute.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Int(i64),
    Float(f64),
    Text(String),
}

/// The type of an attribute column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrType {
    /// 64-bit integer (GraphML `long`, GEXF `long`).
    Int,
    /// 64-bit float (GraphML and GEXF `double`).
    Float,
    /// Text (`string`).
    Text,
}

/// A named, typed attribute column.
#[derive(Debug, Clone, PartialEq)]
pub struct AttrDef {
    pub name: String,
    pub ty: AttrType,
}

/// Drawing attributes of a node (GEXF `viz:` elements).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viz {
    pub x: f64,
    pub y: f64,
    pub size: f64,
    /// `(r, g, b)`.
    pub color: (u8, u8, u8),
}

/// A node: generated id, display label, values indexed like [`ExportGraph::node_attrs`].
#[derive(Debug, Clone, PartialEq)]
pub struct ExportNode {
    pub id: String,
    pub label: String,
    pub values: Vec<Option<Value>>,
    pub viz: Option<Viz>,
}

/// An undirected edge between node indices, values indexed like [`ExportGraph::edge_attrs`].
#[derive(Debug, Clone, PartialEq)]
pub struct ExportEdge {
    pub source: usize,
    pub target: usize,
    pub weight: f64,
    pub values: Vec<Option<Value>>,
}

/// A graph ready to be written in any format.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExportGraph {
    /// Graph-level attributes (title, description, which graph, citynet version...).
    pub graph_attrs: Vec<(String, String)>,
    pub node_attrs: Vec<AttrDef>,
    pub nodes: Vec<ExportNode>,
    pub edge_attrs: Vec<AttrDef>,
    pub edges: Vec<ExportEdge>,
}

impl ExportGraph {
    /// A graph attribute by name.
    pub fn graph_attr(&self, name: &str) -> Option<&str> {
        self.graph_attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A file format of `citynet export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
pub enum Format {
    /// GraphML (NetworkX `read_graphml`, Gephi, Cytoscape, yEd, igraph).
    Graphml,
    /// GEXF 1.3 with layout, sizes and colours (Gephi; NetworkX `read_gexf`).
    Gexf,
    /// NetworkX node-link JSON (`node_link_graph(data, edges="links")`, D3).
    Json,
    /// Pajek .net (Pajek, NetworkX `read_pajek`, igraph).
    Pajek,
}

impl Format {
    /// The usual file extension.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Graphml => "graphml",
            Format::Gexf => "gexf",
            Format::Json => "json",
            Format::Pajek => "net",
        }
    }

    /// The format of a file name, by extension.
    pub fn from_path(p: &std::path::Path) -> Option<Format> {
        match p.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "graphml" => Some(Format::Graphml),
            "gexf" => Some(Format::Gexf),
            "json" => Some(Format::Json),
            "net" | "pajek" => Some(Format::Pajek),
            _ => None,
        }
    }
}

/// Writes `g` in `format`.
pub fn write(g: &ExportGraph, format: Format) -> Vec<u8> {
    match format {
        Format::Graphml => graphml::write(g),
        Format::Gexf => gexf::write(g),
        Format::Json => json::write(g),
        Format::Pajek => pajek::write(g),
    }
}

/// Text safe for XML 1.0: control characters other than tab, LF and CR become spaces (XML
/// escaping of `<`, `&`, quotes is done by the writer).
pub fn xml_safe(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars()
        .all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
    {
        s.into()
    } else {
        s.chars()
            .map(|c| {
                if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
                    ' '
                } else {
                    c
                }
            })
            .collect::<String>()
            .into()
    }
}

/// A float as text that parses back to the same f64 (Rust's shortest round-trip form).
pub fn float_text(x: f64) -> String {
    if x == 0.0 {
        "0.0".into()
    } else if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.1}")
    } else {
        format!("{x}")
    }
}

impl Value {
    /// The value as text (floats in round-trip form).
    pub fn text(&self) -> String {
        match self {
            Value::Int(i) => i.to_string(),
            Value::Float(x) => float_text(*x),
            Value::Text(s) => s.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_round_trip_as_text() {
        for x in [0.0, 1.0, -2.5, 1e-7, 0.1 + 0.2, 123456789.125, 1e300] {
            assert_eq!(float_text(x).parse::<f64>().unwrap(), x);
        }
        assert_eq!(float_text(3.0), "3.0");
        assert_eq!(xml_safe("a\u{1}b\tc"), "a b\tc");
    }
}
