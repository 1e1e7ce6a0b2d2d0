//! Links to learn from: what a topic's notes point at, and which URLs are
//! safe to write into an SVG, a Markdown checklist or a terminal.
//!
//! Links come from a Markdown outline (a heading's or an item's own link)
//! and from notes files ([`crate::notes`]). Only absolute `http`, `https`
//! and `mailto` URLs are kept: a `javascript:` or `data:` link would run
//! code when a poster is clicked, and a relative link points nowhere once
//! the poster is saved elsewhere.

use serde::{Deserialize, Serialize};

/// A resource to learn a topic from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// The link's text, markup removed.
    pub title: String,
    /// An absolute `http`, `https` or `mailto` URL.
    pub url: String,
    /// What kind of resource it is, when the notes say (`[@video@Title](url)`).
    pub kind: Option<LinkKind>,
}

/// The kinds of resource roadmap.sh distinguishes, written `@kind@` before
/// a link's title in a notes file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    /// An article or a tutorial.
    Article,
    /// A video.
    Video,
    /// Official documentation or a specification.
    Official,
    /// A course.
    Course,
    /// A book.
    Book,
    /// An open-source project.
    Opensource,
    /// A podcast.
    Podcast,
    /// A feed (a blog, a newsletter).
    Feed,
    /// Another roadmap.
    Roadmap,
}

impl LinkKind {
    /// Every kind, in the order the README lists them.
    pub const ALL: [LinkKind; 9] = [
        LinkKind::Article,
        LinkKind::Video,
        LinkKind::Official,
        LinkKind::Course,
        LinkKind::Book,
        LinkKind::Opensource,
        LinkKind::Podcast,
        LinkKind::Feed,
        LinkKind::Roadmap,
    ];

    /// The kind's name as written in a notes file: `video`.
    pub fn name(self) -> &'static str {
        match self {
            LinkKind::Article => "article",
            LinkKind::Video => "video",
            LinkKind::Official => "official",
            LinkKind::Course => "course",
            LinkKind::Book => "book",
            LinkKind::Opensource => "opensource",
            LinkKind::Podcast => "podcast",
            LinkKind::Feed => "feed",
            LinkKind::Roadmap => "roadmap",
        }
    }

    /// The kind named `name` (case-insensitive), if any.
    pub fn from_name(name: &str) -> Option<LinkKind> {
        LinkKind::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(name.trim()))
    }
}

/// Splits roadmap.sh's `@kind@Title` into the kind's name and the title;
/// a title without the prefix has no kind.
///
/// ```
/// use roadmapper::link::split_kind;
/// assert_eq!(split_kind("@video@HTTP in 100 seconds"), (Some("video"), "HTTP in 100 seconds"));
/// assert_eq!(split_kind("MDN: HTTP"), (None, "MDN: HTTP"));
/// ```
pub fn split_kind(title: &str) -> (Option<&str>, &str) {
    let t = title.trim_start();
    if let Some(rest) = t.strip_prefix('@')
        && let Some(at) = rest.find('@')
    {
        let name = &rest[..at];
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()) {
            return (Some(name), rest[at + 1..].trim_start());
        }
    }
    (None, title)
}

/// A Markdown link's URL as written for [`check_url`]: an email autolink
/// (`<me@example.org>`), whose destination has no scheme, is a `mailto:`
/// link. (Crate-private: pulldown-cmark's types stay out of the API.)
pub(crate) fn markdown_url(link_type: pulldown_cmark::LinkType, destination: &str) -> String {
    match link_type {
        pulldown_cmark::LinkType::Email => format!("mailto:{destination}"),
        _ => destination.to_string(),
    }
}

/// Whether a URL may be written into an output as a link: an absolute
/// `http`, `https` or `mailto` URL. The inputs keep no other, and the
/// exporters check again, so a library user's own topics cannot smuggle
/// a `javascript:` link into a poster either.
pub fn is_safe(url: &str) -> bool {
    matches!(check_url(url), UrlCheck::Keep(kept) if kept == url)
}

/// The URL with every byte that could end it or be read as markup where
/// an output writes it percent-encoded: spaces, brackets, parentheses,
/// backslashes and quotes (they end or escape a Markdown link
/// destination); `"`, `<` and `>` (Graphviz copies a DOT `URL` into its
/// SVG unescaped, so they would end the attribute and open elements) and
/// `\` (Graphviz's `\N` escapes); every byte outside printable ASCII.
/// `%` stays, so an encoded URL is left as it is.
///
/// ```
/// use roadmapper::link::percent_encoded;
/// assert_eq!(percent_encoded("https://en.wikipedia.org/wiki/Go_(language)"), "https://en.wikipedia.org/wiki/Go_%28language%29");
/// assert_eq!(percent_encoded("https://a.example/x y<z>\\\"é"), "https://a.example/x%20y%3Cz%3E%5C%22%C3%A9");
/// assert_eq!(percent_encoded("https://a.example/%20?a=1&b=2"), "https://a.example/%20?a=1&b=2");
/// ```
pub fn percent_encoded(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        if b.is_ascii_graphic() && !b" <>()[]\\\"'`".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// What to do with a URL found in an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlCheck {
    /// An absolute `http`, `https` or `mailto` URL: kept (trimmed).
    Keep(String),
    /// No scheme (`README-de.md`, `#install`): relative to a file we do not
    /// ship, so dropped without a word.
    Relative,
    /// Another scheme (`javascript`, `data`, `file`, ...): dropped with a
    /// warning naming it.
    Scheme(String),
    /// An `http`, `https` or `mailto` URL holding a control character
    /// (DEL, a line feed, an escape): dropped with a warning naming it.
    Control(char),
}

/// Sorts a URL into kept, relative or refused.
///
/// ```
/// use roadmapper::link::{check_url, UrlCheck};
/// assert_eq!(check_url(" https://www.rfc-editor.org/rfc/rfc9110 "), UrlCheck::Keep("https://www.rfc-editor.org/rfc/rfc9110".into()));
/// assert_eq!(check_url("translations/README-de.md"), UrlCheck::Relative);
/// assert_eq!(check_url("JavaScript:alert(1)"), UrlCheck::Scheme("javascript".into()));
/// assert_eq!(check_url("https://x.example/\u{7f}"), UrlCheck::Control('\u{7f}'));
/// ```
pub fn check_url(url: &str) -> UrlCheck {
    let url = url.trim();
    // RFC 3986: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then ':'.
    let scheme_end = url
        .char_indices()
        .find(|&(i, c)| {
            !(c.is_ascii_alphabetic() || (i > 0 && (c.is_ascii_digit() || "+-.".contains(c))))
        })
        .map_or(url.len(), |(i, _)| i);
    if scheme_end == 0 || !url[scheme_end..].starts_with(':') {
        // Anything but a clean scheme before the first ':' (`java script:`,
        // `\tjavascript:`) is no scheme a browser would run either, but
        // it is no http link: drop it with a warning all the same.
        return match url.find(':') {
            Some(at) if !url[..at].contains(['/', '?', '#']) => {
                UrlCheck::Scheme(url[..at].to_ascii_lowercase())
            }
            _ => UrlCheck::Relative,
        };
    }
    let scheme = url[..scheme_end].to_ascii_lowercase();
    if !matches!(scheme.as_str(), "http" | "https" | "mailto") {
        return UrlCheck::Scheme(scheme);
    }
    match url.chars().find(|c| c.is_control()) {
        Some(c) => UrlCheck::Control(c),
        None => UrlCheck::Keep(url.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_links_are_kept() {
        for ok in [
            "http://a.example",
            "HTTPS://A.example/x?y#z",
            "mailto:me@example.org",
        ] {
            assert!(matches!(check_url(ok), UrlCheck::Keep(_)), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:text/html,<script>",
            "file:///etc/passwd",
            "vbscript:x",
            "java script:alert(1)",
        ] {
            assert!(matches!(check_url(bad), UrlCheck::Scheme(_)), "{bad}");
        }
        for (bad, c) in [
            ("https://a.example/\u{7}", '\u{7}'),
            ("https://a.example/\u{7f}x", '\u{7f}'),
            ("mailto:me\u{85}@example.org", '\u{85}'),
        ] {
            assert_eq!(check_url(bad), UrlCheck::Control(c), "{bad:?}");
        }
        for relative in ["README.md", "#top", "../x/y.md", "/abs/path", "?q=1"] {
            assert_eq!(check_url(relative), UrlCheck::Relative, "{relative}");
        }
    }

    #[test]
    fn an_email_autolink_is_a_mailto_link() {
        use pulldown_cmark::LinkType;
        assert_eq!(
            markdown_url(LinkType::Email, "me@example.org"),
            "mailto:me@example.org"
        );
        assert_eq!(
            markdown_url(LinkType::Inline, "me@example.org"),
            "me@example.org"
        );
    }

    #[test]
    fn kinds_round_trip() {
        for k in LinkKind::ALL {
            assert_eq!(LinkKind::from_name(k.name()), Some(k));
        }
        assert_eq!(LinkKind::from_name("Video"), Some(LinkKind::Video));
        assert_eq!(LinkKind::from_name("tweet"), None);
        assert_eq!(split_kind("@@x"), (None, "@@x"));
    }
}
