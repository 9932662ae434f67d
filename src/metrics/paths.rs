//! Hop-count shortest-path measures: betweenness (Brandes), closeness, harmonic centrality,
//! reach within `k` hops, diameter and average shortest path length.
//!
//! All kernels count hops (unweighted breadth-first search) and run in parallel over BFS sources
//! with rayon. Sources are split into a **fixed** number of contiguous chunks that depends only on
//! the graph, each chunk is processed sequentially into its own accumulator, and the
//! per-chunk accumulators are added in chunk order. The floating-point summation order therefore
//! never depends on the thread count, and results are bit-identical for 1, 2 or 64 threads.
//!
//! Distance sums, reach counts and eccentricities use a multi-source BFS (MS-BFS, Then et al.,
//! VLDB 2014): 64 sources advance together, one bit per source in a `u64` per node, so a frontier
//! node's adjacency row is scanned once for all the sources that reach it at the same level.
//! Because the graph is undirected, `d(s, u) = d(u, s)`, and every quantity is accumulated on the
//! *target* side in integers (distance sums, counts), which is exact and order-independent.
//! Betweenness runs the same 64-source search with one path count and one dependency per source
//! and node (`brandes_batch`).

use super::brandes_batch::{BatchScratch, LANES};
use crate::graph::msbfs::Frontiers;
use crate::graph::Csr;
use rayon::prelude::*;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};

/// Maximum number of source chunks (independent of the thread count, for determinism).
const MAX_CHUNKS: usize = 32;

/// Splits `0..n` into at most [`MAX_CHUNKS`] contiguous ranges whose layout depends on `n` only.
pub(crate) fn fixed_chunks(n: usize, min_len: usize) -> Vec<Range<usize>> {
    if n == 0 {
        return Vec::new();
    }
    let k = MAX_CHUNKS.min(n.div_ceil(min_len.max(1))).max(1);
    let base = n / k;
    let extra = n % k;
    let mut out = Vec::with_capacity(k);
    let mut start = 0;
    for i in 0..k {
        let len = base + usize::from(i < extra);
        out.push(start..start + len);
        start += len;
    }
    out
}

/// Like [`fixed_chunks`], with fewer chunks for huge `n_out` so that one output vector per chunk
/// stays within about 2²⁴ entries in total (still a function of the sizes only).
pub(crate) fn fixed_chunks_for(n: usize, min_len: usize, n_out: usize) -> Vec<Range<usize>> {
    let budget = ((1usize << 24) / n_out.max(1)).clamp(2, MAX_CHUNKS);
    let mut c = fixed_chunks(n, min_len);
    if c.len() > budget {
        let k = budget;
        let (base, extra) = (n / k, n % k);
        c.clear();
        let mut start = 0;
        for i in 0..k {
            let len = base + usize::from(i < extra);
            c.push(start..start + len);
            start += len;
        }
    }
    c
}

/// Adds per-chunk `f64` vectors element-wise, in chunk order (deterministic).
fn sum_in_order(parts: &[Vec<f64>], n: usize) -> Vec<f64> {
    (0..n)
        .into_par_iter()
        .map(|v| {
            let mut s = 0.0;
            for p in parts {
                s += p[v];
            }
            s
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Brandes betweenness
// ---------------------------------------------------------------------------------------------

/// Per-source Brandes (the kernel before batching), kept as the tests' reference for
/// `brandes_batch`. Per-thread state: `val[v]` holds `σ(v)` during the forward pass and
/// `(1 + δ(v)) / σ(v)` once `v` is finished in the backward pass (a node's σ is never read
/// again after that). Distances live in their own compact array: the forward pass checks them
/// on every arc, the backward pass never reads them.
#[cfg(test)]
struct BrandesScratch {
    dist: Vec<u32>,
    val: Vec<f64>,
    /// BFS order (queue, then stack).
    order: Vec<u32>,
    /// Shortest-path DAG: successors of `order[i]` are `succ[succ_start[i]..succ_start[i + 1]]`.
    succ: Vec<u32>,
    succ_start: Vec<u32>,
}

#[cfg(test)]
impl BrandesScratch {
    fn new(n: usize, m: usize) -> Self {
        BrandesScratch {
            dist: vec![u32::MAX; n],
            val: vec![0.0; n],
            order: Vec::with_capacity(n),
            succ: Vec::with_capacity(m),
            succ_start: Vec::with_capacity(n + 1),
        }
    }

    /// One Brandes source: adds `w · δ_s(v)` to `acc[v]` for every `v ≠ s` (`w` = 1 plus the
    /// leaves folded into `s`, see [`betweenness_kernel`]).
    ///
    /// The forward BFS records the shortest-path DAG (each undirected edge between consecutive
    /// levels once), so the backward pass walks only DAG arcs, without distance checks.
    #[inline]
    fn run(&mut self, g: &Csr, s: usize, w: f64, acc: &mut [f64]) {
        let offsets = g.offsets();
        let targets = g.targets();
        let BrandesScratch {
            dist,
            val,
            order,
            succ,
            succ_start,
        } = self;
        let n = dist.len();
        order.clear();
        succ.clear();
        succ_start.clear();
        order.push(s as u32);
        dist[s] = 0;
        val[s] = 1.0;
        let mut head = 0;
        while head < order.len() {
            let v = order[head] as usize;
            head += 1;
            succ_start.push(succ.len() as u32);
            let dv1 = dist[v] + 1;
            let sv = val[v];
            for &u in &targets[offsets[v]..offsets[v + 1]] {
                let u = u as usize;
                assert!(u < n);
                // SAFETY: `u < n` checked above (the check is hoisted/predicted; `Csr`
                // guarantees it anyway), and `dist.len() == val.len() == n`.
                let du = unsafe { dist.get_unchecked_mut(u) };
                if *du == u32::MAX {
                    *du = dv1;
                    unsafe { *val.get_unchecked_mut(u) = sv };
                    order.push(u as u32);
                    succ.push(u as u32);
                } else if *du == dv1 {
                    unsafe { *val.get_unchecked_mut(u) += sv };
                    succ.push(u as u32);
                }
            }
        }
        succ_start.push(succ.len() as u32);
        // Dependency accumulation, pull form: δ(v) = σ(v) · Σ_{w succ v} (1 + δ(w)) / σ(w).
        for i in (1..order.len()).rev() {
            let v = order[i] as usize;
            let mut sum = 0.0;
            for &w in &succ[succ_start[i] as usize..succ_start[i + 1] as usize] {
                sum += val[w as usize];
            }
            let sigma = val[v];
            let delta = sigma * sum;
            acc[v] += w * delta;
            val[v] = (1.0 + delta) / sigma;
        }
        for &v in order.iter() {
            dist[v as usize] = u32::MAX;
        }
    }
}

/// Raw Brandes dependencies summed over **ordered** source–target pairs:
/// `b(v) = Σ_{s ≠ v ≠ t} σ_st(v) / σ_st` with both `(s, t)` and `(t, s)` counted.
///
/// Halve it for NetworkX's unnormalised undirected value. Parallel over batches of 64 sources
/// that share one BFS (`brandes_batch`), deterministic. O(n·m) time; scratch per
/// thread of 528 bytes per node plus the batch's frontier lists (12 bytes per node and level at
/// which some source of the batch reaches it), and one `n`-vector per source chunk.
pub fn betweenness_raw(g: &Csr) -> Vec<f64> {
    betweenness_raw_relabel_from(g, LOCALITY_MIN_NODES)
}

fn betweenness_raw_relabel_from(g: &Csr, relabel_min: usize) -> Vec<f64> {
    let n = g.node_count();
    if n >= relabel_min {
        // Relabel for cache locality, compute, map back.
        let (h, new_of_old) = relabel_for_locality(g);
        let b = betweenness_kernel(&h);
        return (0..n).map(|v| b[new_of_old[v] as usize]).collect();
    }
    betweenness_kernel(g)
}

/// Graphs at least this large are relabelled before the O(n·m) kernels.
const LOCALITY_MIN_NODES: usize = 4096;

/// A copy of `g` with nodes renumbered for memory locality, and the map old id → new id.
///
/// Order: breadth-first from the highest-degree node, neighbours in row order, then the next
/// unvisited node by decreasing degree (component after component). Deterministic.
pub(crate) fn relabel_for_locality(g: &Csr) -> (Csr, Vec<u32>) {
    let n = g.node_count();
    let mut roots: Vec<u32> = (0..n as u32).collect();
    roots.sort_by_key(|&v| (std::cmp::Reverse(g.degree(v as usize)), v));
    let order = bfs_order(g, None, Some(&roots));
    let mut new_of_old = vec![0u32; n];
    for (i, &v) in order.iter().enumerate() {
        new_of_old[v as usize] = i as u32;
    }
    let edges: Vec<(u32, u32, f64)> = g
        .edges()
        .map(|(u, v, w)| (new_of_old[u as usize], new_of_old[v as usize], w))
        .collect();
    (Csr::from_edges(n, &edges).0, new_of_old)
}

/// Brandes from every source, with **leaf folding**: a degree-1 node `v` whose neighbour `u`
/// has degree > 1 is not run as a source. Every shortest path from `v` starts with the arc
/// `v → u` and continues as one from `u`, so `δ_v(x) = δ_u(x)` for every `x ∉ {u, v}` (`u`'s
/// own paths to `v` have no interior node), and `δ_v(u) = c − 2` (`u` is interior to the path
/// from `v` to each of the other `c − 2` nodes of their component). So `u` runs once with its
/// dependencies weighted by `1 + L(u)` (its `L(u)` folded leaves), and `L(u)·(c − 2)` is added
/// to `u`. This halves the sources on networks where half the nodes are leaves (sister cities);
/// on graphs without leaves every weight is 1.
///
/// The remaining sources run 64 at a time ([`BatchScratch`]), in BFS order so that a batch's
/// sources are close and share most of their frontiers.
fn betweenness_kernel(g: &Csr) -> Vec<f64> {
    let n = g.node_count();
    let mut leaves = vec![0u32; n];
    let mut folded = vec![false; n];
    for (v, fold) in folded.iter_mut().enumerate() {
        if g.degree(v) == 1 {
            let u = g.neighbors(v)[0] as usize;
            if g.degree(u) > 1 {
                *fold = true;
                leaves[u] += 1;
            }
        }
    }
    let sources: Vec<u32> = (0..n as u32)
        .filter(|&s| g.degree(s as usize) > 0 && !folded[s as usize])
        .collect();
    let order = bfs_order(g, Some(&sources), None);
    let weight: Vec<f64> = leaves.iter().map(|&l| 1.0 + l as f64).collect();
    // Batches of 64 consecutive sources in BFS order (close sources share most of their
    // frontiers), grouped into chunks fixed by the number of batches; each chunk sums into its
    // own vector and the vectors are added in chunk order.
    let batches: Vec<&[u32]> = order.chunks(LANES).collect();
    let parts: Vec<Vec<f64>> = fixed_chunks_for(batches.len(), 1, n)
        .into_par_iter()
        .map_init(
            || BatchScratch::new(n),
            |scratch, range| {
                let mut acc = vec![0.0; n];
                for batch in &batches[range] {
                    let mut w = [0.0; LANES];
                    for (x, &s) in w.iter_mut().zip(*batch) {
                        *x = weight[s as usize];
                    }
                    scratch.run(g, batch, &w, &mut acc);
                }
                acc
            },
        )
        .collect();
    let mut acc = sum_in_order(&parts, n);
    if leaves.iter().any(|&l| l > 0) {
        let comp = super::components(g);
        let mut size = vec![0u64; n];
        for &c in &comp {
            size[c as usize] += 1;
        }
        for u in 0..n {
            if leaves[u] > 0 {
                acc[u] += leaves[u] as f64 * (size[comp[u] as usize] as f64 - 2.0);
            }
        }
    }
    acc
}

/// Shortest-path betweenness, normalised:
/// `c_B(v) = 2 / ((n−1)(n−2)) · Σ_{s<t, s≠v≠t} σ_st(v)/σ_st` (hop counts, endpoints excluded).
///
/// Same numbers as `nx.betweenness_centrality(G, normalized=True)`; for `n ≤ 2` every value is 0.
/// Brandes' algorithm with 64 sources per BFS, O(n·m) time, parallel over batches of sources,
/// bit-identical for any thread count.
pub fn betweenness(g: &Csr) -> Vec<f64> {
    let n = g.node_count();
    let mut b = betweenness_raw(g);
    if n > 2 {
        let scale = 1.0 / ((n as f64 - 1.0) * (n as f64 - 2.0));
        for x in &mut b {
            *x *= scale;
        }
    }
    b
}

// ---------------------------------------------------------------------------------------------
// Multi-source BFS
// ---------------------------------------------------------------------------------------------

/// Per-node results of all-sources BFS.
#[derive(Debug, Clone, Default)]
pub struct DistanceStats {
    /// `Σ_u d(v, u)` over nodes `u` reachable from `v` (within the depth limit).
    pub dist_sum: Vec<u64>,
    /// Number of nodes `u ≠ v` reachable from `v` (within the depth limit).
    pub reach: Vec<u64>,
    /// `Σ_{u ≠ v reachable} 1 / d(v, u)`.
    pub harmonic: Vec<f64>,
    /// Largest eccentricity among the sources (largest finite distance seen).
    pub max_distance: u64,
}

/// Multi-source BFS over a built graph: the shared bookkeeping plus this graph's expansion.
struct MsBfsScratch(Frontiers);

impl MsBfsScratch {
    fn new(n: usize) -> Self {
        MsBfsScratch(Frontiers::new(n))
    }

    /// BFS from up to 64 `sources` at once, to depth `max_depth`. Calls `record(u, level, bits)`
    /// each time node `u` is first reached, at `level`, by the sources whose bits are set.
    /// Returns the last level at which any node was reached.
    fn run(
        &mut self,
        g: &Csr,
        sources: &[u32],
        max_depth: u32,
        mut record: impl FnMut(usize, u32, u64),
    ) -> u32 {
        let offsets = g.offsets();
        let targets = g.targets();
        let f = &mut self.0;
        f.seed(sources);
        let mut level = 0u32;
        let mut last = 0u32;
        while !f.frontier.is_empty() && level < max_depth {
            level += 1;
            for i in 0..f.frontier.len() {
                let v = f.frontier[i] as usize;
                let bits = f.visit[v];
                for &u in &targets[offsets[v]..offsets[v + 1]] {
                    f.reach(u as usize, bits);
                }
            }
            if f.advance(level, &mut record) {
                last = level;
            }
        }
        f.reset();
        last
    }
}

/// Orders nodes so that consecutive ones are close (BFS order over all components): sources that
/// share a 64-wide batch then share most of their BFS frontiers.
fn bfs_order(g: &Csr, among: Option<&[u32]>, roots: Option<&[u32]>) -> Vec<u32> {
    let n = g.node_count();
    let mut seen = vec![false; n];
    let mut order = Vec::with_capacity(n);
    let roots: Vec<u32> = match (roots, among) {
        (Some(r), _) => r.to_vec(),
        (None, Some(a)) => a.to_vec(),
        (None, None) => (0..n as u32).collect(),
    };
    let mut in_set = vec![among.is_none(); n];
    if let Some(a) = among {
        for &v in a {
            in_set[v as usize] = true;
        }
    }
    for &r in &roots {
        if seen[r as usize] {
            continue;
        }
        seen[r as usize] = true;
        let start = order.len();
        order.push(r);
        let mut head = start;
        while head < order.len() {
            let v = order[head] as usize;
            head += 1;
            for &u in g.neighbors(v) {
                if !seen[u as usize] && in_set[u as usize] {
                    seen[u as usize] = true;
                    order.push(u);
                }
            }
        }
    }
    order
}

/// All-sources BFS statistics from the `sources` (all nodes if `None`), to depth `max_depth`
/// (`u32::MAX` for unlimited). Accumulated on the target side: with `sources = None`, entry `v`
/// holds `v`'s own distance sum, reach and (if `with_harmonic`, else zeros) harmonic sum.
///
/// Distance sums and counts are integers added with atomics (exact, so order-free); harmonic
/// sums are kept per fixed source chunk and added in chunk order. Deterministic for any thread
/// count. O(n·m / 64) to O(n·m) time depending on frontier sharing; O(n) scratch per thread,
/// plus one `n`-vector per source chunk when `with_harmonic`.
pub fn distance_stats(
    g: &Csr,
    sources: Option<&[u32]>,
    max_depth: u32,
    with_harmonic: bool,
) -> DistanceStats {
    let n = g.node_count();
    let order = bfs_order(g, sources, None);
    let batches: Vec<&[u32]> = order.chunks(64).collect();
    let chunks = fixed_chunks_for(batches.len(), 1, n);
    let dist_sum: Vec<AtomicU64> = (0..n).map(|_| AtomicU64::new(0)).collect();
    let reach: Vec<AtomicU64> = (0..n).map(|_| AtomicU64::new(0)).collect();
    let parts: Vec<(Vec<f64>, u64)> = chunks
        .into_par_iter()
        .map_init(
            || MsBfsScratch::new(n),
            |scratch, range| {
                let mut hm = if with_harmonic {
                    vec![0f64; n]
                } else {
                    Vec::new()
                };
                let mut maxd = 0u64;
                for b in range {
                    let last = scratch.run(g, batches[b], max_depth, |u, level, bits| {
                        let c = bits.count_ones() as u64;
                        dist_sum[u].fetch_add(c * level as u64, Ordering::Relaxed);
                        reach[u].fetch_add(c, Ordering::Relaxed);
                        if with_harmonic {
                            hm[u] += c as f64 / level as f64;
                        }
                    });
                    maxd = maxd.max(last as u64);
                }
                (hm, maxd)
            },
        )
        .collect();
    let harmonic = if with_harmonic {
        let hs: Vec<Vec<f64>> = parts.iter().map(|p| p.0.clone()).collect();
        sum_in_order(&hs, n)
    } else {
        vec![0.0; n]
    };
    DistanceStats {
        dist_sum: dist_sum.into_iter().map(|a| a.into_inner()).collect(),
        reach: reach.into_iter().map(|a| a.into_inner()).collect(),
        harmonic,
        max_distance: parts.iter().map(|p| p.1).max().unwrap_or(0),
    }
}

/// Closeness from distance sums, Wasserman–Faust corrected:
/// `c(v) = (r(v) / Σ_u d(v,u)) · (r(v) / (n−1))` where `r(v)` is the number of other nodes
/// reachable from `v`; 0 if nothing is reachable.
pub(crate) fn closeness_from(stats: &DistanceStats, n: usize) -> Vec<f64> {
    (0..n)
        .map(|v| {
            let tot = stats.dist_sum[v];
            if tot > 0 && n > 1 {
                let r = stats.reach[v] as f64;
                (r / tot as f64) * (r / (n as f64 - 1.0))
            } else {
                0.0
            }
        })
        .collect()
}

/// Closeness centrality with the Wasserman–Faust correction for disconnected graphs:
/// `c(v) = ((r−1) / Σ_u d(v,u)) · ((r−1) / (n−1))`, `r` = size of `v`'s component, hop counts;
/// 0 for isolated nodes.
///
/// Same numbers as `nx.closeness_centrality(G)` (`wf_improved=True`).
/// All-sources multi-source BFS, O(n·m/64)–O(n·m) time, deterministic for any thread count.
pub fn closeness(g: &Csr) -> Vec<f64> {
    let stats = distance_stats(g, None, u32::MAX, false);
    closeness_from(&stats, g.node_count())
}

/// Harmonic centrality divided by `n − 1`: `h(v) = (1/(n−1)) · Σ_{u≠v} 1/d(v,u)` (`1/∞ = 0`).
///
/// Same numbers as `nx.harmonic_centrality(G)[v] / (n − 1)`; 0 when `n ≤ 1`.
/// All-sources multi-source BFS, deterministic for any thread count.
pub fn harmonic(g: &Csr) -> Vec<f64> {
    let n = g.node_count();
    let stats = distance_stats(g, None, u32::MAX, true);
    if n <= 1 {
        return vec![0.0; n];
    }
    stats
        .harmonic
        .iter()
        .map(|h| h / (n as f64 - 1.0))
        .collect()
}

/// Reach within `k` hops: `|{u ≠ v : d(v,u) ≤ k}| / (n − 1)` (0 when `n ≤ 1`).
///
/// Non-decreasing in `k`; `k = 0` gives 0, `k ≥ diameter` gives the share of `v`'s component.
/// Depth-limited multi-source BFS, exact integer counting.
pub fn reach_within(g: &Csr, k: u32) -> Vec<f64> {
    let n = g.node_count();
    if n <= 1 {
        return vec![0.0; n];
    }
    if k == 0 {
        return vec![0.0; n];
    }
    let stats = distance_stats(g, None, k, false);
    stats
        .reach
        .iter()
        .map(|&r| r as f64 / (n as f64 - 1.0))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sparse deterministic graph: a random recursive tree plus
    /// some chords, two small extra components and isolates.
    fn sparse(n: usize) -> Csr {
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut e = Vec::new();
        for v in 1..n as u32 - 10 {
            e.push((v, (next() % v as u64) as u32, 1.0));
            if v % 4 == 0 {
                e.push((v, (next() % v as u64) as u32, 1.0));
            }
        }
        let base = n as u32 - 10;
        e.push((base, base + 1, 1.0));
        e.push((base + 1, base + 2, 1.0));
        e.push((base + 3, base + 4, 1.0));
        Csr::from_edges(n, &e).0
    }

    #[test]
    fn relabelled_betweenness_equals_direct_kernel_for_any_thread_count() {
        let g = sparse(700);
        let direct = betweenness_kernel(&g);
        let mut first: Option<Vec<u64>> = None;
        for k in [1, 2, 4] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(k)
                .build()
                .unwrap();
            let b = pool.install(|| betweenness_raw_relabel_from(&g, 0));
            for (x, y) in b.iter().zip(&direct) {
                assert!((x - y).abs() <= 1e-9 * y.abs().max(1.0), "{x} vs {y}");
            }
            let bits: Vec<u64> = b.iter().map(|x| x.to_bits()).collect();
            match &first {
                None => first = Some(bits),
                Some(f) => assert_eq!(&bits, f, "{k} threads differ"),
            }
        }
    }

    /// Per-source Brandes over every non-isolated source (no folding, no batching).
    fn per_source(g: &Csr) -> Vec<f64> {
        let n = g.node_count();
        let mut scratch = BrandesScratch::new(n, g.edge_count());
        let mut acc = vec![0.0; n];
        for s in 0..n {
            if g.degree(s) > 0 {
                scratch.run(g, s, 1.0, &mut acc);
            }
        }
        acc
    }

    #[test]
    fn batched_kernel_equals_per_source_brandes() {
        // Trees with chords, leaves, small components and isolates; more than 64 sources so
        // that batches are full and a last one is partial.
        for n in [12usize, 65, 300, 1000] {
            let g = sparse(n);
            let want = per_source(&g);
            let got = betweenness_kernel(&g);
            for (v, (x, y)) in got.iter().zip(&want).enumerate() {
                assert!(
                    (x - y).abs() <= 1e-12 * y.abs().max(1.0),
                    "n={n} v={v}: {x} vs {y}"
                );
            }
        }
        // A grid has many shortest paths per pair (σ up to binomial coefficients).
        let k = 30u32;
        let mut e = Vec::new();
        for i in 0..k {
            for j in 0..k {
                if i + 1 < k {
                    e.push((i * k + j, (i + 1) * k + j, 1.0));
                }
                if j + 1 < k {
                    e.push((i * k + j, i * k + j + 1, 1.0));
                }
            }
        }
        let g = Csr::from_edges((k * k) as usize, &e).0;
        let want = per_source(&g);
        let got = betweenness_kernel(&g);
        for (x, y) in got.iter().zip(&want) {
            assert!((x - y).abs() <= 1e-12 * y.abs().max(1.0), "{x} vs {y}");
        }
    }

    #[test]
    fn fixed_chunks_cover_range() {
        for n in [0usize, 1, 5, 31, 32, 33, 1000] {
            let c = fixed_chunks(n, 4);
            let total: usize = c.iter().map(|r| r.len()).sum();
            assert_eq!(total, n);
            assert!(c.len() <= MAX_CHUNKS);
            for w in c.windows(2) {
                assert_eq!(w[0].end, w[1].start);
            }
        }
    }
}
