//! exit-codes HOW [ARG]: ends the program in one way, after printing `before` on stdout and
//! stderr (so a host must flush what the guest wrote before it ended).
//!   exit N        std::process::exit(N)
//!   exit-partial N  print!("no newline") then std::process::exit(N)
//!   return N      main returns ExitCode::from(N)
//!   err           main returns Err(..): std prints `Error: ...` on stderr
//!   ok            main returns normally
//!   panic MSG     panic!("{MSG}"): the panic message on stderr, then a trap (panic=abort)
//!   abort         std::process::abort(): a trap with nothing printed
//!   unreachable   the wasm `unreachable` instruction

use std::io;
use std::process::ExitCode;

fn main() -> Result<ExitCode, io::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let how = args.first().map(String::as_str).unwrap_or("ok");
    let arg = args.get(1).map(String::as_str);
    let n = || -> i32 { arg.expect("exit code argument").parse().expect("exit code") };
    println!("before {how}");
    eprintln!("before {how}");
    match how {
        "exit" => std::process::exit(n()),
        "exit-partial" => {
            print!("no newline");
            std::process::exit(n())
        }
        "return" => Ok(ExitCode::from(n() as u8)),
        "err" => Err(io::Error::other("the program failed")),
        "ok" => Ok(ExitCode::SUCCESS),
        "panic" => panic!("{}", arg.unwrap_or("boom")),
        "abort" => std::process::abort(),
        "unreachable" => core::arch::wasm32::unreachable(),
        other => {
            eprintln!("exit-codes: unknown {other:?}");
            Ok(ExitCode::from(2))
        }
    }
}
