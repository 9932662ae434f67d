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

/// Largest `R²` for which [`PairIndex`] keeps a direct `R × R` lookup table (4 MB).
pub const DENSE_LOOKUP: usize = 1 << 20;

/// Index of the class pairs that occur and of their histogram cells.
///
/// Only class pairs `(lo, hi)` with two cities in a common program are indexed (in ascending
/// `(lo, hi)` order), so the index grows with the class pairs that exist, not with `R²`: with
/// `--eligible`, classes are (degree, group) and `R` runs to thousands.
#[derive(Debug, Clone)]
pub struct PairIndex {
    /// Class of each city (cities without programs are never in a pair).
    pub class_of: Vec<u32>,
    /// `his[starts[lo]..starts[lo + 1]]`: the classes `hi ≥ lo` paired with `lo`, ascending;
    /// position `k` in `his` is class pair number `k`.
    starts: Vec<usize>,
    his: Vec<u32>,
    /// `dense[lo * R + hi]`: the class pair number, when `R²` is at most [`DENSE_LOOKUP`]
    /// (a direct lookup for the pair walks; a binary search in `his` otherwise).
    dense: Option<Vec<u32>>,
    /// Start of the cells `s = 0..=cap` of each class pair.
    pub offsets: Vec<usize>,
    /// Largest possible shared count of each class pair (`min` of the class degrees).
    pub caps: Vec<u32>,
    /// Total number of cells.
    pub cells: usize,
}

impl PairIndex {
    /// Builds the index from each city's class and each class's degree (cap on `s`), listing the
    /// class pairs that share a program in `t`.
    ///
    /// # Complexity
    /// O(Σ_p c_p² log) time for `c_p` distinct classes among program `p`'s members; memory
    /// O(R + class pairs that occur), plus the direct lookup table while `R² ≤ DENSE_LOOKUP`.
    pub fn new(t: &TwoMode, class_of: Vec<u32>, class_degree: &[u32]) -> PairIndex {
        let r = class_degree.len();
        let mut keys: Vec<u64> = Vec::new();
        let mut settled = 0usize;
        let mut classes: Vec<u32> = Vec::new();
        for p in 0..t.n_programs() {
            classes.clear();
            classes.extend(t.members_of(p).0.iter().map(|&c| class_of[c as usize]));
            classes.sort_unstable();
            let mut k = 0;
            while k < classes.len() {
                let lo = classes[k];
                let mut next = k + 1;
                while next < classes.len() && classes[next] == lo {
                    next += 1;
                }
                if next - k >= 2 {
                    keys.push(u64::from(lo) << 32 | u64::from(lo));
                }
                let mut m = next;
                while m < classes.len() {
                    let hi = classes[m];
                    keys.push(u64::from(lo) << 32 | u64::from(hi));
                    while m < classes.len() && classes[m] == hi {
                        m += 1;
                    }
                }
                k = next;
            }
            // Deduplicate as it grows, so memory follows the distinct class pairs.
            if keys.len() > 2 * settled + (1 << 20) {
                keys.sort_unstable();
                keys.dedup();
                settled = keys.len();
            }
        }
        keys.sort_unstable();
        keys.dedup();
        let mut starts = vec![0usize; r + 1];
        for &k in &keys {
            starts[(k >> 32) as usize + 1] += 1;
        }
        for lo in 0..r {
            starts[lo + 1] += starts[lo];
        }
        let his: Vec<u32> = keys.iter().map(|&k| k as u32).collect();
        let mut offsets = Vec::with_capacity(keys.len());
        let mut caps = Vec::with_capacity(keys.len());
        let mut cells = 0usize;
        for &k in &keys {
            let (lo, hi) = ((k >> 32) as usize, (k as u32) as usize);
            let cap = class_degree[lo].min(class_degree[hi]);
            offsets.push(cells);
            caps.push(cap);
            cells += cap as usize + 1;
        }
        let dense = (r * r <= DENSE_LOOKUP).then(|| {
            let mut d = vec![u32::MAX; r * r];
            for (k, &key) in keys.iter().enumerate() {
                d[(key >> 32) as usize * r + (key as u32) as usize] = k as u32;
            }
            d
        });
        PairIndex {
            class_of,
            starts,
            his,
            dense,
            offsets,
            caps,
            cells,
        }
    }

    /// Number of class pairs indexed.
    pub fn n_pairs(&self) -> usize {
        self.his.len()
    }

    /// The class pairs `(lo, hi, number)`, ascending.
    pub fn pairs(&self) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        (0..self.starts.len() - 1).flat_map(move |lo| {
            (self.starts[lo]..self.starts[lo + 1]).map(move |k| (lo, self.his[k] as usize, k))
        })
    }

    /// Number of the class pair of two cities sharing a program.
    #[inline]
    pub fn class_pair(&self, i: usize, j: usize) -> usize {
        self.pair_of_classes(self.class_of[i], self.class_of[j])
    }

    /// Number of the class pair of classes `a` and `b` (in either order), which must be indexed.
    #[inline]
    pub fn pair_of_classes(&self, a: u32, b: u32) -> usize {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        if let Some(d) = &self.dense {
            let k = d[lo as usize * (self.starts.len() - 1) + hi as usize];
            debug_assert!(
                k != u32::MAX,
                "two cities sharing a program form an indexed pair"
            );
            return k as usize;
        }
        let range = self.starts[lo as usize]..self.starts[lo as usize + 1];
        let k = self.his[range.clone()]
            .binary_search(&hi)
            .expect("two cities sharing a program form an indexed class pair");
        range.start + k
    }

    /// Cell of a pair of cities sharing `s ≥ 1` programs.
    #[inline]
    pub fn cell(&self, i: usize, j: usize, s: u32) -> usize {
        self.offsets[self.class_pair(i, j)] + s as usize
    }
}

/// Number of pairs per cell (`(class_i, class_j, shared)`), over every pair sharing ≥ 1 program.
/// Parallel over interleaved chunks of cities; the counts are integers, so the result does not
/// depend on the thread count.
///
/// # Complexity
/// O(Σ_p k_p² / 2) time; O(threads · (n + R + cells)) memory (a few histograms per thread).
pub fn histogram(t: &TwoMode, idx: &PairIndex) -> Vec<u64> {
    let n = t.n_cities();
    let r = idx.starts.len() - 1;
    let chunks = (rayon::current_num_threads() * 4).max(1);
    // One histogram per piece of work rayon splits off (a few per thread), not per chunk.
    (0..chunks)
        .into_par_iter()
        .fold(
            || {
                // Offset of the class pair of row i's class with each class, looked up once
                // per row.
                let memo = vec![(usize::MAX, 0usize); r];
                (vec![0u64; idx.cells], vec![0u32; n], Vec::new(), memo)
            },
            |(mut hist, mut acc, mut touched, mut memo), c| {
                let mut i = c;
                while i < n {
                    row_shared(t, i, &mut acc, &mut touched, |j, s| {
                        let b = idx.class_of[j as usize] as usize;
                        if memo[b].0 != i {
                            memo[b] = (i, idx.offsets[idx.class_pair(i, j as usize)]);
                        }
                        hist[memo[b].1 + s as usize] += 1;
                    });
                    i += chunks;
                }
                (hist, acc, touched, memo)
            },
        )
        .map(|state| state.0)
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// The index and the histogram against a plain enumeration of every city pair: the class
    /// pairs indexed are exactly those of pairs sharing a program, and each cell counts the
    /// pairs of its class pair and shared count. With few classes (direct lookup) and with many
    /// (binary search).
    #[test]
    fn index_and_histogram_match_a_plain_enumeration() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % m
        };
        let (n, np) = (1200usize, 60usize);
        let mut edges = vec![];
        for p in 0..np {
            let size = 2 + next(if p < 3 { 300 } else { 30 }) as usize;
            let mut members: Vec<u32> = (0..size).map(|_| next(n as u64) as u32).collect();
            members.sort_unstable();
            members.dedup();
            edges.extend(members.into_iter().map(|c| (c, p as u32, 1.0)));
        }
        let t = TwoMode::new(n, np, &edges);
        // Classes as `--eligible` makes them: (degree, group), 2 groups or one per city.
        for groups in [2u64, n as u64] {
            let keys: Vec<(u32, u64)> = (0..n)
                .map(|i| {
                    let g = if groups == 2 { next(2) } else { i as u64 };
                    (t.programs_of(i).0.len() as u32, g)
                })
                .collect();
            let mut distinct = keys.clone();
            distinct.sort_unstable();
            distinct.dedup();
            let class_of: Vec<u32> = keys
                .iter()
                .map(|k| distinct.binary_search(k).unwrap() as u32)
                .collect();
            let degree: Vec<u32> = distinct.iter().map(|k| k.0).collect();
            let n_classes = distinct.len();
            // Plain: every pair of cities, shared programs by set intersection.
            let mut want: BTreeMap<(u32, u32, u32), u64> = BTreeMap::new();
            for i in 0..n {
                for j in i + 1..n {
                    let (pi, pj) = (t.programs_of(i).0, t.programs_of(j).0);
                    let s = pi.iter().filter(|p| pj.contains(p)).count() as u32;
                    if s > 0 {
                        let (a, b) = (class_of[i], class_of[j]);
                        *want.entry((a.min(b), a.max(b), s)).or_default() += 1;
                    }
                }
            }
            let idx = PairIndex::new(&t, class_of.clone(), &degree);
            assert_eq!(idx.dense.is_some(), groups == 2);
            let hist = histogram(&t, &idx);
            let mut got: BTreeMap<(u32, u32, u32), u64> = BTreeMap::new();
            for (lo, hi, k) in idx.pairs() {
                assert_eq!(idx.pair_of_classes(hi as u32, lo as u32), k);
                assert_eq!(idx.caps[k], degree[lo].min(degree[hi]));
                for s in 0..=idx.caps[k] {
                    let c = hist[idx.offsets[k] + s as usize];
                    if c > 0 {
                        got.insert((lo as u32, hi as u32, s), c);
                    }
                }
            }
            assert_eq!(got, want, "{n_classes} classes");
            // Every class pair indexed holds a pair: with many classes, far fewer than R².
            let used: std::collections::BTreeSet<(u32, u32)> =
                want.keys().map(|&(a, b, _)| (a, b)).collect();
            assert_eq!(idx.n_pairs(), used.len(), "{n_classes} classes");
            if groups > 2 {
                assert!(idx.n_pairs() * 4 < n_classes * n_classes);
            }
        }
    }
}
