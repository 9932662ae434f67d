//! A one-mode edge list `source,target[,weight]`, through the stages missing values → rows →
//! identity → dataset.

use super::assemble::{base_dataset, clean_tie_list, TieKinds};
use super::dataset::{Dataset, InputKind, Tie};
use super::diagnostic::Diagnostics;
use super::identify::RowCities;
use super::intake::{blank_missing, NaSet, Rejects};
use super::load::LoadOptions;
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
    let mut kinds = TieKinds::default();
    // The ties in file order, with their lines (endpoints are the nodes' first ids until the
    // identity stage has merged spellings).
    let mut ties: Vec<Tie> = Vec::with_capacity(t.rows.len());
    let mut lines: Vec<u64> = Vec::with_capacity(t.rows.len());
    let mut kind: Option<(&str, crate::model::TieKind)> = None;
    for (i, row) in t.rows.iter().enumerate() {
        let mut scratch = Diagnostics::default();
        let r = edge_row(t, row, &cols, &mut scratch);
        if !rejects.settle(t, (i, row), &blanked, scratch, diags) {
            continue;
        }
        let Some(r) = r else { continue };
        let (a, b) = (nodes.node_of(r.source), nodes.node_of(r.target));
        // Most lists have one kind (or none: `edge`): looked up only when it changes.
        let k = match &kind {
            Some((text, k)) if *text == r.kind => k.clone(),
            _ => {
                let k = kinds.get(r.kind);
                kind = Some((r.kind, k.clone()));
                k
            }
        };
        ties.push(Tie {
            a,
            b,
            kind: k,
            weight: r.weight,
            since: r.since,
            until: r.until,
        });
        lines.push(r.line);
    }
    let intake = rejects.finish(t, diags);
    let (cities, remap) = nodes.finish(t, diags);
    for tie in &mut ties {
        tie.a = remap[tie.a as usize];
        tie.b = remap[tie.b as usize];
    }
    let mut ds = base_dataset(&t.path, InputKind::EdgeList, vec![t.path.clone()]);
    ds.cities = cities;
    ds.ties = clean_tie_list(ties, &lines, &t.path, diags);
    ds.intake = Some(intake);
    Some(ds)
}
