//! Building figures as DOT graphs (pure: no Graphviz run here).
//!
//! Node ids are generated (`c0`, `p0`, `n0`...); every name goes through
//! [`super::escape`]. Node order follows the input order, and the layouts are seeded
//! (`start=1`), so the same input gives the same DOT and the same drawing.

use super::escape::{attr, html, plain, quoted, xml};
use super::palette;
use crate::graph::{Csr, TwoMode};
use crate::model::Dataset;
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Node, NodeId, Stmt, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

/// A figure ready for Graphviz: the DOT graph and the layout engine to run.
pub struct Figure {
    pub graph: Graph,
    pub engine: &'static str,
}

impl Figure {
    /// The DOT text.
    pub fn to_dot(&self) -> String {
        self.graph.print(&mut PrinterContext::default())
    }
}

const FONT: &str = "DejaVu Sans";

fn node(id: String, attrs: Vec<Attribute>) -> Stmt {
    Stmt::Node(Node::new(NodeId(plain(id), None), attrs))
}

fn edge(a: String, b: String, attrs: Vec<Attribute>) -> Stmt {
    Stmt::Edge(Edge {
        ty: EdgeTy::Pair(
            Vertex::N(NodeId(plain(a), None)),
            Vertex::N(NodeId(plain(b), None)),
        ),
        attributes: attrs,
    })
}

fn pa(k: &str, v: &str) -> Attribute {
    Attribute(plain(k), plain(v))
}

fn common_graph_attrs(n_nodes: usize) -> Vec<Stmt> {
    let mut g = vec![
        attr("fontname", FONT),
        pa("bgcolor", "white"),
        pa("outputorder", "edgesfirst"),
        pa("start", "1"),
        pa("pad", "0.3"),
        pa("splines", "false"),
    ];
    // Node-overlap removal is affordable for figures of a few hundred nodes only.
    if n_nodes <= 600 {
        g.push(pa("overlap", "false"));
        g.push(attr("sep", "+4"));
    } else {
        g.push(pa("overlap", "scale"));
    }
    vec![
        Stmt::GAttribute(GraphAttributes::Graph(g)),
        Stmt::GAttribute(GraphAttributes::Node(vec![attr("fontname", FONT)])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![attr("fontname", FONT)])),
    ]
}

/// A legend and caption as the graph's HTML-like label (bottom of the figure).
fn legend(title: &str, rows: &[(String, String)], caption: &str) -> Stmt {
    // Two columns: swatches, then text. Title and caption sit in the text column so that the
    // swatch column keeps its fixed width (Graphviz spreads spare width over spanned columns).
    let mut m =
        String::from("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"1\">");
    m.push_str(&format!(
        "<TR><TD WIDTH=\"18\" HEIGHT=\"12\" FIXEDSIZE=\"TRUE\"></TD><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"16\"><B>{}</B></FONT></TD></TR>",
        xml(title)
    ));
    for (colour, text) in rows {
        m.push_str(&format!(
            "<TR><TD BGCOLOR=\"{colour}\" WIDTH=\"18\" HEIGHT=\"12\" FIXEDSIZE=\"TRUE\"></TD>\
             <TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"12\">{}</FONT></TD></TR>",
            xml(text)
        ));
    }
    if !caption.is_empty() {
        m.push_str(&format!(
            "<TR><TD WIDTH=\"18\" HEIGHT=\"12\" FIXEDSIZE=\"TRUE\"></TD><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"11\" COLOR=\"#333333\">{}</FONT></TD></TR>",
            xml(caption)
        ));
    }
    m.push_str("</TABLE>");
    Stmt::GAttribute(GraphAttributes::Graph(vec![
        Attribute(plain("label"), html(&m)),
        pa("labelloc", "b"),
        pa("labeljust", "l"),
    ]))
}

fn graph(stmts: Vec<Stmt>) -> Graph {
    Graph::Graph {
        id: plain("citynet"),
        strict: false,
        stmts,
    }
}

/// The two-mode figure: programs as coloured boxes, cities as ellipses shaded by the number of
/// programs they belong to, memberships as edges in the program's colour. Laid out with neato.
pub fn bipartite(ds: &Dataset, t: &TwoMode, title: &str) -> Figure {
    let mut stmts = common_graph_attrs(t.n_cities() + t.n_programs());
    let max_k = (0..t.n_cities())
        .map(|c| t.programs_of(c).0.len())
        .max()
        .unwrap_or(1)
        .max(1);
    for p in 0..t.n_programs() {
        let colour = palette::category(p);
        let label = format!("{} ({})", ds.programs[p].name, t.members_of(p).0.len());
        stmts.push(node(
            format!("p{p}"),
            vec![
                pa("shape", "box"),
                attr("style", "filled,bold"),
                attr("fillcolor", colour),
                attr("fontcolor", palette::text_on(colour)),
                pa("fontsize", "16"),
                Attribute(plain("label"), quoted(&label)),
            ],
        ));
    }
    for c in 0..t.n_cities() {
        let k = t.programs_of(c).0.len();
        let shade = palette::viridis(1.0 - (k as f64 - 1.0) / (max_k as f64 - 1.0).max(1.0) * 0.85);
        stmts.push(node(
            format!("c{c}"),
            vec![
                pa("shape", "ellipse"),
                attr("style", "filled"),
                attr("fillcolor", &shade),
                attr("fontcolor", palette::text_on(&shade)),
                pa("fontsize", "11"),
                pa("margin", "0.04"),
                pa("height", "0.2"),
                Attribute(plain("label"), quoted(&ds.cities[c].name)),
            ],
        ));
    }
    for p in 0..t.n_programs() {
        let colour = format!("{}B0", palette::category(p));
        for &c in t.members_of(p).0 {
            stmts.push(edge(
                format!("c{c}"),
                format!("p{p}"),
                vec![attr("color", &colour), pa("penwidth", "1.2")],
            ));
        }
    }
    let mut rows: Vec<(String, String)> = (0..t.n_programs().min(palette::CATEGORICAL.len()))
        .map(|p| {
            (
                palette::category(p).to_string(),
                ds.programs[p].name.clone(),
            )
        })
        .collect();
    let mut present: Vec<usize> = (0..t.n_cities())
        .map(|c| t.programs_of(c).0.len())
        .collect();
    present.sort_unstable();
    present.dedup();
    for k in present.into_iter().filter(|&k| k > 0) {
        let shade = palette::viridis(1.0 - (k as f64 - 1.0) / (max_k as f64 - 1.0).max(1.0) * 0.85);
        rows.push((
            shade,
            format!("city in {k} program{}", if k == 1 { "" } else { "s" }),
        ));
    }
    let caption = format!(
        "{} cities, {} programs, {} memberships. Boxes: programs (members in brackets); ellipses: cities.",
        t.n_cities(),
        t.n_programs(),
        t.n_memberships()
    );
    stmts.push(legend(title, &rows, &caption));
    Figure {
        graph: graph(stmts),
        engine: "neato",
    }
}

/// The one-mode figure: the `max_nodes` nodes of largest `size` and the edges among them; node
/// area proportional to `size`, edge width to weight; the 40 largest nodes labelled. neato up to
/// 300 nodes, sfdp above.
pub fn network(
    ds: &Dataset,
    g: &Csr,
    size: &[f64],
    size_name: &str,
    max_nodes: usize,
    title: &str,
) -> Figure {
    let n = g.node_count();
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_by(|&a, &b| {
        size[b as usize]
            .partial_cmp(&size[a as usize])
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.cmp(&b))
    });
    order.truncate(max_nodes);
    let labelled: std::collections::HashSet<u32> = order.iter().take(40).copied().collect();
    order.sort_unstable();
    let sub = g.induced(&order);
    let smax = order
        .iter()
        .map(|&v| size[v as usize])
        .fold(0.0f64, f64::max)
        .max(f64::MIN_POSITIVE);
    let wmax = sub
        .weights()
        .iter()
        .copied()
        .fold(0.0f64, f64::max)
        .max(f64::MIN_POSITIVE);
    let mut stmts = common_graph_attrs(order.len());
    for (i, &v) in order.iter().enumerate() {
        let area = size[v as usize].max(0.0) / smax;
        let width = 0.12 + 0.9 * area.sqrt();
        let fill = palette::category(4);
        let mut attrs = vec![
            pa("shape", "circle"),
            attr("style", "filled"),
            attr("fillcolor", &format!("{fill}D0")),
            attr("color", "#FFFFFF"),
            pa("fixedsize", "true"),
            pa("width", &format!("{width:.3}")),
            attr("label", ""),
        ];
        if labelled.contains(&v) {
            attrs.push(Attribute(
                plain("xlabel"),
                quoted(&ds.cities[v as usize].name),
            ));
            attrs.push(pa("fontsize", "11"));
        }
        stmts.push(node(format!("n{i}"), attrs));
    }
    for (a, b, w) in sub.edges() {
        let pw = 0.3 + 2.7 * (w / wmax);
        stmts.push(edge(
            format!("n{a}"),
            format!("n{b}"),
            vec![
                attr("color", "#55555560"),
                pa("penwidth", &format!("{pw:.2}")),
            ],
        ));
    }
    stmts.push(Stmt::GAttribute(GraphAttributes::Graph(vec![pa(
        "forcelabels",
        "true",
    )])));
    let caption = if order.len() < n {
        format!(
            "The {} of {} nodes with the largest {size_name}, and the {} edges among them. Node area: {size_name}; edge width: weight; the 40 largest labelled.",
            order.len(),
            n,
            sub.edge_count()
        )
    } else {
        format!(
            "{} nodes, {} edges. Node area: {size_name}; edge width: weight.",
            n,
            sub.edge_count()
        )
    };
    stmts.push(legend(title, &[], &caption));
    Figure {
        graph: graph(stmts),
        engine: if order.len() > 300 { "sfdp" } else { "neato" },
    }
}
