// wasi:sockets (src/sockets.js) driven directly, as a transpiled component's code calls it:
// synchronously, so the main thread blocks in each call and the Node peers run in worker
// threads. Only 127.0.0.1; every wait is bounded by a timer (`ready`).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { monotonicClock } from '../src/clocks.js';
import { configure } from '../src/index.js';
import { poll } from '../src/io.js';
import { instanceNetwork, ipNameLookup, tcpCreateSocket, udpCreateSocket } from '../src/sockets.js';

const network = instanceNetwork.instanceNetwork();
const v4 = (port) => ({ tag: 'ipv4', val: { port, address: [127, 0, 0, 1] } });
const text = (bytes) => new TextDecoder().decode(bytes);
const bytes = (string) => new TextEncoder().encode(string);

/** Waits until `pollable` is ready; fails after 5 s. */
function ready(pollable) {
  const limit = monotonicClock.subscribeDuration(5_000_000_000n);
  assert.deepEqual([...poll.poll([pollable, limit])], [0], 'timed out');
}

/** Reads exactly `n` bytes. */
function readBytes(input, n) {
  const out = new Uint8Array(n);
  for (let at = 0; at < n; ) {
    ready(input.subscribe());
    const chunk = input.read(BigInt(n - at));
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function throwsCode(fn, code) {
  assert.throws(fn, (thrown) => {
    assert.deepEqual(thrown, code);
    return true;
  });
}

/** A socket listening on 127.0.0.1 (any port). */
function listener() {
  const socket = tcpCreateSocket.createTcpSocket('ipv4');
  socket.startBind(network, v4(0));
  socket.finishBind();
  socket.startListen();
  socket.finishListen();
  return socket;
}

/** Runs `source` (CommonJS, with `port`, `post` and `workerData`) in a worker thread. */
function peer(source, workerData) {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const post = (message) => parentPort.postMessage(message);
     ${source}`,
    { eval: true, workerData },
  );
  const messages = [];
  worker.on('message', (message) => messages.push(message));
  return {
    /** The peer's next message. */
    async next() {
      while (messages.length === 0) await new Promise((resolve) => worker.once('message', resolve));
      return messages.shift();
    },
    stop: () => worker.terminate(),
  };
}

const dispose = (...resources) => resources.forEach((r) => r[Symbol.dispose]());

before(() => configure({ network: true }));
after(() => configure({ network: false }));

test('tcp: connect to a Node echo server, 1 MiB through and back, then EOF', async (t) => {
  const server = peer(`
    const server = require('node:net').createServer((socket) => socket.pipe(socket));
    server.listen(0, '127.0.0.1', () => post(server.address().port));`);
  try {
    const port = await server.next();
    const socket = tcpCreateSocket.createTcpSocket('ipv4');
    socket.startConnect(network, v4(port));
    ready(socket.subscribe());
    const [input, output] = socket.finishConnect();
    assert.deepEqual(socket.remoteAddress(), v4(port));
    assert.equal(socket.localAddress().tag, 'ipv4');

    const data = new Uint8Array(randomBytes(1 << 20));
    const back = new Uint8Array(data.length);
    const start = performance.now();
    let got = 0;
    // Writes a chunk, reads what came back so far: neither side's buffers fill up.
    for (let at = 0; at < data.length; ) {
      const n = Math.min(Number(output.checkWrite()), data.length - at);
      output.write(data.subarray(at, at + n));
      at += n;
      const chunk = input.read(BigInt(data.length - got));
      back.set(chunk, got);
      got += chunk.length;
    }
    output.flush();
    back.set(readBytes(input, data.length - got), got);
    t.diagnostic(`1 MiB echo: ${(performance.now() - start).toFixed(1)} ms`);
    assert.ok(Buffer.from(back).equals(data), 'the echo differs');

    socket.shutdown('send');
    ready(input.subscribe());
    throwsCode(() => input.read(1n), { tag: 'closed' });
    dispose(input, output, socket);
  } finally {
    await server.stop();
  }
});

test('tcp: listen and accept a Node client', async () => {
  const socket = listener();
  assert.equal(socket.isListening(), true);
  throwsCode(() => socket.accept(), 'would-block');
  const { port } = socket.localAddress().val;
  const client = peer(
    `const client = require('node:net').connect(workerData.port, '127.0.0.1', () => {
       post(client.localPort);
       client.write('ping');
     });
     client.on('data', (data) => { post(String(data)); client.end(); });`,
    { port },
  );
  try {
    ready(socket.subscribe());
    const [conn, input, output] = socket.accept();
    assert.equal(text(readBytes(input, 4)), 'ping');
    output.blockingWriteAndFlush(bytes('pong'));
    assert.equal(conn.remoteAddress().val.port, await client.next());
    assert.equal(await client.next(), 'pong');
    ready(input.subscribe());
    throwsCode(() => input.read(1n), { tag: 'closed' });
    dispose(input, output, conn, socket);
  } finally {
    await client.stop();
  }
});

test('tcp: states and errors as wasmtime', () => {
  const socket = tcpCreateSocket.createTcpSocket('ipv4');
  throwsCode(() => socket.finishBind(), 'not-in-progress');
  throwsCode(() => socket.startListen(), 'invalid-state');
  throwsCode(() => socket.localAddress(), 'invalid-state');
  const v6 = { tag: 'ipv6', val: { port: 0, flowInfo: 0, address: [0, 0, 0, 0, 0, 0, 0, 1], scopeId: 0 } };
  throwsCode(() => socket.startBind(network, v6), 'invalid-argument');
  throwsCode(() => socket.startConnect(network, v4(0)), 'invalid-argument');
  throwsCode(() => socket.setKeepAliveIdleTime(0n), 'invalid-argument');
  socket.setKeepAliveEnabled(true);
  assert.equal(socket.keepAliveEnabled(), true);

  // A port nobody listens on: one that was bound, then closed.
  const closed = listener();
  const { port } = closed.localAddress().val;
  dispose(closed);
  socket.startConnect(network, v4(port));
  throwsCode(() => socket.startConnect(network, v4(port)), 'concurrency-conflict');
  ready(socket.subscribe());
  throwsCode(() => socket.finishConnect(), 'connection-refused');
  throwsCode(() => socket.finishConnect(), 'not-in-progress');
  dispose(socket);
});

test('udp: datagrams between two sockets on 127.0.0.1', () => {
  const [a, b] = [udpCreateSocket.createUdpSocket('ipv4'), udpCreateSocket.createUdpSocket('ipv4')];
  for (const socket of [a, b]) {
    throwsCode(() => socket.stream(undefined), 'invalid-state');
    socket.startBind(network, v4(0));
    socket.finishBind();
  }
  const [aIn, aOut] = a.stream(undefined);
  const [bIn, bOut] = b.stream(a.localAddress());
  assert.deepEqual(b.remoteAddress(), a.localAddress());

  assert.equal(bOut.checkSend(), 16n);
  assert.equal(bOut.send([{ data: bytes('hello') }]), 1n);
  ready(aIn.subscribe());
  const [hello] = aIn.receive(10n);
  assert.equal(text(hello.data), 'hello');
  assert.deepEqual(hello.remoteAddress, b.localAddress());

  aOut.checkSend();
  throwsCode(() => aOut.send([{ data: bytes('x') }]), 'invalid-argument');
  aOut.checkSend();
  assert.equal(aOut.send([{ data: bytes('back'), remoteAddress: hello.remoteAddress }]), 1n);
  ready(bIn.subscribe());
  assert.deepEqual(bIn.receive(10n).map((d) => text(d.data)), ['back']);
  assert.deepEqual(bIn.receive(10n), []);
  dispose(aIn, aOut, bIn, bOut, a, b);
});

/** All the addresses of `name`. */
function resolve(name) {
  const stream = ipNameLookup.resolveAddresses(network, name);
  const found = [];
  for (;;) {
    let address;
    try {
      address = stream.resolveNextAddress();
    } catch (code) {
      assert.equal(code, 'would-block');
      ready(stream.subscribe());
      continue;
    }
    if (address === undefined) break;
    found.push(address);
  }
  dispose(stream);
  return found;
}

test('ip-name-lookup: localhost, literals, bad names', () => {
  const localhost = resolve('localhost');
  assert.ok(
    localhost.some((a) => a.tag === 'ipv4' && a.val.join('.') === '127.0.0.1'),
    `localhost: ${JSON.stringify(localhost)}`,
  );
  assert.deepEqual(resolve('[::1]'), [{ tag: 'ipv6', val: [0, 0, 0, 0, 0, 0, 0, 1] }]);
  for (const name of ['', 'a b', 'localhost:80']) {
    throwsCode(() => ipNameLookup.resolveAddresses(network, name), 'invalid-argument');
  }
});

test('poll: a socket pollable and a timer, without busy waiting', () => {
  const socket = listener();
  const client = tcpCreateSocket.createTcpSocket('ipv4');
  client.startConnect(network, socket.localAddress());
  ready(socket.subscribe());
  const [conn, input, output] = socket.accept();
  ready(client.subscribe());
  const [clientIn, clientOut] = client.finishConnect();

  // Nothing to read: the timer wins, and waiting for it costs (almost) no CPU.
  const cpu = process.cpuUsage();
  const start = performance.now();
  assert.deepEqual([...poll.poll([input.subscribe(), monotonicClock.subscribeDuration(200_000_000n)])], [1]);
  const elapsed = performance.now() - start;
  const { user, system } = process.cpuUsage(cpu);
  assert.ok(elapsed >= 199, `woke after ${elapsed} ms`);
  assert.ok((user + system) / 1000 < 50, `${(user + system) / 1000} ms of CPU while waiting`);

  clientOut.blockingWriteAndFlush(bytes('data'));
  assert.deepEqual([...poll.poll([input.subscribe(), monotonicClock.subscribeDuration(5_000_000_000n)])], [0]);
  assert.equal(text(input.read(10n)), 'data');
  dispose(input, output, conn, clientIn, clientOut, client, socket);
});

test('without the network: wasmtime\'s errors', () => {
  configure({ network: false });
  try {
    throwsCode(() => tcpCreateSocket.createTcpSocket('ipv4'), 'access-denied');
    throwsCode(() => udpCreateSocket.createUdpSocket('ipv6'), 'access-denied');
    throwsCode(() => ipNameLookup.resolveAddresses(network, 'localhost'), 'permanent-resolver-failure');
  } finally {
    configure({ network: true });
  }
});
