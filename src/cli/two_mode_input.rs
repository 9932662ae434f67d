//! What the analyses of inputs with programs share (`robustness`, `brokerage`,
//! `connectivity`): loading an input that must have programs, and the validated projection.

use super::InputArgs;
use crate::error::{Error, Result};
use crate::model::Dataset;
use crate::pipeline::{self, Ui};
use std::path::Path;

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
