//! Text metrics from the bundled DejaVu Sans, the font every figure is drawn in.
//!
//! Graphviz draws labels with the system's DejaVu Sans (installed with Graphviz's usual font
//! packages); citynet measures the same font, embedded from `assets/fonts/DejaVuSans.ttf`, to
//! size boxes and to place labels without overlaps before Graphviz runs. The charts
//! ([`super::charts`]) draw with this embedded copy, so they need no system font at all.

use ab_glyph::{Font, FontRef};
use std::sync::OnceLock;

/// DejaVu Sans (Bitstream Vera licence with the DejaVu changes: free to bundle; see
/// `assets/fonts/DejaVu-LICENSE.txt`).
pub static DEJAVU_SANS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// The font name figures ask Graphviz for.
pub const FONT_NAME: &str = "DejaVu Sans";

fn font() -> &'static FontRef<'static> {
    static F: OnceLock<FontRef<'static>> = OnceLock::new();
    F.get_or_init(|| FontRef::try_from_slice(DEJAVU_SANS).expect("bundled DejaVu Sans parses"))
}

/// Advance width of `text` set at `size` points, in points (bold text is about 10% wider;
/// callers add that margin themselves).
pub fn width(text: &str, size: f64) -> f64 {
    let f = font();
    let upem = f.units_per_em().unwrap_or(2048.0) as f64;
    let mut w = 0.0f64;
    let mut prev = None;
    for ch in text.chars() {
        let id = f.glyph_id(ch);
        if let Some(p) = prev {
            w += f.kern_unscaled(p, id) as f64;
        }
        w += f.h_advance_unscaled(id) as f64;
        prev = Some(id);
    }
    w / upem * size
}

/// Line height of text set at `size` points, in points.
pub fn line_height(size: f64) -> f64 {
    size * 1.2
}

/// Greedy word wrap of `text` into lines no wider than `max_width` points at `size` points (a
/// single word wider than that gets a line of its own).
pub fn wrap(text: &str, size: f64, max_width: f64) -> Vec<String> {
    let mut lines = vec![];
    let mut cur = String::new();
    for word in text.split_whitespace() {
        let candidate = if cur.is_empty() {
            word.to_string()
        } else {
            format!("{cur} {word}")
        };
        if !cur.is_empty() && width(&candidate, size) > max_width {
            lines.push(std::mem::take(&mut cur));
            cur = word.to_string();
        } else {
            cur = candidate;
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_plausible() {
        let w = width("Washington, D.C.", 10.0);
        assert!(w > 70.0 && w < 100.0, "{w}");
        assert!(width("Medellín", 10.0) > width("Medellin", 10.0) - 0.01);
        assert_eq!(width("", 10.0), 0.0);
        let lines = wrap("one two three four five six", 10.0, 60.0);
        assert!(lines.len() >= 2);
        assert!(lines.iter().all(|l| width(l, 10.0) <= 60.0));
    }
}
