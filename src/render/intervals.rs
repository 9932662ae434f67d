//! The rank-interval chart of `citynet robustness`: the top cities by a metric with the range
//! their rank takes when one program is left out (grey band) and the 95 % bootstrap interval
//! (blue whisker), the full-data rank as a dot. Rank 1 is at the left. 85 mm wide at 300 dpi.
//! When the intervals reach beyond rank [`LOG_AXIS_ABOVE`] (large inputs), the rank axis is
//! logarithmic, so that the top ranks stay apart.

use super::charts::{draw_png, draw_svg, err, named_rows, px, ChartFormat, Rows, FAMILY, WIDTH};
use crate::error::Result;
use crate::metrics::robustness::Robustness;
use crate::model::Dataset;
use plotters::coord::ranged1d::Ranged;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Above this rank the rank axis is logarithmic (a linear axis to rank 2,000 squeezes the top
/// 30 ranks into its first pixels; the bundled networks stay below it).
pub const LOG_AXIS_ABOVE: f64 = 200.0;

/// What the chart shows: the cities (best rank first) with their names, and the texts.
struct Shown<'a> {
    r: &'a Robustness,
    order: Vec<usize>,
    names: Vec<String>,
    xmax: f64,
    name_w: f64,
    title: String,
    caption: String,
}

/// Draws the `top` best-ranked cities (ties at the cut-off broken by input order).
pub fn rank_intervals(
    ds: &Dataset,
    r: &Robustness,
    metric: &str,
    top: usize,
    format: ChartFormat,
) -> Result<Vec<u8>> {
    let mut order: Vec<usize> = (0..ds.cities.len()).collect();
    order.sort_by_key(|&i| (r.rank[i], i));
    order.truncate(top);
    let k = order.len().max(1);
    let names: Vec<String> = order
        .iter()
        .map(|&i| format!("{} ({})", ds.cities[i].name, r.rank[i]))
        .collect();
    let xmax = order
        .iter()
        .map(|&i| {
            (r.loo_rank_max[i] as f64)
                .max(r.boot_rank_hi[i])
                .max(r.rank[i] as f64)
        })
        .fold(1.0f64, f64::max);
    let row = px(9.0);
    let h = (px(46.0) + row * k as f64) as u32;
    let name_w = names
        .iter()
        .map(|n| super::text::width(n, px(6.5)))
        .fold(0.0, f64::max)
        + px(8.0);
    let rows = Shown {
        r,
        title: format!("Rank by {metric}: the top {} cities", order.len()),
        caption: format!(
            "Dot: rank on the full data. Blue: 95% interval over {} bootstrap replicates of programs.",
            r.replicates
        ),
        order,
        names,
        xmax,
        name_w,
    };
    match format {
        ChartFormat::Svg => draw_svg(WIDTH, h, |root| draw(root, &rows, h)),
        ChartFormat::Png => draw_png(WIDTH, h, |root| draw(root, &rows, h)),
    }
}

fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, rows: &Shown, h: u32) -> Result<()> {
    let (top_area, bottom) = root.split_vertically(h - px(20.0) as u32);
    let (names, w) = (&rows.names, rows.name_w);
    if rows.xmax > LOG_AXIS_ABOVE {
        let x = (0.6f64..rows.xmax * 1.15).log_scale();
        let mut chart = named_rows(&top_area, &rows.title, x, "rank (log scale)", names, w, 6.5)?;
        marks(&mut chart, rows)?;
    } else {
        let x = 0f64..rows.xmax + 1.0;
        let mut chart = named_rows(&top_area, &rows.title, x, "rank", names, w, 6.5)?;
        marks(&mut chart, rows)?;
    }
    legend(&bottom, rows)
}

/// The bands, whiskers and dots, on a linear or a logarithmic rank axis.
fn marks<DB: DrawingBackend, X: Ranged<ValueType = f64>>(
    chart: &mut ChartContext<'_, DB, Rows<X>>,
    rows: &Shown,
) -> Result<()> {
    let (r, order) = (rows.r, &rows.order);
    let n = order.len();
    let y_of = |pos: usize| SegmentValue::CenterOf((n - 1 - pos) as i32);
    // Leave-one-out range: a light band.
    chart
        .draw_series(order.iter().enumerate().map(|(pos, &i)| {
            let y = (n - 1 - pos) as i32;
            let mut rect = Rectangle::new(
                [
                    (r.loo_rank_min[i] as f64 - 0.3, SegmentValue::Exact(y)),
                    (r.loo_rank_max[i] as f64 + 0.3, SegmentValue::Exact(y + 1)),
                ],
                RGBColor(210, 210, 210).filled(),
            );
            rect.set_margin(px(2.0) as u32, px(2.0) as u32, 0, 0);
            rect
        }))
        .map_err(err)?;
    // Bootstrap interval: a whisker.
    let blue = RGBColor(0, 114, 178);
    chart
        .draw_series(order.iter().enumerate().map(|(pos, &i)| {
            PathElement::new(
                vec![
                    (r.boot_rank_lo[i], y_of(pos)),
                    (r.boot_rank_hi[i], y_of(pos)),
                ],
                blue.stroke_width(px(1.0) as u32),
            )
        }))
        .map_err(err)?;
    chart
        .draw_series(order.iter().enumerate().map(|(pos, &i)| {
            Circle::new(
                (r.rank[i] as f64, y_of(pos)),
                px(1.8) as i32,
                BLACK.filled(),
            )
        }))
        .map_err(err)?;
    Ok(())
}

/// The two caption lines under the chart.
fn legend<DB: DrawingBackend>(bottom: &DrawingArea<DB, Shift>, rows: &Shown) -> Result<()> {
    let style = (FAMILY, px(6.0)).into_font().color(&RGBColor(51, 51, 51));
    bottom
        .draw(&Text::new(
            rows.caption.clone(),
            (px(4.0) as i32, 0),
            style.clone(),
        ))
        .map_err(err)?;
    bottom
        .draw(&Text::new(
            "Grey: ranks when one program at a time is left out. Rank 1 = largest value."
                .to_string(),
            (px(4.0) as i32, px(8.0) as i32),
            style,
        ))
        .map_err(err)?;
    Ok(())
}
