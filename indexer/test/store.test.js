// The bulk store and its database (src/store.ts) against a PostgreSQL server of its own, with the
// schema's migrations applied: every kind of column round-trips exactly, an upsert replaces, a
// failing batch writes nothing, progress resumes, and a foreign progress record is refused.
// On the compiled output (npm run build first).
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const { mkdtempSync, rmSync, chmodSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { after, before, test } = require('node:test');

const { Database } = require('../lib/store.js');
const model = require('../lib/model');

const INDEXER = resolve(__dirname, '..');
const POSTGRES = resolve(INDEXER, '../scripts/lib/postgres.sh');
const dir = mkdtempSync(join(tmpdir(), 'covalue-store-'));
const dbDir = join(dir, 'db');

function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

let runner; // run.mjs: the database helpers the indexer itself uses
let port;
const psql = (sql) => runner.psql(port, sql);

before(async () => {
  runner = await import('../run.mjs');
  if (process.getuid?.() === 0) chmodSync(dir, 0o755);
  port = await freePort();
  execFileSync('bash', [POSTGRES, 'start', dbDir, String(port), '--fast'], { stdio: 'inherit' });
  // The store's connection reads these, as the processor's does.
  Object.assign(process.env, runner.dbEnv(port));
  runner.migrate(port);
});

after(() => {
  execFileSync('bash', [POSTGRES, 'stop', dbDir], { stdio: 'inherit' });
  rmSync(dir, { recursive: true, force: true });
});

// Larger than 2^64, as reputation and balances of 18 decimals get.
const BIG = 123_456_789_012_345_678_901_234_567_890n;
const head = (height) => ({ height, hash: `0x${height.toString(16).padStart(64, '0')}` });

function dc(alice) {
  return new model.Cooperative({
    id: '7',
    name: 'Makers',
    admin: alice,
    agent: alice,
    createdAt: 3,
    createdAtTime: new Date('2026-12-07T01:02:03.456Z'),
    parameters: { quorum: 500000000, note: 'a "quoted", {braced} \\ text' },
    reputationInitial: BIG,
    reputationIssued: 0n,
    reputationBurned: 1n,
    reputationTotal: BIG - 1n,
    tokensMinted: 0n,
    tokensBurned: 0n,
    supply: 0n,
    reserveAsset: null,
    reserveAssetCooperative: null,
    priceCap: null,
    reserve: 0n,
    redemptionPrice: null,
  });
}

function contribution(c, alice) {
  return new model.Contribution({
    id: '11',
    cooperative: c,
    kind: model.ContributionKind.Contribution,
    depositor: alice,
    contentHash: '0xabcd',
    uri: 'ipfs://x',
    submittedAt: 4,
    submittedAtTime: null,
    totalAtSubmission: BIG,
    need: BIG / 2n,
    status: model.ContributionStatus.Open,
    paid: 0,
    rewardedTokens: 0n,
    rewardedReputation: 0n,
    enacted: false,
    evaluationCount: 0,
  });
}

/** A contributor's share of contribution 11, referenced by id only. */
const share = (id, account, parts, tokens, reputation) =>
  new model.ContributorShare({ id, contribution: { id: '11' }, account, share: parts, tokens, reputation });

test('a batch writes every kind of column and reads it back exactly; relations come back as ids', async () => {
  const db = new Database();
  assert.deepEqual(await db.connect(), { height: -1, hash: '0x' });
  const alice = new model.Account({ id: '5Alice', publicKey: '0x01' });
  const bob = new model.Account({ id: '5Bob', publicKey: '0x02' });
  try {
    await db.transact(
      { prevHead: { height: -1, hash: '0x' }, nextHead: head(10), isOnTop: false },
      async (store) => {
        const c = dc(alice);
        await store.upsert([alice, bob]);
        await store.upsert([c]);
        await store.upsert([contribution(c, alice)]);
        await store.insert([
          share('11-5Alice', alice, 600_000, 6n, BIG),
          share('11-5Bob', bob, 400_000, 4n, 0n),
        ]);
      },
    );
  } finally {
    await db.disconnect();
  }

  const again = new Database();
  // A restart resumes after the last batch written.
  assert.deepEqual(await again.connect(), head(10));
  try {
    await again.transact({ prevHead: head(10), nextHead: head(12), isOnTop: false }, async (store) => {
      const found = await store.find(model.Cooperative, ['7', 'no such DC']);
      assert.equal(found.length, 1);
      const [c] = found;
      assert.ok(c instanceof model.Cooperative);
      assert.equal(c.name, 'Makers');
      assert.equal(c.reputationInitial, BIG);
      assert.equal(c.reputationTotal, BIG - 1n);
      // SQL NULL: a number column's transformer makes it `undefined`, as TypeORM's own reads do.
      assert.equal(c.priceCap, undefined);
      assert.equal(c.reserveAsset, null);
      assert.deepEqual(c.parameters, { quorum: 500000000, note: 'a "quoted", {braced} \\ text' });
      assert.equal(c.createdAtTime.toISOString(), '2026-12-07T01:02:03.456Z');
      assert.ok(c.admin instanceof model.Account);
      assert.equal(c.admin.id, '5Alice');
      const [k] = await store.find(model.Contribution, ['11']);
      assert.equal(k.kind, model.ContributionKind.Contribution);
      assert.equal(k.status, model.ContributionStatus.Open);
      assert.equal(k.need, BIG / 2n);
      assert.equal(k.enacted, false);
      assert.equal(k.median, null);
      assert.equal(k.burned, undefined);
      assert.equal(k.submittedAtTime, null);
      assert.equal(k.cooperative.id, '7');
      // By a relation's id.
      const shares = await store.find(model.ContributorShare, ['11'], 'contribution');
      assert.deepEqual(shares.map((s) => [s.id, s.account.id, s.share, s.tokens, s.reputation]).sort(), [
        ['11-5Alice', '5Alice', 600_000, 6n, BIG],
        ['11-5Bob', '5Bob', 400_000, 4n, 0n],
      ]);
      // An upsert replaces every column of a row that exists, its references kept as loaded.
      k.status = model.ContributionStatus.Closed;
      k.median = 7;
      k.burned = BIG;
      await store.upsert([k]);
    });
    await again.transact({ prevHead: head(12), nextHead: head(13), isOnTop: false }, async (store) => {
      const [k] = await store.find(model.Contribution, ['11']);
      assert.equal(k.status, model.ContributionStatus.Closed);
      assert.equal(k.median, 7);
      assert.equal(k.burned, BIG);
      assert.equal(k.cooperative.id, '7');
      assert.equal(k.depositor.id, '5Alice');
      assert.equal(k.uri, 'ipfs://x');
      assert.equal((await store.find(model.Contribution, ['11', '11'])).length, 1);
    });
  } finally {
    await again.disconnect();
  }
});

test('a batch that fails writes nothing, not even its progress; a foreign progress record is refused', async () => {
  const db = new Database();
  assert.deepEqual(await db.connect(), head(13));
  try {
    const carol = new model.Account({ id: '5Carol', publicKey: '0x03' });
    await assert.rejects(
      db.transact({ prevHead: head(13), nextHead: head(20), isOnTop: false }, async (store) => {
        await store.upsert([carol]);
        // The same share again: its id exists.
        await store.insert([share('11-5Bob', carol, 1, 1n, 1n)]);
      }),
      /duplicate key/,
    );
    await assert.rejects(
      db.transact({ prevHead: head(12), nextHead: head(20), isOnTop: false }, async () => {}),
      /another processor/,
    );
    await db.transact({ prevHead: head(13), nextHead: head(14), isOnTop: false }, async (store) => {
      assert.deepEqual(await store.find(model.Account, ['5Carol']), []);
      const [bob] = await store.find(model.ContributorShare, ['11-5Bob']);
      assert.equal(bob.account.id, '5Bob');
    });
  } finally {
    await db.disconnect();
  }
  const last = new Database();
  assert.deepEqual(await last.connect(), head(14));
  try {
    // A handler that did not await its writes: they fail instead of landing outside the batch.
    let late;
    await last.transact({ prevHead: head(14), nextHead: head(15), isOnTop: false }, async (store) => {
      late = store;
    });
    await assert.rejects(late.find(model.Account, ['5Alice']), /not awaited/);
  } finally {
    await last.disconnect();
  }
});

test('a database with unfinalized blocks of another processor in it is refused', async () => {
  psql("INSERT INTO squid_processor.hot_block (height, hash) VALUES (16, '0x10')");
  try {
    await assert.rejects(new Database().connect(), /unfinalized blocks/);
  } finally {
    psql('DELETE FROM squid_processor.hot_block');
  }
  const db = new Database();
  assert.deepEqual(await db.connect(), head(15));
  await db.disconnect();
});
