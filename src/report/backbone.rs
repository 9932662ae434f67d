//! The `backbone.csv` table: one row per tested pair (or per kept pair).
//!
//! Columns: `city_a,country_a,city_b,country_b,shared,expected,p_value,p_adjusted,kept`, with
//! `a` the city listed first in the input. Numbers are written in Rust's shortest round-trip
//! form, so the bytes depend only on the values (identical for any thread count). `shared` is
//! the number of shared programs (the projection weight for the disparity filter); `expected`,
//! `p_value` and `p_adjusted` are empty where the model has none.

use super::analyses::{Cell, Rows};
use super::csv_out::neutralise;
use crate::graph::TwoMode;
use crate::metrics::backbone::disparity_twins::{for_each_city_row, ClassTest};
use crate::metrics::backbone::{pairs, EdgeTest, PairTable, Validated};
use crate::metrics::twin_view::TwinView;
use crate::model::Dataset;
use std::io::{self, Write};

/// The header line.
/// The most pairs a backbone table holds unless asked for more (`citynet backbone
/// --max-rows`; `analyze` leaves backbone.csv out above it and says so).
pub const MAX_ROWS: u64 = 10_000_000;

pub const HEADER: &str =
    "city_a,country_a,city_b,country_b,shared,expected,p_value,p_adjusted,kept\n";

/// The shortest text that reads back as `x`: plain decimals, or scientific notation below
/// 10⁻⁵ and from 10¹⁶ (9.27e-200, not a 217-character decimal); empty for NaN.
fn num(x: f64) -> String {
    if x.is_nan() {
        String::new()
    } else if x != 0.0 && x.is_finite() && (x.abs() < 1e-5 || x.abs() >= 1e16) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

fn quote(s: &str, raw: bool) -> String {
    let s = if raw { s.into() } else { neutralise(s) };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.into_owned()
    }
}

struct Names<'a> {
    ds: &'a Dataset,
    raw: bool,
}

impl Names<'_> {
    fn row(&self, out: &mut Vec<u8>, a: usize, b: usize, rest: std::fmt::Arguments) {
        let (ca, cb) = (&self.ds.cities[a], &self.ds.cities[b]);
        let _ = writeln!(
            out,
            "{},{},{},{},{rest}",
            quote(&ca.name, self.raw),
            quote(&ca.country, self.raw),
            quote(&cb.name, self.raw),
            quote(&cb.country, self.raw)
        );
    }
}

/// Bytes the numbers of a row (`shared,expected,p_value,p_adjusted,kept` and the line end)
/// take on average: p-values are mostly written with 16 to 17 significant digits (ETMUN's
/// fixed-row backbone: 67 bytes a row, 106 with the names).
const NUMBER_BYTES: f64 = 66.0;

/// The approximate size in bytes of a backbone CSV of `rows` pairs of `ds`'s cities: the
/// header, and per row the mean length of two cities' quoted name and country (every city
/// weighing alike) and about 66 bytes of numbers.
pub fn approx_csv_bytes(ds: &Dataset, rows: u64, raw: bool) -> u64 {
    let n = ds.cities.len().max(1) as f64;
    let names: f64 = ds
        .cities
        .iter()
        .map(|c| (quote(&c.name, raw).len() + quote(&c.country, raw).len() + 2) as f64)
        .sum::<f64>()
        / n;
    (HEADER.len() as f64 + rows as f64 * (2.0 * names + NUMBER_BYTES)) as u64
}

/// Writes the pairs of a class-based test (SDSM, fixed-row, threshold): the kept pairs, or
/// every tested pair with `all_pairs`, in order of `(a, b)`.
pub fn write_pair_table(
    w: &mut dyn Write,
    ds: &Dataset,
    t: &TwoMode,
    table: &PairTable,
    all_pairs: bool,
    raw: bool,
) -> io::Result<()> {
    w.write_all(HEADER.as_bytes())?;
    let names = Names { ds, raw };
    let mut err = Ok(());
    let mut buf = Vec::with_capacity(1 << 16);
    pairs::for_each_block(t, &|i, j, s| all_pairs || table.is_kept(i, j, s), |block| {
        if err.is_err() {
            return;
        }
        buf.clear();
        for &(i, j, s) in block {
            let st = table.stat(i as usize, j as usize, s);
            names.row(
                &mut buf,
                i as usize,
                j as usize,
                format_args!(
                    "{s},{},{},{},{}",
                    num(st.expected),
                    num(st.p_value),
                    num(st.p_adjusted),
                    st.kept
                ),
            );
        }
        err = w.write_all(&buf);
    });
    err
}

/// Writes the edges of an edge-based test (disparity filter).
pub fn write_edge_tests(
    w: &mut dyn Write,
    ds: &Dataset,
    tests: &[EdgeTest],
    all_pairs: bool,
    raw: bool,
) -> io::Result<()> {
    w.write_all(HEADER.as_bytes())?;
    let names = Names { ds, raw };
    let mut buf = Vec::new();
    for e in tests.iter().filter(|e| all_pairs || e.kept) {
        names.row(
            &mut buf,
            e.a as usize,
            e.b as usize,
            format_args!(
                "{},,{},{},{}",
                num(e.weight),
                num(e.p_value),
                num(e.p_adjusted),
                e.kept
            ),
        );
    }
    w.write_all(&buf)
}

fn names(ds: &Dataset, a: usize, b: usize) -> Vec<Cell> {
    let (ca, cb) = (&ds.cities[a], &ds.cities[b]);
    vec![
        Cell::Text(ca.name.clone()),
        Cell::Text(ca.country.clone()),
        Cell::Text(cb.name.clone()),
        Cell::Text(cb.country.clone()),
    ]
}

fn table_headers() -> Vec<String> {
    HEADER.trim_end().split(',').map(str::to_string).collect()
}

/// The rows [`write_pair_table`] writes, as a table (`kept` as the text `true`/`false`).
pub fn pair_rows(ds: &Dataset, t: &TwoMode, table: &PairTable, all_pairs: bool) -> Rows {
    let mut rows = vec![];
    pairs::for_each_block(t, &|i, j, s| all_pairs || table.is_kept(i, j, s), |block| {
        for &(i, j, s) in block {
            let st = table.stat(i as usize, j as usize, s);
            let mut r = names(ds, i as usize, j as usize);
            r.extend([
                Cell::Int(s.into()),
                Cell::Num(st.expected),
                Cell::Num(st.p_value),
                Cell::Num(st.p_adjusted),
                Cell::Text(st.kept.to_string()),
            ]);
            rows.push(r);
        }
    });
    Rows {
        headers: table_headers(),
        rows,
    }
}

/// The rows [`write_edge_tests`] writes, as a table (`expected` empty).
pub fn edge_rows(ds: &Dataset, tests: &[EdgeTest], all_pairs: bool) -> Rows {
    let rows = tests
        .iter()
        .filter(|e| all_pairs || e.kept)
        .map(|e| {
            let mut r = names(ds, e.a as usize, e.b as usize);
            r.extend([
                Cell::Num(e.weight),
                Cell::Empty,
                Cell::Num(e.p_value),
                Cell::Num(e.p_adjusted),
                Cell::Text(e.kept.to_string()),
            ]);
            r
        })
        .collect();
    Rows {
        headers: table_headers(),
        rows,
    }
}

/// Writes the city pairs of class-pair tests (disparity filter through twin classes): the
/// kept pairs, or every tested pair with `all_pairs`, in the order and format of
/// [`write_edge_tests`] on the materialised projection. Streams row by row.
pub fn write_class_tests(
    w: &mut dyn Write,
    ds: &Dataset,
    q: &TwinView,
    tests: &[ClassTest],
    all_pairs: bool,
    raw: bool,
) -> io::Result<()> {
    w.write_all(HEADER.as_bytes())?;
    let names = Names { ds, raw };
    let mut err = Ok(());
    let mut buf = Vec::with_capacity(1 << 16);
    for_each_city_row(
        q,
        tests,
        |t| all_pairs || t.kept,
        |a, row| {
            if err.is_err() {
                return;
            }
            buf.clear();
            for &(b, k) in row {
                let e = &tests[k];
                names.row(
                    &mut buf,
                    a as usize,
                    b as usize,
                    format_args!(
                        "{},,{},{},{}",
                        num(e.weight),
                        num(e.p_value),
                        num(e.p_adjusted),
                        e.kept
                    ),
                );
            }
            err = w.write_all(&buf);
        },
    );
    err
}

/// The rows [`write_class_tests`] writes, as a table (`expected` empty).
pub fn class_rows(ds: &Dataset, q: &TwinView, tests: &[ClassTest], all_pairs: bool) -> Rows {
    let mut rows = vec![];
    for_each_city_row(
        q,
        tests,
        |t| all_pairs || t.kept,
        |a, row| {
            for &(b, k) in row {
                let e = &tests[k];
                let mut r = names(ds, a as usize, b as usize);
                r.extend([
                    Cell::Num(e.weight),
                    Cell::Empty,
                    Cell::Num(e.p_value),
                    Cell::Num(e.p_adjusted),
                    Cell::Text(e.kept.to_string()),
                ]);
                rows.push(r);
            }
        },
    );
    Rows {
        headers: table_headers(),
        rows,
    }
}

/// Writes the kept edges of a validated projection (`backbone.csv` of `analyze`), in the same
/// order and format as `citynet backbone` without `--all-pairs`.
pub fn write_kept(w: &mut dyn Write, ds: &Dataset, v: &Validated, raw: bool) -> io::Result<()> {
    w.write_all(HEADER.as_bytes())?;
    let names = Names { ds, raw };
    let mut buf = Vec::new();
    for (a, b, wt) in v.graph.edges() {
        let (e, p, q) = v.edge_stat(a as usize, b as usize, wt);
        names.row(
            &mut buf,
            a as usize,
            b as usize,
            format_args!("{},{},{},{},true", num(wt), num(e), num(p), num(q)),
        );
    }
    w.write_all(&buf)
}

#[cfg(test)]
mod number_tests {
    use super::num;

    #[test]
    fn numbers_are_short_and_read_back_exactly() {
        for x in [
            9.27e-200, 1e-5, 0.000123, 0.05, 1.0, 3.5, 1e16, 2.5e300, 0.0,
        ] {
            let s = num(x);
            assert!(s.len() <= 24, "{s}");
            assert_eq!(s.parse::<f64>().unwrap(), x, "{s}");
        }
        assert_eq!(num(9.27e-200), "9.27e-200");
        assert_eq!(num(0.05), "0.05");
    }
}
