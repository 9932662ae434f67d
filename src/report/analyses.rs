//! Tables of the published analyses: rank robustness, brokerage roles, GaWC connectivity.
//!
//! Each table is a list of rows of [`Cell`]s written as CSV: text cells neutralised against
//! spreadsheet formulas (unless raw), numbers in shortest round-trip form, NaN and missing
//! values as empty cells.

use super::csv_out::neutralise;
use crate::metrics::robustness::Robustness;
use crate::model::Dataset;

/// One cell of an analysis table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text from the data (names, groups).
    Text(String),
    /// A count or rank.
    Int(i64),
    /// A real number (NaN: empty).
    Num(f64),
    /// No value.
    Empty,
}

impl Cell {
    /// The cell as CSV text (before neutralisation).
    pub fn render(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(i) => i.to_string(),
            Cell::Num(x) if !x.is_finite() => String::new(),
            Cell::Num(x) if *x == 0.0 => "0".into(),
            Cell::Num(x) => format!("{x}"),
            Cell::Empty => String::new(),
        }
    }
}

/// A table: headers and rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rows {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Rows {
    /// CSV bytes; text cells neutralised unless `raw`.
    pub fn to_csv(&self, raw: bool) -> Vec<u8> {
        let mut w = csv::Writer::from_writer(vec![]);
        let _ = w.write_record(&self.headers);
        for r in &self.rows {
            let cells: Vec<String> = r
                .iter()
                .map(|c| match c {
                    Cell::Text(s) if !raw => neutralise(s).into_owned(),
                    c => c.render(),
                })
                .collect();
            let _ = w.write_record(&cells);
        }
        w.into_inner().unwrap_or_default()
    }

    /// Index of a column.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }
}

fn headers(h: &[&str]) -> Vec<String> {
    h.iter().map(|s| s.to_string()).collect()
}

/// The per-city robustness table, in city order: `city, country, value, rank, loo_rank_min,
/// loo_rank_max, loo_most_influential, boot_rank_lo, boot_rank_hi, p_top10`.
pub fn robustness_table(ds: &Dataset, r: &Robustness) -> Rows {
    let rows = (0..ds.cities.len())
        .map(|i| {
            vec![
                Cell::Text(ds.cities[i].name.clone()),
                Cell::Text(ds.cities[i].country.clone()),
                Cell::Num(r.value[i]),
                Cell::Int(r.rank[i] as i64),
                Cell::Int(r.loo_rank_min[i] as i64),
                Cell::Int(r.loo_rank_max[i] as i64),
                match r.loo_most_influential[i] {
                    Some(p) => Cell::Text(ds.programs[p as usize].name.clone()),
                    None => Cell::Empty,
                },
                Cell::Num(r.boot_rank_lo[i]),
                Cell::Num(r.boot_rank_hi[i]),
                Cell::Num(r.p_top10[i]),
            ]
        })
        .collect();
    Rows {
        headers: headers(&[
            "city",
            "country",
            "value",
            "rank",
            "loo_rank_min",
            "loo_rank_max",
            "loo_most_influential",
            "boot_rank_lo",
            "boot_rank_hi",
            "p_top10",
        ]),
        rows,
    }
}

/// The network-level robustness summary (`robustness.json`).
pub fn robustness_summary(
    ds: &Dataset,
    metric: &str,
    seed: u64,
    pair: Option<(usize, usize)>,
    r: &Robustness,
) -> serde_json::Value {
    use crate::metrics::robustness::interval;
    let mut v = serde_json::json!({
        "metric": metric,
        "replicates": r.replicates,
        "seed": seed,
        "programs": ds.programs.len(),
        "cities": ds.cities.len(),
        "leave_one_out_runs": ds.programs.len(),
        "kendall_tau_b": interval(&r.tau_b),
        "top10_overlap": interval(&r.top10_overlap),
    });
    if let (Some((a, b)), Some(p)) = (pair, r.pair) {
        v["pair"] = serde_json::json!({
            "a": ds.city_label(a),
            "b": ds.city_label(b),
            "difference": p.difference,
            "p_a_greater": p.p_a_greater,
            "difference_lo": p.difference_interval.lo,
            "difference_hi": p.difference_interval.hi,
        });
    }
    v
}

/// The summary as lines for the terminal.
pub fn robustness_lines(summary: &serde_json::Value) -> Vec<String> {
    let f = |x: &serde_json::Value| x.as_f64().map(|v| format!("{v:.3}")).unwrap_or("–".into());
    let mut out = vec![format!(
        "robustness of {}: {} leave-one-program-out runs, {} bootstrap replicates (seed {})",
        summary["metric"].as_str().unwrap_or(""),
        summary["leave_one_out_runs"],
        summary["replicates"],
        summary["seed"]
    )];
    for (key, name) in [
        ("kendall_tau_b", "Kendall tau_b vs the full ranking"),
        ("top10_overlap", "top-10 overlap"),
    ] {
        let s = &summary[key];
        out.push(format!(
            "{name}: median {}, 95% interval [{}, {}]",
            f(&s["median"]),
            f(&s["lo"]),
            f(&s["hi"])
        ));
    }
    if let Some(p) = summary.get("pair") {
        out.push(format!(
            "{} vs {}: difference {}, P(A > B) = {}, 95% interval of the difference [{}, {}]",
            p["a"].as_str().unwrap_or(""),
            p["b"].as_str().unwrap_or(""),
            f(&p["difference"]),
            f(&p["p_a_greater"]),
            f(&p["difference_lo"]),
            f(&p["difference_hi"])
        ));
    }
    out
}
