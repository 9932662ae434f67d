//! `--convention igraph`: the city and program columns converted to igraph's defaults (see
//! [`crate::metrics::convention`] for each formula).

use super::Graphs;
use crate::graph::TwoMode;
use crate::metrics::convention::{self as cv, Convention};
use crate::metrics::plan::Projection;
use crate::metrics::{self, Column, NodeTable};

/// Sizes of the components of B, cities then programs.
fn two_mode_reach(t: &TwoMode) -> (Vec<usize>, Vec<usize>) {
    let mut all = cv::component_sizes(&metrics::components(&t.as_graph()));
    let programs = all.split_off(t.n_cities());
    (all, programs)
}

/// The largest bip_eigenvector over both modes.
fn bip_eigenvector_top(t: &TwoMode) -> f64 {
    metrics::bip_eigenvector(t)
        .map(|(c, p)| c.iter().chain(&p).fold(0.0f64, |m, &x| m.max(x)))
        .unwrap_or(0.0)
}

/// Converts the two-mode columns of one mode (`cities`: the city mode) in place.
fn two_mode_columns(table: &mut NodeTable, t: &TwoMode, cities: bool) {
    let (own, other) = if cities {
        (t.n_cities(), t.n_programs())
    } else {
        (t.n_programs(), t.n_cities())
    };
    let mut reach: Option<Vec<usize>> = None;
    for (name, col) in table.metrics.iter_mut() {
        let Column::Float(v) = col else { continue };
        *v = match name.as_str() {
            "bip_betweenness" => cv::igraph_bip_betweenness(v, own, other),
            "bip_closeness" => {
                let r = reach.get_or_insert_with(|| {
                    let (c, p) = two_mode_reach(t);
                    if cities {
                        c
                    } else {
                        p
                    }
                });
                cv::igraph_bip_closeness(v, own, other, r)
            }
            "bip_eigenvector" => cv::scaled_to(v, bip_eigenvector_top(t)),
            _ => continue,
        };
    }
}

/// The city table under `gr.scale.convention` (unchanged under NetworkX's).
pub fn cities(table: &mut NodeTable, gr: &Graphs) {
    if gr.scale.convention != Convention::Igraph {
        return;
    }
    let n = gr.node_count();
    let mut reach: Option<Vec<usize>> = None;
    for (name, col) in table.metrics.iter_mut() {
        let Column::Float(v) = col else { continue };
        *v = match name.as_str() {
            "betweenness" => cv::igraph_betweenness(v, n),
            "closeness" => {
                let r = reach.get_or_insert_with(|| match gr.projection() {
                    Projection::Built(g) => cv::component_sizes(&metrics::components(g)),
                    Projection::ThroughTwoMode(t) => {
                        cv::component_sizes(&crate::graph::implicit::components_raw(t))
                    }
                });
                cv::igraph_closeness(v, n, r)
            }
            "eigenvector" => {
                let top = v.iter().fold(0.0f64, |m, &x| m.max(x));
                cv::scaled_to(v, top)
            }
            _ => continue,
        };
    }
    if let Some(t) = &gr.two_mode {
        two_mode_columns(table, t, true);
    }
}

/// The program table under `convention`.
pub fn programs(table: &mut NodeTable, t: &TwoMode, convention: Convention) {
    if convention == Convention::Igraph {
        two_mode_columns(table, t, false);
    }
}
