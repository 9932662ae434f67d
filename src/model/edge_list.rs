//! A one-mode edge list `source,target[,weight]`, through the stages missing values → rows →
//! identity → dataset.

use super::assemble::{base_dataset, clean_ties, RawTie};
use super::dataset::{Dataset, InputKind};
use super::diagnostic::Diagnostics;
use super::identify::RowCities;
use super::intake::{blank_missing, NaSet, Rejects};
use super::options::LoadOptions;
use super::rows::{edge_row, has_rows, EdgeCols};
use super::table::Table;

/// Loads an edge list read as `t`.
pub(crate) fn load_edge_list(
    t: &mut Table,
    opts: &LoadOptions,
    diags: &mut Diagnostics,
) -> Option<Dataset> {
    let cols = EdgeCols::find(t, &opts.columns, diags)?;
    if !has_rows(t, "edge", diags) {
        return None;
    }
    let na = NaSet::new(opts.na.as_deref());
    let optional: Vec<usize> = [cols.weight, cols.kind, cols.since, cols.until]
        .into_iter()
        .flatten()
        .collect();
    let blanked = blank_missing(t, &[cols.source, cols.target], &optional, &na, diags);
    let t = &*t;
    let mut rejects = Rejects::new(opts.strict);
    rejects.take_table_errors(t, diags);
    let mut nodes = RowCities::new(&opts.aliases);
    let mut raw: Vec<RawTie> = vec![];
    for (i, row) in t.rows.iter().enumerate() {
        let mut scratch = Diagnostics::default();
        let r = edge_row(t, row, &cols, &mut scratch);
        if !rejects.settle(t, (i, row), &blanked, scratch, diags) {
            continue;
        }
        let Some(r) = r else { continue };
        let (a, b) = (nodes.node_of(r.source), nodes.node_of(r.target));
        raw.push((a, b, r.weight, r.kind, r.since, r.until, r.line));
    }
    let intake = rejects.finish(t, diags);
    let (cities, remap) = nodes.finish(t, diags);
    let mut ds = base_dataset(&t.path, InputKind::EdgeList, vec![t.path.clone()]);
    ds.cities = cities;
    ds.ties = clean_ties(
        raw.into_iter()
            .map(|(a, b, w, k, s, u, l)| (remap[a as usize], remap[b as usize], w, k, s, u, l)),
        &t.path,
        diags,
    );
    ds.intake = Some(intake);
    Some(ds)
}
