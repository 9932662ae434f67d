//! Loading the three kinds of input into a [`Dataset`], reporting every problem in one pass.
//!
//! The kind is detected from the path (a folder is a network folder) and, for a file, from its
//! header (city + program columns: a membership table; source + target: an edge list). `--kind`
//! overrides detection. Column names can be mapped with [`ColumnMap`] so any spreadsheet export
//! works without editing.
//!
//! Reading is a chain of small stages, each in its own module:
//! bytes → decoded text → table ([`super::read::csv_table`]) → columns ([`super::rows::columns`]) → rows
//! ([`super::rows`]) → identity ([`super::identity::row_cities`]) → dataset ([`super::dataset::assemble`]).
//! [`super::membership_table`] and [`super::edge_list`] run the chain for one file;
//! [`super::folder`] for a network folder; [`super::import`] reads GraphML and GEXF.

use super::options::{LoadOptions, Loaded};
use super::rows::columns::ColumnMap;

use super::dataset::{Dataset, InputKind};
use super::diagnostic::{Diagnostic, Diagnostics};
use super::edge_list::load_edge_list;
use super::folder::load_folder;
use super::membership_table::load_membership_table;
use super::read::csv_table::{read_table_bytes_with, read_table_with, TableOptions};
use super::read::shapes::{is_matrix, matrix_identity, matrix_to_long, program_lists};
use super::read::sheet::Table;
use super::rows::columns::{missing_mapped, unknown_kind, CITY, PROGRAM, SOURCE, TARGET};
use super::rows::intake::NaSet;
use std::path::Path;

/// Loads `path`.
pub fn load(path: &Path, opts: &LoadOptions) -> Loaded {
    let mut diags = Diagnostics::default();
    if !path.exists() {
        diags.push(Diagnostic::error(
            path,
            "no such file or folder; expected a network folder, a membership CSV or an edge-list CSV",
        ));
        return Loaded {
            dataset: None,
            diagnostics: diags,
            kind: None,
        };
    }
    if super::import::is_graph_file(path) {
        let mut loaded = super::import::load_graph_file(path, opts);
        if let Some(spec) = &opts.programs {
            loaded.diagnostics.push(Diagnostic::error(
                &spec.path,
                "--programs adds a programs table to a membership table, but the input is a \
                 graph file: its program nodes carry their own attributes",
            ));
            loaded.dataset = None;
            return loaded;
        }
        filter(&mut loaded.dataset, opts, &mut loaded.diagnostics);
        return loaded;
    }
    let kind = forced_kind(path, opts, &mut diags);
    let (dataset, kind) = match kind {
        Some(InputKind::NetworkFolder) => (load_folder(path, opts, &mut diags), kind),
        None if path.is_dir() || opts.kind.is_some() => (None, None),
        _ => {
            let table = read_table_with(path, &table_options(opts), &mut diags);
            load_file_table(table, kind, opts, &mut diags)
        }
    };
    let dataset = with_programs_table(dataset, kind, opts, &mut diags);
    let mut dataset = if diags.has_errors() { None } else { dataset };
    filter(&mut dataset, opts, &mut diags);
    Loaded {
        dataset,
        diagnostics: diags,
        kind,
    }
}

/// Applies the filters of `opts` to a dataset read without errors; a filter that cannot apply
/// leaves no dataset.
fn filter(dataset: &mut Option<Dataset>, opts: &LoadOptions, diags: &mut Diagnostics) {
    if opts.filters.is_empty() || diags.has_errors() {
        return;
    }
    if let Some(ds) = dataset {
        super::dataset::filters::apply(ds, &opts.filters, &opts.columns, diags);
    }
    if diags.has_errors() {
        *dataset = None;
    }
}

/// The dataset with the programs table of `--programs` attached
/// ([`super::dataset::program_table`]); an error for inputs other than a membership table.
fn with_programs_table(
    dataset: Option<Dataset>,
    kind: Option<InputKind>,
    opts: &LoadOptions,
    diags: &mut Diagnostics,
) -> Option<Dataset> {
    let Some(spec) = &opts.programs else {
        return dataset;
    };
    let mut ds = dataset?;
    if ds.kind != InputKind::MembershipTable {
        let what = kind.unwrap_or(ds.kind).describe();
        let why = if ds.kind == InputKind::NetworkFolder {
            "a network folder lists its programs in its own programs.csv"
        } else {
            "an edge list has no programs"
        };
        diags.push(Diagnostic::error(
            &spec.path,
            format!(
                "--programs adds a programs table to a membership table, but the input is \
                 {} {what}: {why}",
                if what.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "an"
                } else {
                    "a"
                }
            ),
        ));
        return None;
    }
    super::dataset::program_table::attach_programs_table(&mut ds, spec, opts, diags);
    Some(ds)
}

/// The kind the path itself decides (a folder) or `--kind` forces; an error when they
/// disagree.
fn forced_kind(path: &Path, opts: &LoadOptions, diags: &mut Diagnostics) -> Option<InputKind> {
    if path.is_dir() {
        if let Some(k) = opts.kind.filter(|&k| k != InputKind::NetworkFolder) {
            diags.push(Diagnostic::error(
                path,
                format!(
                    "--kind {} expects a CSV file, but this is a folder",
                    k.describe()
                ),
            ));
            None
        } else {
            Some(InputKind::NetworkFolder)
        }
    } else if let Some(k) = opts.kind {
        if k == InputKind::NetworkFolder {
            diags.push(Diagnostic::error(
                path,
                "--kind network-folder expects a folder, but this is a file",
            ));
            None
        } else {
            Some(k)
        }
    } else {
        None
    }
}

/// Loads a membership table or an edge list held in memory; `path` names it in messages.
/// The same checks as [`load`] on a file (this is the entry point of the fuzz targets).
pub fn load_csv_bytes(path: &Path, bytes: &[u8], opts: &LoadOptions) -> Loaded {
    let mut diags = Diagnostics::default();
    let table = read_table_bytes_with(path, bytes, &table_options(opts), &mut diags);
    let kind = opts.kind.filter(|&k| k != InputKind::NetworkFolder);
    let (dataset, kind) = load_file_table(table, kind, opts, &mut diags);
    let dataset = if diags.has_errors() { None } else { dataset };
    Loaded {
        dataset,
        diagnostics: diags,
        kind,
    }
}

/// How to read the table of a single-file input.
fn table_options(opts: &LoadOptions) -> TableOptions {
    TableOptions {
        encoding: opts.encoding,
        sheet: opts.sheet.clone(),
        max_memory: opts.max_memory,
    }
}

/// The part of [`load`] for one file, once read: an incidence matrix and one-cell program
/// lists become the long membership table first ([`super::read::shapes`]).
fn load_file_table(
    table: Option<Table>,
    kind: Option<InputKind>,
    opts: &LoadOptions,
    diags: &mut Diagnostics,
) -> (Option<Dataset>, Option<InputKind>) {
    let Some(table) = table else {
        return (None, kind);
    };
    if missing_mapped(&table, &opts.columns, diags) {
        return (None, kind);
    }
    let na = NaSet::new(opts.na.as_deref()).with_columns(&opts.na_col);
    let mut k = kind.or_else(|| detect_kind(&table, &opts.columns, &na));
    let mut table = table;
    if k == Some(InputKind::Matrix) {
        let Some(identity) = matrix_identity(&table, &opts.columns, diags) else {
            return (None, k);
        };
        table = matrix_to_long(&table, &identity, &na);
        k = Some(InputKind::MembershipTable);
    }
    match k {
        Some(InputKind::MembershipTable) => {
            let mut table = program_lists(table, &opts.columns, opts.program_sep.as_deref(), diags);
            (load_membership_table(&mut table, opts, diags), k)
        }
        Some(InputKind::EdgeList) => (load_edge_list(&mut table, opts, diags), k),
        _ => {
            diags.push(unknown_kind(&table, &opts.columns));
            (None, None)
        }
    }
}

/// Detects the kind of a CSV from its header (and, for an incidence matrix, its cells: see
/// [`super::read::shapes::looks_like_matrix`]).
/// `na`: the missing-value markers (a missing matrix cell is no membership).
pub fn detect_kind(t: &Table, cols: &ColumnMap, na: &NaSet) -> Option<InputKind> {
    let has = |user: &Option<String>, names: &[&str]| match user {
        Some(u) => t.col(u).is_some(),
        None => t.col_any(names).is_some(),
    };
    if has(&cols.program, PROGRAM) && has(&cols.city, CITY) {
        Some(InputKind::MembershipTable)
    } else if has(&cols.source, SOURCE) && has(&cols.target, TARGET) {
        Some(InputKind::EdgeList)
    } else if has(&cols.city, CITY) && is_matrix(t, cols, na) {
        Some(InputKind::Matrix)
    } else {
        None
    }
}
