//! The two-mode (bipartite) city–program graph and its one-mode projections.
//!
//! Cities are numbered `0..n_cities`, programs `0..n_programs`. A membership is an edge
//! `(city, program, w)`. The **city projection** joins two cities that share at least one
//! program, with weight `Σ_p w(a,p)·w(b,p)`: with unit weights, the number of shared programs;
//! with valued memberships, the GaWC interlocking-network connectivity (Taylor 2001). The
//! **program projection** is the same product on the other side.
//!
//! A program with `k` members contributes `k(k−1)/2` projection edges, so a 10,000-member program
//! alone is a 50-million-edge clique. [`TwoMode::projection_estimate`] reports that size before
//! anything is built, and the closed forms [`TwoMode::projected_strength`] and
//! [`TwoMode::projected_degree`] need no projection at all.

use super::csr::Csr;
use super::weighting::Weighting;
use rayon::prelude::*;

/// The city–program graph: memberships stored from both sides.
#[derive(Debug, Clone)]
pub struct TwoMode {
    n_cities: usize,
    n_programs: usize,
    /// city → (program, weight), sorted by program.
    city_rows: Csr1,
    /// program → (city, weight), sorted by city.
    program_rows: Csr1,
}

/// One side of a bipartite adjacency (rows index one mode, targets the other).
#[derive(Debug, Clone, Default)]
struct Csr1 {
    offsets: Vec<usize>,
    targets: Vec<u32>,
    weights: Vec<f64>,
}

impl Csr1 {
    fn build(n_rows: usize, pairs: impl Iterator<Item = (u32, u32, f64)> + Clone) -> Csr1 {
        let mut deg = vec![0usize; n_rows];
        for (r, _, _) in pairs.clone() {
            deg[r as usize] += 1;
        }
        let mut offsets = Vec::with_capacity(n_rows + 1);
        offsets.push(0);
        for d in &deg {
            offsets.push(offsets.last().unwrap() + d);
        }
        let total = *offsets.last().unwrap();
        let mut fill = offsets[..n_rows].to_vec();
        let mut items = vec![(0u32, 0f64); total];
        for (r, t, w) in pairs {
            items[fill[r as usize]] = (t, w);
            fill[r as usize] += 1;
        }
        for r in 0..n_rows {
            items[offsets[r]..offsets[r + 1]].sort_by_key(|&(t, _)| t);
        }
        Csr1 {
            offsets,
            targets: items.iter().map(|&(t, _)| t).collect(),
            weights: items.iter().map(|&(_, w)| w).collect(),
        }
    }
    #[inline]
    fn row(&self, r: usize) -> (&[u32], &[f64]) {
        let range = self.offsets[r]..self.offsets[r + 1];
        (&self.targets[range.clone()], &self.weights[range])
    }
}

/// The size of a projection, known before it is built.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct ProjectionEstimate {
    /// Upper bound on the number of edges: `Σ_p k_p(k_p − 1)/2` (reached when no two programs
    /// share more than one member).
    pub max_edges: u64,
    /// Work of the sparse product: `Σ_p k_p²` multiply–adds.
    pub work: u64,
    /// Memory the projection would take at most, in bytes (CSR: 2 × (4 + 8) bytes per edge).
    pub max_bytes: u64,
}

impl TwoMode {
    /// Builds the two-mode graph from `(city, program, weight)` memberships. Each pair must appear
    /// once (the loader merges duplicates).
    pub fn new(n_cities: usize, n_programs: usize, memberships: &[(u32, u32, f64)]) -> TwoMode {
        let city_rows = Csr1::build(n_cities, memberships.iter().copied());
        let program_rows = Csr1::build(n_programs, memberships.iter().map(|&(c, p, w)| (p, c, w)));
        TwoMode {
            n_cities,
            n_programs,
            city_rows,
            program_rows,
        }
    }

    /// Number of cities (first mode).
    pub fn n_cities(&self) -> usize {
        self.n_cities
    }

    /// Number of programs (second mode).
    pub fn n_programs(&self) -> usize {
        self.n_programs
    }

    /// Number of memberships (edges of the two-mode graph).
    pub fn n_memberships(&self) -> usize {
        self.city_rows.targets.len()
    }

    /// Programs of `city` (ascending) and the membership weights.
    pub fn programs_of(&self, city: usize) -> (&[u32], &[f64]) {
        self.city_rows.row(city)
    }

    /// Members of `program` (ascending) and the membership weights.
    pub fn members_of(&self, program: usize) -> (&[u32], &[f64]) {
        self.program_rows.row(program)
    }

    /// The two-mode graph as one undirected graph: cities are nodes `0..n_cities`, program `p`
    /// is node `n_cities + p`. This is the graph `B` of NetworkX's `bipartite` functions.
    pub fn as_graph(&self) -> Csr {
        let n = self.n_cities + self.n_programs;
        let mut edges = Vec::with_capacity(self.n_memberships());
        for c in 0..self.n_cities {
            let (ps, ws) = self.programs_of(c);
            for (&p, &w) in ps.iter().zip(ws) {
                edges.push((c as u32, (self.n_cities + p as usize) as u32, w));
            }
        }
        Csr::from_edges(n, &edges).0
    }

    /// Size of the city projection, from program sizes alone.
    pub fn projection_estimate(&self) -> ProjectionEstimate {
        let mut max_edges = 0u64;
        let mut work = 0u64;
        for p in 0..self.n_programs {
            let k = self.members_of(p).0.len() as u64;
            max_edges += k * k.saturating_sub(1) / 2;
            work += k * k;
        }
        ProjectionEstimate {
            max_edges,
            work,
            max_bytes: max_edges * 2 * 12,
        }
    }

    /// Strength of each city in the city projection, without building it:
    /// `s(a) = Σ_p w(a,p)·(W_p − w(a,p))` with `W_p = Σ_b w(b,p)`.
    ///
    /// Equals `G.degree(a, weight="weight")` on the projection. O(memberships).
    pub fn projected_strength(&self) -> Vec<f64> {
        let totals: Vec<f64> = (0..self.n_programs)
            .map(|p| self.members_of(p).1.iter().sum())
            .collect();
        (0..self.n_cities)
            .into_par_iter()
            .map(|a| {
                let (ps, ws) = self.programs_of(a);
                ps.iter()
                    .zip(ws)
                    .map(|(&p, &w)| w * (totals[p as usize] - w))
                    .sum()
            })
            .collect()
    }

    /// Degree of each city in the city projection (number of distinct cities sharing at least
    /// one program), without building it: the size of the union of its programs' member lists,
    /// less itself. Uses a per-thread bitset; O(Σ_a Σ_{p∋a} k_p / 64) words touched when programs
    /// are large, which is what keeps a 10,000-member program cheap.
    pub fn projected_degree(&self) -> Vec<usize> {
        let words = self.n_cities.div_ceil(64);
        // Member bitsets for large programs; small ones are walked directly.
        const BITSET_MIN: usize = 256;
        let bitsets: Vec<Option<Vec<u64>>> = (0..self.n_programs)
            .into_par_iter()
            .map(|p| {
                let members = self.members_of(p).0;
                (members.len() >= BITSET_MIN).then(|| {
                    let mut b = vec![0u64; words];
                    for &c in members {
                        b[c as usize / 64] |= 1 << (c % 64);
                    }
                    b
                })
            })
            .collect();
        (0..self.n_cities)
            .into_par_iter()
            .map_init(
                || vec![0u64; words],
                |seen, a| {
                    let (ps, _) = self.programs_of(a);
                    if ps.is_empty() {
                        return 0;
                    }
                    seen.iter_mut().for_each(|w| *w = 0);
                    for &p in ps {
                        match &bitsets[p as usize] {
                            Some(b) => seen.iter_mut().zip(b).for_each(|(s, &m)| *s |= m),
                            None => {
                                for &c in self.members_of(p as usize).0 {
                                    seen[c as usize / 64] |= 1 << (c % 64);
                                }
                            }
                        }
                    }
                    let count: u32 = seen.iter().map(|w| w.count_ones()).sum();
                    count as usize - 1
                },
            )
            .collect()
    }

    /// The city projection as a [`Csr`]: weight `Σ_p w(a,p)·w(b,p)`.
    ///
    /// Parallel over cities (rayon), each with its own dense accumulator, so the result is the
    /// same whatever the thread count. O(Σ_p k_p²) time; the result has at most
    /// [`ProjectionEstimate::max_edges`] edges.
    pub fn project_cities(&self) -> Csr {
        project(&self.city_rows, &self.program_rows, self.n_cities)
    }

    /// The city projection weighted by `weighting` (see [`super::weighting`]): the product
    /// weightings are [`TwoMode::project_cities`] of the two-mode graph with each membership's
    /// weight replaced by [`Weighting::membership_factor`]; Jaccard finishes the count
    /// projection edge by edge. [`Weighting::Gawc`] is [`TwoMode::project_cities`] itself.
    pub fn project_cities_with(&self, weighting: Weighting) -> Csr {
        if weighting == Weighting::Gawc {
            return self.project_cities();
        }
        let g = self.reweighted(weighting).project_cities();
        if weighting.is_product() {
            return g;
        }
        let k: Vec<usize> = (0..self.n_cities)
            .map(|c| self.programs_of(c).0.len())
            .collect();
        let (offsets, targets) = (g.offsets().to_vec(), g.targets().to_vec());
        let weights: Vec<f64> = (0..self.n_cities)
            .flat_map(|a| (offsets[a]..offsets[a + 1]).map(move |e| (a, e)))
            .map(|(a, e)| weighting.finish(g.weights()[e], k[a], k[targets[e] as usize]))
            .collect();
        Csr::from_sorted_rows(offsets, targets, weights)
    }

    /// The same two-mode graph with each membership weight replaced by `weighting`'s factor.
    pub fn reweighted(&self, weighting: Weighting) -> TwoMode {
        let mut m = Vec::with_capacity(self.n_memberships());
        for p in 0..self.n_programs {
            let (cs, ws) = self.members_of(p);
            for (&c, &w) in cs.iter().zip(ws) {
                m.push((c, p as u32, weighting.membership_factor(w, cs.len())));
            }
        }
        TwoMode::new(self.n_cities, self.n_programs, &m)
    }

    /// The program projection: programs joined by shared members, weight `Σ_c w(c,p)·w(c,q)`.
    pub fn project_programs(&self) -> Csr {
        project(&self.program_rows, &self.city_rows, self.n_programs)
    }
}

/// `A·Aᵀ` without the diagonal, row by row.
fn project(rows: &Csr1, back: &Csr1, n: usize) -> Csr {
    let per_row: Vec<(Vec<u32>, Vec<f64>)> = (0..n)
        .into_par_iter()
        .map_init(
            || (vec![0f64; n], vec![false; n], Vec::<u32>::new()),
            |(acc, mark, touched), a| {
                touched.clear();
                let (mids, wa) = rows.row(a);
                for (&m, &w1) in mids.iter().zip(wa) {
                    let (others, wb) = back.row(m as usize);
                    for (&b, &w2) in others.iter().zip(wb) {
                        let b_us = b as usize;
                        if b_us == a {
                            continue;
                        }
                        if !mark[b_us] {
                            mark[b_us] = true;
                            touched.push(b);
                        }
                        acc[b_us] += w1 * w2;
                    }
                }
                touched.sort_unstable();
                let ws: Vec<f64> = touched
                    .iter()
                    .map(|&b| {
                        let w = acc[b as usize];
                        acc[b as usize] = 0.0;
                        mark[b as usize] = false;
                        w
                    })
                    .collect();
                (touched.clone(), ws)
            },
        )
        .collect();
    let mut offsets = Vec::with_capacity(n + 1);
    offsets.push(0);
    let total: usize = per_row.iter().map(|r| r.0.len()).sum();
    let mut targets = Vec::with_capacity(total);
    let mut weights = Vec::with_capacity(total);
    for (t, w) in per_row {
        targets.extend_from_slice(&t);
        weights.extend_from_slice(&w);
        offsets.push(targets.len());
    }
    Csr::from_sorted_rows(offsets, targets, weights)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cities 0..4, programs A={0,1,2}, B={1,2}, C={3}.
    fn small() -> TwoMode {
        TwoMode::new(
            4,
            3,
            &[
                (0, 0, 1.0),
                (1, 0, 1.0),
                (2, 0, 1.0),
                (1, 1, 1.0),
                (2, 1, 1.0),
                (3, 2, 1.0),
            ],
        )
    }

    #[test]
    fn projection_counts_shared_programs() {
        let t = small();
        let g = t.project_cities();
        assert_eq!(g.edge_count(), 3);
        assert_eq!(g.weight(1, 2), Some(2.0));
        assert_eq!(g.weight(0, 1), Some(1.0));
        assert_eq!(g.degree(3), 0);
        let p = t.project_programs();
        assert_eq!(p.edge_count(), 1);
        assert_eq!(p.weight(0, 1), Some(2.0));
        let e = t.projection_estimate();
        assert_eq!(e.max_edges, 3 + 1);
    }

    #[test]
    fn closed_forms_match_projection() {
        let t = TwoMode::new(
            5,
            3,
            &[
                (0, 0, 2.0),
                (1, 0, 1.5),
                (2, 0, 1.0),
                (1, 1, 3.0),
                (3, 1, 1.0),
                (4, 2, 1.0),
            ],
        );
        let g = t.project_cities();
        let s = t.projected_strength();
        let d = t.projected_degree();
        for v in 0..5 {
            assert!((g.strength(v) - s[v]).abs() < 1e-12, "strength of {v}");
            assert_eq!(g.degree(v), d[v], "degree of {v}");
        }
        assert_eq!(g.weight(0, 1), Some(3.0));
        assert_eq!(g.weight(1, 3), Some(3.0));
    }

    #[test]
    fn bitset_path_for_large_programs() {
        // One program of 300 members (bitset path) plus a small one.
        let mut m: Vec<(u32, u32, f64)> = (0..300).map(|c| (c, 0, 1.0)).collect();
        m.push((300, 1, 1.0));
        m.push((0, 1, 1.0));
        let t = TwoMode::new(301, 2, &m);
        let d = t.projected_degree();
        assert_eq!(d[0], 300);
        assert_eq!(d[5], 299);
        assert_eq!(d[300], 1);
        let g = t.project_cities();
        assert_eq!(g.degree(0), 300);
    }
}
