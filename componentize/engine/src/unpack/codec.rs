//! The format of a compressed memory image, shared by the encoder (the host's
//! `componentize/src/compress/`, which includes this file) and the decoder (`decode.rs`).
//!
//! LZ77 whose every bit is coded by an adaptive binary range coder, in the manner of LZMA
//! but smaller: a stream of packets, each a literal byte, a match (length, distance), a
//! repeat of the last distance (length), or a one-byte repeat of it. A bit's probability is
//! a context's 11-bit counter; the contexts are the last packet's kind, the position modulo
//! 4 (the heap is full of 4-byte fields), and for a literal after a match, the byte the
//! last distance points at. The stream ends when the image's length (known to both sides)
//! has been produced.
//!
//! Coding is written once: `Model::packet` is generic over a `BitCoder`, which encodes the
//! bits of the packet it is given or decodes them (ignoring the packet it is given).

pub const PROB_BITS: u32 = 11;
/// How fast a counter adapts: it moves by 1/32 of its distance to the coded bit.
pub const MOVE_BITS: u32 = 5;
const PROB_HALF: u16 = 1 << (PROB_BITS - 1);

pub const MIN_MATCH: usize = 2;

/// Codes one bit with an adaptive counter, or one bit of probability 1/2.
pub trait BitCoder {
    /// Encodes `bit` and returns it, or (a decoder) returns the next bit, ignoring `bit`;
    /// either way moves `prob` (the probability of a 0) towards it.
    fn bit(&mut self, prob: &mut u16, bit: u32) -> u32;
    fn direct(&mut self, bit: u32) -> u32;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Packet {
    Literal(u8),
    /// `len` bytes from `dist + 1` bytes back.
    Match { len: u32, dist: u32 },
    /// A match at the last match's distance.
    Rep { len: u32 },
    /// One byte at the last match's distance.
    ShortRep,
}

/// The kind of the last packet, a context of the next one's first bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Literal,
    Match,
    Rep,
    ShortRep,
}

/// Where in the image a packet starts, and the bytes its literal bits depend on.
#[derive(Clone, Copy)]
pub struct At {
    pub pos: usize,
    /// The byte at the last distance back, if there is one (0 otherwise).
    pub rep_byte: u8,
}

const POS_STATES: usize = 4;
const SLOT_CONTEXTS: usize = 4;
/// Distance slots 4..14 code their low bits with counters, higher ones with direct bits and
/// 4 counted low bits.
const FIRST_DIRECT_SLOT: u32 = 14;
const ALIGN_BITS: u32 = 4;

/// The counters of a length: 2..9 (3 bits), 10..17 (3 bits) or 18..273 (8 bits).
struct Lengths {
    choice: [u16; 2],
    low: [[u16; 8]; POS_STATES],
    mid: [[u16; 8]; POS_STATES],
    high: [u16; 256],
}

impl Lengths {
    fn new() -> Lengths {
        Lengths { choice: [PROB_HALF; 2], low: [[PROB_HALF; 8]; POS_STATES], mid: [[PROB_HALF; 8]; POS_STATES], high: [PROB_HALF; 256] }
    }

    /// `len - MIN_MATCH` in and out.
    fn code<C: BitCoder>(&mut self, c: &mut C, len: u32, pos_state: usize) -> u32 {
        if c.bit(&mut self.choice[0], u32::from(len >= 8)) == 0 {
            return tree(c, &mut self.low[pos_state], 3, len);
        }
        if c.bit(&mut self.choice[1], u32::from(len >= 16)) == 0 {
            return 8 + tree(c, &mut self.mid[pos_state], 3, len.wrapping_sub(8));
        }
        16 + tree(c, &mut self.high, 8, len.wrapping_sub(16))
    }
}

/// Every counter, and the state between packets.
pub struct Model {
    /// Public for the encoder, which prices packets after other kinds than the last.
    pub last: Kind,
    /// The last match's distance (minus one).
    pub rep: u32,
    is_match: [[u16; POS_STATES]; 4],
    is_rep: [u16; 4],
    is_rep_long: [[u16; POS_STATES]; 4],
    /// By position modulo 4: 0x100 counters for a plain literal's bit tree, then 0x200 for
    /// one coded against `At::rep_byte` while its bits agree with it.
    literal: [[u16; 0x300]; POS_STATES],
    match_len: Lengths,
    rep_len: Lengths,
    slot: [[u16; 64]; SLOT_CONTEXTS],
    /// Slots 4..14: their up to 5 low bits, reversed.
    footer: [[u16; 32]; (FIRST_DIRECT_SLOT - 4) as usize],
    align: [u16; 1 << ALIGN_BITS],
}

impl Model {
    pub fn new() -> Model {
        Model {
            last: Kind::Literal,
            rep: 0,
            is_match: [[PROB_HALF; POS_STATES]; 4],
            is_rep: [PROB_HALF; 4],
            is_rep_long: [[PROB_HALF; POS_STATES]; 4],
            literal: [[PROB_HALF; 0x300]; POS_STATES],
            match_len: Lengths::new(),
            rep_len: Lengths::new(),
            slot: [[PROB_HALF; 64]; SLOT_CONTEXTS],
            footer: [[PROB_HALF; 32]; (FIRST_DIRECT_SLOT - 4) as usize],
            align: [PROB_HALF; 1 << ALIGN_BITS],
        }
    }

    /// Codes `packet` at `at` (see `BitCoder`: a decoder passes any packet and gets the one
    /// it decoded), and updates the state.
    pub fn packet<C: BitCoder>(&mut self, c: &mut C, packet: Packet, at: At) -> Packet {
        let pos_state = at.pos % POS_STATES;
        let last = self.last as usize;
        let is_match = c.bit(&mut self.is_match[last][pos_state], u32::from(!matches!(packet, Packet::Literal(_))));
        if is_match == 0 {
            let byte = if let Packet::Literal(byte) = packet { byte } else { 0 };
            let after_match = !matches!(self.last, Kind::Literal);
            self.last = Kind::Literal;
            return Packet::Literal(self.literal(c, byte, at, after_match));
        }
        let is_rep = c.bit(&mut self.is_rep[last], u32::from(matches!(packet, Packet::Rep { .. } | Packet::ShortRep)));
        if is_rep == 0 {
            let (len, dist) = if let Packet::Match { len, dist } = packet { (len, dist) } else { (0, 0) };
            let len = self.match_len.code(c, len.wrapping_sub(MIN_MATCH as u32), pos_state);
            let dist = self.distance(c, dist, len);
            self.last = Kind::Match;
            self.rep = dist;
            return Packet::Match { len: len + MIN_MATCH as u32, dist };
        }
        let long = c.bit(&mut self.is_rep_long[last][pos_state], u32::from(matches!(packet, Packet::Rep { .. })));
        if long == 0 {
            self.last = Kind::ShortRep;
            return Packet::ShortRep;
        }
        let len = if let Packet::Rep { len } = packet { len } else { 0 };
        let len = self.rep_len.code(c, len.wrapping_sub(MIN_MATCH as u32), pos_state);
        self.last = Kind::Rep;
        Packet::Rep { len: len + MIN_MATCH as u32 }
    }

    /// A literal's 8 bits, high first; after a match, in the context of the bits of
    /// `at.rep_byte` as long as they agree (the byte a match would have continued with is
    /// often almost the one that is there).
    #[inline(always)]
    fn literal<C: BitCoder>(&mut self, c: &mut C, byte: u8, at: At, after_match: bool) -> u8 {
        let probs = &mut self.literal[at.pos % POS_STATES];
        let mut node = 1usize;
        let mut agreeing = after_match;
        for i in (0..8).rev() {
            let bit = u32::from(byte >> i) & 1;
            let rep_bit = usize::from(at.rep_byte >> i) & 1;
            let prob = match agreeing {
                true => &mut probs[0x100 + (rep_bit << 8) + node],
                false => &mut probs[node],
            };
            let bit = c.bit(prob, bit) as usize;
            node = (node << 1) | bit;
            agreeing &= bit == rep_bit;
        }
        node as u8
    }

    /// A match's distance (minus one): its slot (2 + twice the bit length of the distance,
    /// plus the bit below its top bit) in the context of its length, then the bits below those.
    fn distance<C: BitCoder>(&mut self, c: &mut C, dist: u32, len: u32) -> u32 {
        let slot = tree(c, &mut self.slot[(len as usize).min(SLOT_CONTEXTS - 1)], 6, slot_of(dist));
        if slot < 4 {
            return slot;
        }
        let footer_bits = (slot >> 1) - 1;
        let base = (2 | (slot & 1)) << footer_bits;
        let rest = dist.wrapping_sub(base);
        if slot < FIRST_DIRECT_SLOT {
            return base + reverse_tree(c, &mut self.footer[(slot - 4) as usize], footer_bits, rest);
        }
        let mut high = 0;
        for i in (ALIGN_BITS..footer_bits).rev() {
            high = (high << 1) | c.direct((rest >> i) & 1);
        }
        base + (high << ALIGN_BITS) + reverse_tree(c, &mut self.align, ALIGN_BITS, rest)
    }
}

/// The slot of distance `dist` (see `Model::distance`).
fn slot_of(dist: u32) -> u32 {
    if dist < 4 {
        return dist;
    }
    let top = 31 - dist.leading_zeros();
    (top << 1) | ((dist >> (top - 1)) & 1)
}

/// `bits` bits of `value`, high first, each in the context of the bits before it.
#[inline(always)]
fn tree<C: BitCoder>(c: &mut C, probs: &mut [u16], bits: u32, value: u32) -> u32 {
    let mut node = 1usize;
    for i in (0..bits).rev() {
        node = (node << 1) | c.bit(&mut probs[node], (value >> i) & 1) as usize;
    }
    node as u32 - (1 << bits)
}

/// `bits` bits of `value`, low first, each in the context of the bits before it.
#[inline(always)]
fn reverse_tree<C: BitCoder>(c: &mut C, probs: &mut [u16], bits: u32, value: u32) -> u32 {
    let mut node = 1usize;
    let mut out = 0;
    for i in 0..bits {
        let bit = c.bit(&mut probs[node], (value >> i) & 1);
        node = (node << 1) | bit as usize;
        out |= bit << i;
    }
    out
}
