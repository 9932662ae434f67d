//! CSV output, safe to open in a spreadsheet.
//!
//! **Formula injection.** A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage
//! return is run as a formula by Excel, LibreOffice and Google Sheets (a city named
//! `=HYPERLINK(...)` would become a live link). citynet prefixes such cells with a single quote
//! `'`, which spreadsheets show as plain text. Numbers are never altered (`-0.5` stays
//! `-0.5`). `--raw-csv` turns this off for scripts that want the bytes as they were.

use super::table::NodeTable;
use std::io::Write;

/// Neutralises a text cell that a spreadsheet would run as a formula.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
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
}
