//! The encoder of the image format (`codec`): a hash-chain match finder, a parse that
//! prices its choices (`price`) and takes the cheapest path through a window of positions,
//! and the range encoder.

use super::codec::{At, BitCoder, Kind, MIN_MATCH, MOVE_BITS, Model, PROB_BITS, Packet};
use super::price::Prices;

/// The longest match `codec` codes (its length coder's 8-bit high range ends there).
pub const MAX_MATCH: usize = MIN_MATCH + 8 + 8 + 256 - 1;

/// `data`, compressed.
pub fn encode(data: &[u8]) -> Vec<u8> {
    let mut encoder = RangeEncoder::new();
    let mut model = Model::new();
    let mut parser = Parser::new(data);
    let mut pos = 0;
    let mut priced_at = 0;
    while pos < data.len() {
        if pos == 0 || pos >= priced_at + REPRICE {
            parser.prices.update(&mut model);
            priced_at = pos;
        }
        for packet in parser.parse(&mut model, pos) {
            let rep_byte = pos.checked_sub(model.rep as usize + 1).map_or(0, |at| data[at]);
            model.packet(&mut encoder, packet, At { pos, rep_byte });
            pos += packet_len(packet);
        }
    }
    encoder.finish()
}

/// How many bytes the encoder goes between repricings (the counters drift meanwhile).
const REPRICE: usize = 1 << 12;
/// The most positions a parse looks through for its cheapest path.
const WINDOW: usize = 1 << 10;
/// A match this long is taken as soon as it is found, ending the window (longer ones are rare
/// enough, and cheap enough per byte, that weighing them is not worth the time).
const NICE_LEN: usize = 64;

fn packet_len(packet: Packet) -> usize {
    match packet {
        Packet::Literal(_) | Packet::ShortRep => 1,
        Packet::Match { len, .. } | Packet::Rep { len } => len as usize,
    }
}

/// A position in the window: the cheapest way found there from the window's start.
#[derive(Clone, Copy)]
struct Node {
    cost: u32,
    /// The node the last packet starts at, and the packet.
    from: usize,
    packet: Packet,
    /// The model's state after that path.
    last: Kind,
    rep: u32,
}

const UNREACHED: Node = Node { cost: u32::MAX, from: 0, packet: Packet::ShortRep, last: Kind::Literal, rep: 0 };

/// The price-based parse: from a position, forward through a window, the cheapest packets
/// to each position (by prices fixed at the window's start, each path carrying its own last
/// kind and distance); then back from the window's end along the cheapest path.
struct Parser<'a> {
    data: &'a [u8],
    finder: MatchFinder<'a>,
    prices: Prices,
    nodes: Vec<Node>,
    matches: Vec<(usize, u32)>,
}

impl<'a> Parser<'a> {
    fn new(data: &'a [u8]) -> Parser<'a> {
        Parser { data, finder: MatchFinder::new(data), prices: Prices::new(), nodes: Vec::new(), matches: Vec::new() }
    }

    /// The packets to code from `pos` on, to the end of a window.
    fn parse(&mut self, model: &mut Model, pos: usize) -> Vec<Packet> {
        self.nodes.clear();
        self.nodes.push(Node { cost: 0, from: 0, packet: Packet::ShortRep, last: model.last, rep: model.rep });
        let mut end = 0;
        let mut i = 0;
        while pos + i < self.data.len() {
            if let Some(taken) = self.step(model, pos, i) {
                end = taken;
                break;
            }
            end = end.max(self.nodes.len() - 1);
            i += 1;
            // Node `i` is final (nothing later reaches back); the window ends there when
            // nothing reaches past it or it is long enough.
            if i == end || i >= WINDOW {
                end = i;
                break;
            }
        }
        let mut packets = Vec::new();
        let mut at = end;
        while at > 0 {
            packets.push(self.nodes[at].packet);
            at = self.nodes[at].from;
        }
        packets.reverse();
        packets
    }

    /// Offers every packet at node `i` (`pos + i`) to the nodes it reaches; if one is a
    /// nice match, takes it and returns where it ends.
    fn step(&mut self, model: &mut Model, pos: usize, i: usize) -> Option<usize> {
        let at = pos + i;
        let node = self.nodes[i];
        let rep_dist = node.rep as usize + 1;
        let rep_len = match_len(self.data, at, rep_dist);
        self.finder.insert_until(at);
        self.finder.matches(at, &mut self.matches);
        let (longest, dist) = self.matches.last().copied().unwrap_or((0, 0));
        if rep_len >= NICE_LEN {
            let cost = node.cost + self.prices.rep(rep_len, node.last, at);
            return Some(self.take(i, rep_len, cost, Packet::Rep { len: rep_len as u32 }));
        }
        if longest >= NICE_LEN {
            let cost = node.cost + self.prices.match_len(longest, node.last, at);
            let cost = (cost as i32 + self.prices.distance(model, dist, longest)) as u32;
            return Some(self.take(i, longest, cost, Packet::Match { len: longest as u32, dist }));
        }

        let rep_byte = at.checked_sub(rep_dist).map_or(0, |from| self.data[from]);
        let literal = self.prices.literal(model, self.data[at], node.last, At { pos: at, rep_byte });
        self.offer(i, i + 1, node.cost + literal, Packet::Literal(self.data[at]));
        if rep_len >= 1 {
            self.offer(i, i + 1, node.cost + self.prices.short_rep(node.last, at), Packet::ShortRep);
        }
        for len in MIN_MATCH..=rep_len {
            self.offer(i, i + len, node.cost + self.prices.rep(len, node.last, at), Packet::Rep { len: len as u32 });
        }
        let mut shorter = MIN_MATCH;
        for k in 0..self.matches.len() {
            let (len, dist) = self.matches[k];
            if dist as usize + 1 != rep_dist {
                for len in shorter..=len {
                    let cost = node.cost + self.prices.match_len(len, node.last, at);
                    let cost = (cost as i32 + self.prices.distance(model, dist, len)) as u32;
                    self.offer(i, i + len, cost, Packet::Match { len: len as u32, dist });
                }
            }
            shorter = len + 1;
        }
        None
    }

    /// Ends the window with `packet` from node `i`, whatever else reached where it ends.
    fn take(&mut self, i: usize, len: usize, cost: u32, packet: Packet) -> usize {
        self.nodes.truncate(i + 1);
        self.offer(i, i + len, cost, packet);
        i + len
    }

    /// Takes `packet` from node `from` to node `to` if that is the cheapest way there yet.
    fn offer(&mut self, from: usize, to: usize, cost: u32, packet: Packet) {
        if to >= self.nodes.len() {
            self.nodes.resize(to + 1, UNREACHED);
        }
        if cost >= self.nodes[to].cost {
            return;
        }
        let rep = self.nodes[from].rep;
        let (last, rep) = match packet {
            Packet::Literal(_) => (Kind::Literal, rep),
            Packet::Match { dist, .. } => (Kind::Match, dist),
            Packet::Rep { .. } => (Kind::Rep, rep),
            Packet::ShortRep => (Kind::ShortRep, rep),
        };
        self.nodes[to] = Node { cost, from, packet, last, rep };
    }
}

/// How many bytes at `pos` equal those `distance` back, up to `MAX_MATCH`.
fn match_len(data: &[u8], pos: usize, distance: usize) -> usize {
    if distance > pos {
        return 0;
    }
    let end = data.len().min(pos + MAX_MATCH);
    // Whole chunks compared as slices first: a debug build's byte loops are slow.
    const CHUNK: usize = 16;
    let mut at = pos;
    while at + CHUNK <= end && data[at..at + CHUNK] == data[at - distance..at - distance + CHUNK] {
        at += CHUNK;
    }
    while at < end && data[at] == data[at - distance] {
        at += 1;
    }
    at - pos
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

    /// The matches at `pos` among the inserted positions (`pos` must not be) into `out`, as
    /// lengths and distances minus one: for each length found, the nearest position with a
    /// match that long, shortest first.
    fn matches(&self, pos: usize, out: &mut Vec<(usize, u32)>) {
        out.clear();
        let Some(hash) = self.hash(pos) else { return };
        let mut best = MIN_MATCH - 1;
        let mut candidate = self.head[hash];
        for _ in 0..DEPTH {
            let Some(at) = (candidate as usize).checked_sub(1) else { break };
            // Only a match whose byte after the best length's agrees can be longer.
            let len = match self.data.get(pos + best) {
                Some(&byte) if byte == self.data[at + best] => match_len(self.data, pos, pos - at),
                _ => 0,
            };
            if len > best {
                best = len;
                out.push((len, (pos - at - 1) as u32));
                if len == MAX_MATCH {
                    break;
                }
            }
            candidate = self.prev[at];
        }
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
