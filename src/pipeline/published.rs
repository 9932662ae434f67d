//! The published analyses `analyze` adds for inputs with programs: rank robustness, GaWC
//! connectivity with a hinterworld, brokerage roles.

use super::{AnalyzeConfig, Graphs, Ui};
use crate::error::Result;
use crate::metrics::{self, plan::Projection, twin_view::TwinView};
use crate::model::Dataset;
use crate::render;
use crate::report::Staging;

/// Bootstrap replicates of the robustness analysis `analyze` runs.
pub const ANALYZE_REPLICATES: usize = 1000;

/// Work above which `analyze` leaves out brokerage (Σ_v deg(v)², the 2-paths it scans).
const BROKERAGE_WORK_LIMIT: u64 = 200_000_000;

/// Twin classes above which `analyze` leaves out brokerage when G is not built (the class
/// route scans class triples, K³/64 words at most).
const BROKERAGE_CLASS_LIMIT: usize = 4_000;

/// The published analyses `analyze` adds for inputs with programs (the commands `robustness`,
/// `connectivity` and `brokerage` give every option): the rank robustness of strength
/// ([`ANALYZE_REPLICATES`] replicates, seed 1) with its rank-interval figure;
/// the GaWC tables grouped by region (else country) with the hinterworld of the most connected
/// city and its map, and brokerage roles in G by the same groups — on G when it is built, else
/// through the twin classes of the city projection (the same numbers). Returns what summary.json
/// and report.html say about them (`null` for inputs without programs).
pub(super) fn published_analyses(
    ds: &Dataset,
    gr: &Graphs,
    staging: &Staging,
    cfg: &AnalyzeConfig,
    files: &mut Vec<String>,
    figures: &mut Vec<String>,
    ui: Ui,
) -> Result<serde_json::Value> {
    use crate::metrics::robustness::{self as rb, RobustnessOptions};
    use crate::report::analyses;
    let Some(t) = &gr.two_mode else {
        return Ok(serde_json::Value::Null);
    };
    let pb = ui.step("robustness, connectivity, brokerage");
    let put = |name: &str, bytes: &[u8], list: &mut Vec<String>| -> Result<()> {
        staging.write(name, bytes)?;
        list.push(name.to_string());
        Ok(())
    };
    let opts = RobustnessOptions {
        replicates: ANALYZE_REPLICATES,
        seed: 1,
        pair: None,
    };
    let r = rb::robustness(t, &|t| rb::metric_of(t, "strength"), &opts);
    put(
        "robustness.csv",
        &analyses::robustness_table(ds, &r).to_csv(cfg.raw_csv),
        files,
    )?;
    let mut out = serde_json::json!({
        "robustness": analyses::robustness_summary(ds, "strength", 1, None, &r),
    });
    out["robustness"]["top"] = analyses::robustness_top(ds, &r, 10);
    if cfg.figures {
        for (ext, f) in [
            ("svg", render::charts::ChartFormat::Svg),
            ("png", render::charts::ChartFormat::Png),
        ] {
            let bytes = render::intervals::rank_intervals(ds, &r, "strength", 30, f)?;
            put(&format!("figures/rank-intervals.{ext}"), &bytes, figures)?;
        }
    }
    let column = if ds.city_attrs.iter().any(|a| a == "region") {
        "region"
    } else {
        "country"
    };
    let Ok(groups) = ds.groups_by(column) else {
        pb.finish_and_clear();
        return Ok(out);
    };
    // G built, or the projection through its twin classes when it is not.
    let route = match gr.projection() {
        Projection::Built(g) => Route::Built(g),
        Projection::ThroughTwoMode(t) => match TwinView::within_limit(t) {
            Ok(q) => Route::Classes(Box::new(q)),
            Err(_) => {
                pb.finish_and_clear();
                return Ok(out);
            }
        },
    };
    let (suite, centre) = gawc_suite(&route, &groups, ui);
    for (name, rows) in analyses::gawc_tables(ds, &suite) {
        put(name, &rows.to_csv(cfg.raw_csv), files)?;
    }
    out["connectivity"] = serde_json::json!({
        "group": column,
        "hinterworld_of": ds.city_label(centre),
        "groups": analyses::gawc_groups_json(&suite),
    });
    if cfg.figures && ds.cities_with_coordinates() > 0 {
        for (ext, bytes) in render::hinterworld::map(ds, centre, &suite.hinterworlds[0].1)? {
            put(&format!("figures/hinterworld.{ext}"), &bytes, figures)?;
        }
    }
    let b = brokerage_roles(&route, &groups.labels);
    if let Some(b) = b {
        let table = analyses::brokerage_table(ds, &groups.labels, &groups.names, &b);
        put("brokerage.csv", &table.to_csv(cfg.raw_csv), files)?;
        out["brokerage"] = serde_json::json!({
            "group": column,
            "graph": "city projection",
            "top": analyses::brokerage_top(ds, &b, 10),
        });
    }
    pb.finish_and_clear();
    Ok(out)
}

/// The city projection the GaWC suite and brokerage run on.
enum Route<'a> {
    Built(&'a crate::graph::Csr),
    Classes(Box<TwinView>),
}

/// The GaWC suite with the hinterworld of the most connected city, and that city.
fn gawc_suite(
    route: &Route,
    groups: &crate::model::dataset::groups::Groups,
    ui: Ui,
) -> (metrics::gawc::GawcSuite, usize) {
    let gnc = match route {
        Route::Built(g) => metrics::strength(g),
        Route::Classes(q) => q.expand(&q.strength),
    };
    let centre = (0..gnc.len()).fold(0, |best, v| if gnc[v] > gnc[best] { v } else { best });
    let (labels, names) = (groups.labels.clone(), groups.names.clone());
    let suite = match route {
        Route::Built(g) => metrics::gawc::suite(g, labels, names, &[centre], 50),
        Route::Classes(q) => {
            let s = metrics::gawc_twins::suite(q, labels, names, &[centre], 50);
            let ranked = metrics::gawc_twins::top_dyads_count(q, 50);
            if ranked > s.dyads.len() as u64 {
                ui.info(&format!(
                    "warning: dyads.csv lists {} pairs; the 50 ranks hold {ranked} tied pairs, \
                     more than the {} rows listed",
                    s.dyads.len(),
                    metrics::gawc_twins::DYAD_ROW_LIMIT
                ));
            }
            s
        }
    };
    (suite, centre)
}

/// Brokerage roles by `labels`, unless over the work limits.
fn brokerage_roles(route: &Route, labels: &[u32]) -> Option<metrics::brokerage::Brokerage> {
    match route {
        Route::Built(g) => {
            let work: u64 = (0..g.node_count())
                .map(|v| (g.degree(v) as u64).pow(2))
                .sum();
            (work <= BROKERAGE_WORK_LIMIT).then(|| metrics::brokerage::brokerage(g, labels))
        }
        Route::Classes(q) => (q.n_classes() <= BROKERAGE_CLASS_LIMIT)
            .then(|| metrics::brokerage_twins::brokerage(q, labels)),
    }
}
