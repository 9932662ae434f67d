//! The shapes researchers keep memberships in, turned into the long shape (one row per city
//! and program) that the rest of the loader reads, so nothing downstream changes:
//!
//! - **a list in one cell**: one row per city, its programs in one cell separated by
//!   `--program-sep` (`GCoM2022;;EUCovenantofMayors2022;;NAZCA`): items trimmed, empty items
//!   (`;;`) skipped; each item becomes a row with the city's other cells and the same line;
//! - **an incidence matrix** (`--kind matrix`, as GaWC and many surveys store data): identity
//!   columns (city; optional country, latitude, longitude), then one column per program whose
//!   cell is the membership's weight; an empty cell, a missing-value marker (the reader's
//!   [`NaSet`], so `--na` applies) or 0 means no membership, a number > 0 a membership of that
//!   weight, anything else is a rejected cell (listed in `rejected.csv` by the loader, with
//!   line, column and value; the row's other memberships count).
//!
//! Either way the table remembers how many rows the file had ([`Reshaped`]), so that rows are
//! counted as read, not as memberships.

use super::sheet::{header_key, number_text, Reshaped, Table};
use crate::model::diagnostic::{Diagnostic, Diagnostics};
use crate::model::rows::columns::{find_col, ColumnMap, CITY, COUNTRY, LAT, LON, PROGRAM};
use crate::model::rows::intake::NaSet;

/// Whether a matrix cell is empty or a missing-value marker of `na` (any case).
fn is_missing(s: &str, na: &NaSet) -> bool {
    let t = s.trim();
    t.is_empty() || na.optional(t)
}

/// A number as written in a cell: `2`, `0.5`, and a decimal comma (`0,5`) when the table is
/// not comma-separated.
fn number(s: &str, delimiter: u8) -> Option<f64> {
    let t = s.trim();
    t.parse::<f64>().ok().or_else(|| {
        (delimiter != b',' && t.contains(',') && !t.contains('.'))
            .then(|| t.replace(',', ".").parse().ok())
            .flatten()
    })
}

/// The identity columns of an incidence matrix: city (required), then country, latitude and
/// longitude when present.
pub fn matrix_identity(t: &Table, c: &ColumnMap, diags: &mut Diagnostics) -> Option<Vec<usize>> {
    let city = find_col(t, &c.city, CITY, true, "--city-col", diags)?;
    let country = find_col(t, &c.country, COUNTRY, false, "--country-col", diags);
    let lat = find_col(t, &c.lat, LAT, false, "--lat-col", diags);
    let lon = find_col(t, &c.lon, LON, false, "--lon-col", diags);
    Some(
        [Some(city), country, lat, lon]
            .into_iter()
            .flatten()
            .collect(),
    )
}

/// Whether `t` reads as an incidence matrix with the columns `c` names (`na`: the
/// missing-value markers).
pub fn is_matrix(t: &Table, c: &ColumnMap, na: &NaSet) -> bool {
    let mut quiet = Diagnostics::default();
    matrix_identity(t, c, &mut quiet).is_some_and(|id| looks_like_matrix(t, &id, na))
}

/// One-cell program lists split at `sep` (`--program-sep`); without it, a warning when the
/// values look like lists.
pub fn program_lists(t: Table, c: &ColumnMap, sep: Option<&str>, diags: &mut Diagnostics) -> Table {
    let col = match &c.program {
        Some(p) => t.col(p),
        None => t.col_any(PROGRAM),
    };
    match (col, sep) {
        (Some(col), Some(sep)) => split_program_lists(t, col, sep, diags),
        (Some(col), None) => {
            warn_unsplit_lists(&t, col, diags);
            t
        }
        (None, _) => t,
    }
}

/// Whether the columns other than `identity` make `t` an incidence matrix: there is at least
/// one, and every cell of them is a number or missing (and at least one is a number).
pub fn looks_like_matrix(t: &Table, identity: &[usize], na: &NaSet) -> bool {
    let programs: Vec<usize> = (0..t.headers.len())
        .filter(|&i| !identity.contains(&i) && !t.is_row_names(i))
        .collect();
    if programs.is_empty() || t.rows.is_empty() {
        return false;
    }
    let mut any = false;
    for row in &t.rows {
        for &c in &programs {
            let v = t.cell(row, c);
            if is_missing(v, na) {
                continue;
            }
            match number(v, t.delimiter) {
                Some(x) if x.is_finite() => any = true,
                _ => return false,
            }
        }
    }
    any
}

/// Turns the incidence matrix `t` into a long membership table: the `identity` columns (city
/// first) kept as they are, then `program` (a program column's name) and `weight` (its cell).
/// Cells that are not a membership weight (text, negative or infinite numbers) go to the
/// table's [`Reshaped::rejected`] with their line, column, value and row; the other
/// memberships of their row are kept. `na`: the missing-value markers (no membership).
pub fn matrix_to_long(t: &Table, identity: &[usize], na: &NaSet) -> Table {
    let programs: Vec<usize> = (0..t.headers.len())
        .filter(|&i| !identity.contains(&i) && !t.is_row_names(i))
        .collect();
    let mut out = long_header(t, identity);
    let mut reshaped = Reshaped {
        source_rows: source_rows(t),
        rejected: vec![],
    };
    for row in &t.rows {
        let ident: Vec<String> = identity
            .iter()
            .map(|&i| t.cell(row, i).to_string())
            .collect();
        for &c in &programs {
            let v = t.cell(row, c);
            if is_missing(v, na) {
                continue;
            }
            let why = match number(v, t.delimiter) {
                Some(0.0) => continue,
                Some(x) if x > 0.0 && x.is_finite() => {
                    let mut fields = ident.clone();
                    fields.push(t.headers[c].clone());
                    fields.push(number_text(x));
                    out.push_row(row.line, fields);
                    continue;
                }
                Some(x) if x < 0.0 => "a negative number",
                Some(_) => "not a finite number",
                None => "not a number",
            };
            let d = Diagnostic::error(
                &t.path,
                format!(
                    "{why}; expected a membership weight in a matrix cell (a number, 0 or \
                     empty for none)"
                ),
            )
            .at_line(row.line)
            .in_column(t.headers[c].clone())
            .with_value(v);
            let fields = t.fields(row).iter().map(|f| f.to_string()).collect();
            reshaped.rejected.push((d, fields));
        }
    }
    out.reshaped = Some(reshaped);
    out
}

/// Data rows of the file `t` was read from (before any reshaping).
fn source_rows(t: &Table) -> usize {
    t.reshaped.as_ref().map_or(t.rows.len(), |r| r.source_rows)
}

/// The empty long table of the matrix `t`: its `identity` columns, then `program` and
/// `weight` (`matrix_program`, `matrix_weight` when those names are taken).
fn long_header(t: &Table, identity: &[usize]) -> Table {
    let mut headers: Vec<&str> = identity.iter().map(|&i| t.headers[i].as_str()).collect();
    let taken = |n: &str| headers.iter().any(|h| h.eq_ignore_ascii_case(n));
    let program_name = if taken("program") {
        "matrix_program"
    } else {
        "program"
    };
    let weight_name = if taken("weight") {
        "matrix_weight"
    } else {
        "weight"
    };
    headers.push(program_name);
    headers.push(weight_name);
    let keys = headers.iter().map(|h| header_key(h)).collect();
    let headers = headers.iter().map(|h| h.to_string()).collect();
    let mut out = Table::with_header(t.path.clone(), headers, keys, t.delimiter);
    out.skipped = t.skipped;
    out
}

/// Splits the one-cell program lists of column `program` at `sep`: items trimmed, empty items
/// skipped, one row per item (other cells repeated, same line). A row whose cell holds no item
/// at all stays as it is (the loader then reports its empty program). Warns when no value
/// contains `sep`, naming the separators the values do contain.
pub fn split_program_lists(t: Table, program: usize, sep: &str, diags: &mut Diagnostics) -> Table {
    if sep.is_empty() {
        return t;
    }
    let mut split_any = false;
    let mut out = t.empty_like();
    let source_rows = source_rows(&t);
    out.reshaped
        .get_or_insert_with(Reshaped::default)
        .source_rows = source_rows;
    for row in &t.rows {
        let cell = t.cell(row, program);
        let fields = t.fields(row);
        if !cell.contains(sep) {
            out.push_row(row.line, fields);
            continue;
        }
        split_any = true;
        let items: Vec<&str> = cell
            .split(sep)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        let items = if items.is_empty() { vec![""] } else { items };
        for item in items {
            let mut f = fields.clone();
            f[program] = item;
            out.push_row(row.line, f);
        }
    }
    if !split_any {
        let others: Vec<String> = [";", "|", ",", "/", "+"]
            .iter()
            .filter(|&&s| s != sep && t.rows.iter().any(|r| t.cell(r, program).contains(s)))
            .map(|s| format!("'{s}'"))
            .collect();
        let hint = if others.is_empty() {
            String::new()
        } else {
            format!(
                " (values contain {}: is that the separator?)",
                others.join(", ")
            )
        };
        diags.push(
            Diagnostic::warning(
                &t.path,
                format!(
                    "--program-sep '{sep}' splits nothing: no value of column '{}' \
                     contains it{hint}; each value is read as one program",
                    t.headers[program]
                ),
            )
            .in_column(t.headers[program].clone()),
        );
    }
    out
}

/// Warns when program values look like one-cell lists (`;` or `|` in more than three rows)
/// and no `--program-sep` was given.
pub fn warn_unsplit_lists(t: &Table, program: usize, diags: &mut Diagnostics) {
    for sep in [";", "|"] {
        let lines: Vec<u64> = t
            .rows
            .iter()
            .filter(|r| t.cell(r, program).contains(sep))
            .map(|r| r.line)
            .collect();
        if lines.len() > 3 {
            let shown: Vec<String> = lines.iter().take(5).map(|l| l.to_string()).collect();
            diags.push(
                Diagnostic::warning(
                    &t.path,
                    format!(
                        "{} program values contain '{sep}' (lines {}{}): if they list several \
                         programs in one cell, give --program-sep '{sep}'; each is read as one \
                         program name now",
                        lines.len(),
                        shown.join(", "),
                        if lines.len() > 5 { ", ..." } else { "" }
                    ),
                )
                .at_line(lines[0])
                .in_column(t.headers[program].clone()),
            );
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn table(headers: &[&str], rows: &[&[&str]]) -> Table {
        Table::for_tests(PathBuf::from("m.csv"), headers, rows)
    }

    #[test]
    fn one_cell_lists_are_split_trimmed_and_skip_empty_items() {
        let t = table(
            &["city", "programs"],
            &[
                &["Graz", "GCoM2022;;EUCovenantofMayors2022;;NAZCA"],
                &["Linz", " C40 ; "],
                &["Wels", ";;"],
            ],
        );
        let mut d = Diagnostics::default();
        let out = split_program_lists(t, 1, ";", &mut d);
        let got: Vec<(u64, &str)> = out.rows.iter().map(|r| (r.line, out.cell(r, 1))).collect();
        assert_eq!(
            got,
            vec![
                (2, "GCoM2022"),
                (2, "EUCovenantofMayors2022"),
                (2, "NAZCA"),
                (3, "C40"),
                (4, "")
            ]
        );
        assert!(d.0.is_empty());
    }

    #[test]
    fn a_separator_that_splits_nothing_is_said() {
        let t = table(&["city", "program"], &[&["Graz", "A|B"], &["Linz", "C"]]);
        let mut d = Diagnostics::default();
        let out = split_program_lists(t, 1, ";", &mut d);
        assert_eq!(out.rows.len(), 2);
        assert!(d.0[0].message.contains("splits nothing"));
        assert!(d.0[0].message.contains("'|'"), "{}", d.0[0].message);
    }

    #[test]
    fn unsplit_lists_get_a_warning_naming_the_flag() {
        let rows: Vec<[&str; 2]> = (0..4).map(|_| ["X", "a;b"]).collect();
        let rows: Vec<&[&str]> = rows.iter().map(|r| &r[..]).collect();
        let t = table(&["city", "program"], &rows);
        let mut d = Diagnostics::default();
        warn_unsplit_lists(&t, 1, &mut d);
        assert!(d.0[0].message.contains("--program-sep ';'"));
        let t = table(&["city", "program"], &rows[..3]);
        let mut d = Diagnostics::default();
        warn_unsplit_lists(&t, 1, &mut d);
        assert!(d.0.is_empty(), "three rows are 'a few'");
    }

    #[test]
    fn valued_matrix_to_long_with_a_rejected_cell() {
        let t = table(
            &["city", "country", "C40", "ICLEI", "Eurocities"],
            &[
                &["Paris", "FR", "1", "0", "2.5"],
                &["Lyon", "FR", "", "NA", "x"],
                &["Oslo", "NO", "-1", "5", "0"],
            ],
        );
        let na = NaSet::new(None);
        assert!(!looks_like_matrix(&t, &[0, 1], &na), "a text cell");
        let long = matrix_to_long(&t, &[0, 1], &na);
        assert_eq!(long.headers, vec!["city", "country", "program", "weight"]);
        let got: Vec<Vec<&str>> = long.rows.iter().map(|r| long.fields(r)).collect();
        assert_eq!(
            got,
            vec![
                vec!["Paris", "FR", "C40", "1"],
                vec!["Paris", "FR", "Eurocities", "2.5"],
                vec!["Oslo", "NO", "ICLEI", "5"],
            ]
        );
        let r = long.reshaped.as_ref().unwrap();
        assert_eq!(r.source_rows, 3);
        let e: Vec<String> = r
            .rejected
            .iter()
            .map(|(x, row)| {
                let (c, v) = (x.column.as_deref(), x.value.as_deref());
                let l = x.line.unwrap_or(0);
                format!("{l} {} {} {}", c.unwrap_or(""), v.unwrap_or(""), row[0])
            })
            .collect();
        assert_eq!(e, ["3 Eurocities x Lyon", "4 C40 -1 Oslo"]);
        assert_eq!(
            r.rejected[0].0.message,
            "not a number; expected a membership weight in a matrix cell (a number, 0 or empty \
             for none)"
        );
    }

    #[test]
    fn matrix_detection() {
        let na = NaSet::new(None);
        let t = table(&["city", "A", "B"], &[&["P", "1", ""], &["L", "0", "3"]]);
        assert!(looks_like_matrix(&t, &[0], &na));
        let t = table(&["city", "A"], &[&["P", ""], &["L", "NA"]]);
        assert!(!looks_like_matrix(&t, &[0], &na), "no number at all");
        let t = table(&["city"], &[&["P"]]);
        assert!(!looks_like_matrix(&t, &[0], &na));
        assert_eq!(number("0,5", b';'), Some(0.5));
        assert_eq!(number("0,5", b','), None);
    }

    #[test]
    fn matrix_missing_cells_follow_the_na_set() {
        let t = table(
            &["city", "A", "B"],
            &[&["P", "1", "missing"], &["L", "?", "3"]],
        );
        let default = NaSet::new(None);
        assert!(
            !looks_like_matrix(&t, &[0], &default),
            "'missing' is text by default"
        );
        let long = matrix_to_long(&t, &[0], &default);
        assert_eq!(long.reshaped.as_ref().unwrap().rejected.len(), 2);
        let na = NaSet::new(Some(&["missing".to_string(), "?".to_string()]));
        assert!(looks_like_matrix(&t, &[0], &na));
        let long = matrix_to_long(&t, &[0], &na);
        assert!(long.reshaped.as_ref().unwrap().rejected.is_empty());
        assert_eq!(long.rows.len(), 2);
        // `--na` replaces the set: NA is then a text cell.
        let t = table(&["city", "A"], &[&["P", "1"], &["L", "NA"]]);
        assert!(!looks_like_matrix(&t, &[0], &na));
    }

    #[test]
    fn split_lists_remember_the_rows_of_the_file() {
        let t = table(&["city", "program"], &[&["Graz", "A;B;C"], &["Linz", "D"]]);
        let out = split_program_lists(t, 1, ";", &mut Diagnostics::default());
        assert_eq!(out.rows.len(), 4);
        assert_eq!(out.reshaped.as_ref().unwrap().source_rows, 2);
    }
}
