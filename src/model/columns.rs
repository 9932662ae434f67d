//! Finding the columns of a table: the header names citynet recognises and the user's own
//! names for them (`--city-col` and the like).

use super::dataset::InputKind;
use super::diagnostic::{Diagnostic, Diagnostics};
use super::table::Table;

/// User names for the columns citynet looks for (`--city-col` and the like).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ColumnMap {
    pub city: Option<String>,
    pub country: Option<String>,
    pub program: Option<String>,
    pub source: Option<String>,
    pub target: Option<String>,
    pub weight: Option<String>,
    pub lat: Option<String>,
    pub lon: Option<String>,
}

// Accepted header names, first the canonical one.
pub(crate) const CITY: &[&str] = &["city", "city_name", "municipality", "name"];
pub(crate) const COUNTRY: &[&str] = &["country", "country_name", "nation"];
pub(crate) const PROGRAM: &[&str] = &[
    "program",
    "programme",
    "network",
    "organisation",
    "organization",
];
pub(crate) const SOURCE: &[&str] = &["source", "from", "node1", "city1"];
pub(crate) const TARGET: &[&str] = &["target", "to", "node2", "city2"];
pub(crate) const WEIGHT: &[&str] = &["weight", "value", "count"];
pub(crate) const LAT: &[&str] = &["lat", "latitude"];
pub(crate) const LON: &[&str] = &["lon", "lng", "long", "longitude"];

/// Finds a column: the user's name if given (its absence is then an error), else the first
/// accepted name present.
pub(crate) fn find_col(
    t: &Table,
    user: &Option<String>,
    names: &[&str],
    required: bool,
    flag: &str,
    diags: &mut Diagnostics,
) -> Option<usize> {
    if let Some(u) = user {
        let c = t.col(u);
        if c.is_none() {
            diags.push(
                Diagnostic::error(
                    &t.path,
                    format!(
                        "{flag} names column '{u}', which is not in the header (columns: {})",
                        t.headers.join(", ")
                    ),
                )
                .at_line(1),
            );
        }
        return c;
    }
    let c = t.col_any(names);
    if c.is_none() && required {
        diags.push(
            Diagnostic::error(
                &t.path,
                format!(
                    "missing required column '{}' (the header has: {}); name yours with {flag}",
                    names[0],
                    t.headers.join(", ")
                ),
            )
            .at_line(1),
        );
    }
    c
}

/// Reports every column the user named that is not in the header; whether there was one.
pub(crate) fn missing_mapped(t: &Table, c: &ColumnMap, diags: &mut Diagnostics) -> bool {
    let mut mapped_missing = false;
    for (flag, user) in [
        ("--city-col", &c.city),
        ("--country-col", &c.country),
        ("--program-col", &c.program),
        ("--source-col", &c.source),
        ("--target-col", &c.target),
        ("--weight-col", &c.weight),
        ("--lat-col", &c.lat),
        ("--lon-col", &c.lon),
    ] {
        if let Some(u) = user.as_ref().filter(|u| t.col(u).is_none()) {
            mapped_missing = true;
            diags.push(
                Diagnostic::error(
                    &t.path,
                    format!(
                        "{flag} names column '{u}', which is not in the header (columns: {})",
                        t.headers.join(", ")
                    ),
                )
                .at_line(1),
            );
        }
    }
    mapped_missing
}

/// The error for a header that is neither a membership table's nor an edge list's.
pub(crate) fn unknown_kind(t: &Table) -> Diagnostic {
    Diagnostic::error(
        &t.path,
        format!(
            "cannot tell what this table is from its header ({}): expected \
             columns city and program (a membership table) or source and \
             target (an edge list); map yours with --city-col/--program-col \
             or --source-col/--target-col, or set --kind",
            t.headers.join(", ")
        ),
    )
    .at_line(1)
}

/// Detects the kind of a CSV from its header (and, for an incidence matrix, its cells: see
/// [`super::shapes::looks_like_matrix`]).
pub fn detect_kind(t: &Table, cols: &ColumnMap) -> Option<InputKind> {
    let has = |user: &Option<String>, names: &[&str]| match user {
        Some(u) => t.col(u).is_some(),
        None => t.col_any(names).is_some(),
    };
    if has(&cols.program, PROGRAM) && has(&cols.city, CITY) {
        Some(InputKind::MembershipTable)
    } else if has(&cols.source, SOURCE) && has(&cols.target, TARGET) {
        Some(InputKind::EdgeList)
    } else if has(&cols.city, CITY) && super::shapes::is_matrix(t, cols) {
        Some(InputKind::Matrix)
    } else {
        None
    }
}
