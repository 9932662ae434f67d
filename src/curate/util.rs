//! Small shared helpers: name normalisation, CSV reading/writing, number formatting.

use anyhow::{Context, Result};
use std::path::Path;

/// Fixed coordinate formatting with `decimals` places; `-0.00000` is written as `0.00000`.
pub fn fmt_coord(x: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, x);
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s
    }
}

/// Read a CSV file with a header into a vector of string records (header excluded).
pub fn read_csv(path: &Path) -> Result<(csv::StringRecord, Vec<csv::StringRecord>)> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_path(path)
        .with_context(|| format!("opening {}", path.display()))?;
    read_all(&mut rdr, &path.display().to_string())
}

/// Read CSV text embedded in the binary (the reviewed curation tables).
pub fn read_csv_str(text: &str, what: &str) -> Result<(csv::StringRecord, Vec<csv::StringRecord>)> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    read_all(&mut rdr, what)
}

fn read_all<R: std::io::Read>(
    rdr: &mut csv::Reader<R>,
    what: &str,
) -> Result<(csv::StringRecord, Vec<csv::StringRecord>)> {
    let header = rdr
        .headers()
        .with_context(|| format!("header of {what}"))?
        .clone();
    let mut rows = Vec::new();
    for r in rdr.records() {
        rows.push(r.with_context(|| format!("reading {what}"))?);
    }
    Ok((header, rows))
}

/// Index of a named column in a header, or an error naming the file.
pub fn col(header: &csv::StringRecord, name: &str, what: &str) -> Result<usize> {
    header
        .iter()
        .position(|h| h == name)
        .with_context(|| format!("column {name:?} missing in {what}"))
}

/// Write rows as UTF-8 CSV with `\n` line ends and minimal quoting (deterministic bytes).
pub fn write_csv(path: &Path, header: &[&str], rows: &[Vec<String>]) -> Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_path(path)
        .with_context(|| format!("creating {}", path.display()))?;
    w.write_record(header)?;
    for r in rows {
        w.write_record(r)?;
    }
    w.flush()?;
    Ok(())
}

/// Write a text file (README, network.toml), creating parent folders.
pub fn write_text(path: &Path, text: &str) -> Result<()> {
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p)?;
    }
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

/// Quote a string as a TOML basic string.
pub fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A source of a bundled network: (name, url, licence, date), as `[[sources]]` writes it.
pub type Source<'a> = (&'a str, &'a str, &'a str, &'a str);

/// The head of a `network.toml`: title, description, `[[sources]]`, `[defaults]` with the
/// default figure, and the `[aliases]` header (the caller appends alias lines, if any).
pub fn network_toml(title: &str, description: &str, sources: &[Source], figure: &str) -> String {
    use std::fmt::Write as _;
    let mut t = String::new();
    let _ = writeln!(t, "title = {}", toml_str(title));
    let _ = writeln!(t, "description = {}", toml_str(description));
    for (n, u, l, d) in sources {
        let _ = write!(
            t,
            "\n[[sources]]\nname = {}\nurl = {}\nlicence = {}\ndate = {}\n",
            toml_str(n),
            toml_str(u),
            toml_str(l),
            toml_str(d)
        );
    }
    let _ = write!(
        t,
        "\n[defaults]\nfigure = {}\n\n[aliases]\n",
        toml_str(figure)
    );
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coords() {
        assert_eq!(fmt_coord(39.9075, 5), "39.90750");
        assert_eq!(fmt_coord(-0.000001, 5), "0.00000");
    }
}
