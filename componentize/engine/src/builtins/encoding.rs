//! `TextEncoder`'s and `TextDecoder`'s natives; the classes are in `encoding.js`, the UTF-8
//! rules in `utf8.rs`.

use rquickjs::convert::List;
use rquickjs::{Ctx, Exception, Function, Object, TypedArray};

use super::console::utf8_of;
use super::utf8;

pub fn add_natives<'js>(ctx: &Ctx<'js>, native: &Object<'js>) -> rquickjs::Result<()> {
    native.set("encode", Function::new(ctx.clone(), encode)?)?;
    native.set("encodeInto", Function::new(ctx.clone(), encode_into)?)?;
    native.set("decode", Function::new(ctx.clone(), decode)?)?;
    Ok(())
}

/// `encode(string)`: a new `Uint8Array`.
fn encode<'js>(ctx: Ctx<'js>, string: rquickjs::String<'js>) -> rquickjs::Result<TypedArray<'js, u8>> {
    TypedArray::new(ctx, utf8_of(string)?)
}

/// `encodeInto(string, destination)`: `{ read, written }`, whole characters only.
fn encode_into<'js>(
    ctx: Ctx<'js>,
    string: rquickjs::String<'js>,
    destination: TypedArray<'js, u8>,
) -> rquickjs::Result<Object<'js>> {
    let bytes = utf8_of(string)?;
    let (read, written) = match destination.as_raw() {
        Some(raw) => {
            let (read, written) = utf8::fit(&bytes, raw.len());
            // No JS runs while the pointer is in use.
            unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), raw.as_ptr().cast::<u8>(), written) };
            (read, written)
        }
        None => (0, 0),
    };
    let result = Object::new(ctx)?;
    result.set("read", read)?;
    result.set("written", written)?;
    Ok(result)
}

/// `decode(bytes, fatal, stream)`: `[text, bytes decoded]`.
fn decode<'js>(
    ctx: Ctx<'js>,
    bytes: TypedArray<'js, u8>,
    fatal: bool,
    stream: bool,
) -> rquickjs::Result<List<(String, usize)>> {
    // No JS runs while the slice is in use; a detached buffer has no bytes.
    let bytes = unsafe { bytes.as_bytes() }.unwrap_or_default();
    match utf8::decode(bytes, fatal, stream) {
        Ok((text, used)) => Ok(List((text.into_owned(), used))),
        Err(utf8::Malformed) => Err(Exception::throw_type(&ctx, "The encoded data was not valid for encoding utf-8")),
    }
}
