//! Reading the inputs: a file, a device or standard input, always with a
//! size limit checked while reading, so `/dev/zero`, `/dev/urandom` or a
//! file that keeps growing stops with a clear error instead of filling the
//! memory.

use std::io::{self, Read};
use std::path::Path;

use crate::diagnostic::Error;

/// The default for [`Input::read_limited`]: 256 MiB a file, far above any
/// real roadmap, so only a runaway input (a file that keeps growing) meets
/// it.
pub const DEFAULT_MAX_INPUT_SIZE: u64 = 256 * 1024 * 1024;

/// An input file's name (as shown in diagnostics) and contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The name used in diagnostics, e.g. `roadmap/backend.txt` or `<stdin>`.
    pub name: String,
    /// The raw contents.
    pub bytes: Vec<u8>,
}

impl Input {
    /// An input from memory.
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Input {
        Input {
            name: name.into(),
            bytes: bytes.into(),
        }
    }

    /// Reads a file with the [`DEFAULT_MAX_INPUT_SIZE`] limit; the name
    /// shown in diagnostics is the path as given.
    pub fn read(path: &Path) -> Result<Input, Error> {
        Input::read_limited(path, DEFAULT_MAX_INPUT_SIZE)
    }

    /// Reads a file (or a device, a pipe) of at most `limit` bytes; a larger
    /// one is an [`Error::TooLarge`], found after reading `limit + 1` bytes
    /// at most.
    pub fn read_limited(path: &Path, limit: u64) -> Result<Input, Error> {
        let io_err = |source: io::Error| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        let file = std::fs::File::open(path).map_err(io_err)?;
        let meta = file.metadata().ok();
        if meta.as_ref().is_some_and(|m| m.is_dir()) {
            return Err(io_err(io::Error::new(
                io::ErrorKind::IsADirectory,
                "is a folder, not a file",
            )));
        }
        // A regular file's size, so the buffer is allocated once rather
        // than doubled (up to twice the input) while reading.
        let size = meta.filter(|m| m.is_file()).map_or(0, |m| m.len());
        read_to_limit(path.display().to_string(), file, limit, size).map_err(|e| match e {
            Error::Io { source, .. } => io_err(source),
            Error::TooLarge { limit, .. } => Error::TooLarge {
                path: path.to_path_buf(),
                limit,
            },
            other => other,
        })
    }

    /// Reads `reader` to its end, at most `limit` bytes (standard input, for
    /// example); `name` is shown in diagnostics.
    pub fn from_reader(name: String, reader: impl Read, limit: u64) -> Result<Input, Error> {
        read_to_limit(name, reader, limit, 0)
    }
}

/// [`Input::from_reader`], with room made for `size` bytes first (the
/// size a file says it has; more or less is read all the same).
fn read_to_limit(name: String, reader: impl Read, limit: u64, size: u64) -> Result<Input, Error> {
    let mut bytes = Vec::new();
    // One byte more: reading to the end finds it with no new room. No
    // room is no error: the buffer then grows as it is read.
    let room = usize::try_from(size.min(limit).saturating_add(1)).unwrap_or(0);
    let _ = bytes.try_reserve_exact(room);
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Io {
            path: name.clone().into(),
            source,
        })?;
    if bytes.len() as u64 > limit {
        return Err(Error::TooLarge {
            path: name.into(),
            limit,
        });
    }
    Ok(Input::new(name, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_at_the_limit() {
        let endless = io::repeat(b'a');
        let e = Input::from_reader("<stdin>".into(), endless, 1000).unwrap_err();
        assert!(matches!(e, Error::TooLarge { limit: 1000, .. }), "{e:?}");
        let ok = Input::from_reader("x".into(), &b"12345"[..], 5).unwrap();
        assert_eq!(ok.bytes, b"12345");
        assert!(Input::from_reader("x".into(), &b"123456"[..], 5).is_err());
    }

    #[test]
    fn a_device_stops_at_the_limit() {
        if Path::new("/dev/zero").exists() {
            let e = Input::read_limited(Path::new("/dev/zero"), 1 << 20).unwrap_err();
            assert!(e.to_string().contains("/dev/zero"), "{e}");
        }
    }
}
