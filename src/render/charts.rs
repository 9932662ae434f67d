//! Charts drawn with plotters and the embedded DejaVu Sans (no system font needed): a rank
//! chart (the top K cities by a metric, horizontal bars) and the degree distribution of the
//! city graph (log–log). Both are 85 mm wide (a journal's single column) at 300 dpi:
//! 1004 pixels, text at 6.5–8 pt.

use super::text::DEJAVU_SANS;
use crate::error::{Error, Result};
use plotters::coord::ranged1d::{AsRangedCoord, SegmentedCoord, ValueFormatter};
use plotters::coord::types::RangedCoordi32;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::sync::Once;

/// Output formats of a chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartFormat {
    Svg,
    Png,
}

/// Pixels per point at 300 dpi.
pub(crate) const PX: f64 = 300.0 / 72.0;
/// Chart width in pixels: 85 mm at 300 dpi.
pub const WIDTH: u32 = 1004;
pub(crate) const FAMILY: &str = "sans-serif";

fn register_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let _ = plotters::style::register_font(FAMILY, FontStyle::Normal, DEJAVU_SANS);
        let _ = plotters::style::register_font(FAMILY, FontStyle::Bold, DEJAVU_SANS);
    });
}

pub(crate) fn px(pt: f64) -> f64 {
    pt * PX
}

pub(crate) fn err<E: std::fmt::Debug>(e: E) -> Error {
    Error::Internal(anyhow::anyhow!("chart drawing failed: {e:?}"))
}

/// The widest share of a rank chart that the city names may take.
const MAX_NAME_SHARE: f64 = 0.4;

/// `text` as drawn at `size` pixels within `max` pixels: unchanged when it fits, else its
/// longest prefix that fits with an ellipsis ("…") after it.
fn fit(text: &str, size: f64, max: f64) -> String {
    let width = |s: &str| super::text::width(s, size);
    if width(text) <= max {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let cut = |k: usize| {
        let mut s: String = chars[..k].iter().collect();
        s.truncate(s.trim_end().len());
        s.push('…');
        s
    };
    // The longest prefix that fits (widths grow with the prefix).
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if width(&cut(mid)) <= max {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    cut(lo)
}

/// A horizontal bar chart of `items` (name, value), drawn in the order given (put the largest
/// first), with `metric` on the x axis and `title` above.
pub fn rank_chart(
    items: &[(String, f64)],
    metric: &str,
    title: &str,
    caption: &str,
    format: ChartFormat,
) -> Result<Vec<u8>> {
    let k = items.len().max(1);
    let bar = px(9.0);
    let h = (px(40.0) + bar * k as f64) as u32;
    let label_pt = 6.5;
    // Names longer than the name column may be are cut with an ellipsis, so that every name
    // stays on the canvas and the bars keep most of the width.
    let names: Vec<String> = items
        .iter()
        .map(|(n, _)| fit(n, px(label_pt), WIDTH as f64 * MAX_NAME_SHARE))
        .collect();
    let name_w = names
        .iter()
        .map(|n| super::text::width(n, px(label_pt)))
        .fold(0.0, f64::max)
        + px(8.0);
    // The title is bold (about 10% wider than measured) and centred; the caption starts 4 pt
    // in from the left edge.
    let title = fit(title, px(8.0), (WIDTH as f64 - px(16.0)) / 1.1);
    let caption = fit(caption, px(6.0), WIDTH as f64 - px(8.0));
    let vmax = items.iter().map(|x| x.1).fold(0.0f64, f64::max);
    let vmax = if vmax > 0.0 { vmax * 1.08 } else { 1.0 };
    macro_rules! chart {
        ($root:expr) => {{
            let root = $root;
            let (top, bottom) = root.split_vertically(h - px(12.0) as u32);
            let mut chart = named_rows(&top, &title, 0f64..vmax, metric, &names, name_w, label_pt)?;
            let n = items.len();
            // Bars drawn one by one in a fixed order (plotters' Histogram groups its data in
            // a hash map, which would make the SVG's element order vary between runs).
            chart
                .draw_series(items.iter().enumerate().map(|(i, x)| {
                    let y = (n - 1 - i) as i32;
                    let mut r = Rectangle::new(
                        [
                            (0.0, SegmentValue::Exact(y)),
                            (x.1, SegmentValue::Exact(y + 1)),
                        ],
                        RGBColor(0, 114, 178).filled(),
                    );
                    r.set_margin(px(1.5) as u32, px(1.5) as u32, 0, 0);
                    r
                }))
                .map_err(err)?;
            bottom
                .draw(&Text::new(
                    caption.clone(),
                    (px(4.0) as i32, 0),
                    (FAMILY, px(6.0)).into_font().color(&RGBColor(51, 51, 51)),
                ))
                .map_err(err)?;
            Ok(())
        }};
    }
    match format {
        ChartFormat::Svg => draw_svg(WIDTH, h, |r| chart!(r)),
        ChartFormat::Png => draw_png(WIDTH, h, |r| chart!(r)),
    }
}

/// The coordinates of a chart with one named row per item: `x` across, one segment per row.
pub(crate) type Rows<X> = Cartesian2d<X, SegmentedCoord<RangedCoordi32>>;

/// A horizontal chart on `area` with one row per name (the first name at the top): `title`
/// above, `x` across described as `x_desc`, the names in a column `name_w` pixels wide at
/// `label_pt` points, light vertical grid lines; the mesh is drawn. The rank chart and the
/// rank-interval chart share it.
pub(crate) fn named_rows<'a, DB: DrawingBackend, X>(
    area: &'a DrawingArea<DB, Shift>,
    title: &str,
    x: X,
    x_desc: &str,
    names: &[String],
    name_w: f64,
    label_pt: f64,
) -> Result<ChartContext<'a, DB, Rows<X::CoordDescType>>>
where
    X: AsRangedCoord<Value = f64>,
    X::CoordDescType: ValueFormatter<f64>,
{
    let k = names.len().max(1);
    let mut chart = ChartBuilder::on(area)
        .caption(title, (FAMILY, px(8.0)).into_font().style(FontStyle::Bold))
        .margin(px(4.0) as u32)
        .x_label_area_size(px(16.0) as u32)
        .y_label_area_size(name_w as u32)
        .build_cartesian_2d(x, (0..k as i32 - 1).into_segmented())
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .x_desc(x_desc)
        .y_labels(k)
        .x_label_style((FAMILY, px(label_pt)))
        .y_label_style((FAMILY, px(label_pt)))
        .axis_desc_style((FAMILY, px(7.0)))
        .light_line_style(RGBColor(235, 235, 235))
        .x_label_formatter(&|v| axis_number(*v))
        .y_label_formatter(&|y| match y {
            SegmentValue::CenterOf(i) => {
                let i = *i as usize;
                if i < names.len() {
                    names[names.len() - 1 - i].clone()
                } else {
                    String::new()
                }
            }
            _ => String::new(),
        })
        .draw()
        .map_err(err)?;
    Ok(chart)
}

/// The degree distribution: the fraction of nodes with degree k against k, both axes
/// logarithmic; nodes of degree 0 cannot be drawn on a log axis and are counted in the caption.
pub fn degree_distribution(
    degrees: &[usize],
    graph_name: &str,
    title: &str,
    format: ChartFormat,
) -> Result<Vec<u8>> {
    let n = degrees.len().max(1);
    let mut counts: std::collections::BTreeMap<usize, usize> = Default::default();
    for &d in degrees {
        *counts.entry(d).or_default() += 1;
    }
    let isolated = counts.remove(&0).unwrap_or(0);
    let pts: Vec<(f64, f64)> = counts
        .iter()
        .map(|(&k, &c)| (k as f64, c as f64 / n as f64))
        .collect();
    let kmax = pts.iter().map(|p| p.0).fold(1.0f64, f64::max);
    let kmin = pts.iter().map(|p| p.0).fold(kmax, f64::min).max(1.0);
    let pmin = pts.iter().map(|p| p.1).fold(1.0f64, f64::min);
    let caption = format!(
        "{graph_name}: {} nodes; P(k) = share of nodes with degree k{}.",
        degrees.len(),
        if isolated > 0 {
            format!("; {isolated} nodes of degree 0 not drawn")
        } else {
            String::new()
        }
    );
    let h = (WIDTH as f64 * 0.8) as u32;
    macro_rules! chart {
        ($root:expr) => {{
            let root = $root;
            let (top, bottom) = root.split_vertically(h - px(12.0) as u32);
            let mut chart = ChartBuilder::on(&top)
                .caption(title, (FAMILY, px(8.0)).into_font().style(FontStyle::Bold))
                .margin(px(6.0) as u32)
                .x_label_area_size(px(16.0) as u32)
                .y_label_area_size(px(24.0) as u32)
                .build_cartesian_2d(
                    (kmin * 0.7..kmax * 1.3)
                        .log_scale()
                        .with_key_points(log_ticks(kmin * 0.7, kmax * 1.3)),
                    (pmin * 0.7..1.0f64)
                        .log_scale()
                        .with_key_points(log_ticks(pmin * 0.7, 1.0)),
                )
                .map_err(err)?;
            chart
                .configure_mesh()
                .x_desc("degree k")
                .y_desc("P(k)")
                .x_label_style((FAMILY, px(6.5)))
                .y_label_style((FAMILY, px(6.5)))
                .axis_desc_style((FAMILY, px(7.0)))
                .light_line_style(RGBColor(235, 235, 235))
                .x_label_formatter(&|v| axis_number(*v))
                .y_label_formatter(&|v| axis_number(*v))
                .draw()
                .map_err(err)?;
            chart
                .draw_series(pts.iter().map(|&(x, y)| {
                    Circle::new((x, y), px(1.6) as i32, RGBColor(0, 114, 178).filled())
                }))
                .map_err(err)?;
            bottom
                .draw(&Text::new(
                    caption.clone(),
                    (px(4.0) as i32, 0),
                    (FAMILY, px(6.0)).into_font().color(&RGBColor(51, 51, 51)),
                ))
                .map_err(err)?;
            Ok(())
        }};
    }
    match format {
        ChartFormat::Svg => draw_svg(WIDTH, h, |r| chart!(r)),
        ChartFormat::Png => draw_png(WIDTH, h, |r| chart!(r)),
    }
}

/// Ticks 1, 2, 5 × 10^k within `[lo, hi]`.
fn log_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let mut out = vec![];
    let mut e = lo.max(1e-12).log10().floor() as i32;
    while 10f64.powi(e) <= hi * 1.0001 {
        for m in [1.0, 2.0, 5.0] {
            let v = m * 10f64.powi(e);
            if v >= lo && v <= hi * 1.0001 {
                out.push(v);
            }
        }
        e += 1;
    }
    out
}

/// An axis number without needless decimals: 50, 2.5, 0.01.
pub(crate) fn axis_number(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    if (v - v.round()).abs() < 1e-9 * v.abs().max(1.0) {
        return format!("{}", v.round() as i64);
    }
    let digits = (-(v.abs().log10().floor()) as i32 + 1).clamp(1, 8) as usize;
    let s = format!("{v:.digits$}");
    let s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    s
}

pub(crate) fn draw_svg(
    w: u32,
    h: u32,
    f: impl FnOnce(&DrawingArea<SVGBackend, Shift>) -> Result<()>,
) -> Result<Vec<u8>> {
    register_font();
    let mut s = String::new();
    {
        let root = SVGBackend::with_string(&mut s, (w, h)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        f(&root)?;
        root.present().map_err(err)?;
    }
    Ok(s.into_bytes())
}

pub(crate) fn draw_png(
    w: u32,
    h: u32,
    f: impl FnOnce(&DrawingArea<BitMapBackend, Shift>) -> Result<()>,
) -> Result<Vec<u8>> {
    register_font();
    let mut buf = vec![0u8; (w * h * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        f(&root)?;
        root.present().map_err(err)?;
    }
    let img = image::RgbImage::from_raw(w, h, buf).ok_or_else(|| err("buffer size"))?;
    let mut out = std::io::Cursor::new(vec![]);
    img.write_to(&mut out, image::ImageFormat::Png)
        .map_err(err)?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_render_and_are_deterministic() {
        let items = vec![
            ("Washington, D.C.".to_string(), 12.0),
            ("<b>&</b>".to_string(), 7.0),
            ("Medellín".to_string(), 3.5),
        ];
        let a = rank_chart(
            &items,
            "strength",
            "Top cities",
            "caption",
            ChartFormat::Svg,
        )
        .unwrap();
        let b = rank_chart(
            &items,
            "strength",
            "Top cities",
            "caption",
            ChartFormat::Svg,
        )
        .unwrap();
        if a != b {
            std::fs::write("/tmp/a.svg", &a).unwrap();
            std::fs::write("/tmp/b.svg", &b).unwrap();
        }
        assert!(a == b, "two renderings differ");
        let svg = String::from_utf8(a).unwrap();
        assert!(svg.contains("Medellín"));
        assert!(!svg.contains("<b>&</b>"));
        let png = rank_chart(
            &items,
            "strength",
            "Top cities",
            "caption",
            ChartFormat::Png,
        )
        .unwrap();
        assert_eq!(&png[1..4], b"PNG");
        let d = degree_distribution(&[0, 1, 1, 2, 3, 3, 3, 10], "G", "Degrees", ChartFormat::Png)
            .unwrap();
        assert_eq!(&d[1..4], b"PNG");
    }
}
