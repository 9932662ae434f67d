//! Any text as a GraphML or GEXF file (`model::import`): no panic; a dataset that comes back
//! has its indices in range and finite positive weights.
#![no_main]

use citynet::model::import::{parse_gexf, parse_graphml, to_dataset};
use citynet::model::Diagnostics;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for (name, parsed) in [
        ("f.graphml", parse_graphml(text)),
        ("f.gexf", parse_gexf(text)),
    ] {
        let Ok(g) = parsed else { continue };
        let mut d = Diagnostics::default();
        if let Some(ds) = to_dataset(Path::new(name), g, &mut d) {
            let (nc, np) = (ds.cities.len() as u32, ds.programs.len() as u32);
            for m in &ds.memberships {
                assert!(m.city < nc && m.program < np);
                assert!(m.weight.is_finite() && m.weight > 0.0, "{}", m.weight);
            }
            for t in &ds.ties {
                assert!(t.a < nc && t.b < nc);
                assert!(t.weight.is_finite() && t.weight > 0.0, "{}", t.weight);
            }
        }
    }
});
