//! Any string escaped by `render::escape` — `quoted`, `tooltip` and `xml` in an HTML-like label
//! as a node's attribute values, and each part of `quoted_long` — printed as DOT: the text
//! parses back with graphviz-rust, the node has exactly the attributes citynet put there
//! (nothing injected), and each label comes back as the text it was made from.
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

/// The quoted strings of a `"a" + "b"` concatenation (one string when there is no `+`).
fn split_concat(s: &str) -> Vec<&str> {
    let mut parts = vec![];
    let mut rest = s;
    loop {
        let b = rest.as_bytes();
        assert_eq!(b[0], b'"', "{s}");
        let mut i = 1;
        while b[i] != b'"' {
            i += if b[i] == b'\\' { 2 } else { 1 };
        }
        parts.push(&rest[..=i]);
        rest = &rest[i + 1..];
        match rest.strip_prefix(" + ") {
            Some(r) => rest = r,
            None => {
                assert!(rest.is_empty(), "{s}");
                return parts;
            }
        }
    }
}

/// Prints a one-node graph with `attrs`, parses it back with graphviz-rust and returns the
/// node's attributes, checking that nothing was added or lost.
fn round_trip(attrs: Vec<Attribute>) -> Vec<Attribute> {
    let keys: Vec<Id> = attrs.iter().map(|Attribute(k, _)| k.clone()).collect();
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
    let nodes: Vec<Node> = stmts
        .into_iter()
        .filter_map(|s| match s {
            Stmt::Node(n) => Some(n),
            _ => None,
        })
        .collect();
    assert_eq!(nodes.len(), 1, "{dot}");
    let got: Vec<Id> = nodes[0]
        .attributes
        .iter()
        .map(|Attribute(k, _)| k.clone())
        .collect();
    assert_eq!(got, keys, "{dot}");
    nodes[0].attributes.clone()
}

/// The text of an HTML-like label made by `html(&format!("<B>{}</B>", xml(text)))`.
fn html_text(s: &str) -> String {
    let inner = &s[1..s.len() - 1];
    let inner = inner
        .strip_prefix("<B>")
        .and_then(|t| t.strip_suffix("</B>"))
        .unwrap_or_else(|| panic!("{s}"));
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
    let want = expected(text);
    let attrs = vec![
        Attribute(Id::Plain("label".into()), quoted(text)),
        Attribute(Id::Plain("tooltip".into()), tooltip(text)),
        // Inside a tag, as the figures write them (an empty `<>` is rejected by Graphviz and
        // graphviz-rust alike: found by the first run of this target).
        Attribute(
            Id::Plain("comment".into()),
            html(&format!("<B>{}</B>", xml(text))),
        ),
    ];
    for Attribute(k, v) in round_trip(attrs) {
        let Id::Plain(k) = k else { unreachable!() };
        let (got, want) = match (k.as_str(), &v) {
            ("comment", Id::Html(s)) => (html_text(s), want.clone()),
            // Tooltips show a backslash as ∖ (Graphviz expands their escapes twice).
            ("tooltip", Id::Escaped(s)) => (unescape_one(s), want.replace('\\', "\u{2216}")),
            (_, Id::Escaped(s)) => (unescape_one(s), want.clone()),
            _ => panic!("{k}: unexpected value {v:?}"),
        };
        assert_eq!(got, want, "{k}");
    }
    // `quoted_long` writes DOT's `"a" + "b"` concatenation past 8,000 bytes, which Graphviz
    // reads but graphviz-rust's parser does not (found by the second run of this target):
    // each part must parse as a label of its own, and the parts together give the text.
    let Id::Escaped(long) = quoted_long(text) else {
        panic!("quoted_long gave no quoted string")
    };
    let mut joined = String::new();
    for part in split_concat(&long) {
        // Graphviz's lexer rejects a quoted string over 16,384 bytes.
        assert!(part.len() <= 16384, "part of {} bytes", part.len());
        let back = round_trip(vec![Attribute(
            Id::Plain("xlabel".into()),
            Id::Escaped(part.to_string()),
        )]);
        let Attribute(_, Id::Escaped(p)) = &back[0] else {
            panic!("{back:?}")
        };
        assert_eq!(p, part);
        joined.push_str(&unescape_one(part));
    }
    assert_eq!(joined, want, "quoted_long");
});
