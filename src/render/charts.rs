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

/// What a rank chart shows: the bars (name, value) in the order drawn (largest first), the
/// metric on the x axis, the title, the caption lines (wrapped to the width when drawn) and
/// where the axis starts (0, or a value below the smallest bar when every value is far from
/// 0: the caption then says so).
#[derive(Debug, Clone)]
pub struct RankChart {
    pub items: Vec<(String, f64)>,
    pub metric: String,
    pub title: String,
    pub caption: Vec<String>,
    pub axis_from: f64,
}

/// Where the x axis of bars with `values` starts: 0, unless every value lies above half the
/// largest, then a round number (1, 2 or 5 × 10^k steps) at or below 90% of the smallest, so
/// that the differences between bars read.
pub fn axis_start(values: &[f64]) -> f64 {
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(0.0f64, f64::max);
    if !(lo.is_finite() && lo > 0.0 && lo > 0.5 * hi) {
        return 0.0;
    }
    let target = lo - 0.1 * (hi - lo).max(lo * 0.05);
    let mag = 10f64.powf(((hi - target).max(1e-12)).log10().floor());
    let step = [1.0, 2.0, 5.0]
        .iter()
        .map(|m| m * mag)
        .find(|st| (hi - target) / st <= 8.0)
        .unwrap_or(10.0 * mag);
    ((target / step).floor() * step).max(0.0)
}

/// Caption lines wrapped to the chart's width at 6 pt (in pixels).
fn caption_lines(caption: &[String]) -> Vec<String> {
    caption
        .iter()
        .flat_map(|c| super::text::wrap(c, px(6.0), WIDTH as f64 - px(8.0)))
        .collect()
}

/// Draws caption `lines` (6 pt, dark grey) from the top of `area`, 4 pt in from the left.
fn draw_caption<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, lines: &[String]) -> Result<()> {
    for (i, line) in lines.iter().enumerate() {
        area.draw(&Text::new(
            line.clone(),
            (px(4.0) as i32, (i as f64 * px(7.5)) as i32),
            (FAMILY, px(6.0)).into_font().color(&RGBColor(51, 51, 51)),
        ))
        .map_err(err)?;
    }
    Ok(())
}

/// A horizontal bar chart of `chart.items`, drawn in the order given (put the largest first),
/// with the metric on the x axis (from `axis_from`), the title above and the caption below.
/// Names longer than 40% of the width are cut with an ellipsis, and a caption line says so.
pub fn rank_chart(chart: &RankChart, format: ChartFormat) -> Result<Vec<u8>> {
    let items = &chart.items;
    let k = items.len().max(1);
    let bar = px(9.0);
    let label_pt = 6.5;
    // Names longer than the name column may be are cut with an ellipsis, so that every name
    // stays on the canvas and the bars keep most of the width.
    let names: Vec<String> = items
        .iter()
        .map(|(n, _)| fit(n, px(label_pt), WIDTH as f64 * MAX_NAME_SHARE))
        .collect();
    let mut caption = chart.caption.clone();
    let cut = names.iter().zip(items).filter(|(a, b)| **a != b.0).count();
    if cut > 0 {
        caption.push(format!(
            "{cut} name{} too long for the figure cut with \u{2026}; the full names are in the city table.",
            if cut == 1 { "" } else { "s" }
        ));
    }
    let lines = caption_lines(&caption);
    let cap_h = px(7.5) * lines.len() as f64 + px(4.0);
    let h = (px(28.0) + bar * k as f64 + cap_h) as u32;
    let name_w = names
        .iter()
        .map(|n| super::text::width(n, px(label_pt)))
        .fold(0.0, f64::max)
        + px(8.0);
    // The title is bold (about 10% wider than measured) and centred.
    let title = fit(&chart.title, px(8.0), (WIDTH as f64 - px(16.0)) / 1.1);
    let vmax = items.iter().map(|x| x.1).fold(0.0f64, f64::max);
    let x0 = chart.axis_from;
    let vmax = if vmax > x0 {
        vmax + (vmax - x0) * 0.08
    } else {
        x0 + 1.0
    };
    let metric = chart.metric.as_str();
    macro_rules! chart {
        ($root:expr) => {{
            let root = $root;
            let (top, bottom) = root.split_vertically(h - cap_h as u32);
            let mut chart = named_rows(&top, &title, x0..vmax, metric, &names, name_w, label_pt)?;
            let n = items.len();
            // Bars drawn one by one in a fixed order (plotters' Histogram groups its data in
            // a hash map, which would make the SVG's element order vary between runs).
            chart
                .draw_series(items.iter().enumerate().map(|(i, x)| {
                    let y = (n - 1 - i) as i32;
                    let mut r = Rectangle::new(
                        [
                            (x0, SegmentValue::Exact(y)),
                            (x.1.max(x0), SegmentValue::Exact(y + 1)),
                        ],
                        RGBColor(0, 114, 178).filled(),
                    );
                    r.set_margin(px(1.5) as u32, px(1.5) as u32, 0, 0);
                    r
                }))
                .map_err(err)?;
            draw_caption(&bottom, &lines)?;
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

/// The degree distribution of a whole graph, as drawn: how many nodes, how many of degree 0
/// (not drawable on a log axis), the smallest and largest positive degree, the median, and the
/// points plotted.
#[derive(Debug, Clone, PartialEq)]
pub struct DegreeSummary {
    pub nodes: usize,
    pub isolated: usize,
    pub k_min: usize,
    pub k_max: usize,
    pub median: f64,
    /// `true`: the complementary cumulative distribution P(K ≥ k) is drawn (the degrees span
    /// more than [`CCDF_RANGE`]); `false`: the share P(k) of each degree.
    pub ccdf: bool,
    /// (k, P) for each distinct positive degree k.
    pub points: Vec<(f64, f64)>,
}

/// Above this ratio of the largest to the smallest positive degree, the degree chart draws the
/// complementary cumulative distribution, which needs no binning and stays readable over many
/// decades (Clauset, Shalizi & Newman 2009, §2).
pub const CCDF_RANGE: f64 = 30.0;

impl DegreeSummary {
    /// The distribution of `degrees` (one per node of the whole graph).
    pub fn new(degrees: &[usize]) -> DegreeSummary {
        let n = degrees.len();
        let mut counts: std::collections::BTreeMap<usize, usize> = Default::default();
        for &d in degrees {
            *counts.entry(d).or_default() += 1;
        }
        let isolated = counts.remove(&0).unwrap_or(0);
        let k_min = counts.keys().next().copied().unwrap_or(0);
        let k_max = counts.keys().last().copied().unwrap_or(0);
        let mut sorted = degrees.to_vec();
        sorted.sort_unstable();
        let median = match n {
            0 => 0.0,
            _ if !n.is_multiple_of(2) => sorted[n / 2] as f64,
            _ => (sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0,
        };
        let ccdf = k_min > 0 && k_max as f64 / k_min as f64 > CCDF_RANGE;
        let nf = n.max(1) as f64;
        let points = if ccdf {
            let mut above = n - isolated;
            counts
                .iter()
                .map(|(&k, &c)| {
                    let p = (k as f64, above as f64 / nf);
                    above -= c;
                    p
                })
                .collect()
        } else {
            counts
                .iter()
                .map(|(&k, &c)| (k as f64, c as f64 / nf))
                .collect()
        };
        DegreeSummary {
            nodes: n,
            isolated,
            k_min,
            k_max,
            median,
            ccdf,
            points,
        }
    }

    /// The caption: what was counted (every node of `graph_name`), the range, what is plotted.
    pub fn caption(&self, graph_name: &str) -> Vec<String> {
        let mut lines = vec![format!(
            "{graph_name}: the degree of every one of its {} nodes (the whole graph); degrees {}\u{2013}{}, median {}.",
            fmt_count(self.nodes),
            fmt_count(self.k_min),
            fmt_count(self.k_max),
            if self.median.fract() == 0.0 {
                fmt_count(self.median as usize)
            } else {
                axis_number(self.median)
            }
        )];
        lines.push(if self.ccdf {
            "Plotted: P(K \u{2265} k), the share of nodes of degree k or more (complementary cumulative distribution), both axes logarithmic.".to_string()
        } else {
            "Plotted: P(k), the share of nodes of degree k, both axes logarithmic.".to_string()
        });
        if self.isolated > 0 {
            lines.push(format!(
                "{} node{} of degree 0 not drawn (no place on a log axis).",
                fmt_count(self.isolated),
                if self.isolated == 1 { "" } else { "s" }
            ));
        }
        lines
    }
}

/// A count with thousands separators: 14,051.
pub fn fmt_count(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// The degree distribution of a whole graph (see [`DegreeSummary`]): P(k) or, over a wide
/// range, P(K ≥ k), both axes logarithmic, with the caption lines `caption` under it.
pub fn degree_distribution(
    d: &DegreeSummary,
    title: &str,
    caption: &[String],
    format: ChartFormat,
) -> Result<Vec<u8>> {
    let pts = &d.points;
    let kmax = pts.iter().map(|p| p.0).fold(1.0f64, f64::max);
    let kmin = pts.iter().map(|p| p.0).fold(kmax, f64::min).max(1.0);
    let pmin = pts.iter().map(|p| p.1).fold(1.0f64, f64::min);
    let lines = caption_lines(caption);
    let cap_h = px(7.5) * lines.len() as f64 + px(4.0);
    let h = (WIDTH as f64 * 0.7 + cap_h) as u32;
    let y_desc = if d.ccdf { "P(K \u{2265} k)" } else { "P(k)" };
    macro_rules! chart {
        ($root:expr) => {{
            let root = $root;
            let (top, bottom) = root.split_vertically(h - cap_h as u32);
            let mut chart = ChartBuilder::on(&top)
                .caption(title, (FAMILY, px(8.0)).into_font().style(FontStyle::Bold))
                .margin(px(6.0) as u32)
                .x_label_area_size(px(16.0) as u32)
                .y_label_area_size(px(24.0) as u32)
                .build_cartesian_2d(
                    (kmin * 0.7..kmax * 1.3)
                        .log_scale()
                        .with_key_points(log_ticks(kmin * 0.7, kmax * 1.3)),
                    (pmin * 0.7..1.3f64)
                        .log_scale()
                        .with_key_points(log_ticks(pmin * 0.7, 1.0)),
                )
                .map_err(err)?;
            chart
                .configure_mesh()
                .x_desc("degree k")
                .y_desc(y_desc)
                .x_label_style((FAMILY, px(6.5)))
                .y_label_style((FAMILY, px(6.5)))
                .axis_desc_style((FAMILY, px(7.0)))
                .light_line_style(RGBColor(235, 235, 235))
                .x_label_formatter(&|v| axis_number(*v))
                .y_label_formatter(&|v| axis_number(*v))
                .draw()
                .map_err(err)?;
            if d.ccdf {
                // A step line through the distribution, the points on it.
                let mut steps = vec![];
                for (i, &(x, y)) in pts.iter().enumerate() {
                    if i > 0 {
                        steps.push((x, pts[i - 1].1));
                    }
                    steps.push((x, y));
                }
                chart
                    .draw_series(LineSeries::new(
                        steps,
                        RGBColor(0, 114, 178).stroke_width(px(0.6) as u32),
                    ))
                    .map_err(err)?;
            }
            chart
                .draw_series(pts.iter().map(|&(x, y)| {
                    Circle::new((x, y), px(1.2) as i32, RGBColor(0, 114, 178).filled())
                }))
                .map_err(err)?;
            draw_caption(&bottom, &lines)?;
            Ok(())
        }};
    }
    match format {
        ChartFormat::Svg => draw_svg(WIDTH, h, |r| chart!(r)),
        ChartFormat::Png => draw_png(WIDTH, h, |r| chart!(r)),
    }
}

/// Ticks 1, 2, 5 × 10^k within `[lo, hi]` (only 10^k over more than three decades, so that
/// the labels do not run into each other).
fn log_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let mut out = vec![];
    let mut e = lo.max(1e-12).log10().floor() as i32;
    let steps: &[f64] = if hi / lo.max(1e-12) > 2000.0 {
        &[1.0]
    } else {
        &[1.0, 2.0, 5.0]
    };
    while 10f64.powi(e) <= hi * 1.0001 {
        for &m in steps {
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
        let rc = RankChart {
            items: items.clone(),
            metric: "strength".into(),
            title: "Top cities".into(),
            caption: vec!["caption".into()],
            axis_from: 0.0,
        };
        let a = rank_chart(&rc, ChartFormat::Svg).unwrap();
        let b = rank_chart(&rc, ChartFormat::Svg).unwrap();
        if a != b {
            std::fs::write("/tmp/a.svg", &a).unwrap();
            std::fs::write("/tmp/b.svg", &b).unwrap();
        }
        assert!(a == b, "two renderings differ");
        let svg = String::from_utf8(a).unwrap();
        assert!(svg.contains("Medellín"));
        assert!(!svg.contains("<b>&</b>"));
        let png = rank_chart(&rc, ChartFormat::Png).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        let ds = DegreeSummary::new(&[0, 1, 1, 2, 3, 3, 3, 10]);
        let d = degree_distribution(&ds, "Degrees", &ds.caption("G"), ChartFormat::Png).unwrap();
        assert_eq!(&d[1..4], b"PNG");
    }

    #[test]
    fn degree_summary_counts_and_ccdf() {
        let s = DegreeSummary::new(&[0, 1, 1, 2, 3, 3, 3, 10]);
        assert_eq!((s.nodes, s.isolated, s.k_min, s.k_max), (8, 1, 1, 10));
        assert_eq!(s.median, 2.5);
        assert!(!s.ccdf);
        assert_eq!(s.points[0], (1.0, 0.25));
        // 1 to 100: the CCDF, starting at the share of nodes of positive degree.
        let mut d: Vec<usize> = vec![0, 0];
        d.extend(1..=100);
        let s = DegreeSummary::new(&d);
        assert!(s.ccdf);
        assert_eq!(s.points[0], (1.0, 100.0 / 102.0));
        assert_eq!(*s.points.last().unwrap(), (100.0, 1.0 / 102.0));
        assert_eq!(fmt_count(14051), "14,051");
        assert_eq!(fmt_count(999), "999");
    }

    #[test]
    fn axis_starts_below_values_far_from_zero() {
        assert_eq!(axis_start(&[3.0, 10.0]), 0.0);
        let a = axis_start(&[12_500.0, 14_200.0]);
        assert!(a > 10_000.0 && a < 12_500.0, "{a}");
    }
}
