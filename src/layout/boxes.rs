//! Box sizing shared by both engines: each role's typography and padding,
//! a topic's role and tag style, and its box sized to the wrapped label from
//! the real font metrics ([`crate::text`]), so a label always fits its box
//! whatever the engine.

use crate::roadmap::Roadmap;
use crate::scene::{BoxStyle, MARK_SPACE, Mark, Rect, Role, SceneBox};
use crate::text::{self, Weight};

/// Typography and padding of a role.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RoleMetrics {
    /// Font size in pixels.
    pub font_size: f32,
    /// Font weight.
    pub weight: Weight,
    /// Widest line of text before wrapping.
    pub max_text: f32,
    /// Horizontal padding on each side of the text.
    pub pad_x: f32,
    /// Vertical padding above and below the text.
    pub pad_y: f32,
    /// Narrowest box.
    pub min_width: f32,
}

/// The metrics of each role.
pub fn metrics(role: Role) -> RoleMetrics {
    match role {
        Role::Title => RoleMetrics {
            font_size: 30.0,
            weight: Weight::Bold,
            max_text: 760.0,
            pad_x: 8.0,
            pad_y: 6.0,
            min_width: 40.0,
        },
        Role::Section => RoleMetrics {
            font_size: 16.0,
            weight: Weight::Bold,
            max_text: 200.0,
            pad_x: 14.0,
            pad_y: 9.0,
            min_width: 120.0,
        },
        Role::Topic => RoleMetrics {
            font_size: 14.0,
            weight: Weight::Regular,
            max_text: 190.0,
            pad_x: 12.0,
            pad_y: 7.0,
            min_width: 90.0,
        },
        Role::Subtopic => RoleMetrics {
            font_size: 13.0,
            weight: Weight::Regular,
            max_text: 180.0,
            pad_x: 10.0,
            pad_y: 5.0,
            min_width: 70.0,
        },
    }
}

/// The role of a topic: title, section, topic (a section's child) or
/// subtopic (deeper).
pub fn role(roadmap: &Roadmap, index: usize) -> Role {
    if roadmap.title() == Some(index) {
        return Role::Title;
    }
    let section_depth = usize::from(roadmap.title().is_some());
    let depth = roadmap.topic(index).depth;
    if depth <= section_depth {
        Role::Section
    } else if depth == section_depth + 1 {
        Role::Topic
    } else {
        Role::Subtopic
    }
}

/// The style a topic's tags ask for.
pub fn style(roadmap: &Roadmap, index: usize) -> BoxStyle {
    let tags = &roadmap.topic(index).tags;
    let has = |t: &str| tags.iter().any(|x| x == t);
    BoxStyle {
        dashed: has("optional"),
        mark: if has("recommended") {
            Some(Mark::Recommended)
        } else if has("alternative") {
            Some(Mark::Alternative)
        } else {
            None
        },
        accent: None,
        faded: roadmap.is_faded(index),
        state: None,
        count: None,
    }
}

/// Every topic's style ([`style`]), with the learner's state on each box
/// but the title's and each section's count when the roadmap tracks
/// progress ([`Roadmap::tracks_progress`]). O(n) for the states, plus the
/// size of each section's subtree for its count.
///
/// ```
/// use roadmapper::outline::TaskState;
/// use roadmapper::{Input, load};
/// let r = load(&Input::new("p.md", "# Web\n## Basics\n- [x] HTTP\n- [-] DNS\n- [ ] REST\n"), &[]).unwrap();
/// let s = roadmapper::layout::styles(&r);
/// assert_eq!(s[2].state, Some(TaskState::Done));
/// assert_eq!(s[1].count, Some((1, 2)));
/// assert_eq!((s[0].state, s[0].count), (None, None));
/// ```
pub fn styles(roadmap: &Roadmap) -> Vec<BoxStyle> {
    let mut out: Vec<BoxStyle> = (0..roadmap.len()).map(|i| style(roadmap, i)).collect();
    if !roadmap.tracks_progress() {
        return out;
    }
    let statuses = roadmap.statuses();
    for (i, s) in out.iter_mut().enumerate() {
        match role(roadmap, i) {
            Role::Title => {}
            Role::Section => {
                let t = roadmap.tally_inside(&statuses, i);
                s.state = statuses.get(i).copied();
                s.count = Some((t.done, t.counted()));
            }
            Role::Topic | Role::Subtopic => s.state = statuses.get(i).copied(),
        }
    }
    out
}

/// Longest label drawn whole, in characters; a longer one (a pasted
/// paragraph, a 10 MB line) is cut with `…` so the poster stays legible
/// and its SVG stays within what renderers accept.
pub const MAX_DRAWN_LABEL: usize = 300;

/// The label as drawn: cut to [`MAX_DRAWN_LABEL`] characters.
///
/// ```
/// use roadmapper::layout::{drawn_label, MAX_DRAWN_LABEL};
/// assert_eq!(drawn_label("REST"), "REST");
/// let long = "x".repeat(1000);
/// let cut = drawn_label(&long);
/// assert_eq!(cut.chars().count(), MAX_DRAWN_LABEL + 1);
/// assert!(cut.ends_with('…'));
/// ```
pub fn drawn_label(label: &str) -> std::borrow::Cow<'_, str> {
    match label.char_indices().nth(MAX_DRAWN_LABEL) {
        None => std::borrow::Cow::Borrowed(label),
        Some((at, _)) => std::borrow::Cow::Owned(format!("{}…", &label[..at])),
    }
}

/// A topic's box at the origin in `style` (from [`styles`]), sized to its
/// wrapped label.
///
/// The width is whole pixels, at least the role's minimum, with the room
/// kept at the ends (state badge, count, tag mark:
/// [`SceneBox::reserved`]); the text is wrapped to the role's `max_text`
/// minus a tag mark's room, as without progress.
pub fn sized_box(roadmap: &Roadmap, index: usize, role: Role, style: BoxStyle) -> SceneBox {
    let m = metrics(role);
    let label = drawn_label(&roadmap.topic(index).label);
    let mut b = SceneBox {
        topic: index,
        rect: Rect::new(0.0, 0.0, 0.0, 0.0),
        lines: Vec::new(),
        role,
        style,
        font_size: m.font_size,
        weight: m.weight,
    };
    let (left, right) = b.reserved();
    let reserve = left + right;
    // Wrapped as without progress (a mark's room aside), so ticking topics
    // off widens boxes a little rather than rewrapping their labels.
    let mark = if b.style.mark.is_some() {
        MARK_SPACE
    } else {
        0.0
    };
    b.lines = text::wrap(&label, m.max_text - mark, m.font_size, m.weight);
    let text_width = b
        .lines
        .iter()
        .map(|l| text::width(l, m.font_size, m.weight))
        .fold(0.0f32, f32::max);
    let width = (text_width + 2.0 * m.pad_x + reserve)
        .ceil()
        .max(m.min_width);
    let height = (text::line_height(m.font_size) * b.lines.len() as f32 + 2.0 * m.pad_y).ceil();
    b.rect = Rect::new(0.0, 0.0, width, height);
    b
}
