//! Structural zeros for SDSM-EC (`citynet backbone --eligible FILE`): which cities could have
//! joined which programs at all.
//!
//! The file is a CSV with a `program` column and a `country` and/or `region` column; each row
//! says that cities of that country (or whose `region` attribute is that region) may join the
//! program. A program with rows accepts only the cities its rows name; a program without rows
//! accepts every city. Countries are one vocabulary, as in membership tables
//! ([`countries::canonical`]): `FR`, `FRA` and `France` in the file all name the cities whose
//! country is France (however the input wrote it); a country the vocabulary does not know is
//! compared as written, ignoring case and spacing. Programs and regions are matched exactly
//! (after trimming).

use super::Dataset;
use crate::model::identity::gazetteer::countries;
use crate::model::identity::name_key::key;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Eligibility of cities for programs, grouped: cities with the same country and region form a
/// group, programs with the same accepted set share a rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Eligibility {
    /// Group of each city, `0..n_groups`.
    pub city_group: Vec<u32>,
    /// Rule of each program, an index into `rules`.
    pub program_rule: Vec<u32>,
    /// `rules[k][g]`: whether cities of group `g` may join programs under rule `k`.
    pub rules: Vec<Vec<bool>>,
    /// Description of the source, e.g. "eligible.csv (3 programs restricted)".
    pub source: String,
}

/// Reads an eligibility file for `ds`.
///
/// # Errors
/// A message naming the file, line and value: unreadable file, no `program` column, neither
/// `country` nor `region`, an unknown program, or a row naming no country or region.
pub fn read(path: &Path, ds: &Dataset) -> Result<Eligibility, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| format!("{}:1: cannot read the header: {e}", path.display()))?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let prog_col = col("program").or_else(|| col("network")).ok_or_else(|| {
        format!(
            "{}:1: no 'program' column (found: {}); expected program plus country and/or region",
            path.display(),
            headers.join(", ")
        )
    })?;
    let (country_col, region_col) = (col("country"), col("region"));
    if country_col.is_none() && region_col.is_none() {
        return Err(format!(
            "{}:1: no 'country' or 'region' column; expected program plus country and/or region",
            path.display()
        ));
    }
    let prog_index: BTreeMap<&str, usize> = ds
        .programs
        .iter()
        .enumerate()
        .map(|(i, p)| (p.name.as_str(), i))
        .collect();
    // program → (countries, regions) accepted
    let mut accepts: BTreeMap<usize, (BTreeSet<String>, BTreeSet<String>)> = BTreeMap::new();
    for (k, rec) in rdr.records().enumerate() {
        let line = k + 2;
        let rec = rec.map_err(|e| format!("{}:{line}: {e}", path.display()))?;
        let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("").trim().to_string();
        let prog = get(Some(prog_col));
        let &p = prog_index.get(prog.as_str()).ok_or_else(|| {
            format!(
                "{}:{line}, column {}: program {prog:?} is not in the input",
                path.display(),
                prog_col + 1
            )
        })?;
        let (c, r) = (get(country_col), get(region_col));
        if c.is_empty() && r.is_empty() {
            return Err(format!(
                "{}:{line}: the row names no country or region for program {prog:?}",
                path.display()
            ));
        }
        let e = accepts.entry(p).or_default();
        if !c.is_empty() {
            e.0.insert(country_key(&c));
        }
        if !r.is_empty() {
            e.1.insert(r);
        }
    }
    let region_of = |i: usize| {
        ds.cities[i]
            .attrs
            .get("region")
            .cloned()
            .unwrap_or_default()
    };
    let keys: BTreeSet<(String, String)> = (0..ds.cities.len())
        .map(|i| (ds.cities[i].country.clone(), region_of(i)))
        .collect();
    let keys: Vec<(String, String)> = keys.into_iter().collect();
    let city_group: Vec<u32> = (0..ds.cities.len())
        .map(|i| {
            let k = (ds.cities[i].country.clone(), region_of(i));
            keys.binary_search(&k).expect("present") as u32
        })
        .collect();
    let mut rules: Vec<Vec<bool>> = vec![vec![true; keys.len()]];
    let mut program_rule = vec![0u32; ds.programs.len()];
    let group_country: Vec<String> = keys.iter().map(|(c, _)| country_key(c)).collect();
    for (&p, (cs, rs)) in &accepts {
        let rule: Vec<bool> = keys
            .iter()
            .zip(&group_country)
            .map(|((_, r), c)| cs.contains(c) || (!r.is_empty() && rs.contains(r)))
            .collect();
        let k = match rules.iter().position(|x| *x == rule) {
            Some(k) => k,
            None => {
                rules.push(rule);
                rules.len() - 1
            }
        };
        program_rule[p] = k as u32;
    }
    contradictions(path, ds, &accepts, |m| {
        rules[program_rule[m.program as usize] as usize][city_group[m.city as usize] as usize]
    })?;
    Ok(Eligibility {
        city_group,
        program_rule,
        rules,
        source: format!(
            "{} ({} programs restricted)",
            path.file_name()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_default(),
            accepts.len()
        ),
    })
}

/// Refuses a file that closes a program to one of its own members (the null model would give
/// an observed membership probability 0), naming the first such membership, what the file
/// opens the program to, and how many memberships it contradicts.
fn contradictions(
    path: &Path,
    ds: &Dataset,
    accepts: &BTreeMap<usize, (BTreeSet<String>, BTreeSet<String>)>,
    allowed: impl Fn(&super::Membership) -> bool,
) -> Result<(), String> {
    let bad: Vec<&super::Membership> = ds.memberships.iter().filter(|m| !allowed(m)).collect();
    let Some(m) = bad.first() else {
        return Ok(());
    };
    let (city, program) = (
        &ds.cities[m.city as usize],
        &ds.programs[m.program as usize],
    );
    let open_to = accepts
        .get(&(m.program as usize))
        .map(|(cs, rs)| {
            // The countries as the input writes them (the file may use codes).
            let named: BTreeSet<&str> = (ds.cities.iter())
                .filter(|c| cs.contains(&country_key(&c.country)))
                .map(|c| c.country.as_str())
                .collect();
            let mut v: Vec<String> = named.iter().map(|c| c.to_string()).collect();
            v.extend(rs.iter().map(|r| format!("region {r}")));
            v.join(", ")
        })
        .unwrap_or_default();
    let more = match bad.len() {
        1 => String::new(),
        k => format!(" ({k} memberships of the input contradict the file in all)"),
    };
    Err(format!(
        "{}: {} ({}) is a member of {:?} in the input, but the file opens {:?} only to cities \
         of {open_to}{more}; add a row for {:?} (or its region) to the file, or correct the \
         membership",
        path.display(),
        city.name,
        city.country,
        program.name,
        program.name,
        city.country
    ))
}

/// How a country is compared: its name in the vocabulary (`FR`, `FRA`, `France` → `France`),
/// or as written when unknown, then case and spacing ignored.
fn country_key(written: &str) -> String {
    key(&countries::canonical(written).0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{City, InputKind, Program};

    fn dataset(countries: &[&str]) -> Dataset {
        let mut ds = Dataset::empty("t", InputKind::MembershipTable, Path::new("t.csv"));
        ds.cities = countries
            .iter()
            .enumerate()
            .map(|(i, c)| City {
                name: format!("city{i}"),
                country: c.to_string(),
                lat: None,
                lon: None,
                attrs: Default::default(),
            })
            .collect();
        ds.programs = ["A", "B"]
            .iter()
            .map(|p| Program {
                name: p.to_string(),
                attrs: Default::default(),
            })
            .collect();
        ds
    }

    fn eligibility(ds: &Dataset, rows: &str) -> Eligibility {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("eligible.csv");
        std::fs::write(&p, format!("program,country\n{rows}")).unwrap();
        read(&p, ds).unwrap()
    }

    #[test]
    fn a_file_closing_a_program_to_its_own_member_names_the_membership() {
        let mut ds = dataset(&["France", "Germany", "Germany"]);
        for (c, p) in [(0u32, 0u32), (1, 0), (2, 0), (0, 1)] {
            ds.memberships.push(crate::model::Membership {
                city: c,
                program: p,
                weight: 1.0,
                role: None,
                since: None,
                until: None,
                attrs: vec![],
            });
        }
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("eligible.csv");
        std::fs::write(&p, "program,country\nA,Germany\nB,France\n").unwrap();
        let e = read(&p, &ds).unwrap_err();
        assert!(
            e.contains("city0 (France) is a member of \"A\" in the input, but the file opens \"A\" only to cities of Germany")
                && e.contains("add a row for \"France\""),
            "{e}"
        );
        std::fs::write(&p, "program,country\nA,Germany\nB,Germany\n").unwrap();
        let e = read(&p, &ds).unwrap_err();
        assert!(
            e.contains("(2 memberships of the input contradict the file in all)"),
            "{e}"
        );
        std::fs::write(&p, "program,country\nA,Germany\nA,FR\n").unwrap();
        assert!(read(&p, &ds).is_ok());
    }

    /// Which programs each city may join, as (city, program) pairs.
    fn allowed(ds: &Dataset, e: &Eligibility) -> Vec<(usize, usize)> {
        let mut v = vec![];
        for c in 0..ds.cities.len() {
            for p in 0..ds.programs.len() {
                let rule = e.program_rule[p] as usize;
                if e.rules[rule][e.city_group[c] as usize] {
                    v.push((c, p));
                }
            }
        }
        v
    }

    #[test]
    fn countries_written_as_codes_or_names_are_one_country() {
        // The cities as a membership table gives them (GeoNames names) and as a network
        // folder may write them (codes, other forms).
        for cities in [
            &["France", "Germany", "France", "Turkey"][..],
            &["FR", "DEU", "France", "Türkiye"][..],
        ] {
            let ds = dataset(cities);
            let want = eligibility(&ds, "A,France\nA,Turkey\n");
            // Program A: the French and Turkish cities; B (no rows): every city.
            assert_eq!(
                allowed(&ds, &want),
                vec![(0, 0), (0, 1), (1, 1), (2, 0), (2, 1), (3, 0), (3, 1)],
                "{cities:?}"
            );
            for rows in [
                "A,FR\nA,TR\n",
                "A,FRA\nA,TUR\n",
                "A,france\nA,Türkiye\n",
                "A, France \nA,Republic of Türkiye\nA,FR\n",
            ] {
                let got = eligibility(&ds, rows);
                assert_eq!(got, want, "{cities:?} with {rows:?}");
            }
        }
        // A country the vocabulary does not know is compared as written (case aside).
        let ds = dataset(&["Atlantis", "France"]);
        let e = eligibility(&ds, "A,atlantis\n");
        assert_eq!(allowed(&ds, &e), vec![(0, 0), (0, 1), (1, 1)]);
    }
}
