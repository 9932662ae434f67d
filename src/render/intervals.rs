//! The rank-interval chart of `citynet robustness`: the top cities by a metric with the range
//! their rank takes when one program is left out (grey band) and the 95 % bootstrap interval
//! (blue whisker), the full-data rank as a dot. Rank 1 is at the left. 85 mm wide at 300 dpi.

use super::charts::{draw_png, draw_svg, err, named_rows, px, ChartFormat, FAMILY, WIDTH};
use crate::error::Result;
use crate::metrics::robustness::Robustness;
use crate::model::Dataset;
use plotters::coord::Shift;
use plotters::prelude::*;

/// What the chart shows: the cities (best rank first) with their names, and the texts.
struct Rows<'a> {
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
    let rows = Rows {
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

fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, rows: &Rows, h: u32) -> Result<()> {
    let (r, order) = (rows.r, &rows.order);
    let (top_area, bottom) = root.split_vertically(h - px(20.0) as u32);
    let x = 0f64..rows.xmax + 1.0;
    let mut chart = named_rows(
        &top_area,
        &rows.title,
        x,
        "rank",
        &rows.names,
        rows.name_w,
        6.5,
    )?;
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
