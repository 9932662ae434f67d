//! The loaded model: cities, programs, memberships and direct ties, plus graph views of it.

use crate::graph::{Csr, TwoMode};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

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
}

/// A direct city–city tie (twinning, agreement, air route, edge-list edge).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tie {
    pub a: u32,
    pub b: u32,
    pub kind: String,
    pub weight: f64,
    pub since: Option<i32>,
    pub until: Option<i32>,
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
    /// Where each city's coordinates come from, once [`super::geocode::geocode`] has run
    /// (`None` before: coordinates are then all from the input).
    #[serde(skip)]
    pub geocoding: Option<super::placement::Geocoding>,
    /// Rows read, used and rejected (membership tables and edge lists; `None` for network
    /// folders and graph files, which are read strictly).
    pub intake: Option<super::intake::Intake>,
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
            geocoding: None,
            intake: None,
        }
    }

    /// Where city `i`'s coordinates come from: as geocoding decided, else `input` when it has
    /// coordinates.
    pub fn coord_source(&self, i: usize) -> super::placement::CoordSource {
        match &self.geocoding {
            Some(g) => g.source[i],
            None if self.cities[i].lat.is_some() && self.cities[i].lon.is_some() => {
                super::placement::CoordSource::Input
            }
            None => super::placement::CoordSource::None,
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
    pub fn tie_graph(&self) -> Csr {
        let e: Vec<(u32, u32, f64)> = self.ties.iter().map(|t| (t.a, t.b, t.weight)).collect();
        Csr::from_edges(self.cities.len(), &e).0
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
