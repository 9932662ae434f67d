//! The GeoNames gazetteer (cities15000 + countries) and country-name canonicalisation.

use super::util::{col, read_csv, read_csv_str};
use crate::model::identity::gazetteer::countries::Countries;
use crate::model::identity::gazetteer::norm;
use anyhow::{bail, Context, Result};
use std::collections::HashMap;
use std::path::Path;

/// The reviewed table of country names as written in the sources → GeoNames country name.
pub const COUNTRY_NAMES_CSV: &str = include_str!("country_names.csv");

/// One GeoNames entry of `geonames_cities15000.csv`.
#[derive(Debug, Clone)]
pub struct GeoCity {
    pub geonameid: u64,
    pub name: String,
    pub country_code: String,
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    pub population: u64,
    pub admin1: String,
}

/// The gazetteer: cities indexed by normalised name and by id, and the countries.
#[derive(Debug)]
pub struct Gazetteer {
    pub cities: Vec<GeoCity>,
    by_norm: HashMap<String, Vec<usize>>,
    by_id: HashMap<u64, usize>,
    /// GeoNames country name → continent name.
    continent: HashMap<String, String>,
    /// normalised written form → GeoNames country name (the reviewed table).
    country_alias: HashMap<String, String>,
}

/// Continent name for a GeoNames continent code.
pub fn continent_name(code: &str) -> &'static str {
    match code {
        "AF" => "Africa",
        "AS" => "Asia",
        "EU" => "Europe",
        "NA" => "North America",
        "OC" => "Oceania",
        "SA" => "South America",
        "AN" => "Antarctica",
        _ => "",
    }
}

impl Gazetteer {
    /// Load `gazetteer/geonames_cities15000.csv` and `gazetteer/geonames_countries.csv`
    /// below `shared_data`, plus the embedded reviewed country-name table.
    pub fn load(shared_data: &Path) -> Result<Self> {
        let p = shared_data.join("gazetteer/geonames_cities15000.csv");
        let what = p.display().to_string();
        let (h, rows) = read_csv(&p)?;
        let (ci, cn, ccc, cc, cla, clo, cpop, ca1) = (
            col(&h, "geonameid", &what)?,
            col(&h, "name", &what)?,
            col(&h, "country_code", &what)?,
            col(&h, "country", &what)?,
            col(&h, "latitude", &what)?,
            col(&h, "longitude", &what)?,
            col(&h, "population", &what)?,
            col(&h, "admin1code", &what)?,
        );
        let mut cities = Vec::with_capacity(rows.len());
        for r in &rows {
            let pop = r[cpop].trim();
            cities.push(GeoCity {
                geonameid: r[ci]
                    .parse()
                    .with_context(|| format!("geonameid {:?}", &r[ci]))?,
                name: r[cn].to_string(),
                country_code: r[ccc].to_string(),
                country: r[cc].to_string(),
                lat: r[cla]
                    .parse()
                    .with_context(|| format!("latitude {:?}", &r[cla]))?,
                lon: r[clo]
                    .parse()
                    .with_context(|| format!("longitude {:?}", &r[clo]))?,
                population: if pop.is_empty() { 0 } else { pop.parse()? },
                admin1: r[ca1].to_string(),
            });
        }
        let mut by_norm: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_id = HashMap::new();
        for (i, c) in cities.iter().enumerate() {
            by_norm.entry(norm(&c.name)).or_default().push(i);
            if by_id.insert(c.geonameid, i).is_some() {
                bail!("duplicate geonameid {} in {what}", c.geonameid);
            }
        }

        let p = shared_data.join("gazetteer/geonames_countries.csv");
        let what = p.display().to_string();
        let (h, rows) = read_csv(&p)?;
        let (ni, ci) = (col(&h, "name", &what)?, col(&h, "continentcode", &what)?);
        let mut continent = HashMap::new();
        for r in &rows {
            let name = r[ni].trim().to_string();
            continent.insert(name, continent_name(r[ci].trim()).to_string());
        }

        let (h, rows) = read_csv_str(COUNTRY_NAMES_CSV, "country_names.csv")?;
        let (wi, gi) = (
            col(&h, "written", "country_names.csv")?,
            col(&h, "geonames_country", "country_names.csv")?,
        );
        let mut country_alias = HashMap::new();
        for r in &rows {
            if !continent.contains_key(&r[gi]) {
                bail!("country_names.csv: {:?} is not a GeoNames country", &r[gi]);
            }
            country_alias.insert(norm(&r[wi]), r[gi].to_string());
        }
        Ok(Gazetteer {
            cities,
            by_norm,
            by_id,
            continent,
            country_alias,
        })
    }

    /// Entries whose normalised name equals `norm(name)`.
    pub fn by_name(&self, name: &str) -> &[usize] {
        self.by_norm
            .get(&norm(name))
            .map(|v| v.as_slice())
            .unwrap_or(&[])
    }

    /// Entry by GeoNames id.
    pub fn get(&self, geonameid: u64) -> Option<&GeoCity> {
        self.by_id.get(&geonameid).map(|&i| &self.cities[i])
    }

    /// Continent name of a GeoNames country name ("" if unknown).
    pub fn region(&self, geonames_country: &str) -> &str {
        self.continent
            .get(geonames_country)
            .map(|s| s.as_str())
            .unwrap_or("")
    }

    /// Canonical GeoNames country name of a country as written in a source, if any.
    ///
    /// Rule: the whole string, after [`norm`], equal to a `written` entry of the reviewed
    /// table `country_names.csv`, or naming a country of citynet's country vocabulary
    /// ([`crate::model::identity::gazetteer::countries`]: GeoNames names, ISO codes, common forms). For strings with a
    /// comma (twinning data such as "England, United Kingdom", "Brandenburg, Germany",
    /// "Réunion, France") the same test is applied to the whole string, then to the part
    /// before the first comma, then to the part after the last comma.
    pub fn canon_country(&self, written: &str) -> Option<&str> {
        let one = |s: &str| -> Option<&str> {
            let n = norm(s);
            if n.is_empty() {
                return None;
            }
            self.country_alias
                .get(&n)
                .map(|s| s.as_str())
                .or_else(|| Countries::bundled().lookup(s).map(|c| c.name.as_str()))
                .filter(|c| self.continent.contains_key(*c))
        };
        if let Some(c) = one(written) {
            return Some(c);
        }
        if written.contains(',') {
            let first = written.split(',').next().unwrap_or("");
            let last = written.rsplit(',').next().unwrap_or("");
            return one(first).or_else(|| one(last));
        }
        None
    }
}
