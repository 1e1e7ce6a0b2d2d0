//! The `roadmapper` binary: parses arguments, calls the library through
//! [`cli`], reports, and maps the result to an exit code (0 success, 1 an
//! input or I/O error, 2 a usage error).
#![forbid(unsafe_code)]

mod cli;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

use cli::Cli;
use cli::report::Reporter;

fn main() -> ExitCode {
    remove_temporaries_on_signals();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_exit(&e),
    };
    let reporter = Reporter::new(cli.color);
    let code = match cli::commands::run(cli, &reporter) {
        Ok(()) => 0,
        Err(failure) => {
            reporter.failure(&failure);
            failure.code()
        }
    };
    // Warnings that could not be written (`2>/dev/full`) fail the run; a
    // reader that went away (`2>&1 | head`) does not.
    ExitCode::from(if code == 0 && reporter.lost.get() {
        1
    } else {
        code
    })
}

/// On SIGINT, SIGTERM or SIGHUP: removes the temporary file of an output
/// being written, then exits with 128 + the signal's number (130, 143,
/// 129), as a shell reports a process killed by it.
fn remove_temporaries_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    // Without the handler (it cannot be installed) a signal kills the
    // process by its default action: a temporary file may stay behind,
    // nothing worse.
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    let spawned = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                roadmapper::output::remove_temporaries();
                let name = match signal {
                    SIGINT => "SIGINT",
                    SIGTERM => "SIGTERM",
                    _ => "SIGHUP",
                };
                let written = roadmapper::output::written();
                let _ = match written.as_slice() {
                    [] => writeln!(
                        io::stderr(),
                        "error: interrupted by {name}; no output file was written or replaced"
                    ),
                    files => {
                        let names: Vec<String> = files
                            .iter()
                            .map(|f| format!("`{}`", f.display()))
                            .collect();
                        writeln!(
                            io::stderr(),
                            "error: interrupted by {name}, after {} was written whole; no other output file was written or replaced",
                            roadmapper::terminal::visible(&names.join(", "))
                        )
                    }
                };
                std::process::exit(128 + signal);
            }
        });
    drop(spawned);
}

/// Help, version and argument errors from clap: printed by us, so that a
/// failed write is reported (`--help > /dev/full` exits 1) and the user's
/// own arguments echoed in an error cannot drive the terminal.
fn clap_exit(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    let text = e.render().to_string();
    let text = roadmapper::terminal::visible_lines(&text);
    let to_stdout = matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion);
    let written = if to_stdout {
        let mut out = io::stdout().lock();
        out.write_all(text.as_bytes()).and_then(|()| out.flush())
    } else {
        let mut err = io::stderr().lock();
        err.write_all(text.as_bytes()).and_then(|()| err.flush())
    };
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            if to_stdout {
                let _ = writeln!(io::stderr(), "error: cannot write to standard output: {e}");
            }
            ExitCode::from(if to_stdout { 1 } else { 2 })
        }
        _ if to_stdout => ExitCode::SUCCESS,
        _ => ExitCode::from(2),
    }
}
