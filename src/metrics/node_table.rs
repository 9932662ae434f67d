//! Node tables: identity columns, attributes and metric columns, one row per node. The
//! finished table is what the pipeline hands to the reports, the figures and the exports, so it
//! lives here, at the lowest layer that needs it (the reports and the pipeline import it from here).

use super::Column;

/// A table of nodes ready to be written: text columns first, then metric columns.
#[derive(Debug, Clone, Default)]
pub struct NodeTable {
    /// Identity and attribute columns (`city`, `country`, `lat`...).
    pub text: Vec<(String, Vec<String>)>,
    /// Metric columns in output order.
    pub metrics: Vec<(String, Column)>,
}

impl NodeTable {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.text
            .first()
            .map(|c| c.1.len())
            .or_else(|| self.metrics.first().map(|c| c.1.len()))
            .unwrap_or(0)
    }

    /// Whether the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// All column names in order.
    pub fn headers(&self) -> Vec<String> {
        self.text
            .iter()
            .map(|c| c.0.clone())
            .chain(self.metrics.iter().map(|c| c.0.clone()))
            .collect()
    }

    /// A metric column by name.
    pub fn metric(&self, name: &str) -> Option<&Column> {
        self.metrics.iter().find(|c| c.0 == name).map(|c| &c.1)
    }

    /// A text column by name.
    pub fn text_column(&self, name: &str) -> Option<&[String]> {
        self.text
            .iter()
            .find(|c| c.0 == name)
            .map(|c| c.1.as_slice())
    }

    /// Row `i` as strings (metrics in full round-trip precision).
    pub fn row(&self, i: usize) -> Vec<String> {
        self.text
            .iter()
            .map(|c| c.1[i].clone())
            .chain(self.metrics.iter().map(|c| format_value(&c.1, i)))
            .collect()
    }
}

/// A metric value as text: integers plainly, floats in Rust's shortest round-trip form (so a
/// reader gets back the exact f64), NaN as an empty cell.
pub fn format_value(c: &Column, i: usize) -> String {
    match c {
        Column::Int(v) => v[i].to_string(),
        Column::Float(v) => {
            let x = v[i];
            if x.is_nan() {
                String::new()
            } else if x == 0.0 {
                "0".into()
            } else {
                format!("{x}")
            }
        }
    }
}
