//! Compact adjacency (compressed sparse rows) for undirected graphs.
//!
//! Every metric kernel in [`crate::metrics`] reads graphs through [`Csr`]: node ids are
//! `u32` in `0..n`, the neighbours of `v` are the contiguous slice
//! `targets[offsets[v]..offsets[v + 1]]`, sorted ascending, with the matching edge weights in
//! `weights`. An undirected edge `{u, v}` is stored twice (once in each row). There are no
//! self-loops and no parallel edges: building a [`Csr`] merges them away.

use std::ops::Range;

/// An undirected, weighted graph in compressed-sparse-row form.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Csr {
    offsets: Vec<usize>,
    targets: Vec<u32>,
    weights: Vec<f64>,
}

/// What [`Csr::from_edges`] did with edges it could not keep as given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EdgeCleanup {
    /// Edges `{v, v}` that were dropped.
    pub self_loops: usize,
    /// Repeated edges `{u, v}` whose weight was added to the first occurrence.
    pub merged_duplicates: usize,
}

impl Csr {
    /// Builds a graph on `n` nodes from undirected edges `(u, v, weight)`.
    ///
    /// Self-loops are dropped; repeated edges are merged by **summing** their weights (a repeated
    /// membership tie counts twice, as in a multigraph collapsed to a weighted graph). The second
    /// return value counts both so callers can warn about them.
    ///
    /// # Complexity
    /// O(n + m log d) time, O(n + m) space, where d is the largest degree.
    ///
    /// # Panics
    /// If an endpoint is `>= n` (callers assign ids, so this is a programming error).
    pub fn from_edges(n: usize, edges: &[(u32, u32, f64)]) -> (Csr, EdgeCleanup) {
        let mut cleanup = EdgeCleanup::default();
        let mut degree = vec![0usize; n];
        for &(u, v, _) in edges {
            assert!(
                (u as usize) < n && (v as usize) < n,
                "edge endpoint out of range"
            );
            if u == v {
                cleanup.self_loops += 1;
                continue;
            }
            degree[u as usize] += 1;
            degree[v as usize] += 1;
        }
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0usize);
        for d in &degree {
            offsets.push(offsets.last().unwrap() + d);
        }
        let total = *offsets.last().unwrap();
        let mut fill = offsets[..n].to_vec();
        let mut pairs: Vec<(u32, f64)> = vec![(0, 0.0); total];
        for &(u, v, w) in edges {
            if u == v {
                continue;
            }
            pairs[fill[u as usize]] = (v, w);
            fill[u as usize] += 1;
            pairs[fill[v as usize]] = (u, w);
            fill[v as usize] += 1;
        }
        // Sort each row and merge duplicates in place.
        let mut new_offsets = Vec::with_capacity(n + 1);
        new_offsets.push(0usize);
        let mut targets = Vec::with_capacity(total);
        let mut weights = Vec::with_capacity(total);
        let mut duplicate_entries = 0usize;
        for v in 0..n {
            let row = &mut pairs[offsets[v]..offsets[v + 1]];
            row.sort_by_key(|&(t, _)| t);
            let mut last: Option<u32> = None;
            for &(t, w) in row.iter() {
                if last == Some(t) {
                    *weights.last_mut().unwrap() += w;
                    duplicate_entries += 1;
                } else {
                    targets.push(t);
                    weights.push(w);
                    last = Some(t);
                }
            }
            new_offsets.push(targets.len());
        }
        // Each duplicate undirected edge was seen once in each of its two rows.
        cleanup.merged_duplicates = duplicate_entries / 2;
        (
            Csr {
                offsets: new_offsets,
                targets,
                weights,
            },
            cleanup,
        )
    }

    /// Builds a graph directly from already-sorted, symmetric rows (no checks beyond debug
    /// assertions). Used by the projection code, which produces rows in order.
    pub fn from_sorted_rows(offsets: Vec<usize>, targets: Vec<u32>, weights: Vec<f64>) -> Csr {
        debug_assert_eq!(offsets.last().copied().unwrap_or(0), targets.len());
        debug_assert_eq!(targets.len(), weights.len());
        Csr {
            offsets,
            targets,
            weights,
        }
    }

    /// Number of nodes.
    #[inline]
    pub fn node_count(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Number of undirected edges.
    #[inline]
    pub fn edge_count(&self) -> usize {
        self.targets.len() / 2
    }

    /// Range of `v`'s row in [`Csr::targets`] / [`Csr::weights`].
    #[inline]
    pub fn row(&self, v: usize) -> Range<usize> {
        self.offsets[v]..self.offsets[v + 1]
    }

    /// Neighbours of `v`, ascending.
    #[inline]
    pub fn neighbors(&self, v: usize) -> &[u32] {
        &self.targets[self.row(v)]
    }

    /// Weights of the edges to [`Csr::neighbors`]`(v)`, in the same order.
    #[inline]
    pub fn edge_weights(&self, v: usize) -> &[f64] {
        &self.weights[self.row(v)]
    }

    /// Number of distinct neighbours of `v`.
    #[inline]
    pub fn degree(&self, v: usize) -> usize {
        self.offsets[v + 1] - self.offsets[v]
    }

    /// Sum of the weights of the edges at `v`.
    #[inline]
    pub fn strength(&self, v: usize) -> f64 {
        self.edge_weights(v).iter().sum()
    }

    /// The weight of edge `{u, v}`, if present (binary search in `u`'s row).
    pub fn weight(&self, u: usize, v: usize) -> Option<f64> {
        let row = self.neighbors(u);
        row.binary_search(&(v as u32))
            .ok()
            .map(|i| self.edge_weights(u)[i])
    }

    /// Row offsets (`n + 1` entries).
    pub fn offsets(&self) -> &[usize] {
        &self.offsets
    }

    /// All neighbour ids, row after row.
    pub fn targets(&self) -> &[u32] {
        &self.targets
    }

    /// All edge weights, row after row.
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// Iterates each undirected edge once as `(u, v, weight)` with `u < v`.
    pub fn edges(&self) -> impl Iterator<Item = (u32, u32, f64)> + '_ {
        (0..self.node_count()).flat_map(move |u| {
            self.neighbors(u)
                .iter()
                .zip(self.edge_weights(u))
                .filter(move |(&v, _)| (v as usize) > u)
                .map(move |(&v, &w)| (u as u32, v, w))
        })
    }

    /// Whether every edge has weight 1.
    pub fn is_unweighted(&self) -> bool {
        self.weights.iter().all(|&w| w == 1.0)
    }

    /// The subgraph induced by `keep` (nodes renumbered in the order given).
    pub fn induced(&self, keep: &[u32]) -> Csr {
        let mut index = vec![u32::MAX; self.node_count()];
        for (i, &v) in keep.iter().enumerate() {
            index[v as usize] = i as u32;
        }
        let mut edges = Vec::new();
        for (i, &v) in keep.iter().enumerate() {
            for (&t, &w) in self
                .neighbors(v as usize)
                .iter()
                .zip(self.edge_weights(v as usize))
            {
                let j = index[t as usize];
                if j != u32::MAX && (i as u32) < j {
                    edges.push((i as u32, j, w));
                }
            }
        }
        Csr::from_edges(keep.len(), &edges).0
    }

    /// Converts to a petgraph `UnGraph` (node `i` is `NodeIndex(i)`), for interop with
    /// petgraph's algorithms.
    pub fn to_petgraph(&self) -> petgraph::graph::UnGraph<(), f64> {
        let mut g = petgraph::graph::UnGraph::with_capacity(self.node_count(), self.edge_count());
        for _ in 0..self.node_count() {
            g.add_node(());
        }
        for (u, v, w) in self.edges() {
            g.add_edge(u.into(), v.into(), w);
        }
        g
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_sorted_symmetric_rows_and_merges() {
        let (g, c) = Csr::from_edges(4, &[(2, 0, 1.0), (0, 1, 2.0), (1, 0, 0.5), (3, 3, 1.0)]);
        assert_eq!(c.self_loops, 1);
        assert_eq!(c.merged_duplicates, 1);
        assert_eq!(g.node_count(), 4);
        assert_eq!(g.edge_count(), 2);
        assert_eq!(g.neighbors(0), &[1, 2]);
        assert_eq!(g.edge_weights(0), &[2.5, 1.0]);
        assert_eq!(g.neighbors(1), &[0]);
        assert_eq!(g.degree(3), 0);
        assert_eq!(g.weight(1, 0), Some(2.5));
        assert_eq!(g.weight(1, 2), None);
        assert_eq!(g.strength(0), 3.5);
        let e: Vec<_> = g.edges().collect();
        assert_eq!(e, vec![(0, 1, 2.5), (0, 2, 1.0)]);
    }

    #[test]
    fn induced_subgraph_renumbers() {
        let (g, _) = Csr::from_edges(4, &[(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0)]);
        let h = g.induced(&[3, 2, 1]);
        assert_eq!(h.edge_count(), 2);
        assert_eq!(h.neighbors(1), &[0, 2]);
    }
}
