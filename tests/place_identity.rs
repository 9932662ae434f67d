//! One city, one node: names of one GeoNames place merged, namesakes without a country kept
//! apart when far, coordinates checked against their country, a second coordinate pair,
//! membership columns kept on memberships, cities in no program, program names to review.
//!
//! The tables are shaped like published ones (ETMUN, ClimActor) but written by hand; they
//! claim no real membership. Expected GeoNames ids and positions are GeoNames' own
//! (geonames.org): Vienna 2761369, Brussels 2800866, Lisbon 2267057, Mel (Belluno) 3173644 at
//! (46.06379, 12.09).

mod common;
use common::{citynet, read_csv};
use std::path::{Path, PathBuf};

fn col<'a>(h: &[String], rows: &'a [Vec<String>], name: &str) -> Vec<&'a str> {
    let i = h
        .iter()
        .position(|x| x == name)
        .unwrap_or_else(|| panic!("no column {name} in {h:?}"));
    rows.iter().map(|r| r[i].as_str()).collect()
}

fn analyze(csv: &str, extra: &[&str]) -> (tempfile::TempDir, PathBuf, String) {
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

fn table(out: &Path, file: &str) -> (Vec<String>, Vec<Vec<String>>) {
    read_csv(&out.join(file))
}

fn summary(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap()
}

/// Capitals written in several languages, some rows with coordinates and some without.
const CAPITALS: &str = "city,country,program,lat,lon\n\
    Wien,AT,Eurocities,48.2082,16.3738\n\
    Vienna,Austria,C40,48.2085,16.3721\n\
    Vienne,Austria,Energy Cities,,\n\
    Bruxelles,Belgium,Eurocities,50.8467,4.3525\n\
    Brussels,Belgium,C40,50.8503,4.3517\n\
    Brussels,Belgium,ICLEI,50.8503,4.3517\n\
    Lisboa,Portugal,Eurocities,,\n\
    Lisbon,Portugal,ICLEI,,\n\
    Graz,Austria,Eurocities,47.07,15.44\n";

#[test]
fn names_of_one_capital_are_one_city_with_its_geonames_id() {
    let (_d, out, stderr) = analyze(CAPITALS, &[]);
    assert!(stderr.contains("4 cities are other names"), "{stderr}");
    let (h, rows) = table(&out, "cities.csv");
    // Most frequent spelling shown; ties: the first seen.
    assert_eq!(
        col(&h, &rows, "city"),
        ["Wien", "Brussels", "Lisboa", "Graz"]
    );
    assert_eq!(
        col(&h, &rows, "geonames_id"),
        ["2761369", "2800866", "2267057", "2778067"]
    );
    assert_eq!(col(&h, &rows, "programs"), ["3", "3", "2", "1"]);
    let (mh, merges) = table(&out, "merges.csv");
    assert_eq!(
        mh,
        [
            "city",
            "country",
            "geonames_id",
            "spellings",
            "rows",
            "lines",
            "reason"
        ]
    );
    assert_eq!(
        col(&mh, &merges, "spellings"),
        [
            "Wien ×1; Vienna ×1; Vienne ×1",
            "Brussels ×2; Bruxelles ×1",
            "Lisboa ×1; Lisbon ×1"
        ]
    );
    assert_eq!(col(&mh, &merges, "lines"), ["2 3 4", "5 6 7", "8 9"]);
    assert_eq!(col(&mh, &merges, "rows"), ["3", "3", "2"]);
    assert!(merges[0][6].starts_with("one GeoNames place, Vienna (AT, 2761369)"));
    let s = summary(&out);
    assert_eq!(s["counts"]["cities"], 4);
    assert_eq!(s["counts"]["places"]["cities_before_merging_places"], 8);
    assert_eq!(s["counts"]["places"]["merged_cities"], 3);
    let md = std::fs::read_to_string(out.join("summary.md")).unwrap();
    assert!(
        md.contains("Wien, Austria: Wien ×1, Vienna ×1, Vienne ×1"),
        "{md}"
    );

    let (_d, out, _) = analyze(CAPITALS, &["--name-language", "en"]);
    let (h, rows) = table(&out, "cities.csv");
    assert_eq!(
        col(&h, &rows, "city"),
        ["Vienna", "Brussels", "Lisbon", "Graz"]
    );
    let (_d, out, _) = analyze(CAPITALS, &["--name-language", "native"]);
    let (h, rows) = table(&out, "cities.csv");
    assert_eq!(
        col(&h, &rows, "city"),
        ["Wien", "Bruxelles", "Lisboa", "Graz"]
    );

    let (_d, out, _) = analyze(CAPITALS, &["--no-merge-places"]);
    let (h, rows) = table(&out, "cities.csv");
    assert_eq!(rows.len(), 8);
    assert_eq!(col(&h, &rows, "geonames_id")[..3], ["2761369"; 3]);
    assert!(!out.join("merges.csv").exists());
}

#[test]
fn a_far_namesake_without_country_stays_apart_and_a_near_one_joins() {
    let csv = "city,country,program,lat,lon\n\
               Sofia,,AIMF,-22.641667,14.636385\n\
               Sofia,Bulgaria,Eurocities,42.6977,23.3219\n\
               Accra,,C40,,\n\
               Accra,Ghana,ICLEI,5.6037,-0.187\n";
    let (_d, out, stderr) = analyze(csv, &[]);
    assert!(
        stderr.contains("kept apart from \"Sofia\" (Bulgaria)"),
        "{stderr}"
    );
    let (h, rows) = table(&out, "cities.csv");
    assert_eq!(col(&h, &rows, "city"), ["Sofia", "Sofia", "Accra"]);
    assert_eq!(col(&h, &rows, "country"), ["", "Bulgaria", "Ghana"]);
    let (rh, review) = table(&out, "review.csv");
    assert_eq!(col(&rh, &review, "status"), ["namesake", "namesake"]);
    assert_eq!(col(&rh, &review, "country"), ["", "Bulgaria"]);
    // Sofia, Bulgaria to the Namibian point: 7,3xx km (haversine).
    for r in col(&rh, &review, "reason") {
        assert!(r.contains("km apart") && r.contains("73"), "{r}");
    }
    // Accra without a country or coordinates: GeoNames' only Accra (5.55602, -0.1969) is
    // 5.6 km from the Ghanaian row.
    let (mh, merges) = table(&out, "merges.csv");
    assert_eq!(col(&mh, &merges, "city"), ["Accra"]);
    assert_eq!(col(&mh, &merges, "lines"), ["4 5"]);
    assert!(merges[0][6].contains("no country"), "{}", merges[0][6]);
}

#[test]
fn coordinates_outside_the_country_are_listed_and_replaced_where_the_name_matches() {
    let csv = "city,country,program,lat,lon\n\
               Kronoberg,Sweden,CDP,14.81,56.87\n\
               Mel,Italy,GCoM,-37.81361111,144.9630556\n\
               Växjö,Sweden,CDP,56.879,14.806\n";
    let (_d, out, _) = analyze(csv, &[]);
    let (h, rows) = table(&out, "cities.csv");
    assert_eq!(col(&h, &rows, "lat"), ["14.81", "46.06379", "56.879"]);
    assert_eq!(col(&h, &rows, "lon"), ["56.87", "12.09", "14.806"]);
    assert_eq!(
        col(&h, &rows, "coord_source"),
        ["input", "gazetteer", "input"]
    );
    let (rh, review) = table(&out, "review.csv");
    assert_eq!(col(&rh, &review, "city"), ["Kronoberg", "Mel"]);
    assert_eq!(col(&rh, &review, "status"), ["coordinates", "coordinates"]);
    let reasons = col(&rh, &review, "reason");
    assert!(
        reasons[0].contains("outside Sweden; swapped lat/lon fits"),
        "{}",
        reasons[0]
    );
    assert!(!reasons[1].contains("swapped"), "{}", reasons[1]);
    assert_eq!(col(&rh, &review, "placed_at"), ["", "Mel|IT|3173644"]);
}

#[test]
fn a_second_coordinate_pair_fills_gaps_in_the_first() {
    let csv = "city,country,program,lat,lon,Y,X\n\
               Lyon,France,A,NA,NA,45.764,4.8357\n\
               Porto,Portugal,A,41.15,-8.61,40.0,-7.0\n\
               Turku,Finland,A,,,,\n";
    let (_d, out, _) = analyze(csv, &["--lat-col", "lat,Y", "--lon-col", "lon,X"]);
    let (h, rows) = table(&out, "cities.csv");
    assert_eq!(col(&h, &rows, "lat")[..2], ["45.764", "41.15"]);
    assert_eq!(col(&h, &rows, "lon")[..2], ["4.8357", "-8.61"]);
    assert_eq!(
        col(&h, &rows, "coord_source"),
        ["input", "input", "gazetteer"]
    );
    assert!(!h.iter().any(|c| c == "y" || c == "x"), "{h:?}");
    // As many latitude as longitude columns.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("m.csv");
    std::fs::write(&input, csv).unwrap();
    let o = citynet()
        .args(["validate"])
        .arg(&input)
        .args(["--lat-col", "lat,Y", "--lon-col", "lon"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("--lat-col names 2 column(s) and --lon-col 1")
    );
}

/// ETMUN's shape: a joining year, a status and a network code per membership.
const JOINING: &str = "city,country,program,Year_of_Joining,Statut,Code_Network,Region\n\
    Lyon,France,Eurocities,1989,Full Member,04621,Europe\n\
    Lyon,France,Energy Cities,2003,Member,04477,Europe\n\
    Porto,Portugal,Eurocities,1995,Full Member,04621,Europe\n";

#[test]
fn joining_years_and_membership_columns_stay_on_the_membership() {
    let (_d, out, _) = analyze(JOINING, &["--since-col", "Year_of_Joining"]);
    let (h, _) = table(&out, "cities.csv");
    assert!(h.contains(&"region".to_string()), "{h:?}");
    assert!(
        !h.iter()
            .any(|c| c == "statut" || c == "code_network" || c == "year_of_joining"),
        "{h:?}"
    );
    let (mh, m) = table(&out, "memberships.csv");
    assert_eq!(
        mh,
        [
            "city",
            "country",
            "program",
            "weight",
            "role",
            "since",
            "until",
            "statut",
            "code_network"
        ]
    );
    assert_eq!(col(&mh, &m, "since"), ["1989", "2003", "1995"]);
    assert_eq!(
        col(&mh, &m, "statut"),
        ["Full Member", "Member", "Full Member"]
    );
    assert_eq!(col(&mh, &m, "code_network"), ["04621", "04477", "04621"]);
    // In 2000 Lyon was in Eurocities only.
    let (_d, out, stderr) = analyze(
        JOINING,
        &["--since-col", "Year_of_Joining", "--as-of", "2000"],
    );
    assert!(
        !stderr.contains("no membership or tie has a year"),
        "{stderr}"
    );
    let (h, rows) = table(&out, "cities.csv");
    assert_eq!(col(&h, &rows, "degree"), ["1", "1"]);
    assert_eq!(summary(&out)["counts"]["memberships"], 2);
    // Without the year column, --as-of says that nothing is dated.
    let (_d, _, stderr) = analyze(JOINING, &["--as-of", "2000"]);
    assert!(
        stderr.contains("--as-of 2000: no membership or tie has a year"),
        "{stderr}"
    );
    // Exports carry the membership columns on the membership edges.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("m.csv");
    std::fs::write(&input, JOINING).unwrap();
    let gml = dir.path().join("g.graphml");
    let o = citynet()
        .args(["export", "--to", "graphml", "--graph", "two-mode"])
        .arg(&input)
        .args(["--since-col", "Year_of_Joining", "-o"])
        .arg(&gml)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&gml).unwrap();
    assert!(text.contains("attr.name=\"statut\""), "{text}");
    assert!(text.contains(">Member<"), "{text}");
}

#[test]
fn cities_in_no_program_are_kept_with_degree_zero() {
    let csv = "city,country,program\n\
               Lyon,France,Eurocities\n\
               Porto,Portugal,Eurocities\n\
               Turku,Finland,\n\
               Tampere,Finland,NA\n";
    let (_d, out, stderr) = analyze(csv, &[]);
    assert!(stderr.contains("2 cities in no program"), "{stderr}");
    let (h, rows) = table(&out, "cities.csv");
    assert_eq!(
        col(&h, &rows, "city"),
        ["Lyon", "Porto", "Turku", "Tampere"]
    );
    assert_eq!(col(&h, &rows, "degree"), ["1", "1", "0", "0"]);
    assert!(!out.join("rejected.csv").exists());
    let s = summary(&out);
    assert_eq!(s["counts"]["places"]["cities_in_no_program"], 2);
    assert_eq!(s["counts"]["rows"]["rejected"], 0);
}

#[test]
fn program_names_that_look_wrong_are_listed() {
    let mut csv = String::from("city,country,program\n");
    let cities = [
        ("Lyon", "France"),
        ("Porto", "Portugal"),
        ("Turku", "Finland"),
        ("Tampere", "Finland"),
        ("Graz", "Austria"),
        ("Ghent", "Belgium"),
        ("Aarhus", "Denmark"),
        ("Malmö", "Sweden"),
        ("Bergen", "Norway"),
        ("Tartu", "Estonia"),
        ("Kaunas", "Lithuania"),
    ];
    // Five programs of eleven cities, then four of one: the median program has eleven.
    for p in [
        "Eurocities",
        "Energy Cities",
        "ICLEI",
        "C40",
        "Climate Alliance",
    ] {
        for (c, country) in cities {
            csv.push_str(&format!("{c},{country},{p}\n"));
        }
    }
    csv.push_str("Lyon,France,https://www.example.org/network\n");
    csv.push_str("Lyon,France,\"C40, ICLEI\"\n");
    csv.push_str("Porto,Portugal,Region\n");
    csv.push_str("Porto,Portugal,Eurocitites\n");
    let (_d, out, _) = analyze(&csv, &[]);
    let (rh, review) = table(&out, "review.csv");
    assert_eq!(col(&rh, &review, "status"), ["program"; 4]);
    assert_eq!(
        col(&rh, &review, "program"),
        [
            "https://www.example.org/network",
            "C40, ICLEI",
            "Region",
            "Eurocitites"
        ]
    );
    let reasons = col(&rh, &review, "reason");
    assert!(reasons[0].contains("web address"));
    assert!(reasons[1].contains("list"));
    assert!(reasons[2].contains("generic"));
    assert!(reasons[3].contains("single city"), "{}", reasons[3]);
}
