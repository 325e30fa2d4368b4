//! UTF-8 as the Encoding Standard has it, for `TextEncoder`, `TextDecoder` and console
//! output. Plain Rust, tested natively.

use std::borrow::Cow;

/// The UTF-8 QuickJS makes of a string, with every lone surrogate (which it encodes as
/// `ED A0..BF xx`, as WTF-8 does) replaced, in place, by U+FFFD (`EF BF BD`, as long).
pub fn replace_lone_surrogates(bytes: &mut [u8]) {
    let mut i = 0;
    while i + 2 < bytes.len() {
        // 0xED is always a lead byte; 0xA0.. after it only encodes U+D800..U+DFFF.
        if bytes[i] == 0xed && bytes[i + 1] >= 0xa0 {
            bytes[i..i + 3].copy_from_slice("\u{fffd}".as_bytes());
            i += 3;
        } else {
            i += 1;
        }
    }
}

/// The bytes were not UTF-8 and the decoder is `fatal`.
#[derive(Debug, PartialEq)]
pub struct Malformed;

/// Decodes `bytes`: each maximal ill-formed subpart becomes one U+FFFD (or, if `fatal`, an
/// error). With `stream`, an incomplete sequence at the end is left for the next call: the
/// second value is how many bytes were decoded.
pub fn decode(bytes: &[u8], fatal: bool, stream: bool) -> Result<(Cow<'_, str>, usize), Malformed> {
    let mut text = String::new();
    let mut rest = bytes;
    loop {
        let error = match std::str::from_utf8(rest) {
            Ok(valid) if text.is_empty() => return Ok((Cow::Borrowed(valid), bytes.len())),
            Ok(valid) => {
                text.push_str(valid);
                return Ok((Cow::Owned(text), bytes.len()));
            }
            Err(error) => error,
        };
        let (valid, after) = rest.split_at(error.valid_up_to());
        // Checked by `from_utf8` just now.
        text.push_str(unsafe { std::str::from_utf8_unchecked(valid) });
        match error.error_len() {
            // An incomplete sequence at the end: the rest may come with the next call.
            None if stream => return Ok((Cow::Owned(text), bytes.len() - after.len())),
            _ if fatal => return Err(Malformed),
            Some(len) => rest = &after[len..],
            None => rest = &[],
        }
        text.push('\u{fffd}');
    }
}

/// For `encodeInto`: how much of `utf8` fits in `room` bytes without splitting a character,
/// as (UTF-16 code units read, bytes written).
pub fn fit(utf8: &[u8], room: usize) -> (usize, usize) {
    let (mut read, mut written) = (0, 0);
    while let Some(&lead) = utf8.get(written) {
        let len = match lead {
            ..0x80 => 1,
            ..0xe0 => 2,
            ..0xf0 => 3,
            _ => 4,
        };
        if written + len > room {
            break;
        }
        written += len;
        read += if len == 4 { 2 } else { 1 };
    }
    (read, written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lossy(bytes: &[u8]) -> String {
        decode(bytes, false, false).unwrap().0.into_owned()
    }

    #[test]
    fn replaces_maximal_subparts() {
        // The Encoding Standard's examples (and Unicode's table 3-8).
        assert_eq!(lossy(b"a\xffb"), "a\u{fffd}b");
        assert_eq!(lossy(b"\xf0\x9f\x98"), "\u{fffd}");
        assert_eq!(lossy(b"\xe0\x80\x80"), "\u{fffd}\u{fffd}\u{fffd}");
        assert_eq!(lossy(b"\xed\xa0\x80"), "\u{fffd}\u{fffd}\u{fffd}");
        assert_eq!(lossy(b"\xf1\x80\x80\x41"), "\u{fffd}A");
        assert_eq!(lossy(b"\xc0\xaf"), "\u{fffd}\u{fffd}");
        assert_eq!(lossy("h\u{e9}\u{1f600}".as_bytes()), "h\u{e9}\u{1f600}");
    }

    #[test]
    fn fatal_rejects() {
        assert_eq!(decode(b"a\xff", true, false), Err(Malformed));
        assert_eq!(decode(b"\xe2\x82", true, false), Err(Malformed));
        assert_eq!(decode(b"ok", true, false).unwrap().0, "ok");
    }

    #[test]
    fn streams_incomplete_sequences() {
        // "€" is E2 82 AC.
        assert_eq!(decode(b"a\xe2\x82", false, true).unwrap(), (Cow::Borrowed("a"), 1));
        assert_eq!(decode(b"a\xe2\x82", true, true).unwrap(), (Cow::Borrowed("a"), 1));
        assert_eq!(decode(b"\xe2\x82\xac", false, true).unwrap().0, "\u{20ac}");
        // Not a prefix of any character: replaced at once.
        assert_eq!(decode(b"a\xe2\x41", false, true).unwrap().0, "a\u{fffd}A");
        assert_eq!(decode(b"a\xe2\x82", false, false).unwrap().0, "a\u{fffd}");
    }

    #[test]
    fn surrogates() {
        let mut wtf8 = b"a\xed\xa0\x80b\xed\xbf\xbf".to_vec();
        replace_lone_surrogates(&mut wtf8);
        assert_eq!(std::str::from_utf8(&wtf8).unwrap(), "a\u{fffd}b\u{fffd}");
        let mut valid = "\u{d7ff}\u{e000}\u{1f600}".as_bytes().to_vec();
        replace_lone_surrogates(&mut valid);
        assert_eq!(std::str::from_utf8(&valid).unwrap(), "\u{d7ff}\u{e000}\u{1f600}");
    }

    #[test]
    fn fits_whole_characters() {
        let s = "a\u{e9}\u{20ac}\u{1f600}".as_bytes();
        assert_eq!(fit(s, 100), (5, 10));
        assert_eq!(fit(s, 9), (3, 6));
        assert_eq!(fit(s, 2), (1, 1));
        assert_eq!(fit(s, 0), (0, 0));
    }
}
