export function goodbye() {}
