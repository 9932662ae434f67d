//! A single membership table: one row per (city, program), through the stages missing values
//! → rows → identity → dataset.

use super::assemble::{base_dataset, dedup_memberships, Programs, RawMembership};
use super::dataset::{Dataset, InputKind};
use super::diagnostic::Diagnostics;
use super::identify::RowCities;
use super::intake::{blank_missing, NaSet, Rejects};
use super::options::LoadOptions;
use super::rows::{has_rows, membership_row, MembershipCols};
use super::table::Table;

/// Loads a membership table read as `t`.
pub(crate) fn load_membership_table(
    t: &mut Table,
    opts: &LoadOptions,
    diags: &mut Diagnostics,
) -> Option<Dataset> {
    let cols = MembershipCols::find(t, &opts.columns, diags)?;
    if !has_rows(t, "membership", diags) {
        return None;
    }
    let na = NaSet::new(opts.na.as_deref());
    let optional: Vec<usize> = [
        cols.country,
        cols.weight,
        cols.lat,
        cols.lon,
        cols.role,
        cols.since,
        cols.until,
    ]
    .into_iter()
    .flatten()
    .chain(cols.attrs.iter().copied())
    .collect();
    let blanked = blank_missing(t, &[cols.city, cols.program], &optional, &na, diags);
    let t = &*t;
    let mut rejects = Rejects::new(opts.strict);
    rejects.take_table_errors(t, diags);
    let mut cities = RowCities::new(&opts.aliases);
    let mut programs = Programs::default();
    // Raw memberships (registry ids before merging), with their lines.
    let mut raw: Vec<RawMembership> = vec![];
    for (i, row) in t.rows.iter().enumerate() {
        let mut scratch = Diagnostics::default();
        let r = membership_row(t, row, &cols, &mut scratch);
        if !rejects.settle(t, (i, row), &blanked, scratch, diags) {
            continue;
        }
        let Some(r) = r else { continue };
        let cid = cities.city_of(t, row, &r, &cols.attrs);
        let pid = programs.intern(r.program);
        raw.push((cid, pid, r.weight, r.role, r.since, r.until, r.line));
    }
    let intake = rejects.finish(t, diags);
    let (city_list, remap) = cities.finish(t, diags);
    let mut ds = base_dataset(&t.path, InputKind::MembershipTable, vec![t.path.clone()]);
    ds.cities = city_list;
    ds.programs = programs.list;
    ds.memberships = dedup_memberships(
        raw.into_iter()
            .map(|(c, p, w, role, s, u, line)| (remap[c as usize], p, w, role, s, u, line)),
        &t.path,
        diags,
    );
    ds.city_attrs = cols.attrs.iter().map(|&c| t.keys()[c].clone()).collect();
    ds.intake = Some(intake);
    Some(ds)
}
