//! Curation tests against the real raw data: a copy of the project's `shared/data` kept in
//! `tests/data/raw/` (see its README.md for sources and licences), so they run on a clean
//! clone. `$CITYNET_SHARED_DATA` points them at another copy. A missing folder fails the
//! tests, saying where they looked: they never pass without checking.

use citynet::curate::{curate_all, Listing, Outcome, Resolver};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn shared() -> PathBuf {
    let p = std::env::var_os("CITYNET_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/raw")));
    assert!(
        p.join("SOURCES.md").exists(),
        "the sourced raw data is not at {} (no SOURCES.md there): these tests need it; \
         set CITYNET_SHARED_DATA to the folder holding membership/, gazetteer/, openflights/ \
         and sister_cities/",
        p.display()
    );
    p
}

fn resolver() -> &'static Resolver {
    static R: OnceLock<Resolver> = OnceLock::new();
    R.get_or_init(|| Resolver::load(&shared()).expect("load resolver"))
}

fn resolve(r: &Resolver, name: &str, country: &str, state: Option<&str>) -> Outcome {
    r.resolve(&Listing {
        name,
        country,
        us_state: state,
    })
}

/// (GeoNames name, country, admin1) of a resolved outcome; panics on review.
fn place(r: &Resolver, o: &Outcome) -> (String, String, String) {
    let id = o
        .geonameid()
        .unwrap_or_else(|| panic!("expected resolved, got {o:?}"));
    let c = r.gaz.get(id).expect("id in gazetteer");
    (c.name.clone(), c.country.clone(), c.admin1.clone())
}

fn is_review(o: &Outcome, starts: &str) -> bool {
    matches!(o, Outcome::Review { reason, .. } if reason.starts_with(starts))
}

#[test]
fn santa_fe_homonym() {
    let r = resolver();
    let o = resolve(r, "Santa Fe", "Argentina", None);
    assert_eq!(place(r, &o).1, "Argentina");
    let o = resolve(r, "Santa Fe", "United States", None);
    assert_eq!(
        place(r, &o),
        ("Santa Fe".into(), "United States".into(), "NM".into())
    );
    // no country: Santa Fe NM has 22% of Santa Fe AR's population -> ambiguous
    let o = resolve(r, "Santa Fe", "", None);
    assert!(is_review(&o, "ambiguous"), "{o:?}");
    if let Outcome::Review { candidates, .. } = &o {
        assert_eq!(candidates.len(), 2);
    }
}

#[test]
fn portland_homonym() {
    let r = resolver();
    // no country (as in the C40 list): Maine has 10.2% of Oregon (< 20%) -> the leader, Oregon
    let o = resolve(r, "Portland", "", None);
    assert_eq!(
        place(r, &o),
        ("Portland".into(), "United States".into(), "OR".into())
    );
    let o = resolve(r, "Portland", "USA", None);
    assert_eq!(place(r, &o).2, "OR");
    // a state code does
    let o = resolve(r, "Portland", "", Some("OR"));
    assert_eq!(place(r, &o).2, "OR");
    let o = resolve(r, "Portland", "", Some("ME"));
    assert_eq!(place(r, &o).2, "ME");
}

#[test]
fn valencia_homonym() {
    let r = resolver();
    let o = resolve(r, "Valencia", "Spain", None);
    assert_eq!(place(r, &o).1, "Spain");
    let o = resolve(r, "Valencia", "Venezuela", None);
    assert_eq!(place(r, &o).1, "Venezuela");
    assert!(is_review(&resolve(r, "Valencia", "", None), "ambiguous"));
}

#[test]
fn clear_leader_without_country() {
    let r = resolver();
    // London ON has 4.7% of London UK: resolved to the leader
    let o = resolve(r, "London", "", None);
    assert_eq!(place(r, &o).1, "United Kingdom");
    // Panama City FL has 9.4% of Panama City PA
    let o = resolve(r, "Panama City", "", None);
    assert_eq!(place(r, &o).1, "Panama");
}

#[test]
fn aliases() {
    let r = resolver();
    let o = resolve(r, "Delhi NCT", "", None);
    assert_eq!(place(r, &o), ("Delhi".into(), "India".into(), "07".into()));
    let o = resolve(r, "Durban (eThekwini)", "", None);
    assert_eq!(place(r, &o).0, "Durban");
    let o = resolve(r, "Dhaka (North & South)", "", None);
    assert_eq!(place(r, &o).1, "Bangladesh");
    let o = resolve(r, "Tel Aviv – Yafo", "", None);
    assert_eq!(place(r, &o).0, "Tel Aviv");
    let o = resolve(r, "Washington, D.C.", "", None);
    assert_eq!(place(r, &o).2, "DC");
    // country-specific alias: the source's "United States" for San Juan (Puerto Rico)
    let o = resolve(r, "San Juan", "United States", None);
    assert_eq!(place(r, &o).1, "Puerto Rico");
    // the English exonym Hanover outranks the US Hanovers once Hannover is a candidate
    let o = resolve(r, "Hanover", "", None);
    assert_eq!(place(r, &o).1, "Germany");
    // every alias points to an id in the gazetteer (checked at load) and resolves
    for a in &r.aliases {
        let o = resolve(r, &a.alias, &a.country_if_any, None);
        assert_eq!(
            o.geonameid(),
            Some(a.geonameid),
            "alias {:?}: {o:?}",
            a.alias
        );
    }
}

#[test]
fn italian_country_names() {
    let r = resolver();
    let o = resolve(r, "Shenzhen", "Cina", None);
    assert_eq!(place(r, &o).1, "China");
    let o = resolve(r, "Torino", "Italia", None);
    assert_eq!(place(r, &o), ("Turin".into(), "Italy".into(), "12".into()));
    let o = resolve(r, "Dundee", "Gran Bretagna", None);
    assert_eq!(place(r, &o).1, "United Kingdom");
    let o = resolve(r, "Nagoya", "Giappone", None);
    assert_eq!(place(r, &o).1, "Japan");
    // an unknown country string goes to review, never guessed
    assert!(is_review(
        &resolve(r, "Nagoya", "Nipponia", None),
        "unmatched"
    ));
}

#[test]
fn state_coded_us_city() {
    let r = resolver();
    let o = resolve(r, "Alameda", "", Some("CA"));
    assert_eq!(
        place(r, &o),
        ("Alameda".into(), "United States".into(), "CA".into())
    );
    // Norfolk (VA): Norfolk NE is another candidate, the state code decides
    let o = resolve(r, "Norfolk", "", Some("VA"));
    assert_eq!(place(r, &o).2, "VA");
    // a wrong state finds nothing
    assert!(is_review(
        &resolve(r, "Alameda", "", Some("TX")),
        "unmatched"
    ));
    assert_eq!(
        citynet::curate::resolve::us_state_from_note(
            "cohort 1 (2013); region heading \"NORTH AMERICA\", written as \"Boulder (CO)\" - country not named"
        ),
        Some("CO")
    );
}

#[test]
fn unmatched_and_withheld_go_to_review() {
    let r = resolver();
    assert!(is_review(&resolve(r, "Kuhmo", "", None), "unmatched"));
    assert!(is_review(&resolve(r, "Ekurhuleni", "", None), "unmatched"));
    // Victoria, Australia: entries named Victoria exist, none in Australia
    let o = resolve(r, "Victoria", "Australia", None);
    assert!(
        is_review(&o, "unmatched: GeoNames entries with this name exist"),
        "{o:?}"
    );
    // Óbidos: the only gazetteer match is in Brazil; withheld after review
    assert!(is_review(&resolve(r, "Óbidos", "", None), "withheld"));
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read_dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).expect("prefix").to_path_buf());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn curation_reproduces_committed_files() {
    let data = shared();
    let tmp = tempfile::tempdir().expect("tempdir");
    let rep = curate_all(&data, tmp.path()).expect("curate");
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("networks");
    for net in ["city-diplomacy", "air-2014", "sister-cities"] {
        let fresh = files_under(&tmp.path().join(net));
        let old = files_under(&committed.join(net));
        assert_eq!(fresh, old, "file lists differ in {net}");
        for f in fresh {
            let a = std::fs::read(tmp.path().join(net).join(&f)).expect("read fresh");
            let b = std::fs::read(committed.join(net).join(&f)).expect("read committed");
            assert!(
                a == b,
                "{net}/{} differs from the committed file",
                f.display()
            );
        }
    }
    // sanity on the counts
    let dip = &rep.networks[0];
    assert_eq!(dip.network, "city-diplomacy");
    assert!(dip.cities > 200 && dip.reviewed > 0 && dip.ties > 0);
    assert_eq!(rep.city_diplomacy.lists.len(), 5);
}
