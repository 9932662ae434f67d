//! Any bytes through the CSV table reader, in both encodings: no panic, and every row kept has
//! as many fields as the header, none longer than the field limit.
#![no_main]

use citynet::model::read::csv_table::read_table_bytes;
use citynet::model::read::sheet::MAX_FIELD_BYTES;
use citynet::model::Encoding;
use citynet::model::Diagnostics;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    for enc in [Encoding::AUTO, Encoding::UTF8, Encoding::WINDOWS_1252] {
        let mut d = Diagnostics::default();
        let t = read_table_bytes(Path::new("fuzz.csv"), data, enc, &mut d);
        match t {
            Some(t) => {
                for r in &t.rows {
                    let fields = t.fields(r);
                    assert_eq!(fields.len(), t.headers.len());
                    assert!(fields.iter().all(|f| f.len() <= MAX_FIELD_BYTES));
                    assert!(r.line >= 2);
                }
            }
            // A table that cannot be read is always explained.
            None => assert!(d.has_errors()),
        }
    }
});
