//! A programs table beside a membership table (`--programs FILE`): one row per program, a name
//! column and any other columns as program attributes, as a network folder's programs.csv.
//!
//! **Enters**: a [`Dataset`] read from a membership table (or incidence matrix) and the path of
//! the programs table (CSV or workbook). **Leaves**: the same dataset with the table's
//! attributes on its programs ([`Dataset::program_attrs`]), the programs that no membership
//! names added as programs without members (degree 0 in the two-mode graph), the table's
//! rejected rows after the membership table's in [`Dataset::intake`], and what was matched in
//! [`Dataset::programs_table`].
//!
//! Names match as the membership table's programs are keyed ([`key`]: white space, Unicode
//! form and case do not matter). Every row is accounted for: a row without a name is rejected
//! (rejected.csv, with file, line and column); a name listed again is kept once when its row
//! says the same, and rejected when its attributes differ (the first row is kept).

use super::assemble::Programs;
use super::{Dataset, Program};
use crate::model::diagnostic::{Diagnostic, Diagnostics};
use crate::model::identity::name_key::{display, key};
use crate::model::options::{LoadOptions, ProgramsFile};
use crate::model::read::csv_table::{read_table_with, TableOptions};
use crate::model::read::sheet::{Row, Table};
use crate::model::rows::columns::find_col;
use crate::model::rows::intake::{blank_missing, NaSet, Rejects, TableRows};
use crate::model::rows::{empty_name, has_rows};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// The names a programs table's name column goes by, in order (any case).
pub const NAME_COLUMNS: &[&str] = &["name", "program", "network"];

/// How many names a warning lists before "…".
const FIRST_NAMES: usize = 5;

/// What reading a programs table matched.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ProgramsTableReport {
    pub file: PathBuf,
    /// Data rows read, used and rejected (rejected rows are listed in rejected.csv).
    pub rows_read: usize,
    pub rows_used: usize,
    pub rows_rejected: usize,
    /// Programs of the table that no membership names: kept as programs without members.
    pub without_members: usize,
    /// Programs of the memberships that the table does not list: kept, without attributes.
    pub not_in_table: usize,
}

/// Reads the programs table `spec` and attaches it to `ds` (see the module text). Problems go
/// to `diags`; a table that cannot be read at all is an error there.
pub(crate) fn attach_programs_table(
    ds: &mut Dataset,
    spec: &ProgramsFile,
    opts: &LoadOptions,
    diags: &mut Diagnostics,
) {
    let table_opts = TableOptions {
        encoding: opts.encoding,
        sheet: None,
        max_memory: opts.max_memory,
    };
    let Some(mut t) = read_table_with(&spec.path, &table_opts, diags) else {
        return;
    };
    ds.files.push(spec.path.clone());
    if !has_rows(&t, "program", diags) {
        return;
    }
    let Some(name_c) = find_col(
        &t,
        &spec.name_col,
        NAME_COLUMNS,
        true,
        "--programs-name-col",
        diags,
    ) else {
        return;
    };
    let attr_cols: Vec<usize> = (0..t.headers.len())
        .filter(|&i| i != name_c && !t.is_row_names(i))
        .collect();
    let na = NaSet::new(opts.na.as_deref()).with_columns(&opts.na_col);
    let blanked = blank_missing(&mut t, &[name_c], &attr_cols, &na, diags);
    let t = &t;
    let mut rejects = Rejects::new(opts.strict);
    rejects.take_table_errors(t, diags);
    let mut programs = Programs::from_list(std::mem::take(&mut ds.programs));
    let members = programs.list.len();
    let mut listed = vec![false; members];
    let mut first: HashMap<String, (u64, BTreeMap<String, String>)> = HashMap::new();
    for (i, row) in t.rows.iter().enumerate() {
        let mut scratch = Diagnostics::default();
        let program = table_row(t, row, name_c, &attr_cols, &mut first, &mut scratch);
        if !rejects.settle(t, (i, row), &blanked, scratch, diags) {
            continue;
        }
        let Some(p) = program else { continue };
        match programs.get(&p.name) {
            Some(id) if (id as usize) < members => {
                listed[id as usize] = true;
                programs.list[id as usize].attrs = p.attrs;
            }
            Some(_) => {}
            None => {
                programs.push(p);
            }
        }
    }
    let intake = rejects.finish(t, diags);
    ds.program_attrs = attr_cols.iter().map(|&i| t.keys()[i].clone()).collect();
    let without_members = programs.list.len() - members;
    let missing: Vec<&str> = (0..members)
        .filter(|&p| !listed[p])
        .map(|p| programs.list[p].name.as_str())
        .collect();
    warn_unmatched(t, without_members, &missing, diags);
    let report = ProgramsTableReport {
        file: spec.path.clone(),
        rows_read: intake.rows_read,
        rows_used: intake.rows_used,
        rows_rejected: intake.rows_rejected,
        without_members,
        not_in_table: missing.len(),
    };
    ds.programs = programs.list;
    if let Some(main) = ds.intake.as_mut() {
        main.beside.push(TableRows {
            file: spec.path.clone(),
            read: intake.rows_read,
            rejected: intake.rows_rejected,
        });
        main.rejected.extend(intake.rejected);
    }
    ds.programs_table = Some(report);
}

/// The program of one row of the programs table; `None` with an error in `scratch` (the row is
/// then rejected) when its name is empty or is listed again with other attributes, `None`
/// with a warning when it is listed again the same.
fn table_row(
    t: &Table,
    row: &Row,
    name_c: usize,
    attr_cols: &[usize],
    first: &mut HashMap<String, (u64, BTreeMap<String, String>)>,
    scratch: &mut Diagnostics,
) -> Option<Program> {
    let name = t.cell(row, name_c);
    if name.is_empty() {
        scratch.push(empty_name(t, row, name_c, "program"));
        return None;
    }
    let attrs: BTreeMap<String, String> = attr_cols
        .iter()
        .filter(|&&i| !t.cell(row, i).is_empty())
        .map(|&i| (t.keys()[i].clone(), t.cell(row, i).to_string()))
        .collect();
    let k = key(name);
    if let Some((line, prev)) = first.get(&k) {
        let d = if *prev == attrs {
            Diagnostic::warning(
                &t.path,
                format!(
                    "program \"{name}\" is listed again, the same as line {line}: merged (kept \
                     once)"
                ),
            )
        } else {
            Diagnostic::error(
                &t.path,
                format!(
                    "program \"{name}\" is listed again with other attributes (first on line \
                     {line}, which is kept); expected one row per program"
                ),
            )
            .in_column(t.headers[name_c].clone())
            .with_value(name)
        };
        scratch.push(d.at_line(row.line));
        return None;
    }
    first.insert(k, (row.line, attrs.clone()));
    Some(Program {
        name: display(name),
        attrs,
    })
}

/// One warning for the programs of the table without members and one for the programs of the
/// memberships the table does not list, each with a count and the first names.
fn warn_unmatched(t: &Table, without_members: usize, missing: &[&str], diags: &mut Diagnostics) {
    let file = t.path.file_name().map_or_else(
        || t.path.display().to_string(),
        |f| f.to_string_lossy().to_string(),
    );
    if without_members > 0 {
        let (s, has, kept) = if without_members == 1 {
            ("", "has", "a program")
        } else {
            ("s", "have", "programs")
        };
        diags.push(Diagnostic::warning(
            &t.path,
            format!(
                "{without_members} program{s} of {file} {has} no member in the membership \
                 table: kept as {kept} without members (degree 0 in the two-mode graph; \
                 --min-members 1 leaves them out)"
            ),
        ));
    }
    if !missing.is_empty() {
        let more = if missing.len() > FIRST_NAMES {
            ", …"
        } else {
            ""
        };
        let shown: Vec<String> = missing
            .iter()
            .take(FIRST_NAMES)
            .map(|n| format!("\"{n}\""))
            .collect();
        let s = if missing.len() == 1 { "" } else { "s" };
        diags.push(Diagnostic::warning(
            &t.path,
            format!(
                "{} program{s} of the membership table {} not listed in {file} ({}{more}): kept, \
                 with empty attributes",
                missing.len(),
                if missing.len() == 1 { "is" } else { "are" },
                shown.join(", ")
            ),
        ));
    }
}
