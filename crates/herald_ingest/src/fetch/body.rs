//! Reading a response body with bounded time and memory.
//!
//! reqwest's own decompression is off: it would hand over decoded bytes with no way to stop a
//! gzip bomb (a megabyte that inflates to a gigabyte) before it is in memory. Here the raw
//! chunks are counted, fed to an incremental decoder whose output goes into a sink that
//! refuses to grow past the limit, and each chunk must arrive within the idle timeout and the
//! request's deadline.

use std::io::{self, Write};
use std::time::Duration;

use flate2::write::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};
use reqwest::header::{self, HeaderMap};
use tokio::time::Instant;
use url::Url;

use super::error::{FetchError, TimeoutKind};

/// How a body is encoded (`Content-Encoding`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Coding {
    Identity,
    Gzip,
    /// HTTP's "deflate": meant to be zlib-wrapped, often sent raw; told apart by the first
    /// bytes.
    Deflate,
}

/// The body's coding from `Content-Encoding`; codings Herald never asked for are an error.
pub(crate) fn coding(headers: &HeaderMap) -> Result<Coding, FetchError> {
    let mut found = Coding::Identity;
    for value in headers.get_all(header::CONTENT_ENCODING) {
        let value = value
            .to_str()
            .map_err(|_| FetchError::Decode("an unreadable Content-Encoding".into()))?;
        for token in value.split(',').map(str::trim).filter(|t| !t.is_empty()) {
            let next = match token.to_ascii_lowercase().as_str() {
                "identity" => continue,
                "gzip" | "x-gzip" => Coding::Gzip,
                "deflate" => Coding::Deflate,
                other => {
                    return Err(FetchError::Decode(format!(
                        "the content encoding '{other}' was not asked for"
                    )));
                }
            };
            if found != Coding::Identity {
                return Err(FetchError::Decode(
                    "more than one content encoding was applied".into(),
                ));
            }
            found = next;
        }
    }
    Ok(found)
}

/// What the limit does when reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Overflow {
    /// Fail with [`FetchError::TooLarge`] (pages and feeds).
    Refuse,
    /// Keep what fits and stop reading (robots.txt: RFC 9309 lets a crawler ignore the rest).
    Truncate,
}

/// A growing buffer that refuses to pass its limit.
struct Sink {
    buf: Vec<u8>,
    limit: usize,
    full: bool,
    overflow: Overflow,
}

impl Write for Sink {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let room = self.limit.saturating_sub(self.buf.len());
        if data.len() > room {
            if self.overflow == Overflow::Truncate {
                self.buf.extend_from_slice(&data[..room]);
            }
            self.full = true;
            return Err(io::Error::other("the body limit was reached"));
        }
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// An incremental decoder writing into a [`Sink`].
enum Decoder {
    Identity(Sink),
    Gzip(MultiGzDecoder<Sink>),
    Zlib(ZlibDecoder<Sink>),
    Raw(DeflateDecoder<Sink>),
    /// "deflate" before the first two bytes tell zlib from raw.
    DeflateUndecided(Sink, Vec<u8>),
}

/// Whether two bytes are a zlib header (RFC 1950: method 8, window ≤ 32K, check bits).
fn is_zlib_header(first: u8, second: u8) -> bool {
    first & 0x0F == 8 && first >> 4 <= 7 && (u16::from(first) << 8 | u16::from(second)) % 31 == 0
}

impl Decoder {
    fn new(coding: Coding, sink: Sink) -> Self {
        match coding {
            Coding::Identity => Self::Identity(sink),
            Coding::Gzip => Self::Gzip(MultiGzDecoder::new(sink)),
            Coding::Deflate => Self::DeflateUndecided(sink, Vec::new()),
        }
    }

    fn sink(&self) -> &Sink {
        match self {
            Self::Identity(s) | Self::DeflateUndecided(s, _) => s,
            Self::Gzip(d) => d.get_ref(),
            Self::Zlib(d) => d.get_ref(),
            Self::Raw(d) => d.get_ref(),
        }
    }

    fn write(&mut self, data: &[u8]) -> io::Result<()> {
        match self {
            Self::Identity(s) => s.write_all(data),
            Self::Gzip(d) => d.write_all(data),
            Self::Zlib(d) => d.write_all(data),
            Self::Raw(d) => d.write_all(data),
            Self::DeflateUndecided(_, head) => {
                head.extend_from_slice(data);
                if head.len() < 2 {
                    return Ok(());
                }
                let head = std::mem::take(head);
                let Self::DeflateUndecided(sink, _) = std::mem::replace(
                    self,
                    Self::Identity(Sink {
                        buf: Vec::new(),
                        limit: 0,
                        full: false,
                        overflow: Overflow::Refuse,
                    }),
                ) else {
                    return Ok(());
                };
                *self = if is_zlib_header(head[0], head[1]) {
                    Self::Zlib(ZlibDecoder::new(sink))
                } else {
                    Self::Raw(DeflateDecoder::new(sink))
                };
                self.write(&head)
            }
        }
    }

    fn finish(self) -> io::Result<Sink> {
        match self {
            Self::Identity(s) => Ok(s),
            Self::Gzip(d) => d.finish(),
            Self::Zlib(d) => d.finish(),
            Self::Raw(d) => d.finish(),
            Self::DeflateUndecided(mut sink, head) => {
                // Fewer than two bytes: nothing that inflates to anything.
                if head.is_empty() {
                    Ok(sink)
                } else {
                    let mut d = DeflateDecoder::new(Vec::new());
                    d.write_all(&head)?;
                    let out = d.finish()?;
                    sink.write_all(&out)?;
                    Ok(sink)
                }
            }
        }
    }
}

/// How to read one body.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BodyLimits {
    pub(crate) max_bytes: u64,
    pub(crate) overflow: Overflow,
    pub(crate) idle: Duration,
    pub(crate) deadline: Instant,
}

/// Why the next chunk could not be waited for longer: the idle limit or the deadline.
pub(crate) fn wait_for(idle: Duration, deadline: Instant) -> (Duration, TimeoutKind) {
    let remaining = deadline.saturating_duration_since(Instant::now());
    if idle < remaining {
        (idle, TimeoutKind::Idle)
    } else {
        (remaining, TimeoutKind::Total)
    }
}

/// Reads and decodes the body of `response`.
pub(crate) async fn read(
    response: &mut reqwest::Response,
    coding: Coding,
    url: &Url,
    limits: BodyLimits,
) -> Result<Vec<u8>, FetchError> {
    let limit = usize::try_from(limits.max_bytes).unwrap_or(usize::MAX);
    let too_large = || FetchError::TooLarge {
        limit: limits.max_bytes,
    };
    let mut decoder = Decoder::new(
        coding,
        Sink {
            buf: Vec::new(),
            limit,
            full: false,
            overflow: limits.overflow,
        },
    );
    let mut raw: u64 = 0;
    loop {
        let (wait, kind) = wait_for(limits.idle, limits.deadline);
        let chunk = match tokio::time::timeout(wait, response.chunk()).await {
            Err(_) => {
                return Err(FetchError::Timeout {
                    url: url.clone(),
                    what: kind,
                });
            }
            Ok(Err(e)) => return Err(super::network_error(url, &e)),
            Ok(Ok(None)) => break,
            Ok(Ok(Some(chunk))) => chunk,
        };
        raw = raw.saturating_add(chunk.len() as u64);
        let mut data: &[u8] = &chunk;
        let raw_over = raw > limits.max_bytes;
        if raw_over {
            if limits.overflow == Overflow::Refuse {
                return Err(too_large());
            }
            let excess = usize::try_from(raw - limits.max_bytes).unwrap_or(usize::MAX);
            data = &data[..data.len().saturating_sub(excess)];
        }
        if let Err(e) = decoder.write(data) {
            return if decoder.sink().full {
                match limits.overflow {
                    Overflow::Refuse => Err(too_large()),
                    // What fits was kept; a half-decoded tail is not worth finishing.
                    Overflow::Truncate => Ok(take(decoder)),
                }
            } else {
                Err(FetchError::Decode(e.to_string()))
            };
        }
        if raw_over {
            // Truncating: the raw limit is reached, the decoded prefix is what we keep.
            return Ok(take(decoder));
        }
    }
    match decoder.finish() {
        Ok(sink) => Ok(sink.buf),
        Err(_) if limits.overflow == Overflow::Truncate => Ok(Vec::new()),
        Err(e) => Err(FetchError::Decode(e.to_string())),
    }
}

/// The decoded bytes so far, without finishing the stream.
fn take(decoder: Decoder) -> Vec<u8> {
    match decoder {
        Decoder::Identity(s) | Decoder::DeflateUndecided(s, _) => s.buf,
        Decoder::Gzip(d) => d.get_ref().buf.clone(),
        Decoder::Zlib(d) => d.get_ref().buf.clone(),
        Decoder::Raw(d) => d.get_ref().buf.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn content_encodings_are_read_and_unknown_ones_refused() {
        let mut h = HeaderMap::new();
        assert_eq!(coding(&h).ok(), Some(Coding::Identity));
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static("GZIP"));
        assert_eq!(coding(&h).ok(), Some(Coding::Gzip));
        h.insert(
            header::CONTENT_ENCODING,
            HeaderValue::from_static("identity, deflate"),
        );
        assert_eq!(coding(&h).ok(), Some(Coding::Deflate));
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
        assert!(matches!(coding(&h), Err(FetchError::Decode(_))));
        h.insert(
            header::CONTENT_ENCODING,
            HeaderValue::from_static("gzip, gzip"),
        );
        assert!(matches!(coding(&h), Err(FetchError::Decode(_))));
    }

    #[test]
    fn zlib_headers_are_told_from_raw_deflate() {
        assert!(is_zlib_header(0x78, 0x9C));
        assert!(is_zlib_header(0x78, 0x01));
        assert!(is_zlib_header(0x78, 0xDA));
        assert!(!is_zlib_header(0xED, 0xBD));
        assert!(!is_zlib_header(0x4B, 0x4C));
    }

    #[test]
    fn the_sink_stops_at_its_limit_while_inflating() {
        let zeros = vec![0u8; 1 << 20];
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&zeros).expect("compress");
        let gz = enc.finish().expect("compress");
        let mut d = Decoder::new(
            Coding::Gzip,
            Sink {
                buf: Vec::new(),
                limit: 1000,
                full: false,
                overflow: Overflow::Refuse,
            },
        );
        assert!(d.write(&gz).is_err());
        assert!(d.sink().full);
        assert!(d.sink().buf.capacity() < 100_000);
    }
}
