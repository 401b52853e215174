//! Encode: a redacted event written as compact JSON straight into its output buffer.
//!
//! The bytes are those of simd-json's own writer (`Writable::write`; a test holds them to
//! it), members in the object's order. A string's bytes are checked for escapes eight at a
//! time, rather than one by one through a table (simd-json's writer for strings shorter than
//! 32 bytes: every key, SID, status and timestamp): 1.2–1.5× faster on the bench's messaging
//! events (`serialize/*` in `benches/engine.rs`; benches/README.md, session 37), with about
//! as many instructions but far fewer branches. Scalars go through simd-json's writer.

use simd_json::prelude::Writable;
use simd_json::BorrowedValue;

use crate::redact::load_le;

/// Append `v` as compact JSON to `out`.
pub fn write_value(v: &BorrowedValue<'_>, out: &mut Vec<u8>) {
    match v {
        BorrowedValue::String(s) => write_string(s, out),
        BorrowedValue::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_value(item, out);
            }
            out.push(b']');
        }
        BorrowedValue::Object(members) => {
            out.push(b'{');
            for (i, (k, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_string(k, out);
                out.push(b':');
                write_value(item, out);
            }
            out.push(b'}');
        }
        // (writing to a `Vec` cannot fail)
        BorrowedValue::Static(_) => {
            let _ = v.write(out);
        }
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` that JSON escapes in a string: a control byte (below
/// 0x20), `"` or `\`. Exact for every byte: with each byte's high bit set before the
/// subtractions, none borrows from its neighbour.
#[inline(always)]
fn to_escape(x: u64) -> u64 {
    let set = x | HIGH;
    // (the high bit stays set in a byte whose low seven bits are at least 0x20)
    let control = !set.wrapping_sub(ONES * 0x20);
    let eq = |c: u8| {
        let d = (x ^ (ONES * u64::from(c))) | HIGH;
        // (the high bit stays set unless the byte was zero, that is, equal to `c`)
        !d.wrapping_sub(ONES)
    };
    (control | eq(b'"') | eq(b'\\')) & !x & HIGH
}

/// Where the first byte of `b` to escape is, if any: eight bytes at a time, the last eight
/// read again from the end rather than copied out.
#[inline(always)]
fn first_to_escape(b: &[u8]) -> Option<usize> {
    let n = b.len();
    if n < 8 {
        // (the zeros filling the word are no bytes of the string)
        let m = to_escape(load_le(b)) & ((1u64 << (8 * n)) - 1);
        return (m != 0).then(|| (m.trailing_zeros() / 8) as usize);
    }
    let word = |at: usize| {
        let w: [u8; 8] = b[at..at + 8].try_into().unwrap_or([b' '; 8]);
        u64::from_le_bytes(w)
    };
    let mut i = 0;
    while i + 8 < n {
        let m = to_escape(word(i));
        if m != 0 {
            return Some(i + (m.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    let m = to_escape(word(n - 8));
    (m != 0).then(|| n - 8 + (m.trailing_zeros() / 8) as usize)
}

/// Append `s` as a JSON string, quoted and escaped as simd-json's writer escapes it.
#[inline]
fn write_string(s: &str, out: &mut Vec<u8>) {
    let b = s.as_bytes();
    out.reserve(b.len() + 2);
    out.push(b'"');
    match first_to_escape(b) {
        None => out.extend_from_slice(b),
        Some(at) => write_escaped(b, at, out),
    }
    out.push(b'"');
}

/// The rest of [`write_string`] once a byte to escape is found at `at`: out of line, as most
/// strings have none.
#[cold]
#[inline(never)]
fn write_escaped(b: &[u8], mut at: usize, out: &mut Vec<u8>) {
    let mut from = 0;
    loop {
        out.extend_from_slice(&b[from..at]);
        escape(b[at], out);
        from = at + 1;
        match first_to_escape(&b[from..]) {
            Some(next) => at = from + next,
            None => break,
        }
    }
    out.extend_from_slice(&b[from..]);
}

/// One escaped byte, as simd-json's writer spells it (`\n`, `\u001f`).
fn escape(c: u8, out: &mut Vec<u8>) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = match c {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x09 => b't',
        0x0a => b'n',
        0x0c => b'f',
        0x0d => b'r',
        _ => {
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(c >> 4)],
                HEX[usize::from(c & 15)],
            ]);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use simd_json::prelude::{ValueObjectAccess, ValueObjectAccessAsScalar};
    use std::borrow::Cow;

    fn ours(v: &BorrowedValue<'_>) -> String {
        let mut out = Vec::new();
        write_value(v, &mut out);
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn every_byte_to_escape_is_found_and_no_other() {
        for c in 0..=255u8 {
            let want = c < 0x20 || c == b'"' || c == b'\\';
            for at in 0..8 {
                let mut w = [b'a'; 8];
                w[at] = c;
                let x = u64::from_le_bytes(w);
                let got = to_escape(x);
                assert_eq!(got != 0, want, "byte {c:#04x} at {at}");
                if want {
                    assert_eq!(got.trailing_zeros() / 8, at as u32, "{c:#04x} at {at}");
                }
                // (whatever the byte next to it is)
                let y = x | (0xffu64 << (8 * ((at + 1) % 8)));
                assert_eq!(to_escape(y) & (0xff << (8 * at)) != 0, want, "{c:#04x}");
            }
        }
        // and at every place of strings of every length up to 40
        for n in 0..40 {
            for at in 0..n {
                let mut s = vec![b'x'; n];
                s[at] = b'"';
                assert_eq!(first_to_escape(&s), Some(at), "{n} {at}");
                s[at] = 0xc3;
                assert_eq!(first_to_escape(&s), None, "{n} {at}");
            }
        }
    }

    /// A small xorshift: the same values on every run.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    fn string(r: &mut Rng) -> String {
        const PIECES: &[&str] = &[
            "a",
            "Z",
            " ",
            "\"",
            "\\",
            "\n",
            "\r",
            "\t",
            "\u{8}",
            "\u{c}",
            "\u{0}",
            "\u{1f}",
            "\u{7f}",
            "é",
            "’",
            "😀",
            "/",
            "{",
            "x y",
            "+12025550147",
        ];
        let n = r.below(40) as usize;
        (0..n)
            .map(|_| PIECES[r.below(PIECES.len() as u64) as usize])
            .collect()
    }

    fn value(r: &mut Rng, depth: u32) -> BorrowedValue<'static> {
        match r.below(if depth > 3 { 6 } else { 8 }) {
            0 => BorrowedValue::from(()),
            1 => BorrowedValue::from(r.below(2) == 0),
            2 => BorrowedValue::from(r.next() as i64),
            3 => BorrowedValue::from(r.next()),
            4 => BorrowedValue::from((r.next() as i64) as f64 / 1e6),
            5 => BorrowedValue::from(string(r)),
            6 => BorrowedValue::from(
                (0..r.below(5))
                    .map(|_| value(r, depth + 1))
                    .collect::<Vec<_>>(),
            ),
            _ => {
                let mut o = simd_json::borrowed::Object::default();
                for _ in 0..r.below(40) {
                    o.insert(Cow::Owned(string(r)), value(r, depth + 1));
                }
                BorrowedValue::from(o)
            }
        }
    }

    #[test]
    fn writes_what_simd_json_writes() {
        let mut r = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..3000 {
            let v = value(&mut r, 0);
            assert_eq!(ours(&v), v.encode());
        }
    }

    #[test]
    fn an_event_read_back_is_the_event() {
        let text = r#"{"type":"com.twilio.messaging.message.delivered","data":{"body":"a \"b\"\n\\c\u0001 é 😀","n":[1,-2,3.5,true,null,{}],"e":[]}}"#;
        let mut bytes = text.as_bytes().to_vec();
        let v = simd_json::to_borrowed_value(&mut bytes).expect("JSON");
        let out = ours(&v);
        assert_eq!(out, text);
        let mut again = out.into_bytes();
        let back = simd_json::to_borrowed_value(&mut again).expect("JSON");
        assert_eq!(back, v);
        assert_eq!(
            back.get("data").and_then(|d| d.get_str("body")),
            Some("a \"b\"\n\\c\u{1} é 😀")
        );
    }
}
