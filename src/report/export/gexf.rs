//! GEXF 1.3 (<https://gexf.net/>) for Gephi, with citynet's layout, sizes and colours.
//!
//! Node attributes are declared in `<attributes class="node">` with ids `0, 1, …` and types
//! `long`, `double`, `string`; edge attributes likewise with ids `e0, …`. Every node has a
//! `label`; nodes with drawing attributes carry `viz:position`, `viz:size` and `viz:color`
//! (see [`super::layout`]). Edges carry `weight`. No modification date is written, so the same
//! input gives byte-identical files.

use super::{float_text, xml_safe, AttrType, ExportGraph};
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

fn start(w: &mut W, e: BytesStart) {
    let _ = w.write_event(Event::Start(e));
}

fn end(w: &mut W, name: &str) {
    let _ = w.write_event(Event::End(BytesEnd::new(name)));
}

fn declare(w: &mut W, class: &str, prefix: &str, attrs: &[super::AttrDef]) {
    if attrs.is_empty() {
        return;
    }
    start(
        w,
        BytesStart::new("attributes").with_attributes([("class", class), ("mode", "static")]),
    );
    for (i, a) in attrs.iter().enumerate() {
        let id = format!("{prefix}{i}");
        let title = xml_safe(&a.name);
        let _ = w
            .create_element("attribute")
            .with_attributes([
                ("id", id.as_str()),
                ("title", title.as_ref()),
                ("type", type_name(a.ty)),
            ])
            .write_empty();
    }
    end(w, "attributes");
}

fn attvalues(w: &mut W, prefix: &str, values: &[Option<super::Value>]) {
    if values.iter().all(Option::is_none) {
        return;
    }
    start(w, BytesStart::new("attvalues"));
    for (i, v) in values.iter().enumerate() {
        if let Some(v) = v {
            let id = format!("{prefix}{i}");
            let text = v.text();
            let text = xml_safe(&text);
            let _ = w
                .create_element("attvalue")
                .with_attributes([("for", id.as_str()), ("value", text.as_ref())])
                .write_empty();
        }
    }
    end(w, "attvalues");
}

/// The GEXF document.
pub fn write(g: &ExportGraph) -> Vec<u8> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let _ = w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    start(
        &mut w,
        BytesStart::new("gexf").with_attributes([
            ("xmlns", "http://gexf.net/1.3"),
            ("xmlns:viz", "http://gexf.net/1.3/viz"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
            ),
            ("version", "1.3"),
        ]),
    );
    start(&mut w, BytesStart::new("meta"));
    let _ = w
        .create_element("creator")
        .write_text_content(BytesText::new(&xml_safe(
            g.graph_attr("creator").unwrap_or("citynet"),
        )));
    let title = g.graph_attr("title").unwrap_or("");
    let description = g.graph_attr("description").unwrap_or("");
    let graph = g.graph_attr("graph").unwrap_or("");
    let mut desc = format!("{title} ({graph})");
    if !description.is_empty() {
        desc.push_str(": ");
        desc.push_str(description);
    }
    if let Some(y) = g.graph_attr("as_of") {
        desc.push_str(&format!(" [as of {y}]"));
    }
    let _ = w
        .create_element("description")
        .write_text_content(BytesText::new(&xml_safe(&desc)));
    end(&mut w, "meta");
    start(
        &mut w,
        BytesStart::new("graph")
            .with_attributes([("defaultedgetype", "undirected"), ("mode", "static")]),
    );
    declare(&mut w, "node", "", &g.node_attrs);
    declare(&mut w, "edge", "e", &g.edge_attrs);
    start(&mut w, BytesStart::new("nodes"));
    for n in &g.nodes {
        let label = xml_safe(&n.label);
        start(
            &mut w,
            BytesStart::new("node")
                .with_attributes([("id", n.id.as_str()), ("label", label.as_ref())]),
        );
        attvalues(&mut w, "", &n.values);
        if let Some(v) = &n.viz {
            let _ = w
                .create_element("viz:size")
                .with_attribute(("value", format!("{:.3}", v.size).as_str()))
                .write_empty();
            let (x, y) = (format!("{:.3}", v.x), format!("{:.3}", v.y));
            let _ = w
                .create_element("viz:position")
                .with_attributes([("x", x.as_str()), ("y", y.as_str()), ("z", "0.0")])
                .write_empty();
            let (r, gg, b) = (
                v.color.0.to_string(),
                v.color.1.to_string(),
                v.color.2.to_string(),
            );
            let _ = w
                .create_element("viz:color")
                .with_attributes([
                    ("r", r.as_str()),
                    ("g", gg.as_str()),
                    ("b", b.as_str()),
                    ("a", "1.0"),
                ])
                .write_empty();
        }
        end(&mut w, "node");
    }
    end(&mut w, "nodes");
    start(&mut w, BytesStart::new("edges"));
    for (i, e) in g.edges.iter().enumerate() {
        let id = i.to_string();
        let weight = float_text(e.weight);
        let el = BytesStart::new("edge").with_attributes([
            ("id", id.as_str()),
            ("source", g.nodes[e.source].id.as_str()),
            ("target", g.nodes[e.target].id.as_str()),
            ("weight", weight.as_str()),
        ]);
        if e.values.iter().all(Option::is_none) {
            let _ = w.write_event(Event::Empty(el));
        } else {
            start(&mut w, el);
            attvalues(&mut w, "e", &e.values);
            end(&mut w, "edge");
        }
    }
    end(&mut w, "edges");
    end(&mut w, "graph");
    end(&mut w, "gexf");
    let mut out = w.into_inner();
    out.push(b'\n');
    out
}
