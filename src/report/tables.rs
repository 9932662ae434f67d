//! Publication tables: the top cities by a metric, ranked, as Markdown, LaTeX (booktabs) or CSV.
//!
//! **Ranking.** Cities are ordered by the metric, largest first; cities with exactly the same
//! value (the same f64) share a rank, and the next rank skips ("standard competition ranking":
//! 1, 2, 2, 4). Within a tie, rows are in alphabetical order of city then country, so the
//! output is deterministic. Cities without a value (NaN) are left out. `--top K` keeps the
//! rows ranked K or better, so a tie at the cut-off keeps every tied city (the table may then
//! have more than K rows).
//!
//! **Numbers.** Real-valued columns are written with a fixed number of decimals
//! (`--precision`, default 3); integer columns as integers.

use super::latex;
use super::summary::md_escape;
use crate::metrics::backbone::thousands;
use crate::metrics::plan::ColumnMethod;
use crate::metrics::rank::{self, NanRank};
use crate::metrics::Column;
use crate::metrics::NodeTable;
use std::fmt::Write as _;

/// Output format of `citynet table`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
pub enum TableFormat {
    /// A GitHub-flavoured Markdown pipe table.
    Markdown,
    /// A LaTeX `tabular` with booktabs rules, for `\input{}` (needs `\usepackage{booktabs}`).
    Latex,
    /// Plain CSV.
    Csv,
}

/// Standard competition ranks of `values` (largest first; equal values share a rank) and the
/// row order: indices sorted by value descending, then by `key` ascending. NaN values are
/// left out of the order and get rank 0 ([`NanRank::Zero`]).
///
/// # Examples
/// `[3, 5, 5, 1]` gives order `[1, 2, 0, 3]` and ranks `[3, 1, 1, 4]`.
pub fn competition_ranks(values: &[f64], key: &[String]) -> (Vec<usize>, Vec<usize>) {
    let order = rank::descending_by_key(values, key);
    let ranks = rank::competition(values, &order, NanRank::Zero);
    (order, ranks.into_iter().map(|r| r as usize).collect())
}

/// A ranked table ready to print.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedTable {
    /// Column names.
    pub headers: Vec<String>,
    /// Whether each column is numeric (right-aligned).
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
    /// What the table shows, for captions and comments.
    pub caption: String,
    /// Footnotes (a sampled column's error bound), printed below the table.
    pub notes: Vec<String>,
}

/// Formats value `i` of a column: integers plainly, floats with `precision` decimals.
pub fn format_number(c: &Column, i: usize, precision: usize) -> String {
    match c {
        Column::Int(v) => v[i].to_string(),
        Column::Float(v) if v[i].is_nan() => String::new(),
        Column::Float(v) => {
            let s = format!("{:.*}", precision, v[i]);
            // No "-0.000".
            if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
                s[1..].to_string()
            } else {
                s
            }
        }
    }
}

/// Builds the top-`top` table of `cities` by metric `by`, with extra metric columns `also`.
///
/// # Errors
/// A message naming the available metric columns when `by` or one of `also` is not one.
pub fn ranked(
    cities: &NodeTable,
    by: &str,
    also: &[String],
    top: usize,
    precision: usize,
) -> Result<RankedTable, String> {
    let available = || {
        cities
            .metrics
            .iter()
            .map(|m| m.0.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let col = cities.metric(by).ok_or_else(|| {
        format!(
            "--by {by}: not a computed metric (available: {})",
            available()
        )
    })?;
    let n = cities.len();
    let names: Vec<String> = cities
        .text_column("city")
        .or_else(|| cities.text_column("node"))
        .map(|c| c.to_vec())
        .unwrap_or_else(|| vec![String::new(); n]);
    let countries = cities.text_column("country").map(|c| c.to_vec());
    let key: Vec<String> = (0..n)
        .map(|i| {
            format!(
                "{}\u{0}{}",
                names[i].to_lowercase(),
                countries.as_ref().map_or("", |c| c[i].as_str())
            )
        })
        .collect();
    let values: Vec<f64> = (0..n).map(|i| col.get_f64(i)).collect();
    let (order, ranks) = competition_ranks(&values, &key);
    let show_country = countries
        .as_ref()
        .is_some_and(|c| c.iter().any(|x| !x.is_empty()));
    let mut headers = vec!["rank".to_string(), "city".to_string()];
    let mut numeric = vec![true, false];
    if show_country {
        headers.push("country".into());
        numeric.push(false);
    }
    let mut cols: Vec<(&str, &Column)> = vec![(by, col)];
    for a in also.iter().filter(|a| a.as_str() != by) {
        let c = cities.metric(a).ok_or_else(|| {
            format!(
                "--columns {a}: not a computed metric (available: {})",
                available()
            )
        })?;
        cols.push((a, c));
    }
    for (name, _) in &cols {
        headers.push(name.to_string());
        numeric.push(true);
    }
    let rows = order
        .iter()
        .filter(|&&i| ranks[i] <= top)
        .map(|&i| {
            let mut r = vec![ranks[i].to_string(), names[i].clone()];
            if show_country {
                r.push(countries.as_ref().map(|c| c[i].clone()).unwrap_or_default());
            }
            for (_, c) in &cols {
                r.push(format_number(c, i, precision));
            }
            r
        })
        .collect();
    Ok(RankedTable {
        headers,
        numeric,
        rows,
        caption: format!("Top {top} cities by {by}"),
        notes: vec![],
    })
}

impl RankedTable {
    /// A Markdown pipe table (names escaped).
    pub fn to_markdown(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "| {} |",
            // Column names are citynet's own (letters, digits, `_`).
            self.headers.join(" | ")
        );
        let _ = writeln!(
            s,
            "|{}|",
            self.numeric
                .iter()
                .map(|&n| if n { "---:" } else { ":---" })
                .collect::<Vec<_>>()
                .join("|")
        );
        for r in &self.rows {
            let _ = writeln!(
                s,
                "| {} |",
                r.iter()
                    .map(|c| md_escape(c))
                    .collect::<Vec<_>>()
                    .join(" | ")
            );
        }
        // A table with footnotes gets its caption (pandoc's `Table:` line) and the notes.
        if !self.notes.is_empty() {
            let _ = writeln!(s, "\nTable: {}", md_escape(&self.caption));
            for n in &self.notes {
                let _ = writeln!(s, "\nNote: {}", md_escape(n));
            }
        }
        s
    }

    /// A booktabs `tabular` (`\toprule`, `\midrule`, `\bottomrule`), every cell escaped, for
    /// `\input{}` inside a `table` environment.
    pub fn to_latex(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "% {} (citynet {})",
            latex::escape(&self.caption),
            env!("CARGO_PKG_VERSION")
        );
        let _ = writeln!(s, "% Needs \\usepackage{{booktabs}}.");
        let spec: String = self
            .numeric
            .iter()
            .map(|&n| if n { 'r' } else { 'l' })
            .collect();
        let _ = writeln!(s, "\\begin{{tabular}}{{{spec}}}");
        let _ = writeln!(s, "\\toprule");
        let _ = writeln!(
            s,
            "{} \\\\",
            self.headers
                .iter()
                .map(|h| latex::escape(h))
                .collect::<Vec<_>>()
                .join(" & ")
        );
        let _ = writeln!(s, "\\midrule");
        for r in &self.rows {
            let _ = writeln!(
                s,
                "{} \\\\",
                r.iter()
                    .map(|c| latex::escape(c))
                    .collect::<Vec<_>>()
                    .join(" & ")
            );
        }
        let _ = writeln!(s, "\\bottomrule");
        let _ = writeln!(s, "\\end{{tabular}}");
        for n in &self.notes {
            let _ = writeln!(
                s,
                "\\par\\smallskip{{\\footnotesize Note: {}\\par}}",
                latex::escape(n)
            );
        }
        s
    }

    /// CSV (text cells neutralised against spreadsheet formulas unless `raw`).
    pub fn to_csv(&self, raw: bool) -> Vec<u8> {
        let mut w = csv::Writer::from_writer(vec![]);
        let _ = w.write_record(&self.headers);
        for r in &self.rows {
            let cells: Vec<String> = r
                .iter()
                .zip(&self.numeric)
                .map(|(c, &num)| {
                    if num || raw {
                        c.clone()
                    } else {
                        super::csv_out::neutralise(c).into_owned()
                    }
                })
                .collect();
            let _ = w.write_record(&cells);
        }
        w.into_inner().unwrap_or_default()
    }

    /// Says which shown columns were sampled rather than computed exactly, from `methods`
    /// (how each column was computed): `(sampled, N samples)` in the caption when the ranking
    /// column `by` was, and a footnote per sampled column with its error bound.
    pub fn mark_sampled(&mut self, by: &str, methods: &[ColumnMethod]) {
        for (k, h) in self.headers.iter().enumerate() {
            let Some(a) = methods
                .iter()
                .find(|m| &m.column == h && self.numeric[k])
                .and_then(|m| m.approximation.as_ref())
            else {
                continue;
            };
            if h == by {
                self.caption
                    .push_str(&format!(" (sampled, {} samples)", thousands(a.samples)));
            }
            self.notes.push(format!(
                "{h} was sampled, not computed exactly: {} with {} samples (seed {}). Every value \
                 is within ±{:.4} of the exact one for all cities at once with probability {}, so \
                 cities closer than {:.4} may be ranked in the wrong order.",
                a.estimator,
                thousands(a.samples),
                a.seed,
                a.epsilon,
                1.0 - a.delta,
                2.0 * a.epsilon
            ));
        }
    }

    /// The table in `format`.
    pub fn render(&self, format: TableFormat, raw_csv: bool) -> Vec<u8> {
        match format {
            TableFormat::Markdown => self.to_markdown().into_bytes(),
            TableFormat::Latex => self.to_latex().into_bytes(),
            TableFormat::Csv => self.to_csv(raw_csv),
        }
    }
}

/// One side of a comparison: identity key, name, country, rank, formatted value.
type Ranked = (String, String, String, usize, String);

/// Ranks of two tables of the same metric side by side: `city, country, rank_a, rank_b,
/// change, value_a, value_b`, cities matched by identity (name and country, compared as
/// everywhere in citynet). `change` = `rank_a − rank_b`: positive when the city rose. A city
/// missing from one side has empty cells there. Rows: ranked by `rank_b`, then cities only in
/// A by `rank_a`; `top` keeps the cities ranked `top` or better on either side.
///
/// # Errors
/// A message when `by` is not a metric column of both tables.
pub fn compare(
    a: &NodeTable,
    b: &NodeTable,
    by: &str,
    top: usize,
    precision: usize,
) -> Result<RankedTable, String> {
    use crate::model::identity::name_key::key;
    let side = |t: &NodeTable, which: &str| -> Result<Vec<Ranked>, String> {
        let col = t
            .metric(by)
            .ok_or_else(|| format!("--by {by}: not a computed metric of {which}"))?;
        let n = t.len();
        let names = t
            .text_column("city")
            .or_else(|| t.text_column("node"))
            .map(|c| c.to_vec())
            .unwrap_or_else(|| vec![String::new(); n]);
        let countries = t
            .text_column("country")
            .map(|c| c.to_vec())
            .unwrap_or_else(|| vec![String::new(); n]);
        let sort_key: Vec<String> = (0..n)
            .map(|i| format!("{}\u{0}{}", names[i].to_lowercase(), countries[i]))
            .collect();
        let values: Vec<f64> = (0..n).map(|i| col.get_f64(i)).collect();
        let (order, ranks) = competition_ranks(&values, &sort_key);
        Ok(order
            .into_iter()
            .map(|i| {
                (
                    format!("{}\u{0}{}", key(&names[i]), key(&countries[i])),
                    names[i].clone(),
                    countries[i].clone(),
                    ranks[i],
                    format_number(col, i, precision),
                )
            })
            .collect())
    };
    let ra = side(a, "A")?;
    let rb = side(b, "B")?;
    let in_a: std::collections::HashMap<&str, &Ranked> =
        ra.iter().map(|r| (r.0.as_str(), r)).collect();
    let in_b: std::collections::HashSet<&str> = rb.iter().map(|r| r.0.as_str()).collect();
    let mut rows = vec![];
    for r in &rb {
        let prev = in_a.get(r.0.as_str());
        if r.3 > top && prev.is_none_or(|p| p.3 > top) {
            continue;
        }
        let (rank_a, value_a, change) = match prev {
            Some(p) => (
                p.3.to_string(),
                p.4.clone(),
                match p.3 as i64 - r.3 as i64 {
                    0 => "0".to_string(),
                    d => format!("{d:+}"),
                },
            ),
            None => (String::new(), String::new(), String::new()),
        };
        rows.push(vec![
            r.1.clone(),
            r.2.clone(),
            rank_a,
            r.3.to_string(),
            change,
            value_a,
            r.4.clone(),
        ]);
    }
    for p in ra
        .iter()
        .filter(|p| !in_b.contains(p.0.as_str()) && p.3 <= top)
    {
        rows.push(vec![
            p.1.clone(),
            p.2.clone(),
            p.3.to_string(),
            String::new(),
            String::new(),
            p.4.clone(),
            String::new(),
        ]);
    }
    Ok(RankedTable {
        headers: [
            "city", "country", "rank_a", "rank_b", "change", "value_a", "value_b",
        ]
        .map(String::from)
        .to_vec(),
        numeric: vec![false, false, true, true, true, true, true],
        rows,
        caption: format!("Rank changes by {by}"),
        notes: vec![],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> NodeTable {
        NodeTable {
            text: vec![
                (
                    "city".into(),
                    vec!["B & Co".into(), "A_1".into(), "C".into(), "D".into()],
                ),
                (
                    "country".into(),
                    vec!["X".into(), "Y".into(), "Z".into(), "W".into()],
                ),
            ],
            metrics: vec![
                ("degree".into(), Column::Int(vec![5, 5, 7, 1])),
                (
                    "strength".into(),
                    Column::Float(vec![1.23456, 2.0, f64::NAN, -0.0001]),
                ),
            ],
        }
    }

    #[test]
    fn competition_ranking_with_ties() {
        let key: Vec<String> = ["c", "a", "b", "d"].map(String::from).to_vec();
        let (order, ranks) = competition_ranks(&[3.0, 5.0, 5.0, 1.0], &key);
        assert_eq!(order, vec![1, 2, 0, 3]);
        assert_eq!(ranks, vec![3, 1, 1, 4]);
    }

    #[test]
    fn top_k_keeps_ties_at_the_cut() {
        let t = ranked(&table(), "degree", &["strength".into()], 2, 2).unwrap();
        assert_eq!(t.headers, ["rank", "city", "country", "degree", "strength"]);
        let ranks: Vec<&str> = t.rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(ranks, ["1", "2", "2"]);
        assert_eq!(t.rows[1][1], "A_1");
        assert_eq!(t.rows[1][4], "2.00");
        assert_eq!(t.rows[2][4], "1.23");
        assert_eq!(t.rows[0][4], "");
        let by_strength = ranked(&table(), "strength", &[], 10, 3).unwrap();
        assert_eq!(by_strength.rows.len(), 3, "NaN left out");
        assert_eq!(by_strength.rows[2][3], "0.000", "no negative zero");
        assert!(ranked(&table(), "nope", &[], 3, 3)
            .unwrap_err()
            .contains("degree, strength"));
    }

    #[test]
    fn compare_matches_cities_and_signs_changes() {
        let a = table();
        let mut b = table();
        b.metrics[0].1 = Column::Int(vec![9, 5, 7, 1]);
        b.text[0].1[3] = "E".into();
        let t = compare(&a, &b, "degree", 10, 3).unwrap();
        let rows: Vec<String> = t.rows.iter().map(|r| r.join("|")).collect();
        assert_eq!(
            rows,
            vec![
                "B & Co|X|2|1|+1|5|9",
                "C|Z|1|2|-1|7|7",
                "A_1|Y|2|3|-1|5|5",
                "E|W||4|||1",
                "D|W|4|||1|" // only in A
            ]
        );
    }

    #[test]
    fn latex_is_booktabs_and_escaped() {
        let l = ranked(&table(), "degree", &[], 3, 3).unwrap().to_latex();
        assert!(l.contains(
            "\\begin{tabular}{rllr}\n\\toprule\nrank & city & country & degree \\\\\n\\midrule\n"
        ));
        assert!(l.contains("B \\& Co") && l.contains("A\\_1"));
        assert!(l.ends_with("\\bottomrule\n\\end{tabular}\n"));
        let m = ranked(&table(), "degree", &[], 3, 3).unwrap().to_markdown();
        assert!(
            m.starts_with("| rank | city | country | degree |\n|---:|:---|:---|---:|\n| 1 | C |")
        );
        assert!(m.contains("A\\_1"));
    }
}
