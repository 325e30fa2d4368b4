// `ComponentError`: what calling an import throws when it returns the `err` of its whole
// `result<T, E>`; `payload` is the `E`. The expression's value is the class (the engine
// evaluates this file once and makes the class a global).
(class ComponentError extends Error {
  constructor(payload) {
    const described = typeof payload !== 'string';
    let message = payload;
    if (described) {
      try {
        message = `${String(payload)} (see error.payload)`;
      } catch {
        message = 'see error.payload';
      }
    }
    super(message);
    Object.defineProperty(this, 'payload', { value: payload, enumerable: described, writable: true, configurable: true });
  }

  get name() {
    return 'ComponentError';
  }
})
