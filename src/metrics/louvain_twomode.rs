//! Louvain communities of the city projection `G` without building it.
//!
//! The same procedure as [`super::louvain`] (NetworkX's `louvain_communities`: local moving in
//! a seeded random order with NetworkX's gain formula, aggregation while modularity improves
//! by more than 1e-7, then the refinement pass of NetworKit's PLM), one run. Only the first
//! level differs in how it reads `G`: the weight from city `u` to community `c` is
//! `Σ_{p∋u} w(u,p) · W_p[c]` (minus `u`'s own share), where `W_p[c]` is the summed membership
//! weight of `c`'s members in program `p`, kept per program in an ordered map and updated on
//! each move. The aggregated graph of the first level (one node per community) is built from
//! those maps: `Σ_p W_p[c] W_p[d]` between communities, `½ Σ_p (W_p[c]² − Σ_{a∈c∩p} w(a,p)²)`
//! inside. Later levels are ordinary weighted graphs.
//!
//! Deterministic for a seed (sequential; ordered maps; candidates in id order). Partitions
//! differ from [`super::louvain`] on the built projection (accumulation order and the single
//! run), so compare them through modularity.

use super::community::{LGraph, SplitMix64, LOUVAIN_THRESHOLD};
use super::components::canonical_labels;
use crate::graph::TwoMode;
use std::collections::BTreeMap;

impl LGraph {
    /// One level of local moving in full sweeps over the nodes (NetworkX's procedure), until a
    /// sweep moves no node. Returns (community of each node, relabelled `0..k`; k; whether
    /// any node moved). [`super::community`]'s own `one_level` is queue-driven instead; this
    /// one is kept so that the two-mode Louvain's results stay as tested.
    fn one_level_sweeps(
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
        loop {
            let mut moves = 0usize;
            for &u in &order {
                let u = u as usize;
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
                    moves += 1;
                    improvement = true;
                }
            }
            if moves == 0 {
                break;
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

/// Per-program community weights: community → (Σ w, Σ w², members).
type ProgramMaps = Vec<BTreeMap<u32, (f64, f64, u32)>>;

fn program_maps(t: &TwoMode, com: &[u32]) -> ProgramMaps {
    (0..t.n_programs())
        .map(|p| {
            let mut m = BTreeMap::new();
            let (ms, ws) = t.members_of(p);
            for (&a, &w) in ms.iter().zip(ws) {
                let e = m.entry(com[a as usize]).or_insert((0.0, 0.0, 0));
                e.0 += w;
                e.1 += w * w;
                e.2 += 1;
            }
            m
        })
        .collect()
}

/// Modularity of `com` (labels `0..k`) on `G`, from the program maps.
fn modularity_maps(
    maps: &ProgramMaps,
    strength: &[f64],
    com: &[u32],
    k: usize,
    m: f64,
    res: f64,
) -> f64 {
    let mut internal = vec![0.0; k];
    let mut tot = vec![0.0; k];
    for (a, &c) in com.iter().enumerate() {
        tot[c as usize] += strength[a];
    }
    for map in maps {
        for (&c, &(s, sq, _)) in map {
            internal[c as usize] += 0.5 * (s * s - sq);
        }
    }
    let norm = 1.0 / (2.0 * m * 2.0 * m);
    (0..k)
        .map(|c| internal[c] / m - res * tot[c] * tot[c] * norm)
        .sum()
}

/// One level of local moving on `G` through `B`. Returns labels relabelled `0..k` in order
/// of first appearance, `k`, and whether any city moved.
fn level_zero(
    t: &TwoMode,
    strength: &[f64],
    m: f64,
    resolution: f64,
    rng: &mut SplitMix64,
    start: Option<&[u32]>,
) -> (Vec<u32>, usize, bool) {
    let n = t.n_cities();
    let mut com: Vec<u32> = match start {
        Some(s) => s.to_vec(),
        None => (0..n as u32).collect(),
    };
    let mut maps = program_maps(t, &com);
    let mut stot = vec![0.0; n];
    for v in 0..n {
        stot[com[v] as usize] += strength[v];
    }
    let mut order: Vec<u32> = (0..n as u32).collect();
    rng.shuffle(&mut order);
    let mut w2c = vec![0.0f64; n];
    let mut mark = vec![false; n];
    let mut touched: Vec<u32> = Vec::new();
    let two_m2 = 2.0 * m * m;
    let mut improvement = false;
    loop {
        let mut moves = 0usize;
        for &u in &order {
            let u = u as usize;
            let own = com[u] as usize;
            touched.clear();
            let (ps, ws) = t.programs_of(u);
            let mut self_w = 0.0;
            for (&p, &wu) in ps.iter().zip(ws) {
                self_w += wu * wu;
                for (&c, &(s, _, _)) in &maps[p as usize] {
                    let c = c as usize;
                    if !mark[c] {
                        mark[c] = true;
                        touched.push(c as u32);
                    }
                    w2c[c] += wu * s;
                }
            }
            w2c[own] -= self_w;
            touched.sort_unstable();
            let deg = strength[u];
            stot[own] -= deg;
            let remove_cost = -w2c[own] / m + resolution * (stot[own] * deg) / two_m2;
            let mut best_mod = 0.0;
            let mut best = own;
            for &c in &touched {
                let c = c as usize;
                if c == own && w2c[c] <= 0.0 {
                    continue;
                }
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
                for (&p, &wu) in ps.iter().zip(ws) {
                    let map = &mut maps[p as usize];
                    let e = map.get_mut(&(own as u32)).expect("member's community");
                    e.0 -= wu;
                    e.1 -= wu * wu;
                    e.2 -= 1;
                    if e.2 == 0 {
                        map.remove(&(own as u32));
                    }
                    let e = map.entry(best as u32).or_insert((0.0, 0.0, 0));
                    e.0 += wu;
                    e.1 += wu * wu;
                    e.2 += 1;
                }
                com[u] = best as u32;
                moves += 1;
                improvement = true;
            }
        }
        if moves == 0 {
            break;
        }
    }
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

/// The graph of communities `com` (labels `0..k`) of `G`, built from the program maps.
fn aggregate_twomode(t: &TwoMode, strength: &[f64], com: &[u32], k: usize) -> LGraph {
    let maps = program_maps(t, com);
    let mut degree = vec![0.0; k];
    for (a, &c) in com.iter().enumerate() {
        degree[c as usize] += strength[a];
    }
    let mut loops = vec![0.0; k];
    let mut rows: Vec<BTreeMap<u32, f64>> = vec![BTreeMap::new(); k];
    for map in &maps {
        let entries: Vec<(u32, f64, f64)> =
            map.iter().map(|(&c, &(s, sq, _))| (c, s, sq)).collect();
        for (i, &(c, s, sq)) in entries.iter().enumerate() {
            loops[c as usize] += 0.5 * (s * s - sq);
            for &(d, s2, _) in &entries[i + 1..] {
                *rows[c as usize].entry(d).or_insert(0.0) += s * s2;
                *rows[d as usize].entry(c).or_insert(0.0) += s * s2;
            }
        }
    }
    let mut offsets = Vec::with_capacity(k + 1);
    offsets.push(0);
    let mut targets = Vec::new();
    let mut weights = Vec::new();
    for r in rows {
        for (d, w) in r {
            targets.push(d);
            weights.push(w);
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

/// Louvain communities of the projection of `t` (weighted, resolution `resolution`, one
/// seeded run): labels `0..k`, 0 the largest community (ties by smallest city id).
/// `strength` is `t.projected_strength()`. Edgeless projections give singletons.
///
/// # Complexity
/// A sweep of the first level costs `Σ_a Σ_{p∋a} (communities present in p)`, at most the
/// work of the sparse product `Σ_p k_p²` and far less once communities form; memory
/// O(memberships + edges of the first aggregated graph).
pub fn louvain(t: &TwoMode, strength: &[f64], resolution: f64, seed: u64) -> Vec<i64> {
    let n = t.n_cities();
    let m: f64 = strength.iter().sum::<f64>() / 2.0;
    if n == 0 || m <= 0.0 {
        return (0..n as i64).collect();
    }
    // The same seed derivation as the first run of `super::louvain`.
    let mut seeder = SplitMix64::new(seed);
    let mut rng = SplitMix64::new(seeder.next_u64());
    let singletons: Vec<u32> = (0..n as u32).collect();
    let mut modularity_now = modularity_maps(
        &program_maps(t, &singletons),
        strength,
        &singletons,
        n,
        m,
        resolution,
    );
    let (com0, k0, improvement) = level_zero(t, strength, m, resolution, &mut rng, None);
    if !improvement {
        return canonical_labels(&singletons);
    }
    let q0 = modularity_maps(&program_maps(t, &com0), strength, &com0, k0, m, resolution);
    if q0 - modularity_now <= LOUVAIN_THRESHOLD {
        return canonical_labels(&com0);
    }
    modularity_now = q0;
    let mut graph = aggregate_twomode(t, strength, &com0, k0);
    let mut levels: Vec<(LGraph, Vec<u32>)> = Vec::new();
    let top: Vec<u32>;
    loop {
        let (com, k, improvement) = graph.one_level_sweeps(m, resolution, &mut rng, None);
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
    let mut labels = top;
    while let Some((g_l, map)) = levels.pop() {
        let start: Vec<u32> = map.iter().map(|&c| labels[c as usize]).collect();
        let (refined, _, _) = g_l.one_level_sweeps(m, resolution, &mut rng, Some(&start));
        labels = refined;
    }
    // Refinement at the level of cities.
    let start: Vec<u32> = com0.iter().map(|&c| labels[c as usize]).collect();
    let (refined, _, _) = level_zero(t, strength, m, resolution, &mut rng, Some(&start));
    canonical_labels(&refined)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::{louvain as louvain_built, modularity};

    #[test]
    fn finds_communities_as_good_as_on_the_built_projection() {
        // Three groups of cities, each sharing its own programs, plus one bridging program.
        let mut m = vec![];
        for g in 0..3u32 {
            for c in 0..12u32 {
                let city = g * 12 + c;
                m.push((city, g * 2, 1.0));
                if c % 2 == 0 {
                    m.push((city, g * 2 + 1, 1.5));
                }
            }
        }
        m.push((0, 6, 1.0));
        m.push((12, 6, 1.0));
        m.push((24, 6, 1.0));
        let t = TwoMode::new(36, 7, &m);
        let g = t.project_cities();
        let s = t.projected_strength();
        let ours = louvain(&t, &s, 1.0, 1);
        let theirs = louvain_built(&g, 1.0, 1);
        let (q1, q2) = (modularity(&g, &ours, 1.0), modularity(&g, &theirs, 1.0));
        assert!(q1 >= q2 - 1e-9, "{q1} < {q2}");
        assert_eq!(ours.iter().max(), Some(&2));
        assert_eq!(louvain(&t, &s, 1.0, 1), ours);
    }
}
