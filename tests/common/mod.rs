//! Helpers shared by the end-to-end tests.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::PathBuf;

/// The built `citynet` binary, run from the repository root.
pub fn citynet() -> Command {
    let mut c = Command::cargo_bin("citynet").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

/// A file under tests/data.
pub fn data(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(rel)
}

/// Whether Graphviz is installed (figure tests need it; .ci/run installs it).
pub fn has_graphviz() -> bool {
    std::process::Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Reads a CSV into (header, rows).
pub fn read_csv(p: &std::path::Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(p).unwrap();
    let h = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    (h, rows)
}
