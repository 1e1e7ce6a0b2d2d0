//! Text is drawn as wide as it is measured: every character of the
//! embedded font, through usvg's shaping, takes the advance `text::width`
//! gives it.

use resvg::usvg;
use roadmapper::export::png::usvg_options;
use roadmapper::text::{self, Weight};
use skrifa::MetadataProvider;

/// The drawn width of each of `labels` at 100 px (usvg's text bounding
/// box: the sum of the shaped advances).
fn drawn_widths(labels: &[String], weight: Weight) -> Vec<f32> {
    let mut svg = String::from(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" font-family="'Noto Sans'">"#,
    );
    for l in labels {
        let escaped = l
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        svg.push_str(&format!(
            r#"<text x="0" y="100" font-size="100" font-weight="{}" xml:space="preserve">{escaped}</text>"#,
            weight.css()
        ));
    }
    svg.push_str("</svg>");
    let tree = usvg::Tree::from_str(&svg, &usvg_options()).unwrap_or_else(|e| panic!("{e}"));
    let widths: Vec<f32> = tree
        .root()
        .children()
        .iter()
        .map(|n| match n {
            usvg::Node::Text(t) => t.bounding_box().width(),
            other => panic!("expected text, got {other:?}"),
        })
        .collect();
    assert_eq!(widths.len(), labels.len());
    widths
}

/// Every character of the embedded Noto Sans that is not a combining mark
/// is drawn with the advance it is measured with. The font as shipped
/// classes the backtick and 78 other spacing characters as marks, which a
/// shaper draws with no advance: ``Use `grep` here`` came out as
/// "Use g̀rep ȟere".
#[test]
fn every_spacing_character_is_drawn_as_wide_as_it_is_measured() {
    for (weight, bytes) in [
        (Weight::Regular, text::regular()),
        (Weight::Bold, text::bold()),
    ] {
        let font = skrifa::FontRef::new(bytes).unwrap();
        let chars: Vec<char> = font
            .charmap()
            .mappings()
            .filter_map(|(c, _)| char::from_u32(c))
            .filter(|&c| {
                // Controls, spaces and invisible format characters (the
                // soft hyphen) draw nothing; measuring them wider is safe.
                !c.is_control()
                    && !c.is_whitespace()
                    && !matches!(c, '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{206F}' | '\u{FEFF}')
                    && !unicode_normalization::char::is_combining_mark(c)
            })
            .collect();
        assert!(chars.len() > 2000, "{}", chars.len());
        // Between two letters: a zero-width glyph would still make a box
        // as wide as "xx".
        let labels: Vec<String> = chars.iter().map(|c| format!("x{c}x")).collect();
        let drawn = drawn_widths(&labels, weight);
        let mut wrong = Vec::new();
        for ((label, &c), drawn) in labels.iter().zip(&chars).zip(drawn) {
            let measured = text::width(label, 100.0, weight);
            // Kerning may tighten a pair by a few pixels (at 100 px), and
            // widens only the horned Vietnamese letters (ơ ư and their
            // accented forms), by at most 2.5 px; a lost advance is tens
            // of pixels.
            if measured - drawn > 8.0 || drawn - measured > 3.0 {
                wrong.push(format!(
                    "U+{:04X} {c}: measured {measured:.1}, drawn {drawn:.1}",
                    c as u32
                ));
            }
        }
        assert!(
            wrong.is_empty(),
            "{weight:?}: {} characters:\n{}",
            wrong.len(),
            wrong.join("\n")
        );
    }
}

#[test]
fn a_backtick_label_is_drawn_with_its_backticks() {
    let label = "Use `grep` here".to_string();
    let plain = "Use grep here".to_string();
    let drawn = drawn_widths(&[label.clone(), plain], Weight::Bold);
    let tick = text::width("`", 100.0, Weight::Bold);
    assert!(tick > 20.0, "{tick}");
    assert!(
        (drawn[0] - drawn[1] - 2.0 * tick).abs() < 1.0,
        "two backticks add {} px, not {}",
        drawn[0] - drawn[1],
        2.0 * tick
    );
    assert!((drawn[0] - text::width(&label, 100.0, Weight::Bold)).abs() < 4.0);
}

mod cli {
    use std::path::Path;
    use std::process::Output;

    use assert_cmd::Command;

    const SCRIPTS: &str = "tests/fixtures/scripts/scripts.txt";

    fn run(args: &[&str]) -> Output {
        crate::bin::run_at_root(args)
    }

    fn stderr(out: &Output) -> String {
        String::from_utf8_lossy(&out.stderr).into_owned()
    }

    /// Without --font, labels the embedded font cannot draw give one
    /// warning: how many, the first, and the fix.
    #[test]
    fn labels_without_glyphs_are_named_once() {
        let dir = tempfile::tempdir().unwrap();
        let png = dir.path().join("s.png");
        let out = run(&["render", SCRIPTS, "-o", png.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        let err = stderr(&out);
        assert_eq!(err.matches("no font has").count(), 1, "{err}");
        assert!(
            err.contains("warning: 14 labels have characters no font has, drawn as empty boxes; the first: `多语言学习路线图` (U+591A 多)"),
            "{err}"
        );
        assert!(
            err.contains("--font FILE") && err.contains("--system-fonts"),
            "{err}"
        );
        // ASCII-only and Latin-with-accents roadmaps say nothing.
        let out = run(&["render", "roadmap/backend.txt", "-o", png.to_str().unwrap()]);
        assert!(!stderr(&out).contains("no font has"), "{}", stderr(&out));
    }

    /// A label's control characters do not reach the terminal in the
    /// warning.
    #[test]
    fn the_warning_escapes_the_label() {
        let dir = tempfile::tempdir().unwrap();
        let outline = dir.path().join("o.txt");
        std::fs::write(&outline, "Root\n  日本\u{1b}]0;pwned\u{7}\n").unwrap();
        let svg = dir.path().join("o.svg");
        let out = run(&[
            "render",
            outline.to_str().unwrap(),
            "-o",
            svg.to_str().unwrap(),
        ]);
        let err = stderr(&out);
        assert!(err.contains("no font has"), "{err}");
        assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    }

    #[test]
    fn a_font_that_cannot_be_read_is_an_error_naming_it() {
        let out = run(&[
            "render",
            SCRIPTS,
            "-o",
            "-",
            "-f",
            "svg",
            "--font",
            "no/such/font.ttf",
        ]);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(&out).contains("no/such/font.ttf"),
            "{}",
            stderr(&out)
        );
        assert!(out.stdout.is_empty());
    }

    #[test]
    fn a_file_that_is_not_a_font_is_a_usage_error_naming_it() {
        let out = run(&["render", SCRIPTS, "-f", "svg", "--font", "README.md"]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("--font README.md: not a font file"), "{err}");
        assert!(
            err.contains("help: give a TrueType or OpenType font"),
            "{err}"
        );
    }

    /// A Noto Sans file would never be used (the embedded faces draw that
    /// family): an error, not silence.
    #[test]
    fn a_noto_sans_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let font = dir.path().join("NotoSans-Regular.ttf");
        std::fs::write(&font, roadmapper::text::regular()).unwrap();
        let out = run(&[
            "render",
            SCRIPTS,
            "-f",
            "svg",
            "--font",
            font.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("this is Noto Sans, which roadmapper embeds"),
            "{}",
            stderr(&out)
        );
    }

    /// A collection header claiming more faces than the file holds is
    /// refused before the font database reserves room for them all.
    #[test]
    fn a_collection_claiming_billions_of_faces_is_not_a_font() {
        let dir = tempfile::tempdir().unwrap();
        let font = dir.path().join("bomb.ttc");
        std::fs::write(&font, b"ttcf\x00\x01\x00\x00\xff\xff\xff\xff").unwrap();
        let font = font.to_str().unwrap();
        let out = run(&["render", SCRIPTS, "-f", "svg", "-o", "-", "--font", font]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains(&format!(
                "--font {font}: not a font file (its header claims 4294967295 faces"
            )),
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }

    /// A font obeys --max-input-size as other inputs do, and a device is
    /// refused without being read (under a memory cap, should that break).
    #[test]
    fn fonts_obey_the_input_limit() {
        let dir = tempfile::tempdir().unwrap();
        let font = dir.path().join("big.ttf");
        std::fs::write(&font, vec![0u8; 4096]).unwrap();
        let out = run(&[
            "render",
            SCRIPTS,
            "-f",
            "svg",
            "-o",
            "-",
            "--max-input-size",
            "1K",
            "--font",
            font.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("is larger than the input limit of 1 KiB"),
            "{}",
            stderr(&out)
        );
        if Path::new("/dev/zero").exists() {
            let bin = assert_cmd::cargo::cargo_bin("roadmapper");
            let out = std::process::Command::new("sh")
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .arg("-c")
                .arg(format!(
                    "ulimit -v 2000000; exec '{}' render {SCRIPTS} -f svg -o - --font /dev/zero",
                    bin.display()
                ))
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
            assert!(
                stderr(&out).contains("/dev/zero`: is a device"),
                "{}",
                stderr(&out)
            );
        }
    }

    /// A bad file among the machine's fonts (found through HOME's
    /// `.fonts`, a folder fontdb scans) is skipped with one warning
    /// naming it; the render goes on.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_bad_system_font_is_skipped_with_a_warning() {
        let home = tempfile::tempdir().unwrap();
        let fonts = home.path().join(".fonts");
        std::fs::create_dir(&fonts).unwrap();
        // 100,000 faces claimed: fontdb would try each in turn.
        std::fs::write(
            fonts.join("bomb.ttc"),
            b"ttcf\x00\x01\x00\x00\x00\x01\x86\xa0",
        )
        .unwrap();
        let out = Command::cargo_bin("roadmapper")
            .unwrap()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("HOME", home.path())
            .args(["render", SCRIPTS, "-f", "svg", "-o", "-", "--system-fonts"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let err = stderr(&out);
        assert_eq!(err.matches("skipped a system font").count(), 1, "{err}");
        assert!(
            err.contains("bomb.ttc` is not a font file (its header claims 100000 faces"),
            "{err}"
        );
    }

    #[test]
    fn fonts_on_plain_dot_are_not_ignored_in_silence() {
        // A usage error (flags that do not go together), as every flag
        // that cannot apply (tests/suite/flags_matrix.rs).
        let out = run(&["render", SCRIPTS, "--system-fonts"]);
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(
            err.contains("`--system-fonts` has nothing to do with the default format, DOT"),
            "{err}"
        );
        assert!(
            err.contains("help: drop --system-fonts, add --positions"),
            "{err}"
        );
    }
}
