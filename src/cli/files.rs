//! The command line's files: inputs read (with the file meant when a name
//! is misspelt), inputs given twice, an output that is an input, and an
//! output written in place.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use roadmapper::{Error, Input, WriteOptions};

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

/// Writes an output: a file (see [`roadmapper::output`]) or, without
/// `-o` or with `-o -`, standard output.
pub fn emit(
    output: Option<&Path>,
    force: bool,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Failure> {
    let path = output.unwrap_or(Path::new("-"));
    roadmapper::output::write_file(path, &WriteOptions::force(force), write)
        .map_err(|e| io_failure("write", e))
}
