//! The table every reader produces (CSV text, workbook sheet, reshaped matrix): a header and
//! rows of trimmed cells, with the header checks and cell texts all readers share. It imports
//! nothing but diagnostics, so that the readers ([`super::csv_table`], [`super::workbook`]) and the
//! stages after them can all stand on it.

use crate::model::diagnostic::{Diagnostic, Diagnostics};
use std::path::{Path, PathBuf};

/// The largest field accepted, in bytes. Longer ones are errors (a sign of a broken quote or a
/// binary file), which also bounds memory use per row.
pub const MAX_FIELD_BYTES: usize = 64 * 1024;

/// One data row: its 1-based line number in the file; its fields (trimmed) are read through
/// [`Table::cell`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub line: u64,
    /// Index of the row's first cell in [`Table::ends`].
    first: usize,
}

/// A CSV table with a header.
///
/// The cells of all rows are stored end to end in one string (`cells`, with `ends` the end
/// offset of each cell, every row having one cell per header): a 500,000-row edge list costs
/// its text plus 8 bytes a cell and 16 a row, not a `String` allocation per cell.
#[derive(Debug, Clone)]
pub struct Table {
    pub path: PathBuf,
    /// Header names as written (trimmed).
    pub headers: Vec<String>,
    /// Header names lower-cased, for lookups.
    keys: Vec<String>,
    pub rows: Vec<Row>,
    /// The text of every cell, end to end.
    cells: String,
    /// End offset in `cells` of each cell, row after row.
    ends: Vec<usize>,
    /// Cells read as empty (missing-value markers), by index into `ends`; empty when none is.
    blank: Vec<bool>,
    /// The detected delimiter.
    pub delimiter: u8,
    /// Data rows left out because they were unreadable (each reported as an error).
    pub skipped: usize,
    /// Set when the rows are not the file's rows as read: an incidence matrix turned long, or
    /// one-cell program lists split ([`super::shapes`]).
    pub reshaped: Option<Reshaped>,
}

/// What reshaping did to the rows read: how many the file had, and the cells it could not read.
#[derive(Debug, Clone, Default)]
pub struct Reshaped {
    /// Data rows of the file before reshaping.
    pub source_rows: usize,
    /// Cells that could not be read (errors with line, column and value), each with the fields
    /// of its row as read: the loader lists them as rejected (or, `--strict`, stops on them).
    pub rejected: Vec<(Diagnostic, Vec<String>)>,
}

impl Table {
    /// Index of the column named `name` (case-insensitive).
    pub fn col(&self, name: &str) -> Option<usize> {
        let k = header_key(name);
        self.keys.iter().position(|h| *h == k)
    }

    /// Whether column `c` is the unnamed row-names column R and pandas write first (see
    /// `check_header`): not data, never a city attribute or a program.
    pub fn is_row_names(&self, c: usize) -> bool {
        c == 0 && self.headers.len() > 1 && self.headers[0].is_empty()
    }

    /// The first of `names` that is a column.
    pub fn col_any(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| self.col(n))
    }

    /// Lower-cased header names.
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// The cell of `row` in column `col` (empty past the last column, and where a
    /// missing-value marker was blanked by `Table::blank`).
    pub fn cell(&self, row: &Row, col: usize) -> &str {
        if col >= self.headers.len() || (!self.blank.is_empty() && self.blank[row.first + col]) {
            return "";
        }
        self.raw_cell(row, col)
    }

    /// The cell of `row` in column `col` as read, blanked or not (empty past the last column).
    pub fn raw_cell(&self, row: &Row, col: usize) -> &str {
        if col >= self.headers.len() {
            return "";
        }
        let i = row.first + col;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.cells[start..self.ends[i]]
    }

    /// Reads the cell of row `row_index` in column `col` as empty from now on (it stays
    /// available through [`Table::raw_cell`]).
    pub(crate) fn blank(&mut self, row_index: usize, col: usize) {
        if col >= self.headers.len() {
            return;
        }
        if self.blank.is_empty() {
            self.blank = vec![false; self.ends.len()];
        }
        self.blank[self.rows[row_index].first + col] = true;
    }

    /// Frees the rows and cells once a loader has used them all (header, path and the count
    /// of skipped rows stay), so that a large input's text is not held through the later
    /// stages. The table has no rows afterwards.
    pub(crate) fn release_cells(&mut self) {
        self.rows = Vec::new();
        self.cells = String::new();
        self.ends = Vec::new();
        self.blank = Vec::new();
    }

    /// The cells of `row`, in column order.
    pub fn fields(&self, row: &Row) -> Vec<&str> {
        (0..self.headers.len()).map(|c| self.cell(row, c)).collect()
    }

    /// A table with this header and no rows (`keys` from [`check_header`]).
    pub(crate) fn with_header(
        path: PathBuf,
        headers: Vec<String>,
        keys: Vec<String>,
        delimiter: u8,
    ) -> Table {
        Table {
            path,
            headers,
            keys,
            rows: vec![],
            cells: String::new(),
            ends: vec![],
            blank: vec![],
            delimiter,
            skipped: 0,
            reshaped: None,
        }
    }

    /// An empty table with the header, delimiter and path of this one.
    pub(crate) fn empty_like(&self) -> Table {
        let mut t = Table::with_header(
            self.path.clone(),
            self.headers.clone(),
            self.keys.clone(),
            self.delimiter,
        );
        t.skipped = self.skipped;
        t.reshaped = self.reshaped.clone();
        t
    }

    /// Reserves room for `bytes` more bytes of cell text (a reader that knows its input size).
    pub(crate) fn reserve_cells(&mut self, bytes: usize) {
        self.cells.reserve(bytes);
    }

    /// Gives back the room reserved for cell text and not used.
    pub(crate) fn shrink_cells(&mut self) {
        self.cells.shrink_to_fit();
    }

    /// Appends a row: its fields trimmed, cut or padded with empty cells to the header's width.
    pub fn push_row<S: AsRef<str>>(&mut self, line: u64, fields: impl IntoIterator<Item = S>) {
        let first = self.ends.len();
        let width = self.headers.len();
        let mut n = 0;
        for f in fields.into_iter().take(width) {
            self.cells.push_str(f.as_ref().trim());
            self.ends.push(self.cells.len());
            n += 1;
        }
        for _ in n..width {
            self.ends.push(self.cells.len());
        }
        self.rows.push(Row { line, first });
    }
}

/// Normal form of a header name: trimmed, lower case, inner spaces and dashes as `_`.
pub fn header_key(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect()
}

/// The lookup keys of a header, or `None` when a name is empty or repeated (each reported).
/// An empty first name is the row-names column R's `write.csv` and pandas' `to_csv` write
/// (`"","city",...`): kept, with a warning, and left out of the data ([`Table::is_row_names`]).
pub(crate) fn check_header(
    path: &Path,
    headers: &[String],
    diags: &mut Diagnostics,
) -> Option<Vec<String>> {
    let keys: Vec<String> = headers.iter().map(|h| header_key(h)).collect();
    let mut ok = true;
    for (i, k) in keys.iter().enumerate() {
        if i == 0 && k.is_empty() && headers.len() > 1 {
            diags.push(
                Diagnostic::warning(
                    path,
                    "column 1 has no name: read as row names (as R's write.csv and pandas' \
                     to_csv write them) and left out",
                )
                .at_line(1),
            );
        } else if k.is_empty() && headers.len() > 1 {
            diags.push(
                Diagnostic::error(
                    path,
                    format!("column {} has an empty name in the header", i + 1),
                )
                .at_line(1),
            );
            ok = false;
        } else if keys[..i].contains(k) {
            diags.push(
                Diagnostic::error(path, "the header names this column twice")
                    .at_line(1)
                    .in_column(headers[i].clone()),
            );
            ok = false;
        }
    }
    ok.then_some(keys)
}

/// A number written back: integers without a fraction, others in the shortest form that
/// reads back to the same value.
pub(crate) fn number_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

impl Table {
    /// A table built in memory (for tests of code that consumes tables).
    #[doc(hidden)]
    pub fn for_tests(path: PathBuf, headers: &[&str], rows: &[&[&str]]) -> Table {
        let mut t = Table::with_header(
            path,
            headers.iter().map(|s| s.to_string()).collect(),
            headers.iter().map(|s| header_key(s)).collect(),
            b',',
        );
        for (i, r) in rows.iter().enumerate() {
            t.push_row(i as u64 + 2, r.iter());
        }
        t
    }
}
