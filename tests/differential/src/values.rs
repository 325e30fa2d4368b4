//! Random values of a drawn type, in the checker's JSON form (see README.md): u64/s64 as
//! decimal strings, floats as their bit pattern in hex (`"0x3ff0000000000000"`) or `"nan"`,
//! records as objects by WIT field name, variants, options and results as `{"tag", "val"}`,
//! flags as the list of the names set, `own<res>` as `{"res": id}`.

use crate::rng::Rng;
use crate::types::{Def, Prim, Ty, Types};
use serde_json::{Map, Value, json};

/// What values of one batch share: resource ids (unique in the batch) and a size budget.
pub struct ValueCx {
    next_resource: u32,
    /// The first resource id of the current case.
    case_resources: u32,
    /// List elements and string characters left for the current case's value.
    room: u32,
}

/// List elements and string characters of one case's value, at most.
const ROOM: u32 = 4000;

impl ValueCx {
    pub fn new() -> ValueCx {
        ValueCx { next_resource: 1, case_resources: 1, room: ROOM }
    }

    pub fn start_case(&mut self) {
        self.case_resources = self.next_resource;
        self.room = ROOM;
    }

    pub fn fresh_resource(&mut self) -> u32 {
        self.next_resource += 1;
        self.next_resource - 1
    }

    /// An `own<res>` id: mostly a new one, sometimes one the case's value already holds (the
    /// same host object passed twice).
    fn own_resource(&mut self, rng: &mut Rng) -> u32 {
        if self.next_resource > self.case_resources && rng.chance(1, 4) {
            rng.range(self.case_resources as u64, self.next_resource as u64 - 1) as u32
        } else {
            self.fresh_resource()
        }
    }
}

pub fn draw(rng: &mut Rng, types: &Types, cx: &mut ValueCx, ty: &Ty) -> Value {
    match ty {
        Ty::Prim(p) => prim(rng, cx, *p),
        Ty::List(t) => {
            let len = list_len(rng, cx, matches!(**t, Ty::Prim(p) if p != Prim::String));
            Value::Array((0..len).map(|_| draw(rng, types, cx, t)).collect())
        }
        Ty::Tuple(ts) => Value::Array(ts.iter().map(|t| draw(rng, types, cx, t)).collect()),
        Ty::Option(t) => {
            if rng.chance(1, 3) {
                json!({ "tag": "none" })
            } else {
                json!({ "tag": "some", "val": draw(rng, types, cx, t) })
            }
        }
        Ty::Result(ok, err) => {
            let (tag, payload) = if rng.chance(1, 2) { ("ok", ok) } else { ("err", err) };
            tagged(tag, payload.as_ref().map(|t| draw(rng, types, cx, t)))
        }
        Ty::Own => json!({ "res": cx.own_resource(rng) }),
        Ty::Named(i) => match &types.defs[*i].1 {
            Def::Record(fields) => {
                Value::Object(fields.iter().map(|(n, t)| (n.clone(), draw(rng, types, cx, t))).collect::<Map<_, _>>())
            }
            Def::Variant(cases) => {
                let (name, payload) = &cases[rng.range(0, cases.len() as u64 - 1) as usize];
                tagged(name, payload.as_ref().map(|t| draw(rng, types, cx, t)))
            }
            Def::Enum(cases) => Value::String(cases[rng.range(0, cases.len() as u64 - 1) as usize].clone()),
            Def::Flags(names) => {
                let all = rng.chance(1, 8);
                Value::Array(names.iter().filter(|_| all || rng.chance(1, 2)).map(|n| json!(n)).collect())
            }
        },
    }
}

fn tagged(tag: &str, val: Option<Value>) -> Value {
    match val {
        Some(v) => json!({ "tag": tag, "val": v }),
        None => json!({ "tag": tag }),
    }
}

/// Mostly short lists, sometimes empty, sometimes long (of numbers only, to keep cases small).
fn list_len(rng: &mut Rng, cx: &mut ValueCx, numeric: bool) -> u32 {
    let len = match rng.weighted(&[2, 10, 1]) {
        0 => 0,
        1 => rng.range(1, 6) as u32,
        _ if numeric => rng.range(100, 2000) as u32,
        _ => rng.range(7, 40) as u32,
    };
    let len = len.min(cx.room);
    cx.room -= len;
    len
}

fn prim(rng: &mut Rng, cx: &mut ValueCx, p: Prim) -> Value {
    match p {
        Prim::Bool => json!(rng.chance(1, 2)),
        Prim::U8 => json!(unsigned(rng, 8)),
        Prim::U16 => json!(unsigned(rng, 16)),
        Prim::U32 => json!(unsigned(rng, 32)),
        Prim::U64 => json!(unsigned(rng, 64).to_string()),
        Prim::S8 => json!(signed(rng, 8)),
        Prim::S16 => json!(signed(rng, 16)),
        Prim::S32 => json!(signed(rng, 32)),
        Prim::S64 => json!(signed(rng, 64).to_string()),
        Prim::F32 => {
            let x = f32::from_bits(float_bits(rng, 32) as u32);
            json!(if x.is_nan() { "nan".to_string() } else { format!("{:#010x}", x.to_bits()) })
        }
        Prim::F64 => {
            let x = f64::from_bits(float_bits(rng, 64));
            json!(if x.is_nan() { "nan".to_string() } else { format!("{:#018x}", x.to_bits()) })
        }
        Prim::Char => {
            let repertoire = rng.range(0, 3) as u8;
            let c = if rng.chance(1, 8) { edge_char(rng) } else { char_in(rng, repertoire) };
            json!(c.to_string())
        }
        Prim::String => {
            // Around 32 too: where a host may switch from copying by hand to an encoder.
            let len = match rng.weighted(&[2, 8, 3, 2, 1]) {
                0 => 0,
                1 => rng.range(1, 12) as u32,
                2 => rng.range(28, 36) as u32,
                3 => rng.range(13, 99) as u32,
                _ => rng.range(100, 3000) as u32,
            }
            .min(cx.room);
            cx.room -= len;
            json!(string(rng, len))
        }
    }
}

/// A string of `len` characters (see `plain_string`), sometimes with an edge character.
fn string(rng: &mut Rng, len: u32) -> String {
    let mut s = plain_string(rng, len);
    // Sometimes an edge character, often first: a leading U+FEFF is a character a decoder
    // may take for a byte order mark and drop.
    if len > 0 && rng.chance(1, 8) {
        let edge = edge_char(rng);
        let at = if rng.chance(1, 2) { 0 } else { rng.range(0, len as u64 - 1) as usize };
        s = s.chars().enumerate().map(|(i, c)| if i == at { edge } else { c }).collect();
    }
    s
}

/// A character at an edge: U+FEFF, noncharacters, NUL, either side of the surrogates, the
/// first and last outside the BMP.
fn edge_char(rng: &mut Rng) -> char {
    const EDGES: [char; 8] = ['\u{feff}', '\u{fffe}', '\u{ffff}', '\0', '\u{d7ff}', '\u{e000}', '\u{10ffff}', '\u{10000}'];
    EDGES[rng.range(0, EDGES.len() as u64 - 1) as usize]
}

/// A string of `len` characters from one repertoire: ASCII and Latin-1 strings stay Latin-1
/// in compact UTF-16, the others take its UTF-16 form; the last kind is ASCII or Latin-1 up
/// to one wider character, so a lowering that copied the first part as it was has to widen
/// or re-encode what it already wrote.
fn plain_string(rng: &mut Rng, len: u32) -> String {
    let repertoire = rng.range(0, 4) as u8;
    if repertoire < 4 || len == 0 {
        return (0..len).map(|_| char_in(rng, repertoire.min(3))).collect();
    }
    let narrow = rng.range(0, 1) as u8;
    let wide_at = if rng.chance(1, 2) { len - 1 } else { rng.range(0, len as u64 - 1) as u32 };
    (0..len)
        .map(|i| {
            let repertoire = if i == wide_at { 1 + rng.range(0, 2) as u8 } else { narrow };
            char_in(rng, repertoire)
        })
        .collect()
}

/// An unsigned `bits`-wide integer: an edge (0, 1, max, max - 1, a power of two) or random.
fn unsigned(rng: &mut Rng, bits: u32) -> u64 {
    let max = if bits == 64 { u64::MAX } else { (1 << bits) - 1 };
    match rng.range(0, 5) {
        0 => [0, 1, max, max - 1, max >> 1, (max >> 1) + 1][rng.range(0, 5) as usize],
        1 => 1 << rng.range(0, bits as u64 - 1),
        _ => rng.next_u64() & max,
    }
}

/// A signed `bits`-wide integer, edges included (min, -1).
fn signed(rng: &mut Rng, bits: u32) -> i64 {
    let raw = unsigned(rng, bits);
    let shift = 64 - bits;
    ((raw << shift) as i64) >> shift
}

/// Float bits: an edge (zeros, infinities, NaNs, the smallest subnormal, the largest
/// finite, one) or random bits.
fn float_bits(rng: &mut Rng, bits: u32) -> u64 {
    let edges32: [u64; 9] = [0, 0x8000_0000, 0x7f80_0000, 0xff80_0000, 0x7fc0_0000, 1, 0x7f7f_ffff, 0x3f80_0000, 0x7fa0_0001];
    let edges64: [u64; 9] = [
        0,
        0x8000_0000_0000_0000,
        0x7ff0_0000_0000_0000,
        0xfff0_0000_0000_0000,
        0x7ff8_0000_0000_0000,
        1,
        0x7fef_ffff_ffff_ffff,
        0x3ff0_0000_0000_0000,
        0x7ff4_0000_0000_0001,
    ];
    if rng.chance(1, 3) {
        let i = rng.range(0, 8) as usize;
        if bits == 32 { edges32[i] } else { edges64[i] }
    } else if bits == 32 {
        rng.next_u64() & 0xffff_ffff
    } else {
        rng.next_u64()
    }
}

/// A Unicode scalar value from a repertoire: 0 ASCII, 1 Latin-1, 2 the BMP, 3 anything
/// (mostly outside the BMP). Never a surrogate.
fn char_in(rng: &mut Rng, repertoire: u8) -> char {
    let code = match repertoire {
        0 => rng.range(0, 0x7f),
        1 => rng.range(0, 0xff),
        2 => {
            if rng.chance(1, 2) { rng.range(0x100, 0xd7ff) } else { rng.range(0xe000, 0xffff) }
        }
        _ => {
            if rng.chance(3, 4) { rng.range(0x10000, 0x10ffff) } else { rng.range(0, 0xd7ff) }
        }
    };
    char::from_u32(code as u32).expect("surrogates are never drawn")
}
