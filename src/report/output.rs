//! Writing a result folder all at once.
//!
//! Results are written into a fresh temporary folder beside the destination
//! (`.NAME.tmp-PID`); only when every file is complete is the folder moved into place, so a
//! failed or interrupted run leaves the previous results untouched:
//!
//! 1. **Lock.** `.NAME.lock` beside the destination is locked with `flock` for the whole run.
//!    The kernel releases the lock when the process ends, however it ends (even `kill -9`), so
//!    a lock can never be stale and no process id is trusted (ids are reused); the id written
//!    in the file only serves the message a second run gets: it fails at once, saying which
//!    process holds the folder.
//! 2. **Check** (under the lock, so nothing changes between check and write): the destination
//!    is refused when it is a file, a folder citynet did not write (no `.citynet-output`
//!    marker) that is not empty, a folder holding one of the inputs, or — for a folder named
//!    by default (`output/NAME`) — a folder made from another input of the same name
//!    (`--out` or `--force` choose otherwise). A symbolic link to a folder is followed: the
//!    results replace the folder it points to, and the link stays.
//! 3. **Recover.** Any `.NAME.tmp-*` or `.NAME.old-*` folder left beside the destination
//!    belongs to a run that died (a live one would hold the lock): temporary folders are
//!    removed, and if the destination is missing while an `old` folder exists (a run died
//!    between the two renames of step 5), the old results are put back first.
//! 4. **Stage.** Files are written and synced into `.NAME.tmp-PID`; names are relative paths
//!    that cannot leave the folder.
//! 5. **Commit.** Files in the old folder that citynet did not write (not in its
//!    [`Manifest`]) are hard-linked into the new one at the same places, so they are kept; if
//!    this run wrote a file at one of those places, the run stops with a usage error and
//!    nothing changes. The manifest (input and files written) is written; the old folder is
//!    renamed to `.NAME.old-PID`, the new one to NAME, and the old one removed.
//!
//! Ctrl-C, SIGTERM and SIGHUP remove the temporary folder and the lock before the process
//! ends ([`super::interrupt`]); what a `kill -9` leaves, the next run removes (step 3).
//!
//! For tests, two hidden environment variables inject trouble after each staged file:
//! `CITYNET_FAIL_AFTER_WRITE=N` fails the run after its N-th file (an internal error, exit 1),
//! `CITYNET_SLEEP_AFTER_WRITE_MS=N` pauses N ms (to kill a run mid-way).

use super::interrupt;
use super::manifest::{self, Manifest};
use crate::error::{Error, Result};
use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use super::manifest::MARKER;

/// A result folder being written; dropping it without [`Staging::commit`] removes the
/// temporary folder and leaves the destination as it was.
pub struct Staging {
    dest: PathBuf,
    tmp: PathBuf,
    lock_path: PathBuf,
    /// Held open (and locked) until the staging is dropped.
    _lock: fs::File,
    done: bool,
    written: Cell<usize>,
    /// The files written so far, relative to the folder (the new manifest's list).
    names: RefCell<BTreeSet<String>>,
    /// The input the results are made from (absolute), for the manifest.
    source: Option<PathBuf>,
    recovered: Vec<String>,
}

/// Whose results a result folder may hold, checked by [`Staging::begin_for`].
#[derive(Debug, Clone, Copy)]
pub struct Claim<'a> {
    /// The input this run reads; recorded in the folder's manifest.
    pub source: Option<&'a Path>,
    /// Whether results made from another input may be replaced (the folder was named with
    /// `--out`, or `--force` was given); when not, such a folder is refused.
    pub replace_other_source: bool,
}

/// Unlocks: forgets the lock file for the signal cleanup and removes it.
fn release(lock_path: &Path) {
    interrupt::unregister(lock_path);
    let _ = fs::remove_file(lock_path);
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "output".into())
}

fn sibling(dest: &Path, tag: &str) -> PathBuf {
    dest.with_file_name(format!(".{}.{tag}", file_name(dest)))
}

/// An I/O error about the place results go: permission problems and impossible paths are the
/// user's to fix (exit 2), the rest are failures (exit 1).
fn place_error(path: &Path, e: std::io::Error) -> Error {
    use std::io::ErrorKind::*;
    match e.kind() {
        PermissionDenied | ReadOnlyFilesystem | NotADirectory | AlreadyExists | NotFound => {
            Error::Usage(format!(
                "cannot write the results at {}: {e}; choose another --out",
                path.display()
            ))
        }
        _ => Error::io(path, e),
    }
}

/// Whether the folder `dir` contains (or is) one of `inputs`.
fn holds_input<'a>(dir: &Path, inputs: &'a [PathBuf]) -> Option<&'a PathBuf> {
    let dir = dir.canonicalize().ok()?;
    inputs
        .iter()
        .find(|i| i.canonicalize().is_ok_and(|ia| ia.starts_with(&dir)))
}

/// The destination as an absolute path with a real last name: an existing path is
/// canonicalised (so `--out .` and a symbolic link both name the real folder), a new one is
/// its canonical parent joined with its name.
fn resolve_dest(dest: &Path) -> Result<PathBuf> {
    if let Ok(m) = fs::symlink_metadata(dest) {
        return dest.canonicalize().map_err(|e| {
            if m.file_type().is_symlink() {
                Error::Usage(format!(
                    "--out {}: is a symbolic link to {}, which does not exist; create that \
                     folder or choose another --out",
                    dest.display(),
                    fs::read_link(dest)
                        .map(|p| p.display().to_string())
                        .unwrap_or_default()
                ))
            } else {
                place_error(dest, e)
            }
        });
    }
    let name = match dest.components().next_back() {
        Some(Component::Normal(n)) => n.to_owned(),
        _ => {
            return Err(Error::Usage(format!(
                "--out {}: expected a folder name for the results",
                dest.display()
            )))
        }
    };
    let parent = dest
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| place_error(parent, e))?;
    let parent = parent.canonicalize().map_err(|e| place_error(parent, e))?;
    Ok(parent.join(name))
}

/// Takes the lock file beside `dest`, or says who holds it.
fn lock(dest: &Path) -> Result<(fs::File, PathBuf)> {
    let path = sibling(dest, "lock");
    loop {
        let mut f = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| place_error(&path, e))?;
        match f.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                let holder = fs::read_to_string(&path)
                    .ok()
                    .and_then(|s| s.trim().parse::<u32>().ok())
                    .map(|p| format!(" (process {p})"))
                    .unwrap_or_default();
                return Err(Error::Usage(format!(
                    "another citynet run{holder} is writing {}; wait for it to finish or \
                     choose another --out",
                    dest.display()
                )));
            }
            Err(fs::TryLockError::Error(e)) => return Err(Error::io(&path, e)),
        }
        // The previous holder may have removed the file between our open and our lock: then
        // we hold a lock on a file nobody else will see. Start again on the current one.
        if !same_file(&f, &path) {
            continue;
        }
        f.set_len(0).map_err(|e| Error::io(&path, e))?;
        write!(f, "{}", std::process::id()).map_err(|e| Error::io(&path, e))?;
        return Ok((f, path));
    }
}

#[cfg(unix)]
fn same_file(f: &fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (f.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &fs::File, path: &Path) -> bool {
    path.exists()
}

/// Removes what dead runs left beside `dest`; puts back old results a run took away and died
/// before replacing. Returns what it did, for the record. Must be called under the lock.
fn recover(dest: &Path) -> Result<Vec<String>> {
    let Some(parent) = dest.parent() else {
        return Ok(vec![]);
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let name = file_name(dest);
    let (tmp_prefix, old_prefix) = (format!(".{name}.tmp-"), format!(".{name}.old-"));
    let mut notes = vec![];
    let mut olds = vec![];
    for e in fs::read_dir(parent).map_err(|e| place_error(parent, e))? {
        let Ok(e) = e else { continue };
        let n = e.file_name().to_string_lossy().to_string();
        // Only `.NAME.tmp-<digits>`: another result folder may be called `NAME.tmp-x`.
        let ours = |prefix: &str| {
            n.strip_prefix(prefix)
                .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
        };
        if ours(&tmp_prefix) {
            let _ = fs::remove_dir_all(e.path()).or_else(|_| fs::remove_file(e.path()));
            notes.push(format!(
                "removed {n}, the unfinished results of an interrupted run"
            ));
        } else if ours(&old_prefix) {
            olds.push(e.path());
        }
    }
    for old in olds {
        let n = file_name(&old);
        if !dest.exists() && old.join(MARKER).exists() {
            fs::rename(&old, dest).map_err(|e| Error::io(&old, e))?;
            notes.push(format!(
                "restored {} from {n}: a run was interrupted while replacing it",
                dest.display()
            ));
        } else {
            let _ = fs::remove_dir_all(&old);
            notes.push(format!("removed {n}, left by an interrupted run"));
        }
    }
    Ok(notes)
}

impl Staging {
    /// Prepares to write `dest`, refusing destinations that would lose data: a non-citynet
    /// folder, a file, or a folder that contains one of `inputs`.
    pub fn begin(dest: &Path, inputs: &[PathBuf]) -> Result<Staging> {
        let claim = Claim {
            source: None,
            replace_other_source: true,
        };
        Staging::begin_for(dest, inputs, claim)
    }

    /// [`Staging::begin`], recording `claim.source` in the folder and refusing a folder made
    /// from another input unless `claim.replace_other_source`.
    pub fn begin_for(dest: &Path, inputs: &[PathBuf], claim: Claim) -> Result<Staging> {
        let source = claim
            .source
            .map(|s| s.canonicalize().unwrap_or_else(|_| s.to_path_buf()));
        let dest = resolve_dest(dest)?;
        if dest.parent().is_none() {
            return Err(Error::Usage(format!(
                "--out {}: expected a folder name for the results",
                dest.display()
            )));
        }
        if dest.is_file() {
            return Err(Error::Usage(format!(
                "--out {}: is a file; expected a folder for the results",
                dest.display()
            )));
        }
        if let Some(i) = holds_input(&dest, inputs) {
            // Checked again under the lock; failing early leaves no lock file behind.
            return Err(input_inside(&dest, i));
        }
        let (lock_file, lock_path) = lock(&dest)?;
        interrupt::register(&lock_path);
        let recovered = recover(&dest).inspect_err(|_| release(&lock_path))?;
        if dest.is_dir() {
            let empty = fs::read_dir(&dest)
                .map_err(|e| place_error(&dest, e))?
                .next()
                .is_none();
            if !empty && !dest.join(MARKER).exists() {
                release(&lock_path);
                return Err(Error::Usage(format!(
                    "--out {}: the folder exists, is not empty and was not written by citynet; \
                     refusing to replace it (choose another --out, or empty it first)",
                    dest.display()
                )));
            }
            if let Some(i) = holds_input(&dest, inputs) {
                release(&lock_path);
                return Err(input_inside(&dest, i));
            }
            if let Err(e) = check_source(&dest, source.as_deref(), claim.replace_other_source) {
                release(&lock_path);
                return Err(e);
            }
        }
        let tmp = sibling(&dest, &format!("tmp-{}", std::process::id()));
        let _ = fs::remove_dir_all(&tmp);
        interrupt::register(&tmp);
        if let Err(e) = fs::create_dir(&tmp) {
            interrupt::unregister(&tmp);
            release(&lock_path);
            return Err(place_error(&tmp, e));
        }
        Ok(Staging {
            dest,
            tmp,
            lock_path,
            _lock: lock_file,
            done: false,
            written: Cell::new(0),
            names: RefCell::new(BTreeSet::new()),
            source,
            recovered,
        })
    }

    /// The folder to write into.
    pub fn dir(&self) -> &Path {
        &self.tmp
    }

    /// The folder the results will replace (a symbolic link followed).
    pub fn dest(&self) -> &Path {
        &self.dest
    }

    /// What was cleaned up or restored from earlier interrupted runs.
    pub fn recovered(&self) -> &[String] {
        &self.recovered
    }

    /// Writes one file into the staging folder. `rel` is a relative path of plain components
    /// (`figures/network.svg`); anything that could leave the folder is an internal error.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<PathBuf> {
        let relp = Path::new(rel);
        if rel.is_empty()
            || rel.contains('\0')
            || !relp.components().all(|c| matches!(c, Component::Normal(_)))
        {
            return Err(Error::Internal(anyhow::anyhow!(
                "refusing to write {rel:?}: output file names must stay inside the result folder"
            )));
        }
        let p = self.tmp.join(relp);
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let mut f = fs::File::create(&p).map_err(|e| Error::io(&p, e))?;
        f.write_all(bytes)
            .and_then(|_| f.sync_all())
            .map_err(|e| Error::io(&p, e))?;
        self.names.borrow_mut().insert(
            relp.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
        );
        let n = self.written.get() + 1;
        self.written.set(n);
        inject_trouble(n)?;
        Ok(p)
    }

    /// Moves the complete results into place, replacing citynet's previous files and keeping
    /// every other file of the folder (module documentation, step 5).
    pub fn commit(mut self) -> Result<PathBuf> {
        if self.dest.is_dir() {
            let old = Manifest::read(&self.dest).unwrap_or_default();
            let mut foreign = manifest::foreign_files(&self.dest, &old)?;
            if old.files.is_none() {
                // A folder from before the file list: the files this run writes again are
                // citynet's; every other one is kept.
                let names = self.names.borrow();
                foreign.retain(|f| !names.contains(f.trim_end_matches('/')));
            }
            manifest::carry(&self.dest, &self.tmp, &foreign, &self.dest)?;
        }
        let m = Manifest::new(self.source.as_deref(), self.names.borrow().clone());
        fs::write(self.tmp.join(MARKER), m.to_bytes()).map_err(|e| Error::io(&self.tmp, e))?;
        if let Ok(d) = fs::File::open(&self.tmp) {
            let _ = d.sync_all();
        }
        let old = sibling(&self.dest, &format!("old-{}", std::process::id()));
        // A signal arriving during the two renames waits for them (it would otherwise remove
        // the new results half-way).
        let mut pending = interrupt::pending();
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
        pending.retain(|p| p != &self.tmp);
        drop(pending);
        if had_old {
            let _ = fs::remove_dir_all(&old);
        }
        self.done = true;
        Ok(self.dest.clone())
    }
}

/// Refuses `dest` when its manifest says it was made from another input than `source`, unless
/// `replace` (the user named the folder, or gave --force).
fn check_source(dest: &Path, source: Option<&Path>, replace: bool) -> Result<()> {
    let (Some(source), false) = (source, replace) else {
        return Ok(());
    };
    let Some(prev) = Manifest::read(dest).and_then(|m| m.source) else {
        return Ok(());
    };
    if prev == source {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "{} holds the results of {}, and this run reads {} (another input with the same \
         name); refusing to replace them: choose a folder with --out, or pass --force to \
         replace them",
        dest.display(),
        prev.display(),
        source.display()
    )))
}

fn input_inside(dest: &Path, input: &Path) -> Error {
    Error::Usage(format!(
        "--out {}: the input {} is inside it and would be overwritten; choose another --out",
        dest.display(),
        input.display()
    ))
}

/// The test hooks of the module documentation.
fn inject_trouble(written: usize) -> Result<()> {
    if let Some(ms) = std::env::var("CITYNET_SLEEP_AFTER_WRITE_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
    let fail_after = std::env::var("CITYNET_FAIL_AFTER_WRITE")
        .ok()
        .and_then(|v| v.parse::<usize>().ok());
    if fail_after == Some(written) {
        return Err(Error::Internal(anyhow::anyhow!(
            "injected failure after writing {written} file(s) (CITYNET_FAIL_AFTER_WRITE)"
        )));
    }
    Ok(())
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.tmp);
            interrupt::unregister(&self.tmp);
        }
        // Removed while still locked; a run that opened it meanwhile notices and retries.
        release(&self.lock_path);
    }
}

/// Removes `.NAME.tmp-PID` files beside `path` left by runs that were killed while writing
/// it. Only those whose process is gone: a reused process id keeps its file (harmless), it
/// never loses a live one.
fn remove_dead_tmp_files(path: &Path) {
    let Some(parent) = path.parent() else { return };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let prefix = format!(".{}.tmp-", file_name(path));
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().to_string();
        let Some(pid) = n.strip_prefix(&prefix) else {
            continue;
        };
        if !pid.is_empty()
            && pid.bytes().all(|b| b.is_ascii_digit())
            && !Path::new("/proc").join(pid).exists()
            && Path::new("/proc/self").exists()
        {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Whether `a` and `b` are the same file (also through hard or symbolic links).
#[cfg(unix)]
fn same_path(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_path(a: &Path, b: &Path) -> bool {
    matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
}

/// Writes one file atomically (temporary file + rename), refusing to overwrite an input (also
/// through a hard or symbolic link). A symbolic link is followed: the file it names is
/// replaced, the link stays.
pub fn write_file_atomic(path: &Path, bytes: &[u8], inputs: &[PathBuf]) -> Result<()> {
    write_file_atomic_with(path, inputs, |f| f.write_all(bytes))
}

/// [`write_file_atomic`] for output too large to hold in memory: `fill` writes the content
/// (buffered) into the temporary file.
pub fn write_file_atomic_with(
    path: &Path,
    inputs: &[PathBuf],
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    if inputs.iter().any(|i| same_path(path, i)) {
        return Err(Error::Usage(format!(
            "-o {}: that is an input file; refusing to overwrite it",
            path.display()
        )));
    }
    if path.is_dir() {
        return Err(Error::Usage(format!(
            "-o {}: is a folder; expected a file name",
            path.display()
        )));
    }
    let path = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => path.canonicalize().unwrap_or(path.to_path_buf()),
        _ => path.to_path_buf(),
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(|e| place_error(parent, e))?;
    }
    remove_dead_tmp_files(&path);
    let tmp = sibling(&path, &format!("tmp-{}", std::process::id()));
    interrupt::register(&tmp);
    let written = fs::File::create(&tmp).and_then(|f| {
        let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
        fill(&mut w)?;
        w.into_inner().map_err(|e| e.into_error())?.sync_all()
    });
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        interrupt::unregister(&tmp);
        return Err(place_error(&tmp, e));
    }
    let mut pending = interrupt::pending();
    let renamed = fs::rename(&tmp, &path);
    pending.retain(|p| p != &tmp);
    drop(pending);
    renamed.map_err(|e| {
        let _ = fs::remove_file(&tmp);
        Error::io(&path, e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn commit_replaces_and_drop_leaves_untouched() {
        let d = tempfile::tempdir().unwrap();
        let dest = d.path().join("res");
        let s = Staging::begin(&dest, &[]).unwrap();
        s.write("a.csv", b"one").unwrap();
        s.commit().unwrap();
        assert_eq!(fs::read(dest.join("a.csv")).unwrap(), b"one");
        let s = Staging::begin(&dest, &[]).unwrap();
        s.write("a.csv", b"two").unwrap();
        drop(s);
        assert_eq!(fs::read(dest.join("a.csv")).unwrap(), b"one");
        assert_eq!(files(d.path()), ["res"]);
    }

    #[test]
    fn a_second_run_is_refused_while_the_first_holds_the_lock() {
        let d = tempfile::tempdir().unwrap();
        let dest = d.path().join("res");
        let s = Staging::begin(&dest, &[]).unwrap();
        // flock locks belong to the open file, so a second open in one process conflicts too.
        let e = Staging::begin(&dest, &[]).err().unwrap().to_string();
        assert!(e.contains("another citynet run (process"), "{e}");
        drop(s);
        Staging::begin(&dest, &[]).unwrap().commit().unwrap();
    }

    #[test]
    fn leftovers_of_dead_runs_are_cleaned_and_old_results_restored() {
        let d = tempfile::tempdir().unwrap();
        let dest = d.path().join("res");
        // A run died between its two renames: results moved aside, new ones not in place.
        let old = d.path().join(".res.old-999999");
        fs::create_dir(&old).unwrap();
        fs::write(old.join(MARKER), "").unwrap();
        fs::write(old.join("a.csv"), "kept").unwrap();
        let tmp = d.path().join(".res.tmp-999998");
        fs::create_dir(&tmp).unwrap();
        fs::write(tmp.join("half.csv"), "x").unwrap();
        // A lock file left by a killed run (its process id long gone or reused).
        fs::write(d.path().join(".res.lock"), "1").unwrap();
        let s = Staging::begin(&dest, &[]).unwrap();
        assert_eq!(s.recovered().len(), 2, "{:?}", s.recovered());
        assert_eq!(fs::read(dest.join("a.csv")).unwrap(), b"kept");
        drop(s);
        assert_eq!(files(d.path()), ["res"]);
    }

    #[test]
    fn names_cannot_leave_the_folder() {
        let d = tempfile::tempdir().unwrap();
        let s = Staging::begin(&d.path().join("res"), &[]).unwrap();
        for bad in ["../x", "/etc/passwd", "a/../../x", "", "a/./b/.."] {
            assert!(s.write(bad, b"x").is_err(), "{bad}");
        }
        s.write("figures/ego/a.svg", b"x").unwrap();
    }

    #[test]
    fn symlinked_destination_is_followed() {
        let d = tempfile::tempdir().unwrap();
        let real = d.path().join("real");
        let link = d.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let e = Staging::begin(&link, &[]).err().unwrap().to_string();
        assert!(e.contains("which does not exist"), "{e}");
        fs::create_dir(&real).unwrap();
        let s = Staging::begin(&link, &[]).unwrap();
        s.write("a.csv", b"x").unwrap();
        s.commit().unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read(real.join("a.csv")).unwrap(), b"x");
    }

    #[test]
    fn inputs_are_never_overwritten() {
        let d = tempfile::tempdir().unwrap();
        let input = d.path().join("in.csv");
        fs::write(&input, "city,program\n").unwrap();
        let inputs = vec![input.clone()];
        let e = write_file_atomic(&input, b"x", &inputs).unwrap_err();
        assert!(e.to_string().contains("that is an input file"));
        let hard = d.path().join("hard.csv");
        fs::hard_link(&input, &hard).unwrap();
        assert!(write_file_atomic(&hard, b"x", &inputs).is_err());
        let e = Staging::begin(d.path(), &inputs).err().unwrap().to_string();
        assert!(e.contains("is inside it"), "{e}");
        assert_eq!(fs::read(&input).unwrap(), b"city,program\n");
    }

    #[test]
    fn dot_and_relative_destinations_are_resolved() {
        let d = tempfile::tempdir().unwrap();
        let res = d.path().join("res");
        Staging::begin(&res, &[]).unwrap().commit().unwrap();
        // `res/.` names the folder itself, not a child called ".".
        let s = Staging::begin(&res.join("."), &[]).unwrap();
        assert_eq!(s.dest(), res.canonicalize().unwrap());
        drop(s);
        assert!(Staging::begin(Path::new("/"), &[]).is_err());
    }

    #[test]
    fn stale_tmp_files_of_dead_writers_are_removed() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("m.csv");
        let dead = d.path().join(".m.csv.tmp-4194999"); // above the default pid_max
                                                        // A live writer's file (our parent process is alive) is left alone.
        let live = d.path().join(format!(
            ".m.csv.tmp-{}",
            std::os::unix::process::parent_id()
        ));
        fs::write(&dead, "x").unwrap();
        fs::write(&live, "x").unwrap();
        write_file_atomic(&out, b"new", &[]).unwrap();
        assert!(!dead.exists());
        assert!(live.exists());
        assert_eq!(fs::read(&out).unwrap(), b"new");
    }

    #[test]
    fn unwritable_places_are_usage_errors() {
        let d = tempfile::tempdir().unwrap();
        let file = d.path().join("f");
        fs::write(&file, "x").unwrap();
        let e = Staging::begin(&file.join("res"), &[]).err().unwrap();
        assert_eq!(e.exit_code(), 2, "{e}");
        assert!(e.to_string().contains("cannot write the results at"), "{e}");
    }
}
