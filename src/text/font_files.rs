//! Font files read for `--font` and `--system-fonts`: read with the input
//! size limit, and checked before the font database sees them.
//!
//! fontdb trusts a file's own counts: a collection header claiming four
//! billion faces makes it reserve room for all of them (an abort) or try
//! each in turn (minutes). So a file is only handed on once its face count
//! fits its size, every face parses and its family names are of a sane
//! size. The system fonts are found here too, in the folders fontdb would
//! scan, so each file gets the same checks and a bad one is skipped with a
//! reason instead of stalling the run.

use std::path::{Path, PathBuf};

use skrifa::raw::{FileRef, TableProvider};

use crate::diagnostic::Error;
use crate::input::Input;

/// Faces a collection may hold: real ones hold a few dozen.
pub const MAX_FACES: u32 = 1024;

/// Bytes of family names a face may list: fontdb copies every one of
/// them, and a name table can point thousands of records at one string.
const MAX_FAMILY_NAME_BYTES: usize = 64 * 1024;

/// The bytes of the font file at `path`, at most `limit` of them, once they
/// are checked (see the module documentation).
///
/// Fails with [`Error::Io`] when the file cannot be read or is a device,
/// a folder or a socket, with [`Error::TooLarge`] beyond `limit` and with
/// [`Error::NotAFont`] when it is no usable font.
pub fn read_font(path: &Path, limit: u64) -> Result<Vec<u8>, Error> {
    if let Ok(meta) = std::fs::metadata(path) {
        let kind = meta.file_type();
        if !kind.is_file() && !is_fifo(&kind) && !kind.is_dir() {
            return Err(Error::Io {
                path: path.to_path_buf(),
                source: std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "is a device or a socket, not a font file",
                ),
            });
        }
    }
    let bytes = Input::read_limited(path, limit)?.bytes;
    check_font(&bytes).map_err(|reason| Error::NotAFont {
        path: path.to_path_buf(),
        reason,
    })?;
    Ok(bytes)
}

#[cfg(unix)]
fn is_fifo(kind: &std::fs::FileType) -> bool {
    std::os::unix::fs::FileTypeExt::is_fifo(kind)
}

#[cfg(not(unix))]
fn is_fifo(_: &std::fs::FileType) -> bool {
    false
}

/// Why `bytes` is no usable font, if it is not: a collection whose header
/// claims more faces than the file has room for (4 bytes each) or than
/// [`MAX_FACES`], a face that does not parse, or a face whose family names
/// take more than 64 KiB.
///
/// ```
/// use roadmapper::text::check_font;
/// let bomb = b"ttcf\x00\x01\x00\x00\xff\xff\xff\xff";
/// assert!(check_font(bomb).unwrap_err().contains("4294967295 faces"));
/// assert!(check_font(roadmapper::text::regular()).is_ok());
/// ```
pub fn check_font(bytes: &[u8]) -> Result<(), String> {
    let file = FileRef::new(bytes).map_err(|e| e.to_string())?;
    if let FileRef::Collection(collection) = &file {
        // `numFonts`, after the tag and the version; the collection's own
        // count is the offsets that fit in the file.
        let claimed = bytes
            .get(8..12)
            .and_then(|b| b.try_into().ok())
            .map_or(0, u32::from_be_bytes);
        if claimed != collection.len() {
            return Err(format!(
                "its header claims {claimed} faces, but the {}-byte file has room for {}",
                bytes.len(),
                collection.len()
            ));
        }
        if claimed == 0 || claimed > MAX_FACES {
            return Err(format!(
                "a collection of {claimed} faces; at least 1 and at most {MAX_FACES} are read"
            ));
        }
    }
    for face in file.fonts() {
        let face = face.map_err(|_| "a face does not parse".to_string())?;
        let names = face
            .name()
            .map(|n| {
                n.name_record()
                    .iter()
                    .filter(|r| matches!(r.name_id().to_u16(), 1 | 16))
                    .map(|r| usize::from(r.length()))
                    .sum::<usize>()
            })
            .unwrap_or(0);
        if names > MAX_FAMILY_NAME_BYTES {
            return Err(format!(
                "a face lists {names} bytes of family names, more than {MAX_FAMILY_NAME_BYTES}"
            ));
        }
    }
    Ok(())
}

/// The machine's font files (`.ttf`, `.otf`, `.ttc`, `.otc`, any case), in
/// the folders fontdb's `load_system_fonts` scans, in path order, each once
/// (symbolic links followed, loops cut).
pub fn system_font_files() -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for dir in system_font_dirs() {
        walk(&dir, &mut seen, &mut found);
    }
    found.sort();
    found.dedup();
    found
}

/// The folders fontdb's `load_system_fonts` reads (without fontconfig).
fn system_font_dirs() -> Vec<PathBuf> {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let mut dirs: Vec<PathBuf> = Vec::new();
    if cfg!(target_os = "windows") {
        let root = std::env::var_os("SYSTEMROOT")
            .map_or_else(|| PathBuf::from("C:\\Windows"), PathBuf::from);
        dirs.push(root.join("Fonts"));
        if let Some(profile) = std::env::var_os("USERPROFILE").map(PathBuf::from) {
            dirs.push(profile.join("AppData\\Local\\Microsoft\\Windows\\Fonts"));
            dirs.push(profile.join("AppData\\Roaming\\Microsoft\\Windows\\Fonts"));
        }
    } else if cfg!(any(target_os = "macos", target_os = "ios")) {
        for d in [
            "/Library/Fonts",
            "/System/Library/Fonts",
            "/Network/Library/Fonts",
        ] {
            dirs.push(d.into());
        }
        if let Ok(assets) = std::fs::read_dir("/System/Library/AssetsV2") {
            dirs.extend(
                assets
                    .flatten()
                    .filter(|e| {
                        e.file_name()
                            .to_string_lossy()
                            .starts_with("com_apple_MobileAsset_Font")
                    })
                    .map(|e| e.path()),
            );
        }
        dirs.extend(home.map(|h| h.join("Library/Fonts")));
    } else {
        dirs.push("/usr/share/fonts/".into());
        dirs.push("/usr/local/share/fonts/".into());
        if let Some(h) = home {
            dirs.push(h.join(".fonts"));
            dirs.push(h.join(".local/share/fonts"));
        }
    }
    dirs
}

/// Adds the font files under `dir` to `found`; `seen` holds the folders
/// already walked (canonical paths), so a link loop ends.
fn walk(dir: &Path, seen: &mut std::collections::HashSet<PathBuf>, found: &mut Vec<PathBuf>) {
    let Ok(canonical) = std::fs::canonicalize(dir) else {
        return;
    };
    if !seen.insert(canonical) {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            walk(&path, seen, found);
        } else if meta.is_file() && is_font_name(&path) {
            found.push(std::fs::canonicalize(&path).unwrap_or(path));
        }
    }
}

fn is_font_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["ttf", "otf", "ttc", "otc"].contains(&e.to_ascii_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_collection_claiming_more_faces_than_it_holds_is_refused() {
        let mut bomb = b"ttcf\x00\x01\x00\x00\xff\xff\xff\xff".to_vec();
        assert!(check_font(&bomb).is_err());
        // Room for the offsets, none of them pointing at a face.
        bomb[8..12].copy_from_slice(&2u32.to_be_bytes());
        bomb.extend([0; 8]);
        assert_eq!(check_font(&bomb).unwrap_err(), "a face does not parse");
        let mut many = b"ttcf\x00\x01\x00\x00".to_vec();
        many.extend((MAX_FACES + 1).to_be_bytes());
        many.extend(vec![0; 4 * (MAX_FACES as usize + 1)]);
        assert!(check_font(&many).unwrap_err().contains("at most 1024"));
    }

    #[test]
    fn a_device_is_not_read() {
        if Path::new("/dev/zero").exists() {
            let e = read_font(Path::new("/dev/zero"), 1 << 20).unwrap_err();
            assert!(e.to_string().contains("device"), "{e}");
        }
    }
}
