//! The command line's files: inputs read (with the file meant when a name
//! is misspelt), inputs given twice, an output that is an input.

use std::io;
use std::path::{Path, PathBuf};

use roadmapper::{Error, Input};

use super::InputArgs;
use super::plan::Usage;
use super::report::Failure;

/// Reads an input (`-` is standard input) of at most `limit` bytes; a
/// failure names the file, the operation and, for a missing file, a near
/// name in the same folder.
pub fn read(path: &Path, limit: u64) -> Result<Input, Failure> {
    let read = if path == Path::new("-") {
        Input::from_reader("<stdin>".into(), io::stdin().lock(), limit)
    } else {
        Input::read_limited(path, limit)
    };
    read.map_err(|e| io_failure("read", e))
}

/// A library I/O error as the binary reports it: the operation, and a
/// hint where one is known.
pub fn io_failure(op: &'static str, e: Error) -> Failure {
    super::report::failure(op, e)
}

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

/// Refuses an input given twice (standard input, by `-`, `/dev/stdin` or
/// `/dev/fd/0`, would be empty the second time; a file's prerequisites
/// would all be duplicates) and an output path that is one of the inputs
/// (writing it would destroy it).
pub fn check_io_args(output: Option<&Path>, input: &InputArgs) -> Result<(), Usage> {
    let inputs: Vec<&Path> = std::iter::once(&input.outline)
        .chain(&input.prereqs)
        .chain(&input.notes)
        .chain(&input.progress)
        .map(PathBuf::as_path)
        .collect();
    // Quoted whole here, so the backticks pair up in any message.
    let shown = |p: &Path| -> String {
        if p == Path::new("-") {
            "`-` (standard input)".to_string()
        } else {
            format!("`{}`", p.display())
        }
    };
    for (i, a) in inputs.iter().enumerate() {
        for b in &inputs[..i] {
            let same = (*a == Path::new("-") && *b == Path::new("-"))
                || roadmapper::output::same_input(a, b);
            if !same {
                continue;
            }
            let stream = *a == Path::new("-")
                || *b == Path::new("-")
                || std::fs::metadata(a).is_ok_and(|m| !m.is_file());
            return Err(if stream && a == b {
                Usage {
                    message: format!(
                        "{} is given twice, and a stream can be read only once",
                        shown(a)
                    ),
                    help: "give all but one input as files".into(),
                }
            } else if stream {
                Usage {
                    message: format!(
                        "{} and {} are the same stream, which can be read only once",
                        shown(b),
                        shown(a)
                    ),
                    help: "give all but one input as files".into(),
                }
            } else if a == b {
                Usage {
                    message: format!("`{}` is given twice", a.display()),
                    help: "give each input once".into(),
                }
            } else {
                Usage {
                    message: format!(
                        "`{}` and `{}` are the same file, given twice",
                        b.display(),
                        a.display()
                    ),
                    help: "give each input once".into(),
                }
            });
        }
    }
    let Some(out) = output.filter(|o| *o != Path::new("-")) else {
        return Ok(());
    };
    if !out.exists() {
        return Ok(()); // does not exist yet, so it is no input
    }
    for i in &inputs {
        let regular = std::fs::metadata(out).is_ok_and(|m| m.is_file());
        if regular && roadmapper::output::same_input(out, i) {
            return Err(Usage {
                message: format!(
                    "the output `{}` is also an input; refusing to overwrite it",
                    out.display()
                ),
                help: "choose another -o file".into(),
            });
        }
    }
    Ok(())
}
