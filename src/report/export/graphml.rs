//! GraphML (<http://graphml.graphdrawing.org/>), as NetworkX `read_graphml` reads it.
//!
//! Keys: `d0, d1, …` for node attributes, `e0, e1, …` for edge attributes plus `weight`
//! (`attr.name="weight"`, `double`), `g0, …` for graph attributes; `attr.type` is `long`,
//! `double` or `string`. The node's `label` is the first node key. The graph is undirected
//! (`edgedefault="undirected"`). Every text goes through quick-xml's escaping.

use super::{xml_safe, AttrType, ExportGraph, Value};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

fn type_name(t: AttrType) -> &'static str {
    match t {
        AttrType::Int => "long",
        AttrType::Float => "double",
        AttrType::Text => "string",
    }
}

type W = Writer<Vec<u8>>;

fn data(w: &mut W, key: &str, value: &str) {
    let _ = w
        .create_element("data")
        .with_attribute(("key", key))
        .write_text_content(BytesText::new(&xml_safe(value)));
}

fn key(w: &mut W, id: &str, for_: &str, name: &str, ty: &str) {
    let name = xml_safe(name);
    let _ = w
        .create_element("key")
        .with_attributes([
            ("id", id),
            ("for", for_),
            ("attr.name", name.as_ref()),
            ("attr.type", ty),
        ])
        .write_empty();
}

/// The GraphML document.
pub fn write(g: &ExportGraph) -> Vec<u8> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let _ = w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    let root = BytesStart::new("graphml").with_attributes([
        ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        (
            "xsi:schemaLocation",
            "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
        ),
    ]);
    let _ = w.write_event(Event::Start(root));
    for (i, (name, _)) in g.graph_attrs.iter().enumerate() {
        key(&mut w, &format!("g{i}"), "graph", name, "string");
    }
    key(&mut w, "label", "node", "label", "string");
    for (i, a) in g.node_attrs.iter().enumerate() {
        key(&mut w, &format!("d{i}"), "node", &a.name, type_name(a.ty));
    }
    key(&mut w, "weight", "edge", "weight", "double");
    for (i, a) in g.edge_attrs.iter().enumerate() {
        key(&mut w, &format!("e{i}"), "edge", &a.name, type_name(a.ty));
    }
    let _ = w.write_event(Event::Start(
        BytesStart::new("graph").with_attributes([("id", "G"), ("edgedefault", "undirected")]),
    ));
    for (i, (_, value)) in g.graph_attrs.iter().enumerate() {
        data(&mut w, &format!("g{i}"), value);
    }
    for n in &g.nodes {
        let _ = w.write_event(Event::Start(
            BytesStart::new("node").with_attributes([("id", n.id.as_str())]),
        ));
        data(&mut w, "label", &n.label);
        for (i, v) in n.values.iter().enumerate() {
            if let Some(v) = v {
                data(&mut w, &format!("d{i}"), &value_text(v));
            }
        }
        let _ = w.write_event(Event::End(BytesEnd::new("node")));
    }
    for e in &g.edges {
        let _ = w.write_event(Event::Start(BytesStart::new("edge").with_attributes([
            ("source", g.nodes[e.source].id.as_str()),
            ("target", g.nodes[e.target].id.as_str()),
        ])));
        data(&mut w, "weight", &super::float_text(e.weight));
        for (i, v) in e.values.iter().enumerate() {
            if let Some(v) = v {
                data(&mut w, &format!("e{i}"), &value_text(v));
            }
        }
        let _ = w.write_event(Event::End(BytesEnd::new("edge")));
    }
    let _ = w.write_event(Event::End(BytesEnd::new("graph")));
    let _ = w.write_event(Event::End(BytesEnd::new("graphml")));
    let mut out = w.into_inner();
    out.push(b'\n');
    out
}

fn value_text(v: &Value) -> String {
    v.text()
}
