//! A one-mode edge list `source,target[,weight]`, through the stages missing values → rows →
//! identity → dataset.

use super::dataset::assemble::{base_dataset, merge_repeats, TieKinds};
use super::dataset::{Dataset, InputKind, Tie};
use super::diagnostic::Diagnostics;
use super::identity::registry::Nearness;
use super::identity::row_cities::RowCities;
use super::options::LoadOptions;
use super::read::sheet::Table;
use super::rows::intake::{blank_missing, NaSet, Rejects};
use super::rows::{edge_row, has_rows, EdgeCols, EdgeRow};
use std::path::Path;

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
    let na = NaSet::new(opts.na.as_deref()).with_columns(&opts.na_col);
    let optional: Vec<usize> = [cols.weight, cols.kind, cols.since, cols.until]
        .into_iter()
        .flatten()
        .collect();
    let blanked = blank_missing(t, &[cols.source, cols.target], &optional, &na, diags);
    let mut rejects = Rejects::new(opts.strict);
    rejects.take_table_errors(t, diags);
    let mut nodes = RowCities::new(&opts.aliases);
    // One entry a row at most, reserved at once: growing by doubling would leave the
    // outgrown blocks behind as resident memory.
    let mut raw = RawTies {
        ends: Vec::with_capacity(t.rows.len()),
        lines: Vec::with_capacity(t.rows.len()),
        ..Default::default()
    };
    for (i, row) in t.rows.iter().enumerate() {
        let mut scratch = Diagnostics::default();
        let r = edge_row(t, row, &cols, &mut scratch);
        if !rejects.settle(t, (i, row), &blanked, scratch, diags) {
            continue;
        }
        let Some(r) = r else { continue };
        let (a, b) = (nodes.node_of(r.source), nodes.node_of(r.target));
        raw.push(a, b, &r);
    }
    let intake = rejects.finish(t, diags);
    // The table's rows are all read: its cells go before the identity stage and the ties are
    // put together (the peak memory of a large list).
    t.release_cells();
    // Nodes have no country, so no node is a namesake of one with a country: `near` is not
    // asked.
    let done = nodes.finish(t, diags, &mut |_, _, _, _| Nearness::Unknown, false);
    let (cities, remap) = (done.cities, done.remap);
    let mut ds = base_dataset(&t.path, InputKind::EdgeList, vec![t.path.clone()]);
    ds.cities = cities;
    ds.ties = raw.into_ties(&remap, &t.path, diags);
    ds.intake = Some(intake);
    Some(ds)
}

/// The usable rows of an edge list in file order, compact: the two node ids (as first given
/// out, before spellings merge) and the line; weight, kind and years only from the first row
/// that does not have the default (1, `edge`, none), so that a plain `source,target` list
/// costs 16 bytes a row rather than a whole [`Tie`].
#[derive(Default)]
struct RawTies {
    ends: Vec<(u32, u32)>,
    lines: Vec<u64>,
    weights: Sparse<f64>,
    kinds: Sparse<u32>,
    years: Sparse<(Option<i32>, Option<i32>)>,
    /// Kind numbers; `edge` is 0.
    kind_names: TieKinds,
}

impl RawTies {
    fn push(&mut self, a: u32, b: u32, r: &EdgeRow) {
        if self.ends.is_empty() {
            self.weights.default = 1.0;
            self.kinds.default = self.kind_names.id("edge");
        }
        let i = self.ends.len();
        self.ends.push((a, b));
        self.lines.push(r.line);
        self.weights.push(i, r.weight);
        let k = self.kind_names.id(r.kind);
        self.kinds.push(i, k);
        self.years.push(i, (r.since, r.until));
    }

    /// The ties, endpoints mapped through `remap`, cleaned as [`merge_repeats`] does.
    fn into_ties(self, remap: &[u32], path: &Path, diags: &mut Diagnostics) -> Vec<Tie> {
        let ends: Vec<(u32, u32)> = self
            .ends
            .into_iter()
            .map(|(a, b)| (remap[a as usize], remap[b as usize]))
            .collect();
        let (kept, weights) = merge_repeats(
            ends.len(),
            |i| ends[i],
            |i| self.kinds.get(i),
            |i| self.weights.get(i),
            |i| self.lines[i],
            path,
            diags,
        );
        let mut ties = Vec::with_capacity(kept.len());
        for (&i, weight) in kept.iter().zip(weights) {
            let i = i as usize;
            let (since, until) = self.years.get(i);
            ties.push(Tie {
                a: ends[i].0,
                b: ends[i].1,
                kind: self.kind_names.kind(self.kinds.get(i)).clone(),
                weight,
                since,
                until,
            });
        }
        ties
    }
}

/// Values of a column held only from the first that is not `default` on (earlier ones are
/// `default`).
#[derive(Default)]
struct Sparse<T> {
    default: T,
    values: Vec<T>,
}

impl<T: Copy + PartialEq> Sparse<T> {
    /// Records `v` as value number `i` (values are pushed in order, one each).
    fn push(&mut self, i: usize, v: T) {
        if self.values.is_empty() && v == self.default {
            return;
        }
        if self.values.len() < i {
            self.values.resize(i, self.default);
        }
        self.values.push(v);
    }

    fn get(&self, i: usize) -> T {
        self.values.get(i).copied().unwrap_or(self.default)
    }
}

#[cfg(test)]
mod tests {
    use super::super::load::load_csv_bytes;
    use super::super::options::LoadOptions;
    use super::*;

    /// A tie as (source, target, weight, kind, since, until).
    type TieRow<'a> = (&'a str, &'a str, f64, &'a str, Option<i32>, Option<i32>);

    /// Weight, kind and years are held only from the first row that differs from the default:
    /// rows before it get the default, rows after it their own value; repeats merge per kind
    /// (either direction), self-loops go, each with a warning on its line.
    #[test]
    fn optional_fields_from_the_first_row_that_has_one() {
        let csv = "source,target,weight,kind,since,until\n\
                   a,b,,,,\n\
                   b,c,1,,,\n\
                   c,d,2.5,air,2001,\n\
                   d,e,,,,2010\n\
                   b,a,3,,,\n\
                   c,d,1,rail,,\n\
                   d,c,0.5,air,,\n\
                   e,e,1,,,\n";
        let loaded = load_csv_bytes(Path::new("e.csv"), csv.as_bytes(), &LoadOptions::default());
        let ds = loaded.dataset.expect("loads");
        let name = |i: u32| ds.cities[i as usize].name.as_str();
        let got: Vec<TieRow> = ds
            .ties
            .iter()
            .map(|t| {
                (
                    name(t.a),
                    name(t.b),
                    t.weight,
                    t.kind.as_str(),
                    t.since,
                    t.until,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("a", "b", 4.0, "edge", None, None),
                ("b", "c", 1.0, "edge", None, None),
                ("c", "d", 3.0, "air", Some(2001), None),
                ("d", "e", 1.0, "edge", None, Some(2010)),
                ("c", "d", 1.0, "rail", None, None),
            ]
        );
        let warnings: Vec<(Option<u64>, &str)> = loaded
            .diagnostics
            .0
            .iter()
            .filter(|d| d.message.contains("repeats") || d.message.contains("self-loop"))
            .map(|d| (d.line, d.message.as_str()))
            .collect();
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert_eq!(warnings[0].0, Some(6));
        assert!(warnings[0].1.contains("repeats the pair of line 2"));
        assert_eq!(warnings[1].0, Some(8));
        assert!(warnings[1].1.contains("repeats the pair of line 4"));
        assert_eq!(warnings[2].0, Some(9));
        assert!(warnings[2].1.contains("self-loop"));
    }
}
