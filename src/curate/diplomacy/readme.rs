//! The README of `networks/city-diplomacy/`: the text is the template `readme.md`; this file
//! computes its tables and counts.

use super::{DiplomacyReport, Row, LISTS, TWIN_MATCH_KM};
use crate::curate::resolve::{Outcome, Resolver};
use crate::curate::twins::TwinData;
use crate::model::identity::gazetteer::norm;
use crate::report::template::fill;
use std::collections::BTreeSet;
use std::fmt::Write as _;

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|")
}

pub(super) fn readme(
    rep: &DiplomacyReport,
    review: &[Vec<String>],
    rows: &[Row],
    res: &Resolver,
    twins: &TwinData,
) -> String {
    let n = |x: usize| x.to_string();
    fill(
        include_str!("readme.md"),
        &[
            ("counts", &counts_rows(rep)),
            ("distinct_listings", &n(rep.distinct_listings)),
            ("cities", &n(rep.cities)),
            ("review_only", &n(rep.review_names_not_resolved_elsewhere)),
            (
                "places",
                &n(rep.cities + rep.review_names_not_resolved_elsewhere),
            ),
            ("review_rows", &n(rep.review_rows)),
            ("review_names", &n(rep.review_names)),
            ("memberships", &n(rep.memberships)),
            ("ties", &n(rep.ties)),
            ("cities_in_twin_data", &n(rep.cities_in_twin_data)),
            ("twin_km", &TWIN_MATCH_KM.to_string()),
            ("twin_rejected", &n(rep.twin_nodes_rejected_by_distance)),
            (
                "ambiguity_percent",
                &crate::model::identity::gazetteer::AMBIGUITY_RATIO_PERCENT.to_string(),
            ),
            ("homonyms", &homonyms(rows, res)),
            ("review", &review_rows(review)),
            ("ambiguous", &ambiguous(rows, res)),
            ("twin_rows", &n(twins.rows)),
            ("twin_nodes", &n(twins.nodes.len())),
            ("twin_self_pairs", &n(twins.self_loops)),
            ("twin_duplicates", &n(twins.duplicates)),
        ],
    )
}

/// The README's counts table: one row per list.
fn counts_rows(rep: &DiplomacyReport) -> String {
    let mut s = String::new();
    for l in &rep.lists {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} |",
            l.file,
            l.program,
            l.rows,
            l.rows_resolved,
            l.rows_reviewed,
            l.cities_resolved,
            l.memberships
        );
    }
    s
}

/// The README's homonyms table: how each well-known homonym came out, row by row (or, for
/// names in none of the lists, how it would resolve with and without each country).
fn homonyms(rows: &[Row], res: &Resolver) -> String {
    let mut s = String::new();
    let hom = [
        "Santa Fe",
        "Portland",
        "Valencia",
        "Manchester",
        "Athens",
        "Vancouver",
        "Barcelona",
        "San Juan",
        "Panama City",
        "Hanover",
        "Heidelberg",
        "Granada",
        "Wellington",
        "Bristol",
        "Gwangju",
        "Suzhou",
    ];
    for h in hom {
        let mut any = false;
        let mut seen = BTreeSet::new();
        for r in rows.iter().filter(|r| norm(&r.name) == norm(h)) {
            if !seen.insert((r.list, r.country.clone())) {
                continue;
            }
            any = true;
            let out = match &r.outcome {
                Outcome::Resolved { geonameid, rule } => {
                    let c = res.gaz.get(*geonameid).expect("id");
                    format!(
                        "resolved: {} ({}, admin1 {}, pop. {}) - {}",
                        c.name, c.country, c.admin1, c.population, rule
                    )
                }
                Outcome::Review { reason, .. } => format!("review: {reason}"),
            };
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} |",
                r.name,
                LISTS[r.list].file,
                r.country,
                md_cell(&out)
            );
        }
        if !any {
            let show = |country: &str| -> String {
                let o = res.resolve(&crate::curate::resolve::Listing {
                    name: h,
                    country,
                    us_state: None,
                });
                match o {
                    Outcome::Resolved { geonameid, .. } => {
                        let c = res.gaz.get(geonameid).expect("id");
                        format!(
                            "resolved to {} ({}, pop. {})",
                            c.name, c.country, c.population
                        )
                    }
                    Outcome::Review { reason, .. } => format!("review: {reason}"),
                }
            };
            let mut countries: Vec<String> = res
                .gaz
                .by_name(h)
                .iter()
                .map(|&i| res.gaz.cities[i].country.clone())
                .collect();
            countries.sort();
            countries.dedup();
            let mut parts: Vec<String> = countries
                .iter()
                .map(|k| format!("with country {k}: {}", show(k)))
                .collect();
            parts.push(format!("without a country: {}", show("")));
            let _ = writeln!(
                s,
                "| {} | (in none of the five lists; checked by the tests) | | {} |",
                h,
                md_cell(&parts.join("; "))
            );
        }
    }
    s
}

/// The README's review table: the names kept out of the network and why.
fn review_rows(review: &[Vec<String>]) -> String {
    let mut s = String::new();
    for r in review {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            md_cell(&r[0]),
            md_cell(&r[1]),
            r[2],
            md_cell(&r[5])
        );
    }
    s
}

/// The README's threshold-sensitivity list: ambiguous review entries with the runner-up's
/// share of the leader's population, smallest share first.
fn ambiguous(rows: &[Row], res: &Resolver) -> String {
    let mut s = String::new();
    let mut amb: Vec<(String, String)> = Vec::new();
    for r in rows {
        if let Outcome::Review { reason, candidates } = &r.outcome {
            if reason.starts_with("ambiguous") && candidates.len() >= 2 {
                let p1 = res
                    .gaz
                    .get(candidates[0])
                    .map(|c| c.population)
                    .unwrap_or(0);
                let p2 = res
                    .gaz
                    .get(candidates[1])
                    .map(|c| c.population)
                    .unwrap_or(0);
                let share = format!("{:.1} %", 100.0 * p2 as f64 / p1.max(1) as f64);
                let c1 = res.gaz.get(candidates[0]).expect("id");
                let c2 = res.gaz.get(candidates[1]).expect("id");
                amb.push((
                    share,
                    format!(
                        "{} ({}): {} {} {} vs {} {} {}",
                        r.name,
                        LISTS[r.list].file,
                        c1.name,
                        c1.country,
                        c1.admin1,
                        c2.name,
                        c2.country,
                        c2.admin1
                    ),
                ));
            }
        }
    }
    amb.sort_by(|a, b| {
        let x: f64 = a.0.trim_end_matches(" %").parse().unwrap_or(0.0);
        let y: f64 = b.0.trim_end_matches(" %").parse().unwrap_or(0.0);
        x.total_cmp(&y).then(a.1.cmp(&b.1))
    });
    amb.dedup();
    for (pm, t) in &amb {
        let _ = writeln!(s, "- {}: {}", md_cell(t), pm);
    }
    s
}
