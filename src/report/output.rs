//! Writing a result folder all at once.
//!
//! Results are written into a fresh temporary folder beside the destination; only when every
//! file is complete is the folder moved into place (a rename), so a failed or interrupted run
//! leaves the previous results untouched. A lock file keeps two runs from writing the same
//! destination at once. A destination that exists but was not written by citynet (no marker
//! file) is never replaced, and neither is one that holds an input file.

use crate::error::{Error, Result};
use std::fs;
use std::path::{Path, PathBuf};

/// Name of the marker file citynet leaves in each result folder.
pub const MARKER: &str = ".citynet-output";

/// A result folder being written.
pub struct Staging {
    dest: PathBuf,
    tmp: PathBuf,
    lock: PathBuf,
    done: bool,
}

fn sibling(dest: &Path, tag: &str) -> PathBuf {
    let name = dest
        .file_name()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "output".into());
    dest.with_file_name(format!(".{name}.{tag}"))
}

fn process_alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

impl Staging {
    /// Prepares to write `dest`, refusing destinations that would lose data: a non-citynet
    /// folder, a file, or a folder that contains one of `inputs`.
    pub fn begin(dest: &Path, inputs: &[PathBuf]) -> Result<Staging> {
        if dest.is_file() {
            return Err(Error::Usage(format!(
                "--out {}: is a file; expected a folder for the results",
                dest.display()
            )));
        }
        if dest.is_dir() {
            let empty = fs::read_dir(dest)
                .map_err(|e| Error::io(dest, e))?
                .next()
                .is_none();
            if !empty && !dest.join(MARKER).exists() {
                return Err(Error::Usage(format!(
                    "--out {}: the folder exists, is not empty and was not written by citynet; \
                     refusing to replace it (choose another --out, or empty it first)",
                    dest.display()
                )));
            }
            let dest_abs = dest.canonicalize().map_err(|e| Error::io(dest, e))?;
            for i in inputs {
                if let Ok(ia) = i.canonicalize() {
                    if ia.starts_with(&dest_abs) {
                        return Err(Error::Usage(format!(
                            "--out {}: the input {} is inside it and would be overwritten; choose another --out",
                            dest.display(),
                            i.display()
                        )));
                    }
                }
            }
        }
        if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let lock = sibling(dest, "lock");
        let pid = std::process::id();
        loop {
            match fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&lock)
            {
                Ok(mut f) => {
                    use std::io::Write;
                    let _ = write!(f, "{pid}");
                    break;
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let other = fs::read_to_string(&lock)
                        .ok()
                        .and_then(|s| s.trim().parse::<u32>().ok());
                    match other {
                        Some(p) if process_alive(p) => {
                            return Err(Error::Usage(format!(
                                "another citynet run (process {p}) is writing {}; wait for it to finish",
                                dest.display()
                            )))
                        }
                        _ => {
                            // A stale lock from a run that died: take it over.
                            let _ = fs::remove_file(&lock);
                        }
                    }
                }
                Err(e) => return Err(Error::io(&lock, e)),
            }
        }
        let tmp = sibling(dest, &format!("tmp-{pid}"));
        let _ = fs::remove_dir_all(&tmp);
        fs::create_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
        Ok(Staging {
            dest: dest.to_path_buf(),
            tmp,
            lock,
            done: false,
        })
    }

    /// The folder to write into.
    pub fn dir(&self) -> &Path {
        &self.tmp
    }

    /// Writes one file into the staging folder.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<PathBuf> {
        let p = self.tmp.join(rel);
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        fs::write(&p, bytes).map_err(|e| Error::io(&p, e))?;
        Ok(p)
    }

    /// Moves the complete results into place, replacing the previous ones.
    pub fn commit(mut self) -> Result<PathBuf> {
        fs::write(self.tmp.join(MARKER), b"written by citynet\n")
            .map_err(|e| Error::io(&self.tmp, e))?;
        let old = sibling(&self.dest, &format!("old-{}", std::process::id()));
        let had_old = self.dest.exists();
        if had_old {
            fs::rename(&self.dest, &old).map_err(|e| Error::io(&self.dest, e))?;
        }
        if let Err(e) = fs::rename(&self.tmp, &self.dest) {
            if had_old {
                let _ = fs::rename(&old, &self.dest);
            }
            return Err(Error::io(&self.dest, e));
        }
        if had_old {
            let _ = fs::remove_dir_all(&old);
        }
        self.done = true;
        Ok(self.dest.clone())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.tmp);
        }
        let _ = fs::remove_file(&self.lock);
    }
}

/// Writes one file atomically (temporary file + rename), refusing to overwrite an input.
pub fn write_file_atomic(path: &Path, bytes: &[u8], inputs: &[PathBuf]) -> Result<()> {
    if let Ok(pa) = path.canonicalize() {
        for i in inputs {
            if i.canonicalize().ok().as_ref() == Some(&pa) {
                return Err(Error::Usage(format!(
                    "-o {}: that is an input file; refusing to overwrite it",
                    path.display()
                )));
            }
        }
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    let tmp = sibling(path, &format!("tmp-{}", std::process::id()));
    fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, e))?;
    fs::rename(&tmp, path).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        Error::io(path, e)
    })
}
