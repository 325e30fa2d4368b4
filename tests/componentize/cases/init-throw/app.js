function setup() {
  throw new SyntaxError('bad config');
}
setup();
export function hello() { return 'hi'; }
