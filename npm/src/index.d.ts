// Declarations of @ferry-wasm/ferry's JS API (src/index.js).

/** The options of `ferry transpile` and `ferry types` that shape the generated module. */
export interface ModuleOptions {
  /**
   * Export `instantiate(getCoreModule, imports, instantiateCore?)` instead of instantiating
   * on import: `'async'` returns a promise, `'sync'` needs synchronously available core
   * modules. Default: the module instantiates itself (`--instantiation`).
   */
  instantiation?: 'async' | 'sync';
  /**
   * Import specifier remappings, tried in order (`--map spec=target`): a spec may end in `*`
   * (replaced into the target's `*`), a target may name one of its exports with `#name`.
   */
  map?: Record<string, string> | Iterable<[string, string]>;
  /** Export interfaces only as `iface`, not also as `'ns:pkg/iface@1.0.0'` (`--no-namespaced-exports`). */
  noNamespacedExports?: boolean;
  /** No top-level await: export an `$init` promise to await before calling exports (`--tla-compat`). */
  tlaCompat?: boolean;
  /** Do not import `wasi:*` from `@ferry-wasm/shims` (`--no-wasi-shim`). */
  noWasiShim?: boolean;
}

export interface TranspileOptions extends ModuleOptions {
  /** Base name of the files: `<name>.js`, `<name>.d.ts`, `<name>.core.wasm`, ... Default `'component'` (`--name`). */
  name?: string;
  /** Inline core modules smaller than this many bytes as base64. Default 0: never (`--base64-cutoff`). */
  base64Cutoff?: number;
}

export interface TypesOptions extends ModuleOptions {
  /** Base name of the files, as `transpile`'s `name` (default: the world's name). */
  name?: string;
  /** The world to declare: `name` in the package, or `ns:pkg/name` (default: the package's only world). */
  world?: string;
  /** Include the items marked `@unstable(feature = NAME)` for these names (`--feature`). */
  features?: string[];
  /** Include every `@unstable` item (`--all-features`). */
  allFeatures?: boolean;
  /**
   * How errors name the WIT: the file for a source string (default `world.wit`), the
   * directory the files' paths are relative to for an object of files.
   */
  witPath?: string;
}

/** What kind of thing a top-level export of the generated module is. */
export type ExportKind = 'function' | 'instance' | 'class' | 'module';

/** Generated files by name, in the order the CLI writes them (the JS module first). */
export type Files = { [path: string]: Uint8Array };

export interface Transpiled {
  files: Files;
  /** The import specifiers the module needs. */
  imports: string[];
  /** The module's exports by JS export name. */
  exports: [name: string, kind: ExportKind][];
  /** What was left out and why, e.g. `no .d.ts written: ...` (the CLI prints them as warnings). */
  warnings: string[];
}

/**
 * Transpiles a component binary into an ES module, its declarations and its core modules:
 * the files `ferry transpile` writes for the same options, byte for byte. Rejects with an
 * `Error` carrying the CLI's message for bad input (with the byte offset, for binary errors).
 */
export function transpile(bytes: Uint8Array | ArrayBuffer | ArrayBufferView, options?: TranspileOptions): Promise<Transpiled>;

/**
 * The declarations (`<name>.d.ts`, `<name>.imports.d.ts`) `transpile` would write for a
 * component of a WIT world, as `ferry types` writes them. `witSource` is one WIT file's text
 * (it may hold several packages), or a package's files by path relative to its directory:
 * `*.wit` for the package itself, `deps/<pkg>.wit` and `deps/<pkg>/*.wit` for dependencies.
 * Rejects with an `Error` (`world.wit:3:16: name \`strin\` does not exist`) for invalid WIT.
 */
export function types(witSource: string | Record<string, string>, options?: TypesOptions): Promise<{ files: Files }>;
