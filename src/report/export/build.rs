//! Building the neutral [`ExportGraph`] from a dataset, its graphs and its node tables.

use super::{AttrDef, AttrType, ExportEdge, ExportGraph, ExportNode, Value};
use crate::graph::{Layer, TwoMode};
use crate::metrics::Column;
use crate::metrics::{Graphs, NodeTable};
use crate::model::Dataset;
use std::collections::{HashMap, HashSet};

/// The graph `export` writes by default: the two-mode graph when the dataset has programs,
/// else the tie graph.
pub fn default_layer(ds: &Dataset) -> Layer {
    if ds.is_two_mode() {
        Layer::TwoMode
    } else {
        Layer::Ties
    }
}

/// What to export.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The layer written; [`Layer::Validated`] writes G, which the caller built as the
    /// validated projection.
    pub graph: Layer,
    /// Extra graph-level attributes (`as_of`...).
    pub graph_attrs: Vec<(String, String)>,
}

/// Attribute names a column may not take (they are the node's own fields in some formats).
const RESERVED: &[&str] = &["id", "label"];

/// Allocates attribute slots: one name per column of a node set; a name shared by two node sets
/// (cities and programs) is one attribute when the types agree, and is renamed otherwise.
#[derive(Default)]
struct Slots {
    defs: Vec<AttrDef>,
}

impl Slots {
    fn slot(&mut self, used: &mut HashSet<usize>, name: &str, ty: AttrType) -> usize {
        let mut cand = name.to_string();
        let mut k = 1;
        loop {
            if !RESERVED.contains(&cand.as_str()) {
                match self.defs.iter().position(|d| d.name == cand) {
                    Some(i) if self.defs[i].ty == ty && !used.contains(&i) => {
                        used.insert(i);
                        return i;
                    }
                    None => {
                        self.defs.push(AttrDef { name: cand, ty });
                        let i = self.defs.len() - 1;
                        used.insert(i);
                        return i;
                    }
                    _ => {}
                }
            }
            k += 1;
            cand = format!("{name}_{k}");
        }
    }
}

/// Column values of a node set, placed into slots.
struct NodeSet {
    columns: Vec<(usize, Vec<Option<Value>>)>,
}

fn text_value(s: &str) -> Option<Value> {
    (!s.is_empty()).then(|| Value::Text(s.to_string()))
}

/// Whether `s` is a number written plainly: no leading `+`, no leading zero (`007` stays text).
fn plain_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let leading_zero = digits.len() > 1 && digits.starts_with('0') && !digits.starts_with("0.");
    let all_digits = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == '.');
    all_digits && !leading_zero
}

/// An attribute column typed from its text: `long` when every non-empty cell is a plain
/// integer, `double` when every one is a plain decimal number, else `string`.
fn typed(vals: &[String]) -> (AttrType, Vec<Option<Value>>) {
    let cells = || vals.iter().filter(|s| !s.is_empty());
    if cells().next().is_some() && cells().all(|s| plain_number(s)) {
        if cells().all(|s| s.parse::<i64>().is_ok()) {
            return (
                AttrType::Int,
                vals.iter()
                    .map(|s| s.parse().ok().map(Value::Int))
                    .collect(),
            );
        }
        if cells().all(|s| s.parse::<f64>().is_ok_and(f64::is_finite)) {
            return (
                AttrType::Float,
                vals.iter()
                    .map(|s| s.parse().ok().map(Value::Float))
                    .collect(),
            );
        }
    }
    (AttrType::Text, vals.iter().map(|s| text_value(s)).collect())
}

fn column_values(c: &Column) -> (AttrType, Vec<Option<Value>>) {
    match c {
        Column::Int(v) => (
            AttrType::Int,
            v.iter().map(|&x| Some(Value::Int(x))).collect(),
        ),
        Column::Float(v) => (
            AttrType::Float,
            v.iter()
                // `+ 0.0` turns an empty sum's -0.0 into 0.0.
                .map(|&x| x.is_finite().then_some(Value::Float(x + 0.0)))
                .collect(),
        ),
    }
}

/// The city node set: `name`, `country`, `lat`, `lon`, attributes and metrics of `table`.
fn city_set(
    ds: &Dataset,
    table: &NodeTable,
    slots: &mut Slots,
    head: Vec<(&str, AttrType, Vec<Option<Value>>)>,
) -> NodeSet {
    let mut used = HashSet::new();
    let mut columns = vec![];
    for (name, ty, vals) in head {
        columns.push((slots.slot(&mut used, name, ty), vals));
    }
    for (name, vals) in &table.text {
        let (name, ty, vals): (&str, AttrType, Vec<Option<Value>>) = match name.as_str() {
            "city" | "node" => (
                "name",
                AttrType::Text,
                vals.iter().map(|s| text_value(s)).collect(),
            ),
            "lat" => (
                "lat",
                AttrType::Float,
                ds.cities.iter().map(|c| c.lat.map(Value::Float)).collect(),
            ),
            "lon" => (
                "lon",
                AttrType::Float,
                ds.cities.iter().map(|c| c.lon.map(Value::Float)).collect(),
            ),
            other => {
                let (ty, vals) = typed(vals);
                (other, ty, vals)
            }
        };
        // A metric keeps its name; an attribute of the same name becomes `NAME_attr`.
        let renamed;
        let name = if table.metrics.iter().any(|(m, _)| m == name) {
            renamed = format!("{name}_attr");
            renamed.as_str()
        } else {
            name
        };
        columns.push((slots.slot(&mut used, name, ty), vals));
    }
    for (name, col) in &table.metrics {
        let (ty, vals) = column_values(col);
        columns.push((slots.slot(&mut used, name, ty), vals));
    }
    NodeSet { columns }
}

/// The program node set: `name`, attributes and metrics of the program table (without the
/// `member_cities` list, which the edges already say).
fn program_set(
    table: &NodeTable,
    slots: &mut Slots,
    head: Vec<(&str, AttrType, Vec<Option<Value>>)>,
) -> NodeSet {
    let mut used = HashSet::new();
    let mut columns = vec![];
    for (name, ty, vals) in head {
        columns.push((slots.slot(&mut used, name, ty), vals));
    }
    for (name, vals) in &table.text {
        if name == "member_cities" {
            continue;
        }
        let (name, (ty, vals)) = if name == "program" {
            (
                "name",
                (AttrType::Text, vals.iter().map(|s| text_value(s)).collect()),
            )
        } else {
            (name.as_str(), typed(vals))
        };
        columns.push((slots.slot(&mut used, name, ty), vals));
    }
    for (name, col) in &table.metrics {
        let (ty, vals) = column_values(col);
        columns.push((slots.slot(&mut used, name, ty), vals));
    }
    NodeSet { columns }
}

fn nodes_of(set: &NodeSet, n_attrs: usize, ids: &[String], labels: &[String]) -> Vec<ExportNode> {
    (0..ids.len())
        .map(|i| {
            let mut values = vec![None; n_attrs];
            for (slot, vals) in &set.columns {
                values[*slot] = vals[i].clone();
            }
            ExportNode {
                id: ids[i].clone(),
                label: labels[i].clone(),
                values,
                viz: None,
            }
        })
        .collect()
}

fn plain_edges(g: &crate::graph::Csr, offset: usize) -> Vec<ExportEdge> {
    g.edges()
        .map(|(a, b, w)| ExportEdge {
            source: offset + a as usize,
            target: offset + b as usize,
            weight: w,
            values: vec![],
        })
        .collect()
}

/// Builds the graph `opts.graph` of `ds` with the city metrics of `cities` (and the program
/// metrics of `programs`) on its nodes.
///
/// # Errors
/// A message when the graph does not exist for this input (programs of an edge list, ties of
/// an input without ties).
pub fn build(
    ds: &Dataset,
    gr: &Graphs,
    cities: &NodeTable,
    programs: Option<&NodeTable>,
    opts: &BuildOptions,
) -> Result<ExportGraph, String> {
    let mut slots = Slots::default();
    let n = ds.cities.len();
    let city_ids: Vec<String> = (0..n).map(|i| format!("c{i}")).collect();
    let city_labels: Vec<String> = ds.cities.iter().map(|c| c.name.clone()).collect();
    let prog_ids: Vec<String> = (0..ds.programs.len()).map(|i| format!("p{i}")).collect();
    let prog_labels: Vec<String> = ds.programs.iter().map(|p| p.name.clone()).collect();
    let need_programs = || {
        gr.two_mode.as_ref().zip(programs).ok_or_else(|| {
            format!(
                "--graph {}: this input has no programs (it is an edge list); use --graph ties",
                opts.graph.name()
            )
        })
    };
    let mut out = ExportGraph {
        graph_attrs: vec![
            ("title".into(), ds.meta.title.clone()),
            ("description".into(), ds.meta.description.clone()),
            ("graph".into(), opts.graph.name().into()),
            (
                "creator".into(),
                format!("citynet {}", env!("CARGO_PKG_VERSION")),
            ),
        ],
        ..Default::default()
    };
    out.graph_attrs.extend(opts.graph_attrs.iter().cloned());
    match opts.graph {
        Layer::TwoMode => {
            let (t, ptable) = need_programs()?;
            let city_head = vec![
                (
                    "mode",
                    AttrType::Text,
                    vec![Some(Value::Text("city".into())); n],
                ),
                ("bipartite", AttrType::Int, vec![Some(Value::Int(0)); n]),
            ];
            let cs = city_set(ds, cities, &mut slots, city_head);
            let np = ds.programs.len();
            let prog_head = vec![
                (
                    "mode",
                    AttrType::Text,
                    vec![Some(Value::Text("program".into())); np],
                ),
                ("bipartite", AttrType::Int, vec![Some(Value::Int(1)); np]),
            ];
            let ps = program_set(ptable, &mut slots, prog_head);
            let k = slots.defs.len();
            out.nodes = nodes_of(&cs, k, &city_ids, &city_labels);
            out.nodes.extend(nodes_of(&ps, k, &prog_ids, &prog_labels));
            (out.edge_attrs, out.edges) = membership_edges(ds, t, n);
        }
        Layer::Programs => {
            let (t, ptable) = need_programs()?;
            let ps = program_set(ptable, &mut slots, vec![]);
            out.nodes = nodes_of(&ps, slots.defs.len(), &prog_ids, &prog_labels);
            out.edges = plain_edges(&t.project_programs(), 0);
        }
        Layer::Projection | Layer::Validated | Layer::Ties => {
            let g = match (opts.graph, &gr.two_mode, &gr.ties) {
                (Layer::Projection | Layer::Validated, _, _) => &gr.g,
                (_, None, _) => &gr.g,
                (_, Some(_), Some(ties)) => ties,
                (_, Some(_), None) => {
                    return Err(
                        "--graph ties: this input has no direct ties (ties.csv); use --graph two-mode or projection"
                            .into(),
                    )
                }
            };
            let cs = city_set(ds, cities, &mut slots, vec![]);
            out.nodes = nodes_of(&cs, slots.defs.len(), &city_ids, &city_labels);
            out.edges = plain_edges(g, 0);
        }
    }
    out.node_attrs = slots.defs;
    Ok(out)
}

/// The membership edges of the two-mode graph (city `c` to node `n + p`), with their years,
/// role and membership-level columns as edge attributes when the input has any.
fn membership_edges(ds: &Dataset, t: &TwoMode, n: usize) -> (Vec<AttrDef>, Vec<ExportEdge>) {
    let by_pair: HashMap<(u32, u32), &crate::model::Membership> = ds
        .memberships
        .iter()
        .map(|m| ((m.city, m.program), m))
        .collect();
    let has = |f: &dyn Fn(&crate::model::Membership) -> bool| ds.memberships.iter().any(f);
    let mut edge_cols: Vec<(&str, AttrType)> = vec![];
    // Membership-level columns of a membership table, by position (names are not matched:
    // an input column may be called "role" too).
    let own: Vec<&str> = ds
        .membership_attrs
        .iter()
        .map(String::as_str)
        .filter(|a| !["since", "until", "role", "weight"].contains(a))
        .collect();
    if has(&|m| m.since.is_some()) {
        edge_cols.push(("since", AttrType::Int));
    }
    if has(&|m| m.until.is_some()) {
        edge_cols.push(("until", AttrType::Int));
    }
    if has(&|m| m.role.is_some()) {
        edge_cols.push(("role", AttrType::Text));
    }
    let fixed = edge_cols.len();
    edge_cols.extend(own.iter().map(|&a| (a, AttrType::Text)));
    let defs = edge_cols
        .iter()
        .map(|&(name, ty)| AttrDef {
            name: name.into(),
            ty,
        })
        .collect();
    let own_index: Vec<usize> = own
        .iter()
        .filter_map(|a| ds.membership_attrs.iter().position(|x| x == a))
        .collect();
    let mut edges = vec![];
    for c in 0..t.n_cities() {
        let (ps, ws) = t.programs_of(c);
        for (&p, &w) in ps.iter().zip(ws) {
            let m = by_pair.get(&(c as u32, p));
            let values = edge_cols
                .iter()
                .enumerate()
                .map(|(k, &(name, _))| {
                    let m = m?;
                    if k >= fixed {
                        let v = m.attrs.get(own_index[k - fixed])?;
                        return (!v.is_empty()).then(|| Value::Text(v.clone()));
                    }
                    match name {
                        "since" => m.since.map(|y| Value::Int(y as i64)),
                        "until" => m.until.map(|y| Value::Int(y as i64)),
                        _ => m.role.clone().map(Value::Text),
                    }
                })
                .collect();
            edges.push(ExportEdge {
                source: c,
                target: n + p as usize,
                weight: w,
                values,
            });
        }
    }
    (defs, edges)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_columns_are_typed() {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(typed(&v(&["12", "", "-3"])).0, AttrType::Int);
        assert_eq!(typed(&v(&["1.5", "2"])).0, AttrType::Float);
        assert_eq!(typed(&v(&["007", "12"])).0, AttrType::Text);
        assert_eq!(typed(&v(&["1e3"])).0, AttrType::Text);
        assert_eq!(typed(&v(&["", ""])).0, AttrType::Text);
        assert_eq!(typed(&v(&["0.5", "0"])).0, AttrType::Float);
    }

    #[test]
    fn clashing_names_are_renamed() {
        let mut s = Slots::default();
        let mut used = HashSet::new();
        assert_eq!(s.slot(&mut used, "degree", AttrType::Int), 0);
        assert_eq!(s.slot(&mut used, "degree", AttrType::Text), 1);
        assert_eq!(s.defs[1].name, "degree_2");
        assert_eq!(s.slot(&mut used, "label", AttrType::Text), 2);
        assert_eq!(s.defs[2].name, "label_2");
        let mut used2 = HashSet::new();
        // Another node set shares a name of the same type.
        assert_eq!(s.slot(&mut used2, "degree", AttrType::Int), 0);
        // ...and gets a new one when the type differs.
        assert_eq!(s.slot(&mut used2, "label", AttrType::Int), 3);
    }
}
