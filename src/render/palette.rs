//! Colour-blind-safe palettes.
//!
//! Categories use the Okabe–Ito palette (Okabe & Ito 2008), distinguishable under the common
//! colour-vision deficiencies, in its usual order without black. Past 7 categories the
//! extension is Paul Tol's "muted" scheme (also designed for colour-blind readers), and past
//! 7 + 9 = 16 categories the colours repeat; figures then say "other" for the rest instead.
//! Sequential scales use the viridis ramp (perceptually uniform, colour-blind safe, legible in
//! grey scale).

/// Okabe–Ito without black, then Tol's muted.
pub const CATEGORICAL: &[&str] = &[
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00",
    "#CC79A7", // Okabe–Ito
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255",
    "#AA4499", // Tol muted
];

/// Colour of category `i`.
pub fn category(i: usize) -> &'static str {
    CATEGORICAL[i % CATEGORICAL.len()]
}

/// Nine stops of viridis, dark to light.
const VIRIDIS: &[(u8, u8, u8)] = &[
    (68, 1, 84),
    (72, 40, 120),
    (62, 74, 137),
    (49, 104, 142),
    (38, 130, 142),
    (31, 158, 137),
    (53, 183, 121),
    (110, 206, 88),
    (181, 222, 43),
];

/// Viridis at `t` in `[0, 1]` (0 = dark purple, 1 = yellow-green), as `#RRGGBB`.
pub fn viridis(t: f64) -> String {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let x = t * (VIRIDIS.len() - 1) as f64;
    let i = (x.floor() as usize).min(VIRIDIS.len() - 2);
    let f = x - i as f64;
    let (a, b) = (VIRIDIS[i], VIRIDIS[i + 1]);
    let mix = |p: u8, q: u8| (p as f64 + (q as f64 - p as f64) * f).round() as u8;
    format!(
        "#{:02X}{:02X}{:02X}",
        mix(a.0, b.0),
        mix(a.1, b.1),
        mix(a.2, b.2)
    )
}

/// Black or white, whichever reads better on `hex` (WCAG relative luminance).
pub fn text_on(hex: &str) -> &'static str {
    let h = hex.trim_start_matches('#');
    let c = |i: usize| {
        let v = u8::from_str_radix(&h[i..i + 2], 16).unwrap_or(0) as f64 / 255.0;
        if v <= 0.03928 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * c(0) + 0.7152 * c(2) + 0.0722 * c(4);
    if l > 0.179 {
        "#000000"
    } else {
        "#FFFFFF"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn palette_basics() {
        assert_eq!(category(0), "#E69F00");
        assert_eq!(viridis(0.0), "#440154");
        assert_eq!(viridis(1.0), "#B5DE2B");
        assert_eq!(text_on("#F0E442"), "#000000");
        assert_eq!(text_on("#0072B2"), "#FFFFFF");
    }
}
