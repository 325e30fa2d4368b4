// `console`, formatting its arguments as Node's does (`util.format` and `util.inspect` with
// their defaults: depth 2, 100 array items, lines broken past 80 columns), a line a call.
// Evaluated once while the engine is pre-initialised; `native.write(fd, line)` writes.
// Leaves `internal.inspect` and `internal.uncaught` for the other builtins.
(function (native, internal) {
  'use strict';

  const DEPTH = 2;
  const MAX_ITEMS = 100;
  const BREAK_LENGTH = 80;
  // Nesting levels that may still share one line (Node's `compact: 3`).
  const COMPACT = 3;

  const TypedArray = Object.getPrototypeOf(Uint8Array);
  const typedArrayTag = Object.getOwnPropertyDescriptor(TypedArray.prototype, Symbol.toStringTag).get;
  const objectToString = Object.prototype.toString;
  const errorToString = Error.prototype.toString;
  const functionToString = Function.prototype.toString;
  const dateToISOString = Date.prototype.toISOString;
  const hasOwn = Object.prototype.hasOwnProperty;

  // The state of one `inspect` call.
  class Context {
    constructor(depth) {
      this.depth = depth;
      this.seen = [];
      this.circular = new Map();
      this.indentation = 0;
      this.currentDepth = 0;
    }
  }

  function inspect(value, depth = DEPTH) {
    return formatValue(new Context(depth), value, 0, false);
  }

  function formatValue(ctx, value, level, nested) {
    if (typeof value === 'string') return nested ? quote(value) : value;
    if (typeof value !== 'object' && typeof value !== 'function') return formatPrimitive(value);
    if (value === null) return 'null';
    if (ctx.seen.includes(value)) {
      let index = ctx.circular.get(value);
      if (index === undefined) {
        index = ctx.circular.size + 1;
        ctx.circular.set(value, index);
      }
      return `[Circular *${index}]`;
    }
    return formatObject(ctx, value, level);
  }

  function formatPrimitive(value) {
    switch (typeof value) {
      case 'number': return Object.is(value, -0) ? '-0' : `${value}`;
      case 'bigint': return `${value}n`;
      case 'symbol': return value.toString();
      default: return `${value}`;
    }
  }

  const ESCAPES = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r', 39: "\\'", 92: '\\\\' };

  // A string inside an object: single-quoted unless it holds single quotes and no double
  // quotes (or backticks), escaped like a JS literal.
  function quote(string) {
    let q = "'";
    if (string.includes("'")) {
      if (!string.includes('"')) q = '"';
      else if (!string.includes('`') && !string.includes('${')) q = '`';
    }
    let out = '';
    for (let i = 0; i < string.length; i++) {
      const c = string.charCodeAt(i);
      if (c === q.charCodeAt(0) || c === 92 || c < 32 || (c >= 0x7f && c <= 0x9f)) {
        out += ESCAPES[c] !== undefined && (c !== 39 || q === "'") ? ESCAPES[c] : c === q.charCodeAt(0) ? `\\${q}` : `\\x${hex(c, 2)}`;
      } else if (c >= 0xd800 && c <= 0xdfff) {
        const next = string.charCodeAt(i + 1);
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          out += string[i] + string[i + 1];
          i++;
        } else {
          out += `\\u${hex(c, 4)}`;
        }
      } else {
        out += string[i];
      }
    }
    return q + out + q;
  }

  function hex(n, width) {
    return n.toString(16).toUpperCase().padStart(width, '0');
  }

  function formatKey(key) {
    if (typeof key === 'symbol') return key.toString();
    return /^[a-zA-Z_][a-zA-Z_0-9]*$/.test(key) ? key : quote(key);
  }

  // The name of the nearest constructor on the prototype chain, or null.
  function constructorName(object) {
    for (let proto = object; proto !== null; proto = Object.getPrototypeOf(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, 'constructor');
      if (descriptor !== undefined && typeof descriptor.value === 'function' && descriptor.value.name !== '') {
        return descriptor.value.name;
      }
    }
    return null;
  }

  function formatObject(ctx, value, level) {
    const name = constructorName(value);
    let keys = ownKeys(value);
    let braces;
    let base = '';
    let entries = null;
    let isArrayLike = false;
    const prefix = (fallback, size) => {
      const n = name === null ? `[${fallback}: null prototype]` : name;
      return size === undefined ? n : `${n}(${size})`;
    };
    if (Array.isArray(value)) {
      keys = keys.filter((key) => !isIndex(key));
      braces = [name === 'Array' ? '[' : `${prefix('Array', value.length)} [`, ']'];
      if (value.length === 0 && keys.length === 0) return `${braces[0]}]`;
      isArrayLike = true;
      entries = () => formatArray(ctx, value, level);
    } else if (typedArrayTag.call(value) !== undefined) {
      keys = keys.filter((key) => !isIndex(key));
      braces = [`${prefix(typedArrayTag.call(value), value.length)} [`, ']'];
      if (value.length === 0 && keys.length === 0) return `${braces[0]}]`;
      isArrayLike = true;
      entries = () => formatList(ctx, value, level, value.length, (v) => formatPrimitive(v));
    } else if (value instanceof Map) {
      braces = [`${prefix('Map', value.size)} {`, '}'];
      if (value.size === 0 && keys.length === 0) return `${braces[0]}}`;
      entries = () => formatList(ctx, value.entries(), level, value.size,
        ([k, v]) => `${formatValue(ctx, k, level + 1, true)} => ${formatValue(ctx, v, level + 1, true)}`);
    } else if (value instanceof Set) {
      braces = [`${prefix('Set', value.size)} {`, '}'];
      if (value.size === 0 && keys.length === 0) return `${braces[0]}}`;
      entries = () => formatList(ctx, value.values(), level, value.size, (v) => formatValue(ctx, v, level + 1, true));
    } else {
      const tag = objectToString.call(value).slice(8, -1);
      if (typeof value === 'function') {
        base = formatFunction(value, name);
        if (keys.length === 0) return base;
      } else if (value instanceof Error) {
        base = formatError(ctx, value);
        keys = keys.filter((key) => key !== 'cause');
        if (hasOwn.call(value, 'cause')) keys.push('cause');
        if (keys.length === 0) return base;
      } else if (value instanceof RegExp) {
        base = `${value}`;
        if (keys.length === 0) return base;
      } else if (value instanceof Date) {
        base = Number.isNaN(value.getTime()) ? 'Invalid Date' : dateToISOString.call(value);
        if (keys.length === 0) return base;
      } else if (value instanceof ArrayBuffer) {
        const bytes = new Uint8Array(value);
        let contents = Array.from(bytes.subarray(0, 50), (b) => hex(b, 2).toLowerCase()).join(' ');
        if (bytes.length > 50) contents += ` ... ${bytes.length - 50} more byte${bytes.length - 50 > 1 ? 's' : ''}`;
        return `${prefix('ArrayBuffer')} { [Uint8Contents]: <${contents}>, [byteLength]: ${bytes.length} }`;
      } else if (['Number', 'String', 'Boolean', 'BigInt', 'Symbol'].includes(tag) && isBoxed(value, tag)) {
        const primitive = value.valueOf();
        base = `[${tag}: ${formatValue(ctx, primitive, level, true)}]`;
        if (tag === 'String') keys = keys.filter((key) => !isIndex(key));
        if (keys.length === 0) return base;
      } else if (value instanceof Promise) {
        base = `${prefix('Promise')}`;
        if (keys.length === 0) return `${base} {}`;
        base = '';
        braces = [`${prefix('Promise')} {`, '}'];
      } else if (value instanceof WeakMap || value instanceof WeakSet) {
        return `${prefix(tag)} { <items unknown> }`;
      } else if (tag === 'Module') {
        braces = ['[Module: null prototype] {', '}'];
      }
      if (braces === undefined) {
        if (name === 'Object') braces = ['{', '}'];
        else if (name === null) braces = ['[Object: null prototype] {', '}'];
        else braces = [`${name} {`, '}'];
        if (keys.length === 0) return `${braces[0]}}`;
      } else if (base !== '') {
        braces = ['{', '}'];
      }
    }
    if (level > ctx.depth) {
      return `[${name === null ? (isArrayLike ? 'Array' : 'Object') : name}]`;
    }
    ctx.seen.push(value);
    ctx.currentDepth = level;
    let output = entries === null ? [] : entries();
    for (const key of keys) output.push(formatProperty(ctx, value, key, level));
    ctx.seen.pop();
    const index = ctx.circular.get(value);
    if (index !== undefined) {
      const reference = `<ref *${index}>`;
      if (base === '') braces[0] = `${reference} ${braces[0]}`;
      else base = `${reference} ${base}`;
    }
    const entryCount = output.length;
    if (isArrayLike && output.length > 6) output = groupArrayElements(ctx, output, value);
    return reduceToSingleString(ctx, output, base, braces, level, isArrayLike, entryCount);
  }

  function ownKeys(value) {
    const keys = Object.keys(value);
    for (const symbol of Object.getOwnPropertySymbols(value)) {
      if (Object.getOwnPropertyDescriptor(value, symbol).enumerable) keys.push(symbol);
    }
    return keys;
  }

  function isIndex(key) {
    return typeof key === 'string' && /^(0|[1-9][0-9]*)$/.test(key) && Number(key) < 2 ** 32 - 1;
  }

  function isBoxed(value, tag) {
    try {
      globalThis[tag].prototype.valueOf.call(value);
      return true;
    } catch {
      return false;
    }
  }

  function formatFunction(fn, name) {
    let source = '';
    try {
      source = functionToString.call(fn);
    } catch {}
    if (source.startsWith('class') && /^class\b/.test(source)) {
      let base = `[class ${fn.name || '(anonymous)'}`;
      const parent = Object.getPrototypeOf(fn);
      if (parent !== Function.prototype && parent !== null && parent.name) base += ` extends ${parent.name}`;
      return `${base}]`;
    }
    const type = name === null ? 'Function' : name;
    return fn.name ? `[${type}: ${fn.name}]` : `[${type} (anonymous)]`;
  }

  // `Name: message` and the stack below it (QuickJS's `stack` is the frames alone).
  function formatError(ctx, error) {
    let head;
    try {
      head = errorToString.call(error);
    } catch {
      head = 'Error';
    }
    const stack = typeof error.stack === 'string' ? error.stack.trimEnd() : '';
    if (stack === '') return `[${head}]`;
    let text = `${head}\n${stack}`;
    if (ctx.indentation !== 0) text = text.replaceAll('\n', `\n${' '.repeat(ctx.indentation)}`);
    return text;
  }

  function formatProperty(ctx, object, key, level) {
    const descriptor = Object.getOwnPropertyDescriptor(object, key);
    let value;
    if (descriptor.get !== undefined || descriptor.set !== undefined) {
      value = descriptor.get === undefined ? '[Setter]' : descriptor.set === undefined ? '[Getter]' : '[Getter/Setter]';
    } else {
      ctx.indentation += 2;
      value = formatValue(ctx, descriptor.value, level + 1, true);
      ctx.indentation -= 2;
    }
    const name = key === 'cause' && object instanceof Error && !descriptor.enumerable ? '[cause]' : formatKey(key);
    return `${name}: ${value}`;
  }

  function formatArray(ctx, array, level) {
    const output = [];
    const shown = Math.min(array.length, MAX_ITEMS);
    let holes = 0;
    const flushHoles = () => {
      if (holes > 0) output.push(`<${holes} empty item${holes > 1 ? 's' : ''}>`);
      holes = 0;
    };
    let i = 0;
    for (; i < array.length && output.length < shown; i++) {
      if (!hasOwn.call(array, i)) {
        holes++;
        continue;
      }
      flushHoles();
      ctx.indentation += 2;
      output.push(formatValue(ctx, array[i], level + 1, true));
      ctx.indentation -= 2;
    }
    flushHoles();
    if (i < array.length) output.push(more(array.length - i));
    return output;
  }

  // The first 100 entries of an iterable of `size`, each through `format`.
  function formatList(ctx, iterable, level, size, format) {
    const output = [];
    let i = 0;
    ctx.indentation += 2;
    for (const item of typeof iterable.length === 'number' ? Array.prototype.values.call(iterable) : iterable) {
      if (i++ === MAX_ITEMS) break;
      output.push(format(item));
    }
    ctx.indentation -= 2;
    if (size > MAX_ITEMS) output.push(more(size - MAX_ITEMS));
    return output;
  }

  function more(n) {
    return `... ${n} more item${n > 1 ? 's' : ''}`;
  }

  // Node's grid for arrays of more than 6 short entries: as many columns as keep the block
  // about square, numbers aligned right.
  function groupArrayElements(ctx, output, value) {
    let totalLength = 0;
    let maxLength = 0;
    const hasMore = output.length > 0 && output[output.length - 1].startsWith('... ') && value.length > MAX_ITEMS;
    const outputLength = hasMore ? output.length - 1 : output.length;
    const separatorSpace = 2;
    const dataLength = [];
    for (let i = 0; i < outputLength; i++) {
      const length = output[i].length;
      dataLength.push(length);
      totalLength += length + separatorSpace;
      if (maxLength < length) maxLength = length;
    }
    const actualMax = maxLength + separatorSpace;
    if (actualMax * 3 + ctx.indentation < BREAK_LENGTH && (totalLength / actualMax > 5 || maxLength <= 6)) {
      const averageBias = Math.sqrt(actualMax - totalLength / output.length);
      const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
      const columns = Math.min(
        Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
        Math.floor((BREAK_LENGTH - ctx.indentation) / actualMax),
        COMPACT * 4,
        15,
      );
      if (columns <= 1) return output;
      const maxLineLength = [];
      for (let i = 0; i < columns; i++) {
        let lineLength = 0;
        for (let j = i; j < output.length; j += columns) {
          if (dataLength[j] > lineLength) lineLength = dataLength[j];
        }
        maxLineLength.push(lineLength + separatorSpace);
      }
      let padStart = true;
      for (let i = 0; i < output.length; i++) {
        if (typeof value[i] !== 'number' && typeof value[i] !== 'bigint') {
          padStart = false;
          break;
        }
      }
      const grouped = [];
      for (let i = 0; i < outputLength; i += columns) {
        const max = Math.min(i + columns, outputLength);
        let line = '';
        let j = i;
        for (; j < max - 1; j++) {
          const cell = `${output[j]}, `;
          line += padStart ? cell.padStart(maxLineLength[j - i]) : cell.padEnd(maxLineLength[j - i]);
        }
        line += padStart ? output[j].padStart(maxLineLength[j - i] - separatorSpace) : output[j];
        grouped.push(line);
      }
      if (hasMore) grouped.push(output[outputLength]);
      return grouped;
    }
    return output;
  }

  function reduceToSingleString(ctx, output, base, braces, level, isArrayLike, entries) {
    const start = output.length + ctx.indentation + braces[0].length + base.length + 10;
    const grouped = isArrayLike && output.length !== entries;
    if (ctx.currentDepth - level < COMPACT && !grouped && isBelowBreakLength(output, start, base)) {
      const joined = output.join(', ');
      if (!joined.includes('\n')) {
        return `${base === '' ? '' : `${base} `}${braces[0]} ${joined} ${braces[1]}`;
      }
    }
    const indentation = `\n${' '.repeat(ctx.indentation)}`;
    return `${base === '' ? '' : `${base} `}${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
  }

  function isBelowBreakLength(output, start, base) {
    let totalLength = output.length + start;
    if (totalLength + output.length > BREAK_LENGTH) return false;
    for (const entry of output) {
      totalLength += entry.length;
      if (totalLength > BREAK_LENGTH) return false;
    }
    return base === '' || !base.includes('\n');
  }

  // `util.format`: `%s %d %i %f %j %o %O %c %%` in a first string argument, then the rest
  // of the arguments, strings as they are and other values inspected.
  function format(args) {
    let first = args[0];
    let next = 1;
    let out = '';
    if (typeof first === 'string') {
      if (args.length === 1) return first;
      let last = 0;
      for (let i = 0; i < first.length - 1; i++) {
        if (first.charCodeAt(i) !== 37) continue; // '%'
        const c = first[i + 1];
        if (c === '%') {
          out += first.slice(last, i + 1);
          last = i + 2;
          i++;
          continue;
        }
        if (next >= args.length || !'sdifjoOc'.includes(c)) continue;
        const arg = args[next++];
        let text;
        switch (c) {
          case 's':
            if (typeof arg === 'bigint') text = `${arg}n`;
            else if (typeof arg === 'object' && arg !== null && !hasOwnToString(arg)) text = inspect(arg, 0);
            else if (typeof arg === 'symbol' || Object.is(arg, -0)) text = formatPrimitive(arg);
            else text = String(arg);
            break;
          case 'd':
            text = typeof arg === 'bigint' ? `${arg}n` : typeof arg === 'symbol' ? 'NaN' : formatPrimitive(Number(arg));
            break;
          case 'i':
            text = typeof arg === 'bigint' ? `${arg}n` : typeof arg === 'symbol' ? 'NaN' : formatPrimitive(parseInt(arg));
            break;
          case 'f':
            text = typeof arg === 'symbol' ? 'NaN' : formatPrimitive(parseFloat(arg));
            break;
          case 'j':
            try {
              text = JSON.stringify(arg);
            } catch (error) {
              if (!(error instanceof TypeError) || !/circular|cyclic/i.test(error.message)) throw error;
              text = '[Circular]';
            }
            break;
          case 'o':
            text = inspect(arg, 4);
            break;
          case 'O':
            text = inspect(arg);
            break;
          case 'c':
            text = '';
            break;
        }
        out += first.slice(last, i) + text;
        last = i + 2;
        i++;
      }
      out += first.slice(last);
    } else {
      next = 0;
    }
    for (; next < args.length; next++) {
      const arg = args[next];
      if (out !== '' || next > 0) out += ' ';
      out += typeof arg === 'string' ? arg : inspect(arg);
    }
    return out;
  }

  // Whether `%s` should call the object's own `toString` rather than inspect it: an error, or
  // an object with a `toString` of its own or of a class of its own.
  function hasOwnToString(object) {
    if (object instanceof Error) return true;
    for (let proto = object; proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      if (hasOwn.call(proto, 'toString')) return !isBuiltinPrototype(proto);
    }
    return false;
  }

  function isBuiltinPrototype(proto) {
    return proto === Array.prototype || proto === Date.prototype || proto === RegExp.prototype
      || proto === Function.prototype || proto === TypedArray.prototype;
  }

  // One output stream: `stream` names the capability `native.unavailable` may explain.
  function writer(fd, stream) {
    return (...args) => {
      const why = native.unavailable[stream];
      if (why !== undefined) throw new Error(internal.unavailableMessage('console', why));
      native.write(fd, format(args));
    };
  }

  const log = writer(1, 'stdout');
  const error = writer(2, 'stderr');
  const console = {
    log,
    info: log,
    debug: log,
    warn: error,
    error,
    dir: (value) => log(inspect(value)),
    trace(...args) {
      const stack = new Error().stack.split('\n').slice(1).join('\n').trimEnd();
      error(`Trace${args.length > 0 ? `: ${format(args)}` : ''}\n${stack}`);
    },
    assert(condition, ...args) {
      if (condition) return;
      if (typeof args[0] === 'string') args[0] = `Assertion failed: ${args[0]}`;
      else args.unshift('Assertion failed');
      error(...args);
    },
  };
  Object.defineProperty(globalThis, 'console', { value: console, writable: true, configurable: true });

  // What a builtin that needs `why` (a missing interface, or `--disable <flag>`) throws.
  internal.unavailableMessage = (name, why) => why.startsWith('--disable')
    ? `${name} is disabled (ferry componentize ${why})`
    : `${name} needs ${why}, which this component does not import`;
  internal.inspect = inspect;
  // An exception nothing caught (in a timer or a microtask): printed, then the engine traps,
  // as Node exits.
  internal.uncaught = (error) => native.fatal(`Uncaught ${inspect(error)}`);
})
