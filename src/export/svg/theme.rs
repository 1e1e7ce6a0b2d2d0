//! The colours of a poster ([`Theme`]): the light and dark themes, and the
//! WCAG contrast arithmetic their tests hold them to. The SVG writer
//! ([`super::Svg`]) only looks colours up here.

/// Colours of a poster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// `light` or `dark`.
    pub name: &'static str,
    /// Canvas.
    pub background: &'static str,
    /// Title text.
    pub title: &'static str,
    /// Secondary text (subtitle, legend).
    pub muted: &'static str,
    /// Fill, border and text of section boxes.
    pub section: [&'static str; 3],
    /// Fill, border and text of topic boxes.
    pub topic: [&'static str; 3],
    /// Fill, border and text of subtopic boxes.
    pub subtopic: [&'static str; 3],
    /// The main path.
    pub spine: &'static str,
    /// Parent–child connectors.
    pub connector: &'static str,
    /// Prerequisite arrows.
    pub prerequisite: &'static str,
    /// The recommended mark.
    pub recommended: &'static str,
    /// The alternative mark.
    pub alternative: &'static str,
    /// Calmer fills of done section, topic and subtopic boxes: greyed
    /// sage, so what is left stands out.
    pub done: [&'static str; 3],
    /// Per-section colours (fill tint, border) for layouts that colour by
    /// section.
    pub accents: &'static [(&'static str, &'static str)],
}

/// Opacity of faded boxes and edges: topics from elsewhere on a focused
/// poster, legible but plainly in the background.
pub const FADED_OPACITY: f32 = 0.4;

/// The default theme: white paper, yellow boxes, blue connectors, like
/// roadmap.sh.
pub const LIGHT: Theme = Theme {
    name: "light",
    background: "#ffffff",
    title: "#111111",
    muted: "#555555",
    section: ["#ffe14d", "#111111", "#111111"],
    topic: ["#fff1a8", "#222222", "#111111"],
    subtopic: ["#fffaf0", "#8a8a8a", "#222222"],
    spine: "#2b78e4",
    connector: "#2b78e4",
    prerequisite: "#c2255c",
    recommended: "#7c3aed",
    alternative: "#15803d",
    done: ["#d9e6d2", "#e8f0e3", "#f4f7f1"],
    accents: &[
        ("#dbeafe", "#1d4ed8"),
        ("#dcfce7", "#15803d"),
        ("#fef3c7", "#b45309"),
        ("#fce7f3", "#be185d"),
        ("#ede9fe", "#6d28d9"),
        ("#cffafe", "#0e7490"),
        ("#fee2e2", "#b91c1c"),
        ("#e0e7ff", "#4338ca"),
        ("#ecfccb", "#4d7c0f"),
        ("#f3e8ff", "#7e22ce"),
    ],
};

/// Dark slate paper with the same meanings.
///
/// Every box is told from the paper by its fill, not only its border
/// (WCAG asks 3:1 of a component's boundary), and topics from subtopics
/// at a glance: light topics with dark text, mid-grey subtopics with white
/// text. Contrast ratios of these colours ([`contrast`]; the test
/// `dark_boxes_stand_out_by_their_fill` holds fills to at least 3:1
/// against the paper and each other, text to 4.5:1 against its fill):
///
/// | pair                     | ratio |
/// |--------------------------|-------|
/// | section fill : paper     | 11.7 |
/// | topic fill : paper       | 12.0 |
/// | subtopic fill : paper    |  3.75 |
/// | topic fill : subtopic    |  3.2 |
/// | topic text : topic       | 12.0 |
/// | subtopic text : subtopic |  4.8 |
pub const DARK: Theme = Theme {
    name: "dark",
    background: "#0f172a",
    title: "#f8fafc",
    muted: "#94a3b8",
    section: ["#facc15", "#fde68a", "#111111"],
    topic: ["#cbd5e1", "#f1f5f9", "#0f172a"],
    subtopic: ["#64748b", "#cbd5e1", "#ffffff"],
    spine: "#60a5fa",
    connector: "#60a5fa",
    prerequisite: "#f472b6",
    recommended: "#a78bfa",
    alternative: "#4ade80",
    done: ["#c8c79f", "#b7cbbb", "#577163"],
    accents: &[
        ("#1e3a8a", "#93c5fd"),
        ("#14532d", "#86efac"),
        ("#78350f", "#fcd34d"),
        ("#831843", "#f9a8d4"),
        ("#4c1d95", "#c4b5fd"),
        ("#164e63", "#67e8f9"),
        ("#7f1d1d", "#fca5a5"),
        ("#312e81", "#a5b4fc"),
        ("#365314", "#bef264"),
        ("#581c87", "#d8b4fe"),
    ],
};

/// The WCAG 2 relative luminance of a `#rrggbb` colour (0 black, 1 white),
/// or `None` when it is not one.
///
/// ```
/// use roadmapper::export::svg::luminance;
/// assert_eq!(luminance("#ffffff"), Some(1.0));
/// assert_eq!(luminance("#000000"), Some(0.0));
/// assert_eq!(luminance("white"), None);
/// ```
pub fn luminance(colour: &str) -> Option<f64> {
    let hex = colour.strip_prefix('#').filter(|h| h.len() == 6)?;
    let channel = |i: usize| -> Option<f64> {
        let v = f64::from(u8::from_str_radix(hex.get(i..i + 2)?, 16).ok()?) / 255.0;
        Some(if v <= 0.040_45 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        })
    };
    Some(0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?)
}

/// The WCAG 2 contrast ratio of two `#rrggbb` colours, from 1 (the same)
/// to 21 (black on white); `None` when either is not such a colour.
///
/// ```
/// use roadmapper::export::svg::contrast;
/// assert_eq!(contrast("#000000", "#ffffff"), Some(21.0));
/// ```
pub fn contrast(a: &str, b: &str) -> Option<f64> {
    let (x, y) = (luminance(a)?, luminance(b)?);
    Some((x.max(y) + 0.05) / (x.min(y) + 0.05))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dark_boxes_stand_out_by_their_fill() {
        let t = DARK;
        let c = |a: &str, b: &str| contrast(a, b).unwrap();
        let bg = t.background;
        for (what, [fill, _, ink]) in [
            ("section", t.section),
            ("topic", t.topic),
            ("subtopic", t.subtopic),
        ] {
            assert!(c(fill, bg) >= 3.0, "{what} fill {:.2}:1", c(fill, bg));
            assert!(c(ink, fill) >= 4.5, "{what} text {:.2}:1", c(ink, fill));
        }
        for (what, fill, ink) in [
            ("done section", t.done[0], t.section[2]),
            ("done topic", t.done[1], t.topic[2]),
            ("done subtopic", t.done[2], t.subtopic[2]),
        ] {
            assert!(c(fill, bg) >= 3.0, "{what} fill {:.2}:1", c(fill, bg));
            assert!(c(ink, fill) >= 4.5, "{what} text {:.2}:1", c(ink, fill));
        }
        // Topics and subtopics apart at a glance, done or not.
        assert!(c(t.topic[0], t.subtopic[0]) >= 3.0);
        assert!(c(t.done[1], t.done[2]) >= 3.0);
        assert!(c(t.title, bg) >= 4.5 && c(t.muted, bg) >= 4.5);
    }
}

#[cfg(test)]
mod light_tests {
    use super::*;

    #[test]
    fn light_done_fills_keep_their_text_legible() {
        let t = LIGHT;
        for (fill, ink) in [
            (t.done[0], t.section[2]),
            (t.done[1], t.topic[2]),
            (t.done[2], t.subtopic[2]),
        ] {
            let ratio = contrast(ink, fill).unwrap_or(0.0);
            assert!(ratio >= 7.0, "{ink} on {fill}: {ratio:.2}:1");
        }
    }
}
