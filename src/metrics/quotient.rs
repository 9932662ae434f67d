//! Exact projection measures through the quotient by structural twins
//! ([`crate::graph::twins`]).
//!
//! Twins (cities with the same programs and weights) have the same neighbours and the same
//! weight to every other city, so every shortest-path and triangle count of the projection `G`
//! is a count over twin classes with class sizes as multiplicities. On a real membership table
//! the quotient has a few hundred classes where `G` has tens of millions of edges; the results
//! are those of the kernels on the built `G` (exact counts exactly, sums to rounding).
//!
//! **Brandes with multiplicities** (Sariyüce, Saule, Kaya and Çatalyürek, "Shattering and
//! compressing networks for betweenness centrality", SDM 2013; Puzis, Elovici and Dolev on
//! structural equivalence). From a source `u` in class `A`, the members of every other class `C`
//! share one distance, one path count `σ(C)` and one dependency `δ(C)`; `u`'s own twins form a
//! pseudo-class `A'` of `s_A − 1` nodes joined to `u` with `A`'s internal weight and to `A`'s
//! neighbours as `A` is. Then `σ(D) = Σ_{P pred D} σ(P)·mult(P)` (`mult` = 1 for the source,
//! the class size otherwise), `δ(C) = Σ_{D succ C} mult(D)·σ(C)/σ(D)·(1 + δ(D))`, and a city of
//! class `C` has raw betweenness `Σ_{A ≠ C} s_A·δ_A(C)`. `A'` is never a predecessor (a path
//! through a twin of the source is longer than the same path from the source), so its own
//! dependency is 0; with hop counts it is at distance 1 with the source as only predecessor and
//! drops out entirely.

use super::paths::fixed_chunks;
use super::weighted::EdgeLength;
use crate::graph::{TwinClasses, TwinQuotient, TwoMode};
use rayon::prelude::*;
use std::cmp::Ordering as CmpOrdering;
use std::collections::BinaryHeap;
use std::sync::atomic::{AtomicU64, Ordering};

/// The quotient of the city projection by its twin classes, and what betweenness on it costs.
pub struct TwinPlan {
    /// The quotient.
    pub quotient: TwinQuotient,
    /// Estimated seconds of [`betweenness`] through it: [`brandes_visits`] times the
    /// `seconds_per_visit` given to [`twin_plan`].
    pub betweenness_seconds: f64,
}

/// The twin quotient of `t`'s city projection when it pays: at most half as many classes as
/// cities, and at most `edge_limit` quotient edges ([`edge_bound`], known before building it).
/// O(memberships) to decide; building it is O(Σ_A Σ_{p ∋ rep(A)} k_p).
pub fn twin_plan(t: &TwoMode, edge_limit: u64, seconds_per_visit: f64) -> Option<TwinPlan> {
    let classes = t.city_twins();
    if !pays(t, &classes, edge_limit) {
        return None;
    }
    let q = t.city_quotient(classes);
    let secs = brandes_visits(&q) * seconds_per_visit;
    Some(TwinPlan {
        quotient: q,
        betweenness_seconds: secs,
    })
}

/// Whether the quotient by `classes` pays: at most half as many classes as cities and at most
/// `edge_limit` quotient edges ([`edge_bound`]).
fn pays(t: &TwoMode, classes: &TwinClasses, edge_limit: u64) -> bool {
    2 * classes.n_classes() <= t.n_cities() && edge_bound(t, classes) <= edge_limit
}

/// The number of twin classes of `t`'s city projection when its quotient pays (as
/// [`twin_plan`] decides), without building it. O(memberships).
pub fn twins_pay(t: &TwoMode, edge_limit: u64) -> Option<usize> {
    let classes = t.city_twins();
    pays(t, &classes, edge_limit).then(|| classes.n_classes())
}

/// Upper bound on the quotient's edges, from the classes in each program: `Σ_p c_p(c_p−1)/2`
/// with `c_p` the number of classes among `p`'s members, at most `k(k−1)/2`. O(memberships).
pub fn edge_bound(t: &TwoMode, classes: &TwinClasses) -> u64 {
    let k = classes.n_classes() as u64;
    let mut stamp = vec![u32::MAX; classes.n_classes()];
    let mut bound = 0u64;
    for p in 0..t.n_programs() {
        let mut c = 0u64;
        for &v in t.members_of(p).0 {
            let cv = classes.class_of(v as usize);
            if stamp[cv] != p as u32 {
                stamp[cv] = p as u32;
                c += 1;
            }
        }
        bound += c * c.saturating_sub(1) / 2;
    }
    bound.min(k * k.saturating_sub(1) / 2)
}

/// Node and arc visits of [`betweenness_raw_classes`]: `Σ_{A with a program} (k + 2m_q)`.
pub fn brandes_visits(q: &TwinQuotient) -> f64 {
    let k = q.n_classes();
    let sources = (0..k).filter(|&a| q.internal(a).is_some()).count();
    sources as f64 * (k as f64 + 2.0 * q.edge_count() as f64)
}

/// Raw shortest-path (hop) betweenness of each **class** over ordered source–target pairs of
/// cities: the value of [`super::betweenness_raw`] on the built projection at every member.
///
/// # Complexity
/// One BFS of the quotient per class with a program: O(k·(k + m_q)) time for `k` classes and
/// `m_q` quotient edges, O(k) scratch per thread. Parallel over source classes in chunks fixed
/// by `k`; each chunk sums into its own vector and the vectors are added in chunk order, so the
/// result does not depend on the thread count.
pub fn betweenness_raw_classes(q: &TwinQuotient) -> Vec<f64> {
    let k = q.n_classes();
    let cls = q.classes();
    let parts: Vec<Vec<f64>> = fixed_chunks(k, 1)
        .into_par_iter()
        .map_init(
            || HopScratch::new(k),
            |scratch, range| {
                let mut acc = vec![0.0; k];
                for a in range {
                    if q.internal(a).is_some() {
                        scratch.run(q, a, cls.size(a) as f64, &mut acc);
                    }
                }
                acc
            },
        )
        .collect();
    sum_parts(&parts, k)
}

/// Shortest-path (hop) betweenness of every city, normalised as [`super::betweenness`]
/// (`2/((n−1)(n−2))` over unordered pairs): the same numbers as
/// `nx.betweenness_centrality(G, normalized=True)` on the projection, computed on the quotient.
pub fn betweenness(q: &TwinQuotient) -> Vec<f64> {
    let n = q.classes().n_nodes();
    let raw = betweenness_raw_classes(q);
    let scale = if n > 2 {
        1.0 / ((n as f64 - 1.0) * (n as f64 - 2.0))
    } else {
        1.0
    };
    per_node(q, |c| raw[c] * scale)
}

fn per_node<T: Copy>(q: &TwinQuotient, value: impl Fn(usize) -> T) -> Vec<T> {
    let cls = q.classes();
    let per_class: Vec<T> = (0..q.n_classes()).map(value).collect();
    cls.labels()
        .iter()
        .map(|&c| per_class[c as usize])
        .collect()
}

fn sum_parts(parts: &[Vec<f64>], k: usize) -> Vec<f64> {
    let mut out = vec![0.0; k];
    for p in parts {
        for (o, x) in out.iter_mut().zip(p) {
            *o += x;
        }
    }
    out
}

/// Scratch of one quotient BFS (hop counts).
struct HopScratch {
    dist: Vec<u32>,
    sigma: Vec<f64>,
    delta: Vec<f64>,
    order: Vec<u32>,
}

impl HopScratch {
    fn new(k: usize) -> Self {
        HopScratch {
            dist: vec![u32::MAX; k],
            sigma: vec![0.0; k],
            delta: vec![0.0; k],
            order: Vec::with_capacity(k),
        }
    }

    /// Brandes from one city of class `a`, its dependencies times `weight` (the class size:
    /// every member is a source with the same dependencies) added to `acc`.
    fn run(&mut self, q: &TwinQuotient, a: usize, weight: f64, acc: &mut [f64]) {
        let cls = q.classes();
        let HopScratch {
            dist,
            sigma,
            delta,
            order,
        } = self;
        order.clear();
        order.push(a as u32);
        dist[a] = 0;
        sigma[a] = 1.0;
        let mut head = 0;
        while head < order.len() {
            let c = order[head] as usize;
            head += 1;
            let dc = dist[c] + 1;
            let flow = if c == a {
                1.0
            } else {
                sigma[c] * cls.size(c) as f64
            };
            for &d in q.neighbors(c) {
                let d = d as usize;
                if dist[d] == u32::MAX {
                    dist[d] = dc;
                    order.push(d as u32);
                }
                if dist[d] == dc {
                    sigma[d] += flow;
                }
            }
        }
        // Dependencies, deepest first: δ(C) = σ(C)·Σ_{D succ C} s_D (1 + δ(D)) / σ(D).
        for &c in order[1..].iter().rev() {
            let c = c as usize;
            let dc = dist[c] + 1;
            let mut sum = 0.0;
            for &d in q.neighbors(c) {
                let d = d as usize;
                if dist[d] == dc {
                    sum += cls.size(d) as f64 * (1.0 + delta[d]) / sigma[d];
                }
            }
            delta[c] = sigma[c] * sum;
            acc[c] += weight * delta[c];
        }
        for &c in order.iter() {
            let c = c as usize;
            dist[c] = u32::MAX;
            sigma[c] = 0.0;
            delta[c] = 0.0;
        }
    }
}

/// Degree of every city in the projection: `(s_C − 1)` twins when its class has a program,
/// plus the members of every adjacent class.
pub fn degree_classes(q: &TwinQuotient) -> Vec<u64> {
    let cls = q.classes();
    (0..q.n_classes())
        .map(|c| {
            let twins = if q.internal(c).is_some() {
                cls.size(c) as u64 - 1
            } else {
                0
            };
            twins
                + q.neighbors(c)
                    .iter()
                    .map(|&d| cls.size(d as usize) as u64)
                    .sum::<u64>()
        })
        .collect()
}

/// Triangles through each city of each class (as [`super::triangles`] on the projection).
///
/// For a city of class `C` with `t = s_C − 1` twins and adjacent classes `D` (sizes `s_D`,
/// total `S`): `C(t,2) + t·S + Σ_D C(s_D,2) + Σ_{D<E, D~E} s_D·s_E` (twins are adjacent to each
/// other and to all of `C`'s neighbours; members of one adjacent class are twins with a
/// program, hence adjacent). The last sum runs over the quotient's triangles through `C`,
/// found once each by the forward algorithm and credited with integer atomics: exact and
/// independent of the thread count. O(m_q^1.5) worst case.
pub fn triangles_classes(q: &TwinQuotient) -> Vec<u64> {
    let k = q.n_classes();
    let cls = q.classes();
    let s = |c: usize| cls.size(c) as u64;
    let deg = |c: usize| q.neighbors(c).len();
    let rank_less = |a: usize, b: usize| (deg(a), a) < (deg(b), b);
    let out: Vec<Vec<u32>> = (0..k)
        .into_par_iter()
        .map(|c| {
            q.neighbors(c)
                .iter()
                .copied()
                .filter(|&d| rank_less(c, d as usize))
                .collect()
        })
        .collect();
    let pairs: Vec<AtomicU64> = (0..k).map(|_| AtomicU64::new(0)).collect();
    (0..k).into_par_iter().with_min_len(16).for_each(|c| {
        let oc = &out[c];
        for &d in oc {
            let od = &out[d as usize];
            let (mut i, mut j) = (0, 0);
            while i < oc.len() && j < od.len() {
                match oc[i].cmp(&od[j]) {
                    CmpOrdering::Less => i += 1,
                    CmpOrdering::Greater => j += 1,
                    CmpOrdering::Equal => {
                        let (d, e) = (d as usize, oc[i] as usize);
                        pairs[c].fetch_add(s(d) * s(e), Ordering::Relaxed);
                        pairs[d].fetch_add(s(c) * s(e), Ordering::Relaxed);
                        pairs[e].fetch_add(s(c) * s(d), Ordering::Relaxed);
                        i += 1;
                        j += 1;
                    }
                }
            }
        }
    });
    (0..k)
        .map(|c| {
            let pair_sum = pairs[c].load(Ordering::Relaxed);
            if q.internal(c).is_none() {
                return 0;
            }
            let t = s(c) - 1;
            let big: u64 = q.neighbors(c).iter().map(|&d| s(d as usize)).sum();
            let within: u64 = q
                .neighbors(c)
                .iter()
                .map(|&d| s(d as usize) * (s(d as usize) - 1) / 2)
                .sum();
            t * t.saturating_sub(1) / 2 + t * big + within + pair_sum
        })
        .collect()
}

/// Local clustering of every city (as [`super::clustering()`] on the projection, same
/// arithmetic: `2 t / (d (d − 1))`, 0 when `d < 2`), with the triangle and degree counts of
/// [`triangles_classes`] and [`degree_classes`].
pub fn clustering(q: &TwinQuotient) -> Vec<f64> {
    let t = triangles_classes(q);
    let deg = degree_classes(q);
    per_node(q, |c| {
        let d = deg[c] as f64;
        if d < 2.0 {
            0.0
        } else {
            2.0 * t[c] as f64 / (d * (d - 1.0))
        }
    })
}

/// Weighted shortest-path betweenness of every city (as [`super::weighted_betweenness`] on the
/// projection, normalised `2/((n−1)(n−2))`), edge lengths from `len`, through the quotient:
/// Dijkstra over the classes plus the source's twins `A'`. Weights must be positive and finite.
///
/// # Complexity
/// O(k·m_q·log k) time, parallel over source classes in fixed chunks (deterministic).
pub fn weighted_betweenness(q: &TwinQuotient, len: EdgeLength) -> Vec<f64> {
    let k = q.n_classes();
    let n = q.classes().n_nodes();
    let parts: Vec<Vec<f64>> = fixed_chunks(k, 1)
        .into_par_iter()
        .map_init(
            || DijkstraScratch::new(k),
            |scratch, range| {
                let mut acc = vec![0.0; k];
                for a in range {
                    if q.internal(a).is_some() {
                        scratch.run(q, a, len, &mut acc);
                    }
                }
                acc
            },
        )
        .collect();
    let raw = sum_parts(&parts, k);
    let scale = if n > 2 {
        1.0 / ((n as f64 - 1.0) * (n as f64 - 2.0))
    } else {
        1.0
    };
    per_node(q, |c| raw[c] * scale)
}

/// Heap entry: smallest distance first, ties by insertion order.
#[derive(PartialEq)]
struct Entry(f64, u64, u32);
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, o: &Self) -> Option<CmpOrdering> {
        Some(self.cmp(o))
    }
}
impl Ord for Entry {
    fn cmp(&self, o: &Self) -> CmpOrdering {
        o.0.total_cmp(&self.0).then(o.1.cmp(&self.1))
    }
}

/// Scratch of one quotient Dijkstra: nodes `0..k` are classes, node `k` is the source's twins.
struct DijkstraScratch {
    dist: Vec<f64>,
    sigma: Vec<f64>,
    delta: Vec<f64>,
    done: Vec<bool>,
    preds: Vec<Vec<u32>>,
    order: Vec<u32>,
    heap: BinaryHeap<Entry>,
}

impl DijkstraScratch {
    fn new(k: usize) -> Self {
        DijkstraScratch {
            dist: vec![f64::INFINITY; k + 1],
            sigma: vec![0.0; k + 1],
            delta: vec![0.0; k + 1],
            done: vec![false; k + 1],
            preds: vec![Vec::new(); k + 1],
            order: Vec::with_capacity(k + 1),
            heap: BinaryHeap::new(),
        }
    }

    /// Node `x`'s neighbours as (node, weight): for a class, its quotient row, plus `A'` when
    /// the class is a neighbour of `a` (or is `a`); for `A'`, `a` and `a`'s neighbours.
    fn arcs<'q>(
        q: &'q TwinQuotient,
        a: usize,
        x: usize,
    ) -> Box<dyn Iterator<Item = (usize, f64)> + 'q> {
        let k = q.n_classes();
        let twins = q.classes().size(a) > 1;
        let row = |c: usize| {
            q.neighbors(c)
                .iter()
                .zip(q.edge_weights(c))
                .map(|(&d, &w)| (d as usize, w))
        };
        if x == k {
            let wi = q.internal(a).unwrap_or(0.0);
            return Box::new(std::iter::once((a, wi)).chain(row(a)));
        }
        let extra = if twins && x == a {
            Some((k, q.internal(a).unwrap_or(0.0)))
        } else if twins {
            q.neighbors(x)
                .binary_search(&(a as u32))
                .ok()
                .map(|i| (k, q.edge_weights(x)[i]))
        } else {
            None
        };
        Box::new(row(x).chain(extra))
    }

    fn run(&mut self, q: &TwinQuotient, a: usize, len: EdgeLength, acc: &mut [f64]) {
        let k = q.n_classes();
        let cls = q.classes();
        let mult = |x: usize| -> f64 {
            if x == a {
                1.0
            } else if x == k {
                cls.size(a) as f64 - 1.0
            } else {
                cls.size(x) as f64
            }
        };
        let mut counter = 0u64;
        self.dist[a] = 0.0;
        self.sigma[a] = 1.0;
        self.heap.push(Entry(0.0, counter, a as u32));
        while let Some(Entry(dx, _, x)) = self.heap.pop() {
            let x = x as usize;
            if self.done[x] {
                continue;
            }
            self.done[x] = true;
            self.order.push(x as u32);
            let flow = self.sigma[x] * mult(x);
            for (y, w) in Self::arcs(q, a, x) {
                let dy = dx + len.of(w);
                if self.done[y] {
                    continue;
                }
                if dy < self.dist[y] {
                    self.dist[y] = dy;
                    self.sigma[y] = flow;
                    self.preds[y].clear();
                    self.preds[y].push(x as u32);
                    counter += 1;
                    self.heap.push(Entry(dy, counter, y as u32));
                } else if dy == self.dist[y] {
                    self.sigma[y] += flow;
                    self.preds[y].push(x as u32);
                }
            }
        }
        // Dependencies in reverse finalisation order, pushed to predecessors.
        let weight = cls.size(a) as f64;
        for i in (1..self.order.len()).rev() {
            let y = self.order[i] as usize;
            let coeff = mult(y) * (1.0 + self.delta[y]) / self.sigma[y];
            for &x in &self.preds[y] {
                let x = x as usize;
                self.delta[x] += self.sigma[x] * coeff;
            }
            if y < k {
                acc[y] += weight * self.delta[y];
            }
        }
        for &x in &self.order {
            let x = x as usize;
            self.dist[x] = f64::INFINITY;
            self.sigma[x] = 0.0;
            self.delta[x] = 0.0;
            self.done[x] = false;
            self.preds[x].clear();
        }
        self.order.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table with many twins: `n` cities, `p` programs, memberships drawn by a fixed LCG
    /// from `patterns` program sets (valued when `valued`), plus a city without programs, a
    /// one-member program and a city in every program.
    fn table(n: u32, p: u32, patterns: u32, valued: bool, seed: u64) -> TwoMode {
        let mut x = seed;
        let mut next = || {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) as u32
        };
        let sets: Vec<Vec<(u32, f64)>> = (0..patterns)
            .map(|_| {
                let k = 1 + next() % 3;
                let mut s: Vec<u32> = (0..k).map(|_| next() % (p - 1)).collect();
                s.sort_unstable();
                s.dedup();
                s.into_iter()
                    .map(|q| {
                        (
                            q,
                            if valued {
                                1.0 + (next() % 4) as f64 * 0.5
                            } else {
                                1.0
                            },
                        )
                    })
                    .collect()
            })
            .collect();
        let mut m = vec![];
        for c in 0..n - 2 {
            for &(q, w) in &sets[(next() % patterns) as usize] {
                m.push((c, q, w));
            }
        }
        // City n-2: no program. City n-1: every program, and alone in program p-1.
        for q in 0..p {
            m.push((n - 1, q, if valued { 2.5 } else { 1.0 }));
        }
        TwoMode::new(n as usize, p as usize, &m)
    }

    fn close(a: &[f64], b: &[f64], what: &str) {
        assert_eq!(a.len(), b.len());
        for (i, (x, y)) in a.iter().zip(b).enumerate() {
            assert!(
                (x - y).abs() <= 1e-12 * y.abs().max(1.0),
                "{what} {i}: {x} vs {y}"
            );
        }
    }

    #[test]
    fn quotient_measures_equal_the_built_projection() {
        for (seed, valued) in [(1, false), (2, true), (3, false), (4, true)] {
            let t = table(60, 7, 9, valued, seed);
            let g = t.project_cities();
            let q = t.city_quotient(t.city_twins());
            assert!(q.n_classes() < 15);
            close(
                &betweenness(&q),
                &crate::metrics::betweenness(&g),
                "betweenness",
            );
            let tri = triangles_classes(&q);
            let deg = degree_classes(&q);
            let gt = crate::metrics::triangles(&g);
            for (v, &tv) in gt.iter().enumerate() {
                let c = q.classes().class_of(v);
                assert_eq!(tri[c], tv, "triangles {v}");
                assert_eq!(deg[c] as usize, g.degree(v), "degree {v}");
            }
            assert_eq!(clustering(&q), crate::metrics::clustering(&g));
            for len in [EdgeLength::Weight, EdgeLength::InverseWeight] {
                close(
                    &weighted_betweenness(&q, len),
                    &crate::metrics::weighted_betweenness(&g, len),
                    "weighted betweenness",
                );
            }
        }
    }

    #[test]
    fn valued_paths_between_twins_through_another_class() {
        // Cities 0, 1 share program 0 with weight 1 (length 1 under Weight); both are in
        // program 1 with city 2 at weight 0.1: 0–2–1 (length 0.02) is shorter than 0–1 (1.01).
        let t = TwoMode::new(
            3,
            2,
            &[
                (0, 0, 1.0),
                (1, 0, 1.0),
                (0, 1, 0.1),
                (1, 1, 0.1),
                (2, 1, 1.0),
            ],
        );
        let g = t.project_cities();
        let q = t.city_quotient(t.city_twins());
        assert_eq!(q.n_classes(), 2);
        let want = crate::metrics::weighted_betweenness(&g, EdgeLength::Weight);
        assert!(want[2] > 0.0);
        close(&weighted_betweenness(&q, EdgeLength::Weight), &want, "wb");
    }
}
