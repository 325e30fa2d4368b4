// The host side of the `resources` test component (test:resources): its `counter` and
// `thing` classes, shared by the tests that instantiate it.

/** The host's `test:resources/host-types` and `test:resources/things`, recording what happens. */
export function makeHost() {
  const log = [];
  class Counter {
    constructor(start) {
      this.value = start;
      log.push(['new counter', start]);
    }
    get() {
      return this.value;
    }
    add(n) {
      this.value += n;
    }
    static max(a, b) {
      return Math.max(a.value, b.value);
    }
    [Symbol.dispose]() {
      log.push(['dispose counter', this.value]);
    }
  }
  class Thing {
    constructor(name) {
      this.thingName = name;
    }
    name() {
      return this.thingName;
    }
    static merge(a, b) {
      return new Thing(`${a.thingName}+${b.thingName}`);
    }
  }
  return {
    log,
    Counter,
    Thing,
    imports: { 'test:resources/host-types': { Counter }, 'test:resources/things': { Thing } },
  };
}
