// The http group's globals are only read as properties of `globalThis`, so ferry does not
// see them used and the world gets no wasi:http: using them says what is missing.
export function callFetch() {
  const messages = [];
  for (const attempt of [() => globalThis.fetch('http://127.0.0.1/'), () => new globalThis.Response('')]) {
    try {
      attempt();
      messages.push('no error');
    } catch (error) {
      messages.push(`${error.name}: ${error.message}`);
    }
  }
  return messages.join('; ');
}
