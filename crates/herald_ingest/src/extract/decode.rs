//! A page's bytes to text, the way a browser decides, through the feed decoder's machinery
//! ([`crate::encoding`]): a byte order mark, then the HTTP `charset`, then the page's own
//! `<meta charset>` or `http-equiv` declaration (found by a prescan of its first bytes, as
//! browsers do), then UTF-8 if the bytes are valid UTF-8, else a guess helped by the
//! top-level domain. A legacy label over bytes that are valid UTF-8 is overruled, as for feeds.
//!
//! Windows-1258 writes Vietnamese tones as combining marks; they are composed (NFC) here so
//! that the extractor's text is what readers see and what the rest of Herald compares.

use unicode_normalization::UnicodeNormalization;

use crate::encoding::{self, FeedEncoding, charset_param};

/// How far into the page the `<meta>` prescan looks. Browsers stop at 1024 bytes; pages that
/// declare their charset after a long head of scripts are common enough to look further.
const PRESCAN_BYTES: usize = 8192;

/// A decoded page.
#[derive(Debug)]
pub(crate) struct DecodedPage {
    pub(crate) text: String,
    pub(crate) encoding: FeedEncoding,
}

/// Decodes a page. `tld` is the top-level domain of its address, to help detection.
pub(crate) fn decode_page(
    bytes: &[u8],
    content_type: Option<&str>,
    tld: Option<&str>,
) -> DecodedPage {
    let declared;
    let content_type = match content_type.filter(|ct| charset_param(ct).is_some()) {
        Some(ct) => Some(ct),
        None => match meta_charset(bytes) {
            Some(label) => {
                declared = format!("text/html; charset={label}");
                Some(declared.as_str())
            }
            None => None,
        },
    };
    let decoded = encoding::decode(bytes, content_type, tld);
    let text = if decoded.encoding.name == "windows-1258" {
        decoded.text.nfc().collect()
    } else {
        decoded.text
    };
    DecodedPage {
        text,
        encoding: decoded.encoding,
    }
}

/// The charset a page declares in a `<meta charset>` or `<meta http-equiv="Content-Type"
/// content="…; charset=…">` within its first bytes. Comments are skipped.
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let mut at = 0;
    while let Some(offset) = head[at..].iter().position(|&b| b == b'<') {
        let start = at + offset;
        let rest = &head[start..];
        if rest.starts_with(b"<!--") {
            at = rest
                .windows(3)
                .position(|w| w == b"-->")
                .map_or(head.len(), |e| start + e + 3);
            continue;
        }
        let end = rest
            .iter()
            .position(|&b| b == b'>')
            .map_or(head.len(), |e| start + e);
        at = end.max(start + 1);
        if !(rest.len() > 5
            && rest[1..5].eq_ignore_ascii_case(b"meta")
            && matches!(rest[5], b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' | b'/'))
        {
            continue;
        }
        let tag = String::from_utf8_lossy(&head[start..end]).to_ascii_lowercase();
        let Some(found) = tag.find("charset") else {
            continue;
        };
        let value = tag[found + "charset".len()..].trim_start();
        let Some(value) = value.strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start().trim_start_matches(['"', '\'']);
        let label: String = value
            .chars()
            .take_while(|c| !matches!(c, '"' | '\'' | ';' | '>' | '/') && !c.is_whitespace())
            .collect();
        if !label.is_empty() {
            return Some(label);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::EncodingSource;

    #[test]
    fn a_meta_charset_decides_when_http_says_nothing() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252
            .encode("<html><head><meta charset=\"windows-1252\"></head><p>Größe café</p>");
        let page = decode_page(&bytes, Some("text/html"), None);
        assert_eq!(page.encoding.name, "windows-1252");
        assert_eq!(page.encoding.decided_by, EncodingSource::HttpCharset);
        assert!(page.text.contains("Größe café"));
    }

    #[test]
    fn an_http_equiv_declaration_is_read_and_comments_are_skipped() {
        let html = "<!-- <meta charset=koi8-r> --><META HTTP-EQUIV='Content-Type' \
                    CONTENT='text/html; charset=windows-1256'><p>خبر</p>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(html);
        let page = decode_page(&bytes, None, None);
        assert_eq!(page.encoding.name, "windows-1256");
        assert!(page.text.contains("خبر"));
    }

    #[test]
    fn the_http_charset_wins_over_the_meta_declaration() {
        let html = "<meta charset=windows-1252><p>Привет</p>";
        let (bytes, _, _) = encoding_rs::KOI8_R.encode(html);
        let page = decode_page(&bytes, Some("text/html; charset=koi8-r"), None);
        assert_eq!(page.encoding.name, "KOI8-R");
        assert!(page.text.contains("Привет"));
    }

    #[test]
    fn a_byte_order_mark_wins_over_everything() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("<meta charset=koi8-r><p>Tiếng Việt</p>".as_bytes());
        let page = decode_page(&bytes, Some("text/html; charset=windows-1252"), None);
        assert_eq!(page.encoding.decided_by, EncodingSource::ByteOrderMark);
        assert!(page.text.contains("Tiếng Việt"));
    }

    #[test]
    fn a_latin1_label_over_utf8_bytes_is_overruled() {
        let bytes = "<meta charset=iso-8859-1><p>Tiếng Việt</p>".as_bytes();
        let page = decode_page(bytes, None, None);
        assert_eq!(page.encoding.name, "UTF-8");
        assert!(page.text.contains("Tiếng Việt"));
    }

    #[test]
    fn windows_1258_tones_are_composed() {
        // "Việt" with ê = 0xEA and a combining dot below = 0xF2.
        let bytes = b"<meta charset=windows-1258><p>Vi\xEA\xF2t</p>";
        let page = decode_page(bytes, None, None);
        assert!(page.text.contains("Vi\u{1EC7}t"), "{}", page.text);
    }

    #[test]
    fn unlabelled_legacy_pages_are_detected_with_the_domain_as_a_hint() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256
            .encode("<p>خبرگزاری رسمی کشور امروز گزارش داد که نشست سالانه در تهران برگزار شد</p>");
        let page = decode_page(&bytes, None, Some("ir"));
        assert_eq!(page.encoding.name, "windows-1256");
        assert_eq!(page.encoding.decided_by, EncodingSource::Detected);
    }
}
