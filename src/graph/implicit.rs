//! The city projection `G` of a two-mode graph `B`, used **without building it**.
//!
//! A program with `k` members is a `k`-clique of `G`; a 10,000-member program is 50 million
//! edges. Everything here works on `B`'s memberships instead, in O(memberships) per pass or per
//! BFS source, and gives the same numbers as the same computation on the built projection:
//!
//! - **distances**: `d_G(a, b) = d_B(a, b) / 2`. A breadth-first search over `B` that expands
//!   each program at most once per source (all its members are then reached at the same
//!   level) visits every membership at most twice per source ([`ImplicitBfs`]). 64 sources
//!   advance together, one bit each, as in the multi-source BFS of `metrics::paths`.
//! - **components** of `G` are those of `B` restricted to cities ([`components_raw`]).
//! - **products** `A_G·x`: `(A x)_a = Σ_p w(a,p) (S_p − w(a,p) x_a)` with
//!   `S_p = Σ_{b∈p} w(b,p) x_b` ([`project_matvec`]), O(memberships).
//! - **neighbour lists** of one city, duplicates removed with a stamp array
//!   ([`NeighbourScan`]): O(Σ_{p∋a} k_p) for city `a`, O(Σ_p k_p²) for all cities — the work of
//!   the sparse product, without its memory.

use super::msbfs::Frontiers;
use super::twomode::TwoMode;
use rayon::prelude::*;

/// Multi-source BFS over `B`, counting hops of `G`, for up to 64 sources at once.
pub struct ImplicitBfs {
    /// Cities: the shared multi-source bookkeeping.
    cities: Frontiers,
    /// Programs: sources that have expanded each program, and those to expand this level.
    pseen: Vec<u64>,
    pnext: Vec<u64>,
    pfrontier: Vec<u32>,
    ptouched: Vec<u32>,
}

impl ImplicitBfs {
    /// Scratch for `t` (O(cities + programs) words).
    pub fn new(t: &TwoMode) -> Self {
        let np = t.n_programs();
        ImplicitBfs {
            cities: Frontiers::new(t.n_cities()),
            pseen: vec![0; np],
            pnext: vec![0; np],
            pfrontier: Vec::new(),
            ptouched: Vec::new(),
        }
    }

    /// BFS in `G` from up to 64 `sources` (cities) at once, to `max_depth` hops of `G`. Calls
    /// `record(u, level, bits)` each time city `u` is first reached, at `level` hops, by the
    /// sources whose bits are set. Returns the last level at which a city was reached.
    ///
    /// # Complexity
    /// Each program is expanded at most once per level and only for sources that have not
    /// expanded it yet: O(levels × memberships) per batch, usually much less.
    pub fn run(
        &mut self,
        t: &TwoMode,
        sources: &[u32],
        max_depth: u32,
        mut record: impl FnMut(usize, u32, u64),
    ) -> u32 {
        let ImplicitBfs {
            cities,
            pseen,
            pnext,
            pfrontier,
            ptouched,
        } = self;
        cities.seed(sources);
        ptouched.clear();
        let mut level = 0u32;
        let mut last = 0u32;
        while !cities.frontier.is_empty() && level < max_depth {
            level += 1;
            // Cities → programs not yet expanded for these sources.
            pfrontier.clear();
            for &v in cities.frontier.iter() {
                let bits = cities.visit[v as usize];
                for &p in t.programs_of(v as usize).0 {
                    let p = p as usize;
                    let nb = bits & !pseen[p];
                    if nb != 0 {
                        if pnext[p] == 0 {
                            pfrontier.push(p as u32);
                        }
                        pnext[p] |= nb;
                    }
                }
            }
            // Programs → their members, once per program and level.
            for &p in pfrontier.iter() {
                let p = p as usize;
                let bits = pnext[p];
                pnext[p] = 0;
                if pseen[p] == 0 {
                    ptouched.push(p as u32);
                }
                pseen[p] |= bits;
                for &u in t.members_of(p).0 {
                    cities.reach(u as usize, bits);
                }
            }
            if cities.advance(level, &mut record) {
                last = level;
            }
        }
        cities.reset();
        for &p in ptouched.iter() {
            pseen[p as usize] = 0;
        }
        last
    }
}

/// Cities in breadth-first order over `B` (component after component, starting from the
/// smallest id), restricted to `among` when given: consecutive cities are close, so a 64-wide
/// batch of sources shares most of its frontiers.
pub fn bfs_order(t: &TwoMode, among: Option<&[u32]>) -> Vec<u32> {
    let n = t.n_cities();
    let mut in_set = vec![among.is_none(); n];
    if let Some(a) = among {
        for &v in a {
            in_set[v as usize] = true;
        }
    }
    let roots: Vec<u32> = match among {
        Some(a) => a.to_vec(),
        None => (0..n as u32).collect(),
    };
    let mut seen = vec![false; n];
    let mut pseen = vec![false; t.n_programs()];
    let mut order = Vec::with_capacity(roots.len());
    for &r in &roots {
        if seen[r as usize] {
            continue;
        }
        seen[r as usize] = true;
        let mut head = order.len();
        order.push(r);
        while head < order.len() {
            let v = order[head] as usize;
            head += 1;
            for &p in t.programs_of(v).0 {
                if std::mem::replace(&mut pseen[p as usize], true) {
                    continue;
                }
                for &u in t.members_of(p as usize).0 {
                    if !seen[u as usize] && in_set[u as usize] {
                        seen[u as usize] = true;
                        order.push(u);
                    }
                }
            }
        }
    }
    order
}

/// Connected components of `G` as raw labels (component `i` is the `i`-th found from the
/// smallest unlabelled city). O(memberships): each program is expanded once.
pub fn components_raw(t: &TwoMode) -> Vec<u32> {
    let n = t.n_cities();
    let mut raw = vec![u32::MAX; n];
    let mut pseen = vec![false; t.n_programs()];
    let mut queue: Vec<u32> = Vec::new();
    let mut next = 0u32;
    for s in 0..n {
        if raw[s] != u32::MAX {
            continue;
        }
        raw[s] = next;
        queue.clear();
        queue.push(s as u32);
        let mut head = 0;
        while head < queue.len() {
            let v = queue[head] as usize;
            head += 1;
            for &p in t.programs_of(v).0 {
                if std::mem::replace(&mut pseen[p as usize], true) {
                    continue;
                }
                for &u in t.members_of(p as usize).0 {
                    if raw[u as usize] == u32::MAX {
                        raw[u as usize] = next;
                        queue.push(u);
                    }
                }
            }
        }
        next += 1;
    }
    raw
}

/// `y = A_G · x` where `A_G(a, b) = Σ_p w(a,p) w(b,p)` (`a ≠ b`), through `B`:
/// `y_a = Σ_p w(a,p) (S_p − w(a,p) x_a)`, `S_p = Σ_{b∈p} w(b,p) x_b`.
///
/// Parallel over programs then over cities, each sum in a fixed order: the result does not
/// depend on the thread count. O(memberships).
pub fn project_matvec(t: &TwoMode, x: &[f64]) -> Vec<f64> {
    let sums: Vec<f64> = (0..t.n_programs())
        .into_par_iter()
        .with_min_len(16)
        .map(|p| {
            let (ms, ws) = t.members_of(p);
            ms.iter().zip(ws).map(|(&b, &w)| w * x[b as usize]).sum()
        })
        .collect();
    (0..t.n_cities())
        .into_par_iter()
        .with_min_len(1024)
        .map(|a| {
            let (ps, ws) = t.programs_of(a);
            let xa = x[a];
            ps.iter()
                .zip(ws)
                .map(|(&p, &w)| w * (sums[p as usize] - w * xa))
                .sum()
        })
        .collect()
}

/// Distinct neighbours of one city in `G`, from `B` (a stamp array removes the duplicates of
/// cities that share several programs). One scratch per thread.
pub struct NeighbourScan {
    stamp: Vec<u32>,
    round: u32,
}

impl NeighbourScan {
    /// Scratch for a graph of `n_cities` cities.
    pub fn new(n_cities: usize) -> Self {
        NeighbourScan {
            stamp: vec![0; n_cities],
            round: 0,
        }
    }

    /// Calls `f(b)` once for every neighbour `b ≠ a` of `a` in `G` (in an order that depends
    /// only on `B`). O(Σ_{p∋a} k_p).
    pub fn for_each(&mut self, t: &TwoMode, a: usize, mut f: impl FnMut(usize)) {
        self.round = self.round.wrapping_add(1);
        if self.round == 0 {
            self.stamp.iter_mut().for_each(|s| *s = 0);
            self.round = 1;
        }
        let r = self.round;
        self.stamp[a] = r;
        for &p in t.programs_of(a).0 {
            for &b in t.members_of(p as usize).0 {
                let b = b as usize;
                if self.stamp[b] != r {
                    self.stamp[b] = r;
                    f(b);
                }
            }
        }
    }
}

/// Number of programs two cities share (`|P(a) ∩ P(b)|`, a sorted merge): the multiplicity
/// with which a `G` edge `{a, b}` appears as paths `a–p–b` in `B`.
pub fn shared_programs(t: &TwoMode, a: usize, b: usize) -> usize {
    let (pa, pb) = (t.programs_of(a).0, t.programs_of(b).0);
    let (mut i, mut j, mut k) = (0, 0, 0);
    while i < pa.len() && j < pb.len() {
        match pa[i].cmp(&pb[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                k += 1;
                i += 1;
                j += 1;
            }
        }
    }
    k
}

/// The projection induced on `keep` (cities renumbered in the order given), built from `B`
/// in O(Σ_{a∈keep} Σ_{p∋a} k_p) without building the rest: for figures of the strongest
/// cities of a projection too large to build.
pub fn induced_projection(t: &TwoMode, keep: &[u32]) -> super::Csr {
    let mut index = vec![u32::MAX; t.n_cities()];
    for (i, &v) in keep.iter().enumerate() {
        index[v as usize] = i as u32;
    }
    let mut edges = Vec::new();
    for (i, &a) in keep.iter().enumerate() {
        let (ps, wa) = t.programs_of(a as usize);
        for (&p, &w1) in ps.iter().zip(wa) {
            let (ms, wb) = t.members_of(p as usize);
            for (&b, &w2) in ms.iter().zip(wb) {
                let j = index[b as usize];
                if j != u32::MAX && (i as u32) < j {
                    edges.push((i as u32, j, w1 * w2));
                }
            }
        }
    }
    super::Csr::from_edges(keep.len(), &edges).0
}

#[cfg(test)]
#[allow(clippy::needless_range_loop)]
mod tests {
    use super::*;

    fn sample() -> TwoMode {
        // Programs: 0 = {0,1,2}, 1 = {2,3}, 2 = {3,4}, 3 = {5,6}, 4 = {1,2} (0..=4 connected).
        let m = [
            (0, 0, 1.0),
            (1, 0, 2.0),
            (2, 0, 1.0),
            (2, 1, 1.0),
            (3, 1, 3.0),
            (3, 2, 1.0),
            (4, 2, 1.0),
            (5, 3, 1.0),
            (6, 3, 1.0),
            (1, 4, 1.0),
            (2, 4, 0.5),
        ];
        TwoMode::new(7, 5, &m)
    }

    #[test]
    fn bfs_levels_match_projection() {
        let t = sample();
        let g = t.project_cities();
        let mut bfs = ImplicitBfs::new(&t);
        let mut lv = vec![vec![u32::MAX; 7]; 7];
        let sources: Vec<u32> = (0..7).collect();
        bfs.run(&t, &sources, u32::MAX, |u, l, bits| {
            for s in 0..7 {
                if bits >> s & 1 == 1 {
                    lv[s][u] = l;
                }
            }
        });
        for s in 0..7 {
            // Plain BFS on the built projection.
            let mut d = [u32::MAX; 7];
            d[s] = 0;
            let mut q = vec![s];
            let mut h = 0;
            while h < q.len() {
                let v = q[h];
                h += 1;
                for &u in g.neighbors(v) {
                    if d[u as usize] == u32::MAX {
                        d[u as usize] = d[v] + 1;
                        q.push(u as usize);
                    }
                }
            }
            for u in 0..7 {
                let want = if u == s { u32::MAX } else { d[u] };
                assert_eq!(lv[s][u], want, "d({s},{u})");
            }
        }
        let raw = components_raw(&t);
        assert_eq!(raw, vec![0, 0, 0, 0, 0, 1, 1]);
    }

    #[test]
    fn matvec_and_neighbours_match_projection() {
        let t = sample();
        let g = t.project_cities();
        let x: Vec<f64> = (0..7).map(|i| 1.0 + i as f64 * 0.25).collect();
        let y = project_matvec(&t, &x);
        let mut scan = NeighbourScan::new(7);
        for a in 0..7 {
            let want: f64 = g
                .neighbors(a)
                .iter()
                .zip(g.edge_weights(a))
                .map(|(&b, &w)| w * x[b as usize])
                .sum();
            assert!((y[a] - want).abs() < 1e-12);
            let mut nb = vec![];
            scan.for_each(&t, a, |b| nb.push(b as u32));
            nb.sort_unstable();
            assert_eq!(nb, g.neighbors(a));
        }
        assert_eq!(shared_programs(&t, 1, 2), 2);
        let h = induced_projection(&t, &[2, 1, 3]);
        assert_eq!(h.weight(0, 1), Some(2.5));
        assert_eq!(h.weight(0, 2), Some(3.0));
        assert_eq!(h.weight(1, 2), None);
    }
}
