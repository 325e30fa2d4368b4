//! The encoder of the fast image format (`engine/src/unpack/lz.rs`): hash chains find the
//! matches, and a match is put off by one byte when the next position has a better one.

use super::lz_format::{MIN_MATCH, NIBBLE_MAX};

/// How many earlier positions with the same hash the finder tries.
const DEPTH: usize = 48;
/// A match this long is taken at once (looking further costs time and gains little).
const NICE_LEN: usize = 256;
const HASH_BITS: u32 = 17;
const NONE: u32 = u32::MAX;

/// `data`, compressed.
pub fn encode(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 2);
    let mut finder = Finder::new(data);
    let (mut pos, mut literals_from) = (0, 0);
    while pos + MIN_MATCH <= data.len() {
        let Some(found) = finder.best(pos) else {
            finder.insert(pos);
            pos += 1;
            continue;
        };
        finder.insert(pos);
        // Lazy matching: a literal now and a longer match next.
        if found.len < NICE_LEN
            && let Some(next) = finder.best(pos + 1)
            && worth(next) > worth(found) + 1
        {
            pos += 1;
            continue;
        }
        sequence(&mut out, &data[literals_from..pos], Some(found));
        for at in pos + 1..pos + found.len {
            finder.insert(at);
        }
        pos += found.len;
        literals_from = pos;
    }
    sequence(&mut out, &data[literals_from..], None);
    out
}

#[derive(Clone, Copy)]
struct Match {
    len: usize,
    offset: usize,
}

/// What a match saves, in bytes: its length less what its offset costs.
fn worth(m: Match) -> usize {
    m.len.saturating_sub(leb128_len(m.offset))
}

/// Writes one sequence: `literals`, then `found` (none for the last one).
fn sequence(out: &mut Vec<u8>, literals: &[u8], found: Option<Match>) {
    let match_len = found.map_or(0, |m| m.len - MIN_MATCH);
    let nibble = |len: usize| len.min(NIBBLE_MAX) as u8;
    out.push(nibble(literals.len()) << 4 | nibble(match_len));
    continued(out, literals.len());
    out.extend_from_slice(literals);
    if let Some(found) = found {
        let mut offset = found.offset;
        while offset >= 0x80 {
            out.push(offset as u8 | 0x80);
            offset >>= 7;
        }
        out.push(offset as u8);
        continued(out, match_len);
    }
}

/// The bytes that continue a length whose nibble is full.
fn continued(out: &mut Vec<u8>, len: usize) {
    if len < NIBBLE_MAX {
        return;
    }
    let mut rest = len - NIBBLE_MAX;
    while rest >= 255 {
        out.push(255);
        rest -= 255;
    }
    out.push(rest as u8);
}

fn leb128_len(value: usize) -> usize {
    (usize::BITS - value.max(1).leading_zeros()).div_ceil(7) as usize
}

/// Hash chains over every position's first `MIN_MATCH` bytes.
struct Finder<'a> {
    data: &'a [u8],
    /// The latest position of each hash.
    head: Vec<u32>,
    /// For each position, the one before it with the same hash.
    prev: Vec<u32>,
}

impl<'a> Finder<'a> {
    fn new(data: &'a [u8]) -> Finder<'a> {
        Finder { data, head: vec![NONE; 1 << HASH_BITS], prev: vec![NONE; data.len()] }
    }

    fn hash(&self, pos: usize) -> usize {
        let word = u32::from_le_bytes(self.data[pos..pos + 4].try_into().expect("four bytes"));
        (word.wrapping_mul(0x9E37_79B1) >> (32 - HASH_BITS)) as usize
    }

    fn insert(&mut self, pos: usize) {
        if pos + MIN_MATCH <= self.data.len() {
            let hash = self.hash(pos);
            self.prev[pos] = self.head[hash];
            self.head[hash] = pos as u32;
        }
    }

    /// The match at `pos` that saves the most, if any saves anything. `pos` itself must not
    /// be inserted yet.
    fn best(&self, pos: usize) -> Option<Match> {
        if pos + MIN_MATCH > self.data.len() {
            return None;
        }
        let mut best: Option<Match> = None;
        let mut candidate = self.head[self.hash(pos)];
        for _ in 0..DEPTH {
            if candidate == NONE {
                break;
            }
            let from = candidate as usize;
            let len = common_len(self.data, from, pos);
            if len >= MIN_MATCH {
                let found = Match { len, offset: pos - from };
                if best.is_none_or(|b| worth(found) > worth(b)) {
                    best = Some(found);
                    if len >= NICE_LEN {
                        break;
                    }
                }
            }
            candidate = self.prev[from];
        }
        best.filter(|m| worth(*m) > 1)
    }
}

/// How many bytes from `from` repeat at `pos` (`from < pos`; the match may overlap `pos`).
fn common_len(data: &[u8], from: usize, pos: usize) -> usize {
    data[pos..].iter().zip(&data[from..]).take_while(|(a, b)| a == b).count()
}
