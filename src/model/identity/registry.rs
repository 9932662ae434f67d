//! The city registry: interns cities by identity and resolves references to them.
//!
//! Rules (documented in the guide, docs/src/inputs.md, "City identity"):
//! 1. A declared alias replaces the name before anything else ("New York City" → "New York").
//! 2. Exact match on the normalised (name, country) key ([`super::name_key::key`]).
//! 3. A reference without a country matches the one city of that name; with several, it is
//!    ambiguous and the candidates are listed.
//! 4. Names that differ only by accents match when exactly one city fits; otherwise the
//!    candidates are listed and nothing is merged.

use super::name_key::{display, fold_key, folded, key};
use crate::model::dataset::City;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::rc::Rc;

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

/// Cities by a text key, each key's cities in insertion order. A key with one city (the
/// common case) costs a map entry of the shared key and a number; several go to a list.
#[derive(Debug, Default)]
struct IdSets {
    /// Key → its city, or (with [`MANY`] set) the index of its list in `lists`.
    map: FxHashMap<Rc<str>, u32>,
    lists: Vec<Vec<u32>>,
}

/// Marks an [`IdSets`] entry that is a list.
const MANY: u32 = 1 << 31;

impl IdSets {
    fn add(&mut self, k: Rc<str>, id: u32) {
        match self.map.get_mut(&*k) {
            Some(e) if *e & MANY != 0 => self.lists[(*e & !MANY) as usize].push(id),
            Some(e) => {
                self.lists.push(vec![*e, id]);
                *e = MANY | (self.lists.len() as u32 - 1);
            }
            None => {
                self.map.insert(k, id);
            }
        }
    }

    /// The cities under `k`, if any.
    fn get(&self, k: &str) -> Option<&[u32]> {
        self.map.get(k).map(|e| self.slice(e))
    }

    fn slice<'a>(&'a self, e: &'a u32) -> &'a [u32] {
        if *e & MANY != 0 {
            &self.lists[(*e & !MANY) as usize]
        } else {
            std::slice::from_ref(e)
        }
    }

    /// Every key with its cities.
    fn iter(&self) -> impl Iterator<Item = (&str, &[u32])> {
        self.map.iter().map(|(k, e)| (&**k, self.slice(e)))
    }
}

/// A reference `(name, country)` made ready for lookups: the name after aliases and the
/// comparison keys of both ([`key`]), computed once.
#[derive(Debug, Clone)]
pub struct Identity {
    /// The name after aliases, as shown ([`display`] form).
    pub name: String,
    name_key: String,
    country_key: String,
}

/// Cities by identity.
///
/// Each name key is held once; countries are small ids; the accent-folded map holds only the
/// names accents change (none in a plain-ASCII edge list). Maps use FxHash: keys are names
/// from the input, and the worst a crafted input can do is slow its own load.
#[derive(Debug, Default)]
pub struct Registry {
    pub cities: Vec<City>,
    /// Country key of each city, as an index into the keys of `countries`.
    country_of: Vec<u32>,
    /// Country keys ([`key`]) → small ids.
    countries: FxHashMap<Box<str>, u32>,
    /// Name key → the cities of that name (any country).
    by_name: IdSets,
    /// Accent-folded name key ([`folded`]) → the cities whose name key it is not (names with
    /// accents): a city whose name has no accent to fold is under its key in `by_name` only.
    /// [`Registry::accent_variants`] puts the two together.
    by_folded: IdSets,
    aliases: FxHashMap<String, String>,
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
        if self.aliases.is_empty() {
            return display(name);
        }
        self.aliases
            .get(&key(name))
            .cloned()
            .unwrap_or_else(|| display(name))
    }

    /// The identity of a reference `(name, country)`, for [`Registry::find`] and
    /// [`Registry::insert_identity`].
    pub fn identity(&self, name: &str, country: &str) -> Identity {
        let name = self.canonical_name(name);
        Identity {
            name_key: key(&name),
            country_key: key(country),
            name,
        }
    }

    /// Index of the city with exactly this identity.
    pub fn find(&self, id: &Identity) -> Option<u32> {
        self.find_keys(&id.name_key, &id.country_key)
    }

    fn find_keys(&self, name_key: &str, country_key: &str) -> Option<u32> {
        let &c = self.countries.get(country_key)?;
        self.by_name
            .get(name_key)?
            .iter()
            .copied()
            .find(|&i| self.country_of[i as usize] == c)
    }

    /// Index of the city with exactly this identity (after aliases).
    pub fn get_exact(&self, name: &str, country: &str) -> Option<u32> {
        self.find(&self.identity(name, country))
    }

    /// Adds a city (its identity must be new); returns its index.
    pub fn insert(&mut self, city: City) -> u32 {
        let country = display(&city.country);
        let id = self.identity(&city.name, &country);
        self.insert_identity(id, city)
    }

    /// [`Registry::insert`] for a city whose identity `id` is computed already (from its name
    /// and country): the city gets `id`'s name and its country's display form.
    pub fn insert_identity(&mut self, id: Identity, mut city: City) -> u32 {
        city.name = id.name;
        city.country = display(&city.country);
        let index = self.cities.len() as u32;
        let n_countries = self.countries.len() as u32;
        let c = *self
            .countries
            .entry(id.country_key.into_boxed_str())
            .or_insert(n_countries);
        let folded_key = fold_key(&id.name_key);
        if folded_key != id.name_key {
            self.by_folded.add(folded_key.into(), index);
        }
        self.by_name.add(id.name_key.into(), index);
        self.country_of.push(c);
        self.cities.push(city);
        index
    }

    /// Resolves a reference `(name, country)` to a known city, following the rules above.
    pub fn resolve(&self, name: &str, country: &str) -> Result<Resolved, Unresolved> {
        let Identity {
            name,
            name_key: nk,
            country_key: ck,
        } = self.identity(name, country);
        if let Some(i) = self.find_keys(&nk, &ck) {
            return Ok(Resolved::Exact(i));
        }
        if ck.is_empty() {
            if let Some(c) = self.by_name.get(&nk) {
                return match c {
                    [one] => Ok(Resolved::ByNameOnly(*one)),
                    many => Err(Unresolved::Ambiguous(many.to_vec())),
                };
            }
        }
        let country = self.countries.get(ck.as_str()).copied();
        let candidates: Vec<u32> = self
            .accent_variants(&folded(&name))
            .into_iter()
            .filter(|&i| ck.is_empty() || Some(self.country_of[i as usize]) == country)
            .collect();
        match candidates.as_slice() {
            [] => Err(Unresolved::Unknown),
            [one] => Ok(Resolved::IgnoringAccents(*one)),
            many => Err(Unresolved::Ambiguous(many.to_vec())),
        }
    }

    /// The cities whose accent-folded name is `f` (a [`folded`] key), in insertion order:
    /// those written without accents (name key `f`) and those with.
    fn accent_variants(&self, f: &str) -> Vec<u32> {
        let mut v: Vec<u32> = self.by_name.get(f).unwrap_or(&[]).to_vec();
        if let Some(accented) = self.by_folded.get(f) {
            v.extend_from_slice(accented);
            v.sort_unstable();
        }
        v
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
    /// spellings are the same city ([`VariantMerges`]).
    ///
    /// - Spellings that differ only by accents, with the same country, merge when at most one
    ///   of them carries accents (the name shown is decided later, by frequency: see
    ///   [`super::row_cities`]); with two or more accented spellings they stay apart and a
    ///   warning lists them.
    /// - A city without a country joins the one city of the same name (or accent-folded
    ///   name) that has a country only when `near(without, with)` says they are the same place
    ///   ([`Nearness::Within`]: their positions agree); otherwise both stay and are listed in
    ///   [`VariantMerges::apart`]. With several such cities it stays apart and a warning lists
    ///   them.
    pub fn merge_variants(&self, near: &mut dyn FnMut(u32, u32) -> Nearness) -> VariantMerges {
        let n = self.cities.len();
        let mut out = VariantMerges {
            target: (0..n as u32).collect(),
            ..Default::default()
        };
        for ids in self.variant_groups().values() {
            self.merge_accents(ids, &mut out);
            self.merge_countryless(ids, near, &mut out);
        }
        // Chains (a city merged into one that merged further) point at the last.
        let target = &mut out.target;
        for i in 0..n {
            let mut t = target[i];
            while target[t as usize] != t {
                t = target[t as usize];
            }
            target[i] = t;
        }
        out
    }

    /// Cities that share a name, or a name once accents are folded, by folded name
    /// (deterministic order).
    fn variant_groups(&self) -> BTreeMap<&str, Vec<u32>> {
        let mut groups: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
        for (f, _) in self.by_folded.iter() {
            let ids = self.accent_variants(f);
            if ids.len() > 1 {
                groups.insert(f, ids);
            }
        }
        // Names without accents shared by several cities (countries).
        for (k, ids) in self.by_name.iter() {
            if ids.len() > 1 && !groups.contains_key(k) && fold_key(k) == k {
                groups.insert(k, ids.to_vec());
            }
        }
        groups
    }

    /// Accent variants within one country (see [`Registry::merge_variants`]).
    fn merge_accents(&self, ids: &[u32], out: &mut VariantMerges) {
        let mut by_country: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for &i in ids {
            by_country
                .entry(key(&self.cities[i as usize].country))
                .or_default()
                .push(i);
        }
        for members in by_country.values().filter(|m| m.len() > 1) {
            let accented: Vec<u32> = members
                .iter()
                .copied()
                .filter(|&i| {
                    let nm = &self.cities[i as usize].name;
                    key(nm) != folded(nm)
                })
                .collect();
            if accented.len() > 1 {
                out.notes.push(format!(
                    "cities whose names differ only by accents kept apart (more than one \
                     accented spelling, so it is ambiguous): {}; declare aliases if they are one city",
                    self.describe(members)
                ));
                continue;
            }
            let into = accented.first().copied().unwrap_or(members[0]);
            for &i in members.iter().filter(|&&i| i != into) {
                out.target[i as usize] = into;
                out.notes.push(format!(
                    "{} and {} are one city: the names differ only by accents",
                    self.describe(&[into]),
                    self.describe(&[i])
                ));
                out.merged
                    .push((i, into, "the names differ only by accents".into()));
            }
        }
    }

    /// A city without a country joins the one city of its name with a country when `near`
    /// says so (see [`Registry::merge_variants`]).
    fn merge_countryless(
        &self,
        ids: &[u32],
        near: &mut dyn FnMut(u32, u32) -> Nearness,
        out: &mut VariantMerges,
    ) {
        let mut with_country: Vec<u32> = ids
            .iter()
            .copied()
            .filter(|&i| !self.cities[i as usize].country.is_empty())
            .map(|i| out.target[i as usize])
            .collect();
        with_country.sort_unstable();
        with_country.dedup();
        for &i in ids {
            if !self.cities[i as usize].country.is_empty() || out.target[i as usize] != i {
                continue;
            }
            let one = match with_country.as_slice() {
                [] => continue,
                [one] => *one,
                many => {
                    out.notes.push(format!(
                        "{} kept apart: it could be any of {}; give its country",
                        self.describe(&[i]),
                        self.describe(many)
                    ));
                    continue;
                }
            };
            match near(i, one) {
                Nearness::Within(km) => {
                    out.target[i as usize] = one;
                    out.notes.push(format!(
                        "{} merged into {}: the only city of that name with a country, {km:.1} km \
                         away",
                        self.describe(&[i]),
                        self.describe(&[one])
                    ));
                    out.merged.push((
                        i,
                        one,
                        format!(
                            "no country: the only city of that name with a country, {km:.1} km away"
                        ),
                    ));
                }
                far => {
                    let why = match far {
                        Nearness::Far(km) => format!("their positions are {km:.0} km apart"),
                        _ => "no position to compare (no coordinates and no unambiguous \
                              GeoNames place)"
                            .to_string(),
                    };
                    out.notes.push(format!(
                        "{} kept apart from {}: {why}; give its country if they are one place",
                        self.describe(&[i]),
                        self.describe(&[one])
                    ));
                    out.apart.push((i, one, why));
                }
            }
        }
    }
}

/// Whether two cities of one name are the same place, by their positions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Nearness {
    /// Their positions agree: this many km apart (within the limit).
    Within(f64),
    /// Their positions are this many km apart (beyond the limit).
    Far(f64),
    /// One of them has no position.
    Unknown,
}

/// What [`Registry::merge_variants`] decided.
#[derive(Debug, Default)]
pub struct VariantMerges {
    /// For every city, the index it merges into (itself when kept).
    pub target: Vec<u32>,
    /// A message per merge or per ambiguity left alone.
    pub notes: Vec<String>,
    /// `(merged, into, reason)` for each merge.
    pub merged: Vec<(u32, u32, String)>,
    /// `(without country, namesake with country, why)`: kept apart, both to review.
    pub apart: Vec<(u32, u32, String)>,
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
        let m = r.merge_variants(&mut |_, _| Nearness::Within(0.0));
        let (t, notes) = (m.target, m.notes);
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
