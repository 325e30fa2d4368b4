//! stdio MODE [EXIT_CODE [STDERR_TEXT]]
//!   copy    copies stdin to stdout with io::copy (binary-safe, any size)
//!   chunks  copies stdin to stdout 7 bytes at a time, flushing after every write
//!   gen N   writes N bytes of a fixed pattern (all 256 byte values) to stdout, reads no stdin
//!   none    touches neither stdin nor stdout
//! Then writes one line on stderr: `stdio: MODE: <in> bytes in, <out> bytes out, fnv1a <hash of
//! stdout>`, then STDERR_TEXT (if any) on its own line, and exits with EXIT_CODE (default 0)
//! through std::process::exit, after flushing stdout.

use std::io::{self, Read, Write};
use std::process;
use wasi_programs::{FNV_OFFSET, fnv1a};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = args.first().map(String::as_str).unwrap_or("copy");
    let mut rest = args.iter().skip(1);
    let mut stdout = io::stdout().lock();
    let (mut n_in, mut n_out, mut hash) = (0u64, 0u64, FNV_OFFSET);
    match mode {
        "copy" => {
            // A reader that hashes what passes through it.
            struct Hashing<R> {
                inner: R,
                n: u64,
                hash: u64,
            }
            impl<R: Read> Read for Hashing<R> {
                fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                    let n = self.inner.read(buf)?;
                    self.n += n as u64;
                    self.hash = fnv1a(&buf[..n], self.hash);
                    Ok(n)
                }
            }
            let mut r = Hashing {
                inner: io::stdin().lock(),
                n: 0,
                hash: FNV_OFFSET,
            };
            n_out = io::copy(&mut r, &mut stdout).expect("copy stdin to stdout");
            (n_in, hash) = (r.n, r.hash);
        }
        "chunks" => {
            let mut stdin = io::stdin().lock();
            let mut buf = [0u8; 7];
            loop {
                let n = stdin.read(&mut buf).expect("read stdin");
                if n == 0 {
                    break;
                }
                n_in += n as u64;
                stdout.write_all(&buf[..n]).expect("write stdout");
                stdout.flush().expect("flush stdout");
                n_out += n as u64;
                hash = fnv1a(&buf[..n], hash);
            }
        }
        "gen" => {
            let total: u64 = rest.next().and_then(|s| s.parse().ok()).expect("gen N");
            let block: Vec<u8> = (0..=255u8).cycle().take(64 * 1024 + 3).collect();
            while n_out < total {
                let n = block.len().min((total - n_out) as usize);
                stdout.write_all(&block[..n]).expect("write stdout");
                hash = fnv1a(&block[..n], hash);
                n_out += n as u64;
            }
        }
        "none" => {}
        other => {
            eprintln!("stdio: unknown mode {other:?}");
            process::exit(2);
        }
    }
    stdout.flush().expect("flush stdout");
    let code: i32 = rest
        .next()
        .map(|s| s.parse().expect("EXIT_CODE"))
        .unwrap_or(0);
    eprintln!("stdio: {mode}: {n_in} bytes in, {n_out} bytes out, fnv1a {hash:016x}");
    if let Some(text) = rest.next() {
        eprintln!("{text}");
    }
    process::exit(code);
}
