//! Memory limits: a clear error before work that would not fit, rather than a kill by the
//! kernel's out-of-memory killer half way through.
//!
//! The budget ([`super::memory::budget`]) is `--max-memory`, by default half of the memory
//! available. It bounds two things known in advance:
//! reading an input file (about three times its size: bytes, text and fields) and building
//! the city projection (`TwoMode::projection_estimate().max_bytes`, from program sizes alone).

use super::dataset::Dataset;
use super::memory::budget;
use super::memory::human_bytes;

/// Parses a size: a number of bytes with an optional unit `K`, `M`, `G`, `T` (powers of 1024;
/// a trailing `B` or `iB` is allowed, case does not matter): `512M`, `1.5G`, `2GiB`, `100000`.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let body = lower
        .strip_suffix("ib")
        .or_else(|| lower.strip_suffix('b'))
        .unwrap_or(&lower);
    let (num, mult) = match body.chars().last() {
        Some('k') => (&body[..body.len() - 1], 1u64 << 10),
        Some('m') => (&body[..body.len() - 1], 1 << 20),
        Some('g') => (&body[..body.len() - 1], 1 << 30),
        Some('t') => (&body[..body.len() - 1], 1 << 40),
        _ => (body, 1),
    };
    match num.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v * (mult as f64) < u64::MAX as f64 => {
            Ok((v * mult as f64) as u64)
        }
        _ => Err(format!(
            "--max-memory {s:?}: expected a size such as 512M, 8G or 2GiB"
        )),
    }
}

/// Checks that the city projection of `ds` fits in the budget; the error says how big it
/// would be, which programs make it so, and what to do.
pub fn check_projection(ds: &Dataset, max_memory: Option<u64>) -> Result<(), String> {
    if !ds.is_two_mode() {
        return Ok(());
    }
    let Some(budget) = budget(max_memory) else {
        return Ok(());
    };
    let t = ds.two_mode();
    let est = t.projection_estimate();
    if est.max_bytes <= budget {
        return Ok(());
    }
    let mut sizes: Vec<(usize, usize)> = (0..t.n_programs())
        .map(|p| (t.members_of(p).0.len(), p))
        .collect();
    sizes.sort_by(|a, b| b.cmp(a));
    let largest: Vec<String> = sizes
        .iter()
        .take(3)
        .map(|&(k, p)| format!("\"{}\" ({k} members)", ds.programs[p].name))
        .collect();
    let source = if max_memory.is_some() {
        "the --max-memory budget"
    } else {
        "the default budget (half of the memory available)"
    };
    Err(format!(
        "the city projection could have up to {} edges and need about {} of memory, more \
         than {source} of {}. A program with k members alone adds k(k-1)/2 edges; the \
         largest are {}. Drop the largest programs from the input, raise --max-memory if the \
         machine has the memory, or run on a machine with more memory",
        est.max_edges,
        human_bytes(est.max_bytes),
        human_bytes(budget),
        largest.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("100").unwrap(), 100);
        assert_eq!(parse_size("1K").unwrap(), 1024);
        assert_eq!(parse_size("512m").unwrap(), 512 << 20);
        assert_eq!(parse_size("1.5G").unwrap(), 3 << 29);
        assert_eq!(parse_size("2GiB").unwrap(), 2 << 30);
        assert_eq!(parse_size("8GB").unwrap(), 8 << 30);
        for bad in ["", "G", "-1G", "0", "lots", "NaNG", "1e30T"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
    }
}
