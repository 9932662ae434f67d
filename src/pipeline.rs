//! The main job, from a plain configuration: load → graphs → metrics → tables and figures.
//!
//! The CLI and the tests both drive citynet through these functions; nothing here knows clap.

use crate::error::{Error, Result};
use crate::graph::{Csr, TwoMode};
use crate::metrics::backbone::{self as bb, BackboneOptions, Validated};
use crate::metrics::plan::{self, ColumnMethod, GraphMode, Planner, Projection, ScaleOptions};
use crate::metrics::{self, Column};
use crate::model::{self, Dataset, Diagnostics, InputKind, LoadOptions};
use crate::render::{self, values::CityValues, FigureOptions};
use crate::report::{csv_out, summary, NodeTable, Staging, Summary};
use std::path::{Path, PathBuf};

/// Where progress and warnings go.
#[derive(Debug, Clone, Copy, Default)]
pub struct Ui {
    /// No progress and no warnings on stderr (errors are still printed).
    pub quiet: bool,
}

impl Ui {
    /// Starts a progress spinner for a step (hidden when quiet or when stderr is not a terminal).
    pub fn step(&self, msg: &str) -> indicatif::ProgressBar {
        if self.quiet {
            return indicatif::ProgressBar::hidden();
        }
        let pb = indicatif::ProgressBar::new_spinner();
        pb.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        pb.enable_steady_tick(std::time::Duration::from_millis(120));
        pb.set_message(msg.to_string());
        pb
    }

    /// Prints diagnostics: errors always, warnings unless quiet (at most `limit` of them).
    pub fn diagnostics(&self, d: &Diagnostics, limit: usize) {
        for e in d.errors() {
            eprintln!("{e}");
        }
        if self.quiet {
            return;
        }
        let warnings: Vec<_> = d.warnings().collect();
        for w in warnings.iter().take(limit) {
            eprintln!("{w}");
        }
        if warnings.len() > limit {
            eprintln!(
                "warning: … and {} more warnings (all are listed in summary.json)",
                warnings.len() - limit
            );
        }
    }

    /// An informational line on stderr, unless quiet.
    pub fn info(&self, msg: &str) {
        if !self.quiet {
            eprintln!("{msg}");
        }
    }
}

/// The bundled default network, relative to the working folder.
pub const DEFAULT_NETWORK: &str = "networks/city-diplomacy";

/// Loads and validates an input; errors become [`Error::BadInput`] (already printed). Rows
/// rejected from a membership table or edge list are counted on stderr and written to
/// `--rejected FILE` when asked ([`note_rejected`]).
pub fn load_input(input: &Path, opts: &LoadOptions, ui: Ui) -> Result<(Dataset, Diagnostics)> {
    let (ds, diags) = load_dataset(input, opts, ui)?;
    note_rejected(&ds, opts, ui, None)?;
    Ok((ds, diags))
}

/// [`load_input`] without the note on rejected rows.
fn load_dataset(input: &Path, opts: &LoadOptions, ui: Ui) -> Result<(Dataset, Diagnostics)> {
    let pb = ui.step(&format!("reading {}", input.display()));
    let loaded = model::load(input, opts);
    pb.finish_and_clear();
    ui.diagnostics(&loaded.diagnostics, 20);
    match loaded.dataset {
        Some(ds) => {
            ui.info(&format!(
                "read {} as {}",
                input.display(),
                describe_counts(&ds)
            ));
            Ok((ds, loaded.diagnostics))
        }
        None => {
            let count = loaded.diagnostics.errors().count().max(1);
            Err(Error::BadInput {
                count,
                diagnostics: loaded.diagnostics,
            })
        }
    }
}

/// Says on stderr how many rows of the input were rejected and where they are listed: the
/// `--rejected` file (written here, header only when none was rejected), `folder`'s
/// rejected.csv (analyze), or how to get the list.
pub fn note_rejected(
    ds: &Dataset,
    opts: &LoadOptions,
    ui: Ui,
    folder: Option<&Path>,
) -> Result<()> {
    let Some(intake) = &ds.intake else {
        return Ok(());
    };
    let said = intake.describe();
    if let Some(p) = &opts.rejected {
        let bytes = crate::report::rejected::rejected_csv(&intake.rejected, false)
            .map_err(|e| Error::Internal(e.into()))?;
        crate::report::output::write_file_atomic(p, &bytes, &ds.files)?;
        ui.info(&format!(
            "{said}; listed with their reasons in {}",
            p.display()
        ));
    } else if intake.rejected.is_empty() {
        // Nothing to say.
    } else if let Some(dir) = folder {
        ui.info(&format!(
            "{said}; listed with their reasons in {}",
            dir.join("rejected.csv").display()
        ));
    } else {
        ui.info(&format!(
            "{said} and left out; --rejected FILE lists them with their reasons (--strict \
             stops on them instead)"
        ));
    }
    Ok(())
}

/// "an edge list: 6 nodes, 5 edges", "a network folder: 5 cities, 2 programs, ...".
pub fn describe_counts(ds: &Dataset) -> String {
    if ds.kind == InputKind::EdgeList {
        format!(
            "an edge list: {} nodes, {} edges",
            ds.cities.len(),
            ds.ties.len()
        )
    } else {
        format!(
            "a {}: {} cities, {} programs, {} memberships, {} ties",
            ds.kind.describe(),
            ds.cities.len(),
            ds.programs.len(),
            ds.memberships.len(),
            ds.ties.len()
        )
    }
}

/// The metric columns computed when none are asked for: the two-mode columns (inputs with
/// programs), every column of G, and the direct-ties layer's degree and strength (inputs with
/// both programs and ties).
pub fn default_metrics(ds: &Dataset) -> Vec<String> {
    let mut m: Vec<String> = vec![];
    if ds.is_two_mode() {
        m.extend(metrics::TWO_MODE_METRICS.iter().map(|s| s.to_string()));
    }
    m.extend(metrics::NODE_METRICS.iter().map(|s| s.to_string()));
    if ds.is_two_mode() && !ds.ties.is_empty() {
        m.extend(TIE_METRICS.iter().map(|s| s.to_string()));
    }
    m
}

pub use crate::metrics::Graphs;
pub use crate::model::metric_names::{known_metrics, STRUCTURAL_HOLE_METRICS, TIE_METRICS};

/// Builds G and the other layers with the default [`ScaleOptions`] (a projection above
/// [`plan::PROJECTION_EDGE_LIMIT`] edges is not built; see [`build_graphs_with`]).
pub fn build_graphs(ds: &Dataset) -> Graphs {
    build_graphs_with(ds, &ScaleOptions::default(), Ui { quiet: true })
        .expect("only --exact can refuse to build")
}

/// Builds G and the other layers. For two-mode inputs the projection's size is estimated
/// first (and reported on stderr when large); above [`plan::PROJECTION_EDGE_LIMIT`] edges or
/// the memory budget it is not built ([`GraphMode::ThroughTwoMode`]) unless `opts.exact`.
///
/// # Errors
/// [`Error::Usage`] (exit 2) when `opts.exact` asks for a projection larger than the memory
/// budget; the message gives the sizes and the alternatives.
pub fn build_graphs_with(ds: &Dataset, opts: &ScaleOptions, ui: Ui) -> Result<Graphs> {
    if ds.is_two_mode() {
        let t = ds.two_mode();
        let est = t.projection_estimate();
        let mut sizes: Vec<(usize, usize)> = (0..t.n_programs())
            .map(|p| (t.members_of(p).0.len(), p))
            .collect();
        sizes.sort_by(|a, b| b.cmp(a));
        let largest: Vec<(String, usize)> = sizes
            .iter()
            .take(3)
            .map(|&(k, p)| (ds.programs[p].name.clone(), k))
            .collect();
        let (mode, line) = plan::choose_mode(&est, opts, &largest).map_err(Error::Usage)?;
        if mode == GraphMode::ThroughTwoMode
            || opts.exact
            || est.max_edges > plan::PROJECTION_EDGE_LIMIT / 5
        {
            ui.info(&line);
        }
        let g = match mode {
            GraphMode::Built => t.project_cities(),
            GraphMode::ThroughTwoMode => Csr::from_edges(t.n_cities(), &[]).0,
        };
        if mode == GraphMode::Built {
            if let Some(line) = plan::betweenness_notice(&g, opts) {
                ui.info(&line);
            }
        }
        Ok(Graphs {
            g,
            ties: (!ds.ties.is_empty()).then(|| ds.tie_graph()),
            two_mode: Some(t),
            mode,
            estimate: Some(est),
            scale: *opts,
        })
    } else {
        let g = ds.tie_graph();
        if let Some(line) = plan::betweenness_notice(&g, opts) {
            ui.info(&line);
        }
        Ok(Graphs {
            g,
            two_mode: None,
            ties: None,
            mode: GraphMode::Built,
            estimate: None,
            scale: *opts,
        })
    }
}

/// The validated projection of a dataset (see [`crate::metrics::backbone`]): over the
/// two-mode graph for inputs with programs, over the direct ties (disparity filter or threshold)
/// otherwise. `eligible` is read against the dataset (SDSM-EC).
///
/// # Errors
/// [`Error::Usage`] (exit 2) for options the model cannot use or an unreadable eligibility file.
pub fn validated(
    ds: &Dataset,
    t: Option<&TwoMode>,
    opts: &BackboneOptions,
    eligible: Option<&Path>,
) -> Result<Validated> {
    let mut opts = opts.clone();
    if let Some(p) = eligible {
        opts.eligibility = Some(model::eligible::read(p, ds).map_err(Error::Usage)?);
    }
    let v = match t {
        Some(t) => bb::validated_projection(t, &opts),
        None => bb::validated_graph(&ds.tie_graph(), &opts),
    };
    v.map_err(|e| Error::Usage(e.to_string()))
}

/// Builds the graphs with G the validated projection (`--projection validated`): the full
/// weighted projection is never built (except for the disparity filter, which needs it).
pub fn build_validated_graphs(
    ds: &Dataset,
    scale: &ScaleOptions,
    opts: &BackboneOptions,
    eligible: Option<&Path>,
    ui: Ui,
) -> Result<(Graphs, Validated)> {
    let pb = ui.step("testing the co-membership pairs (validated projection)");
    let t = ds.is_two_mode().then(|| ds.two_mode());
    let v = validated(ds, t.as_ref(), opts, eligible)?;
    pb.finish_and_clear();
    ui.info(&format!("validated projection: {}", v.report.describe()));
    let gr = Graphs {
        g: v.graph.clone(),
        estimate: t.as_ref().map(|t| t.projection_estimate()),
        ties: (t.is_some() && !ds.ties.is_empty()).then(|| ds.tie_graph()),
        two_mode: t,
        mode: GraphMode::Built,
        scale: *scale,
    };
    Ok((gr, v))
}

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
        if model::geocode::POSITION_COLUMNS.contains(&a.as_str()) {
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
    let wants = |set: &[&str]| -> Vec<&str> {
        names
            .iter()
            .map(|s| s.as_str())
            .filter(|n| set.contains(n))
            .collect()
    };
    let node = wants(metrics::NODE_METRICS);
    let two = wants(metrics::TWO_MODE_METRICS);
    let mut planner = Planner::new(gr.projection(), gr.scale, metrics::MetricOptions::default());
    let classic = planner.all_exact();
    let mut warnings = vec![];
    let n_cities = ds.cities.len();
    // A power iteration that does not converge (eigenvector, PageRank: NetworkX raises) leaves
    // its column empty with a warning instead of failing the whole run.
    let mut tolerate = |name: &str, r: std::result::Result<Column, metrics::MetricError>| match r {
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
    };
    let mut computed: Vec<(String, Column)> = if classic {
        match metrics::node_metrics(&gr.g, &node, &metrics::MetricOptions::default()) {
            Ok(cols) => cols,
            Err(_) => {
                // Column by column, so that one failing column does not take the others.
                let mut out = vec![];
                for &name in &node {
                    let one =
                        metrics::node_metrics(&gr.g, &[name], &metrics::MetricOptions::default())
                            .map(|mut v| v.remove(0).1);
                    out.push((name.to_string(), tolerate(name, one)?));
                }
                out
            }
        }
    } else {
        let mut out = vec![];
        for &name in &node {
            let col = tolerate(name, planner.column(name))?;
            out.push((name.to_string(), col));
        }
        out
    };
    let methods = if classic {
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
    if !two.is_empty() {
        let Some(t) = &gr.two_mode else {
            return Err(Error::Usage(format!(
                "metric '{}' needs an input with programs (a membership table or a network folder with memberships)",
                two[0]
            )));
        };
        computed.extend(
            metrics::city_two_mode_metrics(t, &two).map_err(|e| Error::Internal(e.into()))?,
        );
    }
    for n in wants(STRUCTURAL_HOLE_METRICS) {
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
        computed.push((n.to_string(), Column::Float(col)));
    }
    for n in wants(TIE_METRICS) {
        let layer = gr.ties.as_ref().unwrap_or(&gr.g);
        let col = if n == "ties" {
            Column::Int(metrics::degree(layer))
        } else {
            Column::Float(metrics::strength(layer))
        };
        computed.push((n.to_string(), col));
    }
    // Output in the order asked.
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
    // A data column named like a metric (a `programs` column in cities.csv) keeps its values
    // under `NAME_attr`, as in the exports, so that every header is unique.
    let metric_names: Vec<String> = table.metrics.iter().map(|m| m.0.clone()).collect();
    for (name, _) in table.text.iter_mut() {
        if metric_names.contains(name) {
            name.push_str("_attr");
        }
    }
    let mut methods = methods;
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

/// The program table: name, attributes, member count and member list.
pub fn program_table(ds: &Dataset, t: &TwoMode) -> NodeTable {
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
    NodeTable {
        text,
        metrics: vec![(
            "members".into(),
            Column::Int(metrics::members_per_program(t)),
        )],
    }
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

/// Options of `analyze`.
#[derive(Debug, Clone)]
pub struct AnalyzeConfig {
    pub input: PathBuf,
    /// Result folder; default `output/NAME`.
    pub out: Option<PathBuf>,
    pub load: LoadOptions,
    /// Metric columns; default [`default_metrics`].
    pub metrics: Option<Vec<String>>,
    /// Render figures (needs Graphviz).
    pub figures: bool,
    /// Do not neutralise spreadsheet formulas in CSV text cells.
    pub raw_csv: bool,
    /// PNG resolution.
    pub dpi: u32,
    /// Analyse the network as it stood in this year ([`Dataset::as_of`]).
    pub as_of: Option<i32>,
    /// Exact or approximate columns for large graphs, memory budget.
    pub scale: ScaleOptions,
    /// Place cities without coordinates from the shipped gazetteer
    /// ([`crate::model::geocode`]); `--no-geocode` turns it off.
    pub geocode: bool,
    /// G is the validated projection (`--projection validated`) instead of the weighted one.
    pub validated_g: bool,
    /// Options of the validated projection: tested for every input with programs, written to
    /// backbone.csv, and drawn instead of G when G is too dense to draw.
    pub backbone: BackboneOptions,
    /// Structural zeros of the validated projection (SDSM-EC).
    pub eligible: Option<PathBuf>,
    /// Replace a default result folder made from another input of the same name.
    pub force: bool,
}

impl AnalyzeConfig {
    /// Defaults for `input`.
    pub fn new(input: impl Into<PathBuf>) -> Self {
        AnalyzeConfig {
            input: input.into(),
            out: None,
            load: LoadOptions::default(),
            metrics: None,
            figures: true,
            raw_csv: false,
            dpi: 300,
            as_of: None,
            geocode: true,
            validated_g: false,
            backbone: BackboneOptions::default(),
            eligible: None,
            scale: ScaleOptions::default(),
            force: false,
        }
    }
}

/// What `analyze` did.
pub struct AnalyzeOutcome {
    pub dir: PathBuf,
    pub summary: Summary,
    pub files: Vec<String>,
}

fn csv_bytes(t: &NodeTable, raw: bool) -> Result<Vec<u8>> {
    let mut buf = vec![];
    csv_out::write_csv(t, &mut buf, raw).map_err(|e| Error::Internal(e.into()))?;
    Ok(buf)
}

/// Runs the whole analysis and writes the result folder atomically.
pub fn analyze(cfg: &AnalyzeConfig, ui: Ui) -> Result<AnalyzeOutcome> {
    if cfg.figures {
        render::graphviz::check_installed()?;
    }
    let (mut ds, diags) = load_dataset(&cfg.input, &cfg.load, ui)?;
    if let Some(said) = cfg.geocode.then(|| ds.place_cities()).flatten() {
        ui.info(&said);
    }
    let ds = match cfg.as_of {
        Some(y) => ds.as_of(y),
        None => ds,
    };
    let out = cfg
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("output").join(&ds.name));
    let claim = crate::report::output::Claim {
        source: Some(&cfg.input),
        replace_other_source: cfg.out.is_some() || cfg.force,
    };
    let staging = Staging::begin_for(&out, &ds.files, claim)?;
    note_rejected(&ds, &cfg.load, ui, Some(&out))?;

    // The memory budget decides whether the projection is built (see build_graphs_with); a
    // projection over it is used through the two-mode graph, and only --exact stops.
    let mut scale = cfg.scale;
    scale.max_memory = scale.max_memory.or(cfg.load.max_memory);
    let pb = ui.step("building graphs");
    let (gr, validated) = analysis_graphs(cfg, &ds, &scale, ui)?;
    pb.finish_and_clear();
    let estimate = gr.estimate;

    let names = cfg.metrics.clone().unwrap_or_else(|| default_metrics(&ds));
    let pb = ui.step("computing metrics");
    let Computed {
        table: cities,
        methods,
        measures,
        warnings: metric_warnings,
    } = compute(&ds, &gr, &names, true)?;
    for w in &metric_warnings {
        ui.info(w);
    }
    let programs = gr.two_mode.as_ref().map(|t| program_table(&ds, t));
    pb.finish_and_clear();

    let mut files = vec![];
    staging.write("cities.csv", &csv_bytes(&cities, cfg.raw_csv)?)?;
    files.push("cities.csv".to_string());
    if let Some(p) = &programs {
        staging.write("programs.csv", &csv_bytes(p, cfg.raw_csv)?)?;
        files.push("programs.csv".to_string());
    }

    for (name, bytes) in crate::report::rejected::input_lists(&ds, cfg.raw_csv) {
        staging.write(name, &bytes.map_err(|e| Error::Internal(e.into()))?)?;
        files.push(name.to_string());
    }
    if let Some(v) = &validated {
        let mut b = vec![];
        crate::report::backbone::write_kept(&mut b, &ds, v, cfg.raw_csv)
            .map_err(|e| Error::Internal(e.into()))?;
        staging.write("backbone.csv", &b)?;
        files.push("backbone.csv".to_string());
    }

    let mut figures = vec![];
    if cfg.figures {
        let pb = ui.step("rendering figures");
        // A projection too large to build is drawn through its strongest cities.
        let fig_gr = gr.for_figures(render::figure::STRONGEST_DRAWN);
        let fig_gr = fig_gr.as_ref().unwrap_or(&gr);
        let cv = city_values(&ds, fig_gr, &render::defaults::wanted(&ds, fig_gr, &cities));
        figures = render::defaults::render_default_set(
            &ds,
            fig_gr,
            &cities,
            &cv,
            validated.as_ref(),
            cfg.dpi,
            |rel, bytes| staging.write(rel, bytes),
        )?;
        pb.finish_and_clear();
    }

    let analyses = published_analyses(&ds, &gr, &staging, cfg, &mut files, &mut figures, ui)?;
    let mut parameters = serde_json::json!({
        "metrics": names,
        "load": cfg.load,
        "dpi": cfg.dpi,
        "raw_csv": cfg.raw_csv,
        "as_of": cfg.as_of,
        "threads": rayon::current_num_threads(),
    });
    if cfg.scale != ScaleOptions::default() {
        parameters["scale"] = serde_json::json!(cfg.scale);
    }
    let summary = Summary {
        tool: Summary::tool(),
        input: summary::InputInfo::of(&ds, &cfg.input),
        counts: summary::Counts::of(&ds),
        graph: summary::GraphSize {
            graph: if cfg.validated_g {
                "validated city projection"
            } else if ds.is_two_mode() {
                "city projection"
            } else {
                "tie graph"
            }
            .into(),
            nodes: gr.node_count(),
            edges: match gr.mode {
                GraphMode::Built => gr.g.edge_count(),
                GraphMode::ThroughTwoMode => measures["edges"].as_u64().unwrap_or(0) as usize,
            },
            projection_max_edges: estimate.map(|e| e.max_edges),
            built: gr.mode == GraphMode::Built,
            projection_estimate: estimate.filter(|e| {
                e.max_edges > plan::PROJECTION_EDGE_LIMIT / 5 || gr.mode != GraphMode::Built
            }),
            program_projection_edges: gr
                .two_mode
                .as_ref()
                .map(|t| t.project_programs().edge_count()),
        },
        measures,
        city_metrics: names.clone(),
        methods: if methods.iter().any(|m| m.method != "exact") || gr.mode != GraphMode::Built {
            methods
        } else {
            vec![]
        },
        backbone: validated.as_ref().map(|v| v.report.clone()),
        parameters,
        analyses,
        figures: figures.clone(),
        warnings: diags
            .warnings()
            .map(|w| w.to_string())
            .chain(metric_warnings)
            .collect(),
    };
    let json = serde_json::to_vec_pretty(&summary).map_err(|e| Error::Internal(e.into()))?;
    staging.write("summary.json", &json)?;
    staging.write("summary.md", summary.to_markdown().as_bytes())?;
    let svgs = crate::report::html::read_svgs(staging.dir(), &summary.figures);
    let html = crate::report::html::build(&ds, &summary, &cities, programs.as_ref(), &svgs);
    staging.write("report.html", html.as_bytes())?;
    files.push("report.html".to_string());
    files.extend(["summary.json".to_string(), "summary.md".to_string()]);
    files.extend(figures);
    let dir = staging.commit()?;
    Ok(AnalyzeOutcome {
        dir,
        summary,
        files,
    })
}

/// The graphs of `analyze` and the validated projection: G is the validated projection with
/// `--projection validated`; otherwise G is the weighted projection and the validated one is
/// computed beside it for inputs with programs (backbone.csv, dense figures).
fn analysis_graphs(
    cfg: &AnalyzeConfig,
    ds: &Dataset,
    scale: &ScaleOptions,
    ui: Ui,
) -> Result<(Graphs, Option<Validated>)> {
    if cfg.validated_g {
        let (gr, v) =
            build_validated_graphs(ds, scale, &cfg.backbone, cfg.eligible.as_deref(), ui)?;
        return Ok((gr, Some(v)));
    }
    let gr = build_graphs_with(ds, scale, ui)?;
    let v = match &gr.two_mode {
        Some(t) => Some(validated(
            ds,
            Some(t),
            &cfg.backbone,
            cfg.eligible.as_deref(),
        )?),
        None => None,
    };
    Ok((gr, v))
}

/// Bootstrap replicates of the robustness analysis `analyze` runs.
pub const ANALYZE_REPLICATES: usize = 1000;

/// Work above which `analyze` leaves out brokerage (Σ_v deg(v)², the 2-paths it scans).
const BROKERAGE_WORK_LIMIT: u64 = 200_000_000;

/// The published analyses `analyze` adds for inputs with programs (the commands `robustness`,
/// `connectivity` and `brokerage` give every option): the rank robustness of strength
/// ([`ANALYZE_REPLICATES`] replicates, seed 1) with its rank-interval figure; when G is built,
/// the GaWC tables grouped by region (else country) with the hinterworld of the most connected
/// city and its map, and brokerage roles in G by the same groups. Returns what summary.json
/// and report.html say about them (`null` for inputs without programs).
fn published_analyses(
    ds: &Dataset,
    gr: &Graphs,
    staging: &Staging,
    cfg: &AnalyzeConfig,
    files: &mut Vec<String>,
    figures: &mut Vec<String>,
    ui: Ui,
) -> Result<serde_json::Value> {
    use crate::metrics::robustness::{self as rb, RobustnessOptions};
    use crate::report::analyses;
    let Some(t) = &gr.two_mode else {
        return Ok(serde_json::Value::Null);
    };
    let pb = ui.step("robustness, connectivity, brokerage");
    let put = |name: &str, bytes: &[u8], list: &mut Vec<String>| -> Result<()> {
        staging.write(name, bytes)?;
        list.push(name.to_string());
        Ok(())
    };
    let opts = RobustnessOptions {
        replicates: ANALYZE_REPLICATES,
        seed: 1,
        pair: None,
    };
    let r = rb::robustness(t, &|t| rb::metric_of(t, "strength"), &opts);
    put(
        "robustness.csv",
        &analyses::robustness_table(ds, &r).to_csv(cfg.raw_csv),
        files,
    )?;
    let mut out = serde_json::json!({
        "robustness": analyses::robustness_summary(ds, "strength", 1, None, &r),
    });
    out["robustness"]["top"] = analyses::robustness_top(ds, &r, 10);
    if cfg.figures {
        for (ext, f) in [
            ("svg", render::charts::ChartFormat::Svg),
            ("png", render::charts::ChartFormat::Png),
        ] {
            let bytes = render::intervals::rank_intervals(ds, &r, "strength", 30, f)?;
            put(&format!("figures/rank-intervals.{ext}"), &bytes, figures)?;
        }
    }
    let column = if ds.city_attrs.iter().any(|a| a == "region") {
        "region"
    } else {
        "country"
    };
    let (Projection::Built(g), Ok(groups)) = (gr.projection(), ds.groups_by(column)) else {
        pb.finish_and_clear();
        return Ok(out);
    };
    let gnc = metrics::strength(g);
    let centre = (0..gnc.len()).fold(0, |best, v| if gnc[v] > gnc[best] { v } else { best });
    let suite = metrics::gawc::suite(
        g,
        groups.labels.clone(),
        groups.names.clone(),
        &[centre],
        50,
    );
    for (name, rows) in analyses::gawc_tables(ds, &suite) {
        put(name, &rows.to_csv(cfg.raw_csv), files)?;
    }
    out["connectivity"] = serde_json::json!({
        "group": column,
        "hinterworld_of": ds.city_label(centre),
        "groups": analyses::gawc_groups_json(&suite),
    });
    if cfg.figures && ds.cities_with_coordinates() > 0 {
        for (ext, bytes) in render::hinterworld::map(ds, centre, &suite.hinterworlds[0].1)? {
            put(&format!("figures/hinterworld.{ext}"), &bytes, figures)?;
        }
    }
    let work: u64 = (0..g.node_count())
        .map(|v| (g.degree(v) as u64).pow(2))
        .sum();
    if work <= BROKERAGE_WORK_LIMIT {
        let b = metrics::brokerage::brokerage(g, &groups.labels);
        let table = analyses::brokerage_table(ds, &groups.labels, &groups.names, &b);
        put("brokerage.csv", &table.to_csv(cfg.raw_csv), files)?;
        out["brokerage"] = serde_json::json!({
            "group": column,
            "graph": "city projection",
            "top": analyses::brokerage_top(ds, &b, 10),
        });
    }
    pb.finish_and_clear();
    Ok(out)
}
