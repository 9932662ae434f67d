//! `summary.json` and `summary.md`: what was read, what was computed, with which parameters.

use serde::Serialize;
use std::fmt::Write as _;

/// Input counts.
#[derive(Debug, Clone, Serialize)]
pub struct Counts {
    pub cities: usize,
    pub programs: usize,
    pub memberships: usize,
    pub ties: usize,
    pub cities_with_coordinates: usize,
    /// Cities placed from the GeoNames gazetteer (when geocoding ran and placed any).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cities_geocoded: Option<usize>,
    /// Cities listed in `review.csv` (ambiguous or unmatched), when geocoding ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cities_to_review: Option<usize>,
    /// Rows of a membership table or edge list: read, used, and rejected (listed in
    /// rejected.csv). Absent for network folders and graph files, which are read strictly.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<RowCounts>,
    /// The filters applied after reading, in order, with what each removed (the counts above
    /// are after them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub filters: Vec<crate::model::dataset::filter_step::FilterStep>,
    /// What the place stage of a membership table did (merges, GeoNames ids, checks).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub places: Option<PlaceCounts>,
    /// The programs table read beside a membership table (`--programs`): its rows, its
    /// programs without members, the programs of the memberships it does not list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub programs_table: Option<crate::model::dataset::program_table::ProgramsTableReport>,
}

/// What the place stage of a membership table did.
#[derive(Debug, Clone, Serialize)]
pub struct PlaceCounts {
    /// Cities before names of one place were merged (after spellings that differ only by
    /// accents or case were).
    pub cities_before_merging_places: usize,
    /// Cities made of several spellings or places (listed in merges.csv).
    pub merged_cities: usize,
    /// Cities with a GeoNames id (`geonames_id` in cities.csv).
    pub cities_with_geonames_id: usize,
    /// Cities whose coordinates lie outside their country (review.csv).
    pub coordinates_outside_country: usize,
    /// Of those, cities placed at their GeoNames place instead.
    pub coordinates_replaced: usize,
    /// Cities without a country kept apart from a namesake, and the namesakes (review.csv).
    pub namesakes_kept_apart: usize,
    /// Program names that look wrong (review.csv).
    pub program_names_to_review: usize,
    /// Cities named by rows without a program: kept, of degree 0.
    pub cities_in_no_program: usize,
    /// The largest merges (most spellings, then most rows): "Name, Country: a ×n, b ×m".
    pub largest_merges: Vec<String>,
    /// Whether memberships.csv is written (memberships with years, roles or own columns).
    pub memberships_csv: bool,
}

impl PlaceCounts {
    /// The counts of a place report of `ds`.
    pub fn of(ds: &crate::model::Dataset) -> Option<PlaceCounts> {
        let p = ds.places.as_ref()?;
        let status = |st: &str| p.review.iter().filter(|r| r.status == st).count();
        let mut merges: Vec<&crate::model::identity::placement::MergeRecord> =
            p.merges.iter().collect();
        merges.sort_by(|a, b| {
            (b.spellings.len(), b.lines.len()).cmp(&(a.spellings.len(), a.lines.len()))
        });
        let largest_merges = merges
            .iter()
            .take(10)
            .map(|m| {
                let sp: Vec<String> = m
                    .spellings
                    .iter()
                    .map(|(s, k)| format!("{s} ×{k}"))
                    .collect();
                format!("{}: {}", ds.city_label(m.city as usize), sp.join(", "))
            })
            .collect();
        Some(PlaceCounts {
            cities_before_merging_places: p.cities_before,
            merged_cities: p.merges.len(),
            cities_with_geonames_id: p.matched,
            coordinates_outside_country: status("coordinates"),
            coordinates_replaced: p.corrected.len(),
            namesakes_kept_apart: status("namesake"),
            program_names_to_review: status("program"),
            cities_in_no_program: p.no_program,
            largest_merges,
            memberships_csv: super::places_out::has_membership_columns(ds),
        })
    }
}

/// What became of the rows of a membership table or edge list.
#[derive(Debug, Clone, Serialize)]
pub struct RowCounts {
    pub read: usize,
    pub used: usize,
    pub rejected: usize,
    /// Cells left out of rows that count (an incidence matrix's text cells), also listed in
    /// rejected.csv.
    #[serde(skip_serializing_if = "is_zero")]
    pub cells_rejected: usize,
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Size of the one-mode graph G and, for two-mode inputs, of the projection before building it.
#[derive(Debug, Clone, Serialize)]
pub struct GraphSize {
    /// What G is: "city projection" or "tie graph".
    pub graph: String,
    pub nodes: usize,
    pub edges: usize,
    /// Upper bound on projection edges, Σ_p k_p(k_p−1)/2 (two-mode inputs only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub projection_max_edges: Option<u64>,
    /// Edges of the program projection (two-mode inputs only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub program_projection_edges: Option<usize>,
    /// Whether G was built (false: the projection was too large and was used through the
    /// two-mode graph; `edges` is then the exact count from the closed form).
    #[serde(skip_serializing_if = "is_true")]
    pub built: bool,
    /// The size estimate made before building (large projections only): bound on edges,
    /// work of the sparse product, bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub projection_estimate: Option<crate::graph::ProjectionEstimate>,
}

/// The "Input" section of summary.md: cities, programs, memberships, ties, coordinates,
/// geocoding and rows.
fn input_counts_md(c: &Counts, s: &mut String) {
    let _ = writeln!(s, "## Input\n\n| | count |\n|---|---:|");
    for (k, v) in [
        ("cities", c.cities),
        ("programs", c.programs),
        ("memberships", c.memberships),
        ("ties", c.ties),
        ("cities with coordinates", c.cities_with_coordinates),
    ] {
        let _ = writeln!(s, "| {k} | {v} |");
    }
    if let Some(n) = c.cities_geocoded {
        let _ = writeln!(s, "| of which placed from GeoNames | {n} |");
    }
    if let Some(n) = c.cities_to_review {
        let _ = writeln!(s, "| cities to review (`review.csv`) | {n} |");
    }
    if let Some(r) = &c.rows {
        let _ = writeln!(
            s,
            "| rows read | {} |\n| rows used | {} |\n| rows rejected (rejected.csv) | {} |",
            r.read, r.used, r.rejected
        );
    }
    if let Some(p) = &c.places {
        let _ = writeln!(
            s,
            "| cities before merging places | {} |\n| cities made of several names \
             (`merges.csv`) | {} |\n| cities with a GeoNames id | {} |\n| cities in no program \
             (degree 0) | {} |\n| coordinates outside their country (`review.csv`) | {} |\n\
             | of which placed at their GeoNames place | {} |\n| namesakes without a country \
             kept apart (`review.csv`) | {} |\n| program names to review (`review.csv`) | {} |",
            p.cities_before_merging_places,
            p.merged_cities,
            p.cities_with_geonames_id,
            p.cities_in_no_program,
            p.coordinates_outside_country,
            p.coordinates_replaced,
            p.namesakes_kept_apart,
            p.program_names_to_review
        );
    }
    if let Some(r) = c.rows.as_ref().filter(|r| r.cells_rejected > 0) {
        let _ = writeln!(
            s,
            "| cells rejected in rows that count (rejected.csv) | {} |",
            r.cells_rejected
        );
    }
    if let Some(p) = &c.programs_table {
        let file = p.file.file_name().unwrap_or(p.file.as_os_str());
        let file = md_escape(&file.to_string_lossy());
        let _ = writeln!(
            s,
            "| rows of the programs table {file} read | {} |\n| of which rejected \
             (rejected.csv) | {} |\n| programs of {file} without members (degree 0) | {} |\n\
             | programs of the memberships not in {file} (no attributes) | {} |",
            p.rows_read, p.rows_rejected, p.without_members, p.not_in_table
        );
    }
    filters_md(&c.filters, s);
}

/// The "Filters" part of summary.md: one row per filter, in the order applied.
fn filters_md(steps: &[crate::model::dataset::filter_step::FilterStep], s: &mut String) {
    if steps.is_empty() {
        return;
    }
    let _ = writeln!(
        s,
        "\n### Filters (applied after reading, in this order; the counts above are after them)\n\n\
         | filter | cities removed | programs removed | memberships removed | ties removed | \
         cities left | programs left | memberships left |\n|---|---:|---:|---:|---:|---:|---:|---:|"
    );
    for f in steps {
        let _ = writeln!(
            s,
            "| `{}` | {} | {} | {} | {} | {} | {} | {} |",
            f.filter.replace('|', "\\|"),
            f.cities_removed,
            f.programs_removed,
            f.memberships_removed,
            f.ties_removed,
            f.cities_left,
            f.programs_left,
            f.memberships_left
        );
    }
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_true(b: &bool) -> bool {
    *b
}

/// The tool that made the results.
#[derive(Debug, Clone, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

/// Everything in summary.json.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub tool: Tool,
    pub input: InputInfo,
    pub counts: Counts,
    pub graph: GraphSize,
    /// Graph-level measures of G (density, components, clustering...).
    pub measures: serde_json::Value,
    /// Columns of cities.csv that carry metrics.
    pub city_metrics: Vec<String>,
    /// How each column of G was computed — exact, or approximate with ε, δ, sample size and
    /// seed — when any is not the exact kernel on a built G (empty and omitted otherwise).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub methods: Vec<crate::metrics::plan::ColumnMethod>,
    /// The validated projection (inputs with programs): model, α, correction, which pairs the
    /// correction counted, tested and kept pairs (the kept pairs are backbone.csv).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backbone: Option<crate::metrics::backbone::BackboneReport>,
    pub parameters: serde_json::Value,
    /// Rank robustness, GaWC connectivity and brokerage summaries (`analyze`; null without
    /// programs).
    #[serde(skip_serializing_if = "serde_json::Value::is_null")]
    pub analyses: serde_json::Value,
    pub figures: Vec<String>,
    pub warnings: Vec<String>,
}

/// Which input was analysed.
#[derive(Debug, Clone, Serialize)]
pub struct InputInfo {
    pub name: String,
    pub path: String,
    pub kind: String,
    pub title: String,
    pub description: String,
    pub sources: Vec<crate::model::SourceRef>,
}

impl InputInfo {
    /// What `ds`, read from `path`, is; its sources with the gazetteer's when geocoding placed
    /// cities.
    pub fn of(ds: &crate::model::Dataset, path: &std::path::Path) -> InputInfo {
        InputInfo {
            name: ds.name.clone(),
            path: path.display().to_string(),
            kind: ds.kind.describe().to_string(),
            title: ds.meta.title.clone(),
            description: ds.meta.description.clone(),
            sources: ds.sources_with_gazetteer(),
        }
    }
}

impl Counts {
    /// The counts of `ds` (rows only for membership tables and edge lists, geocoding only when
    /// it ran).
    pub fn of(ds: &crate::model::Dataset) -> Counts {
        Counts {
            cities: ds.cities.len(),
            programs: ds.programs.len(),
            memberships: ds.memberships.len(),
            ties: ds.ties.len(),
            cities_with_coordinates: ds.cities_with_coordinates(),
            cities_geocoded: ds.cities_geocoded(),
            cities_to_review: ds.cities_to_review(),
            rows: ds.intake.as_ref().map(|i| RowCounts {
                read: i.rows_read,
                used: i.rows_used,
                rejected: i.rows_rejected,
                cells_rejected: i.cells_rejected,
            }),
            filters: ds.filtered.clone(),
            places: PlaceCounts::of(ds),
            programs_table: ds.programs_table.clone(),
        }
    }
}

impl Summary {
    /// The tool's identity.
    pub fn tool() -> Tool {
        Tool {
            name: "citynet",
            version: env!("CARGO_PKG_VERSION"),
        }
    }

    /// Markdown rendering of the summary.
    pub fn to_markdown(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "# {}\n", md_escape(&self.input.title));
        if !self.input.description.is_empty() {
            let _ = writeln!(s, "{}\n", md_escape(&self.input.description));
        }
        let _ = writeln!(
            s,
            "Input: `{}` ({}), analysed by {} {}.\n",
            self.input.path.replace('`', "'"),
            self.input.kind,
            self.tool.name,
            self.tool.version
        );
        input_counts_md(&self.counts, &mut s);
        self.graph_md(&mut s);
        self.backbone_md(&mut s);
        self.methods_md(&mut s);
        self.outputs_md(&mut s);
        self.sources_and_warnings_md(&mut s);
        s
    }

    /// The "Graph G" section: size and graph-level measures.
    fn graph_md(&self, s: &mut String) {
        let g = &self.graph;
        let _ = writeln!(
            s,
            "\n## Graph G ({})\n\n| measure | value |\n|---|---:|",
            g.graph
        );
        let _ = writeln!(s, "| nodes | {} |\n| edges | {} |", g.nodes, g.edges);
        if let Some(m) = g.projection_max_edges {
            let _ = writeln!(s, "| projection edges, upper bound Σ k(k−1)/2 | {m} |");
        }
        if let Some(m) = g.program_projection_edges {
            let _ = writeln!(s, "| program projection edges | {m} |");
        }
        if let serde_json::Value::Object(map) = &self.measures {
            for (k, v) in map.iter().filter(|(k, _)| *k != "nodes" && *k != "edges") {
                let shown = match v {
                    serde_json::Value::Number(n) => n
                        .as_f64()
                        .filter(|x| x.fract() != 0.0)
                        .map(|x| format!("{x:.6}"))
                        .unwrap_or_else(|| n.to_string()),
                    serde_json::Value::Null => "—".into(),
                    other => other.to_string(),
                };
                let _ = writeln!(s, "| {} | {shown} |", k.replace('_', " "));
            }
        }
    }

    /// The "Validated projection" section (when it was tested).
    fn backbone_md(&self, s: &mut String) {
        if let Some(b) = &self.backbone {
            let _ = writeln!(
                s,
                "\n## Validated projection\n\n{}.\n\n| | value |\n|---|---:|\n| model | {} |\n| p-values | {} |\n| α | {} |\n| correction | {} |\n| tests counted | {} ({}) |\n| tested pairs (sharing ≥ 1 program) | {} |\n| kept pairs (backbone.csv) | {} |",
                b.describe(),
                b.model,
                if b.pvalue.is_empty() { "—" } else { &b.pvalue },
                b.alpha,
                b.correction,
                b.n_tests,
                if b.tests == "all" { "all n(n−1)/2 pairs" } else { "tested pairs" },
                b.tested_pairs,
                b.kept_pairs
            );
            if let Some(w) = b.most_kept_warning() {
                let w = w.trim_start_matches("warning: ").replacen("the", "The", 1);
                let _ = writeln!(s, "\n**Most pairs kept.** {}.", md_escape(&w));
            }
        }
    }

    /// The "Methods" section (when a column is not the exact kernel on a built G).
    fn methods_md(&self, s: &mut String) {
        if !self.methods.is_empty() {
            let _ = writeln!(
                s,
                "\n## Methods\n\n| column | method | via | ε | δ | samples | seed |\n|---|---|---|---:|---:|---:|---:|"
            );
            for m in &self.methods {
                let (e, d, r, seed) = match &m.approximation {
                    Some(a) => (
                        format!("{:.4}", a.epsilon),
                        a.delta.to_string(),
                        a.samples.to_string(),
                        a.seed.to_string(),
                    ),
                    None => Default::default(),
                };
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {e} | {d} | {r} | {seed} |",
                    md_escape(&m.column),
                    m.method,
                    md_escape(&m.via)
                );
            }
            approximate_columns_in_words(s, &self.methods);
        }
    }

    /// The "Outputs" section: the files of the result folder.
    fn outputs_md(&self, s: &mut String) {
        let _ = writeln!(
            s,
            "\n## Outputs\n\n- `cities.csv`: one row per city; metric columns: {}",
            self.city_metrics.join(", ")
        );
        if self.counts.programs > 0 {
            let _ = writeln!(s, "- `programs.csv`: one row per program with its members");
        }
        if self.counts.cities_to_review.is_some() {
            let _ = writeln!(
                s,
                "- `review.csv`: cities without coordinates that geocoding could not place, or placed among ambiguous candidates"
            );
        }
        if let Some(p) = self.counts.places.as_ref().filter(|p| {
            p.coordinates_outside_country + p.namesakes_kept_apart + p.program_names_to_review > 0
        }) {
            let _ = writeln!(
                s,
                "- `review.csv` also lists {} cities whose coordinates lie outside their country, {} namesakes without a country kept apart and {} program names that look wrong",
                p.coordinates_outside_country, p.namesakes_kept_apart, p.program_names_to_review
            );
        }
        if let Some(p) = self.counts.places.as_ref().filter(|p| p.merged_cities > 0) {
            let _ = writeln!(
                s,
                "- `merges.csv`: the {} cities made of several names, with their spellings, rows and reasons",
                p.merged_cities
            );
            if !p.largest_merges.is_empty() {
                let _ = writeln!(s, "\n  Largest merges:\n");
                for m in &p.largest_merges {
                    let _ = writeln!(s, "  - {}", md_escape(m));
                }
                let _ = writeln!(s);
            }
        }
        if self
            .counts
            .places
            .as_ref()
            .is_some_and(|p| p.memberships_csv)
        {
            let _ = writeln!(
                s,
                "- `memberships.csv`: one row per membership with its own columns (years, role, columns whose value differs between rows of one city)"
            );
        }
        if (self.counts.rows.as_ref()).is_some_and(|r| r.rejected + r.cells_rejected > 0) {
            let _ = writeln!(
                s,
                "- `rejected.csv`: the input rows left out, with line, column, value, reason \
                 and the row as read"
            );
        }
        for f in &self.figures {
            let _ = writeln!(s, "- `{f}`");
        }
    }

    /// The "Sources" (when the input names any) and "Warnings" sections.
    fn sources_and_warnings_md(&self, s: &mut String) {
        if !self.input.sources.is_empty() {
            let _ = writeln!(s, "\n## Sources\n");
            for src in &self.input.sources {
                let _ = writeln!(
                    s,
                    "- {} — {} ({}; licence: {})",
                    md_escape(&src.name),
                    md_escape(&src.url),
                    md_escape(&src.date),
                    md_escape(&src.licence)
                );
            }
        }
        let _ = writeln!(s, "\n## Warnings\n");
        if self.warnings.is_empty() {
            let _ = writeln!(s, "None.");
        } else {
            for w in &self.warnings {
                let _ = writeln!(s, "- {}", md_escape(w));
            }
        }
    }
}

/// Escapes Markdown control characters in data text (names can hold `|`, `*`, `<`...).
pub fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// One plain paragraph per approximate column: what ε means and what it means for ranks.
fn approximate_columns_in_words(s: &mut String, methods: &[crate::metrics::plan::ColumnMethod]) {
    let approx: Vec<_> = methods
        .iter()
        .filter_map(|m| m.approximation.as_ref().map(|a| (m, a)))
        .collect();
    if approx.is_empty() {
        let _ = writeln!(s, "\nEvery column is exact.");
        return;
    }
    let names: Vec<String> = approx
        .iter()
        .map(|(m, _)| format!("`{}`", m.column))
        .collect();
    let _ = writeln!(
        s,
        "\n**Approximate columns: {}.** The other columns are exact.\n",
        names.join(", ")
    );
    for (m, a) in approx {
        let _ = writeln!(
            s,
            "- `{}` is estimated by {}: every value is within ±{:.4} of the exact value, for all \
             nodes at once with probability {}. Two nodes whose values differ by less than {:.4} \
             (2ε) may be ranked in the wrong order, so its ranks are reliable only between nodes \
             that stand further apart. Details: {}.",
            md_escape(&m.column),
            a.estimator,
            a.epsilon,
            1.0 - a.delta,
            2.0 * a.epsilon,
            md_escape(&a.notes)
        );
    }
}
