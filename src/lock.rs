//! A lock for editing a file in place: read it, change it, put the new
//! version in place, with no other editor in between.
//!
//! The lock is an advisory lock (`flock`) on the folder holding the file,
//! not on the file: the edit replaces the file by renaming a new one over
//! it, so a lock on the old file would guard a file no longer there, and a
//! missing file has nothing to lock. The folder is there before, during and
//! after the edit, and no lock file is left behind: the lock ends when the
//! [`FolderLock`] is dropped or the process ends, however it ends. Only
//! editors that take the same lock are kept out.

use std::fs::{File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostic::Error;

/// How long an edit waits for another to finish before giving up.
pub const WAIT: Duration = Duration::from_secs(20);

/// A held lock on a folder; released when dropped.
#[derive(Debug)]
pub struct FolderLock {
    _folder: File,
}

/// Locks the folder holding `file` (the file itself may not exist yet),
/// waiting up to `wait` for another holder to let go.
///
/// Fails with [`io::ErrorKind::TimedOut`] when the wait runs out, or with
/// the system's error when the folder cannot be opened or locked (a file
/// system without locks): the message names the folder and says what to
/// do.
pub fn lock_folder_of(file: &Path, wait: Duration) -> Result<FolderLock, Error> {
    let folder = folder_of(file);
    let fail = |kind: io::ErrorKind, message: String| Error::Io {
        path: file.to_path_buf(),
        source: io::Error::new(kind, message),
    };
    let handle = File::open(&folder).map_err(|e| {
        fail(
            e.kind(),
            format!(
                "cannot open its folder `{}` to lock it: {e}",
                folder.display()
            ),
        )
    })?;
    let start = Instant::now();
    // Short pauses first: an edit holds the lock for milliseconds.
    let mut pause = Duration::from_millis(1);
    loop {
        match handle.try_lock() {
            Ok(()) => return Ok(FolderLock { _folder: handle }),
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(e)) => {
                return Err(fail(
                    e.kind(),
                    format!("cannot lock its folder `{}`: {e}", folder.display()),
                ));
            }
        }
        let waited = start.elapsed();
        if waited >= wait {
            return Err(fail(
                io::ErrorKind::TimedOut,
                format!(
                    "another edit has held the lock on its folder `{}` for {} s\n  help: let the other `roadmapper mark` finish (or stop it), then run this one again",
                    folder.display(),
                    wait.as_secs_f64().round()
                ),
            ));
        }
        std::thread::sleep(pause.min(wait - waited));
        pause = (pause * 2).min(Duration::from_millis(50));
    }
}

/// The folder a path is in (`.` for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_waits_then_says_who_holds_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("p.md");
        let held = lock_folder_of(&file, WAIT).unwrap();
        let e = lock_folder_of(&file, Duration::from_millis(30)).unwrap_err();
        let Error::Io { path, source } = &e else {
            panic!("{e}");
        };
        assert_eq!(path, &file);
        assert_eq!(source.kind(), io::ErrorKind::TimedOut);
        assert!(
            source
                .to_string()
                .contains(&dir.path().display().to_string()),
            "{e}"
        );
        assert!(source.to_string().contains("help:"), "{e}");
        drop(held);
        // Released: taken at once, and nothing is left in the folder.
        let again = lock_folder_of(&file, Duration::from_millis(30)).unwrap();
        drop(again);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
