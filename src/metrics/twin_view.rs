//! The city projection seen through its twin classes ([`crate::graph::twins`]): what every
//! analysis on classes needs — class sizes, the degree and strength a city of each class has in
//! the projection, the classes' ties as bitsets, and each class's cities by group.
//!
//! Two cities of one class have the same weight to every other city, so a city's degree and
//! strength are those of its class:
//!
//! ```text
//! degree(C)   = Σ_{D ≠ C, D ~ C} |D| + (|C| − 1)·[C has programs]
//! strength(C) = Σ_{D ≠ C} |D|·w(C,D) + (|C| − 1)·w(C,C)
//! ```
//!
//! With whole-number weights these are the projection's numbers exactly; with valued weights
//! they may differ from a row sum in the projection in the last bits (summation order).

use crate::graph::twins::TwinQuotient;
use crate::graph::TwoMode;
use rayon::prelude::*;

/// The quotient of the city projection, with per-class sizes, degrees and strengths.
pub struct TwinView {
    /// The quotient graph of the classes.
    pub quotient: TwinQuotient,
    /// Cities per class.
    pub size: Vec<u64>,
    /// Whether two cities of the class are tied (the class has programs).
    pub tied_inside: Vec<bool>,
    /// Projection degree of any city of the class.
    pub degree: Vec<u64>,
    /// Projection strength of any city of the class.
    pub strength: Vec<f64>,
    /// Class adjacency (D ~ C, D ≠ C), one bitset row of `words` words per class.
    adjacency: Vec<u64>,
    words: usize,
}

impl TwinView {
    /// The twin classes of `t` and their derived numbers.
    ///
    /// # Complexity
    /// O(memberships + Σ_p classes(p)·programs + K²/64) time, O(K²/64) words of bitsets for
    /// `K` classes.
    pub fn new(t: &TwoMode) -> TwinView {
        let quotient = t.city_quotient(t.city_twins());
        let k = quotient.n_classes();
        let size: Vec<u64> = quotient
            .classes()
            .sizes()
            .iter()
            .map(|&s| s as u64)
            .collect();
        let tied_inside: Vec<bool> = (0..k).map(|c| quotient.internal(c).is_some()).collect();
        let (degree, strength): (Vec<u64>, Vec<f64>) = (0..k)
            .map(|c| {
                let inside = size[c] - 1;
                let mut deg = if tied_inside[c] { inside } else { 0 };
                let mut s = 0.0;
                for (&d, &w) in quotient.neighbors(c).iter().zip(quotient.edge_weights(c)) {
                    deg += size[d as usize];
                    s += size[d as usize] as f64 * w;
                }
                if deg == 0 {
                    // An isolated city's strength is an empty sum, as the projection's row gives.
                    return (0, std::iter::empty::<f64>().sum());
                }
                (deg, s + inside as f64 * quotient.internal(c).unwrap_or(0.0))
            })
            .unzip();
        let words = k.div_ceil(64);
        let mut adjacency = vec![0u64; k * words];
        for c in 0..k {
            for &d in quotient.neighbors(c) {
                adjacency[c * words + d as usize / 64] |= 1 << (d % 64);
            }
        }
        TwinView {
            quotient,
            size,
            tied_inside,
            degree,
            strength,
            adjacency,
            words,
        }
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.size.len()
    }

    /// Cities of class `c`, ascending.
    #[inline]
    pub fn members(&self, c: usize) -> &[u32] {
        self.quotient.classes().members(c)
    }

    /// Weight between two cities of class `c` (0 when they are not tied).
    #[inline]
    pub fn internal_weight(&self, c: usize) -> f64 {
        self.quotient.internal(c).unwrap_or(0.0)
    }

    /// Number of classes tied to `c` (itself excluded).
    #[inline]
    pub fn n_tied_classes(&self, c: usize) -> usize {
        self.quotient.neighbors(c).len()
    }

    /// Number of cities.
    pub fn n_cities(&self) -> usize {
        self.quotient.classes().n_nodes()
    }

    /// Class of `city`.
    #[inline]
    pub fn class_of(&self, city: usize) -> usize {
        self.quotient.classes().class_of(city)
    }

    /// Whether classes `c ≠ d` are tied.
    #[inline]
    pub fn tied(&self, c: usize, d: usize) -> bool {
        self.adjacency[c * self.words + d / 64] >> (d % 64) & 1 == 1
    }

    /// The bitset row of class `c`'s tied classes (itself excluded).
    #[inline]
    pub fn row_bits(&self, c: usize) -> &[u64] {
        &self.adjacency[c * self.words..(c + 1) * self.words]
    }

    /// The classes tied to `c` (itself excluded), ascending, with the weight.
    pub fn ties(&self, c: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let g = &self.quotient;
        g.neighbors(c)
            .iter()
            .zip(g.edge_weights(c))
            .map(|(&d, &w)| (d as usize, w))
    }

    /// Weight between two cities of classes `c` and `d` (0 when untied); for `c = d`, between
    /// two distinct cities of the class.
    pub fn weight_row(&self, c: usize) -> Vec<f64> {
        let mut row = vec![0.0; self.n_classes()];
        for (d, w) in self.ties(c) {
            row[d] = w;
        }
        row[c] = self.internal_weight(c);
        row
    }

    /// Number of city pairs joined by the ties of classes `c` and `d` (`c = d`: pairs inside).
    #[inline]
    pub fn pairs(&self, c: usize, d: usize) -> u64 {
        if c == d {
            self.size[c] * self.size[c].saturating_sub(1) / 2
        } else {
            self.size[c] * self.size[d]
        }
    }

    /// Appends the city pairs `(a, b)`, `a < b`, of class pair `(c, d)` (`c = d`: the pairs
    /// inside `c`) to `out`.
    pub fn city_pairs(&self, c: usize, d: usize, out: &mut Vec<(u32, u32)>) {
        let (mc, md) = (self.members(c), self.members(d));
        if c == d {
            for (i, &a) in mc.iter().enumerate() {
                out.extend(mc[i + 1..].iter().map(|&b| (a, b)));
            }
        } else {
            for &a in mc {
                out.extend(md.iter().map(|&b| (a.min(b), a.max(b))));
            }
        }
    }

    /// Number of edges of the projection.
    pub fn edge_count(&self) -> u64 {
        self.quotient.projection_edge_count()
    }

    /// A per-class value for every city.
    pub fn expand<T: Copy + Send + Sync>(&self, per_class: &[T]) -> Vec<T> {
        self.quotient
            .classes()
            .labels()
            .par_iter()
            .map(|&c| per_class[c as usize])
            .collect()
    }

    /// Each class's cities counted by group, as `(group, count)` sorted by group.
    pub fn group_counts(&self, group: &[u32]) -> Vec<Vec<(u32, u64)>> {
        (0..self.n_classes())
            .map(|c| {
                let m = self.members(c);
                let mut gs: Vec<u32> = m.iter().map(|&v| group[v as usize]).collect();
                gs.sort_unstable();
                let mut out: Vec<(u32, u64)> = vec![];
                for g in gs {
                    match out.last_mut() {
                        Some(last) if last.0 == g => last.1 += 1,
                        _ => out.push((g, 1)),
                    }
                }
                out
            })
            .collect()
    }
}

/// Whether an analysis should go through the twin classes: the projection is too large to
/// build ([`super::plan::PROJECTION_EDGE_LIMIT`]); below it the projection is built as before.
pub fn prefer_classes(t: &TwoMode) -> bool {
    t.projection_estimate().max_edges > super::plan::PROJECTION_EDGE_LIMIT
}

/// Most twin classes the class route takes on (its quotient graph and bitsets grow as the
/// square of the classes; a table without twins is its own projection).
pub const MAX_CLASSES: usize = 5_000;

impl TwinView {
    /// The view when `t`'s cities fall in at most [`MAX_CLASSES`] twin classes, else the
    /// number of classes.
    pub fn within_limit(t: &TwoMode) -> Result<TwinView, usize> {
        let k = t.city_twins().n_classes();
        if k > MAX_CLASSES {
            return Err(k);
        }
        Ok(TwinView::new(t))
    }

    /// The view when the class route applies ([`prefer_classes`] and at most [`MAX_CLASSES`]
    /// classes); `None` means: build the projection, as before.
    pub fn when_preferred(t: &TwoMode) -> Option<TwinView> {
        prefer_classes(t)
            .then(|| TwinView::within_limit(t).ok())
            .flatten()
    }
}
