//! What `ferry run` and `ferry serve` share: a temporary directory holding the transpiled
//! component beside a copy of the WASI host package (embedded in this binary), the grants
//! given by the flags as the shims' `configure` options, and the Node process that runs it.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, ExitStatus};
use std::sync::atomic::{AtomicI32, AtomicU32, Ordering};

mod shims {
    include!(concat!(env!("OUT_DIR"), "/shims.rs"));
}

/// The flags that grant a component access to the host, as `wasmtime run` and `serve` take them.
#[derive(clap::Args)]
pub struct Grants {
    /// Grant a host directory, seen by the component at the same path or at GUEST. Repeatable.
    #[arg(long = "dir", value_name = "HOST[::GUEST]")]
    pub dirs: Vec<String>,

    /// Set an environment variable, or pass the host's value of NAME. Repeatable.
    #[arg(long = "env", value_name = "NAME[=VALUE]")]
    pub envs: Vec<String>,

    /// Pass every environment variable of the host.
    #[arg(long)]
    pub inherit_env: bool,

    /// Allow the component to use the network (`wasi:sockets`, `wasi:http`).
    #[arg(long)]
    pub inherit_network: bool,
}

impl Grants {
    /// The shims' `configure` options for the flags and the program's arguments, as a JS object literal.
    pub fn options(&self, program_args: &[String]) -> Result<String, String> {
        let mut env: Vec<(String, String)> = if self.inherit_env { std::env::vars().collect() } else { Vec::new() };
        for entry in &self.envs {
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
        for entry in &self.dirs {
            let (host, guest) = entry.split_once("::").unwrap_or((entry, entry));
            let absolute = Path::new(host)
                .canonicalize()
                .map_err(|e| format!("--dir `{entry}`: cannot open directory `{host}`: {e}"))?;
            if !absolute.is_dir() {
                return Err(format!("--dir `{entry}`: `{host}` is not a directory"));
            }
            preopens.push((absolute.to_string_lossy().into_owned(), guest.to_string()));
        }
        let list = |items: Vec<String>| format!("[{}]", items.join(", "));
        let pairs = |items: &[(String, String)]| list(items.iter().map(|(a, b)| list(vec![json(a), json(b)])).collect());
        Ok(format!(
            "{{ args: {}, env: {}, preopens: {}, network: {} }}",
            list(program_args.iter().map(|a| json(a)).collect()),
            pairs(&env),
            pairs(&preopens),
            self.inherit_network
        ))
    }
}

/// Writes `files` (the transpiled component) and the shims into a temporary directory, then
/// `main.mjs` (which imports from `@ferry-wasm/shims`), and runs it with Node (`FERRY_NODE`,
/// or `node`); Node's exit code becomes ferry's.
pub fn run_node(files: &[(String, impl AsRef<[u8]>)], main: &str) -> Result<ExitCode, String> {
    forward_signals();
    let dir = TempDir::new()?;
    for (name, contents) in files {
        dir.write(name, contents.as_ref())?;
    }
    for (path, contents) in shims::FILES {
        dir.write(&format!("node_modules/@ferry-wasm/shims/{path}"), contents)?;
    }
    // Node ends with ferry, however ferry ends.
    let main = format!("import {{ exitWithParent }} from '@ferry-wasm/shims/command';\nexitWithParent();\n{main}");
    dir.write("main.mjs", main.as_bytes())?;

    let node = std::env::var_os("FERRY_NODE").unwrap_or_else(|| "node".into());
    let mut child = Command::new(&node)
        .arg(dir.path.join("main.mjs"))
        .spawn()
        .map_err(|e| format!("cannot start Node (`{}`): {e}", node.to_string_lossy()))?;
    NODE_PID.store(child.id(), Ordering::SeqCst);
    // A signal that came before Node's pid was known.
    stop_node();
    let status = child.wait().map_err(|e| format!("waiting for Node: {e}"));
    NODE_PID.store(0, Ordering::SeqCst);
    Ok(exit_code(status?))
}

/// Node's exit code, or 128 + the signal that ended it, as a shell reports it.
fn exit_code(status: ExitStatus) -> ExitCode {
    if let Some(code) = status.code() {
        return ExitCode::from(code as u8);
    }
    #[cfg(unix)]
    if let Some(signal) = std::os::unix::process::ExitStatusExt::signal(&status) {
        return ExitCode::from((128 + signal) as u8);
    }
    ExitCode::FAILURE
}

/// The Node process being waited on (0: none), and the last signal ferry was sent (0: none).
static NODE_PID: AtomicU32 = AtomicU32::new(0);
static SIGNAL: AtomicI32 = AtomicI32::new(0);

/// Makes SIGINT, SIGTERM and SIGHUP go to Node rather than end ferry: Node ends (a shell
/// reports the same exit code), `run_node` returns and the temporary directory is removed,
/// which dying at once would skip. Elsewhere than Unix, signals keep their default.
fn forward_signals() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        static INSTALLED: std::sync::Once = std::sync::Once::new();
        INSTALLED.call_once(|| {
            // If they cannot be caught, they keep their default: ferry dies.
            if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) {
                std::thread::spawn(move || {
                    for signal in signals.forever() {
                        SIGNAL.store(signal, Ordering::SeqCst);
                        stop_node();
                    }
                });
            }
        });
    }
}

/// Sends Node the signal ferry was sent, if both are known.
fn stop_node() {
    #[cfg(unix)]
    {
        let (pid, signal) = (NODE_PID.load(Ordering::SeqCst), SIGNAL.load(Ordering::SeqCst));
        if pid != 0 && signal != 0 {
            // SAFETY: kill(2) on ferry's own child, which it has not reaped yet.
            unsafe { libc::kill(pid as libc::pid_t, signal) };
        }
    }
}

/// A JSON (and JS) string literal.
pub fn json(s: &str) -> String {
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
        for needed in ["package.json", "src/command.js", "src/serve.js", "src/cli.js", "src/io/streams.js"] {
            assert!(paths.contains(&needed), "{needed} missing from {paths:?}");
        }
    }
}
