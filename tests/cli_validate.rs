//! `citynet validate`: every problem named with its file and line, exit code 2.

mod common;
use common::{citynet, data};
use predicates::prelude::*;

#[test]
fn valid_folder_passes_with_counts() {
    citynet()
        .args(["validate"])
        .arg(data("folder"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "valid: a network folder: 5 cities, 2 programs, 6 memberships, 2 ties",
        ))
        // Bogota without its accent is matched, with a warning naming the line.
        .stderr(predicate::str::contains("memberships.csv:3: column 'city': value \"Bogota\": matched to \"Bogotá\" (Colombia) ignoring accents"));
}

#[test]
fn broken_folder_reports_every_problem_in_one_run() {
    let out = citynet()
        .args(["validate"])
        .arg(data("broken_folder"))
        .assert()
        .code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    let expect = [
        "cities.csv:3: city \"Paris\" (France) is listed twice with different attributes (first on line 2)",
        "cities.csv:4: column 'lat': value \"95\": latitude out of range",
        "cities.csv:5: column 'name': empty city name",
        "memberships.csv:2: column 'weight': value \"abc\": expected a positive number",
        "memberships.csv:3: column 'city': value \"Atlantis\": unknown city",
        "memberships.csv:4: column 'program': value \"ICLEI\": unknown program",
        "memberships.csv:5: column 'weight': value \"-1\": expected a positive number; weights cannot be negative",
        "memberships.csv:6: 'since' (2020) is after 'until' (2010)",
        "memberships.csv:7: column 'city': value \"Santa Fe\": ambiguous city: it could be \"Santa Fe\" (Argentina), \"Santa Fe\" (United States)",
        "ties.csv:2: column 'city_b': value \"Gotham\": unknown city",
    ];
    for e in expect {
        assert!(err.contains(e), "missing {e:?} in:\n{err}");
    }
    assert!(err.contains("nothing was written"));
}

#[test]
fn missing_column_and_unknown_kind() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("x.csv");
    std::fs::write(&f, "town,program\nParis,C40\n").unwrap();
    citynet()
        .args(["validate"])
        .arg(&f)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "x.csv:1: cannot tell what this table is from its header (town, program)",
        ));
    // Mapping the column makes it valid.
    citynet()
        .args(["validate", "--city-col", "town"])
        .arg(&f)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "valid: a membership table: 1 cities, 1 programs",
        ));
    citynet()
        .args(["validate", "--city-col", "ville"])
        .arg(&f)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--city-col names column 'ville', which is not in the header",
        ));
}

#[test]
fn missing_path_and_empty_folder() {
    citynet()
        .args(["validate", "no/such/file.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no such file or folder"));
    let dir = tempfile::tempdir().unwrap();
    citynet()
        .args(["validate"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("this folder holds no network"));
}

#[test]
fn malformed_toml_names_line() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["cities.csv", "programs.csv", "memberships.csv"] {
        std::fs::copy(data("folder").join(f), dir.path().join(f)).unwrap();
    }
    std::fs::write(
        dir.path().join("network.toml"),
        "title = \"x\"\ndescription = \n",
    )
    .unwrap();
    citynet()
        .args(["validate"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("network.toml:2:"));
}

#[test]
fn windows_1252_file_is_detected_and_read_with_the_flag_too() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("l1.csv");
    std::fs::write(&f, b"city,program\nS\xE3o Paulo,C40\n").unwrap();
    citynet()
        .args(["validate"])
        .arg(&f)
        .assert()
        .success()
        .stderr(
            predicate::str::contains("l1.csv:2:")
                .and(predicate::str::contains("not UTF-8: read as Windows-1252")),
        );
    citynet()
        .args(["validate", "--encoding", "latin1"])
        .arg(&f)
        .assert()
        .success();
}
