//! What packets cost, in sixteenths of a bit, under the counters the encoder's model has now:
//! the parse's measure. Prices come from `Model::packet` itself run with a `Pricer`, a coder
//! that sums the bits' costs and moves no counter, so they follow the format by construction.
//! Length and distance prices are kept in tables (refreshed as the counters move), literals
//! are priced where they occur.

use super::codec::{At, BitCoder, Kind, MIN_MATCH, Model, PROB_BITS, Packet};
use super::encode::MAX_MATCH;

/// A price's unit: a bit costs `BIT` (a direct bit exactly, a counted one by its probability).
pub const BIT: u32 = 16;
/// Counters are priced by their top bits (`1 << PROB_BITS >> PRICE_SHIFT` classes).
const PRICE_SHIFT: u32 = 4;
const KINDS: [Kind; 4] = [Kind::Literal, Kind::Match, Kind::Rep, Kind::ShortRep];
const POS_STATES: usize = 4;
/// The length contexts of a distance (`codec`'s `SLOT_CONTEXTS`): lengths 2, 3, 4, 5 and up.
const DIST_CONTEXTS: usize = 4;
/// Distances below this have their prices cached per refresh; farther ones are priced each time.
const CACHED_DISTANCES: usize = 1 << 16;

/// `BIT * log2(1 / p)` for a bit of probability `p`, by the top bits of `p`'s counter,
/// computed in integers (every platform must parse alike): the integer part of `log2` of the
/// counter, then its fraction's bits by squaring the mantissa.
fn price_table() -> [u32; 1 << (PROB_BITS - PRICE_SHIFT)] {
    std::array::from_fn(|class| {
        let prob = ((class as u64) << PRICE_SHIFT) + (1 << (PRICE_SHIFT - 1));
        let whole = 63 - u64::from(prob.leading_zeros());
        // The mantissa in [1, 2), 16 fraction bits.
        let mut mantissa = prob << 16 >> whole;
        let mut fraction = 0;
        for _ in 0..BIT.trailing_zeros() {
            mantissa = (mantissa * mantissa) >> 16;
            fraction <<= 1;
            if mantissa >= 2 << 16 {
                mantissa >>= 1;
                fraction |= 1;
            }
        }
        PROB_BITS * BIT - (whole as u32 * BIT + fraction)
    })
}

/// A `BitCoder` that sums the prices of the bits it is given, leaving the counters be.
struct Pricer<'a> {
    table: &'a [u32; 1 << (PROB_BITS - PRICE_SHIFT)],
    total: u32,
}

impl BitCoder for Pricer<'_> {
    fn bit(&mut self, prob: &mut u16, bit: u32) -> u32 {
        let zero = u32::from(*prob);
        let p = if bit == 0 { zero } else { (1 << PROB_BITS) - zero };
        self.total += self.table[(p >> PRICE_SHIFT) as usize];
        bit
    }

    fn direct(&mut self, bit: u32) -> u32 {
        self.total += BIT;
        bit
    }
}

/// The price tables. A packet's price splits into parts that depend on different things:
/// its kind's flags on the last kind and position; a length on the position; a distance on
/// the length's context. Each table holds one part, as a difference from a reference packet
/// where that isolates it.
pub struct Prices {
    table: [u32; 1 << (PROB_BITS - PRICE_SHIFT)],
    /// A match of each length at distance 0 after a literal, by position state.
    match_len: [[u32; MAX_MATCH + 1]; POS_STATES],
    /// What a match costs more after each kind than after a literal, by position state.
    match_after: [[i32; POS_STATES]; 4],
    /// A repeat of each length after a literal, by position state.
    rep_len: [[u32; MAX_MATCH + 1]; POS_STATES],
    rep_after: [[i32; POS_STATES]; 4],
    short_rep: [[u32; POS_STATES]; 4],
    /// Per distance context and distance below `CACHED_DISTANCES`: the price of the distance
    /// more than distance 0's, and the refresh it was priced in (0: not yet).
    distances: Vec<(u32, i32)>,
    refresh: u32,
}

impl Prices {
    pub fn new() -> Prices {
        Prices {
            table: price_table(),
            match_len: [[0; MAX_MATCH + 1]; POS_STATES],
            match_after: [[0; POS_STATES]; 4],
            rep_len: [[0; MAX_MATCH + 1]; POS_STATES],
            rep_after: [[0; POS_STATES]; 4],
            short_rep: [[0; POS_STATES]; 4],
            distances: vec![(0, 0); DIST_CONTEXTS * CACHED_DISTANCES],
            refresh: 0,
        }
    }

    /// The price of `packet` at position `pos` after a packet of kind `last` (the model's
    /// state is left as it was).
    fn packet(&self, model: &mut Model, packet: Packet, last: Kind, at: At) -> u32 {
        let (saved_last, saved_rep) = (model.last, model.rep);
        model.last = last;
        let mut pricer = Pricer { table: &self.table, total: 0 };
        model.packet(&mut pricer, packet, at);
        (model.last, model.rep) = (saved_last, saved_rep);
        pricer.total
    }

    /// Reprices the tables from the model's counters now.
    pub fn update(&mut self, model: &mut Model) {
        self.refresh += 1;
        for pos in 0..POS_STATES {
            let at = At { pos, rep_byte: 0 };
            for len in MIN_MATCH..=MAX_MATCH {
                let len32 = len as u32;
                self.match_len[pos][len] = self.packet(model, Packet::Match { len: len32, dist: 0 }, Kind::Literal, at);
                self.rep_len[pos][len] = self.packet(model, Packet::Rep { len: len32 }, Kind::Literal, at);
            }
            let shortest_match = Packet::Match { len: MIN_MATCH as u32, dist: 0 };
            let shortest_rep = Packet::Rep { len: MIN_MATCH as u32 };
            for (k, &kind) in KINDS.iter().enumerate() {
                let diff = |p: &Prices, model: &mut Model, packet| {
                    p.packet(model, packet, kind, at) as i32 - p.packet(model, packet, Kind::Literal, at) as i32
                };
                self.match_after[k][pos] = diff(self, model, shortest_match);
                self.rep_after[k][pos] = diff(self, model, shortest_rep);
                self.short_rep[k][pos] = self.packet(model, Packet::ShortRep, kind, at);
            }
        }
    }

    pub fn literal(&self, model: &mut Model, byte: u8, last: Kind, at: At) -> u32 {
        self.packet(model, Packet::Literal(byte), last, at)
    }

    pub fn short_rep(&self, last: Kind, pos: usize) -> u32 {
        self.short_rep[last as usize][pos % POS_STATES]
    }

    pub fn rep(&self, len: usize, last: Kind, pos: usize) -> u32 {
        let pos = pos % POS_STATES;
        (self.rep_len[pos][len] as i32 + self.rep_after[last as usize][pos]) as u32
    }

    /// A match's price less its distance's part (see `distance`).
    pub fn match_len(&self, len: usize, last: Kind, pos: usize) -> u32 {
        let pos = pos % POS_STATES;
        (self.match_len[pos][len] as i32 + self.match_after[last as usize][pos]) as u32
    }

    /// What distance `dist` costs a match of length `len` more than distance 0 (which
    /// `match_len` includes).
    pub fn distance(&mut self, model: &mut Model, dist: u32, len: usize) -> i32 {
        let context = (len - MIN_MATCH).min(DIST_CONTEXTS - 1);
        let slot = Some(dist as usize).filter(|&d| d < CACHED_DISTANCES).map(|d| context * CACHED_DISTANCES + d);
        if let Some(slot) = slot {
            let (refresh, price) = self.distances[slot];
            if refresh == self.refresh {
                return price;
            }
        }
        let len = (context + MIN_MATCH) as u32;
        let at = At { pos: 0, rep_byte: 0 };
        let price = self.packet(model, Packet::Match { len, dist }, Kind::Literal, at) as i32
            - self.packet(model, Packet::Match { len, dist: 0 }, Kind::Literal, at) as i32;
        if let Some(slot) = slot {
            self.distances[slot] = (self.refresh, price);
        }
        price
    }
}
