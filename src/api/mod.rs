//! The library's face for programs: a [`Network`] read once, then measured, tested and
//! converted without going through the command line.
//!
//! Every method calls the same pipeline functions the commands call, with the same options, so
//! a [`Network::metrics`] table holds the numbers `citynet metrics` writes, bit for bit, and a
//! [`Network::backbone`] table the rows of `citynet backbone`. Nothing is printed: the warnings
//! the command line would print are kept ([`Network::warnings`], [`pipeline::Computed::warnings`](crate::pipeline::Computed::warnings)).
//!
//! ```
//! use citynet::{LoadOptions, Network};
//!
//! let net = Network::read("networks/city-diplomacy", &LoadOptions::default())?;
//! let table = net.metrics(&Default::default())?.table;
//! let degree = table.metric("degree").unwrap();
//! assert_eq!(degree.len(), net.cities().len());
//! # Ok::<(), citynet::Error>(())
//! ```
//!
//! [`Network::to_petgraph`] hands any of the graphs to [`petgraph`], with city and program
//! weights on the nodes and the edge weights on the edges; [`Network::from_petgraph`] reads a
//! petgraph graph back as an edge list.

use crate::error::{Error, Result};
use crate::metrics::backbone::BackboneOptions;
use crate::metrics::plan::ScaleOptions;
use crate::metrics::robustness::RobustnessOptions;
use crate::model::{Dataset, Diagnostic, LoadOptions};
use crate::pipeline::{self, Ui};
use crate::report::analyses::{self, Rows};
use crate::report::export::{self, BuildOptions, ExportGraph, Format};
use crate::report::tables::{self, RankedTable};
use std::path::{Path, PathBuf};

mod graphs;

pub use graphs::Node;

/// The quiet interface: the API prints nothing.
const QUIET: Ui = Ui { quiet: true };

pub use crate::graph::Layer;

/// Options of [`Network::metrics`]: those of `citynet metrics`.
#[derive(Debug, Clone, Default)]
pub struct MetricsOptions {
    /// Metric columns (`--metrics`); `None`: the defaults of `citynet metrics`.
    pub metrics: Option<Vec<String>>,
    /// Measure the validated projection with these options (`--graph validated`) instead
    /// of every co-membership.
    pub validated: Option<BackboneOptions>,
    /// Structural zeros of the validated projection (`--eligible FILE`).
    pub eligible: Option<PathBuf>,
    /// Exact or approximate columns for large graphs (`--exact`, `--epsilon`...). A memory
    /// budget of `None` takes the one the network was read with.
    pub scale: ScaleOptions,
}

/// Options of [`Network::robustness`]: those of `citynet robustness`.
#[derive(Debug, Clone)]
pub struct RobustnessRun {
    /// The metric ranked (`--metric`).
    pub metric: String,
    /// On the validated (SDSM) projection, recomputed for every replicate.
    pub validated: bool,
    /// Bootstrap replicates (`--replicates`).
    pub replicates: usize,
    /// Seed of the bootstrap (`--seed`).
    pub seed: u64,
    /// Two cities to compare (`--pair`), "Name" or "Name, Country".
    pub pair: Option<(String, String)>,
}

impl Default for RobustnessRun {
    fn default() -> Self {
        RobustnessRun {
            metric: "strength".into(),
            validated: false,
            replicates: 1000,
            seed: 1,
            pair: None,
        }
    }
}

/// The result of [`Network::robustness`]: the per-city table (`robustness.csv`) and the
/// network-level summary (`robustness.json`).
#[derive(Debug, Clone)]
pub struct RobustnessResult {
    pub table: Rows,
    pub summary: serde_json::Value,
}

/// A network read from a file or built in memory: cities, programs, memberships and ties.
#[derive(Debug, Clone)]
pub struct Network {
    ds: Dataset,
    warnings: Vec<Diagnostic>,
    source: Option<(PathBuf, LoadOptions)>,
}

impl Network {
    /// Reads a network folder, membership table (CSV, Excel, OpenDocument), edge list, GraphML
    /// or GEXF file with the options of the command line (`--kind`, `--city-col`,
    /// `--program-sep`, `--sheet`, `--encoding`, `--na`, `--alias`, `--strict`...).
    ///
    /// # Errors
    /// [`Error::BadInput`] with every problem found (file, line, column, value) when the input
    /// cannot be used; [`Error::Usage`] or [`Error::Io`] for a `--rejected` file that cannot be
    /// written.
    ///
    /// # Examples
    /// ```
    /// use citynet::{LoadOptions, Network};
    ///
    /// let net = Network::read("networks/city-diplomacy", &LoadOptions::default())?;
    /// assert!(net.cities().len() > 100);
    /// assert!(net.programs().len() >= 5);
    ///
    /// let missing = Network::read("no/such/file.csv", &LoadOptions::default());
    /// assert!(matches!(missing, Err(citynet::Error::BadInput { .. })));
    /// # Ok::<(), citynet::Error>(())
    /// ```
    pub fn read(path: impl AsRef<Path>, options: &LoadOptions) -> Result<Network> {
        let path = path.as_ref();
        let (ds, diags) = pipeline::read_input(path, options)?;
        Ok(Network {
            ds,
            warnings: diags.warnings().cloned().collect(),
            source: Some((path.to_path_buf(), options.clone())),
        })
    }

    /// Reads a membership table or an edge list held in memory as CSV text (what a data frame
    /// writes), with the same checks as [`Network::read`]; `name` stands for its path in
    /// messages and names the network.
    ///
    /// # Errors
    /// As [`Network::read`].
    ///
    /// # Examples
    /// ```
    /// use citynet::{LoadOptions, Network};
    ///
    /// let csv = "city,country,program\nParis,France,C40\nLima,Peru,C40\nLima,Peru,ICLEI\n";
    /// let net = Network::from_csv_bytes("memberships", csv.as_bytes(), &LoadOptions::default())?;
    /// assert_eq!((net.cities().len(), net.programs().len()), (2, 2));
    /// # Ok::<(), citynet::Error>(())
    /// ```
    pub fn from_csv_bytes(name: &str, bytes: &[u8], options: &LoadOptions) -> Result<Network> {
        let (ds, diags) = pipeline::read_csv_bytes(Path::new(name), bytes, options)?;
        Ok(Network {
            ds,
            warnings: diags.warnings().cloned().collect(),
            source: None,
        })
    }

    /// A network over a dataset built by other means.
    pub fn from_dataset(ds: Dataset) -> Network {
        Network {
            ds,
            warnings: vec![],
            source: None,
        }
    }

    /// The dataset: cities, programs, memberships, ties, attributes, sources.
    pub fn dataset(&self) -> &Dataset {
        &self.ds
    }

    /// The network's name (the folder or file stem).
    pub fn name(&self) -> &str {
        &self.ds.name
    }

    /// The cities (for an edge list, its nodes), in input order: the rows of every city table.
    pub fn cities(&self) -> &[crate::model::City] {
        &self.ds.cities
    }

    /// The programs (none for an edge list).
    pub fn programs(&self) -> &[crate::model::Program] {
        &self.ds.programs
    }

    /// The memberships: city and program indices, weight, role, years.
    pub fn memberships(&self) -> &[crate::model::Membership] {
        &self.ds.memberships
    }

    /// The direct ties between cities: city indices, kind, weight, years.
    pub fn ties(&self) -> &[crate::model::Tie] {
        &self.ds.ties
    }

    /// What reading the input warned about (the lines `citynet` prints as `warning: ...`).
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// The network as it stood in `year` (`--as-of`): only memberships and ties active that
    /// year; every city is kept.
    pub fn as_of(&self, year: i32) -> Network {
        Network {
            ds: self.ds.as_of(year),
            warnings: self.warnings.clone(),
            source: None,
        }
    }

    fn load_options(&self) -> LoadOptions {
        self.source
            .as_ref()
            .map(|s| s.1.clone())
            .unwrap_or_default()
    }

    /// Builds the graphs the metrics measure (G weighted or validated, ties, two-mode).
    ///
    /// # Errors
    /// As `citynet metrics`: a projection over the memory budget with `scale.exact`, options
    /// the validated projection cannot take.
    pub fn graphs(&self, options: &MetricsOptions) -> Result<pipeline::Graphs> {
        let mut scale = options.scale;
        if scale.max_memory.is_none() {
            scale.max_memory = self.load_options().max_memory;
        }
        match &options.validated {
            Some(o) => Ok(pipeline::build_validated_graphs(
                &self.ds,
                &scale,
                o,
                options.eligible.as_deref(),
                QUIET,
            )?
            .0),
            None => pipeline::build_graphs_with(&self.ds, &scale, QUIET),
        }
    }

    /// The per-city metric table of `citynet metrics`: identity and attribute columns, then
    /// one column per metric, the same values bit for bit.
    ///
    /// # Errors
    /// An unknown metric name, or as [`Network::graphs`].
    ///
    /// # Examples
    /// ```
    /// use citynet::{LoadOptions, MetricsOptions, Network};
    ///
    /// let net = Network::read("networks/city-diplomacy", &LoadOptions::default())?;
    /// let options = MetricsOptions {
    ///     metrics: Some(vec!["degree".into(), "betweenness".into()]),
    ///     ..Default::default()
    /// };
    /// let table = net.metrics(&options)?.table;
    /// assert_eq!(table.headers()[..2], ["city".to_string(), "country".to_string()]);
    /// let betweenness = table.metric("betweenness").unwrap();
    /// assert!((0..betweenness.len()).all(|i| betweenness.get_f64(i) >= 0.0));
    /// # Ok::<(), citynet::Error>(())
    /// ```
    pub fn metrics(&self, options: &MetricsOptions) -> Result<pipeline::Computed> {
        let gr = self.graphs(options)?;
        let names = options
            .metrics
            .clone()
            .unwrap_or_else(|| pipeline::default_metrics(&self.ds));
        pipeline::compute(&self.ds, &gr, &names, false)
    }

    /// The program table of `analyze` (`programs.csv`): one row per program with its metrics;
    /// `None` for an edge list.
    ///
    /// # Errors
    /// As [`Network::metrics`] for the two-mode columns.
    pub fn program_table(&self) -> Result<Option<crate::metrics::NodeTable>> {
        if !self.ds.is_two_mode() {
            return Ok(None);
        }
        let names = pipeline::default_metrics(&self.ds);
        let convention = ScaleOptions::default().convention;
        pipeline::program_table(&self.ds, &self.ds.two_mode(), &names, convention).map(Some)
    }

    /// The pairs of `citynet backbone`: every tested pair with `all_pairs`, else the kept ones;
    /// columns `city_a, country_a, city_b, country_b, shared, expected, p_value, p_adjusted,
    /// kept`.
    ///
    /// # Errors
    /// [`Error::Usage`] for a model the input cannot take (SDSM without programs) or options
    /// the test refuses; an unreadable `eligible` file.
    ///
    /// # Examples
    /// ```
    /// use citynet::{BackboneOptions, LoadOptions, Network};
    ///
    /// let net = Network::read("networks/city-diplomacy", &LoadOptions::default())?;
    /// let pairs = net.backbone(&BackboneOptions::default(), None, false)?;
    /// let kept = pairs.column("kept").unwrap();
    /// assert!(pairs.rows.iter().all(|r| r[kept].render() == "true"));
    /// # Ok::<(), citynet::Error>(())
    /// ```
    pub fn backbone(
        &self,
        options: &BackboneOptions,
        eligible: Option<&Path>,
        all_pairs: bool,
    ) -> Result<Rows> {
        let mut opts = options.clone();
        if let Some(p) = eligible {
            opts.eligibility =
                Some(crate::model::dataset::eligible::read(p, &self.ds).map_err(Error::Usage)?);
        }
        let tests = pipeline::backbone_tests(&self.ds, &opts, &self.ds.path)?;
        Ok(tests.rows(&self.ds, all_pairs))
    }

    fn require_programs(&self, command: &str) -> Result<()> {
        pipeline::require_programs(&self.ds, &self.ds.path, command)
    }

    /// The rank robustness of `citynet robustness`: leave-one-program-out and bootstrap rank
    /// intervals per city, Kendall τ_b and top-10 overlap for the network.
    ///
    /// # Errors
    /// [`Error::Usage`] for an input without programs, a metric that cannot be ranked, a
    /// projection too large, an unknown city in `pair`, zero replicates.
    pub fn robustness(&self, run: &RobustnessRun) -> Result<RobustnessResult> {
        if run.replicates == 0 {
            return Err(Error::Usage("--replicates must be at least 1".into()));
        }
        self.require_programs("robustness")?;
        pipeline::check_robustness(&self.ds, &run.metric, run.validated)?;
        let pair = match &run.pair {
            Some((a, b)) => {
                let a = pipeline::find_city(&self.ds, a, "--pair")?;
                let b = pipeline::find_city(&self.ds, b, "--pair")?;
                if a == b {
                    return Err(Error::Usage("--pair: the two cities are one".into()));
                }
                Some((a, b))
            }
            None => None,
        };
        let opts = RobustnessOptions {
            replicates: run.replicates,
            seed: run.seed,
            pair,
        };
        let r = pipeline::robustness(&self.ds, &run.metric, run.validated, &opts)?;
        Ok(RobustnessResult {
            table: analyses::robustness_table(&self.ds, &r),
            summary: analyses::robustness_summary(&self.ds, &run.metric, run.seed, pair, &r),
        })
    }

    /// The GaWC tables of `citynet connectivity` by name (`connectivity.csv`, `dyads.csv`,
    /// `groups.csv`, and `hinterworld.csv` when `hinterworld` names cities): groups by the
    /// city attribute `group`, the `dyads` strongest ranks of pairs, on the validated
    /// projection with `validated`.
    ///
    /// # Errors
    /// [`Error::Usage`] for an unknown group column or city, `dyads` 0, a projection too large.
    pub fn connectivity(
        &self,
        group: &str,
        hinterworld: &[&str],
        dyads: usize,
        validated: bool,
    ) -> Result<Vec<(&'static str, Rows)>> {
        if dyads == 0 {
            return Err(Error::Usage("--dyads must be at least 1".into()));
        }
        let hw: Vec<usize> = hinterworld
            .iter()
            .map(|c| pipeline::find_city(&self.ds, c, "--hinterworld"))
            .collect::<Result<_>>()?;
        let r = pipeline::connectivity(&self.ds, group, &hw, dyads, validated, QUIET)?;
        Ok(analyses::gawc_tables(&self.ds, &r))
    }

    /// The Gould–Fernandez brokerage table of `citynet brokerage` (as R's `sna::brokerage`)
    /// by the city attribute `group`, in `graph` ([`Layer::Projection`], [`Layer::Validated`]
    /// or [`Layer::Ties`]; `None`: the projection for inputs with programs, else the ties).
    ///
    /// # Errors
    /// [`Error::Usage`] for an unknown group column, a layer brokerage does not run on, a
    /// projection too large.
    pub fn brokerage(&self, group: &str, graph: Option<Layer>) -> Result<Rows> {
        if matches!(graph, Some(Layer::Projection | Layer::Validated)) {
            self.require_programs("brokerage --graph projection")?;
        }
        let (labels, names) = pipeline::group_labels(&self.ds, group, QUIET)?;
        let route = pipeline::analysis_graph(&self.ds, graph, "brokerage")?;
        let b = pipeline::brokerage(&route, &labels);
        Ok(analyses::brokerage_table(&self.ds, &labels, &names, &b))
    }

    /// The ranked table of `citynet table`: the `top` cities by the metric `by`, with the
    /// metric columns `also`, numbers to `precision` decimals; render it with
    /// [`RankedTable::render`] as Markdown, LaTeX or CSV.
    ///
    /// # Errors
    /// An unknown metric, `top` 0, `precision` above 17.
    pub fn table(
        &self,
        by: &str,
        also: &[String],
        top: usize,
        precision: usize,
        options: &MetricsOptions,
    ) -> Result<RankedTable> {
        if top == 0 {
            return Err(Error::Usage("--top must be at least 1".into()));
        }
        if precision > 17 {
            return Err(Error::Usage("--precision must be at most 17".into()));
        }
        let mut names = vec![by.to_string()];
        names.extend(also.iter().filter(|c| *c != by).cloned());
        let cities = self.metrics(&MetricsOptions {
            metrics: Some(names),
            ..options.clone()
        })?;
        let mut t =
            tables::ranked(&cities.table, by, also, top, precision).map_err(Error::Usage)?;
        t.caption = format!("{} — {}", t.caption, self.ds.meta.title);
        Ok(t)
    }

    /// The graph `citynet export --graph` writes, with every metric (`metrics`, default the
    /// defaults of `citynet metrics`) and attribute on its nodes; write it with
    /// [`export::write`] or [`Network::export`].
    ///
    /// # Errors
    /// A layer the input does not have, an unknown metric.
    pub fn export_graph(&self, layer: Layer, options: &MetricsOptions) -> Result<ExportGraph> {
        crate::model::limits::check_projection(&self.ds, self.load_options().max_memory)
            .map_err(Error::Usage)?;
        let mut options = options.clone();
        if layer == Layer::Validated && options.validated.is_none() {
            options.validated = Some(BackboneOptions::default());
        }
        let gr = if options.validated.is_some() {
            self.graphs(&options)?
        } else {
            pipeline::build_graphs(&self.ds)
        };
        let names = options
            .metrics
            .clone()
            .unwrap_or_else(|| pipeline::default_metrics(&self.ds));
        let cities = pipeline::city_table(&self.ds, &gr, &names)?;
        let programs = gr
            .two_mode
            .as_ref()
            .map(|t| pipeline::program_table(&self.ds, t, &names, gr.scale.convention))
            .transpose()?;
        export::build(
            &self.ds,
            &gr,
            &cities,
            programs.as_ref(),
            &BuildOptions {
                graph: layer,
                graph_attrs: vec![],
            },
        )
        .map_err(Error::Usage)
    }

    /// Writes [`Network::export_graph`] to `path` as GraphML, GEXF, node-link JSON or Pajek
    /// (no layout).
    ///
    /// # Errors
    /// As [`Network::export_graph`]; the file cannot be written.
    pub fn export(
        &self,
        path: &Path,
        format: Format,
        layer: Layer,
        options: &MetricsOptions,
    ) -> Result<()> {
        let g = self.export_graph(layer, options)?;
        crate::report::output::write_file_atomic(path, &export::write(&g, format), &self.ds.files)
    }

    /// One figure of `citynet render` as bytes (SVG, PNG, PDF or DOT, as `job.format` says):
    /// with `geocode`, cities without coordinates are placed from the shipped gazetteer first,
    /// as `render` and `analyze` place them.
    ///
    /// # Errors
    /// Options the figure cannot take; Graphviz missing or failing.
    pub fn figure(
        &self,
        job: &pipeline::FigureJob,
        options: &MetricsOptions,
        geocode: bool,
    ) -> Result<Vec<u8>> {
        if !job.options.view.is_chart() && job.format != crate::render::FigureFormat::Dot {
            crate::render::graphviz::check_installed()?;
        }
        let placed;
        let net = if geocode {
            let mut ds = self.ds.clone();
            ds.place_cities();
            placed = Network::from_dataset(ds);
            &placed
        } else {
            self
        };
        let mut scale = options.scale;
        if scale.max_memory.is_none() {
            scale.max_memory = self.load_options().max_memory;
        }
        let gr = net.graphs(&MetricsOptions {
            scale,
            ..options.clone()
        })?;
        pipeline::render_figure(&net.ds, &gr, job, QUIET)
    }

    /// The whole job of `citynet analyze` on the file or folder this network was read from,
    /// with `config`'s options (its input and load options are the network's).
    ///
    /// # Errors
    /// [`Error::Usage`] for a network built in memory or cut to a year (write it out and read
    /// it, or pass `config.as_of`); the errors of `analyze`.
    pub fn analyze(&self, mut config: pipeline::AnalyzeConfig) -> Result<pipeline::AnalyzeOutcome> {
        let Some((path, load)) = &self.source else {
            return Err(Error::Usage(
                "analyze reads its input again: it needs a network read from a file or folder"
                    .into(),
            ));
        };
        config.input = path.clone();
        config.load = load.clone();
        pipeline::analyze(&config, QUIET)
    }
}
