//! The dataset stage and the loaded model.
//!
//! **Enters**: the cities as the identity stage left them ([`super::identity`]), the typed
//! membership and edge rows ([`super::rows`]). **Leaves**: a [`Dataset`] (cities, programs,
//! memberships, direct ties, plus graph views of it), with a programs table's attributes and
//! programs without members when one is given ([`program_table`]), cut by the filters the user asked for
//! ([`filters`], each step recorded by [`filter_step`]), and what is derived from one: the
//! network in a given year ([`time`]), city groups ([`groups`]), structural zeros ([`eligible`]),
//! membership-level columns ([`membership_attrs`]) and program names to review
//! ([`program_names`]).

pub mod assemble;
pub mod eligible;
pub mod filter_step;
pub mod filters;
pub mod groups;
pub mod membership_attrs;
pub mod program_names;
pub mod program_table;
pub mod time;

use crate::graph::{Csr, TwoMode};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// The kind of input, detected from the path and the header (or given with `--kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum InputKind {
    /// A folder with network.toml, cities.csv, programs.csv, memberships.csv, ties.csv.
    NetworkFolder,
    /// One CSV with a city and a program column: one row per membership.
    MembershipTable,
    /// One CSV with source and target columns: a one-mode graph.
    EdgeList,
    /// An incidence matrix: a city column (and optional country, lat, lon), then one column
    /// per program whose cell is the membership's weight (empty or 0: none). Read as a
    /// membership table.
    Matrix,
}

impl InputKind {
    /// Human-readable name.
    pub fn describe(self) -> &'static str {
        match self {
            InputKind::NetworkFolder => "network folder",
            InputKind::MembershipTable => "membership table",
            InputKind::EdgeList => "edge list",
            InputKind::Matrix => "incidence matrix",
        }
    }
}

/// A city (or, for edge lists, a node; its country is then empty).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct City {
    pub name: String,
    pub country: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// Every other column, by lower-cased header name.
    pub attrs: BTreeMap<String, String>,
}

/// A program (a city network: C40, ICLEI, UNESCO Creative Cities...).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Program {
    pub name: String,
    pub attrs: BTreeMap<String, String>,
}

/// A city's membership in a program.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Membership {
    pub city: u32,
    pub program: u32,
    /// Positive; 1 when not given.
    pub weight: f64,
    pub role: Option<String>,
    pub since: Option<i32>,
    pub until: Option<i32>,
    /// Values of the membership-level columns ([`Dataset::membership_attrs`]), in their
    /// order: columns of a membership table whose value differs between rows of one city.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attrs: Vec<String>,
}

/// A direct city–city tie (twinning, agreement, air route, edge-list edge).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tie {
    pub a: u32,
    pub b: u32,
    pub kind: TieKind,
    pub weight: f64,
    pub since: Option<i32>,
    pub until: Option<i32>,
}

/// The kind of a direct tie (`twinning`, `air_route`, `edge`...): text shared by the ties of
/// one kind, so that an edge list of 500,000 rows holds the word `edge` once, not 500,000
/// times. Reads as a `&str` (it derefs to one) and serialises as a string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TieKind(Arc<str>);

impl TieKind {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for TieKind {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for TieKind {
    fn from(s: &str) -> TieKind {
        TieKind(s.into())
    }
}

impl From<String> for TieKind {
    fn from(s: String) -> TieKind {
        TieKind(s.into())
    }
}

impl PartialEq<str> for TieKind {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for TieKind {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl std::fmt::Display for TieKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for TieKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// A source named in network.toml.
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct SourceRef {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub url: String,
    #[serde(default, alias = "license")]
    pub licence: String,
    #[serde(default)]
    pub date: String,
}

/// Descriptive metadata of a network (from network.toml, or made up from the file name).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NetworkMeta {
    pub title: String,
    pub description: String,
    pub sources: Vec<SourceRef>,
}

/// A loaded, validated input.
#[derive(Debug, Clone, Serialize)]
pub struct Dataset {
    /// Short name, used for the output folder (`output/NAME/`).
    pub name: String,
    pub kind: InputKind,
    /// The path it was loaded from.
    pub path: PathBuf,
    /// The files read (to refuse outputs that would overwrite them).
    pub files: Vec<PathBuf>,
    pub meta: NetworkMeta,
    pub cities: Vec<City>,
    pub programs: Vec<Program>,
    pub memberships: Vec<Membership>,
    pub ties: Vec<Tie>,
    /// City attribute names in the order they were first seen.
    pub city_attrs: Vec<String>,
    /// Program attribute names in the order they were first seen.
    pub program_attrs: Vec<String>,
    /// Membership attribute names (a membership table's columns whose value differs between
    /// rows of one city), the order of [`Membership::attrs`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub membership_attrs: Vec<String>,
    /// Where each city's coordinates come from, once [`super::identity::geocode::geocode`] has run
    /// (`None` before: coordinates are then all from the input).
    #[serde(skip)]
    pub geocoding: Option<super::identity::placement::Geocoding>,
    /// What the place stage of a membership table decided: merges, coordinates checked,
    /// reviews ([`super::identity::places`]); `None` for other inputs.
    #[serde(skip)]
    pub places: Option<super::identity::placement::PlaceReport>,
    /// Rows read, used and rejected (membership tables and edge lists; `None` for network
    /// folders and graph files, which are read strictly).
    pub intake: Option<super::rows::intake::Intake>,
    /// The filters applied after reading (`--min-programs`, `--where`...), in order, with
    /// what each removed.
    pub filtered: Vec<self::filter_step::FilterStep>,
    /// What a programs table read beside a membership table matched (`--programs`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub programs_table: Option<self::program_table::ProgramsTableReport>,
}

impl Dataset {
    /// An empty dataset named `name` of `kind` read from `path`.
    pub fn empty(name: &str, kind: InputKind, path: &std::path::Path) -> Dataset {
        Dataset {
            name: name.to_string(),
            kind,
            path: path.to_path_buf(),
            files: vec![],
            meta: NetworkMeta {
                title: name.to_string(),
                ..Default::default()
            },
            cities: vec![],
            programs: vec![],
            memberships: vec![],
            ties: vec![],
            city_attrs: vec![],
            program_attrs: vec![],
            membership_attrs: vec![],
            geocoding: None,
            places: None,
            intake: None,
            filtered: vec![],
            programs_table: None,
        }
    }

    /// Where city `i`'s coordinates come from: as geocoding decided, else `input` when it has
    /// coordinates.
    pub fn coord_source(&self, i: usize) -> super::identity::placement::CoordSource {
        match &self.geocoding {
            Some(g) => g.source[i],
            None if self
                .places
                .as_ref()
                .is_some_and(|p| p.corrected.contains(&(i as u32))) =>
            {
                super::identity::placement::CoordSource::Gazetteer
            }
            None if self.cities[i].lat.is_some() && self.cities[i].lon.is_some() => {
                super::identity::placement::CoordSource::Input
            }
            None => super::identity::placement::CoordSource::None,
        }
    }

    /// Whether the input has a city–program layer (otherwise G is the tie graph).
    pub fn is_two_mode(&self) -> bool {
        !self.programs.is_empty()
    }

    /// Number of cities with both coordinates.
    pub fn cities_with_coordinates(&self) -> usize {
        self.cities
            .iter()
            .filter(|c| c.lat.is_some() && c.lon.is_some())
            .count()
    }

    /// The two-mode city–program graph.
    pub fn two_mode(&self) -> TwoMode {
        let m: Vec<(u32, u32, f64)> = self
            .memberships
            .iter()
            .map(|m| (m.city, m.program, m.weight))
            .collect();
        TwoMode::new(self.cities.len(), self.programs.len(), &m)
    }

    /// The direct-ties layer as a weighted graph on the cities (repeated ties sum their weights).
    ///
    /// The same graph as [`Csr::from_edges`] on the ties (self-loops left out; each row sorted
    /// by neighbour, stably, so repeated pairs sum their weights in tie order), built in place
    /// from the ties: no edge list or pair buffer beside the graph's own arrays.
    pub fn tie_graph(&self) -> Csr {
        let n = self.cities.len();
        let mut offsets = vec![0usize; n + 1];
        for t in &self.ties {
            assert!(
                (t.a as usize) < n && (t.b as usize) < n,
                "edge endpoint out of range"
            );
            if t.a != t.b {
                offsets[t.a as usize + 1] += 1;
                offsets[t.b as usize + 1] += 1;
            }
        }
        for v in 0..n {
            offsets[v + 1] += offsets[v];
        }
        let total = offsets[n];
        let mut targets = vec![0u32; total];
        let mut weights = vec![0f64; total];
        let mut fill = offsets.clone();
        for t in self.ties.iter().filter(|t| t.a != t.b) {
            for (u, v) in [(t.a, t.b), (t.b, t.a)] {
                let at = &mut fill[u as usize];
                targets[*at] = v;
                weights[*at] = t.weight;
                *at += 1;
            }
        }
        drop(fill);
        // Each row sorted by neighbour (stable) and repeated neighbours merged, rows moved
        // down over the merged entries.
        let mut row: Vec<(u32, f64)> = vec![];
        let mut out = 0usize;
        let mut start = 0usize;
        for v in 0..n {
            let end = offsets[v + 1];
            row.clear();
            row.extend((start..end).map(|i| (targets[i], weights[i])));
            row.sort_by_key(|&(t, _)| t);
            offsets[v] = out;
            let mut last: Option<u32> = None;
            for &(t, w) in &row {
                if last == Some(t) {
                    weights[out - 1] += w;
                } else {
                    targets[out] = t;
                    weights[out] = w;
                    out += 1;
                    last = Some(t);
                }
            }
            start = end;
        }
        offsets[n] = out;
        targets.truncate(out);
        weights.truncate(out);
        Csr::from_sorted_rows(offsets, targets, weights)
    }

    /// The one-mode graph `G` the metrics run on: the weighted city projection when the input
    /// has programs, the tie graph otherwise.
    pub fn one_mode(&self) -> Csr {
        if self.is_two_mode() {
            self.two_mode().project_cities()
        } else {
            self.tie_graph()
        }
    }

    /// `"Name, Country"`, or the name alone when there is no country.
    pub fn city_label(&self, i: usize) -> String {
        let c = &self.cities[i];
        if c.country.is_empty() {
            c.name.clone()
        } else {
            format!("{}, {}", c.name, c.country)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tie graph built in place is [`Csr::from_edges`] on the ties: same rows, same
    /// neighbour order, same summed weights (repeats in either direction, self-loops, nodes
    /// without ties).
    #[test]
    fn tie_graph_is_from_edges_on_the_ties() {
        let mut ds = Dataset::empty("t", InputKind::EdgeList, std::path::Path::new("t.csv"));
        ds.cities = (0..40)
            .map(|i| City {
                name: format!("n{i}"),
                country: String::new(),
                lat: None,
                lon: None,
                attrs: BTreeMap::new(),
            })
            .collect();
        // A small deterministic pseudo-random multigraph (xorshift).
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |m: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % m
        };
        for _ in 0..400 {
            let (a, b) = (next(35) as u32, next(35) as u32);
            ds.ties.push(Tie {
                a,
                b,
                kind: if next(3) == 0 { "x" } else { "edge" }.into(),
                weight: 0.1 + next(100) as f64 / 7.0,
                since: None,
                until: None,
            });
        }
        let e: Vec<(u32, u32, f64)> = ds.ties.iter().map(|t| (t.a, t.b, t.weight)).collect();
        let want = Csr::from_edges(ds.cities.len(), &e).0;
        let got = ds.tie_graph();
        assert_eq!(got.offsets(), want.offsets());
        assert_eq!(got.targets(), want.targets());
        let (gw, ww) = (got.weights(), want.weights());
        assert_eq!(gw.len(), ww.len());
        for (a, b) in gw.iter().zip(ww) {
            assert_eq!(a.to_bits(), b.to_bits());
        }
        ds.ties.clear();
        assert_eq!(ds.tie_graph().offsets(), vec![0usize; 41].as_slice());
    }
}
