//! Coordinates checked against their country: a point outside the country's extent is
//! probably a data-entry slip (latitude and longitude swapped, a namesake's position pasted).
//!
//! **Extents.** A country's extent is derived from the shipped gazetteer
//! ([`super::gazetteer`]; citynet ships no table of country boxes, and the Natural Earth
//! outlines drawn under maps leave out the smallest countries): the smallest latitude–longitude
//! box holding every GeoNames place of 1,000 people or more of that country, widened by
//! [`MARGIN_DEG`] on every side (border villages and regions' centres lie a little beyond the
//! outermost towns). A country whose places straddle the ±180° meridian gets a box that spans
//! nearly every longitude: only its latitudes are checked. Countries the gazetteer has no
//! place of are not checked.
//!
//! **Rule.** A point is outside when it is outside the box. The check then says which simple
//! slip would put it inside, trying in order: latitude and longitude swapped, the longitude's
//! sign flipped, the latitude's sign flipped.

use super::gazetteer::Gazetteer;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// Degrees added on every side of a country's box of places.
pub const MARGIN_DEG: f64 = 1.0;

/// A latitude–longitude box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Extent {
    pub min_lat: f64,
    pub max_lat: f64,
    pub min_lon: f64,
    pub max_lon: f64,
}

impl Extent {
    /// Whether `(lat, lon)` lies in the box widened by [`MARGIN_DEG`].
    pub fn holds(&self, lat: f64, lon: f64) -> bool {
        let m = MARGIN_DEG;
        (self.min_lat - m..=self.max_lat + m).contains(&lat)
            && (self.min_lon - m..=self.max_lon + m).contains(&lon)
    }
}

/// Country extents by ISO 3166 alpha-2 code.
#[derive(Debug, Default)]
pub struct Extents(FxHashMap<String, Extent>);

/// What the check found about a point outside its country: the first slip that would put it
/// inside, in words (`swapped lat/lon fits`), if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outside {
    pub fits: Option<&'static str>,
}

impl Extents {
    /// The boxes of the places of `g`, per country.
    pub fn of(g: &Gazetteer) -> Extents {
        let mut m: FxHashMap<String, Extent> = FxHashMap::default();
        for p in (0..g.len()).filter_map(|i| g.place(i).ok()) {
            let e = m.entry(p.country_code).or_insert(Extent {
                min_lat: p.lat,
                max_lat: p.lat,
                min_lon: p.lon,
                max_lon: p.lon,
            });
            e.min_lat = e.min_lat.min(p.lat);
            e.max_lat = e.max_lat.max(p.lat);
            e.min_lon = e.min_lon.min(p.lon);
            e.max_lon = e.max_lon.max(p.lon);
        }
        Extents(m)
    }

    /// The extents of the shipped gazetteer (computed once).
    pub fn bundled() -> &'static Extents {
        static E: OnceLock<Extents> = OnceLock::new();
        E.get_or_init(|| Extents::of(Gazetteer::bundled()))
    }

    /// The box of country `iso2`, when the gazetteer has places there.
    pub fn get(&self, iso2: &str) -> Option<&Extent> {
        self.0.get(iso2)
    }

    /// `Some` when `(lat, lon)` lies outside country `iso2`'s box (`None` inside, or when
    /// the country has no box).
    pub fn outside(&self, iso2: &str, lat: f64, lon: f64) -> Option<Outside> {
        let e = self.get(iso2)?;
        if e.holds(lat, lon) {
            return None;
        }
        let fits = if lon.abs() <= 90.0 && e.holds(lon, lat) {
            Some("swapped lat/lon fits")
        } else if e.holds(lat, -lon) {
            Some("the longitude with the other sign fits")
        } else if e.holds(-lat, lon) {
            Some("the latitude with the other sign fits")
        } else {
            None
        };
        Some(Outside { fits })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shipped gazetteer's Sweden holds Växjö and not its swapped position (ClimActor's
    /// Kronoberg: 14.81, 56.87); Italy does not hold Melbourne.
    #[test]
    fn swapped_and_foreign_points_are_outside() {
        let e = Extents::bundled();
        assert_eq!(e.outside("SE", 56.879, 14.806), None);
        assert_eq!(
            e.outside("SE", 14.81, 56.87),
            Some(Outside {
                fits: Some("swapped lat/lon fits")
            })
        );
        assert_eq!(
            e.outside("IT", -37.81, 144.96),
            Some(Outside { fits: None })
        );
        // ClimActor's Breckenridge, CO: (39.4817, 106.038).
        assert_eq!(
            e.outside("US", 39.4817, 106.038),
            Some(Outside {
                fits: Some("the longitude with the other sign fits")
            })
        );
        assert_eq!(e.outside("IT", 46.06, 12.08), None);
        assert_eq!(e.outside("XX", 0.0, 0.0), None);
    }
}
