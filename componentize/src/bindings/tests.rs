use super::*;
use ferry_componentize_schema::Type;

const WORLD: &str = r#"
package test:bind@1.0.0;

interface store {
  resource blob {
    constructor(init: list<u8>);
    size: func() -> u64;
    merge: static func(a: borrow<blob>, b: own<blob>) -> blob;
  }
  record entry { the-key: string, value: option<blob> }
  get-entry: func(key: string) -> result<entry, error-code>;
  enum error-code { not-found, access-denied }
}

interface counters {
  resource counter {
    constructor(start: s32);
    bump: func(by: s32) -> s32;
  }
  flags perms { read, write-all }
  check: func(p: perms) -> tuple<bool, char>;
}

world app {
  import store;
  import log: func(msg: string);
  export counters;
  export hello: func(name: string) -> string;
}
"#;

fn bindings() -> Bindings {
    let mut resolve = Resolve::default();
    let package = resolve.push_str("test.wit", WORLD).unwrap();
    let world = resolve.select_world(&[package], Some("app")).unwrap();
    Bindings::new(&resolve, world).unwrap()
}

#[test]
fn imports_name_the_core_functions_and_their_js_side() {
    let b = bindings();
    let names: Vec<String> = b.imports.iter().map(|i| format!("{}#{}", i.module, i.name)).collect();
    assert_eq!(
        names,
        [
            "test:bind/store@1.0.0#[resource-drop]blob",
            "test:bind/store@1.0.0#[constructor]blob",
            "test:bind/store@1.0.0#[method]blob.size",
            "test:bind/store@1.0.0#[static]blob.merge",
            "test:bind/store@1.0.0#get-entry",
            "$root#log",
            "[export]test:bind/counters@1.0.0#[resource-new]counter",
            "[export]test:bind/counters@1.0.0#[resource-rep]counter",
            "[export]test:bind/counters@1.0.0#[resource-drop]counter",
        ]
    );
    assert_eq!(b.imports.len(), b.schema.imports.len());
    let js: Vec<(Option<&str>, &str, FuncKind)> =
        b.schema.imports.iter().map(|f| (f.namespace.as_deref(), f.name.as_str(), f.kind)).collect();
    let store = Some("test:bind/store@1.0.0");
    assert_eq!(
        js,
        [
            (store, "", FuncKind::ResourceDrop(0)),
            (store, "Blob", FuncKind::Constructor(0)),
            (store, "size", FuncKind::Method(0)),
            (store, "merge", FuncKind::Static(0)),
            (store, "getEntry", FuncKind::Free),
            (None, "log", FuncKind::Free),
            (Some("counters"), "", FuncKind::ResourceNew(1)),
            (Some("counters"), "", FuncKind::ResourceRep(1)),
            (Some("counters"), "", FuncKind::ResourceDrop(1)),
        ]
    );
}

#[test]
fn exports_include_destructors_without_post_returns() {
    let b = bindings();
    let names: Vec<(&str, Option<&str>)> =
        b.exports.iter().map(|e| (e.name.as_str(), e.post_return.as_deref())).collect();
    assert_eq!(
        names,
        [
            ("hello", Some("cabi_post_hello")),
            ("test:bind/counters@1.0.0#[dtor]counter", None),
            ("test:bind/counters@1.0.0#[constructor]counter", Some("cabi_post_test:bind/counters@1.0.0#[constructor]counter")),
            ("test:bind/counters@1.0.0#[method]counter.bump", Some("cabi_post_test:bind/counters@1.0.0#[method]counter.bump")),
            ("test:bind/counters@1.0.0#check", Some("cabi_post_test:bind/counters@1.0.0#check")),
        ]
    );
    let kinds: Vec<FuncKind> = b.schema.exports.iter().map(|f| f.kind).collect();
    assert_eq!(kinds, [FuncKind::Free, FuncKind::Dtor(1), FuncKind::Constructor(1), FuncKind::Method(1), FuncKind::Free]);
    assert_eq!(b.schema.resources[1].name, "Counter");
    assert!(b.schema.resources[1].exported);
    assert_eq!(b.schema.resources[1].namespace.as_deref(), Some("counters"));
}

#[test]
fn value_types_use_js_names_and_appear_once() {
    let b = bindings();
    let types = &b.schema.types;
    let get_entry = &b.schema.imports[4];
    let Type::Result { ok: Some(entry), err: Some(code) } = &types[get_entry.result.unwrap() as usize] else {
        panic!("get-entry returns a result")
    };
    let Type::Record(fields) = &types[*entry as usize] else { panic!("entry is a record") };
    assert_eq!(fields.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), ["theKey", "value"]);
    assert_eq!(types[fields[1].1 as usize], Type::Option(types.iter().position(|t| *t == Type::Own(0)).unwrap() as u32));
    assert_eq!(types[*code as usize], Type::Enum(vec!["not-found".into(), "access-denied".into()]));
    let check = &b.schema.exports[4];
    assert_eq!(types[check.params[0] as usize], Type::Flags(vec!["read".into(), "writeAll".into()]));
    // `string` is used five times and listed once.
    assert_eq!(types.iter().filter(|t| **t == Type::String).count(), 1);
    // `borrow<blob>` is a method's `self`; the static function's own and borrow handles.
    let merge = &b.schema.imports[3];
    assert_eq!(types[merge.params[0] as usize], Type::Borrow(0));
    assert_eq!(types[merge.params[1] as usize], Type::Own(0));
}

#[test]
fn an_unsupported_type_is_named_with_its_function() {
    let mut resolve = Resolve::default();
    let package = resolve
        .push_str("test.wit", "package test:s; world w { export f: func(s: stream<u8>); }")
        .unwrap();
    let world = resolve.select_world(&[package], Some("w")).unwrap();
    let err = Bindings::new(&resolve, world).unwrap_err();
    assert_eq!(err.to_string(), "function `f`: futures and streams are not supported yet");
}

#[test]
fn a_world_level_resource_is_the_module_named_after_it() {
    let mut resolve = Resolve::default();
    let wit = "package test:wr;
        world w {
          record pair { a: u32, b: blob-store }
          resource blob-store { constructor(n: u32); size: func() -> u32; take: static func(b: blob-store) -> u32; }
          import make: func(p: borrow<blob-store>) -> pair;
          export run: func(p: pair) -> u32;
        }";
    let package = resolve.push_str("test.wit", wit).unwrap();
    let world = resolve.select_world(&[package], Some("w")).unwrap();
    let b = Bindings::new(&resolve, world).unwrap();
    let names: Vec<String> = b.imports.iter().map(|i| format!("{}#{}", i.module, i.name)).collect();
    assert_eq!(
        names,
        [
            "$root#[resource-drop]blob-store",
            "$root#make",
            "$root#[constructor]blob-store",
            "$root#[method]blob-store.size",
            "$root#[static]blob-store.take",
        ]
    );
    let js: Vec<(Option<&str>, &str, FuncKind)> =
        b.schema.imports.iter().map(|f| (f.namespace.as_deref(), f.name.as_str(), f.kind)).collect();
    assert_eq!(
        js,
        [
            (Some("blob-store"), "", FuncKind::ResourceDrop(0)),
            (None, "make", FuncKind::Free),
            (None, "BlobStore", FuncKind::Constructor(0)),
            (None, "size", FuncKind::Method(0)),
            (None, "take", FuncKind::Static(0)),
        ]
    );
    assert_eq!(
        b.schema.resources,
        [Resource { namespace: Some("blob-store".into()), name: "BlobStore".into(), exported: false }]
    );
    // The world's record, with the world's resource in it, as the import's result and the
    // export's parameter.
    let types = &b.schema.types;
    let pair = b.schema.imports[1].result.unwrap();
    assert_eq!(b.schema.exports[0].params, [pair]);
    let Type::Record(fields) = &types[pair as usize] else { panic!("pair is a record") };
    assert_eq!(fields[0].0, "a");
    assert_eq!(types[fields[1].1 as usize], Type::Own(0));
}
