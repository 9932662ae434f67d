//! Modularity and Louvain community detection (weighted).
//!
//! The Louvain implementation follows the same procedure as NetworkX's
//! `louvain_communities` (Blondel et al. 2008): local moving in a seeded random node order, with
//! the same gain formula and the same stopping threshold between levels, then aggregation. The
//! random stream is our own (SplitMix64), so the partitions differ from NetworkX's for the same
//! seed; quality is compared through modularity.

use super::components::canonical_labels;
use crate::graph::Csr;

/// NetworkX's default improvement threshold between Louvain levels.
pub const LOUVAIN_THRESHOLD: f64 = 1e-7;

/// Small deterministic generator (SplitMix64).
#[derive(Debug, Clone)]
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    pub(crate) fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..bound` (bound > 0), by Lemire's multiply-shift (tiny bias is irrelevant).
    pub(crate) fn below(&mut self, bound: usize) -> usize {
        ((self.next_u64() as u128 * bound as u128) >> 64) as usize
    }
    pub(crate) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// Weighted graph with self-loops (the aggregated graphs of Louvain). Shared with
/// [`super::louvain_twomode`], whose later levels are ordinary weighted graphs.
#[derive(Clone)]
pub(super) struct LGraph {
    pub(super) offsets: Vec<usize>,
    pub(super) targets: Vec<u32>,
    pub(super) weights: Vec<f64>,
    /// Self-loop weight (counted once as an edge, twice in the degree).
    pub(super) loops: Vec<f64>,
    /// Weighted degree: row sum + 2 × loop.
    pub(super) degree: Vec<f64>,
}

impl LGraph {
    fn from_csr(g: &Csr) -> LGraph {
        let n = g.node_count();
        let degree = (0..n).map(|v| g.strength(v)).collect();
        LGraph {
            offsets: g.offsets().to_vec(),
            targets: g.targets().to_vec(),
            weights: g.weights().to_vec(),
            loops: vec![0.0; n],
            degree,
        }
    }

    pub(super) fn n(&self) -> usize {
        self.degree.len()
    }

    /// Modularity of the partition `com` (labels `0..k`), NetworkX's formula.
    pub(super) fn modularity(&self, com: &[u32], k: usize, m: f64, resolution: f64) -> f64 {
        let mut internal = vec![0.0; k];
        let mut tot = vec![0.0; k];
        for v in 0..self.n() {
            let c = com[v] as usize;
            tot[c] += self.degree[v];
            internal[c] += self.loops[v];
            for i in self.offsets[v]..self.offsets[v + 1] {
                let u = self.targets[i] as usize;
                if u > v && com[u] as usize == c {
                    internal[c] += self.weights[i];
                }
            }
        }
        let norm = 1.0 / (2.0 * m * 2.0 * m);
        (0..k)
            .map(|c| internal[c] / m - resolution * tot[c] * tot[c] * norm)
            .sum()
    }

    /// Collapses communities `com` (labels `0..k`) into nodes.
    pub(super) fn aggregate(&self, com: &[u32], k: usize) -> LGraph {
        let n = self.n();
        // Members of each community.
        let mut members: Vec<Vec<u32>> = vec![Vec::new(); k];
        for v in 0..n {
            members[com[v] as usize].push(v as u32);
        }
        let mut acc = vec![0.0f64; k];
        let mut mark = vec![false; k];
        let mut touched: Vec<u32> = Vec::new();
        let mut offsets = Vec::with_capacity(k + 1);
        offsets.push(0);
        let mut targets = Vec::new();
        let mut weights = Vec::new();
        let mut loops = vec![0.0; k];
        let mut degree = vec![0.0; k];
        for (c, mem) in members.iter().enumerate() {
            touched.clear();
            for &v in mem {
                let v = v as usize;
                degree[c] += self.degree[v];
                loops[c] += self.loops[v];
                for i in self.offsets[v]..self.offsets[v + 1] {
                    let u = self.targets[i] as usize;
                    let cu = com[u] as usize;
                    if cu == c {
                        if u > v {
                            loops[c] += self.weights[i];
                        }
                    } else {
                        if !mark[cu] {
                            mark[cu] = true;
                            touched.push(cu as u32);
                        }
                        acc[cu] += self.weights[i];
                    }
                }
            }
            touched.sort_unstable();
            for &d in &touched {
                targets.push(d);
                weights.push(acc[d as usize]);
                acc[d as usize] = 0.0;
                mark[d as usize] = false;
            }
            offsets.push(targets.len());
        }
        LGraph {
            offsets,
            targets,
            weights,
            loops,
            degree,
        }
    }

    /// One level of local moving. Returns (community of each node, relabelled `0..k`; k;
    /// whether any node moved).
    fn one_level(
        &self,
        m: f64,
        resolution: f64,
        rng: &mut SplitMix64,
        start: Option<&[u32]>,
    ) -> (Vec<u32>, usize, bool) {
        let n = self.n();
        let mut com: Vec<u32> = match start {
            Some(s) => s.to_vec(),
            None => (0..n as u32).collect(),
        };
        let mut stot = vec![0.0; n];
        for v in 0..n {
            stot[com[v] as usize] += self.degree[v];
        }
        let mut order: Vec<u32> = (0..n as u32).collect();
        rng.shuffle(&mut order);
        let mut w2c = vec![0.0f64; n];
        let mut mark = vec![false; n];
        let mut touched: Vec<u32> = Vec::new();
        let two_m2 = 2.0 * m * m;
        let mut improvement = false;
        // Queue-driven local moving (the "fast local move" of Traag et al. 2019): every node is
        // visited once in the shuffled order, then only nodes next to a node that moved are
        // visited again, until no node can improve modularity by moving. The end state is the
        // same kind of local optimum as repeated full sweeps, at a fraction of the work.
        let mut queue: std::collections::VecDeque<u32> = order.iter().copied().collect();
        let mut queued = vec![true; n];
        {
            while let Some(u) = queue.pop_front() {
                let u = u as usize;
                queued[u] = false;
                let own = com[u] as usize;
                touched.clear();
                for i in self.offsets[u]..self.offsets[u + 1] {
                    let v = self.targets[i] as usize;
                    let c = com[v] as usize;
                    if !mark[c] {
                        mark[c] = true;
                        touched.push(c as u32);
                    }
                    w2c[c] += self.weights[i];
                }
                let deg = self.degree[u];
                stot[own] -= deg;
                let remove_cost = -w2c[own] / m + resolution * (stot[own] * deg) / two_m2;
                let mut best_mod = 0.0;
                let mut best = own;
                for &c in &touched {
                    let c = c as usize;
                    let gain = remove_cost + w2c[c] / m - resolution * (stot[c] * deg) / two_m2;
                    if gain > best_mod {
                        best_mod = gain;
                        best = c;
                    }
                }
                for &c in &touched {
                    w2c[c as usize] = 0.0;
                    mark[c as usize] = false;
                }
                stot[best] += deg;
                if best != own {
                    com[u] = best as u32;
                    improvement = true;
                    for i in self.offsets[u]..self.offsets[u + 1] {
                        let v = self.targets[i] as usize;
                        if !queued[v] && com[v] as usize != best {
                            queued[v] = true;
                            queue.push_back(v as u32);
                        }
                    }
                }
            }
        }
        // Relabel to 0..k in order of first appearance.
        let mut relabel = vec![u32::MAX; n];
        let mut k = 0u32;
        for c in com.iter_mut() {
            let r = &mut relabel[*c as usize];
            if *r == u32::MAX {
                *r = k;
                k += 1;
            }
            *c = *r;
        }
        (com, k as usize, improvement)
    }
}

/// One seeded Louvain run with refinement; labels per node (arbitrary ids `0..k`).
fn louvain_run(base: &LGraph, m: f64, resolution: f64, rng: &mut SplitMix64) -> Vec<u32> {
    let n = base.n();
    let base = base.clone();
    // Coarsening (NetworkX's procedure): levels[i] is the graph at level i and the map from its
    // nodes to the nodes of level i + 1.
    let singletons: Vec<u32> = (0..n as u32).collect();
    let mut modularity_now = base.modularity(&singletons, n, m, resolution);
    let mut levels: Vec<(LGraph, Vec<u32>)> = Vec::new();
    let mut graph = base;
    let top: Vec<u32>;
    loop {
        let (com, k, improvement) = graph.one_level(m, resolution, rng, None);
        if !improvement {
            top = (0..graph.n() as u32).collect();
            break;
        }
        let new_mod = graph.modularity(&com, k, m, resolution);
        if new_mod - modularity_now <= LOUVAIN_THRESHOLD {
            top = com;
            break;
        }
        modularity_now = new_mod;
        let next = graph.aggregate(&com, k);
        levels.push((graph, com));
        graph = next;
    }
    // Refinement (as NetworKit's PLM with refine=true): project the final partition back down
    // level by level and let single nodes move again at every finer level. Moves are only made
    // for a strictly positive modularity gain, so modularity never decreases.
    let mut labels = top;
    while let Some((g_l, map)) = levels.pop() {
        let start: Vec<u32> = map.iter().map(|&c| labels[c as usize]).collect();
        let (refined, _, _) = g_l.one_level(m, resolution, rng, Some(&start));
        labels = refined;
    }
    labels
}

/// Louvain communities: one label per node, labels `0..k` with 0 the largest community (ties by
/// smallest node id). Weighted (missing weight = 1), resolution `resolution`, seeded.
///
/// Each run follows the procedure of `nx.community.louvain_communities(G, weight="weight",
/// resolution=resolution, threshold=1e-7, seed=seed)` (local moving in a seeded random order,
/// NetworkX's gain formula, aggregation while modularity improves by more than 1e-7), followed by
/// a refinement pass that re-runs local moving at each finer level (NetworKit PLM's `refine`).
/// [`louvain_restarts`]`(g)` independent runs are made from seeds derived from `seed`, and the
/// partition with the highest modularity is kept (first one on ties). Deterministic for a given
/// seed. The random order differs from NetworkX's, so compare partitions through
/// [`modularity`]. Edgeless graphs give singletons. About O(m) per sweep per run.
pub fn louvain(g: &Csr, resolution: f64, seed: u64) -> Vec<i64> {
    let n = g.node_count();
    let base = LGraph::from_csr(g);
    let m: f64 = base.degree.iter().sum::<f64>() / 2.0;
    if n == 0 || m <= 0.0 {
        return (0..n as i64).collect();
    }
    let mut seeder = SplitMix64::new(seed);
    let mut best: Option<(f64, Vec<u32>)> = None;
    for _ in 0..louvain_restarts(g) {
        let mut rng = SplitMix64::new(seeder.next_u64());
        let lab = louvain_run(&base, m, resolution, &mut rng);
        let k = lab.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
        let q = base.modularity(&lab, k, m, resolution);
        if best.as_ref().is_none_or(|(bq, _)| q > *bq) {
            best = Some((q, lab));
        }
    }
    canonical_labels(&best.expect("at least one run").1)
}

/// Number of independent Louvain runs [`louvain`] makes: 8 for graphs with at most 20,000
/// edges, 2 up to 200,000 edges, 1 above (a deterministic function of the size only).
pub fn louvain_restarts(g: &Csr) -> usize {
    match g.edge_count() {
        0..=20_000 => 8,
        20_001..=200_000 => 2,
        _ => 1,
    }
}

/// Modularity of a partition (labels per node, any non-negative integers), weighted:
/// `Q = Σ_c [ L_c / m − γ (K_c / 2m)² ]`, `L_c` = weight inside `c`, `K_c` = summed strength of
/// `c`, `m` = total weight. Same number as `nx.community.modularity(G, communities,
/// weight="weight", resolution=γ)`; 0 for an edgeless graph (NetworkX divides by zero there).
/// O(n + m).
pub fn modularity(g: &Csr, labels: &[i64], resolution: f64) -> f64 {
    let lg = LGraph::from_csr(g);
    let m: f64 = lg.degree.iter().sum::<f64>() / 2.0;
    if m <= 0.0 {
        return 0.0;
    }
    let raw: Vec<u32> = labels.iter().map(|&l| l as u32).collect();
    let canon = canonical_labels(&raw);
    let k = canon.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    let com: Vec<u32> = canon.iter().map(|&c| c as u32).collect();
    lg.modularity(&com, k, m, resolution)
}
