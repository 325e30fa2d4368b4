//! `test:strings` with strings in utf16, by hand (see ../../exports.rs).

#[path = "../../../raw_abi.rs"]
mod abi;
#[path = "../../exports.rs"]
mod exports;

const ENCODING: abi::Encoding = abi::Encoding::Utf16;
