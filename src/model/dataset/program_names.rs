//! Program names that look wrong, for review: a web address, a list inside one name, a
//! one-word generic name, or a name used by a single city in a table whose programs are large.

use crate::model::dataset::{Membership, Program};
use crate::model::identity::gazetteer::norm;
use crate::model::identity::placement::Review;

/// One-word names that name a kind of thing rather than a program, as [`norm`] keys.
pub const GENERIC: &[&str] = &[
    "region",
    "regions",
    "city",
    "cities",
    "network",
    "networks",
    "municipality",
    "municipalities",
    "member",
    "members",
    "other",
    "others",
    "association",
    "program",
    "programme",
    "project",
    "initiative",
    "partnership",
    "unknown",
    "various",
    "misc",
    "test",
    "international",
    "national",
    "europe",
    "world",
];

/// Programs are large when their median number of member cities is at least this: a program
/// of one city is then worth a look (a typo splitting a program, a stray value).
pub const LARGE_MEDIAN: usize = 10;

/// What looks wrong with a program name, if anything: `members` is its number of cities,
/// `median` the median over the table's programs.
pub fn problem(name: &str, members: usize, median: usize) -> Option<String> {
    let lower = name.to_lowercase();
    if lower.contains("://") || lower.starts_with("www.") || lower.contains(" www.") {
        return Some("looks like a web address, not a program name".into());
    }
    if let Some(sep) = [";", "|", ","].into_iter().find(|s| name.contains(s)) {
        return Some(format!(
            "looks like a list of programs in one name (contains '{sep}'); --program-sep splits \
             such lists"
        ));
    }
    let k = norm(name);
    if !k.contains(' ') && GENERIC.contains(&k.as_str()) {
        return Some("a one-word generic name, perhaps a category rather than a program".into());
    }
    if members == 1 && median >= LARGE_MEDIAN {
        return Some(format!(
            "used by a single city, while the table's programs have a median of {median} cities \
             (a misspelt program, or a stray value?)"
        ));
    }
    None
}

/// The programs whose names look wrong ([`problem`]), in program order.
pub fn review_programs(programs: &[Program], memberships: &[Membership]) -> Vec<Review> {
    let mut size = vec![0usize; programs.len()];
    for m in memberships {
        size[m.program as usize] += 1;
    }
    let mut sorted = size.clone();
    sorted.sort_unstable();
    let median = sorted.get(sorted.len() / 2).copied().unwrap_or(0);
    programs
        .iter()
        .zip(&size)
        .filter_map(|(p, &n)| {
            problem(&p.name, n, median).map(|reason| Review {
                city: String::new(),
                country: String::new(),
                program: p.name.clone(),
                status: "program",
                reason,
                placed_at: String::new(),
                candidates: String::new(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems() {
        assert!(problem("https://www.covenantofmayors.eu", 50, 50)
            .unwrap()
            .contains("web address"));
        assert!(problem("C40, ICLEI", 50, 50).unwrap().contains("list"));
        assert!(problem("Region", 50, 50).unwrap().contains("generic"));
        assert!(problem("Regions", 1, 1).is_some());
        assert!(problem("Eurocities", 1, 40)
            .unwrap()
            .contains("single city"));
        assert_eq!(problem("Eurocities", 1, 3), None);
        assert_eq!(problem("Climate Alliance", 40, 40), None);
        assert_eq!(problem("Energy Cities", 40, 40), None);
    }
}
