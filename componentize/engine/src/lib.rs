//! ferry's JS engine: one QuickJS runtime and context per module instance, driven through
//! exported functions. The module is a WASI reactor: `_initialize` runs the C and Rust
//! constructors, then the host calls the exports any number of times.

use std::cell::OnceCell;
use std::io::Write;

use rquickjs::function::Rest;
use rquickjs::loader::{BuiltinLoader, BuiltinResolver};
use rquickjs::{CatchResultExt, Coerced, Context, Ctx, Function, Module, Object, Runtime};

/// Modules that `import` can reach, by name relative to the importing module.
/// For now only the self-test's dependency; componentize will put the bundled modules here.
const MODULES: &[(&str, &str)] = &[("dep.js", "export const x = 42;")];

/// The self-test's main module: an ES module with a relative import and console output.
const SELFTEST_SOURCE: &str = "import {x} from './dep.js'; console.log('sum', 1+2, x)";

struct Engine {
    // Kept alive for the context: dropping the runtime would free it.
    _runtime: Runtime,
    context: Context,
}

thread_local! {
    static ENGINE: OnceCell<Engine> = const { OnceCell::new() };
}

impl Engine {
    fn new() -> rquickjs::Result<Self> {
        let runtime = Runtime::new()?;
        let mut resolver = BuiltinResolver::default();
        let mut loader = BuiltinLoader::default();
        for (name, source) in MODULES {
            resolver.add_module(*name);
            loader.add_module(*name, *source);
        }
        runtime.set_loader(resolver, loader);
        let context = Context::full(&runtime)?;
        context.with(install_console)?;
        Ok(Engine { _runtime: runtime, context })
    }
}

/// `console.log(...args)`: the arguments as strings, space-separated, a line on stdout.
fn install_console(ctx: Ctx<'_>) -> rquickjs::Result<()> {
    let console = Object::new(ctx.clone())?;
    let log = Function::new(ctx.clone(), |args: Rest<Coerced<String>>| {
        let line: Vec<String> = args.0.into_iter().map(|arg| arg.0).collect();
        // A closed stdout is not the script's problem: drop the line.
        let _ = writeln!(std::io::stdout(), "{}", line.join(" "));
    })?;
    console.set("log", log)?;
    ctx.globals().set("console", console)
}

/// Evaluates `source` as the ES module `main.js`, running jobs until its promise settles.
/// Returns 0, or 1 after printing the error (with its JS stack) to stderr.
fn eval_module(source: Vec<u8>) -> i32 {
    ENGINE.with(|cell| {
        let engine = match cell.get() {
            Some(engine) => engine,
            None => match Engine::new() {
                Ok(engine) => cell.get_or_init(|| engine),
                Err(error) => {
                    eprintln!("ferry engine: cannot start QuickJS: {error}");
                    return 1;
                }
            },
        };
        engine.context.with(|ctx| {
            let result = Module::evaluate(ctx.clone(), "main.js", source)
                .and_then(|promise| promise.finish::<()>())
                .catch(&ctx);
            match result {
                Ok(()) => 0,
                Err(error) => {
                    eprintln!("{error}");
                    1
                }
            }
        })
    })
}

unsafe extern "C" {
    /// Synthesised by wasm-ld: runs the C and Rust static constructors.
    fn __wasm_call_ctors();
}

/// The WASI reactor entry point (what wasi-libc's `crt1-reactor.o` defines): the host or
/// wizer calls it once before any other export. Exporting it also stops wasm-ld from
/// wrapping every export in constructor and destructor calls, as it does for a command.
#[unsafe(no_mangle)]
pub extern "C" fn _initialize() {
    unsafe { __wasm_call_ctors() }
}

/// Allocates `len` bytes for the host to write into; `ferry_eval` takes them back.
#[unsafe(no_mangle)]
pub extern "C" fn ferry_alloc(len: usize) -> *mut u8 {
    Box::into_raw(Box::<[u8]>::new_uninit_slice(len)).cast()
}

/// Evaluates the UTF-8 ES module source at `ptr..ptr+len`, which must come from
/// `ferry_alloc(len)` (and is freed here). Returns 0 on success, 1 on a JS error.
///
/// # Safety
/// `ptr` must be the result of `ferry_alloc(len)`, fully written, and not used afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferry_eval(ptr: *mut u8, len: usize) -> i32 {
    let source = unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len)) };
    eval_module(source.into_vec())
}

/// Temporary: proves ES modules, the loader and console output work on wasm32-wasip1.
/// Prints `sum 3 42`.
#[unsafe(no_mangle)]
pub extern "C" fn ferry_selftest() -> i32 {
    eval_module(SELFTEST_SOURCE.into())
}
