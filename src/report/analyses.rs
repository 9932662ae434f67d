//! Tables of the published analyses: rank robustness, brokerage roles, GaWC connectivity.
//!
//! Each table is a list of rows of [`Cell`]s written as CSV: text cells neutralised against
//! spreadsheet formulas (unless raw), numbers in shortest round-trip form, NaN and missing
//! values as empty cells.

use super::csv_out::neutralise;
use crate::metrics::gawc::{GawcSuite, GroupConnectivity};
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

/// The per-city brokerage table: `city, country, group`, the five role counts and `total`,
/// then `z_` + each of them.
pub fn brokerage_table(
    ds: &Dataset,
    labels: &[u32],
    group_names: &[String],
    b: &crate::metrics::brokerage::Brokerage,
) -> Rows {
    use crate::metrics::brokerage::ROLES;
    let mut h = vec!["city".to_string(), "country".into(), "group".into()];
    h.extend(ROLES.iter().map(|r| r.to_string()));
    h.extend(ROLES.iter().map(|r| format!("z_{r}")));
    let rows = (0..ds.cities.len())
        .map(|i| {
            let mut row = vec![
                Cell::Text(ds.cities[i].name.clone()),
                Cell::Text(ds.cities[i].country.clone()),
                Cell::Text(group_names[labels[i] as usize].clone()),
            ];
            row.extend(b.counts.iter().map(|c| Cell::Int(c[i] as i64)));
            row.extend(b.z.iter().map(|z| Cell::Num(z[i])));
            row
        })
        .collect();
    Rows { headers: h, rows }
}

/// The GaWC tables of `citynet connectivity`: `connectivity.csv` (city order), `dyads.csv`
/// (strongest first), `groups.csv` (largest gnc_sum first, then by name) and, when hinterworlds
/// were asked for, `hinterworld.csv` (per city asked, largest residual first).
pub fn gawc_tables(ds: &Dataset, r: &GawcSuite) -> Vec<(&'static str, Rows)> {
    let text = |s: &str| Cell::Text(s.to_string());
    let top = r.gnc.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let ranks = crate::metrics::rank::competition_ranks(&r.gnc);
    let connectivity = Rows {
        headers: headers(&[
            "city",
            "country",
            "group",
            "gnc",
            "gnc_share",
            "rank",
            "ei_index",
        ]),
        rows: (0..ds.cities.len())
            .map(|i| {
                vec![
                    text(&ds.cities[i].name),
                    text(&ds.cities[i].country),
                    text(&r.group_names[r.labels[i] as usize]),
                    Cell::Num(r.gnc[i]),
                    Cell::Num(if top > 0.0 { r.gnc[i] / top } else { f64::NAN }),
                    Cell::Int(ranks[i] as i64),
                    Cell::Num(r.ei[i]),
                ]
            })
            .collect(),
    };
    let strongest = r.dyads.first().map(|d| d.2).unwrap_or(f64::NAN);
    let dyads = Rows {
        headers: headers(&[
            "rank",
            "city_a",
            "country_a",
            "city_b",
            "country_b",
            "r_ab",
            "share",
        ]),
        rows: r
            .dyads
            .iter()
            .map(|&(a, b, w, rank)| {
                let (a, b) = (&ds.cities[a as usize], &ds.cities[b as usize]);
                vec![
                    Cell::Int(rank as i64),
                    text(&a.name),
                    text(&a.country),
                    text(&b.name),
                    text(&b.country),
                    Cell::Num(w),
                    Cell::Num(w / strongest),
                ]
            })
            .collect(),
    };
    let mut order: Vec<&GroupConnectivity> = r.groups.iter().collect();
    order.sort_by(|x, y| {
        y.gnc_sum
            .total_cmp(&x.gnc_sum)
            .then_with(|| r.group_names[x.group as usize].cmp(&r.group_names[y.group as usize]))
    });
    let groups = Rows {
        headers: headers(&["group", "cities", "gnc_sum", "gnc_share", "ei_index"]),
        rows: order
            .iter()
            .map(|g| {
                vec![
                    text(&r.group_names[g.group as usize]),
                    Cell::Int(g.cities as i64),
                    Cell::Num(g.gnc_sum),
                    Cell::Num(g.gnc_share),
                    Cell::Num(g.ei_index),
                ]
            })
            .collect(),
    };
    let mut out = vec![
        ("connectivity.csv", connectivity),
        ("dyads.csv", dyads),
        ("groups.csv", groups),
    ];
    if !r.hinterworlds.is_empty() {
        let mut rows = vec![];
        for (a, hw, _) in &r.hinterworlds {
            let mut sorted: Vec<&(u32, f64, f64, f64)> = hw.iter().collect();
            sorted.sort_by(|x, y| y.3.total_cmp(&x.3).then(x.0.cmp(&y.0)));
            for &&(b, rab, fit, res) in &sorted {
                let c = &ds.cities[b as usize];
                rows.push(vec![
                    Cell::Text(ds.city_label(*a)),
                    text(&c.name),
                    text(&c.country),
                    Cell::Num(rab),
                    Cell::Num(fit),
                    Cell::Num(res),
                ]);
            }
        }
        out.push((
            "hinterworld.csv",
            Rows {
                headers: headers(&["of", "city", "country", "r_ab", "fitted", "residual"]),
                rows,
            },
        ));
    }
    out
}

/// The `k` best-ranked cities with their rank intervals, for summary.json and the report.
pub fn robustness_top(ds: &Dataset, r: &Robustness, k: usize) -> serde_json::Value {
    let mut order: Vec<usize> = (0..ds.cities.len()).collect();
    order.sort_by_key(|&i| (r.rank[i], i));
    order.truncate(k);
    order
        .iter()
        .map(|&i| {
            serde_json::json!({
                "city": ds.city_label(i),
                "value": r.value[i],
                "rank": r.rank[i],
                "loo_rank_min": r.loo_rank_min[i],
                "loo_rank_max": r.loo_rank_max[i],
                "boot_rank_lo": r.boot_rank_lo[i],
                "boot_rank_hi": r.boot_rank_hi[i],
                "p_top10": r.p_top10[i],
            })
        })
        .collect()
}

/// Groups by connectivity, largest first, for summary.json and the report.
pub fn gawc_groups_json(r: &GawcSuite) -> serde_json::Value {
    let mut order: Vec<&GroupConnectivity> = r.groups.iter().collect();
    order.sort_by(|x, y| {
        y.gnc_sum
            .total_cmp(&x.gnc_sum)
            .then_with(|| r.group_names[x.group as usize].cmp(&r.group_names[y.group as usize]))
    });
    order
        .iter()
        .map(|g| {
            serde_json::json!({
                "group": r.group_names[g.group as usize],
                "cities": g.cities,
                "gnc_share": g.gnc_share,
                "ei_index": if g.ei_index.is_nan() { None } else { Some(g.ei_index) },
            })
        })
        .collect()
}

/// The `k` cities with the largest brokerage total (ties by input order).
pub fn brokerage_top(
    ds: &Dataset,
    b: &crate::metrics::brokerage::Brokerage,
    k: usize,
) -> serde_json::Value {
    use crate::metrics::brokerage::ROLES;
    let mut order: Vec<usize> = (0..ds.cities.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(b.counts[5][i]), i));
    order.truncate(k);
    order
        .iter()
        .map(|&i| {
            let mut m = serde_json::Map::new();
            m.insert("city".into(), ds.city_label(i).into());
            for (r, name) in ROLES.iter().enumerate() {
                m.insert(name.to_string(), b.counts[r][i].into());
            }
            serde_json::Value::Object(m)
        })
        .collect()
}
