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

use crate::graph::Csr;

/// Sources per batch (one bit each in a `u64`).
pub(crate) const LANES: usize = 64;

/// Which implementation of the per-lane arithmetic [`BatchScratch::run`] uses on this CPU.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LanePath {
    /// Plain Rust, one lane at a time: every CPU.
    Scalar,
    /// AVX-512F masked operations, eight lanes per instruction: x86-64 CPUs that have it
    /// (detected at run time). Bit-identical to [`LanePath::Scalar`].
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
    Avx512,
}

#[cfg(test)]
impl LanePath {
    /// The name used in test output.
    fn name(self) -> &'static str {
        match self {
            LanePath::Scalar => "scalar",
            LanePath::Avx512 => "AVX-512F",
        }
    }
}

/// The lane path of the running CPU: AVX-512F where `is_x86_feature_detected!` finds it,
/// otherwise the scalar path.
pub(crate) fn lane_path() -> LanePath {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx512f") {
        return LanePath::Avx512;
    }
    LanePath::Scalar
}

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
    pub(crate) fn run(&mut self, g: &Csr, sources: &[u32], weight: &[f64; LANES], acc: &mut [f64]) {
        debug_assert!(sources.len() <= LANES);
        #[cfg(target_arch = "x86_64")]
        if lane_path() == LanePath::Avx512 {
            // SAFETY: `lane_path` found AVX-512F on the running CPU.
            unsafe { self.run_avx512(g, sources, weight, acc) };
            return;
        }
        self.forward::<Scalar>(g, sources);
        self.backward::<Scalar>(g, weight, acc);
        self.reset();
    }

    /// [`Self::run`] compiled with AVX-512F: the same arithmetic on every lane (a lane that is
    /// not selected by the mask is left untouched), so the result is bit-identical.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f")]
    unsafe fn run_avx512(
        &mut self,
        g: &Csr,
        sources: &[u32],
        weight: &[f64; LANES],
        acc: &mut [f64],
    ) {
        self.forward::<Avx512>(g, sources);
        self.backward::<Avx512>(g, weight, acc);
        self.reset();
    }

    /// Level-synchronous search from every source at once, counting shortest paths per lane.
    #[inline(always)]
    fn forward<O: LaneOps>(&mut self, g: &Csr, sources: &[u32]) {
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
                    let old = mark[u];
                    if old == 0 {
                        nodes.push(u as u32);
                    }
                    mark[u] = old | nb;
                    debug_assert!(u != v);
                    // SAFETY: rows `u` and `v` (distinct, both < n) lie in `val`, whose length
                    // is n · LANES.
                    unsafe {
                        let dst = val.as_mut_ptr().add(u * LANES);
                        O::add_lanes(dst, val.as_ptr().add(v * LANES), nb, old)
                    };
                }
            }
            if nodes.len() == b {
                break;
            }
            // The new level in increasing node order (rows then follow each other in memory
            // in both passes): a sort when it is small, else a sweep of the marks.
            if (nodes.len() - b) * 16 < mark.len() {
                nodes[b..].sort_unstable();
            } else {
                nodes.truncate(b);
                for (u, &m) in mark.iter().enumerate() {
                    if m != 0 {
                        nodes.push(u as u32);
                    }
                }
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
    #[inline(always)]
    fn backward<O: LaneOps>(&mut self, g: &Csr, weight: &[f64; LANES], acc: &mut [f64]) {
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
                        let m = mv & mark[w];
                        if m != 0 {
                            // SAFETY: row `w < n` lies in `val`.
                            unsafe { O::sum_lanes(&mut sums, val.as_ptr().add(w * LANES), m) };
                        }
                    }
                }
                // SAFETY: row `v < n` lies in `val`.
                acc[v] +=
                    unsafe { O::finish(val.as_mut_ptr().add(v * LANES), &mut sums, weight, mv) };
            }
            // Level d + 1 is no longer needed: clear its marks; mark level d.
            if d < depth {
                for &w in &nodes[starts[d + 1]..starts[d + 2]] {
                    mark[w as usize] = 0;
                }
            }
            for i in starts[d]..starts[d + 1] {
                mark[nodes[i] as usize] |= masks[i];
            }
        }
    }

    /// Zeroes the bitsets the batch left set (`seen`, and `mark` for level 1). The values of
    /// `val` are left as they are: the next batch overwrites each lane on first contact.
    fn reset(&mut self) {
        let BatchScratch {
            seen,
            mark,
            nodes,
            starts,
            ..
        } = self;
        let end = starts[2.min(starts.len() - 1)];
        for &v in &nodes[..end] {
            mark[v as usize] = 0;
        }
        for &v in nodes.iter() {
            seen[v as usize] = 0;
        }
    }
}

/// The lane-wise steps of the search, on one node's row of [`LANES`] values.
trait LaneOps {
    /// For every lane `l` in `mask`: `dst[l] += src[l]` if `l` is in `seen`, else
    /// `dst[l] = src[l]` (first contact: the lane's old value is a previous batch's).
    ///
    /// # Safety
    /// `dst` and `src` point to disjoint rows of `LANES` values.
    unsafe fn add_lanes(dst: *mut f64, src: *const f64, mask: u64, seen: u64);
    /// `sums[l] += row[l]` for every lane `l` in `mask`.
    ///
    /// # Safety
    /// `row` points to a row of `LANES` values.
    unsafe fn sum_lanes(sums: &mut [f64; LANES], row: *const f64, mask: u64);
    /// Finishes the lanes in `mask` of a node whose successors are summed in `sums`: with
    /// `σ = row[l]`, `δ = σ · sums[l]`, sets `row[l] = (1 + δ) / σ` and `sums[l] = 0`, and
    /// returns `Σ weight[l] · δ` added in increasing lane order.
    ///
    /// # Safety
    /// `row` points to a row of `LANES` values.
    unsafe fn finish(
        row: *mut f64,
        sums: &mut [f64; LANES],
        weight: &[f64; LANES],
        mask: u64,
    ) -> f64;
}

/// One lane at a time, following the mask's bits.
struct Scalar;

impl LaneOps for Scalar {
    #[inline(always)]
    unsafe fn add_lanes(dst: *mut f64, src: *const f64, mask: u64, seen: u64) {
        let mut bits = mask;
        while bits != 0 {
            let l = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let x = *src.add(l);
            *dst.add(l) = if seen >> l & 1 != 0 {
                *dst.add(l) + x
            } else {
                x
            };
        }
    }

    #[inline(always)]
    unsafe fn sum_lanes(sums: &mut [f64; LANES], row: *const f64, mask: u64) {
        let mut bits = mask;
        while bits != 0 {
            let l = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            sums[l] += *row.add(l);
        }
    }

    #[inline(always)]
    unsafe fn finish(
        row: *mut f64,
        sums: &mut [f64; LANES],
        weight: &[f64; LANES],
        mask: u64,
    ) -> f64 {
        let mut a = 0.0;
        let mut bits = mask;
        while bits != 0 {
            let l = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let sigma = *row.add(l);
            let delta = sigma * sums[l];
            sums[l] = 0.0;
            a += weight[l] * delta;
            *row.add(l) = (1.0 + delta) / sigma;
        }
        a
    }
}

/// Eight lanes per instruction with AVX-512 masked operations. Every lane sees the same IEEE
/// operations as in [`Scalar`] (lanes outside the mask are neither read nor written, or have
/// +0 added to a non-negative sum), so the results are bit-identical.
#[cfg(target_arch = "x86_64")]
struct Avx512;

#[cfg(target_arch = "x86_64")]
impl LaneOps for Avx512 {
    #[inline(always)]
    unsafe fn add_lanes(dst: *mut f64, src: *const f64, mask: u64, seen: u64) {
        avx512::add_lanes(dst, src, mask, seen)
    }

    #[inline(always)]
    unsafe fn sum_lanes(sums: &mut [f64; LANES], row: *const f64, mask: u64) {
        avx512::sum_lanes(sums, row, mask)
    }

    #[inline(always)]
    unsafe fn finish(
        row: *mut f64,
        sums: &mut [f64; LANES],
        weight: &[f64; LANES],
        mask: u64,
    ) -> f64 {
        avx512::finish(row, sums, weight, mask)
    }
}

#[cfg(target_arch = "x86_64")]
mod avx512 {
    use super::LANES;
    use std::arch::x86_64::*;

    #[target_feature(enable = "avx512f")]
    #[inline]
    pub(super) unsafe fn add_lanes(dst: *mut f64, src: *const f64, mask: u64, seen: u64) {
        let both = mask & seen;
        for grp in 0..LANES / 8 {
            let k = (mask >> (8 * grp)) as u8;
            if k != 0 {
                let d = dst.add(8 * grp);
                let x = _mm512_maskz_loadu_pd(k, src.add(8 * grp));
                let y = _mm512_maskz_loadu_pd((both >> (8 * grp)) as u8, d);
                _mm512_mask_storeu_pd(d, k, _mm512_add_pd(y, x));
            }
        }
    }

    #[target_feature(enable = "avx512f")]
    #[inline]
    pub(super) unsafe fn sum_lanes(sums: &mut [f64; LANES], row: *const f64, mask: u64) {
        for grp in 0..LANES / 8 {
            let k = (mask >> (8 * grp)) as u8;
            if k != 0 {
                let s = sums.as_mut_ptr().add(8 * grp);
                let x = _mm512_maskz_loadu_pd(k, row.add(8 * grp));
                _mm512_storeu_pd(s, _mm512_add_pd(_mm512_loadu_pd(s), x));
            }
        }
    }

    #[target_feature(enable = "avx512f")]
    #[inline]
    pub(super) unsafe fn finish(
        row: *mut f64,
        sums: &mut [f64; LANES],
        weight: &[f64; LANES],
        mask: u64,
    ) -> f64 {
        let mut wd = [0.0f64; LANES];
        let one = _mm512_set1_pd(1.0);
        for grp in 0..LANES / 8 {
            let k = (mask >> (8 * grp)) as u8;
            if k != 0 {
                let r = row.add(8 * grp);
                let s = sums.as_mut_ptr().add(8 * grp);
                let sigma = _mm512_maskz_loadu_pd(k, r);
                let delta = _mm512_mul_pd(sigma, _mm512_loadu_pd(s));
                _mm512_storeu_pd(s, _mm512_setzero_pd());
                let upd = _mm512_mask_div_pd(sigma, k, _mm512_add_pd(one, delta), sigma);
                _mm512_mask_storeu_pd(r, k, upd);
                let wdelta = _mm512_mul_pd(_mm512_loadu_pd(weight.as_ptr().add(8 * grp)), delta);
                _mm512_storeu_pd(wd.as_mut_ptr().add(8 * grp), wdelta);
            }
        }
        let mut a = 0.0;
        let mut bits = mask;
        while bits != 0 {
            let l = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            a += wd[l];
        }
        a
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A ring with chords and a pendant path: several levels, many ties.
    fn graph() -> Csr {
        let mut e = Vec::new();
        for v in 0..200u32 {
            e.push((v, (v + 1) % 200, 1.0));
            if v % 3 == 0 {
                e.push((v, (v * 7 + 11) % 200, 1.0));
            }
        }
        e.push((5, 200, 1.0));
        e.push((200, 201, 1.0));
        Csr::from_edges(202, &e).0
    }

    /// Compares the lanes `run` dispatches to on this CPU with the scalar lanes, bit for bit,
    /// and says which path that was: on a CPU without AVX-512F both sides are the scalar path
    /// and the AVX-512 kernel is not exercised.
    #[test]
    fn scalar_and_simd_lanes_give_the_same_bits() {
        let path = lane_path();
        let has_avx512 = {
            #[cfg(target_arch = "x86_64")]
            {
                std::arch::is_x86_feature_detected!("avx512f")
            }
            #[cfg(not(target_arch = "x86_64"))]
            {
                false
            }
        };
        assert_eq!(path == LanePath::Avx512, has_avx512);
        eprintln!(
            "brandes_batch: {} lanes compared with the scalar lanes{}",
            path.name(),
            if has_avx512 {
                ""
            } else {
                " (this CPU has no AVX-512F: the AVX-512 kernel was not exercised)"
            }
        );
        let g = graph();
        let n = g.node_count();
        let sources: Vec<u32> = (0..n as u32).collect();
        let mut scalar = vec![0.0; n];
        let mut simd = vec![0.0; n];
        let mut a = BatchScratch::new(n);
        let mut b = BatchScratch::new(n);
        for batch in sources.chunks(LANES) {
            let mut w = [0.0; LANES];
            for (i, x) in w.iter_mut().enumerate().take(batch.len()) {
                *x = 1.0 + (i % 3) as f64;
            }
            a.forward::<Scalar>(&g, batch);
            a.backward::<Scalar>(&g, &w, &mut scalar);
            a.reset();
            // Dispatches to AVX-512 where the CPU has it.
            b.run(&g, batch, &w, &mut simd);
        }
        let bits = |x: &[f64]| x.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&scalar), bits(&simd));
        assert!(scalar.iter().any(|&x| x > 0.0));
    }
}
