//! The workbook stage: an Excel or OpenDocument workbook (`.xlsx`, `.xlsm`, `.xls`, `.ods`,
//! read with [`calamine`]) to a [`Table`], as if its sheet had been exported as CSV.
//!
//! - The sheet is `--sheet NAME|NUMBER` (a name, or its 1-based position), by default the
//!   first sheet with a header citynet can use; the sheet read is named in a warning.
//! - The header is the first non-empty row; a row's line number is its row number in the
//!   spreadsheet (as Excel shows it), so messages point at the cell a user sees.
//! - Cells are read as Excel stores them, not as it displays them: a number is its value
//!   (`0.25`, not `25%`; integers without `.0`), a date is an ISO 8601 date (`2021-03-01`, with
//!   the time when it has one), a boolean `TRUE`/`FALSE`, an error its code (`#N/A`).
//! - A workbook is a ZIP archive (except `.xls`): before anything is unpacked, the sizes its
//!   ZIP directory declares are added up and checked against the memory budget, so a ZIP bomb
//!   posing as a workbook is refused with a message rather than exhausting memory (the ZIP
//!   reader stops at the declared size if an entry lies about it).

use super::sheet::{check_header, number_text, Table, MAX_FIELD_BYTES};
use crate::model::diagnostic::{Diagnostic, Diagnostics};
use crate::model::memory::human_bytes;
use calamine::{Data, DataRef, ExcelDateTime, Reader, Sheets};
use std::io::Cursor;
use std::path::Path;

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const CFB_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// A workbook holds its text several times over while it is read (unpacked XML, shared
/// strings, cells, the table): the unpacked size may be at most this fraction of the budget.
const UNPACKED_SHARE: u64 = 4;

/// Whether `bytes` start like a workbook: a ZIP archive (`.xlsx`, `.xlsm`, `.ods`) or an OLE
/// compound file (`.xls`).
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(CFB_MAGIC)
}

/// Reads the table of one sheet of the workbook in `bytes`; `path` names it in messages.
pub fn read_workbook(
    path: &Path,
    bytes: &[u8],
    sheet: Option<&str>,
    max_memory: Option<u64>,
    diags: &mut Diagnostics,
) -> Option<Table> {
    if bytes.starts_with(ZIP_MAGIC) {
        if let Err(message) = check_zip(bytes, max_memory) {
            diags.push(Diagnostic::error(path, message));
            return None;
        }
    }
    let opened = guarded(|| {
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| e.to_string())
    });
    let mut book = match opened {
        Ok(b) => b,
        Err(e) => {
            diags.push(Diagnostic::error(
                path,
                format!(
                    "cannot read this workbook ({}): the file is damaged or not an Excel/\
                     OpenDocument workbook; open it in a spreadsheet program and save it again, \
                     or export the sheet as CSV",
                    one_line(&e)
                ),
            ));
            return None;
        }
    };
    let names = book.sheet_names();
    if names.is_empty() {
        diags.push(Diagnostic::error(path, "the workbook has no sheets"));
        return None;
    }
    let cell_cap =
        crate::model::memory::budget(max_memory).map(|b| (b / UNPACKED_SHARE / 64) as usize);
    let candidates: Vec<usize> = match sheet {
        Some(s) => vec![pick_sheet(path, &names, s, diags)?],
        None => (0..names.len()).collect(),
    };
    let mut first_fallback: Option<(usize, SheetCells)> = None;
    for &i in &candidates {
        let cells = match guarded(|| sheet_cells(&mut book, &names[i], cell_cap)) {
            Ok(c) => c,
            Err(e) => {
                diags.push(Diagnostic::error(
                    path,
                    format!("cannot read sheet '{}': {e}", names[i]),
                ));
                return None;
            }
        };
        if sheet.is_some() || usable_header(&cells) {
            note_sheet(path, &names, i, sheet.is_some(), diags);
            return to_table(path, &names[i], cells, diags);
        }
        if first_fallback.is_none() && !cells.is_empty() {
            first_fallback = Some((i, cells));
        }
    }
    match first_fallback {
        Some((i, cells)) => {
            note_sheet(path, &names, i, false, diags);
            to_table(path, &names[i], cells, diags)
        }
        None => {
            diags.push(Diagnostic::error(
                path,
                format!(
                    "every sheet of the workbook is empty (sheets: {})",
                    names.join(", ")
                ),
            ));
            None
        }
    }
}

/// Runs a step of the workbook reader, turning a panic inside calamine into an error: on
/// damaged input calamine 0.38 can panic (fuzzing found an arithmetic overflow on a sheet whose
/// `<dimension ref="B1:A1">` ends before it starts), and a damaged file is bad input, not a bug
/// of citynet. (citynet's panic hook is silent, so nothing is printed twice.)
fn guarded<T>(step: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(step)).unwrap_or_else(|p| {
        let what = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(format!("the workbook reader failed on it: {what}"))
    })
}

/// The declared unpacked size of a ZIP archive, checked against the budget.
fn check_zip(bytes: &[u8], max_memory: Option<u64>) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        format!(
            "cannot read this workbook: it starts like a ZIP archive (.xlsx, .ods) but its \
             ZIP structure is damaged ({}); open it in a spreadsheet program and save it again",
            one_line(&e.to_string())
        )
    })?;
    let names: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .collect();
    let is_book = names.iter().any(|n| {
        n.eq_ignore_ascii_case("xl/workbook.xml")
            || n.eq_ignore_ascii_case("xl/workbook.bin")
            || n.eq_ignore_ascii_case("content.xml")
    });
    if !is_book {
        return Err(
            "this is a ZIP archive but not an Excel (.xlsx) or OpenDocument (.ods) \
                    workbook: it has no xl/workbook.xml or content.xml; expected a CSV file \
                    or a workbook"
                .into(),
        );
    }
    // The sizes of the central directory; reading an entry stops with an error at its declared
    // size, so an entry cannot unpack to more than this.
    let mut unpacked = 0u128;
    for i in 0..zip.len() {
        let size = zip.by_index_raw(i).map_err(|e| {
            format!(
                "cannot read this workbook: entry {} of its ZIP directory is damaged ({})",
                i + 1,
                one_line(&e.to_string())
            )
        })?;
        unpacked += u128::from(size.size());
    }
    let Some(budget) = crate::model::memory::budget(max_memory) else {
        return Ok(());
    };
    let allowed = budget / UNPACKED_SHARE;
    if unpacked > allowed as u128 {
        let shown = u64::try_from(unpacked).map_or("more than 16 EB".into(), human_bytes);
        return Err(format!(
            "the workbook is {} but unpacks to {shown} (as its ZIP directory declares), more \
             than a quarter of the memory budget ({}); this looks like a ZIP bomb, or a \
             workbook too large to read here: export the sheet as CSV, or raise --max-memory \
             if the machine has the memory",
            human_bytes(bytes.len() as u64),
            human_bytes(budget)
        ));
    }
    Ok(())
}

/// The index of the sheet `--sheet` names: a name (exact, then ignoring case) or a 1-based
/// number.
fn pick_sheet(path: &Path, names: &[String], s: &str, diags: &mut Diagnostics) -> Option<usize> {
    if let Some(i) = names.iter().position(|n| n == s) {
        return Some(i);
    }
    if let Some(i) = names.iter().position(|n| n.eq_ignore_ascii_case(s.trim())) {
        return Some(i);
    }
    if let Ok(n) = s.trim().parse::<usize>() {
        if (1..=names.len()).contains(&n) {
            return Some(n - 1);
        }
    }
    diags.push(Diagnostic::error(
        path,
        format!(
            "--sheet {s:?}: no such sheet; the workbook has {} sheet{}: {} (give a name or a \
             number from 1)",
            names.len(),
            if names.len() == 1 { "" } else { "s" },
            names
                .iter()
                .enumerate()
                .map(|(i, n)| format!("{} '{n}'", i + 1))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    ));
    None
}

/// Says which sheet was read.
fn note_sheet(path: &Path, names: &[String], i: usize, chosen: bool, diags: &mut Diagnostics) {
    let why = if chosen {
        "as --sheet asks".to_string()
    } else if names.len() == 1 {
        "its only sheet".to_string()
    } else if i == 0 {
        "the first with a usable header; choose another with --sheet".to_string()
    } else {
        format!(
            "the first with a usable header (before it: {}); choose another with --sheet",
            names[..i]
                .iter()
                .map(|n| format!("'{n}'"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    diags.push(Diagnostic::warning(
        path,
        format!(
            "workbook: read sheet '{}' ({} of {}), {why}",
            names[i],
            i + 1,
            names.len()
        ),
    ));
}

/// The non-empty cells of a sheet, as `(row, column, text)` with 0-based positions, sorted.
type SheetCells = Vec<(u32, u32, String)>;

/// Reads the non-empty cells of sheet `name`. An `.xlsx` sheet is streamed cell by cell, so a
/// sheet with two cells far apart costs two cells, not the rectangle between them.
fn sheet_cells(
    book: &mut Sheets<Cursor<&[u8]>>,
    name: &str,
    cap: Option<usize>,
) -> Result<SheetCells, String> {
    let mut cells: SheetCells = vec![];
    let over = |n: usize| cap.is_some_and(|c| n > c);
    let too_many = || {
        format!(
            "more than {} cells, more than the memory budget allows; export the sheet as \
             CSV or raise --max-memory",
            cap.unwrap_or(0)
        )
    };
    match book {
        Sheets::Xlsx(x) => {
            let mut reader = x
                .worksheet_cells_reader(name)
                .map_err(|e| one_line(&e.to_string()))?;
            while let Some(cell) = reader.next_cell().map_err(|e| one_line(&e.to_string()))? {
                let text = data_ref_text(cell.get_value());
                if !text.is_empty() {
                    let (r, c) = cell.get_position();
                    cells.push((r, c, text));
                    if over(cells.len()) {
                        return Err(too_many());
                    }
                }
            }
        }
        other => {
            let range = other
                .worksheet_range(name)
                .map_err(|e| one_line(&e.to_string()))?;
            for (r, c, v) in range.used_cells() {
                let text = data_text(v);
                if !text.is_empty() {
                    let (r0, c0) = range.start().unwrap_or((0, 0));
                    cells.push((r0 + r as u32, c0 + c as u32, text));
                    if over(cells.len()) {
                        return Err(too_many());
                    }
                }
            }
        }
    }
    cells.sort_by_key(|&(r, c, _)| (r, c));
    Ok(cells)
}

/// Whether the first non-empty row has at least two cells and another row follows.
fn usable_header(cells: &SheetCells) -> bool {
    let Some(&(first, _, _)) = cells.first() else {
        return false;
    };
    let in_header = cells.iter().take_while(|c| c.0 == first).count();
    in_header >= 2 && cells.len() > in_header
}

/// Builds the table: the first non-empty row is the header, its last non-empty cell fixes the
/// width; a row with a value beyond that is reported and skipped, like a ragged CSV row.
fn to_table(path: &Path, sheet: &str, cells: SheetCells, diags: &mut Diagnostics) -> Option<Table> {
    let Some(&(header_row, _, _)) = cells.first() else {
        diags.push(Diagnostic::error(
            path,
            format!("sheet '{sheet}' is empty; expected a header row naming the columns"),
        ));
        return None;
    };
    let mut iter = cells.into_iter().peekable();
    let mut header_cells = vec![];
    while let Some(c) = iter.next_if(|c| c.0 == header_row) {
        header_cells.push(c);
    }
    let width = header_cells.last().map_or(0, |c| c.1 as usize + 1);
    let mut headers = vec![String::new(); width];
    for (_, c, t) in header_cells {
        headers[c as usize] = t.trim().to_string();
    }
    let keys = check_header(path, &headers, diags)?;
    let mut table = Table::with_header(path.to_path_buf(), headers, keys, b',');
    while let Some(&(r, _, _)) = iter.peek() {
        let line = r as u64 + 1;
        let mut fields = vec![String::new(); width];
        let mut problem: Option<String> = None;
        while let Some((_, c, t)) = iter.next_if(|c| c.0 == r) {
            if t.len() > MAX_FIELD_BYTES {
                problem = Some(format!(
                    "a cell is {} bytes long; the limit is {MAX_FIELD_BYTES} bytes",
                    t.len()
                ));
            } else if (c as usize) < width {
                fields[c as usize] = t;
            } else if problem.is_none() {
                problem = Some(format!(
                    "a value in column {} ('{}'), beyond the {width} columns of the header; \
                     expected every value under a named column",
                    column_letters(c),
                    one_line(&t)
                ));
            }
        }
        match problem {
            Some(p) => {
                diags.push(Diagnostic::error(path, p).at_line(line));
                table.skipped += 1;
            }
            None => table.push_row(line, fields),
        }
    }
    Some(table)
}

/// `A`, `Z`, `AA` for 0-based column `c`.
fn column_letters(c: u32) -> String {
    let mut n = c as u64 + 1;
    let mut out = vec![];
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        out.push((b'A' + r) as char);
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A date as ISO 8601: `2021-03-01`, or `2021-03-01 12:30:00` when it has a time; a duration
/// as its number of days.
fn date_text(d: &ExcelDateTime) -> String {
    if !d.is_datetime() {
        return number_text(d.as_f64());
    }
    let (y, mo, da, h, mi, s, _) = d.to_ymd_hms_milli();
    if (h, mi, s) == (0, 0, 0) {
        format!("{y:04}-{mo:02}-{da:02}")
    } else {
        format!("{y:04}-{mo:02}-{da:02} {h:02}:{mi:02}:{s:02}")
    }
}

fn data_text(v: &Data) -> String {
    match v {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        Data::DateTime(d) => date_text(d),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

fn data_ref_text(v: &DataRef) -> String {
    match v {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => s.to_string(),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        DataRef::DateTime(d) => date_text(d),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

#[cfg(test)]
mod tests {
    /// Found by the `workbook` fuzz target: a sheet whose dimension ends before it starts
    /// made calamine subtract with overflow (a panic in debug builds); it is read or refused,
    /// never a crash.
    #[test]
    fn a_reversed_sheet_dimension_is_no_crash() {
        let bytes = include_bytes!("../../../fuzz/corpus/workbook/regression-reversed-dimension");
        let mut d = super::Diagnostics::default();
        let t = super::read_workbook(std::path::Path::new("f.xlsx"), bytes, None, None, &mut d);
        assert!(t.is_some() || d.has_errors());
        if t.is_none() {
            let e = d.0.iter().find(|x| x.is_error()).unwrap();
            assert!(
                e.message.contains("the workbook reader failed on it"),
                "{}",
                e.message
            );
        }
    }

    use super::*;

    #[test]
    fn letters_and_numbers() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(16383), "XFD");
        assert_eq!(number_text(3.0), "3");
        assert_eq!(number_text(0.1), "0.1");
        assert_eq!(number_text(-2.5), "-2.5");
        let d = ExcelDateTime::new(45943.0, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(date_text(&d), "2025-10-13");
        let d = ExcelDateTime::new(45943.5, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(date_text(&d), "2025-10-13 12:00:00");
    }

    #[test]
    fn header_and_ragged_rows() {
        let cells: SheetCells = vec![
            (2, 0, "City".into()),
            (2, 1, "Program".into()),
            (3, 0, "Paris".into()),
            (3, 1, "C40".into()),
            (5, 0, "Lyon".into()),
            (5, 3, "stray".into()),
        ];
        assert!(usable_header(&cells));
        let mut d = Diagnostics::default();
        let t = to_table(Path::new("b.xlsx"), "S", cells, &mut d).unwrap();
        assert_eq!(t.headers, vec!["City", "Program"]);
        assert_eq!(t.col("city"), Some(0));
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].line, 4);
        assert_eq!(t.fields(&t.rows[0]), vec!["Paris", "C40"]);
        assert_eq!(d.0[0].line, Some(6));
        assert!(d.0[0].message.contains("column D"), "{}", d.0[0].message);
    }

    #[test]
    fn not_a_workbook_zip_is_named() {
        // A ZIP with one entry "a.txt" (stored), as `zip` would write it.
        let mut buf = Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut buf);
            w.start_file("a.txt", zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut w, b"hello").unwrap();
            w.finish().unwrap();
        }
        let err = check_zip(buf.get_ref(), Some(1 << 30)).unwrap_err();
        assert!(err.contains("not an Excel"), "{err}");
        let err = check_zip(b"PK\x03\x04garbage", Some(1 << 30)).unwrap_err();
        assert!(err.contains("damaged"), "{err}");
    }
}
