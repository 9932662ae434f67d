//! Standard competition ranks ("1224" ranking), the one ranking of every table, analysis and
//! robustness column: 1 = the largest value, equal values (the same `f64`) share the best rank
//! and the next rank skips (5, 3, 3, 1 ranks 1, 2, 2, 4).
//!
//! Callers differ only in how a NaN value (a non-converging power iteration, an isolate's
//! constraint) is ranked, which [`NanRank`] says, and in the order of tied rows, which the
//! order they pass says:
//! - `citynet robustness` and the GaWC connectivity table rank NaN **after every number**
//!   ([`NanRank::Last`]), so that a rank is always a place in the list;
//! - the publication tables (`citynet table`, compare) give NaN **rank 0** ([`NanRank::Zero`])
//!   and leave it out of the row order: a value that is not a number is not listed.

use std::cmp::Ordering;

/// How values that are NaN are ranked; they are never part of the order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NanRank {
    /// Rank = 1 + the number of non-NaN values (after every number).
    Last,
    /// Rank 0 (not ranked).
    Zero,
}

/// The indices of the non-NaN `values`, largest first, ties by index.
pub fn descending(values: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..values.len()).filter(|&i| !values[i].is_nan()).collect();
    order.sort_by(|&a, &b| values[b].total_cmp(&values[a]).then(a.cmp(&b)));
    order
}

/// The indices of the non-NaN `values`, largest first, ties by `key` ascending, then by index.
pub fn descending_by_key(values: &[f64], key: &[String]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..values.len()).filter(|&i| !values[i].is_nan()).collect();
    order.sort_by(|&a, &b| {
        values[b]
            .partial_cmp(&values[a])
            .unwrap_or(Ordering::Equal)
            .then_with(|| key[a].cmp(&key[b]))
            .then(a.cmp(&b))
    });
    order
}

/// Competition ranks of `values` given `order` (the ranked indices, largest first: from
/// [`descending`] or [`descending_by_key`], or any order in which equal values are adjacent);
/// an index not in `order` (a NaN) gets the rank `nan` says.
pub fn competition(values: &[f64], order: &[usize], nan: NanRank) -> Vec<u32> {
    let unranked = match nan {
        NanRank::Last => order.len() as u32 + 1,
        NanRank::Zero => 0,
    };
    let mut ranks = vec![unranked; values.len()];
    for (pos, &i) in order.iter().enumerate() {
        ranks[i] = if pos > 0 && values[order[pos - 1]] == values[i] {
            ranks[order[pos - 1]]
        } else {
            pos as u32 + 1
        };
    }
    ranks
}

/// Competition ranks of `values`, NaN after every number: [`competition`] over [`descending`].
pub fn competition_ranks(values: &[f64]) -> Vec<u32> {
    competition(values, &descending(values), NanRank::Last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_share_the_best_rank_and_nan_follows_the_policy() {
        let v = [3.0, 5.0, f64::NAN, 5.0, 1.0];
        assert_eq!(competition_ranks(&v), vec![3, 1, 5, 1, 4]);
        let key: Vec<String> = ["d", "c", "b", "a", "e"].map(String::from).to_vec();
        let order = descending_by_key(&v, &key);
        assert_eq!(order, vec![3, 1, 0, 4]);
        assert_eq!(competition(&v, &order, NanRank::Zero), vec![3, 1, 0, 1, 4]);
    }
}
