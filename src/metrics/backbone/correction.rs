//! Multiple-testing corrections over p-values given as counts per distinct value.
//!
//! A validated projection tests millions of pairs, but pairs with the same degrees and the same
//! number of shared programs have the same p-value, so the tests are summarised as
//! `(p, count)` with distinct `p`. The adjusted values equal R's `p.adjust(p, method)` applied to
//! the expanded vector (ties included), which is what R `backbone` applies before keeping the
//! edges with adjusted `p < α`.

/// A multiple-testing correction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Correction {
    /// No correction: the p-value itself is compared with α.
    None,
    /// Benjamini–Hochberg (1995) false discovery rate: `p.adjust(p, "BH")`.
    Fdr,
    /// Bonferroni: `min(1, m·p)`, `p.adjust(p, "bonferroni")`.
    Bonferroni,
    /// Holm (1979) step-down: `p.adjust(p, "holm")`.
    Holm,
}

impl Correction {
    /// The name used in the outputs.
    pub fn name(self) -> &'static str {
        match self {
            Correction::None => "none",
            Correction::Fdr => "fdr",
            Correction::Bonferroni => "bonferroni",
            Correction::Holm => "holm",
        }
    }
}

/// Adjusted p-values, one per entry of `sorted` (distinct p-values ascending with their counts),
/// for `m` tests in all: when `m` exceeds the counts, the other `m − Σ counts` tests count as
/// p-values of 1 (untested pairs under `--tests all`).
///
/// * BH: `adj(p_k) = min_{k' ≥ k} m·p_{k'} / C_{k'}` with `C` the cumulative count.
/// * Holm: `adj(p_k) = max_{k' ≤ k} (m − L_{k'})·p_{k'}` with `L` the count strictly below.
/// * Bonferroni: `m·p`. Every value is clamped to 1.
///
/// # Panics
/// If `sorted` is not strictly ascending (a programming error).
pub fn adjust(sorted: &[(f64, u64)], m: u64, c: Correction) -> Vec<f64> {
    assert!(
        sorted.windows(2).all(|w| w[0].0 < w[1].0),
        "p-values must be distinct, ascending"
    );
    let total: u64 = sorted.iter().map(|x| x.1).sum();
    let m = m.max(total);
    let mf = m as f64;
    match c {
        Correction::None => sorted.iter().map(|x| x.0).collect(),
        Correction::Bonferroni => sorted.iter().map(|x| (mf * x.0).min(1.0)).collect(),
        Correction::Holm => {
            let mut below = 0u64;
            let mut run = 0.0f64;
            sorted
                .iter()
                .map(|&(p, n)| {
                    run = run.max((m - below) as f64 * p);
                    below += n;
                    run.min(1.0)
                })
                .collect()
        }
        Correction::Fdr => {
            let mut cum = Vec::with_capacity(sorted.len());
            let mut c = 0u64;
            for x in sorted {
                c += x.1;
                cum.push(c);
            }
            // The untested pairs (p = 1) sit above every tested one: BH value m·1/m = 1.
            let mut run = 1.0f64;
            let mut out = vec![0.0; sorted.len()];
            for k in (0..sorted.len()).rev() {
                run = run.min(mf * sorted[k].0 / cum[k] as f64);
                out[k] = run.min(1.0);
            }
            out
        }
    }
}

/// Sorts `(p, count)` entries and merges equal p-values.
pub fn distinct(mut entries: Vec<(f64, u64)>) -> Vec<(f64, u64)> {
    entries.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<(f64, u64)> = Vec::with_capacity(entries.len());
    for (p, n) in entries {
        match out.last_mut() {
            Some(last) if last.0 == p => last.1 += n,
            _ => out.push((p, n)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// R: p <- c(0.01, 0.01, 0.02, 0.04, 0.5); p.adjust(p, "BH") = 0.025 0.025 0.0333 0.05 0.5;
    /// p.adjust(p, "holm") = 0.05 0.05 0.06 0.08 0.5; "bonferroni" = 0.05 0.05 0.1 0.2 1.
    #[test]
    fn matches_p_adjust_with_ties() {
        let s = distinct(vec![(0.01, 1), (0.5, 1), (0.01, 1), (0.04, 1), (0.02, 1)]);
        assert_eq!(s, vec![(0.01, 2), (0.02, 1), (0.04, 1), (0.5, 1)]);
        let close = |a: &[f64], b: &[f64]| a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-12);
        assert!(close(
            &adjust(&s, 5, Correction::Fdr),
            &[0.025, 0.02 * 5.0 / 3.0, 0.05, 0.5]
        ));
        assert!(close(
            &adjust(&s, 5, Correction::Holm),
            &[0.05, 0.06, 0.08, 0.5]
        ));
        assert!(close(
            &adjust(&s, 5, Correction::Bonferroni),
            &[0.05, 0.1, 0.2, 1.0]
        ));
        assert!(close(
            &adjust(&s, 5, Correction::None),
            &[0.01, 0.02, 0.04, 0.5]
        ));
    }

    #[test]
    fn untested_pairs_count_as_ones() {
        // BH over 10 tests of which 9 are p = 1: p.adjust(c(0.001, rep(1, 9)), "BH")[1] = 0.01.
        let a = adjust(&[(0.001, 1)], 10, Correction::Fdr);
        assert!((a[0] - 0.01).abs() < 1e-15);
    }
}
