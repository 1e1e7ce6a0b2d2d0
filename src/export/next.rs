//! What to learn next ([`Roadmap::next`]), written for a terminal, as a
//! Markdown checklist, or as JSON; each topic with where to learn it (its
//! first link) when it has one.

use std::io::{self, Write};

use serde::Serialize;

use crate::outline::TaskState;
use crate::roadmap::{NextReason, Roadmap, Tally, hours};

/// Output format of `next`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NextFormat {
    /// Numbered, with what each topic completes and the time left.
    #[default]
    Text,
    /// A checklist: `- [/]` being learnt, `- [ ]` ready.
    Markdown,
    /// An array of objects.
    Json,
}

#[derive(Serialize)]
struct Item<'a> {
    id: &'a str,
    label: &'a str,
    path: Vec<&'a str>,
    status: &'static str,
    estimate_hours: Option<f64>,
    /// Where to learn it (notes, or the outline's own link): absent when
    /// there is none.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    links: Vec<&'a crate::link::Link>,
}

/// The topic's links that are safe to show (`http`, `https`, `mailto`).
fn links(r: &Roadmap, i: usize) -> impl Iterator<Item = &crate::link::Link> {
    r.topic(i)
        .links
        .iter()
        .filter(|l| crate::link::is_safe(&l.url))
}

/// Writes `items` (from [`Roadmap::next`]) in `format`; `left` is the
/// progress over what is wanted ([`Roadmap::tally`]) and `pace` the hours
/// of study a week, for the text's last line ([`Tally::report`]).
pub fn write_next(
    r: &Roadmap,
    statuses: &[TaskState],
    items: &[(usize, NextReason)],
    left: &Tally,
    pace: Option<f64>,
    format: NextFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    let names = r.listing_names();
    match format {
        NextFormat::Json => {
            let list: Vec<Item<'_>> = items
                .iter()
                .map(|&(i, why)| Item {
                    id: &r.topic(i).id,
                    label: &r.topic(i).label,
                    path: r.path_within(i, crate::export::json::MAX_PATH),
                    status: why.name(),
                    estimate_hours: r.own_estimate(i).map(crate::export::json::hundredths),
                    links: links(r, i).collect(),
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &list)?;
            writeln!(out)
        }
        NextFormat::Markdown => {
            for &(i, why) in items {
                let task = match why {
                    NextReason::Learning => "[/]",
                    NextReason::Ready => "[ ]",
                };
                use crate::export::markdown::{Context, escape};
                match links(r, i).next() {
                    Some(link) => writeln!(
                        out,
                        "- {task} [{}]({})",
                        escape(names.get(i), Context::LinkText),
                        crate::export::order::markdown_url(&link.url)
                    )?,
                    None => writeln!(out, "- {task} {}", escape(names.get(i), Context::Inline))?,
                }
            }
            Ok(())
        }
        NextFormat::Text => {
            let inside = r.tallies(statuses);
            let width = items.len().to_string().len();
            let mut heading = None;
            for (k, &(i, why)) in items.iter().enumerate() {
                if heading != Some(why) {
                    writeln!(
                        out,
                        "{}",
                        match why {
                            NextReason::Learning => "Being learnt:",
                            NextReason::Ready => "Ready to start:",
                        }
                    )?;
                    heading = Some(why);
                }
                write!(
                    out,
                    "{:>width$}. {}",
                    k + 1,
                    crate::terminal::visible(names.get(i))
                )?;
                if let Some(h) = r.own_estimate(i) {
                    write!(out, "  ({})", hours(h))?;
                }
                if let Some(g) = completes(r, &inside, i) {
                    write!(
                        out,
                        "  completes {}",
                        crate::diagnostic::shorten(names.get(g))
                    )?;
                }
                writeln!(out)?;
                if let Some(link) = links(r, i).next() {
                    writeln!(
                        out,
                        "{:width$}  {}",
                        "",
                        crate::terminal::visible(&link.url)
                    )?;
                }
            }
            match left.left() {
                0 => writeln!(out, "Nothing left: every topic is done or skipped."),
                n => writeln!(
                    out,
                    "{n} topic{} left · {}",
                    if n == 1 { "" } else { "s" },
                    left.report(pace)
                ),
            }
        }
    }
}

/// The outermost group that topic `i` is the last one left in (every
/// other topic without children inside it done or skipped), if any.
/// O(depth).
fn completes(r: &Roadmap, inside: &[Tally], i: usize) -> Option<usize> {
    let mut found = None;
    let mut at = r.parent(i);
    while let Some(a) = at {
        if inside[a].left() != 1 {
            break;
        }
        found = Some(a);
        at = r.parent(a);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Input, load};

    #[test]
    fn text_says_what_each_completes_and_what_is_left() {
        let r = load(
            &Input::new(
                "p.md",
                "- Web\n  - Basics\n    - [x] HTTP\n    - DNS [90m]\n  - [/] REST [2h]\n  - GraphQL [1.5h]\n",
            ),
            &[Input::new("p.txt", "REST -> GraphQL\n")],
        )
        .unwrap();
        let statuses = r.statuses();
        let items = r.next(&statuses, None);
        let left = &r.tally(&statuses, None);
        assert_eq!(left.left(), 3);
        let write = |format| {
            let mut out = Vec::new();
            write_next(&r, &statuses, &items, left, None, format, &mut out).unwrap();
            out
        };
        assert_eq!(
            String::from_utf8(write(NextFormat::Text)).unwrap(),
            "Being learnt:\n1. REST  (2 h)\nReady to start:\n2. DNS  (1.5 h)  completes Basics\n3 topics left · 1 of 4 topics done (25%) · 5 h left\n"
        );
        let out = write(NextFormat::Json);
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v[0]["status"], "learning");
        assert_eq!(v[1]["path"], serde_json::json!(["Web", "Basics", "DNS"]));
        assert_eq!(v[1]["estimate_hours"], 1.5);
    }
}
