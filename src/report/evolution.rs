//! How a network changed over time: per-year tables and a small-multiples figure.
//!
//! Every year `Y` of a range is analysed as [`Dataset::as_of`]`(Y)` (memberships and ties
//! active that year; every city kept). The figure draws one panel per year at **fixed node
//! positions** (one Graphviz layout of the whole network, all years together), so a city is
//! in the same place in every panel and panels can be compared by eye: active memberships and
//! ties are drawn as edges, programs as coloured boxes, cities as dark dots whose area grows
//! with their number of links (memberships and ties) that year, cities with no active link as
//! pale grey dots; each panel's heading names the three cities with most links that year.

use crate::graph::Csr;
use crate::model::Dataset;
use crate::render::escape::quoted;
use crate::render::palette;
use graphviz_rust::dot_structures::Id;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::fmt::Write as _;

/// One year's counts.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct YearCounts {
    pub year: i32,
    pub memberships: usize,
    pub ties: usize,
    /// Cities with at least one active membership or tie.
    pub active_cities: usize,
    /// Edges of G (the city projection, or the tie graph) that year.
    pub edges: usize,
    pub density: f64,
}

/// The years `from, from + step, …, ≤ to`.
pub fn years(from: i32, to: i32, step: i32) -> Vec<i32> {
    let step = step.max(1);
    let mut v = vec![];
    let mut y = from;
    while y <= to {
        v.push(y);
        match y.checked_add(step) {
            Some(n) => y = n,
            None => break,
        }
    }
    v
}

/// Counts of `ds` (already cut to `year`) and its graph `g`.
pub fn counts(year: i32, ds: &Dataset, g: &Csr) -> YearCounts {
    let mut active = vec![false; ds.cities.len()];
    for m in &ds.memberships {
        active[m.city as usize] = true;
    }
    for t in &ds.ties {
        active[t.a as usize] = true;
        active[t.b as usize] = true;
    }
    let n = g.node_count() as f64;
    let m = g.edge_count();
    YearCounts {
        year,
        memberships: ds.memberships.len(),
        ties: ds.ties.len(),
        active_cities: active.iter().filter(|&&a| a).count(),
        edges: m,
        density: if n > 1.0 {
            2.0 * m as f64 / (n * (n - 1.0))
        } else {
            0.0
        },
    }
}

/// Colour of active cities (neutral, so it is never confused with a program colour).
const CITY: &str = "#3B3B3B";

fn q(text: &str) -> String {
    match quoted(text) {
        Id::Escaped(s) => s,
        other => format!("{other:?}"),
    }
}

/// Node and edge lists of the drawn graph: cities `0..n`, programs `n..n+p`; edges are
/// memberships then ties. Used for the shared layout.
pub fn drawn_edges(ds: &Dataset) -> Vec<(usize, usize)> {
    let n = ds.cities.len();
    ds.memberships
        .iter()
        .map(|m| (m.city as usize, n + m.program as usize))
        .chain(ds.ties.iter().map(|t| (t.a as usize, t.b as usize)))
        .collect()
}

/// The small-multiples DOT: one panel per `(year, dataset as of that year)`, nodes pinned at
/// `positions` (points, one per city then program, from a layout of the whole network).
/// Render with neato (every node is pinned, `inputscale=72`).
pub fn small_multiples(
    title: &str,
    panels: &[(i32, &Dataset)],
    positions: &[(f64, f64)],
    columns: usize,
) -> String {
    let Some((_, first)) = panels.first() else {
        return String::from("graph citynet {}\n");
    };
    let n = first.cities.len();
    let np = first.programs.len();
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y) in positions {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    let span_x = (x1 - x0).max(1.0);
    let span_y = (y1 - y0).max(1.0);
    let scale = ((W - 30.0) / span_x).min((H - 60.0) / span_y);
    let columns = columns.max(1);
    let rows = panels.len().div_ceil(columns);
    let mut s = String::new();
    let _ = writeln!(s, "graph citynet {{");
    let _ = writeln!(
        s,
        "  graph [inputscale=72, splines=false, outputorder=edgesfirst, bgcolor=white, pad=0.3, fontname=\"DejaVu Sans\"];"
    );
    let _ = writeln!(
        s,
        "  node [fontname=\"DejaVu Sans\", pin=true, fixedsize=true, label=\"\"];"
    );
    let _ = writeln!(s, "  edge [penwidth=0.6];");
    let total_h = rows as f64 * (H + GAP);
    let _ = writeln!(
        s,
        "  title [shape=plaintext, fixedsize=false, fontsize=18, label={}, pos=\"{:.1},{:.1}!\"];",
        q(title),
        columns as f64 * (W + GAP) / 2.0,
        total_h + 20.0
    );
    // Degree scale shared by all panels.
    let max_deg = panels
        .iter()
        .flat_map(|(_, ds)| degrees(ds, n, np).into_iter().take(n))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let frame = Frame {
        n,
        np,
        x0,
        y0,
        scale,
        columns,
        total_h,
        max_deg,
        positions,
    };
    for (k, (year, ds)) in panels.iter().enumerate() {
        panel(&mut s, k, *year, ds, &frame);
    }
    let legend = legend(first, np);
    let _ = writeln!(
        s,
        "  legend [shape=plaintext, fixedsize=false, label=<{legend}>, pos=\"{:.1},{:.1}!\"];",
        columns as f64 * (W + GAP) / 2.0,
        -40.0 - 8.0 * np.min(16) as f64
    );
    let _ = writeln!(s, "}}");
    s
}

/// Panel size and gap of [`small_multiples`], in points.
const W: f64 = 330.0;
const H: f64 = 300.0;
const GAP: f64 = 24.0;

/// What every panel of [`small_multiples`] shares: node counts, the layout's origin and scale,
/// the grid, the degree scale and the positions.
struct Frame<'a> {
    n: usize,
    np: usize,
    x0: f64,
    y0: f64,
    scale: f64,
    columns: usize,
    total_h: f64,
    max_deg: f64,
    positions: &'a [(f64, f64)],
}

/// Degree of each city and program (cities first) among the links active in `ds`.
fn degrees(ds: &Dataset, n: usize, np: usize) -> Vec<usize> {
    let mut d = vec![0usize; n + np];
    for (a, b) in drawn_edges(ds) {
        d[a] += 1;
        d[b] += 1;
    }
    d
}

/// Panel `k` (year `year`, network `ds`): frame, title, cities, programs and links.
fn panel(s: &mut String, k: usize, year: i32, ds: &Dataset, f: &Frame) {
    let (n, np) = (f.n, f.np);
    let (col, row) = (k % f.columns, k / f.columns);
    let ox = col as f64 * (W + GAP);
    let oy = f.total_h - (row as f64 + 1.0) * (H + GAP);
    let place = |(x, y): (f64, f64)| {
        (
            ox + 15.0 + (x - f.x0) * f.scale,
            oy + 15.0 + (y - f.y0) * f.scale,
        )
    };
    let deg = degrees(ds, n, np);
    let active_cities = deg[..n].iter().filter(|&&d| d > 0).count();
    let _ = writeln!(
        s,
        "  f{k} [shape=box, style=rounded, color=\"#BBBBBB\", width={:.3}, height={:.3}, pos=\"{:.1},{:.1}!\"];",
        W / 72.0,
        H / 72.0,
        ox + W / 2.0,
        oy + H / 2.0
    );
    let mut top: Vec<usize> = (0..n).filter(|&c| deg[c] > 0).collect();
    top.sort_by(|&a, &b| deg[b].cmp(&deg[a]).then(a.cmp(&b)));
    top.truncate(3);
    let top_names = top
        .iter()
        .map(|&c| crate::render::escape::xml(&ds.cities[c].name))
        .collect::<Vec<_>>()
        .join(", ");
    let _ = writeln!(
        s,
        "  t{k} [shape=plaintext, fixedsize=false, label=<<FONT POINT-SIZE=\"16\"><B>{year}</B></FONT><BR/><FONT POINT-SIZE=\"10\">{active_cities} active cities, {} memberships, {} ties</FONT><BR/><FONT POINT-SIZE=\"10\" COLOR=\"#333333\">most links: {}</FONT>>, pos=\"{:.1},{:.1}!\"];",
        ds.memberships.len(),
        ds.ties.len(),
        if top_names.is_empty() { "none".to_string() } else { top_names },
        ox + W / 2.0,
        oy + H - 24.0
    );
    for (c, &d) in deg.iter().enumerate().take(n) {
        let (x, y) = place(f.positions[c]);
        let (fill, w) = if d == 0 {
            ("#DDDDDD", 0.05)
        } else {
            let t = d as f64 / f.max_deg;
            (CITY, 0.06 + 0.16 * t.sqrt())
        };
        let _ = writeln!(
            s,
            "  y{k}c{c} [shape=circle, style=filled, color=white, penwidth=0.3, fillcolor=\"{fill}\", width={w:.3}, pos=\"{x:.1},{y:.1}!\"];"
        );
    }
    for p in 0..np {
        let (x, y) = place(f.positions[n + p]);
        let colour = palette::category(p);
        let _ = writeln!(
            s,
            "  y{k}p{p} [shape=box, style=filled, color=\"{colour}\", fillcolor=\"{colour}\", width=0.12, height=0.12, pos=\"{x:.1},{y:.1}!\"];"
        );
    }
    for m in &ds.memberships {
        let _ = writeln!(
            s,
            "  y{k}c{} -- y{k}p{} [color=\"{}80\"];",
            m.city,
            m.program,
            palette::category(m.program as usize)
        );
    }
    for t in &ds.ties {
        let _ = writeln!(s, "  y{k}c{} -- y{k}c{} [color=\"#55555580\"];", t.a, t.b);
    }
}

/// The legend's HTML-like label: the programs' colours and the node and link keys.
fn legend(first: &Dataset, np: usize) -> String {
    let mut legend =
        String::from("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"1\">");
    for p in 0..np.min(palette::CATEGORICAL.len()) {
        let _ = write!(
            legend,
            "<TR><TD BGCOLOR=\"{}\" WIDTH=\"14\" HEIGHT=\"10\" FIXEDSIZE=\"TRUE\"></TD><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"11\">{}</FONT></TD></TR>",
            palette::category(p),
            crate::render::escape::xml(&first.programs[p].name)
        );
    }
    let _ = write!(
        legend,
        "<TR><TD BGCOLOR=\"{CITY}\" WIDTH=\"14\" HEIGHT=\"10\" FIXEDSIZE=\"TRUE\"></TD><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"11\">city (area: memberships and ties that year)</FONT></TD></TR>\
         <TR><TD BGCOLOR=\"#DDDDDD\" WIDTH=\"14\" HEIGHT=\"10\" FIXEDSIZE=\"TRUE\"></TD><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"11\">city with no active membership or tie</FONT></TD></TR>\
         <TR><TD BGCOLOR=\"#555555\" WIDTH=\"14\" HEIGHT=\"2\" FIXEDSIZE=\"TRUE\"></TD><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"11\">direct tie; coloured lines: memberships</FONT></TD></TR></TABLE>"
    );
    legend
}

/// Output format of [`line_chart`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineFormat {
    Svg,
    Png,
}

/// A line chart of `series` (name, one value per year of `years`): the metric over time for a
/// few cities, drawn with plotters and the embedded DejaVu Sans (no system font needed),
/// 1400 × 800 pixels, one Okabe–Ito colour per city, names in a legend on the right.
///
/// # Errors
/// [`crate::Error::Internal`] when plotters fails.
pub fn line_chart(
    years: &[i32],
    series: &[(String, Vec<f64>)],
    metric: &str,
    title: &str,
    format: LineFormat,
) -> crate::Result<Vec<u8>> {
    let _ =
        plotters::style::register_font(FAMILY, FontStyle::Normal, crate::render::text::DEJAVU_SANS);
    let (w, h) = (1400u32, 800u32);
    let (y0, y1) = (
        *years.first().unwrap_or(&0),
        (*years.last().unwrap_or(&0)).max(years.first().copied().unwrap_or(0) + 1),
    );
    let vmax = series
        .iter()
        .flat_map(|s| s.1.iter().copied())
        .filter(|v| v.is_finite())
        .fold(0.0f64, f64::max);
    let vmax = if vmax > 0.0 { vmax * 1.08 } else { 1.0 };
    let l = Lines {
        years,
        series,
        metric,
        title,
        y0,
        y1,
        vmax,
        w,
    };
    match format {
        LineFormat::Svg => {
            let mut s = String::new();
            {
                let root = SVGBackend::with_string(&mut s, (w, h)).into_drawing_area();
                draw_lines(root, &l)?;
            }
            Ok(s.into_bytes())
        }
        LineFormat::Png => {
            let mut buf = vec![0u8; (w * h * 3) as usize];
            {
                let root = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
                draw_lines(root, &l)?;
            }
            let img =
                image::RgbImage::from_raw(w, h, buf).ok_or_else(|| chart_err(&"buffer size"))?;
            let mut out = std::io::Cursor::new(vec![]);
            img.write_to(&mut out, image::ImageFormat::Png)
                .map_err(|e| chart_err(&e))?;
            Ok(out.into_inner())
        }
    }
}

/// The font family of the line chart.
const FAMILY: &str = "sans-serif";

fn chart_err(e: &dyn std::fmt::Debug) -> crate::Error {
    crate::Error::Internal(anyhow::anyhow!("chart drawing failed: {e:?}"))
}

/// What [`draw_lines`] draws: the series over the years, the axes' ranges and the width.
struct Lines<'a> {
    years: &'a [i32],
    series: &'a [(String, Vec<f64>)],
    metric: &'a str,
    title: &'a str,
    y0: i32,
    y1: i32,
    vmax: f64,
    w: u32,
}

/// The line chart on any plotters backend: the plot on the left, the legend on the right.
fn draw_lines<DB: DrawingBackend>(root: DrawingArea<DB, Shift>, l: &Lines) -> crate::Result<()> {
    root.fill(&WHITE).map_err(|e| chart_err(&e))?;
    let (plot, legend) = root.split_horizontally(l.w - 330);
    let mut chart = ChartBuilder::on(&plot)
        .caption(l.title, (FAMILY, 30).into_font())
        .margin(20)
        .x_label_area_size(60)
        .y_label_area_size(80)
        .build_cartesian_2d(l.y0..l.y1, 0f64..l.vmax)
        .map_err(|e| chart_err(&e))?;
    chart
        .configure_mesh()
        .x_desc("year")
        .y_desc(l.metric)
        .x_labels(l.years.len().min(12))
        .x_label_formatter(&|y| y.to_string())
        .y_label_formatter(&|v| {
            if v.fract() == 0.0 {
                format!("{v:.0}")
            } else {
                format!("{v:.3}")
                    .trim_end_matches('0')
                    .trim_end_matches('.')
                    .to_string()
            }
        })
        .label_style((FAMILY, 20))
        .axis_desc_style((FAMILY, 22))
        .light_line_style(RGBColor(235, 235, 235))
        .draw()
        .map_err(|e| chart_err(&e))?;
    for (i, (_, vals)) in l.series.iter().enumerate() {
        let hex = palette::category(i);
        let c = |k: usize| u8::from_str_radix(&hex[k..k + 2], 16).unwrap_or(0);
        let colour = RGBColor(c(1), c(3), c(5));
        let pts: Vec<(i32, f64)> = l
            .years
            .iter()
            .zip(vals)
            .filter(|(_, v)| v.is_finite())
            .map(|(&y, &v)| (y, v))
            .collect();
        chart
            .draw_series(LineSeries::new(pts.clone(), colour.stroke_width(4)))
            .map_err(|e| chart_err(&e))?;
        chart
            .draw_series(pts.iter().map(|&p| Circle::new(p, 6, colour.filled())))
            .map_err(|e| chart_err(&e))?;
        legend
            .draw(&Rectangle::new(
                [(10, 90 + 40 * i as i32), (40, 100 + 40 * i as i32)],
                colour.filled(),
            ))
            .map_err(|e| chart_err(&e))?;
    }
    for (i, (name, _)) in l.series.iter().enumerate() {
        legend
            .draw(&Text::new(
                name.clone(),
                (52, 84 + 40 * i as i32),
                (FAMILY, 22).into_font(),
            ))
            .map_err(|e| chart_err(&e))?;
    }
    legend
        .draw(&Text::new(
            "Lines that coincide: equal values.".to_string(),
            (10, 110 + 40 * l.series.len() as i32),
            (FAMILY, 18).into_font().color(&RGBColor(85, 85, 85)),
        ))
        .map_err(|e| chart_err(&e))?;
    root.present().map_err(|e| chart_err(&e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_chart_draws_both_formats() {
        let series = vec![
            ("Paris".to_string(), vec![1.0, 2.0, 4.0]),
            ("<Lyon & Co>".to_string(), vec![0.0, f64::NAN, 3.0]),
        ];
        let svg = line_chart(&[2000, 2005, 2010], &series, "degree", "t", LineFormat::Svg).unwrap();
        let text = String::from_utf8(svg).unwrap();
        assert!(!text.contains("<Lyon"), "unescaped name in the SVG");
        assert!(text.contains("Lyon &amp; Co"), "{text}");
        let png = line_chart(&[2000, 2005, 2010], &series, "degree", "t", LineFormat::Png).unwrap();
        assert!(png.starts_with(b"\x89PNG"));
    }

    #[test]
    fn year_ranges() {
        assert_eq!(years(2000, 2010, 5), vec![2000, 2005, 2010]);
        assert_eq!(years(2000, 2009, 5), vec![2000, 2005]);
        assert_eq!(years(2001, 2000, 1), Vec::<i32>::new());
        assert_eq!(years(i32::MAX - 1, i32::MAX, 5), vec![i32::MAX - 1]);
    }
}
