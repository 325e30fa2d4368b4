//! The encoder of the image format (`codec`): a hash-chain match finder, a greedy parse with
//! one step of lookahead, and the range encoder.

use super::codec::{At, BitCoder, MIN_MATCH, MOVE_BITS, Model, PROB_BITS, Packet};

/// The longest match `codec` codes (its length coder's 8-bit high range ends there).
const MAX_MATCH: usize = MIN_MATCH + 8 + 8 + 256 - 1;

/// `data`, compressed.
pub fn encode(data: &[u8]) -> Vec<u8> {
    let mut encoder = RangeEncoder::new();
    let mut model = Model::new();
    let mut finder = MatchFinder::new(data);
    let mut pos = 0;
    while pos < data.len() {
        let packet = choose(data, &mut finder, model.rep as usize, pos);
        let rep_byte = pos.checked_sub(model.rep as usize + 1).map_or(0, |at| data[at]);
        model.packet(&mut encoder, packet, At { pos, rep_byte });
        let len = match packet {
            Packet::Literal(_) | Packet::ShortRep => 1,
            Packet::Match { len, .. } | Packet::Rep { len } => len as usize,
        };
        finder.insert_until(pos + len);
        pos += len;
    }
    encoder.finish()
}

/// How much longer a new match must be than a repeat of the last distance to be worth its
/// distance's bits.
const REP_ADVANTAGE: usize = 2;
/// A 3-byte match this far back or farther is coded as literals (their counters know the
/// heap's bytes well: on a QuickJS heap, 1 << 7 measured best).
const FAR_SHORT_MATCH: u32 = 1 << 7;

/// The packet to code at `pos`, with the last distance `rep`.
fn choose(data: &[u8], finder: &mut MatchFinder<'_>, rep: usize, pos: usize) -> Packet {
    let rep_len = match_len(data, pos, rep + 1);
    let (len, dist) = finder.longest(pos);
    if rep_len >= MIN_MATCH && rep_len + REP_ADVANTAGE >= len {
        return Packet::Rep { len: rep_len as u32 };
    }
    if len >= 3 && !(len == 3 && dist >= FAR_SHORT_MATCH) {
        // Lookahead: a literal now, then a clearly longer match, is better.
        finder.insert_until(pos + 1);
        let (next_len, _) = finder.longest(pos + 1);
        let next_rep = match_len(data, pos + 1, rep + 1);
        if next_len <= len + 1 && next_rep <= len + REP_ADVANTAGE {
            return Packet::Match { len: len as u32, dist };
        }
    }
    if rep < pos && data[pos] == data[pos - rep - 1] {
        return Packet::ShortRep;
    }
    Packet::Literal(data[pos])
}

/// How many bytes at `pos` equal those `distance` back, up to `MAX_MATCH`.
fn match_len(data: &[u8], pos: usize, distance: usize) -> usize {
    if distance > pos {
        return 0;
    }
    let end = data.len().min(pos + MAX_MATCH);
    (pos..end).take_while(|&i| data[i] == data[i - distance]).count()
}

/// Candidates a search follows along a hash chain.
const DEPTH: usize = 96;
const HASH_BITS: u32 = 16;

/// The positions before the current one, chained by the hash of their first 3 bytes.
struct MatchFinder<'a> {
    data: &'a [u8],
    /// Per hash, the last position inserted with it, plus one (0: none).
    head: Vec<u32>,
    /// Per position, the position before it with the same hash, plus one.
    prev: Vec<u32>,
    /// Positions below this are inserted.
    inserted: usize,
}

impl MatchFinder<'_> {
    fn new(data: &[u8]) -> MatchFinder<'_> {
        MatchFinder { data, head: vec![0; 1 << HASH_BITS], prev: vec![0; data.len()], inserted: 0 }
    }

    fn hash(&self, pos: usize) -> Option<usize> {
        let bytes = self.data.get(pos..pos + 3)?;
        let value = u32::from(bytes[0]) | u32::from(bytes[1]) << 8 | u32::from(bytes[2]) << 16;
        Some((value.wrapping_mul(0x9E37_79B1) >> (32 - HASH_BITS)) as usize)
    }

    fn insert_until(&mut self, end: usize) {
        while self.inserted < end {
            let pos = self.inserted;
            if let Some(hash) = self.hash(pos) {
                self.prev[pos] = self.head[hash];
                self.head[hash] = pos as u32 + 1;
            }
            self.inserted += 1;
        }
    }

    /// The longest match at `pos` among the inserted positions (`pos` must not be), as its
    /// length and distance minus one; the nearest of equal ones.
    fn longest(&self, pos: usize) -> (usize, u32) {
        let Some(hash) = self.hash(pos) else { return (0, 0) };
        let (mut best, mut best_dist) = (0, 0);
        let mut candidate = self.head[hash];
        for _ in 0..DEPTH {
            let Some(at) = (candidate as usize).checked_sub(1) else { break };
            let len = match_len(self.data, pos, pos - at);
            if len > best {
                (best, best_dist) = (len, (pos - at - 1) as u32);
                if len == MAX_MATCH {
                    break;
                }
            }
            candidate = self.prev[at];
        }
        (best, best_dist)
    }
}

/// Below this, the range gives out another byte.
const TOP: u32 = 1 << 24;

/// The range encoder. `low` has a carry bit above its 32; the bytes not yet known for sure
/// (a carry may still add to them) are `cache` and `pending` 0xff bytes after it.
struct RangeEncoder {
    out: Vec<u8>,
    low: u64,
    range: u32,
    cache: u8,
    pending: usize,
}

impl RangeEncoder {
    fn new() -> RangeEncoder {
        RangeEncoder { out: Vec::new(), low: 0, range: u32::MAX, cache: 0, pending: 0 }
    }

    fn shift_low(&mut self) {
        if self.low < 0xFF00_0000 || self.low >= 1 << 32 {
            let carry = (self.low >> 32) as u8;
            self.out.push(self.cache.wrapping_add(carry));
            self.out.extend(std::iter::repeat_n(0xFFu8.wrapping_add(carry), self.pending));
            self.pending = 0;
            self.cache = (self.low >> 24) as u8;
        } else {
            self.pending += 1;
        }
        self.low = (self.low & 0x00FF_FFFF) << 8;
    }

    fn normalize(&mut self) {
        if self.range < TOP {
            self.range <<= 8;
            self.shift_low();
        }
    }

    fn finish(mut self) -> Vec<u8> {
        for _ in 0..5 {
            self.shift_low();
        }
        self.out
    }
}

impl BitCoder for RangeEncoder {
    fn bit(&mut self, prob: &mut u16, bit: u32) -> u32 {
        let bound = (self.range >> PROB_BITS) * u32::from(*prob);
        if bit == 0 {
            self.range = bound;
            *prob += ((1 << PROB_BITS) - *prob) >> MOVE_BITS;
        } else {
            self.low += u64::from(bound);
            self.range -= bound;
            *prob -= *prob >> MOVE_BITS;
        }
        self.normalize();
        bit
    }

    fn direct(&mut self, bit: u32) -> u32 {
        self.range >>= 1;
        if bit == 1 {
            self.low += u64::from(self.range);
        }
        self.normalize();
        bit
    }
}
