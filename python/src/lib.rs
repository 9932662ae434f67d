//! `citynet._citynet`: the Python module over the citynet library. It translates only: options
//! arrive as the command line's flags and are parsed by the command line's own parser (so every
//! option, default and message is the CLI's), the work is done by [`citynet::Network`], and
//! tables leave as columns (numbers as little-endian byte buffers that NumPy reads without a
//! copy per value, text as lists). Heavy calls release the GIL.

use citynet::api::{Layer, MetricsOptions, Network as Net, RobustnessRun};
use citynet::cli::{Cli, Command};
use citynet::metrics::Column;
use citynet::model::Diagnostic;
use citynet::report::analyses::{Cell, Rows};
use citynet::report::export::{self, AttrType, Value};
use citynet::report::NodeTable;
use clap::Parser;
use pyo3::create_exception;
use pyo3::exceptions::{PyOSError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList};
use std::path::{Path, PathBuf};

create_exception!(
    _citynet,
    InputError,
    PyValueError,
    "The input cannot be used: every problem with its file, line, column and value."
);

/// A column as it crosses to Python: name, NumPy dtype ("f8", "i8", "bool" or "str"), data.
type PyColumn = (String, &'static str, PyObject);

/// A diagnostic as a tuple: (severity, file, line, column, value, message, text).
type PyDiagnostic = (
    &'static str,
    String,
    Option<u64>,
    Option<String>,
    Option<String>,
    String,
    String,
);

fn diagnostic(d: &Diagnostic) -> PyDiagnostic {
    (
        if d.is_error() { "error" } else { "warning" },
        d.file.display().to_string(),
        d.line,
        d.column.clone(),
        d.value.clone(),
        d.message.clone(),
        d.to_string(),
    )
}

/// citynet's error as a Python exception: [`InputError`] (with `diagnostics`, `file`, `line`,
/// `column`, `value` of the first error), `ValueError`, `OSError` or `RuntimeError`.
fn to_py(py: Python<'_>, e: citynet::Error) -> PyErr {
    match e {
        citynet::Error::BadInput { diagnostics, .. } => {
            let errors: Vec<&Diagnostic> = diagnostics.errors().collect();
            let text: Vec<String> = errors.iter().map(|d| d.to_string()).collect();
            let err = InputError::new_err(text.join("\n"));
            let value = err.value(py);
            let first = errors.first();
            let set = || -> PyResult<()> {
                let all: Vec<PyDiagnostic> = errors.iter().map(|d| diagnostic(d)).collect();
                value.setattr("diagnostics", all)?;
                value.setattr("file", first.map(|d| d.file.display().to_string()))?;
                value.setattr("line", first.and_then(|d| d.line))?;
                value.setattr("column", first.and_then(|d| d.column.clone()))?;
                value.setattr("value", first.and_then(|d| d.value.clone()))?;
                Ok(())
            };
            match set() {
                Ok(()) => err,
                Err(e) => e,
            }
        }
        citynet::Error::Usage(m) => PyValueError::new_err(m),
        citynet::Error::Io { .. } => PyOSError::new_err(e.to_string()),
        e => PyRuntimeError::new_err(format!("{e:#}")),
    }
}

/// Parses `citynet COMMAND INPUT ARGS...` with the command line's parser.
fn parse(command: &str, input: &str, args: Vec<String>) -> PyResult<Command> {
    let mut argv = vec![
        "citynet".to_string(),
        command.to_string(),
        input.to_string(),
    ];
    argv.extend(args);
    Cli::try_parse_from(argv)
        .map(|c| c.command)
        .map_err(|e| PyValueError::new_err(e.render().to_string().trim().to_string()))
}

/// Runs `f` without the GIL, on `threads` worker threads when given (else rayon's pool).
fn run<T: Send>(
    py: Python<'_>,
    threads: Option<usize>,
    f: impl FnOnce() -> citynet::Result<T> + Send,
) -> PyResult<T> {
    let out = py.allow_threads(|| match threads {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .map_err(|e| citynet::Error::Usage(format!("threads={n}: {e}")))
            .and_then(|pool| pool.install(f)),
        None => f(),
    });
    out.map_err(|e| to_py(py, e))
}

fn f64_bytes(py: Python<'_>, v: impl IntoIterator<Item = f64>) -> PyObject {
    let b: Vec<u8> = v.into_iter().flat_map(f64::to_le_bytes).collect();
    PyBytes::new(py, &b).into_any().unbind()
}

fn i64_bytes(py: Python<'_>, v: impl IntoIterator<Item = i64>) -> PyObject {
    let b: Vec<u8> = v.into_iter().flat_map(i64::to_le_bytes).collect();
    PyBytes::new(py, &b).into_any().unbind()
}

fn text(py: Python<'_>, v: Vec<Option<String>>) -> PyResult<PyObject> {
    Ok(PyList::new(py, v)?.into_any().unbind())
}

/// A node table's columns: text columns, then metric columns (ints as i8, reals as f8).
fn node_table(py: Python<'_>, t: &NodeTable) -> PyResult<Vec<PyColumn>> {
    let mut cols = vec![];
    for (name, v) in &t.text {
        let v = v.iter().map(|s| Some(s.clone())).collect();
        cols.push((name.clone(), "str", text(py, v)?));
    }
    for (name, c) in &t.metrics {
        cols.push(match c {
            Column::Int(v) => (name.clone(), "i8", i64_bytes(py, v.iter().copied())),
            Column::Float(v) => (name.clone(), "f8", f64_bytes(py, v.iter().copied())),
        });
    }
    Ok(cols)
}

/// An analysis table's columns: a column of counts stays integer unless a cell is empty (then
/// reals with NaN, as pandas reads the CSV); `true`/`false` text is boolean.
fn rows(py: Python<'_>, t: &Rows) -> PyResult<Vec<PyColumn>> {
    let mut cols = vec![];
    for (j, name) in t.headers.iter().enumerate() {
        let cells: Vec<&Cell> = t.rows.iter().map(|r| &r[j]).collect();
        let is = |f: fn(&Cell) -> bool| cells.iter().all(|c| f(c));
        let col = if !cells.is_empty() && is(|c| matches!(c, Cell::Int(_))) {
            let v = cells.iter().map(|c| match c {
                Cell::Int(i) => *i,
                _ => 0,
            });
            (name.clone(), "i8", i64_bytes(py, v))
        } else if is(|c| matches!(c, Cell::Int(_) | Cell::Num(_) | Cell::Empty)) {
            let v = cells.iter().map(|c| match c {
                Cell::Int(i) => *i as f64,
                Cell::Num(x) => *x,
                _ => f64::NAN,
            });
            (name.clone(), "f8", f64_bytes(py, v))
        } else if is(|c| matches!(c, Cell::Text(s) if s == "true" || s == "false")) {
            let v: Vec<u8> = cells
                .iter()
                .map(|c| u8::from(matches!(c, Cell::Text(s) if s == "true")))
                .collect();
            (
                name.clone(),
                "bool",
                PyBytes::new(py, &v).into_any().unbind(),
            )
        } else {
            let v = cells
                .iter()
                .map(|c| match c {
                    Cell::Empty => None,
                    c => Some(c.render()),
                })
                .collect();
            (name.clone(), "str", text(py, v)?)
        };
        cols.push(col);
    }
    Ok(cols)
}

fn opt_str(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

fn opt_f64(x: Option<f64>) -> f64 {
    x.unwrap_or(f64::NAN)
}

fn opt_i32(x: Option<i32>) -> f64 {
    x.map_or(f64::NAN, f64::from)
}

/// A network: what `citynet.read` and `citynet.from_pandas` return (wrapped in Python).
#[pyclass(frozen, module = "citynet._citynet")]
struct Network {
    inner: Net,
}

/// Reads an input with the flags of `citynet metrics INPUT FLAGS...` (the input options).
#[pyfunction]
#[pyo3(signature = (path, args))]
fn read(py: Python<'_>, path: PathBuf, args: Vec<String>) -> PyResult<Network> {
    let Command::Metrics(m) = parse("metrics", &path.to_string_lossy(), args)? else {
        unreachable!("parsed as metrics")
    };
    let opts = m
        .input_args
        .to_options()
        .map_err(|e| to_py(py, citynet::Error::Usage(e)))?;
    let inner = run(py, None, move || Net::read(&path, &opts))?;
    Ok(Network { inner })
}

/// Reads CSV text held in memory (a data frame written as CSV) with the input flags.
#[pyfunction]
#[pyo3(signature = (name, data, args))]
fn read_csv_bytes(py: Python<'_>, name: &str, data: &[u8], args: Vec<String>) -> PyResult<Network> {
    let Command::Metrics(m) = parse("metrics", name, args)? else {
        unreachable!("parsed as metrics")
    };
    let opts = m
        .input_args
        .to_options()
        .map_err(|e| to_py(py, citynet::Error::Usage(e)))?;
    let inner = run(py, None, || Net::from_csv_bytes(name, data, &opts))?;
    Ok(Network { inner })
}

fn metrics_options(m: &citynet::cli::MetricsArgs) -> citynet::Result<MetricsOptions> {
    let mut scale = m.scale.to_options().map_err(citynet::Error::Usage)?;
    scale.weighting = m.projection.weighting.into();
    scale.convention = m.projection.convention.into();
    Ok(MetricsOptions {
        metrics: m.metrics.clone(),
        validated: m.projection.validated()?,
        eligible: m.projection.validation.eligible.clone(),
        scale,
    })
}

#[pymethods]
impl Network {
    /// The network's name.
    #[getter]
    fn name(&self) -> String {
        self.inner.name().to_string()
    }

    /// The kind of input: network-folder, membership-table, edge-list...
    #[getter]
    fn kind(&self) -> String {
        self.inner.dataset().kind.describe().to_string()
    }

    /// The warnings of reading, as tuples (severity, file, line, column, value, message, text).
    #[getter]
    fn warnings(&self) -> Vec<PyDiagnostic> {
        self.inner.warnings().iter().map(diagnostic).collect()
    }

    /// Title, description and sources of a network folder.
    #[getter]
    #[allow(clippy::type_complexity)]
    fn meta(&self) -> (String, String, Vec<(String, String, String, String)>) {
        let m = &self.inner.dataset().meta;
        let sources = m
            .sources
            .iter()
            .map(|s| {
                (
                    s.name.clone(),
                    s.url.clone(),
                    s.licence.clone(),
                    s.date.clone(),
                )
            })
            .collect();
        (m.title.clone(), m.description.clone(), sources)
    }

    /// The path the network was read from (or the name it was given when built in memory).
    #[getter]
    fn path(&self) -> String {
        self.inner.dataset().path.display().to_string()
    }

    /// The cities' columns: city, country, lat, lon, then the attributes.
    fn cities(&self, py: Python<'_>) -> PyResult<Vec<PyColumn>> {
        let ds = self.inner.dataset();
        let c = &ds.cities;
        let mut cols = vec![
            (
                "city".to_string(),
                "str",
                text(py, c.iter().map(|c| Some(c.name.clone())).collect())?,
            ),
            (
                "country".to_string(),
                "str",
                text(py, c.iter().map(|c| opt_str(&c.country)).collect())?,
            ),
            (
                "lat".to_string(),
                "f8",
                f64_bytes(py, c.iter().map(|c| opt_f64(c.lat))),
            ),
            (
                "lon".to_string(),
                "f8",
                f64_bytes(py, c.iter().map(|c| opt_f64(c.lon))),
            ),
        ];
        for a in &ds.city_attrs {
            if ["lat", "lon"].contains(&a.as_str()) {
                continue;
            }
            let v = c.iter().map(|c| c.attrs.get(a).cloned()).collect();
            cols.push((a.clone(), "str", text(py, v)?));
        }
        Ok(cols)
    }

    /// The programs' columns: program, then the attributes.
    fn programs(&self, py: Python<'_>) -> PyResult<Vec<PyColumn>> {
        let ds = self.inner.dataset();
        let p = &ds.programs;
        let mut cols = vec![(
            "program".to_string(),
            "str",
            text(py, p.iter().map(|p| Some(p.name.clone())).collect())?,
        )];
        for a in &ds.program_attrs {
            let v = p.iter().map(|p| p.attrs.get(a).cloned()).collect();
            cols.push((a.clone(), "str", text(py, v)?));
        }
        Ok(cols)
    }

    /// The memberships' columns: city and program (row numbers in cities and programs), weight,
    /// role, since, until.
    fn memberships(&self, py: Python<'_>) -> PyResult<Vec<PyColumn>> {
        let m = self.inner.memberships();
        Ok(vec![
            (
                "city".into(),
                "i8",
                i64_bytes(py, m.iter().map(|m| i64::from(m.city))),
            ),
            (
                "program".into(),
                "i8",
                i64_bytes(py, m.iter().map(|m| i64::from(m.program))),
            ),
            (
                "weight".into(),
                "f8",
                f64_bytes(py, m.iter().map(|m| m.weight)),
            ),
            (
                "role".into(),
                "str",
                text(py, m.iter().map(|m| m.role.clone()).collect())?,
            ),
            (
                "since".into(),
                "f8",
                f64_bytes(py, m.iter().map(|m| opt_i32(m.since))),
            ),
            (
                "until".into(),
                "f8",
                f64_bytes(py, m.iter().map(|m| opt_i32(m.until))),
            ),
        ])
    }

    /// The ties' columns: a and b (row numbers in cities), kind, weight, since, until.
    fn ties(&self, py: Python<'_>) -> PyResult<Vec<PyColumn>> {
        let t = self.inner.ties();
        Ok(vec![
            (
                "a".into(),
                "i8",
                i64_bytes(py, t.iter().map(|t| i64::from(t.a))),
            ),
            (
                "b".into(),
                "i8",
                i64_bytes(py, t.iter().map(|t| i64::from(t.b))),
            ),
            (
                "kind".into(),
                "str",
                text(
                    py,
                    t.iter()
                        .map(|t| Some(t.kind.as_str().to_string()))
                        .collect(),
                )?,
            ),
            (
                "weight".into(),
                "f8",
                f64_bytes(py, t.iter().map(|t| t.weight)),
            ),
            (
                "since".into(),
                "f8",
                f64_bytes(py, t.iter().map(|t| opt_i32(t.since))),
            ),
            (
                "until".into(),
                "f8",
                f64_bytes(py, t.iter().map(|t| opt_i32(t.until))),
            ),
        ])
    }

    /// The years `citynet evolve` analyses: from `start` to `end` (default: the input's
    /// since/until span) every `step` years.
    #[pyo3(signature = (start=None, end=None, step=1))]
    fn years(&self, start: Option<i32>, end: Option<i32>, step: i32) -> PyResult<Vec<i32>> {
        if step < 1 {
            return Err(PyValueError::new_err("step must be at least 1"));
        }
        let span = self.inner.dataset().year_span();
        let (from, to) = match (start, end, span) {
            (Some(f), Some(t), _) => (f, t),
            (f, t, Some((lo, hi))) => (f.unwrap_or(lo), t.unwrap_or(hi)),
            _ => {
                return Err(PyValueError::new_err(
                    "the input has no since/until years; give start and end",
                ))
            }
        };
        let years = citynet::report::evolution::years(from, to, step);
        if years.is_empty() {
            return Err(PyValueError::new_err(format!(
                "start {from} is after end {to}"
            )));
        }
        Ok(years)
    }

    /// The network as it stood in `year`.
    fn as_of(&self, year: i32) -> Network {
        Network {
            inner: self.inner.as_of(year),
        }
    }

    /// The metric table of `citynet metrics _ ARGS...`, and its warnings.
    #[pyo3(signature = (args, threads=None))]
    fn metrics(
        &self,
        py: Python<'_>,
        args: Vec<String>,
        threads: Option<usize>,
    ) -> PyResult<(Vec<PyColumn>, Vec<String>)> {
        let Command::Metrics(m) = parse("metrics", "-", args)? else {
            unreachable!("parsed as metrics")
        };
        let computed = run(py, threads, || {
            let opts = metrics_options(&m)?;
            self.inner.metrics(&opts)
        })?;
        Ok((node_table(py, &computed.table)?, computed.warnings))
    }

    /// The program table of `analyze` (programs.csv).
    fn program_table(&self, py: Python<'_>) -> PyResult<Option<Vec<PyColumn>>> {
        let t = run(py, None, || self.inner.program_table())?;
        t.map(|t| node_table(py, &t)).transpose()
    }

    /// The pairs of `citynet backbone _ ARGS...`.
    #[pyo3(signature = (args, threads=None))]
    fn backbone(
        &self,
        py: Python<'_>,
        args: Vec<String>,
        threads: Option<usize>,
    ) -> PyResult<Vec<PyColumn>> {
        let Command::Backbone(b) = parse("backbone", "-", args)? else {
            unreachable!("parsed as backbone")
        };
        let t = run(py, threads, || {
            let opts = b.validation.to_options(b.min_weight)?;
            self.inner
                .backbone(&opts, b.validation.eligible.as_deref(), b.all_pairs)
        })?;
        rows(py, &t)
    }

    /// The table of `citynet robustness _ ARGS...` and its summary as JSON text; `pair` names
    /// two cities.
    #[pyo3(signature = (args, pair=None, threads=None))]
    fn robustness(
        &self,
        py: Python<'_>,
        args: Vec<String>,
        pair: Option<(String, String)>,
        threads: Option<usize>,
    ) -> PyResult<(Vec<PyColumn>, String)> {
        let Command::Robustness(r) = parse("robustness", "-", args)? else {
            unreachable!("parsed as robustness")
        };
        let spec = RobustnessRun {
            metric: r.metric.clone(),
            validated: r.validated(&mut |_| {}).map_err(|e| to_py(py, e))?,
            replicates: r.replicates,
            seed: r.seed,
            pair,
        };
        let out = run(py, threads, || self.inner.robustness(&spec))?;
        Ok((rows(py, &out.table)?, out.summary.to_string()))
    }

    /// The tables of `citynet connectivity _ ARGS...`, by file name.
    #[pyo3(signature = (args, threads=None))]
    fn connectivity(
        &self,
        py: Python<'_>,
        args: Vec<String>,
        threads: Option<usize>,
    ) -> PyResult<Vec<(String, Vec<PyColumn>)>> {
        let Command::Connectivity(c) = parse("connectivity", "-", args)? else {
            unreachable!("parsed as connectivity")
        };
        let validated = c.layer(&mut |_| {}).map_err(|e| to_py(py, e))? == Layer::Validated;
        let hw: Vec<&str> = c.hinterworld.iter().map(String::as_str).collect();
        let tables = run(py, threads, || {
            self.inner.connectivity(&c.group, &hw, c.dyads, validated)
        })?;
        tables
            .iter()
            .map(|(name, t)| Ok((name.to_string(), rows(py, t)?)))
            .collect()
    }

    /// The table of `citynet brokerage _ ARGS...`.
    #[pyo3(signature = (args, threads=None))]
    fn brokerage(
        &self,
        py: Python<'_>,
        args: Vec<String>,
        threads: Option<usize>,
    ) -> PyResult<Vec<PyColumn>> {
        let Command::Brokerage(b) = parse("brokerage", "-", args)? else {
            unreachable!("parsed as brokerage")
        };
        let layer = b.graph;
        let t = run(py, threads, || self.inner.brokerage(&b.group, layer))?;
        rows(py, &t)
    }

    /// The ranked table of `citynet table _ ARGS...`: (headers, rows as text, caption, the
    /// table rendered in `--format` or None).
    #[pyo3(signature = (args, threads=None))]
    #[allow(clippy::type_complexity)]
    fn table(
        &self,
        py: Python<'_>,
        args: Vec<String>,
        threads: Option<usize>,
    ) -> PyResult<(Vec<String>, Vec<Vec<String>>, String, Option<String>)> {
        let Command::Table(a) = parse("table", "-", args)? else {
            unreachable!("parsed as table")
        };
        let t = run(py, threads, || {
            let options = MetricsOptions {
                validated: a.projection.validated()?,
                eligible: a.projection.validation.eligible.clone(),
                ..Default::default()
            };
            self.inner
                .table(&a.by, &a.columns, a.top, a.precision, &options)
        })?;
        let rendered = a
            .format
            .map(|f| String::from_utf8_lossy(&t.render(f, a.raw_csv)).into_owned());
        Ok((
            t.headers.clone(),
            t.rows.clone(),
            t.caption.clone(),
            rendered,
        ))
    }

    /// The graph of `citynet export _ ARGS...` with every attribute: graph attributes, node
    /// ids, labels, attribute columns (name, type, values), edges (sources, targets, weights)
    /// and edge attribute columns.
    #[pyo3(signature = (layer, args, threads=None))]
    #[allow(clippy::type_complexity)]
    fn graph(
        &self,
        py: Python<'_>,
        layer: &str,
        args: Vec<String>,
        threads: Option<usize>,
    ) -> PyResult<(
        Vec<(String, String)>,
        Vec<String>,
        Vec<String>,
        Vec<(String, &'static str, PyObject)>,
        (PyObject, PyObject, PyObject),
        Vec<(String, &'static str, PyObject)>,
    )> {
        let Command::Metrics(m) = parse("metrics", "-", args)? else {
            unreachable!("parsed as metrics")
        };
        let layer = Layer::parse(layer).map_err(|e| to_py(py, citynet::Error::Usage(e)))?;
        let g = run(py, threads, || {
            let opts = metrics_options(&m)?;
            self.inner.export_graph(layer, &opts)
        })?;
        let column = |ty: AttrType, values: Vec<Option<&Value>>| -> PyResult<PyObject> {
            Ok(match ty {
                AttrType::Float | AttrType::Int => f64_bytes(
                    py,
                    values.into_iter().map(|v| match v {
                        Some(Value::Float(x)) => *x,
                        Some(Value::Int(i)) => *i as f64,
                        _ => f64::NAN,
                    }),
                ),
                AttrType::Text => text(
                    py,
                    values
                        .into_iter()
                        .map(|v| match v {
                            Some(Value::Text(s)) => Some(s.clone()),
                            Some(Value::Int(i)) => Some(i.to_string()),
                            Some(Value::Float(x)) => Some(x.to_string()),
                            None => None,
                        })
                        .collect(),
                )?,
            })
        };
        let ty = |t: AttrType| match t {
            AttrType::Int => "i8",
            AttrType::Float => "f8",
            AttrType::Text => "str",
        };
        let mut node_cols = vec![];
        for (i, a) in g.node_attrs.iter().enumerate() {
            let v = g.nodes.iter().map(|n| n.values[i].as_ref()).collect();
            node_cols.push((a.name.clone(), ty(a.ty), column(a.ty, v)?));
        }
        let mut edge_cols = vec![];
        for (i, a) in g.edge_attrs.iter().enumerate() {
            let v = g.edges.iter().map(|e| e.values[i].as_ref()).collect();
            edge_cols.push((a.name.clone(), ty(a.ty), column(a.ty, v)?));
        }
        let edges = (
            i64_bytes(py, g.edges.iter().map(|e| e.source as i64)),
            i64_bytes(py, g.edges.iter().map(|e| e.target as i64)),
            f64_bytes(py, g.edges.iter().map(|e| e.weight)),
        );
        Ok((
            g.graph_attrs.clone(),
            g.nodes.iter().map(|n| n.id.clone()).collect(),
            g.nodes.iter().map(|n| n.label.clone()).collect(),
            node_cols,
            edges,
            edge_cols,
        ))
    }

    /// Writes the graph of `citynet export _ ARGS...` to `path` (format from `--to` or the
    /// extension; no layout).
    #[pyo3(signature = (path, args, threads=None))]
    fn export(
        &self,
        py: Python<'_>,
        path: PathBuf,
        args: Vec<String>,
        threads: Option<usize>,
    ) -> PyResult<()> {
        let Command::Export(a) = parse("export", "-", args)? else {
            unreachable!("parsed as export")
        };
        let format =
            a.to.or_else(|| export::Format::from_path(&path))
                .ok_or_else(|| {
                    PyValueError::new_err(format!(
                        "{}: cannot tell the format from the extension; give to=\"graphml\", \
                     \"gexf\", \"json\" or \"pajek\"",
                        path.display()
                    ))
                })?;
        run(py, threads, || {
            let ds = self.inner.dataset();
            let layer = a.projection.export_layer(export::default_layer(ds));
            let opts = MetricsOptions {
                metrics: a.metrics.clone(),
                validated: a.projection.validated()?,
                eligible: a.projection.validation.eligible.clone(),
                ..Default::default()
            };
            self.inner.export(&path, format, layer, &opts)
        })
    }

    /// One figure of `citynet render _ ARGS...` as bytes; `format` is svg, png, pdf or dot.
    #[pyo3(signature = (args, format, threads=None))]
    fn figure(
        &self,
        py: Python<'_>,
        args: Vec<String>,
        format: &str,
        threads: Option<usize>,
    ) -> PyResult<Py<PyBytes>> {
        let Command::Render(a) = parse("render", "-", args)? else {
            unreachable!("parsed as render")
        };
        let fmt = citynet::render::FigureFormat::from_path(Path::new(&format!("x.{format}")))
            .ok_or_else(|| {
                PyValueError::new_err(format!("format {format:?}: expected svg, png, pdf or dot"))
            })?;
        if a.view.is_chart()
            && !matches!(
                fmt,
                citynet::render::FigureFormat::Svg | citynet::render::FigureFormat::Png
            )
        {
            return Err(PyValueError::new_err("charts are drawn as svg or png"));
        }
        if a.dpi == 0 || a.dpi > 2400 {
            return Err(PyValueError::new_err("dpi must be between 1 and 2400"));
        }
        let bytes = run(py, threads, || {
            let job = citynet::pipeline::FigureJob {
                options: a.to_options(),
                all_edges: a.all_edges,
                backbone: a
                    .projection
                    .validation
                    .to_options(None)
                    .map_err(|e| e.to_string()),
                eligible: a.projection.validation.eligible.clone(),
                format: fmt,
                dpi: a.dpi,
            };
            // G is every co-membership; --graph validated draws the kept pairs over it.
            self.inner
                .figure(&job, &MetricsOptions::default(), !a.no_geocode)
        })?;
        Ok(PyBytes::new(py, &bytes).unbind())
    }

    /// Runs `citynet analyze` with `ARGS...` on the file or folder the network was read from;
    /// returns the result folder and its files.
    #[pyo3(signature = (args, threads=None))]
    fn analyze(
        &self,
        py: Python<'_>,
        args: Vec<String>,
        threads: Option<usize>,
    ) -> PyResult<(String, Vec<String>)> {
        let Command::Analyze(a) = parse("analyze", "-", args)? else {
            unreachable!("parsed as analyze")
        };
        let out = run(py, threads, || {
            let cfg = a.to_config(PathBuf::from("-"))?;
            self.inner.analyze(cfg)
        })?;
        Ok((out.dir.display().to_string(), out.files))
    }
}

/// The version of the citynet library inside.
#[pyfunction]
fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// The metric names `metrics=` accepts.
#[pyfunction]
fn known_metrics() -> Vec<String> {
    citynet::pipeline::known_metrics()
        .iter()
        .map(|s| s.to_string())
        .collect()
}

/// The module.
#[pymodule]
fn _citynet(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Network>()?;
    m.add_function(wrap_pyfunction!(read, m)?)?;
    m.add_function(wrap_pyfunction!(read_csv_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(version, m)?)?;
    m.add_function(wrap_pyfunction!(known_metrics, m)?)?;
    let input_error = m.py().get_type::<InputError>();
    for attr in ["diagnostics", "file", "line", "column", "value"] {
        input_error.setattr(attr, m.py().None())?;
    }
    m.add("InputError", input_error)?;
    Ok(())
}
