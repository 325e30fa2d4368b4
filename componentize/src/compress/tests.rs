use super::{Codec, codec, decode, lz_format};

const CODECS: [Codec; 2] = [Codec::Fast, Codec::Small];

/// `data` encoded with `codec` (`Codec::encode` decodes it again and compares).
fn round_trip(codec: Codec, data: &[u8]) -> Vec<u8> {
    codec.encode(data).unwrap_or_else(|e| panic!("{e}"))
}

/// The decoder of `codec`.
fn decoder(codec: Codec) -> super::Decoder {
    match codec {
        Codec::Fast => lz_format::decode,
        Codec::Small => decode::decode,
    }
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
    for codec in CODECS {
        assert!(round_trip(codec, &[]).len() <= 5);
        for data in [&[0][..], &[7], &[1, 2], &[9, 9, 9], &[9, 9, 9, 9, 9], &[1, 2, 3, 4, 1, 2, 3, 4, 1]] {
            round_trip(codec, data);
        }
    }
}

#[test]
fn zeros_cost_almost_nothing() {
    for (codec, most) in [(Codec::Fast, (1 << 20) / 250), (Codec::Small, 400)] {
        let packed = round_trip(codec, &vec![0; 1 << 20]);
        assert!(packed.len() < most, "{codec:?}: a MiB of zeros took {} bytes", packed.len());
    }
}

#[test]
fn long_runs_between_data() {
    let mut data = noise(1000, 1);
    data.extend(std::iter::repeat_n(0xFF, 100_000));
    data.extend(noise(1000, 2));
    data.extend(std::iter::repeat_n(0, 300));
    data.push(1);
    for (codec, most) in [(Codec::Fast, 2500), (Codec::Small, 2300)] {
        let packed = round_trip(codec, &data);
        assert!(packed.len() < most, "{codec:?}: {} bytes", packed.len());
    }
}

#[test]
fn incompressible_grows_little() {
    let data = noise(100_000, 3);
    for codec in CODECS {
        let packed = round_trip(codec, &data);
        assert!(packed.len() < data.len() + data.len() / 50, "{codec:?}: {} bytes", packed.len());
    }
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
    for (codec, most) in [(Codec::Fast, data.len() * 3 / 4), (Codec::Small, data.len() * 3 / 4)] {
        let packed = round_trip(codec, &data);
        assert!(packed.len() < most, "{codec:?}: {} bytes", packed.len());
    }
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
    for (codec, most) in [(Codec::Fast, data.len() / 2), (Codec::Small, data.len() / 8)] {
        let packed = round_trip(codec, &data);
        assert!(packed.len() < most, "{codec:?}: {} of {} bytes", packed.len(), data.len());
    }
}

#[test]
fn corrupt_streams_are_refused_not_followed() {
    let data = noise(5000, 5);
    for codec in CODECS {
        let decode = decoder(codec);
        let mut packed = round_trip(codec, &[data.as_slice(), data.as_slice()].concat());
        let mut out = vec![0; 10_000];
        // Truncated: it reads past its end.
        assert!(!decode(&packed[..packed.len() / 2], &mut out), "{codec:?}");
        // Garbage (every third byte flipped): refused, or decoded to something, but never
        // read or written out of bounds, which would panic and fail the test.
        for byte in packed.iter_mut().skip(5).step_by(3) {
            *byte ^= 0x33;
        }
        let _refused_or_decoded = decode(&packed, &mut out);
    }
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
    for codec in CODECS {
        let packed = round_trip(codec, &data);
        assert!(packed.len() < 4096 + 200, "{codec:?}: {} bytes", packed.len());
    }
}

#[test]
fn fast_overlapping_matches_and_long_lengths() {
    // Periodic runs (a match overlapping what it writes, at periods 1 to 7), literal runs
    // and matches whose lengths continue in several bytes.
    let mut data = noise(300, 6);
    for period in 1..=7 {
        let start = data.len() - period;
        for i in 0..1000 + period * 37 {
            data.push(data[start + i % period]);
        }
        data.extend(noise(15 + 255 * period, period as u64));
    }
    let packed = round_trip(Codec::Fast, &data);
    assert!(packed.len() < data.len() / 2, "{} of {} bytes", packed.len(), data.len());
}

#[test]
fn fast_streams_that_lie_are_refused() {
    let mut out = vec![0; 8];
    // One literal and a 7-byte match at offset 0; at offset 2, before the start; one of 19
    // bytes, longer than what is left.
    assert!(!lz_format::decode(&[0x13, 7, 0, 0x00], &mut out));
    assert!(!lz_format::decode(&[0x13, 7, 2, 0x00], &mut out));
    assert!(!lz_format::decode(&[0x1F, 7, 1, 0, 0x00], &mut out));
    // At offset 1, then the empty last sequence: right; a byte more is not.
    assert!(lz_format::decode(&[0x13, 7, 1, 0x00], &mut out));
    assert_eq!(out, [7; 8]);
    assert!(!lz_format::decode(&[0x13, 7, 1, 0x00, 0], &mut out));
}

#[test]
fn fast_copies_of_every_short_length() {
    // Literal runs and matches of each length up to past the decoder's inline copies.
    let mut data = Vec::new();
    for len in 1..=40 {
        data.extend(noise(len, len as u64 + 100));
        let from = data.len() - len;
        data.push(0xEE);
        data.extend_from_within(from..from + len);
    }
    round_trip(Codec::Fast, &data);
}

#[test]
fn servers_are_not_compressed_by_default() {
    let mut resolve = wit_parser::Resolve::default();
    let package = resolve
        .push_str(
            "t.wit",
            "package wasi:http@0.2.6;\n\
             interface incoming-handler { handle: func(); }\n\
             world server { export incoming-handler; }\n\
             world client { import incoming-handler; export run: func(); }",
        )
        .unwrap();
    let world = |name| resolve.select_world(&[package], Some(name)).unwrap();
    assert_eq!(super::default_codec(&resolve, world("server")), None);
    assert_eq!(super::default_codec(&resolve, world("client")), Some(Codec::Fast));
}
