//! Upper tails of the Poisson-binomial distribution (a sum of independent Bernoulli trials with
//! different success probabilities), computed exactly, and the two approximations `bicm` and R
//! `backbone` offer.
//!
//! # Exact tail
//! `V = Σ_j B_j` with `B_j ~ Bernoulli(q_j)`. The probability mass function is built by
//! convolution, one trial at a time (`f'[k] = f[k]·(1 − q) + f[k−1]·q`), truncated at a cap `K`
//! whose last cell absorbs everything `≥ K` (`f'[K] = f[K] + f[K−1]·q`). Every term is a sum of
//! non-negative products, so nothing cancels. The upper tail `P(V ≥ v) = Σ_{k=v}^{K} f[k]` is then
//! summed directly from the top, never as `1 − CDF(v − 1)` (which loses every p-value below about
//! 1e-16). This is the distribution `bicm`'s `poibin` module and R's `PoissonBinomial::ppbinom`
//! (`lower.tail = FALSE`) compute with the DFT; the convolution is exact up to rounding.
//!
//! # Complexity
//! O(T·K) for `T` trials and cap `K`.

/// `P(V ≥ v)` for `v = 0..=cap`, where `V` is the sum of independent Bernoulli trials given as
/// `(q, multiplicity)`: `multiplicity` trials of success probability `q` each.
///
/// # Arguments
/// * `trials` – `(q, m)` pairs, `q` in `[0, 1]`.
/// * `cap` – the largest `v` whose tail is needed (the largest observed count).
///
/// # Examples
/// ```
/// use citynet::metrics::backbone::poibin::upper_tails;
/// // Two fair coins: P(V ≥ 0) = 1, P(V ≥ 1) = 3/4, P(V ≥ 2) = 1/4.
/// let t = upper_tails(&[(0.5, 2)], 2);
/// assert_eq!(t, vec![1.0, 0.75, 0.25]);
/// ```
pub fn upper_tails(trials: &[(f64, u32)], cap: usize) -> Vec<f64> {
    let mut f = vec![0.0f64; cap + 1];
    f[0] = 1.0;
    for &(q, m) in trials {
        if q <= 0.0 || cap == 0 {
            continue;
        }
        let q = q.min(1.0);
        let r = 1.0 - q;
        for _ in 0..m {
            f[cap] += f[cap - 1] * q;
            for k in (1..cap).rev() {
                f[k] = f[k] * r + f[k - 1] * q;
            }
            f[0] *= r;
        }
    }
    let mut tails = vec![0.0f64; cap + 1];
    let mut acc = 0.0;
    for k in (0..=cap).rev() {
        acc += f[k];
        tails[k] = acc.min(1.0);
    }
    tails[0] = 1.0;
    tails
}

/// Mean `Σ m·q` of the trials.
pub fn mean(trials: &[(f64, u32)]) -> f64 {
    trials.iter().map(|&(q, m)| q * m as f64).sum()
}

/// `P(X ≥ v)` for `X ~ Poisson(λ)` with `λ` the mean of the trials: `bicm`'s
/// `projection_method="poisson"` (`scipy.stats.poisson.sf(v − 1, λ)`), summed directly.
pub fn poisson_upper(trials: &[(f64, u32)], v: usize) -> f64 {
    let lambda = mean(trials);
    if v == 0 {
        return 1.0;
    }
    if lambda <= 0.0 {
        return 0.0;
    }
    if (v as f64) < lambda {
        // Below the mean the upper tail is large and its first term can underflow (λ > ~745):
        // one minus the lower tail P(V ≤ v − 1), summed down from its largest term. When that
        // term underflows too, the lower tail is below 10⁻³⁰⁸ and the upper tail is 1.
        let ln_fact: f64 = (1..v).map(|i| (i as f64).ln()).sum();
        let mut term = ((v - 1) as f64 * lambda.ln() - lambda - ln_fact).exp();
        let mut lower = 0.0;
        let mut k = v - 1;
        loop {
            lower += term;
            if k == 0 || term <= lower * 1e-17 {
                break;
            }
            term *= k as f64 / lambda;
            k -= 1;
        }
        return (1.0 - lower).clamp(0.0, 1.0);
    }
    // ln pmf(v) = v ln λ − λ − ln v!
    let ln_fact: f64 = (1..=v).map(|i| (i as f64).ln()).sum();
    let mut term = (v as f64 * lambda.ln() - lambda - ln_fact).exp();
    let mut sum = 0.0;
    let mut k = v;
    loop {
        sum += term;
        k += 1;
        term *= lambda / k as f64;
        if (k as f64 > lambda && term <= sum * 1e-17) || term == 0.0 {
            break;
        }
    }
    sum.min(1.0)
}

/// The refined normal approximation (Volkova 1996; Hong 2013) of `P(V ≥ v)`, as R `backbone`
/// 2.x computed SDSM p-values (`1 − poibin::ppoibin(v − 1, q, method = "RNA")`): with mean `μ`,
/// standard deviation `σ` and skewness `γ = σ⁻³ Σ q(1 − q)(1 − 2q)`, the CDF at `k` is
/// `Φ(x) + γ(1 − x²)φ(x)/6`, `x = (k + 0.5 − μ)/σ`, clamped to `[0, 1]`.
pub fn rna_upper(trials: &[(f64, u32)], v: usize) -> f64 {
    let mu = mean(trials);
    let var: f64 = trials.iter().map(|&(q, m)| q * (1.0 - q) * m as f64).sum();
    let third: f64 = trials
        .iter()
        .map(|&(q, m)| q * (1.0 - q) * (1.0 - 2.0 * q) * m as f64)
        .sum();
    let sigma = var.sqrt();
    if sigma == 0.0 {
        return if (v as f64) <= mu + 0.5 { 1.0 } else { 0.0 };
    }
    let gamma = third / (sigma * sigma * sigma);
    let x = (v as f64 - 1.0 + 0.5 - mu) / sigma;
    let phi = (-0.5 * x * x).exp() / (2.0 * std::f64::consts::PI).sqrt();
    let cdf = (normal_cdf(x) + gamma * (1.0 - x * x) * phi / 6.0).clamp(0.0, 1.0);
    1.0 - cdf
}

/// Standard normal CDF via the complementary error function (W. J. Cody's rational
/// approximations as in `erfc` of Numerical Recipes, relative error < 1.2e-7 — enough for an
/// approximation offered only for parity).
fn normal_cdf(x: f64) -> f64 {
    0.5 * erfc(-x / std::f64::consts::SQRT_2)
}

fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let r = t
        * (-z * z - 1.26551223
            + t * (1.00002368
                + t * (0.37409196
                    + t * (0.09678418
                        + t * (-0.18628806
                            + t * (0.27886807
                                + t * (-1.13520398
                                    + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))))
            .exp();
    if x >= 0.0 {
        r
    } else {
        2.0 - r
    }
}

/// `P(X ≥ s)` for the hypergeometric `X`: the number of a city's `a` programs among the other
/// city's `b`, drawn without replacement from `n` programs (R `backbone::fixedrow`:
/// `phyper(s − 1, a, n − a, b, lower.tail = FALSE)`), summed directly over `x = s..min(a, b)`.
pub fn hypergeometric_upper(n: usize, a: usize, b: usize, s: usize) -> f64 {
    let lo = (a + b).saturating_sub(n);
    let hi = a.min(b);
    if s <= lo {
        return 1.0;
    }
    if s > hi {
        return 0.0;
    }
    let ln_fact = |k: usize| -> f64 { (2..=k).map(|i| (i as f64).ln()).sum() };
    let ln_choose = |x: usize, y: usize| ln_fact(x) - ln_fact(y) - ln_fact(x - y);
    let mut term = (ln_choose(a, s) + ln_choose(n - a, b - s) - ln_choose(n, b)).exp();
    let mut sum = 0.0;
    for x in s..=hi {
        sum += term;
        if x < hi {
            term *= ((a - x) * (b - x)) as f64 / ((x + 1) * (n + x + 1 - a - b)) as f64;
        }
    }
    sum.min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tails_of_known_distributions() {
        // Binomial(3, 0.2): P(V ≥ 2) = 3·0.04·0.8 + 0.008 = 0.104; P(V ≥ 3) = 0.008.
        let t = upper_tails(&[(0.2, 3)], 3);
        assert!((t[2] - 0.104).abs() < 1e-15 && (t[3] - 0.008).abs() < 1e-17);
        // Capped: P(V ≥ 2) unchanged when the cap is 2.
        let t2 = upper_tails(&[(0.2, 3)], 2);
        assert!((t2[2] - 0.104).abs() < 1e-15);
        // Certain trials shift the distribution.
        let t3 = upper_tails(&[(1.0, 2), (0.5, 1)], 3);
        assert_eq!(t3, vec![1.0, 1.0, 1.0, 0.5]);
    }

    #[test]
    fn tiny_tails_keep_their_digits() {
        // 40 trials of q = 1e-3: P(V = 40) = 1e-120, far below 1 − CDF's resolution.
        let t = upper_tails(&[(1e-3, 40)], 40);
        assert!((t[40] / 1e-120 - 1.0).abs() < 1e-12, "{}", t[40]);
    }

    #[test]
    fn hypergeometric_small_cases() {
        // R backbone's fixedrow test: 4 programs, degrees 3 and 2 sharing 2: P = 3/6.
        assert!((hypergeometric_upper(4, 3, 2, 2) - 0.5).abs() < 1e-15);
        // Degrees 3 and 3 of 4 must share at least 2.
        assert_eq!(hypergeometric_upper(4, 3, 3, 2), 1.0);
        assert!((hypergeometric_upper(4, 3, 3, 3) - 0.25).abs() < 1e-15);
    }

    #[test]
    fn poisson_tail() {
        // λ = 1: P(X ≥ 1) = 1 − e⁻¹; P(X ≥ 3) = 1 − e⁻¹(1 + 1 + 1/2).
        let tr = [(0.5, 2)];
        let e = (-1.0f64).exp();
        assert!((poisson_upper(&tr, 1) - (1.0 - e)).abs() < 1e-15);
        assert!((poisson_upper(&tr, 3) - (1.0 - 2.5 * e)).abs() < 1e-15);
    }

    /// λ = 1000, v = 10: the first upper-tail term underflows; the p-value is 1, not 0.
    #[test]
    fn poisson_far_below_a_large_mean_is_one() {
        let tr = [(0.5, 2000u32)];
        assert_eq!(poisson_upper(&tr, 10), 1.0);
        // Near the mean both ways agree with a plain sum of the pmf in log space.
        let lambda: f64 = 1000.0;
        let pmf = |k: usize| {
            let lf: f64 = (1..=k).map(|i| (i as f64).ln()).sum();
            (k as f64 * lambda.ln() - lambda - lf).exp()
        };
        for v in [950usize, 1000, 1050] {
            let upper: f64 = (v..4000).map(pmf).sum();
            let got = poisson_upper(&tr, v);
            assert!((got - upper).abs() < 1e-9, "{v}: {got} vs {upper}");
        }
    }
}
