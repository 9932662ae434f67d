//! `analyze`: the whole analysis of one input, written atomically into its result folder
//! (tables, figures, the published analyses, summary.json/.md and report.html).

use super::published::published_analyses;
use super::{
    build_graphs_with, build_validated_graphs, city_values, compute, default_metrics, load_dataset,
    note_rejected, program_table, validated, Computed, Graphs, Ui,
};
use crate::error::{Error, Result};
use crate::metrics::backbone::{BackboneOptions, Validated};
use crate::metrics::plan::{self, GraphMode, ScaleOptions};
use crate::metrics::NodeTable;
use crate::model::{Dataset, Diagnostics, LoadOptions};
use crate::render;
use crate::report::{csv_out, summary, Staging, Summary};
use std::path::PathBuf;

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
    /// ([`crate::model::identity::geocode`]); `--no-geocode` turns it off.
    pub geocode: bool,
    /// G is the validated projection (`--graph validated`) instead of the weighted one.
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
        Some(y) => {
            if let Some(w) = ds.as_of_warning(y) {
                ui.info(&w);
            }
            ds.as_of(y)
        }
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

    let names = cfg.metrics.clone().unwrap_or_else(|| default_metrics(&ds));
    let pb = ui.step("computing metrics");
    let computed = compute(&ds, &gr, &names, true)?;
    for w in &computed.warnings {
        ui.info(w);
    }
    let programs = gr
        .two_mode
        .as_ref()
        .map(|t| program_table(&ds, t, &names, cfg.scale.convention))
        .transpose()?;
    pb.finish_and_clear();

    let tables = Tables {
        cities: &computed.table,
        programs: programs.as_ref(),
        validated: validated.as_ref(),
    };
    let mut files = write_tables(&staging, &ds, &tables, cfg.raw_csv)?;
    let mut figures = vec![];
    if cfg.figures {
        let pb = ui.step("rendering figures");
        figures = default_figures(&ds, &gr, tables.cities, tables.validated, cfg.dpi, &staging)?;
        pb.finish_and_clear();
    }
    let analyses = published_analyses(&ds, &gr, &staging, cfg, &mut files, &mut figures, ui)?;
    let mut summary = summary_of(cfg, &ds, &diags, &gr, names, &computed);
    summary.backbone = validated.as_ref().map(|v| v.report.clone());
    if let Some(w) = summary.backbone.as_ref().and_then(|b| b.fit_warning()) {
        ui.info(&w);
        summary.warnings.push(w);
    }
    summary.analyses = analyses;
    summary.figures = figures.clone();
    let cities = &computed.table;
    write_summary_and_report(&staging, &ds, &summary, cities, programs.as_ref())?;
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

/// The tables `analyze` writes beside the city table.
struct Tables<'a> {
    cities: &'a NodeTable,
    programs: Option<&'a NodeTable>,
    validated: Option<&'a Validated>,
}

/// Writes cities.csv, programs.csv (inputs with programs), review.csv and rejected.csv (see
/// [`crate::report::rejected::input_lists`]) and
/// backbone.csv (the validated projection); returns the names written.
fn write_tables(staging: &Staging, ds: &Dataset, t: &Tables, raw: bool) -> Result<Vec<String>> {
    let mut files = vec![];
    staging.write("cities.csv", &csv_bytes(t.cities, raw)?)?;
    files.push("cities.csv".to_string());
    if let Some(p) = t.programs {
        staging.write("programs.csv", &csv_bytes(p, raw)?)?;
        files.push("programs.csv".to_string());
    }
    for (name, bytes) in crate::report::rejected::input_lists(ds, raw) {
        staging.write(name, &bytes.map_err(|e| Error::Internal(e.into()))?)?;
        files.push(name.to_string());
    }
    if let Some(v) = t.validated {
        let mut b = vec![];
        crate::report::backbone::write_kept(&mut b, ds, v, raw)
            .map_err(|e| Error::Internal(e.into()))?;
        staging.write("backbone.csv", &b)?;
        files.push("backbone.csv".to_string());
    }
    Ok(files)
}

/// Renders the default figure set into the staging folder; returns the names written.
fn default_figures(
    ds: &Dataset,
    gr: &Graphs,
    cities: &NodeTable,
    validated: Option<&Validated>,
    dpi: u32,
    staging: &Staging,
) -> Result<Vec<String>> {
    // A projection too large to build is drawn through its strongest cities.
    let fig_gr = gr.for_figures(render::figure::STRONGEST_DRAWN);
    let fig_gr = fig_gr.as_ref().unwrap_or(gr);
    let cv = city_values(ds, fig_gr, &render::defaults::wanted(ds, fig_gr, cities));
    render::defaults::render_default_set(ds, fig_gr, cities, &cv, validated, dpi, |rel, bytes| {
        staging.write(rel, bytes)
    })
}

/// summary.json as far as the columns tell; `analyze` adds the backbone, the published
/// analyses and the figures.
fn summary_of(
    cfg: &AnalyzeConfig,
    ds: &Dataset,
    diags: &Diagnostics,
    gr: &Graphs,
    names: Vec<String>,
    computed: &Computed,
) -> Summary {
    let mut parameters = serde_json::json!({
        "metrics": names,
        "load": cfg.load,
        "dpi": cfg.dpi,
        "raw_csv": cfg.raw_csv,
        "as_of": cfg.as_of,
        "threads": rayon::current_num_threads(),
        "weighting": cfg.scale.weighting.name(),
        "convention": cfg.scale.convention,
    });
    if cfg.scale != ScaleOptions::default() {
        parameters["scale"] = serde_json::json!(cfg.scale);
    }
    let methods = &computed.methods;
    Summary {
        tool: Summary::tool(),
        input: summary::InputInfo::of(ds, &cfg.input),
        counts: summary::Counts::of(ds),
        graph: graph_size(cfg, ds, gr, &computed.measures),
        measures: computed.measures.clone(),
        city_metrics: names,
        methods: if methods.iter().any(|m| m.method != "exact") || gr.mode != GraphMode::Built {
            methods.clone()
        } else {
            vec![]
        },
        backbone: None,
        parameters,
        analyses: serde_json::Value::Null,
        figures: vec![],
        warnings: diags
            .warnings()
            .map(|w| w.to_string())
            .chain(computed.warnings.iter().cloned())
            .collect(),
    }
}

/// What G is and how large, for summary.json.
fn graph_size(
    cfg: &AnalyzeConfig,
    ds: &Dataset,
    gr: &Graphs,
    measures: &serde_json::Value,
) -> summary::GraphSize {
    let estimate = gr.estimate;
    summary::GraphSize {
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
    }
}

/// Writes summary.json, summary.md and report.html.
fn write_summary_and_report(
    staging: &Staging,
    ds: &Dataset,
    summary: &Summary,
    cities: &NodeTable,
    programs: Option<&NodeTable>,
) -> Result<()> {
    let json = serde_json::to_vec_pretty(summary).map_err(|e| Error::Internal(e.into()))?;
    staging.write("summary.json", &json)?;
    staging.write("summary.md", summary.to_markdown().as_bytes())?;
    let svgs = crate::report::html::read_svgs(staging.dir(), &summary.figures);
    let html = crate::report::html::build(ds, summary, cities, programs, &svgs);
    staging.write("report.html", html.as_bytes())?;
    Ok(())
}

/// The graphs of `analyze` and the validated projection: G is the validated projection with
/// `--graph validated`; otherwise G is the weighted projection and the validated one is
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
