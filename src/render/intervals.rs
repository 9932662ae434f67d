//! The rank-interval chart of `citynet robustness`: the top cities by a metric with the range
//! their rank takes when one program is left out (grey band) and the 95 % bootstrap interval
//! (blue whisker), the full-data rank as a dot. Rank 1 is at the left. 85 mm wide at 300 dpi.

use super::charts::{axis_number, draw_png, draw_svg, err, px, ChartFormat, FAMILY, WIDTH};
use crate::error::Result;
use crate::metrics::robustness::Robustness;
use crate::model::Dataset;
use plotters::prelude::*;

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
    let title = format!("Rank by {metric}: the top {} cities", order.len());
    let caption = format!(
        "Dot: rank on the full data. Blue: 95% interval over {} bootstrap replicates of programs.",
        r.replicates
    );
    let caption2 = "Grey: ranks when one program at a time is left out. Rank 1 = largest value.";
    macro_rules! chart {
        ($root:expr) => {{
            let root = $root;
            let (top_area, bottom) = root.split_vertically(h - px(20.0) as u32);
            let mut chart = ChartBuilder::on(&top_area)
                .caption(&title, (FAMILY, px(8.0)).into_font().style(FontStyle::Bold))
                .margin(px(4.0) as u32)
                .x_label_area_size(px(16.0) as u32)
                .y_label_area_size(name_w as u32)
                .build_cartesian_2d(0f64..xmax + 1.0, (0..k as i32 - 1).into_segmented())
                .map_err(err)?;
            chart
                .configure_mesh()
                .disable_y_mesh()
                .x_desc("rank")
                .y_labels(k)
                .x_label_style((FAMILY, px(6.5)))
                .y_label_style((FAMILY, px(6.5)))
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
                    caption.clone(),
                    (px(4.0) as i32, 0),
                    style.clone(),
                ))
                .map_err(err)?;
            bottom
                .draw(&Text::new(
                    caption2.to_string(),
                    (px(4.0) as i32, px(8.0) as i32),
                    style,
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
