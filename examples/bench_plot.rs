//! Draws the scaling figure of BENCHMARKS.md from `scripts/bench_compare.py --scaling` output.
//!
//! Usage: `cargo run --release --example bench_plot -- docs/figures/scaling.json
//! [docs/figures/scaling-tables.json ...] docs/figures/scaling`
//!
//! Writes `PREFIX.png` and `PREFIX.svg`: one log–log panel per metric, CPU time (user + system,
//! all threads, seconds) against the number of nodes n (cities for the membership tables), one
//! line per tool (measured sizes only; skipped sizes are absent), the exponent k fitted on CPU
//! time (time ∝ n^k, `cpu_exponents` in the JSON) beside each tool in the panel's legend. Rows
//! and exponents of several JSON files are merged.

use plotters::prelude::*;
use serde_json::Value;

const METRICS: [(&str, &str); 8] = [
    ("betweenness", "betweenness"),
    ("closeness", "closeness"),
    ("harmonic", "harmonic"),
    ("clustering", "clustering"),
    ("pagerank", "pagerank"),
    ("component", "component"),
    ("core", "core"),
    ("projection", "membership table: degree + strength"),
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
    if args.len() < 2 {
        eprintln!("usage: bench_plot SCALING.json [MORE.json ...] OUT_PREFIX");
        std::process::exit(2);
    }
    let (prefix, inputs) = args.split_last().expect("arguments");
    let mut rows = Vec::new();
    let mut exponents = serde_json::Map::new();
    let mut threads = Value::Null;
    for path in inputs {
        let v: Value =
            serde_json::from_slice(&std::fs::read(path).expect("read json")).expect("json");
        rows.extend(v["rows"].as_array().cloned().unwrap_or_default());
        if let Some(e) = v["cpu_exponents"].as_object() {
            exponents.extend(e.clone());
        }
        if threads.is_null() {
            threads = v["threads"].clone();
        }
    }
    let res = serde_json::json!({"rows": rows, "cpu_exponents": exponents, "threads": threads});
    let _ = plotters::style::register_font(
        "sans-serif",
        FontStyle::Normal,
        citynet::render::text::DEJAVU_SANS,
    );
    let png = format!("{prefix}.png");
    let svg = format!("{prefix}.svg");
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
        .filter_map(|r| Some((r["n"].as_f64()?, r["cpu"].as_f64()?)))
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
                "CPU time vs n (log–log), {} threads; Holme–Kim graphs (m = 5, p = 0.3); k = exponent fitted on CPU time",
                res["threads"]
            ),
            ("sans-serif", 28),
        )
        .unwrap();
    let panels = body.split_evenly((2, 4));
    for (i, (metric, caption)) in METRICS.iter().enumerate() {
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
            .caption(*caption, ("sans-serif", 24))
            .margin(12)
            .x_label_area_size(45)
            .y_label_area_size(70)
            .build_cartesian_2d(
                (800f64..130_000f64).log_scale(),
                // Headroom above the data for the legend in the upper left.
                (tmin / 2.0..tmax * 60.0).log_scale(),
            )
            .unwrap();
        chart
            .configure_mesh()
            .x_desc(if *metric == "projection" {
                "n (cities)"
            } else {
                "n (nodes)"
            })
            .y_desc("CPU seconds")
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
            let k = res["cpu_exponents"][format!("{metric}|{tool}")].as_f64();
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
