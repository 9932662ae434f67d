//! Draws the scaling figure of BENCHMARKS.md from `scripts/bench_compare.py --scaling` output.
//!
//! Usage: `cargo run --release --example bench_plot -- docs/figures/scaling.json docs/figures/scaling`
//!
//! Writes `PREFIX.png` and `PREFIX.svg`: one log–log panel per metric, time (seconds) against
//! the number of nodes n, one line per tool (measured sizes only; skipped sizes are absent),
//! the fitted exponent k (time ∝ n^k) beside each tool in the panel's legend.

use plotters::prelude::*;
use serde_json::Value;

const METRICS: [&str; 7] = [
    "betweenness",
    "closeness",
    "harmonic",
    "clustering",
    "pagerank",
    "component",
    "core",
];
const TOOLS: [(&str, RGBColor); 6] = [
    ("citynet", RGBColor(213, 94, 0)),
    ("igraph", RGBColor(0, 114, 178)),
    ("networkit", RGBColor(0, 158, 115)),
    ("rustworkx", RGBColor(204, 121, 167)),
    ("graph-tool", RGBColor(86, 180, 233)),
    ("networkx", RGBColor(120, 120, 120)),
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() != 2 {
        eprintln!("usage: bench_plot SCALING.json OUT_PREFIX");
        std::process::exit(2);
    }
    let res: Value =
        serde_json::from_slice(&std::fs::read(&args[0]).expect("read json")).expect("json");
    let _ = plotters::style::register_font(
        "sans-serif",
        FontStyle::Normal,
        citynet::render::text::DEJAVU_SANS,
    );
    let png = format!("{}.png", args[1]);
    let svg = format!("{}.svg", args[1]);
    let size = (1800, 1000);
    draw(&BitMapBackend::new(&png, size).into_drawing_area(), &res);
    draw(&SVGBackend::new(&svg, size).into_drawing_area(), &res);
    eprintln!("wrote {png} and {svg}");
}

fn series(res: &Value, metric: &str, tool: &str) -> Vec<(f64, f64)> {
    let mut v: Vec<(f64, f64)> = res["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["metric"] == metric && r["tool"] == tool)
        .filter_map(|r| Some((r["n"].as_f64()?, r["seconds"].as_f64()?)))
        .collect();
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    v
}

fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, plotters::coord::Shift>, res: &Value)
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE).unwrap();
    let (title, body) = root.split_vertically(60);
    title
        .titled(
            &format!(
                "Time vs n on Holme–Kim graphs (m = 5 per node, p = 0.3), {} threads; log–log; k = fitted exponent",
                res["threads"]
            ),
            ("sans-serif", 30),
        )
        .unwrap();
    let panels = body.split_evenly((2, 4));
    for (i, metric) in METRICS.iter().enumerate() {
        let area = &panels[i];
        let all: Vec<(f64, f64)> = TOOLS
            .iter()
            .flat_map(|(t, _)| series(res, metric, t))
            .collect();
        if all.is_empty() {
            continue;
        }
        let tmin = all
            .iter()
            .map(|p| p.1)
            .fold(f64::INFINITY, f64::min)
            .max(1e-5);
        let tmax = all.iter().map(|p| p.1).fold(0.0, f64::max);
        let mut chart = ChartBuilder::on(area)
            .caption(*metric, ("sans-serif", 26))
            .margin(12)
            .x_label_area_size(45)
            .y_label_area_size(70)
            .build_cartesian_2d(
                (800f64..130_000f64).log_scale(),
                (tmin / 2.0..tmax * 2.0).log_scale(),
            )
            .unwrap();
        chart
            .configure_mesh()
            .x_desc("n (nodes)")
            .y_desc("seconds")
            .x_labels(4)
            .y_labels(6)
            .label_style(("sans-serif", 16))
            .axis_desc_style(("sans-serif", 17))
            .x_label_formatter(&|x| {
                if *x >= 1000.0 {
                    format!("{}k", (*x / 1000.0).round())
                } else {
                    format!("{x}")
                }
            })
            .y_label_formatter(&|y| format!("{y:.0e}"))
            .draw()
            .unwrap();
        for (tool, color) in TOOLS {
            let pts: Vec<(f64, f64)> = series(res, metric, tool)
                .into_iter()
                .filter(|p| p.1 > 0.0)
                .collect();
            if pts.is_empty() {
                continue;
            }
            let k = res["exponents"][format!("{metric}|{tool}")].as_f64();
            let label = match k {
                Some(k) => format!("{tool} (k = {k:.2})"),
                None => tool.to_string(),
            };
            let style = ShapeStyle::from(&color).stroke_width(3);
            chart
                .draw_series(LineSeries::new(pts.clone(), style))
                .unwrap()
                .label(label)
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(3))
                });
            chart
                .draw_series(pts.iter().map(|&p| Circle::new(p, 5, color.filled())))
                .unwrap();
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .label_font(("sans-serif", 15))
            .background_style(WHITE.mix(0.8))
            .border_style(BLACK.mix(0.3))
            .draw()
            .unwrap();
    }
    root.present().unwrap();
}
