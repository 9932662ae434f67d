//! Streaming enumeration of co-membership pairs and their per-class histogram.
//!
//! A pair of cities `(i, j)`, `i < j`, sharing `s ≥ 1` programs is never stored as a struct: the
//! first pass only counts pairs per `(class_i, class_j, s)` key (pairs with the same key share
//! their p-value), the second pass walks the rows again, block by block, for the pairs a caller
//! wants to keep or write.

use crate::graph::TwoMode;
use rayon::prelude::*;

/// Shared-program counts of city `i` with every `j > i`: calls `f(j, s)` in ascending `j`.
/// `acc` must be all zero of length `n_cities` and is left so; `touched` is scratch.
pub fn row_shared(
    t: &TwoMode,
    i: usize,
    acc: &mut [u32],
    touched: &mut Vec<u32>,
    mut f: impl FnMut(u32, u32),
) {
    touched.clear();
    let (ps, _) = t.programs_of(i);
    for &p in ps {
        let members = t.members_of(p as usize).0;
        let start = members.partition_point(|&c| c as usize <= i);
        for &j in &members[start..] {
            let slot = &mut acc[j as usize];
            if *slot == 0 {
                touched.push(j);
            }
            *slot += 1;
        }
    }
    touched.sort_unstable();
    for &j in touched.iter() {
        let s = acc[j as usize];
        acc[j as usize] = 0;
        f(j, s);
    }
}

/// Index of the class pairs and of their histogram cells.
#[derive(Debug, Clone)]
pub struct PairIndex {
    /// Class of each city (cities without programs are never in a pair).
    pub class_of: Vec<u32>,
    /// Number of classes.
    pub n_classes: usize,
    /// `offsets[lo * R + hi]` (`lo ≤ hi`): start of the cells `s = 0..=cap` of the class pair.
    pub offsets: Vec<usize>,
    /// Largest possible shared count per class pair (`min` of the class degrees).
    pub caps: Vec<u32>,
    /// Total number of cells.
    pub cells: usize,
}

impl PairIndex {
    /// Builds the index from each city's class and each class's degree (cap on `s`).
    pub fn new(class_of: Vec<u32>, class_degree: &[u32]) -> PairIndex {
        let r = class_degree.len();
        let mut offsets = vec![usize::MAX; r * r];
        let mut caps = vec![0u32; r * r];
        let mut cells = 0usize;
        for lo in 0..r {
            for hi in lo..r {
                let cap = class_degree[lo].min(class_degree[hi]);
                offsets[lo * r + hi] = cells;
                caps[lo * r + hi] = cap;
                cells += cap as usize + 1;
            }
        }
        PairIndex {
            class_of,
            n_classes: r,
            offsets,
            caps,
            cells,
        }
    }

    /// Cell of a pair of cities sharing `s` programs.
    #[inline]
    pub fn cell(&self, i: usize, j: usize, s: u32) -> usize {
        let (a, b) = (self.class_of[i] as usize, self.class_of[j] as usize);
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        self.offsets[lo * self.n_classes + hi] + s as usize
    }

    /// Class pair `(lo, hi)` of a pair of cities.
    #[inline]
    pub fn class_pair(&self, i: usize, j: usize) -> usize {
        let (a, b) = (self.class_of[i] as usize, self.class_of[j] as usize);
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        lo * self.n_classes + hi
    }
}

/// Number of pairs per cell (`(class_i, class_j, shared)`), over every pair sharing ≥ 1 program.
/// Parallel over interleaved chunks of cities; the counts are integers, so the result does not
/// depend on the thread count.
///
/// # Complexity
/// O(Σ_p k_p² / 2) time; O(threads · (n + cells)) memory.
pub fn histogram(t: &TwoMode, idx: &PairIndex) -> Vec<u64> {
    let n = t.n_cities();
    let chunks = (rayon::current_num_threads() * 4).max(1);
    (0..chunks)
        .into_par_iter()
        .map(|c| {
            let mut hist = vec![0u64; idx.cells];
            let mut acc = vec![0u32; n];
            let mut touched = Vec::new();
            let mut i = c;
            while i < n {
                row_shared(t, i, &mut acc, &mut touched, |j, s| {
                    hist[idx.cell(i, j as usize, s)] += 1;
                });
                i += chunks;
            }
            hist
        })
        .reduce(
            || vec![0u64; idx.cells],
            |mut a, b| {
                a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                a
            },
        )
}

/// Walks every pair sharing ≥ 1 program in order of `(i, j)`, in parallel blocks of cities, and
/// hands each block's pairs `(i, j, shared)` passing `keep` to `sink` in order.
pub fn for_each_block(
    t: &TwoMode,
    keep: &(impl Fn(usize, usize, u32) -> bool + Sync),
    mut sink: impl FnMut(&[(u32, u32, u32)]),
) {
    let n = t.n_cities();
    const BLOCK: usize = 256;
    let mut start = 0;
    while start < n {
        let end = (start + BLOCK * rayon::current_num_threads().max(1)).min(n);
        let rows: Vec<Vec<(u32, u32, u32)>> = (start..end)
            .into_par_iter()
            .map_init(
                || (vec![0u32; n], Vec::new()),
                |(acc, touched), i| {
                    let mut out = Vec::new();
                    row_shared(t, i, acc, touched, |j, s| {
                        if keep(i, j as usize, s) {
                            out.push((i as u32, j, s));
                        }
                    });
                    out
                },
            )
            .collect();
        for r in &rows {
            sink(r);
        }
        start = end;
    }
}
