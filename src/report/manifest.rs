//! The record citynet keeps in each result folder (the `.citynet-output` file): which input
//! the results were made from and which files citynet wrote. With it a new run replaces
//! citynet's own files and keeps every other file a user put in the folder, and a run from
//! another input that would take the same folder is stopped (see [`super::output`]).
//!
//! The file is JSON: `{"written_by": "citynet 0.1.0", "source": "/abs/input.csv",
//! "files": ["cities.csv", "figures/network.svg", ...]}`. Folders written before the file list
//! existed hold the line `written by citynet`; they read as a manifest with no source and no
//! file list, and a new run then keeps every file it does not write itself.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// What a result folder's `.citynet-output` says.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    /// "citynet VERSION".
    pub written_by: String,
    /// The input the results were made from (absolute), when the run recorded it.
    #[serde(default)]
    pub source: Option<PathBuf>,
    /// The files citynet wrote, relative to the folder; `None` for a folder from before
    /// the list was kept.
    #[serde(default)]
    pub files: Option<BTreeSet<String>>,
}

impl Manifest {
    /// A manifest for the files of this run.
    pub fn new(source: Option<&Path>, files: BTreeSet<String>) -> Manifest {
        Manifest {
            written_by: format!("citynet {}", env!("CARGO_PKG_VERSION")),
            source: source.map(Path::to_path_buf),
            files: Some(files),
        }
    }

    /// Reads `dir/.citynet-output`: `None` when there is none (not a citynet folder), the
    /// empty manifest for an older marker that lists no files.
    pub fn read(dir: &Path) -> Option<Manifest> {
        let text = fs::read_to_string(dir.join(super::output::MARKER)).ok()?;
        Some(serde_json::from_str(&text).unwrap_or_default())
    }

    /// The manifest as the bytes of `.citynet-output`.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut v = serde_json::to_vec_pretty(self).unwrap_or_default();
        v.push(b'\n');
        v
    }

    /// Whether citynet wrote `rel` (a folder without a file list: it cannot say, so no).
    pub fn owns(&self, rel: &str) -> bool {
        self.files.as_ref().is_some_and(|f| f.contains(rel))
    }
}

/// The files (and empty folders, with a trailing `/`) under `dir` that citynet did not write
/// according to `old`, as relative paths with `/` separators, sorted. The manifest itself is
/// left out; symbolic links are listed as files, not followed.
pub fn foreign_files(dir: &Path, old: &Manifest) -> Result<Vec<String>> {
    let mut out = vec![];
    let mut stack = vec![(dir.to_path_buf(), String::new())];
    while let Some((d, prefix)) = stack.pop() {
        let mut empty = true;
        for e in fs::read_dir(&d).map_err(|e| Error::io(&d, e))? {
            let e = e.map_err(|e| Error::io(&d, e))?;
            empty = false;
            let name = e.file_name().to_string_lossy().to_string();
            let rel = format!("{prefix}{name}");
            if rel == super::output::MARKER {
                continue;
            }
            let t = e.file_type().map_err(|err| Error::io(e.path(), err))?;
            if t.is_dir() {
                stack.push((e.path(), format!("{rel}/")));
            } else if !old.owns(&rel) {
                out.push(rel);
            }
        }
        if empty && !prefix.is_empty() {
            out.push(prefix);
        }
    }
    out.sort();
    Ok(out)
}

/// Puts each of `foreign` (relative to `from`) at the same place under `to`, as a hard link
/// (the user's file itself, which stays in `from` too until `from` is removed; a copy where
/// hard links are impossible). Fails with a usage error, before linking anything, when this
/// run wrote a file at one of those places.
pub fn carry(from: &Path, to: &Path, foreign: &[String], dest_shown: &Path) -> Result<()> {
    for rel in foreign {
        let target = to.join(rel.trim_end_matches('/'));
        let clash = fs::symlink_metadata(&target).is_ok()
            || Path::new(rel)
                .ancestors()
                .skip(1)
                .any(|a| !a.as_os_str().is_empty() && to.join(a).is_file());
        if clash {
            return Err(Error::Usage(format!(
                "--out {}: {rel} in it was not written by citynet, and this run writes a file \
                 at that place; move or rename it and run again, or choose another --out \
                 (nothing was changed)",
                dest_shown.display()
            )));
        }
    }
    for rel in foreign {
        let (src, target) = (from.join(rel), to.join(rel.trim_end_matches('/')));
        if rel.ends_with('/') {
            fs::create_dir_all(&target).map_err(|e| Error::io(&target, e))?;
            continue;
        }
        if let Some(p) = target.parent() {
            fs::create_dir_all(p).map_err(|e| Error::io(p, e))?;
        }
        let meta = fs::symlink_metadata(&src).map_err(|e| Error::io(&src, e))?;
        if meta.file_type().is_symlink() {
            let link = fs::read_link(&src).map_err(|e| Error::io(&src, e))?;
            symlink(&link, &target).map_err(|e| Error::io(&target, e))?;
        } else if fs::hard_link(&src, &target).is_err() {
            fs::copy(&src, &target).map_err(|e| Error::io(&target, e))?;
        }
    }
    Ok(())
}

#[cfg(unix)]
fn symlink(link: &Path, at: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(link, at)
}

#[cfg(not(unix))]
fn symlink(link: &Path, at: &Path) -> std::io::Result<()> {
    fs::copy(link, at).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_markers_read_as_a_manifest_without_files() {
        let d = tempfile::tempdir().unwrap();
        assert!(Manifest::read(d.path()).is_none());
        fs::write(
            d.path().join(super::super::output::MARKER),
            "written by citynet\n",
        )
        .unwrap();
        let m = Manifest::read(d.path()).unwrap();
        assert_eq!((m.source, m.files), (None, None));
        let m = Manifest::new(Some(Path::new("/a/x.csv")), ["a.csv".to_string()].into());
        fs::write(d.path().join(super::super::output::MARKER), m.to_bytes()).unwrap();
        assert_eq!(Manifest::read(d.path()).unwrap(), m);
        assert!(m.owns("a.csv") && !m.owns("b.csv"));
    }

    #[test]
    fn foreign_files_are_those_not_listed() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path();
        fs::create_dir_all(p.join("figures/mine")).unwrap();
        fs::create_dir_all(p.join("notes")).unwrap();
        for f in ["cities.csv", "figures/a.svg", "figures/b.svg", "thesis.tex"] {
            fs::write(p.join(f), "x").unwrap();
        }
        let m = Manifest::new(None, ["cities.csv".into(), "figures/a.svg".into()].into());
        assert_eq!(
            foreign_files(p, &m).unwrap(),
            ["figures/b.svg", "figures/mine/", "notes/", "thesis.tex"]
        );
    }
}
