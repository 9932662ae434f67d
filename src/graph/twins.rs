//! Structural twins of a projection, and the quotient graph of twin classes.
//!
//! Two cities with exactly the same programs, with the same membership weights, are **twins**
//! of the city projection `G`: each is joined to every other city with the same weight
//! `Σ_p w(a,p)·w(b,p)`, and (when they have a program) to each other. A real membership table
//! has few distinct program sets (most cities are in one or two programs), so the **quotient**
//! — one node per class, edges between classes that share a program — is far smaller than `G`
//! and carries everything `G` does: class sizes are multiplicities, the class-to-class weight is
//! the weight between any member of one and any member of the other, and a class's internal
//! weight is the weight between two of its twins.
//!
//! Weights are compared bit for bit, and every quotient weight is summed with the operations
//! [`TwoMode::project_cities`] uses (products in ascending program order), so it equals the
//! projection's edge weight exactly. The program side is the same with the roles swapped:
//! programs with identical (member, weight) sets are twins of the program projection.

use super::twomode::TwoMode;
use rayon::prelude::*;
use std::collections::HashMap;

/// A partition of one mode's nodes into twin classes.
///
/// Classes are numbered in order of their first (smallest) member; members are ascending.
#[derive(Debug, Clone, PartialEq)]
pub struct TwinClasses {
    class_of: Vec<u32>,
    offsets: Vec<usize>,
    members: Vec<u32>,
}

impl TwinClasses {
    /// Groups nodes `0..n` whose rows (sorted `(target, weight)` lists) are identical, weights
    /// compared bit for bit. O(total row length) expected time (hashing).
    fn group<'a>(n: usize, row: impl Fn(usize) -> (&'a [u32], &'a [f64])) -> TwinClasses {
        let mut ids: HashMap<(&'a [u32], Vec<u64>), u32> = HashMap::new();
        let mut class_of = Vec::with_capacity(n);
        for v in 0..n {
            let (ts, ws) = row(v);
            let key = (ts, ws.iter().map(|w| w.to_bits()).collect());
            let next = ids.len() as u32;
            class_of.push(*ids.entry(key).or_insert(next));
        }
        Self::from_labels(class_of, ids.len())
    }

    /// The partition given by `class_of` (labels `0..k`, numbered by first member).
    fn from_labels(class_of: Vec<u32>, k: usize) -> TwinClasses {
        let mut offsets = vec![0usize; k + 1];
        for &c in &class_of {
            offsets[c as usize + 1] += 1;
        }
        for c in 0..k {
            offsets[c + 1] += offsets[c];
        }
        let mut fill = offsets[..k].to_vec();
        let mut members = vec![0u32; class_of.len()];
        for (v, &c) in class_of.iter().enumerate() {
            members[fill[c as usize]] = v as u32;
            fill[c as usize] += 1;
        }
        TwinClasses {
            class_of,
            offsets,
            members,
        }
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Number of nodes partitioned.
    pub fn n_nodes(&self) -> usize {
        self.class_of.len()
    }

    /// Class of node `v`.
    #[inline]
    pub fn class_of(&self, v: usize) -> usize {
        self.class_of[v] as usize
    }

    /// Class label of every node.
    pub fn labels(&self) -> &[u32] {
        &self.class_of
    }

    /// Members of class `c`, ascending.
    #[inline]
    pub fn members(&self, c: usize) -> &[u32] {
        &self.members[self.offsets[c]..self.offsets[c + 1]]
    }

    /// Number of members of class `c`.
    #[inline]
    pub fn size(&self, c: usize) -> usize {
        self.offsets[c + 1] - self.offsets[c]
    }

    /// The smallest member of class `c` (its representative).
    #[inline]
    pub fn first(&self, c: usize) -> usize {
        self.members[self.offsets[c]] as usize
    }

    /// Class sizes, in class order.
    pub fn sizes(&self) -> Vec<usize> {
        (0..self.n_classes()).map(|c| self.size(c)).collect()
    }
}

/// The quotient of a projection by its twin classes.
///
/// Nodes are classes; class `A` and class `B ≠ A` are joined when their members share a row
/// target (a program, for the city projection), with the projection weight between any member
/// of `A` and any member of `B`. A class with a non-empty row has its twins pairwise adjacent
/// with weight [`TwinQuotient::internal`]; a class with an empty row holds isolated nodes.
#[derive(Debug, Clone)]
pub struct TwinQuotient {
    classes: TwinClasses,
    /// Class → neighbouring classes (ascending) and weights.
    offsets: Vec<usize>,
    targets: Vec<u32>,
    weights: Vec<f64>,
    /// Weight between two twins of each class (`None`: empty row, twins not adjacent).
    internal: Vec<Option<f64>>,
}

impl TwinQuotient {
    /// The twin classes.
    pub fn classes(&self) -> &TwinClasses {
        &self.classes
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.classes.n_classes()
    }

    /// Neighbouring classes of class `c` (ascending, `c` itself excluded).
    #[inline]
    pub fn neighbors(&self, c: usize) -> &[u32] {
        &self.targets[self.offsets[c]..self.offsets[c + 1]]
    }

    /// Projection weights to [`TwinQuotient::neighbors`]`(c)`.
    #[inline]
    pub fn edge_weights(&self, c: usize) -> &[f64] {
        &self.weights[self.offsets[c]..self.offsets[c + 1]]
    }

    /// Weight between two twins of class `c`, `None` when they are not adjacent (no row).
    #[inline]
    pub fn internal(&self, c: usize) -> Option<f64> {
        self.internal[c]
    }

    /// Number of class-to-class edges (each counted once).
    pub fn edge_count(&self) -> usize {
        self.targets.len() / 2
    }

    /// Number of edges of the projection the quotient stands for:
    /// `Σ_{A–B} s_A·s_B + Σ_{A adjacent} s_A(s_A−1)/2`.
    pub fn projection_edge_count(&self) -> u64 {
        let mut m = 0u64;
        for a in 0..self.n_classes() {
            let sa = self.classes.size(a) as u64;
            if self.internal[a].is_some() {
                m += sa * sa.saturating_sub(1) / 2;
            }
            for &b in self.neighbors(a) {
                if (b as usize) > a {
                    m += sa * self.classes.size(b as usize) as u64;
                }
            }
        }
        m
    }
}

impl TwoMode {
    /// Cities grouped by identical `(program, weight)` rows. O(memberships).
    pub fn city_twins(&self) -> TwinClasses {
        TwinClasses::group(self.n_cities(), |c| self.programs_of(c))
    }

    /// Programs grouped by identical `(member, weight)` rows. O(memberships).
    pub fn program_twins(&self) -> TwinClasses {
        TwinClasses::group(self.n_programs(), |p| self.members_of(p))
    }

    /// The city projection's quotient by `classes` (from [`TwoMode::city_twins`]).
    ///
    /// # Complexity
    /// O(Σ_A Σ_{p ∋ rep(A)} k_p) time, parallel over classes; O(quotient edges) space.
    pub fn city_quotient(&self, classes: TwinClasses) -> TwinQuotient {
        quotient(classes, |c| self.programs_of(c), |p| self.members_of(p))
    }

    /// The program projection's quotient by `classes` (from [`TwoMode::program_twins`]).
    pub fn program_quotient(&self, classes: TwinClasses) -> TwinQuotient {
        quotient(classes, |p| self.members_of(p), |c| self.programs_of(c))
    }
}

/// Class-to-class weights from representatives: for class `A` with representative `a`, the
/// weight to class `B` is accumulated over `a`'s row in ascending order, adding
/// `w(a,m)·w(rep B, m)` — the operations of the projection's own product for the pair.
fn quotient<'a>(
    classes: TwinClasses,
    row: impl Fn(usize) -> (&'a [u32], &'a [f64]) + Sync,
    back: impl Fn(usize) -> (&'a [u32], &'a [f64]) + Sync,
) -> TwinQuotient {
    let k = classes.n_classes();
    let per_class: Vec<(Vec<u32>, Vec<f64>, Option<f64>)> = (0..k)
        .into_par_iter()
        .map_init(
            || (vec![0f64; k], vec![false; k], Vec::<u32>::new()),
            |(acc, mark, touched), a| {
                touched.clear();
                let rep = classes.first(a);
                let (mids, wa) = row(rep);
                let mut internal = 0.0;
                for (&m, &w1) in mids.iter().zip(wa) {
                    internal += w1 * w1;
                    let (others, wb) = back(m as usize);
                    for (&b, &w2) in others.iter().zip(wb) {
                        let cb = classes.class_of(b as usize);
                        if cb == a || classes.first(cb) != b as usize {
                            continue;
                        }
                        if !mark[cb] {
                            mark[cb] = true;
                            touched.push(cb as u32);
                        }
                        acc[cb] += w1 * w2;
                    }
                }
                touched.sort_unstable();
                let ws = touched
                    .iter()
                    .map(|&b| {
                        mark[b as usize] = false;
                        std::mem::take(&mut acc[b as usize])
                    })
                    .collect();
                (touched.clone(), ws, (!mids.is_empty()).then_some(internal))
            },
        )
        .collect();
    let mut offsets = Vec::with_capacity(k + 1);
    offsets.push(0);
    let mut targets = Vec::new();
    let mut weights = Vec::new();
    let mut internal = Vec::with_capacity(k);
    for (t, w, i) in per_class {
        targets.extend_from_slice(&t);
        weights.extend_from_slice(&w);
        offsets.push(targets.len());
        internal.push(i);
    }
    TwinQuotient {
        classes,
        offsets,
        targets,
        weights,
        internal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cities 0..7, programs 0..3 (valued). Twins: {0,3} (p0:1, p1:2), {1,5} (p0:1),
    /// {2} (p0:1, p1:3 — same programs as 0, other weight), {4,6} (no program), {7} (every
    /// program). Program 2 has one member (7).
    fn table() -> TwoMode {
        TwoMode::new(
            8,
            3,
            &[
                (0, 0, 1.0),
                (0, 1, 2.0),
                (3, 0, 1.0),
                (3, 1, 2.0),
                (1, 0, 1.0),
                (5, 0, 1.0),
                (2, 0, 1.0),
                (2, 1, 3.0),
                (7, 0, 0.5),
                (7, 1, 1.5),
                (7, 2, 2.0),
            ],
        )
    }

    #[test]
    fn classes_numbered_by_first_member() {
        let t = table();
        let c = t.city_twins();
        assert_eq!(c.n_classes(), 5);
        assert_eq!(c.labels(), &[0, 1, 2, 0, 3, 1, 3, 4]);
        assert_eq!(c.members(0), &[0, 3]);
        assert_eq!(c.members(3), &[4, 6]);
        assert_eq!(c.sizes(), vec![2, 2, 1, 2, 1]);
        assert_eq!(c.first(1), 1);
        assert_eq!(c.n_nodes(), 8);
    }

    #[test]
    fn quotient_weights_equal_projection_weights_bit_for_bit() {
        let t = table();
        let g = t.project_cities();
        let q = t.city_quotient(t.city_twins());
        let cls = q.classes().clone();
        for u in 0..8 {
            for v in 0..8 {
                if u == v {
                    continue;
                }
                let (cu, cv) = (cls.class_of(u), cls.class_of(v));
                let expect = g.weight(u, v);
                let got = if cu == cv {
                    q.internal(cu)
                } else {
                    let pos = q.neighbors(cu).iter().position(|&b| b as usize == cv);
                    pos.map(|i| q.edge_weights(cu)[i])
                };
                assert_eq!(got.map(f64::to_bits), expect.map(f64::to_bits), "{u}–{v}");
            }
        }
        assert_eq!(q.projection_edge_count(), g.edge_count() as u64);
        assert_eq!(q.internal(3), None);
        assert_eq!(q.neighbors(3), &[] as &[u32]);
    }

    #[test]
    fn program_twins_and_quotient() {
        // Programs 0 and 1 have the same members with the same weights; 2 differs by weight;
        // 3 has no member.
        let t = TwoMode::new(
            3,
            4,
            &[
                (0, 0, 1.0),
                (1, 0, 1.0),
                (0, 1, 1.0),
                (1, 1, 1.0),
                (0, 2, 1.0),
                (1, 2, 2.0),
                (2, 2, 1.0),
            ],
        );
        let c = t.program_twins();
        assert_eq!(c.labels(), &[0, 0, 1, 2]);
        let g = t.project_programs();
        let q = t.program_quotient(c);
        assert_eq!(q.internal(0), g.weight(0, 1));
        assert_eq!(q.neighbors(0), &[1]);
        assert_eq!(Some(q.edge_weights(0)[0]), g.weight(0, 2));
        assert_eq!(Some(q.edge_weights(1)[0]), g.weight(2, 1));
        assert_eq!(q.internal(2), None);
        assert_eq!(q.edge_count(), 1);
        assert_eq!(q.projection_edge_count(), g.edge_count() as u64);
    }

    #[test]
    fn no_twins_gives_singletons() {
        let t = TwoMode::new(3, 2, &[(0, 0, 1.0), (1, 0, 1.0), (1, 1, 1.0), (2, 1, 1.0)]);
        let c = t.city_twins();
        assert_eq!(c.n_classes(), 3);
        let q = t.city_quotient(c);
        assert_eq!(q.neighbors(1), &[0, 2]);
        assert_eq!(q.internal(0), Some(1.0));
    }
}
