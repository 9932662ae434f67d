//! Any bytes as an incidence matrix and as a table of one-cell program lists
//! (`model::read::shapes`), then through the whole loader with `--kind matrix` and with
//! `--program-sep`: no panic; a matrix turns into rows of (identity, program, weight > 0) and
//! rejected cells with a line, a column and a value; split items are trimmed, non-empty and
//! free of the separator; a dataset has indices in range and finite positive weights.
#![no_main]

use citynet::model::rows::intake::NaSet;
use citynet::model::load::load_csv_bytes;
use citynet::model::read::shapes::{matrix_to_long, split_program_lists};
use citynet::model::read::csv_table::read_table_bytes;
use citynet::model::{Diagnostics, Encoding, InputKind, LoadOptions};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

const SEPS: [&str; 5] = [";", ";;", "|", ",", " "];

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let sep = SEPS[first as usize % SEPS.len()];
    let path = Path::new("fuzz.csv");
    let mut d = Diagnostics::default();
    if let Some(t) = read_table_bytes(path, bytes, Encoding::AUTO, &mut d) {
        let na = NaSet::new(None);
        let long = matrix_to_long(&t, &[0], &na);
        for r in &long.rows {
            let w: f64 = long.cell(r, long.headers.len() - 1).parse().unwrap();
            assert!(w.is_finite() && w > 0.0);
        }
        for (e, row) in &long.reshaped.as_ref().unwrap().rejected {
            assert!(e.line.is_some() && e.column.is_some() && e.value.is_some());
            assert_eq!(row.len(), t.headers.len());
        }
        let program = t.headers.len() - 1;
        let split = split_program_lists(t, program, sep, &mut Diagnostics::default());
        for r in &split.rows {
            let item = split.cell(r, program);
            assert_eq!(item, item.trim());
        }
    }
    for (kind, program_sep) in [(Some(InputKind::Matrix), None), (None, Some(sep.to_string()))] {
        let opts = LoadOptions {
            kind,
            program_sep,
            ..Default::default()
        };
        let l = load_csv_bytes(path, bytes, &opts);
        let Some(ds) = &l.dataset else {
            assert!(l.diagnostics.has_errors());
            continue;
        };
        let (nc, np) = (ds.cities.len() as u32, ds.programs.len() as u32);
        for m in &ds.memberships {
            assert!(m.city < nc && m.program < np);
            assert!(m.weight.is_finite() && m.weight > 0.0);
        }
        if let Some(i) = &ds.intake {
            assert_eq!(i.rows_used + i.rows_rejected, i.rows_read);
        }
    }
});
