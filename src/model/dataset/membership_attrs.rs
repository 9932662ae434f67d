//! Membership-level columns of a membership table: a column whose value differs between rows
//! of one city describes the membership (a joining year, a status, a program's code), not the
//! city. Its values stay on each membership ([`Membership::attrs`], `memberships.csv`, edge
//! attributes in exports) instead of being joined into the city's attribute.

use crate::model::dataset::{City, Membership};
use crate::model::read::sheet::Table;
use rustc_hash::FxHashMap;

/// The columns among `attrs` whose non-empty value differs between two rows of one city;
/// `rows` gives each membership row's city and row index in `t`.
pub(crate) fn membership_columns(t: &Table, attrs: &[usize], rows: &[(u32, usize)]) -> Vec<usize> {
    attrs
        .iter()
        .copied()
        .filter(|&col| {
            let mut first: FxHashMap<u32, &str> = FxHashMap::default();
            rows.iter().any(|&(city, r)| {
                let v = t.cell(&t.rows[r], col);
                !v.is_empty() && *first.entry(city).or_insert(v) != v
            })
        })
        .collect()
}

/// Moves the membership-level columns `cols` out of the cities' attributes and onto the
/// memberships: membership `m` was read from row `rows[m]` of `t`.
pub(crate) fn move_to_memberships(
    t: &Table,
    cols: &[usize],
    cities: &mut [City],
    memberships: &mut [Membership],
    rows: &[usize],
) {
    if cols.is_empty() {
        return;
    }
    let keys: Vec<&String> = cols.iter().map(|&c| &t.keys()[c]).collect();
    for c in cities.iter_mut() {
        for k in &keys {
            c.attrs.remove(*k);
        }
    }
    for (m, &r) in memberships.iter_mut().zip(rows) {
        m.attrs = cols
            .iter()
            .map(|&c| t.cell(&t.rows[r], c).to_string())
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_that_differs_within_a_city_is_a_membership_column() {
        let t = Table::for_tests(
            "m.csv".into(),
            &["city", "program", "region", "year", "status"],
            &[
                &["Lyon", "A", "Europe", "2001", ""],
                &["Lyon", "B", "Europe", "2005", "full"],
                &["Porto", "A", "Europe", "", "full"],
                &["Porto", "B", "", "2003", "full"],
            ],
        );
        let rows = [(0, 0), (0, 1), (1, 2), (1, 3)];
        assert_eq!(membership_columns(&t, &[2, 3, 4], &rows), [3]);
    }
}
