//! Brandes betweenness with up to 64 sources sharing one breadth-first search.
//!
//! The sources of a batch advance level by level together, one bit per source in a `u64` per
//! node (the bookkeeping of the multi-source BFS of [`super::distance_stats`], Then et al.,
//! VLDB 2014): a node's adjacency row is scanned once per level at which it is on the frontier
//! of *any* source of the batch, instead of once per source. Path counts σ and dependencies are
//! kept per node and per source ("lane"), node-major, so one node's lanes share cache lines;
//! only the lanes whose bit is set on a shortest-path arc are touched.
//!
//! Forward, level `d → d+1`: for each frontier entry `(v, M_v)` (the sources at distance `d`
//! from `v`) and each neighbour `u`, the lanes `M_v & !seen(u)` are those where `v → u` is a
//! shortest-path arc, and `σ_l(u) += σ_l(v)` on each of them. Backward, level by level from the
//! deepest: for each entry `(v, M_v)` at level `d`, the lanes `M_v & at_{d+1}(w)` of a
//! neighbour `w` are those where `w` is a successor of `v`, and Brandes' pull form gives
//! `δ_l(v) = σ_l(v) · Σ_w (1 + δ_l(w)) / σ_l(w)`; the lane's slot then holds
//! `(1 + δ_l(v)) / σ_l(v)` (its σ is never read again). The per-level frontier lists are the
//! only record of the search: no shortest-path DAG is stored.
//!
//! Each `(source, node)` pair sees exactly the arithmetic of per-source Brandes; only the order
//! in which a node's dependencies from different sources are added differs (lanes in order
//! within a level, levels from the deepest, batches in order). Batches and their grouping into
//! chunks depend on the graph only, so the result does not depend on the thread count.

use super::paths::fixed_chunks_for;
use crate::graph::Csr;

/// Sources per batch (one bit each in a `u64`).
const LANES: usize = 64;

/// Per-thread scratch of the batched search.
pub(crate) struct BatchScratch {
    /// Sources that have reached each node (forward), zero between batches.
    seen: Vec<u64>,
    /// Forward: the lanes reaching each node at the next level; backward: the lanes at which
    /// each node is at the level below the one being processed. Zero between batches.
    mark: Vec<u64>,
    /// Node-major lanes: σ during the forward pass, `(1 + δ) / σ` once final. Zero between
    /// batches.
    val: Vec<f64>,
    /// Frontier entries of every level, end to end: node and the lanes at that level.
    nodes: Vec<u32>,
    masks: Vec<u64>,
    /// Level `d` is `nodes[starts[d]..starts[d + 1]]`.
    starts: Vec<usize>,
}

impl BatchScratch {
    pub(crate) fn new(n: usize) -> Self {
        BatchScratch {
            seen: vec![0; n],
            mark: vec![0; n],
            val: vec![0.0; n * LANES],
            nodes: Vec::new(),
            masks: Vec::new(),
            starts: Vec::new(),
        }
    }

    /// Brandes from the `sources` (at most 64, distinct): adds `weight[l] · δ_{s_l}(v)` to
    /// `acc[v]` for every node `v` other than the source of lane `l`.
    pub(crate) fn run(&mut self, g: &Csr, sources: &[u32], weight: &[f64], acc: &mut [f64]) {
        debug_assert!(sources.len() <= LANES && sources.len() == weight.len());
        self.forward(g, sources);
        self.backward(g, weight, acc);
        self.reset();
    }

    /// Level-synchronous search from every source at once, counting shortest paths per lane.
    fn forward(&mut self, g: &Csr, sources: &[u32]) {
        let offsets = g.offsets();
        let targets = g.targets();
        let BatchScratch {
            seen,
            mark,
            val,
            nodes,
            masks,
            starts,
        } = self;
        nodes.clear();
        masks.clear();
        starts.clear();
        starts.push(0);
        for (l, &s) in sources.iter().enumerate() {
            let s = s as usize;
            seen[s] |= 1u64 << l;
            val[s * LANES + l] = 1.0;
            nodes.push(s as u32);
            masks.push(1u64 << l);
        }
        starts.push(nodes.len());
        loop {
            let (a, b) = (starts[starts.len() - 2], starts[starts.len() - 1]);
            for i in a..b {
                let v = nodes[i] as usize;
                let mv = masks[i];
                for &u in &targets[offsets[v]..offsets[v + 1]] {
                    let u = u as usize;
                    let nb = mv & !seen[u];
                    if nb == 0 {
                        continue;
                    }
                    if mark[u] == 0 {
                        nodes.push(u as u32);
                    }
                    mark[u] |= nb;
                    let mut bits = nb;
                    while bits != 0 {
                        let l = bits.trailing_zeros() as usize;
                        bits &= bits - 1;
                        let x = val[v * LANES + l];
                        val[u * LANES + l] += x;
                    }
                }
            }
            if nodes.len() == b {
                break;
            }
            for &u in &nodes[b..] {
                let u = u as usize;
                let nb = std::mem::take(&mut mark[u]);
                seen[u] |= nb;
                masks.push(nb);
            }
            starts.push(nodes.len());
        }
    }

    /// Dependency accumulation from the deepest level up (pull form), into `acc`.
    fn backward(&mut self, g: &Csr, weight: &[f64], acc: &mut [f64]) {
        let offsets = g.offsets();
        let targets = g.targets();
        let BatchScratch {
            mark,
            val,
            nodes,
            masks,
            starts,
            ..
        } = self;
        let depth = starts.len() - 2; // deepest level
        let mut sums = [0.0f64; LANES];
        // At the top of each step, `mark` holds the lanes of level d + 1 (none for the deepest).
        for d in (1..=depth).rev() {
            for i in starts[d]..starts[d + 1] {
                let v = nodes[i] as usize;
                let mv = masks[i];
                if d < depth {
                    for &w in &targets[offsets[v]..offsets[v + 1]] {
                        let w = w as usize;
                        let mut bits = mv & mark[w];
                        while bits != 0 {
                            let l = bits.trailing_zeros() as usize;
                            bits &= bits - 1;
                            sums[l] += val[w * LANES + l];
                        }
                    }
                }
                let mut a = 0.0;
                let mut bits = mv;
                while bits != 0 {
                    let l = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    let slot = &mut val[v * LANES + l];
                    let sigma = *slot;
                    let delta = sigma * sums[l];
                    sums[l] = 0.0;
                    a += weight[l] * delta;
                    *slot = (1.0 + delta) / sigma;
                }
                acc[v] += a;
            }
            // Level d + 1 is no longer needed: clear its marks and values; mark level d.
            if d < depth {
                for i in starts[d + 1]..starts[d + 2] {
                    let w = nodes[i] as usize;
                    mark[w] = 0;
                    clear_lanes(&mut val[w * LANES..(w + 1) * LANES], masks[i]);
                }
            }
            for i in starts[d]..starts[d + 1] {
                mark[nodes[i] as usize] |= masks[i];
            }
        }
    }

    /// Zeroes what the batch left: marks and values of levels 0 and 1, and `seen`.
    fn reset(&mut self) {
        let BatchScratch {
            seen,
            mark,
            val,
            nodes,
            masks,
            starts,
        } = self;
        let end = starts[2.min(starts.len() - 1)];
        for i in 0..end {
            let v = nodes[i] as usize;
            mark[v] = 0;
            clear_lanes(&mut val[v * LANES..(v + 1) * LANES], masks[i]);
        }
        for &v in nodes.iter() {
            seen[v as usize] = 0;
        }
    }
}

#[inline]
fn clear_lanes(row: &mut [f64], mask: u64) {
    let mut bits = mask;
    while bits != 0 {
        let l = bits.trailing_zeros() as usize;
        bits &= bits - 1;
        row[l] = 0.0;
    }
}

/// Raw dependencies (ordered pairs) from every source in `sources`, each weighted by
/// `weight_of(s)`: batches of 64 consecutive sources, grouped into chunks fixed by the number
/// of batches, each chunk summed into its own vector, the vectors added in chunk order.
pub(crate) fn batched_dependencies(g: &Csr, sources: &[u32], weight_of: &[f64]) -> Vec<Vec<f64>> {
    use rayon::prelude::*;
    let n = g.node_count();
    let batches: Vec<&[u32]> = sources.chunks(LANES).collect();
    let chunks = fixed_chunks_for(batches.len(), 1, n);
    chunks
        .into_par_iter()
        .map_init(
            || BatchScratch::new(n),
            |scratch, range| {
                let mut acc = vec![0.0; n];
                let mut w = Vec::with_capacity(LANES);
                for b in range {
                    w.clear();
                    w.extend(batches[b].iter().map(|&s| weight_of[s as usize]));
                    scratch.run(g, batches[b], &w, &mut acc);
                }
                acc
            },
        )
        .collect()
}
