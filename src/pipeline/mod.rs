//! The main job, from a plain configuration: load → graphs → metrics → tables and figures.
//!
//! The CLI and the tests both drive citynet through these functions; nothing here knows clap.

//!
//! One file per step: `graphs` (G and the other layers, the validated projection),
//! `columns` (the city and program tables, the values figures take), `analysis` (the
//! `analyze` command's result folder), `published` (the analyses `analyze` adds), `studies`
//! (robustness, connectivity, brokerage and backbone runs from plain options) and `figures`
//! (one figure of `render`).

use crate::error::{Error, Result};
use crate::model::{self, Dataset, Diagnostics, InputKind, LoadOptions};
use std::path::Path;

mod analysis;
mod columns;
mod convention;
mod figures;
mod graphs;
mod published;
mod studies;

pub use analysis::{analyze, AnalyzeConfig, AnalyzeOutcome};
pub use columns::{
    city_table, city_values, compute, figure_values, graph_measures, program_table, Computed,
};
pub use figures::{render_figure, FigureJob};
pub use graphs::{build_graphs, build_graphs_with, build_validated_graphs, validated};
pub use published::ANALYZE_REPLICATES;
pub use studies::{
    analysis_graph, backbone_tests, brokerage, check_robustness, connectivity, find_city,
    group_labels, parse_pair, require_programs, robustness, sdsm_projection, AnalysisRoute,
    BackboneTests, ANALYSIS_LAYERS,
};

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
    loaded_dataset(input, loaded, Some(ui))
}

/// [`load_input`] printing nothing, not even errors (they are in the returned diagnostics or
/// in [`Error::BadInput`]): the library API's reader.
pub fn read_input(input: &Path, opts: &LoadOptions) -> Result<(Dataset, Diagnostics)> {
    let loaded = model::load(input, opts);
    let (ds, diags) = loaded_dataset(input, loaded, None)?;
    note_rejected(&ds, opts, Ui { quiet: true }, None)?;
    Ok((ds, diags))
}

/// [`read_input`] for a membership table or edge list held in memory as CSV bytes (see
/// [`model::load::load_csv_bytes`]); `name` stands for its path in messages.
pub fn read_csv_bytes(
    name: &Path,
    bytes: &[u8],
    opts: &LoadOptions,
) -> Result<(Dataset, Diagnostics)> {
    let loaded = model::load::load_csv_bytes(name, bytes, opts);
    let (ds, diags) = loaded_dataset(name, loaded, None)?;
    note_rejected(&ds, opts, Ui { quiet: true }, None)?;
    Ok((ds, diags))
}

/// The dataset of a load, its diagnostics printed when `ui` is given; the errors when there
/// is none.
fn loaded_dataset(
    input: &Path,
    loaded: model::Loaded,
    ui: Option<Ui>,
) -> Result<(Dataset, Diagnostics)> {
    if let Some(ui) = ui {
        ui.diagnostics(&loaded.diagnostics, 20);
    }
    match loaded.dataset {
        Some(ds) => {
            if let Some(ui) = ui {
                ui.info(&format!(
                    "read {} as {}{}",
                    input.display(),
                    describe_counts(&ds),
                    if ds.filtered.is_empty() {
                        ""
                    } else {
                        " after these filters:"
                    }
                ));
                for f in &ds.filtered {
                    ui.info(&format!(
                        "{}: removed {} cities, {} programs, {} memberships, {} ties",
                        f.filter,
                        f.cities_removed,
                        f.programs_removed,
                        f.memberships_removed,
                        f.ties_removed
                    ));
                }
            }
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
        m.extend(
            crate::model::metric_names::TWO_MODE_METRICS
                .iter()
                .map(|s| s.to_string()),
        );
    }
    m.extend(
        crate::model::metric_names::NODE_METRICS
            .iter()
            .map(|s| s.to_string()),
    );
    if ds.is_two_mode() && !ds.ties.is_empty() {
        m.extend(TIE_METRICS.iter().map(|s| s.to_string()));
    }
    m
}

pub use crate::metrics::Graphs;
/// The metric names `--metrics` accepts (the Python binding lists them from here).
pub use crate::model::metric_names::known_metrics;
use crate::model::metric_names::TIE_METRICS;
