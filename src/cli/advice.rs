//! What a failed read or write means and what to do about it: the system's
//! error without its number, a near file name for a missing file, the
//! advice the library put in its message. A leaf below the reporter and the
//! file handling, which both word I/O errors.

use std::io;
use std::path::{Path, PathBuf};

/// What the system's error means, without `(os error N)`: the library's
/// own messages (`is read-only; refusing to replace it`) are kept, with
/// any `help:` they carry cut off (the caller words its own).
pub fn reason(e: &io::Error) -> String {
    let text = e.to_string();
    let text = match text.find(" (os error") {
        Some(at) => text[..at].to_string(),
        None => text,
    };
    match text.split_once("\n  help: ") {
        Some((reason, _)) => reason.to_string(),
        None => text,
    }
}

/// The advice for a failed read or write: a near file name in the same
/// folder for a missing file, or the advice the library put in the
/// message.
pub fn hint(path: &Path, e: &io::Error) -> Option<String> {
    if let Some((_, help)) = e.to_string().split_once("\n  help: ") {
        return Some(help.to_string());
    }
    match e.kind() {
        io::ErrorKind::NotFound => {
            near_name(path).map(|p| format!("did you mean `{}`?", p.display()))
        }
        io::ErrorKind::PermissionDenied => {
            Some("check the file's permissions (ls -l), or give another file".to_string())
        }
        io::ErrorKind::IsADirectory => Some("name a file, not a folder".to_string()),
        _ => None,
    }
}

/// The file in `path`'s folder whose name is closest to `path`'s (at most
/// two edits away, or the same name in another case or with another
/// extension), if any.
pub fn near_name(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let stem = |n: &str| n.split('.').next().unwrap_or(n).to_lowercase();
    let mut best: Option<(usize, String)> = None;
    // A folder of thousands of files is not searched to the end.
    for entry in std::fs::read_dir(dir).ok()?.take(10_000).flatten() {
        let Ok(candidate) = entry.file_name().into_string() else {
            continue;
        };
        if candidate == name || !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let distance = strsim::levenshtein(&name.to_lowercase(), &candidate.to_lowercase());
        let close = distance <= 2.min(name.chars().count() / 3).max(1)
            || (stem(&candidate) == stem(name) && !stem(name).is_empty());
        if close
            && best
                .as_ref()
                .is_none_or(|(d, c)| (distance, &candidate) < (*d, c))
        {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, n)| match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.join(n),
        _ => PathBuf::from(n),
    })
}
