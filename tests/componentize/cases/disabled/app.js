// Built with `--disable random,clocks,http`: the builtins say so when used.
export function checks() {
  const messages = [];
  for (const attempt of [
    () => crypto.randomUUID(),
    () => crypto.getRandomValues(new Uint8Array(1)),
    () => setTimeout(() => {}, 1),
    () => performance.now(),
    () => fetch('http://127.0.0.1/'),
    () => new Headers(),
    () => Date.now(),
    () => new Date(),
    () => Date(),
  ]) {
    try {
      attempt();
      messages.push('no error');
    } catch (error) {
      messages.push(error.message);
    }
  }
  const x = Math.random();
  messages.push(`Math.random still works: ${x >= 0 && x < 1}`);
  const given = new Date(Date.UTC(2026, 10, 21));
  messages.push(`a given date still works: ${given.toISOString()} ${given instanceof Date} ${given.constructor === Date}`);
  messages.push(`TextEncoder needs nothing: ${new TextEncoder().encode('ok').length}`);
  console.log(messages.join('\n'));
  return 'done';
}
