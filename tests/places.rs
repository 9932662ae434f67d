//! Countries as one vocabulary and geocoding from the shipped GeoNames gazetteer, end to end.
//!
//! Expected coordinates are GeoNames' own (geonames.org, cities15000, as in
//! `../shared/data/gazetteer/geonames_cities15000.csv`), not citynet output.

mod common;
use common::{citynet, read_csv};
use std::path::Path;

fn col<'a>(h: &[String], rows: &'a [Vec<String>], name: &str) -> Vec<&'a str> {
    let i = h
        .iter()
        .position(|x| x == name)
        .unwrap_or_else(|| panic!("no column {name} in {h:?}"));
    rows.iter().map(|r| r[i].as_str()).collect()
}

fn analyze(csv: &str, extra: &[&str]) -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("members.csv");
    std::fs::write(&input, csv).unwrap();
    let out = dir.path().join("res");
    let o = citynet()
        .args(["analyze", "--no-figures"])
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .args(extra)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(o.status.success(), "{stderr}");
    (dir, out, stderr)
}

fn summary(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join("summary.json")).unwrap()).unwrap()
}

#[test]
fn a_country_written_three_ways_is_one_country() {
    let csv = "city,country,program\n\
               Paris,FR,C40\n\
               Paris,FRA,Eurocities\n\
               Paris,France,ICLEI\n\
               Lyon,fr,Eurocities\n\
               Leeds,UK,Eurocities\n\
               Leeds,Great Britain,ICLEI\n\
               Bursa,Türkiye,ICLEI\n\
               Bursa,Turkey,C40\n\
               Zenda,Ruritania,C40\n";
    let (_d, out, stderr) = analyze(csv, &["--no-geocode"]);
    let (h, rows) = read_csv(&out.join("cities.csv"));
    assert_eq!(
        col(&h, &rows, "city"),
        ["Paris", "Lyon", "Leeds", "Bursa", "Zenda"]
    );
    // Recognised countries are shown by their GeoNames English name; unknown ones as written.
    assert_eq!(
        col(&h, &rows, "country"),
        ["France", "France", "United Kingdom", "Turkey", "Ruritania"]
    );
    assert_eq!(col(&h, &rows, "programs"), ["3", "1", "2", "2", "1"]);
    let s = summary(&out);
    assert_eq!(s["counts"]["cities"], 5);
    assert!(
        stderr.contains("\"Ruritania\" (1 row(s), line 10)"),
        "{stderr}"
    );
    let warned = s["warnings"].as_array().unwrap();
    assert!(warned
        .iter()
        .any(|w| w.as_str().unwrap().contains("Ruritania")));
    // Without geocoding (and no coordinates in the input) there are no position columns and
    // no review list.
    assert!(
        !h.iter().any(|c| c == "lat" || c == "coord_source"),
        "{h:?}"
    );
    assert!(!out.join("review.csv").exists());
}

#[test]
fn cities_without_coordinates_are_geocoded_and_doubtful_ones_listed() {
    let csv = "city,country,program,lat,lon\n\
               Paris,France,C40,NA,NA\n\
               Paris,FRA,ICLEI,,\n\
               Lyon,France,C40,45.0,4.0\n\
               Lisboa,Portugal,C40,,\n\
               Springfield,USA,ICLEI,,\n\
               Atlantis,Greece,ICLEI,,\n";
    let csv = csv.replace(",NA,NA", ",,");
    let (_d, out, stderr) = analyze(&csv, &[]);
    assert!(
        stderr.contains("placed 3 of 4 cities without coordinates"),
        "{stderr}"
    );
    let (h, rows) = read_csv(&out.join("cities.csv"));
    assert_eq!(
        col(&h, &rows, "city"),
        ["Paris", "Lyon", "Lisboa", "Springfield", "Atlantis"]
    );
    // GeoNames: Paris 2988507 (48.85341, 2.3488); Lisbon 2267057 (38.72509, -9.1498), matched
    // through its alternate name Lisboa; Springfield, Missouri 4409896 (37.21533, -93.29824),
    // the most populous of the US Springfields. Lyon keeps the input's coordinates.
    assert_eq!(
        col(&h, &rows, "lat"),
        ["48.85341", "45", "38.72509", "37.21533", ""]
    );
    assert_eq!(
        col(&h, &rows, "lon"),
        ["2.3488", "4", "-9.1498", "-93.29824", ""]
    );
    assert_eq!(
        col(&h, &rows, "coord_source"),
        ["gazetteer", "input", "gazetteer", "gazetteer", ""]
    );

    let (rh, review) = read_csv(&out.join("review.csv"));
    assert_eq!(
        rh,
        [
            "city",
            "country",
            "status",
            "reason",
            "placed_at",
            "candidates"
        ]
    );
    assert_eq!(col(&rh, &review, "city"), ["Springfield", "Atlantis"]);
    assert_eq!(col(&rh, &review, "status"), ["ambiguous", "unmatched"]);
    assert_eq!(col(&rh, &review, "country"), ["United States", "Greece"]);
    assert_eq!(review[0][4], "Springfield|US|4409896");
    // Missouri (170,188 people) then Massachusetts (154,341): 90.7 % > 20 %.
    assert!(
        review[0][5].starts_with("4409896|Springfield|US|MO|170188|37.21533|-93.29824; 4951788|Springfield|US|MA|154341|"),
        "{}",
        review[0][5]
    );
    assert!(review[0][3].contains("90.7%"), "{}", review[0][3]);
    assert!(
        review[1][3].contains("no GeoNames place of that name (or a variant of it) in GR"),
        "{}",
        review[1][3]
    );
    assert_eq!(review[1][5], "");

    let s = summary(&out);
    assert_eq!(s["counts"]["cities_with_coordinates"], 4);
    assert_eq!(s["counts"]["cities_geocoded"], 3);
    assert_eq!(s["counts"]["cities_to_review"], 2);
    let md = std::fs::read_to_string(out.join("summary.md")).unwrap();
    assert!(
        md.contains("GeoNames gazetteer: coordinates of 3 cities"),
        "{md}"
    );
    assert!(md.contains("CC BY 4.0"), "{md}");
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("GeoNames gazetteer: coordinates of 3 cities placed by geocoding"));
}
