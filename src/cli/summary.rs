//! The summary `roadmapper check` prints.

use roadmapper::Roadmap;

use super::InputArgs;

/// `FILE: ok` and the roadmap's counts, one a line.
pub fn summary(r: &Roadmap, input: &InputArgs) -> String {
    let sections = r.sections().len();
    let levels = r.topics().map(|t| t.depth + 1).max().unwrap_or(0);
    let stages = r.order().iter().map(|&i| r.stage(i) + 1).max().unwrap_or(0);
    let prereqs = r.prerequisites().count();
    let visible = roadmapper::terminal::visible;
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let mut s = format!("{}: ok\n", visible(r.file()));
    if let Some(t) = r.title() {
        s.push_str(&format!(
            "  title:          {}\n",
            roadmapper::diagnostic::shorten(&r.topic(t).label)
        ));
    }
    s.push_str(&format!("  topics:         {}\n", r.len()));
    s.push_str(&format!("  sections:       {sections}\n"));
    s.push_str(&format!("  depth:          {levels} levels\n"));
    let implied = r.implied_count();
    s.push_str(&format!(
        "  prerequisites:  {prereqs} edges from {} file{}{}\n",
        input.prereqs.len(),
        plural(input.prereqs.len()),
        if implied > 0 {
            format!(", {implied} implied by others")
        } else {
            String::new()
        }
    ));
    s.push_str(&format!("  stages:         {stages}\n"));
    if !input.notes.is_empty() {
        let described = r.topics().filter(|t| t.description.is_some()).count();
        let links: usize = r.topics().map(|t| t.links.len()).sum();
        s.push_str(&format!(
            "  notes:          {described} topic{} described, {links} link{}, from {} file{}\n",
            plural(described),
            plural(links),
            input.notes.len(),
            plural(input.notes.len()),
        ));
    }
    s
}
