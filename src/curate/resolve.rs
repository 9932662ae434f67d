//! Resolution of a city name as listed in a source to exactly one GeoNames entry.
//!
//! # Rules (applied in this order)
//!
//! Names and countries are compared after `norm` (accents, case,
//! punctuation ignored). A listed country is first mapped to a GeoNames country name with
//! [`Gazetteer::canon_country`]; a listed country that cannot be mapped sends the row to
//! review.
//!
//! 1. **Withheld.** A (name, country) in the reviewed table `withheld.csv` goes to review
//!    with the reason given there (used where the only gazetteer match is known to be a
//!    different place; it never places a city, it only keeps one out).
//! 2. **Alias with a country.** An entry of the reviewed alias table `aliases.csv` whose
//!    `alias` equals the listed name and whose `country_if_any` equals the listed country
//!    resolves the row to its `geonameid`, whatever the GeoNames country of that id (used
//!    for San Juan listed as "United States" = GeoNames San Juan, Puerto Rico).
//! 3. **Candidates.** The GeoNames entries whose name equals the listed name, plus the
//!    targets of aliases without a country (`country_if_any` empty) whose alias equals
//!    the listed name. Such an alias adds a candidate; it does not override homonyms.
//! 4. **Country filter.** Where the source gives a country, only candidates in that
//!    GeoNames country remain; where it gives a US state code ("Alameda (CA)" in 100RC
//!    cohort 1), only candidates in the United States with that `admin1code` remain.
//! 5. **Decision.** No candidate: *unmatched* → review. One candidate: resolved. Two or
//!    more: ranked by population (ties by geonameid); the row is *ambiguous* → review when
//!    the runner-up's population is more than [`AMBIGUITY_RATIO_PERCENT`] % of the
//!    leader's (i.e. the leader is less than five times as populous), otherwise resolved to
//!    the leader. 20 % resolves Portland (10.2 %), Athens (19.2 %) and Manchester (19.4 %)
//!    to the far larger city, and keeps Santa Fe (22.4 %) in review: UNESCO's Santa Fe is
//!    the smaller one (New Mexico), which is why the threshold may not be higher.
//!
//! Rows of different sources are resolved independently: a row without a country never
//! borrows the country of a row of another list (the UNESCO "Santa Fe" and the 100RC
//! "Santa Fe, Argentina" need not be the same city).

use super::gazetteer::Gazetteer;
use super::util::{col, read_csv_str};
use crate::model::identity::gazetteer::norm;
use crate::model::identity::gazetteer::{decide, Decision};
use anyhow::{bail, Result};
use std::path::Path;

/// The reviewed alias table (`alias,country_if_any,geonameid,note`).
pub const ALIASES_CSV: &str = include_str!("aliases.csv");
/// The reviewed table of names kept out although a gazetteer entry matches.
pub const WITHHELD_CSV: &str = include_str!("withheld.csv");

use crate::model::identity::gazetteer::AMBIGUITY_RATIO_PERCENT;

/// One row of the alias table.
#[derive(Debug, Clone)]
pub struct Alias {
    pub alias: String,
    pub country_if_any: String,
    pub geonameid: u64,
    pub note: String,
}

/// A city as listed in a source.
#[derive(Debug, Clone, Copy)]
pub struct Listing<'a> {
    /// Name as the source writes it.
    pub name: &'a str,
    /// Country as the source writes it ("" when not given).
    pub country: &'a str,
    /// US state code given by the source (100RC cohort 1), if any.
    pub us_state: Option<&'a str>,
}

/// How a listing was resolved (or why not).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Resolved to one GeoNames id, with the rule that did it.
    Resolved { geonameid: u64, rule: String },
    /// Sent to review, with the reason and the candidate GeoNames ids considered.
    Review {
        reason: String,
        candidates: Vec<u64>,
    },
}

impl Outcome {
    /// The GeoNames id if resolved.
    pub fn geonameid(&self) -> Option<u64> {
        match self {
            Outcome::Resolved { geonameid, .. } => Some(*geonameid),
            Outcome::Review { .. } => None,
        }
    }
}

/// The resolver: gazetteer plus the reviewed alias and withheld tables.
#[derive(Debug)]
pub struct Resolver {
    pub gaz: Gazetteer,
    pub aliases: Vec<Alias>,
    withheld: Vec<(String, String, String)>,
}

impl Resolver {
    /// Load the gazetteer below `shared_data` and the embedded reviewed tables; every
    /// alias must point to an id present in the gazetteer.
    pub fn load(shared_data: &Path) -> Result<Self> {
        let gaz = Gazetteer::load(shared_data)?;
        let (h, rows) = read_csv_str(ALIASES_CSV, "aliases.csv")?;
        let w = "aliases.csv";
        let (ai, ci, gi, ni) = (
            col(&h, "alias", w)?,
            col(&h, "country_if_any", w)?,
            col(&h, "geonameid", w)?,
            col(&h, "note", w)?,
        );
        let mut aliases = Vec::new();
        for r in &rows {
            let id: u64 = r[gi].parse()?;
            if gaz.get(id).is_none() {
                bail!("aliases.csv: geonameid {id} ({}) not in gazetteer", &r[ai]);
            }
            if !r[ci].is_empty() && gaz.canon_country(&r[ci]).is_none() {
                bail!("aliases.csv: country {:?} unknown", &r[ci]);
            }
            aliases.push(Alias {
                alias: r[ai].to_string(),
                country_if_any: r[ci].to_string(),
                geonameid: id,
                note: r[ni].to_string(),
            });
        }
        let (h, rows) = read_csv_str(WITHHELD_CSV, "withheld.csv")?;
        let w = "withheld.csv";
        let (ni, ci, ri) = (
            col(&h, "name", w)?,
            col(&h, "country_if_any", w)?,
            col(&h, "reason", w)?,
        );
        let withheld = rows
            .iter()
            .map(|r| (r[ni].to_string(), r[ci].to_string(), r[ri].to_string()))
            .collect();
        Ok(Resolver {
            gaz,
            aliases,
            withheld,
        })
    }

    /// Canonical country of a listing (United States when a state code is given).
    fn listed_country(&self, l: &Listing) -> Result<Option<String>, String> {
        if l.us_state.is_some() && l.country.trim().is_empty() {
            return Ok(Some("United States".to_string()));
        }
        if l.country.trim().is_empty() {
            return Ok(None);
        }
        match self.gaz.canon_country(l.country) {
            Some(c) => Ok(Some(c.to_string())),
            None => Err(format!("country as listed {:?} not recognised", l.country)),
        }
    }

    /// Resolve one listing by the rules of this module.
    pub fn resolve(&self, l: &Listing) -> Outcome {
        let n = norm(l.name);
        let country = match self.listed_country(l) {
            Ok(c) => c,
            Err(reason) => {
                return Outcome::Review {
                    reason: format!("unmatched: {reason}"),
                    candidates: vec![],
                }
            }
        };
        let same_country = |c: &str| -> bool {
            match (&country, self.gaz.canon_country(c)) {
                (None, _) => c.is_empty(),
                (Some(a), Some(b)) => a == b,
                (Some(_), None) => false,
            }
        };
        let by_name = self.named(l.name, &n);

        // 1. withheld
        for (name, c, reason) in &self.withheld {
            if norm(name) == n && (c.is_empty() || same_country(c)) {
                return Outcome::Review {
                    reason: reason.clone(),
                    candidates: by_name,
                };
            }
        }
        // 2. alias with a country
        if country.is_some() {
            for a in &self.aliases {
                if !a.country_if_any.is_empty()
                    && norm(&a.alias) == n
                    && same_country(&a.country_if_any)
                {
                    return Outcome::Resolved {
                        geonameid: a.geonameid,
                        rule: format!("alias ({} = geonameid {})", a.alias, a.geonameid),
                    };
                }
            }
        }
        // 3. + 4. candidates filtered by country / state
        let cands: Vec<u64> = by_name
            .iter()
            .copied()
            .filter(|&id| {
                let c = self.gaz.get(id).expect("id from gazetteer");
                match (&country, l.us_state) {
                    (None, _) => true,
                    (Some(k), None) => &c.country == k,
                    (Some(k), Some(st)) => &c.country == k && c.admin1 == st,
                }
            })
            .collect();
        let scope = match (&country, l.us_state) {
            (None, _) => "no country given".to_string(),
            (Some(k), None) => format!("country {k}"),
            (Some(k), Some(st)) => format!("{k}, state {st}"),
        };
        // 5. decision
        self.decision(&n, by_name, cands, &scope)
    }

    /// The GeoNames entries of this name and the targets of country-less aliases of it, ranked
    /// (shown in review rows whatever the decision).
    fn named(&self, name: &str, n: &str) -> Vec<u64> {
        let mut by_name: Vec<u64> = self
            .gaz
            .by_name(name)
            .iter()
            .map(|&i| self.gaz.cities[i].geonameid)
            .collect();
        for a in &self.aliases {
            if norm(&a.alias) == n && a.country_if_any.is_empty() && !by_name.contains(&a.geonameid)
            {
                by_name.push(a.geonameid);
            }
        }
        self.rank(&mut by_name);
        by_name
    }

    /// Whether `id` is the target of a country-less alias of the normalised name `n`.
    fn via_alias(&self, id: u64, n: &str) -> bool {
        self.aliases
            .iter()
            .any(|a| a.geonameid == id && a.country_if_any.is_empty() && norm(&a.alias) == n)
    }

    /// Rule 5: the outcome for the candidates left after the country filter.
    fn decision(&self, n: &str, by_name: Vec<u64>, cands: Vec<u64>, scope: &str) -> Outcome {
        match cands.len() {
            0 => Outcome::Review {
                reason: if by_name.is_empty() {
                    format!("unmatched: no GeoNames entry (cities15000) or alias for this name ({scope})")
                } else {
                    format!("unmatched: GeoNames entries with this name exist, none in the listed {scope}")
                },
                candidates: by_name,
            },
            1 => Outcome::Resolved {
                geonameid: cands[0],
                rule: format!(
                    "{} ({scope}): only candidate",
                    if self.via_alias(cands[0], n) {
                        "alias"
                    } else {
                        "exact name"
                    }
                ),
            },
            _ => {
                let pop = |id| self.gaz.get(id).map_or(0, |c| c.population);
                match decide(&[pop(cands[0]), pop(cands[1])]) {
                    Decision::Ambiguous(pct) => Outcome::Review {
                        reason: format!(
                            "ambiguous ({scope}): {} candidates; runner-up has {pct:.1}% of the leader's population (> {}%)",
                            cands.len(),
                            AMBIGUITY_RATIO_PERCENT
                        ),
                        candidates: cands,
                    },
                    d => Outcome::Resolved {
                        geonameid: cands[0],
                        rule: format!(
                            "{} ({scope}): most populous of {} candidates, runner-up has {:.1}% of its population (<= {}%)",
                            if self.via_alias(cands[0], n) { "alias" } else { "exact name" },
                            cands.len(),
                            if let Decision::Leader(p) = d { p } else { 0.0 },
                            AMBIGUITY_RATIO_PERCENT
                        ),
                    },
                }
            }
        }
    }

    /// Sort ids by population (descending), then geonameid (ascending).
    fn rank(&self, ids: &mut [u64]) {
        ids.sort_by(|a, b| {
            let pa = self.gaz.get(*a).map(|c| c.population).unwrap_or(0);
            let pb = self.gaz.get(*b).map(|c| c.population).unwrap_or(0);
            pb.cmp(&pa).then(a.cmp(b))
        });
    }

    /// Describe candidates as `geonameid|name|country|admin1|population` joined by `; `.
    pub fn describe(&self, ids: &[u64]) -> String {
        ids.iter()
            .filter_map(|id| self.gaz.get(*id))
            .map(|c| {
                format!(
                    "{}|{}|{}|{}|{}",
                    c.geonameid, c.name, c.country, c.admin1, c.population
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// US state code in a 100RC cohort-1 `source_note` (`written as "Alameda (CA)"`), if any.
pub fn us_state_from_note(note: &str) -> Option<&str> {
    let start = note.find("written as \"")? + "written as \"".len();
    let rest = &note[start..];
    let end = rest.find('"')?;
    let written = &rest[..end];
    let open = written.rfind(" (")?;
    let code = written[open + 2..].strip_suffix(')')?;
    (code.len() == 2 && code.chars().all(|c| c.is_ascii_uppercase())).then_some(code)
}

#[cfg(test)]
mod tests {
    use super::us_state_from_note;

    #[test]
    fn state_code() {
        assert_eq!(
            us_state_from_note("cohort 1 (2013); written as \"Alameda (CA)\" - country"),
            Some("CA")
        );
        assert_eq!(us_state_from_note("cohort 2 (2014); source"), None);
    }
}
