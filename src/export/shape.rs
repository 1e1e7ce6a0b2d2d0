//! One shape for every exporter: a value that borrows the model or the
//! scene ([`Dot`](super::Dot), [`Positioned`](super::dot::Positioned),
//! [`Svg`](super::Svg), [`Json`](super::json::Json), [`Png`](super::png::Png),
//! [`Order`](super::order::Order), [`Card`](super::card::Card)) and writes its
//! document to any `impl Write`, returning the writer's errors. The text
//! formats keep their `Display` (as petgraph's `Dot`), which this writes.

use std::io::Write;

/// An exporter: writes one whole document to `out`.
///
/// ```
/// use roadmapper::export::{Dot, Export};
/// use roadmapper::{Input, load};
/// let r = load(&Input::new("r.txt", "Web\n  HTTP\n"), &[]).unwrap();
/// let mut out = Vec::new();
/// Dot(&r).write_to(&mut out).unwrap();
/// assert_eq!(out, Dot(&r).to_string().into_bytes());
/// ```
pub trait Export {
    /// What can go wrong: the writer's error, or the format's own.
    type Error: std::error::Error;

    /// Writes the document to `out`.
    fn write_to(&self, out: &mut impl Write) -> Result<(), Self::Error>;
}

/// The [`Export`] of a `Display` exporter.
macro_rules! export_display {
    ($($t:ty),*) => {$(
        impl $crate::export::Export for $t {
            type Error = std::io::Error;
            fn write_to(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
                write!(out, "{self}")
            }
        }
    )*};
}

export_display!(
    super::Dot<'_>,
    super::dot::Positioned<'_>,
    super::Svg<'_>,
    super::card::Card<'_>
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{json, order, png, svg};
    use crate::{Input, layout, load};

    /// Each exporter's `write_to` writes the same bytes as its other entry
    /// points, so the shapes cannot drift apart.
    #[test]
    fn every_exporter_writes_what_its_other_entry_points_give() {
        let r = load(
            &Input::new("r.txt", "Web\n  HTTP\n  REST\n"),
            &[Input::new("r.prereqs", "HTTP -> REST\n")],
        )
        .unwrap();
        let scene = layout::layout(&r, &layout::LayoutOptions::default());
        let bytes = |e: &dyn Fn(&mut Vec<u8>)| {
            let mut out = Vec::new();
            e(&mut out);
            out
        };
        let json = json::Json {
            roadmap: &r,
            scene: Some(&scene),
        };
        assert_eq!(
            bytes(&|o| json.write_to(o).unwrap()),
            json::to_string_with(&r, Some(&scene)).into_bytes()
        );
        let svg = crate::export::Svg::new(&scene, &svg::LIGHT);
        assert_eq!(
            bytes(&|o| svg.write_to(o).unwrap()),
            svg.to_string().into_bytes()
        );
        let items = r.order().to_vec();
        let listing = order::Order {
            roadmap: &r,
            items: &items,
            stages: true,
            format: order::OrderFormat::Markdown,
        };
        let mut expected = Vec::new();
        order::write_order(
            &r,
            &items,
            true,
            order::OrderFormat::Markdown,
            &mut expected,
        )
        .unwrap();
        assert_eq!(bytes(&|o| listing.write_to(o).unwrap()), expected);
        let picture = png::Png {
            scene: &scene,
            theme: &svg::LIGHT,
            scale: 1.0,
        };
        assert_eq!(
            bytes(&|o| picture.write_to(o).unwrap()),
            png::render_scene(&scene, &svg::LIGHT, 1.0).unwrap()
        );
        let bad = png::Png {
            scale: 0.0,
            ..picture
        };
        assert!(matches!(
            bad.write_to(&mut Vec::new()),
            Err(crate::Error::Png(png::PngError::BadScale(_)))
        ));
    }
}
