//! The twinning data (`sister_cities/twin_cities_geocoded.csv`), read once.

use super::util::{col, read_csv};
use anyhow::{Context, Result};
use std::collections::HashMap;
use std::path::Path;

/// One (city, country) node of the twinning data with its coordinates as given.
#[derive(Debug, Clone)]
pub struct TwinNode {
    pub name: String,
    pub country: String,
    /// Coordinates as written in the source.
    pub lat_s: String,
    pub lon_s: String,
    pub lat: f64,
    pub lon: f64,
}

/// Nodes (unique by citynet's city identity: (name, country) compared after trimming, NFC, s/t-comma = s/t-cedilla and
/// lower-casing, as [`crate::model::identity::name_key::key`] does) and undirected pairs (node indices).
#[derive(Debug)]
pub struct TwinData {
    pub nodes: Vec<TwinNode>,
    pub pairs: Vec<(usize, usize)>,
    /// Source rows read.
    pub rows: usize,
    /// Rows whose two ends are the same node (dropped).
    pub self_loops: usize,
    /// Rows repeating an earlier pair (dropped).
    pub duplicates: usize,
    /// Spellings merged into an earlier node of the same identity (e.g. "Saint-Cyr-Sur-Loire"
    /// into "Saint-Cyr-sur-Loire"), as (merged spelling, kept spelling, country).
    pub merged_spellings: Vec<(String, String, String)>,
}

impl TwinData {
    /// Load the file; a node's spelling and coordinates are those of its first occurrence
    /// (the source gives the same coordinates at every occurrence of a node). Spellings that
    /// citynet's loader would treat as one city (case, white space, Unicode form) are merged
    /// here, so the written network validates.
    pub fn load(shared_data: &Path) -> Result<Self> {
        let p = shared_data.join("sister_cities/twin_cities_geocoded.csv");
        let what = p.display().to_string();
        let (h, rows) = read_csv(&p)?;
        let c: Vec<usize> = [
            "city1", "country1", "lat1", "lng1", "city2", "country2", "lat2", "lng2",
        ]
        .iter()
        .map(|n| col(&h, n, &what))
        .collect::<Result<_>>()?;
        let mut nodes: Vec<TwinNode> = Vec::new();
        let mut index: HashMap<(String, String), usize> = HashMap::new();
        let mut merged_spellings = Vec::new();
        use crate::model::identity::name_key::key as id_key;
        let mut seen = std::collections::HashSet::new();
        let mut pairs = Vec::new();
        let (mut self_loops, mut duplicates) = (0, 0);
        for r in &rows {
            let mut ends = [0usize; 2];
            for (k, off) in [0usize, 4].into_iter().enumerate() {
                let key = (r[c[off]].to_string(), r[c[off + 1]].to_string());
                let ident = (id_key(&key.0), id_key(&key.1));
                let i = match index.get(&ident) {
                    Some(&i) => {
                        let kept = &nodes[i];
                        let spelling = (key.0.clone(), kept.name.clone(), key.1.clone());
                        if (&kept.name, &kept.country) != (&key.0, &key.1)
                            && !merged_spellings.contains(&spelling)
                        {
                            merged_spellings.push(spelling);
                        }
                        i
                    }
                    None => {
                        let lat_s = r[c[off + 2]].trim().to_string();
                        let lon_s = r[c[off + 3]].trim().to_string();
                        nodes.push(TwinNode {
                            name: key.0.clone(),
                            country: key.1.clone(),
                            lat: lat_s.parse().with_context(|| format!("lat {lat_s:?}"))?,
                            lon: lon_s.parse().with_context(|| format!("lon {lon_s:?}"))?,
                            lat_s,
                            lon_s,
                        });
                        index.insert(ident, nodes.len() - 1);
                        nodes.len() - 1
                    }
                };
                ends[k] = i;
            }
            if ends[0] == ends[1] {
                self_loops += 1;
                continue;
            }
            let key = (ends[0].min(ends[1]), ends[0].max(ends[1]));
            if !seen.insert(key) {
                duplicates += 1;
                continue;
            }
            pairs.push((ends[0], ends[1]));
        }
        Ok(TwinData {
            nodes,
            pairs,
            rows: rows.len(),
            self_loops,
            duplicates,
            merged_spellings,
        })
    }
}
