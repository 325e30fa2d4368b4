export function greet() { return "hi"; }
