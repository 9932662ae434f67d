//! `citynet backbone`: the statistically validated projection as a table of pairs.

use super::InputArgs;
use crate::error::{Error, Result};
use crate::metrics::backbone::{self, BackboneOptions, Correction, Model, PValue, TestCount};
use crate::pipeline::{self, Ui};
use crate::report::{backbone as csv, output};
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};

/// Null model of the validated projection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModelArg {
    /// Stochastic degree sequence model, BiCM probabilities (Neal 2014; Saracco et al. 2015).
    Sdsm,
    /// Hypergeometric model: city degrees fixed, every program equally likely.
    Fixedrow,
    /// Disparity filter (Serrano et al. 2009) on the weighted projection (or the direct ties).
    Disparity,
    /// Keep pairs whose weight is at least --min-weight (no test).
    Threshold,
}

/// How SDSM p-values are computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PValueArg {
    /// Exact Poisson-binomial upper tail.
    Exact,
    /// Poisson approximation (as `bicm`'s "poisson").
    Poisson,
    /// Refined normal approximation (as R backbone 2.x).
    Rna,
}

/// Multiple-testing correction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CorrectionArg {
    /// No correction (R backbone's default `mtc = "none"`).
    None,
    /// Benjamini–Hochberg false discovery rate (R's `p.adjust` method "BH", also "fdr").
    #[value(alias = "BH", alias = "bh")]
    Fdr,
    /// Bonferroni.
    Bonferroni,
    /// Holm step-down.
    Holm,
}

/// Which pairs the correction counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TestsArg {
    /// Pairs sharing at least one program (as R backbone).
    Tested,
    /// All n(n−1)/2 city pairs (as the bicm package).
    All,
}

/// Options of the validated projection, shared by `backbone` and `--graph validated`.
#[derive(Debug, Args, Clone)]
pub struct ValidationArgs {
    /// Null model of the validated projection.
    #[arg(long, value_enum, default_value = "sdsm")]
    pub model: ModelArg,
    /// Significance level α: a pair is kept iff its adjusted p-value is below it.
    #[arg(long, default_value_t = 0.05, value_name = "ALPHA")]
    pub alpha: f64,
    /// Multiple-testing correction (`--mtc` as in R backbone, which takes R's `p.adjust`
    /// method names: none, BH, bonferroni, holm). The default, BH, differs from backbone's
    /// `mtc = "none"`: with millions of tested pairs an uncorrected α = 0.05 lets through up to
    /// 5% of them by chance.
    #[arg(long, visible_alias = "mtc", value_enum, default_value = "fdr")]
    pub correction: CorrectionArg,
    /// Which pairs the correction counts: those sharing ≥ 1 program, or all n(n−1)/2.
    #[arg(long, value_enum, default_value = "tested")]
    pub tests: TestsArg,
    /// SDSM p-values: exact, or the Poisson / RNA approximations (for parity with other tools).
    #[arg(long, value_enum, default_value = "exact")]
    pub pvalue: PValueArg,
    /// Minimum weight (shared programs) of --model threshold.
    #[arg(
        long = "keep-min-weight",
        alias = "validated-min-weight",
        value_name = "W"
    )]
    pub keep_min_weight: Option<f64>,
    /// Structural zeros (SDSM-EC): CSV of program,country and/or program,region rows naming
    /// who could join each listed program.
    #[arg(long, value_name = "FILE")]
    pub eligible: Option<PathBuf>,
}

impl ValidationArgs {
    /// The plain options (eligibility is read later, against the dataset).
    pub fn to_options(&self, min_weight: Option<f64>) -> Result<BackboneOptions> {
        let model =
            match self.model {
                ModelArg::Sdsm => Model::Sdsm,
                ModelArg::Fixedrow => Model::FixedRow,
                ModelArg::Disparity => Model::Disparity,
                ModelArg::Threshold => match min_weight.or(self.keep_min_weight) {
                    Some(w) => Model::Threshold(w),
                    None => return Err(Error::Usage(
                        "--model threshold needs --min-weight W (keep pairs sharing ≥ W programs)"
                            .into(),
                    )),
                },
            };
        if !(self.alpha > 0.0 && self.alpha <= 1.0) {
            return Err(Error::Usage(format!(
                "--alpha {}: expected a number in (0, 1], e.g. 0.05",
                self.alpha
            )));
        }
        Ok(BackboneOptions {
            model,
            pvalue: match self.pvalue {
                PValueArg::Exact => PValue::Exact,
                PValueArg::Poisson => PValue::Poisson,
                PValueArg::Rna => PValue::Rna,
            },
            alpha: self.alpha,
            correction: match self.correction {
                CorrectionArg::None => Correction::None,
                CorrectionArg::Fdr => Correction::Fdr,
                CorrectionArg::Bonferroni => Correction::Bonferroni,
                CorrectionArg::Holm => Correction::Holm,
            },
            tests: match self.tests {
                TestsArg::Tested => TestCount::Tested,
                TestsArg::All => TestCount::All,
            },
            eligibility: None,
        })
    }
}

/// `citynet backbone`.
///
/// Tests every pair of cities sharing at least one program: is the number of programs they
/// share larger than the cities' and programs' sizes explain? Writes the kept pairs (or, with
/// --all-pairs, every tested pair) with the expected count, the p-value and the adjusted
/// p-value. Stderr names the model, α, the correction and which pairs it counted.
#[derive(Debug, Args)]
pub struct BackboneArgs {
    /// Network folder, membership table (CSV, Excel) or edge list.
    pub input: PathBuf,
    /// Output CSV [default: standard output].
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write every tested pair, not only the kept ones.
    #[arg(long)]
    pub all_pairs: bool,
    /// Keep pairs sharing at least W programs (--model threshold).
    #[arg(long, value_name = "W")]
    pub min_weight: Option<f64>,
    /// Analyse the network as it stood in YEAR.
    #[arg(long, value_name = "YEAR", allow_hyphen_values = true)]
    pub as_of: Option<i32>,
    /// Write CSV text cells as they are, without neutralising spreadsheet formulas.
    #[arg(long)]
    pub raw_csv: bool,
    #[command(flatten)]
    pub validation: ValidationArgs,
    #[command(flatten)]
    pub input_args: InputArgs,
}

/// Reads `--eligible` for the dataset into the options.
pub fn with_eligibility(
    mut opts: BackboneOptions,
    eligible: Option<&Path>,
    ds: &crate::model::Dataset,
) -> Result<BackboneOptions> {
    if let Some(p) = eligible {
        opts.eligibility =
            Some(crate::model::dataset::eligible::read(p, ds).map_err(Error::Usage)?);
    }
    Ok(opts)
}

/// Runs the command.
pub fn run(a: BackboneArgs, ui: Ui) -> Result<()> {
    let opts = a.input_args.to_options().map_err(Error::Usage)?;
    let bopts = a.validation.to_options(a.min_weight)?;
    let (ds, _) = pipeline::load_input(&a.input, &opts, ui)?;
    let ds = match a.as_of {
        Some(y) => {
            if let Some(w) = ds.as_of_warning(y) {
                ui.info(&w);
            }
            ds.as_of(y)
        }
        None => ds,
    };
    let bopts = with_eligibility(bopts, a.validation.eligible.as_deref(), &ds)?;
    let pb = ui.step("testing the co-membership pairs");
    let tests = pipeline::backbone_tests(&ds, &bopts, &a.input)?;
    let write = |w: &mut dyn std::io::Write| -> Result<backbone::BackboneReport> {
        let io = |e| Error::io(a.output.as_deref().unwrap_or(Path::new("<stdout>")), e);
        match &tests {
            pipeline::BackboneTests::Pairs { two_mode, table } => {
                csv::write_pair_table(w, &ds, two_mode, table, a.all_pairs, a.raw_csv)
            }
            pipeline::BackboneTests::Classes { view, tests, .. } => {
                csv::write_class_tests(w, &ds, view, tests, a.all_pairs, a.raw_csv)
            }
            pipeline::BackboneTests::Edges { tests, .. } => {
                csv::write_edge_tests(w, &ds, tests, a.all_pairs, a.raw_csv)
            }
        }
        .map_err(io)?;
        Ok(tests.report().clone())
    };
    let report = match &a.output {
        Some(p) => {
            let mut rep = None;
            let mut failure = None;
            output::write_file_atomic_with(p, &ds.files, |w| match write(w) {
                Ok(r) => {
                    rep = Some(r);
                    Ok(())
                }
                Err(e) => {
                    let msg = e.to_string();
                    failure = Some(e);
                    Err(std::io::Error::other(msg))
                }
            })
            .map_err(|e| failure.take().unwrap_or(e))?;
            rep.expect("written")
        }
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let r = write(&mut out)?;
            std::io::Write::flush(&mut out).map_err(|e| Error::io("<stdout>", e))?;
            r
        }
    };
    pb.finish_and_clear();
    if let Some(w) = report.fit_warning() {
        ui.info(&w);
    }
    ui.info(&format!(
        "{}{}",
        report.describe(),
        match report.tests.as_str() {
            "all" => " (the correction counts all n(n−1)/2 city pairs, as the bicm package does)",
            _ => " (the correction counts the pairs sharing at least one program, as R backbone does)",
        }
    ));
    if let Some(p) = &a.output {
        ui.info(&format!("wrote {}", p.display()));
    }
    Ok(())
}
