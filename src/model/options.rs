//! What the loader and its stages share, below them all: how to read an input
//! ([`LoadOptions`]), what loading gives back ([`Loaded`]) and an input's short name
//! ([`input_name`]). [`super::load`](mod@super::load) re-exports them.

use super::dataset::{Dataset, InputKind};
use super::diagnostic::Diagnostics;
use super::read::decode::Encoding;
use super::rows::columns::ColumnMap;
use std::path::Path;

/// How to read an input.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct LoadOptions {
    /// Forces the kind instead of detecting it.
    pub kind: Option<InputKind>,
    pub columns: ColumnMap,
    pub encoding: Encoding,
    /// The sheet of a workbook (`--sheet`): a name or a 1-based number.
    pub sheet: Option<String>,
    /// The separator of one-cell program lists (`--program-sep`).
    pub program_sep: Option<String>,
    /// Extra aliases `(alias, canonical name)`, added to those of network.toml.
    pub aliases: Vec<(String, String)>,
    /// Memory budget in bytes (`--max-memory`); `None`: half of the memory available. See
    /// [`super::limits`].
    pub max_memory: Option<u64>,
    /// Missing-value markers (`--na`), replacing [`super::rows::intake::DEFAULT_NA`].
    pub na: Option<Vec<String>>,
    /// Missing-value markers of single columns (`--na-col COLUMN=LIST`): the column's header
    /// (any case) and its markers, replacing `na` in that column.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub na_col: Vec<(String, Vec<String>)>,
    /// Unusable rows of a membership table or edge list are errors instead of being rejected
    /// and listed (`--strict`).
    pub strict: bool,
    /// Where the rows left out are listed (`--rejected`); written by the pipeline, not here.
    pub rejected: Option<std::path::PathBuf>,
    /// Filters applied after reading, in order (`--min-programs`, `--where`...).
    pub filters: Vec<super::dataset::filters::Filter>,
    /// Keep cities that are one GeoNames place under different names apart
    /// (`--no-merge-places`; see [`super::identity::places`]).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub no_merge_places: bool,
    /// Which spelling names a city written several ways (`--name-language`).
    #[serde(skip_serializing_if = "NameLanguage::is_default")]
    pub name_language: NameLanguage,
    /// A programs table beside a membership table (`--programs`), see
    /// [`super::dataset::program_table`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub programs: Option<ProgramsFile>,
}

/// A programs table (`--programs FILE`) and its name column (`--programs-name-col`).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ProgramsFile {
    pub path: std::path::PathBuf,
    /// The name column [default: the first of name, program, network, any case].
    pub name_col: Option<String>,
}

/// Which spelling names a city written several ways (`--name-language`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum NameLanguage {
    /// The spelling used on most rows (ties: the first seen).
    #[default]
    #[value(skip)]
    Frequent,
    /// GeoNames' name of the place (its English or international name), where matched.
    En,
    /// The spelling used on most rows other than GeoNames' name, where matched: the local
    /// form when the table writes it.
    Native,
    /// The spelling of the city's first row.
    AsWritten,
}

impl NameLanguage {
    /// Whether this is the default rule (most frequent spelling).
    pub fn is_default(&self) -> bool {
        *self == NameLanguage::Frequent
    }
}

/// The outcome of loading: the dataset when there was no error, and every diagnostic.
#[derive(Debug)]
pub struct Loaded {
    pub dataset: Option<Dataset>,
    pub diagnostics: Diagnostics,
    /// The kind detected (or forced), when it could be told.
    pub kind: Option<InputKind>,
}

/// Short name for an input: the folder name, or the file stem.
pub fn input_name(path: &Path) -> String {
    let p = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let raw = if p.is_dir() {
        p.file_name()
    } else {
        p.file_stem()
    }
    .map(|s| s.to_string_lossy().to_string())
    .unwrap_or_else(|| "network".into());
    let safe: String = raw
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let safe = safe.trim_start_matches('.').to_string();
    if safe.is_empty() {
        "network".into()
    } else {
        safe
    }
}
