//! The network as it stood in a given year.
//!
//! Memberships and ties may carry `since` and `until` years. **Rule:** a membership or tie is
//! active in year `Y` when (`since` is empty or `since ≤ Y`) and (`until` is empty or
//! `Y ≤ until`) — both ends inclusive, an empty end open. [`Dataset::as_of`] keeps the active
//! ones and **keeps every city and program**: a city with no active membership or tie that
//! year stays in the tables as an isolate (degree 0), so tables of different years have the
//! same rows and can be compared line by line.

use super::Dataset;

/// Whether an interval `[since, until]` (either end open when `None`) contains `year`.
pub fn active(since: Option<i32>, until: Option<i32>, year: i32) -> bool {
    since.is_none_or(|s| s <= year) && until.is_none_or(|u| year <= u)
}

impl Dataset {
    /// The dataset as it stood in `year`: only the memberships and ties active that year (see
    /// the module documentation), every city and program kept.
    ///
    /// # Complexity
    /// O(cities + programs + memberships + ties) time and space (one copy).
    ///
    /// # Examples
    /// A membership `since = 2011` is absent from `as_of(2010)` and present in `as_of(2011)`.
    pub fn as_of(&self, year: i32) -> Dataset {
        let mut ds = self.clone();
        ds.memberships.retain(|m| active(m.since, m.until, year));
        ds.ties.retain(|t| active(t.since, t.until, year));
        ds
    }

    /// The warning `--as-of YEAR` deserves when no membership or tie carries a year: every one
    /// then counts as active, whatever the year.
    pub fn as_of_warning(&self, year: i32) -> Option<String> {
        (!self.has_years()).then(|| {
            format!(
                "warning: --as-of {year}: no membership or tie has a year (since/until), so \
                 all {} memberships and {} ties count as active; name the year columns with \
                 --since-col/--until-col",
                self.memberships.len(),
                self.ties.len()
            )
        })
    }

    /// The earliest and latest years named by any `since` or `until`, if any.
    pub fn year_span(&self) -> Option<(i32, i32)> {
        let years = self
            .memberships
            .iter()
            .flat_map(|m| [m.since, m.until])
            .chain(self.ties.iter().flat_map(|t| [t.since, t.until]))
            .flatten();
        years.fold(None, |acc, y| match acc {
            None => Some((y, y)),
            Some((a, b)) => Some((a.min(y), b.max(y))),
        })
    }

    /// Whether any membership or tie carries a year.
    pub fn has_years(&self) -> bool {
        self.year_span().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{City, InputKind, Membership, Program, Tie};

    fn city(name: &str) -> City {
        City {
            name: name.into(),
            country: "X".into(),
            lat: None,
            lon: None,
            attrs: Default::default(),
        }
    }

    fn ds() -> Dataset {
        let m = |city, since, until| Membership {
            city,
            program: 0,
            weight: 1.0,
            role: None,
            since,
            until,
            attrs: vec![],
        };
        Dataset {
            meta: Default::default(),
            cities: vec![city("A"), city("B"), city("C")],
            programs: vec![Program {
                name: "P".into(),
                attrs: Default::default(),
            }],
            memberships: vec![
                m(0, None, None),
                m(1, Some(2011), None),
                m(2, None, Some(2009)),
            ],
            ties: vec![Tie {
                a: 0,
                b: 1,
                kind: "twinning".into(),
                weight: 1.0,
                since: Some(2000),
                until: Some(2000),
            }],
            ..Dataset::empty("t", InputKind::NetworkFolder, std::path::Path::new("t"))
        }
    }

    #[test]
    fn both_ends_inclusive_and_open_ends() {
        assert!(active(None, None, 1900));
        assert!(active(Some(2011), None, 2011));
        assert!(!active(Some(2011), None, 2010));
        assert!(active(None, Some(2009), 2009));
        assert!(!active(None, Some(2009), 2010));
    }

    #[test]
    fn as_of_keeps_every_city() {
        let d = ds();
        let y2010 = d.as_of(2010);
        assert_eq!(y2010.cities.len(), 3);
        assert_eq!(y2010.programs.len(), 1);
        assert_eq!(
            y2010.memberships.iter().map(|m| m.city).collect::<Vec<_>>(),
            vec![0]
        );
        assert!(y2010.ties.is_empty());
        let y2000 = d.as_of(2000);
        assert_eq!(y2000.memberships.len(), 2);
        assert_eq!(y2000.ties.len(), 1);
        assert_eq!(d.year_span(), Some((2000, 2011)));
        // Degree in the projection that year.
        let g = d.as_of(2012).one_mode();
        assert_eq!(g.degree(0), 1);
        assert_eq!(g.degree(2), 0);
    }
}
