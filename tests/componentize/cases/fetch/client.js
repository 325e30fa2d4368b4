// fetch against check.mjs's server (`get-json`, ..., `big`), failures (`errors`, its URL a
// closed port), the Headers class (`headers`), and fetches that wait together with other
// fetches and timers (`together`, `timer-first`).

export async function getJson(url) {
  const response = await fetch(url, { headers: { 'X-Test': 'yes' } });
  console.log(response.status, response.ok, JSON.stringify(response.statusText), response.url);
  console.log(response.headers.get('Content-Type'), response.headers.get('x-reply'), response.headers.get('X-Multi'));
  const body = await response.json();
  console.log(body.hello, body.list.length, response.bodyUsed);
  return 'done';
}

export async function postEcho(url, body) {
  const response = await fetch(url, { method: 'post', body, headers: [['X-Request-Id', 'r-1']] });
  console.log(response.status, response.ok, response.headers.get('x-echo-id'));
  console.log(response.headers.get('x-echo-type'), response.headers.get('x-echo-length'));
  return await response.text();
}

export async function status(url) {
  const response = await fetch(url);
  return `${response.status} ${response.ok} ${await response.text()}`;
}

export async function putBytes(url) {
  const request = new Request(url, {
    method: 'PUT',
    body: new Uint8Array([0, 1, 2, 254, 255]),
    headers: { 'Content-Type': 'application/octet-stream' },
  });
  console.log(request.method, request.url === url, request.headers.get('content-type'));
  const response = await fetch(request);
  const bytes = new Uint8Array(await response.arrayBuffer());
  console.log(response.status, bytes.join(','), response.headers.get('content-type'));
  try {
    await response.text();
  } catch (error) {
    console.log(`${error.name}: ${error.message}`);
  }
  return 'done';
}

// A body of many writes up, one of many reads down.
export async function big(url) {
  const up = await fetch(`${url}/count`, { method: 'POST', body: 'x'.repeat(100_000) });
  console.log(await up.text());
  const down = await fetch(`${url}/big`);
  const text = await down.text();
  console.log(text.length, text.slice(0, 12), text === 'abcdefghij'.repeat(30_000));
  return 'done';
}

export async function redirects(url) {
  const moved = await fetch(`${url}/old/moved`, { headers: { Authorization: 'secret' } });
  console.log(moved.status, moved.redirected, moved.url, await moved.text());
  const seeOther = await fetch(`${url}/see-other`, { method: 'POST', body: 'form' });
  console.log(seeOther.url, await seeOther.text());
  const kept = await fetch(`${url}/temporary`, { method: 'POST', body: 'kept' });
  console.log(kept.url, await kept.text());
  const cross = await fetch(`${url}/cross-origin`, { headers: { Authorization: 'secret' } });
  console.log(cross.url === url, await cross.text());
  const manual = await fetch(`${url}/old/moved`, { redirect: 'manual' });
  console.log(manual.status, manual.redirected, manual.headers.get('location'));
  for (const attempt of [() => fetch(`${url}/loop`), () => fetch(`${url}/old/moved`, { redirect: 'error' })]) {
    try {
      await attempt();
    } catch (error) {
      console.log(`${error.name}: ${error.message}`);
    }
  }
  return 'done';
}

export async function errors(closedUrl) {
  const attempts = [
    () => fetch(closedUrl),
    () => fetch(closedUrl, { method: 'POST', body: 'x' }),
    () => fetch('/relative'),
    () => fetch('ftp://example.com/'),
    () => fetch(closedUrl, { body: 'x' }),
    () => fetch(closedUrl, { headers: { Connection: 'close' } }),
  ];
  for (const attempt of attempts) {
    try {
      await attempt();
      console.log('no error');
    } catch (error) {
      console.log(`${error.name}: ${error.message}`);
    }
  }
  return 'done';
}

export function headers() {
  const h = new Headers({ 'Content-Type': 'text/plain' });
  h.append('X-Multi', 'a');
  h.append('x-multi', ' b ');
  h.append('Set-Cookie', 'a=1');
  h.append('set-cookie', 'b=2');
  console.log(h.get('CONTENT-TYPE'), h.get('x-multi'), h.has('X-MULTI'), h.get('missing'));
  h.set('x-multi', 'c');
  h.delete('content-type');
  const seen = [];
  h.forEach((value, name) => seen.push(`${name}=${value}`));
  console.log(seen.join(' '));
  console.log(JSON.stringify([...new Headers(h).entries()]));
  try {
    h.set('bad name', 'x');
  } catch (error) {
    console.log(`${error.name}: ${error.message}`);
  }
  return 'done';
}

// Two fetches at once: the server answers the first only once the second has come.
export async function together(url, key) {
  const texts = [fetch(`${url}/hold?key=${key}`), fetch(`${url}/release?key=${key}`)].map(async (pending) => {
    const response = await pending;
    return `${response.status} ${await response.text()}`;
  });
  return (await Promise.all(texts)).join(' | ');
}

// A timer due while a fetch waits fires meanwhile: the server answers the fetch only once
// the timer's own request has come.
export async function timerFirst(url, key) {
  const log = [];
  let released;
  setTimeout(() => {
    log.push('timer fired');
    released = fetch(`${url}/release?key=${key}`).then((response) => response.text());
  }, 10);
  const held = await fetch(`${url}/hold?key=${key}`);
  log.push(`held: ${held.status} ${await held.text()}`);
  log.push(`release: ${await released}`);
  return log.join(' | ');
}
