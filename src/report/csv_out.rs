//! CSV output, safe to open in a spreadsheet.
//!
//! **Formula injection.** A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage
//! return is run as a formula by Excel, LibreOffice and Google Sheets (a city named
//! `=HYPERLINK(...)` would become a live link). citynet prefixes such cells with a single quote
//! `'`, which spreadsheets show as plain text. Numbers are never altered (`-0.5` stays
//! `-0.5`). `--raw-csv` turns this off for scripts that want the bytes as they were.

use crate::metrics::NodeTable;
use std::io::Write;

/// Neutralises a text cell that a spreadsheet would run as a formula. A cell that is a plain
/// decimal number (`-74.006`, `+3`, `-1e-5`) is a number to a spreadsheet, not a formula, and
/// is left alone: negative coordinates in text columns must stay numbers.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('+' | '-') if is_plain_number(cell) => cell.into(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// `[+-]digits[.digits][e[+-]digits]`, nothing else (no `inf`, `nan`, spaces or operators).
fn is_plain_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    let mut n = digits(&mut i);
    if i < b.len() && b[i] == b'.' {
        i += 1;
        n += digits(&mut i);
    }
    if n == 0 {
        return false;
    }
    if i < b.len() && matches!(b[i], b'e' | b'E') {
        i += 1;
        if i < b.len() && matches!(b[i], b'+' | b'-') {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Writes `table` as CSV; text cells neutralised unless `raw`.
pub fn write_csv<W: Write>(table: &NodeTable, out: W, raw: bool) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(table.headers())?;
    let n_text = table.text.len();
    for i in 0..table.len() {
        let row = table.row(i);
        let cells = row.iter().enumerate().map(|(j, c)| {
            if j < n_text && !raw {
                neutralise(c)
            } else {
                c.as_str().into()
            }
        });
        w.write_record(cells.map(|c: std::borrow::Cow<str>| c.into_owned()))?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::Column;

    #[test]
    fn formulas_are_neutralised_numbers_are_not() {
        let t = NodeTable {
            text: vec![(
                "city".into(),
                vec!["=1+1".into(), "Paris".into(), "@SUM(A1)".into()],
            )],
            metrics: vec![("x".into(), Column::Float(vec![-0.5, 1.0, 0.25]))],
        };
        let mut buf = vec![];
        write_csv(&t, &mut buf, false).unwrap();
        let s = String::from_utf8(buf).unwrap();
        assert_eq!(s, "city,x\n'=1+1,-0.5\nParis,1\n'@SUM(A1),0.25\n");
        let mut raw = vec![];
        write_csv(&t, &mut raw, true).unwrap();
        assert!(String::from_utf8(raw).unwrap().contains("\n=1+1,"));
    }

    #[test]
    fn numbers_in_text_columns_stay_numbers() {
        for n in ["-74.006", "+3", "-1e-5", "-.5", "-0", "+2E10"] {
            assert_eq!(neutralise(n), n, "{n}");
        }
        for f in [
            "-2+3", "-", "+", "-e5", "-1e", "-1.5.2", "-inf", "-1 ", "+A1", "-1e5+A1",
        ] {
            assert_eq!(neutralise(f), format!("'{f}"), "{f}");
        }
    }
}
