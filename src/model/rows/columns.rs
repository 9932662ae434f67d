//! Finding the columns of a table: the header names citynet recognises and the user's own
//! names for them (`--city-col` and the like).

use crate::model::diagnostic::{Diagnostic, Diagnostics};
use crate::model::read::sheet::Table;

/// User names for the columns citynet looks for (`--city-col` and the like).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ColumnMap {
    pub city: Option<String>,
    pub country: Option<String>,
    pub program: Option<String>,
    pub source: Option<String>,
    pub target: Option<String>,
    pub weight: Option<String>,
    /// Latitude column, or several comma-separated in order of preference (`lat,Y`): a row
    /// takes the first pair of columns that has both values.
    pub lat: Option<String>,
    /// Longitude column(s), paired with [`Self::lat`] in order.
    pub lon: Option<String>,
    /// Joining year of a membership (default: `since`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// Leaving year of a membership (default: `until`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// Role of a city in a program (default: `role`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// The column names one option names: the whole text when it is a column of `t`, else its
/// comma-separated parts (`--lat-col lat,Y`).
pub(crate) fn names_in(t: &Table, user: &str) -> Vec<String> {
    if t.col(user).is_some() || !user.contains(',') {
        return vec![user.to_string()];
    }
    user.split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
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

// Parts of header names that suggest a column's role when the header has none of the accepted
// names, most telling first (propose the likeliest columns with the flags to type).
const CITY_HINTS: &[&str] = &["city", "municipal", "locality", "town", "member", "name"];
const PROGRAM_HINTS: &[&str] = &[
    "program",
    "network",
    "initiative",
    "organi",
    "association",
    "commitment",
];
const COUNTRY_HINTS: &[&str] = &["country", "nation", "iso"];

/// The likeliest column for a role: the first column whose name contains the first of `hints`
/// that any name contains, leaving out the columns `taken`.
fn likeliest(t: &Table, hints: &[&str], taken: &[usize]) -> Option<usize> {
    hints.iter().find_map(|h| {
        (0..t.headers.len()).find(|&i| !taken.contains(&i) && t.keys()[i].contains(h))
    })
}

/// A column name as it is typed on a command line (quoted when it has spaces or symbols).
fn typed(name: &str) -> String {
    if !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
    {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "'\\''"))
    }
}

/// The flags that would read `t` as a membership table, for the columns neither named by the
/// user nor found under an accepted name: `--program-col X --city-col Y` (and
/// `--country-col Z` when a column looks like one); empty when nothing is likely.
pub(crate) fn likely_flags(t: &Table, c: &ColumnMap) -> String {
    let found = |user: &Option<String>, names: &[&str]| match user {
        Some(u) => t.col(u),
        None => t.col_any(names),
    };
    let mut taken: Vec<usize> = vec![];
    let mut flags = vec![];
    for (flag, user, names, hints) in [
        ("--program-col", &c.program, PROGRAM, PROGRAM_HINTS),
        ("--city-col", &c.city, CITY, CITY_HINTS),
        ("--country-col", &c.country, COUNTRY, COUNTRY_HINTS),
    ] {
        if let Some(i) = found(user, names) {
            taken.push(i);
        } else if let Some(i) = likeliest(t, hints, &taken) {
            taken.push(i);
            flags.push(format!("{flag} {}", typed(&t.headers[i])));
        }
    }
    // A country alone does not make a membership table.
    if flags.iter().all(|f| f.starts_with("--country-col")) {
        return String::new();
    }
    flags.join(" ")
}

/// The header name closest to `name` (case, spaces and `_` ignored, or at most two edits
/// apart), for "did you mean".
pub(crate) fn closest<'a>(name: &str, headers: &'a [String]) -> Option<&'a str> {
    let fold = |s: &str| -> Vec<char> {
        s.to_lowercase()
            .chars()
            .filter(|c| !matches!(c, ' ' | '_' | '-' | '.'))
            .collect()
    };
    let want = fold(name);
    headers
        .iter()
        .map(|h| (edit_distance(&want, &fold(h)), h))
        .filter(|(d, _)| *d <= 2.min(want.len() / 2 + 1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, h)| h.as_str())
}

/// Levenshtein distance between two strings of characters.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// "; did you mean 'City_Name'?" when a header name is close to `name`.
fn did_you_mean(name: &str, t: &Table) -> String {
    closest(name, &t.headers)
        .map(|h| format!("; did you mean '{h}'?"))
        .unwrap_or_default()
}

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
            diags.push(not_in_header(t, flag, u));
        }
        return c;
    }
    let c = t.col_any(names);
    if c.is_none() && required {
        diags.push(
            Diagnostic::error(
                &t.path,
                format!(
                    "missing required column '{}' (the header has: {}); name yours with \
                     {flag}{}",
                    names[0],
                    t.headers.join(", "),
                    likeliest_for(t, flag)
                ),
            )
            .at_line(1),
        );
    }
    c
}

/// " (the likeliest: Network_Name)" for a required column `flag` names, when one is likely.
fn likeliest_for(t: &Table, flag: &str) -> String {
    let hints = match flag {
        "--city-col" => CITY_HINTS,
        "--program-col" => PROGRAM_HINTS,
        _ => return String::new(),
    };
    likeliest(t, hints, &[])
        .map(|i| format!(" (the likeliest: {flag} {})", typed(&t.headers[i])))
        .unwrap_or_default()
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
        ("--since-col", &c.since),
        ("--until-col", &c.until),
        ("--role-col", &c.role),
    ] {
        let names = user.as_deref().map(|u| names_in(t, u)).unwrap_or_default();
        for u in names.iter().filter(|u| t.col(u).is_none()) {
            mapped_missing = true;
            diags.push(not_in_header(t, flag, u));
        }
    }
    mapped_missing
}

/// The error for a header that is neither a membership table's nor an edge list's, with the
/// likeliest columns as flags to type ([`likely_flags`]).
pub(crate) fn unknown_kind(t: &Table, c: &ColumnMap) -> Diagnostic {
    let likely = likely_flags(t, c);
    let likely = if likely.is_empty() {
        likely
    } else {
        format!("; the likeliest columns for a membership table: {likely}")
    };
    Diagnostic::error(
        &t.path,
        format!(
            "cannot tell what this table is from its header ({}): expected \
             columns city and program (a membership table) or source and \
             target (an edge list); map yours with --city-col/--program-col \
             or --source-col/--target-col, or set --kind{likely}",
            t.headers.join(", ")
        ),
    )
    .at_line(1)
}

/// The error for a column flag (`--city-col` …) that names a column the header lacks.
fn not_in_header(t: &Table, flag: &str, u: &str) -> Diagnostic {
    Diagnostic::error(
        &t.path,
        format!(
            "{flag} names column '{u}', which is not in the header (columns: {}){}",
            t.headers.join(", "),
            did_you_mean(u, t)
        ),
    )
    .at_line(1)
}
