//! A repair of the embedded Noto Sans (version 1.04): its GDEF table
//! classes spacing characters as marks, among them the backtick U+0060,
//! `^`'s cousins `´ ¨ ¸`, and the spacing modifier letters `ˆ ˇ ˘ ˙ ˚ ˛ ˜ ˝`.
//!
//! A shaper (HarfBuzz, and harfrust inside usvg) gives every glyph classed
//! as a mark no advance, so unrepaired, ``Use `grep` here`` is drawn with
//! each backtick on top of the next letter, while its width here (the
//! `hmtx` advance) leaves room for it. Newer Noto Sans releases class
//! these glyphs as base glyphs; this module does the same to the embedded
//! bytes, once, at start-up, so the PNG renderer and browsers given
//! `--embed-font` draw the advance that is measured.
//!
//! Only glyphs that a non-mark character maps to and that have an advance
//! are changed; combining marks (U+0300..) keep their class.

use skrifa::raw::TableProvider;
use skrifa::{FontRef, MetadataProvider, instance::LocationRef, instance::Size};

/// GDEF glyph classes.
const BASE: u16 = 1;
const MARK: u16 = 3;

/// `font` with its spacing characters' glyphs classed as base glyphs, or
/// `None` when there is nothing to change (or the font is not one this
/// repair understands).
pub(super) fn fix_spacing_marks(font: &[u8]) -> Option<Vec<u8>> {
    let parsed = FontRef::new(font).ok()?;
    let glyph_count = usize::from(parsed.maxp().ok()?.num_glyphs());
    let (record, gdef) = table(font, *b"GDEF")?;
    let class_def = usize::from(u16_at(gdef, 4)?);
    if class_def == 0 {
        return None;
    }
    let mut classes = read_class_def(gdef.get(class_def..)?, glyph_count)?;
    let metrics = parsed.glyph_metrics(Size::unscaled(), LocationRef::default());
    let mut changed = 0;
    for (c, glyph) in parsed.charmap().mappings() {
        let Some(ch) = char::from_u32(c) else {
            continue;
        };
        let g = glyph.to_u32() as usize;
        if classes.get(g) == Some(&MARK)
            && !unicode_normalization::char::is_combining_mark(ch)
            && metrics.advance_width(glyph).unwrap_or(0.0) > 0.0
        {
            classes[g] = BASE;
            changed += 1;
        }
    }
    if changed == 0 {
        return None;
    }
    // The new class table goes after the old GDEF data (offsets are from
    // the table's start, so the rest of GDEF is untouched), and the new
    // GDEF after the font's last table.
    let mut new_gdef = gdef.to_vec();
    new_gdef.resize(new_gdef.len().next_multiple_of(2), 0);
    let offset = u16::try_from(new_gdef.len()).ok()?;
    new_gdef[4..6].copy_from_slice(&offset.to_be_bytes());
    write_class_def(&classes, &mut new_gdef);
    let mut out = font.to_vec();
    out.resize(out.len().next_multiple_of(4), 0);
    let start = u32::try_from(out.len()).ok()?;
    let length = u32::try_from(new_gdef.len()).ok()?;
    out.extend_from_slice(&new_gdef);
    out.resize(out.len().next_multiple_of(4), 0);
    let checksum = checksum(&out[start as usize..]);
    out[record + 4..record + 8].copy_from_slice(&checksum.to_be_bytes());
    out[record + 8..record + 12].copy_from_slice(&start.to_be_bytes());
    out[record + 12..record + 16].copy_from_slice(&length.to_be_bytes());
    Some(out)
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

/// The offset of the table record of `tag` and the table's bytes.
fn table(font: &[u8], tag: [u8; 4]) -> Option<(usize, &[u8])> {
    let count = usize::from(u16_at(font, 4)?);
    (0..count).map(|i| 12 + 16 * i).find_map(|record| {
        if font.get(record..record + 4)? != tag {
            return None;
        }
        let offset = u32_at(font, record + 8)? as usize;
        let length = u32_at(font, record + 12)? as usize;
        Some((record, font.get(offset..offset.checked_add(length)?)?))
    })
}

/// The class of every glyph (0 when unclassed) from a ClassDef table.
fn read_class_def(data: &[u8], glyph_count: usize) -> Option<Vec<u16>> {
    let mut classes = vec![0; glyph_count];
    match u16_at(data, 0)? {
        1 => {
            let first = usize::from(u16_at(data, 2)?);
            let count = usize::from(u16_at(data, 4)?);
            for i in 0..count {
                if let Some(c) = classes.get_mut(first + i) {
                    *c = u16_at(data, 6 + 2 * i)?;
                }
            }
        }
        2 => {
            let count = usize::from(u16_at(data, 2)?);
            for i in 0..count {
                let at = 4 + 6 * i;
                let (start, end) = (u16_at(data, at)?, u16_at(data, at + 2)?);
                let class = u16_at(data, at + 4)?;
                for g in usize::from(start)..=usize::from(end) {
                    if let Some(c) = classes.get_mut(g) {
                        *c = class;
                    }
                }
            }
        }
        _ => return None,
    }
    Some(classes)
}

/// Appends `classes` as a format 2 ClassDef (ranges of one class).
fn write_class_def(classes: &[u16], out: &mut Vec<u8>) {
    let mut ranges: Vec<(u16, u16, u16)> = Vec::new();
    for (g, &class) in classes.iter().enumerate() {
        let g = g as u16; // glyph ids are u16 (maxp)
        match ranges.last_mut() {
            Some((_, end, c)) if *c == class && *end + 1 == g => *end = g,
            _ if class != 0 => ranges.push((g, g, class)),
            _ => {}
        }
    }
    out.extend_from_slice(&2u16.to_be_bytes());
    out.extend_from_slice(&(ranges.len() as u16).to_be_bytes());
    for (start, end, class) in ranges {
        for v in [start, end, class] {
            out.extend_from_slice(&v.to_be_bytes());
        }
    }
}

/// The OpenType table checksum: the sum of the big-endian u32 words.
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, w| {
        let mut word = [0; 4];
        word[..w.len()].copy_from_slice(w);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class_of(font: &[u8], c: char) -> u16 {
        let parsed = FontRef::new(font).unwrap();
        let glyph = parsed.charmap().map(c).unwrap().to_u32() as usize;
        let (_, gdef) = table(font, *b"GDEF").unwrap();
        let at = usize::from(u16_at(gdef, 4).unwrap());
        read_class_def(&gdef[at..], 3000).unwrap()[glyph]
    }

    #[test]
    fn spacing_accents_become_base_glyphs_and_combining_marks_stay_marks() {
        for original in [notosans::REGULAR_TTF, notosans::BOLD_TTF] {
            assert_eq!(class_of(original, '`'), MARK, "the bug this repairs");
            let fixed = fix_spacing_marks(original).unwrap();
            for c in ['`', '´', '¨', 'ˆ', '˜', '΄'] {
                assert_eq!(class_of(&fixed, c), BASE, "{c}");
            }
            assert_eq!(class_of(&fixed, '\u{300}'), MARK);
            assert_eq!(class_of(&fixed, 'a'), class_of(original, 'a'));
            // Everything else in the font reads the same.
            let before = FontRef::new(original).unwrap();
            let after = FontRef::new(&fixed).unwrap();
            assert_eq!(
                before.charmap().mappings().count(),
                after.charmap().mappings().count()
            );
            // Repairing twice changes nothing more.
            assert!(fix_spacing_marks(&fixed).is_none());
        }
    }
}
