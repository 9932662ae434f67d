//! Weighted shortest-path variants: betweenness and closeness where an edge's length is derived
//! from its weight, by Dijkstra's algorithm.
//!
//! Two conventions are offered ([`EdgeLength`]): `Weight` (the weight is a distance or a cost)
//! and `InverseWeight` (the weight is a tie strength, so a stronger tie is a shorter hop:
//! length `1/w`, the usual choice for co-membership counts). Path lengths are accumulated exactly
//! as NetworkX does (`dist(v) + len(v, w)` along the search), and equal-length paths are detected
//! by exact floating-point equality, also as NetworkX does, so the same ties are found.

use super::paths::fixed_chunks_for;
use crate::graph::Csr;
use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// How an edge weight becomes an edge length for weighted shortest paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdgeLength {
    /// Length = weight.
    Weight,
    /// Length = 1 / weight (strong ties are short).
    InverseWeight,
}

impl EdgeLength {
    #[inline]
    pub(crate) fn of(self, w: f64) -> f64 {
        match self {
            EdgeLength::Weight => w,
            EdgeLength::InverseWeight => 1.0 / w,
        }
    }
}

/// Heap entry ordered like NetworkX's `(dist, insertion counter)` tuples, smallest first.
#[derive(Clone, Copy)]
struct Entry {
    dist: f64,
    seq: u64,
    node: u32,
}
impl PartialEq for Entry {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Entry {
    fn cmp(&self, o: &Self) -> Ordering {
        // Reversed: BinaryHeap is a max-heap.
        o.dist
            .total_cmp(&self.dist)
            .then_with(|| o.seq.cmp(&self.seq))
    }
}

struct DijkstraScratch {
    dist: Vec<f64>,
    done: Vec<bool>,
    sigma: Vec<f64>,
    coef: Vec<f64>,
    order: Vec<u32>,
    heap: BinaryHeap<Entry>,
}

impl DijkstraScratch {
    fn new(n: usize) -> Self {
        DijkstraScratch {
            dist: vec![f64::INFINITY; n],
            done: vec![false; n],
            sigma: vec![0.0; n],
            coef: vec![0.0; n],
            order: Vec::with_capacity(n),
            heap: BinaryHeap::new(),
        }
    }

    /// Dijkstra from `s`: fills `order` (finalisation order), `dist`, `sigma`.
    fn search(&mut self, g: &Csr, s: usize, len: EdgeLength) {
        self.order.clear();
        self.heap.clear();
        let mut seq = 0u64;
        self.dist[s] = 0.0;
        self.sigma[s] = 1.0;
        self.heap.push(Entry {
            dist: 0.0,
            seq,
            node: s as u32,
        });
        while let Some(Entry { dist: d, node, .. }) = self.heap.pop() {
            let v = node as usize;
            if self.done[v] || d > self.dist[v] {
                continue;
            }
            self.done[v] = true;
            self.order.push(node);
            for (&w, &wt) in g.neighbors(v).iter().zip(g.edge_weights(v)) {
                let w = w as usize;
                if self.done[w] {
                    continue;
                }
                let nd = d + len.of(wt);
                if nd < self.dist[w] {
                    self.dist[w] = nd;
                    self.sigma[w] = self.sigma[v];
                    seq += 1;
                    self.heap.push(Entry {
                        dist: nd,
                        seq,
                        node: w as u32,
                    });
                } else if nd == self.dist[w] {
                    self.sigma[w] += self.sigma[v];
                }
            }
        }
    }

    fn reset(&mut self) {
        for &v in &self.order {
            let v = v as usize;
            self.dist[v] = f64::INFINITY;
            self.done[v] = false;
            self.sigma[v] = 0.0;
        }
    }

    fn betweenness_source(&mut self, g: &Csr, s: usize, len: EdgeLength, acc: &mut [f64]) {
        self.search(g, s, len);
        // Pull-form accumulation over the shortest-path DAG (w is a successor of v iff
        // dist(v) + len(v, w) == dist(w), the same test the search used).
        for i in (0..self.order.len()).rev() {
            let v = self.order[i] as usize;
            let dv = self.dist[v];
            let mut sum = 0.0;
            for (&w, &wt) in g.neighbors(v).iter().zip(g.edge_weights(v)) {
                let w = w as usize;
                if self.done[w] && dv + len.of(wt) == self.dist[w] {
                    sum += self.coef[w];
                }
            }
            let delta = self.sigma[v] * sum;
            if v != s {
                acc[v] += delta;
            }
            self.coef[v] = (1.0 + delta) / self.sigma[v];
        }
        self.reset();
    }
}

/// Weighted shortest-path betweenness, normalised like [`super::betweenness`]
/// (`2/((n−1)(n−2))`), with edge lengths from `len`.
///
/// Same numbers as `nx.betweenness_centrality(G, normalized=True, weight="length")` where
/// `length` is `w` or `1/w`. Brandes with Dijkstra, O(n·m·log n), parallel over sources in fixed
/// chunks (bit-identical for any thread count). Weights must be positive and finite.
pub fn weighted_betweenness(g: &Csr, len: EdgeLength) -> Vec<f64> {
    let n = g.node_count();
    let chunks = fixed_chunks_for(n, 16, n);
    let parts: Vec<Vec<f64>> = chunks
        .into_par_iter()
        .map_init(
            || DijkstraScratch::new(n),
            |scratch, range| {
                let mut acc = vec![0.0; n];
                for s in range {
                    if g.degree(s) > 0 {
                        scratch.betweenness_source(g, s, len, &mut acc);
                    }
                }
                acc
            },
        )
        .collect();
    let scale = if n > 2 {
        1.0 / ((n as f64 - 1.0) * (n as f64 - 2.0))
    } else {
        1.0
    };
    (0..n)
        .map(|v| parts.iter().map(|p| p[v]).fold(0.0, |a, b| a + b) * scale)
        .collect()
}

/// Weighted closeness (Wasserman–Faust): `((r−1)/Σ_u d(v,u)) · ((r−1)/(n−1))` with `d` the
/// weighted shortest-path length under `len`, `r` the size of `v`'s component; 0 if `v` reaches
/// nothing.
///
/// Same numbers as `nx.closeness_centrality(G, distance="length")` (`wf_improved=True`), the
/// distance sum taken in the order NetworkX's Dijkstra finalises nodes. O(n·m·log n), parallel
/// over nodes, per-node values (deterministic). Weights must be positive and finite.
pub fn weighted_closeness(g: &Csr, len: EdgeLength) -> Vec<f64> {
    let n = g.node_count();
    (0..n)
        .into_par_iter()
        .map_init(
            || DijkstraScratch::new(n),
            |scratch, v| {
                scratch.search(g, v, len);
                let mut tot = 0.0;
                for &u in &scratch.order {
                    tot += scratch.dist[u as usize];
                }
                let r = scratch.order.len() as f64 - 1.0;
                scratch.reset();
                if tot > 0.0 && n > 1 {
                    (r / tot) * (r / (n as f64 - 1.0))
                } else {
                    0.0
                }
            },
        )
        .collect()
}
