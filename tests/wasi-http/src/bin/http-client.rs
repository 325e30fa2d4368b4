//! Outgoing HTTP from a `wasi:cli/run` program, for `ferry run` against `wasmtime run`
//! (tests/wasi/run.test.mjs). The first argument is the authority (`127.0.0.1:PORT`) of the
//! test's loopback server, whose paths are:
//!   /hello      200 `hello from node`, echoing the request's `x-*` headers
//!   /echo       200, the request body streamed back, its request trailers as response headers
//!   /missing    404 `not here`
//!   /trailers   200 chunked, trailers `x-sum` and `x-count`
//!   /slow       answers after 3 s (the request sets a 200 ms first-byte timeout)
//! The second argument is an authority where nothing listens. The steps to run follow (all, in
//! this order, when none is named): hello, echo, upload, missing, trailers, slow, refused; a
//! browser runs those it can do as wasmtime does (tests/browser/wasi.test.mjs). Each step
//! prints one line per fact; a failure prints the error code and the program goes on.

wit_bindgen::generate!({ world: "client", path: "wit", generate_all });

use wasi::http::outgoing_handler::{self, ErrorCode};
use wasi::http::types::*;
use wasi::io::streams::StreamError;

/// A request's parts: what `send` needs beyond the method and path.
#[derive(Default)]
struct Send<'a> {
    headers: &'a [(&'a str, &'a str)],
    body: &'a [u8],
    trailers: &'a [(&'a str, &'a str)],
    first_byte_timeout_ms: Option<u64>,
}

/// What came back: status, the `x-*` and content-type headers (sorted), body and trailers.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    trailers: Option<Vec<(String, String)>>,
}

fn fields(pairs: &[(&str, &str)]) -> Fields {
    let list: Vec<(String, Vec<u8>)> = pairs.iter().map(|(n, v)| (n.to_string(), v.as_bytes().to_vec())).collect();
    Fields::from_list(&list).expect("valid fields")
}

/// The entries worth comparing: `content-type` and `x-*`, sorted (servers add `date` and such).
fn visible(fields: &Fields) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = fields
        .entries()
        .into_iter()
        .filter(|(name, _)| name == "content-type" || name.starts_with("x-"))
        .map(|(name, value)| (name, String::from_utf8_lossy(&value).into_owned()))
        .collect();
    out.sort();
    out
}

/// Writes all of `bytes` to `stream`, in pieces no larger than `check-write` allows.
fn write_all(stream: &wasi::io::streams::OutputStream, mut bytes: &[u8]) -> Result<(), StreamError> {
    while !bytes.is_empty() {
        stream.subscribe().block();
        let allowed = stream.check_write()? as usize;
        let n = allowed.min(bytes.len()).min(4096);
        if n == 0 {
            continue;
        }
        stream.write(&bytes[..n])?;
        bytes = &bytes[n..];
    }
    stream.blocking_flush()
}

fn send(authority: &str, method: Method, path: &str, parts: Send) -> Result<Answer, ErrorCode> {
    let request = OutgoingRequest::new(fields(parts.headers));
    request.set_method(&method).unwrap();
    request.set_scheme(Some(&Scheme::Http)).unwrap();
    request.set_authority(Some(authority)).unwrap();
    request.set_path_with_query(Some(path)).unwrap();
    let body = request.body().unwrap();
    let options = parts.first_byte_timeout_ms.map(|ms| {
        let options = RequestOptions::new();
        options.set_first_byte_timeout(Some(ms * 1_000_000)).unwrap();
        options
    });
    let pending = outgoing_handler::handle(request, options)?;
    // An empty body is not written at all: the server may answer (and the host drop the
    // body's stream) before a flush would get there.
    if !parts.body.is_empty() {
        let stream = body.write().unwrap();
        write_all(&stream, parts.body).expect("request body written");
    }
    let trailers = (!parts.trailers.is_empty()).then(|| fields(parts.trailers));
    OutgoingBody::finish(body, trailers)?;

    pending.subscribe().block();
    let response = pending.get().expect("ready").expect("first get")?;
    let status = response.status();
    let headers = visible(&response.headers());
    let incoming = response.consume().unwrap();
    let mut body = Vec::new();
    {
        let stream = incoming.stream().unwrap();
        loop {
            match stream.blocking_read(64 * 1024) {
                Ok(chunk) => body.extend_from_slice(&chunk),
                Err(StreamError::Closed) => break,
                Err(StreamError::LastOperationFailed(e)) => {
                    return Err(outgoing_handler::ErrorCode::InternalError(Some(e.to_debug_string())));
                }
            }
        }
    }
    let future = IncomingBody::finish(incoming);
    future.subscribe().block();
    let trailers = future.get().expect("ready").expect("first get")?.map(|t| visible(&t));
    Ok(Answer { status, headers, body, trailers })
}

fn report(step: &str, answer: Result<Answer, ErrorCode>, show_body: bool) {
    match answer {
        Ok(a) => {
            println!("{step}: status {}", a.status);
            for (name, value) in &a.headers {
                println!("{step}: header {name}: {value}");
            }
            if show_body {
                println!("{step}: body {:?}", String::from_utf8_lossy(&a.body));
            } else {
                println!("{step}: body {} bytes, checksum {:08x}", a.body.len(), checksum(&a.body));
            }
            match a.trailers {
                None => println!("{step}: no trailers"),
                Some(t) => println!("{step}: trailers {t:?}"),
            }
        }
        Err(e) => println!("{step}: error {e:?}"),
    }
}

/// FNV-1a: enough to tell bodies apart.
fn checksum(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c9dc5u32, |h, &b| (h ^ b as u32).wrapping_mul(0x01000193))
}

/// Every step, in the order they run: its name and what it does.
const STEPS: [(&str, fn(&str, &str)); 7] = [
    ("hello", |server, _| {
        let hello = send(server, Method::Get, "/hello", Send { headers: &[("x-ferry", "1"), ("x-two", "a b")], ..Default::default() });
        report("hello", hello, true);
    }),
    ("echo", |server, _| {
        let payload = payload();
        println!("echo: sent {} bytes, checksum {:08x}", payload.len(), checksum(&payload));
        let echo = send(server, Method::Post, "/echo", Send { headers: &[("trailer", "x-sent")], body: &payload, trailers: &[("x-sent", "yes"), ("x-undeclared", "no")], ..Default::default() });
        report("echo", echo, false);
    }),
    // The same body without trailers (which a browser's fetch cannot send).
    ("upload", |server, _| {
        let upload = send(server, Method::Post, "/echo", Send { body: &payload(), ..Default::default() });
        report("upload", upload, false);
    }),
    ("missing", |server, _| report("missing", send(server, Method::Get, "/missing", Send::default()), true)),
    ("trailers", |server, _| report("trailers", send(server, Method::Get, "/trailers", Send::default()), true)),
    ("slow", |server, _| {
        let slow = send(server, Method::Get, "/slow", Send { first_byte_timeout_ms: Some(200), ..Default::default() });
        report("slow", slow, true);
    }),
    ("refused", |_, nobody| report("refused", send(nobody, Method::Get, "/", Send::default()), true)),
];

/// 300 000 bytes of every value, for the bodies sent.
fn payload() -> Vec<u8> {
    (0..300_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (server, nobody, named) = (&args[1], &args[2], &args[3..]);
    for name in named {
        if !STEPS.iter().any(|(step, _)| step == name) {
            eprintln!("http-client: unknown step {name:?}");
            std::process::exit(2);
        }
    }
    for (step, run) in STEPS {
        if named.is_empty() || named.iter().any(|n| n == step) {
            run(server, nobody);
        }
    }
}
