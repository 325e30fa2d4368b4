//! The WASI imports the engine's JS builtins need (`console` needs wasi:cli/stdout, ...), added
//! to the user's world for the builtins the program uses, unless disabled. The WIT comes with
//! ferry (`componentize/wit/`): WASI 0.2.6 and `ferry:builtins`, a world per group.

use std::collections::BTreeSet;

use ferry_componentize_schema::disabled;
use wit_parser::{CloneMaps, Resolve, WorldId};

/// Packages in dependency order, then the groups' worlds.
const PACKAGES: [(&str, &str); 8] = [
    ("wasi/io.wit", include_str!("../wit/deps/io/package.wit")),
    ("wasi/clocks.wit", include_str!("../wit/deps/clocks/package.wit")),
    ("wasi/random.wit", include_str!("../wit/deps/random/package.wit")),
    ("wasi/filesystem.wit", include_str!("../wit/deps/filesystem/package.wit")),
    ("wasi/sockets.wit", include_str!("../wit/deps/sockets/package.wit")),
    ("wasi/cli.wit", include_str!("../wit/deps/cli/package.wit")),
    ("wasi/http.wit", include_str!("../wit/deps/http/package.wit")),
    ("ferry/builtins.wit", include_str!("../wit/builtins.wit")),
];

/// A group of builtins: its `disabled` bit, its `--disable` name, its world in
/// `ferry:builtins`, and the globals whose use needs it (`None`: every program, since
/// uncaught errors are printed to stderr).
pub struct Group {
    pub bit: u32,
    pub flag: &'static str,
    world: &'static str,
    used_by: Option<&'static [&'static str]>,
}

pub const GROUPS: [Group; 4] = [
    Group { bit: disabled::STDIO, flag: "stdio", world: "stdio", used_by: None },
    Group {
        bit: disabled::CLOCKS,
        flag: "clocks",
        world: "clocks",
        used_by: Some(&["Date", "performance", "setTimeout", "setInterval"]),
    },
    // `Math` is most often used for other things than `Math.random`: the price of a too-broad
    // guess is one small import.
    Group { bit: disabled::RANDOM, flag: "random", world: "random", used_by: Some(&["crypto", "Math"]) },
    Group {
        bit: disabled::HTTP,
        flag: "http",
        world: "http",
        used_by: Some(&["fetch", "Request", "Response", "Headers"]),
    },
];

/// Parses a `--disable` list (`stdio,clocks`) into `disabled` bits.
pub fn parse_disabled(list: &str) -> Result<u32, String> {
    let mut bits = 0;
    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let group = GROUPS.iter().find(|g| g.flag == name).ok_or_else(|| {
            let known: Vec<&str> = GROUPS.iter().map(|g| g.flag).collect();
            format!("--disable: unknown builtin group `{name}` (known: {})", known.join(", "))
        })?;
        bits |= group.bit;
    }
    Ok(bits)
}

/// Adds to `world` the imports of every group that `globals` (the free names the program
/// reads) uses and `disabled` leaves on.
pub fn add(resolve: &mut Resolve, world: WorldId, globals: &BTreeSet<String>, disabled: u32) -> Result<(), String> {
    let needed: Vec<&Group> = GROUPS
        .iter()
        .filter(|g| disabled & g.bit == 0)
        .filter(|g| g.used_by.is_none_or(|names| names.iter().any(|n| globals.contains(*n))))
        .collect();
    if needed.is_empty() {
        return Ok(());
    }
    let mut builtins = Resolve::default();
    let mut package = None;
    for (path, text) in PACKAGES {
        package = Some(builtins.push_str(path, text).map_err(|e| format!("ferry's builtin WIT ({path}): {e:#}"))?);
    }
    let package = package.expect("PACKAGES is not empty");
    let group_worlds: Vec<WorldId> =
        needed.iter().map(|g| builtins.packages[package].worlds[g.world]).collect();
    let remap = resolve.merge(builtins).map_err(|e| format!("adding the builtins' WASI imports: {e:#}"))?;
    for from in group_worlds {
        let from = remap.worlds[from.index()].expect("merge maps every world");
        resolve
            .merge_worlds(from, world, &mut CloneMaps::default())
            .map_err(|e| format!("adding the builtins' WASI imports to the world: {e:#}"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn world(wit: &str) -> (Resolve, WorldId) {
        let mut resolve = Resolve::default();
        let package = resolve.push_str("app.wit", wit).unwrap();
        let world = resolve.select_world(&[package], None).unwrap();
        (resolve, world)
    }

    fn imports(resolve: &Resolve, world: WorldId) -> Vec<String> {
        resolve.worlds[world].imports.keys().map(|k| resolve.name_world_key(k)).collect()
    }

    fn globals(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn stdio_always_and_other_groups_when_used() {
        let (mut resolve, w) = world("package a:b; world w { export f: func(); }");
        add(&mut resolve, w, &globals(&["console", "crypto"]), 0).unwrap();
        assert_eq!(
            imports(&resolve, w),
            ["wasi:io/error@0.2.6", "wasi:io/poll@0.2.6", "wasi:io/streams@0.2.6", "wasi:cli/stdout@0.2.6", "wasi:cli/stderr@0.2.6", "wasi:random/random@0.2.6"]
        );
    }

    #[test]
    fn fetch_brings_the_outgoing_handler_and_what_it_uses() {
        let (mut resolve, w) = world("package a:b; world w { export f: func(); }");
        add(&mut resolve, w, &globals(&["fetch"]), disabled::STDIO).unwrap();
        assert_eq!(
            imports(&resolve, w),
            [
                "wasi:io/poll@0.2.6",
                "wasi:clocks/monotonic-clock@0.2.6",
                "wasi:io/error@0.2.6",
                "wasi:io/streams@0.2.6",
                "wasi:http/types@0.2.6",
                "wasi:http/outgoing-handler@0.2.6"
            ]
        );
        let (mut resolve, w) = world("package a:b; world w { export f: func(); }");
        add(&mut resolve, w, &globals(&["Headers"]), disabled::STDIO | disabled::HTTP).unwrap();
        assert!(imports(&resolve, w).is_empty());
    }

    #[test]
    fn disabled_groups_add_nothing() {
        let (mut resolve, w) = world("package a:b; world w { export f: func(); }");
        add(&mut resolve, w, &globals(&["console", "setTimeout"]), disabled::STDIO | disabled::CLOCKS).unwrap();
        assert!(imports(&resolve, w).is_empty());
    }

    #[test]
    fn a_world_with_wasi_already_keeps_one_copy() {
        let mut resolve = Resolve::default();
        for (path, text) in &PACKAGES[..6] {
            resolve.push_str(path, text).unwrap();
        }
        let package = resolve
            .push_str("app.wit", "package a:b; world w { import wasi:cli/stdout@0.2.6; import wasi:clocks/monotonic-clock@0.2.6; }")
            .unwrap();
        let w = resolve.select_world(&[package], None).unwrap();
        add(&mut resolve, w, &globals(&["setTimeout"]), 0).unwrap();
        let names = imports(&resolve, w);
        assert_eq!(names.iter().filter(|n| n.starts_with("wasi:cli/stdout")).count(), 1, "{names:?}");
        assert!(names.contains(&"wasi:clocks/wall-clock@0.2.6".to_string()), "{names:?}");
    }

    #[test]
    fn disable_lists_are_checked() {
        assert_eq!(parse_disabled("stdio, random").unwrap(), disabled::STDIO | disabled::RANDOM);
        assert_eq!(
            parse_disabled("stdio,net").unwrap_err(),
            "--disable: unknown builtin group `net` (known: stdio, clocks, random, http)"
        );
    }
}
