//! The metric values a figure shows, computed by the pipeline and handed over: figures and
//! charts compute no metric themselves.
//!
//! [`wanted`] says which columns a figure looks up (its size metric, and its colour when that
//! is a metric); the pipeline computes each (`pipeline::city_values`) into [`CityValues`]. A
//! column that could not be computed keeps its error, which the figure returns at the point it
//! needs the column, so messages and their order are those of the computation itself.

use super::options::{FigureOptions, View};
use crate::error::{Error, Result};
use crate::model::Dataset;

/// Metric columns by name: one value per city, or the error computing the column gave.
#[derive(Debug, Default)]
pub struct CityValues {
    columns: Vec<(String, Result<Vec<f64>>)>,
}

impl CityValues {
    /// Adds the values (or the error) of column `name`.
    pub fn insert(&mut self, name: &str, values: Result<Vec<f64>>) {
        self.columns.push((name.to_string(), values));
    }

    /// Whether column `name` was handed over (computed or failed).
    pub fn contains(&self, name: &str) -> bool {
        self.columns.iter().any(|c| c.0 == name)
    }

    /// The values of column `name`: the computation's error when it failed, an internal error
    /// when the pipeline did not hand the column over (a bug: see [`wanted`]).
    pub fn get(&self, name: &str) -> Result<&[f64]> {
        match self.columns.iter().find(|c| c.0 == name) {
            Some((_, Ok(v))) => Ok(v),
            Some((_, Err(e))) => Err(repeat(e)),
            None => Err(Error::Internal(anyhow::anyhow!(
                "the figure needs metric '{name}', which the pipeline did not compute"
            ))),
        }
    }
}

/// The same error again (with the same message and exit code).
fn repeat(e: &Error) -> Error {
    match e {
        Error::Usage(m) => Error::Usage(m.clone()),
        Error::Graphviz(m) => Error::Graphviz(m.clone()),
        other => Error::Internal(anyhow::anyhow!("{other:#}")),
    }
}

/// The size metric of figure `opts`: `--size`, else the view's default.
pub fn size_metric(ds: &Dataset, opts: &FigureOptions) -> String {
    match opts.view {
        View::Degrees => "strength".to_string(),
        View::Rank => opts.size.clone().unwrap_or_else(|| "strength".into()),
        view => opts
            .size
            .clone()
            .unwrap_or_else(|| default_size(ds, view).to_string()),
    }
}

/// The default size metric of a view.
pub fn default_size(ds: &Dataset, view: View) -> &'static str {
    if view == View::Bipartite && ds.is_two_mode() {
        "programs"
    } else {
        "strength"
    }
}

/// The metric `--color` names, if it names no country, city attribute or program-level
/// attribute (the order in which `figure::categories` tries them).
pub fn colour_metric(ds: &Dataset, by: Option<&str>) -> Option<String> {
    let by = by
        .map(str::trim)
        .filter(|b| !b.is_empty() && *b != "none")?;
    let key = by.to_lowercase();
    let city_attr = ds.city_attrs.iter().any(|a| a.to_lowercase() == key) && key != "city";
    let program_level = key == "program"
        || key == "theme"
        || ds.program_attrs.iter().any(|a| a.to_lowercase() == key);
    (key != "country" && !city_attr && !program_level).then_some(key)
}

/// The metric columns figure `opts` looks up, each once.
pub fn wanted(ds: &Dataset, opts: &FigureOptions) -> Vec<String> {
    if opts.view == View::Degrees {
        return vec!["degree".to_string()];
    }
    let mut names = vec![size_metric(ds, opts)];
    if !opts.view.is_chart() {
        if let Some(c) = colour_metric(ds, opts.color.as_deref()) {
            if !names.contains(&c) {
                names.push(c);
            }
        }
    }
    names
}
