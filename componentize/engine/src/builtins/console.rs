//! `console`'s natives: a line to stdout or stderr, and the last words of an uncaught
//! exception. The formatting is in `console.js`.

use std::io::Write;

use rquickjs::{Ctx, Function, Object};

use super::utf8;

pub fn add_natives<'js>(ctx: &Ctx<'js>, native: &Object<'js>) -> rquickjs::Result<()> {
    native.set("write", Function::new(ctx.clone(), write)?)?;
    native.set("fatal", Function::new(ctx.clone(), fatal)?)?;
    Ok(())
}

/// `write(fd, line)`: the line and a newline on fd 1 or 2, through preview 1 `fd_write`
/// (the init host's at pre-initialisation, `wasi_p1`'s at run time). A failed write is
/// dropped: printing must not throw.
fn write(fd: i32, line: rquickjs::String<'_>) -> rquickjs::Result<()> {
    let mut bytes = utf8_of(line)?;
    bytes.push(b'\n');
    let _ = match fd {
        1 => std::io::stdout().write_all(&bytes),
        _ => std::io::stderr().write_all(&bytes),
    };
    Ok(())
}

/// `fatal(message)`: prints the message on stderr and traps.
fn fatal(message: rquickjs::String<'_>) -> rquickjs::Result<()> {
    let message = String::from_utf8(utf8_of(message)?).unwrap_or_default();
    crate::errors::trap(&message)
}

/// A JS string as UTF-8, lone surrogates replaced by U+FFFD.
pub fn utf8_of(string: rquickjs::String<'_>) -> rquickjs::Result<Vec<u8>> {
    let c = string.to_cstring()?;
    // QuickJS's own UTF-8, which keeps lone surrogates (as WTF-8 does).
    let mut bytes = unsafe { std::slice::from_raw_parts(c.as_ptr().cast::<u8>(), c.len()) }.to_vec();
    utf8::replace_lone_surrogates(&mut bytes);
    Ok(bytes)
}
