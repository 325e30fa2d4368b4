// wasi:sockets in browsers: a page has no sockets and no name lookup, so every call that can
// fail answers `not-supported`, never a silent no-op. No socket or lookup stream can be made,
// so their methods that cannot fail are never reached: they throw, as misuse would.
const NOT_SUPPORTED = 'not-supported';

/** `network`: grants nothing by itself, here as on Node. */
class Network {}

function notSupported() {
  throw NOT_SUPPORTED;
}

function unreachable() {
  throw new TypeError('wasi:sockets: no socket exists in a browser');
}

/** A resource class whose methods named in `failing` answer not-supported, those in `infallible` throw. */
function unsupportedResource(name, failing, infallible) {
  const Class = { [name]: class {} }[name];
  for (const method of failing) Class.prototype[method] = notSupported;
  for (const method of infallible) Class.prototype[method] = unreachable;
  return Class;
}

const bufferSizes = ['receiveBufferSize', 'setReceiveBufferSize', 'sendBufferSize', 'setSendBufferSize'];

const TcpSocket = unsupportedResource(
  'TcpSocket',
  [
    'startBind', 'finishBind', 'startConnect', 'finishConnect', 'startListen', 'finishListen', 'accept',
    'localAddress', 'remoteAddress', 'setListenBacklogSize', 'keepAliveEnabled', 'setKeepAliveEnabled',
    'keepAliveIdleTime', 'setKeepAliveIdleTime', 'keepAliveInterval', 'setKeepAliveInterval',
    'keepAliveCount', 'setKeepAliveCount', 'hopLimit', 'setHopLimit', ...bufferSizes, 'shutdown',
  ],
  ['isListening', 'addressFamily', 'subscribe'],
);
const UdpSocket = unsupportedResource(
  'UdpSocket',
  ['startBind', 'finishBind', 'stream', 'localAddress', 'remoteAddress', 'unicastHopLimit', 'setUnicastHopLimit', ...bufferSizes],
  ['addressFamily', 'subscribe'],
);
const IncomingDatagramStream = unsupportedResource('IncomingDatagramStream', ['receive'], ['subscribe']);
const OutgoingDatagramStream = unsupportedResource('OutgoingDatagramStream', ['checkSend', 'send'], ['subscribe']);
const ResolveAddressStream = unsupportedResource('ResolveAddressStream', ['resolveNextAddress'], ['subscribe']);

export const network = { Network };
export const instanceNetwork = { instanceNetwork: () => new Network() };
export const tcp = { TcpSocket };
export const tcpCreateSocket = { createTcpSocket: notSupported };
export const udp = { UdpSocket, IncomingDatagramStream, OutgoingDatagramStream };
export const udpCreateSocket = { createUdpSocket: notSupported };
export const ipNameLookup = { ResolveAddressStream, resolveAddresses: notSupported };
