//! The read stage: bytes → decoded text → a table of text cells.
//!
//! **Enters**: a file's bytes (CSV/TSV in any of the accepted encodings, an `.xlsx`/`.ods`
//! workbook) and the read options. **Leaves**: a [`sheet::Table`] (header, rows with their line
//! numbers) in the long shape every later stage reads, with diagnostics for what could not be
//! read: encodings in [`decode`], CSV in [`csv_table`], workbooks in [`workbook`], wide and
//! matrix layouts turned long in [`shapes`].

pub mod csv_table;
pub mod decode;
pub mod shapes;
pub mod sheet;
pub mod workbook;
