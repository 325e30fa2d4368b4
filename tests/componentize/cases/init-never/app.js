await new Promise(() => {});
export function hello() { return 1; }
