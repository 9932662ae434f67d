//! The dataset stage: programs interned, memberships and ties cleaned (repeats, self-loops),
//! and the [`Dataset`] put together.

use super::dataset::{Dataset, InputKind, Membership, Program, Tie, TieKind};
use super::diagnostic::{Diagnostic, Diagnostics};
use super::identity::{display, key};
use super::load::input_name;
use rustc_hash::FxHashMap;
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
    let mut kinds = TieKinds::default();
    let mut ties = vec![];
    let mut lines = vec![];
    for (a, b, weight, kind, since, until, line) in raw {
        ties.push(Tie {
            a,
            b,
            kind: kinds.get(&kind),
            weight,
            since,
            until,
        });
        lines.push(line);
    }
    clean_tie_list(ties, &lines, path, diags)
}

/// Tie kinds by their text, so that ties of one kind share it.
#[derive(Default)]
pub(crate) struct TieKinds(FxHashMap<Box<str>, TieKind>);

impl TieKinds {
    /// The kind written `s`.
    pub fn get(&mut self, s: &str) -> TieKind {
        if let Some(k) = self.0.get(s) {
            return k.clone();
        }
        let k = TieKind::from(s);
        self.0.insert(s.into(), k.clone());
        k
    }
}

/// [`clean_ties`] on ties in file order, `lines[i]` the line of `ties[i]`: self-loops dropped,
/// a repeated pair (either direction, same kind) adds its weight to the first (in file order,
/// so sums are the same as adding row by row), each with a warning, in file order. Repeats are
/// found by sorting (pair, kind, position) rather than with a map: 16 bytes a tie for the
/// sort, freed on return, and the kept ties are compacted in place.
pub(crate) fn clean_tie_list(
    mut ties: Vec<Tie>,
    lines: &[u64],
    path: &Path,
    diags: &mut Diagnostics,
) -> Vec<Tie> {
    const REPEAT: u32 = 1 << 31;
    let n = ties.len();
    assert!(n < REPEAT as usize, "more ties than an edge list can hold");
    // Kinds as small numbers, to sort on.
    let mut kind_no: FxHashMap<&str, u32> = FxHashMap::default();
    let mut order: Vec<(u64, u32, u32)> = Vec::with_capacity(n);
    for (i, t) in ties.iter().enumerate() {
        if t.a == t.b {
            continue;
        }
        let next = kind_no.len() as u32;
        let k = *kind_no.entry(t.kind.as_str()).or_insert(next);
        let pair = (u64::from(t.a.min(t.b)) << 32) | u64::from(t.a.max(t.b));
        order.push((pair, k, i as u32));
    }
    drop(kind_no);
    order.sort_unstable();
    // slot[i]: for a repeat, REPEAT | the position of the first tie of its pair; for a kept
    // tie, its position once compacted.
    let mut slot = vec![0u32; n];
    for g in order.chunk_by(|x, y| x.0 == y.0 && x.1 == y.1) {
        let first = g[0].2;
        for &(_, _, i) in &g[1..] {
            slot[i as usize] = REPEAT | first;
        }
    }
    drop(order);
    let mut kept = 0usize;
    for i in 0..n {
        let line = lines[i];
        if ties[i].a == ties[i].b {
            diags.push(
                Diagnostic::warning(path, "self-loop (a node tied to itself) dropped")
                    .at_line(line),
            );
            continue;
        }
        if slot[i] & REPEAT != 0 {
            let first = (slot[i] & !REPEAT) as usize;
            let w = ties[i].weight;
            ties[slot[first] as usize].weight += w;
            diags.push(
                Diagnostic::warning(
                    path,
                    format!(
                        "repeats the pair of line {}; merged into one edge, weights summed",
                        lines[first]
                    ),
                )
                .at_line(line),
            );
            continue;
        }
        slot[i] = kept as u32;
        ties.swap(kept, i);
        kept += 1;
    }
    ties.truncate(kept);
    ties
}
