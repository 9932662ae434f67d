//! `citynet robustness`: how much a city ranking would move if the programs listed were a
//! little different (leave one program out, bootstrap of programs).

use super::InputArgs;
use crate::error::{Error, Result};
use crate::metrics::plan::PROJECTION_EDGE_LIMIT;
use crate::metrics::robustness::{self as rb, RobustnessOptions};
use crate::model::Dataset;
use crate::pipeline::{self, Ui};
use crate::render::charts::ChartFormat;
use crate::report::{analyses, Staging};
use clap::Args;
use std::path::{Path, PathBuf};

/// `citynet robustness`.
///
/// Per city: `value`, `rank` (1 = the largest value; equal values share the best rank),
/// `loo_rank_min`, `loo_rank_max`, `loo_most_influential` (each program's memberships dropped
/// in turn), `boot_rank_lo`, `boot_rank_hi` (2.5/97.5 % over a bootstrap of programs drawn
/// with replacement, a program drawn twice counting twice) and `p_top10`. Network level:
/// Kendall tau_b of each replicate against the full ranking and the top-10 overlap (median and
/// 95 % interval). Replicate r is seeded from (seed, r): any --threads gives the same bytes.
#[derive(Debug, Args)]
pub struct RobustnessArgs {
    /// Network folder or membership table (programs are what is resampled).
    pub input: PathBuf,
    /// The metric to rank by: degree, strength, betweenness, closeness, harmonic, eigenvector,
    /// pagerank, clustering, core, reach_2, constraint, effective_size.
    #[arg(long, default_value = "strength", value_name = "METRIC")]
    pub metric: String,
    /// The projection: plain (every co-membership; degree and strength by closed forms) or
    /// validated (SDSM recomputed on every replicate, the metric on the kept pairs).
    #[arg(long, value_enum, default_value = "plain")]
    pub projection: super::brokerage::ProjectionChoice,
    /// Bootstrap replicates.
    #[arg(long, default_value_t = 1000, value_name = "N")]
    pub replicates: usize,
    /// Seed of the bootstrap.
    #[arg(long, default_value_t = 1, value_name = "S")]
    pub seed: u64,
    /// Two cities to compare: P(metric_A > metric_B) and the interval of the difference
    /// ("Name" or "Name, Country"; separate the two with a comma or a semicolon).
    #[arg(long, value_name = "A,B")]
    pub pair: Option<String>,
    /// Output: a FILE.csv gets the per-city table alone; any other path is a folder with
    /// robustness.csv, robustness.json and the rank-interval figure [default: the table on
    /// standard output, the summary on standard error].
    #[arg(long = "out", short = 'o', value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Analyse the network as it stood in YEAR.
    #[arg(long, value_name = "YEAR", allow_hyphen_values = true)]
    pub as_of: Option<i32>,
    /// Write CSV text cells as they are, without neutralising spreadsheet formulas.
    #[arg(long)]
    pub raw_csv: bool,
    #[command(flatten)]
    pub input_args: InputArgs,
}

/// Finds the city named `name` ("Name" or "Name, Country", case-insensitive) for `flag`.
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

fn parse_pair(ds: &Dataset, s: &str) -> Result<(usize, usize)> {
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

/// Loads `input` (cut to `as_of`) and checks it has programs.
pub fn load_two_mode(
    input: &Path,
    args: &InputArgs,
    as_of: Option<i32>,
    command: &str,
    ui: Ui,
) -> Result<Dataset> {
    let opts = args.to_options().map_err(Error::Usage)?;
    let (ds, _) = pipeline::load_input(input, &opts, ui)?;
    let ds = match as_of {
        Some(y) => ds.as_of(y),
        None => ds,
    };
    if !ds.is_two_mode() {
        return Err(Error::Usage(format!(
            "{}: {command} needs an input with programs (a membership table or a network folder \
             with memberships); this is {}",
            input.display(),
            pipeline::describe_counts(&ds)
        )));
    }
    Ok(ds)
}

/// Checks `metric` and, for metrics that need the projection rebuilt per replicate, its size.
pub fn check_metric(ds: &Dataset, metric: &str) -> Result<()> {
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
    Ok(())
}

/// Runs the command.
pub fn run(a: RobustnessArgs, ui: Ui) -> Result<()> {
    if a.replicates == 0 {
        return Err(Error::Usage("--replicates must be at least 1".into()));
    }
    let ds = load_two_mode(&a.input, &a.input_args, a.as_of, "robustness", ui)?;
    check_metric(&ds, &a.metric)?;
    if a.projection == super::brokerage::ProjectionChoice::Validated
        && ds.two_mode().projection_estimate().max_edges > PROJECTION_EDGE_LIMIT
    {
        return Err(Error::Usage(
            "--projection validated: the projection is too large to validate on every replicate"
                .into(),
        ));
    }
    let pair = a.pair.as_deref().map(|s| parse_pair(&ds, s)).transpose()?;
    let t = ds.two_mode();
    let pb = ui.step(&format!(
        "{} leave-one-out runs and {} bootstrap replicates of {}",
        ds.programs.len(),
        a.replicates,
        a.metric
    ));
    let metric = a.metric.clone();
    let validated = a.projection == super::brokerage::ProjectionChoice::Validated;
    if validated {
        super::brokerage::validated(&t)?;
    }
    let r = rb::robustness(
        &t,
        &move |t| {
            if validated {
                match super::brokerage::validated(t) {
                    Ok(g) => rb::metric_of_graph(&g, &metric),
                    Err(_) => vec![f64::NAN; t.n_cities()],
                }
            } else {
                rb::metric_of(t, &metric)
            }
        },
        &RobustnessOptions {
            replicates: a.replicates,
            seed: a.seed,
            pair,
        },
    );
    pb.finish_and_clear();
    let table = analyses::robustness_table(&ds, &r).to_csv(a.raw_csv);
    let summary = analyses::robustness_summary(&ds, &a.metric, a.seed, pair, &r);
    for line in analyses::robustness_lines(&summary) {
        ui.info(&line);
    }
    let is_csv = a
        .out
        .as_ref()
        .and_then(|p| p.extension())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    match &a.out {
        None => super::export::emit(None, &table, &ds.files, ui),
        Some(p) if is_csv => super::export::emit(Some(p), &table, &ds.files, ui),
        Some(dir) => {
            let staging = Staging::begin(dir, &ds.files)?;
            staging.write("robustness.csv", &table)?;
            let mut json =
                serde_json::to_vec_pretty(&summary).map_err(|e| Error::Internal(e.into()))?;
            json.push(b'\n');
            staging.write("robustness.json", &json)?;
            for (ext, format) in [("svg", ChartFormat::Svg), ("png", ChartFormat::Png)] {
                let bytes =
                    crate::render::intervals::rank_intervals(&ds, &r, &a.metric, 30, format)?;
                staging.write(&format!("rank-intervals.{ext}"), &bytes)?;
            }
            let dest = staging.commit()?;
            ui.info(&format!("wrote {}", dest.display()));
            Ok(())
        }
    }
}
