//! Sampling estimators with stated error bounds, for graphs where the exact kernels would take
//! too long (betweenness: O(n·m)) or need the projection built (clustering).
//!
//! Every estimator is seeded and deterministic whatever the thread count: sample `i` draws
//! from its own generator, seeded from `(seed, i)`, and samples are tallied in integers.
//!
//! - [`betweenness_rk`] / [`betweenness_rk_projection`]: Riondato & Kornaropoulos, "Fast
//!   approximation of betweenness centrality through sampling" (WSDM 2014 / DMKD 2016). With
//!   `r = ⌈(c/ε²)(⌊log₂(VD − 2)⌋ + 1 + ln(1/δ))⌉` shortest paths sampled uniformly (`c = 0.5`,
//!   `VD` an upper bound on the number of nodes of a shortest path), every node's estimate is
//!   within `ε` of its betweenness normalised by `n(n−1)` (ordered pairs), simultaneously for
//!   all nodes, with probability at least `1 − δ`. citynet reports NetworkX's normalisation
//!   `2/((n−1)(n−2))` over unordered pairs, which is that value times `n/(n−2)`: the bound in
//!   the reported unit is `ε·n/(n−2)`. Each path is drawn with a balanced bidirectional BFS.
//! - [`clustering_wedges`]: local clustering of the projection by wedge sampling: `k` wedges
//!   (pairs of distinct neighbours) drawn uniformly per node; by Hoeffding's inequality and a
//!   union bound, with `k = ⌈ln(2n/δ) / (2ε²)⌉` every node's estimate is within `ε` of its
//!   clustering coefficient simultaneously with probability at least `1 − δ`. Nodes with at
//!   most `k` wedges are counted exactly.

use super::community::SplitMix64;
use super::paths::fixed_chunks;
use crate::graph::implicit::{shared_programs, NeighbourScan};
use crate::graph::{Csr, TwoMode};
use rayon::prelude::*;

/// Riondato–Kornaropoulos' constant `c` (0.5, their recommended value).
pub const RK_C: f64 = 0.5;

/// What an approximate column used, for `summary.json`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Approximation {
    /// The estimator.
    pub estimator: &'static str,
    /// Additive error bound, in the column's own unit.
    pub epsilon: f64,
    /// Failure probability of the bound (it holds for all nodes at once with probability
    /// `1 − δ`).
    pub delta: f64,
    /// Number of samples (paths for betweenness, wedges per node for clustering).
    pub samples: u64,
    /// Seed of the generator.
    pub seed: u64,
    /// Extra facts (vertex-diameter bound, nodes counted exactly...).
    pub notes: String,
}

/// Riondato–Kornaropoulos sample size for error `epsilon`, failure probability `delta`
/// and vertex-diameter bound `vd` (nodes on a longest shortest path).
pub fn rk_sample_size(epsilon: f64, delta: f64, vd: u64) -> u64 {
    let log_term = if vd >= 3 {
        ((vd - 2) as f64).log2().floor()
    } else {
        0.0
    };
    ((RK_C / (epsilon * epsilon)) * (log_term + 1.0 + (1.0 / delta).ln())).ceil() as u64
}

/// Wedges per node for error `epsilon` on all `n` nodes at once with probability `1 − delta`.
pub fn wedge_sample_size(epsilon: f64, delta: f64, n: usize) -> u64 {
    ((2.0 * n.max(1) as f64 / delta).ln() / (2.0 * epsilon * epsilon)).ceil() as u64
}

fn sample_rng(seed: u64, i: u64) -> SplitMix64 {
    let mut s = SplitMix64::new(seed ^ 0x5CA1_AB1E_0000_0000);
    let base = s.next_u64();
    let mut r = SplitMix64::new(base.wrapping_add(i.wrapping_mul(0x9E37_79B9_7F4A_7C15)));
    r.next_u64();
    r
}

fn uniform(rng: &mut SplitMix64) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// An upper bound on the vertex diameter of `g`: `2·ecc(r) + 1` for one root `r` per
/// component (the first node of each), maximum over components. O(n + m).
pub fn vertex_diameter_bound(g: &Csr) -> u64 {
    let n = g.node_count();
    let mut dist = vec![u32::MAX; n];
    let mut queue = Vec::new();
    let mut best = 1u64;
    for r in 0..n {
        if dist[r] != u32::MAX {
            continue;
        }
        dist[r] = 0;
        queue.clear();
        queue.push(r as u32);
        let mut head = 0;
        let mut ecc = 0;
        while head < queue.len() {
            let v = queue[head] as usize;
            head += 1;
            ecc = ecc.max(dist[v]);
            for &u in g.neighbors(v) {
                if dist[u as usize] == u32::MAX {
                    dist[u as usize] = dist[v] + 1;
                    queue.push(u);
                }
            }
        }
        best = best.max(2 * ecc as u64 + 1);
    }
    best
}

/// Scratch of a balanced bidirectional BFS that samples one uniformly random shortest path.
struct BiBfs {
    dist: [Vec<u32>; 2],
    sigma: [Vec<f64>; 2],
    visited: [Vec<u32>; 2],
    frontier: [Vec<u32>; 2],
    next: Vec<u32>,
    meet: Vec<u32>,
    /// Cumulative path-count weights of the meeting nodes.
    cum: Vec<f64>,
    /// Arcs scanned by [`BiBfs::search`] since the scratch was made (the sampler's work).
    arcs: u64,
}

impl BiBfs {
    fn new(n: usize) -> Self {
        BiBfs {
            dist: [vec![u32::MAX; n], vec![u32::MAX; n]],
            sigma: [vec![0.0; n], vec![0.0; n]],
            visited: [Vec::new(), Vec::new()],
            frontier: [Vec::new(), Vec::new()],
            next: Vec::new(),
            meet: Vec::new(),
            cum: Vec::new(),
            arcs: 0,
        }
    }

    /// Grows the two balls around `s` and `t` (`s ≠ t`), always expanding the side whose
    /// frontier has the smaller total degree, until they meet. Returns false when `t` is not
    /// reachable from `s`. Afterwards every shortest path passes through exactly one node of
    /// `meet`, and `sigma[0][x]·sigma[1][x]` counts those through `x`.
    fn search(&mut self, g: &Csr, s: usize, t: usize) -> bool {
        for side in 0..2 {
            let src = if side == 0 { s } else { t };
            self.dist[side][src] = 0;
            self.sigma[side][src] = 1.0;
            self.visited[side].push(src as u32);
            self.frontier[side].clear();
            self.frontier[side].push(src as u32);
        }
        self.meet.clear();
        loop {
            let cost = |f: &Vec<u32>| -> usize { f.iter().map(|&v| g.degree(v as usize)).sum() };
            let (c0, c1) = (cost(&self.frontier[0]), cost(&self.frontier[1]));
            if self.frontier[0].is_empty() || self.frontier[1].is_empty() {
                return false;
            }
            let a = usize::from(c1 < c0);
            let b = 1 - a;
            self.arcs += c0.min(c1) as u64;
            self.next.clear();
            for i in 0..self.frontier[a].len() {
                let v = self.frontier[a][i] as usize;
                let d1 = self.dist[a][v] + 1;
                let sv = self.sigma[a][v];
                for &u in g.neighbors(v) {
                    let u = u as usize;
                    let du = self.dist[a][u];
                    if du == u32::MAX {
                        self.dist[a][u] = d1;
                        self.sigma[a][u] = sv;
                        self.next.push(u as u32);
                        self.visited[a].push(u as u32);
                    } else if du == d1 {
                        self.sigma[a][u] += sv;
                    }
                }
            }
            for &u in &self.next {
                if self.dist[b][u as usize] != u32::MAX {
                    self.meet.push(u);
                }
            }
            std::mem::swap(&mut self.frontier[a], &mut self.next);
            if !self.meet.is_empty() {
                return true;
            }
        }
    }

    /// Prepares the cumulative weights of the meeting nodes (after a successful search).
    fn prepare(&mut self) {
        self.cum.clear();
        let mut acc = 0.0;
        for &x in &self.meet {
            acc += self.sigma[0][x as usize] * self.sigma[1][x as usize];
            self.cum.push(acc);
        }
    }

    /// Draws one shortest path uniformly (after [`BiBfs::prepare`]): its nodes from `s` to `t`
    /// go to `path`.
    fn draw(&self, g: &Csr, rng: &mut SplitMix64, path: &mut Vec<u32>) {
        path.clear();
        let total = *self.cum.last().expect("met");
        let r = uniform(rng) * total;
        let i = self
            .cum
            .partition_point(|&c| c <= r)
            .min(self.meet.len() - 1);
        let x = self.meet[i] as usize;
        // Back to s, then (reversed) forward to t.
        let mut half = vec![x as u32];
        for side in 0..2 {
            let mut v = x;
            let mut walk = Vec::new();
            while self.dist[side][v] > 0 {
                let d = self.dist[side][v] - 1;
                let r = uniform(rng) * self.sigma[side][v];
                let mut acc = 0.0;
                let mut pick = usize::MAX;
                for &u in g.neighbors(v) {
                    let u = u as usize;
                    if self.dist[side][u] == d {
                        acc += self.sigma[side][u];
                        pick = u;
                        if acc > r {
                            break;
                        }
                    }
                }
                v = pick;
                walk.push(v as u32);
            }
            if side == 0 {
                walk.reverse();
                walk.extend_from_slice(&half);
                half = walk;
            } else {
                half.extend_from_slice(&walk);
            }
        }
        path.extend_from_slice(&half);
    }

    fn clear(&mut self) {
        for side in 0..2 {
            for &v in &self.visited[side] {
                self.dist[side][v as usize] = u32::MAX;
                self.sigma[side][v as usize] = 0.0;
            }
            self.visited[side].clear();
        }
    }
}

fn rk_tally<F>(
    n: usize,
    samples: u64,
    seed: u64,
    new_scratch: impl Fn() -> BiBfs + Sync,
    f: F,
) -> Vec<u64>
where
    F: Fn(&mut BiBfs, &mut SplitMix64, &mut Vec<u32>, &mut [u64]) + Sync,
{
    let chunks = fixed_chunks(samples as usize, 64);
    let parts: Vec<Vec<u64>> = chunks
        .into_par_iter()
        .map_init(
            || (new_scratch(), Vec::new()),
            |(scratch, path), range| {
                let mut counts = vec![0u64; n];
                for i in range {
                    let mut rng = sample_rng(seed, i as u64);
                    f(scratch, &mut rng, path, &mut counts);
                }
                counts
            },
        )
        .collect();
    let mut total = vec![0u64; n];
    for p in &parts {
        for (t, c) in total.iter_mut().zip(p) {
            *t += c;
        }
    }
    total
}

fn draw_pair(rng: &mut SplitMix64, n: usize) -> (usize, usize) {
    let s = rng.below(n);
    let mut t = rng.below(n - 1);
    if t >= s {
        t += 1;
    }
    (s, t)
}

fn rk_scale(counts: Vec<u64>, samples: u64, n: usize) -> Vec<f64> {
    let scale = n as f64 / ((n as f64 - 2.0) * samples as f64);
    counts.into_iter().map(|c| c as f64 * scale).collect()
}

/// Approximate betweenness of `g` in NetworkX's normalisation
/// (`nx.betweenness_centrality(G)`): Riondato–Kornaropoulos path sampling with `samples`
/// paths (see [`rk_sample_size`]). Deterministic for a given seed, whatever the thread count.
///
/// # Complexity
/// `samples` balanced bidirectional BFS, each typically far below O(m).
pub fn betweenness_rk(g: &Csr, samples: u64, seed: u64) -> Vec<f64> {
    let n = g.node_count();
    if n <= 2 || samples == 0 {
        return vec![0.0; n];
    }
    let counts = rk_tally(
        n,
        samples,
        seed,
        || BiBfs::new(n),
        |bfs, rng, path, counts| {
            let (s, t) = draw_pair(rng, n);
            if bfs.search(g, s, t) {
                bfs.prepare();
                bfs.draw(g, rng, path);
                for &v in &path[1..path.len() - 1] {
                    counts[v as usize] += 1;
                }
            }
            bfs.clear();
        },
    );
    rk_scale(counts, samples, n)
}

/// Arcs scanned by the bidirectional searches of the first `k` samples (the same pairs, from
/// the same seed, as [`betweenness_rk`] / [`betweenness_rk_projection`] with `b` the graph the
/// paths are drawn on and `n` the number of endpoints), for the planner's time estimate.
/// Sequential and deterministic. O(k · arcs per search).
pub fn rk_pilot_arcs(b: &Csr, n: usize, k: u64, seed: u64) -> u64 {
    if n <= 2 {
        return 0;
    }
    let mut bfs = BiBfs::new(b.node_count());
    for i in 0..k {
        let mut rng = sample_rng(seed, i);
        let (s, t) = draw_pair(&mut rng, n);
        bfs.search(b, s, t);
        bfs.clear();
    }
    bfs.arcs
}

/// Most redraws of one pair's path before [`betweenness_rk_projection`] keeps the last one.
pub const MAX_REDRAWS: u32 = 10_000;

/// Approximate betweenness of the city projection `G` of `t`, in NetworkX's normalisation,
/// without building `G`: shortest paths of `G` are drawn on `b = t.as_graph()` (cities
/// `0..n`, programs after), where a `G` path `a₀…a_L` appears `Π m(a_{i−1}, a_i)` times
/// (`m` = shared programs). A `B` path drawn uniformly is kept with probability
/// `1/Π m(a_{i−1}, a_i)` and otherwise redrawn (same pair, same BFS), which makes the kept
/// `G` path uniform among the pair's shortest paths. Returns the values and the number of
/// pairs whose redraws hit [`MAX_REDRAWS`] (then the last path is kept; 0 in practice).
pub fn betweenness_rk_projection(t: &TwoMode, b: &Csr, samples: u64, seed: u64) -> (Vec<f64>, u64) {
    let n = t.n_cities();
    if n <= 2 || samples == 0 {
        return (vec![0.0; n], 0);
    }
    let capped = std::sync::atomic::AtomicU64::new(0);
    let counts = rk_tally(
        b.node_count(),
        samples,
        seed,
        || BiBfs::new(b.node_count()),
        |bfs, rng, path, counts| {
            let (s, tt) = draw_pair(rng, n);
            if bfs.search(b, s, tt) {
                bfs.prepare();
                let mut tries = 0;
                loop {
                    bfs.draw(b, rng, path);
                    tries += 1;
                    // Cities sit at even positions.
                    let mut mult = 1.0f64;
                    for w in path.windows(3).step_by(2) {
                        mult *= shared_programs(t, w[0] as usize, w[2] as usize) as f64;
                    }
                    if mult <= 1.0 || uniform(rng) * mult < 1.0 {
                        break;
                    }
                    if tries >= MAX_REDRAWS {
                        capped.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        break;
                    }
                }
                // Interior cities sit at even positions 2, 4, …, len − 3.
                for i in (2..path.len() - 1).step_by(2) {
                    counts[path[i] as usize] += 1;
                }
            }
            bfs.clear();
        },
    );
    let mut vals = rk_scale(counts, samples, n);
    vals.truncate(n);
    (vals, capped.into_inner())
}

/// An upper bound on the vertex diameter of the projection of `t`, from a BFS over `b`
/// (`t.as_graph()`): `2·ecc_G(r) + 1` per component root.
pub fn projection_vertex_diameter_bound(t: &TwoMode, b: &Csr) -> u64 {
    let n = t.n_cities();
    let mut dist = vec![u32::MAX; b.node_count()];
    let mut queue = Vec::new();
    let mut best = 1u64;
    for r in 0..n {
        if dist[r] != u32::MAX {
            continue;
        }
        dist[r] = 0;
        queue.clear();
        queue.push(r as u32);
        let mut head = 0;
        let mut ecc = 0;
        while head < queue.len() {
            let v = queue[head] as usize;
            head += 1;
            ecc = ecc.max(dist[v]);
            for &u in b.neighbors(v) {
                if dist[u as usize] == u32::MAX {
                    dist[u as usize] = dist[v] + 1;
                    queue.push(u);
                }
            }
        }
        // B distances between cities are even; G eccentricity is half of the largest.
        best = best.max(2 * (ecc as u64 / 2) + 1);
    }
    best
}

/// Local clustering of the projection of `t` (unweighted, `nx.clustering(G)`) by wedge
/// sampling, `k` wedges per node (see [`wedge_sample_size`]); `degree` is the projected degree
/// (`TwoMode::projected_degree`). Nodes with at most `k` wedges are computed exactly by
/// checking each wedge. Returns the values and the number of nodes computed exactly.
///
/// A uniform neighbour of `a` is drawn without listing them: a program `p ∋ a` with
/// probability proportional to `k_p − 1`, a member `b ≠ a` of it uniformly, kept with
/// probability `1/m(a, b)` (`m` = shared programs), so each distinct neighbour is equally
/// likely. A wedge `(b, c)` is closed when `b` and `c` share a program.
pub fn clustering_wedges(t: &TwoMode, degree: &[usize], k: u64, seed: u64) -> (Vec<f64>, usize) {
    let n = t.n_cities();
    let exact_count = std::sync::atomic::AtomicUsize::new(0);
    let vals = (0..n)
        .into_par_iter()
        .with_min_len(16)
        .map_init(
            || (NeighbourScan::new(n), Vec::<u32>::new(), Vec::<f64>::new()),
            |(scan, nb, cum), a| {
                let d = degree[a] as u64;
                if d < 2 {
                    return 0.0;
                }
                let wedges = d * (d - 1) / 2;
                if wedges <= k {
                    exact_count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    nb.clear();
                    scan.for_each(t, a, |b| nb.push(b as u32));
                    let mut closed = 0u64;
                    for i in 0..nb.len() {
                        for j in i + 1..nb.len() {
                            if shared_programs(t, nb[i] as usize, nb[j] as usize) > 0 {
                                closed += 1;
                            }
                        }
                    }
                    return closed as f64 / wedges as f64;
                }
                let mut rng = sample_rng(seed, a as u64);
                let ps = t.programs_of(a).0;
                cum.clear();
                let mut acc = 0.0;
                for &p in ps {
                    acc += (t.members_of(p as usize).0.len() - 1) as f64;
                    cum.push(acc);
                }
                let neighbour = |rng: &mut SplitMix64| -> usize {
                    loop {
                        let r = uniform(rng) * acc;
                        let i = cum.partition_point(|&c| c <= r).min(ps.len() - 1);
                        let members = t.members_of(ps[i] as usize).0;
                        if members.len() < 2 {
                            continue;
                        }
                        let b = members[rng.below(members.len())] as usize;
                        if b == a {
                            continue;
                        }
                        let m = shared_programs(t, a, b);
                        if m <= 1 || rng.below(m) == 0 {
                            return b;
                        }
                    }
                };
                let mut closed = 0u64;
                for _ in 0..k {
                    let b = neighbour(&mut rng);
                    let c = loop {
                        let c = neighbour(&mut rng);
                        if c != b {
                            break c;
                        }
                    };
                    if shared_programs(t, b, c) > 0 {
                        closed += 1;
                    }
                }
                closed as f64 / k as f64
            },
        )
        .collect();
    (vals, exact_count.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::{betweenness, clustering};

    #[test]
    fn sample_sizes() {
        // c/ε² (⌊log2(VD−2)⌋ + 1 + ln(1/δ)) = 5000 (3 + 1 + 2.302585...) → 31,513.
        assert_eq!(rk_sample_size(0.01, 0.1, 10), 31_513);
        assert_eq!(rk_sample_size(0.1, 0.1, 2), 166);
        assert_eq!(wedge_sample_size(0.05, 0.1, 1), 600);
    }

    #[test]
    fn path_sampling_on_a_path_graph_is_exact_in_expectation() {
        // Path 0-1-2-3-4: every sampled path between non-adjacent nodes has interior nodes.
        let (g, _) = Csr::from_edges(5, &[(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0), (3, 4, 1.0)]);
        let est = betweenness_rk(&g, 20_000, 7);
        let exact = betweenness(&g);
        for v in 0..5 {
            assert!(
                (est[v] - exact[v]).abs() < 0.03,
                "{v}: {} vs {}",
                est[v],
                exact[v]
            );
        }
        assert_eq!(est[0], 0.0);
        assert_eq!(est[4], 0.0);
    }

    #[test]
    fn projection_sampling_matches_built_projection() {
        // Two programs sharing two members (multiplicity 2 on edge {1,2}) and a chain.
        let m = [
            (0, 0, 1.0),
            (1, 0, 1.0),
            (2, 0, 1.0),
            (1, 1, 1.0),
            (2, 1, 1.0),
            (3, 1, 1.0),
            (3, 2, 1.0),
            (4, 2, 1.0),
            (0, 3, 1.0),
            (5, 3, 1.0),
        ];
        let t = TwoMode::new(6, 4, &m);
        let g = t.project_cities();
        let exact = betweenness(&g);
        let (est, capped) = betweenness_rk_projection(&t, &t.as_graph(), 40_000, 3);
        assert_eq!(capped, 0);
        for v in 0..6 {
            assert!(
                (est[v] - exact[v]).abs() < 0.02,
                "{v}: {} vs {}",
                est[v],
                exact[v]
            );
        }
        let deg = t.projected_degree();
        let (c, exact_nodes) = clustering_wedges(&t, &deg, 1_000_000, 1);
        assert_eq!(exact_nodes, deg.iter().filter(|&&d| d >= 2).count());
        assert_eq!(c, clustering(&g));
        let (c2, _) = clustering_wedges(&t, &deg, 2, 1);
        let want = clustering(&g);
        for v in 0..6 {
            assert!((0.0..=1.0).contains(&c2[v]));
            if deg[v] <= 2 {
                assert_eq!(c2[v], want[v]);
            }
        }
    }
}
