// Starts a throw-away Covalue development node for a test file and guarantees that it goes
// away again: `stop()` ends it, and a node that is still running when this process exits
// (normally, through an uncaught error, or on SIGINT/SIGTERM/SIGHUP) is killed on the way
// out. On Linux the node is also started with a parent-death signal (setpriv --pdeathsig),
// so that even a SIGKILL of the test process takes the node down with it.

import { spawn } from 'node:child_process';
import { accessSync, constants as fsConstants, createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';

import { ApiPromise, WsProvider } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { WebSocket } from '@polkadot/x-ws';

export { createBlocks, describeDispatchError, keyring, rawRpc, submit } from './chain.js';

const E2E_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PROJECT_ROOT = resolve(E2E_DIR, '..');

const READY_TIMEOUT_MS = 60_000;
const API_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 10_000;
const LOG_TAIL_LINES = 60;
const START_ATTEMPTS = 3;

// ---------------------------------------------------------------------------------------------
// Leak protection: every node started here is tracked until it has exited and its base path is
// gone. The handlers below only do synchronous work, which is all that `exit` allows.

const live = new Set(); // of { child, baseDir }

/** Tracks a node process (and its base path) so that it is killed (and removed) on exit. */
export function track(entry) {
  installExitHandlers();
  live.add(entry);
  return () => live.delete(entry);
}

function killAllNow() {
  for (const entry of live) {
    try {
      if (entry.child.exitCode === null && entry.child.signalCode === null) {
        entry.child.kill('SIGKILL');
      }
    } catch {
      // already gone
    }
    try {
      rmSync(entry.baseDir, { recursive: true, force: true });
    } catch {
      // best effort on the way out
    }
  }
  live.clear();
}

let handlersInstalled = false;

function installExitHandlers() {
  if (handlersInstalled) {
    return;
  }
  handlersInstalled = true;
  process.on('exit', killAllNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      killAllNow();
      // Re-raise so that the process ends the way the signal asked for.
      process.kill(process.pid, signal);
    });
  }
}

// ---------------------------------------------------------------------------------------------

/** The node binary: $COVALUE_NODE, else <target dir>/release/covalue-node, where the target
 * dir is $CARGO_TARGET_DIR (relative to the project root if relative) or
 * ~/.cache/covalue-target. */
export function nodeBinary() {
  if (process.env.COVALUE_NODE) {
    return resolve(process.env.COVALUE_NODE);
  }
  const target = process.env.CARGO_TARGET_DIR;
  const targetDir = target
    ? isAbsolute(target)
      ? target
      : resolve(PROJECT_ROOT, target)
    : join(homedir(), '.cache', 'covalue-target');
  return join(targetDir, 'release', 'covalue-node');
}

export function assertExecutable(binary) {
  try {
    accessSync(binary, fsConstants.X_OK);
  } catch {
    throw new Error(
      `covalue-node binary not found or not executable at ${binary}. ` +
        'Build it (cargo build --release -p covalue-node) or point COVALUE_NODE at it ' +
        '(CARGO_TARGET_DIR selects <dir>/release/covalue-node).',
    );
  }
}

/** Two distinct free TCP ports on 127.0.0.1, found by binding port 0 and releasing it. */
export async function freePorts(count = 2) {
  const servers = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise((ok, fail) => {
        server.once('error', fail);
        server.listen(0, '127.0.0.1', ok);
      });
    }
    return servers.map((server) => server.address().port);
  } finally {
    await Promise.all(servers.map((server) => new Promise((ok) => server.close(() => ok()))));
  }
}

let pdeathsigWrapper; // undefined: not probed yet; null: not available

export function parentDeathWrapper() {
  if (pdeathsigWrapper !== undefined) {
    return pdeathsigWrapper;
  }
  pdeathsigWrapper = null;
  if (process.platform === 'linux' && process.env.COVALUE_E2E_NO_PDEATHSIG !== '1') {
    for (const candidate of ['/usr/bin/setpriv', '/bin/setpriv']) {
      try {
        accessSync(candidate, fsConstants.X_OK);
        pdeathsigWrapper = candidate;
        break;
      } catch {
        // try the next one
      }
    }
  }
  return pdeathsigWrapper;
}

/** Keeps the last lines of the node's output (stdout and stderr) for error messages. */
export class LogTail {
  #lines = [];
  #partial = new Map();

  push(stream, chunk) {
    const text = (this.#partial.get(stream) ?? '') + chunk.toString('utf8');
    const lines = text.split('\n');
    this.#partial.set(stream, lines.pop());
    this.#lines.push(...lines);
    if (this.#lines.length > LOG_TAIL_LINES) {
      this.#lines.splice(0, this.#lines.length - LOG_TAIL_LINES);
    }
  }

  text() {
    const lines = [...this.#lines, ...[...this.#partial.values()].filter(Boolean)];
    return lines.length ? lines.map((line) => `  | ${line}`).join('\n') : '  | (no output)';
  }
}

export function sleep(ms) {
  return new Promise((ok) => setTimeout(ok, ms));
}

/** One JSON-RPC call over a fresh WebSocket; rejects on any failure or after `timeoutMs`. */
export function wsCall(url, method, params = [], timeoutMs = 2_000) {
  return new Promise((ok, fail) => {
    let settled = false;
    let socket;
    const done = (error, value) => {
      if (settled) {
        return;
      }
      settled = true;
      clearTimeout(timer);
      try {
        socket?.close();
      } catch {
        // ignore
      }
      error ? fail(error) : ok(value);
    };
    const timer = setTimeout(() => done(new Error(`${method}: no answer in ${timeoutMs} ms`)), timeoutMs);
    try {
      socket = new WebSocket(url);
    } catch (error) {
      done(error);
      return;
    }
    socket.onopen = () => socket.send(JSON.stringify({ id: 1, jsonrpc: '2.0', method, params }));
    socket.onerror = (event) => done(new Error(`${method}: ${event?.message ?? event?.error?.message ?? 'socket error'}`));
    socket.onclose = () => done(new Error(`${method}: socket closed`));
    socket.onmessage = ({ data }) => {
      try {
        const reply = JSON.parse(data.toString());
        reply.error ? done(new Error(`${method}: ${JSON.stringify(reply.error)}`)) : done(null, reply.result);
      } catch (error) {
        done(error);
      }
    };
  });
}

export function withTimeout(promise, ms, message) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, fail) => {
      timer = setTimeout(() => fail(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Waits until the process has exited (or returns at once if it already has). */
export function waitForExit(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(true);
  }
  return new Promise((ok) => {
    const timer = setTimeout(() => ok(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      ok(true);
    });
  });
}

async function terminate(entry, { keepBaseDir = false } = {}) {
  const { child } = entry;
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    if (!(await waitForExit(child, STOP_GRACE_MS))) {
      child.kill('SIGKILL');
      await waitForExit(child, STOP_GRACE_MS);
    }
  }
  if (!keepBaseDir) rmSync(entry.baseDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  live.delete(entry);
}

/** Spawns the node once and waits for `system_health`; cleans up itself when that fails. */
async function launch(binary, extraArgs, label, sealing, reuse = null) {
  const [rpcPort, p2pPort] = reuse ? [reuse.rpcPort, reuse.p2pPort] : await freePorts(2);
  const baseDir = reuse?.baseDir ?? mkdtempSync(join(tmpdir(), 'covalue-e2e-'));
  const args = [
    '--dev',
    '--sealing',
    sealing,
    '--base-path',
    baseDir,
    '--rpc-port',
    String(rpcPort),
    '--port',
    String(p2pPort),
    '--no-prometheus',
    '--no-telemetry',
    '--no-mdns',
    '--rpc-cors',
    'all',
    ...extraArgs,
  ];
  const wrapper = parentDeathWrapper();
  const [command, commandArgs] = wrapper
    ? [wrapper, ['--pdeathsig', 'KILL', '--', binary, ...args]]
    : [binary, args];

  const tail = new LogTail();
  const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
  const entry = { child, baseDir };
  installExitHandlers();
  live.add(entry);

  let logFile = null;
  if (process.env.COVALUE_E2E_LOG_DIR) {
    mkdirSync(process.env.COVALUE_E2E_LOG_DIR, { recursive: true });
    const name = `${label}-${process.pid}-${rpcPort}.log`;
    logFile = createWriteStream(join(process.env.COVALUE_E2E_LOG_DIR, name));
  }
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk) => {
      tail.push(stream, chunk);
      logFile?.write(chunk);
    });
  }
  let closed = false;
  child.once('close', () => {
    closed = true;
    logFile?.end();
  });

  let spawnError = null;
  child.once('error', (error) => {
    spawnError = error;
  });

  const wsUrl = `ws://127.0.0.1:${rpcPort}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError = null;
  for (;;) {
    if (spawnError || child.exitCode !== null || child.signalCode !== null) {
      // Let the pipes drain so that the node's last words are in the tail.
      for (let i = 0; i < 20 && !closed && !spawnError; i++) {
        await sleep(50);
      }
      await terminate(entry);
      const why = spawnError
        ? `could not be started: ${spawnError.message}`
        : `exited early (code ${child.exitCode}, signal ${child.signalCode})`;
      const error = new Error(`covalue-node ${why}\n  command: ${command} ${commandArgs.join(' ')}\n  last output:\n${tail.text()}`);
      error.portInUse = /address already in use|os error 98/i.test(tail.text());
      throw error;
    }
    try {
      await wsCall(wsUrl, 'system_health');
      break;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      await terminate(entry);
      throw new Error(
        `covalue-node did not answer system_health on ${wsUrl} within ${READY_TIMEOUT_MS / 1000} s ` +
          `(last error: ${lastError?.message})\n  command: ${command} ${commandArgs.join(' ')}\n` +
          `  last output:\n${tail.text()}`,
      );
    }
    await sleep(250);
  }
  return { entry, wsUrl, tail, rpcPort, p2pPort, baseDir };
}

async function connect(wsUrl) {
  await cryptoWaitReady();
  const provider = new WsProvider(wsUrl, 1_000);
  const creating = ApiPromise.create({ provider, throwOnConnect: true });
  try {
    return await withTimeout(creating, API_TIMEOUT_MS, `ApiPromise did not become ready on ${wsUrl} within ${API_TIMEOUT_MS / 1000} s`);
  } catch (error) {
    // Don't leave a reconnecting provider behind.
    await provider.disconnect().catch(() => {});
    creating.then((late) => late.disconnect()).catch(() => {});
    throw error;
  }
}

/**
 * Starts a fresh development node and connects an ApiPromise to it. `sealing` is the node's
 * `--sealing` mode: `instant` (a block per transaction, the default here), `aura`, `manual` or
 * a block time in milliseconds. Resolves to `{ api, wsUrl, rpcPort, baseDir, logTail, stop,
 * restart }`; `stop()` is idempotent, `restart()` continues the same chain.
 */
export async function startNode({ extraArgs = [], label = 'node', sealing = 'instant' } = {}) {
  const binary = nodeBinary();
  assertExecutable(binary);

  let launched;
  for (let attempt = 1; ; attempt++) {
    try {
      launched = await launch(binary, extraArgs, label, sealing);
      break;
    } catch (error) {
      // Another process may take a port between our probe and the node's bind: try again.
      if (!error.portInUse || attempt >= START_ATTEMPTS) {
        throw error;
      }
    }
  }
  let { entry, tail } = launched;
  const { wsUrl } = launched;

  let api = null;
  let stopping = null;
  const disconnect = async () => {
    if (api) {
      try {
        await withTimeout(api.disconnect(), 5_000, 'disconnect timed out');
      } catch {
        // the node is going away anyway
      }
    }
  };
  const stop = () => {
    stopping ??= (async () => {
      await disconnect();
      await terminate(entry);
    })();
    return stopping;
  };

  try {
    api = await connect(wsUrl);
  } catch (error) {
    await stop();
    throw new Error(`${error.message}\n  last node output:\n${tail.text()}`);
  }

  const node = {
    api,
    wsUrl,
    rpcPort: launched.rpcPort,
    baseDir: launched.baseDir,
    logTail: () => tail.text(),
    stop,
    /**
     * Stops the node (SIGTERM) and starts it again on the same base path and ports: the same
     * chain, continued. `node.api` is a new connection afterwards.
     */
    async restart() {
      await disconnect();
      await terminate(entry, { keepBaseDir: true });
      const again = await launch(binary, extraArgs, label, sealing, launched);
      ({ entry, tail } = again);
      api = await connect(wsUrl);
      node.api = api;
      return api;
    },
  };
  return node;
}

/**
 * For a test file: starts exactly one node in `before` and always stops it in `after`.
 * Returns a context whose `api`, `wsUrl` and `node` are set once the node is up.
 */
export function startNodeOnce(options = {}) {
  const label = options.label ?? basename(process.argv[1] ?? 'node').replace(/\.test\.js$|\.js$/, '');
  const context = { api: null, wsUrl: null, node: null };
  before(
    async () => {
      context.node = await startNode({ ...options, label });
      context.api = context.node.api;
      context.wsUrl = context.node.wsUrl;
    },
    { timeout: READY_TIMEOUT_MS + API_TIMEOUT_MS + 30_000 },
  );
  after(
    async () => {
      await context.node?.stop();
    },
    { timeout: 2 * STOP_GRACE_MS + 10_000 },
  );
  return context;
}
