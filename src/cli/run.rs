//! Running a parsed command line.

use super::{AnalyzeArgs, Cli, Command, MetricsArgs, ValidateArgs};
use crate::error::{Error, Result};
use crate::pipeline::{self, AnalyzeConfig, Ui, DEFAULT_NETWORK};
use crate::report::{csv_out, output};
use std::io::Write;
use std::path::PathBuf;

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
        Command::Analyze(a) => analyze(a, ui),
        Command::Metrics(m) => metrics(m, ui),
        Command::Validate(v) => validate(v, ui),
    }
}

fn analyze(a: AnalyzeArgs, ui: Ui) -> Result<()> {
    let input = match a.input {
        Some(i) => i,
        None => {
            let d = PathBuf::from(DEFAULT_NETWORK);
            if !d.exists() {
                return Err(Error::Usage(format!(
                    "no INPUT given and the default network {DEFAULT_NETWORK} is not in this folder; \
                     run citynet from its source folder or name an input"
                )));
            }
            d
        }
    };
    let cfg = AnalyzeConfig {
        input,
        out: a.out,
        load: a.input_args.to_options().map_err(Error::Usage)?,
        metrics: a.metrics,
        figures: !a.no_figures,
        raw_csv: a.raw_csv,
        dpi: a.dpi,
    };
    let outcome = pipeline::analyze(&cfg, ui)?;
    ui.info(&format!("wrote {}/", outcome.dir.display()));
    for f in &outcome.files {
        ui.info(&format!("  {f}"));
    }
    Ok(())
}

fn metrics(m: MetricsArgs, ui: Ui) -> Result<()> {
    let opts = m.input_args.to_options().map_err(Error::Usage)?;
    let format = match &m.output {
        None => "csv",
        Some(p) => match p
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
        {
            Some(e) if e == "csv" => "csv",
            Some(e) if e == "json" => "json",
            _ => {
                return Err(Error::Usage(format!(
                    "-o {}: expected a file ending in .csv or .json",
                    p.display()
                )))
            }
        },
    };
    let (ds, _) = pipeline::load_input(&m.input, &opts, ui)?;
    let gr = pipeline::build_graphs(&ds);
    let names = m.metrics.unwrap_or_else(|| pipeline::default_metrics(&ds));
    let table = pipeline::city_table(&ds, &gr, &names)?;
    let bytes = if format == "json" {
        let rows: Vec<serde_json::Map<String, serde_json::Value>> = (0..table.len())
            .map(|i| {
                let mut row = serde_json::Map::new();
                for (k, v) in &table.text {
                    row.insert(k.clone(), v[i].clone().into());
                }
                for (k, c) in &table.metrics {
                    let v = match c {
                        crate::metrics::Column::Int(v) => serde_json::Value::from(v[i]),
                        crate::metrics::Column::Float(v) => serde_json::Number::from_f64(v[i])
                            .map(serde_json::Value::Number)
                            .unwrap_or(serde_json::Value::Null),
                    };
                    row.insert(k.clone(), v);
                }
                row
            })
            .collect();
        let mut b = serde_json::to_vec_pretty(&rows).map_err(|e| Error::Internal(e.into()))?;
        b.push(b'\n');
        b
    } else {
        let mut b = vec![];
        csv_out::write_csv(&table, &mut b, m.raw_csv).map_err(|e| Error::Internal(e.into()))?;
        b
    };
    match &m.output {
        Some(p) => {
            output::write_file_atomic(p, &bytes, &ds.files)?;
            ui.info(&format!("wrote {}", p.display()));
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)
                .and_then(|_| out.flush())
                .map_err(|e| Error::io("<stdout>", e))?;
        }
    }
    Ok(())
}

fn validate(v: ValidateArgs, ui: Ui) -> Result<()> {
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
