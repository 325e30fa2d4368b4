//! Typed arrays, the JS form of lists of numbers, through QuickJS's C API: one code path for
//! every element type (rquickjs's `TypedArray<T>` is generic, and big once per type).

use ferry_componentize_schema::Type;
use rquickjs::{ArrayBuffer, Ctx, Result, Value, qjs};

/// The typed array kind for lists of `elem`, if it is a number type.
pub fn kind(elem: &Type) -> Option<qjs::JSTypedArrayEnum> {
    Some(match elem {
        Type::U8 => qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_UINT8,
        Type::S8 => qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_INT8,
        Type::U16 => qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_UINT16,
        Type::S16 => qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_INT16,
        Type::U32 => qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_UINT32,
        Type::S32 => qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_INT32,
        Type::U64 => qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_BIG_UINT64,
        Type::S64 => qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_BIG_INT64,
        Type::F32 => qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_FLOAT32,
        Type::F64 => qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_FLOAT64,
        _ => return None,
    })
}

/// A new typed array of `kind` holding a copy of `bytes`.
pub fn new<'js>(ctx: &Ctx<'js>, kind: qjs::JSTypedArrayEnum, bytes: &[u8]) -> Result<Value<'js>> {
    let buffer = ArrayBuffer::new_copy(ctx.clone(), bytes)?;
    let mut argv = [buffer.as_value().as_raw()];
    let array = unsafe { qjs::JS_NewTypedArray(ctx.as_raw().as_ptr(), 1, argv.as_mut_ptr(), kind) };
    if unsafe { qjs::JS_IsException(array) } {
        return Err(rquickjs::Error::Exception);
    }
    Ok(unsafe { Value::from_raw(ctx.clone(), array) })
}

/// A copy of the bytes of `value` if it is a typed array of `kind` (`Uint8ClampedArray` counts
/// as `Uint8Array`) and not detached.
pub fn bytes<'js>(ctx: &Ctx<'js>, value: &Value<'js>, kind: qjs::JSTypedArrayEnum) -> Option<Vec<u8>> {
    if !value.is_object() {
        return None;
    }
    let actual = unsafe { qjs::JS_GetTypedArrayType(value.as_raw()) };
    let clamped = qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_UINT8C as i32;
    let same = actual == kind as i32 || (actual == clamped && kind == qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_UINT8);
    if !same {
        return None;
    }
    let raw = ctx.as_raw().as_ptr();
    let (mut offset, mut length, mut element) = (0, 0, 0);
    let buffer = unsafe { qjs::JS_GetTypedArrayBuffer(raw, value.as_raw(), &mut offset, &mut length, &mut element) };
    if unsafe { qjs::JS_IsException(buffer) } {
        ctx.catch();
        return None;
    }
    let buffer = unsafe { Value::from_raw(ctx.clone(), buffer) };
    let mut size = 0;
    let data = unsafe { qjs::JS_GetArrayBuffer(raw, &mut size, buffer.as_raw()) };
    if data.is_null() || offset as usize + length as usize > size as usize {
        ctx.catch();
        return None;
    }
    // Copied at once: no JS runs while the slice lives.
    Some(unsafe { std::slice::from_raw_parts(data.add(offset as usize), length as usize) }.to_vec())
}
