//! `wasi-io`: the WASI benchmark program, a `wasi:cli/run` command (wasm32-wasip2).
//!   wasi-io stdout BYTES   writes BYTES bytes of text lines to stdout
//!   wasi-io read PATH      reads the file in 64 KiB reads; prints its size and checksum
//! The output (or the checksum) lets the benchmark check that every byte crossed.

use std::io::{Read, Write};
use std::process::ExitCode;

const CHUNK: usize = 64 * 1024;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let result = match args.get(1..).unwrap_or_default() {
        [cmd, bytes] if cmd == "stdout" => match bytes.parse() {
            Ok(n) => write_stdout(n),
            Err(e) => Err(format!("bad byte count {bytes:?}: {e}")),
        },
        [cmd, path] if cmd == "read" => read_file(path),
        _ => Err("usage: wasi-io stdout BYTES | wasi-io read PATH".to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("wasi-io: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Lines of 64 bytes (63 letters and a newline), cut off at `n` bytes.
fn write_stdout(mut n: usize) -> Result<(), String> {
    let line: Vec<u8> = (0..63u8).map(|i| b'a' + i % 26).chain([b'\n']).collect();
    let chunk: Vec<u8> = line.iter().copied().cycle().take(CHUNK).collect();
    let mut out = std::io::stdout().lock();
    while n > 0 {
        let len = n.min(CHUNK);
        out.write_all(&chunk[..len]).map_err(|e| format!("writing stdout: {e}"))?;
        n -= len;
    }
    out.flush().map_err(|e| format!("flushing stdout: {e}"))
}

/// Prints `<bytes> <checksum>`: the byte count and the wrapping sum of the bytes.
fn read_file(path: &str) -> Result<(), String> {
    let mut file = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
    let mut buf = vec![0; CHUNK];
    let (mut total, mut sum) = (0u64, 0u64);
    loop {
        let n = file.read(&mut buf).map_err(|e| format!("{path}: {e}"))?;
        if n == 0 {
            break;
        }
        total += n as u64;
        sum = buf[..n].iter().fold(sum, |s, &b| s.wrapping_add(b as u64));
    }
    println!("{total} {sum}");
    Ok(())
}
