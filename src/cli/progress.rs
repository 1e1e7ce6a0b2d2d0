//! The learner's commands: `next`, `mark`, and the progress `check`,
//! `next` and `order` report.

use std::io;
use std::path::Path;

use roadmapper::export::next::{NextFormat, write_next};
use roadmapper::outline::TaskState;
use roadmapper::output::{Destination, destination};
use roadmapper::roadmap::Tally;
use roadmapper::{Diagnostic, Error, Roadmap, WriteOptions};

use super::files::emit;
use super::files::{check_io_args, io_failure};
use super::load::{find_targets, load};
use super::plan::Usage;
use super::report::{Failure, Reporter};
use super::{InputArgs, MarkArgs, NextArgs};

/// The progress lines `check` prints: the counts, the share done in each
/// section, what each `--to` target needs, the time left.
pub fn check_lines(r: &Roadmap, targets: &[usize], pace: Option<f64>) -> String {
    let statuses = r.statuses();
    let all = r.tally(&statuses, None);
    let shorten = roadmapper::diagnostic::shorten;
    let mut s = format!("  progress:       {}\n", all.report(pace));
    s.push_str(&format!(
        "  states:         {} done, {} learning, {} skipped, {} to do (topics without children)\n",
        all.done, all.learning, all.skipped, all.todo
    ));
    let names = r.listing_names();
    let sections: Vec<usize> = r
        .sections()
        .into_iter()
        .filter(|&i| !r.is_leaf(i))
        .collect();
    if !sections.is_empty() {
        s.push_str("  by section:\n");
        let rows: Vec<(String, Tally)> = sections
            .iter()
            .map(|&i| (shorten(names.get(i)), r.tally_inside(&statuses, i)))
            .collect();
        let columns = |s: &str| unicode_width::UnicodeWidthStr::width(s);
        let width = rows
            .iter()
            .map(|(n, _)| columns(n))
            .max()
            .unwrap_or(0)
            .min(48);
        let fraction = rows
            .iter()
            .map(|(_, t)| t.fraction().len())
            .max()
            .unwrap_or(0);
        for (name, t) in &rows {
            let pad = width.saturating_sub(columns(name));
            let mut line = format!(
                "    {name}{}  {:>fraction$}  {:>3}%",
                " ".repeat(pad),
                t.fraction(),
                t.percent()
            );
            if t.hours_left > 0.0 {
                line.push_str(&format!(
                    "  {} left",
                    roadmapper::roadmap::hours(t.hours_left)
                ));
            }
            s.push_str(line.trim_end());
            s.push('\n');
        }
    }
    s.push_str(&target_lines(r, &statuses, targets, pace));
    s
}

/// `to REST: 3 of 8 topics done (37%) · 5 h left`, one line a target.
fn target_lines(
    r: &Roadmap,
    statuses: &[TaskState],
    targets: &[usize],
    pace: Option<f64>,
) -> String {
    let names = r.listing_names();
    let mut s = String::new();
    for &t in targets {
        let needed = r.needs(&[t]);
        let tally = r.tally(statuses, Some(&needed));
        // The pace only where it gives weeks: the overall line says when
        // nothing has an estimate.
        let pace = pace.filter(|_| tally.hours_left > 0.0);
        s.push_str(&format!(
            "  to {}: {}\n",
            roadmapper::diagnostic::shorten(names.get(t)),
            tally.report(pace)
        ));
    }
    s
}

/// The last lines of `order`'s text: the progress over the roadmap, or
/// over what the targets need (`needed`), and towards each of several
/// targets.
pub fn order_footer(
    r: &Roadmap,
    needed: Option<&[usize]>,
    targets: &[usize],
    pace: Option<f64>,
) -> String {
    let statuses = r.statuses();
    let tally = r.tally(&statuses, needed);
    let mut s = format!("\n{}\n", tally.report(pace));
    if targets.len() > 1 {
        s.push_str(&target_lines(r, &statuses, targets, pace));
    }
    s
}

/// The progress over the roadmap, or over what `targets` need.
fn tally_for(r: &Roadmap, statuses: &[TaskState], targets: &[usize]) -> Tally {
    if targets.is_empty() {
        r.tally(statuses, None)
    } else {
        r.tally(statuses, Some(&r.needs(targets)))
    }
}

/// `roadmapper next`.
pub fn next(args: &NextArgs, reporter: &Reporter) -> Result<(), Failure> {
    let format = super::plan::next(args)?;
    check_io_args(None, &args.input)?;
    let roadmap = load(&args.input, reporter)?;
    let targets = find_targets(&roadmap, &args.to)?;
    let statuses = roadmap.statuses();
    let wanted = (!targets.is_empty()).then_some(targets.as_slice());
    let mut items = roadmap.next(&statuses, wanted);
    if !args.all {
        items.truncate(args.count);
    }
    let left = tally_for(&roadmap, &statuses, &targets);
    emit(None, false, |w| {
        write_next(&roadmap, &statuses, &items, &left, args.pace, format, w)?;
        if format == NextFormat::Text && targets.len() > 1 {
            w.write_all(target_lines(&roadmap, &statuses, &targets, args.pace).as_bytes())?;
        }
        Ok(())
    })
}

/// `roadmapper mark`.
pub fn mark(args: &MarkArgs, reporter: &Reporter) -> Result<(), Failure> {
    reporter.quiet.set(args.quiet);
    let path = &args.progress;
    if path == Path::new("-") {
        return Err(Usage {
            message: "`--progress -`: mark changes a file, not standard input".into(),
            help: "name the progress file, such as --progress progress.md".into(),
        }
        .into());
    }
    refuse_unless_a_file(path)?;
    let state = if args.done {
        TaskState::Done
    } else if args.learning {
        TaskState::Learning
    } else if args.skip {
        TaskState::Skipped
    } else {
        TaskState::Todo
    };
    let input = InputArgs {
        outline: args.outline.clone(),
        prereqs: args.prereqs.clone(),
        notes: Vec::new(),
        progress: Vec::new(),
        max_input_size: args.max_input_size,
    };
    // The progress file may not be an input: the outline's own task boxes
    // are not what mark edits (topics without an item would be added to
    // the outline as a new section).
    let inputs = std::iter::once(&input.outline).chain(&input.prereqs);
    if path.exists()
        && let Some(same) = inputs
            .into_iter()
            .find(|i| roadmapper::output::same_input(path, i))
    {
        return Err(Usage {
            message: format!(
                "`--progress {}` is also an input (`{}`); mark keeps a progress file of its own",
                path.display(),
                same.display()
            ),
            help: "name another file, such as --progress progress.md: it overrides the outline's task boxes topic by topic".into(),
        }
        .into());
    }
    check_io_args(Some(path), &input)?;
    let roadmap = load(&input, reporter)?;
    let references: Vec<&str> = args.topics.iter().map(String::as_str).collect();
    let mut topics = Vec::with_capacity(references.len());
    let mut errors = Vec::new();
    for found in roadmap.find_all(&references) {
        match found {
            Ok(i) => topics.push(i),
            Err(kind) => errors.push(Diagnostic::argument("TOPIC", kind)),
        }
    }
    if !errors.is_empty() {
        return Err(Error::Input(errors).into());
    }
    // From here to the rename, no other mark may read or replace the file:
    // it would undo this run's change, or this run its.
    let real = match destination(path, &WriteOptions::force(args.force)) {
        Ok(Destination::Replace { path, .. }) => path,
        Ok(_) => return Err(not_a_file(path).into()),
        Err(e) => return Err(io_failure("write", e)),
    };
    let _lock = match roadmapper::lock::lock_folder_of(&real, roadmapper::lock::WAIT) {
        Ok(lock) => Some(lock),
        Err(Error::Io { source, .. }) if source.kind() != io::ErrorKind::TimedOut => {
            reporter.warning(&format!(
                "{} is changed without a lock ({}): a mark run at the same time could undo this change, or this one its",
                path.display(),
                super::advice::reason(&source)
            ));
            None
        }
        Err(e) => return Err(io_failure("change", e)),
    };
    let existing = read_progress(path, args.max_input_size)?;
    let name = path.display().to_string();
    let (bom, text) = match &existing {
        Some(input) => {
            let bytes = input.bytes.as_slice();
            let bom = bytes.starts_with(b"\xEF\xBB\xBF");
            let text = roadmapper::progress::decode(&name, bytes).map_err(Error::Input);
            reporter.remember([input.clone()]);
            (bom, Some(text?))
        }
        None => (false, None),
    };
    let marked = roadmap
        .mark_progress(&name, text, &topics, state)
        .map_err(Error::Input)?;
    let what = format!(
        "{} ({} topic{} {})",
        path.display(),
        topics.len(),
        if topics.len() == 1 { "" } else { "s" },
        match state {
            TaskState::Done => "done",
            TaskState::Learning => "being learnt",
            TaskState::Skipped => "skipped",
            TaskState::Todo => "to do",
        }
    );
    if text == Some(marked.as_str()) {
        reporter.tell(&format!("nothing to change in {what}: already so"));
        return Ok(());
    }
    roadmapper::output::write_file(path, &WriteOptions::force(args.force), |w| {
        if bom {
            w.write_all(b"\xEF\xBB\xBF")?;
        }
        w.write_all(marked.as_bytes())
    })
    .map_err(|e| io_failure("write", e))?;
    reporter.wrote(&what);
    Ok(())
}

/// Refuses a progress path that names no regular file: standard output,
/// a pipe, a device, a socket, or a file reached through `/dev` or
/// `/proc`. Such a path cannot be read and then replaced; a missing path
/// is fine (the file is created), and the other failures (a folder, a
/// read-only file) are reported when it is written.
fn refuse_unless_a_file(path: &Path) -> Result<(), Usage> {
    match destination(path, &WriteOptions::force(true)) {
        Ok(Destination::Stdout | Destination::Direct { .. }) => Err(not_a_file(path)),
        _ => Ok(()),
    }
}

/// The usage error for a progress path that is not a regular file.
fn not_a_file(path: &Path) -> Usage {
    let what = match std::fs::metadata(path) {
        Ok(meta) => kind_of(&meta),
        Err(_) => "not a regular file",
    };
    Usage {
        message: format!(
            "`--progress {}` is {what}: mark reads a progress file, then replaces it",
            path.display()
        ),
        help: "name a regular file (created when missing), such as --progress progress.md".into(),
    }
}

/// What a file that is not a regular one is, in words.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a pipe";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_file() {
        "reached through /dev or /proc, or is standard output"
    } else {
        "not a regular file"
    }
}

/// The progress file, or `None` when there is none yet.
fn read_progress(path: &Path, limit: u64) -> Result<Option<roadmapper::Input>, Failure> {
    match roadmapper::Input::read_limited(path, limit) {
        Ok(input) => Ok(Some(input)),
        Err(Error::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_failure("read", e)),
    }
}
