//! A drawing with every position fixed, printed as DOT for `neato -n2`.
//!
//! Every view ends as a [`Scene`]: nodes (circles, boxes, diamonds) at positions in points,
//! edges between them, free text (labels beside nodes, legend text, caption), and an optional
//! background of polygons (map outlines). Positions are decided by citynet (from a Graphviz
//! layout or a map projection), so labels can be placed without overlaps and the legend can be
//! drawn with real node sizes. Graphviz only draws.
//!
//! Safety: node ids are generated (`n0`, `t0`, ...); text from data enters only through
//! [`super::escape::xml`] inside HTML-like labels, or [`super::escape::quoted`].

use super::escape::{attr, html, plain, quoted_long, tooltip, xml};
use super::text::{self, FONT_NAME};
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Node, NodeId, Stmt, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

/// Node shapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Circle,
    Box,
    Diamond,
    /// An invisible point (edge ends in the legend, canvas corners).
    Point,
}

/// A node at a fixed position.
#[derive(Debug, Clone)]
pub struct SNode {
    /// Centre, in points (y up).
    pub x: f64,
    pub y: f64,
    /// Width and height, in points.
    pub w: f64,
    pub h: f64,
    pub shape: Shape,
    pub fill: String,
    pub stroke: String,
    /// Text drawn inside the node (programs' boxes; `\n` separates lines), with its size and
    /// colour.
    pub inside: Option<(String, f64, String)>,
    /// Tooltip (SVG `title`), usually the full name.
    pub tooltip: String,
}

/// Free text: one or more lines, left-aligned, its box's lower-left corner at `(x, y)`.
#[derive(Debug, Clone)]
pub struct SText {
    pub x: f64,
    pub y: f64,
    pub lines: Vec<String>,
    pub size: f64,
    pub color: String,
    pub bold: bool,
    /// Draw a translucent white box behind the text (labels over a drawing).
    pub halo: bool,
}

impl SText {
    /// Width and height of the text box, in points.
    pub fn extent(&self) -> (f64, f64) {
        let k = if self.bold { 1.1 } else { 1.0 };
        let w = self
            .lines
            .iter()
            .map(|l| text::width(l, self.size) * k)
            .fold(0.0, f64::max);
        (w, text::line_height(self.size) * self.lines.len() as f64)
    }
}

/// An edge between two scene nodes.
#[derive(Debug, Clone)]
pub struct SEdge {
    pub a: usize,
    pub b: usize,
    pub width: f64,
    pub color: String,
    pub dashed: bool,
}

/// A finished drawing.
#[derive(Debug, Clone, Default)]
pub struct Scene {
    pub nodes: Vec<SNode>,
    pub edges: Vec<SEdge>,
    pub texts: Vec<SText>,
    /// xdot drawing operations drawn under everything (Graphviz `_background`).
    pub background: Option<String>,
    /// Points that must be inside the drawing (e.g. the map's corners).
    pub keep_inside: Vec<(f64, f64)>,
}

/// An axis-aligned box `(x0, y0, x1, y1)`.
pub type Rect = (f64, f64, f64, f64);

/// Whether two boxes overlap (touching does not count).
pub fn overlaps(a: Rect, b: Rect) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

impl SNode {
    /// The node's bounding box.
    pub fn rect(&self) -> Rect {
        (
            self.x - self.w / 2.0,
            self.y - self.h / 2.0,
            self.x + self.w / 2.0,
            self.y + self.h / 2.0,
        )
    }
}

impl SText {
    /// The text's bounding box.
    pub fn rect(&self) -> Rect {
        let (w, h) = self.extent();
        (self.x, self.y, self.x + w, self.y + h)
    }
}

fn f2(x: f64) -> String {
    let v = if x.abs() < 0.005 { 0.0 } else { x };
    format!("{v:.2}")
}

fn pa(k: &str, v: &str) -> Attribute {
    Attribute(plain(k), plain(v))
}

fn nid(s: String) -> NodeId {
    NodeId(plain(s), None)
}

impl Scene {
    /// The bounding box of everything drawn (nodes, texts, kept points).
    pub fn bounds(&self) -> Rect {
        let mut r = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        let mut add = |b: Rect| {
            r.0 = r.0.min(b.0);
            r.1 = r.1.min(b.1);
            r.2 = r.2.max(b.2);
            r.3 = r.3.max(b.3);
        };
        self.nodes.iter().for_each(|n| add(n.rect()));
        self.texts.iter().for_each(|t| add(t.rect()));
        self.keep_inside
            .iter()
            .for_each(|&(x, y)| add((x, y, x, y)));
        if r.0 > r.2 {
            (0.0, 0.0, 0.0, 0.0)
        } else {
            r
        }
    }

    /// Places `text` beside node `i` (right, left, above, below, then the diagonals and
    /// farther out) where it overlaps no other text and no node other than `i`; failing that,
    /// where it overlaps no other text and only nodes marked in `may_cover` (unlabelled ones).
    /// Returns whether it found room. `placed` holds the boxes to avoid (texts so far) and is
    /// extended.
    pub fn place_label(
        &mut self,
        i: usize,
        label: &str,
        size: f64,
        placed: &mut Vec<Rect>,
        node_rects: &[Rect],
        may_cover: &[bool],
    ) -> bool {
        let t = SText {
            x: 0.0,
            y: 0.0,
            lines: vec![label.to_string()],
            size,
            color: "#000000".into(),
            bold: false,
            halo: true,
        };
        let (w, h) = t.extent();
        let n = &self.nodes[i];
        let (rx, ry) = (n.w / 2.0, n.h / 2.0);
        let g = 1.5;
        let mut candidates = vec![];
        for step in 0..3 {
            let d = g + step as f64 * (h * 0.8);
            for c in [
                (n.x + rx + d, n.y - h / 2.0),
                (n.x - w / 2.0, n.y - ry - d - h),
                (n.x - rx - d - w, n.y - h / 2.0),
                (n.x - w / 2.0, n.y + ry + d),
                (n.x + rx * 0.7 + d, n.y + ry * 0.7 + d * 0.5),
                (n.x - rx * 0.7 - d - w, n.y + ry * 0.7 + d * 0.5),
                (n.x + rx * 0.7 + d, n.y - ry * 0.7 - d * 0.5 - h),
                (n.x - rx * 0.7 - d - w, n.y - ry * 0.7 - d * 0.5 - h),
            ] {
                candidates.push((c.0, c.1, step));
            }
        }
        for relaxed in [false, true] {
            for &(x, y, step) in &candidates {
                let r = (x, y, x + w, y + h);
                // Labels keep 1 point apart so that they do not read as one.
                let padded = (r.0 - 1.0, r.1 - 0.5, r.2 + 1.0, r.3 + 0.5);
                if placed.iter().any(|&p| overlaps(p, padded)) {
                    continue;
                }
                if node_rects.iter().enumerate().any(|(j, &nr)| {
                    j != i
                        && !(relaxed && may_cover.get(j).copied().unwrap_or(false))
                        && node_hits(&self.nodes[j], nr, r)
                }) {
                    continue;
                }
                placed.push(r);
                self.texts.push(SText { x, y, ..t });
                if step > 0 {
                    // A leader line from the node to the nearest point of a label set apart.
                    let (nx, ny) = (self.nodes[i].x, self.nodes[i].y);
                    let p = SNode {
                        x: nx.clamp(r.0, r.2),
                        y: ny.clamp(r.1, r.3),
                        w: 0.5,
                        h: 0.5,
                        shape: Shape::Point,
                        fill: String::new(),
                        stroke: String::new(),
                        inside: None,
                        tooltip: String::new(),
                    };
                    self.nodes.push(p);
                    self.edges.push(SEdge {
                        a: i,
                        b: self.nodes.len() - 1,
                        width: 0.4,
                        color: "#000000".into(),
                        dashed: false,
                    });
                }
                return true;
            }
        }
        false
    }

    /// The DOT graph: pinned positions (`pos="x,y!"`), for `neato -n2`.
    pub fn to_graph(&self, title: &str) -> Graph {
        let g = self.graph_attrs(title);
        let mut stmts = vec![
            Stmt::GAttribute(GraphAttributes::Graph(g)),
            Stmt::GAttribute(GraphAttributes::Node(vec![
                attr("fontname", FONT_NAME),
                pa("fixedsize", "true"),
                attr("label", ""),
                pa("penwidth", "0.5"),
            ])),
            Stmt::GAttribute(GraphAttributes::Edge(vec![pa("arrowhead", "none")])),
        ];
        for (i, n) in self.nodes.iter().enumerate() {
            stmts.push(node_stmt(i, n));
        }
        for (i, t) in self.texts.iter().enumerate() {
            stmts.push(text_stmt(i, t));
        }
        for (i, &(x, y)) in self.keep_inside.iter().enumerate() {
            stmts.push(Stmt::Node(Node::new(
                nid(format!("k{i}")),
                vec![
                    attr("pos", &format!("{},{}!", f2(x), f2(y))),
                    pa("shape", "point"),
                    pa("style", "invis"),
                    pa("width", "0.01"),
                ],
            )));
        }
        for e in &self.edges {
            let mut a = vec![
                attr("color", &e.color),
                pa("penwidth", &format!("{:.2}", e.width)),
            ];
            if e.dashed {
                a.push(pa("style", "dashed"));
            }
            stmts.push(Stmt::Edge(Edge {
                ty: EdgeTy::Pair(
                    Vertex::N(nid(format!("n{}", e.a))),
                    Vertex::N(nid(format!("n{}", e.b))),
                ),
                attributes: a,
            }));
        }
        Graph::Graph {
            id: plain("citynet"),
            strict: false,
            stmts,
        }
    }

    /// The graph's attributes: font, background, and the title when there is one.
    fn graph_attrs(&self, title: &str) -> Vec<Attribute> {
        let mut g = vec![
            attr("fontname", FONT_NAME),
            pa("bgcolor", "white"),
            pa("outputorder", "edgesfirst"),
            pa("splines", "false"),
            pa("pad", "0.1"),
        ];
        if let Some(bg) = &self.background {
            g.push(Attribute(plain("_background"), quoted_long(bg)));
        }
        if !title.is_empty() {
            // Font sizes are node or graph attributes: Graphviz 2.43 truncates an HTML-like
            // label's POINT-SIZE to a whole number.
            g.push(pa("fontsize", "8.5"));
            g.push(Attribute(
                plain("label"),
                html(&format!("<B>{}</B>", xml(title))),
            ));
            g.push(pa("labelloc", "t"));
            g.push(pa("labeljust", "l"));
        }
        g
    }

    /// The DOT text.
    pub fn to_dot(&self, title: &str) -> String {
        self.to_graph(title).print(&mut PrinterContext::default())
    }
}

/// Node `n{i}`: a city or program mark at its fixed position, with its label inside (if any)
/// and tooltip.
fn node_stmt(i: usize, n: &SNode) -> Stmt {
    let mut a = vec![
        attr("pos", &format!("{},{}!", f2(n.x), f2(n.y))),
        pa("width", &format!("{:.4}", n.w / 72.0)),
        pa("height", &format!("{:.4}", n.h / 72.0)),
    ];
    match n.shape {
        Shape::Point => {
            a.push(pa("shape", "point"));
            a.push(pa("style", "invis"));
        }
        s => {
            a.push(pa(
                "shape",
                match s {
                    Shape::Circle => "circle",
                    Shape::Box => "box",
                    _ => "diamond",
                },
            ));
            a.push(pa("style", "filled"));
            a.push(attr("fillcolor", &n.fill));
            a.push(attr("color", &n.stroke));
        }
    }
    if let Some((t, size, colour)) = &n.inside {
        a.push(pa("fontsize", &format!("{size}")));
        a.push(attr("fontcolor", colour));
        a.push(Attribute(
            plain("label"),
            html(&format!(
                "<FONT COLOR=\"{}\">{}</FONT>",
                xml(colour),
                t.split('\n').map(xml).collect::<Vec<_>>().join("<BR/>")
            )),
        ));
    }
    if !n.tooltip.is_empty() {
        a.push(Attribute(plain("tooltip"), tooltip(&n.tooltip)));
    }
    Stmt::Node(Node::new(nid(format!("n{i}")), a))
}

/// Node `t{i}`: a text block (plaintext node, left-aligned lines, optional halo).
fn text_stmt(i: usize, t: &SText) -> Stmt {
    let (w, h) = t.extent();
    let body = t
        .lines
        .iter()
        .map(|l| {
            if t.bold {
                format!("<B>{}</B>", xml(l))
            } else {
                xml(l)
            }
        })
        .collect::<Vec<_>>()
        .join("<BR ALIGN=\"LEFT\"/>");
    // Always inside a tag: some DOT parsers (graphviz-rust's) reject bare HTML text.
    let label = if t.lines.len() == 1 {
        format!("<FONT COLOR=\"{}\">{body}</FONT>", xml(&t.color))
    } else {
        format!(
            "<FONT COLOR=\"{}\">{body}<BR ALIGN=\"LEFT\"/></FONT>",
            xml(&t.color)
        )
    };
    let mut a = vec![
        attr(
            "pos",
            &format!("{},{}!", f2(t.x + w / 2.0), f2(t.y + h / 2.0)),
        ),
        pa("shape", "plaintext"),
        pa("fixedsize", "false"),
        pa("margin", "0"),
        pa("width", "0"),
        pa("height", "0"),
        pa("fontsize", &format!("{}", t.size)),
        attr("fontcolor", &t.color),
        Attribute(plain("label"), html(&label)),
    ];
    if t.halo {
        a.push(pa("style", "filled"));
        a.push(attr("fillcolor", "#FFFFFFB8"));
    }
    Stmt::Node(Node::new(nid(format!("t{i}")), a))
}

/// Whether box `r` overlaps node `n` (bounding box `nr`): circles by their true outline, so
/// that a label may sit in the empty corner of a round node's box; other shapes by their box.
fn node_hits(n: &SNode, nr: Rect, r: Rect) -> bool {
    if n.shape == Shape::Circle {
        let cx = n.x.clamp(r.0, r.2);
        let cy = n.y.clamp(r.1, r.3);
        let rad = n.w / 2.0;
        (cx - n.x).powi(2) + (cy - n.y).powi(2) < rad * rad
    } else {
        overlaps(nr, r)
    }
}
