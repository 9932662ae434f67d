//! Membership-level columns of a membership table: a column whose value differs between rows
//! of one city describes the membership (a joining year, a status, a program's code), not the
//! city. Its values stay on each membership ([`Membership::attrs`], `memberships.csv`, edge
//! attributes in exports) instead of being joined into the city's attribute.

use crate::model::dataset::{City, Membership};
use crate::model::read::sheet::Table;
use rustc_hash::FxHashMap;
use std::collections::hash_map::Entry;

/// How the values of one attribute column sit on the cities of a membership table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ColumnSpread {
    /// The column's index in the table.
    pub col: usize,
    /// Cities with two or more non-empty values in the column.
    pub multi: usize,
    /// Cities whose non-empty values differ between rows, with the first such city's row index.
    pub differ: usize,
    pub example: Option<usize>,
}

impl ColumnSpread {
    /// A column whose values differ within a city describes the membership. When they differ in
    /// only a few cities (at most one in twenty of the cities with several values), the column is
    /// a city column with a few inconsistent rows (`Region` of a city written under two country
    /// codes): it stays a city column, with each city's most frequent value, and is also kept
    /// per membership.
    pub fn mostly_city(&self) -> bool {
        self.differ > 0 && self.differ * 20 <= self.multi
    }
}

/// The columns among `attrs` whose non-empty value differs between two rows of one city, with
/// how many cities differ; `rows` gives each membership row's city and row index in `t`.
pub(crate) fn membership_columns(
    t: &Table,
    attrs: &[usize],
    rows: &[(u32, usize)],
) -> Vec<ColumnSpread> {
    attrs
        .iter()
        .filter_map(|&col| {
            // per city: its first value, whether a second value was seen, whether one differed
            let mut seen: FxHashMap<u32, (&str, bool, bool)> = FxHashMap::default();
            let mut example = None;
            for &(city, r) in rows {
                let v = t.cell(&t.rows[r], col);
                if v.is_empty() {
                    continue;
                }
                match seen.entry(city) {
                    Entry::Vacant(e) => {
                        e.insert((v, false, false));
                    }
                    Entry::Occupied(mut e) => {
                        let e = e.get_mut();
                        e.1 = true;
                        if e.0 != v && !e.2 {
                            e.2 = true;
                            example.get_or_insert(r);
                        }
                    }
                }
            }
            let differ = seen.values().filter(|e| e.2).count();
            (differ > 0).then(|| ColumnSpread {
                col,
                multi: seen.values().filter(|e| e.1).count(),
                differ,
                example,
            })
        })
        .collect()
}

/// Sets each city's value of column `col` to its most frequent non-empty value over its rows
/// (ties: the first seen), for a city column with a few inconsistent rows.
pub(crate) fn most_frequent_values(
    t: &Table,
    col: usize,
    rows: &[(u32, usize)],
    cities: &mut [City],
) {
    let mut counts: FxHashMap<u32, Vec<(&str, usize)>> = FxHashMap::default();
    for &(city, r) in rows {
        let v = t.cell(&t.rows[r], col);
        if v.is_empty() {
            continue;
        }
        let c = counts.entry(city).or_default();
        match c.iter_mut().find(|(x, _)| *x == v) {
            Some(e) => e.1 += 1,
            None => c.push((v, 1)),
        }
    }
    let key = &t.keys()[col];
    for (city, c) in counts {
        // the first of the most frequent: max_by_key keeps the last maximum, so scan in reverse
        if let Some(&(v, _)) = c.iter().rev().max_by_key(|e| e.1) {
            cities[city as usize]
                .attrs
                .insert(key.clone(), v.to_string());
        }
    }
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
        let spread = membership_columns(&t, &[2, 3, 4], &rows);
        assert_eq!(spread.len(), 1);
        assert_eq!(
            (spread[0].col, spread[0].differ, spread[0].multi),
            (3, 1, 1)
        );
        assert!(!spread[0].mostly_city());
    }

    #[test]
    fn a_column_that_differs_in_few_cities_stays_a_city_column_with_the_most_frequent_value() {
        // 21 cities with two rows each; city 0 is written under two regions, twice as "West"
        let mut cells: Vec<Vec<String>> = Vec::new();
        for c in 0..21 {
            let region = if c == 0 { "West" } else { "North" };
            for p in ["A", "B"] {
                cells.push(vec![format!("c{c}"), p.into(), region.into()]);
            }
        }
        cells.push(vec!["c0".into(), "C".into(), "East".into()]);
        let rows_ref: Vec<Vec<&str>> = cells
            .iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect();
        let slices: Vec<&[&str]> = rows_ref.iter().map(Vec::as_slice).collect();
        let t = Table::for_tests("m.csv".into(), &["city", "program", "region"], &slices);
        let mut rows: Vec<(u32, usize)> = (0..42).map(|r| ((r / 2) as u32, r)).collect();
        rows.push((0, 42));
        let spread = membership_columns(&t, &[2], &rows);
        assert_eq!((spread[0].differ, spread[0].multi), (1, 21));
        assert_eq!(spread[0].example, Some(42));
        assert!(spread[0].mostly_city());
        let mut cities: Vec<City> = (0..21)
            .map(|c| City {
                name: format!("c{c}"),
                country: String::new(),
                lat: None,
                lon: None,
                attrs: Default::default(),
            })
            .collect();
        most_frequent_values(&t, 2, &rows, &mut cities);
        assert_eq!(cities[0].attrs["region"], "West");
        assert_eq!(cities[5].attrs["region"], "North");
    }
}
