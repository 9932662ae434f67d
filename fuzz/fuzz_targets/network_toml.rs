//! Any text as network.toml: no panic, and a rejected file is always explained.
#![no_main]

use citynet::model::network_toml::check_network_toml;
use citynet::model::Diagnostics;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut d = Diagnostics::default();
    if check_network_toml(Path::new("network.toml"), text, &mut d).is_none() {
        assert!(d.has_errors());
        for e in d.errors() {
            if let Some(line) = e.line {
                assert!(line as usize <= text.split('\n').count());
            }
        }
    }
});
