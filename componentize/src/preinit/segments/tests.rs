use wasmparser::{DataKind, Operator, Parser, Payload, Validator};

use super::merge;

/// A segment's offset (`Some` for an active one at a constant offset in memory 0, `None` for
/// any other) and its bytes.
type Segment = (Option<u32>, Vec<u8>);

/// The data segments of `module`, and the data count, if there is one.
fn segments(module: &[u8]) -> (Vec<Segment>, Option<u32>) {
    let (mut segments, mut count) = (Vec::new(), None);
    for payload in Parser::new(0).parse_all(module) {
        match payload.unwrap() {
            Payload::DataCountSection { count: n, .. } => count = Some(n),
            Payload::DataSection(reader) => {
                for segment in reader {
                    let segment = segment.unwrap();
                    let offset = match &segment.kind {
                        DataKind::Active { memory_index: 0, offset_expr } => {
                            match offset_expr.get_operators_reader().read().unwrap() {
                                Operator::I32Const { value } => Some(value as u32),
                                _ => None,
                            }
                        }
                        _ => None,
                    };
                    segments.push((offset, segment.data.to_vec()));
                }
            }
            _ => {}
        }
    }
    (segments, count)
}

/// What the active segments at constant offsets write into memory, in order.
fn image(module: &[u8]) -> Vec<u8> {
    let mut memory = vec![0; 65536];
    for (offset, data) in segments(module).0 {
        if let Some(offset) = offset {
            memory[offset as usize..offset as usize + data.len()].copy_from_slice(&data);
        }
    }
    memory
}

fn merged(wat: &str) -> (Vec<u8>, Vec<u8>) {
    let module = wat::parse_str(wat).unwrap();
    let merged = merge(&module).unwrap();
    Validator::new().validate_all(&merged).unwrap();
    (module, merged)
}

#[test]
fn runs_a_few_zero_bytes_apart_become_one_segment() {
    let (module, merged) = merged(
        r#"(module (memory 1)
             (data (i32.const 1000) "ab")
             (data (i32.const 1006) "cd")
             (data (i32.const 1008) "e")
             (data (i32.const 2000) "far"))"#,
    );
    assert_eq!(
        segments(&merged).0,
        [(Some(1000), b"ab\0\0\0\0cde".to_vec()), (Some(2000), b"far".to_vec())]
    );
    assert_eq!(image(&merged), image(&module));
    assert!(merged.len() < module.len());
}

#[test]
fn a_gap_as_long_as_a_header_is_kept() {
    // A segment of 1 byte at 1000 to 8191 has a header of 6 bytes: flags, `i32.const`, the
    // offset in 2 bytes, `end`, the length. 5 zero bytes are merged, 6 are not.
    let (_, merged) = merged(
        r#"(module (memory 1)
             (data (i32.const 1000) "a")
             (data (i32.const 1006) "b")
             (data (i32.const 1013) "c"))"#,
    );
    assert_eq!(segments(&merged).0, [(Some(1000), b"a\0\0\0\0\0b".to_vec()), (Some(1013), b"c".to_vec())]);
}

#[test]
fn passive_segments_keep_their_index_and_the_count_follows() {
    let (module, merged) = merged(
        r#"(module (memory 1)
             (data "passive")
             (data (i32.const 16) "x")
             (data (i32.const 18) "y")
             (func (memory.init 0 (i32.const 0) (i32.const 0) (i32.const 7)) (data.drop 0)))"#,
    );
    assert_eq!(segments(&module).1, Some(3));
    assert_eq!(segments(&merged), (vec![(None, b"passive".to_vec()), (Some(16), b"x\0y".to_vec())], Some(2)));
}

#[test]
fn overlapping_and_backward_segments_are_left_apart() {
    // A later segment overwrites an earlier one: merging them would change what memory holds.
    let (module, merged) = merged(
        r#"(module (memory 1)
             (data (i32.const 100) "abcd")
             (data (i32.const 102) "XY")
             (data (i32.const 50) "z"))"#,
    );
    assert_eq!(segments(&merged).0, segments(&module).0);
    assert_eq!(image(&merged), image(&module));
}

#[test]
fn segments_at_computed_offsets_are_left_alone() {
    let (module, merged) = merged(
        r#"(module (memory 1) (global $at i32 (i32.const 64))
             (data (i32.const 60) "ab")
             (data (global.get $at) "cd")
             (data (i32.const 66) "ef"))"#,
    );
    assert_eq!(segments(&merged).0, segments(&module).0);
}

#[test]
fn a_module_without_data_is_unchanged() {
    let module = wat::parse_str("(module (memory 1) (func))").unwrap();
    assert_eq!(merge(&module).unwrap(), module);
}
