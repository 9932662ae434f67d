//! The filter flags (`--min-programs`, `--min-members`, `--drop-program`, `--drop-city`,
//! `--where`), read in the order they are given on the command line.

use crate::model::dataset::filters::Filter;
use clap::{Arg, ArgAction, ArgMatches, Args, Command, FromArgMatches};

/// The filters of one command line, in the order given.
#[derive(Debug, Clone, Default)]
pub struct FilterArgs {
    pub filters: Vec<Filter>,
}

const MIN_PROGRAMS: &str = "min_programs";
const MIN_MEMBERS: &str = "min_members";
const DROP_PROGRAM: &str = "drop_program";
const DROP_CITY: &str = "drop_city";
const WHERE: &str = "where";

impl Args for FilterArgs {
    fn augment_args(cmd: Command) -> Command {
        let repeated = |id: &'static str, long: &'static str, value: &'static str| {
            Arg::new(id)
                .long(long)
                .value_name(value)
                .action(ArgAction::Append)
                .help_heading("Filters (applied after reading, in the order given)")
        };
        cmd.arg(
            repeated(MIN_PROGRAMS, "min-programs", "K")
                .value_parser(clap::value_parser!(usize))
                .help("Keep cities in at least K programs (K = 2: R's colSums(m) >= 2)."),
        )
        .arg(
            repeated(MIN_MEMBERS, "min-members", "K")
                .value_parser(clap::value_parser!(usize))
                .help("Keep programs with at least K member cities."),
        )
        .arg(
            repeated(DROP_PROGRAM, "drop-program", "NAME")
                .help("Leave out this program and its memberships (repeatable)."),
        )
        .arg(repeated(DROP_CITY, "drop-city", "NAME").help(
            "Leave out every city of this name, or \"Name, CC\" for one country's, with its \
             memberships and ties (repeatable).",
        ))
        .arg(repeated(WHERE, "where", "COLUMN=VALUE").help(
            "Keep the cities (or programs) whose COLUMN is VALUE, or with 'COLUMN!=VALUE' is \
             not; any input column, names and values case-insensitive (repeatable).",
        ))
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        Self::augment_args(cmd)
    }
}

impl FromArgMatches for FilterArgs {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        let mut at: Vec<(usize, Filter)> = vec![];
        let mut take = |id: &str, make: &dyn Fn(&str) -> Result<Filter, String>| {
            let (Some(idx), Some(vals)) = (m.indices_of(id), m.get_raw(id)) else {
                return Ok(());
            };
            for (i, v) in idx.zip(vals) {
                let f = make(&v.to_string_lossy())
                    .map_err(|e| clap::Error::raw(clap::error::ErrorKind::ValueValidation, e))?;
                at.push((i, f));
            }
            Ok::<(), clap::Error>(())
        };
        let count = |s: &str| {
            s.parse::<usize>()
                .map_err(|_| format!("expected a whole number, got {s:?}"))
        };
        take(MIN_PROGRAMS, &|s| count(s).map(Filter::MinPrograms))?;
        take(MIN_MEMBERS, &|s| count(s).map(Filter::MinMembers))?;
        take(DROP_PROGRAM, &|s| {
            Ok(Filter::DropProgram(s.trim().to_string()))
        })?;
        take(DROP_CITY, &|s| Ok(Filter::DropCity(s.trim().to_string())))?;
        take(WHERE, &Filter::parse_where)?;
        at.sort_by_key(|(i, _)| *i);
        Ok(FilterArgs {
            filters: at.into_iter().map(|(_, f)| f).collect(),
        })
    }

    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(m)?;
        Ok(())
    }
}
