//! Every bundled network validates, states its sources and licence, and the default one has
//! the expected shape.

mod common;
use common::citynet;
use predicates::prelude::*;
use std::path::PathBuf;

fn networks() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("networks");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    v.sort();
    v
}

#[test]
fn every_bundled_network_validates_without_warnings_and_names_its_licence() {
    let all = networks();
    assert!(all.len() >= 3, "{all:?}");
    for n in all {
        citynet()
            .arg("validate")
            .arg(&n)
            .assert()
            .success()
            .stdout(predicate::str::contains("; 0 warning(s)"));
        let toml = std::fs::read_to_string(n.join("network.toml")).unwrap();
        assert!(
            toml.contains("[[sources]]") && toml.contains("licence"),
            "{n:?}"
        );
        let readme = std::fs::read_to_string(n.join("README.md")).unwrap();
        assert!(readme.to_lowercase().contains("licen"), "{n:?}");
    }
}

#[test]
fn default_network_has_the_five_programs() {
    let out = citynet()
        .args(["validate", "networks/city-diplomacy"])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("5 programs"), "{s}");
    let cities: usize = s
        .split("folder: ")
        .nth(1)
        .and_then(|t| t.split(' ').next())
        .and_then(|c| c.parse().ok())
        .unwrap();
    assert!((240..=275).contains(&cities), "{cities} cities");
}
