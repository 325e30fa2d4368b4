export const hello = 42;
