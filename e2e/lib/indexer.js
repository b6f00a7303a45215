// The indexer (indexer/, built into indexer/lib) for the end-to-end tests: a throwaway
// PostgreSQL data directory and free ports per start, and the chain's books and the index's side
// by side, as plain values, for exact comparison.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { freePorts, sleep } from './node.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
export const INDEXER_DIR = resolve(HERE, '../../indexer');

/**
 * Starts PostgreSQL, the processor and the GraphQL server against the node at `rpc`. The data
 * directory is new unless `data` is given; `stop()` removes a new one.
 */
export async function startTestIndexer(rpc, { data } = {}) {
  const { startIndexer } = await import(join(INDEXER_DIR, 'run.mjs'));
  const owned = data === undefined;
  const dir = data ?? mkdtempSync(join(tmpdir(), 'covalue-indexer-'));
  const [dbPort, graphqlPort] = await freePorts(2);
  const log = [];
  const indexer = await startIndexer({
    rpc,
    data: dir,
    dbPort,
    graphqlPort,
    fast: true,
    log: (line) => log.push(line),
  });
  let stopped = false;
  return {
    ...indexer,
    dir,
    log,
    /** Waits until the index reaches block `height`; fails with the processor's output if it doesn't. */
    async waitForHeight(height, ms = 120_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const at = await indexer.status();
        if (at >= height) return at;
        if (Date.now() > deadline) {
          throw new Error(`the index reached block ${at}, not ${height}, within ${ms / 1000} s\n${log.join('\n')}\n${indexer.processorOutput()}`);
        }
        await sleep(200);
      }
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await indexer.stop();
      if (owned) rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    },
  };
}

/** Pages through a GraphQL list field, ordered by id, to the end. */
export async function all(indexer, field, selection, where = '{}') {
  const rows = [];
  for (let offset = 0; ; offset += 1000) {
    const data = await indexer.query(`{ ${field}(where: ${where}, orderBy: id_ASC, limit: 1000, offset: ${offset}) { ${selection} } }`);
    rows.push(...data[field]);
    if (data[field].length < 1000) return rows;
  }
}

const big = (v) => (v === null || v === undefined ? null : BigInt(v).toString());

/**
 * The chain's books at `blockHash`: every DC's reputation ledger, token books, supply and
 * reserve, and every (DC, account)'s reputation (vested + escrowed + pending), stake and tokens.
 * Accounts with nothing are left out.
 */
export async function chainBooks(api, blockHash) {
  const at = await api.at(blockHash);
  const cooperatives = {};
  for (const [key, value] of await at.query.cooperatives.cooperatives.entries()) {
    const dc = key.args[0].toNumber();
    const c = value.unwrap();
    const ledger = (await at.query.reputation.ledgers(dc)).unwrap();
    const books = await at.query.cooperatives.tokenBooks(dc);
    const asset = await at.query.assets.asset(dc);
    const reserve = await at.query.reserve.reserves(dc);
    cooperatives[dc] = {
      name: c.name.toUtf8(),
      admin: c.admin.toString(),
      reputationInitial: big(ledger.initial.toBigInt()),
      reputationIssued: big(ledger.issued.toBigInt()),
      reputationBurned: big(ledger.burned.toBigInt()),
      reputationTotal: big(ledger.total.toBigInt()),
      tokensMinted: big(books.minted.toBigInt()),
      tokensBurned: big(books.burned.toBigInt()),
      supply: big(asset.isSome ? asset.unwrap().supply.toBigInt() : 0n),
      reserve: big(reserve.isSome ? reserve.unwrap().balance.toBigInt() : 0n),
      priceCap: reserve.isSome ? big(reserve.unwrap().priceCap.toBigInt()) : null,
    };
  }
  const standings = {};
  const entry = (dc, who) => (standings[`${dc}-${who}`] ??= { reputation: '0', atStake: '0', tokens: '0' });
  for (const [key, s] of await at.query.reputation.reputationOf.entries()) {
    const [dc, who] = [key.args[0].toNumber(), key.args[1].toString()];
    const pending = s.pending.reduce((sum, p) => sum + p.amount.toBigInt(), 0n);
    const e = entry(dc, who);
    e.reputation = big(s.vested.toBigInt() + s.escrowed.toBigInt() + pending);
    e.atStake = big(s.escrowed.toBigInt());
  }
  for (const [key, a] of await at.query.assets.account.entries()) {
    const [dc, who] = [key.args[0].toNumber(), key.args[1].toString()];
    if (!cooperatives[dc]) continue;
    entry(dc, who).tokens = big(a.unwrap().balance.toBigInt());
  }
  for (const [id, s] of Object.entries(standings)) {
    if (s.reputation === '0' && s.atStake === '0' && s.tokens === '0') delete standings[id];
  }
  return { cooperatives, standings };
}

/** The same books as the index holds them. */
export async function indexedBooks(indexer) {
  const cooperatives = {};
  const fields = 'id name admin { id } reputationInitial reputationIssued reputationBurned reputationTotal tokensMinted tokensBurned supply reserve priceCap';
  for (const c of await all(indexer, 'cooperatives', fields)) {
    cooperatives[c.id] = {
      name: c.name,
      admin: c.admin.id,
      reputationInitial: big(c.reputationInitial),
      reputationIssued: big(c.reputationIssued),
      reputationBurned: big(c.reputationBurned),
      reputationTotal: big(c.reputationTotal),
      tokensMinted: big(c.tokensMinted),
      tokensBurned: big(c.tokensBurned),
      supply: big(c.supply),
      reserve: big(c.reserve),
      priceCap: big(c.priceCap),
    };
  }
  const standings = {};
  for (const s of await all(indexer, 'standings', 'id reputation atStake tokens')) {
    if (s.reputation === '0' && s.atStake === '0' && s.tokens === '0') continue;
    standings[s.id] = { reputation: big(s.reputation), atStake: big(s.atStake), tokens: big(s.tokens) };
  }
  return { cooperatives, standings };
}

/** `totalCount` of each connection named. */
export async function counts(indexer, names) {
  const data = await indexer.query(`{ ${names.map((n) => `${n}: ${n}Connection(orderBy: id_ASC) { totalCount }`).join(' ')} }`);
  return Object.fromEntries(names.map((n) => [n, data[n].totalCount]));
}
