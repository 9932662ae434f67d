//! Burt's structural holes (Burt 1992, *Structural Holes*, ch. 2): constraint and effective
//! size of each node's ego network, weighted, exactly as NetworkX computes them with
//! `weight="weight"` on an undirected graph.
//!
//! With `w(u,v)` the edge weight (0 when absent) and `s(u) = Σ_x w(u,x)` the strength:
//! - proportional tie strength `p(u,v) = w(u,v) / s(u)` (NetworkX's
//!   `normalized_mutual_weight(G, u, v, weight)`: the mutual weight of an undirected edge is
//!   `2w`, and the factor 2 cancels);
//! - **constraint** `c(v) = Σ_{u ∈ N(v)} (p(v,u) + Σ_{w ∈ N(v), w ≠ u} p(v,w)·p(w,u))²`
//!   (`nx.constraint(G, weight="weight")`);
//! - **effective size** `e(v) = Σ_{u ∈ N(v)} (1 − Σ_{w ∈ N(v)} p(v,w)·m(u,w))` with
//!   `m(u,w) = w(u,w) / max_x w(u,x)` (`nx.effective_size(G, weight="weight")`).
//!
//! An isolated node has neither: NaN, as in NetworkX (an empty cell in the tables).
//!
//! # Complexity
//! O(Σ_v Σ_{u ∈ N(v)} deg(u)) time (each ego's neighbours' rows are scanned against a marked
//! copy of the ego's row), O(n) extra space per thread; parallel over egos with rayon, each
//! ego summed in a fixed order, so any thread count gives the same bits.

use crate::graph::Csr;
use rayon::prelude::*;

/// Burt's constraint of every node (see the module documentation); NaN for isolates.
/// NetworkX: `nx.constraint(G, weight="weight")`.
pub fn constraint(g: &Csr) -> Vec<f64> {
    per_ego(g, |g, v, p_v, _max| {
        let mut total = 0.0;
        for (&u, &w_vu) in g.neighbors(v).iter().zip(g.edge_weights(v)) {
            let u = u as usize;
            // Indirect part: Σ_{w ∈ N(v) ∩ N(u)} p(v,w)·p(w,u), with p(w,u) = w(w,u)/s(w).
            let mut indirect = 0.0;
            for (&w, &w_uw) in g.neighbors(u).iter().zip(g.edge_weights(u)) {
                let pvw = p_v[w as usize];
                if pvw != 0.0 {
                    indirect += pvw * (w_uw / g.strength(w as usize));
                }
            }
            let direct = w_vu / g.strength(v);
            total += (direct + indirect) * (direct + indirect);
        }
        total
    })
}

/// Burt's effective size of every node (see the module documentation); NaN for isolates.
/// NetworkX: `nx.effective_size(G, weight="weight")`.
pub fn effective_size(g: &Csr) -> Vec<f64> {
    per_ego(g, |g, v, p_v, max_w| {
        let mut total = 0.0;
        for &u in g.neighbors(v) {
            let u = u as usize;
            let mut redundancy = 0.0;
            for (&w, &w_uw) in g.neighbors(u).iter().zip(g.edge_weights(u)) {
                let pvw = p_v[w as usize];
                if pvw != 0.0 {
                    redundancy += pvw * (w_uw / max_w[u]);
                }
            }
            total += 1.0 - redundancy;
        }
        total
    })
}

/// Runs `f(g, v, p_v, max_w)` for every non-isolated ego `v`, where `p_v[x] = p(v,x)` for
/// `x ∈ N(v)` and 0 elsewhere, and `max_w[u]` is the largest weight at `u`.
fn per_ego(g: &Csr, f: impl Fn(&Csr, usize, &[f64], &[f64]) -> f64 + Sync) -> Vec<f64> {
    let n = g.node_count();
    let max_w: Vec<f64> = (0..n)
        .map(|u| g.edge_weights(u).iter().copied().fold(0.0, f64::max))
        .collect();
    (0..n)
        .into_par_iter()
        .map_init(
            || vec![0.0f64; n],
            |p_v, v| {
                if g.degree(v) == 0 {
                    return f64::NAN;
                }
                let s = g.strength(v);
                for (&x, &w) in g.neighbors(v).iter().zip(g.edge_weights(v)) {
                    p_v[x as usize] = w / s;
                }
                let out = f(g, v, p_v, &max_w);
                for &x in g.neighbors(v) {
                    p_v[x as usize] = 0.0;
                }
                out
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn star() -> Csr {
        Csr::from_edges(4, &[(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0)]).0
    }

    #[test]
    fn star_centre_is_unconstrained_and_fully_effective() {
        let g = star();
        let c = constraint(&g);
        // Centre: three ties of 1/3 with no indirect paths: 3 · (1/3)² = 1/3.
        assert!((c[0] - 1.0 / 3.0).abs() < 1e-15);
        // A leaf: one tie, p = 1.
        assert_eq!(c[1], 1.0);
        let e = effective_size(&g);
        assert_eq!(e[0], 3.0);
        assert_eq!(e[1], 1.0);
    }

    #[test]
    fn isolates_are_nan_and_triangle_is_redundant() {
        let g = Csr::from_edges(4, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0)]).0;
        assert!(constraint(&g)[3].is_nan());
        assert!(effective_size(&g)[3].is_nan());
        // Triangle: each neighbour is redundant by p·m = 1/2 · 1: 2 − 2·(1/2) = 1.
        assert_eq!(effective_size(&g)[0], 1.0);
        // (1/2 + 1/2·1/2)² · 2 = 1.125.
        assert_eq!(constraint(&g)[0], 1.125);
    }
}
