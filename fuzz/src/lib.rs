//! What both fuzz targets share: transpiler options drawn from fuzz input, and the check that
//! emitted files parse.

use arbitrary::{Result, Unstructured};
use ferry_transpiler::{AsyncMode, Instantiation, Options};
use oxc_allocator::Allocator;
use oxc_semantic::SemanticBuilder;
use oxc_span::SourceType;

/// How many leading bytes of a `transpile_bytes` input choose the options.
pub const OPTION_BYTES: usize = 32;

/// Import map patterns worth trying: exact names, prefixes with `*`, and the WASI shim's.
const MAP_PATTERNS: &[&str] = &["*", "wasi:*", "wasi:cli/*", "a:b/*", "a:b/c", "x"];
/// Import map targets: plain, with a `*` to fill in, with a `#export`, with both.
const MAP_TARGETS: &[&str] = &["./x.js", "pkg/*", "pkg#*", "./host.js#thing", "@s/p/*#*", "q'\"`\\${}"];

/// Options drawn from `u`. `imports` and `exports` are the function names (`iface#func` or a
/// world-level name) that `--async-imports` and `--async-exports` may list; `arbitrary_names`
/// also lets them and the map take arbitrary strings (which may legitimately be rejected).
pub fn options(u: &mut Unstructured, imports: &[String], exports: &[String], arbitrary_names: bool) -> Result<Options> {
    let text = |u: &mut Unstructured, fixed: &[&str]| -> Result<String> {
        if arbitrary_names && u.ratio(1, 4)? { u.arbitrary() } else { Ok(u.choose(fixed)?.to_string()) }
    };
    let names = |u: &mut Unstructured, funcs: &[String]| -> Result<Option<Vec<String>>> {
        if !u.arbitrary()? {
            return Ok(None);
        }
        let count = u.int_in_range(0..=funcs.len().min(4))?;
        let mut list = Vec::with_capacity(count);
        for _ in 0..count {
            list.push(if funcs.is_empty() || (arbitrary_names && u.ratio(1, 4)?) {
                u.arbitrary()?
            } else {
                u.choose(funcs)?.clone()
            });
        }
        Ok(Some(list))
    };
    let mut map = Vec::new();
    for _ in 0..u.int_in_range(0..=3)? {
        map.push((text(u, MAP_PATTERNS)?, text(u, MAP_TARGETS)?));
    }
    let async_mode = *u.choose(&[AsyncMode::Sync, AsyncMode::Jspi])?;
    // The function lists need jspi mode: a valid option set has them only then.
    let jspi = async_mode == AsyncMode::Jspi || arbitrary_names;
    Ok(Options {
        name: text(u, &["component", "app.v2", "ü n'i\"`${x}\\"])?,
        instantiation: *u.choose(&[Instantiation::Automatic, Instantiation::Async, Instantiation::Sync])?,
        map,
        base64_cutoff: *u.choose(&[0, 16, 1 << 20])?,
        namespaced_exports: u.arbitrary()?,
        tla_compat: u.arbitrary()?,
        wasi_shim: !u.arbitrary::<bool>()?,
        async_mode,
        async_imports: if jspi { names(u, imports)? } else { None },
        async_exports: if jspi { names(u, exports)? } else { None },
    })
}

/// Panics, naming the file and the parser's errors, unless every `.js` file parses as an ES
/// module and every `.d.ts` file as TypeScript declarations.
pub fn assert_files_parse(files: &[(String, impl AsRef<[u8]>)]) {
    for (name, contents) in files {
        let source_type = if name.ends_with(".d.ts") {
            SourceType::d_ts()
        } else if name.ends_with(".js") {
            SourceType::mjs()
        } else {
            continue;
        };
        let text = std::str::from_utf8(contents.as_ref()).unwrap_or_else(|e| panic!("{name} is not UTF-8: {e}"));
        let allocator = Allocator::default();
        let parsed = oxc_parser::Parser::new(&allocator, text, source_type).parse();
        let mut errors: Vec<String> = parsed.diagnostics.errors().map(|e| format!("{e:?}")).collect();
        if !parsed.panicked && errors.is_empty() {
            // The early errors the parser leaves to semantic analysis: a name declared twice, ...
            let built = SemanticBuilder::new().with_check_syntax_error(true).build(&parsed.program);
            errors.extend(built.diagnostics.errors().map(|e| format!("{e:?}")));
        }
        if parsed.panicked || !errors.is_empty() {
            panic!("{name} does not parse:\n{}\n--- {name} ---\n{text}", errors.join("\n"));
        }
    }
}

/// The transpiler's errors and warnings for what ferry documents as not supported yet
/// (README's Status names them): a fuzz input that only meets one of these is no finding.
pub fn is_documented_unsupported(message: &str) -> bool {
    message.contains("not supported")
}
