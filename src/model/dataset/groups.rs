//! Cities grouped by an attribute (country, region, income group...), for the analyses that
//! compare groups: brokerage roles, E–I indices, regional connectivity.

use super::Dataset;

/// Cities grouped by one attribute: a label `0..names.len()` per city, in order of first
/// appearance.
#[derive(Debug, Clone, PartialEq)]
pub struct Groups {
    /// The column the groups come from, as asked.
    pub column: String,
    /// Group label of each city.
    pub labels: Vec<u32>,
    /// Group names; an empty value is the group "(missing)".
    pub names: Vec<String>,
    /// Cities with an empty value.
    pub missing: usize,
}

/// The name of the group of cities whose attribute is empty.
pub const MISSING_GROUP: &str = "(missing)";

impl Dataset {
    /// The groups of the cities by `column`: `country`, or a city attribute (case-insensitive).
    ///
    /// # Errors
    /// A message naming the available columns when the cities have no such column, or saying
    /// so when it is empty for every city.
    pub fn groups_by(&self, column: &str) -> Result<Groups, String> {
        let col = column.trim().to_lowercase();
        let values: Vec<String> = if col == "country" {
            self.cities
                .iter()
                .map(|c| c.country.trim().to_string())
                .collect()
        } else if self.city_attrs.iter().any(|a| a.to_lowercase() == col) {
            self.cities
                .iter()
                .map(|c| {
                    c.attrs
                        .get(&col)
                        .map(|s| s.trim().to_string())
                        .unwrap_or_default()
                })
                .collect()
        } else {
            let mut known = vec!["country".to_string()];
            known.extend(
                self.city_attrs
                    .iter()
                    .filter(|a| !matches!(a.as_str(), "city" | "country" | "lat" | "lon" | "node"))
                    .cloned(),
            );
            return Err(format!(
                "--group {column:?}: the cities have no such column; available: {}",
                known.join(", ")
            ));
        };
        let missing = values.iter().filter(|v| v.is_empty()).count();
        if missing == values.len() {
            return Err(format!(
                "--group {column:?}: the column is empty for every city"
            ));
        }
        let mut names: Vec<String> = vec![];
        let labels = values
            .iter()
            .map(|v| {
                let v = if v.is_empty() {
                    MISSING_GROUP
                } else {
                    v.as_str()
                };
                match names.iter().position(|n| n == v) {
                    Some(i) => i as u32,
                    None => {
                        names.push(v.to_string());
                        names.len() as u32 - 1
                    }
                }
            })
            .collect();
        Ok(Groups {
            column: column.to_string(),
            labels,
            names,
            missing,
        })
    }
}
