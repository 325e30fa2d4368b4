use super::codec;
use super::encode::encode;

#[path = "../../engine/src/unpack/decode.rs"]
mod decode;

fn round_trip(data: &[u8]) -> Vec<u8> {
    let packed = encode(data);
    let mut out = vec![0xAA; data.len()];
    assert!(decode::decode(&packed, &mut out), "decoding failed ({} bytes)", data.len());
    assert!(out == data, "round trip of {} bytes differs", data.len());
    packed
}

/// Deterministic pseudo-random bytes (xorshift).
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect()
}

#[test]
fn empty_and_tiny() {
    assert!(round_trip(&[]).len() <= 5);
    round_trip(&[0]);
    round_trip(&[7]);
    round_trip(&[1, 2]);
    round_trip(&[9, 9, 9]);
}

#[test]
fn zeros_cost_almost_nothing() {
    let packed = round_trip(&vec![0; 1 << 20]);
    assert!(packed.len() < 400, "a MiB of zeros took {} bytes", packed.len());
}

#[test]
fn long_runs_between_data() {
    let mut data = noise(1000, 1);
    data.extend(std::iter::repeat_n(0xFF, 100_000));
    data.extend(noise(1000, 2));
    data.extend(std::iter::repeat_n(0, 300));
    data.push(1);
    let packed = round_trip(&data);
    assert!(packed.len() < 2300, "{} bytes", packed.len());
}

#[test]
fn incompressible_grows_little() {
    let data = noise(100_000, 3);
    let packed = round_trip(&data);
    assert!(packed.len() < data.len() + data.len() / 50, "{} bytes", packed.len());
}

#[test]
fn repeats_at_every_distance_class() {
    // Copies from near and far back (every distance slot up to 2^20), at odd lengths,
    // with repeated distances and single changed bytes between them.
    let mut data = noise(1 << 20, 4);
    let mut at = 1 << 10;
    let mut step = 1;
    while at + 600 < data.len() {
        let dist = step % at + 1;
        let len = 2 + step % 300;
        for i in 0..len {
            data[at + i] = data[at + i - dist];
        }
        data[at + len] ^= 0x5A;
        for i in 0..len {
            data[at + len + 1 + i] = data[at + len + 1 + i - dist];
        }
        at += 2 * len + 7 + (step % 977);
        step = (step * 3 + 1) % 1_000_003;
    }
    let packed = round_trip(&data);
    assert!(packed.len() < data.len() * 3 / 4, "{} bytes", packed.len());
}

#[test]
fn structured_words() {
    // Something like a heap: records of 4-byte fields, pointers among them.
    let mut data = Vec::new();
    for i in 0u32..20_000 {
        data.extend_from_slice(&(0x0010_0000 + i * 24).to_le_bytes());
        data.extend_from_slice(&(i % 7).to_le_bytes());
        data.extend_from_slice(&[b'a' + (i % 26) as u8, 0, 0, 0]);
    }
    let packed = round_trip(&data);
    assert!(packed.len() < data.len() / 8, "{} of {} bytes", packed.len(), data.len());
}

#[test]
fn corrupt_streams_are_refused_not_followed() {
    let data = noise(5000, 5);
    let mut packed = encode(&[data.as_slice(), data.as_slice()].concat());
    let mut out = vec![0; 10_000];
    // Truncated: it reads past its end.
    assert!(!decode::decode(&packed[..packed.len() / 2], &mut out));
    // Garbage (every third byte flipped): refused, or decoded to something, but never read or
    // written out of bounds, which would panic and fail the test.
    for byte in packed.iter_mut().skip(5).step_by(3) {
        *byte ^= 0x33;
    }
    let _refused_or_decoded = decode::decode(&packed, &mut out);
}

#[test]
fn slots_cover_every_distance() {
    for dist in [0u32, 1, 3, 4, 5, 6, 7, 8, 100, 1 << 13, (1 << 20) + 5, u32::MAX >> 1, u32::MAX - 1] {
        struct Recorder(Vec<u32>);
        impl codec::BitCoder for Recorder {
            fn bit(&mut self, _: &mut u16, bit: u32) -> u32 {
                self.0.push(bit);
                bit
            }
            fn direct(&mut self, bit: u32) -> u32 {
                self.0.push(bit);
                bit
            }
        }
        struct Player(std::vec::IntoIter<u32>);
        impl codec::BitCoder for Player {
            fn bit(&mut self, _: &mut u16, _: u32) -> u32 {
                self.0.next().expect("as many bits as recorded")
            }
            fn direct(&mut self, _: u32) -> u32 {
                self.0.next().expect("as many bits as recorded")
            }
        }
        let packet = codec::Packet::Match { len: 9, dist };
        let at = codec::At { pos: 0, rep_byte: 0 };
        let mut recorder = Recorder(Vec::new());
        codec::Model::new().packet(&mut recorder, packet, at);
        let decoded = codec::Model::new().packet(&mut Player(recorder.0.into_iter()), codec::Packet::ShortRep, at);
        assert_eq!(decoded, packet);
    }
}

#[test]
fn parse_window_edges() {
    // Copies just under, at and over the parse's nice length and the longest match, the
    // same source again (repeats of the last distance) and short rep-able single bytes, so
    // windows end at every kind of boundary.
    let mut data = noise(4096, 5);
    for (step, len) in [63usize, 64, 65, 272, 273, 274, 700, 2, 3, 1].into_iter().enumerate() {
        let from = 97 * (step + 1);
        for i in 0..len {
            data.push(data[from + i]);
        }
        data.push(step as u8);
        for i in 0..len / 2 {
            data.push(data[from + i]);
        }
        data.extend(noise(5, step as u64 + 10));
    }
    let packed = round_trip(&data);
    assert!(packed.len() < 4096 + 200, "{} bytes", packed.len());
}
