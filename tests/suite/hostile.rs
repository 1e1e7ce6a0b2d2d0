//! Hostile and broken inputs, data-driven.
//!
//! Every folder under `tests/hostile/` is one case: its input files
//! (`outline.txt`, `prereqs.txt`, ...) and an `expect` file that says what to
//! generate, which commands to run and what each must do. This runner finds
//! every case, copies it into a fresh temporary folder, generates the big
//! inputs there (they are never committed), runs the binary with a timeout and
//! checks everything; it reports every failing case at once.
//!
//! # The `expect` format
//!
//! Lines starting with `#` are comments. Before the first `[run NAME]`:
//!
//! - `about: TEXT`: what the case is about (shown in the report).
//! - `gen: FILE KIND N...`: generate FILE in the work folder: `deep N` (N
//!   levels, line i indented by i spaces), `flat N` (a root and N children),
//!   `tree S T U` (S sections of T topics of U subtopics), `long-label N` /
//!   `long-word N` (one N-byte label of words / without a space), `chain N` /
//!   `cycle N` (prerequisites through the topics of `flat N`),
//!   `bad-utf8-lines N`.
//! - `setup: dir PATH` | `setup: file PATH CONTENT` | `setup: symlink PATH TARGET`
//!   | `setup: mode PATH OCTAL` (chmod).
//!
//! Each `[run NAME]` block:
//!
//! - `args: ...`: the arguments, split at whitespace; `"..."` groups a token.
//!   `{outline}` is `outline.txt`, `{prereqs}` is `prereqs.txt`, `{out}` is
//!   the run's output file (`out: NAME`, default `out`), `{dir}` is the
//!   absolute work folder. The binary runs in the work folder, so messages
//!   name the files as given.
//! - `exit: 0` or `exit: 0|1`: the allowed exit codes.
//! - `stdin: FILE`: feed FILE on standard input (else it is empty).
//! - `pipe-close: N`: read N bytes of standard output, then close the pipe.
//! - `stdout-to: PATH`, `stderr-to: PATH`: connect the stream to PATH (say
//!   `/dev/full`) instead of a pipe.
//! - `umask: OCTAL`: run under that umask (through `sh -c`).
//! - `signal: INT|TERM|HUP`: send the signal as soon as a `.roadmapper-*`
//!   temporary file appears in the work folder (the run must be writing).
//! - `timeout: SECONDS` (default 60, or `HOSTILE_TIMEOUT`).
//! - `stderr-has: TEXT`, `stderr-lacks: TEXT`, `stdout-has: TEXT`,
//!   `stdout-lacks: TEXT`: substrings.
//! - `check: NAME [ARG]`: a property. Content checks look at the output:
//!   the `{out}` file when the arguments name it, else stdout (or ARG:
//!   `stdout`, `stderr` or a path, where it says `[T]`).
//!   `svg-parses [T]` (roxmltree and `usvg::Tree::from_str`),
//!   `svg-no-script [T]` (no `<script>`, `<foreignObject>`, `on*=`
//!   attribute or `javascript:` URL), `svg-text TEXT` (a `<text>` holds it),
//!   `json-parses`, `json-label TEXT` (a node's label is exactly TEXT),
//!   `json-no-label-contains TEXT`, `json-nodes N`, `dot-parses` (layout-rs's
//!   DOT parser), `dot-label TEXT`, `dot-nodes N`, `markdown-inert` (no
//!   HTML, link, emphasis or code span from a label, `\<b>` counting as
//!   HTML), `png-valid [T]`,
//!   `no-file [PATH]`, `file-unchanged PATH`, `is-dir PATH`, `dir-empty
//!   PATH`, `is-symlink PATH`, `no-raw-controls [T]` (no control character
//!   but tab and line ends), `stdout-lines N`, `stdout-empty`,
//!   `stderr-empty`, `mode PATH OCTAL` (permission bits), `file-has PATH
//!   TEXT`.
//!
//! A key prefixed `ok ` applies only when the exit code is 0, `err ` only when
//! it is not (for cases where both "works" and "refuses clearly" are right).
//! Values may be wrapped in `"..."` and use the escapes `\n \r \t \0 \\ \"
//! \xNN \u{NNNN}`.
//!
//! Every run, whatever its `expect` says, must finish before its timeout,
//! not die by a signal, not panic (exit 101, `panicked`), print `error` when
//! it fails, and leave no `.roadmapper-*` temporary file behind.
//!
//! `HOSTILE_CASES=name,name` runs only the cases whose names contain one of
//! the given strings.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::io::{Read, Write as _};
use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use resvg::usvg;
use serde_json::Value;

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

// ---------------------------------------------------------------------------
// The spec
// ---------------------------------------------------------------------------

#[derive(Debug)]
struct Case {
    name: String,
    dir: PathBuf,
    about: String,
    gens: Vec<(String, Gen)>,
    setups: Vec<Setup>,
    runs: Vec<Run>,
}

#[derive(Debug, Clone, Copy)]
enum Gen {
    /// N lines, line i indented by i spaces: N levels deep.
    Deep(usize),
    /// A root with N children.
    Flat(usize),
    /// A root, S sections, T topics each, U subtopics each.
    Tree(usize, usize, usize),
    /// A root, one child whose label is N bytes of words, then a sibling.
    LongLabel(usize),
    /// The same with one N-byte word (no place to wrap).
    LongWord(usize),
    /// Prerequisites `Topic i -> Topic i+1` for the topics of `flat N`.
    Chain(usize),
    /// The chain closed into one cycle.
    Cycle(usize),
    /// N lines, each with an invalid UTF-8 byte.
    BadUtf8Lines(usize),
}

#[derive(Debug)]
enum Setup {
    Dir(String),
    File(String, String),
    Symlink(String, String),
    Mode(String, u32),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum When {
    Always,
    Ok,
    Err,
}

#[derive(Debug)]
enum Expect {
    StderrHas(String),
    StderrLacks(String),
    StdoutHas(String),
    StdoutLacks(String),
    Check(String, Option<String>),
}

#[derive(Debug)]
struct Run {
    name: String,
    args: Vec<String>,
    out: String,
    exit: Vec<i32>,
    stdin: Option<String>,
    pipe_close: Option<usize>,
    stdout_to: Option<String>,
    stderr_to: Option<String>,
    umask: Option<String>,
    signal: Option<String>,
    timeout: Duration,
    expects: Vec<(When, Expect)>,
}

const CHECKS: &[&str] = &[
    "svg-parses",
    "svg-no-script",
    "svg-text",
    "json-parses",
    "json-label",
    "json-no-label-contains",
    "json-nodes",
    "dot-parses",
    "dot-label",
    "dot-nodes",
    "markdown-inert",
    "png-valid",
    "no-file",
    "file-unchanged",
    "is-dir",
    "is-symlink",
    "dir-empty",
    "no-raw-controls",
    "stdout-lines",
    "stdout-empty",
    "stderr-empty",
    "mode",
    "file-has",
];

/// `\n`, `\t`, `\xNN`, `\u{NNNN}`... in a value.
fn unescape(s: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('0') => out.push('\0'),
            Some('\\') => out.push('\\'),
            Some('"') => out.push('"'),
            Some('x') => {
                let hex: String = chars.by_ref().take(2).collect();
                let b = u8::from_str_radix(&hex, 16).map_err(|_| format!("bad \\x{hex}"))?;
                if b > 0x7f {
                    return Err(format!("\\x{hex} is not ASCII; use \\u{{..}}"));
                }
                out.push(char::from(b));
            }
            Some('u') => {
                if chars.next() != Some('{') {
                    return Err("expected \\u{NNNN}".into());
                }
                let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
                let c = u32::from_str_radix(&hex, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .ok_or(format!("bad \\u{{{hex}}}"))?;
                out.push(c);
            }
            other => return Err(format!("unknown escape \\{}", other.unwrap_or(' '))),
        }
    }
    Ok(out)
}

fn value(raw: &str) -> Result<String, String> {
    let raw = raw.trim();
    let inner = match raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        Some(inner) if raw.len() >= 2 => inner,
        _ => raw,
    };
    unescape(inner)
}

/// Splits `args:` at whitespace; `"..."` is one token (with escapes).
fn split_args(s: &str) -> Result<Vec<String>, String> {
    let mut args = Vec::new();
    let mut chars = s.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let Some(&first) = chars.peek() else { break };
        let mut token = String::new();
        if first == '"' {
            chars.next();
            let mut raw = String::new();
            let mut closed = false;
            while let Some(c) = chars.next() {
                match c {
                    '\\' => {
                        raw.push('\\');
                        raw.extend(chars.next());
                    }
                    '"' => {
                        closed = true;
                        break;
                    }
                    c => raw.push(c),
                }
            }
            if !closed {
                return Err("unclosed quote in args".into());
            }
            token.push_str(&unescape(&raw)?);
        } else {
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                token.push(c);
                chars.next();
            }
        }
        args.push(token);
    }
    Ok(args)
}

fn parse_gen(s: &str) -> Result<(String, Gen), String> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let n = |i: usize| -> Result<usize, String> {
        words
            .get(i)
            .ok_or(format!("gen `{s}`: missing number"))?
            .replace('_', "")
            .parse()
            .map_err(|e| format!("gen `{s}`: {e}"))
    };
    let file = words.first().ok_or("gen: missing file")?.to_string();
    let kind = *words.get(1).ok_or("gen: missing kind")?;
    let g = match kind {
        "deep" => Gen::Deep(n(2)?),
        "flat" => Gen::Flat(n(2)?),
        "tree" => Gen::Tree(n(2)?, n(3)?, n(4)?),
        "long-label" => Gen::LongLabel(n(2)?),
        "long-word" => Gen::LongWord(n(2)?),
        "chain" => Gen::Chain(n(2)?),
        "cycle" => Gen::Cycle(n(2)?),
        "bad-utf8-lines" => Gen::BadUtf8Lines(n(2)?),
        _ => return Err(format!("gen: unknown kind `{kind}`")),
    };
    Ok((file, g))
}

fn parse_case(dir: &Path) -> Result<Case, String> {
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let text = fs::read_to_string(dir.join("expect")).map_err(|e| format!("expect: {e}"))?;
    let mut case = Case {
        name,
        dir: dir.to_path_buf(),
        about: String::new(),
        gens: Vec::new(),
        setups: Vec::new(),
        runs: Vec::new(),
    };
    let default_timeout = std::env::var("HOSTILE_TIMEOUT")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(DEFAULT_TIMEOUT, Duration::from_secs_f64);
    for (k, line) in text.lines().enumerate() {
        let at = |e: String| format!("expect:{}: {e}", k + 1);
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix("[run ") {
            let name = rest
                .strip_suffix(']')
                .ok_or_else(|| at("missing `]`".into()))?;
            case.runs.push(Run {
                name: name.trim().to_string(),
                args: Vec::new(),
                out: "out".into(),
                exit: vec![0],
                stdin: None,
                pipe_close: None,
                stdout_to: None,
                stderr_to: None,
                umask: None,
                signal: None,
                timeout: default_timeout,
                expects: Vec::new(),
            });
            continue;
        }
        let (key, raw) = line
            .split_once(':')
            .ok_or_else(|| at(format!("expected `key: value`, got `{line}`")))?;
        let (when, key) = match key.trim().split_once(' ') {
            Some(("ok", k)) => (When::Ok, k.trim()),
            Some(("err", k)) => (When::Err, k.trim()),
            _ => (When::Always, key.trim()),
        };
        let Some(run) = case.runs.last_mut() else {
            match key {
                "about" => case.about = raw.trim().to_string(),
                "gen" => case.gens.push(parse_gen(raw).map_err(at)?),
                "setup" => {
                    let raw = raw.trim();
                    let (kind, rest) = raw.split_once(' ').unwrap_or((raw, ""));
                    let (path, arg) = rest.trim().split_once(' ').unwrap_or((rest.trim(), ""));
                    case.setups.push(match kind {
                        "dir" => Setup::Dir(path.into()),
                        "file" => Setup::File(value(path).map_err(at)?, value(arg).map_err(at)?),
                        "symlink" => Setup::Symlink(path.into(), arg.trim().into()),
                        "mode" => Setup::Mode(
                            path.into(),
                            u32::from_str_radix(arg.trim(), 8)
                                .map_err(|_| at("bad mode".into()))?,
                        ),
                        _ => return Err(at(format!("unknown setup `{kind}`"))),
                    });
                }
                _ => return Err(at(format!("`{key}` outside a [run]"))),
            }
            continue;
        };
        let expect = match key {
            "args" => {
                run.args = split_args(raw).map_err(at)?;
                continue;
            }
            "out" => {
                run.out = raw.trim().to_string();
                continue;
            }
            "exit" => {
                run.exit = raw
                    .split('|')
                    .map(|c| c.trim().parse::<i32>().map_err(|e| at(e.to_string())))
                    .collect::<Result<_, _>>()?;
                continue;
            }
            "stdin" => {
                run.stdin = Some(raw.trim().to_string());
                continue;
            }
            "pipe-close" => {
                run.pipe_close = Some(raw.trim().parse().map_err(|_| at("bad number".into()))?);
                continue;
            }
            "stdout-to" => {
                run.stdout_to = Some(raw.trim().to_string());
                continue;
            }
            "stderr-to" => {
                run.stderr_to = Some(raw.trim().to_string());
                continue;
            }
            "umask" => {
                run.umask = Some(raw.trim().to_string());
                continue;
            }
            "signal" => {
                let sig = raw.trim();
                if !matches!(sig, "INT" | "TERM" | "HUP") {
                    return Err(at(format!("unknown signal `{sig}`")));
                }
                run.signal = Some(sig.to_string());
                continue;
            }
            "timeout" => {
                let secs: f64 = raw.trim().parse().map_err(|_| at("bad number".into()))?;
                run.timeout = Duration::from_secs_f64(secs);
                continue;
            }
            "stderr-has" => Expect::StderrHas(value(raw).map_err(at)?),
            "stderr-lacks" => Expect::StderrLacks(value(raw).map_err(at)?),
            "stdout-has" => Expect::StdoutHas(value(raw).map_err(at)?),
            "stdout-lacks" => Expect::StdoutLacks(value(raw).map_err(at)?),
            "check" => {
                let raw = raw.trim();
                let (name, arg) = match raw.split_once(' ') {
                    Some((n, a)) => (n, Some(value(a).map_err(at)?)),
                    None => (raw, None),
                };
                if !CHECKS.contains(&name) {
                    return Err(at(format!("unknown check `{name}`")));
                }
                Expect::Check(name.to_string(), arg)
            }
            _ => return Err(at(format!("unknown key `{key}`"))),
        };
        run.expects.push((when, expect));
    }
    if case.runs.is_empty() {
        return Err("no [run] in expect".into());
    }
    for run in &case.runs {
        if run.args.is_empty() {
            return Err(format!("[run {}] has no args", run.name));
        }
    }
    Ok(case)
}

// ---------------------------------------------------------------------------
// Generated inputs
// ---------------------------------------------------------------------------

fn generate(g: Gen) -> Vec<u8> {
    let mut s = String::new();
    match g {
        Gen::Deep(n) => {
            s.reserve(n * (n + 1) / 2 + n * 12);
            for i in 0..n {
                s.extend(std::iter::repeat_n(' ', i));
                writeln!(s, "Level {i}").unwrap();
            }
        }
        Gen::Flat(n) => {
            s.push_str("Roadmap\n");
            for i in 0..n {
                writeln!(s, "  Topic {i}").unwrap();
            }
        }
        Gen::Chain(n) | Gen::Cycle(n) => {
            for i in 1..n {
                writeln!(s, "Topic {} -> Topic {i}", i - 1).unwrap();
            }
            if matches!(g, Gen::Cycle(_)) {
                writeln!(s, "Topic {} -> Topic 0", n - 1).unwrap();
            }
        }
        Gen::Tree(sections, topics, subtopics) => {
            s.push_str("Roadmap\n");
            for a in 0..sections {
                writeln!(s, "  Section {a}").unwrap();
                for b in 0..topics {
                    writeln!(s, "    Topic {a}.{b}").unwrap();
                    for c in 0..subtopics {
                        writeln!(s, "      Subtopic {a}.{b}.{c}").unwrap();
                    }
                }
            }
        }
        Gen::LongLabel(n) | Gen::LongWord(n) => {
            s.reserve(n + 32);
            s.push_str("Root\n  ");
            let start = s.len();
            let unit = if matches!(g, Gen::LongLabel(_)) {
                "lorem "
            } else {
                "x"
            };
            while s.len() - start < n {
                s.push_str(unit);
            }
            s.truncate(start + n);
            s.push_str("\n  After\n");
        }
        Gen::BadUtf8Lines(n) => {
            let mut bytes = b"Root\n".to_vec();
            for i in 0..n {
                bytes.extend_from_slice(format!("  Topic {i} ").as_bytes());
                bytes.extend_from_slice(b"\xff\xfe\n");
            }
            return bytes;
        }
    }
    s.into_bytes()
}

// ---------------------------------------------------------------------------
// Running
// ---------------------------------------------------------------------------

struct Outcome {
    status: Option<ExitStatus>,
    timed_out: bool,
    elapsed: Duration,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    /// For `pipe-close`: what went wrong reading the first bytes.
    pipe_note: Option<String>,
}

impl Outcome {
    fn code(&self) -> Option<i32> {
        self.status.and_then(|s| s.code())
    }

    fn describe_status(&self) -> String {
        if self.timed_out {
            return "HUNG: killed at the timeout".into();
        }
        match self.status {
            None => "did not run".into(),
            Some(s) => match s.code() {
                Some(c) => format!("exit {c}"),
                None => signal_of(s).map_or("killed".into(), |sig| {
                    format!("killed by signal {sig}{}", signal_name(sig))
                }),
            },
        }
    }
}

#[cfg(unix)]
fn signal_of(s: ExitStatus) -> Option<i32> {
    use std::os::unix::process::ExitStatusExt;
    s.signal()
}

#[cfg(not(unix))]
fn signal_of(_: ExitStatus) -> Option<i32> {
    None
}

fn signal_name(sig: i32) -> &'static str {
    match sig {
        6 => " (SIGABRT: abort, e.g. stack overflow)",
        9 => " (SIGKILL)",
        11 => " (SIGSEGV)",
        13 => " (SIGPIPE)",
        _ => "",
    }
}

fn expand(arg: &str, run: &Run, work: &Path) -> String {
    arg.replace("{outline}", "outline.txt")
        .replace("{prereqs}", "prereqs.txt")
        .replace("{out}", &run.out)
        .replace("{dir}", work.to_str().expect("UTF-8 temp path"))
}

fn execute(run: &Run, work: &Path) -> Outcome {
    let args: Vec<String> = run.args.iter().map(|a| expand(a, run, work)).collect();
    let started = Instant::now();
    if let Some(n) = run.pipe_close {
        return execute_closing_stdout(&args, n, run.timeout, work);
    }
    if run.stdout_to.is_some()
        || run.stderr_to.is_some()
        || run.umask.is_some()
        || run.signal.is_some()
    {
        return execute_special(run, &args, work);
    }
    let stdin = match &run.stdin {
        Some(f) => fs::read(work.join(f)).expect("stdin file"),
        None => Vec::new(),
    };
    let output = Command::cargo_bin("roadmapper")
        .expect("the binary is built")
        .current_dir(work)
        .args(&args)
        .env("NO_COLOR", "1")
        .env("RUST_BACKTRACE", "0")
        .write_stdin(stdin)
        .timeout(run.timeout)
        .output();
    let elapsed = started.elapsed();
    match output {
        Ok(out) => Outcome {
            timed_out: elapsed >= run.timeout && out.status.code().is_none(),
            status: Some(out.status),
            elapsed,
            stdout: out.stdout,
            stderr: out.stderr,
            pipe_note: None,
        },
        Err(e) => Outcome {
            status: None,
            timed_out: false,
            elapsed,
            stdout: Vec::new(),
            stderr: format!("(runner: could not run the binary: {e})").into_bytes(),
            pipe_note: None,
        },
    }
}

/// A run with streams connected to files, a umask or a signal.
fn execute_special(run: &Run, args: &[String], work: &Path) -> Outcome {
    let started = Instant::now();
    let bin = env!("CARGO_BIN_EXE_roadmapper");
    let mut cmd = match &run.umask {
        Some(mask) => {
            let mut c = std::process::Command::new("sh");
            c.arg("-c")
                .arg(format!("umask {mask} && exec \"$0\" \"$@\""))
                .arg(bin)
                .args(args);
            c
        }
        None => {
            let mut c = std::process::Command::new(bin);
            c.args(args);
            c
        }
    };
    let stream = |to: &Option<String>| match to {
        Some(p) => Stdio::from(
            fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(true)
                .open(work.join(p))
                .expect("open a stream target"),
        ),
        None => Stdio::piped(),
    };
    let stdin = match &run.stdin {
        Some(f) => Stdio::from(fs::File::open(work.join(f)).expect("stdin file")),
        None => Stdio::null(),
    };
    let mut child = cmd
        .current_dir(work)
        .env("NO_COLOR", "1")
        .env("RUST_BACKTRACE", "0")
        .stdin(stdin)
        .stdout(stream(&run.stdout_to))
        .stderr(stream(&run.stderr_to))
        .spawn()
        .expect("spawn the binary");
    let readers: Vec<_> = [
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    ]
    .into_iter()
    .map(|pipe| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut v);
            }
            v
        })
    })
    .collect();
    let mut note = None;
    let mut signalled = run.signal.is_none();
    let mut timed_out = false;
    let status = loop {
        if let Ok(Some(status)) = child.try_wait() {
            break Some(status);
        }
        if !signalled {
            let mut temps = Vec::new();
            leftovers(work, &mut temps);
            if !temps.is_empty() {
                let sig = run.signal.as_deref().unwrap_or("INT");
                let sent = std::process::Command::new("kill")
                    .arg(format!("-{sig}"))
                    .arg(child.id().to_string())
                    .status();
                if !sent.is_ok_and(|s| s.success()) {
                    note = Some("runner: kill failed".to_string());
                }
                signalled = true;
            }
        }
        if started.elapsed() > run.timeout {
            let _ = child.kill();
            timed_out = true;
            break child.wait().ok();
        }
        std::thread::sleep(Duration::from_micros(200));
    };
    if !signalled {
        note = Some("runner: no temporary file appeared, so no signal was sent".into());
    }
    let mut outs = readers.into_iter().map(|r| r.join().unwrap_or_default());
    let stdout = outs.next().unwrap_or_default();
    let mut stderr = outs.next().unwrap_or_default();
    if let Some(n) = note {
        stderr.extend_from_slice(n.as_bytes());
    }
    Outcome {
        status,
        timed_out,
        elapsed: started.elapsed(),
        stdout,
        stderr,
        pipe_note: None,
    }
}

/// Like `cmd | head -c N`: reads N bytes of stdout, then closes the pipe.
fn execute_closing_stdout(args: &[String], n: usize, timeout: Duration, work: &Path) -> Outcome {
    let started = Instant::now();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_roadmapper"))
        .current_dir(work)
        .args(args)
        .env("NO_COLOR", "1")
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn the binary");
    let mut err_pipe = child.stderr.take().expect("piped");
    let err_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err_pipe.read_to_end(&mut v);
        v
    });
    let mut head = vec![0u8; n];
    let pipe_note = child
        .stdout
        .take()
        .expect("piped")
        .read_exact(&mut head)
        .err()
        .map(|e| format!("could not read the first {n} bytes of stdout: {e}"));
    // The pipe is closed here: the read end was dropped.
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break Some(s),
            Ok(None) if started.elapsed() >= timeout => {
                timed_out = true;
                let _ = child.kill();
                break child.wait().ok();
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(_) => break None,
        }
    };
    Outcome {
        status,
        timed_out,
        elapsed: started.elapsed(),
        stdout: head,
        stderr: err_reader.join().unwrap_or_default(),
        pipe_note,
    }
}

// ---------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Text for a report: control characters visible, long text cut.
fn shown(s: &str, max: usize) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i == max {
            out.push_str(" [...]");
            break;
        }
        match c {
            '\n' | '\t' => out.push(c),
            c if c.is_control() => write!(out, "\\u{{{:x}}}", c as u32).unwrap(),
            c => out.push(c),
        }
    }
    out
}

fn snippet(s: &str) -> String {
    shown(s, 80).replace('\n', "\\n")
}

/// The labels of a render JSON (`nodes[].label`) or an order JSON array.
fn json_labels(v: &Value) -> Option<Vec<&str>> {
    let items = match v {
        Value::Array(a) => a,
        Value::Object(o) => o.get("nodes")?.as_array()?,
        _ => return None,
    };
    items
        .iter()
        .map(|n| n.get("label").and_then(Value::as_str))
        .collect()
}

fn parse_dot(s: &str) -> Result<layout::gv::parser::ast::Graph, String> {
    let owned = s.to_string();
    std::panic::catch_unwind(move || layout::gv::DotParser::new(&owned).process())
        .unwrap_or_else(|_| Err("layout-rs's DOT parser panicked".into()))
}

/// (node name, label) of every node statement, subgraphs included.
fn dot_nodes(g: &layout::gv::parser::ast::Graph, out: &mut Vec<(String, Option<String>)>) {
    use layout::gv::parser::ast::Stmt;
    for stmt in &g.list.list {
        match stmt {
            Stmt::Node(n) => {
                let label = n
                    .list
                    .iter()
                    .find(|(k, _)| k == "label")
                    .map(|(_, v)| v.clone());
                out.push((n.id.name.clone(), label));
            }
            Stmt::SubGraph(sub) => dot_nodes(sub, out),
            _ => {}
        }
    }
}

fn svg_document_check(text: &str) -> Result<(), String> {
    usvg::roxmltree::Document::parse(text).map_err(|e| format!("not well-formed XML: {e}"))?;
    usvg::Tree::from_str(text, &usvg::Options::default())
        .map_err(|e| format!("usvg cannot parse it: {e}"))?;
    Ok(())
}

fn svg_scripts(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    if text.to_ascii_lowercase().contains("<script") {
        found.push("`<script` in the markup".to_string());
    }
    let doc = match usvg::roxmltree::Document::parse(text) {
        Ok(d) => d,
        Err(e) => {
            found.push(format!("not well-formed XML ({e}), cannot inspect"));
            return found;
        }
    };
    for node in doc.descendants().filter(|n| n.is_element()) {
        let tag = node.tag_name().name().to_ascii_lowercase();
        if matches!(
            tag.as_str(),
            "script" | "foreignobject" | "iframe" | "embed" | "object" | "handler" | "listener"
        ) {
            found.push(format!("element <{tag}>"));
        }
        for a in node.attributes() {
            let name = a.name().to_ascii_lowercase();
            let v = a.value().trim().to_ascii_lowercase();
            if name.starts_with("on") {
                found.push(format!("event attribute {name}=\"{}\"", snippet(a.value())));
            }
            if v.starts_with("javascript:") || v.starts_with("data:text/html") {
                found.push(format!("attribute {name} with a script URL"));
            }
        }
    }
    found
}

/// The text of every `<text>` element, its pieces joined by a space.
fn svg_texts(text: &str) -> Vec<String> {
    let Ok(doc) = usvg::roxmltree::Document::parse(text) else {
        return Vec::new();
    };
    doc.descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == "text")
        .flat_map(|t| {
            let pieces: Vec<&str> = t.descendants().filter_map(|n| n.text()).collect();
            [pieces.join(" "), pieces.concat()]
        })
        .collect()
}

/// A Markdown checklist whose labels cannot become links, HTML, emphasis or
/// code. (After the `- [ ] ` of an item the label is inline text, so a
/// leading `#`, `>` or `- ` cannot start a block there.)
fn markdown_problems(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (k, line) in text.lines().enumerate() {
        // Only the checklist items hold labels; `## Stage N` is the tool's.
        let Some(body) = line.trim_start().strip_prefix("- [ ] ") else {
            continue;
        };
        let mut problem = |what: &str| {
            found.push(format!("line {}: {what}: {}", k + 1, snippet(line)));
        };
        let bytes = body.as_bytes();
        for (i, w) in bytes.windows(2).enumerate() {
            let escaped = i > 0 && bytes[i - 1] == b'\\';
            // Python-Markdown reads `\<b>` as a backslash and a tag.
            if w[0] == b'<' && (w[1].is_ascii_alphabetic() || b"/!?".contains(&w[1])) {
                problem("an HTML tag or autolink");
            }
            if w == b"](" && !escaped {
                problem("link syntax `](`");
            }
            if (w == b"**" || w == b"__" || w == b"~~") && !escaped {
                problem("emphasis `**`, `__` or `~~`");
            }
            if w[0] == b'`' && !escaped {
                problem("a code span");
            }
        }
    }
    found.dedup();
    found
}

fn raw_controls(bytes: &[u8]) -> Option<String> {
    let text = lossy(bytes);
    let (pos, c) = text
        .char_indices()
        .find(|&(_, c)| {
            (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
                || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })?;
    let start = text
        .char_indices()
        .map(|(i, _)| i)
        .take_while(|&i| i + 20 <= pos)
        .last()
        .unwrap_or(0);
    Some(format!(
        "raw control character U+{:04X} at byte {pos}: {}",
        c as u32,
        snippet(&text[start..])
    ))
}

struct Ctx<'a> {
    run: &'a Run,
    work: &'a Path,
    outcome: &'a Outcome,
    /// Contents of files before the run, for `file-unchanged`.
    before: &'a HashMap<PathBuf, Option<Vec<u8>>>,
}

impl Ctx<'_> {
    fn writes_file(&self) -> bool {
        self.run.args.iter().any(|a| a.contains("{out}"))
    }

    fn path(&self, arg: Option<&str>) -> PathBuf {
        let p = expand(arg.unwrap_or("{out}"), self.run, self.work);
        self.work.join(p)
    }

    /// The output: the `{out}` file when written, else stdout.
    fn output(&self) -> Result<Vec<u8>, String> {
        if self.writes_file() {
            let p = self.path(None);
            fs::read(&p).map_err(|e| format!("cannot read the output {}: {e}", p.display()))
        } else {
            Ok(self.outcome.stdout.clone())
        }
    }

    fn output_text(&self) -> Result<String, String> {
        String::from_utf8(self.output()?).map_err(|e| format!("the output is not UTF-8: {e}"))
    }

    fn target(&self, arg: Option<&str>) -> Result<Vec<u8>, String> {
        match arg {
            Some("stdout") => Ok(self.outcome.stdout.clone()),
            Some("stderr") => Ok(self.outcome.stderr.clone()),
            Some(p) => fs::read(self.path(Some(p))).map_err(|e| format!("cannot read {p}: {e}")),
            None => self.output(),
        }
    }
}

/// One `check:` line; `Err` says what is wrong.
fn check(name: &str, arg: Option<&str>, cx: &Ctx) -> Result<(), String> {
    let need = || arg.ok_or(format!("check {name} needs an argument"));
    let count = || -> Result<usize, String> {
        need()?
            .parse()
            .map_err(|_| format!("check {name}: bad number"))
    };
    match name {
        "svg-parses" => svg_document_check(&lossy_or_err(&cx.target(arg)?)?),
        "svg-no-script" => {
            let found = svg_scripts(&lossy_or_err(&cx.target(arg)?)?);
            if found.is_empty() {
                Ok(())
            } else {
                Err(format!("the SVG has active content: {}", found.join("; ")))
            }
        }
        "svg-text" => {
            let want = need()?;
            let texts = svg_texts(&cx.output_text()?);
            if texts.iter().any(|t| t.contains(want)) {
                Ok(())
            } else {
                Err(format!(
                    "no <text> holds {:?} (the SVG has {} text elements)",
                    snippet(want),
                    texts.len() / 2
                ))
            }
        }
        "json-parses" => serde_json::from_slice::<Value>(&cx.output()?)
            .map(|_| ())
            .map_err(|e| format!("the output is not JSON: {e}")),
        "json-label" | "json-no-label-contains" | "json-nodes" => {
            let v: Value = serde_json::from_slice(&cx.output()?)
                .map_err(|e| format!("the output is not JSON: {e}"))?;
            let labels = json_labels(&v).ok_or("the JSON has no list of labelled nodes")?;
            match name {
                "json-label" => {
                    let want = need()?;
                    if labels.contains(&want) {
                        Ok(())
                    } else {
                        let near: Vec<String> =
                            labels.iter().take(12).map(|l| snippet(l)).collect();
                        Err(format!(
                            "no label is exactly {:?}; labels: {near:?}",
                            snippet(want)
                        ))
                    }
                }
                "json-no-label-contains" => {
                    let bad = need()?;
                    match labels.iter().find(|l| l.contains(bad)) {
                        Some(l) => Err(format!(
                            "label {:?} contains {:?}",
                            snippet(l),
                            snippet(bad)
                        )),
                        None => Ok(()),
                    }
                }
                _ => {
                    let n = count()?;
                    if labels.len() == n {
                        Ok(())
                    } else {
                        Err(format!("{} nodes in the JSON, expected {n}", labels.len()))
                    }
                }
            }
        }
        "dot-parses" | "dot-label" | "dot-nodes" => {
            let text = cx.output_text()?;
            let graph =
                parse_dot(&text).map_err(|e| format!("layout-rs cannot parse the DOT: {e}"))?;
            let mut nodes = Vec::new();
            dot_nodes(&graph, &mut nodes);
            match name {
                "dot-label" => {
                    let want = need()?;
                    if nodes.iter().any(|(_, l)| l.as_deref() == Some(want)) {
                        Ok(())
                    } else {
                        let near: Vec<String> = nodes
                            .iter()
                            .take(12)
                            .map(|(_, l)| snippet(l.as_deref().unwrap_or("(none)")))
                            .collect();
                        Err(format!(
                            "no DOT node has the label {:?} (as layout-rs reads it); labels: {near:?}",
                            snippet(want)
                        ))
                    }
                }
                "dot-nodes" => {
                    let n = count()?;
                    let mut names: Vec<&str> = nodes.iter().map(|(id, _)| id.as_str()).collect();
                    names.sort_unstable();
                    names.dedup();
                    if names.len() == n {
                        Ok(())
                    } else {
                        Err(format!("{} distinct DOT nodes, expected {n}", names.len()))
                    }
                }
                _ => Ok(()),
            }
        }
        "markdown-inert" => {
            let found = markdown_problems(&cx.output_text()?);
            if found.is_empty() {
                Ok(())
            } else {
                Err(format!(
                    "Markdown from labels is live: {}",
                    found.join("; ")
                ))
            }
        }
        "png-valid" => resvg::tiny_skia::Pixmap::decode_png(&cx.target(arg)?)
            .map(|_| ())
            .map_err(|e| format!("not a PNG: {e}")),
        "no-file" => {
            let p = cx.path(arg);
            if p.symlink_metadata().is_ok() {
                Err(format!("{} was created", p.display()))
            } else {
                Ok(())
            }
        }
        "file-unchanged" => {
            let p = cx.path(arg);
            let now = fs::read(&p).ok();
            match cx.before.get(&p) {
                Some(was) if *was == now => Ok(()),
                Some(_) => Err(format!("{} was changed", p.display())),
                None => Err("runner: no snapshot".into()),
            }
        }
        "is-dir" => {
            let p = cx.path(arg);
            if p.symlink_metadata().is_ok_and(|m| m.is_dir()) {
                Ok(())
            } else {
                Err(format!("{} is no longer a folder", p.display()))
            }
        }
        "dir-empty" => {
            let p = cx.path(arg);
            match fs::read_dir(&p).map(|d| d.count()) {
                Ok(0) => Ok(()),
                Ok(n) => Err(format!("{} now holds {n} entries", p.display())),
                Err(e) => Err(format!("{}: {e}", p.display())),
            }
        }
        "is-symlink" => {
            let p = cx.path(arg);
            if p.symlink_metadata()
                .is_ok_and(|m| m.file_type().is_symlink())
            {
                Ok(())
            } else {
                Err(format!("{} is no longer a symbolic link", p.display()))
            }
        }
        "no-raw-controls" => match raw_controls(&cx.target(arg)?) {
            None => Ok(()),
            Some(found) => Err(format!("{} has a {found}", arg.unwrap_or("the output"))),
        },
        "stdout-lines" => {
            let n = count()?;
            let got = cx.outcome.stdout.iter().filter(|&&b| b == b'\n').count();
            if got == n {
                Ok(())
            } else {
                Err(format!("stdout has {got} lines, expected {n}"))
            }
        }
        "stdout-empty" if cx.outcome.stdout.is_empty() => Ok(()),
        "stdout-empty" => Err(format!(
            "stdout is not empty: {}",
            snippet(&lossy(&cx.outcome.stdout))
        )),
        "mode" => {
            let (path, want) = arg
                .and_then(|a| a.rsplit_once(' '))
                .ok_or("mode: expected PATH OCTAL")?;
            let want = u32::from_str_radix(want, 8).map_err(|e| e.to_string())?;
            let got = file_mode(&cx.path(Some(path)))?;
            if got == want {
                Ok(())
            } else {
                Err(format!("{path} has mode {got:o}, expected {want:o}"))
            }
        }
        "file-has" => {
            let (path, text) = arg
                .and_then(|a| a.split_once(' '))
                .ok_or("file-has: expected PATH TEXT")?;
            let content = fs::read(cx.path(Some(path))).map_err(|e| format!("{path}: {e}"))?;
            if lossy(&content).contains(text) {
                Ok(())
            } else {
                Err(format!("{path} lacks `{text}`"))
            }
        }
        "stderr-empty" if cx.outcome.stderr.is_empty() => Ok(()),
        "stderr-empty" => Err("stderr is not empty".into()),
        _ => Err(format!("unknown check {name}")),
    }
}

fn lossy_or_err(b: &[u8]) -> Result<String, String> {
    String::from_utf8(b.to_vec()).map_err(|e| format!("not UTF-8: {e}"))
}

/// Temporary files the atomic writer may leave behind, anywhere in `dir`.
fn leftovers(dir: &Path, found: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with(".roadmapper-") {
            found.push(e.path().display().to_string());
        }
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            leftovers(&e.path(), found);
        }
    }
}

/// Everything wrong with one run.
fn judge(
    run: &Run,
    work: &Path,
    o: &Outcome,
    before: &HashMap<PathBuf, Option<Vec<u8>>>,
    temp_before: &[String],
) -> Vec<String> {
    let mut bad = Vec::new();
    let stderr = lossy(&o.stderr);
    let stdout = lossy(&o.stdout);
    if o.timed_out {
        bad.push(format!(
            "did not finish within {} s (hang or far too slow)",
            run.timeout.as_secs_f64()
        ));
    } else if o.status.is_some_and(|s| s.code().is_none()) {
        bad.push(format!("crashed: {}", o.describe_status()));
    }
    if o.code() == Some(101) || stderr.contains("panicked") {
        bad.push("panicked".into());
    }
    if stderr.contains("stack overflow") {
        bad.push("stack overflow".into());
    }
    if let Some(note) = &o.pipe_note {
        bad.push(note.clone());
    }
    let code = o.code();
    if let Some(c) = code {
        if !run.exit.contains(&c) && c != 101 {
            bad.push(format!(
                "exit code {c}, expected {}",
                run.exit
                    .iter()
                    .map(i32::to_string)
                    .collect::<Vec<_>>()
                    .join(" or ")
            ));
        }
        if c != 0 && run.stderr_to.is_none() && !stderr.contains("error") {
            bad.push("failed without an `error` message".into());
        }
    }
    let mut temp = Vec::new();
    leftovers(work, &mut temp);
    temp.retain(|t| !temp_before.contains(t));
    if !temp.is_empty() {
        bad.push(format!("left temporary files: {temp:?}"));
    }
    if code.is_none() {
        return bad; // no point checking the output of a crash
    }
    let cx = Ctx {
        run,
        work,
        outcome: o,
        before,
    };
    for (when, e) in &run.expects {
        let applies = match when {
            When::Always => true,
            When::Ok => code == Some(0),
            When::Err => code != Some(0),
        };
        if !applies {
            continue;
        }
        let result = match e {
            Expect::StderrHas(s) if !stderr.contains(s.as_str()) => {
                Err(format!("stderr lacks {:?}", snippet(s)))
            }
            Expect::StderrLacks(s) if stderr.contains(s.as_str()) => {
                Err(format!("stderr has {:?}", snippet(s)))
            }
            Expect::StdoutHas(s) if !stdout.contains(s.as_str()) => {
                Err(format!("stdout lacks {:?}", snippet(s)))
            }
            Expect::StdoutLacks(s) if stdout.contains(s.as_str()) => {
                Err(format!("stdout has {:?}", snippet(s)))
            }
            Expect::Check(name, arg) => check(name, arg.as_deref(), &cx),
            _ => Ok(()),
        };
        if let Err(why) = result {
            bad.push(why);
        }
    }
    bad
}

// ---------------------------------------------------------------------------
// The corpus
// ---------------------------------------------------------------------------

struct RunReport {
    name: String,
    args: String,
    status: String,
    elapsed: Duration,
    stderr_head: String,
    problems: Vec<String>,
}

struct CaseReport {
    name: String,
    about: String,
    elapsed: Duration,
    runs: Vec<RunReport>,
}

fn copy_inputs(from: &Path, to: &Path) {
    for e in fs::read_dir(from).expect("case folder").flatten() {
        let name = e.file_name();
        if name == "expect" || !e.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        fs::copy(e.path(), to.join(&name)).expect("copy an input");
    }
}

fn run_case(case: &Case) -> CaseReport {
    let started = Instant::now();
    let tmp = tempfile::tempdir().expect("temp dir");
    let work = tmp.path();
    copy_inputs(&case.dir, work);
    for (file, g) in &case.gens {
        fs::write(work.join(file), generate(*g)).expect("write a generated input");
    }
    for s in &case.setups {
        match s {
            Setup::Dir(p) => fs::create_dir_all(work.join(p)).expect("setup dir"),
            Setup::File(p, content) => fs::write(work.join(p), content).expect("setup file"),
            Setup::Symlink(p, target) => symlink(target, &work.join(p)),
            Setup::Mode(p, mode) => set_mode(&work.join(p), *mode),
        }
    }
    let mut runs = Vec::new();
    for run in &case.runs {
        let cx_paths: Vec<PathBuf> = run
            .expects
            .iter()
            .filter_map(|(_, e)| match e {
                Expect::Check(n, a) if n == "file-unchanged" => {
                    Some(work.join(expand(a.as_deref().unwrap_or("{out}"), run, work)))
                }
                _ => None,
            })
            .collect();
        let before: HashMap<PathBuf, Option<Vec<u8>>> = cx_paths
            .into_iter()
            .map(|p| {
                let c = fs::read(&p).ok();
                (p, c)
            })
            .collect();
        let mut temp_before = Vec::new();
        leftovers(work, &mut temp_before);
        let outcome = execute(run, work);
        let problems = judge(run, work, &outcome, &before, &temp_before);
        let stderr = lossy(&outcome.stderr);
        runs.push(RunReport {
            name: run.name.clone(),
            args: run.args.join(" "),
            status: outcome.describe_status(),
            elapsed: outcome.elapsed,
            stderr_head: shown(&stderr.lines().take(12).collect::<Vec<_>>().join("\n"), 900),
            problems,
        });
    }
    CaseReport {
        name: case.name.clone(),
        about: case.about.clone(),
        elapsed: started.elapsed(),
        runs,
    }
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("setup mode");
}

#[cfg(not(unix))]
fn set_mode(_: &Path, _: u32) {}

#[cfg(unix)]
fn file_mode(path: &Path) -> Result<u32, String> {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path)
        .map(|m| m.permissions().mode() & 0o7777)
        .map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(not(unix))]
fn file_mode(_: &Path) -> Result<u32, String> {
    Ok(0)
}

#[cfg(unix)]
fn symlink(target: &str, link: &Path) {
    std::os::unix::fs::symlink(target, link).expect("setup symlink");
}

#[cfg(not(unix))]
fn symlink(target: &str, link: &Path) {
    fs::copy(link.with_file_name(target), link).expect("setup symlink (copied)");
}

/// Rough cost, to start the heavy cases first.
fn weight(case: &Case) -> usize {
    let gen_size = |g: &Gen| match *g {
        Gen::Deep(n) => n * n / 2,
        Gen::Flat(n) | Gen::Chain(n) | Gen::Cycle(n) => n * 400,
        Gen::Tree(a, b, c) => a * b * (c + 1) * 400,
        Gen::LongLabel(n) | Gen::LongWord(n) => n * 8,
        Gen::BadUtf8Lines(n) => n * 4000,
    };
    case.gens.iter().map(|(_, g)| gen_size(g)).sum::<usize>() * case.runs.len()
}

#[test]
fn hostile_inputs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let filter: Vec<String> = std::env::var("HOSTILE_CASES")
        .map(|s| s.split(',').map(|p| p.trim().to_string()).collect())
        .unwrap_or_default();
    let mut dirs: Vec<PathBuf> = fs::read_dir(&root)
        .expect("tests/hostile exists")
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty(), "no cases under {}", root.display());

    let mut spec_errors = Vec::new();
    let mut cases = Vec::new();
    for d in &dirs {
        let name = d.file_name().unwrap().to_string_lossy().into_owned();
        if !filter.is_empty() && !filter.iter().any(|f| name.contains(f.as_str())) {
            continue;
        }
        match parse_case(d) {
            Ok(c) => cases.push(c),
            Err(e) => spec_errors.push(format!("{name}: {e}")),
        }
    }
    cases.sort_by_key(|c| std::cmp::Reverse(weight(c)));

    let started = Instant::now();
    let queue = Mutex::new(cases.iter().collect::<Vec<_>>());
    let reports = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 4));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let next = queue.lock().unwrap().first().copied();
                    let Some(case) = next else { break };
                    queue.lock().unwrap().retain(|c| !std::ptr::eq(*c, case));
                    let report = run_case(case);
                    reports.lock().unwrap().push(report);
                }
            });
        }
    });
    let mut reports = reports.into_inner().unwrap();
    reports.sort_by(|a, b| a.name.cmp(&b.name));

    // A summary of every run (shown with --nocapture or on failure).
    let mut summary = String::new();
    let mut failing = Vec::new();
    for r in &reports {
        let ok = r.runs.iter().all(|x| x.problems.is_empty());
        writeln!(
            summary,
            "{} {:<40} {:>6.1} s",
            if ok { "ok  " } else { "FAIL" },
            r.name,
            r.elapsed.as_secs_f64()
        )
        .unwrap();
        for x in &r.runs {
            writeln!(
                summary,
                "       {} {:<24} {:>6.1} s  {}",
                if x.problems.is_empty() {
                    "ok  "
                } else {
                    "FAIL"
                },
                x.name,
                x.elapsed.as_secs_f64(),
                x.status
            )
            .unwrap();
        }
        if !ok {
            failing.push(r);
        }
    }
    writeln!(
        summary,
        "{} cases, {} runs, {} failing cases, {:.1} s with {workers} workers",
        reports.len(),
        reports.iter().map(|r| r.runs.len()).sum::<usize>(),
        failing.len(),
        started.elapsed().as_secs_f64()
    )
    .unwrap();
    eprintln!("{summary}");
    std::io::stderr().flush().ok();

    let mut message = String::new();
    for e in &spec_errors {
        writeln!(message, "bad case spec: {e}").unwrap();
    }
    for r in &failing {
        writeln!(message, "\n=== {}: {}", r.name, r.about).unwrap();
        for x in r.runs.iter().filter(|x| !x.problems.is_empty()) {
            writeln!(
                message,
                "--- [run {}] roadmapper {}\n    {} after {:.1} s",
                x.name,
                x.args,
                x.status,
                x.elapsed.as_secs_f64()
            )
            .unwrap();
            for p in &x.problems {
                writeln!(message, "    - {p}").unwrap();
            }
            if !x.stderr_head.is_empty() {
                writeln!(message, "    stderr:").unwrap();
                for l in x.stderr_head.lines() {
                    writeln!(message, "      | {l}").unwrap();
                }
            }
        }
    }
    assert!(
        message.is_empty(),
        "{} of {} hostile-input cases failed:\n{message}",
        failing.len() + spec_errors.len(),
        reports.len() + spec_errors.len()
    );
}
