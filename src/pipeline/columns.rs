//! The city table (identity, attribute and metric columns), the program table, the graph
//! measures, and the values figures take: everything a table or figure shows is computed here.

use super::Graphs;
use crate::error::{Error, Result};
use crate::graph::{Csr, TwoMode};
use crate::metrics::plan::{ColumnMethod, Planner, Projection};
use crate::metrics::NodeTable;
use crate::metrics::{self, Column};
use crate::model::metric_names::{known_metrics, STRUCTURAL_HOLE_METRICS, TIE_METRICS};
use crate::model::{self, Dataset, InputKind};
use crate::render::{self, values::CityValues, FigureOptions};

/// Identity and attribute columns of the city table.
fn city_text_columns(ds: &Dataset) -> Vec<(String, Vec<String>)> {
    if ds.kind == InputKind::EdgeList {
        return vec![(
            "node".into(),
            ds.cities.iter().map(|c| c.name.clone()).collect(),
        )];
    }
    let mut cols = vec![
        (
            "city".to_string(),
            ds.cities.iter().map(|c| c.name.clone()).collect(),
        ),
        (
            "country".to_string(),
            ds.cities.iter().map(|c| c.country.clone()).collect(),
        ),
    ];
    cols.extend(ds.position_columns());
    for a in &ds.city_attrs {
        if model::identity::geocode::POSITION_COLUMNS.contains(&a.as_str()) {
            continue;
        }
        cols.push((
            a.clone(),
            ds.cities
                .iter()
                .map(|c| c.attrs.get(a).cloned().unwrap_or_default())
                .collect(),
        ));
    }
    cols
}

/// Computes the city table with the metric columns `names` (any order; each name once).
pub fn city_table(ds: &Dataset, gr: &Graphs, names: &[String]) -> Result<NodeTable> {
    Ok(compute(ds, gr, names, false)?.table)
}

/// The metric columns `names` as figures take them ([`render::values::CityValues`]): each
/// computed on its own by [`city_table`], its values or the error it gave.
pub fn city_values(ds: &Dataset, gr: &Graphs, names: &[String]) -> CityValues {
    let mut cv = CityValues::default();
    for name in names {
        if cv.contains(name) {
            continue;
        }
        let values = city_table(ds, gr, std::slice::from_ref(name)).map(|t| {
            let col = &t.metrics[0].1;
            (0..col.len()).map(|i| col.get_f64(i)).collect()
        });
        cv.insert(name, values);
    }
    cv
}

/// The values figure `opts` shows, computed (see [`render::values::wanted`]).
pub fn figure_values(ds: &Dataset, gr: &Graphs, opts: &FigureOptions) -> CityValues {
    city_values(ds, gr, &render::values::wanted(ds, opts))
}

/// The city table, how each column was computed and (when asked) the graph measures.
pub struct Computed {
    pub table: NodeTable,
    /// One entry per G column and approximate graph measure (method, ε, δ, samples, seed).
    pub methods: Vec<ColumnMethod>,
    /// Graph-level measures of G (`Null` unless asked).
    pub measures: serde_json::Value,
    /// Columns that could not be computed (left empty), as warning lines.
    pub warnings: Vec<String>,
}

/// Computes the city table with the metric columns `names` (any order; each name once) and,
/// with `with_measures`, the graph measures of G. When every column can be computed by the
/// exact kernels on a built G (small inputs), this is exactly the classic path; otherwise a
/// [`Planner`] chooses per column (see [`crate::metrics::plan`]).
pub fn compute(
    ds: &Dataset,
    gr: &Graphs,
    names: &[String],
    with_measures: bool,
) -> Result<Computed> {
    check_names(names)?;
    let wants = |set: &[&str]| -> Vec<&str> {
        names
            .iter()
            .map(|s| s.as_str())
            .filter(|n| set.contains(n))
            .collect()
    };
    let node = wants(crate::model::metric_names::NODE_METRICS);
    let mut planner = Planner::new(gr.projection(), gr.scale, metrics::MetricOptions::default())
        .with_two_mode(gr.two_mode.as_ref());
    let classic = planner.all_exact();
    let mut warnings = vec![];
    let mut computed = node_columns(ds, gr, &node, &mut planner, classic, &mut warnings)?;
    let mut methods = if classic {
        node.iter()
            .map(|&c| ColumnMethod {
                column: c.to_string(),
                method: "exact",
                via: "G".into(),
                approximation: None,
            })
            .collect()
    } else {
        planner.methods.clone()
    };
    computed.extend(two_mode_columns(
        gr,
        &wants(crate::model::metric_names::TWO_MODE_METRICS),
    )?);
    computed.extend(structural_hole_columns(
        gr,
        &wants(STRUCTURAL_HOLE_METRICS),
    )?);
    computed.extend(tie_columns(gr, &wants(TIE_METRICS)));
    let mut table = in_order(ds, names, computed);
    super::convention::cities(&mut table, gr);
    let measures = if !with_measures {
        serde_json::Value::Null
    } else if classic {
        graph_measures(&gr.g, &table)
    } else {
        let labels = match table.metric("community") {
            Some(Column::Int(v)) => Some(v.as_slice()),
            _ => None,
        };
        let before = planner.methods.len();
        let s = planner.summary(labels);
        methods.extend(
            planner.methods[before..]
                .iter()
                .filter(|m| m.column.starts_with("measures."))
                .cloned(),
        );
        serde_json::to_value(s).unwrap_or(serde_json::Value::Null)
    };
    Ok(Computed {
        warnings,
        table,
        methods,
        measures,
    })
}

/// Every name a known metric, and none asked for twice.
fn check_names(names: &[String]) -> Result<()> {
    let known = known_metrics();
    let mut seen = std::collections::HashSet::new();
    for n in names {
        if !known.contains(&n.as_str()) {
            return Err(Error::Usage(format!(
                "unknown metric '{n}'; known metrics: {}",
                known.join(", ")
            )));
        }
        if !seen.insert(n) {
            return Err(Error::Usage(format!("metric '{n}' is asked for twice")));
        }
    }
    Ok(())
}

/// A column's result, with a power iteration that does not converge (eigenvector, PageRank:
/// NetworkX raises) turned into an empty column and a warning instead of failing the whole run.
fn tolerate(
    name: &str,
    r: std::result::Result<Column, metrics::MetricError>,
    n_cities: usize,
    warnings: &mut Vec<String>,
) -> Result<Column> {
    match r {
        Ok(c) => Ok(c),
        Err(
            e @ (metrics::MetricError::NoConvergence(_)
            | metrics::MetricError::PageRankNoConvergence(_)),
        ) => {
            warnings.push(format!(
                "warning: column '{name}' left empty: {e} (NetworkX would raise here too)"
            ));
            Ok(Column::Float(vec![f64::NAN; n_cities]))
        }
        Err(e) => Err(Error::Internal(e.into())),
    }
}

/// The columns of G (`node`): by the exact kernels when `classic`, else column by column as
/// the planner chooses.
fn node_columns(
    ds: &Dataset,
    gr: &Graphs,
    node: &[&str],
    planner: &mut Planner,
    classic: bool,
    warnings: &mut Vec<String>,
) -> Result<Vec<(String, Column)>> {
    let n_cities = ds.cities.len();
    let mut out = vec![];
    if classic {
        let opts = metrics::MetricOptions::default();
        if let Ok(cols) = metrics::node_metrics(&gr.g, node, &opts) {
            return Ok(cols);
        }
        // Column by column, so that one failing column does not take the others.
        for &name in node {
            let one = metrics::node_metrics(&gr.g, &[name], &opts).map(|mut v| v.remove(0).1);
            out.push((name.to_string(), tolerate(name, one, n_cities, warnings)?));
        }
    } else {
        for &name in node {
            let col = tolerate(name, planner.column(name), n_cities, warnings)?;
            out.push((name.to_string(), col));
        }
    }
    Ok(out)
}

/// The two-mode columns `two` (an error for inputs without programs).
fn two_mode_columns(gr: &Graphs, two: &[&str]) -> Result<Vec<(String, Column)>> {
    if two.is_empty() {
        return Ok(vec![]);
    }
    let Some(t) = &gr.two_mode else {
        return Err(Error::Usage(format!(
            "metric '{}' needs an input with programs (a membership table or a network folder with memberships)",
            two[0]
        )));
    };
    metrics::city_two_mode_metrics(t, two).map_err(|e| Error::Internal(e.into()))
}

/// Burt's constraint and effective size (they need the projection built).
fn structural_hole_columns(gr: &Graphs, names: &[&str]) -> Result<Vec<(String, Column)>> {
    let mut out = vec![];
    for &n in names {
        let Projection::Built(g) = gr.projection() else {
            return Err(Error::Usage(format!(
                "metric '{n}' needs the city projection built, and this one is too large \
                 (see the estimate above); --exact builds it if it fits the memory budget"
            )));
        };
        let col = if n == "constraint" {
            metrics::structural_holes::constraint(g)
        } else {
            metrics::structural_holes::effective_size(g)
        };
        out.push((n.to_string(), Column::Float(col)));
    }
    Ok(out)
}

/// Degree and strength in the direct-ties layer (G when there is none).
fn tie_columns(gr: &Graphs, names: &[&str]) -> Vec<(String, Column)> {
    let layer = gr.ties.as_ref().unwrap_or(&gr.g);
    names
        .iter()
        .map(|&n| {
            let col = if n == "ties" {
                Column::Int(metrics::degree(layer))
            } else {
                Column::Float(metrics::strength(layer))
            };
            (n.to_string(), col)
        })
        .collect()
}

/// The city table: the identity and attribute columns, then the metric columns in the order
/// asked. A data column named like a metric (a `programs` column in cities.csv) keeps its
/// values under `NAME_attr`, as in the exports, so that every header is unique.
fn in_order(ds: &Dataset, names: &[String], mut computed: Vec<(String, Column)>) -> NodeTable {
    let mut table = NodeTable {
        text: city_text_columns(ds),
        metrics: vec![],
    };
    for n in names {
        let i = computed
            .iter()
            .position(|c| &c.0 == n)
            .expect("computed above");
        table.metrics.push(computed.swap_remove(i));
    }
    let metric_names: Vec<String> = table.metrics.iter().map(|m| m.0.clone()).collect();
    for (name, _) in table.text.iter_mut() {
        if metric_names.contains(name) {
            name.push_str("_attr");
        }
    }
    table
}

/// The program table: name, attributes, member count, member list and the two-mode columns of
/// `names` (bip_degree, bip_betweenness, ...) at the program nodes.
pub fn program_table(
    ds: &Dataset,
    t: &TwoMode,
    names: &[String],
    convention: metrics::convention::Convention,
) -> Result<NodeTable> {
    let mut text = vec![(
        "program".to_string(),
        ds.programs.iter().map(|p| p.name.clone()).collect(),
    )];
    for a in &ds.program_attrs {
        if a == "program" || a == "name" {
            continue;
        }
        text.push((
            a.clone(),
            ds.programs
                .iter()
                .map(|p| p.attrs.get(a).cloned().unwrap_or_default())
                .collect(),
        ));
    }
    text.push((
        "member_cities".into(),
        (0..t.n_programs())
            .map(|p| {
                t.members_of(p)
                    .0
                    .iter()
                    .map(|&c| ds.city_label(c as usize))
                    .collect::<Vec<_>>()
                    .join("; ")
            })
            .collect(),
    ));
    let mut columns = vec![(
        "members".to_string(),
        Column::Int(metrics::members_per_program(t)),
    )];
    let two: Vec<&str> = crate::model::metric_names::TWO_MODE_METRICS
        .iter()
        .filter(|&&m| m != "programs" && names.iter().any(|n| n == m))
        .copied()
        .collect();
    columns
        .extend(metrics::program_two_mode_metrics(t, &two).map_err(|e| Error::Internal(e.into()))?);
    let mut table = NodeTable {
        text,
        metrics: columns,
    };
    super::convention::programs(&mut table, t, convention);
    Ok(table)
}

/// Graph-level measures of G (see [`metrics::GraphSummary`]), reusing the community column when
/// the city table has one.
pub fn graph_measures(g: &Csr, cities: &NodeTable) -> serde_json::Value {
    let labels = match cities.metric("community") {
        Some(Column::Int(v)) => Some(v.as_slice()),
        _ => None,
    };
    serde_json::to_value(metrics::graph_summary(g, labels)).unwrap_or(serde_json::Value::Null)
}
