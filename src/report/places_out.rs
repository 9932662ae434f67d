//! `merges.csv` (cities made of several names) and `memberships.csv` (a membership table's
//! memberships with their own columns: years, role, and the columns whose value differs
//! between rows of one city).

use super::csv_out::write_csv;
use crate::metrics::NodeTable;
use crate::model::identity::placement::PlaceReport;
use crate::model::Dataset;

/// The header of merges.csv.
pub const MERGES_HEADER: [&str; 7] = [
    "city",
    "country",
    "geonames_id",
    "spellings",
    "rows",
    "lines",
    "reason",
];

fn csv_of(text: Vec<(String, Vec<String>)>, raw: bool) -> std::io::Result<Vec<u8>> {
    let t = NodeTable {
        text,
        metrics: vec![],
    };
    let mut b = vec![];
    write_csv(&t, &mut b, raw)?;
    Ok(b)
}

/// merges.csv: one line per city made of several spellings or places: its name and country
/// as shown, GeoNames id, the spellings with their row counts (`"Wien ×12; Vienna ×3"`), the
/// number of rows and their lines, and the reasons.
pub fn merges_csv(ds: &Dataset, p: &PlaceReport, raw: bool) -> std::io::Result<Vec<u8>> {
    let mut cols: Vec<Vec<String>> = vec![vec![]; MERGES_HEADER.len()];
    for m in &p.merges {
        let c = &ds.cities[m.city as usize];
        let spellings: Vec<String> = m
            .spellings
            .iter()
            .map(|(s, k)| format!("{s} ×{k}"))
            .collect();
        let lines: Vec<String> = m.lines.iter().map(|l| l.to_string()).collect();
        let cells = [
            c.name.clone(),
            c.country.clone(),
            c.attrs.get("geonames_id").cloned().unwrap_or_default(),
            spellings.join("; "),
            m.lines.len().to_string(),
            lines.join(" "),
            m.reason.clone(),
        ];
        for (col, cell) in cols.iter_mut().zip(cells) {
            col.push(cell);
        }
    }
    csv_of(
        MERGES_HEADER
            .iter()
            .map(|h| h.to_string())
            .zip(cols)
            .collect(),
        raw,
    )
}

/// Whether the dataset is a membership table whose memberships carry more than a weight:
/// membership-level columns, years or roles.
pub fn has_membership_columns(ds: &Dataset) -> bool {
    ds.places.is_some()
        && (!ds.membership_attrs.is_empty()
            || ds
                .memberships
                .iter()
                .any(|m| m.since.is_some() || m.until.is_some() || m.role.is_some()))
}

/// memberships.csv: `city, country, program, weight, role, since, until` and the
/// membership-level columns, one line per membership.
pub fn memberships_csv(ds: &Dataset, raw: bool) -> std::io::Result<Vec<u8>> {
    let year = |y: Option<i32>| y.map(|y| y.to_string()).unwrap_or_default();
    let col = |name: &str, f: &dyn Fn(&crate::model::Membership) -> String| {
        (name.to_string(), ds.memberships.iter().map(f).collect())
    };
    let mut text: Vec<(String, Vec<String>)> = vec![
        col("city", &|m| ds.cities[m.city as usize].name.clone()),
        col("country", &|m| ds.cities[m.city as usize].country.clone()),
        col("program", &|m| ds.programs[m.program as usize].name.clone()),
        col("weight", &|m| m.weight.to_string()),
        col("role", &|m| m.role.clone().unwrap_or_default()),
        col("since", &|m| year(m.since)),
        col("until", &|m| year(m.until)),
    ];
    for (k, name) in ds.membership_attrs.iter().enumerate() {
        text.push(col(name, &|m| m.attrs.get(k).cloned().unwrap_or_default()));
    }
    csv_of(text, raw)
}
