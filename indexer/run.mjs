// Runs the indexer as one unit: its PostgreSQL server (scripts/lib/postgres.sh), the schema's
// migrations, the processor and the GraphQL server. A module for the end-to-end tests
// (`startIndexer`) and the command behind scripts/indexer.sh:
//
//   node run.mjs --rpc ws://127.0.0.1:9944 --data DIR [--db-port 5433] [--graphql-port 4350] [--fast]
//
// The data directory holds the database (`db/`) and the genesis hash of the chain it indexes
// (`genesis`): pointed at another chain, the index starts afresh instead of mixing two chains.
// The processor writes every batch with the height it reached in one transaction, so stopping it
// at any moment and starting it again resumes after the last block written; if it exits on its
// own (the node went away and did not come back in time) it is started again.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const POSTGRES = resolve(HERE, '../scripts/lib/postgres.sh');
const RESTART_DELAY_MS = 2_000;

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** One JSON-RPC call over HTTP (a node's WebSocket port answers HTTP too). */
async function rpcCall(rpc, method, params = []) {
  const url = rpc.replace(/^ws(s?):/, 'http$1:');
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: 1, jsonrpc: '2.0', method, params }),
    signal: AbortSignal.timeout(5_000),
  });
  const body = await response.json();
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

/** The genesis hash of the node at `rpc`, waiting for the node to answer. */
async function genesisHash(rpc, log) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await rpcCall(rpc, 'chain_getBlockHash', [0]);
    } catch (error) {
      if (attempt === 0) log(`waiting for the node at ${rpc} (${error.cause?.code ?? error.message})`);
      await sleep(1_000);
    }
  }
}

/** Runs `sql` in the indexer's database on `dbPort`. */
export function psql(dbPort, sql) {
  const args = [
    '-h',
    '127.0.0.1',
    '-p',
    String(dbPort),
    '-U',
    'postgres',
    '-d',
    'covalue',
    '-v',
    'ON_ERROR_STOP=1',
    '-qc',
    sql,
  ];
  execFileSync('psql', args, { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** The processor's and the GraphQL server's settings for the database on `dbPort`. */
export function dbEnv(dbPort) {
  return {
    DB_HOST: '127.0.0.1',
    DB_PORT: String(dbPort),
    DB_NAME: 'covalue',
    DB_USER: 'postgres',
    DB_PASS: 'postgres',
  };
}

/** Applies the schema's migrations (db/migrations) to the database on `dbPort`. */
export function migrate(dbPort) {
  execFileSync(process.execPath, [join(HERE, 'node_modules/.bin/squid-typeorm-migration'), 'apply'], {
    cwd: HERE,
    env: { ...process.env, ...dbEnv(dbPort) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** A child process whose output is kept (the last lines) and optionally passed on. */
function child(name, args, env, echo) {
  const proc = spawn(process.execPath, args, {
    cwd: HERE,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = [];
  for (const stream of [proc.stdout, proc.stderr]) {
    let rest = '';
    stream.on('data', (chunk) => {
      const parts = (rest + chunk.toString()).split('\n');
      rest = parts.pop();
      for (const line of parts) {
        lines.push(line);
        if (lines.length > 200) lines.shift();
        echo?.(`${name}: ${line}`);
      }
    });
  }
  const exited = new Promise((ok) => proc.once('exit', (code, signal) => ok({ code, signal })));
  return { proc, lines, exited };
}

async function stopChild(c) {
  if (!c || c.proc.exitCode !== null || c.proc.signalCode !== null) return;
  c.proc.kill('SIGTERM');
  const done = await Promise.race([c.exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!done) {
    c.proc.kill('SIGKILL');
    await c.exited;
  }
}

/**
 * Starts PostgreSQL, the processor and the GraphQL server. Resolves once the GraphQL server
 * answers; `status()` tells the height indexed. `stopProcessor()`/`startProcessor()` stop and
 * start the processor alone; `stop()` stops everything.
 */
export async function startIndexer({
  rpc,
  data,
  dbPort = 5433,
  graphqlPort = 4350,
  fast = false,
  log = () => {},
  echo,
}) {
  mkdirSync(data, { recursive: true });
  // Run as root, PostgreSQL runs as `postgres`, which must reach its directory inside.
  if (process.getuid?.() === 0) chmodSync(data, 0o755);
  const dbDir = join(data, 'db');
  execFileSync('bash', [POSTGRES, 'start', dbDir, String(dbPort), ...(fast ? ['--fast'] : [])], {
    stdio: 'inherit',
  });

  let processor = null;
  let graphql = null;
  let stopping = false;
  let wanted = false;
  const stopAll = async () => {
    stopping = true;
    await stopChild(processor);
    await stopChild(graphql);
    execFileSync('bash', [POSTGRES, 'stop', dbDir], { stdio: 'inherit' });
  };
  try {
    const genesis = await genesisHash(rpc, log);
    const genesisFile = join(data, 'genesis');
    const known = existsSync(genesisFile) ? readFileSync(genesisFile, 'utf8').trim() : null;
    if (known !== null && known !== genesis) {
      log(
        `the node at ${rpc} is another chain (genesis ${genesis}; the index was of ${known}): indexing it afresh`,
      );
      psql(
        dbPort,
        'DROP SCHEMA IF EXISTS squid_processor CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;',
      );
    }
    writeFileSync(genesisFile, genesis + '\n');
    migrate(dbPort);

    const startProcessor = () => {
      wanted = true;
      processor = child(
        'processor',
        [
          // `COVALUE_INDEXER_PROFILE=<dir>`: a V8 CPU profile of the processor, written there on exit.
          ...(process.env.COVALUE_INDEXER_PROFILE
            ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.COVALUE_INDEXER_PROFILE)}`]
            : []),
          '-r',
          './lib/loopback.js',
          'lib/main.js',
        ],
        { ...dbEnv(dbPort), COVALUE_RPC: rpc },
        echo,
      );
      const mine = processor;
      mine.exited.then(async ({ code, signal }) => {
        if (stopping || !wanted || processor !== mine) return;
        log(
          `the processor exited (${signal ?? code}); starting it again in ${RESTART_DELAY_MS / 1000} s:\n  ${mine.lines.slice(-5).join('\n  ')}`,
        );
        await sleep(RESTART_DELAY_MS);
        if (!stopping && wanted && processor === mine) startProcessor();
      });
    };
    startProcessor();
    graphql = child(
      'graphql',
      ['-r', './lib/loopback.js', 'node_modules/.bin/squid-graphql-server', '--max-root-fields', '20'],
      { ...dbEnv(dbPort), GQL_PORT: String(graphqlPort) },
      echo,
    );
    const graphqlUrl = `http://127.0.0.1:${graphqlPort}/graphql`;
    const query = async (text, variables = {}) => {
      const response = await fetch(graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: text, variables }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = await response.json();
      if (body.errors) throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join('; ')}`);
      return body.data;
    };
    for (let i = 0; ; i++) {
      if (graphql.proc.exitCode !== null) {
        throw new Error(`the GraphQL server exited:\n  ${graphql.lines.slice(-10).join('\n  ')}`);
      }
      try {
        await query('{ squidStatus { height } }');
        break;
      } catch {
        if (i > 120) throw new Error(`the GraphQL server did not answer on ${graphqlUrl} within 60 s`);
        await sleep(500);
      }
    }
    return {
      graphqlUrl,
      query,
      /** The height indexed, or -1 before the first block. */
      status: async () => (await query('{ squidStatus { height } }')).squidStatus.height ?? -1,
      processorOutput: () => processor?.lines.join('\n') ?? '',
      startProcessor: () => {
        if (!processor || processor.proc.exitCode !== null || processor.proc.signalCode !== null)
          startProcessor();
      },
      stopProcessor: async () => {
        wanted = false;
        await stopChild(processor);
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll().catch(() => {});
    throw error;
  }
}

function parseArgs(argv) {
  const options = { fast: false };
  for (let i = 0; i < argv.length; i++) {
    const [key, value] = [argv[i], argv[i + 1]];
    if (key === '--fast') options.fast = true;
    else if (key === '--rpc') ((options.rpc = value), i++);
    else if (key === '--data') ((options.data = resolve(value)), i++);
    else if (key === '--db-port') ((options.dbPort = Number(value)), i++);
    else if (key === '--graphql-port') ((options.graphqlPort = Number(value)), i++);
    else throw new Error(`unknown argument ${key}`);
  }
  if (!options.rpc || !options.data)
    throw new Error('usage: node run.mjs --rpc URL --data DIR [--db-port N] [--graphql-port N] [--fast]');
  return options;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const options = parseArgs(process.argv.slice(2));
  const log = (line) => console.error(`indexer: ${line}`);
  const indexer = await startIndexer({ ...options, log, echo: (line) => console.error(line) });
  console.error(
    `\n  Covalue indexer: following ${options.rpc}; data in ${options.data}\n` +
      `  GraphQL API and playground: ${indexer.graphqlUrl}\n  PostgreSQL: 127.0.0.1:${options.dbPort ?? 5433}, database covalue, user postgres\n`,
  );
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await indexer.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
