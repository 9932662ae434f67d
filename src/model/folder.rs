//! A network folder (curated data, read strictly): network.toml, cities.csv, programs.csv,
//! memberships.csv, ties.csv. Cities and programs are declared; memberships and ties refer to
//! them (`resolve_city`).

use super::dataset::assemble::{base_dataset, clean_ties, dedup_memberships, Programs};
use super::dataset::{City, Dataset, InputKind, Membership, NetworkMeta, Program, Tie};
use super::diagnostic::{Diagnostic, Diagnostics};
use super::identity::name_key::{display, key};
use super::identity::registry::Registry;
use super::identity::row_cities::resolve_city;
use super::network_toml::{read_network_toml, salvage_aliases};
use super::options::{input_name, LoadOptions};
use super::read::csv_table::read_table;
use super::read::sheet::Table;
use super::rows::columns::{find_col, CITY, COUNTRY, LAT, LON, PROGRAM, WEIGHT};
use super::rows::{coords, empty_name, has_rows, weight_of, years};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Loads the network folder `dir`.
pub(crate) fn load_folder(
    dir: &Path,
    opts: &LoadOptions,
    diags: &mut Diagnostics,
) -> Option<Dataset> {
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
    let (meta, aliases) = folder_meta(dir, opts, &mut files, diags)?;
    let mut reg = Registry::with_aliases(&aliases);
    let city_attrs = folder_cities(&dir.join("cities.csv"), opts, &mut reg, &mut files, diags)?;
    let programs_path = dir.join("programs.csv");
    let declared = programs_path.exists();
    let (mut programs, program_attrs) = if declared {
        files.push(programs_path.clone());
        folder_programs(&programs_path, opts, diags)
    } else {
        (Programs::default(), vec![])
    };
    let mut memberships = vec![];
    if members_path.exists() {
        files.push(members_path.clone());
        if let Some(t) = read_table(&members_path, opts.encoding, opts.max_memory, diags) {
            let refs = FolderRefs {
                reg: &reg,
                declared,
            };
            memberships = folder_memberships(&t, opts, &refs, &mut programs, diags);
        }
    }
    let mut ties = vec![];
    if ties_path.exists() {
        files.push(ties_path.clone());
        if let Some(t) = read_table(&ties_path, opts.encoding, opts.max_memory, diags) {
            ties = folder_ties(&t, opts, &reg, diags);
        }
    }
    let mut ds = base_dataset(dir, InputKind::NetworkFolder, files);
    ds.meta = meta;
    ds.cities = reg.cities;
    ds.programs = programs.list;
    ds.memberships = memberships;
    ds.ties = ties;
    ds.city_attrs = city_attrs;
    ds.program_attrs = program_attrs;
    Some(ds)
}

/// network.toml: the metadata and the aliases (the user's first, then the file's). `None`
/// when the file cannot be read well enough to know how names resolve.
fn folder_meta(
    dir: &Path,
    opts: &LoadOptions,
    files: &mut Vec<PathBuf>,
    diags: &mut Diagnostics,
) -> Option<(NetworkMeta, Vec<(String, String)>)> {
    let toml_path = dir.join("network.toml");
    let mut meta = NetworkMeta {
        title: input_name(dir),
        ..Default::default()
    };
    let mut aliases = opts.aliases.clone();
    if !toml_path.exists() {
        diags.push(Diagnostic::warning(
            &toml_path,
            "no network.toml: the network has no stated title, sources or licence",
        ));
        return Some((meta, aliases));
    }
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
    Some((meta, aliases))
}

/// cities.csv: declares the cities into `reg`; returns the city attribute names. `None` when
/// the file is missing, unreadable or lacks its name and country columns.
fn folder_cities(
    cities_path: &Path,
    opts: &LoadOptions,
    reg: &mut Registry,
    files: &mut Vec<PathBuf>,
    diags: &mut Diagnostics,
) -> Option<Vec<String>> {
    if !cities_path.exists() {
        diags.push(Diagnostic::error(
            cities_path,
            "missing: a network folder needs cities.csv (columns name, country)",
        ));
        return None;
    }
    files.push(cities_path.to_path_buf());
    let t = read_table(cities_path, opts.encoding, opts.max_memory, diags)?;
    has_rows(&t, "city", diags);
    let c = &opts.columns;
    let name_c = find_col(&t, &c.city, &["name", "city"], true, "--city-col", diags);
    let country_c = find_col(&t, &c.country, COUNTRY, true, "--country-col", diags);
    let lat_c = find_col(&t, &c.lat, LAT, false, "--lat-col", diags);
    let lon_c = find_col(&t, &c.lon, LON, false, "--lon-col", diags);
    let (name_c, country_c) = (name_c?, country_c?);
    let attr_cols: Vec<usize> = (0..t.headers.len())
        .filter(|&i| ![Some(name_c), Some(country_c), lat_c, lon_c].contains(&Some(i)))
        .filter(|&i| !t.is_row_names(i))
        .collect();
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
                    cities_path,
                    format!(
                        "city listed again (same as line {}); kept once",
                        city_line[&id]
                    ),
                )
            } else {
                Diagnostic::error(
                    cities_path,
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
    Some(attr_cols.iter().map(|&i| t.keys()[i].clone()).collect())
}

/// programs.csv: the declared programs and their attribute names.
fn folder_programs(
    programs_path: &Path,
    opts: &LoadOptions,
    diags: &mut Diagnostics,
) -> (Programs, Vec<String>) {
    let mut programs = Programs::default();
    let Some(t) = read_table(programs_path, opts.encoding, opts.max_memory, diags) else {
        return (programs, vec![]);
    };
    has_rows(&t, "program", diags);
    let names = ["name", "program"];
    let c = &opts.columns;
    let Some(name_c) = find_col(&t, &c.program, &names, true, "--program-col", diags) else {
        return (programs, vec![]);
    };
    let attr_cols: Vec<usize> = (0..t.headers.len())
        .filter(|&i| i != name_c && !t.is_row_names(i))
        .collect();
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
                Diagnostic::error(programs_path, format!("program \"{name}\" is listed twice (first on line {first}); expected one row per program"))
                    .at_line(row.line),
            );
            continue;
        }
        line_of.insert(k, row.line);
        programs.push(Program {
            name: display(name),
            attrs: attr_cols
                .iter()
                .filter(|&&i| !t.cell(row, i).is_empty())
                .map(|&i| (t.keys()[i].clone(), t.cell(row, i).to_string()))
                .collect(),
        });
    }
    let attrs = attr_cols.iter().map(|&i| t.keys()[i].clone()).collect();
    (programs, attrs)
}

/// What memberships.csv refers to: the declared cities, and whether programs.csv declares the
/// programs (otherwise memberships make them).
struct FolderRefs<'a> {
    reg: &'a Registry,
    declared: bool,
}

/// The program a membership row names, made when programs are not declared; `None`, with an
/// error, when the name is empty or unknown.
fn folder_program(
    t: &Table,
    row: &super::read::sheet::Row,
    prog_c: usize,
    declared: bool,
    programs: &mut Programs,
    diags: &mut Diagnostics,
) -> Option<u32> {
    let pname = t.cell(row, prog_c);
    if pname.is_empty() {
        diags.push(empty_name(t, row, prog_c, "program"));
        None
    } else if let Some(p) = programs.get(pname) {
        Some(p)
    } else if declared {
        diags.push(
            Diagnostic::error(
                &t.path,
                "unknown program: expected a program listed in programs.csv",
            )
            .at_line(row.line)
            .in_column(t.headers[prog_c].clone())
            .with_value(pname),
        );
        None
    } else {
        Some(programs.intern(pname))
    }
}

/// memberships.csv: memberships of declared cities.
fn folder_memberships(
    t: &Table,
    opts: &LoadOptions,
    refs: &FolderRefs,
    programs: &mut Programs,
    diags: &mut Diagnostics,
) -> Vec<Membership> {
    has_rows(t, "membership", diags);
    let c = &opts.columns;
    let city_c = find_col(t, &c.city, CITY, true, "--city-col", diags);
    let prog_c = find_col(t, &c.program, PROGRAM, true, "--program-col", diags);
    let country_c = find_col(t, &c.country, COUNTRY, false, "--country-col", diags);
    let weight_c = find_col(t, &c.weight, WEIGHT, false, "--weight-col", diags);
    let role_c = t.col("role");
    let (since_c, until_c) = (t.col("since"), t.col("until"));
    let (Some(city_c), Some(prog_c)) = (city_c, prog_c) else {
        return vec![];
    };
    let mut raw = vec![];
    for row in &t.rows {
        let city = resolve_city(refs.reg, t, row, city_c, country_c, diags);
        let program = folder_program(t, row, prog_c, refs.declared, programs, diags);
        let w = weight_of(t, row, weight_c, diags);
        let (since, until, years_ok) = years(t, row, since_c, until_c, diags);
        if let (Some(city), Some(program), Some(w), true) = (city, program, w, years_ok) {
            let role = role_c
                .map(|c| t.cell(row, c).to_string())
                .filter(|s| !s.is_empty());
            raw.push((city, program, w, role, since, until, row.line));
        }
    }
    dedup_memberships(raw.into_iter(), &t.path, diags)
}

/// ties.csv: direct ties between declared cities.
fn folder_ties(t: &Table, opts: &LoadOptions, reg: &Registry, diags: &mut Diagnostics) -> Vec<Tie> {
    if t.rows.is_empty() && t.skipped == 0 {
        // An empty ties.csv kept as a template is harmless: say so, go on.
        diags.push(
            Diagnostic::warning(
                &t.path,
                "the table has a header but no rows: the network has no direct ties",
            )
            .at_line(1),
        );
    }
    let a_c = find_col(
        t,
        &None,
        &["city_a", "source", "city1"],
        true,
        "--source-col",
        diags,
    );
    let b_c = find_col(
        t,
        &None,
        &["city_b", "target", "city2"],
        true,
        "--target-col",
        diags,
    );
    let ca_c = t.col_any(&["country_a", "country1"]);
    let cb_c = t.col_any(&["country_b", "country2"]);
    let weight_c = find_col(
        t,
        &opts.columns.weight,
        WEIGHT,
        false,
        "--weight-col",
        diags,
    );
    let kind_c = t.col("kind");
    let (since_c, until_c) = (t.col("since"), t.col("until"));
    let (Some(a_c), Some(b_c)) = (a_c, b_c) else {
        return vec![];
    };
    let mut raw = vec![];
    for row in &t.rows {
        let a = resolve_city(reg, t, row, a_c, ca_c, diags);
        let b = resolve_city(reg, t, row, b_c, cb_c, diags);
        let w = weight_of(t, row, weight_c, diags);
        let (since, until, years_ok) = years(t, row, since_c, until_c, diags);
        if let (Some(a), Some(b), Some(w), true) = (a, b, w, years_ok) {
            let kind = kind_c
                .map(|c| t.cell(row, c).to_string())
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "tie".into());
            raw.push((a, b, w, kind, since, until, row.line));
        }
    }
    clean_ties(raw.into_iter(), &t.path, diags)
}
