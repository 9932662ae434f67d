//! `citynet validate`: every problem of an input, nothing written. Exit 0 only when every row
//! is usable; 2 when any row would be rejected or the input has errors.

use super::InputArgs;
use crate::error::{Error, Result};
use crate::pipeline::{self, Ui};
use clap::Args;
use std::path::PathBuf;

/// `citynet validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Network folder, membership CSV or edge-list CSV.
    pub input: PathBuf,
    #[command(flatten)]
    pub input_args: InputArgs,
}

/// Runs the command.
pub fn run(v: ValidateArgs, ui: Ui) -> Result<()> {
    let opts = v.input_args.to_options().map_err(Error::Usage)?;
    // Validation always shows every warning: that is what it is for.
    let loaded = crate::model::load(&v.input, &opts);
    let d = &loaded.diagnostics;
    for x in &d.0 {
        eprintln!("{x}");
    }
    let (e, w) = (d.errors().count(), d.warnings().count());
    match &loaded.dataset {
        Some(ds) => {
            // Validation lists every rejected row: that is what it is for.
            for r in ds.intake.iter().flat_map(|i| &i.rejected) {
                let mut d = r.to_diagnostic(crate::model::Severity::Warning);
                d.message = format!("rejected: {}", d.message);
                eprintln!("{d}");
            }
            pipeline::note_rejected(ds, &opts, ui, None)?;
            // Usable only when every row is: a row `analyze` would leave out is a problem here.
            if let Some(i) = ds.intake.as_ref().filter(|i| !i.rejected.is_empty()) {
                eprintln!(
                    "{}: not valid: {} (listed above; `analyze` and the other commands would \
                     leave them out)",
                    v.input.display(),
                    i.describe()
                );
                return Err(Error::Rejected(i.problems()));
            }
            if !ui.quiet {
                println!(
                    "{}: valid: {}; {w} warning(s)",
                    v.input.display(),
                    pipeline::describe_counts(ds)
                );
            }
            Ok(())
        }
        None => Err(Error::BadInput {
            count: e.max(1),
            diagnostics: loaded.diagnostics,
        }),
    }
}
