//! Deciding, per column, between exact kernels and documented approximations, from sizes known
//! before any large work: the projection's size estimate, and for betweenness an **estimated
//! time** on the reference machine (2 threads, whatever `--threads`). The choice is recorded ([`ColumnMethod`]) and written
//! to `summary.json` and `summary.md`.
//!
//! | size | what happens |
//! |---|---|
//! | projection ≤ [`PROJECTION_EDGE_LIMIT`] edges (bound) and within the memory budget | `G` is built; every column exact unless betweenness is over the time budget |
//! | larger projection | `G` is not built: degree, strength, closeness, harmonic, reach, components, eigenvector, PageRank, core exact through `B`; betweenness and clustering exact through the quotient by twin classes when it pays ([`quotient::twin_plan`]) and betweenness on it fits the time budget, else approximate (ε, δ, seed in `summary.json`); communities by Louvain through `B` |
//! | `--exact` over the memory budget, twin quotient pays | `G` is not built; every column exact through `B` and the quotient |
//! | exact betweenness on a built `G` estimated over the time budget (`--time-budget`, default [`DEFAULT_TIME_BUDGET`] s) | betweenness exact through the twin quotient when it pays and fits the budget (the planner is given `B` with [`Planner::with_two_mode`]), else approximate (Riondato–Kornaropoulos), ε chosen so that the sampling fits the budget |
//! | `--exact` | `G` built whatever its size, if it fits the memory budget (else exit 2), every column exact |
//!
//! **Time estimates.** Exact betweenness (Brandes) visits, from every source, each node and
//! each arc of the source's component once forwards and once backwards; its time is estimated
//! as `Σ_components n_c·(n_c + 2m_c) · `[`BRANDES_SECONDS_PER_VISIT`]` / `[`REFERENCE_THREADS`].
//! The sampler draws each path with a bidirectional BFS whose cost varies with the graph; the
//! planner runs the searches of the first [`PILOT_SAMPLES`] samples (the same pairs the sampler
//! will draw), counts the arcs they scan, and estimates `samples · arcs per search ·
//! `[`SAMPLE_SECONDS_PER_ARC`]` / `[`REFERENCE_THREADS`]. Both constants were measured on the
//! reference machine (see their documentation).
//!
//! **The estimates are for the reference machine's 2 threads, whatever `--threads` and the
//! machine**: they divide by the constant [`REFERENCE_THREADS`], never by the thread count of
//! the run, so the exact-or-sampled choice and the sampler's ε — hence every output byte — are
//! the same for `--threads 1`, `2` or `64`. The budget is therefore "seconds on the reference
//! machine with 2 threads": with 1 thread a run takes about twice the estimate, on a faster
//! machine or with more threads less.

use super::approx::{self, Approximation};
use super::quotient;
use super::{projected, Column, GraphSummary, MetricError, MetricOptions};
use crate::graph::{Csr, ProjectionEstimate, TwinQuotient, TwoMode};
use serde::Serialize;

/// Above this bound on projection edges (Σ_p k_p(k_p−1)/2), `G` is not built unless `--exact`.
pub const PROJECTION_EDGE_LIMIT: u64 = 5_000_000;

/// Default of `--time-budget`: exact betweenness when its estimated time is at most this many
/// seconds.
pub const DEFAULT_TIME_BUDGET: f64 = 60.0;

/// Seconds per node or arc visit of one exact Brandes source on one thread
/// ([`super::betweenness`], the batched kernel of `brandes_batch`), measured on the
/// reference machine (2-core AMD EPYC VM): exact betweenness of the Holme–Kim graph of 30,000
/// nodes and 149,952 edges (`scripts/bench_compare.py`, case `btw30k`, 2026-12-01) took 17.8
/// CPU-seconds on 2 threads for n·(n + 2m) = 9.9·10⁹ visits: 1.8 ns, rounded up to 2 ns. (The
/// per-source kernel before it needed 4.7 ns; this constant was 5 ns until then.)
pub const BRANDES_SECONDS_PER_VISIT: f64 = 2.0e-9;

/// Seconds per arc scanned by the sampler's bidirectional BFS on one thread
/// ([`approx::betweenness_rk`], per-path overhead, path drawing and tallying included),
/// measured relative to [`BRANDES_SECONDS_PER_VISIT`] in the same runs (one thread, Holme–Kim
/// graph of 10,000 nodes, 5,000 paths of 467 arcs on average, alternating with exact
/// Brandes): 1.7–3.0 times the Brandes cost per visit, so 12 ns.
pub const SAMPLE_SECONDS_PER_ARC: f64 = 1.2e-8;

/// Searches run by the planner to measure the sampler's arcs per path.
pub const PILOT_SAMPLES: u64 = 200;

/// Thread count the time estimates are made for (the reference machine's 2 cores), whatever
/// the run's thread count, so that the planner's choices never depend on `--threads`.
pub const REFERENCE_THREADS: usize = 2;

/// Largest betweenness ε (normalised by `n(n−1)`) the time budget may push the sampler to;
/// when even that does not fit, the sampled run takes longer than the budget (and says so).
pub const MAX_BUDGET_EPSILON: f64 = 0.05;

/// Default error bound of the wedge-sampled clustering coefficients.
pub const DEFAULT_CLUSTERING_EPSILON: f64 = 0.05;
/// Default failure probability of both bounds.
pub const DEFAULT_DELTA: f64 = 0.1;

/// Options of the exact/approximate choice.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ScaleOptions {
    /// Compute every column exactly, building `G` whatever its size (within `max_memory`).
    pub exact: bool,
    /// Memory budget in bytes; `None`: half of `MemAvailable`.
    pub max_memory: Option<u64>,
    /// Error bound of the approximations (`None`: the per-metric defaults).
    pub epsilon: Option<f64>,
    /// Failure probability of the approximations.
    pub delta: f64,
    /// Seed of the samplers.
    pub seed: u64,
    /// Seconds exact betweenness may take (estimated) before it is sampled instead; the
    /// sampler's ε is then chosen to fit this budget.
    pub time_budget: f64,
    /// How the city projection weighs a pair (`--weighting`).
    pub weighting: crate::graph::Weighting,
    /// Which tool's conventions the columns follow (`--convention`).
    pub convention: super::convention::Convention,
}

impl Default for ScaleOptions {
    fn default() -> Self {
        ScaleOptions {
            exact: false,
            max_memory: None,
            epsilon: None,
            delta: DEFAULT_DELTA,
            seed: 1,
            time_budget: DEFAULT_TIME_BUDGET,
            weighting: crate::graph::Weighting::Gawc,
            convention: super::convention::Convention::NetworkX,
        }
    }
}

/// Estimated seconds of exact betweenness on `g` on the reference machine's
/// [`REFERENCE_THREADS`] threads (whatever the run's thread count):
/// `Σ_components s_c·(n_c + 2m_c) · `[`BRANDES_SECONDS_PER_VISIT`]` / `[`REFERENCE_THREADS`], where `s_c` is
/// the number of sources the kernel runs in the component (its nodes minus the leaves it
/// folds into their neighbour; isolated nodes cost nothing). O(n + m).
pub fn exact_betweenness_seconds(g: &Csr) -> f64 {
    let comp = super::components(g);
    let k = comp.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    let mut nodes = vec![0f64; k];
    let mut sources = vec![0f64; k];
    let mut arcs = vec![0f64; k];
    for (v, &c) in comp.iter().enumerate() {
        let d = g.degree(v);
        nodes[c as usize] += 1.0;
        arcs[c as usize] += d as f64;
        let folded = d == 1 && g.degree(g.neighbors(v)[0] as usize) > 1;
        if d > 0 && !folded {
            sources[c as usize] += 1.0;
        }
    }
    let visits: f64 = (0..k).map(|c| sources[c] * (nodes[c] + arcs[c])).sum();
    visits * BRANDES_SECONDS_PER_VISIT / REFERENCE_THREADS as f64
}

/// Whether betweenness on a built `g` is computed exactly under `opts` (`--exact`, or the
/// estimate of [`exact_betweenness_seconds`] within `opts.time_budget`), with the estimate.
pub fn betweenness_exact(g: &Csr, opts: &ScaleOptions) -> (bool, f64) {
    let secs = exact_betweenness_seconds(g);
    (opts.exact || secs <= opts.time_budget, secs)
}

/// The sampler's settings for betweenness: ε (normalised by `n(n−1)`), the number of paths,
/// and the estimated seconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SamplePlan {
    /// Error bound, normalised by `n(n−1)`.
    pub epsilon: f64,
    /// Paths to draw.
    pub samples: u64,
    /// Estimated seconds on the reference machine's [`REFERENCE_THREADS`] threads.
    pub seconds: f64,
    /// Whether ε was chosen to fit the time budget (not given with `--epsilon`).
    pub from_budget: bool,
}

/// Chooses the sampler's ε for paths drawn on `b` between `n` endpoints (vertex-diameter bound
/// `vd`): `--epsilon` if given, else the smallest ε (rounded up to 4 decimals, at most
/// [`MAX_BUDGET_EPSILON`]) whose sample size fits `opts.time_budget`, from the arcs the first
/// [`PILOT_SAMPLES`] searches scan.
pub fn sample_plan(b: &Csr, n: usize, vd: u64, opts: &ScaleOptions) -> SamplePlan {
    sample_plan_with(b, n, vd, opts, None)
}

/// Through the two-mode graph there is no exact alternative without building `G`, so ε is
/// not stretched to the whole budget there: this default unless `--epsilon`.
pub const DEFAULT_PROJECTION_EPSILON: f64 = 0.01;

/// [`sample_plan`] with a fixed default ε (`Some`) used instead of the budget's when
/// `--epsilon` is not given.
pub fn sample_plan_with(
    b: &Csr,
    n: usize,
    vd: u64,
    opts: &ScaleOptions,
    default_epsilon: Option<f64>,
) -> SamplePlan {
    let threads = REFERENCE_THREADS as f64;
    let pilot = approx::rk_pilot_arcs(b, n, PILOT_SAMPLES, opts.seed);
    let per_sample =
        (pilot as f64 / PILOT_SAMPLES as f64).max(1.0) * SAMPLE_SECONDS_PER_ARC / threads;
    let (epsilon, from_budget) = match opts.epsilon.or(default_epsilon) {
        Some(e) => (e, false),
        None => {
            let fit = (opts.time_budget / per_sample).floor().max(1.0);
            // rk_sample_size(ε) = ⌈RK_C·L/ε²⌉, so ε = √(RK_C·L/fit) draws about `fit` paths.
            let l = approx::rk_sample_size(1.0, opts.delta, vd) as f64 / approx::RK_C;
            let e = ((approx::RK_C * l / fit).sqrt() * 1e4).ceil() / 1e4;
            (e.min(MAX_BUDGET_EPSILON), true)
        }
    };
    let samples = approx::rk_sample_size(epsilon, opts.delta, vd);
    SamplePlan {
        epsilon,
        samples,
        seconds: samples as f64 * per_sample,
        from_budget,
    }
}

/// The line for standard error when betweenness on a built `g` will be sampled (`None` when
/// it is exact).
pub fn betweenness_notice(g: &Csr, opts: &ScaleOptions) -> Option<String> {
    let (exact, secs) = betweenness_exact(g, opts);
    if exact {
        return None;
    }
    let n = g.node_count();
    let vd = approx::vertex_diameter_bound(g);
    let sp = sample_plan(g, n, vd, opts);
    Some(format!(
        "G has {n} nodes and {} edges: exact betweenness would take about {} (estimated for \
         {} threads of the reference machine, whatever --threads), over the time budget of {} \
         (--time-budget); it is approximated by sampling {} shortest paths \
         (Riondato-Kornaropoulos, about {}), every value within ±{:.4} of the exact one \
         with probability {} (summary.json, summary.md); --exact computes it exactly",
        g.edge_count(),
        human_seconds(secs),
        REFERENCE_THREADS,
        human_seconds(opts.time_budget),
        sp.samples,
        human_seconds(sp.seconds),
        nx_epsilon(sp.epsilon, n),
        1.0 - opts.delta,
    ))
}

/// `42 s`, `3.5 min`, `2.1 h`.
pub fn human_seconds(s: f64) -> String {
    if s < 1.0 {
        format!("{s:.2} s")
    } else if s < 120.0 {
        format!("{s:.0} s")
    } else if s < 7200.0 {
        format!("{:.1} min", s / 60.0)
    } else {
        format!("{:.1} h", s / 3600.0)
    }
}

/// ε normalised by `n(n−1)` in NetworkX's normalisation (`2/((n−1)(n−2))` over unordered
/// pairs): `ε·n/(n−2)`.
fn nx_epsilon(eps: f64, n: usize) -> f64 {
    if n > 2 {
        eps * n as f64 / (n as f64 - 2.0)
    } else {
        eps
    }
}

/// How `G` is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GraphMode {
    /// Built as a [`Csr`] (edge lists, small projections, `--exact`).
    Built,
    /// Only the two-mode graph: the projection is used through it.
    ThroughTwoMode,
}

/// How one column (or graph measure) was computed, for `summary.json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColumnMethod {
    /// Column or measure name.
    pub column: String,
    /// `exact` or `approximate`.
    pub method: &'static str,
    /// The kernel and the graph it ran on.
    pub via: String,
    /// For approximations: the estimator, ε, δ, sample size and seed.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub approximation: Option<Approximation>,
}

impl ColumnMethod {
    fn exact(column: &str, via: &str) -> Self {
        ColumnMethod {
            column: column.into(),
            method: "exact",
            via: via.into(),
            approximation: None,
        }
    }
    fn approx(column: &str, via: &str, a: Approximation) -> Self {
        ColumnMethod {
            column: column.into(),
            method: "approximate",
            via: via.into(),
            approximation: Some(a),
        }
    }
}

/// Half of `MemAvailable` from /proc/meminfo, in bytes (`None` where unknown): the default
/// of `--max-memory` ([`crate::model::memory::budget`]).
pub fn default_budget() -> Option<u64> {
    crate::model::memory::budget(None)
}

/// `116.0 KB`, `1.5 GB`... (as the loader's messages).
pub fn human_bytes(b: u64) -> String {
    crate::model::memory::human_bytes(b)
}

/// Memory needed to build the projection and run the exact kernels on it: the CSR
/// ([`ProjectionEstimate::max_bytes`]) plus as much again while building it (rows are made
/// separately, then joined) or while Louvain holds its working copy.
pub fn exact_projection_bytes(e: &ProjectionEstimate) -> u64 {
    e.max_bytes.saturating_mul(2)
}

fn twin_via(kernel: &str, q: &TwinQuotient) -> String {
    let (k, m) = (q.n_classes(), q.edge_count());
    format!("through {k} twin classes: {kernel} on the quotient of G by structural twins (cities with the same programs and weights; {m} class pairs)")
}

/// The one-mode graph a [`Planner`] works on.
#[derive(Clone, Copy)]
pub enum Projection<'a> {
    /// A built graph.
    Built(&'a Csr),
    /// The projection of a two-mode graph, not built.
    ThroughTwoMode(&'a TwoMode),
}

/// Computes node columns and the graph summary of `G` under [`ScaleOptions`], sharing the
/// all-pairs BFS between closeness, harmonic and the summary, and recording how each column was
/// computed.
pub struct Planner<'a> {
    g: Projection<'a>,
    opts: ScaleOptions,
    metric_opts: MetricOptions,
    stats: Option<super::DistanceStats>,
    degree: Option<Vec<usize>>,
    strength: Option<Vec<f64>>,
    clustering: Option<Vec<f64>>,
    components: Option<Vec<i64>>,
    /// The quotient by twin classes, once decided (`Some(None)`: not worth it).
    twins: Option<Option<quotient::TwinPlan>>,
    /// The two-mode graph a built `G` was projected from (see [`Planner::with_two_mode`]).
    two_mode: Option<&'a TwoMode>,
    /// How each column was computed, in the order computed.
    pub methods: Vec<ColumnMethod>,
}

impl<'a> Planner<'a> {
    /// A planner over `g`.
    pub fn new(g: Projection<'a>, opts: ScaleOptions, metric_opts: MetricOptions) -> Self {
        Planner {
            g,
            opts,
            metric_opts,
            stats: None,
            degree: None,
            strength: None,
            clustering: None,
            components: None,
            twins: None,
            two_mode: None,
            methods: Vec::new(),
        }
    }

    /// The two-mode graph a built `G` was projected from: betweenness over the time budget on
    /// `G` then goes through its twin classes when they pay. Used only when the quotient stands
    /// for exactly `G`'s edges (a validated projection, a subset, never is).
    pub fn with_two_mode(mut self, t: Option<&'a TwoMode>) -> Self {
        self.two_mode = t;
        self
    }

    /// The quotient of `G` by its twin classes when it is worth building
    /// ([`quotient::twin_plan`]) and, for a built `G`, has exactly `G`'s nodes and edges.
    fn twins(&mut self) -> Option<&quotient::TwinPlan> {
        if self.twins.is_none() {
            let (t, built) = match self.g {
                Projection::ThroughTwoMode(t) => (Some(t), None),
                Projection::Built(g) => (self.two_mode, Some(g)),
            };
            let spv = BRANDES_SECONDS_PER_VISIT / REFERENCE_THREADS as f64;
            let plan = t.and_then(|t| quotient::twin_plan(t, PROJECTION_EDGE_LIMIT, spv));
            self.twins = Some(plan.filter(|tp| {
                let q = &tp.quotient;
                built.is_none_or(|g| {
                    q.classes().n_nodes() == g.node_count()
                        && q.projection_edge_count() == g.edge_count() as u64
                })
            }));
        }
        self.twins.as_ref().unwrap().as_ref()
    }

    fn n(&self) -> usize {
        match self.g {
            Projection::Built(g) => g.node_count(),
            Projection::ThroughTwoMode(t) => t.n_cities(),
        }
    }

    fn via(&self) -> &'static str {
        match self.g {
            Projection::Built(_) => "G",
            Projection::ThroughTwoMode(_) => "G through the two-mode graph (not built)",
        }
    }

    /// Whether the columns would be exactly today's kernels on a built graph (so the classic
    /// path can be used unchanged).
    pub fn all_exact(&self) -> bool {
        match self.g {
            Projection::Built(g) => betweenness_exact(g, &self.opts).0,
            Projection::ThroughTwoMode(_) => false,
        }
    }

    fn degree(&mut self) -> &[usize] {
        if self.degree.is_none() {
            self.degree = Some(match self.g {
                Projection::Built(g) => (0..g.node_count()).map(|v| g.degree(v)).collect(),
                Projection::ThroughTwoMode(t) => t.projected_degree(),
            });
        }
        self.degree.as_deref().unwrap()
    }

    fn strength(&mut self) -> &[f64] {
        if self.strength.is_none() {
            self.strength = Some(match self.g {
                Projection::Built(g) => super::strength(g),
                Projection::ThroughTwoMode(t) => t.projected_strength(),
            });
        }
        self.strength.as_deref().unwrap()
    }

    fn stats(&mut self) -> &super::DistanceStats {
        if self.stats.is_none() {
            self.stats = Some(match self.g {
                Projection::Built(g) => super::wide_bfs::distance_stats(g, None, u32::MAX),
                Projection::ThroughTwoMode(t) => projected::distance_stats(t, None, u32::MAX),
            });
        }
        self.stats.as_ref().unwrap()
    }

    fn components(&mut self) -> &[i64] {
        if self.components.is_none() {
            self.components = Some(match self.g {
                Projection::Built(g) => super::components(g),
                Projection::ThroughTwoMode(t) => projected::components(t),
            });
        }
        self.components.as_deref().unwrap()
    }

    fn clustering(&mut self) -> Vec<f64> {
        if let Some(c) = &self.clustering {
            return c.clone();
        }
        let twins = self.twins().is_some();
        let c = match self.g {
            _ if twins => {
                let q = &self.twins.as_ref().unwrap().as_ref().unwrap().quotient;
                let c = quotient::clustering(q);
                let via = twin_via("triangles counted", q);
                self.methods.push(ColumnMethod::exact("clustering", &via));
                c
            }
            Projection::Built(g) => {
                self.methods
                    .push(ColumnMethod::exact("clustering", "triangles of G"));
                super::clustering(g)
            }
            Projection::ThroughTwoMode(t) => {
                let n = t.n_cities();
                let eps = self.opts.epsilon.unwrap_or(DEFAULT_CLUSTERING_EPSILON);
                let k = approx::wedge_sample_size(eps, self.opts.delta, n);
                let deg = self.degree().to_vec();
                let (c, exact_nodes) = approx::clustering_wedges(t, &deg, k, self.opts.seed);
                self.methods.push(ColumnMethod::approx(
                    "clustering",
                    self.via(),
                    Approximation {
                        estimator: "wedge sampling (Hoeffding bound, union over all nodes)",
                        epsilon: eps,
                        delta: self.opts.delta,
                        samples: k,
                        seed: self.opts.seed,
                        notes: format!(
                            "{k} uniformly drawn wedges per node; {exact_nodes} nodes with at most {k} wedges counted exactly"
                        ),
                    },
                ));
                c
            }
        };
        self.clustering = Some(c.clone());
        c
    }

    /// The betweenness column: exact Brandes on a built `G` within the time budget (or
    /// `--exact`), else Riondato–Kornaropoulos sampling with ε from the plan.
    fn betweenness(&mut self) -> Column {
        let name = "betweenness";
        let n = self.n();
        let (exact, budget) = (self.opts.exact, self.opts.time_budget);
        let built_exact =
            matches!(self.g, Projection::Built(g) if betweenness_exact(g, &self.opts).0);
        let twins = !built_exact
            && self
                .twins()
                .is_some_and(|tp| exact || tp.betweenness_seconds <= budget);
        match self.g {
            Projection::Built(g) if built_exact => {
                self.methods.push(ColumnMethod::exact(name, "Brandes on G"));
                Column::Float(super::betweenness(g))
            }
            _ if twins => {
                let q = &self.twins.as_ref().unwrap().as_ref().unwrap().quotient;
                let via = twin_via("Brandes with multiplicities", q);
                self.methods.push(ColumnMethod::exact(name, &via));
                Column::Float(quotient::betweenness(q))
            }
            Projection::Built(g) => {
                let secs = exact_betweenness_seconds(g);
                let vd = approx::vertex_diameter_bound(g);
                let sp = sample_plan(g, n, vd, &self.opts);
                let b = approx::betweenness_rk(g, sp.samples, self.opts.seed);
                let why = Some((secs, self.opts.time_budget));
                self.methods
                    .push(rk_method(name, "G", &sp, self.opts, vd, &b, 0, why));
                Column::Float(b)
            }
            Projection::ThroughTwoMode(t) => {
                let b = t.as_graph();
                let vd = approx::projection_vertex_diameter_bound(t, &b);
                let dflt = Some(DEFAULT_PROJECTION_EPSILON);
                let sp = sample_plan_with(&b, n, vd, &self.opts, dflt);
                let (vals, capped) =
                    approx::betweenness_rk_projection(t, &b, sp.samples, self.opts.seed);
                let via = self.via();
                self.methods.push(rk_method(
                    name, via, &sp, self.opts, vd, &vals, capped, None,
                ));
                Column::Float(vals)
            }
        }
    }

    /// Share of the other nodes within 2 hops.
    fn reach_2(&self) -> Vec<f64> {
        let n = self.n();
        if n <= 1 {
            return vec![0.0; n];
        }
        let st = match self.g {
            Projection::Built(g) => super::wide_bfs::distance_stats(g, None, 2),
            Projection::ThroughTwoMode(t) => projected::distance_stats(t, None, 2),
        };
        st.reach
            .iter()
            .map(|&r| r as f64 / (n as f64 - 1.0))
            .collect()
    }

    /// Louvain communities (seeded), on `G` or through the two-mode graph.
    fn communities(&mut self) -> Vec<i64> {
        let (res, seed) = (self.metric_opts.resolution, self.metric_opts.seed);
        match self.g {
            Projection::Built(g) => {
                self.methods.push(ColumnMethod::exact(
                    "community",
                    "Louvain on G (a heuristic; seeded)",
                ));
                super::louvain(g, res, seed)
            }
            Projection::ThroughTwoMode(t) => {
                self.methods.push(ColumnMethod::exact(
                    "community",
                    "Louvain through the two-mode graph (a heuristic; seeded)",
                ));
                let s = self.strength().to_vec();
                super::louvain_twomode::louvain(t, &s, res, seed)
            }
        }
    }

    /// Computes one column (a name of [`super::NODE_METRICS`]).
    ///
    /// # Errors
    /// Unknown names and convergence failures, as [`super::node_metrics`].
    pub fn column(&mut self, name: &str) -> Result<Column, MetricError> {
        let n = self.n();
        let via = self.via();
        let exact = |c: &str| ColumnMethod::exact(c, via);
        let col = match (name, self.g) {
            ("degree", _) => {
                self.methods.push(exact(name));
                Column::Int(self.degree().iter().map(|&d| d as i64).collect())
            }
            ("strength", Projection::Built(g)) => {
                self.methods.push(exact(name));
                Column::Float(super::strength(g))
            }
            ("strength", Projection::ThroughTwoMode(_)) => {
                self.methods.push(exact(name));
                Column::Float(self.strength().to_vec())
            }
            ("betweenness", _) => self.betweenness(),
            ("closeness", _) => {
                self.methods.push(exact(name));
                Column::Float(super::paths::closeness_from(self.stats(), n))
            }
            ("harmonic", _) => {
                self.methods.push(exact(name));
                let st = self.stats();
                if n <= 1 {
                    Column::Float(vec![0.0; n])
                } else {
                    Column::Float(st.harmonic.iter().map(|h| h / (n as f64 - 1.0)).collect())
                }
            }
            ("eigenvector", Projection::Built(g)) => {
                self.methods.push(exact(name));
                Column::Float(super::eigenvector(g)?)
            }
            ("eigenvector", Projection::ThroughTwoMode(t)) => {
                self.methods.push(exact(name));
                Column::Float(projected::eigenvector(t)?)
            }
            ("pagerank", Projection::Built(g)) => {
                self.methods.push(exact(name));
                Column::Float(super::pagerank(g, 0.85)?)
            }
            ("pagerank", Projection::ThroughTwoMode(t)) => {
                self.methods.push(exact(name));
                let s = self.strength().to_vec();
                Column::Float(projected::pagerank(t, &s, 0.85)?)
            }
            ("clustering", _) => Column::Float(self.clustering()),
            ("core", Projection::Built(g)) => {
                self.methods.push(exact(name));
                Column::Int(super::core_number(g))
            }
            ("core", Projection::ThroughTwoMode(t)) => {
                self.methods.push(exact(name));
                let d = self.degree().to_vec();
                Column::Int(projected::core_number(t, &d))
            }
            ("reach_2", _) => {
                self.methods.push(exact(name));
                Column::Float(self.reach_2())
            }
            ("component", _) => {
                self.methods.push(exact(name));
                Column::Int(self.components().to_vec())
            }
            ("community", _) => Column::Int(self.communities()),
            (other, _) => return Err(MetricError::Unknown(other.to_string())),
        };
        Ok(col)
    }

    /// The graph summary of `G` (same fields and definitions as [`super::graph_summary`]),
    /// reusing the columns already computed. Transitivity and average clustering are
    /// approximate (and recorded so) when clustering is.
    pub fn summary(&mut self, communities: Option<&[i64]>) -> GraphSummary {
        let n = self.n();
        let comp = self.components().to_vec();
        let ncomp = comp.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
        let lcc: Vec<u32> = (0..n as u32).filter(|&v| comp[v as usize] == 0).collect();
        let deg = self.degree().to_vec();
        let m: u64 = deg.iter().map(|&d| d as u64).sum::<u64>() / 2;
        let density = if n <= 1 {
            0.0
        } else {
            2.0 * m as f64 / (n as f64 * (n as f64 - 1.0))
        };
        let cl = self.clustering();
        let average_clustering = if n == 0 {
            0.0
        } else {
            cl.iter().sum::<f64>() / n as f64
        };
        // Transitivity = Σ t(v) / Σ d(d−1)/2 = the wedge-weighted mean of C(v).
        let (mut num, mut den) = (0.0f64, 0.0f64);
        for v in 0..n {
            let w = (deg[v] as f64) * (deg[v] as f64 - 1.0) / 2.0;
            if deg[v] >= 2 {
                num += cl[v] * w;
                den += w;
            }
        }
        let transitivity = if den > 0.0 && num > 0.0 {
            num / den
        } else {
            0.0
        };
        if let Some(a) = self
            .methods
            .iter()
            .find(|m| m.column == "clustering")
            .and_then(|m| m.approximation.clone())
        {
            for name in ["transitivity", "average_clustering"] {
                self.methods.push(ColumnMethod::approx(
                    &format!("measures.{name}"),
                    self.via(),
                    Approximation {
                        notes: "from the clustering estimates; within the same ε".into(),
                        ..a.clone()
                    },
                ));
            }
        }
        let (diameter, aspl) = if lcc.len() <= 1 {
            (0, 0.0)
        } else {
            let st = if lcc.len() == n {
                self.stats().clone()
            } else {
                match self.g {
                    Projection::Built(g) => {
                        super::wide_bfs::distance_stats(g, Some(&lcc), u32::MAX)
                    }
                    Projection::ThroughTwoMode(t) => {
                        projected::distance_stats(t, Some(&lcc), u32::MAX)
                    }
                }
            };
            let total: u64 = lcc.iter().map(|&v| st.dist_sum[v as usize]).sum();
            let k = lcc.len() as f64;
            (st.max_distance, total as f64 / (k * (k - 1.0)))
        };
        let owned;
        let labels = match communities {
            Some(c) => c,
            None => {
                owned = match self.column("community") {
                    Ok(Column::Int(v)) => v,
                    _ => vec![0; n],
                };
                &owned[..]
            }
        };
        let ncom = {
            let mut l: Vec<i64> = labels.to_vec();
            l.sort_unstable();
            l.dedup();
            l.len()
        };
        let (modularity, assortativity) = match self.g {
            Projection::Built(g) => (
                super::modularity(g, labels, 1.0),
                super::degree_assortativity(g),
            ),
            Projection::ThroughTwoMode(t) => {
                let s = self.strength().to_vec();
                (
                    projected::modularity(t, &s, labels, 1.0),
                    projected::degree_assortativity(t, &deg),
                )
            }
        };
        GraphSummary {
            nodes: n,
            edges: m as usize,
            density,
            components: ncomp,
            largest_component: lcc.len(),
            transitivity,
            average_clustering,
            diameter,
            average_shortest_path_length: aspl,
            modularity,
            communities: ncom,
            degree_assortativity: assortativity,
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn rk_method(
    name: &str,
    via: &str,
    sp: &SamplePlan,
    opts: ScaleOptions,
    vd: u64,
    values: &[f64],
    capped: u64,
    exact_over_budget: Option<(f64, f64)>,
) -> ColumnMethod {
    let n = values.len();
    let eps = sp.epsilon;
    let reported = nx_epsilon(eps, n);
    // Two estimates within 2ε of each other may be in the wrong order.
    let clear = values.iter().filter(|&&v| v > 2.0 * reported).count();
    let mut notes = format!(
        "ε = {eps} on betweenness normalised by n(n-1), i.e. {reported:.6} in NetworkX's \
         normalisation; vertex-diameter bound {vd}; {} paths",
        sp.samples
    );
    if capped > 0 {
        notes.push_str(&format!(
            "; {capped} pairs kept a path after the redraw cap"
        ));
    }
    if let Some((secs, budget)) = exact_over_budget {
        notes.push_str(&format!(
            "; sampled because exact betweenness was estimated at {} (for {} threads of the \
             reference machine, whatever --threads), over the time budget of {} (--time-budget)",
            human_seconds(secs),
            REFERENCE_THREADS,
            human_seconds(budget)
        ));
    }
    notes.push_str(&if sp.from_budget {
        format!(
            "; ε chosen so that sampling fits the time budget (estimated {})",
            human_seconds(sp.seconds)
        )
    } else {
        format!(
            "; ε from --epsilon or the default (sampling estimated at {})",
            human_seconds(sp.seconds)
        )
    });
    notes.push_str(&format!(
        "; {clear} of {n} nodes have an estimate above 2ε = {:.6}: ranks are meaningful only \
         between nodes whose estimates differ by more than 2ε, so below the top {clear} the \
         order is mostly sampling noise",
        2.0 * reported
    ));
    ColumnMethod::approx(
        name,
        via,
        Approximation {
            estimator: "Riondato-Kornaropoulos shortest-path sampling (c = 0.5)",
            epsilon: reported,
            delta: opts.delta,
            samples: sp.samples,
            seed: opts.seed,
            notes,
        },
    )
}
