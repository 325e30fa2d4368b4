//! args-env [ARG]...: prints its arguments, then the variables named by `var:NAME` arguments,
//! then the whole environment sorted (and, given the argument `raw-order`, as the host gave
//! it: duplicates and order matter to getenv, which takes the first), then the current
//! directory. Exits 0.
//!
//! Shows what `--env NAME=VALUE`, `--env NAME` (inherited from the host), `--inherit-env` and
//! the arguments after the program give the guest, argv[0] included.

use std::env;

fn main() {
    let args: Vec<_> = env::args_os().collect();
    println!("argc: {}", args.len());
    for (i, a) in args.iter().enumerate() {
        println!("arg[{i}]: {a:?}");
    }
    for a in args.iter().skip(1) {
        if let Some(name) = a.to_str().and_then(|a| a.strip_prefix("var:")) {
            // Ok("..."), Err(NotPresent) or Err(NotUnicode(..)).
            println!("var {name}: {:?}", env::var(name));
        }
    }
    if args.iter().any(|a| a == "raw-order") {
        println!("environment as given:");
        for (k, v) in env::vars_os() {
            println!("  {k:?}={v:?}");
        }
    }
    let mut vars: Vec<_> = env::vars_os().collect();
    vars.sort();
    println!("environment: {} variables", vars.len());
    for (k, v) in &vars {
        println!("  {k:?}={v:?}");
    }
    println!(
        "current_dir: {:?}",
        env::current_dir().map_err(|e| wasi_programs::err(&e))
    );
}
