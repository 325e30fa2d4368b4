//! `ferry run`: runs a `wasi:cli/run` component on Node, sandboxed as `wasmtime run` does.
//! The component is transpiled into a temporary directory beside a copy of the WASI host
//! package (embedded in this binary), and a Node process runs it with the grants given here.

use ferry_transpiler::{Options, transpile};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

mod shims {
    include!(concat!(env!("OUT_DIR"), "/shims.rs"));
}

#[derive(clap::Args)]
pub struct Args {
    /// The component to run (a `.wasm` file exporting `wasi:cli/run`).
    component: PathBuf,

    /// Grant a host directory, seen by the component at the same path or at GUEST. Repeatable.
    #[arg(long = "dir", value_name = "HOST[::GUEST]")]
    dirs: Vec<String>,

    /// Set an environment variable, or pass the host's value of NAME. Repeatable.
    #[arg(long = "env", value_name = "NAME[=VALUE]")]
    envs: Vec<String>,

    /// Pass every environment variable of the host.
    #[arg(long)]
    inherit_env: bool,

    /// Allow the component to use the network (`wasi:sockets`, `wasi:http`).
    #[arg(long)]
    inherit_network: bool,

    /// Arguments for the program.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, value_name = "ARGS")]
    args: Vec<String>,
}

/// Runs the component; its exit code becomes ferry's.
pub fn run(args: Args) -> Result<ExitCode, String> {
    let file = args.component.display().to_string();
    let bytes = std::fs::read(&args.component).map_err(|e| format!("{file}: cannot read: {e}"))?;
    let output = transpile(&bytes, &Options { name: "component".to_string(), ..Options::default() })
        .map_err(|e| format!("{file}: {e}"))?;
    let grants = grants(&args, &file)?;

    let dir = TempDir::new()?;
    for (name, contents) in &output.files {
        dir.write(name, contents)?;
    }
    for (path, contents) in shims::FILES {
        dir.write(&format!("node_modules/@ferry-wasm/shims/{path}"), contents)?;
    }
    let main = format!(
        "import {{ runCommand }} from '@ferry-wasm/shims/command';\n\
         process.exit(await runCommand(new URL('./component.js', import.meta.url).href, {grants}, {}));\n",
        json(&file)
    );
    dir.write("main.mjs", main.as_bytes())?;

    let node = std::env::var_os("FERRY_NODE").unwrap_or_else(|| "node".into());
    let status = Command::new(&node)
        .arg(dir.path.join("main.mjs"))
        .status()
        .map_err(|e| format!("cannot start Node (`{}`): {e}", node.to_string_lossy()))?;
    Ok(match status.code() {
        Some(code) => ExitCode::from(code as u8),
        None => ExitCode::FAILURE,
    })
}

/// The shims' `configure` options for the flags, as a JS object literal.
fn grants(args: &Args, file: &str) -> Result<String, String> {
    let mut env: Vec<(String, String)> = if args.inherit_env { std::env::vars().collect() } else { Vec::new() };
    for entry in &args.envs {
        let (name, value) = match entry.split_once('=') {
            Some((name, value)) => (name.to_string(), value.to_string()),
            None => match std::env::var(entry) {
                Ok(value) => (entry.clone(), value),
                Err(_) => continue,
            },
        };
        // As wasmtime: a repeated name is passed again, after the earlier ones.
        env.push((name, value));
    }
    let mut preopens = Vec::new();
    for entry in &args.dirs {
        let (host, guest) = entry.split_once("::").unwrap_or((entry, entry));
        let absolute = Path::new(host)
            .canonicalize()
            .map_err(|e| format!("--dir `{entry}`: cannot open directory `{host}`: {e}"))?;
        if !absolute.is_dir() {
            return Err(format!("--dir `{entry}`: `{host}` is not a directory"));
        }
        preopens.push((absolute.to_string_lossy().into_owned(), guest.to_string()));
    }
    // As wasmtime: the program's name is the component's file name.
    let program = args.component.file_name().map_or_else(|| file.to_string(), |n| n.to_string_lossy().into_owned());
    let program_args: Vec<String> = std::iter::once(program).chain(args.args.iter().cloned()).collect();
    let list = |items: Vec<String>| format!("[{}]", items.join(", "));
    let pairs = |items: &[(String, String)]| list(items.iter().map(|(a, b)| list(vec![json(a), json(b)])).collect());
    Ok(format!(
        "{{ args: {}, env: {}, preopens: {}, network: {} }}",
        list(program_args.iter().map(|a| json(a)).collect()),
        pairs(&env),
        pairs(&preopens),
        args.inherit_network
    ))
}

/// A JSON (and JS) string literal.
fn json(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A directory removed when dropped.
struct TempDir {
    path: PathBuf,
}

impl TempDir {
    fn new() -> Result<TempDir, String> {
        let base = std::env::temp_dir();
        for attempt in 0..100u32 {
            let path = base.join(format!("ferry-run-{}-{attempt}", std::process::id()));
            if std::fs::create_dir(&path).is_ok() {
                return Ok(TempDir { path });
            }
        }
        Err(format!("cannot create a temporary directory in {}", base.display()))
    }

    fn write(&self, name: &str, contents: &[u8]) -> Result<(), String> {
        let path = self.path.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, contents).map_err(|e| format!("{}: {e}", path.display()))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings() {
        assert_eq!(json("a\"b\\c\n"), "\"a\\\"b\\\\c\\u000a\"");
    }

    #[test]
    fn the_shims_are_embedded() {
        let paths: Vec<&str> = shims::FILES.iter().map(|(p, _)| *p).collect();
        for needed in ["package.json", "src/command.js", "src/cli.js", "src/io/streams.js"] {
            assert!(paths.contains(&needed), "{needed} missing from {paths:?}");
        }
    }
}
