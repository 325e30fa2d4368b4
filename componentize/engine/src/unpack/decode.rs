//! The decoder of `codec`'s format. Also compiled into the host's tests, which round-trip it
//! against the encoder.

use super::codec::{At, BitCoder, Model, MOVE_BITS, PROB_BITS, Packet};

/// Below this, the range takes in another byte.
const TOP: u32 = 1 << 24;

struct RangeDecoder<'a> {
    src: &'a [u8],
    /// Bytes read, past the end of `src` included (they read as 0).
    read: usize,
    range: u32,
    code: u32,
}

impl RangeDecoder<'_> {
    fn new(src: &[u8]) -> RangeDecoder<'_> {
        let mut decoder = RangeDecoder { src, read: 0, range: u32::MAX, code: 0 };
        // The encoder's first byte is always 0.
        for _ in 0..5 {
            decoder.code = (decoder.code << 8) | decoder.next();
        }
        decoder
    }

    #[inline(always)]
    fn next(&mut self) -> u32 {
        let byte = self.src.get(self.read).copied().unwrap_or(0);
        self.read += 1;
        u32::from(byte)
    }

    #[inline(always)]
    fn normalize(&mut self) {
        if self.range < TOP {
            self.range <<= 8;
            self.code = (self.code << 8) | self.next();
        }
    }
}

impl BitCoder for RangeDecoder<'_> {
    #[inline(always)]
    fn bit(&mut self, prob: &mut u16, _: u32) -> u32 {
        let bound = (self.range >> PROB_BITS) * u32::from(*prob);
        let bit = if self.code < bound {
            self.range = bound;
            *prob += ((1 << PROB_BITS) - *prob) >> MOVE_BITS;
            0
        } else {
            self.code -= bound;
            self.range -= bound;
            *prob -= *prob >> MOVE_BITS;
            1
        };
        self.normalize();
        bit
    }

    fn direct(&mut self, _: u32) -> u32 {
        self.range >>= 1;
        let bit = u32::from(self.code >= self.range);
        if bit == 1 {
            self.code -= self.range;
        }
        self.normalize();
        bit
    }
}

/// Fills `dst` with the image `src` encodes; false if `src` is not such an image (a match
/// reaching before the start or past the end, or a stream read past its end).
pub fn decode(src: &[u8], dst: &mut [u8]) -> bool {
    let mut decoder = RangeDecoder::new(src);
    let mut model = Model::new();
    let mut pos = 0;
    while pos < dst.len() {
        let rep_start = pos.checked_sub(model.rep as usize + 1);
        let rep_byte = rep_start.map_or(0, |at| dst[at]);
        let (len, from) = match model.packet(&mut decoder, Packet::ShortRep, At { pos, rep_byte }) {
            Packet::Literal(byte) => {
                dst[pos] = byte;
                pos += 1;
                continue;
            }
            Packet::Match { len, dist } => (len as usize, pos.checked_sub(dist as usize + 1)),
            Packet::Rep { len } => (len as usize, rep_start),
            Packet::ShortRep => (1, rep_start),
        };
        let Some(from) = from else { return false };
        if len > dst.len() - pos {
            return false;
        }
        // Byte by byte: a match may overlap what it writes (a run, at distance 1).
        for i in 0..len {
            dst[pos + i] = dst[from + i];
        }
        pos += len;
    }
    decoder.read <= src.len()
}
