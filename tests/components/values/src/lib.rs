//! `test:values`: echoes every component value type, and passes each one through
//! the host's `host` interface (`roundtrip-*`), so a JS host test exercises
//! lifting and lowering in both directions.

wit_bindgen::generate!({ path: "wit", world: "values" });

use exports::test::values::iface;
use test::values::host;
use test::values::types::*;

struct Component;

/// `echo_*` returns its argument; `roundtrip_*` hands it to the host import of
/// the same name (imports take borrowed arguments: `$arg` makes one from `$x`).
macro_rules! echoes {
    ($($echo:ident, $rt:ident: $t:ty => |$x:ident| $arg:expr;)*) => {$(
        fn $echo(x: $t) -> $t { x }
        fn $rt($x: $t) -> $t { host::$echo($arg) }
    )*};
}

impl iface::Guest for Component {
    echoes! {
        echo_bool, roundtrip_bool: bool => |x| x;
        echo_s8, roundtrip_s8: i8 => |x| x;
        echo_u8, roundtrip_u8: u8 => |x| x;
        echo_s16, roundtrip_s16: i16 => |x| x;
        echo_u16, roundtrip_u16: u16 => |x| x;
        echo_s32, roundtrip_s32: i32 => |x| x;
        echo_u32, roundtrip_u32: u32 => |x| x;
        echo_s64, roundtrip_s64: i64 => |x| x;
        echo_u64, roundtrip_u64: u64 => |x| x;
        echo_f32, roundtrip_f32: f32 => |x| x;
        echo_f64, roundtrip_f64: f64 => |x| x;
        echo_char, roundtrip_char: char => |x| x;
        echo_string, roundtrip_string: String => |x| &x;
        echo_list_u8, roundtrip_list_u8: Vec<u8> => |x| &x;
        echo_list_s8, roundtrip_list_s8: Vec<i8> => |x| &x;
        echo_list_u16, roundtrip_list_u16: Vec<u16> => |x| &x;
        echo_list_s16, roundtrip_list_s16: Vec<i16> => |x| &x;
        echo_list_u32, roundtrip_list_u32: Vec<u32> => |x| &x;
        echo_list_s32, roundtrip_list_s32: Vec<i32> => |x| &x;
        echo_list_u64, roundtrip_list_u64: Vec<u64> => |x| &x;
        echo_list_s64, roundtrip_list_s64: Vec<i64> => |x| &x;
        echo_list_f32, roundtrip_list_f32: Vec<f32> => |x| &x;
        echo_list_f64, roundtrip_list_f64: Vec<f64> => |x| &x;
        echo_list_bool, roundtrip_list_bool: Vec<bool> => |x| &x;
        echo_list_char, roundtrip_list_char: Vec<char> => |x| &x;
        echo_list_string, roundtrip_list_string: Vec<String> => |x| &x;
        echo_list_point, roundtrip_list_point: Vec<Point> => |x| &x;
        echo_list_list, roundtrip_list_list: Vec<Vec<u32>> => |x| &x;
        echo_list_list_string, roundtrip_list_list_string: Vec<Vec<String>> => |x| &x;
        echo_tuple, roundtrip_tuple: (u8, String, f64) => |x| (x.0, &x.1, x.2);
        echo_point, roundtrip_point: Point => |x| x;
        echo_person, roundtrip_person: Person => |x| &x;
        echo_mixed, roundtrip_mixed: Mixed => |x| &x;
        echo_color, roundtrip_color: Color => |x| x;
        echo_small_flags, roundtrip_small_flags: SmallFlags => |x| x;
        echo_big_flags, roundtrip_big_flags: BigFlags => |x| x;
        echo_option_u32, roundtrip_option_u32: Option<u32> => |x| x;
        echo_option_string, roundtrip_option_string: Option<String> => |x| x.as_deref();
        echo_option_option, roundtrip_option_option: Option<Option<u32>> => |x| x;
        echo_option_point, roundtrip_option_point: Option<Point> => |x| x;
        echo_results, roundtrip_results: Results => |x| &x;
        echo_result, roundtrip_result: Result<String, u32> => |x| x.as_deref().map_err(|e| *e);
        echo_result_no_ok, roundtrip_result_no_ok: Result<(), String> => |x| x.as_ref().map(|_| ()).map_err(|e| e.as_str());
        echo_result_no_err, roundtrip_result_no_err: Result<u32, ()> => |x| x;
        echo_result_empty, roundtrip_result_empty: Result<(), ()> => |x| x;
        echo_list_result, roundtrip_list_result: Vec<Result<u8, String>> => |x| &x;
        echo_list_option, roundtrip_list_option: Vec<Option<String>> => |x| &x;
        echo_entries, roundtrip_entries: Vec<Entry> => |x| &x;
    }

    fn many_params(
        a1: u8, a2: i8, a3: u16, a4: i16, a5: u32, a6: i32, a7: u64, a8: i64, a9: f32,
        a10: f64, a11: bool, a12: char, a13: String, a14: Color, a15: u32, a16: u32,
        a17: u32, a18: Vec<u8>,
    ) -> String {
        let color = match a14 {
            Color::Red => "red",
            Color::GreenBlue => "green-blue",
            Color::UltraViolet => "ultra-violet",
        };
        format!(
            "{a1},{a2},{a3},{a4},{a5},{a6},{a7},{a8},{a9},{a10},{a11},{a12},{a13},{color},{a15},{a16},{a17},{:?}",
            a18
        )
    }

    fn roundtrip_many_params(
        a1: u8, a2: i8, a3: u16, a4: i16, a5: u32, a6: i32, a7: u64, a8: i64, a9: f32,
        a10: f64, a11: bool, a12: char, a13: String, a14: Color, a15: u32, a16: u32,
        a17: u32, a18: Vec<u8>,
    ) -> String {
        host::many_params(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, &a13, a14, a15, a16, a17, &a18)
    }

    fn checked_divide(a: u32, b: u32) -> Result<u32, String> {
        a.checked_div(b).ok_or_else(|| format!("cannot divide {a} by zero"))
    }

    fn roundtrip_checked_divide(a: u32, b: u32) -> Result<u32, String> {
        host::checked_divide(a, b)
    }

    fn parse_color(s: String) -> Result<Color, ParseError> {
        match s.as_str() {
            "red" => Ok(Color::Red),
            "green-blue" => Ok(Color::GreenBlue),
            "ultra-violet" => Ok(Color::UltraViolet),
            _ => Err(ParseError { position: s.find(|c: char| !c.is_ascii_lowercase()).unwrap_or(0) as u32, input: s }),
        }
    }

    fn validate(ok: bool) -> Result<(), String> {
        if ok { Ok(()) } else { Err("not valid".into()) }
    }

    fn compute_stats(xs: Vec<f64>) -> Stats {
        let sum: f64 = xs.iter().sum();
        Stats {
            count: xs.len() as u64,
            mean: if xs.is_empty() { 0.0 } else { sum / xs.len() as f64 },
            label: format!("{} values", xs.len()),
            all_positive: xs.iter().all(|x| *x > 0.0),
        }
    }

    fn split_at(s: String, at: u32) -> (String, String, u32) {
        // `at` counts chars; also returns the total number of chars.
        let i = s.char_indices().nth(at as usize).map_or(s.len(), |(i, _)| i);
        (s[..i].into(), s[i..].into(), s.chars().count() as u32)
    }

    fn f32_bits(x: f32) -> u32 { x.to_bits() }
    fn f32_from_bits(b: u32) -> f32 { f32::from_bits(b) }
    fn f64_bits(x: f64) -> u64 { x.to_bits() }
    fn f64_from_bits(b: u64) -> f64 { f64::from_bits(b) }
    fn list_f64_bits(xs: Vec<f64>) -> Vec<u64> { xs.iter().map(|x| x.to_bits()).collect() }
    fn list_f64_from_bits(bits: Vec<u64>) -> Vec<f64> { bits.into_iter().map(f64::from_bits).collect() }

    fn trap(message: String) {
        panic!("{message}")
    }

    fn take_args(count: u32, label: String, initial: char, amount: i64, level: u8, ratio: f64, shade: Color) -> String {
        format!("{count} {label} {initial} {amount} {level} {ratio} {}", shade as u8)
    }
}

impl Guest for Component {
    fn version() -> String {
        "values-1".into()
    }
}

export!(Component);
