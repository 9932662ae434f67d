//! Which graph of a network a command, a figure or an export works on: the one vocabulary of
//! `--graph` (`projection`, `validated`, `two-mode`, `programs`, `ties`).

use serde::Serialize;

/// Which graph of a network: the layers `--graph` names on the command line.
///
/// Each command accepts the layers it can work on (its `--help` lists them); the library API
/// takes the same values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, clap::ValueEnum, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layer {
    /// The city projection G: cities joined by shared programs, weight Σ_p w(a,p)·w(b,p)
    /// (`--weighting` chooses another); the graph itself for an edge list.
    #[default]
    Projection,
    /// The validated projection: only the city pairs the backbone test keeps (`citynet
    /// backbone`; --model, --alpha, --correction), weighted by shared programs (the direct
    /// ties' disparity backbone for an input without programs).
    Validated,
    /// Cities and programs, memberships as edges (cities first, then programs).
    TwoMode,
    /// The program projection: programs joined by shared member cities.
    Programs,
    /// The direct city–city ties (twinning, agreements, the edges of an edge list).
    Ties,
}

impl Layer {
    /// Every layer, in the order `--help` lists them.
    pub const ALL: [Layer; 5] = [
        Layer::Projection,
        Layer::Validated,
        Layer::TwoMode,
        Layer::Programs,
        Layer::Ties,
    ];

    /// The name on the command line: `projection`, `validated`, `two-mode`, `programs`,
    /// `ties`.
    pub fn name(self) -> &'static str {
        match self {
            Layer::Projection => "projection",
            Layer::Validated => "validated",
            Layer::TwoMode => "two-mode",
            Layer::Programs => "programs",
            Layer::Ties => "ties",
        }
    }

    /// The layer named `name` (as [`Layer::name`] writes it, in any case; `two_mode` too, and
    /// `weighted` or `plain` for the projection, the spellings of earlier releases).
    ///
    /// # Errors
    /// A message naming the expected values for any other name.
    pub fn parse(name: &str) -> Result<Layer, String> {
        match name.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "projection" | "weighted" | "plain" => Ok(Layer::Projection),
            "validated" => Ok(Layer::Validated),
            "two-mode" => Ok(Layer::TwoMode),
            "programs" => Ok(Layer::Programs),
            "ties" => Ok(Layer::Ties),
            _ => Err(format!(
                "graph {name:?}: expected projection, validated, two-mode, programs or ties"
            )),
        }
    }

    /// `names` as a phrase: "projection, validated or ties".
    pub fn list(layers: &[Layer]) -> String {
        let names: Vec<&str> = layers.iter().map(|l| l.name()).collect();
        match names.split_last() {
            None => String::new(),
            Some((last, [])) => last.to_string(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        }
    }

    /// Whether this is the city projection (the default of every command that measures
    /// cities).
    pub fn is_projection(&self) -> bool {
        *self == Layer::Projection
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_back_and_old_spellings_mean_the_projection() {
        for l in Layer::ALL {
            assert_eq!(Layer::parse(l.name()), Ok(l));
            assert_eq!(Layer::parse(&l.name().to_uppercase()), Ok(l));
        }
        assert_eq!(Layer::parse("two_mode"), Ok(Layer::TwoMode));
        assert_eq!(Layer::parse("weighted"), Ok(Layer::Projection));
        assert_eq!(Layer::parse("plain"), Ok(Layer::Projection));
        let e = Layer::parse("bipartite").unwrap_err();
        assert!(e.contains("\"bipartite\"") && e.contains("two-mode"), "{e}");
    }

    #[test]
    fn clap_names_are_the_cli_names() {
        use clap::ValueEnum;
        for l in Layer::ALL {
            let v = l.to_possible_value().unwrap();
            assert_eq!(v.get_name(), l.name());
        }
        assert_eq!(
            Layer::list(&[Layer::Projection, Layer::Validated, Layer::Ties]),
            "projection, validated or ties"
        );
    }
}
