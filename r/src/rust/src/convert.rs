//! Tables as R sees them: a named list of columns (integer, double or character vectors) that
//! the R side turns into a data.frame. Values cross as they are (no text round trip for
//! computed columns); tables that citynet writes as CSV are read back here, in Rust, whose
//! number parsing is correctly rounded, so a value written in shortest round-trip form comes
//! back as the same f64.

use citynet::metrics::{Column, NodeTable};
use citynet::report::analyses::{Cell, Rows};
use citynet::report::export::{AttrType, ExportGraph, Value};
use savvy::{OwnedIntegerSexp, OwnedListSexp, OwnedRealSexp, OwnedStringSexp, Sexp};

/// One column of a table.
pub enum Data {
    /// Whole numbers (None: missing). Sent as integer when every value fits R's integer.
    Int(Vec<Option<i64>>),
    /// Real numbers; NaN is sent as NA.
    Float(Vec<f64>),
    /// Text (None: NA).
    Text(Vec<Option<String>>),
    /// true/false (None: NA).
    Logical(Vec<Option<bool>>),
}

/// A table: named columns of equal length.
#[derive(Default)]
pub struct Table(pub Vec<(String, Data)>);

impl Table {
    /// The named list R turns into a data.frame.
    pub fn to_r(&self) -> savvy::Result<Sexp> {
        let mut list = OwnedListSexp::new(self.0.len(), true)?;
        for (i, (name, data)) in self.0.iter().enumerate() {
            list.set_name_and_value(i, name, column(data)?)?;
        }
        Ok(list.into())
    }
}

fn column(data: &Data) -> savvy::Result<Sexp> {
    match data {
        Data::Int(v) => {
            // i32::MIN is R's NA_integer_, so it does not count as fitting.
            let fits = v
                .iter()
                .flatten()
                .all(|&x| x > i32::MIN as i64 && x <= i32::MAX as i64);
            if fits {
                let mut out = OwnedIntegerSexp::new(v.len())?;
                for (i, x) in v.iter().enumerate() {
                    match x {
                        Some(x) => out.set_elt(i, *x as i32)?,
                        None => out.set_na(i)?,
                    }
                }
                Ok(out.into())
            } else {
                let mut out = OwnedRealSexp::new(v.len())?;
                for (i, x) in v.iter().enumerate() {
                    match x {
                        Some(x) => out.set_elt(i, *x as f64)?,
                        None => out.set_na(i)?,
                    }
                }
                Ok(out.into())
            }
        }
        Data::Float(v) => {
            let mut out = OwnedRealSexp::new(v.len())?;
            for (i, x) in v.iter().enumerate() {
                if x.is_nan() {
                    out.set_na(i)?;
                } else {
                    out.set_elt(i, *x)?;
                }
            }
            Ok(out.into())
        }
        Data::Logical(v) => {
            let mut out = savvy::OwnedLogicalSexp::new(v.len())?;
            for (i, x) in v.iter().enumerate() {
                match x {
                    Some(b) => out.set_elt(i, *b)?,
                    None => out.set_na(i)?,
                }
            }
            Ok(out.into())
        }
        Data::Text(v) => {
            let mut out = OwnedStringSexp::new(v.len())?;
            for (i, x) in v.iter().enumerate() {
                match x {
                    Some(s) => out.set_elt(i, s)?,
                    None => out.set_na(i)?,
                }
            }
            Ok(out.into())
        }
    }
}

/// A node table (text columns, then metric columns, as `citynet metrics` writes them).
pub fn node_table(t: &NodeTable) -> Table {
    let mut cols = Vec::with_capacity(t.text.len() + t.metrics.len());
    for (name, v) in &t.text {
        cols.push((
            name.clone(),
            Data::Text(v.iter().map(|s| Some(s.clone())).collect()),
        ));
    }
    for (name, c) in &t.metrics {
        let data = match c {
            Column::Int(v) => Data::Int(v.iter().map(|&x| Some(x)).collect()),
            Column::Float(v) => Data::Float(v.clone()),
        };
        cols.push((name.clone(), data));
    }
    Table(cols)
}

/// A table of typed cells (the analyses' tables): a column of counts is integer, of numbers
/// (and counts) double with NA for an empty cell, of `true`/`false` logical, anything else
/// text as the command line writes it (an empty cell is "").
pub fn rows(r: &Rows) -> Table {
    let cols = r
        .headers
        .iter()
        .enumerate()
        .map(|(j, name)| {
            let cells: Vec<&Cell> = r.rows.iter().map(|row| &row[j]).collect();
            (name.clone(), cell_column(&cells))
        })
        .collect();
    Table(cols)
}

fn cell_column(cells: &[&Cell]) -> Data {
    let filled = || cells.iter().filter(|c| !matches!(c, Cell::Empty));
    let any = filled().next().is_some();
    if any && filled().all(|c| matches!(c, Cell::Int(_))) {
        return Data::Int(
            cells
                .iter()
                .map(|c| match c {
                    Cell::Int(i) => Some(*i),
                    _ => None,
                })
                .collect(),
        );
    }
    if any && filled().all(|c| matches!(c, Cell::Int(_) | Cell::Num(_))) {
        return Data::Float(
            cells
                .iter()
                .map(|c| match c {
                    Cell::Int(i) => *i as f64,
                    Cell::Num(x) if x.is_finite() => *x,
                    _ => f64::NAN,
                })
                .collect(),
        );
    }
    let boolean = |c: &&&Cell| matches!(c, Cell::Text(s) if s == "true" || s == "false");
    if any && filled().all(|c| boolean(&c)) {
        return Data::Logical(
            cells
                .iter()
                .map(|c| match c {
                    Cell::Text(s) => Some(s == "true"),
                    _ => None,
                })
                .collect(),
        );
    }
    Data::Text(cells.iter().map(|c| Some(c.render())).collect())
}

/// Whether `s` is a number as citynet writes one: an optional minus, digits without a
/// leading zero (unless the only one), an optional fraction and exponent.
fn plain_number(s: &str) -> Option<bool> {
    let b = s.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let digits = i - start;
    if digits == 0 || (digits > 1 && b[start] == b'0') {
        return None;
    }
    let mut integer = true;
    if i < b.len() && b[i] == b'.' {
        integer = false;
        i += 1;
        let f = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == f {
            return None;
        }
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        integer = false;
        i += 1;
        if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
            i += 1;
        }
        let e = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == e {
            return None;
        }
    }
    (i == b.len()).then_some(integer)
}

/// A CSV table as citynet writes it: a column whose non-empty cells are all whole numbers is
/// integer, all numbers is double (an empty cell is NA), anything else is text (cells as
/// written, empty ones "").
pub fn csv_table(bytes: &[u8]) -> Result<Table, String> {
    let mut rd = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(bytes);
    let headers: Vec<String> = rd
        .headers()
        .map_err(|e| e.to_string())?
        .iter()
        .map(str::to_string)
        .collect();
    let mut cells: Vec<Vec<String>> = vec![vec![]; headers.len()];
    for rec in rd.records() {
        let rec = rec.map_err(|e| e.to_string())?;
        for (j, v) in rec.iter().enumerate() {
            cells[j].push(v.to_string());
        }
    }
    let cols = headers
        .into_iter()
        .zip(cells)
        .map(|(name, v)| (name, typed(v)))
        .collect();
    Ok(Table(cols))
}

fn typed(v: Vec<String>) -> Data {
    let kinds: Option<Vec<bool>> = v
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| plain_number(s))
        .collect();
    match kinds {
        Some(k) if !k.is_empty() && k.iter().all(|&i| i) => {
            let parsed: Option<Vec<Option<i64>>> = v
                .iter()
                .map(|s| {
                    if s.is_empty() {
                        Some(None)
                    } else {
                        s.parse::<i64>().ok().map(Some)
                    }
                })
                .collect();
            match parsed {
                Some(p) => Data::Int(p),
                None => floats(&v),
            }
        }
        Some(k) if !k.is_empty() => floats(&v),
        _ => Data::Text(v.into_iter().map(Some).collect()),
    }
}

fn floats(v: &[String]) -> Data {
    Data::Float(
        v.iter()
            .map(|s| s.parse::<f64>().unwrap_or(f64::NAN))
            .collect(),
    )
}

fn value_column(ty: AttrType, values: impl Iterator<Item = Option<Value>>) -> Data {
    match ty {
        AttrType::Int => Data::Int(
            values
                .map(|v| match v {
                    Some(Value::Int(x)) => Some(x),
                    Some(Value::Float(x)) => Some(x as i64),
                    _ => None,
                })
                .collect(),
        ),
        AttrType::Float => Data::Float(
            values
                .map(|v| match v {
                    Some(Value::Float(x)) => x,
                    Some(Value::Int(x)) => x as f64,
                    _ => f64::NAN,
                })
                .collect(),
        ),
        AttrType::Text => Data::Text(
            values
                .map(|v| match v {
                    Some(Value::Text(s)) => Some(s),
                    Some(Value::Int(x)) => Some(x.to_string()),
                    Some(Value::Float(x)) => Some(x.to_string()),
                    None => None,
                })
                .collect(),
        ),
    }
}

/// The export model as two tables: nodes (`id`, `label`, then every node attribute) and edges
/// (`from`, `to` as 1-based node positions, `weight`, then every edge attribute).
pub fn export_tables(g: &ExportGraph) -> (Table, Table) {
    let mut nodes = vec![
        (
            "id".to_string(),
            Data::Text(g.nodes.iter().map(|n| Some(n.id.clone())).collect()),
        ),
        (
            "label".to_string(),
            Data::Text(g.nodes.iter().map(|n| Some(n.label.clone())).collect()),
        ),
    ];
    for (k, a) in g.node_attrs.iter().enumerate() {
        let values = g.nodes.iter().map(|n| n.values.get(k).cloned().flatten());
        nodes.push((a.name.clone(), value_column(a.ty, values)));
    }
    let pos = |i: usize| Some(i as i64 + 1);
    let mut edges = vec![
        (
            "from".to_string(),
            Data::Int(g.edges.iter().map(|e| pos(e.source)).collect()),
        ),
        (
            "to".to_string(),
            Data::Int(g.edges.iter().map(|e| pos(e.target)).collect()),
        ),
        (
            "weight".to_string(),
            Data::Float(g.edges.iter().map(|e| e.weight).collect()),
        ),
    ];
    for (k, a) in g.edge_attrs.iter().enumerate() {
        let values = g.edges.iter().map(|e| e.values.get(k).cloned().flatten());
        edges.push((a.name.clone(), value_column(a.ty, values)));
    }
    (Table(nodes), Table(edges))
}

/// A JSON value as R holds it: an object is a named list, an array of numbers (null: NA),
/// strings or booleans a vector, any other array a list, null NULL.
pub fn json(v: &serde_json::Value) -> savvy::Result<Sexp> {
    use serde_json::Value as J;
    match v {
        J::Null => Ok(savvy::NullSexp.into()),
        J::Bool(b) => Ok(savvy::OwnedLogicalSexp::try_from_scalar(*b)?.into()),
        J::Number(n) => Ok(match n.as_i64() {
            Some(i) if i > i32::MIN as i64 && i <= i32::MAX as i64 => {
                savvy::OwnedIntegerSexp::try_from_scalar(i as i32)?.into()
            }
            _ => OwnedRealSexp::try_from_scalar(n.as_f64().unwrap_or(f64::NAN))?.into(),
        }),
        J::String(s) => Ok(OwnedStringSexp::try_from_scalar(s.as_str())?.into()),
        J::Object(m) => {
            let mut out = OwnedListSexp::new(m.len(), true)?;
            for (i, (k, x)) in m.iter().enumerate() {
                out.set_name_and_value(i, k, json(x)?)?;
            }
            Ok(out.into())
        }
        J::Array(a) => {
            let all = |f: fn(&J) -> bool| !a.is_empty() && a.iter().all(|x| f(x) || x.is_null());
            if all(J::is_i64) {
                let v: Vec<Option<i64>> = a.iter().map(J::as_i64).collect();
                column(&Data::Int(v))
            } else if all(J::is_number) {
                let v = a.iter().map(|x| x.as_f64().unwrap_or(f64::NAN)).collect();
                column(&Data::Float(v))
            } else if all(J::is_string) {
                let v = a.iter().map(|x| x.as_str().map(str::to_string)).collect();
                column(&Data::Text(v))
            } else {
                let mut out = OwnedListSexp::new(a.len(), false)?;
                for (i, x) in a.iter().enumerate() {
                    out.set_value(i, json(x)?)?;
                }
                Ok(out.into())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::plain_number;

    #[test]
    fn numbers_as_citynet_writes_them() {
        assert_eq!(plain_number("0"), Some(true));
        assert_eq!(plain_number("-12"), Some(true));
        assert_eq!(plain_number("0.25"), Some(false));
        assert_eq!(plain_number("1e-7"), Some(false));
        assert_eq!(plain_number("007"), None);
        assert_eq!(plain_number("NaN"), None);
        assert_eq!(plain_number("inf"), None);
        assert_eq!(plain_number("1."), None);
        assert_eq!(plain_number("FR"), None);
    }
}
