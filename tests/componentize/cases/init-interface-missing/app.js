export const greeter = { greet() { return "hi"; } };
