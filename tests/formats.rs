//! The shapes and encodings research data arrive in: every fixture
//! is built here as a researcher's program would write it — Excel's "Unicode text" (UTF-16 LE
//! with a BOM, tab-separated), a workbook whose data sit on its second sheet (written with
//! rust_xlsxwriter), a UTF-8 file with one line pasted from a Windows-1252 export, programs
//! listed in one cell, an incidence matrix — and the same memberships in every shape must give
//! byte-identical cities.csv.

mod common;
use common::{citynet, read_csv};
use predicates::prelude::*;
use rust_xlsxwriter::Workbook;
use std::path::{Path, PathBuf};

/// (city, country, lat, lon, programs): the memberships every shape below holds.
const DATA: &[(&str, &str, f64, f64, &[&str])] = &[
    ("São Paulo", "BR", -23.55, -46.63, &["C40", "ICLEI"]),
    ("Malmö", "SE", 55.6, 13.0, &["ICLEI", "Eurocities"]),
    ("Zürich", "CH", 47.37, 8.54, &["C40", "Eurocities"]),
    ("Kraków", "PL", 50.06, 19.94, &["Eurocities"]),
    ("Łódź", "PL", 51.76, 19.46, &["C40", "ICLEI", "Eurocities"]),
];
const PROGRAMS: &[&str] = &["C40", "ICLEI", "Eurocities"];

/// The long shape: one row per membership, with `sep` between fields.
fn long_text(sep: &str, eol: &str) -> String {
    let mut s = ["city", "country", "program", "lat", "lon"].join(sep) + eol;
    for (city, country, lat, lon, programs) in DATA {
        for p in *programs {
            s += &[*city, *country, *p, &lat.to_string(), &lon.to_string()].join(sep);
            s += eol;
        }
    }
    s
}

/// The matrix shape: identity columns, then one 0/1 column per program.
fn matrix_text() -> String {
    let mut s = format!("city,country,lat,lon,{}\n", PROGRAMS.join(","));
    for (city, country, lat, lon, programs) in DATA {
        let cells: Vec<&str> = PROGRAMS
            .iter()
            .map(|p| if programs.contains(p) { "1" } else { "0" })
            .collect();
        s += &format!("{city},{country},{lat},{lon},{}\n", cells.join(","));
    }
    s
}

/// Excel's "Unicode text": UTF-16 LE with a BOM, tab-separated, CRLF.
fn utf16_export() -> Vec<u8> {
    let mut v = vec![0xFF, 0xFE];
    for u in long_text("\t", "\r\n").encode_utf16() {
        v.extend_from_slice(&u.to_le_bytes());
    }
    v
}

/// A workbook whose first sheet is a note and whose second holds the long table, numbers
/// stored as numbers.
fn workbook(path: &Path) {
    let mut wb = Workbook::new();
    let about = wb.add_worksheet();
    about.set_name("About").unwrap();
    about
        .write_string(0, 0, "City network memberships, collected 2024")
        .unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("Members").unwrap();
    for (c, h) in ["city", "country", "program", "lat", "lon"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let mut r = 1;
    for (city, country, lat, lon, programs) in DATA {
        for p in *programs {
            ws.write_string(r, 0, *city).unwrap();
            ws.write_string(r, 1, *country).unwrap();
            ws.write_string(r, 2, *p).unwrap();
            ws.write_number(r, 3, *lat).unwrap();
            ws.write_number(r, 4, *lon).unwrap();
            r += 1;
        }
    }
    wb.save(path).unwrap();
}

fn analyze(input: &Path, out: &Path, extra: &[&str]) -> Vec<u8> {
    citynet()
        .arg("analyze")
        .arg(input)
        .args(["--no-figures", "--out"])
        .arg(out)
        .args(extra)
        .assert()
        .success();
    std::fs::read(out.join("cities.csv")).unwrap()
}

#[test]
fn same_data_as_long_csv_xlsx_utf16_and_matrix_gives_identical_cities_csv() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let long = d.join("long.csv");
    std::fs::write(&long, long_text(",", "\n")).unwrap();
    let xlsx = d.join("members.xlsx");
    workbook(&xlsx);
    let utf16 = d.join("unicode.txt");
    std::fs::write(&utf16, utf16_export()).unwrap();
    let matrix = d.join("matrix.csv");
    std::fs::write(&matrix, matrix_text()).unwrap();

    let reference = analyze(&long, &d.join("o_long"), &[]);
    let (h, rows) = read_csv(&d.join("o_long/cities.csv"));
    // coord_source: where lat/lon come from (input or the geocoding gazetteer); geonames_id:
    // the GeoNames place each city was matched to.
    assert_eq!(
        &h[..7],
        [
            "city",
            "country",
            "lat",
            "lon",
            "coord_source",
            "geonames_id",
            "programs"
        ]
    );
    let mut got: Vec<(String, String)> =
        rows.iter().map(|r| (r[0].clone(), r[6].clone())).collect();
    got.sort();
    let mut want: Vec<(String, String)> = DATA
        .iter()
        .map(|d| (d.0.to_string(), d.4.len().to_string()))
        .collect();
    want.sort();
    assert_eq!(got, want);
    for (name, input) in [("xlsx", &xlsx), ("utf16", &utf16), ("matrix", &matrix)] {
        let out = analyze(input, &d.join(format!("o_{name}")), &[]);
        assert_eq!(
            String::from_utf8_lossy(&out),
            String::from_utf8_lossy(&reference),
            "cities.csv from the {name} shape differs from the long CSV's"
        );
    }
    // --kind matrix forced gives the same as detection.
    let forced = analyze(&matrix, &d.join("o_forced"), &["--kind", "matrix"]);
    assert_eq!(forced, reference);
}

#[test]
fn xlsx_data_on_the_second_sheet_is_found_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("members.xlsx");
    workbook(&xlsx);
    citynet()
        .arg("validate")
        .arg(&xlsx)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "valid: a membership table: 5 cities, 3 programs",
        ))
        .stderr(predicate::str::contains(
            "workbook: read sheet 'Members' (2 of 2), the first with a usable header (before it: 'About')",
        ));
    citynet()
        .arg("validate")
        .arg(&xlsx)
        .args(["--sheet", "2"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "read sheet 'Members' (2 of 2), as --sheet asks",
        ));
    citynet()
        .arg("validate")
        .arg(&xlsx)
        .args(["--sheet", "Data"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--sheet \"Data\": no such sheet; the workbook has 2 sheets: 1 'About', 2 'Members'",
        ));
}

#[test]
fn workbook_numbers_and_dates_are_read_as_stored() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("dated.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["city", "program", "weight", "joined"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2019, 4, 1).unwrap();
    let fmt = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    let pct = rust_xlsxwriter::Format::new().set_num_format("0%");
    ws.write_string(1, 0, "Graz").unwrap();
    ws.write_string(1, 1, "C40").unwrap();
    ws.write_number_with_format(1, 2, 0.25, &pct).unwrap();
    ws.write_datetime_with_format(1, 3, &date, &fmt).unwrap();
    wb.save(&xlsx).unwrap();
    let out = dir.path().join("out");
    citynet()
        .arg("analyze")
        .arg(&xlsx)
        .args(["--no-figures", "--out"])
        .arg(&out)
        .assert()
        .success();
    let (h, rows) = read_csv(&out.join("cities.csv"));
    let joined = h.iter().position(|x| x == "joined").expect("joined column");
    assert_eq!(
        rows[0][joined], "2019-04-01",
        "a date as ISO 8601, not 01/04/2019"
    );
}

#[test]
fn utf8_file_with_one_windows_1252_line() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("mixed.csv");
    let mut bytes = b"city,country,program\nK\xC3\xB6ln,DE,Eurocities\n".to_vec();
    bytes.extend_from_slice(b"Malm\xF6,SE,Eurocities\n"); // pasted from an old export
    bytes.extend_from_slice(b"Z\xC3\xBCrich,CH,Eurocities\n");
    std::fs::write(&f, bytes).unwrap();
    let out = dir.path().join("out");
    citynet()
        .arg("analyze")
        .arg(&f)
        .args(["--no-figures", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "mixed.csv:3: not valid UTF-8 on line 3 (the rest of the file is UTF-8): it is read as Windows-1252",
        ));
    let (_, rows) = read_csv(&out.join("cities.csv"));
    let mut names: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    names.sort();
    assert_eq!(names, ["Köln", "Malmö", "Zürich"]);
}

#[test]
fn encoding_labels_and_a_bad_label() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("sjis.csv");
    // 東京 and 大阪 in Shift_JIS.
    std::fs::write(
        &f,
        b"city,program\n\x93\x8C\x8B\x9E,C40\n\x91\xE5\x8D\xE3,C40\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    citynet()
        .arg("analyze")
        .arg(&f)
        .args(["--no-figures", "--encoding", "shift_jis", "--out"])
        .arg(&out)
        .assert()
        .success();
    let (_, rows) = read_csv(&out.join("cities.csv"));
    let mut names: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    names.sort();
    assert_eq!(names, ["大阪", "東京"]);
    citynet()
        .args(["validate", "--encoding", "klingon"])
        .arg(&f)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not an encoding label"));
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn one_cell_program_list_with_double_separators() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "lists.csv",
        "city,country,program\n\
         Graz,AT,GCoM2022;;EUCovenantofMayors2022;;NAZCA\n\
         Linz,AT, GCoM2022 ;;\n\
         Wels,AT,NAZCA;;;EUCovenantofMayors2022\n",
    );
    citynet()
        .arg("validate")
        .arg(&f)
        .args(["--program-sep", ";"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "valid: a membership table: 3 cities, 3 programs",
        ));
    let out = dir.path().join("out");
    citynet()
        .arg("analyze")
        .arg(&f)
        .args(["--no-figures", "--program-sep", ";", "--out"])
        .arg(&out)
        .assert()
        .success();
    let (h, rows) = read_csv(&out.join("cities.csv"));
    let p = h.iter().position(|x| x == "programs").unwrap();
    let counts: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r[0].as_str(), r[p].as_str()))
        .collect();
    assert!(counts.contains(&("Graz", "3")), "{counts:?}");
    assert!(counts.contains(&("Linz", "1")), "{counts:?}");
    assert!(counts.contains(&("Wels", "2")), "{counts:?}");
    // Without the flag: one program per cell, and a warning naming the flag.
    let many: String = (0..5).map(|i| format!("City{i},AT,C40;ICLEI\n")).collect();
    let g = write(
        dir.path(),
        "unsplit.csv",
        &format!("city,country,program\n{many}"),
    );
    citynet()
        .arg("validate")
        .arg(&g)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "5 program values contain ';' (lines 2, 3, 4, 5, 6): if they list several programs in one cell, give --program-sep ';'",
        ));
}

#[test]
fn valued_matrix_weights_equal_the_long_table_weights() {
    let dir = tempfile::tempdir().unwrap();
    let matrix = write(
        dir.path(),
        "gawc.csv",
        "city,C40,ICLEI,Eurocities\nParis,5,0,2\nLyon,,3,1\nOslo,1,1,\n",
    );
    let long = write(
        dir.path(),
        "long.csv",
        "city,program,weight\nParis,C40,5\nParis,Eurocities,2\nLyon,ICLEI,3\nLyon,Eurocities,1\nOslo,C40,1\nOslo,ICLEI,1\n",
    );
    let a = analyze(&matrix, &dir.path().join("a"), &[]);
    let b = analyze(&long, &dir.path().join("b"), &[]);
    assert_eq!(String::from_utf8_lossy(&a), String::from_utf8_lossy(&b));
}
