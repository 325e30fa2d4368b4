//! The JS of the engine's builtins (`engine/src/builtins/*.js`, each beside its Rust natives),
//! which `ferry componentize` sends the engine in the schema (`Schema::builtins`) rather than
//! building it into the engine: the engine frees it (zeroed) once evaluated, so the snapshot
//! keeps only QuickJS's own copy, and nothing of the builtins it does not install.

use ferry_componentize_schema::Module;

const SOURCES: [(&str, &str); 10] = [
    ("console", include_str!("../engine/src/builtins/console.js")),
    ("encoding", include_str!("../engine/src/builtins/encoding.js")),
    ("performance", include_str!("../engine/src/builtins/performance.js")),
    ("timers", include_str!("../engine/src/builtins/timers.js")),
    ("crypto", include_str!("../engine/src/builtins/crypto.js")),
    ("headers", include_str!("../engine/src/builtins/headers.js")),
    ("pollables", include_str!("../engine/src/builtins/pollables.js")),
    ("fetch", include_str!("../engine/src/builtins/fetch.js")),
    ("http_unavailable", include_str!("../engine/src/builtins/http_unavailable.js")),
    ("date_unavailable", include_str!("../engine/src/builtins/date_unavailable.js")),
];

/// Every builtin's JS, by name.
pub fn all() -> Vec<Module> {
    SOURCES.iter().map(|(name, text)| Module { name: (*name).into(), text: (*text).into() }).collect()
}
