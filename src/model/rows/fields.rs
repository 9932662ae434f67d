//! Parsing of typed cells (weights, coordinates, years), each failure a diagnostic naming the
//! cell and what was expected.

use crate::model::diagnostic::Diagnostic;
use crate::model::read::sheet::{Row, Table};

/// Where a cell is, for messages.
pub struct Cell<'a> {
    pub table: &'a Table,
    pub row: &'a Row,
    pub col: usize,
}

impl Cell<'_> {
    pub fn text(&self) -> &str {
        self.table.cell(self.row, self.col)
    }

    /// An error about this cell.
    pub fn error(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.table.path, message)
            .at_line(self.row.line)
            .in_column(self.table.headers[self.col].clone())
            .with_value(self.text())
    }

    /// A warning about this cell.
    pub fn warning(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(&self.table.path, message)
            .at_line(self.row.line)
            .in_column(self.table.headers[self.col].clone())
            .with_value(self.text())
    }
}

/// Parses a number, accepting a decimal comma when the value has no dot ("1,5") — but only in
/// semicolon- or tab-separated files, as European spreadsheets write them. In a
/// comma-separated file a quoted "1,500" is far more likely a thousands separator (1500)
/// than a decimal comma (1.5): reading either way silently could be wrong by a factor of a
/// thousand, so it is an error that says so.
fn parse_number(cell: &Cell) -> Result<Option<f64>, Diagnostic> {
    let s = cell.text().trim();
    if let Ok(v) = s.parse::<f64>() {
        return Ok(Some(v));
    }
    if s.contains(',') && !s.contains('.') {
        let dotted = s.replace(',', ".");
        if let Ok(v) = dotted.parse::<f64>() {
            if cell.table.delimiter == b',' {
                return Err(cell.error(format!(
                    "ambiguous number: in a comma-separated file a comma inside a number could \
                     be a decimal comma ({v}) or a thousands separator; write it with a decimal \
                     point or without separators"
                )));
            }
            return Ok(Some(v));
        }
    }
    Ok(None)
}

/// A weight: empty means 1; otherwise a finite number > 0.
pub fn weight(cell: &Cell) -> Result<f64, Diagnostic> {
    let t = cell.text();
    if t.is_empty() {
        return Ok(1.0);
    }
    match parse_number(cell)? {
        None => Err(cell.error("expected a positive number (or an empty cell for 1)")),
        Some(w) if !w.is_finite() => Err(cell.error("expected a finite positive number")),
        Some(w) if w < 0.0 => Err(cell.error("expected a positive number; weights cannot be negative")),
        Some(0.0) => Err(cell.error(
            "expected a positive number; a zero weight would be a tie that is not there (drop the row instead)",
        )),
        Some(w) => Ok(w),
    }
}

/// A coordinate in degrees within `[-limit, limit]`; empty means unknown.
pub fn coordinate(cell: &Cell, limit: f64, what: &str) -> Result<Option<f64>, Diagnostic> {
    let t = cell.text();
    if t.is_empty() {
        return Ok(None);
    }
    match parse_number(cell)? {
        Some(v) if v.is_finite() && v.abs() <= limit => Ok(Some(v)),
        Some(_) => Err(cell.error(format!(
            "{what} out of range: expected decimal degrees between -{limit} and {limit}"
        ))),
        None => Err(cell.error(format!("expected {what} in decimal degrees, e.g. 48.8566"))),
    }
}

/// A year: `2014`, or a date starting with the year (`2014-06-01`, `2014/06`). Empty means
/// unknown.
pub fn year(cell: &Cell) -> Result<Option<i32>, Diagnostic> {
    let t = cell.text();
    if t.is_empty() {
        return Ok(None);
    }
    // Four ASCII digits, alone or followed by a date separator. (An earlier version took any
    // run of digits and dashes and unwrapped its parse: "2-20" made citynet panic — found by
    // the load_csv fuzz target.)
    let b = t.as_bytes();
    if b.len() >= 4
        && b[..4].iter().all(u8::is_ascii_digit)
        && (b.len() == 4 || matches!(b[4], b'-' | b'/' | b'T'))
    {
        if let Ok(y) = t[..4].parse() {
            return Ok(Some(y));
        }
    }
    Err(cell.error("expected a year such as 2014 or a date such as 2014-06-01"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn with(v: &str, f: impl FnOnce(&Cell)) {
        let table = Table::for_tests(PathBuf::from("x.csv"), &["v"], &[&[v]]);
        let cell = Cell {
            table: &table,
            row: &table.rows[0],
            col: 0,
        };
        f(&cell)
    }

    #[test]
    fn weights() {
        with("", |c| assert_eq!(weight(c).unwrap(), 1.0));
        with("2.5", |c| assert_eq!(weight(c).unwrap(), 2.5));
        // A decimal comma: fine in a semicolon file, ambiguous in a comma-separated one.
        with("2,5", |c| {
            assert!(weight(c).unwrap_err().message.contains("ambiguous number"))
        });
        let mut t = Table::for_tests(PathBuf::from("x.csv"), &["v"], &[&["2,5"]]);
        t.delimiter = b';';
        let cell = Cell {
            table: &t,
            row: &t.rows[0],
            col: 0,
        };
        assert_eq!(weight(&cell).unwrap(), 2.5);
        for bad in ["abc", "-1", "0", "NaN", "inf", "1e400"] {
            with(bad, |c| assert!(weight(c).is_err(), "{bad}"));
        }
    }

    #[test]
    fn coordinates_and_years() {
        with("48.85", |c| {
            assert_eq!(coordinate(c, 90.0, "latitude").unwrap(), Some(48.85))
        });
        with("91", |c| assert!(coordinate(c, 90.0, "latitude").is_err()));
        with("north", |c| {
            assert!(coordinate(c, 90.0, "latitude").is_err())
        });
        with("2014", |c| assert_eq!(year(c).unwrap(), Some(2014)));
        with("2014-06-01", |c| assert_eq!(year(c).unwrap(), Some(2014)));
        with("soon", |c| assert!(year(c).is_err()));
        with("14", |c| assert!(year(c).is_err()));
        with("2014/06", |c| assert_eq!(year(c).unwrap(), Some(2014)));
        // Regression (fuzzing): these panicked.
        for bad in ["2-20", "20-1", "1-2-3", "-2014", "2014x", "２０１４"] {
            with(bad, |c| assert!(year(c).is_err(), "{bad}"));
        }
    }
}
