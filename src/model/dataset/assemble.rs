//! The dataset stage: programs interned, memberships and ties cleaned (repeats, self-loops),
//! and the [`Dataset`] put together.

use crate::model::dataset::{Dataset, InputKind, Membership, Program, Tie, TieKind};
use crate::model::diagnostic::{Diagnostic, Diagnostics};
use crate::model::identity::name_key::{display, key};
use crate::model::options::input_name;
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
    /// The programs of `list`, by identity (names already distinct by [`key`]).
    pub fn from_list(list: Vec<Program>) -> Programs {
        let ids = list
            .iter()
            .enumerate()
            .map(|(i, p)| (key(&p.name), i as u32))
            .collect();
        Programs { list, ids }
    }

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
    dedup_memberships_kept(raw, path, diags).0
}

/// [`dedup_memberships`], also returning the position in `raw` of each membership kept.
pub(crate) fn dedup_memberships_kept(
    raw: impl Iterator<Item = RawMembership>,
    path: &Path,
    diags: &mut Diagnostics,
) -> (Vec<Membership>, Vec<usize>) {
    let mut seen: HashMap<(u32, u32), (usize, u64)> = HashMap::new();
    let mut out: Vec<Membership> = Vec::new();
    let mut kept: Vec<usize> = Vec::new();
    for (at, (city, program, weight, role, since, until, line)) in raw.enumerate() {
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
        kept.push(at);
        out.push(Membership {
            city,
            program,
            weight,
            role,
            since,
            until,
            attrs: vec![],
        });
    }
    (out, kept)
}

pub(crate) type RawTie = (u32, u32, f64, String, Option<i32>, Option<i32>, u64);

/// Drops self-loops and merges repeated pairs (same kind) by summing their weights, each with a
/// warning naming the line (see [`merge_repeats`]).
pub(crate) fn clean_ties(
    raw: impl Iterator<Item = RawTie>,
    path: &Path,
    diags: &mut Diagnostics,
) -> Vec<Tie> {
    let mut kinds = TieKinds::default();
    let mut ties = vec![];
    let mut kind_no = vec![];
    let mut lines = vec![];
    for (a, b, weight, kind, since, until, line) in raw {
        let k = kinds.id(&kind);
        ties.push(Tie {
            a,
            b,
            kind: kinds.kind(k).clone(),
            weight,
            since,
            until,
        });
        kind_no.push(k);
        lines.push(line);
    }
    let (kept, weights) = merge_repeats(
        ties.len(),
        |i| (ties[i].a, ties[i].b),
        |i| kind_no[i],
        |i| ties[i].weight,
        |i| lines[i],
        path,
        diags,
    );
    // Compact in place: `kept` is ascending, so slot `j ≤ i` is free when tie `i` moves there.
    for (j, (&i, w)) in kept.iter().zip(weights).enumerate() {
        ties.swap(j, i as usize);
        ties[j].weight = w;
    }
    ties.truncate(kept.len());
    ties
}

/// Tie kinds by their text, so that ties of one kind share it; each kind has a small number
/// (in the order first seen).
#[derive(Default)]
pub(crate) struct TieKinds {
    ids: FxHashMap<Box<str>, u32>,
    list: Vec<TieKind>,
}

impl TieKinds {
    /// The number of the kind written `s`.
    pub fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        let i = self.list.len() as u32;
        self.list.push(TieKind::from(s));
        self.ids.insert(s.into(), i);
        i
    }

    /// The kind numbered `i`.
    pub fn kind(&self, i: u32) -> &TieKind {
        &self.list[i as usize]
    }
}

/// The ties to keep among `n` ties in file order (tie `i` joins `pair(i)`, of kind number
/// `kind(i)`, weighs `weight(i)`, read on `line(i)`): self-loops dropped, a repeated pair
/// (either direction, same kind) adds its weight to the first, each with a warning in file
/// order. Returns the kept ties' indices (ascending) and their weights, summed tie by tie in
/// file order (as adding row by row does). Repeats are found by sorting (pair, kind,
/// position), 16 bytes a tie while it runs, rather than with a map.
pub(crate) fn merge_repeats(
    n: usize,
    pair: impl Fn(usize) -> (u32, u32),
    kind: impl Fn(usize) -> u32,
    weight: impl Fn(usize) -> f64,
    line: impl Fn(usize) -> u64,
    path: &Path,
    diags: &mut Diagnostics,
) -> (Vec<u32>, Vec<f64>) {
    const REPEAT: u32 = 1 << 31;
    assert!(n < REPEAT as usize, "more ties than an edge list can hold");
    let mut order: Vec<(u64, u32, u32)> = Vec::with_capacity(n);
    for i in 0..n {
        let (a, b) = pair(i);
        if a != b {
            let key = (u64::from(a.min(b)) << 32) | u64::from(a.max(b));
            order.push((key, kind(i), i as u32));
        }
    }
    order.sort_unstable();
    // slot[i]: for a repeat, REPEAT | the index of the first tie of its pair; for a kept tie,
    // its position among the kept.
    let mut slot = vec![0u32; n];
    for g in order.chunk_by(|x, y| x.0 == y.0 && x.1 == y.1) {
        let first = g[0].2;
        for &(_, _, i) in &g[1..] {
            slot[i as usize] = REPEAT | first;
        }
    }
    drop(order);
    let mut kept: Vec<u32> = vec![];
    let mut weights: Vec<f64> = vec![];
    for i in 0..n {
        let (a, b) = pair(i);
        if a == b {
            diags.push(
                Diagnostic::warning(path, "self-loop (a node tied to itself) dropped")
                    .at_line(line(i)),
            );
            continue;
        }
        if slot[i] & REPEAT != 0 {
            let first = (slot[i] & !REPEAT) as usize;
            weights[slot[first] as usize] += weight(i);
            diags.push(
                Diagnostic::warning(
                    path,
                    format!(
                        "repeats the pair of line {}; merged into one edge, weights summed",
                        line(first)
                    ),
                )
                .at_line(line(i)),
            );
            continue;
        }
        slot[i] = kept.len() as u32;
        kept.push(i as u32);
        weights.push(weight(i));
    }
    (kept, weights)
}
