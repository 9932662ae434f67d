//! The catalogue of broken and odd inputs: every case is run through the real
//! binary, with its input bytes, its command, the exit code it must give and what standard
//! error must say — file and line for every error. Errors exit 2 and write nothing; recoverable
//! oddities (BOM, CRLF, semicolons, repeated rows, self-loops) are accepted with a warning.
//!
//! Inputs are generated here so that each case reads as one line of bytes; the network-folder
//! cases start from the valid `tests/data/folder` and replace or delete one file.

mod common;
use common::{citynet, data};
use std::path::Path;

/// What a case runs.
#[derive(Clone, Copy, PartialEq)]
enum Cmd {
    /// `citynet validate INPUT`.
    Validate,
    /// `citynet analyze INPUT --out OUT --no-figures`: on failure OUT must not exist.
    Analyze,
    /// `citynet metrics INPUT` (table on standard output).
    Metrics,
}

struct Case {
    name: &'static str,
    /// Files to create, relative to the case folder; `None` deletes a file of the base folder.
    files: Vec<(&'static str, Option<Vec<u8>>)>,
    /// Start from a copy of tests/data/folder.
    folder: bool,
    /// The input, relative to the case folder ("" for the folder itself).
    input: &'static str,
    cmd: Cmd,
    extra: Vec<&'static str>,
    code: i32,
    /// Substrings standard error must contain.
    stderr: Vec<String>,
    /// Substrings standard output must contain.
    stdout: Vec<&'static str>,
    /// Substrings standard error must not contain (false follow-on errors).
    absent: Vec<&'static str>,
}

fn case(name: &'static str, bytes: impl Into<Vec<u8>>, code: i32, stderr: &[&str]) -> Case {
    Case {
        name,
        files: vec![("m.csv", Some(bytes.into()))],
        folder: false,
        input: "m.csv",
        cmd: Cmd::Validate,
        extra: vec![],
        code,
        stderr: stderr.iter().map(|s| s.to_string()).collect(),
        stdout: vec![],
        absent: vec![],
    }
}

fn folder_case(
    name: &'static str,
    files: Vec<(&'static str, Option<&str>)>,
    code: i32,
    stderr: &[&str],
) -> Case {
    Case {
        files: files
            .into_iter()
            .map(|(f, b)| (f, b.map(|b| b.as_bytes().to_vec())))
            .collect(),
        folder: true,
        input: "",
        ..case(name, "", code, stderr)
    }
}

impl Case {
    fn cmd(mut self, cmd: Cmd) -> Self {
        self.cmd = cmd;
        self
    }
    fn args(mut self, extra: &[&'static str]) -> Self {
        self.extra = extra.to_vec();
        self
    }
    fn file(mut self, name: &'static str) -> Self {
        self.files[0].0 = name;
        self.input = name;
        self
    }
    fn stdout(mut self, s: &[&'static str]) -> Self {
        self.stdout = s.to_vec();
        self
    }
    fn absent(mut self, s: &[&'static str]) -> Self {
        self.absent = s.to_vec();
        self
    }
}

const M: &str = "city,country,program,weight,lat,lon,since,until\n";

/// A membership table with the standard header and `rows`.
fn m(rows: &str) -> Vec<u8> {
    format!("{M}{rows}").into_bytes()
}

/// A small valid workbook (city, program on its only sheet).
fn xlsx_bytes() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in [["city", "program"], ["Paris", "C40"], ["Lyon", "C40"]]
        .iter()
        .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

/// A ZIP bomb posing as a workbook: the parts of an .xlsx, with a sheet of 96 MB of white
/// space that deflates to about 100 KB.
fn zip_bomb() -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut w = zip::ZipWriter::new(&mut buf);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    w.start_file("[Content_Types].xml", opts).unwrap();
    w.write_all(b"<Types/>").unwrap();
    w.start_file("xl/workbook.xml", opts).unwrap();
    w.write_all(
        b"<workbook><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
    )
    .unwrap();
    w.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..96 {
        w.write_all(&chunk).unwrap();
    }
    w.finish().unwrap();
    buf.into_inner()
}

fn catalogue() -> Vec<Case> {
    let mut corrupt_xlsx = xlsx_bytes();
    corrupt_xlsx.truncate(corrupt_xlsx.len() / 2);
    let big = "x".repeat(1 << 20);
    let big_field = format!("city,program\n{big},C40\n");
    let big_msg: &'static str = Box::leak(
        format!("m.csv:2: column 'city': field 1 is {} bytes long", 1 << 20).into_boxed_str(),
    );
    let garbage: Vec<u8> = (0..2048u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8 | 1)
        .collect();
    let crowd: String = (0..100).map(|i| format!("City{i},X,C40\n")).collect();
    let crowd = format!("city,country,program\n{crowd}Paris,France,ICLEI\n");
    let lonely: String = (0..40)
        .map(|i| format!("City{i},X,C40\nCity{i},X,P{i}\n"))
        .collect();
    let lonely = format!("city,country,program\n{lonely}Paris,France,ICLEI\n");
    vec![
        // ---- beyond the memory budget ----
        // Issue #6: a projection beyond the budget is used through the two-mode graph; only an
        // --exact request for it stops, and only when its cities are not twins
        // (each has a program of its own here); with twins it is exact through their classes.
        case(
            "exact projection beyond --max-memory",
            lonely,
            2,
            &[
                "error: --exact: the city projection would have up to 780 edges (about 36.6 KB to build and use), more than the memory budget of 8.0 KB (--max-memory)",
                "the largest are \"C40\" (40 members), \"ICLEI\" (1 members)",
                "run without --exact",
                "drop the largest programs",
            ],
        )
        .cmd(Cmd::Analyze)
        .args(&["--max-memory", "8K", "--exact"]),
        case(
            "exact projection of twins beyond --max-memory",
            crowd.clone(),
            0,
            &["exactly through the quotient of G by its 2 twin classes"],
        )
        .cmd(Cmd::Analyze)
        .args(&["--max-memory", "8K", "--exact"]),
        case("projection beyond --max-memory, not built", crowd.clone(), 0, &[])
            .cmd(Cmd::Analyze)
            .args(&["--max-memory", "8K"]),
        case("projection within --max-memory", crowd, 0, &[])
            .cmd(Cmd::Analyze)
            .args(&["--max-memory", "1M"]),
        case(
            "file beyond --max-memory",
            m("Paris,France,C40,,,,,\n"),
            2,
            &["m.csv: the file is 70 bytes and reading it needs about 210 bytes, more than the --max-memory budget of 64 bytes"],
        )
        .args(&["--max-memory", "64"]),
        Case {
            files: vec![],
            input: "/dev/zero",
            ..case(
                "a device that never ends",
                "",
                2,
                &["/dev/zero: more than 333 bytes to read", "a device or a pipe"],
            )
        }
        .args(&["--max-memory", "1000"]),
        case(
            "malformed --max-memory",
            m("Paris,France,C40,,,,,\n"),
            2,
            &["--max-memory \"lots\": expected a size such as 512M"],
        )
        .args(&["--max-memory", "lots"]),
        // ---- whole files that are not tables ----
        case("empty file", "", 2, &["m.csv: the file is empty"]),
        case("blank lines only", " \n\n", 2, &["m.csv: the file is empty"]),
        case(
            "header only (membership table)",
            M,
            2,
            &["m.csv:1: the table has a header but no rows; expected one row per membership"],
        ),
        case(
            "header only (edge list)",
            "source,target,weight\n",
            2,
            &["m.csv:1: the table has a header but no rows; expected one row per edge"],
        ),
        case(
            "NUL bytes",
            &b"city,program\nPar\x00is,C40\n"[..],
            2,
            &["m.csv:2: NUL byte: this is a binary file"],
        ),
        case(
            "binary garbage without NUL",
            garbage,
            2,
            &["m.csv: this is a binary file, not a text table"],
        ),
        // ---- workbooks, matrices, one-cell lists ----
        case("a workbook read directly", xlsx_bytes(), 0, &["m.xlsx: workbook: read sheet 'Sheet1' (1 of 1), its only sheet"])
            .file("m.xlsx")
            .stdout(&["valid: a membership table: 2 cities, 1 programs"]),
        case(
            "corrupt .xlsx (cut in half)",
            corrupt_xlsx,
            2,
            &["m.xlsx: cannot read this workbook: it starts like a ZIP archive (.xlsx, .ods) but its ZIP structure is damaged"],
        )
        .file("m.xlsx"),
        case(
            "ZIP bomb posing as .xlsx",
            zip_bomb(),
            2,
            &["m.xlsx: the workbook is", "but unpacks to 96.0 MB (as its ZIP directory declares), more than a quarter of the memory budget (256.0 MB); this looks like a ZIP bomb"],
        )
        .file("m.xlsx")
        .args(&["--max-memory", "256M"]),
        case(
            "matrix with a text cell",
            "city,C40,ICLEI\nParis,1,yes\nLyon,0,1\n",
            2,
            &["m.csv: 1 cell rejected (their rows count) and left out (lines 2); problems by column: 'ICLEI' ×1 (--strict stops on them instead)",
              "1 cell rejected (their rows count) and left out; --rejected FILE lists them",
              "m.csv: not valid: 1 cell rejected"],
        )
        .args(&["--kind", "matrix"]),
        case(
            "matrix with a text cell, --strict",
            "city,C40,ICLEI\nParis,1,yes\nLyon,0,1\n",
            2,
            &["m.csv:2: column 'ICLEI': value \"yes\": not a number; expected a membership weight in a matrix cell (a number, 0 or empty for none)"],
        )
        .args(&["--kind", "matrix", "--strict"]),
        case(
            "--program-sep that splits nothing",
            "city,program\nParis,C40|ICLEI\nLyon,C40\n",
            0,
            &["m.csv: column 'program': --program-sep ';' splits nothing: no value of column 'program' contains it (values contain '|': is that the separator?)"],
        )
        .args(&["--program-sep", ";"])
        .stdout(&["valid: a membership table: 2 cities, 2 programs"]),
        case(
            "damaged Excel workbook (ZIP header only)",
            &b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"[..],
            2,
            &["m.csv: cannot read this workbook: it starts like a ZIP archive", "damaged"],
        ),
        case(
            "UTF-16 text without a table in it",
            &b"\xFF\xFEc\x00i\x00t\x00y\x00"[..],
            2,
            &["m.csv:1: cannot tell what this table is from its header (city)"],
        ),
        case(
            "one Windows-1252 line in a UTF-8 file",
            &b"city,program\nK\xC3\xB6ln,C40\nS\xE3o Paulo,C40\n"[..],
            0,
            &["warning: ", "m.csv:3: not valid UTF-8 on line 3", "Windows-1252"],
        )
        .stdout(&["valid: a membership table: 2 cities, 1 programs"]),
        case(
            "Latin-1 file read with --encoding latin1",
            &b"city,program\nS\xE3o Paulo,C40\n"[..],
            0,
            &[],
        )
        .args(&["--encoding", "latin1"])
        .stdout(&["valid: a membership table: 1 cities, 1 programs"]),
        case(
            "old Mac line ends",
            "city,program\rParis,C40\r",
            2,
            &["m.csv:1: lines end with a bare carriage return"],
        ),
        case(
            "stray carriage return among CRLF line ends",
            "city,program\r\nParis,C40\r\nLyon,C40\rNice,C40\r\n",
            2,
            &["m.csv:3: a carriage return not followed by a line feed"],
        ),
        // ---- header problems ----
        case(
            "no recognisable columns",
            "town,club\nParis,C40\n",
            2,
            &["m.csv:1: cannot tell what this table is from its header (town, club)"],
        ),
        case(
            "missing required column (program) with --kind",
            "city,country\nParis,France\n",
            2,
            &["m.csv:1: missing required column 'program' (the header has: city, country); name yours with --program-col"],
        )
        .args(&["--kind", "membership-table"]),
        case(
            "--city-col naming a column that is not there",
            "town,program\nParis,C40\n",
            2,
            &["m.csv:1: --city-col names column 'ville', which is not in the header"],
        )
        .args(&["--city-col", "ville"]),
        case(
            "column named twice",
            "city,program,City\nParis,C40,x\n",
            2,
            &["m.csv:1: column 'City': the header names this column twice"],
        ),
        case(
            "empty column name",
            "city,,program\nParis,x,C40\n",
            2,
            &["m.csv:1: column 2 has an empty name in the header"],
        ),
        // ---- row shape ----
        // Issue #11: an unusable row of a membership table or edge list is left out and listed
        // (rejected.csv, and every one on stderr by validate, which then exits 2); --strict makes
        // it an error.
        case(
            "ragged row, rejected",
            "city,program\nParis,C40\nLyon,Eurocities,extra\nNice,C40\n",
            2,
            &[
                "m.csv: 1 of 3 rows rejected and left out (lines 3)",
                "m.csv:3: rejected: expected 2 fields as in the header, found 3",
                "m.csv: not valid: 1 of 3 rows rejected",
            ],
        ),
        case(
            "ragged row, --strict",
            "city,program\nParis,C40\nLyon,Eurocities,extra\nNice,C40\n",
            2,
            &["error: ", "m.csv:3: expected 2 fields as in the header, found 3"],
        )
        .args(&["--strict"]),
        case(
            "unbalanced quote, --strict",
            "city,program\nParis,C40\n\"Lyon,Eurocities\nNice,C40\nRome,C40\n",
            2,
            &["m.csv:3: expected 2 fields as in the header, found 1 (a quoted field spans several lines: is a quote unbalanced?)"],
        )
        .args(&["--strict"]),
        case(
            "unbalanced quote, rejected",
            "city,program\nParis,C40\n\"Lyon,Eurocities\nNice,C40\nRome,C40\n",
            2,
            &["m.csv:3: rejected: expected 2 fields as in the header, found 1 (a quoted field spans several lines", "not valid: "],
        ),
        case("1 MB field", big_field, 2, &[big_msg, "the limit is 65536 bytes"]),
        // ---- names ----
        case(
            "empty city name, rejected",
            m("Paris,France,C40,,,,,\n,France,C40,,,,,\n"),
            2,
            &["m.csv:3: column 'city': rejected: empty city name; expected a name", "not valid: 1 of 2 rows rejected"],
        ),
        case(
            "empty city name, --strict",
            m("Paris,France,C40,,,,,\n,France,C40,,,,,\n"),
            2,
            &["error: ", "m.csv:3: column 'city': empty city name; expected a name"],
        )
        .args(&["--strict"]),
        case(
            "R's NA as a city name: the row is rejected",
            m("Paris,France,C40,,,,,\nNA,France,C40,,,,,\n"),
            2,
            &[
                "column 'city': 1 missing value(s) (\"NA\" ×1) on lines 3; those rows have no name and are rejected",
                "m.csv:3: column 'city': value \"NA\": rejected: empty city name; expected a name (\"NA\" is a missing-value marker; see --na)",
                "not valid: 1 of 2 rows rejected",
            ],
        ),
        case(
            "no row names a program",
            m("Paris,France,,,,,,\n"),
            2,
            &["m.csv: no row names a program; expected at least one membership"],
        ),
        // ---- weights ----
        case(
            "NaN weight is a missing value (weight 1)",
            m("Paris,France,C40,NaN,,,,\nLyon,France,C40,2,,,,\n"),
            0,
            &["m.csv: column 'weight': 1 missing value(s) (\"NaN\" ×1) on lines 2; read as empty"],
        )
        .cmd(Cmd::Metrics)
        .args(&["--metrics", "strength"])
        // Paris–Lyon weighs 1 × 2. GeoNames ids: Paris 2988507, Lyon 2996944.
        .stdout(&["city,country,geonames_id,strength\nParis,France,2988507,2\nLyon,France,2996944,2\n"]),
        case(
            "R export: NA coordinates, N/A country, #N/A role",
            "city,country,program,lat,lon,role\nParis,France,C40,NA,NA,#N/A\nLyon,N/A,C40,45.76,4.84,lead\n",
            0,
            &[
                "m.csv: column 'lat': 1 missing value(s) (\"NA\" ×1) on lines 2; read as empty",
                "m.csv: column 'lon': 1 missing value(s)",
                "m.csv: column 'country': 1 missing value(s) (\"N/A\" ×1) on lines 3",
                "m.csv: column 'role': 1 missing value(s) (\"#N/A\" ×1)",
            ],
        )
        .stdout(&["valid: a membership table: 2 cities, 1 programs, 2 memberships"])
        .absent(&["error", "only one of latitude"]),
        case(
            "--na replaces the set: NA is then a value",
            m("Paris,France,C40,?,,,,\n"),
            0,
            &["column 'weight': 1 missing value(s) (\"?\" ×1) on lines 2"],
        )
        .args(&["--na", "?"]),
        case(
            "--na replaces the set: NA is then an unreadable weight",
            m("Paris,France,C40,NA,,,,\n"),
            2,
            &["m.csv:2: column 'weight': value \"NA\": expected a positive number"],
        )
        .args(&["--na", "?"]),
        case(
            "inf weight",
            m("Paris,France,C40,inf,,,,\n"),
            2,
            &["m.csv:2: column 'weight': value \"inf\": expected a finite positive number"],
        ),
        case(
            "1e400 weight (overflows to infinity)",
            m("Paris,France,C40,1e400,,,,\n"),
            2,
            &["m.csv:2: column 'weight': value \"1e400\": expected a finite positive number"],
        ),
        case(
            "negative weight",
            m("Paris,France,C40,-2,,,,\n"),
            2,
            &["m.csv:2: column 'weight': value \"-2\": expected a positive number; weights cannot be negative"],
        ),
        case(
            "zero weight",
            m("Paris,France,C40,0,,,,\n"),
            2,
            &["m.csv:2: column 'weight': value \"0\": expected a positive number; a zero weight"],
        ),
        case(
            "thousands separator or decimal comma in a comma-separated file",
            "city,program,weight\nParis,C40,\"1,500\"\n",
            2,
            &["m.csv:2: column 'weight': value \"1,500\": ambiguous number"],
        ),
        case(
            "non-numeric weight",
            m("Paris,France,C40,high,,,,\n"),
            2,
            &["m.csv:2: column 'weight': value \"high\": expected a positive number"],
        ),
        // ---- coordinates and years ----
        case(
            "latitude out of range",
            m("Paris,France,C40,,95,2.35,,\n"),
            2,
            &["m.csv:2: column 'lat': value \"95\": latitude out of range"],
        ),
        case(
            "longitude out of range",
            m("Paris,France,C40,,48.8,-181,,\n"),
            2,
            &["m.csv:2: column 'lon': value \"-181\": longitude out of range"],
        ),
        case(
            "non-numeric coordinate",
            m("Paris,France,C40,,48.8,east,,\n"),
            2,
            &["m.csv:2: column 'lon': value \"east\": expected longitude in decimal degrees"],
        ),
        case(
            "since after until",
            m("Paris,France,C40,,,,2020,2010\n"),
            2,
            &["m.csv:2: 'since' (2020) is after 'until' (2010); expected since ≤ until"],
        ),
        case(
            "non-numeric year",
            m("Paris,France,C40,,,,soon,\n"),
            2,
            &["m.csv:2: column 'since': value \"soon\": expected a year"],
        ),
        case(
            "year written as month-year (used to panic)",
            m("Paris,France,C40,,,,2-20,\n"),
            2,
            &["m.csv:2: column 'since': value \"2-20\": expected a year such as 2014"],
        ),
        case(
            "same city with two positions far apart: median and a warning",
            m("Paris,France,C40,,48.85,2.35,,\nParis,France,ICLEI,,40.0,2.35,,\n"),
            0,
            &["m.csv: 1 cities have rows more than 25 km apart", "\"Paris\" (France) spread over 984 km (lines 2, 3)"],
        )
        .stdout(&["1 cities, 2 programs"]),
        case(
            "every problem of a file in one run (every row unusable)",
            m("Paris,France,C40,-1,,,,\n,France,C40,,,,,\nLyon,France,C40,,91,,,\n"),
            2,
            &[
                "m.csv:2: column 'weight'",
                "m.csv:3: column 'city'",
                "m.csv:4: column 'lat'",
                "none of the 3 rows can be used",
                "the input has 3 error(s)",
            ],
        ),
        case(
            "every problem of a file in one run, --strict",
            m("Paris,France,C40,-1,,,,\n,France,C40,,,,,\nLyon,France,C40,,91,,,\nNice,France,C40,,,,,\n"),
            2,
            &[
                "m.csv:2: column 'weight'",
                "m.csv:3: column 'city'",
                "m.csv:4: column 'lat'",
                "the input has 3 error(s)",
            ],
        )
        .args(&["--strict"]),
        // ---- accepted with a warning ----
        case(
            "byte-order mark",
            &b"\xEF\xBB\xBFcity,program\nParis,C40\n"[..],
            0,
            &["warning: ", "m.csv:1: starts with a UTF-8 byte-order mark", "accepted"],
        )
        .stdout(&["valid: a membership table: 1 cities, 1 programs"]),
        case(
            "CRLF line ends",
            "city,program\r\nParis,C40\r\nLyon,C40\r\n",
            0,
            &["warning: ", "m.csv:1: lines end with CRLF (Windows); accepted"],
        )
        .stdout(&["valid: a membership table: 2 cities, 1 programs"]),
        case(
            "semicolons and decimal commas",
            "city;program;weight\nParis;C40;1,5\nLyon;C40;2\n",
            0,
            &["m.csv:1: fields are separated by semicolons (detected from the header); accepted"],
        )
        .cmd(Cmd::Metrics)
        .args(&["--metrics", "programs,strength"])
        // 1,5 read as 1.5: Paris–Lyon weighs 1.5 × 2.
        .stdout(&["city,country,programs,strength\nParis,,1,3\nLyon,,1,3\n"]),
        case(
            "repeated membership rows",
            "city,program,weight\nParis,C40,2\nParis,C40,3\n",
            0,
            &["m.csv:3: repeats the membership of line 2 (same city and program); kept once with weight 2; this row's weight 3 is ignored"],
        ),
        // ---- edge lists ----
        case(
            "edge list: self-loop dropped",
            "source,target\nA,B\nC,C\n",
            0,
            &["e.csv:3: self-loop (a node tied to itself) dropped"],
        )
        .file("e.csv")
        .stdout(&["valid: an edge list: 3 nodes, 1 edges"]),
        case(
            "edge list: repeated pair merged, weights summed",
            "source,target,weight\nA,B,2\nB,A,3\nB,C,1\n",
            0,
            &["e.csv:3: repeats the pair of line 2; merged into one edge, weights summed"],
        )
        .file("e.csv")
        .cmd(Cmd::Metrics)
        .args(&["--metrics", "degree,strength"])
        // A–B carries 2 + 3.
        .stdout(&["node,degree,strength\nA,1,5\nB,2,6\nC,1,1\n"]),
        case(
            "edge list: empty target",
            "source,target\nA,\n",
            2,
            &["e.csv:2: column 'target': empty target node name"],
        )
        .file("e.csv"),
        case(
            "edge list: unreadable weight on every row, analyze writes nothing",
            "source,target,weight\nA,B,abc\n",
            2,
            &["e.csv:2: column 'weight': value \"abc\"", "nothing was written"],
        )
        .file("e.csv")
        .cmd(Cmd::Analyze),
        // ---- GraphML / GEXF ----
        case(
            "GraphML: edge to a missing node",
            r#"<graphml><graph><node id="a"/><edge source="a" target="b"/></graph></graphml>"#,
            2,
            &["b.graphml: edge a -- b names node b, which is not a node of the graph"],
        )
        .file("b.graphml"),
        case(
            "GEXF: NaN weight",
            r#"<?xml version="1.0"?><gexf><graph><nodes><node id="c0" label="A"/><node id="c1" label="B"/></nodes><edges><edge id="0" source="c0" target="c1" weight="NaN"/></edges></graph></gexf>"#,
            2,
            &["b.gexf: column 'weight': value \"NaN\": edge c0 -- c1: expected a positive number as weight"],
        )
        .file("b.gexf"),
        case(
            "GraphML: entity expansion is not performed (no billion laughs)",
            r#"<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><graphml><graph><node id="&b;"/></graph></graphml>"#,
            2,
            &["b.graphml: "],
        )
        .file("b.graphml"),
        // ---- paths and folders ----
        Case {
            files: vec![],
            input: "no/such.csv",
            ..case("missing path", "", 2, &["no/such.csv: no such file or folder"])
        },
        Case {
            files: vec![("notes.txt", Some(b"hello".to_vec()))],
            input: "",
            ..case(
                "folder without a network",
                "",
                2,
                &["this folder holds no network: expected memberships.csv and/or ties.csv"],
            )
        },
        folder_case(
            "network.toml: syntax error",
            vec![("network.toml", Some("title = \"x\"\ndescription = \n"))],
            2,
            &[
                "network.toml:2: column 'character 15': invalid string; expected",
                "checked once network.toml can be read",
            ],
        )
        // Without its aliases "New York City" would be a false unknown city.
        .absent(&["unknown city"]),
        folder_case(
            "network.toml: unknown key",
            vec![(
                "network.toml",
                Some("title = \"x\"\nlicense = \"CC0\"\n[aliases]\n\"New York City\" = \"New York\"\n"),
            )],
            2,
            &["network.toml:2:", "unknown field `license`"],
        )
        .absent(&["unknown city"]),
        folder_case(
            "network.toml: not UTF-8",
            vec![("network.toml", Some("title = \"x\"\n"))],
            2,
            &["network.toml:2: not UTF-8 text (byte 0xE3)"],
        ),
        folder_case(
            "folder: cities.csv missing",
            vec![("cities.csv", None)],
            2,
            &["cities.csv: missing: a network folder needs cities.csv"],
        ),
        folder_case(
            "folder: memberships.csv header only",
            vec![("memberships.csv", Some("city,country,program\n"))],
            2,
            &["memberships.csv:1: the table has a header but no rows"],
        ),
        folder_case(
            "folder: ties.csv header only is a warning",
            vec![("ties.csv", Some("city_a,country_a,city_b,country_b,kind\n"))],
            0,
            &["ties.csv:1: the table has a header but no rows: the network has no direct ties"],
        ),
        folder_case(
            "folder: unknown city in memberships",
            vec![(
                "memberships.csv",
                Some("city,country,program\nAtlantis,,C40 Cities\n"),
            )],
            2,
            &["memberships.csv:2: column 'city': value \"Atlantis\": unknown city"],
        ),
        folder_case(
            "folder: unknown program in memberships",
            vec![(
                "memberships.csv",
                Some("city,country,program\nLagos,Nigeria,ICLEI\n"),
            )],
            2,
            &["memberships.csv:2: column 'program': value \"ICLEI\": unknown program"],
        ),
        folder_case(
            "folder: unknown city in ties",
            vec![(
                "ties.csv",
                Some("city_a,country_a,city_b,country_b,kind\nLagos,Nigeria,Gotham,,twinning\n"),
            )],
            2,
            &["ties.csv:2: column 'city_b': value \"Gotham\": unknown city"],
        ),
        folder_case(
            "folder: city listed twice with different attributes",
            vec![(
                "cities.csv",
                Some("name,country,lat,lon\nLagos,Nigeria,6.5,3.4\nLagos,Nigeria,6.6,3.4\nBogotá,Colombia,,\n"),
            )],
            2,
            &["cities.csv:3: city \"Lagos\" (Nigeria) is listed twice with different attributes (first on line 2)"],
        ),
        folder_case(
            "folder: ambiguous city",
            vec![(
                "memberships.csv",
                Some("city,country,program\nSanta Fe,,C40 Cities\n"),
            )],
            2,
            &["memberships.csv:2: column 'city': value \"Santa Fe\": ambiguous city"],
        ),
        folder_case(
            "folder: errors in several files, analyze writes nothing",
            vec![
                ("cities.csv", Some("name,country,lat\nLagos,Nigeria,99\n")),
                (
                    "memberships.csv",
                    Some("city,country,program,weight\nLagos,Nigeria,C40 Cities,inf\n"),
                ),
            ],
            2,
            &[
                "cities.csv:2: column 'lat': value \"99\"",
                "memberships.csv:2: column 'weight': value \"inf\"",
                "nothing was written",
            ],
        )
        .cmd(Cmd::Analyze),
    ]
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

/// Runs one case; returns what went wrong, if anything.
fn run(c: &Case, root: &Path) -> Option<String> {
    let dir = root.join(c.name.replace(|ch: char| !ch.is_ascii_alphanumeric(), "_"));
    if c.folder {
        copy_dir(&data("folder"), &dir);
    }
    std::fs::create_dir_all(&dir).unwrap();
    for (f, bytes) in &c.files {
        let p = dir.join(f);
        match bytes {
            // A Latin-1 network.toml: the only case that needs bytes a &str cannot hold.
            Some(b) if c.name == "network.toml: not UTF-8" => {
                let mut b = b.clone();
                b.extend_from_slice(b"description = \"S\xE3o Paulo\"\n");
                std::fs::write(&p, b).unwrap();
            }
            Some(b) => std::fs::write(&p, b).unwrap(),
            None => std::fs::remove_file(&p).unwrap(),
        }
    }
    let input = dir.join(c.input);
    let out_dir = dir.join("out");
    let mut cmd = citynet();
    match c.cmd {
        Cmd::Validate => cmd.arg("validate").arg(&input),
        Cmd::Metrics => cmd.arg("metrics").arg(&input),
        Cmd::Analyze => cmd
            .arg("analyze")
            .arg(&input)
            .arg("--no-figures")
            .arg("--out")
            .arg(&out_dir),
    };
    cmd.args(&c.extra);
    let o = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    let out = String::from_utf8_lossy(&o.stdout);
    let mut problems = vec![];
    if o.status.code() != Some(c.code) {
        problems.push(format!(
            "exit code {:?}, expected {}",
            o.status.code(),
            c.code
        ));
    }
    for s in &c.stderr {
        if !err.contains(s.as_str()) {
            problems.push(format!("stderr lacks {s:?}"));
        }
    }
    for s in &c.stdout {
        if !out.contains(s) {
            problems.push(format!("stdout lacks {s:?}"));
        }
    }
    for s in &c.absent {
        if err.contains(s) {
            problems.push(format!("stderr has {s:?}"));
        }
    }
    if err.contains("panicked") {
        problems.push("panicked".into());
    }
    if c.code == 2 {
        // Every error names its file; the run says nothing was written.
        if !err.contains("error: ") {
            problems.push("no 'error: ' line".into());
        }
        if c.cmd == Cmd::Analyze && out_dir.exists() {
            problems.push("analyze failed but wrote its result folder".into());
        }
    } else if c.code == 0 && c.stderr.iter().any(|s| s.contains(": ")) && err.contains("error: ") {
        problems.push("accepted, yet an error was printed".into());
    }
    (!problems.is_empty()).then(|| {
        format!(
            "case {:?}: {}\n--- stderr ---\n{err}--- stdout ---\n{}",
            c.name,
            problems.join("; "),
            out.chars().take(2000).collect::<String>()
        )
    })
}

#[test]
fn every_broken_input_gets_its_documented_outcome() {
    let root = tempfile::tempdir().unwrap();
    let cases = catalogue();
    assert!(cases.len() >= 30, "the catalogue has {} cases", cases.len());
    eprintln!("catalogue: {} cases", cases.len());
    let mut names = std::collections::HashSet::new();
    for c in &cases {
        assert!(names.insert(c.name), "two cases named {:?}", c.name);
    }
    let failures: Vec<String> = cases.iter().filter_map(|c| run(c, root.path())).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
