//! `report.html`: one self-contained page with the summary, the figures, the top cities by each
//! metric, sortable tables, a methods paragraph with citations, and the data sources.
//!
//! **Self-contained.** Figures are embedded as SVG `data:` images, the style and the small
//! table-sorting script are inline, and a Content-Security-Policy forbids every network load
//! (`default-src 'none'`), so the file opens offline and can be mailed or archived as it is.
//! Source URLs are printed as text, not links. **Escaping.** Every string that comes from the
//! data (names, attributes, titles, sources, warnings) goes through [`escape`].

mod analyses;
mod methods;

use super::tables;
use super::template::fill_line as fill;
use super::Summary;
use crate::metrics::Column;
use crate::metrics::NodeTable;
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

pub use methods::method;

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

const STYLE: &str = include_str!("style.css");

const SCRIPT: &str = include_str!("sort.js");

/// Builds the report page: one function per section.
pub fn build(
    ds: &Dataset,
    summary: &Summary,
    cities: &NodeTable,
    programs: Option<&NodeTable>,
    figures: &[(String, String)],
) -> String {
    let mut s = String::with_capacity(64 * 1024);
    header(&mut s, summary, programs.is_some(), !figures.is_empty());
    summary_section(&mut s, summary);
    if !figures.is_empty() {
        figures_section(&mut s, summary, figures);
    }
    s.push_str(&analyses::html_section(&summary.analyses));
    top_section(&mut s, cities);
    table_sections(&mut s, cities, programs);
    methods::section(&mut s, ds, summary, cities);
    sources_section(&mut s, summary);
    let _ = writeln!(s, "</main><script>{SCRIPT}</script></body></html>");
    s
}

/// The document head, the title, the lead paragraphs and the navigation.
fn header(s: &mut String, summary: &Summary, programs: bool, figures: bool) {
    let title = escape(&summary.input.title);
    let as_of = summary.parameters.get("as_of").and_then(|v| v.as_i64());
    s.push_str(&fill(
        include_str!("head.html"),
        &[
            ("version", summary.tool.version),
            ("title", &title),
            ("style", STYLE),
        ],
    ));
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
    if figures {
        s.push_str("<a href=\"#figures\">Figures</a>");
    }
    if !summary.analyses.is_null() {
        s.push_str("<a href=\"#analyses\">Robustness</a>");
    }
    s.push_str("<a href=\"#top\">Top cities</a><a href=\"#cities\">All cities</a>");
    if programs {
        s.push_str("<a href=\"#programs\">Programs</a>");
    }
    s.push_str(
        "<a href=\"#methods\">Methods</a><a href=\"#sources\">Data sources</a></nav></header>",
    );
}

/// The input counts and the graph measures.
fn summary_section(s: &mut String, summary: &Summary) {
    let c = &summary.counts;
    let g = &summary.graph;
    s.push_str(&fill(
        include_str!("summary.html"),
        &[
            ("cities", &c.cities.to_string()),
            ("programs", &c.programs.to_string()),
            ("memberships", &c.memberships.to_string()),
            ("ties", &c.ties.to_string()),
            ("located", &c.cities_with_coordinates.to_string()),
            ("graph", &escape(&g.graph)),
            ("nodes", &g.nodes.to_string()),
            ("edges", &g.edges.to_string()),
            ("measures", &measures_table(&summary.measures)),
        ],
    ));
}

/// The figures, embedded as SVG images, with the other formats written beside them.
fn figures_section(s: &mut String, summary: &Summary, figures: &[(String, String)]) {
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

/// The ten highest-ranked cities by each metric (labels such as community left out).
fn top_section(s: &mut String, cities: &NodeTable) {
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
}

/// The full, sortable city and program tables.
fn table_sections(s: &mut String, cities: &NodeTable, programs: Option<&NodeTable>) {
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
}

/// The data sources and the warnings raised while reading the input.
fn sources_section(s: &mut String, summary: &Summary) {
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
            assert!(method(m, None).is_some(), "no methods text for {m}");
        }
    }
}
