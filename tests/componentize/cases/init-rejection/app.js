async function load() {
  throw new Error('config missing');
}

// Not awaited, and no handler: the rejection fails componentize, as it would end Node.
load();

export function ready() {
  return true;
}
