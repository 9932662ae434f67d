//! Reading GraphML and GEXF files as inputs (detected by the `.graphml` / `.gexf` extension).
//!
//! **Two-mode or one-mode.** A graph where some node has a `bipartite` attribute (NetworkX's
//! convention: 0 city, 1 program) or a `mode` attribute (`city` / `program`, as citynet
//! exports write) is read as a two-mode input: program nodes become programs, city–program
//! edges memberships (with `weight`, `since`, `until`, `role` when present) and city–city edges
//! direct ties; program–program edges are dropped with a warning. Any other graph is read as a
//! one-mode graph: nodes are cities and edges ties (like an edge list).
//!
//! **Node fields.** The name is the `name` attribute, else the `label` (GraphML data key or
//! GEXF label), else the node id; `country`, `lat` and `lon` are read from attributes of
//! those names; every other attribute is kept as a city (or program) attribute — except
//! `id`, `label`, `mode`, `bipartite`, `viz` and the metric columns citynet computes itself
//! (`degree`, `strength`...), which would otherwise come back as stale copies.
//!
//! **Checks.** Edge weights must be positive finite numbers (1 when absent); two nodes with the
//! same city identity (name and country, compared as everywhere in citynet) are an error; edges
//! naming unknown nodes are errors; self-loops are dropped and repeated memberships kept once,
//! with warnings; a directed graph is read as undirected, with a warning. The dataset's kind is
//! reported as a membership table (two-mode, or one-mode with countries) or an edge list.

use super::dataset::{City, Dataset, InputKind, Membership, Program, Tie};
use super::diagnostic::{Diagnostic, Diagnostics};
use super::identity::name_key::key;
use super::options::{input_name, LoadOptions, Loaded};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Whether `path` names a graph file this module reads.
pub fn is_graph_file(path: &Path) -> bool {
    path.is_file()
        && matches!(
            path.extension()
                .and_then(|e| e.to_str())
                .map(|e| e.to_ascii_lowercase())
                .as_deref(),
            Some("graphml" | "gexf")
        )
}

/// A graph as read: nodes with attributes, edges with weights and attributes.
#[derive(Debug, Default)]
pub struct RawGraph {
    pub directed: bool,
    pub title: Option<String>,
    pub description: Option<String>,
    /// `(id, label, attributes)`.
    pub nodes: Vec<(String, Option<String>, BTreeMap<String, String>)>,
    /// `(source id, target id, attributes)`; the weight is the `weight` attribute.
    pub edges: Vec<(String, String, BTreeMap<String, String>)>,
}

fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == name)
            .then(|| a.unescape_value().ok().map(|v| v.into_owned()))
            .flatten()
    })
}

/// Parses GraphML text.
pub fn parse_graphml(text: &str) -> Result<RawGraph, String> {
    let mut r = Reader::from_str(text);
    r.config_mut().trim_text(true);
    let mut g = RawGraph::default();
    // key id -> (for, name)
    let mut keys: HashMap<String, (String, String)> = HashMap::new();
    let mut defaults: HashMap<String, String> = HashMap::new();
    let mut in_key: Option<String> = None;
    let mut data_key: Option<String> = None;
    let mut text_buf = String::new();
    // 0 = graph, 1 = node, 2 = edge
    let mut current: Option<u8> = None;
    let mut depth_graph = 0usize;
    loop {
        let ev = r
            .read_event()
            .map_err(|e| format!("not well-formed XML at byte {}: {e}", r.buffer_position()))?;
        let empty = matches!(ev, Event::Empty(_));
        match ev {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"key" => {
                    let id = attr(&e, b"id").unwrap_or_default();
                    let name = attr(&e, b"attr.name").unwrap_or_else(|| id.clone());
                    let for_ = attr(&e, b"for").unwrap_or_else(|| "all".into());
                    keys.insert(id.clone(), (for_, name));
                    in_key = Some(id);
                }
                b"graph" => {
                    depth_graph += 1;
                    if depth_graph > 1 {
                        return Err("nested graphs are not supported".into());
                    }
                    g.directed = attr(&e, b"edgedefault").as_deref() == Some("directed");
                    current = Some(0);
                }
                b"node" => {
                    let id = attr(&e, b"id").ok_or("a <node> without an id")?;
                    g.nodes.push((id, None, BTreeMap::new()));
                    current = Some(if empty { 0 } else { 1 });
                }
                b"edge" => {
                    let s = attr(&e, b"source").ok_or("an <edge> without a source")?;
                    let t = attr(&e, b"target").ok_or("an <edge> without a target")?;
                    if attr(&e, b"directed").as_deref() == Some("true") {
                        g.directed = true;
                    }
                    g.edges.push((s, t, BTreeMap::new()));
                    current = Some(if empty { 0 } else { 2 });
                }
                b"hyperedge" => return Err("hyperedges are not supported".into()),
                b"data" => {
                    data_key = attr(&e, b"key");
                    text_buf.clear();
                }
                b"default" => text_buf.clear(),
                _ => {}
            },
            Event::Text(t) => {
                let s = t.unescape().map_err(|e| e.to_string())?;
                text_buf.push_str(&s);
            }
            Event::CData(t) => text_buf.push_str(&String::from_utf8_lossy(&t)),
            Event::End(e) => match e.local_name().as_ref() {
                b"data" => {
                    if let Some(k) = data_key.take() {
                        let name = keys.get(&k).map(|x| x.1.clone()).unwrap_or(k);
                        let value = std::mem::take(&mut text_buf);
                        put_data(&mut g, current, name, value)?;
                    }
                }
                b"default" => {
                    if let Some(k) = &in_key {
                        defaults.insert(k.clone(), std::mem::take(&mut text_buf));
                    }
                }
                b"key" => in_key = None,
                b"node" | b"edge" => current = Some(0),
                b"graph" => current = None,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    apply_key_defaults(&mut g, &keys, &defaults);
    if depth_graph == 0 {
        return Err("no <graph> element: expected a GraphML document".into());
    }
    Ok(g)
}

/// Stores the value of a GraphML `<data>` element on the node, edge or graph it is in.
fn put_data(
    g: &mut RawGraph,
    current: Option<u8>,
    name: String,
    value: String,
) -> Result<(), String> {
    match current {
        Some(1) => {
            let n = g.nodes.last_mut().ok_or("data outside a node")?;
            if name == "label" {
                n.1 = Some(value);
            } else {
                n.2.insert(name, value);
            }
        }
        Some(2) => {
            if let Some(ed) = g.edges.last_mut() {
                ed.2.insert(name, value);
            }
        }
        _ => match name.as_str() {
            "title" | "name" => g.title = Some(value),
            "description" => g.description = Some(value),
            _ => {}
        },
    }
    Ok(())
}

/// GraphML key defaults apply where a node or edge has no value.
fn apply_key_defaults(
    g: &mut RawGraph,
    keys: &HashMap<String, (String, String)>,
    defaults: &HashMap<String, String>,
) {
    for (k, v) in defaults {
        let Some((for_, name)) = keys.get(k) else {
            continue;
        };
        if for_ == "node" || for_ == "all" {
            for n in &mut g.nodes {
                n.2.entry(name.clone()).or_insert_with(|| v.clone());
            }
        }
        if for_ == "edge" || for_ == "all" {
            for e in &mut g.edges {
                e.2.entry(name.clone()).or_insert_with(|| v.clone());
            }
        }
    }
}

/// Parses GEXF text (versions 1.1 to 1.3; static graphs).
pub fn parse_gexf(text: &str) -> Result<RawGraph, String> {
    let mut r = Reader::from_str(text);
    r.config_mut().trim_text(true);
    let mut g = RawGraph::default();
    // (class, id) -> title
    let mut titles: HashMap<(String, String), String> = HashMap::new();
    let mut class = String::new();
    let mut current: Option<u8> = None;
    let mut text_buf = String::new();
    let mut saw_graph = false;
    loop {
        let ev = r
            .read_event()
            .map_err(|e| format!("not well-formed XML at byte {}: {e}", r.buffer_position()))?;
        let empty = matches!(ev, Event::Empty(_));
        match ev {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"graph" => {
                    saw_graph = true;
                    g.directed = attr(&e, b"defaultedgetype").as_deref() == Some("directed");
                }
                b"attributes" => class = attr(&e, b"class").unwrap_or_default(),
                b"attribute" => {
                    let id = attr(&e, b"id").unwrap_or_default();
                    let title = attr(&e, b"title").unwrap_or_else(|| id.clone());
                    titles.insert((class.clone(), id), title);
                }
                b"node" => {
                    let id = attr(&e, b"id").ok_or("a <node> without an id")?;
                    g.nodes.push((id, attr(&e, b"label"), BTreeMap::new()));
                    current = (!empty).then_some(1);
                }
                b"edge" => {
                    let s = attr(&e, b"source").ok_or("an <edge> without a source")?;
                    let t = attr(&e, b"target").ok_or("an <edge> without a target")?;
                    let mut a = BTreeMap::new();
                    if let Some(w) = attr(&e, b"weight") {
                        a.insert("weight".to_string(), w);
                    }
                    if attr(&e, b"type").as_deref() == Some("directed") {
                        g.directed = true;
                    }
                    g.edges.push((s, t, a));
                    current = (!empty).then_some(2);
                }
                b"attvalue" => {
                    let id = attr(&e, b"for")
                        .or_else(|| attr(&e, b"id"))
                        .unwrap_or_default();
                    let value = attr(&e, b"value").unwrap_or_default();
                    let cls = if current == Some(2) { "edge" } else { "node" };
                    let name = titles
                        .get(&(cls.to_string(), id.clone()))
                        .cloned()
                        .unwrap_or(id);
                    match current {
                        Some(1) => {
                            if let Some(n) = g.nodes.last_mut() {
                                n.2.insert(name, value);
                            }
                        }
                        Some(2) => {
                            if let Some(ed) = g.edges.last_mut() {
                                ed.2.insert(name, value);
                            }
                        }
                        _ => {}
                    }
                }
                b"nodes" | b"edges" => {}
                b"description" | b"title" => text_buf.clear(),
                _ => {}
            },
            Event::Text(t) => text_buf.push_str(&t.unescape().map_err(|e| e.to_string())?),
            Event::End(e) => match e.local_name().as_ref() {
                b"node" | b"edge" => current = None,
                b"description" => g.description = Some(std::mem::take(&mut text_buf)),
                b"title" => g.title = Some(std::mem::take(&mut text_buf)),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_graph {
        return Err("no <graph> element: expected a GEXF document".into());
    }
    Ok(g)
}

/// Node attributes that are not kept as city or program attributes.
const DROPPED: &[&str] = &[
    "id",
    "label",
    "name",
    "mode",
    "bipartite",
    "viz",
    "country",
    "lat",
    "lon",
];

fn is_program(attrs: &BTreeMap<String, String>) -> bool {
    attrs.get("bipartite").map(|s| s.trim()) == Some("1")
        || attrs
            .get("mode")
            .is_some_and(|m| m.trim().eq_ignore_ascii_case("program"))
}

fn year(v: Option<&String>) -> Option<i32> {
    v.and_then(|s| {
        let s = s.trim();
        s.parse::<i32>()
            .ok()
            .or_else(|| s.parse::<f64>().ok().map(|x| x as i32))
    })
}

/// Turns a parsed graph into a dataset, with diagnostics.
pub fn to_dataset(path: &Path, g: RawGraph, diags: &mut Diagnostics) -> Option<Dataset> {
    if g.directed {
        diags.push(Diagnostic::warning(
            path,
            "the graph is directed; citynet reads it as undirected",
        ));
    }
    let two_mode = g
        .nodes
        .iter()
        .any(|n| n.2.contains_key("bipartite") || n.2.contains_key("mode"));
    let nodes = graph_nodes(path, &g.nodes, two_mode, diags);
    let (memberships, ties) = graph_edges(path, &g.edges, &nodes.index, diags);
    if diags.has_errors() {
        return None;
    }
    let has_country = nodes.cities.iter().any(|c| !c.country.is_empty());
    let kind = if two_mode || has_country {
        InputKind::MembershipTable
    } else {
        InputKind::EdgeList
    };
    let name = input_name(path);
    let mut meta = super::dataset::NetworkMeta {
        title: g
            .title
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| name.clone()),
        description: g.description.unwrap_or_default(),
        sources: vec![],
    };
    meta.description = meta.description.trim().to_string();
    Some(Dataset {
        name,
        kind,
        path: path.to_path_buf(),
        files: vec![path.to_path_buf()],
        meta,
        cities: nodes.cities,
        programs: nodes.programs,
        memberships,
        ties,
        city_attrs: nodes.city_attrs,
        program_attrs: nodes.program_attrs,
        membership_attrs: vec![],
        geocoding: None,
        places: None,
        intake: None,
        filtered: vec![],
        programs_table: None,
    })
}

/// The nodes of a graph file as cities and programs.
#[derive(Default)]
struct GraphNodes {
    cities: Vec<City>,
    programs: Vec<Program>,
    city_attrs: Vec<String>,
    program_attrs: Vec<String>,
    /// Countries not in the vocabulary, for one warning.
    unknown_countries: super::identity::gazetteer::countries::Unknown,
    /// node id -> (is program, index)
    index: HashMap<String, (bool, u32)>,
    seen_city: HashMap<(String, String), String>,
    seen_program: HashMap<String, String>,
}

type RawNode = (String, Option<String>, BTreeMap<String, String>);
type RawEdge = (String, String, BTreeMap<String, String>);

/// A numeric node attribute (`lat`, `lon`); an error when it is not a finite number.
fn node_number(
    path: &Path,
    attrs: &BTreeMap<String, String>,
    k: &str,
    id: &str,
    diags: &mut Diagnostics,
) -> Option<f64> {
    let v = attrs.get(k)?.trim();
    match v.parse::<f64>() {
        Ok(x) if x.is_finite() => Some(x),
        _ => {
            diags.push(
                Diagnostic::error(path, format!("node {id}: {k} is not a number"))
                    .in_column(k.to_string())
                    .with_value(v),
            );
            None
        }
    }
}

/// The node stage: every node becomes a city or (two-mode graphs) a program.
fn graph_nodes(
    path: &Path,
    nodes: &[RawNode],
    two_mode: bool,
    diags: &mut Diagnostics,
) -> GraphNodes {
    let computed: Vec<String> = super::metric_names::known_metrics()
        .iter()
        .map(|s| s.to_string())
        .chain(["members".to_string()])
        .collect();
    let mut out = GraphNodes::default();
    let mut dropped: Vec<String> = vec![];
    for (id, label, attrs) in nodes {
        if out.index.contains_key(id) {
            diags.push(Diagnostic::error(
                path,
                format!("node id {id} appears twice"),
            ));
            continue;
        }
        let name = attrs
            .get("name")
            .cloned()
            .or_else(|| label.clone())
            .unwrap_or_else(|| id.clone())
            .trim()
            .to_string();
        if name.is_empty() {
            diags.push(Diagnostic::error(
                path,
                format!("node {id} has an empty name"),
            ));
            continue;
        }
        let mut kept = BTreeMap::new();
        for (k, v) in attrs {
            if DROPPED.contains(&k.as_str()) || v.is_empty() {
                continue;
            }
            if computed.contains(k) {
                if !dropped.contains(k) {
                    dropped.push(k.clone());
                }
                continue;
            }
            kept.insert(k.clone(), v.clone());
        }
        if two_mode && is_program(attrs) {
            out.add_program(path, id, name, kept, diags);
        } else {
            out.add_city(path, (id, name, attrs), kept, diags);
        }
    }
    if let Some(m) = out.unknown_countries.message() {
        diags.push(Diagnostic::warning(path, m));
    }
    if !dropped.is_empty() {
        diags.push(Diagnostic::warning(
            path,
            format!(
                "node attributes {} are metrics citynet computes itself; the file's values were not read",
                dropped.join(", ")
            ),
        ));
    }
    out
}

impl GraphNodes {
    fn add_program(
        &mut self,
        path: &Path,
        id: &str,
        name: String,
        kept: BTreeMap<String, String>,
        diags: &mut Diagnostics,
    ) {
        let k = key(&name);
        if let Some(other) = self.seen_program.insert(k, id.to_string()) {
            diags.push(Diagnostic::error(
                path,
                format!("program \"{name}\" is two nodes ({other} and {id}); expected one node per program"),
            ));
            return;
        }
        for k in kept.keys() {
            if !self.program_attrs.contains(k) {
                self.program_attrs.push(k.clone());
            }
        }
        self.index
            .insert(id.to_string(), (true, self.programs.len() as u32));
        self.programs.push(Program { name, attrs: kept });
    }

    fn add_city(
        &mut self,
        path: &Path,
        (id, name, attrs): (&str, String, &BTreeMap<String, String>),
        kept: BTreeMap<String, String>,
        diags: &mut Diagnostics,
    ) {
        let written = attrs.get("country").map(|s| s.as_str()).unwrap_or("");
        let (country, known) = super::identity::gazetteer::countries::canonical(written);
        if !known {
            self.unknown_countries.add(written, 0);
        }
        let k = (key(&name), key(&country));
        if let Some(other) = self.seen_city.insert(k, id.to_string()) {
            diags.push(Diagnostic::error(
                path,
                format!(
                    "city \"{name}\" ({country}) is two nodes ({other} and {id}); a city is its name and country, so give them distinct names or countries"
                ),
            ));
            return;
        }
        let lat = node_number(path, attrs, "lat", id, diags);
        let lon = node_number(path, attrs, "lon", id, diags);
        for k in kept.keys() {
            if !self.city_attrs.contains(k) {
                self.city_attrs.push(k.clone());
            }
        }
        self.index
            .insert(id.to_string(), (false, self.cities.len() as u32));
        self.cities.push(City {
            name,
            country,
            lat,
            lon,
            attrs: kept,
        });
    }
}

/// The edge stage: city–program edges become memberships, city–city edges ties.
fn graph_edges(
    path: &Path,
    edges: &[RawEdge],
    index: &HashMap<String, (bool, u32)>,
    diags: &mut Diagnostics,
) -> (Vec<Membership>, Vec<Tie>) {
    let mut memberships: Vec<Membership> = vec![];
    let mut member_seen: HashMap<(u32, u32), ()> = HashMap::new();
    let mut ties: Vec<Tie> = vec![];
    let (mut loops, mut repeats, mut program_edges) = (0, 0, 0);
    for (s, t, attrs) in edges {
        let (Some(&a), Some(&b)) = (index.get(s), index.get(t)) else {
            let missing = if index.contains_key(s) { t } else { s };
            diags.push(Diagnostic::error(
                path,
                format!("edge {s} -- {t} names node {missing}, which is not a node of the graph (or was rejected above)"),
            ));
            continue;
        };
        let weight = match attrs.get("weight").map(|w| w.trim()) {
            None | Some("") => 1.0,
            Some(w) => match w.parse::<f64>() {
                Ok(x) if x.is_finite() && x > 0.0 => x,
                _ => {
                    diags.push(
                        Diagnostic::error(
                            path,
                            format!("edge {s} -- {t}: expected a positive number as weight"),
                        )
                        .in_column("weight")
                        .with_value(w),
                    );
                    continue;
                }
            },
        };
        let (since, until) = (year(attrs.get("since")), year(attrs.get("until")));
        match (a, b) {
            ((true, _), (true, _)) => program_edges += 1,
            ((false, c), (true, p)) | ((true, p), (false, c)) => {
                if member_seen.insert((c, p), ()).is_some() {
                    repeats += 1;
                    continue;
                }
                memberships.push(Membership {
                    city: c,
                    program: p,
                    weight,
                    role: attrs.get("role").filter(|r| !r.is_empty()).cloned(),
                    since,
                    until,
                    attrs: vec![],
                });
            }
            ((false, x), (false, y)) => {
                if x == y {
                    loops += 1;
                    continue;
                }
                ties.push(Tie {
                    a: x,
                    b: y,
                    kind: attrs
                        .get("kind")
                        .filter(|k| !k.is_empty())
                        .cloned()
                        .unwrap_or_else(|| "tie".into())
                        .into(),
                    weight,
                    since,
                    until,
                });
            }
        }
    }
    for (n, what) in [
        (loops, "self-loop(s) dropped"),
        (repeats, "repeated membership edge(s) kept once"),
        (
            program_edges,
            "program–program edge(s) dropped (programs are joined through cities)",
        ),
    ] {
        if n > 0 {
            diags.push(Diagnostic::warning(path, format!("{n} {what}")));
        }
    }
    (memberships, ties)
}

/// Loads a `.graphml` or `.gexf` file.
pub fn load_graph_file(path: &Path, opts: &LoadOptions) -> Loaded {
    let mut diags = Diagnostics::default();
    // The same memory budget as CSV tables (see `super::limits`).
    let too_big = super::read::csv_table::too_big_to_read(path, opts.max_memory);
    let cap =
        super::memory::budget(opts.max_memory).map(|b| b / super::read::csv_table::READ_OVERHEAD);
    let read = match too_big {
        Some(d) => Err(d),
        None => match super::read::csv_table::read_capped(path, cap) {
            Ok(Some(b)) => Ok(b),
            Ok(None) => Err(Diagnostic::error(
                path,
                "more than the memory budget allows to read; see --max-memory",
            )),
            Err(e) => Err(Diagnostic::error(
                path,
                format!("cannot read the file: {e}"),
            )),
        },
    };
    let bytes = match read {
        Ok(b) => b,
        Err(d) => {
            diags.push(d);
            return Loaded {
                dataset: None,
                diagnostics: diags,
                kind: None,
            };
        }
    };
    let text = String::from_utf8_lossy(&bytes);
    let gexf = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gexf"));
    let parsed = if gexf {
        parse_gexf(&text)
    } else {
        parse_graphml(&text)
    };
    let dataset = match parsed {
        Ok(g) => to_dataset(path, g, &mut diags),
        Err(e) => {
            diags.push(Diagnostic::error(
                path,
                format!(
                    "{e}; expected a {} file",
                    if gexf { "GEXF" } else { "GraphML" }
                ),
            ));
            None
        }
    };
    let kind = dataset.as_ref().map(|d| d.kind);
    Loaded {
        dataset,
        diagnostics: diags,
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graphml_with_defaults_and_labels() {
        let text = r#"<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="country" attr.type="string"><default>France</default></key>
  <key id="w" for="edge" attr.name="weight" attr.type="double"/>
  <graph edgedefault="undirected">
    <node id="a"><data key="d0">Spain</data></node>
    <node id="b"/>
    <edge source="a" target="b"><data key="w">2.5</data></edge>
  </graph>
</graphml>"#;
        let g = parse_graphml(text).unwrap();
        assert_eq!(g.nodes.len(), 2);
        assert_eq!(g.nodes[0].2["country"], "Spain");
        assert_eq!(g.nodes[1].2["country"], "France");
        assert_eq!(g.edges[0].2["weight"], "2.5");
        let mut d = Diagnostics::default();
        let ds = to_dataset(Path::new("x.graphml"), g, &mut d).unwrap();
        assert_eq!(ds.cities[0].name, "a");
        assert_eq!(ds.ties[0].weight, 2.5);
        assert_eq!(ds.kind, InputKind::MembershipTable);
    }

    #[test]
    fn gexf_two_mode_with_bad_weight() {
        let text = r#"<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph defaultedgetype="undirected">
<attributes class="node"><attribute id="0" title="bipartite" type="long"/></attributes>
<nodes><node id="c0" label="Lyon &amp; Co"><attvalues><attvalue for="0" value="0"/></attvalues></node>
<node id="p0" label="P"><attvalues><attvalue for="0" value="1"/></attvalues></node></nodes>
<edges><edge id="0" source="c0" target="p0" weight="-1"/></edges></graph></gexf>"#;
        let g = parse_gexf(text).unwrap();
        assert_eq!(g.nodes[0].1.as_deref(), Some("Lyon & Co"));
        let mut d = Diagnostics::default();
        assert!(to_dataset(Path::new("x.gexf"), g, &mut d).is_none());
        assert!(d.has_errors());
    }

    #[test]
    fn malformed_xml_is_an_error() {
        assert!(parse_graphml("<graphml><graph><node id='a'></graph>").is_err());
        assert!(parse_gexf("<nothing/>").is_err());
    }
}
