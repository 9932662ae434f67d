//! The disparity-filter backbone of a weighted graph (Serrano, Boguñá & Vespignani 2009).
//!
//! Dense projections (a program with 97 members is a 97-clique) hide their structure under
//! their own edges. The disparity filter keeps, at each node, only the edges whose weight is
//! too large to be explained by the node spreading its strength uniformly at random over its
//! edges.
//!
//! # The exact rule
//! For a node `i` of degree `k_i` and strength `s_i = Σ_j w_ij`, the significance of an edge
//! `(i, j)` of weight `w_ij` *from i's side* is
//!
//! ```text
//! α_ij = (1 − w_ij / s_i)^(k_i − 1)          when k_i > 1
//! α_ij = 0                                   when k_i = 1 (the node's only edge is kept)
//! ```
//!
//! An edge is kept when it is significant for **either** endpoint: `min(α_ij, α_ji) < alpha`.
//! With `alpha ≥ 1` every edge with a degree-1 endpoint or `w_ij < s_i` is kept, that is, all
//! of them; with `alpha ≤ 0` none (degree-1 edges included, since their α is 0 and the test is
//! strict). The filter is computed once on the whole graph (strengths and degrees are those of
//! the unfiltered graph); it does not iterate.
//!
//! Reference: M. Á. Serrano, M. Boguñá, A. Vespignani, "Extracting the multiscale backbone of
//! complex weighted networks", PNAS 106(16):6483–6488, 2009, doi:10.1073/pnas.0808904106.

use super::Csr;

/// The significance `α_ij = (1 − w/s)^(k − 1)` of an edge of weight `w` from the side of a
/// node of degree `k` and strength `s` (0 when `k ≤ 1`; see the module documentation).
#[inline]
pub fn side_significance(w: f64, k: usize, s: f64) -> f64 {
    if k <= 1 {
        return 0.0;
    }
    let x = if s > 0.0 { (1.0 - w / s).max(0.0) } else { 1.0 };
    x.powi((k - 1) as i32)
}

/// The disparity significance of every edge, as `(u, v, w, α)` with `u < v` in
/// [`Csr::edges`] order, `α = min(α_uv, α_vu)` (see the module documentation).
///
/// # Complexity
/// O(n + m) time and space.
pub fn edge_significance(g: &Csr) -> Vec<(u32, u32, f64, f64)> {
    let side = |i: usize, w: f64| -> f64 { side_significance(w, g.degree(i), g.strength(i)) };
    g.edges()
        .map(|(u, v, w)| {
            let a = side(u as usize, w).min(side(v as usize, w));
            (u, v, w, a)
        })
        .collect()
}

/// The backbone of `g` at significance `alpha`: the edges `(u, v, w)` (`u < v`, in
/// [`Csr::edges`] order) with `min(α_uv, α_vu) < alpha`.
///
/// # Arguments
/// * `g` – an undirected weighted graph.
/// * `alpha` – the significance level, usually 0.01–0.1 (smaller keeps fewer edges).
///
/// # Returns
/// The kept edges; nodes keep their ids (some may be left without edges).
///
/// # Complexity
/// O(n + m) time and space.
///
/// # Examples
/// ```
/// use citynet::graph::{disparity::disparity_backbone, Csr};
/// // A star centre with one heavy and two light edges: only the heavy edge is significant
/// // for the centre, and the leaves (degree 1) keep theirs.
/// let (g, _) = Csr::from_edges(4, &[(0, 1, 8.0), (0, 2, 1.0), (0, 3, 1.0)]);
/// assert_eq!(disparity_backbone(&g, 0.05).len(), 3);
/// ```
pub fn disparity_backbone(g: &Csr, alpha: f64) -> Vec<(u32, u32, f64)> {
    edge_significance(g)
        .into_iter()
        .filter(|&(_, _, _, a)| a < alpha)
        .map(|(u, v, w, _)| (u, v, w))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hand-computed case. Nodes 0–3 form a 4-cycle with a chord, all weights shown:
    ///
    /// ```text
    /// 0–1: 10   0–2: 1   0–3: 1   1–2: 1   2–3: 1
    /// ```
    /// Degrees and strengths: k0 = 3, s0 = 12; k1 = 2, s1 = 11; k2 = 3, s2 = 3; k3 = 2, s3 = 2.
    /// α from each side:
    /// * 0–1: from 0, (1 − 10/12)² = 1/36 ≈ 0.0278; from 1, (1 − 10/11)¹ = 1/11 ≈ 0.0909.
    /// * 0–2: from 0, (11/12)² ≈ 0.840; from 2, (2/3)² ≈ 0.444.
    /// * 0–3: from 0, (11/12)² ≈ 0.840; from 3, (1/2)¹ = 0.5.
    /// * 1–2: from 1, (1 − 1/11)¹ = 10/11 ≈ 0.909; from 2, (2/3)² ≈ 0.444.
    /// * 2–3: from 2, (2/3)² ≈ 0.444; from 3, (1/2)¹ = 0.5.
    #[test]
    fn hand_computed_case() {
        let (g, _) = Csr::from_edges(
            4,
            &[
                (0, 1, 10.0),
                (0, 2, 1.0),
                (0, 3, 1.0),
                (1, 2, 1.0),
                (2, 3, 1.0),
            ],
        );
        let sig = edge_significance(&g);
        let expect = [
            (0, 1, 1.0 / 36.0),
            (0, 2, 4.0 / 9.0),
            (0, 3, 0.5),
            (1, 2, 4.0 / 9.0),
            (2, 3, 4.0 / 9.0),
        ];
        assert_eq!(sig.len(), expect.len());
        for (got, want) in sig.iter().zip(expect) {
            assert_eq!((got.0, got.1), (want.0, want.1));
            assert!((got.3 - want.2).abs() < 1e-12, "{got:?} vs {want:?}");
        }
        assert_eq!(disparity_backbone(&g, 0.05), vec![(0, 1, 10.0)]);
        assert_eq!(disparity_backbone(&g, 0.1), vec![(0, 1, 10.0)]);
        assert_eq!(
            disparity_backbone(&g, 0.45),
            vec![(0, 1, 10.0), (0, 2, 1.0), (1, 2, 1.0), (2, 3, 1.0)]
        );
        assert_eq!(disparity_backbone(&g, 1.0).len(), 5);
        assert!(disparity_backbone(&g, 0.0).is_empty());
    }

    #[test]
    fn degree_one_nodes_keep_their_edge() {
        // A path 0–1–2 with equal weights: the ends have degree 1.
        let (g, _) = Csr::from_edges(3, &[(0, 1, 1.0), (1, 2, 1.0)]);
        assert_eq!(disparity_backbone(&g, 1e-9).len(), 2);
    }

    #[test]
    fn uniform_clique_has_no_backbone() {
        // Every node spreads its strength evenly: α = (1 − 1/4)^3 ≈ 0.42 everywhere.
        let mut e = vec![];
        for a in 0..5u32 {
            for b in a + 1..5 {
                e.push((a, b, 1.0));
            }
        }
        let (g, _) = Csr::from_edges(5, &e);
        assert!(disparity_backbone(&g, 0.05).is_empty());
        assert_eq!(disparity_backbone(&g, 0.5).len(), 10);
    }
}
