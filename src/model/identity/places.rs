//! The place stage of a membership table: one city per place, whatever language its name is
//! written in, with its GeoNames id, and its coordinates checked against its country.
//!
//! # Rules
//! 1. **Matching a city to a GeoNames place** (cities with a recognised country only): the
//!    candidates are found as geocoding finds them ([`super::geocode`]: name, else alternate
//!    name, else a variant of the name), within the city's country, for its shown name and
//!    then its other spellings. A city with coordinates (inside its country, rule 3) is the
//!    candidate nearest to them when that one is within [`MATCH_KM`]; otherwise it matches
//!    nothing. A city without coordinates is the most populous candidate when that one is a
//!    clear leader ([`super::gazetteer::decide`]: not ambiguous).
//! 2. **Same place, one city.** Cities of one country matched to the same GeoNames place are
//!    one city ("Wien", "Vienna" and "Vienne" in Austria are GeoNames 2761369). Names alone
//!    never merge two places: a name must be one of the place's names (or alternate names),
//!    and coordinates, where given, must lie within [`MATCH_KM`] of it. `--no-merge-places`
//!    keeps them apart (the GeoNames ids are still given).
//! 3. **Coordinates outside the country** ([`super::coords_check`]) go to review with the
//!    reason; when the name matches a GeoNames place of the country, its position is used
//!    (`coord_source` `gazetteer`).
//! 4. **Name shown**: the spelling on most rows (ties: the first seen), or by
//!    `--name-language` ([`NameLanguage`]).
//! 5. **A city without a country** joins its one namesake with a country only when their
//!    positions (rows' median, else the unambiguous GeoNames place of the name) are within
//!    [`NAMESAKE_KM`]; otherwise both stay and both are listed for review.
//!
//! Every merge is listed (`merges.csv`: spellings, rows, reason); the GeoNames id is the
//! city attribute `geonames_id`.

use super::coords_check::Extents;
use super::gazetteer::countries::Countries;
use super::gazetteer::{haversine_km, norm, Decision, Gazetteer, Place};
use super::geocode::candidates;
use super::placement::{MergeRecord, PlaceReport, Review};
use super::registry::Nearness;
use crate::model::dataset::City;
use crate::model::options::NameLanguage;
use std::collections::BTreeMap;

/// Coordinates within this many km of a GeoNames place of the city's name make it that place.
pub const MATCH_KM: f64 = 25.0;
/// A city without a country and its namesake with one are one place within this many km.
pub const NAMESAKE_KM: f64 = 25.0;

/// Spellings of one city: (spelling, rows, first sighting).
pub(crate) type Spellings = Vec<(String, usize, usize)>;

/// The shipped data the stage reads.
#[derive(Clone, Copy)]
pub(crate) struct Shipped<'a> {
    pub gazetteer: &'a Gazetteer,
    pub countries: &'a Countries,
    pub extents: &'a Extents,
}

impl Shipped<'static> {
    /// The gazetteer, countries and extents shipped with citynet.
    pub fn bundled() -> Shipped<'static> {
        Shipped {
            gazetteer: Gazetteer::bundled(),
            countries: Countries::bundled(),
            extents: Extents::bundled(),
        }
    }
}

/// The cities of a table once spellings are merged, as the identity stage leaves them.
pub(crate) struct CityList {
    pub cities: Vec<City>,
    /// Per city, its spellings.
    pub spellings: Vec<Spellings>,
    /// `(city, reason)` for each spelling merged into a city (accents, no country).
    pub merged: Vec<(u32, String)>,
    /// `(city without country, namesake with country, why)`: kept apart.
    pub apart: Vec<(u32, u32, String)>,
}

/// The position of the GeoNames place `name` stands for in `country` (any country when
/// empty), when there is an unambiguous one.
fn reference_position(data: Shipped, name: &str, country: &str) -> Option<(f64, f64)> {
    let iso = match country {
        "" => None,
        c => Some(data.countries.lookup(c)?.iso2.as_str()),
    };
    let (c, _) = candidates(data.gazetteer, name, iso);
    match Gazetteer::decide(&c) {
        Decision::Only | Decision::Leader(_) => Some((c[0].lat, c[0].lon)),
        _ => None,
    }
}

/// Whether city `a` (no country, at `pa`) and its namesake `b` (at `pb`) are one place: their
/// positions, or the GeoNames place their name stands for, within [`NAMESAKE_KM`].
pub(crate) fn namesake_nearness(
    data: Shipped,
    a: &City,
    pa: Option<(f64, f64)>,
    b: &City,
    pb: Option<(f64, f64)>,
) -> Nearness {
    let pa = pa.or_else(|| reference_position(data, &a.name, &a.country));
    let pb = pb.or_else(|| reference_position(data, &b.name, &b.country));
    match (pa, pb) {
        (Some(x), Some(y)) => {
            let km = haversine_km(x.0, x.1, y.0, y.1);
            if km <= NAMESAKE_KM {
                Nearness::Within(km)
            } else {
                Nearness::Far(km)
            }
        }
        _ => Nearness::Unknown,
    }
}

/// A city's GeoNames place and how it was found.
struct Match {
    place: Place,
    via: String,
}

/// The GeoNames place of a city of country `iso` (rule 1): its names tried in order; `at` its
/// coordinates when they can be trusted.
fn match_city(data: Shipped, names: &[&str], iso: &str, at: Option<(f64, f64)>) -> Option<Match> {
    for name in names {
        let (cands, via) = candidates(data.gazetteer, name, Some(iso));
        if cands.is_empty() {
            continue;
        }
        let via = format!("\"{name}\" by {via}");
        match at {
            Some((la, lo)) => {
                let near = cands
                    .iter()
                    .map(|p| (haversine_km(la, lo, p.lat, p.lon), p))
                    .min_by(|a, b| a.0.total_cmp(&b.0));
                if let Some((km, p)) = near.filter(|n| n.0 <= MATCH_KM) {
                    return Some(Match {
                        place: p.clone(),
                        via: format!("{via}, {km:.1} km from its coordinates"),
                    });
                }
            }
            None => {
                return match Gazetteer::decide(&cands) {
                    Decision::Only | Decision::Leader(_) => Some(Match {
                        place: cands[0].clone(),
                        via,
                    }),
                    _ => None,
                }
            }
        }
    }
    None
}

/// The names of a city to try: its shown name, then its other spellings by rows.
fn names_of<'a>(city: &'a City, spellings: &'a Spellings) -> Vec<&'a str> {
    let mut v: Vec<&str> = vec![&city.name];
    let mut rest: Vec<&(String, usize, usize)> = spellings.iter().collect();
    rest.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    let mut keys = vec![norm(&city.name)];
    for (s, _, _) in rest {
        let k = norm(s);
        if !keys.contains(&k) {
            keys.push(k);
            v.push(s);
        }
    }
    v
}

/// What rule 1 and 3 found for every city.
struct Found {
    matches: Vec<Option<Match>>,
    review: Vec<Review>,
    corrected: Vec<u32>,
}

/// Rules 1 and 3 on every city: GeoNames places, coordinates checked (and replaced where the
/// name matches a place of the country).
fn find_places(data: Shipped, list: &mut CityList) -> Found {
    let mut out = Found {
        matches: Vec::with_capacity(list.cities.len()),
        review: vec![],
        corrected: vec![],
    };
    for (i, city) in list.cities.iter_mut().enumerate() {
        let country = (!city.country.is_empty())
            .then(|| data.countries.lookup(&city.country))
            .flatten();
        let Some(country) = country else {
            out.matches.push(None);
            continue;
        };
        let iso = country.iso2.as_str();
        let at = city.lat.zip(city.lon);
        let outside = at.and_then(|(la, lo)| data.extents.outside(iso, la, lo));
        let names = names_of(city, &list.spellings[i]);
        let m = match_city(data, &names, iso, at.filter(|_| outside.is_none()));
        if let (Some(o), Some((la, lo))) = (outside, at) {
            let mut reason = format!("({la}, {lo}) is outside {}", country.name);
            if let Some(fits) = o.fits {
                reason.push_str("; ");
                reason.push_str(fits);
            }
            let placed_at = match &m {
                Some(m) => {
                    reason.push_str(&format!(
                        "; placed at the GeoNames position of {} ({}), matched by {}",
                        m.place.name, m.place.geonameid, m.via
                    ));
                    city.lat = Some(m.place.lat);
                    city.lon = Some(m.place.lon);
                    out.corrected.push(i as u32);
                    format!("{}|{}|{}", m.place.name, iso, m.place.geonameid)
                }
                None => {
                    reason.push_str(&format!(
                        "; kept as given (no GeoNames place of this name in {iso})"
                    ));
                    String::new()
                }
            };
            out.review.push(Review {
                city: city.name.clone(),
                country: city.country.clone(),
                program: String::new(),
                status: "coordinates",
                reason,
                placed_at,
                candidates: String::new(),
            });
        }
        out.matches.push(m);
    }
    out
}

/// The spelling shown for a city with these spellings (rule 4), `place` its GeoNames place.
pub(crate) fn shown_name(
    list: &Spellings,
    lang: NameLanguage,
    place: Option<&Place>,
) -> Option<String> {
    let frequent = |l: &mut dyn Iterator<Item = &(String, usize, usize)>| {
        l.min_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)))
            .map(|s| s.0.clone())
    };
    match (lang, place) {
        (NameLanguage::En, Some(p)) => Some(p.name.clone()),
        (NameLanguage::Native, Some(p)) => {
            let k = norm(&p.name);
            frequent(&mut list.iter().filter(|s| norm(&s.0) != k))
                .or_else(|| frequent(&mut list.iter()))
        }
        (NameLanguage::AsWritten, _) => list.iter().min_by_key(|s| s.2).map(|s| s.0.clone()),
        _ => frequent(&mut list.iter()),
    }
}

/// The spellings of several cities as one list (same spellings added up).
fn combine(lists: Vec<Spellings>) -> Spellings {
    let mut out: Spellings = vec![];
    for (s, k, first) in lists.into_iter().flatten() {
        match out.iter_mut().find(|x| x.0 == s) {
            Some(x) => {
                x.1 += k;
                x.2 = x.2.min(first);
            }
            None => out.push((s, k, first)),
        }
    }
    out
}

/// The cities after the place stage, the map from the input cities to them, and the report
/// (merge lines left empty: the caller knows the rows).
pub(crate) struct Settled {
    pub cities: Vec<City>,
    pub remap: Vec<u32>,
    pub report: PlaceReport,
}

/// Runs the place stage (see the module documentation) on `list`.
pub(crate) fn settle(
    mut list: CityList,
    merge: bool,
    lang: NameLanguage,
    data: Shipped,
) -> Settled {
    let n = list.cities.len();
    let found = find_places(data, &mut list);
    // Rule 2: cities of one country matched to one place.
    let mut groups: BTreeMap<(String, u64), Vec<u32>> = BTreeMap::new();
    for (i, m) in found.matches.iter().enumerate() {
        if let Some(m) = m.as_ref().filter(|_| merge) {
            let key = (m.place.country_code.clone(), m.place.geonameid);
            groups.entry(key).or_default().push(i as u32);
        }
    }
    let mut target: Vec<u32> = (0..n as u32).collect();
    let mut reasons: Vec<(u32, String)> = list.merged;
    for ids in groups.values().filter(|g| g.len() > 1) {
        let p = &found.matches[ids[0] as usize]
            .as_ref()
            .expect("matched")
            .place;
        let how: Vec<String> = ids
            .iter()
            .filter_map(|&i| found.matches[i as usize].as_ref().map(|m| m.via.clone()))
            .collect();
        for &i in &ids[1..] {
            target[i as usize] = ids[0];
        }
        reasons.push((
            ids[0],
            format!(
                "one GeoNames place, {} ({}, {}): {}",
                p.name,
                p.country_code,
                p.geonameid,
                how.join("; ")
            ),
        ));
    }
    // The kept cities, in order, with the merged ones' spellings and gaps filled.
    let mut remap = vec![u32::MAX; n];
    let mut kept: Vec<u32> = vec![];
    for i in 0..n {
        if target[i] as usize == i {
            remap[i] = kept.len() as u32;
            kept.push(i as u32);
        }
    }
    for i in 0..n {
        remap[i] = remap[target[i] as usize];
    }
    let mut members: Vec<Vec<u32>> = vec![vec![]; kept.len()];
    for i in 0..n {
        members[remap[i] as usize].push(i as u32);
    }
    let mut spellings = std::mem::take(&mut list.spellings);
    let mut cities = Vec::with_capacity(kept.len());
    let mut matched = 0;
    for group in &members {
        let mut city = list.cities[group[0] as usize].clone();
        for &j in &group[1..] {
            let other = &list.cities[j as usize];
            if city.lat.is_none() {
                city.lat = other.lat;
                city.lon = other.lon;
            }
            for (a, v) in &other.attrs {
                city.attrs.entry(a.clone()).or_insert_with(|| v.clone());
            }
        }
        let place = found.matches[group[0] as usize].as_ref().map(|m| &m.place);
        let all = combine(
            group
                .iter()
                .map(|&j| std::mem::take(&mut spellings[j as usize]))
                .collect(),
        );
        if let Some(name) = shown_name(&all, lang, place) {
            city.name = name;
        }
        if let Some(p) = place {
            city.attrs
                .insert("geonames_id".into(), p.geonameid.to_string());
            matched += 1;
        }
        spellings[group[0] as usize] = all;
        cities.push(city);
    }
    let report = PlaceReport {
        cities_before: n,
        merges: merge_records(&reasons, &remap, &kept, &spellings),
        review: namesake_reviews(&list.apart, &list.cities)
            .into_iter()
            .chain(found.review)
            .collect(),
        corrected: found.corrected.iter().map(|&i| remap[i as usize]).collect(),
        matched,
        no_program: 0,
    };
    Settled {
        cities,
        remap,
        report,
    }
}

/// One record per city that merged others, with its spellings (most rows first) and reasons.
fn merge_records(
    reasons: &[(u32, String)],
    remap: &[u32],
    kept: &[u32],
    spellings: &[Spellings],
) -> Vec<MergeRecord> {
    let mut by_city: BTreeMap<u32, Vec<&str>> = BTreeMap::new();
    for (i, why) in reasons {
        by_city.entry(remap[*i as usize]).or_default().push(why);
    }
    by_city
        .into_iter()
        .map(|(c, why)| {
            let mut sp = spellings[kept[c as usize] as usize].clone();
            sp.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
            MergeRecord {
                city: c,
                spellings: sp.into_iter().map(|(s, k, _)| (s, k)).collect(),
                lines: vec![],
                reason: why.join("; "),
            }
        })
        .collect()
}

/// Both cities of each namesake pair kept apart (rule 5), for review.
fn namesake_reviews(apart: &[(u32, u32, String)], cities: &[City]) -> Vec<Review> {
    let label = |c: &City| {
        if c.country.is_empty() {
            format!("\"{}\" (no country)", c.name)
        } else {
            format!("\"{}\" ({})", c.name, c.country)
        }
    };
    let mut out = vec![];
    for (a, b, why) in apart {
        let (ca, cb) = (&cities[*a as usize], &cities[*b as usize]);
        for (c, other) in [(ca, cb), (cb, ca)] {
            out.push(Review {
                city: c.name.clone(),
                country: c.country.clone(),
                program: String::new(),
                status: "namesake",
                reason: format!(
                    "kept apart from {}: {why} (a city without a country joins its namesake \
                     only within {NAMESAKE_KM:.0} km)",
                    label(other)
                ),
                placed_at: String::new(),
                candidates: String::new(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn city(name: &str, country: &str, at: Option<(f64, f64)>) -> City {
        City {
            name: name.into(),
            country: country.into(),
            lat: at.map(|x| x.0),
            lon: at.map(|x| x.1),
            attrs: Default::default(),
        }
    }

    fn place(id: u64, name: &str, cc: &str, pop: u64, lat: f64, lon: f64) -> Place {
        Place {
            geonameid: id,
            name: name.into(),
            country_code: cc.into(),
            lat,
            lon,
            population: pop,
            admin1: String::new(),
        }
    }

    fn gaz() -> Gazetteer {
        Gazetteer::new(
            &[
                place(1, "Vienna", "AT", 1_700_000, 48.21, 16.37),
                place(2, "Graz", "AT", 280_000, 47.07, 15.44),
                place(3, "Mel", "IT", 6_000, 46.06, 12.08),
                place(4, "Milan", "IT", 1_300_000, 45.46, 9.19),
                place(5, "Vienne", "FR", 29_000, 45.52, 4.87),
            ],
            &[
                vec!["vienna".into(), "wien".into(), "vienne".into()],
                vec![],
                vec![],
                vec!["milan".into(), "milano".into()],
            ],
        )
        .unwrap()
    }

    fn run(cities: Vec<City>, merge: bool, lang: NameLanguage) -> Settled {
        let g = gaz();
        let e = Extents::of(&g);
        let data = Shipped {
            gazetteer: &g,
            countries: Countries::bundled(),
            extents: &e,
        };
        let spellings = cities
            .iter()
            .enumerate()
            .map(|(i, c)| vec![(c.name.clone(), 10 - i, i)])
            .collect();
        settle(
            CityList {
                cities,
                spellings,
                merged: vec![],
                apart: vec![],
            },
            merge,
            lang,
            data,
        )
    }

    #[test]
    fn names_of_one_place_merge_within_the_country_only() {
        let s = run(
            vec![
                city("Wien", "Austria", Some((48.2, 16.37))),
                city("Vienna", "AT", None),
                city("Vienne", "Austria", Some((48.21, 16.36))),
                city("Vienne", "France", None),
                city("Graz", "Austria", None),
            ],
            true,
            NameLanguage::Frequent,
        );
        let names: Vec<(&str, &str)> = s
            .cities
            .iter()
            .map(|c| (c.name.as_str(), c.attrs["geonames_id"].as_str()))
            .collect();
        assert_eq!(names, [("Wien", "1"), ("Vienne", "5"), ("Graz", "2")]);
        assert_eq!(s.remap, [0, 0, 0, 1, 2]);
        assert_eq!(s.report.merges.len(), 1);
        let m = &s.report.merges[0];
        assert_eq!(
            m.spellings,
            [
                ("Wien".to_string(), 10),
                ("Vienna".to_string(), 9),
                ("Vienne".to_string(), 8)
            ]
        );
        assert!(m.reason.starts_with("one GeoNames place, Vienna (AT, 1)"));
        let off = run(
            vec![city("Wien", "Austria", None), city("Vienna", "AT", None)],
            false,
            NameLanguage::Frequent,
        );
        assert_eq!(off.cities.len(), 2);
        assert!(off.report.merges.is_empty());
    }

    #[test]
    fn far_coordinates_do_not_match_and_outside_points_are_replaced() {
        // Milano's coordinates are Mel's, in Italy but 225 km from Milan: not Milan, so not
        // merged with it.
        let s = run(
            vec![
                city("Milano", "Italy", Some((46.0, 12.0))),
                city("Milan", "Italy", None),
                city("Mel", "Italy", Some((-37.81, 144.96))),
            ],
            true,
            NameLanguage::Frequent,
        );
        assert_eq!(s.cities.len(), 3);
        assert!(!s.cities[0].attrs.contains_key("geonames_id"));
        assert_eq!(
            (s.cities[2].lat, s.cities[2].lon),
            (Some(46.06), Some(12.08))
        );
        assert_eq!(s.report.corrected, [2]);
        let r = &s.report.review;
        assert_eq!(r.len(), 1, "{r:?}");
        assert!(r.iter().any(|x| x.city == "Mel"
            && x.reason.contains("outside Italy")
            && x.placed_at == "Mel|IT|3"));
    }

    #[test]
    fn name_languages() {
        let l: Spellings = vec![
            ("Wien".into(), 3, 1),
            ("Vienna".into(), 5, 2),
            ("Vienne".into(), 1, 0),
        ];
        let p = place(1, "Vienna", "AT", 1, 0.0, 0.0);
        let name = |lang| shown_name(&l, lang, Some(&p)).unwrap();
        assert_eq!(name(NameLanguage::Frequent), "Vienna");
        assert_eq!(name(NameLanguage::En), "Vienna");
        assert_eq!(name(NameLanguage::Native), "Wien");
        assert_eq!(name(NameLanguage::AsWritten), "Vienne");
        assert_eq!(
            shown_name(&l, NameLanguage::En, None).unwrap(),
            "Vienna",
            "unmatched: the most frequent"
        );
    }
}
