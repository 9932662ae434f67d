//! The Methods section of `report.html`: what each column is and how it was computed, as the
//! pipeline recorded it ([`ColumnMethod`]), with the references cited.

use super::{escape, fill, NodeTable, Summary};
use crate::metrics::plan::ColumnMethod;
use crate::model::Dataset;
use std::fmt::Write as _;

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

/// Cited only when a column was computed through the quotient by structural twins.
const SARIYUCE: &str = "Sariyüce, A. E., Saule, E., Kaya, K., &amp; Çatalyürek, Ü. V. (2013). Shattering and compressing networks for betweenness centrality. In <i>Proceedings of the 2013 SIAM International Conference on Data Mining</i>. SIAM.";

/// Whether a column was computed through the quotient by twin classes.
fn through_twins(m: &ColumnMethod) -> bool {
    m.approximation.is_none() && m.via.contains("twin classes")
}

/// Cited only when a column was estimated from sampled shortest paths.
const RIONDATO: &str = "Riondato, M., &amp; Kornaropoulos, E. M. (2016). Fast approximation of betweenness centrality through sampling. <i>Data Mining and Knowledge Discovery</i>, 30(2), 438–475.";

/// What each metric column is (HTML, citations in parentheses), one line per column in
/// `methods.txt` (`name<TAB>text`); `{{how}}` is how betweenness was computed.
const METHODS: &str = include_str!("methods.txt");

/// What column `metric` is and how it was computed (HTML): `computed` is the pipeline's record
/// for the column (`None`: the exact kernel on the built G). `None` for unknown columns.
pub fn method(metric: &str, computed: Option<&ColumnMethod>) -> Option<String> {
    let text = METHODS
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .find(|(name, _)| *name == metric)
        .map(|(_, text)| text)?;
    let how = match computed.and_then(|m| m.approximation.as_ref()) {
        Some(_) => "estimated from a sample of shortest paths (Freeman 1977; Riondato &amp; Kornaropoulos 2016)",
        None if computed.is_some_and(through_twins) => "computed exactly with Brandes’ algorithm on the quotient of G by structural twins, cities with the same programs counted with their multiplicity (Freeman 1977; Brandes 2001; Sariyüce et al. 2013)",
        None => "computed with Brandes’ algorithm (Freeman 1977; Brandes 2001)",
    };
    let mut s = fill(text, &[("how", how)]);
    if let Some(m) = computed {
        s.push(' ');
        s.push_str(&how_computed(m));
    }
    Some(s)
}

/// One sentence on how a column or measure was computed, from the pipeline's record.
fn how_computed(m: &ColumnMethod) -> String {
    match &m.approximation {
        Some(a) => format!(
            "<i>Approximated</i> by {}: every value is within ε = {:.4} of the exact one except \
             with probability δ = {} ({} samples, seed {}; {}).",
            escape(a.estimator),
            a.epsilon,
            a.delta,
            a.samples,
            a.seed,
            escape(&a.notes)
        ),
        None => format!("<i>Computed exactly</i> ({}).", escape(&m.via)),
    }
}

/// The Methods section: the graphs read, the measures and how each was computed, the
/// references.
pub(super) fn section(s: &mut String, ds: &Dataset, summary: &Summary, cities: &NodeTable) {
    s.push_str("<section id=\"methods\" class=\"methods\"><h2>Methods</h2>");
    let c = &summary.counts;
    let g = &summary.graph;
    let two_mode = ds.is_two_mode();
    if two_mode {
        let ties = if c.ties > 0 {
            fill(
                include_str!("methods-ties.html"),
                &[("ties", &c.ties.to_string())],
            )
        } else {
            String::new()
        };
        let projection = if g.graph == "validated city projection" {
            format!("The measures use the validated projection: only the {} pairs the statistical test below keeps, weighted by their shared programs.", g.edges)
        } else {
            format!("G has {} edges, each weighted by {}. The measures use the whole projection: no backbone extraction (such as the disparity filter of Serrano et al. 2009) or weight threshold was applied, so every shared membership counts (figures may draw a filtered view; their captions say how).", g.edges, weighting_formula(summary))
        };
        s.push_str(&fill(
            include_str!("methods-two-mode.html"),
            &[
                ("cities", &c.cities.to_string()),
                ("programs", &c.programs.to_string()),
                ("memberships", &c.memberships.to_string()),
                ("projection", &projection),
                ("ties", &ties),
            ],
        ));
    } else {
        s.push_str(&fill(
            include_str!("methods-one-mode.html"),
            &[
                ("nodes", &g.nodes.to_string()),
                ("edges", &g.edges.to_string()),
            ],
        ));
    }
    analysis_choices(s, summary);
    if let Some(b) = &summary.backbone {
        backbone_paragraph(s, b);
    }
    if let Some(y) = summary.parameters.get("as_of").and_then(|v| v.as_i64()) {
        s.push_str(&fill(
            include_str!("methods-as-of.html"),
            &[("year", &y.to_string())],
        ));
    }
    let computed = |name: &str| summary.methods.iter().find(|m| m.column == name);
    let described: Vec<String> = cities
        .metrics
        .iter()
        .filter_map(|(n, _)| method(n, computed(n)))
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
    let measures: Vec<String> = summary
        .methods
        .iter()
        .filter_map(|m| Some((m.column.strip_prefix("measures.")?, m)))
        .map(|(name, m)| format!("{}: {}", escape(&name.replace('_', " ")), how_computed(m)))
        .collect();
    if !measures.is_empty() {
        let _ = write!(s, "<p>Graph measures: {}</p>", measures.join(" "));
    }
    s.push_str(include_str!("methods-closing.html").trim_end_matches('\n'));
    s.push_str("<h3>References</h3><ul class=\"refs\">");
    let mut references = REFERENCES.to_vec();
    let sampled = summary.methods.iter().any(|m| {
        m.approximation
            .as_ref()
            .is_some_and(|a| a.estimator.contains("Riondato"))
    });
    if sampled {
        references.push(("Riondato &amp; Kornaropoulos 2016", RIONDATO));
    }
    if summary.methods.iter().any(through_twins) {
        references.push(("Sariyüce et al. 2013", SARIYUCE));
    }
    references.sort_by_key(|r| r.0);
    for (_, full) in references {
        let _ = write!(s, "<li>{full}</li>");
    }
    s.push_str("</ul></section>");
}

/// The pair weight of G in words, from the summary's `weighting` parameter (`--weighting`).
fn weighting_formula(summary: &Summary) -> &'static str {
    use crate::graph::Weighting as W;
    let name = summary.parameters.get("weighting").and_then(|v| v.as_str());
    [W::Gawc, W::Count, W::Newman, W::Jaccard]
        .into_iter()
        .find(|w| Some(w.name()) == name)
        .unwrap_or(W::Gawc)
        .formula()
}

/// The choices of the analysis that change what the numbers are: filters, igraph's
/// conventions, an unfinished BiCM fit.
fn analysis_choices(s: &mut String, summary: &Summary) {
    let c = &summary.counts;
    if !c.filters.is_empty() {
        let _ = write!(
            s,
            "<p><b>Filters.</b> Applied after reading and before any graph, in this order: {}. The counts above are after them.</p>",
            escape(&crate::model::dataset::filters::describe_steps(&c.filters))
        );
    }
    if summary
        .parameters
        .get("convention")
        .and_then(|v| v.as_str())
        == Some("igraph")
    {
        s.push_str("<p><b>igraph's conventions.</b> The columns follow R/python-igraph's defaults instead of NetworkX's normalisations: betweenness and bip_betweenness are raw counts of shortest paths through a node, each unordered pair once (R: <code>betweenness(g, normalized = FALSE)</code>); closeness and bip_closeness are 1/Σd over the nodes a node can reach (igraph ≥ 1.3, <code>normalized = FALSE</code>; empty for a node that reaches none); eigenvector and bip_eigenvector are divided by their largest value (<code>eigen_centrality(g)$vector</code>, the largest over cities and programs for B). The descriptions below give NetworkX's forms, from which these are exact conversions.</p>");
    }
    if let Some(w) = summary.backbone.as_ref().and_then(|b| b.fit_warning()) {
        let _ = write!(
            s,
            "<p class=\"warning\"><b>Unfinished fit.</b> {}.</p>",
            escape(w.trim_start_matches("warning: "))
        );
    }
    if let Some(w) = summary
        .backbone
        .as_ref()
        .and_then(|b| b.most_kept_warning())
    {
        let _ = write!(
            s,
            "<p class=\"warning\"><b>Most pairs kept.</b> {}.</p>",
            escape(&w.trim_start_matches("warning: ").replacen("the", "The", 1))
        );
    }
}

/// The "Validated projection" paragraph: the test of the model used, the correction, the counts.
fn backbone_paragraph(s: &mut String, b: &crate::metrics::backbone::BackboneReport) {
    let test = match b.model.as_str() {
        "fixedrow" => "is the number of programs it shares larger than the two cities' numbers of memberships explain? Under the fixed-row model (R backbone's fixedrow) only the cities' numbers of memberships are fixed and every program is equally likely to be joined, whatever its size, so the shared count is hypergeometric and the p-value is its upper tail",
        "disparity" => "is its weight larger than the two cities' strengths explain? Under the disparity filter (Serrano et al. 2009) each tie's weight is compared with a uniform split of each endpoint's strength over its ties, and the p-value is the smaller of the two endpoints'",
        "threshold" => "No test was made: a pair is kept when it shares at least the threshold's number of programs",
        _ => "is the number of programs it shares larger than the two cities' numbers of memberships and the programs' sizes explain? Under the stochastic degree sequence model (Neal 2014) each membership is an independent coin with the bipartite configuration model's probability (Saracco et al. 2015), so the shared count is Poisson-binomial and the p-value is its exact upper tail",
    };
    let correction = match b.correction.as_str() {
        "fdr" => " (Benjamini &amp; Hochberg 1995 for the false discovery rate)",
        "none" => " (no correction: at α each of them may pass by chance with probability α)",
        _ => "",
    };
    if b.model == "threshold" {
        let _ = write!(
            s,
            "<p><b>Validated projection.</b> {}. {test}. The kept pairs are listed in backbone.csv.</p>",
            escape(&b.describe())
        );
        return;
    }
    let _ = write!(
        s,
        "<p><b>Validated projection.</b> {}. Each pair of cities sharing at least one program was tested: {test}; the p-values are corrected for the {} tests ({}) and a pair is kept when the adjusted p-value is below α{correction}. The kept pairs are listed in backbone.csv.</p>",
        escape(&b.describe()),
        b.n_tests,
        if b.tests == "all" { "all n(n−1)/2 city pairs, as the bicm package counts" } else { "the pairs sharing at least one program, as R backbone counts" }
    );
}
