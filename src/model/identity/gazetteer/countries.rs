//! One vocabulary of countries: every way a spreadsheet writes a country maps to one country.
//!
//! **Table.** GeoNames' country list (`data/gazetteer/countries.csv`: ISO 3166 alpha-2,
//! alpha-3, English name, continent; GeoNames, CC BY 4.0) plus a reviewed table of other
//! written forms (`data/gazetteer/country_aliases.csv`: `USA`, `United States of America`,
//! `UK`, `Great Britain`, `Türkiye`, `Czech Republic`, ISO 3166 long forms such as
//! `Korea, Republic of`, native names such as `Deutschland`...). Both are compiled in.
//!
//! **Rule.** A written country is looked up by its [`norm`] key (accents, case and
//! punctuation ignored) among the alpha-2 codes, alpha-3 codes, GeoNames names and the
//! reviewed forms; the first three never disagree, and a reviewed form that would point
//! elsewhere is refused when the table is read (a unit test checks the shipped table).
//!
//! **Display.** A recognised country is shown by its GeoNames English name ("United
//! States", "United Kingdom", "The Netherlands", "Czechia", "Turkey", "South Korea"): the
//! name the bundled networks and the gazetteer use, so geocoded and listed countries agree.
//! An unrecognised country is kept as written (the caller warns).

use super::norm;
use std::collections::HashMap;
use std::sync::OnceLock;

/// GeoNames' country list, as shipped.
pub const COUNTRIES_CSV: &str = include_str!("../../../../data/gazetteer/countries.csv");
/// The reviewed written forms (`written,iso,note`), as shipped.
pub const COUNTRY_ALIASES_CSV: &str =
    include_str!("../../../../data/gazetteer/country_aliases.csv");

/// One country of the vocabulary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code (GeoNames `iso`), e.g. `FR`.
    pub iso2: String,
    /// ISO 3166-1 alpha-3 code, e.g. `FRA`.
    pub iso3: String,
    /// GeoNames English name, the form citynet displays, e.g. `France`.
    pub name: String,
    /// GeoNames continent code (`EU`, `AS`, `AF`, `NA`, `SA`, `OC`, `AN`).
    pub continent: String,
}

/// The vocabulary: countries and every written form that names one.
#[derive(Debug, Default)]
pub struct Countries {
    list: Vec<Country>,
    by_key: HashMap<String, usize>,
    by_iso2: HashMap<String, usize>,
}

fn records(text: &str, what: &str) -> Result<(Vec<String>, Vec<Vec<String>>), String> {
    let mut rdr = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header = rdr
        .headers()
        .map_err(|e| format!("{what}: {e}"))?
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mut rows = vec![];
    for r in rdr.records() {
        let r = r.map_err(|e| format!("{what}: {e}"))?;
        rows.push(r.iter().map(|s| s.trim().to_string()).collect());
    }
    Ok((header, rows))
}

fn column(header: &[String], name: &str, what: &str) -> Result<usize, String> {
    header
        .iter()
        .position(|h| h == name)
        .ok_or_else(|| format!("{what}: no column {name}"))
}

impl Countries {
    /// Reads the two tables (see the module documentation for their columns).
    pub fn parse(countries_csv: &str, aliases_csv: &str) -> Result<Countries, String> {
        let (h, rows) = records(countries_csv, "countries.csv")?;
        let w = "countries.csv";
        let (ci2, ci3, cn, cc) = (
            column(&h, "iso", w)?,
            column(&h, "iso3", w)?,
            column(&h, "name", w)?,
            column(&h, "continent", w)?,
        );
        let mut c = Countries::default();
        for r in &rows {
            let i = c.list.len();
            c.list.push(Country {
                iso2: r[ci2].clone(),
                iso3: r[ci3].clone(),
                name: r[cn].clone(),
                continent: r[cc].clone(),
            });
            c.by_iso2.insert(r[ci2].clone(), i);
            for k in [&r[ci2], &r[ci3], &r[cn]] {
                if let Some(j) = c.by_key.insert(norm(k), i) {
                    if j != i {
                        return Err(format!("{w}: {k:?} names two countries"));
                    }
                }
            }
        }
        let (h, rows) = records(aliases_csv, "country_aliases.csv")?;
        let w = "country_aliases.csv";
        let (cw, ci) = (column(&h, "written", w)?, column(&h, "iso", w)?);
        for r in &rows {
            let Some(&i) = c.by_iso2.get(&r[ci]) else {
                return Err(format!("{w}: {:?} is not a GeoNames country code", r[ci]));
            };
            let k = norm(&r[cw]);
            match c.by_key.insert(k, i) {
                Some(j) if j != i => {
                    return Err(format!(
                        "{w}: {:?} already names {}, not {}",
                        r[cw], c.list[j].name, c.list[i].name
                    ))
                }
                _ => {}
            }
        }
        Ok(c)
    }

    /// The vocabulary shipped with citynet (parsed once).
    pub fn bundled() -> &'static Countries {
        static C: OnceLock<Countries> = OnceLock::new();
        C.get_or_init(|| {
            Countries::parse(COUNTRIES_CSV, COUNTRY_ALIASES_CSV)
                .expect("the shipped country tables are checked by unit tests")
        })
    }

    /// The country a written form names, if any.
    pub fn lookup(&self, written: &str) -> Option<&Country> {
        let k = norm(written);
        if k.is_empty() {
            return None;
        }
        self.by_key.get(&k).map(|&i| &self.list[i])
    }

    /// The country of an ISO 3166 alpha-2 code (exact, upper case).
    pub fn by_iso2(&self, iso2: &str) -> Option<&Country> {
        self.by_iso2.get(iso2).map(|&i| &self.list[i])
    }

    /// Every country, in GeoNames order (by alpha-2 code).
    pub fn all(&self) -> &[Country] {
        &self.list
    }
}

/// A country as a spreadsheet writes it, mapped to the vocabulary: the display form (the
/// GeoNames name when recognised, else the written form with white space folded) and whether
/// it was recognised. Empty stays empty (and counts as recognised: nothing to warn about).
pub fn canonical(written: &str) -> (String, bool) {
    let shown = crate::model::identity::name_key::display(written);
    if shown.is_empty() {
        return (shown, true);
    }
    match Countries::bundled().lookup(&shown) {
        Some(c) => (c.name.clone(), true),
        None => (shown, false),
    }
}

/// Tally of countries that were not recognised, for one warning: written form → (rows, first
/// lines).
#[derive(Debug, Default)]
pub struct Unknown {
    seen: std::collections::BTreeMap<String, (usize, Vec<u64>)>,
}

impl Unknown {
    /// Records an unrecognised country on `line` (0: no line, e.g. a graph file's node).
    pub fn add(&mut self, written: &str, line: u64) {
        let e = self.seen.entry(written.to_string()).or_default();
        // A row split into several (one-cell program lists) is one row of the file.
        if line > 0 && e.1.last() == Some(&line) {
            return;
        }
        e.0 += 1;
        if e.1.len() < 3 {
            e.1.push(line);
        }
    }

    /// The warning text, if any country was unrecognised.
    pub fn message(&self) -> Option<String> {
        if self.seen.is_empty() {
            return None;
        }
        let list: Vec<String> = self
            .seen
            .iter()
            .take(20)
            .map(|(w, (n, lines))| {
                let l: Vec<String> = lines
                    .iter()
                    .filter(|&&l| l > 0)
                    .map(|l| l.to_string())
                    .collect();
                if l.is_empty() {
                    format!("\"{w}\" ({n} row(s))")
                } else {
                    format!("\"{w}\" ({n} row(s), line {})", l.join(", "))
                }
            })
            .collect();
        let more = self.seen.len().saturating_sub(20);
        Some(format!(
            "{} countr{} not recognised (not an ISO 3166 code, a GeoNames country name or a known form), kept as written: {}{}",
            self.seen.len(),
            if self.seen.len() == 1 { "y" } else { "ies" },
            list.join("; "),
            if more > 0 { format!("; and {more} more") } else { String::new() }
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_tables_parse_and_agree() {
        let c = Countries::parse(COUNTRIES_CSV, COUNTRY_ALIASES_CSV).unwrap();
        assert!(c.all().len() > 240);
    }

    #[test]
    fn three_ways_of_writing_one_country() {
        let c = Countries::bundled();
        for w in ["FR", "FRA", "France", "france", " FRANCE ", "fr"] {
            assert_eq!(c.lookup(w).map(|c| c.name.as_str()), Some("France"), "{w}");
        }
        let us = [
            "US",
            "USA",
            "United States",
            "United States of America",
            "U.S.A.",
        ];
        for w in us {
            assert_eq!(c.lookup(w).unwrap().iso2, "US", "{w}");
        }
        for w in ["UK", "GB", "GBR", "Great Britain", "United Kingdom"] {
            assert_eq!(c.lookup(w).unwrap().name, "United Kingdom", "{w}");
        }
        for w in ["Türkiye", "Turkiye", "Turkey", "TUR"] {
            assert_eq!(c.lookup(w).unwrap().name, "Turkey", "{w}");
        }
        for w in ["Czechia", "Czech Republic", "CZE"] {
            assert_eq!(c.lookup(w).unwrap().name, "Czechia", "{w}");
        }
        assert_eq!(c.lookup("Netherlands").unwrap().name, "The Netherlands");
        assert_eq!(c.lookup("Korea, Republic of").unwrap().iso2, "KR");
        assert_eq!(c.lookup("Côte d'Ivoire").unwrap().iso2, "CI");
        assert!(c.lookup("Atlantis").is_none());
        assert!(c.lookup("").is_none());
    }

    #[test]
    fn a_form_naming_two_countries_is_refused() {
        let countries = "iso,iso3,name,continent\nFR,FRA,France,EU\nDE,DEU,Germany,EU\n";
        let e = Countries::parse(countries, "written,iso,note\nFRA,DE,wrong\n").unwrap_err();
        assert!(e.contains("already names France"), "{e}");
        let e = Countries::parse(countries, "written,iso,note\nX,ZZ,\n").unwrap_err();
        assert!(e.contains("not a GeoNames country code"), "{e}");
    }

    #[test]
    fn canonical_form_and_unknown_warning() {
        assert_eq!(canonical(" fra "), ("France".to_string(), true));
        assert_eq!(canonical("Freedonia "), ("Freedonia".to_string(), false));
        assert_eq!(canonical(""), (String::new(), true));
        let mut u = Unknown::default();
        u.add("Freedonia", 3);
        u.add("Freedonia", 9);
        let m = u.message().unwrap();
        assert!(m.contains("\"Freedonia\" (2 row(s), line 3, 9)"), "{m}");
    }
}
