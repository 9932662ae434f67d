//! The city registry: interns cities by identity and resolves references to them.
//!
//! Rules (documented in the README):
//! 1. A declared alias replaces the name before anything else ("New York City" → "New York").
//! 2. Exact match on the normalised (name, country) key ([`super::identity::key`]).
//! 3. A reference without a country matches the one city of that name; with several, it is
//!    ambiguous and the candidates are listed.
//! 4. Names that differ only by accents match when exactly one city fits; otherwise the
//!    candidates are listed and nothing is merged.

use super::dataset::City;
use super::identity::{display, folded, key};
use std::collections::{BTreeMap, HashMap};

/// How a reference failed to resolve.
#[derive(Debug, Clone, PartialEq)]
pub enum Unresolved {
    /// No city fits.
    Unknown,
    /// Several cities fit: their indices.
    Ambiguous(Vec<u32>),
}

/// A successful resolution and how it was reached.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Resolved {
    Exact(u32),
    /// Matched a city of that name, the reference having no country.
    ByNameOnly(u32),
    /// Matched ignoring accents.
    IgnoringAccents(u32),
}

impl Resolved {
    pub fn id(self) -> u32 {
        match self {
            Resolved::Exact(i) | Resolved::ByNameOnly(i) | Resolved::IgnoringAccents(i) => i,
        }
    }
}

/// Cities by identity.
#[derive(Debug, Default)]
pub struct Registry {
    pub cities: Vec<City>,
    exact: HashMap<(String, String), u32>,
    by_name: HashMap<String, Vec<u32>>,
    by_folded: HashMap<String, Vec<u32>>,
    aliases: HashMap<String, String>,
}

impl Registry {
    /// A registry with aliases `alias → canonical name`.
    pub fn with_aliases(aliases: &[(String, String)]) -> Registry {
        Registry {
            aliases: aliases.iter().map(|(a, c)| (key(a), display(c))).collect(),
            ..Default::default()
        }
    }

    /// The name after aliases.
    pub fn canonical_name(&self, name: &str) -> String {
        self.aliases
            .get(&key(name))
            .cloned()
            .unwrap_or_else(|| display(name))
    }

    /// Index of the city with exactly this identity (after aliases).
    pub fn get_exact(&self, name: &str, country: &str) -> Option<u32> {
        let name = self.canonical_name(name);
        self.exact.get(&(key(&name), key(country))).copied()
    }

    /// Adds a city (its identity must be new); returns its index.
    pub fn insert(&mut self, mut city: City) -> u32 {
        city.name = self.canonical_name(&city.name);
        city.country = display(&city.country);
        let id = self.cities.len() as u32;
        let k = (key(&city.name), key(&city.country));
        self.by_name.entry(k.0.clone()).or_default().push(id);
        self.by_folded
            .entry(folded(&city.name))
            .or_default()
            .push(id);
        self.exact.insert(k, id);
        self.cities.push(city);
        id
    }

    /// Resolves a reference `(name, country)` to a known city, following the rules above.
    pub fn resolve(&self, name: &str, country: &str) -> Result<Resolved, Unresolved> {
        let name = self.canonical_name(name);
        let (nk, ck) = (key(&name), key(country));
        if let Some(&i) = self.exact.get(&(nk.clone(), ck.clone())) {
            return Ok(Resolved::Exact(i));
        }
        if ck.is_empty() {
            if let Some(c) = self.by_name.get(&nk) {
                return match c.as_slice() {
                    [one] => Ok(Resolved::ByNameOnly(*one)),
                    many => Err(Unresolved::Ambiguous(many.to_vec())),
                };
            }
        }
        let candidates: Vec<u32> = self
            .by_folded
            .get(&folded(&name))
            .map(|c| {
                c.iter()
                    .copied()
                    .filter(|&i| ck.is_empty() || key(&self.cities[i as usize].country) == ck)
                    .collect()
            })
            .unwrap_or_default();
        match candidates.as_slice() {
            [] => Err(Unresolved::Unknown),
            [one] => Ok(Resolved::IgnoringAccents(*one)),
            many => Err(Unresolved::Ambiguous(many.to_vec())),
        }
    }

    /// "Name (Country)" list of the given cities, for messages.
    pub fn describe(&self, ids: &[u32]) -> String {
        ids.iter()
            .map(|&i| {
                let c = &self.cities[i as usize];
                if c.country.is_empty() {
                    format!("\"{}\" (no country)", c.name)
                } else {
                    format!("\"{}\" ({})", c.name, c.country)
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// For inputs whose rows define the cities (membership tables, edge lists): decides which
    /// spellings are the same city. Returns, for every city, the index it merges into (itself
    /// when kept) and a message per merge or per ambiguity left alone.
    ///
    /// - Spellings that differ only by accents, with the same country, merge when at most one
    ///   of them carries accents (the name shown is decided later, by frequency: see
    ///   [`super::identify`]); with two or more accented spellings they stay apart and a
    ///   warning lists them.
    /// - A city without a country merges into the one city of the same name (or accent-folded
    ///   name) that has a country; with several such cities it stays apart and a warning lists
    ///   them.
    pub fn merge_variants(&self) -> (Vec<u32>, Vec<String>) {
        let n = self.cities.len();
        let mut target: Vec<u32> = (0..n as u32).collect();
        let mut notes = Vec::new();
        // Groups by folded name, deterministic order.
        let mut groups: BTreeMap<&str, &Vec<u32>> = BTreeMap::new();
        for (f, ids) in &self.by_folded {
            if ids.len() > 1 {
                groups.insert(f.as_str(), ids);
            }
        }
        for ids in groups.values() {
            // Accent variants within one country.
            let mut by_country: BTreeMap<String, Vec<u32>> = BTreeMap::new();
            for &i in ids.iter() {
                by_country
                    .entry(key(&self.cities[i as usize].country))
                    .or_default()
                    .push(i);
            }
            for members in by_country.values() {
                if members.len() < 2 {
                    continue;
                }
                let accented: Vec<u32> = members
                    .iter()
                    .copied()
                    .filter(|&i| {
                        let nm = &self.cities[i as usize].name;
                        key(nm) != folded(nm)
                    })
                    .collect();
                if accented.len() <= 1 {
                    let into = accented.first().copied().unwrap_or(members[0]);
                    for &i in members {
                        if i != into {
                            target[i as usize] = into;
                            notes.push(format!(
                                "{} and {} are one city: the names differ only by accents",
                                self.describe(&[into]),
                                self.describe(&[i])
                            ));
                        }
                    }
                } else {
                    notes.push(format!(
                        "cities whose names differ only by accents kept apart (more than one \
                         accented spelling, so it is ambiguous): {}; declare aliases if they are one city",
                        self.describe(members)
                    ));
                }
            }
            // A city without a country joins the one city of that name with a country.
            let with_country: Vec<u32> = {
                let mut v: Vec<u32> = ids
                    .iter()
                    .copied()
                    .filter(|&i| !self.cities[i as usize].country.is_empty())
                    .map(|i| target[i as usize])
                    .collect();
                v.sort_unstable();
                v.dedup();
                v
            };
            for &i in ids.iter() {
                if !self.cities[i as usize].country.is_empty() || target[i as usize] != i {
                    continue;
                }
                match with_country.as_slice() {
                    [] => {}
                    [one] => {
                        target[i as usize] = *one;
                        notes.push(format!(
                            "{} merged into {}: the only city of that name with a country",
                            self.describe(&[i]),
                            self.describe(&[*one])
                        ));
                    }
                    many => notes.push(format!(
                        "{} kept apart: it could be any of {}; give its country",
                        self.describe(&[i]),
                        self.describe(many)
                    )),
                }
            }
        }
        // Rows that merged into a city without a country point at... already resolved targets.
        for i in 0..n {
            let mut t = target[i];
            while target[t as usize] != t {
                t = target[t as usize];
            }
            target[i] = t;
        }
        (target, notes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn city(name: &str, country: &str) -> City {
        City {
            name: name.into(),
            country: country.into(),
            lat: None,
            lon: None,
            attrs: Default::default(),
        }
    }

    #[test]
    fn resolves_by_rules() {
        let mut r = Registry::with_aliases(&[("New York City".into(), "New York".into())]);
        let ny = r.insert(city("New York", "United States"));
        let sf1 = r.insert(city("Santa Fe", "Argentina"));
        let sf2 = r.insert(city("Santa Fe", "United States"));
        let med = r.insert(city("Medellín", "Colombia"));
        assert_eq!(
            r.resolve("new york city ", "United States"),
            Ok(Resolved::Exact(ny))
        );
        assert_eq!(r.resolve("New York", ""), Ok(Resolved::ByNameOnly(ny)));
        assert_eq!(r.resolve("Santa Fe", "argentina"), Ok(Resolved::Exact(sf1)));
        assert_eq!(
            r.resolve("Santa Fe", ""),
            Err(Unresolved::Ambiguous(vec![sf1, sf2]))
        );
        assert_eq!(
            r.resolve("Medellin", "Colombia"),
            Ok(Resolved::IgnoringAccents(med))
        );
        assert_eq!(r.resolve("Medellin", "Spain"), Err(Unresolved::Unknown));
        assert_eq!(r.resolve("Atlantis", ""), Err(Unresolved::Unknown));
    }

    #[test]
    fn merges_unambiguous_variants_only() {
        let mut r = Registry::default();
        let a = r.insert(city("Medellin", "Colombia"));
        let b = r.insert(city("Medellín", "Colombia"));
        let c = r.insert(city("Accra", ""));
        let d = r.insert(city("Accra", "Ghana"));
        let e = r.insert(city("Santa Fe", ""));
        r.insert(city("Santa Fe", "Argentina"));
        r.insert(city("Santa Fe", "United States"));
        let f = r.insert(city("Séte", "France"));
        let g = r.insert(city("Sète", "France"));
        let (t, notes) = r.merge_variants();
        assert_eq!(t[a as usize], b);
        assert_eq!(t[b as usize], b);
        assert_eq!(t[c as usize], d);
        assert_eq!(t[e as usize], e);
        assert_eq!(t[f as usize], f);
        assert_eq!(t[g as usize], g);
        assert!(notes
            .iter()
            .any(|n| n.contains("Santa Fe") && n.contains("kept apart")));
        assert!(notes
            .iter()
            .any(|n| n.contains("Sète") && n.contains("kept apart")));
    }
}
