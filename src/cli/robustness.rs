//! `citynet robustness`: how much a city ranking would move if the programs listed were a
//! little different (leave one program out, bootstrap of programs).

use super::two_mode_input::load_two_mode;
use super::InputArgs;
use crate::error::{Error, Result};
use crate::graph::Layer;
use crate::metrics::robustness::RobustnessOptions;
use crate::pipeline::{self, Ui};
use crate::render::charts::ChartFormat;
use crate::report::{analyses, Staging};
use clap::Args;
use std::path::PathBuf;

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
    /// The graph: projection (every co-membership; degree and strength by closed forms) or
    /// validated (SDSM recomputed on every replicate, the metric on the kept pairs)
    /// [default: projection].
    #[arg(long, value_enum, value_name = "GRAPH")]
    pub graph: Option<Layer>,
    /// Deprecated spelling of --graph (plain: projection); removed in the next release.
    #[arg(long, hide = true, value_parser = ["plain", "validated"])]
    pub projection: Option<String>,
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

pub use crate::pipeline::find_city;

impl RobustnessArgs {
    /// Whether the metric is ranked on the validated projection (`--graph validated`, or the
    /// deprecated `--projection validated`); `warn` receives the deprecation warning.
    ///
    /// # Errors
    /// [`Error::Usage`] for a graph robustness does not run on, or two options that disagree.
    pub fn validated(&self, warn: &mut dyn FnMut(String)) -> Result<bool> {
        super::graph_arg::resolve(
            "robustness",
            self.graph,
            "--projection",
            self.projection.as_deref(),
            &super::graph_arg::CITY_GRAPHS,
            warn,
        )
        .map(|l| l == Layer::Validated)
    }
}

/// Runs the command.
pub fn run(a: RobustnessArgs, ui: Ui) -> Result<()> {
    if a.replicates == 0 {
        return Err(Error::Usage("--replicates must be at least 1".into()));
    }
    let validated = a.validated(&mut |w| ui.info(&w))?;
    let ds = load_two_mode(&a.input, &a.input_args, a.as_of, "robustness", ui)?;
    pipeline::check_robustness(&ds, &a.metric, validated)?;
    let pair = a
        .pair
        .as_deref()
        .map(|s| pipeline::parse_pair(&ds, s))
        .transpose()?;
    let pb = ui.step(&format!(
        "{} leave-one-out runs and {} bootstrap replicates of {}",
        ds.programs.len(),
        a.replicates,
        a.metric
    ));
    let r = pipeline::robustness(
        &ds,
        &a.metric,
        validated,
        &RobustnessOptions {
            replicates: a.replicates,
            seed: a.seed,
            pair,
        },
    )?;
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
