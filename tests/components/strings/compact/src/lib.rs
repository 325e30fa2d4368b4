//! `test:strings` with strings in latin1+utf16, by hand (see ../../exports.rs).

#[path = "../../../raw_abi.rs"]
mod abi;
#[path = "../../exports.rs"]
mod exports;

const ENCODING: abi::Encoding = abi::Encoding::CompactUtf16;
