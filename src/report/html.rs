//! `report.html`: one self-contained page with the summary, the figures, the top cities by each
//! metric, sortable tables, a methods paragraph with citations, and the data sources.
//!
//! **Self-contained.** Figures are embedded as SVG `data:` images, the style and the small
//! table-sorting script are inline, and a Content-Security-Policy forbids every network load
//! (`default-src 'none'`), so the file opens offline and can be mailed or archived as it is.
//! Source URLs are printed as text, not links. **Escaping.** Every string that comes from the
//! data (names, attributes, titles, sources, warnings) goes through [`escape`].

use super::tables;
use super::{NodeTable, Summary};
use crate::metrics::Column;
use crate::model::Dataset;
use std::fmt::Write as _;
use std::path::Path;

/// HTML-escapes text for element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&#39;"),
            c if c.is_control() && !matches!(c, '\n' | '\t') => s.push(' '),
            c => s.push(c),
        }
    }
    s
}

/// Base64 (standard alphabet, padded).
pub fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        out.push(A[(n >> 18) as usize & 63] as char);
        out.push(A[(n >> 12) as usize & 63] as char);
        out.push(if chunk.len() > 1 {
            A[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if chunk.len() > 2 {
            A[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

/// The SVG figures among `figures` (paths relative to `dir`), as `(name, SVG text)`.
pub fn read_svgs(dir: &Path, figures: &[String]) -> Vec<(String, String)> {
    figures
        .iter()
        .filter(|f| f.ends_with(".svg"))
        .filter_map(|f| {
            let text = std::fs::read_to_string(dir.join(f)).ok()?;
            let name = Path::new(f)
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_else(|| f.clone());
            Some((name, text))
        })
        .collect()
}

/// Width / height of an SVG from its `viewBox` (or `width`/`height`) attribute.
pub fn aspect(svg: &str) -> Option<f64> {
    let start = svg.find("<svg")?;
    let tag = svg[start..start + svg[start..].find('>')?].replace(['\n', '\r', '\t'], " ");
    let attr = |name: &str| {
        let i = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        let j = tag[i..].find('"')?;
        Some(&tag[i..i + j])
    };
    let num = |v: &str| {
        v.trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .parse::<f64>()
            .ok()
    };
    let (w, h) = match attr("viewBox") {
        Some(vb) => {
            let v: Vec<f64> = vb
                .split([' ', ','])
                .filter_map(|x| x.parse().ok())
                .collect();
            (*v.get(2)?, *v.get(3)?)
        }
        None => (num(attr("width")?)?, num(attr("height")?)?),
    };
    (w > 0.0 && h > 0.0).then_some(w / h)
}

/// A reference: key, full citation.
const REFERENCES: &[(&str, &str)] = &[
    ("Benjamini &amp; Hochberg 1995", "Benjamini, Y., &amp; Hochberg, Y. (1995). Controlling the false discovery rate: a practical and powerful approach to multiple testing. <i>Journal of the Royal Statistical Society: Series B</i>, 57(1), 289–300."),
    ("Blondel et al. 2008", "Blondel, V. D., Guillaume, J.-L., Lambiotte, R., &amp; Lefebvre, E. (2008). Fast unfolding of communities in large networks. <i>Journal of Statistical Mechanics: Theory and Experiment</i>, 2008(10), P10008."),
    ("Boldi &amp; Vigna 2014", "Boldi, P., &amp; Vigna, S. (2014). Axioms for centrality. <i>Internet Mathematics</i>, 10(3–4), 222–262."),
    ("Bonacich 1972", "Bonacich, P. (1972). Factoring and weighting approaches to status scores and clique identification. <i>Journal of Mathematical Sociology</i>, 2(1), 113–120."),
    ("Borgatti &amp; Everett 1997", "Borgatti, S. P., &amp; Everett, M. G. (1997). Network analysis of 2-mode data. <i>Social Networks</i>, 19(3), 243–269."),
    ("Borgatti &amp; Halgin 2011", "Borgatti, S. P., &amp; Halgin, D. S. (2011). Analyzing affiliation networks. In J. Scott &amp; P. J. Carrington (Eds.), <i>The SAGE Handbook of Social Network Analysis</i> (pp. 417–433). SAGE."),
    ("Borgatti, Carley &amp; Krackhardt 2006", "Borgatti, S. P., Carley, K. M., &amp; Krackhardt, D. (2006). On the robustness of centrality measures under conditions of imperfect data. <i>Social Networks</i>, 28(2), 124–136."),
    ("Brandes 2001", "Brandes, U. (2001). A faster algorithm for betweenness centrality. <i>Journal of Mathematical Sociology</i>, 25(2), 163–177."),
    ("Burt 1992", "Burt, R. S. (1992). <i>Structural Holes: The Social Structure of Competition</i>. Harvard University Press."),
    ("Freeman 1977", "Freeman, L. C. (1977). A set of measures of centrality based on betweenness. <i>Sociometry</i>, 40(1), 35–41."),
    ("Freeman 1979", "Freeman, L. C. (1979). Centrality in social networks: Conceptual clarification. <i>Social Networks</i>, 1(3), 215–239."),
    ("Gould &amp; Fernandez 1989", "Gould, R. V., &amp; Fernandez, R. M. (1989). Structures of mediation: A formal approach to brokerage in transaction networks. <i>Sociological Methodology</i>, 19, 89–126."),
    ("Hagberg et al. 2008", "Hagberg, A. A., Schult, D. A., &amp; Swart, P. J. (2008). Exploring network structure, dynamics, and function using NetworkX. In <i>Proceedings of the 7th Python in Science Conference (SciPy 2008)</i> (pp. 11–15)."),
    ("Krackhardt &amp; Stern 1988", "Krackhardt, D., &amp; Stern, R. N. (1988). Informal networks and organizational crises: An experimental simulation. <i>Social Psychology Quarterly</i>, 51(2), 123–140."),
    ("Latapy et al. 2008", "Latapy, M., Magnien, C., &amp; Del Vecchio, N. (2008). Basic notions for the analysis of large two-mode networks. <i>Social Networks</i>, 30(1), 31–48."),
    ("Marchiori &amp; Latora 2000", "Marchiori, M., &amp; Latora, V. (2000). Harmony in the small-world. <i>Physica A</i>, 285(3–4), 539–546."),
    ("Martin &amp; Niemeyer 2019", "Martin, C., &amp; Niemeyer, P. (2019). Influence of measurement errors on networks: Estimating the robustness of centrality measures. <i>Network Science</i>, 7(2), 180–195."),
    ("Neal 2014", "Neal, Z. (2014). The backbone of bipartite projections: Inferring relationships from co-authorship, co-sponsorship, co-attendance and other co-behaviors. <i>Social Networks</i>, 39, 84–97."),
    ("Page et al. 1999", "Page, L., Brin, S., Motwani, R., &amp; Winograd, T. (1999). <i>The PageRank citation ranking: Bringing order to the web</i> (Technical Report 1999-66). Stanford InfoLab."),
    ("Saracco et al. 2015", "Saracco, F., Di Clemente, R., Gabrielli, A., &amp; Squartini, T. (2015). Randomizing bipartite networks: the case of the World Trade Web. <i>Scientific Reports</i>, 5, 10595."),
    ("Seidman 1983", "Seidman, S. B. (1983). Network structure and minimum degree. <i>Social Networks</i>, 5(3), 269–287."),
    ("Serrano et al. 2009", "Serrano, M. Á., Boguñá, M., &amp; Vespignani, A. (2009). Extracting the multiscale backbone of complex weighted networks. <i>Proceedings of the National Academy of Sciences</i>, 106(16), 6483–6488."),
    ("Taylor 2001", "Taylor, P. J. (2001). Specification of the world city network. <i>Geographical Analysis</i>, 33(2), 181–194."),
    ("Taylor 2004", "Taylor, P. J. (2004). <i>World City Network: A Global Urban Analysis</i>. Routledge."),
    ("Wasserman &amp; Faust 1994", "Wasserman, S., &amp; Faust, K. (1994). <i>Social Network Analysis: Methods and Applications</i>. Cambridge University Press."),
    ("Watts &amp; Strogatz 1998", "Watts, D. J., &amp; Strogatz, S. H. (1998). Collective dynamics of ‘small-world’ networks. <i>Nature</i>, 393(6684), 440–442."),
];

/// What each metric column is (HTML, citations in parentheses). `None` for unknown columns.
pub fn method(metric: &str) -> Option<&'static str> {
    Some(match metric {
        "programs" => "<b>programs</b>: the number of programs a city belongs to (its degree in B).",
        "degree" => "<b>degree</b>: the number of distinct cities a city is joined to in G (Freeman 1979).",
        "strength" => "<b>strength</b>: the sum of the weights of a city’s edges in G; with valued memberships, the interlocking connectivity of the GaWC world-city-network model (Taylor 2001).",
        "betweenness" => "<b>betweenness</b>: the share of shortest paths between other pairs of cities that pass through a city, c<sub>B</sub>(v) = 2/((n−1)(n−2)) Σ<sub>s&lt;t</sub> σ<sub>st</sub>(v)/σ<sub>st</sub>, on hop counts (edge weights ignored), computed with Brandes’ algorithm (Freeman 1977; Brandes 2001).",
        "closeness" => "<b>closeness</b>: the inverse mean hop distance to the cities a city can reach, scaled by the share of cities it can reach, ((r−1)/Σ d)·((r−1)/(n−1)), the correction for disconnected graphs of Wasserman &amp; Faust (1994) (Freeman 1979).",
        "harmonic" => "<b>harmonic</b>: the mean inverse hop distance to every other city, (1/(n−1)) Σ 1/d(v,u), unreachable cities counting 0 (Marchiori &amp; Latora 2000; Boldi &amp; Vigna 2014).",
        "eigenvector" => "<b>eigenvector</b>: the leading eigenvector of the weighted adjacency matrix of G, unit Euclidean norm, by power iteration (Bonacich 1972).",
        "pagerank" => "<b>pagerank</b>: PageRank on the weighted G with damping 0.85 and uniform teleportation (Page et al. 1999).",
        "clustering" => "<b>clustering</b>: the local clustering coefficient, the share of pairs of a city’s neighbours that are themselves joined, unweighted (Watts &amp; Strogatz 1998).",
        "core" => "<b>core</b>: the k-core number, the largest k such that the city belongs to a subgraph of G in which every city has degree at least k (Seidman 1983).",
        "reach_2" => "<b>reach_2</b>: the share of other cities within two hops in G.",
        "component" => "<b>component</b>: the connected component of G a city belongs to (0 = the largest).",
        "community" => "<b>community</b>: communities of G found by Louvain modularity optimisation on edge weights, resolution 1, seed 1, best of several seeded runs (Blondel et al. 2008); 0 = the largest community.",
        "bip_degree" => "<b>bip_degree</b>: the number of programs a city belongs to divided by the number of programs (Borgatti &amp; Everett 1997).",
        "bip_betweenness" => "<b>bip_betweenness</b>: betweenness in the two-mode graph B, normalised by the largest value possible for a city in a two-mode graph of this size (Borgatti &amp; Everett 1997; Borgatti &amp; Halgin 2011).",
        "bip_closeness" => "<b>bip_closeness</b>: closeness in the two-mode graph B, normalised by the smallest distance sum possible for a city in a two-mode graph (Borgatti &amp; Everett 1997).",
        "bip_clustering" => "<b>bip_clustering</b>: two-mode clustering, the mean overlap |N(u)∩N(v)|/|N(u)∪N(v)| of a city’s programs with those of the cities sharing a program with it (Latapy et al. 2008).",
        "ties" => "<b>ties</b>: the number of cities a city is tied to directly (twinning, agreements…).",
        "constraint" => "<b>constraint</b>: Burt’s network constraint, Σ<sub>j</sub> (p<sub>ij</sub> + Σ<sub>q</sub> p<sub>iq</sub>p<sub>qj</sub>)² with p<sub>ij</sub> = w<sub>ij</sub>/Σ<sub>k</sub> w<sub>ik</sub>: how much a city’s ties lead to cities tied to each other (Burt 1992); empty for isolates.",
        "effective_size" => "<b>effective_size</b>: Burt’s effective size, the number of a city’s contacts less their redundancy, Σ<sub>j</sub> (1 − Σ<sub>q</sub> p<sub>iq</sub>m<sub>jq</sub>) with m<sub>jq</sub> = w<sub>jq</sub>/max<sub>k</sub> w<sub>jk</sub> (Burt 1992); empty for isolates.",
        "tie_strength" => "<b>tie_strength</b>: the sum of the weights of a city’s direct ties.",
        _ => return None,
    })
}

/// Metric columns that are labels, not scores (no top-10 list).
const LABELS: &[&str] = &["component", "community"];

/// Decimals to show for a column: 0 when every value is a whole number, else 4.
fn decimals(c: &Column) -> usize {
    match c {
        Column::Int(_) => 0,
        Column::Float(v) => {
            if v.iter().all(|x| !x.is_finite() || x.fract() == 0.0) {
                0
            } else {
                4
            }
        }
    }
}

/// A value as shown (rounded) and as sorted (full precision).
fn number(c: &Column, i: usize, decimals: usize) -> (String, String) {
    match c {
        Column::Int(v) => (v[i].to_string(), v[i].to_string()),
        Column::Float(v) if v[i].is_nan() => (String::new(), String::new()),
        Column::Float(v) => (tables::format_number(c, i, decimals), format!("{}", v[i])),
    }
}

fn measures_table(measures: &serde_json::Value) -> String {
    let mut s = String::new();
    if let serde_json::Value::Object(map) = measures {
        for (k, v) in map {
            if k == "nodes" || k == "edges" {
                continue; // shown above the measures
            }
            let shown = match v {
                serde_json::Value::Number(n) => match (n.as_i64(), n.as_f64()) {
                    (Some(i), _) => i.to_string(),
                    (None, Some(x)) => format!("{x:.4}"),
                    _ => n.to_string(),
                },
                serde_json::Value::Null => "—".into(),
                serde_json::Value::String(t) => t.clone(),
                other => other.to_string(),
            };
            let _ = write!(
                s,
                "<tr><th scope=\"row\">{}</th><td class=\"n\">{}</td></tr>",
                escape(&k.replace('_', " ")),
                escape(&shown)
            );
        }
    }
    s
}

/// At most this many rows in the report's full tables (the CSV files have every row).
pub const MAX_ROWS: usize = 3000;

/// A sortable table of a node table: text columns `keep_text`, then every metric column. Past
/// [`MAX_ROWS`] rows, only the rows of highest `degree` (or first metric) are shown.
fn node_table(t: &NodeTable, keep_text: &[&str], id: &str) -> String {
    let mut rows: Vec<usize> = (0..t.len()).collect();
    let mut note = String::new();
    if t.len() > MAX_ROWS {
        if let Some((name, c)) = t
            .metric("degree")
            .map(|c| ("degree", c))
            .or_else(|| t.metrics.first().map(|(n, c)| (n.as_str(), c)))
        {
            rows.sort_by(|&a, &b| {
                c.get_f64(b)
                    .partial_cmp(&c.get_f64(a))
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(a.cmp(&b))
            });
            note = format!(
                "<p>Showing the {MAX_ROWS} rows of highest {} of {}; every row is in the CSV file.</p>",
                escape(name),
                t.len()
            );
        }
        rows.truncate(MAX_ROWS);
    }
    let text: Vec<&(String, Vec<String>)> = t
        .text
        .iter()
        .filter(|(n, v)| keep_text.contains(&n.as_str()) && v.iter().any(|x| !x.is_empty()))
        .collect();
    let dec: Vec<usize> = t.metrics.iter().map(|(_, c)| decimals(c)).collect();
    let mut s =
        format!("{note}<div class=\"scroll\"><table class=\"sortable\" id=\"{id}\"><thead><tr>");
    for (n, _) in &text {
        let _ = write!(s, "<th scope=\"col\">{}</th>", escape(n));
    }
    for (n, _) in &t.metrics {
        let _ = write!(s, "<th scope=\"col\" class=\"n\">{}</th>", escape(n));
    }
    s.push_str("</tr></thead><tbody>");
    for i in rows {
        s.push_str("<tr>");
        for (_, v) in &text {
            let _ = write!(s, "<td>{}</td>", escape(&v[i]));
        }
        for ((_, c), &d) in t.metrics.iter().zip(&dec) {
            let (shown, raw) = number(c, i, d);
            let _ = write!(
                s,
                "<td class=\"n\" data-v=\"{}\">{}</td>",
                escape(&raw),
                shown
            );
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table></div>");
    s
}

const STYLE: &str = r#"
:root{--fg:#1b1b1b;--muted:#555;--line:#d8d8d8;--accent:#0072B2;--bg:#fff;--zebra:#f6f7f9}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:1180px;margin:0 auto;padding:24px 28px 60px}
h1{font-size:1.7em;margin:.2em 0 .1em}h2{font-size:1.25em;margin:1.8em 0 .5em;border-bottom:2px solid var(--accent);padding-bottom:.15em}
h3{font-size:1em;margin:.2em 0 .4em}
p.lead{color:var(--muted);margin:.2em 0 1em}
nav{font-size:.9em;color:var(--muted)}nav a{color:var(--accent);margin-right:.9em;text-decoration:none}
table{border-collapse:collapse;font-size:.88em;font-variant-numeric:tabular-nums}
th,td{padding:3px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
td.n,th.n{text-align:right}
tbody tr:nth-child(even){background:var(--zebra)}
table.sortable th{cursor:pointer;user-select:none;white-space:nowrap;position:sticky;top:0;background:#eef2f6}
table.sortable th[aria-sort=ascending]::after{content:" ▲"}table.sortable th[aria-sort=descending]::after{content:" ▼"}
.scroll{max-height:560px;overflow:auto;border:1px solid var(--line)}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:14px 22px}
.card{border:1px solid var(--line);border-radius:6px;padding:8px 10px}
.card table{width:100%}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:20px}
figure{margin:0}figure img{display:block;width:100%;height:auto;max-height:92vh;object-fit:contain;border:1px solid var(--line);background:#fff}
.figs figure.wide{grid-column:1/-1}
.figs{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:22px 26px;align-items:start}
figcaption{color:var(--muted);font-size:.9em}
.methods p,.methods li{max-width:92ch}.refs li{margin-bottom:.3em;max-width:90ch}
code{font-size:.9em;background:#f0f0f0;padding:0 3px;border-radius:3px;word-break:break-all}
@media (max-width:800px){.cols{grid-template-columns:1fr}}
@media print{.scroll{max-height:none;overflow:visible}nav{display:none}}
"#;

const SCRIPT: &str = r#"
document.querySelectorAll("table.sortable").forEach(function (t) {
  var heads = t.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, i) {
    th.setAttribute("aria-sort", "none");
    th.title = "Sort by this column";
    th.addEventListener("click", function () {
      var asc = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(heads, function (h) { h.setAttribute("aria-sort", "none"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var body = t.tBodies[0], rows = Array.prototype.slice.call(body.rows);
      function key(r) { var c = r.cells[i]; return c.hasAttribute("data-v") ? c.getAttribute("data-v") : c.textContent; }
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        if (x === "" || y === "") { return (x === "") - (y === ""); }
        var p = parseFloat(x), q = parseFloat(y), c;
        if (!isNaN(p) && !isNaN(q) && isFinite(x) && isFinite(y)) { c = p - q; } else { c = x.localeCompare(y); }
        return asc ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});
"#;

/// Builds the report page.
pub fn build(
    ds: &Dataset,
    summary: &Summary,
    cities: &NodeTable,
    programs: Option<&NodeTable>,
    figures: &[(String, String)],
) -> String {
    let title = escape(&summary.input.title);
    let as_of = summary.parameters.get("as_of").and_then(|v| v.as_i64());
    let mut s = String::with_capacity(64 * 1024);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"generator\" content=\"citynet {}\"><title>{title} — citynet report</title><style>{STYLE}</style></head><body><main>",
        summary.tool.version
    );
    let _ = write!(s, "<header><h1>{title}</h1>");
    if !summary.input.description.is_empty() {
        let _ = write!(
            s,
            "<p class=\"lead\">{}</p>",
            escape(&summary.input.description)
        );
    }
    let _ = write!(
        s,
        "<p class=\"lead\">Input <code>{}</code> ({}), analysed by citynet {}{}.</p>",
        escape(&summary.input.path),
        escape(&summary.input.kind),
        escape(summary.tool.version),
        as_of
            .map(|y| format!(", <b>as the network stood in {y}</b>"))
            .unwrap_or_default()
    );
    s.push_str("<nav><a href=\"#summary\">Summary</a>");
    if !figures.is_empty() {
        s.push_str("<a href=\"#figures\">Figures</a>");
    }
    if !summary.analyses.is_null() {
        s.push_str("<a href=\"#analyses\">Robustness</a>");
    }
    s.push_str("<a href=\"#top\">Top cities</a><a href=\"#cities\">All cities</a>");
    if programs.is_some() {
        s.push_str("<a href=\"#programs\">Programs</a>");
    }
    s.push_str(
        "<a href=\"#methods\">Methods</a><a href=\"#sources\">Data sources</a></nav></header>",
    );

    // Summary.
    let c = &summary.counts;
    let g = &summary.graph;
    let _ = write!(
        s,
        "<section id=\"summary\"><h2>Summary</h2><div class=\"cols\"><div><h3>Input</h3><table><tbody>\
         <tr><th scope=\"row\">cities</th><td class=\"n\">{}</td></tr>\
         <tr><th scope=\"row\">programs</th><td class=\"n\">{}</td></tr>\
         <tr><th scope=\"row\">memberships</th><td class=\"n\">{}</td></tr>\
         <tr><th scope=\"row\">direct ties</th><td class=\"n\">{}</td></tr>\
         <tr><th scope=\"row\">cities with coordinates</th><td class=\"n\">{}</td></tr>\
         </tbody></table></div><div><h3>Graph G ({})</h3><table><tbody>\
         <tr><th scope=\"row\">nodes</th><td class=\"n\">{}</td></tr><tr><th scope=\"row\">edges</th><td class=\"n\">{}</td></tr>{}</tbody></table></div></div></section>",
        c.cities,
        c.programs,
        c.memberships,
        c.ties,
        c.cities_with_coordinates,
        escape(&g.graph),
        g.nodes,
        g.edges,
        measures_table(&summary.measures)
    );

    // Figures.
    if !figures.is_empty() {
        s.push_str("<section id=\"figures\"><h2>Figures</h2><div class=\"figs\">");
        for (name, svg) in figures {
            let start = svg.find("<svg").unwrap_or(0);
            // The other formats written beside the SVG.
            let others: Vec<String> = summary
                .figures
                .iter()
                .filter_map(|f| {
                    let p = Path::new(f);
                    let stem = p.file_stem()?.to_str()?;
                    let ext = p.extension()?.to_str()?;
                    (stem == name && ext != "svg").then(|| ext.to_uppercase())
                })
                .collect();
            let also = if others.is_empty() {
                String::new()
            } else {
                format!("; also {}", others.join(", "))
            };
            let class = if aspect(svg).is_some_and(|a| a > 1.4) {
                " class=\"wide\""
            } else {
                ""
            };
            let _ = write!(
                s,
                "<figure{class}><img alt=\"figure {n}\" src=\"data:image/svg+xml;base64,{}\"><figcaption><code>figures/{n}.svg</code>{also}</figcaption></figure>",
                base64(&svg.as_bytes()[start..]),
                n = escape(name)
            );
        }
        s.push_str("</div></section>");
    }

    s.push_str(&super::analyses::html_section(&summary.analyses));

    // Top cities by each metric.
    s.push_str("<section id=\"top\"><h2>Top cities by each metric</h2><p>Ten highest-ranked cities; equal values share a rank (1, 2, 2, 4).</p><div class=\"grid\">");
    for (name, _) in &cities.metrics {
        if LABELS.contains(&name.as_str()) {
            continue;
        }
        let d = cities.metric(name).map_or(4, decimals);
        let Ok(t) = tables::ranked(cities, name, &[], 10, d) else {
            continue;
        };
        let _ = write!(
            s,
            "<div class=\"card\"><h3>{}</h3><table><thead><tr><th class=\"n\">#</th><th>city</th><th class=\"n\">value</th></tr></thead><tbody>",
            escape(name)
        );
        let has_country = t.headers.iter().any(|h| h == "country");
        for r in t.rows.iter().take(12) {
            let city = if has_country && !r[2].is_empty() {
                format!(
                    "{} <span style=\"color:#666\">({})</span>",
                    escape(&r[1]),
                    escape(&r[2])
                )
            } else {
                escape(&r[1])
            };
            let _ = write!(
                s,
                "<tr><td class=\"n\">{}</td><td>{city}</td><td class=\"n\">{}</td></tr>",
                r[0],
                escape(r.last().map(String::as_str).unwrap_or(""))
            );
        }
        if t.rows.len() > 12 {
            let _ = write!(
                s,
                "<tr><td></td><td colspan=\"2\" style=\"color:#666\">… {} more tied</td></tr>",
                t.rows.len() - 12
            );
        }
        s.push_str("</tbody></table></div>");
    }
    s.push_str("</div></section>");

    // Full tables.
    let _ = write!(
        s,
        "<section id=\"cities\"><h2>All cities</h2><p>Click a column heading to sort. The same values, in full precision, are in <code>cities.csv</code>.</p>{}</section>",
        node_table(cities, &["city", "country", "node"], "city-table")
    );
    if let Some(p) = programs {
        let _ = write!(
            s,
            "<section id=\"programs\"><h2>Programs</h2>{}</section>",
            node_table(
                p,
                &["program", "kind", "theme", "scope", "founded"],
                "program-table"
            )
        );
    }

    // Methods.
    s.push_str("<section id=\"methods\" class=\"methods\"><h2>Methods</h2>");
    let two_mode = ds.is_two_mode();
    if two_mode {
        let _ = write!(
            s,
            "<p>The data were read as a two-mode (bipartite) network B of {} cities and {} programs joined by {} memberships, each with weight w(c,p) (1 unless given). The city projection G joins two cities that share at least one program, with weight Σ<sub>p</sub> w(a,p)·w(b,p): with unit weights, the number of programs they share; with valued memberships, the interlocking-network connectivity of Taylor (2001). {}{}</p>",
            c.cities,
            c.programs,
            c.memberships,
            if g.graph == "validated city projection" {
                format!("The measures use the validated projection: only the {} pairs the statistical test below keeps, weighted by their shared programs.", g.edges)
            } else {
                format!("G has {} edges. The measures use the whole projection: no backbone extraction (such as the disparity filter of Serrano et al. 2009) or weight threshold was applied, so every shared membership counts (figures may draw a filtered view; their captions say how).", g.edges)
            },
            if c.ties > 0 {
                format!(" The {} direct city–city ties (twinning, agreements and similar) form a separate layer, measured by the <i>ties</i> and <i>tie_strength</i> columns.", c.ties)
            } else {
                String::new()
            }
        );
    } else {
        let _ = write!(
            s,
            "<p>The data were read as a one-mode network G of {} cities joined by {} weighted edges (repeated edges summed).</p>",
            g.nodes, g.edges
        );
    }
    if let Some(b) = &summary.backbone {
        let _ = write!(
            s,
            "<p><b>Validated projection.</b> {}. Each pair of cities sharing at least one program was tested: is the number of programs it shares larger than the two cities' numbers of memberships and the programs' sizes explain? Under the stochastic degree sequence model (Neal 2014) each membership is an independent coin with the bipartite configuration model's probability (Saracco et al. 2015), so the shared count is Poisson-binomial and the p-value is its exact upper tail; the p-values are corrected for the {} tests ({}) and a pair is kept when the adjusted p-value is below α (Benjamini &amp; Hochberg 1995 for the false discovery rate). The kept pairs are listed in backbone.csv.</p>",
            escape(&b.describe()),
            b.n_tests,
            if b.tests == "all" { "all n(n−1)/2 city pairs, as the bicm package counts" } else { "the pairs sharing at least one program, as R backbone counts" }
        );
    }
    if let Some(y) = as_of {
        let _ = write!(
            s,
            "<p>The network was analysed as it stood in {y}: a membership or tie counts when its start year is empty or at most {y} and its end year is empty or at least {y}; cities without any membership or tie that year were kept as isolated nodes.</p>"
        );
    }
    let described: Vec<&str> = cities
        .metrics
        .iter()
        .filter_map(|(n, _)| method(n))
        .collect();
    if !described.is_empty() {
        let _ = write!(
            s,
            "<p>For each city citynet computed the following measures{}:</p><ul>",
            if two_mode {
                " on G, and on B for the two-mode (bip_) measures"
            } else {
                " on G"
            }
        );
        for d in described {
            let _ = write!(s, "<li>{d}</li>");
        }
        s.push_str("</ul>");
    }
    s.push_str("<p>Path-based measures use hop counts (edge weights are ignored). citynet’s measures are tested against the corresponding NetworkX functions (Hagberg et al. 2008) on reference graphs. Standard definitions follow Wasserman &amp; Faust (1994).</p>");
    s.push_str("<h3>References</h3><ul class=\"refs\">");
    for (_, full) in REFERENCES {
        let _ = write!(s, "<li>{full}</li>");
    }
    s.push_str("</ul></section>");

    // Sources.
    s.push_str("<section id=\"sources\"><h2>Data sources</h2>");
    if summary.input.sources.is_empty() {
        s.push_str("<p>The input names no sources (a network folder states them in <code>network.toml</code>).</p>");
    } else {
        s.push_str("<ul>");
        for src in &summary.input.sources {
            let mut line = format!("<b>{}</b>", escape(&src.name));
            if !src.url.is_empty() {
                let _ = write!(line, " — <code>{}</code>", escape(&src.url));
            }
            if !src.date.is_empty() {
                let _ = write!(line, " ({})", escape(&src.date));
            }
            if !src.licence.is_empty() {
                let _ = write!(line, "; licence: {}", escape(&src.licence));
            }
            let _ = write!(s, "<li>{line}</li>");
        }
        s.push_str("</ul>");
    }
    if !summary.warnings.is_empty() {
        let _ = write!(
            s,
            "<details><summary>{} warning(s) while reading the input</summary><ul>",
            summary.warnings.len()
        );
        for w in &summary.warnings {
            let _ = write!(s, "<li>{}</li>", escape(w));
        }
        s.push_str("</ul></details>");
    }
    s.push_str("</section>");
    let _ = writeln!(s, "</main><script>{SCRIPT}</script></body></html>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn svg_aspect() {
        assert_eq!(
            aspect(
                "<?xml?><svg width=\"200pt\" height=\"100pt\" viewBox=\"0.00 0.00 400.00 100.00\">"
            ),
            Some(4.0)
        );
        assert_eq!(aspect("<svg width=\"300\" height=\"150\">"), Some(2.0));
        assert_eq!(
            aspect("<svg width=\"509pt\" height=\"332pt\"\n viewBox=\"0.00 0.00 509.40 332.00\">"),
            Some(509.4 / 332.0)
        );
        assert_eq!(aspect("<p>"), None);
    }

    #[test]
    fn escape_neutralises_markup() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }

    #[test]
    fn every_metric_has_a_method() {
        for m in crate::model::metric_names::known_metrics() {
            assert!(method(m).is_some(), "no methods text for {m}");
        }
    }
}
