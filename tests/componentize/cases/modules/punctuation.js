export const punctuation = '!';
