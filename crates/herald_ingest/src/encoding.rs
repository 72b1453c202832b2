//! Character encodings: from the bytes an outlet sends to UTF-8, recording what was used and
//! why.
//!
//! The order follows XML's own rules (Appendix F) and what browsers do, with one correction for
//! a mistake servers make all the time:
//!
//! 1. a byte order mark (UTF-8, UTF-16, UTF-32) wins;
//! 2. then the HTTP `charset` parameter;
//! 3. then UTF-16/UTF-32 recognised from how `<?xml` or `{` is laid out in the first bytes;
//! 4. then the `encoding` of the XML declaration;
//! 5. then, with no label at all, UTF-8 if the bytes are valid UTF-8, else a guess by
//!    `chardetng` (helped by the top-level domain of the feed's address: `.vn` leans to
//!    windows-1258, `.ir` to windows-1256).
//!
//! A label naming a legacy single- or multi-byte encoding is overruled when the bytes contain
//! non-ASCII text and are valid UTF-8: a Windows-1252 or KOI8-R text that happens to be valid
//! UTF-8 is vanishingly rare, while servers that say `iso-8859-1` over UTF-8 are everywhere.
//!
//! Windows-1258 (Vietnamese) writes tone marks as combining characters after the letter; the
//! text is brought to NFC later, with everything else, by `herald_domain::text::normalize`.

use std::fmt;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::Encoding;

/// Which encoding a document was read in, and how that was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedEncoding {
    /// The encoding's canonical name (`UTF-8`, `windows-1258`, `KOI8-R`, `UTF-16LE`…), as in
    /// the WHATWG Encoding Standard, plus `UTF-32LE`/`UTF-32BE`, which it lacks.
    pub name: &'static str,
    /// What decided it.
    pub decided_by: EncodingSource,
}

/// How the encoding of a document was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EncodingSource {
    /// A byte order mark at the start.
    ByteOrderMark,
    /// The `charset` parameter of the HTTP `Content-Type`.
    HttpCharset,
    /// The layout of the first bytes (`<\0?\0` is UTF-16LE) when there is no byte order mark.
    ByteLayout,
    /// The `encoding` of the XML declaration.
    XmlDeclaration,
    /// No usable label, and the bytes are valid UTF-8 (also when a legacy label was
    /// overruled because the bytes are UTF-8; the feed's problems say so).
    ValidUtf8,
    /// No usable label and not UTF-8: guessed from the bytes by `chardetng`.
    Detected,
}

impl EncodingSource {
    /// A short English phrase for logs and the source's health page.
    #[must_use]
    pub const fn describe(self) -> &'static str {
        match self {
            Self::ByteOrderMark => "byte order mark",
            Self::HttpCharset => "HTTP charset",
            Self::ByteLayout => "byte layout",
            Self::XmlDeclaration => "XML declaration",
            Self::ValidUtf8 => "valid UTF-8",
            Self::Detected => "detected",
        }
    }
}

impl fmt::Display for FeedEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.name, self.decided_by.describe())
    }
}

/// The result of decoding: UTF-8 text, the encoding used, and what was odd about it.
#[derive(Debug)]
pub(crate) struct Decoded {
    pub(crate) text: String,
    pub(crate) encoding: FeedEncoding,
    pub(crate) problems: Vec<String>,
}

/// A UTF-32 byte order, which `encoding_rs` does not cover (no browser needs it; XML does).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Utf32 {
    Le,
    Be,
}

/// What to decode with.
#[derive(Debug, Clone, Copy)]
enum Codec {
    Whatwg(&'static Encoding),
    Utf32(Utf32),
}

impl Codec {
    fn name(self) -> &'static str {
        match self {
            Self::Whatwg(e) => e.name(),
            Self::Utf32(Utf32::Le) => "UTF-32LE",
            Self::Utf32(Utf32::Be) => "UTF-32BE",
        }
    }

    /// Whether ASCII bytes mean ASCII in it (so a declaration can be read in it).
    fn is_ascii_compatible(self) -> bool {
        match self {
            Self::Whatwg(e) => e.is_ascii_compatible(),
            Self::Utf32(_) => false,
        }
    }
}

/// Finds the codec for an encoding label (`utf-8`, `Windows-1258`, `ucs-4`, `latin1`…).
fn codec_for_label(label: &str) -> Option<Codec> {
    let label = label.trim().trim_matches(['"', '\'']).trim();
    match label.to_ascii_lowercase().as_str() {
        "utf-32" | "utf32" | "ucs-4" | "iso-10646-ucs-4" | "utf-32le" => {
            return Some(Codec::Utf32(Utf32::Le));
        }
        "utf-32be" => return Some(Codec::Utf32(Utf32::Be)),
        _ => {}
    }
    Encoding::for_label(label.as_bytes()).map(Codec::Whatwg)
}

/// The `charset` parameter of a `Content-Type` value, tolerating spaces around `=` and quotes.
pub(crate) fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']).trim())
            .filter(|v| !v.is_empty())
    })
}

/// Decodes a document to UTF-8. `tld` is the top-level domain of where it came from, if known,
/// to help detection.
pub(crate) fn decode(bytes: &[u8], content_type: Option<&str>, tld: Option<&str>) -> Decoded {
    let mut problems = Vec::new();
    let (codec, decided_by, skip) = choose(bytes, content_type, tld, &mut problems);
    let body = &bytes[skip..];
    let text = match codec {
        Codec::Whatwg(encoding) => {
            let (text, had_errors) = encoding.decode_without_bom_handling(body);
            if had_errors {
                problems.push(format!(
                    "some bytes are not valid {}; they were replaced with U+FFFD",
                    encoding.name()
                ));
            }
            text.into_owned()
        }
        Codec::Utf32(order) => decode_utf32(body, order, &mut problems),
    };
    Decoded {
        text,
        encoding: FeedEncoding {
            name: codec.name(),
            decided_by,
        },
        problems,
    }
}

/// Chooses the codec; returns it, why, and how many leading bytes (a BOM) to skip.
fn choose(
    bytes: &[u8],
    content_type: Option<&str>,
    tld: Option<&str>,
    problems: &mut Vec<String>,
) -> (Codec, EncodingSource, usize) {
    // 1. Byte order mark. UTF-32LE's BOM starts like UTF-16LE's, so it is checked first.
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
        return (Codec::Utf32(Utf32::Le), EncodingSource::ByteOrderMark, 4);
    }
    if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return (Codec::Utf32(Utf32::Be), EncodingSource::ByteOrderMark, 4);
    }
    if let Some((encoding, len)) = Encoding::for_bom(bytes) {
        return (Codec::Whatwg(encoding), EncodingSource::ByteOrderMark, len);
    }

    // 2. HTTP charset.
    if let Some(label) = content_type.and_then(charset_param) {
        match codec_for_label(label) {
            Some(codec) if !codec.is_ascii_compatible() && !bytes.contains(&0) => {
                problems.push(format!(
                    "the HTTP charset says '{label}', but the bytes are not {}",
                    codec.name()
                ));
            }
            Some(codec) => {
                return (
                    overrule_if_utf8(codec, label, "HTTP charset", bytes, problems),
                    if is_utf8_overruling(codec, bytes) {
                        EncodingSource::ValidUtf8
                    } else {
                        EncodingSource::HttpCharset
                    },
                    0,
                );
            }
            None => problems.push(format!("unknown HTTP charset '{label}' was ignored")),
        }
    }

    // 3. UTF-16/UTF-32 without a BOM, recognised from the first character's layout.
    if let Some(codec) = sniff_wide(bytes) {
        return (codec, EncodingSource::ByteLayout, 0);
    }

    // 4. XML declaration.
    if let Some(label) = xml_declared_encoding(bytes) {
        match codec_for_label(&label) {
            Some(codec) if !codec.is_ascii_compatible() => {
                // The bytes are 8-bit (or the layout check would have caught them), so a
                // UTF-16/32 label cannot be true; browsers read such documents as UTF-8.
                problems.push(format!(
                    "the XML declaration says '{label}', but the bytes are not {}",
                    codec.name()
                ));
            }
            Some(codec) => {
                return (
                    overrule_if_utf8(codec, &label, "XML declaration", bytes, problems),
                    if is_utf8_overruling(codec, bytes) {
                        EncodingSource::ValidUtf8
                    } else {
                        EncodingSource::XmlDeclaration
                    },
                    0,
                );
            }
            None => problems.push(format!("unknown XML encoding '{label}' was ignored")),
        }
    }

    // 5. No label: UTF-8 if it is, else guess.
    if std::str::from_utf8(bytes).is_ok() {
        return (
            Codec::Whatwg(encoding_rs::UTF_8),
            EncodingSource::ValidUtf8,
            0,
        );
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let tld = tld.filter(|t| {
        !t.is_empty()
            && t.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    });
    let mut guess = detector.guess(tld.map(str::as_bytes), Utf8Detection::Deny);
    // KOI8-U differs from KOI8-R only in eight letters of Ukrainian and Belarusian; without
    // those bytes the text is KOI8-R, the far more common label.
    if guess == encoding_rs::KOI8_U
        && !bytes
            .iter()
            .any(|b| matches!(b, 0xA4 | 0xA6 | 0xA7 | 0xAD | 0xB4 | 0xB6 | 0xB7 | 0xBD))
    {
        guess = encoding_rs::KOI8_R;
    }
    (Codec::Whatwg(guess), EncodingSource::Detected, 0)
}

/// Whether a legacy label is to be overruled because the bytes are non-ASCII valid UTF-8.
fn is_utf8_overruling(codec: Codec, bytes: &[u8]) -> bool {
    match codec {
        Codec::Whatwg(e) => {
            e != encoding_rs::UTF_8
                && e.is_ascii_compatible()
                && !bytes.is_ascii()
                && std::str::from_utf8(bytes).is_ok()
        }
        Codec::Utf32(_) => false,
    }
}

fn overrule_if_utf8(
    codec: Codec,
    label: &str,
    origin: &str,
    bytes: &[u8],
    problems: &mut Vec<String>,
) -> Codec {
    if is_utf8_overruling(codec, bytes) {
        problems.push(format!(
            "the {origin} says '{label}', but the bytes are valid UTF-8; read as UTF-8"
        ));
        Codec::Whatwg(encoding_rs::UTF_8)
    } else {
        codec
    }
}

/// UTF-16 or UTF-32 without a BOM, from the layout of a leading `<` or `{` (XML Appendix F).
fn sniff_wide(bytes: &[u8]) -> Option<Codec> {
    let first = |b: u8| b == b'<' || b == b'{';
    match bytes {
        [0, 0, 0, c, ..] if first(*c) => Some(Codec::Utf32(Utf32::Be)),
        [c, 0, 0, 0, ..] if first(*c) => Some(Codec::Utf32(Utf32::Le)),
        [0, c, 0, d, ..] if first(*c) && *d != 0 => Some(Codec::Whatwg(encoding_rs::UTF_16BE)),
        [c, 0, d, 0, ..] if first(*c) && *d != 0 => Some(Codec::Whatwg(encoding_rs::UTF_16LE)),
        _ => None,
    }
}

/// The `encoding` pseudo-attribute of an XML declaration read as ASCII, if there is one.
fn xml_declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(1024)];
    let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
    let head = &head[start..];
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = String::from_utf8_lossy(&head[5..end]);
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    let value = &value[..value.find(quote)?];
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

fn decode_utf32(bytes: &[u8], order: Utf32, problems: &mut Vec<String>) -> String {
    let mut bad = 0usize;
    let chunks = bytes.chunks_exact(4);
    let tail = chunks.remainder().len();
    let mut out = String::with_capacity(bytes.len() / 4);
    for chunk in chunks {
        let quad = [chunk[0], chunk[1], chunk[2], chunk[3]];
        let value = match order {
            Utf32::Le => u32::from_le_bytes(quad),
            Utf32::Be => u32::from_be_bytes(quad),
        };
        out.push(char::from_u32(value).unwrap_or_else(|| {
            bad += 1;
            char::REPLACEMENT_CHARACTER
        }));
    }
    if tail > 0 {
        bad += 1;
        out.push(char::REPLACEMENT_CHARACTER);
    }
    if bad > 0 {
        problems.push(format!(
            "{bad} code units are not valid UTF-32; they were replaced with U+FFFD"
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decided(bytes: &[u8], content_type: Option<&str>) -> (String, &'static str, EncodingSource) {
        let d = decode(bytes, content_type, None);
        (d.text, d.encoding.name, d.encoding.decided_by)
    }

    #[test]
    fn reads_the_charset_parameter_with_spaces_and_quotes() {
        assert_eq!(charset_param("text/xml; charset=UTF-8"), Some("UTF-8"));
        assert_eq!(
            charset_param("text/xml;charset = us-ascii"),
            Some("us-ascii")
        );
        assert_eq!(
            charset_param("text/xml; charset=\"koi8-r\""),
            Some("koi8-r")
        );
        assert_eq!(charset_param("text/xml;"), None);
        assert_eq!(charset_param("text/xml; qs=0.9"), None);
    }

    #[test]
    fn a_byte_order_mark_wins_over_every_label() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(b"<?xml version='1.0' encoding='iso-8859-1'?><rss/>");
        let (text, name, by) = decided(&bytes, Some("text/xml; charset=koi8-r"));
        assert_eq!((name, by), ("UTF-8", EncodingSource::ByteOrderMark));
        assert!(text.starts_with("<?xml"));
    }

    #[test]
    fn the_http_charset_wins_over_the_xml_declaration() {
        let bytes = b"<?xml version='1.0' encoding='iso-8859-1'?><rss/>";
        let (_, name, by) = decided(bytes, Some("application/xml; charset=koi8-r"));
        assert_eq!((name, by), ("KOI8-R", EncodingSource::HttpCharset));
    }

    #[test]
    fn the_xml_declaration_decides_windows_1258_and_tone_marks_survive() {
        // "Việt" in windows-1258: V i (ê = 0xEA) (combining dot below = 0xF2) t
        let bytes = b"<?xml version='1.0' encoding='windows-1258'?><t>Vi\xEA\xF2t</t>";
        let d = decode(bytes, None, None);
        assert_eq!(d.encoding.name, "windows-1258");
        assert_eq!(d.encoding.decided_by, EncodingSource::XmlDeclaration);
        assert_eq!(
            herald_domain::text::normalize(&d.text),
            "<?xml version='1.0' encoding='windows-1258'?><t>Việt</t>"
        );
    }

    #[test]
    fn a_legacy_label_over_utf8_bytes_is_overruled() {
        let bytes = "<?xml version='1.0' encoding='iso-8859-1'?><t>Tiếng Việt</t>".as_bytes();
        let d = decode(bytes, None, None);
        assert_eq!(d.encoding.name, "UTF-8");
        assert_eq!(d.encoding.decided_by, EncodingSource::ValidUtf8);
        assert!(d.text.contains("Tiếng Việt"));
        assert_eq!(d.problems.len(), 1);
    }

    #[test]
    fn utf16_and_utf32_without_bom_are_recognised_by_layout() {
        let text = "<rss>خبر</rss>";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let (decoded, name, by) = decided(&le, None);
        assert_eq!(
            (decoded.as_str(), name, by),
            (text, "UTF-16LE", EncodingSource::ByteLayout)
        );
        let be32: Vec<u8> = text
            .chars()
            .flat_map(|c| u32::from(c).to_be_bytes())
            .collect();
        let (decoded, name, _) = decided(&be32, None);
        assert_eq!((decoded.as_str(), name), (text, "UTF-32BE"));
    }

    #[test]
    fn unlabelled_legacy_bytes_are_detected() {
        // Persian in windows-1256, long enough for a confident guess.
        let (bytes, _, _) = encoding_rs::WINDOWS_1256
            .encode("<p>خبرگزاری رسمی کشور امروز گزارش داد که نشست سالانه در تهران برگزار شد</p>");
        let d = decode(&bytes, None, None);
        assert_eq!(d.encoding.decided_by, EncodingSource::Detected);
        assert_eq!(d.encoding.name, "windows-1256");
    }

    #[test]
    fn a_utf16_label_on_8_bit_bytes_is_not_believed() {
        let d = decode(b"<?xml version='1.0' encoding='utf-16'?><rss/>", None, None);
        assert_eq!(d.encoding.name, "UTF-8");
        assert_eq!(d.problems.len(), 1);
    }

    #[test]
    fn broken_utf32_is_replaced_not_panicked_on() {
        let mut problems = Vec::new();
        let text = decode_utf32(
            &[0xFF, 0xFF, 0xFF, 0xFF, 0x41, 0, 0],
            Utf32::Le,
            &mut problems,
        );
        assert_eq!(text, "\u{FFFD}\u{FFFD}");
        assert_eq!(problems.len(), 1);
    }
}
