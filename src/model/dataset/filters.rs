//! Filters on a loaded dataset (`--min-programs`, `--min-members`, `--drop-program`,
//! `--drop-city`, `--where`): applied after reading and before any graph, one pass in the
//! order given, each recorded ([`FilterStep`]) with what it removed.
//!
//! A city removed takes its memberships and direct ties with it; a program removed takes its
//! memberships. Counting filters count what is left when they run: `--drop-program X
//! --min-programs 2` keeps the cities in two programs other than X (R: `m <- m[rownames(m) !=
//! "X", ]; m <- m[, colSums(m) >= 2]`). One pass does not iterate to a fixed point: removing
//! cities can leave programs below `--min-members`; give the filters again to repeat them.

use super::Dataset;
use crate::model::diagnostic::{Diagnostic, Diagnostics};
use crate::model::rows::columns::ColumnMap;
use serde::Serialize;

/// One filter as given on the command line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Filter {
    /// Keep cities in at least K programs.
    MinPrograms(usize),
    /// Keep programs with at least K member cities.
    MinMembers(usize),
    /// Remove the program of this name (exact, then case-insensitive).
    DropProgram(String),
    /// Remove every city of this name (exact, then case-insensitive); "Name, CC" names one
    /// country's.
    DropCity(String),
    /// Keep the cities or programs whose COLUMN equals (`equal`) or differs from VALUE.
    Where {
        column: String,
        value: String,
        equal: bool,
    },
}

impl Filter {
    /// Parses `--where`'s `COLUMN=VALUE` or `COLUMN!=VALUE`.
    pub fn parse_where(s: &str) -> Result<Filter, String> {
        let (column, value, equal) = if let Some((c, v)) = s.split_once("!=") {
            (c, v, false)
        } else if let Some((c, v)) = s.split_once('=') {
            (c, v, true)
        } else {
            return Err(format!(
                "--where {s:?}: expected COLUMN=VALUE or COLUMN!=VALUE, e.g. \
                 'Continent=Europe'"
            ));
        };
        if column.trim().is_empty() {
            return Err(format!("--where {s:?}: the column name is empty"));
        }
        Ok(Filter::Where {
            column: column.trim().to_string(),
            value: value.trim().to_string(),
            equal,
        })
    }

    /// The filter as it is written on the command line.
    pub fn describe(&self) -> String {
        match self {
            Filter::MinPrograms(k) => format!("--min-programs {k}"),
            Filter::MinMembers(k) => format!("--min-members {k}"),
            Filter::DropProgram(n) => format!("--drop-program {n:?}"),
            Filter::DropCity(n) => format!("--drop-city {n:?}"),
            Filter::Where {
                column,
                value,
                equal,
            } => format!(
                "--where '{column}{}{value}'",
                if *equal { "=" } else { "!=" }
            ),
        }
    }
}

use super::filter_step::{FilterStep, NAMES_LISTED};

/// Applies `filters` in order, recording each step in `ds.filtered`. A filter that cannot
/// apply (a `--where` column the input does not have) is an error; one that matches nothing
/// (`--drop-program` of an unknown name) a warning.
pub fn apply(ds: &mut Dataset, filters: &[Filter], columns: &ColumnMap, diags: &mut Diagnostics) {
    for f in filters {
        let (keep_city, keep_program) = match decide(ds, f, columns, diags) {
            Some(k) => k,
            None => continue,
        };
        let step = retain(ds, &keep_city, &keep_program, f.describe());
        let named = matches!(f, Filter::DropProgram(_) | Filter::DropCity(_));
        if named && step.cities_removed + step.programs_removed == 0 {
            diags.push(Diagnostic::warning(
                &ds.path,
                format!(
                    "{}: no such name in the input; nothing removed",
                    f.describe()
                ),
            ));
        }
        ds.filtered.push(step);
    }
}

/// Which cities and programs `f` keeps; `None` (with an error) when it cannot apply.
fn decide(
    ds: &Dataset,
    f: &Filter,
    columns: &ColumnMap,
    diags: &mut Diagnostics,
) -> Option<(Vec<bool>, Vec<bool>)> {
    let all_cities = vec![true; ds.cities.len()];
    let all_programs = vec![true; ds.programs.len()];
    match f {
        Filter::MinPrograms(k) => {
            let mut count = vec![0usize; ds.cities.len()];
            for m in &ds.memberships {
                count[m.city as usize] += 1;
            }
            Some((count.iter().map(|&c| c >= *k).collect(), all_programs))
        }
        Filter::MinMembers(k) => {
            let mut count = vec![0usize; ds.programs.len()];
            for m in &ds.memberships {
                count[m.program as usize] += 1;
            }
            Some((all_cities, count.iter().map(|&c| c >= *k).collect()))
        }
        Filter::DropProgram(name) => {
            let names: Vec<&str> = ds.programs.iter().map(|p| p.name.as_str()).collect();
            let hit = name_matches(&names, name);
            Some((all_cities, hit.iter().map(|h| !h).collect()))
        }
        Filter::DropCity(name) => {
            let hit = city_matches(ds, name);
            Some((hit.iter().map(|h| !h).collect(), all_programs))
        }
        Filter::Where {
            column,
            value,
            equal,
        } => where_keeps(ds, column, value, *equal, columns, diags)
            .map(|(c, p)| (c.unwrap_or(all_cities), p.unwrap_or(all_programs))),
    }
}

/// Exact matches of `name` among `names`; when there are none, case-insensitive ones.
fn name_matches(names: &[&str], name: &str) -> Vec<bool> {
    let exact: Vec<bool> = names.iter().map(|n| *n == name).collect();
    if exact.iter().any(|&b| b) {
        return exact;
    }
    let folded = name.to_lowercase();
    names.iter().map(|n| n.to_lowercase() == folded).collect()
}

/// The cities `name` designates: by name, or "Name, CC" for one country's.
fn city_matches(ds: &Dataset, name: &str) -> Vec<bool> {
    let names: Vec<&str> = ds.cities.iter().map(|c| c.name.as_str()).collect();
    let by_name = name_matches(&names, name);
    if by_name.iter().any(|&b| b) {
        return by_name;
    }
    let Some((n, cc)) = name.rsplit_once(',') else {
        return by_name;
    };
    let (n, cc) = (n.trim().to_lowercase(), cc.trim().to_lowercase());
    ds.cities
        .iter()
        .map(|c| c.name.to_lowercase() == n && c.country.to_lowercase() == cc)
        .collect()
}

/// The cities or programs a `--where` keeps: the column is the city, country or program
/// column (by its name or the words `city`, `country`, `program`) or any other input column
/// (case-insensitive). A column holding several values for one city ("a; b") matches when
/// one of them is VALUE (case-insensitive); `!=` keeps those where none is.
type Keeps = (Option<Vec<bool>>, Option<Vec<bool>>);

fn where_keeps(
    ds: &Dataset,
    column: &str,
    value: &str,
    equal: bool,
    columns: &ColumnMap,
    diags: &mut Diagnostics,
) -> Option<Keeps> {
    let col = column.to_lowercase();
    let is = |given: &Option<String>, word: &str| {
        col == word || given.as_ref().is_some_and(|g| g.to_lowercase() == col)
    };
    let value = value.to_lowercase();
    let test = |cell: &str| {
        let has = cell.split("; ").any(|v| v.trim().to_lowercase() == value);
        has == equal
    };
    if is(&columns.city, "city") {
        return Some((
            Some(ds.cities.iter().map(|c| test(&c.name)).collect()),
            None,
        ));
    }
    if is(&columns.country, "country") {
        return Some((
            Some(ds.cities.iter().map(|c| test(&c.country)).collect()),
            None,
        ));
    }
    if is(&columns.program, "program") {
        return Some((
            None,
            Some(ds.programs.iter().map(|p| test(&p.name)).collect()),
        ));
    }
    let attr = |attrs: &[String]| attrs.iter().find(|a| a.to_lowercase() == col).cloned();
    if let Some(a) = attr(&ds.city_attrs) {
        let keep = ds
            .cities
            .iter()
            .map(|c| test(c.attrs.get(&a).map(String::as_str).unwrap_or("")))
            .collect();
        return Some((Some(keep), None));
    }
    if let Some(a) = attr(&ds.program_attrs) {
        let keep = ds
            .programs
            .iter()
            .map(|p| test(p.attrs.get(&a).map(String::as_str).unwrap_or("")))
            .collect();
        return Some((None, Some(keep)));
    }
    let mut known: Vec<String> = vec!["city".into(), "country".into(), "program".into()];
    known.extend(ds.city_attrs.iter().cloned());
    known.extend(ds.program_attrs.iter().cloned());
    diags.push(Diagnostic::error(
        &ds.path,
        format!(
            "--where '{column}…': no column {column:?} in the input; expected one of: {}",
            known.join(", ")
        ),
    ));
    None
}

/// Keeps the cities and programs marked, with the memberships and ties between kept ones, and
/// says what went.
fn retain(
    ds: &mut Dataset,
    keep_city: &[bool],
    keep_program: &[bool],
    filter: String,
) -> FilterStep {
    let mut step = FilterStep {
        filter,
        ..Default::default()
    };
    for (i, c) in ds.cities.iter().enumerate() {
        if !keep_city[i] {
            step.cities_removed += 1;
            if step.removed.len() < NAMES_LISTED {
                step.removed.push(if c.country.is_empty() {
                    c.name.clone()
                } else {
                    format!("{} ({})", c.name, c.country)
                });
            }
        }
    }
    for (i, p) in ds.programs.iter().enumerate() {
        if !keep_program[i] {
            step.programs_removed += 1;
            if step.removed.len() < NAMES_LISTED {
                step.removed.push(p.name.clone());
            }
        }
    }
    let city_id = renumber(keep_city);
    let program_id = renumber(keep_program);
    let before = ds.memberships.len();
    ds.memberships.retain_mut(|m| {
        match (city_id[m.city as usize], program_id[m.program as usize]) {
            (Some(c), Some(p)) => {
                m.city = c;
                m.program = p;
                true
            }
            _ => false,
        }
    });
    step.memberships_removed = before - ds.memberships.len();
    let before = ds.ties.len();
    ds.ties
        .retain_mut(|t| match (city_id[t.a as usize], city_id[t.b as usize]) {
            (Some(a), Some(b)) => {
                t.a = a;
                t.b = b;
                true
            }
            _ => false,
        });
    step.ties_removed = before - ds.ties.len();
    let mut i = 0;
    ds.cities.retain(|_| {
        i += 1;
        keep_city[i - 1]
    });
    let mut i = 0;
    ds.programs.retain(|_| {
        i += 1;
        keep_program[i - 1]
    });
    if let Some(pl) = &mut ds.places {
        // Merges and corrections of removed cities go with them; the others are renumbered.
        pl.merges.retain_mut(|m| match city_id[m.city as usize] {
            Some(c) => {
                m.city = c;
                true
            }
            None => false,
        });
        pl.corrected = pl
            .corrected
            .iter()
            .filter_map(|&c| city_id[c as usize])
            .collect();
    }
    if let Some(g) = &mut ds.geocoding {
        let mut i = 0;
        g.source.retain(|_| {
            i += 1;
            keep_city[i - 1]
        });
    }
    step.cities_left = ds.cities.len();
    step.programs_left = ds.programs.len();
    step.memberships_left = ds.memberships.len();
    step
}

/// New ids of the kept items, in order.
fn renumber(keep: &[bool]) -> Vec<Option<u32>> {
    let mut next = 0u32;
    keep.iter()
        .map(|&k| {
            k.then(|| {
                next += 1;
                next - 1
            })
        })
        .collect()
}

/// The filters in words for a methods text: "`--min-programs 2` removed 3 cities (12
/// memberships); ...".
pub fn describe_steps(steps: &[FilterStep]) -> String {
    steps
        .iter()
        .map(|s| {
            format!(
                "{} removed {} cities, {} programs, {} memberships and {} ties \
                 (left: {} cities, {} programs, {} memberships)",
                s.filter,
                s.cities_removed,
                s.programs_removed,
                s.memberships_removed,
                s.ties_removed,
                s.cities_left,
                s.programs_left,
                s.memberships_left
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}
