//! `--graph`: the one option that says which graph of a network a command works on (see
//! [`Layer`]), the options of the city projection that go with it, and the spellings of earlier
//! releases (`--projection weighted|plain|validated`, render's `--edges validated`), which
//! still work for one release and print a deprecation warning.

use super::backbone::ValidationArgs;
use crate::error::{Error, Result};
use crate::graph::Layer;
use crate::metrics::backbone::BackboneOptions;
use crate::pipeline::{self, Ui};
use clap::Args;

/// The layers of commands that measure or draw the cities on their city graph G.
pub const CITY_GRAPHS: [Layer; 2] = [Layer::Projection, Layer::Validated];

/// `--graph` and the options of the city projection (`metrics`, `analyze`, `table`, `render`,
/// `export`).
#[derive(Debug, Args, Clone)]
pub struct ProjectionArgs {
    /// Which graph: projection (the city projection G, every co-membership) or validated (only
    /// the pairs the backbone test keeps: --model, --alpha, --correction as in `citynet
    /// backbone`); `export` also writes two-mode, programs or ties [default: projection;
    /// export: two-mode for inputs with programs, ties for edge lists].
    #[arg(long, value_enum, value_name = "GRAPH")]
    pub graph: Option<Layer>,
    /// Deprecated spelling of --graph projection|validated (removed in the next release).
    #[arg(long, hide = true, value_parser = ["weighted", "validated"])]
    pub projection: Option<String>,
    /// How the weighted city projection weighs a pair of cities: gawc (Σ w·w, the shared
    /// programs when weights are 1), count (shared programs), newman (Σ 1/(k_p − 1), so one
    /// giant program does not flatten every strength) or jaccard (shared / union).
    #[arg(long, value_enum, default_value = "gawc")]
    pub weighting: super::scale::WeightingArg,
    /// Whose conventions the columns follow: networkx (citynet's) or igraph (R/python-igraph
    /// defaults: raw betweenness counts, closeness 1/Σd over reachable nodes, eigenvector
    /// scaled to largest 1; for the one-mode and the two-mode columns).
    #[arg(long, value_enum, default_value = "networkx")]
    pub convention: super::scale::ConventionArg,
    #[command(flatten)]
    pub validation: ValidationArgs,
}

impl ProjectionArgs {
    /// Whether G is the validated projection (`--graph validated`, or the deprecated
    /// `--projection validated`).
    pub fn is_validated(&self) -> bool {
        self.graph == Some(Layer::Validated) || self.projection.as_deref() == Some("validated")
    }

    /// The layer `export` writes: `--graph`, else `default`; the projection is the validated
    /// one when G is validated (`--graph validated`, or the deprecated `--graph projection
    /// --projection validated`). The deprecated `--projection validated` alone keeps the
    /// default layer, its city columns measured on the validated projection.
    pub fn export_layer(&self, default: Layer) -> Layer {
        match self.graph.unwrap_or(default) {
            Layer::Projection if self.is_validated() => Layer::Validated,
            l => l,
        }
    }

    /// Checks `--graph` is one of `accepted` for `command`, and prints the deprecation warning
    /// of `--projection`.
    ///
    /// # Errors
    /// [`Error::Usage`] naming the layers `command` accepts.
    pub fn check(&self, command: &str, accepted: &[Layer], ui: Ui) -> Result<()> {
        accept(command, self.graph, accepted)?;
        if let Some(old) = &self.projection {
            ui.info(&deprecated("--projection", old));
        }
        Ok(())
    }

    /// The options of the validated projection when G is validated.
    pub fn validated(&self) -> Result<Option<BackboneOptions>> {
        if self.is_validated() {
            self.validation.to_options(None).map(Some)
        } else {
            Ok(None)
        }
    }

    /// The validation options whatever `--graph` says (analyze tests the pairs anyway).
    pub fn options(&self) -> Result<BackboneOptions> {
        self.validation.to_options(None)
    }

    /// Builds the graphs: G validated when asked, otherwise as `build_graphs_with`.
    pub fn build_graphs(
        &self,
        ds: &crate::model::Dataset,
        scale: &crate::metrics::plan::ScaleOptions,
        ui: Ui,
    ) -> Result<pipeline::Graphs> {
        match self.validated()? {
            Some(o) => Ok(pipeline::build_validated_graphs(
                ds,
                scale,
                &o,
                self.validation.eligible.as_deref(),
                ui,
            )?
            .0),
            None => {
                let mut scale = *scale;
                scale.weighting = self.weighting.into();
                scale.convention = self.convention.into();
                pipeline::build_graphs_with(ds, &scale, ui)
            }
        }
    }
}

/// `graph` when `command` accepts it (`None` passes).
///
/// # Errors
/// [`Error::Usage`] naming the layers `command` accepts.
pub fn accept(command: &str, graph: Option<Layer>, accepted: &[Layer]) -> Result<()> {
    match graph {
        Some(l) if !accepted.contains(&l) => Err(Error::Usage(format!(
            "citynet {command} --graph {}: {command} takes --graph {}{}",
            l.name(),
            Layer::list(accepted),
            match (command, l) {
                ("render", Layer::TwoMode) => " (the two-mode graph is drawn by --view bipartite)",
                ("metrics", Layer::TwoMode) => {
                    " (the two-mode columns are the bip_* columns; --nodes programs gives the \
                     programs' table)"
                }
                _ => "",
            }
        ))),
        _ => Ok(()),
    }
}

/// The warning of the deprecated spelling `flag old` (`--projection plain`, `--edges auto`...),
/// naming the `--graph` value it means.
pub fn deprecated(flag: &str, old: &str) -> String {
    // Every old value is the projection (weighted, plain, auto) or the validated projection.
    let new = if old == "validated" {
        Layer::Validated
    } else {
        Layer::Projection
    };
    format!(
        "warning: {flag} {old} is deprecated and will be removed in the next release; it means \
         --graph {}",
        new.name()
    )
}

/// The layer of a command whose graph was also named by a deprecated option `old_flag`
/// (`--projection plain|validated`): `--graph` when given, else the old option's value, else
/// the projection; `warn` receives the deprecation warning.
///
/// # Errors
/// [`Error::Usage`] when `--graph` is not one of `accepted`, or the two options disagree.
pub fn resolve(
    command: &str,
    graph: Option<Layer>,
    old_flag: &str,
    old: Option<&str>,
    accepted: &[Layer],
    warn: &mut dyn FnMut(String),
) -> Result<Layer> {
    accept(command, graph, accepted)?;
    let Some(old) = old else {
        return Ok(graph.unwrap_or_default());
    };
    let from_old = Layer::parse(old).map_err(Error::Usage)?;
    warn(deprecated(old_flag, old));
    match graph {
        Some(l) if l != from_old => Err(Error::Usage(format!(
            "--graph {} and {old_flag} {old} disagree; give --graph alone",
            l.name()
        ))),
        _ => Ok(from_old),
    }
}
