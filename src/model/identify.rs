//! The identity stage: which city each row means.
//!
//! For membership tables and edge lists the rows define the cities ([`RowCities`]): a new
//! (name, country) identity makes a new city, spellings that differ only by accents or by a
//! missing country are merged at the end ([`Registry::merge_variants`]); countries are mapped
//! to one vocabulary first ([`countries::canonical`]: `FR`, `FRA`, `France` are one country,
//! shown as GeoNames writes it). For network folders
//! the cities are declared in cities.csv and rows refer to them ([`resolve_city`]).

use super::dataset::City;
use super::diagnostic::{Diagnostic, Diagnostics};
use super::gazetteer::countries;
use super::registry::{Registry, Resolved, Unresolved};
use super::rows::{empty_name, MembershipRow};
use super::table::{Row, Table};
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, HashMap};

/// Cities as the rows of one table define them.
pub(crate) struct RowCities {
    reg: Registry,
    /// The city of each (name, country) pair as written, so that each distinct spelling is
    /// normalised (NFC, case, aliases) once rather than on every row.
    /// Country as written → name as written → city.
    seen: FxHashMap<Box<str>, FxHashMap<Box<str>, u32>>,
    /// First line where each city's coordinates were given.
    coord_line: HashMap<u32, u64>,
    /// Countries not in the vocabulary ([`countries`]), for one warning.
    unknown_countries: countries::Unknown,
}

impl RowCities {
    /// No city yet; `aliases` map names to canonical names before anything else.
    pub fn new(aliases: &[(String, String)]) -> RowCities {
        RowCities {
            reg: Registry::with_aliases(aliases),
            seen: FxHashMap::default(),
            coord_line: HashMap::new(),
            unknown_countries: countries::Unknown::default(),
        }
    }

    /// The city of a membership row (made when new), with its coordinates and the row's
    /// attributes (columns `attrs`) merged in.
    pub fn city_of(
        &mut self,
        t: &Table,
        row: &Row,
        r: &MembershipRow,
        attrs: &[usize],
        diags: &mut Diagnostics,
    ) -> u32 {
        let (country, known) = countries::canonical(r.country);
        if !known {
            self.unknown_countries.add(r.country, r.line);
        }
        let cid = self.id_of(r.city, &country);
        let reg = &mut self.reg;
        let city = &mut reg.cities[cid as usize];
        if let (Some(la), Some(lo)) = (r.lat, r.lon) {
            match (city.lat, city.lon) {
                (None, _) => {
                    city.lat = r.lat;
                    city.lon = r.lon;
                    self.coord_line.insert(cid, r.line);
                }
                (Some(a), Some(b)) if (a, b) != (la, lo) => {
                    diags.push(
                        Diagnostic::error(
                            &t.path,
                            format!(
                                "city \"{}\" is listed with other coordinates ({a}, {b}) on line {}; expected the same city to have one position",
                                city.name, self.coord_line[&cid]
                            ),
                        )
                        .at_line(r.line),
                    );
                }
                _ => {}
            }
        }
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

    /// The city named `name` in `country` as written (made when new).
    fn id_of(&mut self, name: &str, country: &str) -> u32 {
        // Looked up by borrowed parts: keys are only allocated for a new spelling.
        if let Some(&id) = self.seen.get(country).and_then(|m| m.get(name)) {
            return id;
        }
        let reg = &mut self.reg;
        let id = reg.get_exact(name, country).unwrap_or_else(|| {
            reg.insert(City {
                name: name.to_string(),
                country: country.to_string(),
                lat: None,
                lon: None,
                attrs: BTreeMap::new(),
            })
        });
        if !self.seen.contains_key(country) {
            self.seen.insert(country.into(), FxHashMap::default());
        }
        self.seen.get_mut(country).unwrap().insert(name.into(), id);
        id
    }

    /// The node of an edge list named `name` (made when new; nodes have no country).
    pub fn node_of(&mut self, name: &str) -> u32 {
        self.id_of(name, "")
    }

    /// Merges the spellings that are one city (a warning each, on `t`'s file) and returns the
    /// cities with the map from the ids given out so far to their final index.
    pub fn finish(self, t: &Table, diags: &mut Diagnostics) -> (Vec<City>, Vec<u32>) {
        if let Some(m) = self.unknown_countries.message() {
            diags.push(Diagnostic::warning(&t.path, m));
        }
        let (target, notes) = self.reg.merge_variants();
        for n in notes {
            diags.push(Diagnostic::warning(&t.path, n));
        }
        compact_cities(self.reg.cities, &target)
    }
}

/// Applies a merge map: keeps the cities that merge into themselves (in order) and returns the
/// old → new index map. Attributes of merged spellings fill gaps in the kept city.
fn compact_cities(cities: Vec<City>, target: &[u32]) -> (Vec<City>, Vec<u32>) {
    let mut new_index = vec![u32::MAX; cities.len()];
    let mut kept = Vec::new();
    for (i, c) in cities.iter().enumerate() {
        if target[i] as usize == i {
            new_index[i] = kept.len() as u32;
            kept.push(c.clone());
        }
    }
    for (i, c) in cities.iter().enumerate() {
        let t = target[i] as usize;
        if t != i {
            let k = &mut kept[new_index[t] as usize];
            if k.lat.is_none() {
                k.lat = c.lat;
                k.lon = c.lon;
            }
            for (a, v) in &c.attrs {
                k.attrs.entry(a.clone()).or_insert_with(|| v.clone());
            }
        }
    }
    let remap = (0..cities.len())
        .map(|i| new_index[target[i] as usize])
        .collect();
    (kept, remap)
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
