//! A `wasi:http/proxy` component for `ferry serve` (tests/wasi/serve.test.mjs): answers with
//! the request's method, path, scheme, authority and `x-*` headers as response headers, and
//! its body streamed back. The status is the `x-status` header's, or 200. Paths:
//!   /trap         panics (a trap) before answering
//!   /trap-late    answers 200, writes part of the body, then panics
//!   /no-response  returns without setting the response
//!   /error        sets the response to an `error-code`
//!   /trailers     answers with a trailer `x-trailer: done`

wit_bindgen::generate!({ world: "echo", path: "wit", generate_all });

use exports::wasi::http::incoming_handler::Guest;
use wasi::http::types::*;

struct Echo;

fn method_name(method: &Method) -> String {
    match method {
        Method::Get => "GET".into(),
        Method::Head => "HEAD".into(),
        Method::Post => "POST".into(),
        Method::Put => "PUT".into(),
        Method::Delete => "DELETE".into(),
        Method::Connect => "CONNECT".into(),
        Method::Options => "OPTIONS".into(),
        Method::Trace => "TRACE".into(),
        Method::Patch => "PATCH".into(),
        Method::Other(name) => name.clone(),
    }
}

fn scheme_name(scheme: Option<Scheme>) -> String {
    match scheme {
        None => "none".into(),
        Some(Scheme::Http) => "http".into(),
        Some(Scheme::Https) => "https".into(),
        Some(Scheme::Other(name)) => name,
    }
}

impl Guest for Echo {
    fn handle(request: IncomingRequest, out: ResponseOutparam) {
        let path = request.path_with_query().unwrap_or_default();
        match path.as_str() {
            "/trap" => panic!("trap requested"),
            "/no-response" => return,
            "/error" => {
                ResponseOutparam::set(out, Err(ErrorCode::InternalError(Some("refused".into()))));
                return;
            }
            _ => {}
        }
        let mut headers: Vec<(String, Vec<u8>)> = vec![
            ("x-method".into(), method_name(&request.method()).into_bytes()),
            ("x-path".into(), path.clone().into_bytes()),
            ("x-scheme".into(), scheme_name(request.scheme()).into_bytes()),
            ("x-authority".into(), request.authority().unwrap_or_default().into_bytes()),
        ];
        let mut status = 200;
        for (name, value) in request.headers().entries() {
            if name == "x-status" {
                status = String::from_utf8_lossy(&value).parse().unwrap_or(500);
            } else if name.starts_with("x-") {
                headers.push((format!("x-echo-{name}"), value));
            }
        }
        let response = OutgoingResponse::new(Fields::from_list(&headers).unwrap());
        response.set_status_code(status).unwrap();
        let body = response.body().unwrap();
        ResponseOutparam::set(out, Ok(response));

        let input = request.consume().unwrap();
        let output = body.write().unwrap();
        {
            let from = input.stream().unwrap();
            if path == "/trap-late" {
                output.blocking_write_and_flush(b"partial").unwrap();
                panic!("late trap requested");
            }
            loop {
                match from.blocking_read(65536) {
                    Ok(bytes) => output.blocking_write_and_flush(&bytes).unwrap(),
                    Err(_) => break,
                }
            }
        }
        drop(output);
        let trailers = (path == "/trailers").then(|| Fields::from_list(&[("x-trailer".into(), b"done".to_vec())]).unwrap());
        OutgoingBody::finish(body, trailers).unwrap();
    }
}

export!(Echo);
