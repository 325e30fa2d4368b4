//! A component made from a random WIT world (wit-smith, then wit-component's dummy module,
//! `embed_component_metadata` and `ComponentEncoder`) into `transpile` with random options.
//! Components that need a proposal ferry does not accept (`ferry_transpiler::features`) are
//! skipped. The rest must transpile, unless the error names a feature ferry documents as
//! unsupported, and the `.js`/`.d.ts` files must parse. With `FERRY_FUZZ_SAVE=dir`, each
//! component is written there first (how a crash's component becomes a
//! `fuzz/regressions/transpile_wit/` input).
#![no_main]

use arbitrary::{Result, Unstructured};
use ferry_fuzz::{assert_files_parse, is_documented_unsupported, options};
use libfuzzer_sys::fuzz_target;
use wasmparser::Validator;
use wit_component::{ComponentEncoder, DecodedWasm, StringEncoding, embed_component_metadata};
use wit_parser::{IndexMap, LiftLowerAbi, ManglingAndAbi, Resolve, WorldId, WorldItem, WorldKey};

fuzz_target!(|data: &[u8]| {
    let _ = run(&mut Unstructured::new(data));
});

fn run(u: &mut Unstructured) -> Result<()> {
    let config: wit_smith::Config = u.arbitrary()?;
    let package = wit_smith::smith(&config, u)?;
    let DecodedWasm::WitPackage(resolve, package) = wit_component::decode(&package).expect("wit-smith's package decodes")
    else {
        unreachable!("wit-smith makes a WIT package")
    };
    let worlds: Vec<WorldId> = resolve.packages[package].worlds.values().copied().collect();
    if worlds.is_empty() {
        return Ok(());
    }
    let world = *u.choose(&worlds)?;
    let mangling = *u.choose(&[
        ManglingAndAbi::Standard32,
        ManglingAndAbi::Legacy(LiftLowerAbi::Sync),
        ManglingAndAbi::Legacy(LiftLowerAbi::AsyncCallback),
        ManglingAndAbi::Legacy(LiftLowerAbi::AsyncStackful),
    ])?;
    let encoding = *u.choose(&[StringEncoding::UTF8, StringEncoding::UTF16, StringEncoding::CompactUTF16])?;
    let mut module = wit_component::dummy_module(&resolve, world, mangling);
    // What wit-component cannot make into a component is no input for ferry.
    if embed_component_metadata(&mut module, &resolve, world, encoding, config.canonical_names).is_err() {
        return Ok(());
    }
    let Ok(component) = ComponentEncoder::default().module(&module).and_then(|e| e.validate(true).encode()) else {
        return Ok(());
    };
    // Nor is a component that needs a proposal ferry does not accept (`future.forward`, ...).
    if Validator::new_with_features(ferry_transpiler::features()).validate_all(&component).is_err() {
        return Ok(());
    }
    if let Some(dir) = std::env::var_os("FERRY_FUZZ_SAVE") {
        let path = std::path::Path::new(&dir).join("component.wasm");
        std::fs::write(&path, &component).expect("FERRY_FUZZ_SAVE is a writable directory");
    }
    let world = &resolve.worlds[world];
    let imports = function_names(&resolve, &world.imports);
    // A constructor cannot return a Promise: `--async-exports` refuses it.
    let mut exports = function_names(&resolve, &world.exports);
    exports.retain(|name| !name.contains("[constructor]"));
    let options = options(u, &imports, &exports, false)?;
    check(&component, &options);
    Ok(())
}

/// Transpiles `component`, a valid component, and checks the output.
fn check(component: &[u8], options: &ferry_transpiler::Options) {
    match ferry_transpiler::transpile(component, options) {
        Ok(output) => {
            for warning in &output.warnings {
                assert!(is_documented_unsupported(warning), "unexpected warning: {warning}");
            }
            assert_files_parse(&output.files);
        }
        Err(e) => assert!(is_documented_unsupported(e.message()), "valid component rejected: {e}"),
    }
}

/// The functions of a world's imports or exports by the names `--async-imports` and
/// `--async-exports` take.
fn function_names(resolve: &Resolve, items: &IndexMap<WorldKey, WorldItem>) -> Vec<String> {
    let mut names = Vec::new();
    for (key, item) in items {
        match item {
            WorldItem::Function(func) => names.push(func.name.clone()),
            WorldItem::Interface { id, .. } => {
                let interface = resolve.name_world_key(key);
                names.extend(resolve.interfaces[*id].functions.keys().map(|f| format!("{interface}#{f}")));
            }
            WorldItem::Type { .. } => {}
        }
    }
    names
}
