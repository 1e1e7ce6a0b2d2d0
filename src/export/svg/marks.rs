//! The small signs drawn inside a box and in the legend: tag marks at the
//! right end, the learner's state badges at the left end, the strike
//! through a skipped topic's label and a section's count. Each differs
//! from the others by shape, not only colour, so a greyscale print keeps
//! them apart.

use std::fmt::{self, Formatter};

use super::Theme;
use super::xml::Num;
use crate::outline::TaskState;
use crate::scene::{COUNT_SIZE, MARK_RADIUS, Mark, Point, Rect, SceneBox};
use crate::text;

/// Opacity of a skipped topic's box: plainly set aside, its struck label
/// still legible.
pub const SKIPPED_OPACITY: f32 = 0.5;

/// A tag mark centred on `c`: `[recommended]` a filled disc with a tick,
/// `[alternative]` a hollow diamond.
pub(super) fn mark(f: &mut Formatter<'_>, theme: &Theme, mark: Mark, c: Point) -> fmt::Result {
    let r = MARK_RADIUS;
    match mark {
        Mark::Recommended => writeln!(
            f,
            r#"<circle cx="{}" cy="{}" r="{}" fill="{}"/><path d="M{} {}L{} {}L{} {}" fill="none" stroke="{}" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"/>"#,
            Num(c.x),
            Num(c.y),
            Num(r),
            theme.recommended,
            Num(c.x - 3.0),
            Num(c.y + 0.2),
            Num(c.x - 0.8),
            Num(c.y + 2.5),
            Num(c.x + 3.2),
            Num(c.y - 2.6),
            theme.background,
        ),
        Mark::Alternative => writeln!(
            f,
            r#"<path d="M{} {}L{} {}L{} {}L{} {}Z" fill="none" stroke="{}" stroke-width="1.8" stroke-linejoin="round"/><circle cx="{}" cy="{}" r="1.6" fill="{}"/>"#,
            Num(c.x),
            Num(c.y - r),
            Num(c.x + r),
            Num(c.y),
            Num(c.x),
            Num(c.y + r),
            Num(c.x - r),
            Num(c.y),
            theme.alternative,
            Num(c.x),
            Num(c.y),
            theme.alternative,
        ),
    }
}

/// A state badge centred on `c`, half a side `r`, in `ink` on `paper`
/// (the box's text colour on its fill, so it contrasts as the label
/// does): done a filled rounded square with a tick cut out of it, unlike
/// the recommended mark's disc; learning a ring half filled. Other states
/// have no badge.
pub(super) fn badge(
    f: &mut Formatter<'_>,
    state: TaskState,
    c: Point,
    r: f32,
    ink: &str,
    paper: &str,
) -> fmt::Result {
    match state {
        TaskState::Done => writeln!(
            f,
            r#"<g class="badge done"><rect x="{}" y="{}" width="{}" height="{}" rx="2.5" fill="{ink}"/><path d="M{} {}L{} {}L{} {}" fill="none" stroke="{paper}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/></g>"#,
            Num(c.x - r),
            Num(c.y - r),
            Num(2.0 * r),
            Num(2.0 * r),
            Num(c.x - 3.2),
            Num(c.y + 0.1),
            Num(c.x - 0.9),
            Num(c.y + 2.5),
            Num(c.x + 3.3),
            Num(c.y - 2.7),
        ),
        TaskState::Learning => {
            let ring = r - 0.75;
            writeln!(
                f,
                r#"<g class="badge learning"><circle cx="{}" cy="{}" r="{}" fill="{paper}" stroke="{ink}" stroke-width="1.5"/><path d="M{} {}A{} {} 0 0 0 {} {}Z" fill="{ink}"/></g>"#,
                Num(c.x),
                Num(c.y),
                Num(ring),
                Num(c.x),
                Num(c.y - ring),
                Num(ring),
                Num(ring),
                Num(c.x),
                Num(c.y + ring),
            )
        }
        TaskState::Todo | TaskState::Skipped => Ok(()),
    }
}

/// A line through each of a box's text lines, at the middle of the
/// lowercase letters, as wide as the line: a skipped topic's label.
pub(super) fn strike(f: &mut Formatter<'_>, b: &SceneBox, ink: &str) -> fmt::Result {
    let area = b.text_rect();
    let cx = b.text_center_x();
    let lh = text::line_height(b.font_size);
    let width = (b.font_size / 12.0).max(1.0);
    write!(f, r#"<path class="strike" d=""#)?;
    for (i, line) in b.lines.iter().enumerate() {
        let half = text::width(line, b.font_size, b.weight) / 2.0;
        // Noto Sans' x-height is 0.536 em: its middle 0.27 em above the
        // baseline.
        let y = area.y + text::ascent(b.font_size) + lh * i as f32 - 0.27 * b.font_size;
        write!(f, "M{} {}H{}", Num(cx - half), Num(y), Num(cx + half))?;
    }
    writeln!(
        f,
        r#"" fill="none" stroke="{ink}" stroke-width="{}" stroke-linecap="round"/>"#,
        Num(width)
    )
}

/// A section's count (`4/6`), right-aligned in its place.
pub(super) fn count(f: &mut Formatter<'_>, b: &SceneBox, ink: &str) -> fmt::Result {
    let (Some(at), Some(count)) = (b.count_rect(), b.count_text()) else {
        return Ok(());
    };
    writeln!(
        f,
        r#"<text class="count" x="{}" y="{}" text-anchor="end" font-size="{}" font-weight="bold" fill="{ink}">{count}</text>"#,
        Num(at.right()),
        Num(at.y + text::ascent(COUNT_SIZE)),
        Num(COUNT_SIZE),
    )
}

/// A state's legend sample in `sample` (22 x 12 px): the badge, or for a
/// skipped topic a faded box struck through.
pub(super) fn legend_sample(
    f: &mut Formatter<'_>,
    theme: &Theme,
    state: TaskState,
    sample: Rect,
) -> fmt::Result {
    let c = Point::new(sample.x + 11.0, sample.y + 6.0);
    match state {
        TaskState::Done | TaskState::Learning => {
            badge(f, state, c, MARK_RADIUS, theme.title, theme.background)
        }
        TaskState::Skipped => writeln!(
            f,
            r#"<g opacity="{SKIPPED_OPACITY}"><rect x="{}" y="{}" width="22" height="12" rx="3" fill="{}" stroke="{}" stroke-width="1.2"/><path d="M{} {}H{}" stroke="{}" stroke-width="1.2"/></g>"#,
            Num(sample.x),
            Num(sample.y),
            theme.topic[0],
            theme.topic[1],
            Num(sample.x + 4.0),
            Num(c.y),
            Num(sample.x + 18.0),
            theme.topic[2],
        ),
        TaskState::Todo => writeln!(
            f,
            r#"<rect x="{}" y="{}" width="22" height="12" rx="3" fill="{}" stroke="{}" stroke-width="1.2"/>"#,
            Num(sample.x),
            Num(sample.y),
            theme.topic[0],
            theme.topic[1],
        ),
    }
}
