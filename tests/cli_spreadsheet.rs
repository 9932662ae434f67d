//! Raw research spreadsheets as their authors export them: missing values, unusable
//! rows rejected and listed, per-row geocodes that disagree, spellings that differ. Every test
//! runs the binary on a real-shaped messy file and checks the counts, values and the contents
//! of rejected.csv — not only exit codes.

mod common;
use common::{citynet, read_csv};
use std::path::{Path, PathBuf};

/// An R export (`write.csv(df, row.names = FALSE)`): strings quoted, `NA` unquoted for missing
/// values, cities geocoded row by row (Paris three times, a few metres apart), two different
/// Springfields under one name, Brașov written with s-comma and with s-cedilla, three
/// unusable rows (lines 9–11: a missing city, a weight `abc`, latitude 123) and a city with an
/// empty program (line 12: Lyon, a city in no program).
const R_EXPORT: &str = r#""city","country","program","weight","lat","lon","since"
"Paris","France","C40",1,48.8566,2.3522,2005
"Paris","France","ICLEI",1,48.857,2.351,NA
"París","France","Eurocities",1,48.853,2.3499,NA
"Rome","Italy","C40",1,NA,NA,2006
"Rome","Italy","ICLEI",NA,41.9028,12.4964,NA
"Springfield","United States","ICLEI",1,39.7817,-89.6501,NA
"Springfield","United States","C40",1,42.1015,-72.5898,NA
NA,"Spain","C40",1,NA,NA,NA
"Madrid","Spain","C40","abc",40.4168,-3.7038,NA
"Lyon","France","C40",1,123,4.83,NA
"Lyon","France","",1,45.76,4.83,NA
"Brașov","Romania","ICLEI",1,45.6427,25.5887,NA
"Braşov","Romania","Eurocities",1,45.6427,25.5887,NA
"Braşov","Romania","C40",1,NA,NA,NA
"#;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn cell<'a>(h: &[String], row: &'a [String], name: &str) -> &'a str {
    let i = h.iter().position(|x| x == name).unwrap();
    &row[i]
}

fn city<'a>(h: &[String], rows: &'a [Vec<String>], name: &str) -> &'a Vec<String> {
    rows.iter()
        .find(|r| cell(h, r, "city") == name)
        .unwrap_or_else(|| panic!("no city {name}"))
}

/// Great-circle distance by the spherical law of cosines (an independent formula from the
/// haversine citynet uses).
fn cosine_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (p1, p2) = (a.0.to_radians(), b.0.to_radians());
    let dl = (b.1 - a.1).to_radians();
    6371.0 * (p1.sin() * p2.sin() + p1.cos() * p2.cos() * dl.cos()).acos()
}

#[test]
fn r_export_with_nas_and_per_row_geocodes_is_analysed_and_its_rejects_listed() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "members.csv", R_EXPORT);
    let out = dir.path().join("res");
    let assert = citynet()
        .args(["analyze", "--no-figures", "--out"])
        .arg(&out)
        .arg(&input)
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();

    // Rows: 14 read, 3 rejected (lines 9–11), 11 used (line 12 names Lyon, in no program).
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    let rows = &summary["counts"]["rows"];
    assert_eq!(
        (
            rows["read"].as_u64(),
            rows["used"].as_u64(),
            rows["rejected"].as_u64()
        ),
        (Some(14), Some(11), Some(3)),
        "{summary:#}"
    );
    assert_eq!(summary["counts"]["cities"], 5);
    assert_eq!(summary["counts"]["places"]["cities_in_no_program"], 1);
    assert_eq!(summary["counts"]["programs"], 3);
    assert_eq!(summary["counts"]["memberships"], 10);
    let md = std::fs::read_to_string(out.join("summary.md")).unwrap();
    assert!(md.contains("| rows read | 14 |"), "{md}");
    assert!(md.contains("| rows rejected (rejected.csv) | 3 |"), "{md}");
    assert!(
        stderr.contains("3 of 14 rows rejected; listed with their reasons in"),
        "{stderr}"
    );

    // rejected.csv: one line per problem, with the row as read (NA markers included).
    let (h, rej) = read_csv(&out.join("rejected.csv"));
    assert_eq!(h, ["file", "line", "column", "value", "reason", "row"]);
    let got: Vec<(&str, &str, &str, &str)> = rej
        .iter()
        .map(|r| (r[1].as_str(), r[2].as_str(), r[3].as_str(), r[5].as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("9", "city", "NA", "NA,Spain,C40,1,NA,NA,NA"),
            (
                "10",
                "weight",
                "abc",
                "Madrid,Spain,C40,abc,40.4168,-3.7038,NA"
            ),
            ("11", "lat", "123", "Lyon,France,C40,1,123,4.83,NA"),
        ]
    );
    assert!(rej[0][4].contains("empty city name") && rej[0][4].contains("missing-value marker"));
    assert!(rej[1][4].starts_with("expected a positive number"));
    assert!(rej[2][4].starts_with("latitude out of range"));
    assert!(rej.iter().all(|r| r[0].ends_with("members.csv")));

    // Missing values: one warning per column, with the count and the first lines.
    assert!(
        stderr.contains("column 'lat': 3 missing value(s) (\"NA\" ×3) on lines 5, 9, 15"),
        "{stderr}"
    );
    assert!(stderr.contains("column 'weight': 1 missing value(s) (\"NA\" ×1) on lines 6;"));
    assert!(stderr.contains("column 'since': 12 missing value(s)"));

    // Positions: the median of each city's rows; Rome from its one geocoded row.
    let (h, cities) = read_csv(&out.join("cities.csv"));
    let num = |r: &Vec<String>, c: &str| cell(&h, r, c).parse::<f64>().unwrap();
    let paris = city(&h, &cities, "Paris");
    assert_eq!(cell(&h, paris, "country"), "France");
    assert_eq!((num(paris, "lat"), num(paris, "lon")), (48.8566, 2.351));
    let rome = city(&h, &cities, "Rome");
    assert_eq!((num(rome, "lat"), num(rome, "lon")), (41.9028, 12.4964));
    let spring = city(&h, &cities, "Springfield");
    let (a, b) = ((39.7817, -89.6501), (42.1015, -72.5898));
    assert!((num(spring, "lat") - (a.0 + b.0) / 2.0).abs() < 1e-12);
    assert!((num(spring, "lon") - (a.1 + b.1) / 2.0).abs() < 1e-12);
    // ... and one warning naming the city whose rows lie far apart, with their lines.
    let km = cosine_km(a, b).round();
    let expected = format!("\"Springfield\" (United States) spread over {km:.0} km (lines 7, 8)");
    assert!(stderr.contains(&expected), "{expected}\n{stderr}");
    assert!(!stderr.contains("\"Paris\" (France) spread"), "{stderr}");

    // Spellings: the most frequent is shown; s-comma and s-cedilla are one letter.
    assert!(
        cities.iter().all(|r| cell(&h, r, "city") != "París"),
        "Paris is written so twice, París once"
    );
    let brasov = city(&h, &cities, "Bra\u{015F}ov");
    assert_eq!(cell(&h, brasov, "programs"), "3");
    let lyon = city(&h, &cities, "Lyon");
    assert_eq!(cell(&h, lyon, "programs"), "0");
    assert_eq!((num(lyon, "lat"), num(lyon, "lon")), (45.76, 4.83));
    assert_eq!(cities.len(), 5);
}

#[test]
fn strict_stops_on_the_rows_lenient_mode_rejects() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "members.csv", R_EXPORT);
    let out = dir.path().join("res");
    let assert = citynet()
        .args(["analyze", "--no-figures", "--strict", "--out"])
        .arg(&out)
        .arg(&input)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    for line in [
        ":9: column 'city'",
        ":10: column 'weight'",
        ":11: column 'lat'",
    ] {
        assert!(stderr.contains(line), "{line}\n{stderr}");
    }
    assert!(
        stderr.contains("the input has 3 error(s); nothing was written"),
        "{stderr}"
    );
    assert!(!out.exists(), "--strict writes nothing");
}

#[test]
fn metrics_says_how_many_rows_were_rejected_and_rejected_flag_writes_them() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "members.csv", R_EXPORT);
    // Every command but analyze says how to get the list, and no warning claims a
    // rejected.csv that was not written (connectivity and evolve write their folders in the
    // working folder: a temporary one here).
    let png = dir.path().join("g.png");
    let commands: [&[&str]; 9] = [
        &["metrics", "--metrics", "degree"],
        &["table"],
        &["export", "--to", "json"],
        &["brokerage", "--group", "country"],
        &["connectivity"],
        &["robustness"],
        &["backbone"],
        &["evolve"],
        &["render", "-o", png.to_str().unwrap()],
    ];
    for args in commands {
        let assert = citynet()
            .current_dir(dir.path())
            .args(args)
            .arg(&input)
            .assert()
            .success();
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
        assert!(
            stderr.contains(
                "3 of 14 rows rejected and left out; --rejected FILE lists them with their reasons"
            ),
            "{args:?}: {stderr}"
        );
        assert!(
            stderr.contains("problems by column: 'city' ×1, 'lat' ×1, 'weight' ×1 (--strict"),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("in rejected.csv"), "{args:?}: {stderr}");
    }
    let list = dir.path().join("rejected.csv");
    citynet()
        .args(["table", "--by", "degree", "--rejected"])
        .arg(&list)
        .arg(&input)
        .assert()
        .success();
    let (_, rows) = read_csv(&list);
    let lines: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(lines, ["9", "10", "11"]);
}

#[test]
fn edge_list_rejects_are_listed_by_export() {
    let dir = tempfile::tempdir().unwrap();
    // A scraped edge list: NULL weights (missing: 1), an empty target, a weight "n/a" (missing)
    // and a weight "-" (missing), one weight "high" (unusable).
    let input = write(
        dir.path(),
        "edges.csv",
        "source,target,weight\nA,B,NULL\nB,C,2\nC,,1\nC,D,high\nD,A,n/a\nA,C,-\n",
    );
    let list = dir.path().join("rej.csv");
    let gml = dir.path().join("g.graphml");
    citynet()
        .args(["export", "-o"])
        .arg(&gml)
        .arg("--rejected")
        .arg(&list)
        .arg(&input)
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "column 'weight': 3 missing value(s) (\"-\" ×1, \"NULL\" ×1, \"n/a\" ×1) on lines 2, 6, 7",
        ))
        .stderr(predicates::str::contains("2 of 6 rows rejected; listed"));
    let (_, rows) = read_csv(&list);
    let got: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (r[1].as_str(), r[2].as_str(), r[3].as_str()))
        .collect();
    assert_eq!(got, [("4", "target", ""), ("5", "weight", "high")]);
    // The graph has the 4 usable edges.
    let g = std::fs::read_to_string(&gml).unwrap();
    assert_eq!(g.matches("<edge ").count(), 4, "{g}");
}

#[test]
fn validate_lists_every_rejected_row_and_a_ragged_row_too() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "m.csv",
        "city,program\nParis,C40\nLyon,C40,extra\n,C40\nNice,C40\n",
    );
    // A row that would be rejected makes the input not valid (exit 2); each is listed.
    let assert = citynet().arg("validate").arg(&input).assert().code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        stderr.contains("m.csv:3: rejected: expected 2 fields as in the header, found 3"),
        "{stderr}"
    );
    assert!(stderr.contains("m.csv:4: column 'city': rejected: empty city name"));
    assert!(stderr.contains("2 of 4 rows rejected and left out (lines 3, 4)"));
    assert!(
        stderr.contains("not valid: 2 of 4 rows rejected"),
        "{stderr}"
    );
}

/// A matrix with a text cell (`yes` where a weight belongs) is analysed: the cell is listed in
/// rejected.csv with its file, line, column, value, reason and row, its row's other
/// memberships count, and summary.json counts the matrix's rows (not its memberships).
#[test]
fn a_matrix_text_cell_is_a_rejected_cell_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "gawc.csv",
        "city,country,C40,ICLEI,Eurocities\nParis,France,1,yes,2\nLyon,France,0,1,\nOslo,Norway,NA,,3\n",
    );
    let out = dir.path().join("res");
    citynet()
        .args([
            "analyze",
            "--no-figures",
            "--no-geocode",
            "--kind",
            "matrix",
            "--out",
        ])
        .arg(&out)
        .arg(&input)
        .assert()
        .success();
    let (h, rows) = read_csv(&out.join("rejected.csv"));
    assert_eq!(h, ["file", "line", "column", "value", "reason", "row"]);
    assert_eq!(rows.len(), 1, "{rows:?}");
    let r = &rows[0];
    assert!(r[0].ends_with("gawc.csv"), "{}", r[0]);
    assert_eq!(&r[1..5], ["2", "ICLEI", "yes", "not a number; expected a membership weight in a matrix cell (a number, 0 or empty for none)"]);
    assert_eq!(r[5], "Paris,France,1,yes,2");
    let (h, cities) = read_csv(&out.join("cities.csv"));
    let paris = city(&h, &cities, "Paris");
    assert_eq!(
        cell(&h, paris, "programs"),
        "2",
        "C40 and Eurocities still count"
    );
    let s: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    let rows = &s["counts"]["rows"];
    assert_eq!(
        (
            rows["read"].as_u64(),
            rows["used"].as_u64(),
            rows["rejected"].as_u64(),
            rows["cells_rejected"].as_u64()
        ),
        (Some(3), Some(3), Some(0), Some(1)),
        "{s:#}"
    );
    assert_eq!(s["counts"]["memberships"], 4);
}

/// `--na` applies to matrix cells too: `?` is text by default (a rejected cell) and no
/// membership once `--na '?'` names it.
#[test]
fn na_markers_of_the_reader_apply_to_matrices() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "m.csv", "city,A,B\nParis,1,?\nLyon,?,2\n");
    let run = |extra: &[&str], code: i32| {
        let a = citynet()
            .args(["validate", "--kind", "matrix"])
            .args(extra)
            .arg(&input)
            .assert()
            .code(code);
        String::from_utf8_lossy(&a.get_output().stderr).to_string()
            + &String::from_utf8_lossy(&a.get_output().stdout)
    };
    let default = run(&[], 2);
    assert!(
        default.contains("2 cells rejected (their rows count)"),
        "{default}"
    );
    let with_na = run(&["--na", "?"], 0);
    assert!(!with_na.contains("rejected"), "{with_na}");
    assert!(
        with_na.contains("2 cities, 2 programs, 2 memberships"),
        "{with_na}"
    );
}

/// R's `write.csv` with row names writes an unnamed first column (`"","city",...`): it loads,
/// the row numbers are neither a city attribute nor (in a matrix) a program.
#[test]
fn r_row_names_column_is_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "r.csv",
        "\"\",\"city\",\"country\",\"program\"\n\"1\",\"Paris\",\"France\",\"C40\"\n\"2\",\"Lyon\",\"France\",\"C40\"\n\"3\",\"Rome\",\"Italy\",\"ICLEI\"\n",
    );
    let out = dir.path().join("res");
    let a = citynet()
        .args(["analyze", "--no-figures", "--no-geocode", "--out"])
        .arg(&out)
        .arg(&input)
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&a.get_output().stderr);
    assert!(
        stderr.contains("r.csv:1: column 1 has no name: read as row names (as R's write.csv and pandas' to_csv write them) and left out"),
        "{stderr}"
    );
    let (h, rows) = read_csv(&out.join("cities.csv"));
    assert_eq!(&h[..2], ["city", "country"]);
    assert!(!h.iter().any(|x| x.is_empty()), "{h:?}");
    assert_eq!(rows.len(), 3);
    let matrix = write(
        dir.path(),
        "rm.csv",
        "\"\",\"city\",\"C40\",\"ICLEI\"\n\"1\",\"Paris\",1,0\n\"2\",\"Lyon\",1,1\n",
    );
    let a = citynet().args(["validate"]).arg(&matrix).assert().success();
    let stdout = String::from_utf8_lossy(&a.get_output().stdout);
    assert!(
        stdout.contains("2 cities, 2 programs, 3 memberships"),
        "{stdout}"
    );
}

/// One-cell program lists count the file's rows: a row of three programs is one row read,
/// and a row whose list is `NA` is one rejected row.
#[test]
fn one_cell_lists_count_rows_of_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "climactor.csv",
        "\"name\",\"country\",\"initiatives_committed\"\n\"Graz\",\"AUT\",\"GCoM2022;;EUCovenantofMayors2022;;NAZCA\"\n\"None\",\"ITA\",\"GCoM2022;;GCoM2022\"\n\"Linz\",\"AUT\",NA\n",
    );
    let out = dir.path().join("res");
    let a = citynet()
        .args([
            "analyze",
            "--no-figures",
            "--no-geocode",
            "--city-col",
            "name",
        ])
        .args([
            "--program-col",
            "initiatives_committed",
            "--program-sep",
            ";",
            "--out",
        ])
        .arg(&out)
        .arg(&input)
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&a.get_output().stderr);
    assert!(
        stderr.contains("climactor.csv:3: lists the same program twice in one cell; kept once"),
        "{stderr}"
    );
    let s: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    let rows = &s["counts"]["rows"];
    assert_eq!(
        (
            rows["read"].as_u64(),
            rows["used"].as_u64(),
            rows["rejected"].as_u64()
        ),
        (Some(3), Some(3), Some(0)),
        "{s:#}"
    );
    // Linz, with no initiative (NA), is a city in no program.
    assert_eq!(s["counts"]["places"]["cities_in_no_program"], 1);
    // None (Piedmont) is a town, not a missing name.
    let (h, cities) = read_csv(&out.join("cities.csv"));
    assert_eq!(cell(&h, city(&h, &cities, "None"), "country"), "Italy");
    assert_eq!(s["counts"]["memberships"], 4);
}

/// With no city or program column, the error proposes the likeliest columns as flags to type,
/// and a mistyped column name gets "did you mean".
#[test]
fn missing_columns_are_proposed_and_typos_corrected() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "etmun.csv",
        "Full_Name;Locality_Siege;CountryCode;Network_Name\nVille de Lyon;Lyon;FR;Eurocities\n",
    );
    let a = citynet().arg("validate").arg(&input).assert().code(2);
    let stderr = String::from_utf8_lossy(&a.get_output().stderr);
    assert!(
        stderr.contains("; the likeliest columns for a membership table: --program-col Network_Name --city-col Locality_Siege --country-col CountryCode"),
        "{stderr}"
    );
    let a = citynet()
        .args([
            "validate",
            "--city-col",
            "Localty_Siege",
            "--program-col",
            "Network_Name",
        ])
        .arg(&input)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&a.get_output().stderr);
    assert!(
        stderr.contains("--city-col names column 'Localty_Siege', which is not in the header (columns: Full_Name, Locality_Siege, CountryCode, Network_Name); did you mean 'Locality_Siege'?"),
        "{stderr}"
    );
}

/// `NA` in a column of ISO country codes is Namibia or a missing value: by default it is read
/// as missing with a warning that names the way out; `--na-col COLUMN=` keeps it, and
/// `--na-col COLUMN=LIST` sets one column's markers without touching the others.
#[test]
fn na_in_a_country_code_column_is_flagged_and_na_col_sets_markers_per_column() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "codes.csv",
        "city,CountryCode,program,pop\n\
         Windhoek,NA,ICLEI,-99\n\
         Paris,FR,C40,2100000\n\
         Paris,FR,ICLEI,2100000\n\
         Lyon,FR,ICLEI,-99\n\
         Rome,IT,C40,NA\n",
    );
    let run = |extra: &[&str], out: &Path| {
        let a = citynet()
            .args([
                "metrics",
                "--metrics",
                "degree",
                "--country-col",
                "CountryCode",
            ])
            .args(extra)
            .arg(&input)
            .arg("-o")
            .arg(out)
            .assert()
            .success();
        let stderr = String::from_utf8_lossy(&a.get_output().stderr).to_string();
        let (h, rows) = read_csv(out);
        let get = |city: &str, col: &str| {
            let r = rows.iter().find(|r| cell(&h, r, "city") == city).unwrap();
            cell(&h, r, col).to_string()
        };
        (
            stderr,
            get("Windhoek", "country"),
            get("Windhoek", "pop"),
            get("Rome", "pop"),
        )
    };
    let (stderr, country, pop_w, pop_r) = run(&[], &dir.path().join("a.csv"));
    assert!(
        stderr.contains(
            "column 'CountryCode' holds ISO country codes and `NA` on 1 row(s) (lines 2)"
        ) && stderr.contains("--na-col CountryCode= keeps it"),
        "{stderr}"
    );
    assert_eq!(
        (country.as_str(), pop_w.as_str(), pop_r.as_str()),
        ("", "-99", "")
    );

    let (stderr, country, pop_w, pop_r) = run(
        &["--na-col", "CountryCode=", "--na-col", "POP=-99,NA"],
        &dir.path().join("b.csv"),
    );
    assert!(!stderr.contains("holds ISO country codes"), "{stderr}");
    assert_eq!(
        (country.as_str(), pop_w.as_str(), pop_r.as_str()),
        ("Namibia", "", "")
    );

    // A malformed value is a usage error naming the expected form.
    let a = citynet()
        .args(["metrics", "--na-col", "CountryCode"])
        .arg(&input)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&a.get_output().stderr).to_string();
    assert!(stderr.contains("expected COLUMN=LIST"), "{stderr}");
}
