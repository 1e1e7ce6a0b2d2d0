//! Where the outputs go, and how they get there without harm.
//!
//! - A regular file is replaced atomically: the bytes go to a temporary
//!   file in the same folder (`.roadmapper-PID-N.tmp`, created with mode
//!   0666 so the umask applies), which is synced and renamed over the
//!   target only once complete. A failure leaves the old file untouched and
//!   no temporary file behind; an existing file keeps its mode.
//! - A symbolic link is written through to its target, like the shell's
//!   `>`; a dangling link or a loop is refused.
//! - A read-only file is refused unless [`WriteOptions::force`].
//! - Standard output (`-`, or any path naming the same file, such as
//!   `/dev/stdout`), devices, pipes and anything under `/dev` or `/proc`
//!   are written in place, never replaced.
//! - [`write_pair`] writes two files as a pair: neither is replaced until
//!   both are complete, and a failure to put the second in place puts the
//!   first one back.
//! - Temporary files are registered while they exist, so that a signal
//!   handler can call [`remove_temporaries`] before the process exits.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::diagnostic::Error;

/// How outputs may be written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct WriteOptions {
    /// Replace an existing read-only file too.
    pub force: bool,
}

impl WriteOptions {
    /// Options that replace read-only files when `force` is true.
    pub fn force(force: bool) -> WriteOptions {
        WriteOptions { force }
    }
}

/// Where the bytes for an output path go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// The process's standard output: `-`, or a path naming the same file
    /// (`/dev/stdout`, `/proc/self/fd/1`, or the file it is redirected to).
    Stdout,
    /// A device, a pipe, or a file reached through `/dev` or `/proc`:
    /// opened and written in place (`truncate` for a regular file).
    Direct {
        /// The path to open.
        path: PathBuf,
        /// Whether to truncate it first.
        truncate: bool,
    },
    /// A regular file, existing or new, replaced atomically. When the path
    /// given was a symbolic link, this is the file it points to.
    Replace {
        /// The file to replace or create.
        path: PathBuf,
        /// The mode of the existing file, kept by the new one.
        mode: Option<u32>,
    },
}

/// Where writing `path` would put the bytes, or why it must not be
/// written: a folder, a missing folder, a dangling or looping symbolic
/// link, a read-only file without `force`.
pub fn destination(path: &Path, options: &WriteOptions) -> Result<Destination, Error> {
    if path == Path::new("-") {
        return Ok(Destination::Stdout);
    }
    let fail = |kind: io::ErrorKind, message: String| Error::Io {
        path: path.to_path_buf(),
        source: io::Error::new(kind, message),
    };
    let names_a_folder = path.as_os_str().to_string_lossy().ends_with('/');
    let real = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => match fs::metadata(path) {
            // `/dev/stdout` -> `/proc/self/fd/1` -> `pipe:[N]`: the kernel
            // follows such links though they name no path.
            Ok(target) if is_stdout(&target) => return Ok(Destination::Stdout),
            Ok(target) if !target.is_file() && !target.is_dir() => {
                return Ok(Destination::Direct {
                    path: path.to_path_buf(),
                    truncate: false,
                });
            }
            Ok(_) => match fs::canonicalize(path) {
                Ok(real) => real,
                Err(_) => {
                    return Ok(Destination::Direct {
                        path: path.to_path_buf(),
                        truncate: true,
                    });
                }
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let target = fs::read_link(path).unwrap_or_default();
                return Err(fail(
                    io::ErrorKind::NotFound,
                    format!(
                        "is a symbolic link to `{}`, which does not exist; refusing to create a file through a dangling link\n  help: give the target's own path",
                        target.display()
                    ),
                ));
            }
            Err(e) => {
                return Err(fail(
                    e.kind(),
                    format!("is a symbolic link that cannot be followed ({e})"),
                ));
            }
        },
        Ok(_) => path.to_path_buf(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if names_a_folder {
                return Err(fail(
                    io::ErrorKind::NotFound,
                    "ends with `/`, so it names a folder, and there is no such folder\n  help: name a file to write, without the final `/`".to_string(),
                ));
            }
            let dir = parent(path);
            return match fs::metadata(&dir) {
                Ok(m) if m.is_dir() => Ok(Destination::Replace {
                    path: path.to_path_buf(),
                    mode: None,
                }),
                Ok(_) => Err(fail(
                    io::ErrorKind::NotADirectory,
                    format!("`{}` is not a folder", dir.display()),
                )),
                Err(_) => Err(fail(
                    io::ErrorKind::NotFound,
                    format!("the folder `{}` does not exist", dir.display()),
                )),
            };
        }
        Err(e) => {
            return Err(Error::Io {
                path: path.to_path_buf(),
                source: e,
            });
        }
    };
    let meta = fs::metadata(&real).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if meta.is_dir() {
        return Err(fail(
            io::ErrorKind::IsADirectory,
            "is a folder, not a file\n  help: name a file to write, inside that folder or elsewhere".to_string(),
        ));
    }
    if is_stdout(&meta) {
        return Ok(Destination::Stdout);
    }
    if !meta.is_file() {
        return Ok(Destination::Direct {
            path: path.to_path_buf(),
            truncate: false,
        });
    }
    let special = std::path::absolute(path)
        .is_ok_and(|abs| abs.starts_with("/dev") || abs.starts_with("/proc"));
    if special {
        return Ok(Destination::Direct {
            path: path.to_path_buf(),
            truncate: true,
        });
    }
    if meta.permissions().readonly() && !options.force {
        return Err(Error::ReadOnly {
            path: path.to_path_buf(),
        });
    }
    Ok(Destination::Replace {
        path: real,
        mode: Some(mode_of(&meta)),
    })
}

/// Writes one output: see the [module docs](self) for where the bytes go.
/// `write` gets a buffered writer; its error, or any error of creating,
/// syncing or renaming, is returned with the path.
pub fn write_file(
    path: &Path,
    options: &WriteOptions,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Error> {
    let dest = destination(path, options)?;
    let mut sink = Sink::open(path, &dest)?;
    let written = write(&mut sink.out);
    match sink.finish(written)? {
        Some(pending) => pending.commit().map(|done| done.finish()),
        None => Ok(()),
    }
}

/// [`write_file`] with the default options (read-only files refused).
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Error> {
    write_file(path, &WriteOptions::default(), write)
}

/// Writes two outputs as a pair (an outline and its prerequisites): `write`
/// gets both writers, and both are written completely before either file
/// is put in place; if the second cannot be put in place the first is
/// restored. Two paths naming the same file (by any path: `./a.txt`, a
/// link, `/dev/stdout` and `-`) are a usage error, before anything is
/// written.
pub fn write_pair(
    options: &WriteOptions,
    first: &Path,
    second: &Path,
    write: impl FnOnce(&mut dyn Write, &mut dyn Write) -> io::Result<()>,
) -> Result<(), Error> {
    let a = destination(first, options)?;
    let b = destination(second, options)?;
    if same_destination(&a, &b) {
        return Err(Error::SameOutput {
            first: first.to_path_buf(),
            second: second.to_path_buf(),
        });
    }
    let mut sink_a = Sink::open(first, &a)?;
    let mut sink_b = Sink::open(second, &b)?;
    let written = write(&mut sink_a.out, &mut sink_b.out);
    let (pa, pb) = match (sink_a.finish(Ok(())), sink_b.finish(Ok(()))) {
        (_, _) if written.is_err() => {
            return Err(Error::Io {
                path: first.to_path_buf(),
                source: written
                    .err()
                    .unwrap_or_else(|| io::Error::other("write failed")),
            });
        }
        (Ok(pa), Ok(pb)) => (pa, pb),
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    let done_a = match pa {
        Some(p) => Some(p.commit()?),
        None => None,
    };
    if let Some(p) = pb {
        match p.commit() {
            Ok(done) => done.finish(),
            Err(e) => {
                if let Some(done) = done_a {
                    done.undo();
                }
                return Err(e);
            }
        }
    }
    if let Some(done) = done_a {
        done.finish();
    }
    Ok(())
}

/// An open output: a buffered writer, and for a file to replace, the
/// temporary file behind it.
struct Sink {
    out: io::BufWriter<Box<dyn Write>>,
    shown: PathBuf,
    pending: Option<(Temporary, PathBuf, Option<u32>)>,
}

impl Sink {
    /// Opens `dest`: standard output and special files directly, a file to
    /// replace as a new temporary file next to it.
    fn open(shown: &Path, dest: &Destination) -> Result<Sink, Error> {
        let io_err = |source: io::Error| Error::Io {
            path: shown.to_path_buf(),
            source,
        };
        let (out, pending): (Box<dyn Write>, _) = match dest {
            Destination::Stdout => (Box::new(io::stdout().lock()), None),
            Destination::Direct { path, truncate } => {
                let file = OpenOptions::new()
                    .write(true)
                    .truncate(*truncate)
                    .open(path)
                    .map_err(io_err)?;
                (Box::new(file), None)
            }
            Destination::Replace { path, mode } => {
                let dir = parent(path);
                let mut temporary = Temporary::create(&dir).map_err(|e| {
                    let what = match e.kind() {
                        io::ErrorKind::NotFound => {
                            format!("the folder `{}` does not exist", dir.display())
                        }
                        io::ErrorKind::PermissionDenied => {
                            format!("no permission to write in `{}`", dir.display())
                        }
                        kind => format!("cannot write in `{}`: {kind}", dir.display()),
                    };
                    io_err(io::Error::new(e.kind(), what))
                })?;
                let file = temporary
                    .file
                    .take()
                    .ok_or_else(|| io_err(io::Error::other("the temporary file is not open")))?;
                (Box::new(file), Some((temporary, path.clone(), *mode)))
            }
        };
        Ok(Sink {
            out: io::BufWriter::with_capacity(1 << 16, out),
            shown: if matches!(dest, Destination::Stdout) {
                "<stdout>".into()
            } else {
                shown.to_path_buf()
            },
            pending,
        })
    }

    /// Flushes after `written` (the result of writing); a file to replace
    /// comes back pending, ready to be put in place.
    fn finish(mut self, written: io::Result<()>) -> Result<Option<Pending>, Error> {
        written
            .and_then(|()| self.out.flush())
            .map_err(|source| Error::Io {
                path: self.shown.clone(),
                source,
            })?;
        Ok(self
            .pending
            .take()
            .map(|(temporary, target, mode)| Pending {
                temporary,
                target,
                mode,
                shown: self.shown.clone(),
            }))
    }
}

fn same_destination(a: &Destination, b: &Destination) -> bool {
    use Destination::*;
    match (a, b) {
        (Stdout, Stdout) => true,
        (Direct { path: x, .. }, Direct { path: y, .. })
        | (Replace { path: x, .. }, Replace { path: y, .. })
        | (Direct { path: x, .. }, Replace { path: y, .. })
        | (Replace { path: x, .. }, Direct { path: y, .. }) => same_file(x, y),
        _ => false,
    }
}

/// Whether two paths name the same file: the same inode when both exist,
/// else the same canonical folder and file name.
fn same_file(x: &Path, y: &Path) -> bool {
    match (fs::metadata(x), fs::metadata(y)) {
        (Ok(mx), Ok(my)) => same_inode(&mx, &my),
        (Err(_), Err(_)) => {
            let key =
                |p: &Path| Some((fs::canonicalize(parent(p)).ok()?, p.file_name()?.to_owned()));
            key(x).is_some() && key(x) == key(y)
        }
        _ => false,
    }
}

/// An output written but not yet in place.
struct Pending {
    temporary: Temporary,
    target: PathBuf,
    mode: Option<u32>,
    /// The path as given, for messages.
    shown: PathBuf,
}

/// An output put in place, with what is needed to undo that.
struct Committed {
    target: PathBuf,
    /// A hard link to the file that was replaced, if there was one.
    backup: Option<Temporary>,
}

impl Committed {
    fn undo(self) {
        match self.backup {
            Some(mut b) => {
                if fs::rename(&b.path, &self.target).is_ok() {
                    b.done();
                }
            }
            None => {
                let _ = fs::remove_file(&self.target);
            }
        }
    }

    fn finish(self) {
        drop(self.backup);
    }
}

impl Pending {
    fn commit(mut self) -> Result<Committed, Error> {
        let io_err = |source: io::Error| Error::Io {
            path: self.shown.clone(),
            source,
        };
        let file = OpenOptions::new()
            .write(true)
            .open(&self.temporary.path)
            .map_err(io_err)?;
        if let Some(mode) = self.mode {
            set_mode(&file, mode).map_err(io_err)?;
        }
        file.sync_all().map_err(io_err)?;
        drop(file);
        let backup = if self.target.exists() {
            Temporary::reserve(&self.target).and_then(|b| {
                fs::hard_link(&self.target, &b.path).ok()?;
                Some(b)
            })
        } else {
            None
        };
        rename_into_place(&mut self.temporary, &self.target).map_err(io_err)?;
        Ok(Committed {
            target: self.target,
            backup,
        })
    }
}

/// The temporary files of this process that exist now.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Removes every temporary file this process is writing and keeps new ones
/// from being made. For a signal handler about to exit the process: call
/// it, then exit, holding nothing else. A temporary being renamed at that
/// moment either is already in place (complete) or is removed.
pub fn remove_temporaries() {
    let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    for path in pending.drain(..) {
        let _ = fs::remove_file(path);
    }
    // Keep the lock: the process is about to exit, and no thread may
    // register a new temporary file in between.
    std::mem::forget(pending);
}

/// The outputs this process has put in place, in order.
static WRITTEN: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The outputs put in place so far: for a signal handler, after
/// [`remove_temporaries`], to say what was written before the signal.
pub fn written() -> Vec<PathBuf> {
    WRITTEN.lock().unwrap_or_else(|e| e.into_inner()).clone()
}

/// Renames a temporary into place under the lock [`remove_temporaries`]
/// takes, and records the target: a signal handler sees either the
/// temporary (and removes it) or the output written, never a rename half
/// accounted for.
fn rename_into_place(temporary: &mut Temporary, target: &Path) -> io::Result<()> {
    let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    fs::rename(&temporary.path, target)?;
    if let Some(i) = pending.iter().rposition(|p| *p == temporary.path) {
        pending.swap_remove(i);
    }
    temporary.done = true;
    WRITTEN
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(target.to_path_buf());
    Ok(())
}

fn register(path: &Path) {
    PENDING
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(path.to_path_buf());
}

fn unregister(path: &Path) {
    let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(i) = pending.iter().rposition(|p| p == path) {
        pending.swap_remove(i);
    }
}

/// A registered temporary path, removed when dropped unless [`done`].
///
/// [`done`]: Temporary::done
struct Temporary {
    path: PathBuf,
    file: Option<File>,
    done: bool,
}

impl Temporary {
    /// A name of this process's, registered, not yet created.
    fn name_in(dir: &Path) -> PathBuf {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        dir.join(format!(".roadmapper-{}-{n}.tmp", std::process::id()))
    }

    /// Creates a new temporary file in `dir` (registered before it exists,
    /// so a signal cannot leave it behind).
    fn create(dir: &Path) -> io::Result<Temporary> {
        let mut last = None;
        for _ in 0..64 {
            let path = Temporary::name_in(dir);
            register(&path);
            let mut open = OpenOptions::new();
            open.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut open, 0o666);
            match open.open(&path) {
                Ok(file) => {
                    return Ok(Temporary {
                        path,
                        file: Some(file),
                        done: false,
                    });
                }
                Err(e) => {
                    unregister(&path);
                    if e.kind() != io::ErrorKind::AlreadyExists {
                        return Err(e);
                    }
                    last = Some(e);
                }
            }
        }
        Err(last.unwrap_or_else(|| io::Error::other("no free temporary name")))
    }

    /// A registered name next to `target`, for a backup link.
    fn reserve(target: &Path) -> Option<Temporary> {
        let path = Temporary::name_in(&parent(target));
        if path.exists() {
            return None;
        }
        register(&path);
        Some(Temporary {
            path,
            file: None,
            done: false,
        })
    }

    /// The path no longer holds our temporary file (renamed into place).
    fn done(&mut self) {
        self.done = true;
        unregister(&self.path);
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if !self.done {
            drop(self.file.take());
            let _ = fs::remove_file(&self.path);
            unregister(&self.path);
        }
    }
}

/// The folder a path is in (`.` for a bare file name).
fn parent(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(unix)]
fn mode_of(meta: &fs::Metadata) -> u32 {
    std::os::unix::fs::PermissionsExt::mode(&meta.permissions()) & 0o7777
}

#[cfg(not(unix))]
fn mode_of(_: &fs::Metadata) -> u32 {
    0o644
}

#[cfg(unix)]
fn set_mode(file: &File, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_: &File, _: u32) -> io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn same_inode(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_inode(_: &fs::Metadata, _: &fs::Metadata) -> bool {
    false
}

/// Whether `meta` is the file standard output is.
fn is_stdout(meta: &fs::Metadata) -> bool {
    stream_metadata(&io::stdout()).is_some_and(|m| same_inode(&m, meta))
}

/// The metadata of what a standard stream is connected to (a file, a pipe,
/// a terminal), if it can be known.
#[cfg(unix)]
pub fn stream_metadata(stream: &impl std::os::fd::AsFd) -> Option<fs::Metadata> {
    let fd = stream.as_fd().try_clone_to_owned().ok()?;
    File::from(fd).metadata().ok()
}

/// The metadata of what a standard stream is connected to: unknown here.
#[cfg(not(unix))]
pub fn stream_metadata<T>(_: &T) -> Option<fs::Metadata> {
    None
}

/// Whether two paths (or `-` for standard input) are the same file, pipe
/// or device: the same inode, as far as the system tells.
pub fn same_input(a: &Path, b: &Path) -> bool {
    let meta = |p: &Path| {
        if p == Path::new("-") {
            stream_metadata(&io::stdin())
        } else {
            fs::metadata(p).ok()
        }
    };
    match (meta(a), meta(b)) {
        (Some(x), Some(y)) => same_inode(&x, &y),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch() -> tempfile::TempDir {
        tempfile::tempdir().unwrap()
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".roadmapper-"))
            .collect()
    }

    #[test]
    fn a_failed_write_keeps_the_old_file_and_no_temporary() {
        let dir = scratch();
        let path = dir.path().join("out.txt");
        fs::write(&path, "old").unwrap();
        let e = write_atomically(&path, |w| {
            w.write_all(b"half")?;
            Err(io::Error::other("boom"))
        });
        assert!(e.is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert!(leftovers(dir.path()).is_empty());
        assert!(
            PENDING
                .lock()
                .unwrap()
                .iter()
                .all(|p| !p.starts_with(dir.path()))
        );
    }

    #[test]
    fn outputs_put_in_place_are_recorded_and_failed_ones_not() {
        let dir = scratch();
        let good = dir.path().join("good.txt");
        let bad = dir.path().join("bad.txt");
        write_atomically(&good, |w| w.write_all(b"whole")).unwrap();
        let _ = write_atomically(&bad, |_| Err(io::Error::other("boom")));
        let written = written();
        assert!(written.iter().any(|p| p.ends_with("good.txt")));
        assert!(!written.iter().any(|p| p.ends_with("bad.txt")));
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_written_through_and_dangling_ones_refused() {
        let dir = scratch();
        let target = dir.path().join("target.txt");
        let link = dir.path().join("link.txt");
        fs::write(&target, "old").unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomically(&link, |w| w.write_all(b"new")).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");

        let dangling = dir.path().join("dangling.txt");
        std::os::unix::fs::symlink(dir.path().join("nowhere.txt"), &dangling).unwrap();
        let e = write_atomically(&dangling, |w| w.write_all(b"x")).unwrap_err();
        assert!(e.to_string().contains("does not exist"), "{e}");
        assert!(!dir.path().join("nowhere.txt").exists());

        let a = dir.path().join("a");
        let b = dir.path().join("b");
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        assert!(write_atomically(&a, |w| w.write_all(b"x")).is_err());
        assert!(fs::symlink_metadata(&a).unwrap().file_type().is_symlink());
        assert!(leftovers(dir.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn read_only_files_need_force_and_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch();
        let path = dir.path().join("ro.txt");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
        let e = write_atomically(&path, |w| w.write_all(b"new")).unwrap_err();
        assert!(e.to_string().contains("read-only"), "{e}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        write_file(&path, &WriteOptions::force(true), |w| w.write_all(b"new")).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o444);
    }

    #[test]
    fn a_pair_is_refused_when_both_name_one_file() {
        let dir = scratch();
        let a = dir.path().join("a.txt");
        let dotted = dir.path().join(".").join("a.txt");
        let e = write_pair(&WriteOptions::default(), &a, &dotted, |x, y| {
            x.write_all(b"1")?;
            y.write_all(b"2")
        })
        .unwrap_err();
        assert!(matches!(e, Error::SameOutput { .. }), "{e}");
        assert!(!a.exists());
    }

    #[test]
    fn a_pair_writes_nothing_when_one_fails() {
        let dir = scratch();
        let a = dir.path().join("a.txt");
        let b = dir.path().join("b.txt");
        fs::write(&a, "old a").unwrap();
        let e = write_pair(&WriteOptions::default(), &a, &b, |x, _| {
            x.write_all(b"new a")?;
            Err(io::Error::other("boom"))
        });
        assert!(e.is_err());
        assert_eq!(fs::read_to_string(&a).unwrap(), "old a");
        assert!(!b.exists());
        assert!(leftovers(dir.path()).is_empty());
        // A folder in the way of the second: found before anything is written.
        fs::create_dir(&b).unwrap();
        let e = write_pair(&WriteOptions::default(), &a, &b, |x, y| {
            x.write_all(b"new a")?;
            y.write_all(b"b")
        });
        assert!(e.is_err());
        assert_eq!(fs::read_to_string(&a).unwrap(), "old a");
        let c = dir.path().join("c.txt");
        write_pair(&WriteOptions::default(), &a, &c, |x, y| {
            x.write_all(b"new a")?;
            y.write_all(b"c")
        })
        .unwrap();
        assert_eq!(fs::read_to_string(&c).unwrap(), "c");
        assert_eq!(fs::read_to_string(&a).unwrap(), "new a");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_trailing_slash_names_a_folder() {
        let dir = scratch();
        let path = dir.path().join("newname/");
        let e = write_atomically(&path, |w| w.write_all(b"x")).unwrap_err();
        assert!(e.to_string().contains("names a folder"), "{e}");
    }
}
