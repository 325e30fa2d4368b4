use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use oxc_allocator::Allocator;
use oxc_parser::Parser;
use oxc_span::SourceType;

use super::nesting::{MAX_DEPTH, check};
use super::strip_types::strip_types;
use super::{Location, SourceError, load};

/// A directory of source files under the system temp dir, removed when dropped.
struct Project(PathBuf);

impl Project {
    fn new(files: &[(&str, &str)]) -> Self {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let unique = format!("ferry-sources-{}-{}", std::process::id(), COUNT.fetch_add(1, Ordering::Relaxed));
        let root = std::env::temp_dir().join(unique);
        for (name, text) in files {
            let path = root.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        Self(root)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    fn load(&self, entry: &str) -> Result<super::Sources, SourceError> {
        load(&self.path(entry))
    }

    fn load_err(&self, entry: &str) -> String {
        let error = self.load(entry).expect_err("loading should fail");
        error.to_string().replace(&format!("{}/", self.0.display()), "")
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn names(sources: &super::Sources) -> Vec<&str> {
    sources.modules.iter().map(|module| module.name.as_str()).collect()
}

#[test]
fn follows_nested_relative_imports_and_cycles_once() {
    let project = Project::new(&[
        ("app.js", "import { a } from './lib/a.js';\nconst b = await import('./b.js');\nexport { a };\n"),
        ("lib/a.js", "import { util } from './util/u.js';\nexport * from '../b.js';\nexport const a = util;\n"),
        ("lib/util/u.js", "import { a } from '../a.js';\nexport const util = () => a;\n"),
        ("b.js", "import './app.js';\nexport const b = 1;\n"),
    ]);
    let sources = project.load("app.js").unwrap();
    assert_eq!(names(&sources), ["app.js", "lib/a.js", "b.js", "lib/util/u.js"]);
    let app = &sources.modules[0];
    assert_eq!(app.text, std::fs::read_to_string(project.path("app.js")).unwrap(), "JS is passed on unchanged");
    assert!(sources.wit_imports.is_empty());
}

#[test]
fn imports_above_the_entry_directory_keep_their_dot_dots() {
    let project = Project::new(&[
        ("src/app.js", "import { log } from '../shared/log.js';\nlog();\n"),
        ("shared/log.js", "import { level } from './level.js';\nexport const log = () => level;\n"),
        ("shared/level.js", "export const level = 1;\n"),
    ]);
    let sources = project.load("src/app.js").unwrap();
    assert_eq!(names(&sources), ["app.js", "../shared/log.js", "../shared/level.js"]);
}

#[test]
fn a_js_import_finds_the_ts_file_and_keeps_its_js_name() {
    let project = Project::new(&[
        ("app.ts", "import { twice } from './math.js';\nconst n: number = twice(2);\n"),
        ("math.ts", "export function twice(x: number): number { return x * 2 }\n"),
    ]);
    let sources = project.load("app.ts").unwrap();
    assert_eq!(names(&sources), ["app.ts", "math.js"]);
    assert_eq!(sources.modules[0].text, "import { twice } from './math.js';\nconst n         = twice(2);\n");
    assert_eq!(sources.modules[1].text, "export function twice(x        )         { return x * 2 }\n");
}

#[test]
fn type_only_imports_are_not_followed() {
    let project = Project::new(&[(
        "app.ts",
        "import type { Config } from './types.js';\nexport type { Other } from 'some-npm-package';\nlet c: Config;\n",
    )]);
    let sources = project.load("app.ts").unwrap();
    assert_eq!(names(&sources), ["app.ts"]);
}

#[test]
fn errors_in_a_ts_file_found_for_a_js_import_name_the_ts_file() {
    let project = Project::new(&[("app.js", "import './lib/m.js';\n"), ("lib/m.ts", "enum E { A }\n")]);
    assert!(project.load_err("app.js").starts_with("lib/m.ts:1:1: TypeScript enum is not supported"));
}

#[test]
fn a_missing_module_names_the_import_and_the_paths_tried() {
    let project = Project::new(&[("app.js", "// the helpers\nimport { f } from './lib/missing.js';\n")]);
    assert_eq!(
        project.load_err("app.js"),
        "app.js:2:19: cannot find module './lib/missing.js': no file at lib/missing.js or lib/missing.ts"
    );
}

#[test]
fn a_missing_entry_is_a_read_error() {
    let project = Project::new(&[]);
    let error = project.load("app.js").unwrap_err();
    assert!(matches!(&error, SourceError::Read { error, .. } if error.kind() == std::io::ErrorKind::NotFound));
    assert!(error.to_string().starts_with("cannot read "), "{error}");
}

#[test]
fn bare_npm_specifiers_are_refused_where_they_are() {
    let project = Project::new(&[("app.js", "import x from './x.js';\n"), ("x.js", "\n  import _ from 'lodash/fp';\n")]);
    assert_eq!(
        project.load_err("app.js"),
        "x.js:2:17: cannot import 'lodash/fp': only relative modules and WIT interfaces (ns:pkg/iface) can be \
         imported; bundle npm packages first"
    );
    let project = Project::new(&[("app.js", "const fs = await import('node:fs');\n")]);
    assert!(project.load_err("app.js").starts_with("app.js:1:25: cannot import 'node:fs'"));
}

#[test]
fn wit_imports_are_collected_with_versions_and_places() {
    let project = Project::new(&[
        ("app.js", "import { get } from 'wasi:http/outgoing-handler@0.2.3';\nimport './lib.js';\n"),
        ("lib.js", "import { log } from 'local:app/logging';\nexport * from 'my-ns:my-pkg/api@1.0.0-rc.1+build';\n"),
    ]);
    let sources = project.load("app.js").unwrap();
    let found: Vec<(&str, String)> = sources
        .wit_imports
        .iter()
        .map(|import| {
            let Location { file, line, col } = &import.at;
            (import.specifier.as_str(), format!("{}:{line}:{col}", file.file_name().unwrap().to_string_lossy()))
        })
        .collect();
    assert_eq!(
        found,
        [
            ("wasi:http/outgoing-handler@0.2.3", "app.js:1:21".to_string()),
            ("local:app/logging", "lib.js:1:21".to_string()),
            ("my-ns:my-pkg/api@1.0.0-rc.1+build", "lib.js:2:15".to_string()),
        ]
    );
}

#[test]
fn globals_are_the_names_no_scope_declares() {
    let project = Project::new(&[
        ("app.js", "import './shadow.js';\nconsole.log(Math.max(1, 2));\nfetch('x').then(r => r);\n"),
        (
            "shadow.js",
            "const console = { log() {} };\nconsole.log(performance.now());\nfunction f() { return arguments }\n",
        ),
    ]);
    let sources = project.load("app.js").unwrap();
    let globals: Vec<&str> = sources.globals.iter().map(String::as_str).collect();
    assert_eq!(globals, ["Math", "console", "fetch", "performance"]);

    let project = Project::new(&[("app.js", "const console = 1;\nconsole;\nconst f = () => arguments;\n")]);
    let sources = project.load("app.js").unwrap();
    let globals: Vec<&str> = sources.globals.iter().map(String::as_str).collect();
    assert_eq!(globals, ["arguments"], "a local `console` is not the global; `arguments` in an arrow at the top is");
}

#[test]
fn globals_of_typescript_ignore_type_names() {
    let project = Project::new(&[(
        "app.ts",
        "const m: Map<string, Response> = new Map();\nlet t = setTimeout(() => {}, 1) as unknown as Timer;\n",
    )]);
    let sources = project.load("app.ts").unwrap();
    let globals: Vec<&str> = sources.globals.iter().map(String::as_str).collect();
    assert_eq!(globals, ["Map", "setTimeout"]);
}

#[test]
fn syntax_errors_are_placed_by_line_and_character() {
    let project = Project::new(&[("app.js", "import './b.js';\n"), ("b.js", "const s = 'é';\nlet x = ;\n")]);
    assert_eq!(project.load_err("app.js"), "b.js:2:9: Unexpected token");
    let project = Project::new(&[("app.js", "let a = 1;\nlet a = 2;\n")]);
    assert!(project.load_err("app.js").starts_with("app.js:"), "early errors are syntax errors too");
    let project = Project::new(&[("app.ts", "let a: = 1;\n")]);
    assert!(project.load_err("app.ts").starts_with("app.ts:1:8: "), "{}", project.load_err("app.ts"));
}

#[test]
fn a_file_that_is_not_utf8_is_named() {
    let project = Project::new(&[("app.js", "import './bad.js';\n")]);
    std::fs::write(project.path("bad.js"), b"let s = '\xff';\n").unwrap();
    assert_eq!(project.load_err("app.js"), "bad.js:1:10: the file is not UTF-8 text");
}

#[test]
fn code_nested_too_deeply_is_refused_where_it_gets_too_deep() {
    let deep = format!("const a = 1;\nconst x = {}{};\n", "[".repeat(100_000), "]".repeat(100_000));
    let project = Project::new(&[("app.js", "import './deep.js';\n"), ("deep.js", &deep)]);
    // The (MAX_DEPTH + 1)th bracket, after `const x = ` (10 characters).
    let col = 10 + MAX_DEPTH + 1;
    let message = format!("the code nests more than {MAX_DEPTH} levels deep here (brackets, braces, parentheses)");
    let expected = format!("deep.js:2:{col}: {message}");
    assert_eq!(project.load_err("app.js"), expected);
}

#[test]
fn nesting_at_the_limit_parses() {
    let parens = format!("export const x = {}1{};\n", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
    assert_eq!(check(&parens), Ok(()));
    let project = Project::new(&[("app.js", &parens)]);
    assert_eq!(names(&project.load("app.js").unwrap()), ["app.js"]);
    let templates = format!("export const t = {}1{};\n", "`${".repeat(MAX_DEPTH), "}`".repeat(MAX_DEPTH));
    assert_eq!(check(&templates), Ok(()));
    let deeper = format!("{}1{}", "`${".repeat(MAX_DEPTH + 1), "}`".repeat(MAX_DEPTH + 1));
    assert_eq!(check(&deeper), Err(3 * MAX_DEPTH + 1), "a template's `${{` nests");
}

#[test]
fn brackets_in_strings_comments_templates_and_regexes_do_not_nest() {
    let many = "(".repeat(MAX_DEPTH + 1);
    for text in [
        format!("const s = '{many}';"),
        format!("const s = \"{many}\";"),
        format!("// {many}\nlet x;"),
        format!("/* {many} */ let x;"),
        format!("const t = `{many}${{1}}{many}`;"),
        format!("const r = /\\{}/;", many.replace('(', "\\(")),
        format!("const r = /[{many}]/g;"),
        format!("if (x) {{}}\n/{many}/.test(s);"),
        format!("const q = f(a) / 2 / '{many}';"),
    ] {
        assert_eq!(check(&text), Ok(()), "{}", &text[..40]);
    }
    // Division, not a regular expression: the brackets after it count.
    let division = format!("const q = a / 2 + {}0{};", "(".repeat(MAX_DEPTH + 1), ")".repeat(MAX_DEPTH + 1));
    assert!(check(&division).is_err());
}

#[test]
fn typescript_that_needs_code_generated_is_refused_at_its_place() {
    let cases = [
        ("let a = 1;\nexport enum Color { Red }\n", "t.ts:2:8: TypeScript enum is not supported"),
        ("const enum E { A }\n", "t.ts:1:1: TypeScript const enum is not supported"),
        (
            "class P {\n  constructor(private x: number) {}\n}\n",
            "t.ts:2:15: TypeScript parameter property is not supported",
        ),
        ("namespace N { export const x = 1 }\n", "t.ts:1:1: TypeScript namespace with values is not supported"),
        ("import fs = require('fs');\n", "t.ts:1:1: TypeScript `import =` declaration is not supported"),
        ("export = 1;\n", "t.ts:1:1: TypeScript `export =` is not supported"),
        ("class A { m(@inject x) {} }\n", "t.ts:1:13: TypeScript decorator is not supported"),
    ];
    for (source, expected) in cases {
        let error = strip_types(Path::new("t.ts"), source).expect_err(source).to_string();
        assert_eq!(error, format!("{expected}: only erasable syntax is (strip-only mode)"));
    }
}

/// Strips `source` and checks the output is `expected`, parses as JS, and has every line
/// break where the input has it.
#[track_caller]
fn assert_blanked(source: &str, expected: &str) {
    let output = strip_types(Path::new("t.ts"), source).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(output, expected);
    assert_eq!(output.len(), source.len(), "ASCII input keeps its length");
    let breaks = |text: &str| text.match_indices('\n').map(|(at, _)| at).collect::<Vec<_>>();
    assert_eq!(breaks(&output), breaks(source));
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, &output, SourceType::mjs()).parse();
    assert!(parsed.diagnostics.is_empty(), "not JS: {:?}\n{output}", parsed.diagnostics);
}

#[test]
fn blanks_annotations_and_type_parameters() {
    assert_blanked(
        "let x: number = 1;\nfunction f<T>(a: T, b?: string): T { return a }\nconst g = <T,>(x: T): T => x;\n",
        "let x         = 1;\nfunction f   (a   , b         )    { return a }\nconst g =     (x   )    => x;\n",
    );
    assert_blanked(
        "f<string>(1);\nnew Map<string, number>();\nconst h = f<number>;\ntry {} catch (e: unknown) {}\n",
        "f        (1);\nnew Map                ();\nconst h = f        ;\ntry {} catch (e         ) {}\n",
    );
    assert_blanked(
        "function g(this: Window, ...rest: number[]) {}\nlet v!: string;\n",
        "function g(              ...rest          ) {}\nlet v         ;\n",
    );
}

#[test]
fn blanks_type_declarations_with_a_semicolon_left_against_asi() {
    assert_blanked(
        "let a = 1\ninterface I { x: number }\n(a)\ntype T = string\n[a]\n",
        "let a = 1\n;                        \n(a)\n;              \n[a]\n",
    );
    assert_blanked(
        "declare const d: number;\ndeclare global { interface W {} }\nnamespace N { export type X = 1 }\n",
        ";                       \n;                                \n;                                \n",
    );
    assert_blanked(
        "export interface E {}\nexport default interface F {}\nexport declare function h(): void;\n",
        ";                    \n;                            \n;                                 \n",
    );
    assert_blanked(
        "function o(a: string): void;\nfunction o(a: any) {}\ndeclare enum Q { A }\n",
        ";                           \nfunction o(a     ) {}\n;                   \n",
    );
}

#[test]
fn blanks_type_only_imports_and_exports() {
    assert_blanked(
        "import type { A } from './a.js';\nimport { type B, c, type D } from './b.js';\nexport type { A };\n",
        ";                               \nimport {         c,        } from './b.js';\n;                 \n",
    );
    assert_blanked(
        "export { type B, c };\nexport type * from './t.js';\nimport type X = require('x');\n",
        "export {         c };\n;                           \n;                            \n",
    );
}

#[test]
fn blanks_expression_types() {
    assert_blanked(
        "let a = b as unknown as string;\nlet c = d!.e!;\nlet f = { g: 1 } satisfies object;\nlet h = <any>i;\n",
        "let a = b                     ;\nlet c = d .e ;\nlet f = { g: 1 }                 ;\nlet h =      i;\n",
    );
    assert_blanked("(x as any).y = 1;\nx! = 2;\n", "(x       ).y = 1;\nx  = 2;\n");
}

#[test]
fn an_as_type_before_a_line_starting_with_a_paren_or_bracket_ends_the_statement() {
    assert_blanked(
        "let a = b as any\n(c)\nlet d = e satisfies F\n[1].map(g)\n",
        "let a = b      ;\n(c)\nlet d = e           ;\n[1].map(g)\n",
    );
}

#[test]
fn blanks_class_syntax() {
    assert_blanked(
        concat!(
            "export abstract class K<T> extends Base<T> implements I<T>, J {\n",
            "  private readonly x?: number = 1\n",
            "  declare y: string;\n",
            "  [k: string]: unknown;\n",
            "  override z!: T;\n",
            "  public static m<U>(a?: U): void {}\n",
            "  abstract n(): void;\n",
            "  o(a: string): void;\n",
            "  o(a: any) {}\n",
            "  protected get p(): number { return 1 }\n",
            "  [\"q\"]?() {}\n",
            "}\n",
        ),
        concat!(
            "export          class K    extends Base                       {\n",
            "  ;                x          = 1\n",
            "  ;                 \n",
            "  ;                    \n",
            "  ;        z    ;\n",
            "  ;      static m   (a    )       {}\n",
            "  ;                  \n",
            "  ;                  \n",
            "  o(a     ) {}\n",
            "  ;         get p()         { return 1 }\n",
            "  [\"q\"] () {}\n",
            "}\n",
        ),
    );
}

#[test]
fn a_member_whose_modifier_is_blanked_does_not_run_into_the_field_before() {
    assert_blanked("class A {\n  x = 1\n  private [k] = 2\n}\n", "class A {\n  x = 1\n  ;       [k] = 2\n}\n");
}

#[test]
fn an_arrow_return_type_over_several_lines_takes_the_paren_along() {
    assert_blanked(
        "const f = (a: number): Array<\n  number\n> => [a];\n",
        "const f = (a                 \n        \n) => [a];\n",
    );
}

#[test]
fn blanking_keeps_columns_in_utf16_units() {
    let output = strip_types(Path::new("t.ts"), "let s: 'é😀' = 'é';\n").unwrap();
    assert_eq!(output, "let s        = 'é';\n");
}
