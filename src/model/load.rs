//! Loading the three kinds of input into a [`Dataset`], reporting every problem in one pass.
//!
//! The kind is detected from the path (a folder is a network folder) and, for a file, from its
//! header (city + program columns: a membership table; source + target: an edge list). `--kind`
//! overrides detection. Column names can be mapped with [`ColumnMap`] so any spreadsheet export
//! works without editing.

use super::dataset::{City, Dataset, InputKind, Membership, NetworkMeta, Program, SourceRef, Tie};
use super::diagnostic::{Diagnostic, Diagnostics};
use super::fields::{self, Cell};
use super::gazetteer::countries;
use super::identity::{display, key};
use super::registry::{Registry, Resolved, Unresolved};
use super::table::{read_table, Encoding, Table};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// User names for the columns citynet looks for (`--city-col` and the like).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ColumnMap {
    pub city: Option<String>,
    pub country: Option<String>,
    pub program: Option<String>,
    pub source: Option<String>,
    pub target: Option<String>,
    pub weight: Option<String>,
    pub lat: Option<String>,
    pub lon: Option<String>,
}

/// How to read an input.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct LoadOptions {
    /// Forces the kind instead of detecting it.
    pub kind: Option<InputKind>,
    pub columns: ColumnMap,
    pub encoding: Encoding,
    /// Extra aliases `(alias, canonical name)`, added to those of network.toml.
    pub aliases: Vec<(String, String)>,
    /// Memory budget in bytes (`--max-memory`); `None`: half of the memory available. See
    /// [`super::limits`].
    pub max_memory: Option<u64>,
}

/// The outcome of loading: the dataset when there was no error, and every diagnostic.
#[derive(Debug)]
pub struct Loaded {
    pub dataset: Option<Dataset>,
    pub diagnostics: Diagnostics,
    /// The kind detected (or forced), when it could be told.
    pub kind: Option<InputKind>,
}

// Accepted header names, first the canonical one.
const CITY: &[&str] = &["city", "city_name", "municipality", "name"];
const COUNTRY: &[&str] = &["country", "country_name", "nation"];
const PROGRAM: &[&str] = &[
    "program",
    "programme",
    "network",
    "organisation",
    "organization",
];
const SOURCE: &[&str] = &["source", "from", "node1", "city1"];
const TARGET: &[&str] = &["target", "to", "node2", "city2"];
const WEIGHT: &[&str] = &["weight", "value", "count"];
const LAT: &[&str] = &["lat", "latitude"];
const LON: &[&str] = &["lon", "lng", "long", "longitude"];

/// Finds a column: the user's name if given (its absence is then an error), else the first
/// accepted name present.
fn find_col(
    t: &Table,
    user: &Option<String>,
    names: &[&str],
    required: bool,
    flag: &str,
    diags: &mut Diagnostics,
) -> Option<usize> {
    if let Some(u) = user {
        let c = t.col(u);
        if c.is_none() {
            diags.push(
                Diagnostic::error(
                    &t.path,
                    format!(
                        "{flag} names column '{u}', which is not in the header (columns: {})",
                        t.headers.join(", ")
                    ),
                )
                .at_line(1),
            );
        }
        return c;
    }
    let c = t.col_any(names);
    if c.is_none() && required {
        diags.push(
            Diagnostic::error(
                &t.path,
                format!(
                    "missing required column '{}' (the header has: {}); name yours with {flag}",
                    names[0],
                    t.headers.join(", ")
                ),
            )
            .at_line(1),
        );
    }
    c
}

/// Loads `path`.
pub fn load(path: &Path, opts: &LoadOptions) -> Loaded {
    let mut diags = Diagnostics::default();
    if !path.exists() {
        diags.push(Diagnostic::error(
            path,
            "no such file or folder; expected a network folder, a membership CSV or an edge-list CSV",
        ));
        return Loaded {
            dataset: None,
            diagnostics: diags,
            kind: None,
        };
    }
    if super::import::is_graph_file(path) {
        return super::import::load_graph_file(path, opts);
    }
    let kind = if path.is_dir() {
        if let Some(k) = opts.kind.filter(|&k| k != InputKind::NetworkFolder) {
            diags.push(Diagnostic::error(
                path,
                format!(
                    "--kind {} expects a CSV file, but this is a folder",
                    k.describe()
                ),
            ));
            None
        } else {
            Some(InputKind::NetworkFolder)
        }
    } else if let Some(k) = opts.kind {
        if k == InputKind::NetworkFolder {
            diags.push(Diagnostic::error(
                path,
                "--kind network-folder expects a folder, but this is a file",
            ));
            None
        } else {
            Some(k)
        }
    } else {
        None
    };
    let (dataset, kind) = match kind {
        Some(InputKind::NetworkFolder) => (load_folder(path, opts, &mut diags), kind),
        None if path.is_dir() || opts.kind.is_some() => (None, None),
        _ => {
            let table = read_table(path, opts.encoding, opts.max_memory, &mut diags);
            load_file_table(table, kind, opts, &mut diags)
        }
    };
    let dataset = if diags.has_errors() { None } else { dataset };
    Loaded {
        dataset,
        diagnostics: diags,
        kind,
    }
}

/// Loads a membership table or an edge list held in memory; `path` names it in messages.
/// The same checks as [`load`] on a file (this is the entry point of the fuzz targets).
pub fn load_csv_bytes(path: &Path, bytes: &[u8], opts: &LoadOptions) -> Loaded {
    let mut diags = Diagnostics::default();
    let table = super::table::read_table_bytes(path, bytes, opts.encoding, &mut diags);
    let kind = opts.kind.filter(|&k| k != InputKind::NetworkFolder);
    let (dataset, kind) = load_file_table(table, kind, opts, &mut diags);
    let dataset = if diags.has_errors() { None } else { dataset };
    Loaded {
        dataset,
        diagnostics: diags,
        kind,
    }
}

/// The part of [`load`] for one CSV file, once read.
fn load_file_table(
    table: Option<Table>,
    kind: Option<InputKind>,
    opts: &LoadOptions,
    diags: &mut Diagnostics,
) -> (Option<Dataset>, Option<InputKind>) {
    let Some(table) = table else {
        return (None, kind);
    };
    let path = table.path.clone();
    let path = path.as_path();
    let c = &opts.columns;
    let mut mapped_missing = false;
    for (flag, user) in [
        ("--city-col", &c.city),
        ("--country-col", &c.country),
        ("--program-col", &c.program),
        ("--source-col", &c.source),
        ("--target-col", &c.target),
        ("--weight-col", &c.weight),
        ("--lat-col", &c.lat),
        ("--lon-col", &c.lon),
    ] {
        if let Some(u) = user.as_ref().filter(|u| table.col(u).is_none()) {
            mapped_missing = true;
            diags.push(
                Diagnostic::error(
                    path,
                    format!(
                        "{flag} names column '{u}', which is not in the header (columns: {})",
                        table.headers.join(", ")
                    ),
                )
                .at_line(1),
            );
        }
    }
    if mapped_missing {
        return (None, kind);
    }
    let k = kind.or_else(|| detect_kind(&table, &opts.columns));
    match k {
        Some(InputKind::MembershipTable) => (load_membership_table(&table, opts, diags), k),
        Some(InputKind::EdgeList) => (load_edge_list(&table, opts, diags), k),
        _ => {
            diags.push(
                Diagnostic::error(
                    path,
                    format!(
                        "cannot tell what this table is from its header ({}): expected \
                         columns city and program (a membership table) or source and \
                         target (an edge list); map yours with --city-col/--program-col \
                         or --source-col/--target-col, or set --kind",
                        table.headers.join(", ")
                    ),
                )
                .at_line(1),
            );
            (None, None)
        }
    }
}

/// Detects the kind of a CSV from its header.
pub fn detect_kind(t: &Table, cols: &ColumnMap) -> Option<InputKind> {
    let has = |user: &Option<String>, names: &[&str]| match user {
        Some(u) => t.col(u).is_some(),
        None => t.col_any(names).is_some(),
    };
    if has(&cols.program, PROGRAM) && has(&cols.city, CITY) {
        Some(InputKind::MembershipTable)
    } else if has(&cols.source, SOURCE) && has(&cols.target, TARGET) {
        Some(InputKind::EdgeList)
    } else {
        None
    }
}

/// Short name for an input: the folder name, or the file stem.
pub fn input_name(path: &Path) -> String {
    let p = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let raw = if p.is_dir() {
        p.file_name()
    } else {
        p.file_stem()
    }
    .map(|s| s.to_string_lossy().to_string())
    .unwrap_or_else(|| "network".into());
    let safe: String = raw
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let safe = safe.trim_start_matches('.').to_string();
    if safe.is_empty() {
        "network".into()
    } else {
        safe
    }
}

fn base_dataset(path: &Path, kind: InputKind, files: Vec<PathBuf>) -> Dataset {
    let name = input_name(path);
    Dataset {
        meta: NetworkMeta {
            title: name.clone(),
            ..Default::default()
        },
        name,
        kind,
        path: path.to_path_buf(),
        files,
        cities: vec![],
        programs: vec![],
        memberships: vec![],
        ties: vec![],
        city_attrs: vec![],
        program_attrs: vec![],
        geocoding: None,
    }
}

/// Rows of a table that carry a membership or edge, with the years checked together.
fn years(
    t: &Table,
    row: &super::table::Row,
    since: Option<usize>,
    until: Option<usize>,
    diags: &mut Diagnostics,
) -> (Option<i32>, Option<i32>, bool) {
    let mut ok = true;
    let mut get = |c: Option<usize>| {
        c.and_then(|col| match fields::year(&Cell { table: t, row, col }) {
            Ok(y) => y,
            Err(d) => {
                diags.push(d);
                ok = false;
                None
            }
        })
    };
    let s = get(since);
    let u = get(until);
    if let (Some(a), Some(b)) = (s, u) {
        if a > b {
            diags.push(
                Diagnostic::error(
                    &t.path,
                    format!("'since' ({a}) is after 'until' ({b}); expected since ≤ until"),
                )
                .at_line(row.line),
            );
            ok = false;
        }
    }
    (s, u, ok)
}

fn weight_of(
    t: &Table,
    row: &super::table::Row,
    col: Option<usize>,
    diags: &mut Diagnostics,
) -> Option<f64> {
    match col {
        None => Some(1.0),
        Some(col) => match fields::weight(&Cell { table: t, row, col }) {
            Ok(w) => Some(w),
            Err(d) => {
                diags.push(d);
                None
            }
        },
    }
}

/// Reads lat/lon of a row; both or neither.
fn coords(
    t: &Table,
    row: &super::table::Row,
    lat: Option<usize>,
    lon: Option<usize>,
    diags: &mut Diagnostics,
) -> (Option<f64>, Option<f64>) {
    let mut get = |c: Option<usize>, limit: f64, what: &str| {
        c.and_then(
            |col| match fields::coordinate(&Cell { table: t, row, col }, limit, what) {
                Ok(v) => v,
                Err(d) => {
                    diags.push(d);
                    None
                }
            },
        )
    };
    let la = get(lat, 90.0, "latitude");
    let lo = get(lon, 180.0, "longitude");
    if la.is_some() != lo.is_some() {
        diags.push(
            Diagnostic::warning(
                &t.path,
                "only one of latitude and longitude is given; the city is left without coordinates",
            )
            .at_line(row.line),
        );
        return (None, None);
    }
    (la, lo)
}

/// Whether `t` has data rows; a header alone is an error (rows that were unreadable have
/// already been reported, so only a table with no data lines at all gets this one).
fn has_rows(t: &Table, per: &str, diags: &mut Diagnostics) -> bool {
    if t.rows.is_empty() && t.skipped == 0 {
        diags.push(
            Diagnostic::error(
                &t.path,
                format!("the table has a header but no rows; expected one row per {per}"),
            )
            .at_line(1),
        );
    }
    !t.rows.is_empty()
}

fn empty_name(t: &Table, row: &super::table::Row, col: usize, what: &str) -> Diagnostic {
    Diagnostic::error(&t.path, format!("empty {what} name; expected a name"))
        .at_line(row.line)
        .in_column(t.headers[col].clone())
}

/// A single membership table: one row per (city, program).
fn load_membership_table(
    t: &Table,
    opts: &LoadOptions,
    diags: &mut Diagnostics,
) -> Option<Dataset> {
    let c = &opts.columns;
    let city_c = find_col(t, &c.city, CITY, true, "--city-col", diags);
    let prog_c = find_col(t, &c.program, PROGRAM, true, "--program-col", diags);
    let country_c = find_col(t, &c.country, COUNTRY, false, "--country-col", diags);
    let weight_c = find_col(t, &c.weight, WEIGHT, false, "--weight-col", diags);
    let lat_c = find_col(t, &c.lat, LAT, false, "--lat-col", diags);
    let lon_c = find_col(t, &c.lon, LON, false, "--lon-col", diags);
    let role_c = t.col("role");
    let since_c = t.col("since");
    let until_c = t.col("until");
    let (city_c, prog_c) = (city_c?, prog_c?);
    if !has_rows(t, "membership", diags) {
        return None;
    }
    let used: Vec<usize> = [
        Some(city_c),
        Some(prog_c),
        country_c,
        weight_c,
        lat_c,
        lon_c,
        role_c,
        since_c,
        until_c,
    ]
    .into_iter()
    .flatten()
    .collect();
    let attr_cols: Vec<usize> = (0..t.headers.len()).filter(|i| !used.contains(i)).collect();

    let mut reg = Registry::with_aliases(&opts.aliases);
    let mut programs: Vec<Program> = vec![];
    let mut program_ids: HashMap<String, u32> = HashMap::new();
    // Raw memberships (registry ids before merging), with their lines.
    let mut raw: Vec<RawMembership> = vec![];
    // First line where each city's coordinates were given.
    let mut coord_line: HashMap<u32, u64> = HashMap::new();
    let mut unknown_countries = countries::Unknown::default();
    for row in &t.rows {
        let name = t.cell(row, city_c);
        let pname = t.cell(row, prog_c);
        let mut ok = true;
        if name.is_empty() {
            diags.push(empty_name(t, row, city_c, "city"));
            ok = false;
        }
        if pname.is_empty() {
            diags.push(empty_name(t, row, prog_c, "program"));
            ok = false;
        }
        let w = weight_of(t, row, weight_c, diags);
        let (lat, lon) = coords(t, row, lat_c, lon_c, diags);
        let (since, until, years_ok) = years(t, row, since_c, until_c, diags);
        if !ok || w.is_none() || !years_ok {
            continue;
        }
        let written = country_c.map(|c| t.cell(row, c)).unwrap_or("");
        let (country, known) = countries::canonical(written);
        if !known {
            unknown_countries.add(written, row.line);
        }
        let cid = match reg.get_exact(name, &country) {
            Some(i) => i,
            None => reg.insert(City {
                name: name.to_string(),
                country,
                lat: None,
                lon: None,
                attrs: BTreeMap::new(),
            }),
        };
        let city = &mut reg.cities[cid as usize];
        if let (Some(la), Some(lo)) = (lat, lon) {
            match (city.lat, city.lon) {
                (None, _) => {
                    city.lat = lat;
                    city.lon = lon;
                    coord_line.insert(cid, row.line);
                }
                (Some(a), Some(b)) if (a, b) != (la, lo) => {
                    diags.push(
                        Diagnostic::error(
                            &t.path,
                            format!(
                                "city \"{}\" is listed with other coordinates ({a}, {b}) on line {}; expected the same city to have one position",
                                city.name, coord_line[&cid]
                            ),
                        )
                        .at_line(row.line),
                    );
                }
                _ => {}
            }
        }
        for &ac in &attr_cols {
            let v = t.cell(row, ac);
            if v.is_empty() {
                continue;
            }
            let k = t.keys()[ac].clone();
            let entry = city.attrs.entry(k).or_default();
            if entry.is_empty() {
                *entry = v.to_string();
            } else if !entry.split("; ").any(|x| x == v) {
                entry.push_str("; ");
                entry.push_str(v);
            }
        }
        let pkey = key(pname);
        let pid = *program_ids.entry(pkey).or_insert_with(|| {
            programs.push(Program {
                name: display(pname),
                attrs: BTreeMap::new(),
            });
            programs.len() as u32 - 1
        });
        let role = role_c
            .map(|c| t.cell(row, c).to_string())
            .filter(|s| !s.is_empty());
        raw.push((cid, pid, w.unwrap(), role, since, until, row.line));
    }
    if let Some(m) = unknown_countries.message() {
        diags.push(Diagnostic::warning(&t.path, m));
    }
    let (target, notes) = reg.merge_variants();
    for n in notes {
        diags.push(Diagnostic::warning(&t.path, n));
    }
    let mut ds = base_dataset(&t.path, InputKind::MembershipTable, vec![t.path.clone()]);
    let (cities, remap) = compact_cities(reg.cities, &target);
    ds.cities = cities;
    ds.programs = programs;
    ds.memberships = dedup_memberships(
        raw.into_iter()
            .map(|(c, p, w, role, s, u, line)| (remap[c as usize], p, w, role, s, u, line)),
        &t.path,
        diags,
    );
    ds.city_attrs = attr_cols.iter().map(|&c| t.keys()[c].clone()).collect();
    Some(ds)
}

/// Applies a merge map: keeps the cities that merge into themselves (in order) and returns the
/// old → new index map. Attributes of merged spellings fill gaps in the kept city.
fn compact_cities(cities: Vec<City>, target: &[u32]) -> (Vec<City>, Vec<u32>) {
    let mut new_index = vec![u32::MAX; cities.len()];
    let mut kept = Vec::new();
    for (i, c) in cities.iter().enumerate() {
        if target[i] as usize == i {
            new_index[i] = kept.len() as u32;
            kept.push(c.clone());
        }
    }
    for (i, c) in cities.iter().enumerate() {
        let t = target[i] as usize;
        if t != i {
            let k = &mut kept[new_index[t] as usize];
            if k.lat.is_none() {
                k.lat = c.lat;
                k.lon = c.lon;
            }
            for (a, v) in &c.attrs {
                k.attrs.entry(a.clone()).or_insert_with(|| v.clone());
            }
        }
    }
    let remap = (0..cities.len())
        .map(|i| new_index[target[i] as usize])
        .collect();
    (kept, remap)
}

type RawMembership = (u32, u32, f64, Option<String>, Option<i32>, Option<i32>, u64);

/// Keeps the first of repeated (city, program) memberships, with a warning naming both lines.
fn dedup_memberships(
    raw: impl Iterator<Item = RawMembership>,
    path: &Path,
    diags: &mut Diagnostics,
) -> Vec<Membership> {
    let mut seen: HashMap<(u32, u32), (usize, u64)> = HashMap::new();
    let mut out: Vec<Membership> = Vec::new();
    for (city, program, weight, role, since, until, line) in raw {
        if let Some(&(i, first)) = seen.get(&(city, program)) {
            let kept = out[i].weight;
            let note = if kept == weight {
                String::new()
            } else {
                format!(" with weight {kept}; this row's weight {weight} is ignored")
            };
            diags.push(
                Diagnostic::warning(
                    path,
                    format!(
                        "repeats the membership of line {first} (same city and program); kept once{note}"
                    ),
                )
                .at_line(line),
            );
            continue;
        }
        seen.insert((city, program), (out.len(), line));
        out.push(Membership {
            city,
            program,
            weight,
            role,
            since,
            until,
        });
    }
    out
}

/// A one-mode edge list `source,target[,weight]`.
fn load_edge_list(t: &Table, opts: &LoadOptions, diags: &mut Diagnostics) -> Option<Dataset> {
    let c = &opts.columns;
    let s_c = find_col(t, &c.source, SOURCE, true, "--source-col", diags);
    let t_c = find_col(t, &c.target, TARGET, true, "--target-col", diags);
    let w_c = find_col(t, &c.weight, WEIGHT, false, "--weight-col", diags);
    let kind_c = t.col("kind");
    let since_c = t.col("since");
    let until_c = t.col("until");
    let (s_c, t_c) = (s_c?, t_c?);
    if !has_rows(t, "edge", diags) {
        return None;
    }
    let mut reg = Registry::with_aliases(&opts.aliases);
    let mut raw = vec![];
    for row in &t.rows {
        let (a, b) = (t.cell(row, s_c), t.cell(row, t_c));
        let mut ok = true;
        if a.is_empty() {
            diags.push(empty_name(t, row, s_c, "source node"));
            ok = false;
        }
        if b.is_empty() {
            diags.push(empty_name(t, row, t_c, "target node"));
            ok = false;
        }
        let w = weight_of(t, row, w_c, diags);
        let (since, until, years_ok) = years(t, row, since_c, until_c, diags);
        if !ok || w.is_none() || !years_ok {
            continue;
        }
        let mut id = |n: &str| {
            reg.get_exact(n, "").unwrap_or_else(|| {
                reg.insert(City {
                    name: n.to_string(),
                    country: String::new(),
                    lat: None,
                    lon: None,
                    attrs: BTreeMap::new(),
                })
            })
        };
        let (ia, ib) = (id(a), id(b));
        let kind = kind_c
            .map(|c| t.cell(row, c).to_string())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "edge".into());
        raw.push((ia, ib, w.unwrap(), kind, since, until, row.line));
    }
    let (target, notes) = reg.merge_variants();
    for n in notes {
        diags.push(Diagnostic::warning(&t.path, n));
    }
    let (cities, remap) = compact_cities(reg.cities, &target);
    let mut ds = base_dataset(&t.path, InputKind::EdgeList, vec![t.path.clone()]);
    ds.cities = cities;
    ds.ties = clean_ties(
        raw.into_iter()
            .map(|(a, b, w, k, s, u, l)| (remap[a as usize], remap[b as usize], w, k, s, u, l)),
        &t.path,
        diags,
    );
    Some(ds)
}

type RawTie = (u32, u32, f64, String, Option<i32>, Option<i32>, u64);

/// Drops self-loops and merges repeated pairs (same kind) by summing their weights, each with a
/// warning naming the line.
fn clean_ties(raw: impl Iterator<Item = RawTie>, path: &Path, diags: &mut Diagnostics) -> Vec<Tie> {
    let mut seen: HashMap<(u32, u32, String), (usize, u64)> = HashMap::new();
    let mut out: Vec<Tie> = Vec::new();
    for (a, b, weight, kind, since, until, line) in raw {
        if a == b {
            diags.push(
                Diagnostic::warning(path, "self-loop (a node tied to itself) dropped")
                    .at_line(line),
            );
            continue;
        }
        let k = (a.min(b), a.max(b), kind.clone());
        if let Some(&(i, first)) = seen.get(&k) {
            out[i].weight += weight;
            diags.push(
                Diagnostic::warning(
                    path,
                    format!(
                        "repeats the pair of line {first}; merged into one edge, weights summed"
                    ),
                )
                .at_line(line),
            );
            continue;
        }
        seen.insert(k, (out.len(), line));
        out.push(Tie {
            a,
            b,
            kind,
            weight,
            since,
            until,
        });
    }
    out
}

/// The parsed network.toml.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct NetworkToml {
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    sources: Vec<SourceRef>,
    #[serde(default)]
    defaults: toml::Table,
    #[serde(default)]
    aliases: BTreeMap<String, String>,
}

/// Reads network.toml. On failure (reported in `diags`) gives back its text, when it had one.
fn read_network_toml(path: &Path, diags: &mut Diagnostics) -> Result<NetworkToml, Option<String>> {
    let text = match std::fs::read(path) {
        Ok(b) => match String::from_utf8(b) {
            Ok(s) => s,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let b = e.as_bytes();
                let line = 1 + b[..at].iter().filter(|&&c| c == b'\n').count() as u64;
                diags.push(
                    Diagnostic::error(
                        path,
                        format!(
                            "not UTF-8 text (byte 0x{:02X}); expected a TOML file saved as UTF-8",
                            b[at]
                        ),
                    )
                    .at_line(line),
                );
                return Err(None);
            }
        },
        Err(e) => {
            diags.push(Diagnostic::error(
                path,
                format!("cannot read the file: {e}"),
            ));
            return Err(None);
        }
    };
    parse_network_toml(path, &text, diags).ok_or(Some(text))
}

/// The `[aliases]` of a network.toml that has other problems, when its syntax is sound.
fn salvage_aliases(text: &str) -> Option<Vec<(String, String)>> {
    let t = toml::from_str::<toml::Table>(text).ok()?;
    Some(match t.get("aliases") {
        Some(toml::Value::Table(a)) => a
            .iter()
            .filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_string())))
            .collect(),
        _ => vec![],
    })
}

/// Parses the text of a network.toml; problems go to `diags` with their line and character.
fn parse_network_toml(path: &Path, text: &str, diags: &mut Diagnostics) -> Option<NetworkToml> {
    match toml::from_str::<NetworkToml>(text) {
        Ok(t) => Some(t),
        Err(e) => {
            let mut d = Diagnostic::error(
                path,
                format!(
                    "{}; expected keys title, description, [[sources]] (name, url, licence, date), [defaults], [aliases]",
                    e.message().trim_end().replace('\n', "; ")
                ),
            );
            if let Some(span) = e.span() {
                let mut end = span.start.min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                let before = &text[..end];
                let line = 1 + before.matches('\n').count() as u64;
                let line_start = before.rfind('\n').map_or(0, |p| p + 1);
                let col = before[line_start..].chars().count() + 1;
                d = d.at_line(line).in_column(format!("character {col}"));
            }
            diags.push(d);
            None
        }
    }
}

/// Checks the text of a network.toml as the loader does (for the fuzz targets and tests): the
/// title it declares, or `None` with the problems in `diags`.
pub fn check_network_toml(path: &Path, text: &str, diags: &mut Diagnostics) -> Option<String> {
    parse_network_toml(path, text, diags).map(|t| t.title)
}

/// A network folder.
fn load_folder(dir: &Path, opts: &LoadOptions, diags: &mut Diagnostics) -> Option<Dataset> {
    let toml_path = dir.join("network.toml");
    let cities_path = dir.join("cities.csv");
    let programs_path = dir.join("programs.csv");
    let members_path = dir.join("memberships.csv");
    let ties_path = dir.join("ties.csv");
    if !members_path.exists() && !ties_path.exists() {
        diags.push(Diagnostic::error(
            dir,
            "this folder holds no network: expected memberships.csv and/or ties.csv \
             (with cities.csv, programs.csv and network.toml) — or pass a CSV file instead",
        ));
        return None;
    }
    let mut files = vec![];
    let mut meta = NetworkMeta {
        title: input_name(dir),
        ..Default::default()
    };
    let mut aliases = opts.aliases.clone();
    if toml_path.exists() {
        files.push(toml_path.clone());
        match read_network_toml(&toml_path, diags) {
            Ok(t) => {
                if !t.title.is_empty() {
                    meta.title = t.title;
                }
                meta.description = t.description;
                meta.sources = t.sources;
                let _ = t.defaults;
                aliases.extend(t.aliases);
            }
            Err(text) => match text.as_deref().and_then(salvage_aliases) {
                // Only the schema is wrong: its aliases still decide how names resolve, so
                // the other files can be checked without false "unknown city" errors.
                Some(a) => aliases.extend(a),
                None => {
                    diags.push(Diagnostic::warning(
                        dir,
                        "the other files of the folder are checked once network.toml can be \
                         read (its aliases decide how city names resolve)",
                    ));
                    return None;
                }
            },
        }
    } else {
        diags.push(Diagnostic::warning(
            &toml_path,
            "no network.toml: the network has no stated title, sources or licence",
        ));
    }
    let mut reg = Registry::with_aliases(&aliases);
    let mut city_attrs: Vec<String> = vec![];
    // cities.csv
    if !cities_path.exists() {
        diags.push(Diagnostic::error(
            &cities_path,
            "missing: a network folder needs cities.csv (columns name, country)",
        ));
        return None;
    }
    files.push(cities_path.clone());
    let t = read_table(&cities_path, opts.encoding, opts.max_memory, diags)?;
    has_rows(&t, "city", diags);
    let c = &opts.columns;
    let name_c = find_col(&t, &c.city, &["name", "city"], true, "--city-col", diags);
    let country_c = find_col(&t, &c.country, COUNTRY, true, "--country-col", diags);
    let lat_c = find_col(&t, &c.lat, LAT, false, "--lat-col", diags);
    let lon_c = find_col(&t, &c.lon, LON, false, "--lon-col", diags);
    let (name_c, country_c) = (name_c?, country_c?);
    let attr_cols: Vec<usize> = (0..t.headers.len())
        .filter(|&i| ![Some(name_c), Some(country_c), lat_c, lon_c].contains(&Some(i)))
        .collect();
    city_attrs.extend(attr_cols.iter().map(|&i| t.keys()[i].clone()));
    let mut city_line: HashMap<u32, u64> = HashMap::new();
    for row in &t.rows {
        let name = t.cell(row, name_c);
        if name.is_empty() {
            diags.push(empty_name(&t, row, name_c, "city"));
            continue;
        }
        let (lat, lon) = coords(&t, row, lat_c, lon_c, diags);
        let city = City {
            name: name.to_string(),
            country: t.cell(row, country_c).to_string(),
            lat,
            lon,
            attrs: attr_cols
                .iter()
                .filter(|&&i| !t.cell(row, i).is_empty())
                .map(|&i| (t.keys()[i].clone(), t.cell(row, i).to_string()))
                .collect(),
        };
        if let Some(id) = reg.get_exact(name, &city.country) {
            let prev = &reg.cities[id as usize];
            let same = prev.lat == city.lat && prev.lon == city.lon && prev.attrs == city.attrs;
            let d = if same {
                Diagnostic::warning(
                    &cities_path,
                    format!(
                        "city listed again (same as line {}); kept once",
                        city_line[&id]
                    ),
                )
            } else {
                Diagnostic::error(
                    &cities_path,
                    format!(
                        "city \"{}\" ({}) is listed twice with different attributes (first on line {}); expected one row per city",
                        prev.name, prev.country, city_line[&id]
                    ),
                )
            };
            diags.push(d.at_line(row.line));
            continue;
        }
        let id = reg.insert(city);
        city_line.insert(id, row.line);
    }
    // programs.csv
    let mut programs: Vec<Program> = vec![];
    let mut program_ids: HashMap<String, u32> = HashMap::new();
    let mut program_attrs: Vec<String> = vec![];
    let programs_declared = programs_path.exists();
    if programs_declared {
        files.push(programs_path.clone());
        if let Some(t) = read_table(&programs_path, opts.encoding, opts.max_memory, diags) {
            has_rows(&t, "program", diags);
            if let Some(name_c) = find_col(
                &t,
                &c.program,
                &["name", "program"],
                true,
                "--program-col",
                diags,
            ) {
                let attr_cols: Vec<usize> = (0..t.headers.len()).filter(|&i| i != name_c).collect();
                program_attrs.extend(attr_cols.iter().map(|&i| t.keys()[i].clone()));
                let mut line_of: HashMap<String, u64> = HashMap::new();
                for row in &t.rows {
                    let name = t.cell(row, name_c);
                    if name.is_empty() {
                        diags.push(empty_name(&t, row, name_c, "program"));
                        continue;
                    }
                    let k = key(name);
                    if let Some(first) = line_of.get(&k) {
                        diags.push(
                            Diagnostic::error(&programs_path, format!("program \"{name}\" is listed twice (first on line {first}); expected one row per program"))
                                .at_line(row.line),
                        );
                        continue;
                    }
                    line_of.insert(k.clone(), row.line);
                    program_ids.insert(k, programs.len() as u32);
                    programs.push(Program {
                        name: display(name),
                        attrs: attr_cols
                            .iter()
                            .filter(|&&i| !t.cell(row, i).is_empty())
                            .map(|&i| (t.keys()[i].clone(), t.cell(row, i).to_string()))
                            .collect(),
                    });
                }
            }
        }
    }
    let resolve = |t: &Table,
                   row: &super::table::Row,
                   name_c: usize,
                   country_c: Option<usize>,
                   diags: &mut Diagnostics|
     -> Option<u32> {
        let name = t.cell(row, name_c);
        if name.is_empty() {
            diags.push(empty_name(t, row, name_c, "city"));
            return None;
        }
        let country = country_c.map(|c| t.cell(row, c)).unwrap_or("");
        match reg.resolve(name, country) {
            Ok(Resolved::IgnoringAccents(i)) => {
                diags.push(
                    Diagnostic::warning(
                        &t.path,
                        format!("matched to {} ignoring accents", reg.describe(&[i])),
                    )
                    .at_line(row.line)
                    .in_column(t.headers[name_c].clone())
                    .with_value(name),
                );
                Some(i)
            }
            Ok(r) => Some(r.id()),
            Err(Unresolved::Unknown) => {
                let shown = if country.is_empty() {
                    String::new()
                } else {
                    format!(" ({country})")
                };
                diags.push(
                    Diagnostic::error(&t.path, format!("unknown city{shown}: expected a city listed in cities.csv (name and country)"))
                        .at_line(row.line)
                        .in_column(t.headers[name_c].clone())
                        .with_value(name),
                );
                None
            }
            Err(Unresolved::Ambiguous(ids)) => {
                diags.push(
                    Diagnostic::error(
                        &t.path,
                        format!(
                            "ambiguous city: it could be {}; give its country",
                            reg.describe(&ids)
                        ),
                    )
                    .at_line(row.line)
                    .in_column(t.headers[name_c].clone())
                    .with_value(name),
                );
                None
            }
        }
    };
    // memberships.csv
    let mut memberships = vec![];
    if members_path.exists() {
        files.push(members_path.clone());
        if let Some(t) = read_table(&members_path, opts.encoding, opts.max_memory, diags) {
            has_rows(&t, "membership", diags);
            let city_c = find_col(&t, &c.city, CITY, true, "--city-col", diags);
            let prog_c = find_col(&t, &c.program, PROGRAM, true, "--program-col", diags);
            let country_c = find_col(&t, &c.country, COUNTRY, false, "--country-col", diags);
            let weight_c = find_col(&t, &c.weight, WEIGHT, false, "--weight-col", diags);
            let role_c = t.col("role");
            let (since_c, until_c) = (t.col("since"), t.col("until"));
            if let (Some(city_c), Some(prog_c)) = (city_c, prog_c) {
                let mut raw = vec![];
                for row in &t.rows {
                    let city = resolve(&t, row, city_c, country_c, diags);
                    let pname = t.cell(row, prog_c);
                    let program = if pname.is_empty() {
                        diags.push(empty_name(&t, row, prog_c, "program"));
                        None
                    } else if let Some(&p) = program_ids.get(&key(pname)) {
                        Some(p)
                    } else if programs_declared {
                        diags.push(
                            Diagnostic::error(
                                &members_path,
                                "unknown program: expected a program listed in programs.csv",
                            )
                            .at_line(row.line)
                            .in_column(t.headers[prog_c].clone())
                            .with_value(pname),
                        );
                        None
                    } else {
                        programs.push(Program {
                            name: display(pname),
                            attrs: BTreeMap::new(),
                        });
                        program_ids.insert(key(pname), programs.len() as u32 - 1);
                        Some(programs.len() as u32 - 1)
                    };
                    let w = weight_of(&t, row, weight_c, diags);
                    let (since, until, years_ok) = years(&t, row, since_c, until_c, diags);
                    if let (Some(city), Some(program), Some(w), true) = (city, program, w, years_ok)
                    {
                        let role = role_c
                            .map(|c| t.cell(row, c).to_string())
                            .filter(|s| !s.is_empty());
                        raw.push((city, program, w, role, since, until, row.line));
                    }
                }
                memberships = dedup_memberships(raw.into_iter(), &members_path, diags);
            }
        }
    }
    // ties.csv
    let mut ties = vec![];
    if ties_path.exists() {
        files.push(ties_path.clone());
        if let Some(t) = read_table(&ties_path, opts.encoding, opts.max_memory, diags) {
            if t.rows.is_empty() && t.skipped == 0 {
                // An empty ties.csv kept as a template is harmless: say so, go on.
                diags.push(
                    Diagnostic::warning(
                        &ties_path,
                        "the table has a header but no rows: the network has no direct ties",
                    )
                    .at_line(1),
                );
            }
            let a_c = find_col(
                &t,
                &None,
                &["city_a", "source", "city1"],
                true,
                "--source-col",
                diags,
            );
            let b_c = find_col(
                &t,
                &None,
                &["city_b", "target", "city2"],
                true,
                "--target-col",
                diags,
            );
            let ca_c = t.col_any(&["country_a", "country1"]);
            let cb_c = t.col_any(&["country_b", "country2"]);
            let weight_c = find_col(&t, &c.weight, WEIGHT, false, "--weight-col", diags);
            let kind_c = t.col("kind");
            let (since_c, until_c) = (t.col("since"), t.col("until"));
            if let (Some(a_c), Some(b_c)) = (a_c, b_c) {
                let mut raw = vec![];
                for row in &t.rows {
                    let a = resolve(&t, row, a_c, ca_c, diags);
                    let b = resolve(&t, row, b_c, cb_c, diags);
                    let w = weight_of(&t, row, weight_c, diags);
                    let (since, until, years_ok) = years(&t, row, since_c, until_c, diags);
                    if let (Some(a), Some(b), Some(w), true) = (a, b, w, years_ok) {
                        let kind = kind_c
                            .map(|c| t.cell(row, c).to_string())
                            .filter(|s| !s.is_empty())
                            .unwrap_or_else(|| "tie".into());
                        raw.push((a, b, w, kind, since, until, row.line));
                    }
                }
                ties = clean_ties(raw.into_iter(), &ties_path, diags);
            }
        }
    }
    let mut ds = base_dataset(dir, InputKind::NetworkFolder, files);
    ds.meta = meta;
    ds.cities = reg.cities;
    ds.programs = programs;
    ds.memberships = memberships;
    ds.ties = ties;
    ds.city_attrs = city_attrs;
    ds.program_attrs = program_attrs;
    Some(ds)
}
