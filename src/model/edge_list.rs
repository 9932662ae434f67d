//! A one-mode edge list `source,target[,weight]`, through the stages rows → identity →
//! dataset.

use super::assemble::{base_dataset, clean_ties, RawTie};
use super::dataset::{Dataset, InputKind};
use super::diagnostic::Diagnostics;
use super::identify::RowCities;
use super::load::LoadOptions;
use super::rows::{edge_row, has_rows, EdgeCols};
use super::table::Table;

/// Loads an edge list read as `t`.
pub(crate) fn load_edge_list(
    t: &Table,
    opts: &LoadOptions,
    diags: &mut Diagnostics,
) -> Option<Dataset> {
    let cols = EdgeCols::find(t, &opts.columns, diags)?;
    if !has_rows(t, "edge", diags) {
        return None;
    }
    let mut nodes = RowCities::new(&opts.aliases);
    let mut raw: Vec<RawTie> = vec![];
    for row in &t.rows {
        let Some(r) = edge_row(t, row, &cols, diags) else {
            continue;
        };
        let (a, b) = (nodes.node_of(r.source), nodes.node_of(r.target));
        raw.push((a, b, r.weight, r.kind, r.since, r.until, r.line));
    }
    let (cities, remap) = nodes.finish(t, diags);
    let mut ds = base_dataset(&t.path, InputKind::EdgeList, vec![t.path.clone()]);
    ds.cities = cities;
    ds.ties = clean_ties(
        raw.into_iter()
            .map(|(a, b, w, k, s, u, l)| (remap[a as usize], remap[b as usize], w, k, s, u, l)),
        &t.path,
        diags,
    );
    Some(ds)
}
