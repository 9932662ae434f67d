//! A single membership table: one row per (city, program), through the stages missing values
//! → rows → identity → places → dataset.

use super::dataset::assemble::{base_dataset, dedup_memberships_kept, Programs, RawMembership};
use super::dataset::membership_attrs::{membership_columns, move_to_memberships};
use super::dataset::membership_attrs::{most_frequent_values, ColumnSpread};
use super::dataset::program_names::review_programs;
use super::dataset::{Dataset, InputKind};
use super::diagnostic::{Diagnostic, Diagnostics};
use super::identity::placement::PlaceReport;
use super::identity::places::{namesake_nearness, settle, CityList, Shipped};
use super::identity::row_cities::{Finished, RowCities};
use super::options::LoadOptions;
use super::read::sheet::Table;
use super::rows::intake::{blank_missing, warn_na_country, NaSet, Rejects};
use super::rows::{has_rows, membership_row, MembershipCols};

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
    let na = NaSet::new(opts.na.as_deref()).with_columns(&opts.na_col);
    let optional: Vec<usize> = [cols.country, cols.weight, cols.role, cols.since, cols.until]
        .into_iter()
        .flatten()
        .chain(cols.coords.iter().flat_map(|&(a, b)| [a, b]))
        .chain(cols.attrs.iter().copied())
        .collect();
    let blanked = blank_missing(t, &[cols.city, cols.program], &optional, &na, diags);
    warn_na_country(t, cols.country, diags);
    let t = &*t;
    let mut rejects = Rejects::new(opts.strict);
    rejects.take_table_errors(t, diags);
    let mut cities = RowCities::new(&opts.aliases);
    let mut programs = Programs::default();
    // Raw memberships (registry ids before merging), with their lines and row indices.
    let mut raw: Vec<RawMembership> = vec![];
    let mut raw_rows: Vec<usize> = vec![];
    // The registry id and line of every row used (memberships and cities in no program).
    let mut row_cities: Vec<(u32, u64)> = vec![];
    for (i, row) in t.rows.iter().enumerate() {
        let mut scratch = Diagnostics::default();
        let r = membership_row(t, row, &cols, &mut scratch);
        if !rejects.settle(t, (i, row), &blanked, scratch, diags) {
            continue;
        }
        let Some(r) = r else { continue };
        let cid = cities.city_of(t, row, &r, &cols.attrs);
        if row_cities.last() != Some(&(cid, r.line)) {
            row_cities.push((cid, r.line));
        }
        if r.program.is_empty() {
            continue;
        }
        let pid = programs.intern(r.program);
        raw.push((cid, pid, r.weight, r.role, r.since, r.until, r.line));
        raw_rows.push(i);
    }
    let intake = rejects.finish(t, diags);
    if raw.is_empty() && !row_cities.is_empty() {
        diags.push(Diagnostic::error(
            &t.path,
            "no row names a program; expected at least one membership (rows with a city and \
             no program are cities in no program)",
        ));
        return None;
    }
    let (city_list, remap, mut report) = place_cities(cities, t, opts, diags);
    let mut ds = base_dataset(&t.path, InputKind::MembershipTable, vec![t.path.clone()]);
    ds.cities = city_list;
    ds.programs = programs.list;
    let final_rows: Vec<(u32, usize)> = raw
        .iter()
        .zip(&raw_rows)
        .map(|(m, &r)| (remap[m.0 as usize], r))
        .collect();
    let (memberships, kept) = dedup_memberships_kept(
        raw.into_iter()
            .map(|(c, p, w, role, s, u, line)| (remap[c as usize], p, w, role, s, u, line)),
        &t.path,
        diags,
    );
    ds.memberships = memberships;
    let spread = membership_columns(t, &cols.attrs, &final_rows);
    let member_cols: Vec<usize> = spread.iter().map(|s| s.col).collect();
    let kept_rows: Vec<usize> = kept.iter().map(|&k| raw_rows[k]).collect();
    move_to_memberships(
        t,
        &member_cols,
        &mut ds.cities,
        &mut ds.memberships,
        &kept_rows,
    );
    let city_too: Vec<usize> = spread
        .iter()
        .filter(|s| s.mostly_city())
        .map(|s| {
            most_frequent_values(t, s.col, &final_rows, &mut ds.cities);
            warn_mostly_city(t, s, diags);
            s.col
        })
        .collect();
    ds.membership_attrs = member_cols.iter().map(|&c| t.keys()[c].clone()).collect();
    ds.city_attrs = cols
        .attrs
        .iter()
        .filter(|c| !member_cols.contains(c) || city_too.contains(c))
        .map(|&c| t.keys()[c].clone())
        .collect();
    if report.matched > 0 {
        ds.city_attrs.push("geonames_id".into());
    }
    fill_merge_lines(&mut report, &row_cities, &remap);
    report.no_program = cities_in_no_program(&ds);
    if report.no_program > 0 {
        diags.push(Diagnostic::warning(
            &t.path,
            format!(
                "{} cities in no program (rows with a city and no program): kept as cities of \
                 degree 0",
                report.no_program
            ),
        ));
    }
    report
        .review
        .extend(review_programs(&ds.programs, &ds.memberships));
    ds.places = Some(report);
    ds.intake = Some(intake);
    Some(ds)
}

/// The identity and place stages: cities merged, placed and checked; the map from registry ids
/// to them; what was decided.
fn place_cities(
    cities: RowCities,
    t: &Table,
    opts: &LoadOptions,
    diags: &mut Diagnostics,
) -> (Vec<super::dataset::City>, Vec<u32>, PlaceReport) {
    let mut near = |a: &_, pa, b: &_, pb| namesake_nearness(Shipped::bundled(), a, pa, b, pb);
    let Finished {
        cities,
        remap,
        spellings,
        merged,
        apart,
    } = cities.finish(t, diags, &mut near, true);
    let list = CityList {
        cities,
        spellings,
        merged,
        apart,
    };
    let settled = settle(
        list,
        !opts.no_merge_places,
        opts.name_language,
        Shipped::bundled(),
    );
    let merged_away = settled.report.cities_before - settled.cities.len();
    if merged_away > 0 {
        diags.push(Diagnostic::warning(
            &t.path,
            format!(
                "{merged_away} cities are other names of a city's GeoNames place and were merged \
                 into it (listed in merges.csv; --no-merge-places keeps them apart)"
            ),
        ));
    }
    let remap = remap
        .into_iter()
        .map(|c| settled.remap[c as usize])
        .collect();
    (settled.cities, remap, settled.report)
}

/// The input lines of each merged city's rows.
fn fill_merge_lines(report: &mut PlaceReport, row_cities: &[(u32, u64)], remap: &[u32]) {
    let mut slot = rustc_hash::FxHashMap::default();
    for (k, m) in report.merges.iter().enumerate() {
        slot.insert(m.city, k);
    }
    for &(cid, line) in row_cities {
        if let Some(&k) = slot.get(&remap[cid as usize]) {
            report.merges[k].lines.push(line);
        }
    }
}

/// Cities with no membership.
fn cities_in_no_program(ds: &Dataset) -> usize {
    let mut member = vec![false; ds.cities.len()];
    for m in &ds.memberships {
        member[m.city as usize] = true;
    }
    member.iter().filter(|&&m| !m).count()
}

/// One warning for a city column whose values differ in a few cities: it stays a city column
/// (each city's most frequent value) and is also kept per membership.
fn warn_mostly_city(t: &Table, s: &ColumnSpread, diags: &mut Diagnostics) {
    let example = s
        .example
        .map(|r| format!(" (first at line {})", t.rows[r].line))
        .unwrap_or_default();
    diags.push(Diagnostic::warning(
        &t.path,
        format!(
            "column '{}' differs between the rows of {} of the {} cities with several values{}: \
             kept as a city column with each city's most frequent value, and per membership \
             (memberships.csv)",
            t.keys()[s.col],
            s.differ,
            s.multi,
            example
        ),
    ));
}
