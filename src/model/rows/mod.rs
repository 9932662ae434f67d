//! The row stage: from a table's text cells to typed records (a membership, an edge), every
//! unusable cell reported with its line, column and value.
//!
//! **Enters**: a table of text cells ([`super::read::sheet::Table`]) and the column options.
//! **Leaves**: the columns found ([`columns`]), typed rows (memberships, edges; cells parsed by
//! [`fields`]) and the account of every row not used ([`intake`]: missing values, rejected rows
//! with their reasons, counts).

pub mod columns;
pub mod fields;
pub mod intake;

use self::columns::{
    find_col, names_in, ColumnMap, CITY, COUNTRY, LAT, LON, PROGRAM, SOURCE, TARGET, WEIGHT,
};
use self::fields::Cell;
use super::diagnostic::{Diagnostic, Diagnostics};
use super::read::sheet::{Row, Table};

/// Rows of a table that carry a membership or edge, with the years checked together.
pub(crate) fn years(
    t: &Table,
    row: &Row,
    since: Option<usize>,
    until: Option<usize>,
    diags: &mut Diagnostics,
) -> (Option<i32>, Option<i32>, bool) {
    let mut ok = true;
    let mut get = |c: Option<usize>| {
        c.and_then(|col| match fields::year(&Cell { table: t, row, col }) {
            Ok(y) => y,
            Err(d) => {
                diags.push(d);
                ok = false;
                None
            }
        })
    };
    let s = get(since);
    let u = get(until);
    if let (Some(a), Some(b)) = (s, u) {
        if a > b {
            diags.push(
                Diagnostic::error(
                    &t.path,
                    format!("'since' ({a}) is after 'until' ({b}); expected since ≤ until"),
                )
                .at_line(row.line),
            );
            ok = false;
        }
    }
    (s, u, ok)
}

pub(crate) fn weight_of(
    t: &Table,
    row: &Row,
    col: Option<usize>,
    diags: &mut Diagnostics,
) -> Option<f64> {
    match col {
        None => Some(1.0),
        Some(col) => match fields::weight(&Cell { table: t, row, col }) {
            Ok(w) => Some(w),
            Err(d) => {
                diags.push(d);
                None
            }
        },
    }
}

/// Reads lat/lon of a row; both or neither.
pub(crate) fn coords(
    t: &Table,
    row: &Row,
    lat: Option<usize>,
    lon: Option<usize>,
    diags: &mut Diagnostics,
) -> (Option<f64>, Option<f64>) {
    let mut get = |c: Option<usize>, limit: f64, what: &str| {
        c.and_then(
            |col| match fields::coordinate(&Cell { table: t, row, col }, limit, what) {
                Ok(v) => v,
                Err(d) => {
                    diags.push(d);
                    None
                }
            },
        )
    };
    let la = get(lat, 90.0, "latitude");
    let lo = get(lon, 180.0, "longitude");
    if la.is_some() != lo.is_some() {
        diags.push(
            Diagnostic::warning(
                &t.path,
                "only one of latitude and longitude is given; the city is left without coordinates",
            )
            .at_line(row.line),
        );
        return (None, None);
    }
    (la, lo)
}

/// Reads the first pair of coordinate columns (in order of preference) that has both values;
/// the second and later pairs fill gaps in the first. One warning when no pair is complete but
/// some pair has one value.
pub(crate) fn coords_from(
    t: &Table,
    row: &Row,
    pairs: &[(usize, usize)],
    diags: &mut Diagnostics,
) -> (Option<f64>, Option<f64>) {
    let mut half = false;
    for &(la, lo) in pairs {
        let mut scratch = Diagnostics::default();
        let got = coords(t, row, Some(la), Some(lo), &mut scratch);
        let (only_one, problems): (Vec<_>, Vec<_>) = scratch
            .0
            .into_iter()
            .partition(|d| d.message.starts_with("only one of latitude"));
        half |= !only_one.is_empty();
        diags.0.extend(problems);
        if got.0.is_some() {
            return got;
        }
    }
    if half {
        let cols = if pairs.len() > 1 {
            " in any column pair"
        } else {
            ""
        };
        diags.push(
            Diagnostic::warning(
                &t.path,
                format!(
                    "only one of latitude and longitude is given{cols}; the city is left \
                     without coordinates"
                ),
            )
            .at_line(row.line),
        );
    }
    (None, None)
}

/// Whether `t` has data rows; a header alone is an error (rows that were unreadable have
/// already been reported, so only a table with no data lines at all gets this one).
pub(crate) fn has_rows(t: &Table, per: &str, diags: &mut Diagnostics) -> bool {
    if t.rows.is_empty() && t.skipped == 0 {
        diags.push(
            Diagnostic::error(
                &t.path,
                format!("the table has a header but no rows; expected one row per {per}"),
            )
            .at_line(1),
        );
    }
    !t.rows.is_empty()
}

pub(crate) fn empty_name(t: &Table, row: &Row, col: usize, what: &str) -> Diagnostic {
    Diagnostic::error(&t.path, format!("empty {what} name; expected a name"))
        .at_line(row.line)
        .in_column(t.headers[col].clone())
}

/// Where the fields of a membership table are.
pub(crate) struct MembershipCols {
    pub city: usize,
    pub program: usize,
    pub country: Option<usize>,
    pub weight: Option<usize>,
    /// Latitude and longitude columns, in order of preference.
    pub coords: Vec<(usize, usize)>,
    pub role: Option<usize>,
    pub since: Option<usize>,
    pub until: Option<usize>,
    /// Every other column: kept as city attributes.
    pub attrs: Vec<usize>,
}

impl MembershipCols {
    /// Finds the columns of a membership table (errors for missing required ones).
    pub fn find(t: &Table, c: &ColumnMap, diags: &mut Diagnostics) -> Option<MembershipCols> {
        let city = find_col(t, &c.city, CITY, true, "--city-col", diags);
        let program = find_col(t, &c.program, PROGRAM, true, "--program-col", diags);
        let country = find_col(t, &c.country, COUNTRY, false, "--country-col", diags);
        let weight = find_col(t, &c.weight, WEIGHT, false, "--weight-col", diags);
        let lat = find_cols(t, &c.lat, LAT, "--lat-col", diags);
        let lon = find_cols(t, &c.lon, LON, "--lon-col", diags);
        let role = find_col(t, &c.role, &["role"], false, "--role-col", diags);
        let since = find_col(t, &c.since, &["since"], false, "--since-col", diags);
        let until = find_col(t, &c.until, &["until"], false, "--until-col", diags);
        let (city, program) = (city?, program?);
        if lat.len() != lon.len() {
            diags.push(
                Diagnostic::error(
                    &t.path,
                    format!(
                        "--lat-col names {} column(s) and --lon-col {}; expected as many \
                         latitude as longitude columns, paired in order",
                        lat.len(),
                        lon.len()
                    ),
                )
                .at_line(1),
            );
            return None;
        }
        let coords: Vec<(usize, usize)> = lat.into_iter().zip(lon).collect();
        let mut used = vec![
            Some(city),
            Some(program),
            country,
            weight,
            role,
            since,
            until,
        ];
        used.extend(coords.iter().flat_map(|&(a, b)| [Some(a), Some(b)]));
        let attrs = (0..t.headers.len())
            .filter(|&i| !used.contains(&Some(i)) && !t.is_row_names(i))
            .collect();
        Some(MembershipCols {
            city,
            program,
            country,
            weight,
            coords,
            role,
            since,
            until,
            attrs,
        })
    }
}

/// The columns one option names (several, comma-separated, for coordinates), or the first
/// accepted name present.
fn find_cols(
    t: &Table,
    user: &Option<String>,
    names: &[&str],
    flag: &str,
    diags: &mut Diagnostics,
) -> Vec<usize> {
    match user {
        Some(u) => names_in(t, u)
            .into_iter()
            .filter_map(|n| find_col(t, &Some(n), names, false, flag, diags))
            .collect(),
        None => find_col(t, &None, names, false, flag, diags)
            .into_iter()
            .collect(),
    }
}

/// One usable row of a membership table (`program` empty: a city in no program).
pub(crate) struct MembershipRow<'a> {
    pub line: u64,
    pub city: &'a str,
    pub country: &'a str,
    pub program: &'a str,
    pub weight: f64,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub role: Option<String>,
    pub since: Option<i32>,
    pub until: Option<i32>,
}

/// Reads one row of a membership table; `None` (with the reasons in `diags`) when it cannot
/// be used. A row with a city and no program is usable: it names a city in no program.
pub(crate) fn membership_row<'a>(
    t: &'a Table,
    row: &'a Row,
    c: &MembershipCols,
    diags: &mut Diagnostics,
) -> Option<MembershipRow<'a>> {
    let name = t.cell(row, c.city);
    let pname = t.cell(row, c.program);
    let mut ok = true;
    if name.is_empty() {
        diags.push(empty_name(t, row, c.city, "city"));
        ok = false;
    }
    let w = weight_of(t, row, c.weight, diags);
    let (lat, lon) = coords_from(t, row, &c.coords, diags);
    let (since, until, years_ok) = years(t, row, c.since, c.until, diags);
    let weight = w.filter(|_| ok && years_ok)?;
    Some(MembershipRow {
        line: row.line,
        city: name,
        country: c.country.map(|col| t.cell(row, col)).unwrap_or(""),
        program: pname,
        weight,
        lat,
        lon,
        role: c
            .role
            .map(|col| t.cell(row, col).to_string())
            .filter(|s| !s.is_empty()),
        since,
        until,
    })
}

/// Where the fields of an edge list are.
pub(crate) struct EdgeCols {
    pub source: usize,
    pub target: usize,
    pub weight: Option<usize>,
    pub kind: Option<usize>,
    pub since: Option<usize>,
    pub until: Option<usize>,
}

impl EdgeCols {
    /// Finds the columns of an edge list (errors for missing required ones).
    pub fn find(t: &Table, c: &ColumnMap, diags: &mut Diagnostics) -> Option<EdgeCols> {
        let source = find_col(t, &c.source, SOURCE, true, "--source-col", diags);
        let target = find_col(t, &c.target, TARGET, true, "--target-col", diags);
        let weight = find_col(t, &c.weight, WEIGHT, false, "--weight-col", diags);
        let (kind, since, until) = (t.col("kind"), t.col("since"), t.col("until"));
        Some(EdgeCols {
            source: source?,
            target: target?,
            weight,
            kind,
            since,
            until,
        })
    }
}

/// One usable row of an edge list.
pub(crate) struct EdgeRow<'a> {
    pub line: u64,
    pub source: &'a str,
    pub target: &'a str,
    pub weight: f64,
    /// The `kind` cell, `edge` when there is none.
    pub kind: &'a str,
    pub since: Option<i32>,
    pub until: Option<i32>,
}

/// Reads one row of an edge list; `None` (with the reasons in `diags`) when it cannot be used.
pub(crate) fn edge_row<'a>(
    t: &'a Table,
    row: &'a Row,
    c: &EdgeCols,
    diags: &mut Diagnostics,
) -> Option<EdgeRow<'a>> {
    let (a, b) = (t.cell(row, c.source), t.cell(row, c.target));
    let mut ok = true;
    if a.is_empty() {
        diags.push(empty_name(t, row, c.source, "source node"));
        ok = false;
    }
    if b.is_empty() {
        diags.push(empty_name(t, row, c.target, "target node"));
        ok = false;
    }
    let w = weight_of(t, row, c.weight, diags);
    let (since, until, years_ok) = years(t, row, c.since, c.until, diags);
    let weight = w.filter(|_| ok && years_ok)?;
    Some(EdgeRow {
        line: row.line,
        source: a,
        target: b,
        weight,
        kind: c
            .kind
            .map(|col| t.cell(row, col))
            .filter(|s| !s.is_empty())
            .unwrap_or("edge"),
        since,
        until,
    })
}
