//! The dataset stage: programs interned, memberships and ties cleaned (repeats, self-loops),
//! and the [`Dataset`] put together.

use super::dataset::{Dataset, InputKind, Membership, Program, Tie};
use super::diagnostic::{Diagnostic, Diagnostics};
use super::identity::{display, key};
use super::options::input_name;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// An empty dataset named after `path`, read from `files`.
pub(crate) fn base_dataset(path: &Path, kind: InputKind, files: Vec<PathBuf>) -> Dataset {
    Dataset {
        files,
        ..Dataset::empty(&input_name(path), kind, path)
    }
}

/// Programs by identity ([`key`] of the name), in the order first seen.
#[derive(Default)]
pub(crate) struct Programs {
    pub list: Vec<Program>,
    ids: HashMap<String, u32>,
}

impl Programs {
    /// The program named `name`, made (without attributes) when new.
    pub fn intern(&mut self, name: &str) -> u32 {
        let list = &mut self.list;
        *self.ids.entry(key(name)).or_insert_with(|| {
            list.push(Program {
                name: display(name),
                attrs: BTreeMap::new(),
            });
            list.len() as u32 - 1
        })
    }

    /// The program named `name`, when known.
    pub fn get(&self, name: &str) -> Option<u32> {
        self.ids.get(&key(name)).copied()
    }

    /// Adds a program whose identity is new.
    pub fn push(&mut self, p: Program) -> u32 {
        let id = self.list.len() as u32;
        self.ids.insert(key(&p.name), id);
        self.list.push(p);
        id
    }
}

pub(crate) type RawMembership = (u32, u32, f64, Option<String>, Option<i32>, Option<i32>, u64);

/// Keeps the first of repeated (city, program) memberships, with a warning naming both lines.
pub(crate) fn dedup_memberships(
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
                    if first == line {
                        format!("lists the same program twice in one cell; kept once{note}")
                    } else {
                        format!(
                            "repeats the membership of line {first} (same city and program); kept once{note}"
                        )
                    },
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

pub(crate) type RawTie = (u32, u32, f64, String, Option<i32>, Option<i32>, u64);

/// Drops self-loops and merges repeated pairs (same kind) by summing their weights, each with a
/// warning naming the line.
pub(crate) fn clean_ties(
    raw: impl Iterator<Item = RawTie>,
    path: &Path,
    diags: &mut Diagnostics,
) -> Vec<Tie> {
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
