const response = await fetch('http://127.0.0.1:1/');
export function hello() { return response.statusText; }
