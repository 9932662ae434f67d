//! What the analyses of inputs with programs share (`robustness`, `brokerage`,
//! `connectivity`): loading an input that must have programs, and the choice of city projection.

use super::InputArgs;
use crate::error::{Error, Result};
use crate::graph::Csr;
use crate::model::Dataset;
use crate::pipeline::{self, Ui};
use clap::ValueEnum;
use std::path::Path;

/// Which city projection an analysis runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ProjectionChoice {
    /// Every co-membership, weighted by Σ_p w(a,p)·w(b,p).
    #[default]
    Plain,
    /// Only the co-memberships SDSM finds significant (α = 0.05, Benjamini–Hochberg; see
    /// `citynet backbone`), weighted by the number of shared programs.
    Validated,
}

/// The validated (SDSM) projection of `t` with `citynet backbone`'s defaults.
pub fn validated(t: &crate::graph::TwoMode) -> Result<Csr> {
    pipeline::sdsm_projection(t)
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
        Some(y) => {
            if let Some(w) = ds.as_of_warning(y) {
                ui.info(&w);
            }
            ds.as_of(y)
        }
        None => ds,
    };
    pipeline::require_programs(&ds, input, command)?;
    Ok(ds)
}
