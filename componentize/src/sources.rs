//! The user's program as the engine gets it: the entry module and every module it reaches by
//! relative import, each as plain JS text.
//!
//! TypeScript files (`.ts`, `.mts`, `.cts`) have their types blanked (`strip_types`), so lines
//! and columns stay the user's own; JS files are passed on byte for byte. Each module is then
//! checked (`js`): syntax, what it imports, and which globals it reads. Module names are
//! paths relative to the entry's directory (`app.js`, `lib/util.js`, `../shared/log.js`); the
//! engine resolves `./` and `../` specifiers against the importing module's name, so no text
//! is rewritten.

mod error;
mod js;
mod nesting;
mod scan;
mod strip_types;
#[cfg(test)]
mod tests;

use std::collections::{BTreeSet, HashSet, VecDeque};
use std::path::{Component, Path, PathBuf};

pub use error::{Location, SourceError, SyntaxError};

/// Every module of the program, and what it needs from outside.
#[derive(Debug)]
pub struct Sources {
    /// Every module, the entry first, then in the order they were found.
    pub modules: Vec<Module>,
    /// Each import of a WIT interface (`ns:pkg/iface`, `ns:pkg/iface@1.2.3`), with where it is,
    /// so the caller can name an import the world does not have.
    pub wit_imports: Vec<WitImport>,
    /// Globals the modules read without declaring them (`console`, `fetch`, `Math`, ...), so
    /// the caller can tell which builtins, and so which WASI imports, the program needs.
    pub globals: BTreeSet<String>,
}

/// One ES module as the engine evaluates it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Module {
    /// The path relative to the entry's directory, `/`-separated. A `.js` import found as a
    /// `.ts` file keeps its `.js` name: that is the name the engine resolves.
    pub name: String,
    /// Plain JS: the file itself, or a TypeScript file with its types blanked.
    pub text: String,
}

/// An import of a WIT interface.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WitImport {
    /// As written: `wasi:http/outgoing-handler@0.2.3`.
    pub specifier: String,
    /// The specifier's string literal.
    pub at: Location,
}

/// The stack of the thread that parses: oxc recurses once or more per level of nesting, and
/// `nesting::MAX_DEPTH` levels take a few tens of MiB.
const PARSE_STACK: usize = 256 << 20;

/// Reads `entry` and every module it reaches by relative import, on a thread with the stack
/// deeply nested code needs (on this one if no thread can be started).
pub fn load(entry: &Path) -> Result<Sources, SourceError> {
    std::thread::scope(|scope| {
        let builder = std::thread::Builder::new().name("ferry-sources".into()).stack_size(PARSE_STACK);
        match builder.spawn_scoped(scope, || load_here(entry)) {
            Ok(thread) => thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => load_here(entry),
        }
    })
}

fn load_here(entry: &Path) -> Result<Sources, SourceError> {
    let root = entry.parent().unwrap_or(Path::new("")).to_path_buf();
    let name = entry.file_name().map_or_else(|| entry.to_string_lossy(), |name| name.to_string_lossy());
    let mut loader = Loader {
        root,
        seen: HashSet::new(),
        queue: VecDeque::new(),
        sources: Sources { modules: Vec::new(), wit_imports: Vec::new(), globals: BTreeSet::new() },
    };
    loader.enqueue(name.into_owned(), entry.to_path_buf());
    while let Some((name, file)) = loader.queue.pop_front() {
        loader.load_module(name, &file)?;
    }
    Ok(loader.sources)
}

/// The walk over the import graph: breadth first, each module name loaded once.
struct Loader {
    /// The entry's directory, as the user gave it (empty for a bare file name).
    root: PathBuf,
    seen: HashSet<String>,
    /// Modules found but not yet read: their name and the file holding them.
    queue: VecDeque<(String, PathBuf)>,
    sources: Sources,
}

impl Loader {
    fn enqueue(&mut self, name: String, file: PathBuf) {
        if self.seen.insert(name.clone()) {
            self.queue.push_back((name, file));
        }
    }

    fn load_module(&mut self, name: String, file: &Path) -> Result<(), SourceError> {
        let shown = normalize_path(file);
        let bytes = std::fs::read(file).map_err(|error| SourceError::Read { file: shown.clone(), error })?;
        let text = String::from_utf8(bytes).map_err(|error| {
            let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            SourceError::NotUtf8 { at: Location::at(&shown, valid, valid.len()) }
        })?;
        nesting::check(&text).map_err(|offset| SourceError::TooDeep {
            at: Location::at(&shown, &text, offset),
            limit: nesting::MAX_DEPTH,
        })?;
        let text = if is_typescript(file) { strip_types::strip_types(&shown, &text)? } else { text };
        let module = js::analyze(&shown, &text)?;
        for import in module.imports {
            let at = Location::at(&shown, &text, import.offset);
            match classify(&import.specifier) {
                Specifier::Relative => self.follow(&name, import.specifier, at)?,
                Specifier::Wit => self.sources.wit_imports.push(WitImport { specifier: import.specifier, at }),
                Specifier::Bare => return Err(SourceError::BareImport { at, specifier: import.specifier }),
            }
        }
        self.sources.globals.extend(module.globals);
        self.sources.modules.push(Module { name, text });
        Ok(())
    }

    /// Finds the file of a relative import: the exact path, or for a `.js` (`.mjs`, `.cjs`)
    /// specifier whose file is missing, the `.ts` (`.mts`, `.cts`) beside it, as TypeScript
    /// has imports name the JS file the compiler would write.
    fn follow(&mut self, importer: &str, specifier: String, at: Location) -> Result<(), SourceError> {
        let directory = importer.rsplit_once('/').map_or("", |(directory, _)| directory);
        let name = normalize_name(&format!("{directory}/{specifier}"));
        if self.seen.contains(&name) {
            return Ok(());
        }
        let mut tried = Vec::new();
        for candidate in std::iter::once(name.clone()).chain(typescript_twin(&name)) {
            let file = self.root.join(&candidate);
            if file.is_file() {
                self.enqueue(name, file);
                return Ok(());
            }
            tried.push(normalize_path(&file));
        }
        Err(SourceError::MissingModule { at, specifier, tried })
    }
}

/// The kinds of import specifier.
enum Specifier {
    /// `./x.js`, `../x.js`: a module of the program.
    Relative,
    /// `ns:pkg/iface` or `ns:pkg/iface@version`: a WIT interface of the world.
    Wit,
    /// Anything else (`lodash`, `node:fs`, `/abs.js`): not loadable.
    Bare,
}

fn classify(specifier: &str) -> Specifier {
    if specifier.starts_with("./") || specifier.starts_with("../") {
        Specifier::Relative
    } else if is_wit_interface(specifier) || is_wit_identifier(specifier) {
        // `log`, `blob`: a function the world imports, or a resource it defines, if it has it.
        Specifier::Wit
    } else {
        Specifier::Bare
    }
}

/// A WIT name (`log`, `get-thing`): letters, digits and `-`, starting with a letter.
fn is_wit_identifier(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic()) && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// `ns:pkg/iface` with an optional `@version`; each name a WIT identifier (letters, digits
/// and `-`, starting with a letter).
fn is_wit_interface(specifier: &str) -> bool {
    let (path, version) = match specifier.split_once('@') {
        Some((path, version)) => (path, Some(version)),
        None => (specifier, None),
    };
    let is_identifier = is_wit_identifier;
    let is_version =
        |version: &str| !version.is_empty() && version.chars().all(|c| c.is_ascii_alphanumeric() || ".+-".contains(c));
    let Some((package, interface)) = path.split_once('/') else { return false };
    let Some((namespace, package)) = package.split_once(':') else { return false };
    [namespace, package, interface].into_iter().all(is_identifier) && version.is_none_or(is_version)
}

fn is_typescript(file: &Path) -> bool {
    file.extension().is_some_and(|extension| ["ts", "mts", "cts"].iter().any(|ts| extension == *ts))
}

/// `x.ts` for `x.js` (and `.mts` for `.mjs`, `.cts` for `.cjs`).
fn typescript_twin(name: &str) -> Option<String> {
    [(".js", ".ts"), (".mjs", ".mts"), (".cjs", ".cts")]
        .into_iter()
        .find_map(|(js, ts)| name.strip_suffix(js).map(|stem| format!("{stem}{ts}")))
}

/// Resolves `.` and `..` segments of a `/`-separated name; `..` above the start is kept.
fn normalize_name(name: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    for segment in name.split('/') {
        match segment {
            "" | "." => {}
            ".." if segments.last().is_some_and(|last| *last != "..") => {
                segments.pop();
            }
            _ => segments.push(segment),
        }
    }
    segments.join("/")
}

/// The same for a file path, keeping its root: the path errors name.
fn normalize_path(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if matches!(normal.components().next_back(), Some(Component::Normal(_))) => {
                normal.pop();
            }
            Component::ParentDir if normal.has_root() => {}
            _ => normal.push(component),
        }
    }
    normal
}
