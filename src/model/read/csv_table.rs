//! Reading one CSV table as researchers export it from a spreadsheet.
//!
//! Accepts UTF-8 (a byte-order mark is tolerated) or Latin-1 (`--encoding latin1`), CRLF or LF,
//! and a comma, semicolon or tab delimiter, detected from the header line. Header names are
//! matched case-insensitively with surrounding white space ignored. Every problem becomes a
//! [`Diagnostic`] naming the file and line; reading goes on where it can so that one run reports
//! all problems.

use crate::model::diagnostic::{Diagnostic, Diagnostics};
use crate::model::memory::human_bytes;
use std::path::Path;

use super::decode::Encoding;
use super::sheet::check_header;
use super::sheet::{Table, MAX_FIELD_BYTES};

/// Picks the delimiter that occurs most often outside quotes on the header line: `,`, `;` or tab.
fn detect_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let mut counts = [0usize; 3];
    let mut in_quotes = false;
    for c in first.chars() {
        match c {
            '"' => in_quotes = !in_quotes,
            ',' if !in_quotes => counts[0] += 1,
            ';' if !in_quotes => counts[1] += 1,
            '\t' if !in_quotes => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3)
        .max_by_key(|&i| (counts[i], std::cmp::Reverse(i)))
        .unwrap();
    if counts[best] == 0 {
        b','
    } else {
        [b',', b';', b'\t'][best]
    }
}

/// How to read one table file.
#[derive(Debug, Clone, Default)]
pub struct TableOptions {
    /// Text encoding (detected by default).
    pub encoding: Encoding,
    /// The sheet of a workbook (`--sheet`): a name or a 1-based number.
    pub sheet: Option<String>,
    /// Memory budget in bytes (see [`crate::model::limits`]).
    pub max_memory: Option<u64>,
}

/// Reads `path` as a table. Problems go to `diags`; `None` means the table could not be read at
/// all (unreadable, empty, not text, no usable header). Rows with the wrong number of fields are
/// reported and skipped.
pub fn read_table(
    path: &Path,
    encoding: Encoding,
    max_memory: Option<u64>,
    diags: &mut Diagnostics,
) -> Option<Table> {
    let opts = TableOptions {
        encoding,
        sheet: None,
        max_memory,
    };
    read_table_with(path, &opts, diags)
}

/// [`read_table`] with every option: a CSV/TSV text file in any encoding, or a workbook
/// (`.xlsx`, `.xlsm`, `.xls`, `.ods`, recognised from its first bytes).
pub fn read_table_with(path: &Path, opts: &TableOptions, diags: &mut Diagnostics) -> Option<Table> {
    let max_memory = opts.max_memory;
    if let Some(d) = too_big_to_read(path, max_memory) {
        diags.push(d);
        return None;
    }
    // Read at most what the budget allows: the size checked above can be 0 for a device or a
    // pipe (`/dev/zero`, a FIFO) or grow while the file is read.
    let cap = crate::model::memory::budget(max_memory).map(|b| b / READ_OVERHEAD);
    let bytes = match read_capped(path, cap) {
        Ok(Some(b)) => b,
        Ok(None) => {
            diags.push(Diagnostic::error(
                path,
                format!(
                    "more than {} to read (the memory budget allows about a third of \
                     --max-memory per file); is this a device or a pipe rather than a file?",
                    human_bytes(cap.unwrap_or(0))
                ),
            ));
            return None;
        }
        Err(e) => {
            diags.push(Diagnostic::error(
                path,
                format!("cannot read the file: {e}"),
            ));
            return None;
        }
    };
    read_table_bytes_with(path, &bytes, opts, diags)
}

/// The bytes of `path`, or `None` when there are more than `cap`.
pub(crate) fn read_capped(path: &Path, cap: Option<u64>) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let f = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    match cap {
        None => {
            let mut f = f;
            f.read_to_end(&mut bytes)?;
        }
        Some(cap) => {
            f.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
            if bytes.len() as u64 > cap {
                return Ok(None);
            }
        }
    }
    Ok(Some(bytes))
}

/// [`read_table`] on bytes already in memory (`path` names them in messages).
pub fn read_table_bytes(
    path: &Path,
    bytes: &[u8],
    encoding: Encoding,
    diags: &mut Diagnostics,
) -> Option<Table> {
    let opts = TableOptions {
        encoding,
        ..Default::default()
    };
    read_table_bytes_with(path, bytes, &opts, diags)
}

/// [`read_table_with`] on bytes already in memory (`path` names them in messages).
pub fn read_table_bytes_with(
    path: &Path,
    bytes: &[u8],
    opts: &TableOptions,
    diags: &mut Diagnostics,
) -> Option<Table> {
    if super::workbook::is_workbook(bytes) {
        return super::workbook::read_workbook(
            path,
            bytes,
            opts.sheet.as_deref(),
            opts.max_memory,
            diags,
        );
    }
    if let Some(what) = foreign_format(bytes) {
        diags.push(Diagnostic::error(path, what));
        return None;
    }
    if !super::decode::is_utf16(bytes) {
        if let Some(pos) = bytes.iter().position(|&b| b == 0) {
            let line = 1 + bytes[..pos].iter().filter(|&&b| b == b'\n').count() as u64;
            diags.push(
                Diagnostic::error(
                    path,
                    "NUL byte: this is a binary file, not a CSV table (expected text: UTF-8, \
                     UTF-16 with a byte-order mark, or Windows-1252)",
                )
                .at_line(line),
            );
            return None;
        }
    }
    let text = super::decode::decode(bytes, opts.encoding, path, diags)?;
    if let Some(pos) = text.find('\0') {
        let line = 1 + text[..pos].matches('\n').count() as u64;
        diags.push(
            Diagnostic::error(
                path,
                "NUL character: this is a binary file, not a CSV table",
            )
            .at_line(line),
        );
        return None;
    }
    read_csv_text(path, &text, diags)
}

/// The CSV stage: decoded text to a table.
fn read_csv_text(path: &Path, text: &str, diags: &mut Diagnostics) -> Option<Table> {
    if text.trim().is_empty() {
        diags.push(Diagnostic::error(
            path,
            "the file is empty; expected a header line naming the columns",
        ));
        return None;
    }
    let text = unify_line_ends(path, text, diags)?;
    let delimiter = detect_delimiter(&text);
    note_delimiter(path, delimiter, diags);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // One record, reused for every row.
    let mut rec = csv::StringRecord::new();
    match reader.read_record(&mut rec) {
        Ok(true) => {}
        Err(e) => {
            diags.push(Diagnostic::error(path, format!("cannot read the header: {e}")).at_line(1));
            return None;
        }
        Ok(false) => {
            diags.push(Diagnostic::error(path, "the file has no header line"));
            return None;
        }
    }
    let headers: Vec<String> = rec.iter().map(|h| h.trim().to_string()).collect();
    let keys = check_header(path, &headers, diags)?;
    let mut table = Table::with_header(path.to_path_buf(), headers, keys, delimiter);
    table.reserve_cells(text.len());
    let headers = table.headers.clone();
    loop {
        match reader.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                diags.push(Diagnostic::error(path, format!("unreadable row: {e}")).at_line(line));
                table.skipped += 1;
                continue;
            }
        }
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        if rec.len() == 1 && rec.get(0).is_some_and(|f| f.trim().is_empty()) {
            continue; // blank line
        }
        if let Some(d) = row_problem(path, &rec, line, &headers) {
            diags.push(d);
            table.skipped += 1;
            continue;
        }
        table.push_row(line, rec.iter());
    }
    table.shrink_cells();
    Some(table)
}

/// The text with CRLF line ends made LF (with a warning), so that line numbers count lines as
/// an editor shows them. A carriage return left after that would end a record for the CSV
/// reader without starting a line (found by fuzzing: rows got the header's line number), so it
/// is an error naming its line (`None`).
fn unify_line_ends<'t>(
    path: &Path,
    text: &'t str,
    diags: &mut Diagnostics,
) -> Option<std::borrow::Cow<'t, str>> {
    if text.contains('\r') {
        let had_crlf = text.contains("\r\n");
        let lf = text.replace("\r\n", "\n");
        if let Some(pos) = lf.find('\r') {
            let line = 1 + lf[..pos].matches('\n').count() as u64;
            let message = if had_crlf {
                "a carriage return not followed by a line feed (a stray old-Mac line end); \
                 expected LF or CRLF line ends"
            } else {
                "lines end with a bare carriage return (old Mac format); expected LF or CRLF"
            };
            diags.push(Diagnostic::error(path, message).at_line(line));
            return None;
        }
        diags.push(Diagnostic::warning(path, "lines end with CRLF (Windows); accepted").at_line(1));
        Some(std::borrow::Cow::Owned(lf))
    } else {
        Some(std::borrow::Cow::Borrowed(text))
    }
}

/// A warning when the fields are not separated by commas.
fn note_delimiter(path: &Path, delimiter: u8, diags: &mut Diagnostics) {
    if delimiter != b',' {
        let name = if delimiter == b';' {
            "semicolons"
        } else {
            "tabs"
        };
        diags.push(
            Diagnostic::warning(
                path,
                format!(
                    "fields are separated by {name} (detected from the header); accepted. \
                     Decimal commas in numbers (1,5) are read as 1.5"
                ),
            )
            .at_line(1),
        );
    }
}

/// Why a CSV record cannot be a row: a field over the size limit, or not as many fields as
/// the header names.
fn row_problem(
    path: &Path,
    rec: &csv::StringRecord,
    line: u64,
    headers: &[String],
) -> Option<Diagnostic> {
    if let Some((i, f)) = rec
        .iter()
        .enumerate()
        .find(|(_, f)| f.len() > MAX_FIELD_BYTES)
    {
        let mut d = Diagnostic::error(
            path,
            format!(
                "field {} is {} bytes long; the limit is {MAX_FIELD_BYTES} bytes \
                 (an unbalanced quote can swallow the rest of the file)",
                i + 1,
                f.len()
            ),
        )
        .at_line(line);
        if let Some(h) = headers.get(i) {
            d = d.in_column(h.clone());
        }
        return Some(d);
    }
    if rec.len() != headers.len() {
        let multiline = rec.iter().any(|f| f.contains('\n'));
        let hint = if multiline {
            " (a quoted field spans several lines: is a quote unbalanced?)"
        } else {
            ""
        };
        return Some(
            Diagnostic::error(
                path,
                format!(
                    "expected {} fields as in the header, found {}{hint}",
                    headers.len(),
                    rec.len()
                ),
            )
            .at_line(line),
        );
    }
    None
}

/// Recognises files that are not CSV text at all (a workbook, UTF-16 text) from their first
/// bytes, and says what to do instead.
fn foreign_format(bytes: &[u8]) -> Option<String> {
    let what = if bytes.starts_with(b"%PDF") {
        "this is a PDF document, not a CSV table"
    } else {
        return None;
    };
    Some(what.to_string())
}

/// Reading a table holds the file, its decoded text and the parsed fields at once: about
/// three times the file size.
pub(crate) const READ_OVERHEAD: u64 = 3;

/// An error when `path` is too large to read within the memory budget (see
/// [`crate::model::limits`]), rather than letting the kernel kill the process part way.
pub(crate) fn too_big_to_read(path: &Path, max_memory: Option<u64>) -> Option<Diagnostic> {
    let len = std::fs::metadata(path).ok()?.len();
    let budget = crate::model::memory::budget(max_memory)?;
    let need = len.saturating_mul(READ_OVERHEAD);
    let source = if max_memory.is_some() {
        "the --max-memory budget"
    } else {
        "the default budget (half of the memory available)"
    };
    (need > budget).then(|| {
        Diagnostic::error(
            path,
            format!(
                "the file is {} and reading it needs about {}, more than {source} of {}; \
                 split the file, raise --max-memory if the machine has the memory, or run on \
                 a machine with more memory",
                human_bytes(len),
                human_bytes(need),
                human_bytes(budget)
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &[u8]) -> (Option<Table>, Diagnostics) {
        let mut d = Diagnostics::default();
        let t = read_table_bytes(Path::new("t.csv"), s, Encoding::AUTO, &mut d);
        (t, d)
    }

    #[test]
    fn bom_semicolon_crlf_and_case() {
        let (t, d) = read(b"\xEF\xBB\xBFCity ; Program\r\nParis;C40\r\n");
        let t = t.unwrap();
        assert!(!d.has_errors());
        let w: Vec<&str> = d.warnings().map(|w| w.message.as_str()).collect();
        assert_eq!(w.len(), 3, "{w:?}");
        assert!(w[0].contains("byte-order mark"));
        assert!(w[1].contains("CRLF"));
        assert!(w[2].contains("semicolons"));
        assert_eq!(t.delimiter, b';');
        assert_eq!(t.col("city"), Some(0));
        assert_eq!(t.col("PROGRAM"), Some(1));
        assert_eq!(t.fields(&t.rows[0]), vec!["Paris", "C40"]);
        assert_eq!(t.rows[0].line, 2);
    }

    #[test]
    fn ragged_row_is_reported_with_line() {
        let (t, d) = read(b"a,b\n1,2\n3\n4,5\n");
        assert_eq!(t.unwrap().rows.len(), 2);
        let e: Vec<_> = d.errors().collect();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, Some(3));
        assert!(e[0].message.contains("expected 2 fields"));
    }

    #[test]
    fn a_stray_windows_1252_byte_is_read_with_a_warning() {
        let (t, d) = read(b"city,program\nS\xE3o Paulo,C40\n");
        let t = t.unwrap();
        assert_eq!(t.cell(&t.rows[0], 0), "São Paulo");
        assert!(!d.has_errors());
        assert_eq!(d.0[0].line, Some(2));
        assert!(d.0[0].message.contains("Windows-1252"));
        let mut d2 = Diagnostics::default();
        let t2 = read_table_bytes(
            Path::new("t.csv"),
            b"city,program\nS\xE3o Paulo,C40\n",
            Encoding::from_label("latin1").unwrap(),
            &mut d2,
        )
        .unwrap();
        assert_eq!(t2.cell(&t2.rows[0], 0), "São Paulo");
        assert!(d2.0.is_empty());
    }

    #[test]
    fn empty_and_binary_files() {
        assert!(read(b"").0.is_none());
        assert!(read(b"  \n").0.is_none());
        let (t, d) = read(b"a,b\n\x00\x01\x02");
        assert!(t.is_none());
        assert!(d.0[0].message.contains("NUL"));
    }

    #[test]
    fn damaged_workbook_is_named_and_utf16_is_read() {
        let (t, d) = read(b"PK\x03\x04\x14\x00\x06\x00");
        assert!(t.is_none());
        assert!(
            d.0[0].message.contains("ZIP structure is damaged"),
            "{:?}",
            d.0
        );
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "city\tprogram\r\nZürich\tC40\r\n".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        let (t, d) = read(&utf16);
        let t = t.unwrap();
        assert!(!d.has_errors());
        assert_eq!(t.delimiter, b'\t');
        assert_eq!(t.fields(&t.rows[0]), vec!["Zürich", "C40"]);
        assert_eq!(t.rows[0].line, 2);
    }

    #[test]
    fn stray_carriage_return_is_an_error_with_its_line() {
        // Found by the `table` fuzz target: a bare CR among CRLF line ends made the CSV reader
        // start a record without a new line, so a data row carried line number 1.
        let (t, d) = read(b"city,program\r\nParis,C40\rLyon,C40\r\n");
        assert!(t.is_none());
        assert_eq!(d.0[0].line, Some(2));
        assert!(d.0[0].message.contains("stray old-Mac line end"));
        let (t, d) = read(b"city,program\rParis,C40\r");
        assert!(t.is_none());
        assert_eq!(d.0[0].line, Some(1));
        assert!(d.0[0].message.contains("bare carriage return"));
    }

    #[test]
    fn duplicate_header_is_an_error() {
        let (t, d) = read(b"city,City\nx,y\n");
        assert!(t.is_none());
        assert!(d.0[0].message.contains("twice"));
    }
}
