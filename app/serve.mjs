// Serves the built app (dist/) on 127.0.0.1, with /config.json naming the node the app connects
// to by default and, if given, the indexer's GraphQL API it reads history from. No dependencies:
// Node's own http server.
//
//   node serve.mjs [--port 8080] [--host 127.0.0.1] [--node ws://127.0.0.1:9944] [--indexer URL] [--dir dist]

import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const options = { port: '8080', host: '127.0.0.1', node: 'ws://127.0.0.1:9944', indexer: '', dir: '' };
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const name = args[i].replace(/^--/, '');
  if (!(name in options) || args[i + 1] === undefined) {
    console.error(
      `usage: node serve.mjs [--port N] [--host H] [--node URL] [--indexer URL] [--dir DIR] (unknown: ${args[i]})`,
    );
    process.exit(2);
  }
  options[name] = args[++i];
}
const root = resolve(options.dir || join(fileURLToPath(new URL('.', import.meta.url)), 'dist'));
try {
  statSync(join(root, 'index.html'));
} catch {
  console.error(`${root} has no index.html: build the app first (npm run build)`);
  process.exit(1);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
};

const server = createServer((request, response) => {
  let path;
  try {
    path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  } catch {
    response.writeHead(400, { 'content-type': 'text/plain' }).end('bad path');
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  if (path === '/config.json') {
    response.writeHead(200, { 'content-type': TYPES['.json'], 'cache-control': 'no-store' });
    response.end(
      JSON.stringify(
        options.indexer ? { node: options.node, indexer: options.indexer } : { node: options.node },
      ),
    );
    return;
  }
  const file = normalize(join(root, path === '/' ? 'index.html' : path));
  if (file !== root && !file.startsWith(root + sep)) {
    response.writeHead(403).end();
    return;
  }
  let target = file;
  try {
    if (!statSync(target).isFile()) target = join(root, 'index.html');
  } catch {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  // The bundle's file names carry their content hash: cache them; never the page itself.
  const immutable = target.includes(`${sep}assets${sep}`);
  response.writeHead(200, {
    'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (request.method === 'HEAD') response.end();
  else createReadStream(target).pipe(response);
});

server.on('error', (error) => {
  console.error(`can't serve the app on ${options.host}:${options.port}: ${error.message}`);
  process.exit(1);
});
server.listen(Number(options.port), options.host, () => {
  const { port } = server.address();
  console.log(`Covalue app on http://${options.host}:${port}/ (node ${options.node})`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
