//! Where cities' coordinates come from and what geocoding ([`super::geocode`]) decided: the
//! types a [`Dataset`](super::dataset::Dataset) carries, kept apart from the geocoder so that
//! the dataset does not import it.

use serde::Serialize;

/// Where a city's coordinates come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CoordSource {
    /// The input gave them.
    Input,
    /// Placed from the gazetteer.
    Gazetteer,
    /// No coordinates.
    None,
}

impl CoordSource {
    /// The `coord_source` cell of `cities.csv`: `input`, `gazetteer` or empty.
    pub fn as_str(self) -> &'static str {
        match self {
            CoordSource::Input => "input",
            CoordSource::Gazetteer => "gazetteer",
            CoordSource::None => "",
        }
    }
}

/// One city to review: ambiguous (placed at the most populous candidate) or unmatched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    pub city: String,
    pub country: String,
    /// `ambiguous` or `unmatched`.
    pub status: &'static str,
    /// What was decided and why.
    pub reason: String,
    /// The place the city was put at (ambiguous cities), as `name|country code|geonameid`.
    pub placed_at: String,
    /// Candidates considered, most populous first:
    /// `geonameid|name|country code|admin1|population|lat|lon`, joined by `; `.
    pub candidates: String,
}

/// What geocoding did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Geocoding {
    /// Per city (dataset order): where its coordinates come from.
    pub source: Vec<CoordSource>,
    /// Cities that had no coordinates in the input.
    pub missing: usize,
    /// Of those, cities placed from the gazetteer.
    pub placed: usize,
    /// Cities to review (ambiguous or unmatched), in dataset order.
    pub review: Vec<Review>,
}

impl Geocoding {
    /// The review list as CSV columns: `city, country, status, reason, placed_at, candidates`.
    pub fn review_columns(&self) -> Vec<(String, Vec<String>)> {
        let col = |name: &str, f: &dyn Fn(&Review) -> String| {
            (name.to_string(), self.review.iter().map(f).collect())
        };
        vec![
            col("city", &|r| r.city.clone()),
            col("country", &|r| r.country.clone()),
            col("status", &|r| r.status.to_string()),
            col("reason", &|r| r.reason.clone()),
            col("placed_at", &|r| r.placed_at.clone()),
            col("candidates", &|r| r.candidates.clone()),
        ]
    }
}
