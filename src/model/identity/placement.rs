//! Where cities' coordinates come from and what geocoding ([`super::geocode`]) decided: the
//! types a [`Dataset`](crate::model::dataset::Dataset) carries, kept apart from the geocoder so that
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
    /// The program, for a program name that looks wrong (empty for a city).
    pub program: String,
    /// `ambiguous` or `unmatched` (geocoding), `coordinates` (outside the country),
    /// `namesake` (a city without a country kept apart from its namesake) or `program` (a
    /// program name that looks wrong).
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
    /// The review list as CSV columns: `city, country, status, reason, placed_at, candidates`,
    /// and `program` when a program is listed.
    pub fn review_columns(&self) -> Vec<(String, Vec<String>)> {
        let col = |name: &str, f: &dyn Fn(&Review) -> String| {
            (name.to_string(), self.review.iter().map(f).collect())
        };
        let mut cols = vec![
            col("city", &|r| r.city.clone()),
            col("country", &|r| r.country.clone()),
            col("status", &|r| r.status.to_string()),
            col("reason", &|r| r.reason.clone()),
            col("placed_at", &|r| r.placed_at.clone()),
            col("candidates", &|r| r.candidates.clone()),
        ];
        if self.review.iter().any(|r| !r.program.is_empty()) {
            cols.push(col("program", &|r| r.program.clone()));
        }
        cols
    }
}

/// One city made of several: what `merges.csv` lists.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MergeRecord {
    /// The city's index in the dataset.
    pub city: u32,
    /// The spellings merged, with their row counts, most rows first.
    pub spellings: Vec<(String, usize)>,
    /// The input lines of the city's rows.
    pub lines: Vec<u64>,
    /// Why, one reason per merge, joined by `; `.
    pub reason: String,
}

/// What the place stage of a membership table decided (see [`super::places`]).
#[derive(Debug, Clone, Default, Serialize)]
pub struct PlaceReport {
    /// Cities before spellings and places were merged.
    pub cities_before: usize,
    /// Cities made of several spellings or places.
    pub merges: Vec<MergeRecord>,
    /// Coordinates outside their country, namesakes kept apart, program names that look
    /// wrong.
    pub review: Vec<Review>,
    /// Cities whose input coordinates were replaced by the gazetteer's (outside the country).
    pub corrected: Vec<u32>,
    /// Cities with a GeoNames id.
    pub matched: usize,
    /// Cities named by rows without a program (degree 0).
    pub no_program: usize,
}
