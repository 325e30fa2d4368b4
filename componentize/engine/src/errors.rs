//! What the engine says when something fails, on stderr, and traps.

use rquickjs::{Coerced, Ctx, Value};

/// Prints `message` to stderr and traps: the component must not run on after this.
pub fn trap(message: &str) -> ! {
    eprintln!("{message}");
    core::arch::wasm32::unreachable()
}

/// The pending JS exception of a failed rquickjs call, as a JS value. Errors rquickjs raised
/// itself (a failed conversion) are thrown first, so they have a message like any other.
pub fn exception<'js>(ctx: &Ctx<'js>, error: rquickjs::Error) -> Value<'js> {
    if !matches!(error, rquickjs::Error::Exception) {
        let _ = rquickjs::Exception::throw_message(ctx, &error.to_string());
    }
    ctx.catch()
}

/// `Name: message` and the JS stack below it, for an `Error`; the value as a string for
/// anything else thrown.
pub fn describe(value: &Value<'_>) -> String {
    let Some(object) = value.as_object() else {
        return string_of(value);
    };
    let text = |key: &str| match object.get::<_, Option<Coerced<String>>>(key) {
        Ok(Some(s)) => s.0,
        _ => String::new(),
    };
    let (name, message, stack) = (text("name"), text("message"), text("stack"));
    if name.is_empty() && message.is_empty() {
        return string_of(value);
    }
    let mut out = match (name.is_empty(), message.is_empty()) {
        (false, false) => format!("{name}: {message}"),
        (true, _) => message,
        (_, true) => name,
    };
    let stack = stack.trim_end();
    if !stack.is_empty() {
        out.push('\n');
        out.push_str(stack);
    }
    out
}

fn string_of(value: &Value<'_>) -> String {
    if let Some(s) = value.as_string() {
        return s.to_string().unwrap_or_default();
    }
    match value.get::<Coerced<String>>() {
        Ok(s) => s.0,
        Err(_) => format!("a {}", value.type_name()),
    }
}

/// An exception no JS code caught while an export ran: print it and trap.
pub fn uncaught(ctx: &Ctx<'_>, error: rquickjs::Error) -> ! {
    let value = exception(ctx, error);
    trap(&format!("Uncaught {}", describe(&value)))
}
