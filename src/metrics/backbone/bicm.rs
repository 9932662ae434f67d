//! The bipartite configuration model (BiCM; Saracco et al. 2015, 2017) fitted on degree classes.
//!
//! # Definition
//! Each city `i` gets a fitness `x_i`, each program `a` a fitness `y_a`; the membership
//! probability is `p_ia = x_i·y_a / (1 + x_i·y_a)`, the maximum-entropy ensemble whose expected
//! degrees equal the observed ones: `Σ_a p_ia = k_i` (city degrees) and `Σ_i p_ia = d_a`
//! (program sizes). Cities of equal degree get equal fitnesses (and so do programs of equal
//! size), so the unknowns are one per *class* — a few dozen even for 15,000 cities.
//!
//! Rows or columns that are all 0 or all 1 have no finite fitness. They are removed as the
//! `bicm` package (`BipartiteGraph.initialize_avg_mat`) and R `backbone::bicm` do, repeatedly
//! until none is left: empty rows/columns get `p = 0`; full ones `p = 1` over the rows/columns
//! still in play, and the degrees of the rest are reduced accordingly.
//!
//! With structural zeros (SDSM-EC, Neal, Domagalski & Sagan 2021), a class pair `(r, s)` may be
//! *forbidden*: `p = 0` and the pair takes no part in the degree equations; "full" then means
//! "in every allowed program still in play".
//!
//! # Solver
//! Newton's method on the log-fitnesses `θ = ln x`, `η = ln y`, minimising the convex negative
//! log-likelihood `Σ_{r,s} n_r m_s ln(1 + e^{θ_r + η_s}) − Σ_r n_r k_r θ_r − Σ_s m_s d_s η_s`
//! (`n_r`, `m_s` the class sizes) with a backtracking line search. The Hessian is positive
//! semi-definite with one null direction per connected block (`θ + c, η − c` changes nothing);
//! a tiny ridge makes it invertible. Two row classes (or two column classes) share no term, so
//! the row block of the Hessian is diagonal: the Cholesky factorisation eliminates it directly
//! and only the column block is factorised densely. It stops when every class's expected degree
//! is within 1e-10 (relative to the degree, at least absolute 1e-10) of the observed one.
//!
//! Reference numbers: `bicm.BipartiteGraph(biadjacency=M).solve_tool(); get_bicm_matrix()`;
//! R `backbone::bicm(M)`.

/// The class-level problem: one row class per distinct city degree (and eligibility group),
/// one column class per distinct program size (and eligibility rule).
#[derive(Debug, Clone)]
pub struct ClassProblem {
    /// Degree of the cities in each row class.
    pub row_degree: Vec<u64>,
    /// Number of cities in each row class.
    pub row_count: Vec<u64>,
    /// Size of the programs in each column class.
    pub col_degree: Vec<u64>,
    /// Number of programs in each column class.
    pub col_count: Vec<u64>,
    /// `allowed[r * S + s]`: whether cities of class `r` may join programs of class `s`
    /// (`None`: all allowed).
    pub allowed: Option<Vec<bool>>,
}

/// The fitted probabilities per class pair.
#[derive(Debug, Clone)]
pub struct ClassFit {
    /// `p[r * S + s]`: membership probability of a city of class `r` in a program of class `s`.
    pub p: Vec<f64>,
    /// Largest |expected − observed| degree over the classes solved numerically.
    pub max_residual: f64,
    /// Newton iterations.
    pub iterations: usize,
    /// Whether every degree was matched to [`TOLERANCE`] before `MAX_ITERATIONS`.
    pub converged: bool,
    /// Row classes fixed at 0 or 1 by the reduction (no fitness).
    pub fixed_rows: usize,
    /// Column classes fixed at 0 or 1 by the reduction.
    pub fixed_cols: usize,
}

/// Tolerance on the expected degrees (relative, at least absolute).
pub const TOLERANCE: f64 = 1e-10;
const MAX_ITERATIONS: usize = 500;

impl ClassProblem {
    fn allowed(&self, r: usize, s: usize) -> bool {
        self.allowed
            .as_ref()
            .is_none_or(|a| a[r * self.col_degree.len() + s])
    }
}

/// Fits the BiCM on a class problem (see the module documentation).
///
/// # Complexity
/// O(iterations · (R·S² + S³)) for `R` row and `S` column classes (the Newton system is
/// solved through its diagonal row block, see `solve_spd`).
pub fn fit(pb: &ClassProblem) -> ClassFit {
    let (nr, ns) = (pb.row_degree.len(), pb.col_degree.len());
    let mut p = vec![0.0f64; nr * ns];
    let mut row_on = vec![true; nr];
    let mut col_on = vec![true; ns];
    let mut kr: Vec<i64> = pb.row_degree.iter().map(|&k| k as i64).collect();
    let mut ds: Vec<i64> = pb.col_degree.iter().map(|&d| d as i64).collect();
    let (fixed_rows, fixed_cols) = reduce(pb, &mut p, &mut row_on, &mut col_on, &mut kr, &mut ds);
    let rows: Vec<usize> = (0..nr).filter(|&r| row_on[r]).collect();
    let cols: Vec<usize> = (0..ns).filter(|&s| col_on[s]).collect();
    let mut fitres = ClassFit {
        p,
        max_residual: 0.0,
        iterations: 0,
        converged: true,
        fixed_rows,
        fixed_cols,
    };
    if rows.is_empty() || cols.is_empty() {
        return fitres;
    }
    let solved = newton(pb, &rows, &cols, &kr, &ds);
    for (a, &r) in rows.iter().enumerate() {
        for (b, &s) in cols.iter().enumerate() {
            if pb.allowed(r, s) {
                fitres.p[r * ns + s] = sigmoid(solved.theta[a] + solved.eta[b]);
            }
        }
    }
    fitres.max_residual = solved.max_residual;
    fitres.iterations = solved.iterations;
    fitres.converged = solved.converged;
    fitres
}

/// Removes empty and full row/column classes as `bicm` does; returns how many were fixed.
fn reduce(
    pb: &ClassProblem,
    p: &mut [f64],
    row_on: &mut [bool],
    col_on: &mut [bool],
    kr: &mut [i64],
    ds: &mut [i64],
) -> (usize, usize) {
    let (nr, ns) = (row_on.len(), col_on.len());
    let (mut fixed_r, mut fixed_c) = (0, 0);
    loop {
        let mut changed = false;
        // Empty rows and columns: p stays 0.
        for r in 0..nr {
            if row_on[r] && kr[r] == 0 {
                row_on[r] = false;
                fixed_r += 1;
                changed = true;
            }
        }
        for s in 0..ns {
            if col_on[s] && ds[s] == 0 {
                col_on[s] = false;
                fixed_c += 1;
                changed = true;
            }
        }
        // Full rows and columns, judged on the same reduced matrix.
        let full_r: Vec<usize> = (0..nr)
            .filter(|&r| {
                row_on[r]
                    && kr[r]
                        == (0..ns)
                            .filter(|&s| col_on[s] && pb.allowed(r, s))
                            .map(|s| pb.col_count[s] as i64)
                            .sum::<i64>()
            })
            .collect();
        let full_c: Vec<usize> = (0..ns)
            .filter(|&s| {
                col_on[s]
                    && ds[s]
                        == (0..nr)
                            .filter(|&r| row_on[r] && pb.allowed(r, s))
                            .map(|r| pb.row_count[r] as i64)
                            .sum::<i64>()
            })
            .collect();
        for &r in &full_r {
            for s in 0..ns {
                if col_on[s] && pb.allowed(r, s) {
                    p[r * ns + s] = 1.0;
                    ds[s] -= pb.row_count[r] as i64;
                }
            }
        }
        for &s in &full_c {
            for r in 0..nr {
                if row_on[r] && pb.allowed(r, s) {
                    p[r * ns + s] = 1.0;
                    if !full_r.contains(&r) {
                        kr[r] -= pb.col_count[s] as i64;
                    }
                }
            }
        }
        for &r in &full_r {
            row_on[r] = false;
            fixed_r += 1;
            changed = true;
        }
        for &s in &full_c {
            col_on[s] = false;
            fixed_c += 1;
            changed = true;
        }
        // A full column's members were counted in ds of other full columns only through rows
        // that stay; rows that were full too already left ds.
        if !changed {
            return (fixed_r, fixed_c);
        }
    }
}

struct Solved {
    theta: Vec<f64>,
    eta: Vec<f64>,
    max_residual: f64,
    iterations: usize,
    converged: bool,
}

#[inline]
fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

#[inline]
fn softplus(z: f64) -> f64 {
    if z > 0.0 {
        z + (-z).exp().ln_1p()
    } else {
        z.exp().ln_1p()
    }
}

/// Objective, gradient (expected − observed, weighted by class size) and the scaled residuals.
struct Eval {
    f: f64,
    grad: Vec<f64>,
    max_rel: f64,
    max_abs: f64,
}

fn evaluate(
    pb: &ClassProblem,
    rows: &[usize],
    cols: &[usize],
    kr: &[i64],
    ds: &[i64],
    v: &[f64],
) -> Eval {
    let (a_n, b_n) = (rows.len(), cols.len());
    let mut f = 0.0;
    let mut exp_r = vec![0.0; a_n];
    let mut exp_c = vec![0.0; b_n];
    for (a, &r) in rows.iter().enumerate() {
        for (b, &s) in cols.iter().enumerate() {
            if !pb.allowed(r, s) {
                continue;
            }
            let z = v[a] + v[a_n + b];
            let w = (pb.row_count[r] * pb.col_count[s]) as f64;
            f += w * softplus(z);
            let q = sigmoid(z);
            exp_r[a] += pb.col_count[s] as f64 * q;
            exp_c[b] += pb.row_count[r] as f64 * q;
        }
    }
    let mut grad = vec![0.0; a_n + b_n];
    let (mut max_rel, mut max_abs) = (0.0f64, 0.0f64);
    for (a, &r) in rows.iter().enumerate() {
        let n = pb.row_count[r] as f64;
        f -= n * kr[r] as f64 * v[a];
        let res = exp_r[a] - kr[r] as f64;
        grad[a] = n * res;
        max_abs = max_abs.max(res.abs());
        max_rel = max_rel.max(res.abs() / (kr[r] as f64).max(1.0));
    }
    for (b, &s) in cols.iter().enumerate() {
        let m = pb.col_count[s] as f64;
        f -= m * ds[s] as f64 * v[a_n + b];
        let res = exp_c[b] - ds[s] as f64;
        grad[a_n + b] = m * res;
        max_abs = max_abs.max(res.abs());
        max_rel = max_rel.max(res.abs() / (ds[s] as f64).max(1.0));
    }
    Eval {
        f,
        grad,
        max_rel,
        max_abs,
    }
}

fn newton(pb: &ClassProblem, rows: &[usize], cols: &[usize], kr: &[i64], ds: &[i64]) -> Solved {
    let a_n = rows.len();
    let total: f64 = rows
        .iter()
        .map(|&r| (kr[r] as f64) * pb.row_count[r] as f64)
        .sum::<f64>()
        .max(1.0);
    // Chung–Lu start: x_r y_s ≈ k_r d_s / E.
    let mut v: Vec<f64> = rows
        .iter()
        .map(|&r| (kr[r] as f64 / total.sqrt()).ln())
        .chain(cols.iter().map(|&s| (ds[s] as f64 / total.sqrt()).ln()))
        .collect();
    let mut ev = evaluate(pb, rows, cols, kr, ds, &v);
    let mut it = 0;
    while it < MAX_ITERATIONS && ev.max_rel > TOLERANCE {
        it += 1;
        let h = hessian(pb, rows, cols, &v);
        let step = solve_spd(h, &ev.grad);
        let slope: f64 = step.iter().zip(&ev.grad).map(|(d, g)| d * g).sum();
        let mut t = 1.0;
        let mut accepted = false;
        for _ in 0..60 {
            let cand: Vec<f64> = v.iter().zip(&step).map(|(x, d)| x - t * d).collect();
            let ce = evaluate(pb, rows, cols, kr, ds, &cand);
            if ce.f <= ev.f - 1e-4 * t * slope || ce.max_rel < ev.max_rel {
                v = cand;
                ev = ce;
                accepted = true;
                break;
            }
            t *= 0.5;
        }
        if !accepted {
            break;
        }
    }
    Solved {
        theta: v[..a_n].to_vec(),
        eta: v[a_n..].to_vec(),
        max_residual: ev.max_abs,
        iterations: it,
        converged: ev.max_rel <= TOLERANCE,
    }
}

/// The Hessian of the objective in its block form: `[[D_r, W], [Wᵀ, D_c]]` with `D_r`, `D_c`
/// diagonal (two row classes, or two column classes, never share a term).
struct Hessian {
    /// Row-class diagonal `D_r`.
    rows: Vec<f64>,
    /// Column-class diagonal `D_c`.
    cols: Vec<f64>,
    /// `w[b * A + a]`: the coupling of row class `a` and column class `b` (`Wᵀ`, row-major).
    w: Vec<f64>,
}

fn hessian(pb: &ClassProblem, rows: &[usize], cols: &[usize], v: &[f64]) -> Hessian {
    let (a_n, b_n) = (rows.len(), cols.len());
    let mut h = Hessian {
        rows: vec![0.0; a_n],
        cols: vec![0.0; b_n],
        w: vec![0.0; a_n * b_n],
    };
    for (a, &r) in rows.iter().enumerate() {
        for (b, &s) in cols.iter().enumerate() {
            if !pb.allowed(r, s) {
                continue;
            }
            let q = sigmoid(v[a] + v[a_n + b]);
            let w = (pb.row_count[r] * pb.col_count[s]) as f64 * q * (1.0 - q);
            h.rows[a] += w;
            h.cols[b] += w;
            h.w[b * a_n + a] = w;
        }
    }
    h
}

/// Solves `(H + εI) x = g` by Cholesky; `ε` is a tiny ridge for the gauge direction.
///
/// The row-class block of `H` is diagonal, so its Cholesky factor is too, and the column-class
/// block after eliminating the rows is the only dense part (the Schur complement). The
/// arithmetic is that of the dense factorisation of the whole `(A + B)²` matrix in the order
/// rows then columns, minus the terms that are products with its structural zeros, so the
/// result is the same to the bit.
///
/// # Complexity
/// O(B²·A + B³) time and O(B·(A + B)) memory for `A` row and `B` column classes (the dense
/// factorisation took O((A + B)³) and O((A + B)²)).
fn solve_spd(mut h: Hessian, g: &[f64]) -> Vec<f64> {
    let (a_n, b_n) = (h.rows.len(), h.cols.len());
    let maxd = h
        .rows
        .iter()
        .chain(&h.cols)
        .fold(0.0f64, |m, &x| m.max(x))
        .max(1e-300);
    let floor = maxd * 1e-15;
    // Row block: diagonal, so its factor is the square root of the (ridged) diagonal.
    for d in h.rows.iter_mut() {
        *d = (*d + (maxd * 1e-12 + 1e-300)).max(floor).sqrt();
    }
    // Column rows of the factor, left part: W's columns over the row factor.
    for b in 0..b_n {
        let wb = &mut h.w[b * a_n..(b + 1) * a_n];
        for (x, d) in wb.iter_mut().zip(&h.rows) {
            *x /= d;
        }
    }
    // Column block: dense lower factor `l[i * B + j]`, `j ≤ i`. Terms with a zero coupling add
    // nothing, so the sums over row classes run over each column's nonzero couplings only.
    let nonzero: Vec<Vec<u32>> = (0..b_n)
        .map(|b| {
            let wb = &h.w[b * a_n..(b + 1) * a_n];
            (0..a_n as u32).filter(|&a| wb[a as usize] != 0.0).collect()
        })
        .collect();
    let mut l = vec![0.0; b_n * b_n];
    for j in 0..b_n {
        let wj = &h.w[j * a_n..(j + 1) * a_n];
        let mut d = h.cols[j] + (maxd * 1e-12 + 1e-300);
        for &a in &nonzero[j] {
            d -= wj[a as usize] * wj[a as usize];
        }
        for k in 0..j {
            d -= l[j * b_n + k] * l[j * b_n + k];
        }
        let d = d.max(floor).sqrt();
        l[j * b_n + j] = d;
        for i in j + 1..b_n {
            let wi = &h.w[i * a_n..(i + 1) * a_n];
            let (short, other) = if nonzero[i].len() <= nonzero[j].len() {
                (&nonzero[i], wj)
            } else {
                (&nonzero[j], wi)
            };
            let mut s = 0.0;
            for &a in short {
                let a = a as usize;
                if other[a] != 0.0 {
                    s -= wi[a] * wj[a];
                }
            }
            for k in 0..j {
                s -= l[i * b_n + k] * l[j * b_n + k];
            }
            l[i * b_n + j] = s / d;
        }
    }
    // Forward substitution.
    let mut y = g.to_vec();
    for (ya, d) in y.iter_mut().zip(&h.rows) {
        *ya /= d;
    }
    for i in 0..b_n {
        let mut yi = y[a_n + i];
        let wi = &h.w[i * a_n..(i + 1) * a_n];
        for &a in &nonzero[i] {
            yi -= wi[a as usize] * y[a as usize];
        }
        for k in 0..i {
            yi -= l[i * b_n + k] * y[a_n + k];
        }
        y[a_n + i] = yi / l[i * b_n + i];
    }
    // Back substitution.
    for i in (0..b_n).rev() {
        let mut yi = y[a_n + i];
        for k in i + 1..b_n {
            yi -= l[k * b_n + i] * y[a_n + k];
        }
        y[a_n + i] = yi / l[i * b_n + i];
    }
    for a in (0..a_n).rev() {
        let mut ya = y[a];
        for b in 0..b_n {
            ya -= h.w[b * a_n + a] * y[a_n + b];
        }
        y[a] = ya / h.rows[a];
    }
    y
}

/// The BiCM membership probabilities of a small 0/1 matrix (`rows × cols`, row-major), one per
/// cell, with degrees grouped into classes. For tests and small inputs; the projections use the
/// class fit directly.
pub fn probabilities(matrix: &[Vec<u8>]) -> Vec<Vec<f64>> {
    let n = matrix.len();
    let m = matrix.first().map_or(0, |r| r.len());
    let rdeg: Vec<u64> = matrix
        .iter()
        .map(|r| r.iter().map(|&x| x as u64).sum())
        .collect();
    let cdeg: Vec<u64> = (0..m)
        .map(|j| matrix.iter().map(|r| r[j] as u64).sum())
        .collect();
    let (rc, rclass) = classes(&rdeg);
    let (cc, cclass) = classes(&cdeg);
    let pb = ClassProblem {
        row_degree: rc.iter().map(|x| x.0).collect(),
        row_count: rc.iter().map(|x| x.1).collect(),
        col_degree: cc.iter().map(|x| x.0).collect(),
        col_count: cc.iter().map(|x| x.1).collect(),
        allowed: None,
    };
    let f = fit(&pb);
    let s_n = cc.len();
    (0..n)
        .map(|i| (0..m).map(|j| f.p[rclass[i] * s_n + cclass[j]]).collect())
        .collect()
}

/// Distinct values ascending with their counts, and each item's class.
pub fn classes(deg: &[u64]) -> (Vec<(u64, u64)>, Vec<usize>) {
    let mut d: Vec<u64> = deg.to_vec();
    d.sort_unstable();
    d.dedup();
    let mut counts = vec![0u64; d.len()];
    let class: Vec<usize> = deg
        .iter()
        .map(|x| {
            let c = d.binary_search(x).expect("present");
            counts[c] += 1;
            c
        })
        .collect();
    (d.into_iter().zip(counts).collect(), class)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain dense solve: the whole `(A + B)²` Hessian with its ridge, factorised by
    /// textbook Cholesky (row-major lower factor) and two triangular solves.
    fn dense_solve(h: &Hessian, g: &[f64]) -> Vec<f64> {
        let (a_n, b_n) = (h.rows.len(), h.cols.len());
        let dim = a_n + b_n;
        let mut m = vec![0.0; dim * dim];
        for a in 0..a_n {
            m[a * dim + a] = h.rows[a];
        }
        for b in 0..b_n {
            m[(a_n + b) * dim + a_n + b] = h.cols[b];
            for a in 0..a_n {
                m[(a_n + b) * dim + a] = h.w[b * a_n + a];
                m[a * dim + a_n + b] = h.w[b * a_n + a];
            }
        }
        let maxd = (0..dim)
            .map(|i| m[i * dim + i])
            .fold(0.0f64, f64::max)
            .max(1e-300);
        for i in 0..dim {
            m[i * dim + i] += maxd * 1e-12 + 1e-300;
        }
        for j in 0..dim {
            let mut d = m[j * dim + j];
            for k in 0..j {
                d -= m[j * dim + k] * m[j * dim + k];
            }
            let d = d.max(maxd * 1e-15).sqrt();
            m[j * dim + j] = d;
            for i in j + 1..dim {
                let mut s = m[i * dim + j];
                for k in 0..j {
                    s -= m[i * dim + k] * m[j * dim + k];
                }
                m[i * dim + j] = s / d;
            }
        }
        let mut y = g.to_vec();
        for i in 0..dim {
            for k in 0..i {
                y[i] -= m[i * dim + k] * y[k];
            }
            y[i] /= m[i * dim + i];
        }
        for i in (0..dim).rev() {
            for k in i + 1..dim {
                y[i] -= m[k * dim + i] * y[k];
            }
            y[i] /= m[i * dim + i];
        }
        y
    }

    /// The block solve gives the dense Cholesky's answer to the bit, on Hessians of random
    /// class problems with forbidden cells (zero couplings), fewer or more rows than columns,
    /// and a gauge direction (singular without the ridge).
    #[test]
    fn block_solve_equals_the_dense_cholesky() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        for (a_n, b_n) in [(1, 1), (3, 2), (2, 7), (40, 9), (120, 31)] {
            for density in [1.0, 0.3] {
                let allowed: Vec<bool> = (0..a_n * b_n).map(|_| next() < density).collect();
                let pb = ClassProblem {
                    row_degree: (0..a_n).map(|_| 1 + (next() * 5.0) as u64).collect(),
                    row_count: (0..a_n).map(|_| 1 + (next() * 30.0) as u64).collect(),
                    col_degree: (0..b_n).map(|_| 1 + (next() * 9.0) as u64).collect(),
                    col_count: (0..b_n).map(|_| 1 + (next() * 4.0) as u64).collect(),
                    allowed: Some(allowed),
                };
                let rows: Vec<usize> = (0..a_n).collect();
                let cols: Vec<usize> = (0..b_n).collect();
                let v: Vec<f64> = (0..a_n + b_n).map(|_| next() * 8.0 - 4.0).collect();
                let g: Vec<f64> = (0..a_n + b_n).map(|_| next() * 2.0 - 1.0).collect();
                let h = hessian(&pb, &rows, &cols, &v);
                let want = dense_solve(&h, &g);
                let got = solve_spd(h, &g);
                let bits = |x: &[f64]| x.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
                assert_eq!(bits(&got), bits(&want), "{a_n}x{b_n}, density {density}");
            }
        }
    }

    /// R backbone's tinytest (inst/tinytest/test_backbone.R): `bicm(M)` rounded to 3 digits.
    #[test]
    fn backbone_tinytest_bicm() {
        let m = vec![vec![0, 0, 1], vec![0, 1, 0], vec![1, 0, 1]];
        let p = probabilities(&m);
        let want = [
            [0.216, 0.216, 0.568],
            [0.216, 0.216, 0.568],
            [0.568, 0.568, 0.863],
        ];
        for i in 0..3 {
            for j in 0..3 {
                assert!(
                    ((p[i][j] * 1000.0).round() / 1000.0 - want[i][j]).abs() < 1e-9,
                    "{p:?}"
                );
            }
        }
    }

    #[test]
    fn full_and_empty_rows_and_columns() {
        // Column 0 is full, row 3 is empty, row 0 is full.
        let m = vec![
            vec![1, 1, 1, 1],
            vec![1, 0, 1, 0],
            vec![1, 1, 0, 0],
            vec![0, 0, 0, 0],
        ];
        // Column 0 is not full (row 3 is empty) until row 3 leaves; then it is.
        let p = probabilities(&m);
        assert_eq!(p[0], vec![1.0; 4]);
        assert_eq!(p[3], vec![0.0; 4]);
        assert_eq!(p[1][0], 1.0);
        assert_eq!(p[2][0], 1.0);
        // The rest is fitted: rows 1 and 2 have one membership left among columns 1..3.
        for row in &p[1..3] {
            let s: f64 = row[1..].iter().sum();
            assert!((s - 1.0).abs() < 1e-10, "{s}");
        }
        for j in 1..4 {
            let s: f64 = (0..4).map(|i| p[i][j]).sum();
            let d: f64 = (0..4).map(|i| m[i][j] as f64).sum();
            assert!((s - d).abs() < 1e-10);
        }
    }
}
