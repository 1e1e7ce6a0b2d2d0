//! The font set: the embedded Noto Sans first, then fonts from files, then
//! system fonts, and for each character the first of them that has it.
//!
//! The same set measures text (here) and draws it (its [`FontSet::database`]
//! goes to usvg, and [`FontSet::face_id`] resolves the family a `<tspan>`
//! names to the face measured), so the two cannot disagree.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use super::{FAMILY, Weight};
use crate::diagnostic::Error;

/// Advance widths of an embedded face, in ems.
struct Metrics {
    font: FontRef<'static>,
    /// Advances of the ASCII range, the common case, precomputed.
    ascii: [f32; 128],
    /// Advance of the glyph drawn for unmapped characters (`.notdef`).
    missing: f32,
    units_per_em: f32,
    ascent: f32,
    descent: f32,
}

impl Metrics {
    fn new(bytes: &'static [u8]) -> Metrics {
        // The embedded fonts are valid TrueType files shipped by the notosans
        // crate; failing to parse them is a build defect, not an input error.
        let font = FontRef::new(bytes).expect("the embedded Noto Sans font parses");
        let metrics = font.metrics(Size::unscaled(), LocationRef::default());
        let units_per_em = f32::from(metrics.units_per_em);
        let glyphs = font.glyph_metrics(Size::unscaled(), LocationRef::default());
        let missing = glyphs
            .advance_width(skrifa::GlyphId::NOTDEF)
            .unwrap_or(units_per_em * 0.6)
            / units_per_em;
        let mut face = Metrics {
            font,
            ascii: [0.0; 128],
            missing,
            units_per_em,
            ascent: metrics.ascent / units_per_em,
            descent: -metrics.descent / units_per_em,
        };
        for c in 0..128u8 {
            face.ascii[usize::from(c)] = face.lookup(char::from(c));
        }
        face
    }

    fn lookup(&self, c: char) -> f32 {
        let glyphs = self
            .font
            .glyph_metrics(Size::unscaled(), LocationRef::default());
        match self.font.charmap().map(c) {
            Some(g) => glyphs.advance_width(g).unwrap_or(0.0) / self.units_per_em,
            None if c.is_control() => 0.0,
            None => self.missing,
        }
    }

    fn advance(&self, c: char) -> f32 {
        match self.ascii.get(c as usize) {
            Some(&a) => a,
            None => self.lookup(c),
        }
    }
}

/// A font file's bytes, shared with the font database.
type Data = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// One face of a font file.
struct Face {
    data: Data,
    index: u32,
    weight: u16,
    id: fontdb::ID,
    /// harfrust's lookup caches for the face, built on first use (costly
    /// for a CJK font's large tables).
    shaper: std::sync::OnceLock<harfrust::ShaperData>,
}

impl Face {
    fn font(&self) -> Option<FontRef<'_>> {
        FontRef::from_index((*self.data).as_ref(), self.index).ok()
    }

    fn has(&self, c: char) -> bool {
        self.font().is_some_and(|f| f.charmap().map(c).is_some())
    }

    /// The width in ems of `text` shaped with this face (harfrust, as
    /// usvg shapes it).
    fn shaped_width(&self, text: &str) -> f32 {
        let Ok(font) = harfrust::FontRef::from_index((*self.data).as_ref(), self.index) else {
            return 0.0;
        };
        let data = self.shaper.get_or_init(|| harfrust::ShaperData::new(&font));
        let shaper = data.shaper(&font).build();
        let mut buffer = harfrust::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let output = shaper.shape(buffer, harfrust::ShapeOptions::new());
        let advance: i64 = output
            .glyph_positions()
            .iter()
            .map(|p| i64::from(p.x_advance))
            .sum();
        advance as f32 / shaper.units_per_em().max(1) as f32
    }
}

/// A family: faces of one name, in the fallback order.
struct Slot {
    /// The family's name as written into SVG (quotes and markup removed).
    family: String,
    faces: Vec<Face>,
}

impl Slot {
    /// The face drawn for `weight`: the closest weight, the first on a tie.
    fn face(&self, weight: u16) -> &Face {
        self.faces
            .iter()
            .min_by_key(|f| f.weight.abs_diff(weight))
            .expect("a slot has at least one face")
    }
}

/// A piece of a line drawn in one font and one direction, placed: the
/// pieces of a line in [`FontSet::pieces`] are in visual order, left to
/// right.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece<'a> {
    /// The piece's bytes in the line.
    pub range: Range<usize>,
    /// The family to name for it, `None` for the embedded Noto Sans (the
    /// document's font).
    pub family: Option<&'a str>,
    /// Its left edge from the line's left edge, in ems.
    pub x: f32,
    /// Its width in ems.
    pub width: f32,
}

/// The fonts text is measured and drawn with, in fallback order.
pub struct FontSet {
    regular: Metrics,
    bold: Metrics,
    /// Slot 0 is the embedded Noto Sans.
    slots: Vec<Slot>,
    db: Arc<fontdb::Database>,
    /// The files loaded, for messages.
    files: Vec<PathBuf>,
}

impl std::fmt::Debug for FontSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontSet")
            .field(
                "families",
                &self.slots.iter().map(|s| &s.family).collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl FontSet {
    /// The embedded Noto Sans only: the same text measures the same on any
    /// machine.
    pub fn embedded() -> FontSet {
        let mut set = FontSet {
            regular: Metrics::new(super::regular()),
            bold: Metrics::new(super::bold()),
            slots: Vec::new(),
            db: Arc::new(fontdb::Database::new()),
            files: Vec::new(),
        };
        let db = Arc::make_mut(&mut set.db);
        let mut faces = Vec::new();
        for (bytes, weight) in [(super::regular(), 400), (super::bold(), 700)] {
            let data: Data = Arc::new(bytes);
            for id in db.load_font_source(fontdb::Source::Binary(data.clone())) {
                faces.push(Face {
                    data: data.clone(),
                    index: 0,
                    weight,
                    id,
                    shaper: Default::default(),
                });
            }
        }
        db.set_sans_serif_family(FAMILY);
        db.set_serif_family(FAMILY);
        set.slots.push(Slot {
            family: FAMILY.to_string(),
            faces,
        });
        set
    }

    /// Adds the faces of a font file (TrueType, OpenType or a collection)
    /// after the fonts already in the set; a file larger than `limit`
    /// bytes is not read.
    ///
    /// Fails with [`Error::Io`] when the file cannot be read (or is a
    /// device), with [`Error::TooLarge`] beyond `limit`, with
    /// [`Error::NotAFont`] when it is no usable font (see
    /// [`super::check_font`]) and with [`Error::EmbeddedFont`] when it
    /// holds only the embedded family.
    pub fn add_file(&mut self, path: &Path, limit: u64) -> Result<(), Error> {
        let bytes = super::font_files::read_font(path, limit)?;
        let not_a_font = |why: &str| Error::NotAFont {
            path: path.to_path_buf(),
            reason: why.to_string(),
        };
        let data: Data = Arc::new(bytes);
        let ids =
            Arc::make_mut(&mut self.db).load_font_source(fontdb::Source::Binary(data.clone()));
        if ids.is_empty() {
            return Err(not_a_font("no face has a usable name table"));
        }
        let mut added = false;
        for id in ids {
            added |= self.add_face(id, data.clone());
        }
        if !added {
            return Err(Error::EmbeddedFont {
                path: path.to_path_buf(),
                family: FAMILY,
            });
        }
        self.files.push(path.to_path_buf());
        Ok(())
    }

    /// Adds `id`, a face of `data` loaded into the database, to the slot of
    /// its family (a new slot at the end for a new family); false when it
    /// is not used (a face of the embedded family).
    fn add_face(&mut self, id: fontdb::ID, data: Data) -> bool {
        let Some(info) = self.db.face(id) else {
            return false;
        };
        let family = info
            .families
            .iter()
            .find(|f| f.1 == fontdb::Language::English_UnitedStates)
            .or(info.families.first())
            .map(|f| clean_family(&f.0))
            .filter(|f| !f.is_empty())
            // A name that is all punctuation: one of our own, which only
            // the PNG renderer resolves.
            .unwrap_or_else(|| format!("roadmapper font {}", self.slots.len()));
        let face = Face {
            data,
            index: info.index,
            weight: info.weight.0,
            id,
            shaper: Default::default(),
        };
        match self.slots.iter_mut().find(|s| s.family == family) {
            // The embedded family stays the embedded faces only: a system
            // Noto Sans of another version would measure differently.
            Some(s) if s.family == FAMILY => return false,
            Some(s) => s.faces.push(face),
            None => self.slots.push(Slot {
                family,
                faces: vec![face],
            }),
        }
        true
    }

    /// Adds, from the machine's installed fonts, a font for each character
    /// of `text` that the set has no glyph for: the first installed face
    /// (in the order of their paths) that has it, with its family's
    /// regular and bold faces.
    ///
    /// The result depends on the machine: the same input may be drawn with
    /// other fonts elsewhere.
    ///
    /// Every file is read and checked as [`FontSet::add_file`] reads one
    /// (`limit` bytes at most); those that fail are skipped and returned,
    /// each with its reason.
    pub fn add_system_fonts(&mut self, text: &str, limit: u64) -> Vec<Error> {
        let mut wanted: Vec<char> = text
            .chars()
            .filter(|&c| needs_glyph(c) && !self.has_glyph(c))
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        if wanted.is_empty() {
            return Vec::new();
        }
        let mut skipped = Vec::new();
        let mut system = fontdb::Database::new();
        for path in super::font_files::system_font_files() {
            match super::font_files::read_font(&path, limit) {
                Ok(bytes) => {
                    let mut file = fontdb::Database::new();
                    file.load_font_source(fontdb::Source::Binary(Arc::new(bytes)));
                    for info in file.faces() {
                        let mut info = info.clone();
                        info.source = fontdb::Source::File(path.clone());
                        system.push_face_info(info);
                    }
                }
                Err(e) => skipped.push(e),
            }
        }
        let mut faces: Vec<&fontdb::FaceInfo> = system.faces().collect();
        faces.sort_by(|a, b| {
            source_key(&a.source)
                .cmp(&source_key(&b.source))
                .then(a.index.cmp(&b.index))
        });
        let mut files: Vec<(PathBuf, Data)> = Vec::new();
        for info in faces {
            if wanted.is_empty() {
                break;
            }
            let Some(data) = face_data(info, limit, &mut files) else {
                continue;
            };
            let Ok(font) = FontRef::from_index((*data).as_ref(), info.index) else {
                continue;
            };
            let charmap = font.charmap();
            if !wanted.iter().any(|&c| charmap.map(c).is_some()) {
                continue;
            }
            // This face and its family's nearest to regular and bold.
            let family = info.families.first().map(|f| f.0.clone());
            let mut chosen = vec![info];
            for weight in [400, 700] {
                if let Some(sibling) = system
                    .faces()
                    .filter(|f| f.families.first().map(|f| &f.0) == family.as_ref())
                    .filter(|f| f.style == info.style)
                    .min_by_key(|f| (f.weight.0.abs_diff(weight), source_key(&f.source), f.index))
                    && !chosen.iter().any(|c| c.id == sibling.id)
                {
                    chosen.push(sibling);
                }
            }
            for face in chosen {
                let Some(data) = face_data(face, limit, &mut files) else {
                    continue;
                };
                let mut source_info = face.clone();
                source_info.source = fontdb::Source::Binary(data.clone());
                let id = Arc::make_mut(&mut self.db).push_face_info(source_info);
                self.add_face(id, data);
            }
            wanted.retain(|&c| !self.has_glyph(c));
        }
        skipped
    }

    /// The font files loaded with [`FontSet::add_file`].
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// The faces, for usvg.
    pub fn database(&self) -> Arc<fontdb::Database> {
        self.db.clone()
    }

    /// The face drawn for `family` at `weight`, as [`FontSet::pieces`] named
    /// it; `None` for a family not in the set.
    pub fn face_id(&self, family: &str, weight: u16) -> Option<fontdb::ID> {
        let slot = self.slots.iter().find(|s| s.family == family)?;
        Some(slot.face(weight).id)
    }

    /// The face drawn for the embedded family at `weight`.
    pub fn embedded_id(&self, weight: u16) -> fontdb::ID {
        self.slots[0].face(weight).id
    }

    /// Whether a font of the set has a glyph for `c`.
    pub fn has_glyph(&self, c: char) -> bool {
        self.slot_for(c, 400).is_some() || self.slot_for(c, 700).is_some()
    }

    /// The first character of `text` that no font of the set has a glyph
    /// for (controls and invisible joiners aside).
    pub fn missing(&self, text: &str) -> Option<char> {
        text.chars().find(|&c| needs_glyph(c) && !self.has_glyph(c))
    }

    /// The slot of the first font that has `c` at `weight`.
    fn slot_for(&self, c: char, weight: u16) -> Option<usize> {
        if c.is_ascii() || self.metrics(weight).font.charmap().map(c).is_some() {
            return Some(0);
        }
        (1..self.slots.len()).find(|&i| self.slots[i].face(weight).has(c))
    }

    fn metrics(&self, weight: u16) -> &Metrics {
        if weight >= 600 {
            &self.bold
        } else {
            &self.regular
        }
    }

    /// `text` cut into runs of one font each, in logical order: every
    /// cluster (a character with its combining marks, or an emoji
    /// sequence) goes to the slot of the first font that has its first
    /// character, the embedded one when none has.
    fn runs(&self, text: &str, weight: u16) -> Vec<(Range<usize>, usize)> {
        let mut runs: Vec<(Range<usize>, usize)> = Vec::new();
        let mut at = 0;
        for cluster in clusters(text) {
            let first = cluster.chars().next().unwrap_or(' ');
            let slot = self.slot_for(first, weight).unwrap_or(0);
            let range = at..at + cluster.len();
            at = range.end;
            match runs.last_mut() {
                Some((r, s)) if *s == slot => r.end = range.end,
                _ => runs.push((range, slot)),
            }
        }
        runs
    }

    /// Whether all of `text` is drawn with the embedded font at `weight`.
    fn embedded_only(&self, text: &str, weight: u16) -> bool {
        text.is_ascii()
            || self.slots.len() == 1
            || clusters(text).all(|cluster| {
                let first = cluster.chars().next().unwrap_or(' ');
                matches!(self.slot_for(first, weight), Some(0) | None)
            })
    }

    /// `text` as placed pieces, in visual order: runs of one direction
    /// (the Unicode bidirectional algorithm, left-to-right paragraphs, as
    /// usvg and browsers lay SVG text out), each cut into runs of one font
    /// (text all in the embedded font is one piece). Drawn each at its
    /// own `x`, the pieces are shaped one by one, so every piece is drawn
    /// exactly as it was measured.
    ///
    /// ```
    /// use roadmapper::text::{FontSet, Weight};
    /// let set = FontSet::embedded();
    /// let pieces = set.pieces("Learn 日本語", Weight::Regular);
    /// assert_eq!(pieces.len(), 1, "no other font: one piece, drawn as missing glyphs");
    /// assert_eq!(pieces[0].family, None);
    /// ```
    pub fn pieces(&self, text: &str, weight: Weight) -> Vec<Piece<'_>> {
        let w = weight.css();
        if self.embedded_only(text, w) {
            let width = self.embedded_width(text, w);
            return vec![Piece {
                range: 0..text.len(),
                family: None,
                x: 0.0,
                width,
            }];
        }
        let bidi = unicode_bidi::BidiInfo::new(text, Some(unicode_bidi::Level::ltr()));
        let mut pieces = Vec::new();
        let mut x = 0.0;
        for paragraph in &bidi.paragraphs {
            let (levels, level_runs) = bidi.visual_runs(paragraph, paragraph.range.clone());
            for level_run in level_runs {
                let mut runs = self.runs(&text[level_run.clone()], w);
                if levels[level_run.start].is_rtl() {
                    runs.reverse();
                }
                for (range, slot) in runs {
                    let range = range.start + level_run.start..range.end + level_run.start;
                    let part = &text[range.clone()];
                    let width = match slot {
                        0 => self.embedded_width(part, w),
                        _ => self.slots[slot].face(w).shaped_width(part),
                    };
                    pieces.push(Piece {
                        range,
                        family: (slot != 0).then(|| self.slots[slot].family.as_str()),
                        x,
                        width,
                    });
                    x += width;
                }
            }
        }
        pieces
    }

    fn embedded_width(&self, text: &str, weight: u16) -> f32 {
        let metrics = self.metrics(weight);
        text.chars().map(|c| metrics.advance(c)).sum()
    }

    /// The width of `text` in ems: the sum of its [`FontSet::pieces`].
    pub(super) fn width_em(&self, text: &str, weight: Weight) -> f32 {
        if self.embedded_only(text, weight.css()) {
            return self.embedded_width(text, weight.css());
        }
        self.pieces(text, weight).iter().map(|p| p.width).sum()
    }

    pub(super) fn ascent(&self) -> f32 {
        self.regular.ascent
    }

    pub(super) fn line_height(&self) -> f32 {
        self.regular.ascent + self.regular.descent
    }
}

/// Whether `c` joins the cluster before it rather than starting one:
/// combining marks, joiners, variation selectors, emoji modifiers and tags.
fn joins(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
        || matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0020}'..='\u{E007F}' | '\u{E0100}'..='\u{E01EF}')
}

/// Whether `c` is drawn with a glyph of its own (not a control, a joiner
/// or a selector, which shapers hide).
fn needs_glyph(c: char) -> bool {
    !c.is_control() && !joins(c) || unicode_normalization::char::is_combining_mark(c)
}

/// `text` cut into clusters: a character with the marks, joiners and
/// selectors after it, and the character after a zero-width joiner.
pub(super) fn clusters(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let mut chars = rest.char_indices();
        let (_, first) = chars.next()?;
        let mut previous = first;
        let mut end = rest.len();
        for (i, c) in chars {
            if !(joins(c) || previous == '\u{200D}') {
                end = i;
                break;
            }
            previous = c;
        }
        let (cluster, tail) = rest.split_at(end);
        rest = tail;
        Some(cluster)
    })
}

/// A family name safe inside a quoted CSS name inside an XML attribute.
fn clean_family(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '\'' | '"' | '\\' | '<' | '>' | '&' | ';' | ',' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn source_key(source: &fontdb::Source) -> Option<&Path> {
    match source {
        fontdb::Source::File(p) => Some(p),
        _ => None,
    }
}

/// The bytes of a system face's file, read once (and checked again: the
/// file may have changed since the scan).
fn face_data(
    info: &fontdb::FaceInfo,
    limit: u64,
    files: &mut Vec<(PathBuf, Data)>,
) -> Option<Data> {
    let path = source_key(&info.source)?;
    if let Some((_, data)) = files.iter().find(|(p, _)| p == path) {
        return Some(data.clone());
    }
    let bytes = super::font_files::read_font(path, limit).ok()?;
    let data: Data = Arc::new(bytes);
    files.push((path.to_path_buf(), data.clone()));
    Some(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters_keep_marks_and_emoji_sequences_whole() {
        let text = "e\u{301}x👩\u{200D}💻👍🏽!";
        let got: Vec<&str> = clusters(text).collect();
        assert_eq!(got, ["e\u{301}", "x", "👩\u{200D}💻", "👍🏽", "!"]);
        assert_eq!(clusters("").count(), 0);
    }

    #[test]
    fn the_embedded_set_draws_everything_in_one_run() {
        let set = FontSet::embedded();
        assert_eq!(set.missing("Use `grep` here"), None);
        assert_eq!(set.missing("Learn 日本語"), Some('日'));
        assert_eq!(set.missing("tab\there"), None);
        let pieces = set.pieces("Café 日本", Weight::Bold);
        assert_eq!(pieces.len(), 1);
        assert_eq!(
            (pieces[0].range.clone(), pieces[0].family),
            (0.."Café 日本".len(), None)
        );
    }

    #[test]
    fn family_names_cannot_break_out_of_their_quotes() {
        assert_eq!(clean_family("Evil', x\"<y>"), "Evil x y");
        assert_eq!(clean_family("Noto Sans CJK JP"), "Noto Sans CJK JP");
    }
}
