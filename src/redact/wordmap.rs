//! Word → flags for the tokenizer's one lookup per word. Open addressing with words of up to
//! 16 bytes stored inline in the slot: a lookup touches one cache line and never follows a
//! pointer to compare keys (a `HashMap<Box<str>, u32>` of the ~300k dictionary words costs a
//! control-byte miss, a bucket miss and a string miss per cold lookup). Longer words, which
//! are rare, live in an ordinary map.

use rustc_hash::FxHashMap;

const INLINE: usize = 16;

#[derive(Clone, Copy, Default)]
struct Slot {
    key: [u64; 2],
    /// Byte length; 0 marks an empty slot (the empty word is never stored).
    len: u32,
    flags: u32,
}

/// An immutable word → flags table.
pub(super) struct WordMap {
    slots: Vec<Slot>,
    mask: usize,
    long: FxHashMap<Box<str>, u32>,
    len: usize,
}

impl std::fmt::Debug for WordMap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "WordMap {{ words: {} }}", self.len)
    }
}

/// Put byte `c` of a word at position `at` (< 16) into its key: the layout of every key,
/// for [`pack`] and for the tokenizer, which packs while it scans.
#[inline(always)]
pub(super) fn put_key_byte(k: &mut [u64; 2], at: usize, c: u8) {
    k[at / 8] |= u64::from(c) << ((at % 8) * 8);
}

/// The key of the first `n` (≤ 16) bytes of a word whose key holds at least that many.
#[inline]
pub(super) fn key_prefix(k: [u64; 2], n: usize) -> [u64; 2] {
    let mask = |bytes: usize| match bytes {
        0 => 0,
        8.. => u64::MAX,
        b => (1u64 << (b * 8)) - 1,
    };
    [k[0] & mask(n.min(8)), k[1] & mask(n.saturating_sub(8))]
}

/// The key of a word of at most 16 bytes, ASCII letters lower-cased, assembled in registers
/// (copying into a buffer and loading it back as two words stalls store forwarding).
#[inline]
fn pack(w: &[u8], lower: bool) -> [u64; 2] {
    debug_assert!(w.len() <= INLINE);
    let (head, tail) = w.split_at(w.len().min(8));
    let k = [load_le(head), load_le(tail)];
    if lower {
        k.map(ascii_lower)
    } else {
        k
    }
}

/// Up to 8 bytes as a little-endian u64 (missing bytes 0), in at most two loads: the two
/// halves of a 2–7-byte slice overlap, and the bytes they share are the same.
#[inline]
pub(crate) fn load_le(b: &[u8]) -> u64 {
    let n = b.len();
    let u16_at = |at: usize| u64::from(u16::from_le_bytes([b[at], b[at + 1]]));
    let u32_at =
        |at: usize| u64::from(u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]));
    match n {
        0 => 0,
        1 => u64::from(b[0]),
        2..=3 => u16_at(0) | u16_at(n - 2) << ((n - 2) * 8),
        4..=7 => u32_at(0) | u32_at(n - 4) << ((n - 4) * 8),
        _ => u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
    }
}

/// The high bit of every byte of a `u64`.
pub(super) const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` that is ASCII and in `lo..=hi` (`lo ≤ hi < 0x80`), eight
/// bytes at a time: with the high bit set first, no subtraction borrows across bytes.
#[inline(always)]
pub(super) fn bytes_in_range(x: u64, lo: u8, hi: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let ge_lo = (x | HIGH).wrapping_sub(ONES * u64::from(lo));
    let ge_hi = (x | HIGH).wrapping_sub(ONES * u64::from(hi + 1));
    ge_lo & !ge_hi & !x & HIGH
}

/// `to_ascii_lowercase` of each byte of `x`, eight at a time.
#[inline]
fn ascii_lower(x: u64) -> u64 {
    // the high bit of each ASCII upper-case byte, moved to 0x20
    x | bytes_in_range(x, b'A', b'Z') >> 2
}

#[inline]
fn hash(k: [u64; 2], len: usize) -> u64 {
    let h = (k[0].wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ k[1].rotate_left(29) ^ len as u64)
        .wrapping_mul(0xD6E8_FEB8_6659_FD93);
    h ^ (h >> 32)
}

impl WordMap {
    /// An empty map with room for about `n` words of up to 16 bytes (it grows past that).
    pub(super) fn with_capacity(n: usize) -> WordMap {
        // load factor at most 3/4 (about 0.6 for the embedded lists): probes stay within a line
        // or two, and the table stays at 12 MB instead of 24
        let cap = (n * 4 / 3 + 1).next_power_of_two().max(16);
        WordMap {
            slots: vec![Slot::default(); cap],
            mask: cap - 1,
            long: FxHashMap::default(),
            len: 0,
        }
    }

    /// Build from a map of words to flags.
    pub(super) fn from_map(map: FxHashMap<Box<str>, u32>) -> WordMap {
        let mut m = WordMap::with_capacity(map.len());
        for (w, f) in map {
            m.insert_or(&w, f);
        }
        m
    }

    /// Add flags `f` to word `w`, which is stored if it was not. (Building in place: no
    /// intermediate map, and no allocation per word.)
    pub(super) fn insert_or(&mut self, w: &str, f: u32) {
        if w.is_empty() || w.len() > INLINE {
            match self.long.get_mut(w) {
                Some(flags) => *flags |= f,
                None => {
                    self.long.insert(w.into(), f);
                    self.len += 1;
                }
            }
            return;
        }
        let short = self.len - self.long.len();
        if (short + 1) * 4 > self.slots.len() * 3 {
            self.grow();
        }
        let key = pack(w.as_bytes(), false);
        let len = w.len() as u32;
        let i = self.slot_of(key, len);
        let s = &mut self.slots[i];
        if s.len == 0 {
            *s = Slot { key, len, flags: f };
            self.len += 1;
        } else {
            s.flags |= f;
        }
    }

    /// The slot that holds `key`, or the empty one where it goes (building only: lookups
    /// use [`WordMap::probe`]).
    fn slot_of(&self, key: [u64; 2], len: u32) -> usize {
        let mut i = hash(key, len as usize) as usize & self.mask;
        while self.slots[i].len != 0 && (self.slots[i].len != len || self.slots[i].key != key) {
            i = (i + 1) & self.mask;
        }
        i
    }

    /// Double the table.
    fn grow(&mut self) {
        let cap = self.slots.len() * 2;
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); cap]);
        self.mask = cap - 1;
        for s in old.into_iter().filter(|s| s.len != 0) {
            let i = self.slot_of(s.key, s.len);
            self.slots[i] = s;
        }
    }

    /// The flags of `w`, 0 when it is in no list.
    #[inline]
    pub(super) fn get(&self, w: &str) -> u32 {
        let b = w.as_bytes();
        if b.is_empty() || b.len() > INLINE {
            return self.long.get(w).copied().unwrap_or(0);
        }
        self.probe(pack(b, false), b.len())
    }

    /// The flags of an ASCII word as it would be looked up lower-cased, without lower-casing
    /// it first. (Always inlined: the tokenizer calls it for every word, and with a few
    /// more callers the compiler had stopped inlining it there, costing ~10% of `detect`.)
    #[inline(always)]
    pub(super) fn get_ascii_lower(&self, w: &[u8]) -> u32 {
        if w.is_empty() || w.len() > INLINE {
            let l = String::from_utf8_lossy(w).to_ascii_lowercase();
            return self.long.get(l.as_str()).copied().unwrap_or(0);
        }
        self.probe(pack(w, true), w.len())
    }

    /// The flags of a word of `n` bytes (1 to 16) already packed as [`pack`] packs it
    /// lower-cased (the tokenizer packs while it scans).
    #[inline]
    pub(super) fn get_packed(&self, key: [u64; 2], n: usize) -> u32 {
        debug_assert!((1..=INLINE).contains(&n));
        self.probe(key, n)
    }

    #[inline]
    fn probe(&self, key: [u64; 2], n: usize) -> u32 {
        let len = n as u32;
        let mut i = hash(key, n) as usize & self.mask;
        loop {
            let s = &self.slots[i];
            if s.len == 0 {
                return 0;
            }
            if s.len == len && s.key == key {
                return s.flags;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Number of words.
    pub(super) fn len(&self) -> usize {
        self.len
    }
}

/// For each pair of first and last letters (a–z in any case, 26 × 26), the lengths in bytes
/// of a list's words that begin and end with them, as bits (63: that long or longer): most
/// other words are ruled out by one load before a hash lookup. A text whose first or last
/// byte is no ASCII letter is never ruled out (its lookup decides), so a word of the list
/// that begins or ends with another byte needs no bit.
pub(super) struct EndsFilter {
    ends: Box<[u64]>,
}

impl EndsFilter {
    pub(super) fn new<'w>(words: impl IntoIterator<Item = &'w str>) -> EndsFilter {
        let mut ends = vec![0u64; 26 * 26].into_boxed_slice();
        for w in words {
            if let Some(i) = Self::index(w.as_bytes()) {
                ends[i] |= Self::length_bit(w.len());
            }
        }
        EndsFilter { ends }
    }

    /// Where a text that begins and ends with ASCII letters is in the table.
    fn index(b: &[u8]) -> Option<usize> {
        let (first, last) = (
            b.first()?.to_ascii_lowercase(),
            b.last()?.to_ascii_lowercase(),
        );
        (first.is_ascii_lowercase() && last.is_ascii_lowercase())
            .then(|| usize::from(first - b'a') * 26 + usize::from(last - b'a'))
    }

    /// The bit of a length in bytes.
    pub(super) fn length_bit(n: usize) -> u64 {
        1 << n.min(63)
    }

    /// The lengths of the list's words with `b`'s first and last letters, if `b` begins and
    /// ends with ASCII letters.
    #[inline]
    pub(super) fn lengths_for(&self, b: &[u8]) -> Option<u64> {
        Self::index(b).map(|i| self.ends[i])
    }

    /// Can `b` be a word of the list, by its ends and its length?
    #[inline]
    pub(super) fn may_hold(&self, b: &[u8]) -> bool {
        self.lengths_for(b)
            .is_none_or(|l| l & Self::length_bit(b.len()) != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Packs like the byte loop it replaced, at every length and byte value.
    #[test]
    fn packs_byte_by_byte() {
        let bytes: Vec<u8> = (0..=255u8).chain(*b"AZaz@[`{").collect();
        for n in 0..=INLINE {
            for start in 0..bytes.len() - n {
                let w = &bytes[start..start + n];
                for lower in [false, true] {
                    let mut k = [0u64; 2];
                    for (i, &c) in w.iter().enumerate() {
                        put_key_byte(&mut k, i, if lower { c.to_ascii_lowercase() } else { c });
                    }
                    assert_eq!(pack(w, lower), k, "{w:?} lower={lower}");
                }
            }
        }
    }

    #[test]
    fn finds_what_was_stored_and_nothing_else() {
        let mut m: FxHashMap<Box<str>, u32> = FxHashMap::default();
        let words = [
            "a",
            "ab",
            "abcdefgh",
            "abcdefghi",
            "abcdefghijklmnop",
            "abcdefghijklmnopq",
            "zürich",
            "",
        ];
        for (i, w) in words.iter().enumerate() {
            m.insert((*w).into(), i as u32 + 1);
        }
        for i in 0..5000u32 {
            m.insert(format!("w{i}").into(), 100 + i);
        }
        let wm = WordMap::from_map(m);
        assert_eq!(wm.len(), words.len() + 5000);
        for (i, w) in words.iter().enumerate() {
            assert_eq!(wm.get(w), i as u32 + 1, "{w}");
        }
        for i in 0..5000u32 {
            assert_eq!(wm.get(&format!("w{i}")), 100 + i);
        }
        assert_eq!(wm.get_ascii_lower(b"AbCdEfGhI"), 4);
        assert_eq!(wm.get_ascii_lower(b"ABCDEFGHIJKLMNOPQ"), 6);
        assert_eq!(wm.get_ascii_lower(b"W17"), 117);
        // built in place from a tiny table: it grows, and a word added twice keeps both flags
        let mut grown = WordMap::with_capacity(1);
        for i in 0..5000u32 {
            grown.insert_or(&format!("w{i}"), 1);
        }
        grown.insert_or("w17", 2);
        grown.insert_or("abcdefghijklmnopq", 4);
        grown.insert_or("abcdefghijklmnopq", 8);
        assert_eq!(grown.len(), 5001);
        assert_eq!(grown.get("w17"), 3);
        assert_eq!(grown.get("w4999"), 1);
        assert_eq!(grown.get("abcdefghijklmnopq"), 12);
        assert_eq!(grown.get("w5000"), 0);
        // a prefix, an extension and a word padded with NULs are different words
        for w in [
            "abc",
            "abcdefghij",
            "abcdefghijklmnopqr",
            "a\0",
            "w5000",
            "zurich",
        ] {
            assert_eq!(wm.get(w), 0, "{w:?}");
        }
    }
}
