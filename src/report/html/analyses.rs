//! The report's section on the published analyses (robustness, connectivity, brokerage),
//! written from summary.json's `analyses`.

use super::escape;
use std::fmt::Write as _;

/// The report's "Robustness, connectivity and brokerage" section from summary.json's
/// `analyses` (empty when there is none). Data strings are HTML-escaped.
pub fn html_section(a: &serde_json::Value) -> String {
    let Some(rb) = a.get("robustness") else {
        return String::new();
    };
    let f = |v: &serde_json::Value, d: usize| {
        v.as_f64()
            .map(|x| format!("{x:.d$}"))
            .unwrap_or_else(|| "—".into())
    };
    let mut s =
        String::from("<section id=\"analyses\"><h2>Robustness, connectivity and brokerage</h2>");
    let _ = write!(
        s,
        "<p>How much the ranking by <b>{}</b> depends on which programs are listed: each of the {} programs left out in turn, and {} bootstrap replicates of the programs (drawn with replacement; seed {}) (Borgatti, Carley &amp; Krackhardt 2006; Martin &amp; Niemeyer 2019). Kendall’s τ<sub>b</sub> between a replicate’s ranking and the full one: median {}, 95% interval [{}, {}]; share of the top 10 still in the top 10: median {}, 95% interval [{}, {}]. Full table: <code>robustness.csv</code>; figure: <code>figures/rank-intervals.svg</code>.</p>",
        escape(rb["metric"].as_str().unwrap_or("")),
        rb["programs"],
        rb["replicates"],
        rb["seed"],
        f(&rb["kendall_tau_b"]["median"], 3),
        f(&rb["kendall_tau_b"]["lo"], 3),
        f(&rb["kendall_tau_b"]["hi"], 3),
        f(&rb["top10_overlap"]["median"], 2),
        f(&rb["top10_overlap"]["lo"], 2),
        f(&rb["top10_overlap"]["hi"], 2),
    );
    s.push_str("<table><thead><tr><th>city</th><th>rank</th><th>leave-one-out ranks</th><th>bootstrap 95% ranks</th><th>P(top 10)</th></tr></thead><tbody>");
    for c in rb["top"].as_array().into_iter().flatten() {
        let _ = write!(
            s,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}–{}</td><td class=\"n\">{}–{}</td><td class=\"n\">{}</td></tr>",
            escape(c["city"].as_str().unwrap_or("")),
            c["rank"],
            c["loo_rank_min"],
            c["loo_rank_max"],
            f(&c["boot_rank_lo"], 1),
            f(&c["boot_rank_hi"], 1),
            f(&c["p_top10"], 2)
        );
    }
    s.push_str("</tbody></table>");
    if let Some(c) = a.get("connectivity") {
        let _ = write!(
            s,
            "<p><b>Connectivity</b> (GaWC interlocking network model, Taylor 2001, 2004): each city’s connectivity (strength in G) as a share of the largest in <code>connectivity.csv</code>, with its E–I index over its ties by {g} (Krackhardt &amp; Stern 1988); the strongest pairs in <code>dyads.csv</code>; the relative hinterworld of <b>{}</b>, the most connected city, in <code>hinterworld.csv</code> and <code>figures/hinterworld.svg</code>. By {g}:</p><table><thead><tr><th>{g}</th><th>cities</th><th>share of connectivity</th><th>E–I index</th></tr></thead><tbody>",
            escape(c["hinterworld_of"].as_str().unwrap_or("")),
            g = escape(c["group"].as_str().unwrap_or("")),
        );
        for g in c["groups"].as_array().into_iter().flatten() {
            let _ = write!(
                s,
                "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                escape(g["group"].as_str().unwrap_or("")),
                g["cities"],
                f(&g["gnc_share"], 3),
                f(&g["ei_index"], 3)
            );
        }
        s.push_str("</tbody></table>");
    }
    if let Some(b) = a.get("brokerage") {
        let _ = write!(
            s,
            "<p><b>Brokerage</b> between {} groups in the {} (Gould &amp; Fernandez 1989), counted as R’s <code>sna::brokerage</code>: every ordered open 2-path i–j–k through the city, so on these undirected ties each path counts in both directions and representative = gatekeeper. The ten largest totals (all cities and sna’s z-scores in <code>brokerage.csv</code>):</p><table><thead><tr><th>city</th><th>coordinator</th><th>consultant</th><th>representative</th><th>gatekeeper</th><th>liaison</th><th>total</th></tr></thead><tbody>",
            escape(b["group"].as_str().unwrap_or("")),
            escape(b["graph"].as_str().unwrap_or("")),
        );
        for c in b["top"].as_array().into_iter().flatten() {
            let _ = write!(
                s,
                "<tr><td>{}</td>",
                escape(c["city"].as_str().unwrap_or(""))
            );
            for role in crate::metrics::brokerage::ROLES {
                let _ = write!(s, "<td class=\"n\">{}</td>", c[role]);
            }
            s.push_str("</tr>");
        }
        s.push_str("</tbody></table>");
    }
    s.push_str("</section>");
    s
}
