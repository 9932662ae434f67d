//! Running a parsed command line.

use super::{Cli, Command};
use crate::error::{Error, Result};
use crate::pipeline::Ui;

/// Runs `cli`.
pub fn run(cli: Cli) -> Result<()> {
    if let Some(n) = cli.global.threads {
        if n == 0 {
            return Err(Error::Usage("--threads must be at least 1".into()));
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .map_err(|e| Error::Internal(e.into()))?;
    }
    let ui = Ui {
        quiet: cli.global.quiet,
    };
    match cli.command {
        Command::Analyze(a) => super::analyze::run(a, ui),
        Command::Backbone(b) => super::backbone::run(b, ui),
        Command::Metrics(m) => super::metrics::run(m, ui),
        Command::Validate(v) => super::validate::run(v, ui),
        Command::Render(r) => super::render::run(r, ui),
        Command::Export(a) => super::export::run(a, ui),
        Command::Table(a) => super::table::run(a, ui),
        Command::Evolve(a) => super::evolve::run(a, ui),
        Command::Compare(a) => super::compare::run(a, ui),
        Command::Robustness(a) => super::robustness::run(a, ui),
        Command::Brokerage(a) => super::brokerage::run(a, ui),
        Command::Connectivity(a) => super::connectivity::run(a, ui),
        Command::Curate(c) => super::curate::run(c, ui),
    }
}
