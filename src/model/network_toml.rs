//! network.toml, the description of a network folder: title, description, sources and aliases.

use super::dataset::SourceRef;
use super::diagnostic::{Diagnostic, Diagnostics};
use std::collections::BTreeMap;
use std::path::Path;

/// The parsed network.toml.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NetworkToml {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub sources: Vec<SourceRef>,
    #[serde(default)]
    pub defaults: toml::Table,
    #[serde(default)]
    pub aliases: BTreeMap<String, String>,
}

/// Reads network.toml. On failure (reported in `diags`) gives back its text, when it had one.
pub(crate) fn read_network_toml(
    path: &Path,
    diags: &mut Diagnostics,
) -> Result<NetworkToml, Option<String>> {
    let text = match std::fs::read(path) {
        Ok(b) => match String::from_utf8(b) {
            Ok(s) => s,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let b = e.as_bytes();
                let line = 1 + b[..at].iter().filter(|&&c| c == b'\n').count() as u64;
                diags.push(
                    Diagnostic::error(
                        path,
                        format!(
                            "not UTF-8 text (byte 0x{:02X}); expected a TOML file saved as UTF-8",
                            b[at]
                        ),
                    )
                    .at_line(line),
                );
                return Err(None);
            }
        },
        Err(e) => {
            diags.push(Diagnostic::error(
                path,
                format!("cannot read the file: {e}"),
            ));
            return Err(None);
        }
    };
    parse_network_toml(path, &text, diags).ok_or(Some(text))
}

/// The `[aliases]` of a network.toml that has other problems, when its syntax is sound.
pub(crate) fn salvage_aliases(text: &str) -> Option<Vec<(String, String)>> {
    let t = toml::from_str::<toml::Table>(text).ok()?;
    Some(match t.get("aliases") {
        Some(toml::Value::Table(a)) => a
            .iter()
            .filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_string())))
            .collect(),
        _ => vec![],
    })
}

/// Parses the text of a network.toml; problems go to `diags` with their line and character.
fn parse_network_toml(path: &Path, text: &str, diags: &mut Diagnostics) -> Option<NetworkToml> {
    match toml::from_str::<NetworkToml>(text) {
        Ok(t) => Some(t),
        Err(e) => {
            let mut d = Diagnostic::error(
                path,
                format!(
                    "{}; expected keys title, description, [[sources]] (name, url, licence, date), [defaults], [aliases]",
                    e.message().trim_end().replace('\n', "; ")
                ),
            );
            if let Some(span) = e.span() {
                let mut end = span.start.min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                let before = &text[..end];
                let line = 1 + before.matches('\n').count() as u64;
                let line_start = before.rfind('\n').map_or(0, |p| p + 1);
                let col = before[line_start..].chars().count() + 1;
                d = d.at_line(line).in_column(format!("character {col}"));
            }
            diags.push(d);
            None
        }
    }
}

/// Checks the text of a network.toml as the loader does (for the fuzz targets and tests): the
/// title it declares, or `None` with the problems in `diags`.
pub fn check_network_toml(path: &Path, text: &str, diags: &mut Diagnostics) -> Option<String> {
    parse_network_toml(path, text, diags).map(|t| t.title)
}
