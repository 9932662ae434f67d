//! The command line (clap types only) and its translation into plain configurations.

use crate::model::{ColumnMap, Encoding, InputKind, LoadOptions};
use clap::{Args, Parser, Subcommand};

pub mod analyze;
pub mod backbone;
pub mod brokerage;
pub mod compare;
pub mod connectivity;
pub mod curate;
pub mod evolve;
pub mod export;
pub mod filters;
pub mod graph_arg;
pub mod metrics;
pub mod render;
pub mod robustness;
pub mod run;
pub mod scale;
pub mod table;
pub mod two_mode_input;
pub mod validate;

pub use analyze::AnalyzeArgs;
pub use backbone::BackboneArgs;
pub use brokerage::BrokerageArgs;
pub use compare::CompareArgs;
pub use connectivity::ConnectivityArgs;
pub use curate::CurateArgs;
pub use evolve::EvolveArgs;
pub use export::ExportArgs;
pub use metrics::MetricsArgs;
pub use render::RenderArgs;
pub use robustness::RobustnessArgs;
pub use table::TableArgs;
pub use validate::ValidateArgs;

/// Map how cities are connected through international city networks.
///
/// Inputs are a network folder (network.toml, cities.csv, programs.csv, memberships.csv,
/// ties.csv), a membership table (one CSV row per city and program) or an edge list (source,
/// target, optional weight). Exit codes: 0 success, 2 bad input or usage, 1 internal failure.
#[derive(Debug, Parser)]
#[command(name = "citynet", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub global: Global,
}

/// Options of every command.
#[derive(Debug, Args, Clone)]
pub struct Global {
    /// No progress or warnings on stderr (errors are still printed).
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Worker threads for the parallel kernels (default: all cores). Results are identical
    /// whatever the number.
    #[arg(long, global = true, value_name = "N")]
    pub threads: Option<usize>,
}

/// How to read the input: kind, encoding and column names.
#[derive(Debug, Args, Clone, Default)]
pub struct InputArgs {
    /// Kind of input, instead of detecting it from the path and header.
    #[arg(long, value_enum)]
    pub kind: Option<InputKind>,
    /// Character encoding of CSV files: auto (detect: UTF-8, UTF-16 with a byte-order mark,
    /// Windows-1252 for lines that are not UTF-8) or any WHATWG label (utf-8, utf-16le,
    /// windows-1252, latin1, iso-8859-2, shift_jis, ...).
    #[arg(long, default_value = "auto", value_name = "LABEL")]
    pub encoding: Encoding,
    /// The sheet of a workbook (.xlsx, .xlsm, .xls, .ods) to read: its name or number from 1
    /// [default: the first sheet with a usable header].
    #[arg(long, value_name = "NAME|NUMBER")]
    pub sheet: Option<String>,
    /// Separator of programs listed in one cell (e.g. ';' for "C40;;ICLEI"): each item becomes
    /// a membership; items are trimmed, empty ones skipped.
    #[arg(long, value_name = "SEP")]
    pub program_sep: Option<String>,
    /// Name of the city column (default: city).
    #[arg(long, value_name = "NAME")]
    pub city_col: Option<String>,
    /// Name of the country column (default: country).
    #[arg(long, value_name = "NAME")]
    pub country_col: Option<String>,
    /// Name of the program column (default: program or network).
    #[arg(long, value_name = "NAME")]
    pub program_col: Option<String>,
    /// Name of the source column of an edge list (default: source).
    #[arg(long, value_name = "NAME")]
    pub source_col: Option<String>,
    /// Name of the target column of an edge list (default: target).
    #[arg(long, value_name = "NAME")]
    pub target_col: Option<String>,
    /// Name of the weight column (default: weight).
    #[arg(long, value_name = "NAME")]
    pub weight_col: Option<String>,
    /// Name of the latitude column (default: lat or latitude), or several in order of
    /// preference, comma-separated (`lat,Y`): a row takes the first pair that has both values.
    #[arg(long, value_name = "NAME[,NAME...]")]
    pub lat_col: Option<String>,
    /// Name of the longitude column (default: lon, lng or longitude), or several, paired with
    /// --lat-col in order (`lon,X`).
    #[arg(long, value_name = "NAME[,NAME...]")]
    pub lon_col: Option<String>,
    /// Column of a membership table with the year a city joined a program (default: since).
    #[arg(long, value_name = "NAME")]
    pub since_col: Option<String>,
    /// Column of a membership table with the year a city left a program (default: until).
    #[arg(long, value_name = "NAME")]
    pub until_col: Option<String>,
    /// Column of a membership table with the city's role in the program (default: role).
    #[arg(long, value_name = "NAME")]
    pub role_col: Option<String>,
    /// Keep cities apart that are one GeoNames place under different names ("Wien" and
    /// "Vienna" in Austria); by default they are one city, listed in merges.csv.
    #[arg(long)]
    pub no_merge_places: bool,
    /// Which spelling names a city written several ways [default: the spelling on most rows]:
    /// en (GeoNames' name of the place), native (the most used spelling other than GeoNames'
    /// name) or as-written (the spelling of its first row).
    #[arg(long, value_enum, value_name = "LANG")]
    pub name_language: Option<crate::model::options::NameLanguage>,
    /// Declares that two names are one city: --alias "New York City=New York" (repeatable).
    #[arg(long, value_name = "ALIAS=NAME")]
    pub alias: Vec<String>,
    /// Memory budget, e.g. 8G or 512M: inputs or projections that would need more stop with
    /// an error instead of exhausting memory [default: half of the memory available].
    #[arg(long, value_name = "SIZE")]
    pub max_memory: Option<String>,
    /// Strings that mean a missing value in a membership table or edge list, comma-separated,
    /// replacing the default set: NA, N/A, #N/A, NaN, NULL, null, None, -, . (any case; in the
    /// city, program, source and target columns only as written). An empty cell is always
    /// missing; `--na ''` leaves only that.
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub na: Option<Vec<String>>,
    /// Missing-value markers of one column, replacing --na there: `--na-col CountryCode=`
    /// (no marker: `NA` stays Namibia), `--na-col pop=NA,-99`. Repeatable; the column by its
    /// header, any case.
    #[arg(long, value_name = "COLUMN=LIST", value_parser = parse_na_col)]
    pub na_col: Vec<(String, Vec<String>)>,
    /// Stop on unusable rows of a membership table or edge list (no city, no program, a
    /// weight or coordinate that cannot be read): exit 2, nothing written. By default they are
    /// left out and listed (rejected.csv, --rejected).
    #[arg(long)]
    pub strict: bool,
    /// Write the rows left out of a membership table or edge list to FILE, as CSV: file, line,
    /// column, value, reason and the row as read (`analyze` writes rejected.csv in the result
    /// folder).
    #[arg(long, value_name = "FILE")]
    pub rejected: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub filters: filters::FilterArgs,
}

impl InputArgs {
    /// The plain load options.
    pub fn to_options(&self) -> Result<LoadOptions, String> {
        let aliases = self
            .alias
            .iter()
            .map(|a| match a.split_once('=') {
                Some((x, y)) if !x.trim().is_empty() && !y.trim().is_empty() => {
                    Ok((x.trim().to_string(), y.trim().to_string()))
                }
                _ => Err(format!(
                    "--alias {a:?}: expected ALIAS=NAME, e.g. \"New York City=New York\""
                )),
            })
            .collect::<Result<Vec<_>, _>>()?;
        let max_memory = self
            .max_memory
            .as_deref()
            .map(crate::model::limits::parse_size)
            .transpose()?;
        Ok(LoadOptions {
            max_memory,
            na: self.na.clone(),
            na_col: self.na_col.clone(),
            strict: self.strict,
            rejected: self.rejected.clone(),
            filters: self.filters.filters.clone(),
            kind: self.kind,
            encoding: self.encoding,
            sheet: self.sheet.clone(),
            program_sep: self.program_sep.clone(),
            aliases,
            columns: ColumnMap {
                city: self.city_col.clone(),
                country: self.country_col.clone(),
                program: self.program_col.clone(),
                source: self.source_col.clone(),
                target: self.target_col.clone(),
                weight: self.weight_col.clone(),
                lat: self.lat_col.clone(),
                lon: self.lon_col.clone(),
                since: self.since_col.clone(),
                until: self.until_col.clone(),
                role: self.role_col.clone(),
            },
            no_merge_places: self.no_merge_places,
            name_language: self.name_language.unwrap_or_default(),
        })
    }
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the whole analysis: tables, summary and figures under output/NAME/.
    Analyze(AnalyzeArgs),
    /// Print (or write) the per-node metric table alone.
    Metrics(MetricsArgs),
    /// Check an input and report every problem with its file and line; writes nothing.
    Validate(ValidateArgs),
    /// Draw one publication figure: network, bipartite, map, ego, rank or degrees.
    Render(RenderArgs),
    /// Write the graph with every metric and attribute as GraphML, GEXF, node-link JSON or Pajek.
    Export(ExportArgs),
    /// The statistically validated projection: pairs of cities sharing more programs than the
    /// degrees explain (SDSM/BiCM, fixed-row, disparity or threshold), as a CSV of pairs.
    Backbone(BackboneArgs),
    /// Print the top cities by a metric as a ranked Markdown, LaTeX (booktabs) or CSV table.
    Table(TableArgs),
    /// Analyse the network year by year: a long per-year metric table and a small-multiples figure.
    Evolve(EvolveArgs),
    /// Compare the ranks of cities between two inputs or two years.
    Compare(CompareArgs),
    /// How much a city ranking moves when programs are left out or resampled (bootstrap).
    Robustness(RobustnessArgs),
    /// Gould–Fernandez brokerage roles of each city between groups (as R sna::brokerage).
    Brokerage(BrokerageArgs),
    /// The GaWC suite: connectivity and its share of the top city, E–I indices, dyads, hinterworlds.
    Connectivity(ConnectivityArgs),
    /// Rebuild the bundled networks/ from the sourced raw data, byte for byte.
    Curate(CurateArgs),
}

/// `COLUMN=LIST` of `--na-col`: the column's header and its comma-separated markers (none
/// when LIST is empty).
fn parse_na_col(s: &str) -> std::result::Result<(String, Vec<String>), String> {
    let (col, list) = s.split_once('=').ok_or_else(|| {
        format!("--na-col {s:?}: expected COLUMN=LIST, e.g. CountryCode= or pop=NA,-99")
    })?;
    let col = col.trim();
    if col.is_empty() {
        return Err(format!(
            "--na-col {s:?}: the column name before '=' is empty"
        ));
    }
    let markers = list
        .split(',')
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map(str::to_string)
        .collect();
    Ok((col.to_string(), markers))
}
