// A multi-node network of the release node, generated the way a community would make one:
// `scripts/local-network.sh generate` writes fresh validator keys, a network file and its chain
// spec. Each node runs as a real process on 127.0.0.1 that a test can stop with SIGTERM, kill
// with SIGKILL and start again on the same base path. Extra nodes (a full node, a validator
// that joins later) get a base path and a node key of their own.

import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ApiPromise, WsProvider } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';

import {
  assertExecutable,
  freePorts,
  LogTail,
  nodeBinary,
  parentDeathWrapper,
  sleep,
  track,
  waitForExit,
  withTimeout,
  wsCall,
} from './node.js';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;

/** One node of the network: a process that can be started, stopped and killed. */
export class NetworkNode {
  constructor(network, { name, basePath, p2pPort, rpcPort, prometheusPort, validator, extraArgs = [] }) {
    Object.assign(this, { network, name, basePath, p2pPort, rpcPort, prometheusPort, validator, extraArgs });
    this.wsUrl = `ws://127.0.0.1:${rpcPort}`;
    this.child = null;
    this.tail = new LogTail();
    this.log = '';
    this.api = null;
  }

  args() {
    return [
      '--chain', this.network.chainSpec,
      '--base-path', this.basePath,
      '--name', this.name,
      '--node-key-file', join(this.basePath, 'node-key'),
      '--listen-addr', `/ip4/127.0.0.1/tcp/${this.p2pPort}`,
      // A node that joins later dials every genesis validator, as a real node would have
      // several boot nodes: waiting for discovery through one peer can take minutes.
      ...(this.joinsLater ? this.network.validatorAddresses : [this.network.bootNode]).flatMap((a) => ['--bootnodes', a]),
      '--allow-private-ip',
      '--no-mdns',
      '--rpc-port', String(this.rpcPort),
      '--prometheus-port', String(this.prometheusPort),
      ...(this.validator ? ['--validator'] : []),
      ...this.extraArgs,
    ];
  }

  /** Starts the process and waits until its RPC answers. */
  async start() {
    if (this.running()) {
      throw new Error(`${this.name} is running already`);
    }
    const wrapper = parentDeathWrapper();
    const binary = this.network.binary;
    const [command, args] = wrapper
      ? [wrapper, ['--pdeathsig', 'KILL', '--', binary, ...this.args()]]
      : [binary, this.args()];
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.untrack = track({ child, baseDir: this.network.dir });
    const file = createWriteStream(join(this.basePath, 'node.log'), { flags: 'a' });
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk) => {
        this.tail.push(stream, chunk);
        this.log += chunk.toString('utf8');
        file.write(chunk);
      });
    }
    child.once('close', () => file.end());
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (!this.running()) {
        throw new Error(`${this.name} exited early (code ${child.exitCode}, signal ${child.signalCode})\n${this.tail.text()}`);
      }
      try {
        await wsCall(this.wsUrl, 'system_health');
        return this;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new Error(`${this.name} did not answer on ${this.wsUrl}: ${error.message}\n${this.tail.text()}`);
        }
      }
      await sleep(250);
    }
  }

  running() {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** An ApiPromise on this node, made once per process run. */
  async connect() {
    if (!this.api) {
      await cryptoWaitReady();
      const provider = new WsProvider(this.wsUrl, 1_000);
      this.api = await withTimeout(ApiPromise.create({ provider, throwOnConnect: true, noInitWarn: true }), 30_000, `${this.name}: no api`);
    }
    return this.api;
  }

  async disconnect() {
    const api = this.api;
    this.api = null;
    if (api) {
      await withTimeout(api.disconnect(), 5_000, 'disconnect').catch(() => {});
    }
  }

  /** Kills the process with SIGKILL, as a crash or a power cut would. */
  async kill() {
    await this.disconnect();
    if (this.running()) {
      this.child.kill('SIGKILL');
      await waitForExit(this.child, STOP_GRACE_MS);
    }
    this.untrack?.();
  }

  /**
   * Stops the process with SIGTERM; resolves to `{ milliseconds, code, signal }`. A node that
   * has not stopped after the grace period is killed, and `signal` then says SIGKILL.
   */
  async stop() {
    await this.disconnect();
    if (!this.running()) {
      return { milliseconds: 0, code: this.child?.exitCode ?? null, signal: this.child?.signalCode ?? null };
    }
    const started = Date.now();
    this.child.kill('SIGTERM');
    if (!(await waitForExit(this.child, STOP_GRACE_MS))) {
      this.child.kill('SIGKILL');
      await waitForExit(this.child, STOP_GRACE_MS);
    }
    this.untrack?.();
    return { milliseconds: Date.now() - started, code: this.child.exitCode, signal: this.child.signalCode };
  }

  /** A JSON-RPC call on a fresh connection. */
  rpc(method, params = []) {
    return wsCall(this.wsUrl, method, params, 10_000);
  }

  /** `{ best, finalized }` block numbers. */
  async heights() {
    const best = await this.rpc('chain_getHeader');
    const finalizedHash = await this.rpc('chain_getFinalizedHead');
    const finalized = await this.rpc('chain_getHeader', [finalizedHash]);
    return { best: parseInt(best.number, 16), finalized: parseInt(finalized.number, 16), finalizedHash };
  }
}

/**
 * Generates a network of `validators` validators with sessions of `sessionLength` blocks and
 * returns `{ dir, chainSpec, bootNode, nodes, members, addNode, stopAll }`. `members` are the
 * validators' accounts as `{ address, phrase }`: the founding DC's members, 100 reputation
 * each, and endowed with 1,000,000 tokens.
 */
export async function generateNetwork({ validators = 4, sessionLength = 5 } = {}) {
  const binary = nodeBinary();
  assertExecutable(binary);
  const dir = mkdtempSync(join(tmpdir(), 'covalue-network-'));
  // A random port offset K, so that test runs don't meet: p2p 30333+K+i, RPC 9944+K+i, metrics
  // 9615+K+i. The ports themselves are not probed; a node whose port is taken fails to start.
  const [probe] = await freePorts(1);
  const offset = 1000 + (probe % 20000);
  execFileSync(
    'bash',
    [join(PROJECT_ROOT, 'scripts', 'local-network.sh'), 'generate', '-n', String(validators), '--dir', dir,
      '--session-length', String(sessionLength), '--port-offset', String(offset)],
    { env: { ...process.env, COVALUE_NODE: binary }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const layout = JSON.parse(readFileSync(join(dir, 'nodes.json'), 'utf8'));
  const network = { dir, binary, chainSpec: layout.chainSpec, bootNode: layout.bootNode, offset, nodes: [] };
  network.nodes = layout.nodes.map((n) => new NetworkNode(network, { ...n, validator: true }));
  network.validatorAddresses = layout.nodes.map((n) => `/ip4/127.0.0.1/tcp/${n.p2pPort}/p2p/${n.peerId}`);
  network.members = layout.nodes.map((n) => ({
    address: n.account,
    phrase: JSON.parse(readFileSync(join(n.basePath, 'account.json'), 'utf8')).secretPhrase,
  }));
  let extra = 0;
  /** A node that is not in the genesis: a fresh base path and node key, its own ports. */
  network.addNode = async ({ name, validator = false, extraArgs = [] }) => {
    extra += 1;
    const basePath = join(dir, name);
    mkdirSync(basePath, { recursive: true });
    execFileSync(binary, ['key', 'generate-node-key', '--file', join(basePath, 'node-key')], { stdio: 'ignore' });
    const i = layout.nodes.length + extra;
    const node = new NetworkNode(network, {
      name,
      basePath,
      p2pPort: 30333 + offset + i,
      rpcPort: 9944 + offset + i,
      prometheusPort: 9615 + offset + i,
      validator,
      extraArgs,
    });
    node.joinsLater = true;
    network.nodes.push(node);
    return node;
  };
  network.stopAll = async () => {
    await Promise.all(network.nodes.map((node) => node.stop()));
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  };
  return network;
}

/** Polls `check` (an async function returning a truthy value when done) until `ms` passed. */
export async function waitFor(what, check, ms, every = 1_000) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) {
        return last;
      }
    } catch (error) {
      last = error.message;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within ${ms / 1000} s (last: ${JSON.stringify(last)})`);
    }
    await sleep(every);
  }
}
