//! Cleaning up when a run is stopped by Ctrl-C (SIGINT), SIGTERM or SIGHUP.
//!
//! A result folder or an atomically written file is staged under a hidden temporary name,
//! beside a lock file ([`super::output`]). The paths being staged are registered here; the
//! first registration starts a thread that waits for those signals (signal-hook), removes
//! every registered path, and then ends the process by the same signal (its default action,
//! so the shell sees an interrupted run). A commit holds the registry while it renames, so a
//! signal arriving then waits for the results to be in place rather than removing them
//! half-way. A `kill -9` cannot be caught: what it leaves is removed by the next run.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Once};

static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The registry of paths to remove on a signal (locked: a signal's cleanup waits for it).
pub fn pending() -> MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

/// Removes `p` (a file or a folder) if it exists; errors are ignored.
fn remove(p: &Path) {
    match std::fs::symlink_metadata(p) {
        Ok(m) if m.is_dir() => {
            let _ = std::fs::remove_dir_all(p);
        }
        Ok(_) => {
            let _ = std::fs::remove_file(p);
        }
        Err(_) => {}
    }
}

/// Registers `p` to be removed if the process is stopped by a signal before
/// [`unregister`]; starts the signal thread on first use.
pub fn register(p: &Path) {
    install();
    pending().push(p.to_path_buf());
}

/// Forgets `p` (it was committed, or removed by its owner).
pub fn unregister(p: &Path) {
    pending().retain(|q| q != p);
}

#[cfg(unix)]
fn install() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        let _ = std::thread::Builder::new()
            .name("citynet-signals".into())
            .spawn(move || {
                if let Some(sig) = signals.forever().next() {
                    let paths = pending();
                    for p in paths.iter() {
                        remove(p);
                    }
                    // Ends the process by the signal's default action, still holding the
                    // registry so that no commit starts meanwhile.
                    let _ = signal_hook::low_level::emulate_default_handler(sig);
                    std::process::exit(128 + sig);
                }
            });
    });
}

#[cfg(not(unix))]
fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {});
}
