//! The analyses of `robustness`, `brokerage` and `connectivity` from plain options: finding a
//! city by name, the graph an analysis runs on, the groups of its cities, and the runs
//! themselves. The CLI and the library API ([`crate::api`]) both call these.

use super::Ui;
use crate::error::{Error, Result};
use crate::graph::{Csr, Layer, TwoMode};
use crate::metrics::backbone::disparity_twins::{disparity_class_tests, ClassTest};
use crate::metrics::backbone::{self, BackboneOptions, BackboneReport, EdgeTest, Model, PairTable};
use crate::metrics::gawc::{self, GawcSuite};
use crate::metrics::plan::PROJECTION_EDGE_LIMIT;
use crate::metrics::robustness::{self as rb, Robustness, RobustnessOptions};
use crate::metrics::twin_view::{self, TwinView};
use crate::model::Dataset;

/// The validated (SDSM) projection of `t` with `citynet backbone`'s defaults.
///
/// # Errors
/// [`Error::Usage`] when the test cannot run on `t`.
pub fn sdsm_projection(t: &TwoMode) -> Result<Csr> {
    crate::metrics::backbone::validated_projection(t, &Default::default())
        .map(|v| v.graph)
        .map_err(|e| Error::Usage(format!("--graph validated: {e}")))
}

/// Finds the city named `name` ("Name" or "Name, Country", case-insensitive) for `flag` (the
/// option named in the error).
///
/// # Errors
/// [`Error::Usage`] when no city or more than one has that name.
pub fn find_city(ds: &Dataset, name: &str, flag: &str) -> Result<usize> {
    let want = name.trim().to_lowercase();
    let by_label: Vec<usize> = (0..ds.cities.len())
        .filter(|&c| ds.city_label(c).to_lowercase() == want)
        .collect();
    if by_label.len() == 1 {
        return Ok(by_label[0]);
    }
    let by_name: Vec<usize> = (0..ds.cities.len())
        .filter(|&c| ds.cities[c].name.trim().to_lowercase() == want)
        .collect();
    match by_name.len() {
        1 => Ok(by_name[0]),
        0 => Err(Error::Usage(format!(
            "{flag} {name:?}: no such city in the input (citynet metrics lists every city)"
        ))),
        _ => Err(Error::Usage(format!(
            "{flag} {name:?} is ambiguous: {}; write \"Name, Country\"",
            by_name
                .iter()
                .map(|&c| format!("{:?}", ds.city_label(c)))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// Parses `--pair A,B` ("Name, Country;Name, Country" when a label has a comma) into two
/// distinct cities.
///
/// # Errors
/// [`Error::Usage`] unless the text names two distinct cities.
pub fn parse_pair(ds: &Dataset, s: &str) -> Result<(usize, usize)> {
    // "A,B" unless a city label itself has a comma ("Paris, France;Seoul, South Korea").
    let parts: Vec<&str> = if s.contains(';') {
        s.split(';').collect()
    } else {
        s.split(',').collect()
    };
    if parts.len() != 2 {
        return Err(Error::Usage(format!(
            "--pair {s:?}: expected two cities, \"A,B\" (or \"Name, Country;Name, Country\")"
        )));
    }
    let a = find_city(ds, parts[0], "--pair")?;
    let b = find_city(ds, parts[1], "--pair")?;
    if a == b {
        return Err(Error::Usage(format!(
            "--pair {s:?}: the two cities are one"
        )));
    }
    Ok((a, b))
}

/// Checks that `ds` has programs, for `command` (named in the error with `input`).
///
/// # Errors
/// [`Error::Usage`] for an input without programs.
pub fn require_programs(ds: &Dataset, input: &std::path::Path, command: &str) -> Result<()> {
    if !ds.is_two_mode() {
        return Err(Error::Usage(format!(
            "{}: {command} needs an input with programs (a membership table or a network folder \
             with memberships); this is {}",
            input.display(),
            super::describe_counts(ds)
        )));
    }
    Ok(())
}

/// Checks `metric` for a robustness run and, for metrics that need the projection rebuilt per
/// replicate (and for the validated projection), its size.
///
/// # Errors
/// [`Error::Usage`] for a metric that cannot be ranked or a projection too large to rebuild.
pub fn check_robustness(ds: &Dataset, metric: &str, validated: bool) -> Result<()> {
    let rankable = rb::rankable_metrics();
    if !rankable.contains(&metric) {
        return Err(Error::Usage(format!(
            "--metric {metric:?}: expected one of {}",
            rankable.join(", ")
        )));
    }
    let est = ds.two_mode().projection_estimate();
    if !rb::CLOSED_FORM_METRICS.contains(&metric) && est.max_edges > PROJECTION_EDGE_LIMIT {
        return Err(Error::Usage(format!(
            "--metric {metric}: robustness rebuilds the projection for every replicate, and this \
             one has up to {} edges (above {PROJECTION_EDGE_LIMIT}); degree and strength have \
             closed forms that need no projection: use --metric strength or --metric degree",
            est.max_edges
        )));
    }
    if validated && est.max_edges > PROJECTION_EDGE_LIMIT {
        return Err(Error::Usage(
            "--graph validated: the projection is too large to validate on every replicate".into(),
        ));
    }
    Ok(())
}

/// The rank robustness of `metric` (see [`rb::robustness`]): on the plain projection, or with
/// `validated` on the SDSM projection recomputed for every replicate. Call
/// [`check_robustness`] first.
///
/// # Errors
/// [`Error::Usage`] when the validated projection cannot be computed on the full input.
pub fn robustness(
    ds: &Dataset,
    metric: &str,
    validated: bool,
    opts: &RobustnessOptions,
) -> Result<Robustness> {
    let t = ds.two_mode();
    if validated {
        sdsm_projection(&t)?;
    }
    let metric = metric.to_string();
    Ok(rb::robustness(
        &t,
        &move |t| {
            if validated {
                match sdsm_projection(t) {
                    Ok(g) => rb::metric_of_graph(&g, &metric),
                    Err(_) => vec![f64::NAN; t.n_cities()],
                }
            } else {
                rb::metric_of(t, &metric)
            }
        },
        opts,
    ))
}

/// The group of every city by `column` (see [`Dataset::groups_by`]), with a warning when some
/// cities have no value (they form one group, "(missing)").
///
/// # Errors
/// [`Error::Usage`] when the cities have no such column.
pub fn group_labels(ds: &Dataset, column: &str, ui: Ui) -> Result<(Vec<u32>, Vec<String>)> {
    let g = ds.groups_by(column).map_err(Error::Usage)?;
    if g.missing > 0 {
        ui.info(&format!(
            "warning: {} of {} cities have no {column}; they form one group, \"{}\"",
            g.missing,
            g.labels.len(),
            crate::model::dataset::groups::MISSING_GROUP
        ));
    }
    Ok((g.labels, g.names))
}

/// The graph an analysis runs on: built, or the city projection through its twin classes when
/// it is too large to build.
pub enum AnalysisRoute {
    /// The graph, and what it is ("city projection", "direct ties"...).
    Built(Csr, &'static str),
    /// The city projection through its twin classes (never built).
    Classes(Box<TwinView>),
}

/// The layers an analysis of cities by their ties runs on.
pub const ANALYSIS_LAYERS: [Layer; 3] = [Layer::Projection, Layer::Validated, Layer::Ties];

/// The graph an analysis runs on (see [`AnalysisRoute`]): one of [`ANALYSIS_LAYERS`]; `None`
/// is the projection for inputs with programs and the ties otherwise. `command` names the
/// analysis in messages (`brokerage`).
///
/// # Errors
/// [`Error::Usage`] for the two-mode graph or the program projection, when the input has no
/// such graph, or the projection is too large to build and to compute through twin classes.
pub fn analysis_graph(ds: &Dataset, choice: Option<Layer>, command: &str) -> Result<AnalysisRoute> {
    let choice = choice.unwrap_or(if ds.is_two_mode() {
        Layer::Projection
    } else {
        Layer::Ties
    });
    match choice {
        Layer::TwoMode | Layer::Programs => Err(Error::Usage(format!(
            "{command} --graph {}: {command} runs on the ties between cities: --graph {}",
            choice.name(),
            Layer::list(&ANALYSIS_LAYERS)
        ))),
        Layer::Ties => {
            if ds.is_two_mode() && ds.ties.is_empty() {
                return Err(Error::Usage(
                    "--graph ties: the input has no direct ties (ties.csv)".into(),
                ));
            }
            Ok(AnalysisRoute::Built(ds.tie_graph(), "direct ties"))
        }
        Layer::Validated => {
            if !ds.is_two_mode() {
                return Err(Error::Usage(format!(
                    "{command} --graph validated needs an input with programs"
                )));
            }
            check_size(ds, command)?;
            Ok(AnalysisRoute::Built(
                sdsm_projection(&ds.two_mode())?,
                "validated (SDSM) projection",
            ))
        }
        Layer::Projection => {
            if !ds.is_two_mode() {
                return Ok(AnalysisRoute::Built(ds.tie_graph(), "direct ties"));
            }
            let t = ds.two_mode();
            if twin_view::prefer_classes(&t) {
                return TwinView::within_limit(&t)
                    .map(|q| AnalysisRoute::Classes(Box::new(q)))
                    .map_err(|k| {
                        Error::Usage(format!(
                            "the city projection has up to {} edges (above {}), too many to \
                             build, and its {} cities fall in {k} twin classes (cities with the \
                             same programs), above the {} this analysis computes through; use a \
                             smaller input{}",
                            t.projection_estimate().max_edges,
                            PROJECTION_EDGE_LIMIT,
                            t.n_cities(),
                            twin_view::MAX_CLASSES,
                            if ds.ties.is_empty() {
                                ""
                            } else {
                                ", or --graph ties"
                            }
                        ))
                    });
            }
            Ok(AnalysisRoute::Built(t.project_cities(), "city projection"))
        }
    }
}

fn check_size(ds: &Dataset, command: &str) -> Result<()> {
    let est = ds.two_mode().projection_estimate();
    if est.max_edges > PROJECTION_EDGE_LIMIT {
        let instead = if ds.ties.is_empty() {
            "--graph projection (computed through the twin classes of the cities)"
        } else {
            "--graph projection (computed through the twin classes of the cities) or --graph ties"
        };
        return Err(Error::Usage(format!(
            "{command} --graph validated: the city projection has up to {} edges (above {}), too many \
             to test and keep here: use {instead}, or a smaller input",
            est.max_edges, PROJECTION_EDGE_LIMIT
        )));
    }
    Ok(())
}

/// The Gould–Fernandez brokerage counts of every city by `labels` on `route`.
pub fn brokerage(route: &AnalysisRoute, labels: &[u32]) -> crate::metrics::brokerage::Brokerage {
    match route {
        AnalysisRoute::Built(g, _) => crate::metrics::brokerage::brokerage(g, labels),
        AnalysisRoute::Classes(q) => crate::metrics::brokerage_twins::brokerage(q, labels),
    }
}

/// The GaWC suite (see [`gawc::suite`]) on the valued projection (`validated`: the SDSM
/// projection; through twin classes when too large to build), or the tie graph of an input
/// without programs: groups by the city attribute `group`, the relative hinterworlds of the
/// cities `hinterworld`, the `dyads` strongest ranks of pairs.
///
/// # Errors
/// [`Error::Usage`] for an unknown group column or a projection that cannot be used.
pub fn connectivity(
    ds: &Dataset,
    group: &str,
    hinterworld: &[usize],
    dyads: usize,
    validated: bool,
    ui: Ui,
) -> Result<GawcSuite> {
    let (labels, group_names) = group_labels(ds, group, ui)?;
    let choice = if validated {
        Layer::Validated
    } else {
        Layer::Projection
    };
    Ok(match analysis_graph(ds, Some(choice), "connectivity")? {
        AnalysisRoute::Built(g, _) => gawc::suite(&g, labels, group_names, hinterworld, dyads),
        AnalysisRoute::Classes(q) => {
            ui.info(&format!(
                "the city projection ({} edges) is computed through the {} twin classes of \
                 its {} cities, not built",
                q.edge_count(),
                q.n_classes(),
                q.n_cities()
            ));
            let s = crate::metrics::gawc_twins::suite(&q, labels, group_names, hinterworld, dyads);
            let ranked = crate::metrics::gawc_twins::top_dyads_count(&q, dyads);
            if ranked > s.dyads.len() as u64 {
                ui.info(&format!(
                    "warning: dyads.csv lists {} pairs: the {dyads} ranks asked for hold {ranked} \
                     pairs (twins tie by the thousand), and a rank is listed whole only within \
                     {} rows; ask fewer --dyads",
                    s.dyads.len(),
                    crate::metrics::gawc_twins::DYAD_ROW_LIMIT
                ));
            }
            s
        }
    })
}

/// The tests of `citynet backbone`: per pair of cities sharing a program (SDSM, fixed-row,
/// threshold), or per edge of the weighted projection or tie graph (disparity filter).
pub enum BackboneTests {
    /// A class-based test over the two-mode graph.
    Pairs {
        two_mode: TwoMode,
        table: Box<PairTable>,
    },
    /// The disparity filter through the twin classes of a projection too large to build.
    Classes {
        view: Box<TwinView>,
        tests: Vec<ClassTest>,
        report: BackboneReport,
    },
    /// An edge-based test.
    Edges {
        tests: Vec<EdgeTest>,
        report: BackboneReport,
    },
}

impl BackboneTests {
    /// What was tested and kept.
    pub fn report(&self) -> &BackboneReport {
        match self {
            BackboneTests::Pairs { table, .. } => &table.report,
            BackboneTests::Classes { report, .. } | BackboneTests::Edges { report, .. } => report,
        }
    }

    /// The table of `citynet backbone`: the kept pairs, or every tested pair with `all_pairs`.
    pub fn rows(&self, ds: &Dataset, all_pairs: bool) -> crate::report::analyses::Rows {
        match self {
            BackboneTests::Pairs { two_mode, table } => {
                crate::report::backbone::pair_rows(ds, two_mode, table, all_pairs)
            }
            BackboneTests::Classes { view, tests, .. } => {
                crate::report::backbone::class_rows(ds, view, tests, all_pairs)
            }
            BackboneTests::Edges { tests, .. } => {
                crate::report::backbone::edge_rows(ds, tests, all_pairs)
            }
        }
    }
}

/// Runs the backbone test `opts` chooses on `ds` (`input` is named in errors).
///
/// # Errors
/// [`Error::Usage`] for a model the input cannot take (SDSM or fixed-row without programs) or
/// options the test refuses.
pub fn backbone_tests(
    ds: &Dataset,
    opts: &BackboneOptions,
    input: &std::path::Path,
) -> Result<BackboneTests> {
    if ds.is_two_mode() && opts.model != Model::Disparity {
        let t = ds.two_mode();
        let table = PairTable::compute(&t, opts).map_err(|e| Error::Usage(e.to_string()))?;
        return Ok(BackboneTests::Pairs {
            two_mode: t,
            table: Box::new(table),
        });
    }
    if let Some(q) = ds
        .is_two_mode()
        .then(|| TwinView::when_preferred(&ds.two_mode()))
        .flatten()
    {
        let (tests, report) = disparity_class_tests(&q, opts);
        return Ok(BackboneTests::Classes {
            view: Box::new(q),
            tests,
            report,
        });
    }
    if !ds.is_two_mode() && !matches!(opts.model, Model::Disparity | Model::Threshold(_)) {
        return Err(Error::Usage(format!(
            "--model {} needs programs (a membership table or network folder); {} has \
             none: use --model disparity or threshold",
            opts.model.name(),
            input.display()
        )));
    }
    let g = if ds.is_two_mode() {
        ds.two_mode().project_cities()
    } else {
        ds.tie_graph()
    };
    let (tests, report) = backbone::disparity_tests(&g, opts, g.node_count());
    Ok(BackboneTests::Edges { tests, report })
}
