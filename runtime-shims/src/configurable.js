// A platform's grants and the `configure` that sets them: Node's (config.js) and browsers'
// (browser/config.js) differ in their keys and defaults, not in how they are set.

/**
 * The configuration object with `defaults` (its keys are the only ones `configure` accepts),
 * and `configure(options)`, which changes only the keys given. `env` may be given as an
 * object; it is kept as `[name, value]` pairs.
 */
export function configurable(defaults) {
  const config = { ...defaults };
  const keys = new Set(Object.keys(defaults));
  function configure(options) {
    for (const [key, value] of Object.entries(options)) {
      if (!keys.has(key)) throw new TypeError(`configure: unknown option \`${key}\``);
      config[key] = value;
    }
    if (options.env && !Array.isArray(config.env)) config.env = Object.entries(config.env);
  }
  return { config, configure };
}
