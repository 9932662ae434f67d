//! The bookkeeping of a multi-source BFS: up to 64 sources advance together, one bit each.
//!
//! Shared by the BFS over a built graph ([`crate::metrics::paths`]) and the BFS through the
//! two-mode graph ([`super::implicit`]); each supplies only its own expansion step (neighbour
//! rows, or cities → programs → members) and calls [`Frontiers::reach`] for every node it
//! finds.

/// Per-node source bitsets and the current and next frontiers.
#[derive(Debug, Clone, Default)]
pub struct Frontiers {
    /// Sources that have reached each node.
    pub seen: Vec<u64>,
    /// Sources whose frontier holds each node at this level.
    pub visit: Vec<u64>,
    /// Sources that reach each node at the next level.
    pub next: Vec<u64>,
    pub frontier: Vec<u32>,
    pub next_frontier: Vec<u32>,
    /// Nodes with a non-zero `seen`, to reset them cheaply.
    touched: Vec<u32>,
}

impl Frontiers {
    /// Scratch for a graph of `n` nodes (all bitsets zero).
    pub fn new(n: usize) -> Self {
        Frontiers {
            seen: vec![0; n],
            visit: vec![0; n],
            next: vec![0; n],
            ..Default::default()
        }
    }

    /// Starts a BFS from `sources` (at most 64; source `i` is bit `i`).
    pub fn seed(&mut self, sources: &[u32]) {
        debug_assert!(sources.len() <= 64);
        self.frontier.clear();
        self.next_frontier.clear();
        self.touched.clear();
        for (i, &s) in sources.iter().enumerate() {
            let s = s as usize;
            if self.seen[s] == 0 {
                self.frontier.push(s as u32);
                self.touched.push(s as u32);
            }
            self.seen[s] |= 1u64 << i;
            self.visit[s] |= 1u64 << i;
        }
    }

    /// Node `u` is reached at the next level by the sources in `bits` that have not seen it.
    #[inline]
    pub fn reach(&mut self, u: usize, bits: u64) {
        let nb = bits & !self.seen[u];
        if nb != 0 {
            if self.next[u] == 0 {
                self.next_frontier.push(u as u32);
            }
            self.next[u] |= nb;
        }
    }

    /// Ends a level whose expansion is done: calls `record(u, level, bits)` for every newly
    /// reached node, makes the next frontier current and returns whether it is non-empty.
    pub fn advance(&mut self, level: u32, record: &mut impl FnMut(usize, u32, u64)) -> bool {
        for &v in self.frontier.iter() {
            self.visit[v as usize] = 0;
        }
        for &u in self.next_frontier.iter() {
            let u = u as usize;
            let nb = self.next[u];
            self.next[u] = 0;
            if self.seen[u] == 0 {
                self.touched.push(u as u32);
            }
            self.seen[u] |= nb;
            self.visit[u] = nb;
            record(u, level, nb);
        }
        std::mem::swap(&mut self.frontier, &mut self.next_frontier);
        self.next_frontier.clear();
        !self.frontier.is_empty()
    }

    /// Resets every bitset to zero for the next batch of sources.
    pub fn reset(&mut self) {
        for &v in self.frontier.iter() {
            self.visit[v as usize] = 0;
        }
        for &v in self.touched.iter() {
            self.seen[v as usize] = 0;
        }
    }
}
