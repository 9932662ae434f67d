//! The memory budget and byte sizes for messages: what the reader (file sizes), the limits
//! (projection sizes) and the metric planner all use. No dependency on anything else in the
//! crate, so each can take it without taking the others.
//!
//! The budget is `--max-memory` (e.g. `8G`, `512M`), by default half of the memory the kernel
//! reports available (`MemAvailable` in /proc/meminfo).

/// Memory available to this process according to the kernel (`MemAvailable` in
/// /proc/meminfo), in bytes; `None` where that cannot be read.
pub fn mem_available() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = text.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// The budget in bytes: `max_memory` when given, else half of the available memory; `None`
/// when neither is known (no check is made then).
pub fn budget(max_memory: Option<u64>) -> Option<u64> {
    max_memory.or_else(|| mem_available().map(|a| a / 2))
}

/// `1.5 GB`, `640 KB`.
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KB", "MB", "GB", "TB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} bytes")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_sizes() {
        assert_eq!(human_bytes(10), "10 bytes");
        assert_eq!(human_bytes(1536), "1.5 KB");
        assert_eq!(human_bytes(3 << 30), "3.0 GB");
    }

    #[test]
    fn a_given_budget_wins() {
        assert_eq!(budget(Some(512)), Some(512));
    }
}
