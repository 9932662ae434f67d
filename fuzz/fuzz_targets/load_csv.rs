//! Any bytes through the membership-table / edge-list loader: no panic; a dataset comes back
//! only without errors, and then every index is in range and every weight finite and > 0.
#![no_main]

use citynet::model::load::load_csv_bytes;
use citynet::model::{InputKind, LoadOptions};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    for kind in [None, Some(InputKind::EdgeList)] {
        let opts = LoadOptions {
            kind,
            ..Default::default()
        };
        let l = load_csv_bytes(Path::new("fuzz.csv"), data, &opts);
        match &l.dataset {
            Some(ds) => {
                assert!(!l.diagnostics.has_errors());
                let (nc, np) = (ds.cities.len() as u32, ds.programs.len() as u32);
                for m in &ds.memberships {
                    assert!(m.city < nc && m.program < np);
                    assert!(m.weight.is_finite() && m.weight > 0.0);
                }
                for t in &ds.ties {
                    assert!(t.a < nc && t.b < nc && t.a != t.b);
                    assert!(t.weight.is_finite() && t.weight > 0.0);
                }
                // The graphs build without panicking.
                let _ = citynet::pipeline::build_graphs(ds);
            }
            None => assert!(l.diagnostics.has_errors()),
        }
    }
});
