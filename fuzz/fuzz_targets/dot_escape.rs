//! Any string escaped by `render::escape` — `quoted`, `quoted_long`, `tooltip` and `xml` in an
//! HTML-like label — used as a node's attribute values: the DOT text parses back with
//! graphviz-rust, the node has exactly the attributes citynet put there (nothing injected),
//! and each label comes back as the text it was made from.
#![no_main]

use citynet::render::escape::{html, quoted, quoted_long, tooltip, xml};
use graphviz_rust::dot_structures::{Attribute, Graph, Id, Node, NodeId, Stmt};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use libfuzzer_sys::fuzz_target;

/// What the escapes keep of a text: control characters dropped, line breaks and tabs as
/// spaces.
fn expected(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Undoes DOT's `\"` and `\\` inside one quoted string (with its quotes).
fn unescape_one(s: &str) -> String {
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

/// A quoted string or a `"a" + "b"` concatenation of them, unescaped and joined.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    loop {
        // Find the closing quote of the string starting at rest[0].
        let b = rest.as_bytes();
        assert_eq!(b[0], b'"', "{s}");
        let mut i = 1;
        while b[i] != b'"' {
            i += if b[i] == b'\\' { 2 } else { 1 };
        }
        out.push_str(&unescape_one(&rest[..=i]));
        rest = &rest[i + 1..];
        match rest.strip_prefix(" + ") {
            Some(r) => rest = r,
            None => {
                assert!(rest.is_empty(), "{s}");
                return out;
            }
        }
    }
}

/// The text of an HTML-like label made by `html(&xml(text))`.
fn html_text(s: &str) -> String {
    let inner = &s[1..s.len() - 1];
    inner
        .replace("\\\\", "\\")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let attrs = vec![
        Attribute(Id::Plain("label".into()), quoted(text)),
        Attribute(Id::Plain("xlabel".into()), quoted_long(text)),
        Attribute(Id::Plain("tooltip".into()), tooltip(text)),
        Attribute(Id::Plain("comment".into()), html(&xml(text))),
    ];
    let g = Graph::DiGraph {
        id: Id::Plain("G".into()),
        strict: false,
        stmts: vec![Stmt::Node(Node {
            id: NodeId(Id::Plain("n0".into()), None),
            attributes: attrs,
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
    assert_eq!(keys, ["label", "xlabel", "tooltip", "comment"], "{dot}");
    let want = expected(text);
    for Attribute(k, v) in &nodes[0].attributes {
        let Id::Plain(k) = k else { unreachable!() };
        let (got, want) = match (k.as_str(), v) {
            ("comment", Id::Html(s)) => (html_text(s), want.clone()),
            // Tooltips show a backslash as ∖ (Graphviz expands their escapes twice).
            ("tooltip", Id::Escaped(s)) => (unescape(s), want.replace('\\', "\u{2216}")),
            (_, Id::Escaped(s)) => (unescape(s), want.clone()),
            _ => panic!("{k}: unexpected value {v:?}\n{dot}"),
        };
        assert_eq!(got, want, "{k}\n{dot}");
    }
});
