//! What happened to the rows of a membership table or edge list: missing values, rows
//! rejected with their reasons, counts. Raw research data is read leniently and reported
//! precisely (as R's readr does with `problems()`): every row either counts or is listed in
//! `rejected.csv` with its reason, and `--strict` turns every rejected row back into an error.
//!
//! **Missing values.** An empty cell, or one of [`DEFAULT_NA`] (case-insensitive: `NA`, `n/a`,
//! `#N/A`, `NaN`, `NULL`, `None`, `-`, `.`; `--na LIST` replaces the set), means "missing" in
//! every optional column (country, weight, coordinates, role, years, attributes): the cell is
//! read as empty, never an error, and one warning per column gives the count and the first
//! lines. In the name columns (city, program, source, target) a marker counts only written
//! exactly as in the set, so that places such as Nan (Thailand) stay cities, and the default
//! set leaves out [`PLACE_NAMES`] there (None is a town in Piedmont, in the published ETMUN and
//! ClimActor tables); a row whose name is missing is rejected.

use crate::model::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::model::read::sheet::{Row, Table};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The strings that mean "missing" by default (pandas' and R's usual markers).
pub const DEFAULT_NA: &[&str] = &["NA", "N/A", "#N/A", "NaN", "NULL", "null", "None", "-", "."];

/// Default markers that are also names of places: missing in optional columns, but a name in
/// the city, program, source and target columns (unless `--na` names them).
pub const PLACE_NAMES: &[&str] = &["None"];

/// How many lines a warning names before "…".
const FIRST_LINES: usize = 5;

/// One rejected row, or one problem of it (a row with two unusable cells has two entries).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rejection {
    pub file: PathBuf,
    /// 1-based line in the file (the header is line 1).
    pub line: u64,
    /// The column of the unusable cell as written in the header; empty for the row as a whole.
    pub column: String,
    /// The unusable value, as read.
    pub value: String,
    /// What is wrong and what was expected.
    pub reason: String,
    /// The row's fields as read (missing-value markers included).
    pub row: Vec<String>,
}

impl Rejection {
    /// The problem as a diagnostic (as `--strict` reports it).
    pub fn to_diagnostic(&self, severity: Severity) -> Diagnostic {
        let mut d = Diagnostic::new(severity, &self.file, self.reason.clone()).at_line(self.line);
        if !self.column.is_empty() {
            d = d.in_column(self.column.clone());
            if !self.value.is_empty() {
                d = d.with_value(self.value.clone());
            }
        }
        d
    }
}

/// Rows read, used and rejected from one table.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Intake {
    /// Data rows read (blank lines not counted).
    pub rows_read: usize,
    /// Rows that count: `rows_read - rows_rejected` (a repeated membership still counts, kept
    /// once).
    pub rows_used: usize,
    pub rows_rejected: usize,
    /// Cells left out of rows that count (a text cell of an incidence matrix: the row's other
    /// memberships are used).
    pub cells_rejected: usize,
    /// Every problem of the rejected rows and cells, in file order (this table's, then those
    /// of the tables `beside` it).
    pub rejected: Vec<Rejection>,
    /// Tables read beside this one (a programs table, `--programs`), counted apart.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub beside: Vec<TableRows>,
}

/// The rows of a table read beside the input (a programs table): read and rejected.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TableRows {
    pub file: PathBuf,
    pub read: usize,
    pub rejected: usize,
}

impl Intake {
    /// What was rejected, in words (`rejected_words`): cells of used rows (a matrix's text
    /// cells) are counted apart from rows.
    pub fn describe(&self) -> String {
        let beside: Vec<String> = self
            .beside
            .iter()
            .filter(|b| b.rejected > 0)
            .map(|b| {
                let name = b.file.file_name().unwrap_or(b.file.as_os_str());
                format!(
                    "{} of {} rows of {} rejected",
                    b.rejected,
                    b.read,
                    name.to_string_lossy()
                )
            })
            .collect();
        let own = rejected_words(self.rows_rejected, self.rows_read, self.cells_rejected);
        if beside.is_empty() || self.rows_rejected + self.cells_rejected > 0 {
            std::iter::once(own)
                .chain(beside)
                .collect::<Vec<_>>()
                .join("; ")
        } else {
            beside.join("; ")
        }
    }

    /// Rows and cells rejected, in every table read.
    pub fn problems(&self) -> usize {
        let beside: usize = self.beside.iter().map(|b| b.rejected).sum();
        self.rows_rejected + self.cells_rejected + beside
    }
}

/// "3 of 120 rows rejected", "1 cell rejected (its row counts)", "3 of 120 rows and 1 cell of
/// other rows rejected".
fn rejected_words(rows: usize, of: usize, cells: usize) -> String {
    let cells_word = if cells == 1 { "cell" } else { "cells" };
    match (rows, cells) {
        (_, 0) => format!("{rows} of {of} rows rejected"),
        (0, _) => format!("{cells} {cells_word} rejected (their rows count)"),
        _ => format!("{rows} of {of} rows and {cells} {cells_word} of other rows rejected"),
    }
}

/// The missing-value markers in force.
#[derive(Debug, Clone)]
pub struct NaSet {
    /// Lower-cased, for optional columns.
    folded: Vec<String>,
    /// As written, for name columns.
    exact: Vec<String>,
    /// Columns with markers of their own (`--na-col`): lower-cased header and its set.
    columns: Vec<(String, NaSet)>,
}

impl NaSet {
    /// `list` replaces [`DEFAULT_NA`] when given (an empty cell is always missing).
    pub fn new(list: Option<&[String]>) -> NaSet {
        let given: Vec<String> = match list {
            Some(l) => l.iter().map(|s| s.trim().to_string()).collect(),
            None => DEFAULT_NA.iter().map(|s| s.to_string()).collect(),
        };
        let given: Vec<String> = given.into_iter().filter(|s| !s.is_empty()).collect();
        NaSet {
            folded: given.iter().map(|s| s.to_lowercase()).collect(),
            exact: given
                .iter()
                .filter(|s| list.is_some() || !PLACE_NAMES.contains(&s.as_str()))
                .cloned()
                .collect(),
            columns: vec![],
        }
    }

    /// The set with per-column markers (`--na-col COLUMN=LIST`): in those columns, only LIST.
    pub fn with_columns(mut self, columns: &[(String, Vec<String>)]) -> NaSet {
        self.columns = columns
            .iter()
            .map(|(c, l)| (c.to_lowercase(), NaSet::new(Some(l))))
            .collect();
        self
    }

    /// The markers that apply in the column headed `header`.
    pub fn for_column(&self, header: &str) -> &NaSet {
        let h = header.to_lowercase();
        self.columns
            .iter()
            .find(|(c, _)| *c == h)
            .map_or(self, |(_, set)| set)
    }

    /// Whether a non-empty optional cell is a missing-value marker.
    pub fn optional(&self, s: &str) -> bool {
        !s.is_empty()
            && self
                .folded
                .iter()
                .any(|m| m.eq_ignore_ascii_case(s) || (!s.is_ascii() && *m == s.to_lowercase()))
    }

    /// Whether a non-empty name cell is a missing-value marker (written exactly).
    pub fn name(&self, s: &str) -> bool {
        !s.is_empty() && self.exact.iter().any(|m| m == s)
    }
}

/// Markers replaced by empty cells (the table keeps them as read, see [`Table::raw_cell`]).
#[derive(Debug, Default)]
pub(crate) struct Blanked {
    /// Cells blanked.
    pub count: usize,
}

impl Blanked {
    /// The fields of `row` as read.
    pub fn original(&self, t: &Table, row: &Row) -> Vec<String> {
        (0..t.headers.len())
            .map(|c| t.raw_cell(row, c).to_string())
            .collect()
    }
}

/// Markers found in one column: count (rows of the file: a row split into several counts
/// once), first lines, each marker with its count, the last line counted.
type MissingInColumn = (usize, Vec<u64>, BTreeMap<String, usize>, u64);

/// The missing-value stage: blanks every marker in `names` (exact) and `optional` columns
/// (any case) of `t`, with one warning per column that had some.
pub(crate) fn blank_missing(
    t: &mut Table,
    names: &[usize],
    optional: &[usize],
    na: &NaSet,
    diags: &mut Diagnostics,
) -> Blanked {
    let mut blanked = Blanked::default();
    let mut seen: BTreeMap<usize, MissingInColumn> = BTreeMap::new();
    let mut hits = vec![];
    for (i, row) in t.rows.iter().enumerate() {
        let cols = names.iter().map(|&c| (c, true));
        for (c, is_name) in cols.chain(optional.iter().map(|&c| (c, false))) {
            if c >= t.headers.len() {
                continue;
            }
            let f = t.cell(row, c);
            let na = na.for_column(&t.headers[c]);
            let hit = if is_name { na.name(f) } else { na.optional(f) };
            if !hit {
                continue;
            }
            let e = seen.entry(c).or_default();
            hits.push((i, c));
            if e.3 == row.line {
                continue;
            }
            e.3 = row.line;
            e.0 += 1;
            if e.1.len() < FIRST_LINES {
                e.1.push(row.line);
            }
            *e.2.entry(f.to_string()).or_default() += 1;
        }
    }
    for (i, c) in hits {
        t.blank(i, c);
        blanked.count += 1;
    }
    for (c, (n, lines, markers, _)) in seen {
        let shown: Vec<String> = markers
            .iter()
            .map(|(m, k)| format!("\"{m}\" ×{k}"))
            .collect();
        let more = if n > lines.len() { ", …" } else { "" };
        let lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        let consequence = if names.contains(&c) {
            "those rows have no name and are rejected"
        } else {
            "read as empty"
        };
        diags.push(
            Diagnostic::warning(
                &t.path,
                format!(
                    "{n} missing value(s) ({}) on lines {}{more}; {consequence} (--na sets the markers)",
                    shown.join(", "),
                    lines.join(", ")
                ),
            )
            .in_column(t.headers[c].clone()),
        );
    }
    blanked
}

/// Rows rejected so far, and whether rejecting is allowed (`--strict`: no).
pub(crate) struct Rejects {
    strict: bool,
    /// Lines of the rows that were used (a reshaped row gives several table rows, one line).
    used: Vec<u64>,
    list: Vec<Rejection>,
}

impl Rejects {
    pub fn new(strict: bool) -> Rejects {
        Rejects {
            strict,
            used: vec![],
            list: vec![],
        }
    }

    /// Settles a row read with its problems in `scratch`: errors reject the row (or,
    /// `--strict`, go to `diags` as errors), and the warnings of a rejected row are dropped
    /// (the row is listed whole); otherwise warnings go to `diags`. Whether the row is usable.
    pub fn settle(
        &mut self,
        t: &Table,
        (_, row): (usize, &Row),
        blanked: &Blanked,
        scratch: Diagnostics,
        diags: &mut Diagnostics,
    ) -> bool {
        if !scratch.has_errors() || self.strict {
            let ok = !scratch.has_errors();
            if ok {
                self.used.push(row.line);
            }
            diags.extend(scratch);
            return ok;
        }
        let original = blanked.original(t, row);
        for d in scratch.0.into_iter().filter(|d| d.is_error()) {
            let column = d.column.clone().unwrap_or_default();
            let value = match (&d.value, t.headers.iter().position(|h| *h == column)) {
                (Some(v), _) => v.clone(),
                (None, Some(c)) => original.get(c).cloned().unwrap_or_default(),
                (None, None) => String::new(),
            };
            let reason = if d.value.is_none() && !value.is_empty() {
                format!(
                    "{} (\"{value}\" is a missing-value marker; see --na)",
                    d.message
                )
            } else {
                d.message
            };
            self.list.push(Rejection {
                file: t.path.clone(),
                line: d.line.unwrap_or(row.line),
                column,
                value,
                reason,
                row: original.clone(),
            });
        }
        false
    }

    /// Takes the cells reshaping could not read (a text cell of an incidence matrix, see
    /// [`crate::model::read::shapes`]) as rejections, or, `--strict`, as errors in `diags`.
    fn take_reshaped(&mut self, t: &Table, diags: &mut Diagnostics) {
        let Some(r) = &t.reshaped else { return };
        for (d, row) in &r.rejected {
            if self.strict {
                diags.push(d.clone());
                continue;
            }
            self.list.push(Rejection {
                file: t.path.clone(),
                line: d.line.unwrap_or(0),
                column: d.column.clone().unwrap_or_default(),
                value: d.value.clone().unwrap_or_default(),
                reason: d.message.clone(),
                row: row.clone(),
            });
        }
    }

    /// Takes the rows the table stage could not read (a row with more or fewer fields than the
    /// header, a field too long...; errors in `diags` with a line after the header) out of
    /// `diags` as rejections — unless `--strict`, or no row at all could be read. Their `row`
    /// is empty: the line could not be split into fields. Cells reshaping could not read are
    /// taken too ([`Self::take_reshaped`]).
    pub fn take_table_errors(&mut self, t: &Table, diags: &mut Diagnostics) {
        self.take_reshaped(t, diags);
        if self.strict || t.rows.is_empty() || t.skipped == 0 {
            return;
        }
        let (taken, kept): (Vec<Diagnostic>, Vec<Diagnostic>) = std::mem::take(&mut diags.0)
            .into_iter()
            .partition(|d| d.is_error() && d.file == t.path && d.line.is_some_and(|l| l > 1));
        diags.0 = kept;
        let mut lines: Vec<u64> = taken.iter().filter_map(|d| d.line).collect();
        lines.sort_unstable();
        lines.dedup();
        self.list.extend(taken.into_iter().map(|d| Rejection {
            file: t.path.clone(),
            line: d.line.unwrap_or(0),
            column: d.column.unwrap_or_default(),
            value: d.value.unwrap_or_default(),
            reason: d.message,
            row: vec![],
        }));
    }

    /// The counts of table `t`, with one warning when rows were rejected. When every row was
    /// rejected there is nothing to analyse: the problems become errors again. Rows are the
    /// file's: a row reshaped into several ([`crate::model::read::shapes`]) counts once, and as rejected
    /// only when none of its parts was used (a matrix row with one text cell still counts;
    /// the cell is listed).
    pub fn finish(mut self, t: &Table, diags: &mut Diagnostics) -> Intake {
        let source_rows = t.reshaped.as_ref().map_or(t.rows.len(), |r| r.source_rows);
        let rows_read = source_rows + t.skipped;
        self.list.sort_by_key(|r| r.line);
        self.used.sort_unstable();
        self.used.dedup();
        let mut rejected_lines: Vec<u64> = self.list.iter().map(|r| r.line).collect();
        rejected_lines.dedup();
        rejected_lines.retain(|l| self.used.binary_search(l).is_err());
        let rows_rejected = rejected_lines.len();
        let cells_rejected = self
            .list
            .iter()
            .filter(|r| self.used.binary_search(&r.line).is_ok())
            .count();
        if rows_rejected > 0 && rows_rejected >= rows_read {
            for r in &self.list {
                diags.push(r.to_diagnostic(Severity::Error));
            }
            diags.push(Diagnostic::warning(
                &t.path,
                format!("none of the {rows_read} rows can be used: each has an error above"),
            ));
        } else if !self.list.is_empty() {
            let mut lines: Vec<u64> = self.list.iter().map(|r| r.line).collect();
            lines.dedup();
            let more = if lines.len() > FIRST_LINES {
                ", …"
            } else {
                ""
            };
            let first: Vec<String> = lines
                .iter()
                .take(FIRST_LINES)
                .map(|l| l.to_string())
                .collect();
            let reasons = reason_counts(&self.list);
            let what = rejected_words(rows_rejected, rows_read, cells_rejected);
            diags.push(Diagnostic::warning(
                &t.path,
                format!(
                    "{what} and left out (lines {}{more}); problems by column: {} (--strict \
                     stops on them instead)",
                    first.join(", "),
                    reasons
                ),
            ));
        }
        Intake {
            rows_read,
            rows_used: rows_read.saturating_sub(rows_rejected),
            rows_rejected,
            cells_rejected,
            rejected: self.list,
            beside: vec![],
        }
    }
}

/// "city ×3, weight ×1, row ×1": the columns of the problems, most frequent first ("row" for a
/// problem of the row as a whole).
fn reason_counts(list: &[Rejection]) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in list {
        let c = if r.column.is_empty() {
            "row"
        } else {
            &r.column
        };
        *counts.entry(c).or_default() += 1;
    }
    let mut v: Vec<(&str, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let shown: Vec<String> = v.iter().map(|(c, n)| format!("'{c}' ×{n}")).collect();
    shown.join(", ")
}

/// One warning when `NA` was read as missing in a country column that otherwise holds ISO
/// 3166 alpha-2 codes (at least nine in ten of its other values): there `NA` may be Namibia.
pub(crate) fn warn_na_country(t: &Table, country: Option<usize>, diags: &mut Diagnostics) {
    let Some(c) = country else { return };
    let (mut na_rows, mut codes, mut others) = (vec![], 0usize, 0usize);
    for row in &t.rows {
        let (raw, now) = (t.raw_cell(row, c), t.cell(row, c));
        if raw == "NA" && now.is_empty() {
            na_rows.push(row.line);
        } else if now.len() == 2 && now.bytes().all(|b| b.is_ascii_uppercase()) {
            codes += 1;
        } else if !now.is_empty() {
            others += 1;
        }
    }
    if na_rows.is_empty() || codes == 0 || codes < 9 * others {
        return;
    }
    let header = &t.headers[c];
    let lines: Vec<String> = na_rows
        .iter()
        .take(FIRST_LINES)
        .map(u64::to_string)
        .collect();
    diags.push(Diagnostic::warning(
        &t.path,
        format!(
            "column '{header}' holds ISO country codes and `NA` on {} row(s) (lines {}{}) was read as missing; if it is Namibia, --na-col {header}= keeps it",
            na_rows.len(),
            lines.join(", "),
            if na_rows.len() > FIRST_LINES { ", …" } else { "" },
        ),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_fold_case_in_optional_columns_only() {
        let na = NaSet::new(None);
        for m in [
            "NA", "na", "n/a", "#N/A", "nan", "NaN", "NULL", "none", "-", ".",
        ] {
            assert!(na.optional(m), "{m}");
        }
        assert!(!na.optional(""));
        assert!(!na.optional("Nan Province"));
        assert!(!na.optional("0"));
        assert!(na.name("NA") && na.name("NaN"));
        assert!(!na.name("Nan"), "Nan (Thailand) is a city");
        assert!(!na.name("None"), "None (Piedmont) is a town");
        assert!(na.optional("None"));
        assert!(
            NaSet::new(Some(&["None".to_string()])).name("None"),
            "unless --na says so"
        );
        let custom = NaSet::new(Some(&["missing".to_string(), " ".to_string()]));
        assert!(custom.optional("MISSING"));
        assert!(!custom.optional("NA"));
    }
}
