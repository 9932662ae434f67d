//! Curate the bundled networks: `cargo run --release --example curate -- ../shared/data networks`.
//!
//! Prints the counts as JSON.
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let shared = PathBuf::from(args.next().unwrap_or_else(|| "../shared/data".into()));
    let out = PathBuf::from(args.next().unwrap_or_else(|| "networks".into()));
    let report = citynet::curate::curate_all(&shared, &out)?;
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(())
}
