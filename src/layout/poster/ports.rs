//! Ports: where on a box's side each line touches it.
//!
//! Every line that meets a side (dotted connectors leaving a parent or
//! reaching a child, prerequisite arrows leaving or arriving) gets its own
//! point, spread evenly along the side, so no arrowhead lands where a
//! connector leaves and no two connectors of a section start from one
//! point. On each side the arrows to or from boxes above come first, then
//! the connectors in outline order, then the arrows to or from boxes
//! below, which keeps the lines near a box from crossing each other.

use super::place::Frame;
use crate::scene::SceneBox;

/// The y of every port.
pub(super) struct Ports {
    /// Per group, the start of each child's connector on the parent.
    pub(super) starts: Vec<Vec<f32>>,
    /// Per box, where its own connector arrives (its centre if none).
    pub(super) ends: Vec<f32>,
    /// Per prerequisite, the y where it leaves and where it arrives.
    pub(super) prereqs: Vec<(f32, f32)>,
}

/// The lines meeting one side of a box, each with its sort key.
type Side = Vec<((u8, f32), Use)>;

/// A line meeting a side.
#[derive(Clone, Copy)]
enum Use {
    /// The `k`th connector of group `g` leaves here.
    Start(usize, usize),
    /// The box's own connector arrives here.
    End(usize),
    /// Prerequisite `e` leaves (`true`) or arrives here.
    Arrow(usize, bool),
}

impl Ports {
    /// Spreads the ports of every side; `sides[e]` is whether prerequisite
    /// `e` leaves its source's right side and reaches its target's right
    /// side (`None`: not drawn).
    pub(super) fn new(
        boxes: &[SceneBox],
        frame: &Frame,
        prereqs: &[(usize, usize)],
        sides: &[Option<(bool, bool)>],
    ) -> Ports {
        let centre = |i: usize| boxes[i].rect.y + boxes[i].rect.height / 2.0;
        // Per box, per side (left, right): the uses and their sort keys.
        let mut uses: Vec<[Side; 2]> = vec![Default::default(); boxes.len()];
        for (g, group) in frame.groups.iter().enumerate() {
            let side = usize::from(group.right);
            for (k, &c) in group.children.iter().enumerate() {
                uses[group.parent][side].push(((1, k as f32), Use::Start(g, k)));
                uses[c][1 - side].push(((1, 0.0), Use::End(c)));
            }
        }
        for ind in &frame.indents {
            let side = usize::from(!ind.right);
            uses[ind.child][side].push(((1, 0.0), Use::End(ind.child)));
        }
        for (e, (&(a, b), s)) in prereqs.iter().zip(sides).enumerate() {
            let Some((a_right, b_right)) = *s else {
                continue;
            };
            let class = |me: usize, other: usize| if centre(other) < centre(me) { 0 } else { 2 };
            uses[a][usize::from(a_right)].push(((class(a, b), centre(b)), Use::Arrow(e, true)));
            uses[b][usize::from(b_right)].push(((class(b, a), centre(a)), Use::Arrow(e, false)));
        }
        let mut ports = Ports {
            starts: frame
                .groups
                .iter()
                .map(|g| vec![0.0; g.children.len()])
                .collect(),
            ends: (0..boxes.len()).map(centre).collect(),
            prereqs: vec![(0.0, 0.0); prereqs.len()],
        };
        for (i, sides) in uses.iter_mut().enumerate() {
            let r = boxes[i].rect;
            for list in sides.iter_mut() {
                list.sort_by(|x, y| x.0.0.cmp(&y.0.0).then(x.0.1.total_cmp(&y.0.1)));
                let n = list.len() as f32;
                for (k, &(_, u)) in list.iter().enumerate() {
                    let y = (r.y + r.height * (k as f32 + 1.0) / (n + 1.0)).round();
                    match u {
                        Use::Start(g, c) => ports.starts[g][c] = y,
                        Use::End(c) => ports.ends[c] = y,
                        Use::Arrow(e, true) => ports.prereqs[e].0 = y,
                        Use::Arrow(e, false) => ports.prereqs[e].1 = y,
                    }
                }
            }
        }
        ports
    }
}
