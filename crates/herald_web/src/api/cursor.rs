//! The opaque cursor of an article list: the position of the last article of a page (its
//! publication time and id, what the store's keyset pagination reads from) and a check over
//! that position and the list's own filters, in 32 URL-safe characters.
//!
//! The check is not a secret: a reader could forge a cursor, and would only get a position in
//! the list, which `since`/`until` give anyway. It exists so that a cursor that was cut,
//! mistyped or used with other filters (another language, another category) is refused with a
//! clear `invalid_cursor`, rather than quietly starting a different list in the middle.

use herald_domain::{ArticleId, Timestamp};
use herald_store::ListPosition;

use super::fnv1a;

/// Bytes of a cursor: the time in microseconds, the id, the check, each 8 bytes big-endian.
const LEN: usize = 24;

/// The URL-safe base64 alphabet (RFC 4648 §5), written without padding.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The cursor for the list `list` (its filters, as [`super::articles`] spells them) after
/// `position`.
pub(crate) fn encode(position: ListPosition, list: &str) -> String {
    let micros = position.published_at.as_microsecond();
    let id = position.id.get();
    let mut bytes = [0_u8; LEN];
    bytes[..8].copy_from_slice(&micros.to_be_bytes());
    bytes[8..16].copy_from_slice(&id.to_be_bytes());
    bytes[16..].copy_from_slice(&check(micros, id, list).to_be_bytes());
    base64url(&bytes)
}

/// The position a cursor of the list `list` stands for; `None` for anything else.
pub(crate) fn decode(cursor: &str, list: &str) -> Option<ListPosition> {
    let bytes = from_base64url(cursor)?;
    let bytes: [u8; LEN] = bytes.try_into().ok()?;
    let number =
        |range: std::ops::Range<usize>| -> Option<[u8; 8]> { bytes[range].try_into().ok() };
    let micros = i64::from_be_bytes(number(0..8)?);
    let id = i64::from_be_bytes(number(8..16)?);
    let sum = u64::from_be_bytes(number(16..24)?);
    if sum != check(micros, id, list) || id <= 0 {
        return None;
    }
    Some(ListPosition {
        published_at: Timestamp::from_microsecond(micros).ok()?,
        id: ArticleId::new(id),
    })
}

/// The cursor of a page of search results `list` (the query and its filters) that starts at
/// `offset`. Search results have no stable position to start from (a result's rank depends
/// on the whole index), so the cursor carries the offset, checked like a list's.
pub(crate) fn encode_offset(offset: u64, list: &str) -> String {
    let offset = i64::try_from(offset).unwrap_or(i64::MAX);
    let mut bytes = [0_u8; LEN];
    bytes[..8].copy_from_slice(&offset.to_be_bytes());
    bytes[16..].copy_from_slice(&check(offset, 0, list).to_be_bytes());
    base64url(&bytes)
}

/// The offset a search cursor of `list` stands for; `None` for anything else.
pub(crate) fn decode_offset(cursor: &str, list: &str) -> Option<u64> {
    let bytes: [u8; LEN] = from_base64url(cursor)?.try_into().ok()?;
    let number =
        |range: std::ops::Range<usize>| -> Option<[u8; 8]> { bytes[range].try_into().ok() };
    let offset = i64::from_be_bytes(number(0..8)?);
    let id = i64::from_be_bytes(number(8..16)?);
    let sum = u64::from_be_bytes(number(16..24)?);
    (id == 0 && sum == check(offset, 0, list))
        .then(|| u64::try_from(offset).ok())
        .flatten()
}

fn check(micros: i64, id: i64, list: &str) -> u64 {
    let text = format!("herald-cursor-v1 {micros} {id} {list}");
    fnv1a(text.as_bytes())
}

fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0_u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        let symbols = chunk.len() + 1;
        for i in 0..symbols {
            let index = (n >> (18 - 6 * i)) & 0x3f;
            out.push(char::from(ALPHABET[index as usize]));
        }
    }
    out
}

fn from_base64url(text: &str) -> Option<Vec<u8>> {
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for chunk in text.as_bytes().chunks(4) {
        let mut n = 0_u32;
        for (i, symbol) in chunk.iter().enumerate() {
            let value = ALPHABET.iter().position(|a| a == symbol)?;
            n |= u32::try_from(value).ok()? << (18 - 6 * i);
        }
        let [_, a, b, c] = n.to_be_bytes();
        out.extend_from_slice(&[a, b, c][..chunk.len() - 1]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn position(micros: i64, id: i64) -> ListPosition {
        ListPosition {
            published_at: Timestamp::from_microsecond(micros).unwrap(),
            id: ArticleId::new(id),
        }
    }

    #[test]
    fn cursors_come_back_as_the_position_for_the_same_list_only() {
        let at = position(1_795_000_000_123_456, 42);
        let cursor = encode(at, "lang=vi");
        assert_eq!(cursor.len(), 32);
        assert!(
            cursor
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
        assert_eq!(decode(&cursor, "lang=vi"), Some(at));
        assert_eq!(decode(&cursor, "lang=fa"), None);
        let mut altered = cursor.clone().into_bytes();
        altered[5] = if altered[5] == b'A' { b'B' } else { b'A' };
        assert_eq!(
            decode(&String::from_utf8(altered).unwrap(), "lang=vi"),
            None
        );
        for bad in ["", "x", "!!!!", &cursor[..31], &format!("{cursor}A"), "ثبت"] {
            assert_eq!(decode(bad, "lang=vi"), None, "{bad}");
        }
    }

    #[test]
    fn search_cursors_carry_an_offset_for_their_own_search_only() {
        let cursor = encode_offset(40, "vi q=hoi");
        assert_eq!(decode_offset(&cursor, "vi q=hoi"), Some(40));
        assert_eq!(decode_offset(&cursor, "vi q=hoi nghi"), None);
        assert_eq!(decode(&cursor, "vi q=hoi"), None, "not a list's cursor");
        let list = encode(position(1_000, 7), "vi");
        assert_eq!(decode_offset(&list, "vi"), None, "not a search's cursor");
    }

    #[test]
    fn base64url_round_trips_every_length() {
        for len in 0..10 {
            let bytes: Vec<u8> = (0..len)
                .map(|i| u8::try_from(i * 37 % 256).unwrap())
                .collect();
            assert_eq!(from_base64url(&base64url(&bytes)).unwrap(), bytes);
        }
        assert_eq!(base64url(b"\xfb\xff"), "-_8");
    }
}
