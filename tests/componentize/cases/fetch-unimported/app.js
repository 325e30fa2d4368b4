// `fetch` is only read as a property of `globalThis`, so ferry does not see it used and the
// world gets no wasi:http: calling it says what is missing.
export function callFetch() {
  try {
    globalThis.fetch('http://127.0.0.1/');
    return 'no error';
  } catch (error) {
    return `${error.name}: ${error.message}`;
  }
}
