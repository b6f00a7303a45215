// Preloaded (`node -r ./lib/loopback.js`) into the processor and the GraphQL server: their
// libraries listen on every interface and have no option to choose one. A listen call that names
// no host gets COVALUE_INDEXER_HOST (default 127.0.0.1), so nothing is reachable from elsewhere
// unless asked for.
import * as net from 'net';

const host = process.env.COVALUE_INDEXER_HOST ?? '127.0.0.1';
const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function (this: net.Server, ...args: unknown[]) {
  const [first, second] = args;
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (typeof second !== 'string') args.splice(1, 0, host);
  } else if (first !== null && typeof first === 'object' && !('path' in first) && !('host' in first)) {
    args[0] = { ...first, host };
  }
  return listen.apply(this, args as Parameters<typeof listen>);
} as typeof listen;
