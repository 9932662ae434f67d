//! Any bytes through the text decoder (`model::read::decode::decode`) in the detected encoding and
//! in a few explicit ones (UTF-8 with Windows-1252 fallback lines, UTF-16 with and without a
//! byte-order mark, Shift_JIS): no panic; text that is not decoded is explained; the line the
//! decoder names as the first non-UTF-8 one agrees with the standard library.
#![no_main]

use citynet::model::read::decode::{decode, first_invalid_utf8_line};
use citynet::model::{Diagnostics, Encoding};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    for label in ["auto", "utf-8", "utf-16le", "utf-16be", "windows-1252", "shift_jis"] {
        let Ok(enc) = Encoding::from_label(label) else {
            panic!("{label} is a WHATWG label");
        };
        let mut d = Diagnostics::default();
        if decode(data, enc, Path::new("fuzz.csv"), &mut d).is_none() {
            assert!(d.has_errors(), "{label}: not decoded and not explained");
        }
    }
    match std::str::from_utf8(data) {
        Ok(_) => assert_eq!(first_invalid_utf8_line(data), None),
        Err(e) => {
            let line = 1 + data[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count();
            assert_eq!(first_invalid_utf8_line(data), Some(line as u64));
        }
    }
});
