//! Any bytes as a workbook (`model::read::workbook::read_workbook`: .xlsx/.xlsm/.ods ZIP archives and
//! .xls compound files, through calamine): no panic, a ZIP bomb is refused within the memory
//! budget, and a table that comes back has rows as wide as its header; one that does not is
//! explained.
#![no_main]

use citynet::model::read::workbook::read_workbook;
use citynet::model::Diagnostics;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    // read_workbook turns a panic inside calamine into an error (catch_unwind); libfuzzer-sys's
    // panic hook would abort before that, so the hook is silenced. A panic that escapes
    // read_workbook still reaches libfuzzer-sys's own catch_unwind and is reported as a crash.
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    for sheet in [None, Some("2"), Some("Sheet1")] {
        let mut d = Diagnostics::default();
        // A 64 MiB budget: a workbook unpacking to more than a quarter of it is refused.
        let t = read_workbook(
            Path::new("fuzz.xlsx"),
            data,
            sheet,
            Some(64 << 20),
            &mut d,
        );
        match t {
            Some(t) => {
                for r in &t.rows {
                    assert_eq!(t.fields(r).len(), t.headers.len());
                    assert!(r.line >= 2);
                }
            }
            None => assert!(d.has_errors()),
        }
    }
});
