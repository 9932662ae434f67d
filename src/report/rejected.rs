//! `rejected.csv`: the rows of a membership table or edge list that were left out, one line per
//! problem, with the row as it was read — so that every row either counts or is accounted for.

use super::csv_out::{neutralise, write_csv};
use crate::metrics::NodeTable;
use crate::model::{Dataset, Rejection};

/// The header of rejected.csv.
pub const HEADER: [&str; 6] = ["file", "line", "column", "value", "reason", "row"];

/// The CSV text of `list`: `file,line,column,value,reason,row`, where `row` is the row's fields
/// as read, joined as one CSV line. Text cells are neutralised against spreadsheet formulas
/// unless `raw` (see [`neutralise`]).
pub fn rejected_csv(list: &[Rejection], raw: bool) -> std::io::Result<Vec<u8>> {
    let cell = |s: &str| -> String {
        if raw {
            s.to_string()
        } else {
            neutralise(s).into_owned()
        }
    };
    let mut w = csv::Writer::from_writer(vec![]);
    w.write_record(HEADER)?;
    for r in list {
        let mut row = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(vec![]);
        row.write_record(&r.row)?;
        let row = String::from_utf8_lossy(&row.into_inner().map_err(|e| e.into_error())?)
            .trim_end_matches('\n')
            .to_string();
        w.write_record([
            cell(&r.file.display().to_string()),
            r.line.to_string(),
            cell(&r.column),
            cell(&r.value),
            cell(&r.reason),
            cell(&row),
        ])?;
    }
    w.into_inner().map_err(|e| e.into_error())
}

/// The lists of input rows and cities a researcher should look at, as files of the result
/// folder: `review.csv` (cities geocoding could not place, or placed among ambiguous
/// candidates; coordinates outside their country, namesakes kept apart, program names that
/// look wrong), `rejected.csv` (when rows were left out), `merges.csv` (cities made of several
/// names) and `memberships.csv` (a membership table's memberships with their own columns).
/// `raw` as in [`rejected_csv`].
pub fn input_lists(ds: &Dataset, raw: bool) -> Vec<(&'static str, std::io::Result<Vec<u8>>)> {
    let mut out = vec![];
    if let Some(g) = ds.review_list() {
        let review = NodeTable {
            text: g.review_columns(),
            metrics: vec![],
        };
        let mut b = vec![];
        out.push(("review.csv", write_csv(&review, &mut b, raw).map(|_| b)));
    }
    if let Some(intake) = ds.intake.as_ref().filter(|i| !i.rejected.is_empty()) {
        out.push(("rejected.csv", rejected_csv(&intake.rejected, raw)));
    }
    if let Some(p) = ds.places.as_ref().filter(|p| !p.merges.is_empty()) {
        out.push(("merges.csv", super::places_out::merges_csv(ds, p, raw)));
    }
    if super::places_out::has_membership_columns(ds) {
        out.push((
            "memberships.csv",
            super::places_out::memberships_csv(ds, raw),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn one_line_per_problem_with_the_row_as_read() {
        let list = vec![Rejection {
            file: PathBuf::from("m.csv"),
            line: 7,
            column: "weight".into(),
            value: "abc".into(),
            reason: "expected a positive number".into(),
            row: vec![
                "Lyon".into(),
                "C40, Europe".into(),
                "abc".into(),
                "=1+1".into(),
            ],
        }];
        let text = String::from_utf8(rejected_csv(&list, false).unwrap()).unwrap();
        assert_eq!(
            text,
            "file,line,column,value,reason,row\n\
             m.csv,7,weight,abc,expected a positive number,\"Lyon,\"\"C40, Europe\"\",abc,=1+1\"\n"
        );
    }
}
