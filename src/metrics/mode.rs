//! The decision for a two-mode input: build the city projection `G`, or use it through the
//! two-mode graph `B` (and its twin classes), from the size estimate and the memory budget
//! (see [`super::plan`]).

use super::plan::{
    default_budget, exact_projection_bytes, human_bytes, GraphMode, ScaleOptions,
    PROJECTION_EDGE_LIMIT,
};
use crate::graph::ProjectionEstimate;

/// The decision for a two-mode input: build `G` or use it through `B`. Returns the mode and a
/// line for standard error; `Err` (a usage error, exit 2) when `--exact` asks for a projection
/// larger than the memory budget, with the alternatives. `twin_classes`: the number of twin
/// classes of `G` when its quotient pays ([`super::quotient::twins_pay`]); then `--exact` over the
/// memory budget is met through the quotient instead of refused.
pub fn choose_mode(
    e: &ProjectionEstimate,
    opts: &ScaleOptions,
    largest_programs: &[(String, usize)],
    twin_classes: Option<usize>,
) -> Result<(GraphMode, String), String> {
    let need = exact_projection_bytes(e);
    let budget = opts.max_memory.or_else(default_budget);
    let over_budget = budget.is_some_and(|b| need > b);
    let size = format!(
        "the city projection would have up to {} edges (about {} to build and use)",
        e.max_edges,
        human_bytes(need)
    );
    let through_twins = |k: usize| {
        format!(
            "{size}: not building it; every column is computed through the two-mode graph, \
             betweenness and clustering exactly through the quotient of G by its {k} twin \
             classes (cities with the same programs and weights; see summary.json)"
        )
    };
    if opts.exact {
        if let (true, Some(k)) = (over_budget, twin_classes) {
            return Ok((GraphMode::ThroughTwoMode, through_twins(k)));
        }
        if over_budget {
            let b = budget.unwrap_or(0);
            let big: Vec<String> = largest_programs
                .iter()
                .map(|(name, k)| format!("\"{name}\" ({k} members)"))
                .collect();
            return Err(format!(
                "--exact: {size}, more than the memory budget of {} ({}). A program with k \
                 members alone adds k(k-1)/2 edges; the largest are {}. Alternatives: run \
                 without --exact (every column is then computed without building the \
                 projection; betweenness and clustering are approximated with stated error \
                 bounds, recorded in summary.json), raise --max-memory if the machine has the \
                 memory, or drop the largest programs from the input",
                human_bytes(b),
                if opts.max_memory.is_some() {
                    "--max-memory"
                } else {
                    "half of the memory available"
                },
                big.join(", ")
            ));
        }
        return Ok((
            GraphMode::Built,
            format!(
                "{size}; building it (--exact); exact betweenness on it takes about n·m steps, \
                 which for a projection this size can take hours"
            ),
        ));
    }
    if e.max_edges > PROJECTION_EDGE_LIMIT || over_budget {
        if let Some(k) = twin_classes {
            return Ok((GraphMode::ThroughTwoMode, through_twins(k)));
        }
        Ok((
            GraphMode::ThroughTwoMode,
            format!(
                "{size}: not building it; every column is computed through the two-mode graph \
                 (betweenness and clustering approximately, see summary.json); --exact builds it"
            ),
        ))
    } else {
        Ok((GraphMode::Built, size))
    }
}
