export const greeter = {
  greet(name) {
    console.log(`greeting ${name}`);
    return `Hello, ${name}!`;
  },
};

export function countWords(text) {
  return text.split(/\s+/).filter(Boolean).length;
}
