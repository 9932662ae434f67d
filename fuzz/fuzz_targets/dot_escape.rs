//! Any string escaped with `render::escape::quoted`, used as a node label and an attribute
//! value: the DOT text parses back with graphviz-rust, the node has exactly the attributes
//! citynet put there (nothing injected), and the label comes back as the text it was made from.
#![no_main]

use citynet::render::escape::{attr, quoted};
use graphviz_rust::dot_structures::{Attribute, Graph, Id, Node, NodeId, Stmt};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use libfuzzer_sys::fuzz_target;

/// What `quoted` keeps of a text: control characters dropped, line breaks and tabs as spaces.
fn expected(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Undoes DOT's `\"` and `\\` inside a quoted string (with the quotes).
fn unescape(s: &str) -> String {
    let inner = &s[1..s.len() - 1];
    let mut out = String::new();
    let mut it = inner.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some(n) => out.push(n),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let g = Graph::DiGraph {
        id: Id::Plain("G".into()),
        strict: false,
        stmts: vec![Stmt::Node(Node {
            id: NodeId(Id::Plain("n0".into()), None),
            attributes: vec![
                Attribute(Id::Plain("label".into()), quoted(text)),
                attr("tooltip", text),
            ],
        })],
    };
    let dot = g.print(&mut PrinterContext::default());
    let parsed = graphviz_rust::parse(&dot)
        .unwrap_or_else(|e| panic!("escaped DOT does not parse: {e}\n{dot}"));
    let Graph::DiGraph { stmts, .. } = parsed else {
        panic!("not a digraph")
    };
    let nodes: Vec<&Node> = stmts
        .iter()
        .filter_map(|s| match s {
            Stmt::Node(n) => Some(n),
            _ => None,
        })
        .collect();
    assert_eq!(nodes.len(), 1, "{dot}");
    let keys: Vec<String> = nodes[0]
        .attributes
        .iter()
        .map(|Attribute(k, _)| match k {
            Id::Plain(s) | Id::Escaped(s) | Id::Html(s) | Id::Anonymous(s) => s.clone(),
        })
        .collect();
    assert_eq!(keys, ["label", "tooltip"], "{dot}");
    for Attribute(_, v) in &nodes[0].attributes {
        let Id::Escaped(s) = v else {
            panic!("value is not a quoted string: {v:?}")
        };
        assert_eq!(unescape(s), expected(text), "{dot}");
    }
});
