//! The identity stage: which city each row means.
//!
//! For membership tables and edge lists the rows define the cities (`RowCities`): a new
//! (name, country) identity makes a new city, spellings that differ only by accents or by a
//! missing country are merged at the end ([`Registry::merge_variants`]); countries are mapped
//! to one vocabulary first ([`countries::canonical`]: `FR`, `FRA`, `France` are one country,
//! shown as GeoNames writes it). Then each city is shown with its most frequent spelling
//! (ties: the first seen) and placed at the median of its rows' coordinates, with one warning
//! naming the cities whose rows are more than [`SPREAD_WARN_KM`] apart. For network folders
//! the cities are declared in cities.csv and rows refer to them (`resolve_city`).

use super::gazetteer::countries;
use super::registry::{Nearness, Registry, Resolved, Unresolved};
use crate::model::dataset::City;
use crate::model::diagnostic::{Diagnostic, Diagnostics};
use crate::model::read::sheet::{Row, Table};
use crate::model::rows::{empty_name, MembershipRow};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// Names as written in one country → (city, index of the spelling in its `spellings`).
type WrittenNames = FxHashMap<Box<str>, (u32, u32)>;

/// Cities as the rows of one table define them.
pub(crate) struct RowCities {
    reg: Registry,
    /// Per registry id: the spellings used, in first-seen order, with their counts and the
    /// order in which each was first seen.
    spellings: Vec<Spellings>,
    /// Per registry id: the coordinates of its rows, with their lines.
    positions: Vec<Vec<(f64, f64, u64)>>,
    /// Rows seen (to order first sightings across cities).
    seen: usize,
    /// The city and spelling (index into its `spellings`) of each (name, country) pair as
    /// written, so that each distinct spelling is normalised (NFC, case, aliases) once rather
    /// than on every row. Country as written → name as written → (city, spelling).
    written: FxHashMap<Box<str>, WrittenNames>,
    /// Each country as written → (as the vocabulary names it, whether it is known), so that
    /// each distinct spelling is looked up once.
    country_names: FxHashMap<Box<str>, (Box<str>, bool)>,
    /// Countries not in the vocabulary ([`countries`]), for one warning.
    unknown_countries: countries::Unknown,
}

/// Spellings with their row counts and first sightings.
pub(crate) type SpellingList = Vec<(String, usize, usize)>;

/// Tells whether two cities of one name (the first without a country) are one place, from the
/// cities and their rows' median positions.
pub(crate) type NearFn<'a> =
    dyn FnMut(&City, Option<(f64, f64)>, &City, Option<(f64, f64)>) -> Nearness + 'a;

/// The cities of a table once spellings are merged ([`RowCities::finish`]).
pub(crate) struct Finished {
    pub cities: Vec<City>,
    /// Registry id (as given out while reading) → city index.
    pub remap: Vec<u32>,
    /// Per city: its spellings with their row counts and first sightings (when asked for).
    pub spellings: Vec<SpellingList>,
    /// `(city, reason)` for each spelling merged into a city (accents, no country).
    pub merged: Vec<(u32, String)>,
    /// `(city without country, namesake with country, why)`: kept apart.
    pub apart: Vec<(u32, u32, String)>,
}

/// The spellings of one city, with how many rows use each and when each was first seen (a
/// row count). The first is the registry's name of the city and is not stored again; the
/// others, which most cities do not have, are in a list.
#[derive(Default)]
struct Spellings {
    /// Rows and first sighting of the first spelling.
    first: (usize, usize),
    /// The other spellings (boxed: most cities have none, and a box costs 8 bytes).
    more: Option<Box<SpellingList>>,
}

impl Spellings {
    /// Every spelling, the first written `name`.
    fn list(&self, name: &str) -> SpellingList {
        let more = self.more.as_deref().map_or(&[][..], |m| m.as_slice());
        let mut v = Vec::with_capacity(1 + more.len());
        v.push((name.to_string(), self.first.0, self.first.1));
        v.extend(more.iter().cloned());
        v
    }

    /// Counts `k` more rows of `spelling` (first seen at `seen`), the first being `name`;
    /// returns the spelling's index (0 for the first).
    fn add(&mut self, name: &str, spelling: String, k: usize, seen: usize) -> usize {
        if spelling == name {
            self.first.0 += k;
            self.first.1 = self.first.1.min(seen);
            return 0;
        }
        let more = self.more.get_or_insert_with(Box::default);
        match more.iter().position(|x| x.0 == spelling) {
            Some(j) => {
                let x = &mut more[j];
                x.1 += k;
                x.2 = x.2.min(seen);
                j + 1
            }
            None => {
                more.push((spelling, k, seen));
                more.len()
            }
        }
    }
}

/// A city whose rows place it in different spots: how far apart and on which lines.
struct Spread {
    city: u32,
    km: f64,
    lines: Vec<u64>,
}

/// Cities written several ways named in the warning.
const SPELLINGS_SHOWN: usize = 5;

/// Rows of one city more than this far apart are probably two places with one name.
pub const SPREAD_WARN_KM: f64 = 25.0;

impl RowCities {
    /// No city yet; `aliases` map names to canonical names before anything else.
    pub fn new(aliases: &[(String, String)]) -> RowCities {
        RowCities {
            reg: Registry::with_aliases(aliases),
            spellings: vec![],
            positions: vec![],
            seen: 0,
            written: FxHashMap::default(),
            country_names: FxHashMap::default(),
            unknown_countries: countries::Unknown::default(),
        }
    }

    /// The city named `name` in `country` (made when new), counting this spelling.
    fn id(&mut self, name: &str, country: &str) -> u32 {
        // Looked up by borrowed parts: keys are only allocated for a new spelling.
        if let Some(&(id, k)) = self.written.get(country).and_then(|m| m.get(name)) {
            let sp = &mut self.spellings[id as usize];
            match k {
                0 => sp.first.0 += 1,
                k => {
                    if let Some(more) = sp.more.as_mut() {
                        more[k as usize - 1].1 += 1;
                    }
                }
            }
            self.seen += 1;
            return id;
        }
        // A new spelling: normalised once (aliases, NFC, keys).
        let identity = self.reg.identity(name, country);
        let spelling = identity.name.clone();
        let id = match self.reg.find(&identity) {
            Some(i) => i,
            None => {
                let i = self.reg.insert_identity(
                    identity,
                    City {
                        name: String::new(),
                        country: country.to_string(),
                        lat: None,
                        lon: None,
                        attrs: BTreeMap::new(),
                    },
                );
                self.spellings.push(Spellings {
                    first: (0, self.seen),
                    more: None,
                });
                i
            }
        };
        let name_now = &self.reg.cities[id as usize].name;
        let k = self.spellings[id as usize].add(name_now, spelling, 1, self.seen);
        self.seen += 1;
        if !self.written.contains_key(country) {
            self.written.insert(country.into(), FxHashMap::default());
        }
        if let Some(m) = self.written.get_mut(country) {
            m.insert(name.into(), (id, k as u32));
        }
        id
    }

    /// The city of a membership row (made when new), with its coordinates and the row's
    /// attributes (columns `attrs`) merged in.
    pub fn city_of(&mut self, t: &Table, row: &Row, r: &MembershipRow, attrs: &[usize]) -> u32 {
        let country = self.country(r.country, r.line);
        let cid = self.id(r.city, &country);
        if let (Some(la), Some(lo)) = (r.lat, r.lon) {
            // A row split into several (one-cell program lists) is one position.
            // Held only from the first city with coordinates (edge lists have none).
            if self.positions.len() <= cid as usize {
                self.positions.resize_with(cid as usize + 1, Vec::new);
            }
            let pos = &mut self.positions[cid as usize];
            if pos.last().is_none_or(|p| p.2 != r.line) {
                pos.push((la, lo, r.line));
            }
        }
        let city = &mut self.reg.cities[cid as usize];
        for &ac in attrs {
            let v = t.cell(row, ac);
            if v.is_empty() {
                continue;
            }
            let k = t.keys()[ac].clone();
            let entry = city.attrs.entry(k).or_default();
            if entry.is_empty() {
                *entry = v.to_string();
            } else if !entry.split("; ").any(|x| x == v) {
                entry.push_str("; ");
                entry.push_str(v);
            }
        }
        cid
    }

    /// The country written `written` (on `line`) as the vocabulary names it; an unknown one is
    /// kept as written (NFC, trimmed) and tallied for one warning.
    fn country(&mut self, written: &str, line: u64) -> Box<str> {
        let (name, known) = match self.country_names.get(written) {
            Some((name, known)) => (name.clone(), *known),
            None => {
                let (name, known) = countries::canonical(written);
                let name: Box<str> = name.into();
                self.country_names
                    .insert(written.into(), (name.clone(), known));
                (name, known)
            }
        };
        if !known {
            self.unknown_countries.add(written, line);
        }
        name
    }

    /// The node of an edge list named `name` (made when new; nodes have no country).
    pub fn node_of(&mut self, name: &str) -> u32 {
        self.id(name, "")
    }

    /// Merges the spellings that are one city (a warning each, on `t`'s file), names each city
    /// by its most frequent spelling and places it at the median of its rows' coordinates.
    /// `near` decides whether a city without a country is its namesake with one (see
    /// [`Registry::merge_variants`]); `keep_spellings` keeps each city's spellings.
    pub fn finish(
        mut self,
        t: &Table,
        diags: &mut Diagnostics,
        near: &mut NearFn,
        keep_spellings: bool,
    ) -> Finished {
        if let Some(m) = self.unknown_countries.message() {
            diags.push(Diagnostic::warning(&t.path, m));
        }
        let merges = {
            let (cities, positions) = (&self.reg.cities, &self.positions);
            let at = |i: u32| positions.get(i as usize).and_then(|p| median_position(p));
            let mut by_id =
                |a: u32, b: u32| near(&cities[a as usize], at(a), &cities[b as usize], at(b));
            self.reg.merge_variants(&mut by_id)
        };
        for n in &merges.notes {
            diags.push(Diagnostic::warning(&t.path, n.clone()));
        }
        let target = merges.target;
        // Spellings and positions of merged ids join their target's.
        let n = self.reg.cities.len();
        if !self.positions.is_empty() {
            self.positions.resize_with(n, Vec::new);
        }
        for (i, &to) in target.iter().enumerate() {
            let to = to as usize;
            if to != i {
                let s = std::mem::take(&mut self.spellings[i]).list(&self.reg.cities[i].name);
                for (sp, k, first) in s {
                    let name = &self.reg.cities[to].name;
                    self.spellings[to].add(name, sp, k, first);
                }
                if let Some(p) = self.positions.get_mut(i).map(std::mem::take) {
                    self.positions[to].extend(p);
                }
            }
        }
        // Cities written several ways, with their spellings (listed for the first few only).
        let mut respelled: Vec<(u32, SpellingList)> = vec![];
        let mut spreads = vec![];
        let mut spellings = vec![];
        for i in (0..n).filter(|&i| target[i] as usize == i) {
            let city = &mut self.reg.cities[i];
            if keep_spellings {
                spellings.push(self.spellings[i].list(&city.name));
            }
            if self.spellings[i].more.is_some() {
                let list = self.spellings[i].list(&city.name);
                if let Some(best) = most_frequent(&list) {
                    city.name = best;
                }
                let keep = if respelled.len() < SPELLINGS_SHOWN {
                    list
                } else {
                    vec![]
                };
                respelled.push((i as u32, keep));
            }
            let Some(pos) = self.positions.get_mut(i) else {
                continue;
            };
            if let Some((lat, lon)) = median_position(pos) {
                city.lat = Some(lat);
                city.lon = Some(lon);
                if let Some(s) = spread(i as u32, pos, (lat, lon)) {
                    spreads.push(s);
                }
            }
        }
        self.warn_spellings(t, &respelled, diags);
        self.warn_spreads(t, &spreads, diags);
        let (cities, remap) = compact_cities(self.reg.cities, &target);
        let at = |i: u32| remap[i as usize];
        Finished {
            cities,
            spellings,
            merged: merges
                .merged
                .into_iter()
                .map(|(_, into, why)| (at(into), why))
                .collect(),
            apart: merges
                .apart
                .into_iter()
                .map(|(a, b, why)| (at(a), at(b), why))
                .collect(),
            remap,
        }
    }

    /// One warning naming the cities written several ways and the spelling shown.
    fn warn_spellings(&self, t: &Table, ids: &[(u32, SpellingList)], diags: &mut Diagnostics) {
        if ids.is_empty() {
            return;
        }
        let shown: Vec<String> = ids
            .iter()
            .take(SPELLINGS_SHOWN)
            .map(|(i, list)| {
                let i = *i;
                let mut list = list.clone();
                list.sort_by_key(|s| s.2);
                let all: Vec<String> = list
                    .iter()
                    .map(|(s, k, _)| format!("\"{s}\" ×{k}"))
                    .collect();
                format!("{} ({})", self.reg.describe(&[i]), all.join(", "))
            })
            .collect();
        let more = if ids.len() > SPELLINGS_SHOWN {
            "; …"
        } else {
            ""
        };
        diags.push(Diagnostic::warning(
            &t.path,
            format!(
                "{} cities are written in several ways; each is shown with its most frequent \
                 spelling (ties: the first seen): {}{more}",
                ids.len(),
                shown.join("; ")
            ),
        ));
    }

    /// One warning naming the cities whose rows are more than [`SPREAD_WARN_KM`] apart.
    fn warn_spreads(&self, t: &Table, spreads: &[Spread], diags: &mut Diagnostics) {
        if spreads.is_empty() {
            return;
        }
        let shown: Vec<String> = spreads
            .iter()
            .take(10)
            .map(|s| {
                let lines: Vec<String> = s.lines.iter().take(8).map(|l| l.to_string()).collect();
                let more = if s.lines.len() > 8 { ", …" } else { "" };
                format!(
                    "{} spread over {:.0} km (lines {}{more})",
                    self.reg.describe(&[s.city]),
                    s.km,
                    lines.join(", ")
                )
            })
            .collect();
        let more = if spreads.len() > 10 { "; …" } else { "" };
        diags.push(Diagnostic::warning(
            &t.path,
            format!(
                "{} cities have rows more than {SPREAD_WARN_KM:.0} km apart, perhaps two places \
                 with one name (each is placed at the median of its rows; give a country or \
                 distinct names if they are two): {}{more}",
                spreads.len(),
                shown.join("; ")
            ),
        ));
    }
}

/// The most frequent spelling; ties go to the one seen first.
fn most_frequent(list: &[(String, usize, usize)]) -> Option<String> {
    list.iter()
        .min_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)))
        .map(|s| s.0.clone())
}

/// The median of a list of values (the mean of the two middle ones for an even count).
fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// The component-wise median of the positions (latitude and longitude each), or `None` when
/// there are none. (Longitudes are not unwrapped: a city straddling ±180° gets a wrong median,
/// and is then reported as spread out.)
pub(crate) fn median_position(pos: &[(f64, f64, u64)]) -> Option<(f64, f64)> {
    if pos.is_empty() {
        return None;
    }
    let lat = median(pos.iter().map(|p| p.0).collect());
    let lon = median(pos.iter().map(|p| p.1).collect());
    Some((lat, lon))
}

/// Great-circle distance in km between two (lat, lon) points in degrees (haversine, Earth
/// radius 6371 km).
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1) = (a.0.to_radians(), a.1.to_radians());
    let (la2, lo2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// The spread of a city's rows: the largest distance between two of its distinct positions,
/// when over [`SPREAD_WARN_KM`]. Exact up to 2,000 distinct positions; above, twice the largest
/// distance to the median (an upper bound by the triangle inequality), to stay linear.
fn spread(city: u32, pos: &[(f64, f64, u64)], median: (f64, f64)) -> Option<Spread> {
    let mut distinct: Vec<(f64, f64)> = pos.iter().map(|p| (p.0, p.1)).collect();
    distinct.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    distinct.dedup();
    if distinct.len() < 2 {
        return None;
    }
    let km = if distinct.len() <= 2000 {
        let mut best: f64 = 0.0;
        for (i, a) in distinct.iter().enumerate() {
            for b in &distinct[i + 1..] {
                best = best.max(distance_km(*a, *b));
            }
        }
        best
    } else {
        2.0 * distinct
            .iter()
            .map(|p| distance_km(*p, median))
            .fold(0.0, f64::max)
    };
    if km <= SPREAD_WARN_KM {
        return None;
    }
    // The lines of the rows away from the median (more than 1 km), in file order.
    let mut lines: Vec<u64> = pos
        .iter()
        .filter(|p| distance_km((p.0, p.1), median) > 1.0)
        .map(|p| p.2)
        .collect();
    lines.sort_unstable();
    Some(Spread { city, km, lines })
}

/// Applies a merge map: keeps the cities that merge into themselves (in order) and returns the
/// old → new index map. Attributes of merged spellings fill gaps in the kept city. Works in
/// place: the kept cities are not copied.
fn compact_cities(mut cities: Vec<City>, target: &[u32]) -> (Vec<City>, Vec<u32>) {
    let mut new_index = vec![u32::MAX; cities.len()];
    let mut kept = 0u32;
    for (i, slot) in new_index.iter_mut().enumerate() {
        if target[i] as usize == i {
            *slot = kept;
            kept += 1;
        }
    }
    for i in 0..cities.len() {
        let t = target[i] as usize;
        if t != i {
            let c = std::mem::replace(
                &mut cities[i],
                City {
                    name: String::new(),
                    country: String::new(),
                    lat: None,
                    lon: None,
                    attrs: BTreeMap::new(),
                },
            );
            let k = &mut cities[t];
            if k.lat.is_none() {
                k.lat = c.lat;
                k.lon = c.lon;
            }
            for (a, v) in c.attrs {
                k.attrs.entry(a).or_insert(v);
            }
        }
    }
    let mut i = 0;
    cities.retain(|_| {
        i += 1;
        target[i - 1] as usize == i - 1
    });
    let remap = (0..target.len())
        .map(|i| new_index[target[i] as usize])
        .collect();
    (cities, remap)
}

/// The declared city a row of a network folder refers to (columns `name_c`, `country_c`);
/// `None`, with an error, when the name is empty, unknown or ambiguous.
pub(crate) fn resolve_city(
    reg: &Registry,
    t: &Table,
    row: &Row,
    name_c: usize,
    country_c: Option<usize>,
    diags: &mut Diagnostics,
) -> Option<u32> {
    let name = t.cell(row, name_c);
    if name.is_empty() {
        diags.push(empty_name(t, row, name_c, "city"));
        return None;
    }
    let country = country_c.map(|c| t.cell(row, c)).unwrap_or("");
    match reg.resolve(name, country) {
        Ok(Resolved::IgnoringAccents(i)) => {
            diags.push(
                Diagnostic::warning(
                    &t.path,
                    format!("matched to {} ignoring accents", reg.describe(&[i])),
                )
                .at_line(row.line)
                .in_column(t.headers[name_c].clone())
                .with_value(name),
            );
            Some(i)
        }
        Ok(r) => Some(r.id()),
        Err(Unresolved::Unknown) => {
            let shown = if country.is_empty() {
                String::new()
            } else {
                format!(" ({country})")
            };
            diags.push(
                Diagnostic::error(&t.path, format!("unknown city{shown}: expected a city listed in cities.csv (name and country)"))
                    .at_line(row.line)
                    .in_column(t.headers[name_c].clone())
                    .with_value(name),
            );
            None
        }
        Err(Unresolved::Ambiguous(ids)) => {
            diags.push(
                Diagnostic::error(
                    &t.path,
                    format!(
                        "ambiguous city: it could be {}; give its country",
                        reg.describe(&ids)
                    ),
                )
                .at_line(row.line)
                .in_column(t.headers[name_c].clone())
                .with_value(name),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[&str]]) -> Table {
        Table::for_tests("m.csv".into(), &["city", "country", "program"], rows)
    }

    /// Runs the identity stage on rows (city, country) and returns the cities.
    fn cities_of(rows: &[&[&str]]) -> (Vec<City>, Diagnostics) {
        let t = table(rows);
        let mut rc = RowCities::new(&[]);
        for row in &t.rows {
            let r = MembershipRow {
                line: row.line,
                city: t.cell(row, 0),
                country: t.cell(row, 1),
                program: t.cell(row, 2),
                weight: 1.0,
                lat: None,
                lon: None,
                role: None,
                since: None,
                until: None,
            };
            rc.city_of(&t, row, &r, &[]);
        }
        let mut d = Diagnostics::default();
        let f = rc.finish(&t, &mut d, &mut |_, _, _, _| Nearness::Unknown, false);
        (f.cities, d)
    }

    #[test]
    fn the_most_frequent_spelling_is_shown_ties_to_the_first_seen() {
        let (c, d) = cities_of(&[
            &["París", "France", "A"],
            &["Paris", "France", "B"],
            &["PARIS", "France", "C"],
            &["Paris", "France", "D"],
        ]);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].name, "Paris");
        assert!(d.0.iter().any(|w| w
            .message
            .contains("\"París\" ×1, \"Paris\" ×2, \"PARIS\" ×1")));
        // A tie: the first seen wins, whether or not it carries accents.
        let (c, _) = cities_of(&[
            &["Medellin", "Colombia", "A"],
            &["Medellín", "Colombia", "B"],
        ]);
        assert_eq!(c[0].name, "Medellin");
        let (c, _) = cities_of(&[
            &["Medellín", "Colombia", "A"],
            &["Medellin", "Colombia", "B"],
        ]);
        assert_eq!(c[0].name, "Medellín");
        // s-comma and s-cedilla are one city.
        let (c, _) = cities_of(&[
            &["Bra\u{0219}ov", "Romania", "A"],
            &["Bra\u{015F}ov", "Romania", "B"],
            &["Bra\u{0219}ov", "Romania", "C"],
        ]);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].name, "Bra\u{0219}ov");
    }

    #[test]
    fn medians_and_distances() {
        assert_eq!(median_position(&[]), None);
        assert_eq!(
            median_position(&[(1.0, 10.0, 2), (3.0, 30.0, 3), (2.0, 50.0, 4)]),
            Some((2.0, 30.0))
        );
        assert_eq!(
            median_position(&[(1.0, 10.0, 2), (3.0, 30.0, 3)]),
            Some((2.0, 20.0))
        );
        // One degree of latitude is 2π·6371/360 km.
        let deg = 2.0 * std::f64::consts::PI * 6371.0 / 360.0;
        assert!((distance_km((10.0, 5.0), (11.0, 5.0)) - deg).abs() < 1e-9);
        assert_eq!(distance_km((48.0, 2.0), (48.0, 2.0)), 0.0);
        // Antipodes: half the circumference.
        assert!((distance_km((0.0, 0.0), (0.0, 180.0)) - 180.0 * deg).abs() < 1e-6);
        // Spread: two rows 1 degree apart are reported, a few metres are not.
        let far = spread(0, &[(10.0, 5.0, 2), (11.0, 5.0, 3)], (10.5, 5.0)).unwrap();
        assert_eq!(far.lines, vec![2, 3]);
        assert!(spread(0, &[(10.0, 5.0, 2), (10.0001, 5.0, 3)], (10.0, 5.0)).is_none());
    }
}
