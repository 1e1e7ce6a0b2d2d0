//! Sections as lanes: which section each topic belongs to, the index both
//! engines use to colour a section's boxes alike (`BoxStyle::accent`) and
//! the layered layout uses as a topic's lane.

use crate::roadmap::Roadmap;

/// For each topic, the position of its section among
/// [`Roadmap::sections`] (a section is its own); `None` for the title.
/// O(n).
pub(crate) fn section_of(roadmap: &Roadmap) -> Vec<Option<usize>> {
    let mut lane = vec![None; roadmap.len()];
    for (k, s) in roadmap.sections().into_iter().enumerate() {
        for t in roadmap.subtree(s) {
            if let Some(slot) = lane.get_mut(t) {
                *slot = Some(k);
            }
        }
    }
    lane
}
